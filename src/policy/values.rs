//! The small values a report is made of: shared names, sets of standards,
//! and the field a finding is about.

use crate::domain::evaluation::{ContractItem, ContractKind};
use crate::domain::{RecordField, Standard};
use serde::ser::SerializeSeq;
use serde::{Serialize, Serializer};
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// A shared, immutable piece of text in a report (an id, a product name):
/// cloning it never copies the text. Reads as a `&str`; serialises as a string.
#[derive(Clone, Eq)]
pub struct Name(Arc<str>);

impl std::hash::Hash for Name {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

/// Equal and ordered by text; a shared name is equal to itself without
/// reading it.
impl PartialEq for Name {
    fn eq(&self, other: &Name) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.0 == other.0
    }
}

impl PartialOrd for Name {
    fn partial_cmp(&self, other: &Name) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Name {
    fn cmp(&self, other: &Name) -> std::cmp::Ordering {
        if Arc::ptr_eq(&self.0, &other.0) {
            std::cmp::Ordering::Equal
        } else {
            self.0.cmp(&other.0)
        }
    }
}

impl Name {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Name {
    fn from(s: &str) -> Name {
        Name(Arc::from(s))
    }
}

impl From<String> for Name {
    fn from(s: String) -> Name {
        Name(Arc::from(s))
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Name {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// A small set of standards (no allocation); serialises as a list of ids in
/// the matrix's order.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct StandardSet(u8);

impl StandardSet {
    fn bit(s: Standard) -> u8 {
        1 << Standard::ALL.iter().position(|x| *x == s).unwrap_or(0)
    }

    pub fn contains(self, s: Standard) -> bool {
        self.0 & Self::bit(s) != 0
    }

    pub fn insert(&mut self, s: Standard) {
        self.0 |= Self::bit(s);
    }

    pub fn iter(self) -> impl Iterator<Item = Standard> {
        Standard::ALL.into_iter().filter(move |s| self.contains(*s))
    }

    pub fn to_vec(self) -> Vec<Standard> {
        self.iter().collect()
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl FromIterator<Standard> for StandardSet {
    fn from_iter<I: IntoIterator<Item = Standard>>(iter: I) -> Self {
        let mut set = StandardSet::default();
        for s in iter {
            set.insert(s);
        }
        set
    }
}

impl fmt::Debug for StandardSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for StandardSet {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(None)?;
        for st in self.iter() {
            seq.serialize_element(&st)?;
        }
        seq.end()
    }
}

/// The field a finding is about: a field of a record, an answer of the
/// contract checklist, or a part of the candidate or the evaluation.
/// Serialises as its path (`expiry_date`, `contract.zdr_window`, `records`)
/// and orders by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldRef {
    Record(RecordField),
    /// An answer of one of the candidate's contracts.
    Contract(ContractKind, ContractItem),
    /// The candidate's records as a whole (a requirement nothing supports).
    Records,
    AiTimeline,
    CustomerNotes,
    /// The evaluation's sector attestations.
    SectorAttestations,
}

impl FieldRef {
    pub fn id(self) -> &'static str {
        match self {
            FieldRef::Record(f) => f.id(),
            FieldRef::Contract(kind, item) => item.path_in(kind),
            FieldRef::Records => "records",
            FieldRef::AiTimeline => "ai_timeline",
            FieldRef::CustomerNotes => "customer_notes",
            FieldRef::SectorAttestations => "sector_attestations",
        }
    }

    /// The record field, for a finding about one.
    pub fn record_field(self) -> Option<RecordField> {
        match self {
            FieldRef::Record(f) => Some(f),
            _ => None,
        }
    }
}

impl From<RecordField> for FieldRef {
    fn from(f: RecordField) -> FieldRef {
        FieldRef::Record(f)
    }
}

impl PartialOrd for FieldRef {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for FieldRef {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.id().cmp(other.id())
    }
}

impl fmt::Display for FieldRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for FieldRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}
