//! Step 2: the candidates (a vendor direct, or a model on a platform) and the
//! products used.

use super::field::{issue_of, text_field, Kind, Shown};
use super::model::{self, field_id};
use super::Ws;
use crate::domain::evaluation::KNOWN_VENDORS;
use crate::policy::{validate_candidate, Candidate};
use leptos::prelude::*;

/// The last candidate removed, and where it was: "Undo" puts it back.
#[derive(Clone)]
struct Removed {
    index: usize,
    candidate: Candidate,
}

#[component]
pub fn CandidatesStep() -> impl IntoView {
    let ws = expect_context::<Ws>();
    let removed: RwSignal<Option<Removed>> = RwSignal::new(None);
    let ids = Memo::new(move |_| {
        ws.eval.with(|e| {
            e.candidates
                .iter()
                .map(|c| c.id.clone())
                .collect::<Vec<_>>()
        })
    });
    let undo = move |_| {
        if let Some(r) = removed.get_untracked() {
            let name = r.candidate.name.clone();
            let id = r.candidate.id.clone();
            ws.update(|e| {
                let at = r.index.min(e.candidates.len());
                e.candidates.insert(at, r.candidate);
            });
            removed.set(None);
            ws.status.set(format!("Put back the candidate {name}."));
            ws.go_to(super::model::Step::Candidates, field_id(&id, None, "name"));
        }
    };
    view! {
        <p class="hint">
            "A candidate is a way of getting the model: a vendor reached directly, or a model hosted on a platform (Claude on Amazon Bedrock, Azure OpenAI Service). "
            "A hosted path needs evidence at each layer: the platform's certificate must name the hosting service, and the model vendor's own certificate must name the product you use."
        </p>
        <AddCandidate/>
        {move || {
            removed
                .get()
                .map(|r| {
                    view! {
                        <p class="undo-bar" role="status">
                            {format!("Removed the candidate {}. ", r.candidate.name)}
                            <button type="button" class="secondary" id="candidate-undo" on:click=undo>
                                "Undo"
                            </button>
                        </p>
                    }
                })
        }}
        <h4>"Candidates"</h4>
        {move || ids.with(|v| v.is_empty()).then(|| view! { <p class="empty">"No candidate yet."</p> })}
        <ul class="candidate-list">
            <For
                each=move || ids.get()
                key=|id| id.clone()
                children=move |cid| view! { <CandidateCard cid=cid removed=removed/> }
            />
        </ul>
    }
}

/// The "add a candidate" form.
#[component]
fn AddCandidate() -> impl IntoView {
    let ws = expect_context::<Ws>();
    let choice = RwSignal::new("direct:openai".to_string());
    let other_vendor = RwSignal::new(String::new());
    let platform_vendor = RwSignal::new("aws".to_string());
    let service = RwSignal::new(String::new());
    let model_vendor = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);

    let add = move |_| {
        let c = choice.get_untracked();
        let made = ws.eval.with_untracked(|e| -> Result<Candidate, String> {
            if let Some(v) = c.strip_prefix("direct:") {
                Ok(model::direct_candidate(e, v))
            } else if let Some(p) = c.strip_prefix("path:") {
                model::path_candidate(e, ws.dataset, p)
                    .ok_or_else(|| "that path is not in the matrix".to_string())
            } else if c == "other-direct" {
                let v = other_vendor.get_untracked();
                if v.trim().is_empty() {
                    Err("type the vendor's name".into())
                } else {
                    Ok(model::direct_candidate(e, &v))
                }
            } else {
                let (pv, sv, mv) = (
                    platform_vendor.get_untracked(),
                    service.get_untracked(),
                    model_vendor.get_untracked(),
                );
                if pv.trim().is_empty() || sv.trim().is_empty() || mv.trim().is_empty() {
                    Err("name the platform, its hosting service and the model vendor".into())
                } else {
                    Ok(model::custom_hosted_candidate(e, &pv, &sv, &mv))
                }
            }
        });
        match made {
            Ok(cand) => {
                error.set(None);
                let name = cand.name.clone();
                ws.update(|e| e.candidates.push(cand));
                ws.status.set(format!("Added the candidate {name}."));
            }
            Err(m) => error.set(Some(m)),
        }
    };

    let direct_options = KNOWN_VENDORS
        .iter()
        .map(|(id, name)| view! { <option value=format!("direct:{id}")>{format!("{name} direct")}</option> })
        .collect_view();
    let path_options = ws
        .dataset
        .paths
        .iter()
        .filter(|p| p.is_hosted())
        .map(|p| view! { <option value=format!("path:{}", p.id)>{p.name.clone()}</option> })
        .collect_view();
    let vendor_options = || {
        KNOWN_VENDORS
            .iter()
            .map(|(id, name)| view! { <option value=*id>{*name}</option> })
            .collect_view()
    };

    view! {
        <fieldset class="add-candidate">
            <legend>"Add a candidate"</legend>
            <div class="field">
                <label for="candidate-kind">"How do you reach the model?"</label>
                <select
                    id="candidate-kind"
                    aria-describedby="candidate-add-msg"
                    prop:value=move || choice.get()
                    on:change=move |ev| {
                        choice.set(event_target_value(&ev));
                        error.set(None);
                    }
                >
                    <optgroup label="A vendor, directly">{direct_options}</optgroup>
                    <optgroup label="A hosted path (from the matrix)">{path_options}</optgroup>
                    <optgroup label="Something else">
                        <option value="other-direct">"Another vendor, directly"</option>
                        <option value="other-hosted">"Another hosted path"</option>
                    </optgroup>
                </select>
            </div>
            {move || {
                (choice.get() == "other-direct")
                    .then(|| {
                        view! {
                            <div class="field">
                                <label for="candidate-other-vendor">"Vendor name"</label>
                                <input
                                    type="text"
                                    id="candidate-other-vendor"
                                    prop:value=other_vendor.get_untracked()
                                    on:input=move |ev| other_vendor.set(event_target_value(&ev))
                                />
                            </div>
                        }
                    })
            }}
            {move || {
                (choice.get() == "other-hosted")
                    .then(|| {
                        view! {
                            <div class="field">
                                <label for="candidate-platform-vendor">"Platform"</label>
                                <select
                                    id="candidate-platform-vendor"
                                    prop:value=platform_vendor.get_untracked()
                                    on:change=move |ev| platform_vendor.set(event_target_value(&ev))
                                >
                                    {vendor_options()}
                                </select>
                            </div>
                            <div class="field">
                                <label for="candidate-service">"Hosting service its certificate must name"</label>
                                <input
                                    type="text"
                                    id="candidate-service"
                                    prop:value=service.get_untracked()
                                    on:input=move |ev| service.set(event_target_value(&ev))
                                />
                            </div>
                            <div class="field">
                                <label for="candidate-model-vendor">"Model vendor"</label>
                                <input
                                    type="text"
                                    id="candidate-model-vendor"
                                    prop:value=model_vendor.get_untracked()
                                    on:input=move |ev| model_vendor.set(event_target_value(&ev))
                                />
                            </div>
                        }
                    })
            }}
            <button type="button" class="primary" id="candidate-add" on:click=add>
                "Add candidate"
            </button>
            <span class="field-msg" id="candidate-add-msg" aria-live="polite">{move || error.get()}</span>
        </fieldset>
    }
}

/// One candidate: its name, platform, model vendor and products.
#[component]
fn CandidateCard(cid: String, removed: RwSignal<Option<Removed>>) -> impl IntoView {
    let ws = expect_context::<Ws>();
    let eval = ws.eval;
    let Some(c) = eval.with_untracked(|e| model::cand(e, &cid).cloned()) else {
        return ().into_any();
    };
    let issues = {
        let cid = cid.clone();
        Memo::new(move |_| {
            eval.with(|e| {
                model::cand(e, &cid)
                    .map(validate_candidate)
                    .unwrap_or_default()
            })
        })
    };
    let name_now = {
        let cid = cid.clone();
        Memo::new(move |_| {
            eval.with(|e| {
                model::cand(e, &cid)
                    .map(|c| c.name.clone())
                    .unwrap_or_default()
            })
        })
    };
    let upd = {
        let cid = cid.clone();
        move |f: Box<dyn FnOnce(&mut Candidate)>| {
            ws.update(|e| {
                if let Some(c) = model::cand_mut(e, &cid) {
                    f(c)
                }
            })
        }
    };
    let kind_line = match &c.platform {
        Some(p) => format!(
            "Hosted path: the platform {} (service: {}), the model from {}.",
            model::vendor_name(&p.vendor),
            p.service,
            model::vendor_name(&c.model_vendor)
        ),
        None => format!("Reached directly: {}.", model::vendor_name(&c.model_vendor)),
    };
    let heading_id = format!("cand-{cid}-heading");
    let platform_fields = c.platform.as_ref().map(|p| {
        let upd1 = upd.clone();
        let upd2 = upd.clone();
        view! {
            {text_field(
                ws,
                field_id(&cid, None, "platform.vendor"),
                "Platform vendor",
                Some("A matrix id (aws, azure, google-cloud) or the organisation's name.".into()),
                Kind::Text,
                p.vendor.clone(),
                move |v| upd1(Box::new(move |c| if let Some(p) = c.platform.as_mut() { p.vendor = v })),
                issue_of(issues, "platform.vendor"),
            )}
            {text_field(
                ws,
                field_id(&cid, None, "platform.service"),
                "Hosting service the platform's certificate must name",
                None,
                Kind::Text,
                p.service.clone(),
                move |v| upd2(Box::new(move |c| if let Some(p) = c.platform.as_mut() { p.service = v })),
                issue_of(issues, "platform.service"),
            )}
        }
    });
    let upd_name = upd.clone();
    let upd_vendor = upd.clone();
    let remove = {
        let cid = cid.clone();
        move |_| {
            let taken = ws.eval.with_untracked(|e| {
                e.candidates
                    .iter()
                    .position(|c| c.id == cid)
                    .map(|i| (i, e.candidates[i].clone()))
            });
            if let Some((index, candidate)) = taken {
                let name = candidate.name.clone();
                ws.update(|e| {
                    e.candidates.remove(index);
                });
                removed.set(Some(Removed { index, candidate }));
                ws.status
                    .set(format!("Removed the candidate {name}. Undo is available."));
                ws.go_to(super::model::Step::Candidates, "candidate-undo".into());
            }
        }
    };
    view! {
        <li class="candidate-card" data-candidate=cid.clone()>
            <h5 id=heading_id.clone()>{move || name_now.get()}</h5>
            <p class="hint">{kind_line}</p>
            <div class="field-grid">
                {text_field(
                    ws,
                    field_id(&cid, None, "name"),
                    "Display name",
                    None,
                    Kind::Text,
                    c.name.clone(),
                    move |v| upd_name(Box::new(move |c| c.name = v)),
                    || None,
                )}
                {text_field(
                    ws,
                    field_id(&cid, None, "model_vendor"),
                    "Model vendor",
                    Some("A matrix id (openai, anthropic, mistral…) or the organisation's name.".into()),
                    Kind::Text,
                    c.model_vendor.clone(),
                    move |v| upd_vendor(Box::new(move |c| c.model_vendor = v)),
                    issue_of(issues, "model_vendor"),
                )}
                {platform_fields}
            </div>
            <Products cid=cid.clone() issues=issues/>
            <button
                type="button"
                class="danger"
                id=format!("cand-{cid}-remove")
                aria-label=move || format!("Remove candidate {}", name_now.get())
                on:click=remove
            >
                "Remove candidate"
            </button>
        </li>
    }
    .into_any()
}

/// The products a candidate is used for ("API", "fine-tuning", "Claude").
#[component]
fn Products(cid: String, issues: Memo<Vec<crate::policy::FieldIssue>>) -> impl IntoView {
    let ws = expect_context::<Ws>();
    let eval = ws.eval;
    let new_id = field_id(&cid, None, "products-new");
    let msg_id = format!("{new_id}-msg");
    let new_text = RwSignal::new(String::new());
    let count = {
        let cid = cid.clone();
        Memo::new(move |_| {
            eval.with(|e| model::cand(e, &cid).map(|c| c.products.len()).unwrap_or(0))
        })
    };
    let shown = Shown::new(ws, false);
    let problem = shown.gate(issue_of(issues, "products"));
    let add = {
        let cid = cid.clone();
        move || {
            shown.touch();
            let p = new_text.get_untracked().trim().to_string();
            if p.is_empty() {
                return;
            }
            ws.update(|e| {
                if let Some(c) = model::cand_mut(e, &cid) {
                    c.products.push(p.clone());
                }
            });
            new_text.set(String::new());
            ws.status.set(format!("Added the product {p}."));
        }
    };
    let add2 = add.clone();
    let problem2 = problem.clone();
    let cid_list = cid.clone();
    view! {
        <fieldset class="list-editor">
            <legend>"Products used"</legend>
            <ul class="chips">
                <For
                    each=move || 0..count.get()
                    key=|i| *i
                    children=move |i| {
                        let cid = cid_list.clone();
                        let cid2 = cid.clone();
                        let name = move || {
                            eval.with(|e| model::cand(e, &cid).and_then(|c| c.products.get(i).cloned()).unwrap_or_default())
                        };
                        let name2 = name.clone();
                        view! {
                            <li class="chip">
                                <span>{name.clone()}</span>
                                <button
                                    type="button"
                                    class="link-button"
                                    aria-label=move || format!("Remove the product {}", name2())
                                    on:click=move |_| {
                                        let gone = name();
                                        ws.update(|e| {
                                            if let Some(c) = model::cand_mut(e, &cid2) {
                                                if i < c.products.len() {
                                                    c.products.remove(i);
                                                }
                                            }
                                        });
                                        ws.status.set(format!("Removed the product {gone}."));
                                    }
                                >
                                    "Remove"
                                </button>
                            </li>
                        }
                    }
                />
            </ul>
            <div class="inline-add">
                <label for=new_id.clone()>"Product"</label>
                <input
                    type="text"
                    id=new_id.clone()
                    aria-describedby=msg_id.clone()
                    aria-invalid=move || problem().is_some().to_string()
                    prop:value=move || new_text.get()
                    on:input=move |ev| new_text.set(event_target_value(&ev))
                    on:blur=move |_| shown.touch()
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                            add();
                        }
                    }
                />
                <button
                    type="button"
                    class="secondary"
                    id=format!("{new_id}-button")
                    on:click=move |_| add2()
                >
                    "Add product"
                </button>
                <span class="field-msg" id=msg_id aria-live="polite">{problem2}</span>
            </div>
        </fieldset>
    }
}
