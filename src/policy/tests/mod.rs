//! Edge tests, one group per rule of POLICY.md (the golden files in
//! `tests/golden/` pin every finding's wording).

mod cert;
mod registry;
mod report;
mod scope;
mod sources;
mod text;

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
    r.soc2 = Some(super::fixture::soc2_details());
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

/// Asserts a candidate's verdict, showing its findings when it differs.
fn assert_verdict(c: &CandidateReport, want: Verdict) {
    assert_eq!(c.verdict, want, "{:#?}", c.findings);
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
        assert_verdict(cr, Verdict::MeetsPolicy);
        assert!(cr.findings.is_empty(), "{:#?}", cr.findings);
        assert!(cr.matrix.iter().all(|c| c.status == CellStatus::Pass));
        assert!(e.validate().is_empty(), "{:?}", e.validate());
    }
    let report = evaluate(&one(clean_hosted()), D);
    assert_eq!(report.candidates[0].matrix.len(), 5 + 4);
    assert_eq!(report.verdict, Verdict::MeetsPolicy);
}
