use super::*;
use crate::domain::RiskTier;

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
        .insert("certcheck.unreadable.x".into(), "{".into());
    assert_eq!(lib.forget_everything().unwrap(), 0);
    assert!(lib.backend.map.is_empty(), "{:?}", lib.backend.map.keys());
}

#[test]
fn unreadable_records_are_set_aside_and_reported_never_dropped() {
    let mut lib = library();
    lib.create("good", "Good", example(), 5).unwrap();
    let m = &mut lib.backend.map;
    m.insert(
        "certcheck.evaluation.cut".into(),
        r#"{"store":1,"id":"cut","na"#.into(),
    );
    m.insert(
        "certcheck.evaluation.bad".into(),
        r#"{"store":1,"id":"bad","name":"B","created_ms":1,"updated_ms":1,"evaluation":{"format":1,"candidates":[{"id":"x"}]}}"#.into(),
    );
    let newer = r#"{"store":9,"id":"new","name":"From the future"}"#;
    m.insert("certcheck.evaluation.new".into(), newer.into());
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
    assert!(reason("certcheck.unreadable.cut").contains("not complete JSON"));
    assert!(reason("certcheck.unreadable.bad").contains("candidates[0]"));
    assert!(reason("certcheck.evaluation.new").contains("newer version"));
    // Kept, with their text, and listed again next time without moving twice.
    assert_eq!(lib.backend.map["certcheck.evaluation.new"], newer);
    assert!(lib.backend.map["certcheck.unreadable.cut"].starts_with(r#"{"store":1"#));
    assert_eq!(lib.list().unwrap().unreadable.len(), 3);
    lib.discard_unreadable("certcheck.unreadable.cut").unwrap();
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
