//! AI governance: ISO/IEC 42001 (source A, "opinionated pick").

use super::{AppliesTo, Rule};
use crate::domain::{Layer, Standard};
use crate::policy::context::{d, Ctx};
use crate::policy::report::FieldRef;

pub(super) const RULES: &[&Rule] = &[&NO_42001_TIMELINE];

rule! {
    /// `ai.no-42001-timeline`: no 42001 evidence from the model vendor and
    /// no written public timeline; a timeline whose target date has passed
    /// counts as none. Not applied to the low tier.
    NO_42001_TIMELINE = "ai.no-42001-timeline", "source A, \"opinionated pick\"", FailIfHighRiskWarnIfRegulated, [], AppliesTo::Candidate
}

pub(crate) fn no_42001_timeline(cx: &mut Ctx) {
    let has_42001 = cx.cand.records.iter().enumerate().any(|(i, r)| {
        r.layer == Layer::Model
            && r.standard.standard() == Some(Standard::Iso42001)
            && !cx.facts[i].platform_held
    });
    if has_42001 {
        return;
    }
    let who = cx.model_vendor_name();
    let timeline = cx
        .cand
        .ai_timeline
        .as_ref()
        .filter(|t| !t.text.trim().is_empty());
    let message = match timeline {
        None => format!("`{who}` has no ISO/IEC 42001 evidence and no written public timeline for it"),
        Some(t) => match t.target_date {
            Some(target) if target < cx.date => format!(
                "`{who}`'s written 42001 target date {} has passed, and there is still no ISO/IEC 42001 evidence",
                d(target)
            ),
            _ => return,
        },
    };
    let tier = cx.tier.id();
    cx.on_candidate(
        &NO_42001_TIMELINE,
        Some(Layer::Model),
        Some(Standard::Iso42001),
        FieldRef::AiTimeline,
    )
    .value(
        "ai_timeline",
        timeline.map(|t| t.text.trim().to_string()).unwrap_or_default(),
    )
    .date("target_date", timeline.and_then(|t| t.target_date))
    .value("risk_tier", tier)
    .emit(
        message,
        format!(
            "ask `{who}` for its 42001 certificate, or a written public timeline to certification; record it with the candidate"
        ),
    );
}
