//! The shell: what a first visit downloads. The header, the navigation, the
//! public matrix and the hosted paths; the evaluation workspace is fetched
//! when first needed (see [`super::bridge`]).
//!
//! The shell's first screen is rendered into `index.html` when the site is
//! built (`src/bin/scopewise-prerender.rs`), from these same components, and
//! the live shell takes its place (see [`super::start`]). The build knows
//! neither the address nor today's date: its matrix is the one with no
//! address, and it keeps the place of the dataset's age empty.

use super::bridge::{self, IncomingShown, LoadError, Message, Route, View, ViewSwitch};
use super::{offline, on_window, MatrixView, PathsView, WORK_MODULE, WORK_STYLES};
use crate::matrix::Dataset;
use crate::share::{share_payload, MatrixLink};
use leptos::prelude::*;
use time::Date;

/// Where the workspace module stands.
#[derive(Debug, Clone, PartialEq, Eq)]
enum WorkLoad {
    NotNeeded,
    Loading,
    Ready,
    Failed(LoadError),
}

/// The address's fragment (empty outside a browser).
fn current_hash() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        String::new()
    }
}

/// Puts a place's address in the address bar, as a new entry in the tab's
/// history.
fn push_address(route: Route) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ =
            history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&route.fragment()));
    }
}

/// The shell.
#[component]
pub fn App() -> impl IntoView {
    // Where the user is. The workspace's step is kept while another view
    // is shown, so "Evaluate evidence" returns to it.
    let view = RwSignal::new(View::Matrix);
    let step = RwSignal::new(1);
    let route = Memo::new(move |_| Route::at(view.get(), step.get()));
    let go = move |r: Route| {
        ViewSwitch(view).go(r.view());
        if let Some(n) = r.step().filter(|n| *n != step.get_untracked()) {
            step.set(n);
        }
    };
    // What the workspace shows of a share link: it takes the page.
    let shown = RwSignal::new(IncomingShown::None);
    let work = RwSignal::new(WorkLoad::NotNeeded);
    let ensure_work = move || {
        if matches!(
            work.get_untracked(),
            WorkLoad::NotNeeded | WorkLoad::Failed(_)
        ) {
            work.set(WorkLoad::Loading);
            leptos::task::spawn_local(async move {
                match bridge::load(WORK_MODULE, WORK_STYLES).await {
                    Ok(()) => work.set(WorkLoad::Ready),
                    Err(e) => {
                        work.set(WorkLoad::Failed(e));
                        // Show the user's own views, with the message.
                        if shown.get_untracked() == IncomingShown::Shared {
                            shown.set(IncomingShown::None);
                        }
                    }
                }
            });
        }
    };
    let dataset = Dataset::embedded();
    let known = dataset.as_ref().ok().copied();
    let matrix_link = RwSignal::new(None::<MatrixLink>);
    // What the address says: a share link (which the workspace reads: the
    // shell makes sure it is there to read it), a matrix view link, or a
    // place. An anchor ("#main") names no place. Read now, and whenever
    // the fragment changes (Back, Forward, a link or an address typed into
    // the bar).
    let read_address = move || {
        let hash = current_hash();
        if share_payload(&hash).is_some() {
            if work.get_untracked() != WorkLoad::Ready {
                shown.set(IncomingShown::Shared);
            }
            ensure_work();
        } else if let Some(r) = Route::parse(&hash) {
            if let Some(ds) = known {
                let ids: Vec<&str> = ds.vendors.iter().map(|v| v.id.as_str()).collect();
                if let Some(link) = MatrixLink::parse(&hash, &ids) {
                    matrix_link.set(Some(link));
                }
            }
            go(r);
        }
    };
    read_address();
    on_window("hashchange", move |_| read_address());
    // The place goes to the workspace, and into the address bar: each move
    // is a new entry in the tab's history, so Back and Forward walk the
    // places. (The first run is the place the address named.) A shared
    // evaluation on screen leaves the address to the workspace (which takes
    // its link out of the bar).
    Effect::new(move |ran: Option<()>| {
        let r = route.get();
        if r.view() == View::Evaluate {
            ensure_work();
        }
        bridge::send(&Message::Show(r));
        if ran.is_some()
            && shown.get_untracked() != IncomingShown::Shared
            && Route::parse(&current_hash()) != Some(r)
        {
            push_address(r);
        }
    });
    bridge::listen(move |message| match message {
        Message::Go(r) => go(r),
        Message::Incoming(s) => shown.set(s),
        _ => {}
    });
    // A file dropped beside a drop zone would make the browser open it in
    // place of the app: such drops do nothing (the zones handle their own).
    for name in ["dragover", "drop"] {
        on_window(name, |ev| ev.prevent_default());
    }
    let body = match dataset {
        Ok(ds) => view! { <Main dataset=ds view=view route=route shown=shown work=work retry=ensure_work matrix_link=matrix_link/> }
            .into_any(),
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
            <h1>"Scopewise"</h1>
            <p class="lede">
                "Scopewise tells you, rule by rule, whether an AI vendor's ISO and SOC 2 evidence meets your policy, "
                "starting from what each vendor publicly claims."
                " Everything runs in this tab: nothing you type or drop here is sent to any server, ours included."
            </p>
            <nav aria-label="Views" class="views">
                <ViewButton view=view shown=shown which=View::Matrix label="Standards matrix"/>
                <ViewButton view=view shown=shown which=View::Paths label="Hosted paths"/>
                <ViewButton view=view shown=shown which=View::Evaluate label="Evaluate evidence"/>
            </nav>
        </header>
        <offline::UpdateBanner/>
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
    shown: RwSignal<IncomingShown>,
    which: View,
    label: &'static str,
) -> impl IntoView {
    let showing_shared = move || shown.get() == IncomingShown::Shared;
    view! {
        <button
            type="button"
            class="view-button"
            id=format!("view-{}", which.id())
            aria-pressed=move || (view.get() == which && !showing_shared()).to_string()
            on:click=move |_| {
                // Leaving a shared evaluation for the app's own views.
                if shown.get_untracked() == IncomingShown::Shared {
                    bridge::send(&Message::CloseShared);
                    shown.set(IncomingShown::None);
                }
                view.set(which)
            }
        >
            {label}
        </button>
    }
}

/// How old the dataset is, in words, once today is known.
fn age_words(age: i64) -> String {
    match age {
        a if a < 0 => " (dated after today: check your device's clock).".into(),
        0 => " (today).".into(),
        1 => " (1 day ago).".into(),
        a => format!(" ({a} days ago)."),
    }
}

#[component]
fn Main(
    dataset: &'static Dataset,
    view: RwSignal<View>,
    route: Memo<Route>,
    shown: RwSignal<IncomingShown>,
    work: RwSignal<WorkLoad>,
    retry: impl Fn() + Copy + Send + Sync + 'static,
    matrix_link: RwSignal<Option<MatrixLink>>,
) -> impl IntoView {
    // Today is the device's: unknown to the prerendered page, which keeps
    // the age's place (style/main.css), so nothing moves when it comes.
    let today: Option<Date> = if cfg!(target_arch = "wasm32") {
        Some(super::today())
    } else {
        None
    };
    let age = today.map(|t| dataset.age_days(t));
    let stale = age.is_some_and(|a| a > 90);
    let showing_shared = move || shown.get() == IncomingShown::Shared;
    let work_visible = move || view.get() == View::Evaluate || shown.get() != IncomingShown::None;
    view! {
        <main id="main" tabindex="-1">
            <p class=if stale { "dataset-age stale" } else { "dataset-age" } data-testid="dataset-age">
                <span class="symbol" aria-hidden="true">{if stale { "⚠ " } else { "ℹ " }}</span>
                "Public claims as of "
                <time datetime=crate::domain::format_date(dataset.as_of)>
                    {crate::domain::AsOf::Day(dataset.as_of).human()}
                </time>
                <span class="age">{age.map_or_else(|| ".".to_string(), age_words)}</span>
                " Each is a vendor's or an article's public statement: verify it against the current certificate PDF."
            </p>
            {move || match work.get() {
                WorkLoad::Loading if work_visible() => view! {
                    <p class="work-status" role="status" data-testid="work-loading">
                        "Opening the evaluation workspace…"
                    </p>
                }
                .into_any(),
                WorkLoad::Failed(e) => view! {
                    <div class="work-status" role="alert" data-testid="work-failed">
                        <p>
                            "The evaluation workspace could not be loaded from this site (" {e.to_string()}
                            "). Your saved work in this browser is untouched. Check the connection and try again."
                        </p>
                        <button type="button" on:click=move |_| retry()>"Try again"</button>
                    </div>
                }
                .into_any(),
                _ => ().into_any(),
            }}
            // The workspace module mounts here; the shell never redraws it.
            <div id=bridge::WORK_ROOT data-route=move || route.get().id() hidden=move || !work_visible()></div>
            {move || match (showing_shared(), view.get()) {
                (true, _) | (false, View::Evaluate) => ().into_any(),
                (false, View::Matrix) => {
                    let initial = matrix_link.get().unwrap_or_default();
                    view! { <MatrixView dataset=dataset initial=initial/> }.into_any()
                }
                (false, View::Paths) => view! { <PathsView dataset=dataset/> }.into_any(),
            }}
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::age_words;

    #[test]
    fn the_age_in_words() {
        assert_eq!(
            age_words(-3),
            " (dated after today: check your device's clock)."
        );
        assert_eq!(age_words(0), " (today).");
        assert_eq!(age_words(1), " (1 day ago).");
        assert_eq!(age_words(141), " (141 days ago).");
    }
}
