//! What the PDF worker hands to the workspace: the [`Reading`] of a
//! certificate (each field found, the text it came from, its page; the
//! fields not found), or why the file was refused, as JSON. A reading turns
//! into an `EvidenceRecord` only through [`build_record`], from the values
//! the user confirmed.

use super::{read_certificate_pdf, Field, PdfError, Reading, Soc2Field};
use crate::domain::evaluation::{
    EvidenceRecord, Soc2Details, Soc2Opinion, Soc2Type, SourceKind, StandardRef,
    SubserviceOrganisation,
};
use crate::domain::{parse_date, Layer};
use crate::error::UserError;
use serde::{Deserialize, Serialize};

/// The PDF worker's answer. (One answer per file: its size does not
/// matter.)
#[allow(clippy::large_enum_variant)]
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
            message: e.sentence(),
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

/// Which field a confirmed value is for: a record field, or a SOC 2
/// detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConfirmedField {
    Record(Field),
    Soc2(Soc2Field),
}

impl ConfirmedField {
    /// The field's name in the evaluation format.
    pub fn id(self) -> &'static str {
        match self {
            ConfirmedField::Record(f) => f.id(),
            ConfirmedField::Soc2(f) => f.id(),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ConfirmedField::Record(f) => f.label(),
            ConfirmedField::Soc2(f) => f.label(),
        }
    }

    pub fn is_date(self) -> bool {
        match self {
            ConfirmedField::Record(f) => f.is_date(),
            ConfirmedField::Soc2(f) => f.is_date(),
        }
    }
}

/// A field's value that the user confirmed, possibly corrected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirmed {
    pub field: ConfirmedField,
    pub value: String,
}

impl Confirmed {
    pub fn new(field: Field, value: &str) -> Confirmed {
        Confirmed {
            field: ConfirmedField::Record(field),
            value: value.to_string(),
        }
    }

    pub fn soc2(field: Soc2Field, value: &str) -> Confirmed {
        Confirmed {
            field: ConfirmedField::Soc2(field),
            value: value.to_string(),
        }
    }
}

/// Why confirmed values cannot become a record: the field and the sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub field: ConfirmedField,
    pub message: String,
}

fn reject(out: &mut Vec<Rejected>, field: ConfirmedField, message: impl Into<String>) {
    out.push(Rejected {
        field,
        message: message.into(),
    });
}

/// Builds the record from the values the user confirmed. A value that does
/// not parse is reported against its field; an empty value leaves the field
/// empty, as does a field the PDF did not give. The standard is required:
/// a record is never given one the user did not confirm, nor a SOC 2 record
/// a type.
pub fn build_record(
    id: String,
    layer: Layer,
    values: &[Confirmed],
    subservice_organisations: Vec<SubserviceOrganisation>,
) -> Result<EvidenceRecord, Vec<Rejected>> {
    let mut rejected = Vec::new();
    let standard_field = ConfirmedField::Record(Field::Standard);
    let value_of = |f: ConfirmedField| {
        values
            .iter()
            .find(|c| c.field == f)
            .map(|c| c.value.trim())
            .unwrap_or("")
    };
    let typed = value_of(standard_field);
    let mut parsed = false;
    let standard = if typed.is_empty() {
        reject(
            &mut rejected,
            standard_field,
            "Type the standard and edition as printed on the certificate, e.g. 27001:2022.",
        );
        StandardRef::Soc2
    } else {
        match crate::domain::evaluation::validate_standard_input(typed) {
            Ok(s) => {
                parsed = true;
                s
            }
            Err(e) => {
                reject(
                    &mut rejected,
                    standard_field,
                    crate::error::UserError::sentence(&e),
                );
                StandardRef::Soc2
            }
        }
    };
    let mut r = EvidenceRecord::new(id, layer, standard.clone());
    r.source = SourceKind::CertificatePdf;
    let mut soc2 = None;
    if standard == StandardRef::Soc2 && parsed {
        r.source = SourceKind::AuditReport;
        let type_field = ConfirmedField::Soc2(Soc2Field::Type);
        let report_type = match value_of(type_field).to_ascii_uppercase().as_str() {
            "II" | "2" | "TYPE II" | "TYPE 2" => Some(Soc2Type::TypeII),
            "I" | "1" | "TYPE I" | "TYPE 1" => Some(Soc2Type::TypeI),
            "" => {
                reject(
                    &mut rejected,
                    type_field,
                    "Type the report type as the report states it: I or II.",
                );
                None
            }
            _ => {
                reject(&mut rejected, type_field, "The report type is I or II.");
                None
            }
        };
        soc2 = Some(Soc2Details {
            subservice_organisations,
            ..Soc2Details::new(report_type.unwrap_or(Soc2Type::TypeII))
        });
    }
    for c in values {
        let v = c.value.trim();
        if c.field.is_date() {
            if v.is_empty() {
                continue;
            }
            let date = match parse_date(v) {
                Ok(d) => d,
                Err(e) => {
                    reject(&mut rejected, c.field, e.to_string());
                    continue;
                }
            };
            match c.field {
                ConfirmedField::Record(Field::OriginallyCertified) => {
                    r.originally_certified = Some(date)
                }
                ConfirmedField::Record(Field::IssueDate) => r.issue_date = Some(date),
                ConfirmedField::Record(Field::ExpiryDate) => r.expiry_date = Some(date),
                ConfirmedField::Record(_) => r.last_surveillance_audit = Some(date),
                ConfirmedField::Soc2(f) => {
                    if let Some(s) = soc2.as_mut() {
                        match f {
                            Soc2Field::PeriodStart => s.period_start = Some(date),
                            Soc2Field::PeriodEnd => s.period_end = Some(date),
                            Soc2Field::ReportDate => s.report_date = Some(date),
                            _ => s.bridge_letter_end = Some(date),
                        }
                    }
                }
            }
            continue;
        }
        match c.field {
            ConfirmedField::Record(f) => match f {
                Field::CertificateNumber => r.certificate_number = v.to_string(),
                Field::Holder => r.holder = v.to_string(),
                Field::CertificationBody => r.certification_body = v.to_string(),
                Field::AccreditationBody => r.accreditation_body = v.to_string(),
                Field::Scope => r.scope = v.to_string(),
                _ => {}
            },
            ConfirmedField::Soc2(Soc2Field::Auditor) => {
                if let Some(s) = soc2.as_mut() {
                    s.auditor = v.to_string();
                }
            }
            ConfirmedField::Soc2(Soc2Field::Opinion) if !v.is_empty() => {
                let opinion = match v.to_ascii_lowercase().as_str() {
                    "unqualified" | "unmodified" => Some(Soc2Opinion::Unqualified),
                    "qualified" => Some(Soc2Opinion::Qualified),
                    "adverse" => Some(Soc2Opinion::Adverse),
                    "disclaimer" | "disclaimed" => Some(Soc2Opinion::Disclaimer),
                    _ => None,
                };
                match (opinion, soc2.as_mut()) {
                    (Some(o), Some(s)) => s.opinion = Some(o),
                    (None, _) => reject(
                        &mut rejected,
                        c.field,
                        "The opinion is unqualified, qualified, adverse or disclaimer.",
                    ),
                    _ => {}
                }
            }
            ConfirmedField::Soc2(_) => {}
        }
    }
    r.soc2 = soc2;
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
        Confirmed::new(field, value)
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
            Vec::new(),
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
            Vec::new(),
        )
        .unwrap_err();
        let fields: Vec<_> = e.iter().map(|r| r.field.id()).collect();
        assert_eq!(fields, vec!["standard", "expiry_date"]);
        assert!(e.iter().all(|r| !r.message.is_empty()));
    }

    #[test]
    fn a_record_never_gets_a_standard_nobody_confirmed() {
        let e = build_record(
            "r1".into(),
            Layer::Model,
            &[c(Field::Holder, "Example AI Ltd")],
            Vec::new(),
        )
        .unwrap_err();
        assert_eq!(e[0].field, ConfirmedField::Record(Field::Standard));
    }

    #[test]
    fn a_soc2_record_gets_its_details_and_never_an_unconfirmed_type() {
        use crate::domain::evaluation::SubserviceMethod;
        let values = [
            c(Field::Standard, "soc2"),
            c(Field::Holder, "GSI, Inc."),
            Confirmed::soc2(Soc2Field::Type, "II"),
            Confirmed::soc2(Soc2Field::Auditor, "UHY LLP"),
            Confirmed::soc2(Soc2Field::PeriodStart, "2024-04-01"),
            Confirmed::soc2(Soc2Field::PeriodEnd, "2025-03-31"),
            Confirmed::soc2(Soc2Field::ReportDate, "2025-06-11"),
            Confirmed::soc2(Soc2Field::Opinion, "unqualified"),
        ];
        let sub = vec![SubserviceOrganisation {
            name: "Microsoft Azure".into(),
            method: SubserviceMethod::CarveOut,
        }];
        let r = build_record("r1".into(), Layer::Model, &values, sub).unwrap();
        assert_eq!(r.standard, StandardRef::Soc2);
        assert_eq!(r.source, SourceKind::AuditReport);
        let s = r.soc2.unwrap();
        assert_eq!(s.report_type, Soc2Type::TypeII);
        assert_eq!(s.auditor, "UHY LLP");
        assert_eq!(
            s.period_end.map(|d| d.to_string()).as_deref(),
            Some("2025-03-31")
        );
        assert_eq!(s.opinion, Some(Soc2Opinion::Unqualified));
        assert_eq!(s.subservice_organisations.len(), 1);
        let e = build_record("r1".into(), Layer::Model, &values[..2], Vec::new()).unwrap_err();
        assert_eq!(e[0].field, ConfirmedField::Soc2(Soc2Field::Type));
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
                found_by: "the label “Date of issue”".into(),
            }],
            missing: vec![Field::Scope],
            also_named: vec![],
            notes: vec![],
            document: Default::default(),
            soc2: None,
            ocr: false,
        });
        let json = serde_json::to_string(&o).unwrap();
        assert_eq!(serde_json::from_str::<Outcome>(&json).unwrap(), o);
    }
}
