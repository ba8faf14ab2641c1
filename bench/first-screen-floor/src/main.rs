//! A survey's start screen with plain DOM calls: the survey file fetched, read and checked by
//! lytt-core as the app does, a draft on this device looked for, and the title, introduction,
//! language menu, anonymity statement and Start drawn; a file with errors lists them. No
//! reactive graph and no view tree: the least the start screen's own code could be.

use lytt_core::{localized, parse_survey, Draft};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, Element};

fn add(document: &Document, parent: &Element, tag: &str, text: &str) -> Option<Element> {
    let element = document.create_element(tag).ok()?;
    element.set_text_content(Some(text));
    parent.append_child(&element).ok()?;
    Some(element)
}

async fn start_screen() -> Option<()> {
    let window = web_sys::window()?;
    let document = window.document()?;
    let body: Element = document.body()?.into();
    let hash = window.location().hash().ok()?;
    let id = hash.strip_prefix("#/s/")?.split(['/', '?']).next()?.to_string();
    let response: web_sys::Response =
        JsFuture::from(window.fetch_with_str(&format!("surveys/{id}.json"))).await.ok()?.dyn_into().ok()?;
    let text = JsFuture::from(response.text().ok()?).await.ok()?.as_string()?;
    let survey = match parse_survey(&text) {
        Ok(survey) => survey,
        Err(errors) => {
            let list = add(&document, &body, "ul", "")?;
            for problem in &errors.0 {
                add(&document, &list, "li", &problem.to_string())?;
            }
            return None;
        }
    };
    let draft: Option<Draft> = window
        .local_storage()
        .ok()??
        .get_item(&format!("lytt.draft.{id}"))
        .ok()?
        .and_then(|stored| serde_json::from_str(&stored).ok());
    let language = draft.as_ref().map_or(survey.default_language.clone(), |d| d.language.clone());
    let menu = add(&document, &body, "select", "")?;
    for tag in &survey.languages {
        add(&document, &menu, "option", tag)?.set_attribute("value", tag).ok()?;
    }
    add(&document, &body, "h1", localized(&survey.title, &language, &survey.default_language))?;
    if let Some(intro) = &survey.intro {
        add(&document, &body, "p", localized(intro, &language, &survey.default_language))?;
    }
    add(&document, &body, "p", "Svarene dine er anonyme.")?;
    let start = add(&document, &body, "button", if draft.is_some() { "Fortsett" } else { "Start" })?;
    let pressed = Closure::<dyn Fn()>::new(move || {
        let _ = start.set_attribute("aria-busy", "true");
    });
    body.last_element_child()?.add_event_listener_with_callback("click", pressed.as_ref().unchecked_ref()).ok()?;
    pressed.forget();
    Some(())
}

fn main() {
    wasm_bindgen_futures::spawn_local(async {
        let _ = start_screen().await;
    });
}
