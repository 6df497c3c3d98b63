//! `cargo bench --bench share`: share-link figures for the reference
//! evaluation (8 candidates, 30 records with real-length scope statements):
//! link lengths in both modes, and encode / decode times.

use scopewise::domain::evaluation::Evaluation;
use scopewise::share::{decode, encode_locked, encode_open, encode_open_format1, Shared};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> f64 {
    v.sort();
    v[v.len() / 2].as_secs_f64() * 1000.0
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> f64 {
    let _ = black_box(f());
    median(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                black_box(f());
                start.elapsed()
            })
            .collect(),
    )
}

fn main() {
    let eval = Evaluation::from_json(include_str!("../tests/fixtures/reference-evaluation.json"))
        .expect("the reference evaluation reads");
    let address = "https://scopewise.example/#share=".len();
    let open = encode_open(&eval);
    let before = encode_open_format1(&eval);
    let locked = encode_locked(&eval, "bench passphrase 1234", [7; 16], [9; 12]);
    println!(
        "reference evaluation (8 candidates, 30 records), JSON {} bytes",
        serde_json::to_string(&eval).unwrap().len()
    );
    println!(
        "  open link: before (format 1) {} chars, after (format 2) {} chars; passphrase link {} chars (with a {address}-char address)   (target: open <= 2000; Microsoft Teams breaks above 2048)",
        before.len() + address,
        open.len() + address,
        locked.len() + address
    );
    let enc1 = time(200, || encode_open_format1(&eval));
    let dec1 = time(200, || decode(&before));
    let enc = time(200, || encode_open(&eval));
    let dec = time(200, || decode(&open));
    println!(
        "  open (native, median of 200): format 2 encode {enc:.3} ms + decode {dec:.3} ms = {:.3} ms; format 1 encode {enc1:.3} ms + decode {dec1:.3} ms = {:.3} ms   (target: <= 5 ms)",
        enc + dec,
        enc1 + dec1
    );
    let lock = time(5, || {
        encode_locked(&eval, "bench passphrase 1234", [7; 16], [9; 12])
    });
    let unlock = time(5, || match decode(&locked) {
        Ok(Shared::Locked(l)) => l.unlock("bench passphrase 1234").ok(),
        _ => None,
    });
    println!("  passphrase (native, PBKDF2 x 600,000 included): encode {lock:.0} ms, decode {unlock:.0} ms, median of 5");
}
