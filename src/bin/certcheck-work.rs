//! The evaluation workspace's module: the shell (src/main.rs) fetches it the
//! first time the user opens "Evaluate evidence" or a share link, and it
//! mounts itself into the shell's `#work-root`. See `certcheck::ui::bridge`.

use wasm_bindgen::prelude::wasm_bindgen;

fn main() {
    certcheck::ui::start_work();
}

/// For `make bench`: milliseconds `evaluate` takes on the bench fixture.
#[wasm_bindgen]
pub fn bench_evaluate(candidates: usize, records: usize) -> f64 {
    certcheck::ui::bench::bench_evaluate(candidates, records)
}

/// For `make bench`: the share link figures (see `certcheck::ui::bench`).
#[wasm_bindgen]
pub fn bench_share(json: &str) -> Vec<f64> {
    certcheck::ui::bench::bench_share(json)
}
