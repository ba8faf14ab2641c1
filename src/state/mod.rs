//! The state every screen shares, provided once at the root: where the person is, the
//! language, and what kind of device this is. Below the pages: the root and the pages import
//! it, and it imports neither.

mod notices;

use leptos::prelude::*;

use crate::i18n::{self, Texts, UiLang};
use crate::platform;
use crate::platform::storage::{self, StorageProblem};
use crate::route::Route;
use lytt_core::kiosk::DeviceMode;
use lytt_core::DeviceKind;

pub use notices::{Notice, Notices};

/// State shared by every screen, provided once at the root.
#[derive(Clone, Copy)]
pub struct AppContext {
    /// The screen shown, kept in step with the address's `#hash`.
    pub route: RwSignal<Route>,
    /// The language the person chose (a BCP 47 tag).
    pub language: RwSignal<String>,
    /// The app's own text: in the chosen language once it is fetched (see `set_language`).
    texts: RwSignal<&'static Texts>,
    /// Where the app's own messages go (the same `Notices` the root provides).
    notices: Notices,
    /// A shared or public computer: no plaintext answer is ever written to storage.
    pub shared_device: RwSignal<bool>,
    /// A locked kiosk or an interviewer's phone (kept across reloads).
    pub mode: RwSignal<Option<DeviceMode>>,
}

impl AppContext {
    /// The app's own text in the chosen language (tracks the language).
    pub fn texts(&self) -> &'static Texts {
        self.texts.get()
    }

    /// One piece of the app's text, following the language. Every piece shares this one
    /// closure type, so the web app carries one copy of the code that renders changing text
    /// instead of one per piece.
    pub fn text(self, pick: fn(&Texts) -> &'static str) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || pick(self.texts())
    }

    /// Goes to a screen, adding a history entry.
    pub fn navigate(&self, route: Route) {
        platform::push_hash(&route.to_hash());
        if self.route.get_untracked() != route {
            self.route.set(route);
        }
    }

    /// Shows a screen in place of the current address (no history entry).
    pub fn redirect(&self, route: Route) {
        platform::replace_hash(&route.to_hash());
        if self.route.get_untracked() != route {
            self.route.set(route);
        }
    }

    /// Changes the language and remembers it. The app's own text follows as soon as that
    /// language's part is in (at once if it was used before on this visit).
    /// If it cannot be fetched, the person is told and the language goes back to what it was.
    pub fn set_language(&self, tag: &str) {
        let previous = self.language.get_untracked();
        storage::save_language(tag);
        if previous != tag {
            self.language.set(tag.to_string());
        }
        let wanted = UiLang::for_tag(tag);
        if self.texts.get_untracked().lang == wanted {
            return;
        }
        let ctx = *self;
        let tag = tag.to_string();
        leptos::task::spawn_local(async move {
            // Only if the person has not chosen yet another language meanwhile.
            let still_wanted = move || ctx.language.with_untracked(|now| *now == tag);
            match i18n::load(wanted).await {
                Ok(texts) if still_wanted() => ctx.texts.set(texts),
                Ok(_) => {}
                Err(_) => {
                    ctx.notices.notify(Notice::LanguageMissing);
                    if still_wanted() {
                        ctx.set_language(&previous);
                    }
                }
            }
        });
    }

    /// Says whether this is a shared or public computer, and remembers it.
    pub fn set_shared_device(&self, shared: bool) {
        storage::save_shared_device(shared);
        if self.shared_device.get_untracked() != shared {
            self.shared_device.set(shared);
        }
    }

    /// Enters or leaves a kiosk or interviewer mode, and remembers it. A kiosk that cannot be
    /// remembered is not started: a reload would unlock it.
    pub fn set_mode(&self, mode: Option<DeviceMode>) -> Result<(), StorageProblem> {
        storage::save_mode(mode.as_ref())?;
        self.mode.set(mode);
        Ok(())
    }

    /// Enters a kiosk or interviewer mode (or changes its PIN state) where a failure to remember
    /// it must not stop it: it holds in memory regardless. Says whether storage took it.
    pub fn keep_mode(&self, mode: DeviceMode) -> bool {
        let stored = storage::save_mode(Some(&mode)).is_ok();
        self.mode.set(Some(mode));
        stored
    }

    /// Where answers are kept while they are given, on this kind of device (tracks the language).
    pub fn kept_statement(&self) -> &'static str {
        let t = self.texts();
        if self.shared_device.get() {
            t.kept_nowhere_shared
        } else {
            t.kept_on_device
        }
    }
}

impl AppContext {
    /// For a page in the app's own text (not a survey's): the tab's title names it by
    /// `heading`, and `<html lang>` and `dir` follow the app's language.
    pub fn follow_app_language(self, heading: fn(&Texts) -> &'static str) {
        Effect::new(move |_| {
            let t = self.texts();
            let tag = t.lang.tag();
            platform::set_title(&format!("{} – {}", heading(t), t.app_name));
            platform::set_document_language(tag, i18n::is_rtl(tag));
        });
    }

    /// The app's state at start: the screen and language of the address, the kinds of device
    /// chosen before (read from storage by the caller), and `texts` in `language` (or bokmål
    /// if that language's part could not be fetched).
    pub fn new(
        route: Route,
        language: String,
        texts: &'static Texts,
        shared_device: bool,
        notices: Notices,
    ) -> AppContext {
        AppContext {
            route: RwSignal::new(route),
            language: RwSignal::new(language),
            texts: RwSignal::new(texts),
            notices,
            shared_device: RwSignal::new(shared_device),
            mode: RwSignal::new(None),
        }
    }

    /// What kind of device a survey answered outside a kiosk or the interviews is given on
    /// (tracks the shared-computer choice).
    pub fn survey_device(&self) -> DeviceKind {
        if self.shared_device.get() {
            DeviceKind::Shared
        } else {
            DeviceKind::Own
        }
    }
}

/// The language the app starts in: the address's `?lang=`, else the one last chosen on this
/// device, else bokmål.
pub fn initial_language() -> String {
    Route::parse(&platform::location_hash())
        .language
        .or_else(storage::load_language)
        .unwrap_or_else(|| UiLang::Nb.tag().to_string())
}
