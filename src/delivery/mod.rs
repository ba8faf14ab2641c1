//! Getting sealed records off the device: the outbox as the app sees it, sending to a survey's
//! inbox with retries, sealing a finished draft into it (`seal`), and the panel that shows what
//! waits (`panel`).
//!
//! The outbox in memory mirrors the one in storage, and is the source of truth for this visit:
//! a record that could not be stored (storage full) can still be sent or saved from memory.
//! Records are removed only on a 2xx from the inbox or when the person confirms a saved file.

mod panel;
mod seal;

use leptos::prelude::*;
use lytt_core::bundle::Bundle;
use lytt_core::outbox::{self, OutboxEntry};

use crate::platform::{self, storage};
use crate::state::Notices;

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
    /// Whether sending starts again when the connection comes back.
    listening: RwSignal<bool>,
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
            listening: RwSignal::new(false),
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
        if !self.listening.get_untracked() {
            self.listening.set(true);
            // The outbox lives as long as the page, and so does its wish to send.
            if let Some(listener) = platform::on_online(move || self.send_now()) {
                listener.keep();
            }
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

pub use panel::DeliveryPanel;
pub use seal::{seal_into_outbox, SealProblem};
