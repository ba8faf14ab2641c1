//! One question on one screen: native controls, "prefer not to answer", errors announced. The
//! frame (progress, the question's heading, declining, the problem, Back and Next) is here;
//! each kind of question has its controls in a file of its own.

mod choices;
mod ranking;
mod scale;
mod typed;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use lytt_core::{localized, Answer, AnswerError, LocalizedText, Question, QuestionKind};

use crate::components::read_aloud::{Piece, ReadAloud};
use crate::focus;
use crate::i18n::Texts;
use crate::platform::speech::Sound;
use crate::session::{AnswerSession, StepProblem};
use crate::state::AppContext;

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

/// What every kind of question's controls need: the question, its text in the language shown,
/// and the session its answers go to.
#[derive(Clone)]
struct Asked {
    session: AnswerSession,
    qid: String,
    lang: String,
    fallback: String,
    t: &'static Texts,
    prompt: String,
    help: Option<String>,
    required: bool,
    /// The ids of the help, the required hint and the problem, for `aria-describedby`.
    described_by: String,
    /// `lang` and `dir` of the app's own words when they are in another language than the survey.
    own_lang: Option<&'static str>,
    own_dir: Option<&'static str>,
    /// Input a control holds that is not yet an answer (a half-typed number, a ranking with
    /// empty places) and what is wrong with it, shown when "Next" is pressed.
    pending: RwSignal<Option<StepProblem>>,
    /// The key of the piece being read aloud (see [`pieces`]), highlighted while it is heard.
    reading: RwSignal<Option<String>>,
}

impl Asked {
    /// A survey text in the language shown.
    fn text(&self, value: &LocalizedText) -> String {
        localized(value, &self.lang, &self.fallback).to_string()
    }

    /// The answer so far (tracked).
    fn current(&self) -> impl Fn() -> Option<Answer> + Clone + Send + Sync + 'static {
        let (session, qid) = (self.session, self.qid.clone());
        move || session.answer_to(&qid)
    }

    /// Records an answer (`None` takes it away); one that does not fit is refused.
    fn setter(&self) -> impl Fn(Option<Answer>) -> Result<(), AnswerError> + Clone + Send + Sync + 'static {
        let (session, qid) = (self.session, self.qid.clone());
        move |answer| session.answer(&qid, answer)
    }

    /// Shows why an answer was refused.
    fn refused(&self, error: AnswerError) {
        self.session.problem.set(Some(StepProblem::Answer(error)));
    }

    /// Whether the piece `key` is being read aloud (tracked).
    fn is_read(&self, key: impl Into<String>) -> impl Fn() -> bool + Send + Sync + 'static {
        let (now, key) = (self.reading, key.into());
        move || now.with(|n| n.as_deref() == Some(key.as_str()))
    }

    /// Whether the question's own text is being read: on its own, or as the question's recording.
    fn is_read_with_question(&self, key: &'static str) -> impl Fn() -> bool + Send + Sync + 'static {
        let now = self.reading;
        move || now.with(|n| matches!(n.as_deref(), Some(k) if k == key || k == "question"))
    }

    /// The question as the screen's heading.
    fn heading(&self) -> impl IntoView {
        view! { <h1 id=focus::HEADING tabindex="-1" class:reading=self.is_read_with_question("prompt")>{self.prompt.clone()}</h1> }
    }

    fn help_view(&self) -> Option<impl IntoView> {
        let reading = self.is_read_with_question("help");
        self.help.clone().map(|h| view! { <p class="help" id="help" class:reading=reading>{h}</p> })
    }

    fn required_view(&self) -> Option<impl IntoView> {
        let (lang, dir) = (self.own_lang, self.own_dir);
        self.required.then(|| view! { <p class="hint" id="required-hint" lang=lang dir=dir>{self.t.required_hint}</p> })
    }

    /// A group of controls under the question as its legend: help, a `hint` on how to answer,
    /// whether an answer is required, then the `controls`.
    /// `hint` is in the app's own words.
    fn fieldset(&self, class: &'static str, hint: Option<String>, controls: impl IntoView) -> AnyView {
        let (lang, dir) = (self.own_lang, self.own_dir);
        view! {
            <fieldset class=class aria-describedby=self.described_by.clone()>
                <legend>{self.heading()}</legend>
                {self.help_view()}
                {hint.map(|h| view! { <p class="hint" lang=lang dir=dir>{h}</p> })}
                {self.required_view()}
                {controls}
            </fieldset>
        }
        .into_any()
    }
}

/// What a question screen says, in the order it is read aloud, each piece with the key its text
/// is highlighted by: the question's recording and its options' recordings where the survey has
/// them in `lang`, else the question, its help, its options (or a scale's ends, or the faces'
/// names, which are the app's own words) in the device's speech.
fn pieces(question: &Question, lang: &str, fallback: &str, t: &Texts, session: AnswerSession) -> Vec<Piece> {
    let speak = |key: String, text: String| Piece { key, sound: Sound::Speak { text, lang: lang.to_string() } };
    let recording = |audio: &Option<LocalizedText>| {
        audio.as_ref().and_then(|a| a.get(lang)).and_then(|name| session.media(name)).map(|url| Sound::Play { url })
    };
    let options = question.kind.options();
    if let Some(sound) = recording(&question.audio) {
        let mut pieces = vec![Piece { key: "question".into(), sound }];
        for option in options {
            let key = format!("option:{}", option.id);
            match recording(&option.audio) {
                Some(sound) => pieces.push(Piece { key, sound }),
                None => pieces.push(speak(key, localized(&option.label, lang, fallback).into())),
            }
        }
        return pieces;
    }
    let mut pieces = vec![speak("prompt".into(), localized(&question.prompt, lang, fallback).into())];
    if let Some(help) = &question.help {
        pieces.push(speak("help".into(), localized(help, lang, fallback).into()));
    }
    for option in options {
        pieces.push(speak(format!("option:{}", option.id), localized(&option.label, lang, fallback).into()));
    }
    match &question.kind {
        QuestionKind::Scale { min, max, min_label, max_label } => {
            for (key, n, label) in [("min", min, min_label), ("max", max, max_label)] {
                if let Some(label) = label {
                    pieces.push(speak(key.into(), format!("{n}: {}", localized(label, lang, fallback))));
                }
            }
        }
        QuestionKind::Smiley { points } => {
            let names: &[&str] = if *points == 3 { &t.smiley3 } else { &t.smiley5 };
            for (i, name) in names.iter().enumerate() {
                let sound = Sound::Speak { text: (*name).into(), lang: t.lang.tag().into() };
                pieces.push(Piece { key: format!("face:{}", i + 1), sound });
            }
        }
        _ => {}
    }
    pieces
}

/// The screen of one question of the session's survey. Answers go into the session's draft as
/// they are given.
#[component]
pub fn QuestionScreen(
    /// The question's position in the survey.
    index: usize,
    /// The language of the survey's text.
    lang: String,
    /// The app's own text.
    t: &'static Texts,
    /// "Question n of m".
    progress: (usize, usize),
    /// Called when the person asks for the next screen and the answer is acceptable locally.
    on_next: Callback<()>,
    on_back: Callback<()>,
    /// The forward button's text, when it is not "Next" (e.g. "Finish" on a last question).
    #[prop(optional, into)]
    next_label: Option<Signal<&'static str>>,
) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let session = expect_context::<AnswerSession>();
    let survey = session.survey();
    let question = &survey.questions[index];
    let fallback = survey.default_language.clone();
    let help = question.help.as_ref().map(|h| localized(h, &lang, &fallback).to_string());
    let mut described_by: Vec<&str> = Vec::new();
    if help.is_some() {
        described_by.push("help");
    }
    if question.required {
        described_by.push("required-hint");
    }
    described_by.push(focus::QUESTION_ERROR);
    let (own_lang, own_dir) = crate::i18n::own_words_marks(t, &lang);
    let pieces = pieces(question, &lang, &fallback, t, session);
    let reading = RwSignal::new(None);
    let asked = Asked {
        session,
        qid: question.id.clone(),
        prompt: localized(&question.prompt, &lang, &fallback).to_string(),
        own_lang,
        own_dir,
        lang,
        fallback,
        t,
        help,
        required: question.required,
        described_by: described_by.join(" "),
        pending: RwSignal::new(None),
        reading,
    };

    let controls = match &question.kind {
        QuestionKind::Info => view! { <div class="info">{asked.heading()} {asked.help_view()}</div> }.into_any(),
        QuestionKind::Single { options } => choices::single(&asked, options),
        QuestionKind::Multi { options, max_choices } => choices::multi(&asked, options, *max_choices),
        QuestionKind::Ranking { options, pick } => ranking::ranking(&asked, options, *pick as usize),
        QuestionKind::Scale { min, max, min_label, max_label } => {
            scale::scale(&asked, (*min, *max), (min_label.as_ref(), max_label.as_ref()))
        }
        QuestionKind::Smiley { points } => scale::smiley(&asked, *points),
        QuestionKind::Number { min, max } => typed::number(&asked, *min, *max),
        QuestionKind::Text { max_length } => typed::text(&asked, *max_length),
    };
    let decline = question.is_answerable().then(|| decline(&asked));

    let pending = asked.pending;
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if let Some(problem) = pending.get_untracked() {
            session.problem.set(Some(problem));
            return;
        }
        on_next.run(());
    };

    view! {
        <form class="question" novalidate=true on:submit=on_submit>
            <p class="progress">
                <span lang=own_lang dir=own_dir>{(t.progress)(progress.0, progress.1)}</span>
                <progress max=progress.1.to_string() value=progress.0.to_string() aria-hidden="true"></progress>
            </p>
            <ReadAloud pieces=pieces now=reading t=t own_lang=own_lang own_dir=own_dir />
            {controls}
            {decline}
            <p class="error" id=focus::QUESTION_ERROR role="alert" lang=own_lang dir=own_dir>
                {move || session.problem.with(|e| e.as_ref().map(|e| e.text(ctx.texts())))}
            </p>
            // Each button carries the marks, not the row: the row's order follows the page's
            // direction (Back on the right in a right-to-left survey).
            <div class="nav">
                <button type="button" class="secondary" lang=own_lang dir=own_dir on:click=move |_| on_back.run(())>
                    {t.back}
                </button>
                <button type="submit" class="primary" lang=own_lang dir=own_dir>
                    {move || next_label.map_or(t.next, |l| l.get())}
                </button>
            </div>
        </form>
    }
}

/// "Prefer not to answer".
fn decline(asked: &Asked) -> impl IntoView {
    let current = asked.current();
    let set_answer = asked.setter();
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
                <span lang=asked.own_lang dir=asked.own_dir>{asked.t.decline}</span>
            </label>
        </div>
    }
}

/// A radio button of a scale or smiley question that records the number `n`.
fn number_radio(asked: &Asked, n: i64) -> impl IntoView {
    let current = asked.current();
    let set_answer = asked.setter();
    view! {
        <input
            type="radio"
            name=format!("q-{}", asked.qid)
            value=n.to_string()
            prop:checked=move || matches!(current(), Some(Answer::Number(v)) if v == n)
            on:change=move |_| {
                let _ = set_answer(Some(Answer::Number(n)));
            }
        />
    }
}
