//! The address bar and the back button.

use wasm_bindgen::JsValue;

use super::listener::Listener;

/// The part of the address after `#`, without the `#`.
pub fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// Goes to `#hash`, adding a history entry (the back button returns).
pub fn push_hash(hash: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_hash(hash);
    }
}

/// Replaces the address's `#hash` without a history entry or a `hashchange` event.
pub fn replace_hash(hash: &str) {
    if let Some(window) = web_sys::window() {
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("#{hash}")));
        }
    }
}

/// Calls `on_change` with the new hash whenever the address's `#hash` changes, until the
/// returned listener is dropped.
pub fn on_hash_change(on_change: impl Fn(String) + 'static) -> Option<Listener> {
    Listener::on_window(&["hashchange"], move || on_change(location_hash()))
}

/// Holds the back button on this address (a kiosk) until the returned listener is dropped: a
/// history entry is added, and each time back is pressed it is added again. (Chromium may let
/// a person who presses back twice quickly without touching the page through; the kiosk shows
/// itself at every address of the app anyway.)
pub fn hold_back_button() -> Option<Listener> {
    let history = web_sys::window()?.history().ok()?;
    let push = move || {
        let _ = history.push_state_with_url(&JsValue::NULL, "", None);
    };
    push();
    Listener::on_window(&["popstate"], push)
}

/// The page of the owner's build of the app, next to this one.
const OWNER_PAGE: &str = "owner.html";

/// Goes to the owner's build of the app at `#hash` (`owner.html#/owner...`), in place of this
/// page in the history. True if this page is already the owner's page: the service worker gave
/// this build instead because the owner's could not be fetched (offline).
pub fn open_owner_build(hash: &str) -> bool {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return false;
    };
    if location.pathname().is_ok_and(|p| p.ends_with(OWNER_PAGE)) {
        return true;
    }
    let _ = location.replace(&format!("{OWNER_PAGE}#{hash}"));
    false
}

/// The address of the respondent's app that this page belongs to (without `#…` or `?…`, and
/// without `owner.html`): where a survey's link opens.
#[cfg(feature = "owner")]
pub fn app_address() -> String {
    let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    let page = href.split(['#', '?']).next().unwrap_or_default();
    page.strip_suffix(OWNER_PAGE).unwrap_or(page).to_string()
}
