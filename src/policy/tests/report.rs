//! contract.*, claim.* and the report as a whole.

use super::*;
use crate::domain::evaluation::ContractKind;
use time::macros::date;

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
                .filter(|f| f.rule.id.starts_with("contract."))
                .collect();
            assert_eq!(
                fs.iter().map(|f| f.severity).max(),
                want,
                "{item:?} {tier:?} {answer:?}"
            );
            if want.is_some() {
                assert_eq!(fs.len(), 1);
                assert_eq!(fs[0].rule, rules::contract::rule_for(item));
                assert_eq!(
                    fs[0].subject.field,
                    Some(FieldRef::Contract(ContractKind::Main, item))
                );
            }
        }
    }
    assert_eq!(
        rules::contract::rule_for(ContractItem::ZdrWindow).id,
        "contract.zdr-window"
    );
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
    assert_eq!(f.subject.field.map(FieldRef::id), Some("notes"));
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
        (cell.status, cell.records.to_vec()),
        (CellStatus::Fail, vec![Name::from("m27001")])
    );
    assert_eq!(Verdict::of(&[]), Verdict::MeetsPolicy);
}

#[test]
fn messages_are_for_buyers() {
    let e = Evaluation::from_json(include_str!("../../../examples/evaluation.json")).unwrap();
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
            assert!(!text.contains('`'), "{}: {text}", f.rule);
            for r in RULES.iter() {
                assert!(!text.contains(r.id), "{}: {text}", f.rule);
            }
            let first = text.chars().next().unwrap();
            assert!(
                first.is_lowercase() || first == '“' || first.is_ascii_digit(),
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
        assert!(RULES.contains(&f.rule), "unknown rule {}", f.rule);
        assert!(!f.source().is_empty());
    }
}

#[test]
fn the_example_file_judges_as_documented() {
    let e = Evaluation::from_json(include_str!("../../../examples/evaluation.json")).unwrap();
    let report = evaluate(&e, e.evaluation_date.unwrap());
    let bedrock = report.candidate("claude-on-bedrock").unwrap();
    assert_verdict(bedrock, Verdict::Conditional);
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
            fired.insert(f.rule.id);
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
    // The holder, dates not typed or not understood, the SOC 2 opinion and
    // carve-outs, SOC 2 presented as a certificate.
    let mut c = clean_direct();
    rec(&mut c, "m27001").expiry_date = None;
    rec(&mut c, "m27017").issue_date = None;
    rec(&mut c, "m27018").drafts.insert(
        crate::domain::RecordField::LastVerified,
        "last Tuesday".into(),
    );
    rec(&mut c, "m42001").holder = "Kinde Australia Pty Ltd".into();
    {
        let r = rec(&mut c, "msoc2");
        r.notes = "Listed on the vendor's site as SOC 2 certified".into();
        let s = r.soc2.as_mut().unwrap();
        s.opinion = Some(crate::domain::evaluation::Soc2Opinion::Qualified);
        s.subservice_organisations = vec![crate::domain::evaluation::SubserviceOrganisation {
            name: "Amazon Web Services, Inc.".into(),
            method: crate::domain::evaluation::SubserviceMethod::CarveOut,
        }];
    }
    add(&one(c), D);
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
    assert!(meets >= 14, "{meets}: {:#?}", report.candidates[0].findings);
    let back = Evaluation::from_json(&e.to_json_pretty()).unwrap();
    assert_eq!(back, e);
}
