//! The recognised accreditation bodies (IAF MLA signatories), shipped as data
//! in `data/accreditation-bodies.json`, and how a typed name is matched.
//!
//! Matching compares the **whole** normalised text (case, punctuation and
//! white space ignored) with an entry's name, short name or alias, alone or
//! combined as "Name (SHORT)", "SHORT (Name)", "SHORT (Country)" or
//! "Name, Country". A word inside a name never matches: "UKAS Certification
//! Services Ltd" and "International Accreditation Council" are not UKAS and
//! not IAS. Short names of two letters (`NA`, `AA`) are too easily typed by
//! accident ("NA" for "not applicable"): alone they do not match; with their
//! country or full name they do.

use super::text::normalise_bare;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

/// One accreditation body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccreditationBody {
    pub name: String,
    pub short_name: String,
    pub country: String,
    /// Signatory of the IAF MLA (now Global Accreditation Cooperation).
    pub iaf_mla: bool,
    /// Other spellings seen on certificates.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// The list, with where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccreditationList {
    pub format: u32,
    pub source: String,
    /// `YYYY-MM`.
    pub as_of: crate::domain::AsOf,
    pub note: String,
    pub bodies: Vec<AccreditationBody>,
}

struct Index {
    list: AccreditationList,
    by_form: HashMap<String, usize>,
    /// The names exactly as written in the list (a fast path).
    exact: HashMap<String, usize>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let list: AccreditationList =
            serde_json::from_str(include_str!("../../data/accreditation-bodies.json"))
                .expect("data/accreditation-bodies.json is valid (checked by a test)");
        let mut by_form = HashMap::new();
        let mut exact = HashMap::new();
        for (i, b) in list.bodies.iter().enumerate() {
            if !b.iaf_mla {
                continue;
            }
            if b.short_name.chars().count() > 2 {
                exact.entry(b.short_name.clone()).or_insert(i);
            }
            exact.entry(b.name.clone()).or_insert(i);
            for form in forms(b) {
                by_form.entry(form).or_insert(i);
            }
        }
        Index {
            list,
            by_form,
            exact,
        }
    })
}

/// Every normalised text that names `b`.
fn forms(b: &AccreditationBody) -> Vec<String> {
    let short = normalise_bare(&b.short_name);
    let country = normalise_bare(&b.country);
    let mut names: Vec<String> = vec![normalise_bare(&b.name)];
    names.extend(b.aliases.iter().map(|a| normalise_bare(a)));
    names.retain(|n| !n.is_empty());
    let mut out = Vec::new();
    for n in &names {
        out.push(n.clone());
        out.push(format!("{n} {country}"));
        if !short.is_empty() {
            out.push(format!("{n} {short}"));
            out.push(format!("{short} {n}"));
        }
    }
    if !short.is_empty() {
        if short.chars().count() > 2 {
            out.push(short.clone());
        }
        out.push(format!("{short} {country}"));
    }
    out
}

/// The shipped list.
pub fn accreditation_bodies() -> &'static AccreditationList {
    &index().list
}

/// The recognised body a typed name refers to, if any.
pub fn recognised_accreditation_body(typed: &str) -> Option<&'static AccreditationBody> {
    let idx = index();
    // Fast path, no allocation: the name or short name exactly as listed.
    if let Some(&i) = idx.exact.get(typed.trim()) {
        return Some(&idx.list.bodies[i]);
    }
    let key = normalise_bare(typed);
    if key.is_empty() {
        return None;
    }
    idx.by_form.get(&key).map(|&i| &idx.list.bodies[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_is_complete_and_unique() {
        let list = accreditation_bodies();
        assert!(!list.source.is_empty());
        assert!(list.bodies.len() >= 19);
        let mut shorts = std::collections::HashSet::new();
        for b in &list.bodies {
            assert!(!b.name.trim().is_empty(), "{b:?}");
            assert!(!b.short_name.trim().is_empty(), "{b:?}");
            assert!(!b.country.trim().is_empty(), "{b:?}");
            assert!(
                shorts.insert(normalise_bare(&b.short_name)),
                "duplicate {}",
                b.short_name
            );
        }
        for required in [
            "UKAS", "ANAB", "DAkkS", "COFRAC", "ACCREDIA", "ENAC", "RvA", "DANAK", "SWEDAC",
            "JAS-ANZ", "SCC", "JAB", "IAS", "A2LA", "NABCB", "CNAS", "KAB", "Cgcre", "EGAC",
        ] {
            assert!(
                list.bodies.iter().any(|b| b.short_name == required),
                "{required} missing"
            );
        }
    }

    #[test]
    fn matches_whole_names_short_names_and_combined_forms() {
        for typed in [
            "UKAS",
            "ukas",
            "United Kingdom Accreditation Service",
            "united kingdom accreditation service (UKAS)",
            "UKAS (United Kingdom Accreditation Service)",
            "UKAS (United Kingdom)",
            "ANSI National Accreditation Board",
            "ANAB",
            "JAS-ANZ",
            "jasanz",
            "Deutsche Akkreditierungsstelle GmbH",
            "Cgcre/INMETRO",
            "Comité français d'accréditation",
            "Norwegian Accreditation (NA)",
            "NA (Norway)",
        ] {
            assert!(recognised_accreditation_body(typed).is_some(), "{typed}");
        }
        assert_eq!(
            recognised_accreditation_body("ukas").unwrap().short_name,
            "UKAS"
        );
    }

    #[test]
    fn look_alikes_and_words_inside_names_do_not_match() {
        for typed in [
            "International Accreditation Council",
            "UKAS Certification Services Ltd",
            "United Kingdom Accreditation",
            "Accreditation Service",
            "ANAB accredited",
            "IAF",
            "NA",
            "n/a",
            "AA",
            "",
            "   ",
            "Global Accreditation Cooperation",
            "International Accreditation Service Council",
        ] {
            assert!(recognised_accreditation_body(typed).is_none(), "{typed:?}");
        }
        // U.K.A.S. normalises to separate letters: not UKAS.
        assert!(recognised_accreditation_body("U.K.A.S.").is_none());
    }
}
