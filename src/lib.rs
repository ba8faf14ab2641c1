//! Lytt's respondent web app: Leptos screens over `lytt-core`, with the browser behind
//! `platform`.

pub mod components;
pub mod delivery;
pub mod focus;
pub mod i18n;
pub mod pages;
pub mod parts;
pub mod platform;
pub mod route;

use leptos::prelude::*;

use crate::i18n::{Texts, UiLang};
use crate::pages::{NotFoundPage, StartPage};
use crate::platform::storage::{self, StorageProblem, StoredMode};
use crate::route::Route;
use lytt_core::kiosk::DeviceMode;

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
    fn text(self, t: &Texts) -> String {
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

/// State shared by every screen, provided once at the root.
#[derive(Clone, Copy)]
pub struct AppContext {
    /// The screen shown, kept in step with the address's `#hash`.
    pub route: RwSignal<Route>,
    /// The language the person chose (a BCP 47 tag).
    pub language: RwSignal<String>,
    /// The app's own text: in the chosen language once it is fetched (see `set_language`).
    texts: RwSignal<&'static Texts>,
    /// Messages waiting to be read.
    pub notices: RwSignal<Vec<Notice>>,
    /// Whether the person was already told that storage does not work.
    storage_told: RwSignal<bool>,
    /// Sealed records waiting on this device, and sending them.
    pub outbox: delivery::Outbox,
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
            match parts::texts(wanted).await {
                Ok(texts) if still_wanted() => ctx.texts.set(texts),
                Ok(_) => {}
                Err(_) => {
                    ctx.notify(Notice::LanguageMissing);
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

    /// Shows a message (once).
    pub fn notify(&self, notice: Notice) {
        self.notices.update(|list| {
            if !list.contains(&notice) {
                list.push(notice);
            }
        });
    }

    /// Tells the person, once per visit, that their answers cannot be saved on the device.
    pub fn storage_failed(&self, problem: StorageProblem) {
        if !self.storage_told.get_untracked() {
            self.storage_told.set(true);
            self.notify(match problem {
                StorageProblem::Unavailable => Notice::StorageUnavailable,
                StorageProblem::Full => Notice::StorageFull,
            });
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

/// The whole app, starting in `language` (see `initial_language`), with its own text in that
/// language (bokmål if that language's part could not be fetched; the person is then told).
#[component]
pub fn App(language: String, texts: &'static Texts) -> impl IntoView {
    let address = Route::parse(&platform::location_hash());
    let language_missing = UiLang::for_tag(&language) != texts.lang;
    let ctx = AppContext {
        route: RwSignal::new(address.route),
        language: RwSignal::new(language),
        texts: RwSignal::new(texts),
        notices: RwSignal::new(Vec::new()),
        storage_told: RwSignal::new(false),
        outbox: delivery::Outbox::new(),
        shared_device: RwSignal::new(address.shared_device || storage::load_shared_device()),
        mode: RwSignal::new(None),
    };
    if address.shared_device {
        storage::save_shared_device(true);
    }
    provide_context(ctx);
    if language_missing {
        ctx.notify(Notice::LanguageMissing);
    }

    match storage::load_mode(platform::today_days()) {
        StoredMode::Found(mode) => ctx.mode.set(Some(mode)),
        StoredMode::SetAside => ctx.notify(Notice::SetAside),
        StoredMode::None => {}
    }
    let report = storage::sweep(platform::today_days());
    storage::sweep_paused(platform::now_hour());
    if report.set_aside > 0 {
        ctx.notify(Notice::SetAside);
    }
    if report.expired > 0 {
        ctx.notify(Notice::DraftsExpired(report.expired));
    }
    if !storage::is_available() {
        ctx.storage_failed(StorageProblem::Unavailable);
    }

    // Sending is in the `answering` part, fetched at start only when something waits to be sent.
    if storage::outbox_waiting() {
        parts::start_delivery(ctx.outbox);
    }
    // The worker's install fetches and caches every file of the build for offline use; on a
    // slow phone or network that would compete with the first screen, so it waits for it
    // (a screen's heading), or about ten seconds at 60 frames a second.
    platform::once_shown(focus::HEADING, 600, platform::register_service_worker);

    platform::on_hash_change(move |hash| {
        let address = Route::parse(&hash);
        if let Some(tag) = address.language {
            ctx.set_language(&tag);
        }
        if address.shared_device {
            ctx.set_shared_device(true);
        }
        if ctx.route.get_untracked() != address.route {
            ctx.route.set(address.route);
        }
    });

    // Each new screen moves focus to its heading, so keyboard and screen-reader users start there.
    Effect::new(move |previous: Option<Route>| {
        let route = ctx.route.get();
        if previous.is_some_and(|p| p != route) {
            platform::focus_soon(focus::HEADING);
        }
        route
    });

    // A running kiosk shows itself at every address, so back, history and typed addresses
    // lead nowhere else; only the staff PIN leaves it.
    let kiosk = Memo::new(move |_| {
        ctx.mode.with(|m| match m {
            Some(DeviceMode::Kiosk { survey, .. }) => Some(survey.clone()),
            _ => None,
        })
    });
    let survey_id = Memo::new(move |_| ctx.route.with(Route::survey_id));
    let page = move || {
        if let Some(survey) = kiosk.get() {
            return parts::kiosk(survey);
        }
        if let Some(id) = survey_id.get() {
            return parts::survey(id);
        }
        match ctx.route.get() {
            Route::NotFound => view! { <NotFoundPage /> }.into_any(),
            Route::Owner => parts::owner(),
            Route::Kiosk(survey) => parts::kiosk_setup(survey),
            Route::Interview(survey) => parts::interview(survey),
            _ => view! { <StartPage /> }.into_any(),
        }
    };
    // An interviewer's phone opens on the interviews, also after a reload of the start page.
    Effect::new(move |_| {
        let interviews = ctx.mode.with(|m| match m {
            Some(DeviceMode::Interview { survey }) => Some(survey.clone()),
            _ => None,
        });
        if let (Some(survey), Route::Start) = (interviews, ctx.route.get()) {
            ctx.redirect(Route::Interview(Some(survey)));
        }
    });

    view! {
        <header class="bar">
            {move || match kiosk.get() {
                // Nothing in a kiosk leads out of it.
                Some(_) => view! { <span class="brand">{ctx.texts().app_name}</span> }.into_any(),
                None => view! { <a class="brand" href="#/">{ctx.texts().app_name}</a> }.into_any(),
            }}
        </header>
        <main id="main">
            <Notices />
            {page}
        </main>
    }
}

/// Messages at the top of the page, each with a button to dismiss it.
#[component]
fn Notices() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    // Rebuilt as a whole when a notice comes or goes: there are only ever a few, and a keyed
    // list would add its diffing machinery to the download.
    let list = move || {
        ctx.notices
            .get()
            .into_iter()
            .map(|notice| {
                view! {
                    <p class="notice">
                        <span>{move || notice.text(ctx.texts())}</span>
                        <button
                            type="button"
                            class="link"
                            on:click=move |_| ctx.notices.update(|list| list.retain(|n| *n != notice))
                        >
                            {ctx.text(|t| t.dismiss)}
                        </button>
                    </p>
                }
            })
            .collect_view()
    };
    view! { <div class="notices" role="status">{list}</div> }
}
