//! Messages shown once at the top of the screen. Each is held as what it is and translated
//! when shown, so a change of language changes the message too.

use leptos::prelude::*;

use crate::i18n::Texts;
use crate::platform::storage::StorageProblem;

/// A message shown once at the top of the screen until dismissed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Notice {
    /// A chosen language's text could not be fetched; the app stays in the one it had.
    LanguageMissing,
    /// Local storage cannot be used: answers live in memory only.
    StorageUnavailable,
    /// Local storage is full: answers live in memory only.
    StorageFull,
    /// Unreadable stored data was set aside.
    SetAside,
    /// Expired drafts were removed at start.
    DraftsExpired(usize),
    /// A changed survey made stored answers invalid.
    AnswersDropped(usize),
    /// The person discarded their answers.
    Discarded,
    /// A shared computer cleared the screen after a while without use.
    ScreenCleared,
}

impl Notice {
    /// The message, in the language of `t`.
    pub fn text(self, t: &Texts) -> String {
        match self {
            Notice::LanguageMissing => t.language_missing.into(),
            Notice::StorageUnavailable => t.storage_unavailable.into(),
            Notice::StorageFull => t.storage_full.into(),
            Notice::SetAside => t.storage_set_aside.into(),
            Notice::DraftsExpired(n) => (t.drafts_expired)(n),
            Notice::AnswersDropped(n) => (t.answers_dropped)(n),
            Notice::Discarded => t.discarded.into(),
            Notice::ScreenCleared => t.screen_cleared.into(),
        }
    }
}

/// The messages waiting to be read, provided once at the root.
#[derive(Clone, Copy)]
pub struct Notices {
    /// Messages waiting to be read, oldest first.
    pub list: RwSignal<Vec<Notice>>,
    /// Whether the person was already told that storage does not work.
    storage_told: RwSignal<bool>,
}

impl Default for Notices {
    fn default() -> Notices {
        Notices::new()
    }
}

impl Notices {
    /// No messages yet.
    pub fn new() -> Notices {
        Notices { list: RwSignal::new(Vec::new()), storage_told: RwSignal::new(false) }
    }

    /// Shows a message (once).
    pub fn notify(self, notice: Notice) {
        self.list.update(|list| {
            if !list.contains(&notice) {
                list.push(notice);
            }
        });
    }

    /// Takes a message away (the person dismissed it).
    pub fn dismiss(self, notice: Notice) {
        self.list.update(|list| list.retain(|n| *n != notice));
    }

    /// Tells the person, once per visit, that their answers cannot be saved on the device.
    pub fn storage_failed(self, problem: StorageProblem) {
        if !self.storage_told.get_untracked() {
            self.storage_told.set(true);
            self.notify(match problem {
                StorageProblem::Unavailable => Notice::StorageUnavailable,
                StorageProblem::Full => Notice::StorageFull,
            });
        }
    }
}
