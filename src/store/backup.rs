//! Backups: every saved evaluation in one file, and a restore that is all
//! or nothing, never overwrites without asking, and keeps both where the
//! backup and this browser disagree.
//!
//! The file is JSON: `{"scopewise_backup": 1, "made_ms": …, "evaluations":
//! [<saved records, as stored>]}`. Records of any version read forward
//! through [`read_record`], as they do from the browser's storage.

use super::files::{text_of, ImportError};
use super::{read_record, Backend, Library, Saved, StoreError, STORE_VERSION};
use crate::domain::json_path::error_path;
use crate::error::UserError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The newest backup format this build reads, and the one it writes.
pub const BACKUP_FORMAT: u32 = 1;
/// The largest backup file Scopewise reads (a browser keeps 5 to 10 MB).
pub const MAX_BACKUP_BYTES: usize = 50 * 1024 * 1024;

/// A backup, read and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Backup {
    pub made_ms: i64,
    pub evaluations: Vec<Saved>,
}

/// Why a backup file was refused. Nothing was restored in every case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackupError {
    /// Too large, or not text.
    File(ImportError),
    /// Not complete JSON: the parser's words and where it stopped.
    NotJson {
        what: String,
        line: usize,
        column: usize,
    },
    /// JSON, but not a Scopewise backup (an evaluation file, say).
    NotABackup { evaluation_file: bool },
    /// Made by a newer Scopewise (its backup format).
    Newer(u64),
    /// A field cannot be read: what, where (JSON path), and the line.
    Invalid {
        what: String,
        path: String,
        line: usize,
        column: usize,
    },
    /// Two evaluations in the file share an id.
    DuplicateId(String),
}

impl fmt::Display for BackupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for BackupError {}

impl UserError for BackupError {
    fn message(&self) -> String {
        let at = |line: &usize, column: &usize| {
            if *line > 0 {
                format!(" (line {line}, column {column})")
            } else {
                String::new()
            }
        };
        match self {
            BackupError::File(e) => e.message().replace("nothing was imported", "nothing was restored"),
            BackupError::NotJson { what, line, column } => {
                format!("this backup is damaged: {what}{}", at(line, column))
            }
            BackupError::NotABackup { evaluation_file: true } => {
                "this is an evaluation file, not a backup".into()
            }
            BackupError::NotABackup { evaluation_file: false } => {
                "this is not a Scopewise backup".into()
            }
            BackupError::Newer(v) => format!(
                "this backup was made by a newer version of Scopewise (backup format {v}; this page reads up to {BACKUP_FORMAT})"
            ),
            BackupError::Invalid { what, path, line, column } => {
                format!("this backup is damaged: {what} at {path}{}", at(line, column))
            }
            BackupError::DuplicateId(id) => {
                format!("this backup is damaged: two evaluations in it share the id “{id}”")
            }
        }
    }

    fn help(&self) -> Option<String> {
        Some(match self {
            BackupError::File(e) => return e.help(),
            BackupError::NotABackup {
                evaluation_file: true,
            } => "Use “Import a file” to add it as a new evaluation.".into(),
            BackupError::Newer(_) => "Reload the page to get the newest version.".into(),
            _ => "Nothing was restored. Pick another backup, or the same file as it was saved."
                .into(),
        })
    }
}

#[derive(Serialize)]
struct BackupOut<'a> {
    scopewise_backup: u32,
    made_ms: i64,
    evaluations: &'a [Saved],
}

/// The backup file of `evaluations`, made at `now_ms`.
pub fn make_backup(evaluations: &[Saved], now_ms: i64) -> String {
    let records: Vec<Saved> = evaluations
        .iter()
        .map(|s| Saved {
            store: STORE_VERSION,
            ..s.clone()
        })
        .collect();
    // Indented as `to_string_pretty` would, without its second serialiser
    // of every evaluation (see `domain::json_text`).
    let compact = serde_json::to_string(&BackupOut {
        scopewise_backup: BACKUP_FORMAT,
        made_ms: now_ms,
        evaluations: &records,
    })
    .unwrap_or_default();
    crate::domain::json_text::indent(&compact)
}

/// Reads a backup file: all of it or nothing.
pub fn read_backup(bytes: &[u8]) -> Result<Backup, BackupError> {
    let text = text_of(bytes, MAX_BACKUP_BYTES).map_err(BackupError::File)?;
    let probe: serde_json::Value =
        serde_json::from_str(text).map_err(|e| BackupError::NotJson {
            what: plain(&e),
            line: e.line(),
            column: e.column(),
        })?;
    let version = |key: &str| probe.get(key).map(|v| v.as_u64());
    match version("scopewise_backup") {
        Some(Some(1)) => {}
        Some(Some(v)) if v > u64::from(BACKUP_FORMAT) => return Err(BackupError::Newer(v)),
        _ => {
            return Err(BackupError::NotABackup {
                evaluation_file: version("format").is_some(),
            })
        }
    }
    // Written by this build: every record of the current version, read
    // strictly, so a problem is named by its path and line.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Strict {
        #[allow(dead_code)]
        scopewise_backup: u32,
        made_ms: i64,
        evaluations: Vec<Saved>,
    }
    let backup = match serde_json::from_str::<Strict>(text) {
        Ok(b) => Backup {
            made_ms: b.made_ms,
            evaluations: b.evaluations,
        },
        Err(strict) => lenient(text).ok_or_else(|| BackupError::Invalid {
            what: plain(&strict),
            path: error_path(text, &strict),
            line: strict.line(),
            column: strict.column(),
        })?,
    };
    let mut ids = std::collections::BTreeSet::new();
    for s in &backup.evaluations {
        if !ids.insert(s.id.as_str()) {
            return Err(BackupError::DuplicateId(s.id.clone()));
        }
    }
    Ok(backup)
}

/// A backup holding records of older versions: each read forward.
fn lenient(text: &str) -> Option<Backup> {
    #[derive(Deserialize)]
    struct Loose {
        made_ms: i64,
        evaluations: Vec<serde_json::Value>,
    }
    let loose: Loose = serde_json::from_str(text).ok()?;
    let mut evaluations = Vec::with_capacity(loose.evaluations.len());
    for v in loose.evaluations {
        evaluations.push(read_record(&v.to_string()).ok()?);
    }
    Some(Backup {
        made_ms: loose.made_ms,
        evaluations,
    })
}

/// serde_json's words without its own position.
fn plain(e: &serde_json::Error) -> String {
    let s = e.to_string();
    s.split(" at line ").next().unwrap_or(&s).to_string()
}

/// What restoring a backup would do, shown before anything is written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RestorePlan {
    /// Not in this browser: added as they are.
    pub add: Vec<Saved>,
    /// Already here (the same evaluation, under any id): left alone.
    pub unchanged: Vec<Saved>,
    /// Here under the same id with other content: the one here stays, the
    /// backup's is added beside it as a copy. (name here, the backup's)
    pub clashes: Vec<(String, Saved)>,
}

/// What [`apply_restore`] wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Restored {
    pub added: usize,
    pub kept_beside: usize,
}

/// Compares a backup with what this browser holds.
pub fn plan_restore<B: Backend>(
    lib: &mut Library<B>,
    backup: &Backup,
) -> Result<RestorePlan, StoreError> {
    let here = lib.all()?;
    let mut plan = RestorePlan::default();
    for theirs in &backup.evaluations {
        // The same work anywhere here (an earlier restore may have kept it
        // beside a clash under another id): nothing to restore.
        if here.iter().any(|s| s.evaluation == theirs.evaluation) {
            plan.unchanged.push(theirs.clone());
        } else if let Some(ours) = here.iter().find(|s| s.id == theirs.id) {
            plan.clashes.push((ours.display_name(), theirs.clone()));
        } else {
            plan.add.push(theirs.clone());
        }
    }
    Ok(plan)
}

/// Carries out a plan: all of it, or (when the storage refuses part way)
/// nothing, every key written so far removed again. `copy` gives the id
/// and name of the copy kept beside a clash.
pub fn apply_restore<B: Backend>(
    lib: &mut Library<B>,
    plan: &RestorePlan,
    mut copy: impl FnMut(&Saved) -> (String, String),
) -> Result<Restored, StoreError> {
    let mut writes: Vec<Saved> = plan.add.to_vec();
    for (_, theirs) in &plan.clashes {
        let (id, name) = copy(theirs);
        writes.push(Saved {
            id,
            name,
            revision: 1,
            ..theirs.clone()
        });
    }
    let mut written: Vec<String> = Vec::new();
    for s in &writes {
        if let Err(e) = lib.save(s) {
            for id in &written {
                let _ = lib.backend.remove(&super::record_key(id));
            }
            return Err(e);
        }
        written.push(s.id.clone());
    }
    Ok(Restored {
        added: plan.add.len(),
        kept_beside: plan.clashes.len(),
    })
}
