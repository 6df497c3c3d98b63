//! The public standards matrix: what each AI vendor *publicly claims*, per
//! standard, each claim with its source and the date it is as of.
//!
//! The data lives in `data/matrix.json` (under version control, embedded at
//! build time). Nothing here is verified evidence: the app shows every cell as
//! a public claim to be checked against the current certificate PDF. Where
//! sources disagree, every claim is kept and the cell is marked disputed; the
//! matrix never silently picks one.

use crate::domain::{AsOf, Standard};
use crate::error::{curly_quotes, UserError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::sync::OnceLock;
use time::Date;

/// The data file, embedded at build time.
pub const MATRIX_JSON: &str = include_str!("../../data/matrix.json");

/// The data format this code reads.
pub const FORMAT: u32 = 1;

/// What a source says about one vendor and one standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Certified (for SOC 2: a Type II report is available).
    Certified,
    /// Certified for some services or products only.
    Partial,
    /// Work under way, no certificate yet.
    InProgress,
    /// The source says the status is evolving and must be verified.
    Verify,
    /// The source says nothing about it.
    NotStated,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Certified,
        Status::Partial,
        Status::InProgress,
        Status::Verify,
        Status::NotStated,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Status::Certified => "certified",
            Status::Partial => "partial",
            Status::InProgress => "in-progress",
            Status::Verify => "verify",
            Status::NotStated => "not-stated",
        }
    }

    /// The status in words, for a standard (SOC 2 is attested, not certified).
    pub fn label(self, standard: Standard) -> &'static str {
        match (self, standard.is_iso()) {
            (Status::Certified, true) => "Certified",
            (Status::Certified, false) => "Report available",
            (Status::Partial, _) => "Some services",
            (Status::InProgress, _) => "In progress",
            (Status::Verify, _) => "Evolving: verify",
            (Status::NotStated, _) => "Not stated",
        }
    }

    /// A symbol shown beside the words: status is never told by colour alone.
    pub fn symbol(self) -> &'static str {
        match self {
            Status::Certified => "✓",
            Status::Partial => "◐",
            Status::InProgress => "…",
            Status::Verify => "?",
            Status::NotStated => "–",
        }
    }
}

/// Where a claim comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Short id used by claims (`A`, `B`, `anthropic-42001`, …).
    pub id: String,
    /// The article's or page's title.
    pub title: String,
    pub publisher: String,
    /// The page's address, where it is known.
    #[serde(default)]
    pub url: Option<String>,
    /// When it was published or last verified.
    pub date: AsOf,
    /// What kind of source this is (comparison article, vendor announcement, registry…).
    pub kind: String,
    /// A caveat about the source itself, if any.
    #[serde(default)]
    pub note: Option<String>,
}

/// One public claim about one vendor and one standard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    pub vendor: String,
    pub standard: Standard,
    pub status: Status,
    /// The scope words the source gives (services, products), if any.
    #[serde(default)]
    pub scope: Option<String>,
    /// The edition, where the source names it (`27001:2022`).
    #[serde(default)]
    pub edition: Option<String>,
    /// The id of the source in `sources`.
    pub source: String,
    /// The address the source cites for this claim, if any.
    #[serde(default)]
    pub cited_url: Option<String>,
    /// The date the claim is as of (publication of the source, usually).
    pub as_of: AsOf,
    /// When the vendor announced it (an announcement date is not an issue date).
    #[serde(default)]
    pub announced: Option<AsOf>,
    /// The certificate's effective date, when the source states one.
    #[serde(default)]
    pub effective: Option<AsOf>,
    /// The certification body named by the source, if any.
    #[serde(default)]
    pub certification_body: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A sourced fact about a vendor (certification bodies, report access, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub text: String,
    pub source: String,
    pub as_of: AsOf,
}

/// How a customer gets the full certificate or report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReportAccess {
    /// A trust portal, after signing an NDA.
    NdaPortal,
    /// A self-service console for customers.
    SelfService,
    /// A public trust or security page.
    TrustPage,
    /// Ask the vendor's security team.
    AskVendor,
}

impl ReportAccess {
    pub fn label(self) -> &'static str {
        match self {
            ReportAccess::NdaPortal => "Trust portal, under NDA",
            ReportAccess::SelfService => "Self-service for customers",
            ReportAccess::TrustPage => "Vendor's security page",
            ReportAccess::AskVendor => "Ask the vendor",
        }
    }
}

/// A provider in the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vendor {
    pub id: String,
    pub name: String,
    /// Where the evidence is, in the source's words.
    pub evidence_at: Fact,
    pub report_access: ReportAccess,
    pub certification_bodies: Fact,
    pub latest_certificate: Fact,
    pub renewal: Fact,
    pub best_fit: Fact,
}

/// Who covers one layer of a path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LayerCover {
    /// The vendor's id in the matrix, when it is one of the matrix's vendors.
    #[serde(default)]
    pub vendor: Option<String>,
    /// The organisation whose certificate covers this layer.
    pub organisation: String,
    /// What that certificate's scope must name (the service or product).
    pub must_name: String,
}

/// How a model is reached: a vendor direct, or a model hosted on a platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Path {
    pub id: String,
    pub name: String,
    /// The hyperscaler's layer; `None` when the vendor is reached directly.
    #[serde(default)]
    pub platform: Option<LayerCover>,
    pub model: LayerCover,
    pub source: String,
    pub as_of: AsOf,
    #[serde(default)]
    pub note: Option<String>,
}

impl Path {
    pub fn is_hosted(&self) -> bool {
        self.platform.is_some()
    }
}

/// The whole public dataset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    pub format: u32,
    /// The date the dataset as a whole is as of.
    #[serde(with = "date_serde")]
    pub as_of: Date,
    pub sources: Vec<Source>,
    pub vendors: Vec<Vendor>,
    pub claims: Vec<Claim>,
    pub paths: Vec<Path>,
}

/// How a cell of the matrix resolves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellStatus {
    /// Every claim agrees.
    Agreed(Status),
    /// Sources disagree: every claim is shown, none is picked.
    Disputed,
}

impl CellStatus {
    pub fn id(self) -> &'static str {
        match self {
            CellStatus::Agreed(s) => s.id(),
            CellStatus::Disputed => "disputed",
        }
    }

    pub fn label(self, standard: Standard) -> &'static str {
        match self {
            CellStatus::Agreed(s) => s.label(standard),
            CellStatus::Disputed => "Disputed",
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            CellStatus::Agreed(s) => s.symbol(),
            CellStatus::Disputed => "⚠",
        }
    }
}

/// One cell: a vendor × a standard, with every claim behind it.
#[derive(Debug, Clone)]
pub struct Cell<'a> {
    pub vendor: &'a Vendor,
    pub standard: Standard,
    pub claims: Vec<&'a Claim>,
    pub status: CellStatus,
}

impl Cell<'_> {
    /// The statuses the sources give, each once, in order.
    pub fn statuses(&self) -> Vec<Status> {
        self.claims
            .iter()
            .map(|c| c.status)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    }

    /// The most recent date any claim in the cell is as of.
    pub fn latest_as_of(&self) -> Option<AsOf> {
        self.claims
            .iter()
            .map(|c| c.as_of)
            .max_by_key(|a| a.last_day())
    }
}

/// Serde's `Date` support needs a feature this crate does not pull in; the
/// dataset's own date is parsed by hand, strictly.
mod date_serde {
    use crate::domain::{format_date, parse_date};
    use serde::{Deserialize, Deserializer, Serializer};
    use time::Date;

    pub fn serialize<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format_date(*d))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        parse_date(&s).map_err(serde::de::Error::custom)
    }
}

/// Why the matrix data could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MatrixError {
    /// Not JSON, or not the shape of the dataset.
    Unreadable { path: String, detail: String },
    /// A format this build does not read.
    Format(u32),
    /// Read, but inconsistent: each problem in words.
    Invalid(Vec<String>),
}

impl UserError for MatrixError {
    fn message(&self) -> String {
        match self {
            MatrixError::Unreadable { path, detail } => {
                format!(
                    "the matrix data cannot be read at {path}: {}",
                    curly_quotes(detail)
                )
            }
            MatrixError::Format(n) => {
                format!("the matrix data is in format {n}, not the supported format {FORMAT}")
            }
            MatrixError::Invalid(problems) => format!(
                "the matrix data is inconsistent: {}",
                curly_quotes(&problems.join("; "))
            ),
        }
    }

    fn help(&self) -> Option<String> {
        Some("reload the page; if it persists, the published matrix is broken".into())
    }
}

impl std::fmt::Display for MatrixError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for MatrixError {}

impl Dataset {
    /// Parses and validates a dataset.
    pub fn from_json(json: &str) -> Result<Dataset, MatrixError> {
        let ds: Dataset = serde_json::from_str(json).map_err(|e| MatrixError::Unreadable {
            path: crate::domain::json_path::error_path(json, &e),
            detail: e.to_string(),
        })?;
        if ds.format != FORMAT {
            return Err(MatrixError::Format(ds.format));
        }
        let problems = ds.problems();
        if problems.is_empty() {
            Ok(ds)
        } else {
            Err(MatrixError::Invalid(problems))
        }
    }

    /// The embedded dataset, parsed once.
    pub fn embedded() -> Result<&'static Dataset, &'static MatrixError> {
        static CELL: OnceLock<Result<Dataset, MatrixError>> = OnceLock::new();
        CELL.get_or_init(|| Dataset::from_json(MATRIX_JSON))
            .as_ref()
    }

    pub fn vendor(&self, id: &str) -> Option<&Vendor> {
        self.vendors.iter().find(|v| v.id == id)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    pub fn path(&self, id: &str) -> Option<&Path> {
        self.paths.iter().find(|p| p.id == id)
    }

    /// The cell of a vendor and a standard; `None` for an unknown vendor.
    pub fn cell(&self, vendor_id: &str, standard: Standard) -> Option<Cell<'_>> {
        let vendor = self.vendor(vendor_id)?;
        let claims: Vec<&Claim> = self
            .claims
            .iter()
            .filter(|c| c.vendor == vendor_id && c.standard == standard)
            .collect();
        let distinct: BTreeSet<Status> = claims.iter().map(|c| c.status).collect();
        let status = match distinct.len() {
            0 => CellStatus::Agreed(Status::NotStated),
            1 => CellStatus::Agreed(*distinct.iter().next()?),
            _ => CellStatus::Disputed,
        };
        Some(Cell {
            vendor,
            standard,
            claims,
            status,
        })
    }

    /// Whole days between the dataset's as-of date and `today`.
    pub fn age_days(&self, today: Date) -> i64 {
        (today - self.as_of).whole_days()
    }

    /// Everything wrong with the dataset; empty when it is sound. The rules:
    /// every vendor × standard has at least one claim; every claim, fact and
    /// path cites a known source and is dated no later than the dataset; a
    /// "not stated" claim stands alone in its cell; ids are unique.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut ids = BTreeSet::new();
        for s in &self.sources {
            if !ids.insert(s.id.as_str()) {
                out.push(format!("source `{}` appears twice", s.id));
            }
            if let Some(u) = &s.url {
                if !u.starts_with("https://") {
                    out.push(format!("source `{}` url is not https", s.id));
                }
            }
        }
        let known_source = |id: &str| self.sources.iter().any(|s| s.id == id);
        let dated_ok = |a: &AsOf| a.first_day() <= self.as_of;
        let mut vendor_ids = BTreeSet::new();
        for v in &self.vendors {
            if !vendor_ids.insert(v.id.as_str()) {
                out.push(format!("vendor `{}` appears twice", v.id));
            }
            for (what, f) in [
                ("evidence_at", &v.evidence_at),
                ("certification_bodies", &v.certification_bodies),
                ("latest_certificate", &v.latest_certificate),
                ("renewal", &v.renewal),
                ("best_fit", &v.best_fit),
            ] {
                if !known_source(&f.source) {
                    out.push(format!("vendor `{}` {what} cites unknown source", v.id));
                }
                if f.text.trim().is_empty() {
                    out.push(format!("vendor `{}` {what} is empty", v.id));
                }
                if !dated_ok(&f.as_of) {
                    out.push(format!(
                        "vendor `{}` {what} is dated after the dataset",
                        v.id
                    ));
                }
            }
            for std in Standard::ALL {
                let claims: Vec<&Claim> = self
                    .claims
                    .iter()
                    .filter(|c| c.vendor == v.id && c.standard == std)
                    .collect();
                if claims.is_empty() {
                    out.push(format!("`{}` × {} has no claim", v.id, std.id()));
                }
                if claims.len() > 1 && claims.iter().any(|c| c.status == Status::NotStated) {
                    out.push(format!(
                        "`{}` × {}: a not-stated claim must stand alone",
                        v.id,
                        std.id()
                    ));
                }
            }
        }
        for (i, c) in self.claims.iter().enumerate() {
            if !vendor_ids.contains(c.vendor.as_str()) {
                out.push(format!("claim {i} names unknown vendor `{}`", c.vendor));
            }
            if !known_source(&c.source) {
                out.push(format!("claim {i} cites unknown source `{}`", c.source));
            }
            if !dated_ok(&c.as_of) {
                out.push(format!("claim {i} is dated after the dataset"));
            }
            if let Some(u) = &c.cited_url {
                if !u.starts_with("https://") {
                    out.push(format!("claim {i} cited_url is not https"));
                }
            }
            if let (Some(a), Some(e)) = (c.announced, c.effective) {
                if e.first_day() > a.last_day() {
                    out.push(format!("claim {i} is effective after it was announced"));
                }
            }
        }
        let mut path_ids = BTreeSet::new();
        for p in &self.paths {
            if !path_ids.insert(p.id.as_str()) {
                out.push(format!("path `{}` appears twice", p.id));
            }
            if !known_source(&p.source) {
                out.push(format!("path `{}` cites unknown source", p.id));
            }
            for cover in p.platform.iter().chain(std::iter::once(&p.model)) {
                if let Some(v) = &cover.vendor {
                    if !vendor_ids.contains(v.as_str()) {
                        out.push(format!("path `{}` names unknown vendor `{v}`", p.id));
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests;
