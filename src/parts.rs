//! Parts of the app that are downloaded the first time they are used, and how a screen waits
//! for one.
//!
//! Every visitor downloads the main module: the first screen of a first visit drawn by hand
//! (`crate::first`: the start page, or a survey's start screen), reading and checking survey
//! files, and the app's text in bokmål. Split off by `scripts/build-wasm.mjs` at the
//! `split_point!` functions (`crate::mount_app`, `crate::App`'s route table, `crate::i18n` and
//! below) are:
//! - `app`: the app's screens (Leptos, the frame, the start page and what every screen
//!   shares). A first screen drawn by hand fetches it once it is up, and its screens take over
//!   from it; every other address needs it at once.
//! - `linking`: opening a survey carried whole in its link (`#/l/...`: inflating it and keeping
//!   it on the device), for the first screen (`crate::first`); the app's link page shares it.
//! - `opening`: a survey's start screen: fetching and checking its file, the draft on this
//!   device, the title, introduction and Start; and opening a survey carried whole in its link
//!   (`#/l/...`: inflating it and keeping it on the device), which goes on to that start screen
//!   and shares nearly all of its code. Nothing else comes before a survey's first screen. As a
//!   part of its own, the link's page made the start screen's code four modules more, and the
//!   start screen no faster for the 3.6 KB it saved (docs/performance.md).
//! - `answering`: a survey's screens after the start (questions, review, thank-you, a shared
//!   computer's break and idle reset) and sending sealed records. The start screen fetches it
//!   once it is up (`pages::survey`); the start page only to show or send records that wait
//!   on the device.
//! - `devices`: the event kiosk and the peer interviews, with their own text in bokmål
//!   (`i18n::DeviceModeTexts`; each other language's is in that language's part), which a
//!   resident answering a survey link never needs. What it
//!   shares with `answering` (the question screens, sealing) is a shared module both load.
//!   Parts are kept few: each module costs a fixed time to compile on a slow phone
//!   (docs/performance.md), and a first split into nine made a survey's link slower.
//! - `texts_nn`, `texts_sv`, `texts_en`, `texts_se`, `texts_ar`, `texts_fa`, `texts_pl`,
//!   `texts_so`, `texts_ti`, `texts_uk`: the app's text in each language but bokmål, all of it
//!   (also its kiosk, interview and shared-computer words).
//!
//! The owner's screens (key pairs, results) are not a part: they are in the owner's build of
//! the app (`owner.html`, see `owner_page` in lib.rs), because as a part they would split the
//! code survey screens share with them into more, smaller modules, and a survey's link would
//! grow. So a first visit's first screen comes up without any part, and a resident never
//! downloads the owner's screens. The page's loader compiles the parts its address needs alongside the main module, and
//! the service worker keeps every part for offline use once the app has been visited.
//!
//! The split points of the pages are in the route table (`crate::App`), that of the screens
//! after a survey's start in `pages::survey`, those of the app's text in `crate::i18n`, and
//! those of sending here; `crate::split` says how a split point is made.

use std::future::Future;
use std::rc::Rc;

use leptos::prelude::*;

use crate::components::Problem;
use crate::delivery::{DeliveryPanel, Outbox};
use crate::split::{split_point, PartMissing};
use crate::state::AppContext;

/// A part's screen, or that its file could not be fetched.
pub(crate) type Loaded = Result<AnyView, PartMissing>;

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
pub(crate) enum Place {
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
pub(crate) fn show<Fut>(place: Place, load: impl Fn() -> Fut + 'static) -> AnyView
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
            <Problem message=|t| t.part_missing_heading retry=Some(Callback::new(retry)) />
        }
        .into_any(),
        (State::Missing, Place::Page) => view! {
            <Problem heading=|t| t.part_missing_heading message=|t| t.part_missing retry=Some(Callback::new(retry)) />
        }
        .into_any(),
    })
    .into_any()
}
