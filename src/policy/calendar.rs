//! Calendar arithmetic that never panics.
//!
//! Months are added by clamping the day to the end of the target month
//! (2025-01-31 + 1 month = 2025-02-28). Years are added the same way, so a
//! leap day maps to **February 28** in a common year (2024-02-29 + 3 years =
//! 2027-02-28): the earlier of the two candidate days, which keeps every
//! "within N years" rule on the strict side. Results beyond the range of
//! `time::Date` saturate at `Date::MIN` / `Date::MAX`.

use time::{Date, Duration, Month};

/// `d` plus `months` calendar months (negative to go back), day clamped.
pub fn add_months(d: Date, months: i32) -> Date {
    let index = i64::from(d.year()) * 12 + i64::from(u8::from(d.month())) - 1 + i64::from(months);
    let year = index.div_euclid(12);
    let month0 = index.rem_euclid(12) as u8; // 0..=11
    let saturate = if months >= 0 { Date::MAX } else { Date::MIN };
    let Ok(year) = i32::try_from(year) else {
        return saturate;
    };
    let Ok(month) = Month::try_from(month0 + 1) else {
        return saturate;
    };
    if year < Date::MIN.year() || year > Date::MAX.year() {
        return saturate;
    }
    let day = d.day().min(month.length(year));
    Date::from_calendar_date(year, month, day).unwrap_or(saturate)
}

/// `d` plus `years` years; February 29 becomes February 28 in a common year.
pub fn add_years(d: Date, years: i32) -> Date {
    add_months(d, years.saturating_mul(12))
}

/// `d` plus `days` days, saturating.
pub fn add_days(d: Date, days: i64) -> Date {
    d.checked_add(Duration::days(days))
        .unwrap_or(if days >= 0 { Date::MAX } else { Date::MIN })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn months_clamp_to_the_end_of_the_month() {
        assert_eq!(add_months(date!(2025 - 01 - 31), 1), date!(2025 - 02 - 28));
        assert_eq!(add_months(date!(2024 - 01 - 31), 1), date!(2024 - 02 - 29));
        assert_eq!(add_months(date!(2025 - 03 - 31), -1), date!(2025 - 02 - 28));
        assert_eq!(add_months(date!(2025 - 11 - 15), 3), date!(2026 - 02 - 15));
        assert_eq!(
            add_months(date!(2025 - 01 - 15), -13),
            date!(2023 - 12 - 15)
        );
        assert_eq!(add_months(date!(2025 - 06 - 30), 12), date!(2026 - 06 - 30));
    }

    #[test]
    fn leap_days_map_to_february_28() {
        assert_eq!(add_years(date!(2024 - 02 - 29), 3), date!(2027 - 02 - 28));
        assert_eq!(add_years(date!(2024 - 02 - 29), 4), date!(2028 - 02 - 29));
        assert_eq!(add_years(date!(2023 - 02 - 28), 1), date!(2024 - 02 - 28));
        assert_eq!(add_months(date!(2024 - 02 - 29), 12), date!(2025 - 02 - 28));
    }

    #[test]
    fn extremes_saturate_instead_of_panicking() {
        assert_eq!(add_months(Date::MAX, 1), Date::MAX);
        assert_eq!(add_months(Date::MIN, -1), Date::MIN);
        assert_eq!(add_years(Date::MAX, i32::MAX), Date::MAX);
        assert_eq!(add_years(Date::MIN, i32::MIN), Date::MIN);
        assert_eq!(add_days(Date::MAX, 31), Date::MAX);
        assert_eq!(add_days(Date::MIN, -31), Date::MIN);
        assert_eq!(add_days(date!(2024 - 02 - 28), 1), date!(2024 - 02 - 29));
    }
}
