//! "Are you still there?": the idle clock of `lytt_core::kiosk` on screen, for a shared
//! computer and the event kiosk.

use leptos::prelude::*;
use lytt_core::kiosk::{idle_phase, IdlePhase};
use lytt_core::IdleTiming;

use crate::focus;
use crate::platform;
use crate::state::AppContext;

/// While `watching` holds and there is a `timing`: after its idle seconds without a touch, key
/// or pointer movement, a dialog with a countdown of its warning seconds and a big "Continue";
/// when that runs out, `on_expire` runs. Otherwise the clock stands still at zero.
/// `note`, if given, follows the warning and says what else happens then (in the language shown).
#[component]
pub fn IdleWatch(
    #[prop(into)] timing: Signal<Option<IdleTiming>>,
    #[prop(into)] watching: Signal<bool>,
    on_expire: Callback<()>,
    #[prop(optional)] note: Option<Callback<(), &'static str>>,
) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let last_input = StoredValue::new(platform::now_ms());
    let phase = RwSignal::new(IdlePhase::Active);
    let watch = platform::watch_input(move || last_input.set_value(platform::now_ms()));
    let ticker = platform::every(1000, move || {
        let now = platform::now_ms();
        let next = match timing.get_untracked().filter(|_| watching.get_untracked()) {
            Some(IdleTiming { idle_seconds, warning_seconds }) => {
                idle_phase(last_input.get_value(), now, u64::from(idle_seconds), u64::from(warning_seconds))
            }
            None => {
                // Nothing on screen to protect: the clock starts when there is.
                last_input.set_value(now);
                IdlePhase::Active
            }
        };
        if next == IdlePhase::Expired {
            last_input.set_value(now);
            phase.set(IdlePhase::Active);
            on_expire.run(());
        } else if phase.get_untracked() != next {
            let was_active = phase.get_untracked() == IdlePhase::Active;
            phase.set(next);
            if was_active {
                platform::focus_soon(focus::IDLE_CONTINUE);
            }
        }
    });
    // Dropped (timer stopped, listeners removed) with this component.
    StoredValue::new_local((watch, ticker));
    let keep_going = move |_| {
        last_input.set_value(platform::now_ms());
        phase.set(IdlePhase::Active);
        platform::focus_soon(crate::focus::HEADING);
    };
    view! {
        <Show when=move || matches!(phase.get(), IdlePhase::Warning { .. })>
            <div class="idle-warning" role="alertdialog" aria-labelledby="idle-heading" aria-describedby="idle-text">
                <h2 id="idle-heading">{ctx.text(|t| t.idle_heading)}</h2>
                <p id="idle-text">
                    {move || match phase.get() {
                        IdlePhase::Warning { seconds_left } => {
                            let warning = (ctx.texts().idle_text)(seconds_left);
                            match note {
                                Some(note) => format!("{warning} {}", note.run(())),
                                None => warning,
                            }
                        }
                        _ => String::new(),
                    }}
                </p>
                <button type="button" class="primary" id=focus::IDLE_CONTINUE on:click=keep_going>
                    {ctx.text(|t| t.continue_button)}
                </button>
            </div>
        </Show>
    }
}
