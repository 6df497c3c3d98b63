//! A timing hook for `make bench`: evaluates the engine's bench fixture in
//! the page and returns the milliseconds `evaluate` took (fixture building
//! excluded). Exposed to the bench script as `window.wasmBindings`.

use crate::policy::{bench_fixture, evaluate};
use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
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
