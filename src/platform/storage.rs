//! Drafts and preferences in the browser's local storage, as JSON under `lytt.` keys.
//!
//! Reads and writes go through `read` and `write` below, on web-sys's `Storage`: a browser
//! without storage, or one that refuses a write, gives a value the caller handles, never a
//! panic. (gloo-storage did this before; its error type, which keeps JavaScript's error text
//! that nobody is shown, cost the start page's wasm 1.7 KB, 0.7 KB gzipped.)

use lytt_core::draft::DraftStamp;
use lytt_core::kiosk::DeviceMode;
use lytt_core::pause::PausedDraft;
use lytt_core::{DeviceKind, Draft, DRAFT_MAX_AGE_DAYS};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Key prefix of a draft: `lytt.draft.<survey id>`.
pub const DRAFT_PREFIX: &str = "lytt.draft.";
/// Key prefix of unreadable data that was set aside: `lytt.set-aside.<day>.<original key>`.
pub const SET_ASIDE_PREFIX: &str = "lytt.set-aside.";
/// Key of the chosen language.
pub const LANGUAGE_KEY: &str = "lytt.language";
/// Key of the kind of device: `"shared"` on a shared or public computer.
pub const DEVICE_KEY: &str = "lytt.device";
/// Key of the device's mode (kiosk or interviews), absent on a personal or shared device.
pub const MODE_KEY: &str = "lytt.mode";
/// Key prefix of an interview in progress: `lytt.interview.<survey id>`.
pub const INTERVIEW_PREFIX: &str = "lytt.interview.";
/// Key prefix of a draft paused under a resume code: `lytt.paused.<survey id>.<random>`.
pub const PAUSED_PREFIX: &str = "lytt.paused.";

/// Why something could not be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageProblem {
    /// The browser offers no local storage (blocked, private mode, policy).
    Unavailable,
    /// Local storage refused the write, almost always because it is full.
    Full,
}

/// What reading a stored draft found.
#[derive(Debug, Clone, PartialEq)]
pub enum StoredDraft {
    /// No draft is stored for this survey (or storage is unavailable).
    None,
    /// A readable draft.
    Found(Draft),
    /// The stored data could not be read; it was moved aside under another key.
    SetAside,
}

/// What the start-up sweep did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SweepReport {
    /// Drafts removed because they were older than 14 days.
    pub expired: usize,
    /// Unreadable entries moved aside.
    pub set_aside: usize,
}

fn raw() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// What reading one key found.
enum Read<T> {
    /// Nothing is stored under the key (or storage cannot be read).
    Absent,
    /// The value.
    Found(T),
    /// Something is stored, but it is not JSON of the expected shape.
    Unreadable,
}

fn read<T: DeserializeOwned>(storage: &web_sys::Storage, key: &str) -> Read<T> {
    match storage.get_item(key) {
        Ok(Some(text)) => serde_json::from_str(&text).map_or(Read::Unreadable, Read::Found),
        _ => Read::Absent,
    }
}

fn write<T: Serialize + ?Sized>(key: &str, value: &T) -> Result<(), StorageProblem> {
    let storage = raw().ok_or(StorageProblem::Unavailable)?;
    // Serialising the app's own plain data cannot fail; a refused write is a full storage.
    let text = serde_json::to_string(value).map_err(|_| StorageProblem::Full)?;
    storage.set_item(key, &text).map_err(|_| StorageProblem::Full)
}

fn remove(key: &str) {
    if let Some(storage) = raw() {
        let _ = storage.remove_item(key);
    }
}

/// Whether local storage can be used at all.
pub fn is_available() -> bool {
    raw().is_some()
}

/// Where a draft is kept: a person's own answers, or an interview in progress (kept apart, so
/// an interviewer's phone can hold both).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftSlot {
    /// `lytt.draft.<survey id>`.
    Own,
    /// `lytt.interview.<survey id>`.
    Interview,
}

impl DraftSlot {
    /// Where a draft given on this kind of device is kept, if it may be kept at all.
    pub fn for_device(kind: DeviceKind) -> Option<DraftSlot> {
        match kind {
            DeviceKind::Own => Some(DraftSlot::Own),
            DeviceKind::Interview => Some(DraftSlot::Interview),
            DeviceKind::Shared | DeviceKind::Kiosk => None,
        }
    }

    fn key(self, survey_id: &str) -> String {
        match self {
            DraftSlot::Own => format!("{DRAFT_PREFIX}{survey_id}"),
            DraftSlot::Interview => format!("{INTERVIEW_PREFIX}{survey_id}"),
        }
    }
}

/// Writes a draft.
pub fn save_draft(draft: &Draft) -> Result<(), StorageProblem> {
    save_draft_in(DraftSlot::Own, draft)
}

/// Writes a draft in a slot.
pub fn save_draft_in(slot: DraftSlot, draft: &Draft) -> Result<(), StorageProblem> {
    write(&slot.key(&draft.survey), draft)
}

/// Reads the draft of a survey, setting unreadable data aside.
pub fn load_draft(survey_id: &str, today: i64) -> StoredDraft {
    load_draft_in(DraftSlot::Own, survey_id, today)
}

/// Reads the draft of a survey from a slot, setting unreadable data aside.
pub fn load_draft_in(slot: DraftSlot, survey_id: &str, today: i64) -> StoredDraft {
    let Some(storage) = raw() else {
        return StoredDraft::None;
    };
    let key = slot.key(survey_id);
    match read::<Draft>(&storage, &key) {
        Read::Found(draft) if draft.survey == survey_id => StoredDraft::Found(draft),
        Read::Found(_) | Read::Unreadable => {
            set_aside(&storage, &key, today);
            StoredDraft::SetAside
        }
        Read::Absent => StoredDraft::None,
    }
}

/// Removes the draft of a survey.
pub fn delete_draft(survey_id: &str) {
    delete_draft_in(DraftSlot::Own, survey_id);
}

/// Removes the draft of a survey from a slot.
pub fn delete_draft_in(slot: DraftSlot, survey_id: &str) {
    remove(&slot.key(survey_id));
}

/// Moves an unreadable value to a set-aside key, so it is neither lost nor read again.
fn set_aside(storage: &web_sys::Storage, key: &str, today: i64) {
    if let Ok(Some(value)) = storage.get_item(key) {
        // If even the copy cannot be written (storage full), the value is dropped rather
        // than left where it breaks every start.
        let _ = storage.set_item(&format!("{SET_ASIDE_PREFIX}{today}.{key}"), &value);
    }
    let _ = storage.remove_item(key);
}

fn keys(storage: &web_sys::Storage) -> Vec<String> {
    let count = storage.length().unwrap_or(0);
    (0..count).filter_map(|i| storage.key(i).ok().flatten()).collect()
}

/// Whether anything of answering is kept in this browser: a draft, paused answers, an
/// interview, or a kiosk or interviewer mode. Only the keys are looked at.
pub fn holds_answering() -> bool {
    [raw(), session()].into_iter().flatten().any(|storage| {
        keys(&storage).iter().any(|key| {
            key == MODE_KEY || [DRAFT_PREFIX, PAUSED_PREFIX, INTERVIEW_PREFIX].iter().any(|p| key.starts_with(p))
        })
    })
}

/// At start: removes drafts untouched for more than 14 days, sets unreadable ones aside and
/// removes set-aside data older than 14 days. Only each draft's stamp is read (its survey and
/// age); answers that do not read are set aside when the survey is opened.
pub fn sweep(today: i64) -> SweepReport {
    let mut report = SweepReport::default();
    let Some(storage) = raw() else {
        return report;
    };
    for key in keys(&storage) {
        let draft_of = key.strip_prefix(DRAFT_PREFIX).or_else(|| key.strip_prefix(INTERVIEW_PREFIX));
        if let Some(survey_id) = draft_of {
            match read::<DraftStamp>(&storage, &key) {
                Read::Found(draft) if draft.survey == survey_id => {
                    if draft.is_expired(today) {
                        let _ = storage.remove_item(&key);
                        report.expired += 1;
                    }
                }
                Read::Found(_) | Read::Unreadable => {
                    set_aside(&storage, &key, today);
                    report.set_aside += 1;
                }
                Read::Absent => {}
            }
        } else if let Some(rest) = key.strip_prefix(SET_ASIDE_PREFIX) {
            let day = rest.split('.').next().and_then(|d| d.parse::<i64>().ok());
            if day.is_none_or(|day| today - day > DRAFT_MAX_AGE_DAYS) {
                let _ = storage.remove_item(&key);
            }
        }
    }
    report
}

/// The language the person chose last time.
pub fn load_language() -> Option<String> {
    match read::<String>(&raw()?, LANGUAGE_KEY) {
        Read::Found(tag) => Some(tag),
        _ => None,
    }
}

/// Remembers the chosen language (a failure only means it is not remembered).
pub fn save_language(tag: &str) {
    let _ = write(LANGUAGE_KEY, tag);
}

/// Key of the outbox: sealed records waiting to be delivered.
pub const OUTBOX_KEY: &str = "lytt.outbox";

pub use lytt_core::outbox::OutboxEntry;

/// Everything in the outbox (empty if storage is unavailable or the outbox unreadable; an
/// unreadable outbox is set aside, not deleted).
pub fn load_outbox(today: i64) -> Vec<OutboxEntry> {
    let Some(storage) = raw() else {
        return Vec::new();
    };
    match read::<Vec<OutboxEntry>>(&storage, OUTBOX_KEY) {
        Read::Found(entries) => entries,
        Read::Unreadable => {
            set_aside(&storage, OUTBOX_KEY, today);
            Vec::new()
        }
        Read::Absent => Vec::new(),
    }
}

/// Whether the outbox holds anything (it is removed when it empties), without reading it.
pub fn outbox_waiting() -> bool {
    raw().is_some_and(|storage| storage.get_item(OUTBOX_KEY).ok().flatten().is_some())
}

/// Adds a sealed record to the outbox.
pub fn add_to_outbox(entry: OutboxEntry, today: i64) -> Result<(), StorageProblem> {
    if !is_available() {
        return Err(StorageProblem::Unavailable);
    }
    let mut entries = load_outbox(today);
    entries.push(entry);
    write(OUTBOX_KEY, &entries)
}

/// Lets the held records of a survey go to their inbox.
pub fn release_in_outbox(survey: &str, today: i64) {
    if !is_available() {
        return;
    }
    let mut entries = load_outbox(today);
    if lytt_core::outbox::release(&mut entries, survey) > 0 {
        let _ = write(OUTBOX_KEY, &entries);
    }
}

/// Removes delivered records from the outbox.
pub fn remove_from_outbox(ids: &[String], today: i64) {
    if !is_available() {
        return;
    }
    let mut entries = load_outbox(today);
    entries.retain(|e| !ids.contains(&e.id));
    if entries.is_empty() {
        remove(OUTBOX_KEY);
    } else {
        let _ = write(OUTBOX_KEY, &entries);
    }
}

/// Whether this device was said to be a shared or public computer.
pub fn load_shared_device() -> bool {
    raw().is_some_and(|storage| matches!(read::<String>(&storage, DEVICE_KEY), Read::Found(v) if v == "shared"))
}

/// Remembers the kind of device (not an answer: safe to keep on a shared computer).
pub fn save_shared_device(shared: bool) {
    let _ = write(DEVICE_KEY, if shared { "shared" } else { "own" });
}

/// Stores a draft sealed under a resume code.
pub fn save_paused(key_suffix: &str, paused: &PausedDraft) -> Result<(), StorageProblem> {
    write(&format!("{PAUSED_PREFIX}{}.{key_suffix}", paused.survey), paused)
}

/// The paused drafts of a survey that have not expired, with their keys.
pub fn load_paused(survey_id: &str, now_hour: i64) -> Vec<(String, PausedDraft)> {
    let Some(storage) = raw() else {
        return Vec::new();
    };
    let prefix = format!("{PAUSED_PREFIX}{survey_id}.");
    keys(&storage)
        .into_iter()
        .filter(|key| key.starts_with(&prefix))
        .filter_map(|key| match read::<PausedDraft>(&storage, &key) {
            Read::Found(paused) => Some((key, paused)),
            _ => None,
        })
        .filter(|(_, p)| p.survey == survey_id && !p.is_expired(now_hour))
        .collect()
}

/// Removes a paused draft (resumed, or expired).
pub fn delete_paused(key: &str) {
    remove(key);
}

/// Removes paused drafts older than 72 hours, and unreadable ones (nobody can read them anyway).
pub fn sweep_paused(now_hour: i64) {
    let Some(storage) = raw() else {
        return;
    };
    for key in keys(&storage).into_iter().filter(|k| k.starts_with(PAUSED_PREFIX)) {
        let expired = match read::<PausedDraft>(&storage, &key) {
            Read::Found(paused) => paused.is_expired(now_hour),
            Read::Absent => false,
            Read::Unreadable => true,
        };
        if expired {
            let _ = storage.remove_item(&key);
        }
    }
}

/// The device's mode, if it is a kiosk or an interviewer's phone. Unreadable data is set aside
/// (and reported, as other unreadable data is).
pub fn load_mode(today: i64) -> StoredMode {
    let Some(storage) = raw() else {
        return StoredMode::None;
    };
    match read::<DeviceMode>(&storage, MODE_KEY) {
        Read::Found(mode) => StoredMode::Found(mode),
        Read::Unreadable => {
            set_aside(&storage, MODE_KEY, today);
            StoredMode::SetAside
        }
        Read::Absent => StoredMode::None,
    }
}

/// What reading the device's mode found.
#[derive(Debug, Clone, PartialEq)]
pub enum StoredMode {
    /// A personal or shared device.
    None,
    /// A kiosk or an interviewer's phone.
    Found(DeviceMode),
    /// Unreadable; set aside.
    SetAside,
}

/// Remembers the device's mode (`None`: back to a personal or shared device).
pub fn save_mode(mode: Option<&DeviceMode>) -> Result<(), StorageProblem> {
    match mode {
        Some(mode) => write(MODE_KEY, mode),
        None if is_available() => {
            remove(MODE_KEY);
            Ok(())
        }
        None => Err(StorageProblem::Unavailable),
    }
}

/// Key prefix of a survey being built: `lytt.build.<key>`. A survey holds no answers, so it may
/// be kept: a reload or a closed tab loses nothing.
#[cfg(feature = "owner")]
pub const BUILD_PREFIX: &str = "lytt.build.";

#[cfg(feature = "owner")]
pub fn save_built(key: &str, builder: &lytt_core::builder::Builder) -> Result<(), StorageProblem> {
    write(&format!("{BUILD_PREFIX}{key}"), builder)
}

/// The surveys being built, by key; unreadable entries are left where they are.
#[cfg(feature = "owner")]
pub fn load_built() -> Vec<(String, lytt_core::builder::Builder)> {
    let Some(storage) = raw() else { return Vec::new() };
    let mut out: Vec<(String, lytt_core::builder::Builder)> = keys(&storage)
        .into_iter()
        .filter_map(|key| {
            let short = key.strip_prefix(BUILD_PREFIX)?.to_string();
            match read(&storage, &key) {
                Read::Found(builder) => Some((short, builder)),
                _ => None,
            }
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[cfg(feature = "owner")]
pub fn delete_built(key: &str) {
    remove(&format!("{BUILD_PREFIX}{key}"));
}

/// Key of the surveys kept from links on this device: a list in the format of
/// `surveys/index.json`, for the start page (read with the same code as the site's list). Each
/// survey's file is under `lytt.linked.<id>`, as its text.
pub const LINKED_KEY: &str = "lytt.linked";

fn linked_key(id: &str) -> String {
    format!("{LINKED_KEY}.{id}")
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The surveys kept from links on this device, for the start page (a survey forgotten by
/// `forget_linked` is left out here, and out of the list at the next `save_linked`).
pub fn linked_surveys() -> Vec<lytt_core::CatalogEntry> {
    let Some(text) = raw().and_then(|storage| storage.get_item(LINKED_KEY).ok().flatten()) else {
        return Vec::new();
    };
    let mut surveys = lytt_core::parse_catalog(&text).map(|c| c.surveys).unwrap_or_default();
    surveys.retain(|e| is_linked(&e.id));
    surveys
}

/// Keeps a survey opened from a link, so that it opens again offline and after a reload. On a
/// shared computer it is kept only in this tab (session storage): its title must not tell the
/// next person what was answered here.
pub fn save_linked(entry: lytt_core::CatalogEntry, text: &str, on_shared_device: bool) -> Result<(), StorageProblem> {
    let value = serde_json::to_string(text).map_err(|_| StorageProblem::Full)?;
    let storage = if on_shared_device { session() } else { raw() };
    storage
        .ok_or(StorageProblem::Unavailable)?
        .set_item(&linked_key(&entry.id), &value)
        .map_err(|_| StorageProblem::Full)?;
    if on_shared_device {
        return Ok(());
    }
    let mut list = linked_surveys();
    list.retain(|e| e.id != entry.id);
    list.push(entry);
    let catalog = lytt_core::Catalog { format: lytt_core::catalog::CATALOG_FORMAT.into(), surveys: list };
    write(LINKED_KEY, &catalog)
}

/// The file of a survey kept from a link, if there is one (in this tab or on this device).
pub fn load_linked(id: &str) -> Option<String> {
    let key = linked_key(id);
    [session(), raw()].into_iter().flatten().find_map(|storage| match read::<String>(&storage, &key) {
        Read::Found(text) => Some(text),
        _ => None,
    })
}

/// Whether a survey was kept from a link (its file then never comes from the site).
pub fn is_linked(id: &str) -> bool {
    let key = linked_key(id);
    [session(), raw()].into_iter().flatten().any(|storage| storage.get_item(&key).ok().flatten().is_some())
}

/// Forgets a survey kept from a link. (Only its file is removed: the list leaves it out from
/// then on, and is written only where links are opened.)
pub fn forget_linked(id: &str) {
    for storage in [session(), raw()].into_iter().flatten() {
        let _ = storage.remove_item(&linked_key(id));
    }
}

/// How long this browser keeps what the app stores, as far as a page can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keeping {
    /// The browser agreed to keep the app's storage until the person clears it.
    Persisted,
    /// WebKit (Safari, and every browser on an iPhone) outside a home-screen app: it deletes a
    /// site's storage after seven days without a visit.
    SevenDaysWithoutVisit,
    /// Kept, but the browser may clear it when the device runs short of space.
    UnlessSpaceRunsOut,
}

/// Asks the browser to keep the app's storage (`navigator.storage.persist()`), and tells what
/// that means for a draft here. Firefox is not asked: it would put a permission prompt in front
/// of a person about to answer, and it keeps a site's storage unless space runs out anyway.
pub async fn keep_storage() -> Keeping {
    use wasm_bindgen::{JsCast, JsValue};
    let Some(window) = web_sys::window() else { return Keeping::UnlessSpaceRunsOut };
    let navigator = window.navigator();
    let agent = navigator.user_agent().unwrap_or_default();
    let call = |name: &str| -> Option<js_sys::Promise> {
        let storage = js_sys::Reflect::get(&navigator, &JsValue::from_str("storage")).ok()?;
        let method: js_sys::Function =
            js_sys::Reflect::get(&storage, &JsValue::from_str(name)).ok()?.dyn_into().ok()?;
        method.call0(&storage).ok()?.dyn_into().ok()
    };
    let granted = |promise: Option<js_sys::Promise>| async move {
        match promise {
            Some(p) => wasm_bindgen_futures::JsFuture::from(p).await.is_ok_and(|v| v.as_bool() == Some(true)),
            None => false,
        }
    };
    let firefox = agent.contains("Firefox/") && !agent.contains("Seamonkey/");
    let kept = granted(call("persisted")).await || (!firefox && granted(call("persist")).await);
    if kept {
        return Keeping::Persisted;
    }
    // WebKit's engine without Chrome's: Safari, and Chrome, Firefox or Edge on iOS (their own
    // names there are CriOS, FxiOS and EdgiOS). A home-screen app is exempt from the seven days.
    let webkit = agent.contains("AppleWebKit/") && !agent.contains("Chrome/") && !agent.contains("Android");
    let standalone_display = || -> Option<bool> {
        let match_media: js_sys::Function =
            js_sys::Reflect::get(&window, &JsValue::from_str("matchMedia")).ok()?.dyn_into().ok()?;
        let query = match_media.call1(&window, &JsValue::from_str("(display-mode: standalone)")).ok()?;
        js_sys::Reflect::get(&query, &JsValue::from_str("matches")).ok()?.as_bool()
    };
    let home_screen = standalone_display() == Some(true)
        || js_sys::Reflect::get(&navigator, &JsValue::from_str("standalone")).is_ok_and(|v| v.as_bool() == Some(true));
    if webkit && !home_screen {
        Keeping::SevenDaysWithoutVisit
    } else {
        Keeping::UnlessSpaceRunsOut
    }
}
