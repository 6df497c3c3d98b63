//! One page per vendor (source A, step 2: "one-page summary per vendor"):
//! shown on screen on request, always printed one per sheet by
//! `style/print.css` when the user prints them.

use crate::documents::summary::{answer_label, page_findings, PAGE_FINDINGS};
use crate::documents::{self as docs, shorten, CalendarEvent, VendorSummary};
use crate::domain::format_date;
use crate::policy::{Evaluation, Report, Severity};
use crate::ui::workspace::{rule_tag, verdict_symbol};
use leptos::prelude::*;

#[component]
pub fn VendorPages(
    state: RwSignal<Evaluation>,
    report: Signal<Report>,
    events: Memo<Vec<CalendarEvent>>,
    show: RwSignal<bool>,
) -> impl IntoView {
    let pages = move || {
        let (summaries, head) = state.with(|e| {
            report.with(|r| {
                events.with(|ev| {
                    (
                        docs::vendor_summaries(e, r, ev),
                        format!(
                            "{} · evaluated {} · {} · policy: {}",
                            if e.workload.name.trim().is_empty() {
                                "Evaluation"
                            } else {
                                e.workload.name.trim()
                            },
                            format_date(r.evaluation_date),
                            r.risk_tier.label(),
                            r.policy
                        ),
                    )
                })
            })
        });
        if summaries.is_empty() {
            return view! { <p class="empty">"No candidates yet: add them in step 2."</p> }
                .into_any();
        }
        summaries
            .into_iter()
            .map(|s| page(s, head.clone()))
            .collect_view()
            .into_any()
    };
    view! {
        <div
            id="vendor-pages"
            class="print-pages"
            class:preview=move || show.get()
            data-testid="vendor-pages"
        >
            {pages}
        </div>
    }
}

fn page(s: VendorSummary, head: String) -> impl IntoView {
    let hid = format!("vendor-page-{}", s.candidate);
    let hid_ref = hid.clone();
    // Every failure and warning; information findings while there is room,
    // the rest counted by rule (a long list may take a second sheet).
    let shown = page_findings(&s.findings, PAGE_FINDINGS);
    let severe = s
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .count();
    let finding_items = shown
        .listed
        .iter()
        .map(|f| {
            let word = match f.severity {
                Severity::Fail => "fail",
                Severity::Warn => "warning",
                Severity::Info => "information",
            };
            view! {
                <li class=format!("vp-finding sev-{}", f.severity.id())>
                    <strong>{word}</strong>
                    ": "
                    {f.message.clone()}
                    " "
                    {rule_tag(&f.rule)}
                    <br/>
                    <span class="vp-next">"Next: " {f.next_step.to_string()}</span>
                </li>
            }
        })
        .collect_view();
    let left_out = (!shown.left_out.is_empty()).then(|| {
        let n = shown.left_out_count();
        let tags = shown
            .left_out
            .iter()
            .map(|(rule, k)| view! { <li>{rule_tag(rule)} {format!(" × {k}")}</li> })
            .collect_view();
        view! {
            <p class="vp-small vp-left-out" data-testid="vp-left-out">
                {format!(
                    "Left out for space: {n} information finding{}, none of them a failure or a warning (every failure and warning is listed above; the full report has the rest). By rule:",
                    if n == 1 { "" } else { "s" },
                )}
            </p>
            <ul class="vp-left-out-rules">{tags}</ul>
        }
    });
    let layers = s
        .layers
        .iter()
        .map(|(layer, recs)| {
            let rows = recs
                .iter()
                .map(|r| {
                    let bodies = match (r.certification_body.trim(), r.accreditation_body.trim()) {
                        ("", "") => "—".to_string(),
                        (c, "") => c.to_string(),
                        ("", a) => format!("— / {a}"),
                        (c, a) => format!("{c} / {a}"),
                    };
                    let dates = if r.period.is_empty() {
                        format!(
                            "issued {} · expires {} · surveillance {}",
                            or_dash(&r.issue_date),
                            or_dash(&r.expiry_date),
                            or_dash(&r.last_surveillance_audit)
                        )
                    } else {
                        format!("period {} · report {}", r.period, or_dash(&r.issue_date))
                    };
                    view! {
                        <tr>
                            <th scope="row">
                                {r.standard.clone()}
                                <br/>
                                <span class="vp-holder">{if r.holder.trim().is_empty() { "holder not given".to_string() } else { r.holder.clone() }}</span>
                                <br/>
                                <span class="vp-small">{or_dash(&r.certificate_number).to_string()}</span>
                            </th>
                            <td>{bodies}</td>
                            <td>{dates}</td>
                            <td>{shorten(&r.scope, 140)}</td>
                            <td>
                                {if r.public_claim { "public claim, not verified".to_string() } else { r.source.to_string() }}
                                <br/>
                                <span class="vp-small">"verified " {or_dash(&r.last_verified).to_string()}</span>
                            </td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <tbody>
                    <tr class="vp-layer">
                        <th colspan="5" scope="rowgroup">{layer.label()}</th>
                    </tr>
                    {rows}
                </tbody>
            }
        })
        .collect_view();
    let contract = s
        .contract
        .iter()
        .map(|(item, answer, note)| {
            view! {
                <li>
                    <span class=format!("vp-answer answer-{}", answer_label(*answer).replace(' ', "-"))>{answer_label(*answer)}</span>
                    " — "
                    {item.question()}
                    {(!note.trim().is_empty()).then(|| view! { <span class="vp-small">" (" {shorten(note, 90)} ")"</span> })}
                </li>
            }
        })
        .collect_view();
    let dates = s
        .dates
        .iter()
        .take(8)
        .map(|e| {
            view! {
                <li>
                    <time datetime=format_date(e.date)>{format_date(e.date)}</time>
                    " "
                    {e.kind.label()}
                    {e.standard.clone().map(|st| format!(" ({st})"))}
                    {e.overdue.then_some(" — overdue")}
                </li>
            }
        })
        .collect_view();
    let products = if s.products.is_empty() {
        "no products listed".to_string()
    } else {
        s.products.join(", ")
    };
    view! {
        <article class="vendor-page" aria-labelledby=hid_ref data-candidate=s.candidate.clone()>
            <p class="vp-head">"Scopewise · " {head}</p>
            <h4 id=hid>{s.name.clone()}</h4>
            <p class=format!("vp-verdict verdict-{}", s.verdict.id())>
                <span aria-hidden="true">{verdict_symbol(s.verdict)} " "</span>
                {s.verdict.label()}
                {format!(
                    " — {} fail, {} warning, {} information",
                    s.counts.fail, s.counts.warn, s.counts.info
                )}
            </p>
            <p class="vp-small">{s.reached.clone()} " · products: " {products}</p>
            <h5>"Evidence"</h5>
            {if s.layers.is_empty() {
                view! { <p class="vp-small">"No evidence records."</p> }.into_any()
            } else {
                view! {
                    <table class="vp-evidence">
                        <thead>
                            <tr>
                                <th scope="col">"Standard / holder / number"</th>
                                <th scope="col">"Certification / accreditation body"</th>
                                <th scope="col">"Dates"</th>
                                <th scope="col">"Scope"</th>
                                <th scope="col">"Source"</th>
                            </tr>
                        </thead>
                        {layers}
                    </table>
                }
                    .into_any()
            }}
            <h5>"Findings and next steps"</h5>
            {(severe == 0).then(|| view! { <p class="vp-small">"No failures or warnings."</p> })}
            {(!shown.listed.is_empty()).then(|| view! { <ul class="vp-findings">{finding_items}</ul> })}
            {left_out}
            <div class="vp-cols">
                <div>
                    <h5>"Contract checklist"</h5>
                    <ul class="vp-contract">{contract}</ul>
                </div>
                <div>
                    <h5>"Next dates"</h5>
                    {if s.dates.is_empty() {
                        view! { <p class="vp-small">"No dates recorded."</p> }.into_any()
                    } else {
                        view! { <ul class="vp-dates">{dates}</ul> }.into_any()
                    }}
                </div>
            </div>
        </article>
    }
}

fn or_dash(s: &str) -> &str {
    if s.trim().is_empty() {
        "—"
    } else {
        s
    }
}
