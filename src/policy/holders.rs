//! Whose certificate is it? The names under which each vendor of the public
//! matrix contracts and is certified, shipped as data with their sources in
//! `data/vendor-names.json`, and how a certificate's holder is matched
//! against them (`evidence.holder-mismatch`, `layer.inherited-only`,
//! superseded records).
//!
//! Matching ignores case and punctuation and compares the **whole** name:
//! "Anthropic PBC" is “Anthropic, PBC”, but “Anthropic Ireland Holdings” is
//! not “Anthropic”. A legal name listed without its legal form may carry one
//! (“Mistral AI SAS” is “Mistral AI”). A vendor typed as free text (not a
//! matrix id) has no list: its holder must start with the words typed.

use super::text::{normalise, normalise_bare};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// Where a name was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameSource {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub url: String,
    /// The source's own date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub date: crate::domain::AsOf,
    pub note: String,
}

/// A legal name, or a short name the vendor's own terms define for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NameKind {
    LegalName,
    Alias,
}

/// One name of a vendor, with its source and as-of date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VendorName {
    pub name: String,
    pub kind: NameKind,
    pub source: String,
    pub as_of: crate::domain::AsOf,
}

/// The names of one vendor of the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VendorNames {
    /// The vendor's id in the matrix (`anthropic`).
    pub vendor: String,
    pub names: Vec<VendorName>,
}

/// The whole file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VendorNameList {
    pub format: u32,
    pub as_of: crate::domain::AsOf,
    pub note: String,
    pub sources: Vec<NameSource>,
    pub vendors: Vec<VendorNames>,
}

struct Index {
    list: VendorNameList,
    /// Per vendor: its names normalised without padding, and whether each
    /// may carry a legal form after it.
    forms: Vec<(String, Vec<(String, bool)>)>,
}

/// Legal forms a listed legal name may be followed by (normalised).
const LEGAL_FORMS: &[&str] = &[
    "inc",
    "llc",
    "l l c",
    "ltd",
    "limited",
    "sas",
    "sa",
    "sarl",
    "gmbh",
    "ag",
    "bv",
    "plc",
    "pbc",
    "corp",
    "corporation",
    "co",
];

fn has_legal_form(bare: &str) -> bool {
    LEGAL_FORMS.iter().any(|f| bare.ends_with(&format!(" {f}")))
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let list: VendorNameList =
            serde_json::from_str(include_str!("../../data/vendor-names.json"))
                .expect("data/vendor-names.json is valid (checked by a test)");
        let forms = list
            .vendors
            .iter()
            .map(|v| {
                let names = v
                    .names
                    .iter()
                    .map(|n| {
                        let bare = normalise_bare(&n.name);
                        let form_may_follow =
                            n.kind == NameKind::LegalName && !has_legal_form(&bare);
                        (bare, form_may_follow)
                    })
                    .collect();
                (v.vendor.clone(), names)
            })
            .collect();
        Index { list, forms }
    })
}

/// The shipped list.
pub fn vendor_names() -> &'static VendorNameList {
    &index().list
}

/// The matrix vendor a typed vendor means: its id, or its display name or
/// one of its listed names written without spaces or punctuation
/// (`huggingface` is `hugging-face`).
pub fn resolve_vendor(vendor: &str) -> Option<&'static str> {
    let v = vendor.trim();
    let ix = index();
    if let Some((id, _)) = ix.forms.iter().find(|(id, _)| id == v) {
        return Some(id);
    }
    let compact = |s: &str| normalise_bare(s).replace(' ', "");
    let want = compact(v);
    if want.is_empty() {
        return None;
    }
    ix.forms
        .iter()
        .find(|(id, names)| {
            compact(crate::domain::evaluation::vendor_display_name(id)) == want
                || names.iter().any(|(n, _)| n.replace(' ', "") == want)
        })
        .map(|(id, _)| id.as_str())
}

/// True when `holder` (as typed on a record) is one of the names of
/// `vendor` (a matrix id, or free text).
pub fn holder_is_vendor(holder: &str, vendor: &str) -> bool {
    holder_norm_is_vendor(&normalise(holder), vendor)
}

/// [`holder_is_vendor`] on an already normalised (padded) holder.
pub(crate) fn holder_norm_is_vendor(holder: &str, vendor: &str) -> bool {
    let h = holder.trim();
    if h.is_empty() {
        return false;
    }
    match resolve_vendor(vendor) {
        Some(id) => index()
            .forms
            .iter()
            .filter(|(v, _)| v == id)
            .flat_map(|(_, names)| names)
            .any(|(name, form_may_follow)| {
                h == name
                    || (*form_may_follow
                        && h.strip_prefix(name.as_str())
                            .and_then(|rest| rest.strip_prefix(' '))
                            .is_some_and(|form| LEGAL_FORMS.contains(&form)))
            }),
        None => {
            // Free text: the holder starts with the words typed, or is them
            // written without spaces ("HuggingFace Inc" for "Hugging Face").
            let own = normalise_bare(vendor);
            !own.is_empty()
                && (h == own
                    || h.strip_prefix(own.as_str())
                        .is_some_and(|rest| rest.starts_with(' '))
                    || h.replace(' ', "").starts_with(&own.replace(' ', "")))
        }
    }
}

/// Remembers [`holder_norm_is_vendor`]'s answers: holders and vendors repeat
/// across records and candidates.
#[derive(Default)]
pub(crate) struct HolderMemo(Vec<(String, String, bool)>);

impl HolderMemo {
    /// [`holder_norm_is_vendor`], remembered.
    pub(crate) fn is_vendor(&mut self, holder: &str, vendor: &str) -> bool {
        if let Some(&(_, _, yes)) = self.0.iter().find(|(h, v, _)| h == holder && v == vendor) {
            return yes;
        }
        let yes = holder_norm_is_vendor(holder, vendor);
        if self.0.len() >= 64 {
            self.0.clear();
        }
        self.0.push((holder.to_string(), vendor.to_string(), yes));
        yes
    }
}

/// True when two holders name the same organisation: written alike, or
/// both names of the same matrix vendor.
pub fn same_holder(a: &str, b: &str) -> bool {
    same_holder_norm(&normalise(a), &normalise(b))
}

/// [`same_holder`] on normalised (padded) holders.
pub(crate) fn same_holder_norm(a: &str, b: &str) -> bool {
    if a.trim().is_empty() || b.trim().is_empty() {
        return false;
    }
    a == b
        || index()
            .forms
            .iter()
            .any(|(id, _)| holder_norm_is_vendor(a, id) && holder_norm_is_vendor(b, id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sourced_and_covers_every_matrix_vendor() {
        let list = vendor_names();
        let ds = crate::matrix::Dataset::embedded().unwrap();
        for v in &ds.vendors {
            let names = list.vendors.iter().find(|n| n.vendor == v.id);
            let names = names.unwrap_or_else(|| panic!("{} has no entry", v.id));
            assert!(
                names.names.iter().any(|n| n.kind == NameKind::LegalName),
                "{} has no legal name",
                v.id
            );
        }
        for n in list.vendors.iter().flat_map(|v| &v.names) {
            let source = list.sources.iter().find(|s| s.id == n.source);
            let source = source.unwrap_or_else(|| panic!("{}: unknown source", n.name));
            assert!(source.url.starts_with("https://"), "{}", source.id);
            assert!(n.as_of.first_day() <= list.as_of.last_day(), "{}", n.name);
        }
    }

    #[test]
    fn holders_match_listed_names_whole() {
        assert!(holder_is_vendor("Anthropic, PBC", "anthropic"));
        assert!(holder_is_vendor("ANTHROPIC PBC", "anthropic"));
        assert!(holder_is_vendor("Anthropic Ireland, Limited", "anthropic"));
        assert!(holder_is_vendor("Amazon Web Services, Inc.", "aws"));
        assert!(holder_is_vendor("AWS", "aws"));
        assert!(holder_is_vendor("OpenAI OpCo, LLC", "openai"));
        assert!(holder_is_vendor("Mistral AI SAS", "mistral"));
        assert!(holder_is_vendor("Hugging Face, Inc.", "huggingface"));
        assert!(!holder_is_vendor("Anthropic, PBC", "aws"));
        assert!(!holder_is_vendor("Amazonia Analytics", "aws"));
        assert!(!holder_is_vendor("Amazon Web Services EMEA SARL", "aws"));
        assert!(!holder_is_vendor("Kinde Australia Pty Ltd", "anthropic"));
        assert!(!holder_is_vendor("Anthropic Inc", "anthropic"));
        assert!(!holder_is_vendor("", "aws"));
        // Free text.
        assert!(holder_is_vendor("Acme AI Ltd", "Acme AI"));
        assert!(holder_is_vendor("Google LLC", "google"));
        assert!(!holder_is_vendor("Acme", "Acme AI"));
    }

    #[test]
    fn same_holder_across_names() {
        assert!(same_holder("Anthropic, PBC", "Anthropic"));
        assert!(same_holder("Example Ltd", "EXAMPLE LTD."));
        assert!(!same_holder("Anthropic, PBC", "Amazon Web Services, Inc."));
        assert!(!same_holder("", ""));
    }
}
