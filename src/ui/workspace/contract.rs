//! Step 4: the contract checklist of source A, per candidate.

use super::field::{text_field, Kind};
use super::model::{self, field_id};
use super::Ws;
use crate::policy::{Answer, ContractAnswer, ContractItem};
use leptos::prelude::*;

const ANSWERS: [(Answer, &str, &str); 4] = [
    (Answer::Yes, "yes", "Yes"),
    (Answer::No, "no", "No"),
    (Answer::Unknown, "unknown", "Unknown"),
    (Answer::NotApplicable, "not-applicable", "Not applicable"),
];

#[component]
pub fn ContractStep() -> impl IntoView {
    let ws = expect_context::<Ws>();
    let ids = Memo::new(move |_| {
        ws.eval.with(|e| {
            e.candidates
                .iter()
                .map(|c| c.id.clone())
                .collect::<Vec<_>>()
        })
    });
    view! {
        <p class="hint">
            "Source A, step 4: the contract must carry the certifications. Each \"no\" or \"unknown\" is a finding: a failure for an EU AI Act high-risk workload, a warning otherwise."
        </p>
        {move || ids.with(|v| v.is_empty()).then(|| view! { <p class="empty">"No candidate yet: add them in step 2."</p> })}
        <For
            each=move || ids.get()
            key=|id| id.clone()
            children=move |cid| view! { <CandidateContract cid=cid/> }
        />
    }
}

#[component]
fn CandidateContract(cid: String) -> impl IntoView {
    let ws = expect_context::<Ws>();
    let eval = ws.eval;
    let key = StoredValue::new(cid.clone());
    let name = Memo::new(move |_| {
        let cid = key.get_value();
        eval.with(|e| {
            model::cand(e, &cid)
                .map(|c| c.name.clone())
                .unwrap_or_default()
        })
    });
    if eval.with_untracked(|e| model::cand(e, &cid).is_none()) {
        return ().into_any();
    }
    let contract_now = Memo::new(move |_| {
        let cid = key.get_value();
        eval.with(|e| {
            model::cand(e, &cid)
                .map(|c| c.contract.clone())
                .unwrap_or_default()
        })
    });
    // What this form last showed or wrote: when the checklist changes from
    // elsewhere (the contract scanner, an import), the form is drawn again.
    let written = StoredValue::new(contract_now.get_untracked());
    let generation = Memo::new(move |prev: Option<&u32>| {
        let now = contract_now.get();
        let p = prev.copied().unwrap_or(0);
        if written.with_value(|w| *w == now) {
            p
        } else {
            written.set_value(now);
            p + 1
        }
    });
    let set = move |item: ContractItem, f: Box<dyn FnOnce(&mut ContractAnswer)>| {
        let cid = key.get_value();
        let Some(mut contract) =
            eval.with_untracked(|e| model::cand(e, &cid).map(|c| c.contract.clone()))
        else {
            return;
        };
        let mut a = contract.get(item).cloned().unwrap_or_default();
        f(&mut a);
        contract.set(item, Some(a));
        written.set_value(contract.clone());
        ws.update(|e| {
            if let Some(c) = model::cand_mut(e, &cid) {
                c.contract = contract;
            }
        });
    };
    let cid = StoredValue::new(cid);
    let items = move || {
        let _ = generation.get();
        let checklist = contract_now.get_untracked();
        let cid = cid.get_value();
        ContractItem::ALL
            .into_iter()
            .map(|item| {
                let now = checklist.get(item).cloned().unwrap_or_default();
                let base = field_id(&cid, None, &format!("contract.{}", item.field()));
                let radios = ANSWERS
                    .into_iter()
                    .enumerate()
                    .map(|(n, (a, id, label))| {
                        // The first radio carries the field's id: a finding's link lands there.
                        let rid = if n == 0 {
                            base.clone()
                        } else {
                            format!("{base}-{id}")
                        };
                        view! {
                            <label class="check">
                                <input
                                    type="radio"
                                    id=rid
                                    name=base.clone()
                                    value=id
                                    checked=now.answer == a
                                    prop:checked=now.answer == a
                                    on:change=move |_| set(item, Box::new(move |x| x.answer = a))
                                />
                                {label}
                            </label>
                        }
                    })
                    .collect_view();
                view! {
                    <fieldset class="contract-item radio-group" data-item=item.field()>
                        <legend>{item.question()}</legend>
                        {radios}
                        {text_field(
                            ws,
                            format!("{base}-note"),
                            "Note (clause, page, who confirmed)",
                            None,
                            Kind::Text,
                            now.note.clone(),
                            move |v| set(item, Box::new(move |x| x.note = v)),
                            || None,
                        )}
                    </fieldset>
                }
            })
            .collect_view()
    };
    let cid = cid.get_value();
    view! {
        <section class="cand-contract" aria-labelledby=format!("cand-{cid}-contract")>
            <h4 id=format!("cand-{cid}-contract")>{move || name.get()}</h4>
            {items}
        </section>
    }
    .into_any()
}
