//! The service worker that keeps the app working offline.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// Registers the service worker (`sw.js`, written into each release build) that keeps the app
/// and its surveys working offline. Browsers without service workers, or pages not served
/// securely (plain http other than localhost), simply go without.
pub fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    if !js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false) {
        return;
    }
    let registering = navigator.service_worker().register("sw.js");
    // A failed registration (e.g. no sw.js in a development build) only means no offline use.
    wasm_bindgen_futures::spawn_local(async move {
        let _ = JsFuture::from(registering).await;
    });
}
