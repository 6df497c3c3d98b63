//! The PDF reader's module, run in a web worker (web/pdf-worker.js) that the
//! workspace starts for one dropped file: it reads the certificate and
//! answers with `scopewise::certificate::Outcome` as JSON. The shell and the
//! workspace do not carry this code; it is fetched the first time a PDF is
//! dropped.

use wasm_bindgen::prelude::wasm_bindgen;

fn main() {}

/// Reads a certificate PDF; the answer is an `Outcome` in JSON.
#[wasm_bindgen]
pub fn read_certificate(bytes: &[u8]) -> String {
    scopewise::certificate::read_outcome_json(bytes)
}
