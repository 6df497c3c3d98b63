//! Category mistakes in what a record claims (sources A and B).

use super::{check, AppliesTo, RecordCheck, Rule, ANY_RECORD};
use crate::domain::RecordField;
use crate::policy::context::{label, Ctx};
use crate::policy::text;

pub(super) const RULES: &[&Rule] = &[&MODEL_CERTIFIED];

pub(super) const RECORD_CHECKS: &[RecordCheck] = &[check(&MODEL_CERTIFIED, model_certified)];

rule! {
    /// `claim.model-certified`: the scope or the notes claim a *model* is ISO
    /// certified (ISO certifies management systems, never a model). Runs on
    /// public claims too.
    MODEL_CERTIFIED = "claim.model-certified", "sources A and B", Warn, [], AppliesTo::Records { kinds: ANY_RECORD, public_claims: true }
}

fn model_certified(cx: &mut Ctx, i: usize) {
    let r = cx.record(i);
    for (field, text_) in [
        (RecordField::Scope, &r.scope),
        (RecordField::Notes, &r.notes),
    ] {
        if text_.trim().is_empty() {
            continue;
        }
        // `cx.norm` already holds the normalised scope; its claim is cached.
        let claim = if field == RecordField::Scope {
            if cx.scope_claim.is_none() {
                cx.scope_claim = Some(text::model_certified_claim(text_, &cx.norm));
            }
            cx.scope_claim.clone().flatten()
        } else {
            text::model_certified_claim(text_, &text::normalise(text_))
        };
        if let Some(words) = claim {
            let message = format!(
                "{} claims a model is certified (`{words}`): ISO certifies management systems, never a model",
                label(r)
            );
            cx.on_record(i, &MODEL_CERTIFIED, field)
                .value("claim", words)
                .emit(
                    message,
                    "treat the claim as marketing: ask which management system is certified, and read that certificate's scope",
                );
        }
    }
}
