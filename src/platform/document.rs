//! The document: its language and title, focus, full screen, performance marks, and input.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::listener::Listener;

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

/// Moves focus, once rendered, to the first of these elements that is there and can take it
/// (a control that a change removed or hid gives way to the part of the page it was in).
pub fn focus_first_soon(ids: Vec<String>) {
    let focus = move || {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
        for element in ids.iter().filter_map(|id| document.get_element_by_id(id)) {
            let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() else { continue };
            // A hidden element (no offset parent) does not take focus; the next one is tried.
            if element.offset_parent().is_none() {
                continue;
            }
            let _ = element.focus();
            if document.active_element().is_some_and(|a| a == *element) {
                return;
            }
        }
    };
    let Some(window) = web_sys::window() else {
        return;
    };
    let closure = Closure::once_into_js(focus);
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(closure.unchecked_ref(), 0);
}

/// The id of the element that has focus, if it has one.
pub fn focused_id() -> Option<String> {
    let id = web_sys::window()?.document()?.active_element()?.id();
    (!id.is_empty()).then_some(id)
}

/// Puts `value` back into the text field an event came from (to undo an edit that was not
/// taken).
pub fn set_event_target_value(ev: &web_sys::Event, value: &str) {
    if let Some(field) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) {
        field.set_value(value);
    }
}

/// The selected part of the text field with this id: start and end in UTF-16 units.
pub fn text_selection(id: &str) -> Option<(usize, usize)> {
    let field =
        web_sys::window()?.document()?.get_element_by_id(id)?.dyn_into::<web_sys::HtmlTextAreaElement>().ok()?;
    Some((field.selection_start().ok()?? as usize, field.selection_end().ok()?? as usize))
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

/// Ends once the element `id` is on the page and the browser has had a moment to paint it
/// (or after about ten seconds if it never comes): what follows does not hold up that paint.
pub async fn after_shown(id: &'static str) {
    let painted = js_sys::Promise::new(&mut |resolve, _| {
        once_shown(id, 600, move || {
            super::after(0, move || {
                let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
            })
        })
    });
    let _ = wasm_bindgen_futures::JsFuture::from(painted).await;
}

/// Sets a named performance mark (for benchmarks of the release build).
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
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

/// Ticks or unticks the checkbox or radio button an event came from (to undo a tick that was
/// not taken).
pub fn set_event_target_checked(ev: &web_sys::Event, checked: bool) {
    if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
        input.set_checked(checked);
    }
}

/// Calls `on_input` whenever the person touches, clicks, types or scrolls, until the returned
/// listener is dropped. It listens while events go down the page, so that nothing on the page
/// can hide input from the idle clock.
pub fn watch_input(on_input: impl Fn() + 'static) -> Option<Listener> {
    Listener::on_document(&["pointerdown", "keydown", "input", "wheel", "touchstart"], on_input)
}

/// Opens the browser's print dialog (where "Save as PDF" is one of the printers).
pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// Prints with `class` on the page's root element, so that a print stylesheet can print one
/// part of the page; the class is taken off again once the print dialog has closed.
pub fn print_with_class(class: &str) {
    let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) else {
        return;
    };
    let _ = root.class_list().add_1(class);
    print();
    let _ = root.class_list().remove_1(class);
}

/// Calls `then` when Alt (Option on a Mac) and the letter key `code` (a `KeyboardEvent.code`
/// such as "KeyR", the same key on every keyboard layout) are pressed together anywhere on the
/// page; the key does nothing else then (no "®" typed in a text field).
pub fn on_alt_key(code: &'static str, then: impl Fn() + 'static) -> Option<Listener> {
    Listener::on_window_event(&["keydown"], move |event| {
        let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
            return;
        };
        if key.alt_key() && !key.ctrl_key() && !key.meta_key() && !key.repeat() && key.code() == code {
            key.prevent_default();
            then();
        }
    })
}
