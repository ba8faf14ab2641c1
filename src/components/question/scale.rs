//! Numbered steps between two ends, and smiley faces.

use leptos::prelude::*;
use lytt_core::LocalizedText;

use super::{number_radio, Asked};

pub(super) fn scale(
    asked: &Asked,
    (min, max): (i64, i64),
    labels: (Option<&LocalizedText>, Option<&LocalizedText>),
) -> AnyView {
    let min_text = labels.0.map(|l| asked.text(l));
    let max_text = labels.1.map(|l| asked.text(l));
    let steps = (min..=max)
        .map(|n| {
            let end_label = if n == min {
                min_text.clone()
            } else if n == max {
                max_text.clone()
            } else {
                None
            };
            view! {
                <label class="step">
                    {number_radio(asked, n)}
                    <span class="number">{n.to_string()}</span>
                    {end_label.map(|l| view! { <span class="visually-hidden">{format!(" – {l}")}</span> })}
                </label>
            }
        })
        .collect_view();
    let controls = view! {
        <div class="steps">{steps}</div>
        <div class="ends" aria-hidden="true">
            <span>{min_text.unwrap_or_else(|| min.to_string())}</span>
            <span>{max_text.unwrap_or_else(|| max.to_string())}</span>
        </div>
    };
    asked.fieldset("choices scale", None, controls)
}

pub(super) fn smiley(asked: &Asked, points: u8) -> AnyView {
    let names: &[&str] = if points == 3 { &asked.t.smiley3 } else { &asked.t.smiley5 };
    let rows = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            view! {
                <label class="face">
                    {number_radio(asked, i as i64 + 1)}
                    {face(i, names.len())}
                    <span class="name">{*name}</span>
                </label>
            }
        })
        .collect_view();
    asked.fieldset("choices smiley", None, view! { <div class="faces">{rows}</div> })
}

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
