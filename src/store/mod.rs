//! Evaluations saved in the browser, behind a small key-value [`Backend`]
//! (the tab's `localStorage` in the app, a map in tests).
//!
//! Each evaluation is one key, `scopewise.evaluation.<id>`, holding a
//! [`Saved`] record in JSON with its own `store` version. Records written by
//! an older version migrate forward when read; a record that cannot be read
//! is moved aside to `scopewise.unreadable.<id>` and reported, never
//! dropped. Every key Scopewise writes starts with [`PREFIX`], so "forget
//! everything" can empty the storage completely.

pub mod backup;
mod files;
mod rename;
#[cfg(test)]
mod tests;

pub use files::{read_import, ImportError, MAX_IMPORT_BYTES};
pub use rename::{migrate_old_keys, RenameReport, OLD_PREFIX};

use crate::domain::evaluation::{Evaluation, VersionNumber};
use crate::domain::json_path::error_path;
pub use crate::error::UserError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// Every key Scopewise writes starts with this.
pub const PREFIX: &str = "scopewise.";
const EVALUATION_KEY: &str = "scopewise.evaluation.";
const UNREADABLE_KEY: &str = "scopewise.unreadable.";
const OPEN_KEY: &str = "scopewise.open";
const BACKUP_KEY: &str = "scopewise.backup.last";
/// The newest record version this build reads, and the one it writes.
pub const STORE_VERSION: u32 = 2;

/// What went wrong with saved work: the storage refused, or a record could
/// not be read. Each case has its own message (what is wrong) and help
/// (what to do); the interface shows [`UserError::sentence`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// No storage at all: disabled, or a private window that has none.
    Unavailable,
    /// The browser's quota for this site is used up.
    Full,
    /// The evaluation asked for is no longer saved on this device.
    Missing,
    /// A record that is not complete JSON (the parser's words).
    NotJson(String),
    /// A record without a record version.
    NoVersion,
    /// A record version Scopewise never wrote.
    UnknownVersion(u64),
    /// Saved by a newer Scopewise (its record version).
    Newer(u64),
    /// JSON of a known version, but a field cannot be read: what, and where.
    Invalid { what: String, path: String },
    /// Its id does not match the key it is stored under.
    IdMismatch,
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for StoreError {}

impl UserError for StoreError {
    fn message(&self) -> String {
        match self {
            StoreError::Unavailable => "this browser is not letting Scopewise save anything (storage is turned off, or this is a private window that keeps nothing)".into(),
            StoreError::Full => "this browser's storage for Scopewise is full, so your latest changes are not saved on this device".into(),
            StoreError::Missing => "that evaluation is no longer saved on this device".into(),
            StoreError::NotJson(why) => format!("it is not complete JSON ({why})"),
            StoreError::NoVersion => "it has no record version".into(),
            StoreError::UnknownVersion(v) => format!("its record version ({v}) is not one Scopewise ever wrote"),
            StoreError::Newer(v) => format!("it was saved by a newer version of Scopewise (record version {v}; this page reads up to {STORE_VERSION})"),
            StoreError::Invalid { what, path } if path.is_empty() => format!("it cannot be read: {what}"),
            StoreError::Invalid { what, path } => format!("it cannot be read: {what} at {path}"),
            StoreError::IdMismatch => "its id does not match where it was stored".into(),
        }
    }

    fn help(&self) -> Option<String> {
        match self {
            StoreError::Unavailable => Some("Your work stays in this tab until you close it: export it to a file to keep it.".into()),
            StoreError::Full => Some("Your work stays in this tab: export it to a file, or delete evaluations you no longer need.".into()),
            StoreError::Newer(_) => Some("Reload the page to get the newest version.".into()),
            _ => None,
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

/// One saved evaluation (record version 2).
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
    /// How many times this evaluation was written: each save stores the
    /// revision it replaces plus one, and a save that finds a revision it
    /// has not seen keeps both ([`Library::save_checked`]). Records of
    /// version 1 had none: they read as revision 0.
    pub revision: u64,
    pub evaluation: Evaluation,
}

/// Record version 1 (before revisions): read forward, never written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SavedV1 {
    #[allow(dead_code)]
    store: u32,
    id: String,
    name: String,
    created_ms: i64,
    updated_ms: i64,
    evaluation: Evaluation,
}

impl From<SavedV1> for Saved {
    fn from(v1: SavedV1) -> Saved {
        Saved {
            store: STORE_VERSION,
            id: v1.id,
            name: v1.name,
            created_ms: v1.created_ms,
            updated_ms: v1.updated_ms,
            revision: 0,
            evaluation: v1.evaluation,
        }
    }
}

impl Saved {
    /// The record as it is stored: JSON of the current version.
    pub fn to_json(&self) -> String {
        let mut record = self.clone();
        record.store = STORE_VERSION;
        serde_json::to_string(&record).unwrap_or_default()
    }

    /// The name to show ([`display_name`]).
    pub fn display_name(&self) -> String {
        display_name(&self.name, &self.evaluation.workload.name)
    }

    /// Equal apart from when and how often it was written.
    pub fn same_work(&self, other: &Saved) -> bool {
        self.id == other.id && self.name == other.name && self.evaluation == other.evaluation
    }
}

/// A line of the list of evaluations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: String,
    /// The name to show ([`display_name`]).
    pub name: String,
    pub created_ms: i64,
    pub updated_ms: i64,
    pub candidates: usize,
}

impl Entry {
    pub fn of(saved: &Saved) -> Entry {
        Entry {
            id: saved.id.clone(),
            name: saved.display_name(),
            created_ms: saved.created_ms,
            updated_ms: saved.updated_ms,
            candidates: saved.evaluation.candidates.len(),
        }
    }
}

/// A record that could not be read, kept aside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// Where it is kept now.
    pub key: String,
    /// Its text, as found, so the user can save it to a file.
    pub raw: String,
    /// Why it could not be read.
    pub reason: StoreError,
}

/// What the storage holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    /// Newest first.
    pub entries: Vec<Entry>,
    pub unreadable: Vec<Unreadable>,
}

/// Reads a record of any past version, migrating it to the current one.
pub fn read_record(raw: &str) -> Result<Saved, StoreError> {
    #[derive(Deserialize)]
    struct Probe {
        #[serde(default)]
        store: Option<VersionNumber>,
    }
    let probe: Probe = serde_json::from_str(raw).map_err(|e| StoreError::NotJson(e.to_string()))?;
    let version = probe.store.and_then(|v| v.0).ok_or(StoreError::NoVersion)?;
    match version {
        1 => read_version::<SavedV1>(raw).map(Saved::from),
        2 => read_version::<Saved>(raw),
        v if v > u64::from(STORE_VERSION) => Err(StoreError::Newer(v)),
        v => Err(StoreError::UnknownVersion(v)),
    }
}

/// Reads one record version's shape, naming the field it stops at.
fn read_version<T: serde::de::DeserializeOwned>(raw: &str) -> Result<T, StoreError> {
    serde_json::from_str(raw).map_err(|e| {
        let path = error_path(raw, &e);
        let what = e.to_string();
        let what = what.split(" at line ").next().unwrap_or(&what).to_string();
        StoreError::Invalid {
            what,
            path: path
                .strip_prefix("evaluation.")
                .unwrap_or(&path)
                .to_string(),
        }
    })
}

/// What a checked save did.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveOutcome {
    /// Written as this revision.
    Saved { revision: u64 },
    /// The stored record had changed since this tab last read it (another
    /// tab, or another version of Scopewise, wrote it): it is left as it is,
    /// and this tab's work is kept beside it as a copy.
    KeptAsCopy {
        copy: Box<Saved>,
        found: Option<u64>,
    },
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
                let reason = match read_record(&raw) {
                    Ok(saved) if saved.id == id => {
                        listing.entries.push(Entry::of(&saved));
                        continue;
                    }
                    Ok(_) => StoreError::IdMismatch,
                    Err(reason) => reason,
                };
                let aside = self.set_aside(id, &raw, &reason)?;
                listing.unreadable.push(Unreadable {
                    key: aside,
                    raw,
                    reason,
                });
            } else if key.starts_with(UNREADABLE_KEY) {
                if let Some(raw) = self.backend.get(&key)? {
                    let reason = read_record(&raw).err().unwrap_or(StoreError::IdMismatch);
                    listing.unreadable.push(Unreadable { key, raw, reason });
                }
            }
        }
        listing
            .entries
            .sort_by(|a, b| b.updated_ms.cmp(&a.updated_ms).then(a.name.cmp(&b.name)));
        Ok(listing)
    }

    /// Every readable evaluation, in the order of the list.
    pub fn all(&mut self) -> Result<Vec<Saved>, StoreError> {
        let listing = self.list()?;
        let mut out = Vec::with_capacity(listing.entries.len());
        for e in &listing.entries {
            if let Ok(Some(saved)) = self.load(&e.id) {
                out.push(saved);
            }
        }
        Ok(out)
    }

    /// Moves a record that cannot be read out of the list, keeping its text.
    /// A record saved by a newer version stays where it is, untouched.
    fn set_aside(&mut self, id: &str, raw: &str, why: &StoreError) -> Result<String, StoreError> {
        let from = format!("{EVALUATION_KEY}{id}");
        if matches!(why, StoreError::Newer(_)) {
            return Ok(from);
        }
        let to = format!("{UNREADABLE_KEY}{id}");
        self.backend.set(&to, raw)?;
        self.backend.remove(&from)?;
        Ok(to)
    }

    /// Reads one evaluation.
    pub fn load(&self, id: &str) -> Result<Option<Saved>, StoreError> {
        match self.backend.get(&record_key(id))? {
            Some(raw) => read_record(&raw).map(Some),
            None => Ok(None),
        }
    }

    /// Writes one evaluation as it is (creating or replacing it), with the
    /// revision it carries. For new records and restores; edits go through
    /// [`Library::save_checked`].
    pub fn save(&mut self, saved: &Saved) -> Result<(), StoreError> {
        self.backend.set(&record_key(&saved.id), &saved.to_json())
    }

    /// Saves an edit made on top of revision `seen` (`None`: a record this
    /// tab has not written yet). When the stored record is still at `seen`
    /// (or absent), it is replaced by `saved` as the next revision. When it
    /// is not (another tab saved meanwhile, or it cannot be read), nothing
    /// stored is touched: `saved` is written as a copy under the id and name
    /// `copy` gives, and the outcome says so.
    pub fn save_checked(
        &mut self,
        saved: &Saved,
        seen: Option<u64>,
        copy: impl FnOnce(&Saved) -> (String, String),
    ) -> Result<SaveOutcome, StoreError> {
        let stored = self.backend.get(&record_key(&saved.id))?;
        let found = match stored.as_deref().map(read_record) {
            None => None,
            Some(Ok(s)) => Some(Some(s.revision)),
            Some(Err(_)) => Some(None),
        };
        let clear = match found {
            None => true,
            Some(Some(r)) => Some(r) == seen,
            Some(None) => false,
        };
        if clear {
            let mut next = saved.clone();
            next.revision = seen.map_or(1, |s| s + 1);
            self.save(&next)?;
            return Ok(SaveOutcome::Saved {
                revision: next.revision,
            });
        }
        let (id, name) = copy(saved);
        let mut kept = saved.clone();
        kept.id = id;
        kept.name = name;
        kept.revision = 1;
        self.save(&kept)?;
        Ok(SaveOutcome::KeptAsCopy {
            copy: Box::new(kept),
            found: found.flatten(),
        })
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
            revision: 1,
            evaluation,
        };
        self.save(&saved)?;
        Ok(saved)
    }

    /// Renames a saved evaluation (a new revision of it).
    pub fn rename(&mut self, id: &str, name: &str, now_ms: i64) -> Result<Saved, StoreError> {
        let mut saved = self.load(id)?.ok_or(StoreError::Missing)?;
        saved.name = name.to_string();
        saved.updated_ms = now_ms;
        saved.revision += 1;
        self.save(&saved)?;
        Ok(saved)
    }

    /// A copy under a new id, named "Copy of …".
    pub fn duplicate(&mut self, id: &str, new_id: &str, now_ms: i64) -> Result<Saved, StoreError> {
        let saved = self.load(id)?.ok_or(StoreError::Missing)?;
        self.create(
            new_id,
            &format!("Copy of {}", saved.name),
            saved.evaluation,
            now_ms,
        )
    }

    /// Deletes one evaluation and returns its record, for undo.
    pub fn delete(&mut self, id: &str) -> Result<Option<String>, StoreError> {
        let key = record_key(id);
        let raw = self.backend.get(&key)?;
        self.backend.remove(&key)?;
        if self.open_id()?.as_deref() == Some(id) {
            self.backend.remove(OPEN_KEY)?;
        }
        Ok(raw)
    }

    /// Puts back a record returned by [`Library::delete`].
    pub fn undo_delete(&mut self, raw: &str) -> Result<(), StoreError> {
        let saved = read_record(raw)?;
        self.save(&saved)
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

    /// When everything was last backed up to a file (ms), if ever.
    pub fn last_backup(&self) -> Result<Option<i64>, StoreError> {
        Ok(self
            .backend
            .get(BACKUP_KEY)?
            .and_then(|v| v.trim().parse().ok()))
    }

    pub fn set_last_backup(&mut self, ms: i64) -> Result<(), StoreError> {
        self.backend.set(BACKUP_KEY, &ms.to_string())
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

/// Where an evaluation is stored.
pub fn record_key(id: &str) -> String {
    format!("{EVALUATION_KEY}{id}")
}

/// The id an evaluation's key names, if it is one.
pub fn id_of_key(key: &str) -> Option<&str> {
    key.strip_prefix(EVALUATION_KEY)
}

/// The name shown for a saved evaluation: its own, else its workload's.
pub fn display_name(name: &str, workload: &str) -> String {
    match (name.trim(), workload.trim()) {
        ("", "") => "Untitled evaluation".to_string(),
        ("", w) => w.to_string(),
        (n, _) => n.to_string(),
    }
}

/// How long an unbacked-up evaluation may sit in storage the browser may
/// clear before the quiet reminder appears.
pub const BACKUP_REMINDER_DAYS: i64 = 30;

/// Whether to remind the user to back up: the browser may clear the storage
/// (`persisted` is false or unknown), something is saved, and nothing has
/// been backed up for [`BACKUP_REMINDER_DAYS`] (counting from the oldest
/// saved evaluation when there was never a backup).
pub fn backup_reminder_due(
    now_ms: i64,
    persisted: Option<bool>,
    last_backup_ms: Option<i64>,
    oldest_created_ms: Option<i64>,
) -> bool {
    if persisted == Some(true) {
        return false;
    }
    let Some(oldest) = oldest_created_ms else {
        return false;
    };
    let since = last_backup_ms.unwrap_or(oldest).max(oldest);
    now_ms.saturating_sub(since) > BACKUP_REMINDER_DAYS * 86_400_000
}
