//! Form fields that validate as the user types. The input keeps exactly what
//! was typed; the evaluation only receives the parsed value when it is valid.
//! The message (in words) sits next to the field, is linked by
//! `aria-describedby`, and sets `aria-invalid`, once the field is
//! [`Shown`]: touched by the user, or on a revealed step.

use super::model::Step;
use super::{StepScope, Ws};
use crate::domain::format_date;
use crate::error::UserError;
use crate::policy::{validate_date_input, FieldIssue};
use leptos::prelude::*;
use time::Date;

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
    let has_draft = ws.drafts.with_value(|d| d.contains_key(&id));
    let text = initial_text(ws, &id, model);
    let parse_error = RwSignal::new(parse(&text).err());
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
        match parse(&raw) {
            Ok(v) => {
                parse_error.set(None);
                ws.drafts.update_value(|d| {
                    d.remove(&key);
                });
                apply(v);
            }
            Err(m) => {
                parse_error.set(Some(m));
                ws.drafts.update_value(|d| {
                    d.insert(key.clone(), raw);
                });
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
    view! {
        <div class="field" class:wide=kind == Kind::Area>
            <label for=id>{label}</label>
            {hint}
            {control}
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
    field(
        ws,
        id,
        label.into(),
        hint,
        kind,
        model,
        |s: &str| Ok::<String, String>(s.to_string()),
        apply,
        issue,
    )
}

/// A `YYYY-MM-DD` date field; blank means "not given".
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
    field(
        ws,
        id,
        label.into(),
        Some("YYYY-MM-DD".to_string()),
        Kind::Text,
        model.map(format_date).unwrap_or_default(),
        |s: &str| validate_date_input(s).map_err(|e| e.sentence()),
        apply,
        issue,
    )
}
