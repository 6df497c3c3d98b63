//! Component tests, in headless Chromium (wasm-bindgen-test): each mounts a
//! component into a detached node, acts as a user would, and reads the DOM.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos::task::tick;
use scopewise::matrix::Dataset;
use scopewise::ui::{show_fatal, App, MatrixView, PathsView, FATAL_MESSAGE};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{
    Element, Event, EventInit, HtmlElement, HtmlInputElement, KeyboardEvent, KeyboardEventInit,
};

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> HtmlElement {
    let doc = document();
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

fn count(root: &Element, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

fn find(root: &Element, selector: &str) -> HtmlElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .unchecked_into()
}

fn text(root: &Element, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

/// Unticks or ticks a checkbox as a click would, firing `change`.
fn set_checked(input: &HtmlElement, on: bool) {
    let input: &HtmlInputElement = input.unchecked_ref();
    input.set_checked(on);
    let init = EventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&Event::new_with_event_init_dict("change", &init).unwrap())
        .unwrap();
}

fn checkbox_labelled(root: &Element, label: &str) -> HtmlElement {
    let labels = root.query_selector_all("label.check").unwrap();
    for i in 0..labels.length() {
        let l: Element = labels.item(i).unwrap().unchecked_into();
        if l.text_content().unwrap_or_default().trim() == label {
            return find(&l, "input");
        }
    }
    panic!("no checkbox labelled {label}");
}

fn press(el: &HtmlElement, key: &str) {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    el.dispatch_event(&KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn matrix_renders_every_cell_and_shows_a_disputed_cells_claims() {
    let ds = Dataset::embedded().unwrap();
    let el = container();
    let _mounted = leptos::mount::mount_to(el.clone(), move || view! { <MatrixView dataset=ds/> });
    assert_eq!(count(&el, "tbody tr"), 8);
    assert_eq!(count(&el, "tbody button.cell"), 48);
    assert_eq!(count(&el, "td.status-disputed"), 1);
    assert_eq!(count(&el, "[data-testid=cell-detail]"), 0);

    find(&el, "#cell-cohere-iso42001").click();
    tick().await;
    let detail = text(&el, "[data-testid=cell-detail]");
    assert!(detail.contains("Cohere · ISO/IEC 42001"), "{detail}");
    assert!(detail.contains("Disputed"));
    assert_eq!(count(&el, "[data-testid=cell-detail] li.claim"), 2);
    assert_eq!(
        find(&el, "#cell-cohere-iso42001")
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );
    // The vendor's own announcement outweighs an article: all claims shown.
    find(&el, "#cell-aws-iso42001").click();
    tick().await;
    let detail = text(&el, "[data-testid=cell-detail]");
    assert!(!detail.contains("Disputed"), "{detail}");
    assert!(detail.contains("Amazon Bedrock, Amazon Q Business"));
    assert_eq!(count(&el, "[data-testid=cell-detail] li.claim"), 3);
}

#[wasm_bindgen_test]
async fn arrow_keys_move_the_single_tab_stop() {
    let ds = Dataset::embedded().unwrap();
    let el = container();
    let _mounted = leptos::mount::mount_to(el.clone(), move || view! { <MatrixView dataset=ds/> });
    assert_eq!(count(&el, "tbody button.cell[tabindex='0']"), 1);
    let first = find(&el, "#cell-openai-iso27001");
    assert_eq!(first.get_attribute("tabindex").as_deref(), Some("0"));
    press(&first, "ArrowDown");
    tick().await;
    assert_eq!(
        find(&el, "#cell-anthropic-iso27001")
            .get_attribute("tabindex")
            .as_deref(),
        Some("0")
    );
    assert_eq!(first.get_attribute("tabindex").as_deref(), Some("-1"));
    assert_eq!(count(&el, "tbody button.cell[tabindex='0']"), 1);
}

#[wasm_bindgen_test]
async fn filters_remove_rows_and_columns() {
    let ds = Dataset::embedded().unwrap();
    let el = container();
    let _mounted = leptos::mount::mount_to(el.clone(), move || view! { <MatrixView dataset=ds/> });
    set_checked(&checkbox_labelled(&el, "Hugging Face"), false);
    tick().await;
    assert_eq!(count(&el, "tbody tr"), 7);
    set_checked(&checkbox_labelled(&el, "SOC 2 Type II"), false);
    tick().await;
    assert_eq!(count(&el, "tbody button.cell"), 35);
    assert_eq!(count(&el, "thead th"), 6);
    set_checked(
        &checkbox_labelled(&el, "Only vendors with a disputed cell"),
        true,
    );
    tick().await;
    assert_eq!(count(&el, "tbody tr"), 3);
    set_checked(&checkbox_labelled(&el, "Hugging Face"), true);
    set_checked(
        &checkbox_labelled(&el, "Only vendors with a disputed cell"),
        false,
    );
    set_checked(&checkbox_labelled(&el, "SOC 2 Type II"), true);
    tick().await;
    assert_eq!(count(&el, "tbody button.cell"), 48);
}

#[wasm_bindgen_test]
async fn paths_view_lists_layers_and_hides_direct_paths() {
    let ds = Dataset::embedded().unwrap();
    let el = container();
    let _mounted = leptos::mount::mount_to(el.clone(), move || view! { <PathsView dataset=ds/> });
    assert_eq!(count(&el, "tbody tr"), 14);
    let bedrock = text(&el, "tr[data-path=claude-on-bedrock]");
    assert!(bedrock.contains("Amazon Bedrock"), "{bedrock}");
    assert!(bedrock.contains("Anthropic"));
    set_checked(
        &checkbox_labelled(&el, "Also show each vendor reached directly"),
        false,
    );
    tick().await;
    assert_eq!(count(&el, "tbody tr"), 6);
}

#[wasm_bindgen_test]
async fn app_switches_views() {
    let el = container();
    let _mounted = leptos::mount::mount_to(el.clone(), App);
    assert_eq!(count(&el, "table.matrix"), 1);
    let buttons = el.query_selector_all("nav.views button").unwrap();
    let paths: HtmlElement = buttons.item(1).unwrap().unchecked_into();
    paths.click();
    tick().await;
    assert_eq!(count(&el, "table.matrix"), 0);
    assert_eq!(count(&el, "table.paths"), 1);
    assert_eq!(paths.get_attribute("aria-pressed").as_deref(), Some("true"));
    assert!(text(&el, "[data-testid=dataset-age]").contains("Public claims as of 5 July 2026"));
}

#[wasm_bindgen_test]
fn crash_message_is_readable_and_never_html() {
    show_fatal("panicked at <img src=x onerror=alert(1)>");
    let body: Element = document().body().unwrap().unchecked_into();
    let panel = find(&body, "#fatal-error");
    assert_eq!(panel.get_attribute("role").as_deref(), Some("alert"));
    let all = panel.text_content().unwrap();
    assert!(all.contains(FATAL_MESSAGE));
    assert!(all.contains("<img src=x onerror=alert(1)>"));
    assert_eq!(count(&panel, "img"), 0);
    panel.remove();
}
