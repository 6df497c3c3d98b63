//! cert.* edges.

use super::*;
use time::macros::date;

// --- cert.expired / cert.not-yet-valid / cert.expiring-soon -----------------

#[test]
fn cert_expired_edges() {
    let e = with_record("m27001", |r| r.expiry_date = Some(date!(2026 - 11 - 22)));
    assert_eq!(
        sev_of(&e, D, "cert.expired", Some("m27001")),
        Some(Severity::Fail)
    );
    let f = findings(&e, D)
        .into_iter()
        .find(|f| f.rule == "cert.expired")
        .unwrap();
    assert_eq!(
        f.values[0],
        Compared {
            name: "expiry_date",
            value: "2026-11-22".into()
        }
    );
    assert_eq!(
        f.values[1],
        Compared {
            name: "evaluation_date",
            value: "2026-11-23".into()
        }
    );
    assert_eq!(f.subject.field.map(FieldRef::id), Some("expiry_date"));
    assert_eq!(f.subject.standard, Some(Standard::Iso27001));
    assert_eq!(f.source(), "source A, step 2");
    // Valid through its expiry day.
    let e = with_record("m27001", |r| r.expiry_date = Some(D));
    assert_eq!(sev_of(&e, D, "cert.expired", None), None);
    let e = with_record("m27001", |r| r.expiry_date = Some(date!(2026 - 11 - 24)));
    assert_eq!(sev_of(&e, D, "cert.expired", None), None);
    // No expiry date: can't be shown current.
    let e = with_record("m27001", |r| r.expiry_date = None);
    assert_eq!(
        sev_of(&e, D, "cert.expired", Some("m27001")),
        Some(Severity::Warn)
    );
    // A certificate that is not required only warns.
    let e = with_record("m42001", |r| r.expiry_date = Some(date!(2026 - 01 - 01)));
    assert_eq!(
        sev_of(&e, D, "cert.expired", Some("m42001")),
        Some(Severity::Warn)
    );
}

#[test]
fn cert_not_yet_valid_edges() {
    let e = with_record("m27001", |r| r.issue_date = Some(date!(2026 - 11 - 24)));
    assert_eq!(
        sev_of(&e, D, "cert.not-yet-valid", Some("m27001")),
        Some(Severity::Fail)
    );
    let e = with_record("m27001", |r| r.issue_date = Some(D));
    assert_eq!(sev_of(&e, D, "cert.not-yet-valid", None), None);
    let e = with_record("m27001", |r| r.issue_date = None);
    assert_eq!(
        sev_of(&e, D, "cert.not-yet-valid", Some("m27001")),
        Some(Severity::Warn)
    );
}

#[test]
fn cert_expiring_soon_edges() {
    let at = |exp: Date| {
        sev_of(
            &with_record("m27001", |r| r.expiry_date = Some(exp)),
            D,
            "cert.expiring-soon",
            None,
        )
    };
    assert_eq!(at(D), Some(Severity::Warn));
    assert_eq!(at(date!(2027 - 02 - 21)), Some(Severity::Warn)); // D + 90
    assert_eq!(at(date!(2027 - 02 - 22)), None); // D + 91
    assert_eq!(at(date!(2026 - 11 - 22)), None); // expired instead
    let e = with_record("m27001", |r| r.expiry_date = Some(date!(2027 - 02 - 21)));
    let f = findings(&e, D)
        .into_iter()
        .find(|f| f.rule == "cert.expiring-soon")
        .unwrap();
    assert!(f.message.contains("90 days after"), "{}", f.message);
}

#[test]
fn cert_expires_before_contract_end_edges() {
    let mut c = clean_direct();
    c.contract.maintain_for_term = Some(ContractAnswer {
        answer: Answer::No,
        note: String::new(),
    });
    let mut e = one(c);
    e.contract_end = Some(date!(2028 - 01 - 06));
    assert_eq!(
        sev_of(&e, D, "cert.expires-before-contract-end", Some("m27001")),
        Some(Severity::Warn)
    );
    e.contract_end = Some(date!(2028 - 01 - 05)); // the expiry day itself
    assert_eq!(
        sev_of(&e, D, "cert.expires-before-contract-end", None),
        None
    );
    // With a commitment to maintain the certifications, context only.
    e.contract_end = Some(date!(2029 - 01 - 01));
    e.candidates[0].contract = ContractChecklist::all_yes();
    assert_eq!(
        sev_of(&e, D, "cert.expires-before-contract-end", Some("m27001")),
        Some(Severity::Info)
    );
    e.contract_end = None;
    assert_eq!(
        sev_of(&e, D, "cert.expires-before-contract-end", None),
        None
    );
}

// --- cert.cycle-too-long ---------------------------------------------------

#[test]
fn cert_cycle_too_long_edges() {
    let at = |issue: Date, exp: Date| {
        let e = with_record("m27001", |r| {
            r.issue_date = Some(issue);
            r.expiry_date = Some(exp);
        });
        sev_of(&e, date!(2025 - 06 - 01), "cert.cycle-too-long", None)
    };
    let issue = date!(2025 - 01 - 06);
    assert_eq!(at(issue, date!(2028 - 01 - 06)), None); // exactly three years
    assert_eq!(at(issue, date!(2028 - 02 - 06)), None); // three years + 31 days
    assert_eq!(at(issue, date!(2028 - 02 - 07)), Some(Severity::Fail)); // + 32 days
                                                                        // A leap-day issue: 2024-02-29 + 3 years = 2027-02-28, + 31 days = 2027-03-31.
    let leap = date!(2024 - 02 - 29);
    assert_eq!(at(leap, date!(2027 - 03 - 31)), None);
    assert_eq!(at(leap, date!(2027 - 04 - 01)), Some(Severity::Fail));
    let e = with_record("m27001", |r| {
        r.issue_date = Some(leap);
        r.expiry_date = Some(date!(2027 - 04 - 01));
    });
    let f = findings(&e, date!(2025 - 06 - 01))
        .into_iter()
        .find(|f| f.rule == "cert.cycle-too-long")
        .unwrap();
    assert!(f.values.contains(&Compared {
        name: "latest_expiry",
        value: "2027-03-31".into()
    }));
}

// --- cert.surveillance-overdue ------------------------------------------------

#[test]
fn cert_surveillance_overdue_edges() {
    let at = |last: Option<Date>, issue: Option<Date>| {
        let e = with_record("m27001", |r| {
            r.last_surveillance_audit = last;
            r.issue_date = issue;
            r.originally_certified = None;
        });
        sev_of(&e, D, "cert.surveillance-overdue", Some("m27001"))
    };
    let old_issue = Some(date!(2024 - 06 - 01));
    // Due 12 months + 31 days after the audit: 2025-10-23 → 2026-11-23 (= D).
    assert_eq!(at(Some(date!(2025 - 10 - 23)), old_issue), None);
    assert_eq!(
        at(Some(date!(2025 - 10 - 22)), old_issue),
        Some(Severity::Warn)
    );
    // None recorded, and an old issue date: overdue.
    assert_eq!(at(None, old_issue), Some(Severity::Warn));
    // Neither recorded: "none recorded".
    assert_eq!(at(None, None), Some(Severity::Warn));
    // A recent (re)certification counts as an audit.
    assert_eq!(at(None, Some(date!(2026 - 03 - 01))), None);
}

// --- cert.withdrawn-edition -----------------------------------------------------

#[test]
fn cert_withdrawn_edition_edges() {
    let mut c = clean_direct();
    {
        let r = rec(&mut c, "m27001");
        r.standard = StandardRef::iso(Standard::Iso27001, 2013);
        r.issue_date = Some(date!(2023 - 06 - 01));
        r.expiry_date = Some(date!(2026 - 05 - 31));
    }
    rec(&mut c, "m27017").based_on = Some("m27001".into());
    {
        // Rides on the same certificate number, without `based_on`.
        let base_number = c.records[0].certificate_number.clone();
        rec(&mut c, "m27018").certificate_number = base_number;
    }
    {
        let r = rec(&mut c, "m27701");
        r.standard = StandardRef::iso(Standard::Iso27701, 2025);
        r.based_on = Some("m27001".into());
    }
    let e = one(c);
    let on = |d: Date, id: &str| sev_of(&e, d, "cert.withdrawn-edition", Some(id));
    assert_eq!(on(date!(2025 - 10 - 31), "m27001"), None);
    assert_eq!(on(date!(2025 - 11 - 01), "m27001"), Some(Severity::Fail));
    assert_eq!(on(date!(2025 - 10 - 31), "m27017"), None);
    assert_eq!(on(date!(2025 - 11 - 01), "m27017"), Some(Severity::Fail));
    assert_eq!(on(date!(2025 - 11 - 01), "m27018"), Some(Severity::Fail));
    // 27701:2025 stands on its own.
    assert_eq!(on(date!(2025 - 11 - 01), "m27701"), None);
    // A 27017 on a 27001:2022 certificate is fine.
    assert_eq!(
        sev_of(&one(clean_direct()), D, "cert.withdrawn-edition", None),
        None
    );
}

// --- cert.no-certification-body / cert.unrecognised-accreditation ----------

#[test]
fn cert_no_certification_body_edges() {
    for blank in ["", "   "] {
        let e = with_record("m27001", |r| r.certification_body = blank.into());
        assert_eq!(
            sev_of(&e, D, "cert.no-certification-body", Some("m27001")),
            Some(Severity::Fail)
        );
    }
    let e = with_record("msoc2", |r| r.soc2.as_mut().unwrap().auditor = " ".into());
    assert_eq!(
        sev_of(&e, D, "cert.no-certification-body", Some("msoc2")),
        Some(Severity::Fail)
    );
    let e = with_record("m27001", |r| r.certification_body = "BSI".into());
    assert_eq!(sev_of(&e, D, "cert.no-certification-body", None), None);
}

#[test]
fn cert_unrecognised_accreditation_edges() {
    for (typed, fires) in [
        ("International Accreditation Council", true),
        ("UKAS Certification Services Ltd", true),
        ("", true),
        ("  ", true),
        ("UKAS", false),
        ("United Kingdom Accreditation Service", false),
        ("ANSI National Accreditation Board (ANAB)", false),
        ("dakks", false),
    ] {
        let e = with_record("m27001", |r| r.accreditation_body = typed.into());
        let got = sev_of(&e, D, "cert.unrecognised-accreditation", Some("m27001"));
        assert_eq!(got, fires.then_some(Severity::Warn), "{typed:?}");
    }
    let e = with_record("m42001", |r| {
        r.accreditation_body = "International Accreditation Council".into()
    });
    let f = findings(&e, D)
        .into_iter()
        .find(|f| f.rule == "cert.unrecognised-accreditation")
        .unwrap();
    assert!(
        f.message.contains("non-accredited 42001 certificate"),
        "{}",
        f.message
    );
    assert!(
        f.message
            .starts_with("`International Accreditation Council`"),
        "{}",
        f.message
    );
}
