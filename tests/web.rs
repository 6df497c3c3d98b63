//! Component tests, in headless Chromium (wasm-bindgen-test): each mounts a
//! component into a detached node, acts as a user would, and reads the DOM.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos::task::tick;
use scopewise::matrix::Dataset;
use scopewise::ui::{bridge, show_fatal, App, MatrixView, PathsView, FATAL_MESSAGE};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

mod dom;
use dom::*;

wasm_bindgen_test_configure!(run_in_browser);

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
    // Under its own row: the row after Cohere's, spanning the table.
    let detail_row = find(&el, "tbody tr.detail-row");
    let above: Element = detail_row.previous_element_sibling().unwrap();
    assert_eq!(text(&above, "th"), "Cohere");
    assert_eq!(
        find(&detail_row, "td").get_attribute("colspan").as_deref(),
        Some("7")
    );
    assert_eq!(count(&el, "tbody tr"), 9);
    assert!(text(&el, "[role=status]").contains("Cohere, ISO/IEC 42001"));
    // The filters start closed.
    assert!(!find(&el, "details.filters").has_attribute("open"));
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
    // Cohere's 42001 is the one disputed cell left (the weights of claims).
    assert_eq!(count(&el, "tbody tr"), 1);
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
    clear_fragment();
    let el = container();
    let _mounted = leptos::mount::mount_to(el.clone(), App);
    tick().await;
    assert_eq!(count(&el, "table.matrix"), 1);
    let buttons = el.query_selector_all("nav.views button").unwrap();
    let paths: HtmlElement = buttons.item(1).unwrap().unchecked_into();
    paths.click();
    tick().await;
    assert_eq!(count(&el, "table.matrix"), 0);
    assert_eq!(count(&el, "table.paths"), 1);
    assert_eq!(paths.get_attribute("aria-pressed").as_deref(), Some("true"));
    assert!(text(&el, "[data-testid=dataset-age]").contains("Public claims as of 5 July 2026"));
    // The place is in the address.
    assert_eq!(window().location().hash().unwrap(), "#/paths");
    clear_fragment();
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

#[wasm_bindgen(inline_js = r#"
// Counts the listeners on window by event type, as the page adds and
// removes them.
export function watch_window_listeners() {
  if (window.__listeners) return;
  const live = new Map();
  const add = window.addEventListener.bind(window);
  const remove = window.removeEventListener.bind(window);
  window.addEventListener = (type, f, options) => {
    if (!live.has(type)) live.set(type, new Set());
    live.get(type).add(f);
    add(type, f, options);
  };
  window.removeEventListener = (type, f, options) => {
    live.get(type)?.delete(f);
    remove(type, f, options);
  };
  window.__listeners = live;
}
export function window_listeners(type) {
  return window.__listeners?.get(type)?.size ?? 0;
}
"#)]
extern "C" {
    fn watch_window_listeners();
    fn window_listeners(kind: &str) -> u32;
}

#[wasm_bindgen_test]
async fn a_remounted_app_listens_once_and_an_unmounted_one_not_at_all() {
    clear_fragment();
    watch_window_listeners();
    let kinds = [bridge::EVENT, "hashchange", "dragover", "drop"];
    let before: Vec<u32> = kinds.iter().map(|k| window_listeners(k)).collect();
    let added = || -> Vec<u32> {
        kinds
            .iter()
            .zip(&before)
            .map(|(k, b)| window_listeners(k) - b)
            .collect()
    };
    let el = container();
    let first = leptos::mount::mount_to(el.clone(), App);
    tick().await;
    assert_eq!(added(), vec![1, 1, 1, 1]);
    drop(first);
    tick().await;
    assert_eq!(added(), vec![0, 0, 0, 0]);
    let _second = leptos::mount::mount_to(el.clone(), App);
    tick().await;
    assert_eq!(added(), vec![1, 1, 1, 1]);
    // One listener answers a message once: the view switches.
    bridge::send(&bridge::Message::Go(bridge::Route::Paths));
    tick().await;
    assert_eq!(count(&el, "table.paths"), 1);
    clear_fragment();
}
