//! What the PDF worker hands to the workspace: the [`Reading`] of a
//! certificate (each field found, the text it came from, its page; the
//! fields not found), or why the file was refused, as JSON. A reading turns
//! into an `EvidenceRecord` only through [`build_record`], from the values
//! the user confirmed.

use super::{read_certificate_pdf, Field, PdfError, Reading};
use crate::domain::evaluation::{EvidenceRecord, SourceKind, StandardRef};
use crate::domain::{parse_date, Layer};
use serde::{Deserialize, Serialize};

/// The PDF worker's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Read(Reading),
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
    match read_certificate_pdf(bytes) {
        Ok(reading) => Outcome::Read(reading),
        Err(e) => Outcome::Refused {
            kind: e.kind().into(),
            message: e.message(),
        },
    }
}

impl PdfError {
    /// A short name for the kind of refusal (tests and styling).
    pub fn kind(&self) -> &'static str {
        match self {
            PdfError::NotPdf => "not_pdf",
            PdfError::TooLarge { .. } => "too_large",
            PdfError::PasswordProtected => "password",
            PdfError::Damaged(_) => "damaged",
            PdfError::NoTextLayer => "scan",
            PdfError::Empty => "empty",
        }
    }
}

/// A field's value that the user confirmed, possibly corrected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirmed {
    pub field: Field,
    pub value: String,
}

/// Why confirmed values cannot become a record: the field and the sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub field: Field,
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
        .find(|c| c.field == Field::Standard)
        .map(|c| c.value.trim())
        .unwrap_or("");
    let standard = if typed.is_empty() {
        rejected.push(Rejected {
            field: Field::Standard,
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
                    field: Field::Standard,
                    message: crate::error::UserError::sentence(&e),
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
                Field::OriginallyCertified => r.originally_certified = Some(date),
                Field::IssueDate => r.issue_date = Some(date),
                Field::ExpiryDate => r.expiry_date = Some(date),
                _ => r.last_surveillance_audit = Some(date),
            }
            continue;
        }
        match c.field {
            Field::Standard => {}
            Field::CertificateNumber => r.certificate_number = v.to_string(),
            Field::Holder => r.holder = v.to_string(),
            Field::CertificationBody => r.certification_body = v.to_string(),
            Field::AccreditationBody => r.accreditation_body = v.to_string(),
            Field::Scope => r.scope = v.to_string(),
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

    fn c(field: Field, value: &str) -> Confirmed {
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
                c(Field::Standard, "27001:2022"),
                c(Field::Holder, " Example AI Ltd "),
                c(Field::ExpiryDate, "2027-05-13"),
                c(Field::IssueDate, ""),
                c(Field::Scope, "The Example API"),
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
                c(Field::Standard, "27001:1999x"),
                c(Field::ExpiryDate, "13 Mai 2027"),
            ],
        )
        .unwrap_err();
        let fields: Vec<_> = e.iter().map(|r| r.field).collect();
        assert_eq!(fields, vec![Field::Standard, Field::ExpiryDate]);
        assert!(e.iter().all(|r| !r.message.is_empty()));
    }

    #[test]
    fn a_record_never_gets_a_standard_nobody_confirmed() {
        let e = build_record(
            "r1".into(),
            Layer::Model,
            &[c(Field::Holder, "Example AI Ltd")],
        )
        .unwrap_err();
        assert_eq!(e[0].field, Field::Standard);
    }

    #[test]
    fn the_wire_format_round_trips() {
        let o = Outcome::Read(Reading {
            pages_read: 2,
            fields: vec![super::super::FieldReading {
                field: Field::IssueDate,
                value: "2024-05-04".into(),
                source: "Date of issue: 04/05/2024".into(),
                page: 1,
                note: Some("day and month could be either way round".into()),
            }],
            missing: vec![Field::Scope],
            also_named: vec![],
            notes: vec![],
        });
        let json = serde_json::to_string(&o).unwrap();
        assert_eq!(serde_json::from_str::<Outcome>(&json).unwrap(), o);
    }
}
