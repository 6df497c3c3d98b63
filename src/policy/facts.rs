//! What the engine knows about each record before the rules run: whether it
//! supports a required standard, whose it is, and whether a newer record
//! supersedes it (POLICY.md, "Superseded records").

use super::context::{Facts, HolderFact};
use super::holders::{same_holder_norm, HolderMemo};
use super::text::normalise;
use crate::domain::evaluation::{
    Candidate, Evaluation, EvidenceRecord, RequirementLevel, StandardRef,
};
use crate::domain::Layer;
use time::Date;

/// The facts of record `r`; `holder` is its holder normalised.
pub(crate) fn of(
    eval: &Evaluation,
    cand: &Candidate,
    r: &EvidenceRecord,
    holder: &str,
    memo: &mut HolderMemo,
) -> Facts {
    let public_claim = r.is_public_claim();
    let platform_held = match &cand.platform {
        Some(p) if r.layer == Layer::Model => {
            memo.is_vendor(holder, &p.vendor) && !memo.is_vendor(holder, &cand.model_vendor)
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
            StandardRef::Attestation(_) if eval.sector_attestations.is_empty() => false,
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
        holder_fact(cand, r, holder, memo)
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
fn holder_fact(
    cand: &Candidate,
    r: &EvidenceRecord,
    holder: &str,
    memo: &mut HolderMemo,
) -> HolderFact {
    let org = match (r.layer, &cand.platform) {
        (Layer::Platform, Some(p)) => p.vendor.as_str(),
        _ => cand.model_vendor.as_str(),
    };
    // `holder` is normalised, padded with spaces: blank when it is all
    // white space (as `trim().is_empty()`, without trimming both ends).
    if holder.chars().all(char::is_whitespace) {
        return HolderFact::Blank;
    }
    if memo.is_vendor(holder, org) {
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
    dates: &mut Vec<Option<Date>>,
    holder: impl Fn(usize) -> &'h str,
) {
    let records = &cand.records;
    // Each record's date, when it can supersede (on or before the
    // evaluation date, not a public claim), and the latest of them.
    dates.clear();
    dates.extend(
        records
            .iter()
            .zip(facts.iter())
            .map(|(r, f)| dated(r).filter(|d| *d <= date && !f.public_claim)),
    );
    let Some(latest) = dates.iter().flatten().max().copied() else {
        return;
    };
    for i in 0..records.len() {
        let (r, Some(mine)) = (&records[i], dated(&records[i])) else {
            continue;
        };
        if facts[i].public_claim || mine >= latest {
            continue;
        }
        // The newest, then the smallest id; on a tie, the later record (as
        // `Iterator::max_by` would).
        let order = |(da, a): (Date, usize), (db, b): (Date, usize)| {
            da.cmp(&db)
                .then_with(|| records[b].id.trim().cmp(records[a].id.trim()))
        };
        let mut newer: Option<(Date, usize)> = None;
        for (j, o) in records.iter().enumerate() {
            let Some(when) = dates[j] else { continue };
            if j == i
                || when <= mine
                || o.layer != r.layer
                || !same_standard(r, o)
                || !same_holder_norm(holder(i), holder(j))
            {
                continue;
            }
            newer = match newer {
                Some(best) if order(best, (when, j)) == std::cmp::Ordering::Greater => Some(best),
                _ => Some((when, j)),
            };
        }
        facts[i].superseded_by = newer.map(|(_, j)| j);
    }
}
