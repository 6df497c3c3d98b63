//! Component tests of the evaluation workspace, in headless Chromium
//! (wasm-bindgen-test): each mounts the workspace into a detached node, types
//! and clicks as a user would, and reads the DOM.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos::task::tick;
use scopewise::matrix::Dataset;
use scopewise::ui::Workspace;
use time::macros::date;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

mod dom;
use dom::*;

wasm_bindgen_test_configure!(run_in_browser);

fn mount() -> (HtmlElement, impl Drop) {
    let ds = Dataset::embedded().unwrap();
    let el = container();
    let handle = leptos::mount::mount_to(el.clone(), move || {
        view! { <Workspace dataset=ds today=date!(2026 - 11 - 23)/> }
    });
    (el, handle)
}

/// Adds a candidate through the "add a candidate" form.
async fn add_candidate(root: &Element, choice: &str) {
    type_into(root, "candidate-kind", choice);
    tick().await;
    by_id(root, "candidate-add").click();
    tick().await;
}

fn step_hidden(root: &Element, step: &str) -> bool {
    by_id(root, &format!("step-{step}")).has_attribute("hidden")
}

#[wasm_bindgen_test]
async fn five_steps_one_current_and_keyboard_reachable() {
    let (el, _h) = mount();
    assert_eq!(count(&el, "nav.ws-steps button.step-button"), 5);
    assert_eq!(count(&el, "nav.ws-steps button[aria-current=step]"), 1);
    assert!(!step_hidden(&el, "workload"));
    assert!(step_hidden(&el, "evidence"));
    by_id(&el, "nav-evidence").click();
    tick().await;
    assert!(step_hidden(&el, "workload"));
    assert!(!step_hidden(&el, "evidence"));
    assert_eq!(
        attr(&el, "nav-evidence", "aria-current").as_deref(),
        Some("step")
    );
    assert_eq!(
        attr(&el, "nav-workload", "aria-current").as_deref(),
        Some("false")
    );
}

#[wasm_bindgen_test]
async fn dates_validate_as_typed_and_keep_what_was_typed() {
    let (el, _h) = mount();
    tick().await;
    let id = "field-evaluation_date";
    assert_eq!(value_of(&el, id), "2026-11-23", "defaults to today");
    assert_eq!(attr(&el, id, "aria-invalid").as_deref(), Some("false"));

    type_into(&el, id, "2025-02-30");
    tick().await;
    assert_eq!(attr(&el, id, "aria-invalid").as_deref(), Some("true"));
    assert!(
        message_of(&el, id).contains("“2025-02-30” is not a day on the calendar"),
        "{}",
        message_of(&el, id)
    );
    assert_eq!(value_of(&el, id), "2025-02-30", "the typed text stays");

    type_into(&el, id, "23 Smarch 2026");
    tick().await;
    assert!(
        message_of(&el, id).contains("“23 Smarch 2026” is not a date yet"),
        "{}",
        message_of(&el, id)
    );

    // Dates as people write them, read back in words under the field.
    type_into(&el, id, "23/11/2026");
    tick().await;
    assert_eq!(attr(&el, id, "aria-invalid").as_deref(), Some("false"));
    let understood = el
        .query_selector(&format!("#{id} ~ .field-understood"))
        .unwrap()
        .map(|e| e.text_content().unwrap_or_default())
        .unwrap_or_default();
    assert_eq!(understood, "Read as 23 November 2026");

    type_into(&el, id, "2026-12-01");
    tick().await;
    assert_eq!(attr(&el, id, "aria-invalid").as_deref(), Some("false"));
    assert!(!message_of(&el, id).contains("not"));

    // A contract end before the evaluation date is the model's own check.
    type_into(&el, "field-contract_end", "2026-01-01");
    tick().await;
    assert_eq!(
        attr(&el, "field-contract_end", "aria-invalid").as_deref(),
        Some("true")
    );
    assert!(message_of(&el, "field-contract_end").contains("before the evaluation date"));
}

#[wasm_bindgen_test]
async fn expiry_before_issue_is_flagged_on_the_field() {
    let (el, _h) = mount();
    add_candidate(&el, "direct:openai").await;
    assert_eq!(count(&el, "li.candidate-card"), 1);
    by_id(&el, "field-openai-direct-model-add-button").click();
    tick().await;
    assert_eq!(count(&el, "article.record"), 1);
    type_into(&el, "field-openai-direct-r1-issue_date", "2025-06-01");
    type_into(&el, "field-openai-direct-r1-expiry_date", "2025-05-31");
    tick().await;
    let id = "field-openai-direct-r1-expiry_date";
    assert_eq!(attr(&el, id, "aria-invalid").as_deref(), Some("true"));
    assert!(
        message_of(&el, id).contains("before the issue date"),
        "{}",
        message_of(&el, id)
    );
    // An impossible standard keeps the typed text and says why.
    let sid = "field-openai-direct-r1-standard";
    type_into(&el, sid, "9001:2015");
    tick().await;
    assert_eq!(value_of(&el, sid), "9001:2015");
    assert!(message_of(&el, sid).contains("not a standard this checker knows"));
    // SOC 2 shows its own fields.
    type_into(&el, sid, "soc2");
    tick().await;
    assert_eq!(
        count(&el, "[id='field-openai-direct-r1-soc2-period_end']"),
        1
    );
    assert_eq!(count(&el, "[id='field-openai-direct-r1-expiry_date']"), 0);
}

#[wasm_bindgen_test]
async fn hostile_text_is_shown_as_text() {
    let (el, _h) = mount();
    let hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    type_into(&el, "field-workload-name", hostile);
    type_into(&el, "field-attestation-new", hostile);
    by_id(&el, "attestation-add").click();
    add_candidate(&el, "direct:anthropic").await;
    type_into(&el, "field-anthropic-direct-products-new", hostile);
    by_id(&el, "field-anthropic-direct-products-new-button").click();
    type_into(&el, "field-anthropic-direct-name", hostile);
    tick().await;
    assert_eq!(count(&el, "script"), 0);
    assert_eq!(count(&el, "img"), 0);
    assert!(text(&el, "ul.chips").contains(hostile));
    assert!(text(&el, "li.candidate-card h5").contains(hostile));
    by_id(&el, "nav-report").click();
    tick().await;
    assert!(text(&el, "[data-testid=nav-summary]").contains(hostile));
    assert_eq!(count(&el, "script"), 0);
    assert_eq!(count(&el, "img"), 0);
}

#[wasm_bindgen_test]
async fn prefill_creates_public_claims_and_the_report_shows_a_verdict() {
    let (el, _h) = mount();
    add_candidate(&el, "path:claude-on-bedrock").await;
    let c = "claude-on-bedrock";
    assert!(text(&el, "li.candidate-card").contains("Amazon Bedrock"));
    by_id(&el, &format!("field-{c}-model-prefill")).click();
    tick().await;
    let model_records = count(
        &el,
        "section.layer[data-layer=model] article.record.public-claim",
    );
    assert!(model_records >= 5, "{model_records}");
    by_id(&el, &format!("field-{c}-platform-prefill")).click();
    tick().await;
    assert!(
        count(
            &el,
            "section.layer[data-layer=platform] article.record.public-claim"
        ) >= 4
    );
    assert!(text(&el, "section.layer[data-layer=model]").contains("Public claim, not verified"));
    assert_eq!(
        value_of(&el, &format!("field-{c}-r1-source")),
        "public-claim"
    );

    by_id(&el, "nav-report").click();
    tick().await;
    let verdict = text(&el, &format!("[data-testid=verdict-{c}]"));
    assert!(
        verdict.contains("conditional") || verdict.contains("fails policy"),
        "{verdict}"
    );
    assert!(count(&el, "li.finding[data-rule='tier.public-claim-only']") >= 1);
    assert!(count(&el, "table.decision-matrix tbody tr") == 1);
    // Every cell says its status in words, with its reason linked.
    let cell = find(&el, "table.decision-matrix .rcell-button");
    let tip = cell.get_attribute("aria-describedby").unwrap();
    assert!(by_id(&el, &tip)
        .text_content()
        .unwrap()
        .contains("public matrix"));
}

#[wasm_bindgen_test]
async fn a_finding_takes_the_user_to_its_field() {
    let (el, _h) = mount();
    add_candidate(&el, "direct:openai").await;
    by_id(&el, "field-openai-direct-model-add-button").click();
    tick().await;
    type_into(&el, "field-openai-direct-r1-expiry_date", "2026-01-31");
    tick().await;
    by_id(&el, "nav-report").click();
    tick().await;
    let expired = find(&el, "li.finding[data-rule='cert.expired']");
    assert!(expired.text_content().unwrap().contains("2026-01-31"));
    find(&expired, "button.go-to-field").click();
    tick().await;
    sleep(20).await;
    assert!(!step_hidden(&el, "evidence"));
    let active = document().active_element().unwrap();
    assert_eq!(active.id(), "field-openai-direct-r1-expiry_date");
    // And the report re-evaluates as the field changes.
    type_into(&el, "field-openai-direct-r1-expiry_date", "2027-06-30");
    tick().await;
    by_id(&el, "nav-report").click();
    tick().await;
    assert_eq!(count(&el, "li.finding[data-rule='cert.expired']"), 0);
}

#[wasm_bindgen_test]
async fn removing_a_candidate_can_be_undone() {
    let (el, _h) = mount();
    add_candidate(&el, "direct:mistral").await;
    add_candidate(&el, "direct:cohere").await;
    assert_eq!(count(&el, "li.candidate-card"), 2);
    by_id(&el, "cand-mistral-ai-direct-remove").click();
    tick().await;
    assert_eq!(count(&el, "li.candidate-card"), 1);
    by_id(&el, "candidate-undo").click();
    tick().await;
    assert_eq!(count(&el, "li.candidate-card"), 2);
    assert!(text(&el, "ul.candidate-list").starts_with("Mistral AI direct"));
}

#[wasm_bindgen_test]
async fn typing_in_one_record_of_fifty_rerenders_no_other_field() {
    let (el, _h) = mount();
    add_candidate(&el, "direct:openai").await;
    for _ in 0..50 {
        by_id(&el, "field-openai-direct-model-add-button").click();
    }
    tick().await;
    assert_eq!(count(&el, "article.record"), 50);
    let first = by_id(&el, "field-openai-direct-r1-holder");
    let last_scope = by_id(&el, "field-openai-direct-r50-scope");
    let perf = web_sys::window().unwrap().performance().unwrap();
    let t0 = perf.now();
    type_into(&el, "field-openai-direct-r25-expiry_date", "2027-01-31");
    tick().await;
    let spent = perf.now() - t0;
    // The other records' inputs are the same nodes: nothing else was re-rendered.
    assert!(first.is_same_node(Some(&by_id(&el, "field-openai-direct-r1-holder"))));
    assert!(last_scope.is_same_node(Some(&by_id(&el, "field-openai-direct-r50-scope"))));
    assert!(first.is_connected());
    // The report followed (the summary in the step navigation).
    assert!(text(&el, "[data-testid=nav-summary]").contains("OpenAI direct: fails policy"));
    // Even in a debug build, one keystroke over 50 records stays well under a frame budget × 10.
    assert!(spent < 500.0, "one keystroke took {spent} ms");
}

#[wasm_bindgen_test]
async fn a_kept_evaluation_survives_remounting() {
    use scopewise::domain::RiskTier;
    use scopewise::policy::Evaluation;
    let ds = Dataset::embedded().unwrap();
    let state = RwSignal::new(Evaluation::new(RiskTier::Low));
    let el = container();
    let first = leptos::mount::mount_to(el.clone(), move || {
        view! { <Workspace dataset=ds today=date!(2026 - 11 - 23) state=state/> }
    });
    add_candidate(&el, "direct:cohere").await;
    assert_eq!(state.with_untracked(|e| e.candidates.len()), 1);
    drop(first);
    let el2 = container();
    let _again = leptos::mount::mount_to(el2.clone(), move || {
        view! { <Workspace dataset=ds today=date!(2026 - 11 - 23) state=state/> }
    });
    assert_eq!(count(&el2, "li.candidate-card"), 1);
    assert!(text(&el2, "li.candidate-card h5").contains("Cohere direct"));
    let low: HtmlInputElement = by_id(&el2, "field-tier-low").unchecked_into();
    assert!(low.checked());
}

/// The hand-off documents under the report: vendor pages, the timeline, and
/// the contract scanner whose "Use this answer" changes the checklist (and
/// the contract step's form follows).
#[wasm_bindgen_test]
async fn documents_scan_a_contract_and_use_an_answer() {
    use scopewise::policy::{Answer, ContractItem, Evaluation};
    let mut eval =
        Evaluation::from_json(include_str!("../examples/evaluation.json")).expect("example");
    for c in &mut eval.candidates {
        c.contract.zdr_window = None;
    }
    let state = RwSignal::new(eval);
    let ds = Dataset::embedded().unwrap();
    let el = container();
    let _h = leptos::mount::mount_to(el.clone(), move || {
        view! { <Workspace dataset=ds today=date!(2026 - 11 - 23) state=state/> }
    });
    tick().await;
    assert!(find(&el, "section.documents").has_attribute("hidden"));
    by_id(&el, "nav-report").click();
    tick().await;
    assert!(!find(&el, "section.documents").has_attribute("hidden"));
    let n = state.with_untracked(|e| e.candidates.len()) as u32;
    assert_eq!(count(&el, "#vendor-pages article.vendor-page"), n);
    assert!(count(&el, "ol.timeline li.event") > 0);
    let cid = state.with_untracked(|e| e.candidates[0].id.clone());
    let area = format!("scan-text-{cid}");
    type_into(
        &el,
        &area,
        include_str!("fixtures/contracts/sample-msa.txt"),
    );
    let panel = find(&el, &format!(".scan-panel[data-candidate='{cid}']"));
    find(&panel, ".scan-button").click();
    tick().await;
    assert_eq!(count(&panel, "li.proposal"), 8);
    let zdr = find(&panel, "li.proposal[data-item='zdr_window']");
    assert_eq!(zdr.get_attribute("data-answer").as_deref(), Some("yes"));
    assert!(text(&zdr, "blockquote.passage").contains("thirty (30) days"));
    assert!(count(&panel, "ul.vague-list li") >= 3);
    find(&zdr, "button.use-answer").click();
    tick().await;
    let got = state.with_untracked(|e| {
        e.candidates[0]
            .contract
            .get(ContractItem::ZdrWindow)
            .cloned()
    });
    let got = got.expect("answer set");
    assert_eq!(got.answer, Answer::Yes);
    assert!(got.note.contains("Zero Data Retention"), "{}", got.note);
    // The contract step shows the new answer.
    let radio = by_id(&el, &format!("field-{cid}-contract-zdr_window"));
    let checked = js_sys::Reflect::get(&radio, &"checked".into())
        .unwrap()
        .as_bool();
    assert_eq!(checked, Some(true), "the Yes radio is checked");
}

/// The SOC 2 part of the record form: the auditor's opinion and the
/// subservice organisations (name and method), each a labelled input, kept
/// in the record.
#[wasm_bindgen_test]
async fn soc2_opinion_and_subservice_organisations_are_labelled_and_kept() {
    use scopewise::domain::evaluation::{Soc2Opinion, SubserviceMethod};
    use scopewise::domain::RiskTier;
    use scopewise::policy::Evaluation;
    let ds = Dataset::embedded().unwrap();
    let state = RwSignal::new(Evaluation::new(RiskTier::Low));
    let el = container();
    let _h = leptos::mount::mount_to(el.clone(), move || {
        view! { <Workspace dataset=ds today=date!(2026 - 11 - 23) state=state/> }
    });
    add_candidate(&el, "direct:openai").await;
    by_id(&el, "field-openai-direct-model-add-button").click();
    tick().await;
    type_into(&el, "field-openai-direct-r1-standard", "soc2");
    tick().await;
    let soc2 = || state.with_untracked(|e| e.candidates[0].records[0].soc2.clone().unwrap());
    let opinion = "field-openai-direct-r1-soc2-opinion";
    assert_eq!(count(&el, &format!("label[for='{opinion}']")), 1);
    type_into(&el, opinion, "qualified");
    tick().await;
    assert_eq!(soc2().opinion, Some(Soc2Opinion::Qualified));
    assert_eq!(
        count(&el, "[data-testid='subservice-organisations'] legend"),
        1
    );
    by_id(
        &el,
        "field-openai-direct-r1-soc2-subservice_organisations-add",
    )
    .click();
    tick().await;
    let name = "field-openai-direct-r1-soc2-subservice_organisations-0-name";
    let method = "field-openai-direct-r1-soc2-subservice_organisations-0-method";
    assert_eq!(count(&el, &format!("label[for='{name}']")), 1);
    assert_eq!(count(&el, &format!("label[for='{method}']")), 1);
    type_into(&el, name, "Amazon Web Services, Inc.");
    tick().await;
    type_into(&el, method, "inclusive");
    tick().await;
    let s = soc2();
    assert_eq!(s.subservice_organisations.len(), 1);
    assert_eq!(
        s.subservice_organisations[0].name,
        "Amazon Web Services, Inc."
    );
    assert_eq!(
        s.subservice_organisations[0].method,
        SubserviceMethod::Inclusive
    );
    // Removed by its own labelled button.
    let remove = el
        .query_selector_all("[data-testid='subservice-organisations'] button")
        .unwrap();
    let button: HtmlElement = (0..remove.length())
        .filter_map(|i| remove.item(i))
        .map(|n| n.unchecked_into::<HtmlElement>())
        .find(|b| b.text_content().unwrap_or_default() == "Remove subservice organisation 1")
        .unwrap();
    button.click();
    tick().await;
    assert!(soc2().subservice_organisations.is_empty());
}

/// A field says nothing until it is touched (edited, or left after focus),
/// or its step is revealed: "Next" past it, or the report opened.
#[wasm_bindgen_test]
async fn fields_stay_quiet_until_touched_or_revealed() {
    let (el, _h) = mount();
    tick().await;
    let name = "field-workload-name";
    assert_eq!(attr(&el, name, "aria-invalid").as_deref(), Some("false"));
    assert_eq!(message_of(&el, name).trim(), "");
    fire(&by_id(&el, name), "blur");
    tick().await;
    assert_eq!(attr(&el, name, "aria-invalid").as_deref(), Some("true"));
    assert!(message_of(&el, name).contains("name the workload"));

    // A new record is quiet; so is a record prefilled from the matrix.
    add_candidate(&el, "direct:openai").await;
    by_id(&el, "field-openai-direct-model-add-button").click();
    by_id(&el, "field-openai-direct-model-prefill").click();
    tick().await;
    let holder = "field-openai-direct-r1-holder";
    assert_eq!(attr(&el, holder, "aria-invalid").as_deref(), Some("false"));
    assert_eq!(count(&el, "#step-evidence [aria-invalid=true]"), 0);
    assert_eq!(count(&el, "#step-candidates [aria-invalid=true]"), 0);

    // "Next" on step 2 reveals step 2 (no product listed), not step 3.
    by_id(&el, "nav-candidates").click();
    tick().await;
    by_id(&el, "step-next").click();
    tick().await;
    assert!(message_of(&el, "field-openai-direct-products-new").contains("list the products"));
    assert_eq!(attr(&el, holder, "aria-invalid").as_deref(), Some("false"));

    // The report reveals every step.
    by_id(&el, "nav-report").click();
    tick().await;
    assert_eq!(attr(&el, holder, "aria-invalid").as_deref(), Some("true"));
    assert!(message_of(&el, holder).contains("name the organisation"));
    // A finding's rule id is a label beside its sentence, never inside it.
    let f = find(&el, "li.finding");
    let rule = f.get_attribute("data-rule").unwrap();
    assert_eq!(text(&f, ".rule-tag").replace("rule ", ""), rule);
    assert!(!text(&f, ".finding-text").contains(&rule));
    assert_eq!(count(&el, "li.finding code"), 0);
}
