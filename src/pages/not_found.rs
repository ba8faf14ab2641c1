use leptos::prelude::*;

use crate::focus;
use crate::AppContext;

/// Shown for an address that names no screen.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    Effect::new(move |_| {
        let t = ctx.texts();
        crate::platform::set_title(&format!("{} – {}", t.page_not_found, t.app_name));
        crate::platform::set_document_language(ctx.language.get().as_str(), crate::i18n::is_rtl(&ctx.language.get()));
    });
    view! {
        <h1 id=focus::HEADING tabindex="-1">{ctx.text(|t| t.page_not_found)}</h1>
        <p><a href="#/">{ctx.text(|t| t.back_to_start)}</a></p>
    }
}
