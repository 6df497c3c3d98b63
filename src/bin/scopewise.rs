//! `scopewise check evaluation.json [--date YYYY-MM-DD] [--summary]`
//!
//! Prints the report as JSON (or a short summary) and exits with 0 (meets
//! policy), 1 (conditional), 2 (fails policy) or 3 (the file or the
//! arguments could not be read).
//!
//! `scopewise read FILE...` reads certificate PDFs as the app's reader
//! does and prints, per file, the reader's answer as one line of JSON.

use scopewise::domain::evaluation::FormatError;
use scopewise::domain::{format_date, parse_date, DateError};
use scopewise::error::UserError;
use scopewise::policy::{evaluate, resolve_evaluation_date, Evaluation};
use std::process::ExitCode;

const USAGE: &str = "\
scopewise: checks AI vendors' ISO evidence against your policy

usage:
  scopewise check <evaluation.json> [--date YYYY-MM-DD] [--summary]
  scopewise read <file.pdf>...
  scopewise --help | --version

  check       judge every candidate of the evaluation file
  --date      judge on this date (default: the file's evaluation_date, else today, UTC)
  --summary   print a short summary instead of the JSON report
  read        read certificate PDFs, SOC 2 reports and letters as the app does, and print
              the reader's answer per file, one line of JSON each (read or refused)

exit codes of check:
  0  every candidate meets the policy
  1  at least one candidate is conditional (a person must look), none fails
  2  at least one candidate fails the policy
  3  the file or the arguments could not be read

exit codes of read:
  0  every file was read
  1  every file was read, and at least one is a document Scopewise does not judge (a person must look)
  2  at least one file was refused (not a PDF, a scan, a password, damaged)
  3  a file could not be opened, or the arguments could not be read

The file format is described in docs/evaluation-format.md.";

struct Args {
    file: String,
    date: Option<time::Date>,
    summary: bool,
}

enum Parsed {
    Run(Args),
    Help,
    Version,
}

/// Why the checker could not run (exit code 3).
#[derive(Debug)]
enum CliError {
    NoCommand,
    UnknownCommand(String),
    UnknownOption(String),
    NoFile,
    NoPdf,
    TwoFiles,
    DateMissing,
    BadDate(DateError),
    Unreadable { file: String, reason: String },
    NotAnEvaluation { file: String, error: FormatError },
}

impl CliError {
    /// True when the usage should follow the message.
    fn is_usage(&self) -> bool {
        !matches!(
            self,
            CliError::Unreadable { .. } | CliError::NotAnEvaluation { .. }
        )
    }
}

impl UserError for CliError {
    fn message(&self) -> String {
        match self {
            CliError::NoCommand => "no command given".into(),
            CliError::UnknownCommand(c) => format!("unknown command “{c}”"),
            CliError::UnknownOption(o) => format!("unknown option “{o}”"),
            CliError::NoFile => "no evaluation file given".into(),
            CliError::NoPdf => "no PDF file given".into(),
            CliError::TwoFiles => "more than one evaluation file given".into(),
            CliError::DateMissing => "“--date” needs a date".into(),
            CliError::BadDate(e) => format!("--date: {}", e.message()),
            CliError::Unreadable { file, reason } => format!("cannot read “{file}”: {reason}"),
            CliError::NotAnEvaluation { file, error } => {
                format!("“{file}”: {}{}", error.message(), error.position())
            }
        }
    }

    fn help(&self) -> Option<String> {
        match self {
            CliError::TwoFiles => Some("give one evaluation file".into()),
            CliError::NoPdf => Some("give one or more PDF files after “read”".into()),
            CliError::DateMissing => Some("write it as YYYY-MM-DD".into()),
            CliError::BadDate(e) => e.help(),
            CliError::NotAnEvaluation { error, .. } => error.help(),
            _ => None,
        }
    }
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for CliError {}

fn parse_args(args: &[String]) -> Result<Parsed, CliError> {
    let mut it = args.iter();
    let Some(cmd) = it.next() else {
        return Err(CliError::NoCommand);
    };
    match cmd.as_str() {
        "-h" | "--help" | "help" => return Ok(Parsed::Help),
        "-V" | "--version" => return Ok(Parsed::Version),
        "check" => {}
        other => return Err(CliError::UnknownCommand(other.into())),
    }
    let mut file = None;
    let mut date = None;
    let mut summary = false;
    while let Some(a) = it.next() {
        match a.as_str() {
            "-h" | "--help" => return Ok(Parsed::Help),
            "--summary" => summary = true,
            "--date" => {
                let v = it.next().ok_or(CliError::DateMissing)?;
                date = Some(parse_date(v).map_err(CliError::BadDate)?);
            }
            s if s.starts_with("--date=") => {
                date = Some(parse_date(&s[7..]).map_err(CliError::BadDate)?);
            }
            s if s.starts_with('-') && s != "-" => return Err(CliError::UnknownOption(s.into())),
            s => {
                if file.replace(s.to_string()).is_some() {
                    return Err(CliError::TwoFiles);
                }
            }
        }
    }
    let file = file.ok_or(CliError::NoFile)?;
    Ok(Parsed::Run(Args {
        file,
        date,
        summary,
    }))
}

/// `scopewise read FILE...`: the reader's answer per file, one JSON line
/// each, in the order given.
fn read_files(files: &[String]) -> Result<u8, CliError> {
    use scopewise::certificate::{read_outcome, Outcome};
    if files.is_empty() {
        return Err(CliError::NoPdf);
    }
    if let Some(opt) = files
        .iter()
        .find(|f| f.starts_with('-') && f.as_str() != "-")
    {
        if opt == "-h" || opt == "--help" {
            println!("{USAGE}");
            return Ok(0);
        }
        return Err(CliError::UnknownOption(opt.clone()));
    }
    let mut code = 0u8;
    for f in files {
        let bytes = if f == "-" {
            let mut b = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut b).map_err(|e| {
                CliError::Unreadable {
                    file: "-".into(),
                    reason: e.to_string(),
                }
            })?;
            b
        } else {
            match std::fs::read(f) {
                Ok(b) => b,
                Err(e) => {
                    let e = CliError::Unreadable {
                        file: f.clone(),
                        reason: e.to_string(),
                    };
                    eprintln!("scopewise: {}", e.message());
                    code = 3;
                    continue;
                }
            }
        };
        let outcome = read_outcome(&bytes);
        let line = serde_json::to_string(&outcome).map_err(|e| CliError::Unreadable {
            file: f.clone(),
            reason: e.to_string(),
        })?;
        println!("{line}");
        let this = match &outcome {
            Outcome::Refused { .. } => 2,
            Outcome::Read(r) if r.document.makes_no_record() => 1,
            Outcome::Read(_) => 0,
        };
        code = code.max(this);
    }
    Ok(code)
}

fn run() -> Result<u8, CliError> {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    if argv.first().map(String::as_str) == Some("read") {
        return read_files(&argv[1..]);
    }
    let args = match parse_args(&argv)? {
        Parsed::Help => {
            println!("{USAGE}");
            return Ok(0);
        }
        Parsed::Version => {
            println!("scopewise {}", env!("CARGO_PKG_VERSION"));
            return Ok(0);
        }
        Parsed::Run(a) => a,
    };
    let unreadable = |reason: String| CliError::Unreadable {
        file: args.file.clone(),
        reason,
    };
    let text = if args.file == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
            .map_err(|e| unreadable(e.to_string()))?;
        s
    } else {
        std::fs::read_to_string(&args.file).map_err(|e| unreadable(e.to_string()))?
    };
    let eval = Evaluation::from_json(&text).map_err(|error| CliError::NotAnEvaluation {
        file: args.file.clone(),
        error,
    })?;
    let today = time::OffsetDateTime::now_utc().date();
    let date = resolve_evaluation_date(&eval, args.date, today);
    let report = evaluate(&eval, date);
    if args.summary {
        print!("{}", report.summary());
    } else {
        println!("{}", report.to_json_pretty());
    }
    if args.date.is_none() && eval.evaluation_date.is_none() {
        eprintln!("scopewise: judged on today's date, {}", format_date(date));
    }
    Ok(report.verdict.exit_code() as u8)
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("scopewise: {}", e.message());
            if let Some(help) = e.help() {
                eprintln!("{}", scopewise::error::sentence(&help, None));
            }
            if e.is_usage() {
                eprintln!("\n{USAGE}");
            }
            ExitCode::from(3)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Result<Parsed, CliError> {
        parse_args(&a.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn every_error_keeps_the_style() {
        let mut errors: Vec<CliError> = [
            &[][..],
            &["frobnicate"],
            &["check"],
            &["check", "a", "b"],
            &["check", "a", "--date"],
            &["check", "a", "--date", "2025-13-01"],
            &["check", "a", "--colour"],
        ]
        .iter()
        .map(|a| args(a).err().expect("an error"))
        .collect();
        errors.push(CliError::NoPdf);
        errors.push(CliError::Unreadable {
            file: "a.json".into(),
            reason: "no such file".into(),
        });
        errors.push(CliError::NotAnEvaluation {
            file: "a.json".into(),
            error: Evaluation::from_json("{ nope").unwrap_err(),
        });
        for e in &errors {
            scopewise::error::check_style(e).unwrap_or_else(|p| panic!("{p}"));
        }
    }
}
