//! What the rules of one candidate share: the facts known about each record
//! before the rules run, the findings so far, the decision matrix, caches of
//! the scope matching, and [`Draft`], the builder every rule writes its
//! findings with.

use super::report::{Cell, Compared, FieldRef, Finding, Name, ScopeMatch, Severity, Subject};
use super::rules::{Circumstances, Ease, Rule};
use crate::domain::evaluation::{Candidate, Evaluation, EvidenceRecord, RequirementLevel};
use crate::domain::{format_date, Layer, RecordField, RiskTier, Standard};
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
}

pub(crate) struct Ctx<'a> {
    pub eval: &'a Evaluation,
    pub cand: &'a Candidate,
    pub date: Date,
    pub tier: RiskTier,
    pub cand_id: Name,
    /// Each record's id, trimmed, shared by every finding and cell about it.
    pub ids: Vec<Name>,
    pub facts: Vec<Facts>,
    pub findings: Vec<Finding>,
    pub record_worst: Vec<Option<Severity>>,
    pub scope_matches: Vec<ScopeMatch>,
    pub matrix: Vec<Cell>,
    /// Per product: its name and padded normalised forms (model layer).
    pub products: Vec<(Name, Rc<[String]>)>,
    /// The hosting service's name and forms (platform layer).
    pub service: Option<(Name, Rc<[String]>)>,
    /// The current record's normalised scope and its byte offsets; see
    /// `evaluate_candidate`, which refreshes them only when the statement
    /// changes (and then clears the caches below).
    pub norm: String,
    pub offsets: Vec<u32>,
    /// Per product, the words of the current scope that name it.
    pub product_hits: Vec<Option<Name>>,
    pub product_hits_valid: bool,
    /// The words of the current scope that name the hosting service.
    pub service_hit: Option<Option<Name>>,
    /// The "model is certified" claim of the current scope, once looked for.
    pub scope_claim: Option<Option<String>>,
}

impl<'a> Ctx<'a> {
    /// Forgets what was found in the previous scope statement.
    pub(crate) fn scope_changed(&mut self) {
        self.product_hits_valid = false;
        self.service_hit = None;
        self.scope_claim = None;
    }

    /// Record `i` of the candidate.
    pub(crate) fn record(&self, i: usize) -> &'a EvidenceRecord {
        &self.cand.records[i]
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
            },
            ease: None,
        }
    }

    /// The display name of the candidate's model vendor.
    pub(crate) fn model_vendor_name(&self) -> String {
        crate::domain::evaluation::vendor_display_name(&self.cand.model_vendor).to_string()
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
        message: String,
        next_step: impl Into<Cow<'static, str>>,
    ) -> Option<Severity> {
        let mut severity = self.rule.severity.resolve(&self.circumstances)?;
        if let Some(e) = self.ease {
            severity = severity.min(e.severity());
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
            next_step: next_step.into(),
        });
        Some(severity)
    }
}

/// A date as `YYYY-MM-DD`.
pub(crate) fn d(x: Date) -> String {
    format_date(x)
}

/// "record `r1` (ISO/IEC 27001:2022, certificate `C-1`)".
pub(crate) fn label(r: &EvidenceRecord) -> String {
    let cert = if r.certificate_number.is_empty() {
        String::new()
    } else {
        format!(", certificate `{}`", r.certificate_number)
    };
    format!("record `{}` ({}{cert})", r.id.trim(), r.standard.label())
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

/// Ids joined for a message: "a`, `b".
pub(crate) fn join_ids(ids: &[Name]) -> String {
    let v: Vec<&str> = ids.iter().map(|n| n.as_str()).collect();
    v.join("`, `")
}
