//! Offline and installable: registers the service worker (`web/sw.js`,
//! whose lists of files `scripts/sw.py` writes after each build), and says
//! when a new version is ready. A new version is used only when the user
//! agrees: "Reload" asks the waiting worker to take over, then reloads.

use leptos::prelude::*;

#[cfg(target_arch = "wasm32")]
mod js {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(inline_js = r#"
let waiting = null;
let applying = false;
export function register(on_update) {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return false;
  const base = document.baseURI;
  navigator.serviceWorker
    .register(new URL("sw.js", base).href, { scope: new URL("./", base).href })
    .then((reg) => {
      // Only an update waits: the first version has no page to replace.
      const offer = (w) => {
        if (w && navigator.serviceWorker.controller) {
          waiting = w;
          on_update();
        }
      };
      offer(reg.waiting);
      reg.addEventListener("updatefound", () => {
        const w = reg.installing;
        if (w) w.addEventListener("statechange", () => { if (w.state === "installed") offer(w); });
      });
    })
    .catch(() => {});
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (applying) { applying = false; location.reload(); }
  });
  return true;
}
export function apply_update() {
  if (!waiting) return;
  applying = true;
  waiting.postMessage("scopewise:apply-update");
}
"#)]
    extern "C" {
        pub fn register(on_update: &js_sys::Function) -> bool;
        pub fn apply_update();
    }
}

/// Registers the service worker; `on_update` runs when a new version waits.
fn register(on_update: impl Fn() + 'static) {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::closure::Closure;
        use wasm_bindgen::JsCast;
        let f = Closure::<dyn Fn()>::new(on_update);
        js::register(f.as_ref().unchecked_ref());
        // The callback lives as long as the banner that shows the news.
        let f = send_wrapper::SendWrapper::new(f);
        leptos::prelude::on_cleanup(move || drop(f));
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = on_update;
}

fn apply_update() {
    #[cfg(target_arch = "wasm32")]
    js::apply_update();
}

/// "A new version is ready: reload", when one is.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let ready = RwSignal::new(false);
    register(move || ready.set(true));
    move || {
        ready.get().then(|| {
            view! {
                <div class="update-banner" role="status" data-testid="update-ready">
                    <p>"A new version of Scopewise is ready: reload to use it. Your saved work stays as it is."</p>
                    <button type="button" class="primary" on:click=move |_| apply_update()>"Reload"</button>
                </div>
            }
        })
    }
}
