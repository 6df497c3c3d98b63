//! The evaluation file: what a buyer types in (workload, policy, candidates and
//! their evidence), versioned and strict, so that a saved file or a shared link
//! opens the same way years later.
//!
//! The format is documented in `docs/evaluation-format.md`. Every object rejects
//! unknown fields, dates are `YYYY-MM-DD` strings, and [`Evaluation::from_json`]
//! names the JSON path of anything it cannot read.

use super::{format_date, parse_date, DateError, Layer, RecordField, RiskTier, Standard};
use crate::error::{curly_quotes, UserError};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;
use time::Date;

/// The newest `format` this build reads and the one it writes.
pub const FORMAT_VERSION: u32 = 1;

// ---------------------------------------------------------------------------
// Dates in serde
// ---------------------------------------------------------------------------

/// `Option<Date>` as an optional `YYYY-MM-DD` string. A missing field, `null`
/// and an empty (or blank) string all mean "not given".
mod opt_date {
    use super::*;

    pub fn serialize<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_str(&format_date(*d)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        let s: Option<String> = Option::deserialize(d)?;
        match s {
            None => Ok(None),
            Some(s) if s.trim().is_empty() => Ok(None),
            Some(s) => parse_date(&s).map(Some).map_err(serde::de::Error::custom),
        }
    }
}

/// A string trimmed of surrounding white space as it is read.
fn trimmed<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    Ok(s.trim().to_string())
}

// ---------------------------------------------------------------------------
// The evaluation
// ---------------------------------------------------------------------------

/// One evaluation: a workload, the policy it is judged by, and the candidates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evaluation {
    /// Always [`FORMAT_VERSION`] when written by this build.
    pub format: u32,
    pub workload: Workload,
    /// Sector attestations the buyer requires, in their words ("HIPAA BAA",
    /// "FedRAMP Moderate"). Each must be supported by an `attestation:` record.
    #[serde(default)]
    pub sector_attestations: Vec<String>,
    /// The date the evidence is judged on; the caller's today when absent.
    #[serde(default, with = "opt_date", skip_serializing_if = "Option::is_none")]
    pub evaluation_date: Option<Date>,
    /// The end of the contract term, when known.
    #[serde(default, with = "opt_date", skip_serializing_if = "Option::is_none")]
    pub contract_end: Option<Date>,
    /// The policy the candidates are judged by (a preset or the buyer's own).
    pub policy: Policy,
    #[serde(default)]
    pub candidates: Vec<Candidate>,
}

/// What the AI system does, in the buyer's words, and its risk tier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workload {
    #[serde(default)]
    pub name: String,
    /// What data it touches (free text).
    #[serde(default)]
    pub data: String,
    /// What it decides (free text).
    #[serde(default)]
    pub decisions: String,
    pub risk_tier: RiskTier,
}

/// The required standards for one risk tier, per layer (POLICY.md, "Preset
/// policy"). A buyer may copy a preset and edit it; it travels with the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// A name the buyer recognises ("Preset: regulated", "Acme AI policy v3").
    pub name: String,
    /// The tier this policy was written for.
    pub tier: RiskTier,
    /// Where the requirements come from.
    #[serde(default)]
    pub source: String,
    /// What the model vendor's own evidence must cover.
    #[serde(default)]
    pub model: Vec<Requirement>,
    /// What the platform's evidence must cover (hosted paths only).
    #[serde(default)]
    pub platform: Vec<Requirement>,
}

/// One requirement: any one of the standards listed satisfies it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    pub any_of: Vec<Standard>,
    #[serde(default)]
    pub level: RequirementLevel,
}

/// How hard a requirement is: a missing `required` standard fails the policy,
/// a missing `recommended` one only warns.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RequirementLevel {
    #[default]
    Required,
    Recommended,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PresetFile {
    #[allow(dead_code)]
    format: u32,
    #[allow(dead_code)]
    source: String,
    presets: Vec<Policy>,
}

fn presets() -> &'static [Policy] {
    static PRESETS: OnceLock<Vec<Policy>> = OnceLock::new();
    PRESETS.get_or_init(|| {
        let file: PresetFile = serde_json::from_str(include_str!("../../data/policy-presets.json"))
            .expect("data/policy-presets.json is valid (checked by a test)");
        file.presets
    })
}

impl Policy {
    /// The preset policy of POLICY.md for a risk tier (from source A, step 1),
    /// read from `data/policy-presets.json`.
    pub fn preset(tier: RiskTier) -> Policy {
        presets()
            .iter()
            .find(|p| p.tier == tier)
            .cloned()
            .expect("data/policy-presets.json has one preset per tier (checked by a test)")
    }

    /// The requirements for a layer (none for the customer layer).
    pub fn requirements(&self, layer: Layer) -> &[Requirement] {
        match layer {
            Layer::Model => &self.model,
            Layer::Platform => &self.platform,
            Layer::Customer => &[],
        }
    }
}

/// One way of getting the model: a vendor direct, or hosted on a platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Candidate {
    /// Stable id within the evaluation (`claude-on-bedrock`).
    pub id: String,
    /// Display name ("Claude on Amazon Bedrock").
    #[serde(default)]
    pub name: String,
    /// The model vendor: a matrix id (`anthropic`) or free text.
    pub model_vendor: String,
    /// The platform, for a hosted path; absent when the vendor is used direct.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<HostedPlatform>,
    /// The products used ("API", "fine-tuning", "Claude", "batch").
    #[serde(default)]
    pub products: Vec<String>,
    #[serde(default)]
    pub records: Vec<EvidenceRecord>,
    /// The buyer's own layer: their controls and, under 42001, their own AIMS.
    #[serde(default)]
    pub customer_notes: String,
    /// The contract checklist: for a direct candidate, the contract with the
    /// model vendor; for a hosted path, the platform agreement (the contract
    /// the buyer signs with the platform).
    #[serde(default)]
    pub contract: ContractChecklist,
    /// For a hosted path: the checklist of the model vendor's terms (absent
    /// in files written before it existed: every item is then unknown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_terms: Option<ContractChecklist>,
    /// Matches between a product and a scope statement, confirmed by a person.
    #[serde(default)]
    pub scope_confirmations: Vec<ScopeConfirmation>,
    /// Holders confirmed by hand as the vendor's subsidiary or affiliate.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holder_confirmations: Vec<HolderConfirmation>,
    /// The vendor's written public 42001 timeline, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ai_timeline: Option<AiTimeline>,
}

impl Candidate {
    /// True for a hosted path (a platform between the buyer and the model vendor).
    pub fn is_hosted(&self) -> bool {
        self.platform.is_some()
    }

    /// A hosted path whose model vendor's terms have a checklist of their own.
    pub fn has_model_terms(&self) -> bool {
        self.is_hosted() && self.model_terms.is_some()
    }

    /// The checklist of one contract (see [`ContractKind`]); `None` when the
    /// candidate has no such contract, or its answers were never given.
    pub fn checklist(&self, kind: ContractKind) -> Option<&ContractChecklist> {
        match kind {
            ContractKind::Main => Some(&self.contract),
            ContractKind::ModelTerms if self.is_hosted() => self.model_terms.as_ref(),
            ContractKind::ModelTerms => None,
        }
    }

    /// The contracts this candidate has: one for a vendor reached directly,
    /// the platform agreement and, once the buyer has started its checklist,
    /// the model vendor's terms for a hosted path. Until then the one
    /// checklist of a hosted path stands for both, as it always has, so an
    /// evaluation made before the second checklist existed is judged as
    /// before.
    pub fn contracts(&self) -> &'static [ContractKind] {
        if self.has_model_terms() {
            &[ContractKind::Main, ContractKind::ModelTerms]
        } else {
            &[ContractKind::Main]
        }
    }

    /// The contract that covers a layer's evidence: the model vendor's terms
    /// for the model layer of a hosted path, else the main contract.
    pub fn contract_for(&self, layer: Layer) -> ContractKind {
        if self.has_model_terms() && layer == Layer::Model {
            ContractKind::ModelTerms
        } else {
            ContractKind::Main
        }
    }
}

/// Which contract of a candidate a checklist is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ContractKind {
    /// `contract`: the model vendor's contract (direct), or the platform
    /// agreement (hosted path).
    Main,
    /// `model_terms`: the model vendor's terms on a hosted path.
    ModelTerms,
}

impl ContractKind {
    /// The field of the candidate that holds it.
    pub fn field(self) -> &'static str {
        match self {
            ContractKind::Main => "contract",
            ContractKind::ModelTerms => "model_terms",
        }
    }

    /// How a buyer names it, for a candidate (“the platform agreement
    /// (Amazon Web Services)”, “the model vendor's terms (Anthropic)”, “the
    /// contract with Anthropic”).
    pub fn label(self, c: &Candidate) -> String {
        let model = vendor_display_name(&c.model_vendor);
        match (self, &c.platform) {
            (ContractKind::Main, Some(p)) => {
                format!(
                    "the platform agreement ({})",
                    vendor_display_name(&p.vendor)
                )
            }
            (ContractKind::ModelTerms, _) => format!("the model vendor's terms ({model})"),
            (ContractKind::Main, None) => format!("the contract with {model}"),
        }
    }

    /// The layer whose evidence it covers, on a hosted path.
    pub fn layer(self, c: &Candidate) -> Option<Layer> {
        match (self, c.is_hosted()) {
            (_, false) => None,
            (ContractKind::Main, true) => Some(Layer::Platform),
            (ContractKind::ModelTerms, true) => Some(Layer::Model),
        }
    }
}

/// The platform of a hosted path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HostedPlatform {
    /// A matrix id (`aws`) or free text.
    pub vendor: String,
    /// The hosting service the platform certificate must name ("Amazon Bedrock").
    pub service: String,
}

/// A hand-made confirmation that a record's scope covers a product, e.g. the
/// scope says "generative AI services" and the buyer checked with the vendor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScopeConfirmation {
    pub product: String,
    pub layer: Layer,
    pub record_id: String,
    #[serde(default)]
    pub note: String,
}

/// A certificate holder confirmed by hand as the vendor's subsidiary or
/// affiliate (the holder check then says so instead of failing). It holds
/// only while the record's holder is still the one confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolderConfirmation {
    pub layer: Layer,
    pub record_id: String,
    /// The holder as confirmed (compared ignoring case and punctuation).
    pub holder: String,
    /// How it was confirmed (who, when, which document).
    #[serde(default)]
    pub note: String,
}

/// The vendor's written, public 42001 timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AiTimeline {
    /// What the vendor wrote, or where.
    #[serde(default)]
    pub text: String,
    /// The date the vendor commits to, if it gives one.
    #[serde(default, with = "opt_date", skip_serializing_if = "Option::is_none")]
    pub target_date: Option<Date>,
}

// ---------------------------------------------------------------------------
// Evidence records
// ---------------------------------------------------------------------------

/// One piece of evidence: a certificate, a SOC 2 report, an attestation, or a
/// public claim carried over from the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceRecord {
    /// Unique within its candidate.
    pub id: String,
    pub layer: Layer,
    /// The organisation named on the certificate.
    #[serde(default)]
    pub holder: String,
    /// `27001:2022`, `42001:2023`, `soc2`, `attestation:HIPAA BAA`, …
    pub standard: StandardRef,
    #[serde(default, deserialize_with = "trimmed")]
    pub certificate_number: String,
    #[serde(default)]
    pub certification_body: String,
    #[serde(default)]
    pub accreditation_body: String,
    #[serde(default, with = "opt_date", skip_serializing_if = "Option::is_none")]
    pub originally_certified: Option<Date>,
    /// Issue date of the current certificate.
    #[serde(default, with = "opt_date", skip_serializing_if = "Option::is_none")]
    pub issue_date: Option<Date>,
    #[serde(default, with = "opt_date", skip_serializing_if = "Option::is_none")]
    pub expiry_date: Option<Date>,
    #[serde(default, with = "opt_date", skip_serializing_if = "Option::is_none")]
    pub last_surveillance_audit: Option<Date>,
    /// The scope statement, as written on the certificate.
    #[serde(default)]
    pub scope: String,
    /// For a 27017, 27018 or 27701:2019 certificate: the id of the 27001
    /// record it extends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub based_on: Option<String>,
    pub source: SourceKind,
    /// When the buyer last checked this record against its source.
    #[serde(default, with = "opt_date", skip_serializing_if = "Option::is_none")]
    pub last_verified: Option<Date>,
    #[serde(default)]
    pub notes: String,
    /// SOC 2 details, for a `soc2` record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub soc2: Option<Soc2Details>,
    /// Date fields typed but not (yet) understood as a date, by field id
    /// (`"expiry_date": "13th of Smarch 2027"`): kept so that nothing typed
    /// is lost; the field's date itself stays empty until the text is a date.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub drafts: BTreeMap<RecordField, String>,
}

impl EvidenceRecord {
    /// A blank record: the UI fills it in field by field.
    pub fn new(id: impl Into<String>, layer: Layer, standard: StandardRef) -> Self {
        EvidenceRecord {
            id: id.into(),
            layer,
            holder: String::new(),
            standard,
            certificate_number: String::new(),
            certification_body: String::new(),
            accreditation_body: String::new(),
            originally_certified: None,
            issue_date: None,
            expiry_date: None,
            last_surveillance_audit: None,
            scope: String::new(),
            based_on: None,
            source: SourceKind::CertificatePdf,
            last_verified: None,
            notes: String::new(),
            soc2: None,
            drafts: BTreeMap::new(),
        }
    }

    /// True for a claim carried over from the public matrix, not yet verified.
    pub fn is_public_claim(&self) -> bool {
        self.source == SourceKind::PublicClaim
    }

    /// The date a date field holds; `None` when it is not given, or the
    /// field is not a date.
    pub fn date(&self, field: RecordField) -> Option<Date> {
        let soc2 = self.soc2.as_ref();
        match field {
            RecordField::OriginallyCertified => self.originally_certified,
            RecordField::IssueDate => self.issue_date,
            RecordField::ExpiryDate => self.expiry_date,
            RecordField::LastSurveillanceAudit => self.last_surveillance_audit,
            RecordField::LastVerified => self.last_verified,
            RecordField::Soc2PeriodStart => soc2.and_then(|s| s.period_start),
            RecordField::Soc2PeriodEnd => soc2.and_then(|s| s.period_end),
            RecordField::Soc2ReportDate => soc2.and_then(|s| s.report_date),
            RecordField::Soc2BridgeLetterEnd => soc2.and_then(|s| s.bridge_letter_end),
            _ => None,
        }
    }

    /// Sets a date field. Returns false (and changes nothing) when the
    /// field is not a date, or is a SOC 2 date on a record without SOC 2
    /// details.
    pub fn set_date(&mut self, field: RecordField, value: Option<Date>) -> bool {
        let slot = match field {
            RecordField::OriginallyCertified => &mut self.originally_certified,
            RecordField::IssueDate => &mut self.issue_date,
            RecordField::ExpiryDate => &mut self.expiry_date,
            RecordField::LastSurveillanceAudit => &mut self.last_surveillance_audit,
            RecordField::LastVerified => &mut self.last_verified,
            f => {
                let Some(s) = self.soc2.as_mut() else {
                    return false;
                };
                match f {
                    RecordField::Soc2PeriodStart => &mut s.period_start,
                    RecordField::Soc2PeriodEnd => &mut s.period_end,
                    RecordField::Soc2ReportDate => &mut s.report_date,
                    RecordField::Soc2BridgeLetterEnd => &mut s.bridge_letter_end,
                    _ => return false,
                }
            }
        };
        *slot = value;
        true
    }
}

/// The details of a SOC 2 report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Soc2Details {
    #[serde(rename = "type")]
    pub report_type: Soc2Type,
    #[serde(default)]
    pub auditor: String,
    #[serde(default, with = "opt_date", skip_serializing_if = "Option::is_none")]
    pub period_start: Option<Date>,
    #[serde(default, with = "opt_date", skip_serializing_if = "Option::is_none")]
    pub period_end: Option<Date>,
    #[serde(default, with = "opt_date", skip_serializing_if = "Option::is_none")]
    pub report_date: Option<Date>,
    #[serde(default, with = "opt_date", skip_serializing_if = "Option::is_none")]
    pub bridge_letter_end: Option<Date>,
    /// The service auditor's opinion, as the report states it (absent: not
    /// recorded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opinion: Option<Soc2Opinion>,
    /// The subservice organisations the report names, each with the method
    /// the report uses for it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subservice_organisations: Vec<SubserviceOrganisation>,
}

impl Soc2Details {
    /// A report of this type with nothing else recorded yet.
    pub fn new(report_type: Soc2Type) -> Self {
        Soc2Details {
            report_type,
            auditor: String::new(),
            period_start: None,
            period_end: None,
            report_date: None,
            bridge_letter_end: None,
            opinion: None,
            subservice_organisations: Vec::new(),
        }
    }
}

/// The opinion of a SOC 2 report (AICPA AT-C 205): only an unmodified
/// opinion says the controls are as described.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Soc2Opinion {
    /// Unmodified ("in all material respects …").
    Unqualified,
    /// "Except for …".
    Qualified,
    Adverse,
    /// The auditor disclaims an opinion.
    Disclaimer,
}

/// A subservice organisation a SOC 2 report names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubserviceOrganisation {
    pub name: String,
    pub method: SubserviceMethod,
}

/// How a SOC 2 report treats a subservice organisation's controls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SubserviceMethod {
    /// Carved out: its controls are not covered by the report.
    CarveOut,
    /// Inclusive: its controls are described and tested in the report.
    Inclusive,
}

/// SOC 2 Type I (design at a point in time) or Type II (operation over a period).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Soc2Type {
    #[serde(rename = "I")]
    TypeI,
    #[serde(rename = "II")]
    TypeII,
}

/// Where the buyer read what a record says (POLICY.md, "Inputs").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    CertificatePdf,
    AuditReport,
    TrustPortalPage,
    MarketingPage,
    Screenshot,
    PressRelease,
    IndustryReporting,
    VendorEmail,
    /// Prefilled from the public matrix, not yet verified by the buyer.
    PublicClaim,
}

impl SourceKind {
    pub const ALL: [SourceKind; 9] = [
        SourceKind::CertificatePdf,
        SourceKind::AuditReport,
        SourceKind::TrustPortalPage,
        SourceKind::MarketingPage,
        SourceKind::Screenshot,
        SourceKind::PressRelease,
        SourceKind::IndustryReporting,
        SourceKind::VendorEmail,
        SourceKind::PublicClaim,
    ];

    pub fn id(self) -> &'static str {
        match self {
            SourceKind::CertificatePdf => "certificate-pdf",
            SourceKind::AuditReport => "audit-report",
            SourceKind::TrustPortalPage => "trust-portal-page",
            SourceKind::MarketingPage => "marketing-page",
            SourceKind::Screenshot => "screenshot",
            SourceKind::PressRelease => "press-release",
            SourceKind::IndustryReporting => "industry-reporting",
            SourceKind::VendorEmail => "vendor-email",
            SourceKind::PublicClaim => "public-claim",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SourceKind::CertificatePdf => "certificate PDF",
            SourceKind::AuditReport => "audit report",
            SourceKind::TrustPortalPage => "trust-portal page",
            SourceKind::MarketingPage => "marketing page",
            SourceKind::Screenshot => "screenshot",
            SourceKind::PressRelease => "press release",
            SourceKind::IndustryReporting => "industry reporting",
            SourceKind::VendorEmail => "vendor e-mail",
            SourceKind::PublicClaim => "public claim (from the matrix, not verified)",
        }
    }
}

/// The standard a record is for, with its edition: written `27001:2022`,
/// `27017` (edition unknown), `soc2`, or `attestation:<name>` for a sector
/// attestation such as `attestation:HIPAA BAA`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum StandardRef {
    /// An ISO/IEC standard and, when known, the year of its edition.
    Iso {
        standard: Standard,
        edition: Option<u16>,
    },
    /// A SOC 2 report; its type is in the record's `soc2` details.
    Soc2,
    /// A sector attestation named by the buyer (HIPAA BAA, FedRAMP…).
    Attestation(String),
}

/// The published editions of each standard, for validation.
pub fn known_editions(standard: Standard) -> &'static [u16] {
    match standard {
        Standard::Iso27001 => &[2005, 2013, 2022],
        Standard::Iso27017 => &[2015],
        Standard::Iso27018 => &[2014, 2019, 2025],
        Standard::Iso27701 => &[2019, 2025],
        Standard::Iso42001 => &[2023],
        Standard::Soc2Type2 => &[],
    }
}

impl StandardRef {
    /// Shorthand for an ISO standard with an edition.
    pub fn iso(standard: Standard, edition: u16) -> StandardRef {
        StandardRef::Iso {
            standard,
            edition: Some(edition),
        }
    }

    /// The tracked standard, if any (`soc2` maps to [`Standard::Soc2Type2`],
    /// whatever the report's type; attestations have none).
    pub fn standard(&self) -> Option<Standard> {
        match self {
            StandardRef::Iso { standard, .. } => Some(*standard),
            StandardRef::Soc2 => Some(Standard::Soc2Type2),
            StandardRef::Attestation(_) => None,
        }
    }

    pub fn edition(&self) -> Option<u16> {
        match self {
            StandardRef::Iso { edition, .. } => *edition,
            _ => None,
        }
    }

    /// Reads the written form.
    pub fn parse(input: &str) -> Result<StandardRef, StandardError> {
        let raw = input.trim();
        let lower = raw.to_ascii_lowercase();
        if let Some(rest) = lower.strip_prefix("attestation:") {
            let name = raw[raw.len() - rest.len()..].trim();
            if name.is_empty() {
                return Err(StandardError::NoAttestationName);
            }
            return Ok(StandardRef::Attestation(name.to_string()));
        }
        let compact: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
        if compact == "soc2" {
            return Ok(StandardRef::Soc2);
        }
        let body = compact
            .strip_prefix("iso/iec")
            .or_else(|| compact.strip_prefix("iso"))
            .unwrap_or(&compact);
        let (number, edition) = match body.split_once(':') {
            Some((n, e)) => (n, Some(e)),
            None => (body, None),
        };
        let standard = Standard::from_iso_number(number)
            .ok_or_else(|| StandardError::Unknown(shorten(raw)))?;
        let edition = match edition {
            None => None,
            Some(e) if e.len() == 4 && e.bytes().all(|b| b.is_ascii_digit()) => Some(
                e.parse::<u16>()
                    .map_err(|_| StandardError::EditionNotAYear(shorten(raw)))?,
            ),
            Some(_) => return Err(StandardError::EditionNotAYear(shorten(raw))),
        };
        Ok(StandardRef::Iso { standard, edition })
    }

    /// How a buyer reads it: "ISO/IEC 27001:2022", "SOC 2", "HIPAA BAA".
    pub fn label(&self) -> String {
        self.display_label().to_string()
    }

    /// [`StandardRef::label`], to write where it is needed (`write!`)
    /// without a `String` of its own. (`StandardRef`'s own `Display` is the
    /// form written in files: `27001:2022`, `soc2`.)
    pub fn display_label(&self) -> StandardLabel<'_> {
        StandardLabel(self)
    }
}

/// How a buyer reads a standard ([`StandardRef::display_label`]).
#[derive(Debug, Clone, Copy)]
pub struct StandardLabel<'a>(&'a StandardRef);

impl fmt::Display for StandardLabel<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.write_label(f)
    }
}

/// The editions 2010 to 2030 as written after a standard (`:2022`).
const EDITION_BASE: u16 = 2010;
const EDITIONS: [&str; 21] = [
    ":2010", ":2011", ":2012", ":2013", ":2014", ":2015", ":2016", ":2017", ":2018", ":2019",
    ":2020", ":2021", ":2022", ":2023", ":2024", ":2025", ":2026", ":2027", ":2028", ":2029",
    ":2030",
];

impl StandardRef {
    /// Writes [`StandardRef::label`] to `out`. Generic over the writer, so
    /// that appending to a `String` (the engine's hot path) goes through no
    /// formatting machinery.
    pub fn write_label<W: fmt::Write + ?Sized>(&self, out: &mut W) -> fmt::Result {
        match self {
            StandardRef::Iso { standard, edition } => {
                out.write_str(standard.name())?;
                match edition {
                    Some(e) => {
                        // ":2022", from a table for the editions of this
                        // era, else written without the integer formatter.
                        if let Some(s) = e
                            .checked_sub(EDITION_BASE)
                            .and_then(|k| EDITIONS.get(usize::from(k)))
                        {
                            return out.write_str(s);
                        }
                        let mut buf = [0u8; 6];
                        let mut k = buf.len();
                        let mut n = *e;
                        loop {
                            k -= 1;
                            buf[k] = b'0' + (n % 10) as u8;
                            n /= 10;
                            if n == 0 {
                                break;
                            }
                        }
                        buf[k - 1] = b':';
                        out.write_str(std::str::from_utf8(&buf[k - 1..]).unwrap_or_default())
                    }
                    None => Ok(()),
                }
            }
            StandardRef::Soc2 => out.write_str("SOC 2"),
            StandardRef::Attestation(n) => out.write_str(n),
        }
    }
}

/// Why a standard as typed could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StandardError {
    /// `attestation:` with nothing after it.
    NoAttestationName,
    /// Not a standard this checker knows (the text, shortened).
    Unknown(String),
    /// The part after the colon is not a year (the text, shortened).
    EditionNotAYear(String),
}

impl UserError for StandardError {
    fn message(&self) -> String {
        match self {
            StandardError::NoAttestationName => {
                "an attestation needs a name after “attestation:”".into()
            }
            StandardError::Unknown(s) => format!("“{s}” is not a standard this checker knows"),
            StandardError::EditionNotAYear(s) => {
                format!("“{s}”: the edition after the colon must be a year")
            }
        }
    }

    fn help(&self) -> Option<String> {
        Some(match self {
            StandardError::NoAttestationName => "write, for example, attestation:HIPAA BAA".into(),
            StandardError::Unknown(_) => "write 27001, 27017, 27018, 27701 or 42001 with its edition (27001:2022), soc2, or attestation: and the attestation's name".into(),
            StandardError::EditionNotAYear(_) => "write the edition's year, as in 27001:2022".into(),
        })
    }
}

impl fmt::Display for StandardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for StandardError {}

fn shorten(s: &str) -> String {
    if s.chars().count() <= 40 {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(40).collect();
        out.push('…');
        out
    }
}

impl fmt::Display for StandardRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StandardRef::Iso {
                standard,
                edition: Some(e),
            } => write!(f, "{}:{e}", standard.short()),
            StandardRef::Iso {
                standard,
                edition: None,
            } => f.write_str(standard.short()),
            StandardRef::Soc2 => f.write_str("soc2"),
            StandardRef::Attestation(n) => write!(f, "attestation:{n}"),
        }
    }
}

impl Serialize for StandardRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for StandardRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        StandardRef::parse(&s).map_err(serde::de::Error::custom)
    }
}

// ---------------------------------------------------------------------------
// The contract checklist (source A, step 4)
// ---------------------------------------------------------------------------

/// An answer to one contract question.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Answer {
    Yes,
    No,
    #[default]
    Unknown,
    NotApplicable,
}

/// An answer and the buyer's note (where in the contract, who said so).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContractAnswer {
    pub answer: Answer,
    #[serde(default)]
    pub note: String,
}

/// One answer per step-4 item; an item left out counts as `unknown`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContractChecklist {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certs_named: Option<ContractAnswer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maintain_for_term: Option<ContractAnswer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_surveillance: Option<ContractAnswer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lapse_notice: Option<ContractAnswer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub termination_right: Option<ContractAnswer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zdr_window: Option<ContractAnswer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subprocessor_notice: Option<ContractAnswer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_industry_standard_wording: Option<ContractAnswer>,
}

/// The step-4 items, in the order source A lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ContractItem {
    CertsNamed,
    MaintainForTerm,
    AnnualSurveillance,
    LapseNotice,
    TerminationRight,
    ZdrWindow,
    SubprocessorNotice,
    NoIndustryStandardWording,
}

impl ContractItem {
    pub const ALL: [ContractItem; 8] = [
        ContractItem::CertsNamed,
        ContractItem::MaintainForTerm,
        ContractItem::AnnualSurveillance,
        ContractItem::LapseNotice,
        ContractItem::TerminationRight,
        ContractItem::ZdrWindow,
        ContractItem::SubprocessorNotice,
        ContractItem::NoIndustryStandardWording,
    ];

    /// The field name in the evaluation file.
    pub fn field(self) -> &'static str {
        match self {
            ContractItem::CertsNamed => "certs_named",
            ContractItem::MaintainForTerm => "maintain_for_term",
            ContractItem::AnnualSurveillance => "annual_surveillance",
            ContractItem::LapseNotice => "lapse_notice",
            ContractItem::TerminationRight => "termination_right",
            ContractItem::ZdrWindow => "zdr_window",
            ContractItem::SubprocessorNotice => "subprocessor_notice",
            ContractItem::NoIndustryStandardWording => "no_industry_standard_wording",
        }
    }

    /// The field's path from the candidate in one of its contracts
    /// (`contract.zdr_window`, `model_terms.zdr_window`).
    pub fn path_in(self, kind: ContractKind) -> &'static str {
        match kind {
            ContractKind::Main => self.path(),
            ContractKind::ModelTerms => match self {
                ContractItem::CertsNamed => "model_terms.certs_named",
                ContractItem::MaintainForTerm => "model_terms.maintain_for_term",
                ContractItem::AnnualSurveillance => "model_terms.annual_surveillance",
                ContractItem::LapseNotice => "model_terms.lapse_notice",
                ContractItem::TerminationRight => "model_terms.termination_right",
                ContractItem::ZdrWindow => "model_terms.zdr_window",
                ContractItem::SubprocessorNotice => "model_terms.subprocessor_notice",
                ContractItem::NoIndustryStandardWording => {
                    "model_terms.no_industry_standard_wording"
                }
            },
        }
    }

    /// The field's path from the candidate (`contract.zdr_window`).
    pub fn path(self) -> &'static str {
        match self {
            ContractItem::CertsNamed => "contract.certs_named",
            ContractItem::MaintainForTerm => "contract.maintain_for_term",
            ContractItem::AnnualSurveillance => "contract.annual_surveillance",
            ContractItem::LapseNotice => "contract.lapse_notice",
            ContractItem::TerminationRight => "contract.termination_right",
            ContractItem::ZdrWindow => "contract.zdr_window",
            ContractItem::SubprocessorNotice => "contract.subprocessor_notice",
            ContractItem::NoIndustryStandardWording => "contract.no_industry_standard_wording",
        }
    }

    /// The question, as the checklist asks it.
    pub fn question(self) -> &'static str {
        match self {
            ContractItem::CertsNamed => "Do the MSA and DPA name each certification (27001, 27017, 27018, 27701, and 42001 where it applies)?",
            ContractItem::MaintainForTerm => "Does the vendor commit to maintaining those certifications for the whole contract term?",
            ContractItem::AnnualSurveillance => "Does the contract give you annual confirmation of the surveillance audits?",
            ContractItem::LapseNotice => "Must the vendor notify you within 30 days if a certification is suspended, withdrawn or reduced in scope?",
            ContractItem::TerminationRight => "Can you terminate without penalty if certifications lapse (high-risk use)?",
            ContractItem::ZdrWindow => "Is Zero Data Retention in the order form, with the retention window named?",
            ContractItem::SubprocessorNotice => "Are sub-processor changes notified at least 30 days ahead, with a right to object?",
            ContractItem::NoIndustryStandardWording => "Is the contract free of vague \"industry-standard compliance\" wording?",
        }
    }
}

impl ContractChecklist {
    /// The answer to an item, if one was given.
    pub fn get(&self, item: ContractItem) -> Option<&ContractAnswer> {
        match item {
            ContractItem::CertsNamed => self.certs_named.as_ref(),
            ContractItem::MaintainForTerm => self.maintain_for_term.as_ref(),
            ContractItem::AnnualSurveillance => self.annual_surveillance.as_ref(),
            ContractItem::LapseNotice => self.lapse_notice.as_ref(),
            ContractItem::TerminationRight => self.termination_right.as_ref(),
            ContractItem::ZdrWindow => self.zdr_window.as_ref(),
            ContractItem::SubprocessorNotice => self.subprocessor_notice.as_ref(),
            ContractItem::NoIndustryStandardWording => self.no_industry_standard_wording.as_ref(),
        }
    }

    /// Sets the answer to an item.
    pub fn set(&mut self, item: ContractItem, answer: Option<ContractAnswer>) {
        let slot = match item {
            ContractItem::CertsNamed => &mut self.certs_named,
            ContractItem::MaintainForTerm => &mut self.maintain_for_term,
            ContractItem::AnnualSurveillance => &mut self.annual_surveillance,
            ContractItem::LapseNotice => &mut self.lapse_notice,
            ContractItem::TerminationRight => &mut self.termination_right,
            ContractItem::ZdrWindow => &mut self.zdr_window,
            ContractItem::SubprocessorNotice => &mut self.subprocessor_notice,
            ContractItem::NoIndustryStandardWording => &mut self.no_industry_standard_wording,
        };
        *slot = answer;
    }

    /// Every item answered `yes` (a convenience for tests and examples).
    pub fn all_yes() -> ContractChecklist {
        let mut c = ContractChecklist::default();
        for item in ContractItem::ALL {
            c.set(
                item,
                Some(ContractAnswer {
                    answer: Answer::Yes,
                    note: String::new(),
                }),
            );
        }
        c
    }
}

// ---------------------------------------------------------------------------
// Vendors
// ---------------------------------------------------------------------------

/// The vendor ids the public matrix uses, with their display names. Other
/// vendors are free text. (Their legal names, with sources, are in
/// `data/vendor-names.json`.)
pub const KNOWN_VENDORS: [(&str, &str); 8] = [
    ("openai", "OpenAI"),
    ("anthropic", "Anthropic"),
    ("aws", "Amazon Web Services"),
    ("azure", "Microsoft Azure"),
    ("google-cloud", "Google Cloud"),
    ("cohere", "Cohere"),
    ("mistral", "Mistral AI"),
    ("hugging-face", "Hugging Face"),
];

/// The display name of a known vendor id, or the text itself.
pub fn vendor_display_name(vendor: &str) -> &str {
    KNOWN_VENDORS
        .iter()
        .find(|(id, _)| *id == vendor.trim())
        .map(|(_, name)| *name)
        .unwrap_or(vendor)
}

// ---------------------------------------------------------------------------
// Parsing, with errors a buyer can act on
// ---------------------------------------------------------------------------

/// Why an evaluation file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    pub kind: FormatErrorKind,
    /// The JSON path of the offending field (`candidates[0].records[2]`);
    /// empty for the top level.
    pub path: String,
    /// 1-based line and column where the reader stopped (0 when unknown).
    pub line: usize,
    pub column: usize,
    /// The sentence for the buyer, without the position.
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatErrorKind {
    /// Not JSON at all, or cut short.
    Syntax,
    /// JSON, but a field is unknown, missing or of the wrong kind.
    Data,
    /// Written by a newer Scopewise.
    NewerFormat,
}

impl UserError for FormatError {
    fn message(&self) -> String {
        self.message.clone()
    }

    fn help(&self) -> Option<String> {
        match self.kind {
            FormatErrorKind::NewerFormat => Some("open it with a newer Scopewise".into()),
            FormatErrorKind::Syntax | FormatErrorKind::Data => None,
        }
    }
}

impl FormatError {
    /// Where the reader stopped, for a sentence: " (line 4, column 7)".
    pub fn position(&self) -> String {
        if self.line > 0 {
            format!(" (line {}, column {})", self.line, self.column)
        } else {
            String::new()
        }
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if self.line > 0 {
            write!(f, " (line {}, column {})", self.line, self.column)?;
        }
        Ok(())
    }
}

impl std::error::Error for FormatError {}

#[derive(Deserialize)]
struct FormatProbe {
    #[serde(default)]
    format: Option<VersionNumber>,
}

/// Any JSON value, read only for whether it is a whole number: how a file
/// says which version it is, before the file is read for real.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VersionNumber(pub Option<u64>);

impl<'de> Deserialize<'de> for VersionNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = VersionNumber;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_u64<E>(self, v: u64) -> Result<VersionNumber, E> {
                Ok(VersionNumber(Some(v)))
            }
            fn visit_i64<E>(self, v: i64) -> Result<VersionNumber, E> {
                Ok(VersionNumber(u64::try_from(v).ok()))
            }
            fn visit_f64<E>(self, _: f64) -> Result<VersionNumber, E> {
                Ok(VersionNumber(None))
            }
            fn visit_bool<E>(self, _: bool) -> Result<VersionNumber, E> {
                Ok(VersionNumber(None))
            }
            fn visit_str<E>(self, _: &str) -> Result<VersionNumber, E> {
                Ok(VersionNumber(None))
            }
            fn visit_unit<E>(self) -> Result<VersionNumber, E> {
                Ok(VersionNumber(None))
            }
            fn visit_none<E>(self) -> Result<VersionNumber, E> {
                Ok(VersionNumber(None))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<VersionNumber, D::Error> {
                VersionNumber::deserialize(d)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut a: A,
            ) -> Result<VersionNumber, A::Error> {
                while a.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(VersionNumber(None))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut a: A,
            ) -> Result<VersionNumber, A::Error> {
                while a
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(VersionNumber(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// Rewrites serde's wording for a buyer: no Rust type names, and what the
/// file says quoted with “ ”.
fn plain_words(msg: &str) -> String {
    let mut m = curly_quotes(msg);
    for (from, to) in [
        ("expected u32", "expected a whole number"),
        ("expected u16", "expected a whole number"),
        ("expected a sequence", "expected a list"),
        ("expected a borrowed string", "expected a string"),
        ("invalid type: map", "invalid type: an object"),
        ("invalid type: sequence", "invalid type: a list"),
        ("invalid type: unit value", "invalid type: null"),
    ] {
        m = m.replace(from, to);
    }
    // "expected struct Workload" / "expected enum Layer" / "expected struct variant…"
    for kw in [
        "expected struct ",
        "expected enum ",
        "expected tuple struct ",
    ] {
        while let Some(i) = m.find(kw) {
            let after = i + kw.len();
            let end = m[after..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .map(|e| after + e)
                .unwrap_or(m.len());
            let what = if kw.contains("enum") {
                "expected one of the listed words"
            } else {
                "expected an object"
            };
            m.replace_range(i..end, what);
        }
    }
    m
}

/// Strips serde_json's own " at line X column Y" suffix.
fn without_position(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    full.strip_suffix(&suffix).unwrap_or(&full).to_string()
}

fn join_path(path: &str, message: &str) -> String {
    if path.is_empty() || path == "." {
        return message.to_string();
    }
    // "unknown field `foo`, expected one of …" → "unknown field `foo` at p; expected one of …"
    if let Some((head, tail)) = message.split_once(", expected") {
        if head.starts_with("unknown field") || head.starts_with("unknown variant") {
            return format!("{head} at {path}; expected{tail}");
        }
    }
    format!("{message} at {path}")
}

impl Evaluation {
    /// A new, empty evaluation for a tier, judged by that tier's preset.
    pub fn new(tier: RiskTier) -> Evaluation {
        Evaluation {
            format: FORMAT_VERSION,
            workload: Workload {
                name: String::new(),
                data: String::new(),
                decisions: String::new(),
                risk_tier: tier,
            },
            sector_attestations: Vec::new(),
            evaluation_date: None,
            contract_end: None,
            policy: Policy::preset(tier),
            candidates: Vec::new(),
        }
    }

    /// Reads an evaluation file. The error names the JSON path and position
    /// of the first problem, in plain words.
    pub fn from_json(json: &str) -> Result<Evaluation, FormatError> {
        // First pass: is it JSON, and which format does it say it is?
        let probe: FormatProbe = serde_json::from_str(json).map_err(|e| FormatError {
            kind: FormatErrorKind::Syntax,
            path: String::new(),
            line: e.line(),
            column: e.column(),
            message: match e.classify() {
                serde_json::error::Category::Eof => {
                    "the file ends too early: it is not complete JSON".to_string()
                }
                serde_json::error::Category::Data => {
                    format!(
                        "the file is not an evaluation: {}",
                        plain_words(&without_position(&e))
                    )
                }
                _ if without_position(&e) == "trailing characters" => {
                    "there is more after the evaluation: the file must hold one JSON object"
                        .to_string()
                }
                _ => format!(
                    "the file is not valid JSON: {}",
                    curly_quotes(&without_position(&e))
                ),
            },
        })?;
        if let Some(v) = &probe.format {
            if let Some(n) = v.0 {
                if n > u64::from(FORMAT_VERSION) {
                    return Err(FormatError {
                        kind: FormatErrorKind::NewerFormat,
                        path: "format".into(),
                        line: 0,
                        column: 0,
                        message: format!(
                            "this file is in format {n}, newer than this checker reads (format {FORMAT_VERSION})"
                        ),
                    });
                }
                if n == 0 {
                    return Err(FormatError {
                        kind: FormatErrorKind::Data,
                        path: "format".into(),
                        line: 0,
                        column: 0,
                        message: format!("“format” must be {FORMAT_VERSION}, not 0"),
                    });
                }
            }
        }
        let mut de = serde_json::Deserializer::from_str(json);
        let eval = Evaluation::deserialize(&mut de).map_err(|e| {
            let path = super::json_path::error_path(json, &e);
            FormatError {
                kind: FormatErrorKind::Data,
                line: e.line(),
                column: e.column(),
                message: join_path(&path, &plain_words(&without_position(&e))),
                path,
            }
        })?;
        de.end().map_err(|e| FormatError {
            kind: FormatErrorKind::Syntax,
            path: String::new(),
            line: e.line(),
            column: e.column(),
            message: "there is more after the evaluation: the file must hold one JSON object"
                .into(),
        })?;
        Ok(eval)
    }

    /// Writes the evaluation as indented JSON (format [`FORMAT_VERSION`]).
    pub fn to_json_pretty(&self) -> String {
        let mut copy_format = self.clone();
        copy_format.format = FORMAT_VERSION;
        let compact = serde_json::to_string(&copy_format).expect("an evaluation always serialises");
        super::json_text::indent(&compact)
    }

    /// Every problem a person should fix, with the path of its field
    /// (`candidates[0].records[1].expiry_date`). Empty when all is well.
    /// The policy engine still runs on an evaluation with issues.
    pub fn validate(&self) -> Vec<FieldIssue> {
        let mut out = Vec::new();
        let mut push = |prefix: &str, issues: Vec<FieldIssue>| {
            for i in issues {
                out.push(FieldIssue {
                    field: if prefix.is_empty() {
                        i.field
                    } else {
                        format!("{prefix}.{}", i.field)
                    },
                    message: i.message,
                });
            }
        };
        push("", validate_header(self));
        push(
            "policy",
            validate_policy(&self.policy, self.workload.risk_tier),
        );
        let mut seen: Vec<&str> = Vec::new();
        for (ci, c) in self.candidates.iter().enumerate() {
            let p = format!("candidates[{ci}]");
            if !c.id.trim().is_empty() && seen.contains(&c.id.trim()) {
                push(
                    &p,
                    vec![issue(
                        "id",
                        format!("the candidate id “{}” is used twice", c.id.trim()),
                    )],
                );
            }
            seen.push(c.id.trim());
            push(&p, validate_candidate(c));
            for (ri, r) in c.records.iter().enumerate() {
                push(&format!("{p}.records[{ri}]"), validate_record(r));
            }
        }
        out
    }
}

// ---------------------------------------------------------------------------
// Field validation (pure functions a UI calls as the user types)
// ---------------------------------------------------------------------------

/// A problem with one field, for the UI to show next to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldIssue {
    /// The field's name, or its path relative to the object validated.
    pub field: String,
    pub message: String,
}

fn issue(field: &str, message: impl Into<String>) -> FieldIssue {
    FieldIssue {
        field: field.to_string(),
        message: message.into(),
    }
}

/// Checks one date field as typed: `Ok(None)` for blank, the date, or why
/// it is not a day.
pub fn validate_date_input(input: &str) -> Result<Option<Date>, DateError> {
    if input.trim().is_empty() {
        return Ok(None);
    }
    parse_date(input).map(Some)
}

/// Checks a standard as typed (`27001:2022`, `soc2`, `attestation:HIPAA BAA`).
pub fn validate_standard_input(input: &str) -> Result<StandardRef, StandardError> {
    StandardRef::parse(input)
}

fn before(
    out: &mut Vec<FieldIssue>,
    field: &str,
    later: Option<Date>,
    later_name: &str,
    earlier: Option<Date>,
    earlier_name: &str,
) {
    if let (Some(l), Some(e)) = (later, earlier) {
        if l < e {
            out.push(issue(
                field,
                format!(
                    "the {later_name} ({}) is before the {earlier_name} ({})",
                    format_date(l),
                    format_date(e)
                ),
            ));
        }
    }
}

fn plausible_year(out: &mut Vec<FieldIssue>, field: &str, d: Option<Date>) {
    if let Some(d) = d {
        if !(1995..=2100).contains(&d.year()) {
            out.push(issue(
                field,
                format!(
                    "{} looks mistyped: the year is out of range",
                    format_date(d)
                ),
            ));
        }
    }
}

/// Field-level problems of one evidence record.
pub fn validate_record(r: &EvidenceRecord) -> Vec<FieldIssue> {
    let mut out = Vec::new();
    if r.id.trim().is_empty() {
        out.push(issue("id", "give the record an id"));
    }
    if r.holder.trim().is_empty() && !r.is_public_claim() {
        out.push(issue(
            RecordField::Holder.id(),
            "name the organisation the certificate is issued to",
        ));
    }
    for (f, d) in [
        (
            RecordField::OriginallyCertified.id(),
            r.originally_certified,
        ),
        (RecordField::IssueDate.id(), r.issue_date),
        (RecordField::ExpiryDate.id(), r.expiry_date),
        (
            RecordField::LastSurveillanceAudit.id(),
            r.last_surveillance_audit,
        ),
        (RecordField::LastVerified.id(), r.last_verified),
    ] {
        plausible_year(&mut out, f, d);
    }
    before(
        &mut out,
        RecordField::ExpiryDate.id(),
        r.expiry_date,
        "expiry date",
        r.issue_date,
        "issue date",
    );
    before(
        &mut out,
        RecordField::IssueDate.id(),
        r.issue_date,
        "issue date",
        r.originally_certified,
        "original certification date",
    );
    before(
        &mut out,
        RecordField::LastSurveillanceAudit.id(),
        r.last_surveillance_audit,
        "last surveillance audit",
        r.originally_certified,
        "original certification date",
    );
    before(
        &mut out,
        RecordField::ExpiryDate.id(),
        r.expiry_date,
        "expiry date",
        r.last_surveillance_audit,
        "last surveillance audit",
    );
    match &r.standard {
        StandardRef::Iso { standard, edition } => {
            if let Some(e) = edition {
                let known = known_editions(*standard);
                if !known.contains(e) {
                    let list: Vec<String> = known.iter().map(|y| y.to_string()).collect();
                    out.push(issue(
                        RecordField::Standard.id(),
                        format!(
                            "{} has no {e} edition (published editions: {})",
                            standard.name(),
                            list.join(", ")
                        ),
                    ));
                }
            } else {
                let example = match known_editions(*standard).last() {
                    Some(y) => format!("{}:{y}", standard.short()),
                    None => standard.short().to_string(),
                };
                out.push(issue(
                    RecordField::Standard.id(),
                    format!("add the edition printed on the certificate (for example {example})"),
                ));
            }
            if r.soc2.is_some() {
                out.push(issue(
                    RecordField::Soc2.id(),
                    "SOC 2 details belong on a SOC 2 record",
                ));
            }
        }
        StandardRef::Soc2 => match &r.soc2 {
            None => out.push(issue(
                RecordField::Soc2.id(),
                "add the SOC 2 details: type, auditor and period",
            )),
            Some(s) => {
                before(
                    &mut out,
                    RecordField::Soc2PeriodEnd.id(),
                    s.period_end,
                    "period end",
                    s.period_start,
                    "period start",
                );
                before(
                    &mut out,
                    RecordField::Soc2ReportDate.id(),
                    s.report_date,
                    "report date",
                    s.period_end,
                    "period end",
                );
                before(
                    &mut out,
                    RecordField::Soc2BridgeLetterEnd.id(),
                    s.bridge_letter_end,
                    "bridge letter end",
                    s.period_end,
                    "period end",
                );
                if s.auditor.trim().is_empty() && !r.is_public_claim() {
                    out.push(issue(
                        RecordField::Soc2Auditor.id(),
                        "name the audit firm that signed the report",
                    ));
                }
            }
        },
        StandardRef::Attestation(_) => {
            if r.soc2.is_some() {
                out.push(issue(
                    RecordField::Soc2.id(),
                    "SOC 2 details belong on a SOC 2 record",
                ));
            }
        }
    }
    for (field, text) in &r.drafts {
        if !field.is_date() {
            out.push(issue(
                field.id(),
                "only a date that is not a date yet is kept as a draft",
            ));
        } else if r.date(*field).is_some() && !text.trim().is_empty() {
            out.push(issue(
                field.id(),
                format!(
                    "this field has a date and a draft “{}”: keep one",
                    text.trim()
                ),
            ));
        }
    }
    if let Some(b) = &r.based_on {
        if b.trim() == r.id.trim() {
            out.push(issue(
                RecordField::BasedOn.id(),
                "a record cannot be based on itself",
            ));
        }
    }
    out
}

/// Field-level problems of a candidate (not of its records).
pub fn validate_candidate(c: &Candidate) -> Vec<FieldIssue> {
    let mut out = Vec::new();
    if c.id.trim().is_empty() {
        out.push(issue("id", "give the candidate an id"));
    }
    if c.model_vendor.trim().is_empty() {
        out.push(issue("model_vendor", "name the model vendor"));
    }
    if let Some(p) = &c.platform {
        if p.vendor.trim().is_empty() {
            out.push(issue("platform.vendor", "name the platform vendor"));
        }
        if p.service.trim().is_empty() {
            out.push(issue(
                "platform.service",
                "name the hosting service the platform certificate must cover (for example Amazon Bedrock)",
            ));
        }
    }
    if c.products.iter().all(|p| p.trim().is_empty()) {
        out.push(issue(
            "products",
            "list the products you use (API, fine-tuning, batch…)",
        ));
    }
    let mut ids: Vec<&str> = Vec::new();
    for (i, r) in c.records.iter().enumerate() {
        let id = r.id.trim();
        if !id.is_empty() && ids.contains(&id) {
            out.push(issue(
                &format!("records[{i}].id"),
                format!("the record id “{id}” is used twice"),
            ));
        }
        ids.push(id);
        if let Some(b) = &r.based_on {
            if !c.records.iter().any(|o| o.id.trim() == b.trim()) {
                out.push(issue(
                    &format!("records[{i}].based_on"),
                    format!("there is no record “{}” in this candidate", b.trim()),
                ));
            }
        }
        if r.layer == Layer::Platform && c.platform.is_none() {
            out.push(issue(
                &format!("records[{i}].layer"),
                "a platform record on a direct candidate: set a platform or move the record to the model layer",
            ));
        }
    }
    for (i, s) in c.scope_confirmations.iter().enumerate() {
        if !c
            .records
            .iter()
            .any(|r| r.id.trim() == s.record_id.trim() && r.layer == s.layer)
        {
            out.push(issue(
                &format!("scope_confirmations[{i}].record_id"),
                format!(
                    "there is no {} record “{}”",
                    s.layer.id(),
                    s.record_id.trim()
                ),
            ));
        }
        if s.note.trim().is_empty() {
            out.push(issue(
                &format!("scope_confirmations[{i}].note"),
                "say how you confirmed the match (who, when, which document)",
            ));
        }
    }
    for (i, h) in c.holder_confirmations.iter().enumerate() {
        if !c
            .records
            .iter()
            .any(|r| r.id.trim() == h.record_id.trim() && r.layer == h.layer)
        {
            out.push(issue(
                &format!("holder_confirmations[{i}].record_id"),
                format!(
                    "there is no {} record “{}”",
                    h.layer.id(),
                    h.record_id.trim()
                ),
            ));
        }
        if h.note.trim().is_empty() {
            out.push(issue(
                &format!("holder_confirmations[{i}].note"),
                "say how you confirmed the affiliate (who, when, which document)",
            ));
        }
    }
    if c.model_terms.is_some() && !c.is_hosted() {
        out.push(issue(
            "model_terms",
            "the model vendor's terms are a checklist of hosted paths: a vendor reached directly has one contract",
        ));
    }
    out
}

/// Field-level problems of a policy.
pub fn validate_policy(p: &Policy, workload_tier: RiskTier) -> Vec<FieldIssue> {
    let mut out = Vec::new();
    if p.tier != workload_tier {
        out.push(issue(
            "tier",
            format!(
                "this policy is written for the {} tier but the workload is {}",
                p.tier.id(),
                workload_tier.id()
            ),
        ));
    }
    for (name, reqs) in [("model", &p.model), ("platform", &p.platform)] {
        for (i, r) in reqs.iter().enumerate() {
            if r.any_of.is_empty() {
                out.push(issue(
                    &format!("{name}[{i}].any_of"),
                    "list at least one standard",
                ));
            }
        }
    }
    out
}

fn validate_header(e: &Evaluation) -> Vec<FieldIssue> {
    let mut out = Vec::new();
    if e.format != FORMAT_VERSION {
        out.push(issue(
            "format",
            format!("“format” must be {FORMAT_VERSION}"),
        ));
    }
    if e.workload.name.trim().is_empty() {
        out.push(issue("workload.name", "name the workload"));
    }
    plausible_year(&mut out, "evaluation_date", e.evaluation_date);
    plausible_year(&mut out, "contract_end", e.contract_end);
    before(
        &mut out,
        "contract_end",
        e.contract_end,
        "contract end",
        e.evaluation_date,
        "evaluation date",
    );
    for (i, a) in e.sector_attestations.iter().enumerate() {
        if a.trim().is_empty() {
            out.push(issue(
                &format!("sector_attestations[{i}]"),
                "remove the blank attestation",
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn minimal() -> &'static str {
        r#"{
          "format": 1,
          "workload": {"name": "triage", "risk_tier": "regulated"},
          "policy": {"name": "p", "tier": "regulated", "model": [{"any_of": ["iso27001"]}]},
          "candidates": [{
            "id": "c1", "model_vendor": "anthropic", "products": ["API"],
            "records": [
              {"id": "r1", "layer": "model", "standard": "27001:2022", "source": "certificate-pdf",
               "certificate_number": "  CERT-1  ", "issue_date": "2025-01-06", "expiry_date": "2028-01-05"},
              {"id": "r2", "layer": "model", "standard": "27001:2022", "source": "certificate-pdf"}
            ]
          }]
        }"#
    }

    #[test]
    fn reads_a_minimal_file_and_trims_certificate_numbers() {
        let e = Evaluation::from_json(minimal()).unwrap();
        assert_eq!(e.candidates[0].records[0].certificate_number, "CERT-1");
        assert_eq!(
            e.candidates[0].records[0].issue_date,
            Some(date!(2025 - 01 - 06))
        );
        assert_eq!(e.policy.model[0].level, RequirementLevel::Required);
    }

    #[test]
    fn unknown_field_names_its_path_and_the_expected_fields() {
        let json = minimal().replace(
            r#""source": "certificate-pdf"}"#,
            r#""source": "certificate-pdf", "foo": 1}"#,
        );
        let err = Evaluation::from_json(&json).unwrap_err();
        assert_eq!(err.kind, FormatErrorKind::Data);
        assert!(
            err.path.starts_with("candidates[0].records[1]"),
            "{}",
            err.path
        );
        assert!(
            err.message
                .starts_with("unknown field “foo” at candidates[0].records[1]"),
            "{}",
            err.message
        );
        assert!(err.message.contains("; expected one of"), "{}", err.message);
        assert!(err.line > 0);
    }

    #[test]
    fn bad_dates_are_named_with_their_path() {
        let json = minimal().replace("2028-01-05", "2027-02-29");
        let err = Evaluation::from_json(&json).unwrap_err();
        assert!(
            err.message
                .contains("“2027-02-29” is not a day on the calendar"),
            "{}",
            err.message
        );
        assert!(
            err.message.contains("candidates[0].records[0].expiry_date"),
            "{}",
            err.message
        );
        let json = minimal().replace("2028-01-05", "05/01/2028");
        let err = Evaluation::from_json(&json).unwrap_err();
        assert!(err.message.contains("YYYY-MM-DD"), "{}", err.message);
    }

    #[test]
    fn newer_format_gets_its_own_message() {
        let json = minimal().replacen("\"format\": 1", "\"format\": 2", 1);
        let err = Evaluation::from_json(&json).unwrap_err();
        assert_eq!(err.kind, FormatErrorKind::NewerFormat);
        assert!(
            err.message
                .contains("format 2, newer than this checker reads"),
            "{}",
            err.message
        );
    }

    #[test]
    fn not_json_and_truncated_files() {
        let err = Evaluation::from_json("{ nope").unwrap_err();
        assert_eq!(err.kind, FormatErrorKind::Syntax);
        assert!(err.line == 1 && err.column > 0);
        let err = Evaluation::from_json(&minimal()[..50]).unwrap_err();
        assert!(err.message.contains("ends too early"), "{}", err.message);
        let err = Evaluation::from_json("[1, 2]").unwrap_err();
        assert!(!err.message.contains("FormatProbe"), "{}", err.message);
        let err = Evaluation::from_json(&format!("{} {{}}", minimal())).unwrap_err();
        assert!(err.message.contains("more after"), "{}", err.message);
    }

    #[test]
    fn messages_never_name_rust_types() {
        let json = minimal().replace(
            r#""workload": {"name": "triage", "risk_tier": "regulated"}"#,
            r#""workload": "triage""#,
        );
        let err = Evaluation::from_json(&json).unwrap_err();
        assert!(!err.message.contains("Workload"), "{}", err.message);
        assert!(
            err.message.contains("expected an object at workload"),
            "{}",
            err.message
        );
        let json = minimal().replacen("\"format\": 1", "\"format\": \"one\"", 1);
        let err = Evaluation::from_json(&json).unwrap_err();
        assert!(!err.message.contains("u32"), "{}", err.message);
        let json = minimal().replace("\"regulated\"}, \"", "\"medium\"}, \"");
        let _ = json;
        let json = minimal().replacen(
            "\"risk_tier\": \"regulated\"",
            "\"risk_tier\": \"medium\"",
            1,
        );
        let err = Evaluation::from_json(&json).unwrap_err();
        assert!(
            err.message
                .starts_with("unknown variant “medium” at workload.risk_tier; expected one of"),
            "{}",
            err.message
        );
        // Every error of this module keeps the style of errors a buyer reads.
        let mut errors: Vec<Box<dyn UserError>> = Vec::new();
        for bad in [
            json.as_str(),
            "{ nope",
            "[1, 2]",
            &minimal()[..50],
            &minimal().replacen("\"format\": 1", "\"format\": 2", 1),
            &minimal().replacen("\"format\": 1", "\"format\": 0", 1),
            &minimal().replace("2028-01-05", "2027-02-29"),
            &minimal().replace("2028-01-05", "05/01/2028"),
            &minimal().replace("27001:2022", "9001:2015"),
            &minimal().replace(
                r#""source": "certificate-pdf"}"#,
                r#""source": "certificate-pdf", "foo": 1}"#,
            ),
        ] {
            errors.push(Box::new(Evaluation::from_json(bad).unwrap_err()));
        }
        for bad in ["attestation:", "9001", "27001:22"] {
            errors.push(Box::new(StandardRef::parse(bad).unwrap_err()));
        }
        for bad in ["2025-02-30", "30/02/2025"] {
            errors.push(Box::new(validate_date_input(bad).unwrap_err()));
        }
        for e in &errors {
            crate::error::check_style(e.as_ref()).unwrap_or_else(|p| panic!("{p}"));
        }
    }

    #[test]
    fn missing_format_is_a_missing_field() {
        let json = minimal().replacen("\"format\": 1,", "", 1);
        let err = Evaluation::from_json(&json).unwrap_err();
        assert!(
            err.message.contains("missing field “format”"),
            "{}",
            err.message
        );
    }

    #[test]
    fn round_trips_through_pretty_json() {
        let e = Evaluation::from_json(minimal()).unwrap();
        let again = Evaluation::from_json(&e.to_json_pretty()).unwrap();
        assert_eq!(e, again);
        let example = include_str!("../../examples/evaluation.json");
        let e = Evaluation::from_json(example).unwrap();
        assert_eq!(Evaluation::from_json(&e.to_json_pretty()).unwrap(), e);
        assert!(e.validate().is_empty(), "{:?}", e.validate());
    }

    #[test]
    fn soc2_opinion_and_subservice_organisations_round_trip() {
        let json = minimal().replace(
            r#"{"id": "r2", "layer": "model", "standard": "27001:2022", "source": "certificate-pdf"}"#,
            r#"{"id": "r2", "layer": "model", "standard": "soc2", "source": "audit-report",
                "soc2": {"type": "II", "auditor": "A", "opinion": "qualified",
                         "subservice_organisations": [{"name": "Amazon Web Services, Inc.", "method": "carve-out"},
                                                      {"name": "Okta", "method": "inclusive"}]}}"#,
        );
        let e = Evaluation::from_json(&json).unwrap();
        let s = e.candidates[0].records[1].soc2.as_ref().unwrap();
        assert_eq!(s.opinion, Some(Soc2Opinion::Qualified));
        assert_eq!(s.subservice_organisations.len(), 2);
        assert_eq!(
            s.subservice_organisations[0].method,
            SubserviceMethod::CarveOut
        );
        assert_eq!(Evaluation::from_json(&e.to_json_pretty()).unwrap(), e);
        let bad = json.replace("\"inclusive\"", "\"partly\"");
        let err = Evaluation::from_json(&bad).unwrap_err().to_string();
        assert!(err.contains("subservice_organisations[1].method"), "{err}");
        // Absent, they are not written: older files and reports stay as they were.
        let plain = Evaluation::from_json(minimal()).unwrap().to_json_pretty();
        assert!(!plain.contains("opinion") && !plain.contains("subservice"));
    }

    #[test]
    fn drafts_confirmations_and_model_terms_round_trip_and_older_files_open() {
        // An older file has none of them: it opens as before, and is
        // written back without them.
        let old = Evaluation::from_json(minimal()).unwrap();
        let c = &old.candidates[0];
        assert!(c.holder_confirmations.is_empty() && c.model_terms.is_none());
        assert!(c.records.iter().all(|r| r.drafts.is_empty()));
        let back = old.to_json_pretty();
        assert!(!back.contains("drafts") && !back.contains("holder_confirmations"));
        assert!(!back.contains("model_terms"));
        // New fields round-trip.
        let json = minimal()
            .replace(
                r#""id": "r2", "layer": "model", "standard": "27001:2022", "source": "certificate-pdf"}"#,
                r#""id": "r2", "layer": "model", "standard": "27001:2022", "source": "certificate-pdf",
                    "drafts": {"expiry_date": "13th of Smarch 2027"}}"#,
            )
            .replace(
                r#""products": ["API"],"#,
                r#""products": ["API"], "platform": {"vendor": "aws", "service": "Amazon Bedrock"},
                   "model_terms": {"zdr_window": {"answer": "yes", "note": "order form v3"}},
                   "holder_confirmations": [{"layer": "model", "record_id": "r1",
                       "holder": "Anthropic Holdings UK Ltd", "note": "trust portal FAQ"}],"#,
            );
        let e = Evaluation::from_json(&json).unwrap();
        let c = &e.candidates[0];
        assert_eq!(
            c.records[1]
                .drafts
                .get(&RecordField::ExpiryDate)
                .map(String::as_str),
            Some("13th of Smarch 2027")
        );
        assert_eq!(c.holder_confirmations[0].note, "trust portal FAQ");
        assert_eq!(
            c.checklist(ContractKind::ModelTerms)
                .and_then(|m| m.get(ContractItem::ZdrWindow))
                .map(|a| a.answer),
            Some(Answer::Yes)
        );
        assert_eq!(Evaluation::from_json(&e.to_json_pretty()).unwrap(), e);
        let issues = e.validate();
        assert!(
            issues.iter().all(|i| i.field.ends_with(".holder")),
            "{issues:?}"
        );
        // A draft for a field that is not a date is named.
        let bad = json.replace(r#""expiry_date": "13th"#, r#""scope": "13th"#);
        let e = Evaluation::from_json(&bad).unwrap();
        assert!(e
            .validate()
            .iter()
            .any(|i| i.field == "candidates[0].records[1].scope"));
        let bad = json.replace(r#""drafts": {"expiry_date""#, r#""drafts": {"colour""#);
        let err = Evaluation::from_json(&bad).unwrap_err();
        assert!(
            err.message.contains("unknown record field “colour”"),
            "{}",
            err.message
        );
        // A confirmation without a note is named.
        let bad = json.replace(r#""note": "trust portal FAQ""#, r#""note": " ""#);
        let e = Evaluation::from_json(&bad).unwrap();
        assert!(e
            .validate()
            .iter()
            .any(|i| i.field == "candidates[0].holder_confirmations[0].note"));
    }

    #[test]
    fn standard_refs_parse_and_print() {
        for (input, out) in [
            ("27001:2022", "27001:2022"),
            ("ISO/IEC 27001:2013", "27001:2013"),
            ("iso 42001:2023", "42001:2023"),
            ("27701", "27701"),
            ("SOC 2", "soc2"),
            ("attestation: HIPAA BAA", "attestation:HIPAA BAA"),
        ] {
            assert_eq!(
                StandardRef::parse(input).unwrap().to_string(),
                out,
                "{input}"
            );
        }
        for bad in ["9001:2015", "27001:22", "attestation:", "", "27001:abcd"] {
            assert!(StandardRef::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            StandardRef::parse("27017:2015").unwrap().standard(),
            Some(Standard::Iso27017)
        );
        assert_eq!(StandardRef::Soc2.standard(), Some(Standard::Soc2Type2));
    }

    #[test]
    fn record_validation_catches_impossible_orders() {
        let mut r = EvidenceRecord::new(
            "r",
            Layer::Model,
            StandardRef::iso(Standard::Iso27001, 2022),
        );
        r.holder = "Anthropic".into();
        assert!(validate_record(&r).is_empty());
        r.issue_date = Some(date!(2025 - 06 - 01));
        r.expiry_date = Some(date!(2025 - 05 - 31));
        let issues = validate_record(&r);
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].field, "expiry_date");
        assert!(issues[0].message.contains("before the issue date"));
        r.expiry_date = Some(date!(2025 - 06 - 01));
        assert!(validate_record(&r).is_empty());
        r.standard = StandardRef::iso(Standard::Iso27001, 2020);
        assert_eq!(validate_record(&r)[0].field, "standard");
        r.standard = StandardRef::Soc2;
        assert_eq!(validate_record(&r)[0].field, "soc2");
        r.soc2 = Some(Soc2Details {
            report_type: Soc2Type::TypeII,
            auditor: "A-LIGN".into(),
            period_start: Some(date!(2025 - 01 - 01)),
            period_end: Some(date!(2024 - 12 - 31)),
            report_date: None,
            bridge_letter_end: None,
            opinion: None,
            subservice_organisations: Vec::new(),
        });
        assert_eq!(validate_record(&r)[0].field, "soc2.period_end");
    }

    #[test]
    fn date_inputs_as_typed() {
        assert_eq!(validate_date_input(""), Ok(None));
        assert_eq!(
            validate_date_input("2024-02-29"),
            Ok(Some(date!(2024 - 02 - 29)))
        );
        assert!(validate_date_input("2025-02-29")
            .unwrap_err()
            .message()
            .contains("not a day"));
    }

    #[test]
    fn evaluation_validate_prefixes_paths_and_finds_duplicates() {
        let mut e = Evaluation::from_json(minimal()).unwrap();
        e.candidates[0].records[1].id = "r1".into();
        let issues = e.validate();
        assert!(
            issues
                .iter()
                .any(|i| i.field == "candidates[0].records[1].id"
                    && i.message.contains("used twice")),
            "{issues:?}"
        );
        assert!(
            issues
                .iter()
                .any(|i| i.field == "candidates[0].records[0].holder"),
            "{issues:?}"
        );
    }

    #[test]
    fn presets_follow_policy_md() {
        let low = Policy::preset(RiskTier::Low);
        assert_eq!(low.model.len(), 1);
        assert_eq!(
            low.model[0].any_of,
            vec![Standard::Iso27001, Standard::Soc2Type2]
        );
        assert_eq!(low.platform[0].any_of, vec![Standard::Iso27001]);
        let reg = Policy::preset(RiskTier::Regulated);
        let req = |p: &[Requirement]| -> Vec<Standard> {
            p.iter()
                .filter(|r| r.level == RequirementLevel::Required)
                .flat_map(|r| r.any_of.clone())
                .collect()
        };
        assert_eq!(
            req(&reg.model),
            vec![
                Standard::Iso27001,
                Standard::Iso27017,
                Standard::Iso27018,
                Standard::Iso27701,
                Standard::Soc2Type2
            ]
        );
        assert_eq!(
            req(&reg.platform),
            vec![
                Standard::Iso27001,
                Standard::Iso27017,
                Standard::Iso27018,
                Standard::Iso27701
            ]
        );
        let high = Policy::preset(RiskTier::HighRisk);
        let mut want = req(&reg.model);
        want.push(Standard::Iso42001);
        assert_eq!(req(&high.model), want);
        assert_eq!(req(&high.platform), req(&reg.platform));
        assert!(high
            .platform
            .iter()
            .any(|r| r.any_of == vec![Standard::Iso42001]
                && r.level == RequirementLevel::Recommended));
        for t in RiskTier::ALL {
            assert_eq!(Policy::preset(t).tier, t);
        }
    }

    #[test]
    fn a_standard_reads_the_same_from_the_table_of_editions_and_outside_it() {
        let label = |standard, edition| StandardRef::Iso { standard, edition }.label();
        assert_eq!(label(Standard::Iso27001, Some(2022)), "ISO/IEC 27001:2022");
        assert_eq!(label(Standard::Iso27001, Some(2010)), "ISO/IEC 27001:2010");
        assert_eq!(label(Standard::Iso42001, Some(2030)), "ISO/IEC 42001:2030");
        // Outside the table, the digits are written one by one.
        assert_eq!(label(Standard::Iso27001, Some(2005)), "ISO/IEC 27001:2005");
        assert_eq!(label(Standard::Iso27018, Some(2031)), "ISO/IEC 27018:2031");
        assert_eq!(label(Standard::Iso27018, Some(7)), "ISO/IEC 27018:7");
        assert_eq!(
            label(Standard::Iso27018, Some(65535)),
            "ISO/IEC 27018:65535"
        );
        assert_eq!(label(Standard::Iso27017, None), "ISO/IEC 27017");
        assert_eq!(StandardRef::Soc2.label(), "SOC 2");
        let mut out = String::from("the ");
        StandardRef::Attestation("HIPAA BAA".into())
            .write_label(&mut out)
            .unwrap();
        assert_eq!(out, "the HIPAA BAA");
        for (k, s) in EDITIONS.iter().enumerate() {
            assert_eq!(*s, format!(":{}", usize::from(EDITION_BASE) + k));
        }
    }
}
