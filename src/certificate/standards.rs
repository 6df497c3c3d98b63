//! The standards a certificate names: `ISO/IEC 27001:2022`, `ISO 27001:2013`,
//! `ISO/IEC 27017:2015`, `ISO/IEC 42001:2023`, `ISO/IEC 27701:2019`, in
//! running text, with or without the edition, with the spacing and dashes
//! that PDF text extraction leaves (`ISO / IEC 27001 : 2022`,
//! `ISO/IEC 27001‑2022`).

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
}

/// Every ISO/IEC management-system standard Scopewise knows, in order of
/// appearance. A bare number (`27001`) counts only after "ISO".
pub fn find_standards(text: &str) -> Vec<FoundStandard> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 3 <= bytes.len() {
        if !bytes[i..i + 3].eq_ignore_ascii_case(b"iso")
            || (i > 0 && bytes[i - 1].is_ascii_alphanumeric())
        {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i + 3;
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
        out.push(FoundStandard {
            standard,
            edition,
            raw: text.get(start..end).unwrap_or_default().to_string(),
            start,
            end,
        });
        i = end;
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
