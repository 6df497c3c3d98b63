//! Keeping work: evaluations saved in this browser as the user types, the
//! list of them, files in and out, and share links (see [`share`]).
//!
//! The evaluation on screen is one `RwSignal<Evaluation>` ([`Session::eval`]).
//! Every change schedules a save (debounced); hiding or leaving the tab
//! saves at once. When the browser refuses to store, the app says so, keeps
//! the work in the tab, and offers the file.

mod backend;
pub mod crypto;
pub mod keep;
pub mod share;
pub mod tabs;

pub use backend::{format_time, new_id, now_ms, random_bytes, rename_old_keys_then, LocalStorage};

use crate::domain::evaluation::Evaluation;
use crate::domain::RiskTier;
use crate::error::UserError;
use crate::store::backup::{self, RestorePlan};
use crate::store::{
    backup_reminder_due, display_name, id_of_key, read_import, Entry, Library, Listing,
    SaveOutcome, Saved, StoreError, MAX_IMPORT_BYTES, STORE_VERSION,
};
use crate::ui::download::{download, FileRefused};
use leptos::prelude::*;
use std::time::Duration;
use tabs::{Ask, Message};
use wasm_bindgen::JsCast;

/// How long typing must pause before a save.
const SAVE_DELAY: Duration = Duration::from_millis(500);
/// How long "Edit here instead" waits for the other tab to hand over
/// before taking the evaluation from it (a frozen or stuck tab).
const HANDOVER_WAIT: Duration = Duration::from_secs(3);

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
    /// Bumped when another evaluation is opened, or when it turns
    /// read-only or editable here: the workspace remounts.
    pub generation: RwSignal<u32>,
    pub state: RwSignal<SaveState>,
    pub listing: RwSignal<Listing>,
    /// The last deleted record, for "Undo": (name, record JSON).
    pub undo: RwSignal<Option<(String, String)>>,
    /// A sentence about the last action, announced politely.
    pub notice: RwSignal<String>,
    /// Another tab of this browser is editing the evaluation on screen:
    /// who, as that tab describes itself (empty until it answers).
    pub elsewhere: RwSignal<Option<String>>,
    /// Whether the browser keeps Scopewise's storage until the user
    /// deletes it (`None`: not known yet, or the browser cannot say).
    pub persisted: RwSignal<Option<bool>>,
    /// Bytes used and the quota, as the browser estimates them.
    pub usage: RwSignal<Option<(f64, f64)>>,
    /// When everything was last backed up to a file.
    pub last_backup: RwSignal<Option<i64>>,
    /// The revision of the record this tab last read or wrote.
    revision: StoredValue<Option<u64>>,
    /// The JSON last written, so an unchanged evaluation is not rewritten.
    last_saved: StoredValue<String>,
    created_ms: StoredValue<i64>,
    save_token: StoredValue<u64>,
    asked_to_keep: StoredValue<bool>,
    /// This tab's id and how other tabs name it.
    tab: StoredValue<(String, String)>,
}

fn library() -> Library<LocalStorage> {
    Library::new(LocalStorage)
}

fn save_file(name: &str, mime: &str, bytes: &[u8]) -> Result<(), FileRefused> {
    download(name, mime, bytes)
}

impl Session {
    /// Starts the session: reopens the evaluation that was open last, and
    /// arranges for every change to be saved.
    pub fn start() -> Session {
        let opened = format!("the tab opened at {}", time_of_day(now_ms()));
        let s = Session {
            eval: RwSignal::new(Evaluation::new(RiskTier::Regulated)),
            id: RwSignal::new(None),
            name: RwSignal::new(String::new()),
            generation: RwSignal::new(0),
            state: RwSignal::new(SaveState::Untouched),
            listing: RwSignal::new(Listing::default()),
            undo: RwSignal::new(None),
            notice: RwSignal::new(String::new()),
            elsewhere: RwSignal::new(None),
            persisted: RwSignal::new(None),
            usage: RwSignal::new(None),
            last_backup: RwSignal::new(library().last_backup().ok().flatten()),
            revision: StoredValue::new(None),
            last_saved: StoredValue::new(String::new()),
            created_ms: StoredValue::new(0),
            save_token: StoredValue::new(0),
            asked_to_keep: StoredValue::new(false),
            tab: StoredValue::new((new_id(), opened)),
        };
        s.refresh();
        let lib = library();
        match lib.open_id() {
            Ok(Some(id)) => match lib.load(&id) {
                Ok(Some(saved)) => {
                    s.show(saved);
                    s.claim(&id);
                }
                Ok(None) => {}
                Err(why) => s.notice.set(format!(
                    "The evaluation you had open could not be read ({}). It is kept aside in the list below.",
                    why.message()
                )),
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
        // The other tabs: who edits what, and what they saved.
        tabs::listen(move |m| s.on_message(m));
        // Without a channel, the storage event still tells of saves.
        crate::ui::on_window("storage", move |ev| {
            if !s.alive() {
                return;
            }
            let key = ev.dyn_ref::<web_sys::StorageEvent>().and_then(|e| e.key());
            match key.as_deref().and_then(id_of_key) {
                Some(id) if s.id.get_untracked().as_deref() == Some(id) => s.follow(),
                Some(_) => s.refresh(),
                None => {}
            }
        });
        leptos::task::spawn_local(async move {
            s.persisted.try_set(keep::persisted(false).await);
            s.usage.try_set(keep::estimate().await);
        });
        s
    }

    /// Whether another tab is editing the evaluation on screen.
    pub fn edited_elsewhere(&self) -> bool {
        self.elsewhere.with_untracked(Option::is_some)
    }

    /// Whether `id` is the evaluation on screen (false once the session is
    /// gone: callbacks that come back later then do nothing).
    fn showing(&self, id: &str) -> bool {
        self.id.try_get_untracked().flatten().as_deref() == Some(id)
    }

    /// False once the session is gone (its listeners live as long as the
    /// page, and then do nothing).
    fn alive(&self) -> bool {
        self.id.try_get_untracked().is_some()
    }

    fn show(&self, saved: Saved) {
        self.save_token.update_value(|t| *t = t.wrapping_add(1));
        self.created_ms.set_value(saved.created_ms);
        self.revision.set_value(Some(saved.revision));
        self.id.set(Some(saved.id));
        self.name.set(saved.name);
        self.eval.set(saved.evaluation);
        self.last_saved.set_value(self.snapshot());
        self.state.set(SaveState::Saved(saved.updated_ms));
        self.generation.update(|g| *g += 1);
    }

    /// Makes this tab the editor of `id` if no other tab is; otherwise
    /// shows it read-only, asks who edits it, and waits in line.
    fn claim(&self, id: &str) {
        let s = *self;
        let id = id.to_string();
        leptos::task::spawn_local(async move {
            if tabs::hold(&id, Ask::IfFree).await {
                if s.showing(&id) {
                    s.announce_held(&id);
                } else {
                    tabs::release(&id);
                }
                return;
            }
            if !s.showing(&id) {
                return;
            }
            s.set_elsewhere(Some(String::new()));
            tabs::post(&Message::Who { id: id.clone() });
            s.wait_for(id).await;
        });
    }

    /// Waits in line for `id`; once this tab has it, shows the newest saved
    /// version, editable.
    async fn wait_for(self, id: String) {
        let _ = tabs::hold(&id, Ask::Wait).await;
        if !self.showing(&id) {
            tabs::release(&id);
            return;
        }
        match library().load(&id) {
            Ok(Some(saved)) => self.show(saved),
            Ok(None) => {}
            Err(e) => self.notice.set(e.sentence()),
        }
        if self.edited_elsewhere() {
            self.set_elsewhere(None);
            self.notice
                .set("You can edit this evaluation here now: the other tab let go of it.".into());
        }
        self.announce_held(&id);
    }

    fn announce_held(&self, id: &str) {
        if self.edited_elsewhere() {
            self.set_elsewhere(None);
        }
        let (tab, by) = self.tab.get_value();
        tabs::post(&Message::Held {
            id: id.to_string(),
            tab,
            by,
        });
    }

    fn set_elsewhere(&self, who: Option<String>) {
        let was = self.edited_elsewhere();
        self.elsewhere.set(who);
        if was != self.edited_elsewhere() {
            // The workspace turns read-only or editable.
            self.generation.update(|g| *g += 1);
        }
    }

    /// "Edit here instead": asks the tab editing it to save and let go;
    /// takes it after a few seconds if that tab does not answer.
    pub fn edit_here(&self) {
        let Some(id) = self.id.get_untracked() else {
            return;
        };
        let (tab, by) = self.tab.get_value();
        tabs::post(&Message::Handover {
            id: id.clone(),
            tab,
            by,
        });
        self.notice
            .set("Asking the other tab to save and let go of this evaluation…".into());
        let s = *self;
        set_timeout(
            move || {
                if s.showing(&id) && s.edited_elsewhere() {
                    leptos::task::spawn_local(async move {
                        if tabs::hold(&id, Ask::Steal).await {
                            s.wait_for(id).await;
                        }
                    });
                }
            },
            HANDOVER_WAIT,
        );
    }

    fn on_message(&self, m: Message) {
        if !self.alive() {
            return;
        }
        let current = self.id.get_untracked();
        let here = |id: &str| current.as_deref() == Some(id);
        match m {
            Message::Who { id } if here(&id) && !self.edited_elsewhere() && tabs::holds(&id) => {
                self.announce_held(&id)
            }
            Message::Held { id, by, tab }
                if here(&id) && tab != self.tab.get_value().0 && self.edited_elsewhere() =>
            {
                self.elsewhere.set(Some(by))
            }
            Message::Saved { id, .. } => {
                if here(&id) {
                    self.follow();
                } else {
                    self.refresh();
                }
            }
            Message::Handover { id, by, .. } if here(&id) && !self.edited_elsewhere() => {
                // Save every keystroke first, then let go and wait in line.
                self.flush();
                self.set_elsewhere(Some(by));
                tabs::release(&id);
                self.notice.set(
                    "Another tab asked to edit this evaluation: everything typed here is saved, and it is read-only here now.".into(),
                );
                let s = *self;
                leptos::task::spawn_local(async move { s.wait_for(id).await });
            }
            _ => {}
        }
    }

    /// Another tab saved the evaluation on screen: a read-only tab shows
    /// the new version.
    fn follow(&self) {
        self.refresh();
        let Some(id) = self.id.get_untracked() else {
            return;
        };
        if !self.edited_elsewhere() {
            return;
        }
        if let Ok(Some(saved)) = library().load(&id) {
            if Some(saved.revision) != self.revision.get_value() {
                self.show(saved);
            }
        }
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
        if self.edited_elsewhere() || self.last_saved.with_value(|l| *l == self.snapshot()) {
            return;
        }
        self.state.set(SaveState::Pending);
        let token = self.save_token.get_value().wrapping_add(1);
        self.save_token.set_value(token);
        let s = *self;
        set_timeout(
            move || {
                if s.save_token.try_get_value() == Some(token) {
                    s.flush();
                }
            },
            SAVE_DELAY,
        );
    }

    /// Lets go of the evaluation on screen (another is opened).
    fn let_go(&self) {
        if let Some(id) = self.id.get_untracked() {
            tabs::release(&id);
        }
        self.set_elsewhere(None);
    }

    /// Drops any save still waiting, and shows a blank evaluation that is
    /// not saved until something is typed.
    fn reset_unsaved(&self) {
        self.let_go();
        self.save_token.update_value(|t| *t = t.wrapping_add(1));
        self.id.set(None);
        self.revision.set_value(None);
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
            Err(e) => self.notice.set(e.sentence()),
        }
        self.refresh();
    }

    /// Empties the browser's storage of everything Scopewise wrote.
    pub fn forget_everything(&self) {
        self.reset_unsaved();
        self.undo.set(None);
        let left = library().forget_everything();
        self.last_backup.set(None);
        self.refresh();
        self.notice.set(match left {
            Ok(0) => "Everything Scopewise kept in this browser is gone.".into(),
            Ok(n) => format!("{n} item(s) could not be deleted: the browser refused."),
            Err(e) => e.sentence(),
        });
    }

    /// Saves now, if anything changed since the last save. Never while
    /// another tab edits it, and never over a revision this tab has not
    /// seen: then this tab's work is kept beside it as a copy.
    pub fn flush(&self) {
        if !self.alive()
            || self.edited_elsewhere()
            || (self.state.get_untracked() != SaveState::Pending
                && !matches!(self.state.get_untracked(), SaveState::Failed(_)))
        {
            return;
        }
        let evaluation = self.eval.get_untracked();
        let now = now_ms();
        let mut lib = library();
        let known = self.id.get_untracked();
        let id = known.clone().unwrap_or_else(new_id);
        if known.is_none() {
            self.created_ms.set_value(now);
        }
        let saved = Saved {
            store: STORE_VERSION,
            id: id.clone(),
            name: self.name.get_untracked(),
            created_ms: self.created_ms.get_value(),
            updated_ms: now,
            revision: 0,
            evaluation,
        };
        let copy = |s: &Saved| {
            (
                new_id(),
                format!(
                    "{} (this tab's changes, {})",
                    s.display_name(),
                    format_time(now)
                ),
            )
        };
        let outcome = lib.save_checked(&saved, self.revision.get_value(), copy);
        let written = match outcome {
            Ok(SaveOutcome::Saved { revision }) => {
                self.revision.set_value(Some(revision));
                Saved { revision, ..saved }
            }
            Ok(SaveOutcome::KeptAsCopy { copy, .. }) => {
                self.notice.set(format!(
                    "This evaluation was changed elsewhere (another tab or window) since this tab last saved it. Nothing was overwritten: the other version is kept as it is, and this tab's changes are saved beside it as “{}”, now open here.",
                    copy.name
                ));
                self.let_go();
                self.revision.set_value(Some(copy.revision));
                self.name.set(copy.name.clone());
                *copy
            }
            Err(e) => {
                self.state.set(SaveState::Failed(e));
                return;
            }
        };
        let _ = lib.set_open_id(&written.id);
        self.last_saved.set_value(self.snapshot());
        // Only this line of the list changed: update it in place rather
        // than re-reading every saved evaluation.
        let entry = Entry::of(&written);
        self.listing.update(|l| {
            l.entries.retain(|e| e.id != entry.id);
            l.entries.insert(0, entry); // the newest, so first
        });
        if self.id.get_untracked().as_deref() != Some(written.id.as_str()) {
            self.id.set(Some(written.id.clone()));
            self.claim(&written.id);
        }
        self.state.set(SaveState::Saved(now));
        tabs::post(&Message::Saved {
            id: written.id,
            tab: self.tab.get_value().0,
            revision: written.revision,
        });
        self.keep_asking();
    }

    /// On the first save of this page: asks the browser to keep the
    /// storage (`navigator.storage.persist()`), and measures it.
    fn keep_asking(&self) {
        let first = !self.asked_to_keep.get_value();
        self.asked_to_keep.set_value(true);
        let s = *self;
        leptos::task::spawn_local(async move {
            if first {
                s.persisted.try_set(keep::persisted(true).await);
            }
            s.usage.try_set(keep::estimate().await);
        });
    }

    /// Opens a saved evaluation (after saving the current one).
    pub fn open(&self, id: &str) {
        self.flush();
        let mut lib = library();
        match lib.load(id) {
            Ok(Some(saved)) => {
                self.let_go();
                let _ = lib.set_open_id(id);
                let name = saved.display_name();
                self.show(saved);
                self.claim(id);
                self.notice.set(format!("Opened “{name}”."));
            }
            Ok(None) => self.notice.set(StoreError::Missing.sentence()),
            Err(why) => self.notice.set(format!(
                "That evaluation could not be read: {}.",
                why.message()
            )),
        }
    }

    /// Starts a new evaluation (the current one stays saved), holding
    /// `evaluation`, saved at once under `name`.
    pub fn start_new(&self, evaluation: Evaluation, name: &str) {
        self.flush();
        self.let_go();
        self.save_token.update_value(|t| *t = t.wrapping_add(1));
        self.id.set(None);
        self.revision.set_value(None);
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

    /// Saves every evaluation to one file, and remembers when.
    pub fn back_up(&self) {
        self.flush();
        let now = now_ms();
        let all = match library().all() {
            Ok(all) => all,
            Err(e) => return self.notice.set(e.sentence()),
        };
        let file = backup::make_backup(&all, now);
        let name = format!("scopewise-backup-{}.json", date_of(now));
        match save_file(&name, "application/json", file.as_bytes()) {
            Ok(()) => {
                let _ = library().set_last_backup(now);
                self.last_backup.set(Some(now));
                self.notice.set(format!(
                    "Backed up {} evaluation{} to “{name}”, in your downloads.",
                    all.len(),
                    if all.len() == 1 { "" } else { "s" }
                ));
            }
            Err(e) => self.notice.set(e.sentence()),
        }
    }
}

/// "14:02:07" on the device's clock.
fn time_of_day(ms: i64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!(
        "{:02}:{:02}:{:02}",
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds()
    )
}

/// "2026-11-23" on the device's calendar.
fn date_of(ms: i64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// The file chosen in a file input (which is then emptied, so choosing
/// the same file again is noticed).
fn picked_file(ev: &leptos::ev::Event) -> Option<web_sys::File> {
    let input = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())?;
    let file = input.files().and_then(|f| f.get(0))?;
    input.set_value("");
    Some(file)
}

/// A file's bytes, read whole; `None` when the browser could not read it.
async fn file_bytes(file: &web_sys::File) -> Option<Vec<u8>> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
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
pub fn export_file(evaluation: &Evaluation, file_name: &str) -> Result<(), FileRefused> {
    save_file(
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
            Err(why) => s.notice.set(why.sentence()),
        }
    };

    let on_import = move |ev: leptos::ev::Event| {
        let Some(file) = picked_file(&ev) else {
            return;
        };
        let name = file.name();
        if file.size() > MAX_IMPORT_BYTES as f64 {
            let e = crate::store::ImportError::TooLarge(file.size() as usize);
            import_error.set(Some(format!("“{name}”: {}", e.sentence())));
            return;
        }
        leptos::task::spawn_local(async move {
            let buffer = match file_bytes(&file).await {
                Some(b) => b,
                None => {
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
                Err(why) => import_error.set(Some(format!("“{name}”: {}", why.sentence()))),
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
                <p><span aria-hidden="true">"⚠ "</span>{e.sentence()}</p>
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
                                        s.notice.set(why.sentence());
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
                                    Err(why) => s.notice.set(why.sentence()),
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
                            {format!("A saved evaluation could not be read: {}. Its text is kept.", u.reason.message())}
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

    let elsewhere = move || {
        s.elsewhere.get().map(|who| {
            let who = if who.is_empty() { "another tab".to_string() } else { who };
            view! {
                <div class="held-elsewhere" role="status" data-testid="held-elsewhere">
                    <p>
                        <span aria-hidden="true">"🔒 "</span>
                        {format!("This evaluation is open for editing in another tab of this browser ({who}). It is read-only here, and follows what is saved there, so no change is lost.")}
                    </p>
                    <button type="button" class="primary" on:click=move |_| s.edit_here()>"Edit here instead"</button>
                </div>
            }
        })
    };

    let keep_status = move || {
        let kept = s.persisted.get();
        let words = match kept {
            Some(true) => "Kept until you delete it: this browser has agreed to keep what Scopewise saves.".to_string(),
            _ => "The browser may clear this: it keeps what Scopewise saves only while it has room (and Safari clears it after 7 days without a visit). Back up everything to keep a copy.".to_string(),
        };
        let usage = s.usage.get().map(|(used, quota)| {
            format!(
                " Using {} of the {} this browser allows this site.",
                keep::human_size(used),
                keep::human_size(quota)
            )
        });
        view! {
            <p class="keep-status" data-testid="keep-status" data-persisted=move || kept.map_or("unknown", |k| if k { "yes" } else { "no" })>
                {words}{usage}
            </p>
        }
    };

    let reminder = move || {
        let oldest = s
            .listing
            .with(|l| l.entries.iter().map(|e| e.created_ms).min());
        backup_reminder_due(now_ms(), s.persisted.get(), s.last_backup.get(), oldest).then(|| view! {
            <p class="hint backup-reminder" data-testid="backup-reminder">
                {match s.last_backup.get() {
                    Some(ms) => format!("Your last backup was on {}, and this browser may clear what it keeps. ", format_time(ms)),
                    None => "Nothing has been backed up for over 30 days, and this browser may clear what it keeps. ".to_string(),
                }}
                <button type="button" class="link-button" on:click=move |_| s.back_up()>"Back up everything now"</button>
            </p>
        })
    };

    let restore_plan: RwSignal<Option<(RestorePlan, i64)>> = RwSignal::new(None);
    let restore_error: RwSignal<Option<String>> = RwSignal::new(None);
    let on_restore = move |ev: leptos::ev::Event| {
        let Some(file) = picked_file(&ev) else {
            return;
        };
        restore_plan.set(None);
        restore_error.set(None);
        let name = file.name();
        leptos::task::spawn_local(async move {
            let bytes = match file_bytes(&file).await {
                Some(b) => b,
                None => {
                    restore_error.set(Some(format!(
                        "“{name}” could not be read by the browser. Nothing was restored."
                    )));
                    return;
                }
            };
            match backup::read_backup(&bytes) {
                Ok(b) => {
                    s.flush();
                    match backup::plan_restore(&mut library(), &b) {
                        Ok(plan) => restore_plan.set(Some((plan, b.made_ms))),
                        Err(e) => restore_error.set(Some(e.sentence())),
                    }
                }
                Err(e) => restore_error.set(Some(format!("“{name}”: {}", e.sentence()))),
            }
        });
    };
    let apply = move || {
        let Some((plan, made)) = restore_plan.get_untracked() else {
            return;
        };
        let label = format_time(made);
        let copy = |theirs: &Saved| {
            (
                new_id(),
                format!("{} (from the backup of {label})", theirs.display_name()),
            )
        };
        match backup::apply_restore(&mut library(), &plan, copy) {
            Ok(done) => s.notice.set(format!(
                "Restored: {} added, {} kept beside the ones here, {} already here. Nothing here was overwritten.",
                done.added,
                done.kept_beside,
                plan.unchanged.len()
            )),
            Err(e) => s.notice.set(format!("Nothing was restored: {}", e.sentence())),
        }
        restore_plan.set(None);
        s.refresh();
    };
    let plan_view = move || {
        restore_plan.get().map(|(plan, made)| {
            let n = plan.add.len() + plan.unchanged.len() + plan.clashes.len();
            let clashes = plan
                .clashes
                .iter()
                .map(|(here, theirs)| view! { <li>{format!("“{here}” differs from the backup's “{}”: the one here stays, and the backup's is added beside it as a copy.", theirs.display_name())}</li> })
                .collect_view();
            view! {
                <div class="restore-plan" role="alert" data-testid="restore-plan">
                    <p>{format!(
                        "This backup, made {}, holds {n} evaluation{}: {} to add, {} already here (left as they are), {} that differ from the ones here.",
                        format_time(made),
                        if n == 1 { "" } else { "s" },
                        plan.add.len(),
                        plan.unchanged.len(),
                        plan.clashes.len()
                    )}</p>
                    {(!plan.clashes.is_empty()).then(|| view! { <ul>{clashes}</ul> })}
                    <p>"Nothing saved here is overwritten."</p>
                    <button type="button" class="primary" on:click=move |_| apply()>"Restore"</button>
                    <button type="button" on:click=move |_| restore_plan.set(None)>"Cancel"</button>
                </div>
            }
        })
    };

    view! {
        <section class="library" aria-labelledby="library-heading">
            <h2 id="library-heading">"Your evaluations"</h2>
            {status}
            {elsewhere}
            {keep_status}
            {reminder}
            <p class="sr-only" role="status" aria-live="polite" data-testid="library-notice">{move || s.notice.get()}</p>
            {move || s.undo.get().map(|(name, raw)| view! {
                <p class="undo" data-testid="undo">
                    {format!("Deleted “{name}”. ")}
                    <button type="button" on:click=move |_| {
                        match library().undo_delete(&raw) {
                            Ok(()) => s.notice.set(format!("“{name}” is back.")),
                            Err(why) => s.notice.set(why.sentence()),
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
            <div class="library-actions">
                <button type="button" on:click=move |_| s.back_up()>"Back up everything"</button>
                <label class="file-button">
                    "Restore from a backup…"
                    <input type="file" accept=".json,application/json" data-testid="restore-file" on:change=on_restore/>
                </label>
            </div>
            {move || import_error.get().map(|e| view! { <p class="import-error" role="alert" data-testid="import-error">{e}</p> })}
            {move || restore_error.get().map(|e| view! { <p class="import-error" role="alert" data-testid="restore-error">{e}</p> })}
            {plan_view}
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
