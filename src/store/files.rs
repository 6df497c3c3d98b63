//! Evaluation files brought in by the user: read whole first, imported all
//! or nothing, with the field path and position of the first problem.

use crate::domain::evaluation::{Evaluation, FormatError};
use crate::error::UserError;
use std::fmt;

/// The largest evaluation file Scopewise imports.
pub const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;

/// Why a file could not be imported. Nothing was imported in every case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// Larger than [`MAX_IMPORT_BYTES`] (its size in bytes).
    TooLarge(usize),
    /// Not UTF-8 text: the 1-based position of the first byte that is not.
    NotText(usize),
    /// Text, but not an evaluation this build reads: the reader's error,
    /// with the field path, line and column.
    Invalid(FormatError),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ImportError {}

impl UserError for ImportError {
    fn message(&self) -> String {
        match self {
            ImportError::TooLarge(n) => format!(
                "this file is {:.1} MB; an evaluation file is at most {} MB, so nothing was imported",
                *n as f64 / 1_048_576.0,
                MAX_IMPORT_BYTES / 1_048_576
            ),
            ImportError::NotText(at) => format!(
                "this file is not text (byte {at} is not UTF-8): it is not an evaluation file, so nothing was imported"
            ),
            ImportError::Invalid(e) => {
                format!("this file cannot be imported, so nothing was: {e}")
            }
        }
    }

    fn help(&self) -> Option<String> {
        match self {
            ImportError::TooLarge(_) | ImportError::NotText(_) => {
                Some("Check that you picked the file Scopewise exported.".into())
            }
            ImportError::Invalid(_) => None,
        }
    }
}

/// Reads an evaluation file for import: all of it or nothing, with the
/// field path and position of the first problem.
pub fn read_import(bytes: &[u8]) -> Result<Evaluation, ImportError> {
    let text = text_of(bytes, MAX_IMPORT_BYTES)?;
    Evaluation::from_json(text).map_err(ImportError::Invalid)
}

/// The text of a file the user picked: at most `max` bytes of UTF-8, a
/// byte order mark dropped.
pub(crate) fn text_of(bytes: &[u8], max: usize) -> Result<&str, ImportError> {
    if bytes.len() > max {
        return Err(ImportError::TooLarge(bytes.len()));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| ImportError::NotText(e.valid_up_to() + 1))
}
