//! The vocabulary of Scopewise: standards, layers, risk tiers and dates.
//!
//! Pure Rust: no browser or UI crate may be used here, so the core is tested
//! natively and could move to a crate of its own.

pub mod date_text;
mod dates;
pub mod evaluation;
mod field;
pub mod json_path;
pub mod json_text;

pub use date_text::{human_date, parse_date_input, DateRead, DayMonthOrder};
pub use dates::{format_date, parse_date, AsOf, DateError};
pub use field::RecordField;

use serde::{Deserialize, Serialize};
use std::fmt;

/// The management-system standards and the attestation the matrix tracks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Standard {
    #[serde(rename = "iso27001")]
    Iso27001,
    #[serde(rename = "iso27017")]
    Iso27017,
    #[serde(rename = "iso27018")]
    Iso27018,
    #[serde(rename = "iso27701")]
    Iso27701,
    #[serde(rename = "iso42001")]
    Iso42001,
    #[serde(rename = "soc2-type2")]
    Soc2Type2,
}

impl Standard {
    /// Every standard, in the order the matrix shows them.
    pub const ALL: [Standard; 6] = [
        Standard::Iso27001,
        Standard::Iso27017,
        Standard::Iso27018,
        Standard::Iso27701,
        Standard::Iso42001,
        Standard::Soc2Type2,
    ];

    /// The stable identifier used in data files, links and exports.
    pub fn id(self) -> &'static str {
        match self {
            Standard::Iso27001 => "iso27001",
            Standard::Iso27017 => "iso27017",
            Standard::Iso27018 => "iso27018",
            Standard::Iso27701 => "iso27701",
            Standard::Iso42001 => "iso42001",
            Standard::Soc2Type2 => "soc2-type2",
        }
    }

    /// Parses the stable identifier back.
    pub fn from_id(id: &str) -> Option<Standard> {
        Standard::ALL.into_iter().find(|s| s.id() == id)
    }

    /// The ISO/IEC standard with this number (`"27001"`); SOC 2 has none.
    pub fn from_iso_number(number: &str) -> Option<Standard> {
        match number {
            "27001" => Some(Standard::Iso27001),
            "27017" => Some(Standard::Iso27017),
            "27018" => Some(Standard::Iso27018),
            "27701" => Some(Standard::Iso27701),
            "42001" => Some(Standard::Iso42001),
            _ => None,
        }
    }

    /// The full name a buyer reads on a certificate.
    pub fn name(self) -> &'static str {
        match self {
            Standard::Iso27001 => "ISO/IEC 27001",
            Standard::Iso27017 => "ISO/IEC 27017",
            Standard::Iso27018 => "ISO/IEC 27018",
            Standard::Iso27701 => "ISO/IEC 27701",
            Standard::Iso42001 => "ISO/IEC 42001",
            Standard::Soc2Type2 => "SOC 2 Type II",
        }
    }

    /// A short column heading.
    pub fn short(self) -> &'static str {
        match self {
            Standard::Iso27001 => "27001",
            Standard::Iso27017 => "27017",
            Standard::Iso27018 => "27018",
            Standard::Iso27701 => "27701",
            Standard::Iso42001 => "42001",
            Standard::Soc2Type2 => "SOC 2 II",
        }
    }

    /// What the standard certifies, in one line (DOMAIN.md).
    pub fn subject(self) -> &'static str {
        match self {
            Standard::Iso27001 => "information security management system (ISMS)",
            Standard::Iso27017 => "cloud-specific security controls",
            Standard::Iso27018 => "protection of personal data in public clouds",
            Standard::Iso27701 => "privacy information management system (PIMS)",
            Standard::Iso42001 => "AI management system (AIMS)",
            Standard::Soc2Type2 => "AICPA attestation over a period (not an ISO certificate)",
        }
    }

    /// True for the ISO certificates, false for the SOC 2 attestation.
    pub fn is_iso(self) -> bool {
        !matches!(self, Standard::Soc2Type2)
    }
}

impl fmt::Display for Standard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The layers of evidence a hosted path needs (DOMAIN.md, "Hosted paths").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Layer {
    /// The hyperscaler's certificate, which must name the hosting service.
    Platform,
    /// The model vendor's own certificate, which must name the product used.
    Model,
    /// The buyer's own controls and, under 42001, the buyer's own AIMS.
    Customer,
}

impl Layer {
    pub const ALL: [Layer; 3] = [Layer::Platform, Layer::Model, Layer::Customer];

    pub fn id(self) -> &'static str {
        match self {
            Layer::Platform => "platform",
            Layer::Model => "model",
            Layer::Customer => "customer",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Layer::Platform => "Platform layer",
            Layer::Model => "Model layer",
            Layer::Customer => "Customer layer",
        }
    }
}

/// The risk tier of the workload (source A, step 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RiskTier {
    /// Internal, low-sensitivity tooling.
    Low,
    /// PHI, financial or government data.
    Regulated,
    /// A high-risk system under the EU AI Act.
    HighRisk,
}

impl RiskTier {
    pub const ALL: [RiskTier; 3] = [RiskTier::Low, RiskTier::Regulated, RiskTier::HighRisk];

    pub fn id(self) -> &'static str {
        match self {
            RiskTier::Low => "low",
            RiskTier::Regulated => "regulated",
            RiskTier::HighRisk => "high-risk",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RiskTier::Low => "Low (internal, low-sensitivity)",
            RiskTier::Regulated => "Regulated (PHI, financial, government data)",
            RiskTier::HighRisk => "EU AI Act high-risk",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_ids_round_trip_and_are_unique() {
        for s in Standard::ALL {
            assert_eq!(Standard::from_id(s.id()), Some(s));
            let json = serde_json::to_string(&s).unwrap();
            assert_eq!(json, format!("\"{}\"", s.id()));
        }
        assert_eq!(Standard::from_id("iso9001"), None);
    }

    #[test]
    fn only_soc2_is_not_iso() {
        let non_iso: Vec<_> = Standard::ALL.into_iter().filter(|s| !s.is_iso()).collect();
        assert_eq!(non_iso, vec![Standard::Soc2Type2]);
    }

    #[test]
    fn tiers_serialise_in_kebab_case() {
        assert_eq!(
            serde_json::to_string(&RiskTier::HighRisk).unwrap(),
            "\"high-risk\""
        );
        for t in RiskTier::ALL {
            assert_eq!(
                serde_json::to_string(&t).unwrap(),
                format!("\"{}\"", t.id())
            );
        }
    }
}
