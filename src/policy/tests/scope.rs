//! scope.*, layer.* and ai.* edges.

use super::*;
use time::macros::date;

// --- scope rules --------------------------------------------------------------

#[test]
fn scope_missing_statement_edges() {
    for blank in ["", "  \n\t "] {
        let e = with_record("m27001", |r| r.scope = blank.into());
        assert_eq!(
            sev_of(&e, D, "scope.missing-statement", Some("m27001")),
            Some(Severity::Fail)
        );
        // No product matching on a missing scope: one finding, not three.
        assert_eq!(
            sev_of(&e, D, "scope.product-not-named", Some("m27001")),
            None
        );
    }
    let e = with_record("m42001", |r| r.scope = String::new());
    assert_eq!(
        sev_of(&e, D, "scope.missing-statement", Some("m42001")),
        Some(Severity::Warn)
    );
}

#[test]
fn scope_product_not_named_matching_and_confirmation() {
    // Named in other case and punctuation.
    let e = with_record("m27001", |r| {
        r.scope = "ISMS for the CLAUDE-API and Fine Tuning".into()
    });
    let report = evaluate(&e, D);
    assert!(report.candidates[0]
        .findings
        .iter()
        .all(|f| f.rule != "scope.product-not-named"));
    let m = report.candidates[0]
        .scope_matches
        .iter()
        .find(|m| m.record == "m27001" && m.product == "fine-tuning")
        .unwrap();
    assert_eq!(m.matched, "Fine Tuning");
    // An alias: "Anthropic API" for "Claude API".
    let e = with_record("m27001", |r| {
        r.scope = "ISMS for the Anthropic API, including fine-tuning".into()
    });
    assert_eq!(sev_of(&e, D, "scope.product-not-named", None), None);
    // Missing: a fail naming the product and what was compared.
    let e = with_record("m27001", |r| r.scope = "ISMS for the Claude API".into());
    let f: Vec<Finding> = findings(&e, D)
        .into_iter()
        .filter(|f| f.rule == "scope.product-not-named")
        .collect();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Fail);
    assert!(
        f[0].message
            .starts_with("`fine-tuning` is not named in the scope statement of record `m27001`"),
        "{}",
        f[0].message
    );
    assert!(f[0]
        .values
        .iter()
        .any(|v| v.name == "compared_as" && v.value.contains("finetuning")));
    // Confirmed by hand: info, and it says so.
    let mut c = clean_direct();
    rec(&mut c, "m27001").scope = "ISMS for the Claude API".into();
    c.scope_confirmations.push(ScopeConfirmation {
        product: "Fine-Tuning".into(),
        layer: Layer::Model,
        record_id: "m27001".into(),
        note: "vendor e-mail 2026-11-12".into(),
    });
    let e = one(c);
    let f = findings(&e, D)
        .into_iter()
        .find(|f| f.rule == "scope.product-not-named")
        .unwrap();
    assert_eq!(f.severity, Severity::Info);
    assert!(
        f.message
            .ends_with("confirmed by hand: vendor e-mail 2026-11-12"),
        "{}",
        f.message
    );
    assert_eq!(evaluate(&e, D).candidates[0].verdict, Verdict::MeetsPolicy);
    // A confirmation for another layer or record does not count.
    let mut c = clean_direct();
    rec(&mut c, "m27001").scope = "ISMS for the Claude API".into();
    c.scope_confirmations.push(ScopeConfirmation {
        product: "fine-tuning".into(),
        layer: Layer::Platform,
        record_id: "m27001".into(),
        note: "x".into(),
    });
    assert_eq!(
        sev_of(&one(c), D, "scope.product-not-named", None),
        Some(Severity::Fail)
    );
}

#[test]
fn scope_platform_layer_must_name_the_hosting_service() {
    let mut c = clean_hosted();
    rec(&mut c, "p27001").scope = "AWS compute and storage services".into();
    let e = one(c);
    let f = findings(&e, D)
        .into_iter()
        .find(|f| f.rule == "scope.product-not-named")
        .unwrap();
    assert_eq!(f.subject.layer, Some(Layer::Platform));
    assert!(f.message.contains("`Amazon Bedrock`"), "{}", f.message);
    let mut c = clean_hosted();
    rec(&mut c, "p27001").scope = "AWS services incl. AWS Bedrock".into();
    assert_eq!(sev_of(&one(c), D, "scope.product-not-named", None), None);
}

// --- layers ---------------------------------------------------------------------

#[test]
fn layer_inherited_only_on_a_hosted_path() {
    let mut c = clean_hosted();
    let r = rec(&mut c, "m27001");
    r.holder = "Amazon Web Services, Inc.".into();
    let e = one(c);
    assert_eq!(
        sev_of(&e, D, "layer.inherited-only", None),
        Some(Severity::Fail)
    );
    assert_eq!(sev_of(&e, D, "tier.required-missing", None), None);
    let report = evaluate(&e, D);
    let cell = report.candidates[0]
        .matrix
        .iter()
        .find(|c| c.layer == Layer::Model && c.standards.to_vec() == vec![Standard::Iso27001])
        .unwrap();
    assert_eq!(cell.status, CellStatus::Fail);
    // The same holder on a direct path is just a holder.
    let mut c = clean_direct();
    rec(&mut c, "m27001").holder = "Amazon Web Services, Inc.".into();
    assert_eq!(sev_of(&one(c), D, "layer.inherited-only", None), None);
}

#[test]
fn layer_customer_aims_only_for_high_risk() {
    let e = eval_with(RiskTier::HighRisk, vec![clean_direct()]);
    assert_eq!(
        sev_of(&e, D, "layer.customer-aims", None),
        Some(Severity::Info)
    );
    assert_eq!(
        sev_of(&one(clean_direct()), D, "layer.customer-aims", None),
        None
    );
}

#[test]
fn ai_no_42001_timeline_by_tier() {
    let mut c = clean_direct();
    c.records.retain(|r| r.id != "m42001");
    let reg = one(c.clone());
    assert_eq!(
        sev_of(&reg, D, "ai.no-42001-timeline", None),
        Some(Severity::Warn)
    );
    let high = eval_with(RiskTier::HighRisk, vec![c.clone()]);
    assert_eq!(
        sev_of(&high, D, "ai.no-42001-timeline", None),
        Some(Severity::Fail)
    );
    let low = eval_with(RiskTier::Low, vec![c.clone()]);
    assert_eq!(sev_of(&low, D, "ai.no-42001-timeline", None), None);
    c.ai_timeline = Some(AiTimeline {
        text: "42001 certification audit booked for Q1 2027".into(),
        target_date: Some(date!(2027 - 03 - 31)),
    });
    assert_eq!(
        sev_of(&one(c.clone()), D, "ai.no-42001-timeline", None),
        None
    );
    c.ai_timeline.as_mut().unwrap().target_date = Some(date!(2026 - 06 - 30));
    assert_eq!(
        sev_of(&one(c.clone()), D, "ai.no-42001-timeline", None),
        Some(Severity::Warn)
    );
    c.ai_timeline.as_mut().unwrap().text = "  ".into();
    assert_eq!(
        sev_of(&one(c), D, "ai.no-42001-timeline", None),
        Some(Severity::Warn)
    );
}
