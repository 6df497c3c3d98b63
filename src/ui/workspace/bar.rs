//! The sticky step bar never covers what has focus (WCAG 2.2 SC 2.4.11,
//! Focus Not Obscured).
//!
//! `style/workspace.css` gives the page `scroll-padding-top` and every
//! focusable element `scroll-margin-top` sized by the custom property
//! [`BAR_VAR`]; this module keeps that property equal to the bar's real
//! height: a `ResizeObserver` rewrites it whenever the bar changes size (a
//! wrap, a longer verdict summary, the compact bar opened on a phone), and
//! [`sync_now`] rewrites it at once before the workspace moves focus, so a
//! change made in the same task is never a frame late. The property is set
//! through the CSSOM (`style.setProperty`), which the page's CSP
//! (`style-src 'self'`) allows; no inline style attribute is written.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The CSS custom property holding the bar's height, on `<html>`.
pub const BAR_VAR: &str = "--ws-bar-h";

/// The bar's DOM id.
pub const BAR_ID: &str = "ws-steps";

#[wasm_bindgen]
extern "C" {
    /// The browser's `ResizeObserver` (only what this module uses).
    type ResizeObserver;

    #[wasm_bindgen(constructor, catch)]
    fn new(callback: &js_sys::Function) -> Result<ResizeObserver, JsValue>;

    #[wasm_bindgen(method)]
    fn observe(this: &ResizeObserver, target: &web_sys::Element);

    #[wasm_bindgen(method)]
    fn disconnect(this: &ResizeObserver);
}

fn root_style() -> Option<web_sys::CssStyleDeclaration> {
    web_sys::window()?
        .document()?
        .document_element()?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
        .map(|h| h.style())
}

/// Writes the height of `bar` (0 when it is not laid out) into [`BAR_VAR`].
fn write_height(bar: &web_sys::Element) {
    let h = bar.get_bounding_client_rect().height().max(0.0).ceil();
    if let Some(style) = root_style() {
        let _ = style.set_property(BAR_VAR, &format!("{h}px"));
    }
}

/// Rewrites [`BAR_VAR`] from the bar as it is laid out now.
pub fn sync_now() {
    if let Some(bar) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(BAR_ID))
    {
        write_height(&bar);
    }
}

/// The observer and its callback, kept while the bar is on screen.
type Watching = Option<(ResizeObserver, Closure<dyn FnMut()>)>;

/// Watches the bar in `bar` for as long as the calling component lives; on
/// cleanup the observer stops and the property is removed.
pub fn watch(bar: NodeRef<leptos::html::Nav>) {
    let kept: StoredValue<Watching, LocalStorage> = StoredValue::new_local(None);
    Effect::new(move |_| {
        let Some(el) = bar.get() else { return };
        if kept.with_value(|k| k.is_some()) {
            return;
        }
        let target: web_sys::Element = el.clone().into();
        let on_resize = Closure::<dyn FnMut()>::new(move || write_height(&target));
        match ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
            Ok(observer) => {
                observer.observe(&el);
                kept.set_value(Some((observer, on_resize)));
            }
            // No ResizeObserver (a very old browser): measure once; focus
            // moves still measure through `sync_now`.
            Err(_) => write_height(&el),
        }
    });
    on_cleanup(move || {
        kept.update_value(|k| {
            if let Some((observer, _)) = k.take() {
                observer.disconnect();
            }
        });
        if let Some(style) = root_style() {
            let _ = style.remove_property(BAR_VAR);
        }
    });
}
