//! Lytt's respondent web app: Leptos screens over `lytt-core`, with the browser behind
//! `platform`.
//!
//! The modules form layers, each importing only those below it:
//! - this root: `start`, the `App`, its providers and the route table, with the pages' split
//!   points;
//! - `pages`: one routed screen per file;
//! - `session` (one answering session, whatever the device), `parts` (waiting for a part),
//!   `delivery` (the outbox and sending), `components` (reusable views);
//! - `state` (what every screen shares: `AppContext`, `Notices`), `first` (the first screen of a
//!   first visit, drawn by hand before the app's screens are in);
//! - `survey_file` (opening survey files and the list of surveys);
//! - `platform` (every browser call), `i18n` (the app's text), `route`, `focus`, `split`.

pub mod components;
pub mod delivery;
pub mod first;
pub mod focus;
pub mod i18n;
pub mod pages;
pub mod parts;
pub mod platform;
pub mod route;
pub mod session;
pub mod split;
pub mod state;
pub mod survey_file;

use leptos::prelude::*;

use crate::delivery::Outbox;
use crate::i18n::{Texts, UiLang};
use crate::pages::{InterviewPage, KioskPage, KioskSetup, LinkPage, NotFoundPage, StartPage, SurveyPage};
use crate::parts::{show, Loaded, Place};
use crate::platform::storage::{self, StorageProblem, StoredMode};
use crate::route::Route;
use crate::split::{split_point, PartMissing};
use crate::state::{AppContext, Notice, Notices};
use lytt_core::kiosk::DeviceMode;

pub use crate::state::initial_language;

split_point! {
    opening: fn survey_part(id: String) -> Loaded {
        Ok(view! { <SurveyPage id=id /> }.into_any())
    }
}

split_point! {
    opening: fn link_part(payload: String) -> Loaded {
        Ok(view! { <LinkPage payload=payload /> }.into_any())
    }
}

split_point! {
    devices: fn kiosk_part(survey: String) -> Loaded {
        Ok(view! { <KioskPage survey=survey /> }.into_any())
    }
}

split_point! {
    devices: fn kiosk_setup_part(survey: Option<String>) -> Loaded {
        Ok(view! { <KioskSetup survey=survey /> }.into_any())
    }
}

split_point! {
    devices: fn interview_part(survey: Option<String>) -> Loaded {
        Ok(view! { <InterviewPage survey=survey /> }.into_any())
    }
}

split_point! {
    app: fn mount_app(language: String, texts: &'static Texts) -> Result<(), PartMissing> {
        // The app goes on from what the person chose on the first screen, if there was one.
        let (language, texts, shared_device, language_missing) = match first::handover() {
            Some(chosen) => (chosen.language, chosen.texts, Some(chosen.shared_device), chosen.language_missing),
            None => (language, texts, None, false),
        };
        leptos::mount::mount_to_body(move || {
            view! { <App language=language.clone() texts=texts shared_device=shared_device language_missing=language_missing /> }
        });
        Ok(())
    }
}

/// Starts the app in the person's language: its own text first, so that no other language
/// flashes by, then the screens. Bokmål is at hand at once; another language's text, and the
/// screens themselves (the `app` part, which the page's loader fetched alongside the main
/// module), come from the site or, after the first visit, from the offline cache.
pub async fn start() {
    let language = initial_language();
    let texts = i18n::load(UiLang::for_tag(&language)).await.unwrap_or(&i18n::NB);
    if let Some((needed, next)) = first::show(language.clone(), texts).await {
        // The app's screens are fetched once the first screen is up, so that it waits for
        // nothing else, and start once the parts they need for it are compiled, so that they
        // take over from it at once. What comes after it (a survey's questions) comes alongside.
        platform::after_shown(focus::HEADING).await;
        // Not waited for: its fetch has started.
        drop(platform::compile_parts(next));
        platform::compile_parts(needed).await;
        open_app(language, texts).await;
        first::take_over_when_drawn();
    } else {
        open_app(language, texts).await;
    }
}

/// Mounts the app, or, if its part cannot be fetched (offline before a first visit was
/// over), says so with "Try again".
async fn open_app(language: String, texts: &'static Texts) {
    if mount_app(language.clone(), texts).await.is_ok() {
        platform::mark("lytt-mounted");
    } else {
        first::remove();
        show_app_missing(language, texts);
    }
}

thread_local! {
    /// The screen that says the app's part could not be fetched, while it is shown.
    static APP_MISSING: std::cell::RefCell<Option<platform::dom::Shown>> = const { std::cell::RefCell::new(None) };
}

/// The app's frame and the look of `components::Problem`, drawn by hand: nothing of the
/// app's screens is here to draw them.
fn show_app_missing(language: String, texts: &'static Texts) {
    use platform::dom::El;
    let tag = texts.lang.tag();
    platform::set_document_language(tag, i18n::is_rtl(tag));
    platform::set_title(&format!("{} – {}", texts.part_missing_heading, texts.app_name));
    let retry = move || {
        let language = language.clone();
        // The screen goes in a task of its own: its listener, running now, cannot drop itself.
        wasm_bindgen_futures::spawn_local(async move {
            APP_MISSING.take();
            open_app(language, texts).await;
        });
    };
    let problem = El::new("div")
        .attr("class", "problem")
        .child(El::new("h1").attr("id", focus::HEADING).attr("tabindex", "-1").text(texts.part_missing_heading))
        .child(El::new("p").text(texts.part_missing))
        .child(El::new("button").attr("type", "button").attr("class", "secondary").text(texts.retry).on_click(retry));
    let screen = El::new("div")
        .child(
            El::new("header").attr("class", "bar").child(El::new("span").attr("class", "brand").text(texts.app_name)),
        )
        .child(El::new("main").attr("id", "main").child(problem))
        .show();
    APP_MISSING.set(Some(screen));
    platform::focus_soon(focus::HEADING);
}

/// The owner's screens. They are in the owner's build of the app only (`owner.html`, feature
/// `owner`; see scripts/build-wasm.mjs): as parts of the respondent's build they would split
/// the code the survey screens share with them into more, smaller pieces, and a survey's link
/// would grow. A respondent's build sends the owner there.
#[cfg(feature = "owner")]
fn owner_page(route: Route) -> AnyView {
    match route {
        Route::OwnerResults => view! { <pages::ResultsPage /> }.into_any(),
        Route::OwnerBuild => view! { <pages::BuildPage /> }.into_any(),
        _ => view! { <pages::OwnerPage /> }.into_any(),
    }
}

#[cfg(not(feature = "owner"))]
fn owner_page(_: Route) -> AnyView {
    view! { <pages::OwnerElsewhere /> }.into_any()
}

/// A running kiosk: it shows itself at every address, so back, history and typed addresses
/// lead nowhere else; only the staff PIN leaves it.
fn running_kiosk(survey: String) -> AnyView {
    show(Place::Page, move || kiosk_part(survey.clone()))
}

/// The screen for an address.
fn page_for(route: Route) -> AnyView {
    match route {
        Route::Survey { id, .. } => show(Place::Page, move || {
            // The survey's file comes while its screens' part loads, not after; a survey kept
            // from a link is on the device, and the site must not learn its name. The first
            // screen may have opened it already.
            if !storage::is_linked(&id) && !survey_file::is_handed_over(&id) {
                platform::prefetch(&route::survey_file(&id));
            }
            survey_part(id.clone())
        }),
        Route::Link(payload) => show(Place::Page, move || link_part(payload.clone())),
        Route::NotFound => view! { <NotFoundPage /> }.into_any(),
        Route::Owner => owner_page(route),
        #[cfg(any(feature = "owner", test))]
        Route::OwnerResults | Route::OwnerBuild => owner_page(route),
        Route::Kiosk(survey) => show(Place::Page, move || kiosk_setup_part(survey.clone())),
        Route::Interview(survey) => show(Place::Page, move || interview_part(survey.clone())),
        Route::Start => view! { <StartPage /> }.into_any(),
    }
}

/// The whole app, starting in `language` (see `initial_language`), with its own text in that
/// language (bokmål if that language's part could not be fetched; the person is then told).
#[component]
pub fn App(
    language: String,
    texts: &'static Texts,
    /// Whether this is a shared computer, as chosen on the first screen (`crate::first`).
    #[prop(default = None)]
    shared_device: Option<bool>,
    /// A language chosen on the first screen whose text could not be fetched.
    #[prop(default = false)]
    language_missing: bool,
) -> impl IntoView {
    let address = Route::parse(&platform::location_hash());
    let language_missing = language_missing || UiLang::for_tag(&language) != texts.lang;
    let notices = Notices::new();
    let shared_device = shared_device.unwrap_or_else(|| address.shared_device || storage::load_shared_device());
    let ctx = AppContext::new(address.route, language, texts, shared_device, notices);
    let outbox = Outbox::new();
    if address.shared_device {
        storage::save_shared_device(true);
    }
    // What is still chosen on the first screen, if one is up, until this app's screen is drawn.
    first::follow(move |choice| match choice {
        first::Choice::Language(tag) => ctx.set_language(&tag),
        first::Choice::SharedDevice(shared) => ctx.set_shared_device(shared),
    });
    provide_context(ctx);
    provide_context(notices);
    provide_context(outbox);
    if language_missing {
        notices.notify(Notice::LanguageMissing);
    }

    match storage::load_mode(platform::today_days()) {
        StoredMode::Found(mode) => ctx.mode.set(Some(mode)),
        StoredMode::SetAside => notices.notify(Notice::SetAside),
        StoredMode::None => {}
    }
    let report = storage::sweep(platform::today_days());
    storage::sweep_paused(platform::now_hour());
    if report.set_aside > 0 {
        notices.notify(Notice::SetAside);
    }
    if report.expired > 0 {
        notices.notify(Notice::DraftsExpired(report.expired));
    }
    if !storage::is_available() {
        notices.storage_failed(StorageProblem::Unavailable);
    }

    // Sending is in the `answering` part, fetched at start only when something waits to be sent.
    if storage::outbox_waiting() {
        parts::start_delivery(outbox);
    }
    // The worker's install fetches and caches every file of the build for offline use; on a
    // slow phone or network that would compete with the first screen, so it waits for it
    // (a screen's heading), or about ten seconds at 60 frames a second.
    platform::once_shown(focus::HEADING, 600, platform::register_service_worker);

    let following_address = platform::on_hash_change(move |hash| {
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
    if let Some(listener) = following_address {
        listener.keep();
    }

    // Each new screen moves focus to its heading, so keyboard and screen-reader users start there.
    Effect::new(move |previous: Option<Route>| {
        let route = ctx.route.get();
        if previous.is_some_and(|p| p != route) {
            platform::focus_soon(focus::HEADING);
        }
        route
    });

    let kiosk = Memo::new(move |_| {
        ctx.mode.with(|m| match m {
            Some(DeviceMode::Kiosk { survey, .. }) => Some(survey.clone()),
            _ => None,
        })
    });
    // A survey's screens are one page: moving between them keeps the page and its answers.
    let survey_id = Memo::new(move |_| ctx.route.with(Route::survey_id));
    let page = move || match (kiosk.get(), survey_id.get()) {
        (Some(survey), _) => running_kiosk(survey),
        (None, Some(id)) => page_for(Route::survey(&id, route::Screen::Intro)),
        (None, None) => page_for(ctx.route.get()),
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
                None => view! { <a class="brand" href=Route::Start.href()>{ctx.texts().app_name}</a> }.into_any(),
            }}
        </header>
        <main id="main">
            <NoticeList />
            {page}
        </main>
    }
}

/// Messages at the top of the page, each with a button to dismiss it.
#[component]
fn NoticeList() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let notices = expect_context::<Notices>();
    // Rebuilt as a whole when a notice comes or goes: there are only ever a few, and a keyed
    // list would add its diffing machinery to the download.
    let list = move || {
        notices
            .list
            .get()
            .into_iter()
            .map(|notice| {
                view! {
                    <p class="notice">
                        <span>{move || notice.text(ctx.texts())}</span>
                        <button type="button" class="link" on:click=move |_| notices.dismiss(notice)>
                            {ctx.text(|t| t.dismiss)}
                        </button>
                    </p>
                }
            })
            .collect_view()
    };
    view! { <div class="notices" role="status">{list}</div> }
}
