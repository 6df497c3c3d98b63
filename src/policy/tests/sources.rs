//! soc2.*, verify.*, evidence.* and tier.* edges.

use super::*;
use time::macros::date;

// --- SOC 2 ------------------------------------------------------------------------

/// The severity of `rule` once the SOC 2 details are changed by `f`.
fn soc2_sev(rule: &str, f: impl FnOnce(&mut Soc2Details)) -> Option<Severity> {
    let e = with_record("msoc2", |r| f(r.soc2.as_mut().unwrap()));
    sev_of(&e, D, rule, None)
}

#[test]
fn soc2_stale_and_bridge_edges() {
    let stale = |end: Date| soc2_sev("soc2.stale", |s| s.period_end = Some(end));
    assert_eq!(stale(date!(2025 - 11 - 23)), None); // exactly 12 months
    assert_eq!(stale(date!(2025 - 11 - 22)), Some(Severity::Warn));
    let bridge = |to: Date| {
        soc2_sev("soc2.bridge-too-long", |s| {
            s.period_end = Some(date!(2026 - 06 - 30));
            s.bridge_letter_end = Some(to);
        })
    };
    assert_eq!(bridge(date!(2026 - 09 - 30)), None); // exactly 3 months
    assert_eq!(bridge(date!(2026 - 10 - 01)), Some(Severity::Warn));
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
    assert_verdict(&report.candidates[0], Verdict::MeetsPolicy);
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
    assert_eq!(
        f.subject.field.map(FieldRef::id),
        Some("sector_attestations")
    );
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
    assert_verdict(&report.candidates[0], Verdict::MeetsPolicy);
    let cell = report.candidates[0].matrix.last().unwrap();
    assert_eq!(
        (cell.requirement.as_ref(), cell.status),
        ("HIPAA BAA", CellStatus::Pass)
    );
}
