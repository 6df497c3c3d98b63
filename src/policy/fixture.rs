//! A generated evaluation for benchmarks (native and in the browser).

use crate::domain::evaluation::{
    AiTimeline, Candidate, ContractChecklist, Evaluation, EvidenceRecord, HostedPlatform, Policy,
    Soc2Details, Soc2Type, SourceKind, StandardRef, Workload, FORMAT_VERSION,
};
use crate::domain::{Layer, RiskTier, Standard};
use time::macros::date;

const MODEL_SCOPE: &str = "The information security management system supporting the Claude API, \
    fine-tuning, batch processing, Claude.ai and enterprise services, and the supporting infrastructure.";
const PLATFORM_SCOPE: &str = "Amazon Web Services, Inc. information security management system for \
    services including Amazon Bedrock, Amazon SageMaker, Amazon EC2 and Amazon S3, in all commercial regions.";

/// A regulated-tier evaluation with `candidates` candidates of `records`
/// records each, dated 2026-11-23: realistic, mostly clean evidence (current
/// certificate PDFs, accredited, in scope), with a few findings sprinkled in
/// (one candidate in seven has a certificate expiring soon; one in eleven a
/// trust-portal record). Hosted (Claude on Bedrock) and direct candidates
/// alternate.
pub fn bench_fixture(candidates: usize, records: usize) -> Evaluation {
    let evaluation_date = date!(2026 - 11 - 23);
    let mut eval = Evaluation {
        format: FORMAT_VERSION,
        workload: Workload {
            name: "Claims triage assistant".into(),
            data: "member PHI in claim documents".into(),
            decisions: "routes claims to reviewers; no automated denial".into(),
            risk_tier: RiskTier::Regulated,
        },
        sector_attestations: Vec::new(),
        evaluation_date: Some(evaluation_date),
        contract_end: Some(date!(2027 - 12 - 31)),
        policy: Policy::preset(RiskTier::Regulated),
        candidates: Vec::with_capacity(candidates),
    };
    let templates: [(Layer, StandardRef); 10] = [
        (Layer::Model, StandardRef::iso(Standard::Iso27001, 2022)),
        (Layer::Model, StandardRef::iso(Standard::Iso27017, 2015)),
        (Layer::Model, StandardRef::iso(Standard::Iso27018, 2019)),
        (Layer::Model, StandardRef::iso(Standard::Iso27701, 2019)),
        (Layer::Model, StandardRef::Soc2),
        (Layer::Model, StandardRef::iso(Standard::Iso42001, 2023)),
        (Layer::Platform, StandardRef::iso(Standard::Iso27001, 2022)),
        (Layer::Platform, StandardRef::iso(Standard::Iso27017, 2015)),
        (Layer::Platform, StandardRef::iso(Standard::Iso27018, 2019)),
        (Layer::Platform, StandardRef::iso(Standard::Iso27701, 2019)),
    ];
    for c in 0..candidates {
        let hosted = c % 2 == 0;
        let mut recs = Vec::with_capacity(records);
        for k in 0..records {
            let (mut layer, standard) = templates[k % templates.len()].clone();
            let mut standard = standard;
            if !hosted && layer == Layer::Platform {
                // A direct candidate keeps its extra records at the model layer.
                layer = Layer::Model;
                standard = if k % templates.len() == 6 {
                    StandardRef::Attestation("HIPAA BAA".into())
                } else {
                    StandardRef::iso(Standard::Iso27001, 2022)
                };
            }
            let (holder, scope) = match layer {
                Layer::Platform => ("Amazon Web Services, Inc.", PLATFORM_SCOPE),
                _ => ("Anthropic, PBC", MODEL_SCOPE),
            };
            let mut r = EvidenceRecord::new(format!("r{k}"), layer, standard.clone());
            r.holder = holder.into();
            r.certificate_number = format!("CERT-{c}-{k}");
            r.certification_body = "Schellman Compliance, LLC".into();
            r.accreditation_body = "ANAB".into();
            r.originally_certified = Some(date!(2023 - 01 - 06));
            r.issue_date = Some(date!(2025 - 01 - 06));
            r.expiry_date = Some(if c % 7 == 3 && k == 1 {
                date!(2027 - 01 - 10)
            } else {
                date!(2028 - 01 - 05)
            });
            r.last_surveillance_audit = Some(date!(2026 - 01 - 20));
            r.scope = scope.into();
            r.source = if c % 11 == 5 && k == 2 {
                SourceKind::TrustPortalPage
            } else {
                SourceKind::CertificatePdf
            };
            r.last_verified = Some(date!(2026 - 10 - 01));
            if standard == StandardRef::Soc2 {
                r.source = SourceKind::AuditReport;
                r.soc2 = Some(soc2_details());
            }
            if k >= templates.len() {
                r.id = format!("r{k}-extra");
            }
            recs.push(r);
        }
        eval.candidates.push(Candidate {
            id: format!("candidate-{c}"),
            name: if hosted {
                format!("Claude on Amazon Bedrock #{c}")
            } else {
                format!("Anthropic API #{c}")
            },
            model_vendor: "anthropic".into(),
            platform: hosted.then(|| HostedPlatform {
                vendor: "aws".into(),
                service: "Amazon Bedrock".into(),
            }),
            products: vec!["Claude API".into(), "fine-tuning".into()],
            records: recs,
            customer_notes: String::new(),
            contract: ContractChecklist::all_yes(),
            scope_confirmations: Vec::new(),
            ai_timeline: Some(AiTimeline {
                text: "certified to ISO/IEC 42001:2023".into(),
                target_date: None,
            }),
        });
    }
    eval
}

/// A current SOC 2 Type II report's details (period to 2026-09-30).
pub(crate) fn soc2_details() -> Soc2Details {
    Soc2Details {
        report_type: Soc2Type::TypeII,
        auditor: "Schellman & Company, LLC".into(),
        period_start: Some(date!(2025 - 10 - 01)),
        period_end: Some(date!(2026 - 09 - 30)),
        report_date: Some(date!(2026 - 10 - 20)),
        bridge_letter_end: None,
        opinion: None,
        subservice_organisations: Vec::new(),
    }
}
