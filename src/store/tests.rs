use super::*;
use crate::domain::RiskTier;
use std::collections::BTreeMap;

fn example() -> Evaluation {
    Evaluation::from_json(include_str!("../../examples/evaluation.json")).unwrap()
}

fn library() -> Library<MemoryBackend> {
    Library::new(MemoryBackend::default())
}

/// One fixture per record version ever written: each must read, for ever,
/// into the evaluation it was made from.
const FIXTURES: &[(u32, &str)] = &[
    (
        1,
        include_str!("../../tests/fixtures/store/v1-example.json"),
    ),
    (
        2,
        include_str!("../../tests/fixtures/store/v2-example.json"),
    ),
];

#[test]
fn every_past_record_version_reads_forward() {
    for v in 1..=STORE_VERSION {
        assert!(
            FIXTURES.iter().any(|(fv, _)| *fv == v),
            "record version {v} has no fixture in tests/fixtures/store/"
        );
    }
    for (v, raw) in FIXTURES {
        let saved = read_record(raw).unwrap_or_else(|e| panic!("version {v}: {e}"));
        assert_eq!(saved.evaluation, example(), "version {v}");
        assert_eq!(saved.id, "k3j9x2");
        assert_eq!(saved.name, "Claims triage: Claude on Bedrock vs OpenAI");
        // Version 1 had no revisions: it reads as revision 0.
        assert_eq!(saved.revision, if *v == 1 { 0 } else { 7 }, "version {v}");
        // And every version writes back as the current one.
        assert_eq!(read_record(&saved.to_json()).unwrap(), saved);
        assert!(saved
            .to_json()
            .starts_with(&format!("{{\"store\":{STORE_VERSION},")));
    }
}

#[test]
fn create_list_rename_duplicate_delete_undo() {
    let mut lib = library();
    lib.create("a1", "First", example(), 1_000).unwrap();
    lib.create("b2", "Second", Evaluation::new(RiskTier::Low), 2_000)
        .unwrap();
    let l = lib.list().unwrap();
    assert_eq!(
        l.entries
            .iter()
            .map(|e| e.name.as_str())
            .collect::<Vec<_>>(),
        ["Second", "First"],
        "newest first"
    );
    assert_eq!(l.entries[1].candidates, example().candidates.len());
    lib.rename("a1", "Renamed", 3_000).unwrap();
    assert_eq!(lib.list().unwrap().entries[0].name, "Renamed");
    let copy = lib.duplicate("a1", "c3", 4_000).unwrap();
    assert_eq!(copy.name, "Copy of Renamed");
    assert_eq!(lib.load("c3").unwrap().unwrap().evaluation, example());
    lib.set_open_id("a1").unwrap();
    let raw = lib.delete("a1").unwrap().unwrap();
    assert_eq!(
        lib.open_id().unwrap(),
        None,
        "deleting the open one forgets it"
    );
    assert!(lib.load("a1").unwrap().is_none());
    assert_eq!(lib.list().unwrap().entries.len(), 2);
    lib.undo_delete(&raw).unwrap();
    let back = lib.load("a1").unwrap().unwrap();
    assert_eq!(
        (back.name.as_str(), back.evaluation),
        ("Renamed", example())
    );
    assert!(lib.rename("nope", "x", 1).is_err());
}

#[test]
fn forget_everything_empties_the_storage() {
    let mut lib = library();
    lib.create("a1", "First", example(), 1).unwrap();
    lib.set_open_id("a1").unwrap();
    lib.backend
        .map
        .insert("scopewise.unreadable.x".into(), "{".into());
    assert_eq!(lib.forget_everything().unwrap(), 0);
    assert!(lib.backend.map.is_empty(), "{:?}", lib.backend.map.keys());
}

#[test]
fn unreadable_records_are_set_aside_and_reported_never_dropped() {
    let mut lib = library();
    lib.create("good", "Good", example(), 5).unwrap();
    let m = &mut lib.backend.map;
    m.insert(
        "scopewise.evaluation.cut".into(),
        r#"{"store":1,"id":"cut","na"#.into(),
    );
    m.insert(
        "scopewise.evaluation.bad".into(),
        r#"{"store":1,"id":"bad","name":"B","created_ms":1,"updated_ms":1,"evaluation":{"format":1,"candidates":[{"id":"x"}]}}"#.into(),
    );
    let newer = r#"{"store":9,"id":"new","name":"From the future"}"#;
    m.insert("scopewise.evaluation.new".into(), newer.into());
    let l = lib.list().unwrap();
    assert_eq!(l.entries.len(), 1);
    assert_eq!(l.unreadable.len(), 3);
    let reason = |key: &str| {
        l.unreadable
            .iter()
            .find(|u| u.key == key)
            .unwrap_or_else(|| panic!("{key} not reported: {:?}", l.unreadable))
            .reason
            .clone()
    };
    assert!(reason("scopewise.unreadable.cut")
        .message()
        .contains("not complete JSON"));
    assert!(reason("scopewise.unreadable.bad")
        .message()
        .contains("candidates[0]"));
    assert_eq!(reason("scopewise.evaluation.new"), StoreError::Newer(9));
    // Kept, with their text, and listed again next time without moving twice.
    assert_eq!(lib.backend.map["scopewise.evaluation.new"], newer);
    assert!(lib.backend.map["scopewise.unreadable.cut"].starts_with(r#"{"store":1"#));
    assert_eq!(lib.list().unwrap().unreadable.len(), 3);
    lib.discard_unreadable("scopewise.unreadable.cut").unwrap();
    assert_eq!(lib.list().unwrap().unreadable.len(), 2);
}

#[test]
fn a_full_or_missing_storage_is_reported_and_nothing_is_lost() {
    let mut lib = Library::new(MemoryBackend {
        quota: Some(3_000),
        ..MemoryBackend::default()
    });
    lib.create("small", "Small", Evaluation::new(RiskTier::Low), 1)
        .unwrap();
    assert_eq!(
        lib.create("big", "Big", example(), 2),
        Err(StoreError::Full)
    );
    assert_eq!(
        lib.list().unwrap().entries.len(),
        1,
        "the earlier save is intact"
    );
    let mut off = Library::new(MemoryBackend {
        unavailable: true,
        ..MemoryBackend::default()
    });
    assert_eq!(off.list(), Err(StoreError::Unavailable));
    assert!(StoreError::Full.sentence().contains("export"));
    assert!(StoreError::Unavailable.sentence().contains("export"));
}

#[test]
fn records_round_trip_through_json() {
    let mut lib = library();
    let saved = lib
        .create("r1", "Name with \"quotes\" and ünïcode", example(), 42)
        .unwrap();
    assert_eq!(lib.load("r1").unwrap(), Some(saved));
}

#[test]
fn import_is_all_or_nothing_with_a_located_error() {
    let ok = read_import(include_bytes!("../../examples/evaluation.json")).unwrap();
    assert_eq!(ok, example());
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(include_bytes!("../../examples/evaluation.json"));
    assert_eq!(read_import(&bom).unwrap(), example());
    let broken = include_str!("../../examples/evaluation.json").replacen(
        "\"layer\": \"model\"",
        "\"layer\": \"modle\"",
        1,
    );
    let err = read_import(broken.as_bytes()).unwrap_err().sentence();
    assert!(err.contains("candidates[0].records[0].layer"), "{err}");
    assert!(err.contains("line "), "{err}");
    assert!(read_import(&[0xff, 0xfe, 0x00])
        .unwrap_err()
        .sentence()
        .contains("not text"));
    assert!(read_import(&vec![b' '; MAX_IMPORT_BYTES + 1])
        .unwrap_err()
        .sentence()
        .contains("MB"));
    assert!(read_import(b"")
        .unwrap_err()
        .sentence()
        .contains("nothing was"));
}

#[test]
fn names_fall_back_to_the_workload() {
    assert_eq!(display_name("", ""), "Untitled evaluation");
    assert_eq!(display_name(" ", "Claims triage"), "Claims triage");
    assert_eq!(display_name("Mine", "Claims triage"), "Mine");
}

// ---- The rename: `certcheck.*` keys move to `scopewise.*` ----

/// A store as a browser used before the rename left it: records of every
/// version ever written, one from a newer version, unreadable ones (set
/// aside already, and not yet), which one was open, and a stranger's key.
fn store_before_the_rename() -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    for (v, raw) in FIXTURES {
        m.insert(format!("certcheck.evaluation.k3j9x2v{v}"), {
            // Each version's fixture, under an id that matches its key.
            raw.replacen("\"k3j9x2\"", &format!("\"k3j9x2v{v}\""), 1)
        });
    }
    m.insert(
        "certcheck.evaluation.future".into(),
        r#"{"store":9,"id":"future","name":"From the future"}"#.into(),
    );
    m.insert(
        "certcheck.evaluation.cut".into(),
        r#"{"store":1,"id":"cut","na"#.into(),
    );
    m.insert("certcheck.unreadable.old".into(), "{not json".into());
    m.insert("certcheck.open".into(), "k3j9x2v1".into());
    m.insert("another-app.setting".into(), "dark".into());
    m
}

#[test]
fn the_rename_moves_every_old_key_and_loses_nothing() {
    let before = store_before_the_rename();
    let mut backend = MemoryBackend {
        map: before.clone(),
        ..MemoryBackend::default()
    };
    let report = migrate_old_keys(&mut backend).unwrap();
    assert_eq!(report.moved, before.len() - 1, "{report:?}");
    assert_eq!((report.kept_beside, report.left), (0, 0));
    for (k, v) in &before {
        let new_key = k.replacen("certcheck.", "scopewise.", 1);
        assert_eq!(backend.map.get(&new_key), Some(v), "{k} moved verbatim");
    }
    assert!(!backend.map.keys().any(|k| k.starts_with("certcheck.")));
    assert_eq!(
        backend.map.len(),
        before.len(),
        "nothing added, nothing lost"
    );

    // The library then reads them as it always did.
    let mut lib = Library::new(backend);
    let listing = lib.list().unwrap();
    for (v, _) in FIXTURES {
        let e = listing
            .entries
            .iter()
            .find(|e| e.id == format!("k3j9x2v{v}"))
            .unwrap();
        assert_eq!(e.name, "Claims triage: Claude on Bedrock vs OpenAI");
    }
    assert_eq!(lib.open_id().unwrap().as_deref(), Some("k3j9x2v1"));
    let mut unreadable: Vec<&str> = listing.unreadable.iter().map(|u| u.key.as_str()).collect();
    unreadable.sort();
    assert_eq!(
        unreadable,
        [
            "scopewise.evaluation.future",
            "scopewise.unreadable.cut",
            "scopewise.unreadable.old"
        ]
    );

    // Idempotent: a second run finds nothing to do and changes nothing.
    let after = lib.backend.map.clone();
    assert_eq!(
        migrate_old_keys(&mut lib.backend).unwrap(),
        RenameReport::default()
    );
    assert_eq!(lib.backend.map, after);
}

#[test]
fn the_rename_never_overwrites_newer_work_under_the_new_name() {
    let mut m = store_before_the_rename();
    let newer = r#"{"store":1,"id":"k3j9x2v1","name":"Edited after the rename","created_ms":1,"updated_ms":9,"evaluation":{"format":1}}"#;
    m.insert("scopewise.evaluation.k3j9x2v1".into(), newer.into());
    m.insert("scopewise.unreadable.old".into(), "{other".into());
    m.insert("scopewise.open".into(), "elsewhere".into());
    let mut backend = MemoryBackend {
        map: m,
        ..MemoryBackend::default()
    };
    let report = migrate_old_keys(&mut backend).unwrap();
    assert_eq!(report.kept_beside, 2, "{report:?}");
    let map = &backend.map;
    assert_eq!(map["scopewise.evaluation.k3j9x2v1"], newer);
    assert_eq!(map["scopewise.open"], "elsewhere", "the newer answer wins");
    assert_eq!(map["scopewise.unreadable.old"], "{other");
    assert_eq!(map["scopewise.unreadable.old-before-rename"], "{not json");
    let kept = read_record(&map["scopewise.evaluation.k3j9x2v1-before-rename"]).unwrap();
    assert_eq!(kept.id, "k3j9x2v1-before-rename");
    assert_eq!(
        kept.name,
        "Claims triage: Claude on Bedrock vs OpenAI (kept from before the rename)"
    );
    assert_eq!(kept.evaluation, example());
    assert!(!map.keys().any(|k| k.starts_with("certcheck.")));
}

#[test]
fn the_rename_keeps_the_old_key_while_the_storage_refuses() {
    let before = store_before_the_rename();
    let mut backend = MemoryBackend {
        map: before.clone(),
        quota: Some(before.iter().map(|(k, v)| k.len() + v.len()).sum::<usize>() + 10),
        ..MemoryBackend::default()
    };
    let report = migrate_old_keys(&mut backend).unwrap();
    assert!(report.left > 0, "{report:?}");
    for (k, v) in &before {
        let new_key = k.replacen("certcheck.", "scopewise.", 1);
        assert!(
            backend.map.get(k) == Some(v) || backend.map.get(&new_key) == Some(v),
            "{k} is somewhere"
        );
    }
    // Room again: the next load finishes the move.
    backend.quota = None;
    migrate_old_keys(&mut backend).unwrap();
    assert!(!backend.map.keys().any(|k| k.starts_with("certcheck.")));
    assert_eq!(backend.map.len(), before.len());
}

/// Two tabs over one storage: a backend that, before its `n`th operation,
/// lets the other tab run its whole migration (and then, optionally, the
/// user save in that tab under the new name).
struct Interleaved {
    inner: std::rc::Rc<std::cell::RefCell<MemoryBackend>>,
    ops: std::cell::Cell<usize>,
    at: usize,
    then_save: Option<(String, String)>,
}

impl Interleaved {
    fn tick(&self) {
        let n = self.ops.get();
        self.ops.set(n + 1);
        if n == self.at {
            let mut other = self.inner.borrow().clone();
            migrate_old_keys(&mut other).unwrap();
            if let Some((k, v)) = &self.then_save {
                other.map.insert(k.clone(), v.clone());
            }
            *self.inner.borrow_mut() = other;
        }
    }
}

impl Backend for Interleaved {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.tick();
        self.inner.borrow().get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.tick();
        self.inner.borrow_mut().set(key, value)
    }
    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.tick();
        self.inner.borrow_mut().remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        self.tick();
        self.inner.borrow().keys()
    }
}

#[test]
fn two_tabs_renaming_at_once_lose_nothing() {
    let before = store_before_the_rename();
    for at in 0..80 {
        let shared = std::rc::Rc::new(std::cell::RefCell::new(MemoryBackend {
            map: before.clone(),
            ..MemoryBackend::default()
        }));
        let mut tab = Interleaved {
            inner: shared.clone(),
            ops: Default::default(),
            at,
            then_save: None,
        };
        migrate_old_keys(&mut tab).unwrap();
        let map = shared.borrow().map.clone();
        assert!(!map.keys().any(|k| k.starts_with("certcheck.")), "at {at}");
        for (k, v) in &before {
            let new_key = k.replacen("certcheck.", "scopewise.", 1);
            assert_eq!(map.get(&new_key), Some(v), "at {at}: {k}");
        }
        assert_eq!(map.len(), before.len(), "at {at}: no stray copies");
    }
}

/// The app runs the move under a Web Lock, so two tabs take turns: the
/// first moves everything and its user types; the second then finds nothing
/// to move and must leave that work alone, whatever was left behind.
#[test]
fn work_saved_in_another_tab_after_its_rename_is_never_overwritten() {
    let before = store_before_the_rename();
    let key = "scopewise.evaluation.k3j9x2v1";
    let edited = r#"{"store":1,"id":"k3j9x2v1","name":"Typed in the other tab","created_ms":1,"updated_ms":9,"evaluation":{"format":1}}"#;
    let mut backend = MemoryBackend {
        map: before.clone(),
        ..MemoryBackend::default()
    };
    migrate_old_keys(&mut backend).unwrap();
    backend.map.insert(key.into(), edited.into());
    // Even an old key that came back (a stale copy restored by the browser)
    // never replaces the newer work: it is kept beside it.
    backend.map.insert(
        "certcheck.evaluation.k3j9x2v1".into(),
        before["certcheck.evaluation.k3j9x2v1"].clone(),
    );
    migrate_old_keys(&mut backend).unwrap();
    assert_eq!(backend.map[key], edited);
    assert!(backend
        .map
        .contains_key("scopewise.evaluation.k3j9x2v1-before-rename"));
}

// ---- One writer, no silent overwrite ----

fn copy_named(s: &Saved) -> (String, String) {
    (
        format!("{}-copy", s.id),
        format!(
            "{} (your changes, kept beside the other tab's)",
            s.display_name()
        ),
    )
}

#[test]
fn a_save_never_replaces_a_revision_it_has_not_seen() {
    let mut lib = library();
    let first = lib.create("e1", "Shared", example(), 1).unwrap();
    assert_eq!(first.revision, 1);
    // Tab A and tab B both read revision 1.
    let mut a = lib.load("e1").unwrap().unwrap();
    let mut b = a.clone();
    a.evaluation.workload.name = "Typed in A".into();
    assert_eq!(
        lib.save_checked(&a, Some(1), copy_named).unwrap(),
        SaveOutcome::Saved { revision: 2 }
    );
    // B saves on top of revision 1, which is no longer what is stored.
    b.evaluation.workload.data = "Typed in B".into();
    let outcome = lib.save_checked(&b, Some(1), copy_named).unwrap();
    let SaveOutcome::KeptAsCopy { copy, found } = outcome else {
        panic!("expected a kept copy, got {outcome:?}");
    };
    assert_eq!(found, Some(2));
    assert_eq!(copy.id, "e1-copy");
    assert!(copy.name.contains("kept beside"), "{}", copy.name);
    // Both are stored: A's under the id, B's as the copy. Nothing lost.
    let stored = lib.load("e1").unwrap().unwrap();
    assert_eq!(stored.evaluation.workload.name, "Typed in A");
    assert_eq!(stored.revision, 2);
    let kept = lib.load("e1-copy").unwrap().unwrap();
    assert_eq!(kept.evaluation.workload.data, "Typed in B");
    // A goes on from revision 2.
    a.evaluation.workload.decisions = "More from A".into();
    assert_eq!(
        lib.save_checked(&a, Some(2), copy_named).unwrap(),
        SaveOutcome::Saved { revision: 3 }
    );
}

#[test]
fn a_new_record_and_a_deleted_one_are_written_and_an_unreadable_one_is_not_replaced() {
    let mut lib = library();
    let s = Saved {
        store: STORE_VERSION,
        id: "n1".into(),
        name: String::new(),
        created_ms: 1,
        updated_ms: 1,
        revision: 0,
        evaluation: example(),
    };
    assert_eq!(
        lib.save_checked(&s, None, copy_named).unwrap(),
        SaveOutcome::Saved { revision: 1 }
    );
    // Deleted elsewhere meanwhile: the edit brings it back, not lost.
    lib.delete("n1").unwrap();
    assert_eq!(
        lib.save_checked(&s, Some(1), copy_named).unwrap(),
        SaveOutcome::Saved { revision: 2 }
    );
    // A newer Scopewise wrote it: left alone, ours kept beside it.
    let newer = r#"{"store":9,"id":"n1"}"#;
    lib.backend.map.insert(record_key("n1"), newer.into());
    assert!(matches!(
        lib.save_checked(&s, Some(2), copy_named).unwrap(),
        SaveOutcome::KeptAsCopy { found: None, .. }
    ));
    assert_eq!(lib.backend.map[&record_key("n1")], newer);
}

#[test]
fn renaming_is_a_new_revision() {
    let mut lib = library();
    lib.create("e1", "Before", example(), 1).unwrap();
    assert_eq!(lib.rename("e1", "After", 2).unwrap().revision, 2);
    assert_eq!(lib.rename("nope", "x", 3), Err(StoreError::Missing));
}

// ---- Backups ----

fn two_saved() -> Library<MemoryBackend> {
    let mut lib = library();
    lib.create("a1", "First", example(), 1_000).unwrap();
    let mut other = Evaluation::new(RiskTier::Low);
    other.workload.name = "Second".into();
    lib.create("b2", "", other, 2_000).unwrap();
    lib
}

#[test]
fn a_backup_restores_every_evaluation_into_an_empty_browser() {
    let mut lib = two_saved();
    let before = lib.all().unwrap();
    let file = backup::make_backup(&before, 9_000);
    let read = backup::read_backup(file.as_bytes()).unwrap();
    assert_eq!(read.made_ms, 9_000);
    assert_eq!(read.evaluations, before);
    lib.forget_everything().unwrap();
    let plan = backup::plan_restore(&mut lib, &read).unwrap();
    assert_eq!(
        (plan.add.len(), plan.unchanged.len(), plan.clashes.len()),
        (2, 0, 0)
    );
    let done = backup::apply_restore(&mut lib, &plan, copy_named).unwrap();
    assert_eq!(done.added, 2);
    assert_eq!(lib.all().unwrap(), before, "every record as it was");
    // Restoring again changes nothing.
    let again = backup::plan_restore(&mut lib, &read).unwrap();
    assert_eq!(
        (again.add.len(), again.unchanged.len(), again.clashes.len()),
        (0, 2, 0)
    );
}

#[test]
fn a_restore_never_overwrites_and_keeps_both_on_a_clash() {
    let mut lib = two_saved();
    let read = backup::read_backup(backup::make_backup(&lib.all().unwrap(), 5).as_bytes()).unwrap();
    // Changed here since the backup.
    let mut here = lib.load("a1").unwrap().unwrap();
    here.evaluation.workload.name = "Changed since".into();
    lib.save(&here).unwrap();
    let plan = backup::plan_restore(&mut lib, &read).unwrap();
    assert_eq!(plan.clashes.len(), 1);
    assert_eq!(plan.clashes[0].0, "First");
    backup::apply_restore(&mut lib, &plan, copy_named).unwrap();
    assert_eq!(
        lib.load("a1").unwrap().unwrap(),
        here,
        "the one here is untouched"
    );
    let kept = lib.load("a1-copy").unwrap().unwrap();
    assert_eq!(kept.evaluation, example());
    // A second restore finds the backup's version already kept.
    let again = backup::plan_restore(&mut lib, &read).unwrap();
    assert!(again.clashes.is_empty() && again.add.is_empty());
}

#[test]
fn a_restore_the_storage_refuses_part_way_writes_nothing() {
    let mut lib = two_saved();
    let read = backup::read_backup(backup::make_backup(&lib.all().unwrap(), 5).as_bytes()).unwrap();
    lib.forget_everything().unwrap();
    let one = read.evaluations[0].to_json().len() + 40;
    lib.backend.quota = Some(one);
    let plan = backup::plan_restore(&mut lib, &read).unwrap();
    assert_eq!(
        backup::apply_restore(&mut lib, &plan, copy_named),
        Err(StoreError::Full)
    );
    assert!(lib.backend.map.is_empty(), "{:?}", lib.backend.map.keys());
}

#[test]
fn a_damaged_backup_is_refused_with_its_reason_and_place() {
    let lib_file = backup::make_backup(&two_saved().all().unwrap(), 5);
    let err = |bytes: &[u8]| backup::read_backup(bytes).unwrap_err();
    // Cut short.
    let cut = err(&lib_file.as_bytes()[..lib_file.len() / 2]);
    assert!(
        matches!(cut, backup::BackupError::NotJson { line, .. } if line > 1),
        "{cut:?}"
    );
    // A field changed: its path and line.
    let broken = lib_file.replacen("\"layer\": \"model\"", "\"layer\": \"modle\"", 1);
    let e = err(broken.as_bytes());
    let sentence = e.sentence();
    assert!(
        sentence.contains("evaluations[1].evaluation.candidates[0].records[0].layer"),
        "{sentence}"
    );
    assert!(sentence.contains("line "), "{sentence}");
    // Not a backup: an evaluation file, and something else.
    assert_eq!(
        err(include_bytes!("../../examples/evaluation.json")),
        backup::BackupError::NotABackup {
            evaluation_file: true
        }
    );
    assert_eq!(
        err(b"[1,2]"),
        backup::BackupError::NotABackup {
            evaluation_file: false
        }
    );
    assert_eq!(
        err(br#"{"scopewise_backup":7}"#),
        backup::BackupError::Newer(7)
    );
    let dup = format!(
        r#"{{"scopewise_backup":1,"made_ms":1,"evaluations":[{0},{0}]}}"#,
        two_saved().load("a1").unwrap().unwrap().to_json()
    );
    assert_eq!(
        err(dup.as_bytes()),
        backup::BackupError::DuplicateId("a1".into())
    );
    // Records of an older version inside a backup read forward.
    let v1 = include_str!("../../tests/fixtures/store/v1-example.json");
    let old = format!(r#"{{"scopewise_backup":1,"made_ms":1,"evaluations":[{v1}]}}"#);
    let read = backup::read_backup(old.as_bytes()).unwrap();
    assert_eq!(read.evaluations[0].evaluation, example());
}

#[test]
fn the_backup_reminder_waits_30_days_and_never_nags_a_kept_storage() {
    let day = 86_400_000;
    let now = 100 * day;
    use super::backup_reminder_due as due;
    assert!(!due(now, Some(false), None, None), "nothing saved");
    assert!(
        !due(now, Some(false), None, Some(now - 10 * day)),
        "too recent"
    );
    assert!(due(now, Some(false), None, Some(now - 31 * day)));
    assert!(
        due(now, None, None, Some(now - 31 * day)),
        "unknown counts as may clear"
    );
    assert!(!due(now, Some(true), None, Some(now - 90 * day)), "kept");
    assert!(!due(
        now,
        Some(false),
        Some(now - 29 * day),
        Some(now - 90 * day)
    ));
    assert!(due(
        now,
        Some(false),
        Some(now - 31 * day),
        Some(now - 90 * day)
    ));
}

#[test]
fn every_error_reads_as_a_sentence_for_a_buyer() {
    use crate::error::check_style;
    let store = [
        StoreError::Unavailable,
        StoreError::Full,
        StoreError::Missing,
        StoreError::NotJson("EOF while parsing".into()),
        StoreError::NoVersion,
        StoreError::UnknownVersion(0),
        StoreError::Newer(3),
        StoreError::Invalid {
            what: "unknown field".into(),
            path: "candidates[0]".into(),
        },
        StoreError::IdMismatch,
    ];
    for e in &store {
        check_style(e).unwrap();
    }
    let backup = [
        backup::BackupError::File(ImportError::TooLarge(60 << 20)),
        backup::BackupError::NotJson {
            what: "EOF".into(),
            line: 3,
            column: 1,
        },
        backup::BackupError::NotABackup {
            evaluation_file: true,
        },
        backup::BackupError::NotABackup {
            evaluation_file: false,
        },
        backup::BackupError::Newer(2),
        backup::BackupError::Invalid {
            what: "x".into(),
            path: "evaluations[0]".into(),
            line: 1,
            column: 2,
        },
        backup::BackupError::DuplicateId("a".into()),
    ];
    for e in &backup {
        check_style(e).unwrap();
        assert!(
            e.sentence().contains("restored") || e.help().is_some(),
            "{e:?}"
        );
    }
    for e in [ImportError::TooLarge(1 << 30), ImportError::NotText(3)] {
        check_style(&e).unwrap();
    }
}
