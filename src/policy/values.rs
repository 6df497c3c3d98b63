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

/// A sentence of a report: written in the code, or a part of one text that
/// the sentences of a candidate share (its cells' reasons are written into
/// one buffer: one allocation per candidate, not one per cell). Reads as a
/// `&str`; equal, ordered and serialised as its text.
#[derive(Clone)]
pub struct Text(TextRepr);

#[derive(Clone)]
enum TextRepr {
    Static(&'static str),
    /// `buf[start..end]`.
    Part(Arc<str>, u32, u32),
}

impl Text {
    /// `buf[range]`; empty if the range is not one of `buf`'s (never
    /// happens: the engine takes ranges from where it wrote).
    pub(crate) fn part(buf: &Arc<str>, range: std::ops::Range<usize>) -> Text {
        if buf.get(range.clone()).is_none() {
            return Text(TextRepr::Static(""));
        }
        match (u32::try_from(range.start), u32::try_from(range.end)) {
            (Ok(a), Ok(b)) => Text(TextRepr::Part(buf.clone(), a, b)),
            _ => Text(TextRepr::Static("")),
        }
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            TextRepr::Static(s) => s,
            TextRepr::Part(buf, a, b) => buf.get(*a as usize..*b as usize).unwrap_or_default(),
        }
    }
}

impl Default for Text {
    fn default() -> Text {
        Text(TextRepr::Static(""))
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl From<&'static str> for Text {
    fn from(s: &'static str) -> Text {
        Text(TextRepr::Static(s))
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        let len = s.len();
        Text::part(&Arc::from(s), 0..len)
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::hash::Hash for Text {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// The record ids of a cell, sorted. Most cells name one record, kept
/// without a list of its own (no allocation). Reads as a slice of
/// [`Name`]s; serialises as a list.
#[derive(Clone, Default)]
pub struct Names(NamesRepr);

#[derive(Clone)]
enum NamesRepr {
    One([Name; 1]),
    Many(Vec<Name>),
}

impl Default for NamesRepr {
    fn default() -> NamesRepr {
        NamesRepr::Many(Vec::new())
    }
}

impl Names {
    pub fn one(name: Name) -> Names {
        Names(NamesRepr::One([name]))
    }

    pub fn as_slice(&self) -> &[Name] {
        match &self.0 {
            NamesRepr::One(one) => one,
            NamesRepr::Many(v) => v,
        }
    }
}

impl From<Vec<Name>> for Names {
    fn from(mut v: Vec<Name>) -> Names {
        match v.len() {
            1 => Names::one(v.swap_remove(0)),
            _ => Names(NamesRepr::Many(v)),
        }
    }
}

impl Deref for Names {
    type Target = [Name];
    fn deref(&self) -> &[Name] {
        self.as_slice()
    }
}

impl PartialEq for Names {
    fn eq(&self, other: &Names) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Eq for Names {}

impl PartialEq<Vec<Name>> for Names {
    fn eq(&self, other: &Vec<Name>) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl std::hash::Hash for Names {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_slice().hash(state);
    }
}

impl fmt::Debug for Names {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.as_slice()).finish()
    }
}

impl Serialize for Names {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.len()))?;
        for n in self.as_slice() {
            seq.serialize_element(n)?;
        }
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_reads_as_its_part_of_the_shared_buffer() {
        let buf: Arc<str> = Arc::from("the SOC 2 report meets every ruleno evidence record");
        let a = Text::part(&buf, 0..33);
        let b = Text::part(&buf, 33..51);
        assert_eq!(a, "the SOC 2 report meets every rule");
        assert_eq!(b.as_str(), "no evidence record");
        assert_eq!(b, Text::from("no evidence record"));
        assert_eq!(b, Text::from(String::from("no evidence record")));
        assert_eq!(
            format!("{a}|{b:?}"),
            "the SOC 2 report meets every rule|\"no evidence record\""
        );
        assert_eq!(serde_json::to_string(&b).unwrap(), "\"no evidence record\"");
        // A range that is not one of the buffer's reads as empty, never panics.
        assert_eq!(Text::part(&buf, 40..999), "");
        let multi: Arc<str> = Arc::from("“é”");
        assert_eq!(Text::part(&multi, 0..1), "");
        assert_eq!(Text::default(), "");
    }

    #[test]
    fn names_of_one_and_of_many_compare_and_serialise_as_lists() {
        let one = Names::one(Name::from("r1"));
        assert_eq!(one, vec![Name::from("r1")]);
        assert_eq!(one, Names::from(vec![Name::from("r1")]));
        assert_eq!(one.len(), 1);
        let many = Names::from(vec![Name::from("r1"), Name::from("r2")]);
        assert_eq!(many.to_vec(), vec![Name::from("r1"), Name::from("r2")]);
        assert_ne!(one, many);
        assert!(Names::default().is_empty());
        assert_eq!(Names::from(Vec::new()), Names::default());
        assert_eq!(serde_json::to_string(&one).unwrap(), r#"["r1"]"#);
        assert_eq!(serde_json::to_string(&many).unwrap(), r#"["r1","r2"]"#);
        assert_eq!(serde_json::to_string(&Names::default()).unwrap(), "[]");
        assert_eq!(format!("{one:?}"), r#"["r1"]"#);
    }
}
