//! What the engine answers: per candidate a verdict, the findings (diagnostics
//! in the manner of cedar's) and a decision matrix.

use super::rules::Rule;
pub use super::values::{FieldRef, Name, Names, StandardSet, Text};
use crate::domain::evaluation::RequirementLevel;
use crate::domain::{format_date, Layer, RiskTier, Standard};
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use std::borrow::Cow;
use time::Date;

fn date_str<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format_date(*d))
}

fn opt_date_str<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&format_date(*d)),
        None => s.serialize_none(),
    }
}

/// How bad a finding is. Ordered: `Info < Warn < Fail`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Context; never changes the verdict.
    Info,
    /// The evidence may meet the policy, but a person must look.
    Warn,
    /// The evidence does not meet the policy.
    Fail,
}

impl Severity {
    pub fn id(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warn => "warn",
            Severity::Fail => "fail",
        }
    }
}

/// A candidate's verdict: the worst severity among its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    MeetsPolicy,
    Conditional,
    FailsPolicy,
}

impl Verdict {
    /// Any fail → fails policy; any warn → conditional; else meets policy.
    pub fn from_worst(worst: Option<Severity>) -> Verdict {
        match worst {
            Some(Severity::Fail) => Verdict::FailsPolicy,
            Some(Severity::Warn) => Verdict::Conditional,
            _ => Verdict::MeetsPolicy,
        }
    }

    /// The verdict of a list of findings.
    pub fn of(findings: &[Finding]) -> Verdict {
        Verdict::from_worst(findings.iter().map(|f| f.severity).max())
    }

    pub fn id(self) -> &'static str {
        match self {
            Verdict::MeetsPolicy => "meets-policy",
            Verdict::Conditional => "conditional",
            Verdict::FailsPolicy => "fails-policy",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Verdict::MeetsPolicy => "meets policy",
            Verdict::Conditional => "conditional",
            Verdict::FailsPolicy => "fails policy",
        }
    }

    /// The command line's exit code: 0, 1 or 2.
    pub fn exit_code(self) -> i32 {
        match self {
            Verdict::MeetsPolicy => 0,
            Verdict::Conditional => 1,
            Verdict::FailsPolicy => 2,
        }
    }
}

/// What a finding is about, precise enough for the UI to link to the field.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Subject {
    pub candidate: Name,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layer: Option<Layer>,
    /// The record id, for a finding about one record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<Name>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub standard: Option<Standard>,
    /// The field within the record (`expiry_date`), the candidate
    /// (`contract.zdr_window`) or the evaluation (`sector_attestations`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<FieldRef>,
}

/// One value the rule compared, by name (`expiry_date`: `2026-01-01`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Compared {
    pub name: &'static str,
    pub value: String,
}

/// One diagnostic: which rule fired, on what, why, and what to do next.
/// Serialises with the rule's id and source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule of POLICY.md (`cert.expired`, `contract.zdr-window`).
    pub rule: &'static Rule,
    pub severity: Severity,
    pub subject: Subject,
    /// The values the rule compared, in the order it compared them.
    pub values: Vec<Compared>,
    /// A sentence for a buyer (lowercase, user input in backticks).
    pub message: String,
    /// What the buyer should do next.
    pub next_step: Cow<'static, str>,
}

impl Serialize for Finding {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Finding", 7)?;
        st.serialize_field("rule", self.rule.id)?;
        st.serialize_field("severity", &self.severity)?;
        st.serialize_field("subject", &self.subject)?;
        st.serialize_field("values", &self.values)?;
        st.serialize_field("message", &self.message)?;
        st.serialize_field("next_step", &self.next_step)?;
        st.serialize_field("source", self.source())?;
        st.end()
    }
}

impl Finding {
    /// Where the rule comes from (`source A, step 2`).
    pub fn source(&self) -> &'static str {
        self.rule.source
    }

    fn sort_key(&self) -> impl Ord + '_ {
        (
            std::cmp::Reverse(self.severity),
            self.rule.id,
            &self.subject,
            &self.message,
            &self.values,
        )
    }
}

/// Sorts findings into their report order (worst first, then by rule and
/// subject), so a report never depends on the order records were typed in.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// A cell of the decision matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CellStatus {
    Pass,
    Conditional,
    Fail,
}

impl CellStatus {
    pub fn id(self) -> &'static str {
        match self {
            CellStatus::Pass => "pass",
            CellStatus::Conditional => "conditional",
            CellStatus::Fail => "fail",
        }
    }

    pub(crate) fn from_worst(worst: Option<Severity>) -> CellStatus {
        match worst {
            Some(Severity::Fail) => CellStatus::Fail,
            Some(Severity::Warn) => CellStatus::Conditional,
            _ => CellStatus::Pass,
        }
    }
}

/// One requirement of the policy (per layer) for one candidate: pass,
/// conditional or fail, with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cell {
    pub layer: Layer,
    /// "ISO/IEC 27001", "ISO/IEC 27001 or SOC 2 Type II", "HIPAA BAA".
    pub requirement: Cow<'static, str>,
    /// The standards that satisfy it (empty for a sector attestation).
    pub standards: StandardSet,
    pub level: RequirementLevel,
    pub status: CellStatus,
    /// The records the cell was decided on, sorted: for a requirement that
    /// a record supports, that one record (the best current one).
    pub records: Names,
    /// The holder of the record that decides the cell, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holder: Option<Name>,
    /// Why, in one sentence, naming the record that decides it.
    pub reason: Text,
}

/// A product found in a record's scope statement (or confirmed by hand).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScopeMatch {
    pub layer: Layer,
    pub record: Name,
    pub product: Name,
    /// The words of the scope statement that matched, as written there; for
    /// a hand confirmation, empty.
    pub matched: Name,
    /// The note of a hand confirmation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confirmed_by_hand: Option<Name>,
}

/// How many findings of each severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub fail: usize,
    pub warn: usize,
    pub info: usize,
}

impl Counts {
    pub fn of(findings: &[Finding]) -> Counts {
        let mut c = Counts::default();
        for f in findings {
            match f.severity {
                Severity::Fail => c.fail += 1,
                Severity::Warn => c.warn += 1,
                Severity::Info => c.info += 1,
            }
        }
        c
    }
}

/// The answer for one candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CandidateReport {
    pub candidate: Name,
    pub name: Name,
    pub verdict: Verdict,
    pub counts: Counts,
    /// Worst first.
    pub findings: Vec<Finding>,
    /// One cell per requirement and layer, in the policy's order, then the
    /// sector attestations.
    pub matrix: Vec<Cell>,
    pub scope_matches: Vec<ScopeMatch>,
}

/// The answer for a whole evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The report format (same numbering as the evaluation format).
    pub format: u32,
    #[serde(serialize_with = "date_str")]
    pub evaluation_date: Date,
    #[serde(
        serialize_with = "opt_date_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub contract_end: Option<Date>,
    pub risk_tier: RiskTier,
    pub policy: String,
    /// The worst verdict across candidates (meets policy when there are none).
    pub verdict: Verdict,
    pub candidates: Vec<CandidateReport>,
}

impl Report {
    /// The report as indented JSON (what `scopewise check` prints).
    pub fn to_json_pretty(&self) -> String {
        let compact = serde_json::to_string(self).expect("a report always serialises");
        crate::domain::json_text::indent(&compact)
    }

    /// The report for one candidate id.
    pub fn candidate(&self, id: &str) -> Option<&CandidateReport> {
        self.candidates.iter().find(|c| c.candidate == *id)
    }

    /// A short summary for a terminal: one line per candidate, then its
    /// fails and warnings.
    pub fn summary(&self) -> String {
        let mut out = format!(
            "evaluation date {} · tier {} · policy “{}”\n",
            format_date(self.evaluation_date),
            self.risk_tier.id(),
            self.policy
        );
        for c in &self.candidates {
            out.push_str(&format!(
                "\n{} ({}): {} — {} fail, {} warn, {} info\n",
                if c.name.is_empty() {
                    &c.candidate
                } else {
                    &c.name
                },
                c.candidate,
                c.verdict.label(),
                c.counts.fail,
                c.counts.warn,
                c.counts.info
            ));
            for f in c.findings.iter().filter(|f| f.severity != Severity::Info) {
                out.push_str(&format!(
                    "  {:<4} {}: {}\n",
                    f.severity.id(),
                    f.rule.id,
                    f.message
                ));
            }
        }
        out.push_str(&format!("\noverall: {}\n", self.verdict.label()));
        out
    }
}
