//! The event kiosk: staff set it up with a PIN, then every visitor gets a fresh survey that
//! resets itself after finishing or walking away. Answers live only in this page's memory until
//! they are sealed; only the staff PIN opens the export and the way out.

use std::sync::Arc;

use leptos::prelude::*;
use lytt_core::kiosk::{check_new_pin, DeviceMode, PinCheck, StaffPin};
use lytt_core::{localized, Draft, Mode, OnIdle, Status, Survey};
use rand_core::OsRng;

use super::start::load_catalog;
use super::steps::{fresh_draft, QuestionSteps};
use super::survey::{content_language, draft_follows_language, load_survey, survey_title, SurveyProblemPage};
use crate::components::question::StepProblem;
use crate::components::{IdleWatch, LanguagePicker};
use crate::delivery::{seal_into_outbox, DeliveryPanel};
use crate::focus;
use crate::i18n::Texts;
use crate::platform;
use crate::route::Route;
use crate::AppContext;

/// Setting up a kiosk: the survey, the staff PIN twice, start.
#[component]
pub fn KioskSetup(survey: Option<String>) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let (catalog, _) = super::fetched(|| async { load_catalog().await.ok() });
    let chosen = RwSignal::new(survey.clone());
    let pin = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<SetupProblem>);
    super::follow_app_language(ctx, |t| t.modes().kiosk_setup_heading);

    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let fail = |why: SetupProblem, focus: &str| {
            problem.set(Some(why));
            platform::focus_soon(focus);
        };
        let Some(survey) = chosen.get_untracked() else {
            return fail(SetupProblem::NoSurvey, focus::KIOSK_ERROR);
        };
        let typed = pin.get_untracked();
        if check_new_pin(&typed).is_err() {
            return fail(SetupProblem::PinShape, focus::KIOSK_PIN);
        }
        if typed != again.get_untracked() {
            return fail(SetupProblem::PinsDiffer, focus::KIOSK_PIN_AGAIN);
        }
        // Asked for while the tap is still going on; browsers refuse it later.
        platform::request_fullscreen();
        let language = Some(ctx.language.get_untracked());
        // The marks time the slow hash in the release build (bench/kiosk-pin.mjs).
        platform::mark("lytt-pin-hash-start");
        let staff_pin = StaffPin::new(&typed, &mut OsRng);
        platform::mark("lytt-pin-hash-end");
        let mode = DeviceMode::Kiosk { survey, pin: staff_pin, language };
        pin.set(String::new());
        again.set(String::new());
        // The kiosk keeps the language it was set up in across reloads.
        ctx.set_language(&ctx.language.get_untracked());
        match ctx.set_mode(Some(mode)) {
            Ok(()) => ctx.redirect(Route::Kiosk(None)),
            Err(_) => fail(SetupProblem::NotStored, focus::KIOSK_ERROR),
        }
    };

    let options = move || {
        let language = ctx.language.get();
        let mut entries: Vec<(String, String)> = catalog.with(|c| match c {
            Some(Some(catalog)) => catalog
                .surveys
                .iter()
                .map(|e| (e.id.clone(), localized(&e.title, &language, &e.default_language).to_string()))
                .collect(),
            _ => Vec::new(),
        });
        // A survey named by the link is offered even when the list cannot be fetched.
        if let Some(id) = &survey {
            if !entries.iter().any(|(e, _)| e == id) {
                entries.insert(0, (id.clone(), id.clone()));
            }
        }
        entries
            .into_iter()
            .map(|(id, title)| {
                let value = id.clone();
                view! {
                    <label class="choice">
                        <input
                            type="radio"
                            name="kiosk-survey"
                            value=id.clone()
                            prop:checked=move || chosen.with(|c| c.as_deref() == Some(id.as_str()))
                            on:change=move |_| chosen.set(Some(value.clone()))
                        />
                        <span>{title}</span>
                    </label>
                }
            })
            .collect_view()
    };

    view! {
        <form class="kiosk-setup" novalidate=true autocomplete="off" on:submit=start>
            <h1 id=focus::HEADING tabindex="-1">{ctx.text(|t| t.modes().kiosk_setup_heading)}</h1>
            <p>{ctx.text(|t| t.modes().kiosk_setup_intro)}</p>
            <fieldset class="choices">
                <legend>{ctx.text(|t| t.survey_legend)}</legend>
                {move || catalog.with(Option::is_none).then(|| view! { <p aria-busy="true">{ctx.texts().loading}</p> })}
                {options}
            </fieldset>
            {pin_field(ctx, focus::KIOSK_PIN, |t| t.modes().kiosk_pin_label, pin, focus::KIOSK_ERROR)}
            {pin_field(ctx, focus::KIOSK_PIN_AGAIN, |t| t.modes().kiosk_pin_again_label, again, focus::KIOSK_ERROR)}
            <p class="error" id=focus::KIOSK_ERROR role="alert" tabindex="-1">
                {move || problem.get().map(|why| why.text(ctx.texts()))}
            </p>
            <div class="nav">
                <a class="button secondary" href="#/">{ctx.text(|t| t.back_to_start)}</a>
                <button type="submit" class="primary">{ctx.text(|t| t.modes().kiosk_start)}</button>
            </div>
        </form>
    }
}

/// Why a kiosk cannot be started yet; translated when shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SetupProblem {
    /// No survey is chosen.
    NoSurvey,
    /// The PIN is not 6 to 12 digits.
    PinShape,
    /// The PIN typed again is another.
    PinsDiffer,
    /// The kiosk could not be stored, so a reload would unlock it.
    NotStored,
}

impl SetupProblem {
    fn text(self, t: &Texts) -> &'static str {
        match self {
            SetupProblem::NoSurvey => t.choose_survey,
            SetupProblem::PinShape => t.modes().kiosk_pin_short,
            SetupProblem::PinsDiffer => t.modes().kiosk_pin_mismatch,
            SetupProblem::NotStored => t.modes().kiosk_not_stored,
        }
    }
}

/// What the staff door says after a try; translated when shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct DoorMessage {
    /// What the try gave (never `Right`: that opens the door).
    check: PinCheck,
    /// Whether the tablet's storage took the lock state.
    stored: bool,
}

impl DoorMessage {
    fn text(self, t: &Texts) -> String {
        let m = t.modes();
        let said = match self.check {
            PinCheck::Wrong { tries_left } => (m.kiosk_pin_wrong)(tries_left),
            PinCheck::Locked { left_ms } => (m.kiosk_pin_locked)(left_ms.div_ceil(60_000)),
            PinCheck::Right => String::new(),
        };
        if self.stored {
            said
        } else {
            format!("{said} {}", m.kiosk_lock_not_saved)
        }
    }
}

/// A PIN box: digits on a number pad, never shown, never offered to autofill.
fn pin_field(
    ctx: AppContext,
    id: &'static str,
    label: fn(&Texts) -> &'static str,
    value: RwSignal<String>,
    described_by: &'static str,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{move || label(ctx.texts())}</label>
            <input
                id=id
                class="pin-input"
                aria-describedby=described_by
                type="password"
                inputmode="numeric"
                autocomplete="off"
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}

/// Which part of the kiosk is on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KioskScreen {
    /// The survey's title and a big "Start".
    Welcome,
    /// A visitor is answering.
    Questions,
    /// "Thank you", then a fresh start.
    Thanks,
    /// The staff PIN.
    StaffDoor,
    /// Export and the way out.
    Staff,
}

/// A running kiosk for one survey. It shows itself at every address until staff leave it.
#[component]
pub fn KioskPage(survey: String) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    // The address always says kiosk: no screen of it has an address of its own, and back
    // stays here.
    Effect::new(move |_| {
        if ctx.route.get() != Route::Kiosk(None) {
            ctx.redirect(Route::Kiosk(None));
        }
    });
    StoredValue::new_local(platform::hold_back_button());
    // A lock is waited out only by time counted here, on the page's clock that only goes
    // forward: setting the tablet's clock forward does not shorten it.
    let counted = StoredValue::new(platform::monotonic_ms());
    let lock_clock = platform::every(1000, move || {
        let now = platform::monotonic_ms();
        let elapsed = (now - counted.get_value()).max(0.0) as u64;
        counted.set_value(now);
        if let Some(DeviceMode::Kiosk { survey, mut pin, language }) = ctx.mode.get_untracked() {
            if pin.is_locked() {
                pin.wait(elapsed);
                ctx.keep_mode(DeviceMode::Kiosk { survey, pin, language });
            }
        }
    });
    StoredValue::new_local(lock_clock);
    let (loaded, retry) = {
        let id = survey.clone();
        super::fetched(move || load_survey(id.clone()))
    };
    let screen = RwSignal::new(KioskScreen::Welcome);
    // The visitor's answers: in memory only, never in storage.
    let draft: RwSignal<Option<Draft>> = RwSignal::new(None);
    let staff_side = Memo::new(move |_| matches!(screen.get(), KioskScreen::StaffDoor | KioskScreen::Staff));
    // The survey is fetched afresh for each new visitor, so that a kiosk running all day follows
    // its owner's changes (a new key above all) while it is online; offline, or on any failure,
    // it keeps the one it has. A new one takes over only while nobody is answering.
    let refresh = {
        let id = survey.clone();
        Callback::new(move |_| {
            let id = id.clone();
            leptos::task::spawn_local(async move {
                let Ok(fresh) = load_survey(id).await else { return };
                let nobody = screen.get_untracked() == KioskScreen::Welcome && draft.with_untracked(Option::is_none);
                if nobody && loaded.with_untracked(|l| !matches!(l, Some(Ok(s)) if **s == *fresh)) {
                    loaded.set(Some(Ok(fresh)));
                    platform::focus_soon(focus::HEADING);
                }
            });
        })
    };

    let body = move || {
        if staff_side.get() {
            let visitor_survey = loaded.with_untracked(|l| l.clone().and_then(Result::ok));
            return view! { <StaffSide survey=survey.clone() visitor_survey=visitor_survey screen=screen draft=draft /> }
                .into_any();
        }
        match loaded.get() {
            None => view! { <p aria-busy="true">{ctx.text(|t| t.loading)}</p> }.into_any(),
            Some(Err(problem)) => view! {
                <SurveyProblemPage problem=problem retry=retry>
                    <p>{ctx.text(|t| t.modes().kiosk_survey_problem)}</p>
                </SurveyProblemPage>
            }
            .into_any(),
            Some(Ok(survey)) => {
                view! { <KioskVisitor survey=survey screen=screen draft=draft refresh=refresh /> }.into_any()
            }
        }
    };
    view! {
        <div class="kiosk">
            {body}
            <Show when=move || !staff_side.get()>
                <button type="button" class="staff-door link" on:click=move |_| {
                    screen.set(KioskScreen::StaffDoor);
                    platform::focus_soon(focus::STAFF_PIN);
                }>{ctx.text(|t| t.modes().kiosk_staff_button)}</button>
            </Show>
        </div>
    }
}

/// The visitor on screen is gone. If they walked away (`abandoned`), their answers are thrown
/// away or sealed as partial (only if there are any) per `kiosk.on_idle`; a visitor who backed
/// out chose to, and their answers are thrown away. The next person starts in the kiosk's
/// language.
fn let_visitor_go(ctx: AppContext, survey: &Survey, draft: RwSignal<Option<Draft>>, abandoned: bool) {
    if abandoned && survey.kiosk.on_idle == OnIdle::Keep {
        draft.with_untracked(|d| {
            if let Some(d) = d.as_ref().filter(|d| !d.answers.is_empty()) {
                let _ = seal_into_outbox(ctx, survey, d, (Mode::Kiosk, Status::Partial), None);
            }
        });
    }
    draft.set(None);
    if let Some(DeviceMode::Kiosk { language: Some(tag), .. }) = ctx.mode.get_untracked() {
        if ctx.language.get_untracked() != tag {
            ctx.set_language(&tag);
        }
    }
}

/// One visitor after another: welcome, questions, thank you.
#[component]
fn KioskVisitor(
    survey: Arc<Survey>,
    screen: RwSignal<KioskScreen>,
    draft: RwSignal<Option<Draft>>,
    /// Fetches the survey afresh for the next visitor.
    refresh: Callback<()>,
) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let lang = content_language(ctx, &survey);
    draft_follows_language(draft, lang);
    let error = RwSignal::new(None::<StepProblem>);
    let title = survey_title(ctx, &survey, lang, None);
    let fresh_start = {
        let survey = survey.clone();
        Callback::new(move |abandoned: bool| {
            let_visitor_go(ctx, &survey, draft, abandoned);
            error.set(None);
            screen.set(KioskScreen::Welcome);
            platform::focus_soon(focus::HEADING);
            refresh.run(());
        })
    };
    // Thank you, then a fresh start after `thank_you_seconds`.
    let thanks_left = RwSignal::new(survey.kiosk.thank_you_seconds);
    let ticker = platform::every(1000, move || {
        if screen.get_untracked() == KioskScreen::Thanks {
            let left = thanks_left.get_untracked();
            if left <= 1 {
                fresh_start.run(false);
            } else {
                thanks_left.set(left - 1);
            }
        }
    });
    StoredValue::new_local(ticker);

    let finish = {
        let survey = survey.clone();
        Callback::new(move |_| {
            let sealed = draft.with_untracked(|d| {
                d.as_ref().map(|d| seal_into_outbox(ctx, &survey, d, (Mode::Kiosk, Status::Complete), None))
            });
            match sealed {
                Some(Ok(_)) => {
                    draft.set(None);
                    thanks_left.set(survey.kiosk.thank_you_seconds.max(1));
                    screen.set(KioskScreen::Thanks);
                    platform::focus_soon(focus::HEADING);
                }
                _ => error.set(Some(StepProblem::FinishFailed)),
            }
        })
    };
    let walked_away = Callback::new(move |_| fresh_start.run(true));
    let before_first = Callback::new(move |_| fresh_start.run(false));
    let start = {
        let survey = survey.clone();
        move |_| {
            platform::request_fullscreen();
            error.set(None);
            draft.set(Some(fresh_draft(&survey, &lang.get_untracked())));
            screen.set(KioskScreen::Questions);
            platform::focus_soon(focus::HEADING);
        }
    };
    let watching = Signal::derive(move || screen.get() == KioskScreen::Questions && draft.with(Option::is_some));
    let kept_on_idle = survey.kiosk.on_idle == OnIdle::Keep;

    let body = {
        let survey = survey.clone();
        let title = title.clone();
        move || {
            let t = ctx.texts();
            match screen.get() {
                KioskScreen::Welcome => {
                    let intro =
                        survey.intro.as_ref().map(|i| localized(i, &lang.get(), &survey.default_language).to_string());
                    view! {
                        <div class="intro kiosk-welcome">
                            <h1 id=focus::HEADING tabindex="-1">{title.clone()}</h1>
                            {intro.map(|i| view! { <p class="lead">{i}</p> })}
                            <p class="anonymous">{format!("{} {}", t.anonymous_statement, t.kept_nowhere_kiosk)}</p>
                            <div class="nav">
                                <button type="button" class="primary big" on:click=start.clone()>{t.start_survey}</button>
                            </div>
                        </div>
                    }
                    .into_any()
                }
                KioskScreen::Questions => view! {
                    <QuestionSteps
                        survey=survey.clone()
                        draft=draft
                        lang=lang
                        error=error
                        on_before_first=before_first
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
                <LanguagePicker languages=survey.languages.clone() />
            </div>
            <IdleWatch
                idle_seconds=survey.kiosk.idle_seconds
                warning_seconds=survey.kiosk.warning_seconds
                watching=watching
                on_expire=walked_away
                note=Callback::new(move |_| {
                    let m = ctx.texts().modes();
                    if kept_on_idle { m.idle_kept } else { m.idle_discarded }
                })
            />
            {body}
        </div>
    }
}

/// The staff PIN, then the staff screen: what waits, export, back to the kiosk, or leave it.
#[component]
fn StaffSide(
    survey: String,
    /// The survey visitors answer, if it could be loaded.
    visitor_survey: Option<Arc<Survey>>,
    screen: RwSignal<KioskScreen>,
    draft: RwSignal<Option<Draft>>,
) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let typed = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<DoorMessage>);
    Effect::new(move |_| {
        let t = ctx.texts();
        platform::set_title(&format!("{} – {}", t.modes().kiosk_staff_heading, t.app_name));
    });
    let back_to_kiosk = move || {
        typed.set(String::new());
        let visitor_busy = draft.with_untracked(Option::is_some);
        screen.set(if visitor_busy { KioskScreen::Questions } else { KioskScreen::Welcome });
        platform::focus_soon(focus::HEADING);
    };
    let try_pin = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(DeviceMode::Kiosk { survey, mut pin, language }) = ctx.mode.get_untracked() else {
            return;
        };
        platform::mark("lytt-pin-check-start");
        let check = pin.try_pin(&typed.get_untracked());
        platform::mark("lytt-pin-check-end");
        typed.set(String::new());
        // Wrong tries and locks are stored at once, so a reload does not reset them; if they
        // cannot be, staff are told rather than trusting a lock that a reload would undo.
        // Memory always takes it, so tries count and a lock counts down even then.
        let stored = ctx.keep_mode(DeviceMode::Kiosk { survey, pin, language });
        if check == PinCheck::Right {
            problem.set(None);
            screen.set(KioskScreen::Staff);
            platform::focus_soon(focus::HEADING);
        } else {
            problem.set(Some(DoorMessage { check, stored }));
            platform::focus_soon(focus::STAFF_PIN);
        }
    };
    let leave = move |_| {
        platform::exit_fullscreen();
        draft.set(None);
        if ctx.set_mode(None).is_ok() {
            ctx.redirect(Route::Start);
        }
    };
    // Staff who walk away, or a PIN screen left open, give the kiosk back to the next visitor,
    // locked; a visitor who was answering counts as having walked away.
    let settings = visitor_survey.as_ref().map(|s| s.kiosk.clone()).unwrap_or_default();
    let relock = Callback::new(move |_| {
        match &visitor_survey {
            Some(survey) => let_visitor_go(ctx, survey, draft, true),
            None => draft.set(None),
        }
        back_to_kiosk();
    });

    let screens = move || {
        match screen.get() {
        KioskScreen::Staff => view! {
            <div class="staff">
                <h1 id=focus::HEADING tabindex="-1">{ctx.text(|t| t.modes().kiosk_staff_heading)}</h1>
                <p>{ctx.text(|t| t.modes().kiosk_staff_intro)}</p>
                <DeliveryPanel survey=survey.clone() heading=ctx.texts().deliver_all />
                <div class="nav">
                    <button type="button" class="primary" on:click=move |_| back_to_kiosk()>{ctx.text(|t| t.modes().kiosk_back)}</button>
                    <button type="button" class="danger" on:click=leave>{ctx.text(|t| t.modes().kiosk_leave)}</button>
                </div>
            </div>
        }
        .into_any(),
        _ => view! {
            <form class="staff-door-form" novalidate=true autocomplete="off" on:submit=try_pin>
                <h1 id=focus::HEADING tabindex="-1">{ctx.text(|t| t.modes().kiosk_staff_heading)}</h1>
                {pin_field(ctx, focus::STAFF_PIN, |t| t.modes().kiosk_pin_enter, typed, "staff-pin-error")}
                <p class="error" id="staff-pin-error" role="alert">
                    {move || problem.get().map(|message| message.text(ctx.texts()))}
                </p>
                <div class="nav">
                    <button type="button" class="secondary" on:click=move |_| back_to_kiosk()>{ctx.text(|t| t.modes().kiosk_back)}</button>
                    <button type="submit" class="primary">{ctx.text(|t| t.modes().kiosk_open)}</button>
                </div>
            </form>
        }
        .into_any(),
    }
    };
    view! {
        <IdleWatch
            idle_seconds=settings.idle_seconds
            warning_seconds=settings.warning_seconds
            watching=Signal::derive(|| true)
            on_expire=relock
        />
        {screens}
    }
}
