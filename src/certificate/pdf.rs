//! Text out of a certificate PDF, in the tab: lopdf opens the file (objects,
//! cross-reference and object streams, the standard security handler), and
//! a small content-stream interpreter here places every piece of text on
//! its page, decoded with its font's encoding. [`super::layout`] then puts
//! the pieces in reading order.
//!
//! The file is a stranger's: nothing in it may panic, loop or eat memory.
//! Streams are inflated here with a cap per stream and per file (a flate
//! bomb stops at the cap), the file size, the pages read, the operators run
//! per page and the depth of nested forms are all bounded, and numbers from
//! the file only ever reach floating-point arithmetic or checked integer
//! arithmetic. What is skipped is said in a note, never silently.

use super::glyphs;
use super::layout::{order_runs, Line, TextRun};
use crate::error::UserError;
use lopdf::content::Content;
use lopdf::{Dictionary, Document, LoadOptions, Object};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::rc::Rc;

/// Files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: usize = 25 * 1024 * 1024;
/// Pages read from the start; a certificate is one or two, an audit
/// report's first pages carry what matters.
pub const MAX_PAGES: usize = 12;
/// Pages read from the end of a longer document (a report's closing pages
/// name the audit firm).
const LAST_PAGES: usize = 4;
/// Inflated size allowed for one stream, and for the whole file.
const MAX_STREAM_BYTES: usize = 8 * 1024 * 1024;
const MAX_TOTAL_BYTES: usize = 32 * 1024 * 1024;
/// Operators run per page, forms included.
const MAX_OPERATORS_PER_PAGE: usize = 200_000;
/// Text pieces kept per page.
const MAX_RUNS_PER_PAGE: usize = 20_000;
/// Forms drawn inside forms.
const MAX_FORM_DEPTH: usize = 8;
/// The header must start within this many bytes (some files have junk first).
const HEADER_WINDOW: usize = 1024;

/// Why a file could not be read. Each has a sentence for the buyer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "detail", rename_all = "snake_case")]
pub enum PdfError {
    NotPdf,
    TooLarge { bytes: usize, limit: usize },
    PasswordProtected,
    Damaged(String),
    NoTextLayer,
    Empty,
}

impl UserError for PdfError {
    fn message(&self) -> String {
        match self {
            PdfError::NotPdf => "this file is not a PDF".into(),
            PdfError::TooLarge { bytes, limit } => format!(
                "this file is {:.1} MB; Scopewise reads PDFs up to {} MB",
                *bytes as f64 / (1024.0 * 1024.0),
                limit / (1024 * 1024)
            ),
            PdfError::PasswordProtected => {
                "this PDF needs a password to open, so it cannot be read here".into()
            }
            PdfError::Damaged(why) => format!("this PDF could not be read ({why})"),
            PdfError::NoTextLayer => "this PDF is an image (a scan): it has no text to read".into(),
            PdfError::Empty => "this PDF has no text on its pages".into(),
        }
    }

    fn help(&self) -> Option<String> {
        Some(
            match self {
                PdfError::NotPdf => "Drop the certificate as a PDF file.",
                PdfError::TooLarge { .. } => {
                    "Drop the certificate itself (usually one or two pages), or type the fields in."
                }
                PdfError::NoTextLayer => {
                    "Read it with text recognition, or type the fields in from the certificate."
                }
                _ => "Type the fields in from the certificate.",
            }
            .into(),
        )
    }
}

impl std::error::Error for PdfError {}

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.sentence())
    }
}

/// One page's text, in reading order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageText {
    /// From 1.
    pub number: u32,
    pub lines: Vec<Line>,
}

/// A document's text and what was skipped on the way.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extracted {
    pub pages: Vec<PageText>,
    pub notes: Vec<String>,
}

/// The text of the first [`MAX_PAGES`] pages, in reading order.
pub fn extract_text(bytes: &[u8]) -> Result<Extracted, PdfError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(PdfError::TooLarge {
            bytes: bytes.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    let window = bytes.get(..HEADER_WINDOW).unwrap_or(bytes);
    if !window.windows(5).any(|w| w == b"%PDF-") {
        return Err(PdfError::NotPdf);
    }
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_STREAM_BYTES),
        ..LoadOptions::default()
    };
    // lopdf tries the empty user password itself; a document it could not
    // open that way comes back still encrypted, with no objects.
    let doc = Document::load_mem_with_options(bytes, options).map_err(|e| damaged(&e))?;
    if doc.is_encrypted() {
        return Err(PdfError::PasswordProtected);
    }
    let mut notes = Vec::new();
    let mut budget = Budget {
        left: MAX_TOTAL_BYTES,
    };
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(PdfError::Damaged("no pages found".into()));
    }
    if pages.len() > MAX_PAGES + LAST_PAGES {
        notes.push(format!(
            "Only the first {MAX_PAGES} and the last {LAST_PAGES} of {} pages were read.",
            pages.len()
        ));
    }
    let mut out = Vec::new();
    let mut images = 0usize;
    let skip_to = pages.len().saturating_sub(LAST_PAGES).max(MAX_PAGES);
    let chosen = pages
        .iter()
        .enumerate()
        .filter(|(k, _)| *k < MAX_PAGES || *k >= skip_to)
        .map(|(_, p)| p);
    for (&number, &page_id) in chosen {
        let mut reader = PageReader::new(&doc, &mut budget);
        if let Ok(page) = doc.get_dictionary(page_id) {
            let scopes = page_scopes(&doc, page_id);
            let content = page_content(&doc, page, reader.budget, &mut reader.notes);
            reader.run(&content, &scopes, IDENTITY, 0);
        }
        images = images.saturating_add(reader.images);
        for n in reader.notes.drain(..) {
            let n = format!("Page {number}: {n}");
            if !notes.contains(&n) {
                notes.push(n);
            }
        }
        let runs = std::mem::take(&mut reader.runs);
        out.push(PageText {
            number,
            lines: order_runs(runs),
        });
    }
    if out.iter().all(|p| p.lines.is_empty()) {
        return Err(if images > 0 {
            PdfError::NoTextLayer
        } else {
            PdfError::Empty
        });
    }
    Ok(Extracted { pages: out, notes })
}

fn damaged(e: &lopdf::Error) -> PdfError {
    let text = e.to_string();
    let short: String = text.chars().take(120).collect();
    PdfError::Damaged(short)
}

/// What is left of the file's inflation allowance.
struct Budget {
    left: usize,
}

/// The resource dictionaries in force, nearest first.
type Scopes<'a> = Vec<&'a Dictionary>;

fn page_scopes(doc: &Document, page_id: lopdf::ObjectId) -> Scopes<'_> {
    let mut scopes = Vec::new();
    if let Ok((dict, ids)) = doc.get_page_resources(page_id) {
        scopes.extend(dict);
        for id in ids {
            if let Ok(d) = doc.get_dictionary(id) {
                scopes.push(d);
            }
        }
    }
    scopes
}

/// The page's content streams, inflated and joined.
fn page_content(
    doc: &Document,
    page: &Dictionary,
    budget: &mut Budget,
    notes: &mut Vec<String>,
) -> Vec<u8> {
    let mut out = Vec::new();
    let Ok(contents) = page.get(b"Contents") else {
        return out;
    };
    let streams: Vec<&Object> = match deref(doc, contents) {
        Some(Object::Array(items)) => items.iter().take(1000).collect(),
        Some(other) => vec![other],
        None => Vec::new(),
    };
    for s in streams {
        if let Some(Object::Stream(stream)) = deref(doc, s) {
            if let Some(data) = decode_stream(doc, stream, budget, notes) {
                out.extend_from_slice(&data);
                // Streams of one page split anywhere between tokens.
                out.push(b'\n');
            }
        }
    }
    out
}

fn deref<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a Object> {
    doc.dereference(obj).ok().map(|(_, o)| o)
}

fn dict_get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    dict.get(key).ok().and_then(|o| deref(doc, o))
}

/// A simple font's code-to-character table: its /Encoding name, or its
/// encoding dictionary's /BaseEncoding and /Differences; Standard when it
/// names none (the PDF reference's default), WinAnsi for a name we do not
/// know.
fn simple_encoding(doc: &Document, font: &Dictionary) -> glyphs::Table {
    match dict_get(doc, font, b"Encoding") {
        None => glyphs::standard(),
        Some(Object::Name(n)) => glyphs::base(n).unwrap_or_else(glyphs::win_ansi),
        Some(Object::Dictionary(d)) => {
            let mut table = match dict_get(doc, d, b"BaseEncoding") {
                Some(Object::Name(n)) => glyphs::base(n).unwrap_or_else(glyphs::win_ansi),
                _ => glyphs::standard(),
            };
            if let Some(Object::Array(entries)) = dict_get(doc, d, b"Differences") {
                glyphs::apply_differences(
                    &mut table,
                    entries.iter().filter_map(|o| match deref(doc, o) {
                        Some(Object::Integer(i)) => Some(glyphs::Difference::Code(*i)),
                        Some(Object::Name(n)) => Some(glyphs::Difference::Name(n)),
                        _ => None,
                    }),
                );
            }
            table
        }
        Some(_) => glyphs::win_ansi(),
    }
}

fn number(obj: &Object) -> Option<f64> {
    match obj {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) if r.is_finite() => Some(f64::from(*r)),
        _ => None,
    }
}

/// A stream's data with its filters undone, within the caps; `None` (and a
/// note) for a filter this reader does not undo.
fn decode_stream(
    doc: &Document,
    stream: &lopdf::Stream,
    budget: &mut Budget,
    notes: &mut Vec<String>,
) -> Option<Vec<u8>> {
    let filters: Vec<Vec<u8>> = match dict_get(doc, &stream.dict, b"Filter") {
        None => Vec::new(),
        Some(Object::Name(n)) => vec![n.clone()],
        Some(Object::Array(items)) => items
            .iter()
            .filter_map(|o| {
                deref(doc, o)
                    .and_then(|o| o.as_name().ok())
                    .map(<[u8]>::to_vec)
            })
            .collect(),
        Some(_) => {
            notes.push("a stream with an unreadable filter was skipped".into());
            return None;
        }
    };
    let mut data = stream.content.clone();
    for f in filters.iter().take(4) {
        let limit = MAX_STREAM_BYTES.min(budget.left);
        data = match f.as_slice() {
            b"FlateDecode" | b"Fl" => match inflate(&data, limit) {
                Ok(d) => d,
                Err(why) => {
                    notes.push(why);
                    return None;
                }
            },
            b"ASCIIHexDecode" | b"AHx" => ascii_hex(&data),
            b"ASCII85Decode" | b"A85" => ascii85(&data),
            other => {
                notes.push(format!(
                    "a stream compressed with {} was skipped (not supported)",
                    String::from_utf8_lossy(other)
                ));
                return None;
            }
        };
        budget.left = budget.left.saturating_sub(data.len());
    }
    if filters.len() > 4 {
        notes.push("a stream with more than four filters was skipped".into());
        return None;
    }
    Some(data)
}

/// zlib inflation that stops at `limit` bytes. A stream cut short (common
/// in damaged files) keeps what inflated.
fn inflate(data: &[u8], limit: usize) -> Result<Vec<u8>, String> {
    use miniz_oxide::inflate::{decompress_to_vec_zlib_with_limit, TINFLStatus};
    match decompress_to_vec_zlib_with_limit(data, limit) {
        Ok(d) => Ok(d),
        Err(e) if e.status == TINFLStatus::HasMoreOutput => Err(format!(
            "a stream larger than {} MB once inflated was skipped",
            limit / (1024 * 1024)
        )),
        Err(e) if !e.output.is_empty() => Ok(e.output),
        Err(_) => Err("a damaged compressed stream was skipped".into()),
    }
}

fn ascii_hex(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 2);
    let mut high: Option<u8> = None;
    for &b in data {
        if b == b'>' {
            break;
        }
        let Some(v) = (b as char).to_digit(16) else {
            continue;
        };
        let v = v as u8;
        match high.take() {
            Some(h) => out.push(h << 4 | v),
            None => high = Some(v),
        }
    }
    if let Some(h) = high {
        out.push(h << 4);
    }
    out
}

fn ascii85(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    let mut group = [0u8; 5];
    let mut n = 0usize;
    let data = data.strip_prefix(b"<~").unwrap_or(data);
    for &b in data {
        match b {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                if let Some(slot) = group.get_mut(n) {
                    *slot = b - b'!';
                }
                n += 1;
                if n == 5 {
                    out.extend_from_slice(&base85_word(&group));
                    n = 0;
                }
            }
            _ => {}
        }
    }
    if n > 1 {
        let mut padded = [84u8; 5];
        padded[..n].copy_from_slice(&group[..n]);
        let word = base85_word(&padded);
        out.extend_from_slice(&word[..n - 1]);
    }
    out
}

fn base85_word(g: &[u8; 5]) -> [u8; 4] {
    let v = g.iter().fold(0u64, |acc, &d| {
        acc.wrapping_mul(85).wrapping_add(u64::from(d))
    });
    (v as u32).to_be_bytes()
}

/// A 2×3 matrix `[a b c d e f]`, as PDF writes them.
type Matrix = [f64; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn apply(m: &Matrix, x: f64, y: f64) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

fn matrix_of(operands: &[Object]) -> Option<Matrix> {
    if operands.len() < 6 {
        return None;
    }
    let mut m = [0.0; 6];
    for (slot, o) in m.iter_mut().zip(operands) {
        *slot = number(o)?;
    }
    Some(m)
}

/// How a font's codes become text and how wide each is.
struct Font {
    decoder: Decoder,
    /// Code width in thousandths of an em: simple fonts' /Widths from
    /// /FirstChar, or a Type0 font's /W ranges.
    widths: Widths,
}

enum Decoder {
    /// A /ToUnicode map: the most faithful, so it wins when present; a
    /// simple font falls back to its encoding for codes the map leaves out.
    Map(CMap, Option<Box<glyphs::Table>>),
    /// A one-byte encoding (WinAnsi, MacRoman, Standard, /Differences):
    /// see [`super::glyphs`].
    Table(Box<glyphs::Table>),
    /// A two-byte font without a Unicode map: its text cannot be known.
    Unknown,
}

struct Widths {
    two_byte: bool,
    first: i64,
    simple: Vec<f64>,
    ranges: Vec<(u32, u32, f64)>,
    default: f64,
}

impl Widths {
    fn of(&self, code: u32) -> f64 {
        if self.two_byte {
            return self
                .ranges
                .iter()
                .find(|(lo, hi, _)| (*lo..=*hi).contains(&code))
                .map_or(self.default, |r| r.2);
        }
        i64::from(code)
            .checked_sub(self.first)
            .and_then(|i| usize::try_from(i).ok())
            .and_then(|i| self.simple.get(i))
            .copied()
            .filter(|w| *w > 0.0)
            .unwrap_or(self.default)
    }
}

/// Ligatures read back as their letters, so "Certiﬁcation" matches the
/// label "certification".
fn unligature(text: String) -> String {
    if !text.chars().any(|c| ('\u{FB00}'..='\u{FB06}').contains(&c)) {
        return text;
    }
    text.chars()
        .map(|c| match c {
            '\u{FB00}' => "ff".to_string(),
            '\u{FB01}' => "fi".to_string(),
            '\u{FB02}' => "fl".to_string(),
            '\u{FB03}' => "ffi".to_string(),
            '\u{FB04}' => "ffl".to_string(),
            '\u{FB05}' | '\u{FB06}' => "st".to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// Glyphs of a string: its text and its code's width.
fn glyphs(font: &Font, bytes: &[u8]) -> Vec<(String, f64, bool)> {
    let mut out = glyphs_as_coded(font, bytes);
    for g in &mut out {
        g.0 = unligature(std::mem::take(&mut g.0));
    }
    out
}

fn glyphs_as_coded(font: &Font, bytes: &[u8]) -> Vec<(String, f64, bool)> {
    let mut out = Vec::with_capacity(bytes.len());
    match &font.decoder {
        Decoder::Map(map, fallback) => {
            let mut i = 0;
            while i < bytes.len() {
                let (mut text, len) = map.lookup(bytes.get(i..).unwrap_or_default());
                if let (Some(table), "\u{fffd}", Some(&b)) = (fallback, text.as_str(), bytes.get(i))
                {
                    if let Some(c) = table.get(usize::from(b)).copied().flatten() {
                        text = c.to_string();
                    }
                }
                let len = len.max(1);
                let code = bytes
                    .get(i..i + len)
                    .unwrap_or_default()
                    .iter()
                    .fold(0u32, |a, &b| a.wrapping_shl(8) | u32::from(b));
                let space = len == 1 && code == 32;
                out.push((text, font.widths.of(code), space));
                i += len;
            }
        }
        Decoder::Table(table) => {
            for &b in bytes {
                let c = table
                    .get(usize::from(b))
                    .copied()
                    .flatten()
                    .unwrap_or(char::from(b));
                out.push((c.to_string(), font.widths.of(u32::from(b)), b == 32));
            }
        }
        Decoder::Unknown => {
            for pair in bytes.chunks(2) {
                let code = pair.iter().fold(0u32, |a, &b| a << 8 | u32::from(b));
                out.push(("\u{fffd}".into(), font.widths.of(code), false));
            }
        }
    }
    out
}

/// A /ToUnicode CMap: `bfchar` and `bfrange` entries, kept as ranges (a
/// range may cover millions of codes; it is never expanded).
#[derive(Default)]
struct CMap {
    /// Byte lengths of the codes, from `codespacerange`; [1] or [2] when absent.
    lengths: Vec<usize>,
    entries: Vec<CMapEntry>,
}

struct CMapEntry {
    len: usize,
    lo: u32,
    hi: u32,
    dst: CMapDst,
}

enum CMapDst {
    /// UTF-16 of the first code; the last unit counts up along the range.
    Base(Vec<u16>),
    /// One destination per code.
    List(Vec<Vec<u16>>),
}

impl CMap {
    fn lookup(&self, bytes: &[u8]) -> (String, usize) {
        for &len in &self.lengths {
            let Some(code_bytes) = bytes.get(..len) else {
                continue;
            };
            let code = code_bytes
                .iter()
                .fold(0u32, |a, &b| a.wrapping_shl(8) | u32::from(b));
            for e in self.entries.iter().rev() {
                if e.len != len || code < e.lo || code > e.hi {
                    continue;
                }
                let offset = code - e.lo;
                let units: Option<Vec<u16>> = match &e.dst {
                    CMapDst::Base(base) => {
                        let mut u = base.clone();
                        if let Some(last) = u.last_mut() {
                            *last = last.wrapping_add(offset as u16);
                        }
                        Some(u)
                    }
                    CMapDst::List(list) => list.get(offset as usize).cloned(),
                };
                if let Some(u) = units {
                    return (
                        char::decode_utf16(u)
                            .map(|c| c.unwrap_or('\u{fffd}'))
                            .collect(),
                        len,
                    );
                }
            }
        }
        let len = self.lengths.first().copied().unwrap_or(1);
        ("\u{fffd}".into(), len)
    }

    fn parse(data: &[u8], two_byte: bool) -> CMap {
        let tokens = cmap_tokens(data);
        let mut map = CMap::default();
        let mut section: &[u8] = b"";
        let mut i = 0;
        while i < tokens.len() {
            match &tokens[i] {
                Tok::Word(w) if w.starts_with(b"begin") => {
                    section = match w.as_slice() {
                        b"begincodespacerange" => b"space",
                        b"beginbfchar" => b"char",
                        b"beginbfrange" => b"range",
                        _ => b"",
                    };
                    i += 1;
                }
                Tok::Word(w) if w.starts_with(b"end") => {
                    section = b"";
                    i += 1;
                }
                Tok::Hex(lo) if section == b"space" => {
                    if let Some(Tok::Hex(_)) = tokens.get(i + 1) {
                        let l = lo.len().clamp(1, 4);
                        if !map.lengths.contains(&l) {
                            map.lengths.push(l);
                        }
                    }
                    i += 2;
                }
                Tok::Hex(src) if section == b"char" => {
                    if let Some(Tok::Hex(dst)) = tokens.get(i + 1) {
                        if let Some(code) = code_of(src) {
                            map.entries.push(CMapEntry {
                                len: src.len(),
                                lo: code,
                                hi: code,
                                dst: CMapDst::Base(utf16(dst)),
                            });
                        }
                    }
                    i += 2;
                }
                Tok::Hex(lo) if section == b"range" => {
                    let (Some(Tok::Hex(hi)), Some(dst)) = (tokens.get(i + 1), tokens.get(i + 2))
                    else {
                        i += 1;
                        continue;
                    };
                    if let (Some(l), Some(h)) = (code_of(lo), code_of(hi)) {
                        let dst = match dst {
                            Tok::Hex(d) => Some(CMapDst::Base(utf16(d))),
                            Tok::Array(items) => Some(CMapDst::List(
                                items.iter().take(65_536).map(|d| utf16(d)).collect(),
                            )),
                            Tok::Word(_) => None,
                        };
                        if let Some(dst) = dst {
                            if l <= h {
                                map.entries.push(CMapEntry {
                                    len: lo.len(),
                                    lo: l,
                                    hi: h,
                                    dst,
                                });
                            }
                        }
                    }
                    i += 3;
                }
                _ => i += 1,
            }
            if map.entries.len() > 100_000 {
                break;
            }
        }
        // A simple font's codes are one byte, whatever its map's codespace
        // says (Acrobat writes <0000> <FFFF> for them too).
        if !two_byte {
            map.lengths = vec![1];
            for e in &mut map.entries {
                if e.len == 2 && e.hi <= 0xFF {
                    e.len = 1;
                }
            }
        }
        if map.lengths.is_empty() {
            map.lengths.push(if two_byte { 2 } else { 1 });
        }
        // Longest codes first would misread one-byte text; shortest first.
        map.lengths.sort_unstable();
        map
    }
}

fn code_of(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || bytes.len() > 4 {
        return None;
    }
    Some(bytes.iter().fold(0u32, |a, &b| a << 8 | u32::from(b)))
}

fn utf16(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|c| match c {
            [a, b] => u16::from_be_bytes([*a, *b]),
            [a] => u16::from(*a),
            _ => 0xfffd,
        })
        .collect()
}

enum Tok {
    Hex(Vec<u8>),
    Array(Vec<Vec<u8>>),
    Word(Vec<u8>),
}

fn cmap_tokens(data: &[u8]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut array: Option<Vec<Vec<u8>>> = None;
    while i < data.len() {
        let b = data[i];
        if b == b'<' {
            let end = data[i..]
                .iter()
                .position(|&c| c == b'>')
                .map_or(data.len(), |p| i + p);
            let hex = ascii_hex(data.get(i + 1..end).unwrap_or_default());
            match array.as_mut() {
                Some(a) => a.push(hex),
                None => out.push(Tok::Hex(hex)),
            }
            i = end + 1;
        } else if b == b'[' {
            array = Some(Vec::new());
            i += 1;
        } else if b == b']' {
            if let Some(a) = array.take() {
                out.push(Tok::Array(a));
            }
            i += 1;
        } else if b.is_ascii_alphabetic() {
            let end = data[i..]
                .iter()
                .position(|c| !c.is_ascii_alphanumeric())
                .map_or(data.len(), |p| i + p);
            out.push(Tok::Word(data[i..end].to_vec()));
            i = end;
        } else {
            i += 1;
        }
        if out.len() > 400_000 {
            break;
        }
    }
    out
}

/// Text state that `q`/`Q` save with the graphics state.
#[derive(Clone)]
struct GState {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    scale: f64,
    leading: f64,
    rise: f64,
}

struct PageReader<'a, 'b> {
    doc: &'a Document,
    budget: &'b mut Budget,
    fonts: HashMap<(usize, Vec<u8>), Option<Rc<Font>>>,
    runs: Vec<TextRun>,
    notes: Vec<String>,
    operators: usize,
    images: usize,
}

impl<'a, 'b> PageReader<'a, 'b> {
    fn new(doc: &'a Document, budget: &'b mut Budget) -> Self {
        PageReader {
            doc,
            budget,
            fonts: HashMap::new(),
            runs: Vec::new(),
            notes: Vec::new(),
            operators: 0,
            images: 0,
        }
    }

    fn lookup(&self, scopes: &Scopes<'a>, kind: &[u8], name: &[u8]) -> Option<&'a Object> {
        scopes.iter().find_map(|res| {
            let Some(Object::Dictionary(group)) = dict_get(self.doc, res, kind) else {
                return None;
            };
            dict_get(self.doc, group, name)
        })
    }

    fn font(&mut self, scopes: &Scopes<'a>, name: &[u8]) -> Option<Rc<Font>> {
        let scope_id = scopes
            .first()
            .map_or(0, |d| *d as *const Dictionary as usize);
        let key = (scope_id, name.to_vec());
        if let Some(f) = self.fonts.get(&key) {
            return f.clone();
        }
        let font = match self.lookup(scopes, b"Font", name) {
            Some(Object::Dictionary(d)) => Some(Rc::new(self.load_font(d))),
            _ => {
                self.notes.push(format!(
                    "a font ({}) is missing; its text was still read with a standard encoding",
                    String::from_utf8_lossy(name)
                ));
                None
            }
        };
        self.fonts.insert(key, font.clone());
        font
    }

    fn load_font(&mut self, font: &'a Dictionary) -> Font {
        let doc = self.doc;
        let two_byte =
            matches!(dict_get(doc, font, b"Subtype"), Some(Object::Name(n)) if n == b"Type0");
        let decoder = match dict_get(doc, font, b"ToUnicode") {
            Some(Object::Stream(s)) => match decode_stream(doc, s, self.budget, &mut self.notes) {
                Some(data) => Decoder::Map(
                    CMap::parse(&data, two_byte),
                    (!two_byte).then(|| Box::new(simple_encoding(doc, font))),
                ),
                None => Decoder::Unknown,
            },
            _ if two_byte => {
                self.notes
                    .push("a font without a Unicode map was not read".into());
                Decoder::Unknown
            }
            _ => Decoder::Table(Box::new(simple_encoding(doc, font))),
        };
        let mut widths = Widths {
            two_byte,
            first: 0,
            simple: Vec::new(),
            ranges: Vec::new(),
            default: 500.0,
        };
        if two_byte {
            let descendant = match dict_get(doc, font, b"DescendantFonts") {
                Some(Object::Array(a)) => a.first().and_then(|o| deref(doc, o)),
                _ => None,
            };
            if let Some(Object::Dictionary(d)) = descendant {
                if let Some(dw) = dict_get(doc, d, b"DW").and_then(number) {
                    widths.default = dw;
                }
                if let Some(Object::Array(w)) = dict_get(doc, d, b"W") {
                    widths.ranges = cid_widths(doc, w);
                }
            }
        } else {
            widths.first = dict_get(doc, font, b"FirstChar")
                .and_then(number)
                .map_or(0, |f| f as i64);
            if let Some(Object::Array(w)) = dict_get(doc, font, b"Widths") {
                widths.simple = w
                    .iter()
                    .take(65_536)
                    .map(|o| deref(doc, o).and_then(number).unwrap_or(0.0))
                    .collect();
            }
        }
        Font { decoder, widths }
    }

    /// Runs a content stream. Depth counts nested forms.
    fn run(&mut self, content: &[u8], scopes: &Scopes<'a>, ctm: Matrix, depth: usize) {
        let ops = match Content::decode(content) {
            Ok(c) => c.operations,
            Err(_) => {
                self.notes
                    .push("a damaged content stream was skipped".into());
                return;
            }
        };
        let mut gs = GState {
            ctm,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        };
        let mut stack: Vec<GState> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        for op in &ops {
            self.operators += 1;
            if self.operators > MAX_OPERATORS_PER_PAGE {
                self.notes
                    .push("the page has too many drawing operations; the rest was not read".into());
                return;
            }
            let args = op.operands.as_slice();
            let num = |i: usize| args.get(i).and_then(number);
            match op.operator.as_str() {
                "q" if stack.len() < 256 => stack.push(gs.clone()),
                "Q" => {
                    if let Some(saved) = stack.pop() {
                        gs = saved;
                    }
                }
                "cm" => {
                    if let Some(m) = matrix_of(args) {
                        gs.ctm = mul(&m, &gs.ctm);
                    }
                }
                "BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                "Tf" => {
                    if let Some(Object::Name(name)) = args.first() {
                        gs.font = self.font(scopes, name);
                    }
                    gs.size = num(1).unwrap_or(gs.size);
                }
                "Tc" => gs.char_spacing = num(0).unwrap_or(0.0),
                "Tw" => gs.word_spacing = num(0).unwrap_or(0.0),
                "Tz" => gs.scale = num(0).unwrap_or(100.0) / 100.0,
                "TL" => gs.leading = num(0).unwrap_or(0.0),
                "Ts" => gs.rise = num(0).unwrap_or(0.0),
                "Td" | "TD" => {
                    let (Some(tx), Some(ty)) = (num(0), num(1)) else {
                        continue;
                    };
                    if op.operator == "TD" {
                        gs.leading = -ty;
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &tlm);
                    tm = tlm;
                }
                "Tm" => {
                    if let Some(m) = matrix_of(args) {
                        tlm = m;
                        tm = m;
                    }
                }
                "T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" | "TJ" => {
                    if op.operator == "\"" {
                        gs.word_spacing = num(0).unwrap_or(gs.word_spacing);
                        gs.char_spacing = num(1).unwrap_or(gs.char_spacing);
                    }
                    if op.operator == "'" || op.operator == "\"" {
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                        tm = tlm;
                    }
                    let parts: Vec<&Object> = match (op.operator.as_str(), args) {
                        ("TJ", [Object::Array(items), ..]) => items.iter().collect(),
                        (_, [.., last]) => vec![last],
                        _ => Vec::new(),
                    };
                    self.show(&gs, &mut tm, &parts);
                }
                "Do" => {
                    if let Some(Object::Name(name)) = args.first() {
                        self.draw_xobject(scopes, name, &gs, depth);
                    }
                }
                "BI" | "EI" => self.images += 1,
                _ => {}
            }
        }
    }

    fn draw_xobject(&mut self, scopes: &Scopes<'a>, name: &[u8], gs: &GState, depth: usize) {
        let Some(Object::Stream(form)) = self.lookup(scopes, b"XObject", name) else {
            return;
        };
        match dict_get(self.doc, &form.dict, b"Subtype") {
            Some(Object::Name(n)) if n == b"Image" => self.images += 1,
            Some(Object::Name(n)) if n == b"Form" => {
                if depth >= MAX_FORM_DEPTH {
                    self.notes
                        .push("forms nested too deep were not read".into());
                    return;
                }
                let matrix = match dict_get(self.doc, &form.dict, b"Matrix") {
                    Some(Object::Array(a)) => matrix_of(a).unwrap_or(IDENTITY),
                    _ => IDENTITY,
                };
                let inner: Scopes<'a> = match dict_get(self.doc, &form.dict, b"Resources") {
                    Some(Object::Dictionary(d)) => vec![d],
                    _ => scopes.clone(),
                };
                let Some(data) = decode_stream(self.doc, form, self.budget, &mut self.notes) else {
                    return;
                };
                self.run(&data, &inner, mul(&matrix, &gs.ctm), depth + 1);
            }
            _ => {}
        }
    }

    /// Places the text of one show operator and moves the text matrix on.
    fn show(&mut self, gs: &GState, tm: &mut Matrix, parts: &[&Object]) {
        let size = gs.size;
        let start = mul(tm, &gs.ctm);
        let (x, y) = apply(&start, 0.0, gs.rise);
        let mut text = String::new();
        let mut advance = 0.0f64;
        for part in parts {
            match part {
                Object::String(bytes, _) => {
                    let list = match &gs.font {
                        Some(f) => glyphs(f, bytes),
                        None => bytes
                            .iter()
                            .map(|&b| (char::from(b).to_string(), 500.0, b == 32))
                            .collect(),
                    };
                    for (t, w, space) in list {
                        text.push_str(&t);
                        let spacing = gs.char_spacing + if space { gs.word_spacing } else { 0.0 };
                        advance += (w / 1000.0 * size + spacing) * gs.scale;
                    }
                }
                other => {
                    if let Some(n) = number(other) {
                        let shift = -n / 1000.0 * size * gs.scale;
                        // A wide negative kern is how many writers space words.
                        if shift > 0.2 * size.abs() && !text.ends_with(' ') {
                            text.push(' ');
                        }
                        advance += shift;
                    }
                }
            }
        }
        let moved = mul(&[1.0, 0.0, 0.0, 1.0, advance, 0.0], tm);
        *tm = moved;
        let (x_end, _) = apply(&mul(&moved, &gs.ctm), 0.0, gs.rise);
        let scale_y = start[2].hypot(start[3]);
        let height = (size * if scale_y.is_finite() { scale_y } else { 1.0 }).abs();
        // Some writers map their space glyph to a tab or a no-break space.
        let clean: String = text
            .chars()
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .filter(|c| !c.is_control())
            .collect();
        if clean.trim().is_empty() || !x.is_finite() || !y.is_finite() {
            return;
        }
        if self.runs.len() >= MAX_RUNS_PER_PAGE {
            return;
        }
        let width = if x_end.is_finite() {
            (x_end - x).abs()
        } else {
            0.0
        };
        self.runs.push(TextRun {
            x,
            y,
            width,
            size: if height > 0.0 { height } else { 1.0 },
            text: clean,
        });
    }
}

/// A Type0 font's /W array: `c [w1 w2 …]` and `c1 c2 w` entries.
fn cid_widths(doc: &Document, w: &[Object]) -> Vec<(u32, u32, f64)> {
    let mut out = Vec::new();
    let mut i = 0;
    let code = |o: Option<&Object>| {
        o.and_then(number)
            .filter(|n| (0.0..=f64::from(u32::MAX)).contains(n))
            .map(|n| n as u32)
    };
    while i < w.len() && out.len() < 65_536 {
        let first = code(w.get(i));
        match (first, w.get(i + 1).and_then(|o| deref(doc, o))) {
            (Some(c), Some(Object::Array(list))) => {
                for (k, wo) in list.iter().take(65_536).enumerate() {
                    if let (Some(cc), Some(width)) = (c.checked_add(k as u32), number(wo)) {
                        out.push((cc, cc, width));
                    }
                }
                i += 2;
            }
            (Some(lo), Some(hi)) => {
                if let (Some(hi), Some(width)) = (code(Some(hi)), w.get(i + 2).and_then(number)) {
                    out.push((lo, hi, width));
                }
                i += 3;
            }
            _ => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn ligatures_read_as_letters() {
        assert_eq!(
            super::unligature("Certi\u{FB01}cation e\u{FB03}cient".into()),
            "Certification efficient"
        );
        assert_eq!(super::unligature("plain".into()), "plain");
    }

    use super::*;

    #[test]
    fn cmap_bfchar_and_ranges() {
        let data = b"1 begincodespacerange <0000> <FFFF> endcodespacerange
            2 beginbfchar <0003> <0020> <0024> <0041> endbfchar
            1 beginbfrange <0025> <0027> <0042> <0030> <0031> [<0061> <0062>] endbfrange";
        let map = CMap::parse(data, true);
        assert_eq!(map.lookup(&[0, 0x24]).0, "A");
        assert_eq!(map.lookup(&[0, 0x26]).0, "C");
        assert_eq!(map.lookup(&[0, 0x31]).0, "b");
        assert_eq!(map.lookup(&[0, 3]).0, " ");
    }

    #[test]
    fn ascii_filters() {
        assert_eq!(ascii_hex(b"48 65 6C6C6F>"), b"Hello");
        assert_eq!(ascii85(b"<~87cURDZ~>"), b"Hello");
    }

    #[test]
    fn flate_bomb_stops_at_the_cap() {
        let big = vec![b'a'; 3 * 1024 * 1024];
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(&big, 9);
        assert!(inflate(&packed, 1024 * 1024).is_err());
        assert_eq!(
            inflate(&packed, 4 * 1024 * 1024).map(|v| v.len()),
            Ok(big.len())
        );
    }

    #[test]
    fn errors_before_parsing() {
        assert_eq!(extract_text(b"\x89PNG\r\n"), Err(PdfError::NotPdf));
        let big = vec![b' '; MAX_FILE_BYTES + 1];
        assert!(matches!(extract_text(&big), Err(PdfError::TooLarge { .. })));
        assert!(PdfError::TooLarge {
            bytes: 30 << 20,
            limit: MAX_FILE_BYTES
        }
        .message()
        .contains("25 MB"));
        for e in [
            PdfError::NotPdf,
            PdfError::TooLarge { bytes: 1, limit: 2 },
            PdfError::PasswordProtected,
            PdfError::Damaged("no pages found".into()),
            PdfError::NoTextLayer,
            PdfError::Empty,
        ] {
            crate::error::check_style(&e).unwrap();
        }
    }
}

/// A page's image, for text recognition: a scanned page is usually one
/// JPEG the browser decodes as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageImage {
    /// From 1.
    pub page: u32,
    pub width: u32,
    pub height: u32,
    /// "jpeg" (the bytes are a JPEG file).
    pub format: &'static str,
    pub bytes: Vec<u8>,
}

/// Pages whose image is recognised (OCR): a certificate's first pages.
pub const MAX_OCR_PAGES: usize = 3;

/// The largest JPEG drawn on each of the first [`MAX_OCR_PAGES`] pages, for
/// text recognition; empty when the file is not a PDF, is locked, or its
/// pages carry no JPEG (text drawn as outlines needs a renderer).
pub fn page_images(bytes: &[u8]) -> Vec<PageImage> {
    if bytes.len() > MAX_FILE_BYTES {
        return Vec::new();
    }
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_STREAM_BYTES),
        ..LoadOptions::default()
    };
    let Ok(doc) = Document::load_mem_with_options(bytes, options) else {
        return Vec::new();
    };
    if doc.is_encrypted() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (&number, &page_id) in doc.get_pages().iter().take(MAX_OCR_PAGES) {
        let mut best: Option<PageImage> = None;
        for scope in page_scopes(&doc, page_id) {
            largest_jpeg(&doc, scope, number, 0, &mut best);
        }
        out.extend(best);
    }
    out
}

/// The largest JPEG image of a resource dictionary (and the forms it
/// draws, two deep), into `best`.
fn largest_jpeg(
    doc: &Document,
    resources: &Dictionary,
    page: u32,
    depth: usize,
    best: &mut Option<PageImage>,
) {
    let Some(Object::Dictionary(xobjects)) = dict_get(doc, resources, b"XObject") else {
        return;
    };
    for (_, o) in xobjects.iter().take(200) {
        let Some(Object::Stream(s)) = deref(doc, o) else {
            continue;
        };
        match dict_get(doc, &s.dict, b"Subtype") {
            Some(Object::Name(n)) if n == b"Image" => {}
            Some(Object::Name(n)) if n == b"Form" && depth < 2 => {
                if let Some(Object::Dictionary(r)) = dict_get(doc, &s.dict, b"Resources") {
                    largest_jpeg(doc, r, page, depth + 1, best);
                }
                continue;
            }
            _ => continue,
        }
        let dct = match dict_get(doc, &s.dict, b"Filter") {
            Some(Object::Name(n)) => n == b"DCTDecode" || n == b"DCT",
            Some(Object::Array(a)) => {
                a.len() == 1
                    && matches!(a.first().and_then(|o| deref(doc, o)), Some(Object::Name(n)) if n == b"DCTDecode")
            }
            _ => false,
        };
        let dim = |k: &[u8]| {
            dict_get(doc, &s.dict, k)
                .and_then(number)
                .filter(|n| (1.0..=20_000.0).contains(n))
                .map_or(0, |n| n as u32)
        };
        let (w, h) = (dim(b"Width"), dim(b"Height"));
        if !dct || w < 200 || h < 200 || s.content.len() > MAX_FILE_BYTES {
            continue;
        }
        let area = u64::from(w) * u64::from(h);
        if best
            .as_ref()
            .is_none_or(|b| u64::from(b.width) * u64::from(b.height) < area)
        {
            *best = Some(PageImage {
                page,
                width: w,
                height: h,
                format: "jpeg",
                bytes: s.content.clone(),
            });
        }
    }
}
