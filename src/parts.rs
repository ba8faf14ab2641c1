//! Parts of the app that are downloaded the first time they are used.
//!
//! Every visitor downloads the main module: the app's frame, the start page, what every screen
//! shares, and the app's text in bokmål. Split off by `scripts/build-wasm.mjs` at the
//! `split_point!` functions below are:
//! - `answering`: a survey's screens and sending sealed records. The start page fetches it only
//!   to show or send records that wait on the device.
//! - `devices`: the event kiosk and the peer interviews, with their own text in every language
//!   (`i18n::DeviceModeTexts`), which a resident answering a survey link never needs. What it
//!   shares with `answering` (the question screens, sealing) is a shared module both load.
//!   Parts are kept few: each module costs a fixed time to compile on a slow phone
//!   (docs/performance.md), and a first split into nine made a survey's link slower.
//! - `owner`: the owner page.
//! - `texts_nn`, `texts_sv`, `texts_en`: the app's text in nynorsk, Swedish and English.
//!
//! So the start page comes up without any part, and a resident never downloads the owner
//! page. The page's loader compiles the parts its address needs alongside the main module, and
//! the service worker keeps every part for offline use once the app has been visited.
//!
//! The split points exist only in the app's build (`--features split`, which the build script
//! turns on). Elsewhere, in the wasm tests and `cargo check`, the same functions are ordinary
//! async functions: a split point imports its loader from the build's `lytt-parts-*.js`, which
//! a test page does not have.

use std::future::Future;
use std::rc::Rc;

use leptos::prelude::*;

use crate::delivery::{DeliveryPanel, Outbox};
use crate::focus;
use crate::i18n::{self, Texts, UiLang};
use crate::pages::{InterviewPage, KioskPage, KioskSetup, OwnerPage, SurveyPage};
use crate::AppContext;

/// A part's file could not be fetched or started, for example offline on a first visit.
pub struct PartMissing;

#[cfg(feature = "split")]
impl From<wasm_split_helpers::SplitLoaderError> for PartMissing {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        PartMissing
    }
}

/// A function that is a split point in the app's build (where calling it first fetches its
/// part) and an ordinary async function elsewhere.
macro_rules! split_point {
    ($part:ident: fn $name:ident($($arg:ident: $ty:ty),*) -> $ret:ty $body:block) => {
        #[cfg(feature = "split")]
        #[wasm_split_helpers::wasm_split($part, fallible)]
        fn $name($($arg: $ty),*) -> $ret $body

        #[cfg(not(feature = "split"))]
        async fn $name($($arg: $ty),*) -> $ret $body
    };
}

type Loaded = Result<AnyView, PartMissing>;

split_point! {
    answering: fn survey_part(id: String) -> Loaded {
        Ok(view! { <SurveyPage id=id /> }.into_any())
    }
}

split_point! {
    devices: fn kiosk_part(survey: String) -> Loaded {
        Ok(view! { <KioskPage survey=survey /> }.into_any())
    }
}

split_point! {
    devices: fn kiosk_setup_part(survey: Option<String>) -> Loaded {
        Ok(view! { <KioskSetup survey=survey /> }.into_any())
    }
}

split_point! {
    devices: fn interview_part(survey: Option<String>) -> Loaded {
        Ok(view! { <InterviewPage survey=survey /> }.into_any())
    }
}

split_point! {
    owner: fn owner_part() -> Loaded {
        Ok(view! { <OwnerPage /> }.into_any())
    }
}

split_point! {
    answering: fn delivery_panel_part(survey: String, heading: String) -> Loaded {
        Ok(view! { <DeliveryPanel survey=survey heading=heading /> }.into_any())
    }
}

split_point! {
    answering: fn start_delivery_part(outbox: Outbox) -> Result<(), PartMissing> {
        outbox.start();
        Ok(())
    }
}

split_point! {
    texts_nn: fn nn_texts() -> Result<&'static Texts, PartMissing> {
        Ok(&i18n::NN)
    }
}

split_point! {
    texts_sv: fn sv_texts() -> Result<&'static Texts, PartMissing> {
        Ok(&i18n::SV)
    }
}

split_point! {
    texts_en: fn en_texts() -> Result<&'static Texts, PartMissing> {
        Ok(&i18n::EN)
    }
}

/// The app's own text in a language: bokmål is in the main module, each other language is
/// fetched the first time it is chosen.
pub async fn texts(lang: UiLang) -> Result<&'static Texts, PartMissing> {
    match lang {
        UiLang::Nb => Ok(&i18n::NB),
        UiLang::Nn => nn_texts().await,
        UiLang::Sv => sv_texts().await,
        UiLang::En => en_texts().await,
    }
}

/// A survey's screens, from its intro to its thank-you.
pub fn survey(id: String) -> AnyView {
    show(Place::Page, move || {
        // The survey's file comes while its screens' part loads, not after.
        crate::platform::prefetch(&crate::route::survey_file(&id));
        survey_part(id.clone())
    })
}

/// A running kiosk.
pub fn kiosk(survey: String) -> AnyView {
    show(Place::Page, move || kiosk_part(survey.clone()))
}

/// Setting up a kiosk.
pub fn kiosk_setup(survey: Option<String>) -> AnyView {
    show(Place::Page, move || kiosk_setup_part(survey.clone()))
}

/// The peer interviews.
pub fn interview(survey: Option<String>) -> AnyView {
    show(Place::Page, move || interview_part(survey.clone()))
}

/// The owner's page.
pub fn owner() -> AnyView {
    show(Place::Page, owner_part)
}

/// What waits to be sent for one survey, and the ways to send it (on the start page).
pub fn delivery_panel(survey: String, heading: String) -> AnyView {
    show(Place::Section, move || delivery_panel_part(survey.clone(), heading.clone()))
}

/// Starts sending what waits on the device. If the part cannot be fetched, the records stay
/// where they are and are sent on a later visit or when a new record is finished.
pub fn start_delivery(outbox: Outbox) {
    leptos::task::spawn_local(async move {
        let _ = start_delivery_part(outbox).await;
    });
}

/// Where a part is shown, which decides how its loading and failure look.
#[derive(Clone, Copy)]
enum Place {
    /// The whole screen: a failure is the screen, with its heading.
    Page,
    /// A section of a screen: a failure is a line with "Try again".
    Section,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Waiting,
    Missing,
    Ready,
}

/// Shows a part once its file is in: "Loading" until then, and if it cannot be fetched, a
/// message and "Try again" (nothing the person has answered is lost: drafts are in storage).
fn show<Fut>(place: Place, load: impl Fn() -> Fut + 'static) -> AnyView
where
    Fut: Future<Output = Loaded> + 'static,
{
    let ctx = expect_context::<AppContext>();
    let state = RwSignal::new(State::Waiting);
    let ready = StoredValue::new_local(None::<AnyView>);
    // The part's components look for the app's context, so they are built under this owner
    // also when a later "Try again" starts the load.
    let owner = Owner::current().unwrap_or_default();
    let start: Rc<dyn Fn()> = Rc::new(move || {
        state.set(State::Waiting);
        // For the first-load benchmark: how long the part took to arrive.
        crate::platform::mark("lytt-part-requested");
        let loading = load();
        owner.with(|| {
            leptos::task::spawn_local_scoped(async move {
                match loading.await {
                    Ok(view) => {
                        crate::platform::mark("lytt-part-loaded");
                        ready.set_value(Some(view));
                        state.set(State::Ready);
                    }
                    Err(PartMissing) => state.set(State::Missing),
                }
            })
        });
    });
    start();
    let start = StoredValue::new_local(start);
    let retry = move |_| start.with_value(|start| start());
    (move || match (state.get(), place) {
        (State::Waiting, _) => view! { <p aria-busy="true">{ctx.text(|t| t.loading)}</p> }.into_any(),
        (State::Ready, _) => ready.try_update_value(Option::take).flatten().unwrap_or_else(|| ().into_any()),
        (State::Missing, Place::Section) => view! {
            <p class="problem">
                {ctx.text(|t| t.part_missing_heading)}" "
                <button type="button" class="link" on:click=retry>{ctx.text(|t| t.retry)}</button>
            </p>
        }
        .into_any(),
        (State::Missing, Place::Page) => {
            crate::pages::follow_app_language(ctx, |t| t.part_missing_heading);
            view! {
                <div class="problem">
                    <h1 id=focus::HEADING tabindex="-1">{ctx.text(|t| t.part_missing_heading)}</h1>
                    <p>{ctx.text(|t| t.part_missing)}</p>
                    <button type="button" class="secondary" on:click=retry>
                        {ctx.text(|t| t.retry)}
                    </button>
                    <p><a href="#/">{ctx.text(|t| t.back_to_start)}</a></p>
                </div>
            }
            .into_any()
        }
    })
    .into_any()
}
