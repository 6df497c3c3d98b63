//! Text matching: product names against scope statements, and the "our
//! model is ISO certified" category mistake (holders: `holders.rs`).
//!
//! Everything is compared in a *normalised* form: lowercase, every run of
//! characters that are not letters or digits becomes one space, with a space
//! at each end (` amazon bedrock `). A name matches when its normalised words
//! appear as whole consecutive words, never inside a longer word.

/// `s.trim()`, without the search when `s` is empty or starts and ends with
/// a printable ASCII character (the usual case).
#[inline]
pub(crate) fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(&x), Some(&y)) if (0x21..0x80).contains(&x) && (0x21..0x80).contains(&y) => s,
        (None, _) => s,
        _ => s.trim(),
    }
}

/// Normalises `s` into `out` (cleared first) and records, for every byte of
/// `out`, the byte offset in `s` it came from (spaces record the offset of the
/// next word). The result starts and ends with a space unless it is empty.
pub(crate) fn normalise_into(s: &str, out: &mut String, offsets: &mut Vec<u32>) {
    let mut buf = std::mem::take(out).into_bytes();
    buf.clear();
    offsets.clear();
    if s.is_ascii() {
        // Fast path: one pass over bytes, writing into pre-sized buffers.
        buf.resize(s.len() + 2, b' ');
        offsets.resize(s.len() + 2, 0);
        let mut w = 1; // buf[0] is the leading space
        let mut in_gap = true;
        for (i, &b) in s.as_bytes().iter().enumerate() {
            if b.is_ascii_alphanumeric() {
                buf[w] = b.to_ascii_lowercase();
                offsets[w] = i as u32;
                w += 1;
                in_gap = false;
            } else if !in_gap {
                buf[w] = b' ';
                offsets[w] = i as u32;
                w += 1;
                in_gap = true;
            }
        }
        if !in_gap {
            buf[w] = b' ';
            offsets[w] = s.len() as u32;
            w += 1;
        }
        buf.truncate(if w == 1 { 0 } else { w });
        offsets.truncate(buf.len());
        *out = String::from_utf8(buf).unwrap_or_default();
        return;
    }
    let mut o = String::from_utf8(buf).unwrap_or_default();
    o.push(' ');
    offsets.push(0);
    for (i, ch) in s.char_indices() {
        if ch.is_alphanumeric() {
            for lc in ch.to_lowercase() {
                let before = o.len();
                o.push(lc);
                for _ in before..o.len() {
                    offsets.push(i as u32);
                }
            }
        } else if !o.ends_with(' ') {
            o.push(' ');
            offsets.push(i as u32);
        }
    }
    if !o.ends_with(' ') {
        o.push(' ');
        offsets.push(s.len() as u32);
    }
    if o.len() == 1 {
        o.clear();
        offsets.clear();
    }
    *out = o;
}

/// The normalised form of `s`, padded with spaces (` azure openai `), or an
/// empty string when `s` has no letters or digits.
pub fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    let mut offsets = Vec::new();
    normalise_into(s, &mut out, &mut offsets);
    out
}

/// The normalised form without its padding (`azure openai`).
pub fn normalise_bare(s: &str) -> String {
    normalise(s).trim().to_string()
}

/// Names that mean the same product (DOMAIN.md and the vendors' own usage),
/// already normalised without padding.
pub const PRODUCT_ALIASES: &[&[&str]] = &[
    &[
        "azure openai service",
        "azure openai",
        "azure openai services",
    ],
    &["amazon bedrock", "aws bedrock", "bedrock"],
    &["vertex ai", "google cloud vertex ai", "gcp vertex ai"],
    &["claude api", "anthropic api"],
    &["chatgpt enterprise"],
    &["la plateforme", "mistral la plateforme"],
    &["le chat enterprise", "le chat"],
    &["inference endpoints", "hugging face inference endpoints"],
    &["openai api", "api platform", "openai api platform"],
    &["fine tuning", "finetuning", "fine tune"],
    &["amazon sagemaker", "aws sagemaker", "sagemaker"],
    &["azure machine learning", "azure ml"],
    &["azure ai foundry", "azure ai foundry models", "ai foundry"],
];

/// The padded forms a product may appear as: its own name, then its aliases.
pub(crate) fn product_forms(product: &str) -> Vec<String> {
    let own = normalise(product);
    if own.is_empty() {
        return Vec::new();
    }
    let bare = own.trim();
    let mut forms = vec![own.clone()];
    for group in PRODUCT_ALIASES {
        if group.contains(&bare) {
            for alias in group.iter().filter(|a| **a != bare) {
                forms.push(format!(" {alias} "));
            }
        }
    }
    forms
}

/// Where, in a normalised haystack, the first of `forms` occurs; returns the
/// byte range of the words (without the padding spaces).
///
/// The last word may carry a plural ending in the haystack (`batch` names
/// "Batches", `API` names "APIs"); anything longer is another word.
pub(crate) fn find_any(haystack: &str, forms: &[String]) -> Option<(usize, usize)> {
    forms.iter().find_map(|f| {
        let needle = f.strip_suffix(' ').unwrap_or(f);
        let mut from = 0;
        while let Some(pos) = haystack[from..].find(needle) {
            let start = from + pos;
            let end = start + needle.len();
            let rest = &haystack[end..];
            for ending in [" ", "s ", "es "] {
                if rest.starts_with(ending) {
                    return Some((start + 1, end + ending.len() - 1));
                }
            }
            from = start + 1;
        }
        None
    })
}

/// Maps a range of the normalised text back to the original text.
pub(crate) fn original_slice<'a>(
    original: &'a str,
    offsets: &[u32],
    (start, end): (usize, usize),
) -> &'a str {
    if start >= end || end > offsets.len() {
        return "";
    }
    let from = offsets[start] as usize;
    let last = offsets[end - 1] as usize;
    let to = original[last..]
        .chars()
        .next()
        .map(|c| last + c.len_utf8())
        .unwrap_or(original.len());
    original.get(from..to).unwrap_or("")
}

const MODEL_WORDS: &[&str] = &["model", "models", "llm", "llms"];
const FILLER_AFTER_MODEL: &[&str] = &[
    "is",
    "are",
    "has",
    "have",
    "been",
    "being",
    "now",
    "fully",
    "officially",
    "also",
    "itself",
    "themselves",
    "iso",
    "iec",
    "27001",
    "27017",
    "27018",
    "27701",
    "42001",
    "2013",
    "2015",
    "2019",
    "2022",
    "2023",
    "2025",
];
const FILLER_BEFORE_MODEL: &[&str] = &[
    "ai",
    "language",
    "large",
    "foundation",
    "generative",
    "frontier",
    "iso",
    "iec",
    "42001",
    "27001",
    "our",
    "the",
    "its",
    "their",
];
const NOT_A_MODEL: &[&str] = &[
    "business",
    "operating",
    "delivery",
    "service",
    "responsibility",
    "deployment",
    "pricing",
    "maturity",
    "governance",
];

/// Words of `text`, lowercased, with a `|` for each punctuation mark that
/// ends a clause (so "AI models, certified by X" is two clauses).
fn clause_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    for ch in text.chars() {
        if ch.is_alphanumeric() {
            cur.extend(ch.to_lowercase());
            continue;
        }
        if !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        if matches!(ch, ',' | ';' | '.' | ':' | '(' | ')' | '!' | '?' | '\n') {
            words.push("|".to_string());
        }
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

/// True when `text` contains `needle` (lowercase ASCII), ignoring ASCII case.
fn contains_ignoring_ascii_case(text: &str, needle: &[u8]) -> bool {
    text.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

/// Finds text presenting SOC 2 as a certificate ("SOC 2 certified", "our
/// SOC 2 certificate", "SOC 2 Type II certification"): "SOC 2" (or "SOC2")
/// and a word starting with "certif" in one clause, with no negation between
/// them and not "certified public accountants". Returns the words.
pub(crate) fn soc2_certificate_claim(text: &str) -> Option<String> {
    // A quick filter: both words somewhere, in any case.
    let maybe = if text.is_ascii() {
        contains_ignoring_ascii_case(text, b"soc") && contains_ignoring_ascii_case(text, b"certif")
    } else {
        let lower = text.to_lowercase();
        lower.contains("soc") && lower.contains("certif")
    };
    if !maybe {
        return None;
    }
    let words = clause_words(text);
    let w = |i: usize| words.get(i).map(String::as_str).unwrap_or("|");
    for i in 0..words.len() {
        let start = match (w(i), w(i + 1)) {
            ("soc2", _) => i + 1,
            ("soc", "2") => i + 2,
            _ => continue,
        };
        let mut j = start;
        while j < words.len() && w(j) != "|" {
            let here = w(j);
            if matches!(here, "not" | "never" | "no" | "nor" | "isn" | "instead") {
                break;
            }
            if here.starts_with("certif") && w(j + 1) != "public" {
                return Some(words[i..=j].join(" "));
            }
            j += 1;
        }
    }
    None
}

/// Finds a claim that a *model* is ISO certified ("our model is ISO 42001
/// certified", "ISO-certified AI models", "model certification"). Returns the
/// words that made the claim. `norm` is `text` normalised (a quick filter).
pub(crate) fn model_certified_claim(text: &str, norm: &str) -> Option<String> {
    if !(norm.contains("model") || norm.contains("llm")) || !norm.contains("certif") {
        return None;
    }
    let words = clause_words(text);
    let w = |i: usize| words.get(i).map(String::as_str).unwrap_or("|");
    let is_cert = |x: &str| x == "certified" || x == "certification" || x == "certificated";
    for i in 0..words.len() {
        let here = w(i);
        if MODEL_WORDS.contains(&here) && !(i > 0 && NOT_A_MODEL.contains(&w(i - 1))) {
            // model … certified
            let mut j = i + 1;
            while j <= i + 4 && FILLER_AFTER_MODEL.contains(&w(j)) {
                j += 1;
            }
            if is_cert(w(j)) {
                return Some(words[i..=j].join(" "));
            }
        }
        if here == "certified" || here == "certification" {
            // certified … model / certification of the model
            let mut j = i + 1;
            if here == "certification" {
                if w(j) != "of" {
                    continue;
                }
                j += 1;
            }
            while j <= i + 5 && FILLER_BEFORE_MODEL.contains(&w(j)) {
                j += 1;
            }
            if MODEL_WORDS.contains(&w(j))
                && !NOT_A_MODEL.contains(&w(j + 1))
                && w(j + 1) != "management"
            {
                return Some(words[i..=j].join(" "));
            }
        }
    }
    None
}
