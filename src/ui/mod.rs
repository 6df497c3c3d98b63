//! The Leptos components and the browser glue. Components hold no business
//! rules: they ask the core and show its answer.

mod bench;
mod browser;
mod controls;
pub mod documents;
pub mod download;
mod matrix_view;
mod paths_view;
mod workspace;

pub use browser::{install_panic_hook, show_fatal, today, FATAL_MESSAGE};
pub use matrix_view::MatrixView;
pub use paths_view::PathsView;
pub use workspace::Workspace;

use crate::domain::evaluation::Evaluation;
use crate::domain::RiskTier;
use crate::matrix::Dataset;
use leptos::prelude::*;

/// Mounts the app on the page's `<body>`.
pub fn start() {
    install_panic_hook();
    leptos::mount::mount_to_body(App);
}

/// The views the top navigation switches between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Matrix,
    Paths,
    Evaluate,
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let view = RwSignal::new(View::Matrix);
    let body = match Dataset::embedded() {
        Ok(ds) => view! { <Main dataset=ds view=view/> }.into_any(),
        Err(e) => view! {
            <main id="main">
                <p role="alert" class="fatal">
                    "The public matrix could not be read: " {e.to_string()}
                </p>
            </main>
        }
        .into_any(),
    };
    view! {
        <a class="skip" href="#main">"Skip to content"</a>
        <header class="site">
            <h1>"CertCheck"</h1>
            <p class="lede">
                "CertCheck tells you, rule by rule, whether an AI vendor's ISO and SOC 2 evidence meets your policy, "
                "starting from what each vendor publicly claims."
                " Everything runs in this tab: nothing you type or drop here is sent to any server, ours included."
            </p>
            <nav aria-label="Views" class="views">
                <ViewButton view=view which=View::Matrix label="Standards matrix"/>
                <ViewButton view=view which=View::Paths label="Hosted paths"/>
                <ViewButton view=view which=View::Evaluate label="Evaluate evidence"/>
            </nav>
        </header>
        {body}
        <footer class="site">
            <p>
                "Public claims are not evidence. Before you rely on any of them, pull the current certificate PDF from the vendor and read its scope, dates and certification body."
            </p>
        </footer>
    }
}

#[component]
fn ViewButton(view: RwSignal<View>, which: View, label: &'static str) -> impl IntoView {
    view! {
        <button
            type="button"
            class="view-button"
            aria-pressed=move || (view.get() == which).to_string()
            on:click=move |_| view.set(which)
        >
            {label}
        </button>
    }
}

#[component]
fn Main(dataset: &'static Dataset, view: RwSignal<View>) -> impl IntoView {
    let today = today();
    let age = dataset.age_days(today);
    // One evaluation for the session: it outlives switching between views.
    let evaluation = RwSignal::new(Evaluation::new(RiskTier::Regulated));
    let stale = age > 90;
    view! {
        <main id="main" tabindex="-1">
            <p class=if stale { "dataset-age stale" } else { "dataset-age" } data-testid="dataset-age">
                <span aria-hidden="true">{if stale { "⚠ " } else { "ℹ " }}</span>
                "Public claims as of "
                <time datetime=crate::domain::format_date(dataset.as_of)>
                    {crate::domain::AsOf::Day(dataset.as_of).human()}
                </time>
                {match age {
                    a if a < 0 => String::from(" (dated after today: check your device's clock)."),
                    0 => String::from(" (today)."),
                    1 => String::from(" (1 day ago)."),
                    a => format!(" ({a} days ago)."),
                }}
                " Each is a vendor's or an article's public statement: verify it against the current certificate PDF."
            </p>
            {move || match view.get() {
                View::Matrix => view! { <MatrixView dataset=dataset/> }.into_any(),
                View::Paths => view! { <PathsView dataset=dataset/> }.into_any(),
                View::Evaluate => view! { <Workspace dataset=dataset today=today state=evaluation/> }.into_any(),
            }}
        </main>
    }
}
