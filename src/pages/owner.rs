//! The owner page: a key pair made in the browser.

use leptos::prelude::*;

use crate::focus;
use crate::platform;
use crate::route::Route;
use crate::state::AppContext;

/// "For survey owners": a key pair made in the browser. The identity exists only in this page's
/// memory until the owner downloads it; nothing of it is stored.
#[component]
pub fn OwnerPage() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    ctx.follow_app_language(|t| t.owner_link);
    // (identity file text, recipient)
    let pair: RwSignal<Option<(String, String)>> = RwSignal::new(None);
    let failed = RwSignal::new(false);
    let generate = move |_| {
        let made = lytt_core::seal::generate_identity(&mut rand_core::OsRng);
        pair.set(Some(made));
        platform::focus_soon(focus::RECIPIENT);
    };
    let download = move |_| {
        if let Some((file, recipient)) = pair.get_untracked() {
            let fingerprint = lytt_core::seal::recipient_fingerprint(&recipient);
            failed.set(!platform::download(&format!("lytt-owner-{fingerprint}.key"), &file, "text/plain"));
        }
    };
    let details = move || {
        pair.get().map(|(_, recipient)| {
            let t = ctx.texts();
            let fingerprint = lytt_core::seal::recipient_fingerprint(&recipient);
            view! {
                <p class="warning">{t.owner_warning}</p>
                <button type="button" class="primary" on:click=download>{t.owner_download}</button>
                <p class="error" role="alert">{move || failed.get().then_some(t.download_failed)}</p>
                <div class="field">
                    <label for=focus::RECIPIENT>{t.owner_recipient_label}</label>
                    <textarea id=focus::RECIPIENT readonly=true rows="2" class="recipient" prop:value=recipient.clone()></textarea>
                </div>
                <p class="fingerprint-big">{(t.owner_fingerprint)(&fingerprint)}</p>
                <p class="hint">{t.owner_fingerprint_hint}</p>
            }
        })
    };
    view! {
        <div class="owner">
            <h1 id=focus::HEADING tabindex="-1">{ctx.text(|t| t.owner_link)}</h1>
            <p>{ctx.text(|t| t.owner_intro)}</p>
            <button type="button" class="secondary" on:click=generate>{ctx.text(|t| t.owner_generate)}</button>
            {details}
            <p><a href=Route::OwnerResults.href()>{ctx.text(|t| t.results().heading)}</a></p>
            <p><a href=Route::OwnerBuild.href()>{ctx.text(|t| t.builder().heading)}</a></p>
            <p><a href=Route::Start.href()>{ctx.text(|t| t.back_to_start)}</a></p>
        </div>
    }
}
