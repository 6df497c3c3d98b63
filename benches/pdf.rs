//! `cargo bench --bench pdf`: times reading each generated certificate PDF
//! (text extraction, reading order and field recognition), natively. The
//! browser figures (download of the reader, drop to prefilled record) come
//! from tests/e2e/bench.mjs.

use scopewise::certificate::read_outcome;
use std::hint::black_box;
use std::time::{Duration, Instant};

const FIXTURES: [&str; 6] = [
    "one-page-with-annex.pdf",
    "two-column.pdf",
    "soa-27017-27018.pdf",
    "iso42001.pdf",
    "not-accredited.pdf",
    "encrypted-empty-password.pdf",
];

fn main() {
    let runs = 50;
    for name in FIXTURES {
        let path = format!("{}/tests/fixtures/pdf/{name}", env!("CARGO_MANIFEST_DIR"));
        let Ok(bytes) = std::fs::read(&path) else {
            println!("{name}: missing ({path})");
            continue;
        };
        for _ in 0..3 {
            black_box(read_outcome(black_box(&bytes)));
        }
        let mut times: Vec<Duration> = (0..runs)
            .map(|_| {
                let start = Instant::now();
                black_box(read_outcome(black_box(&bytes)));
                start.elapsed()
            })
            .collect();
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "read {name} ({:.1} KB, native): median {:.3} ms, min {:.3} ms over {runs} runs",
            bytes.len() as f64 / 1024.0,
            ms(times[runs / 2]),
            ms(times[0]),
        );
    }
}
