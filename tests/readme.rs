//! The README's example evaluation stays valid and means what the README says.
#![cfg(not(target_arch = "wasm32"))]

use scopewise::domain::evaluation::Evaluation;
use scopewise::policy::{evaluate, Verdict};

#[path = "support/readme.rs"]
mod support;
use support::readme_example;

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
