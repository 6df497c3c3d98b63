//! What the PDF reader hands to the workspace: for each field of an evidence
//! record it could read, the value, the text it came from and the page; the
//! fields it could not find; and why a file was refused. This is the message
//! the PDF worker posts back (JSON), and it turns into an `EvidenceRecord`
//! only once the user has confirmed every field.

use crate::domain::evaluation::{EvidenceRecord, SourceKind, StandardRef};
use crate::domain::{parse_date, Layer};
use serde::{Deserialize, Serialize};

/// The fields of an evidence record that a certificate can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordField {
    Standard,
    CertificateNumber,
    Holder,
    CertificationBody,
    AccreditationBody,
    OriginallyCertified,
    IssueDate,
    ExpiryDate,
    LastSurveillanceAudit,
    Scope,
}

impl RecordField {
    pub const ALL: [RecordField; 10] = [
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

    /// The record field's name, as in the evaluation format and field ids.
    pub fn id(self) -> &'static str {
        match self {
            RecordField::Standard => "standard",
            RecordField::CertificateNumber => "certificate_number",
            RecordField::Holder => "holder",
            RecordField::CertificationBody => "certification_body",
            RecordField::AccreditationBody => "accreditation_body",
            RecordField::OriginallyCertified => "originally_certified",
            RecordField::IssueDate => "issue_date",
            RecordField::ExpiryDate => "expiry_date",
            RecordField::LastSurveillanceAudit => "last_surveillance_audit",
            RecordField::Scope => "scope",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RecordField::Standard => "Standard and edition",
            RecordField::CertificateNumber => "Certificate number",
            RecordField::Holder => "Certified organisation",
            RecordField::CertificationBody => "Certification body",
            RecordField::AccreditationBody => "Accreditation body",
            RecordField::OriginallyCertified => "Originally certified",
            RecordField::IssueDate => "Issue date",
            RecordField::ExpiryDate => "Expiry date",
            RecordField::LastSurveillanceAudit => "Last surveillance audit",
            RecordField::Scope => "Scope statement",
        }
    }

    pub fn is_date(self) -> bool {
        matches!(
            self,
            RecordField::OriginallyCertified
                | RecordField::IssueDate
                | RecordField::ExpiryDate
                | RecordField::LastSurveillanceAudit
        )
    }
}

/// One field read from the PDF.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadField {
    pub field: RecordField,
    /// The value in the record's form: a date as YYYY-MM-DD, a standard as
    /// `27001:2022`, text as printed.
    pub value: String,
    /// The text of the PDF it came from.
    pub source: String,
    /// 1-based.
    pub page: u32,
    /// What the user should know before confirming it (an ambiguous
    /// day-month order, a body that is not on the recognised list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Another standard the document names (a statement of applicability that
/// lists 27017 and 27018, say): shown, never turned into a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlsoNamed {
    pub standard: String,
    pub source: String,
    pub page: u32,
}

/// What the reader made of a certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prefill {
    /// Pages in the file, and how many were read.
    pub pages: u32,
    pub pages_read: u32,
    pub fields: Vec<ReadField>,
    /// The fields it did not find: they stay empty.
    pub missing: Vec<RecordField>,
    #[serde(default)]
    pub also_named: Vec<AlsoNamed>,
    /// Anything else worth saying (pages not read, streams skipped).
    #[serde(default)]
    pub notes: Vec<String>,
}

/// The PDF worker's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Read(Prefill),
    /// The file was not read: `kind` for tests and styling, `message` for
    /// the user.
    Refused {
        kind: String,
        message: String,
    },
}

/// Reads a certificate PDF into the worker's answer, as JSON.
pub fn read_outcome_json(bytes: &[u8]) -> String {
    let outcome = read_outcome(bytes);
    serde_json::to_string(&outcome).unwrap_or_else(|_| {
        r#"{"refused":{"kind":"internal","message":"the reader could not write its answer."}}"#
            .into()
    })
}

/// Reads a certificate PDF into the worker's answer.
pub fn read_outcome(bytes: &[u8]) -> Outcome {
    // Wired to the PDF reader in the next step.
    let _ = bytes;
    Outcome::Refused {
        kind: "not_yet".into(),
        message: "reading PDFs is not wired yet.".into(),
    }
}

/// A field's value that the user confirmed, possibly corrected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirmed {
    pub field: RecordField,
    pub value: String,
}

/// Why confirmed values cannot become a record: the field and the sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub field: RecordField,
    pub message: String,
}

/// Builds the record from the values the user confirmed. A value that does
/// not parse is reported against its field; an empty value leaves the field
/// empty, as does a field the PDF did not give. The standard is required:
/// a record is never given one the user did not confirm.
pub fn build_record(
    id: String,
    layer: Layer,
    values: &[Confirmed],
) -> Result<EvidenceRecord, Vec<Rejected>> {
    let mut rejected = Vec::new();
    let typed = values
        .iter()
        .find(|c| c.field == RecordField::Standard)
        .map(|c| c.value.trim())
        .unwrap_or("");
    let standard = if typed.is_empty() {
        rejected.push(Rejected {
            field: RecordField::Standard,
            message:
                "Type the standard and edition as printed on the certificate, e.g. 27001:2022."
                    .into(),
        });
        StandardRef::Soc2
    } else {
        match crate::domain::evaluation::validate_standard_input(typed) {
            Ok(s) => s,
            Err(e) => {
                rejected.push(Rejected {
                    field: RecordField::Standard,
                    message: e,
                });
                StandardRef::Soc2
            }
        }
    };
    let mut r = EvidenceRecord::new(id, layer, standard);
    r.source = SourceKind::CertificatePdf;
    for c in values {
        let v = c.value.trim();
        if c.field.is_date() {
            if v.is_empty() {
                continue;
            }
            let date = match parse_date(v) {
                Ok(d) => d,
                Err(e) => {
                    rejected.push(Rejected {
                        field: c.field,
                        message: e.to_string(),
                    });
                    continue;
                }
            };
            match c.field {
                RecordField::OriginallyCertified => r.originally_certified = Some(date),
                RecordField::IssueDate => r.issue_date = Some(date),
                RecordField::ExpiryDate => r.expiry_date = Some(date),
                _ => r.last_surveillance_audit = Some(date),
            }
            continue;
        }
        match c.field {
            RecordField::Standard => {}
            RecordField::CertificateNumber => r.certificate_number = v.to_string(),
            RecordField::Holder => r.holder = v.to_string(),
            RecordField::CertificationBody => r.certification_body = v.to_string(),
            RecordField::AccreditationBody => r.accreditation_body = v.to_string(),
            RecordField::Scope => r.scope = v.to_string(),
            _ => {}
        }
    }
    if rejected.is_empty() {
        Ok(r)
    } else {
        Err(rejected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Standard;

    fn c(field: RecordField, value: &str) -> Confirmed {
        Confirmed {
            field,
            value: value.into(),
        }
    }

    #[test]
    fn confirmed_values_become_a_certificate_pdf_record() {
        let r = build_record(
            "r1".into(),
            Layer::Model,
            &[
                c(RecordField::Standard, "27001:2022"),
                c(RecordField::Holder, " Example AI Ltd "),
                c(RecordField::ExpiryDate, "2027-05-13"),
                c(RecordField::IssueDate, ""),
                c(RecordField::Scope, "The Example API"),
            ],
        )
        .unwrap();
        assert_eq!(r.source, SourceKind::CertificatePdf);
        assert_eq!(
            r.standard,
            StandardRef::Iso {
                standard: Standard::Iso27001,
                edition: Some(2022)
            }
        );
        assert_eq!(r.holder, "Example AI Ltd");
        assert_eq!(
            r.expiry_date.map(|d| d.to_string()).as_deref(),
            Some("2027-05-13")
        );
        assert_eq!(r.issue_date, None);
        assert_eq!(r.scope, "The Example API");
    }

    #[test]
    fn values_that_do_not_parse_are_reported_by_field() {
        let e = build_record(
            "r1".into(),
            Layer::Model,
            &[
                c(RecordField::Standard, "27001:1999x"),
                c(RecordField::ExpiryDate, "13 Mai 2027"),
            ],
        )
        .unwrap_err();
        let fields: Vec<_> = e.iter().map(|r| r.field).collect();
        assert_eq!(fields, vec![RecordField::Standard, RecordField::ExpiryDate]);
        assert!(e.iter().all(|r| !r.message.is_empty()));
    }

    #[test]
    fn a_record_never_gets_a_standard_nobody_confirmed() {
        let e = build_record(
            "r1".into(),
            Layer::Model,
            &[c(RecordField::Holder, "Example AI Ltd")],
        )
        .unwrap_err();
        assert_eq!(e[0].field, RecordField::Standard);
    }

    #[test]
    fn the_wire_format_round_trips() {
        let o = Outcome::Read(Prefill {
            pages: 2,
            pages_read: 2,
            fields: vec![ReadField {
                field: RecordField::IssueDate,
                value: "2024-05-04".into(),
                source: "Date of issue: 04/05/2024".into(),
                page: 1,
                note: Some("day and month could be either way round".into()),
            }],
            missing: vec![RecordField::Scope],
            also_named: vec![],
            notes: vec![],
        });
        let json = serde_json::to_string(&o).unwrap();
        assert_eq!(serde_json::from_str::<Outcome>(&json).unwrap(), o);
    }
}
