//! `scopewise check evaluation.json [--date YYYY-MM-DD] [--summary]`
//!
//! Prints the report as JSON (or a short summary) and exits with 0 (meets
//! policy), 1 (conditional), 2 (fails policy) or 3 (the file or the
//! arguments could not be read).

use scopewise::domain::{format_date, parse_date};
use scopewise::policy::{evaluate, resolve_evaluation_date, Evaluation};
use std::process::ExitCode;

const USAGE: &str = "\
scopewise: checks AI vendors' ISO evidence against your policy

usage:
  scopewise check <evaluation.json> [--date YYYY-MM-DD] [--summary]
  scopewise --help | --version

  check       judge every candidate of the evaluation file
  --date      judge on this date (default: the file's evaluation_date, else today, UTC)
  --summary   print a short summary instead of the JSON report

exit codes:
  0  every candidate meets the policy
  1  at least one candidate is conditional (a person must look), none fails
  2  at least one candidate fails the policy
  3  the file or the arguments could not be read

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

fn parse_args(args: &[String]) -> Result<Parsed, String> {
    let mut it = args.iter();
    let Some(cmd) = it.next() else {
        return Err("no command given".into());
    };
    match cmd.as_str() {
        "-h" | "--help" | "help" => return Ok(Parsed::Help),
        "-V" | "--version" => return Ok(Parsed::Version),
        "check" => {}
        other => return Err(format!("unknown command `{other}`")),
    }
    let mut file = None;
    let mut date = None;
    let mut summary = false;
    while let Some(a) = it.next() {
        match a.as_str() {
            "-h" | "--help" => return Ok(Parsed::Help),
            "--summary" => summary = true,
            "--date" => {
                let v = it.next().ok_or("`--date` needs a date (YYYY-MM-DD)")?;
                date = Some(parse_date(v).map_err(|e| format!("--date: {e}"))?);
            }
            s if s.starts_with("--date=") => {
                date = Some(parse_date(&s[7..]).map_err(|e| format!("--date: {e}"))?);
            }
            s if s.starts_with('-') && s != "-" => return Err(format!("unknown option `{s}`")),
            s => {
                if file.replace(s.to_string()).is_some() {
                    return Err("give one evaluation file".into());
                }
            }
        }
    }
    let file = file.ok_or("no evaluation file given")?;
    Ok(Parsed::Run(Args {
        file,
        date,
        summary,
    }))
}

fn run() -> Result<u8, String> {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let args = match parse_args(&argv).map_err(|e| format!("{e}\n\n{USAGE}"))? {
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
    let text = if args.file == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        s
    } else {
        std::fs::read_to_string(&args.file)
            .map_err(|e| format!("cannot read `{}`: {e}", args.file))?
    };
    let eval = Evaluation::from_json(&text).map_err(|e| format!("`{}`: {e}", args.file))?;
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
        Err(msg) => {
            eprintln!("scopewise: {msg}");
            ExitCode::from(3)
        }
    }
}
