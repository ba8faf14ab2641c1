//! Peer interviews on the interviewer's own phone: a short list (new interview, how many wait,
//! deliver all), a consent screen to read aloud, questions laid out for reading aloud and quick
//! entry, and each interview sealed the moment it ends. The interview in progress is kept in
//! storage so a reload or a flat battery loses nothing; nothing about the interviewer is kept.

use std::sync::Arc;

use leptos::prelude::*;
use lytt_core::kiosk::DeviceMode;
use lytt_core::{localized, Draft, Mode, Status, Survey};

use super::start::{load_catalog, survey_links};
use super::steps::{fresh_draft, QuestionSteps};
use super::survey::{
    content_language, draft_follows_language, load_survey, restore_draft_in, survey_title, SurveyProblemPage,
};
use crate::components::question::StepProblem;
use crate::components::LanguagePicker;
use crate::delivery::{seal_into_outbox, DeliveryPanel};
use crate::focus;
use crate::platform;
use crate::platform::storage::{self, DraftSlot};
use crate::route::Route;
use crate::AppContext;

/// `#/interview`: choose a survey; `#/interview/<id>`: the interviews of that survey, once the
/// interviewer has said yes to using this phone for them (interviewer mode, kept until left).
#[component]
pub fn InterviewPage(survey: Option<String>) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let Some(id) = survey else {
        return view! { <ChooseInterviewSurvey /> }.into_any();
    };
    let wanted = DeviceMode::Interview { survey: id.clone() };
    let chosen = Memo::new(move |_| ctx.mode.with(|m| m.as_ref() == Some(&wanted)));
    (move || {
        if chosen.get() {
            view! { <InterviewsOf id=id.clone() /> }.into_any()
        } else {
            view! { <UseForInterviews id=id.clone() /> }.into_any()
        }
    })
    .into_any()
}

/// "Use this phone for peer interviews?": a link alone never changes what the phone opens on.
#[component]
fn UseForInterviews(id: String) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    super::follow_app_language(ctx, |t| t.modes().interview_confirm_heading);
    let yes = move |_| {
        // Not being remembered only means the start page does not open here next time.
        ctx.keep_mode(DeviceMode::Interview { survey: id.clone() });
        platform::focus_soon(focus::HEADING);
    };
    view! {
        <div class="interview-confirm">
            <h1 id=focus::HEADING tabindex="-1">{ctx.text(|t| t.modes().interview_confirm_heading)}</h1>
            <p>{ctx.text(|t| t.modes().interview_confirm_text)}</p>
            <div class="nav">
                <a class="button secondary" href="#/">{ctx.text(|t| t.back_to_start)}</a>
                <button type="button" class="primary" on:click=yes>{ctx.text(|t| t.modes().interview_confirm_yes)}</button>
            </div>
        </div>
    }
}

/// The interviews of one survey, once its file is in.
#[component]
fn InterviewsOf(id: String) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let (loaded, retry) = super::fetched(move || load_survey(id.clone()));
    (move || match loaded.get() {
        None => view! { <p aria-busy="true">{ctx.text(|t| t.loading)}</p> }.into_any(),
        Some(Err(problem)) => view! {
            <SurveyProblemPage problem=problem retry=retry>
                <LeaveInterviews />
            </SurveyProblemPage>
        }
        .into_any(),
        Some(Ok(survey)) => view! { <Interviews survey=survey /> }.into_any(),
    })
    .into_any()
}

/// The surveys to interview with.
#[component]
fn ChooseInterviewSurvey() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let (catalog, _) = super::fetched(|| async { load_catalog().await.ok() });
    super::follow_app_language(ctx, |t| t.modes().interview_heading);
    let list = move || {
        let t = ctx.texts();
        let language = ctx.language.get();
        match catalog.get() {
            None => view! { <p aria-busy="true">{t.loading}</p> }.into_any(),
            Some(None) => view! { <p class="problem">{t.catalog_error}</p> }.into_any(),
            Some(Some(catalog)) => survey_links(catalog, &language, |id| Route::Interview(Some(id))).into_any(),
        }
    };
    view! {
        <div class="start">
            <h1 id=focus::HEADING tabindex="-1">{ctx.text(|t| t.modes().interview_heading)}</h1>
            <p>{ctx.text(|t| t.modes().interview_choose_intro)}</p>
            {list}
            <p><a href="#/">{ctx.text(|t| t.back_to_start)}</a></p>
        </div>
    }
}

/// "Leave interviewer mode": back to an ordinary start page (waiting interviews stay).
#[component]
fn LeaveInterviews() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let leave = move |_| {
        let _ = ctx.set_mode(None);
        ctx.navigate(Route::Start);
    };
    view! {
        <p><button type="button" class="link" on:click=leave>{ctx.text(|t| t.modes().interview_leave)}</button></p>
    }
}

/// What happened to the last interview, shown on the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ended {
    Sealed,
    KeptPartial,
    Discarded,
}

/// The interviews of one survey: the list, consent, questions, and stopping.
#[component]
fn Interviews(survey: Arc<Survey>) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let draft: RwSignal<Option<Draft>> = RwSignal::new(restore_draft_in(ctx, DraftSlot::Interview, &survey));
    let consent_screen = RwSignal::new(false);
    let stopping = RwSignal::new(false);
    let ended = RwSignal::new(None::<Ended>);
    let error = RwSignal::new(None::<StepProblem>);
    let lang = content_language(ctx, &survey);
    // An interview's own language wins after a reload: it is the one the person chose.
    if let Some(tag) = draft.with_untracked(|d| d.as_ref().map(|d| d.language.clone())) {
        ctx.set_language(&tag);
    }

    // The one place that writes the interview in progress to storage.
    {
        let survey_id = survey.id.clone();
        Effect::new(move |_| {
            draft.with(|d| match d {
                Some(d) => {
                    if let Err(problem) = storage::save_draft_in(DraftSlot::Interview, d) {
                        ctx.storage_failed(problem);
                    }
                }
                None => storage::delete_draft_in(DraftSlot::Interview, &survey_id),
            })
        });
    }
    draft_follows_language(draft, lang);
    let title = survey_title(ctx, &survey, lang, Some(|t| t.modes().interview_heading));

    let end = move |how: Ended| {
        draft.set(None);
        stopping.set(false);
        error.set(None);
        ended.set(Some(how));
        platform::focus_soon(focus::HEADING);
    };
    let seal = {
        let survey = survey.clone();
        move |status: Status| {
            let sealed = draft.with_untracked(|d| {
                d.as_ref().map(|d| seal_into_outbox(ctx, &survey, d, (Mode::Interview, status), None))
            });
            match sealed {
                Some(Ok(_)) => end(if status == Status::Complete { Ended::Sealed } else { Ended::KeptPartial }),
                _ => {
                    stopping.set(false);
                    error.set(Some(StepProblem::FinishFailed));
                }
            }
        }
    };
    let finish = {
        let seal = seal.clone();
        Callback::new(move |_| seal(Status::Complete))
    };
    let before_first = Callback::new(move |_| {
        stopping.set(true);
        platform::focus_soon(focus::STOP_QUESTION);
    });

    // Only starting or ending an interview (not every answer) rebuilds the screen.
    let in_interview = Memo::new(move |_| draft.with(Option::is_some));
    let body = {
        let survey = survey.clone();
        move || {
            let t = ctx.texts();
            if in_interview.get() {
                let seal = seal.clone();
                return view! {
                    <div class="interview-questions">
                        <QuestionSteps
                            survey=survey.clone()
                            draft=draft
                            lang=lang
                            error=error
                            on_before_first=before_first
                            on_finish=finish
                        />
                        <Show
                            when=move || stopping.get()
                            fallback=move || view! {
                                <button type="button" class="danger-link" on:click=move |_| {
                                    stopping.set(true);
                                    platform::focus_soon(focus::STOP_QUESTION);
                                }>{t.modes().interview_stop}</button>
                            }
                        >
                            <div class="confirm" role="group" aria-labelledby=focus::STOP_QUESTION>
                                <p id=focus::STOP_QUESTION tabindex="-1">{t.modes().interview_stop_question}</p>
                                <button type="button" class="secondary" on:click={
                                    let seal = seal.clone();
                                    move |_| seal(Status::Partial)
                                }>{t.modes().interview_keep_partial}</button>
                                <button type="button" class="danger" on:click=move |_| end(Ended::Discarded)>{t.modes().interview_discard}</button>
                                <button type="button" class="secondary" on:click=move |_| {
                                    stopping.set(false);
                                    platform::focus_soon(focus::HEADING);
                                }>{t.modes().interview_go_on}</button>
                            </div>
                        </Show>
                    </div>
                }
                .into_any();
            }
            if consent_screen.get() {
                return consent(ctx, survey.clone(), lang, draft, consent_screen).into_any();
            }
            let outcome = move || {
                ended.get().map(|how| match how {
                    Ended::Sealed => t.modes().interview_sealed,
                    Ended::KeptPartial => t.modes().interview_kept_partial,
                    Ended::Discarded => t.modes().interview_discarded,
                })
            };
            view! {
                <div class="interview-home">
                    <h1 id=focus::HEADING tabindex="-1">{t.modes().interview_heading}</h1>
                    <p class="notice-line" role="status">{outcome}</p>
                    <p>{t.modes().interview_intro}</p>
                    <div class="nav">
                        <button type="button" class="primary big" on:click=move |_| {
                            ended.set(None);
                            consent_screen.set(true);
                            platform::focus_soon(focus::HEADING);
                        }>{t.modes().interview_new}</button>
                    </div>
                    <DeliveryPanel survey=survey.id.clone() heading=t.deliver_all hide_when_empty=true />
                    <LeaveInterviews />
                </div>
            }
            .into_any()
        }
    };
    view! {
        <div class="survey interview">
            <div class="survey-bar">
                <p class="survey-title">{title}</p>
                <LanguagePicker languages=survey.languages.clone() />
            </div>
            {body}
        </div>
    }
}

/// The consent screen, written to be read aloud; questions start only once the interviewer
/// confirms that the person said yes.
fn consent(
    ctx: AppContext,
    survey: Arc<Survey>,
    lang: Memo<String>,
    draft: RwSignal<Option<Draft>>,
    consent_screen: RwSignal<bool>,
) -> impl IntoView {
    let t = ctx.texts();
    let given = RwSignal::new(false);
    let missing = RwSignal::new(false);
    let intro =
        survey.intro.as_ref().map(|i| localized(i, &lang.get_untracked(), &survey.default_language).to_string());
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !given.get_untracked() {
            missing.set(true);
            platform::focus_soon(focus::CONSENT_GIVEN);
            return;
        }
        consent_screen.set(false);
        draft.set(Some(fresh_draft(&survey, &lang.get_untracked())));
        platform::focus_soon(focus::HEADING);
    };
    view! {
        <form class="consent" novalidate=true on:submit=start>
            <h1 id=focus::HEADING tabindex="-1">{t.modes().consent_heading}</h1>
            <p>{t.modes().consent_read_aloud}</p>
            <div class="read-aloud">
                {intro.map(|i| view! { <p>{i}</p> })}
                <ul>{t.modes().consent_points.iter().map(|p| view! { <li>{*p}</li> }).collect_view()}</ul>
            </div>
            <label class="choice">
                <input
                    id=focus::CONSENT_GIVEN
                    type="checkbox"
                    aria-describedby="consent-error"
                    prop:checked=move || given.get()
                    on:change=move |ev| {
                        given.set(event_target_checked(&ev));
                        missing.set(false);
                    }
                />
                <span>{t.modes().consent_given}</span>
            </label>
            <p class="error" id="consent-error" role="alert">{move || missing.get().then_some(t.modes().consent_missing)}</p>
            <div class="nav">
                <button type="button" class="secondary" on:click=move |_| {
                    consent_screen.set(false);
                    platform::focus_soon(focus::HEADING);
                }>{t.back}</button>
                <button type="submit" class="primary">{t.modes().consent_start}</button>
            </div>
        </form>
    }
}
