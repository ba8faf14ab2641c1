//! The staff PIN, then the staff screen: what waits, export, back to the kiosk, or leave it.

use leptos::prelude::*;
use lytt_core::kiosk::{DeviceMode, PinCheck};
use lytt_core::KioskSettings;

use super::setup::pin_field;
use super::visitor::let_visitor_go;
use super::KioskScreen;
use crate::components::IdleWatch;
use crate::delivery::DeliveryPanel;
use crate::focus;
use crate::i18n::Texts;
use crate::platform;
use crate::route::Route;
use crate::session::AnswerSession;
use crate::state::AppContext;

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

/// The staff door and the staff screen.
#[component]
pub(super) fn StaffSide(
    survey: String,
    /// The visitors' answering session, if the survey could be loaded.
    visitor: Option<AnswerSession>,
    screen: RwSignal<KioskScreen>,
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
        let visitor_busy = visitor.is_some_and(|v| v.draft.with_untracked(Option::is_some));
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
        if let Some(visitor) = visitor {
            visitor.discard();
        }
        if ctx.set_mode(None).is_ok() {
            ctx.redirect(Route::Start);
        }
    };
    // Staff who walk away, or a PIN screen left open, give the kiosk back to the next visitor,
    // locked; a visitor who was answering counts as having walked away.
    let timing = visitor.and_then(|v| v.idle_timing()).unwrap_or_else(|| KioskSettings::default().idle_timing());
    let relock = Callback::new(move |_| {
        if let Some(visitor) = visitor {
            let_visitor_go(ctx, visitor, true);
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
        <IdleWatch timing=Signal::derive(move || Some(timing)) watching=Signal::derive(|| true) on_expire=relock />
        {screens}
    }
}
