//! The body of link format 2: the evaluation's JSON, written as a
//! schema-aware binary that DEFLATE then compresses against the preset
//! dictionary (see `docs/share-links.md`).
//!
//! It works on the JSON value of the evaluation, the same text a file
//! holds, so what comes out goes through the same strict reader as files:
//!
//! - **Fields by position.** An object of a known shape ([`Shape`]) is a
//!   presence bitmap and its present fields' values in a fixed order; keys
//!   it does not know (a field added later) follow with their names, so
//!   nothing is ever dropped.
//! - **Dates as day numbers**, written as the difference from the same
//!   field's previous date (records of one vendor often share theirs).
//! - **Words as small integers**: risk tiers, layers, sources, answers…
//! - **Text said once.** Every string belongs to a class (holders, bodies,
//!   scopes, notes…). A value already seen in its class is its position in
//!   that class's history; a value of the frozen public tables
//!   (`data/share-strings-v2.json`: vendor ids, legal names, certification
//!   and accreditation bodies, the matrix's scope statements, preset
//!   policies) is its index there; anything else is written once, in a
//!   stream of its class, so DEFLATE sees like text next to like text.
//! - **Ids implied.** A record id the app or the example files would make
//!   from its place or its fields (`r3`, `anthropic-27001`), and a candidate
//!   id made from its vendor or name, are not sent.
//!
//! Every JSON value at every place round-trips, whether or not it has the
//! shape expected there (an escape carries it as generic JSON).

use serde_json::{Map, Number, Value};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The frozen string tables of format 2; a test pins their SHA-256.
pub(crate) static STRINGS_V2: &str = include_str!("../../data/share-strings-v2.json");

/// Why a body could not be read back (a link made by us never fails).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Broken;

// ---------------------------------------------------------------------------
// The shape of an evaluation, as its JSON is written
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Class {
    Short,
    Note,
    Scope,
    Vendor,
    Holder,
    Body,
    Standard,
    Product,
    CertNo,
    CandidateId,
    RecordId,
}

const CLASSES: usize = 11;

impl Class {
    fn index(self) -> usize {
        self as usize
    }
    /// Which literal stream its new text goes to: 0 short, 1 notes, 2 scopes.
    fn stream(self) -> usize {
        match self {
            Class::Note => 1,
            Class::Scope => 2,
            _ => 0,
        }
    }
    fn table(self) -> &'static str {
        match self {
            Class::Vendor => "vendor",
            Class::Holder => "holder",
            Class::Body => "body",
            Class::Standard => "standard",
            Class::Product => "product",
            Class::Short | Class::CandidateId => "short",
            Class::Scope => "scope",
            _ => "",
        }
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Obj(&'static [(&'static str, Kind)]),
    List(&'static Kind),
    Text(Class),
    Date,
    Enum(&'static [&'static str]),
    Num,
}

use Class as C;
use Kind::*;

const TIERS: &[&str] = &["low", "regulated", "high-risk"];
const LAYERS: &[&str] = &["platform", "model", "customer"];
const STANDARDS: &[&str] = &[
    "iso27001",
    "iso27017",
    "iso27018",
    "iso27701",
    "iso42001",
    "soc2-type2",
];
const SOURCES: &[&str] = &[
    "certificate-pdf",
    "audit-report",
    "trust-portal-page",
    "marketing-page",
    "screenshot",
    "press-release",
    "industry-reporting",
    "vendor-email",
    "public-claim",
];

const REQUIREMENT: Kind = Obj(&[
    ("any_of", List(&Enum(STANDARDS))),
    ("level", Enum(&["required", "recommended"])),
]);
const ANSWER: Kind = Obj(&[
    ("answer", Enum(&["yes", "no", "unknown", "not-applicable"])),
    ("note", Text(C::Note)),
]);
const SOC2: Kind = Obj(&[
    ("type", Enum(&["I", "II"])),
    ("auditor", Text(C::Body)),
    ("period_start", Date),
    ("period_end", Date),
    ("report_date", Date),
    ("bridge_letter_end", Date),
    (
        "opinion",
        Enum(&["unqualified", "qualified", "adverse", "disclaimer"]),
    ),
    (
        "subservice_organisations",
        List(&Obj(&[
            ("name", Text(C::Holder)),
            ("method", Enum(&["carve-out", "inclusive"])),
        ])),
    ),
]);
// Ids come after the fields they may be made from.
const RECORD: Kind = Obj(&[
    ("layer", Enum(LAYERS)),
    ("holder", Text(C::Holder)),
    ("standard", Text(C::Standard)),
    ("id", Text(C::RecordId)),
    ("certificate_number", Text(C::CertNo)),
    ("certification_body", Text(C::Body)),
    ("accreditation_body", Text(C::Body)),
    ("originally_certified", Date),
    ("issue_date", Date),
    ("expiry_date", Date),
    ("last_surveillance_audit", Date),
    ("scope", Text(C::Scope)),
    ("based_on", Text(C::RecordId)),
    ("source", Enum(SOURCES)),
    ("last_verified", Date),
    ("notes", Text(C::Note)),
    ("soc2", SOC2),
]);
const CANDIDATE: Kind = Obj(&[
    ("name", Text(C::Short)),
    ("model_vendor", Text(C::Vendor)),
    (
        "platform",
        Obj(&[("vendor", Text(C::Vendor)), ("service", Text(C::Product))]),
    ),
    ("id", Text(C::CandidateId)),
    ("products", List(&Text(C::Product))),
    ("records", List(&RECORD)),
    ("customer_notes", Text(C::Note)),
    (
        "contract",
        Obj(&[
            ("certs_named", ANSWER),
            ("maintain_for_term", ANSWER),
            ("annual_surveillance", ANSWER),
            ("lapse_notice", ANSWER),
            ("termination_right", ANSWER),
            ("zdr_window", ANSWER),
            ("subprocessor_notice", ANSWER),
            ("no_industry_standard_wording", ANSWER),
        ]),
    ),
    (
        "scope_confirmations",
        List(&Obj(&[
            ("product", Text(C::Product)),
            ("layer", Enum(LAYERS)),
            ("record_id", Text(C::RecordId)),
            ("note", Text(C::Note)),
        ])),
    ),
    (
        "ai_timeline",
        Obj(&[("text", Text(C::Note)), ("target_date", Date)]),
    ),
]);
const EVALUATION: Kind = Obj(&[
    ("format", Num),
    (
        "workload",
        Obj(&[
            ("name", Text(C::Short)),
            ("data", Text(C::Note)),
            ("decisions", Text(C::Note)),
            ("risk_tier", Enum(TIERS)),
        ]),
    ),
    ("sector_attestations", List(&Text(C::Short))),
    ("evaluation_date", Date),
    ("contract_end", Date),
    (
        "policy",
        Obj(&[
            ("name", Text(C::Short)),
            ("tier", Enum(TIERS)),
            ("source", Text(C::Short)),
            ("model", List(&REQUIREMENT)),
            ("platform", List(&REQUIREMENT)),
        ]),
    ),
    ("candidates", List(&CANDIDATE)),
]);

fn tables() -> &'static HashMap<String, Vec<String>> {
    static TABLES: OnceLock<HashMap<String, Vec<String>>> = OnceLock::new();
    TABLES.get_or_init(|| {
        let v: Value = serde_json::from_str(STRINGS_V2).unwrap_or(Value::Null);
        let mut out = HashMap::new();
        if let Value::Object(m) = v {
            for (k, list) in m {
                if let Value::Array(items) = list {
                    out.insert(
                        k,
                        items
                            .into_iter()
                            .filter_map(|i| i.as_str().map(str::to_string))
                            .collect(),
                    );
                }
            }
        }
        out
    })
}

fn table(class: Class) -> &'static [String] {
    tables().get(class.table()).map_or(&[], Vec::as_slice)
}

// ---------------------------------------------------------------------------
// Dates as day numbers
// ---------------------------------------------------------------------------

/// Days since 1970-01-01 of a date written exactly as the app writes it.
fn day_number(s: &str) -> Option<i64> {
    let d = crate::domain::parse_date(s).ok()?;
    (crate::domain::format_date(d) == s).then(|| i64::from(d.to_julian_day()) - UNIX_JULIAN)
}

fn date_text(days: i64) -> Option<String> {
    let julian = i32::try_from(days.checked_add(UNIX_JULIAN)?).ok()?;
    time::Date::from_julian_day(julian)
        .ok()
        .map(crate::domain::format_date)
}

const UNIX_JULIAN: i64 = 2_440_588;
/// The first "previous date" of every field: 2024-01-01.
const DATE_ORIGIN: i64 = 19_723;

fn zigzag(n: i64) -> u64 {
    ((n << 1) ^ (n >> 63)) as u64
}

fn unzigzag(n: u64) -> i64 {
    ((n >> 1) as i64) ^ -((n & 1) as i64)
}

// ---------------------------------------------------------------------------
// Ids implied by their place or their fields
// ---------------------------------------------------------------------------

/// What an id can be made from, where it stands.
#[derive(Default, Clone)]
struct IdContext {
    /// 1-based place in the list it stands in.
    position: usize,
    /// The candidate's name, model vendor and platform vendor.
    name: String,
    model_vendor: String,
    platform_vendor: String,
    /// The record's layer and standard as written (`27001:2022`, `soc2`).
    layer: String,
    standard: String,
}

impl IdContext {
    /// Takes what ids may be made from as a field of an object is known.
    /// Writer and reader call it in the same order, with the same values.
    fn learn(&mut self, key: &str, v: &Value) {
        let text = |v: &Value| v.as_str().map(str::to_string);
        match key {
            "name" => self.name = text(v).unwrap_or_default(),
            "model_vendor" => self.model_vendor = text(v).unwrap_or_default(),
            "platform" => {
                self.platform_vendor = v
                    .get("vendor")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string()
            }
            "layer" => self.layer = text(v).unwrap_or_default(),
            "standard" => self.standard = text(v).unwrap_or_default(),
            _ => {}
        }
    }

    fn layer_vendor(&self) -> &str {
        if self.layer == "platform" {
            &self.platform_vendor
        } else {
            &self.model_vendor
        }
    }
}

fn standard_token(standard: &str) -> String {
    standard.split(':').next().unwrap_or("").to_string()
}

/// The ids the app and the example files make, in the order they are tried.
fn implied_record_ids(ctx: &IdContext) -> [String; 2] {
    [
        format!("r{}", ctx.position),
        format!("{}-{}", ctx.layer_vendor(), standard_token(&ctx.standard)),
    ]
}

fn implied_candidate_ids(ctx: &IdContext) -> [String; 2] {
    [format!("{}-direct", ctx.model_vendor), slug(&ctx.name)]
}

/// The app's candidate id from a name ("Claude on Amazon Bedrock" →
/// `claude-on-amazon-bedrock`), as it was when format 2 was made: a copy,
/// so that links keep opening whatever the app does later.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for ch in text.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 40 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "candidate".to_string()
    } else {
        out
    }
}

// ---------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------

fn put_varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

struct Enc {
    /// Codes, lengths and numbers, in the order they are read back. (One
    /// stream per field was tried: 5% longer links, as repeated records no
    /// longer repeat as whole runs of bytes.)
    structure: Vec<u8>,
    /// New text, by stream (short, notes, scopes).
    text: [Vec<u8>; 3],
    history: [Vec<String>; CLASSES],
    previous_date: HashMap<&'static str, i64>,
}

impl Enc {
    fn n(&mut self, n: u64) {
        put_varint(&mut self.structure, n);
    }

    /// Generic JSON (the escape): a tag, then the value.
    fn any(&mut self, v: &Value) {
        match v {
            Value::Null => self.n(0),
            Value::Bool(b) => self.n(1 + u64::from(*b)),
            // Numbers exactly as they were: whole numbers as such, others
            // by their 64 bits.
            Value::Number(num) => {
                if let Some(u) = num.as_u64() {
                    self.n(3);
                    self.n(u);
                } else if let Some(i) = num.as_i64() {
                    self.n(7);
                    self.n(zigzag(i));
                } else {
                    self.n(8);
                    let bits = num.as_f64().unwrap_or(0.0).to_bits();
                    self.structure.extend_from_slice(&bits.to_le_bytes());
                }
            }
            Value::String(s) => {
                self.n(4);
                self.literal(0, s);
            }
            Value::Array(items) => {
                self.n(5);
                self.n(items.len() as u64);
                for i in items {
                    self.any(i);
                }
            }
            Value::Object(m) => {
                self.n(6);
                self.n(m.len() as u64);
                for (k, v) in m {
                    self.literal(0, k);
                    self.any(v);
                }
            }
        }
    }

    /// Text written out: its length here, its bytes in a stream.
    fn literal(&mut self, stream: usize, s: &str) {
        self.n(s.len() as u64);
        self.text[stream].extend_from_slice(s.as_bytes());
    }

    /// A value at a place of kind `kind`: 0 is the escape to generic JSON.
    fn value(&mut self, key: &'static str, kind: Kind, v: &Value, ctx: &IdContext) {
        match (kind, v) {
            (Obj(fields), Value::Object(m)) => self.object(fields, m, ctx),
            (List(item), Value::Array(items)) => {
                self.n(items.len() as u64 + 1);
                let mut ctx = ctx.clone();
                for (i, it) in items.iter().enumerate() {
                    ctx.position = i + 1;
                    self.value(key, *item, it, &ctx);
                }
            }
            (Text(class), Value::String(s)) => self.text_value(class, s, ctx),
            (Date, Value::String(s)) if day_number(s).is_some() => {
                let day = day_number(s).unwrap_or_default();
                let prev = self.previous_date.insert(key, day).unwrap_or(DATE_ORIGIN);
                self.n(zigzag(day - prev) + 1);
            }
            (Enum(words), Value::String(s)) if words.contains(&s.as_str()) => {
                let i = words.iter().position(|w| w == s).unwrap_or(0);
                self.n(i as u64 + 1);
            }
            (Num, Value::Number(num)) if num.as_u64().is_some_and(|n| n < u64::MAX) => {
                self.n(num.as_u64().unwrap_or(0) + 1);
            }
            _ => {
                self.n(0);
                self.any(v);
            }
        }
    }

    fn object(
        &mut self,
        fields: &'static [(&'static str, Kind)],
        m: &Map<String, Value>,
        ctx: &IdContext,
    ) {
        let mut bits = 0u64;
        for (i, (key, _)) in fields.iter().enumerate() {
            if m.contains_key(*key) {
                bits |= 1 << i;
            }
        }
        self.n(bits + 1);
        let mut ctx = ctx.clone();
        for (key, kind) in fields {
            if let Some(v) = m.get(*key) {
                self.value(key, *kind, v, &ctx);
                ctx.learn(key, v);
            }
        }
        let extra: Vec<(&String, &Value)> = m
            .iter()
            .filter(|(k, _)| !fields.iter().any(|(f, _)| f == k))
            .collect();
        self.n(extra.len() as u64);
        for (k, v) in extra {
            self.literal(0, k);
            self.any(v);
        }
    }

    /// A string of a class: 1 new text, 2 and up a derived id, then the
    /// frozen table, then the class's own history (by first appearance).
    /// The same value always gets the same code, which DEFLATE then sees
    /// repeated.
    fn text_value(&mut self, class: Class, s: &str, ctx: &IdContext) {
        let derived = derived_ids(class, ctx);
        if let Some(i) = derived.iter().position(|d| d == s) {
            self.n(2 + i as u64);
            // A record's id is named again by `based_on` and confirmations.
            self.remember(class, s);
            return;
        }
        let table = table(class);
        let base = 2 + derived.len() as u64;
        if let Some(i) = table.iter().position(|t| t == s) {
            self.n(base + i as u64);
            return;
        }
        let base = base + table.len() as u64;
        if let Some(i) = self.history[class.index()].iter().position(|h| h == s) {
            self.n(base + i as u64);
            return;
        }
        self.n(1);
        if class == Class::CertNo {
            // Certificate numbers of one certificate family share a prefix.
            let prev = self.history[class.index()]
                .last()
                .cloned()
                .unwrap_or_default();
            let common = common_prefix(&prev, s);
            self.n(common as u64);
            self.literal(class.stream(), &s[common..]);
        } else {
            self.literal(class.stream(), s);
        }
        self.remember(class, s);
    }

    fn remember(&mut self, class: Class, s: &str) {
        let h = &mut self.history[class.index()];
        if !h.iter().any(|x| x == s) {
            h.push(s.to_string());
        }
    }
}

fn derived_ids(class: Class, ctx: &IdContext) -> Vec<String> {
    match class {
        Class::RecordId if ctx.position > 0 => implied_record_ids(ctx).to_vec(),
        Class::CandidateId => implied_candidate_ids(ctx).to_vec(),
        _ => Vec::new(),
    }
}

/// Bytes in common at the start, on a character boundary of both.
fn common_prefix(a: &str, b: &str) -> usize {
    let mut n = 0;
    for ((i, ca), cb) in a.char_indices().zip(b.chars()) {
        if ca != cb {
            return i;
        }
        n = i + ca.len_utf8();
    }
    n
}

/// The binary body of an evaluation's JSON value.
pub(crate) fn encode(value: &Value) -> Vec<u8> {
    let mut enc = Enc {
        structure: Vec::new(),
        text: Default::default(),
        history: Default::default(),
        previous_date: HashMap::new(),
    };
    enc.value("", EVALUATION, value, &IdContext::default());
    let mut out = Vec::new();
    put_varint(&mut out, enc.structure.len() as u64);
    out.extend_from_slice(&enc.structure);
    put_varint(&mut out, enc.text[0].len() as u64);
    out.extend_from_slice(&enc.text[0]);
    put_varint(&mut out, enc.text[1].len() as u64);
    out.extend_from_slice(&enc.text[1]);
    out.extend_from_slice(&enc.text[2]);
    out
}

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn varint(&mut self) -> Result<u64, Broken> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self.bytes.get(self.at).ok_or(Broken)?;
            self.at += 1;
            n |= u64::from(b & 0x7f).checked_shl(shift).ok_or(Broken)?;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(Broken)
    }

    fn take(&mut self, n: u64) -> Result<&'a [u8], Broken> {
        let n = usize::try_from(n).map_err(|_| Broken)?;
        let end = self.at.checked_add(n).ok_or(Broken)?;
        let out = self.bytes.get(self.at..end).ok_or(Broken)?;
        self.at = end;
        Ok(out)
    }

    fn left(&self) -> usize {
        self.bytes.len().saturating_sub(self.at)
    }
}

struct Dec<'a> {
    structure: Cursor<'a>,
    text: [Cursor<'a>; 3],
    history: [Vec<String>; CLASSES],
    previous_date: HashMap<&'static str, i64>,
    /// Values made so far: a bound on what a crafted body can make us build.
    budget: usize,
}

const MAX_DEPTH: usize = 24;

impl<'a> Dec<'a> {
    fn n(&mut self) -> Result<u64, Broken> {
        self.spend(1)?;
        self.structure.varint()
    }

    fn spend(&mut self, n: usize) -> Result<(), Broken> {
        self.budget = self.budget.checked_sub(n).ok_or(Broken)?;
        Ok(())
    }

    fn literal(&mut self, stream: usize) -> Result<String, Broken> {
        let len = self.n()?;
        self.spend(usize::try_from(len).map_err(|_| Broken)?)?;
        let bytes = self.text[stream].take(len)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| Broken)
    }

    /// A count of items still to come: never more than bytes are left.
    fn count(&mut self, n: u64) -> Result<usize, Broken> {
        let n = usize::try_from(n).map_err(|_| Broken)?;
        if n > self.structure.left() + 1 {
            return Err(Broken);
        }
        Ok(n)
    }

    fn any(&mut self, depth: usize) -> Result<Value, Broken> {
        if depth > MAX_DEPTH {
            return Err(Broken);
        }
        Ok(match self.n()? {
            0 => Value::Null,
            1 => Value::Bool(false),
            2 => Value::Bool(true),
            3 => Value::Number(Number::from(self.n()?)),
            7 => Value::Number(Number::from(unzigzag(self.n()?))),
            8 => {
                let raw = self.structure.take(8)?;
                let mut b = [0u8; 8];
                b.copy_from_slice(raw);
                Value::Number(Number::from_f64(f64::from_le_bytes(b)).ok_or(Broken)?)
            }
            4 => Value::String(self.literal(0)?),
            5 => {
                let n = self.n()?;
                let n = self.count(n)?;
                let mut items = Vec::with_capacity(n);
                for _ in 0..n {
                    items.push(self.any(depth + 1)?);
                }
                Value::Array(items)
            }
            6 => {
                let n = self.n()?;
                let n = self.count(n)?;
                let mut m = Map::new();
                for _ in 0..n {
                    let k = self.literal(0)?;
                    let v = self.any(depth + 1)?;
                    m.insert(k, v);
                }
                Value::Object(m)
            }
            _ => return Err(Broken),
        })
    }

    fn value(
        &mut self,
        key: &'static str,
        kind: Kind,
        ctx: &IdContext,
        depth: usize,
    ) -> Result<Value, Broken> {
        if depth > MAX_DEPTH {
            return Err(Broken);
        }
        if let Text(class) = kind {
            // Text codes have their own escape (0) and literal (1).
            return self.text_value(class, ctx, depth);
        }
        let code = self.n()?;
        if code == 0 {
            return self.any(depth + 1);
        }
        let v = code - 1;
        Ok(match kind {
            Obj(fields) => self.object(fields, v, ctx, depth)?,
            List(item) => {
                let n = self.count(v)?;
                let mut items = Vec::with_capacity(n);
                let mut ctx = ctx.clone();
                for i in 0..n {
                    ctx.position = i + 1;
                    items.push(self.value(key, *item, &ctx, depth + 1)?);
                }
                Value::Array(items)
            }
            Date => {
                let prev = self.previous_date.get(key).copied().unwrap_or(DATE_ORIGIN);
                let day = prev.checked_add(unzigzag(v)).ok_or(Broken)?;
                self.previous_date.insert(key, day);
                Value::String(date_text(day).ok_or(Broken)?)
            }
            Enum(words) => Value::String(
                words
                    .get(usize::try_from(v).map_err(|_| Broken)?)
                    .ok_or(Broken)?
                    .to_string(),
            ),
            Num => Value::Number(Number::from(v)),
            Text(_) => return Err(Broken),
        })
    }

    fn object(
        &mut self,
        fields: &'static [(&'static str, Kind)],
        bits: u64,
        ctx: &IdContext,
        depth: usize,
    ) -> Result<Value, Broken> {
        if fields.len() < 64 && bits >> fields.len() != 0 {
            return Err(Broken);
        }
        let mut m = Map::new();
        let mut ctx = ctx.clone();
        for (i, (key, kind)) in fields.iter().enumerate() {
            if bits & (1 << i) == 0 {
                continue;
            }
            let v = self.value(key, *kind, &ctx, depth + 1)?;
            ctx.learn(key, &v);
            m.insert(key.to_string(), v);
        }
        let n = self.n()?;
        let n = self.count(n)?;
        for _ in 0..n {
            let k = self.literal(0)?;
            let v = self.any(depth + 1)?;
            m.insert(k, v);
        }
        Ok(Value::Object(m))
    }

    fn text_value(&mut self, class: Class, ctx: &IdContext, depth: usize) -> Result<Value, Broken> {
        let code = self.n()?;
        if code == 0 {
            return self.any(depth + 1);
        }
        if code == 1 {
            let s = if class == Class::CertNo {
                let common = usize::try_from(self.n()?).map_err(|_| Broken)?;
                let prev = self.history[class.index()]
                    .last()
                    .cloned()
                    .unwrap_or_default();
                let head = prev.get(..common).ok_or(Broken)?.to_string();
                head + &self.literal(class.stream())?
            } else {
                self.literal(class.stream())?
            };
            self.remember(class, &s);
            return Ok(Value::String(s));
        }
        let derived = derived_ids(class, ctx);
        let table = table(class);
        let i = usize::try_from(code - 2).map_err(|_| Broken)?;
        let s = if let Some(d) = derived.get(i) {
            let d = d.clone();
            self.remember(class, &d);
            d
        } else if let Some(t) = table.get(i - derived.len()) {
            t.clone()
        } else {
            self.history[class.index()]
                .get(i - derived.len() - table.len())
                .ok_or(Broken)?
                .clone()
        };
        // Text said once may be repeated often: count what it makes.
        self.spend(s.len())?;
        Ok(Value::String(s))
    }

    fn remember(&mut self, class: Class, s: &str) {
        let h = &mut self.history[class.index()];
        if !h.iter().any(|x| x == s) {
            h.push(s.to_string());
        }
    }
}

/// Reads a body back into the evaluation's JSON value. `limit` bounds the
/// text and values it may make (a guard against crafted bodies).
pub(crate) fn decode(bytes: &[u8], limit: usize) -> Result<Value, Broken> {
    let mut c = Cursor { bytes, at: 0 };
    let n = c.varint()?;
    let structure = c.take(n)?;
    let n = c.varint()?;
    let short = c.take(n)?;
    let n = c.varint()?;
    let notes = c.take(n)?;
    let scopes = &bytes[c.at..];
    let mut dec = Dec {
        structure: Cursor {
            bytes: structure,
            at: 0,
        },
        text: [
            Cursor {
                bytes: short,
                at: 0,
            },
            Cursor {
                bytes: notes,
                at: 0,
            },
            Cursor {
                bytes: scopes,
                at: 0,
            },
        ],
        history: Default::default(),
        previous_date: HashMap::new(),
        budget: limit,
    };
    let value = dec.value("", EVALUATION, &IdContext::default(), 0)?;
    // Everything written was read: nothing more, nothing less.
    if dec.structure.left() != 0 || dec.text.iter().any(|t| t.left() != 0) {
        return Err(Broken);
    }
    Ok(value)
}
