//! The PDF reader's module, run in a web worker (web/pdf-worker.js) that the
//! workspace starts for one dropped file: it reads the certificate and
//! answers with `scopewise::certificate::Outcome` as JSON. It also opens a
//! dropped ZIP (its PDFs, within caps) and reads text recognised from page
//! images (OCR). The shell and the workspace do not carry this code; it is
//! fetched the first time a PDF is dropped.

use scopewise::error::UserError;
use scopewise::ui::bridge::Message;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

fn main() {}

/// Reads a certificate PDF; the answer is the worker's message to post
/// (an `Outcome` in JSON, see `scopewise::ui::bridge`).
#[wasm_bindgen]
pub fn read_certificate(bytes: &[u8]) -> JsValue {
    Message::PdfRead(scopewise::certificate::read_outcome_json(bytes)).to_js()
}

fn set(o: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(o, &JsValue::from_str(key), value);
}

/// The PDFs of a ZIP: `{ files: [{ name, bytes }], skipped: [sentence] }`,
/// or `{ refused: { kind: "zip", message } }`.
#[wasm_bindgen]
pub fn unzip_pdfs(bytes: &[u8]) -> JsValue {
    let out = js_sys::Object::new();
    match scopewise::certificate::pdfs_in_zip(bytes) {
        Ok(c) => {
            let files = js_sys::Array::new();
            for p in c.pdfs {
                let f = js_sys::Object::new();
                set(&f, "name", &JsValue::from_str(&p.name));
                set(
                    &f,
                    "bytes",
                    &js_sys::Uint8Array::from(p.bytes.as_slice()).into(),
                );
                files.push(&f);
            }
            let skipped: js_sys::Array = c.skipped.iter().map(|s| JsValue::from_str(s)).collect();
            set(&out, "files", &files);
            set(&out, "skipped", &skipped);
        }
        Err(e) => {
            let r = js_sys::Object::new();
            set(&r, "kind", &JsValue::from_str("zip"));
            set(&r, "message", &JsValue::from_str(&e.sentence()));
            set(&out, "refused", &r);
        }
    }
    out.into()
}

/// The page images to recognise when a PDF has no text: JSON
/// `[{ page, width, height, jpeg: bool }]` (see `ocr_images`), and the
/// image bytes by index through `ocr_image_bytes`.
#[wasm_bindgen]
pub fn page_images(bytes: &[u8]) -> JsValue {
    let out = js_sys::Array::new();
    for img in scopewise::certificate::page_images(bytes) {
        let f = js_sys::Object::new();
        set(&f, "page", &JsValue::from(img.page));
        set(&f, "width", &JsValue::from(img.width));
        set(&f, "height", &JsValue::from(img.height));
        set(&f, "format", &JsValue::from_str(img.format));
        set(
            &f,
            "bytes",
            &js_sys::Uint8Array::from(img.bytes.as_slice()).into(),
        );
        out.push(&f);
    }
    out.into()
}

/// Reads the fields from words recognised on page images (OCR): `words`
/// is JSON `[{ page, text, x0, y0, x1, y1, page_height }]` in pixels; the
/// answer is an `Outcome` in JSON, marked as read by OCR.
#[wasm_bindgen]
pub fn read_recognised(words: &str) -> JsValue {
    Message::PdfRead(scopewise::certificate::read_recognised_json(words)).to_js()
}
