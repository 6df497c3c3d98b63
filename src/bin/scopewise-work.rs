//! The evaluation workspace's module: the shell (src/main.rs) fetches it the
//! first time the user opens "Evaluate evidence" or a share link, and it
//! mounts itself into the shell's `#work-root`. See `scopewise::ui::bridge`.

#[cfg(feature = "bench")]
use wasm_bindgen::prelude::wasm_bindgen;

fn main() {
    scopewise::ui::start_work();
}

/// For `make bench`: milliseconds `evaluate` takes on the bench fixture.
#[cfg(feature = "bench")]
#[wasm_bindgen]
pub fn bench_evaluate(candidates: usize, records: usize) -> f64 {
    scopewise::ui::bench::bench_evaluate(candidates, records)
}

/// For `make bench`: the share link figures (see `scopewise::ui::bench`).
#[cfg(feature = "bench")]
#[wasm_bindgen]
pub fn bench_share(json: &str) -> Vec<f64> {
    scopewise::ui::bench::bench_share(json)
}

/// For `make bench`: the passphrase link through WebCrypto (see
/// `scopewise::ui::bench`).
#[cfg(feature = "bench")]
#[wasm_bindgen]
pub async fn bench_share_webcrypto(json: String) -> Vec<f64> {
    scopewise::ui::bench::bench_share_webcrypto(json).await
}
