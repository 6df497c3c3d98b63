//! Component tests of keeping and sharing, in headless Chromium
//! (wasm-bindgen-test): the `localStorage` backend, the panel, the share
//! dialog and the read-only view of a shared evaluation.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos::task::tick;
use scopewise::domain::evaluation::Evaluation;
use scopewise::matrix::Dataset;
use scopewise::share::{self, Shared};
use scopewise::store::{Backend, Library, StoreError};
use scopewise::ui::library::share::{Incoming, IncomingPanel};
use scopewise::ui::library::{
    crypto, keep, new_id, random_bytes, tabs, LibraryPanel, LocalStorage, Session,
};
use time::macros::date;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

mod dom;
use dom::*;

wasm_bindgen_test_configure!(run_in_browser);

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn example() -> Evaluation {
    Evaluation::from_json(include_str!("../examples/evaluation.json")).unwrap()
}

#[wasm_bindgen_test]
fn local_storage_backend_round_trips_and_forgets_everything() {
    storage().clear().unwrap();
    let mut lib = Library::new(LocalStorage);
    lib.create("a1", "First", example(), 1).unwrap();
    lib.set_open_id("a1").unwrap();
    assert_eq!(lib.load("a1").unwrap().unwrap().evaluation, example());
    assert_eq!(lib.list().unwrap().entries.len(), 1);
    let mut raw = LocalStorage;
    raw.set("unrelated.key", "kept by someone else").unwrap();
    assert_eq!(lib.forget_everything().unwrap(), 0);
    // Only Scopewise's keys go; nothing of ours is left.
    let keys = LocalStorage.keys().unwrap();
    assert_eq!(keys, vec!["unrelated.key".to_string()]);
    storage().clear().unwrap();
    assert_eq!(storage().length().unwrap(), 0);
}

#[wasm_bindgen_test]
fn a_full_storage_is_told_apart() {
    // Fill the quota with one huge value: the browser refuses with
    // QuotaExceededError, which the backend reports as Full.
    storage().clear().unwrap();
    let big = "x".repeat(12 * 1024 * 1024);
    let mut b = LocalStorage;
    assert_eq!(b.set("scopewise.big", &big), Err(StoreError::Full));
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
fn ids_and_random_bytes_come_from_the_csprng() {
    let a: [u8; 16] = random_bytes().unwrap();
    let b: [u8; 16] = random_bytes().unwrap();
    assert_ne!(a, b);
    let id = new_id();
    assert_eq!(id.len(), 10);
    assert!(id
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()));
    assert_ne!(id, new_id());
}

#[wasm_bindgen_test]
async fn the_panel_saves_after_a_change_and_offers_a_strong_passphrase() {
    storage().clear().unwrap();
    let el = container();
    let eval_out: RwSignal<Option<RwSignal<Evaluation>>> = RwSignal::new(None);
    let _handle = leptos::mount::mount_to(el.clone(), move || {
        let s = Session::start();
        provide_context(s);
        eval_out.set(Some(s.eval));
        view! { <LibraryPanel/> }
    });
    tick().await;
    assert!(find(&el, "[data-testid=save-state]")
        .text_content()
        .unwrap()
        .contains("Nothing to save yet"));
    let eval = eval_out.get_untracked().unwrap();
    eval.update(|e| e.workload.name = "Panel test".into());
    tick().await;
    assert_eq!(
        find(&el, "[data-testid=save-state]")
            .text_content()
            .unwrap(),
        "Saving…"
    );
    // The save waits for a pause in typing; hiding the tab saves at once.
    let ev = web_sys::Event::new("visibilitychange").unwrap();
    web_sys::window().unwrap().dispatch_event(&ev).unwrap();
    tick().await;
    let saved = Library::new(LocalStorage).list().unwrap();
    assert_eq!(saved.entries.len(), 1);
    assert_eq!(saved.entries[0].name, "Panel test");
    let record = Library::new(LocalStorage)
        .load(&saved.entries[0].id)
        .unwrap()
        .unwrap();
    assert_eq!((record.store, record.revision), (2, 1));
    // The share dialog suggests a 100-bit passphrase.
    let share: HtmlElement = el
        .query_selector_all("button")
        .unwrap()
        .values()
        .into_iter()
        .filter_map(|n| n.ok()?.dyn_into::<HtmlElement>().ok())
        .find(|b| b.text_content().unwrap_or_default() == "Share…")
        .unwrap();
    share.click();
    tick().await;
    tick().await;
    let pass: HtmlInputElement = find(&el, "#share-passphrase").unchecked_into();
    let value = pass.value();
    assert_eq!(value.len(), 24, "{value}");
    assert_eq!(value.matches('-').count(), 4);
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn a_shared_evaluation_is_shown_read_only() {
    storage().clear().unwrap();
    let el = container();
    let ds = Dataset::embedded().unwrap();
    let _handle = leptos::mount::mount_to(el.clone(), move || {
        provide_context(Session::start());
        let incoming = RwSignal::new(Incoming::Open(RwSignal::new(example())));
        view! { <IncomingPanel incoming=incoming whole_link=RwSignal::new(None) dataset=ds today=date!(2026 - 11 - 23)/> }
    });
    tick().await;
    let heading = find(&el, "#incoming-heading").text_content().unwrap();
    assert_eq!(heading, "Shared evaluation: Claims triage assistant");
    let fieldsets = el.query_selector_all("fieldset.ws-fieldset").unwrap();
    assert!(fieldsets.length() >= 4);
    let disabled = (0..fieldsets.length())
        .filter_map(|i| fieldsets.item(i))
        .filter(|n| {
            n.unchecked_ref::<web_sys::Element>()
                .has_attribute("disabled")
        })
        .count();
    assert_eq!(disabled, 4, "steps 1 to 4 are read-only; the report is not");
    // Nothing of the shared evaluation was written to this browser.
    assert_eq!(storage().length().unwrap(), 0);
}

fn reference() -> Evaluation {
    Evaluation::from_json(include_str!("fixtures/reference-evaluation.json")).unwrap()
}

/// The browser's WebCrypto and the RustCrypto code compiled to wasm give the
/// same bytes for the same evaluation, passphrase, salt and nonce: links
/// made by either open with the other, and the committed fixtures (made
/// natively) open through WebCrypto.
#[wasm_bindgen_test]
async fn webcrypto_and_rustcrypto_make_the_same_link_bytes() {
    assert!(
        crypto::webcrypto_available(),
        "127.0.0.1 is a secure context"
    );
    let e = reference();
    for (pass, iterations) in [
        ("tuna-7kq3-mzpx-4hwd-b3tn", 1_000),
        ("  ünïcode pass phrase 🔑  ", 3),
        ("x", 1),
    ] {
        let salt = [0x11; share::SALT_LEN];
        let nonce = [0x22; share::NONCE_LEN];
        let input = share::prepare_locked(&e, salt, nonce, iterations);
        let web = crypto::seal_webcrypto(&input, pass)
            .await
            .expect("WebCrypto sealed");
        let rust = share::seal_rustcrypto(&input, pass);
        assert_eq!(web, rust, "{pass:?}, {iterations} iterations");
        let via_web = crypto::encode_locked_with(&e, pass, salt, nonce, iterations).await;
        let via_rust = share::encode_locked_with(&e, pass, salt, nonce, iterations);
        assert_eq!(via_web, via_rust);
        let Ok(Shared::Locked(l)) = share::decode(&via_rust) else {
            panic!("a locked link")
        };
        assert_eq!(crypto::unlock(&l, pass).await.unwrap(), e);
        assert_eq!(
            crypto::unlock(&l, "wrong passphrase").await,
            Err(share::LinkError::WrongPassphrase)
        );
    }
    // The committed links of every format open through WebCrypto.
    for link in [
        include_str!("fixtures/links/v1-passphrase.txt"),
        include_str!("fixtures/links/v2-passphrase.txt"),
    ] {
        let payload = share::share_payload(share::fragment(link.trim())).unwrap();
        let Ok(Shared::Locked(l)) = share::decode(payload) else {
            panic!("a locked link")
        };
        assert_eq!(
            crypto::unlock(&l, "tuna-7kq3-mzpx-4hwd-b3tn")
                .await
                .unwrap(),
            e
        );
    }
}

#[wasm_bindgen_test]
async fn one_tab_holds_an_evaluation_and_lets_go() {
    // Web Locks in this page: held once; asked for again while held, it is
    // refused (as another tab is); once let go, the one waiting gets it.
    assert!(tabs::hold("web-test-lock", tabs::Ask::IfFree).await);
    assert!(tabs::holds("web-test-lock"));
    assert!(!tabs::hold("web-test-lock", tabs::Ask::IfFree).await);
    tabs::release("web-test-lock");
    assert!(!tabs::holds("web-test-lock"));
    assert!(tabs::hold("web-test-lock", tabs::Ask::Wait).await);
    tabs::release("web-test-lock");
    // The browser says how much is stored, against what quota.
    let (used, quota) = keep::estimate().await.expect("an estimate");
    assert!(quota > 0.0 && used >= 0.0, "{used} of {quota}");
}
