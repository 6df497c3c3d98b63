//! The public standards matrix: a real table, filters, and the claims behind
//! the selected cell.

use super::controls::{check_list, Toggle};
use crate::domain::Standard;
use crate::matrix::{CellStatus, Claim, Dataset, Fact, Vendor};
use crate::share::MatrixLink;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The selected or focused cell: indices into the dataset's vendors and
/// `Standard::ALL`.
type CellPos = (usize, usize);

/// The DOM id of a cell's button.
fn cell_dom_id(vendor: &str, standard: Standard) -> String {
    format!("cell-{vendor}-{}", standard.id())
}

/// Moves keyboard focus to a cell's button, if it is on the page.
fn focus_cell(vendor: &str, standard: Standard) {
    let el = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&cell_dom_id(vendor, standard)))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = el {
        let _ = el.focus();
    }
}

/// Where an arrow key moves within the visible rows and columns.
pub fn step(
    visible_rows: &[usize],
    visible_cols: &[usize],
    from: CellPos,
    key: &str,
) -> Option<CellPos> {
    let r = visible_rows.iter().position(|&v| v == from.0)?;
    let c = visible_cols.iter().position(|&s| s == from.1)?;
    let (nr, nc) = match key {
        "ArrowRight" => (r, (c + 1).min(visible_cols.len() - 1)),
        "ArrowLeft" => (r, c.saturating_sub(1)),
        "ArrowDown" => ((r + 1).min(visible_rows.len() - 1), c),
        "ArrowUp" => (r.saturating_sub(1), c),
        "Home" => (r, 0),
        "End" => (r, visible_cols.len() - 1),
        _ => return None,
    };
    Some((visible_rows[nr], visible_cols[nc]))
}

#[component]
pub fn MatrixView(
    dataset: &'static Dataset,
    /// Filters and selection from a matrix link (`#view=matrix…`).
    #[prop(optional)]
    initial: Option<MatrixLink>,
) -> impl IntoView {
    let n_vendors = dataset.vendors.len();
    let initial = initial.unwrap_or_default();
    let vendor_on = RwSignal::new(match &initial.vendors {
        Some(ids) => dataset
            .vendors
            .iter()
            .map(|v| ids.contains(&v.id))
            .collect(),
        None => vec![true; n_vendors],
    });
    let standard_on = RwSignal::new(match &initial.standards {
        Some(list) => Standard::ALL.iter().map(|s| list.contains(s)).collect(),
        None => vec![true; Standard::ALL.len()],
    });
    let disputed_only = RwSignal::new(initial.disputed_only);
    // The filters start closed, so the table fits on the first screen;
    // open when a link brought filters, so the reader sees them.
    let filtered =
        initial.vendors.is_some() || initial.standards.is_some() || initial.disputed_only;
    let initial_cell = initial.cell.as_ref().and_then(|(v, s)| {
        let r = dataset.vendors.iter().position(|x| &x.id == v)?;
        let c = Standard::ALL.iter().position(|x| x == s)?;
        Some((r, c))
    });
    let selected: RwSignal<Option<CellPos>> = RwSignal::new(initial_cell);
    let link_text: RwSignal<Option<String>> = RwSignal::new(None);
    let make_link = move || {
        let all_vendors = vendor_on.with_untracked(|v| v.iter().all(|&x| x));
        let all_standards = standard_on.with_untracked(|v| v.iter().all(|&x| x));
        let link = MatrixLink {
            vendors: (!all_vendors).then(|| {
                vendor_on.with_untracked(|on| {
                    dataset
                        .vendors
                        .iter()
                        .zip(on)
                        .filter(|(_, &on)| on)
                        .map(|(v, _)| v.id.clone())
                        .collect()
                })
            }),
            standards: (!all_standards).then(|| {
                standard_on.with_untracked(|on| {
                    Standard::ALL
                        .iter()
                        .zip(on)
                        .filter(|(_, &on)| on)
                        .map(|(s, _)| *s)
                        .collect()
                })
            }),
            disputed_only: disputed_only.get_untracked(),
            cell: selected
                .get_untracked()
                .map(|(r, c)| (dataset.vendors[r].id.clone(), Standard::ALL[c])),
        };
        let url = format!(
            "{}#{}",
            super::library::share::page_url(),
            link.to_fragment()
        );
        super::library::share::replace_address(&url);
        link_text.set(Some(url));
    };
    // The cell that takes Tab focus (roving tab index).
    let active: RwSignal<CellPos> = RwSignal::new((0, 0));

    let visible_cols = Memo::new(move |_| {
        let on = standard_on.get();
        (0..Standard::ALL.len())
            .filter(|&i| on.get(i).copied().unwrap_or(false))
            .collect::<Vec<_>>()
    });
    let visible_rows = Memo::new(move |_| {
        let on = vendor_on.get();
        let cols = visible_cols.get();
        let shown = |i: usize| on.get(i).copied().unwrap_or(false);
        let disputed = disputed_only.get();
        (0..n_vendors)
            .filter(|&i| shown(i))
            .filter(|&i| {
                !disputed
                    || cols.iter().any(|&s| {
                        dataset
                            .cell(&dataset.vendors[i].id, Standard::ALL[s])
                            .is_some_and(|c| c.status == CellStatus::Disputed)
                    })
            })
            .collect::<Vec<_>>()
    });
    // Keep the roving focus and the selection on visible cells.
    Effect::new(move |_| {
        let rows = visible_rows.get();
        let cols = visible_cols.get();
        if let Some((r, c)) = selected.get_untracked() {
            if !rows.contains(&r) || !cols.contains(&c) {
                selected.set(None);
            }
        }
        let (r, c) = active.get_untracked();
        if !(rows.contains(&r) && cols.contains(&c)) {
            if let (Some(&r0), Some(&c0)) = (rows.first(), cols.first()) {
                active.set((r0, c0));
            }
        }
    });

    let on_key = move |ev: leptos::ev::KeyboardEvent, pos: CellPos| {
        let rows = visible_rows.get_untracked();
        let cols = visible_cols.get_untracked();
        if let Some(next) = step(&rows, &cols, pos, &ev.key()) {
            ev.prevent_default();
            active.set(next);
            focus_cell(&dataset.vendors[next.0].id, Standard::ALL[next.1]);
        }
    };

    let vendor_filters = check_list(
        dataset.vendors.iter().map(|v| v.name.clone()).collect(),
        vendor_on,
    );
    let standard_filters = check_list(
        Standard::ALL.iter().map(|s| s.name().to_string()).collect(),
        standard_on,
    );

    let header = move || {
        visible_cols
            .get()
            .into_iter()
            .map(|s| {
                let s = Standard::ALL[s];
                view! {
                    <th scope="col">
                        <abbr title=s.name()>{s.short()}</abbr>
                        <span class="subject">{s.subject()}</span>
                    </th>
                }
            })
            .collect_view()
    };

    let rows = move || {
        let cols = visible_cols.get();
        visible_rows
            .get()
            .into_iter()
            .map(|r| {
                let vendor = &dataset.vendors[r];
                let cells = cols
                    .iter()
                    .map(|&c| {
                        let standard = Standard::ALL[c];
                        let Some(cell) = dataset.cell(&vendor.id, standard) else {
                            return view! { <td>"–"</td> }.into_any();
                        };
                        let status = cell.status;
                        let n = cell.claims.len();
                        let pos = (r, c);
                        view! {
                            <td class=format!("status-{}", status.id())>
                                <button
                                    type="button"
                                    class="cell"
                                    id=cell_dom_id(&vendor.id, standard)
                                    aria-pressed=move || (selected.get() == Some(pos)).to_string()
                                    tabindex=move || if active.get() == pos { "0" } else { "-1" }
                                    on:click=move |_| {
                                        active.set(pos);
                                        selected.set(Some(pos));
                                    }
                                    on:focus=move |_| active.set(pos)
                                    on:keydown=move |ev| on_key(ev, pos)
                                >
                                    // The accessible name is the visible text, prefixed
                                    // by the row and column for screen readers.
                                    <span class="sr-only">{format!("{}, {}: ", vendor.name, standard.name())}</span>
                                    <span class="symbol" aria-hidden="true">{status.symbol()}</span>
                                    <span class="word">{status.label(standard)}</span>
                                    {(n > 1).then(|| view! {
                                        <span class="count">
                                            <span class="sr-only">", "</span>
                                            {format!("{n} claims")}
                                        </span>
                                    })}
                                </button>
                            </td>
                        }
                        .into_any()
                    })
                    .collect_view();
                // The selected cell's claims open under its own row.
                let detail = move || {
                    let (sr, c) = selected.get().filter(|(sr, _)| *sr == r)?;
                    let vendor = &dataset.vendors[sr];
                    let span = (visible_cols.get().len() + 1).to_string();
                    Some(view! {
                        <tr class="detail-row">
                            <td colspan=span>
                                <div class="detail" id="cell-detail">
                                    <CellDetail dataset=dataset vendor=vendor standard=Standard::ALL[c]/>
                                </div>
                            </td>
                        </tr>
                    })
                };
                view! {
                    <tr>
                        <th scope="row">{vendor.name.clone()}</th>
                        {cells}
                    </tr>
                    {detail}
                }
            })
            .collect_view()
    };

    // Said to screen readers when a cell is selected: where its claims are.
    let announcement = move || {
        selected.get().map(|(r, c)| {
            format!(
                "Showing the claims for {}, {}, under its row.",
                dataset.vendors[r].name,
                Standard::ALL[c].name()
            )
        })
    };

    view! {
        <section class="matrix-view" aria-labelledby="matrix-heading">
            <h2 id="matrix-heading">"Standards matrix"</h2>
            <p class="hint">
                "Select a cell (click it, or move with the arrow keys and press Enter) to see every claim behind it, with its source and date."
            </p>
            <details class="filters" open=filtered>
                <summary>"Filter vendors and standards"</summary>
                <fieldset>
                    <legend>"Vendors"</legend>
                    {vendor_filters}
                </fieldset>
                <fieldset>
                    <legend>"Standards"</legend>
                    {standard_filters}
                </fieldset>
                <fieldset>
                    <legend>"Cells"</legend>
                    <Toggle label="Only vendors with a disputed cell" on=disputed_only/>
                </fieldset>
                <button
                    type="button"
                    class="secondary"
                    on:click=move |_| {
                        vendor_on.set(vec![true; n_vendors]);
                        standard_on.set(vec![true; Standard::ALL.len()]);
                        disputed_only.set(false);
                    }
                >
                    "Show everything"
                </button>
                <button type="button" class="secondary" data-testid="matrix-link-button" on:click=move |_| make_link()>
                    "Link to this view"
                </button>
                {move || link_text.get().map(|url| view! {
                    <p class="matrix-link">
                        <label for="matrix-link">"Link to this view (filters and selected cell only; none of your own data)"</label>
                        <input id="matrix-link" type="text" readonly value=url data-testid="matrix-link"/>
                    </p>
                })}
            </details>
            <Legend/>
            <div class="table-scroll" role="region" aria-labelledby="matrix-caption" tabindex="0">
                <table class="matrix">
                    <caption id="matrix-caption">
                        "Public ISO/IEC and SOC 2 claims by AI vendor (as of "
                        {crate::domain::AsOf::Day(dataset.as_of).human()}
                        "). Claims, not verified certificates."
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col">"Vendor"</th>
                            {header}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="empty" hidden=move || !visible_rows.get().is_empty() && !visible_cols.get().is_empty()>
                "No cell matches these filters. Choose “Show everything” to see the whole matrix."
            </p>
            <p class="sr-only" role="status" aria-live="polite">{announcement}</p>
        </section>
    }
}

#[component]
fn Legend() -> impl IntoView {
    use crate::matrix::Status;
    let items = Status::ALL
        .iter()
        .map(|s| {
            view! {
                <li class=format!("status-{}", s.id())>
                    <span class="symbol" aria-hidden="true">{s.symbol()}</span>
                    {s.label(Standard::Iso27001)}
                </li>
            }
        })
        .collect_view();
    view! {
        <ul class="legend" aria-label="What the cells say">
            {items}
            <li class="status-disputed">
                <span class="symbol" aria-hidden="true">{CellStatus::Disputed.symbol()}</span>
                "Disputed: sources disagree"
            </li>
        </ul>
    }
}

/// Every claim behind one cell, and the vendor's sourced facts.
#[component]
pub fn CellDetail(
    dataset: &'static Dataset,
    vendor: &'static Vendor,
    standard: Standard,
) -> impl IntoView {
    let Some(cell) = dataset.cell(&vendor.id, standard) else {
        return view! { <p>"No such cell."</p> }.into_any();
    };
    let status = cell.status;
    let dispute = (status == CellStatus::Disputed).then(|| {
        let words: Vec<&str> = cell.statuses().into_iter().map(|s| s.label(standard)).collect();
        view! {
            <p class="dispute" role="note">
                <span aria-hidden="true">"⚠ "</span>
                <strong>"Disputed. "</strong>
                {format!(
                    "The sources disagree ({}). Every claim is shown below with its date; none is picked for you. Only the current certificate settles it.",
                    words.join(" vs. ")
                )}
            </p>
        }
    });
    let claims = cell
        .claims
        .iter()
        .map(|c| view! { <ClaimView dataset=dataset claim=c standard=standard/> })
        .collect_view();
    let facts = [
        ("Where the evidence is", &vendor.evidence_at),
        ("Certification bodies", &vendor.certification_bodies),
        ("Most recent certificate", &vendor.latest_certificate),
        ("Renewal cadence", &vendor.renewal),
        ("Best fit", &vendor.best_fit),
    ]
    .into_iter()
    .map(|(label, fact)| view! { <FactRow dataset=dataset label=label fact=fact/> })
    .collect_view();
    view! {
        <article class="cell-detail" data-testid="cell-detail">
            <h3>
                {format!("{} · {}: ", vendor.name, standard.name())}
                <span class=format!("badge status-{}", status.id())>
                    <span aria-hidden="true">{status.symbol()} " "</span>
                    {status.label(standard)}
                </span>
            </h3>
            <p class="subject">{format!("{} certifies: {}.", standard.name(), standard.subject())}</p>
            {dispute}
            <h4>{format!("Claims ({})", cell.claims.len())}</h4>
            <ol class="claims">{claims}</ol>
            <h4>{format!("About {}", vendor.name)}</h4>
            <dl class="facts">
                <dt>"How customers get the report"</dt>
                <dd>{vendor.report_access.label()}</dd>
                {facts}
            </dl>
        </article>
    }
    .into_any()
}

#[component]
fn ClaimView(
    dataset: &'static Dataset,
    claim: &'static Claim,
    standard: Standard,
) -> impl IntoView {
    let source = dataset.source(&claim.source);
    let source_line = match source {
        Some(s) => {
            let title = s.title.clone();
            let head = match &s.url {
                Some(u) => view! {
                    <a href=u.clone() target="_blank" rel="noopener noreferrer">{title}</a>
                }
                .into_any(),
                None => view! { <cite>{title}</cite> }.into_any(),
            };
            view! {
                <span class="source">
                    {format!("Source {}: ", s.id)}
                    {head}
                    {format!(" — {}, {} ({})", s.publisher, s.date.human(), s.kind)}
                </span>
            }
            .into_any()
        }
        None => {
            view! { <span class="source">{format!("Source {}", claim.source)}</span> }.into_any()
        }
    };
    let cited = claim.cited_url.clone().map(|u| {
        view! {
            <dt>"Cites"</dt>
            <dd>
                <a href=u.clone() target="_blank" rel="noopener noreferrer">{u.clone()}</a>
            </dd>
        }
    });
    let opt = |label: &'static str, v: Option<String>| {
        v.map(|v| {
            view! {
                <dt>{label}</dt>
                <dd>{v}</dd>
            }
        })
    };
    view! {
        <li class=format!("claim status-{}", claim.status.id())>
            <p class="claim-head">
                <span class="badge">
                    <span aria-hidden="true">{claim.status.symbol()} " "</span>
                    {claim.status.label(standard)}
                </span>
                " "
                {source_line}
            </p>
            <dl>
                <dt>"As of"</dt>
                <dd>
                    <time datetime=claim.as_of.to_iso()>{claim.as_of.human()}</time>
                </dd>
                {opt("Scope words", claim.scope.clone())}
                {opt("Edition", claim.edition.clone())}
                {opt("Announced", claim.announced.map(|a| a.human()))}
                {opt("Certificate effective", claim.effective.map(|a| a.human()))}
                {opt("Certification body", claim.certification_body.clone())}
                {cited}
                {opt("Note", claim.note.clone())}
            </dl>
        </li>
    }
}

#[component]
fn FactRow(dataset: &'static Dataset, label: &'static str, fact: &'static Fact) -> impl IntoView {
    let src = dataset
        .source(&fact.source)
        .map(|s| format!("source {}", s.id))
        .unwrap_or_default();
    view! {
        <dt>{label}</dt>
        <dd>
            {fact.text.clone()}
            <span class="provenance">{format!(" ({src}, {})", fact.as_of.human())}</span>
        </dd>
    }
}

#[cfg(test)]
mod tests {
    use super::step;

    #[test]
    fn arrow_keys_move_within_visible_cells_and_stop_at_edges() {
        let rows = [0, 2, 5];
        let cols = [1, 3];
        assert_eq!(step(&rows, &cols, (0, 1), "ArrowRight"), Some((0, 3)));
        assert_eq!(step(&rows, &cols, (0, 3), "ArrowRight"), Some((0, 3)));
        assert_eq!(step(&rows, &cols, (0, 1), "ArrowLeft"), Some((0, 1)));
        assert_eq!(step(&rows, &cols, (0, 1), "ArrowDown"), Some((2, 1)));
        assert_eq!(step(&rows, &cols, (5, 1), "ArrowDown"), Some((5, 1)));
        assert_eq!(step(&rows, &cols, (2, 3), "ArrowUp"), Some((0, 3)));
        assert_eq!(step(&rows, &cols, (2, 3), "Home"), Some((2, 1)));
        assert_eq!(step(&rows, &cols, (2, 1), "End"), Some((2, 3)));
        assert_eq!(step(&rows, &cols, (2, 1), "a"), None);
        // A hidden cell has no neighbours.
        assert_eq!(step(&rows, &cols, (1, 1), "ArrowDown"), None);
    }
}
