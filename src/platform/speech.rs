//! Reading aloud: the device's speech in a language's own voice, or the survey's recordings,
//! one piece after another.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::listener::Listener;

/// One piece of a screen to be heard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sound {
    /// Text for the device's speech, in the language of the BCP 47 tag `lang`.
    Speak { text: String, lang: String },
    /// A recording at an address relative to the page.
    Play { url: String },
}

/// Whether the device can speak a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Voice {
    /// It has a voice for it.
    Found,
    /// It speaks, but has no voice for this language (or has not listed its voices yet).
    Missing,
    /// The browser has no speech at all.
    NoSpeech,
}

fn synthesis() -> Option<web_sys::SpeechSynthesis> {
    web_sys::window()?.speech_synthesis().ok()
}

/// The primary language of a BCP 47 tag as voices name it; bokmål, nynorsk and "Norwegian" are
/// one spoken language to a speech engine (voices are listed as `nb-NO` or `no-NO`).
fn spoken(tag: &str) -> String {
    let primary = tag.split(['-', '_']).next().unwrap_or(tag).to_ascii_lowercase();
    match primary.as_str() {
        "nb" | "nn" | "no" => "no".into(),
        _ => primary,
    }
}

fn voice_for_lang(lang: &str) -> Option<web_sys::SpeechSynthesisVoice> {
    let wanted = spoken(lang);
    let voices = synthesis()?.get_voices();
    let matching: Vec<web_sys::SpeechSynthesisVoice> = voices
        .iter()
        // Not checked to be a `SpeechSynthesisVoice`: only its `lang` and `default` are read.
        .map(|v| v.unchecked_into::<web_sys::SpeechSynthesisVoice>())
        .filter(|v| spoken(&v.lang()) == wanted)
        .collect();
    // The device's own default among them, else the first.
    matching.iter().find(|v| v.default()).or(matching.first()).cloned()
}

/// Whether the device can speak `lang` now.
pub fn voice(lang: &str) -> Voice {
    match synthesis() {
        None => Voice::NoSpeech,
        Some(_) if voice_for_lang(lang).is_some() => Voice::Found,
        Some(_) => Voice::Missing,
    }
}

/// Calls `then` when the device's list of voices changes (browsers fill it in after the page
/// loads).
pub fn on_voices_changed(then: impl Fn() + 'static) -> Option<Listener> {
    Listener::on_target(synthesis()?.into(), &["voiceschanged"], then)
}

/// Sounds being heard, one after another; dropping it stops them.
#[must_use = "reading stops when dropped"]
pub struct Reading {
    state: Rc<RefCell<State>>,
}

struct State {
    sounds: Vec<Sound>,
    /// Told the index of the sound now heard, and `None` when all are done or reading stopped.
    on_step: Box<dyn Fn(Option<usize>)>,
    stopped: bool,
    /// What is heard now, so that stopping can silence it and take back its callbacks.
    utterance: Option<web_sys::SpeechSynthesisUtterance>,
    audio: Option<web_sys::HtmlAudioElement>,
    /// The callbacks given to the browser, kept until reading ends (a handful per screen).
    callbacks: Vec<Closure<dyn FnMut()>>,
}

impl State {
    /// Ends reading: nothing is heard or called back any more, and the callbacks (which hold
    /// this state) are let go.
    fn end(&mut self) {
        self.stopped = true;
        if let Some(utterance) = self.utterance.take() {
            utterance.set_onend(None);
            utterance.set_onerror(None);
        }
        if let Some(audio) = self.audio.take() {
            audio.set_onended(None);
            audio.set_onerror(None);
            let _ = audio.pause();
        }
        self.callbacks.clear();
        (self.on_step)(None);
    }
}

/// Reads `sounds` one after another, telling `on_step` which one is heard.
pub fn read(sounds: Vec<Sound>, on_step: impl Fn(Option<usize>) + 'static) -> Reading {
    if let Some(synthesis) = synthesis() {
        // Whatever another screen left speaking stops first.
        synthesis.cancel();
    }
    let state = Rc::new(RefCell::new(State {
        sounds,
        on_step: Box::new(on_step),
        stopped: false,
        utterance: None,
        audio: None,
        callbacks: Vec::new(),
    }));
    step(&state, 0);
    Reading { state }
}

/// Starts sound `index`, or ends when there is none; a sound that cannot start is skipped.
fn step(state: &Rc<RefCell<State>>, index: usize) {
    if state.borrow().stopped {
        return;
    }
    let sound = state.borrow().sounds.get(index).cloned();
    let Some(sound) = sound else {
        state.borrow_mut().end();
        return;
    };
    (state.borrow().on_step)(Some(index));
    let next = {
        let state = Rc::clone(state);
        Closure::<dyn FnMut()>::new(move || {
            // After the browser's callback returns: the next sound may replace what called it.
            let state = Rc::clone(&state);
            super::after(0, move || step(&state, index + 1));
        })
    };
    let started = match &sound {
        Sound::Speak { text, lang } => speak(text, lang, &next).map(|u| state.borrow_mut().utterance = Some(u)),
        Sound::Play { url } => play(url, &next).map(|audio| state.borrow_mut().audio = Some(audio)),
    };
    state.borrow_mut().callbacks.push(next);
    if started.is_none() {
        let state = Rc::clone(state);
        super::after(0, move || step(&state, index + 1));
    }
}

fn speak(text: &str, lang: &str, then: &Closure<dyn FnMut()>) -> Option<web_sys::SpeechSynthesisUtterance> {
    let synthesis = synthesis()?;
    let utterance = web_sys::SpeechSynthesisUtterance::new_with_text(text).ok()?;
    utterance.set_lang(lang);
    utterance.set_voice(voice_for_lang(lang).as_ref());
    utterance.set_onend(Some(then.as_ref().unchecked_ref()));
    utterance.set_onerror(Some(then.as_ref().unchecked_ref()));
    synthesis.speak(&utterance);
    Some(utterance)
}

fn play(url: &str, then: &Closure<dyn FnMut()>) -> Option<web_sys::HtmlAudioElement> {
    let audio = web_sys::HtmlAudioElement::new_with_src(url).ok()?;
    audio.set_onended(Some(then.as_ref().unchecked_ref()));
    audio.set_onerror(Some(then.as_ref().unchecked_ref()));
    // A refused start (no sound allowed yet) shows as an error event, which moves on.
    let _ = audio.play();
    Some(audio)
}

impl Drop for Reading {
    fn drop(&mut self) {
        let mut s = self.state.borrow_mut();
        if !s.stopped {
            s.end();
            if let Some(synthesis) = synthesis() {
                synthesis.cancel();
            }
        }
    }
}
