//! The registry against POLICY.md: every rule id POLICY.md defines is
//! registered exactly once, and the engine registers nothing else but the
//! rules `docs/policy-decisions.md` adds where POLICY.md is silent.
//!
//! POLICY.md lives beside the repository (`../shared/POLICY.md`), which CI's
//! fresh clone does not have; so its ids are also committed in
//! `policy-md-rules.txt`. Where POLICY.md is present, the committed copy must
//! equal it (the test says how to update it); everywhere, the registry is
//! checked against the committed copy.

use super::*;
use crate::domain::evaluation::ContractItem;
use std::collections::BTreeMap;

const COMMITTED: &str = include_str!("policy-md-rules.txt");

/// Rules of POLICY.md the engine does not implement yet.
const PENDING: &[&str] = &[
    "evidence.holder-mismatch",
    "soc2.qualified-opinion",
    "soc2.carved-out",
    "claim.soc2-certificate",
];

/// Rules the engine adds where POLICY.md is silent (each written down in
/// docs/policy-decisions.md).
const BEYOND_POLICY_MD: &[&str] = &[];

/// The ids of POLICY.md's "Rules" table: rows that start with a rule id in
/// backticks.
fn ids_in_policy_md(text: &str) -> Vec<String> {
    let rules = text
        .split("\n## Rules")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .unwrap_or("");
    rules
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split_once('`').map(|(id, _)| id.to_string()))
        .collect()
}

fn committed_ids() -> Vec<String> {
    COMMITTED
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect()
}

#[test]
fn the_committed_ids_are_policy_md_s() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/POLICY.md");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!(
            "{} is absent: the registry is checked against the committed copy only",
            path.display()
        );
        return;
    };
    let from_md = ids_in_policy_md(&text);
    assert!(from_md.len() > 20, "POLICY.md's Rules table not found");
    assert_eq!(
        committed_ids(),
        from_md,
        "POLICY.md's rule ids changed: copy them into src/policy/tests/policy-md-rules.txt"
    );
}

#[test]
fn every_rule_of_policy_md_is_registered_exactly_once() {
    let mut registered: BTreeMap<&str, usize> = BTreeMap::new();
    for r in RULES.iter() {
        *registered.entry(r.id).or_default() += 1;
    }
    let twice: Vec<_> = registered.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "registered more than once: {twice:?}");
    let mut expected: Vec<String> = Vec::new();
    for id in committed_ids() {
        if id == "contract.*" {
            expected.extend(
                ContractItem::ALL
                    .iter()
                    .map(|i| rules::contract::rule_for(*i).id.to_string()),
            );
        } else if !PENDING.contains(&id.as_str()) {
            expected.push(id);
        }
    }
    expected.extend(BEYOND_POLICY_MD.iter().map(|s| s.to_string()));
    let mut registered: Vec<&str> = registered.into_keys().collect();
    let mut expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    registered.sort();
    expected.sort();
    assert_eq!(registered, expected);
    for id in PENDING {
        assert!(
            rules::rule(id).is_none(),
            "{id} is implemented: take it off the pending list"
        );
    }
    let contract: Vec<&str> = RULES
        .iter()
        .filter(|r| r.id.starts_with("contract."))
        .map(|r| r.id)
        .collect();
    assert_eq!(contract.len(), ContractItem::ALL.len());
}

#[test]
fn every_rule_is_declared_whole() {
    for (family, rules) in rules::FAMILIES.iter() {
        for r in rules.iter() {
            assert!(
                r.id.starts_with(&format!("{family}.")),
                "{} in {family}",
                r.id
            );
            assert!(!r.source.is_empty(), "{}", r.id);
            assert!(!r.severity.describe().is_empty());
        }
    }
}
