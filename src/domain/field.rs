//! The fields of an evidence record, typed once: their id in the evaluation
//! format (and in the form's element ids), the label a buyer reads, a hint,
//! and whether the field holds a date. Findings name the field they are
//! about with it, validation names the field it questions, the record form
//! labels its inputs with it, "Go to the field" finds its input by it, and
//! the certificate PDF reader says which fields it read.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A field of an [`EvidenceRecord`](super::evaluation::EvidenceRecord).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordField {
    Holder,
    Standard,
    CertificateNumber,
    CertificationBody,
    AccreditationBody,
    OriginallyCertified,
    IssueDate,
    ExpiryDate,
    LastSurveillanceAudit,
    Scope,
    BasedOn,
    Source,
    LastVerified,
    Notes,
    /// The SOC 2 details as a whole (present or not).
    Soc2,
    Soc2Type,
    Soc2Auditor,
    Soc2PeriodStart,
    Soc2PeriodEnd,
    Soc2ReportDate,
    Soc2BridgeLetterEnd,
    Soc2Opinion,
    Soc2SubserviceOrganisations,
}

impl RecordField {
    /// Every field, in the order the record form shows them.
    pub const ALL: [RecordField; 23] = [
        RecordField::Holder,
        RecordField::Standard,
        RecordField::CertificateNumber,
        RecordField::CertificationBody,
        RecordField::AccreditationBody,
        RecordField::OriginallyCertified,
        RecordField::IssueDate,
        RecordField::ExpiryDate,
        RecordField::LastSurveillanceAudit,
        RecordField::Scope,
        RecordField::BasedOn,
        RecordField::Source,
        RecordField::LastVerified,
        RecordField::Notes,
        RecordField::Soc2,
        RecordField::Soc2Type,
        RecordField::Soc2Auditor,
        RecordField::Soc2PeriodStart,
        RecordField::Soc2PeriodEnd,
        RecordField::Soc2ReportDate,
        RecordField::Soc2BridgeLetterEnd,
        RecordField::Soc2Opinion,
        RecordField::Soc2SubserviceOrganisations,
    ];

    /// The fields the certificate PDF reader fills, in the form's order.
    pub const READABLE: [RecordField; 10] = [
        RecordField::Standard,
        RecordField::CertificateNumber,
        RecordField::Holder,
        RecordField::CertificationBody,
        RecordField::AccreditationBody,
        RecordField::OriginallyCertified,
        RecordField::IssueDate,
        RecordField::ExpiryDate,
        RecordField::LastSurveillanceAudit,
        RecordField::Scope,
    ];

    /// The field's path in the evaluation format (`expiry_date`,
    /// `soc2.period_end`), also the last part of its input's element id.
    pub fn id(self) -> &'static str {
        match self {
            RecordField::Holder => "holder",
            RecordField::Standard => "standard",
            RecordField::CertificateNumber => "certificate_number",
            RecordField::CertificationBody => "certification_body",
            RecordField::AccreditationBody => "accreditation_body",
            RecordField::OriginallyCertified => "originally_certified",
            RecordField::IssueDate => "issue_date",
            RecordField::ExpiryDate => "expiry_date",
            RecordField::LastSurveillanceAudit => "last_surveillance_audit",
            RecordField::Scope => "scope",
            RecordField::BasedOn => "based_on",
            RecordField::Source => "source",
            RecordField::LastVerified => "last_verified",
            RecordField::Notes => "notes",
            RecordField::Soc2 => "soc2",
            RecordField::Soc2Type => "soc2.type",
            RecordField::Soc2Auditor => "soc2.auditor",
            RecordField::Soc2PeriodStart => "soc2.period_start",
            RecordField::Soc2PeriodEnd => "soc2.period_end",
            RecordField::Soc2ReportDate => "soc2.report_date",
            RecordField::Soc2BridgeLetterEnd => "soc2.bridge_letter_end",
            RecordField::Soc2Opinion => "soc2.opinion",
            RecordField::Soc2SubserviceOrganisations => "soc2.subservice_organisations",
        }
    }

    /// The field with this id.
    pub fn from_id(id: &str) -> Option<RecordField> {
        RecordField::ALL.into_iter().find(|f| f.id() == id)
    }

    /// As the record form labels it.
    pub fn label(self) -> &'static str {
        match self {
            RecordField::Holder => "Holder (organisation on the certificate)",
            RecordField::Standard => "Standard and edition",
            RecordField::CertificateNumber => "Certificate or report number",
            RecordField::CertificationBody => "Certification body",
            RecordField::AccreditationBody => "Accreditation body",
            RecordField::OriginallyCertified => "Originally certified",
            RecordField::IssueDate => "Issue date (current certificate)",
            RecordField::ExpiryDate => "Expiry date",
            RecordField::LastSurveillanceAudit => "Last surveillance audit",
            RecordField::Scope => "Scope statement (as written on the certificate)",
            RecordField::BasedOn => "Extends the 27001 certificate",
            RecordField::Source => "Where you read it",
            RecordField::LastVerified => "Last verified by you",
            RecordField::Notes => "Notes",
            RecordField::Soc2 => "SOC 2 details",
            RecordField::Soc2Type => "SOC 2 report type",
            RecordField::Soc2Auditor => "Auditor (CPA firm)",
            RecordField::Soc2PeriodStart => "Period start",
            RecordField::Soc2PeriodEnd => "Period end",
            RecordField::Soc2ReportDate => "Report date",
            RecordField::Soc2BridgeLetterEnd => "Bridge letter end",
            RecordField::Soc2Opinion => "Auditor's opinion",
            RecordField::Soc2SubserviceOrganisations => "Subservice organisations",
        }
    }

    /// What the field asks for, in a few words, where the label needs it.
    pub fn hint(self) -> Option<&'static str> {
        Some(match self {
            RecordField::Standard => {
                "As printed: 27001:2022, 27017:2015, 42001:2023, soc2, or attestation:HIPAA BAA."
            }
            RecordField::CertificationBody => "The audit firm that issued the certificate.",
            RecordField::AccreditationBody => {
                "The national body that accredits the certification body (UKAS, ANAB, DAkkS…)."
            }
            RecordField::Soc2Opinion => {
                "Unqualified, qualified, adverse, or a disclaimer of opinion, as the report states it."
            }
            RecordField::Soc2SubserviceOrganisations => {
                "Each one the report names, and whether it is carved out or included."
            }
            _ => return None,
        })
    }

    /// True for the fields that hold a calendar date.
    pub fn is_date(self) -> bool {
        matches!(
            self,
            RecordField::OriginallyCertified
                | RecordField::IssueDate
                | RecordField::ExpiryDate
                | RecordField::LastSurveillanceAudit
                | RecordField::LastVerified
                | RecordField::Soc2PeriodStart
                | RecordField::Soc2PeriodEnd
                | RecordField::Soc2ReportDate
                | RecordField::Soc2BridgeLetterEnd
        )
    }

    /// The words a sentence uses for the field ("expiry date", "SOC 2
    /// period end").
    pub fn words(self) -> String {
        match self {
            RecordField::Holder => "holder".into(),
            RecordField::Standard => "standard".into(),
            f if f.id().starts_with("soc2.") => {
                format!("SOC 2 {}", f.id()["soc2.".len()..].replace('_', " "))
            }
            f => f.id().replace('_', " "),
        }
    }
}

impl fmt::Display for RecordField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for RecordField {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl<'de> Deserialize<'de> for RecordField {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        RecordField::from_id(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown record field “{s}”")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_are_unique() {
        let mut ids: Vec<&str> = RecordField::ALL.iter().map(|f| f.id()).collect();
        for f in RecordField::ALL {
            assert_eq!(RecordField::from_id(f.id()), Some(f));
            let json = serde_json::to_string(&f).unwrap();
            assert_eq!(serde_json::from_str::<RecordField>(&json).unwrap(), f);
            assert!(!f.label().is_empty());
        }
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), RecordField::ALL.len());
        assert!(RecordField::READABLE
            .iter()
            .all(|f| RecordField::ALL.contains(f)));
        assert_eq!(RecordField::Soc2PeriodEnd.words(), "SOC 2 period end");
        assert_eq!(RecordField::ExpiryDate.words(), "expiry date");
    }
}
