//! Calendar dates, with no time zone: `YYYY-MM-DD` in every file and link.

use crate::error::UserError;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use time::{Date, Month};

/// Why a date could not be read, in words a buyer understands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not of the form `YYYY-MM-DD` (a file's dates, `--date`).
    Format(String),
    /// The form is right but the day does not exist (2025-02-30).
    NoSuchDay(String),
    /// Typed text that is none of the forms a date field reads
    /// ([`parse_date_input`](super::parse_date_input)).
    Unreadable(String),
}

impl UserError for DateError {
    fn message(&self) -> String {
        match self {
            DateError::Format(s) => {
                format!("“{}” is not a date in the form YYYY-MM-DD", truncate(s, 40))
            }
            DateError::NoSuchDay(s) => {
                format!("“{}” is not a day on the calendar", truncate(s, 40))
            }
            DateError::Unreadable(s) => format!("“{}” is not a date yet", truncate(s, 40)),
        }
    }

    fn help(&self) -> Option<String> {
        Some(match self {
            DateError::Format(_) => "write it like 2025-01-06".into(),
            DateError::NoSuchDay(_) => "check the day and the month".into(),
            DateError::Unreadable(_) => {
                "write it like 20 November 2025, 2025-11-20 or 20/11/2025, with the year in full"
                    .into()
            }
        })
    }
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for DateError {}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let head: String = s.chars().take(max).collect();
        format!("{head}…")
    }
}

/// Parses a strict `YYYY-MM-DD` calendar date. Surrounding white space is
/// ignored; anything else that is not a real day is an error, never a panic.
pub fn parse_date(input: &str) -> Result<Date, DateError> {
    let s = input.trim();
    let b = s.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return Err(DateError::Format(s.to_string()));
    }
    // The shape check guarantees ASCII digits, so these parses cannot fail.
    let year: i32 = s[0..4].parse().map_err(|_| DateError::Format(s.into()))?;
    let month: u8 = s[5..7].parse().map_err(|_| DateError::Format(s.into()))?;
    let day: u8 = s[8..10].parse().map_err(|_| DateError::Format(s.into()))?;
    let month = Month::try_from(month).map_err(|_| DateError::NoSuchDay(s.to_string()))?;
    Date::from_calendar_date(year, month, day).map_err(|_| DateError::NoSuchDay(s.to_string()))
}

/// Formats a date as `YYYY-MM-DD`.
pub fn format_date(d: Date) -> String {
    let year = d.year();
    if !(0..=9999).contains(&year) {
        return format!("{:04}-{:02}-{:02}", year, u8::from(d.month()), d.day());
    }
    // The usual years, without the formatting machinery (reports print many
    // dates).
    let (y, m, day) = (
        year as u32,
        u32::from(u8::from(d.month())),
        u32::from(d.day()),
    );
    let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
    let mut out = String::with_capacity(10);
    for c in [
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        '-',
        digit(m / 10),
        digit(m),
        '-',
        digit(day / 10),
        digit(day),
    ] {
        out.push(c);
    }
    out
}

/// How precisely a public claim is dated: sources often give only a month or
/// a year ("June 2026", "2025").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AsOf {
    Year(i32),
    Month(i32, Month),
    Day(Date),
}

impl AsOf {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(input: &str) -> Result<AsOf, DateError> {
        let s = input.trim();
        match s.len() {
            4 if s.bytes().all(|c| c.is_ascii_digit()) => Ok(AsOf::Year(
                s.parse().map_err(|_| DateError::Format(s.into()))?,
            )),
            7 if s.as_bytes()[4] == b'-'
                && s.bytes()
                    .enumerate()
                    .all(|(i, c)| i == 4 || c.is_ascii_digit()) =>
            {
                let year: i32 = s[0..4].parse().map_err(|_| DateError::Format(s.into()))?;
                let month: u8 = s[5..7].parse().map_err(|_| DateError::Format(s.into()))?;
                let month =
                    Month::try_from(month).map_err(|_| DateError::NoSuchDay(s.to_string()))?;
                Ok(AsOf::Month(year, month))
            }
            _ => parse_date(s).map(AsOf::Day),
        }
    }

    /// The first day the claim could be dated.
    pub fn first_day(self) -> Date {
        match self {
            AsOf::Year(y) => Date::from_calendar_date(y, Month::January, 1).unwrap_or(Date::MIN),
            AsOf::Month(y, m) => Date::from_calendar_date(y, m, 1).unwrap_or(Date::MIN),
            AsOf::Day(d) => d,
        }
    }

    /// The last day the claim could be dated: ages are counted from here, so
    /// they never overstate how fresh a claim is... nor understate its age
    /// by more than the precision the source gave.
    pub fn last_day(self) -> Date {
        match self {
            AsOf::Year(y) => Date::from_calendar_date(y, Month::December, 31).unwrap_or(Date::MAX),
            AsOf::Month(y, m) => Date::from_calendar_date(y, m, m.length(y)).unwrap_or(Date::MAX),
            AsOf::Day(d) => d,
        }
    }

    /// Whole days from the last day of this as-of to `today` (0 if in the future).
    pub fn age_days(self, today: Date) -> i64 {
        (today - self.last_day()).whole_days().max(0)
    }

    /// Machine form: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn to_iso(self) -> String {
        match self {
            AsOf::Year(y) => format!("{y:04}"),
            AsOf::Month(y, m) => format!("{y:04}-{:02}", u8::from(m)),
            AsOf::Day(d) => format_date(d),
        }
    }

    /// Reader form: `2026`, `June 2026`, `13 January 2025`.
    pub fn human(self) -> String {
        match self {
            AsOf::Year(y) => format!("{y}"),
            AsOf::Month(y, m) => format!("{m} {y}"),
            AsOf::Day(d) => super::human_date(d),
        }
    }
}

impl fmt::Display for AsOf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_iso())
    }
}

impl Serialize for AsOf {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_iso())
    }
}

impl<'de> Deserialize<'de> for AsOf {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        AsOf::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn parses_real_days() {
        assert_eq!(parse_date("2025-01-06"), Ok(date!(2025 - 01 - 06)));
        assert_eq!(parse_date(" 2024-02-29 "), Ok(date!(2024 - 02 - 29)));
    }

    #[test]
    fn rejects_impossible_days_and_formats_without_panicking() {
        assert!(matches!(
            parse_date("2025-02-29"),
            Err(DateError::NoSuchDay(_))
        ));
        assert!(matches!(
            parse_date("2025-13-01"),
            Err(DateError::NoSuchDay(_))
        ));
        assert!(matches!(
            parse_date("2025-00-10"),
            Err(DateError::NoSuchDay(_))
        ));
        for bad in [
            "",
            "2025",
            "06/01/2025",
            "2025-1-6",
            "２０２５-01-06",
            "2025-01-06x",
            "ab-cd-efgh",
            "2025—01-06",
        ] {
            assert!(
                matches!(parse_date(bad), Err(DateError::Format(_))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn date_error_messages_are_words_and_bounded() {
        let long = "x".repeat(10_000);
        let err = parse_date(&long).unwrap_err();
        let msg = err.sentence();
        assert!(msg.contains("YYYY-MM-DD"));
        assert!(msg.len() < 200, "{msg}");
        for e in [err, parse_date("2025-02-30").unwrap_err()] {
            crate::error::check_style(&e).unwrap();
        }
    }

    #[test]
    fn as_of_precisions() {
        assert_eq!(AsOf::parse("2025").unwrap(), AsOf::Year(2025));
        assert_eq!(
            AsOf::parse("2026-06").unwrap(),
            AsOf::Month(2026, Month::June)
        );
        assert_eq!(
            AsOf::parse("2025-01-13").unwrap(),
            AsOf::Day(date!(2025 - 01 - 13))
        );
        assert!(AsOf::parse("2026-13").is_err());
        assert!(AsOf::parse("June 2026").is_err());
        assert_eq!(
            AsOf::parse("2026-06").unwrap().last_day(),
            date!(2026 - 06 - 30)
        );
        assert_eq!(
            AsOf::parse("2024-02").unwrap().last_day(),
            date!(2024 - 02 - 29)
        );
        assert_eq!(
            AsOf::parse("2025").unwrap().first_day(),
            date!(2025 - 01 - 01)
        );
        assert_eq!(AsOf::parse("2026-06").unwrap().human(), "June 2026");
        assert_eq!(
            AsOf::parse("2025-01-13").unwrap().human(),
            "13 January 2025"
        );
        for s in ["2025", "2026-06", "2025-01-13"] {
            assert_eq!(AsOf::parse(s).unwrap().to_iso(), s);
        }
    }

    #[test]
    fn age_counts_from_the_last_possible_day() {
        let june = AsOf::parse("2026-06").unwrap();
        assert_eq!(june.age_days(date!(2026 - 07 - 01)), 1);
        assert_eq!(june.age_days(date!(2026 - 06 - 15)), 0);
    }
}
