//! evidence.holder-mismatch (with aliases and affiliates confirmed by hand)
//! and superseded records.

use super::*;
use crate::domain::evaluation::HolderConfirmation;
use time::macros::date;

fn holder_sev(c: Candidate, record: &str) -> Option<Severity> {
    sev_of(&one(c), D, "evidence.holder-mismatch", Some(record))
}

#[test]
fn the_holder_must_be_the_layer_s_organisation() {
    // Legal names and aliases, ignoring case and punctuation.
    for name in [
        "Anthropic, PBC",
        "ANTHROPIC PBC",
        "Anthropic Ireland, Limited",
        "Anthropic",
    ] {
        let mut c = clean_direct();
        rec(&mut c, "m27001").holder = name.into();
        assert_eq!(holder_sev(c, "m27001"), None, "{name}");
    }
    // Another company's certificate: a fail for a required standard, a
    // warning for one the policy does not require.
    let mut c = clean_direct();
    rec(&mut c, "m27001").holder = "Kinde Australia Pty Ltd".into();
    rec(&mut c, "m42001").holder = "Kinde Australia Pty Ltd".into();
    let e = one(c);
    assert_eq!(
        sev_of(&e, D, "evidence.holder-mismatch", Some("m27001")),
        Some(Severity::Fail)
    );
    assert_eq!(
        sev_of(&e, D, "evidence.holder-mismatch", Some("m42001")),
        Some(Severity::Warn)
    );
    let report = evaluate(&e, D);
    assert_verdict(&report.candidates[0], Verdict::FailsPolicy);
    let f = report.candidates[0]
        .findings
        .iter()
        .find(|f| f.rule == "evidence.holder-mismatch")
        .unwrap();
    assert!(
        f.message.contains("“Kinde Australia Pty Ltd”"),
        "{}",
        f.message
    );
    assert!(f.message.contains("not to Anthropic"), "{}", f.message);
    assert!(
        f.next_step.contains("remove it, or confirm"),
        "{}",
        f.next_step
    );
    assert_eq!(f.subject.field, Some(FieldRef::Record(RecordField::Holder)));
    // A blank holder fails too.
    let mut c = clean_direct();
    rec(&mut c, "m27017").holder = "  ".into();
    assert_eq!(holder_sev(c, "m27017"), Some(Severity::Fail));
    // The platform layer names the platform; the customer layer and public
    // claims are not checked.
    let mut c = clean_hosted();
    rec(&mut c, "p27001").holder = "Anthropic, PBC".into();
    let mut own = good_iso("own", Layer::Customer, Standard::Iso42001, 2023);
    own.holder = "Example Buyer Ltd".into();
    c.records.push(own);
    rec(&mut c, "m27018").source = SourceKind::PublicClaim;
    rec(&mut c, "m27018").holder = "Someone Else".into();
    let e = one(c);
    assert_eq!(
        sev_of(&e, D, "evidence.holder-mismatch", Some("p27001")),
        Some(Severity::Fail)
    );
    assert_eq!(sev_of(&e, D, "evidence.holder-mismatch", Some("own")), None);
    assert_eq!(
        sev_of(&e, D, "evidence.holder-mismatch", Some("m27018")),
        None
    );
}

#[test]
fn an_affiliate_confirmed_by_hand_is_information() {
    let confirm = |holder: &str, note: &str| HolderConfirmation {
        layer: Layer::Model,
        record_id: "m27001".into(),
        holder: holder.into(),
        note: note.into(),
    };
    let mut c = clean_direct();
    rec(&mut c, "m27001").holder = "Anthropic Holdings UK Ltd".into();
    c.holder_confirmations = vec![confirm(
        "anthropic holdings uk ltd.",
        "Trust portal, 2026-10-01: the UK entity holds the group's ISMS certificate",
    )];
    let e = one(c.clone());
    assert_eq!(
        sev_of(&e, D, "evidence.holder-mismatch", Some("m27001")),
        Some(Severity::Info)
    );
    let f = findings(&e, D)
        .into_iter()
        .find(|f| f.rule == "evidence.holder-mismatch")
        .unwrap();
    assert!(f.message.contains("confirmed by hand"), "{}", f.message);
    assert!(f.message.contains("the UK entity holds"), "{}", f.message);
    assert_verdict(&evaluate(&e, D).candidates[0], Verdict::MeetsPolicy);
    // A confirmation holds only for the holder confirmed, and with a note.
    c.holder_confirmations = vec![confirm("Anthropic Holdings US Inc", "a note")];
    assert_eq!(holder_sev(c.clone(), "m27001"), Some(Severity::Fail));
    c.holder_confirmations = vec![confirm("Anthropic Holdings UK Ltd", " ")];
    assert_eq!(holder_sev(c, "m27001"), Some(Severity::Fail));
}

#[test]
fn a_foreign_record_gets_advice_that_fits_it_and_decides_nothing_it_should_not() {
    let mut c = clean_direct();
    let mut foreign = good_iso("kinde", Layer::Model, Standard::Iso27001, 2022);
    foreign.holder = "Kinde Australia Pty Ltd".into();
    foreign.expiry_date = Some(date!(2026 - 01 - 01));
    c.records.push(foreign);
    let report = evaluate(&one(c), D);
    let cr = &report.candidates[0];
    // Its other findings say what to do about the record itself.
    let expired = cr
        .findings
        .iter()
        .find(|f| f.rule == "cert.expired")
        .unwrap();
    assert!(
        expired
            .next_step
            .starts_with("this certificate belongs to Kinde Australia Pty Ltd"),
        "{}",
        expired.next_step
    );
    // The requirement is judged on its best current record, and the cell
    // names only that one, with its holder.
    let cell = &cr.matrix[0];
    assert_eq!(cell.status, CellStatus::Pass);
    assert_eq!(cell.records, vec![Name::from("m27001")]);
    assert_eq!(cell.holder.as_deref(), Some("Anthropic, PBC"));
    assert!(
        cell.reason.contains("held by Anthropic, PBC"),
        "{}",
        cell.reason
    );
}

#[test]
fn an_old_certificate_next_to_its_renewal_is_history() {
    let mut c = clean_direct();
    let mut old = good_iso("old27001", Layer::Model, Standard::Iso27001, 2013);
    old.issue_date = Some(date!(2022 - 01 - 06));
    old.expiry_date = Some(date!(2025 - 01 - 05));
    old.holder = "Anthropic".into();
    c.records.push(old);
    let e = one(c.clone());
    let report = evaluate(&e, D);
    let cr = &report.candidates[0];
    assert_verdict(cr, Verdict::MeetsPolicy);
    let old_findings: Vec<&Finding> = cr
        .findings
        .iter()
        .filter(|f| f.subject.record.as_deref() == Some("old27001"))
        .collect();
    assert!(old_findings.len() >= 2, "{old_findings:#?}");
    for f in &old_findings {
        assert_eq!(f.severity, Severity::Info, "{}", f.rule);
        assert!(
            f.message
                .contains("superseded by the ISO/IEC 27001:2022 certificate “C-m27001”"),
            "{}",
            f.message
        );
        assert!(f.next_step.contains("history"), "{}", f.next_step);
    }
    assert_eq!(cr.matrix[0].records, vec![Name::from("m27001")]);
    // The same records in another order: the same report.
    let mut reversed = c.clone();
    reversed.records.reverse();
    assert_eq!(evaluate(&one(reversed), D).candidates, report.candidates);
    // A renewal issued after the evaluation date supersedes nothing yet.
    let mut c = clean_direct();
    let mut renewal = good_iso("renewal", Layer::Model, Standard::Iso27001, 2022);
    renewal.issue_date = Some(date!(2026 - 12 - 01));
    c.records.push(renewal);
    let report = evaluate(&one(c), D);
    assert!(report.candidates[0]
        .findings
        .iter()
        .all(|f| !f.message.contains("superseded")));
    // Another holder's newer certificate supersedes nothing.
    let mut c = clean_direct();
    rec(&mut c, "m27001").expiry_date = Some(date!(2026 - 01 - 01));
    let mut other = good_iso("other", Layer::Model, Standard::Iso27001, 2022);
    other.issue_date = Some(date!(2026 - 01 - 06));
    other.holder = "Kinde Australia Pty Ltd".into();
    c.records.push(other);
    let e = one(c);
    assert_eq!(
        sev_of(&e, D, "cert.expired", Some("m27001")),
        Some(Severity::Fail)
    );
}

#[test]
fn a_soc2_report_is_superseded_by_a_later_period() {
    let mut c = clean_direct();
    let mut old = good_soc2("soc2-2025");
    {
        let s = old.soc2.as_mut().unwrap();
        s.period_start = Some(date!(2024 - 10 - 01));
        s.period_end = Some(date!(2025 - 09 - 30));
    }
    c.records.push(old);
    let e = one(c);
    assert_eq!(
        sev_of(&e, D, "soc2.stale", Some("soc2-2025")),
        Some(Severity::Info)
    );
    assert_verdict(&evaluate(&e, D).candidates[0], Verdict::MeetsPolicy);
}
