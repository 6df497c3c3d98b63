//! A hosted path's two contracts, the SOC 2 opinion and carve-outs, and SOC 2
//! presented as a certificate.

use super::*;
use crate::domain::evaluation::{
    ContractKind, Soc2Opinion, SubserviceMethod, SubserviceOrganisation,
};

#[test]
fn a_hosted_path_without_the_model_vendor_s_checklist_is_judged_on_one() {
    let mut c = clean_hosted();
    c.model_terms = None;
    let e = one(c);
    let fs = findings(&e, D);
    assert!(
        !fs.iter().any(|f| matches!(
            f.subject.field,
            Some(FieldRef::Contract(ContractKind::ModelTerms, _))
        )),
        "{fs:#?}"
    );
}

#[test]
fn a_hosted_path_has_a_checklist_per_contract() {
    let mut c = clean_hosted();
    // The buyer has started the model vendor's checklist, answering nothing.
    c.model_terms = Some(Default::default());
    c.contract.set(
        ContractItem::ZdrWindow,
        Some(ContractAnswer {
            answer: Answer::NotApplicable,
            note: "no prompts are retained by the platform".into(),
        }),
    );
    let e = one(c);
    let fs = findings(&e, D);
    // The model vendor's terms, never answered: each item unknown, and said so.
    let terms: Vec<&Finding> = fs
        .iter()
        .filter(|f| {
            matches!(
                f.subject.field,
                Some(FieldRef::Contract(ContractKind::ModelTerms, _))
            )
        })
        .collect();
    assert_eq!(terms.len(), ContractItem::ALL.len());
    for f in &terms {
        assert!(
            f.message
                .starts_with("in the model vendor's terms (Anthropic), not answered yet"),
            "{}",
            f.message
        );
        assert_eq!(f.subject.layer, Some(Layer::Model));
        assert!(f.subject.field.unwrap().id().starts_with("model_terms."));
    }
    // The platform agreement, labelled as such; not applicable reads as a
    // sentence.
    let zdr = fs
        .iter()
        .find(|f| {
            f.subject.field
                == Some(FieldRef::Contract(
                    ContractKind::Main,
                    ContractItem::ZdrWindow,
                ))
        })
        .unwrap();
    assert_eq!(zdr.severity, Severity::Info);
    assert_eq!(
        zdr.message,
        "in the platform agreement (Amazon Web Services), you marked Zero Data Retention with a named retention window in the order form as not applicable (your note: “no prompts are retained by the platform”)"
    );
    assert_eq!(zdr.subject.layer, Some(Layer::Platform));
    assert_eq!(evaluate(&e, D).candidates[0].verdict, Verdict::Conditional);
}

#[test]
fn the_contract_of_the_layer_decides_the_renewal_commitment() {
    let mut c = clean_hosted();
    let mut e = one(c.clone());
    e.contract_end = Some(date!(2029 - 01 - 01));
    // Both contracts commit: context only.
    assert_eq!(
        sev_of(&e, D, "cert.expires-before-contract-end", Some("m27001")),
        Some(Severity::Info)
    );
    // The model vendor's terms do not: the model layer's records warn, the
    // platform's stay context.
    c.model_terms
        .as_mut()
        .unwrap()
        .set(ContractItem::MaintainForTerm, None);
    e.candidates = vec![c];
    assert_eq!(
        sev_of(&e, D, "cert.expires-before-contract-end", Some("m27001")),
        Some(Severity::Warn)
    );
    assert_eq!(
        sev_of(&e, D, "cert.expires-before-contract-end", Some("p27001")),
        Some(Severity::Info)
    );
}

fn with_soc2(f: impl FnOnce(&mut Soc2Details)) -> Candidate {
    let mut c = clean_hosted();
    f(rec(&mut c, "msoc2").soc2.as_mut().unwrap());
    c
}

#[test]
fn a_modified_soc2_opinion_fails_where_required() {
    for (opinion, words) in [
        (Soc2Opinion::Qualified, "a qualified opinion"),
        (Soc2Opinion::Adverse, "an adverse opinion"),
        (Soc2Opinion::Disclaimer, "a disclaimer of opinion"),
    ] {
        let e = one(with_soc2(|s| s.opinion = Some(opinion)));
        assert_eq!(
            sev_of(&e, D, "soc2.qualified-opinion", Some("msoc2")),
            Some(Severity::Fail)
        );
        let f = findings(&e, D)
            .into_iter()
            .find(|f| f.rule == "soc2.qualified-opinion")
            .unwrap();
        assert!(f.message.contains(words), "{}", f.message);
        // Not required (the low tier accepts 27001 instead): a warning.
        let mut low = e.clone();
        low.workload.risk_tier = RiskTier::Low;
        low.policy = Policy::preset(RiskTier::Low);
        low.policy.model[0].any_of = vec![Standard::Iso27001];
        assert_eq!(
            sev_of(&low, D, "soc2.qualified-opinion", Some("msoc2")),
            Some(Severity::Warn)
        );
    }
    for opinion in [Some(Soc2Opinion::Unqualified), None] {
        let e = one(with_soc2(|s| s.opinion = opinion));
        assert_eq!(sev_of(&e, D, "soc2.qualified-opinion", None), None);
    }
}

#[test]
fn a_carved_out_platform_needs_platform_evidence() {
    let carve = |name: &str, method| SubserviceOrganisation {
        name: name.into(),
        method,
    };
    let c = with_soc2(|s| {
        s.subservice_organisations = vec![
            carve("Amazon Web Services, Inc.", SubserviceMethod::CarveOut),
            carve("Okta, Inc.", SubserviceMethod::Inclusive),
        ]
    });
    // Platform evidence on file: context.
    let e = one(c.clone());
    let fs: Vec<Finding> = findings(&e, D)
        .into_iter()
        .filter(|f| f.rule == "soc2.carved-out")
        .collect();
    assert_eq!(fs.len(), 1, "an inclusive organisation is covered");
    assert_eq!(fs[0].severity, Severity::Info);
    assert!(
        fs[0].message.contains("“Amazon Web Services, Inc.”"),
        "{}",
        fs[0].message
    );
    // No platform-layer evidence: a warning.
    let mut bare = c;
    bare.records.retain(|r| r.layer != Layer::Platform);
    assert_eq!(
        sev_of(&one(bare), D, "soc2.carved-out", Some("msoc2")),
        Some(Severity::Warn)
    );
}

#[test]
fn soc2_presented_as_a_certificate() {
    let claim = |notes: &str| {
        let mut c = clean_direct();
        rec(&mut c, "msoc2").notes = notes.into();
        sev_of(&one(c), D, "claim.soc2-certificate", Some("msoc2"))
    };
    for yes in [
        "Vendor deck: SOC 2 certified since 2023",
        "our SOC2 certificate is attached",
        "SOC 2 Type II certification, renewed yearly",
    ] {
        assert_eq!(claim(yes), Some(Severity::Warn), "{yes}");
    }
    for no in [
        "SOC 2 Type II report by a firm of certified public accountants",
        "a SOC 2 report is not a certificate",
        "SOC 2 report. The ISO 27001 certificate is separate",
        "",
    ] {
        assert_eq!(claim(no), None, "{no}");
    }
    // An accreditation body on a SOC 2 record: certification bodies issue
    // certificates; CPA firms are licensed, not accredited.
    let mut c = clean_direct();
    rec(&mut c, "msoc2").accreditation_body = "ANAB".into();
    let e = one(c);
    let f = findings(&e, D)
        .into_iter()
        .find(|f| f.rule == "claim.soc2-certificate")
        .unwrap();
    assert_eq!(
        f.subject.field,
        Some(FieldRef::Record(
            crate::domain::RecordField::AccreditationBody
        ))
    );
}
