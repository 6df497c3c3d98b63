//! The fields of an evidence record, read from a certificate's text in
//! reading order. Certificates label their fields in many ways and
//! languages ("Certificate No.", "Registration number", "Número de
//! certificado"; "Valid until", "Fecha de caducidad") and place the value
//! after the label, to its right in a second column, on the next line, or
//! under it in a row of values below a row of labels; all are tried. Where
//! there is no label, the layout of certificates is: the holder's name
//! above its address above "has been assessed…", the certification body
//! before "hereby certifies" or after "certified by", "for and on behalf
//! of" and in the signature block, and unlabelled dates in a row read only
//! when their order and the three-year cycle settle which is which. Every
//! value keeps the text it came from, its page and what placed it, so the
//! buyer can check it against the PDF, and what is not found is listed as
//! missing, never guessed.

use super::dates::fold;
use super::kind::{classify, DocumentKind};
use super::labels::{labels_in, Label, Role};
use super::layout::Line;
use super::pdf::Extracted;
use super::soc2::{read_soc2, Soc2Reading};
use super::{find_dates, find_standards, DayMonthOrder, FoundDate};
use crate::domain::evaluation::EvidenceRecord;
use crate::domain::Layer;
use crate::policy::recognised_accreditation_body;
use serde::{Deserialize, Serialize};

/// A field of the evidence record: the reader prefills those of
/// [`RecordField::READABLE`].
pub use crate::domain::RecordField as Field;

/// One field read from the PDF (`F` is [`Field`], or a SOC 2 field).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldReading<F = Field> {
    pub field: F,
    /// Dates as `YYYY-MM-DD`, the standard as `27001:2022`, text as printed.
    pub value: String,
    /// The line or lines it was read from.
    pub source: String,
    /// From 1.
    pub page: u32,
    /// What the buyer should know before confirming it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// What placed the value: the label it was printed beside, or the
    /// pattern that found it ("the line above the address", …).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub found_by: String,
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

fn is_false(b: &bool) -> bool {
    !*b
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
    /// What the document is.
    #[serde(default)]
    pub document: DocumentKind,
    /// What a SOC 2 report or letter says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub soc2: Option<Soc2Reading>,
    /// True when the text was recognised from page images (OCR).
    #[serde(default, skip_serializing_if = "is_false")]
    pub ocr: bool,
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
            .map(|f| super::Confirmed::new(f.field, &f.value))
            .chain(self.soc2.iter().flat_map(|s| {
                s.fields
                    .iter()
                    .map(|f| super::Confirmed::soc2(f.field, &f.value))
            }))
            .collect();
        let subservice = self
            .soc2
            .as_ref()
            .map(Soc2Reading::organisations)
            .unwrap_or_default();
        super::build_record(id.into(), layer, &values, subservice)
    }
}

/// A line with its page and its place in the document's text.
pub(crate) struct DocLine<'a> {
    pub page: u32,
    pub line: &'a Line,
    /// Byte offset in the joined text.
    pub offset: usize,
    pub labels: Vec<Label>,
    /// The line's text folded (lower case, no accents).
    pub folded: String,
}

pub(crate) struct Doc<'a> {
    pub lines: Vec<DocLine<'a>>,
    pub text: String,
}

impl<'a> Doc<'a> {
    pub fn new(x: &'a Extracted) -> Self {
        let mut lines = Vec::new();
        let mut text = String::new();
        for p in &x.pages {
            for l in &p.lines {
                lines.push(DocLine {
                    page: p.number,
                    line: l,
                    offset: text.len(),
                    labels: labels_in(&l.text),
                    folded: fold(&l.text),
                });
                text.push_str(&l.text);
                text.push('\n');
            }
        }
        Doc { lines, text }
    }

    /// Each page's text, lines joined.
    pub fn page_texts(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut page = None;
        for l in &self.lines {
            if page != Some(l.page) {
                out.push(String::new());
                page = Some(l.page);
            }
            if let Some(t) = out.last_mut() {
                t.push_str(&l.line.text);
                t.push('\n');
            }
        }
        out
    }

    /// The line holding byte `offset` of the joined text.
    pub fn line_at(&self, offset: usize) -> Option<usize> {
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

    /// The x where the piece of line `i` holding byte `at` starts.
    fn x_at(&self, i: usize, at: usize) -> f64 {
        let Some(l) = self.lines.get(i) else {
            return 0.0;
        };
        l.line
            .cells
            .iter()
            .filter(|(o, _)| *o <= at)
            .map(|(_, x)| *x)
            .next_back()
            .unwrap_or(l.line.x)
    }

    /// The value under a label in a row of labels: the piece of the next
    /// line below whose x is nearest the label's.
    fn below_in_row(&self, i: usize, label: &Label) -> Option<(usize, usize)> {
        let me = self.lines.get(i)?;
        let x = self.x_at(i, label.start);
        let (j, below) = self
            .lines
            .iter()
            .enumerate()
            .skip(i + 1)
            .find(|(_, l)| l.page == me.page && l.line.y < me.line.y - 0.3 * me.line.size)?;
        if me.line.y - below.line.y > 3.0 * me.line.size.max(below.line.size) {
            return None;
        }
        let mut starts = vec![(below.line.x, 0usize)];
        starts.extend(below.line.cells.iter().map(|(o, x)| (*x, *o)));
        let (px, at) = starts
            .into_iter()
            .min_by(|a, b| (a.0 - x).abs().total_cmp(&(b.0 - x).abs()))?;
        ((px - x).abs() <= 4.0 * me.line.size).then_some((j, at))
    }

    /// Where the value of label `label` on line `i` is: after it on the
    /// line, in the column to its right, under it in a row of values, or on
    /// the next line. Returns the line and the byte where the value starts.
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
        // A label followed by another label: a row of labels over a row of
        // values.
        if next_label < line.line.text.len() {
            return self.below_in_row(i, label);
        }
        if let Some(j) = self.right_partner(i) {
            return Some((j, 0));
        }
        if line.labels.len() >= 2 {
            if let Some(v) = self.below_in_row(i, label) {
                return Some(v);
            }
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
    let document = classify(&doc.page_texts());
    let mut fields: Vec<FieldReading> = Vec::new();
    let mut also_named = Vec::new();
    let mut notes = x.notes.clone();
    let mut soc2 = None;
    let mut relevant: Vec<Field> = Field::READABLE.to_vec();

    match &document {
        DocumentKind::NotJudged { .. } => relevant.clear(),
        k if k.is_soc2() => {
            let (common, reading, more) = read_soc2(&doc, k);
            fields = common;
            soc2 = Some(reading);
            notes.extend(more);
            relevant = vec![Field::Standard, Field::Holder];
        }
        _ => {
            read_standard(&doc, &mut fields, &mut also_named);
            read_dates(&doc, &mut fields, &mut notes);
            read_certificate_number(&doc, &mut fields);
            read_holder(&doc, &mut fields);
            read_certification_body(&doc, &mut fields);
            read_accreditation(&doc, &mut fields);
            read_scope(&doc, &mut fields);
        }
    }

    let missing = relevant
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
        document,
        soc2,
        ocr: false,
    }
}

pub(crate) fn push<F: PartialEq>(fields: &mut Vec<FieldReading<F>>, r: FieldReading<F>) {
    if !fields.iter().any(|f| f.field == r.field) {
        fields.push(r);
    }
}

/// A reading of `field` from line `i` (and `j`, when the value is on
/// another line).
fn reading(
    doc: &Doc<'_>,
    field: Field,
    value: String,
    i: usize,
    j: usize,
    found_by: String,
) -> FieldReading {
    FieldReading {
        field,
        value,
        source: source_of(doc, i, j),
        page: doc.lines.get(i).map_or(1, |l| l.page),
        note: None,
        found_by,
    }
}

/// "printed beside “Date of issue”".
fn beside(doc: &Doc<'_>, i: usize, label: &Label) -> String {
    let text = doc
        .lines
        .get(i)
        .and_then(|l| l.line.text.get(label.start..label.end))
        .unwrap_or_default();
    format!("the label “{}”", text.trim())
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
        let note = match (&main.adoption, main.edition) {
            (Some(a), Some(e)) => Some(format!(
                "printed as {a}, the European adoption of ISO/IEC {}:{e}",
                main.standard.short()
            )),
            (Some(a), None) => Some(format!(
                "printed as {a}, a European or national adoption: add the ISO edition it adopts"
            )),
            (None, None) => Some("the certificate does not print the edition; add it".to_string()),
            (None, Some(_)) => None,
        };
        push(
            fields,
            FieldReading {
                field: Field::Standard,
                value: main_value.clone(),
                source: doc.lines[i].line.text.clone(),
                page: doc.lines[i].page,
                note,
                found_by: format!("the standard named, “{}”", main.raw),
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

fn iso_date(d: &FoundDate) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        d.date.year(),
        u8::from(d.date.month()),
        d.date.day()
    )
}

fn date_note(d: &FoundDate) -> Option<String> {
    if d.ambiguous {
        return Some(format!(
            "day and month could be either way round: {} read as {} {} {}",
            d.raw,
            d.date.day(),
            d.date.month(),
            d.date.year()
        ));
    }
    (d.order == DayMonthOrder::MonthFirst).then(|| {
        format!(
            "{} read month first, as the document writes its dates",
            d.raw
        )
    })
}

/// A certification cycle is three years; a day or a month either side is
/// how certification bodies print it.
fn within_a_cycle(from: time::Date, to: time::Date) -> bool {
    let days = (to - from).whole_days();
    (1..=3 * 366 + 31).contains(&days)
}

fn read_dates(doc: &Doc<'_>, fields: &mut Vec<FieldReading>, notes: &mut Vec<String>) {
    let dates = find_dates(&doc.text);
    let mut either: Option<FieldReading> = None;
    let mut due: Vec<String> = Vec::new();
    for d in &dates {
        let Some(i) = doc.line_at(d.start) else {
            continue;
        };
        let line = &doc.lines[i];
        let at = d.start - line.offset;
        // The nearest label before the date on its line, else the label
        // column beside it, else a label ending the line above, else the
        // label above it in a row of labels.
        let mut source = line.line.text.clone();
        let mut label = line.labels.iter().rev().find(|l| l.end <= at).copied();
        let mut label_line = i;
        if label.is_none() {
            if let Some(j) = doc.left_partner(i) {
                label = doc.lines[j].labels.last().copied();
                label_line = j;
                source = format!("{} {}", doc.lines[j].line.text, line.line.text);
            }
        }
        if label.is_none() && i > 0 {
            let prev = &doc.lines[i - 1];
            if prev.page == line.page {
                if at < 2 {
                    if let Some(l) = prev.labels.last() {
                        if after(&prev.line.text, l.end).is_empty() {
                            label = Some(*l);
                            label_line = i - 1;
                            source = format!("{}\n{}", prev.line.text, line.line.text);
                        }
                    }
                }
                // A row of labels over this row of values.
                if label.is_none() && prev.labels.len() >= 2 {
                    let x = doc.x_at(i, at);
                    label = prev
                        .labels
                        .iter()
                        .min_by(|a, b| {
                            (doc.x_at(i - 1, a.start) - x)
                                .abs()
                                .total_cmp(&(doc.x_at(i - 1, b.start) - x).abs())
                        })
                        .filter(|l| (doc.x_at(i - 1, l.start) - x).abs() <= 4.0 * line.line.size)
                        .copied();
                    if label.is_some() {
                        label_line = i - 1;
                        source = format!("{}\n{}", prev.line.text, line.line.text);
                    }
                }
            }
        }
        let Some(label) = label else { continue };
        let found_by = format!(
            "the label “{}”",
            doc.lines
                .get(label_line)
                .and_then(|l| l.line.text.get(label.start..label.end))
                .unwrap_or_default()
                .trim()
        );
        let r = |field| FieldReading {
            field,
            value: iso_date(d),
            source: source.clone(),
            page: line.page,
            note: date_note(d),
            found_by: found_by.clone(),
        };
        match label.role {
            Role::Field(f) if f.is_date() => push(fields, r(f)),
            Role::IssueOrOriginal if either.is_none() => either = Some(r(Field::IssueDate)),
            Role::Ignore
                if label_text_has(line, &label, "due")
                    || label_text_has(line, &label, "surveillance") =>
            {
                due.push(d.raw.clone())
            }
            _ => {}
        }
    }
    // "Date of certification" is the issue date when no other is printed,
    // else the original certification.
    if let Some(mut e) = either {
        if fields.iter().any(|f| f.field == Field::IssueDate) {
            e.field = Field::OriginallyCertified;
        } else {
            e.note = Some(format!(
                "{} is the only issue date printed; if the certificate was reissued, type the reissue date",
                e.found_by
            ));
        }
        push(fields, e);
    }
    if !due.is_empty() {
        notes.push(format!(
            "The certificate lists surveillance audits due ({}): these are planned, not audits done, so the last surveillance audit stays empty.",
            due.join(", ")
        ));
    }
    unlabelled_date_row(doc, &dates, fields);
}

fn label_text_has(line: &DocLine<'_>, label: &Label, word: &str) -> bool {
    line.line
        .text
        .get(label.start..label.end)
        .is_some_and(|t| fold(t).contains(word))
}

/// Dates in a row with no printed label (the labels are images): read only
/// when there is no labelled issue or expiry date, and the order settles
/// it: the latest is the expiry, within one certification cycle of every
/// other; the latest of the others is the issue date.
fn unlabelled_date_row(doc: &Doc<'_>, dates: &[FoundDate], fields: &mut Vec<FieldReading>) {
    if fields
        .iter()
        .any(|f| matches!(f.field, Field::IssueDate | Field::ExpiryDate))
    {
        return;
    }
    for (i, dl) in doc.lines.iter().enumerate() {
        let row: Vec<&FoundDate> = dates
            .iter()
            .filter(|d| doc.line_at(d.start) == Some(i))
            .collect();
        if row.len() < 2 || !dl.labels.is_empty() {
            continue;
        }
        // Nothing but dates (and a short version number) on the line.
        let mut rest = dl.line.text.clone();
        for d in &row {
            rest = rest.replacen(&d.raw, "", 1);
        }
        // Nothing else but a version ("2", "Original").
        let extra: Vec<&str> = rest.split_whitespace().collect();
        if extra.len() > 1 || extra.iter().any(|w| w.chars().count() > 10) {
            continue;
        }
        let Some(expiry) = row.iter().max_by_key(|d| d.date) else {
            continue;
        };
        if !row
            .iter()
            .filter(|d| d.start != expiry.start)
            .all(|d| within_a_cycle(d.date, expiry.date))
        {
            continue;
        }
        let Some(issue) = row
            .iter()
            .filter(|d| d.start != expiry.start)
            .max_by_key(|d| d.date)
        else {
            continue;
        };
        let note = Some(format!(
            "the labels of the dates in “{}” are not text (an image): read by their order and the three-year certification cycle, the latest as the expiry and the latest before it as the issue date; check them against the PDF",
            dl.line.text
        ));
        for (field, d) in [(Field::IssueDate, issue), (Field::ExpiryDate, expiry)] {
            push(
                fields,
                FieldReading {
                    field,
                    value: iso_date(d),
                    source: dl.line.text.clone(),
                    page: dl.page,
                    note: note.clone(),
                    found_by: "a row of dates without labels".into(),
                },
            );
        }
        return;
    }
}

/// The text of `line` after `end`, without the punctuation between a label
/// and its value.
fn after(text: &str, end: usize) -> &str {
    text.get(end..)
        .unwrap_or_default()
        .trim_start_matches(|c: char| c.is_whitespace() || ":.#-–|/".contains(c))
        .trim()
}

/// Every labelled value of `field`: (label line, label, value line, value
/// start).
fn labelled(doc: &Doc<'_>, field: Field) -> Vec<(usize, Label, usize, usize)> {
    let mut out = Vec::new();
    for (i, l) in doc.lines.iter().enumerate() {
        for label in l.labels.iter().filter(|lb| lb.field() == Some(field)) {
            if let Some((j, start)) = doc.value_of(i, label) {
                out.push((i, *label, j, start));
            }
        }
    }
    out
}

pub(crate) fn source_of(doc: &Doc<'_>, i: usize, j: usize) -> String {
    let text = |k: usize| {
        doc.lines
            .get(k)
            .map(|l| l.line.text.clone())
            .unwrap_or_default()
    };
    if i == j {
        text(i)
    } else {
        format!("{}\n{}", text(i), text(j))
    }
}

/// The value's text on its line, up to the next label that starts a piece
/// of the line (a running text: a label's words inside a sentence, or a
/// wide gap of justified spacing, do not end it).
fn value_line<'t>(doc: &'t Doc<'_>, j: usize, start: usize) -> &'t str {
    let Some(l) = doc.lines.get(j) else {
        return "";
    };
    let end = l
        .labels
        .iter()
        .find(|lb| lb.start >= start.max(1) && l.line.cells.iter().any(|(o, _)| *o == lb.start))
        .map_or(l.line.text.len(), |lb| lb.start);
    after(l.line.text.get(start..end).unwrap_or_default(), 0)
}

/// The value's text on its line, up to the next label or the next cell.
fn value_text<'t>(doc: &'t Doc<'_>, j: usize, start: usize) -> &'t str {
    let Some(l) = doc.lines.get(j) else {
        return "";
    };
    let label_end = l
        .labels
        .iter()
        .find(|lb| lb.start >= start.max(1))
        .map_or(l.line.text.len(), |lb| lb.start);
    let cell_end = l
        .line
        .cells
        .iter()
        .map(|(o, _)| *o)
        .find(|o| *o > start + 1)
        .unwrap_or(l.line.text.len());
    after(
        l.line
            .text
            .get(start..label_end.min(cell_end))
            .unwrap_or_default(),
        0,
    )
}

fn read_certificate_number(doc: &Doc<'_>, fields: &mut Vec<FieldReading>) {
    for (i, label, j, start) in labelled(doc, Field::CertificateNumber) {
        let text = value_text(doc, j, start);
        // Words up to and including the first with a digit, and any
        // directly joined to it ("IS 712345", "NWC-27K-0412").
        let mut words = Vec::new();
        let mut seen_digit = false;
        // A lone character or two after the label is a colon misread, not
        // the number (no certificate number is that short).
        for w in text
            .split_whitespace()
            .skip_while(|w| w.chars().count() <= 2)
            .take(6)
        {
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
            reading(
                doc,
                Field::CertificateNumber,
                words.join(" "),
                i,
                j,
                beside(doc, i, &label),
            ),
        );
        return;
    }
}

/// Words that make a line boilerplate, not a name.
const BOILERPLATE: &[&str] = &[
    "certif",
    "management system",
    "information security",
    "standard",
    "requirement",
    "scope",
    "iso/iec",
    "iso ",
    "this is to",
    "hereby",
    "accordance",
    "assessed",
    "registration",
    "conform",
    "complian",
    "statement of applicability",
    "following",
    "has been",
    "audited",
    "sistema de gestion",
    "systeme de management",
    "managementsystem",
    "sistema di gestione",
    "yonetim sistemi",
    "operates",
    "activities",
    "page ",
];

fn is_boilerplate(folded: &str) -> bool {
    BOILERPLATE.iter().any(|b| folded.contains(b))
}

/// A postal address: digits with comma-separated parts, or many parts.
fn is_address(text: &str) -> bool {
    let commas = text.matches(',').count();
    let digit = text.chars().any(|c| c.is_ascii_digit());
    let f = fold(text);
    let street = [
        "street",
        "st.",
        "road",
        "rd.",
        "avenue",
        "ave",
        "floor",
        "level",
        "suite",
        "plot",
        "flat",
        "building",
        "bldg",
        "boulevard",
        "blvd",
        "lane",
        "calle",
        "rue ",
        "via ",
        "avenida",
        "strasse",
        "cad.",
        "sokak",
        "mah.",
        "p.o. box",
        "po box",
        "pmb",
    ];
    (digit && commas >= 2) || commas >= 3 || (digit && street.iter().any(|s| f.contains(s)))
}

/// Company suffixes that mark a line as an organisation's name.
const COMPANY: &[&str] = &[
    "ltd",
    "limited",
    "gmbh",
    "inc",
    "llc",
    "llp",
    "plc",
    "s.a.",
    "s.l.",
    "s.l.u.",
    "s.a.s.",
    "b.v.",
    "ag",
    "sas",
    "srl",
    "s.r.l.",
    "spa",
    "s.p.a.",
    "pty",
    "a.s.",
    "a.s",
    "ou",
    "uab",
    "kft",
    "corp",
    "corporation",
    "company",
    "pvt",
    "lda",
    "ltda",
    "sarl",
    "nv",
    "oy",
    "ab",
    "certification",
    "registrar",
    "assurance",
    "cpas",
];

/// Legal forms: a name that ends in one is an organisation's.
const LEGAL: &[&str] = &[
    "ltd",
    "limited",
    "gmbh",
    "inc",
    "llc",
    "llp",
    "plc",
    "s.a.",
    "s.l.",
    "s.l.u.",
    "s.a.s.",
    "b.v.",
    "ag",
    "sas",
    "srl",
    "s.r.l.",
    "spa",
    "s.p.a.",
    "pty",
    "a.s.",
    "uab",
    "kft",
    "corp",
    "corporation",
    "pvt",
    "lda",
    "ltda",
    "sarl",
    "nv",
    "oy",
    "ab",
    "d.o.o.",
    "sp. z o.o.",
];

fn has_legal_form(text: &str) -> bool {
    let f = fold(text);
    f.split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.trim_end_matches(['.', ',', ')']))
        .any(|w| LEGAL.iter().any(|c| c.trim_end_matches('.') == w))
}

pub(crate) fn looks_like_company(text: &str) -> bool {
    let f = fold(text);
    f.split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.trim_end_matches(['.', ',', ')']))
        .any(|w| {
            COMPANY
                .iter()
                .any(|c| c.trim_end_matches('.') == w || *c == format!("{w}."))
        })
}

/// A holder's name as printed, cleaned of the sentence around it.
fn clean_name(text: &str) -> String {
    let mut t = text.trim().to_string();
    let lower = fold(&t);
    for lead in [
        "the management system of ",
        "the information security management system of ",
        "the organisation ",
        "the organization ",
    ] {
        if lower.starts_with(lead) {
            t = t.get(lead.len()..).unwrap_or_default().to_string();
        }
    }
    let lower = fold(&t);
    for tail in [
        " has been",
        " have been",
        " is in",
        " is certified",
        " operates",
        " hereby",
        " conforms",
    ] {
        if let Some(p) = lower.find(tail) {
            t.truncate(p.min(t.len()));
        }
    }
    let t = t.trim().trim_end_matches([',', ':', ';']).trim();
    t.to_string()
}

fn plausible_name(text: &str) -> bool {
    let words = text.split_whitespace().count();
    let f = fold(text);
    (1..=12).contains(&words)
        && text.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !is_boilerplate(&f)
        && !is_address(text)
        && !text.ends_with(':')
        && !f.starts_with("the ")
        && !f.starts_with("to ")
        && !f.starts_with("for ")
        && !f.starts_with("and ")
}

/// The first line at or after `j` (same page, up to four lines on) that
/// can be a name, skipping the sentence that leads to it.
fn name_from(doc: &Doc<'_>, j: usize, start: usize) -> Option<(usize, String)> {
    let page = doc.lines.get(j)?.page;
    let first = clean_name(value_text(doc, j, start));
    if !first.is_empty() && plausible_name(&first) {
        return Some((j, first));
    }
    for k in j + 1..(j + 5).min(doc.lines.len()) {
        let dl = &doc.lines[k];
        if dl.page != page {
            break;
        }
        let t = dl.line.text.trim().trim_end_matches([',', ':', ';']).trim();
        let has_letters = t.chars().filter(|c| c.is_alphabetic()).count() >= 2;
        if !has_letters || is_boilerplate(&dl.folded) {
            continue;
        }
        if plausible_name(t) && dl.labels.iter().all(|l| l.field() == Some(Field::Holder)) {
            return Some((k, t.to_string()));
        }
        break;
    }
    None
}

fn read_holder(doc: &Doc<'_>, fields: &mut Vec<FieldReading>) {
    let cb = fields
        .iter()
        .find(|f| f.field == Field::CertificationBody)
        .map(|f| fold(&f.value));
    // A label, or a certifying phrase, and the name after it.
    for (i, label, j, start) in labelled(doc, Field::Holder) {
        let bare = doc
            .lines
            .get(i)
            .and_then(|l| l.line.text.get(label.start..label.end))
            .is_some_and(|t| fold(t) == "company");
        if bare && label.start > 0 {
            continue;
        }
        let Some((k, name)) = name_from(doc, j, start) else {
            continue;
        };
        if cb.as_deref().is_some_and(|c| fold(&name) == c) {
            continue;
        }
        push(
            fields,
            reading(doc, Field::Holder, name, i, k, beside(doc, i, &label)),
        );
        return;
    }
    // The name above its address, above "has been assessed…".
    for (i, dl) in doc.lines.iter().enumerate() {
        let f = dl.folded.trim_start();
        if !(f.starts_with("has been")
            || f.starts_with("have been")
            || f.starts_with("is certified")
            || f.starts_with("has successfully"))
        {
            continue;
        }
        let mut k = i;
        let mut saw_address = false;
        while k > 0 {
            k -= 1;
            let up = &doc.lines[k];
            if up.page != dl.page {
                break;
            }
            if is_address(&up.line.text) {
                saw_address = true;
                continue;
            }
            let name = clean_name(&up.line.text);
            if saw_address && plausible_name(&name) {
                push(
                    fields,
                    reading(
                        doc,
                        Field::Holder,
                        name,
                        k,
                        k,
                        format!(
                            "the name above its address, above “{}”",
                            dl.line.text.trim()
                        ),
                    ),
                );
                return;
            }
            break;
        }
    }
}

/// Cuts a body's name out of the sentence around it.
fn clean_body(text: &str) -> String {
    let mut t = text.trim().to_string();
    let lower = fold(&t);
    for lead in [
        "the certification body of ",
        "the certification body ",
        "the ",
    ] {
        if lower.starts_with(lead) {
            t = t.get(lead.len()..).unwrap_or_default().to_string();
            break;
        }
    }
    let lower = fold(&t);
    let mut cut = t.len();
    for stop in [
        " to the",
        " to ",
        " and ",
        " for ",
        " in accordance",
        " according",
        " against",
        " as ",
        " is ",
        " has ",
        " with ",
        "(",
        ",",
        ";",
        " hereby",
        " certifies",
        " - ",
        " – ",
    ] {
        if let Some(p) = lower.find(stop) {
            cut = cut.min(p);
        }
    }
    t.truncate(cut.min(t.len()));
    trim_end_keeping_abbreviation(t.trim().trim_end_matches(':'))
}

/// Strips a final full stop, unless it ends an abbreviation ("Inc.",
/// "B.V.", "S.L.U.").
fn trim_end_keeping_abbreviation(t: &str) -> String {
    let t = t.trim();
    let Some(stripped) = t.strip_suffix('.') else {
        return t.to_string();
    };
    let last = stripped.rsplit(' ').next().unwrap_or_default();
    if last.contains('.') || looks_like_company(last) || last.len() <= 3 {
        t.to_string()
    } else {
        stripped.trim_end().to_string()
    }
}

fn plausible_body(text: &str, holder: Option<&str>) -> bool {
    let f = fold(text);
    let words = text.split_whitespace().count();
    (1..=9).contains(&words)
        && text.chars().filter(|c| c.is_alphabetic()).count() >= 2
        // A code ("MSCB-103") is an accreditation number, not a name.
        && !text.chars().any(|c| c.is_ascii_digit())
        && !["this", "we", "it", "our", "management", "a ", "an "]
            .iter()
            .any(|w| f.starts_with(w))
        && holder.is_none_or(|h| !f.contains(h) && !h.contains(f.as_str()))
        && !f.contains("certify that")
}

fn read_certification_body(doc: &Doc<'_>, fields: &mut Vec<FieldReading>) {
    let holder = fields
        .iter()
        .find(|f| f.field == Field::Holder)
        .map(|f| fold(&f.value));
    let holder = holder.as_deref();
    let found = |fields: &mut Vec<FieldReading>,
                 value: String,
                 i: usize,
                 j: usize,
                 by: String,
                 note: Option<String>| {
        let mut r = reading(doc, Field::CertificationBody, value, i, j, by);
        r.note = note;
        push(fields, r);
    };
    // "X hereby certifies that", "X certifica que".
    for (i, dl) in doc.lines.iter().enumerate() {
        for label in dl
            .labels
            .iter()
            .filter(|l| l.field() == Some(Field::Holder))
        {
            let phrase = dl.line.text.get(label.start..label.end).unwrap_or_default();
            let fp = fold(phrase);
            if label.start == 0
                || !(fp.contains("certif") || fp.contains("atteste") || fp.contains("bescheinigt"))
            {
                continue;
            }
            let before = dl.line.text.get(..label.start).unwrap_or_default();
            let name = clean_body(before);
            if plausible_body(&name, holder) {
                found(
                    fields,
                    name,
                    i,
                    i,
                    format!("the name before “{}”", phrase.trim()),
                    None,
                );
                return;
            }
        }
    }
    // "certified by X", "assessed by X", "for and on behalf of X", or a
    // "Certification body:" label.
    for (i, label, j, start) in labelled(doc, Field::CertificationBody) {
        let text = clean_body(value_text(doc, j, start));
        if !plausible_body(&text, holder) {
            continue;
        }
        found(fields, text, i, j, beside(doc, i, &label), None);
        return;
    }
    // The signature block: the organisation under "Authorised signatory".
    for (i, dl) in doc.lines.iter().enumerate() {
        if ![
            "authorised signatory",
            "authorized signatory",
            "authorized by",
            "authorised by",
        ]
        .iter()
        .any(|w| dl.folded.contains(w))
        {
            continue;
        }
        for k in i + 1..(i + 4).min(doc.lines.len()) {
            let t = doc.lines[k].line.text.trim();
            if doc.lines[k].page == dl.page && looks_like_company(t) && plausible_body(t, holder) {
                found(
                    fields,
                    t.to_string(),
                    i,
                    k,
                    "the signature block".into(),
                    None,
                );
                return;
            }
        }
    }
    // The letterhead or the footer of the first page.
    let first_page = doc.lines.first().map_or(1, |l| l.page);
    let page: Vec<&DocLine<'_>> = doc.lines.iter().filter(|l| l.page == first_page).collect();
    let n = page.len();
    for dl in page
        .iter()
        .take(4)
        .chain(page.iter().skip(n.saturating_sub(6)))
    {
        let t = dl.line.text.trim();
        // A certification body's name says what it does; a holder's name
        // at the top of the page does not.
        let body_word = [
            "certif",
            "zertifiz",
            "assurance",
            "registrar",
            "quality",
            "qualit",
            "compliance",
            "audit",
            "inspection",
            "conformit",
            "veritas",
            "standards",
        ]
        .iter()
        .any(|w| dl.folded.contains(w));
        if has_legal_form(t)
            && body_word
            && !dl.folded.contains("accredit")
            && dl.labels.is_empty()
            && plausible_body(t, holder)
            && !is_address(t)
        {
            let mut r = FieldReading {
                field: Field::CertificationBody,
                value: t.to_string(),
                source: t.to_string(),
                page: dl.page,
                note: Some("read from the letterhead or the footer of the certificate: check it is the issuer".into()),
                found_by: "the letterhead or footer".into(),
            };
            r.source = dl.line.text.clone();
            push(fields, r);
            return;
        }
    }
}

/// Words of an accreditation mark's text ("UK ACKREDITERING CERTIFICATION
/// LIMITED"): any spelling of "accredit".
fn accreditation_word(folded: &str) -> bool {
    ["accredit", "akkredit", "ackredit", "acredit", "akredit"]
        .iter()
        .any(|s| folded.contains(s))
}

fn read_accreditation(doc: &Doc<'_>, fields: &mut Vec<FieldReading>) {
    // A recognised body named in the text, by name or short name.
    for (i, dl) in doc.lines.iter().enumerate() {
        let words: Vec<&str> = dl
            .line
            .text
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| "(),;:.".contains(c)))
            .filter(|w| !w.is_empty())
            .collect();
        for n in (1..=10).rev() {
            for win in words.windows(n) {
                let candidate = win.join(" ");
                let Some(body) = recognised_accreditation_body(&candidate) else {
                    continue;
                };
                // A lone word counts only as printed ("UKAS", not "ukas"),
                // and only beside "accredited" or as a mark's own short
                // line ("UKAS 0001"): an acronym in a sentence may be
                // anyone's.
                if n == 1
                    && (body.short_name != candidate && !body.aliases.contains(&candidate)
                        || !(accreditation_word(&dl.folded) || words.len() <= 4))
                {
                    continue;
                }
                push(
                    fields,
                    reading(
                        doc,
                        Field::AccreditationBody,
                        body.name.clone(),
                        i,
                        i,
                        format!("the recognised accreditation body named, “{candidate}”"),
                    ),
                );
                return;
            }
        }
    }
    // A named body that is not on the list: returned, with a warning.
    for (i, label, j, start) in labelled(doc, Field::AccreditationBody) {
        let raw = value_text(doc, j, start);
        let cut = [",", ";", " – ", " - ", " and is ", " under "]
            .iter()
            .filter_map(|s| raw.find(s))
            .min()
            .unwrap_or(raw.len());
        let text = trim_end_keeping_abbreviation(raw.get(..cut).unwrap_or(raw));
        if text.len() < 3 {
            continue;
        }
        let mut r = reading(
            doc,
            Field::AccreditationBody,
            text,
            i,
            j,
            beside(doc, i, &label),
        );
        r.note = Some("the accreditation body named is not on the recognised list".into());
        push(fields, r);
        return;
    }
    // The text of a mark: short lines of an organisation whose name spells
    // "accreditation" ("UK / ACKREDITERING / CERTIFICATION / LIMITED"),
    // with the acronym printed above it.
    for (i, dl) in doc.lines.iter().enumerate() {
        let words = dl.line.text.split_whitespace().count();
        if words > 3 || !accreditation_word(&dl.folded) {
            continue;
        }
        let page = dl.page;
        // The acronym: the nearest line above, within three, that is one
        // upper-case word of three to six letters.
        let Some(a) = (i.saturating_sub(3)..i).rev().find(|&k| {
            let l = &doc.lines[k];
            let t = l.line.text.trim();
            l.page == page
                && (3..=6).contains(&t.len())
                && t.chars().all(|c| c.is_ascii_uppercase())
        }) else {
            continue;
        };
        let acronym = doc.lines[a].line.text.trim().to_string();
        // The name: the short lines from the acronym down.
        let mut name = Vec::new();
        let mut last = a;
        for k in a + 1..(i + 4).min(doc.lines.len()) {
            let l = &doc.lines[k];
            if l.page != page || l.line.text.split_whitespace().count() > 3 {
                break;
            }
            name.push(l.line.text.trim().to_string());
            last = k;
        }
        let mut r = reading(
            doc,
            Field::AccreditationBody,
            format!("{acronym} ({})", name.join(" ")),
            a,
            last,
            "the text of an accreditation mark".into(),
        );
        r.source = doc.lines[a..=last]
            .iter()
            .map(|l| l.line.text.clone())
            .collect::<Vec<_>>()
            .join("\n");
        r.note = Some("the accreditation body named is not on the recognised list".into());
        push(fields, r);
        return;
    }
}

/// Lines that end a scope statement.
fn ends_scope(dl: &DocLine<'_>) -> bool {
    let lower = &dl.folded;
    let starts_piece = |at: usize| at < 3 || dl.line.cells.iter().any(|(o, _)| *o == at);
    dl.labels
        .iter()
        .any(|l| l.field() != Some(Field::Scope) && l.role != Role::Ignore && starts_piece(l.start))
        || lower.starts_with("this certificate")
        || lower.starts_with("the validity")
        || lower.starts_with("this annex")
        || lower.starts_with("validity of this")
        || lower.contains("accredit")
        || lower.starts_with("page ")
        || lower.starts_with("signed")
        || lower.starts_with("for and on behalf")
        || lower.starts_with("authori")
        || lower.starts_with("*subject to")
        || lower.starts_with("subject to")
        || lower.starts_with("certificate")
        || lower.starts_with("date of")
        || lower.starts_with("el presente certificado")
        || lower.starts_with("ce certificat")
        || lower.starts_with("dieses zertifikat")
        || lower.starts_with("il presente certificato")
        || lower.starts_with("bu sertifika")
}

fn read_scope(doc: &Doc<'_>, fields: &mut Vec<FieldReading>) {
    // A scope label inside a sentence ("…for the following scope, the
    // validity of…") is not one: it starts its line, or its line ends
    // with a colon, or nothing follows it.
    let mut candidates = labelled(doc, Field::Scope)
        .into_iter()
        .filter(|(i, label, _, _)| {
            let text = &doc.lines[*i].line.text;
            label.start <= 4 || text.trim_end().ends_with(':') || after(text, label.end).is_empty()
        });
    let Some((i, label, mut j, mut start)) = candidates.next() else {
        return;
    };
    // "For the following scope of activities:" ends its line: the value
    // starts on the next.
    let lead = value_line(doc, j, start);
    if j == i && lead.ends_with(':') && lead.split_whitespace().count() <= 4 {
        j = i + 1;
        start = 0;
    }
    let Some(first) = doc.lines.get(j) else {
        return;
    };
    if first.page != doc.lines[i].page {
        return;
    }
    let mut parts = vec![value_line(doc, j, start).to_string()];
    let mut source = vec![doc.lines[i].line.text.clone()];
    if j != i {
        source.push(first.line.text.clone());
    }
    let mut last = j;
    let mut k = j + 1;
    while let Some(dl) = doc.lines.get(k) {
        // Bullets drawn apart from their text.
        if dl
            .line
            .text
            .chars()
            .all(|c| "•·-–▪◦*".contains(c) || c.is_whitespace())
        {
            k += 1;
            continue;
        }
        let prev = &doc.lines[last];
        let gap = prev.line.y - dl.line.y;
        // "The scope includes:" announces the lines after a wider gap.
        let allowed = if prev.line.text.trim_end().ends_with(':') {
            4.5
        } else {
            3.0
        };
        let same_column =
            (dl.line.x - first.line.x).abs() <= 2.0 * first.line.size || dl.line.x > first.line.x;
        if dl.page != first.page
            || ends_scope(dl)
            || gap > allowed * prev.line.size
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
        let l = &dl.folded;
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
            found_by: beside(doc, i, &label),
        },
    );
}
