//! The fields of an evidence record, read from a certificate's text in
//! reading order. Certificates label their fields in many ways ("Certificate
//! No.", "Registration number"; "Valid until", "Expiry date") and place the
//! value after the label, to its right in a second column, or on the next
//! line; all three are tried, in that order. Every value keeps the text it
//! came from and its page, so the buyer can check it against the PDF, and
//! what is not found is listed as missing, never guessed.

use super::layout::Line;
use super::pdf::Extracted;
use super::{find_dates, find_standards, DayMonthOrder};
use crate::domain::evaluation::EvidenceRecord;
use crate::domain::Layer;
use crate::policy::recognised_accreditation_body;
use serde::{Deserialize, Serialize};

/// A field of the evidence record: the reader prefills those of
/// [`RecordField::READABLE`].
pub use crate::domain::RecordField as Field;

/// One field read from the PDF.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldReading {
    pub field: Field,
    /// Dates as `YYYY-MM-DD`, the standard as `27001:2022`, text as printed.
    pub value: String,
    /// The line or lines it was read from.
    pub source: String,
    /// From 1.
    pub page: u32,
    /// What the buyer should know before confirming it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Another standard the document names (a 27001 certificate listing 27017
/// and 27018 controls in its statement of applicability).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlsoNamed {
    /// `27017:2015`, or `27018` when no edition is printed.
    pub standard: String,
    pub source: String,
    pub page: u32,
}

/// What was read from a certificate PDF.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reading {
    pub fields: Vec<FieldReading>,
    /// Fields not found, in form order.
    pub missing: Vec<Field>,
    pub also_named: Vec<AlsoNamed>,
    /// About the reading as a whole (pages skipped, streams not read).
    pub notes: Vec<String>,
    /// Pages whose text was read.
    pub pages_read: u32,
}

impl Reading {
    pub fn get(&self, field: Field) -> Option<&FieldReading> {
        self.fields.iter().find(|f| f.field == field)
    }

    /// The fields a record built from this reading has prefilled.
    pub fn prefilled(&self) -> Vec<Field> {
        Field::READABLE
            .into_iter()
            .filter(|f| self.get(*f).is_some())
            .collect()
    }

    /// The record the reading makes once every value is confirmed as read
    /// (the workspace lets the user correct each first): see
    /// [`super::build_record`]. Fails when the PDF named no standard.
    pub fn to_evidence_record(
        &self,
        id: impl Into<String>,
        layer: Layer,
    ) -> Result<EvidenceRecord, Vec<super::Rejected>> {
        let values: Vec<super::Confirmed> = self
            .fields
            .iter()
            .map(|f| super::Confirmed {
                field: f.field,
                value: f.value.clone(),
            })
            .collect();
        super::build_record(id.into(), layer, &values)
    }
}

/// A field label as certificates print it; `None` marks labels that look
/// like a field's but are not ("Next surveillance audit").
const LABELS: &[(Option<Field>, &str)] = &[
    (Some(Field::CertificateNumber), "certificate number"),
    (Some(Field::CertificateNumber), "certificate no"),
    (Some(Field::CertificateNumber), "certificate nr"),
    (Some(Field::CertificateNumber), "certificate #"),
    (Some(Field::CertificateNumber), "certificate id"),
    (Some(Field::CertificateNumber), "cert. no"),
    (Some(Field::CertificateNumber), "registration number"),
    (Some(Field::CertificateNumber), "registration no"),
    (
        Some(Field::OriginallyCertified),
        "original certification date",
    ),
    (
        Some(Field::OriginallyCertified),
        "date of original certification",
    ),
    (Some(Field::OriginallyCertified), "original certification"),
    (Some(Field::OriginallyCertified), "originally certified"),
    (
        Some(Field::OriginallyCertified),
        "initial certification date",
    ),
    (Some(Field::OriginallyCertified), "initial certification"),
    (
        Some(Field::OriginallyCertified),
        "original registration date",
    ),
    (Some(Field::OriginallyCertified), "first issued"),
    (Some(Field::OriginallyCertified), "certified since"),
    (Some(Field::IssueDate), "date of issue"),
    (Some(Field::IssueDate), "issue date"),
    (Some(Field::IssueDate), "issued on"),
    (Some(Field::IssueDate), "date of issuance"),
    (Some(Field::IssueDate), "effective date"),
    (Some(Field::IssueDate), "valid from"),
    (Some(Field::ExpiryDate), "expiry date"),
    (Some(Field::ExpiryDate), "expiration date"),
    (Some(Field::ExpiryDate), "date of expiry"),
    (Some(Field::ExpiryDate), "valid until"),
    (Some(Field::ExpiryDate), "expires on"),
    (Some(Field::ExpiryDate), "valid to"),
    (Some(Field::ExpiryDate), "valid through"),
    (Some(Field::ExpiryDate), "until"),
    (None, "next surveillance"),
    (None, "recertification due"),
    (None, "recertification audit due"),
    (
        Some(Field::LastSurveillanceAudit),
        "last surveillance audit",
    ),
    (
        Some(Field::LastSurveillanceAudit),
        "surveillance audit date",
    ),
    (Some(Field::LastSurveillanceAudit), "surveillance audit"),
    (Some(Field::LastSurveillanceAudit), "last surveillance"),
    (Some(Field::Holder), "this is to certify that"),
    (Some(Field::Holder), "this certifies that"),
    (Some(Field::Holder), "we hereby certify that"),
    (Some(Field::Holder), "certified organisation"),
    (Some(Field::Holder), "certified organization"),
    (Some(Field::Holder), "certificate holder"),
    (Some(Field::Holder), "organisation:"),
    (Some(Field::Holder), "organization:"),
    (Some(Field::Holder), "company name"),
    (Some(Field::Holder), "awarded to"),
    (Some(Field::Holder), "granted to"),
    (Some(Field::CertificationBody), "issued by"),
    (Some(Field::CertificationBody), "certification body"),
    (Some(Field::CertificationBody), "certified by"),
    (Some(Field::CertificationBody), "on behalf of"),
    (Some(Field::AccreditationBody), "accredited by"),
    (Some(Field::AccreditationBody), "accreditation body"),
    (Some(Field::Scope), "scope of certification"),
    (Some(Field::Scope), "scope of registration"),
    (Some(Field::Scope), "scope of the certificate"),
    (Some(Field::Scope), "for the following scope"),
    (Some(Field::Scope), "scope:"),
];

/// A label found in a line: byte range and field.
#[derive(Debug, Clone, Copy)]
struct Label {
    start: usize,
    end: usize,
    field: Option<Field>,
}

/// The labels of a line, longest first where they overlap, in line order.
fn labels_in(text: &str) -> Vec<Label> {
    let lower = text.to_ascii_lowercase();
    let mut found: Vec<Label> = Vec::new();
    for &(field, pat) in LABELS {
        let mut from = 0;
        while let Some(p) = lower.get(from..).and_then(|s| s.find(pat)) {
            let start = from + p;
            let end = start + pat.len();
            from = end;
            let word_start = start == 0
                || !lower[..start]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric());
            if !word_start || found.iter().any(|l| start < l.end && l.start < end) {
                continue;
            }
            found.push(Label { start, end, field });
        }
    }
    found.sort_by_key(|l| l.start);
    found
}

/// The text of `line` after `end`, without the punctuation between a label
/// and its value.
fn after(text: &str, end: usize) -> &str {
    text.get(end..)
        .unwrap_or_default()
        .trim_start_matches(|c: char| c.is_whitespace() || ":.#-–|/".contains(c))
        .trim()
}

/// A line with its page and its place in the document's text.
struct DocLine<'a> {
    page: u32,
    line: &'a Line,
    /// Byte offset in the joined text.
    offset: usize,
    labels: Vec<Label>,
}

struct Doc<'a> {
    lines: Vec<DocLine<'a>>,
    text: String,
}

impl<'a> Doc<'a> {
    fn new(x: &'a Extracted) -> Self {
        let mut lines = Vec::new();
        let mut text = String::new();
        for p in &x.pages {
            for l in &p.lines {
                lines.push(DocLine {
                    page: p.number,
                    line: l,
                    offset: text.len(),
                    labels: labels_in(&l.text),
                });
                text.push_str(&l.text);
                text.push('\n');
            }
        }
        Doc { lines, text }
    }

    /// The line holding byte `offset` of the joined text.
    fn line_at(&self, offset: usize) -> Option<usize> {
        match self.lines.binary_search_by(|l| l.offset.cmp(&offset)) {
            Ok(i) => Some(i),
            Err(0) => None,
            Err(i) => Some(i - 1),
        }
    }

    /// The other lines on line `i`'s page and baseline, with the tolerance
    /// used (a third of its font size).
    fn on_baseline(
        &self,
        i: usize,
    ) -> Option<(
        &DocLine<'a>,
        f64,
        impl Iterator<Item = (usize, &DocLine<'a>)>,
    )> {
        let me = self.lines.get(i)?;
        let tol = 0.35 * me.line.size;
        let others = self.lines.iter().enumerate().filter(move |(j, l)| {
            *j != i && l.page == me.page && (l.line.y - me.line.y).abs() <= tol
        });
        Some((me, tol, others))
    }

    /// The line to the left of line `i` on its baseline (a label column).
    fn left_partner(&self, i: usize) -> Option<usize> {
        let (me, tol, others) = self.on_baseline(i)?;
        others
            .filter(|(_, l)| l.line.right <= me.line.x + tol)
            .max_by(|a, b| a.1.line.right.total_cmp(&b.1.line.right))
            .map(|(j, _)| j)
    }

    /// The line to the right of line `i` on its baseline (a value column).
    fn right_partner(&self, i: usize) -> Option<usize> {
        let (me, tol, others) = self.on_baseline(i)?;
        others
            .filter(|(_, l)| l.line.x >= me.line.right - tol)
            .min_by(|a, b| a.1.line.x.total_cmp(&b.1.line.x))
            .map(|(j, _)| j)
    }

    /// Where the value of label `label` on line `i` is: after it on the
    /// line, in the column to its right, or on the next line. Returns the
    /// line and the byte where the value starts in it.
    fn value_of(&self, i: usize, label: &Label) -> Option<(usize, usize)> {
        let line = self.lines.get(i)?;
        let next_label = line
            .labels
            .iter()
            .find(|l| l.start >= label.end)
            .map_or(line.line.text.len(), |l| l.start);
        let rest = line
            .line
            .text
            .get(label.end..next_label)
            .unwrap_or_default();
        let trimmed = rest.trim_start_matches(|c: char| c.is_whitespace() || ":.#-–|/".contains(c));
        if !trimmed.trim().is_empty() {
            return Some((i, label.end + (rest.len() - trimmed.len())));
        }
        // A label ending its line: the value is to its right or below.
        if next_label < line.line.text.len() {
            return None;
        }
        if let Some(j) = self.right_partner(i) {
            return Some((j, 0));
        }
        let j = i + 1;
        let next = self.lines.get(j)?;
        (next.page == line.page && next.labels.first().is_none_or(|l| l.start > 0))
            .then_some((j, 0))
    }
}

/// Reads the fields out of extracted text.
pub fn read_fields(x: &Extracted) -> Reading {
    let doc = Doc::new(x);
    let mut fields: Vec<FieldReading> = Vec::new();
    let mut also_named = Vec::new();
    let notes = x.notes.clone();

    read_standard(&doc, &mut fields, &mut also_named);
    read_dates(&doc, &mut fields);
    read_certificate_number(&doc, &mut fields);
    read_holder(&doc, &mut fields);
    read_accreditation(&doc, &mut fields);
    read_certification_body(&doc, &mut fields);
    read_scope(&doc, &mut fields);

    let missing = Field::READABLE
        .into_iter()
        .filter(|f| !fields.iter().any(|r| r.field == *f))
        .collect();
    fields.sort_by_key(|f| Field::READABLE.iter().position(|a| *a == f.field));
    Reading {
        fields,
        missing,
        also_named,
        notes,
        pages_read: u32::try_from(x.pages.len()).unwrap_or(u32::MAX),
    }
}

fn push(fields: &mut Vec<FieldReading>, r: FieldReading) {
    if !fields.iter().any(|f| f.field == r.field) {
        fields.push(r);
    }
}

fn read_standard(doc: &Doc<'_>, fields: &mut Vec<FieldReading>, also: &mut Vec<AlsoNamed>) {
    let found = find_standards(&doc.text);
    let main = found
        .iter()
        .find(|s| s.edition.is_some())
        .or_else(|| found.first());
    let Some(main) = main else { return };
    let show = |s: &super::FoundStandard| match s.edition {
        Some(e) => format!("{}:{e}", s.standard.short()),
        None => s.standard.short().to_string(),
    };
    let main_value = show(main);
    if let Some(i) = doc.line_at(main.start) {
        push(
            fields,
            FieldReading {
                field: Field::Standard,
                value: main_value.clone(),
                source: doc.lines[i].line.text.clone(),
                page: doc.lines[i].page,
                note: main
                    .edition
                    .is_none()
                    .then(|| "the certificate does not print the edition; add it".to_string()),
            },
        );
    }
    for s in &found {
        let v = show(s);
        if v == main_value
            || (s.standard == main.standard && s.edition.is_none())
            || also.iter().any(|a: &AlsoNamed| a.standard == v)
        {
            continue;
        }
        if let Some(i) = doc.line_at(s.start) {
            also.push(AlsoNamed {
                standard: v,
                source: doc.lines[i].line.text.clone(),
                page: doc.lines[i].page,
            });
        }
    }
}

fn read_dates(doc: &Doc<'_>, fields: &mut Vec<FieldReading>) {
    for d in find_dates(&doc.text) {
        let Some(i) = doc.line_at(d.start) else {
            continue;
        };
        let line = &doc.lines[i];
        let at = d.start - line.offset;
        // The nearest label before the date on its line, else the label
        // column beside it, else a label ending the line above.
        let mut source = line.line.text.clone();
        let mut label = line.labels.iter().rev().find(|l| l.end <= at).copied();
        if label.is_none() {
            if let Some(j) = doc.left_partner(i) {
                label = doc.lines[j].labels.last().copied();
                source = format!("{} {}", doc.lines[j].line.text, line.line.text);
            }
        }
        if label.is_none() && at < 2 && i > 0 {
            let prev = &doc.lines[i - 1];
            if prev.page == line.page {
                if let Some(l) = prev.labels.last() {
                    if after(&prev.line.text, l.end).is_empty() {
                        label = Some(*l);
                        source = format!("{}\n{}", prev.line.text, line.line.text);
                    }
                }
            }
        }
        let Some(Label {
            field: Some(field), ..
        }) = label
        else {
            continue;
        };
        if !field.is_date() {
            continue;
        }
        let note = d.ambiguous.then(|| {
            format!(
                "day and month could be either way round: {} read as {} {} {}",
                d.raw,
                d.date.day(),
                d.date.month(),
                d.date.year()
            )
        });
        let note = note.or_else(|| {
            (d.order == DayMonthOrder::MonthFirst).then(|| {
                format!(
                    "{} read month first, as the document writes its dates",
                    d.raw
                )
            })
        });
        push(
            fields,
            FieldReading {
                field,
                value: format!(
                    "{:04}-{:02}-{:02}",
                    d.date.year(),
                    u8::from(d.date.month()),
                    d.date.day()
                ),
                source,
                page: line.page,
                note,
            },
        );
    }
}

/// The first labelled value of `field`: (line index, value start).
fn labelled(doc: &Doc<'_>, field: Field) -> Vec<(usize, Label, usize, usize)> {
    let mut out = Vec::new();
    for (i, l) in doc.lines.iter().enumerate() {
        for label in l.labels.iter().filter(|lb| lb.field == Some(field)) {
            if let Some((j, start)) = doc.value_of(i, label) {
                out.push((i, *label, j, start));
            }
        }
    }
    out
}

fn source_of(doc: &Doc<'_>, i: usize, j: usize) -> String {
    if i == j {
        doc.lines[i].line.text.clone()
    } else {
        format!("{}\n{}", doc.lines[i].line.text, doc.lines[j].line.text)
    }
}

/// The value's text on its line, up to the next label.
fn value_text<'t>(doc: &'t Doc<'_>, j: usize, start: usize) -> &'t str {
    let l = &doc.lines[j];
    let end = l
        .labels
        .iter()
        .find(|lb| lb.start >= start.max(1))
        .map_or(l.line.text.len(), |lb| lb.start);
    after(l.line.text.get(start..end).unwrap_or_default(), 0)
}

fn read_certificate_number(doc: &Doc<'_>, fields: &mut Vec<FieldReading>) {
    for (i, _, j, start) in labelled(doc, Field::CertificateNumber) {
        let text = value_text(doc, j, start);
        // Words up to and including the first with a digit, and any
        // directly joined to it ("IS 712345", "NWC-27K-0412").
        let mut words = Vec::new();
        let mut seen_digit = false;
        for w in text.split_whitespace().take(6) {
            let digit = w.chars().any(|c| c.is_ascii_digit());
            if seen_digit && !digit {
                break;
            }
            words.push(w.trim_end_matches([',', ';', '.']));
            seen_digit |= digit;
            if seen_digit {
                break;
            }
        }
        if !seen_digit {
            continue;
        }
        push(
            fields,
            FieldReading {
                field: Field::CertificateNumber,
                value: words.join(" "),
                source: source_of(doc, i, j),
                page: doc.lines[i].page,
                note: None,
            },
        );
        return;
    }
}

fn read_holder(doc: &Doc<'_>, fields: &mut Vec<FieldReading>) {
    for (i, _, mut j, mut start) in labelled(doc, Field::Holder) {
        let mut text = value_text(doc, j, start)
            .trim_end_matches([',', ':'])
            .to_string();
        // "... that the information security management system of" and the
        // name on the next line.
        if text.ends_with(" of")
            && doc
                .lines
                .get(j + 1)
                .is_some_and(|n| n.page == doc.lines[j].page)
        {
            j += 1;
            start = 0;
            text = value_text(doc, j, start)
                .trim_end_matches([',', ':'])
                .to_string();
        }
        // "... that the management system of X" / "... that X has been ..."
        for lead in [
            "the management system of ",
            "the organisation ",
            "the organization ",
        ] {
            if let Some(rest) = text.strip_prefix(lead) {
                text = rest.to_string();
            }
        }
        for tail in [" has been", " is in", " operates"] {
            if let Some(p) = text.find(tail) {
                text.truncate(p);
            }
        }
        if text.len() < 2 {
            continue;
        }
        push(
            fields,
            FieldReading {
                field: Field::Holder,
                value: text.trim().to_string(),
                source: source_of(doc, i, j),
                page: doc.lines[i].page,
                note: None,
            },
        );
        return;
    }
}

/// Company suffixes that mark a line as an organisation's name.
const COMPANY: &[&str] = &[
    " ltd",
    " limited",
    " gmbh",
    " inc",
    " llc",
    " plc",
    " s.a.",
    " b.v.",
    " ag",
    " sas",
    " srl",
    " pty",
    " certification",
    " registrar",
    " assurance",
];

fn looks_like_company(text: &str) -> bool {
    let lower = format!("{} ", text.to_ascii_lowercase());
    COMPANY.iter().any(|s| {
        lower.contains(&format!("{s} "))
            || lower.contains(&format!("{s}. "))
            || lower.contains(&format!("{s}, "))
    })
}

fn read_certification_body(doc: &Doc<'_>, fields: &mut Vec<FieldReading>) {
    let holder = fields
        .iter()
        .find(|f| f.field == Field::Holder)
        .map(|f| f.value.to_ascii_lowercase());
    for (i, _, j, start) in labelled(doc, Field::CertificationBody) {
        let text = value_text(doc, j, start)
            .trim_end_matches([',', ':'])
            .to_string();
        if text.len() < 3 || holder.as_deref() == Some(text.to_ascii_lowercase().as_str()) {
            continue;
        }
        push(
            fields,
            FieldReading {
                field: Field::CertificationBody,
                value: text,
                source: source_of(doc, i, j),
                page: doc.lines[i].page,
                note: None,
            },
        );
        return;
    }
    // The letterhead: an organisation's name among the first lines of the
    // first page that is not the holder's and not an accreditation mark.
    for dl in doc
        .lines
        .iter()
        .take_while(|l| l.page == doc.lines[0].page)
        .take(4)
    {
        let t = dl.line.text.trim();
        let lower = t.to_ascii_lowercase();
        if looks_like_company(t)
            && !lower.contains("accredit")
            && holder.as_deref().is_none_or(|h| !lower.contains(h))
            && dl.labels.is_empty()
        {
            push(
                fields,
                FieldReading {
                    field: Field::CertificationBody,
                    value: t.to_string(),
                    source: t.to_string(),
                    page: dl.page,
                    note: Some("read from the letterhead at the top of the certificate: check it is the issuer".into()),
                },
            );
            return;
        }
    }
}

fn read_accreditation(doc: &Doc<'_>, fields: &mut Vec<FieldReading>) {
    for dl in &doc.lines {
        let words: Vec<&str> = dl
            .line
            .text
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| "(),;:.".contains(c)))
            .filter(|w| !w.is_empty())
            .collect();
        for n in (1..=7).rev() {
            for win in words.windows(n) {
                let candidate = win.join(" ");
                let Some(body) = recognised_accreditation_body(&candidate) else {
                    continue;
                };
                // A lone word counts only as printed ("UKAS", not "ukas").
                if n == 1 && body.short_name != candidate && !body.aliases.contains(&candidate) {
                    continue;
                }
                push(
                    fields,
                    FieldReading {
                        field: Field::AccreditationBody,
                        value: body.name.clone(),
                        source: dl.line.text.clone(),
                        page: dl.page,
                        note: None,
                    },
                );
                return;
            }
        }
    }
    // A named body that is not on the list: returned, with a warning.
    for (i, _, j, start) in labelled(doc, Field::AccreditationBody) {
        let text = value_text(doc, j, start)
            .trim_end_matches(['.', ','])
            .to_string();
        if text.len() < 3 {
            continue;
        }
        push(
            fields,
            FieldReading {
                field: Field::AccreditationBody,
                value: text,
                source: source_of(doc, i, j),
                page: doc.lines[i].page,
                note: Some("the accreditation body named is not on the recognised list".into()),
            },
        );
        return;
    }
}

/// Lines that end a scope statement.
fn ends_scope(dl: &DocLine<'_>) -> bool {
    let lower = dl.line.text.to_ascii_lowercase();
    dl.labels.iter().any(|l| l.field != Some(Field::Scope))
        || lower.starts_with("this certificate")
        || lower.starts_with("the validity")
        || lower.starts_with("this annex")
        || lower.starts_with("validity of this")
        || lower.contains("accredit")
        || lower.starts_with("page ")
        || lower.starts_with("signed")
        || lower.starts_with("for and on behalf")
}

fn read_scope(doc: &Doc<'_>, fields: &mut Vec<FieldReading>) {
    let Some((i, _, j, start)) = labelled(doc, Field::Scope).into_iter().next() else {
        return;
    };
    let first = &doc.lines[j];
    let mut parts = vec![value_text(doc, j, start).to_string()];
    let mut source = vec![doc.lines[i].line.text.clone()];
    if j != i {
        source.push(first.line.text.clone());
    }
    let mut last = j;
    let mut k = j + 1;
    while let Some(dl) = doc.lines.get(k) {
        let prev = &doc.lines[last];
        let gap = prev.line.y - dl.line.y;
        let same_column =
            (dl.line.x - first.line.x).abs() <= 2.0 * first.line.size || dl.line.x > first.line.x;
        if dl.page != first.page
            || ends_scope(dl)
            || gap > 2.0 * prev.line.size
            || gap <= 0.0
            || !same_column
            || doc
                .left_partner(k)
                .is_some_and(|p| !doc.lines[p].labels.is_empty())
        {
            break;
        }
        parts.push(dl.line.text.clone());
        source.push(dl.line.text.clone());
        last = k;
        k += 1;
    }
    // A scope continued on an annex page.
    let mut note = None;
    let annex = doc.lines.iter().enumerate().skip(k).find(|(_, dl)| {
        let l = dl.line.text.to_ascii_lowercase();
        dl.page > first.page
            && l.contains("scope")
            && (l.contains("continued") || l.contains("annex") || l.contains("appendix"))
    });
    if let Some((a, head)) = annex {
        note = Some(format!("the scope continues on page {}", head.page));
        source.push(head.line.text.clone());
        let mut k = a + 1;
        while let Some(dl) = doc.lines.get(k) {
            if dl.page != head.page || ends_scope(dl) {
                break;
            }
            parts.push(dl.line.text.clone());
            source.push(dl.line.text.clone());
            k += 1;
        }
    }
    let value = parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if value.is_empty() {
        return;
    }
    push(
        fields,
        FieldReading {
            field: Field::Scope,
            value,
            source: source.join("\n"),
            page: doc.lines[i].page,
            note,
        },
    );
}
