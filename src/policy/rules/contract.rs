//! The contract checklist (source A, step 4), one rule per item, from one
//! table.

use super::{AppliesTo, Ease, Rule, SeverityPolicy};
use crate::domain::evaluation::{Answer, ContractItem};
use crate::policy::context::Ctx;
use crate::policy::report::FieldRef;

/// One item of the checklist: its rule and its words.
pub struct ContractRule {
    pub item: ContractItem,
    pub rule: Rule,
    /// The item as a statement that holds when the answer is `yes`.
    pub statement: &'static str,
    /// The item as a statement that holds when the answer is `no`.
    pub shortfall: &'static str,
    pub next_step: &'static str,
}

const fn item(
    item: ContractItem,
    id: &'static str,
    severity: SeverityPolicy,
    [statement, shortfall, next_step]: [&'static str; 3],
) -> ContractRule {
    ContractRule {
        item,
        rule: Rule {
            id,
            source: "source A, step 4",
            severity,
            eases: &[Ease::NotApplicable],
            applies_to: AppliesTo::ContractAnswer,
        },
        statement,
        shortfall,
        next_step,
    }
}

/// The `contract.*` rules: `no`, `unknown` or no answer fails for the
/// high-risk tier and warns otherwise; the termination right is a high-risk
/// item, so for other tiers its absence is information; an item marked not
/// applicable is noted (information).
pub static CONTRACT: [ContractRule; 8] = [
    item(ContractItem::CertsNamed, "contract.certs-named", SeverityPolicy::FailIfHighRisk, [
        "the MSA and DPA name each certification",
        "the MSA and DPA do not name each certification",
        "have the MSA and DPA name each current certification (27001, 27017, 27018, 27701, and 42001 where it applies)",
    ]),
    item(ContractItem::MaintainForTerm, "contract.maintain-for-term", SeverityPolicy::FailIfHighRisk, [
        "the vendor commits to maintaining its certifications for the term",
        "the vendor does not commit to maintaining its certifications for the term",
        "add a commitment to maintain those certifications for the whole contract term",
    ]),
    item(ContractItem::AnnualSurveillance, "contract.annual-surveillance", SeverityPolicy::FailIfHighRisk, [
        "you receive annual confirmation of the surveillance audits",
        "the contract gives you no annual confirmation of the surveillance audits",
        "add a right to receive each year's surveillance audit confirmation",
    ]),
    item(ContractItem::LapseNotice, "contract.lapse-notice", SeverityPolicy::FailIfHighRisk, [
        "the vendor must notify you within 30 days of a suspension, withdrawal or scope reduction",
        "the vendor need not notify you within 30 days of a suspension, withdrawal or scope reduction",
        "add notice within 30 days of any suspension, withdrawal or material scope reduction",
    ]),
    item(ContractItem::TerminationRight, "contract.termination-right", SeverityPolicy::FailIfHighRiskElseInfo, [
        "you can terminate without penalty if certifications lapse",
        "you cannot terminate without penalty if certifications lapse",
        "add a right to terminate without penalty if certifications lapse",
    ]),
    item(ContractItem::ZdrWindow, "contract.zdr-window", SeverityPolicy::FailIfHighRisk, [
        "the order form includes Zero Data Retention, with the retention window named",
        "the order form does not include Zero Data Retention with the retention window named",
        "put Zero Data Retention in the order form, naming the retention window (typically 30 days for abuse monitoring) and the data it applies to",
    ]),
    item(ContractItem::SubprocessorNotice, "contract.subprocessor-notice", SeverityPolicy::FailIfHighRisk, [
        "sub-processor changes are notified 30 days ahead, with a right to object",
        "sub-processor changes are not notified 30 days ahead with a right to object",
        "add sub-processor change notice of at least 30 days in the DPA, with a right to object",
    ]),
    item(ContractItem::NoIndustryStandardWording, "contract.no-industry-standard-wording", SeverityPolicy::FailIfHighRisk, [
        "the contract avoids \"industry-standard compliance\" wording",
        "the contract relies on \"industry-standard compliance\" wording",
        "replace \"industry-standard compliance\" with the named certifications: that wording commits the vendor to nothing",
    ]),
];

/// The rules, in the checklist's order.
pub(super) static RULES: [&Rule; 8] = [
    &CONTRACT[0].rule,
    &CONTRACT[1].rule,
    &CONTRACT[2].rule,
    &CONTRACT[3].rule,
    &CONTRACT[4].rule,
    &CONTRACT[5].rule,
    &CONTRACT[6].rule,
    &CONTRACT[7].rule,
];

/// The table's row for an item.
pub fn of(item: ContractItem) -> &'static ContractRule {
    CONTRACT
        .iter()
        .find(|c| c.item == item)
        .unwrap_or(&CONTRACT[0])
}

/// The rule of an item.
pub fn rule_for(item: ContractItem) -> &'static Rule {
    &of(item).rule
}

fn answer_id(a: Answer) -> &'static str {
    match a {
        Answer::Yes => "yes",
        Answer::No => "no",
        Answer::Unknown => "unknown",
        Answer::NotApplicable => "not-applicable",
    }
}

/// Checks every item of the candidate's checklist.
pub(crate) fn check_all(cx: &mut Ctx) {
    for c in &CONTRACT {
        check_item(cx, c);
    }
}

fn check_item(cx: &mut Ctx, c: &'static ContractRule) {
    let answer = cx.cand.contract.get(c.item);
    let (ans, note) = match answer {
        Some(a) => (a.answer, a.note.trim()),
        None => (Answer::Unknown, ""),
    };
    let with_note = |s: String| {
        if note.is_empty() {
            s
        } else {
            format!("{s} (note: `{note}`)")
        }
    };
    let message = match ans {
        Answer::Yes => return,
        Answer::No => with_note(c.shortfall.to_string()),
        Answer::Unknown if answer.is_none() => {
            format!("not answered yet: whether {}", c.statement)
        }
        Answer::Unknown => with_note(format!("not confirmed: {}", c.statement)),
        Answer::NotApplicable => with_note(format!("marked not applicable: {}", c.statement)),
    };
    let tier = cx.tier.id();
    cx.on_candidate(&c.rule, None, None, FieldRef::Contract(c.item))
        .value("answer", answer_id(ans))
        .value("risk_tier", tier)
        .ease_if(ans == Answer::NotApplicable, Ease::NotApplicable)
        .emit(message, c.next_step);
}
