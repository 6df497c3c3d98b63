//! The re-verification calendar: the dates that follow from the evidence,
//! and their iCalendar export (RFC 5545).
//!
//! Dates (`docs/policy-decisions.md`, "Calendar"):
//! - **re-verification** (A step 5, quarterly; `verify.stale` warns from day
//!   91): per candidate, the earliest `last_verified` + 90 days of its
//!   verified records; a record never verified is due on the evaluation date.
//!   Overdue dates are moved to the evaluation date.
//! - **certificate expiry**: the expiry date (`cert.expired` fires the next
//!   day).
//! - **surveillance audit due**: the later of the last surveillance audit and
//!   the issue date, + 12 months (`cert.surveillance-overdue` warns 31 days
//!   later); not shown when the certificate expires first.
//! - **SOC 2 report stale**: the first day `soc2.stale` warns, period end +
//!   12 months + 1 day.
//! - **42001 timeline target** (`ai.no-42001-timeline`) and **contract end**.
//!
//! Public claims are not evidence and give no dates.

use crate::domain::evaluation::{Evaluation, StandardRef};
use crate::domain::format_date;
use crate::policy::rules::{ai, cert, soc2, verify, Rule};
use crate::policy::{add_days, add_months};
use time::Date;

/// The fixed end of every event's UID (see [`CalendarEvent::uid`]): never change it.
pub const UID_SUFFIX: &str = "@certcheck";

/// What a dated event is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventKind {
    Reverify,
    CertExpiry,
    SurveillanceDue,
    Soc2Stale,
    AiTimelineTarget,
    ContractEnd,
}

impl EventKind {
    pub fn id(self) -> &'static str {
        match self {
            EventKind::Reverify => "reverify",
            EventKind::CertExpiry => "cert-expiry",
            EventKind::SurveillanceDue => "surveillance-due",
            EventKind::Soc2Stale => "soc2-stale",
            EventKind::AiTimelineTarget => "ai-timeline-target",
            EventKind::ContractEnd => "contract-end",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            EventKind::Reverify => "Quarterly re-verification",
            EventKind::CertExpiry => "Certificate expires",
            EventKind::SurveillanceDue => "Surveillance audit due",
            EventKind::Soc2Stale => "SOC 2 report goes stale",
            EventKind::AiTimelineTarget => "42001 timeline target",
            EventKind::ContractEnd => "Contract ends",
        }
    }

    /// The POLICY.md rule the date comes from.
    pub fn rule(self) -> &'static Rule {
        match self {
            EventKind::Reverify => &verify::STALE,
            EventKind::CertExpiry => &cert::EXPIRED,
            EventKind::SurveillanceDue => &cert::SURVEILLANCE_OVERDUE,
            EventKind::Soc2Stale => &soc2::STALE,
            EventKind::AiTimelineTarget => &ai::NO_42001_TIMELINE,
            EventKind::ContractEnd => &cert::EXPIRES_BEFORE_CONTRACT_END,
        }
    }
}

/// One dated event of the calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEvent {
    pub kind: EventKind,
    /// The candidate id (empty for the evaluation's contract end).
    pub candidate: String,
    /// The candidate's display name.
    pub candidate_name: String,
    /// The record id, for a record's event.
    pub record: Option<String>,
    /// The record's standard ("ISO/IEC 27001:2022", "SOC 2").
    pub standard: Option<String>,
    pub date: Date,
    /// True when the date was before the evaluation date (shown as overdue).
    pub overdue: bool,
    /// Why this date, in a sentence.
    pub why: String,
}

impl CalendarEvent {
    /// A one-line title ("Certificate expires: OpenAI direct, ISO/IEC 27001:2022").
    pub fn title(&self) -> String {
        let mut t = format!("{}: {}", self.kind.label(), self.candidate_name);
        if let Some(s) = &self.standard {
            t.push_str(", ");
            t.push_str(s);
        }
        t
    }

    /// A stable UID: from the candidate id, the record id and the kind, never
    /// the date, so that a re-export after a renewal updates the same event.
    /// The suffix is the product's name before it became Scopewise, kept
    /// as it was ([`UID_SUFFIX`]) so that a calendar exported before the
    /// rename and imported again after it updates its events.
    pub fn uid(&self) -> String {
        let key = format!(
            "{}\u{1f}{}\u{1f}{}",
            self.candidate,
            self.record.as_deref().unwrap_or(""),
            self.kind.id()
        );
        format!(
            "{:016x}-{}{UID_SUFFIX}",
            fnv1a(key.as_bytes()),
            self.kind.id()
        )
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn display_name(name: &str, id: &str) -> String {
    if name.trim().is_empty() {
        id.to_string()
    } else {
        name.trim().to_string()
    }
}

/// Every dated event of an evaluation judged on `evaluation_date`, sorted by
/// date, then candidate, record and kind.
pub fn events(eval: &Evaluation, evaluation_date: Date) -> Vec<CalendarEvent> {
    let mut out = Vec::new();
    for c in &eval.candidates {
        let name = display_name(&c.name, &c.id);
        let ev = |kind, record: Option<&str>, standard: Option<String>, date: Date, why: String| {
            CalendarEvent {
                kind,
                candidate: c.id.clone(),
                candidate_name: name.clone(),
                record: record.map(str::to_string),
                standard,
                date,
                overdue: date < evaluation_date,
                why,
            }
        };
        // Quarterly re-verification, per candidate.
        let mut next: Option<(Date, &str, Option<Date>)> = None;
        for r in c.records.iter().filter(|r| !r.is_public_claim()) {
            let due = r
                .last_verified
                .map_or(evaluation_date, |d| add_days(d, verify::STALE_DAYS));
            if next.is_none_or(|(d, _, _)| due < d) {
                next = Some((due, &r.id, r.last_verified));
            }
        }
        if let Some((due, rid, last)) = next {
            let why = match last {
                Some(l) => format!(
                    "re-pull the certificates and reports, check scope changes, suspensions and sub-processors (source A, step 5): record `{rid}` was last verified on {}; `verify.stale` warns after 90 days",
                    format_date(l)
                ),
                None => format!(
                    "re-pull the certificates and reports (source A, step 5): record `{rid}` has never been verified"
                ),
            };
            let mut e = ev(
                EventKind::Reverify,
                None,
                None,
                due.max(evaluation_date),
                why,
            );
            if due < evaluation_date {
                e.overdue = true;
                e.why
                    .push_str(&format!(" (overdue since {})", format_date(due)));
            }
            out.push(e);
        }
        for r in c.records.iter().filter(|r| !r.is_public_claim()) {
            let label = r.standard.label();
            match &r.standard {
                StandardRef::Iso { .. } | StandardRef::Attestation(_) => {
                    if let Some(exp) = r.expiry_date {
                        out.push(ev(
                            EventKind::CertExpiry,
                            Some(&r.id),
                            Some(label.clone()),
                            exp,
                            format!(
                                "certificate {} expires (valid through this day); ask for the renewed certificate before then",
                                if r.certificate_number.is_empty() { "(no number)".to_string() } else { format!("`{}`", r.certificate_number) }
                            ),
                        ));
                    }
                    if matches!(r.standard, StandardRef::Iso { .. }) {
                        let latest = r.last_surveillance_audit.max(r.issue_date);
                        match latest {
                            Some(l) => {
                                let due = add_months(l, cert::SURVEILLANCE_MONTHS);
                                if r.expiry_date.is_none_or(|x| due < x) {
                                    out.push(ev(
                                        EventKind::SurveillanceDue,
                                        Some(&r.id),
                                        Some(label.clone()),
                                        due,
                                        format!(
                                            "annual surveillance audit due (ISO/IEC 17021-1): the last audit or issue was {}; `cert.surveillance-overdue` warns from {}",
                                            format_date(l),
                                            format_date(add_days(
                                                due,
                                                cert::SURVEILLANCE_TOLERANCE_DAYS + 1
                                            ))
                                        ),
                                    ));
                                }
                            }
                            None => out.push(ev(
                                EventKind::SurveillanceDue,
                                Some(&r.id),
                                Some(label.clone()),
                                evaluation_date,
                                "no surveillance audit or issue date recorded: ask for the last surveillance audit".to_string(),
                            )),
                        }
                    }
                }
                StandardRef::Soc2 => {
                    if let Some(end) = r.soc2.as_ref().and_then(|s| s.period_end) {
                        let stale = add_days(add_months(end, soc2::STALE_MONTHS), 1);
                        out.push(ev(
                            EventKind::Soc2Stale,
                            Some(&r.id),
                            Some(label.clone()),
                            stale,
                            format!(
                                "the report's period ended {}; from this day it is more than 12 months old: ask for the next report or a bridge letter",
                                format_date(end)
                            ),
                        ));
                    }
                }
            }
        }
        if let Some(t) = c.ai_timeline.as_ref().and_then(|t| t.target_date) {
            out.push(ev(
                EventKind::AiTimelineTarget,
                None,
                Some("ISO/IEC 42001".to_string()),
                t,
                "the vendor's written 42001 timeline names this date: after it, the timeline counts as none".to_string(),
            ));
        }
    }
    if let Some(end) = eval.contract_end {
        out.push(CalendarEvent {
            kind: EventKind::ContractEnd,
            candidate: String::new(),
            candidate_name: display_name(&eval.workload.name, "the evaluation"),
            record: None,
            standard: None,
            date: end,
            overdue: end < evaluation_date,
            why: "the contract term ends; certificates expiring before it need a renewal commitment (source A, step 4)".to_string(),
        });
    }
    out.sort_by(|a, b| {
        (a.date, &a.candidate, &a.record, a.kind).cmp(&(b.date, &b.candidate, &b.record, b.kind))
    });
    out
}

/// Reminder offsets of every event: 14 days and 1 day before.
pub const REMINDER_DAYS: [u32; 2] = [14, 1];

/// The events as an iCalendar file (RFC 5545): one all-day event per date,
/// stable UIDs, two reminders, CRLF line ends and 75-octet folding.
/// `stamp` is the export date (DTSTAMP, at midnight UTC).
pub fn to_ics(events: &[CalendarEvent], calendar_name: &str, stamp: Date) -> String {
    let mut out = String::with_capacity(events.len() * 600 + 256);
    let mut line = |s: &str| fold_line(&mut out, s);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//Scopewise//Re-verification calendar//EN");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line(&format!("X-WR-CALNAME:{}", escape_text(calendar_name)));
    let dtstamp = format!("DTSTAMP:{}T000000Z", ics_date(stamp));
    for e in events {
        line("BEGIN:VEVENT");
        line(&format!("UID:{}", escape_text(&e.uid())));
        line(&dtstamp);
        line(&format!("DTSTART;VALUE=DATE:{}", ics_date(e.date)));
        line(&format!(
            "DTEND;VALUE=DATE:{}",
            ics_date(add_days(e.date, 1).max(e.date))
        ));
        line(&format!("SUMMARY:{}", escape_text(&e.title())));
        let mut desc = e.why.clone();
        if let Some(r) = &e.record {
            desc.push_str(&format!("\nRecord: {r}"));
        }
        desc.push_str(&format!("\nRule: {}", e.kind.rule().id));
        line(&format!("DESCRIPTION:{}", escape_text(&desc)));
        line(&format!("CATEGORIES:{}", escape_text(e.kind.id())));
        line("TRANSP:TRANSPARENT");
        for d in REMINDER_DAYS {
            line("BEGIN:VALARM");
            line("ACTION:DISPLAY");
            line(&format!("DESCRIPTION:{}", escape_text(&e.title())));
            line(&format!("TRIGGER:-P{d}D"));
            line("END:VALARM");
        }
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

/// `YYYYMMDD` (years outside 0..=9999 are clamped: iCalendar has 4 digits).
fn ics_date(d: Date) -> String {
    format!(
        "{:04}{:02}{:02}",
        d.year().clamp(0, 9999),
        u8::from(d.month()),
        d.day()
    )
}

/// TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, newline.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            // Other control characters are not allowed in TEXT.
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded at 75 octets (RFC 5545 §3.1) without
/// splitting a UTF-8 character, each physical line ending in CRLF.
pub fn fold_line(out: &mut String, line: &str) {
    let mut used = 0; // octets on the current physical line
    let mut limit = 75;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > limit {
            out.push_str("\r\n ");
            used = 0;
            limit = 74; // the leading space counts
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
}
