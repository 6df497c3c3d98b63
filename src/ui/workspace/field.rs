//! Form fields that validate as the user types. The input keeps exactly what
//! was typed; the evaluation only receives the parsed value when it is valid.
//! The message (in words) sits next to the field, is linked by
//! `aria-describedby`, and sets `aria-invalid`, once the field is
//! [`Shown`]: touched by the user, or on a revealed step.

use super::model::Step;
use super::{StepScope, Ws};
use crate::domain::{format_date, human_date, parse_date_input, DateRead, DayMonthOrder};
use crate::error::UserError;
use crate::policy::FieldIssue;
use leptos::prelude::*;
use time::Date;
use wasm_bindgen::JsCast;

/// How a field is typed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Area,
}

/// Whether a part of the form shows its problems: once the user has touched
/// it (edited it, or left it after focusing it), or once its step is
/// revealed ("Next" past it, or the report opened). Before that a field says
/// nothing, so nothing starts red: not an empty step 1, not a record
/// prefilled from the matrix.
#[derive(Clone, Copy)]
pub struct Shown {
    touched: RwSignal<bool>,
    step: Option<Step>,
    ws: Ws,
}

impl Shown {
    /// For a part of the form on the current [`StepScope`]; `touched` when
    /// it starts with something the user typed (a draft).
    pub fn new(ws: Ws, touched: bool) -> Self {
        Shown {
            touched: RwSignal::new(touched),
            step: use_context::<StepScope>().map(|s| s.0),
            ws,
        }
    }

    /// The user has touched it.
    pub fn touch(self) {
        if !self.touched.get_untracked() {
            self.touched.set(true);
        }
    }

    /// Whether its problems show (tracked).
    pub fn get(self) -> bool {
        self.touched.get() || self.ws.is_revealed(self.step)
    }

    /// `message` while shown, else nothing.
    pub fn gate(
        self,
        message: impl Fn() -> Option<String> + Send + Sync + Clone + 'static,
    ) -> impl Fn() -> Option<String> + Send + Sync + Clone + 'static {
        move || if self.get() { message() } else { None }
    }
}

/// A field's message from the model's own validation (e.g. an expiry before
/// the issue date), given a memo of the issues of its object.
pub fn issue_of(
    issues: Memo<Vec<FieldIssue>>,
    field: &'static str,
) -> impl Fn() -> Option<String> + Send + Sync + Clone + 'static {
    move || {
        issues.with(|v| {
            let msgs: Vec<&str> = v
                .iter()
                .filter(|i| i.field == field)
                .map(|i| i.message.as_str())
                .collect();
            (!msgs.is_empty()).then(|| msgs.join("; "))
        })
    }
}

/// The text to show in a field when it is (re)rendered: what the user typed
/// last if that was not valid, else the model's value.
fn initial_text(ws: Ws, id: &str, model: String) -> String {
    ws.drafts
        .with_value(|d| d.get(id).cloned())
        .unwrap_or(model)
}

/// The generic field: `parse` reads the raw text (an error is a sentence),
/// `apply` writes a parsed value into the evaluation, `issue` is the model's
/// own message for the field.
#[allow(clippy::too_many_arguments)]
pub fn field<T, P, A, I>(
    ws: Ws,
    id: String,
    label: String,
    hint: Option<String>,
    kind: Kind,
    model: String,
    parse: P,
    apply: A,
    issue: I,
) -> impl IntoView
where
    T: 'static,
    P: Fn(&str) -> Result<T, String> + Send + Sync + 'static,
    A: Fn(T) + Send + Sync + 'static,
    I: Fn() -> Option<String> + Send + Sync + 'static,
{
    let text = initial_text(ws, &id, model);
    let error = parse(&text).err();
    let input = move |raw: &str| parse(raw).map(&apply);
    let parts = Parts {
        label,
        hint,
        kind,
        input: Box::new(input),
        keep: None,
        issue: Box::new(issue),
        note: None,
        after: None,
    };
    field_core(ws, id, text, error, parts)
}

/// Reads a field's raw text: see [`Parts::input`].
type Input = dyn Fn(&str) -> Result<(), String> + Send + Sync;

/// What a field is made of, beside its id and text: the closures are boxed,
/// so that every field of the form shares one [`field_core`] (written out
/// once in the module, not once per field).
struct Parts {
    label: String,
    hint: Option<String>,
    kind: Kind,
    /// Reads the raw text and, when it parses, writes the value into the
    /// evaluation; else says what is wrong, in a sentence.
    input: Box<Input>,
    /// Told the raw text while it does not parse, and `None` just before a
    /// text that parses is written, so the evaluation can keep it.
    keep: Option<Box<dyn Fn(Option<String>) + Send + Sync>>,
    /// The model's own message for the field.
    issue: Box<dyn Fn() -> Option<String> + Send + Sync>,
    /// A line under the field saying how the text was understood.
    note: Option<Box<dyn Fn() -> Option<String> + Send + Sync>>,
    /// Drawn after the control (a date picker).
    after: Option<AnyView>,
}

/// The field itself: `text` is what it shows first, `error` what is wrong
/// with that text, if anything.
fn field_core(ws: Ws, id: String, text: String, error: Option<String>, parts: Parts) -> AnyView {
    let Parts {
        label,
        hint,
        kind,
        input,
        keep,
        issue,
        note,
        after,
    } = parts;
    let has_draft = ws.drafts.with_value(|d| d.contains_key(&id));
    let parse_error = RwSignal::new(error);
    let shown = Shown::new(ws, has_draft);
    let message = Memo::new(move |_| {
        if shown.get() {
            parse_error.get().or_else(&issue)
        } else {
            None
        }
    });
    let msg_id = format!("{id}-msg");
    let hint_id = format!("{id}-hint");
    let described = if hint.is_some() {
        format!("{hint_id} {msg_id}")
    } else {
        msg_id.clone()
    };
    let key = id.clone();
    let on_input = move |ev: leptos::ev::Event| {
        shown.touch();
        let raw = event_target_value(&ev);
        match input(&raw) {
            Ok(()) => {
                parse_error.set(None);
                ws.drafts.update_value(|d| {
                    d.remove(&key);
                });
            }
            Err(m) => {
                parse_error.set(Some(m));
                ws.drafts.update_value(|d| {
                    d.insert(key.clone(), raw.clone());
                });
                if let Some(keep) = &keep {
                    keep(Some(raw));
                }
            }
        }
    };
    let invalid = move || message.with(|m| if m.is_some() { "true" } else { "false" });
    let control = match kind {
        Kind::Text => view! {
            <input
                type="text"
                id=id.clone()
                prop:value=text
                aria-invalid=invalid
                aria-describedby=described
                autocomplete="off"
                spellcheck="false"
                on:input=on_input
                on:blur=move |_| shown.touch()
            />
        }
        .into_any(),
        Kind::Area => view! {
            <textarea
                id=id.clone()
                prop:value=text
                rows="3"
                aria-invalid=invalid
                aria-describedby=described
                on:input=on_input
                on:blur=move |_| shown.touch()
            ></textarea>
        }
        .into_any(),
    };
    let hint = hint.map(|h| view! { <span class="hint field-hint" id=hint_id>{h}</span> });
    let note = note.map(|n| {
        view! { <span class="hint field-understood" aria-live="polite">{n}</span> }
    });
    view! {
        <div class="field" class:wide=kind == Kind::Area>
            <label for=id.clone() id=format!("{id}-label")>{label}</label>
            {hint}
            {control}
            {after}
            {note}
            <span class="field-msg" id=msg_id aria-live="polite">
                {move || {
                    message
                        .get()
                        .map(|m| {
                            view! {
                                <span aria-hidden="true">"✗ "</span>
                                <span class="sr-only">"Problem: "</span>
                                {m}
                            }
                        })
                }}
            </span>
        </div>
    }
    .into_any()
}

/// A plain text field: every text is valid.
#[allow(clippy::too_many_arguments)]
pub fn text_field<A, I>(
    ws: Ws,
    id: String,
    label: impl Into<String>,
    hint: Option<String>,
    kind: Kind,
    model: String,
    apply: A,
    issue: I,
) -> impl IntoView
where
    A: Fn(String) + Send + Sync + 'static,
    I: Fn() -> Option<String> + Send + Sync + 'static,
{
    let text = initial_text(ws, &id, model);
    let parts = Parts {
        label: label.into(),
        hint,
        kind,
        input: Box::new(move |raw: &str| {
            apply(raw.to_string());
            Ok(())
        }),
        keep: None,
        issue: Box::new(issue),
        note: None,
        after: None,
    };
    field_core(ws, id, text, None, parts)
}

/// The day-month order the browser's language suggests: month first for
/// American English (and the few others that write dates that way), else
/// day first. The buyer sees it and can change it on step 1.
pub fn initial_date_order() -> DayMonthOrder {
    let window = web_sys::window();
    let chosen = window
        .as_ref()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(DATE_ORDER_KEY).ok().flatten());
    match chosen.as_deref() {
        Some("month-first") => DayMonthOrder::MonthFirst,
        Some("day-first") => DayMonthOrder::DayFirst,
        _ => date_order_for(
            &window
                .and_then(|w| w.navigator().language())
                .unwrap_or_default(),
        ),
    }
}

/// Where the buyer's choice of day-month order is kept in this browser.
const DATE_ORDER_KEY: &str = "scopewise.date-order";

/// Keeps the buyer's choice for the next visit (nothing is lost if the
/// browser refuses: the setting then starts from the language again).
pub fn remember_date_order(order: DayMonthOrder) {
    let value = match order {
        DayMonthOrder::DayFirst => "day-first",
        DayMonthOrder::MonthFirst => "month-first",
    };
    if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.set_item(DATE_ORDER_KEY, value);
    }
}

/// The day-month order of a language tag (`en-US` → month first).
pub fn date_order_for(lang: &str) -> DayMonthOrder {
    const MONTH_FIRST: [&str; 4] = ["en-us", "en-ph", "en-as", "en-um"];
    // (The ones that write month/day/year: the US and its territories, the
    // Philippines.)
    if MONTH_FIRST.contains(&lang.to_ascii_lowercase().as_str()) {
        DayMonthOrder::MonthFirst
    } else {
        DayMonthOrder::DayFirst
    }
}

/// What a date field understood, in words ("20 November 2025"; "4 May
/// 2025, reading the day first" when the order setting decided).
fn understood(read: Option<DateRead>) -> Option<String> {
    let r = read?;
    let how = match r.order_used {
        Some(DayMonthOrder::DayFirst) => ", reading the day first",
        Some(DayMonthOrder::MonthFirst) => ", reading the month first",
        None => "",
    };
    Some(format!("Read as {}{how}", human_date(r.date)))
}

const DATE_HINT: &str = "20/11/2025, 20 November 2025 or 2025-11-20";

/// A date field; blank means "not given". It reads dates as people write
/// them (see `domain::date_text`), with the buyer's day-month order, and
/// says under the field what it understood.
pub fn date_field<A, I>(
    ws: Ws,
    id: String,
    label: impl Into<String>,
    model: Option<Date>,
    apply: A,
    issue: I,
) -> impl IntoView
where
    A: Fn(Option<Date>) + Send + Sync + 'static,
    I: Fn() -> Option<String> + Send + Sync + 'static,
{
    kept_date_field(ws, id, label, model, None, apply, |_| {}, issue)
}

/// A date field whose text, while it is not a date yet, is kept in the
/// evaluation through `keep` (a record's `drafts`), so a reload loses
/// nothing; `draft` is that text when the field is drawn.
#[allow(clippy::too_many_arguments)]
pub fn kept_date_field<A, K, I>(
    ws: Ws,
    id: String,
    label: impl Into<String>,
    model: Option<Date>,
    draft: Option<String>,
    apply: A,
    keep: K,
    issue: I,
) -> impl IntoView
where
    A: Fn(Option<Date>) + Send + Sync + 'static,
    K: Fn(Option<String>) + Send + Sync + 'static,
    I: Fn() -> Option<String> + Send + Sync + 'static,
{
    let order = ws.date_order;
    let kept = draft.unwrap_or_else(|| model.map(format_date).unwrap_or_default());
    let read = RwSignal::new(
        parse_date_input(&kept, order.get_untracked())
            .ok()
            .flatten(),
    );
    let text = initial_text(ws, &id, kept);
    let error = parse_date_input(&text, order.get_untracked())
        .err()
        .map(|e| e.sentence());
    let keep = move |d: Option<String>| {
        if d.is_some() {
            read.set(None);
        }
        keep(d);
    };
    let keep = std::sync::Arc::new(keep);
    let keep_none = keep.clone();
    let parts = Parts {
        label: label.into(),
        hint: Some(DATE_HINT.to_string()),
        kind: Kind::Text,
        input: Box::new(move |raw: &str| {
            let r = parse_date_input(raw, order.get_untracked()).map_err(|e| e.sentence())?;
            keep_none(None);
            read.set(r);
            apply(r.map(|r| r.date));
            Ok(())
        }),
        keep: Some(Box::new(move |d| keep(d))),
        issue: Box::new(issue),
        note: Some(Box::new(move || understood(read.get()))),
        after: Some(picker(id.clone(), read).into_any()),
    };
    field_core(ws, id, text, error, parts)
}

/// The browser's own date picker beside a date field: what it picks is
/// typed into the field, as if by hand (so it is read, shown and kept the
/// same way).
fn picker(id: String, read: RwSignal<Option<DateRead>>) -> impl IntoView {
    let target = id.clone();
    let on_change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let input = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&target))
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
        if let Some(input) = input {
            input.set_value(&value);
            let init = web_sys::CustomEventInit::new();
            init.set_bubbles(true);
            if let Ok(e) = web_sys::CustomEvent::new_with_event_init_dict("input", &init) {
                let _ = input.dispatch_event(&e);
            }
        }
    };
    view! {
        <input
            type="date"
            class="date-picker"
            id=format!("{id}-picker")
            aria-label="Choose from a calendar"
            aria-describedby=format!("{id}-label")
            min="1950-01-01"
            max="2200-12-31"
            prop:value=move || read.get().map(|r| format_date(r.date)).unwrap_or_default()
            on:change=on_change
        />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_language_suggests_the_order_and_the_field_says_what_it_read() {
        assert_eq!(date_order_for("en-US"), DayMonthOrder::MonthFirst);
        assert_eq!(date_order_for("en-us"), DayMonthOrder::MonthFirst);
        assert_eq!(date_order_for("en-GB"), DayMonthOrder::DayFirst);
        assert_eq!(date_order_for("de"), DayMonthOrder::DayFirst);
        assert_eq!(date_order_for(""), DayMonthOrder::DayFirst);
        let read = |s: &str, o| understood(parse_date_input(s, o).unwrap());
        assert_eq!(
            read("04/05/2025", DayMonthOrder::DayFirst).as_deref(),
            Some("Read as 4 May 2025, reading the day first")
        );
        assert_eq!(
            read("04/05/2025", DayMonthOrder::MonthFirst).as_deref(),
            Some("Read as 5 April 2025, reading the month first")
        );
        assert_eq!(
            read("20/11/2025", DayMonthOrder::MonthFirst).as_deref(),
            Some("Read as 20 November 2025")
        );
        assert_eq!(read("", DayMonthOrder::DayFirst), None);
    }
}
