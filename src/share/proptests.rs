//! Properties of the link codec, over generated evaluations.

use super::*;
use crate::domain::evaluation::{
    AiTimeline, Answer, Candidate, ContractAnswer, ContractItem, EvidenceRecord, HostedPlatform,
    ScopeConfirmation, Soc2Details, Soc2Type, SourceKind, StandardRef,
};
use crate::domain::{Layer, RiskTier, Standard};
use proptest::prelude::*;
use time::Date;

fn text() -> impl Strategy<Value = String> {
    // Any Unicode, including quotes, backslashes, control characters and
    // characters outside the BMP.
    prop_oneof![
        Just(String::new()),
        any::<String>(),
        "[a-zA-Z0-9 ,.()&:;'\"/\\\\-]{0,120}",
    ]
}

fn date() -> impl Strategy<Value = Date> {
    (1900i32..2200, 1u16..=366).prop_map(|(y, d)| {
        Date::from_ordinal_date(y, d.min(time::util::days_in_year(y)))
            .expect("an ordinal within the year")
    })
}

fn standard_ref() -> impl Strategy<Value = StandardRef> {
    prop_oneof![
        (0..5usize, prop::option::of(1000u16..=9999)).prop_map(|(i, edition)| StandardRef::Iso {
            standard: Standard::ALL[i],
            edition,
        }),
        Just(StandardRef::Soc2),
        "[A-Za-z0-9][A-Za-z0-9 ]{0,20}[A-Za-z0-9]"
            .prop_map(|s| StandardRef::Attestation(s.trim().to_string())),
    ]
}

prop_compose! {
    fn record()(
        id in "[a-z0-9-]{1,20}",
        layer in 0..3usize,
        standard in standard_ref(),
        holder in text(),
        certificate_number in text(),
        bodies in (text(), text()),
        dates in prop::collection::vec(prop::option::of(date()), 5),
        scope in text(),
        based_on in prop::option::of("[a-z0-9-]{1,20}"),
        source in 0..SourceKind::ALL.len(),
        notes in text(),
        soc2 in prop::option::of((any::<bool>(), text(), prop::collection::vec(prop::option::of(date()), 4))),
    ) -> EvidenceRecord {
        let mut r = EvidenceRecord::new(id, Layer::ALL[layer], standard);
        r.holder = holder;
        r.certificate_number = certificate_number.trim().to_string();
        r.certification_body = bodies.0;
        r.accreditation_body = bodies.1;
        r.originally_certified = dates[0];
        r.issue_date = dates[1];
        r.expiry_date = dates[2];
        r.last_surveillance_audit = dates[3];
        r.last_verified = dates[4];
        r.scope = scope;
        r.based_on = based_on;
        r.source = SourceKind::ALL[source];
        r.notes = notes;
        r.soc2 = soc2.map(|(type2, auditor, d)| Soc2Details {
            report_type: if type2 { Soc2Type::TypeII } else { Soc2Type::TypeI },
            auditor,
            period_start: d[0],
            period_end: d[1],
            report_date: d[2],
            bridge_letter_end: d[3],
            opinion: None,
            subservice_organisations: Vec::new(),
        });
        r
    }
}

prop_compose! {
    fn candidate()(
        id in "[a-z0-9-]{1,24}",
        name in text(),
        model_vendor in text(),
        platform in prop::option::of((text(), text())),
        products in prop::collection::vec(text(), 0..4),
        records in prop::collection::vec(record(), 0..6),
        customer_notes in text(),
        answers in prop::collection::vec(prop::option::of((0..4usize, text())), 8),
        confirmations in prop::collection::vec((text(), 0..3usize, "[a-z0-9-]{0,12}", text()), 0..3),
        timeline in prop::option::of((text(), prop::option::of(date()))),
    ) -> Candidate {
        let mut c = Candidate {
            id,
            name,
            model_vendor,
            platform: platform.map(|(vendor, service)| HostedPlatform { vendor, service }),
            products,
            records,
            customer_notes,
            contract: Default::default(),
            model_terms: None,
            holder_confirmations: Vec::new(),
            scope_confirmations: confirmations
                .into_iter()
                .map(|(product, layer, record_id, note)| ScopeConfirmation {
                    product,
                    layer: Layer::ALL[layer],
                    record_id,
                    note,
                })
                .collect(),
            ai_timeline: timeline.map(|(text, target_date)| AiTimeline { text, target_date }),
        };
        for (item, a) in ContractItem::ALL.iter().zip(answers) {
            c.contract.set(*item, a.map(|(k, note)| ContractAnswer {
                answer: [Answer::Yes, Answer::No, Answer::Unknown, Answer::NotApplicable][k],
                note,
            }));
        }
        c
    }
}

prop_compose! {
    fn evaluation()(
        tier in 0..3usize,
        workload in (text(), text(), text()),
        attestations in prop::collection::vec(text(), 0..3),
        dates in (prop::option::of(date()), prop::option::of(date())),
        candidates in prop::collection::vec(candidate(), 0..4),
    ) -> Evaluation {
        let mut e = Evaluation::new(RiskTier::ALL[tier]);
        e.workload.name = workload.0;
        e.workload.data = workload.1;
        e.workload.decisions = workload.2;
        e.sector_attestations = attestations;
        e.evaluation_date = dates.0;
        e.contract_end = dates.1;
        e.candidates = candidates;
        e
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn open_links_round_trip(e in evaluation()) {
        let payload = encode_open(&e);
        prop_assert!(payload.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        match decode(&payload) {
            Ok(Shared::Open(back)) => prop_assert_eq!(*back, e),
            other => prop_assert!(false, "decoded to {:?}", other),
        }
    }

    /// The body of format 2 round-trips any evaluation (the test above), and
    /// format 1 still does.
    #[test]
    fn format_1_links_still_round_trip(e in evaluation()) {
        match decode(&encode_open_format1(&e)) {
            Ok(Shared::Open(back)) => prop_assert_eq!(*back, e),
            other => prop_assert!(false, "decoded to {:?}", other),
        }
    }

    /// Any JSON value at all, of the evaluation's shape or not (fields of the
    /// wrong kind, unknown fields, numbers, nulls, nesting): the binary body
    /// gives it back as it was.
    #[test]
    fn the_binary_body_round_trips_any_json(v in json_like_an_evaluation()) {
        let body = compact::encode(&v);
        prop_assert_eq!(compact::decode(&body, MAX_JSON), Ok(v));
    }

    /// A cut or flipped binary body is refused, never a panic.
    #[test]
    fn a_damaged_binary_body_never_panics(e in evaluation(), at in any::<prop::sample::Index>(), mask in 1u8..=255, cut in any::<bool>()) {
        let mut body = compact_body(&e);
        let i = at.index(body.len());
        if cut { body.truncate(i) } else { body[i] ^= mask }
        let _ = compact::decode(&body, MAX_JSON);
    }

    #[test]
    fn passphrase_links_round_trip(
        e in evaluation(),
        pass in any::<String>(),
        salt in any::<[u8; 16]>(),
        nonce in any::<[u8; 12]>(),
    ) {
        let payload = encode_locked_with(&e, &pass, salt, nonce, 1);
        match decode(&payload) {
            Ok(Shared::Locked(l)) => prop_assert_eq!(l.unlock(&pass)?, e),
            other => prop_assert!(false, "decoded to {:?}", other),
        }
    }

    /// Any byte flipped anywhere in a passphrase link: it never opens, with
    /// or without the unkeyed trailer fixed up after the change.
    #[test]
    fn any_flipped_byte_fails_authentication(
        e in evaluation(),
        at in any::<prop::sample::Index>(),
        mask in 1u8..=255,
        reseal in any::<bool>(),
    ) {
        let payload = encode_locked_with(&e, "the right passphrase", [3; 16], [4; 12], 1);
        let mut bytes = URL_SAFE_NO_PAD.decode(&payload).unwrap();
        let n = if reseal { bytes.len() - CHECK_LEN } else { bytes.len() };
        let i = at.index(n);
        bytes[i] ^= mask;
        let changed = if reseal {
            bytes.truncate(n);
            finish(bytes)
        } else {
            URL_SAFE_NO_PAD.encode(&bytes)
        };
        match decode(&changed) {
            Ok(Shared::Locked(l)) => prop_assert!(l.unlock("the right passphrase").is_err()),
            Ok(Shared::Open(_)) => prop_assert!(false, "a flipped byte turned into an open link"),
            Err(_) => {}
        }
    }

    /// Arbitrary fragments never panic the decoder.
    #[test]
    fn arbitrary_payloads_never_panic(s in any::<String>(), b in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = decode(&s);
        let _ = decode(&URL_SAFE_NO_PAD.encode(&b));
        let mut with_version = b.clone();
        with_version.insert(0, LINK_FORMAT);
        let _ = decode(&finish(with_version));
    }
}

fn json_leaf() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<u64>().prop_map(|n| Value::Number(n.into())),
        any::<i64>().prop_map(|n| Value::Number(n.into())),
        (-1e12f64..1e12)
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        text().prop_map(Value::String),
        Just(Value::String("2026-02-29".into())),
        Just(Value::String("2024-02-29".into())),
        Just(Value::String("regulated".into())),
        Just(Value::String("r1".into())),
    ]
}

fn json_any() -> impl Strategy<Value = serde_json::Value> {
    json_leaf().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("id".to_string()),
                    Just("name".to_string()),
                    Just("scope".to_string()),
                    Just("issue_date".to_string()),
                    Just("records".to_string()),
                    Just("layer".to_string()),
                    "[a-z_]{1,12}",
                ],
                inner,
                0..6
            )
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

/// An evaluation's JSON with any part replaced by any JSON.
fn json_like_an_evaluation() -> impl Strategy<Value = serde_json::Value> {
    (
        evaluation(),
        prop::collection::vec((any::<prop::sample::Index>(), json_any()), 0..4),
    )
        .prop_map(|(e, swaps)| {
            let mut v = serde_json::to_value(&e).unwrap();
            for (at, with) in swaps {
                let mut paths = Vec::new();
                collect_paths(&v, String::new(), &mut paths);
                let p = &paths[at.index(paths.len())];
                if let Some(slot) = v.pointer_mut(p) {
                    *slot = with;
                }
            }
            v
        })
}

fn collect_paths(v: &serde_json::Value, here: String, out: &mut Vec<String>) {
    out.push(here.clone());
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                collect_paths(
                    x,
                    format!("{here}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                collect_paths(x, format!("{here}/{i}"), out);
            }
        }
        _ => {}
    }
}
