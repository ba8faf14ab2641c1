//! The screen for an address that names no screen.

use leptos::prelude::*;

use crate::focus;
use crate::route::Route;
use crate::state::AppContext;

/// Shown for an address that names no screen.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    ctx.follow_app_language(|t| t.page_not_found);
    view! {
        <h1 id=focus::HEADING tabindex="-1">{ctx.text(|t| t.page_not_found)}</h1>
        <p><a href=Route::Start.href()>{ctx.text(|t| t.back_to_start)}</a></p>
    }
}
