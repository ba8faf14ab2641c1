//! Setting up a kiosk: the survey, the staff PIN twice, start.

use leptos::prelude::*;
use lytt_core::kiosk::{check_new_pin, DeviceMode, StaffPin};
use lytt_core::localized;
use rand_core::OsRng;

use crate::focus;
use crate::i18n::Texts;
use crate::pages::start::{catalog_problem, load_offered};
use crate::platform;
use crate::route::Route;
use crate::state::AppContext;

/// Setting up a kiosk: the survey, the staff PIN twice, start.
#[component]
pub fn KioskSetup(survey: Option<String>) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let (catalog, retry) = crate::pages::fetched(load_offered);
    let chosen = RwSignal::new(survey.clone());
    let pin = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<SetupProblem>);
    ctx.follow_app_language(|t| t.modes().kiosk_setup_heading);

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
            Some(Ok(catalog)) => catalog
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
                // The list's state; a survey named by the link is offered below even without it.
                {move || match catalog.get() {
                    None => Some(view! { <p aria-busy="true">{ctx.text(|t| t.loading)}</p> }.into_any()),
                    Some(Err(problem)) => Some(catalog_problem(problem, retry)),
                    Some(Ok(_)) => None,
                }}
                {options}
            </fieldset>
            {pin_field(ctx, focus::KIOSK_PIN, |t| t.modes().kiosk_pin_label, pin, focus::KIOSK_ERROR)}
            {pin_field(ctx, focus::KIOSK_PIN_AGAIN, |t| t.modes().kiosk_pin_again_label, again, focus::KIOSK_ERROR)}
            <p class="error" id=focus::KIOSK_ERROR role="alert" tabindex="-1">
                {move || problem.get().map(|why| why.text(ctx.texts()))}
            </p>
            <div class="nav">
                <a class="button secondary" href=Route::Start.href()>{ctx.text(|t| t.back_to_start)}</a>
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

/// A PIN box: digits on a number pad, never shown, never offered to autofill.
pub(super) fn pin_field(
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
