//! Answers typed in: a whole number in a range, and free text.

use leptos::prelude::*;
use lytt_core::{Answer, AnswerError};

use super::Asked;
use crate::focus;
use crate::session::StepProblem;

/// The question as a heading that labels the one field below it.
fn labelled_heading(asked: &Asked) -> impl IntoView {
    view! {
        <h1 id=focus::HEADING tabindex="-1" class:reading=asked.is_read_with_question("prompt")>
            <label for="answer">{asked.prompt.clone()}</label>
        </h1>
    }
}

/// A whole number typed in a text field with a numeric keypad: an answer once it is in range;
/// until then "Next" says what is wrong.
pub(super) fn number(asked: &Asked, min: i64, max: i64) -> AnyView {
    let initial = match asked.current()() {
        Some(Answer::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let raw = RwSignal::new(initial);
    let pending = asked.pending;
    let current = asked.current();
    Effect::new(move |_| {
        if matches!(current(), Some(Answer::Declined)) {
            raw.set(String::new());
            pending.set(None);
        }
    });
    let (set_answer, current) = (asked.setter(), asked.current());
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        raw.set(value.clone());
        let trimmed = value.trim();
        if trimmed.is_empty() {
            pending.set(None);
            if matches!(current(), Some(Answer::Number(_))) {
                let _ = set_answer(None);
            }
            return;
        }
        match trimmed.parse::<i64>() {
            Ok(n) if (min..=max).contains(&n) => {
                pending.set(None);
                let _ = set_answer(Some(Answer::Number(n)));
            }
            _ => {
                pending.set(Some(StepProblem::Answer(AnswerError::OutOfRange { min, max })));
                let _ = set_answer(None);
            }
        }
    };
    view! {
        <div class="field">
            {labelled_heading(asked)}
            {asked.help_view()}
            {asked.required_view()}
            <input
                id="answer"
                type="text"
                inputmode="numeric"
                autocomplete="off"
                class="number-input"
                aria-describedby=asked.described_by.clone()
                prop:value=move || raw.get()
                on:input=on_input
            />
        </div>
    }
    .into_any()
}

/// Free text, with the characters used counted.
pub(super) fn text(asked: &Asked, max_length: Option<u32>) -> AnyView {
    let max = max_length.unwrap_or(lytt_core::survey::DEFAULT_TEXT_MAX_LENGTH);
    let current = asked.current();
    let value = move || match current() {
        Some(Answer::Text(text)) => text,
        _ => String::new(),
    };
    let t = asked.t;
    let count = {
        let value = value.clone();
        move || (t.chars_used)(value().chars().count(), max)
    };
    let set_answer = asked.setter();
    let refused = asked.clone();
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        let result = if text.trim().is_empty() { set_answer(None) } else { set_answer(Some(Answer::Text(text))) };
        if let Err(e) = result {
            refused.refused(e);
        }
    };
    view! {
        <div class="field">
            {labelled_heading(asked)}
            {asked.help_view()}
            {asked.required_view()}
            <textarea
                id="answer"
                rows="5"
                maxlength=max.to_string()
                autocomplete="off"
                aria-describedby=format!("{} count", asked.described_by)
                prop:value=value
                on:input=on_input
            ></textarea>
            <p class="count" id="count" lang=asked.own_lang dir=asked.own_dir>{count}</p>
        </div>
    }
    .into_any()
}
