//! Tabs of one browser on the same evaluation: one writer at a time.
//!
//! - **Web Locks.** The tab editing an evaluation holds the lock
//!   `scopewise.edit.<id>`. Another tab that opens it finds the lock taken,
//!   shows it read-only and queues for the lock; it gets it when the holder
//!   closes, opens something else, or hands it over.
//! - **BroadcastChannel** `scopewise.tabs` carries the words between tabs:
//!   who holds an evaluation (for the read-only notice), that a new
//!   revision was saved (the read-only tab shows it), and "Edit here
//!   instead" (the holder saves what is pending, turns read-only and lets
//!   go of the lock).
//! - **The `storage` event** is the fallback where the channel is missing:
//!   a read-only tab still follows the saves.
//!
//! Where the browser has no Web Locks, every tab may write, and the
//! revision check of [`crate::store::Library::save_checked`] keeps both
//! versions on a clash. Nothing here decides what is saved: it only says
//! who may edit.

use serde::Serialize;
use serde_json::Value;

/// A message between tabs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "t", rename_all = "kebab-case")]
pub enum Message {
    /// Who holds `id`?
    Who { id: String },
    /// `tab` (described as `by`) holds `id`.
    Held { id: String, tab: String, by: String },
    /// `tab` saved `id` as revision `revision`.
    Saved {
        id: String,
        tab: String,
        revision: u64,
    },
    /// `tab` (described as `by`) asks the holder of `id` to hand it over.
    Handover { id: String, tab: String, by: String },
}

impl Message {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A message of ours, or `None` (not JSON, another kind, a field
    /// missing or of the wrong type). Read through `serde_json::Value`
    /// rather than a derived `Deserialize`: serde's code for a tagged enum
    /// was 14 KB of the workspace's wasm, for four small messages.
    pub fn from_json(s: &str) -> Option<Message> {
        let v: Value = serde_json::from_str(s).ok()?;
        let text = |key: &str| v.get(key)?.as_str().map(str::to_string);
        Some(match v.get("t")?.as_str()? {
            "who" => Message::Who { id: text("id")? },
            "held" => Message::Held {
                id: text("id")?,
                tab: text("tab")?,
                by: text("by")?,
            },
            "saved" => Message::Saved {
                id: text("id")?,
                tab: text("tab")?,
                revision: v.get("revision")?.as_u64()?,
            },
            "handover" => Message::Handover {
                id: text("id")?,
                tab: text("tab")?,
                by: text("by")?,
            },
            _ => return None,
        })
    }
}

#[cfg(target_arch = "wasm32")]
mod js {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(inline_js = r#"
const held = new Map();
let channel = null;
function lockName(id) { return "scopewise.edit." + id; }
export function has_locks() {
  return typeof navigator !== "undefined" && !!navigator.locks && typeof navigator.locks.request === "function";
}
// Resolves true when the lock is ours (held until release), false when
// another tab has it. ifAvailable: answer at once; else wait in line; steal:
// take it from a holder that does not answer.
export function hold(id, mode) {
  if (!has_locks()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const options = mode === "now" ? { ifAvailable: true } : mode === "steal" ? { steal: true } : {};
    navigator.locks.request(lockName(id), options, (lock) => {
      if (!lock) { resolve(false); return undefined; }
      // Already ours (asked twice): let this second grant go at once.
      if (held.has(id)) { resolve(true); return undefined; }
      resolve(true);
      return new Promise((release) => held.set(id, release));
    }).catch((e) => {
      // A browser that refuses locks here: act as one without them (the
      // revision check keeps both versions on a clash).
      console.warn("scopewise: Web Locks refused:", String(e));
      resolve(true);
    });
  });
}
export function release(id) {
  const r = held.get(id);
  held.delete(id);
  if (r) r();
}
export function holds(id) { return held.has(id) || !has_locks(); }
export function open_channel(on_message) {
  if (typeof BroadcastChannel === "undefined") return false;
  if (!channel) channel = new BroadcastChannel("scopewise.tabs");
  // One listener at a time: a session mounted again replaces the last one.
  channel.onmessage = (e) => { if (typeof e.data === "string") on_message(e.data); };
  return true;
}
export function close_channel() {
  if (channel) { channel.onmessage = null; channel.close(); channel = null; }
}
export function post(text) { if (channel) channel.postMessage(text); }
"#)]
    extern "C" {
        pub fn has_locks() -> bool;
        pub fn hold(id: &str, mode: &str) -> js_sys::Promise;
        pub fn release(id: &str);
        pub fn holds(id: &str) -> bool;
        pub fn open_channel(on_message: &js_sys::Function) -> bool;
        pub fn close_channel();
        pub fn post(text: &str);
    }
}

/// How to ask for an evaluation's lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// Only if no other tab holds it.
    IfFree,
    /// Wait in line until it is free.
    Wait,
    /// Take it from a holder that does not answer.
    Steal,
}

/// Asks for the lock of `id`: true once this tab holds it (at once with
/// [`Ask::IfFree`], false when another tab does). Without Web Locks every
/// tab holds every lock.
pub async fn hold(id: &str, ask: Ask) -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        let mode = match ask {
            Ask::IfFree => "now",
            Ask::Wait => "wait",
            Ask::Steal => "steal",
        };
        wasm_bindgen_futures::JsFuture::from(js::hold(id, mode))
            .await
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(true)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (id, ask);
        true
    }
}

/// Lets go of the lock of `id`, if this tab holds it.
pub fn release(id: &str) {
    #[cfg(target_arch = "wasm32")]
    js::release(id);
    #[cfg(not(target_arch = "wasm32"))]
    let _ = id;
}

/// Whether this tab holds the lock of `id` (always, without Web Locks).
pub fn holds(id: &str) -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        js::holds(id)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = id;
        true
    }
}

/// Listens to the other tabs until the calling component is cleaned up
/// (then the channel closes); false when the browser has no
/// BroadcastChannel (the `storage` event is then the only news).
pub fn listen(on_message: impl Fn(Message) + 'static) -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::closure::Closure;
        use wasm_bindgen::JsCast;
        let f = Closure::<dyn Fn(String)>::new(move |text: String| {
            if let Some(m) = Message::from_json(&text) {
                on_message(m);
            }
        });
        let ok = js::open_channel(f.as_ref().unchecked_ref());
        let f = send_wrapper::SendWrapper::new(f);
        leptos::prelude::on_cleanup(move || {
            js::close_channel();
            drop(f);
        });
        ok
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = on_message;
        false
    }
}

/// Tells the other tabs.
pub fn post(message: &Message) {
    #[cfg(target_arch = "wasm32")]
    js::post(&message.to_json());
    #[cfg(not(target_arch = "wasm32"))]
    let _ = message;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_round_trip_and_strangers_are_ignored() {
        for m in [
            Message::Who { id: "a1".into() },
            Message::Held {
                id: "a1".into(),
                tab: "t1".into(),
                by: "the tab opened at 14:02:07".into(),
            },
            Message::Saved {
                id: "a1".into(),
                tab: "t1".into(),
                revision: 4,
            },
            Message::Handover {
                id: "a1".into(),
                tab: "t2".into(),
                by: "x".into(),
            },
        ] {
            assert_eq!(Message::from_json(&m.to_json()), Some(m));
        }
        assert_eq!(Message::from_json(r#"{"t":"format-disk"}"#), None);
        assert_eq!(Message::from_json("not json"), None);
        assert_eq!(Message::from_json("[]"), None);
        assert_eq!(
            Message::from_json(r#"{"t":"held","id":"a1","tab":"t1"}"#),
            None
        );
        assert_eq!(
            Message::from_json(r#"{"t":"saved","id":"a1","tab":"t1","revision":"4"}"#),
            None
        );
        assert_eq!(
            Message::from_json(r#"{"t":"saved","id":"a1","tab":"t1","revision":-1}"#),
            None
        );
        assert_eq!(
            Message::from_json(r#"{"id":"a1","t":"who","from":"a newer tab"}"#),
            Some(Message::Who { id: "a1".into() })
        );
    }
}
