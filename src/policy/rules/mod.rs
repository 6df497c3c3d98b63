//! The rules of POLICY.md, one file per family (`tier`, `evidence`, `cert`,
//! `scope`, `layer`, `ai`, `soc2`, `verify`, `contract`, `claim`), in the
//! manner of ruff's rule files: each rule is declared next to its function,
//! with its id, its source, a typed [`SeverityPolicy`] the function itself
//! resolves (so the declaration and the code cannot disagree), the
//! circumstances in which it reports lower ([`Ease`]), what it applies to,
//! and its thresholds as named constants.
//!
//! [`RULES`] is built from the families. A finding refers to its rule as
//! `&'static Rule` and serialises as the rule's id.

/// Declares a rule: `rule!(/// doc NAME = "id", "source", Policy, [Eases], applies_to);`
macro_rules! rule {
    ($(#[$m:meta])* $name:ident = $id:literal, $source:literal, $sev:ident, [$($ease:ident),*], $applies:expr) => {
        $(#[$m])*
        pub static $name: $crate::policy::rules::Rule = $crate::policy::rules::Rule {
            id: $id,
            source: $source,
            severity: $crate::policy::rules::SeverityPolicy::$sev,
            eases: &[$($crate::policy::rules::Ease::$ease),*],
            applies_to: $applies,
        };
    };
}

pub mod ai;
pub mod cert;
pub mod claim;
pub mod contract;
pub mod evidence;
pub mod layer;
pub mod scope;
pub mod soc2;
pub mod tier;
pub mod verify;

use super::context::Ctx;
use super::report::Severity;
use crate::domain::evaluation::{EvidenceRecord, RequirementLevel, StandardRef};
use crate::domain::RiskTier;
use std::fmt;
use std::sync::LazyLock;

/// How severe a rule's findings are, as POLICY.md states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeverityPolicy {
    Fail,
    Warn,
    Info,
    /// Fail where the record supports a standard the policy requires at its
    /// layer (or a sector attestation the buyer named); warn otherwise.
    WarnUnlessRequired,
    /// Fail for a `required` requirement, warn for a `recommended` one.
    ByRequirementLevel,
    /// Fail for the high-risk tier, warn for the others.
    FailIfHighRisk,
    /// Fail for the high-risk tier, information for the others.
    FailIfHighRiskElseInfo,
    /// Fail for the high-risk tier, warn for the regulated tier; the rule
    /// does not apply to the low tier.
    FailIfHighRiskWarnIfRegulated,
    /// Information; warn when what it is about has no evidence of its own
    /// on file.
    InfoUnlessUncovered,
}

/// What a finding's severity depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Circumstances {
    /// The record supports a required standard (always true for candidate
    /// findings).
    pub required: bool,
    /// The level of the requirement the finding is about.
    pub level: RequirementLevel,
    pub tier: RiskTier,
    /// What the finding is about has no evidence of its own on file.
    pub uncovered: bool,
}

impl SeverityPolicy {
    /// The severity in these circumstances; `None` when the rule does not
    /// apply in them.
    pub fn resolve(self, c: &Circumstances) -> Option<Severity> {
        let high = c.tier == RiskTier::HighRisk;
        Some(match self {
            SeverityPolicy::Fail => Severity::Fail,
            SeverityPolicy::Warn => Severity::Warn,
            SeverityPolicy::Info => Severity::Info,
            SeverityPolicy::WarnUnlessRequired if c.required => Severity::Fail,
            SeverityPolicy::WarnUnlessRequired => Severity::Warn,
            SeverityPolicy::ByRequirementLevel => match c.level {
                RequirementLevel::Required => Severity::Fail,
                RequirementLevel::Recommended => Severity::Warn,
            },
            SeverityPolicy::FailIfHighRisk if high => Severity::Fail,
            SeverityPolicy::FailIfHighRisk => Severity::Warn,
            SeverityPolicy::FailIfHighRiskElseInfo if high => Severity::Fail,
            SeverityPolicy::FailIfHighRiskElseInfo => Severity::Info,
            SeverityPolicy::FailIfHighRiskWarnIfRegulated => match c.tier {
                RiskTier::HighRisk => Severity::Fail,
                RiskTier::Regulated => Severity::Warn,
                RiskTier::Low => return None,
            },
            SeverityPolicy::InfoUnlessUncovered if c.uncovered => Severity::Warn,
            SeverityPolicy::InfoUnlessUncovered => Severity::Info,
        })
    }

    /// The policy in POLICY.md's words.
    pub fn describe(self) -> &'static str {
        match self {
            SeverityPolicy::Fail => "fail",
            SeverityPolicy::Warn => "warn",
            SeverityPolicy::Info => "info",
            SeverityPolicy::WarnUnlessRequired => "fail for required standards, warn otherwise",
            SeverityPolicy::ByRequirementLevel => "fail (required) / warn (recommended)",
            SeverityPolicy::FailIfHighRisk => "fail (high-risk) / warn (others)",
            SeverityPolicy::FailIfHighRiskElseInfo => "fail (high-risk) / info (others)",
            SeverityPolicy::FailIfHighRiskWarnIfRegulated => "fail (high-risk) / warn (regulated)",
            SeverityPolicy::InfoUnlessUncovered => "info (warn when it has no evidence of its own)",
        }
    }
}

/// A circumstance in which a rule reports below its policy. Each rule lists
/// the ones it uses (`docs/policy-decisions.md` says why).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ease {
    /// A vendor e-mail is a statement about the evidence, not marketing: warn.
    StatementAboutEvidence,
    /// The buyer confirmed it by hand, with a note (info).
    ConfirmedByHand,
    /// The contract item is marked not applicable (info).
    NotApplicable,
    /// The contract commits the vendor to maintaining its certifications for
    /// the term (info).
    CommittedForTerm,
}

impl Ease {
    /// The most a finding so eased can be.
    pub fn severity(self) -> Severity {
        match self {
            Ease::StatementAboutEvidence => Severity::Warn,
            Ease::ConfirmedByHand | Ease::NotApplicable | Ease::CommittedForTerm => Severity::Info,
        }
    }
}

/// The kinds of evidence record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    /// An ISO/IEC certificate.
    Iso,
    /// A SOC 2 report.
    Soc2,
    /// A sector attestation (HIPAA BAA, FedRAMP…).
    Attestation,
}

impl RecordKind {
    pub fn of(r: &EvidenceRecord) -> RecordKind {
        match r.standard {
            StandardRef::Iso { .. } => RecordKind::Iso,
            StandardRef::Soc2 => RecordKind::Soc2,
            StandardRef::Attestation(_) => RecordKind::Attestation,
        }
    }
}

/// What a rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppliesTo {
    /// Each evidence record of these kinds; public claims from the matrix
    /// only when `public_claims` (they are not evidence).
    Records {
        kinds: &'static [RecordKind],
        public_claims: bool,
    },
    /// A requirement of the policy at a layer, when no verified record
    /// supports it (the decision matrix).
    Requirement,
    /// The candidate as a whole.
    Candidate,
    /// One answer of the contract checklist.
    ContractAnswer,
}

/// Every kind of record.
pub const ANY_RECORD: &[RecordKind] = &[RecordKind::Iso, RecordKind::Soc2, RecordKind::Attestation];

/// A record rule for records of these kinds (public claims excluded).
pub const fn records(kinds: &'static [RecordKind]) -> AppliesTo {
    AppliesTo::Records {
        kinds,
        public_claims: false,
    }
}

impl AppliesTo {
    /// True when a record rule runs on `r`.
    pub fn admits(self, r: &EvidenceRecord) -> bool {
        self.admits_kind(RecordKind::of(r), r.is_public_claim())
    }

    /// True when a record rule runs on a record of `kind` (a public claim
    /// when `public_claim`).
    pub fn admits_kind(self, kind: RecordKind, public_claim: bool) -> bool {
        match self {
            AppliesTo::Records {
                kinds,
                public_claims,
            } => kinds.contains(&kind) && (public_claims || !public_claim),
            _ => false,
        }
    }
}

/// A rule of POLICY.md.
#[derive(Debug)]
pub struct Rule {
    /// The stable id (`cert.expired`).
    pub id: &'static str,
    /// Where the rule comes from (`source A, step 2`).
    pub source: &'static str,
    pub severity: SeverityPolicy,
    /// When it reports lower than its policy.
    pub eases: &'static [Ease],
    pub applies_to: AppliesTo,
}

impl PartialEq for Rule {
    fn eq(&self, other: &Rule) -> bool {
        self.id == other.id
    }
}

impl Eq for Rule {}

/// A rule equals its id.
impl PartialEq<str> for Rule {
    fn eq(&self, id: &str) -> bool {
        self.id == id
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id)
    }
}

/// A record rule and the function that checks one record for it.
pub(crate) struct RecordCheck {
    pub rule: &'static Rule,
    pub check: fn(&mut Ctx, usize),
}

/// Pairs a record rule with its check.
pub(crate) const fn check(rule: &'static Rule, check: fn(&mut Ctx, usize)) -> RecordCheck {
    RecordCheck { rule, check }
}

/// Every record rule, family by family.
pub(crate) const RECORD_CHECKS: [&[RecordCheck]; 6] = [
    claim::RECORD_CHECKS,
    evidence::RECORD_CHECKS,
    verify::RECORD_CHECKS,
    cert::RECORD_CHECKS,
    soc2::RECORD_CHECKS,
    scope::RECORD_CHECKS,
];

/// The checks that run on a record, in [`RECORD_CHECKS`]' order: those whose
/// rule [admits](AppliesTo::admits) it. Worked out once per kind of record
/// (its [`RecordKind`], and whether it is a public claim).
pub(crate) fn record_checks(r: &EvidenceRecord) -> &'static [fn(&mut Ctx, usize)] {
    type Checks = Vec<fn(&mut Ctx, usize)>;
    static BY_KIND: LazyLock<[Checks; 6]> = LazyLock::new(|| {
        let slot = |kind: RecordKind, public_claim: bool| -> Checks {
            RECORD_CHECKS
                .iter()
                .flat_map(|family| family.iter())
                .filter(|c| c.rule.applies_to.admits_kind(kind, public_claim))
                .map(|c| c.check)
                .collect()
        };
        [
            slot(RecordKind::Iso, false),
            slot(RecordKind::Soc2, false),
            slot(RecordKind::Attestation, false),
            slot(RecordKind::Iso, true),
            slot(RecordKind::Soc2, true),
            slot(RecordKind::Attestation, true),
        ]
    });
    let kind = match RecordKind::of(r) {
        RecordKind::Iso => 0,
        RecordKind::Soc2 => 1,
        RecordKind::Attestation => 2,
    };
    &BY_KIND[kind + if r.is_public_claim() { 3 } else { 0 }]
}

/// The families, by name, with their rules.
pub static FAMILIES: [(&str, &[&Rule]); 10] = [
    ("tier", tier::RULES),
    ("evidence", evidence::RULES),
    ("cert", cert::RULES),
    ("scope", scope::RULES),
    ("layer", layer::RULES),
    ("ai", ai::RULES),
    ("soc2", soc2::RULES),
    ("verify", verify::RULES),
    ("contract", &contract::RULES),
    ("claim", claim::RULES),
];

/// Every rule the engine applies.
pub static RULES: LazyLock<Vec<&'static Rule>> = LazyLock::new(|| {
    FAMILIES
        .iter()
        .flat_map(|(_, r)| r.iter().copied())
        .collect()
});

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.id == id)
}
