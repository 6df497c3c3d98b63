//! The decision matrix: one [`Cell`] per requirement of the policy and
//! layer, then one per sector attestation the buyer named. A cell is decided
//! on the verified records that support it; when none does, the most
//! specific rule says why (`soc2.type1-only`, `layer.inherited-only`,
//! `tier.public-claim-only`, else `tier.required-missing`).

use super::context::{sorted_ids, Ctx};
use super::report::{Cell, CellStatus, StandardSet};
use super::rules::{layer, soc2, tier};
use super::text;
use crate::domain::evaluation::RequirementLevel::{self, Required};
use crate::domain::evaluation::{Requirement, Soc2Type, StandardRef};
use crate::domain::{Layer, Standard};
use std::borrow::Cow;

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

/// Why a supported cell has its status.
fn supported_reason(status: CellStatus) -> Cow<'static, str> {
    Cow::Borrowed(match status {
        CellStatus::Pass => "supported by a record that meets every rule",
        CellStatus::Conditional => "supported, with warnings to review on its records",
        CellStatus::Fail => "the evidence on file fails: see its findings",
    })
}

/// The status of the worst of some records.
fn worst_of(cx: &Ctx, idx: &[usize]) -> CellStatus {
    CellStatus::from_worst(idx.iter().map(|&i| cx.record_worst[i]).max().flatten())
}

/// The lowest layer of some records (model before platform does not
/// matter: `Layer`'s order is platform, model, customer).
fn lowest_layer(cx: &Ctx, idx: &[usize]) -> Layer {
    idx.iter()
        .map(|&i| cx.record(i).layer)
        .min()
        .unwrap_or(Layer::Model)
}

/// Decides one requirement at one layer.
pub(crate) fn requirement_cell(cx: &mut Ctx, layer: Layer, req: &Requirement) {
    let label = requirement_label(req);
    let records = &cx.cand.records;
    let facts = &cx.facts;
    let at = |i: usize, s: Standard| {
        records[i].layer == layer && records[i].standard.standard() == Some(s)
    };
    let verified = |i: usize| !facts[i].public_claim && !facts[i].platform_held;
    let is_type2 = |i: usize| {
        records[i]
            .soc2
            .as_ref()
            .is_some_and(|x| x.report_type == Soc2Type::TypeII)
    };
    let supports = |i: usize, s: Standard| {
        at(i, s) && verified(i) && (s != Standard::Soc2Type2 || is_type2(i))
    };
    let matching = |pred: &dyn Fn(usize) -> bool| -> Vec<usize> {
        (0..records.len()).filter(|&i| pred(i)).collect()
    };

    // The best supported alternative: status = worst of its verified records.
    let best = req
        .any_of
        .iter()
        .map(|&s| matching(&|i| supports(i, s)))
        .filter(|idx| !idx.is_empty())
        .map(|idx| (worst_of(cx, &idx), idx))
        .min_by_key(|(status, _)| *status);
    let (status, idx, reason) = if let Some((status, idx)) = best {
        (status, idx, supported_reason(status))
    } else {
        // No verified support: say why, most specific first.
        let type1 = if req.any_of.contains(&Standard::Soc2Type2) {
            matching(&|i| at(i, Standard::Soc2Type2) && verified(i))
        } else {
            Vec::new()
        };
        let any = |i: usize| req.any_of.iter().any(|&s| at(i, s));
        let inherited = matching(&|i| any(i) && facts[i].platform_held);
        let claims = matching(&|i| any(i) && facts[i].public_claim);
        if !type1.is_empty() {
            soc2::type1_only(cx, layer, &type1);
            (
                CellStatus::Conditional,
                type1,
                Cow::Borrowed("only a SOC 2 Type I report is on file"),
            )
        } else if !inherited.is_empty() {
            let sev = layer::inherited_only(cx, req, &label, &inherited);
            (
                CellStatus::from_worst(sev),
                inherited,
                Cow::Borrowed("only the platform's certificate is on file for the model layer"),
            )
        } else if !claims.is_empty() {
            tier::public_claim_only(cx, layer, req.any_of.first().copied(), &label, &claims);
            (
                CellStatus::Conditional,
                claims,
                Cow::Borrowed("only the public matrix's claim supports it"),
            )
        } else {
            let sev = tier::required_missing(cx, layer, req, &label);
            (
                CellStatus::from_worst(sev),
                Vec::new(),
                Cow::Borrowed("no evidence record"),
            )
        }
    };
    let standards = req.any_of.iter().copied().collect();
    push_cell(
        cx,
        layer,
        label,
        standards,
        req.level,
        (status, idx, reason),
    );
}

/// How a cell was decided: its status, the records it was decided on, why.
type Decision = (CellStatus, Vec<usize>, Cow<'static, str>);

fn push_cell(
    cx: &mut Ctx,
    layer: Layer,
    requirement: Cow<'static, str>,
    standards: StandardSet,
    level: RequirementLevel,
    (status, idx, reason): Decision,
) {
    let records = sorted_ids(cx, &idx);
    cx.matrix.push(Cell {
        layer,
        requirement,
        standards,
        level,
        status,
        records,
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
        let verified: Vec<usize> = matching
            .iter()
            .copied()
            .filter(|&i| !cx.facts[i].public_claim)
            .collect();
        let name = name.trim().to_string();
        let (layer, status, idx, reason) = if !verified.is_empty() {
            let status = worst_of(cx, &verified);
            (
                lowest_layer(cx, &verified),
                status,
                verified,
                supported_reason(status),
            )
        } else if !matching.is_empty() {
            let layer = lowest_layer(cx, &matching);
            tier::public_claim_only(cx, layer, None, &name, &matching);
            (
                layer,
                CellStatus::Conditional,
                matching,
                Cow::Borrowed("only the public matrix's claim supports it"),
            )
        } else {
            tier::attestation_missing(cx, &name);
            (
                Layer::Model,
                CellStatus::Fail,
                Vec::new(),
                Cow::Borrowed("no evidence record"),
            )
        };
        let (none, decided) = (StandardSet::default(), (status, idx, reason));
        push_cell(cx, layer, name.into(), none, Required, decided);
    }
}
