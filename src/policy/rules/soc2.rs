//! SOC 2 reports: their age, type and bridge letters (an AICPA attestation,
//! not an ISO certificate).

use super::{check, records, AppliesTo, RecordCheck, RecordKind, Rule};
use crate::domain::evaluation::{Soc2Opinion, SubserviceMethod};
use crate::domain::{Layer, RecordField, Standard};
use crate::policy::calendar::add_months;
use crate::policy::context::{d, label, layer_name, quoted, Ctx};
use crate::policy::holders::holder_is_vendor;
use crate::policy::report::FieldRef;

/// `soc2.stale`: months since the SOC 2 period ended.
pub const STALE_MONTHS: i32 = 12;
/// `soc2.bridge-too-long`: months a bridge letter may reach past the period.
pub const BRIDGE_MONTHS: i32 = 3;

const SOC2: &[RecordKind] = &[RecordKind::Soc2];

pub(super) const RULES: &[&Rule] = &[
    &STALE,
    &TYPE1_ONLY,
    &BRIDGE_TOO_LONG,
    &QUALIFIED_OPINION,
    &CARVED_OUT,
];

pub(super) const RECORD_CHECKS: &[RecordCheck] = &[
    check(&STALE, stale),
    check(&BRIDGE_TOO_LONG, bridge_too_long),
    check(&QUALIFIED_OPINION, qualified_opinion),
    check(&CARVED_OUT, carved_out),
];

rule! {
    /// `soc2.stale`: the period ended more than [`STALE_MONTHS`] months
    /// before the evaluation date (or no period end is recorded).
    STALE = "soc2.stale", "buyer convention", Warn, [], records(SOC2)
}

fn stale(cx: &mut Ctx, i: usize) {
    let r = cx.record(i);
    let end = r.soc2.as_ref().and_then(|s| s.period_end);
    if end.is_none() && cx.has_draft(i, RecordField::Soc2PeriodEnd) {
        return;
    }
    let message = match end {
        None => format!(
            "{} records no period end, so its age can't be checked",
            label(r)
        ),
        Some(e) if cx.shifted(e, STALE_MONTHS, 0) < cx.date => format!(
            "the period of {} ended on {}, more than {STALE_MONTHS} months before the evaluation date {}",
            label(r),
            d(e),
            d(cx.date)
        ),
        _ => return,
    };
    cx.on_record(i, &STALE, RecordField::Soc2PeriodEnd)
        .date("period_end", end)
        .evaluation_date()
        .emit(message, "ask for the current SOC 2 Type II report");
}

rule! {
    /// `soc2.bridge-too-long`: a bridge letter reaching more than
    /// [`BRIDGE_MONTHS`] months past the period end.
    BRIDGE_TOO_LONG = "soc2.bridge-too-long", "convention", Warn, [], records(SOC2)
}

fn bridge_too_long(cx: &mut Ctx, i: usize) {
    let r = cx.record(i);
    let Some(s) = &r.soc2 else { return };
    let (Some(end), Some(bridge)) = (s.period_end, s.bridge_letter_end) else {
        return;
    };
    let limit = add_months(end, BRIDGE_MONTHS);
    if bridge <= limit {
        return;
    }
    let message = format!(
        "the bridge letter for {} reaches {}, more than {BRIDGE_MONTHS} months past the period end {}: a bridge letter is the vendor's own word, never auditor assurance",
        label(r),
        d(bridge),
        d(end)
    );
    cx.on_record(i, &BRIDGE_TOO_LONG, RecordField::Soc2BridgeLetterEnd)
        .date("period_end", Some(end))
        .date("bridge_letter_end", Some(bridge))
        .date("latest_accepted", Some(limit))
        .emit(
            message,
            "ask for the next SOC 2 Type II report instead of relying on the bridge letter",
        );
}

rule! {
    /// `soc2.type1-only`: only a Type I (or untyped) report where Type II is
    /// required.
    TYPE1_ONLY = "soc2.type1-only", "source A", Warn, [], AppliesTo::Requirement
}

/// `soc2.type1-only` for the SOC 2 records `idx` at `layer`, none of them a
/// Type II report.
pub(crate) fn type1_only(cx: &mut Ctx, layer: Layer, idx: &[usize]) {
    let untyped = idx.iter().any(|&i| cx.record(i).soc2.is_none());
    let message = if untyped {
        format!(
            "the SOC 2 report at the {} does not say its type; Type II is required",
            layer_name(layer)
        )
    } else {
        format!(
            "only a SOC 2 Type I report is on file at the {}; Type II is required: Type I tests design at one date, not operation over a period",
            layer_name(layer)
        )
    };
    let mut draft = cx.on_candidate(
        &TYPE1_ONLY,
        Some(layer),
        Some(Standard::Soc2Type2),
        FieldRef::Record(RecordField::Soc2Type),
    );
    if let [one] = idx {
        draft = draft.naming_record(*one);
    }
    draft
        .value("type", if untyped { "" } else { "I" })
        .value("required", "II")
        .emit(
            message,
            "ask for the SOC 2 Type II report, or the date the Type II observation period ends",
        );
}

rule! {
    /// `soc2.qualified-opinion`: the auditor's opinion is qualified, adverse
    /// or disclaimed (AICPA AT-C 205); only an unmodified opinion says the
    /// controls are as described. Not recorded: no finding.
    QUALIFIED_OPINION = "soc2.qualified-opinion", "AICPA AT-C 205 / SOC 2 guide", WarnUnlessRequired, [], records(SOC2)
}

fn qualified_opinion(cx: &mut Ctx, i: usize) {
    let r = cx.record(i);
    let (id, what) = match r.soc2.as_ref().and_then(|s| s.opinion) {
        Some(Soc2Opinion::Qualified) => (
            "qualified",
            "a qualified opinion: the auditor found exceptions material enough to say so",
        ),
        Some(Soc2Opinion::Adverse) => (
            "adverse",
            "an adverse opinion: the auditor found the controls not as described or not effective",
        ),
        Some(Soc2Opinion::Disclaimer) => (
            "disclaimer",
            "a disclaimer of opinion: the auditor could not form one",
        ),
        Some(Soc2Opinion::Unqualified) | None => return,
    };
    let message = format!("{} carries {what}", label(r));
    cx.on_record(i, &QUALIFIED_OPINION, RecordField::Soc2Opinion)
        .value("opinion", id)
        .emit(
            message,
            "read the basis for the opinion in the report and ask the vendor how each exception was remediated; an adverse opinion or a disclaimer gives no assurance",
        );
}

rule! {
    /// `soc2.carved-out`: the report carves out subservice organisations:
    /// their controls are not covered, so each needs evidence of its own.
    /// Information; a warning when the organisation carved out is the
    /// hosting platform of a hosted path and no platform-layer evidence is
    /// on file.
    CARVED_OUT = "soc2.carved-out", "AICPA SOC 2 guide (carve-out method)", InfoUnlessUncovered, [], records(SOC2)
}

fn carved_out(cx: &mut Ctx, i: usize) {
    let r = cx.record(i);
    let Some(s) = &r.soc2 else { return };
    let cand = cx.cand;
    let platform_evidence = (0..cand.records.len())
        .any(|j| cand.records[j].layer == Layer::Platform && !cx.facts[j].public_claim);
    for org in s
        .subservice_organisations
        .iter()
        .filter(|o| o.method == SubserviceMethod::CarveOut && !o.name.trim().is_empty())
    {
        let hosts = cand
            .platform
            .as_ref()
            .is_some_and(|p| holder_is_vendor(&org.name, &p.vendor));
        let uncovered = hosts && !platform_evidence;
        let name = quoted(&org.name, 80);
        let mut message = format!(
            "{} carves out {name}: its controls are not covered by the report, so it needs evidence of its own",
            label(r)
        );
        if uncovered {
            message.push_str("; it hosts this path, and no platform-layer evidence is on file");
        }
        cx.on_record(i, &CARVED_OUT, RecordField::Soc2SubserviceOrganisations)
            .value("organisation", org.name.trim())
            .value("method", "carve-out")
            .uncovered(uncovered)
            .emit(
                message,
                format!(
                    "add {name}'s own certificate or report to the evaluation (for the hosting platform, at the platform layer)"
                ),
            );
    }
}
