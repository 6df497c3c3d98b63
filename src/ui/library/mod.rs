//! Keeping work: evaluations saved in this browser as the user types, the
//! list of them, files in and out, and share links (see [`share`]).
//!
//! The evaluation on screen is one `RwSignal<Evaluation>` ([`Session::eval`]).
//! Every change schedules a save (debounced); hiding or leaving the tab
//! saves at once. When the browser refuses to store, the app says so, keeps
//! the work in the tab, and offers the file.

mod backend;
pub mod share;

pub use backend::{format_time, new_id, now_ms, random_bytes, rename_old_keys_then, LocalStorage};

use crate::domain::evaluation::Evaluation;
use crate::domain::RiskTier;
use crate::store::{
    display_name, read_import, Entry, Library, Listing, StoreError, MAX_IMPORT_BYTES,
};
use crate::ui::download::download;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// How long typing must pause before a save.
const SAVE_DELAY: Duration = Duration::from_millis(500);

/// Where the evaluation on screen stands with the browser's storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Nothing typed yet: nothing to save.
    Untouched,
    /// Changes wait for the next save.
    Pending,
    /// Saved at this time (ms).
    Saved(i64),
    /// The browser refused; the work is only in the tab.
    Failed(StoreError),
}

/// The user's own work in this tab (all `Copy`).
#[derive(Clone, Copy)]
pub struct Session {
    pub eval: RwSignal<Evaluation>,
    /// The saved record's id; `None` until the first save.
    pub id: RwSignal<Option<String>>,
    /// The record's own name (empty: follow the workload's name).
    pub name: RwSignal<String>,
    /// Bumped when another evaluation is opened: the workspace remounts.
    pub generation: RwSignal<u32>,
    pub state: RwSignal<SaveState>,
    pub listing: RwSignal<Listing>,
    /// The last deleted record, for "Undo": (name, record JSON).
    pub undo: RwSignal<Option<(String, String)>>,
    /// A sentence about the last action, announced politely.
    pub notice: RwSignal<String>,
    /// The JSON last written, so an unchanged evaluation is not rewritten.
    last_saved: StoredValue<String>,
    created_ms: StoredValue<i64>,
    save_token: StoredValue<u64>,
}

fn library() -> Library<LocalStorage> {
    Library::new(LocalStorage)
}

impl Session {
    /// Starts the session: reopens the evaluation that was open last, and
    /// arranges for every change to be saved.
    pub fn start() -> Session {
        let s = Session {
            eval: RwSignal::new(Evaluation::new(RiskTier::Regulated)),
            id: RwSignal::new(None),
            name: RwSignal::new(String::new()),
            generation: RwSignal::new(0),
            state: RwSignal::new(SaveState::Untouched),
            listing: RwSignal::new(Listing::default()),
            undo: RwSignal::new(None),
            notice: RwSignal::new(String::new()),
            last_saved: StoredValue::new(String::new()),
            created_ms: StoredValue::new(0),
            save_token: StoredValue::new(0),
        };
        s.refresh();
        let lib = library();
        match lib.open_id() {
            Ok(Some(id)) => match lib.load(&id) {
                Ok(Some(saved)) => s.show(saved),
                Ok(None) => {}
                Err(why) => s
                    .notice
                    .set(format!("The evaluation you had open could not be read ({why}). It is kept aside in the list below.")),
            },
            Ok(None) => {}
            Err(e) => s.state.set(SaveState::Failed(e)),
        }
        // Every change schedules a save; the first run only subscribes.
        Effect::new(move |prev: Option<()>| {
            s.eval.track();
            s.name.track();
            if prev.is_some() {
                s.schedule_save();
            }
        });
        // Hiding the tab, or leaving the page, saves at once.
        let flush = move |_| s.flush();
        crate::ui::on_window("visibilitychange", flush);
        crate::ui::on_window("pagehide", flush);
        s
    }

    fn show(&self, saved: crate::store::Saved) {
        self.save_token.update_value(|t| *t = t.wrapping_add(1));
        self.created_ms.set_value(saved.created_ms);
        self.id.set(Some(saved.id));
        self.name.set(saved.name);
        self.eval.set(saved.evaluation);
        self.last_saved.set_value(self.snapshot());
        self.state.set(SaveState::Saved(saved.updated_ms));
        self.generation.update(|g| *g += 1);
    }

    /// Re-reads the list of saved evaluations.
    pub fn refresh(&self) {
        match library().list() {
            Ok(l) => self.listing.set(l),
            Err(e) => self.state.set(SaveState::Failed(e)),
        }
    }

    /// What the last save wrote, to compare against.
    fn snapshot(&self) -> String {
        let json = self
            .eval
            .with_untracked(|e| serde_json::to_string(e).unwrap_or_default());
        format!("{}\u{0}{json}", self.name.get_untracked())
    }

    fn schedule_save(&self) {
        if self.last_saved.with_value(|l| *l == self.snapshot()) {
            return;
        }
        self.state.set(SaveState::Pending);
        let token = self.save_token.get_value().wrapping_add(1);
        self.save_token.set_value(token);
        let s = *self;
        set_timeout(
            move || {
                if s.save_token.get_value() == token {
                    s.flush();
                }
            },
            SAVE_DELAY,
        );
    }

    /// Drops any save still waiting, and shows a blank evaluation that is
    /// not saved until something is typed.
    fn reset_unsaved(&self) {
        self.save_token.update_value(|t| *t = t.wrapping_add(1));
        self.id.set(None);
        self.name.set(String::new());
        self.eval.set(Evaluation::new(RiskTier::Regulated));
        self.last_saved.set_value(self.snapshot());
        self.generation.update(|g| *g += 1);
        self.state.set(SaveState::Untouched);
    }

    /// Deletes a saved evaluation; the one on screen is replaced by a blank.
    pub fn delete(&self, id: &str, name: &str) {
        if self.id.get_untracked().as_deref() == Some(id) {
            self.reset_unsaved();
        }
        match library().delete(id) {
            Ok(Some(raw)) => {
                self.undo.set(Some((name.to_string(), raw)));
                self.notice.set(format!("Deleted “{name}”."));
            }
            Ok(None) => {}
            Err(e) => self.notice.set(e.message().into()),
        }
        self.refresh();
    }

    /// Empties the browser's storage of everything Scopewise wrote.
    pub fn forget_everything(&self) {
        self.reset_unsaved();
        self.undo.set(None);
        let left = library().forget_everything();
        self.refresh();
        self.notice.set(match left {
            Ok(0) => "Everything Scopewise kept in this browser is gone.".into(),
            Ok(n) => format!("{n} item(s) could not be deleted: the browser refused."),
            Err(e) => e.message().into(),
        });
    }

    /// Saves now, if anything changed since the last save.
    pub fn flush(&self) {
        if self.state.get_untracked() != SaveState::Pending
            && !matches!(self.state.get_untracked(), SaveState::Failed(_))
        {
            return;
        }
        let evaluation = self.eval.get_untracked();
        let snapshot = self.snapshot();
        let now = now_ms();
        let mut lib = library();
        let id = self.id.get_untracked().unwrap_or_else(new_id);
        if self.id.get_untracked().is_none() {
            self.created_ms.set_value(now);
        }
        let saved = crate::store::Saved {
            store: crate::store::STORE_VERSION,
            id: id.clone(),
            name: self.name.get_untracked(),
            created_ms: self.created_ms.get_value(),
            updated_ms: now,
            evaluation,
        };
        match lib.save(&saved).and_then(|_| lib.set_open_id(&id)) {
            Ok(()) => {
                self.last_saved.set_value(snapshot);
                // Only this line of the list changed: update it in place
                // rather than re-reading every saved evaluation.
                let entry = Entry {
                    id: id.clone(),
                    name: display_name(&saved.name, &saved.evaluation.workload.name),
                    updated_ms: now,
                    candidates: saved.evaluation.candidates.len(),
                };
                self.listing.update(|l| {
                    l.entries.retain(|e| e.id != entry.id);
                    l.entries.insert(0, entry); // the newest, so first
                });
                if self.id.get_untracked().as_deref() != Some(id.as_str()) {
                    self.id.set(Some(id));
                }
                self.state.set(SaveState::Saved(now));
            }
            Err(e) => self.state.set(SaveState::Failed(e)),
        }
    }

    /// Opens a saved evaluation (after saving the current one).
    pub fn open(&self, id: &str) {
        self.flush();
        let mut lib = library();
        match lib.load(id) {
            Ok(Some(saved)) => {
                let _ = lib.set_open_id(id);
                let name = display_name(&saved.name, &saved.evaluation.workload.name);
                self.show(saved);
                self.notice.set(format!("Opened “{name}”."));
            }
            Ok(None) => self
                .notice
                .set("That evaluation is no longer saved on this device.".into()),
            Err(why) => self
                .notice
                .set(format!("That evaluation could not be read: {why}.")),
        }
    }

    /// Starts a new evaluation (the current one stays saved), holding
    /// `evaluation`, saved at once under `name`.
    pub fn start_new(&self, evaluation: Evaluation, name: &str) {
        self.flush();
        self.save_token.update_value(|t| *t = t.wrapping_add(1));
        self.id.set(None);
        self.name.set(name.to_string());
        self.eval.set(evaluation);
        self.generation.update(|g| *g += 1);
        self.state.set(SaveState::Pending);
        self.flush();
    }

    /// A blank evaluation. Not saved until something is typed.
    pub fn new_blank(&self) {
        self.flush();
        self.reset_unsaved();
        self.notice.set("Started a new evaluation.".into());
    }

    /// The file name for an export of the evaluation on screen.
    pub fn file_name(&self) -> String {
        let name = self
            .eval
            .with_untracked(|e| display_name(&self.name.get_untracked(), &e.workload.name));
        file_name_for(&name)
    }
}

/// `scopewise-claims-triage.json`: a safe file name from a display name.
pub fn file_name_for(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
        if slug.len() >= 48 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "scopewise-evaluation.json".into()
    } else {
        format!("scopewise-{slug}.json")
    }
}

/// Saves an evaluation as the JSON file the command-line checker reads.
pub fn export_file(evaluation: &Evaluation, file_name: &str) -> Result<(), String> {
    download(
        file_name,
        "application/json",
        evaluation.to_json_pretty().as_bytes(),
    )
}

/// The "Your evaluations" panel: save state, the list, files, sharing.
#[component]
pub fn LibraryPanel() -> impl IntoView {
    let s = expect_context::<Session>();
    let renaming: RwSignal<Option<String>> = RwSignal::new(None);
    let confirm_forget = RwSignal::new(false);
    let import_error: RwSignal<Option<String>> = RwSignal::new(None);
    let share_open = RwSignal::new(false);

    let export_now = move || {
        let e = s.eval.get_untracked();
        match export_file(&e, &s.file_name()) {
            Ok(()) => s
                .notice
                .set("The evaluation file is in your downloads.".into()),
            Err(why) => s.notice.set(why),
        }
    };

    let on_import = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        let name = file.name();
        if file.size() > MAX_IMPORT_BYTES as f64 {
            import_error.set(Some(format!(
                "“{name}” is {:.1} MB; an evaluation file is at most {} MB. Nothing was imported.",
                file.size() / 1_048_576.0,
                MAX_IMPORT_BYTES / 1_048_576
            )));
            return;
        }
        leptos::task::spawn_local(async move {
            let buffer = match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                Ok(b) => js_sys::Uint8Array::new(&b).to_vec(),
                Err(_) => {
                    import_error.set(Some(format!(
                        "“{name}” could not be read by the browser. Nothing was imported."
                    )));
                    return;
                }
            };
            match read_import(&buffer) {
                Ok(e) => {
                    import_error.set(None);
                    let title = display_name("", &e.workload.name);
                    s.start_new(e, "");
                    s.notice.set(format!("Imported “{name}” as a new evaluation, “{title}”. Your other evaluations are unchanged."));
                }
                Err(why) => import_error.set(Some(format!("“{name}”: {why}"))),
            }
        });
    };

    let status = move || {
        match s.state.get() {
        SaveState::Untouched => view! { <p class="save-state" data-testid="save-state">"Nothing to save yet: your work is saved in this browser as you type."</p> }.into_any(),
        SaveState::Pending => view! { <p class="save-state" data-testid="save-state">"Saving…"</p> }.into_any(),
        SaveState::Saved(ms) => view! {
            <p class="save-state" data-testid="save-state">
                <span aria-hidden="true">"✓ "</span>
                {format!("Saved in this browser at {}. Only you, on this device, can see it.", format_time(ms))}
            </p>
        }
        .into_any(),
        SaveState::Failed(e) => view! {
            <div class="save-failed" role="alert" data-testid="save-failed">
                <p><span aria-hidden="true">"⚠ "</span>{e.message()}</p>
                <button type="button" class="primary" on:click=move |_| export_now()>"Export to a file"</button>
            </div>
        }
        .into_any(),
    }
    };

    let entries = move || {
        let current = s.id.get();
        s.listing
            .get()
            .entries
            .into_iter()
            .map(|e| {
                let id = e.id.clone();
                let is_current = current.as_deref() == Some(id.as_str());
                let (id_open, id_dup, id_del, id_ren, id_save) =
                    (id.clone(), id.clone(), id.clone(), id.clone(), id.clone());
                let name = e.name.clone();
                let name_del = e.name.clone();
                let editing = move || renaming.get().as_deref() == Some(id_ren.as_str());
                let input_id = format!("rename-{id}");
                let input_id2 = input_id.clone();
                view! {
                    <li class:current=is_current data-testid="saved-entry">
                        {move || if editing() {
                            let id_save = id_save.clone();
                            let input_id = input_id.clone();
                            let input_id2 = input_id2.clone();
                            view! {
                                <form class="rename" on:submit=move |ev: leptos::ev::SubmitEvent| {
                                    ev.prevent_default();
                                    let value = web_sys::window()
                                        .and_then(|w| w.document())
                                        .and_then(|d| d.get_element_by_id(&input_id2))
                                        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
                                        .map(|i| i.value())
                                        .unwrap_or_default();
                                    let value = value.trim().chars().take(200).collect::<String>();
                                    if s.id.get_untracked().as_deref() == Some(id_save.as_str()) {
                                        s.name.set(value);
                                    } else if let Err(why) = library().rename(&id_save, &value, now_ms()) {
                                        s.notice.set(why);
                                    }
                                    renaming.set(None);
                                    s.refresh();
                                }>
                                    <label for=input_id.clone()>"New name"</label>
                                    <input id=input_id type="text" maxlength="200" value=name.clone()/>
                                    <button type="submit">"Save name"</button>
                                    <button type="button" on:click=move |_| renaming.set(None)>"Cancel"</button>
                                </form>
                            }.into_any()
                        } else {
                            view! {
                                <span class="entry-name">{name.clone()}</span>
                                {is_current.then(|| view! { <span class="entry-current">" (open)"</span> })}
                            }.into_any()
                        }}
                        <span class="entry-meta">
                            {format!("{} candidate{} · changed {}", e.candidates, if e.candidates == 1 { "" } else { "s" }, format_time(e.updated_ms))}
                        </span>
                        <span class="entry-actions">
                            <button type="button" disabled=is_current on:click=move |_| s.open(&id_open)>"Open"</button>
                            <button type="button" on:click={
                                let id = id.clone();
                                move |_| renaming.set(Some(id.clone()))
                            }>"Rename"</button>
                            <button type="button" on:click=move |_| {
                                s.flush();
                                match library().duplicate(&id_dup, &new_id(), now_ms()) {
                                    Ok(copy) => s.notice.set(format!("Made “{}”.", copy.name)),
                                    Err(why) => s.notice.set(why),
                                }
                                s.refresh();
                            }>"Duplicate"</button>
                            <button type="button" class="danger" on:click=move |_| s.delete(&id_del, &name_del)>"Delete"</button>
                        </span>
                    </li>
                }
            })
            .collect_view()
    };

    let unreadable = move || {
        let list = s.listing.get().unreadable;
        (!list.is_empty()).then(|| {
            let items = list
                .into_iter()
                .map(|u| {
                    let raw = u.raw.clone();
                    let key = u.key.clone();
                    view! {
                        <li>
                            {format!("A saved evaluation could not be read: {}. Its text is kept.", u.reason)}
                            " "
                            <button type="button" on:click=move |_| {
                                let _ = download("scopewise-unreadable-record.json", "application/json", raw.as_bytes());
                            }>"Save its text to a file"</button>
                            <button type="button" class="danger" on:click=move |_| {
                                let _ = library().discard_unreadable(&key);
                                s.refresh();
                            }>"Delete it"</button>
                        </li>
                    }
                })
                .collect_view();
            view! { <ul class="unreadable" data-testid="unreadable" role="alert">{items}</ul> }
        })
    };

    view! {
        <section class="library" aria-labelledby="library-heading">
            <h2 id="library-heading">"Your evaluations"</h2>
            {status}
            <p class="sr-only" role="status" aria-live="polite" data-testid="library-notice">{move || s.notice.get()}</p>
            {move || s.undo.get().map(|(name, raw)| view! {
                <p class="undo" data-testid="undo">
                    {format!("Deleted “{name}”. ")}
                    <button type="button" on:click=move |_| {
                        match library().undo_delete(&raw) {
                            Ok(()) => s.notice.set(format!("“{name}” is back.")),
                            Err(why) => s.notice.set(why),
                        }
                        s.undo.set(None);
                        s.refresh();
                    }>"Undo"</button>
                </p>
            })}
            <div class="library-actions">
                <button type="button" on:click=move |_| s.new_blank()>"New evaluation"</button>
                <label class="file-button">
                    "Import a file…"
                    <input type="file" accept=".json,application/json" data-testid="import-file" on:change=on_import/>
                </label>
                <button type="button" on:click=move |_| export_now()>"Export to a file"</button>
                <button type="button" class="primary" aria-expanded=move || share_open.get().to_string() on:click=move |_| share_open.update(|o| *o = !*o)>"Share…"</button>
            </div>
            {move || import_error.get().map(|e| view! { <p class="import-error" role="alert" data-testid="import-error">{e}</p> })}
            {move || share_open.get().then(|| view! { <share::ShareDialog on_close=Callback::new(move |_| share_open.set(false))/> })}
            <details class="saved-list">
                <summary>{move || format!("Saved on this device ({})", s.listing.with(|l| l.entries.len()))}</summary>
                <ul data-testid="saved-list">{entries}</ul>
                {unreadable}
                <div class="forget">
                    {move || if confirm_forget.get() {
                        view! {
                            <p role="alert">
                                "This deletes every evaluation Scopewise saved in this browser, for good. Export anything you want to keep first. "
                                <button type="button" class="danger" on:click=move |_| {
                                    confirm_forget.set(false);
                                    s.forget_everything();
                                }>"Yes, forget everything"</button>
                                <button type="button" on:click=move |_| confirm_forget.set(false)>"Cancel"</button>
                            </p>
                        }.into_any()
                    } else {
                        view! {
                            <button type="button" class="danger" on:click=move |_| confirm_forget.set(true)>"Forget everything on this device…"</button>
                        }.into_any()
                    }}
                </div>
            </details>
        </section>
    }
}
