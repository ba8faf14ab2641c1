//! The preview: the survey as a respondent will see it, on the app's real question screens, in
//! any of its languages, at phone or desktop width, walking through the `show_if` logic as
//! answers are given. Nothing is kept and nothing is sealed; the answers given here follow the
//! survey as it is edited (those that no longer fit are dropped).

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;
use lytt_core::{localized, Answer, Draft, Place, Survey};

use super::{language_name, Editing};
use crate::components::question::QuestionScreen;
use crate::i18n::{BuildTexts, Texts, UiLang};
use crate::platform;
use crate::session::AnswerSession;

#[component]
pub(super) fn Preview(t: &'static BuildTexts, ed: Editing) -> impl IntoView {
    let language = RwSignal::new(ed.with(|s| s.default_language.clone()));
    let phone = RwSignal::new(true);
    let texts = RwSignal::new(None::<&'static Texts>);
    Effect::new(move |_| {
        let lang = UiLang::for_tag(&language.get());
        leptos::task::spawn_local(async move {
            texts.set(crate::i18n::load(lang).await.ok());
        });
    });
    let place = RwSignal::new(Place::Intro);
    // The answers given in the preview, kept over changes of the survey.
    let kept = StoredValue::new(BTreeMap::<String, Answer>::new());
    let survey = Memo::new(move |_| ed.with(Survey::clone));

    let screen = move || {
        // A text not written yet shows as missing, so that every control has its words.
        let mut survey = survey.get();
        let languages = survey.languages.clone();
        for text in lytt_core::builder::texts_mut(&mut survey) {
            for l in &languages {
                let entry = text.entry(l.clone()).or_default();
                if entry.trim().is_empty() {
                    *entry = t.preview_missing.to_string();
                }
            }
        }
        let survey = Arc::new(survey);
        let Some(app) = texts.get() else { return ().into_any() };
        let language = Signal::derive(move || language.get());
        let session = AnswerSession::preview(survey.clone(), language);
        let lang = language.get_untracked();
        // The draft again, with the answers that still fit, at the place it was (or the start).
        let mut draft = Draft::new(&survey, &lang, platform::today_days());
        for (qid, answer) in kept.get_value() {
            let _ = draft.set_answer(&survey, &qid, answer);
        }
        let at = match place.get() {
            Place::Question(q) if survey.question(&q).is_some() => Place::Question(q),
            Place::Review => Place::Review,
            _ => Place::Intro,
        };
        draft.place = at.clone();
        session.draft.set(Some(draft));
        // Answers are kept as they are given.
        Effect::new(move |_| {
            session.draft.with(|d| {
                if let Some(d) = d {
                    kept.set_value(d.answers.clone());
                }
            })
        });
        let go = Callback::new(move |to: Place| {
            session.go_to(to.clone());
            place.set(to);
        });
        let fallback = survey.default_language.clone();
        match at {
            Place::Intro => {
                let title = localized(&survey.title, &lang, &fallback).to_string();
                let intro = survey.intro.as_ref().map(|i| localized(i, &lang, &fallback).to_string());
                view! {
                    <div class="preview-intro">
                        <h3>{title}</h3>
                        {intro.map(|i| view! { <p>{i}</p> })}
                        <button type="button" class="primary" on:click=move |_| go.run(session.begin())>{app.start_survey}</button>
                    </div>
                }
                .into_any()
            }
            Place::Question(qid) => {
                let index = survey.question_index(&qid).unwrap_or(0);
                let (progress, on_next, on_back) = super::super::steps::question_moves(session, &qid, index, go);
                view! { <QuestionScreen index=index lang=lang t=app progress=progress on_next=on_next on_back=on_back /> }
                    .into_any()
            }
            Place::Review => view! {
                <div class="preview-end">
                    <h3>{app.review_heading}</h3>
                    <p>{t.preview_end}</p>
                    <button type="button" class="secondary" on:click=move |_| {
                        kept.set_value(BTreeMap::new());
                        place.set(Place::Intro);
                    }>{t.preview_again}</button>
                </div>
            }
            .into_any(),
        }
    };
    let languages = move || {
        ed.with(|s| s.languages.clone())
            .into_iter()
            .map(
                |l| view! { <option value=l.clone() selected=move || language.get() == l>{language_name(&l)}</option> },
            )
            .collect_view()
    };
    view! {
        <section aria-labelledby="build-preview-heading" class="build-preview">
            <h2 id="build-preview-heading">{t.preview}</h2>
            <p class="hint">{t.preview_intro}</p>
            <div class="build-actions">
                <div class="field">
                    <label for="build-preview-language">{t.preview_language}</label>
                    <select id="build-preview-language" on:change=move |ev| language.set(event_target_value(&ev))>{languages}</select>
                </div>
                <button type="button" class="secondary" id="build-preview-phone" aria-pressed=move || phone.get().to_string() on:click=move |_| phone.set(true)>
                    {t.preview_phone}
                </button>
                <button type="button" class="secondary" id="build-preview-desktop" aria-pressed=move || (!phone.get()).to_string() on:click=move |_| phone.set(false)>
                    {t.preview_desktop}
                </button>
            </div>
            <div class="preview-frame" class:phone=move || phone.get() lang=move || language.get()
                dir=move || if lytt_core::builder::is_right_to_left(&language.get()) { "rtl" } else { "ltr" }>
                {screen}
            </div>
        </section>
    }
}
