//! Putting `pick` options in order: one menu per place.

use leptos::prelude::*;
use lytt_core::{Answer, AnswerError, ChoiceOption};

use super::Asked;
use crate::session::StepProblem;

pub(super) fn ranking(asked: &Asked, options: &[ChoiceOption], pick: usize) -> AnyView {
    let initial: Vec<Option<String>> = match asked.current()() {
        Some(Answer::List(ids)) if ids.len() == pick => ids.into_iter().map(Some).collect(),
        _ => vec![None; pick],
    };
    let slots = RwSignal::new(initial);
    let pending = asked.pending;
    let selects = (0..pick).map(|slot| place(asked, options, slots, slot, pick)).collect_view();
    // Declining clears the places.
    let current = asked.current();
    Effect::new(move |_| {
        if matches!(current(), Some(Answer::Declined)) {
            slots.set(vec![None; pick]);
            pending.set(None);
        }
    });
    asked.fieldset("choices", Some((asked.t.rank_hint)(pick as u32)), selects)
}

/// The menu of one place. Places are independent (arrow keys on a menu fire a change per key,
/// so nothing may jump between places); a ranking becomes an answer once all places hold
/// different options, and stops being one when a place is emptied.
fn place(
    asked: &Asked,
    options: &[ChoiceOption],
    slots: RwSignal<Vec<Option<String>>>,
    slot: usize,
    pick: usize,
) -> impl IntoView {
    let set_answer = asked.setter();
    let current = asked.current();
    let (pending, problem) = (asked.pending, asked.session.problem);
    let refused = asked.clone();
    let choices = options
        .iter()
        .map(|option| {
            let selected_id = option.id.clone();
            view! {
                <option value=option.id.clone() selected=move || slots.with(|s| s[slot].as_ref() == Some(&selected_id))>
                    {asked.text(&option.label)}
                </option>
            }
        })
        .collect_view();
    let on_change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        slots.update(|s| s[slot] = (!value.is_empty()).then_some(value));
        let filled: Vec<String> = slots.with_untracked(|s| s.iter().flatten().cloned().collect());
        let distinct = filled.iter().enumerate().all(|(i, id)| !filled[..i].contains(id));
        let complete = filled.len() == pick && distinct;
        let result = if complete {
            set_answer(Some(Answer::List(filled.clone())))
        } else if matches!(current(), Some(Answer::List(_))) {
            set_answer(None)
        } else {
            Ok(())
        };
        if let Err(e) = result {
            refused.refused(e);
        }
        let wrong_count = StepProblem::Answer(AnswerError::WrongCount { expected: pick as u32 });
        pending.set((!filled.is_empty() && !complete).then_some(wrong_count));
        if pending.get_untracked().is_none() {
            problem.set(None);
        }
    };
    view! {
        <div class="rank">
            <label for=format!("rank-{slot}") lang=asked.own_lang dir=asked.own_dir>{(asked.t.rank_place)(slot + 1)}</label>
            <select id=format!("rank-{slot}") on:change=on_change>
                <option value="" lang=asked.own_lang selected=move || slots.with(|s| s[slot].is_none())>{asked.t.rank_none}</option>
                {choices}
            </select>
        </div>
    }
}
