//! "Read aloud" on a question screen: the question, its help and its options, heard one after
//! another in the survey's language while each is highlighted; pressed again, it stops. Alt + R
//! does the same from anywhere on the screen. Recordings that come with the survey are played
//! instead of the device's speech; where the device has no voice for the language and there are
//! no recordings, the screen says so instead of reading in another language's voice.

use leptos::prelude::*;

use crate::i18n::Texts;
use crate::platform;
use crate::platform::speech::{self, Reading, Sound, Voice};

/// One piece of a screen as it is read: the key of what is highlighted meanwhile (see
/// [`ReadAloud`]'s `now`) and how it sounds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub key: String,
    pub sound: Sound,
}

/// Whether every piece can be heard: recordings always, speech only in a voice for its language.
fn can_read(pieces: &[Piece]) -> bool {
    pieces.iter().all(|piece| match &piece.sound {
        Sound::Play { .. } => true,
        Sound::Speak { lang, .. } => speech::voice(lang) == Voice::Found,
    })
}

#[component]
pub fn ReadAloud(
    /// What the screen says, in the order it is read.
    pieces: Vec<Piece>,
    /// The key of the piece being read, `None` when nothing is.
    now: RwSignal<Option<String>>,
    t: &'static Texts,
    /// `lang` and `dir` of the app's own words when they are in another language than the survey.
    own_lang: Option<&'static str>,
    own_dir: Option<&'static str>,
) -> impl IntoView {
    let readable = RwSignal::new(can_read(&pieces));
    let reading = StoredValue::new_local(None::<Reading>);
    let keys: Vec<String> = pieces.iter().map(|p| p.key.clone()).collect();
    let sounds: Vec<Sound> = pieces.iter().map(|p| p.sound.clone()).collect();

    // Browsers list their voices a moment after the page loads, and may add more later.
    let voices = {
        let pieces = pieces.clone();
        platform::speech::on_voices_changed(move || {
            readable.try_set(can_read(&pieces));
        })
    };

    let toggle = move || {
        if !readable.get_untracked() {
            return;
        }
        let was_reading = now.get_untracked().is_some();
        // Taken out before it is dropped: dropping it stops the sound and clears `now`.
        let before = reading.try_update_value(Option::take).flatten();
        drop(before);
        if was_reading {
            return;
        }
        let keys = keys.clone();
        let started = speech::read(sounds.clone(), move |step| {
            now.try_set(step.and_then(|i| keys.get(i).cloned()));
        });
        reading.set_value(Some(started));
    };
    let shortcut = platform::on_alt_key("KeyR", toggle.clone());
    // Both stop with the screen: the listeners are removed and the reading ends.
    StoredValue::new_local((voices, shortcut));

    move || {
        let toggle = toggle.clone();
        if readable.get() {
            view! {
                <div class="listen">
                    <button
                        type="button"
                        class="secondary listen-button"
                        class:reading-now=move || now.get().is_some()
                        aria-keyshortcuts="Alt+R"
                        lang=own_lang
                        dir=own_dir
                        on:click=move |_| toggle()
                    >
                        <svg class="speaker" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                            <path d="M3 9v6h4l5 5V4L7 9H3z" />
                            <path d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12" fill="none" stroke-width="2" />
                        </svg>
                        {move || if now.get().is_some() { t.stop_reading } else { t.read_aloud }}
                    </button>
                    <span class="shortcut" lang=own_lang dir=own_dir>
                        {t.shortcut} " " <kbd>"Alt"</kbd> " + " <kbd>"R"</kbd>
                    </span>
                </div>
            }
            .into_any()
        } else {
            view! { <p class="listen-none" lang=own_lang dir=own_dir>{t.no_voice}</p> }.into_any()
        }
    }
}
