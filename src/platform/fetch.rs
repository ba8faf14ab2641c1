//! Fetching the app's own files, and sending to an inbox.

use std::cell::RefCell;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::listener::Listener;

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

/// Calls `on_online` each time the browser regains a network connection, until the returned
/// listener is dropped.
pub fn on_online(on_online: impl Fn() + 'static) -> Option<Listener> {
    Listener::on_window(&["online"], on_online)
}

/// Fetches files the app may need later (a survey's pictures and recordings), so that the
/// service worker keeps them for offline use; nothing waits for them, and a failure only means
/// that a file will be fetched when it is needed.
pub fn keep_for_offline(relative_urls: &[String]) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let ignore = Closure::<dyn FnMut(JsValue)>::new(|_: JsValue| {});
    for url in relative_urls {
        let _ = window.fetch_with_str(url).catch(&ignore);
    }
    ignore.forget();
}

/// Fetches and compiles the app's `parts` (as the build names them), if the page's loader has
/// not yet: the parts loader then takes them compiled. The fetches start at this call; the
/// returned future ends when they are compiled, or failed (a part that failed is fetched
/// again when it is used). Outside the app's build, where there are no parts, it does nothing.
pub fn compile_parts(parts: &[&str]) -> impl std::future::Future<Output = ()> {
    let global = js_sys::global();
    let compile =
        js_sys::Reflect::get(&global, &"lyttCompile".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let names: js_sys::Array = parts.iter().map(|p| wasm_bindgen::JsValue::from_str(p)).collect();
    let promise =
        compile.and_then(|f| f.call1(&global, &names).ok()).and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
    async move {
        if let Some(promise) = promise {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        }
    }
}
