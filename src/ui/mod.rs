//! The Leptos components and the browser glue. Components hold no business
//! rules: they ask the core and show its answer.

mod bench;
mod browser;
mod controls;
pub mod documents;
pub mod download;
pub mod library;
mod matrix_view;
mod paths_view;
mod workspace;

pub use browser::{install_panic_hook, show_fatal, today, FATAL_MESSAGE};
pub use matrix_view::MatrixView;
pub use paths_view::PathsView;
pub use workspace::Workspace;

use crate::matrix::Dataset;
use crate::share::MatrixLink;
use leptos::prelude::*;
use library::share::{read_incoming, Incoming, IncomingPanel};
use library::{LibraryPanel, Session};

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
    // Parts that move the user between views (a saved copy of a shared
    // evaluation opens in the workspace) find the switch here.
    provide_context(view);
    let (first, whole) = read_incoming();
    let incoming = RwSignal::new(first);
    let whole_link = RwSignal::new(whole);
    let matrix_link = RwSignal::new(None::<MatrixLink>);
    let body = match Dataset::embedded() {
        Ok(ds) => {
            let ids: Vec<&'static str> = ds.vendors.iter().map(|v| v.id.as_str()).collect();
            let read_matrix_link = move || {
                let hash = web_sys::window()
                    .and_then(|w| w.location().hash().ok())
                    .unwrap_or_default();
                if let Some(link) = MatrixLink::parse(&hash, &ids) {
                    matrix_link.set(Some(link));
                    view.set(View::Matrix);
                }
            };
            read_matrix_link();
            // A link pasted into the address bar of an open tab only changes
            // the fragment: read it the same way.
            std::mem::forget(leptos::prelude::window_event_listener_untyped(
                "hashchange",
                move |_| {
                    let (next, whole) = read_incoming();
                    if !matches!(next, Incoming::Nothing) {
                        incoming.set(next);
                        whole_link.set(whole);
                    } else {
                        read_matrix_link();
                    }
                },
            ));
            view! { <Main dataset=ds view=view incoming=incoming whole_link=whole_link matrix_link=matrix_link/> }
                .into_any()
        }
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
                <ViewButton view=view incoming=incoming which=View::Matrix label="Standards matrix"/>
                <ViewButton view=view incoming=incoming which=View::Paths label="Hosted paths"/>
                <ViewButton view=view incoming=incoming which=View::Evaluate label="Evaluate evidence"/>
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
fn ViewButton(
    view: RwSignal<View>,
    incoming: RwSignal<Incoming>,
    which: View,
    label: &'static str,
) -> impl IntoView {
    let showing_shared =
        move || incoming.with(|i| matches!(i, Incoming::Open(_) | Incoming::Locked(_)));
    view! {
        <button
            type="button"
            class="view-button"
            aria-pressed=move || (view.get() == which && !showing_shared()).to_string()
            on:click=move |_| {
                // Leaving a shared evaluation for the app's own views.
                if showing_shared() {
                    incoming.set(Incoming::Nothing);
                }
                view.set(which)
            }
        >
            {label}
        </button>
    }
}

#[component]
fn Main(
    dataset: &'static Dataset,
    view: RwSignal<View>,
    incoming: RwSignal<Incoming>,
    whole_link: RwSignal<Option<String>>,
    matrix_link: RwSignal<Option<MatrixLink>>,
) -> impl IntoView {
    let today = today();
    let age = dataset.age_days(today);
    // The user's own work: saved in this browser as it changes, and it
    // outlives switching between views.
    let session = Session::start();
    provide_context(session);
    let showing_shared =
        move || incoming.with(|i| matches!(i, Incoming::Open(_) | Incoming::Locked(_)));
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
            <IncomingPanel incoming=incoming whole_link=whole_link dataset=dataset today=today/>
            {move || match (showing_shared(), view.get()) {
                (true, _) => ().into_any(),
                (false, View::Matrix) => {
                    let initial = matrix_link.get().unwrap_or_default();
                    view! { <MatrixView dataset=dataset initial=initial/> }.into_any()
                }
                (false, View::Paths) => view! { <PathsView dataset=dataset/> }.into_any(),
                (false, View::Evaluate) => view! {
                    <LibraryPanel/>
                    {move || {
                        // A new generation (another evaluation opened) remounts
                        // the workspace, so every field shows the new values.
                        session.generation.track();
                        view! { <Workspace dataset=dataset today=today state=session.eval/> }
                    }}
                }
                .into_any(),
            }}
        </main>
    }
}
