//! `cargo bench --bench pdf`: times reading each generated certificate PDF
//! (text extraction, reading order and field recognition), natively; then
//! reads the real documents of ../shared/real-certificates/ and prints the
//! accuracy per field and per document against expected.json, with the
//! time per document (skipped, saying so, where the folder is absent). The
//! browser figures (download of the reader, drop to prefilled record, OCR
//! per page) come from tests/e2e/bench.mjs.

#[path = "../tests/support/real_certificates.rs"]
mod real_certificates;

use real_certificates::Verdict;
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

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

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
        println!(
            "read {name} ({:.1} KB, native): median {:.3} ms, min {:.3} ms over {runs} runs",
            bytes.len() as f64 / 1024.0,
            ms(times[runs / 2]),
            ms(times[0]),
        );
    }
    real_documents();
}

/// Accuracy and time on the shared folder's real documents.
fn real_documents() {
    // Warm up once, then keep the median of 5 reads per document.
    if let Err(why) = real_certificates::score(read_outcome) {
        println!("real certificates: skipped: {why}");
        return;
    }
    let mut scores: Vec<real_certificates::Score> = (0..5)
        .filter_map(|_| real_certificates::score(read_outcome).ok())
        .collect();
    let Some(score) = scores.pop() else { return };
    println!("real certificates (../shared/real-certificates, native):");
    println!(
        "  {:<62} {:>5} {:>5} {:>7} {:>9}",
        "document", "right", "wrong", "missing", "read (ms)"
    );
    for (k, d) in score.docs.iter().enumerate() {
        let mut t: Vec<f64> = scores
            .iter()
            .filter_map(|s| s.docs.get(k).map(|x| ms(x.time)))
            .chain([ms(d.time)])
            .collect();
        t.sort_by(f64::total_cmp);
        println!(
            "  {:<62} {:>5} {:>5} {:>7} {:>9.2}",
            d.file,
            format!("{}/{}", d.count(Verdict::Right), d.checks.len()),
            d.count(Verdict::Wrong),
            d.count(Verdict::Missing),
            t[t.len() / 2]
        );
    }
    println!("  per field:");
    for (field, (right, wrong, missing)) in score.per_field() {
        println!(
            "    {field:<26} right {right:>2}/{:<2} wrong {wrong} missing {missing}",
            right + wrong + missing
        );
    }
    println!(
        "  total: {} of {} expected values right ({:.1}%), {} wrong, {} missing   (target: >= 95%, 0 wrong)",
        score.count(Verdict::Right),
        score.total(),
        100.0 * score.ratio(),
        score.count(Verdict::Wrong),
        score.count(Verdict::Missing)
    );
}
