#![allow(dead_code)]
//! Scores the PDF reader on the real documents in
//! `../shared/real-certificates/` against the values a careful person read
//! off each (`expected.json` there). Shared by the native test
//! (tests/certificate_pdf.rs) and the bench (benches/pdf.rs). The documents
//! are never copied into the repository.
//!
//! What counts, per expected value:
//! - a date, the standard, a certificate number, a SOC 2 type: the same
//!   value;
//! - the holder, the certification body, the scope, a SOC 2 auditor: the
//!   expected text inside the value read, ignoring case, accents and
//!   punctuation; for a holder or a body the value may add at most four
//!   words (a legal form, "UK Ltd"), never a paragraph;
//! - the accreditation body: the same recognised body, or the text as above;
//! - `null`: the field must be left empty; a value there is wrong;
//! - `"refusal": "scan"`: the reader refuses the file as a scan (its OCR
//!   values are read in the browser, see tests/e2e);
//! - `"negative"`: the document is named for what it is and no ISO record
//!   can be made of it;
//! - `"soc2"`: the kind of SOC 2 document and each value given.
//!
//! A value that is absent is missing, not wrong.

use scopewise::certificate::{Outcome, Reading};
use scopewise::policy::recognised_accreditation_body;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

/// The shared folder, or why it is not there.
pub fn folder() -> Result<PathBuf, String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/real-certificates");
    if dir.join("expected.json").is_file() {
        Ok(dir)
    } else {
        Err(format!(
            "{} is absent: the real certificates are not on this machine",
            dir.display()
        ))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Right,
    Wrong,
    Missing,
}

/// One expected value and what the reader gave.
#[derive(Debug, Clone)]
pub struct Check {
    pub file: String,
    pub field: String,
    pub expected: String,
    pub got: String,
    pub verdict: Verdict,
}

/// A document's checks and its reading time.
#[derive(Debug, Clone)]
pub struct DocScore {
    pub file: String,
    pub checks: Vec<Check>,
    pub time: Duration,
}

impl DocScore {
    pub fn count(&self, v: Verdict) -> usize {
        self.checks.iter().filter(|c| c.verdict == v).count()
    }
}

pub struct Score {
    pub docs: Vec<DocScore>,
}

impl Score {
    pub fn checks(&self) -> impl Iterator<Item = &Check> {
        self.docs.iter().flat_map(|d| d.checks.iter())
    }
    pub fn count(&self, v: Verdict) -> usize {
        self.checks().filter(|c| c.verdict == v).count()
    }
    pub fn total(&self) -> usize {
        self.checks().count()
    }
    pub fn ratio(&self) -> f64 {
        self.count(Verdict::Right) as f64 / self.total().max(1) as f64
    }
    /// Field → (right, wrong, missing).
    pub fn per_field(&self) -> BTreeMap<String, (usize, usize, usize)> {
        let mut out: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
        for c in self.checks() {
            let e = out.entry(c.field.clone()).or_default();
            match c.verdict {
                Verdict::Right => e.0 += 1,
                Verdict::Wrong => e.1 += 1,
                Verdict::Missing => e.2 += 1,
            }
        }
        out
    }
}

/// Lower case, no accents, punctuation as spaces, single spaces.
fn norm(s: &str) -> String {
    let folded: String = scopewise::certificate::fold_text(s)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn contains(got: &str, expected: &str) -> bool {
    format!(" {} ", norm(got)).contains(&format!(" {} ", norm(expected)))
}

fn text_matches(field: &str, got: &str, expected: &str) -> bool {
    match field {
        "holder" | "certification_body" | "soc2.auditor" => {
            contains(got, expected)
                && norm(got).split(' ').count() <= norm(expected).split(' ').count() + 4
        }
        "scope" => contains(got, expected),
        "accreditation_body" => {
            let same = match (
                recognised_accreditation_body(got),
                recognised_accreditation_body(expected),
            ) {
                (Some(a), Some(b)) => a.short_name == b.short_name,
                _ => false,
            };
            same || contains(got, expected)
        }
        _ => got == expected,
    }
}

fn check(file: &str, field: &str, expected: &Value, got: Option<&str>) -> Check {
    let verdict = match (expected, got) {
        (Value::Null, None) => Verdict::Right,
        (Value::Null, Some(_)) => Verdict::Wrong,
        (_, None) => Verdict::Missing,
        (e, Some(g)) => {
            if text_matches(field, g, e.as_str().unwrap_or_default()) {
                Verdict::Right
            } else {
                Verdict::Wrong
            }
        }
    };
    Check {
        file: file.into(),
        field: field.into(),
        expected: match expected {
            Value::Null => "(empty)".into(),
            e => e.as_str().unwrap_or_default().into(),
        },
        got: got.unwrap_or("(empty)").into(),
        verdict,
    }
}

fn yes(file: &str, field: &str, expected: &str, got: String, ok: bool) -> Check {
    Check {
        file: file.into(),
        field: field.into(),
        expected: expected.into(),
        got,
        verdict: if ok { Verdict::Right } else { Verdict::Wrong },
    }
}

fn kind_name(r: &Reading) -> String {
    serde_json::to_value(&r.document)
        .ok()
        .and_then(|v| v.get("kind").and_then(|k| k.as_str()).map(str::to_string))
        .unwrap_or_default()
}

/// Scores one document's outcome against its entry in expected.json.
pub fn score_document(doc: &Value, outcome: &Outcome) -> Vec<Check> {
    let file = doc["file"].as_str().unwrap_or_default();
    let mut out = Vec::new();
    let reading = match outcome {
        Outcome::Read(r) => Some(r),
        Outcome::Refused { .. } => None,
    };
    if let Some(expect) = doc["expect"].as_object() {
        for (field, expected) in expect {
            let got = reading.and_then(|r| {
                r.fields
                    .iter()
                    .find(|f| f.field.id() == field)
                    .map(|f| f.value.as_str())
            });
            out.push(check(file, field, expected, got));
        }
    }
    if let Some(refusal) = doc["refusal"].as_str() {
        let got = match outcome {
            Outcome::Refused { kind, .. } => kind.clone(),
            Outcome::Read(_) => "read".into(),
        };
        out.push(yes(file, "refusal", refusal, got.clone(), got == refusal));
    }
    if doc.get("negative").is_some() {
        let (got, ok) = match reading {
            Some(r) => {
                let no_record = r.document.makes_no_record()
                    && r.document.sentence().is_some()
                    && r.to_evidence_record("x", scopewise::domain::Layer::Model)
                        .is_err();
                (kind_name(r), no_record)
            }
            None => ("refused".into(), false),
        };
        out.push(yes(file, "negative", "named, no record", got, ok));
    }
    if let Some(soc2) = doc["soc2"].as_object() {
        let got = reading.map(kind_name).unwrap_or_else(|| "refused".into());
        match soc2.get("kind").and_then(Value::as_str) {
            Some(kind) => {
                let want = format!("soc2-{kind}");
                out.push(yes(file, "soc2.kind", &want, got.clone(), got == want));
            }
            None => {
                let ok = reading.is_some_and(|r| r.document.is_soc2());
                out.push(yes(file, "soc2.kind", "a SOC 2 document", got, ok));
            }
        }
        for (key, expected) in soc2.iter().filter(|(k, _)| *k != "kind") {
            let field = format!("soc2.{key}");
            let got = reading
                .and_then(|r| r.soc2.as_ref())
                .and_then(|s| s.fields.iter().find(|f| f.field.id() == field))
                .map(|f| f.value.as_str());
            out.push(check(file, &field, expected, got));
        }
    }
    out
}

/// Reads every document of the folder with `read` and scores it.
pub fn score(read: impl Fn(&[u8]) -> Outcome) -> Result<Score, String> {
    let dir = folder()?;
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("expected.json")).map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    let mut docs = Vec::new();
    for doc in expected["documents"].as_array().into_iter().flatten() {
        let file = doc["file"].as_str().unwrap_or_default().to_string();
        let bytes = std::fs::read(dir.join(&file)).map_err(|e| format!("{file}: {e}"))?;
        let start = std::time::Instant::now();
        let outcome = read(&bytes);
        let time = start.elapsed();
        docs.push(DocScore {
            checks: score_document(doc, &outcome),
            file,
            time,
        });
    }
    Ok(Score { docs })
}
