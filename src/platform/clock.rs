//! The clock and timers.

use lytt_core::CivilDate;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

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

/// Milliseconds since 1970 (for idle timing in memory; never stored).
pub fn now_ms() -> u64 {
    js_sys::Date::now().max(0.0) as u64
}

/// Milliseconds on the page's own clock (`performance.now()`), which only goes forward and does
/// not follow changes to the device's clock.
pub fn monotonic_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Calls `then` once after `ms` milliseconds.
pub fn after(ms: u32, then: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let closure = Closure::once_into_js(then);
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(closure.unchecked_ref(), ms as i32);
}

/// A repeating timer; stops when dropped.
#[must_use = "the timer stops when dropped"]
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

/// Gives the browser a turn (to draw, and to take input) before going on: work done in slices
/// between such pauses never holds the page for long.
pub async fn pause() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
