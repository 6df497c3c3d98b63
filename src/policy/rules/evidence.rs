//! The evidence itself: where it comes from (source A, step 2: "never accept
//! a marketing-page screenshot"), whose it is, and what was typed into it.

use super::{check, records, Ease, RecordCheck, Rule, ANY_RECORD};
use crate::domain::evaluation::SourceKind;
use crate::domain::RecordField;
use crate::policy::context::{foreign_advice, label, quoted, Ctx, HolderFact};

pub(super) const RULES: &[&Rule] = &[
    &WEAK_SOURCE,
    &PORTAL_PAGE_ONLY,
    &HOLDER_MISMATCH,
    &DATE_NOT_UNDERSTOOD,
];

pub(super) const RECORD_CHECKS: &[RecordCheck] = &[
    check(&WEAK_SOURCE, weak_source),
    check(&PORTAL_PAGE_ONLY, portal_page_only),
    check(&HOLDER_MISMATCH, holder_mismatch),
    check(&DATE_NOT_UNDERSTOOD, date_not_understood),
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

rule! {
    /// `evidence.holder-mismatch`: the holder is blank, or is not the
    /// organisation of the layer the record stands for (the model vendor at
    /// the model layer, the platform at the platform layer), matched on the
    /// vendor's legal names and aliases (`data/vendor-names.json`); an
    /// affiliate confirmed by hand, with a note, is information.
    HOLDER_MISMATCH = "evidence.holder-mismatch", "source A, step 2 (\"read … the certificate\"); ISO/IEC 17021-1 (a certificate names its client)", WarnUnlessRequired, [ConfirmedByHand], records(ANY_RECORD)
}

fn holder_mismatch(cx: &mut Ctx, i: usize) {
    let r = cx.record(i);
    let fact = cx.facts[i].holder;
    if matches!(fact, HolderFact::NotChecked | HolderFact::Matches) {
        return;
    }
    let org = cx.layer_org(r.layer);
    let holder = r.holder.trim();
    let (message, next, note) = match fact {
        HolderFact::Blank => (
            format!(
                "{} names no holder: a certificate or report is evidence only for the organisation it is issued to",
                label(r)
            ),
            "copy the certified organisation's name from the certificate or report".to_string(),
            "",
        ),
        HolderFact::Foreign => (
            format!(
                "{} is issued to {}, not to {org}: it is no evidence for {org}",
                label(r),
                quoted(holder, 80)
            ),
            foreign_advice(cx, i),
            "",
        ),
        HolderFact::Confirmed(k) => {
            let note = cx.cand.holder_confirmations[k].note.trim();
            (
                format!(
                    "{} is issued to {}, not to {org}; confirmed by hand as {org}'s subsidiary or affiliate: {note}",
                    label(r),
                    quoted(holder, 80)
                ),
                "keep the document that confirms it with the evaluation".to_string(),
                note,
            )
        }
        HolderFact::NotChecked | HolderFact::Matches => return,
    };
    let confirmed = !note.is_empty();
    let mut draft = cx
        .on_record(i, &HOLDER_MISMATCH, RecordField::Holder)
        .value("holder", holder)
        .value("expected", org);
    if confirmed {
        draft = draft.value("confirmation", note);
    }
    draft
        .ease_if(confirmed, Ease::ConfirmedByHand)
        .emit(message, next);
}

rule! {
    /// `evidence.date-not-understood` (beyond POLICY.md, see
    /// docs/policy-decisions.md): a date field keeps typed text that is not
    /// a date yet; until it is, the date is unknown.
    DATE_NOT_UNDERSTOOD = "evidence.date-not-understood", "docs/policy-decisions.md (dates as people write them)", Warn, [], records(ANY_RECORD)
}

fn date_not_understood(cx: &mut Ctx, i: usize) {
    let r = cx.record(i);
    for (field, text) in &r.drafts {
        if !field.is_date() || text.trim().is_empty() {
            continue;
        }
        let message = format!(
            "the {} of {} is not a date yet: {}",
            field.words(),
            label(r),
            quoted(text, 60)
        );
        cx.on_record(i, &DATE_NOT_UNDERSTOOD, *field)
            .value(field.id(), text.trim())
            .emit(
                message,
                "write it as a date, like 20 November 2025 or 2025-11-20; the record keeps what you typed until then",
            );
    }
}
