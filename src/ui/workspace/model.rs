//! The workspace's glue between the form and the evaluation: finding things
//! in the evaluation by id, making ids, prefilling records from the public
//! matrix, and mapping a finding to the field it is about. No policy rule
//! lives here: the rules are in `crate::policy`.

use crate::domain::evaluation::{AiTimeline, HostedPlatform, Soc2Details, Soc2Type, KNOWN_VENDORS};
use crate::domain::{Layer, RecordField, Standard};
use crate::matrix::{Dataset, Status};
use crate::policy::{
    Candidate, ContractChecklist, Evaluation, EvidenceRecord, FieldRef, Finding, SourceKind,
    StandardRef,
};

/// The five steps of the procurement method (source A), as the workspace shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    Workload,
    Candidates,
    Evidence,
    Contract,
    Report,
}

impl Step {
    pub const ALL: [Step; 5] = [
        Step::Workload,
        Step::Candidates,
        Step::Evidence,
        Step::Contract,
        Step::Report,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Step::Workload => "workload",
            Step::Candidates => "candidates",
            Step::Evidence => "evidence",
            Step::Contract => "contract",
            Step::Report => "report",
        }
    }

    pub fn number(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0) + 1
    }

    pub fn title(self) -> &'static str {
        match self {
            Step::Workload => "Workload and risk tier",
            Step::Candidates => "Candidates and products",
            Step::Evidence => "Evidence records",
            Step::Contract => "Contract checklist",
            Step::Report => "Report",
        }
    }

    /// The DOM id of the step's section heading.
    pub fn heading_id(self) -> String {
        format!("step-{}-heading", self.id())
    }
}

// ---------------------------------------------------------------------------
// Finding things by id
// ---------------------------------------------------------------------------

pub fn cand<'a>(e: &'a Evaluation, cid: &str) -> Option<&'a Candidate> {
    e.candidates.iter().find(|c| c.id == cid)
}

pub fn cand_mut<'a>(e: &'a mut Evaluation, cid: &str) -> Option<&'a mut Candidate> {
    e.candidates.iter_mut().find(|c| c.id == cid)
}

pub fn rec<'a>(e: &'a Evaluation, cid: &str, rid: &str) -> Option<&'a EvidenceRecord> {
    cand(e, cid)?.records.iter().find(|r| r.id == rid)
}

pub fn rec_mut<'a>(e: &'a mut Evaluation, cid: &str, rid: &str) -> Option<&'a mut EvidenceRecord> {
    cand_mut(e, cid)?.records.iter_mut().find(|r| r.id == rid)
}

// ---------------------------------------------------------------------------
// Ids
// ---------------------------------------------------------------------------

/// A DOM- and file-safe id from any text: lowercase ASCII letters and digits
/// joined by single hyphens ("Claude on Amazon Bedrock" → `claude-on-amazon-bedrock`).
pub fn slug(text: &str) -> String {
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

/// A candidate id not yet used in the evaluation, based on `base`.
pub fn unique_candidate_id(e: &Evaluation, base: &str) -> String {
    let base = slug(base);
    if cand(e, &base).is_none() {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| cand(e, id).is_none())
        .unwrap_or(base)
}

/// The next free record id of a candidate: `r1`, `r2`, …
pub fn next_record_id(c: &Candidate) -> String {
    let n = c
        .records
        .iter()
        .filter_map(|r| r.id.strip_prefix('r').and_then(|n| n.parse::<u32>().ok()))
        .max()
        .unwrap_or(0);
    format!("r{}", n + 1)
}

/// The DOM id of a field: `field-<candidate>-<record>-<field>`, dots of the
/// engine's field paths (`soc2.period_end`) written as hyphens.
pub fn field_id(cid: &str, rid: Option<&str>, field: &str) -> String {
    let f = field.replace('.', "-");
    match rid {
        Some(r) => format!("field-{cid}-{r}-{f}"),
        None => format!("field-{cid}-{f}"),
    }
}

/// The DOM id of a layer's "add a record" control.
pub fn add_record_id(cid: &str, layer: Layer) -> String {
    format!("field-{cid}-{}-add", layer.id())
}

// ---------------------------------------------------------------------------
// New candidates
// ---------------------------------------------------------------------------

/// The display name of a vendor id of the matrix, or the text itself.
pub fn vendor_name(v: &str) -> String {
    KNOWN_VENDORS
        .iter()
        .find(|(id, _)| *id == v.trim())
        .map(|(_, name)| name.to_string())
        .unwrap_or_else(|| v.trim().to_string())
}

fn blank_candidate(
    id: String,
    name: String,
    model_vendor: String,
    platform: Option<HostedPlatform>,
) -> Candidate {
    Candidate {
        id,
        name,
        model_vendor,
        platform,
        products: Vec::new(),
        records: Vec::new(),
        customer_notes: String::new(),
        contract: ContractChecklist::default(),
        model_terms: None,
        scope_confirmations: Vec::new(),
        holder_confirmations: Vec::new(),
        ai_timeline: None,
    }
}

/// A vendor reached directly (a matrix id such as `openai`, or free text).
pub fn direct_candidate(e: &Evaluation, vendor: &str) -> Candidate {
    let vendor = vendor.trim();
    let name = format!("{} direct", vendor_name(vendor));
    let id = unique_candidate_id(e, &name);
    blank_candidate(id, name, vendor.to_string(), None)
}

/// One of the matrix's hosted paths (`claude-on-bedrock`).
pub fn path_candidate(e: &Evaluation, ds: &Dataset, path_id: &str) -> Option<Candidate> {
    let p = ds.path(path_id)?;
    let platform = p.platform.as_ref().map(|pl| HostedPlatform {
        vendor: pl.vendor.clone().unwrap_or_else(|| pl.organisation.clone()),
        service: pl.must_name.clone(),
    });
    let model_vendor = p
        .model
        .vendor
        .clone()
        .unwrap_or_else(|| p.model.organisation.clone());
    let id = unique_candidate_id(e, &p.id);
    Some(blank_candidate(id, p.name.clone(), model_vendor, platform))
}

/// A hosted path the matrix does not list.
pub fn custom_hosted_candidate(
    e: &Evaluation,
    platform_vendor: &str,
    service: &str,
    model_vendor: &str,
) -> Candidate {
    let name = format!("{} on {}", vendor_name(model_vendor), service.trim());
    let id = unique_candidate_id(e, &name);
    blank_candidate(
        id,
        name,
        model_vendor.trim().to_string(),
        Some(HostedPlatform {
            vendor: platform_vendor.trim().to_string(),
            service: service.trim().to_string(),
        }),
    )
}

/// A blank record of a standard, with SOC 2 details when it is SOC 2.
pub fn blank_record(id: String, layer: Layer, standard: StandardRef) -> EvidenceRecord {
    let soc2 = matches!(standard, StandardRef::Soc2).then(blank_soc2);
    let mut r = EvidenceRecord::new(id, layer, standard);
    r.soc2 = soc2;
    r
}

pub fn blank_soc2() -> Soc2Details {
    Soc2Details::new(Soc2Type::TypeII)
}

/// The standards a new record can start from (the user can edit the edition).
pub fn record_templates() -> Vec<(String, String)> {
    vec![
        ("27001:2022".into(), "ISO/IEC 27001:2022".into()),
        ("27017:2015".into(), "ISO/IEC 27017:2015".into()),
        ("27018:2019".into(), "ISO/IEC 27018:2019".into()),
        ("27701:2019".into(), "ISO/IEC 27701:2019".into()),
        ("27701:2025".into(), "ISO/IEC 27701:2025".into()),
        ("42001:2023".into(), "ISO/IEC 42001:2023".into()),
        ("soc2".into(), "SOC 2 report".into()),
    ]
}

// ---------------------------------------------------------------------------
// Prefill from the public matrix
// ---------------------------------------------------------------------------

/// The vendor whose certificate covers a layer of a candidate.
pub fn layer_vendor(c: &Candidate, layer: Layer) -> Option<&str> {
    match layer {
        Layer::Platform => c.platform.as_ref().map(|p| p.vendor.as_str()),
        Layer::Model => Some(c.model_vendor.as_str()),
        Layer::Customer => None,
    }
}

/// Records carrying the public matrix's claims (certified or for some
/// services) for one layer of a candidate, as `public-claim` records: the
/// user then checks each against the certificate PDF. Standards that already
/// have a record at that layer are skipped.
pub fn prefill(ds: &Dataset, c: &Candidate, layer: Layer) -> Vec<EvidenceRecord> {
    let Some(vendor_id) = layer_vendor(c, layer) else {
        return Vec::new();
    };
    let Some(vendor) = ds.vendor(vendor_id.trim()) else {
        return Vec::new();
    };
    let mut work = c.clone();
    let mut out = Vec::new();
    for s in Standard::ALL {
        if work
            .records
            .iter()
            .any(|r| r.layer == layer && r.standard.standard() == Some(s))
        {
            continue;
        }
        let Some(cell) = ds.cell(&vendor.id, s) else {
            continue;
        };
        let claims: Vec<_> = cell
            .claims
            .iter()
            .filter(|cl| matches!(cl.status, Status::Certified | Status::Partial))
            .collect();
        if claims.is_empty() {
            continue;
        }
        let standard = if s == Standard::Soc2Type2 {
            StandardRef::Soc2
        } else {
            claims
                .iter()
                .filter_map(|cl| cl.edition.as_deref())
                .filter_map(|ed| StandardRef::parse(ed).ok())
                .find(|r| r.standard() == Some(s))
                .unwrap_or(StandardRef::Iso {
                    standard: s,
                    edition: None,
                })
        };
        let mut scopes: Vec<&str> = Vec::new();
        for cl in &claims {
            if let Some(sc) = cl.scope.as_deref() {
                if !scopes.contains(&sc) {
                    scopes.push(sc);
                }
            }
        }
        let mut sources: Vec<String> = Vec::new();
        for cl in &claims {
            let src = format!("source {} ({})", cl.source, cl.as_of.human());
            if !sources.contains(&src) {
                sources.push(src);
            }
        }
        let mut r = blank_record(next_record_id(&work), layer, standard);
        r.holder = vendor.name.clone();
        r.scope = scopes.join("; ");
        r.certification_body = claims
            .iter()
            .find_map(|cl| cl.certification_body.clone())
            .unwrap_or_default();
        r.source = SourceKind::PublicClaim;
        r.notes = format!(
            "Prefilled from the public matrix ({}): a public claim, not evidence. Check it against the current certificate PDF.",
            sources.join(", ")
        );
        work.records.push(r.clone());
        out.push(r);
    }
    out
}

// ---------------------------------------------------------------------------
// From a finding to its field
// ---------------------------------------------------------------------------

/// The step and the DOM id of the field a finding is about.
pub fn finding_target(e: &Evaluation, f: &Finding) -> (Step, String) {
    let cid = f.subject.candidate.as_str();
    let layer = f.subject.layer.unwrap_or(Layer::Model);
    let field = f.subject.field;
    if let Some(FieldRef::Contract(kind, item)) = field {
        return (Step::Contract, field_id(cid, None, item.path_in(kind)));
    }
    let record_field = field.and_then(FieldRef::record_field);
    if let Some(rid) = f.subject.record.as_deref() {
        // The engine trims record ids; find the record as typed.
        let rid = cand(e, cid)
            .and_then(|c| c.records.iter().find(|r| r.id.trim() == rid))
            .map(|r| r.id.clone())
            .unwrap_or_else(|| rid.to_string());
        let field = match record_field {
            // The SOC 2 details as a whole follow from the standard.
            Some(RecordField::Soc2) => RecordField::Standard,
            Some(f) => f,
            None => RecordField::Holder,
        };
        return (Step::Evidence, field_id(cid, Some(&rid), field.id()));
    }
    // A finding about several records (a public claim only, a platform's
    // certificate at the model layer): the first record it names.
    if let Some(rf @ (RecordField::Source | RecordField::Holder | RecordField::Soc2Type)) =
        record_field
    {
        let first = cand(e, cid).and_then(|c| {
            c.records.iter().find(|r| {
                r.layer == layer
                    && (f.subject.standard.is_none() || r.standard.standard() == f.subject.standard)
                    && (rf != RecordField::Source || r.is_public_claim())
            })
        });
        if let Some(r) = first {
            return (Step::Evidence, field_id(cid, Some(&r.id), rf.id()));
        }
    }
    let id = match field {
        Some(FieldRef::AiTimeline) => field_id(cid, None, "ai_timeline"),
        Some(FieldRef::CustomerNotes) => field_id(cid, None, "customer_notes"),
        Some(FieldRef::SectorAttestations) => add_record_id(cid, Layer::Model),
        _ => add_record_id(
            cid,
            if layer == Layer::Customer {
                Layer::Model
            } else {
                layer
            },
        ),
    };
    (Step::Evidence, id)
}

/// A new, empty 42001 timeline.
pub fn blank_timeline() -> AiTimeline {
    AiTimeline {
        text: String::new(),
        target_date: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::RiskTier;

    #[test]
    fn slugs_are_dom_safe_and_unique() {
        assert_eq!(slug("Claude on Amazon Bedrock"), "claude-on-amazon-bedrock");
        assert_eq!(slug("<script>alert(1)</script>"), "script-alert-1-script");
        assert_eq!(slug("日本"), "candidate");
        let mut e = Evaluation::new(RiskTier::Low);
        let c = direct_candidate(&e, "openai");
        assert_eq!(c.id, "openai-direct");
        e.candidates.push(c);
        assert_eq!(direct_candidate(&e, "openai").id, "openai-direct-2");
    }

    #[test]
    fn prefill_takes_certified_claims_as_public_claims() {
        let ds = Dataset::embedded().unwrap();
        let e = Evaluation::new(RiskTier::Regulated);
        let c = path_candidate(&e, ds, "claude-on-bedrock").unwrap();
        assert_eq!(c.platform.as_ref().unwrap().service, "Amazon Bedrock");
        let recs = prefill(ds, &c, Layer::Model);
        assert!(recs.len() >= 5, "{recs:?}");
        assert!(recs
            .iter()
            .all(|r| r.source == SourceKind::PublicClaim && r.layer == Layer::Model));
        let ids: Vec<&str> = recs.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(&ids[..2], &["r1", "r2"]);
        let mut c2 = c.clone();
        c2.records = recs;
        assert!(prefill(ds, &c2, Layer::Model).is_empty());
        assert!(!prefill(ds, &c2, Layer::Platform).is_empty());
    }
}
