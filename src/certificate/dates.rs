//! Dates as certificates print them: `2024-05-14`, `14 May 2024`,
//! `May 14, 2024`, `14.05.2024`, `14/05/2024` (and `05/14/2024`).
//!
//! Numeric dates with a slash or a dot do not say whether the day or the
//! month comes first. The order is inferred from the document itself: a date
//! whose first number is above 12 fixes day-month, one whose second number is
//! above 12 fixes month-day. Dots are read day-month (no certificate writes
//! `05.14.2024`). Without any such evidence, slashes are read day-month (the
//! common order on certificates outside the US) and every such date whose
//! numbers are both 12 or less is flagged `ambiguous`, for the user to check.

use time::{Date, Month};

/// How a numeric date with slashes was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayMonthOrder {
    /// Not a slashed date (ISO, dotted, or with the month's name).
    NotApplicable,
    DayFirst,
    MonthFirst,
}

/// A date found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    pub date: Date,
    /// The text it was read from.
    pub raw: String,
    /// Byte offsets of `raw` in the text.
    pub start: usize,
    pub end: usize,
    pub order: DayMonthOrder,
    /// True when the day and month could have been the other way round and
    /// nothing in the document says which.
    pub ambiguous: bool,
}

const MONTHS: [(&str, Month); 12] = [
    ("jan", Month::January),
    ("feb", Month::February),
    ("mar", Month::March),
    ("apr", Month::April),
    ("may", Month::May),
    ("jun", Month::June),
    ("jul", Month::July),
    ("aug", Month::August),
    ("sep", Month::September),
    ("oct", Month::October),
    ("nov", Month::November),
    ("dec", Month::December),
];

/// A month's name or its three-letter abbreviation ("Sept" too).
fn month_named(word: &str) -> Option<Month> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    let (prefix, month) = MONTHS.iter().find(|(p, _)| w.starts_with(p))?;
    let full = match month {
        Month::January => "january",
        Month::February => "february",
        Month::March => "march",
        Month::April => "april",
        Month::May => "may",
        Month::June => "june",
        Month::July => "july",
        Month::August => "august",
        Month::September => "september",
        Month::October => "october",
        Month::November => "november",
        Month::December => "december",
    };
    (w == *prefix || full.starts_with(&w) || w == "sept").then_some(*month)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    Number,
    Punct(char),
}

#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    kind: Kind,
    text: &'a str,
    start: usize,
    end: usize,
}

fn tokens(text: &str) -> Vec<Token<'_>> {
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

fn number(t: &Token, digits: std::ops::RangeInclusive<usize>) -> Option<u32> {
    (t.kind == Kind::Number && digits.contains(&t.text.len()))
        .then(|| t.text.parse().ok())
        .flatten()
}

fn make(year: u32, month: Month, day: u32) -> Option<Date> {
    let year = i32::try_from(year).ok()?;
    if !(1950..=2200).contains(&year) {
        return None;
    }
    Date::from_calendar_date(year, month, u8::try_from(day).ok()?).ok()
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

/// A date whose reading is certain, found at `start..end` of `text`.
fn known(text: &str, date: Date, start: usize, end: usize, order: DayMonthOrder) -> Candidate {
    Candidate::Known(FoundDate {
        date,
        raw: text.get(start..end).unwrap_or_default().to_string(),
        start,
        end,
        order,
        ambiguous: false,
    })
}

/// Every date in `text`, in order.
pub fn find_dates(text: &str) -> Vec<FoundDate> {
    let t = tokens(text);
    let mut found: Vec<Candidate> = Vec::new();
    let raw = |s: usize, e: usize| text.get(s..e).unwrap_or_default().to_string();
    let mut i = 0;
    while i < t.len() {
        let (base, tt) = (i, &t);
        let at = move |k: usize| tt.get(base + k);
        let punct = move |k: usize, c: char| at(k).is_some_and(|x| x.kind == Kind::Punct(c));
        // 2024-05-14
        if let (Some(y), true, Some(m), true, Some(d)) = (
            at(0).and_then(|x| number(x, 4..=4)),
            punct(1, '-'),
            at(2).and_then(|x| number(x, 1..=2)),
            punct(3, '-'),
            at(4).and_then(|x| number(x, 1..=2)),
        ) {
            if let Some(date) = Month::try_from(m as u8).ok().and_then(|m| make(y, m, d)) {
                let (s, e) = (t[i].start, t[i + 4].end);
                found.push(known(text, date, s, e, DayMonthOrder::NotApplicable));
                i += 5;
                continue;
            }
        }
        // 14.05.2024 and 14/05/2024
        for sep in ['.', '/'] {
            if let (Some(a), true, Some(b), true, Some(y)) = (
                at(0).and_then(|x| number(x, 1..=2)),
                punct(1, sep),
                at(2).and_then(|x| number(x, 1..=2)),
                punct(3, sep),
                at(4).and_then(|x| number(x, 4..=4)),
            ) {
                let (s, e) = (t[i].start, t[i + 4].end);
                if sep == '.' {
                    if let Some(date) = Month::try_from(b as u8).ok().and_then(|m| make(y, m, a)) {
                        found.push(known(text, date, s, e, DayMonthOrder::DayFirst));
                    }
                } else {
                    found.push(Candidate::Slashed(Slashed {
                        a,
                        b,
                        year: y,
                        start: s,
                        end: e,
                    }));
                }
                i += 4;
                break;
            }
        }
        // 14 May 2024 / 14th May 2024 / May 14, 2024 / May 14th, 2024
        if let Some(first) = at(0) {
            let day_first = number(first, 1..=2).and_then(|d| {
                let mut k = 1;
                if at(k).is_some_and(|x| {
                    x.kind == Kind::Word && ["st", "nd", "rd", "th"].contains(&x.text)
                }) {
                    k += 1;
                }
                let m = at(k)
                    .filter(|x| x.kind == Kind::Word)
                    .and_then(|x| month_named(x.text))?;
                k += 1;
                if punct(k, ',') {
                    k += 1;
                }
                let y = at(k).and_then(|x| number(x, 4..=4))?;
                Some((make(y, m, d)?, k))
            });
            let month_first = (first.kind == Kind::Word)
                .then(|| month_named(first.text))
                .flatten()
                .and_then(|m| {
                    let mut k = 1;
                    if punct(k, '.') {
                        k += 1; // "Dec. 1, 2025"
                    }
                    let d = at(k).and_then(|x| number(x, 1..=2))?;
                    k += 1;
                    if at(k).is_some_and(|x| {
                        x.kind == Kind::Word && ["st", "nd", "rd", "th"].contains(&x.text)
                    }) {
                        k += 1;
                    }
                    if punct(k, ',') {
                        k += 1;
                    }
                    let y = at(k).and_then(|x| number(x, 4..=4))?;
                    Some((make(y, m, d)?, k))
                });
            if let Some((date, k)) = day_first.or(month_first) {
                let (s, e) = (t[i].start, t[i + k].end);
                found.push(known(text, date, s, e, DayMonthOrder::NotApplicable));
                i += k + 1;
                continue;
            }
        }
        i += 1;
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
                let (day, month) = match order {
                    DayMonthOrder::MonthFirst => (s.b, s.a),
                    _ => (s.a, s.b),
                };
                let date = Month::try_from(u8::try_from(month).ok()?)
                    .ok()
                    .and_then(|m| make(s.year, m, day))?;
                Some(FoundDate {
                    date,
                    raw: raw(s.start, s.end),
                    start: s.start,
                    end: s.end,
                    order,
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
        assert_eq!(f.order, DayMonthOrder::DayFirst);
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
