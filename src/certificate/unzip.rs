//! The PDFs inside a ZIP a vendor hands out as an "evidence pack", read in
//! the tab with the `zip` crate. The ZIP is a stranger's: its size, the
//! number of entries looked at, each PDF's size (counted as it inflates,
//! never trusted from the header), the total inflated and the compression
//! ratio are all capped, so a ZIP bomb stops at a cap; names are reduced
//! to their last part (no folders, no "..") and anything not a PDF is
//! skipped, with a word for each.

use super::MAX_FILE_BYTES;
use crate::error::UserError;
use std::io::Read;

/// A ZIP larger than this is refused before it is opened.
pub const MAX_ZIP_BYTES: usize = 50 * 1024 * 1024;
/// Entries looked at.
const MAX_ENTRIES: usize = 500;
/// PDFs taken from one ZIP.
pub const MAX_PDFS_IN_ZIP: usize = 30;
/// Everything inflated from one ZIP.
const MAX_TOTAL_BYTES: usize = 100 * 1024 * 1024;
/// A PDF inflating more than this many times its packed size is a bomb
/// (PDFs are compressed already: real ones stay far below).
const MAX_RATIO: u64 = 100;

/// Why a ZIP was not opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZipError {
    NotZip,
    TooLarge { bytes: usize },
    Damaged(String),
    NoPdf { skipped: usize },
}

impl std::fmt::Display for ZipError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.sentence())
    }
}

impl std::error::Error for ZipError {}

impl UserError for ZipError {
    fn message(&self) -> String {
        match self {
            ZipError::NotZip => "this file is not a ZIP archive".into(),
            ZipError::TooLarge { bytes } => format!(
                "this ZIP is {:.1} MB; Scopewise opens ZIPs up to {} MB",
                *bytes as f64 / (1024.0 * 1024.0),
                MAX_ZIP_BYTES / (1024 * 1024)
            ),
            ZipError::Damaged(why) => format!("this ZIP could not be opened ({why})"),
            ZipError::NoPdf { skipped } => format!(
                "this ZIP holds no PDF Scopewise can read ({skipped} other entr{} skipped)",
                if *skipped == 1 { "y" } else { "ies" }
            ),
        }
    }

    fn help(&self) -> Option<String> {
        Some("Drop the certificate PDFs themselves.".into())
    }
}

/// A PDF taken out of a ZIP.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unpacked {
    /// The entry's file name, without its folders.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// What a ZIP gave: its PDFs, and a sentence per entry left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ZipContents {
    pub pdfs: Vec<Unpacked>,
    pub skipped: Vec<String>,
}

/// True when the bytes start like a ZIP archive.
pub fn looks_like_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// The last part of an entry's name, printable, at most 120 characters.
fn file_name(raw: &str) -> String {
    let last = raw
        .rsplit(['/', '\\'])
        .find(|p| !p.is_empty())
        .unwrap_or_default();
    last.chars()
        .filter(|c| !c.is_control())
        .take(120)
        .collect::<String>()
        .trim()
        .to_string()
}

/// The PDFs of a ZIP, within the caps.
pub fn pdfs_in_zip(bytes: &[u8]) -> Result<ZipContents, ZipError> {
    if bytes.len() > MAX_ZIP_BYTES {
        return Err(ZipError::TooLarge { bytes: bytes.len() });
    }
    if !looks_like_zip(bytes) {
        return Err(ZipError::NotZip);
    }
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| ZipError::Damaged(e.to_string().chars().take(100).collect()))?;
    let mut out = ZipContents::default();
    let mut total = 0usize;
    let entries = archive.len();
    if entries > MAX_ENTRIES {
        out.skipped.push(format!(
            "only the first {MAX_ENTRIES} of {entries} entries were looked at"
        ));
    }
    for i in 0..entries.min(MAX_ENTRIES) {
        let Ok(mut entry) = archive.by_index(i) else {
            out.skipped
                .push(format!("entry {} could not be read", i + 1));
            continue;
        };
        let Ok(raw) = entry.name().map(|n| n.to_string()) else {
            out.skipped
                .push(format!("entry {} has an unreadable name", i + 1));
            continue;
        };
        if entry.is_dir() {
            continue;
        }
        let name = file_name(&raw);
        if raw.starts_with("__MACOSX/") || name.starts_with('.') || name.is_empty() {
            continue;
        }
        if !name.to_ascii_lowercase().ends_with(".pdf") {
            out.skipped.push(format!("“{name}” is not a PDF"));
            continue;
        }
        if out.pdfs.len() >= MAX_PDFS_IN_ZIP {
            out.skipped.push(format!(
                "“{name}”: only the first {MAX_PDFS_IN_ZIP} PDFs of a ZIP are read"
            ));
            continue;
        }
        let packed = entry.compressed_size().max(1);
        let limit = MAX_FILE_BYTES.min(MAX_TOTAL_BYTES.saturating_sub(total));
        let mut data = Vec::new();
        // Counted as it inflates: the header's size is the sender's word.
        let read = (&mut entry).take(limit as u64 + 1).read_to_end(&mut data);
        if read.is_err() {
            out.skipped
                .push(format!("“{name}” is damaged or encrypted"));
            continue;
        }
        if data.len() > limit {
            out.skipped.push(format!(
                "“{name}” is larger than {} MB once unpacked",
                limit / (1024 * 1024)
            ));
            continue;
        }
        if data.len() as u64 > packed.saturating_mul(MAX_RATIO) {
            out.skipped.push(format!(
                "“{name}” inflates {} times its size, as a ZIP bomb does",
                data.len() as u64 / packed
            ));
            continue;
        }
        total += data.len();
        out.pdfs.push(Unpacked { name, bytes: data });
    }
    if out.pdfs.is_empty() {
        return Err(ZipError::NoPdf {
            skipped: out.skipped.len(),
        });
    }
    Ok(out)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(files: &[(&str, &[u8])], method: zip::CompressionMethod) -> Vec<u8> {
        let mut buf = std::io::Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut buf);
            let opts = zip::write::SimpleFileOptions::default().compression_method(method);
            for (name, data) in files {
                w.start_file(*name, opts).unwrap();
                w.write_all(data).unwrap();
            }
            w.finish().unwrap();
        }
        buf.into_inner()
    }

    #[test]
    fn pdfs_come_out_by_their_file_name_and_the_rest_is_skipped() {
        let z = zip_of(
            &[
                ("pack/certs/../a.pdf", b"%PDF-1.7 a"),
                ("b.PDF", b"%PDF-1.7 b"),
                ("readme.txt", b"hello"),
                ("__MACOSX/._a.pdf", b"junk"),
            ],
            zip::CompressionMethod::Stored,
        );
        let c = pdfs_in_zip(&z).unwrap();
        let names: Vec<&str> = c.pdfs.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["a.pdf", "b.PDF"]);
        assert_eq!(c.pdfs[0].bytes, b"%PDF-1.7 a");
        assert_eq!(c.skipped, ["“readme.txt” is not a PDF"]);
    }

    #[test]
    fn hostile_zips_stop_at_a_cap() {
        assert_eq!(pdfs_in_zip(b"%PDF-1.7"), Err(ZipError::NotZip));
        assert!(matches!(
            pdfs_in_zip(b"PK\x03\x04garbage"),
            Err(ZipError::Damaged(_))
        ));
        // A bomb: 20 MB of zeros packs into a few KB.
        let bomb = vec![0u8; 20 * 1024 * 1024];
        let z = zip_of(&[("bomb.pdf", &bomb)], zip::CompressionMethod::Deflated);
        assert!(z.len() < 100 * 1024);
        let e = pdfs_in_zip(&z).unwrap_err();
        assert_eq!(e, ZipError::NoPdf { skipped: 1 });
        let z = zip_of(&[("x.txt", b"x")], zip::CompressionMethod::Stored);
        assert!(pdfs_in_zip(&z).unwrap_err().sentence().contains("no PDF"));
        for e in [
            ZipError::NotZip,
            ZipError::TooLarge { bytes: 60 << 20 },
            ZipError::Damaged("bad".into()),
            ZipError::NoPdf { skipped: 2 },
        ] {
            crate::error::check_style(&e).unwrap();
        }
    }
}
