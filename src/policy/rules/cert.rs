//! A certificate's dates, cycle, edition and issuers (source A, step 2;
//! ISO/IEC 17021-1; IAF MD 26).

use super::{check, records, Ease, RecordCheck, RecordKind, Rule};
use crate::domain::evaluation::{Answer, Candidate, ContractItem, EvidenceRecord};
use crate::domain::{RecordField, Standard};
use crate::policy::context::{d, label, Ctx};
use time::macros::date;
use time::Date;

/// The end of the ISO/IEC 27001:2013 transition (IAF MD 26).
pub const TRANSITION_END_27001_2013: Date = date!(2025 - 10 - 31);
/// `cert.expiring-soon`: days before expiry.
pub const EXPIRING_SOON_DAYS: i64 = 90;
/// `cert.cycle-too-long`: years of a certification cycle, plus tolerance days.
pub const CYCLE_YEARS: i32 = 3;
pub const CYCLE_TOLERANCE_DAYS: i64 = 31;
/// `cert.surveillance-overdue`: months between audits, plus tolerance days.
pub const SURVEILLANCE_MONTHS: i32 = 12;
pub const SURVEILLANCE_TOLERANCE_DAYS: i64 = 31;

mod bodies;
pub use bodies::{NO_CERTIFICATION_BODY, UNRECOGNISED_ACCREDITATION};

const DATED: &[RecordKind] = &[RecordKind::Iso, RecordKind::Attestation];
const ISO: &[RecordKind] = &[RecordKind::Iso];

pub(super) const RULES: &[&Rule] = &[
    &EXPIRED,
    &NO_EXPIRY_DATE,
    &NOT_YET_VALID,
    &NO_ISSUE_DATE,
    &EXPIRING_SOON,
    &EXPIRES_BEFORE_CONTRACT_END,
    &CYCLE_TOO_LONG,
    &SURVEILLANCE_OVERDUE,
    &WITHDRAWN_EDITION,
    &NO_CERTIFICATION_BODY,
    &UNRECOGNISED_ACCREDITATION,
];

pub(super) const RECORD_CHECKS: &[RecordCheck] = &[
    check(&NOT_YET_VALID, not_yet_valid),
    check(&NO_ISSUE_DATE, no_issue_date),
    check(&EXPIRED, expired),
    check(&NO_EXPIRY_DATE, no_expiry_date),
    check(&EXPIRING_SOON, expiring_soon),
    check(&EXPIRES_BEFORE_CONTRACT_END, expires_before_contract_end),
    check(&CYCLE_TOO_LONG, cycle_too_long),
    check(&SURVEILLANCE_OVERDUE, surveillance_overdue),
    check(&WITHDRAWN_EDITION, withdrawn_edition),
    check(&NO_CERTIFICATION_BODY, bodies::no_certification_body),
    check(
        &UNRECOGNISED_ACCREDITATION,
        bodies::unrecognised_accreditation,
    ),
];

rule! {
    /// `cert.expired`: the expiry date is before the evaluation date.
    EXPIRED = "cert.expired", "source A, step 2", WarnUnlessRequired, [], records(DATED)
}

fn expired(cx: &mut Ctx, i: usize) {
    let r = cx.record(i);
    let Some(exp) = r.expiry_date.filter(|e| *e < cx.date) else {
        return;
    };
    let message = format!(
        "{} expired on {}, before the evaluation date {}",
        label(r),
        d(exp),
        d(cx.date)
    );
    cx.on_record(i, &EXPIRED, RecordField::ExpiryDate)
        .date("expiry_date", Some(exp))
        .evaluation_date()
        .emit(
            message,
            "ask the vendor for the renewed certificate; until you have it, this standard is not evidenced",
        );
}

rule! {
    /// `cert.no-expiry-date` (beyond POLICY.md, see docs/policy-decisions.md):
    /// an ISO certificate with no expiry date cannot be shown to be current.
    NO_EXPIRY_DATE = "cert.no-expiry-date", "source A, step 2", Warn, [], records(ISO)
}

fn no_expiry_date(cx: &mut Ctx, i: usize) {
    let r = cx.record(i);
    if r.expiry_date.is_some() || cx.has_draft(i, RecordField::ExpiryDate) {
        return;
    }
    let message = format!(
        "{} has no expiry date, so it can't be shown to be current",
        label(r)
    );
    cx.on_record(i, &NO_EXPIRY_DATE, RecordField::ExpiryDate)
        .date("expiry_date", None)
        .evaluation_date()
        .emit(message, "copy the expiry date from the certificate PDF");
}

rule! {
    /// `cert.not-yet-valid`: the issue date is after the evaluation date.
    NOT_YET_VALID = "cert.not-yet-valid", "ISO/IEC 17021-1", WarnUnlessRequired, [], records(DATED)
}

fn not_yet_valid(cx: &mut Ctx, i: usize) {
    let r = cx.record(i);
    let Some(issue) = r.issue_date.filter(|x| *x > cx.date) else {
        return;
    };
    let message = format!(
        "{} was issued on {}, after the evaluation date {}: it was not yet valid",
        label(r),
        d(issue),
        d(cx.date)
    );
    cx.on_record(i, &NOT_YET_VALID, RecordField::IssueDate)
        .date("issue_date", Some(issue))
        .evaluation_date()
        .emit(
            message,
            "check the date against the PDF (an announcement date is not an issue date); judge on the certificate valid on the evaluation date",
        );
}

rule! {
    /// `cert.no-issue-date` (beyond POLICY.md, see docs/policy-decisions.md):
    /// an ISO certificate with no issue date cannot be checked for validity.
    NO_ISSUE_DATE = "cert.no-issue-date", "ISO/IEC 17021-1", Warn, [], records(ISO)
}

fn no_issue_date(cx: &mut Ctx, i: usize) {
    let r = cx.record(i);
    if r.issue_date.is_some() || cx.has_draft(i, RecordField::IssueDate) {
        return;
    }
    let message = format!(
        "{} has no issue date, so its validity can't be checked",
        label(r)
    );
    cx.on_record(i, &NO_ISSUE_DATE, RecordField::IssueDate)
        .date("issue_date", None)
        .evaluation_date()
        .emit(
            message,
            "copy the issue date of the current certificate from the PDF",
        );
}

rule! {
    /// `cert.expiring-soon`: expiry within [`EXPIRING_SOON_DAYS`] after the evaluation date.
    EXPIRING_SOON = "cert.expiring-soon", "source A, step 5 (quarterly re-verification)", Warn, [], records(DATED)
}

fn expiring_soon(cx: &mut Ctx, i: usize) {
    let r = cx.record(i);
    let Some(exp) = r.expiry_date else { return };
    if exp < cx.date || exp > cx.shifted(cx.date, 0, EXPIRING_SOON_DAYS) {
        return;
    }
    let left = (exp - cx.date).whole_days();
    let message = format!(
        "{} expires on {}, {left} days after the evaluation date",
        label(r),
        d(exp)
    );
    cx.on_record(i, &EXPIRING_SOON, RecordField::ExpiryDate)
        .date("expiry_date", Some(exp))
        .evaluation_date()
        .value("days_left", left.to_string())
        .emit(
            message,
            "ask the vendor when the recertification audit is booked, and re-verify the renewed certificate before this one lapses",
        );
}

rule! {
    /// `cert.expires-before-contract-end`: renewal must be a contract
    /// commitment; information when the contract already commits the vendor.
    EXPIRES_BEFORE_CONTRACT_END = "cert.expires-before-contract-end", "source A, step 4", Warn, [CommittedForTerm], records(DATED)
}

fn expires_before_contract_end(cx: &mut Ctx, i: usize) {
    let r = cx.record(i);
    let (Some(exp), Some(end)) = (r.expiry_date, cx.eval.contract_end) else {
        return;
    };
    if exp < cx.date || exp >= end {
        return;
    }
    let cand = cx.cand;
    let committed = cand
        .checklist(cand.contract_for(r.layer))
        .and_then(|c| c.get(ContractItem::MaintainForTerm))
        .is_some_and(|a| a.answer == Answer::Yes);
    let tail = if committed {
        "the contract commits the vendor to maintaining it for the term"
    } else {
        "renewal must be a contract commitment"
    };
    let message = format!(
        "{} expires on {}, before the contract ends on {}: {tail}",
        label(r),
        d(exp),
        d(end)
    );
    cx.on_record(i, &EXPIRES_BEFORE_CONTRACT_END, RecordField::ExpiryDate)
        .date("expiry_date", Some(exp))
        .date("contract_end", Some(end))
        .ease_if(committed, Ease::CommittedForTerm)
        .emit(
            message,
            "make maintaining the certification for the whole term a contract commitment, and re-verify the renewed certificate",
        );
}

rule! {
    /// `cert.cycle-too-long`: expiry more than [`CYCLE_YEARS`] years and
    /// [`CYCLE_TOLERANCE_DAYS`] days after issue.
    CYCLE_TOO_LONG = "cert.cycle-too-long", "ISO/IEC 17021-1: 3-year certification cycle", WarnUnlessRequired, [], records(ISO)
}

fn cycle_too_long(cx: &mut Ctx, i: usize) {
    let r = cx.record(i);
    let (Some(issue), Some(exp)) = (r.issue_date, r.expiry_date) else {
        return;
    };
    // add_days(add_years(issue, CYCLE_YEARS), CYCLE_TOLERANCE_DAYS)
    let limit = cx.shifted(issue, CYCLE_YEARS * 12, CYCLE_TOLERANCE_DAYS);
    if exp <= limit {
        return;
    }
    let message = format!(
        "{} runs from {} to {}, longer than a {CYCLE_YEARS}-year certification cycle (latest expiry accepted: {})",
        label(r),
        d(issue),
        d(exp),
        d(limit)
    );
    cx.on_record(i, &CYCLE_TOO_LONG, RecordField::ExpiryDate)
        .date("issue_date", Some(issue))
        .date("expiry_date", Some(exp))
        .date("latest_expiry", Some(limit))
        .emit(
            message,
            "check both dates against the certificate PDF: a cycle over 3 years is a mistyped date or not an accredited certificate",
        );
}

rule! {
    /// `cert.surveillance-overdue`: no audit within [`SURVEILLANCE_MONTHS`]
    /// months and [`SURVEILLANCE_TOLERANCE_DAYS`] days, or none recorded.
    SURVEILLANCE_OVERDUE = "cert.surveillance-overdue", "ISO/IEC 17021-1: surveillance at least once a calendar year", Warn, [], records(ISO)
}

/// The latest audit is the later of the last surveillance audit and the
/// issue date of the current certificate (a (re)certification decision).
fn surveillance_overdue(cx: &mut Ctx, i: usize) {
    let r = cx.record(i);
    if r.expiry_date.is_some_and(|e| e < cx.date) {
        return; // expired: cert.expired says it all
    }
    let Some(last) = r.last_surveillance_audit.max(r.issue_date) else {
        if cx.has_draft(i, RecordField::LastSurveillanceAudit)
            || cx.has_draft(i, RecordField::IssueDate)
        {
            return;
        }
        let message = format!(
            "{} records no surveillance or (re)certification audit",
            label(r)
        );
        cx.on_record(i, &SURVEILLANCE_OVERDUE, RecordField::LastSurveillanceAudit)
            .date("last_surveillance_audit", None)
            .evaluation_date()
            .emit(
                message,
                "ask the vendor for the latest surveillance audit confirmation and record its date",
            );
        return;
    };
    let due = cx.shifted(last, SURVEILLANCE_MONTHS, SURVEILLANCE_TOLERANCE_DAYS);
    if last > cx.date || due >= cx.date {
        return;
    }
    let message = format!(
        "the last audit on record for {} was on {}; the next surveillance audit was due by {}",
        label(r),
        d(last),
        d(due)
    );
    cx.on_record(i, &SURVEILLANCE_OVERDUE, RecordField::LastSurveillanceAudit)
        .date("last_audit", Some(last))
        .date("due_by", Some(due))
        .evaluation_date()
        .emit(
            message,
            "ask the vendor for the latest surveillance audit confirmation (or the reissued certificate) and record its date",
        );
}

/// The 27001 record a 27017/27018/27701:2019 record extends: by `based_on`,
/// else a 27001 record of the same layer with the same certificate number.
fn base_27001<'c>(cand: &'c Candidate, r: &EvidenceRecord) -> Option<&'c EvidenceRecord> {
    let is_27001 = |o: &&EvidenceRecord| o.standard.standard() == Some(Standard::Iso27001);
    if let Some(b) = &r.based_on {
        return cand
            .records
            .iter()
            .filter(is_27001)
            .find(|o| o.id.trim() == b.trim());
    }
    if r.certificate_number.is_empty() {
        return None;
    }
    cand.records.iter().filter(is_27001).find(|o| {
        o.layer == r.layer
            && o.certificate_number
                .eq_ignore_ascii_case(&r.certificate_number)
    })
}

rule! {
    /// `cert.withdrawn-edition`: 27001:2013, or a certificate riding on one,
    /// evaluated after [`TRANSITION_END_27001_2013`].
    WITHDRAWN_EDITION = "cert.withdrawn-edition", "IAF MD 26: the 27001:2013 transition ended 2025-10-31", WarnUnlessRequired, [], records(ISO)
}

fn withdrawn_edition(cx: &mut Ctx, i: usize) {
    if cx.date <= TRANSITION_END_27001_2013 {
        return;
    }
    let r = cx.record(i);
    let (Some(std), edition) = (r.standard.standard(), r.standard.edition()) else {
        return;
    };
    let message = match std {
        Standard::Iso27001 if edition == Some(2013) => format!(
            "{} is to the 2013 edition: every ISO/IEC 27001:2013 certificate expired or was withdrawn on {}",
            label(r),
            d(TRANSITION_END_27001_2013)
        ),
        // Only a 27001:2013 record can be such a base.
        Standard::Iso27017 | Standard::Iso27018 | Standard::Iso27701
            if cx.has_27001_2013 && !(std == Standard::Iso27701 && edition == Some(2025)) =>
        {
            match base_27001(cx.cand, r) {
                Some(b) if b.standard.edition() == Some(2013) => format!(
                    "{} extends {}, which expired or was withdrawn on {}",
                    label(r),
                    label(b),
                    d(TRANSITION_END_27001_2013)
                ),
                _ => return,
            }
        }
        _ => return,
    };
    cx.on_record(i, &WITHDRAWN_EDITION, RecordField::Standard)
        .value("standard", r.standard.to_string())
        .date("transition_end", Some(TRANSITION_END_27001_2013))
        .evaluation_date()
        .emit(
            message,
            "ask for the certificate issued against ISO/IEC 27001:2022 (and its extensions)",
        );
}
