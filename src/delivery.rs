//! Getting sealed records off the device: the outbox as the app sees it, and sending to a
//! survey's inbox with retries.
//!
//! The outbox in memory mirrors the one in storage, and is the source of truth for this visit:
//! a record that could not be stored (storage full) can still be sent or saved from memory.
//! Records are removed only on a 2xx from the inbox or when the person confirms a saved file.

use leptos::prelude::*;
use lytt_core::bundle::Bundle;
use lytt_core::outbox::{self, OutboxEntry};
use lytt_core::seal::Sealer;
use lytt_core::{Completion, DeviceKind, Draft, DraftError, Response, Status, Survey};
use rand_core::OsRng;

use crate::platform::{self, storage};
use crate::state::{AppContext, Notices};

/// Where sending stands, for status lines that must not claim more than is true.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SendState {
    /// Nothing is being sent and the last attempt (if any) succeeded.
    #[default]
    Idle,
    /// A POST is under way.
    Sending,
    /// The last attempt failed; another is scheduled.
    Waiting(SendFailure),
}

/// Why the last attempt failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SendFailure {
    /// The device has no network connection.
    Offline,
    /// The device is online, but the inbox could not be reached (down, wrong address, refused
    /// by the browser's CORS check).
    Unreachable,
    /// The inbox answered with this HTTP status.
    Refused(u16),
}

/// The device's outbox and the state of sending it.
#[derive(Clone, Copy)]
pub struct Outbox {
    /// Every sealed record waiting on this device.
    pub entries: RwSignal<Vec<OutboxEntry>>,
    /// Where sending stands.
    pub state: RwSignal<SendState>,
    /// Failed attempts in a row (for the back-off).
    failures: RwSignal<u32>,
    /// Whether a retry timer is already set.
    retry_set: RwSignal<bool>,
    /// Sending starts again when the connection comes back, once `start` has been called.
    online: StoredValue<Option<platform::Listener>, LocalStorage>,
    /// Whether what waits in storage has been read into `entries`.
    read: RwSignal<bool>,
}

impl Default for Outbox {
    fn default() -> Outbox {
        Outbox::new()
    }
}

impl Outbox {
    /// The outbox, not yet read from storage: reading it, like the code that sends, waits
    /// until something needs it (`crate::parts::start_delivery` when records wait at start, or
    /// a screen that seals or shows records).
    pub fn new() -> Outbox {
        Outbox {
            entries: RwSignal::new(Vec::new()),
            state: RwSignal::new(SendState::Idle),
            failures: RwSignal::new(0),
            retry_set: RwSignal::new(false),
            online: StoredValue::new_local(None),
            read: RwSignal::new(false),
        }
    }

    /// Reads what waits in storage into memory, once per visit.
    fn read_stored(self) {
        if self.read.get_untracked() {
            return;
        }
        self.read.set(true);
        let stored = storage::load_outbox(platform::today_days());
        self.entries.update(|list| {
            outbox::merge(list, stored);
        });
    }

    /// Sends what waits, now and from then on whenever the connection comes back.
    pub fn start(self) {
        self.read_stored();
        if self.online.with_value(Option::is_none) {
            self.online.set_value(platform::on_online(move || self.send_now()));
        }
        self.send_now();
    }

    /// Adds a sealed record (to storage and memory) and, if it goes to an inbox, sends it.
    pub fn add(self, notices: Notices, entry: OutboxEntry) {
        self.read_stored();
        if let Err(problem) = storage::add_to_outbox(entry.clone(), platform::today_days()) {
            // Kept in memory: it can still be sent or saved as a file during this visit.
            notices.storage_failed(problem);
        }
        let goes_to_inbox = entry.to.is_some() && !entry.held;
        self.entries.update(|list| list.push(entry));
        if goes_to_inbox {
            self.start();
        }
    }

    /// Lets the held records of a survey go to their inbox, and sends them.
    pub fn release(self, survey: &str) {
        self.read_stored();
        storage::release_in_outbox(survey, platform::today_days());
        self.entries.update(|list| {
            outbox::release(list, survey);
        });
        self.start();
    }

    /// Removes delivered records.
    pub fn remove(self, ids: &[String]) {
        storage::remove_from_outbox(ids, platform::today_days());
        self.entries.update(|list| list.retain(|e| !ids.contains(&e.id)));
    }

    /// Waiting records of one survey.
    pub fn waiting(self, survey: &str) -> Vec<OutboxEntry> {
        self.read_stored();
        self.entries.with(|list| list.iter().filter(|e| e.survey == survey).cloned().collect())
    }

    /// Tries to send every record that goes to an inbox, unless an attempt is under way.
    pub fn send_now(self) {
        if self.state.get_untracked() == SendState::Sending {
            return;
        }
        leptos::task::spawn_local(async move { self.send_all().await });
    }

    async fn send_all(self) {
        // Another tab may have sealed records since this one started.
        let stored = storage::load_outbox(platform::today_days());
        self.entries.update(|list| {
            outbox::merge(list, stored);
        });
        let batches = self.entries.with_untracked(|list| outbox::batches(list));
        if batches.is_empty() {
            self.state.set(SendState::Idle);
            return;
        }
        self.state.set(SendState::Sending);
        let mut failure = None;
        for batch in batches {
            let body = Bundle::new(&batch.survey, batch.records).to_json();
            match platform::post_json(&batch.to, &body).await {
                Ok(200..=299) => self.remove(&batch.ids),
                Ok(status) => failure = Some(SendFailure::Refused(status)),
                Err(_) if !platform::is_online() => failure = Some(SendFailure::Offline),
                Err(_) => failure = Some(SendFailure::Unreachable),
            }
        }
        match failure {
            None => {
                self.failures.set(0);
                self.state.set(SendState::Idle);
            }
            Some(failure) => {
                let failures = self.failures.get_untracked().saturating_add(1);
                self.failures.set(failures);
                self.state.set(SendState::Waiting(failure));
                self.retry_later(outbox::retry_delay_ms(failures));
            }
        }
    }

    fn retry_later(self, ms: u32) {
        if self.retry_set.get_untracked() {
            return;
        }
        self.retry_set.set(true);
        platform::after(ms, move || {
            self.retry_set.set(false);
            self.send_now();
        });
    }
}

/// Why a draft could not be sealed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SealProblem {
    /// A shown, required question has no answer (only for a complete record).
    Incomplete(String),
    /// No randomness, or the survey's key could not be used.
    Failed,
}

/// Finishes a draft into a record, seals it at once to the survey's owner and puts it in the
/// outbox. Records from a kiosk or interviews are `held` until delivery is asked for. The
/// plaintext record is returned for the screen; nothing readable is stored.
pub fn seal_into_outbox(
    outbox: Outbox,
    notices: Notices,
    survey: &Survey,
    draft: &Draft,
    (mode, status): (DeviceKind, Status),
    prepared: Option<Sealer>,
) -> Result<Response, SealProblem> {
    let response_id = platform::random_bytes::<16>().ok_or(SealProblem::Failed)?;
    let completion = Completion { response_id, date: platform::today(), mode, status };
    let response = draft.finish(survey, completion).map_err(|e| match e {
        DraftError::RequiredUnanswered(id) => SealProblem::Incomplete(id),
        _ => SealProblem::Failed,
    })?;
    // The marks time sealing in the release build (bench/seal-export.mjs).
    platform::mark("lytt-seal-start");
    let sealed = match prepared {
        Some(prepared) => prepared.seal(&response, &mut OsRng),
        None => lytt_core::seal::seal_record(&response, &survey.recipient),
    };
    platform::mark("lytt-seal-end");
    let (Ok(record), Some(local_id)) = (sealed, platform::random_bytes::<8>()) else {
        return Err(SealProblem::Failed);
    };
    let entry = OutboxEntry {
        id: lytt_core::draft::hex(&local_id),
        survey: survey.id.clone(),
        record,
        to: survey.submit_url.clone(),
        held: mode.holds_delivery(),
    };
    outbox.add(notices, entry);
    Ok(response)
}

/// What waits for one survey and how to get it off the device: a truthful sending status for
/// records that go to an inbox, and "Save encrypted file" / "Share" for those that travel as
/// files (or as a way out when the inbox cannot be reached).
#[component]
pub fn DeliveryPanel(
    /// The survey whose records are shown.
    survey: String,
    /// Whether this panel just saw a record of this survey being finished (then an empty outbox
    /// means "sent" rather than "nothing waiting").
    #[prop(optional)]
    just_finished: bool,
    /// The panel's heading (default: "Send the answers").
    #[prop(optional, into)]
    heading: Option<String>,
    /// Show nothing while no record of this survey waits and none has left through this panel
    /// (an interviewer's list: a "Deliver all" over nothing would only confuse).
    #[prop(optional)]
    hide_when_empty: bool,
) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let outbox = expect_context::<Outbox>();
    outbox.read_stored();
    let t = move || ctx.texts();
    let survey_for_counts = survey.clone();
    let survey_for_release = StoredValue::new(survey.clone());
    // (going to an inbox now, held until "Deliver all", travelling as files)
    let counts = Memo::new(move |_| {
        outbox.entries.with(|list| {
            let mine = list.iter().filter(|e| e.survey == survey_for_counts);
            let posting = mine.clone().filter(|e| e.to.is_some() && !e.held).count();
            let held = mine.clone().filter(|e| e.to.is_some() && e.held).count();
            (posting, held, mine.count() - posting - held)
        })
    });
    // A file holds exactly the records it was made from; only those are removed on "saved".
    let saved_ids: RwSignal<Option<Vec<String>>> = RwSignal::new(None);
    let shared = RwSignal::new(false);
    let file_failed = RwSignal::new(false);
    let confirmed_file = RwSignal::new(false);
    let can_share = platform::can_share_files();
    // Once records of this panel were waiting for an inbox, an empty outbox means they were sent.
    let expect_sent = just_finished || counts.with_untracked(|c| c.0 + c.1 > 0);
    // Ids carry the survey id: the start page shows one panel per survey.
    let heading_id = format!("delivery-heading-{survey}");
    let confirm_id = format!("confirm-saved-{survey}");

    let offer_file = move || {
        let (posting, _, files) = counts.get();
        files > 0 || (posting > 0 && matches!(outbox.state.get(), SendState::Waiting(_)))
    };
    let bundle_of = {
        let survey = survey.clone();
        move || {
            let entries = outbox.waiting(&survey);
            let ids: Vec<String> = entries.iter().map(|e| e.id.clone()).collect();
            let bundle = Bundle::new(&survey, entries.into_iter().map(|e| e.record).collect());
            (ids, bundle.to_json(), format!("{survey}.lytt.json"))
        }
    };
    // The file has left the app (downloaded or shared): wait for the person to say it arrived.
    let confirm_id = StoredValue::new(confirm_id);
    let handed_over = move |ids: Vec<String>, via_share: bool| {
        file_failed.set(false);
        shared.set(via_share);
        saved_ids.set(Some(ids));
        platform::focus_soon(&confirm_id.get_value());
    };
    let save = {
        let bundle_of = bundle_of.clone();
        move |_| {
            // Marks for bench/seal-export.mjs: making the bundle file of everything waiting.
            platform::mark("lytt-export-start");
            let (ids, json, name) = bundle_of();
            let made = platform::download(&name, &json, "application/json");
            platform::mark("lytt-export-end");
            if made {
                handed_over(ids, false);
            } else {
                file_failed.set(true);
            }
        }
    };
    let share = move |_| {
        let (ids, json, name) = bundle_of();
        leptos::task::spawn_local(async move {
            match platform::share_file(&name, &json, "application/json").await {
                platform::ShareOutcome::Shared => handed_over(ids, true),
                platform::ShareOutcome::Cancelled => {}
                platform::ShareOutcome::Failed => file_failed.set(true),
            }
        });
    };
    let confirm = move |_| {
        if let Some(ids) = saved_ids.get_untracked() {
            outbox.remove(&ids);
            saved_ids.set(None);
            confirmed_file.set(true);
        }
    };

    let labelled_by = heading_id.clone();
    let status = move || {
        let t = t();
        let (posting, held, files) = counts.get();
        let mut lines: Vec<String> = Vec::new();
        if held > 0 {
            lines.push((t.waiting_to_deliver)(held));
        }
        if posting > 0 {
            lines.push(match outbox.state.get() {
                SendState::Sending => t.sending.to_string(),
                SendState::Waiting(SendFailure::Unreachable) => {
                    format!("{} {}", (t.waiting_to_send)(posting), t.send_unreachable)
                }
                SendState::Waiting(SendFailure::Offline) => {
                    format!("{} {}", (t.waiting_to_send)(posting), t.send_offline)
                }
                SendState::Waiting(SendFailure::Refused(status)) => {
                    format!("{} {}", (t.waiting_to_send)(posting), (t.send_refused)(status))
                }
                SendState::Idle => (t.waiting_to_send)(posting),
            });
        }
        if files > 0 {
            lines.push((t.waiting_to_save)(files));
        }
        if lines.is_empty() {
            lines.push(
                if confirmed_file.get() {
                    t.all_saved
                } else if expect_sent {
                    t.sent
                } else {
                    t.nothing_waiting
                }
                .to_string(),
            );
        }
        lines.join(" ")
    };

    // Once something waited here, the panel stays to say what became of it.
    let waiting = move || counts.with(|c| c.0 + c.1 + c.2 > 0);
    let had_records = RwSignal::new(counts.with_untracked(|c| c.0 + c.1 + c.2 > 0));
    Effect::new(move |_| {
        if waiting() {
            had_records.set(true);
        }
    });
    view! {
        <section class="delivery" aria-labelledby=labelled_by hidden=move || hide_when_empty && !had_records.get()>
            <h2 id=heading_id>{move || heading.clone().unwrap_or_else(|| t().delivery_heading.to_string())}</h2>
            <p role="status" class="delivery-status">{status}</p>
            <Show when=move || { counts.with(|c| c.1 > 0) }>
                <button type="button" class="primary" on:click=move |_| survey_for_release.with_value(|s| outbox.release(s))>{move || t().deliver_all}</button>
            </Show>
            <Show when=move || { counts.get().0 > 0 && matches!(outbox.state.get(), SendState::Waiting(_)) }>
                <button type="button" class="secondary" on:click=move |_| outbox.send_now()>{move || t().send_now}</button>
            </Show>
            <Show when=offer_file>
                <p class="hint">{move || t().save_hint}</p>
                <div class="nav">
                    <button type="button" class="primary" on:click=save.clone()>{move || t().save_file}</button>
                    {can_share.then(|| view! {
                        <button type="button" class="primary" on:click=share.clone()>{move || t().share_file}</button>
                    })}
                    <Show when=move || saved_ids.with(Option::is_some)>
                        <button type="button" class="secondary confirm-saved" id=move || confirm_id.get_value() on:click=confirm>
                            {move || if shared.get() { t().confirm_shared } else { t().confirm_saved }}
                        </button>
                    </Show>
                </div>
            </Show>
            <p class="error" role="alert">{move || file_failed.get().then(|| t().download_failed)}</p>
        </section>
    }
}
