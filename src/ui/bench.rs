//! A timing hook for `make bench`: evaluates the engine's bench fixture in
//! the page and returns the milliseconds `evaluate` took (fixture building
//! excluded). The workspace module (src/bin/scopewise-work.rs) exports them to the
//! bench script; the shell does not carry them.

use crate::policy::{bench_fixture, evaluate};
pub fn bench_evaluate(candidates: usize, records: usize) -> f64 {
    let eval = bench_fixture(candidates, records);
    let date = time::macros::date!(2026 - 11 - 23);
    let perf = web_sys::window().and_then(|w| w.performance());
    let now = || perf.as_ref().map(|p| p.now()).unwrap_or(0.0);
    let start = now();
    let report = evaluate(&eval, date);
    let took = now() - start;
    // Keep the work observable so it is not optimised away.
    std::hint::black_box(&report);
    took
}

/// Link figures for `make bench`, on the evaluation in `json` (the reference
/// evaluation): `[open link chars (format 2), open link chars (format 1),
/// passphrase link chars, open encode ms, open decode ms, passphrase encode
/// ms and passphrase decode ms with the key derivation compiled to wasm
/// (RustCrypto)]`. Empty when `json` is not an evaluation.
pub fn bench_share(json: &str) -> Vec<f64> {
    use crate::share::{decode, encode_locked, encode_open, encode_open_format1, Shared};
    let Ok(eval) = crate::domain::evaluation::Evaluation::from_json(json) else {
        return Vec::new();
    };
    let now = clock();
    let t0 = now();
    let open = encode_open(&eval);
    let t1 = now();
    let back = decode(&open);
    let t2 = now();
    let locked = encode_locked(&eval, "bench passphrase 1234", [7; 16], [9; 12]);
    let t3 = now();
    let opened = match decode(&locked) {
        Ok(Shared::Locked(l)) => l.unlock("bench passphrase 1234").ok(),
        _ => None,
    };
    let t4 = now();
    std::hint::black_box((&back, &opened));
    let ok = matches!(back, Ok(Shared::Open(_))) && opened.is_some();
    if !ok {
        return Vec::new();
    }
    vec![
        open.len() as f64,
        encode_open_format1(&eval).len() as f64,
        locked.len() as f64,
        t1 - t0,
        t2 - t1,
        t3 - t2,
        t4 - t3,
    ]
}

/// The passphrase link of `json` through WebCrypto, as the app makes and
/// opens it: `[encode ms, decode ms]` (PBKDF2 x 600,000 included), empty
/// when `json` is not an evaluation or the link does not open.
pub async fn bench_share_webcrypto(json: String) -> Vec<f64> {
    use crate::share::{decode, Shared};
    use crate::ui::library::crypto;
    let Ok(eval) = crate::domain::evaluation::Evaluation::from_json(&json) else {
        return Vec::new();
    };
    let now = clock();
    let t0 = now();
    let locked = crypto::encode_locked(&eval, "bench passphrase 1234", [7; 16], [9; 12]).await;
    let t1 = now();
    let opened = match decode(&locked) {
        Ok(Shared::Locked(l)) => crypto::unlock(&l, "bench passphrase 1234").await.ok(),
        _ => None,
    };
    let t2 = now();
    if opened.as_ref() != Some(&eval) {
        return Vec::new();
    }
    vec![t1 - t0, t2 - t1]
}

fn clock() -> impl Fn() -> f64 {
    let perf = web_sys::window().and_then(|w| w.performance());
    move || perf.as_ref().map(|p| p.now()).unwrap_or(0.0)
}
