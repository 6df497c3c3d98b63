//! `cargo bench --bench scan`: times the contract scanner on a ~500,000
//! character paste (the sample contract repeated) and the calendar export.

use scopewise::documents::scan_contract;
use std::hint::black_box;
use std::time::{Duration, Instant};

const SAMPLE: &str = include_str!("../tests/fixtures/contracts/sample-msa.txt");

fn main() {
    let mut text = String::new();
    while text.chars().count() < 500_000 {
        text.push_str(SAMPLE);
    }
    let runs = 20;
    for _ in 0..3 {
        black_box(scan_contract(black_box(&text)));
    }
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(scan_contract(black_box(&text)));
            start.elapsed()
        })
        .collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let r = scan_contract(&text);
    println!(
        "scan a {}-character contract (native): median {:.2} ms, min {:.2} ms over {runs} runs ({} sentences, {} vague phrases)",
        text.chars().count(),
        ms(times[runs / 2]),
        ms(times[0]),
        r.sentences,
        r.vague_total,
    );
}
