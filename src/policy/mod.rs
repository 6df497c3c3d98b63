//! The policy rules (POLICY.md): one small function per rule, named by its id.
//!
//! [`evaluate`] judges every candidate of an [`Evaluation`] on an evaluation
//! date and returns a [`Report`]: per candidate a [`Verdict`] (the worst
//! severity of its findings), the [`Finding`]s, and a decision matrix with a
//! [`Cell`] per requirement and layer. It is deterministic, does no I/O and
//! compiles to WebAssembly.
//!
//! The rules live in `rules/`, one file per family (`cert.expired` is
//! `rules::cert::EXPIRED`, checked by its function beside it); the decision
//! matrix in `cells.rs`; the decisions POLICY.md leaves open are written
//! down in `docs/policy-decisions.md`.

mod accreditation;
mod calendar;
mod cells;
mod context;
#[cfg(any(test, feature = "bench"))]
mod fixture;
mod report;
pub mod rules;
mod text;
mod values;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod proptests;
#[cfg(test)]
mod tests;

pub use crate::domain::evaluation::{
    validate_candidate, validate_date_input, validate_policy, validate_record,
    validate_standard_input, Answer, Candidate, ContractAnswer, ContractChecklist, ContractItem,
    Evaluation, EvidenceRecord, FieldIssue, FormatError, FormatErrorKind, Policy, Requirement,
    RequirementLevel, Soc2Details, Soc2Type, SourceKind, StandardRef, FORMAT_VERSION,
};
pub use accreditation::{
    accreditation_bodies, recognised_accreditation_body, AccreditationBody, AccreditationList,
};
pub use calendar::{add_days, add_months, add_years};
#[cfg(any(test, feature = "bench"))]
pub use fixture::bench_fixture;
pub use report::{
    CandidateReport, Cell, CellStatus, Compared, Counts, FieldRef, Finding, Name, Report,
    ScopeMatch, Severity, StandardSet, Subject, Verdict,
};
pub use rules::{Rule, SeverityPolicy, RULES};
pub use text::{holder_is_vendor, normalise, PRODUCT_ALIASES};

use crate::domain::Layer;
use context::{Ctx, Facts};
use std::rc::Rc;
use time::Date;

/// Buffers and caches reused from one candidate to the next, so that the
/// engine allocates little beyond the report itself.
#[derive(Default)]
struct Scratch {
    norm: String,
    offsets: Vec<u32>,
    facts: Vec<Facts>,
    record_worst: Vec<Option<Severity>>,
    product_hits: Vec<Option<Name>>,
    /// Product text → its name and normalised forms (products repeat across
    /// candidates). Bounded: past `CACHE_MAX` entries, forms are recomputed.
    products: Vec<(String, Name, Rc<[String]>)>,
    /// Holder text → its normalised form.
    holders: Vec<(String, String)>,
}

const CACHE_MAX: usize = 64;

impl Scratch {
    fn product(&mut self, text: &str) -> (Name, Rc<[String]>) {
        if let Some((_, n, f)) = self.products.iter().find(|(t, _, _)| t == text) {
            return (n.clone(), f.clone());
        }
        let entry: (Name, Rc<[String]>) =
            (Name::from(text.trim()), Rc::from(text::product_forms(text)));
        if self.products.len() < CACHE_MAX {
            self.products
                .push((text.to_string(), entry.0.clone(), entry.1.clone()));
        }
        entry
    }

    fn holder_norm(&mut self, holder: &str) -> usize {
        if let Some(i) = self.holders.iter().position(|(h, _)| h == holder) {
            return i;
        }
        if self.holders.len() >= CACHE_MAX {
            self.holders.clear();
        }
        self.holders.push((holder.to_string(), normalise(holder)));
        self.holders.len() - 1
    }
}

/// Judges every candidate on `evaluation_date` (the caller resolves it: a
/// date the user chose, else the file's `evaluation_date`, else today).
pub fn evaluate(eval: &Evaluation, evaluation_date: Date) -> Report {
    let mut scratch = Scratch::default();
    let candidates: Vec<CandidateReport> = eval
        .candidates
        .iter()
        .map(|c| evaluate_candidate(eval, c, evaluation_date, &mut scratch))
        .collect();
    let verdict = candidates
        .iter()
        .map(|c| c.verdict)
        .max()
        .unwrap_or(Verdict::MeetsPolicy);
    Report {
        format: FORMAT_VERSION,
        evaluation_date,
        contract_end: eval.contract_end,
        risk_tier: eval.workload.risk_tier,
        policy: eval.policy.name.clone(),
        verdict,
        candidates,
    }
}

/// The evaluation date to use: the user's choice, else the file's, else today.
pub fn resolve_evaluation_date(eval: &Evaluation, chosen: Option<Date>, today: Date) -> Date {
    chosen.or(eval.evaluation_date).unwrap_or(today)
}

fn facts(eval: &Evaluation, cand: &Candidate, r: &EvidenceRecord, holder_norm: &str) -> Facts {
    let public_claim = r.is_public_claim();
    let platform_held = match &cand.platform {
        Some(p) if r.layer == Layer::Model => {
            text::holder_norm_is_vendor(holder_norm, &p.vendor)
                && !text::holder_norm_is_vendor(holder_norm, &cand.model_vendor)
        }
        _ => false,
    };
    let layer_counts = match r.layer {
        Layer::Customer => false,
        Layer::Platform => cand.platform.is_some(),
        Layer::Model => true,
    };
    let required = !platform_held
        && layer_counts
        && match &r.standard {
            StandardRef::Attestation(name) => {
                let n = normalise(name);
                eval.sector_attestations.iter().any(|a| normalise(a) == n)
            }
            other => other.standard().is_some_and(|s| {
                eval.policy
                    .requirements(r.layer)
                    .iter()
                    .any(|q| q.level == RequirementLevel::Required && q.any_of.contains(&s))
            }),
        };
    Facts {
        required,
        platform_held,
        public_claim,
    }
}

fn evaluate_candidate(
    eval: &Evaluation,
    cand: &Candidate,
    date: Date,
    scratch: &mut Scratch,
) -> CandidateReport {
    let n = cand.records.len();
    let mut facts = std::mem::take(&mut scratch.facts);
    facts.clear();
    for r in &cand.records {
        let f = if cand.platform.is_some() && r.layer == Layer::Model {
            let h = scratch.holder_norm(&r.holder);
            self::facts(eval, cand, r, &scratch.holders[h].1)
        } else {
            self::facts(eval, cand, r, "")
        };
        facts.push(f);
    }
    let mut record_worst = std::mem::take(&mut scratch.record_worst);
    record_worst.clear();
    record_worst.resize(n, None);
    let products = cand.products.iter().map(|p| scratch.product(p)).collect();
    let service = cand.platform.as_ref().map(|p| scratch.product(&p.service));
    let n_products = cand.products.len() + usize::from(cand.platform.is_some());
    let mut cx = Ctx {
        eval,
        cand,
        date,
        tier: eval.workload.risk_tier,
        cand_id: Name::from(cand.id.as_str()),
        ids: cand
            .records
            .iter()
            .map(|r| Name::from(r.id.trim()))
            .collect(),
        facts,
        findings: Vec::new(),
        record_worst,
        scope_matches: Vec::with_capacity(n * n_products),
        matrix: Vec::with_capacity(
            eval.policy.model.len() + eval.policy.platform.len() + eval.sector_attestations.len(),
        ),
        products,
        service,
        norm: std::mem::take(&mut scratch.norm),
        offsets: std::mem::take(&mut scratch.offsets),
        product_hits: std::mem::take(&mut scratch.product_hits),
        product_hits_valid: false,
        service_hit: None,
        scope_claim: None,
    };

    // Scope statements repeat too (27001, 27017, 27018 often share one):
    // normalise once per distinct statement, not per record or product.
    let mut last_scope: Option<&str> = None;
    cx.norm.clear();
    for (i, r) in cand.records.iter().enumerate() {
        if last_scope != Some(r.scope.as_str()) {
            text::normalise_into(&r.scope, &mut cx.norm, &mut cx.offsets);
            cx.scope_changed();
            last_scope = Some(&r.scope);
        }
        for family in rules::RECORD_CHECKS {
            for c in family.iter().filter(|c| c.rule.applies_to.admits(r)) {
                (c.check)(&mut cx, i);
            }
        }
    }

    for req in &eval.policy.model {
        cells::requirement_cell(&mut cx, Layer::Model, req);
    }
    if cand.is_hosted() {
        for req in &eval.policy.platform {
            cells::requirement_cell(&mut cx, Layer::Platform, req);
        }
    }
    cells::sector_attestation_cells(&mut cx);
    rules::ai::no_42001_timeline(&mut cx);
    rules::layer::customer_aims(&mut cx);
    rules::contract::check_all(&mut cx);

    scratch.facts = cx.facts;
    scratch.record_worst = cx.record_worst;
    scratch.norm = cx.norm;
    scratch.offsets = cx.offsets;
    scratch.product_hits = cx.product_hits;
    let mut findings = cx.findings;
    report::sort_findings(&mut findings);
    let mut scope_matches = cx.scope_matches;
    scope_matches.sort_by(|a, b| {
        (
            a.layer,
            &a.record,
            &a.product,
            &a.matched,
            &a.confirmed_by_hand,
        )
            .cmp(&(
                b.layer,
                &b.record,
                &b.product,
                &b.matched,
                &b.confirmed_by_hand,
            ))
    });
    CandidateReport {
        candidate: cx.cand_id,
        name: Name::from(cand.name.as_str()),
        verdict: Verdict::of(&findings),
        counts: Counts::of(&findings),
        findings,
        matrix: cx.matrix,
        scope_matches,
    }
}
