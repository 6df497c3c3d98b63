//! The product was called CertCheck until it became Scopewise: every key it
//! wrote then started with `certcheck.`. [`migrate_old_keys`] moves each of
//! them to the same name under `scopewise.`, once, on the first load after
//! the rename.
//!
//! The move never loses a byte:
//! - a value is copied verbatim (never parsed), so records of every version,
//!   records saved by a newer version and records set aside as unreadable
//!   all move as they are;
//! - the old key is deleted only after the new one has been written and
//!   read back equal;
//! - a new key that already exists is never overwritten: if it holds the
//!   same text (another tab moved it first), the old key is simply deleted;
//!   if it holds other text (work saved under the new name since), the old
//!   value is kept beside it under a free key, an evaluation as a copy
//!   named so;
//! - when the storage refuses (full, turned off), the old key stays and the
//!   move is tried again on the next load.
//!
//! Running it again, or in two tabs at once, is safe: every step checks the
//! storage as it finds it. The app also runs it under a Web Lock, so two
//! tabs take turns.

use super::{
    display_name, read_record, Backend, StoreError, EVALUATION_KEY, PREFIX, UNREADABLE_KEY,
};

/// Every key written before the rename starts with this.
pub const OLD_PREFIX: &str = "certcheck.";

/// What a run of [`migrate_old_keys`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenameReport {
    /// Old keys whose value now sits under the new name (moved, or found
    /// already moved), and which were deleted.
    pub moved: usize,
    /// Old values kept beside a different value already under the new name.
    pub kept_beside: usize,
    /// Old keys left in place because the storage refused; tried again on
    /// the next load.
    pub left: usize,
}

/// Moves every `certcheck.*` key to `scopewise.*` (see the module's notes).
/// Fails only when the storage cannot even be listed.
pub fn migrate_old_keys<B: Backend>(backend: &mut B) -> Result<RenameReport, StoreError> {
    let mut report = RenameReport::default();
    let mut old_keys: Vec<String> = backend
        .keys()?
        .into_iter()
        .filter(|k| k.starts_with(OLD_PREFIX))
        .collect();
    old_keys.sort();
    for old_key in old_keys {
        match migrate_key(backend, &old_key) {
            Ok(Step::Moved) => report.moved += 1,
            Ok(Step::KeptBeside) => report.kept_beside += 1,
            Ok(Step::Gone) => {}
            Ok(Step::Left) | Err(_) => report.left += 1,
        }
    }
    Ok(report)
}

enum Step {
    /// Another tab moved it meanwhile: nothing to do.
    Gone,
    Moved,
    KeptBeside,
    /// Written but not read back equal: the old key stays.
    Left,
}

fn migrate_key<B: Backend>(backend: &mut B, old_key: &str) -> Result<Step, StoreError> {
    let Some(old) = backend.get(old_key)? else {
        return Ok(Step::Gone);
    };
    let new_key = format!("{PREFIX}{}", &old_key[OLD_PREFIX.len()..]);
    let step = match backend.get(&new_key)? {
        None => {
            if !write_verified(backend, &new_key, &old)? {
                return Ok(Step::Left);
            }
            Step::Moved
        }
        Some(existing) if existing == old => Step::Moved,
        Some(_) if new_key == format!("{PREFIX}open") => {
            // Which evaluation was open last: the newer answer wins.
            Step::Moved
        }
        Some(_) => {
            let (key, value) = kept_copy(backend, &new_key, &old)?;
            if !write_verified(backend, &key, &value)? {
                return Ok(Step::Left);
            }
            Step::KeptBeside
        }
    };
    backend.remove(old_key)?;
    Ok(step)
}

/// Writes `value` and reads it back: true when it reads back equal.
fn write_verified<B: Backend>(backend: &mut B, key: &str, value: &str) -> Result<bool, StoreError> {
    backend.set(key, value)?;
    Ok(backend.get(key)?.as_deref() == Some(value))
}

/// Where an old value goes when its new key already holds something else:
/// a free key beside it. A readable evaluation becomes a copy with its own
/// id and a name that says where it comes from; anything else keeps its
/// text as it was, set aside with the unreadable records.
fn kept_copy<B: Backend>(
    backend: &B,
    new_key: &str,
    old: &str,
) -> Result<(String, String), StoreError> {
    let free = |base: &str| -> Result<String, StoreError> {
        for n in 1.. {
            let candidate = if n == 1 {
                format!("{base}-before-rename")
            } else {
                format!("{base}-before-rename-{n}")
            };
            if backend.get(&candidate)?.is_none() {
                return Ok(candidate);
            }
        }
        unreachable!("an unbounded range always yields")
    };
    if let Some(id) = new_key.strip_prefix(EVALUATION_KEY) {
        if let Ok(mut saved) = read_record(old) {
            let key = free(&format!("{EVALUATION_KEY}{id}"))?;
            saved.id = key[EVALUATION_KEY.len()..].to_string();
            saved.name = format!(
                "{} (kept from before the rename)",
                display_name(&saved.name, &saved.evaluation.workload.name)
            );
            if let Ok(json) = serde_json::to_string(&saved) {
                return Ok((key, json));
            }
        }
        let key = free(&format!("{UNREADABLE_KEY}{id}"))?;
        return Ok((key, old.to_string()));
    }
    Ok((free(new_key)?, old.to_string()))
}
