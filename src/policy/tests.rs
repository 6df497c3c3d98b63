//! Edge tests, one group per rule of POLICY.md.

use super::*;
use crate::domain::evaluation::{AiTimeline, HostedPlatform, ScopeConfirmation, Workload};
use crate::domain::{RiskTier, Standard};
use time::macros::date;

const D: Date = date!(2026 - 11 - 23);

pub(crate) fn good_iso(id: &str, layer: Layer, standard: Standard, edition: u16) -> EvidenceRecord {
    let mut r = EvidenceRecord::new(id, layer, StandardRef::iso(standard, edition));
    r.holder = if layer == Layer::Platform {
        "Amazon Web Services, Inc.".into()
    } else {
        "Anthropic, PBC".into()
    };
    r.certificate_number = format!("C-{id}");
    r.certification_body = "Schellman Compliance, LLC".into();
    r.accreditation_body = "ANAB".into();
    r.originally_certified = Some(date!(2022 - 01 - 06));
    r.issue_date = Some(date!(2025 - 01 - 06));
    r.expiry_date = Some(date!(2028 - 01 - 05));
    r.last_surveillance_audit = Some(date!(2026 - 01 - 20));
    r.scope = if layer == Layer::Platform {
        "AWS services including Amazon Bedrock".into()
    } else {
        "The ISMS supporting the Claude API, fine-tuning and Claude.ai".into()
    };
    r.source = SourceKind::CertificatePdf;
    r.last_verified = Some(date!(2026 - 10 - 01));
    r
}

pub(crate) fn good_soc2(id: &str) -> EvidenceRecord {
    let mut r = EvidenceRecord::new(id, Layer::Model, StandardRef::Soc2);
    r.holder = "Anthropic, PBC".into();
    r.scope = "System description: the Claude API and fine-tuning".into();
    r.source = SourceKind::AuditReport;
    r.last_verified = Some(date!(2026 - 10 - 01));
    r.soc2 = Some(Soc2Details {
        report_type: Soc2Type::TypeII,
        auditor: "Schellman & Company, LLC".into(),
        period_start: Some(date!(2025 - 10 - 01)),
        period_end: Some(date!(2026 - 09 - 30)),
        report_date: Some(date!(2026 - 10 - 20)),
        bridge_letter_end: None,
        opinion: None,
        subservice_organisations: Vec::new(),
    });
    r
}

/// A direct candidate that meets the regulated preset on `D`.
pub(crate) fn clean_direct() -> Candidate {
    Candidate {
        id: "direct".into(),
        name: "Anthropic API".into(),
        model_vendor: "anthropic".into(),
        platform: None,
        products: vec!["Claude API".into(), "fine-tuning".into()],
        records: vec![
            good_iso("m27001", Layer::Model, Standard::Iso27001, 2022),
            good_iso("m27017", Layer::Model, Standard::Iso27017, 2015),
            good_iso("m27018", Layer::Model, Standard::Iso27018, 2019),
            good_iso("m27701", Layer::Model, Standard::Iso27701, 2019),
            good_soc2("msoc2"),
            good_iso("m42001", Layer::Model, Standard::Iso42001, 2023),
        ],
        customer_notes: String::new(),
        contract: ContractChecklist::all_yes(),
        scope_confirmations: Vec::new(),
        ai_timeline: None,
    }
}

/// A hosted candidate (Claude on Bedrock) that meets the regulated preset.
pub(crate) fn clean_hosted() -> Candidate {
    let mut c = clean_direct();
    c.id = "hosted".into();
    c.name = "Claude on Amazon Bedrock".into();
    c.platform = Some(HostedPlatform {
        vendor: "aws".into(),
        service: "Amazon Bedrock".into(),
    });
    for (id, s, e) in [
        ("p27001", Standard::Iso27001, 2022),
        ("p27017", Standard::Iso27017, 2015),
        ("p27018", Standard::Iso27018, 2019),
        ("p27701", Standard::Iso27701, 2019),
    ] {
        c.records.push(good_iso(id, Layer::Platform, s, e));
    }
    c
}

pub(crate) fn eval_with(tier: RiskTier, candidates: Vec<Candidate>) -> Evaluation {
    Evaluation {
        format: FORMAT_VERSION,
        workload: Workload {
            name: "claims triage".into(),
            data: "PHI".into(),
            decisions: "routing".into(),
            risk_tier: tier,
        },
        sector_attestations: Vec::new(),
        evaluation_date: Some(D),
        contract_end: None,
        policy: Policy::preset(tier),
        candidates,
    }
}

fn one(c: Candidate) -> Evaluation {
    eval_with(RiskTier::Regulated, vec![c])
}

fn findings(e: &Evaluation, date: Date) -> Vec<Finding> {
    evaluate(e, date)
        .candidates
        .into_iter()
        .flat_map(|c| c.findings)
        .collect()
}

/// The severity of `rule` on `record` (or on the candidate when `None`).
fn sev_of(e: &Evaluation, date: Date, rule: &str, record: Option<&str>) -> Option<Severity> {
    findings(e, date)
        .into_iter()
        .filter(|f| f.rule == rule && (record.is_none() || f.subject.record.as_deref() == record))
        .map(|f| f.severity)
        .max()
}

fn rec<'a>(c: &'a mut Candidate, id: &str) -> &'a mut EvidenceRecord {
    c.records.iter_mut().find(|r| r.id == id).unwrap()
}

fn with_record(id: &str, f: impl FnOnce(&mut EvidenceRecord)) -> Evaluation {
    let mut c = clean_direct();
    f(rec(&mut c, id));
    one(c)
}

#[test]
fn clean_candidates_meet_the_policy() {
    for c in [clean_direct(), clean_hosted()] {
        let e = one(c);
        let report = evaluate(&e, D);
        let cr = &report.candidates[0];
        assert_eq!(cr.verdict, Verdict::MeetsPolicy, "{:#?}", cr.findings);
        assert!(cr.findings.is_empty(), "{:#?}", cr.findings);
        assert!(cr.matrix.iter().all(|c| c.status == CellStatus::Pass));
        assert!(e.validate().is_empty(), "{:?}", e.validate());
    }
    let report = evaluate(&one(clean_hosted()), D);
    assert_eq!(report.candidates[0].matrix.len(), 5 + 4);
    assert_eq!(report.verdict, Verdict::MeetsPolicy);
}

// --- cert.expired / cert.not-yet-valid / cert.expiring-soon -----------------

#[test]
fn cert_expired_edges() {
    let e = with_record("m27001", |r| r.expiry_date = Some(date!(2026 - 11 - 22)));
    assert_eq!(
        sev_of(&e, D, "cert.expired", Some("m27001")),
        Some(Severity::Fail)
    );
    let f = findings(&e, D)
        .into_iter()
        .find(|f| f.rule == "cert.expired")
        .unwrap();
    assert_eq!(
        f.values[0],
        Compared {
            name: "expiry_date",
            value: "2026-11-22".into()
        }
    );
    assert_eq!(
        f.values[1],
        Compared {
            name: "evaluation_date",
            value: "2026-11-23".into()
        }
    );
    assert_eq!(f.subject.field, Some("expiry_date"));
    assert_eq!(f.subject.standard, Some(Standard::Iso27001));
    assert_eq!(f.source, "source A, step 2");
    // Valid through its expiry day.
    let e = with_record("m27001", |r| r.expiry_date = Some(D));
    assert_eq!(sev_of(&e, D, "cert.expired", None), None);
    let e = with_record("m27001", |r| r.expiry_date = Some(date!(2026 - 11 - 24)));
    assert_eq!(sev_of(&e, D, "cert.expired", None), None);
    // No expiry date: can't be shown current.
    let e = with_record("m27001", |r| r.expiry_date = None);
    assert_eq!(
        sev_of(&e, D, "cert.expired", Some("m27001")),
        Some(Severity::Warn)
    );
    // A certificate that is not required only warns.
    let e = with_record("m42001", |r| r.expiry_date = Some(date!(2026 - 01 - 01)));
    assert_eq!(
        sev_of(&e, D, "cert.expired", Some("m42001")),
        Some(Severity::Warn)
    );
}

#[test]
fn cert_not_yet_valid_edges() {
    let e = with_record("m27001", |r| r.issue_date = Some(date!(2026 - 11 - 24)));
    assert_eq!(
        sev_of(&e, D, "cert.not-yet-valid", Some("m27001")),
        Some(Severity::Fail)
    );
    let e = with_record("m27001", |r| r.issue_date = Some(D));
    assert_eq!(sev_of(&e, D, "cert.not-yet-valid", None), None);
    let e = with_record("m27001", |r| r.issue_date = None);
    assert_eq!(
        sev_of(&e, D, "cert.not-yet-valid", Some("m27001")),
        Some(Severity::Warn)
    );
}

#[test]
fn cert_expiring_soon_edges() {
    let at = |exp: Date| {
        sev_of(
            &with_record("m27001", |r| r.expiry_date = Some(exp)),
            D,
            "cert.expiring-soon",
            None,
        )
    };
    assert_eq!(at(D), Some(Severity::Warn));
    assert_eq!(at(date!(2027 - 02 - 21)), Some(Severity::Warn)); // D + 90
    assert_eq!(at(date!(2027 - 02 - 22)), None); // D + 91
    assert_eq!(at(date!(2026 - 11 - 22)), None); // expired instead
    let e = with_record("m27001", |r| r.expiry_date = Some(date!(2027 - 02 - 21)));
    let f = findings(&e, D)
        .into_iter()
        .find(|f| f.rule == "cert.expiring-soon")
        .unwrap();
    assert!(f.message.contains("90 days after"), "{}", f.message);
}

#[test]
fn cert_expires_before_contract_end_edges() {
    let mut c = clean_direct();
    c.contract.maintain_for_term = Some(ContractAnswer {
        answer: Answer::No,
        note: String::new(),
    });
    let mut e = one(c);
    e.contract_end = Some(date!(2028 - 01 - 06));
    assert_eq!(
        sev_of(&e, D, "cert.expires-before-contract-end", Some("m27001")),
        Some(Severity::Warn)
    );
    e.contract_end = Some(date!(2028 - 01 - 05)); // the expiry day itself
    assert_eq!(
        sev_of(&e, D, "cert.expires-before-contract-end", None),
        None
    );
    // With a commitment to maintain the certifications, context only.
    e.contract_end = Some(date!(2029 - 01 - 01));
    e.candidates[0].contract = ContractChecklist::all_yes();
    assert_eq!(
        sev_of(&e, D, "cert.expires-before-contract-end", Some("m27001")),
        Some(Severity::Info)
    );
    e.contract_end = None;
    assert_eq!(
        sev_of(&e, D, "cert.expires-before-contract-end", None),
        None
    );
}

// --- cert.cycle-too-long ---------------------------------------------------

#[test]
fn cert_cycle_too_long_edges() {
    let at = |issue: Date, exp: Date| {
        let e = with_record("m27001", |r| {
            r.issue_date = Some(issue);
            r.expiry_date = Some(exp);
        });
        sev_of(&e, date!(2025 - 06 - 01), "cert.cycle-too-long", None)
    };
    let issue = date!(2025 - 01 - 06);
    assert_eq!(at(issue, date!(2028 - 01 - 06)), None); // exactly three years
    assert_eq!(at(issue, date!(2028 - 02 - 06)), None); // three years + 31 days
    assert_eq!(at(issue, date!(2028 - 02 - 07)), Some(Severity::Fail)); // + 32 days
                                                                        // A leap-day issue: 2024-02-29 + 3 years = 2027-02-28, + 31 days = 2027-03-31.
    let leap = date!(2024 - 02 - 29);
    assert_eq!(at(leap, date!(2027 - 03 - 31)), None);
    assert_eq!(at(leap, date!(2027 - 04 - 01)), Some(Severity::Fail));
    let e = with_record("m27001", |r| {
        r.issue_date = Some(leap);
        r.expiry_date = Some(date!(2027 - 04 - 01));
    });
    let f = findings(&e, date!(2025 - 06 - 01))
        .into_iter()
        .find(|f| f.rule == "cert.cycle-too-long")
        .unwrap();
    assert!(f.values.contains(&Compared {
        name: "latest_expiry",
        value: "2027-03-31".into()
    }));
}

// --- cert.surveillance-overdue ------------------------------------------------

#[test]
fn cert_surveillance_overdue_edges() {
    let at = |last: Option<Date>, issue: Option<Date>| {
        let e = with_record("m27001", |r| {
            r.last_surveillance_audit = last;
            r.issue_date = issue;
            r.originally_certified = None;
        });
        sev_of(&e, D, "cert.surveillance-overdue", Some("m27001"))
    };
    let old_issue = Some(date!(2024 - 06 - 01));
    // Due 12 months + 31 days after the audit: 2025-10-23 → 2026-11-23 (= D).
    assert_eq!(at(Some(date!(2025 - 10 - 23)), old_issue), None);
    assert_eq!(
        at(Some(date!(2025 - 10 - 22)), old_issue),
        Some(Severity::Warn)
    );
    // None recorded, and an old issue date: overdue.
    assert_eq!(at(None, old_issue), Some(Severity::Warn));
    // Neither recorded: "none recorded".
    assert_eq!(at(None, None), Some(Severity::Warn));
    // A recent (re)certification counts as an audit.
    assert_eq!(at(None, Some(date!(2026 - 03 - 01))), None);
}

// --- cert.withdrawn-edition -----------------------------------------------------

#[test]
fn cert_withdrawn_edition_edges() {
    let mut c = clean_direct();
    {
        let r = rec(&mut c, "m27001");
        r.standard = StandardRef::iso(Standard::Iso27001, 2013);
        r.issue_date = Some(date!(2023 - 06 - 01));
        r.expiry_date = Some(date!(2026 - 05 - 31));
    }
    rec(&mut c, "m27017").based_on = Some("m27001".into());
    {
        // Rides on the same certificate number, without `based_on`.
        let base_number = c.records[0].certificate_number.clone();
        rec(&mut c, "m27018").certificate_number = base_number;
    }
    {
        let r = rec(&mut c, "m27701");
        r.standard = StandardRef::iso(Standard::Iso27701, 2025);
        r.based_on = Some("m27001".into());
    }
    let e = one(c);
    let on = |d: Date, id: &str| sev_of(&e, d, "cert.withdrawn-edition", Some(id));
    assert_eq!(on(date!(2025 - 10 - 31), "m27001"), None);
    assert_eq!(on(date!(2025 - 11 - 01), "m27001"), Some(Severity::Fail));
    assert_eq!(on(date!(2025 - 10 - 31), "m27017"), None);
    assert_eq!(on(date!(2025 - 11 - 01), "m27017"), Some(Severity::Fail));
    assert_eq!(on(date!(2025 - 11 - 01), "m27018"), Some(Severity::Fail));
    // 27701:2025 stands on its own.
    assert_eq!(on(date!(2025 - 11 - 01), "m27701"), None);
    // A 27017 on a 27001:2022 certificate is fine.
    assert_eq!(
        sev_of(&one(clean_direct()), D, "cert.withdrawn-edition", None),
        None
    );
}

// --- cert.no-certification-body / cert.unrecognised-accreditation ----------

#[test]
fn cert_no_certification_body_edges() {
    for blank in ["", "   "] {
        let e = with_record("m27001", |r| r.certification_body = blank.into());
        assert_eq!(
            sev_of(&e, D, "cert.no-certification-body", Some("m27001")),
            Some(Severity::Fail)
        );
    }
    let e = with_record("msoc2", |r| r.soc2.as_mut().unwrap().auditor = " ".into());
    assert_eq!(
        sev_of(&e, D, "cert.no-certification-body", Some("msoc2")),
        Some(Severity::Fail)
    );
    let e = with_record("m27001", |r| r.certification_body = "BSI".into());
    assert_eq!(sev_of(&e, D, "cert.no-certification-body", None), None);
}

#[test]
fn cert_unrecognised_accreditation_edges() {
    for (typed, fires) in [
        ("International Accreditation Council", true),
        ("UKAS Certification Services Ltd", true),
        ("", true),
        ("  ", true),
        ("UKAS", false),
        ("United Kingdom Accreditation Service", false),
        ("ANSI National Accreditation Board (ANAB)", false),
        ("dakks", false),
    ] {
        let e = with_record("m27001", |r| r.accreditation_body = typed.into());
        let got = sev_of(&e, D, "cert.unrecognised-accreditation", Some("m27001"));
        assert_eq!(got, fires.then_some(Severity::Warn), "{typed:?}");
    }
    let e = with_record("m42001", |r| {
        r.accreditation_body = "International Accreditation Council".into()
    });
    let f = findings(&e, D)
        .into_iter()
        .find(|f| f.rule == "cert.unrecognised-accreditation")
        .unwrap();
    assert!(
        f.message.contains("non-accredited 42001 certificate"),
        "{}",
        f.message
    );
    assert!(
        f.message
            .starts_with("`International Accreditation Council`"),
        "{}",
        f.message
    );
}

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

// --- SOC 2 ------------------------------------------------------------------------

#[test]
fn soc2_stale_edges() {
    let at = |end: Date| {
        let e = with_record("msoc2", |r| {
            let s = r.soc2.as_mut().unwrap();
            s.period_start = Some(date!(2024 - 12 - 01));
            s.period_end = Some(end);
        });
        sev_of(&e, D, "soc2.stale", None)
    };
    assert_eq!(at(date!(2025 - 11 - 23)), None); // exactly 12 months
    assert_eq!(at(date!(2025 - 11 - 22)), Some(Severity::Warn));
}

#[test]
fn soc2_type1_only_instead_of_missing() {
    let e = with_record("msoc2", |r| {
        r.soc2.as_mut().unwrap().report_type = Soc2Type::TypeI
    });
    assert_eq!(
        sev_of(&e, D, "soc2.type1-only", Some("msoc2")),
        Some(Severity::Warn)
    );
    assert_eq!(sev_of(&e, D, "tier.required-missing", None), None);
    assert_eq!(evaluate(&e, D).candidates[0].verdict, Verdict::Conditional);
    // A Type I next to a Type II is fine.
    let mut c = clean_direct();
    let mut t1 = good_soc2("old-type1");
    t1.soc2.as_mut().unwrap().report_type = Soc2Type::TypeI;
    c.records.push(t1);
    assert_eq!(sev_of(&one(c), D, "soc2.type1-only", None), None);
}

#[test]
fn soc2_bridge_too_long_edges() {
    let at = |bridge: Date| {
        let e = with_record("msoc2", |r| {
            let s = r.soc2.as_mut().unwrap();
            s.period_end = Some(date!(2026 - 06 - 30));
            s.bridge_letter_end = Some(bridge);
        });
        sev_of(&e, D, "soc2.bridge-too-long", None)
    };
    assert_eq!(at(date!(2026 - 09 - 30)), None); // exactly 3 months
    assert_eq!(at(date!(2026 - 10 - 01)), Some(Severity::Warn));
}

// --- evidence and verification -----------------------------------------------------

#[test]
fn verify_stale_edges() {
    let at = |lv: Option<Date>| {
        sev_of(
            &with_record("m27001", |r| r.last_verified = lv),
            D,
            "verify.stale",
            None,
        )
    };
    assert_eq!(at(Some(date!(2026 - 08 - 25))), None); // 90 days
    assert_eq!(at(Some(date!(2026 - 08 - 24))), Some(Severity::Warn)); // 91 days
    assert_eq!(at(None), Some(Severity::Warn));
}

#[test]
fn evidence_weak_source_by_kind_and_requirement() {
    for kind in [
        SourceKind::MarketingPage,
        SourceKind::Screenshot,
        SourceKind::PressRelease,
        SourceKind::IndustryReporting,
    ] {
        let e = with_record("m27001", |r| r.source = kind);
        assert_eq!(
            sev_of(&e, D, "evidence.weak-source", Some("m27001")),
            Some(Severity::Fail),
            "{kind:?}"
        );
        let e = with_record("m42001", |r| r.source = kind);
        assert_eq!(
            sev_of(&e, D, "evidence.weak-source", Some("m42001")),
            Some(Severity::Warn),
            "{kind:?}"
        );
    }
    let e = with_record("m27001", |r| r.source = SourceKind::VendorEmail);
    assert_eq!(
        sev_of(&e, D, "evidence.weak-source", Some("m27001")),
        Some(Severity::Warn)
    );
    for kind in [
        SourceKind::CertificatePdf,
        SourceKind::AuditReport,
        SourceKind::TrustPortalPage,
    ] {
        let e = with_record("m27001", |r| r.source = kind);
        assert_eq!(
            sev_of(&e, D, "evidence.weak-source", None),
            None,
            "{kind:?}"
        );
    }
    let e = with_record("m27001", |r| r.source = SourceKind::TrustPortalPage);
    assert_eq!(
        sev_of(&e, D, "evidence.portal-page-only", Some("m27001")),
        Some(Severity::Warn)
    );
}

#[test]
fn tier_required_missing_and_public_claims() {
    let mut c = clean_direct();
    c.records.retain(|r| r.id != "m27018");
    let e = one(c.clone());
    let f = findings(&e, D)
        .into_iter()
        .find(|f| f.rule == "tier.required-missing")
        .unwrap();
    assert_eq!(f.severity, Severity::Fail);
    assert_eq!(f.subject.standard, Some(Standard::Iso27018));
    assert_eq!(f.subject.layer, Some(Layer::Model));
    // A public claim instead: warn, and no record rule runs on it.
    let mut claim = EvidenceRecord::new(
        "claim-27018",
        Layer::Model,
        StandardRef::iso(Standard::Iso27018, 2019),
    );
    claim.source = SourceKind::PublicClaim;
    claim.holder = "Anthropic".into();
    c.records.push(claim);
    let e = one(c);
    let fs = findings(&e, D);
    assert!(fs.iter().all(|f| f.rule != "tier.required-missing"));
    let f = fs
        .iter()
        .find(|f| f.rule == "tier.public-claim-only")
        .unwrap();
    assert_eq!(f.severity, Severity::Warn);
    assert_eq!(f.subject.record.as_deref(), Some("claim-27018"));
    assert!(fs
        .iter()
        .all(|f| f.subject.record.as_deref() != Some("claim-27018")
            || f.rule == "tier.public-claim-only"));
    assert_eq!(evaluate(&e, D).candidates[0].verdict, Verdict::Conditional);
}

#[test]
fn recommended_platform_42001_only_warns_for_high_risk() {
    let e = eval_with(RiskTier::HighRisk, vec![clean_hosted()]);
    let fs = findings(&e, D);
    let missing: Vec<&Finding> = fs
        .iter()
        .filter(|f| f.rule == "tier.required-missing")
        .collect();
    assert_eq!(missing.len(), 1, "{missing:#?}");
    assert_eq!(missing[0].severity, Severity::Warn);
    assert_eq!(missing[0].subject.layer, Some(Layer::Platform));
    assert_eq!(missing[0].subject.standard, Some(Standard::Iso42001));
    assert!(
        missing[0].message.contains("recommends"),
        "{}",
        missing[0].message
    );
}

#[test]
fn low_tier_accepts_27001_or_soc2() {
    let mut c = clean_direct();
    c.records.retain(|r| r.id == "msoc2");
    let e = eval_with(RiskTier::Low, vec![c.clone()]);
    let report = evaluate(&e, D);
    assert_eq!(
        report.candidates[0].verdict,
        Verdict::MeetsPolicy,
        "{:#?}",
        report.candidates[0].findings
    );
    assert_eq!(
        report.candidates[0].matrix[0].requirement,
        "ISO/IEC 27001 or SOC 2 Type II"
    );
    c.records.clear();
    let e = eval_with(RiskTier::Low, vec![c]);
    assert_eq!(
        sev_of(&e, D, "tier.required-missing", None),
        Some(Severity::Fail)
    );
}

#[test]
fn sector_attestations_are_required_when_named() {
    let mut e = one(clean_direct());
    e.sector_attestations = vec!["HIPAA BAA".into()];
    let f = findings(&e, D)
        .into_iter()
        .find(|f| f.rule == "tier.required-missing")
        .unwrap();
    assert_eq!(f.subject.field, Some("sector_attestations"));
    assert!(f.message.contains("`HIPAA BAA`"), "{}", f.message);
    let mut baa = EvidenceRecord::new(
        "baa",
        Layer::Model,
        StandardRef::Attestation("hipaa-baa".into()),
    );
    baa.holder = "Anthropic, PBC".into();
    baa.source = SourceKind::CertificatePdf;
    baa.last_verified = Some(date!(2026 - 11 - 01));
    e.candidates[0].records.push(baa);
    let report = evaluate(&e, D);
    assert_eq!(
        report.candidates[0].verdict,
        Verdict::MeetsPolicy,
        "{:#?}",
        report.candidates[0].findings
    );
    let cell = report.candidates[0].matrix.last().unwrap();
    assert_eq!(
        (cell.requirement.as_ref(), cell.status),
        ("HIPAA BAA", CellStatus::Pass)
    );
}

// --- contract -----------------------------------------------------------------------

#[test]
fn each_contract_item_by_answer_and_tier() {
    for item in ContractItem::ALL {
        for (tier, answer, want) in [
            (RiskTier::HighRisk, Some(Answer::No), Some(Severity::Fail)),
            (
                RiskTier::HighRisk,
                Some(Answer::Unknown),
                Some(Severity::Fail),
            ),
            (RiskTier::HighRisk, None, Some(Severity::Fail)),
            (
                RiskTier::Regulated,
                Some(Answer::No),
                Some(if item == ContractItem::TerminationRight {
                    Severity::Info
                } else {
                    Severity::Warn
                }),
            ),
            (
                RiskTier::Low,
                Some(Answer::Unknown),
                Some(if item == ContractItem::TerminationRight {
                    Severity::Info
                } else {
                    Severity::Warn
                }),
            ),
            (
                RiskTier::Regulated,
                Some(Answer::NotApplicable),
                Some(Severity::Info),
            ),
            (RiskTier::HighRisk, Some(Answer::Yes), None),
        ] {
            let mut c = clean_direct();
            c.contract.set(
                item,
                answer.map(|a| ContractAnswer {
                    answer: a,
                    note: "MSA 9".into(),
                }),
            );
            let e = eval_with(tier, vec![c]);
            let fs: Vec<Finding> = findings(&e, D)
                .into_iter()
                .filter(|f| f.rule.starts_with("contract."))
                .collect();
            assert_eq!(
                fs.iter().map(|f| f.severity).max(),
                want,
                "{item:?} {tier:?} {answer:?}"
            );
            if want.is_some() {
                assert_eq!(fs.len(), 1);
                assert_eq!(fs[0].rule, item.rule_id());
                assert!(fs[0].subject.field.unwrap().ends_with(item.field()));
            }
        }
    }
    assert_eq!(ContractItem::ZdrWindow.rule_id(), "contract.zdr-window");
}

// --- claims ----------------------------------------------------------------------------

#[test]
fn claim_model_certified_in_scope_or_notes() {
    let e = with_record("m42001", |r| {
        r.notes = "Sales deck: our model is ISO 42001 certified.".into()
    });
    let f = findings(&e, D)
        .into_iter()
        .find(|f| f.rule == "claim.model-certified")
        .unwrap();
    assert_eq!(f.severity, Severity::Warn);
    assert_eq!(f.subject.field, Some("notes"));
    let e = with_record("m27001", |r| {
        r.scope = "ISO-certified AI models: the Claude API and fine-tuning".into()
    });
    assert_eq!(
        sev_of(&e, D, "claim.model-certified", Some("m27001")),
        Some(Severity::Warn)
    );
    assert_eq!(
        sev_of(&one(clean_direct()), D, "claim.model-certified", None),
        None
    );
}

// --- the report ---------------------------------------------------------------------------

#[test]
fn verdict_is_the_worst_severity_and_report_is_sorted() {
    let mut c = clean_direct();
    rec(&mut c, "m27001").expiry_date = Some(date!(2026 - 01 - 01));
    rec(&mut c, "m27017").source = SourceKind::TrustPortalPage;
    let e = eval_with(RiskTier::Regulated, vec![c, clean_hosted()]);
    let report = evaluate(&e, D);
    assert_eq!(report.candidates[0].verdict, Verdict::FailsPolicy);
    assert_eq!(report.candidates[1].verdict, Verdict::MeetsPolicy);
    assert_eq!(report.verdict, Verdict::FailsPolicy);
    let sev: Vec<Severity> = report.candidates[0]
        .findings
        .iter()
        .map(|f| f.severity)
        .collect();
    let mut sorted = sev.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(sev, sorted);
    assert_eq!(
        report.candidates[0].counts.fail,
        sev.iter().filter(|s| **s == Severity::Fail).count()
    );
    let cell = &report.candidates[0].matrix[0];
    assert_eq!(
        (cell.status, cell.records.clone()),
        (CellStatus::Fail, vec![Name::from("m27001")])
    );
    assert_eq!(Verdict::of(&[]), Verdict::MeetsPolicy);
}

#[test]
fn messages_are_for_buyers() {
    let e = Evaluation::from_json(include_str!("../../examples/evaluation.json")).unwrap();
    let mut all = findings(&e, D);
    let mut bad = clean_hosted();
    for r in &mut bad.records {
        r.scope.clear();
        r.certification_body.clear();
        r.accreditation_body.clear();
        r.issue_date = None;
        r.expiry_date = None;
    }
    all.extend(findings(&eval_with(RiskTier::HighRisk, vec![bad]), D));
    for f in &all {
        for text in [&f.message, &f.next_step.to_string()] {
            let first = text.chars().next().unwrap();
            assert!(
                first.is_lowercase() || first == '`' || first.is_ascii_digit(),
                "{}: {text}",
                f.rule
            );
            for rust in [
                "Some(",
                "None",
                "Iso270",
                "Iso420",
                "Soc2Type",
                "StandardRef",
                "Layer::",
                "{:?}",
                "EvidenceRecord",
            ] {
                assert!(!text.contains(rust), "{}: {text}", f.rule);
            }
            assert!(!text.ends_with('.'), "{}: {text}", f.rule);
        }
        assert!(
            RULES.iter().any(|r| r.id == f.rule),
            "unknown rule {}",
            f.rule
        );
        assert!(!f.source.is_empty());
    }
}

#[test]
fn the_example_file_judges_as_documented() {
    let e = Evaluation::from_json(include_str!("../../examples/evaluation.json")).unwrap();
    let report = evaluate(&e, e.evaluation_date.unwrap());
    let bedrock = report.candidate("claude-on-bedrock").unwrap();
    assert_eq!(
        bedrock.verdict,
        Verdict::Conditional,
        "{:#?}",
        bedrock.findings
    );
    let openai = report.candidate("openai-direct").unwrap();
    assert_eq!(openai.verdict, Verdict::FailsPolicy);
    for rule in [
        "cert.not-yet-valid",
        "evidence.weak-source",
        "cert.unrecognised-accreditation",
        "claim.model-certified",
        "tier.public-claim-only",
        "tier.required-missing",
        "soc2.stale",
        "soc2.bridge-too-long",
        "contract.certs-named",
    ] {
        assert!(
            openai.findings.iter().any(|f| f.rule == rule),
            "{rule} missing"
        );
    }
    assert!(openai
        .findings
        .iter()
        .any(|f| f.rule == "scope.product-not-named" && f.message.contains("confirmed by hand")));
    assert_eq!(report.verdict, Verdict::FailsPolicy);
    let json = report.to_json_pretty();
    assert!(json.contains("\"verdict\": \"fails-policy\""));
    assert!(json.contains("\"evaluation_date\": \"2026-11-23\""));
}

#[test]
fn every_rule_of_policy_md_can_fire() {
    let mut fired = std::collections::BTreeSet::new();
    let mut add = |e: &Evaluation, d: Date| {
        for f in findings(e, d) {
            fired.insert(f.rule);
        }
    };
    // Many problems at once on a high-risk hosted path.
    let mut c = clean_hosted();
    c.contract = ContractChecklist::default();
    c.records.retain(|r| r.id != "m42001" && r.id != "p27701");
    {
        let r = rec(&mut c, "m27001");
        r.standard = StandardRef::iso(Standard::Iso27001, 2013);
        r.expiry_date = Some(date!(2026 - 01 - 01));
        r.scope = "the Claude API".into();
        r.notes = "our model is ISO certified".into();
    }
    rec(&mut c, "m27017").issue_date = Some(date!(2026 - 12 - 01));
    rec(&mut c, "m27017").based_on = Some("m27001".into());
    rec(&mut c, "m27018").expiry_date = Some(date!(2026 - 12 - 01));
    rec(&mut c, "m27018").source = SourceKind::TrustPortalPage;
    rec(&mut c, "m27701").source = SourceKind::MarketingPage;
    rec(&mut c, "m27701").certification_body.clear();
    rec(&mut c, "m27701").accreditation_body = "International Accreditation Council".into();
    rec(&mut c, "m27701").last_verified = None;
    rec(&mut c, "m27701").last_surveillance_audit = None;
    rec(&mut c, "m27701").issue_date = Some(date!(2023 - 01 - 01));
    rec(&mut c, "m27701").expiry_date = Some(date!(2027 - 06 - 01));
    rec(&mut c, "p27001").scope.clear();
    {
        let s = rec(&mut c, "msoc2").soc2.as_mut().unwrap();
        s.period_end = Some(date!(2025 - 06 - 30));
        s.bridge_letter_end = Some(date!(2026 - 06 - 30));
    }
    let mut e = eval_with(RiskTier::HighRisk, vec![c]);
    e.contract_end = Some(date!(2029 - 01 - 01));
    add(&e, D);
    // Type I only, public claim only, inherited only.
    let mut c = clean_hosted();
    rec(&mut c, "msoc2").soc2.as_mut().unwrap().report_type = Soc2Type::TypeI;
    rec(&mut c, "m27017").source = SourceKind::PublicClaim;
    rec(&mut c, "m27018").holder = "AWS".into();
    add(&one(c), D);
    let missing: Vec<&str> = RULES
        .iter()
        .map(|r| r.id)
        .filter(|id| !fired.contains(id))
        .collect();
    assert!(missing.is_empty(), "never fired: {missing:?}");
}

#[test]
fn rule_ids_are_unique_and_sourced() {
    let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
    ids.sort();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n);
    for item in ContractItem::ALL {
        assert!(
            RULES.iter().any(|r| r.id == item.rule_id()),
            "{}",
            item.rule_id()
        );
    }
    assert!(RULES.iter().all(|r| !r.source.is_empty()));
}

#[test]
fn bench_fixture_is_valid_and_mostly_clean() {
    let e = bench_fixture(20, 10);
    assert_eq!(e.candidates.len(), 20);
    assert!(e.candidates.iter().all(|c| c.records.len() == 10));
    assert!(e.validate().is_empty(), "{:?}", e.validate());
    let report = evaluate(&e, D);
    let meets = report
        .candidates
        .iter()
        .filter(|c| c.verdict == Verdict::MeetsPolicy)
        .count();
    assert!(meets >= 14, "{meets}");
    let back = Evaluation::from_json(&e.to_json_pretty()).unwrap();
    assert_eq!(back, e);
}
