//! Evidence comes in layers (source A, shared responsibility): the
//! platform's certificate covers the platform only, and the buyer's own
//! layer is the buyer's.

use super::{AppliesTo, Rule};
use crate::domain::evaluation::{vendor_display_name, Requirement};
use crate::domain::RecordField;
use crate::domain::{Layer, RiskTier, Standard};
use crate::policy::context::{join_ids, sorted_ids, Ctx};
use crate::policy::report::{FieldRef, Severity};

pub(super) const RULES: &[&Rule] = &[&INHERITED_ONLY, &CUSTOMER_AIMS];

rule! {
    /// `layer.inherited-only`: on a hosted path, a requirement of the model
    /// layer is supported only by the platform's certificate.
    INHERITED_ONLY = "layer.inherited-only", "source A, shared responsibility", ByRequirementLevel, [], AppliesTo::Requirement
}

/// `layer.inherited-only` for the platform-held records `idx` (`label` is
/// how the requirement reads). Returns the severity used.
pub(crate) fn inherited_only(
    cx: &mut Ctx,
    req: &Requirement,
    label: &str,
    idx: &[usize],
) -> Option<Severity> {
    let platform = cx
        .cand
        .platform
        .as_ref()
        .map(|p| p.vendor.trim())
        .unwrap_or("");
    let platform_name = vendor_display_name(platform).to_string();
    let model_name = cx.model_vendor_name();
    let ids = join_ids(&sorted_ids(cx, idx));
    let message = format!(
        "the model layer's {label} rests only on `{ids}`, held by the platform (`{platform_name}`): the platform's certificate covers the platform layer only, not `{model_name}`"
    );
    let next = format!(
        "move the platform's record to the platform layer and ask `{model_name}` for its own certificate"
    );
    let mut draft = cx
        .on_candidate(
            &INHERITED_ONLY,
            Some(Layer::Model),
            req.any_of.first().copied(),
            FieldRef::Record(RecordField::Holder),
        )
        .level(req.level);
    if let [one] = idx {
        draft = draft.naming_record(*one);
    }
    draft
        .value("holder", platform_name)
        .value("model_vendor", model_name)
        .emit(message, next)
}

rule! {
    /// `layer.customer-aims`: for a high-risk workload, the buyer's own AIMS
    /// is in scope as AI operator (context).
    CUSTOMER_AIMS = "layer.customer-aims", "source A, FAQ", Info, [], AppliesTo::Candidate
}

/// `layer.customer-aims`, once per candidate of a high-risk workload.
pub(crate) fn customer_aims(cx: &mut Ctx) {
    if cx.tier != RiskTier::HighRisk {
        return;
    }
    let own: Vec<&str> = cx
        .cand
        .records
        .iter()
        .filter(|r| r.layer == Layer::Customer && r.standard.standard() == Some(Standard::Iso42001))
        .map(|r| r.id.trim())
        .collect();
    let message = if own.is_empty() {
        "as operator of an EU AI Act high-risk system, your own AI management system (ISO/IEC 42001) is in scope: no vendor certificate covers your layer".to_string()
    } else {
        format!(
            "as operator of an EU AI Act high-risk system, your own AI management system is in scope; your 42001 record `{}` is noted",
            own.join("`, `")
        )
    };
    let tier = cx.tier.id();
    cx.on_candidate(
        &CUSTOMER_AIMS,
        Some(Layer::Customer),
        Some(Standard::Iso42001),
        FieldRef::CustomerNotes,
    )
    .value("risk_tier", tier)
    .emit(
        message,
        "record your own controls for this workload in the customer notes (AI policy, risk and impact assessment, human oversight)",
    );
}
