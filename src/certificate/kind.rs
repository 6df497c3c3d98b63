//! What a document is, before its fields are read: a certificate of a
//! standard Scopewise judges, a SOC 2 report, a bridge letter, an
//! attestation-status letter, a document that calls SOC 2 a certificate,
//! or a document about something else (ISO 9001, Spain's ENS, HITRUST, a
//! SOC 3 or SOC 1 report), each named for what it is. Decided from the
//! document's own words (its title lines and the phrases such documents
//! are made of), never from an issuer's name.

use super::dates::fold;
use super::standards::{find_other_standards, find_standards};
use serde::{de, Deserialize, Deserializer, Serialize};
use serde_json::Value;

/// The note a record made from a document that calls itself a SOC 2
/// certificate carries (the rule claim.soc2-certificate reads it).
pub const SOC2_CERTIFICATE_NOTE: &str = "The document calls itself a SOC 2 certificate: a SOC 2 is a CPA firm's attestation report, never a certificate.";

/// What kind of document was read. Its `Deserialize` is written by hand
/// (below).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum DocumentKind {
    /// A certificate (or a document read as one): its standard is among
    /// the fields, or missing.
    #[default]
    Certificate,
    /// A SOC 2 report: the service auditor's report and the description.
    Soc2Report,
    /// A bridge (gap) letter: management's statement about the time after
    /// a SOC 2 period.
    Soc2BridgeLetter,
    /// A letter confirming that a SOC 2 report was issued.
    Soc2AttestationStatus,
    /// A document that presents SOC 2 as a certificate.
    Soc2Certificate,
    /// Something Scopewise does not judge.
    NotJudged { what: NotJudged },
}

/// A document about something Scopewise does not judge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "scheme", rename_all = "kebab-case")]
pub enum NotJudged {
    /// An ISO management-system standard other than those judged.
    Iso {
        printed: String,
        number: String,
    },
    /// Spain's Esquema Nacional de Seguridad.
    Ens,
    Hitrust,
    Soc3,
    Soc1,
}

/// Reads the JSON the derived `Serialize` writes, through
/// `serde_json::Value`: serde's derived code for these two tagged enums was
/// 14 KB of the workspace's wasm, which reads them in the reader's answer.
impl<'de> Deserialize<'de> for DocumentKind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        DocumentKind::from_value(&v)
            .ok_or_else(|| de::Error::custom("not a kind of document this version knows"))
    }
}

impl DocumentKind {
    fn from_value(v: &Value) -> Option<DocumentKind> {
        Some(match v.get("kind")?.as_str()? {
            "certificate" => DocumentKind::Certificate,
            "soc2-report" => DocumentKind::Soc2Report,
            "soc2-bridge-letter" => DocumentKind::Soc2BridgeLetter,
            "soc2-attestation-status" => DocumentKind::Soc2AttestationStatus,
            "soc2-certificate" => DocumentKind::Soc2Certificate,
            "not-judged" => DocumentKind::NotJudged {
                what: NotJudged::from_value(v.get("what")?)?,
            },
            _ => return None,
        })
    }
}

impl NotJudged {
    fn from_value(v: &Value) -> Option<NotJudged> {
        let text = |key: &str| v.get(key)?.as_str().map(str::to_string);
        Some(match v.get("scheme")?.as_str()? {
            "iso" => NotJudged::Iso {
                printed: text("printed")?,
                number: text("number")?,
            },
            "ens" => NotJudged::Ens,
            "hitrust" => NotJudged::Hitrust,
            "soc3" => NotJudged::Soc3,
            "soc1" => NotJudged::Soc1,
            _ => return None,
        })
    }
}

impl DocumentKind {
    /// A short name for the kind, for the review's heading.
    pub fn name(&self) -> String {
        match self {
            DocumentKind::Certificate => "certificate".into(),
            DocumentKind::Soc2Report => "SOC 2 report".into(),
            DocumentKind::Soc2BridgeLetter => "SOC 2 bridge letter".into(),
            DocumentKind::Soc2AttestationStatus => "SOC 2 attestation-status letter".into(),
            DocumentKind::Soc2Certificate => "“SOC 2 certificate”".into(),
            DocumentKind::NotJudged { what } => match what {
                NotJudged::Iso { printed, .. } => format!("{printed} certificate"),
                NotJudged::Ens => "ENS certificate (Spain)".into(),
                NotJudged::Hitrust => "HITRUST certification".into(),
                NotJudged::Soc3 => "SOC 3 report".into(),
                NotJudged::Soc1 => "SOC 1 report".into(),
            },
        }
    }

    /// What the buyer should know about this kind of document, as a
    /// sentence; none for a plain certificate.
    pub fn sentence(&self) -> Option<String> {
        Some(match self {
            DocumentKind::Certificate => return None,
            DocumentKind::Soc2Report => "This is a SOC 2 report: a CPA firm's opinion on the vendor's controls. Check each value read from it against the report.".into(),
            DocumentKind::Soc2BridgeLetter => "This is a bridge letter: the vendor's management says nothing material changed after the SOC 2 period ended. It is management's word, never the auditor's assurance.".into(),
            DocumentKind::Soc2AttestationStatus => "This is an attestation-status letter: it says a SOC 2 report was issued, but it is not the report. Ask for the report itself before relying on it.".into(),
            DocumentKind::Soc2Certificate => "This document calls SOC 2 a certificate. A SOC 2 is a CPA firm's attestation report, never a certificate, so this is not a SOC 2 report: ask the vendor for the report itself. If you add it anyway, the record says so.".into(),
            DocumentKind::NotJudged { what } => match what {
                NotJudged::Iso { printed, number } => format!(
                    "This is an {printed} certificate{}. Scopewise judges ISO/IEC 27001, 27017, 27018, 27701 and 42001 and SOC 2, so it makes no record of it.",
                    iso_subject(number).map(|s| format!(" ({s})")).unwrap_or_default()
                ),
                NotJudged::Ens => "This is a certificate of Spain's National Security Scheme (Esquema Nacional de Seguridad, ENS): a national scheme, not an ISO/IEC standard Scopewise judges, so it makes no record of it.".into(),
                NotJudged::Hitrust => "This is a HITRUST certification: a framework of its own, neither an ISO/IEC certificate nor a SOC 2 report, so it makes no record.".into(),
                NotJudged::Soc3 => "This is a SOC 3 report: the general-use summary of a SOC 2 examination, without the description of the system or the tests of controls. It is not a SOC 2 report and makes no record; ask the vendor for the SOC 2 Type II report.".into(),
                NotJudged::Soc1 => "This is a SOC 1 report: it covers controls over financial reporting, not security, so it makes no SOC 2 record.".into(),
            },
        })
    }

    /// True for a document no record may be made of.
    pub fn makes_no_record(&self) -> bool {
        matches!(self, DocumentKind::NotJudged { .. })
    }

    /// True for the SOC 2 family (reports, letters, "certificates").
    pub fn is_soc2(&self) -> bool {
        matches!(
            self,
            DocumentKind::Soc2Report
                | DocumentKind::Soc2BridgeLetter
                | DocumentKind::Soc2AttestationStatus
                | DocumentKind::Soc2Certificate
        )
    }
}

/// What an ISO standard number is about, for the sentence.
fn iso_subject(number: &str) -> Option<&'static str> {
    Some(match number.split('-').next().unwrap_or_default() {
        "9001" => "quality management",
        "14001" => "environmental management",
        "45001" => "occupational health and safety",
        "20000" => "IT service management",
        "22301" => "business continuity",
        "50001" => "energy management",
        "37001" => "anti-bribery",
        "13485" => "medical devices",
        "27799" => "health information security",
        _ => return None,
    })
}

/// Folded (lower case, no accents) text with "SOC2" and "SOC 2®" spelt
/// "soc 2".
fn normalise(text: &str) -> String {
    fold(text)
        .replace(['®', '™'], "")
        .replace("soc2", "soc 2")
        .replace("soc3", "soc 3")
        .replace("soc1", "soc 1")
}

fn has_any(text: &str, needles: &[&str]) -> bool {
    needles.iter().any(|n| text.contains(n))
}

/// Decides what a document is from its pages' text (page by page, in
/// reading order).
pub fn classify(pages: &[String]) -> DocumentKind {
    let first = pages.first().map(|p| normalise(p)).unwrap_or_default();
    let head: String = first.lines().take(12).collect::<Vec<_>>().join("\n");
    let early: String = pages
        .iter()
        .take(3)
        .map(|p| normalise(p))
        .collect::<Vec<_>>()
        .join("\n");
    let all: String = pages
        .iter()
        .map(|p| normalise(p))
        .collect::<Vec<_>>()
        .join("\n");
    let soc2 = has_any(
        &early,
        &[
            "soc 2",
            "service organization control 2",
            "service organisation control 2",
        ],
    );
    let soc3 = has_any(&head, &["soc 3"]) || (all.contains("soc 3 report") && !soc2);
    if soc3 {
        return DocumentKind::NotJudged {
            what: NotJudged::Soc3,
        };
    }
    if has_any(&head, &["soc 1"]) && !soc2 {
        return DocumentKind::NotJudged {
            what: NotJudged::Soc1,
        };
    }
    let auditor_report = has_any(
        &all,
        &[
            "independent service auditor",
            "service auditor's report",
            "service auditor’s report",
            "report of independent accountants",
        ],
    );
    let certificate_title = first.lines().take(8).any(|l| {
        let l = l.trim();
        [
            "certificate",
            "certification of",
            "certificado",
            "certificat",
            "zertifikat",
            "certificato",
            "sertifika",
        ]
        .iter()
        .any(|w| l.starts_with(w))
    }) || has_any(
        &early,
        &[
            "soc 2 certificate",
            "soc 2 certified",
            "soc 2 certification",
        ],
    );
    let judged = find_standards(&first).into_iter().next();
    if soc2 {
        if auditor_report {
            return DocumentKind::Soc2Report;
        }
        if has_any(&all, &["bridge letter", "gap letter"])
            || (has_any(
                &all,
                &[
                    "material change",
                    "changes in internal control",
                    "changes to its internal control",
                ],
            ) && pages.len() <= 4)
        {
            return DocumentKind::Soc2BridgeLetter;
        }
        if certificate_title && judged.is_none() {
            return DocumentKind::Soc2Certificate;
        }
        if has_any(
            &all,
            &["attestation report", "attestation status", "confirm"],
        ) && judged.is_none()
        {
            return DocumentKind::Soc2AttestationStatus;
        }
    }
    if judged.is_none() && find_standards(&all).is_empty() {
        if has_any(
            &early,
            &[
                "esquema nacional de seguridad",
                "national security scheme",
                "national security framework",
                "real decreto 311/2022",
                "real decreto 3/2010",
            ],
        ) {
            return DocumentKind::NotJudged {
                what: NotJudged::Ens,
            };
        }
        if early.contains("hitrust") {
            return DocumentKind::NotJudged {
                what: NotJudged::Hitrust,
            };
        }
        let original = pages.first().map(String::as_str).unwrap_or_default();
        if let Some(o) = find_other_standards(original).into_iter().next() {
            return DocumentKind::NotJudged {
                what: NotJudged::Iso {
                    printed: tidy_iso(&o.raw),
                    number: o.number,
                },
            };
        }
    }
    DocumentKind::Certificate
}

/// "ISO  9001 : 2015" → "ISO 9001:2015".
fn tidy_iso(raw: &str) -> String {
    raw.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" :", ":")
        .replace(": ", ":")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> DocumentKind {
        classify(&[text.to_string()])
    }

    #[test]
    fn every_kind_reads_back_as_written() {
        let iso = NotJudged::Iso {
            printed: "ISO 9001:2015".into(),
            number: "9001".into(),
        };
        let all = [
            DocumentKind::Certificate,
            DocumentKind::Soc2Report,
            DocumentKind::Soc2BridgeLetter,
            DocumentKind::Soc2AttestationStatus,
            DocumentKind::Soc2Certificate,
            DocumentKind::NotJudged { what: iso },
            DocumentKind::NotJudged {
                what: NotJudged::Ens,
            },
            DocumentKind::NotJudged {
                what: NotJudged::Hitrust,
            },
            DocumentKind::NotJudged {
                what: NotJudged::Soc3,
            },
            DocumentKind::NotJudged {
                what: NotJudged::Soc1,
            },
        ];
        for k in all {
            let json = serde_json::to_string(&k).unwrap();
            assert_eq!(
                serde_json::from_str::<DocumentKind>(&json).unwrap(),
                k,
                "{json}"
            );
        }
        assert_eq!(
            serde_json::to_string(&DocumentKind::NotJudged {
                what: NotJudged::Soc3
            })
            .unwrap(),
            r#"{"kind":"not-judged","what":{"scheme":"soc3"}}"#
        );
        for bad in [
            r#"{"kind":"passport"}"#,
            r#"{"kind":"not-judged"}"#,
            r#"{"kind":"not-judged","what":{"scheme":"iso","printed":"ISO 9001"}}"#,
            r#"{"kind":7}"#,
            r#""certificate""#,
        ] {
            assert!(serde_json::from_str::<DocumentKind>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn each_kind_from_its_own_words() {
        assert_eq!(
            kind("CERTIFICATE\nISO/IEC 27001:2022"),
            DocumentKind::Certificate
        );
        assert_eq!(
            kind("GSI, Inc.\nSOC 2® Type 2 Report\nINDEPENDENT SERVICE AUDITOR'S REPORT"),
            DocumentKind::Soc2Report
        );
        assert_eq!(
            kind("INDEPENDENT SERVICE AUDITOR’S SOC 3 REPORT FOR THE FYIPE"),
            DocumentKind::NotJudged {
                what: NotJudged::Soc3
            }
        );
        assert_eq!(
            kind(
                "Attestation Status\nConfirmation\nISSUED AN ATTESTATION REPORT FOR\nSOC 2 Type 1"
            ),
            DocumentKind::Soc2AttestationStatus
        );
        assert_eq!(
            kind("CERTIFICATE OF COMPLIANCE\nSOC 2 Type II\nAcme Ltd is certified"),
            DocumentKind::Soc2Certificate
        );
        assert_eq!(
            kind("We have received your request regarding material changes in internal controls. UHY prepared the latest SOC 2 for this system"),
            DocumentKind::Soc2BridgeLetter
        );
        assert_eq!(
            kind("CLOUDEON, UAB\nISO 9001:2015\nScope of certification"),
            DocumentKind::NotJudged {
                what: NotJudged::Iso {
                    printed: "ISO 9001:2015".into(),
                    number: "9001".into()
                }
            }
        );
        assert_eq!(
            kind("DE CONFORMIDAD CON EL ESQUEMA NACIONAL DE SEGURIDAD\nCERTIFICACIÓN ISO 17065"),
            DocumentKind::NotJudged {
                what: NotJudged::Ens
            }
        );
        assert_eq!(
            kind("HITRUST CSF Certified\nr2 Validated Assessment"),
            DocumentKind::NotJudged {
                what: NotJudged::Hitrust
            }
        );
        // An integrated certificate of 9001 and 27001 is a 27001 certificate.
        assert_eq!(
            kind("ISO 9001:2015 and ISO/IEC 27001:2022"),
            DocumentKind::Certificate
        );
    }

    #[test]
    fn every_kind_but_the_certificate_has_a_sentence() {
        for k in [
            DocumentKind::Soc2Report,
            DocumentKind::Soc2BridgeLetter,
            DocumentKind::Soc2AttestationStatus,
            DocumentKind::Soc2Certificate,
            DocumentKind::NotJudged {
                what: NotJudged::Ens,
            },
            DocumentKind::NotJudged {
                what: NotJudged::Soc3,
            },
        ] {
            let s = k.sentence().unwrap();
            assert!(s.starts_with("This ") && s.ends_with('.'), "{s}");
        }
        assert!(DocumentKind::Certificate.sentence().is_none());
    }
}
