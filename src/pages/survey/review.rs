//! The review of every answer before finishing, and the thank-you screen.

use std::sync::Arc;

use leptos::prelude::*;
use lytt_core::seal::Sealer;
use lytt_core::{localized, Place, Status, Survey};
use rand_core::OsRng;

use super::go_to;
use super::intro::DiscardControl;
use crate::components::answer_summary;
use crate::delivery::{DeliveryPanel, SealProblem};
use crate::focus;
use crate::pages::shared_device::TakeBreak;
use crate::platform;
use crate::route::{Route, Screen};
use crate::session::{AnswerSession, Finished};
use crate::state::AppContext;

pub(super) fn review_screen(
    ctx: AppContext,
    session: AnswerSession,
    finished: RwSignal<Option<Finished>>,
    paused_code: RwSignal<Option<String>>,
    lang: String,
) -> impl IntoView {
    let t = ctx.texts();
    let survey = session.survey();
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

    let finish = {
        let survey_id = survey.id.clone();
        move |_| {
            let prepared = sealer.try_update_value(Option::take).flatten();
            match session.finish(Status::Complete, prepared) {
                Ok(done) => {
                    finished.set(Some(done));
                    ctx.navigate(Route::survey(&survey_id, Screen::Done));
                }
                Err(SealProblem::Incomplete(_)) => platform::focus_soon(focus::FINISH_ERROR),
                Err(SealProblem::Failed) => {}
            }
        }
    };
    let back = move |_| go_to(ctx, session, session.previous_from(&Place::Review));

    let (own_lang, own_dir) = crate::i18n::own_words_marks(t, &lang);
    view! {
        <div class="review">
            <h1 id=focus::HEADING tabindex="-1" lang=own_lang dir=own_dir>{t.review_heading}</h1>
            <p lang=own_lang dir=own_dir>{t.review_intro}</p>
            <dl class="answers">{answer_rows(ctx, session, survey.clone(), lang.clone())}</dl>
            {missing_required(ctx, session, survey, lang)}
            <p class="error" id=focus::FINISH_ERROR role="alert" tabindex="-1" lang=own_lang dir=own_dir>
                {move || session.problem.with(|f| f.as_ref().map(|f| f.text(ctx.texts())))}
            </p>
            <div class="nav">
                <button type="button" class="secondary" lang=own_lang dir=own_dir on:click=back>{t.back}</button>
                <button type="button" class="primary" lang=own_lang dir=own_dir on:click=finish>{t.finish}</button>
            </div>
            <TakeBreak paused_code=paused_code />
            <DiscardControl />
        </div>
    }
}

/// Every shown question with its answer and a link to change it.
fn answer_rows(ctx: AppContext, session: AnswerSession, survey: Arc<Survey>, lang: String) -> impl IntoView {
    let t = ctx.texts();
    let fallback = survey.default_language.clone();
    let (own_lang, own_dir) = crate::i18n::own_words_marks(t, &lang);
    move || {
        session.draft.with(|d| {
            let Some(d) = d else {
                return Vec::new();
            };
            d.visible_ids(&survey)
                .into_iter()
                .filter_map(|id| survey.question(id))
                .filter(|q| q.is_answerable())
                .map(|q| {
                    let prompt = localized(&q.prompt, &lang, &fallback).to_string();
                    let answer = d.answers.get(&q.id);
                    let summary = answer_summary(q, answer, &lang, &fallback, t);
                    // "Not answered", "Prefer not to answer" and the faces' names are the app's words.
                    let own_words = matches!(answer, None | Some(lytt_core::Answer::Declined))
                        || matches!(q.kind, lytt_core::QuestionKind::Smiley { .. });
                    let (summary_lang, summary_dir) = if own_words { (own_lang, own_dir) } else { (None, None) };
                    let href = Route::survey(&survey.id, Screen::Question(q.id.clone())).href();
                    view! {
                        <div class="review-row">
                            <dt>{prompt.clone()}</dt>
                            <dd>
                                <span class="answer" lang=summary_lang dir=summary_dir>{summary}</span>
                                " "
                                <a href=href>
                                    <span lang=own_lang dir=own_dir>{t.change}</span>
                                    <span class="visually-hidden">{format!(": {prompt}")}</span>
                                </a>
                            </dd>
                        </div>
                    }
                })
                .collect::<Vec<_>>()
        })
    }
}

/// The required questions still without an answer, each a link to its screen.
fn missing_required(ctx: AppContext, session: AnswerSession, survey: Arc<Survey>, lang: String) -> impl IntoView {
    let t = ctx.texts();
    let fallback = survey.default_language.clone();
    let (own_lang, own_dir) = crate::i18n::own_words_marks(t, &lang);
    move || {
        let missing: Vec<(String, String)> = session.draft.with(|d| {
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
        (!missing.is_empty()).then(|| {
            let links = missing
                .into_iter()
                .map(|(id, prompt)| {
                    let href = Route::survey(&survey.id, Screen::Question(id)).href();
                    view! { <li><a href=href>{prompt}</a></li> }
                })
                .collect_view();
            view! {
                <div class="missing" role="alert">
                    <p lang=own_lang dir=own_dir>{t.missing_required}</p>
                    <ul>{links}</ul>
                </div>
            }
        })
    }
}

pub(super) fn done_screen(ctx: AppContext, survey: Arc<Survey>, finished: RwSignal<Option<Finished>>) -> impl IntoView {
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
    // Every word here is the app's own: the screen carries their language where the survey's
    // is another.
    let content = survey.content_language(&ctx.language.get_untracked()).to_string();
    let (own_lang, own_dir) = crate::i18n::own_words_marks(t, &content);
    view! {
        <div class="done" lang=own_lang dir=own_dir>
            <h1 id=focus::HEADING tabindex="-1">{t.done_heading}</h1>
            <p>{move || finished.with(Option::is_some).then_some(t.sealed_text)}</p>
            {ctx.shared_device.get_untracked().then(|| view! { <p class="shared-done">{t.shared_computer().shared_done}</p> })}
            {record}
            <DeliveryPanel survey=survey.id.clone() just_finished=finished.with_untracked(Option::is_some) />
            <div class="nav">
                <a class="button secondary" href=survey_link>{t.new_response}</a>
                <a class="button primary" href=Route::Start.href()>{t.back_to_start}</a>
            </div>
        </div>
    }
}
