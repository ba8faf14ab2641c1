//! The owner's addresses in a respondent's build of the app: the owner's screens are in the
//! owner's build (`owner.html`, see `owner_page` in lib.rs), so the page goes there, keeping the
//! address's screen. Offline, the service worker answers `owner.html` with this build (it does
//! not keep the owner's build for offline use), and the page says that a connection is needed.

use leptos::prelude::*;

use crate::platform;
use crate::route::Route;
use crate::state::AppContext;

#[component]
pub fn OwnerElsewhere() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    // The language goes along: the owner's build starts afresh.
    // The whole address (a respondent's build does not tell the owner's screens apart).
    let address = platform::location_hash();
    let path = address.split('?').next().unwrap_or_default();
    let hash = format!("{path}?lang={}", ctx.language.get_untracked());
    let offline = platform::open_owner_build(&hash);
    view! {
        <h1 id=crate::focus::HEADING tabindex="-1">{ctx.text(|t| t.owner_link)}</h1>
        {if offline {
            view! {
                <p role="alert">{ctx.text(|t| t.network_error)}</p>
                <p><a href=Route::Start.href()>{ctx.text(|t| t.back_to_start)}</a></p>
            }
            .into_any()
        } else {
            view! { <p aria-busy="true">{ctx.text(|t| t.loading)}</p> }.into_any()
        }}
    }
}
