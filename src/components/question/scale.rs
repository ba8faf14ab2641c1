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
            <span class:reading=asked.is_read("min")>{min_text.unwrap_or_else(|| min.to_string())}</span>
            <span class:reading=asked.is_read("max")>{max_text.unwrap_or_else(|| max.to_string())}</span>
        </div>
    };
    asked.fieldset("choices scale", None, controls)
}

pub(super) fn smiley(asked: &Asked, points: u8) -> AnyView {
    let names: &[&str] = if points == 3 { &asked.t.smiley3 } else { &asked.t.smiley5 };
    // Three faces are the middle three of five: "sad", "neutral", "happy".
    let first = if names.len() == 3 { Mood::Sad as usize } else { 0 };
    let rows = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            view! {
                <label class="face" class:reading=asked.is_read(format!("face:{}", i + 1))>
                    {number_radio(asked, i as i64 + 1)}
                    {face(MOODS[first + i])}
                    <span class="name" lang=asked.own_lang dir=asked.own_dir>{*name}</span>
                </label>
            }
        })
        .collect_view();
    asked.fieldset("choices smiley", None, view! { <div class="faces">{rows}</div> })
}

/// The five faces, saddest first.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mood {
    VerySad,
    Sad,
    Neutral,
    Happy,
    VeryHappy,
}

const MOODS: [Mood; 5] = [Mood::VerySad, Mood::Sad, Mood::Neutral, Mood::Happy, Mood::VeryHappy];

const INK: &str = "#1b1f24";

/// A face drawn in SVG (emoji depend on fonts that public computers often lack). Neighbouring
/// faces differ in both eyes and mouth, so that they are told apart without colour and at a
/// glance: a tear and steep brows, gentle brows, plain eyes, smiling eyes, laughing eyes; an open
/// frown, a frown, a straight mouth, a smile, an open smile.
fn face(mood: Mood) -> impl IntoView {
    let eyes: &'static str = match mood {
        Mood::VerySad | Mood::Sad | Mood::Neutral => "",
        Mood::Happy => "M12.5 21 Q17 15.5 21.5 21 M26.5 21 Q31 15.5 35.5 21",
        Mood::VeryHappy => "M12.5 21.5 L17 16 L21.5 21.5 M26.5 21.5 L31 16 L35.5 21.5",
    };
    let brows: &'static str = match mood {
        Mood::VerySad => "M10.5 17.5 L20 12 M27.5 12 L37 17.5",
        Mood::Sad => "M11 15.5 L20 13.5 M28 13.5 L37 15.5",
        _ => "",
    };
    let dots = matches!(mood, Mood::VerySad | Mood::Sad | Mood::Neutral);
    // Open mouths are filled shapes; the others are lines.
    let (mouth, filled): (&'static str, bool) = match mood {
        Mood::VerySad => ("M14 37 Q24 25 34 37 Z", true),
        Mood::Sad => ("M15 35 Q24 28 33 35", false),
        Mood::Neutral => ("M15 32.5 L33 32.5", false),
        Mood::Happy => ("M15 30 Q24 38 33 30", false),
        Mood::VeryHappy => ("M12.5 28 Q24 43 35.5 28 Z", true),
    };
    view! {
        <svg class="face-icon" viewBox="0 0 48 48" width="44" height="44" aria-hidden="true" focusable="false">
            <circle cx="24" cy="24" r="21" fill="#ffd75e" stroke=INK stroke-width="2.5"></circle>
            {dots.then(|| view! {
                <circle cx="17" cy="21" r="2.6" fill=INK></circle>
                <circle cx="31" cy="21" r="2.6" fill=INK></circle>
            })}
            {(!eyes.is_empty()).then(|| view! {
                <path d=eyes fill="none" stroke=INK stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round"></path>
            })}
            {(!brows.is_empty()).then(|| view! {
                <path d=brows fill="none" stroke=INK stroke-width="2.4" stroke-linecap="round"></path>
            })}
            {(mood == Mood::VerySad).then(|| view! {
                <path d="M34 24.5 Q30.5 30.5 34 32 Q37.5 30.5 34 24.5 Z" fill="#3b82d6" stroke=INK stroke-width="1"></path>
            })}
            <path
                d=mouth
                fill=if filled { INK } else { "none" }
                stroke=INK
                stroke-width="3"
                stroke-linecap="round"
                stroke-linejoin="round"
            ></path>
        </svg>
    }
}
