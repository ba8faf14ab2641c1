//! A survey on a person's own device or a shared computer: its start screen, one screen per
//! question (each with an address, so back and forward move between them), review, and the
//! finish.
//!
//! The start screen is the `opening` part, everything after it the `answering` part
//! (`later`), fetched once the start screen is up: the code a survey's link needs before its
//! first screen is then what that screen uses.

mod intro;
mod later;
mod load;
mod review;

use std::sync::Arc;

use leptos::prelude::*;
use lytt_core::{Place, Survey};

pub(crate) use load::{load_survey, SurveyProblem, SurveyProblemPage};

use crate::components::{LanguagePicker, Problem};
use crate::focus;
use crate::platform;
use crate::route::{Route, Screen};
use crate::session::{AnswerSession, Finished};
use crate::split::{split_point, PartMissing};
use crate::state::AppContext;
use later::{Flow, LaterScreens};

split_point! {
    answering: fn later_screens() -> Result<LaterScreens, PartMissing> {
        Ok(LaterScreens::new())
    }
}

/// The `answering` part of a survey's screens, as it stands on this page.
#[derive(Clone, Copy)]
enum Later {
    /// Not asked for yet, or on its way.
    Waiting,
    /// Its file could not be fetched (offline on a first visit); "Try again" asks again.
    Missing,
    Ready(LaterScreens),
}

impl Later {
    fn ready(self) -> Option<LaterScreens> {
        match self {
            Later::Ready(screens) => Some(screens),
            _ => None,
        }
    }
}

/// Loads a survey and shows the screen the address names.
#[component]
pub fn SurveyPage(id: String) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let (survey, retry) = super::fetched(move || load_survey(id.clone()));
    // Only the survey's arrival is tracked here: a language change must not rebuild the flow.
    move || match survey.get() {
        None => view! { <p aria-busy="true">{ctx.text(|t| t.loading)}</p> }.into_any(),
        Some(Ok(survey)) => view! { <SurveyFlow survey=survey /> }.into_any(),
        Some(Err(problem)) => view! { <SurveyProblemPage problem=problem retry=retry /> }.into_any(),
    }
}

/// The route that shows a place in the draft.
fn route_for(survey_id: &str, place: &Place) -> Route {
    let screen = match place {
        Place::Intro => Screen::Intro,
        Place::Question(q) => Screen::Question(q.clone()),
        Place::Review => Screen::Review,
    };
    Route::survey(survey_id, screen)
}

/// Moves the session to `place` and shows it, with a history entry.
fn go_to(ctx: AppContext, session: AnswerSession, place: Place) {
    let route = route_for(&session.survey().id, &place);
    session.go_to(place);
    ctx.navigate(route);
}

/// The screens of a loaded survey, over one answering session on this device (own or shared,
/// following the person's choice).
#[component]
fn SurveyFlow(survey: Arc<Survey>) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let session = AnswerSession::start(survey.clone(), Signal::derive(move || ctx.survey_device()));
    let flow = Flow { ctx, session, finished: RwSignal::new(None), paused_code: RwSignal::new(None) };
    let Flow { finished, paused_code, .. } = flow;

    let screen = Memo::new(move |_| match ctx.route.get() {
        Route::Survey { screen, .. } => screen,
        _ => Screen::Intro,
    });
    // Where the thank-you screen may show nothing again (a shared computer), it is shown once:
    // back, forward or "answer again" find nothing of the response that was finished.
    Effect::new(move |_| {
        let once = finished.with_untracked(|f| matches!(f, Some(Finished::Sealed)));
        if screen.get() != Screen::Done && once {
            finished.set(None);
        }
    });
    // Start pressed on the first screen (`crate::first`) before these screens were in: the
    // answers begin, on the first question, or where the address has gone meanwhile.
    let started_first = crate::first::take_start() && session.draft.with_untracked(Option::is_none);
    if started_first {
        let first = session.begin();
        if screen.get_untracked() == Screen::Intro {
            leptos::task::spawn_local(async move { go_to(ctx, session, first) });
        }
    }
    redirect_to_what_makes_sense(ctx, session, screen);

    let later = RwSignal::new(Later::Waiting);
    let fetch_later = move || {
        later.set(Later::Waiting);
        leptos::task::spawn_local(async move {
            let loaded = later_screens().await;
            later.try_set(match loaded {
                Ok(screens) => Later::Ready(screens),
                Err(PartMissing) => Later::Missing,
            });
        });
    };
    if screen.get_untracked() == Screen::Intro && !started_first {
        // After the start screen has been drawn, so that its first paint waits for nothing else.
        // (Started on the first screen, there is no start screen to wait for: on to the question.)
        platform::once_shown(focus::HEADING, 600, move || platform::after(0, fetch_later));
    } else {
        fetch_later();
    }

    let title = session.title(None);
    let body = move || {
        let lang = session.language.get();
        let screen = screen.get();
        if screen == Screen::Intro && paused_code.with(Option::is_none) {
            // `later` is not read here: its arrival must not draw the start screen again.
            return intro::intro_screen(flow, later.into(), lang).into_any();
        }
        match later.get() {
            Later::Ready(screens) => match paused_code.get() {
                Some(code) => (screens.break_screen)(flow, code),
                None => (screens.screen)(flow, screen, lang),
            },
            Later::Waiting => view! { <p aria-busy="true">{ctx.text(|t| t.loading)}</p> }.into_any(),
            Later::Missing => view! {
                <Problem heading=|t| t.part_missing_heading message=|t| t.part_missing retry=Some(Callback::new(move |_| fetch_later())) />
            }
            .into_any(),
        }
    };

    let survey = session.survey();
    let fingerprint = key_fingerprint(&survey.recipient, later);
    // Anyone holding the published test identity can read these answers: say so on every screen.
    let content = {
        let survey = survey.clone();
        move || survey.content_language(&ctx.language.get()).to_string()
    };
    // The app's own words, marked with their language where the survey's text is in another.
    let own_lang = {
        let content = content.clone();
        move || crate::i18n::own_words_marks(ctx.texts(), &content()).0
    };
    let own_dir = move || crate::i18n::own_words_marks(ctx.texts(), &content()).1;
    let test_key = (survey.recipient == lytt_core::TEST_RECIPIENT).then(|| {
        let (own_lang, own_dir) = (own_lang.clone(), own_dir.clone());
        view! { <p class="test-key" lang=own_lang dir=own_dir>{ctx.text(|t| t.test_key_banner)}</p> }
    });
    let idle_guard = move || later.get().ready().map(|screens| (screens.idle_guard)(flow));
    view! {
        <div class="survey">
            {test_key}
            <div class="survey-bar">
                <p class="survey-title">{title}</p>
                <LanguagePicker languages=survey.languages.clone() fallback=survey.default_language.clone() />
            </div>
            {idle_guard}
            {body}
            {move || fingerprint.get().map(|fingerprint| {
                let (own_lang, own_dir) = (own_lang.clone(), own_dir.clone());
                view! { <p class="fingerprint" lang=own_lang dir=own_dir>{move || (ctx.texts().key_fingerprint)(&fingerprint)}</p> }
            })}
        </div>
    }
}

/// The fingerprint of the key the answers are sealed to, once known: by the browser's SHA-256,
/// or where it has none (a page over plain HTTP), by the answering part's once that is in. The
/// start screen's own code then holds no SHA-256.
fn key_fingerprint(recipient: &str, later: RwSignal<Later>) -> RwSignal<Option<String>> {
    use lytt_core::seal::{fingerprint_of_digest, fingerprinted};
    // The first screen may have it already (`crate::first`).
    let fingerprint = RwSignal::new(crate::first::fingerprint());
    if fingerprint.with_untracked(Option::is_none) {
        let bytes = fingerprinted(recipient);
        leptos::task::spawn_local(async move {
            if let Some(digest) = platform::sha256(&bytes).await {
                fingerprint.try_set(Some(fingerprint_of_digest(&digest)));
            }
        });
    }
    let recipient = recipient.to_string();
    Effect::new(move |_| {
        if let Later::Ready(screens) = later.get() {
            if fingerprint.with_untracked(Option::is_none) {
                fingerprint.set(Some((screens.fingerprint)(&recipient)));
            }
        }
    });
    fingerprint
}

/// Screens that need a draft, or a question that is not shown now, send the person to a screen
/// that makes sense instead of showing something broken.
fn redirect_to_what_makes_sense(ctx: AppContext, session: AnswerSession, screen: Memo<Screen>) {
    let survey = session.survey();
    Effect::new(move |_| {
        let screen = screen.get();
        let target = session.draft.with(|d| match (&screen, d) {
            (Screen::Question(_) | Screen::Review, None) => Some(Place::Intro),
            (Screen::Question(q), Some(d)) if !d.is_visible(&survey, q) => {
                Some(d.next_place(&survey, &Place::Intro).unwrap_or(Place::Intro))
            }
            _ => None,
        });
        if let Some(place) = target {
            ctx.redirect(route_for(&survey.id, &place));
        }
    });
}
