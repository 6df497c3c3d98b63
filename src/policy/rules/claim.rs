//! Category mistakes in what a record claims (sources A and B).

use super::{check, AppliesTo, RecordCheck, Rule, ANY_RECORD};
use crate::domain::evaluation::StandardRef;
use crate::domain::RecordField;
use crate::policy::context::{label, quoted, Ctx};
use crate::policy::text;

pub(super) const RULES: &[&Rule] = &[&SOC2_CERTIFICATE, &MODEL_CERTIFIED];

pub(super) const RECORD_CHECKS: &[RecordCheck] = &[
    check(&MODEL_CERTIFIED, model_certified),
    check(&SOC2_CERTIFICATE, soc2_certificate),
];

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
        if text::trim(text_).is_empty() {
            continue;
        }
        // The scope is normalised already; its claim is cached with it.
        let claim = if field == RecordField::Scope {
            let scope = &mut cx.scopes[cx.scope];
            if scope.model_claim.is_none() {
                scope.model_claim = Some(text::model_certified_claim(text_, &scope.norm));
            }
            scope.model_claim.clone().flatten()
        } else {
            text::model_certified_claim(text_, &text::normalise(text_))
        };
        if let Some(words) = claim {
            let message = format!(
                "{} claims a model is certified ({}): ISO certifies management systems, never a model",
                label(r),
                quoted(&words, 80)
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

rule! {
    /// `claim.soc2-certificate`: a document presents SOC 2 as a certificate.
    /// A SOC 2 is a CPA firm's attestation report, never a certificate; "SOC
    /// 2 certificates" from certification bodies are not AICPA reports. Seen
    /// in a record's scope or notes ("SOC 2 certified", "SOC 2 certificate";
    /// the PDF reader notes it there), or as an accreditation body on a SOC 2
    /// record (CPA firms are licensed, not accredited). Runs on public claims
    /// too.
    SOC2_CERTIFICATE = "claim.soc2-certificate", "AICPA", Warn, [], AppliesTo::Records { kinds: ANY_RECORD, public_claims: true }
}

fn soc2_certificate(cx: &mut Ctx, i: usize) {
    let r = cx.record(i);
    // The scope's claim is cached with the scope statement.
    let scope = &mut cx.scopes[cx.scope];
    if scope.soc2_claim.is_none() {
        scope.soc2_claim = Some(text::soc2_certificate_claim(&r.scope));
    }
    let mut found: Vec<(RecordField, String)> = Vec::new();
    if let Some(Some(w)) = &scope.soc2_claim {
        found.push((RecordField::Scope, w.clone()));
    }
    if let Some(w) = text::soc2_certificate_claim(&r.notes) {
        found.push((RecordField::Notes, w));
    }
    let ab = text::trim(&r.accreditation_body);
    if matches!(r.standard, StandardRef::Soc2) && !ab.is_empty() {
        found.push((RecordField::AccreditationBody, ab.to_string()));
    }
    for (field, words) in found {
        let message = if field == RecordField::AccreditationBody {
            format!(
                "{} names an accreditation body ({}): SOC 2 reports come from licensed CPA firms, not accredited certification bodies, so this reads like a certificate that presents itself as SOC 2",
                label(r),
                quoted(&words, 80)
            )
        } else {
            format!(
                "{} presents SOC 2 as a certificate ({}): a SOC 2 is a CPA firm's attestation report, never a certificate",
                label(r),
                quoted(&words, 80)
            )
        };
        cx.on_record(i, &SOC2_CERTIFICATE, field)
            .value("claim", words)
            .emit(
                message,
                "ask for the SOC 2 report itself (the CPA firm's opinion and its period); a \"SOC 2 certificate\" from a certification body is not an AICPA report",
            );
    }
}
