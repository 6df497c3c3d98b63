//! The Leptos components and the browser glue. Components hold no business
//! rules: they ask the core and show its answer.

#[cfg(feature = "bench")]
pub mod bench;
pub mod bridge;
mod browser;
mod controls;
pub mod download;
pub mod library;
mod matrix_view;
mod offline;
mod paths_view;
mod workspace;

pub use bridge::View;
pub use browser::{install_panic_hook, on_window, show_fatal, today, FATAL_MESSAGE};
pub use matrix_view::MatrixView;
pub use paths_view::PathsView;
pub use workspace::Workspace;

use crate::matrix::Dataset;
use crate::share::{share_payload, MatrixLink};
use bridge::{IncomingShown, LoadError, Message, Route, ViewSwitch};
use leptos::prelude::*;
use library::share::{read_incoming, Incoming, IncomingPanel};
use library::{LibraryPanel, Session};
use workspace::model::Step;

// The addresses name as many steps as the workspace has.
const _: () = assert!(Step::ALL.len() == Route::STEPS as usize);

/// The workspace's step numbered `n` (1 to 5; out of range, the nearest).
fn step_at(n: u8) -> Step {
    Step::ALL[usize::from(n.clamp(1, Route::STEPS)) - 1]
}

/// The module holding the evaluation workspace (`scopewise-work.js` and
/// `scopewise-work_bg.wasm`), fetched the first time it is needed.
pub const WORK_MODULE: &str = "scopewise-work";

/// Mounts the shell (what a first visit downloads) on the page's `<body>`.
pub fn start() {
    install_panic_hook();
    leptos::mount::mount_to_body(App);
}

/// Mounts the evaluation workspace into the shell's `#work-root`; the second
/// module's entry point.
pub fn start_work() {
    install_panic_hook();
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(bridge::WORK_ROOT));
    let Some(root) = root else {
        show_fatal("the page has no place for the evaluation workspace (#work-root)");
        return;
    };
    // Saved work from before the product's rename moves first, so the
    // library finds it under its new name.
    library::rename_old_keys_then(move || {
        use wasm_bindgen::JsCast;
        leptos::mount::mount_to(root.unchecked_into(), WorkApp).forget();
    });
}

/// Where the workspace module stands.
#[derive(Debug, Clone, PartialEq, Eq)]
enum WorkLoad {
    NotNeeded,
    Loading,
    Ready,
    Failed(LoadError),
}

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Puts a place's address in the address bar: a new entry in the tab's
/// history (`push`), or in place of the current one.
fn set_address(route: Route, push: bool) {
    let Some(history) = web_sys::window().and_then(|w| w.history().ok()) else {
        return;
    };
    let url = Some(route.fragment());
    let _ = if push {
        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", url.as_deref())
    } else {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", url.as_deref())
    };
}

/// The shell: the header, the navigation, the public matrix and the hosted
/// paths. The evaluation workspace is fetched when first needed.
#[component]
pub fn App() -> impl IntoView {
    // Where the user is, from the address. The workspace's step is kept
    // while another view is shown, so "Evaluate evidence" returns to it.
    let start = Route::parse(&current_hash()).unwrap_or(Route::Matrix);
    let view = RwSignal::new(start.view());
    let step = RwSignal::new(start.step().unwrap_or(1));
    let route = Memo::new(move |_| Route::at(view.get(), step.get()));
    let go = move |r: Route| {
        ViewSwitch(view).go(r.view());
        if let Some(n) = r.step().filter(|n| *n != step.get_untracked()) {
            step.set(n);
        }
    };
    // A share link takes the page until the workspace says what it holds.
    let shown = RwSignal::new(if share_payload(&current_hash()).is_some() {
        IncomingShown::Shared
    } else {
        IncomingShown::None
    });
    let work = RwSignal::new(WorkLoad::NotNeeded);
    let ensure_work = move || {
        if matches!(
            work.get_untracked(),
            WorkLoad::NotNeeded | WorkLoad::Failed(_)
        ) {
            work.set(WorkLoad::Loading);
            leptos::task::spawn_local(async move {
                match bridge::load(WORK_MODULE).await {
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
    if shown.get_untracked() == IncomingShown::Shared {
        ensure_work();
    }
    // The place goes to the workspace, and into the address bar: each move
    // is a new entry in the tab's history, so Back and Forward walk the
    // places. The first run only mends an address that names no place. A
    // shared evaluation on screen leaves the address to the workspace
    // (which takes its link out of the bar).
    Effect::new(move |ran: Option<()>| {
        let r = route.get();
        if r.view() == View::Evaluate {
            ensure_work();
        }
        bridge::send(&Message::Show(r));
        if shown.get_untracked() != IncomingShown::Shared
            && Route::parse(&current_hash()) != Some(r)
        {
            set_address(r, ran.is_some());
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
    let matrix_link = RwSignal::new(None::<MatrixLink>);
    let body = match Dataset::embedded() {
        Ok(ds) => {
            let ids: Vec<&'static str> = ds.vendors.iter().map(|v| v.id.as_str()).collect();
            let read_matrix_link = move || {
                if let Some(link) = MatrixLink::parse(&current_hash(), &ids) {
                    matrix_link.set(Some(link));
                }
            };
            read_matrix_link();
            // Back, Forward, and a link or address typed into the address
            // bar of an open tab only change the fragment: go to the place
            // it names (an anchor such as "#main" names none). The
            // workspace reads share links itself; the shell makes sure it
            // is there to read them.
            on_window("hashchange", move |_| {
                let hash = current_hash();
                if share_payload(&hash).is_some() {
                    if work.get_untracked() != WorkLoad::Ready {
                        shown.set(IncomingShown::Shared);
                    }
                    ensure_work();
                } else if let Some(r) = Route::parse(&hash) {
                    read_matrix_link();
                    go(r);
                }
            });
            view! { <Main dataset=ds view=view route=route shown=shown work=work retry=ensure_work matrix_link=matrix_link/> }
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
    let today = today();
    let age = dataset.age_days(today);
    let showing_shared = move || shown.get() == IncomingShown::Shared;
    let work_visible = move || view.get() == View::Evaluate || shown.get() != IncomingShown::None;
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

/// The evaluation workspace, in its own module: a shared evaluation when a
/// link brought one, else the user's own work.
#[component]
pub fn WorkApp() -> impl IntoView {
    // The place the shell was at when it fetched this module.
    let start = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(bridge::WORK_ROOT))
        .and_then(|e| e.get_attribute(bridge::ROUTE_ATTRIBUTE))
        .and_then(|id| Route::from_id(&id))
        .unwrap_or(Route::Evaluate(1));
    let view = RwSignal::new(start.view());
    let step = RwSignal::new(step_at(start.step().unwrap_or(1)));
    provide_context(ViewSwitch(view));
    Effect::new(move |_| {
        let r = Route::at(view.get(), step.get().number() as u8);
        bridge::send(&Message::Go(r))
    });
    let (first, whole) = read_incoming();
    let incoming = RwSignal::new(first);
    let whole_link = RwSignal::new(whole);
    bridge::listen(move |message| match message {
        Message::Show(r) => {
            ViewSwitch(view).go(r.view());
            let Some(s) = r.step().map(step_at) else {
                return;
            };
            if step.get_untracked() != s {
                step.set(s);
                // Back or Forward to another step: its heading takes the
                // focus, as after "Next".
                set_timeout(
                    move || {
                        workspace::focus_id(&s.heading_id());
                    },
                    std::time::Duration::ZERO,
                );
            }
        }
        Message::CloseShared => incoming.set(Incoming::Nothing),
        _ => {}
    });
    Effect::new(move |_| {
        let shown = incoming.with(|i| match i {
            Incoming::Open(_) | Incoming::Locked(_) => IncomingShown::Shared,
            Incoming::Bad(_) => IncomingShown::Notice,
            Incoming::Nothing => IncomingShown::None,
        });
        bridge::send(&Message::Incoming(shown));
    });
    on_window("hashchange", move |_| {
        let (next, whole) = read_incoming();
        if !matches!(next, Incoming::Nothing) {
            incoming.set(next);
            whole_link.set(whole);
        }
    });
    match Dataset::embedded() {
        // The shell says when the matrix cannot be read.
        Err(_) => ().into_any(),
        Ok(dataset) => {
            view! { <Work dataset=dataset view=view step=step incoming=incoming whole_link=whole_link/> }
                .into_any()
        }
    }
}

#[component]
fn Work(
    dataset: &'static Dataset,
    view: RwSignal<View>,
    step: RwSignal<Step>,
    incoming: RwSignal<Incoming>,
    whole_link: RwSignal<Option<String>>,
) -> impl IntoView {
    let today = today();
    // The user's own work: saved in this browser as it changes, and it
    // outlives switching between views.
    let session = Session::start();
    provide_context(session);
    // Another evaluation opened (from the list, a file, a shared copy):
    // it starts at step 1.
    Effect::new(move |seen: Option<u32>| {
        let generation = session.generation.get();
        if seen.is_some_and(|g| g != generation) {
            step.set(Step::Workload);
        }
        generation
    });
    let showing_shared =
        move || incoming.with(|i| matches!(i, Incoming::Open(_) | Incoming::Locked(_)));
    view! {
        <IncomingPanel incoming=incoming whole_link=whole_link dataset=dataset today=today/>
        {move || (view.get() == View::Evaluate && !showing_shared()).then(|| view! {
            <LibraryPanel/>
            {move || {
                // A new generation (another evaluation opened) remounts
                // the workspace, so every field shows the new values.
                session.generation.track();
                let elsewhere = session.edited_elsewhere();
                view! { <Workspace dataset=dataset today=today state=session.eval step=step elsewhere=elsewhere/> }
            }}
        })}
    }
}
