//! A survey's start screen: its title and intro, what anonymity means on this device, and
//! Start, or Continue and Discard when answers wait here.

use leptos::prelude::*;
use lytt_core::{localized, Place};

use super::later::Flow;
use super::{go_to, Later};
use crate::focus;
use crate::platform;
use crate::session::AnswerSession;
use crate::state::{AppContext, Notice, Notices};

pub(super) fn intro_screen(flow: Flow, later: Signal<Later>, lang: String) -> impl IntoView {
    let Flow { ctx, session, .. } = flow;
    let t = ctx.texts();
    let survey = session.survey();
    let fallback = survey.default_language.clone();
    let title = localized(&survey.title, &lang, &fallback).to_string();
    let intro = survey.intro.as_ref().map(|i| localized(i, &lang, &fallback).to_string());
    let has_draft = move || session.draft.with(Option::is_some);
    let survey_id = survey.id.clone();
    let (own_lang, own_dir) = crate::i18n::own_words_marks(t, survey.content_language(&lang));

    let begin = move || {
        let first = session.begin();
        go_to(ctx, session, first);
    };
    let start = move |_| begin();
    // Start pressed on the first screen (`crate::first`) until this one is drawn: on we go.
    // (Pressed before, it was taken by `SurveyFlow`.)
    crate::first::follow_start(begin);
    let resume = move |_| {
        let place = session.draft.with_untracked(|d| d.as_ref().map(|d| d.resume_place(&survey)));
        go_to(ctx, session, place.unwrap_or(Place::Intro));
    };
    // "Continue with a code" is in the `answering` part, which comes just after this screen.
    let paused_here = session.has_paused();
    let resume_form = move || {
        paused_here.then(|| match later.get() {
            Later::Ready(screens) => (screens.resume_form)(flow),
            Later::Waiting => view! { <p aria-busy="true">{t.loading}</p> }.into_any(),
            Later::Missing => view! { <p class="error">{t.part_missing_heading}</p> }.into_any(),
        })
    };

    view! {
        <div class="intro">
            <h1 id=focus::HEADING tabindex="-1">{title}</h1>
            {intro.map(|i| view! { <p class="lead">{i}</p> })}
            <p class="anonymous" lang=own_lang dir=own_dir>
                {move || format!("{} {}", t.anonymous_statement, ctx.kept_statement())}
            </p>
            {how_long_kept(ctx, own_lang, own_dir)}
            <Show
                when=has_draft
                fallback=move || {
                    // Paused answers come first: a big Start above them would make starting
                    // over the easy mistake.
                    view! {
                        {resume_form}
                        <div lang=own_lang dir=own_dir>{device_choice(ctx)}</div>
                        <div class="nav">
                            <button type="button" class="primary" lang=own_lang dir=own_dir on:click=start>
                                {t.start_survey}
                            </button>
                        </div>
                        {kept_from_link(ctx, survey_id.clone())}
                    }
                }
            >
                <p lang=own_lang dir=own_dir>{t.draft_saved_here}</p>
                <div class="nav">
                    <button type="button" class="primary" lang=own_lang dir=own_dir on:click=resume.clone()>
                        {t.continue_survey}
                    </button>
                </div>
                <DiscardControl />
            </Show>
        </div>
    }
}

/// How long an unfinished survey stays on this device, truthfully for this browser: asked once
/// the screen is up (the browser's answer may take a moment). Not on a shared computer, a kiosk
/// or an interviewer's phone, where nothing is kept for days.
fn how_long_kept(ctx: AppContext, own_lang: Option<&'static str>, own_dir: Option<&'static str>) -> impl IntoView {
    // The first screen may have asked already (`crate::first`).
    let keeping = RwSignal::new(crate::first::keeping());
    let personal = move || !ctx.shared_device.get() && ctx.mode.with(Option::is_none);
    if personal() && keeping.with_untracked(Option::is_none) {
        // Asked once the screen has been drawn: the browser's first look at `navigator` is slow
        // enough on a cheap phone to hold up the first paint.
        platform::once_shown(focus::HEADING, 600, move || {
            platform::after(0, move || {
                leptos::task::spawn_local(async move {
                    let kept = platform::storage::keep_storage().await;
                    // The screen may be gone by now; a disposed signal is simply not set.
                    keeping.try_set(Some(kept));
                });
            })
        });
    }
    move || {
        let t = ctx.texts();
        let days = lytt_core::DRAFT_MAX_AGE_DAYS;
        let text = match keeping.get()? {
            platform::storage::Keeping::Persisted => (t.draft_days_kept)(days),
            platform::storage::Keeping::UnlessSpaceRunsOut => (t.draft_days_unless_full)(days),
            platform::storage::Keeping::SevenDaysWithoutVisit => (t.draft_days_webkit)(days),
        };
        personal().then(|| view! { <p class="hint kept-days" lang=own_lang dir=own_dir>{text}</p> })
    }
}

/// A survey kept from a link (`pages::LinkPage`) says so, and can be removed from the device
/// (offered only while no answers wait for it).
fn kept_from_link(ctx: AppContext, id: String) -> Option<impl IntoView> {
    let t = ctx.texts();
    platform::storage::is_linked(&id).then(|| {
        view! {
            <div class="kept">
                <p class="hint">{t.linked_kept}</p>
                <button type="button" class="link" on:click=move |_| {
                    platform::storage::forget_linked(&id);
                    ctx.navigate(crate::route::Route::Start);
                }>{t.forget_linked}</button>
            </div>
        }
    })
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
pub(super) fn DiscardControl() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let notices = expect_context::<Notices>();
    let session = expect_context::<AnswerSession>();
    let confirming = RwSignal::new(false);
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
                    session.discard();
                    confirming.set(false);
                    notices.notify(Notice::Discarded);
                    platform::focus_soon(focus::HEADING);
                }>{t.discard_yes}</button>
                <button type="button" class="secondary" on:click=move |_| confirming.set(false)>{t.discard_no}</button>
            </div>
        </Show>
    }
}
