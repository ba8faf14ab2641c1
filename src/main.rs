//! Starts the app: a readable panic message in the console, the app's own text in the person's
//! language, then mount.

fn main() {
    console_error_panic_hook::set_once();
    let language = lytt::initial_language();
    // The text comes before the first screen, so that no other language flashes by first.
    // Bokmål is at hand at once; another language is fetched (from the offline cache after
    // the first visit).
    wasm_bindgen_futures::spawn_local(async move {
        let ui = lytt::i18n::UiLang::for_tag(&language);
        let texts = lytt::i18n::load(ui).await.unwrap_or(&lytt::i18n::NB);
        leptos::mount::mount_to_body(move || {
            leptos::prelude::view! { <lytt::App language=language.clone() texts=texts /> }
        });
        lytt::platform::mark("lytt-mounted");
    });
}
