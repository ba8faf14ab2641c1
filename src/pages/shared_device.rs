//! The survey screens' parts for a shared or public computer: "Take a break" with a resume code,
//! "Continue with a code", and the idle reset. Nothing here writes a readable answer to storage.

use std::sync::Arc;

use leptos::prelude::*;
use lytt_core::pause::{PausedDraft, ResumeCode};
use lytt_core::{Draft, Place, Survey};
use rand_core::OsRng;

use crate::components::IdleWatch;
use crate::focus;
use crate::i18n::SharedComputerTexts;
use crate::platform::{self, storage};
use crate::route::{Route, Screen};
use crate::{AppContext, Notice};

/// On a shared computer: "Continue with a code", when answers paused here are waiting.
pub(super) fn resume_with_code_form(
    ctx: AppContext,
    survey: Arc<Survey>,
    draft: RwSignal<Option<Draft>>,
    go_to: impl Fn(Place) + Clone + Send + Sync + 'static,
) -> Option<impl IntoView> {
    if storage::load_paused(&survey.id, platform::now_hour()).is_empty() {
        return None;
    }
    let t = ctx.texts();
    let typed = RwSignal::new(String::new());
    // Translated when shown: `resume_bad_format` or `resume_wrong`.
    let problem = RwSignal::new(None::<fn(&SharedComputerTexts) -> &'static str>);
    let resume = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(code) = ResumeCode::parse(&typed.get_untracked()) else {
            problem.set(Some(|s| s.resume_bad_format));
            platform::focus_soon(focus::RESUME_CODE);
            return;
        };
        for (key, paused) in storage::load_paused(&survey.id, platform::now_hour()) {
            let Ok(bytes) = paused.open(&code) else { continue };
            let Ok(mut restored) = serde_json::from_slice::<Draft>(&bytes) else { continue };
            if restored.survey != survey.id {
                continue;
            }
            let dropped = restored.reconcile(&survey);
            if dropped > 0 {
                ctx.notify(Notice::AnswersDropped(dropped));
            }
            storage::delete_paused(&key);
            // The person goes on in the language they answered in, which a link may have chosen
            // and which a reload since the break has forgotten.
            if ctx.language.get_untracked() != restored.language {
                ctx.set_language(&restored.language);
            }
            let place = restored.resume_place(&survey);
            draft.set(Some(restored));
            go_to(place);
            return;
        }
        problem.set(Some(|s| s.resume_wrong));
        platform::focus_soon(focus::RESUME_CODE);
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
                {move || problem.get().map(|pick| pick(ctx.texts().shared_computer()))}
            </p>
            <div class="nav">
                <button type="submit" class="secondary">{t.continue_button}</button>
            </div>
        </form>
    })
}

/// On a shared computer: "Take a break" seals the answers under a new resume code.
#[component]
pub(super) fn TakeBreak(
    survey_id: String,
    draft: RwSignal<Option<Draft>>,
    paused_code: RwSignal<Option<String>>,
) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let failed = RwSignal::new(false);
    let take = move |_| {
        let Some(json) = draft.with_untracked(|d| d.as_ref().and_then(|d| serde_json::to_vec(d).ok())) else {
            return;
        };
        let code = ResumeCode::generate(&mut OsRng);
        let sealed = PausedDraft::seal(&survey_id, &json, &code, platform::now_hour(), &mut OsRng);
        let stored = match (sealed, platform::random_bytes::<8>()) {
            (Ok(paused), Some(suffix)) => storage::save_paused(&lytt_core::draft::hex(&suffix), &paused).is_ok(),
            _ => false,
        };
        failed.set(!stored);
        if stored {
            draft.set(None);
            paused_code.set(Some(code.display()));
            platform::focus_soon(focus::HEADING);
        }
    };
    view! {
        <Show when=move || ctx.shared_device.get()>
            <div class="take-break">
                <button type="button" class="secondary" on:click=take.clone()>{ctx.text(|t| t.shared_computer().take_break)}</button>
                <p class="error" role="alert">{move || failed.get().then(|| ctx.texts().shared_computer().break_failed)}</p>
            </div>
        </Show>
    }
}

/// On a shared computer: after `shared.idle_seconds` without input, "Are you still there?" with a
/// countdown; then the answers, a resume code on screen or the thank-you screen (`finished`) are
/// cleared from the screen and memory (`on_clear` clears what the caller holds), and the survey's
/// start is shown. A break taken with a code stays locked in storage.
#[component]
pub(super) fn IdleGuard(
    survey: Arc<Survey>,
    draft: RwSignal<Option<Draft>>,
    paused_code: RwSignal<Option<String>>,
    finished: Signal<bool>,
    on_clear: Callback<()>,
) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let survey_id = survey.id.clone();
    let watching = Signal::derive(move || {
        ctx.shared_device.get() && (draft.with(Option::is_some) || paused_code.with(Option::is_some) || finished.get())
    });
    let clear = Callback::new(move |_| {
        draft.set(None);
        paused_code.set(None);
        on_clear.run(());
        ctx.notify(Notice::ScreenCleared);
        ctx.navigate(Route::Survey { id: survey_id.clone(), screen: Screen::Intro });
        platform::focus_soon(focus::HEADING);
    });
    view! {
        <IdleWatch
            idle_seconds=survey.shared.idle_seconds
            warning_seconds=survey.shared.warning_seconds
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
        ctx.navigate(Route::Survey { id: survey_id.clone(), screen: Screen::Intro });
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
