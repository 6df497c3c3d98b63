//! The contract checklist (source A, step 4), one rule per item, from one
//! table.

use super::{AppliesTo, Ease, Rule, SeverityPolicy};
use crate::domain::evaluation::{Answer, ContractItem, ContractKind};
use crate::policy::context::{quoted, Ctx};
use crate::policy::report::FieldRef;

/// One item of the checklist: its rule and its words.
pub struct ContractRule {
    pub item: ContractItem,
    pub rule: Rule,
    /// The item as a statement that holds when the answer is `yes`.
    pub statement: &'static str,
    /// The item as a statement that holds when the answer is `no`.
    pub shortfall: &'static str,
    /// What the item is about, as a noun phrase.
    pub topic: &'static str,
    pub next_step: &'static str,
}

const fn item(
    item: ContractItem,
    id: &'static str,
    severity: SeverityPolicy,
    [statement, shortfall, topic, next_step]: [&'static str; 4],
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
        topic,
        next_step,
    }
}

use ContractItem as I;
use SeverityPolicy::{FailIfHighRisk as HIGH, FailIfHighRiskElseInfo as HIGH_ELSE_INFO};

/// The `contract.*` rules: `no`, `unknown` or no answer fails for the
/// high-risk tier and warns otherwise; the termination right is a high-risk
/// item, so for other tiers its absence is information; an item marked not
/// applicable is noted (information).
pub static CONTRACT: [ContractRule; 8] = [
    item(I::CertsNamed, "contract.certs-named", HIGH, [
        "the MSA and DPA name each certification",
        "the MSA and DPA do not name each certification",
        "naming each certification in the MSA and DPA",
        "have the MSA and DPA name each current certification (27001, 27017, 27018, 27701, and 42001 where it applies)",
    ]),
    item(I::MaintainForTerm, "contract.maintain-for-term", HIGH, [
        "the vendor commits to maintaining its certifications for the term",
        "the vendor does not commit to maintaining its certifications for the term",
        "a commitment to maintain the certifications for the term",
        "add a commitment to maintain those certifications for the whole contract term",
    ]),
    item(I::AnnualSurveillance, "contract.annual-surveillance", HIGH, [
        "you receive annual confirmation of the surveillance audits",
        "the contract gives you no annual confirmation of the surveillance audits",
        "annual confirmation of the surveillance audits",
        "add a right to receive each year's surveillance audit confirmation",
    ]),
    item(I::LapseNotice, "contract.lapse-notice", HIGH, [
        "the vendor must notify you within 30 days of a suspension, withdrawal or scope reduction",
        "the vendor need not notify you within 30 days of a suspension, withdrawal or scope reduction",
        "notice within 30 days of a suspension, withdrawal or scope reduction",
        "add notice within 30 days of any suspension, withdrawal or material scope reduction",
    ]),
    item(I::TerminationRight, "contract.termination-right", HIGH_ELSE_INFO, [
        "you can terminate without penalty if certifications lapse",
        "you cannot terminate without penalty if certifications lapse",
        "a right to terminate without penalty if certifications lapse",
        "add a right to terminate without penalty if certifications lapse",
    ]),
    item(I::ZdrWindow, "contract.zdr-window", HIGH, [
        "the order form includes Zero Data Retention, with the retention window named",
        "the order form does not include Zero Data Retention with the retention window named",
        "Zero Data Retention with a named retention window in the order form",
        "put Zero Data Retention in the order form, naming the retention window (typically 30 days for abuse monitoring) and the data it applies to",
    ]),
    item(I::SubprocessorNotice, "contract.subprocessor-notice", HIGH, [
        "sub-processor changes are notified 30 days ahead, with a right to object",
        "sub-processor changes are not notified 30 days ahead with a right to object",
        "30 days' notice of sub-processor changes with a right to object",
        "add sub-processor change notice of at least 30 days in the DPA, with a right to object",
    ]),
    item(I::NoIndustryStandardWording, "contract.no-industry-standard-wording", HIGH, [
        "the contract avoids \"industry-standard compliance\" wording",
        "the contract relies on \"industry-standard compliance\" wording",
        "avoiding \"industry-standard compliance\" wording",
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

/// Checks every item of each of the candidate's contracts.
pub(crate) fn check_all(cx: &mut Ctx) {
    let cand = cx.cand;
    for &kind in cand.contracts() {
        for c in &CONTRACT {
            check_item(cx, kind, c);
        }
    }
}

fn check_item(cx: &mut Ctx, kind: ContractKind, c: &'static ContractRule) {
    let cand = cx.cand;
    let answer = cand.checklist(kind).and_then(|list| list.get(c.item));
    let (ans, note) = match answer {
        Some(a) => (a.answer, a.note.trim()),
        None => (Answer::Unknown, ""),
    };
    let with_note = |s: String| {
        if note.is_empty() {
            s
        } else {
            format!("{s} (your note: {})", quoted(note, 200))
        }
    };
    let body = match ans {
        Answer::Yes => return,
        Answer::No => with_note(c.shortfall.to_string()),
        Answer::Unknown if answer.is_none() => {
            format!("not answered yet: whether {}", c.statement)
        }
        Answer::Unknown => with_note(format!("not confirmed: whether {}", c.statement)),
        Answer::NotApplicable => with_note(format!("you marked {} as not applicable", c.topic)),
    };
    let message = if cand.is_hosted() {
        format!("in {}, {body}", kind.label(cand))
    } else {
        body
    };
    let tier = cx.tier.id();
    let mut draft = cx
        .on_candidate(
            &c.rule,
            kind.layer(cand),
            None,
            FieldRef::Contract(kind, c.item),
        )
        .value("answer", answer_id(ans))
        .value("risk_tier", tier);
    if cand.is_hosted() {
        draft = draft.value("contract", kind.field());
    }
    draft
        .ease_if(ans == Answer::NotApplicable, Ease::NotApplicable)
        .emit(message, c.next_step);
}
