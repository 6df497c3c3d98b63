//! A fixed workload for profilers (callgrind): evaluates the bench fixture
//! of 1,000 candidates × 10 records ten times, without timing anything.
//!
//! `cargo build --release --features bench --example evaluate_profile`, or
//! with the bench profile: `--profile bench`.

use scopewise::policy::{bench_fixture, evaluate};
use std::hint::black_box;

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10);
    let eval = bench_fixture(1000, 10);
    let date = eval.evaluation_date.expect("the fixture is dated");
    let mut findings = 0;
    for _ in 0..runs {
        let report = evaluate(black_box(&eval), date);
        findings += report
            .candidates
            .iter()
            .map(|c| c.findings.len())
            .sum::<usize>();
        black_box(report);
    }
    println!("{runs} runs, {findings} findings");
}
