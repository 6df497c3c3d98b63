//! "Read certificate PDFs": the user drops certificates, SOC 2 reports and
//! letters (several at once, or a ZIP of them), or chooses them; a web
//! worker reads each in this tab, and each comes back as its own review:
//! what the document is, the layer and standard it belongs to, and every
//! field read, to check one by one before it joins the evaluation.
//!
//! The PDF reader is its own module (`scopewise-pdf`), fetched from this
//! origin the first time a PDF is dropped, and run in a dedicated worker
//! (`pdf-worker.js`) started for one file and terminated as soon as it
//! answers: the bytes are moved to the worker, never stored. A file that
//! makes the reader stop (or take too long) costs the worker, never the
//! page. A scanned PDF (no text) can be read with text recognition (OCR)
//! when the user agrees: `ocr.js` and tesseract.js's files are fetched from
//! this origin then, and only then.

use super::model::{self, field_id, Step};
use super::Ws;
use crate::certificate::{
    build_record, Confirmed, ConfirmedField, DocumentKind, Field, FieldReading, Outcome, PdfError,
    Reading, Soc2Field, MAX_FILE_BYTES, MAX_ZIP_BYTES, SOC2_CERTIFICATE_NOTE,
};
use crate::domain::Layer;
use crate::error::UserError;
use crate::ui::bridge::Message;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// How long the reader may take before the worker is stopped.
const READ_TIMEOUT_MS: i32 = 20_000;
/// How long text recognition may take, per file.
const OCR_TIMEOUT_MS: i32 = 180_000;
/// The worker's script, next to index.html.
const WORKER_SCRIPT: &str = "pdf-worker.js";
/// Files read from one drop (a ZIP's PDFs included).
const MAX_FILES: usize = 30;

/// Why the worker gave no reading.
#[derive(Debug, Clone, PartialEq, Eq)]
enum WorkerError {
    CannotStart,
    Unavailable,
    Stopped,
    Timeout { seconds: i32 },
    FileUnreadable,
    OcrUnavailable,
}

impl std::fmt::Display for WorkerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.sentence())
    }
}

impl std::error::Error for WorkerError {}

impl UserError for WorkerError {
    fn message(&self) -> String {
        match self {
            WorkerError::CannotStart => "this browser could not start the PDF reader".into(),
            WorkerError::Unavailable => "the PDF reader could not be started from this site (it may not have downloaded), so nothing was read".into(),
            WorkerError::Stopped => "the PDF reader stopped on this file, so nothing was read from it".into(),
            WorkerError::Timeout { seconds } => format!("reading this PDF took longer than {seconds} seconds, so it was stopped"),
            WorkerError::FileUnreadable => "the browser could not read this file from your device".into(),
            WorkerError::OcrUnavailable => "the text recognition could not be loaded from this site, so nothing was read".into(),
        }
    }

    fn help(&self) -> Option<String> {
        Some(
            match self {
                WorkerError::Unavailable | WorkerError::OcrUnavailable => {
                    "Check the connection and drop the file again, or type the fields in."
                }
                _ => "Type the fields in from the certificate.",
            }
            .into(),
        )
    }
}

/// What one file's row shows.
#[allow(clippy::large_enum_variant)]
#[derive(Clone)]
enum FileState {
    Reading,
    Refused {
        kind: String,
        message: String,
    },
    /// A scan: the user is asked before the recogniser is fetched.
    AskOcr,
    Recognising(String),
    Review(Draft),
}

/// One file of a drop.
#[derive(Clone)]
struct Item {
    key: u32,
    /// The smallest number no other row of the zone holds: the review's
    /// field ids use it, so the first (or only) review's ids are plain.
    slot: u32,
    name: String,
    state: RwSignal<FileState>,
    /// The file, kept only while a scan waits for the user's answer.
    blob: StoredValue<Option<web_sys::Blob>, LocalStorage>,
}

/// One field of the draft, as the user checks it.
#[derive(Clone)]
struct DraftField {
    field: ConfirmedField,
    read: FieldReading<()>,
    /// False when the document did not give it: the user types it.
    from_pdf: bool,
    value: RwSignal<String>,
    confirmed: RwSignal<bool>,
    error: RwSignal<Option<String>>,
}

#[derive(Clone)]
struct Draft {
    prefill: Reading,
    fields: Vec<DraftField>,
    millis: f64,
    layer: RwSignal<Layer>,
}

/// The drop zone of one layer of one candidate.
#[component]
pub fn PdfDrop(cid: String, layer: Layer) -> impl IntoView {
    let ws = expect_context::<Ws>();
    let items: RwSignal<Vec<Item>> = RwSignal::new(Vec::new());
    let zone_note: RwSignal<Option<String>> = RwSignal::new(None);
    let next_key = StoredValue::new(0u32);
    let input_id = field_id(&cid, None, &format!("{}-pdf", layer.id()));
    let key = StoredValue::new(cid);
    let hovering = RwSignal::new(false);
    let input_ref = NodeRef::<leptos::html::Input>::new();
    let disabled = move || {
        input_ref
            .get()
            .is_some_and(|i| i.matches(":disabled").unwrap_or(false))
    };
    // A new drop clears the rows that are done with (refusals); reviews
    // not yet added stay.
    let take = move |files: Vec<web_sys::File>| {
        zone_note.set(None);
        items.update(|v| {
            v.retain(|i| {
                matches!(
                    i.state.get_untracked(),
                    FileState::Review(_)
                        | FileState::AskOcr
                        | FileState::Reading
                        | FileState::Recognising(_)
                )
            })
        });
        let mut files = files;
        if files.len() > MAX_FILES {
            zone_note.set(Some(format!(
                "Only the first {MAX_FILES} files of this drop are read."
            )));
            files.truncate(MAX_FILES);
        }
        for file in files {
            let name = file.name();
            let is_zip = name.to_ascii_lowercase().ends_with(".zip")
                || matches!(
                    file.type_().as_str(),
                    "application/zip" | "application/x-zip-compressed"
                );
            if is_zip {
                open_zip(file, items, next_key, zone_note);
            } else {
                let item = new_item(items, next_key, name);
                items.update(|v| v.push(item.clone()));
                read_file(file.into(), item);
            }
        }
    };
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(list) = input.files() {
            take((0..list.length()).filter_map(|i| list.get(i)).collect());
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
        if let Some(list) = ev.data_transfer().and_then(|d| d.files()) {
            take((0..list.length()).filter_map(|i| list.get(i)).collect());
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
                multiple=true
                accept="application/pdf,.pdf,application/zip,.zip"
                node_ref=input_ref
                on:change=on_change
            />
            <p class="hint">
                "Choose the files or drop them here: certificates, SOC 2 reports and letters, several at once or a ZIP of them. "
                "They are read in this tab, never uploaded, and not kept: the reader lets go of each as soon as it has read it."
            </p>
            <div aria-live="polite">
                {move || zone_note.get().map(|n| view! { <p class="hint" data-testid="pdf-zone-note">{n}</p> })}
                <For
                    each=move || items.get()
                    key=|i| i.key
                    children=move |item| view! { <FileRow item=item items=items ws=ws cid=key.get_value() layer=layer/> }
                />
            </div>
        </div>
    }
}

fn new_item(items: RwSignal<Vec<Item>>, next_key: StoredValue<u32>, name: String) -> Item {
    let k = next_key.get_value();
    next_key.set_value(k + 1);
    let slot = items.with_untracked(|v| {
        (0u32..)
            .find(|s| v.iter().all(|i| i.slot != *s))
            .unwrap_or(0)
    });
    Item {
        key: k,
        slot,
        name,
        state: RwSignal::new(FileState::Reading),
        blob: StoredValue::new_local(None),
    }
}

/// One file's row: reading, refused, asking about OCR, or its review.
#[component]
fn FileRow(
    item: Item,
    items: RwSignal<Vec<Item>>,
    ws: Ws,
    cid: String,
    layer: Layer,
) -> impl IntoView {
    let cid = StoredValue::new(cid);
    let it = StoredValue::new_local(item.clone());
    let state = item.state;
    let name = item.name.clone();
    view! {
        {move || {
            let name = name.clone();
            match state.get() {
                FileState::Reading => view! {
                    <p class="pdf-status" role="status" data-testid="pdf-reading">
                        {format!("Reading “{name}” in this tab…")}
                    </p>
                }
                .into_any(),
                FileState::Recognising(status) => view! {
                    <p class="pdf-status" role="status" data-testid="pdf-recognising">
                        {format!("Recognising the text of “{name}” in this tab… {status}")}
                    </p>
                }
                .into_any(),
                FileState::Refused { kind, message } => view! {
                    <p class="field-error" role="alert" data-testid="pdf-refused" data-kind=kind>
                        {format!("“{name}”: ")}
                        {message}
                    </p>
                }
                .into_any(),
                FileState::AskOcr => view! { <AskOcr item=it.get_value()/> }.into_any(),
                FileState::Review(draft) => view! {
                    <Review item=it.get_value() draft=draft items=items ws=ws cid=cid.get_value() layer=layer/>
                }
                .into_any(),
            }
        }}
    }
}

/// Unpacks a ZIP in a worker and reads each of its PDFs as a dropped file.
fn open_zip(
    file: web_sys::File,
    items: RwSignal<Vec<Item>>,
    next_key: StoredValue<u32>,
    zone_note: RwSignal<Option<String>>,
) {
    let name = file.name();
    let item = new_item(items, next_key, name.clone());
    if file.size() > MAX_ZIP_BYTES as f64 {
        let e = crate::certificate::ZipError::TooLarge {
            bytes: file.size() as usize,
        };
        item.state.set(FileState::Refused {
            kind: "zip".into(),
            message: e.sentence(),
        });
        items.update(|v| v.push(item));
        return;
    }
    items.update(|v| v.push(item.clone()));
    leptos::task::spawn_local(async move {
        let answer = match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => {
                let msg = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&msg, &"unzip".into(), &buffer);
                in_worker(msg.into(), Some(buffer), READ_TIMEOUT_MS).await
            }
            Err(_) => Err(WorkerError::FileUnreadable),
        };
        let data = match answer {
            Ok(d) => d,
            Err(e) => {
                item.state.set(FileState::Refused {
                    kind: "stopped".into(),
                    message: e.sentence(),
                });
                return;
            }
        };
        let get = |o: &JsValue, k: &str| {
            js_sys::Reflect::get(o, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED)
        };
        let refused = get(&data, "refused");
        if !refused.is_undefined() {
            item.state.set(FileState::Refused {
                kind: get(&refused, "kind").as_string().unwrap_or_default(),
                message: get(&refused, "message").as_string().unwrap_or_default(),
            });
            return;
        }
        // The ZIP's own row gives way to its PDFs' rows.
        items.update(|v| v.retain(|i| i.key != item.key));
        let skipped: Vec<String> = js_sys::Array::from(&get(&data, "skipped"))
            .iter()
            .filter_map(|s| s.as_string())
            .collect();
        let files = js_sys::Array::from(&get(&data, "files"));
        zone_note.set(Some(format!(
            "“{name}”: {} PDF{} found.{}",
            files.length(),
            if files.length() == 1 { "" } else { "s" },
            if skipped.is_empty() {
                String::new()
            } else {
                format!(" Left out: {}.", skipped.join("; "))
            }
        )));
        for f in files.iter() {
            let pdf_name = get(&f, "name").as_string().unwrap_or_default();
            let bytes: js_sys::Uint8Array = get(&f, "bytes").unchecked_into();
            let parts = js_sys::Array::of1(&bytes);
            let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence(&parts) else {
                continue;
            };
            let item = new_item(items, next_key, pdf_name);
            items.update(|v| v.push(item.clone()));
            read_file(blob, item);
        }
    });
}

/// Checks the file's size, then hands its bytes to a fresh worker.
fn read_file(blob: web_sys::Blob, item: Item) {
    // The reader's own cap, checked here too so a huge file is never read
    // into memory (and the reader never fetched for it).
    if blob.size() > MAX_FILE_BYTES as f64 {
        let refusal = PdfError::TooLarge {
            bytes: blob.size() as usize,
            limit: MAX_FILE_BYTES,
        };
        item.state.set(FileState::Refused {
            kind: refusal.kind().into(),
            message: refusal.sentence(),
        });
        return;
    }
    item.state.set(FileState::Reading);
    leptos::task::spawn_local(async move {
        let started = now();
        let answer = match wasm_bindgen_futures::JsFuture::from(blob.array_buffer()).await {
            Ok(buffer) => read_outcome(buffer.clone(), Some(buffer), READ_TIMEOUT_MS).await,
            Err(_) => Err(WorkerError::FileUnreadable),
        };
        let millis = now() - started;
        settle(&item, answer, millis, Some(blob));
    });
}

/// Shows a worker's answer on the file's row.
fn settle(
    item: &Item,
    answer: Result<Outcome, WorkerError>,
    millis: f64,
    blob: Option<web_sys::Blob>,
) {
    item.state.set(match answer {
        Ok(Outcome::Read(prefill)) => FileState::Review(draft(prefill, millis)),
        Ok(Outcome::Refused { kind, .. }) if kind == "scan" && blob.is_some() => {
            item.blob.set_value(blob);
            FileState::AskOcr
        }
        Ok(Outcome::Refused { kind, message }) => FileState::Refused { kind, message },
        Err(e) => FileState::Refused {
            kind: "stopped".into(),
            message: e.sentence(),
        },
    });
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

fn draft_field(field: ConfirmedField, r: Option<FieldReading<()>>) -> DraftField {
    let from_pdf = r.is_some();
    let read = r.unwrap_or(FieldReading {
        field: (),
        value: String::new(),
        source: String::new(),
        page: 0,
        note: None,
        found_by: String::new(),
    });
    DraftField {
        field,
        value: RwSignal::new(read.value.clone()),
        read,
        from_pdf,
        confirmed: RwSignal::new(false),
        error: RwSignal::new(None),
    }
}

fn untyped<F>(f: &FieldReading<F>) -> FieldReading<()> {
    FieldReading {
        field: (),
        value: f.value.clone(),
        source: f.source.clone(),
        page: f.page,
        note: f.note.clone(),
        found_by: f.found_by.clone(),
    }
}

fn draft(prefill: Reading, millis: f64) -> Draft {
    let mut fields: Vec<DraftField> = prefill
        .fields
        .iter()
        .map(|r| draft_field(ConfirmedField::Record(r.field), Some(untyped(r))))
        .collect();
    // A record needs its standard: never assumed, typed when not read.
    if !prefill.document.makes_no_record() && prefill.get(Field::Standard).is_none() {
        fields.insert(
            0,
            draft_field(ConfirmedField::Record(Field::Standard), None),
        );
    }
    if let Some(s) = &prefill.soc2 {
        fields.extend(
            s.fields
                .iter()
                .map(|r| draft_field(ConfirmedField::Soc2(r.field), Some(untyped(r)))),
        );
        // A SOC 2 record needs its type: typed when not read.
        if s.get(Soc2Field::Type).is_none() {
            fields.push(draft_field(ConfirmedField::Soc2(Soc2Field::Type), None));
        }
    }
    Draft {
        prefill,
        fields,
        millis,
        layer: RwSignal::new(Layer::Model),
    }
}

/// Posts `message` to a new worker (moving `transfer`), and ends the
/// worker when it answers, fails or takes longer than `timeout` ms.
async fn in_worker(
    message: JsValue,
    transfer: Option<JsValue>,
    timeout: i32,
) -> Result<JsValue, WorkerError> {
    let opts = web_sys::WorkerOptions::new();
    opts.set_type(web_sys::WorkerType::Module);
    let worker = web_sys::Worker::new_with_options(WORKER_SCRIPT, &opts)
        .map_err(|_| WorkerError::CannotStart)?;
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
        let on_timeout = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("timeout"));
        });
        if let Some(win) = web_sys::window() {
            let _ = win.set_timeout_with_callback_and_timeout_and_arguments_0(
                on_timeout.unchecked_ref(),
                timeout,
            );
        }
    });
    let sent = match &transfer {
        Some(t) => worker.post_message_with_transfer(&message, &js_sys::Array::of1(t)),
        None => worker.post_message(&message),
    };
    if sent.is_err() {
        worker.terminate();
        return Err(WorkerError::Stopped);
    }
    let answer = wasm_bindgen_futures::JsFuture::from(promise).await;
    // The worker, and the file's bytes with it, end here.
    worker.terminate();
    match answer {
        Ok(data) => {
            let failed = js_sys::Reflect::get(&data, &JsValue::from_str("failed"))
                .ok()
                .and_then(|v| v.as_string());
            match failed.as_deref() {
                Some("load") => Err(WorkerError::Unavailable),
                Some(_) => Err(WorkerError::Stopped),
                None => Ok(data),
            }
        }
        Err(e) if e.as_string().as_deref() == Some("timeout") => Err(WorkerError::Timeout {
            seconds: timeout / 1000,
        }),
        // The worker's script or module could not be fetched or started.
        Err(_) => Err(WorkerError::Unavailable),
    }
}

/// The reader's answer (JSON text) for a message.
async fn read_outcome(
    message: JsValue,
    transfer: Option<JsValue>,
    timeout: i32,
) -> Result<Outcome, WorkerError> {
    let data = in_worker(message, transfer, timeout).await?;
    match Message::from_js(&data) {
        Some(Message::PdfRead(json)) => {
            serde_json::from_str::<Outcome>(&json).map_err(|_| WorkerError::Stopped)
        }
        _ => Err(WorkerError::Stopped),
    }
}

/// What the first recognition downloads, in bytes, from `ocr/files.json`
/// (the list of the recogniser's files; no code).
async fn ocr_size() -> Option<f64> {
    let win = web_sys::window()?;
    let resp = wasm_bindgen_futures::JsFuture::from(win.fetch_with_str("ocr/files.json"))
        .await
        .ok()?;
    let json: js_sys::Function = js_sys::Reflect::get(&resp, &"json".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let promise: js_sys::Promise = json.call0(&resp).ok()?.dyn_into().ok()?;
    let manifest = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    let download = js_sys::Reflect::get(&manifest, &"download".into()).ok()?;
    js_sys::Reflect::get(&download, &"base".into())
        .ok()?
        .as_f64()
}

/// Loads `ocr.js` (and through it tesseract.js) from this origin, through
/// the page's module loader, and starts the recognition.
async fn ocr_recognise(
    images: &JsValue,
    progress: &js_sys::Function,
) -> Result<JsValue, WorkerError> {
    crate::ui::bridge::load("ocr", &[])
        .await
        .map_err(|_| WorkerError::OcrUnavailable)?;
    let api = js_sys::Reflect::get(&js_sys::global(), &"scopewiseOcr".into())
        .map_err(|_| WorkerError::OcrUnavailable)?;
    let recognise: js_sys::Function = js_sys::Reflect::get(&api, &"recognise".into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or(WorkerError::OcrUnavailable)?;
    let promise: js_sys::Promise = recognise
        .call2(&api, images, progress)
        .ok()
        .and_then(|p| p.dyn_into().ok())
        .ok_or(WorkerError::OcrUnavailable)?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|_| WorkerError::OcrUnavailable)
}

/// The question before text recognition is fetched.
#[component]
fn AskOcr(item: Item) -> impl IntoView {
    let size: RwSignal<Option<f64>> = RwSignal::new(None);
    leptos::task::spawn_local(async move {
        size.set(ocr_size().await);
    });
    let name = item.name.clone();
    let it = StoredValue::new_local(item);
    let yes = move |_| {
        let item = it.get_value();
        let blob = item.blob.get_value();
        item.blob.set_value(None);
        let Some(blob) = blob else { return };
        item.state.set(FileState::Recognising(String::new()));
        leptos::task::spawn_local(async move {
            let started = now();
            let answer = recognise(blob, item.state).await;
            settle(&item, answer, now() - started, None);
        });
    };
    let no = move |_| {
        let item = it.get_value();
        item.blob.set_value(None);
        item.state.set(FileState::Refused {
            kind: "scan".into(),
            message: PdfError::NoTextLayer.sentence(),
        });
    };
    view! {
        <div class="pdf-ask" role="group" aria-label="Read a scanned PDF" data-testid="pdf-ask-ocr">
            <p>
                {format!("“{name}”: ")}
                {move || format!(
                    "This PDF is a scanned image. Read it in this tab with text recognition? ({}, once, from this site)",
                    size.get().map_or("a few MB".to_string(), |b| format!("{:.1} MB", b / 1_048_576.0))
                )}
            </p>
            <button type="button" class="primary" on:click=yes>"Read it with text recognition"</button>
            <button type="button" on:click=no>"No, I will type the fields in"</button>
        </div>
    }
}

/// The page images (from the reader's worker), recognised by tesseract.js,
/// read by the reader's worker.
async fn recognise(
    blob: web_sys::Blob,
    state: RwSignal<FileState>,
) -> Result<Outcome, WorkerError> {
    let buffer = wasm_bindgen_futures::JsFuture::from(blob.array_buffer())
        .await
        .map_err(|_| WorkerError::FileUnreadable)?;
    let msg = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&msg, &"images".into(), &buffer);
    let images = in_worker(msg.into(), Some(buffer), READ_TIMEOUT_MS).await?;
    if js_sys::Array::from(&images).length() == 0 {
        return Ok(Outcome::Refused {
            kind: "ocr".into(),
            message: crate::error::sentence(
                "this PDF's pages carry no image the text recognition can read (its text may be drawn as outlines)",
                Some("Type the fields in from the certificate."),
            ),
        });
    }
    let progress = wasm_bindgen::closure::Closure::<dyn Fn(JsValue, JsValue)>::new(
        move |status: JsValue, p: JsValue| {
            let status = status.as_string().unwrap_or_default();
            let pct = p
                .as_f64()
                .map(|p| format!(" {:.0}%", p * 100.0))
                .unwrap_or_default();
            state.set(FileState::Recognising(format!("{status}{pct}")));
        },
    );
    let result = ocr_recognise(&images, progress.as_ref().unchecked_ref()).await?;
    drop(progress);
    let words = js_sys::Reflect::get(&result, &"words".into())
        .ok()
        .and_then(|w| w.as_string())
        .ok_or(WorkerError::OcrUnavailable)?;
    let msg = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&msg, &"recognised".into(), &JsValue::from_str(&words));
    read_outcome(msg.into(), None, OCR_TIMEOUT_MS).await
}

/// The layer a document belongs to: the platform when its holder is the
/// candidate's platform vendor, the model layer when it is the model
/// vendor, else the zone where it was dropped.
fn propose_layer(ws: Ws, cid: &str, zone: Layer, holder: Option<&str>) -> (Layer, String) {
    let Some(holder) = holder.map(crate::certificate::fold_text) else {
        return (zone, String::new());
    };
    ws.eval.with_untracked(|e| {
        let Some(c) = model::cand(e, cid) else {
            return (zone, String::new());
        };
        let names = |v: &str| {
            let name = crate::certificate::fold_text(&model::vendor_name(v));
            name.split_whitespace()
                .next()
                .unwrap_or_default()
                .to_string()
        };
        for (layer, vendor) in [
            (
                Layer::Platform,
                c.platform.as_ref().map(|p| p.vendor.clone()),
            ),
            (Layer::Model, Some(c.model_vendor.clone())),
        ] {
            let Some(v) = vendor else { continue };
            let first = names(&v);
            if first.len() >= 3 && holder.contains(&first) {
                return (
                    layer,
                    format!(
                        "the document names {} as its holder",
                        model::vendor_name(&v)
                    ),
                );
            }
        }
        (zone, String::new())
    })
}

/// The draft: what the document is, where it goes, and every field read,
/// with the text it came from, to confirm.
#[component]
fn Review(
    item: Item,
    draft: Draft,
    items: RwSignal<Vec<Item>>,
    ws: Ws,
    cid: String,
    layer: Layer,
) -> impl IntoView {
    let key = StoredValue::new(cid.clone());
    let (proposed, reason) = propose_layer(
        ws,
        &cid,
        layer,
        draft.prefill.get(Field::Holder).map(|f| f.value.as_str()),
    );
    draft.layer.set(proposed);
    let chosen = draft.layer;
    let fields = StoredValue::new(draft.fields.clone());
    let file_name = StoredValue::new(item.name.clone());
    let item_key = item.key;
    let slot = item.slot;
    let prefill = draft.prefill.clone();
    let kind = prefill.document.clone();
    let no_record = kind.makes_no_record();
    let missing_fields = StoredValue::new(prefill.missing.clone());
    let soc2_reading = StoredValue::new(prefill.soc2.clone());
    let is_soc2_certificate = kind == DocumentKind::Soc2Certificate;
    let ocr = prefill.ocr;
    let left = move || fields.with_value(|f| f.iter().filter(|d| !d.confirmed.get()).count());
    let remove_row = move || items.update(|v| v.retain(|i| i.key != item_key));
    let prefix = field_id(
        &key.get_value(),
        None,
        &if slot == 0 {
            format!("{}-pdf", layer.id())
        } else {
            format!("{}-pdf{slot}", layer.id())
        },
    );
    let add = move |_: leptos::ev::MouseEvent| {
        if left() > 0 || no_record {
            return;
        }
        let values: Vec<Confirmed> = fields.with_value(|f| {
            f.iter()
                .map(|d| Confirmed {
                    field: d.field,
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
        let soc2 = soc2_reading.get_value();
        let subservice = soc2
            .as_ref()
            .map(crate::certificate::Soc2Reading::organisations)
            .unwrap_or_default();
        let target = chosen.get_untracked();
        match build_record(new_id.clone(), target, &values, subservice) {
            Err(rejected) => {
                fields.with_value(|f| {
                    for r in &rejected {
                        if let Some(d) = f.iter().find(|d| d.field == r.field) {
                            d.error.set(Some(r.message.clone()));
                        }
                    }
                });
            }
            Ok(mut record) => {
                let today = crate::domain::format_date(ws.today);
                let missing = missing_fields.get_value();
                let mut notes = vec![format!(
                    "Read from the certificate PDF “{}” in this tab on {today}{}; each field read was checked against the PDF by the user.",
                    file_name.get_value(),
                    if ocr { " by text recognition (OCR)" } else { "" }
                )];
                if !missing.is_empty() {
                    notes.push(format!(
                        "Not found in the PDF: {}.",
                        missing
                            .iter()
                            .map(|f| f.label().to_lowercase())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
                if is_soc2_certificate {
                    notes.push(SOC2_CERTIFICATE_NOTE.to_string());
                }
                if let Some(s) = &soc2 {
                    if let Some(sig) = &s.signed_by {
                        notes.push(format!(
                            "Bridge letter signed by {} ({}).",
                            sig.name,
                            if sig.management {
                                "the service organisation's management"
                            } else {
                                "apparently the audit firm: a bridge letter must be management's"
                            }
                        ));
                    }
                    if let Some(st) = &s.statement {
                        notes.push(format!("The letter states: “{st}”."));
                    }
                }
                record.notes = notes.join(" ");
                ws.update(|e| {
                    if let Some(c) = model::cand_mut(e, &cid) {
                        c.records.push(record);
                    }
                });
                remove_row();
                ws.status
                    .set(format!("Added record {new_id} from the certificate PDF."));
                let first_missing = missing.first().map(|f| f.id()).unwrap_or("holder");
                ws.go_to(Step::Evidence, field_id(&cid, Some(&new_id), first_missing));
            }
        }
    };
    let summary = format!(
        "Read “{}” in {:.0} ms{}: {} page{} read, {} field{} found. The file is no longer held by Scopewise.",
        item.name,
        draft.millis,
        if ocr { " by text recognition" } else { "" },
        prefill.pages_read,
        if prefill.pages_read == 1 { "" } else { "s" },
        draft.fields.iter().filter(|d| d.from_pdf).count(),
        if draft.fields.iter().filter(|d| d.from_pdf).count() == 1 { "" } else { "s" },
    );
    let badge = if ocr {
        "read by text recognition (OCR)"
    } else {
        "read from the PDF"
    };
    let rows = draft
        .fields
        .iter()
        .map(|d| {
            let id = format!("{prefix}-{}", d.field.id().replace('.', "-"));
            let confirm_id = format!("{id}-confirm");
            let confirm_for = confirm_id.clone();
            let d2 = d.clone();
            let value = d.value;
            let input = if d.field == ConfirmedField::Record(Field::Scope) {
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
                <div class="pdf-field" data-field=d.field.id() data-ocr=ocr.to_string()>
                    <label for=id.clone()>{d.field.label()}</label>
                    {if d.from_pdf {
                        view! {
                            <span class="badge pdf-badge" class:ocr=ocr>{badge}</span>
                            {input}
                            <blockquote class="pdf-source">
                                <span class="hint">{format!("Page {}, found by {}: ", d.read.page, d.read.found_by)}</span>
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
            .chain(prefill.soc2.iter().flat_map(|s| s.missing.iter().map(|f| view! { <li>{f.label()}</li> })))
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
    let soc2_extra = prefill.soc2.clone().map(|s| {
        let subs = (!s.subservice_organisations.is_empty()).then(|| {
            let rows = s
                .subservice_organisations
                .iter()
                .map(|o| {
                    view! {
                        <li>
                            <strong>{o.name.clone()}</strong>
                            {format!(
                                ": {} (page {})",
                                match o.method {
                                    crate::domain::evaluation::SubserviceMethod::CarveOut => "carved out: its controls are not covered by the report",
                                    crate::domain::evaluation::SubserviceMethod::Inclusive => "included: its controls are tested in the report",
                                },
                                o.page
                            )}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div class="pdf-subservice" data-testid="pdf-subservice">
                    <p>"Subservice organisations the report names (added to the record):"</p>
                    <ul>{rows}</ul>
                </div>
            }
        });
        let signer = s.signed_by.clone().map(|sig| {
            view! {
                <p class="hint" data-testid="pdf-signed-by">
                    {format!(
                        "Signed by {} — {}.",
                        sig.name,
                        if sig.management {
                            "the service organisation's management, as a bridge letter is: it is not the auditor's assurance"
                        } else {
                            "apparently the audit firm: a bridge letter must be management's, check who issued it"
                        }
                    )}
                </p>
            }
        });
        let statement = s.statement.clone().map(|st| {
            view! {
                <blockquote class="pdf-source" data-testid="pdf-statement">
                    <span class="hint">"What the letter states: "</span>
                    {st}
                </blockquote>
            }
        });
        view! { {subs} {signer} {statement} }
    });
    let notes = prefill
        .notes
        .iter()
        .map(|n| view! { <p class="hint">{n.clone()}</p> })
        .collect_view();
    let kind_sentence = kind.sentence().map(|s| {
        view! { <p class="pdf-kind" role="note" data-testid="pdf-kind" data-kind=kind.name()>{s}</p> }
    });
    let layer_id = format!("{prefix}-layer");
    let layer_for = layer_id.clone();
    let layer_hint = (!reason.is_empty()).then(|| format!("Proposed because {reason}."));
    let heading = format!("“{}”: {}", item.name, kind.name());
    view! {
        <section class="pdf-review" data-testid="pdf-review" data-file=item.name.clone() aria-label=format!("Fields read from “{}”", item.name)>
            <h6>{heading}</h6>
            <p role="status">{summary}</p>
            {kind_sentence}
            {notes}
            {if no_record {
                view! {
                    <button type="button" on:click=move |_| remove_row()>"Close"</button>
                }
                .into_any()
            } else {
                view! {
                    <div class="field">
                        <label for=layer_for>"Add it to"</label>
                        <select id=layer_id on:change=move |ev| {
                            let v = event_target_value(&ev);
                            chosen.set(
                                [Layer::Model, Layer::Platform, Layer::Customer]
                                    .into_iter()
                                    .find(|l| l.id() == v)
                                    .unwrap_or(layer),
                            );
                        }>
                            {[Layer::Model, Layer::Platform, Layer::Customer]
                                .into_iter()
                                .map(|l| view! { <option value=l.id() selected=move || chosen.get() == l>{l.label()}</option> })
                                .collect_view()}
                        </select>
                        {layer_hint.map(|h| view! { <p class="hint" data-testid="pdf-layer-reason">{h}</p> })}
                    </div>
                    {rows}
                    {soc2_extra}
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
                        {if is_soc2_certificate { "Add it anyway, with a note" } else { "Add this record" }}
                    </button>
                    <button type="button" on:click=move |_| remove_row()>"Discard"</button>
                }
                .into_any()
            }}
        </section>
    }
}
