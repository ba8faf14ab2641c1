//! One question on one screen: native controls, "prefer not to answer", errors announced.

use std::sync::Arc;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use lytt_core::{localized, Answer, AnswerError, ChoiceOption, Draft, Question, QuestionKind, Survey};

use crate::focus;
use crate::i18n::Texts;
use crate::AppContext;

/// A face drawn in SVG (emoji depend on fonts that public computers often lack). `level` runs
/// from 0 (saddest) to `points - 1`; the mouth bends from a frown through a line to a smile.
fn face(level: usize, points: usize) -> impl IntoView {
    let steps = points.saturating_sub(1).max(1) as i32;
    let bend = -9 + 18 * level as i32 / steps;
    let mouth = format!("M14 31 Q24 {} 34 31", 31 + bend);
    view! {
        <svg class="face-icon" viewBox="0 0 48 48" width="44" height="44" aria-hidden="true" focusable="false">
            <circle cx="24" cy="24" r="21" fill="#ffd75e" stroke="#1b1f24" stroke-width="2.5"></circle>
            <circle cx="17" cy="19" r="2.6" fill="#1b1f24"></circle>
            <circle cx="31" cy="19" r="2.6" fill="#1b1f24"></circle>
            <path d=mouth fill="none" stroke="#1b1f24" stroke-width="3" stroke-linecap="round"></path>
        </svg>
    }
}

/// The answer as the review screen shows it.
pub fn answer_summary(question: &Question, answer: Option<&Answer>, lang: &str, fallback: &str, t: &Texts) -> String {
    match (answer, &question.kind) {
        (None, _) => t.not_answered.into(),
        (Some(Answer::Declined), _) => t.declined_answer.into(),
        (Some(Answer::Text(id)), QuestionKind::Single { .. }) => question.option_label(id, lang, fallback),
        (Some(Answer::Text(text)), _) => text.clone(),
        (Some(Answer::List(ids)), _) => question.choices_text(ids, lang, fallback, ", "),
        (Some(Answer::Number(n)), QuestionKind::Smiley { points }) => {
            let names: &[&str] = if *points == 3 { &t.smiley3 } else { &t.smiley5 };
            usize::try_from(*n - 1).ok().and_then(|i| names.get(i)).map_or_else(|| n.to_string(), |s| (*s).to_string())
        }
        (Some(Answer::Number(n)), _) => n.to_string(),
    }
}

/// A translated sentence for an answer that does not fit.
/// Why a question screen cannot go on. It is held as what it is and translated when shown, so a
/// change of language mid-way changes the message too.
#[derive(Debug, Clone, PartialEq)]
pub enum StepProblem {
    /// The answer given does not fit the question.
    Answer(AnswerError),
    /// A required question has no answer.
    Required,
    /// The answers could not be sealed.
    FinishFailed,
}

impl StepProblem {
    /// The message, in the language of `t`.
    pub fn text(&self, t: &Texts) -> String {
        match self {
            StepProblem::Answer(e) => answer_error_text(e, t),
            StepProblem::Required => t.error_required.into(),
            StepProblem::FinishFailed => t.finish_failed.into(),
        }
    }
}

fn answer_error_text(error: &AnswerError, t: &Texts) -> String {
    match error {
        AnswerError::TooManyChoices { max } => (t.error_too_many)(*max),
        AnswerError::WrongCount { expected } => (t.error_ranking)(*expected),
        AnswerError::OutOfRange { min, max } => (t.error_range)(*min, *max),
        AnswerError::TooLong { max } => (t.error_too_long)(*max),
        _ => t.error_required.into(),
    }
}

/// The screen of one question. Answers go into `draft` as they are given.
#[component]
pub fn QuestionScreen(
    survey: Arc<Survey>,
    /// The question's position in the survey.
    index: usize,
    draft: RwSignal<Option<Draft>>,
    /// The language of the survey's text.
    lang: String,
    t: &'static Texts,
    /// "Question n of m".
    progress: (usize, usize),
    /// Called when the person asks for the next screen and the answer is acceptable locally.
    on_next: Callback<()>,
    on_back: Callback<()>,
    /// A message to show at once (e.g. a required question was skipped).
    error: RwSignal<Option<StepProblem>>,
    /// The forward button's text, when it is not "Next" (e.g. "Finish" on a last question).
    #[prop(optional, into)]
    next_label: Option<Signal<&'static str>>,
) -> impl IntoView {
    let question = survey.questions[index].clone();
    let fallback = survey.default_language.clone();
    let qid = question.id.clone();
    let text = |value: &lytt_core::LocalizedText| localized(value, &lang, &fallback).to_string();
    let prompt = text(&question.prompt);
    let help = question.help.as_ref().map(text);

    let current = {
        let qid = qid.clone();
        move || draft.with(|d| d.as_ref().and_then(|d| d.answers.get(&qid).cloned()))
    };
    let set_answer = {
        let survey = survey.clone();
        let qid = qid.clone();
        move |answer: Option<Answer>| -> Result<(), AnswerError> {
            let mut result = Ok(());
            draft.update(|d| {
                if let Some(d) = d {
                    match answer {
                        None => d.clear_answer(&survey, &qid),
                        Some(answer) => {
                            if let Err(e) = d.set_answer(&survey, &qid, answer) {
                                result = Err(match e {
                                    lytt_core::DraftError::Answer(e) => e,
                                    _ => AnswerError::WrongKind,
                                });
                            }
                        }
                    }
                }
            });
            if result.is_ok() {
                error.set(None);
            }
            result
        }
    };

    // Some controls hold input that is not yet an answer (a half-typed number, a ranking with
    // empty places); they report here what is wrong with it, checked when "Next" is pressed.
    let pending_problem: RwSignal<Option<StepProblem>> = RwSignal::new(None);
    let ctx = expect_context::<AppContext>();

    let described_by = {
        let mut ids = Vec::new();
        if help.is_some() {
            ids.push("help");
        }
        if question.required {
            ids.push("required-hint");
        }
        ids.push(focus::QUESTION_ERROR);
        ids.join(" ")
    };
    let heading = {
        let prompt = prompt.clone();
        move || view! { <h1 id=focus::HEADING tabindex="-1">{prompt.clone()}</h1> }
    };
    let help_view = help.clone().map(|h| view! { <p class="help" id="help">{h}</p> });
    let required_view = question.required.then(|| view! { <p class="hint" id="required-hint">{t.required_hint}</p> });

    let input = match &question.kind {
        QuestionKind::Info => view! {
            <div class="info">{heading()} {help_view}</div>
        }
        .into_any(),
        QuestionKind::Single { options } => {
            let set_answer = set_answer.clone();
            let current = current.clone();
            let choices = options
                .iter()
                .map(|option| {
                    let id = option.id.clone();
                    let chosen = {
                        let id = id.clone();
                        let current = current.clone();
                        move || matches!(current(), Some(Answer::Text(t)) if t == id)
                    };
                    let set_answer = set_answer.clone();
                    choice_row("radio", &qid, option, &lang, &fallback, chosen, move |_checked| {
                        let _ = set_answer(Some(Answer::Text(id.clone())));
                    })
                })
                .collect_view();
            view! {
                <fieldset class="choices" aria-describedby=described_by.clone()>
                    <legend>{heading()}</legend>
                    {help_view}
                    {required_view}
                    {choices}
                </fieldset>
            }
            .into_any()
        }
        QuestionKind::Multi { options, max_choices } => {
            let order: Vec<String> = options.iter().map(|o| o.id.clone()).collect();
            let choose_up_to = max_choices.filter(|m| (*m as usize) < options.len()).map(|m| (t.choose_up_to)(m));
            let choices = options
                .iter()
                .map(|option| {
                    let id = option.id.clone();
                    let chosen = {
                        let id = id.clone();
                        let current = current.clone();
                        move || matches!(current(), Some(Answer::List(ids)) if ids.contains(&id))
                    };
                    let current = current.clone();
                    let set_answer = set_answer.clone();
                    let order = order.clone();
                    view! {
                        <label class="choice">
                            <input
                                type="checkbox"
                                name=format!("q-{qid}")
                                value=id.clone()
                                prop:checked=chosen
                                on:change=move |ev| {
                                    let checked = event_target_checked(&ev);
                                    let mut ids = match current() {
                                        Some(Answer::List(ids)) => ids,
                                        _ => Vec::new(),
                                    };
                                    ids.retain(|i| *i != id);
                                    if checked {
                                        ids.push(id.clone());
                                    }
                                    ids.sort_by_key(|i| order.iter().position(|o| o == i));
                                    let result = if ids.is_empty() { set_answer(None) } else { set_answer(Some(Answer::List(ids))) };
                                    if let Err(e) = result {
                                        event_target::<web_sys::HtmlInputElement>(&ev).set_checked(false);
                                        error.set(Some(StepProblem::Answer(e)));
                                    }
                                }
                            />
                            <span>{localized(&option.label, &lang, &fallback).to_string()}</span>
                        </label>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="choices" aria-describedby=described_by.clone()>
                    <legend>{heading()}</legend>
                    {help_view}
                    {choose_up_to.map(|c| view! { <p class="hint">{c}</p> })}
                    {required_view}
                    {choices}
                </fieldset>
            }
            .into_any()
        }
        QuestionKind::Ranking { options, pick } => {
            let pick = *pick as usize;
            let initial: Vec<Option<String>> = match current() {
                Some(Answer::List(ids)) if ids.len() == pick => ids.into_iter().map(Some).collect(),
                _ => vec![None; pick],
            };
            let slots = RwSignal::new(initial);
            // Places are independent (arrow keys on a menu fire a change per key, so nothing may
            // jump between places); a ranking becomes an answer once all places hold different options.
            let update_pending = move || {
                let s = slots.get_untracked();
                let filled: Vec<&String> = s.iter().flatten().collect();
                let distinct = filled.iter().enumerate().all(|(i, id)| !filled[..i].contains(id));
                let complete = filled.len() == pick && distinct;
                let wrong_count = StepProblem::Answer(AnswerError::WrongCount { expected: pick as u32 });
                pending_problem.set((!filled.is_empty() && !complete).then_some(wrong_count));
            };
            let selects = (0..pick)
                .map(|slot| {
                    let set_answer = set_answer.clone();
                    let current_answer = current.clone();
                    let choices = options
                        .iter()
                        .map(|option| {
                            let id = option.id.clone();
                            let selected_id = id.clone();
                            view! {
                                <option value=id selected=move || slots.with(|s| s[slot].as_ref() == Some(&selected_id))>
                                    {localized(&option.label, &lang, &fallback).to_string()}
                                </option>
                            }
                        })
                        .collect_view();
                    view! {
                        <div class="rank">
                            <label for=format!("rank-{slot}")>{(t.rank_place)(slot + 1)}</label>
                            <select
                                id=format!("rank-{slot}")
                                on:change=move |ev| {
                                    let value = event_target_value(&ev);
                                    let chosen = (!value.is_empty()).then_some(value);
                                    slots.update(|s| s[slot] = chosen);
                                    let s = slots.get_untracked();
                                    let ids: Vec<String> = s.iter().flatten().cloned().collect();
                                    let distinct = ids.iter().enumerate().all(|(i, id)| !ids[..i].contains(id));
                                    let result = if ids.len() == pick && distinct {
                                        set_answer(Some(Answer::List(ids)))
                                    } else if matches!(current_answer(), Some(Answer::List(_))) {
                                        // The ranking is no longer complete, so it is no longer an answer.
                                        set_answer(None)
                                    } else {
                                        Ok(())
                                    };
                                    if let Err(e) = result {
                                        error.set(Some(StepProblem::Answer(e)));
                                    }
                                    update_pending();
                                    if pending_problem.get_untracked().is_none() {
                                        error.set(None);
                                    }
                                }
                            >
                                <option value="" selected=move || slots.with(|s| s[slot].is_none())>{t.rank_none}</option>
                                {choices}
                            </select>
                        </div>
                    }
                })
                .collect_view();
            // Declining clears the places.
            Effect::new({
                let current = current.clone();
                move |_| {
                    if matches!(current(), Some(Answer::Declined)) {
                        slots.set(vec![None; pick]);
                        pending_problem.set(None);
                    }
                }
            });
            view! {
                <fieldset class="choices" aria-describedby=described_by.clone()>
                    <legend>{heading()}</legend>
                    {help_view}
                    <p class="hint">{(t.rank_hint)(pick as u32)}</p>
                    {required_view}
                    {selects}
                </fieldset>
            }
            .into_any()
        }
        QuestionKind::Scale { min, max, min_label, max_label } => {
            let min_text = min_label.as_ref().map(text);
            let max_text = max_label.as_ref().map(text);
            let steps = (*min..=*max)
                .map(|n| {
                    let current = current.clone();
                    let set_answer = set_answer.clone();
                    let end_label = if n == *min {
                        min_text.clone()
                    } else if n == *max {
                        max_text.clone()
                    } else {
                        None
                    };
                    view! {
                        <label class="step">
                            {number_radio(&qid, n, current, set_answer)}
                            <span class="number">{n.to_string()}</span>
                            {end_label.map(|l| view! { <span class="visually-hidden">{format!(" – {l}")}</span> })}
                        </label>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="choices scale" aria-describedby=described_by.clone()>
                    <legend>{heading()}</legend>
                    {help_view}
                    {required_view}
                    <div class="steps">{steps}</div>
                    <div class="ends" aria-hidden="true">
                        <span>{min_text.clone().unwrap_or_else(|| min.to_string())}</span>
                        <span>{max_text.clone().unwrap_or_else(|| max.to_string())}</span>
                    </div>
                </fieldset>
            }
            .into_any()
        }
        QuestionKind::Smiley { points } => {
            let names: &[&str] = if *points == 3 { &t.smiley3 } else { &t.smiley5 };
            let rows = names
                .iter()
                .enumerate()
                .map(|(i, name)| {
                    let n = i as i64 + 1;
                    let current = current.clone();
                    let set_answer = set_answer.clone();
                    view! {
                        <label class="face">
                            {number_radio(&qid, n, current, set_answer)}
                            {face(i, names.len())}
                            <span class="name">{*name}</span>
                        </label>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="choices smiley" aria-describedby=described_by.clone()>
                    <legend>{heading()}</legend>
                    {help_view}
                    {required_view}
                    <div class="faces">{rows}</div>
                </fieldset>
            }
            .into_any()
        }
        QuestionKind::Number { min, max } => {
            let (min, max) = (*min, *max);
            let initial = match current() {
                Some(Answer::Number(n)) => n.to_string(),
                _ => String::new(),
            };
            let raw = RwSignal::new(initial);
            let set_answer = set_answer.clone();
            let current_answer = current.clone();
            Effect::new({
                let current = current.clone();
                move |_| {
                    if matches!(current(), Some(Answer::Declined)) {
                        raw.set(String::new());
                        pending_problem.set(None);
                    }
                }
            });
            view! {
                <div class="field">
                    <h1 id=focus::HEADING tabindex="-1"><label for="answer">{prompt.clone()}</label></h1>
                    {help_view}
                    {required_view}
                    <input
                        id="answer"
                        type="text"
                        inputmode="numeric"
                        autocomplete="off"
                        class="number-input"
                        aria-describedby=described_by.clone()
                        prop:value=move || raw.get()
                        on:input=move |ev| {
                            let value = event_target_value(&ev);
                            raw.set(value.clone());
                            let trimmed = value.trim();
                            if trimmed.is_empty() {
                                pending_problem.set(None);
                                if matches!(current_answer(), Some(Answer::Number(_))) {
                                    let _ = set_answer(None);
                                }
                                return;
                            }
                            match trimmed.parse::<i64>() {
                                Ok(n) if (min..=max).contains(&n) => {
                                    pending_problem.set(None);
                                    let _ = set_answer(Some(Answer::Number(n)));
                                }
                                _ => {
                                    pending_problem.set(Some(StepProblem::Answer(AnswerError::OutOfRange { min, max })));
                                    let _ = set_answer(None);
                                }
                            }
                        }
                    />
                </div>
            }
            .into_any()
        }
        QuestionKind::Text { max_length } => {
            let max = max_length.unwrap_or(lytt_core::survey::DEFAULT_TEXT_MAX_LENGTH);
            let set_answer = set_answer.clone();
            let value = {
                let current = current.clone();
                move || match current() {
                    Some(Answer::Text(text)) => text,
                    _ => String::new(),
                }
            };
            let count = {
                let value = value.clone();
                move || (t.chars_used)(value().chars().count(), max)
            };
            view! {
                <div class="field">
                    <h1 id=focus::HEADING tabindex="-1"><label for="answer">{prompt.clone()}</label></h1>
                    {help_view}
                    {required_view}
                    <textarea
                        id="answer"
                        rows="5"
                        maxlength=max.to_string()
                        autocomplete="off"
                        aria-describedby=format!("{described_by} count")
                        prop:value=value
                        on:input=move |ev| {
                            let text = event_target_value(&ev);
                            let result = if text.trim().is_empty() { set_answer(None) } else { set_answer(Some(Answer::Text(text))) };
                            if let Err(e) = result {
                                error.set(Some(StepProblem::Answer(e)));
                            }
                        }
                    ></textarea>
                    <p class="count" id="count">{count}</p>
                </div>
            }
            .into_any()
        }
    };

    let decline = question.is_answerable().then(|| {
        let current = current.clone();
        let set_answer = set_answer.clone();
        view! {
            <div class="decline">
                <label class="choice">
                    <input
                        type="checkbox"
                        prop:checked=move || matches!(current(), Some(Answer::Declined))
                        on:change=move |ev| {
                            let answer = event_target_checked(&ev).then_some(Answer::Declined);
                            let _ = set_answer(answer);
                        }
                    />
                    <span>{t.decline}</span>
                </label>
            </div>
        }
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if let Some(problem) = pending_problem.get_untracked() {
            error.set(Some(problem));
            return;
        }
        on_next.run(());
    };

    view! {
        <form class="question" novalidate=true on:submit=on_submit>
            <p class="progress">
                <span>{(t.progress)(progress.0, progress.1)}</span>
                <progress max=progress.1.to_string() value=progress.0.to_string() aria-hidden="true"></progress>
            </p>
            {input}
            {decline}
            <p class="error" id=focus::QUESTION_ERROR role="alert">
                {move || error.with(|e| e.as_ref().map(|e| e.text(ctx.texts())))}
            </p>
            <div class="nav">
                <button type="button" class="secondary" on:click=move |_| on_back.run(())>{t.back}</button>
                <button type="submit" class="primary">{move || next_label.map_or(t.next, |l| l.get())}</button>
            </div>
        </form>
    }
}

/// A radio button of a scale or smiley question that records the number `n`.
fn number_radio(
    qid: &str,
    n: i64,
    current: impl Fn() -> Option<Answer> + Send + Sync + 'static,
    set_answer: impl Fn(Option<Answer>) -> Result<(), AnswerError> + 'static,
) -> impl IntoView {
    view! {
        <input
            type="radio"
            name=format!("q-{qid}")
            value=n.to_string()
            prop:checked=move || matches!(current(), Some(Answer::Number(v)) if v == n)
            on:change=move |_| {
                let _ = set_answer(Some(Answer::Number(n)));
            }
        />
    }
}

/// A radio or checkbox with its label.
fn choice_row(
    kind: &'static str,
    qid: &str,
    option: &ChoiceOption,
    lang: &str,
    fallback: &str,
    chosen: impl Fn() -> bool + Send + Sync + 'static,
    on_change: impl Fn(bool) + 'static,
) -> impl IntoView {
    view! {
        <label class="choice">
            <input
                type=kind
                name=format!("q-{qid}")
                value=option.id.clone()
                prop:checked=chosen
                on:change=move |ev| on_change(event_target_checked(&ev))
            />
            <span>{localized(&option.label, lang, fallback).to_string()}</span>
        </label>
    }
}
