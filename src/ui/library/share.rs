//! Share links, both ways: making one (open, or locked with a passphrase)
//! and opening one, read-only, without touching the user's own work.

use super::{crypto, random_bytes, Session};
use crate::domain::evaluation::Evaluation;
use crate::error::UserError;
use crate::matrix::Dataset;
use crate::share::{
    self, decode, encode_open, passphrase_problem, share_payload, suggest_passphrase,
    tools_that_break, Locked, Shared, LONG_LINK, MAX_LINK,
};
use crate::store::display_name;
use crate::ui::Workspace;
use leptos::prelude::*;
use time::Date;

/// What the address bar brought in.
#[derive(Clone)]
pub enum Incoming {
    Nothing,
    /// A link that could not be read: the sentence to show.
    Bad(String),
    Locked(Locked),
    Open(RwSignal<Evaluation>),
}

fn location() -> Option<web_sys::Location> {
    web_sys::window().map(|w| w.location())
}

/// The page's address without its fragment.
pub fn page_url() -> String {
    location()
        .and_then(|l| l.href().ok())
        .map(|h| share::fragment_split(&h).to_string())
        .unwrap_or_default()
}

/// Replaces the address in the bar and in this tab's history entry.
pub fn replace_address(url: &str) {
    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url));
    }
}

/// Reads a share link from the address bar, if there is one, and removes it
/// from the bar and from this tab's history. Returns what it held and the
/// whole link (to put back if the user asks).
pub fn read_incoming() -> (Incoming, Option<String>) {
    let Some(hash) = location().and_then(|l| l.hash().ok()) else {
        return (Incoming::Nothing, None);
    };
    let Some(payload) = share_payload(&hash) else {
        return (Incoming::Nothing, None);
    };
    let whole = format!("{}{}", page_url(), hash);
    replace_address(&page_url());
    let incoming = match decode(payload) {
        Ok(Shared::Open(e)) => Incoming::Open(RwSignal::new(*e)),
        Ok(Shared::Locked(l)) => Incoming::Locked(l),
        Err(e) => Incoming::Bad(e.sentence()),
    };
    (incoming, Some(whole))
}

/// Puts text on the clipboard; says how it went.
fn copy_to_clipboard(text: String, notice: RwSignal<String>) {
    let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else {
        notice
            .set("Copy the link from the box above: this browser has no clipboard access.".into());
        return;
    };
    leptos::task::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text)).await {
            Ok(_) => notice.set("The link is on your clipboard.".into()),
            Err(_) => notice.set(
                "The browser did not allow copying: select the link in the box and copy it.".into(),
            ),
        }
    });
}

/// "2,048": a count with a thousands separator.
fn group(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn capitalise_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Open,
    Passphrase,
}

/// The share dialog, for the evaluation on screen.
#[component]
pub fn ShareDialog(on_close: Callback<()>) -> impl IntoView {
    let s = expect_context::<Session>();
    let mode = RwSignal::new(Mode::Passphrase);
    let suggest = || {
        random_bytes::<20>()
            .map(|r| suggest_passphrase(&r))
            .unwrap_or_default()
    };
    let passphrase = RwSignal::new(suggest());
    let link: RwSignal<Option<String>> = RwSignal::new(None);
    let problem: RwSignal<Option<String>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let notice = RwSignal::new(String::new());

    let make = move || {
        problem.set(None);
        link.set(None);
        notice.set(String::new());
        let evaluation = s.eval.get_untracked();
        match mode.get_untracked() {
            Mode::Open => link.set(Some(format!(
                "{}#{}{}",
                page_url(),
                share::SHARE_KEY,
                encode_open(&evaluation)
            ))),
            Mode::Passphrase => {
                let pass = passphrase.get_untracked();
                if let Some(p) = passphrase_problem(&pass) {
                    problem.set(Some(p));
                    return;
                }
                let (Some(salt), Some(nonce)) = (random_bytes::<16>(), random_bytes::<12>()) else {
                    problem.set(Some("This browser has no secure random numbers, so Scopewise cannot lock a link here. Send the file instead.".into()));
                    return;
                };
                busy.set(true);
                // WebCrypto derives the key off the main thread: the tab
                // stays responsive while "Locking…" shows.
                leptos::task::spawn_local(async move {
                    let payload = crypto::encode_locked(&evaluation, &pass, salt, nonce).await;
                    link.set(Some(format!(
                        "{}#{}{}",
                        page_url(),
                        share::SHARE_KEY,
                        payload
                    )));
                    busy.set(false);
                });
            }
        }
    };

    let result = move || {
        link.get().map(|url| {
            let n = url.chars().count();
            if n > MAX_LINK {
                return view! {
                    <div class="share-result" role="alert" data-testid="share-too-long">
                        <p>{format!("This evaluation is too large for a link ({n} characters; Scopewise makes links of up to {MAX_LINK}). Send it as a file instead: export it and attach the file, encrypted if your mail tool can.")}</p>
                        <button type="button" class="primary" on:click=move |_| {
                            let e = s.eval.get_untracked();
                            if let Err(why) = super::export_file(&e, &s.file_name()) { notice.set(why.sentence()) }
                        }>"Export to a file"</button>
                    </div>
                }
                .into_any();
            }
            let copy_url = url.clone();
            view! {
                <div class="share-result">
                    <label for="share-link">"The link"</label>
                    <textarea id="share-link" readonly rows="4" data-testid="share-link">{url}</textarea>
                    <p data-testid="share-length">{format!("{n} characters.")}</p>
                    {(n > LONG_LINK).then(|| {
                        let tools = tools_that_break(n)
                            .iter()
                            .map(|t| format!("{} does not open links longer than {} characters", t.tool, group(t.max_chars)))
                            .collect::<Vec<_>>();
                        let named = if tools.is_empty() { String::new() } else { format!(" {}.", capitalise_first(&tools.join("; "))) };
                        view! {
                            <div class="warning" data-testid="share-long-warning">
                                <p>
                                    <span aria-hidden="true">"⚠ "</span>
                                    {format!("This link is longer than {} characters: some chat and mail tools cut long links, which then will not open.{named} Link shorteners and link previews see the whole link.", group(LONG_LINK))}
                                </p>
                                <p>
                                    "Send the evaluation as a file instead: "
                                    <button type="button" data-testid="share-offer-file" on:click=move |_| {
                                        let e = s.eval.get_untracked();
                                        if let Err(why) = super::export_file(&e, &s.file_name()) { notice.set(why.sentence()) }
                                    }>"Export to a file"</button>
                                    " (attach it to a message, encrypted if your mail tool can)."
                                </p>
                            </div>
                        }
                    })}
                    <button type="button" class="primary" on:click=move |_| copy_to_clipboard(copy_url.clone(), notice)>"Copy the link"</button>
                </div>
            }
            .into_any()
        })
    };

    view! {
        <section class="share-dialog" aria-labelledby="share-heading" data-testid="share-dialog">
            <h3 id="share-heading">"Share this evaluation"</h3>
            <p class="hint">"The evaluation travels inside the link, after the # sign, which browsers never send to any server: not to Scopewise's, not to anyone's. Whoever opens the link sees it read-only."</p>
            <fieldset>
                <legend>"Who can read it"</legend>
                <label>
                    <input type="radio" name="share-mode" checked=move || mode.get() == Mode::Passphrase on:change=move |_| { mode.set(Mode::Passphrase); link.set(None); }/>
                    " Only people with the passphrase (recommended)"
                </label>
                <label>
                    <input type="radio" name="share-mode" data-testid="share-open" checked=move || mode.get() == Mode::Open on:change=move |_| { mode.set(Mode::Open); link.set(None); }/>
                    " Anyone with the link"
                </label>
            </fieldset>
            {move || match mode.get() {
                Mode::Open => view! {
                    <p class="warning" data-testid="share-open-warning">
                        <span aria-hidden="true">"⚠ "</span>
                        "Anyone who gets this link can read the whole evaluation, including what you noted under NDA. Chat services, mail filters and link previews that see the link can read it too."
                    </p>
                }.into_any(),
                Mode::Passphrase => view! {
                    <div class="passphrase">
                        <label for="share-passphrase">"Passphrase"</label>
                        <input id="share-passphrase" type="text" autocomplete="off" spellcheck="false"
                            prop:value=move || passphrase.get()
                            on:input=move |ev| { passphrase.set(event_target_value(&ev)); link.set(None); }/>
                        <button type="button" on:click=move |_| { passphrase.set(suggest()); link.set(None); }>"Suggest another"</button>
                        <p class="hint">"The passphrase is not in the link. Send it by another channel than the link (say it on a call, or send it by text message). Nobody, Scopewise included, can recover a lost passphrase."</p>
                    </div>
                }.into_any(),
            }}
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert">{p}</p> })}
            <div class="share-actions">
                <button type="button" class="primary" disabled=move || busy.get() on:click=move |_| make()>
                    {move || if busy.get() { "Locking the link…" } else { "Make the link" }}
                </button>
                <button type="button" on:click=move |_| on_close.run(())>"Close"</button>
            </div>
            {result}
            <p role="status" aria-live="polite" data-testid="share-notice">{move || notice.get()}</p>
        </section>
    }
}

/// A link someone sent: its problem, its passphrase prompt, or the
/// evaluation read-only with "save a copy".
#[component]
pub fn IncomingPanel(
    incoming: RwSignal<Incoming>,
    whole_link: RwSignal<Option<String>>,
    dataset: &'static Dataset,
    today: Date,
) -> impl IntoView {
    let s = expect_context::<Session>();
    let view_switch = use_context::<crate::ui::bridge::ViewSwitch>();
    let wrong: RwSignal<Option<String>> = RwSignal::new(None);
    let opening = RwSignal::new(false);
    let kept = RwSignal::new(false);
    let put_back = move || {
        if let Some(l) = whole_link.get_untracked() {
            replace_address(&l);
            kept.set(true);
        }
    };
    let address_note = move || {
        whole_link.get().map(|_| {
            if kept.get() {
                view! { <p class="hint">"The link is back in the address bar, and in this tab's history."</p> }.into_any()
            } else {
                view! {
                    <p class="hint" data-testid="address-cleared">
                        "The link was taken out of the address bar and this tab's history, so it does not linger on a shared computer. "
                        <button type="button" class="link-button" on:click=move |_| put_back()>"Put it back in the address bar"</button>
                    </p>
                }
                .into_any()
            }
        })
    };
    move || {
        match incoming.get() {
        Incoming::Nothing => ().into_any(),
        Incoming::Bad(message) => view! {
            <div class="incoming bad-link" role="alert" data-testid="link-error">
                <h2>"This link could not be opened"</h2>
                <p>{message}</p>
                <p>"Your own work on this device is untouched."</p>
                <button type="button" on:click=move |_| incoming.set(Incoming::Nothing)>"Dismiss"</button>
            </div>
        }
        .into_any(),
        Incoming::Locked(locked) => {
            let locked = StoredValue::new(locked);
            let submit = move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let pass = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id("open-passphrase"))
                    .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(e).ok())
                    .map(|i| i.value())
                    .unwrap_or_default();
                opening.set(true);
                wrong.set(None);
                let l = locked.get_value();
                leptos::task::spawn_local(async move {
                    let result = crypto::unlock(&l, &pass).await;
                    opening.set(false);
                    match result {
                        Ok(e) => incoming.set(Incoming::Open(RwSignal::new(e))),
                        Err(e) => wrong.set(Some(e.sentence())),
                    }
                });
            };
            view! {
                <section class="incoming" aria-labelledby="incoming-heading" data-testid="passphrase-prompt">
                    <h2 id="incoming-heading">"A shared evaluation, locked with a passphrase"</h2>
                    <p>"The sender should have given you the passphrase separately, not with the link. It is checked here, in this tab."</p>
                    <form on:submit=submit>
                        <label for="open-passphrase">"Passphrase"</label>
                        <input id="open-passphrase" type="password" autocomplete="off" required/>
                        <button type="submit" class="primary" disabled=move || opening.get()>
                            {move || if opening.get() { "Opening…" } else { "Open" }}
                        </button>
                        <button type="button" on:click=move |_| incoming.set(Incoming::Nothing)>"Cancel"</button>
                    </form>
                    {move || wrong.get().map(|w| view! { <p class="field-error" role="alert" data-testid="passphrase-error">{w}</p> })}
                    {address_note}
                </section>
            }
            .into_any()
        }
        Incoming::Open(shared) => {
            let title = shared.with_untracked(|e| display_name("", &e.workload.name));
            let save_copy = move |_| {
                let e = shared.get_untracked();
                let name = format!("Shared: {}", display_name("", &e.workload.name));
                s.start_new(e, &name);
                incoming.set(Incoming::Nothing);
                // The copy is the user's own now: show it where they work on it.
                if let Some(views) = view_switch {
                    views.go(crate::ui::View::Evaluate);
                }
                s.notice.set(format!("Saved a copy on this device as “{name}”. Your other evaluations are unchanged."));
            };
            view! {
                <section class="incoming shared" aria-labelledby="incoming-heading" data-testid="shared-view">
                    <div class="shared-banner">
                        <h2 id="incoming-heading">{format!("Shared evaluation: {title}")}</h2>
                        <p>"You are reading someone else's evaluation, read-only. It is not saved on this device, and your own work is untouched."</p>
                        <button type="button" class="primary" on:click=save_copy>"Save a copy to this device"</button>
                        <button type="button" on:click=move |_| incoming.set(Incoming::Nothing)>"Close it"</button>
                        {address_note}
                    </div>
                    <Workspace dataset=dataset today=today state=shared read_only=true/>
                </section>
            }
            .into_any()
        }
    }
    }
}
