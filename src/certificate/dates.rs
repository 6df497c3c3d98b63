//! Dates as certificates print them: `2024-05-14`, `14 May 2024`,
//! `May 14, 2024`, `25th October 2025`, `14.05.2024`, `14/05/2024` (and
//! `05/14/2024`), `14-05-2024`, and the month's name in Spanish, French,
//! German, Italian, Portuguese and Turkish (`22 de octubre de 2024`,
//! `1er octobre 2024`, `22. Oktober 2024`, `22 Ekim 2024`).
//!
//! Numeric dates with a slash, a dash or a dot do not say whether the day or the
//! month comes first. The order is inferred from the document itself: a date
//! whose first number is above 12 fixes day-month, one whose second number is
//! above 12 fixes month-day. Dots are read day-month (no certificate writes
//! `05.14.2024`). Without any such evidence, slashes are read day-month (the
//! common order on certificates outside the US) and every such date whose
//! numbers are both 12 or less is flagged `ambiguous`, for the user to check.

use crate::domain::date_text::{number, tokens, Kind, Token};
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

/// Month names in the languages certificates are printed in (English,
/// Spanish, French, German, Italian, Portuguese, Turkish), accents folded.
/// A word names a month when it is one of these or a prefix of at least
/// three letters that only one month's names start with ("sept", "janv",
/// "okt"; not "jui", which is both juin and juillet).
const MONTH_NAMES: [(Month, &[&str]); 12] = [
    (
        Month::January,
        &[
            "january", "enero", "janvier", "januar", "janner", "gennaio", "janeiro", "ocak",
        ],
    ),
    (
        Month::February,
        &[
            "february",
            "febrero",
            "fevrier",
            "februar",
            "febbraio",
            "fevereiro",
            "subat",
        ],
    ),
    (
        Month::March,
        &["march", "marzo", "mars", "marz", "mrz", "marco", "mart"],
    ),
    (
        Month::April,
        &["april", "abril", "avril", "aprile", "nisan"],
    ),
    (
        Month::May,
        &["may", "mayo", "mai", "maggio", "maio", "mayis"],
    ),
    (
        Month::June,
        &[
            "june", "junio", "juin", "juni", "giugno", "junho", "haziran",
        ],
    ),
    (
        Month::July,
        &[
            "july", "julio", "juillet", "juli", "luglio", "julho", "temmuz",
        ],
    ),
    (Month::August, &["august", "agosto", "aout", "agustos"]),
    (
        Month::September,
        &[
            "september",
            "septiembre",
            "setiembre",
            "septembre",
            "settembre",
            "setembro",
            "eylul",
        ],
    ),
    (
        Month::October,
        &[
            "october", "octubre", "octobre", "oktober", "ottobre", "outubro", "ekim",
        ],
    ),
    (
        Month::November,
        &["november", "noviembre", "novembre", "novembro", "kasim"],
    ),
    (
        Month::December,
        &[
            "december",
            "diciembre",
            "decembre",
            "dezember",
            "dicembre",
            "dezembro",
            "aralik",
        ],
    ),
];

/// Lower case without accents (and Turkish dotless i), for matching names.
pub fn fold(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'ı' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            'ş' => 's',
            'ğ' => 'g',
            c => c,
        })
        .collect()
}

/// A month's name or an abbreviation of it, in any of the languages above.
fn month_named(word: &str) -> Option<Month> {
    let w = fold(word.trim_end_matches('.'));
    if w.chars().count() < 3 || !w.chars().all(char::is_alphabetic) {
        return None;
    }
    let mut found: Option<Month> = None;
    for (month, names) in MONTH_NAMES {
        if names.iter().any(|n| n.starts_with(w.as_str())) {
            if found.is_some_and(|m| m != month) {
                return None;
            }
            found = Some(month);
        }
    }
    found
}

/// Ordinal endings after a day: 1st, 2nd, 1er, 1º, 1ª, 1°.
fn is_ordinal(t: &Token) -> bool {
    (t.kind == Kind::Word && ["st", "nd", "rd", "th", "er", "re", "º", "ª"].contains(&t.text))
        || t.kind == Kind::Punct('°')
}

/// "de", "del" between the parts of a Spanish or Portuguese date.
fn is_connector(t: &Token) -> bool {
    t.kind == Kind::Word && ["de", "del"].contains(&t.text.to_lowercase().as_str())
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
        // 2024-05-14, 2024.05.14, 2024/05/14: year first, never ambiguous.
        let year_first = ['-', '.', '/'].into_iter().find_map(|sep| {
            let (y, true, m, true, d) = (
                at(0).and_then(|x| number(x, 4..=4))?,
                punct(1, sep),
                at(2).and_then(|x| number(x, 1..=2))?,
                punct(3, sep),
                at(4).and_then(|x| number(x, 1..=2))?,
            ) else {
                return None;
            };
            Month::try_from(u8::try_from(m).ok()?)
                .ok()
                .and_then(|m| make(y, m, d))
        });
        if let Some(date) = year_first {
            let (s, e) = (t[i].start, t[i + 4].end);
            found.push(known(text, date, s, e, DayMonthOrder::NotApplicable));
            i += 5;
            continue;
        }
        // 14.05.2024 (day first), and 14/05/2024 or 14-05-2024 (order
        // from the document).
        let mut numeric = false;
        for sep in ['.', '/', '-'] {
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
                numeric = true;
                break;
            }
        }
        if numeric {
            i += 5;
            continue;
        }
        // 14 May 2024, 14th May 2024, 14. Mai 2024, 1er octobre 2024,
        // 22 de octubre de 2024; May 14, 2024, May 14th, 2024, Dec. 1, 2025.
        if let Some(first) = at(0) {
            let day_first = number(first, 1..=2).and_then(|d| {
                let mut k = 1;
                if at(k).is_some_and(is_ordinal) {
                    k += 1;
                }
                if punct(k, '.') {
                    k += 1;
                }
                if at(k).is_some_and(is_connector) {
                    k += 1;
                }
                let m = at(k)
                    .filter(|x| x.kind == Kind::Word)
                    .and_then(|x| month_named(x.text))?;
                k += 1;
                if punct(k, ',') || punct(k, '.') {
                    k += 1;
                }
                if at(k).is_some_and(is_connector) {
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
                    if at(k).is_some_and(is_ordinal) {
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
    fn other_languages_ordinals_and_separators() {
        for (text, d) in [
            (
                "Fecha de emisión: 22 de octubre de 2024",
                date!(2024 - 10 - 22),
            ),
            ("Date d'émission : 1er octobre 2024", date!(2024 - 10 - 01)),
            ("Ausstellungsdatum: 22. Oktober 2024", date!(2024 - 10 - 22)),
            ("Data di emissione: 22 ottobre 2024", date!(2024 - 10 - 22)),
            (
                "Data de emissão: 22 de outubro de 2024",
                date!(2024 - 10 - 22),
            ),
            ("Yayın tarihi: 22 Ekim 2024", date!(2024 - 10 - 22)),
            ("Geçerlilik: 6 Şubat 2027", date!(2027 - 02 - 06)),
            ("Gültig bis 3. März 2027", date!(2027 - 03 - 03)),
            (
                "Date of Certification: 25th October 2025",
                date!(2025 - 10 - 25),
            ),
            ("valid until 06.06.2028.", date!(2028 - 06 - 06)),
            (
                "expires on: 12-03-2027 (issued 13-03-2024)",
                date!(2027 - 03 - 12),
            ),
            ("Fecha: 2024.10.22", date!(2024 - 10 - 22)),
            ("1º de janeiro de 2025", date!(2025 - 01 - 01)),
        ] {
            let found = find_dates(text);
            assert_eq!(found.first().map(|f| f.date), Some(d), "{text}");
        }
        // 13-03-2024 proves day-month for the other dashed date.
        assert_eq!(
            dates("13-03-2024 to 12-03-2027"),
            vec![
                (date!(2024 - 03 - 13), false),
                (date!(2027 - 03 - 12), false)
            ]
        );
        // "jui" is both juin and juillet: not a month.
        assert_eq!(dates("3 jui 2024"), vec![]);
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
