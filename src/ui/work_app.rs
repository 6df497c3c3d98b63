//! The evaluation workspace's module: mounted into the shell's
//! `#work-root` when first needed, it shows a shared evaluation when a link
//! brought one, else the user's own work, at the place the shell says.

use super::bridge::{self, IncomingShown, Message, Route, View, ViewSwitch};
use super::library::share::{read_incoming, Incoming, IncomingPanel};
use super::library::{LibraryPanel, Session};
use super::workspace::{self, model::Step, Workspace};
use super::{on_window, today};
use crate::matrix::Dataset;
use leptos::prelude::*;

// The addresses name as many steps as the workspace has.
const _: () = assert!(Step::ALL.len() == Route::STEPS as usize);

/// The workspace's step numbered `n` (1 to 5; out of range, the nearest).
fn step_at(n: u8) -> Step {
    Step::ALL[usize::from(n.clamp(1, Route::STEPS)) - 1]
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
