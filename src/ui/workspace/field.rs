//! Form fields that validate as the user types. The input keeps exactly what
//! was typed; the evaluation only receives the parsed value when it is valid.
//! The message (in words) sits next to the field, is linked by
//! `aria-describedby`, and sets `aria-invalid`.

use super::Ws;
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
    let parse_error = RwSignal::new(parse(&text).err());
    let message = Memo::new(move |_| parse_error.get().or_else(&issue));
    let msg_id = format!("{id}-msg");
    let hint_id = format!("{id}-hint");
    let described = if hint.is_some() {
        format!("{hint_id} {msg_id}")
    } else {
        msg_id.clone()
    };
    let key = id.clone();
    let on_input = move |ev: leptos::ev::Event| {
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
