//! The bodies behind a certificate: who issued it, and who accredits them
//! (source A, step 2; IAF MLA; ISO/IEC 42006:2025).

use super::super::{records, RecordKind};
use crate::domain::evaluation::StandardRef;
use crate::domain::{RecordField, Standard};
use crate::policy::context::{label, quoted, Ctx};
use crate::policy::text;

const ISSUED: &[RecordKind] = &[RecordKind::Iso, RecordKind::Soc2];
const ISO: &[RecordKind] = &[RecordKind::Iso];

rule! {
    /// `cert.no-certification-body`: the certification body (for SOC 2, the
    /// audit firm) is blank.
    NO_CERTIFICATION_BODY = "cert.no-certification-body", "source A, step 2", WarnUnlessRequired, [], records(ISSUED)
}

pub(super) fn no_certification_body(cx: &mut Ctx, i: usize) {
    let r = cx.record(i);
    let (blank, field, name, what) = match &r.standard {
        StandardRef::Soc2 => (
            r.soc2.as_ref().is_none_or(|s| s.auditor.trim().is_empty()),
            RecordField::Soc2Auditor,
            "auditor",
            "audit firm",
        ),
        _ => (
            text::trim(&r.certification_body).is_empty(),
            RecordField::CertificationBody,
            "certification_body",
            "certification body",
        ),
    };
    if !blank {
        return;
    }
    let message = format!(
        "{} names no {what}: evidence is only as good as the body that issued it",
        label(r)
    );
    cx.on_record(i, &NO_CERTIFICATION_BODY, field)
        .value(name, "")
        .emit(
            message,
            "copy the issuer's name from the certificate or report, then check its accreditation",
        );
}

rule! {
    /// `cert.unrecognised-accreditation`: blank, or not an IAF MLA signatory
    /// on the shipped list; for 42001, a "non-accredited certificate".
    UNRECOGNISED_ACCREDITATION = "cert.unrecognised-accreditation", "source A, step 2; IAF MLA; ISO/IEC 42006:2025", Warn, [], records(ISO)
}

pub(super) fn unrecognised_accreditation(cx: &mut Ctx, i: usize) {
    let r = cx.record(i);
    let ab = text::trim(&r.accreditation_body);
    let is_42001 = r.standard.standard() == Some(Standard::Iso42001);
    let message = if ab.is_empty() {
        if is_42001 {
            format!(
                "{} names no accreditation body: treat it as a non-accredited 42001 certificate",
                label(r)
            )
        } else {
            format!("{} names no accreditation body", label(r))
        }
    } else if cx.recognised_accreditation(ab) {
        return;
    } else if is_42001 {
        format!(
            "{} on {} is not a recognised accreditation body (IAF MLA): treat it as a non-accredited 42001 certificate",
            quoted(ab, 80),
            label(r)
        )
    } else {
        format!(
            "{} on {} is not on the list of recognised accreditation bodies (IAF MLA signatories)",
            quoted(ab, 80),
            label(r)
        )
    };
    let next = if is_42001 {
        "check that the certification body is accredited for ISO/IEC 42001 (ISO/IEC 42006:2025) by an IAF MLA signatory, on that accreditation body's register"
    } else {
        "check the accreditation body on the IAF website (iaf.nu) and the certification body on the accreditation body's own register"
    };
    cx.on_record(
        i,
        &UNRECOGNISED_ACCREDITATION,
        RecordField::AccreditationBody,
    )
    .value("accreditation_body", ab)
    .emit(message, next);
}
