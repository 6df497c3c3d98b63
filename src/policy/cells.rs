//! The decision matrix: one [`Cell`] per requirement of the policy and
//! layer, then one per sector attestation the buyer named. A requirement is
//! judged on its best current record (POLICY.md, "Superseded records"): the
//! verified record, not superseded, whose own findings are the least severe;
//! the cell names that record, its holder, and nothing else. When no such
//! record exists, the most specific rule says why (`soc2.type1-only`,
//! `layer.inherited-only`, `tier.public-claim-only`, else
//! `tier.required-missing`).

use super::context::{push_label_held, sorted_ids, Ctx};
use super::report::{Cell, CellStatus, Names, StandardSet, Text};
use super::rules::{layer, soc2, tier};
use super::text;
use crate::domain::evaluation::RequirementLevel::{self, Required};
use crate::domain::evaluation::{EvidenceRecord, Requirement, Soc2Type, StandardRef};
use crate::domain::{Layer, Standard};
use std::borrow::Cow;
use std::cmp::Reverse;
use std::ops::Range;
use std::sync::Arc;

/// "ISO/IEC 27001", "ISO/IEC 27001 or SOC 2 Type II".
pub(crate) fn requirement_label(req: &Requirement) -> Cow<'static, str> {
    match req.any_of.as_slice() {
        [one] => Cow::Borrowed(one.name()),
        many => {
            let names: Vec<&str> = many.iter().map(|s| s.name()).collect();
            Cow::Owned(names.join(" or "))
        }
    }
}

/// How a cell was decided: its status, the records it was decided on, why.
type Decision = (CellStatus, Decided, Why);

/// Why a cell was decided so: a sentence of the code, or the part of
/// [`Ctx::reasons`] written for it (see [`share_reasons`]).
enum Why {
    Said(&'static str),
    Written(Range<usize>),
}

/// The records a cell was decided on.
enum Decided {
    /// Its best current record.
    Best(usize),
    /// The records that explain why none is current (maybe none).
    Others(Vec<usize>),
}

impl Decided {
    fn as_slice(&self) -> &[usize] {
        match self {
            Decided::Best(i) => std::slice::from_ref(i),
            Decided::Others(v) => v,
        }
    }
}

/// The status of a record: the worst of its own findings.
fn status_of(cx: &Ctx, i: usize) -> CellStatus {
    CellStatus::from_worst(cx.record_worst[i])
}

/// The date that makes a record newer (issue date, SOC 2 period end).
fn newest(r: &EvidenceRecord) -> Reverse<Option<time::Date>> {
    Reverse(r.issue_date.or(r.soc2.as_ref().and_then(|s| s.period_end)))
}

/// Of some records (each with the rank of the alternative it supports), the
/// best: the least severe, then the first alternative, then the newest,
/// then by id, so the choice never depends on the order of the records.
fn best_of(cx: &Ctx, ranked: impl Iterator<Item = (usize, usize)>) -> Option<usize> {
    ranked
        .min_by(|&(ra, a), &(rb, b)| {
            let key = |rank: usize, i: usize| (status_of(cx, i), rank, newest(cx.record(i)));
            key(ra, a)
                .cmp(&key(rb, b))
                .then_with(|| cx.ids[a].cmp(&cx.ids[b]))
        })
        .map(|(_, i)| i)
}

/// The decision on a best record: its status, and why, naming it.
fn decided_by(cx: &mut Ctx, best: usize) -> Decision {
    let status = status_of(cx, best);
    let r = cx.record(best);
    let start = cx.reasons.len();
    push_label_held(&mut cx.reasons, r);
    cx.reasons.push_str(match status {
        CellStatus::Pass => " meets every rule",
        CellStatus::Conditional => " has warnings to review",
        CellStatus::Fail => " fails: see its findings",
    });
    (
        status,
        Decided::Best(best),
        Why::Written(start..cx.reasons.len()),
    )
}

/// Gives the cells whose reasons were written into [`Ctx::reasons`] their
/// part of one shared copy of it. Once per candidate, after its cells.
pub(crate) fn share_reasons(cx: &mut Ctx) {
    if !cx.pending_reasons.is_empty() {
        let buf: Arc<str> = Arc::from(cx.reasons.as_str());
        for (k, range) in cx.pending_reasons.drain(..) {
            if let Some(cell) = cx.matrix.get_mut(k) {
                cell.reason = Text::part(&buf, range);
            }
        }
    }
    cx.reasons.clear();
}

/// Finds the records that can support a requirement ([`Ctx::support`]):
/// current (verified, not held by the platform at the model layer, not
/// superseded), of a standard, and for SOC 2 of Type II. Once per candidate,
/// before its cells.
pub(crate) fn find_support(cx: &mut Ctx) {
    let mut support = std::mem::take(&mut cx.support);
    support.clear();
    for (i, (r, f)) in cx.cand.records.iter().zip(&cx.facts).enumerate() {
        if !f.current() {
            continue;
        }
        let Some(s) = r.standard.standard() else {
            continue;
        };
        let type2 = || {
            r.soc2
                .as_ref()
                .is_some_and(|x| x.report_type == Soc2Type::TypeII)
        };
        if s != Standard::Soc2Type2 || type2() {
            support.push((r.layer, s, i));
        }
    }
    cx.support = support;
}

/// Decides one requirement at one layer.
pub(crate) fn requirement_cell(cx: &mut Ctx, layer: Layer, req: &Requirement) {
    let label = requirement_label(req);
    let cand = cx.cand;
    let records = &cand.records;
    let facts = &cx.facts;
    let at = |i: usize, s: Standard| {
        records[i].layer == layer && records[i].standard.standard() == Some(s)
    };
    let current = |i: usize| facts[i].current();
    let matching = |pred: &dyn Fn(usize) -> bool| -> Vec<usize> {
        (0..records.len()).filter(|&i| pred(i)).collect()
    };
    // The records that support an alternative, each with the rank of the
    // first alternative it is of (a record is of one standard), in order.
    let ranked = cx
        .support
        .iter()
        .filter(|&&(l, _, _)| l == layer)
        .filter_map(|&(_, s, i)| Some((req.any_of.iter().position(|&x| x == s)?, i)));
    let decision = if let Some(best) = best_of(cx, ranked) {
        decided_by(cx, best)
    } else {
        // No current verified support: say why, most specific first.
        let type1 = if req.any_of.contains(&Standard::Soc2Type2) {
            matching(&|i| at(i, Standard::Soc2Type2) && current(i))
        } else {
            Vec::new()
        };
        let any = |i: usize| req.any_of.iter().any(|&s| at(i, s));
        let inherited =
            matching(&|i| any(i) && facts[i].platform_held && facts[i].superseded_by.is_none());
        let claims = matching(&|i| any(i) && facts[i].public_claim);
        if !type1.is_empty() {
            soc2::type1_only(cx, layer, &type1);
            (
                CellStatus::Conditional,
                Decided::Others(type1),
                Why::Said("only a SOC 2 Type I report is on file"),
            )
        } else if !inherited.is_empty() {
            let sev = layer::inherited_only(cx, req, &label, &inherited);
            (
                CellStatus::from_worst(sev),
                Decided::Others(inherited),
                Why::Said("only the platform's certificate is on file for the model layer"),
            )
        } else if !claims.is_empty() {
            tier::public_claim_only(cx, layer, req.any_of.first().copied(), &label, &claims);
            (
                CellStatus::Conditional,
                Decided::Others(claims),
                Why::Said("only the public matrix's claim supports it"),
            )
        } else {
            let sev = tier::required_missing(cx, layer, req, &label);
            (
                CellStatus::from_worst(sev),
                Decided::Others(Vec::new()),
                Why::Said("no evidence record"),
            )
        }
    };
    let standards = req.any_of.iter().copied().collect();
    push_cell(cx, layer, label, standards, req.level, decision);
}

fn push_cell(
    cx: &mut Ctx,
    layer: Layer,
    requirement: Cow<'static, str>,
    standards: StandardSet,
    level: RequirementLevel,
    (status, idx, reason): Decision,
) {
    let idx = idx.as_slice();
    let holder = match idx {
        [one] => Some(cx.holder_names[*one].clone()).filter(|h| !h.is_empty()),
        _ => None,
    };
    let records = match idx {
        [one] => Names::one(cx.ids[*one].clone()),
        _ => Names::from(sorted_ids(cx, idx)),
    };
    let reason = match reason {
        Why::Said(s) => Text::from(s),
        Why::Written(range) => {
            cx.pending_reasons.push((cx.matrix.len(), range));
            Text::default()
        }
    };
    cx.matrix.push(Cell {
        layer,
        requirement,
        standards,
        level,
        status,
        records,
        holder,
        reason,
    });
}

/// The sector attestations named by the buyer, each a cell. An attestation
/// is supported by an `attestation:` record of the same name (ignoring case
/// and punctuation) at the model or the platform layer.
pub(crate) fn sector_attestation_cells(cx: &mut Ctx) {
    let eval = cx.eval;
    for name in &eval.sector_attestations {
        let want = text::normalise(name);
        if want.is_empty() {
            continue;
        }
        let cand = cx.cand;
        let matching: Vec<usize> = (0..cand.records.len())
            .filter(|&i| {
                let r = &cand.records[i];
                (r.layer == Layer::Model || (r.layer == Layer::Platform && cand.is_hosted()))
                    && matches!(&r.standard, StandardRef::Attestation(n) if text::normalise(n) == want)
            })
            .collect();
        let current = matching
            .iter()
            .copied()
            .filter(|&i| !cx.facts[i].public_claim && cx.facts[i].superseded_by.is_none());
        let name = name.trim().to_string();
        let (layer, decision) = if let Some(best) = best_of(cx, current.map(|i| (0, i))) {
            (cx.record(best).layer, decided_by(cx, best))
        } else if !matching.is_empty() {
            let layer = matching
                .iter()
                .map(|&i| cx.record(i).layer)
                .min()
                .unwrap_or(Layer::Model);
            tier::public_claim_only(cx, layer, None, &name, &matching);
            let why = Why::Said("only the public matrix's claim supports it");
            (
                layer,
                (CellStatus::Conditional, Decided::Others(matching), why),
            )
        } else {
            tier::attestation_missing(cx, &name);
            let why = Why::Said("no evidence record");
            (
                Layer::Model,
                (CellStatus::Fail, Decided::Others(Vec::new()), why),
            )
        };
        let none = StandardSet::default();
        push_cell(cx, layer, name.into(), none, Required, decision);
    }
}
