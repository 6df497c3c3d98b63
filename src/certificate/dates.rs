//! Dates as certificates print them: `2024-05-14`, `14 May 2024`,
//! `May 14, 2024`, `14.05.2024`, `14/05/2024` (and `05/14/2024`). The forms
//! are recognised by `domain::date_text`, the same code that reads the dates
//! a buyer types; what is particular to a document is here: dates are found
//! anywhere in its text, and the order of slashed dates is settled by the
//! document itself.
//!
//! Numeric dates with a slash or a dot do not say whether the day or the
//! month comes first. The order is inferred from the document itself: a date
//! whose first number is above 12 fixes day-month, one whose second number is
//! above 12 fixes month-day. Dots are read day-month (no certificate writes
//! `05.14.2024`). Without any such evidence, slashes are read day-month (the
//! common order on certificates outside the US) and every such date whose
//! numbers are both 12 or less is flagged `ambiguous`, for the user to check.

use crate::domain::date_text::{numeric_date, recognise, tokens, Shape};
pub use crate::domain::DayMonthOrder;
use time::Date;

/// A date found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    pub date: Date,
    /// The text it was read from.
    pub raw: String,
    /// Byte offsets of `raw` in the text.
    pub start: usize,
    pub end: usize,
    /// How a numeric date was read (`None` for ISO dates and month names).
    pub order: Option<DayMonthOrder>,
    /// True when the day and month could have been the other way round and
    /// nothing in the document says which.
    pub ambiguous: bool,
}

/// A numeric date with slashes, before its order is known.
struct Slashed {
    a: u32,
    b: u32,
    year: u32,
    start: usize,
    end: usize,
}

enum Candidate {
    Known(FoundDate),
    Slashed(Slashed),
}

/// Every date in `text`, in order.
pub fn find_dates(text: &str) -> Vec<FoundDate> {
    let t = tokens(text);
    let mut found: Vec<Candidate> = Vec::new();
    let raw = |s: usize, e: usize| text.get(s..e).unwrap_or_default().to_string();
    let known = |date: Date, s: usize, e: usize, order: Option<DayMonthOrder>| {
        Candidate::Known(FoundDate {
            date,
            raw: raw(s, e),
            start: s,
            end: e,
            order,
            ambiguous: false,
        })
    };
    let mut i = 0;
    while i < t.len() {
        let Some((shape, last)) = recognise(&t, i) else {
            i += 1;
            continue;
        };
        let (s, e) = (t[i].start, t[last].end);
        match shape {
            Shape::Certain(date, _) => found.push(known(date, s, e, None)),
            // Dots are read day-month (no certificate writes `05.14.2024`).
            Shape::Numeric {
                a,
                b,
                year,
                sep: '.',
            } => {
                if let Some(date) = numeric_date(a, b, year, DayMonthOrder::DayFirst) {
                    found.push(known(date, s, e, Some(DayMonthOrder::DayFirst)));
                }
            }
            Shape::Numeric {
                a,
                b,
                year,
                sep: '/',
            } => found.push(Candidate::Slashed(Slashed {
                a,
                b,
                year,
                start: s,
                end: e,
            })),
            // Dashed day-month dates are not read from certificates; a date
            // that is no day is not a date.
            Shape::Numeric { .. } | Shape::NoSuchDay => {
                i += 1;
                continue;
            }
        }
        i = last + 1;
    }

    // The document's own evidence for the order of slashed dates.
    let day_first_seen = found
        .iter()
        .any(|c| matches!(c, Candidate::Slashed(s) if s.a > 12 && s.b <= 12));
    let month_first_seen = found
        .iter()
        .any(|c| matches!(c, Candidate::Slashed(s) if s.b > 12 && s.a <= 12));
    let settled = day_first_seen != month_first_seen;
    let default = if month_first_seen && !day_first_seen {
        DayMonthOrder::MonthFirst
    } else {
        DayMonthOrder::DayFirst
    };
    found
        .into_iter()
        .filter_map(|c| match c {
            Candidate::Known(f) => Some(f),
            Candidate::Slashed(s) => {
                // A number above 12 decides for this date alone.
                let order = if s.a > 12 {
                    DayMonthOrder::DayFirst
                } else if s.b > 12 {
                    DayMonthOrder::MonthFirst
                } else {
                    default
                };
                let date = numeric_date(s.a, s.b, s.year, order)?;
                Some(FoundDate {
                    date,
                    raw: raw(s.start, s.end),
                    start: s.start,
                    end: s.end,
                    order: Some(order),
                    ambiguous: s.a <= 12 && s.b <= 12 && s.a != s.b && !settled,
                })
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn dates(text: &str) -> Vec<(Date, bool)> {
        find_dates(text)
            .into_iter()
            .map(|f| (f.date, f.ambiguous))
            .collect()
    }

    #[test]
    fn every_format_certificates_use() {
        let d = date!(2024 - 05 - 14);
        for text in [
            "Issue date: 2024-05-14",
            "Issued 14 May 2024.",
            "Issued 14th May 2024",
            "Issued May 14, 2024",
            "Issued May 14th, 2024",
            "Issued 14 Mai 2024 / 14.05.2024",
            "valid from 14/05/2024",
            "valid from 05/14/2024",
            "14 Sept 2024 is not it",
        ] {
            let found = find_dates(text);
            assert!(!found.is_empty(), "{text}");
            if !text.starts_with("14 Sept") {
                assert_eq!(found.last().unwrap().date, d, "{text}");
            }
        }
        assert_eq!(dates("14 Sept 2024"), vec![(date!(2024 - 09 - 14), false)]);
        assert_eq!(dates("Dec. 1, 2025"), vec![(date!(2025 - 12 - 01), false)]);
    }

    #[test]
    fn offsets_and_raw_text_point_at_the_date() {
        let text = "Expiry date: 13 March 2027 (subject to surveillance)";
        let f = &find_dates(text)[0];
        assert_eq!(f.raw, "13 March 2027");
        assert_eq!(&text[f.start..f.end], "13 March 2027");
    }

    #[test]
    fn slashed_dates_take_their_order_from_the_document() {
        // 25/03/2024 proves day-month: 04/05/2024 is 4 May, not flagged.
        assert_eq!(
            dates("Issued 25/03/2024, expires 04/05/2027"),
            vec![
                (date!(2024 - 03 - 25), false),
                (date!(2027 - 05 - 04), false)
            ]
        );
        // 03/25/2024 proves month-day.
        assert_eq!(
            dates("Issued 03/25/2024, expires 04/05/2027"),
            vec![
                (date!(2024 - 03 - 25), false),
                (date!(2027 - 04 - 05), false)
            ]
        );
        // No evidence: read day-month, and flagged.
        assert_eq!(
            dates("Issued 04/05/2024"),
            vec![(date!(2024 - 05 - 04), true)]
        );
        // The same number twice is never ambiguous.
        assert_eq!(dates("on 06/06/2024"), vec![(date!(2024 - 06 - 06), false)]);
        let f = &find_dates("Issued 04/05/2024")[0];
        assert_eq!(f.order, Some(DayMonthOrder::DayFirst));
    }

    #[test]
    fn not_dates_are_not_dates() {
        for text in [
            "ISO/IEC 27001:2022",
            "Certificate 2024-13-01",
            "31 February 2024",
            "page 1/2/3",
            "version 3.2.1",
            "30/30/2024",
            "May 2024",
            "12 Maybe 2024",
            "1 May 1066",
        ] {
            assert_eq!(dates(text), vec![], "{text}");
        }
    }
}
