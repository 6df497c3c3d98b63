//! One summary per vendor (source A, step 2: "one-page summary per vendor"):
//! verdict, the evidence stack per layer, findings with next steps, the
//! contract checklist and the next dates.

use super::calendar::CalendarEvent;
use crate::domain::evaluation::{vendor_display_name, Answer, ContractItem, Evaluation, Soc2Type};
use crate::domain::{format_date, Layer};
use crate::policy::{CandidateReport, Counts, Finding, Report, Severity, Verdict};

/// One record, as the summary shows it (dates as `YYYY-MM-DD`, empty when
/// not given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordSummary {
    pub id: String,
    pub layer: Layer,
    /// "ISO/IEC 27001:2022", "SOC 2 Type II", "HIPAA BAA".
    pub standard: String,
    pub edition: Option<u16>,
    pub holder: String,
    pub certificate_number: String,
    /// The certification body, or the SOC 2 auditor.
    pub certification_body: String,
    pub accreditation_body: String,
    pub issue_date: String,
    pub expiry_date: String,
    pub last_surveillance_audit: String,
    /// SOC 2: "2025-07-01 to 2026-06-30".
    pub period: String,
    pub scope: String,
    pub source: &'static str,
    pub public_claim: bool,
    pub last_verified: String,
}

/// Whose evidence is on file at a layer, against whose it must be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerHolders {
    pub layer: Layer,
    /// The organisation the layer's evidence must name (the model vendor,
    /// or the platform).
    pub expected: String,
    /// The holders named on the layer's records (public claims aside), each
    /// once.
    pub on_file: Vec<String>,
}

/// One vendor's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VendorSummary {
    pub candidate: String,
    pub name: String,
    /// "Anthropic", or "Anthropic on AWS (Amazon Bedrock)".
    pub reached: String,
    pub products: Vec<String>,
    pub verdict: Verdict,
    pub counts: Counts,
    /// Platform, model, customer: only layers with records.
    pub layers: Vec<(Layer, Vec<RecordSummary>)>,
    /// Per layer of the vendor's evidence (platform, model), whose
    /// certificates are on file.
    pub holders: Vec<LayerHolders>,
    /// Worst first (the report's order).
    pub findings: Vec<Finding>,
    /// Each checklist item with its answer (none given = unknown) and note:
    /// the contract with the vendor, or on a hosted path the platform
    /// agreement.
    pub contract: Vec<(ContractItem, Answer, String)>,
    /// On a hosted path whose model vendor's terms have a checklist of their
    /// own, that checklist (else `contract` stands for both).
    pub model_terms: Option<Vec<(ContractItem, Answer, String)>>,
    /// This candidate's dated events (and the contract end), in date order.
    pub dates: Vec<CalendarEvent>,
}

fn opt(d: Option<time::Date>) -> String {
    d.map(format_date).unwrap_or_default()
}

/// The summaries of every candidate of the report, in its order. `events` is
/// the calendar of the same evaluation ([`super::events`]).
pub fn vendor_summaries(
    eval: &Evaluation,
    report: &Report,
    events: &[CalendarEvent],
) -> Vec<VendorSummary> {
    report
        .candidates
        .iter()
        .filter_map(|cr| {
            let c = eval
                .candidates
                .iter()
                .find(|c| c.id == cr.candidate.as_str())?;
            Some(summary(eval, c, cr, events))
        })
        .collect()
}

fn summary(
    _eval: &Evaluation,
    c: &crate::domain::evaluation::Candidate,
    cr: &CandidateReport,
    events: &[CalendarEvent],
) -> VendorSummary {
    let vendor = crate::domain::evaluation::vendor_display_name(&c.model_vendor).to_string();
    let reached = match &c.platform {
        Some(p) => format!(
            "{} on {} ({})",
            vendor,
            crate::domain::evaluation::vendor_display_name(&p.vendor),
            p.service
        ),
        None => format!("{vendor}, direct"),
    };
    let layers = Layer::ALL
        .into_iter()
        .filter_map(|layer| {
            let recs: Vec<RecordSummary> = c
                .records
                .iter()
                .filter(|r| r.layer == layer)
                .map(|r| {
                    let soc2 = r.soc2.as_ref();
                    let standard = match (&r.standard, soc2) {
                        (crate::domain::evaluation::StandardRef::Soc2, Some(s)) => {
                            match s.report_type {
                                Soc2Type::TypeI => "SOC 2 Type I".to_string(),
                                Soc2Type::TypeII => "SOC 2 Type II".to_string(),
                            }
                        }
                        (s, _) => s.label(),
                    };
                    RecordSummary {
                        id: r.id.clone(),
                        layer,
                        standard,
                        edition: r.standard.edition(),
                        holder: r.holder.clone(),
                        certificate_number: r.certificate_number.clone(),
                        certification_body: if r.certification_body.trim().is_empty() {
                            soc2.map(|s| s.auditor.clone()).unwrap_or_default()
                        } else {
                            r.certification_body.clone()
                        },
                        accreditation_body: r.accreditation_body.clone(),
                        issue_date: opt(r.issue_date.or(soc2.and_then(|s| s.report_date))),
                        expiry_date: opt(r.expiry_date),
                        last_surveillance_audit: opt(r.last_surveillance_audit),
                        period: match soc2 {
                            Some(s) if s.period_start.is_some() || s.period_end.is_some() => {
                                format!("{} to {}", opt(s.period_start), opt(s.period_end))
                            }
                            _ => String::new(),
                        },
                        scope: r.scope.clone(),
                        source: r.source.label(),
                        public_claim: r.is_public_claim(),
                        last_verified: opt(r.last_verified),
                    }
                })
                .collect();
            (!recs.is_empty()).then_some((layer, recs))
        })
        .collect();
    let holders = [Layer::Platform, Layer::Model]
        .into_iter()
        .filter(|l| *l == Layer::Model || c.platform.is_some())
        .map(|layer| {
            let expected = match (layer, &c.platform) {
                (Layer::Platform, Some(p)) => vendor_display_name(&p.vendor).to_string(),
                _ => vendor.clone(),
            };
            let mut on_file: Vec<String> = Vec::new();
            for r in c
                .records
                .iter()
                .filter(|r| r.layer == layer && !r.is_public_claim())
            {
                let h = r.holder.trim();
                if !h.is_empty() && !on_file.iter().any(|x| x == h) {
                    on_file.push(h.to_string());
                }
            }
            LayerHolders {
                layer,
                expected,
                on_file,
            }
        })
        .collect();
    let answers = |list: Option<&crate::domain::evaluation::ContractChecklist>| {
        ContractItem::ALL
            .into_iter()
            .map(|item| {
                let a = list.and_then(|l| l.get(item)).cloned().unwrap_or_default();
                (item, a.answer, a.note)
            })
            .collect::<Vec<_>>()
    };
    let contract = answers(Some(&c.contract));
    let model_terms = c.has_model_terms().then(|| answers(c.model_terms.as_ref()));
    let dates = events
        .iter()
        .filter(|e| e.candidate == c.id || e.candidate.is_empty())
        .cloned()
        .collect();
    VendorSummary {
        candidate: c.id.clone(),
        name: if c.name.trim().is_empty() {
            c.id.clone()
        } else {
            c.name.clone()
        },
        reached,
        products: c.products.clone(),
        verdict: cr.verdict,
        counts: cr.counts,
        layers,
        holders,
        findings: cr.findings.clone(),
        contract,
        model_terms,
        dates,
    }
}

/// How many findings a vendor's page lists before it counts the rest (a
/// one-sheet budget; failures and warnings are listed beyond it).
pub const PAGE_FINDINGS: usize = 10;

/// What a vendor's page shows of its findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageFindings<'a> {
    /// Every failure and warning, however many, then the information
    /// findings that fit in the room left, in the report's order.
    pub listed: Vec<&'a Finding>,
    /// The information findings left out for space, counted per rule id,
    /// in the order the report gives them. Never a failure or a warning.
    pub left_out: Vec<(String, usize)>,
}

impl PageFindings<'_> {
    /// How many findings were left out.
    pub fn left_out_count(&self) -> usize {
        self.left_out.iter().map(|(_, n)| n).sum()
    }
}

/// Which findings a page lists in `room` lines: nothing that could be a
/// failure is ever left out (every fail and warn is listed even past
/// `room`); information findings fill what room is left, and the rest are
/// counted by rule, so the page says exactly what it left out.
pub fn page_findings(findings: &[Finding], room: usize) -> PageFindings<'_> {
    let (mut listed, info): (Vec<&Finding>, Vec<&Finding>) =
        findings.iter().partition(|f| f.severity != Severity::Info);
    let spare = room.saturating_sub(listed.len()).min(info.len());
    listed.extend(&info[..spare]);
    let mut left_out: Vec<(String, usize)> = Vec::new();
    for f in &info[spare..] {
        let rule = f.rule.to_string();
        match left_out.iter_mut().find(|(r, _)| *r == rule) {
            Some((_, n)) => *n += 1,
            None => left_out.push((rule, 1)),
        }
    }
    PageFindings { listed, left_out }
}

/// How an answer reads on the page.
pub fn answer_label(a: Answer) -> &'static str {
    match a {
        Answer::Yes => "yes",
        Answer::No => "no",
        Answer::Unknown => "unknown",
        Answer::NotApplicable => "not applicable",
    }
}
