//! SOC 2 reports: their age, type and bridge letters (an AICPA attestation,
//! not an ISO certificate).

use super::{check, records, AppliesTo, RecordCheck, RecordKind, Rule};
use crate::domain::{Layer, RecordField, Standard};
use crate::policy::calendar::add_months;
use crate::policy::context::{d, join_ids, label, layer_name, sorted_ids, Ctx};
use crate::policy::report::FieldRef;

/// `soc2.stale`: months since the SOC 2 period ended.
pub const STALE_MONTHS: i32 = 12;
/// `soc2.bridge-too-long`: months a bridge letter may reach past the period.
pub const BRIDGE_MONTHS: i32 = 3;

const SOC2: &[RecordKind] = &[RecordKind::Soc2];

pub(super) const RULES: &[&Rule] = &[&STALE, &TYPE1_ONLY, &BRIDGE_TOO_LONG];

pub(super) const RECORD_CHECKS: &[RecordCheck] = &[
    check(&STALE, stale),
    check(&BRIDGE_TOO_LONG, bridge_too_long),
];

rule! {
    /// `soc2.stale`: the period ended more than [`STALE_MONTHS`] months
    /// before the evaluation date (or no period end is recorded).
    STALE = "soc2.stale", "buyer convention", Warn, [], records(SOC2)
}

fn stale(cx: &mut Ctx, i: usize) {
    let r = cx.record(i);
    let end = r.soc2.as_ref().and_then(|s| s.period_end);
    let message = match end {
        None => format!(
            "{} records no period end, so its age can't be checked",
            label(r)
        ),
        Some(e) if add_months(e, STALE_MONTHS) < cx.date => format!(
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
    let ids = join_ids(&sorted_ids(cx, idx));
    let untyped = idx.iter().any(|&i| cx.record(i).soc2.is_none());
    let message = if untyped {
        format!(
            "the SOC 2 report `{ids}` at the {} does not say its type; Type II is required",
            layer_name(layer)
        )
    } else {
        format!(
            "only a SOC 2 Type I report (`{ids}`) is on file at the {}; Type II is required: Type I tests design at one date, not operation over a period",
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
