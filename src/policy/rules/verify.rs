//! When the buyer last checked a record against its source (source A,
//! step 5: re-verify quarterly).

use super::{check, records, RecordCheck, Rule, ANY_RECORD};
use crate::domain::RecordField;
use crate::policy::context::{d, label, Ctx};

/// `verify.stale`: days since the buyer last verified a record.
pub const STALE_DAYS: i64 = 90;

pub(super) const RULES: &[&Rule] = &[&STALE];

pub(super) const RECORD_CHECKS: &[RecordCheck] = &[check(&STALE, stale)];

rule! {
    /// `verify.stale`: last verified more than [`STALE_DAYS`] days before
    /// the evaluation date, or never.
    STALE = "verify.stale", "source A, step 5", Warn, [], records(ANY_RECORD)
}

fn stale(cx: &mut Ctx, i: usize) {
    let r = cx.record(i);
    let message = match r.last_verified {
        None => format!("{} has no date of last verification", label(r)),
        Some(lv) if cx.shifted(lv, 0, STALE_DAYS) < cx.date => format!(
            "{} was last verified on {}, {} days before the evaluation date (re-verify every quarter)",
            label(r),
            d(lv),
            (cx.date - lv).whole_days()
        ),
        _ => return,
    };
    cx.on_record(i, &STALE, RecordField::LastVerified)
        .date("last_verified", r.last_verified)
        .evaluation_date()
        .emit(
            message,
            "re-pull the certificate from the trust portal, check its scope and dates, and set the verification date",
        );
}
