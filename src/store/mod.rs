//! Evaluations saved in the browser, behind a small key-value [`Backend`]
//! (the tab's `localStorage` in the app, a map in tests).
//!
//! Each evaluation is one key, `scopewise.evaluation.<id>`, holding a
//! [`Saved`] record in JSON with its own `store` version. Records written by
//! an older version migrate forward when read; a record that cannot be read
//! is moved aside to `scopewise.unreadable.<id>` and reported, never
//! dropped. Every key Scopewise writes starts with [`PREFIX`], so "forget
//! everything" can empty the storage completely.

mod rename;
#[cfg(test)]
mod tests;

pub use rename::{migrate_old_keys, RenameReport, OLD_PREFIX};

use crate::domain::evaluation::{Evaluation, VersionNumber};
use crate::domain::json_path::error_path;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Every key Scopewise writes starts with this.
pub const PREFIX: &str = "scopewise.";
const EVALUATION_KEY: &str = "scopewise.evaluation.";
const UNREADABLE_KEY: &str = "scopewise.unreadable.";
const OPEN_KEY: &str = "scopewise.open";
/// The newest record version this build reads, and the one it writes.
pub const STORE_VERSION: u32 = 1;

/// Why the storage refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// No storage at all: disabled, or a private window that has none.
    Unavailable,
    /// The browser's quota for this site is used up.
    Full,
}

impl StoreError {
    pub fn message(&self) -> &'static str {
        match self {
            StoreError::Unavailable => "This browser is not letting Scopewise save anything (storage is turned off, or this is a private window that keeps nothing). Your work stays in this tab until you close it: export it to a file to keep it.",
            StoreError::Full => "This browser's storage for Scopewise is full, so your latest changes are not saved on this device. Your work stays in this tab: export it to a file, or delete evaluations you no longer need.",
        }
    }
}

/// A string key-value store.
pub trait Backend {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&mut self, key: &str) -> Result<(), StoreError>;
    fn keys(&self) -> Result<Vec<String>, StoreError>;
}

/// An in-memory backend with an optional quota (in bytes of keys and values).
#[derive(Debug, Default, Clone)]
pub struct MemoryBackend {
    pub map: BTreeMap<String, String>,
    pub quota: Option<usize>,
    pub unavailable: bool,
}

impl Backend for MemoryBackend {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        if self.unavailable {
            return Err(StoreError::Unavailable);
        }
        Ok(self.map.get(key).cloned())
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        if self.unavailable {
            return Err(StoreError::Unavailable);
        }
        if let Some(q) = self.quota {
            let used: usize = self
                .map
                .iter()
                .filter(|(k, _)| k.as_str() != key)
                .map(|(k, v)| k.len() + v.len())
                .sum();
            if used + key.len() + value.len() > q {
                return Err(StoreError::Full);
            }
        }
        self.map.insert(key.to_string(), value.to_string());
        Ok(())
    }
    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        if self.unavailable {
            return Err(StoreError::Unavailable);
        }
        self.map.remove(key);
        Ok(())
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        if self.unavailable {
            return Err(StoreError::Unavailable);
        }
        Ok(self.map.keys().cloned().collect())
    }
}

/// One saved evaluation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Saved {
    /// The record version ([`STORE_VERSION`] when written by this build).
    pub store: u32,
    pub id: String,
    /// The name in the list of evaluations.
    pub name: String,
    /// Milliseconds since 1970-01-01 UTC.
    pub created_ms: i64,
    pub updated_ms: i64,
    pub evaluation: Evaluation,
}

/// A line of the list of evaluations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: String,
    /// The name to show ([`display_name`]).
    pub name: String,
    pub updated_ms: i64,
    pub candidates: usize,
}

/// A record that could not be read, kept aside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// Where it is kept now.
    pub key: String,
    /// Its text, as found, so the user can save it to a file.
    pub raw: String,
    /// Why it could not be read, for the buyer.
    pub reason: String,
}

/// What the storage holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    /// Newest first.
    pub entries: Vec<Entry>,
    pub unreadable: Vec<Unreadable>,
}

/// Reads a record of any past version, migrating it to the current one.
pub fn read_record(raw: &str) -> Result<Saved, String> {
    #[derive(Deserialize)]
    struct Probe {
        #[serde(default)]
        store: Option<VersionNumber>,
    }
    let probe: Probe =
        serde_json::from_str(raw).map_err(|e| format!("it is not complete JSON ({e})"))?;
    let version = probe
        .store
        .and_then(|v| v.0)
        .ok_or("it has no record version")?;
    match version {
        0 => Err("its record version (0) is not one Scopewise ever wrote".into()),
        1 => read_v1(raw),
        v => Err(format!(
            "it was saved by a newer version of Scopewise (record version {v}; this page reads up to {STORE_VERSION}): reload the page to get the newest version"
        )),
    }
}

/// Version 1, the current one. (A version 2 would add `read_v1` → `v1_to_v2`.)
fn read_v1(raw: &str) -> Result<Saved, String> {
    serde_json::from_str(raw).map_err(|e| {
        let path = error_path(raw, &e);
        let what = e.to_string();
        let what = what.split(" at line ").next().unwrap_or(&what).to_string();
        if path.is_empty() {
            format!("it cannot be read: {what}")
        } else {
            format!(
                "it cannot be read: {what} at {}",
                path.strip_prefix("evaluation.").unwrap_or(&path)
            )
        }
    })
}

/// The saved evaluations of one backend.
pub struct Library<B: Backend> {
    pub backend: B,
}

impl<B: Backend> Library<B> {
    pub fn new(backend: B) -> Self {
        Library { backend }
    }

    /// Everything saved, newest first. Records that cannot be read are
    /// moved aside (once) and listed with the reason.
    pub fn list(&mut self) -> Result<Listing, StoreError> {
        let mut listing = Listing::default();
        for key in self.backend.keys()? {
            if let Some(id) = key.strip_prefix(EVALUATION_KEY) {
                let Some(raw) = self.backend.get(&key)? else {
                    continue;
                };
                match read_record(&raw) {
                    Ok(saved) if saved.id == id => listing.entries.push(Entry {
                        id: saved.id,
                        name: display_name(&saved.name, &saved.evaluation.workload.name),
                        updated_ms: saved.updated_ms,
                        candidates: saved.evaluation.candidates.len(),
                    }),
                    Ok(_) => {
                        let aside = self.set_aside(id, &raw)?;
                        listing.unreadable.push(Unreadable {
                            key: aside,
                            raw,
                            reason: "its id does not match where it was stored".into(),
                        });
                    }
                    Err(reason) => {
                        let aside = self.set_aside(id, &raw)?;
                        listing.unreadable.push(Unreadable {
                            key: aside,
                            raw,
                            reason,
                        });
                    }
                }
            } else if key.starts_with(UNREADABLE_KEY) {
                if let Some(raw) = self.backend.get(&key)? {
                    let reason = read_record(&raw)
                        .err()
                        .unwrap_or_else(|| "it was set aside earlier".into());
                    listing.unreadable.push(Unreadable { key, raw, reason });
                }
            }
        }
        listing
            .entries
            .sort_by(|a, b| b.updated_ms.cmp(&a.updated_ms).then(a.name.cmp(&b.name)));
        Ok(listing)
    }

    /// Moves a record that cannot be read out of the list, keeping its text.
    /// A record saved by a newer version stays where it is, untouched.
    fn set_aside(&mut self, id: &str, raw: &str) -> Result<String, StoreError> {
        let from = format!("{EVALUATION_KEY}{id}");
        if read_record(raw).is_err_and(|r| r.contains("newer version")) {
            return Ok(from);
        }
        let to = format!("{UNREADABLE_KEY}{id}");
        self.backend.set(&to, raw)?;
        self.backend.remove(&from)?;
        Ok(to)
    }

    /// Reads one evaluation.
    pub fn load(&self, id: &str) -> Result<Option<Saved>, String> {
        match self.backend.get(&format!("{EVALUATION_KEY}{id}")) {
            Ok(Some(raw)) => read_record(&raw).map(Some),
            Ok(None) => Ok(None),
            Err(e) => Err(e.message().to_string()),
        }
    }

    /// Writes one evaluation (creating or replacing it).
    pub fn save(&mut self, saved: &Saved) -> Result<(), StoreError> {
        let mut record = saved.clone();
        record.store = STORE_VERSION;
        let json = serde_json::to_string(&record).expect("a saved record always serialises");
        self.backend
            .set(&format!("{EVALUATION_KEY}{}", saved.id), &json)
    }

    /// A new saved evaluation.
    pub fn create(
        &mut self,
        id: &str,
        name: &str,
        evaluation: Evaluation,
        now_ms: i64,
    ) -> Result<Saved, StoreError> {
        let saved = Saved {
            store: STORE_VERSION,
            id: id.to_string(),
            name: name.to_string(),
            created_ms: now_ms,
            updated_ms: now_ms,
            evaluation,
        };
        self.save(&saved)?;
        Ok(saved)
    }

    pub fn rename(&mut self, id: &str, name: &str, now_ms: i64) -> Result<(), String> {
        let mut saved = self.load(id)?.ok_or("that evaluation is no longer saved")?;
        saved.name = name.to_string();
        saved.updated_ms = now_ms;
        self.save(&saved).map_err(|e| e.message().to_string())
    }

    /// A copy under a new id, named "Copy of …".
    pub fn duplicate(&mut self, id: &str, new_id: &str, now_ms: i64) -> Result<Saved, String> {
        let saved = self.load(id)?.ok_or("that evaluation is no longer saved")?;
        self.create(
            new_id,
            &format!("Copy of {}", saved.name),
            saved.evaluation,
            now_ms,
        )
        .map_err(|e| e.message().to_string())
    }

    /// Deletes one evaluation and returns its record, for undo.
    pub fn delete(&mut self, id: &str) -> Result<Option<String>, StoreError> {
        let key = format!("{EVALUATION_KEY}{id}");
        let raw = self.backend.get(&key)?;
        self.backend.remove(&key)?;
        if self.open_id()?.as_deref() == Some(id) {
            self.backend.remove(OPEN_KEY)?;
        }
        Ok(raw)
    }

    /// Puts back a record returned by [`Library::delete`].
    pub fn undo_delete(&mut self, raw: &str) -> Result<(), String> {
        let saved = read_record(raw)?;
        self.save(&saved).map_err(|e| e.message().to_string())
    }

    /// Removes a record kept aside.
    pub fn discard_unreadable(&mut self, key: &str) -> Result<(), StoreError> {
        if key.starts_with(PREFIX) {
            self.backend.remove(key)?;
        }
        Ok(())
    }

    /// The evaluation that was open last.
    pub fn open_id(&self) -> Result<Option<String>, StoreError> {
        self.backend.get(OPEN_KEY)
    }

    pub fn set_open_id(&mut self, id: &str) -> Result<(), StoreError> {
        self.backend.set(OPEN_KEY, id)
    }

    /// Removes every key Scopewise ever wrote, under its name or the one it
    /// had before ([`OLD_PREFIX`]). Returns how many keys of ours remain
    /// afterwards (0 unless the storage refused).
    pub fn forget_everything(&mut self) -> Result<usize, StoreError> {
        let ours = |k: &str| k.starts_with(PREFIX) || k.starts_with(OLD_PREFIX);
        for key in self.backend.keys()? {
            if ours(&key) {
                self.backend.remove(&key)?;
            }
        }
        Ok(self.backend.keys()?.iter().filter(|k| ours(k)).count())
    }
}

/// The largest evaluation file Scopewise imports.
pub const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;

/// Reads an evaluation file for import: all of it or nothing, with the
/// field path and position of the first problem.
pub fn read_import(bytes: &[u8]) -> Result<Evaluation, String> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(format!(
            "This file is {:.1} MB; an evaluation file is at most {} MB. Check that you picked the file Scopewise exported.",
            bytes.len() as f64 / 1_048_576.0,
            MAX_IMPORT_BYTES / 1_048_576
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "This file is not text (byte {} is not UTF-8): it is not an evaluation file. Nothing was imported.",
            e.valid_up_to() + 1
        )
    })?;
    Evaluation::from_json(text)
        .map_err(|e| format!("This file cannot be imported, so nothing was: {e}."))
}

/// The name shown for a saved evaluation: its own, else its workload's.
pub fn display_name(name: &str, workload: &str) -> String {
    match (name.trim(), workload.trim()) {
        ("", "") => "Untitled evaluation".to_string(),
        ("", w) => w.to_string(),
        (n, _) => n.to_string(),
    }
}
