//! Step 5: the report. Per candidate the verdict, the decision matrix
//! (candidates × required standards), and the findings grouped by severity,
//! each with a way back to the field it is about. Everything here is read
//! from the engine's [`Report`](crate::policy::Report).

use super::model::{self, slug, Step};
use super::{rule_tag, verdict_symbol, Ws};
use crate::domain::evaluation::{HolderConfirmation, ScopeConfirmation};
use crate::domain::{format_date, Layer};
use crate::policy::rules::{evidence, scope};
use crate::policy::{CandidateReport, CellStatus, FieldRef, Finding, Severity};
use leptos::prelude::*;

fn severity_symbol(s: Severity) -> &'static str {
    match s {
        Severity::Fail => "✗",
        Severity::Warn => "⚠",
        Severity::Info => "ℹ",
    }
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Fail => "fail",
        Severity::Warn => "warning",
        Severity::Info => "information",
    }
}

fn cell_symbol(s: CellStatus) -> &'static str {
    match s {
        CellStatus::Pass => "✓",
        CellStatus::Conditional => "⚠",
        CellStatus::Fail => "✗",
    }
}

/// A column of the decision matrix: a requirement at a layer.
fn column_key(layer: Layer, requirement: &str) -> (Layer, String) {
    (layer, requirement.to_string())
}

/// What the "go to the field" button names.
fn field_words(f: &Finding) -> String {
    let what = match f.subject.field {
        None | Some(FieldRef::Records) => "the records".to_string(),
        Some(FieldRef::SectorAttestations) => "the attestation records".to_string(),
        Some(FieldRef::Contract(..)) => "the contract answer".to_string(),
        Some(FieldRef::Record(field)) => field.words(),
        Some(other) => other.id().replace('_', " "),
    };
    match (&f.subject.record, f.subject.layer) {
        (Some(r), _) => format!("{what} of record {r}"),
        (None, Some(l)) => format!("{what}, {}", l.label().to_lowercase()),
        _ => what,
    }
}

#[component]
pub fn ReportView() -> impl IntoView {
    let ws = expect_context::<Ws>();
    let head = Memo::new(move |_| {
        ws.report.with(|r| {
            (
                format_date(r.evaluation_date),
                r.contract_end.map(format_date),
                r.risk_tier.label(),
                r.policy.clone(),
                r.verdict,
                r.candidates.len(),
            )
        })
    });
    let ids = Memo::new(move |_| {
        ws.report.with(|r| {
            r.candidates
                .iter()
                .map(|c| c.candidate.to_string())
                .collect::<Vec<_>>()
        })
    });
    view! {
        {move || {
            let (date, end, tier, policy, verdict, n) = head.get();
            view! {
                <p class="report-head">
                    {format!("Judged on {date}")}
                    {end.map(|e| format!(", contract ending {e}"))}
                    {format!(" · tier: {tier} · policy: “{policy}”.")}
                </p>
                {if n == 0 {
                    view! {
                        <p class="empty">
                            "There is nothing to judge yet. "
                            <button type="button" class="link-button" on:click=move |_| ws.go_to(Step::Candidates, "candidate-kind".into())>
                                "Add a candidate in step 2"
                            </button>
                        </p>
                    }
                        .into_any()
                } else {
                    view! {
                        <p class=format!("overall verdict-{}", verdict.id()) data-testid="overall-verdict">
                            "Overall: "
                            <span aria-hidden="true">{verdict_symbol(verdict)} " "</span>
                            <strong>{verdict.label()}</strong>
                        </p>
                    }
                        .into_any()
                }}
            }
        }}
        <DecisionMatrix/>
        <For
            each=move || ids.get()
            key=|id| id.clone()
            children=move |cid| view! { <CandidateFindings cid=cid/> }
        />
    }
}

/// Candidates × requirements, each cell pass / conditional / fail. Its
/// button is a disclosure: a tap, a click or Enter shows the cell's reason
/// under it (and a way to the candidate's findings); the reason is also the
/// button's description for screen readers.
#[component]
fn DecisionMatrix() -> impl IntoView {
    let ws = expect_context::<Ws>();
    // The opened cells, by DOM id, so they stay open when the report changes.
    let opened: RwSignal<Vec<String>> = RwSignal::new(Vec::new());
    view! {
        {move || {
            ws.report
                .with(|r| {
                    if r.candidates.is_empty() {
                        return ().into_any();
                    }
                    let mut cols: Vec<(Layer, String)> = Vec::new();
                    for c in &r.candidates {
                        for cell in &c.matrix {
                            let k = column_key(cell.layer, &cell.requirement);
                            if !cols.contains(&k) {
                                cols.push(k);
                            }
                        }
                    }
                    let header = cols
                        .iter()
                        .map(|(l, req)| {
                            view! {
                                <th scope="col">
                                    {req.clone()}
                                    <span class="subject">{l.label()}</span>
                                </th>
                            }
                        })
                        .collect_view();
                    let rows = r
                        .candidates
                        .iter()
                        .map(|c| {
                            let name = if c.name.trim().is_empty() { c.candidate.to_string() } else { c.name.to_string() };
                            let cells = cols
                                .iter()
                                .enumerate()
                                .map(|(ci, (l, req))| {
                                    match c.matrix.iter().find(|cell| cell.layer == *l && cell.requirement == *req) {
                                        None => view! {
                                            <td class="rcell-none">
                                                <span aria-hidden="true">"– "</span>
                                                "not applicable"
                                            </td>
                                        }
                                            .into_any(),
                                        Some(cell) => {
                                            let id = format!("rcell-{}-{ci}", c.candidate);
                                            let reason_id = format!("{id}-reason");
                                            let reason = if cell.records.is_empty() {
                                                format!("{name}: {}.", cell.reason)
                                            } else {
                                                format!("{name}: {} (records {}).", cell.reason, cell.records.iter().map(|r| r.to_string()).collect::<Vec<_>>().join(", "))
                                            };
                                            let target = format!("report-{}", c.candidate);
                                            let key = StoredValue::new(id.clone());
                                            let is_open = move || key.with_value(|k| opened.with(|o| o.contains(k)));
                                            let toggle = move |_| {
                                                let k = key.get_value();
                                                opened.update(|o| {
                                                    if let Some(i) = o.iter().position(|x| *x == k) {
                                                        o.remove(i);
                                                    } else {
                                                        o.push(k);
                                                    }
                                                });
                                            };
                                            view! {
                                                <td class=format!("rcell rcell-{}", cell.status.id())>
                                                    <button
                                                        type="button"
                                                        class="rcell-button"
                                                        id=id
                                                        aria-expanded=move || if is_open() { "true" } else { "false" }
                                                        aria-controls=reason_id.clone()
                                                        aria-describedby=reason_id.clone()
                                                        data-status=cell.status.id()
                                                        on:click=toggle
                                                    >
                                                        <span aria-hidden="true">{cell_symbol(cell.status)} " "</span>
                                                        {cell.status.id()}
                                                        <span class="rcell-more" aria-hidden="true">{move || if is_open() { " ▴" } else { " ▾" }}</span>
                                                    </button>
                                                    <div class="rcell-reason" id=reason_id hidden=move || !is_open()>
                                                        {reason}
                                                        " "
                                                        <button
                                                            type="button"
                                                            class="link-button"
                                                            on:click=move |_| ws.go_to(Step::Report, target.clone())
                                                        >
                                                            {format!("Findings of {name}")}
                                                        </button>
                                                    </div>
                                                </td>
                                            }
                                                .into_any()
                                        }
                                    }
                                })
                                .collect_view();
                            view! {
                                <tr data-candidate=c.candidate.to_string()>
                                    <th scope="row">
                                        {c.name.to_string()}
                                        <span class=format!("subject verdict-{}", c.verdict.id())>
                                            <span aria-hidden="true">{verdict_symbol(c.verdict)} " "</span>
                                            {c.verdict.label()}
                                        </span>
                                    </th>
                                    {cells}
                                </tr>
                            }
                        })
                        .collect_view();
                    view! {
                        <div class="table-scroll" role="region" aria-labelledby="decision-caption" tabindex="0">
                            <table class="decision-matrix" data-testid="decision-matrix">
                                <caption id="decision-caption">
                                    "Decision matrix: each candidate against each requirement of the policy. Tap or click a cell for its reason."
                                </caption>
                                <thead>
                                    <tr>
                                        <th scope="col">"Candidate"</th>
                                        {header}
                                    </tr>
                                </thead>
                                <tbody>{rows}</tbody>
                            </table>
                        </div>
                    }
                        .into_any()
                })
        }}
    }
}

#[component]
fn CandidateFindings(cid: String) -> impl IntoView {
    let ws = expect_context::<Ws>();
    let key = StoredValue::new(cid.clone());
    let cr = Memo::new(move |_| {
        let cid = key.get_value();
        ws.report.with(|r| r.candidate(&cid).cloned())
    });
    view! {
        <section class="cand-report" aria-labelledby=format!("report-{cid}") data-candidate=cid.clone()>
            {move || cr.get().map(|c| candidate_body(ws, c))}
        </section>
    }
}

fn candidate_body(ws: Ws, c: CandidateReport) -> impl IntoView {
    let groups = [Severity::Fail, Severity::Warn, Severity::Info]
        .into_iter()
        .map(|sev| {
            let fs: Vec<Finding> = c
                .findings
                .iter()
                .filter(|f| f.severity == sev)
                .cloned()
                .collect();
            let n = fs.len();
            let title = match sev {
                Severity::Fail => format!("Fails ({n})"),
                Severity::Warn => format!("Warnings ({n})"),
                Severity::Info => format!("Information ({n})"),
            };
            let items = fs.into_iter().map(|f| finding_view(ws, f)).collect_view();
            view! {
                <section class=format!("findings sev-{}", sev.id()) data-severity=sev.id()>
                    <h5>
                        <span aria-hidden="true">{severity_symbol(sev)} " "</span>
                        {title}
                    </h5>
                    {if n == 0 {
                        view! { <p class="empty">"None."</p> }.into_any()
                    } else {
                        view! { <ol class="finding-list">{items}</ol> }.into_any()
                    }}
                </section>
            }
        })
        .collect_view();
    let name = if c.name.trim().is_empty() {
        c.candidate.to_string()
    } else {
        c.name.to_string()
    };
    view! {
        <h4 id=format!("report-{}", c.candidate) tabindex="-1">
            {name}
            ": "
            <span class=format!("verdict verdict-{}", c.verdict.id()) data-testid=format!("verdict-{}", c.candidate)>
                <span aria-hidden="true">{verdict_symbol(c.verdict)} " "</span>
                {c.verdict.label()}
            </span>
        </h4>
        <p class="counts">
            {format!(
                "{} fail, {} warning{}, {} for information.",
                c.counts.fail,
                c.counts.warn,
                if c.counts.warn == 1 { "" } else { "s" },
                c.counts.info,
            )}
        </p>
        {groups}
    }
}

fn finding_view(ws: Ws, f: Finding) -> impl IntoView {
    let values = (!f.values.is_empty()).then(|| {
        let rows = f
            .values
            .iter()
            .map(|v| {
                view! {
                    <dt>{v.name.replace('_', " ")}</dt>
                    <dd>{if v.value.is_empty() { "(blank)".to_string() } else { v.value.clone() }}</dd>
                }
            })
            .collect_view();
        view! { <dl class="values">{rows}</dl> }
    });
    let go_label = format!("Go to the field: {}", field_words(&f));
    let confirm = (f.severity != Severity::Info)
        .then(|| hand_confirm(ws, &f))
        .flatten();
    let target = StoredValue::new(f.clone());
    view! {
        <li class=format!("finding sev-{}", f.severity.id()) data-rule=f.rule.id>
            <p class="finding-head">
                <span aria-hidden="true">{severity_symbol(f.severity)} " "</span>
                <strong>{severity_word(f.severity)}</strong>
            </p>
            <p class="finding-msg"><span class="finding-text">{f.message.clone()}</span> " " {rule_tag(&f.rule)}</p>
            {values}
            <p class="next-step"><strong>"Next step: "</strong>{f.next_step.to_string()}</p>
            <p class="provenance">{format!("Source: {}", f.source())}</p>
            <button
                type="button"
                class="link-button go-to-field"
                on:click=move |_| {
                    let (step, id) = target.with_value(|f| ws.eval.with_untracked(|e| model::finding_target(e, f)));
                    ws.go_to(step, id);
                }
            >
                {go_label}
            </button>
            {confirm}
        </li>
    }
}

/// What a finding lets the buyer confirm by hand, with a note.
#[derive(Clone)]
enum HandConfirm {
    /// A product not named in a scope: the scope covers it all the same.
    Scope { product: String },
    /// A certificate issued to another entity: the vendor's subsidiary or
    /// affiliate.
    Holder { holder: String, org: String },
}

impl HandConfirm {
    fn of(f: &Finding) -> Option<HandConfirm> {
        let value = |name: &str| {
            f.values
                .iter()
                .find(|v| v.name == name)
                .map(|v| v.value.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        if *f.rule == scope::PRODUCT_NOT_NAMED {
            Some(HandConfirm::Scope {
                product: value("product")?,
            })
        } else if *f.rule == evidence::HOLDER_MISMATCH {
            // A blank holder has nothing to confirm: it is typed in.
            Some(HandConfirm::Holder {
                holder: value("holder")?,
                org: value("expected")?,
            })
        } else {
            None
        }
    }

    fn slug(&self) -> String {
        match self {
            HandConfirm::Scope { product } => slug(product),
            HandConfirm::Holder { .. } => "holder".into(),
        }
    }

    fn label(&self) -> String {
        match self {
            HandConfirm::Scope { product } => {
                format!("How you confirmed that the scope covers “{product}”")
            }
            HandConfirm::Holder { holder, org } => {
                format!("How you confirmed that “{holder}” is a subsidiary or affiliate of {org}")
            }
        }
    }

    fn button(&self) -> String {
        match self {
            HandConfirm::Scope { product } => {
                format!("Confirm by hand that the scope covers “{product}”")
            }
            HandConfirm::Holder { holder, org } => {
                format!("Confirm by hand that “{holder}” belongs to {org}")
            }
        }
    }

    fn no_note(&self) -> &'static str {
        match self {
            HandConfirm::Scope { .. } => {
                "say how you confirmed the match (who, when, which document)"
            }
            HandConfirm::Holder { .. } => {
                "say how you confirmed that it belongs to the vendor (who, when, which document)"
            }
        }
    }

    fn done(&self, record: &str) -> String {
        match self {
            HandConfirm::Scope { product } => {
                format!("Confirmed by hand that record {record} covers {product}.")
            }
            HandConfirm::Holder { holder, org } => {
                format!("Confirmed by hand that “{holder}”, the holder of record {record}, belongs to {org}.")
            }
        }
    }
}

/// For a product not named in a scope, or a certificate issued to another
/// entity of the vendor's group: confirm it by hand, with a note.
fn hand_confirm(ws: Ws, f: &Finding) -> Option<impl IntoView> {
    let what = HandConfirm::of(f)?;
    let record = f.subject.record.as_deref()?.to_string();
    let layer = f.subject.layer?;
    let cid = f.subject.candidate.to_string();
    let id = format!("confirm-{}-{}-{}", slug(&cid), slug(&record), what.slug());
    let msg_id = format!("{id}-msg");
    let initial = ws
        .drafts
        .with_value(|d| d.get(&id).cloned())
        .unwrap_or_default();
    let note = RwSignal::new(initial);
    let error = RwSignal::new(None::<String>);
    let (label, button) = (what.label(), what.button());
    let key = StoredValue::new((cid, record, what, id.clone()));
    let confirm = move |_| {
        let (cid, record, what, id) = key.get_value();
        let text = note.get_untracked();
        if text.trim().is_empty() {
            error.set(Some(what.no_note().into()));
            return;
        }
        ws.drafts.update_value(|d| {
            d.remove(&id);
        });
        let note = text.trim().to_string();
        ws.update(|e| {
            if let Some(c) = model::cand_mut(e, &cid) {
                match &what {
                    HandConfirm::Scope { product } => {
                        c.scope_confirmations.push(ScopeConfirmation {
                            product: product.clone(),
                            layer,
                            record_id: record.clone(),
                            note,
                        })
                    }
                    HandConfirm::Holder { holder, .. } => {
                        c.holder_confirmations.push(HolderConfirmation {
                            layer,
                            record_id: record.clone(),
                            holder: holder.clone(),
                            note,
                        })
                    }
                }
            }
        });
        ws.status.set(what.done(&record));
    };
    Some(view! {
        <div class="scope-confirm">
            <label for=id.clone()>{label}</label>
            <textarea
                id=id.clone()
                rows="2"
                aria-describedby=msg_id.clone()
                aria-invalid=move || error.with(|e| e.is_some()).to_string()
                prop:value=note.get_untracked()
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    let id = key.with_value(|k| k.3.clone());
                    ws.drafts.update_value(|d| {
                        d.insert(id, v.clone());
                    });
                    note.set(v);
                    error.set(None);
                }
            ></textarea>
            <button type="button" class="secondary" on:click=confirm>
                {button}
            </button>
            <span class="field-msg" id=msg_id aria-live="polite">{move || error.get()}</span>
        </div>
    })
}
