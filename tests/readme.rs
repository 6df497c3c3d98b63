//! The README's example evaluation stays valid and means what the README says.
#![cfg(not(target_arch = "wasm32"))]

use scopewise::domain::evaluation::Evaluation;
use scopewise::policy::{evaluate, Verdict};

fn readme_example() -> String {
    let readme = include_str!("../README.md");
    let section = readme
        .split("## The command-line checker")
        .nth(1)
        .expect("README has the command-line checker section");
    let start = section.find("```json\n").expect("a json block") + "```json\n".len();
    let end = section[start..].find("\n```").expect("the block ends") + start;
    section[start..end].to_string()
}

#[test]
fn readme_example_parses_and_meets_policy() {
    let eval = Evaluation::from_json(&readme_example()).expect("the README example is valid");
    let date = eval
        .evaluation_date
        .expect("the example sets its evaluation date");
    let report = evaluate(&eval, date);
    assert_eq!(report.verdict, Verdict::MeetsPolicy, "{}", report.summary());
    assert_eq!(report.candidates.len(), 1);
}
