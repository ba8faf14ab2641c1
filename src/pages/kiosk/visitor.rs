//! One visitor after another: welcome, questions, thank you.

use leptos::prelude::*;
use lytt_core::kiosk::{thanks_seconds_left, DeviceMode};
use lytt_core::{localized, OnIdle, Status};

use super::KioskScreen;
use crate::components::{IdleWatch, LanguagePicker};
use crate::focus;
use crate::pages::steps::QuestionSteps;
use crate::platform;
use crate::session::AnswerSession;
use crate::state::AppContext;

/// The visitor on screen is gone. If they walked away (`abandoned`), their answers are thrown
/// away or sealed as partial (only if there are any) per `kiosk.on_idle`; a visitor who backed
/// out chose to, and their answers are thrown away. The next person starts in the kiosk's
/// language.
pub(super) fn let_visitor_go(ctx: AppContext, session: AnswerSession, abandoned: bool) {
    let keep = abandoned && session.survey().kiosk.on_idle == OnIdle::Keep;
    if keep && session.draft.with_untracked(|d| d.as_ref().is_some_and(|d| !d.answers.is_empty())) {
        let _ = session.finish(Status::Partial, None);
    }
    session.discard();
    if let Some(DeviceMode::Kiosk { language: Some(tag), .. }) = ctx.mode.get_untracked() {
        if ctx.language.get_untracked() != tag {
            ctx.set_language(&tag);
        }
    }
}

/// The visitor's screens, over the kiosk's answering session.
#[component]
pub(super) fn KioskVisitor(
    session: AnswerSession,
    screen: RwSignal<KioskScreen>,
    /// Fetches the survey afresh for the next visitor.
    refresh: Callback<()>,
) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let survey = session.survey();
    let title = session.title(None);
    let fresh_start = Callback::new(move |abandoned: bool| {
        let_visitor_go(ctx, session, abandoned);
        screen.set(KioskScreen::Welcome);
        platform::focus_soon(focus::HEADING);
        refresh.run(());
    });
    // Thank you, then a fresh start `thank_you_seconds` after the screen came up.
    let thank_you_seconds = survey.kiosk.thank_you_seconds.max(1);
    let thanks_left = RwSignal::new(thank_you_seconds);
    let thanks_shown = StoredValue::new(0.0);
    let ticker = platform::every(250, move || {
        if screen.get_untracked() == KioskScreen::Thanks {
            let left = thanks_seconds_left(thanks_shown.get_value(), platform::monotonic_ms(), thank_you_seconds);
            if left == 0 {
                fresh_start.run(false);
            } else if left != thanks_left.get_untracked() {
                thanks_left.set(left);
            }
        }
    });
    StoredValue::new_local(ticker);

    let finish = Callback::new(move |_| {
        if session.finish(Status::Complete, None).is_ok() {
            thanks_left.set(thank_you_seconds);
            thanks_shown.set_value(platform::monotonic_ms());
            screen.set(KioskScreen::Thanks);
            platform::focus_soon(focus::HEADING);
        }
    });
    let start = move |_| {
        platform::request_fullscreen();
        session.begin();
        screen.set(KioskScreen::Questions);
        platform::focus_soon(focus::HEADING);
    };
    let watching =
        Signal::derive(move || screen.get() == KioskScreen::Questions && session.draft.with(Option::is_some));
    let kept_on_idle = survey.kiosk.on_idle == OnIdle::Keep;

    let body = {
        let title = title.clone();
        move || {
            let t = ctx.texts();
            match screen.get() {
                KioskScreen::Welcome => {
                    let intro = survey
                        .intro
                        .as_ref()
                        .map(|i| localized(i, &session.language.get(), &survey.default_language).to_string());
                    view! {
                        <div class="intro kiosk-welcome">
                            <h1 id=focus::HEADING tabindex="-1">{title.clone()}</h1>
                            {intro.map(|i| view! { <p class="lead">{i}</p> })}
                            <p class="anonymous">{format!("{} {}", t.anonymous_statement, t.kept_nowhere_kiosk)}</p>
                            <div class="nav">
                                <button type="button" class="primary big" on:click=start>{t.start_survey}</button>
                            </div>
                        </div>
                    }
                    .into_any()
                }
                KioskScreen::Questions => view! {
                    <QuestionSteps
                        on_before_first=Callback::new(move |_| fresh_start.run(false))
                        on_finish=finish
                    />
                }
                .into_any(),
                KioskScreen::Thanks => view! {
                    <div class="done kiosk-thanks">
                        <h1 id=focus::HEADING tabindex="-1">{t.modes().kiosk_thanks_heading}</h1>
                        <p>{t.modes().kiosk_thanks_text}</p>
                        <p class="hint">{move || (ctx.texts().modes().kiosk_next_in)(u64::from(thanks_left.get()))}</p>
                    </div>
                }
                .into_any(),
                KioskScreen::StaffDoor | KioskScreen::Staff => ().into_any(),
            }
        }
    };
    view! {
        <div class="survey">
            <div class="survey-bar">
                <p class="survey-title">{title}</p>
                <LanguagePicker
                    languages=session.survey().languages.clone()
                    fallback=session.survey().default_language.clone()
                />
            </div>
            <IdleWatch
                timing=Signal::derive(move || session.idle_timing())
                watching=watching
                on_expire=Callback::new(move |_| fresh_start.run(true))
                note=Callback::new(move |_| {
                    let m = ctx.texts().modes();
                    if kept_on_idle { m.idle_kept } else { m.idle_discarded }
                })
            />
            {body}
        </div>
    }
}
