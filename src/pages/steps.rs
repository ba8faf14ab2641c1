//! Questions one after another with the place kept in the draft instead of the address: the
//! kiosk and interviews. No question gets an address of its own, so the browser's history holds
//! nothing that leads back into someone's answers.

use std::sync::Arc;

use leptos::prelude::*;
use lytt_core::{Draft, DraftError, Place, Survey};

use crate::components::question::StepProblem;
use crate::components::QuestionScreen;
use crate::focus;
use crate::platform;
use crate::AppContext;

/// Starts a fresh draft at the survey's first shown question.
pub(super) fn fresh_draft(survey: &Survey, language: &str) -> Draft {
    let mut draft = Draft::new(survey, language, platform::today_days());
    draft.place = draft.next_place(survey, &Place::Intro).unwrap_or(Place::Review);
    draft
}

/// The progress line, "Next" and "Back" of question `qid` (at `index`): each calls `go` with the
/// place to show next (the review after the last shown question, the intro before the first);
/// "Next" on a required question without an answer shows the error instead.
pub(super) fn question_moves(
    survey: &Arc<Survey>,
    draft: RwSignal<Option<Draft>>,
    qid: &str,
    index: usize,
    error: RwSignal<Option<StepProblem>>,
    go: Callback<Place>,
) -> ((usize, usize), Callback<()>, Callback<()>) {
    let progress = draft
        .with_untracked(|d| d.as_ref().and_then(|d| d.progress(survey, qid)))
        .unwrap_or((index + 1, survey.questions.len()));
    let from = Place::Question(qid.to_string());
    let on_next = {
        let survey = survey.clone();
        let from = from.clone();
        Callback::new(move |_| match draft.with_untracked(|d| d.as_ref().map(|d| d.next_place(&survey, &from))) {
            Some(Ok(place)) => go.run(place),
            Some(Err(DraftError::RequiredUnanswered(_))) => {
                error.set(Some(StepProblem::Required));
                platform::focus_soon(focus::QUESTION_ERROR);
            }
            _ => go.run(Place::Intro),
        })
    };
    let on_back = {
        let survey = survey.clone();
        Callback::new(move |_| {
            let back = draft.with_untracked(|d| d.as_ref().map(|d| d.previous_place(&survey, &from)));
            go.run(back.unwrap_or(Place::Intro));
        })
    };
    (progress, on_next, on_back)
}

/// The question at the draft's place, with Back and Next ("Finish" on the last shown question).
/// Back on the first question calls `on_before_first`; Next on the last calls `on_finish`.
/// `error` shows under the question (the caller may put its own failures there).
#[component]
pub(super) fn QuestionSteps(
    survey: Arc<Survey>,
    draft: RwSignal<Option<Draft>>,
    lang: Memo<String>,
    error: RwSignal<Option<StepProblem>>,
    on_before_first: Callback<()>,
    on_finish: Callback<()>,
) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    // Only a change of question (not every keystroke in an answer) rebuilds the screen.
    let current = Memo::new(move |_| {
        draft.with(|d| match d.as_ref().map(|d| &d.place) {
            Some(Place::Question(q)) => Some(q.clone()),
            _ => None,
        })
    });
    let go_to = move |place: Place| {
        error.set(None);
        draft.update(|d| {
            if let Some(d) = d {
                d.place = place;
                d.updated_day = platform::today_days();
            }
        });
        platform::focus_soon(focus::HEADING);
    };
    let is_last = {
        let survey = survey.clone();
        Memo::new(move |_| {
            draft.with(|d| {
                d.as_ref().is_some_and(|d| {
                    let Place::Question(q) = &d.place else { return false };
                    d.visible_ids(&survey).last() == Some(&q.as_str())
                })
            })
        })
    };
    move || {
        let Some(qid) = current.get() else {
            return ().into_any();
        };
        let t = ctx.texts();
        let Some(index) = survey.question_index(&qid) else {
            return ().into_any();
        };
        let go = Callback::new(move |place: Place| match place {
            Place::Review => on_finish.run(()),
            Place::Intro => on_before_first.run(()),
            place => go_to(place),
        });
        let (progress, on_next, on_back) = question_moves(&survey, draft, &qid, index, error, go);
        let next_label = Signal::derive(move || if is_last.get() { ctx.texts().finish } else { ctx.texts().next });
        view! {
            <QuestionScreen
                survey=survey.clone()
                index=index
                draft=draft
                lang=lang.get()
                t=t
                progress=progress
                on_next=on_next
                on_back=on_back
                error=error
                next_label=next_label
            />
        }
        .into_any()
    }
}
