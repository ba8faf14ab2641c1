//! Event listeners that are removed when their owner drops them.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Listeners for some events on the window or the document; removed when dropped, so a screen
/// that keeps one (in a `StoredValue`) stops listening when it goes.
#[must_use = "the listener stops when dropped"]
pub struct Listener {
    target: web_sys::EventTarget,
    events: &'static [&'static str],
    capture: bool,
    callback: Closure<dyn Fn(web_sys::Event)>,
}

impl Listener {
    /// Calls `then` on each of `events` on the window.
    pub(super) fn on_window(events: &'static [&'static str], then: impl Fn() + 'static) -> Option<Listener> {
        Listener::add(web_sys::window()?.into(), events, false, move |_| then())
    }

    /// Calls `then` with each of `events` on the window.
    pub(super) fn on_window_event(
        events: &'static [&'static str],
        then: impl Fn(web_sys::Event) + 'static,
    ) -> Option<Listener> {
        Listener::add(web_sys::window()?.into(), events, false, then)
    }

    /// Calls `then` on each of `events` anywhere in the document, before the page sees them.
    pub(super) fn on_document(events: &'static [&'static str], then: impl Fn() + 'static) -> Option<Listener> {
        Listener::add(web_sys::window()?.document()?.into(), events, true, move |_| then())
    }

    /// Calls `then` on each of `events` on `target`.
    pub(super) fn on_target(
        target: web_sys::EventTarget,
        events: &'static [&'static str],
        then: impl Fn() + 'static,
    ) -> Option<Listener> {
        Listener::add(target, events, false, move |_| then())
    }

    /// Keeps listening for as long as the page is open, for what the app's root listens to
    /// (the address, the network coming back): its owner is the page itself.
    pub fn keep(self) {
        std::mem::forget(self);
    }

    fn add(
        target: web_sys::EventTarget,
        events: &'static [&'static str],
        capture: bool,
        then: impl Fn(web_sys::Event) + 'static,
    ) -> Option<Listener> {
        let callback = Closure::<dyn Fn(web_sys::Event)>::new(then);
        for event in events {
            target.add_event_listener_with_callback_and_bool(event, callback.as_ref().unchecked_ref(), capture).ok()?;
        }
        Some(Listener { target, events, capture, callback })
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        for event in self.events {
            let _ = self.target.remove_event_listener_with_callback_and_bool(
                event,
                self.callback.as_ref().unchecked_ref(),
                self.capture,
            );
        }
    }
}
