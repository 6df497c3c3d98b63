//! Reading a certificate: its text (from a PDF, in the tab), the dates and
//! the standards it names in the forms certificates print them, and the
//! fields of an evidence record. Pure Rust; nothing here guesses silently:
//! an ambiguous day-month order is flagged, and what is not found is listed
//! as missing, not made up.

mod dates;
mod fields;
mod glyphs;
mod kind;
mod labels;
mod layout;
mod ocr;
mod pdf;
mod prefill;
mod soc2;
mod standards;
mod unzip;

pub use dates::{find_dates, fold as fold_text, DayMonthOrder, FoundDate};
pub use fields::{read_fields, AlsoNamed, Field, FieldReading, Reading};
pub use kind::{classify, DocumentKind, NotJudged, SOC2_CERTIFICATE_NOTE};
pub use layout::{order_runs, Line, TextRun};
pub use ocr::{read_recognised, read_recognised_json, OcrError, RecognisedWord, OCR_NOTE};
pub use pdf::{
    extract_text, page_images, Extracted, PageImage, PageText, PdfError, MAX_FILE_BYTES,
    MAX_OCR_PAGES, MAX_PAGES,
};
pub use prefill::{
    build_record, read_outcome, read_outcome_json, Confirmed, ConfirmedField, Outcome, Rejected,
};
pub use soc2::{Signer, Soc2Field, Soc2Reading, SubserviceReading};
pub use standards::{find_other_standards, find_standards, FoundStandard, OtherStandard};
pub use unzip::{
    looks_like_zip, pdfs_in_zip, Unpacked, ZipContents, ZipError, MAX_PDFS_IN_ZIP, MAX_ZIP_BYTES,
};

/// Reads a certificate PDF's fields: what the web worker calls on a dropped
/// file. The bytes are only read, never kept.
pub fn read_certificate_pdf(bytes: &[u8]) -> Result<Reading, PdfError> {
    let text = extract_text(bytes)?;
    Ok(read_fields(&text))
}
#[cfg(all(test, not(target_arch = "wasm32")))]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any text: no panic, and every find points at its own text.
        #[test]
        fn finds_point_at_their_text(text in "(\\PC|[0-9/.,: -]|ISO/IEC 27001:2022|14 May 2024|0?[1-9]/1[0-2]/20[0-9]{2}){0,40}") {
            for f in find_dates(&text) {
                prop_assert_eq!(text.get(f.start..f.end), Some(f.raw.as_str()));
            }
            for f in find_standards(&text) {
                prop_assert_eq!(text.get(f.start..f.end), Some(f.raw.as_str()));
            }
        }
    }
}
