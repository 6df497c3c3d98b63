//! DOM helpers shared by the component tests (`tests/web*.rs`): mount
//! points, queries, and acting as a user would (clicks are `.click()`;
//! typing, ticking and key presses fire the events a browser fires).
//! Each test file uses some of them.
#![allow(dead_code)]

use wasm_bindgen::JsCast;
use web_sys::{
    Element, Event, EventInit, HtmlElement, HtmlInputElement, KeyboardEvent, KeyboardEventInit,
};

/// A fresh `<div>` on the page's body, to mount a component into.
pub fn container() -> HtmlElement {
    let doc = leptos::prelude::document();
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

pub fn count(root: &Element, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

pub fn find(root: &Element, selector: &str) -> HtmlElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .unchecked_into()
}

/// The element with this id (ids may hold characters CSS would escape).
pub fn by_id(root: &Element, id: &str) -> HtmlElement {
    find(root, &format!("[id='{id}']"))
}

pub fn text(root: &Element, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

pub fn attr(root: &Element, id: &str, name: &str) -> Option<String> {
    by_id(root, id).get_attribute(name)
}

/// Fires a bubbling event of this kind at `el`.
pub fn fire(el: &HtmlElement, kind: &str) {
    let init = EventInit::new();
    init.set_bubbles(true);
    el.dispatch_event(&Event::new_with_event_init_dict(kind, &init).unwrap())
        .unwrap();
}

/// Ticks or unticks a checkbox as a click would, firing `change`.
pub fn set_checked(input: &HtmlElement, on: bool) {
    input.unchecked_ref::<HtmlInputElement>().set_checked(on);
    fire(input, "change");
}

/// The checkbox of the `label.check` whose text is `label`.
pub fn checkbox_labelled(root: &Element, label: &str) -> HtmlElement {
    let labels = root.query_selector_all("label.check").unwrap();
    for i in 0..labels.length() {
        let l: Element = labels.item(i).unwrap().unchecked_into();
        if l.text_content().unwrap_or_default().trim() == label {
            return find(&l, "input");
        }
    }
    panic!("no checkbox labelled {label}");
}

/// A key pressed on `el` (`keydown`, bubbling, cancelable).
pub fn press(el: &HtmlElement, key: &str) {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    el.dispatch_event(&KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap())
        .unwrap();
}

/// Types into an input, textarea or select as a user would: the value, then
/// an `input` (and a `change`) event.
pub fn type_into(root: &Element, id: &str, value: &str) {
    let el = by_id(root, id);
    if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
        i.set_value(value);
    } else {
        js_sys::Reflect::set(&el, &"value".into(), &value.into()).unwrap();
    }
    fire(&el, "input");
    fire(&el, "change");
}

pub fn value_of(root: &Element, id: &str) -> String {
    let el = by_id(root, id);
    js_sys::Reflect::get(&el, &"value".into())
        .unwrap()
        .as_string()
        .unwrap_or_default()
}

/// The text of the elements that describe the field `id` (its messages).
pub fn message_of(root: &Element, id: &str) -> String {
    let described = attr(root, id, "aria-describedby").unwrap_or_default();
    described
        .split_whitespace()
        .map(|d| by_id(root, d).text_content().unwrap_or_default())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Waits `ms` milliseconds of the page's clock.
pub async fn sleep(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

/// Takes the fragment out of the test page's address (the app keeps its
/// place there), so a test that mounts the app starts at the matrix.
pub fn clear_fragment() {
    let window = web_sys::window().unwrap();
    let location = window.location();
    let bare = format!(
        "{}{}",
        location.pathname().unwrap(),
        location.search().unwrap()
    );
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&bare))
        .unwrap();
}
