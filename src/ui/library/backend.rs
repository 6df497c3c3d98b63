//! The tab's `localStorage` as a [`Backend`], and the browser's clock and
//! random numbers.

use crate::store::{Backend, StoreError};
use wasm_bindgen::JsCast;

/// `window.localStorage`. Every call asks the browser afresh: storage can be
/// turned off, or fill up, while the page is open.
#[derive(Clone, Copy, Default)]
pub struct LocalStorage;

fn storage() -> Result<web_sys::Storage, StoreError> {
    web_sys::window()
        .ok_or(StoreError::Unavailable)?
        .local_storage()
        .ok()
        .flatten()
        .ok_or(StoreError::Unavailable)
}

fn classify(err: wasm_bindgen::JsValue) -> StoreError {
    match err.dyn_into::<web_sys::DomException>() {
        Ok(e) if e.name() == "QuotaExceededError" || e.code() == 22 => StoreError::Full,
        _ => StoreError::Unavailable,
    }
}

impl Backend for LocalStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        storage()?.get_item(key).map_err(classify)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        storage()?.set_item(key, value).map_err(classify)
    }
    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        storage()?.remove_item(key).map_err(classify)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let s = storage()?;
        let n = s.length().map_err(classify)?;
        let mut out = Vec::with_capacity(n as usize);
        for i in 0..n {
            if let Ok(Some(k)) = s.key(i) {
                out.push(k);
            }
        }
        Ok(out)
    }
}

/// Milliseconds since 1970-01-01 UTC, on the user's device.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// `N` bytes from the browser's CSPRNG (`crypto.getRandomValues`), or `None`
/// when the browser has none (then nothing secret is made).
pub fn random_bytes<const N: usize>() -> Option<[u8; N]> {
    let crypto = web_sys::window()?.crypto().ok()?;
    let mut out = [0u8; N];
    crypto.get_random_values_with_u8_array(&mut out).ok()?;
    Some(out)
}

/// A fresh id for a saved evaluation: 10 characters of `[a-z0-9]`.
pub fn new_id() -> String {
    const ALPHABET: &[u8; 32] = b"abcdefghijkmnpqrstuvwxyz23456789";
    let bytes: [u8; 10] = random_bytes().unwrap_or_else(|| {
        // No CSPRNG: an id only needs to be unique on this device.
        let t = (js_sys::Date::now() * 1000.0 + js_sys::Math::random() * 1000.0) as u64;
        let mut b = [0u8; 10];
        for (i, x) in b.iter_mut().enumerate() {
            *x = (t >> ((i * 5) % 60)) as u8;
        }
        b
    });
    bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(b & 31)]))
        .collect()
}

/// "23 Nov 2026, 14:05" in the device's time zone.
pub fn format_time(ms: i64) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!(
        "{} {} {}, {:02}:{:02}",
        d.get_date(),
        MONTHS.get(d.get_month() as usize).unwrap_or(&"?"),
        d.get_full_year(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// Moves the keys saved before the product's rename (`certcheck.*`) to
/// their new names, then calls `then`. Tabs take turns through a Web Lock
/// where the browser has them, so two tabs opened at once never move the
/// same key together; without one, the move is still safe to repeat.
pub fn rename_old_keys_then(then: impl FnOnce() + 'static) {
    use wasm_bindgen::closure::Closure;
    let run = move || {
        if let Err(e) = crate::store::migrate_old_keys(&mut LocalStorage) {
            web_sys::console::warn_1(
                &format!("saved work from before the rename stays where it was: {e:?}").into(),
            );
        }
    };
    let locks = web_sys::window()
        .map(|w| js_sys::Reflect::get(&w.navigator(), &"locks".into()))
        .and_then(Result::ok)
        .filter(|l| !l.is_undefined() && !l.is_null());
    let request = locks.as_ref().and_then(|l| {
        js_sys::Reflect::get(l, &"request".into())
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()
    });
    let (Some(locks), Some(request)) = (locks, request) else {
        run();
        then();
        return;
    };
    let held = Closure::once_into_js(move |_lock: wasm_bindgen::JsValue| run());
    match request
        .call2(&locks, &"scopewise.rename".into(), &held)
        .map(|p| p.dyn_into::<js_sys::Promise>())
    {
        Ok(Ok(promise)) => wasm_bindgen_futures::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
            then();
        }),
        // The lock was refused: the move is safe to repeat without it.
        _ => {
            crate::store::migrate_old_keys(&mut LocalStorage).ok();
            then();
        }
    }
}
