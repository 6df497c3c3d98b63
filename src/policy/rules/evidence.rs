//! Where the evidence comes from (source A, step 2: "never accept a
//! marketing-page screenshot").

use super::{check, records, Ease, RecordCheck, Rule, ANY_RECORD};
use crate::domain::evaluation::SourceKind;
use crate::domain::RecordField;
use crate::policy::context::{label, Ctx};

pub(super) const RULES: &[&Rule] = &[&WEAK_SOURCE, &PORTAL_PAGE_ONLY];

pub(super) const RECORD_CHECKS: &[RecordCheck] = &[
    check(&WEAK_SOURCE, weak_source),
    check(&PORTAL_PAGE_ONLY, portal_page_only),
];

rule! {
    /// `evidence.weak-source`: the record rests on a marketing page, a
    /// screenshot, a press release or industry reporting; a vendor e-mail
    /// is a statement about the evidence and only warns.
    WEAK_SOURCE = "evidence.weak-source", "source A, step 2", WarnUnlessRequired, [StatementAboutEvidence], records(ANY_RECORD)
}

fn weak_source(cx: &mut Ctx, i: usize) {
    let r = cx.record(i);
    let what = match r.source {
        SourceKind::MarketingPage
        | SourceKind::Screenshot
        | SourceKind::PressRelease
        | SourceKind::IndustryReporting => "which is not evidence of a current certificate",
        SourceKind::VendorEmail => "a statement about the evidence, not the evidence itself",
        _ => return,
    };
    let message = format!("{} rests on a {}, {what}", label(r), r.source.label());
    cx.on_record(i, &WEAK_SOURCE, RecordField::Source)
        .value("source", r.source.id())
        .ease_if(
            r.source == SourceKind::VendorEmail,
            Ease::StatementAboutEvidence,
        )
        .emit(
            message,
            "ask the vendor for the current certificate PDF or audit report through its trust portal (under NDA if needed); a vendor that won't share one is disqualified",
        );
}

rule! {
    /// `evidence.portal-page-only`: read from a trust-portal page, not from
    /// the certificate PDF or report.
    PORTAL_PAGE_ONLY = "evidence.portal-page-only", "source A, step 2", Warn, [], records(ANY_RECORD)
}

fn portal_page_only(cx: &mut Ctx, i: usize) {
    let r = cx.record(i);
    if r.source != SourceKind::TrustPortalPage {
        return;
    }
    let message = format!(
        "{} was read from a trust-portal page, not from the certificate PDF or report",
        label(r)
    );
    cx.on_record(i, &PORTAL_PAGE_ONLY, RecordField::Source)
        .value("source", r.source.id())
        .emit(
            message,
            "download the certificate PDF from the portal and check its scope and dates against this record",
        );
}
