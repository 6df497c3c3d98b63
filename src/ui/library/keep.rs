//! Asking the browser to keep what Scopewise stores
//! (`navigator.storage.persist()`), and what it uses of its quota
//! (`navigator.storage.estimate()`).

#[cfg(target_arch = "wasm32")]
mod js {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(inline_js = r#"
function storage() { return typeof navigator !== "undefined" ? navigator.storage : undefined; }
// true, false, or undefined when the browser cannot say.
export async function persisted(ask) {
  const s = storage();
  if (!s || typeof s.persisted !== "function") return undefined;
  try {
    if (await s.persisted()) return true;
    if (!ask || typeof s.persist !== "function") return false;
    return !!(await s.persist());
  } catch { return undefined; }
}
export async function estimate() {
  const s = storage();
  if (!s || typeof s.estimate !== "function") return undefined;
  try {
    const e = await s.estimate();
    return [Number(e.usage || 0), Number(e.quota || 0)];
  } catch { return undefined; }
}
"#)]
    extern "C" {
        pub async fn persisted(ask: bool) -> JsValue;
        pub async fn estimate() -> JsValue;
    }
}

/// Whether the browser keeps this site's storage until the user deletes it
/// (`None`: it cannot say). With `ask`, asks for it first when it does not.
pub async fn persisted(ask: bool) -> Option<bool> {
    #[cfg(target_arch = "wasm32")]
    {
        js::persisted(ask).await.as_bool()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = ask;
        None
    }
}

/// Bytes used and the quota, when the browser says.
pub async fn estimate() -> Option<(f64, f64)> {
    #[cfg(target_arch = "wasm32")]
    {
        let v = js::estimate().await;
        let a = js_sys::Array::from(&v);
        if v.is_undefined() || a.length() != 2 {
            return None;
        }
        Some((a.get(0).as_f64()?, a.get(1).as_f64()?))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

/// "42 KB", "1.2 GB": a size for a buyer.
pub fn human_size(bytes: f64) -> String {
    const UNITS: [&str; 5] = ["bytes", "KB", "MB", "GB", "TB"];
    let mut v = bytes.max(0.0);
    let mut unit = 0;
    while v >= 1000.0 && unit < UNITS.len() - 1 {
        v /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{v:.0} {}", UNITS[0])
    } else if v < 10.0 {
        format!("{v:.1} {}", UNITS[unit])
    } else {
        format!("{v:.0} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_read_as_words() {
        use super::human_size;
        assert_eq!(human_size(512.0), "512 bytes");
        assert_eq!(human_size(42_300.0), "42 KB");
        assert_eq!(human_size(1_234_000_000.0), "1.2 GB");
    }
}
