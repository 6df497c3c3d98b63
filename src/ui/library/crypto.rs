//! Passphrase links through the browser's own cryptography (WebCrypto):
//! PBKDF2-HMAC-SHA256 and AES-256-GCM in `crypto.subtle`, native code that
//! runs off the page's main thread, instead of the same algorithms compiled
//! to WebAssembly. The bytes are the same either way (a browser test
//! compares them); where `crypto.subtle` is missing (a page served without
//! a secure context) the RustCrypto path of [`crate::share`] takes over.

use crate::domain::evaluation::Evaluation;
use crate::share::{self, LinkError, Locked, SealInput, NONCE_LEN, PBKDF2_ITERATIONS, SALT_LEN};

#[cfg(target_arch = "wasm32")]
mod js {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(inline_js = r#"
async function key(pass, salt, iterations, usage) {
  const base = await crypto.subtle.importKey("raw", pass, "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, base, 256);
  return crypto.subtle.importKey("raw", bits, "AES-GCM", false, [usage]);
}
export function has_subtle() {
  return typeof crypto !== "undefined" && !!crypto.subtle && typeof crypto.subtle.deriveBits === "function";
}
export async function seal(pass, salt, nonce, iterations, header, plain) {
  const k = await key(pass, salt, iterations, "encrypt");
  return new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv: nonce, additionalData: header, tagLength: 128 }, k, plain));
}
export async function open(pass, salt, nonce, iterations, header, sealed) {
  const k = await key(pass, salt, iterations, "decrypt");
  return new Uint8Array(await crypto.subtle.decrypt({ name: "AES-GCM", iv: nonce, additionalData: header, tagLength: 128 }, k, sealed));
}
"#)]
    extern "C" {
        pub fn has_subtle() -> bool;
        #[wasm_bindgen(catch)]
        pub async fn seal(
            pass: &[u8],
            salt: &[u8],
            nonce: &[u8],
            iterations: u32,
            header: &[u8],
            plain: &[u8],
        ) -> Result<JsValue, JsValue>;
        #[wasm_bindgen(catch)]
        pub async fn open(
            pass: &[u8],
            salt: &[u8],
            nonce: &[u8],
            iterations: u32,
            header: &[u8],
            sealed: &[u8],
        ) -> Result<JsValue, JsValue>;
    }
}

/// Whether this page can use WebCrypto.
pub fn webcrypto_available() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        js::has_subtle()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        false
    }
}

/// Seals prepared link bytes with WebCrypto; `None` when the browser has no
/// WebCrypto or refused.
pub async fn seal_webcrypto(input: &SealInput, passphrase: &str) -> Option<Vec<u8>> {
    #[cfg(target_arch = "wasm32")]
    {
        if !js::has_subtle() {
            return None;
        }
        let out = js::seal(
            share::key_material(passphrase),
            &input.salt,
            &input.nonce,
            input.iterations,
            &input.header,
            &input.plain,
        )
        .await
        .ok()?;
        Some(js_sys::Uint8Array::new(&out).to_vec())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (input, passphrase);
        None
    }
}

/// A passphrase link's payload, sealed by WebCrypto where the browser has
/// it (else by RustCrypto): the same bytes either way.
pub async fn encode_locked(
    evaluation: &Evaluation,
    passphrase: &str,
    salt: [u8; SALT_LEN],
    nonce: [u8; NONCE_LEN],
) -> String {
    encode_locked_with(evaluation, passphrase, salt, nonce, PBKDF2_ITERATIONS).await
}

/// [`encode_locked`] with another iteration count (tests and the bench).
pub async fn encode_locked_with(
    evaluation: &Evaluation,
    passphrase: &str,
    salt: [u8; SALT_LEN],
    nonce: [u8; NONCE_LEN],
    iterations: u32,
) -> String {
    let input = share::prepare_locked(evaluation, salt, nonce, iterations);
    let sealed = match seal_webcrypto(&input, passphrase).await {
        Some(s) => s,
        None => share::seal_rustcrypto(&input, passphrase),
    };
    share::finish_locked(&input.header, &sealed)
}

/// Opens a passphrase link with WebCrypto where the browser has it.
pub async fn unlock(locked: &Locked, passphrase: &str) -> Result<Evaluation, LinkError> {
    #[cfg(target_arch = "wasm32")]
    {
        if js::has_subtle() {
            let (header, salt, nonce, sealed) = locked.cipher_parts();
            let plain = js::open(
                share::key_material(passphrase),
                salt,
                nonce,
                locked.iterations(),
                header,
                sealed,
            )
            .await
            // GCM's tag does not match: the only way WebCrypto refuses here.
            .map_err(|_| LinkError::WrongPassphrase)?;
            return locked.open_plain(&js_sys::Uint8Array::new(&plain).to_vec());
        }
    }
    locked.unlock(passphrase)
}
