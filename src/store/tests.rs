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
const FIXTURES: &[(u32, &str)] = &[(
    1,
    include_str!("../../tests/fixtures/store/v1-example.json"),
)];

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
    assert!(reason("scopewise.unreadable.cut").contains("not complete JSON"));
    assert!(reason("scopewise.unreadable.bad").contains("candidates[0]"));
    assert!(reason("scopewise.evaluation.new").contains("newer version"));
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
    assert!(StoreError::Full.message().contains("export"));
    assert!(StoreError::Unavailable.message().contains("export"));
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
    let err = read_import(broken.as_bytes()).unwrap_err();
    assert!(err.contains("candidates[0].records[0].layer"), "{err}");
    assert!(err.contains("line "), "{err}");
    assert!(read_import(&[0xff, 0xfe, 0x00])
        .unwrap_err()
        .contains("not text"));
    assert!(read_import(&vec![b' '; MAX_IMPORT_BYTES + 1])
        .unwrap_err()
        .contains("MB"));
    assert!(read_import(b"").unwrap_err().contains("nothing was"));
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
