//! How the page's WebAssembly modules talk to each other.
//!
//! The first visit downloads only the shell (the matrix and the hosted
//! paths). The evaluation workspace (saved evaluations, share links, the
//! hand-off documents) is a second module, fetched from this origin the
//! first time the user opens "Evaluate evidence" or a share link, and mounted
//! into the shell's `#work-root`. The two exchange a few words as DOM events
//! on `window`, so neither links the other's code:
//!
//! | event | from → to | detail |
//! |---|---|---|
//! | `scopewise:view` | shell → work | the view the user chose: `matrix`, `paths`, `evaluate` |
//! | `scopewise:go` | work → shell | a view the workspace moves the user to (a saved shared copy opens in `evaluate`) |
//! | `scopewise:incoming` | work → shell | what the workspace shows of a share link: `shared` (the whole page), `notice` (a message above the view), `none` |
//! | `scopewise:close-shared` | shell → work | the user left a shared evaluation through the top navigation |

use super::View;
use wasm_bindgen::{JsCast, JsValue};

/// The element the workspace module mounts into.
pub const WORK_ROOT: &str = "work-root";
/// The attribute of `#work-root` holding the view when the module starts.
pub const VIEW_ATTRIBUTE: &str = "data-view";

pub const EV_VIEW: &str = "scopewise:view";
pub const EV_GO: &str = "scopewise:go";
pub const EV_INCOMING: &str = "scopewise:incoming";
pub const EV_CLOSE_SHARED: &str = "scopewise:close-shared";

impl View {
    pub fn id(self) -> &'static str {
        match self {
            View::Matrix => "matrix",
            View::Paths => "paths",
            View::Evaluate => "evaluate",
        }
    }

    pub fn from_id(id: &str) -> Option<View> {
        match id {
            "matrix" => Some(View::Matrix),
            "paths" => Some(View::Paths),
            "evaluate" => Some(View::Evaluate),
            _ => None,
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
    pub fn id(self) -> &'static str {
        match self {
            IncomingShown::None => "none",
            IncomingShown::Shared => "shared",
            IncomingShown::Notice => "notice",
        }
    }

    pub fn from_id(id: &str) -> IncomingShown {
        match id {
            "shared" => IncomingShown::Shared,
            "notice" => IncomingShown::Notice,
            _ => IncomingShown::None,
        }
    }
}

/// Sends `name` with a text `detail` to whichever module listens.
pub fn announce(name: &str, detail: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&JsValue::from_str(detail));
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = window.dispatch_event(&event);
    }
}

/// Calls `f` with the text detail of every `name` event, for the page's life.
pub fn listen(name: &'static str, f: impl Fn(String) + 'static) {
    let handle = leptos::prelude::window_event_listener_untyped(name, move |ev| {
        let detail = ev
            .dyn_ref::<web_sys::CustomEvent>()
            .and_then(|c| c.detail().as_string())
            .unwrap_or_default();
        f(detail)
    });
    // Both modules live as long as the page.
    std::mem::forget(handle);
}

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(inline_js = r#"
const loading = new Map();
export function load_module(js, wasm) {
  if (!loading.has(js)) {
    const base = document.baseURI;
    const p = import(new URL(js, base).href)
      .then((m) => m.default({ module_or_path: new URL(wasm, base).href }).then(() => m));
    // A failed download may be retried.
    p.catch(() => loading.delete(js));
    loading.set(js, p);
  }
  return loading.get(js);
}
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    fn load_module(js: &str, wasm: &str) -> Result<js_sys::Promise, JsValue>;
}

/// Fetches (once) and starts the page's module `name` (`name.js` and
/// `name_bg.wasm`, next to index.html). The error is a sentence for the user.
pub async fn load(name: &str) -> Result<(), String> {
    #[cfg(target_arch = "wasm32")]
    {
        let promise = load_module(&format!("{name}.js"), &format!("{name}_bg.wasm"))
            .map_err(|e| describe(&e))?;
        wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .map(|_| ())
            .map_err(|e| describe(&e))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        Err(format!("{name} runs only in a browser"))
    }
}

#[cfg(target_arch = "wasm32")]
fn describe(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "the download did not complete".into())
}
