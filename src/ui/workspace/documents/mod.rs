//! Hand-off documents, under the report: one printed page per vendor, the
//! exports (decision matrix as CSV and Markdown, the report JSON, the
//! re-verification calendar as .ics), the contract text scanner and the
//! re-verification timeline. Everything is computed by
//! [`crate::documents`]; files are saved through [`crate::ui::download`].

mod pages;
mod scanner;

use super::{model::Step, rule_tag, Ws};
use crate::documents::{self as docs, CalendarEvent};
use crate::domain::format_date;
use crate::error::UserError;
use crate::policy::{self, Evaluation, Report};
use crate::ui::download::download;
use crate::ui::on_window;
use leptos::prelude::*;
use time::Date;

/// The height, in CSS pixels, of the printable area of the smaller of A4 and
/// US Letter with `style/print.css`'s 12 mm margins (Letter: 279.4 mm − 24 mm).
const SHEET_HEIGHT_PX: f64 = 255.4 / 25.4 * 96.0;

/// The smallest zoom a vendor page is shrunk to, to fit one sheet. A page
/// that would need less (many failures and warnings: none is ever left out)
/// prints at full size over more sheets instead (`vp-long`).
const MIN_ZOOM: f64 = 0.7;

/// The class of a vendor page that may take more than one sheet.
const LONG_PAGE: &str = "vp-long";

/// Shrinks each vendor page that would run past one sheet, so it prints on
/// one. The pages are laid out off-screen at the printed width (the `measure`
/// class of `style/print.css`), measured, and given the largest CSS `zoom`
/// below 1 that fits them where they are too tall, down to [`MIN_ZOOM`];
/// a page that does not fit even then is marked [`LONG_PAGE`], to be
/// printed unshrunk over as many sheets as it needs.
fn fit_to_one_sheet() {
    use wasm_bindgen::JsCast;
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(Some(container)) = doc.query_selector(".print-pages") else {
        return;
    };
    let _ = container.class_list().add_1("measure");
    if let Ok(pages) = container.query_selector_all(".vendor-page") {
        for i in 0..pages.length() {
            let Some(page) = pages
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
            else {
                continue;
            };
            let _ = page.class_list().remove_1(LONG_PAGE);
            let style = page.style();
            let _ = style.remove_property("zoom");
            let fits = |zoom: f64| {
                let _ = style.set_property("zoom", &format!("{zoom:.3}"));
                page.get_bounding_client_rect().height() <= SHEET_HEIGHT_PX * 0.98
            };
            if fits(1.0) {
                let _ = style.remove_property("zoom");
                continue;
            }
            if !fits(MIN_ZOOM) {
                let _ = style.remove_property("zoom");
                let _ = page.class_list().add_1(LONG_PAGE);
                continue;
            }
            // Zoom also widens the box the text wraps in, so the height is
            // not proportional to it: bisect for the largest zoom that fits.
            let (mut lo, mut hi) = (MIN_ZOOM, 1.0_f64);
            for _ in 0..8 {
                let mid = (lo + hi) / 2.0;
                if fits(mid) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let _ = style.set_property("zoom", &format!("{lo:.3}"));
        }
    }
    let _ = container.class_list().remove_1("measure");
}

/// The attribute on `<html>` that switches the print stylesheet to the
/// vendor pages (`style/print.css`).
const PRINT_ATTR: &str = "data-print";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Export {
    Csv,
    Markdown,
    Json,
    Ics,
}

fn file_for(
    export: Export,
    e: &Evaluation,
    r: &Report,
    today: Date,
) -> (String, &'static str, String) {
    let date = r.evaluation_date;
    match export {
        Export::Csv => (
            docs::file_name("decision-matrix", date, "csv"),
            "text/csv;charset=utf-8",
            docs::decision_matrix(r).to_csv(),
        ),
        Export::Markdown => (
            docs::file_name("decision-matrix", date, "md"),
            "text/markdown;charset=utf-8",
            docs::decision_matrix(r).to_markdown(r, &e.workload.name),
        ),
        Export::Json => (
            docs::file_name("report", date, "json"),
            "application/json",
            docs::report_json(r),
        ),
        Export::Ics => {
            let name = if e.workload.name.trim().is_empty() {
                "Scopewise re-verification".to_string()
            } else {
                format!("Scopewise: {}", e.workload.name.trim())
            };
            (
                docs::file_name("calendar", date, "ics"),
                "text/calendar;charset=utf-8",
                docs::to_ics(&docs::events(e, date), &name, today),
            )
        }
    }
}

fn set_print_mode(on: bool) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = if on {
            root.set_attribute(PRINT_ATTR, "vendors")
        } else {
            root.remove_attribute(PRINT_ATTR)
        };
    }
}

/// The hand-off documents of the evaluation in `state`, judged as the
/// workspace judges it (its evaluation date, else `today`).
#[component]
pub fn Documents(
    state: RwSignal<Evaluation>,
    today: Date,
    /// A shared evaluation: print and export, but no contract scanner (its
    /// answers would change an evaluation that is not the reader's).
    #[prop(optional)]
    read_only: bool,
) -> impl IntoView {
    let ws = use_context::<Ws>();
    // Inside the workspace, shown with the report (step 5) only.
    let visible = Signal::derive(move || ws.is_none_or(|ws| ws.step.get() == Step::Report));
    let report: Signal<Report> = match ws {
        Some(ws) if ws.eval == state => ws.report.into(),
        _ => Memo::new(move |_| {
            state.with(|e| policy::evaluate(e, policy::resolve_evaluation_date(e, None, today)))
        })
        .into(),
    };
    let status = RwSignal::new(String::new());
    let show_pages = RwSignal::new(false);

    // The browser's own Print (Ctrl+P) on the report prints the vendor
    // pages too, never the app around them; afterwards the page prints as
    // usual again.
    on_window("beforeprint", move |_| {
        if visible.get_untracked() {
            set_print_mode(true);
            fit_to_one_sheet();
        }
    });
    on_window("afterprint", move |_| set_print_mode(false));
    on_cleanup(move || set_print_mode(false));

    let save = move |export: Export| {
        let (name, mime, body) =
            state.with_untracked(|e| report.with_untracked(|r| file_for(export, e, r, today)));
        match download(&name, mime, body.as_bytes()) {
            Ok(()) => status.set(format!(
                "Saved {name}: it was made in this tab, nothing was sent."
            )),
            Err(e) => status.set(e.sentence()),
        }
    };
    let print = move |_| {
        set_print_mode(true);
        fit_to_one_sheet();
        status.set("Printing one page per vendor.".to_string());
        if let Some(w) = web_sys::window() {
            if w.print().is_err() {
                status.set(
                    "Your browser refused to print: use its Print menu while this page is open."
                        .to_string(),
                );
            }
        }
    };

    let events = Memo::new(move |_| {
        if !visible.get() {
            return Vec::new();
        }
        state.with(|e| report.with(|r| docs::events(e, r.evaluation_date)))
    });

    let export_button = move |export: Export, label: &'static str, id: &'static str| {
        view! {
            <button type="button" class="secondary" id=id on:click=move |_| save(export)>
                {label}
            </button>
        }
    };

    view! {
        <section class="documents" aria-labelledby="documents-heading" hidden=move || !visible.get()>
            <h3 id="documents-heading" tabindex="-1">"Hand-off documents"</h3>
            <p class="hint">
                "Take the result away: one printed page per vendor, the decision matrix, the report, and a calendar of the dates to re-check. Files are made in this tab; nothing is uploaded."
            </p>
            <p class="sr-only" role="status" aria-live="polite" data-testid="documents-status">
                {move || status.get()}
            </p>
            <div class="doc-actions" role="group" aria-label="Print and export">
                <button type="button" class="primary" id="print-vendors" on:click=print>
                    "Print one page per vendor"
                </button>
                <button
                    type="button"
                    class="secondary"
                    id="preview-vendors"
                    aria-expanded=move || if show_pages.get() { "true" } else { "false" }
                    aria-controls="vendor-pages"
                    on:click=move |_| show_pages.update(|s| *s = !*s)
                >
                    {move || if show_pages.get() { "Hide the vendor pages" } else { "Show the vendor pages" }}
                </button>
                {export_button(Export::Csv, "Decision matrix (CSV)", "export-csv")}
                {export_button(Export::Markdown, "Decision matrix (Markdown)", "export-md")}
                {export_button(Export::Json, "Report (JSON)", "export-json")}
                {export_button(Export::Ics, "Calendar (.ics)", "export-ics")}
            </div>
            <p class="doc-status" aria-hidden="true">{move || status.get()}</p>
            {move || {
                visible
                    .get()
                    .then(|| {
                        view! {
                            <pages::VendorPages state=state report=report events=events show=show_pages/>
                        }
                    })
            }}
            {(!read_only).then(|| view! { <scanner::ContractScanner state=state/> })}
            <section class="timeline-section" aria-labelledby="timeline-heading">
                <h4 id="timeline-heading">"Re-verification timeline"</h4>
                <p class="hint">
                    "Source A, step 5: re-verify quarterly. Each date says which rule it comes from. The calendar file gives every date a reminder 14 days and 1 day before; exporting again after a renewal updates the same events."
                </p>
                <Timeline events=events/>
            </section>
        </section>
    }
}

#[component]
fn Timeline(events: Memo<Vec<CalendarEvent>>) -> impl IntoView {
    move || {
        events.with(|ev| {
            if ev.is_empty() {
                return view! { <p class="empty">"No dates yet: add evidence records with their dates in step 3."</p> }
                    .into_any();
            }
            let items = ev
                .iter()
                .map(|e| {
                    let date = format_date(e.date);
                    let datetime = date.clone();
                    view! {
                        <li class=format!("event event-{}{}", e.kind.id(), if e.overdue { " overdue" } else { "" }) data-kind=e.kind.id()>
                            <time datetime=datetime>{date}</time>
                            " "
                            <strong>{e.title()}</strong>
                            {e.overdue.then(|| view! { <span class="badge overdue-badge">" overdue"</span> })}
                            <p class="event-why">
                                {e.why.clone()}
                                " "
                                {rule_tag(&e.kind.rule())}
                            </p>
                        </li>
                    }
                })
                .collect_view();
            view! { <ol class="timeline" data-testid="timeline">{items}</ol> }.into_any()
        })
    }
}
