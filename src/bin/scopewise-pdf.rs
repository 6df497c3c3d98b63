//! The PDF reader's module, run in a web worker (web/pdf-worker.js) that the
//! workspace starts for one dropped file: it reads the certificate and
//! answers with `scopewise::certificate::Outcome` as JSON. The shell and the
//! workspace do not carry this code; it is fetched the first time a PDF is
//! dropped.

use scopewise::ui::bridge::Message;
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};

fn main() {}

/// Reads a certificate PDF; the answer is the worker's message to post
/// (an `Outcome` in JSON, see `scopewise::ui::bridge`).
#[wasm_bindgen]
pub fn read_certificate(bytes: &[u8]) -> JsValue {
    Message::PdfRead(scopewise::certificate::read_outcome_json(bytes)).to_js()
}
