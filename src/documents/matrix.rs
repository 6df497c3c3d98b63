//! The decision matrix export: candidates × the policy's requirements, each
//! cell the engine's verdict for that requirement (pass, conditional, fail),
//! as CSV or Markdown; and the report JSON, exactly as the command line
//! prints it.

use crate::domain::evaluation::RequirementLevel;
use crate::domain::{format_date, Layer};
use crate::policy::{CandidateReport, Report};

/// Rows of text ready for a table. The first row is the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionMatrix {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// What a cell says when the candidate has no such requirement (a direct
/// candidate has no platform layer).
pub const NOT_APPLICABLE: &str = "n/a";

/// The report JSON (what `scopewise check` prints).
pub fn report_json(report: &Report) -> String {
    report.to_json_pretty()
}

/// The matrix of a report: one row per candidate (name, id, verdict, counts)
/// and one column per (layer, requirement) in the order they first appear,
/// then the holders of the records that decide the candidate's cells, per
/// layer (so a certificate issued to another company shows).
pub fn decision_matrix(report: &Report) -> DecisionMatrix {
    let mut columns: Vec<(Layer, String, RequirementLevel)> = Vec::new();
    for c in &report.candidates {
        for cell in &c.matrix {
            if !columns
                .iter()
                .any(|(l, r, _)| *l == cell.layer && *r == cell.requirement)
            {
                columns.push((cell.layer, cell.requirement.to_string(), cell.level));
            }
        }
    }
    let mut header: Vec<String> = ["Candidate", "Candidate id", "Verdict", "Fails", "Warnings"]
        .into_iter()
        .map(String::from)
        .collect();
    let holder_layers = [Layer::Model, Layer::Platform];
    for (layer, req, level) in &columns {
        header.push(format!(
            "{} layer: {}{}",
            layer.id(),
            req,
            if *level == RequirementLevel::Recommended {
                " (recommended)"
            } else {
                ""
            }
        ));
    }
    for layer in holder_layers {
        header.push(format!("{} layer: holder", layer.id()));
    }
    let rows = report
        .candidates
        .iter()
        .map(|c| {
            let mut row = vec![
                if c.name.trim().is_empty() {
                    c.candidate.to_string()
                } else {
                    c.name.to_string()
                },
                c.candidate.to_string(),
                c.verdict.label().to_string(),
                c.counts.fail.to_string(),
                c.counts.warn.to_string(),
            ];
            for (layer, req, _) in &columns {
                row.push(
                    c.matrix
                        .iter()
                        .find(|cell| cell.layer == *layer && cell.requirement == req.as_str())
                        .map_or(NOT_APPLICABLE, |cell| cell.status.id())
                        .to_string(),
                );
            }
            for layer in holder_layers {
                row.push(holders(c, layer));
            }
            row
        })
        .collect();
    DecisionMatrix { header, rows }
}

/// The holders of the records deciding a candidate's cells at a layer, each
/// once, in the matrix's order; `n/a` when the candidate has no such layer.
fn holders(c: &CandidateReport, layer: Layer) -> String {
    if !c.matrix.iter().any(|cell| cell.layer == layer) {
        return NOT_APPLICABLE.to_string();
    }
    let mut out: Vec<&str> = Vec::new();
    for h in c
        .matrix
        .iter()
        .filter(|cell| cell.layer == layer)
        .filter_map(|cell| cell.holder.as_deref())
    {
        if !out.contains(&h) {
            out.push(h);
        }
    }
    out.join("; ")
}

/// A cell a spreadsheet would read as a formula gets a leading apostrophe:
/// anything starting with `=`, `+`, `-`, `@`, a tab or a carriage return
/// (OWASP, "CSV injection").
pub fn neutralise_formula(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// The UTF-8 byte order mark spreadsheet tools look for.
pub const BOM: &str = "\u{feff}";

impl DecisionMatrix {
    /// CSV (RFC 4180: CRLF, quotes where needed), UTF-8 with a byte order
    /// mark, every cell formula-neutralised.
    pub fn to_csv(&self) -> String {
        let bytes = write_csv(
            std::iter::once(&self.header)
                .chain(&self.rows)
                .map(|row| row.iter().map(|c| neutralise_formula(c))),
        );
        let mut out = String::from(BOM);
        out.push_str(&String::from_utf8_lossy(&bytes));
        out
    }

    /// A GitHub-flavoured Markdown table under a title.
    pub fn to_markdown(&self, report: &Report, workload: &str) -> String {
        let mut out = String::new();
        out.push_str(&format!(
            "# Decision matrix: {}\n\n",
            md_cell(if workload.trim().is_empty() {
                "evaluation"
            } else {
                workload
            })
        ));
        out.push_str(&format!(
            "Evaluation date {} · risk tier {} · policy {} · overall: **{}**\n\n",
            format_date(report.evaluation_date),
            report.risk_tier.id(),
            md_cell(&report.policy),
            report.verdict.label()
        ));
        let line = |cells: &[String]| {
            let mut l = String::from("|");
            for c in cells {
                l.push(' ');
                l.push_str(&md_cell(c));
                l.push_str(" |");
            }
            l.push('\n');
            l
        };
        out.push_str(&line(&self.header));
        out.push('|');
        for _ in &self.header {
            out.push_str(" --- |");
        }
        out.push('\n');
        for r in &self.rows {
            out.push_str(&line(r));
        }
        out.push_str("\nCells: pass, conditional (a person must look), fail; n/a where the candidate has no such layer. The holder columns name the organisation on the certificates and reports that decide each layer's cells. Made by Scopewise, in the browser.\n");
        out
    }
}

/// Writes records as RFC 4180 CSV: a field is quoted when it holds a quote,
/// a comma, a CR or an LF (quotes doubled inside); records end in CRLF.
/// Written by hand: the `csv` crate (or `csv-core`) costs ~16 KB of gzipped
/// wasm for these few lines; the tests read every file back with the `csv`
/// crate's reader.
fn write_csv<R, F>(records: R) -> Vec<u8>
where
    R: Iterator<Item = F>,
    F: Iterator<Item = String>,
{
    let mut out = String::new();
    for record in records {
        let record: Vec<String> = record.collect();
        // A record of one empty field would be a blank line, which readers skip.
        let lone_empty = matches!(record.as_slice(), [f] if f.is_empty());
        for (k, field) in record.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            if lone_empty || field.contains(['"', ',', '\r', '\n']) {
                out.push('"');
                out.push_str(&field.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(field);
            }
        }
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// A Markdown table cell: backslashes and pipes escaped, `<`, `>` and `&` as
/// entities (no HTML gets through), line breaks as `<br>`.
pub fn md_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '|' => out.push_str("\\|"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("<br>");
            }
            '\n' => out.push_str("<br>"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.trim().to_string()
}
