//! Fields from text recognised on page images (OCR, tesseract.js in the
//! browser): the recognised words, with their boxes in pixels, become text
//! runs on a page, and from there the same reading order and field
//! recognition as a PDF's text. Every value read this way says so: a
//! recognised character can be wrong.

use super::layout::{order_runs, TextRun};
use super::pdf::{Extracted, PageText};
use super::{read_fields, Outcome};
use crate::error::UserError;
use serde::Deserialize;

/// A word recognised on a page image; the box is the word's line's
/// height, so words of one line share a baseline.
#[derive(Debug, Clone, Deserialize)]
pub struct RecognisedWord {
    pub page: u32,
    pub text: String,
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

/// Words recognised per page, capped.
const MAX_WORDS: usize = 20_000;

/// Why recognised text gave nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OcrError {
    /// The recogniser's answer could not be read.
    Unreadable,
    NoText,
}

impl std::fmt::Display for OcrError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.sentence())
    }
}

impl std::error::Error for OcrError {}

impl UserError for OcrError {
    fn message(&self) -> String {
        match self {
            OcrError::Unreadable => {
                "the text recognition gave an answer the reader could not use".into()
            }
            OcrError::NoText => "no text could be recognised on the page images".into(),
        }
    }

    fn help(&self) -> Option<String> {
        Some("Type the fields in from the certificate.".into())
    }
}

/// The note every value read by OCR carries.
pub const OCR_NOTE: &str =
    "read by text recognition from the page image: check every character against the PDF";

/// Reads the fields from recognised words.
pub fn read_recognised(words: &[RecognisedWord]) -> Result<super::Reading, OcrError> {
    // Specks: a word of punctuation only, inside the box of another line
    // (a dash under a title's colon), read as noise, not text.
    let speck = |w: &RecognisedWord| {
        !w.text.chars().any(char::is_alphanumeric)
            && words.iter().any(|o| {
                o.page == w.page
                    && (o.y0, o.y1) != (w.y0, w.y1)
                    && o.y0 <= w.y0
                    && w.y1 <= o.y1
                    && o.x0 <= w.x1
                    && w.x0 <= o.x1 + (o.y1 - o.y0)
            })
    };
    let mut pages: Vec<PageText> = Vec::new();
    let mut numbers: Vec<u32> = words.iter().map(|w| w.page).collect();
    numbers.sort_unstable();
    numbers.dedup();
    for n in numbers.into_iter().take(super::pdf::MAX_OCR_PAGES) {
        let runs: Vec<TextRun> = words
            .iter()
            .filter(|w| w.page == n && !speck(w))
            .filter(|w| {
                [w.x0, w.y0, w.x1, w.y1]
                    .iter()
                    .all(|v| v.is_finite() && v.abs() < 1e6)
                    && w.x1 > w.x0
                    && w.y1 > w.y0
                    && !w.text.trim().is_empty()
            })
            .take(MAX_WORDS)
            .map(|w| {
                let h = w.y1 - w.y0;
                TextRun {
                    x: w.x0,
                    // Pixels count down from the top; PDF units count up.
                    y: -w.y1 + 0.2 * h,
                    width: w.x1 - w.x0,
                    size: 0.8 * h,
                    text: w
                        .text
                        .chars()
                        .filter(|c| !c.is_control())
                        .take(200)
                        .collect(),
                }
            })
            .collect();
        pages.push(PageText {
            number: n,
            lines: order_runs(runs),
        });
    }
    if pages.iter().all(|p| p.lines.is_empty()) {
        return Err(OcrError::NoText);
    }
    let mut r = read_fields(&Extracted {
        pages,
        notes: vec!["The text was recognised from the page images, in this tab (OCR): every value read this way can have a wrong character.".into()],
    });
    r.ocr = true;
    for f in &mut r.fields {
        f.note = Some(match f.note.take() {
            Some(n) => format!("{OCR_NOTE}; {n}"),
            None => OCR_NOTE.into(),
        });
    }
    if let Some(s) = r.soc2.as_mut() {
        for f in &mut s.fields {
            f.note = Some(match f.note.take() {
                Some(n) => format!("{OCR_NOTE}; {n}"),
                None => OCR_NOTE.into(),
            });
        }
    }
    Ok(r)
}

/// Reads recognised words given as JSON into the worker's answer, as JSON.
pub fn read_recognised_json(json: &str) -> String {
    let outcome = match serde_json::from_str::<Vec<RecognisedWord>>(json) {
        Err(_) => Err(OcrError::Unreadable),
        Ok(words) => read_recognised(&words),
    };
    let outcome = match outcome {
        Ok(r) => Outcome::Read(r),
        Err(e) => Outcome::Refused {
            kind: "ocr".into(),
            message: e.sentence(),
        },
    };
    serde_json::to_string(&outcome).unwrap_or_else(|_| {
        r#"{"refused":{"kind":"internal","message":"The reader could not write its answer."}}"#
            .into()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::certificate::Field;

    fn word(x0: f64, line_top: f64, text: &str) -> RecognisedWord {
        RecognisedWord {
            page: 1,
            text: text.into(),
            x0,
            y0: line_top,
            x1: x0 + 12.0 * text.len() as f64,
            y1: line_top + 30.0,
        }
    }

    fn line(y: f64, words: &[&str]) -> Vec<RecognisedWord> {
        let mut x = 100.0;
        words
            .iter()
            .map(|w| {
                let r = word(x, y, w);
                x = r.x1 + 12.0;
                r
            })
            .collect()
    }

    #[test]
    fn recognised_words_read_like_a_pdf_and_say_so() {
        let mut words = line(200.0, &["ISO", "27001", ":", "2022"]);
        // A speck inside the title's box is noise.
        words.push(RecognisedWord {
            page: 1,
            text: "-".into(),
            x0: words[2].x0 + 1.0,
            y0: 215.0,
            x1: words[2].x1,
            y1: 226.0,
        });
        words.extend(line(400.0, &["Registration", "Date", ":", "07.07.2025"]));
        words.extend(line(450.0, &["Expiry", "Date", ":", "06.07.2026"]));
        let r = read_recognised(&words).unwrap();
        assert!(r.ocr);
        assert_eq!(r.get(Field::IssueDate).unwrap().value, "2025-07-07");
        assert_eq!(r.get(Field::ExpiryDate).unwrap().value, "2026-07-06");
        assert_eq!(r.get(Field::Standard).unwrap().value, "27001:2022");
        assert!(r
            .fields
            .iter()
            .all(|f| f.note.as_deref().unwrap().starts_with(OCR_NOTE)));
        let json = read_recognised_json(
            &serde_json::to_string(&serde_json::json!([
                {"page": 1, "text": "x", "x0": 1, "y0": 1, "x1": 0, "y1": 2}
            ]))
            .unwrap(),
        );
        assert!(json.contains(r#""kind":"ocr""#), "{json}");
        assert!(read_recognised_json("not json").contains("refused"));
        crate::error::check_style(&OcrError::NoText).unwrap();
        crate::error::check_style(&OcrError::Unreadable).unwrap();
    }
}
