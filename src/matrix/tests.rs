use super::*;
use crate::error::UserError;
use time::macros::date;

fn ds() -> &'static Dataset {
    Dataset::embedded().expect("the embedded matrix must parse and validate")
}

const VENDORS: [&str; 8] = [
    "openai",
    "anthropic",
    "aws",
    "azure",
    "google-cloud",
    "cohere",
    "mistral",
    "hugging-face",
];

#[test]
fn embedded_dataset_is_sound() {
    let d = ds();
    assert_eq!(d.format, FORMAT);
    assert!(d.problems().is_empty(), "{:?}", d.problems());
}

#[test]
fn has_all_eight_vendors_and_every_cell() {
    let d = ds();
    let ids: Vec<&str> = d.vendors.iter().map(|v| v.id.as_str()).collect();
    assert_eq!(ids, VENDORS);
    for v in VENDORS {
        for s in Standard::ALL {
            let cell = d.cell(v, s).unwrap();
            assert!(!cell.claims.is_empty(), "{v} × {s}");
            for c in &cell.claims {
                let src = d.source(&c.source).expect("known source");
                assert!(!src.title.is_empty());
                assert!(c.as_of.first_day() <= d.as_of);
            }
        }
    }
}

#[test]
fn disputes_the_sources_disagree_on() {
    let d = ds();
    // DOMAIN.md: A says in progress, B and AWS say certified for selected services.
    assert_eq!(
        d.cell("aws", Standard::Iso42001).unwrap().status,
        CellStatus::Disputed
    );
    // A says in progress; Google's announcement says certified.
    assert_eq!(
        d.cell("google-cloud", Standard::Iso42001).unwrap().status,
        CellStatus::Disputed
    );
    // A says verify; a registry says certified (unverified).
    assert_eq!(
        d.cell("cohere", Standard::Iso42001).unwrap().status,
        CellStatus::Disputed
    );
    // Agreeing sources are not a dispute.
    assert_eq!(
        d.cell("anthropic", Standard::Iso42001).unwrap().status,
        CellStatus::Agreed(Status::Certified)
    );
    assert_eq!(
        d.cell("azure", Standard::Iso42001).unwrap().status,
        CellStatus::Agreed(Status::Partial)
    );
    assert_eq!(
        d.cell("hugging-face", Standard::Iso27001).unwrap().status,
        CellStatus::Agreed(Status::InProgress)
    );
}

#[test]
fn disputed_cells_keep_every_claim() {
    let d = ds();
    let cell = d.cell("aws", Standard::Iso42001).unwrap();
    let sources: Vec<&str> = cell.claims.iter().map(|c| c.source.as_str()).collect();
    assert!(sources.contains(&"A"));
    assert!(sources.contains(&"B"));
    assert!(sources.contains(&"aws-42001"));
    assert_eq!(cell.statuses(), vec![Status::Partial, Status::InProgress]);
}

#[test]
fn announcement_is_not_the_issue_date() {
    let d = ds();
    let cell = d.cell("anthropic", Standard::Iso42001).unwrap();
    let c = cell
        .claims
        .iter()
        .find(|c| c.source == "anthropic-42001")
        .unwrap();
    assert_eq!(c.announced.unwrap().to_iso(), "2025-01-13");
    assert_eq!(c.effective.unwrap().to_iso(), "2025-01-06");
    assert!(c
        .certification_body
        .as_deref()
        .unwrap()
        .contains("Schellman"));
}

#[test]
fn every_vendor_fact_is_sourced() {
    let d = ds();
    for v in &d.vendors {
        for f in [
            &v.evidence_at,
            &v.certification_bodies,
            &v.latest_certificate,
            &v.renewal,
            &v.best_fit,
        ] {
            assert!(d.source(&f.source).is_some(), "{}", v.id);
            assert!(!f.text.is_empty());
        }
    }
}

#[test]
fn hosted_paths_name_both_layers() {
    let d = ds();
    for id in [
        "azure-openai",
        "claude-on-bedrock",
        "claude-on-vertex",
        "mistral-on-bedrock",
        "llama-on-bedrock",
        "gemini-on-vertex",
    ] {
        let p = d.path(id).unwrap_or_else(|| panic!("missing path {id}"));
        assert!(p.is_hosted(), "{id}");
        assert!(!p.model.must_name.is_empty());
    }
    let bedrock = d.path("claude-on-bedrock").unwrap();
    assert_eq!(
        bedrock.platform.as_ref().unwrap().vendor.as_deref(),
        Some("aws")
    );
    assert_eq!(bedrock.model.vendor.as_deref(), Some("anthropic"));
    for v in VENDORS {
        let direct = d.path(&format!("{v}-direct")).unwrap();
        assert!(!direct.is_hosted());
        assert_eq!(direct.model.vendor.as_deref(), Some(v));
    }
}

#[test]
fn validation_catches_broken_data() {
    let good: serde_json::Value = serde_json::from_str(MATRIX_JSON).unwrap();

    let mut errors = Vec::new();
    // A claim removed leaves a cell with no claim.
    let mut v = good.clone();
    let claims = v["claims"].as_array_mut().unwrap();
    let idx = claims
        .iter()
        .position(|c| c["vendor"] == "mistral" && c["standard"] == "soc2-type2")
        .unwrap();
    claims.remove(idx);
    let err = Dataset::from_json(&v.to_string()).unwrap_err();
    assert!(
        err.message()
            .contains("“mistral” × soc2-type2 has no claim"),
        "{err}"
    );
    errors.push(err);

    // An unknown source.
    let mut v = good.clone();
    v["claims"][0]["source"] = "Z".into();
    let err = Dataset::from_json(&v.to_string()).unwrap_err();
    assert!(err.message().contains("unknown source “Z”"), "{err}");
    errors.push(err);

    // A claim dated after the dataset.
    let mut v = good.clone();
    v["claims"][0]["as_of"] = "2027-01".into();
    let err = Dataset::from_json(&v.to_string()).unwrap_err();
    assert!(err.message().contains("dated after the dataset"), "{err}");
    errors.push(err);

    // An unknown field is rejected with its path.
    let mut v = good.clone();
    v["claims"][3]["colour"] = "green".into();
    let err = Dataset::from_json(&v.to_string()).unwrap_err();
    assert!(err.message().contains("claims[3]"), "{err}");
    errors.push(err);

    // A newer format.
    let mut v = good;
    v["format"] = 2.into();
    let err = Dataset::from_json(&v.to_string()).unwrap_err();
    assert!(err.message().contains("format 2"), "{err}");
    errors.push(err);
    for e in &errors {
        crate::error::check_style(e).unwrap_or_else(|p| panic!("{p}"));
    }
}

#[test]
fn dataset_age_against_today() {
    let d = ds();
    assert_eq!(d.age_days(d.as_of), 0);
    assert_eq!(
        d.age_days(date!(2026 - 11 - 23)),
        (date!(2026 - 11 - 23) - d.as_of).whole_days()
    );
}

#[test]
fn status_words_and_symbols_are_distinct() {
    let labels: BTreeSet<&str> = Status::ALL
        .iter()
        .map(|s| s.label(Standard::Iso27001))
        .collect();
    let symbols: BTreeSet<&str> = Status::ALL.iter().map(|s| s.symbol()).collect();
    assert_eq!(labels.len(), Status::ALL.len());
    assert_eq!(symbols.len(), Status::ALL.len());
    assert!(!symbols.contains(CellStatus::Disputed.symbol()));
    assert_eq!(
        Status::Certified.label(Standard::Soc2Type2),
        "Report available"
    );
}
