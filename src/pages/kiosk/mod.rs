//! The event kiosk: staff set it up with a PIN, then every visitor gets a fresh survey that
//! resets itself after finishing or walking away. Answers live only in this page's memory until
//! they are sealed; only the staff PIN opens the export and the way out.

mod setup;
mod staff;
mod visitor;

use std::sync::Arc;

use leptos::prelude::*;
use lytt_core::kiosk::DeviceMode;
use lytt_core::{DeviceKind, Survey};

pub use setup::KioskSetup;

use super::survey::{load_survey, SurveyProblem, SurveyProblemPage};
use crate::focus;
use crate::platform;
use crate::route::Route;
use crate::session::AnswerSession;
use crate::state::AppContext;
use staff::StaffSide;
use visitor::KioskVisitor;

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

impl KioskScreen {
    fn is_staff_side(self) -> bool {
        matches!(self, KioskScreen::StaffDoor | KioskScreen::Staff)
    }
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
    count_down_lock(ctx);
    let (loaded, retry) = {
        let id = survey.clone();
        super::fetched(move || load_survey(id.clone()))
    };
    let screen = RwSignal::new(KioskScreen::Welcome);
    let staff_side = Memo::new(move |_| screen.get().is_staff_side());

    let body = move || match loaded.get() {
        None => view! { <p aria-busy="true">{ctx.text(|t| t.loading)}</p> }.into_any(),
        Some(Ok(visitors_survey)) => {
            view! { <KioskRunning survey=visitors_survey loaded=loaded screen=screen /> }.into_any()
        }
        // Staff can still export what waits and leave, without the survey.
        Some(Err(_)) if staff_side.get() => {
            view! { <StaffSide survey=survey.clone() visitor=None screen=screen /> }.into_any()
        }
        Some(Err(problem)) => view! {
            <SurveyProblemPage problem=problem retry=retry>
                <p>{ctx.text(|t| t.modes().kiosk_survey_problem)}</p>
            </SurveyProblemPage>
        }
        .into_any(),
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

/// A lock is waited out only by time counted here, on the page's clock that only goes forward:
/// setting the tablet's clock forward does not shorten it.
fn count_down_lock(ctx: AppContext) {
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
}

/// The kiosk with its survey in: one answering session for visitor after visitor, and the
/// staff side over it.
#[component]
fn KioskRunning(
    survey: Arc<Survey>,
    /// The survey as last fetched; a fresh copy replaces it (and this kiosk) between visitors.
    loaded: RwSignal<Option<Result<Arc<Survey>, SurveyProblem>>>,
    screen: RwSignal<KioskScreen>,
) -> impl IntoView {
    let id = survey.id.clone();
    let session = AnswerSession::start(survey, Signal::derive(|| DeviceKind::Kiosk));
    // The survey is fetched afresh for each new visitor, so that a kiosk running all day follows
    // its owner's changes (a new key above all) while it is online; offline, or on any failure,
    // it keeps the one it has. A new one takes over only while nobody is answering.
    let refresh = {
        let id = id.clone();
        Callback::new(move |_| {
            let id = id.clone();
            leptos::task::spawn_local(async move {
                let Ok(fresh) = load_survey(id).await else { return };
                let nobody =
                    screen.get_untracked() == KioskScreen::Welcome && session.draft.with_untracked(Option::is_none);
                if nobody && loaded.with_untracked(|l| !matches!(l, Some(Ok(s)) if **s == *fresh)) {
                    loaded.set(Some(Ok(fresh)));
                    platform::focus_soon(focus::HEADING);
                }
            });
        })
    };
    let staff_side = Memo::new(move |_| screen.get().is_staff_side());
    move || {
        if staff_side.get() {
            view! { <StaffSide survey=id.clone() visitor=Some(session) screen=screen /> }.into_any()
        } else {
            view! { <KioskVisitor session=session screen=screen refresh=refresh /> }.into_any()
        }
    }
}
