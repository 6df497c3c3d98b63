//! Hosted paths: which certificate covers which layer.

use super::controls::Toggle;
use crate::domain::{Layer, Standard};
use crate::matrix::{Dataset, LayerCover, Path};
use leptos::prelude::*;

/// The standards summarised per layer in the paths table.
const SUMMARY: [Standard; 2] = [Standard::Iso27001, Standard::Iso42001];

#[component]
pub fn PathsView(dataset: &'static Dataset) -> impl IntoView {
    let show_direct = RwSignal::new(true);
    let rows = move || {
        let direct = show_direct.get();
        dataset
            .paths
            .iter()
            .filter(move |p| direct || p.is_hosted())
            .map(|p| view! { <PathRow dataset=dataset path=p/> })
            .collect_view()
    };
    view! {
        <section class="paths-view" aria-labelledby="paths-heading">
            <h2 id="paths-heading">"Hosted paths: evidence comes in layers"</h2>
            <p class="warning" role="note" data-testid="layers-warning">
                <span aria-hidden="true">"⚠ "</span>
                <strong>"One layer never stands in for another. "</strong>
                "The platform's certificate covers the hosting service only; the model vendor's own certificate must name the product you use; "
                "and your own controls, and under ISO/IEC 42001 your own AI management system as AI operator, are yours to evidence. "
                "“We run on AWS, AWS is ISO 27001, so we are ISO 27001” is the mistake this view is here to prevent."
            </p>
            <Toggle label="Also show each vendor reached directly" on=show_direct/>
            <div class="table-scroll" role="region" aria-labelledby="paths-caption" tabindex="0">
                <table class="paths">
                    <caption id="paths-caption">
                        "Which organisation's certificate covers each layer of each path, with that organisation's public ISO/IEC 27001 and 42001 claims."
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col">"Path"</th>
                            <th scope="col">{Layer::Platform.label()}</th>
                            <th scope="col">{Layer::Model.label()}</th>
                            <th scope="col">{Layer::Customer.label()}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn PathRow(dataset: &'static Dataset, path: &'static Path) -> impl IntoView {
    let platform = match &path.platform {
        Some(cover) => view! { <CoverCell dataset=dataset cover=cover/> }.into_any(),
        None => view! {
            <td class="direct">
                "Reached directly: the vendor's own certificate must also cover its hosting ("
                {path.model.organisation.clone()}
                ")."
            </td>
        }
        .into_any(),
    };
    let note = path.note.clone().map(|n| view! { <p class="note">{n}</p> });
    view! {
        <tr data-path=path.id.clone()>
            <th scope="row">
                {path.name.clone()}
                <span class="provenance">
                    {format!(" (source {}, {})", path.source, path.as_of.human())}
                </span>
                {note}
            </th>
            {platform}
            <CoverCell dataset=dataset cover=&path.model/>
            <td>
                "Your own controls: access to the AI endpoints, prompt logging, output filtering; under ISO/IEC 42001, your own AIMS as AI operator."
            </td>
        </tr>
    }
}

#[component]
fn CoverCell(dataset: &'static Dataset, cover: &'static LayerCover) -> impl IntoView {
    let claims = match cover.vendor.as_deref() {
        Some(v) => SUMMARY
            .iter()
            .filter_map(|&s| dataset.cell(v, s).map(|c| (s, c.status)))
            .map(|(s, status)| {
                view! {
                    <li class=format!("status-{}", status.id())>
                        <span aria-hidden="true">{status.symbol()} " "</span>
                        {format!("{}: {}", s.short(), status.label(s))}
                    </li>
                }
            })
            .collect_view()
            .into_any(),
        None => view! { <li>"Not in this matrix: no public claims recorded"</li> }.into_any(),
    };
    view! {
        <td>
            <strong>{cover.organisation.clone()}</strong>
            <span class="must-name">
                " — its certificate's scope must name "
                <em>{cover.must_name.clone()}</em>
            </span>
            <ul class="mini-claims" aria-label=format!("Public claims of {}", cover.organisation)>
                {claims}
            </ul>
        </td>
    }
}
