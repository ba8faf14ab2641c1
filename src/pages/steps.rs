//! Moving between question screens. A survey link gives each question an address; the kiosk
//! and interviews (`QuestionSteps`) keep the place in the draft instead, so the browser's
//! history holds nothing that leads back into someone's answers.

use leptos::prelude::*;
use lytt_core::Place;

use crate::components::QuestionScreen;
use crate::focus;
use crate::platform;
use crate::session::AnswerSession;
use crate::state::AppContext;

/// The progress line, "Next" and "Back" of question `qid` (at `index`): each calls `go` with the
/// place to show next (the review after the last shown question, the intro before the first);
/// "Next" on a required question without an answer shows the problem instead.
pub(super) fn question_moves(
    session: AnswerSession,
    qid: &str,
    index: usize,
    go: Callback<Place>,
) -> ((usize, usize), Callback<()>, Callback<()>) {
    let survey = session.survey();
    let progress = session
        .draft
        .with_untracked(|d| d.as_ref().and_then(|d| d.progress(&survey, qid)))
        .unwrap_or((index + 1, survey.questions.len()));
    let from = Place::Question(qid.to_string());
    let on_next = {
        let from = from.clone();
        Callback::new(move |_| match session.next_from(&from) {
            Ok(place) => go.run(place),
            Err(_) => platform::focus_soon(focus::QUESTION_ERROR),
        })
    };
    let on_back = Callback::new(move |_| go.run(session.previous_from(&from)));
    (progress, on_next, on_back)
}

/// The question at the draft's place, with Back and Next ("Finish" on the last shown question).
/// Back on the first question calls `on_before_first`; Next on the last calls `on_finish`.
#[component]
pub(super) fn QuestionSteps(on_before_first: Callback<()>, on_finish: Callback<()>) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let session = expect_context::<AnswerSession>();
    let survey = session.survey();
    // Only a change of question (not every keystroke in an answer) rebuilds the screen.
    let current = Memo::new(move |_| {
        session.draft.with(|d| match d.as_ref().map(|d| &d.place) {
            Some(Place::Question(q)) => Some(q.clone()),
            _ => None,
        })
    });
    let is_last = {
        let survey = survey.clone();
        Memo::new(move |_| {
            session.draft.with(|d| {
                d.as_ref().is_some_and(|d| {
                    let Place::Question(q) = &d.place else { return false };
                    d.visible_ids(&survey).last() == Some(&q.as_str())
                })
            })
        })
    };
    let go = Callback::new(move |place: Place| match place {
        Place::Review => on_finish.run(()),
        Place::Intro => on_before_first.run(()),
        place => {
            session.go_to(place);
            platform::focus_soon(focus::HEADING);
        }
    });
    move || {
        let qid = current.get()?;
        let index = survey.question_index(&qid)?;
        let (progress, on_next, on_back) = question_moves(session, &qid, index, go);
        let next_label = Signal::derive(move || if is_last.get() { ctx.texts().finish } else { ctx.texts().next });
        Some(view! {
            <QuestionScreen
                index=index
                lang=session.language.get()
                t=ctx.texts()
                progress=progress
                on_next=on_next
                on_back=on_back
                next_label=next_label
            />
        })
    }
}
