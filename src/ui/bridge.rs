//! How the page's WebAssembly modules talk to each other.
//!
//! The first visit downloads only the shell (the matrix and the hosted
//! paths). The evaluation workspace (saved evaluations, share links, the
//! hand-off documents) is a second module, fetched from this origin the
//! first time the user opens "Evaluate evidence" or a share link, and mounted
//! into the shell's `#work-root`. The certificate PDF reader is a third,
//! run in a worker (`web/pdf-worker.js`) that the workspace starts for one
//! dropped file. Neither links the others' code: they exchange [`Message`]s,
//! encoded and decoded here and nowhere else.
//!
//! | message | from → to | carried by |
//! |---|---|---|
//! | [`Message::Show`] | shell → workspace | the place the user chose, or went Back or Forward to |
//! | [`Message::Go`] | workspace → shell | a place the workspace moves the user to (another step; a saved shared copy opens in the workspace) |
//! | [`Message::Incoming`] | workspace → shell | what the workspace shows of a share link |
//! | [`Message::CloseShared`] | shell → workspace | the user left a shared evaluation through the top navigation |
//! | [`Message::PdfRead`] | PDF worker → workspace | the reader's answer |
//! | [`Message::PdfFailed`] | PDF worker → workspace | the reader could not be fetched, or stopped on the file |
//!
//! On the wire ([`Wire`]) a message is a text, or for a worker's failure an
//! object `{ failed: "load" | "read" }`. Between the shell and the workspace
//! the text travels as the detail of one DOM event ([`EVENT`]) on `window`;
//! from the PDF worker, as the data of its message. The reader's answer is
//! the reader's own JSON object (`crate::certificate::Outcome`), unchanged;
//! the worker script writes the failure objects itself.
//!
//! The shell keeps the address bar: every place ([`Route`]) has an address
//! in the fragment (`#/matrix`, `#/paths`, `#/evaluate/3`), which browsers
//! never send to a server.

use crate::error::UserError;
use crate::share::MatrixLink;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// The element the workspace module mounts into.
pub const WORK_ROOT: &str = "work-root";
/// The attribute of `#work-root` holding the place when the module starts.
pub const ROUTE_ATTRIBUTE: &str = "data-route";
/// The one DOM event, on `window`, that carries messages between the shell
/// and the workspace.
pub const EVENT: &str = "scopewise:message";

/// The views the top navigation switches between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Matrix,
    Paths,
    Evaluate,
}

impl View {
    pub const ALL: [View; 3] = [View::Matrix, View::Paths, View::Evaluate];

    pub fn id(self) -> &'static str {
        match self {
            View::Matrix => "matrix",
            View::Paths => "paths",
            View::Evaluate => "evaluate",
        }
    }

    pub fn from_id(id: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.id() == id)
    }
}

/// Where the user is: a view, and in the workspace its step. Its address
/// is the fragment [`Route::fragment`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Matrix,
    Paths,
    /// The workspace at a step, 1 to [`Route::STEPS`].
    Evaluate(u8),
}

impl Route {
    /// The workspace's steps.
    pub const STEPS: u8 = 5;

    /// The place of `view`; for the workspace, at `step`.
    pub fn at(view: View, step: u8) -> Route {
        match view {
            View::Matrix => Route::Matrix,
            View::Paths => Route::Paths,
            View::Evaluate => Route::Evaluate(step.clamp(1, Route::STEPS)),
        }
    }

    pub fn view(self) -> View {
        match self {
            Route::Matrix => View::Matrix,
            Route::Paths => View::Paths,
            Route::Evaluate(_) => View::Evaluate,
        }
    }

    /// The workspace's step, in the workspace.
    pub fn step(self) -> Option<u8> {
        match self {
            Route::Evaluate(n) => Some(n),
            _ => None,
        }
    }

    /// `matrix`, `paths`, `evaluate/3`.
    pub fn id(self) -> String {
        match self {
            Route::Evaluate(n) => format!("evaluate/{n}"),
            other => other.view().id().to_string(),
        }
    }

    pub fn from_id(id: &str) -> Option<Route> {
        match id.split_once('/') {
            None => View::from_id(id).map(|v| Route::at(v, 1)),
            Some((view, n)) if view == View::Evaluate.id() => n
                .parse::<u8>()
                .ok()
                .filter(|n| (1..=Route::STEPS).contains(n))
                .map(Route::Evaluate),
            Some(_) => None,
        }
    }

    /// The address: `#/evaluate/3`.
    pub fn fragment(self) -> String {
        format!("#/{}", self.id())
    }

    /// The place an address names (with or without its `#`). No fragment is
    /// the matrix, and so is a matrix view link (`#view=matrix…`); a share
    /// link, an anchor (`#main`) or anything else names no place.
    pub fn parse(fragment: &str) -> Option<Route> {
        let f = fragment.strip_prefix('#').unwrap_or(fragment);
        if f.is_empty() || MatrixLink::parse(f, &[]).is_some() {
            return Some(Route::Matrix);
        }
        Route::from_id(f.strip_prefix('/')?)
    }
}

/// The workspace module's view, as context: parts of the workspace that
/// move the user between views (a saved copy of a shared evaluation opens in
/// the workspace) find the switch here.
#[derive(Debug, Clone, Copy)]
pub struct ViewSwitch(pub RwSignal<View>);

impl ViewSwitch {
    /// Moves the user to `view`.
    pub fn go(&self, view: View) {
        if self.0.get_untracked() != view {
            self.0.set(view);
        }
    }
}

/// What the workspace shows of a share link, as the shell needs to know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IncomingShown {
    /// Nothing: the user's own views.
    None,
    /// A shared evaluation or its passphrase prompt: it takes the page.
    Shared,
    /// A message about a link that could not be read, above the view.
    Notice,
}

impl IncomingShown {
    const ALL: [IncomingShown; 3] = [
        IncomingShown::None,
        IncomingShown::Shared,
        IncomingShown::Notice,
    ];

    fn id(self) -> &'static str {
        match self {
            IncomingShown::None => "none",
            IncomingShown::Shared => "shared",
            IncomingShown::Notice => "notice",
        }
    }

    fn from_id(id: &str) -> Option<IncomingShown> {
        IncomingShown::ALL.into_iter().find(|s| s.id() == id)
    }
}

/// Why the PDF worker could not answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PdfFailure {
    /// The reader's module could not be fetched or started.
    Load,
    /// The reader stopped on the file (a panic in WebAssembly).
    Read,
}

impl PdfFailure {
    fn id(self) -> &'static str {
        match self {
            PdfFailure::Load => "load",
            PdfFailure::Read => "read",
        }
    }
}

/// Everything the page's modules say to each other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// Shell → workspace: the place the user chose, or went back to.
    Show(Route),
    /// Workspace → shell: a place the workspace moves the user to.
    Go(Route),
    /// Workspace → shell: what the workspace shows of a share link.
    Incoming(IncomingShown),
    /// Shell → workspace: the user left a shared evaluation.
    CloseShared,
    /// PDF worker → workspace: the reader's answer, its JSON object as text.
    PdfRead(String),
    /// PDF worker → workspace: no answer, and why.
    PdfFailed(PdfFailure),
}

/// A message on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wire {
    /// `show matrix`, `go evaluate/3`, `incoming shared`, `close-shared`, or
    /// the reader's JSON object.
    Text(String),
    /// The PDF worker's `{ failed: … }`.
    Failed(String),
}

impl Message {
    /// The message on the wire.
    pub fn encode(&self) -> Wire {
        match self {
            Message::Show(r) => Wire::Text(format!("show {}", r.id())),
            Message::Go(r) => Wire::Text(format!("go {}", r.id())),
            Message::Incoming(s) => Wire::Text(format!("incoming {}", s.id())),
            Message::CloseShared => Wire::Text("close-shared".into()),
            Message::PdfRead(json) => Wire::Text(json.clone()),
            Message::PdfFailed(f) => Wire::Failed(f.id().into()),
        }
    }

    /// The message a wire value holds; `None` when it holds none (another
    /// version of the page, or another script's event). A failure the
    /// worker does not name is taken as the reader stopping.
    pub fn decode(wire: &Wire) -> Option<Message> {
        match wire {
            Wire::Failed(why) => Some(Message::PdfFailed(match why.as_str() {
                "load" => PdfFailure::Load,
                _ => PdfFailure::Read,
            })),
            Wire::Text(text) if text.starts_with('{') => Some(Message::PdfRead(text.clone())),
            Wire::Text(text) => {
                let (verb, arg) = text.split_once(' ').unwrap_or((text, ""));
                match verb {
                    "show" => Route::from_id(arg).map(Message::Show),
                    "go" => Route::from_id(arg).map(Message::Go),
                    "incoming" => IncomingShown::from_id(arg).map(Message::Incoming),
                    "close-shared" if arg.is_empty() => Some(Message::CloseShared),
                    _ => None,
                }
            }
        }
    }

    /// The message as a JavaScript value (a DOM event's detail, a worker's
    /// message data).
    pub fn to_js(&self) -> JsValue {
        match self.encode() {
            Wire::Text(text) => JsValue::from_str(&text),
            Wire::Failed(why) => {
                let object = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&object, &"failed".into(), &JsValue::from_str(&why));
                object.into()
            }
        }
    }

    /// The message a JavaScript value holds.
    pub fn from_js(value: &JsValue) -> Option<Message> {
        let wire = match value.as_string() {
            Some(text) => Wire::Text(text),
            None if value.is_object() => Wire::Failed(
                js_sys::Reflect::get(value, &"failed".into())
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_default(),
            ),
            None => return None,
        };
        Message::decode(&wire)
    }
}

/// Sends a message to whichever module listens on this page.
pub fn send(message: &Message) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&message.to_js());
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(EVENT, &init) {
        let _ = window.dispatch_event(&event);
    }
}

/// Calls `f` with every message sent on this page, for as long as the
/// calling component is mounted.
pub fn listen(f: impl Fn(Message) + 'static) {
    super::on_window(EVENT, move |ev| {
        let message = ev
            .dyn_ref::<web_sys::CustomEvent>()
            .and_then(|c| Message::from_js(&c.detail()));
        if let Some(message) = message {
            f(message)
        }
    });
}

/// A module of the page that could not be started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The download or the start failed; the browser's own words.
    Failed(String),
    /// Outside a browser (native tests).
    NoBrowser,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Failed(detail) => f.write_str(detail),
            LoadError::NoBrowser => f.write_str("the page's modules run only in a browser"),
        }
    }
}

impl std::error::Error for LoadError {}

impl UserError for LoadError {
    fn message(&self) -> String {
        self.to_string()
    }

    fn help(&self) -> Option<String> {
        Some("Check the connection and try again.".into())
    }
}

// `load_module` (the comments stay here: the first visit downloads this
// script as written, and every byte of it counts against its budget):
// - the styles, the script and the wasm download at the same time, not one
//   after the other; the module starts once all three are here and the
//   styles apply;
// - the script's and the wasm's failures are handled through the init; the
//   empty `catch`es keep an early failure from being reported as unhandled
//   while the styles still load;
// - a failed download removes its entry, so it may be retried.
// `sheet` links a stylesheet of the page's origin once, and resolves when it
// applies, so nothing shows unstyled.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(inline_js = r#"
const loading = new Map();
function sheet(href) {
  const url = new URL(href, document.baseURI).href;
  for (const l of document.querySelectorAll("link[rel=stylesheet]")) if (l.href === url) return Promise.resolve();
  return new Promise((ok, fail) => {
    const l = document.createElement("link");
    l.rel = "stylesheet";
    l.href = url;
    l.onload = () => ok();
    l.onerror = () => { l.remove(); fail(new Error("the download did not complete")); };
    document.head.appendChild(l);
  });
}
export function load_module(js, wasm, styles) {
  if (!loading.has(js)) {
    const base = document.baseURI;
    const css = Promise.all(styles.split(",").filter((s) => s).map(sheet));
    const code = import(new URL(js, base).href);
    const bytes = fetch(new URL(wasm, base).href);
    code.catch(() => {});
    bytes.catch(() => {});
    const p = Promise.all([css, code])
      .then(([, m]) => m.default({ module_or_path: bytes }).then(() => m));
    p.catch(() => loading.delete(js));
    loading.set(js, p);
  }
  return loading.get(js);
}
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    fn load_module(js: &str, wasm: &str, styles: &str) -> Result<js_sys::Promise, JsValue>;
}

/// Fetches (once) and starts the page's module `name` (`name.js` and
/// `name_bg.wasm`, next to index.html), after linking its `styles` (files
/// next to index.html) and waiting until they apply.
pub async fn load(name: &str, styles: &[&str]) -> Result<(), LoadError> {
    #[cfg(target_arch = "wasm32")]
    {
        let promise = load_module(
            &format!("{name}.js"),
            &format!("{name}_bg.wasm"),
            &styles.join(","),
        )
        .map_err(|e| describe(&e))?;
        wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .map(|_| ())
            .map_err(|e| describe(&e))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (name, styles);
        Err(LoadError::NoBrowser)
    }
}

#[cfg(target_arch = "wasm32")]
fn describe(e: &JsValue) -> LoadError {
    LoadError::Failed(
        e.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| e.as_string())
            .unwrap_or_else(|| "the download did not complete".into()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_route() -> Vec<Route> {
        let mut all = vec![Route::Matrix, Route::Paths];
        all.extend((1..=Route::STEPS).map(Route::Evaluate));
        all
    }

    #[test]
    fn every_place_has_an_address_that_reads_back() {
        for r in every_route() {
            assert_eq!(Route::parse(&r.fragment()), Some(r), "{r:?}");
            assert_eq!(Route::from_id(&r.id()), Some(r), "{r:?}");
        }
        assert_eq!(Route::Evaluate(3).fragment(), "#/evaluate/3");
        assert_eq!(Route::Paths.fragment(), "#/paths");
    }

    #[test]
    fn addresses_that_are_not_places() {
        // No fragment, and matrix view links, are the matrix.
        assert_eq!(Route::parse(""), Some(Route::Matrix));
        assert_eq!(Route::parse("#"), Some(Route::Matrix));
        assert_eq!(
            Route::parse("#view=matrix&disputed=1&cell=aws.iso42001"),
            Some(Route::Matrix)
        );
        assert_eq!(Route::parse("#/evaluate"), Some(Route::Evaluate(1)));
        for other in [
            "#share=AQID",
            "#main",
            "#/",
            "#/evaluate/0",
            "#/evaluate/6",
            "#/evaluate/x",
            "#/paths/2",
            "#/nowhere",
            "#viewmatrix",
        ] {
            assert_eq!(Route::parse(other), None, "{other}");
        }
        assert_eq!(Route::at(View::Evaluate, 9), Route::Evaluate(5));
        assert_eq!(Route::at(View::Paths, 3), Route::Paths);
    }

    fn every_message() -> Vec<Message> {
        let mut all = vec![
            Message::CloseShared,
            Message::PdfRead(r#"{"read":{"fields":[]}}"#.into()),
            Message::PdfRead("{}".into()),
            Message::PdfFailed(PdfFailure::Load),
            Message::PdfFailed(PdfFailure::Read),
        ];
        for r in every_route() {
            all.push(Message::Show(r));
            all.push(Message::Go(r));
        }
        for s in IncomingShown::ALL {
            all.push(Message::Incoming(s));
        }
        all
    }

    #[test]
    fn every_message_survives_the_wire() {
        for m in every_message() {
            assert_eq!(Message::decode(&m.encode()), Some(m.clone()), "{m:?}");
        }
    }

    #[test]
    fn the_pdf_workers_wire_format_is_kept() {
        // web/pdf-worker.js posts the reader's JSON text as it is, or
        // { failed: "load" | "read" }.
        let json = r#"{"refused":{"kind":"not-pdf","message":"this is not a PDF"}}"#;
        assert_eq!(
            Message::PdfRead(json.into()).encode(),
            Wire::Text(json.into())
        );
        assert_eq!(
            Message::decode(&Wire::Failed("load".into())),
            Some(Message::PdfFailed(PdfFailure::Load))
        );
        assert_eq!(
            Message::decode(&Wire::Failed("something new".into())),
            Some(Message::PdfFailed(PdfFailure::Read))
        );
    }

    #[test]
    fn foreign_texts_are_no_message() {
        for text in [
            "",
            "show",
            "show nowhere",
            "show evaluate/7",
            "go",
            "incoming maybe",
            "close-shared now",
            "hello",
        ] {
            assert_eq!(Message::decode(&Wire::Text(text.into())), None, "{text:?}");
        }
    }

    #[test]
    fn a_load_error_reads_as_a_sentence() {
        let e = LoadError::Failed("Failed to fetch".into());
        assert_eq!(
            e.sentence(),
            "Failed to fetch. Check the connection and try again."
        );
        assert!(crate::error::check_style(&LoadError::NoBrowser).is_ok());
    }
}
