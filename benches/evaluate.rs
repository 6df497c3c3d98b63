//! `cargo bench --bench evaluate`: times the policy engine on a generated
//! evaluation of 1,000 candidates × 10 records (plain `std::time::Instant`).

use scopewise::policy::{bench_fixture, evaluate};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn main() {
    let (candidates, records, runs) = (1000, 10, 50);
    let eval = bench_fixture(candidates, records);
    let date = eval.evaluation_date.expect("the fixture is dated");
    // Warm up (allocator, caches, the accreditation index).
    for _ in 0..5 {
        black_box(evaluate(black_box(&eval), date));
    }
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let report = evaluate(black_box(&eval), date);
            let took = start.elapsed();
            black_box(report);
            took
        })
        .collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let report = evaluate(&eval, date);
    let findings: usize = report.candidates.iter().map(|c| c.findings.len()).sum();
    println!(
        "evaluate {candidates} candidates x {records} records (native): median {:.2} ms, min {:.2} ms over {runs} runs ({findings} findings)   (target: <= 2 ms)",
        ms(times[runs / 2]),
        ms(times[0]),
    );
}
