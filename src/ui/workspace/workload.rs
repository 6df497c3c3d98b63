//! Step 1: the workload, its risk tier, the dates, and the policy it is
//! judged by (a tier's preset, or the buyer's edited copy).

use super::field::{date_field, remember_date_order, text_field, Kind, Shown};
use super::Ws;
use crate::domain::{format_date, DayMonthOrder, Layer, RiskTier, Standard};
use crate::policy::{FieldIssue, Policy, Requirement, RequirementLevel};
use leptos::prelude::*;

/// The model's message for a field path of the evaluation's own checks.
fn header_issue(
    issues: Memo<Vec<FieldIssue>>,
    field: String,
) -> impl Fn() -> Option<String> + Send + Sync + Clone + 'static {
    move || {
        issues.with(|v| {
            let m: Vec<&str> = v
                .iter()
                .filter(|i| i.field == field)
                .map(|i| i.message.as_str())
                .collect();
            (!m.is_empty()).then(|| m.join("; "))
        })
    }
}

fn layer_label(layer: Layer) -> &'static str {
    match layer {
        Layer::Model => "Model layer: the model vendor's own evidence",
        Layer::Platform => "Platform layer: the hosting platform's evidence (hosted paths only)",
        Layer::Customer => "Customer layer",
    }
}

fn requirements(p: &Policy, layer: Layer) -> &[Requirement] {
    p.requirements(layer)
}

fn requirements_mut(p: &mut Policy, layer: Layer) -> &mut Vec<Requirement> {
    match layer {
        Layer::Platform => &mut p.platform,
        _ => &mut p.model,
    }
}

fn requirement_words(r: &Requirement) -> String {
    if r.any_of.is_empty() {
        return "(no standard chosen)".to_string();
    }
    r.any_of
        .iter()
        .map(|s| s.name())
        .collect::<Vec<_>>()
        .join(" or ")
}

fn level_word(l: RequirementLevel) -> &'static str {
    match l {
        RequirementLevel::Required => "required",
        RequirementLevel::Recommended => "recommended",
    }
}

#[component]
pub fn WorkloadStep() -> impl IntoView {
    let ws = expect_context::<Ws>();
    let eval = ws.eval;
    // The evaluation's own checks, minus the candidates' (shown in their steps).
    let issues = Memo::new(move |_| {
        eval.with(|e| {
            e.validate()
                .into_iter()
                .filter(|i| !i.field.starts_with("candidates["))
                .collect::<Vec<_>>()
        })
    });
    let (name, data, decisions, eval_date, contract_end) = eval.with_untracked(|e| {
        (
            e.workload.name.clone(),
            e.workload.data.clone(),
            e.workload.decisions.clone(),
            e.evaluation_date,
            e.contract_end,
        )
    });
    let today = ws.today;

    let set_tier = move |t: RiskTier| {
        let mut switched = false;
        ws.update(|e| {
            let was_preset = e.policy == Policy::preset(e.policy.tier);
            e.workload.risk_tier = t;
            if was_preset && e.policy.tier != t {
                e.policy = Policy::preset(t);
                switched = true;
            }
        });
        ws.status.set(if switched {
            format!(
                "Risk tier set to {}; the policy is now that tier's preset.",
                t.label()
            )
        } else {
            format!("Risk tier set to {}.", t.label())
        });
    };
    let tiers = RiskTier::ALL
        .into_iter()
        .map(|t| {
            view! {
                <label class="check">
                    <input
                        type="radio"
                        name="risk-tier"
                        id=format!("field-tier-{}", t.id())
                        value=t.id()
                        prop:checked=move || eval.with(|e| e.workload.risk_tier == t)
                        on:change=move |_| set_tier(t)
                    />
                    {t.label()}
                </label>
            }
        })
        .collect_view();

    view! {
        <p class="hint">
            "Source A, step 1: what data does the workload touch, what does it decide, and what is the worst case? The tier sets the bar."
        </p>
        <div class="field-grid">
            {text_field(
                ws,
                "field-workload-name".into(),
                "Workload name",
                None,
                Kind::Text,
                name,
                move |v| ws.update(|e| e.workload.name = v),
                header_issue(issues, "workload.name".into()),
            )}
            {text_field(
                ws,
                "field-workload-data".into(),
                "What data it touches",
                Some("For example: patient records (PHI), card data, internal wiki pages.".into()),
                Kind::Area,
                data,
                move |v| ws.update(|e| e.workload.data = v),
                || None,
            )}
            {text_field(
                ws,
                "field-workload-decisions".into(),
                "What it decides",
                Some("For example: drafts replies a person reviews; ranks job applicants.".into()),
                Kind::Area,
                decisions,
                move |v| ws.update(|e| e.workload.decisions = v),
                || None,
            )}
        </div>
        <fieldset class="radio-group" id="field-risk-tier">
            <legend>"Risk tier"</legend>
            {tiers}
        </fieldset>
        <Attestations issues=issues/>
        <h4>"Dates"</h4>
        <p class="hint">
            {format!(
                "Every date is judged against the evaluation date: today ({}) unless you set another. Set the signature date or the end of the term to ask \"will this still hold then?\"",
                format_date(today),
            )}
        </p>
        <div class="field-grid">
            {date_field(
                ws,
                "field-evaluation_date".into(),
                "Evaluation date",
                Some(eval_date.unwrap_or(today)),
                move |d| ws.update(|e| e.evaluation_date = d),
                header_issue(issues, "evaluation_date".into()),
            )}
            {date_field(
                ws,
                "field-contract_end".into(),
                "Contract end date",
                contract_end,
                move |d| ws.update(|e| e.contract_end = d),
                header_issue(issues, "contract_end".into()),
            )}
            <div class="field">
                <label for="field-date-order">"How you write dates like 04/05/2025"</label>
                <span class="hint field-hint" id="field-date-order-hint">
                    "Used only when the day and the month could be either; every date field says how it read yours."
                </span>
                <select
                    id="field-date-order"
                    aria-describedby="field-date-order-hint"
                    on:change=move |ev| {
                        let order = if event_target_value(&ev) == "month-first" {
                            DayMonthOrder::MonthFirst
                        } else {
                            DayMonthOrder::DayFirst
                        };
                        ws.date_order.set(order);
                        remember_date_order(order);
                    }
                >
                    <option value="day-first" selected=move || ws.date_order.get() == DayMonthOrder::DayFirst>
                        "Day first: 04/05/2025 is 4 May 2025"
                    </option>
                    <option value="month-first" selected=move || ws.date_order.get() == DayMonthOrder::MonthFirst>
                        "Month first: 04/05/2025 is April 5, 2025"
                    </option>
                </select>
            </div>
        </div>
        <PolicySection issues=issues/>
    }
}

/// The sector attestations the buyer requires (HIPAA BAA, FedRAMP…).
#[component]
fn Attestations(issues: Memo<Vec<FieldIssue>>) -> impl IntoView {
    let ws = expect_context::<Ws>();
    let new_name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let count = Memo::new(move |_| ws.eval.with(|e| e.sector_attestations.len()));
    let add = move || {
        let name = new_name.get_untracked().trim().to_string();
        if name.is_empty() {
            error.set(Some("type the attestation's name first".into()));
            return;
        }
        error.set(None);
        ws.update(|e| e.sector_attestations.push(name.clone()));
        new_name.set(String::new());
        ws.status
            .set(format!("Added the required attestation {name}."));
    };
    let _ = issues;
    view! {
        <fieldset class="list-editor">
            <legend>"Required sector attestations"</legend>
            <p class="hint" id="field-attestation-new-hint">
                "Optional. Each is checked as an attestation record of the same name (add one in step 3)."
            </p>
            <ul class="chips">
                <For
                    each=move || 0..count.get()
                    key=|i| *i
                    children=move |i| {
                        let name = move || ws.eval.with(|e| e.sector_attestations.get(i).cloned().unwrap_or_default());
                        view! {
                            <li class="chip">
                                <span>{name}</span>
                                <button
                                    type="button"
                                    class="link-button"
                                    aria-label=move || format!("Remove the attestation {}", name())
                                    on:click=move |_| {
                                        let gone = name();
                                        ws.update(|e| {
                                            if i < e.sector_attestations.len() {
                                                e.sector_attestations.remove(i);
                                            }
                                        });
                                        ws.status.set(format!("Removed the attestation {gone}."));
                                        super::focus_id("field-attestation-new");
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
                <label for="field-attestation-new">"Attestation"</label>
                <input
                    type="text"
                    id="field-attestation-new"
                    aria-describedby="field-attestation-new-hint field-attestation-new-msg"
                    aria-invalid=move || error.with(|e| e.is_some()).to_string()
                    prop:value=move || new_name.get()
                    on:input=move |ev| {
                        new_name.set(event_target_value(&ev));
                        error.set(None);
                    }
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                            add();
                        }
                    }
                />
                <button type="button" class="secondary" id="attestation-add" on:click=move |_| add()>
                    "Add attestation"
                </button>
                <span class="field-msg" id="field-attestation-new-msg" aria-live="polite">
                    {move || error.get()}
                </span>
            </div>
        </fieldset>
    }
}

/// The policy: the tier's preset (read only) or the buyer's edited copy.
#[component]
fn PolicySection(issues: Memo<Vec<FieldIssue>>) -> impl IntoView {
    let ws = expect_context::<Ws>();
    let eval = ws.eval;
    let is_preset = Memo::new(move |_| eval.with(|e| e.policy == Policy::preset(e.policy.tier)));
    let mismatch = Memo::new(move |_| {
        eval.with(|e| {
            (e.policy.tier != e.workload.risk_tier)
                .then(|| (e.policy.name.clone(), e.policy.tier, e.workload.risk_tier))
        })
    });
    let policy_name = Memo::new(move |_| eval.with(|e| e.policy.name.clone()));
    let copy = move |_| {
        ws.update(|e| {
            let name = format!("{} (edited copy)", e.policy.name);
            e.policy.name = name;
        });
        ws.status
            .set("The policy is now your own copy: edit it below.".into());
        ws.go_to(super::model::Step::Workload, "field-policy-name".into());
    };
    let back_to_preset = move |_| {
        ws.update(|e| e.policy = Policy::preset(e.workload.risk_tier));
        ws.status
            .set("The policy is the tier's preset again.".into());
    };
    view! {
        <section class="policy" aria-labelledby="policy-heading">
            <h4 id="policy-heading">
                "Policy: " <span data-testid="policy-name">{move || policy_name.get()}</span>
            </h4>
            {move || {
                mismatch
                    .get()
                    .map(|(name, pt, wt)| {
                        view! {
                            <div class="warning" role="note" data-testid="policy-mismatch">
                                <span aria-hidden="true">"⚠ "</span>
                                {format!(
                                    "Your policy “{name}” was written for the {} tier, and the workload is now {}. ",
                                    pt.label(),
                                    wt.label(),
                                )}
                                <button
                                    type="button"
                                    class="secondary"
                                    id="policy-switch"
                                    on:click=move |_| {
                                        ws.update(|e| e.policy = Policy::preset(wt));
                                        ws.status.set(format!("The policy is now the preset for {}.", wt.label()));
                                    }
                                >
                                    {format!("Switch to the preset for {}", wt.label())}
                                </button>
                            </div>
                        }
                    })
            }}
            {move || {
                if is_preset.get() {
                    view! {
                        <p class="hint">
                            "The preset of the tier (source A, step 1). Copy it to make it your organisation's own: the copy travels with the evaluation."
                        </p>
                        <PresetTables/>
                        <button type="button" class="secondary" id="policy-copy" on:click=copy>
                            "Copy and edit"
                        </button>
                    }
                        .into_any()
                } else {
                    view! {
                        <PolicyEditor issues=issues/>
                        <button type="button" class="secondary" id="policy-reset" on:click=back_to_preset>
                            "Discard my copy and use the tier's preset"
                        </button>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// The preset, read only: one table per layer.
#[component]
fn PresetTables() -> impl IntoView {
    let ws = expect_context::<Ws>();
    let policy = Memo::new(move |_| ws.eval.with(|e| e.policy.clone()));
    let table = move |layer: Layer| {
        view! {
            <table class="policy-table" data-layer=layer.id()>
                <caption>{layer_label(layer)}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Any one of"</th>
                        <th scope="col">"Level"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        policy
                            .with(|p| {
                                requirements(p, layer)
                                    .iter()
                                    .map(|r| {
                                        view! {
                                            <tr>
                                                <td>{requirement_words(r)}</td>
                                                <td>{level_word(r.level)}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()
                            })
                    }}
                </tbody>
            </table>
        }
    };
    view! { <div class="policy-tables">{table(Layer::Model)} {table(Layer::Platform)}</div> }
}

/// The buyer's own copy: per layer, a grid of requirements × standards
/// (a requirement is met by any one of its ticked standards) and a level.
#[component]
fn PolicyEditor(issues: Memo<Vec<FieldIssue>>) -> impl IntoView {
    let ws = expect_context::<Ws>();
    let eval = ws.eval;
    let name = eval.with_untracked(|e| e.policy.name.clone());
    let table = move |layer: Layer| {
        let len = Memo::new(move |_| eval.with(|e| requirements(&e.policy, layer).len()));
        let add = move |_| {
            ws.update(|e| {
                requirements_mut(&mut e.policy, layer).push(Requirement {
                    any_of: Vec::new(),
                    level: RequirementLevel::Required,
                })
            });
        };
        let headers = Standard::ALL
            .into_iter()
            .map(|s| view! { <th scope="col"><abbr title=s.name()>{s.short()}</abbr></th> })
            .collect_view();
        view! {
            <div
                class="table-scroll"
                role="region"
                tabindex="0"
                aria-label=format!("Your policy, {}", layer.label().to_lowercase())
            >
                <table class="policy-table policy-editor" data-layer=layer.id()>
                    <caption>{layer_label(layer)} ": tick the standards that satisfy each requirement"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Requirement"</th>
                            {headers}
                            <th scope="col">"Level"</th>
                            <th scope="col">"Remove"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || 0..len.get()
                            key=|i| *i
                            children=move |i| {
                                let path = format!("policy.{}[{i}].any_of", layer.id());
                                let shown = Shown::new(ws, false);
                                let msg = shown.gate(header_issue(issues, path));
                                let msg_id = format!("policy-{}-{i}-msg", layer.id());
                                let boxes = Standard::ALL
                                    .into_iter()
                                    .map(|s| {
                                        let msg_id = msg_id.clone();
                                        view! {
                                            <td>
                                                <input
                                                    type="checkbox"
                                                    id=format!("policy-{}-{i}-{}", layer.id(), s.id())
                                                    aria-label=format!("Requirement {}: {}", i + 1, s.name())
                                                    aria-describedby=msg_id
                                                    prop:checked=move || {
                                                        eval.with(|e| {
                                                            requirements(&e.policy, layer)
                                                                .get(i)
                                                                .is_some_and(|r| r.any_of.contains(&s))
                                                        })
                                                    }
                                                    on:change=move |ev| {
                                                        shown.touch();
                                                        let on = event_target_checked(&ev);
                                                        ws.update(|e| {
                                                            if let Some(r) = requirements_mut(&mut e.policy, layer).get_mut(i) {
                                                                r.any_of.retain(|x| *x != s);
                                                                if on {
                                                                    r.any_of.push(s);
                                                                    r.any_of.sort();
                                                                }
                                                            }
                                                        });
                                                    }
                                                />
                                            </td>
                                        }
                                    })
                                    .collect_view();
                                view! {
                                    <tr>
                                        <th scope="row">
                                            {format!("Requirement {}", i + 1)}
                                            <span class="field-msg" id=msg_id.clone()>{msg}</span>
                                        </th>
                                        {boxes}
                                        <td>
                                            <select
                                                aria-label=format!("Level of requirement {}", i + 1)
                                                id=format!("policy-{}-{i}-level", layer.id())
                                                prop:value=move || {
                                                    eval.with(|e| {
                                                        requirements(&e.policy, layer)
                                                            .get(i)
                                                            .map(|r| level_word(r.level))
                                                            .unwrap_or("required")
                                                    })
                                                }
                                                on:change=move |ev| {
                                                    let level = if event_target_value(&ev) == "recommended" {
                                                        RequirementLevel::Recommended
                                                    } else {
                                                        RequirementLevel::Required
                                                    };
                                                    ws.update(|e| {
                                                        if let Some(r) = requirements_mut(&mut e.policy, layer).get_mut(i) {
                                                            r.level = level;
                                                        }
                                                    });
                                                }
                                            >
                                                <option value="required">"required (fail if missing)"</option>
                                                <option value="recommended">"recommended (warn if missing)"</option>
                                            </select>
                                        </td>
                                        <td>
                                            <button
                                                type="button"
                                                class="link-button"
                                                aria-label=format!("Remove requirement {} of the {}", i + 1, layer.label())
                                                on:click=move |_| {
                                                    ws.update(|e| {
                                                        let reqs = requirements_mut(&mut e.policy, layer);
                                                        if i < reqs.len() {
                                                            reqs.remove(i);
                                                        }
                                                    });
                                                }
                                            >
                                                "Remove"
                                            </button>
                                        </td>
                                    </tr>
                                }
                            }
                        />
                    </tbody>
                </table>
            </div>
            <button type="button" class="secondary" id=format!("policy-{}-add", layer.id()) on:click=add>
                {format!("Add a requirement to the {}", layer.label().to_lowercase())}
            </button>
        }
    };
    view! {
        <div class="field-grid">
            {text_field(
                ws,
                "field-policy-name".into(),
                "Policy name",
                None,
                Kind::Text,
                name,
                move |v| ws.update(|e| e.policy.name = v),
                || None,
            )}
        </div>
        {table(Layer::Model)}
        {table(Layer::Platform)}
    }
}
