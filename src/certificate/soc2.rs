//! SOC 2 reports and letters: from a report, its type, the service
//! auditor, the period, the report date, the opinion and the subservice
//! organisations with their method; from a bridge letter, the period it
//! bridges from, the date it reaches and who signs it; from an
//! attestation-status letter, what it states. Read from the phrases these
//! documents are written in (AICPA's wording: "throughout the period …
//! to …", "In our opinion, in all material respects", "does not disclose
//! the actual controls at the subservice organization"), each value with
//! its source, as for a certificate.

use super::dates::fold;
use super::fields::{looks_like_company, push, source_of, Doc, FieldReading};
use super::kind::DocumentKind;
use super::{find_dates, Field, FoundDate};
use crate::domain::evaluation::{SubserviceMethod, SubserviceOrganisation};
use serde::{Deserialize, Serialize};

/// A field of a SOC 2 record's details, named as in the evaluation format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Soc2Field {
    #[serde(rename = "soc2.type")]
    Type,
    #[serde(rename = "soc2.auditor")]
    Auditor,
    #[serde(rename = "soc2.period_start")]
    PeriodStart,
    #[serde(rename = "soc2.period_end")]
    PeriodEnd,
    #[serde(rename = "soc2.report_date")]
    ReportDate,
    #[serde(rename = "soc2.bridge_letter_end")]
    BridgeLetterEnd,
    #[serde(rename = "soc2.opinion")]
    Opinion,
}

impl Soc2Field {
    pub const ALL: [Soc2Field; 7] = [
        Soc2Field::Type,
        Soc2Field::Auditor,
        Soc2Field::PeriodStart,
        Soc2Field::PeriodEnd,
        Soc2Field::ReportDate,
        Soc2Field::BridgeLetterEnd,
        Soc2Field::Opinion,
    ];

    /// The field's name in the evaluation format (`soc2.period_end`).
    pub fn id(self) -> &'static str {
        match self {
            Soc2Field::Type => "soc2.type",
            Soc2Field::Auditor => "soc2.auditor",
            Soc2Field::PeriodStart => "soc2.period_start",
            Soc2Field::PeriodEnd => "soc2.period_end",
            Soc2Field::ReportDate => "soc2.report_date",
            Soc2Field::BridgeLetterEnd => "soc2.bridge_letter_end",
            Soc2Field::Opinion => "soc2.opinion",
        }
    }

    /// As the record form labels it.
    pub fn label(self) -> &'static str {
        match self {
            Soc2Field::Type => "SOC 2 report type",
            Soc2Field::Auditor => "Auditor (CPA firm)",
            Soc2Field::PeriodStart => "Period start",
            Soc2Field::PeriodEnd => "Period end",
            Soc2Field::ReportDate => "Report date",
            Soc2Field::BridgeLetterEnd => "Bridge letter end",
            Soc2Field::Opinion => "Auditor's opinion",
        }
    }

    pub fn is_date(self) -> bool {
        matches!(
            self,
            Soc2Field::PeriodStart
                | Soc2Field::PeriodEnd
                | Soc2Field::ReportDate
                | Soc2Field::BridgeLetterEnd
        )
    }

    /// The fields each kind of document can give.
    fn expected(kind: &DocumentKind) -> &'static [Soc2Field] {
        match kind {
            DocumentKind::Soc2Report => &[
                Soc2Field::Type,
                Soc2Field::Auditor,
                Soc2Field::PeriodStart,
                Soc2Field::PeriodEnd,
                Soc2Field::ReportDate,
                Soc2Field::Opinion,
            ],
            DocumentKind::Soc2BridgeLetter => &[Soc2Field::PeriodEnd, Soc2Field::BridgeLetterEnd],
            _ => &[Soc2Field::Type, Soc2Field::Auditor],
        }
    }
}

/// A subservice organisation a report names, and how it treats it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubserviceReading {
    pub name: String,
    pub method: SubserviceMethod,
    pub source: String,
    pub page: u32,
}

impl SubserviceReading {
    pub fn organisation(&self) -> SubserviceOrganisation {
        SubserviceOrganisation {
            name: self.name.clone(),
            method: self.method,
        }
    }
}

/// Who signed a bridge letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signer {
    pub name: String,
    /// True when the signature is the service organisation's management's
    /// (as a bridge letter's must be), false when it is the auditor's.
    pub management: bool,
    pub source: String,
    pub page: u32,
}

/// What a SOC 2 report or letter says.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Soc2Reading {
    pub fields: Vec<FieldReading<Soc2Field>>,
    /// Fields this kind of document gives that were not found.
    pub missing: Vec<Soc2Field>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subservice_organisations: Vec<SubserviceReading>,
    /// A bridge letter's signature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_by: Option<Signer>,
    /// What an attestation-status letter states, in its words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement: Option<String>,
}

impl Soc2Reading {
    /// The subservice organisations read, as the record holds them.
    pub fn organisations(&self) -> Vec<SubserviceOrganisation> {
        self.subservice_organisations
            .iter()
            .map(SubserviceReading::organisation)
            .collect()
    }

    pub fn get(&self, field: Soc2Field) -> Option<&FieldReading<Soc2Field>> {
        self.fields.iter().find(|f| f.field == field)
    }
}

fn iso(d: &FoundDate) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        d.date.year(),
        u8::from(d.date.month()),
        d.date.day()
    )
}

/// The document's text as one line per PDF line, folded, with the offsets
/// of each line, for phrases that wrap.
struct Flow {
    text: String,
}

impl Flow {
    fn new(doc: &Doc<'_>) -> Flow {
        // The joined text with line breaks as spaces, so "throughout the
        // period April 1, 2024 to\nMarch 31, 2025" reads as one phrase; the
        // offsets stay those of doc.text.
        Flow {
            text: doc.text.replace('\n', " "),
        }
    }
}

/// A period: two dates joined by "to", "through", "-".
struct Period<'a> {
    start: &'a FoundDate,
    end: &'a FoundDate,
}

fn periods<'a>(flow: &Flow, dates: &'a [FoundDate]) -> Vec<Period<'a>> {
    let mut out = Vec::new();
    for w in dates.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        let between = flow.text.get(a.end..b.start).unwrap_or_default();
        let joined = fold(between.trim().trim_matches(','));
        let joined = joined.trim();
        if !["to", "through", "thru", "-", "–", "until", "and"].contains(&joined)
            || b.date <= a.date
        {
            continue;
        }
        // "period" shortly before the first date.
        let before = flow
            .text
            .get(a.start.saturating_sub(60)..a.start)
            .map(fold)
            .unwrap_or_default();
        if before.contains("period") || before.contains("from") {
            out.push(Period { start: a, end: b });
        }
    }
    out
}

/// Reads a SOC 2 document: the record's common fields (standard, holder)
/// and the SOC 2 details, and notes about the reading.
pub(crate) fn read_soc2(
    doc: &Doc<'_>,
    kind: &DocumentKind,
) -> (Vec<FieldReading>, Soc2Reading, Vec<String>) {
    let flow = Flow::new(doc);
    let dates = find_dates(&flow.text);
    let mut common: Vec<FieldReading> = Vec::new();
    let mut r = Soc2Reading::default();
    let mut notes = Vec::new();
    let at = |offset: usize| doc.line_at(offset).unwrap_or(0);
    let line_text = |i: usize| {
        doc.lines
            .get(i)
            .map(|l| l.line.text.clone())
            .unwrap_or_default()
    };
    let page_of = |i: usize| doc.lines.get(i).map_or(1, |l| l.page);
    let folded = fold(&flow.text);
    let soc2 = |field, value: String, i: usize, by: &str| FieldReading {
        field,
        value,
        source: line_text(i),
        page: page_of(i),
        note: None,
        found_by: by.to_string(),
    };

    // The standard: "soc2", from the line that names it.
    if let Some(p) = folded.find("soc 2").or_else(|| folded.find("soc2")) {
        let i = at(p);
        let mut f = FieldReading {
            field: Field::Standard,
            value: "soc2".into(),
            source: line_text(i),
            page: page_of(i),
            note: None,
            found_by: "the document names SOC 2".into(),
        };
        if *kind == DocumentKind::Soc2Certificate {
            f.note = Some(super::kind::SOC2_CERTIFICATE_NOTE.to_string());
        }
        common.push(f);
    }

    // Type I or II: "SOC 2 Type 2", "SOC 2® Type II Report".
    let mut from = 0;
    while let Some(p) = folded.get(from..).and_then(|s| s.find("soc 2")) {
        let start = from + p;
        from = start + 5;
        let window = folded
            .get(start..(start + 40).min(folded.len()))
            .unwrap_or_default();
        let Some(t) = window.find("type") else {
            continue;
        };
        let rest: String = window
            .get(t + 4..)
            .unwrap_or_default()
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .collect();
        let value = match rest.as_str() {
            "2" | "ii" => "II",
            "1" | "i" => "I",
            _ => continue,
        };
        push(
            &mut r.fields,
            soc2(
                Soc2Field::Type,
                value.into(),
                at(start),
                "the report's title",
            ),
        );
        break;
    }

    // The period: "throughout the period April 1, 2024 to March 31, 2025".
    let found = periods(&flow, &dates);
    if let Some(p) = found.first() {
        let i = at(p.start.start);
        push(
            &mut r.fields,
            soc2(
                Soc2Field::PeriodStart,
                iso(p.start),
                i,
                "the period “… to …”",
            ),
        );
        push(
            &mut r.fields,
            soc2(
                Soc2Field::PeriodEnd,
                iso(p.end),
                at(p.end.start),
                "the period “… to …”",
            ),
        );
    }
    let period_end = found.first().map(|p| p.end.date);

    match kind {
        DocumentKind::Soc2Report => {
            read_auditor(doc, &flow, &folded, &mut r, &common);
            read_report_date(doc, &folded, &dates, period_end, &mut r);
            read_opinion(doc, &folded, &mut r);
            read_subservice(doc, &folded, &mut r, &mut notes);
            read_to_the_management_of(doc, &mut common);
        }
        DocumentKind::Soc2BridgeLetter => {
            // The auditor the letter names ("UHY prepared the latest SOC 2").
            for verb in [" prepared the", " issued the", " performed the"] {
                if let Some(p) = folded.find(verb) {
                    let before = flow.text.get(..p).unwrap_or_default();
                    let sentence = before.rsplit(['.', ':', '\n']).next().unwrap_or_default();
                    let name: Vec<&str> = sentence
                        .split_whitespace()
                        .rev()
                        .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
                        .collect();
                    if !name.is_empty() && name.len() <= 4 {
                        let name: Vec<&str> = name.into_iter().rev().collect();
                        let mut f = soc2(
                            Soc2Field::Auditor,
                            name.join(" "),
                            at(p),
                            "the auditor the letter names",
                        );
                        f.note = Some("the letter names the auditor of the report it bridges from; the letter itself is management's".into());
                        push(&mut r.fields, f);
                        break;
                    }
                }
            }
            read_bridge(doc, &flow, &folded, &dates, &found, &mut r, &mut notes);
        }
        _ => {
            read_signature_org(doc, &mut r, &common);
            read_statement(doc, &mut r);
            read_holder_confirmed(doc, &mut common);
            if let Some(d) = dates.iter().find(|d| {
                let i = at(d.start);
                fold(&line_text(i)).contains("issue")
            }) {
                notes.push(format!(
                    "The letter is dated {}: that may be the letter's date, not the report's, so the report date stays empty. Take it from the report.",
                    d.raw
                ));
            }
        }
    }
    r.missing = Soc2Field::expected(kind)
        .iter()
        .copied()
        .filter(|f| r.get(*f).is_none())
        .collect();
    (common, r, notes)
}

/// The service organisation: "To the Management of: GSI, Inc.".
fn read_to_the_management_of(doc: &Doc<'_>, common: &mut Vec<FieldReading>) {
    for (i, dl) in doc.lines.iter().enumerate() {
        let f = &dl.folded;
        let Some(p) = ["to the management of", "to the board of directors of"]
            .iter()
            .find_map(|w| f.find(w).map(|p| p + w.len()))
        else {
            continue;
        };
        let rest = dl
            .line
            .text
            .get(p..)
            .unwrap_or_default()
            .trim()
            .trim_start_matches(':')
            .trim();
        let (k, name) = if rest.is_empty() {
            (i + 1, line(doc, i + 1))
        } else {
            (i, rest.to_string())
        };
        if holder(
            doc,
            common,
            i,
            k,
            &name,
            "the report's addressee, “To the Management of”",
        ) {
            return;
        }
    }
}

/// "THIS IS TO CONFIRM THAT Kinde Pty Ltd".
fn read_holder_confirmed(doc: &Doc<'_>, common: &mut Vec<FieldReading>) {
    for (i, dl) in doc.lines.iter().enumerate() {
        if !(dl.folded.contains("confirm that") || dl.folded.contains("certify that")) {
            continue;
        }
        let by = format!("the name after “{}”", dl.line.text.trim());
        if holder(doc, common, i, i + 1, &line(doc, i + 1), &by) {
            return;
        }
    }
}

/// Takes `name` (from line `k`, found from line `i`) as the holder when it
/// can be one.
fn holder(
    doc: &Doc<'_>,
    common: &mut Vec<FieldReading>,
    i: usize,
    k: usize,
    name: &str,
    by: &str,
) -> bool {
    let name = name.trim().trim_end_matches([':', ',']);
    if name.is_empty() || name.split_whitespace().count() > 8 {
        return false;
    }
    push(
        common,
        FieldReading {
            field: Field::Holder,
            value: name.to_string(),
            source: source_of(doc, i, k),
            page: doc.lines.get(i).map_or(1, |l| l.page),
            note: None,
            found_by: by.to_string(),
        },
    );
    true
}

fn line(doc: &Doc<'_>, i: usize) -> String {
    doc.lines
        .get(i)
        .map(|l| l.line.text.trim().to_string())
        .unwrap_or_default()
}

/// The service auditor: "X is a licensed CPA firm", the firm signing the
/// report, or "X, CPAs".
fn read_auditor(
    doc: &Doc<'_>,
    flow: &Flow,
    folded: &str,
    r: &mut Soc2Reading,
    common: &[FieldReading],
) {
    let holder = common
        .iter()
        .find(|f| f.field == Field::Holder)
        .map(|f| fold(&f.value));
    for phrase in [
        " is a licensed",
        " is a certified public accounting",
        " is an independent cpa",
        " is a registered public accounting",
    ] {
        if let Some(p) = folded.find(phrase) {
            let before = flow.text.get(..p).unwrap_or_default();
            let sentence = before
                .rsplit(['.', '\n', '“', '"'])
                .next()
                .unwrap_or_default()
                .trim();
            // "The two firms operate … structure. UHY LLP is a licensed …":
            // the name is the sentence's subject.
            if (1..=6).contains(&sentence.split_whitespace().count()) {
                let i = doc.line_at(p).unwrap_or(0);
                push(
                    &mut r.fields,
                    FieldReading {
                        field: Soc2Field::Auditor,
                        value: sentence.trim_end_matches(',').to_string(),
                        source: line(doc, i),
                        page: doc.lines.get(i).map_or(1, |l| l.page),
                        note: None,
                        found_by: format!("“…{phrase} CPA firm”"),
                    },
                );
                return;
            }
        }
    }
    // A CPA firm's name (LLP, LLC, P.C., CPAs) on the cover or closing the
    // auditor's report, not the service organisation's.
    for (i, dl) in doc.lines.iter().enumerate() {
        let t = dl.line.text.trim();
        let f = &dl.folded;
        let cpa = [
            " llp",
            " cpas",
            " p.c.",
            " pllc",
            "certified public accountants",
        ]
        .iter()
        .any(|s| f.ends_with(s) || f.contains(&format!("{s},")) || f.contains(&format!("{s} ")));
        if cpa
            && t.split_whitespace().count() <= 6
            && looks_like_company(t)
            && holder.as_deref().is_none_or(|h| !f.contains(h))
        {
            push(
                &mut r.fields,
                FieldReading {
                    field: Soc2Field::Auditor,
                    value: t.to_string(),
                    source: t.to_string(),
                    page: dl.page,
                    note: Some("read from a CPA firm's name in the report: check it is the service auditor".into()),
                    found_by: "a CPA firm's name".into(),
                },
            );
            let _ = i;
            return;
        }
    }
}

/// The report's date: the date closing the auditor's report (a line with a
/// place and a date, after "In our opinion"), on or after the period end.
fn read_report_date(
    doc: &Doc<'_>,
    folded: &str,
    dates: &[FoundDate],
    period_end: Option<time::Date>,
    r: &mut Soc2Reading,
) {
    let Some(opinion) = folded.find("in our opinion") else {
        return;
    };
    for d in dates.iter().filter(|d| d.start > opinion) {
        if period_end.is_some_and(|e| d.date < e) {
            continue;
        }
        let Some(i) = doc.line_at(d.start) else {
            continue;
        };
        let text = &doc.lines[i].line.text;
        let rest = text.replacen(&d.raw, "", 1);
        let rest = rest.trim().trim_end_matches(['.', ',']);
        // Alone on its line under "City, State", or "City, State. Date".
        let alone = rest.is_empty()
            && i > 0
            && doc.lines[i - 1].line.text.contains(',')
            && doc.lines[i - 1].line.text.split_whitespace().count() <= 5;
        let place = rest.contains(',')
            && rest.split_whitespace().count() <= 6
            && !rest.chars().any(|c| c.is_ascii_digit());
        if alone || place {
            let source = if alone {
                format!("{}\n{}", doc.lines[i - 1].line.text, text)
            } else {
                text.clone()
            };
            push(
                &mut r.fields,
                FieldReading {
                    field: Soc2Field::ReportDate,
                    value: iso(d),
                    source,
                    page: doc.lines[i].page,
                    note: None,
                    found_by: "the place and date closing the auditor's report".into(),
                },
            );
            return;
        }
    }
}

/// The opinion: a heading says a modified one; "In our opinion, in all
/// material respects" without "except for" is unqualified.
fn read_opinion(doc: &Doc<'_>, folded: &str, r: &mut Soc2Reading) {
    use crate::domain::evaluation::Soc2Opinion as O;
    let headings = [
        ("basis for qualified opinion", O::Qualified),
        ("qualified opinion", O::Qualified),
        ("basis for adverse opinion", O::Adverse),
        ("adverse opinion", O::Adverse),
        ("basis for disclaimer of opinion", O::Disclaimer),
        ("disclaimer of opinion", O::Disclaimer),
    ];
    let value = |o: O| match o {
        O::Unqualified => "unqualified",
        O::Qualified => "qualified",
        O::Adverse => "adverse",
        O::Disclaimer => "disclaimer",
    };
    for (i, dl) in doc.lines.iter().enumerate() {
        let t = dl.folded.trim();
        if let Some((_, o)) = headings.iter().find(|(h, _)| t == *h) {
            push(
                &mut r.fields,
                FieldReading {
                    field: Soc2Field::Opinion,
                    value: value(*o).into(),
                    source: line(doc, i),
                    page: dl.page,
                    note: None,
                    found_by: "the opinion's heading".into(),
                },
            );
            return;
        }
    }
    let Some(p) = folded.find("in our opinion") else {
        return;
    };
    let window = folded
        .get(p..(p + 200).min(folded.len()))
        .unwrap_or_default();
    let i = doc.line_at(p).unwrap_or(0);
    let o = if window.contains("except for") {
        O::Qualified
    } else if window.contains("in all material respects") {
        O::Unqualified
    } else {
        return;
    };
    let mut f = FieldReading {
        field: Soc2Field::Opinion,
        value: value(o).into(),
        source: line(doc, i),
        page: doc.lines.get(i).map_or(1, |l| l.page),
        note: None,
        found_by: "“In our opinion, in all material respects”".into(),
    };
    if o == O::Qualified {
        f.found_by = "“In our opinion, except for …”".into();
    }
    push(&mut r.fields, f);
}

/// The subservice organisations from the table under "Subservice
/// Organization", and the method the report states.
fn read_subservice(doc: &Doc<'_>, folded: &str, r: &mut Soc2Reading, notes: &mut Vec<String>) {
    let carve = [
        "carve-out",
        "carved out",
        "carved-out",
        "does not disclose the actual controls at the subservice",
        "did not include the services provided by the subservice",
        "does not include the controls in place at the subservice",
    ]
    .iter()
    .any(|w| folded.contains(w));
    let inclusive = [
        "inclusive method",
        "includes the controls of the subservice",
        "using the inclusive",
    ]
    .iter()
    .any(|w| folded.contains(w));
    let method = match (carve, inclusive) {
        (true, false) => Some(SubserviceMethod::CarveOut),
        (false, true) => Some(SubserviceMethod::Inclusive),
        _ => None,
    };
    let mut names: Vec<(String, usize)> = Vec::new();
    let heads = [
        "subservice organization",
        "subservice organizations",
        "subservice organisation",
        "subservice organisations",
        "subservice provider",
        "subservice providers",
    ];
    for (i, dl) in doc.lines.iter().enumerate() {
        let pieces = dl.line.pieces();
        let Some((_, head)) = pieces.first() else {
            continue;
        };
        if !heads.contains(&fold(head).as_str()) {
            continue;
        }
        // The table's first column: the lines under the header, at its x
        // (a second column, drawn apart, is stepped over).
        let tol = 2.0 * dl.line.size;
        for k in i + 1..(i + 16).min(doc.lines.len()) {
            let row = &doc.lines[k];
            if row.page != dl.page || dl.line.y - row.line.y > 12.0 * dl.line.size {
                break;
            }
            if (row.line.x - dl.line.x).abs() > tol {
                continue;
            }
            let name = row
                .line
                .pieces()
                .first()
                .map(|p| p.1.to_string())
                .unwrap_or_default();
            if name.split_whitespace().count() > 6 || name.ends_with('.') || name.is_empty() {
                break;
            }
            names.push((name, k));
        }
        // A heading of the same words is followed by a paragraph: the
        // table is further on.
        if !names.is_empty() {
            break;
        }
    }
    match method {
        Some(method) => {
            for (name, k) in names {
                r.subservice_organisations.push(SubserviceReading {
                    name,
                    method,
                    source: line(doc, k),
                    page: doc.lines[k].page,
                });
            }
        }
        None if !names.is_empty() => notes.push(format!(
            "The report names subservice organisations ({}) without a method Scopewise could read: check whether each is carved out or included.",
            names.iter().map(|n| n.0.as_str()).collect::<Vec<_>>().join(", ")
        )),
        None => {}
    }
}

/// The organisation in a signature block: "Name, CPA / Title / Firm".
fn read_signature_org(doc: &Doc<'_>, r: &mut Soc2Reading, common: &[FieldReading]) {
    let holder = common
        .iter()
        .find(|f| f.field == Field::Holder)
        .map(|f| fold(&f.value));
    let title = [
        "officer",
        "director",
        "partner",
        "manager",
        "principal",
        "president",
        "ceo",
        "chief",
        "head of",
    ];
    for (i, dl) in doc.lines.iter().enumerate() {
        if !(dl.folded.contains(", cpa") || dl.folded.ends_with(" cpa")) {
            continue;
        }
        for k in i + 1..(i + 4).min(doc.lines.len()) {
            let t = line(doc, k);
            let f = fold(&t);
            if t.is_empty() || title.iter().any(|w| f.contains(w)) {
                continue;
            }
            if t.split_whitespace().count() <= 6 && holder.as_deref().is_none_or(|h| !f.contains(h))
            {
                push(
                    &mut r.fields,
                    FieldReading {
                        field: Soc2Field::Auditor,
                        value: t,
                        source: source_of(doc, i, k),
                        page: dl.page,
                        note: None,
                        found_by: "the firm under the CPA's signature".into(),
                    },
                );
                return;
            }
            break;
        }
    }
}

/// What an attestation-status letter states: its body, from the first
/// line that confirms to the signature.
fn read_statement(doc: &Doc<'_>, r: &mut Soc2Reading) {
    let first_page = doc.lines.first().map_or(1, |l| l.page);
    let mut parts = Vec::new();
    let mut on = false;
    for dl in doc.lines.iter().filter(|l| l.page == first_page) {
        if !on
            && (dl.folded.contains("confirm")
                || dl.folded.contains("certify")
                || dl.folded.contains("attest"))
        {
            on = dl.folded.contains("that") || dl.folded.contains("confirm");
        }
        if dl.folded.contains("report id")
            || dl.folded.contains(", cpa")
            || dl.folded.starts_with("issue date")
        {
            break;
        }
        if on {
            parts.push(dl.line.text.trim().to_string());
        }
    }
    let mut s = parts.join(" ");
    if s.chars().count() > 400 {
        s = s.chars().take(400).collect::<String>() + "…";
    }
    if !s.is_empty() {
        r.statement = Some(s);
    }
}

/// A bridge letter: the date it reaches, and who signs it.
fn read_bridge(
    doc: &Doc<'_>,
    flow: &Flow,
    folded: &str,
    dates: &[FoundDate],
    found: &[Period<'_>],
    r: &mut Soc2Reading,
    notes: &mut Vec<String>,
) {
    let period_end = found.first().map(|p| p.end.date);
    // A later period "from … through …" is the bridge period.
    let bridge = found
        .iter()
        .skip(1)
        .find(|p| period_end.is_some_and(|e| p.start.date > e))
        .map(|p| p.end);
    // Else "as of DATE, … not aware of any material changes".
    let as_of = dates.iter().find(|d| {
        flow.text
            .get(d.start.saturating_sub(8)..d.start)
            .is_some_and(|b| fold(b).contains("as of"))
    });
    let line_of = |d: &FoundDate| doc.line_at(d.start).unwrap_or(0);
    match (bridge, as_of) {
        (Some(b), _) => {
            let i = line_of(b);
            push(
                &mut r.fields,
                FieldReading {
                    field: Soc2Field::BridgeLetterEnd,
                    value: iso(b),
                    source: line(doc, i),
                    page: doc.lines.get(i).map_or(1, |l| l.page),
                    note: None,
                    found_by: "the bridge period “from … through …”".into(),
                },
            );
        }
        (None, Some(d)) => {
            if period_end.is_some_and(|e| d.date > e) {
                let i = line_of(d);
                push(
                    &mut r.fields,
                    FieldReading {
                        field: Soc2Field::BridgeLetterEnd,
                        value: iso(d),
                        source: line(doc, i),
                        page: doc.lines.get(i).map_or(1, |l| l.page),
                        note: None,
                        found_by: "“As of …”, the date management's statement reaches".into(),
                    },
                );
            } else if let Some(e) = found.first() {
                notes.push(format!(
                    "The letter speaks as of {}, which is not after the end of the period it bridges from ({}): it covers no time after the report, so the bridge letter end stays empty. Check the letter's dates with the vendor.",
                    d.raw, e.end.raw
                ));
            }
        }
        (None, None) => {}
    }
    // The signature: the lines after "Sincerely," / "Regards,".
    for (i, dl) in doc.lines.iter().enumerate() {
        let f = dl.folded.trim();
        if ![
            "sincerely",
            "regards",
            "respectfully",
            "yours faithfully",
            "yours truly",
            "best regards",
            "kind regards",
        ]
        .iter()
        .any(|w| f.starts_with(w))
        {
            continue;
        }
        let name = line(doc, i + 1);
        if name.is_empty() || name.split_whitespace().count() > 6 {
            break;
        }
        let block = fold(&format!(
            "{} {} {}",
            name,
            line(doc, i + 2),
            line(doc, i + 3)
        ));
        let auditor = r
            .get(Soc2Field::Auditor)
            .map(|a| fold(&a.value))
            .filter(|a| !a.is_empty());
        let by_auditor = auditor.is_some_and(|a| block.contains(&a))
            || [" llp", " cpa", "cpas", "certified public accountant"]
                .iter()
                .any(|w| block.contains(w));
        if by_auditor {
            notes.push("This bridge letter seems signed by the audit firm: a bridge letter is the service organisation's management's statement, never the auditor's assurance. Check who issued it.".into());
        }
        r.signed_by = Some(Signer {
            name,
            management: !by_auditor,
            source: source_of(doc, i, i + 1),
            page: dl.page,
        });
        break;
    }
    let _ = folded;
}
