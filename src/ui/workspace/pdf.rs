//! "Read a certificate PDF": the user drops a certificate (or chooses it),
//! a web worker reads it in this tab, and the fields it found come back as a
//! draft record to check field by field before it joins the evaluation.
//!
//! The PDF reader is its own module (`scopewise-pdf`), fetched from this
//! origin the first time a PDF is dropped, and run in a dedicated worker
//! (`pdf-worker.js`) that is started for one file and terminated as soon as
//! it answers: the file's bytes are moved to the worker, never copied, never
//! stored, and gone with the worker. A file that makes the reader stop (or
//! take too long) costs the worker, never the page.

use super::model::{self, field_id, Step};
use super::Ws;
use crate::certificate::{
    build_record, Confirmed, ConfirmedField, Field, FieldReading, Outcome, PdfError, Reading,
    MAX_FILE_BYTES,
};
use crate::domain::Layer;
use crate::error::UserError;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// How long the reader may take before the worker is stopped.
const READ_TIMEOUT_MS: i32 = 20_000;
/// The worker's script, next to index.html.
const WORKER_SCRIPT: &str = "pdf-worker.js";

/// What the drop zone shows.
#[allow(clippy::large_enum_variant)]
#[derive(Clone)]
enum State {
    Idle,
    Reading(String),
    Refused {
        file: String,
        kind: String,
        message: String,
    },
    Review(Draft),
}

/// One field of the draft, as the user checks it.
#[derive(Clone)]
struct DraftField {
    read: FieldReading,
    /// False for the standard when the PDF named none: the user types it.
    from_pdf: bool,
    value: RwSignal<String>,
    confirmed: RwSignal<bool>,
    error: RwSignal<Option<String>>,
}

#[derive(Clone)]
struct Draft {
    file: String,
    prefill: Reading,
    fields: Vec<DraftField>,
    millis: f64,
}

/// The drop zone of one layer of one candidate.
#[component]
pub fn PdfDrop(cid: String, layer: Layer) -> impl IntoView {
    let ws = expect_context::<Ws>();
    let state = RwSignal::new(State::Idle);
    let input_id = field_id(&cid, None, &format!("{}-pdf", layer.id()));
    let key = StoredValue::new(cid);
    let hovering = RwSignal::new(false);
    let take = move |file: web_sys::File| {
        if matches!(state.get_untracked(), State::Reading(_)) {
            return;
        }
        read_file(file, state);
    };
    let input_ref = NodeRef::<leptos::html::Input>::new();
    let disabled = move || {
        input_ref
            .get()
            .is_some_and(|i| i.matches(":disabled").unwrap_or(false))
    };
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            take(file);
        }
        // The same file may be chosen again after a refusal.
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        hovering.set(false);
        if disabled() {
            return;
        }
        let files = ev.data_transfer().and_then(|d| d.files());
        match files.as_ref().map(|f| f.length()) {
            Some(1) => {
                if let Some(file) = files.and_then(|f| f.get(0)) {
                    take(file)
                }
            }
            Some(0) | None => {}
            Some(_) => state.set(State::Refused {
                file: String::new(),
                kind: "several".into(),
                message: "Drop one certificate at a time: each becomes its own record.".into(),
            }),
        }
    };
    let on_dragover = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        if !disabled() {
            hovering.set(true);
        }
    };
    let zone_class = move || {
        if hovering.get() {
            "pdf-drop hovering"
        } else {
            "pdf-drop"
        }
    };
    let input_id_label = input_id.clone();
    view! {
        <div
            class=zone_class
            data-testid=format!("pdf-drop-{}", layer.id())
            on:dragover=on_dragover
            on:dragleave=move |_| hovering.set(false)
            on:drop=on_drop
        >
            <label for=input_id_label class="pdf-drop-label">
                {format!("Read a certificate PDF for the {}", layer.label().to_lowercase())}
            </label>
            <input
                id=input_id
                type="file"
                accept="application/pdf,.pdf"
                node_ref=input_ref
                on:change=on_change
            />
            <p class="hint">
                "Choose the file or drop it here. It is read in this tab, never uploaded, and not kept: "
                "the reader lets go of it as soon as it has read it."
            </p>
            <div aria-live="polite">
                {move || match state.get() {
                    State::Idle => ().into_any(),
                    State::Reading(name) => view! {
                        <p class="pdf-status" role="status" data-testid="pdf-reading">
                            {format!("Reading “{name}” in this tab…")}
                        </p>
                    }
                    .into_any(),
                    State::Refused { file, kind, message } => view! {
                        <p class="field-error" role="alert" data-testid="pdf-refused" data-kind=kind>
                            {if file.is_empty() { String::new() } else { format!("“{file}”: ") }}
                            {message}
                        </p>
                    }
                    .into_any(),
                    State::Review(draft) => view! {
                        <Review draft=draft state=state ws=ws cid=key.get_value() layer=layer/>
                    }
                    .into_any(),
                }}
            </div>
        </div>
    }
}

/// Checks the file's size, then hands its bytes to a fresh worker.
fn read_file(file: web_sys::File, state: RwSignal<State>) {
    let name = file.name();
    // The reader's own cap, checked here too so a huge file is never read
    // into memory (and the reader never fetched for it).
    if file.size() > MAX_FILE_BYTES as f64 {
        let refusal = PdfError::TooLarge {
            bytes: file.size() as usize,
            limit: MAX_FILE_BYTES,
        };
        state.set(State::Refused {
            file: name,
            kind: refusal.kind().into(),
            message: refusal.sentence(),
        });
        return;
    }
    state.set(State::Reading(name.clone()));
    leptos::task::spawn_local(async move {
        let started = now();
        let answer = match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => read_in_worker(buffer).await,
            Err(_) => Err("the browser could not read this file from your device.".to_string()),
        };
        let millis = now() - started;
        state.set(match answer {
            Ok(Outcome::Read(prefill)) => State::Review(draft(name, prefill, millis)),
            Ok(Outcome::Refused { kind, message }) => State::Refused {
                file: name,
                kind,
                message,
            },
            Err(message) => State::Refused {
                file: name,
                kind: "stopped".into(),
                message,
            },
        });
    });
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

fn draft(file: String, prefill: Reading, millis: f64) -> Draft {
    let mut fields: Vec<DraftField> = prefill
        .fields
        .iter()
        .map(|read| DraftField {
            read: read.clone(),
            from_pdf: true,
            value: RwSignal::new(read.value.clone()),
            confirmed: RwSignal::new(false),
            error: RwSignal::new(None),
        })
        .collect();
    // A record needs its standard: never assumed, typed when not read.
    if !fields.iter().any(|d| d.read.field == Field::Standard) {
        fields.insert(
            0,
            DraftField {
                read: FieldReading {
                    field: Field::Standard,
                    value: String::new(),
                    source: String::new(),
                    page: 0,
                    note: None,
                    found_by: String::new(),
                },
                from_pdf: false,
                value: RwSignal::new(String::new()),
                confirmed: RwSignal::new(false),
                error: RwSignal::new(None),
            },
        );
    }
    Draft {
        file,
        prefill,
        fields,
        millis,
    }
}

/// Runs the reader in a new worker on `buffer` (moved there, not copied)
/// and ends the worker when it answers, fails or takes too long.
async fn read_in_worker(buffer: JsValue) -> Result<Outcome, String> {
    const STOPPED: &str = "the PDF reader stopped on this file, so nothing was read from it. Type the fields in from the certificate.";
    const UNAVAILABLE: &str = "the PDF reader could not be started from this site (it may not have downloaded), so nothing was read. Check the connection and drop the file again, or type the fields in.";
    let opts = web_sys::WorkerOptions::new();
    opts.set_type(web_sys::WorkerType::Module);
    let worker = web_sys::Worker::new_with_options(WORKER_SCRIPT, &opts)
        .map_err(|_| "this browser could not start the PDF reader.".to_string())?;
    let w = worker.clone();
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let on_message =
            wasm_bindgen::closure::Closure::once_into_js(move |ev: web_sys::MessageEvent| {
                let _ = resolve.call1(&JsValue::NULL, &ev.data());
            });
        w.set_onmessage(Some(on_message.unchecked_ref()));
        let reject_error = reject.clone();
        let on_error = wasm_bindgen::closure::Closure::once_into_js(move |ev: web_sys::Event| {
            ev.prevent_default();
            let _ = reject_error.call1(&JsValue::NULL, &JsValue::from_str("error"));
        });
        w.set_onerror(Some(on_error.unchecked_ref()));
        let timeout = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("timeout"));
        });
        if let Some(win) = web_sys::window() {
            let _ = win.set_timeout_with_callback_and_timeout_and_arguments_0(
                timeout.unchecked_ref(),
                READ_TIMEOUT_MS,
            );
        }
    });
    let transfer = js_sys::Array::of1(&buffer);
    if worker
        .post_message_with_transfer(&buffer, &transfer)
        .is_err()
    {
        worker.terminate();
        return Err(STOPPED.into());
    }
    let answer = wasm_bindgen_futures::JsFuture::from(promise).await;
    // The worker, and the file's bytes with it, end here.
    worker.terminate();
    match answer {
        Ok(data) => match data.as_string() {
            Some(text) => serde_json::from_str::<Outcome>(&text).map_err(|_| STOPPED.to_string()),
            None => {
                let failed = js_sys::Reflect::get(&data, &JsValue::from_str("failed"))
                    .ok()
                    .and_then(|v| v.as_string());
                Err(match failed.as_deref() {
                    Some("load") => UNAVAILABLE.to_string(),
                    _ => STOPPED.to_string(),
                })
            }
        },
        Err(e) if e.as_string().as_deref() == Some("timeout") => Err(format!(
            "reading this PDF took longer than {} seconds, so it was stopped. Type the fields in from the certificate.",
            READ_TIMEOUT_MS / 1000
        )),
        // The worker's script or module could not be fetched or started.
        Err(_) => Err(UNAVAILABLE.into()),
    }
}

/// The draft: every field read, with the text it came from, to confirm.
#[component]
fn Review(
    draft: Draft,
    state: RwSignal<State>,
    ws: Ws,
    cid: String,
    layer: Layer,
) -> impl IntoView {
    let key = StoredValue::new(cid);
    let fields = StoredValue::new(draft.fields.clone());
    let file_name = StoredValue::new(draft.file.clone());
    let missing_fields = StoredValue::new(draft.prefill.missing.clone());
    let left = move || fields.with_value(|f| f.iter().filter(|d| !d.confirmed.get()).count());
    let prefix = field_id(&key.get_value(), None, &format!("{}-pdf", layer.id()));
    let add = move |_: leptos::ev::MouseEvent| {
        if left() > 0 {
            return;
        }
        let values: Vec<Confirmed> = fields.with_value(|f| {
            f.iter()
                .map(|d| Confirmed {
                    field: ConfirmedField::Record(d.read.field),
                    value: d.value.get_untracked(),
                })
                .collect()
        });
        fields.with_value(|f| f.iter().for_each(|d| d.error.set(None)));
        let cid = key.get_value();
        let Some(new_id) = ws
            .eval
            .with_untracked(|e| model::cand(e, &cid).map(model::next_record_id))
        else {
            return;
        };
        match build_record(new_id.clone(), layer, &values, Vec::new()) {
            Err(rejected) => {
                fields.with_value(|f| {
                    for r in &rejected {
                        if let Some(d) = f
                            .iter()
                            .find(|d| ConfirmedField::Record(d.read.field) == r.field)
                        {
                            d.error.set(Some(r.message.clone()));
                        }
                    }
                });
            }
            Ok(mut record) => {
                let today = crate::domain::format_date(ws.today);
                let missing = missing_fields.get_value();
                record.notes = format!(
                    "Read from the certificate PDF “{}” in this tab on {today}; each field read was checked against the PDF by the user.{}",
                    file_name.get_value(),
                    if missing.is_empty() {
                        String::new()
                    } else {
                        format!(
                            " Not found in the PDF: {}.",
                            missing.iter().map(|f| f.label().to_lowercase()).collect::<Vec<_>>().join(", ")
                        )
                    }
                );
                ws.update(|e| {
                    if let Some(c) = model::cand_mut(e, &cid) {
                        c.records.push(record);
                    }
                });
                state.set(State::Idle);
                ws.status
                    .set(format!("Added record {new_id} from the certificate PDF."));
                let first_missing = missing.first().map(|f| f.id()).unwrap_or("holder");
                ws.go_to(Step::Evidence, field_id(&cid, Some(&new_id), first_missing));
            }
        }
    };
    let prefill = draft.prefill.clone();
    let summary = format!(
        "Read “{}” in {:.0} ms: {} page{} read, {} field{} found. The file is no longer held by Scopewise.",
        draft.file,
        draft.millis,
        prefill.pages_read,
        if prefill.pages_read == 1 { "" } else { "s" },
        prefill.fields.len(),
        if prefill.fields.len() == 1 { "" } else { "s" },
    );
    let rows = draft
        .fields
        .iter()
        .map(|d| {
            let id = format!("{prefix}-{}", d.read.field.id());
            let confirm_id = format!("{id}-confirm");
            let confirm_for = confirm_id.clone();
            let d2 = d.clone();
            let value = d.value;
            let input = if d.read.field == Field::Scope {
                view! {
                    <textarea id=id.clone() rows="3" prop:value=move || value.get()
                        on:input=move |ev| { value.set(event_target_value(&ev)); d2.confirmed.set(false); }></textarea>
                }
                .into_any()
            } else {
                view! {
                    <input id=id.clone() type="text" prop:value=move || value.get()
                        on:input=move |ev| { value.set(event_target_value(&ev)); d2.confirmed.set(false); }/>
                }
                .into_any()
            };
            let confirmed = d.confirmed;
            let error = d.error;
            view! {
                <div class="pdf-field" data-field=d.read.field.id()>
                    <label for=id.clone()>{d.read.field.label()}</label>
                    {if d.from_pdf {
                        view! {
                            <span class="badge pdf-badge">"read from the PDF"</span>
                            {input}
                            <blockquote class="pdf-source">
                                <span class="hint">{format!("Page {}: ", d.read.page)}</span>
                                {d.read.source.clone()}
                            </blockquote>
                        }
                        .into_any()
                    } else {
                        view! {
                            <span class="badge pdf-badge missing">"not found in the PDF: type it as printed"</span>
                            {input}
                        }
                        .into_any()
                    }}
                    {d.read.note.clone().map(|n| view! { <p class="hint pdf-note">"⚠ " {n}</p> })}
                    {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                    <label class="pdf-confirm" for=confirm_for>
                        <input id=confirm_id type="checkbox" prop:checked=move || confirmed.get()
                            on:change=move |ev| confirmed.set(event_target_checked(&ev))/>
                        {if d.from_pdf { "I checked this against the PDF" } else { "I typed this from the PDF" }}
                    </label>
                </div>
            }
        })
        .collect_view();
    let missing = (!prefill.missing.is_empty()).then(|| {
        let names = prefill
            .missing
            .iter()
            .map(|f| view! { <li>{f.label()}</li> })
            .collect_view();
        view! {
            <div class="pdf-missing" data-testid="pdf-missing">
                <p>"Not found in the PDF (they stay empty; type them in after adding the record):"</p>
                <ul>{names}</ul>
            </div>
        }
    });
    let also = (!prefill.also_named.is_empty()).then(|| {
        let items = prefill
            .also_named
            .iter()
            .map(|a| view! { <li><strong>{a.standard.clone()}</strong> {format!(" (page {}): ", a.page)} <q>{a.source.clone()}</q></li> })
            .collect_view();
        view! {
            <div class="pdf-also" data-testid="pdf-also-named">
                <p>"The PDF also names these standards. They are not separate certificates: add a record for one only from its own certificate."</p>
                <ul>{items}</ul>
            </div>
        }
    });
    let notes = prefill
        .notes
        .iter()
        .map(|n| view! { <p class="hint">{n.clone()}</p> })
        .collect_view();
    view! {
        <section class="pdf-review" data-testid="pdf-review" aria-label="Fields read from the PDF">
            <p role="status">{summary}</p>
            {notes}
            {rows}
            {missing}
            {also}
            <p class="hint" data-testid="pdf-left">
                {move || match left() {
                    0 => "Every field is checked.".to_string(),
                    1 => "1 field left to check against the PDF.".to_string(),
                    n => format!("{n} fields left to check against the PDF."),
                }}
            </p>
            <button type="button" class="primary" disabled=move || { left() > 0 } on:click=add>
                "Add this record"
            </button>
            <button type="button" on:click=move |_| state.set(State::Idle)>"Discard"</button>
        </section>
    }
}
