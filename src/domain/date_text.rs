//! Dates as people write them, in the date fields the buyer types (this
//! module's [`parse_date_input`]). The PDF reader finds dates in a
//! document's text with its own recognition (`certificate::find_dates`),
//! which also knows month names in six more languages and settles the
//! day-month order from the document itself.
//!
//! # Forms read
//!
//! | written | read as |
//! |---|---|
//! | `2025-11-20` | ISO |
//! | `20 November 2025`, `20 Nov 2025`, `25th October 2025` | day, month's name, year |
//! | `November 20, 2025`, `Nov. 20 2025`, `October 25th, 2025` | month's name, day, year |
//! | `20/11/2025`, `20.11.2025`, `20-11-2025` | numbers: day and month in an order |
//!
//! Month names are English, in full or abbreviated (`Sept` too); case does
//! not matter; a final full stop is ignored (`20.11.2025.`). Years have four
//! digits, from 1950 to 2200.
//!
//! # Day and month order
//!
//! A numeric date does not say whether the day or the month comes first. When
//! one of its first two numbers is above 12 the date itself settles it
//! (`20/11/2025` can only be 20 November); otherwise the [`DayMonthOrder`]
//! passed in decides, and the answer says it did
//! ([`DateRead::order_used`]), so the interface can show which reading it
//! took. The order is a setting the buyer sees, never a guess.
//!
//! # For the interface
//!
//! - [`parse_date_input`]: blank is `Ok(None)`; a date is `Ok(Some(DateRead))`;
//!   anything else is a [`DateError`](super::DateError) with a message and
//!   help for the buyer (`UserError`).
//! - [`human_date`]: a date in words, `20 November 2025`, to show what was
//!   understood as the buyer types.
//! - Text that is not a date yet is kept on the record as a draft
//!   (`EvidenceRecord::drafts`, by field): the report says the field is not a
//!   date yet, and nothing typed is lost.

use super::DateError;
use time::{Date, Month};

/// Which comes first in a numeric date whose day and month could be either.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayMonthOrder {
    /// `04/05/2024` is 4 May 2024 (most of the world).
    DayFirst,
    /// `04/05/2024` is April 5, 2024 (the United States).
    MonthFirst,
}

/// A date read from what the buyer typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRead {
    pub date: Date,
    /// `Some` when the day-month order setting decided the reading (a numeric
    /// date whose first two numbers are both 12 or less, and differ).
    pub order_used: Option<DayMonthOrder>,
}

/// A date in words: `20 November 2025`.
pub fn human_date(d: Date) -> String {
    format!("{} {} {}", d.day(), d.month(), d.year())
}

/// Reads a date as typed. Blank is `Ok(None)`.
pub fn parse_date_input(input: &str, order: DayMonthOrder) -> Result<Option<DateRead>, DateError> {
    let text = input.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let mut t = tokens(text);
    if t.last().is_some_and(|x| x.kind == Kind::Punct('.')) {
        t.pop();
    }
    let unreadable = || DateError::Unreadable(text.to_string());
    let (shape, end) = recognise(&t, 0).ok_or_else(unreadable)?;
    if end + 1 != t.len() {
        return Err(unreadable());
    }
    let no_such_day = || DateError::NoSuchDay(text.to_string());
    match shape {
        Shape::Certain(date, _) => Ok(Some(DateRead {
            date,
            order_used: None,
        })),
        Shape::NoSuchDay => Err(no_such_day()),
        Shape::Numeric { a, b, year, .. } => {
            let (order, used) = if a > 12 {
                (DayMonthOrder::DayFirst, None)
            } else if b > 12 {
                (DayMonthOrder::MonthFirst, None)
            } else {
                (order, (a != b).then_some(order))
            };
            let date = numeric_date(a, b, year, order).ok_or_else(no_such_day)?;
            Ok(Some(DateRead {
                date,
                order_used: used,
            }))
        }
    }
}

/// The date of a numeric `a / b / year` in an order, if it is a real day.
pub(crate) fn numeric_date(a: u32, b: u32, year: u32, order: DayMonthOrder) -> Option<Date> {
    let (day, month) = match order {
        DayMonthOrder::DayFirst => (a, b),
        DayMonthOrder::MonthFirst => (b, a),
    };
    make(year, Month::try_from(u8::try_from(month).ok()?).ok()?, day)
}

const MONTHS: [(&str, &str, Month); 12] = [
    ("jan", "january", Month::January),
    ("feb", "february", Month::February),
    ("mar", "march", Month::March),
    ("apr", "april", Month::April),
    ("may", "may", Month::May),
    ("jun", "june", Month::June),
    ("jul", "july", Month::July),
    ("aug", "august", Month::August),
    ("sep", "september", Month::September),
    ("oct", "october", Month::October),
    ("nov", "november", Month::November),
    ("dec", "december", Month::December),
];

/// A month's name or its three-letter abbreviation ("Sept" too).
fn month_named(word: &str) -> Option<Month> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    let (prefix, full, month) = MONTHS.iter().find(|(p, _, _)| w.starts_with(p))?;
    (w == *prefix || full.starts_with(&w) || w == "sept").then_some(*month)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Number,
    Punct(char),
}

/// A run of digits, of letters, or one other character (white space is
/// skipped), with its byte offsets in the text. The PDF reader finds dates
/// in documents on the same tokens (`certificate::dates`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token<'a> {
    pub kind: Kind,
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

pub(crate) fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let kind = if c.is_ascii_digit() {
            Kind::Number
        } else if c.is_alphabetic() {
            Kind::Word
        } else if c.is_whitespace() {
            continue;
        } else {
            out.push(Token {
                kind: Kind::Punct(c),
                text: &text[i..i + c.len_utf8()],
                start: i,
                end: i + c.len_utf8(),
            });
            continue;
        };
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = iter.peek() {
            let same = match kind {
                Kind::Number => d.is_ascii_digit(),
                _ => d.is_alphabetic(),
            };
            if !same {
                break;
            }
            end = j + d.len_utf8();
            iter.next();
        }
        out.push(Token {
            kind,
            text: &text[i..end],
            start: i,
            end,
        });
    }
    out
}

/// A run of `digits` digits, as a number.
pub(crate) fn number(t: &Token, digits: std::ops::RangeInclusive<usize>) -> Option<u32> {
    (t.kind == Kind::Number && digits.contains(&t.text.len()))
        .then(|| t.text.parse().ok())
        .flatten()
}

/// A year of four digits, from 1950 to 2200.
fn year(t: &Token) -> Option<u32> {
    number(t, 4..=4).filter(|y| (1950..=2200).contains(y))
}

fn make(year: u32, month: Month, day: u32) -> Option<Date> {
    let year = i32::try_from(year).ok()?;
    Date::from_calendar_date(year, month, u8::try_from(day).ok()?).ok()
}

/// What the tokens at a position look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// A date whose reading is certain; `Some('.')` or `None` says how it
    /// was written (a dotted numeric date, or ISO / a month's name).
    Certain(Date, Option<char>),
    /// Numbers `a sep b sep year` (separator `/`, `.` or `-`), the order of
    /// day and month not yet known.
    Numeric {
        a: u32,
        b: u32,
        year: u32,
        sep: char,
    },
    /// The shape of a date, but no such day (`31 April 2025`).
    NoSuchDay,
}

const ORDINALS: [&str; 4] = ["st", "nd", "rd", "th"];

/// The date written at token `i`, and the index of its last token.
pub(crate) fn recognise(t: &[Token], i: usize) -> Option<(Shape, usize)> {
    let at = |k: usize| t.get(i + k);
    let punct = |k: usize, c: char| at(k).is_some_and(|x| x.kind == Kind::Punct(c));
    let real = |d: Option<Date>| d.map_or(Shape::NoSuchDay, |d| Shape::Certain(d, None));
    // 2024-05-14
    if let (Some(y), true, Some(m), true, Some(d)) = (
        at(0).and_then(year),
        punct(1, '-'),
        at(2).and_then(|x| number(x, 1..=2)),
        punct(3, '-'),
        at(4).and_then(|x| number(x, 1..=2)),
    ) {
        let date = Month::try_from(u8::try_from(m).ok()?)
            .ok()
            .and_then(|m| make(y, m, d));
        return Some((real(date), i + 4));
    }
    // 14.05.2024, 14/05/2024, 14-05-2024
    for sep in ['.', '/', '-'] {
        if let (Some(a), true, Some(b), true, Some(year)) = (
            at(0).and_then(|x| number(x, 1..=2)),
            punct(1, sep),
            at(2).and_then(|x| number(x, 1..=2)),
            punct(3, sep),
            at(4).and_then(year),
        ) {
            return Some((Shape::Numeric { a, b, year, sep }, i + 4));
        }
    }
    let first = at(0)?;
    let ordinal =
        |k: usize| at(k).is_some_and(|x| x.kind == Kind::Word && ORDINALS.contains(&x.text));
    // 14 May 2024 / 14th May 2024 / 14 May, 2024
    if let Some(d) = number(first, 1..=2) {
        let mut k = 1 + usize::from(ordinal(1));
        if let Some(m) = at(k)
            .filter(|x| x.kind == Kind::Word)
            .and_then(|x| month_named(x.text))
        {
            k += 1 + usize::from(punct(k + 1, '.'));
            k += usize::from(punct(k, ','));
            if let Some(y) = at(k).and_then(year) {
                return Some((real(make(y, m, d)), i + k));
            }
        }
    }
    // May 14, 2024 / May 14th, 2024 / Dec. 1, 2025
    if first.kind == Kind::Word {
        let m = month_named(first.text)?;
        let mut k = 1 + usize::from(punct(1, '.'));
        let d = at(k).and_then(|x| number(x, 1..=2))?;
        k += 1;
        k += usize::from(ordinal(k));
        k += usize::from(punct(k, ','));
        let y = at(k).and_then(year)?;
        return Some((real(make(y, m, d)), i + k));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::UserError;
    use time::macros::date;
    use DayMonthOrder::{DayFirst, MonthFirst};

    fn read(s: &str, order: DayMonthOrder) -> Date {
        parse_date_input(s, order)
            .unwrap_or_else(|e| panic!("{s}: {e}"))
            .unwrap_or_else(|| panic!("{s}: blank"))
            .date
    }

    #[test]
    fn every_form_people_write() {
        let d = date!(2025 - 11 - 20);
        for s in [
            "2025-11-20",
            " 2025-11-20 ",
            "20 November 2025",
            "20 Nov 2025",
            "20 nov. 2025",
            "20th November 2025",
            "20 November, 2025",
            "November 20, 2025",
            "November 20 2025",
            "Nov. 20, 2025",
            "november 20th, 2025",
            "20/11/2025",
            "20.11.2025",
            "20-11-2025",
            "20.11.2025.",
            "20 November 2025.",
        ] {
            assert_eq!(read(s, MonthFirst), d, "{s}");
            assert_eq!(read(s, DayFirst), d, "{s}");
        }
        assert_eq!(read("12 April 2023", DayFirst), date!(2023 - 04 - 12));
        assert_eq!(read("April 12, 2023", DayFirst), date!(2023 - 04 - 12));
        assert_eq!(read("25th October 2025", DayFirst), date!(2025 - 10 - 25));
        assert_eq!(read("1 Sept 2024", DayFirst), date!(2024 - 09 - 01));
        assert_eq!(parse_date_input("   ", DayFirst), Ok(None));
    }

    #[test]
    fn ambiguous_numeric_dates_follow_the_setting_and_say_so() {
        for s in ["04/05/2024", "04.05.2024", "04-05-2024"] {
            let day = parse_date_input(s, DayFirst).unwrap().unwrap();
            assert_eq!(day.date, date!(2024 - 05 - 04), "{s}");
            assert_eq!(day.order_used, Some(DayFirst));
            let month = parse_date_input(s, MonthFirst).unwrap().unwrap();
            assert_eq!(month.date, date!(2024 - 04 - 05), "{s}");
            assert_eq!(month.order_used, Some(MonthFirst));
        }
        // A number above 12 settles it, whatever the setting.
        for order in [DayFirst, MonthFirst] {
            let r = parse_date_input("20/11/2025", order).unwrap().unwrap();
            assert_eq!((r.date, r.order_used), (date!(2025 - 11 - 20), None));
            let r = parse_date_input("11/20/2025", order).unwrap().unwrap();
            assert_eq!((r.date, r.order_used), (date!(2025 - 11 - 20), None));
            // The same number twice is one day either way.
            let r = parse_date_input("06/06/2024", order).unwrap().unwrap();
            assert_eq!((r.date, r.order_used), (date!(2024 - 06 - 06), None));
        }
    }

    #[test]
    fn not_dates_say_why_without_panicking() {
        for s in [
            "soon",
            "20/11/25",
            "2025",
            "November 2025",
            "20 Novembre 2025",
            "20/11/2025 and more",
            "ISO/IEC 27001:2022",
            "1 May 1066",
            "２０２５-11-20",
        ] {
            let e = parse_date_input(s, DayFirst).unwrap_err();
            assert!(matches!(e, DateError::Unreadable(_)), "{s}: {e:?}");
            crate::error::check_style(&e).unwrap();
        }
        for s in [
            "31 April 2025",
            "2025-02-29",
            "30/02/2025",
            "13/13/2025",
            "April 31, 2025",
        ] {
            let e = parse_date_input(s, DayFirst).unwrap_err();
            assert!(matches!(e, DateError::NoSuchDay(_)), "{s}: {e:?}");
            assert!(e.sentence().contains("not a day on the calendar"), "{s}");
        }
        let long = "9".repeat(5000);
        assert!(
            parse_date_input(&long, DayFirst)
                .unwrap_err()
                .message()
                .len()
                < 200
        );
    }

    #[test]
    fn dates_in_words() {
        assert_eq!(human_date(date!(2025 - 11 - 20)), "20 November 2025");
        assert_eq!(human_date(date!(2024 - 02 - 01)), "1 February 2024");
    }
}
