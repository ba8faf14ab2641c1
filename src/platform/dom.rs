//! Elements made and changed by hand, for what is drawn before the app's screens are in (they
//! are a part of their own): one small builder, so that such a screen reads like markup. The
//! builder writes markup, and the page reads it in one call: one crossing into the browser per
//! screen rather than several per element, which on a slow phone is a good share of the first
//! screen's time. Every step is skipped when the browser refuses it, so nothing here can
//! panic. A screen drawn this way leaves the page, with its listeners, when the value that
//! `El::show` returned is dropped.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

type Handler = Closure<dyn FnMut(web_sys::Event)>;

/// A listener to add once the element is in the page.
struct Listener {
    /// The positions of the elements on the way down to it, from the element it was given to.
    path: Vec<u32>,
    event: &'static str,
    handler: Box<dyn FnMut(web_sys::Event)>,
}

/// An element being built, as markup, with the listeners of it and its children.
pub struct El {
    tag: &'static str,
    /// The start tag so far, without its closing `>`.
    start: String,
    /// What is inside it.
    content: String,
    /// Its child elements so far (text is not counted), for the listeners' paths.
    children: u32,
    listeners: Vec<Listener>,
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Elements that have no content and no end tag.
const VOID: [&str; 1] = ["input"];

/// Writes `text` as markup: as text, or inside a quoted attribute value.
fn escaped(into: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => into.push_str("&amp;"),
            '<' => into.push_str("&lt;"),
            '>' => into.push_str("&gt;"),
            '"' => into.push_str("&quot;"),
            c => into.push(c),
        }
    }
}

impl El {
    /// A new element, not yet in the page.
    pub fn new(tag: &'static str) -> El {
        El { tag, start: format!("<{tag}"), content: String::new(), children: 0, listeners: Vec::new() }
    }

    /// Sets an attribute.
    pub fn attr(mut self, name: &str, value: &str) -> El {
        self.start.push(' ');
        self.start.push_str(name);
        self.start.push_str("=\"");
        escaped(&mut self.start, value);
        self.start.push('"');
        self
    }

    /// Appends text.
    pub fn text(mut self, text: &str) -> El {
        escaped(&mut self.content, text);
        self
    }

    /// Appends a child.
    pub fn child(mut self, child: El) -> El {
        let at = self.children;
        self.children += 1;
        child.write(&mut self.content);
        self.listeners.extend(child.listeners.into_iter().map(|mut listener| {
            listener.path.insert(0, at);
            listener
        }));
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

    fn on(mut self, event: &'static str, then: impl FnMut(web_sys::Event) + 'static) -> El {
        self.listeners.push(Listener { path: Vec::new(), event, handler: Box::new(then) });
        self
    }

    /// Writes the element as markup.
    fn write(&self, into: &mut String) {
        into.push_str(&self.start);
        into.push('>');
        if !VOID.contains(&self.tag) {
            into.push_str(&self.content);
            into.push_str("</");
            into.push_str(self.tag);
            into.push('>');
        }
    }

    /// Puts the element at the end of the page's body, until the returned value is dropped.
    pub fn show(self) -> Shown {
        let body = document().and_then(|d| d.body());
        let element = body.and_then(|body| {
            let mut markup = String::new();
            self.write(&mut markup);
            body.insert_adjacent_html("beforeend", &markup).ok()?;
            body.last_element_child()
        });
        let mut handlers = Vec::new();
        if let Some(element) = &element {
            for listener in self.listeners {
                let mut at = Some(element.clone());
                for &i in &listener.path {
                    at = at.and_then(|e| e.children().item(i));
                }
                let Some(target) = at else { continue };
                let handler = Handler::wrap(listener.handler);
                let _ = target.add_event_listener_with_callback(listener.event, handler.as_ref().unchecked_ref());
                handlers.push(handler);
            }
        }
        Shown { element, _listeners: handlers }
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

#[cfg(test)]
mod tests {
    use super::El;

    fn markup(el: &El) -> String {
        let mut into = String::new();
        el.write(&mut into);
        into
    }

    #[test]
    fn text_and_values_from_a_file_stay_text() {
        let title = r#"<img src=x onerror="alert(1)"> & "more""#;
        let el = El::new("p").attr("title", title).text(title);
        let written = "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &quot;more&quot;";
        assert_eq!(markup(&el), format!("<p title=\"{written}\">{written}</p>"));
    }

    #[test]
    fn listeners_find_their_elements_by_position_and_void_elements_have_no_end() {
        let el = El::new("div")
            .child(El::new("p").text("a"))
            .child(El::new("label").child(El::new("input").attr("type", "checkbox").on_checked(|_| {})))
            .child(El::new("button").text("b").on_click(|| {}));
        assert_eq!(markup(&el), r#"<div><p>a</p><label><input type="checkbox"></label><button>b</button></div>"#);
        let paths: Vec<_> = el.listeners.iter().map(|l| (l.path.clone(), l.event)).collect();
        assert_eq!(paths, vec![(vec![1, 0], "change"), (vec![2], "click")]);
    }
}
