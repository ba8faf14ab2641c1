//! Peer interviews on the interviewer's own phone: a short list (new interview, how many wait,
//! deliver all), a consent screen to read aloud, questions laid out for reading aloud and quick
//! entry, and each interview sealed the moment it ends. The interview in progress is kept in
//! storage so a reload or a flat battery loses nothing; nothing about the interviewer is kept.

use std::sync::Arc;

use leptos::prelude::*;
use lytt_core::kiosk::DeviceMode;
use lytt_core::{localized, DeviceKind, Status, Survey};

use super::start::{catalog_view, load_offered};
use super::steps::QuestionSteps;
use super::survey::{load_survey, SurveyProblemPage};
use crate::components::LanguagePicker;
use crate::delivery::DeliveryPanel;
use crate::focus;
use crate::platform;
use crate::route::Route;
use crate::session::AnswerSession;
use crate::state::AppContext;

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
    ctx.follow_app_language(|t| t.modes().interview_confirm_heading);
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
                <a class="button secondary" href=Route::Start.href()>{ctx.text(|t| t.back_to_start)}</a>
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
    let (catalog, retry) = super::fetched(load_offered);
    ctx.follow_app_language(|t| t.modes().interview_heading);
    let list = move || catalog_view(ctx, catalog.get(), retry, |id| Route::Interview(Some(id)));
    view! {
        <div class="start">
            <h1 id=focus::HEADING tabindex="-1">{ctx.text(|t| t.modes().interview_heading)}</h1>
            <p>{ctx.text(|t| t.modes().interview_choose_intro)}</p>
            {list}
            <p><a href=Route::Start.href()>{ctx.text(|t| t.back_to_start)}</a></p>
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

/// The interviews of one survey: the list, consent, questions, and stopping. One answering
/// session holds the interview in progress, kept in storage so that a reload or a flat battery
/// loses nothing.
#[component]
fn Interviews(survey: Arc<Survey>) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let session = AnswerSession::start(survey.clone(), Signal::derive(|| DeviceKind::Interview));
    let consent_screen = RwSignal::new(false);
    let stopping = RwSignal::new(false);
    let ended = RwSignal::new(None::<Ended>);
    let title = session.title(Some(|t| t.modes().interview_heading));

    let end = move |how: Ended| {
        session.discard();
        stopping.set(false);
        ended.set(Some(how));
        platform::focus_soon(focus::HEADING);
    };
    let seal = move |status: Status| match session.finish(status, None) {
        Ok(_) => end(if status == Status::Complete { Ended::Sealed } else { Ended::KeptPartial }),
        Err(_) => stopping.set(false),
    };
    let before_first = Callback::new(move |_| {
        stopping.set(true);
        platform::focus_soon(focus::STOP_QUESTION);
    });

    // Only starting or ending an interview (not every answer) rebuilds the screen.
    let in_interview = Memo::new(move |_| session.draft.with(Option::is_some));
    let body = move || {
        if in_interview.get() {
            view! {
                <div class="interview-questions">
                    <QuestionSteps on_before_first=before_first on_finish=Callback::new(move |_| seal(Status::Complete)) />
                    {stop_control(ctx, stopping, Callback::new(seal), Callback::new(end))}
                </div>
            }
            .into_any()
        } else if consent_screen.get() {
            consent(ctx, session, consent_screen).into_any()
        } else {
            interview_home(ctx, &survey.id, ended, consent_screen).into_any()
        }
    };
    view! {
        <div class="survey interview">
            <div class="survey-bar">
                <p class="survey-title">{title}</p>
                <LanguagePicker
                    languages=session.survey().languages.clone()
                    fallback=session.survey().default_language.clone()
                />
            </div>
            {body}
        </div>
    }
}

/// "Stop the interview", then: keep what was answered (sealed as partial), throw it away, or
/// go on.
fn stop_control(
    ctx: AppContext,
    stopping: RwSignal<bool>,
    seal: Callback<Status>,
    end: Callback<Ended>,
) -> impl IntoView {
    let t = ctx.texts();
    view! {
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
                <button type="button" class="secondary" on:click=move |_| seal.run(Status::Partial)>{t.modes().interview_keep_partial}</button>
                <button type="button" class="danger" on:click=move |_| end.run(Ended::Discarded)>{t.modes().interview_discard}</button>
                <button type="button" class="secondary" on:click=move |_| {
                    stopping.set(false);
                    platform::focus_soon(focus::HEADING);
                }>{t.modes().interview_go_on}</button>
            </div>
        </Show>
    }
}

/// The interviewer's list: what happened to the last interview, a new one, what waits.
fn interview_home(
    ctx: AppContext,
    survey_id: &str,
    ended: RwSignal<Option<Ended>>,
    consent_screen: RwSignal<bool>,
) -> impl IntoView {
    let t = ctx.texts();
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
            <DeliveryPanel survey=survey_id.to_string() heading=t.deliver_all hide_when_empty=true />
            <LeaveInterviews />
        </div>
    }
}

/// The consent screen, written to be read aloud; questions start only once the interviewer
/// confirms that the person said yes.
fn consent(ctx: AppContext, session: AnswerSession, consent_screen: RwSignal<bool>) -> impl IntoView {
    let t = ctx.texts();
    let given = RwSignal::new(false);
    let missing = RwSignal::new(false);
    let survey = session.survey();
    let intro = survey
        .intro
        .as_ref()
        .map(|i| localized(i, &session.language.get_untracked(), &survey.default_language).to_string());
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !given.get_untracked() {
            missing.set(true);
            platform::focus_soon(focus::CONSENT_GIVEN);
            return;
        }
        consent_screen.set(false);
        session.begin();
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
