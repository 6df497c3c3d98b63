//! Browser glue: the calendar date of the user's device, window listeners
//! that clean up after themselves, and the panic hook.

use leptos::prelude::{on_cleanup, window_event_listener_untyped};
use time::{Date, Month};
use wasm_bindgen::JsCast;

/// Today's date on the user's device, as a calendar date. Outside a browser
/// (native tests) it falls back to the Unix epoch date.
pub fn today() -> Date {
    #[cfg(target_arch = "wasm32")]
    {
        let now = js_sys::Date::new_0();
        let month = Month::try_from(now.get_month() as u8 + 1).unwrap_or(Month::January);
        Date::from_calendar_date(now.get_full_year() as i32, month, now.get_date() as u8)
            .unwrap_or(Date::MIN)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        Date::from_calendar_date(1970, Month::January, 1).unwrap_or(Date::MIN)
    }
}

/// Calls `f` on every `name` event of `window` for as long as the calling
/// component is mounted: the listener is removed when its owner is cleaned
/// up, so a view mounted again listens once, not twice. (The app's root is
/// never unmounted: its listeners live as long as the page.)
pub fn on_window(name: &str, f: impl Fn(web_sys::Event) + 'static) {
    let handle = window_event_listener_untyped(name, f);
    on_cleanup(move || handle.remove());
}

/// The sentence shown when the app has crashed.
pub const FATAL_MESSAGE: &str = "Scopewise stopped because of an internal error. Your saved work in this browser is untouched. Reload the page to continue; if it happens again, please report it with the details below.";

/// A panic in WebAssembly kills the app: show a readable message on the page
/// instead of leaving it dead, and log the details to the console.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let detail = info.to_string();
        web_sys::console::error_1(&detail.clone().into());
        show_fatal(&detail);
    }));
}

/// Puts the crash message on the page (as text, never HTML).
pub fn show_fatal(detail: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = doc.body() else { return };
    let Ok(panel) = doc.create_element("div") else {
        return;
    };
    panel.set_class_name("fatal");
    let _ = panel.set_attribute("role", "alert");
    panel.set_id("fatal-error");
    let _ = panel.set_attribute("tabindex", "-1");
    if let Ok(p) = doc.create_element("p") {
        p.set_text_content(Some(FATAL_MESSAGE));
        let _ = panel.append_child(&p);
    }
    if let Ok(pre) = doc.create_element("pre") {
        // Text content, never HTML: the detail may contain user input.
        pre.set_text_content(Some(detail));
        let _ = panel.append_child(&pre);
    }
    if let Some(first) = body.first_child() {
        let _ = body.insert_before(&panel, Some(&first));
    } else {
        let _ = body.append_child(&panel);
    }
    if let Ok(el) = panel.dyn_into::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
}
