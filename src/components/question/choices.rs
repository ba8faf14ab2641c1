//! One choice (radio buttons) and several choices (checkboxes).

use leptos::prelude::*;
use lytt_core::{localized, Answer, ChoiceOption};

use super::Asked;
use crate::platform;

pub(super) fn single(asked: &Asked, options: &[ChoiceOption]) -> AnyView {
    let rows = options
        .iter()
        .map(|option| {
            let current = asked.current();
            let set_answer = asked.setter();
            let id = option.id.clone();
            let chosen = {
                let id = id.clone();
                move || matches!(current(), Some(Answer::Text(t)) if t == id)
            };
            choice_row(asked, "radio", option, chosen, move |_checked| {
                let _ = set_answer(Some(Answer::Text(id.clone())));
                true
            })
        })
        .collect_view();
    asked.fieldset(layout(asked, options), None, rows)
}

pub(super) fn multi(asked: &Asked, options: &[ChoiceOption], max_choices: Option<u32>) -> AnyView {
    let order: Vec<String> = options.iter().map(|o| o.id.clone()).collect();
    let choose_up_to = max_choices.filter(|m| (*m as usize) < options.len()).map(|m| (asked.t.choose_up_to)(m));
    let rows = options
        .iter()
        .map(|option| {
            let current = asked.current();
            let set_answer = asked.setter();
            let id = option.id.clone();
            let chosen = {
                let (id, current) = (id.clone(), current.clone());
                move || matches!(current(), Some(Answer::List(ids)) if ids.contains(&id))
            };
            let order = order.clone();
            let asked_for_refusal = asked.clone();
            choice_row(asked, "checkbox", option, chosen, move |checked| {
                let before = match current() {
                    Some(Answer::List(ids)) => ids,
                    _ => Vec::new(),
                };
                // In the survey's order of options, whatever order they were ticked in.
                let ids: Vec<String> =
                    order.iter().filter(|o| if **o == id { checked } else { before.contains(o) }).cloned().collect();
                let result = if ids.is_empty() { set_answer(None) } else { set_answer(Some(Answer::List(ids))) };
                result.map_err(|e| asked_for_refusal.refused(e)).is_ok()
            })
        })
        .collect_view();
    asked.fieldset(layout(asked, options), choose_up_to, rows)
}

/// Options with pictures are large tiles side by side; without, one row each.
fn layout(asked: &Asked, options: &[ChoiceOption]) -> &'static str {
    if options.iter().any(|o| picture(asked, o).is_some()) {
        "choices pictures"
    } else {
        "choices"
    }
}

/// An option's picture and its alt text in the language shown, where the picture can be shown.
fn picture(asked: &Asked, option: &ChoiceOption) -> Option<(String, String)> {
    let picture = option.image.as_ref()?;
    Some((asked.session.media(&picture.src)?, localized(&picture.alt, &asked.lang, &asked.fallback).to_string()))
}

/// A radio button or checkbox with its label. `on_change` is told whether it is now ticked and
/// says whether that was taken; a tick that was not taken is undone on screen.
fn choice_row(
    asked: &Asked,
    kind: &'static str,
    option: &ChoiceOption,
    chosen: impl Fn() -> bool + Send + Sync + 'static,
    on_change: impl Fn(bool) -> bool + 'static,
) -> impl IntoView {
    let picture = picture(asked, option).map(|(src, alt)| {
        view! { <img class="tile-picture" src=src alt=alt loading="lazy" decoding="async" /> }
    });
    let tile = picture.is_some();
    view! {
        <label
            class="choice"
            class:tile=tile
            class:reading=asked.is_read(format!("option:{}", option.id))
        >
            <input
                type=kind
                name=format!("q-{}", asked.qid)
                value=option.id.clone()
                prop:checked=chosen
                on:change=move |ev| {
                    let checked = event_target_checked(&ev);
                    if !on_change(checked) {
                        platform::set_event_target_checked(&ev, !checked);
                    }
                }
            />
            {picture}
            <span>{localized(&option.label, &asked.lang, &asked.fallback).to_string()}</span>
        </label>
    }
}
