//! The evaluation workspace: the five steps of the procurement method
//! (source A): workload and risk tier, candidates, evidence, contract, report.
//!
//! State lives in one place: the whole [`Evaluation`] in one
//! `RwSignal<Evaluation>` ([`Ws::eval`]). Every field writes its parsed value
//! back into it; the report is a [`Memo`] over it calling
//! [`policy::evaluate`], so it follows every change. Saving and sharing can
//! hook onto that one signal.
//!
//! Steps 1–4 stay mounted (hidden when not current), so what a user typed,
//! valid or not, stays in its field when they move between steps, and a
//! finding's "go to the field" can focus any field.
//!
//! A field says nothing until the user has touched it (edited it, or left it
//! after focusing it), or until its step is *revealed*: "Next" reveals the
//! step it leaves, and opening the report reveals every step
//! ([`Ws::reveal`], [`field::Shown`]).

mod bar;
mod candidates;
mod contract;
mod documents;
mod evidence;
mod field;
pub mod model;
mod pdf;
mod report_view;
mod workload;

use crate::domain::{DayMonthOrder, RiskTier};
use crate::matrix::Dataset;
use crate::policy::{self, Evaluation, Report, Verdict};
use leptos::context::Provider;
use leptos::prelude::*;
use model::Step;
use std::collections::HashMap;
use std::time::Duration;
use time::Date;
use wasm_bindgen::JsCast;

/// What every part of the workspace shares (all `Copy`).
#[derive(Clone, Copy)]
pub struct Ws {
    /// The whole evaluation: the one source of truth.
    pub eval: RwSignal<Evaluation>,
    /// The step on screen.
    pub step: RwSignal<Step>,
    /// The report, re-evaluated whenever the evaluation changes.
    pub report: Memo<Report>,
    /// The user's device's today (the default evaluation date).
    pub today: Date,
    pub dataset: &'static Dataset,
    /// Raw text of fields whose content is not (yet) valid, by field id, so a
    /// re-rendered field shows what was typed.
    pub drafts: StoredValue<HashMap<String, String>>,
    /// A polite announcement for screen readers (and everyone).
    pub status: RwSignal<String>,
    /// The steps whose fields show their problems even untouched (the
    /// report's presence means every step).
    pub revealed: RwSignal<Vec<Step>>,
    /// The compact step bar (small screens) is opened.
    pub bar_open: RwSignal<bool>,
    /// How the buyer writes numeric dates (`04/05/2025`): a visible setting
    /// on step 1, first taken from the browser's language, never a silent
    /// guess.
    pub date_order: RwSignal<DayMonthOrder>,
}

/// The step a part of the form sits on, provided by its step's section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepScope(pub Step);

impl Ws {
    /// Changes the evaluation.
    pub fn update(&self, f: impl FnOnce(&mut Evaluation)) {
        self.eval.update(f);
    }

    /// Shows the problems of every field of `step`, touched or not.
    pub fn reveal(&self, step: Step) {
        if !self.revealed.with_untracked(|r| r.contains(&step)) {
            self.revealed.update(|r| r.push(step));
        }
    }

    /// Whether the fields of `step` show their problems untouched (a part
    /// of the form outside the steps always does).
    pub fn is_revealed(&self, step: Option<Step>) -> bool {
        self.revealed
            .with(|r| r.contains(&Step::Report) || step.is_none_or(|s| r.contains(&s)))
    }

    /// Switches to a step and moves focus to the element with `id` (or the
    /// step's heading when it is absent).
    pub fn go_to(&self, step: Step, id: String) {
        if step == Step::Report {
            self.reveal(Step::Report);
        }
        if self.step.get_untracked() != step {
            self.step.set(step);
        }
        if self.bar_open.get_untracked() {
            self.bar_open.set(false);
        }
        set_timeout(
            move || {
                if !focus_id(&id) {
                    focus_id(&step.heading_id());
                }
            },
            Duration::from_millis(0),
        );
    }
}

/// Moves keyboard focus to an element by id; false when it is not on the page.
pub fn focus_id(id: &str) -> bool {
    let el = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    match el {
        Some(el) => {
            // Scrolled below the sticky step bar (scroll-padding-top sized
            // to the bar's height as it is now), then focused.
            bar::sync_now();
            el.scroll_into_view();
            el.focus().is_ok()
        }
        None => false,
    }
}

/// A verdict's symbol: status is never told by colour alone.
pub fn verdict_symbol(v: Verdict) -> &'static str {
    match v {
        Verdict::MeetsPolicy => "✓",
        Verdict::Conditional => "⚠",
        Verdict::FailsPolicy => "✗",
    }
}

/// A rule's id as a small label beside a sentence, never inside it.
pub fn rule_tag(rule: &dyn std::fmt::Display) -> impl IntoView {
    view! {
        <span class="rule-tag">
            <span class="sr-only">"rule "</span>
            {rule.to_string()}
        </span>
    }
}

#[component]
pub fn Workspace(
    dataset: &'static Dataset,
    today: Date,
    /// The evaluation to work on, when the caller keeps it (so it outlives
    /// this component, e.g. across a switch of views, or for saving and
    /// sharing). Without it, the workspace starts a new evaluation.
    #[prop(optional)]
    state: Option<RwSignal<Evaluation>>,
    /// The step on screen, when the caller keeps it (the app gives each
    /// step an address). Without it, the workspace opens at step 1, or at
    /// the report when read-only.
    #[prop(optional)]
    step: Option<RwSignal<Step>>,
    /// Shows the evaluation without letting it change (a shared link): every
    /// field is disabled, and the report comes first.
    #[prop(optional)]
    read_only: bool,
    /// Read-only because another tab of this browser is editing it: the
    /// user's own evaluation, shown as it is, where it was.
    #[prop(optional)]
    elsewhere: bool,
) -> impl IntoView {
    let shared = read_only;
    let read_only = read_only || elsewhere;
    let eval = state.unwrap_or_else(|| RwSignal::new(Evaluation::new(RiskTier::Regulated)));
    let report = Memo::new(move |_| {
        eval.with(|e| {
            let date = policy::resolve_evaluation_date(e, None, today);
            policy::evaluate(e, date)
        })
    });
    let ws = Ws {
        eval,
        step: step
            .unwrap_or_else(|| RwSignal::new(if shared { Step::Report } else { Step::Workload })),
        report,
        today,
        dataset,
        drafts: StoredValue::new(HashMap::new()),
        date_order: RwSignal::new(field::initial_date_order()),
        status: RwSignal::new(String::new()),
        revealed: RwSignal::new(if read_only {
            vec![Step::Report]
        } else {
            Vec::new()
        }),
        bar_open: RwSignal::new(false),
    };
    provide_context(ws);

    view! {
        <section class="workspace" aria-labelledby="workspace-heading">
            <h2 id="workspace-heading">{if shared { "The shared evaluation" } else { "Evaluate evidence" }}</h2>
            <p class="hint" hidden=shared>
                "Walk through the five steps of the method: say what the workload is, pick the candidates, type in what each certificate says, answer the contract checklist, and read the report. "
                "The report follows every change. Nothing you type leaves this tab."
            </p>
            <StepNav/>
            <p class="sr-only" role="status" aria-live="polite" data-testid="ws-status">
                {move || ws.status.get()}
            </p>
            <StepSection step=Step::Workload read_only=read_only>
                <workload::WorkloadStep/>
            </StepSection>
            <StepSection step=Step::Candidates read_only=read_only>
                <candidates::CandidatesStep/>
            </StepSection>
            <StepSection step=Step::Evidence read_only=read_only>
                <evidence::EvidenceStep/>
            </StepSection>
            <StepSection step=Step::Contract read_only=read_only>
                <contract::ContractStep/>
            </StepSection>
            <StepSection step=Step::Report read_only=read_only>
                {move || (ws.step.get() == Step::Report).then(|| view! { <report_view::ReportView/> })}
            </StepSection>
            <documents::Documents state=eval today=today read_only=read_only/>
            <StepFooter/>
        </section>
    }
}

/// The DOM id of the compact step bar's button.
const TOGGLE_ID: &str = "ws-steps-toggle";

/// One step's section: its heading, and its form under a [`StepScope`].
#[component]
fn StepSection(step: Step, read_only: bool, children: Children) -> impl IntoView {
    let ws = expect_context::<Ws>();
    view! {
        <section
            class="ws-step"
            id=format!("step-{}", step.id())
            aria-labelledby=step.heading_id()
            hidden=move || ws.step.get() != step
        >
            <h3 id=step.heading_id() tabindex="-1">
                {format!("Step {} of 5: {}", step.number(), step.title())}
            </h3>
            // A disabled fieldset disables every control inside it.
            <fieldset class="ws-fieldset" disabled=read_only && step != Step::Report>
                <Provider value=StepScope(step)>{children()}</Provider>
            </fieldset>
        </section>
    }
}

/// The step navigation, with a small verdict summary. It sticks to the top
/// of the screen; on a small screen it is one line (the current step and
/// the overall verdict) that opens into the full bar.
#[component]
fn StepNav() -> impl IntoView {
    let ws = expect_context::<Ws>();
    let bar = NodeRef::<leptos::html::Nav>::new();
    bar::watch(bar);
    let summary = Memo::new(move |_| {
        ws.report.with(|r| {
            let per: Vec<(String, Verdict)> = r
                .candidates
                .iter()
                .map(|c| {
                    (
                        if c.name.trim().is_empty() {
                            c.candidate.to_string()
                        } else {
                            c.name.to_string()
                        },
                        c.verdict,
                    )
                })
                .collect();
            (r.verdict, per)
        })
    });
    let buttons = Step::ALL
        .into_iter()
        .map(|s| {
            view! {
                <li>
                    <button
                        type="button"
                        class="step-button"
                        id=format!("nav-{}", s.id())
                        aria-current=move || if ws.step.get() == s { "step" } else { "false" }
                        on:click=move |_| ws.go_to(s, s.heading_id())
                    >
                        <span class="step-number">{s.number()}</span>
                        " "
                        {s.title()}
                    </button>
                </li>
            }
        })
        .collect_view();
    let open = ws.bar_open;
    let toggle = move |_| open.update(|o| *o = !*o);
    // Escape closes the opened compact bar and returns to its button.
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            open.set(false);
            focus_id(TOGGLE_ID);
        }
    };
    let current = move || {
        let s = ws.step.get();
        format!("Step {} of 5: {}", s.number(), s.title())
    };
    let overall = move || summary.with(|(overall, per)| (!per.is_empty()).then_some(*overall));
    view! {
        <nav
            class="ws-steps"
            class:open=move || open.get()
            id=bar::BAR_ID
            aria-label="Evaluation steps"
            node_ref=bar
            on:keydown=on_key
        >
            <button
                type="button"
                class="steps-toggle"
                id=TOGGLE_ID
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls="ws-steps-body"
                on:click=toggle
            >
                <span class="toggle-step">{current}</span>
                {move || {
                    overall()
                        .map(|v| {
                            view! {
                                <span class=format!("toggle-verdict verdict-{}", v.id())>
                                    <span aria-hidden="true">{verdict_symbol(v)} " "</span>
                                    {v.label()}
                                </span>
                            }
                        })
                }}
                <span class="toggle-icon" aria-hidden="true">{move || if open.get() { "▴" } else { "▾" }}</span>
            </button>
            <div class="steps-body" id="ws-steps-body">
                <ol>{buttons}</ol>
                <div class="nav-summary" data-testid="nav-summary">
                    {move || {
                        let (overall, per) = summary.get();
                        if per.is_empty() {
                            return view! { <span>"No candidates yet: add them in step 2."</span> }.into_any();
                        }
                        let items = per
                            .into_iter()
                            .map(|(name, v)| {
                                view! {
                                    <li class=format!("verdict-chip verdict-{}", v.id())>
                                        <span aria-hidden="true">{verdict_symbol(v)} " "</span>
                                        {name}
                                        ": "
                                        {v.label()}
                                    </li>
                                }
                            })
                            .collect_view();
                        view! {
                            <span class=format!("verdict-{}", overall.id())>
                                "Overall: "
                                <span aria-hidden="true">{verdict_symbol(overall)} " "</span>
                                {overall.label()}
                            </span>
                            <ul class="verdict-chips" aria-label="Verdict per candidate">{items}</ul>
                        }
                        .into_any()
                    }}
                </div>
            </div>
        </nav>
    }
}

/// "Previous" and "Next" under the current step.
#[component]
fn StepFooter() -> impl IntoView {
    let ws = expect_context::<Ws>();
    let prev = move || {
        let n = ws.step.get().number();
        (n > 1).then(|| Step::ALL[n - 2])
    };
    let next = move || {
        let n = ws.step.get().number();
        (n < 5).then(|| Step::ALL[n])
    };
    view! {
        <div class="step-footer">
            {move || {
                prev()
                    .map(|s| {
                        view! {
                            <button type="button" class="secondary" on:click=move |_| ws.go_to(s, s.heading_id())>
                                {format!("← Back to step {}: {}", s.number(), s.title())}
                            </button>
                        }
                    })
            }}
            {move || {
                next()
                    .map(|s| {
                        view! {
                            <button
                                type="button"
                                class="primary"
                                id="step-next"
                                on:click=move |_| {
                                    // Past this step, its problems show even untouched.
                                    ws.reveal(ws.step.get_untracked());
                                    ws.go_to(s, s.heading_id());
                                }
                            >
                                {format!("Next: step {}, {} →", s.number(), s.title())}
                            </button>
                        }
                    })
            }}
        </div>
    }
}
