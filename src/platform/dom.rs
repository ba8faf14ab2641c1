//! Elements made and changed by hand, for what is drawn before the app's screens are in (they
//! are a part of their own): one small builder, so that such a screen reads like markup. Every
//! step is skipped when the browser refuses it, so nothing here can panic. A screen drawn this
//! way leaves the page, with its listeners, when the value that `El::show` returned is dropped.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

type Handler = Closure<dyn FnMut(web_sys::Event)>;

/// An element being built (nothing if the browser would not make it), with the listeners of
/// it and its children.
pub struct El {
    element: Option<web_sys::Element>,
    listeners: Vec<Handler>,
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

impl El {
    /// A new element, not yet in the page.
    pub fn new(tag: &str) -> El {
        El { element: document().and_then(|d| d.create_element(tag).ok()), listeners: Vec::new() }
    }

    /// Sets an attribute.
    pub fn attr(self, name: &str, value: &str) -> El {
        if let Some(element) = &self.element {
            let _ = element.set_attribute(name, value);
        }
        self
    }

    /// Appends text.
    pub fn text(self, text: &str) -> El {
        if let (Some(element), Some(node)) = (&self.element, document().map(|d| d.create_text_node(text))) {
            let _ = element.append_child(&node);
        }
        self
    }

    /// Appends a child.
    pub fn child(mut self, child: El) -> El {
        if let (Some(element), Some(node)) = (&self.element, &child.element) {
            let _ = element.append_child(node);
        }
        self.listeners.extend(child.listeners);
        self
    }

    /// Sets an attribute if there is a value for it.
    pub fn attr_if(self, name: &str, value: Option<&str>) -> El {
        match value {
            Some(value) => self.attr(name, value),
            None => self,
        }
    }

    /// Calls `then` on each click, while the screen is shown. `then` must not drop the screen
    /// itself: a listener cannot be dropped while it runs, so it hands that on (`spawn_local`).
    pub fn on_click(self, mut then: impl FnMut() + 'static) -> El {
        self.on("click", move |_| then())
    }

    /// Calls `then` with the value of the element (a menu or a field) on each change.
    pub fn on_value(self, mut then: impl FnMut(String) + 'static) -> El {
        self.on("change", move |event| {
            let value = target_property(&event, "value").and_then(|v| v.as_string());
            then(value.unwrap_or_default());
        })
    }

    /// Calls `then` with whether the element (a tick box) is ticked, on each change.
    pub fn on_checked(self, mut then: impl FnMut(bool) + 'static) -> El {
        self.on("change", move |event| then(target_property(&event, "checked").and_then(|v| v.as_bool()) == Some(true)))
    }

    fn on(mut self, event: &str, then: impl FnMut(web_sys::Event) + 'static) -> El {
        if let Some(element) = &self.element {
            let handler = Handler::new(then);
            let _ = element.add_event_listener_with_callback(event, handler.as_ref().unchecked_ref());
            self.listeners.push(handler);
        }
        self
    }

    /// Puts the element at the end of the page's body, until the returned value is dropped.
    pub fn show(self) -> Shown {
        if let (Some(element), Some(body)) = (&self.element, document().and_then(|d| d.body())) {
            let _ = body.append_child(element);
        }
        Shown { element: self.element, _listeners: self.listeners }
    }
}

fn target_property(event: &web_sys::Event, name: &str) -> Option<wasm_bindgen::JsValue> {
    js_sys::Reflect::get(&event.target()?.into(), &name.into()).ok()
}

/// An element in the page, with its listeners; dropping it takes it out.
#[must_use = "the element leaves the page when this is dropped"]
pub struct Shown {
    element: Option<web_sys::Element>,
    _listeners: Vec<Handler>,
}

impl Drop for Shown {
    fn drop(&mut self) {
        if let Some(element) = &self.element {
            element.remove();
        }
    }
}

impl Shown {
    /// Where keyboard focus is inside the element's first `within` (a selector), as the
    /// positions of the elements on the way down to it.
    pub fn focused_path(&self, within: &str) -> Option<Vec<u32>> {
        let root = self.element.as_ref()?.query_selector(within).ok()??;
        let mut at = document()?.active_element()?;
        let mut path = Vec::new();
        while at != root {
            let parent = at.parent_element()?;
            let children = parent.children();
            path.push((0..children.length()).find(|&i| children.item(i).as_ref() == Some(&at))?);
            at = parent;
        }
        path.reverse();
        Some(path)
    }
}

/// Moves focus to the element at `path` (see `Shown::focused_path`) inside the page's first
/// `within`, if it is there.
pub fn focus_path(within: &str, path: &[u32]) {
    let mut at = document().and_then(|d| d.query_selector(within).ok().flatten());
    for &i in path {
        at = at.and_then(|e| e.children().item(i));
    }
    if let Some(element) = at.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}

/// Calls `then` as soon as something in the page matches `selector`: in the same turn as the
/// change that made it match, before the browser paints or runs anything else.
pub fn once_added(selector: &'static str, then: impl FnOnce() + 'static) {
    let Some(document) = document() else { return };
    if document.query_selector(selector).ok().flatten().is_some() {
        then();
        return;
    }
    let then = std::cell::Cell::new(Some(then));
    let watching = Closure::<dyn FnMut(js_sys::Array, web_sys::MutationObserver)>::new(
        move |_: js_sys::Array, observer: web_sys::MutationObserver| {
            let matches = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector(selector).ok().flatten())
                .is_some();
            if matches {
                observer.disconnect();
                if let Some(then) = then.take() {
                    then();
                }
            }
        },
    );
    let Ok(observer) = web_sys::MutationObserver::new(watching.as_ref().unchecked_ref()) else { return };
    let options = web_sys::MutationObserverInit::new();
    options.set_child_list(true);
    options.set_subtree(true);
    if observer.observe_with_options(&document, &options).is_ok() {
        // Called at most once more, and then never: it stays for the page's life, which is
        // shorter than anything it would save to take it back.
        watching.forget();
    }
}

/// Adds or removes a class on the page's body.
pub fn body_class(class: &str, on: bool) {
    if let Some(list) = document().and_then(|d| d.body()).map(|b| b.class_list()) {
        let _ = if on { list.add_1(class) } else { list.remove_1(class) };
    }
}
