//! Hand-off documents: what a buyer takes away from an evaluation.
//!
//! - [`summary`]: one summary per vendor (verdict, evidence per layer,
//!   findings with next steps, contract checklist, next dates), for the
//!   one-page-per-vendor print.
//! - [`matrix`]: the decision matrix (candidates × requirements) as CSV,
//!   Markdown, and the report JSON the command line prints.
//! - [`calendar`]: the dated events that follow from the evidence
//!   (re-verification, expiries, surveillance audits, SOC 2 staleness,
//!   contract end), and their iCalendar (RFC 5545) export.
//! - [`scanner`]: finds the passages of a pasted contract that answer the
//!   contract checklist, and flags vague wording. It proposes; the user
//!   confirms.
//!
//! Pure Rust: no browser crate, no I/O, never panics on any input.

pub mod calendar;
pub mod matrix;
pub mod scanner;
pub mod summary;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

pub use calendar::{events, to_ics, CalendarEvent, EventKind};
pub use matrix::{decision_matrix, report_json, DecisionMatrix};
pub use scanner::{scan_contract, Confidence, Passage, Proposal, ScanResult, VagueHit};
pub use summary::{vendor_summaries, LayerHolders, RecordSummary, VendorSummary};

/// `text` cut to at most `max` characters (on a character boundary), with an
/// ellipsis when cut; runs of white space become one space.
pub fn shorten(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max * 4 + 4));
    shorten_into(&mut out, text, max);
    out
}

/// [`shorten`], appended to `out` (no allocation of its own).
pub fn shorten_into(out: &mut String, text: &str, max: usize) {
    // `text.trim()`, skipped when there is nothing to trim.
    let b = text.as_bytes();
    let text = match (b.first(), b.last()) {
        (Some(&x), Some(&y)) if (0x21..0x80).contains(&x) && (0x21..0x80).contains(&y) => text,
        _ => text.trim(),
    };
    // Fast path: short enough, ASCII, and no white space to fold (single
    // spaces stay as they are).
    if text.len() <= max && is_plain(text.as_bytes()) {
        out.push_str(text);
        return;
    }
    let mut n = 0;
    let mut gap = false;
    for c in text.chars() {
        if c.is_whitespace() {
            gap = true;
            continue;
        }
        if gap && n > 0 {
            if n >= max {
                out.push('…');
                return;
            }
            out.push(' ');
            n += 1;
        }
        gap = false;
        if n >= max {
            out.push('…');
            return;
        }
        out.push(c);
        n += 1;
    }
}

/// ASCII with no white space but single spaces: [`shorten`] keeps it as is.
fn is_plain(text: &[u8]) -> bool {
    let mut prev = 0u8;
    for &c in text {
        // Printable ASCII, or a space that does not follow one (other
        // control characters take the slow path, which keeps them too).
        if !(0x21..0x80).contains(&c) && (c != b' ' || prev == b' ') {
            return false;
        }
        prev = c;
    }
    true
}

/// A file name for an export: `scopewise-<what>-<YYYY-MM-DD>.<ext>`.
pub fn file_name(what: &str, date: time::Date, ext: &str) -> String {
    format!(
        "scopewise-{what}-{}.{ext}",
        crate::domain::format_date(date)
    )
}
