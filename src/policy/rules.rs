//! The rules of POLICY.md, one small function per rule, named after its id
//! (`cert.expired` → [`cert_expired`]). Each reads the facts it needs and
//! pushes its findings into the candidate's context.

use super::accreditation::recognised_accreditation_body;
use super::calendar::{add_days, add_months, add_years};
use super::report::{
    Cell, CellStatus, Compared, Finding, Name, ScopeMatch, Severity, StandardSet, Subject,
};
use super::text;
use crate::domain::evaluation::{
    Answer, Candidate, ContractItem, Evaluation, EvidenceRecord, Requirement, RequirementLevel,
    Soc2Type, SourceKind, StandardRef,
};
use crate::domain::{format_date, Layer, RiskTier, Standard};
use std::borrow::Cow;
use std::rc::Rc;
use time::macros::date;
use time::Date;

/// The end of the ISO/IEC 27001:2013 transition (IAF MD 26).
pub const TRANSITION_END_27001_2013: Date = date!(2025 - 10 - 31);
/// `cert.expiring-soon`: days before expiry.
pub const EXPIRING_SOON_DAYS: i64 = 90;
/// `cert.cycle-too-long`: years of a certification cycle, plus tolerance days.
pub const CYCLE_YEARS: i32 = 3;
pub const CYCLE_TOLERANCE_DAYS: i64 = 31;
/// `cert.surveillance-overdue`: months between audits, plus tolerance days.
pub const SURVEILLANCE_MONTHS: i32 = 12;
pub const SURVEILLANCE_TOLERANCE_DAYS: i64 = 31;
/// `verify.stale`: days since the buyer last verified a record.
pub const VERIFY_STALE_DAYS: i64 = 90;
/// `soc2.stale`: months since the SOC 2 period ended.
pub const SOC2_STALE_MONTHS: i32 = 12;
/// `soc2.bridge-too-long`: months a bridge letter may reach past the period.
pub const SOC2_BRIDGE_MONTHS: i32 = 3;

/// A rule of POLICY.md, for documentation screens and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct RuleInfo {
    pub id: &'static str,
    /// The severity as POLICY.md states it.
    pub severity: &'static str,
    pub source: &'static str,
    pub fires_when: &'static str,
}

macro_rules! rules {
    ($( $konst:ident = $id:literal, $sev:literal, $src:literal, $when:literal; )*) => {
        $( pub const $konst: &str = $id; )*
        /// Every rule the engine applies.
        pub const RULES: &[RuleInfo] = &[
            $( RuleInfo { id: $id, severity: $sev, source: $src, fires_when: $when }, )*
        ];
    };
}

rules! {
    TIER_REQUIRED_MISSING = "tier.required-missing", "fail", "source A, step 1",
        "a standard the tier requires has no evidence record for that layer";
    TIER_PUBLIC_CLAIM_ONLY = "tier.public-claim-only", "warn", "source A, step 2 (\"never accept a marketing-page screenshot\")",
        "the only support for a required standard is the public matrix's claim";
    EVIDENCE_WEAK_SOURCE = "evidence.weak-source", "fail for required standards, warn otherwise", "source A, step 2",
        "the record's source is a marketing page, screenshot, press release or industry reporting";
    EVIDENCE_PORTAL_PAGE_ONLY = "evidence.portal-page-only", "warn", "source A, step 2",
        "the source is a trust-portal page, not the certificate PDF or report";
    CERT_EXPIRED = "cert.expired", "fail", "source A, step 2",
        "the expiry date is before the evaluation date";
    CERT_NOT_YET_VALID = "cert.not-yet-valid", "fail", "ISO/IEC 17021-1",
        "the issue date is after the evaluation date";
    CERT_EXPIRING_SOON = "cert.expiring-soon", "warn", "source A, step 5 (quarterly re-verification)",
        "the certificate expires within 90 days after the evaluation date";
    CERT_EXPIRES_BEFORE_CONTRACT_END = "cert.expires-before-contract-end", "warn", "source A, step 4",
        "the certificate expires before the contract end date";
    CERT_CYCLE_TOO_LONG = "cert.cycle-too-long", "fail", "ISO/IEC 17021-1: 3-year certification cycle",
        "the expiry is more than 3 years (+ 31 days) after the issue date";
    CERT_SURVEILLANCE_OVERDUE = "cert.surveillance-overdue", "warn", "ISO/IEC 17021-1: surveillance at least once a calendar year",
        "no surveillance or (re)certification audit within the last 12 months (+ 31 days), or none recorded";
    CERT_WITHDRAWN_EDITION = "cert.withdrawn-edition", "fail", "IAF MD 26: the 27001:2013 transition ended 2025-10-31",
        "a 27001:2013 certificate, or a 27017/27018/27701:2019 certificate riding on one, evaluated after 2025-10-31";
    CERT_NO_CERTIFICATION_BODY = "cert.no-certification-body", "fail", "source A, step 2",
        "the certification body (or SOC 2 auditor) is blank";
    CERT_UNRECOGNISED_ACCREDITATION = "cert.unrecognised-accreditation", "warn", "source A, step 2; IAF MLA; ISO/IEC 42006:2025",
        "the accreditation body is blank or not on the recognised list";
    SCOPE_PRODUCT_NOT_NAMED = "scope.product-not-named", "fail", "source A, step 3",
        "a product in use is not named in the scope statement of the layer that must cover it";
    SCOPE_MISSING_STATEMENT = "scope.missing-statement", "fail", "source A (\"a logo without a scope statement\")",
        "a record has no scope statement";
    LAYER_INHERITED_ONLY = "layer.inherited-only", "fail", "source A, shared responsibility",
        "a hosted path's model layer is supported only by the platform's certificate";
    LAYER_CUSTOMER_AIMS = "layer.customer-aims", "info", "source A, FAQ",
        "the tier is high-risk: the buyer's own AIMS is in scope as AI operator";
    AI_NO_42001_TIMELINE = "ai.no-42001-timeline", "fail (high-risk) / warn (regulated)", "source A, \"opinionated pick\"",
        "no 42001 evidence and no written public timeline";
    SOC2_STALE = "soc2.stale", "warn", "buyer convention",
        "the SOC 2 period ended more than 12 months before the evaluation date";
    SOC2_TYPE1_ONLY = "soc2.type1-only", "warn", "source A",
        "SOC 2 is Type I where Type II is required";
    SOC2_BRIDGE_TOO_LONG = "soc2.bridge-too-long", "warn", "convention",
        "a bridge letter reaches more than 3 months past the period end";
    VERIFY_STALE = "verify.stale", "warn", "source A, step 5",
        "the record was last verified more than 90 days before the evaluation date";
    CONTRACT_CERTS_NAMED = "contract.certs-named", "fail (high-risk) / warn", "source A, step 4",
        "the MSA/DPA do not name each certification";
    CONTRACT_MAINTAIN_FOR_TERM = "contract.maintain-for-term", "fail (high-risk) / warn", "source A, step 4",
        "no commitment to maintain the certifications for the term";
    CONTRACT_ANNUAL_SURVEILLANCE = "contract.annual-surveillance", "fail (high-risk) / warn", "source A, step 4",
        "no annual surveillance audit confirmation";
    CONTRACT_LAPSE_NOTICE = "contract.lapse-notice", "fail (high-risk) / warn", "source A, step 4",
        "no 30-day notice of suspension, withdrawal or scope reduction";
    CONTRACT_TERMINATION_RIGHT = "contract.termination-right", "fail (high-risk) / info", "source A, step 4",
        "no termination right without penalty if certifications lapse";
    CONTRACT_ZDR_WINDOW = "contract.zdr-window", "fail (high-risk) / warn", "source A, step 4",
        "Zero Data Retention is not in the order form with its window named";
    CONTRACT_SUBPROCESSOR_NOTICE = "contract.subprocessor-notice", "fail (high-risk) / warn", "source A, step 4",
        "sub-processor changes are not notified 30+ days ahead with a right to object";
    CONTRACT_NO_INDUSTRY_STANDARD_WORDING = "contract.no-industry-standard-wording", "fail (high-risk) / warn", "source A, step 4",
        "the contract relies on \"industry-standard compliance\" wording";
    CLAIM_MODEL_CERTIFIED = "claim.model-certified", "warn", "sources A and B",
        "a record or note claims a model is ISO certified";
}

/// The source of a rule id.
pub fn rule_source(id: &str) -> &'static str {
    RULES
        .iter()
        .find(|r| r.id == id)
        .map(|r| r.source)
        .unwrap_or("POLICY.md")
}

// ---------------------------------------------------------------------------
// The context of one candidate
// ---------------------------------------------------------------------------

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

impl Ctx<'_> {
    /// Forgets what was found in the previous scope statement.
    pub(crate) fn scope_changed(&mut self) {
        self.product_hits_valid = false;
        self.service_hit = None;
        self.scope_claim = None;
    }
}

pub(crate) fn sev(required: bool) -> Severity {
    if required {
        Severity::Fail
    } else {
        Severity::Warn
    }
}

fn level_sev(level: RequirementLevel) -> Severity {
    match level {
        RequirementLevel::Required => Severity::Fail,
        RequirementLevel::Recommended => Severity::Warn,
    }
}

fn d(x: Date) -> String {
    format_date(x)
}

fn v(name: &'static str, value: impl Into<String>) -> Compared {
    Compared {
        name,
        value: value.into(),
    }
}

/// "record `r1` (ISO/IEC 27001:2022, certificate `C-1`)".
fn label(r: &EvidenceRecord) -> String {
    let cert = if r.certificate_number.is_empty() {
        String::new()
    } else {
        format!(", certificate `{}`", r.certificate_number)
    };
    format!("record `{}` ({}{cert})", r.id.trim(), r.standard.label())
}

impl<'a> Ctx<'a> {
    fn subject(
        &self,
        layer: Option<Layer>,
        record: Option<usize>,
        standard: Option<Standard>,
        field: Option<&'static str>,
    ) -> Subject {
        Subject {
            candidate: self.cand_id.clone(),
            layer,
            record: record.map(|i| self.ids[i].clone()),
            standard,
            field,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn record_finding(
        &mut self,
        i: usize,
        rule: &'static str,
        severity: Severity,
        field: &'static str,
        values: Vec<Compared>,
        message: String,
        next_step: impl Into<Cow<'static, str>>,
    ) {
        let r = &self.cand.records[i];
        let subject = self.subject(Some(r.layer), Some(i), r.standard.standard(), Some(field));
        let w = &mut self.record_worst[i];
        *w = (*w).max(Some(severity));
        self.findings.push(Finding {
            rule,
            severity,
            subject,
            values,
            message,
            next_step: next_step.into(),
            source: rule_source(rule),
        });
    }

    fn candidate_finding(
        &mut self,
        rule: &'static str,
        severity: Severity,
        subject: Subject,
        values: Vec<Compared>,
        message: String,
        next_step: impl Into<Cow<'static, str>>,
    ) {
        self.findings.push(Finding {
            rule,
            severity,
            subject,
            values,
            message,
            next_step: next_step.into(),
            source: rule_source(rule),
        });
    }

    fn date_values(&self) -> Compared {
        v("evaluation_date", d(self.date))
    }
}

// ---------------------------------------------------------------------------
// Record rules
// ---------------------------------------------------------------------------

/// `evidence.weak-source`: marketing page, screenshot, press release or
/// industry reporting (fail for required standards, warn otherwise); a vendor
/// e-mail is a warning.
pub(crate) fn evidence_weak_source(cx: &mut Ctx, i: usize, f: Facts) {
    let cand = cx.cand;
    let r = &cand.records[i];
    let (severity, what) = match r.source {
        SourceKind::MarketingPage
        | SourceKind::Screenshot
        | SourceKind::PressRelease
        | SourceKind::IndustryReporting => (
            sev(f.required),
            "which is not evidence of a current certificate",
        ),
        SourceKind::VendorEmail => (
            Severity::Warn,
            "a statement about the evidence, not the evidence itself",
        ),
        _ => return,
    };
    let message = format!("{} rests on a {}, {what}", label(r), r.source.label());
    let values = vec![v("source", r.source.id())];
    cx.record_finding(
        i,
        EVIDENCE_WEAK_SOURCE,
        severity,
        "source",
        values,
        message,
        "ask the vendor for the current certificate PDF or audit report through its trust portal (under NDA if needed); a vendor that won't share one is disqualified",
    );
}

/// `evidence.portal-page-only`: read from a trust-portal page, not the PDF.
pub(crate) fn evidence_portal_page_only(cx: &mut Ctx, i: usize, _f: Facts) {
    let cand = cx.cand;
    let r = &cand.records[i];
    if r.source != SourceKind::TrustPortalPage {
        return;
    }
    let message = format!(
        "{} was read from a trust-portal page, not from the certificate PDF or report",
        label(r)
    );
    cx.record_finding(
        i,
        EVIDENCE_PORTAL_PAGE_ONLY,
        Severity::Warn,
        "source",
        vec![v("source", r.source.id())],
        message,
        "download the certificate PDF from the portal and check its scope and dates against this record",
    );
}

/// `cert.expired`: the expiry date is before the evaluation date. An ISO
/// record with no expiry date cannot be shown current: a warning.
pub(crate) fn cert_expired(cx: &mut Ctx, i: usize, f: Facts) {
    let cand = cx.cand;
    let r = &cand.records[i];
    match r.expiry_date {
        Some(exp) if exp < cx.date => {
            let message = format!(
                "{} expired on {}, before the evaluation date {}",
                label(r),
                d(exp),
                d(cx.date)
            );
            let values = vec![v("expiry_date", d(exp)), cx.date_values()];
            cx.record_finding(
                i,
                CERT_EXPIRED,
                sev(f.required),
                "expiry_date",
                values,
                message,
                "ask the vendor for the renewed certificate; until you have it, this standard is not evidenced",
            );
        }
        None if matches!(r.standard, StandardRef::Iso { .. }) => {
            let message = format!(
                "{} has no expiry date, so it can't be shown to be current",
                label(r)
            );
            cx.record_finding(
                i,
                CERT_EXPIRED,
                Severity::Warn,
                "expiry_date",
                vec![v("expiry_date", ""), cx.date_values()],
                message,
                "copy the expiry date from the certificate PDF",
            );
        }
        _ => {}
    }
}

/// `cert.not-yet-valid`: the issue date is after the evaluation date. An ISO
/// record with no issue date is a warning.
pub(crate) fn cert_not_yet_valid(cx: &mut Ctx, i: usize, f: Facts) {
    let cand = cx.cand;
    let r = &cand.records[i];
    match r.issue_date {
        Some(issue) if issue > cx.date => {
            let message = format!(
                "{} was issued on {}, after the evaluation date {}: it was not yet valid",
                label(r),
                d(issue),
                d(cx.date)
            );
            let values = vec![v("issue_date", d(issue)), cx.date_values()];
            cx.record_finding(
                i,
                CERT_NOT_YET_VALID,
                sev(f.required),
                "issue_date",
                values,
                message,
                "check the date against the PDF (an announcement date is not an issue date); judge on the certificate valid on the evaluation date",
            );
        }
        None if matches!(r.standard, StandardRef::Iso { .. }) => {
            let message = format!(
                "{} has no issue date, so its validity can't be checked",
                label(r)
            );
            cx.record_finding(
                i,
                CERT_NOT_YET_VALID,
                Severity::Warn,
                "issue_date",
                vec![v("issue_date", ""), cx.date_values()],
                message,
                "copy the issue date of the current certificate from the PDF",
            );
        }
        _ => {}
    }
}

/// `cert.expiring-soon`: expiry within 90 days after the evaluation date.
pub(crate) fn cert_expiring_soon(cx: &mut Ctx, i: usize, _f: Facts) {
    let cand = cx.cand;
    let r = &cand.records[i];
    let Some(exp) = r.expiry_date else { return };
    if exp < cx.date || exp > add_days(cx.date, EXPIRING_SOON_DAYS) {
        return;
    }
    let left = (exp - cx.date).whole_days();
    let message = format!(
        "{} expires on {}, {left} days after the evaluation date",
        label(r),
        d(exp)
    );
    let values = vec![
        v("expiry_date", d(exp)),
        cx.date_values(),
        v("days_left", left.to_string()),
    ];
    cx.record_finding(
        i,
        CERT_EXPIRING_SOON,
        Severity::Warn,
        "expiry_date",
        values,
        message,
        "ask the vendor when the recertification audit is booked, and re-verify the renewed certificate before this one lapses",
    );
}

/// `cert.expires-before-contract-end`: renewal must be a contract commitment.
/// When the contract already commits the vendor to maintaining its
/// certifications for the term, this is context (info), not a warning.
pub(crate) fn cert_expires_before_contract_end(cx: &mut Ctx, i: usize, _f: Facts) {
    let cand = cx.cand;
    let r = &cand.records[i];
    let (Some(exp), Some(end)) = (r.expiry_date, cx.eval.contract_end) else {
        return;
    };
    if exp < cx.date || exp >= end {
        return;
    }
    let committed = cx
        .cand
        .contract
        .get(ContractItem::MaintainForTerm)
        .is_some_and(|a| a.answer == Answer::Yes);
    let (severity, tail) = if committed {
        (
            Severity::Info,
            "the contract commits the vendor to maintaining it for the term",
        )
    } else {
        (Severity::Warn, "renewal must be a contract commitment")
    };
    let message = format!(
        "{} expires on {}, before the contract ends on {}: {tail}",
        label(r),
        d(exp),
        d(end)
    );
    let values = vec![v("expiry_date", d(exp)), v("contract_end", d(end))];
    cx.record_finding(
        i,
        CERT_EXPIRES_BEFORE_CONTRACT_END,
        severity,
        "expiry_date",
        values,
        message,
        "make maintaining the certification for the whole term a contract commitment, and re-verify the renewed certificate",
    );
}

/// `cert.cycle-too-long`: expiry more than 3 years + 31 days after issue.
pub(crate) fn cert_cycle_too_long(cx: &mut Ctx, i: usize, f: Facts) {
    let cand = cx.cand;
    let r = &cand.records[i];
    let (Some(issue), Some(exp)) = (r.issue_date, r.expiry_date) else {
        return;
    };
    let limit = add_days(add_years(issue, CYCLE_YEARS), CYCLE_TOLERANCE_DAYS);
    if exp <= limit {
        return;
    }
    let message = format!(
        "{} runs from {} to {}, longer than a 3-year certification cycle (latest expiry accepted: {})",
        label(r),
        d(issue),
        d(exp),
        d(limit)
    );
    let values = vec![
        v("issue_date", d(issue)),
        v("expiry_date", d(exp)),
        v("latest_expiry", d(limit)),
    ];
    cx.record_finding(
        i,
        CERT_CYCLE_TOO_LONG,
        sev(f.required),
        "expiry_date",
        values,
        message,
        "check both dates against the certificate PDF: a cycle over 3 years is a mistyped date or not an accredited certificate",
    );
}

/// `cert.surveillance-overdue`: no audit within 12 months + 31 days. The
/// latest audit is the later of the last surveillance audit and the issue
/// date of the current certificate (a (re)certification decision).
pub(crate) fn cert_surveillance_overdue(cx: &mut Ctx, i: usize, _f: Facts) {
    let cand = cx.cand;
    let r = &cand.records[i];
    if r.expiry_date.is_some_and(|e| e < cx.date) {
        return; // expired: cert.expired says it all
    }
    let last = r.last_surveillance_audit.max(r.issue_date);
    let Some(last) = last else {
        let message = format!(
            "{} records no surveillance or (re)certification audit",
            label(r)
        );
        cx.record_finding(
            i,
            CERT_SURVEILLANCE_OVERDUE,
            Severity::Warn,
            "last_surveillance_audit",
            vec![v("last_surveillance_audit", ""), cx.date_values()],
            message,
            "ask the vendor for the latest surveillance audit confirmation and record its date",
        );
        return;
    };
    if last > cx.date {
        return;
    }
    let due = add_days(
        add_months(last, SURVEILLANCE_MONTHS),
        SURVEILLANCE_TOLERANCE_DAYS,
    );
    if due >= cx.date {
        return;
    }
    let message = format!(
        "the last audit on record for {} was on {}; the next surveillance audit was due by {}",
        label(r),
        d(last),
        d(due)
    );
    let values = vec![
        v("last_audit", d(last)),
        v("due_by", d(due)),
        cx.date_values(),
    ];
    cx.record_finding(
        i,
        CERT_SURVEILLANCE_OVERDUE,
        Severity::Warn,
        "last_surveillance_audit",
        values,
        message,
        "ask the vendor for the latest surveillance audit confirmation (or the reissued certificate) and record its date",
    );
}

/// The 27001 record a 27017/27018/27701:2019 record extends: by `based_on`,
/// else a 27001 record of the same layer with the same certificate number.
fn base_27001<'c>(cand: &'c Candidate, r: &EvidenceRecord) -> Option<&'c EvidenceRecord> {
    let is_27001 = |o: &&EvidenceRecord| o.standard.standard() == Some(Standard::Iso27001);
    if let Some(b) = &r.based_on {
        return cand
            .records
            .iter()
            .filter(is_27001)
            .find(|o| o.id.trim() == b.trim());
    }
    if r.certificate_number.is_empty() {
        return None;
    }
    cand.records.iter().filter(is_27001).find(|o| {
        o.layer == r.layer
            && o.certificate_number
                .eq_ignore_ascii_case(&r.certificate_number)
    })
}

/// `cert.withdrawn-edition`: 27001:2013, or a certificate riding on one,
/// evaluated after 2025-10-31.
pub(crate) fn cert_withdrawn_edition(cx: &mut Ctx, i: usize, f: Facts) {
    if cx.date <= TRANSITION_END_27001_2013 {
        return;
    }
    let cand = cx.cand;
    let r = &cand.records[i];
    let (Some(std), edition) = (r.standard.standard(), r.standard.edition()) else {
        return;
    };
    let message = match std {
        Standard::Iso27001 if edition == Some(2013) => format!(
            "{} is to the 2013 edition: every ISO/IEC 27001:2013 certificate expired or was withdrawn on 2025-10-31",
            label(r)
        ),
        Standard::Iso27017 | Standard::Iso27018 | Standard::Iso27701
            if !(std == Standard::Iso27701 && edition == Some(2025)) =>
        {
            match base_27001(cx.cand, r) {
                Some(b) if b.standard.edition() == Some(2013) => format!(
                    "{} extends the ISO/IEC 27001:2013 certificate of record `{}`, which expired or was withdrawn on 2025-10-31",
                    label(r),
                    b.id.trim()
                ),
                _ => return,
            }
        }
        _ => return,
    };
    let values = vec![
        v("standard", r.standard.to_string()),
        v("transition_end", d(TRANSITION_END_27001_2013)),
        cx.date_values(),
    ];
    cx.record_finding(
        i,
        CERT_WITHDRAWN_EDITION,
        sev(f.required),
        "standard",
        values,
        message,
        "ask for the certificate issued against ISO/IEC 27001:2022 (and its extensions)",
    );
}

/// `cert.no-certification-body`: the certification body (for SOC 2, the
/// auditor) is blank.
pub(crate) fn cert_no_certification_body(cx: &mut Ctx, i: usize, f: Facts) {
    let cand = cx.cand;
    let r = &cand.records[i];
    let (blank, field, what) = match &r.standard {
        StandardRef::Iso { .. } => (
            r.certification_body.trim().is_empty(),
            "certification_body",
            "certification body",
        ),
        StandardRef::Soc2 => (
            r.soc2.as_ref().is_none_or(|s| s.auditor.trim().is_empty()),
            "soc2.auditor",
            "audit firm",
        ),
        StandardRef::Attestation(_) => return,
    };
    if !blank {
        return;
    }
    let message = format!(
        "{} names no {what}: evidence is only as good as the body that issued it",
        label(r)
    );
    cx.record_finding(
        i,
        CERT_NO_CERTIFICATION_BODY,
        sev(f.required),
        field,
        vec![v(
            if field == "soc2.auditor" {
                "auditor"
            } else {
                "certification_body"
            },
            "",
        )],
        message,
        "copy the issuer's name from the certificate or report, then check its accreditation",
    );
}

/// `cert.unrecognised-accreditation`: blank or not an IAF MLA signatory on
/// the shipped list; for 42001, a "non-accredited certificate".
pub(crate) fn cert_unrecognised_accreditation(cx: &mut Ctx, i: usize, _f: Facts) {
    let cand = cx.cand;
    let r = &cand.records[i];
    let ab = r.accreditation_body.trim();
    let is_42001 = r.standard.standard() == Some(Standard::Iso42001);
    let message = if ab.is_empty() {
        if is_42001 {
            format!(
                "{} names no accreditation body: treat it as a non-accredited 42001 certificate",
                label(r)
            )
        } else {
            format!("{} names no accreditation body", label(r))
        }
    } else if recognised_accreditation_body(ab).is_some() {
        return;
    } else if is_42001 {
        format!(
            "`{ab}` on {} is not a recognised accreditation body (IAF MLA): treat it as a non-accredited 42001 certificate",
            label(r)
        )
    } else {
        format!(
            "`{ab}` on {} is not on the list of recognised accreditation bodies (IAF MLA signatories)",
            label(r)
        )
    };
    let next = if is_42001 {
        "check that the certification body is accredited for ISO/IEC 42001 (ISO/IEC 42006:2025) by an IAF MLA signatory, on that accreditation body's register"
    } else {
        "check the accreditation body on the IAF website (iaf.nu) and the certification body on the accreditation body's own register"
    };
    cx.record_finding(
        i,
        CERT_UNRECOGNISED_ACCREDITATION,
        Severity::Warn,
        "accreditation_body",
        vec![v("accreditation_body", ab)],
        message,
        next,
    );
}

/// `scope.missing-statement`: no scope statement (or SOC 2 system description).
/// Returns true when it fired.
pub(crate) fn scope_missing_statement(cx: &mut Ctx, i: usize, f: Facts) -> bool {
    let cand = cx.cand;
    let r = &cand.records[i];
    if !r.scope.trim().is_empty() {
        return false;
    }
    let message = format!(
        "{} has no scope statement: without one it proves nothing about the product you buy",
        label(r)
    );
    cx.record_finding(
        i,
        SCOPE_MISSING_STATEMENT,
        sev(f.required),
        "scope",
        vec![v("scope", "")],
        message,
        "copy the scope statement from the certificate PDF (for SOC 2, the system description)",
    );
    true
}

/// `scope.product-not-named`: each product the layer must cover is named in
/// the scope (ignoring case and punctuation, with known aliases), or was
/// confirmed by hand. Matches are kept as [`ScopeMatch`]es.
pub(crate) fn scope_product_not_named(cx: &mut Ctx, i: usize, f: Facts) {
    let cand = cx.cand;
    let r = &cand.records[i];
    let n_products = match r.layer {
        Layer::Model => cx.products.len(),
        Layer::Platform if cx.service.is_some() => 1,
        _ => 0,
    };
    // `cx.norm` holds this record's normalised scope (see `evaluate`); what
    // it names is worked out once per distinct statement.
    if r.layer == Layer::Model && !cx.product_hits_valid {
        let mut hits = std::mem::take(&mut cx.product_hits);
        hits.clear();
        for (name, forms) in &cx.products {
            hits.push(
                text::find_any(&cx.norm, forms)
                    .map(|range| matched_name(&r.scope, &cx.offsets, range, name)),
            );
        }
        cx.product_hits = hits;
        cx.product_hits_valid = true;
    }
    if r.layer == Layer::Platform && cx.service_hit.is_none() {
        if let Some((name, forms)) = &cx.service {
            let hit = text::find_any(&cx.norm, forms)
                .map(|range| matched_name(&r.scope, &cx.offsets, range, name));
            cx.service_hit = Some(hit);
        }
    }
    for p in 0..n_products {
        let (product, forms, hit) = match r.layer {
            Layer::Model => (
                cx.products[p].0.clone(),
                cx.products[p].1.clone(),
                cx.product_hits[p].clone(),
            ),
            _ => match &cx.service {
                Some((n, f)) => (n.clone(), f.clone(), cx.service_hit.clone().flatten()),
                None => continue,
            },
        };
        if forms.is_empty() {
            continue;
        }
        if let Some(matched) = hit {
            cx.scope_matches.push(ScopeMatch {
                layer: r.layer,
                record: cx.ids[i].clone(),
                product,
                matched,
                confirmed_by_hand: None,
            });
            continue;
        }
        let confirmation = cand.scope_confirmations.iter().find(|c| {
            c.layer == r.layer
                && c.record_id.trim() == &*cx.ids[i]
                && text::normalise(&c.product) == forms[0]
        });
        if let Some(c) = confirmation {
            let note = c.note.trim();
            cx.scope_matches.push(ScopeMatch {
                layer: r.layer,
                record: cx.ids[i].clone(),
                product: product.clone(),
                matched: Name::from(""),
                confirmed_by_hand: Some(Name::from(note)),
            });
            let message = format!(
                "`{product}` is not named in the scope of {}; confirmed by hand: {}",
                label(r),
                if note.is_empty() { "(no note)" } else { note }
            );
            let values = vec![v("product", product.as_str()), v("confirmation", note)];
            cx.record_finding(
                i,
                SCOPE_PRODUCT_NOT_NAMED,
                Severity::Info,
                "scope",
                values,
                message,
                "keep the document that confirms the match with the evaluation",
            );
            continue;
        }
        let tried: Vec<&str> = forms.iter().map(|f| f.trim()).collect();
        let tried = tried.join("`, `");
        let layer_word = match r.layer {
            Layer::Platform => "the platform layer",
            _ => "the model layer",
        };
        let message = format!(
            "`{product}` is not named in the scope statement of {} at {layer_word} (compared ignoring case and punctuation, as `{tried}`)",
            label(r)
        );
        let values = vec![
            v("product", product.as_str()),
            v("scope", r.scope.trim()),
            v("compared_as", tried),
        ];
        let next: Cow<'static, str> = Cow::Owned(format!(
            "ask the vendor whether `{product}` is in the certified scope; if the scope names it in other words, confirm the match by hand with a note. Outside both layers' scopes, it is uncertified"
        ));
        cx.record_finding(
            i,
            SCOPE_PRODUCT_NOT_NAMED,
            sev(f.required),
            "scope",
            values,
            message,
            next,
        );
    }
}

/// The words of `scope` that matched, sharing the product's name when they
/// are written exactly like it.
fn matched_name(scope: &str, offsets: &[u32], range: (usize, usize), product: &Name) -> Name {
    let words = text::original_slice(scope, offsets, range);
    if words == product.as_str() {
        product.clone()
    } else {
        Name::from(words)
    }
}

/// `verify.stale`: last verified more than 90 days before the evaluation
/// date, or never.
pub(crate) fn verify_stale(cx: &mut Ctx, i: usize, _f: Facts) {
    let cand = cx.cand;
    let r = &cand.records[i];
    let message = match r.last_verified {
        None => format!("{} has no date of last verification", label(r)),
        Some(lv) if add_days(lv, VERIFY_STALE_DAYS) < cx.date => format!(
            "{} was last verified on {}, {} days before the evaluation date (re-verify every quarter)",
            label(r),
            d(lv),
            (cx.date - lv).whole_days()
        ),
        _ => return,
    };
    let values = vec![
        v("last_verified", r.last_verified.map(d).unwrap_or_default()),
        cx.date_values(),
    ];
    cx.record_finding(
        i,
        VERIFY_STALE,
        Severity::Warn,
        "last_verified",
        values,
        message,
        "re-pull the certificate from the trust portal, check its scope and dates, and set the verification date",
    );
}

/// `claim.model-certified`: the scope or the notes claim a model is ISO
/// certified (ISO certifies management systems, never a model).
pub(crate) fn claim_model_certified(cx: &mut Ctx, i: usize, _f: Facts) {
    let cand = cx.cand;
    let r = &cand.records[i];
    for (field, text_) in [("scope", &r.scope), ("notes", &r.notes)] {
        if text_.trim().is_empty() {
            continue;
        }
        // `cx.norm` already holds the normalised scope; its claim is cached.
        let claim = if field == "scope" {
            if cx.scope_claim.is_none() {
                cx.scope_claim = Some(text::model_certified_claim(text_, &cx.norm));
            }
            cx.scope_claim.clone().flatten()
        } else {
            text::model_certified_claim(text_, &text::normalise(text_))
        };
        if let Some(words) = claim {
            let message = format!(
                "{} claims a model is certified (`{words}`): ISO certifies management systems, never a model",
                label(r)
            );
            cx.record_finding(
                i,
                CLAIM_MODEL_CERTIFIED,
                Severity::Warn,
                field,
                vec![v("claim", words)],
                message,
                "treat the claim as marketing: ask which management system is certified, and read that certificate's scope",
            );
        }
    }
}

/// `soc2.stale`: the SOC 2 period ended more than 12 months before the
/// evaluation date (or no period end is recorded).
pub(crate) fn soc2_stale(cx: &mut Ctx, i: usize, _f: Facts) {
    let cand = cx.cand;
    let r = &cand.records[i];
    let end = r.soc2.as_ref().and_then(|s| s.period_end);
    let message = match end {
        None => format!(
            "{} records no period end, so its age can't be checked",
            label(r)
        ),
        Some(e) if add_months(e, SOC2_STALE_MONTHS) < cx.date => format!(
            "the period of {} ended on {}, more than 12 months before the evaluation date {}",
            label(r),
            d(e),
            d(cx.date)
        ),
        _ => return,
    };
    let values = vec![
        v("period_end", end.map(d).unwrap_or_default()),
        cx.date_values(),
    ];
    cx.record_finding(
        i,
        SOC2_STALE,
        Severity::Warn,
        "soc2.period_end",
        values,
        message,
        "ask for the current SOC 2 Type II report",
    );
}

/// `soc2.bridge-too-long`: a bridge letter reaching more than 3 months past
/// the period end.
pub(crate) fn soc2_bridge_too_long(cx: &mut Ctx, i: usize, _f: Facts) {
    let cand = cx.cand;
    let r = &cand.records[i];
    let Some(s) = &r.soc2 else { return };
    let (Some(end), Some(bridge)) = (s.period_end, s.bridge_letter_end) else {
        return;
    };
    let limit = add_months(end, SOC2_BRIDGE_MONTHS);
    if bridge <= limit {
        return;
    }
    let message = format!(
        "the bridge letter for {} reaches {}, more than 3 months past the period end {}: a bridge letter is the vendor's own word, never auditor assurance",
        label(r),
        d(bridge),
        d(end)
    );
    let values = vec![
        v("period_end", d(end)),
        v("bridge_letter_end", d(bridge)),
        v("latest_accepted", d(limit)),
    ];
    cx.record_finding(
        i,
        SOC2_BRIDGE_TOO_LONG,
        Severity::Warn,
        "soc2.bridge_letter_end",
        values,
        message,
        "ask for the next SOC 2 Type II report instead of relying on the bridge letter",
    );
}

// ---------------------------------------------------------------------------
// Requirement rules (the decision matrix)
// ---------------------------------------------------------------------------

fn requirement_label(req: &Requirement) -> Cow<'static, str> {
    match req.any_of.as_slice() {
        [one] => Cow::Borrowed(one.name()),
        many => {
            let names: Vec<&str> = many.iter().map(|s| s.name()).collect();
            Cow::Owned(names.join(" or "))
        }
    }
}

fn join_ids(ids: &[Name]) -> String {
    let v: Vec<&str> = ids.iter().map(|n| n.as_str()).collect();
    v.join("`, `")
}

fn record_sort_ids(cx: &Ctx, idx: &[usize]) -> Vec<Name> {
    let mut ids: Vec<Name> = idx.iter().map(|&i| cx.ids[i].clone()).collect();
    ids.sort();
    ids
}

/// Decides one requirement at one layer, firing `tier.required-missing`,
/// `tier.public-claim-only`, `layer.inherited-only` or `soc2.type1-only`
/// when no verified record supports it.
pub(crate) fn requirement_cell(cx: &mut Ctx, layer: Layer, req: &Requirement, facts: &[Facts]) {
    let label_ = requirement_label(req);
    let cand = cx.cand;
    let records = &cand.records;
    let at = |i: usize, s: Standard| {
        records[i].layer == layer && records[i].standard.standard() == Some(s)
    };
    let is_type2 = |i: usize| {
        records[i]
            .soc2
            .as_ref()
            .is_some_and(|x| x.report_type == Soc2Type::TypeII)
    };

    // The best supported alternative: status = worst of its verified records.
    let supports = |i: usize, s: Standard| {
        at(i, s)
            && !facts[i].public_claim
            && !facts[i].platform_held
            && (s != Standard::Soc2Type2 || is_type2(i))
    };
    let mut best: Option<(CellStatus, Standard)> = None;
    for &s in &req.any_of {
        let mut any = false;
        let mut worst = None;
        for i in 0..records.len() {
            if supports(i, s) {
                any = true;
                worst = worst.max(cx.record_worst[i]);
            }
        }
        if !any {
            continue;
        }
        let status = CellStatus::from_worst(worst);
        if best.is_none_or(|(b, _)| status < b) {
            best = Some((status, s));
        }
    }
    if let Some((status, s)) = best {
        let mut ids: Vec<Name> = (0..records.len())
            .filter(|&i| supports(i, s))
            .map(|i| cx.ids[i].clone())
            .collect();
        ids.sort();
        let reason: Cow<'static, str> = Cow::Borrowed(match status {
            CellStatus::Pass => "supported by a record that meets every rule",
            CellStatus::Conditional => "supported, with warnings to review on its records",
            CellStatus::Fail => "the evidence on file fails: see its findings",
        });
        cx.matrix.push(Cell {
            layer,
            requirement: label_,
            standards: req.any_of.iter().copied().collect::<StandardSet>(),
            level: req.level,
            status,
            records: ids,
            reason,
        });
        return;
    }

    // No verified support: say why, most specific first.
    let first = req.any_of.first().copied();
    let candidates_of = |pred: &dyn Fn(usize) -> bool| -> Vec<usize> {
        (0..records.len()).filter(|&i| pred(i)).collect()
    };
    let type1 = if req.any_of.contains(&Standard::Soc2Type2) {
        candidates_of(&|i| {
            at(i, Standard::Soc2Type2) && !facts[i].public_claim && !facts[i].platform_held
        })
    } else {
        Vec::new()
    };
    let (status, idx, reason) = if !type1.is_empty() {
        soc2_type1_only(cx, layer, req, &type1);
        (
            CellStatus::Conditional,
            type1,
            Cow::Borrowed("only a SOC 2 Type I report is on file"),
        )
    } else {
        let inherited =
            candidates_of(&|i| req.any_of.iter().any(|&s| at(i, s)) && facts[i].platform_held);
        if !inherited.is_empty() {
            let sev = layer_inherited_only(cx, req, &inherited);
            (
                CellStatus::from_worst(Some(sev)),
                inherited,
                Cow::Borrowed("only the platform's certificate is on file for the model layer"),
            )
        } else {
            let claims =
                candidates_of(&|i| req.any_of.iter().any(|&s| at(i, s)) && facts[i].public_claim);
            if !claims.is_empty() {
                tier_public_claim_only(cx, layer, first, &label_, &claims);
                (
                    CellStatus::Conditional,
                    claims,
                    Cow::Borrowed("only the public matrix's claim supports it"),
                )
            } else {
                let sev = tier_required_missing(cx, layer, req, &label_);
                (
                    CellStatus::from_worst(Some(sev)),
                    Vec::new(),
                    Cow::Borrowed("no evidence record"),
                )
            }
        }
    };
    let ids = record_sort_ids(cx, &idx);
    cx.matrix.push(Cell {
        layer,
        requirement: label_,
        standards: req.any_of.iter().copied().collect::<StandardSet>(),
        level: req.level,
        status,
        records: ids,
        reason,
    });
}

fn layer_name(layer: Layer) -> &'static str {
    match layer {
        Layer::Platform => "platform layer",
        Layer::Model => "model layer",
        Layer::Customer => "customer layer",
    }
}

/// `tier.required-missing`: no record for a standard the tier requires
/// (a `recommended` requirement only warns). Returns the severity used.
pub(crate) fn tier_required_missing(
    cx: &mut Ctx,
    layer: Layer,
    req: &Requirement,
    label_: &str,
) -> Severity {
    let severity = level_sev(req.level);
    let who = match layer {
        Layer::Platform => cx
            .cand
            .platform
            .as_ref()
            .map(|p| crate::domain::evaluation::vendor_display_name(&p.vendor).to_string())
            .unwrap_or_default(),
        _ => crate::domain::evaluation::vendor_display_name(&cx.cand.model_vendor).to_string(),
    };
    let what = match req.level {
        RequirementLevel::Required => "requires",
        RequirementLevel::Recommended => "recommends",
    };
    let message = format!(
        "the {} tier {what} {label_} at the {}, and there is no evidence record for it (`{who}`)",
        cx.tier.id(),
        layer_name(layer)
    );
    let subject = cx.subject(
        Some(layer),
        None,
        req.any_of.first().copied(),
        Some("records"),
    );
    let values = vec![
        v("required", label_),
        v("layer", layer.id()),
        v("risk_tier", cx.tier.id()),
    ];
    let next: Cow<'static, str> = Cow::Owned(format!(
        "ask `{who}` for the current {label_} certificate or report; a vendor that won't share one under NDA is disqualified"
    ));
    cx.candidate_finding(
        TIER_REQUIRED_MISSING,
        severity,
        subject,
        values,
        message,
        next,
    );
    severity
}

/// `tier.public-claim-only`: only the matrix's public claim supports it.
pub(crate) fn tier_public_claim_only(
    cx: &mut Ctx,
    layer: Layer,
    standard: Option<Standard>,
    label_: &str,
    claims: &[usize],
) {
    let ids = join_ids(&record_sort_ids(cx, claims));
    let message = format!(
        "the {}'s {label_} rests only on the public claim `{ids}`, not on a record you verified",
        layer_name(layer)
    );
    let mut subject = cx.subject(Some(layer), None, standard, Some("source"));
    if claims.len() == 1 {
        subject.record = Some(cx.ids[claims[0]].clone());
    }
    cx.candidate_finding(
        TIER_PUBLIC_CLAIM_ONLY,
        Severity::Warn,
        subject,
        vec![v("required", label_), v("source", SourceKind::PublicClaim.id())],
        message,
        "pull the certificate PDF from the vendor's trust portal and type it in as a record of its own",
    );
}

/// `layer.inherited-only`: on a hosted path, the model layer is supported
/// only by the platform's certificate. Returns the severity used.
pub(crate) fn layer_inherited_only(cx: &mut Ctx, req: &Requirement, idx: &[usize]) -> Severity {
    let severity = level_sev(req.level);
    let platform = cx
        .cand
        .platform
        .as_ref()
        .map(|p| p.vendor.trim())
        .unwrap_or("");
    let platform_name = crate::domain::evaluation::vendor_display_name(platform).to_string();
    let model_name =
        crate::domain::evaluation::vendor_display_name(&cx.cand.model_vendor).to_string();
    let ids = join_ids(&record_sort_ids(cx, idx));
    let message = format!(
        "the model layer's {} rests only on `{ids}`, held by the platform (`{platform_name}`): the platform's certificate covers the platform layer only, not `{model_name}`",
        requirement_label(req)
    );
    let mut subject = cx.subject(
        Some(Layer::Model),
        None,
        req.any_of.first().copied(),
        Some("holder"),
    );
    if idx.len() == 1 {
        subject.record = Some(cx.ids[idx[0]].clone());
    }
    let next: Cow<'static, str> = Cow::Owned(format!(
        "move the platform's record to the platform layer and ask `{model_name}` for its own certificate"
    ));
    cx.candidate_finding(
        LAYER_INHERITED_ONLY,
        severity,
        subject,
        vec![
            v("holder", platform_name.clone()),
            v("model_vendor", model_name.clone()),
        ],
        message,
        next,
    );
    severity
}

/// `soc2.type1-only`: only a Type I (or untyped) report where Type II is required.
pub(crate) fn soc2_type1_only(cx: &mut Ctx, layer: Layer, _req: &Requirement, idx: &[usize]) {
    let ids = join_ids(&record_sort_ids(cx, idx));
    let untyped = idx.iter().any(|&i| cx.cand.records[i].soc2.is_none());
    let message = if untyped {
        format!(
            "the SOC 2 report `{ids}` at the {} does not say its type; Type II is required",
            layer_name(layer)
        )
    } else {
        format!(
            "only a SOC 2 Type I report (`{ids}`) is on file at the {}; Type II is required: Type I tests design at one date, not operation over a period",
            layer_name(layer)
        )
    };
    let mut subject = cx.subject(
        Some(layer),
        None,
        Some(Standard::Soc2Type2),
        Some("soc2.type"),
    );
    if idx.len() == 1 {
        subject.record = Some(cx.ids[idx[0]].clone());
    }
    cx.candidate_finding(
        SOC2_TYPE1_ONLY,
        Severity::Warn,
        subject,
        vec![
            v("type", if untyped { "" } else { "I" }),
            v("required", "II"),
        ],
        message,
        "ask for the SOC 2 Type II report, or the date the Type II observation period ends",
    );
}

/// The sector attestations named by the buyer, each a cell. An attestation is
/// supported by an `attestation:` record of the same name (ignoring case and
/// punctuation) at the model or the platform layer.
pub(crate) fn sector_attestation_cells(cx: &mut Ctx, facts: &[Facts]) {
    let eval = cx.eval;
    for name in &eval.sector_attestations {
        let want = text::normalise(name);
        if want.is_empty() {
            continue;
        }
        let cand = cx.cand;
        let records = &cand.records;
        let matching: Vec<usize> = (0..records.len())
            .filter(|&i| {
                records[i].layer != Layer::Customer
                    && (records[i].layer == Layer::Model || cand.platform.is_some())
                    && matches!(&records[i].standard, StandardRef::Attestation(n) if text::normalise(n) == want)
            })
            .collect();
        let verified: Vec<usize> = matching
            .iter()
            .copied()
            .filter(|&i| !facts[i].public_claim)
            .collect();
        let name = name.trim().to_string();
        let (layer, status, idx, reason) = if !verified.is_empty() {
            let worst = verified.iter().map(|&i| cx.record_worst[i]).max().flatten();
            let status = CellStatus::from_worst(worst);
            let layer = verified
                .iter()
                .map(|&i| records[i].layer)
                .min()
                .unwrap_or(Layer::Model);
            let reason: Cow<'static, str> = Cow::Borrowed(match status {
                CellStatus::Pass => "supported by a record that meets every rule",
                CellStatus::Conditional => "supported, with warnings to review on its records",
                CellStatus::Fail => "the evidence on file fails: see its findings",
            });
            (layer, status, verified, reason)
        } else if !matching.is_empty() {
            let layer = matching
                .iter()
                .map(|&i| records[i].layer)
                .min()
                .unwrap_or(Layer::Model);
            tier_public_claim_only(cx, layer, None, &name, &matching);
            (
                layer,
                CellStatus::Conditional,
                matching,
                Cow::Borrowed("only the public matrix's claim supports it"),
            )
        } else {
            let who =
                crate::domain::evaluation::vendor_display_name(&cx.cand.model_vendor).to_string();
            let message = format!(
                "you require `{name}`, and there is no attestation record for it at the model or platform layer"
            );
            let subject = cx.subject(Some(Layer::Model), None, None, Some("sector_attestations"));
            let next: Cow<'static, str> = Cow::Owned(format!(
                "ask `{who}` (or the platform, on a hosted path) for `{name}` and add it as an `attestation:{name}` record"
            ));
            cx.candidate_finding(
                TIER_REQUIRED_MISSING,
                Severity::Fail,
                subject,
                vec![v("required", name.clone())],
                message,
                next,
            );
            (
                Layer::Model,
                CellStatus::Fail,
                Vec::new(),
                Cow::Borrowed("no evidence record"),
            )
        };
        let ids = record_sort_ids(cx, &idx);
        cx.matrix.push(Cell {
            layer,
            requirement: Cow::Owned(name),
            standards: StandardSet::default(),
            level: RequirementLevel::Required,
            status,
            records: ids,
            reason,
        });
    }
}

// ---------------------------------------------------------------------------
// Candidate rules
// ---------------------------------------------------------------------------

/// `ai.no-42001-timeline`: no 42001 evidence from the model vendor and no
/// written public timeline (fail for high-risk, warn for regulated). A
/// timeline whose target date has passed counts as none.
pub(crate) fn ai_no_42001_timeline(cx: &mut Ctx, facts: &[Facts]) {
    let severity = match cx.tier {
        RiskTier::HighRisk => Severity::Fail,
        RiskTier::Regulated => Severity::Warn,
        RiskTier::Low => return,
    };
    let has_42001 = cx.cand.records.iter().enumerate().any(|(i, r)| {
        r.layer == Layer::Model
            && r.standard.standard() == Some(Standard::Iso42001)
            && !facts[i].platform_held
    });
    if has_42001 {
        return;
    }
    let who = crate::domain::evaluation::vendor_display_name(&cx.cand.model_vendor).to_string();
    let timeline = cx
        .cand
        .ai_timeline
        .as_ref()
        .filter(|t| !t.text.trim().is_empty());
    let message = match timeline {
        None => format!("`{who}` has no ISO/IEC 42001 evidence and no written public timeline for it"),
        Some(t) => match t.target_date {
            Some(target) if target < cx.date => format!(
                "`{who}`'s written 42001 target date {} has passed, and there is still no ISO/IEC 42001 evidence",
                d(target)
            ),
            _ => return,
        },
    };
    let values = vec![
        v(
            "ai_timeline",
            timeline
                .map(|t| t.text.trim().to_string())
                .unwrap_or_default(),
        ),
        v(
            "target_date",
            timeline
                .and_then(|t| t.target_date)
                .map(d)
                .unwrap_or_default(),
        ),
        v("risk_tier", cx.tier.id()),
    ];
    let subject = cx.subject(
        Some(Layer::Model),
        None,
        Some(Standard::Iso42001),
        Some("ai_timeline"),
    );
    let next: Cow<'static, str> = Cow::Owned(format!(
        "ask `{who}` for its 42001 certificate, or a written public timeline to certification; record it with the candidate"
    ));
    cx.candidate_finding(
        AI_NO_42001_TIMELINE,
        severity,
        subject,
        values,
        message,
        next,
    );
}

/// `layer.customer-aims`: for a high-risk workload, the buyer's own AIMS is in
/// scope as AI operator (context).
pub(crate) fn layer_customer_aims(cx: &mut Ctx) {
    if cx.tier != RiskTier::HighRisk {
        return;
    }
    let own: Vec<&str> = cx
        .cand
        .records
        .iter()
        .filter(|r| r.layer == Layer::Customer && r.standard.standard() == Some(Standard::Iso42001))
        .map(|r| r.id.trim())
        .collect();
    let message = if own.is_empty() {
        "as operator of an EU AI Act high-risk system, your own AI management system (ISO/IEC 42001) is in scope: no vendor certificate covers your layer".to_string()
    } else {
        format!(
            "as operator of an EU AI Act high-risk system, your own AI management system is in scope; your 42001 record `{}` is noted",
            own.join("`, `")
        )
    };
    let subject = cx.subject(
        Some(Layer::Customer),
        None,
        Some(Standard::Iso42001),
        Some("customer_notes"),
    );
    cx.candidate_finding(
        LAYER_CUSTOMER_AIMS,
        Severity::Info,
        subject,
        vec![v("risk_tier", cx.tier.id())],
        message,
        "record your own controls for this workload in the customer notes (AI policy, risk and impact assessment, human oversight)",
    );
}

fn contract_field(item: ContractItem) -> &'static str {
    match item {
        ContractItem::CertsNamed => "contract.certs_named",
        ContractItem::MaintainForTerm => "contract.maintain_for_term",
        ContractItem::AnnualSurveillance => "contract.annual_surveillance",
        ContractItem::LapseNotice => "contract.lapse_notice",
        ContractItem::TerminationRight => "contract.termination_right",
        ContractItem::ZdrWindow => "contract.zdr_window",
        ContractItem::SubprocessorNotice => "contract.subprocessor_notice",
        ContractItem::NoIndustryStandardWording => "contract.no_industry_standard_wording",
    }
}

fn contract_next_step(item: ContractItem) -> &'static str {
    match item {
        ContractItem::CertsNamed => "have the MSA and DPA name each current certification (27001, 27017, 27018, 27701, and 42001 where it applies)",
        ContractItem::MaintainForTerm => "add a commitment to maintain those certifications for the whole contract term",
        ContractItem::AnnualSurveillance => "add a right to receive each year's surveillance audit confirmation",
        ContractItem::LapseNotice => "add notice within 30 days of any suspension, withdrawal or material scope reduction",
        ContractItem::TerminationRight => "add a right to terminate without penalty if certifications lapse",
        ContractItem::ZdrWindow => "put Zero Data Retention in the order form, naming the retention window (typically 30 days for abuse monitoring) and the data it applies to",
        ContractItem::SubprocessorNotice => "add sub-processor change notice of at least 30 days in the DPA, with a right to object",
        ContractItem::NoIndustryStandardWording => "replace \"industry-standard compliance\" with the named certifications: that wording commits the vendor to nothing",
    }
}

/// The item as a statement that holds when the answer is `yes`.
fn contract_statement(item: ContractItem) -> &'static str {
    match item {
        ContractItem::CertsNamed => "the MSA and DPA name each certification",
        ContractItem::MaintainForTerm => "the vendor commits to maintaining its certifications for the term",
        ContractItem::AnnualSurveillance => "you receive annual confirmation of the surveillance audits",
        ContractItem::LapseNotice => "the vendor must notify you within 30 days of a suspension, withdrawal or scope reduction",
        ContractItem::TerminationRight => "you can terminate without penalty if certifications lapse",
        ContractItem::ZdrWindow => "the order form includes Zero Data Retention, with the retention window named",
        ContractItem::SubprocessorNotice => "sub-processor changes are notified 30 days ahead, with a right to object",
        ContractItem::NoIndustryStandardWording => "the contract avoids \"industry-standard compliance\" wording",
    }
}

/// The item as a statement that holds when the answer is `no`.
fn contract_shortfall(item: ContractItem) -> &'static str {
    match item {
        ContractItem::CertsNamed => "the MSA and DPA do not name each certification",
        ContractItem::MaintainForTerm => "the vendor does not commit to maintaining its certifications for the term",
        ContractItem::AnnualSurveillance => "the contract gives you no annual confirmation of the surveillance audits",
        ContractItem::LapseNotice => "the vendor need not notify you within 30 days of a suspension, withdrawal or scope reduction",
        ContractItem::TerminationRight => "you cannot terminate without penalty if certifications lapse",
        ContractItem::ZdrWindow => "the order form does not include Zero Data Retention with the retention window named",
        ContractItem::SubprocessorNotice => "sub-processor changes are not notified 30 days ahead with a right to object",
        ContractItem::NoIndustryStandardWording => "the contract relies on \"industry-standard compliance\" wording",
    }
}

/// `contract.*`: one rule per step-4 item; `no` or `unknown` (or no answer)
/// fails for high-risk and warns otherwise. The termination right is a
/// high-risk item: for other tiers its absence is context (info). An item
/// marked not applicable is noted (info).
pub(crate) fn contract_item(cx: &mut Ctx, item: ContractItem) {
    let answer = cx.cand.contract.get(item);
    let (ans, note) = match answer {
        Some(a) => (a.answer, a.note.trim()),
        None => (Answer::Unknown, ""),
    };
    let high = cx.tier == RiskTier::HighRisk;
    let severity = match ans {
        Answer::Yes => return,
        Answer::NotApplicable => Severity::Info,
        Answer::No | Answer::Unknown => {
            if high {
                Severity::Fail
            } else if item == ContractItem::TerminationRight {
                Severity::Info
            } else {
                Severity::Warn
            }
        }
    };
    let with_note = |s: String| {
        if note.is_empty() {
            s
        } else {
            format!("{s} (note: `{note}`)")
        }
    };
    let message = match ans {
        Answer::No => with_note(contract_shortfall(item).to_string()),
        Answer::Unknown if answer.is_none() => {
            format!("not answered yet: whether {}", contract_statement(item))
        }
        Answer::Unknown => with_note(format!("not confirmed: {}", contract_statement(item))),
        _ => with_note(format!(
            "marked not applicable: {}",
            contract_statement(item)
        )),
    };
    let answer_id = match ans {
        Answer::Yes => "yes",
        Answer::No => "no",
        Answer::Unknown => "unknown",
        Answer::NotApplicable => "not-applicable",
    };
    let subject = cx.subject(None, None, None, Some(contract_field(item)));
    cx.candidate_finding(
        item.rule_id(),
        severity,
        subject,
        vec![v("answer", answer_id), v("risk_tier", cx.tier.id())],
        message,
        contract_next_step(item),
    );
}
