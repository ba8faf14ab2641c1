//! The panel that says what waits for one survey and offers the ways to get it off the device.

use leptos::prelude::*;
use lytt_core::bundle::Bundle;

use super::{Outbox, SendFailure, SendState};
use crate::focus;
use crate::i18n::Texts;
use crate::platform;
use crate::state::AppContext;

/// How many records of one survey wait, by how they leave the device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Waiting {
    /// Going to an inbox now.
    posting: usize,
    /// Going to an inbox once someone asks to deliver them all.
    held: usize,
    /// Travelling as files.
    files: usize,
}

impl Waiting {
    fn any(self) -> bool {
        self.posting + self.held + self.files > 0
    }
}

/// What the panel says, never more than is true: what waits and how sending goes, or, once
/// nothing waits, whether it was saved (`confirmed_file`), sent (`expect_sent`) or never there.
fn status_text(t: &Texts, waiting: Waiting, state: SendState, confirmed_file: bool, expect_sent: bool) -> String {
    let mut lines: Vec<String> = Vec::new();
    if waiting.held > 0 {
        lines.push((t.waiting_to_deliver)(waiting.held));
    }
    if waiting.posting > 0 {
        let posting = (t.waiting_to_send)(waiting.posting);
        lines.push(match state {
            SendState::Sending => t.sending.to_string(),
            SendState::Waiting(SendFailure::Unreachable) => format!("{posting} {}", t.send_unreachable),
            SendState::Waiting(SendFailure::Offline) => format!("{posting} {}", t.send_offline),
            SendState::Waiting(SendFailure::Refused(status)) => format!("{posting} {}", (t.send_refused)(status)),
            SendState::Idle => posting,
        });
    }
    if waiting.files > 0 {
        lines.push((t.waiting_to_save)(waiting.files));
    }
    if lines.is_empty() {
        let done = if confirmed_file {
            t.all_saved
        } else if expect_sent {
            t.sent
        } else {
            t.nothing_waiting
        };
        lines.push(done.to_string());
    }
    lines.join(" ")
}

/// What waits for one survey and how to get it off the device: a truthful sending status for
/// records that go to an inbox, and "Save encrypted file" / "Share" for those that travel as
/// files (or as a way out when the inbox cannot be reached).
#[component]
pub fn DeliveryPanel(
    /// The survey whose records are shown.
    survey: String,
    /// Whether this panel just saw a record of this survey being finished (then an empty outbox
    /// means "sent" rather than "nothing waiting").
    #[prop(optional)]
    just_finished: bool,
    /// The panel's heading (default: "Send the answers").
    #[prop(optional, into)]
    heading: Option<String>,
    /// Show nothing while no record of this survey waits and none has left through this panel
    /// (an interviewer's list: a "Deliver all" over nothing would only confuse).
    #[prop(optional)]
    hide_when_empty: bool,
) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let outbox = expect_context::<Outbox>();
    outbox.read_stored();
    let t = move || ctx.texts();
    let waiting = {
        let survey = survey.clone();
        Memo::new(move |_| {
            outbox.entries.with(|list| {
                let mine = list.iter().filter(|e| e.survey == survey);
                let posting = mine.clone().filter(|e| e.to.is_some() && !e.held).count();
                let held = mine.clone().filter(|e| e.to.is_some() && e.held).count();
                Waiting { posting, held, files: mine.count() - posting - held }
            })
        })
    };
    let confirmed_file = RwSignal::new(false);
    // Once records of this panel were waiting for an inbox, an empty outbox means they were sent.
    let expect_sent = just_finished || waiting.with_untracked(|w| w.posting + w.held > 0);
    let status = move || status_text(t(), waiting.get(), outbox.state.get(), confirmed_file.get(), expect_sent);
    // Once something waited here, the panel stays to say what became of it.
    let had_records = RwSignal::new(waiting.with_untracked(|w| w.any()));
    Effect::new(move |_| {
        if waiting.with(|w| w.any()) {
            had_records.set(true);
        }
    });
    let offer_file = Signal::derive(move || {
        let w = waiting.get();
        w.files > 0 || (w.posting > 0 && matches!(outbox.state.get(), SendState::Waiting(_)))
    });
    let release = {
        let survey = survey.clone();
        move |_| outbox.release(&survey)
    };
    // Ids carry the survey id: the start page shows one panel per survey.
    let heading_id = format!("delivery-heading-{survey}");
    let labelled_by = heading_id.clone();
    view! {
        <section class="delivery" aria-labelledby=labelled_by hidden=move || hide_when_empty && !had_records.get()>
            <h2 id=heading_id>{move || heading.clone().unwrap_or_else(|| t().delivery_heading.to_string())}</h2>
            <p role="status" class="delivery-status">{status}</p>
            <Show when=move || waiting.with(|w| w.held > 0)>
                <button type="button" class="primary" on:click=release.clone()>{move || t().deliver_all}</button>
            </Show>
            <Show when=move || { waiting.get().posting > 0 && matches!(outbox.state.get(), SendState::Waiting(_)) }>
                <button type="button" class="secondary" on:click=move |_| outbox.send_now()>{move || t().send_now}</button>
            </Show>
            <FileActions survey=survey offer=offer_file confirmed=confirmed_file />
        </section>
    }
}

/// "Save encrypted file" and "Share" while `offer` holds, then "I have saved it": only then are
/// the records in the file removed (`confirmed` is set).
#[component]
fn FileActions(survey: String, offer: Signal<bool>, confirmed: RwSignal<bool>) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let outbox = expect_context::<Outbox>();
    let t = move || ctx.texts();
    // A file holds exactly the records it was made from; only those are removed on "saved".
    let saved_ids: RwSignal<Option<Vec<String>>> = RwSignal::new(None);
    let shared = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let can_share = platform::can_share_files();
    let confirm_id = StoredValue::new(focus::confirm_saved(&survey));
    let bundle_of = move || {
        let entries = outbox.waiting(&survey);
        let ids: Vec<String> = entries.iter().map(|e| e.id.clone()).collect();
        let bundle = Bundle::new(&survey, entries.into_iter().map(|e| e.record).collect());
        (ids, bundle.to_json(), format!("{survey}.lytt.json"))
    };
    // The file has left the app (downloaded or shared): wait for the person to say it arrived.
    let handed_over = move |ids: Vec<String>, via_share: bool| {
        failed.set(false);
        shared.set(via_share);
        saved_ids.set(Some(ids));
        platform::focus_soon(&confirm_id.get_value());
    };
    let save = {
        let bundle_of = bundle_of.clone();
        move |_| {
            // Marks for bench/seal-export.mjs: making the bundle file of everything waiting.
            platform::mark("lytt-export-start");
            let (ids, json, name) = bundle_of();
            let made = platform::download(&name, &json, "application/json");
            platform::mark("lytt-export-end");
            if made {
                handed_over(ids, false);
            } else {
                failed.set(true);
            }
        }
    };
    let share = move |_| {
        let (ids, json, name) = bundle_of();
        leptos::task::spawn_local(async move {
            match platform::share_file(&name, &json, "application/json").await {
                platform::ShareOutcome::Shared => handed_over(ids, true),
                platform::ShareOutcome::Cancelled => {}
                platform::ShareOutcome::Failed => failed.set(true),
            }
        });
    };
    let confirm = move |_| {
        if let Some(ids) = saved_ids.get_untracked() {
            outbox.remove(&ids);
            saved_ids.set(None);
            confirmed.set(true);
        }
    };
    view! {
        <Show when=move || offer.get()>
            <p class="hint">{move || t().save_hint}</p>
            <div class="nav">
                <button type="button" class="primary" on:click=save.clone()>{move || t().save_file}</button>
                {can_share.then(|| view! {
                    <button type="button" class="primary" on:click=share.clone()>{move || t().share_file}</button>
                })}
                <Show when=move || saved_ids.with(Option::is_some)>
                    <button type="button" class="secondary confirm-saved" id=move || confirm_id.get_value() on:click=confirm>
                        {move || if shared.get() { t().confirm_shared } else { t().confirm_saved }}
                    </button>
                </Show>
            </div>
        </Show>
        <p class="error" role="alert">{move || failed.get().then(|| t().download_failed)}</p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::EN;

    #[test]
    fn the_status_says_what_waits_and_how_sending_goes() {
        let waiting = Waiting { posting: 2, held: 1, files: 0 };
        let text = status_text(&EN, waiting, SendState::Waiting(SendFailure::Offline), false, false);
        assert!(text.starts_with(&(EN.waiting_to_deliver)(1)), "{text}");
        assert!(text.contains(&(EN.waiting_to_send)(2)), "{text}");
        assert!(text.ends_with(EN.send_offline), "{text}");
        let refused = status_text(
            &EN,
            Waiting { posting: 1, ..Waiting::default() },
            SendState::Waiting(SendFailure::Refused(503)),
            false,
            false,
        );
        assert!(refused.contains(&(EN.send_refused)(503)), "{refused}");
    }

    #[test]
    fn once_nothing_waits_it_claims_only_what_happened() {
        let none = Waiting::default();
        assert_eq!(status_text(&EN, none, SendState::Idle, false, false), EN.nothing_waiting);
        assert_eq!(status_text(&EN, none, SendState::Idle, false, true), EN.sent);
        assert_eq!(status_text(&EN, none, SendState::Idle, true, true), EN.all_saved);
    }
}
