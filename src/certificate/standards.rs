//! The standards a certificate names: `ISO/IEC 27001:2022`, `ISO 27001:2013`,
//! `ISO/IEC 27017:2015`, `ISO/IEC 42001:2023`, `ISO/IEC 27701:2019`, in
//! running text, with or without the edition, with the spacing and dashes
//! that PDF text extraction leaves (`ISO / IEC 27001 : 2022`,
//! `ISO/IEC 27001‑2022`).
//!
//! European and national adoptions (`EN ISO/IEC 27001:2023`, `UNE-EN …`,
//! `BS EN …`, `DIN EN …`, `NF EN …`, `TS EN ISO/IEC 27001:2017`) print the
//! year of the adoption, not of the ISO edition: they are read as the ISO
//! edition they adopt (EN ISO/IEC 27001:2017 adopts ISO/IEC 27001:2013;
//! EN ISO/IEC 27001:2023 adopts ISO/IEC 27001:2022), and the printed text
//! is kept. An adoption year this table does not know leaves the edition
//! empty rather than guessed.

use crate::domain::Standard;

/// A standard named in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundStandard {
    pub standard: Standard,
    /// The edition year, when written.
    pub edition: Option<u16>,
    pub raw: String,
    pub start: usize,
    pub end: usize,
    /// The European or national adoption as printed (`UNE-EN ISO/IEC
    /// 27001:2023`), when the standard is named through one; `edition` is
    /// then the ISO edition it adopts.
    pub adoption: Option<String>,
}

/// (standard, year an EN adoption prints, ISO edition it adopts). Sources:
/// the CEN catalogue entries of EN ISO/IEC 27001:2017 (identical to
/// ISO/IEC 27001:2013), EN ISO/IEC 27001:2023 (identical to ISO/IEC
/// 27001:2022; national editions such as DIN EN ISO/IEC 27001:2024-01 carry
/// their own later year), EN ISO/IEC 27701:2021 (ISO/IEC 27701:2019) and EN
/// ISO/IEC 42001:2023 (ISO/IEC 42001:2023).
const ADOPTIONS: &[(Standard, u16, u16)] = &[
    (Standard::Iso27001, 2017, 2013),
    (Standard::Iso27001, 2023, 2022),
    (Standard::Iso27001, 2024, 2022),
    (Standard::Iso27701, 2021, 2019),
    (Standard::Iso42001, 2023, 2023),
    (Standard::Iso42001, 2024, 2023),
];

/// The adoption prefix right before `start` ("EN ", "UNE-EN ", "BS EN ",
/// "TS EN "), as (start of the prefix, its text).
fn adoption_prefix(text: &str, start: usize) -> Option<usize> {
    let before = text.get(..start)?.trim_end();
    let upper = before.to_ascii_uppercase();
    if !upper.ends_with("EN") {
        return None;
    }
    let en_at = before.len() - 2;
    // "EN" must be a word of its own ("UNE-EN", "BS EN", not "OPEN").
    let lead = before.get(..en_at)?;
    if lead
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric())
    {
        return None;
    }
    // A national prefix: one short upper-case word joined by a dash or a
    // space ("UNE-", "BS ", "DIN ", "NF ", "TS ", "SS-", "PN-").
    let lead_trim = lead.trim_end_matches(['-', ' ']);
    let word_start = lead_trim
        .rfind(|c: char| !c.is_alphanumeric() && c != '.')
        .map_or(0, |p| p + 1);
    let word = lead_trim.get(word_start..).unwrap_or_default();
    if lead_trim.len() < lead.len()
        && (2..=5).contains(&word.chars().count())
        && word.chars().all(|c| c.is_ascii_uppercase() || c == '.')
    {
        return Some(word_start);
    }
    Some(en_at)
}
/// Where the number after "ISO" or "ISO/IEC" starts, when `i` is the start
/// of a word "ISO" (spaces and no-break spaces allowed around the slash).
fn after_iso(text: &str, i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    if i + 3 > bytes.len()
        || !bytes[i..i + 3].eq_ignore_ascii_case(b"iso")
        || (i > 0 && bytes[i - 1].is_ascii_alphanumeric())
    {
        return None;
    }
    let skip_space = |j: &mut usize| loop {
        let rest = text.get(*j..).unwrap_or_default();
        if rest.starts_with(' ') {
            *j += 1;
        } else if rest.starts_with('\u{a0}') {
            *j += '\u{a0}'.len_utf8();
        } else {
            break;
        }
    };
    let mut j = i + 3;
    skip_space(&mut j);
    // "/IEC" is optional.
    if j < bytes.len() && bytes[j] == b'/' {
        let mut k = j + 1;
        skip_space(&mut k);
        if k + 3 <= bytes.len() && bytes[k..k + 3].eq_ignore_ascii_case(b"iec") {
            j = k + 3;
            skip_space(&mut j);
        }
    }
    Some(j)
}

/// Every ISO/IEC management-system standard Scopewise knows, in order of
/// appearance. A bare number (`27001`) counts only after "ISO".
pub fn find_standards(text: &str) -> Vec<FoundStandard> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 3 <= bytes.len() {
        let Some(j) = after_iso(text, i) else {
            i += 1;
            continue;
        };
        let start = i;
        let skip_space = |j: &mut usize| {
            while let Some(rest) = text.get(*j..) {
                if rest.starts_with(' ') {
                    *j += 1;
                } else if rest.starts_with('\u{a0}') {
                    *j += '\u{a0}'.len_utf8();
                } else {
                    break;
                }
            }
        };
        let digits_at = |j: usize, n: usize| {
            j + n <= bytes.len()
                && bytes[j..j + n].iter().all(u8::is_ascii_digit)
                && (j + n == bytes.len() || !bytes[j + n].is_ascii_digit())
        };
        if !digits_at(j, 5) {
            i += 3;
            continue;
        }
        let number = text.get(j..j + 5).unwrap_or_default();
        let Some(standard) = Standard::from_iso_number(number) else {
            i = j + 5;
            continue;
        };
        let mut end = j + 5;
        // ":2022", " : 2022", "-2022", "‑2022" (non-breaking hyphen).
        let mut k = end;
        skip_space(&mut k);
        let rest = text.get(k..).unwrap_or_default();
        let sep_len = if rest.starts_with(':') || rest.starts_with('-') {
            1
        } else if rest.starts_with('\u{2011}') || rest.starts_with('\u{2013}') {
            3
        } else {
            0
        };
        let mut edition = None;
        if sep_len > 0 {
            let mut y = k + sep_len;
            skip_space(&mut y);
            if digits_at(y, 4) {
                edition = text.get(y..y + 4).and_then(|e| e.parse().ok());
                end = y + 4;
            }
        }
        let mut found = FoundStandard {
            standard,
            edition,
            raw: text.get(start..end).unwrap_or_default().to_string(),
            start,
            end,
            adoption: None,
        };
        if let Some(p) = adoption_prefix(text, start) {
            found.adoption = text.get(p..end).map(str::to_string);
            found.start = p;
            found.raw = found.adoption.clone().unwrap_or_default();
            found.edition = edition.and_then(|year| {
                ADOPTIONS
                    .iter()
                    .find(|(s, y, _)| *s == standard && *y == year)
                    .map(|a| a.2)
            });
        }
        out.push(found);
        i = end;
    }
    out
}

/// An ISO or ISO/IEC management-system standard that is not one Scopewise
/// judges (ISO 9001, ISO 14001, ISO/IEC 20000-1, …), as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherStandard {
    /// `9001`, `20000-1`.
    pub number: String,
    pub raw: String,
}

/// Standards about certifying and accrediting (ISO/IEC 17021-1, 17065,
/// 27006, 42006, ISO 19011): printed in a certificate's small print, never
/// what it certifies.
const CONFORMITY_ASSESSMENT: &[&str] = &[
    "17011", "17020", "17021", "17024", "17025", "17029", "17065", "19011", "27006", "42006",
    "27002",
];

/// The other ISO standards a text names, in order.
pub fn find_other_standards(text: &str) -> Vec<OtherStandard> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i + 3 <= bytes.len() {
        let Some(j) = after_iso(text, i) else {
            i += 1;
            continue;
        };
        let start = i;
        let rest = |j: usize| text.get(j..).unwrap_or_default();
        let digits = rest(j).bytes().take_while(u8::is_ascii_digit).count();
        if !(4..=5).contains(&digits) {
            i += 3;
            continue;
        }
        let mut end = j + digits;
        let mut number = text.get(j..end).unwrap_or_default().to_string();
        // "-1" part numbers.
        if rest(end).starts_with('-') {
            let part = rest(end + 1).bytes().take_while(u8::is_ascii_digit).count();
            if (1..=2).contains(&part) {
                number.push_str(text.get(end..end + 1 + part).unwrap_or_default());
                end += 1 + part;
            }
        }
        // ":2015"
        if rest(end).starts_with(':')
            && rest(end + 1).bytes().take(4).all(|b| b.is_ascii_digit())
            && rest(end + 1).len() >= 4
        {
            end += 5;
        }
        let base = number.split('-').next().unwrap_or_default();
        if Standard::from_iso_number(base).is_none() && !CONFORMITY_ASSESSMENT.contains(&base) {
            out.push(OtherStandard {
                number,
                raw: text.get(start..end).unwrap_or_default().to_string(),
            });
        }
        i = end.max(i + 3);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(Standard, Option<u16>)> {
        find_standards(text)
            .into_iter()
            .map(|f| (f.standard, f.edition))
            .collect()
    }

    #[test]
    fn the_forms_certificates_and_extraction_produce() {
        assert_eq!(
            found("conforms to ISO/IEC 27001:2022"),
            vec![(Standard::Iso27001, Some(2022))]
        );
        assert_eq!(
            found("ISO 27001:2013 and iso/iec 42001:2023"),
            vec![
                (Standard::Iso27001, Some(2013)),
                (Standard::Iso42001, Some(2023)),
            ]
        );
        assert_eq!(
            found("ISO / IEC 27701 : 2019"),
            vec![(Standard::Iso27701, Some(2019))]
        );
        assert_eq!(
            found("ISO/IEC 27017\u{2011}2015"),
            vec![(Standard::Iso27017, Some(2015))]
        );
        assert_eq!(
            found("ISO/IEC 27018 controls"),
            vec![(Standard::Iso27018, None)]
        );
        let f = &find_standards("The ISMS meets ISO/IEC 27001:2022.")[0];
        assert_eq!(f.raw, "ISO/IEC 27001:2022");
    }

    #[test]
    fn adoptions_read_as_the_iso_edition_they_adopt() {
        for (text, edition, adoption) in [
            (
                "UNE-EN ISO/IEC 27001:2023",
                Some(2022),
                "UNE-EN ISO/IEC 27001:2023",
            ),
            (
                "conforme a la norma EN ISO/IEC 27001:2023",
                Some(2022),
                "EN ISO/IEC 27001:2023",
            ),
            (
                "BS EN ISO/IEC 27001:2017",
                Some(2013),
                "BS EN ISO/IEC 27001:2017",
            ),
            (
                "TS EN ISO/IEC 27001:2017 standardına",
                Some(2013),
                "TS EN ISO/IEC 27001:2017",
            ),
            (
                "DIN EN ISO/IEC 27001:2024-01",
                Some(2022),
                "DIN EN ISO/IEC 27001:2024",
            ),
            ("EN ISO/IEC 27017:2021", None, "EN ISO/IEC 27017:2021"),
        ] {
            let f = &find_standards(text)[0];
            assert_eq!(f.edition, edition, "{text}");
            assert_eq!(f.adoption.as_deref(), Some(adoption), "{text}");
            assert_eq!(f.raw, adoption);
        }
        // Not an adoption: "OPEN ISO" is no prefix, plain ISO keeps its year.
        let f = &find_standards("OPEN ISO/IEC 27001:2013")[0];
        assert_eq!((f.edition, f.adoption.clone()), (Some(2013), None));
    }

    #[test]
    fn other_standards_are_named_but_not_judged() {
        let o = find_other_standards("ISO 9001:2015 and ISO/IEC 20000-1:2018, accredited to ISO/IEC 17021-1, ISO/IEC 27001:2022");
        let n: Vec<&str> = o.iter().map(|s| s.number.as_str()).collect();
        assert_eq!(n, ["9001", "20000-1"]);
        assert_eq!(o[0].raw, "ISO 9001:2015");
    }

    #[test]
    fn look_alikes_are_not_standards() {
        for text in [
            "ISO 9001:2015",
            "ISO/IEC 270011",
            "ISOLATION 27001",
            "27001:2022 alone",
            "ISO/IEC 27002:2022",
            "ISO",
        ] {
            assert_eq!(found(text), vec![], "{text}");
        }
    }

    #[test]
    fn any_text_is_safe() {
        for text in [
            "isoé",
            "ISO/",
            "ISO/IEC 2700",
            "ISO 27001:",
            "ISO 27001 ‑",
            "ISO\u{a0}27001",
        ] {
            let _ = find_standards(text);
        }
    }
}
