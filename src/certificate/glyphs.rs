//! One-byte font encodings: the base encodings a PDF font names (Standard,
//! MacRoman, WinAnsi) and its `/Differences`, whose glyph names are read
//! through the Adobe Glyph List For New Fonts (`data/glyph-list.txt`, written
//! by scripts/glyph-data.py), plus the `uniXXXX` and `uXXXX` forms.
//!
//! Ours rather than lopdf's: lopdf resolves glyph names through one function
//! matching every name of the full Adobe Glyph List, which alone made half a
//! megabyte of the reader's WebAssembly; certificates use Latin text, and a
//! name this list does not know keeps the base encoding's character.

use std::sync::OnceLock;

const DATA: &str = include_str!("../../data/glyph-list.txt");

/// A font's code-to-character table.
pub type Table = [Option<char>; 256];

struct Lists {
    /// Sorted by name (bytes), for binary search.
    glyphs: Vec<(&'static str, char)>,
    standard: Table,
    mac_roman: Table,
    win_ansi: Table,
}

fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| {
        let mut glyphs = Vec::new();
        for line in DATA.lines() {
            let mut parts = line.split(' ');
            if parts.next() != Some("g") {
                continue;
            }
            let (Some(name), Some(hex)) = (parts.next(), parts.next()) else {
                continue;
            };
            if let Some(c) = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
                glyphs.push((name, c));
            }
        }
        glyphs.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        let mut lists = Lists {
            glyphs,
            standard: [None; 256],
            mac_roman: [None; 256],
            win_ansi: [None; 256],
        };
        for line in DATA.lines() {
            let mut parts = line.split(' ');
            if parts.next() != Some("e") {
                continue;
            }
            let (Some(enc), Some(code), Some(name)) = (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            let Some(code) = code.parse::<u8>().ok() else {
                continue;
            };
            let c = glyph_in(&lists.glyphs, name.as_bytes());
            let table = match enc {
                "standard" => &mut lists.standard,
                "macroman" => &mut lists.mac_roman,
                "winansi" => &mut lists.win_ansi,
                _ => continue,
            };
            table[usize::from(code)] = c;
        }
        lists
    })
}

fn glyph_in(glyphs: &[(&str, char)], name: &[u8]) -> Option<char> {
    if let Ok(i) = glyphs.binary_search_by(|g| g.0.as_bytes().cmp(name)) {
        return glyphs.get(i).map(|g| g.1);
    }
    // `uni20AC` (exactly four hex digits first) and `u1F600` (four to six).
    let hex = |s: &[u8]| {
        std::str::from_utf8(s)
            .ok()
            .filter(|s| s.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|s| u32::from_str_radix(s, 16).ok())
            .and_then(char::from_u32)
    };
    if let Some(rest) = name.strip_prefix(b"uni") {
        return rest.get(..4).and_then(hex);
    }
    if let Some(rest) = name.strip_prefix(b"u") {
        if (4..=6).contains(&rest.len()) {
            return hex(rest);
        }
    }
    None
}

/// The character a glyph name stands for.
pub fn glyph(name: &[u8]) -> Option<char> {
    glyph_in(&lists().glyphs, name)
}

/// The base encoding a PDF names; `None` for a name that is not one.
/// PDFDocEncoding is not a font encoding: it reads as WinAnsi, its nearest.
pub fn base(name: &[u8]) -> Option<Table> {
    let l = lists();
    match name {
        b"StandardEncoding" => Some(l.standard),
        b"MacRomanEncoding" => Some(l.mac_roman),
        b"WinAnsiEncoding" | b"PDFDocEncoding" => Some(l.win_ansi),
        _ => None,
    }
}

/// The Standard encoding: a simple font's default when it names none.
pub fn standard() -> Table {
    lists().standard
}

/// WinAnsi: what an unknown encoding name is read as.
pub fn win_ansi() -> Table {
    lists().win_ansi
}

/// A `/Differences` entry: from `code` on, these glyph names. A name the list
/// does not know keeps the base encoding's character.
pub fn apply_differences<'a>(table: &mut Table, entries: impl Iterator<Item = Difference<'a>>) {
    let mut code: Option<u8> = None;
    for e in entries {
        match e {
            Difference::Code(c) => code = u8::try_from(c).ok(),
            Difference::Name(name) => {
                if let Some(c) = code {
                    if let Some(ch) = glyph(name) {
                        table[usize::from(c)] = Some(ch);
                    }
                    code = c.checked_add(1);
                }
            }
        }
    }
}

/// An element of a `/Differences` array.
pub enum Difference<'a> {
    Code(i64),
    Name(&'a [u8]),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_file_is_read_whole() {
        assert_eq!(lists().glyphs.len(), 592);
        let named = |t: &Table| t.iter().filter(|c| c.is_some()).count();
        assert_eq!(named(&lists().standard), 149);
        assert_eq!(lists().standard[0xAE], Some('\u{FB01}'));
        assert_eq!(named(&lists().win_ansi), 218);
        assert!(named(&lists().mac_roman) >= 200);
    }

    #[test]
    fn glyph_names_and_their_forms() {
        assert_eq!(glyph(b"quoteright"), Some('\u{2019}'));
        assert_eq!(glyph(b"endash"), Some('\u{2013}'));
        assert_eq!(glyph(b"A"), Some('A'));
        assert_eq!(glyph(b"uni20AC"), Some('€'));
        assert_eq!(glyph(b"uni20AC0041"), Some('€'));
        assert_eq!(glyph(b"u1F600"), Some('😀'));
        assert_eq!(glyph(b"uniD800"), None);
        assert_eq!(glyph(b"u12"), None);
        assert_eq!(glyph(b"notaglyph"), None);
        assert_eq!(glyph(b""), None);
    }

    #[test]
    fn base_encodings_differ_where_they_should() {
        let std = base(b"StandardEncoding").unwrap();
        let win = base(b"WinAnsiEncoding").unwrap();
        let mac = base(b"MacRomanEncoding").unwrap();
        assert_eq!(std[0x27], Some('\u{2019}'));
        assert_eq!(win[0x27], Some('\''));
        assert_eq!(win[0x92], Some('\u{2019}'));
        assert_eq!(win[0xE9], Some('é'));
        assert_eq!(mac[0x8E], Some('é'));
        assert_eq!(mac[0xD5], Some('\u{2019}'));
        assert_eq!(base(b"Identity-H"), None);
    }

    #[test]
    fn differences_replace_codes_from_where_they_start() {
        let mut t = win_ansi();
        apply_differences(
            &mut t,
            [
                Difference::Code(39),
                Difference::Name(b"quoteright"),
                Difference::Name(b"nosuchglyph"),
                Difference::Code(255),
                Difference::Name(b"endash"),
                Difference::Name(b"emdash"),
                Difference::Code(-4),
                Difference::Name(b"A"),
            ]
            .into_iter(),
        );
        assert_eq!(t[39], Some('\u{2019}'));
        assert_eq!(t[40], Some('('), "an unknown name keeps the base character");
        assert_eq!(t[255], Some('\u{2013}'));
        // Past 255 and before 0: nothing is written, nothing wraps.
        assert_eq!(t[0], None);
        assert_eq!(t[65], Some('A'));
    }
}
