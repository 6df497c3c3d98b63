//! What the engine knows about each record before the rules run: whether it
//! supports a required standard, whose it is, and whether a newer record
//! supersedes it (POLICY.md, "Superseded records").

use super::context::{Facts, HolderFact};
use super::holders::{holder_norm_is_vendor, same_holder_norm};
use super::text::normalise;
use crate::domain::evaluation::{
    Candidate, Evaluation, EvidenceRecord, RequirementLevel, StandardRef,
};
use crate::domain::Layer;
use time::Date;

/// The facts of record `r`; `holder` is its holder normalised.
pub(crate) fn of(eval: &Evaluation, cand: &Candidate, r: &EvidenceRecord, holder: &str) -> Facts {
    let public_claim = r.is_public_claim();
    let platform_held = match &cand.platform {
        Some(p) if r.layer == Layer::Model => {
            holder_norm_is_vendor(holder, &p.vendor)
                && !holder_norm_is_vendor(holder, &cand.model_vendor)
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
    let holder = if public_claim || platform_held || !layer_counts {
        HolderFact::NotChecked
    } else {
        holder_fact(cand, r, holder)
    };
    Facts {
        required,
        platform_held,
        public_claim,
        holder,
        superseded_by: None,
    }
}

/// A record's holder against the organisation of its layer.
fn holder_fact(cand: &Candidate, r: &EvidenceRecord, holder: &str) -> HolderFact {
    let org = match (r.layer, &cand.platform) {
        (Layer::Platform, Some(p)) => p.vendor.as_str(),
        _ => cand.model_vendor.as_str(),
    };
    if holder.trim().is_empty() {
        return HolderFact::Blank;
    }
    if holder_norm_is_vendor(holder, org) {
        return HolderFact::Matches;
    }
    cand.holder_confirmations
        .iter()
        .position(|c| {
            c.layer == r.layer
                && c.record_id.trim() == r.id.trim()
                && normalise(&c.holder) == holder
                && !c.note.trim().is_empty()
        })
        .map_or(HolderFact::Foreign, HolderFact::Confirmed)
}

/// What orders two records of one standard: the issue date of a
/// certificate or attestation, the period end of a SOC 2 report.
fn dated(r: &EvidenceRecord) -> Option<Date> {
    match r.standard {
        StandardRef::Soc2 => r.soc2.as_ref().and_then(|s| s.period_end),
        _ => r.issue_date,
    }
}

/// True when two records are of the same standard (an attestation by its
/// name, ignoring case and punctuation).
fn same_standard(a: &EvidenceRecord, b: &EvidenceRecord) -> bool {
    match (&a.standard, &b.standard) {
        (StandardRef::Attestation(x), StandardRef::Attestation(y)) => normalise(x) == normalise(y),
        (x, y) => x.standard().is_some() && x.standard() == y.standard(),
    }
}

/// Marks each record that a newer record of the same candidate, layer,
/// standard and holder supersedes: a later issue date (for SOC 2, a later
/// period end), on or before the evaluation date. The newest such record is
/// named (ties: the smallest id), so the answer never depends on the order
/// records were typed in. Public claims are not evidence and take no part.
pub(crate) fn find_superseded<'h>(
    cand: &Candidate,
    date: Date,
    facts: &mut [Facts],
    holder: impl Fn(usize) -> &'h str,
) {
    let records = &cand.records;
    for i in 0..records.len() {
        let (r, Some(mine)) = (&records[i], dated(&records[i])) else {
            continue;
        };
        if facts[i].public_claim {
            continue;
        }
        let newer = (0..records.len())
            .filter(|&j| j != i && !facts[j].public_claim)
            .filter_map(|j| {
                let o = &records[j];
                let when = dated(o).filter(|d| *d > mine && *d <= date)?;
                (o.layer == r.layer
                    && same_standard(r, o)
                    && same_holder_norm(holder(i), holder(j)))
                .then_some((when, j))
            })
            .max_by(|(da, a), (db, b)| {
                da.cmp(db)
                    .then_with(|| records[*b].id.trim().cmp(records[*a].id.trim()))
            });
        facts[i].superseded_by = newer.map(|(_, j)| j);
    }
}
