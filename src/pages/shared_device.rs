//! The survey screens' parts for a shared or public computer: "Take a break" with a resume code,
//! "Continue with a code", and the idle reset. Nothing here writes a readable answer to storage.

use leptos::prelude::*;
use lytt_core::Place;

use crate::components::IdleWatch;
use crate::focus;
use crate::platform;
use crate::route::{Route, Screen};
use crate::session::{AnswerSession, ResumeProblem};
use crate::state::{AppContext, Notice, Notices};

/// On a shared computer: "Continue with a code", when answers paused here are waiting. `go`
/// shows the place the resumed answers were at.
pub(super) fn resume_with_code_form(
    ctx: AppContext,
    session: AnswerSession,
    go: Callback<Place>,
) -> Option<impl IntoView> {
    if !session.has_paused() {
        return None;
    }
    let t = ctx.texts();
    let typed = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<ResumeProblem>);
    let resume = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match session.resume_with_code(&typed.get_untracked()) {
            Ok(place) => go.run(place),
            Err(why) => {
                problem.set(Some(why));
                platform::focus_soon(focus::RESUME_CODE);
            }
        }
    };
    Some(view! {
        <form class="resume" aria-labelledby="resume-heading" on:submit=resume>
            <h2 id="resume-heading">{t.shared_computer().resume_heading}</h2>
            <label for=focus::RESUME_CODE>{t.shared_computer().resume_label}</label>
            <input
                id=focus::RESUME_CODE
                type="text"
                autocomplete="off"
                autocapitalize="characters"
                spellcheck="false"
                aria-describedby="resume-error"
                prop:value=move || typed.get()
                on:input=move |ev| typed.set(event_target_value(&ev))
            />
            <p class="error" id="resume-error" role="alert">
                {move || problem.get().map(|why| why.text(ctx.texts().shared_computer()))}
            </p>
            <div class="nav">
                <button type="submit" class="secondary">{t.continue_button}</button>
            </div>
        </form>
    })
}

/// On a shared computer: "Take a break" seals the answers under a new resume code.
#[component]
pub(super) fn TakeBreak(paused_code: RwSignal<Option<String>>) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let session = expect_context::<AnswerSession>();
    let failed = RwSignal::new(false);
    let take = move |_| match session.take_break() {
        Ok(code) => {
            failed.set(false);
            paused_code.set(Some(code));
            platform::focus_soon(focus::HEADING);
        }
        Err(_) => failed.set(true),
    };
    view! {
        <Show when=move || ctx.shared_device.get()>
            <div class="take-break">
                <button type="button" class="secondary" on:click=take>{ctx.text(|t| t.shared_computer().take_break)}</button>
                <p class="error" role="alert">{move || failed.get().then(|| ctx.texts().shared_computer().break_failed)}</p>
            </div>
        </Show>
    }
}

/// Where the session's device clears an unattended screen (a shared computer): after its idle
/// time, "Are you still there?" with a countdown; then the answers, a resume code on screen or
/// the thank-you screen (`finished`) are cleared from the screen and memory (`on_clear` clears
/// what the caller holds), and the survey's start is shown. A break taken with a code stays
/// locked in storage.
#[component]
pub(super) fn IdleGuard(
    paused_code: RwSignal<Option<String>>,
    finished: Signal<bool>,
    on_clear: Callback<()>,
) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let notices = expect_context::<Notices>();
    let session = expect_context::<AnswerSession>();
    let survey_id = session.survey().id.clone();
    let watching = Signal::derive(move || {
        session.draft.with(Option::is_some) || paused_code.with(Option::is_some) || finished.get()
    });
    let clear = Callback::new(move |_| {
        session.discard();
        paused_code.set(None);
        on_clear.run(());
        notices.notify(Notice::ScreenCleared);
        ctx.navigate(Route::survey(&survey_id, Screen::Intro));
        platform::focus_soon(focus::HEADING);
    });
    view! {
        <IdleWatch
            timing=Signal::derive(move || session.idle_timing())
            watching=watching
            on_expire=clear
        />
    }
}

/// The resume code, shown once.
pub(super) fn break_screen(
    ctx: AppContext,
    survey_id: String,
    code: String,
    paused_code: RwSignal<Option<String>>,
) -> impl IntoView {
    let t = ctx.texts();
    // Read out one character at a time by screen readers.
    let spelled: String = code.chars().map(|c| if c == '-' { " – ".to_string() } else { format!("{c} ") }).collect();
    let done = move |_| {
        paused_code.set(None);
        ctx.navigate(Route::survey(&survey_id, Screen::Intro));
        platform::focus_soon(focus::HEADING);
    };
    view! {
        <div class="break">
            <h1 id=focus::HEADING tabindex="-1">{t.shared_computer().break_heading}</h1>
            <p>{t.shared_computer().break_intro}</p>
            <p class="resume-code">
                <span aria-hidden="true" id="resume-code" lang="en">{code}</span>
                <span class="visually-hidden">{spelled}</span>
            </p>
            <p>{t.shared_computer().break_expiry}</p>
            <div class="nav">
                <button type="button" class="primary" on:click=done>{t.shared_computer().break_done}</button>
            </div>
        </div>
    }
}
