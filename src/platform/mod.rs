//! Everything that touches the browser: storage, the address bar, fetching the app's own
//! files, the clock, randomness, focus and the document's language. Pages and components
//! call these functions and never `window()` themselves.

pub mod storage;

use std::cell::RefCell;

use lytt_core::CivilDate;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

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

/// Calls `on_change` with the new hash whenever the address's `#hash` changes.
pub fn on_hash_change(on_change: impl Fn(String) + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let closure = Closure::<dyn Fn()>::new(move || on_change(location_hash()));
    let _ = window.add_event_listener_with_callback("hashchange", closure.as_ref().unchecked_ref());
    // The listener lives as long as the page.
    closure.forget();
}

/// Why one of the app's own files could not be fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FetchError {
    /// The server answered 404 (or 410).
    NotFound,
    /// Another HTTP status.
    Status(u16),
    /// No answer at all (offline, server down), or the body was unreadable.
    Network,
}

/// Fetches one of the app's own files, relative to the page, as text.
pub async fn fetch_text(relative_url: &str) -> Result<String, FetchError> {
    let prefetched = PREFETCHED.with(|p| {
        let mut p = p.borrow_mut();
        match p.take() {
            Some((url, pending)) if url == relative_url => Some(pending),
            other => {
                *p = other;
                None
            }
        }
    });
    let pending = match prefetched {
        Some(pending) => pending,
        None => start_fetch(relative_url).ok_or(FetchError::Network)?,
    };
    let response = JsFuture::from(pending).await.map_err(|_| FetchError::Network)?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| FetchError::Network)?;
    match response.status() {
        200..=299 => {}
        404 | 410 => return Err(FetchError::NotFound),
        status => return Err(FetchError::Status(status)),
    }
    let text =
        JsFuture::from(response.text().map_err(|_| FetchError::Network)?).await.map_err(|_| FetchError::Network)?;
    text.as_string().ok_or(FetchError::Network)
}

thread_local! {
    /// A request started ahead of need, and its URL; the next `fetch_text` of that URL takes it.
    static PREFETCHED: RefCell<Option<(String, js_sys::Promise)>> = const { RefCell::new(None) };
}

/// A request the page's loader started before the app ran (index.html, written by
/// scripts/build-wasm.mjs: the survey file a survey's address names). `prefetch` takes it, at
/// most once, so that "Try again" fetches afresh.
fn take_early_fetch(relative_url: &str) -> Option<js_sys::Promise> {
    let early = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("lyttEarlyFiles")).ok()?;
    let early: js_sys::Map = early.dyn_into().ok()?;
    let key = JsValue::from_str(relative_url);
    let pending = early.get(&key).dyn_into::<js_sys::Promise>().ok()?;
    early.delete(&key);
    Some(pending)
}

/// Starts a GET of one of the app's own files.
fn start_fetch(relative_url: &str) -> Option<js_sys::Promise> {
    let window = web_sys::window()?;
    let init = web_sys::RequestInit::new();
    // Survey files change without a rebuild, so the browser must check for a newer one.
    init.set_cache(web_sys::RequestCache::NoCache);
    let request = web_sys::Request::new_with_str_and_init(relative_url, &init).ok()?;
    let pending = window.fetch_with_request(&request);
    Some(pending)
}

/// Starts fetching a file that `fetch_text` will soon be asked for, so that the wait overlaps
/// other work (a survey's file while the survey screens' part loads), or takes the one the
/// page's loader started. A later prefetch replaces an earlier one, so "Try again" never gets
/// an old failure.
pub fn prefetch(relative_url: &str) {
    if let Some(pending) = take_early_fetch(relative_url).or_else(|| start_fetch(relative_url)) {
        // A failure is seen by the `fetch_text` that takes it; until then it is not unhandled.
        let ignore = Closure::<dyn FnMut(JsValue)>::new(|_: JsValue| {});
        let _ = pending.catch(&ignore);
        ignore.forget();
        PREFETCHED.with(|p| *p.borrow_mut() = Some((relative_url.to_string(), pending)));
    }
}

/// Today's date on this device's calendar.
pub fn today() -> CivilDate {
    let now = js_sys::Date::new_0();
    CivilDate { year: now.get_full_year() as i32, month: now.get_month() + 1, day: now.get_date() }
}

/// Today as days since 1970-01-01 (for draft expiry).
pub fn today_days() -> i64 {
    today().days_since_epoch()
}

/// Hours since 1970 (for the expiry of paused drafts; no finer time is stored).
pub fn now_hour() -> i64 {
    (js_sys::Date::now() / 3_600_000.0).floor() as i64
}

/// Cryptographically random bytes, or `None` where the browser has no Web Crypto.
pub fn random_bytes<const N: usize>() -> Option<[u8; N]> {
    let crypto = web_sys::window()?.crypto().ok()?;
    let mut bytes = [0u8; N];
    crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
    Some(bytes)
}

/// Sets `<html lang>` and `dir`.
pub fn set_document_language(tag: &str, right_to_left: bool) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", tag);
        let _ = root.set_attribute("dir", if right_to_left { "rtl" } else { "ltr" });
    }
}

/// Sets the tab's title.
pub fn set_title(title: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(title);
    }
}

/// Moves keyboard and screen-reader focus to the element with this id once it is rendered.
pub fn focus_soon(id: &str) {
    let id = id.to_string();
    let focus = move || {
        if let Some(element) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    };
    let Some(window) = web_sys::window() else {
        return;
    };
    let closure = Closure::once_into_js(focus);
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(closure.unchecked_ref(), 0);
}

/// Sets a named performance mark (for benchmarks of the release build).
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// Offers `content` to the person as a file download named `file_name`; false if the browser
/// could not make the file.
pub fn download(file_name: &str, content: &str, mime: &str) -> bool {
    let run = || -> Option<()> {
        let document = web_sys::window()?.document()?;
        let parts = js_sys::Array::of1(&JsValue::from_str(content));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let link: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
        link.set_href(&url);
        link.set_download(file_name);
        link.click();
        // Revoking at once can cancel the download in some browsers; a minute is plenty.
        let revoke = Closure::once_into_js(move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        });
        let _ =
            web_sys::window()?.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
        Some(())
    };
    run().is_some()
}

/// Sends `body` (JSON) to an inbox by POST and returns the HTTP status. No cookies, no referrer:
/// the inbox learns nothing but the bundle.
pub async fn post_json(url: &str, body: &str) -> Result<u16, FetchError> {
    let window = web_sys::window().ok_or(FetchError::Network)?;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&JsValue::from_str(body));
    init.set_mode(web_sys::RequestMode::Cors);
    init.set_credentials(web_sys::RequestCredentials::Omit);
    init.set_referrer_policy(web_sys::ReferrerPolicy::NoReferrer);
    init.set_cache(web_sys::RequestCache::NoStore);
    let headers = web_sys::Headers::new().map_err(|_| FetchError::Network)?;
    headers.set("Content-Type", "application/json").map_err(|_| FetchError::Network)?;
    init.set_headers(&headers);
    let request = web_sys::Request::new_with_str_and_init(url, &init).map_err(|_| FetchError::Network)?;
    let response = JsFuture::from(window.fetch_with_request(&request)).await.map_err(|_| FetchError::Network)?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| FetchError::Network)?;
    Ok(response.status())
}

/// Whether the browser believes it is online (a `false` is reliable, a `true` is a hope).
pub fn is_online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// Calls `on_online` each time the browser regains a network connection.
pub fn on_online(on_online: impl Fn() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let closure = Closure::<dyn Fn()>::new(on_online);
    let _ = window.add_event_listener_with_callback("online", closure.as_ref().unchecked_ref());
    closure.forget();
}

/// Calls `then` once after `ms` milliseconds.
pub fn after(ms: u32, then: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let closure = Closure::once_into_js(then);
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(closure.unchecked_ref(), ms as i32);
}

/// A file for the system share sheet, if this browser can share files (phones, mostly).
fn shareable_file(file_name: &str, content: &str, mime: &str) -> Option<web_sys::ShareData> {
    let navigator = web_sys::window()?.navigator();
    // Calling a missing method would throw; desktop browsers often lack both.
    for method in ["canShare", "share"] {
        if !js_sys::Reflect::has(&navigator, &JsValue::from_str(method)).unwrap_or(false) {
            return None;
        }
    }
    let options = web_sys::FilePropertyBag::new();
    options.set_type(mime);
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let file = web_sys::File::new_with_str_sequence_and_options(&parts, file_name, &options).ok()?;
    let data = web_sys::ShareData::new();
    data.set_files(&js_sys::Array::of1(&file));
    navigator.can_share_with_data(&data).then_some(data)
}

/// Whether "Share" can be offered for files.
pub fn can_share_files() -> bool {
    shareable_file("x.json", "{}", "application/json").is_some()
}

/// How sharing a file ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareOutcome {
    /// The person picked a target and the browser handed the file over.
    Shared,
    /// The person closed the share sheet.
    Cancelled,
    /// Sharing is not possible here or failed.
    Failed,
}

/// Opens the system share sheet with one file.
pub async fn share_file(file_name: &str, content: &str, mime: &str) -> ShareOutcome {
    let Some(data) = shareable_file(file_name, content, mime) else {
        return ShareOutcome::Failed;
    };
    let Some(window) = web_sys::window() else {
        return ShareOutcome::Failed;
    };
    match JsFuture::from(window.navigator().share_with_data(&data)).await {
        Ok(_) => ShareOutcome::Shared,
        Err(error) => {
            let name = js_sys::Reflect::get(&error, &JsValue::from_str("name")).ok().and_then(|n| n.as_string());
            if name.as_deref() == Some("AbortError") {
                ShareOutcome::Cancelled
            } else {
                ShareOutcome::Failed
            }
        }
    }
}

/// Calls `then` once the element `id` is on the page (checked at each frame), or after
/// `most_frames` frames if it never comes.
pub fn once_shown(id: &'static str, most_frames: u32, then: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let shown = window.document().and_then(|d| d.get_element_by_id(id)).is_some();
    if shown || most_frames == 0 {
        then();
        return;
    }
    let next = Closure::once_into_js(move || once_shown(id, most_frames - 1, then));
    let _ = window.request_animation_frame(next.unchecked_ref());
}

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

/// Milliseconds since 1970 (for idle timing in memory; never stored).
pub fn now_ms() -> u64 {
    js_sys::Date::now().max(0.0) as u64
}

/// Milliseconds on the page's own clock (`performance.now()`), which only goes forward and does
/// not follow changes to the device's clock.
pub fn monotonic_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// A repeating timer; stops when dropped.
pub struct Ticker {
    id: i32,
    _callback: Closure<dyn Fn()>,
}

impl Drop for Ticker {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            window.clear_interval_with_handle(self.id);
        }
    }
}

/// Calls `tick` every `ms` milliseconds until the returned [`Ticker`] is dropped.
pub fn every(ms: u32, tick: impl Fn() + 'static) -> Option<Ticker> {
    let window = web_sys::window()?;
    let callback = Closure::<dyn Fn()>::new(tick);
    let id = window
        .set_interval_with_callback_and_timeout_and_arguments_0(callback.as_ref().unchecked_ref(), ms as i32)
        .ok()?;
    Some(Ticker { id, _callback: callback })
}

/// Listeners for any touch, click, key or typing on the page; removed when dropped.
pub struct InputWatch {
    callback: Closure<dyn Fn()>,
}

const INPUT_EVENTS: [&str; 5] = ["pointerdown", "keydown", "input", "wheel", "touchstart"];

impl Drop for InputWatch {
    fn drop(&mut self) {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            for event in INPUT_EVENTS {
                let _ = document.remove_event_listener_with_callback_and_bool(
                    event,
                    self.callback.as_ref().unchecked_ref(),
                    true,
                );
            }
        }
    }
}

/// Calls `on_input` whenever the person touches, clicks, types or scrolls, until dropped.
pub fn watch_input(on_input: impl Fn() + 'static) -> Option<InputWatch> {
    let document = web_sys::window()?.document()?;
    let callback = Closure::<dyn Fn()>::new(on_input);
    for event in INPUT_EVENTS {
        // Capturing, so that nothing on the page can hide input from the idle clock.
        let _ = document.add_event_listener_with_callback_and_bool(event, callback.as_ref().unchecked_ref(), true);
    }
    Some(InputWatch { callback })
}

/// Asks for the whole screen (a kiosk). Browsers allow this only during a tap or key press, and
/// may refuse; the kiosk works either way.
pub fn request_fullscreen() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.fullscreen_element().is_none() {
        if let Some(root) = document.document_element() {
            // A refusal arrives as a rejected promise, which is fine to ignore.
            let _ = root.request_fullscreen();
        }
    }
}

/// Leaves full screen, if the page is in it.
pub fn exit_fullscreen() {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        if document.fullscreen_element().is_some() {
            document.exit_fullscreen();
        }
    }
}

/// Keeps the back button on the current address until dropped: a history entry is added, and
/// each time back is pressed it is added again. (Chromium may let a person who presses back
/// twice quickly without touching the page through; the kiosk shows itself at every address
/// of the app anyway.)
pub struct BackGuard {
    callback: Closure<dyn Fn()>,
}

impl Drop for BackGuard {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            let _ = window.remove_event_listener_with_callback("popstate", self.callback.as_ref().unchecked_ref());
        }
    }
}

/// Holds the back button on this address (a kiosk), until the returned guard is dropped.
pub fn hold_back_button() -> Option<BackGuard> {
    let window = web_sys::window()?;
    let history = window.history().ok()?;
    let push = move || {
        let _ = history.push_state_with_url(&JsValue::NULL, "", None);
    };
    push();
    let callback = Closure::<dyn Fn()>::new(push);
    window.add_event_listener_with_callback("popstate", callback.as_ref().unchecked_ref()).ok()?;
    Some(BackGuard { callback })
}
