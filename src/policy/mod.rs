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
mod facts;
#[cfg(any(test, feature = "bench"))]
mod fixture;
pub mod holders;
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
pub use context::label as describe_record;
#[cfg(any(test, feature = "bench"))]
pub use fixture::bench_fixture;
pub use holders::{holder_is_vendor, resolve_vendor, same_holder, vendor_names};
pub use report::{
    CandidateReport, Cell, CellStatus, Compared, Counts, FieldRef, Finding, Name, Names, Report,
    ScopeMatch, Severity, StandardSet, Subject, Text, Verdict,
};
pub use rules::{Rule, SeverityPolicy, RULES};
pub use text::{normalise, PRODUCT_ALIASES};

use crate::domain::Layer;
use context::{Ctx, Facts};
use std::rc::Rc;
use time::Date;

/// Buffers and caches reused from one candidate to the next, so that the
/// engine allocates little beyond the report itself.
#[derive(Default)]
struct Scratch {
    /// Scope statements, normalised (they repeat across candidates).
    scopes: Vec<context::Scope>,
    facts: Vec<Facts>,
    record_worst: Vec<Option<Severity>>,
    product_hits: Vec<Option<Name>>,
    /// Product text → its name and normalised forms (products repeat across
    /// candidates). Bounded: past `CACHE_MAX` entries, forms are recomputed.
    products: Vec<(String, Name, Rc<[String]>)>,
    /// Holder text → its normalised form, and its name as written (trimmed).
    holders: Vec<(String, String, Name)>,
    /// Record ids seen (trimmed): ids repeat across candidates.
    ids: Vec<Name>,
    /// Per record of the current candidate, its id (see `Ctx::ids`).
    record_ids: Vec<Name>,
    /// The current candidate's products (see `Ctx::products`).
    products_of: Vec<(Name, Rc<[String]>)>,
    /// Per record of the current candidate, its holder's name (trimmed).
    holder_names: Vec<Name>,
    /// Per record of the current candidate, its entry in `holders`.
    holder_of: Vec<usize>,
    /// Whether a holder is one of a vendor's names.
    vendor_memo: holders::HolderMemo,
    /// Per record of the current candidate, the date it can supersede with.
    dates: Vec<Option<Date>>,
    /// Typed accreditation body → recognised.
    accreditation: Vec<(String, bool)>,
    /// Dates shifted by months and days (see `Ctx::shifted`).
    shifts: Vec<((Date, i32, i64), Date)>,
    /// The platform layer's scope matches of the current candidate.
    platform_matches: Vec<ScopeMatch>,
    /// The records that can support a requirement (see `Ctx::support`).
    support: Vec<(Layer, crate::domain::Standard, usize)>,
    /// The cells' reasons, written one after the other (see `Ctx::reasons`).
    reasons: String,
    pending_reasons: Vec<(usize, std::ops::Range<usize>)>,
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
        if let Some(i) = self.holders.iter().position(|(h, _, _)| h == holder) {
            return i;
        }
        // Cleared only between candidates (see `evaluate_candidate`): the
        // records of the candidate being judged point into it.
        self.holders.push((
            holder.to_string(),
            normalise(holder),
            Name::from(holder.trim()),
        ));
        self.holders.len() - 1
    }
}

/// The shared name of a record id (trimmed), from `pool` when it is there
/// (first looked for at `hint`: records come in the same order).
fn intern(pool: &mut Vec<Name>, text: &str, hint: usize) -> Name {
    let text = text::trim(text);
    if let Some(n) = pool.get(hint).filter(|n| n.as_str() == text) {
        return n.clone();
    }
    if let Some(n) = pool.iter().find(|n| n.as_str() == text) {
        return n.clone();
    }
    let n = Name::from(text);
    pool.push(n.clone());
    n
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

fn evaluate_candidate(
    eval: &Evaluation,
    cand: &Candidate,
    date: Date,
    scratch: &mut Scratch,
) -> CandidateReport {
    let n = cand.records.len();
    let mut facts = std::mem::take(&mut scratch.facts);
    facts.clear();
    if scratch.holders.len() > CACHE_MAX {
        scratch.holders.clear();
    }
    let mut norms = std::mem::take(&mut scratch.holder_of);
    norms.clear();
    let mut holder_names = std::mem::take(&mut scratch.holder_names);
    holder_names.clear();
    if scratch.ids.len() > CACHE_MAX {
        scratch.ids.clear();
    }
    let mut ids = std::mem::take(&mut scratch.record_ids);
    ids.clear();
    for (i, r) in cand.records.iter().enumerate() {
        ids.push(intern(&mut scratch.ids, &r.id, i));
        let h = scratch.holder_norm(&r.holder);
        norms.push(h);
        holder_names.push(scratch.holders[h].2.clone());
        facts.push(facts::of(
            eval,
            cand,
            r,
            &scratch.holders[h].1,
            &mut scratch.vendor_memo,
        ));
    }
    facts::find_superseded(cand, date, &mut facts, &mut scratch.dates, |i| {
        &scratch.holders[norms[i]].1
    });
    scratch.holder_of = norms;
    let mut record_worst = std::mem::take(&mut scratch.record_worst);
    record_worst.clear();
    record_worst.resize(n, None);
    let mut products = std::mem::take(&mut scratch.products_of);
    products.clear();
    for p in &cand.products {
        let entry = scratch.product(p);
        products.push(entry);
    }
    let service = cand.platform.as_ref().map(|p| scratch.product(&p.service));
    let n_products = cand.products.len() + usize::from(cand.platform.is_some());
    let mut cx = Ctx {
        eval,
        cand,
        date,
        tier: eval.workload.risk_tier,
        cand_id: Name::from(cand.id.as_str()),
        ids,
        holder_names,
        facts,
        findings: Vec::new(),
        record_worst,
        scope_matches: Vec::with_capacity(n * n_products),
        // Emptied by the last candidate (see below).
        platform_matches: std::mem::take(&mut scratch.platform_matches),
        support: std::mem::take(&mut scratch.support),
        matrix: Vec::with_capacity(
            eval.policy.model.len() + eval.policy.platform.len() + eval.sector_attestations.len(),
        ),
        products,
        service,
        scopes: std::mem::take(&mut scratch.scopes),
        accreditation: std::mem::take(&mut scratch.accreditation),
        shifts: std::mem::take(&mut scratch.shifts),
        scope: 0,
        product_hits: std::mem::take(&mut scratch.product_hits),
        product_hits_valid: false,
        service_hit: None,
        has_27001_2013: cand.records.iter().any(|r| {
            r.standard.standard() == Some(crate::domain::Standard::Iso27001)
                && r.standard.edition() == Some(2013)
        }),
        reasons: std::mem::take(&mut scratch.reasons),
        pending_reasons: std::mem::take(&mut scratch.pending_reasons),
    };

    // Scope statements repeat too (27001, 27017, 27018 often share one, and
    // candidates share vendors): normalise once per distinct statement, not
    // per record or product.
    if cx.scopes.len() > CACHE_MAX {
        cx.scopes.clear();
    }
    let mut last_scope: Option<&str> = None;
    for (i, r) in cand.records.iter().enumerate() {
        if last_scope != Some(r.scope.as_str()) {
            cx.scope = context::Scope::index(&mut cx.scopes, &r.scope);
            cx.scope_changed();
            last_scope = Some(&r.scope);
        }
        for check in rules::record_checks(r) {
            check(&mut cx, i);
        }
    }

    cells::find_support(&mut cx);
    for req in &eval.policy.model {
        cells::requirement_cell(&mut cx, Layer::Model, req);
    }
    if cand.is_hosted() {
        for req in &eval.policy.platform {
            cells::requirement_cell(&mut cx, Layer::Platform, req);
        }
    }
    cells::sector_attestation_cells(&mut cx);
    cells::share_reasons(&mut cx);
    rules::ai::no_42001_timeline(&mut cx);
    rules::layer::customer_aims(&mut cx);
    rules::contract::check_all(&mut cx);

    scratch.facts = cx.facts;
    scratch.record_worst = cx.record_worst;
    scratch.scopes = cx.scopes;
    scratch.holder_names = cx.holder_names;
    scratch.accreditation = cx.accreditation;
    scratch.shifts = cx.shifts;
    scratch.product_hits = cx.product_hits;
    scratch.reasons = cx.reasons;
    scratch.record_ids = cx.ids;
    scratch.products_of = cx.products;
    scratch.pending_reasons = cx.pending_reasons;
    let mut findings = cx.findings;
    report::sort_findings(&mut findings);
    scratch.support = cx.support;
    let mut scope_matches = cx.scope_matches;
    let mut platform_matches = cx.platform_matches;
    scope_matches.splice(0..0, platform_matches.drain(..));
    scratch.platform_matches = platform_matches;
    sort_scope_matches(&mut scope_matches);
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

/// Sorts a candidate's scope matches by layer, record, product, the words
/// matched and the confirmation. They are found record by record, platform
/// ones apart, so they are usually in order already: checked in one pass.
fn sort_scope_matches(v: &mut [ScopeMatch]) {
    fn order(a: &ScopeMatch, b: &ScopeMatch) -> std::cmp::Ordering {
        a.layer
            .cmp(&b.layer)
            .then_with(|| a.record.cmp(&b.record))
            .then_with(|| a.product.cmp(&b.product))
            .then_with(|| a.matched.cmp(&b.matched))
            .then_with(|| a.confirmed_by_hand.cmp(&b.confirmed_by_hand))
    }
    if !v.windows(2).all(|w| order(&w[0], &w[1]).is_le()) {
        v.sort_by(order);
    }
}
