//! `cargo bench --bench share`: share-link figures for the reference
//! evaluation (8 candidates, 30 records with real-length scope statements):
//! link lengths in both modes, and encode / decode times.

use scopewise::domain::evaluation::Evaluation;
use scopewise::share::{decode, encode_locked, encode_open, Shared};
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
    let locked = encode_locked(&eval, "bench passphrase 1234", [7; 16], [9; 12]);
    println!(
        "reference evaluation (8 candidates, 30 records), JSON {} bytes",
        serde_json::to_string(&eval).unwrap().len()
    );
    println!(
        "  open link {} chars, passphrase link {} chars (with a {address}-char address)   (target: open <= 2000)",
        open.len() + address,
        locked.len() + address
    );
    let enc = time(200, || encode_open(&eval));
    let dec = time(200, || decode(&open));
    println!(
        "  open (native): encode {enc:.3} ms + decode {dec:.3} ms = {:.3} ms, median of 200   (target: <= 5 ms)",
        enc + dec
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
