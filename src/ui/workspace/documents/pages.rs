//! One page per vendor (source A, step 2: "one-page summary per vendor"):
//! shown on screen on request, always printed one per sheet by
//! `style/print.css` when the user prints them.

use crate::documents::summary::answer_label;
use crate::documents::{self as docs, shorten, CalendarEvent, VendorSummary};
use crate::domain::format_date;
use crate::policy::{Evaluation, Report, Severity};
use crate::ui::workspace::verdict_symbol;
use leptos::prelude::*;

/// At most this many failures and warnings on a vendor's page.
const MAX_FINDINGS: usize = 10;

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
    let findings: Vec<_> = s
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .collect();
    let info = s.findings.len() - findings.len();
    // One sheet per vendor: the worst findings first, the rest counted.
    let more = findings.len().saturating_sub(MAX_FINDINGS);
    let finding_items = findings
        .iter()
        .take(MAX_FINDINGS)
        .map(|f| {
            view! {
                <li class=format!("vp-finding sev-{}", f.severity.id())>
                    <strong>{f.severity.id()}</strong>
                    " "
                    <code>{f.rule.id}</code>
                    ": "
                    {f.message.clone()}
                    <br/>
                    <span class="vp-next">"Next: " {f.next_step.to_string()}</span>
                </li>
            }
        })
        .collect_view();
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
                                <th scope="col">"Standard / number"</th>
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
            {if findings.is_empty() {
                view! { <p class="vp-small">"No failures or warnings."</p> }.into_any()
            } else {
                view! { <ul class="vp-findings">{finding_items}</ul> }.into_any()
            }}
            {(info + more > 0).then(|| view! { <p class="vp-small">{format!("And {} more finding(s) in the full report ({more} failure or warning, {info} information).", more + info)}</p> })}
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
