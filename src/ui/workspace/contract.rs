//! Step 4: the contract checklist of source A, per candidate.

use super::field::{text_field, Kind};
use super::model::{self, field_id};
use super::Ws;
use crate::domain::evaluation::ContractKind;
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
            children=move |cid| view! { <CandidateContracts cid=cid/> }
        />
    }
}

/// A candidate's checklists: one for a vendor reached directly; for a hosted
/// path the platform agreement, and the model vendor's terms once the buyer
/// adds their checklist (until then the one checklist stands for both).
#[component]
fn CandidateContracts(cid: String) -> impl IntoView {
    let ws = expect_context::<Ws>();
    let key = StoredValue::new(cid.clone());
    let cand = move |f: fn(&crate::domain::evaluation::Candidate) -> bool| {
        ws.eval
            .with(|e| model::cand(e, &key.get_value()).is_some_and(f))
    };
    let hosted = Memo::new(move |_| cand(|c| c.is_hosted()));
    let has_terms = Memo::new(move |_| cand(|c| c.has_model_terms()));
    let set_terms = move |on: bool| {
        let cid = key.get_value();
        ws.update(|e| {
            if let Some(c) = model::cand_mut(e, &cid) {
                c.model_terms = on.then(Default::default);
            }
        });
    };
    let model_name = Memo::new(move |_| {
        ws.eval.with(|e| {
            model::cand(e, &key.get_value())
                .map(|c| ContractKind::ModelTerms.label(c))
                .unwrap_or_default()
        })
    });
    view! {
        <CandidateContract cid=cid kind=ContractKind::Main/>
        {move || {
            if !hosted.get() {
                return ().into_any();
            }
            if has_terms.get() {
                view! {
                    <CandidateContract cid=key.get_value() kind=ContractKind::ModelTerms/>
                    <p>
                        <button type="button" class="link-button" on:click=move |_| set_terms(false)>
                            {move || format!("Remove the checklist of {}: one checklist for both", model_name.get())}
                        </button>
                    </p>
                }
                    .into_any()
            } else {
                view! {
                    <p class="hint">
                        {move || format!(
                            "On a hosted path the platform's agreement and {} are two contracts. Until you add a checklist for the second, the one above stands for both.",
                            model_name.get(),
                        )}
                    </p>
                    <p>
                        <button type="button" class="secondary" on:click=move |_| set_terms(true)>
                            {move || format!("Add a checklist for {}", model_name.get())}
                        </button>
                    </p>
                }
                    .into_any()
            }
        }}
    }
}

/// One contract's checklist.
#[component]
fn CandidateContract(cid: String, kind: ContractKind) -> impl IntoView {
    let ws = expect_context::<Ws>();
    let eval = ws.eval;
    let key = StoredValue::new(cid.clone());
    // The candidate's name, and on a hosted path which contract this is.
    let name = Memo::new(move |_| {
        let cid = key.get_value();
        eval.with(|e| {
            model::cand(e, &cid)
                .map(|c| {
                    if c.is_hosted() {
                        format!("{}: {}", c.name, kind.label(c))
                    } else {
                        c.name.clone()
                    }
                })
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
                .and_then(|c| c.checklist(kind).cloned())
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
        let Some(mut contract) = eval.with_untracked(|e| {
            model::cand(e, &cid).map(|c| c.checklist(kind).cloned().unwrap_or_default())
        }) else {
            return;
        };
        let mut a = contract.get(item).cloned().unwrap_or_default();
        f(&mut a);
        contract.set(item, Some(a));
        written.set_value(contract.clone());
        ws.update(|e| {
            if let Some(c) = model::cand_mut(e, &cid) {
                match kind {
                    ContractKind::Main => c.contract = contract,
                    ContractKind::ModelTerms => c.model_terms = Some(contract),
                }
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
                let base = field_id(&cid, None, item.path_in(kind));
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
        <section class="cand-contract" aria-labelledby=format!("cand-{cid}-{}", kind.field())>
            <h4 id=format!("cand-{cid}-{}", kind.field())>{move || name.get()}</h4>
            {items}
        </section>
    }
    .into_any()
}
