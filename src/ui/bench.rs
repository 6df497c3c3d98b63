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
/// evaluation): `[open link chars, passphrase link chars, open encode ms,
/// open decode ms, passphrase encode ms (key derivation included),
/// passphrase decode ms (key derivation included)]`. Empty when `json` is
/// not an evaluation.
pub fn bench_share(json: &str) -> Vec<f64> {
    use crate::share::{decode, encode_locked, encode_open, Shared};
    let Ok(eval) = crate::domain::evaluation::Evaluation::from_json(json) else {
        return Vec::new();
    };
    let perf = web_sys::window().and_then(|w| w.performance());
    let now = || perf.as_ref().map(|p| p.now()).unwrap_or(0.0);
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
        locked.len() as f64,
        t1 - t0,
        t2 - t1,
        t3 - t2,
        t4 - t3,
    ]
}
