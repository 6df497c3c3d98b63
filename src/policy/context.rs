//! What the rules of one candidate share: the facts known about each record
//! before the rules run, the findings so far, the decision matrix, caches of
//! the scope matching, and [`Draft`], the builder every rule writes its
//! findings with.

use super::calendar::{add_days, add_months};
use super::report::{Cell, Compared, FieldRef, Finding, Name, ScopeMatch, Severity, Subject};
use super::rules::{Circumstances, Ease, Rule};
use crate::domain::evaluation::{
    Candidate, Evaluation, EvidenceRecord, RequirementLevel, Soc2Type, StandardRef,
};
use crate::domain::{format_date, human_date, Layer, RecordField, RiskTier, Standard};
use std::borrow::Cow;
use std::rc::Rc;
use time::Date;

/// What the engine knows about a record before the rules run.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Facts {
    /// The record supports a requirement of level `required` (or a named
    /// sector attestation) at its layer: its own fails stay fails.
    pub required: bool,
    /// On a hosted path, a model-layer record held by the platform vendor.
    pub platform_held: bool,
    pub public_claim: bool,
    /// Whose it is, against the organisation of its layer.
    pub holder: HolderFact,
    /// The record of the same layer, standard and holder that supersedes
    /// this one (POLICY.md, "Superseded records").
    pub superseded_by: Option<usize>,
}

impl Facts {
    /// Current evidence of its own layer: verified (not a public claim),
    /// not the platform's record at the model layer, not superseded.
    pub fn current(&self) -> bool {
        !self.public_claim && !self.platform_held && self.superseded_by.is_none()
    }
}

/// A record's holder against the organisation its layer stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HolderFact {
    /// Not checked: a public claim, the customer layer, a platform record
    /// of a direct candidate, or the platform's record at the model layer
    /// (`layer.inherited-only`'s business).
    NotChecked,
    /// One of the organisation's names.
    Matches,
    Blank,
    /// Another organisation's.
    Foreign,
    /// Another organisation's, confirmed by hand as an affiliate (the index
    /// of the confirmation).
    Confirmed(usize),
}

pub(crate) struct Ctx<'a> {
    pub eval: &'a Evaluation,
    pub cand: &'a Candidate,
    pub date: Date,
    pub tier: RiskTier,
    pub cand_id: Name,
    /// Each record's id, trimmed, shared by every finding and cell about it.
    pub ids: Vec<Name>,
    /// Each record's holder, trimmed, shared by the cells that name it.
    pub holder_names: Vec<Name>,
    pub facts: Vec<Facts>,
    pub findings: Vec<Finding>,
    pub record_worst: Vec<Option<Severity>>,
    /// The scope matches at the model layer (and any other but the platform).
    pub scope_matches: Vec<ScopeMatch>,
    /// The scope matches at the platform layer, kept apart: the report lists
    /// them first, and each list is found in order (see `sort_scope_matches`).
    pub platform_matches: Vec<ScopeMatch>,
    /// The current records that can support a requirement: layer, standard
    /// (a SOC 2 report only when of Type II), index (see
    /// `cells::find_support`).
    pub support: Vec<(Layer, Standard, usize)>,
    pub matrix: Vec<Cell>,
    /// Per product: its name and padded normalised forms (model layer).
    pub products: Vec<(Name, Rc<[String]>)>,
    /// The hosting service's name and forms (platform layer).
    pub service: Option<(Name, Rc<[String]>)>,
    /// The scope statements seen so far, each normalised once (see
    /// `evaluate_candidate`), and the current record's among them.
    pub scopes: Vec<Scope>,
    pub scope: usize,
    /// Typed accreditation bodies already looked up, and the answer.
    pub accreditation: Vec<(String, bool)>,
    /// Dates already shifted (see [`Ctx::shifted`]).
    pub shifts: Vec<((Date, i32, i64), Date)>,
    /// Per product, the words of the current scope that name it.
    pub product_hits: Vec<Option<Name>>,
    pub product_hits_valid: bool,
    /// The words of the current scope that name the hosting service.
    pub service_hit: Option<Option<Name>>,
    /// Some record of the candidate is to ISO/IEC 27001:2013.
    pub has_27001_2013: bool,
    /// The reasons of the cells decided on a record, written one after the
    /// other; each such cell's part (cell index, range), given to it by
    /// `cells::share_reasons`.
    pub reasons: String,
    pub pending_reasons: Vec<(usize, std::ops::Range<usize>)>,
}

/// A scope statement, normalised once per evaluation (statements repeat
/// across records and candidates), with what was looked for in it.
pub(crate) struct Scope {
    pub text: String,
    /// Normalised, and the byte offset in `text` of each byte.
    pub norm: String,
    pub offsets: Vec<u32>,
    /// The "model is certified" claim, once looked for.
    pub model_claim: Option<Option<String>>,
    /// The "SOC 2 certificate" claim, once looked for.
    pub soc2_claim: Option<Option<String>>,
    /// Where a product's forms were found, by its first (own) form, which
    /// determines the others.
    found: Vec<(String, Option<(usize, usize)>)>,
}

impl Scope {
    /// The index of `text` among `scopes`, normalising it if it is new.
    pub(crate) fn index(scopes: &mut Vec<Scope>, text: &str) -> usize {
        if let Some(k) = scopes.iter().position(|s| s.text == text) {
            return k;
        }
        let mut norm = String::new();
        let mut offsets = Vec::new();
        super::text::normalise_into(text, &mut norm, &mut offsets);
        scopes.push(Scope {
            text: text.to_string(),
            norm,
            offsets,
            model_claim: None,
            soc2_claim: None,
            found: Vec::new(),
        });
        scopes.len() - 1
    }

    /// [`super::text::find_any`] of a product's `forms` in this scope.
    pub(crate) fn find(&mut self, forms: &[String]) -> Option<(usize, usize)> {
        let key = forms.first()?;
        if let Some((_, hit)) = self.found.iter().find(|(k, _)| k == key) {
            return *hit;
        }
        let hit = super::text::find_any(&self.norm, forms);
        if self.found.len() < 16 {
            self.found.push((key.clone(), hit));
        }
        hit
    }
}

impl<'a> Ctx<'a> {
    /// Forgets what was found in the previous scope statement.
    pub(crate) fn scope_changed(&mut self) {
        self.product_hits_valid = false;
        self.service_hit = None;
    }

    /// True when `typed` names a recognised accreditation body (remembered:
    /// the same few bodies appear on most records).
    pub(crate) fn recognised_accreditation(&mut self, typed: &str) -> bool {
        if let Some(&(_, yes)) = self.accreditation.iter().find(|(t, _)| t == typed) {
            return yes;
        }
        let yes = super::accreditation::recognised_accreditation_body(typed).is_some();
        if self.accreditation.len() >= 64 {
            self.accreditation.clear();
        }
        self.accreditation.push((typed.to_string(), yes));
        yes
    }

    /// `d` plus `months` calendar months, then plus `days` days (the
    /// arithmetic of `calendar.rs`), remembered: the same few dates recur
    /// on most records.
    pub(crate) fn shifted(&mut self, d: Date, months: i32, days: i64) -> Date {
        let key = (d, months, days);
        if let Some(&(_, out)) = self.shifts.iter().find(|(k, _)| *k == key) {
            return out;
        }
        let mut out = d;
        if months != 0 {
            out = add_months(out, months);
        }
        if days != 0 {
            out = add_days(out, days);
        }
        if self.shifts.len() >= 32 {
            self.shifts.clear();
        }
        self.shifts.push((key, out));
        out
    }

    /// Where a scope match at `layer` is kept.
    pub(crate) fn matches_at(&mut self, layer: Layer) -> &mut Vec<ScopeMatch> {
        match layer {
            Layer::Platform => &mut self.platform_matches,
            _ => &mut self.scope_matches,
        }
    }

    /// Record `i` of the candidate.
    pub(crate) fn record(&self, i: usize) -> &'a EvidenceRecord {
        &self.cand.records.as_slice()[i]
    }

    fn subject(
        &self,
        layer: Option<Layer>,
        record: Option<usize>,
        standard: Option<Standard>,
        field: Option<FieldRef>,
    ) -> Subject {
        Subject {
            candidate: self.cand_id.clone(),
            layer,
            record: record.map(|i| self.ids[i].clone()),
            standard,
            field,
        }
    }

    /// A finding of `rule` about record `i` and one of its fields; its
    /// severity follows the rule's policy for that record.
    pub(crate) fn on_record<'c>(
        &'c mut self,
        i: usize,
        rule: &'static Rule,
        field: RecordField,
    ) -> Draft<'c, 'a> {
        let r = self.record(i);
        let subject = self.subject(
            Some(r.layer),
            Some(i),
            r.standard.standard(),
            Some(FieldRef::Record(field)),
        );
        let required = self.facts[i].required;
        self.draft(rule, subject, Some(i), required)
    }

    /// A finding of `rule` about the candidate (at a layer, for a standard,
    /// on a field of the candidate or the evaluation).
    pub(crate) fn on_candidate<'c>(
        &'c mut self,
        rule: &'static Rule,
        layer: Option<Layer>,
        standard: Option<Standard>,
        field: FieldRef,
    ) -> Draft<'c, 'a> {
        let subject = self.subject(layer, None, standard, Some(field));
        self.draft(rule, subject, None, true)
    }

    fn draft<'c>(
        &'c mut self,
        rule: &'static Rule,
        subject: Subject,
        record: Option<usize>,
        required: bool,
    ) -> Draft<'c, 'a> {
        let tier = self.tier;
        Draft {
            cx: self,
            rule,
            record,
            subject,
            values: Vec::new(),
            circumstances: Circumstances {
                required,
                level: RequirementLevel::Required,
                tier,
                uncovered: false,
            },
            ease: None,
        }
    }

    /// The display name of the candidate's model vendor.
    pub(crate) fn model_vendor_name(&self) -> String {
        crate::domain::evaluation::vendor_display_name(&self.cand.model_vendor).to_string()
    }

    /// The organisation a layer's evidence must name: the model vendor at
    /// the model layer, the platform at the platform layer.
    pub(crate) fn layer_org(&self, layer: Layer) -> String {
        match (layer, &self.cand.platform) {
            (Layer::Platform, Some(p)) => {
                crate::domain::evaluation::vendor_display_name(&p.vendor).to_string()
            }
            _ => self.model_vendor_name(),
        }
    }

    /// True when the record keeps typed text for `field` that is not a date
    /// yet (`evidence.date-not-understood` speaks for it).
    pub(crate) fn has_draft(&self, i: usize, field: RecordField) -> bool {
        self.record(i)
            .drafts
            .get(&field)
            .is_some_and(|t| !t.trim().is_empty())
    }
}

/// A finding being written: [`Ctx::on_record`] or [`Ctx::on_candidate`]
/// starts it, the values compared are added, [`Draft::emit`] files it.
pub(crate) struct Draft<'c, 'a> {
    cx: &'c mut Ctx<'a>,
    rule: &'static Rule,
    /// The record whose worst severity the finding counts towards.
    record: Option<usize>,
    subject: Subject,
    values: Vec<Compared>,
    circumstances: Circumstances,
    ease: Option<Ease>,
}

impl Draft<'_, '_> {
    /// A value the rule compared.
    pub(crate) fn value(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.values.push(Compared {
            name,
            value: value.into(),
        });
        self
    }

    /// A date the rule compared (`YYYY-MM-DD`, or blank when not given).
    pub(crate) fn date(self, name: &'static str, date: Option<Date>) -> Self {
        self.value(name, date.map(format_date).unwrap_or_default())
    }

    /// The evaluation date, as a value compared.
    pub(crate) fn evaluation_date(self) -> Self {
        let d = self.cx.date;
        self.date("evaluation_date", Some(d))
    }

    /// Names one record in the subject of a candidate finding (without
    /// counting the finding against it).
    pub(crate) fn naming_record(mut self, i: usize) -> Self {
        self.subject.record = Some(self.cx.ids[i].clone());
        self
    }

    /// The requirement level, for a rule whose severity follows it.
    pub(crate) fn level(mut self, level: RequirementLevel) -> Self {
        self.circumstances.level = level;
        self
    }

    /// Whether what the finding is about has no evidence of its own on file
    /// (for `SeverityPolicy::InfoUnlessUncovered`).
    pub(crate) fn uncovered(mut self, uncovered: bool) -> Self {
        self.circumstances.uncovered = uncovered;
        self
    }

    /// Reports below the rule's policy, for a reason the rule declares.
    pub(crate) fn ease_if(mut self, when: bool, ease: Ease) -> Self {
        if when {
            debug_assert!(
                self.rule.eases.contains(&ease),
                "{} does not declare {ease:?}",
                self.rule.id
            );
            self.ease = Some(ease);
        }
        self
    }

    /// Files the finding; returns its severity (none when the rule's policy
    /// does not apply, e.g. to the low tier).
    pub(crate) fn emit(
        self,
        mut message: String,
        next_step: impl Into<Cow<'static, str>>,
    ) -> Option<Severity> {
        let mut severity = self.rule.severity.resolve(&self.circumstances)?;
        if let Some(e) = self.ease {
            severity = severity.min(e.severity());
        }
        let mut next_step = next_step.into();
        if let Some(i) = self.record {
            let facts = self.cx.facts[i];
            if let Some(j) = facts.superseded_by {
                // History: context only, and the advice that fits it.
                severity = Severity::Info;
                let newer = self.cx.record(j);
                message.push_str(&format!("; superseded by {}", label(newer)));
                if let Some(d) = newer
                    .issue_date
                    .or(newer.soc2.as_ref().and_then(|s| s.period_end))
                {
                    message.push_str(&format!(" of {}", human_date(d)));
                }
                next_step = Cow::Borrowed(
                    "nothing to do: keep it as the history of this evidence, or remove it",
                );
            } else if facts.holder == HolderFact::Foreign
                && !std::ptr::eq(self.rule, &super::rules::evidence::HOLDER_MISMATCH)
            {
                next_step = Cow::Owned(foreign_advice(self.cx, i));
            }
        }
        if let Some(i) = self.record {
            let w = &mut self.cx.record_worst[i];
            *w = (*w).max(Some(severity));
        }
        self.cx.findings.push(Finding {
            rule: self.rule,
            severity,
            subject: self.subject,
            values: self.values,
            message,
            next_step,
        });
        Some(severity)
    }
}

/// The advice for any finding on a record issued to another organisation.
pub(crate) fn foreign_advice(cx: &Ctx, i: usize) -> String {
    let r = cx.record(i);
    let org = cx.layer_org(r.layer);
    let holder = r.holder.trim();
    format!(
        "this certificate belongs to {holder}, not {org}: remove it, or confirm by hand, with a note, that {holder} is {org}'s subsidiary or affiliate"
    )
}

/// A date as `YYYY-MM-DD`.
pub(crate) fn d(x: Date) -> String {
    format_date(x)
}

/// How a sentence names a record: “the ISO/IEC 27001:2022 certificate
/// “C-1””, “the SOC 2 report”, “the HIPAA BAA attestation”, “the public
/// claim for ISO/IEC 27001”. Never its internal id.
pub fn label(r: &EvidenceRecord) -> String {
    let mut out = String::with_capacity(label_capacity(r));
    push_label(&mut out, r);
    out
}

/// Room for a record's label and a little more (a holder, a few words).
fn label_capacity(r: &EvidenceRecord) -> usize {
    let named = match &r.standard {
        StandardRef::Attestation(n) => n.len(),
        _ => 0,
    };
    48 + named + r.certificate_number.len() + r.holder.len()
}

/// The written form of a standard ([`StandardRef::label`]), appended.
fn push_standard(out: &mut String, s: &StandardRef) {
    // Writing to a `String` cannot fail.
    let _ = s.write_label(out);
}

/// [`label`], appended to `out`.
pub(crate) fn push_label(out: &mut String, r: &EvidenceRecord) {
    if r.is_public_claim() {
        out.push_str("the public claim for ");
        push_standard(out, &r.standard);
        return;
    }
    match &r.standard {
        StandardRef::Iso { .. } => {
            out.push_str("the ");
            push_standard(out, &r.standard);
            out.push_str(" certificate");
        }
        StandardRef::Soc2 => out.push_str(match r.soc2.as_ref().map(|s| s.report_type) {
            Some(Soc2Type::TypeI) => "the SOC 2 Type I report",
            Some(Soc2Type::TypeII) => "the SOC 2 Type II report",
            None => "the SOC 2 report",
        }),
        StandardRef::Attestation(n) => {
            out.push_str("the ");
            out.push_str(n.trim());
            out.push_str(" attestation");
        }
    }
    let number = super::text::trim(&r.certificate_number);
    if !number.is_empty() {
        out.push_str(" “");
        crate::documents::shorten_into(out, number, 40);
        out.push('”');
    }
}

/// [`label`] and, when it is named, its holder (“… held by Anthropic,
/// PBC”), appended to `out`.
pub(crate) fn push_label_held(out: &mut String, r: &EvidenceRecord) {
    push_label(out, r);
    let holder = super::text::trim(&r.holder);
    if !holder.is_empty() && !r.is_public_claim() {
        out.push_str(" held by ");
        crate::documents::shorten_into(out, holder, 80);
    }
}

/// User text quoted in a sentence, cut at `max` characters.
pub(crate) fn quoted(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max * 4 + 4) + 6);
    out.push('“');
    crate::documents::shorten_into(&mut out, text, max);
    out.push('”');
    out
}

/// "model layer".
pub(crate) fn layer_name(layer: Layer) -> &'static str {
    match layer {
        Layer::Platform => "platform layer",
        Layer::Model => "model layer",
        Layer::Customer => "customer layer",
    }
}

/// The ids of some records, sorted.
pub(crate) fn sorted_ids(cx: &Ctx, idx: &[usize]) -> Vec<Name> {
    let mut ids: Vec<Name> = idx.iter().map(|&i| cx.ids[i].clone()).collect();
    ids.sort();
    ids
}
