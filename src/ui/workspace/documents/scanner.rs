//! The contract scanner: paste a candidate's contract, find the passages
//! that answer each checklist item, and take a proposal as the answer.
//! The text is scanned on the button only, never per keystroke.

use crate::documents::summary::answer_label;
use crate::documents::{scan_contract, ScanResult};
use crate::policy::{ContractAnswer, ContractItem, Evaluation};
use leptos::prelude::*;

#[component]
pub fn ContractScanner(state: RwSignal<Evaluation>) -> impl IntoView {
    let cands = Memo::new(move |_| {
        state.with(|e| {
            e.candidates
                .iter()
                .map(|c| {
                    (
                        c.id.clone(),
                        if c.name.trim().is_empty() {
                            c.id.clone()
                        } else {
                            c.name.clone()
                        },
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let selected = RwSignal::new(String::new());
    // Keep a valid selection: the first candidate when none (or a removed one) is chosen.
    Effect::new(move |_| {
        let list = cands.get();
        let sel = selected.get_untracked();
        if !list.iter().any(|(id, _)| *id == sel) {
            selected.set(list.first().map(|(id, _)| id.clone()).unwrap_or_default());
        }
    });
    let options = move || {
        cands
            .get()
            .into_iter()
            .map(|(id, name)| {
                let sel = id.clone();
                view! {
                    <option value=id.clone() selected=move || selected.get() == sel>{name}</option>
                }
            })
            .collect_view()
    };
    view! {
        <section class="scanner" aria-labelledby="scanner-heading">
            <h4 id="scanner-heading">"Find the checklist answers in the contract"</h4>
            <p class="hint">
                "Paste the MSA, DPA and order form as text. The scanner quotes the passages that answer each contract question and flags vague wording; it only proposes, you decide. The text stays in this tab and is not saved with the evaluation."
            </p>
            {move || {
                if cands.with(Vec::is_empty) {
                    return view! { <p class="empty">"No candidate yet: add them in step 2."</p> }.into_any();
                }
                view! {
                    <div class="field">
                        <label for="scan-candidate">"Contract of"</label>
                        <select
                            id="scan-candidate"
                            on:change=move |ev| selected.set(event_target_value(&ev))
                        >
                            {options}
                        </select>
                    </div>
                }
                    .into_any()
            }}
            <For
                each=move || cands.get()
                key=|(id, _)| id.clone()
                children=move |(cid, _)| {
                    let mine = cid.clone();
                    let data = cid.clone();
                    view! {
                        <div class="scan-panel" data-candidate=data hidden=move || selected.get() != mine>
                            <CandidateScan state=state cid=cid/>
                        </div>
                    }
                }
            />
        </section>
    }
}

#[component]
fn CandidateScan(state: RwSignal<Evaluation>, cid: String) -> impl IntoView {
    let key = StoredValue::new(cid.clone());
    let area = NodeRef::<leptos::html::Textarea>::new();
    let result: RwSignal<Option<ScanResult>> = RwSignal::new(None);
    let busy_note = RwSignal::new(String::new());
    let scan = move |_| {
        let text = area.get_untracked().map(|a| a.value()).unwrap_or_default();
        let r = scan_contract(&text);
        busy_note.set(format!(
            "Read {} sentences: {} proposal(s) with a passage, {} vague phrase(s).",
            r.sentences,
            r.proposals.iter().filter(|p| p.passage.is_some()).count(),
            r.vague_total
        ));
        result.set(Some(r));
    };
    let current = move |item: ContractItem| {
        let cid = key.get_value();
        state.with(|e| {
            e.candidates
                .iter()
                .find(|c| c.id == cid)
                .and_then(|c| c.contract.get(item).map(|a| a.answer))
                .unwrap_or_default()
        })
    };
    let apply = move |item: ContractItem, answer: ContractAnswer| {
        let cid = key.get_value();
        let label = answer_label(answer.answer);
        state.update(|e| {
            if let Some(c) = e.candidates.iter_mut().find(|c| c.id == cid) {
                c.contract.set(item, Some(answer));
            }
        });
        busy_note.set(format!("Answer set to {label}: {}", item.question()));
    };
    let area_id = format!("scan-text-{cid}");
    view! {
        <div class="field wide">
            <label for=area_id.clone()>"Contract text"</label>
            <textarea id=area_id rows="8" node_ref=area spellcheck="false"></textarea>
        </div>
        <div class="doc-actions">
            <button type="button" class="primary scan-button" on:click=scan>"Find passages"</button>
        </div>
        <p class="scan-note" role="status" aria-live="polite">{move || busy_note.get()}</p>
        {move || {
            result
                .with(|r| {
                    r.as_ref()
                        .map(|r| {
                            let items = r
                                .proposals
                                .iter()
                                .map(|p| {
                                    let item = p.item;
                                    let answer = ContractAnswer { answer: p.answer, note: p.note() };
                                    let proposed = answer_label(p.answer);
                                    view! {
                                        <li class="proposal" data-item=item.field() data-answer=proposed>
                                            <p class="proposal-q"><strong>{item.question()}</strong></p>
                                            <p>
                                                "Proposed: " <strong class="proposal-answer">{proposed}</strong>
                                                {format!(" (confidence {}) — {}", p.confidence.label(), p.why)}
                                            </p>
                                            {p.passage.as_ref().map(|pass| view! {
                                                <blockquote class="passage" data-offset=pass.offset.to_string()>{pass.text.clone()}</blockquote>
                                            })}
                                            <p class="proposal-actions">
                                                <span class="vp-small">"Now: " {move || answer_label(current(item))}</span>
                                                " "
                                                <button
                                                    type="button"
                                                    class="secondary use-answer"
                                                    aria-label=format!("Use this answer ({proposed}): {}", item.question())
                                                    on:click=move |_| apply(item, answer.clone())
                                                >
                                                    "Use this answer"
                                                </button>
                                            </p>
                                        </li>
                                    }
                                })
                                .collect_view();
                            let vague = r
                                .vague
                                .iter()
                                .map(|h| {
                                    view! {
                                        <li>
                                            <strong>{format!("\"{}\"", h.phrase)}</strong>
                                            <blockquote class="passage" data-offset=h.passage.offset.to_string()>{h.passage.text.clone()}</blockquote>
                                        </li>
                                    }
                                })
                                .collect_view();
                            let more = r.vague_total.saturating_sub(r.vague.len());
                            view! {
                                <h5>"Proposals"</h5>
                                <ol class="proposals">{items}</ol>
                                <h5>"Vague wording"</h5>
                                {if r.vague.is_empty() {
                                    view! { <p class="vp-small">"None found."</p> }.into_any()
                                } else {
                                    view! { <ul class="vague-list" data-testid="vague-list">{vague}</ul> }.into_any()
                                }}
                                {(more > 0).then(|| view! { <p class="vp-small">{format!("And {more} more.")}</p> })}
                            }
                        })
                })
        }}
    }
}
