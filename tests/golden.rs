//! Golden files: what the engine answers, pinned.
//!
//! - Per rule family, the evaluations under `tests/golden/<family>/` are
//!   judged on their own evaluation date and their findings, decision matrix
//!   and scope matches rendered as text (rule, severity, subject, message,
//!   next step) into `tests/golden/<family>.txt`.
//! - The report JSON of the README example and of the reference evaluation
//!   (`tests/fixtures/reference-evaluation.json`), byte for byte, in
//!   `tests/golden/readme-report.json` and `tests/golden/reference-report.json`.
//!
//! The test fails when the engine's answer differs from the committed file.
//! `UPDATE_GOLDEN=1 cargo test --test golden` rewrites the files instead: do
//! it only for an intended change, and say in the commit what changed and why.
//!
//! The text is read from the report's JSON, so it stays the same whatever the
//! engine's Rust types are.
#![cfg(not(target_arch = "wasm32"))]

use scopewise::domain::evaluation::Evaluation;
use scopewise::policy::evaluate;
use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[path = "support/readme.rs"]
mod support;
use support::readme_example;

/// The rule families, as the engine's rule files are named.
const FAMILIES: [&str; 10] = [
    "tier", "evidence", "cert", "scope", "layer", "ai", "soc2", "verify", "contract", "claim",
];

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn updating() -> bool {
    std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v != "0" && !v.is_empty())
}

/// Compares `actual` with the committed file, or rewrites it under
/// `UPDATE_GOLDEN=1`. Returns a description of the difference.
fn check(path: &Path, actual: &str) -> Result<(), String> {
    if updating() {
        std::fs::write(path, actual).map_err(|e| format!("{}: {e}", path.display()))?;
        return Ok(());
    }
    let expected = std::fs::read_to_string(path).map_err(|e| {
        format!(
            "{}: {e} (run with UPDATE_GOLDEN=1 to write it)",
            path.display()
        )
    })?;
    if expected == actual {
        return Ok(());
    }
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let first = e
        .iter()
        .zip(&a)
        .position(|(x, y)| x != y)
        .unwrap_or(e.len().min(a.len()));
    Err(format!(
        "{} differs from the engine's answer at line {}:\n  committed: {}\n  now:       {}\n({} lines committed, {} now; UPDATE_GOLDEN=1 rewrites it for an intended change)",
        path.display(),
        first + 1,
        e.get(first).unwrap_or(&"(end of file)"),
        a.get(first).unwrap_or(&"(end of file)"),
        e.len(),
        a.len()
    ))
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// One finding: severity and rule, its subject, then message and next step.
fn render_finding(out: &mut String, f: &Value) {
    let subject = &f["subject"];
    let parts: Vec<&str> = ["layer", "record", "standard", "field"]
        .iter()
        .map(|k| s(subject, k))
        .filter(|v| !v.is_empty())
        .collect();
    let _ = writeln!(
        out,
        "  {:<4} {}  [{}]",
        s(f, "severity"),
        s(f, "rule"),
        parts.join(" · ")
    );
    let _ = writeln!(out, "       {}", s(f, "message"));
    let _ = writeln!(out, "       next: {}", s(f, "next_step"));
    if let Some(values) = f["values"].as_array() {
        let vs: Vec<String> = values
            .iter()
            .map(|v| format!("{}={}", s(v, "name"), s(v, "value")))
            .collect();
        if !vs.is_empty() {
            let _ = writeln!(out, "       compared: {}", vs.join("; "));
        }
    }
}

/// A report as text, candidate by candidate; the products found in scope
/// statements only when `scope_matches` (the scope family).
fn render(report: &Value, scope_matches: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "evaluation date {} · tier {} · verdict {}",
        s(report, "evaluation_date"),
        s(report, "risk_tier"),
        s(report, "verdict")
    );
    for c in report["candidates"].as_array().into_iter().flatten() {
        let counts = &c["counts"];
        let _ = writeln!(
            out,
            "\n== {} ({}): {} · {} fail, {} warn, {} info",
            s(c, "candidate"),
            s(c, "name"),
            s(c, "verdict"),
            counts["fail"],
            counts["warn"],
            counts["info"]
        );
        for f in c["findings"].as_array().into_iter().flatten() {
            render_finding(&mut out, f);
        }
        for cell in c["matrix"].as_array().into_iter().flatten() {
            let records: Vec<&str> = cell["records"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            let _ = writeln!(
                out,
                "  cell {} · {} ({}): {} [{}] {}",
                s(cell, "layer"),
                s(cell, "requirement"),
                s(cell, "level"),
                s(cell, "status"),
                records.join(", "),
                s(cell, "reason")
            );
        }
        let matches = c["scope_matches"].as_array().filter(|_| scope_matches);
        for m in matches.into_iter().flatten() {
            let how = match m.get("confirmed_by_hand").and_then(Value::as_str) {
                Some(note) => format!("confirmed by hand: {note}"),
                None => format!("as “{}”", s(m, "matched")),
            };
            let _ = writeln!(
                out,
                "  scope {} · {}: {} {how}",
                s(m, "layer"),
                s(m, "record"),
                s(m, "product")
            );
        }
    }
    out
}

fn judge(json: &str) -> (Evaluation, String) {
    let eval = Evaluation::from_json(json).expect("a golden fixture is a valid evaluation file");
    let date = eval
        .evaluation_date
        .expect("a golden fixture sets its evaluation date");
    let report = evaluate(&eval, date).to_json_pretty();
    (eval, report)
}

/// The fixtures of a family, sorted by file name.
fn fixtures(family: &str) -> Vec<PathBuf> {
    let dir = golden_dir().join(family);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn findings_of_each_rule_family() {
    let mut problems = Vec::new();
    for family in FAMILIES {
        let mut text = String::new();
        let files = fixtures(family);
        assert!(!files.is_empty(), "no fixture for the {family} family");
        for file in files {
            let json = std::fs::read_to_string(&file).unwrap();
            let (_, report) = judge(&json);
            let report: Value = serde_json::from_str(&report).unwrap();
            let name = file.file_name().unwrap().to_string_lossy();
            let _ = writeln!(text, "### {family}/{name}");
            text.push_str(&render(&report, family == "scope"));
            text.push('\n');
        }
        if let Err(e) = check(&golden_dir().join(format!("{family}.txt")), &text) {
            problems.push(e);
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn report_json_of_the_readme_example() {
    let (_, report) = judge(&readme_example());
    check(&golden_dir().join("readme-report.json"), &report).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn report_json_of_the_reference_evaluation() {
    let json = include_str!("fixtures/reference-evaluation.json");
    let (_, report) = judge(json);
    check(&golden_dir().join("reference-report.json"), &report).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn report_json_of_the_example_file() {
    let json = include_str!("../examples/evaluation.json");
    let (_, report) = judge(json);
    check(&golden_dir().join("example-report.json"), &report).unwrap_or_else(|e| panic!("{e}"));
}
