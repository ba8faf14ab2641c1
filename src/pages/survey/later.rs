//! The screens after a survey's start screen: the questions, the review, the thank-you screen,
//! and on a shared computer the break, "Continue with a code" and the idle reset. They are the
//! `answering` part, which `SurveyFlow` fetches once the start screen is up: a person reads the
//! start screen while they come, and the survey's link is lighter up to its first screen.

use leptos::prelude::*;

use super::{go_to, review};
use crate::components::QuestionScreen;
use crate::pages::shared_device::{break_screen, resume_with_code_form, IdleGuard, TakeBreak};
use crate::pages::steps::question_moves;
use crate::route::Screen;
use crate::session::{AnswerSession, Finished};
use crate::state::AppContext;

/// What the screens of one survey share: the session and what the thank-you and break screens
/// show once.
#[derive(Clone, Copy)]
pub(crate) struct Flow {
    pub ctx: AppContext,
    pub session: AnswerSession,
    /// The response just finished, for the thank-you screen.
    pub finished: RwSignal<Option<Finished>>,
    /// The resume code of a break just taken, shown once.
    pub paused_code: RwSignal<Option<String>>,
}

/// The `answering` part's screens, as plain functions the start screen's part calls once the
/// part is in.
#[derive(Clone, Copy)]
pub(crate) struct LaterScreens {
    /// A question, the review or the thank-you screen, in the survey's language `lang`.
    pub screen: fn(Flow, Screen, String) -> AnyView,
    /// The resume code of a break just taken.
    pub break_screen: fn(Flow, String) -> AnyView,
    /// The idle reset of a shared computer, around every screen.
    pub idle_guard: fn(Flow) -> AnyView,
    /// "Continue with a code" on the start screen, when answers paused here wait.
    pub resume_form: fn(Flow) -> AnyView,
    /// The key's fingerprint where the browser has no SHA-256 of its own.
    pub fingerprint: fn(&str) -> String,
}

impl LaterScreens {
    pub(crate) const fn new() -> LaterScreens {
        LaterScreens {
            screen,
            break_screen: break_for,
            idle_guard,
            resume_form,
            fingerprint: lytt_core::seal::recipient_fingerprint,
        }
    }
}

fn screen(flow: Flow, screen: Screen, lang: String) -> AnyView {
    let Flow { ctx, session, finished, paused_code } = flow;
    match screen {
        Screen::Question(qid) => {
            let Some(index) = session.survey().question_index(&qid) else {
                return ().into_any();
            };
            let go = Callback::new(move |place| go_to(ctx, session, place));
            let (progress, on_next, on_back) = question_moves(session, &qid, index, go);
            view! {
                <QuestionScreen index=index lang=lang t=ctx.texts() progress=progress on_next=on_next on_back=on_back />
                <TakeBreak paused_code=paused_code />
            }
            .into_any()
        }
        Screen::Review => review::review_screen(ctx, session, finished, paused_code, lang).into_any(),
        Screen::Done => review::done_screen(ctx, session.survey(), finished).into_any(),
        Screen::Intro => ().into_any(),
    }
}

fn break_for(flow: Flow, code: String) -> AnyView {
    break_screen(flow.ctx, flow.session.survey().id.clone(), code, flow.paused_code).into_any()
}

fn idle_guard(flow: Flow) -> AnyView {
    let Flow { finished, paused_code, .. } = flow;
    let showing_finished = Signal::derive(move || finished.with(Option::is_some));
    view! {
        <IdleGuard paused_code=paused_code finished=showing_finished on_clear=Callback::new(move |_| finished.set(None)) />
    }
    .into_any()
}

fn resume_form(flow: Flow) -> AnyView {
    let Flow { ctx, session, .. } = flow;
    resume_with_code_form(ctx, session, Callback::new(move |place| go_to(ctx, session, place))).into_any()
}
