//! What the risk tier requires (source A, step 1) and what supports it.

use super::{AppliesTo, Rule};
use crate::domain::evaluation::{vendor_display_name, Requirement, RequirementLevel, SourceKind};
use crate::domain::{Layer, RecordField, Standard};
use crate::policy::context::{join_ids, layer_name, sorted_ids, Ctx};
use crate::policy::report::{FieldRef, Severity};

pub(super) const RULES: &[&Rule] = &[&REQUIRED_MISSING, &PUBLIC_CLAIM_ONLY];

rule! {
    /// `tier.required-missing`: no evidence record for a standard the
    /// policy requires at a layer (a `recommended` one only warns), or for a
    /// sector attestation the buyer named.
    REQUIRED_MISSING = "tier.required-missing", "source A, step 1", ByRequirementLevel, [], AppliesTo::Requirement
}

/// `tier.required-missing` for a requirement of the policy at `layer`
/// (`label` is how the requirement reads). Returns the severity used.
pub(crate) fn required_missing(
    cx: &mut Ctx,
    layer: Layer,
    req: &Requirement,
    label: &str,
) -> Option<Severity> {
    let who = match layer {
        Layer::Platform => cx
            .cand
            .platform
            .as_ref()
            .map(|p| vendor_display_name(&p.vendor).to_string())
            .unwrap_or_default(),
        _ => cx.model_vendor_name(),
    };
    let what = match req.level {
        RequirementLevel::Required => "requires",
        RequirementLevel::Recommended => "recommends",
    };
    let message = format!(
        "the {} tier {what} {label} at the {}, and there is no evidence record for it (`{who}`)",
        cx.tier.id(),
        layer_name(layer)
    );
    let tier = cx.tier.id();
    cx.on_candidate(
        &REQUIRED_MISSING,
        Some(layer),
        req.any_of.first().copied(),
        FieldRef::Records,
    )
    .level(req.level)
    .value("required", label)
    .value("layer", layer.id())
    .value("risk_tier", tier)
    .emit(
        message,
        format!(
            "ask `{who}` for the current {label} certificate or report; a vendor that won't share one under NDA is disqualified"
        ),
    )
}

/// `tier.required-missing` for a sector attestation the buyer named.
pub(crate) fn attestation_missing(cx: &mut Ctx, name: &str) {
    let who = cx.model_vendor_name();
    let message = format!(
        "you require `{name}`, and there is no attestation record for it at the model or platform layer"
    );
    cx.on_candidate(
        &REQUIRED_MISSING,
        Some(Layer::Model),
        None,
        FieldRef::SectorAttestations,
    )
    .value("required", name)
    .emit(
        message,
        format!(
            "ask `{who}` (or the platform, on a hosted path) for `{name}` and add it as an `attestation:{name}` record"
        ),
    );
}

rule! {
    /// `tier.public-claim-only`: only the public matrix's claim supports a
    /// requirement, not a record the buyer verified.
    PUBLIC_CLAIM_ONLY = "tier.public-claim-only", "source A, step 2 (\"never accept a marketing-page screenshot\")", Warn, [], AppliesTo::Requirement
}

/// `tier.public-claim-only`: only the public claims `claims` support it.
pub(crate) fn public_claim_only(
    cx: &mut Ctx,
    layer: Layer,
    standard: Option<Standard>,
    label: &str,
    claims: &[usize],
) {
    let ids = join_ids(&sorted_ids(cx, claims));
    let message = format!(
        "the {}'s {label} rests only on the public claim `{ids}`, not on a record you verified",
        layer_name(layer)
    );
    let mut draft = cx.on_candidate(
        &PUBLIC_CLAIM_ONLY,
        Some(layer),
        standard,
        FieldRef::Record(RecordField::Source),
    );
    if let [one] = claims {
        draft = draft.naming_record(*one);
    }
    draft
        .value("required", label)
        .value("source", SourceKind::PublicClaim.id())
        .emit(
            message,
            "pull the certificate PDF from the vendor's trust portal and type it in as a record of its own",
        );
}
