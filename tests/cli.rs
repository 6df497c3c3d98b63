//! The command-line checker, run as a process.

use std::path::PathBuf;
use std::process::{Command, Output};

fn scopewise(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scopewise"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn example() -> String {
    format!("{}/examples/evaluation.json", env!("CARGO_MANIFEST_DIR"))
}

/// A file of our own under the temp directory, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, contents: &str) -> TempFile {
        let path =
            std::env::temp_dir().join(format!("scopewise-cli-{}-{name}", std::process::id()));
        std::fs::write(&path, contents).unwrap();
        TempFile(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn the_example_fails_policy_and_prints_the_report_as_json() {
    let o = scopewise(&["check", &example()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(report["verdict"], "fails-policy");
    assert_eq!(report["evaluation_date"], "2026-11-23");
    let candidates = report["candidates"].as_array().unwrap();
    assert_eq!(candidates.len(), 2);
    assert_eq!(candidates[0]["candidate"], "claude-on-bedrock");
    assert_eq!(candidates[0]["verdict"], "conditional");
    let f = &candidates[1]["findings"][0];
    for key in [
        "rule",
        "severity",
        "subject",
        "values",
        "message",
        "next_step",
        "source",
    ] {
        assert!(!f[key].is_null(), "{key} missing in {f}");
    }
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}

#[test]
fn summary_is_short_and_human() {
    let o = scopewise(&["check", &example(), "--summary"]);
    assert_eq!(o.status.code(), Some(2));
    let out = stdout(&o);
    assert!(
        out.contains("Claude on Amazon Bedrock (claude-on-bedrock): conditional"),
        "{out}"
    );
    assert!(out.contains("overall: fails policy"), "{out}");
    assert!(!out.trim_start().starts_with('{'));
}

#[test]
fn date_overrides_the_files_date() {
    // The report is judged on, and carries, the chosen date.
    let o = scopewise(&["check", &example(), "--date", "2026-01-15"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(report["evaluation_date"], "2026-01-15");
    let o2 = scopewise(&["check", "--date=2026-01-15", &example()]);
    assert_eq!(stdout(&o), stdout(&o2));
}

#[test]
fn exit_codes_follow_the_worst_verdict() {
    let text = std::fs::read_to_string(example()).unwrap();
    let mut eval: serde_json::Value = serde_json::from_str(&text).unwrap();
    // Only the Bedrock candidate: conditional → 1.
    eval["candidates"].as_array_mut().unwrap().truncate(1);
    let f = TempFile::new("conditional.json", &eval.to_string());
    assert_eq!(scopewise(&["check", f.path()]).status.code(), Some(1));
    // No candidates at all: nothing fails → 0.
    eval["candidates"] = serde_json::json!([]);
    let f = TempFile::new("empty.json", &eval.to_string());
    assert_eq!(scopewise(&["check", f.path()]).status.code(), Some(0));
}

#[test]
fn an_unknown_field_is_named_with_its_path() {
    let text = std::fs::read_to_string(example()).unwrap().replacen(
        "\"holder\": \"Anthropic, PBC\",",
        "\"holder\": \"Anthropic, PBC\", \"hodler\": 1,",
        1,
    );
    let f = TempFile::new("unknown-field.json", &text);
    let o = scopewise(&["check", f.path()]);
    assert_eq!(o.status.code(), Some(3));
    let err = stderr(&o);
    assert!(
        err.contains("unknown field “hodler” at candidates[0].records[0]"),
        "{err}"
    );
    assert!(err.contains("line "), "{err}");
    assert!(stdout(&o).is_empty());
}

#[test]
fn a_bad_date_not_json_and_a_newer_format_exit_3() {
    let text = std::fs::read_to_string(example()).unwrap();
    let f = TempFile::new(
        "bad-date.json",
        &text.replacen("2027-01-07", "2027-02-30", 1),
    );
    let o = scopewise(&["check", f.path()]);
    assert_eq!(o.status.code(), Some(3));
    assert!(
        stderr(&o).contains("“2027-02-30” is not a day on the calendar"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("expiry_date"), "{}", stderr(&o));

    let f = TempFile::new("not-json.json", "this is not json");
    let o = scopewise(&["check", f.path()]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("not valid JSON"), "{}", stderr(&o));

    let f = TempFile::new(
        "newer.json",
        &text.replacen("\"format\": 1", "\"format\": 7", 1),
    );
    let o = scopewise(&["check", f.path()]);
    assert_eq!(o.status.code(), Some(3));
    assert!(
        stderr(&o).contains("format 7, newer than this checker reads"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn unreadable_files_and_bad_arguments_exit_3() {
    let missing = std::env::temp_dir().join("scopewise-cli-does-not-exist.json");
    let o = scopewise(&["check", missing.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("cannot read"), "{}", stderr(&o));
    for args in [
        vec![],
        vec!["frobnicate"],
        vec!["check"],
        vec!["check", "a.json", "b.json"],
        vec!["check", "a.json", "--date"],
        vec!["check", "a.json", "--date", "2025-13-01"],
        vec!["check", "a.json", "--colour"],
    ] {
        let o = scopewise(&args);
        assert_eq!(o.status.code(), Some(3), "{args:?}");
        assert!(
            stderr(&o).starts_with("scopewise: "),
            "{args:?}: {}",
            stderr(&o)
        );
        assert!(stderr(&o).contains("usage:"), "{args:?}");
    }
}

#[test]
fn help_and_version() {
    let o = scopewise(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("scopewise check <evaluation.json>"));
    assert!(stdout(&o).contains("exit codes"));
    let o = scopewise(&["check", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    let o = scopewise(&["--version"]);
    assert!(stdout(&o).starts_with("scopewise "));
}

fn fixture_pdf(name: &str) -> String {
    format!("{}/tests/fixtures/pdf/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn read_prints_the_readers_answer_as_json() {
    // One file: the worker's answer, alone.
    let o = scopewise(&["read", &fixture_pdf("iso42001.pdf")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let fields = v["read"]["fields"].as_array().unwrap();
    let standard = fields.iter().find(|f| f["field"] == "standard").unwrap();
    assert_eq!(standard["value"], "42001:2023");
    assert!(standard["found_by"].as_str().unwrap().contains("42001"));
    // The same bytes the app's worker reads give the same JSON.
    let bytes = std::fs::read(fixture_pdf("iso42001.pdf")).unwrap();
    assert_eq!(
        out.trim_end(),
        scopewise::certificate::read_outcome_json(&bytes)
    );
}

#[test]
fn read_several_files_one_line_each_and_the_worst_exit_code() {
    let o = scopewise(&[
        "read",
        &fixture_pdf("two-column.pdf"),
        &fixture_pdf("scan.pdf"),
        &fixture_pdf("not-a-pdf.pdf"),
    ]);
    // A refusal makes it 2.
    assert_eq!(o.status.code(), Some(2));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[0]["read"].is_object());
    assert_eq!(lines[1]["refused"]["kind"], "scan");
    assert_eq!(lines[2]["refused"]["kind"], "not_pdf");
    assert!(lines[2]["refused"]["message"]
        .as_str()
        .unwrap()
        .starts_with("This file is not a PDF."));
    // A file that cannot be opened: 3, on stderr, the others still read.
    let missing = std::env::temp_dir().join("scopewise-cli-missing.pdf");
    let o = scopewise(&[
        "read",
        missing.to_str().unwrap(),
        &fixture_pdf("two-column.pdf"),
    ]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("cannot read"), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 1);
    // No file, or an unknown option: 3 with the usage.
    for args in [vec!["read"], vec!["read", "--colour", "a.pdf"]] {
        let o = scopewise(&args);
        assert_eq!(o.status.code(), Some(3), "{args:?}");
        assert!(stderr(&o).contains("usage:"), "{args:?}");
    }
    let o = scopewise(&["--help"]);
    assert!(stdout(&o).contains("scopewise read <file.pdf>..."));
    assert!(stdout(&o).contains("exit codes of read"));
}

/// A document Scopewise does not judge (a real ISO 9001 certificate from
/// the shared folder) exits 1: read, but a person must look.
#[test]
fn read_a_document_not_judged_exits_1() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "../shared/real-certificates/bureau-veritas-uk_9001_cloudeon-lithuania_2024_multisite.pdf",
    );
    if !dir.is_file() {
        println!("skipped: {} is absent", dir.display());
        return;
    }
    let o = scopewise(&["read", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["read"]["document"]["kind"], "not-judged");
}
