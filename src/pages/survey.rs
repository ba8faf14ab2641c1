//! A survey: its start screen, one screen per question, review, and the finish.

use std::sync::Arc;

use leptos::prelude::*;
use lytt_core::{localized, parse_survey, Draft, Mode, Place, Response, Status, Survey};

use crate::components::question::StepProblem;
use crate::components::{answer_summary, LanguagePicker, QuestionScreen};
use crate::delivery::{seal_into_outbox, DeliveryPanel, SealProblem};
use crate::focus;
use crate::i18n::{is_rtl, Texts};
use crate::pages::shared_device::{break_screen, resume_with_code_form, IdleGuard, TakeBreak};
use crate::pages::steps::question_moves;
use crate::platform::storage::{self, DraftSlot, StoredDraft};
use crate::platform::{self, FetchError};
use crate::route::{Route, Screen};
use crate::{AppContext, Notice};
use lytt_core::seal::Sealer;
use rand_core::OsRng;

/// Why a survey could not be opened.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum SurveyProblem {
    /// There is no such survey file.
    NotFound,
    /// The file could not be fetched.
    Fetch,
    /// The file has errors; each is a path and a sentence for the survey's owner.
    Invalid(Vec<String>),
}

pub(super) async fn load_survey(id: String) -> Result<Arc<Survey>, SurveyProblem> {
    let text = platform::fetch_text(&crate::route::survey_file(&id)).await.map_err(|e| match e {
        FetchError::NotFound => SurveyProblem::NotFound,
        _ => SurveyProblem::Fetch,
    })?;
    let survey = parse_survey(&text)
        .map_err(|errors| SurveyProblem::Invalid(errors.0.iter().map(ToString::to_string).collect()))?;
    if survey.id != id {
        return Err(SurveyProblem::Invalid(vec![format!(
            "id: \"{}\" does not match the file name \"{id}.json\"",
            survey.id
        )]));
    }
    Ok(Arc::new(survey))
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

/// Why a survey cannot be shown, in the person's language, with the owner's details. `children`
/// take the place of the link back to the start (a kiosk or interviewer has their own way on).
#[component]
pub(super) fn SurveyProblemPage(
    problem: SurveyProblem,
    retry: Callback<()>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let (message, details): (fn(&crate::i18n::Texts) -> &'static str, Vec<String>) = match problem {
        SurveyProblem::NotFound => (|t| t.survey_not_found, Vec::new()),
        SurveyProblem::Fetch => (|t| t.network_error, Vec::new()),
        SurveyProblem::Invalid(details) => (|t| t.survey_error_text, details),
    };
    super::follow_app_language(ctx, |t| t.survey_error_heading);
    let retry = details.is_empty().then(|| {
        view! { <button type="button" class="secondary" on:click=move |_| retry.run(())>{ctx.text(|t| t.retry)}</button> }
    });
    let details = (!details.is_empty()).then(|| {
        view! {
            <ul class="problems" lang="en">
                {details.into_iter().map(|d| view! { <li><code>{d}</code></li> }).collect_view()}
            </ul>
        }
    });
    view! {
        <div class="problem">
            <h1 id=focus::HEADING tabindex="-1">{ctx.text(|t| t.survey_error_heading)}</h1>
            <p>{move || message(ctx.texts())}</p>
            {details}
            {retry}
            {match children {
                Some(instead) => instead().into_any(),
                None => view! { <p><a href="#/">{ctx.text(|t| t.back_to_start)}</a></p> }.into_any(),
            }}
        </div>
    }
}

/// The route that shows a place in the draft.
fn route_for(survey_id: &str, place: &Place) -> Route {
    let screen = match place {
        Place::Intro => Screen::Intro,
        Place::Question(q) => Screen::Question(q.clone()),
        Place::Review => Screen::Review,
    };
    Route::Survey { id: survey_id.to_string(), screen }
}

/// Reads the stored draft for a survey, fitting it to the survey as it is now.
fn restore_draft(ctx: AppContext, survey: &Survey) -> Option<Draft> {
    if ctx.shared_device.get_untracked() {
        // Nothing is kept on a shared computer; a break is resumed with its code instead.
        return None;
    }
    restore_draft_in(ctx, DraftSlot::Own, survey)
}

/// Reads a stored draft from a slot, fitting it to the survey as it is now, and tells the
/// person about anything set aside, expired or dropped.
pub(super) fn restore_draft_in(ctx: AppContext, slot: DraftSlot, survey: &Survey) -> Option<Draft> {
    let today = platform::today_days();
    match storage::load_draft_in(slot, &survey.id, today) {
        StoredDraft::None => None,
        StoredDraft::SetAside => {
            ctx.notify(Notice::SetAside);
            None
        }
        StoredDraft::Found(draft) if draft.is_expired(today) => {
            storage::delete_draft_in(slot, &survey.id);
            ctx.notify(Notice::DraftsExpired(1));
            None
        }
        StoredDraft::Found(mut draft) => {
            let dropped = draft.reconcile(survey);
            if dropped > 0 {
                ctx.notify(Notice::AnswersDropped(dropped));
            }
            Some(draft)
        }
    }
}

/// The draft records the language the survey is being answered in, also after a change mid-way.
pub(super) fn draft_follows_language(draft: RwSignal<Option<Draft>>, lang: Memo<String>) {
    Effect::new(move |_| {
        let language = lang.get();
        draft.update(|d| {
            if let Some(d) = d.as_mut().filter(|d| d.language != language) {
                d.language = language;
            }
        });
    });
}

/// The survey's title in the language it is shown in, with the tab's title following it (after
/// `prefix`, the name of a mode, if given).
pub(super) fn survey_title(
    ctx: AppContext,
    survey: &Arc<Survey>,
    lang: Memo<String>,
    prefix: Option<fn(&Texts) -> &'static str>,
) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    let survey = survey.clone();
    let title = move || localized(&survey.title, &lang.get(), &survey.default_language).to_string();
    {
        let title = title.clone();
        Effect::new(move |_| {
            let t = ctx.texts();
            let tab = match prefix {
                Some(prefix) => format!("{} – {} – {}", prefix(t), title(), t.app_name),
                None => format!("{} – {}", title(), t.app_name),
            };
            platform::set_title(&tab);
        });
    }
    title
}

/// The language the survey's own text is shown in (the person's choice where the survey has
/// it), with the page's `lang` and `dir` following it.
pub(super) fn content_language(ctx: AppContext, survey: &Arc<Survey>) -> Memo<String> {
    let survey = survey.clone();
    let language = Memo::new(move |_| survey.content_language(&ctx.language.get()).to_string());
    Effect::new(move |_| {
        let tag = language.get();
        platform::set_document_language(&tag, is_rtl(&tag));
    });
    language
}

/// What the thank-you screen may show of the response just finished.
#[derive(Debug, Clone)]
enum Finished {
    /// On a personal device: the record as it was sealed, for the person to look at.
    Readable(Response),
    /// On a shared computer: only that it was sealed. The plaintext was dropped at once, so the
    /// next person at the screen finds nothing of it, not even in memory.
    Sealed,
}

/// The screens of a loaded survey, around one draft that is saved on every change.
#[component]
fn SurveyFlow(survey: Arc<Survey>) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let draft: RwSignal<Option<Draft>> = RwSignal::new(restore_draft(ctx, &survey));
    let finished: RwSignal<Option<Finished>> = RwSignal::new(None);
    let error: RwSignal<Option<StepProblem>> = RwSignal::new(None);
    // The resume code of a break just taken, shown once.
    let paused_code: RwSignal<Option<String>> = RwSignal::new(None);
    // A draft's language wins over the remembered one: it is what this person chose here.
    if let Some(tag) = draft.with_untracked(|d| d.as_ref().map(|d| d.language.clone())) {
        if Route::parse(&platform::location_hash()).language.is_none() {
            ctx.set_language(&tag);
        }
    }

    // The one place that writes the draft to storage.
    {
        let survey_id = survey.id.clone();
        Effect::new(move |_| {
            let shared = ctx.shared_device.get();
            draft.with(|d| match d {
                // On a shared computer the answers live in this page's memory only.
                Some(_) if shared => storage::delete_draft(&survey_id),
                Some(d) => {
                    if let Err(problem) = storage::save_draft(d) {
                        ctx.storage_failed(problem);
                    }
                }
                None => storage::delete_draft(&survey_id),
            })
        });
    }

    let content_language = content_language(ctx, &survey);
    draft_follows_language(draft, content_language);

    let screen = Memo::new(move |_| match ctx.route.get() {
        Route::Survey { screen, .. } => screen,
        _ => Screen::Intro,
    });
    // On a shared computer the thank-you screen is shown once: back, forward or "answer again"
    // find nothing of the response that was finished.
    Effect::new(move |_| {
        if screen.get() != Screen::Done && ctx.shared_device.get_untracked() && finished.with_untracked(Option::is_some)
        {
            finished.set(None);
        }
    });

    // Screens that need a draft, or a question that is not shown now, send the person to a
    // screen that makes sense instead of showing something broken.
    {
        let survey = survey.clone();
        Effect::new(move |_| {
            let screen = screen.get();
            let target = draft.with(|d| match (&screen, d) {
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

    let go_to = {
        let survey_id = survey.id.clone();
        move |place: Place| {
            error.set(None);
            draft.update(|d| {
                if let Some(d) = d {
                    d.place = place.clone();
                    d.updated_day = platform::today_days();
                }
            });
            ctx.navigate(route_for(&survey_id, &place));
        }
    };

    let title = survey_title(ctx, &survey, content_language, None);

    let body = {
        let survey = survey.clone();
        move || {
            let t = ctx.texts();
            let lang = content_language.get();
            if let Some(code) = paused_code.get() {
                return break_screen(ctx, survey.id.clone(), code, paused_code).into_any();
            }
            match screen.get() {
                Screen::Intro => intro_screen(ctx, survey.clone(), draft, lang, go_to.clone()).into_any(),
                Screen::Question(qid) => {
                    let Some(index) = survey.question_index(&qid) else {
                        return ().into_any();
                    };
                    let go = Callback::new(go_to.clone());
                    let (progress, on_next, on_back) = question_moves(&survey, draft, &qid, index, error, go);
                    view! {
                        <QuestionScreen
                            survey=survey.clone()
                            index=index
                            draft=draft
                            lang=lang
                            t=t
                            progress=progress
                            on_next=on_next
                            on_back=on_back
                            error=error
                        />
                        <TakeBreak survey_id=survey.id.clone() draft=draft paused_code=paused_code />
                    }
                    .into_any()
                }
                Screen::Review => {
                    review_screen(ctx, survey.clone(), draft, finished, paused_code, lang, go_to.clone()).into_any()
                }
                Screen::Done => done_screen(ctx, survey.clone(), finished).into_any(),
            }
        }
    };

    let languages = survey.languages.clone();
    let fingerprint = lytt_core::seal::recipient_fingerprint(&survey.recipient);
    // Anyone holding the published test identity can read these answers: say so on every screen.
    let test_key = (survey.recipient == lytt_core::TEST_RECIPIENT)
        .then(|| view! { <p class="test-key">{ctx.text(|t| t.test_key_banner)}</p> });
    view! {
        <div class="survey">
            {test_key}
            <div class="survey-bar">
                <p class="survey-title">{title}</p>
                <LanguagePicker languages=languages />
            </div>
            <IdleGuard survey=survey.clone() draft=draft paused_code=paused_code finished=Signal::derive(move || finished.with(Option::is_some)) on_clear=Callback::new(move |_| finished.set(None)) />
            {body}
            <p class="fingerprint">{move || (ctx.texts().key_fingerprint)(&fingerprint)}</p>
        </div>
    }
}

fn intro_screen(
    ctx: AppContext,
    survey: Arc<Survey>,
    draft: RwSignal<Option<Draft>>,
    lang: String,
    go_to: impl Fn(Place) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let t = ctx.texts();
    let fallback = survey.default_language.clone();
    let title = localized(&survey.title, &lang, &fallback).to_string();
    let intro = survey.intro.as_ref().map(|i| localized(i, &lang, &fallback).to_string());
    let confirming = RwSignal::new(false);
    let has_draft = move || draft.with(Option::is_some);

    let start = {
        let survey = survey.clone();
        let go_to = go_to.clone();
        let lang = lang.clone();
        move |_| {
            let fresh = Draft::new(&survey, &lang, platform::today_days());
            let first = fresh.next_place(&survey, &Place::Intro).unwrap_or(Place::Review);
            draft.set(Some(fresh));
            go_to(first);
        }
    };
    let resume = {
        let survey = survey.clone();
        let go_to = go_to.clone();
        move |_| {
            let place = draft.with_untracked(|d| d.as_ref().map(|d| d.resume_place(&survey)));
            go_to(place.unwrap_or(Place::Intro));
        }
    };

    let resume_form = {
        let survey = survey.clone();
        let go_to = go_to.clone();
        move || resume_with_code_form(ctx, survey.clone(), draft, go_to.clone())
    };

    view! {
        <div class="intro">
            <h1 id=focus::HEADING tabindex="-1">{title}</h1>
            {intro.map(|i| view! { <p class="lead">{i}</p> })}
            <p class="anonymous">{move || format!("{} {}", t.anonymous_statement, ctx.kept_statement())}</p>
            <Show
                when=has_draft
                fallback=move || {
                    let start = start.clone();
                    // Paused answers come first: a big Start above them would make starting
                    // over the easy mistake.
                    view! {
                        {resume_form.clone()}
                        {device_choice(ctx)}
                        <div class="nav">
                            <button type="button" class="primary" on:click=start>{t.start_survey}</button>
                        </div>
                    }
                }
            >
                <p>{t.draft_saved_here}</p>
                <div class="nav">
                    <button type="button" class="primary" on:click=resume.clone()>{t.continue_survey}</button>
                </div>
                <DiscardControl draft=draft confirming=confirming />
            </Show>
        </div>
    }
}

/// Whether this is a shared or public computer. A personal device can turn the protection on
/// with a tick; a shared one leaves it only by a deliberate button that says what changes.
fn device_choice(ctx: AppContext) -> impl IntoView {
    let t = ctx.texts();
    move || {
        if ctx.shared_device.get() {
            view! {
                <div class="device">
                    <p>{t.shared_computer().shared_device_on}</p>
                    <p class="hint" id="leave-shared-hint">{t.shared_computer().leave_shared_hint}</p>
                    <button type="button" class="secondary" aria-describedby="leave-shared-hint" on:click=move |_| {
                        ctx.set_shared_device(false);
                    }>{t.shared_computer().leave_shared}</button>
                </div>
            }
            .into_any()
        } else {
            view! {
                <div class="device">
                    <label class="choice">
                        <input type="checkbox" on:change=move |ev| ctx.set_shared_device(event_target_checked(&ev)) />
                        <span>{t.shared_computer().shared_device_label}</span>
                    </label>
                    <p class="hint">{t.shared_computer().shared_device_hint}</p>
                </div>
            }
            .into_any()
        }
    }
}

/// "Discard my answers", with a confirmation step.
#[component]
fn DiscardControl(draft: RwSignal<Option<Draft>>, confirming: RwSignal<bool>) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let t = ctx.texts();
    view! {
        <Show
            when=move || confirming.get()
            fallback=move || {
                view! {
                    <button type="button" class="danger-link" on:click=move |_| {
                        confirming.set(true);
                        platform::focus_soon(focus::DISCARD_QUESTION);
                    }>{t.discard}</button>
                }
            }
        >
            <div class="confirm" role="group" aria-labelledby=focus::DISCARD_QUESTION>
                <p id=focus::DISCARD_QUESTION tabindex="-1">{t.discard_confirm}</p>
                <button type="button" class="danger" on:click=move |_| {
                    draft.set(None);
                    confirming.set(false);
                    ctx.notify(Notice::Discarded);
                    platform::focus_soon(focus::HEADING);
                }>{t.discard_yes}</button>
                <button type="button" class="secondary" on:click=move |_| confirming.set(false)>{t.discard_no}</button>
            </div>
        </Show>
    }
}

fn review_screen(
    ctx: AppContext,
    survey: Arc<Survey>,
    draft: RwSignal<Option<Draft>>,
    finished: RwSignal<Option<Finished>>,
    paused_code: RwSignal<Option<String>>,
    lang: String,
    go_to: impl Fn(Place) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let t = ctx.texts();
    let fallback = survey.default_language.clone();
    let failure = RwSignal::new(None::<StepProblem>);
    let survey_id_for_break = survey.id.clone();
    let confirming = RwSignal::new(false);
    // The slow, answer-independent half of sealing (the X25519 work) is done while the person
    // reads this screen, so "Finish" only has to encrypt the record itself.
    let sealer: StoredValue<Option<Sealer>, LocalStorage> = StoredValue::new_local(None);
    {
        let recipient = survey.recipient.clone();
        platform::after(0, move || {
            platform::mark("lytt-prepare-start");
            let prepared = Sealer::new(&recipient, &mut OsRng).ok();
            platform::mark("lytt-prepare-end");
            sealer.try_set_value(prepared);
        });
    }

    let rows = {
        let survey = survey.clone();
        let lang = lang.clone();
        let fallback = fallback.clone();
        move || {
            draft.with(|d| {
                let Some(d) = d else {
                    return Vec::new();
                };
                d.visible_ids(&survey)
                    .into_iter()
                    .filter_map(|id| survey.question(id))
                    .filter(|q| q.is_answerable())
                    .map(|q| {
                        let prompt = localized(&q.prompt, &lang, &fallback).to_string();
                        let summary = answer_summary(q, d.answers.get(&q.id), &lang, &fallback, t);
                        let href = Route::survey(&survey.id, Screen::Question(q.id.clone())).href();
                        view! {
                            <div class="review-row">
                                <dt>{prompt.clone()}</dt>
                                <dd>
                                    <span class="answer">{summary}</span>
                                    " "
                                    <a href=href>{t.change}<span class="visually-hidden">{format!(": {prompt}")}</span></a>
                                </dd>
                            </div>
                        }
                    })
                    .collect::<Vec<_>>()
            })
        }
    };

    let missing = {
        let survey = survey.clone();
        let lang = lang.clone();
        let fallback = fallback.clone();
        move || {
            let ids: Vec<(String, String)> = draft.with(|d| {
                d.as_ref()
                    .map(|d| {
                        d.missing_required(&survey)
                            .into_iter()
                            .filter_map(|id| survey.question(id))
                            .map(|q| (q.id.clone(), localized(&q.prompt, &lang, &fallback).to_string()))
                            .collect()
                    })
                    .unwrap_or_default()
            });
            (!ids.is_empty()).then(|| {
                let survey_id = survey.id.clone();
                view! {
                    <div class="missing" role="alert">
                        <p>{t.missing_required}</p>
                        <ul>
                            {ids.into_iter().map(|(id, prompt)| {
                                let href = Route::survey(&survey_id, Screen::Question(id)).href();
                                view! { <li><a href=href>{prompt}</a></li> }
                            }).collect_view()}
                        </ul>
                    </div>
                }
            })
        }
    };

    let finish = {
        let survey = survey.clone();
        move |_| {
            let mode = if ctx.shared_device.get_untracked() { Mode::Shared } else { Mode::Personal };
            let prepared = sealer.try_update_value(Option::take).flatten();
            let result = draft.with_untracked(|d| {
                d.as_ref().map(|d| seal_into_outbox(ctx, &survey, d, (mode, Status::Complete), prepared))
            });
            match result {
                // Sealed at once; only then is the plaintext draft deleted.
                Some(Ok(response)) => {
                    finished.set(Some(match mode {
                        Mode::Shared => Finished::Sealed,
                        _ => Finished::Readable(response),
                    }));
                    draft.set(None);
                    ctx.navigate(Route::Survey { id: survey.id.clone(), screen: Screen::Done });
                }
                Some(Err(SealProblem::Incomplete(_))) => {
                    failure.set(Some(StepProblem::Required));
                    platform::focus_soon(focus::FINISH_ERROR);
                }
                Some(Err(SealProblem::Failed)) | None => failure.set(Some(StepProblem::FinishFailed)),
            }
        }
    };
    let back = {
        let survey = survey.clone();
        move |_| {
            let place = draft
                .with_untracked(|d| d.as_ref().map(|d| d.previous_place(&survey, &Place::Review)))
                .unwrap_or(Place::Intro);
            go_to(place);
        }
    };

    view! {
        <div class="review">
            <h1 id=focus::HEADING tabindex="-1">{t.review_heading}</h1>
            <p>{t.review_intro}</p>
            <dl class="answers">{rows}</dl>
            {missing}
            <p class="error" id=focus::FINISH_ERROR role="alert" tabindex="-1">
                {move || failure.with(|f| f.as_ref().map(|f| f.text(ctx.texts())))}
            </p>
            <div class="nav">
                <button type="button" class="secondary" on:click=back>{t.back}</button>
                <button type="button" class="primary" on:click=finish>{t.finish}</button>
            </div>
            <TakeBreak survey_id=survey_id_for_break.clone() draft=draft paused_code=paused_code />
            <DiscardControl draft=draft confirming=confirming />
        </div>
    }
}

fn done_screen(ctx: AppContext, survey: Arc<Survey>, finished: RwSignal<Option<Finished>>) -> impl IntoView {
    let t = ctx.texts();
    let record = move || {
        finished
            .with(|f| match f {
                Some(Finished::Readable(response)) => Some(response.to_json()),
                _ => None,
            })
            .map(|json| {
                view! {
                    <details class="record">
                        <summary>{t.record_summary}</summary>
                        <pre id="record" lang="en" tabindex="0">{json}</pre>
                    </details>
                }
            })
    };
    let survey_link = Route::survey(&survey.id, Screen::Intro).href();
    view! {
        <div class="done">
            <h1 id=focus::HEADING tabindex="-1">{t.done_heading}</h1>
            <p>{move || finished.with(Option::is_some).then_some(t.sealed_text)}</p>
            {ctx.shared_device.get_untracked().then(|| view! { <p class="shared-done">{t.shared_computer().shared_done}</p> })}
            {record}
            <DeliveryPanel survey=survey.id.clone() just_finished=finished.with_untracked(Option::is_some) />
            <div class="nav">
                <a class="button secondary" href=survey_link>{t.new_response}</a>
                <a class="button primary" href="#/">{t.back_to_start}</a>
            </div>
        </div>
    }
}
