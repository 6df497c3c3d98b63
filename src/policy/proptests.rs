//! Properties of the engine, over generated evaluations.

use super::tests::{clean_direct, clean_hosted, eval_with};
use super::*;
use crate::domain::{RiskTier, Standard};
use proptest::prelude::*;
use time::macros::date;

#[derive(Debug, Clone)]
struct RecordChange {
    drop: bool,
    expiry_shift: i64,
    issue_shift: i64,
    source: usize,
    scope: usize,
    accreditation: usize,
    verified_shift: Option<i64>,
    old_edition: bool,
    blank_body: bool,
}

prop_compose! {
    fn record_change()(
        drop in prop::bool::weighted(0.15),
        expiry_shift in -900i64..400,
        issue_shift in -400i64..700,
        source in 0usize..SourceKind::ALL.len(),
        scope in 0usize..4,
        accreditation in 0usize..4,
        verified_shift in prop::option::of(0i64..200),
        old_edition in prop::bool::weighted(0.1),
        blank_body in prop::bool::weighted(0.1),
    ) -> RecordChange {
        RecordChange {
            drop,
            expiry_shift,
            issue_shift,
            source,
            scope,
            accreditation,
            verified_shift,
            old_edition,
            blank_body,
        }
    }
}

const SCOPES: [&str; 4] = [
    "",
    "The ISMS supporting the Claude API, fine-tuning and Amazon Bedrock",
    "Corporate IT only",
    "our model is ISO certified: Claude API",
];
const BODIES: [&str; 4] = ["ANAB", "", "International Accreditation Council", "UKAS"];

fn apply(c: &mut Candidate, changes: &[RecordChange], date: Date) {
    let mut kept = Vec::new();
    for (r, ch) in c.records.iter().zip(changes) {
        if ch.drop {
            continue;
        }
        let mut r = r.clone();
        r.expiry_date = r.expiry_date.map(|d| add_days(d, ch.expiry_shift));
        r.issue_date = r.issue_date.map(|d| add_days(d, ch.issue_shift));
        r.source = SourceKind::ALL[ch.source];
        if ch.scope != 1 {
            r.scope = SCOPES[ch.scope].to_string();
        }
        r.accreditation_body = BODIES[ch.accreditation].to_string();
        r.last_verified = ch.verified_shift.map(|s| add_days(date, -s));
        if ch.old_edition && r.standard.standard() == Some(Standard::Iso27001) {
            r.standard = StandardRef::iso(Standard::Iso27001, 2013);
        }
        if ch.blank_body {
            r.certification_body.clear();
        }
        kept.push(r);
    }
    c.records = kept;
}

fn tier() -> impl Strategy<Value = RiskTier> {
    prop::sample::select(RiskTier::ALL.to_vec())
}

fn eval_date() -> impl Strategy<Value = Date> {
    (0i64..800).prop_map(|d| add_days(date!(2025 - 06 - 01), d))
}

fn evaluation() -> impl Strategy<Value = (Evaluation, Date)> {
    (
        tier(),
        eval_date(),
        prop::collection::vec(record_change(), 10),
        prop::collection::vec(record_change(), 10),
        prop::bool::ANY,
    )
        .prop_map(|(tier, date, a, b, contract_end)| {
            let mut direct = clean_direct();
            let mut hosted = clean_hosted();
            apply(&mut direct, &a, date);
            apply(&mut hosted, &b, date);
            let mut e = eval_with(tier, vec![direct, hosted]);
            if contract_end {
                e.contract_end = Some(add_days(date, 900));
            }
            (e, date)
        })
}

/// A current, accredited, in-scope certificate PDF for `standard` at `layer`.
fn good_record(
    c: &Candidate,
    layer: Layer,
    standard: Standard,
    date: Date,
    age: i64,
) -> EvidenceRecord {
    let edition = match standard {
        Standard::Iso27001 => 2022,
        Standard::Iso27017 => 2015,
        Standard::Iso27018 => 2019,
        Standard::Iso27701 => 2025,
        _ => 2023,
    };
    let mut r = EvidenceRecord::new("added-good", layer, StandardRef::iso(standard, edition));
    r.holder = match layer {
        Layer::Platform => "Amazon Web Services, Inc.".into(),
        _ => "Anthropic, PBC".into(),
    };
    r.certificate_number = "GOOD-1".into();
    r.certification_body = "BSI Group".into();
    r.accreditation_body = "United Kingdom Accreditation Service".into();
    let issue = add_days(date, -age);
    r.originally_certified = Some(issue);
    r.issue_date = Some(issue);
    r.expiry_date = Some(add_years(issue, 3));
    r.last_surveillance_audit = Some(issue);
    let mut names: Vec<String> = c.products.clone();
    if let Some(p) = &c.platform {
        names.push(p.service.clone());
    }
    r.scope = format!("The management system covering {}", names.join(", "));
    r.source = SourceKind::CertificatePdf;
    r.last_verified = Some(date);
    r
}

fn fails(report: &CandidateReport) -> Vec<(String, Subject, String)> {
    let mut v: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Fail)
        .map(|f| (f.rule.to_string(), f.subject.clone(), f.message.clone()))
        .collect();
    v.sort();
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn verdict_is_the_worst_severity((e, date) in evaluation()) {
        let report = evaluate(&e, date);
        for c in &report.candidates {
            let worst = c.findings.iter().map(|f| f.severity).max();
            prop_assert_eq!(c.verdict, Verdict::from_worst(worst));
            prop_assert_eq!(c.counts, Counts::of(&c.findings));
            // The matrix never claims more than the verdict allows.
            if c.matrix.iter().any(|cell| cell.status == CellStatus::Fail) {
                prop_assert_eq!(c.verdict, Verdict::FailsPolicy);
            }
        }
        prop_assert_eq!(report.verdict, report.candidates.iter().map(|c| c.verdict).max().unwrap());
    }

    #[test]
    fn adding_a_good_record_for_a_required_standard_never_adds_a_fail(
        (e, date) in evaluation(),
        which in 0usize..16,
        hosted in prop::bool::ANY,
        age in 0i64..365,
    ) {
        let ci = usize::from(hosted);
        let c = &e.candidates[ci];
        let mut required: Vec<(Layer, Standard)> = Vec::new();
        for (layer, reqs) in [(Layer::Model, &e.policy.model), (Layer::Platform, &e.policy.platform)] {
            if layer == Layer::Platform && !c.is_hosted() {
                continue;
            }
            for q in reqs.iter().filter(|q| q.level == RequirementLevel::Required) {
                for s in q.any_of.iter().filter(|s| s.is_iso()) {
                    required.push((layer, *s));
                }
            }
        }
        prop_assume!(!required.is_empty());
        let (layer, standard) = required[which % required.len()];
        let before = evaluate(&e, date);
        let mut e2 = e.clone();
        let good = good_record(c, layer, standard, date, age);
        e2.candidates[ci].records.push(good);
        let after = evaluate(&e2, date);
        let b = fails(&before.candidates[ci]);
        for f in fails(&after.candidates[ci]) {
            prop_assert!(b.contains(&f), "new fail: {:?}", f);
        }
        prop_assert!(after.candidates[ci].findings.iter().all(|f| f.subject.record.as_deref() != Some("added-good") || f.severity != Severity::Fail));
        prop_assert!(after.candidates[ci].verdict <= before.candidates[ci].verdict);
    }

    #[test]
    fn evaluation_is_independent_of_record_and_candidate_order(
        (e, date) in evaluation(),
        seed in any::<u64>(),
    ) {
        let mut shuffled = e.clone();
        // A deterministic shuffle driven by the seed.
        let mut state = seed | 1;
        let mut next = move |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        for c in &mut shuffled.candidates {
            for i in (1..c.records.len()).rev() {
                let j = next(i + 1);
                c.records.swap(i, j);
            }
        }
        shuffled.candidates.reverse();
        let a = evaluate(&e, date);
        let b = evaluate(&shuffled, date);
        prop_assert_eq!(a.verdict, b.verdict);
        for ca in &a.candidates {
            let cb = b.candidate(&ca.candidate).unwrap();
            prop_assert_eq!(ca, cb);
        }
    }
}
