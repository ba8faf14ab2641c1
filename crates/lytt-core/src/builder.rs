//! The survey builder's domain: a survey being made, changed with undo and redo, checked by the
//! same code as the app and `lytt validate` ([`crate::validate::check_survey`]), advised on
//! where a rule of anonymity or accessibility is at stake, compared with the file it was opened
//! from, and published as the file and the updated `surveys/index.json`.
//!
//! A survey in the making may be incomplete or wrong in every way the checks find, so it is
//! kept as the plain [`Survey`] value (read back with serde, not through the strict parser).

use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, CatalogEntry, CATALOG_FORMAT};
use crate::condition::Condition;
use crate::survey::{
    ChoiceOption, KioskSettings, LocalizedText, Privacy, Question, QuestionKind, SharedSettings, Survey,
};
use crate::validate::Problem;

/// How many steps back undo reaches.
const HISTORY: usize = 200;

/// A survey being built: the survey now, the file it was opened from (if any), and the steps
/// that undo and redo go through.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Builder {
    pub survey: Survey,
    /// The survey as it was opened (a starter survey or a file), to tell what changed.
    #[serde(default)]
    pub opened: Option<Survey>,
    /// Undo and redo last as long as the page (kept, 200 copies would fill local storage).
    #[serde(skip)]
    undo: Vec<Survey>,
    #[serde(skip)]
    redo: Vec<Survey>,
}

impl Builder {
    /// A new survey, or one opened from a file (`opened`).
    pub fn new(survey: Survey, opened: bool) -> Self {
        let opened = opened.then(|| survey.clone());
        Builder { survey, opened, undo: Vec::new(), redo: Vec::new() }
    }

    /// Changes the survey; a change that changes nothing is no step for undo.
    pub fn edit(&mut self, change: impl FnOnce(&mut Survey)) -> bool {
        let before = self.survey.clone();
        change(&mut self.survey);
        if self.survey == before {
            return false;
        }
        self.undo.push(before);
        if self.undo.len() > HISTORY {
            self.undo.remove(0);
        }
        self.redo.clear();
        true
    }

    pub fn undo(&mut self) -> bool {
        let Some(before) = self.undo.pop() else { return false };
        self.redo.push(std::mem::replace(&mut self.survey, before));
        true
    }

    pub fn redo(&mut self) -> bool {
        let Some(after) = self.redo.pop() else { return false };
        self.undo.push(std::mem::replace(&mut self.survey, after));
        true
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

/// An empty survey in one language, sealed to nobody yet.
pub fn empty_survey(id: &str, language: &str, version: &str) -> Survey {
    Survey {
        format: crate::survey::SURVEY_FORMAT.into(),
        id: id.into(),
        version: version.into(),
        languages: vec![language.into()],
        default_language: language.into(),
        title: [(language.to_string(), String::new())].into(),
        intro: None,
        recipient: String::new(),
        privacy: Privacy::default(),
        kiosk: KioskSettings::default(),
        shared: SharedSettings::default(),
        indicator: None,
        submit_url: None,
        questions: Vec::new(),
    }
}

/// The question types, as written in the file, in the order the builder offers them.
pub const QUESTION_TYPES: [&str; 8] = ["single", "multi", "ranking", "scale", "smiley", "number", "text", "info"];

/// Empty text in each of the survey's languages.
pub fn blank(survey: &Survey) -> LocalizedText {
    survey.languages.iter().map(|l| (l.clone(), String::new())).collect()
}

/// A new question of `type_name` (one of [`QUESTION_TYPES`]) with an id no other question has,
/// and the fields its type needs (two empty options for a choice).
pub fn new_question(survey: &Survey, type_name: &str) -> Question {
    let id = unused_id("q", survey.questions.iter().map(|q| q.id.as_str()));
    let options = || {
        let mut options = Vec::new();
        for _ in 0..2 {
            options.push(new_option(survey, &options));
        }
        options
    };
    let kind = match type_name {
        "single" => QuestionKind::Single { options: options() },
        "multi" => QuestionKind::Multi { options: options(), max_choices: None },
        "ranking" => QuestionKind::Ranking { options: options(), pick: 2 },
        "scale" => QuestionKind::Scale { min: 1, max: 5, min_label: None, max_label: None },
        "smiley" => QuestionKind::Smiley { points: 5 },
        "number" => QuestionKind::Number { min: 0, max: 100 },
        "info" => QuestionKind::Info,
        _ => QuestionKind::Text { max_length: None },
    };
    Question { id, kind, prompt: blank(survey), help: None, required: false, show_if: None, audio: None }
}

/// A headline figure for the survey: the share of answers to its first one-choice question
/// that count as good, against a target of 70 %, with an empty name. The owner chooses which
/// answers count (none are chosen for them). `None` without a one-choice question.
pub fn new_indicator(survey: &Survey) -> Option<crate::survey::Indicator> {
    let question = survey.questions.iter().find(|q| matches!(q.kind, QuestionKind::Single { .. }))?;
    Some(crate::survey::Indicator {
        question: question.id.clone(),
        positive: Vec::new(),
        target: 0.7,
        label: blank(survey),
    })
}

/// The one-choice questions an indicator can be about: their places and ids.
pub fn indicator_questions(survey: &Survey) -> Vec<(usize, String)> {
    survey
        .questions
        .iter()
        .enumerate()
        .filter(|(_, q)| matches!(q.kind, QuestionKind::Single { .. }))
        .map(|(i, q)| (i, q.id.clone()))
        .collect()
}

/// A new, empty option with an id no other option of the question has.
pub fn new_option(survey: &Survey, options: &[ChoiceOption]) -> ChoiceOption {
    ChoiceOption {
        id: unused_id("option", options.iter().map(|o| o.id.as_str())),
        label: blank(survey),
        audio: None,
        image: None,
    }
}

/// `prefix` and the lowest number from 1 that makes an id not in `taken`.
fn unused_id<'a>(prefix: &str, taken: impl Iterator<Item = &'a str> + Clone) -> String {
    (1..).map(|n| format!("{prefix}{n}")).find(|id| !taken.clone().any(|t| t == id)).unwrap_or_default()
}

/// The options of a choice question, to change.
pub fn options_mut(kind: &mut QuestionKind) -> Option<&mut Vec<ChoiceOption>> {
    match kind {
        QuestionKind::Single { options }
        | QuestionKind::Multi { options, .. }
        | QuestionKind::Ranking { options, .. } => Some(options),
        _ => None,
    }
}

/// Moves item `from` one place up or down; nothing at the ends.
pub fn move_item<T>(items: &mut [T], from: usize, up: bool) {
    let to = if up { from.checked_sub(1) } else { from.checked_add(1).filter(|to| *to < items.len()) };
    if let (Some(to), true) = (to, from < items.len()) {
        items.swap(from, to);
    }
}

/// Changes a question's type, keeping what both types have (the options of a choice).
pub fn change_type(survey: &Survey, question: &mut Question, type_name: &str) {
    let options = question.kind.options().to_vec();
    let mut fresh = new_question(survey, type_name);
    if let (Some(new), false) = (options_mut(&mut fresh.kind), options.is_empty()) {
        *new = options;
    }
    question.kind = fresh.kind;
    if matches!(question.kind, QuestionKind::Info) {
        question.required = false;
    }
}

/// Adds a language to the survey, with empty texts everywhere (or removes one, with its texts).
pub fn set_language(survey: &mut Survey, language: &str, on: bool) {
    let language = language.trim();
    if language.is_empty() || on == survey.languages.iter().any(|l| l == language) {
        return;
    }
    if on {
        survey.languages.push(language.to_string());
    } else {
        survey.languages.retain(|l| l != language);
        if survey.default_language == language {
            survey.default_language = survey.languages.first().cloned().unwrap_or_default();
        }
    }
    for text in texts_mut(survey) {
        if on {
            text.entry(language.to_string()).or_default();
        } else {
            text.remove(language);
        }
    }
}

/// Every text of the survey, to change.
pub fn texts_mut(survey: &mut Survey) -> Vec<&mut LocalizedText> {
    let mut out: Vec<&mut LocalizedText> = vec![&mut survey.title];
    out.extend(survey.intro.as_mut());
    if let Some(indicator) = survey.indicator.as_mut() {
        out.push(&mut indicator.label);
    }
    for q in &mut survey.questions {
        out.push(&mut q.prompt);
        out.extend(q.help.as_mut());
        match &mut q.kind {
            QuestionKind::Single { options }
            | QuestionKind::Multi { options, .. }
            | QuestionKind::Ranking { options, .. } => {
                out.extend(options.iter_mut().map(|o| &mut o.label));
            }
            QuestionKind::Scale { min_label, max_label, .. } => {
                out.extend(min_label.as_mut());
                out.extend(max_label.as_mut());
            }
            _ => {}
        }
    }
    out
}

/// One text of the survey, in all its languages: where it is, to read and change it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextRef {
    Title,
    Intro,
    IndicatorLabel,
    Prompt(usize),
    Help(usize),
    /// Question, option.
    OptionLabel(usize, usize),
    MinLabel(usize),
    MaxLabel(usize),
}

impl TextRef {
    /// Its path in the file, as in [`Problem`].
    pub fn path(self) -> String {
        match self {
            TextRef::Title => "title".into(),
            TextRef::Intro => "intro".into(),
            TextRef::IndicatorLabel => "indicator.label".into(),
            TextRef::Prompt(i) => format!("questions[{i}].prompt"),
            TextRef::Help(i) => format!("questions[{i}].help"),
            TextRef::OptionLabel(i, j) => format!("questions[{i}].options[{j}].label"),
            TextRef::MinLabel(i) => format!("questions[{i}].min_label"),
            TextRef::MaxLabel(i) => format!("questions[{i}].max_label"),
        }
    }

    /// Whether the survey may leave it out.
    pub fn optional(self) -> bool {
        matches!(self, TextRef::Intro | TextRef::Help(_) | TextRef::MinLabel(_) | TextRef::MaxLabel(_))
    }

    pub fn get(self, survey: &Survey) -> Option<&LocalizedText> {
        let question = |i: usize| survey.questions.get(i);
        match self {
            TextRef::Title => Some(&survey.title),
            TextRef::Intro => survey.intro.as_ref(),
            TextRef::IndicatorLabel => survey.indicator.as_ref().map(|i| &i.label),
            TextRef::Prompt(i) => question(i).map(|q| &q.prompt),
            TextRef::Help(i) => question(i)?.help.as_ref(),
            TextRef::OptionLabel(i, j) => question(i)?.kind.options().get(j).map(|o| &o.label),
            TextRef::MinLabel(i) | TextRef::MaxLabel(i) => match &question(i)?.kind {
                QuestionKind::Scale { min_label, max_label, .. } => {
                    if matches!(self, TextRef::MinLabel(_)) {
                        min_label.as_ref()
                    } else {
                        max_label.as_ref()
                    }
                }
                _ => None,
            },
        }
    }

    /// The text in `language` ("" where there is none).
    pub fn text(self, survey: &Survey, language: &str) -> String {
        self.get(survey).and_then(|t| t.get(language)).cloned().unwrap_or_default()
    }

    /// Sets the text in `language`. An optional text whose every language is empty is left
    /// out of the survey; one that was not there is made.
    pub fn set(self, survey: &mut Survey, language: &str, text: String) {
        let languages = survey.languages.clone();
        let slot: Option<&mut Option<LocalizedText>> = match self {
            TextRef::Title => {
                survey.title.insert(language.into(), text);
                return;
            }
            TextRef::IndicatorLabel => {
                if let Some(indicator) = survey.indicator.as_mut() {
                    indicator.label.insert(language.into(), text);
                }
                return;
            }
            TextRef::Prompt(i) => {
                if let Some(q) = survey.questions.get_mut(i) {
                    q.prompt.insert(language.into(), text);
                }
                return;
            }
            TextRef::OptionLabel(i, j) => {
                if let Some(o) =
                    survey.questions.get_mut(i).and_then(|q| options_mut(&mut q.kind)).and_then(|o| o.get_mut(j))
                {
                    o.label.insert(language.into(), text);
                }
                return;
            }
            TextRef::Intro => Some(&mut survey.intro),
            TextRef::Help(i) => survey.questions.get_mut(i).map(|q| &mut q.help),
            TextRef::MinLabel(i) | TextRef::MaxLabel(i) => match survey.questions.get_mut(i).map(|q| &mut q.kind) {
                Some(QuestionKind::Scale { min_label, max_label, .. }) => {
                    Some(if matches!(self, TextRef::MinLabel(_)) { min_label } else { max_label })
                }
                _ => None,
            },
        };
        let Some(slot) = slot else { return };
        let mut value = slot.take().unwrap_or_else(|| languages.iter().map(|l| (l.clone(), String::new())).collect());
        value.insert(language.into(), text);
        *slot = value.values().any(|t| !t.trim().is_empty()).then_some(value);
    }

    /// Every text the survey has or could have, in the order of the file.
    pub fn all(survey: &Survey) -> Vec<TextRef> {
        let mut out = vec![TextRef::Title, TextRef::Intro];
        if survey.indicator.is_some() {
            out.push(TextRef::IndicatorLabel);
        }
        for (i, q) in survey.questions.iter().enumerate() {
            out.extend([TextRef::Prompt(i), TextRef::Help(i)]);
            out.extend((0..q.kind.options().len()).map(|j| TextRef::OptionLabel(i, j)));
            if matches!(q.kind, QuestionKind::Scale { .. }) {
                out.extend([TextRef::MinLabel(i), TextRef::MaxLabel(i)]);
            }
        }
        out
    }
}

/// Every problem the app and `lytt validate` would find in the survey.
pub fn problems(survey: &Survey) -> Vec<Problem> {
    let mut problems = Vec::new();
    if survey.format != crate::survey::SURVEY_FORMAT {
        problems.push(Problem::new("format", format!("must be \"{}\"", crate::survey::SURVEY_FORMAT)));
    }
    problems.extend(crate::validate::check_survey(survey));
    problems
}

/// Advice that is not an error: something that may harm anonymity or make a survey harder to
/// answer, for the owner to consider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "advice", rename_all = "snake_case")]
pub enum AdviceKind {
    /// A free-text question with no help that asks people not to write names.
    NoNameReminder,
    /// More options than fit a phone's screen without scrolling.
    ManyOptions { count: usize },
    /// A prompt longer than people read on a phone.
    LongPrompt { characters: usize },
    /// A list of options with no "other", where one seems expected.
    NoOther,
    /// A smallest group below 5.
    SmallGroups { min_group_size: u32 },
    /// Sealed to the published test key: anyone can read the answers.
    TestKey,
}

/// One piece of advice and where it applies (a path as in [`Problem`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Advice {
    pub path: String,
    pub kind: AdviceKind,
}

/// More options than this is a long list on a phone.
pub const MANY_OPTIONS: usize = 7;
/// A prompt longer than this (characters, in any language) is long to read on a phone.
pub const LONG_PROMPT: usize = 200;

/// The words that say "other" in an option, in the languages Lytt ships.
const OTHER_WORDS: &[&str] = &["other", "annet", "anna", "annat", "andre", "annen", "övrigt", "ovrig", "anna"];
/// Words in a help text that ask people not to name anyone.
const NAME_WORDS: &[&str] = &["navn", "namn", "name", "names"];

/// Advice on the survey, in the order of the file.
pub fn advice(survey: &Survey) -> Vec<Advice> {
    let mut out = Vec::new();
    if survey.recipient.trim().eq_ignore_ascii_case(crate::TEST_RECIPIENT) {
        out.push(Advice { path: "recipient".into(), kind: AdviceKind::TestKey });
    }
    if survey.privacy.min_group_size < 5 {
        out.push(Advice {
            path: "privacy.min_group_size".into(),
            kind: AdviceKind::SmallGroups { min_group_size: survey.privacy.min_group_size },
        });
    }
    for (i, q) in survey.questions.iter().enumerate() {
        let path = format!("questions[{i}]");
        let longest = q.prompt.values().map(|p| p.chars().count()).max().unwrap_or(0);
        if longest > LONG_PROMPT {
            out.push(Advice { path: format!("{path}.prompt"), kind: AdviceKind::LongPrompt { characters: longest } });
        }
        if matches!(q.kind, QuestionKind::Text { .. }) {
            let reminded = q.help.as_ref().is_some_and(|help| {
                help.values().any(|h| {
                    let h = h.to_lowercase();
                    NAME_WORDS.iter().any(|w| h.contains(w))
                })
            });
            if !reminded {
                out.push(Advice { path: format!("{path}.help"), kind: AdviceKind::NoNameReminder });
            }
        }
        let options = q.kind.options();
        if options.len() > MANY_OPTIONS {
            out.push(Advice {
                path: format!("{path}.options"),
                kind: AdviceKind::ManyOptions { count: options.len() },
            });
        }
        // A list of kinds of things (4 or more, not a ranking) usually needs a way out.
        let listy = matches!(q.kind, QuestionKind::Single { .. } | QuestionKind::Multi { .. }) && options.len() >= 4;
        let has_other = options.iter().any(|o| {
            let id = o.id.to_lowercase();
            OTHER_WORDS.iter().any(|w| id.contains(w))
                || o.label.values().any(|l| {
                    let l = l.to_lowercase();
                    l.split(|c: char| !c.is_alphanumeric()).any(|word| OTHER_WORDS.contains(&word))
                })
        });
        if listy && !has_other && !is_a_scale_of_words(options) {
            out.push(Advice { path: format!("{path}.options"), kind: AdviceKind::NoOther });
        }
    }
    out
}

/// Options that are steps of agreement or frequency ("agree" … "disagree") need no "other".
fn is_a_scale_of_words(options: &[ChoiceOption]) -> bool {
    const STEPS: &[&str] = &[
        "agree",
        "enig",
        "uenig",
        "instämmer",
        "never",
        "aldri",
        "aldrig",
        "always",
        "alltid",
        "often",
        "ofte",
        "ofta",
        "yes",
        "ja",
        "no",
        "nei",
        "nej",
        "very",
        "svært",
        "mycket",
        "not",
        "ikke",
        "inte",
        "know",
        "vet",
    ];
    let steps = options
        .iter()
        .filter(|o| {
            let words: String =
                o.id.to_lowercase() + " " + &o.label.values().cloned().collect::<Vec<_>>().join(" ").to_lowercase();
            words.split(|c: char| !c.is_alphanumeric()).any(|w| STEPS.contains(&w))
        })
        .count();
    steps * 2 > options.len()
}

/// A change since the opened file that breaks comparing answers with earlier rounds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Break {
    /// The id now names a question of another type.
    TypeChanged { question: String },
    /// The id now names a question with another prompt (in the default language).
    PromptChanged { question: String },
    /// An option was removed: earlier answers that chose it have no counterpart.
    OptionRemoved { question: String, option: String },
}

/// What changed since the survey was opened: whether its questions did (a new `version` is
/// due), and what breaks comparison with earlier rounds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Changes {
    pub questions_changed: bool,
    pub breaks: Vec<Break>,
}

pub fn changes(opened: &Survey, now: &Survey) -> Changes {
    let mut breaks = Vec::new();
    for q in &now.questions {
        let Some(before) = opened.question(&q.id) else { continue };
        if before.kind.type_name() != q.kind.type_name() {
            breaks.push(Break::TypeChanged { question: q.id.clone() });
            continue;
        }
        let prompt = |s: &Survey, q: &Question| {
            crate::survey::localized(&q.prompt, &s.default_language, &s.default_language).trim().to_string()
        };
        if prompt(opened, before) != prompt(now, q) {
            breaks.push(Break::PromptChanged { question: q.id.clone() });
        }
        for option in before.kind.options() {
            if !q.kind.options().iter().any(|o| o.id == option.id) {
                breaks.push(Break::OptionRemoved { question: q.id.clone(), option: option.id.clone() });
            }
        }
    }
    Changes { questions_changed: opened.questions != now.questions, breaks }
}

/// A version label for the next round: today's date where the old one is a date, otherwise the
/// old label with its last number raised (or "-2" added).
pub fn suggest_version(old: &str, today: &str) -> String {
    let is_date = |s: &str| {
        s.len() == 10
            && s.chars().enumerate().all(|(i, c)| if i == 4 || i == 7 { c == '-' } else { c.is_ascii_digit() })
    };
    if is_date(old) && is_date(today) && old != today {
        return today.to_string();
    }
    let digits = old.len() - old.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (stem, number) = old.split_at(old.len() - digits);
    match number.parse::<u64>() {
        Ok(n) if !stem.is_empty() && !is_date(old) => format!("{stem}{}", n + 1),
        _ => format!("{old}-2"),
    }
}

/// The survey file as published: pretty JSON, with a final newline.
pub fn publish(survey: &Survey) -> String {
    let mut text = serde_json::to_string_pretty(survey).unwrap_or_default();
    text.push('\n');
    text
}

/// `surveys/index.json` with the survey's entry added or replaced (`index` is the present file,
/// if there is one).
pub fn updated_index(index: Option<&str>, survey: &Survey) -> Result<String, crate::catalog::CatalogError> {
    let mut catalog = match index {
        Some(text) => crate::catalog::parse_catalog(text)?,
        None => Catalog { format: CATALOG_FORMAT.into(), surveys: Vec::new() },
    };
    let entry = CatalogEntry {
        id: survey.id.clone(),
        title: survey.title.clone(),
        default_language: survey.default_language.clone(),
    };
    match catalog.surveys.iter_mut().find(|e| e.id == survey.id) {
        Some(existing) => *existing = entry,
        None => catalog.surveys.push(entry),
    }
    let mut text = serde_json::to_string_pretty(&catalog).unwrap_or_default();
    text.push('\n');
    Ok(text)
}

/// A test of a `show_if` condition as the builder's pickers make it: an earlier question, a
/// test that fits its type, and a value from its options or range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Test {
    pub question: String,
    pub kind: TestKind,
    /// The option id (`equals` on a single choice, `includes`) or the number, as text; empty for
    /// `answered`.
    pub value: String,
    /// The test is turned around ("not").
    pub negated: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TestKind {
    Equals,
    Includes,
    AtLeast,
    AtMost,
    Answered,
}

/// How the tests of a condition join.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Join {
    All,
    Any,
}

/// A condition in the shape the pickers edit: tests (each maybe turned around) joined by all or
/// any. Every condition the format allows to one level of nesting has this shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConditionForm {
    pub join: Join,
    pub tests: Vec<Test>,
}

/// The tests that fit a question's type, in the order the picker offers them.
pub fn tests_for(kind: &QuestionKind) -> &'static [TestKind] {
    match kind {
        QuestionKind::Single { .. } => &[TestKind::Equals, TestKind::Answered],
        QuestionKind::Multi { .. } | QuestionKind::Ranking { .. } => &[TestKind::Includes, TestKind::Answered],
        QuestionKind::Scale { .. } | QuestionKind::Smiley { .. } | QuestionKind::Number { .. } => {
            &[TestKind::Equals, TestKind::AtLeast, TestKind::AtMost, TestKind::Answered]
        }
        QuestionKind::Text { .. } => &[TestKind::Answered],
        QuestionKind::Info => &[],
    }
}

/// The questions a condition of question `index` can name: the earlier ones that take an answer.
pub fn earlier_questions(survey: &Survey, index: usize) -> Vec<&Question> {
    survey.questions.iter().take(index).filter(|q| q.is_answerable()).collect()
}

/// The values a test of `kind` on `question` can take: its option ids, or the numbers of its
/// range (as text); none for `answered`.
pub fn values_for(question: &Question, kind: TestKind) -> Vec<String> {
    match kind {
        TestKind::Answered => Vec::new(),
        TestKind::Equals | TestKind::Includes if !question.kind.options().is_empty() => {
            question.kind.options().iter().map(|o| o.id.clone()).collect()
        }
        _ => match question.kind.numeric_range() {
            // A number question's range can be wide: its ends and a handful between are offered
            // by the picker as a number field instead (see `Test::fits`).
            Some((min, max)) if max - min <= 20 => (min..=max).map(|n| n.to_string()).collect(),
            _ => Vec::new(),
        },
    }
}

impl Test {
    /// A first test on `question`: its first fitting test and first value.
    pub fn new(question: &Question) -> Option<Test> {
        let kind = *tests_for(&question.kind).first()?;
        let value = default_value(question, kind);
        Some(Test { question: question.id.clone(), kind, value, negated: false })
    }

    /// The test with another kind, keeping the value where it still fits.
    pub fn with_kind(&self, question: &Question, kind: TestKind) -> Test {
        let mut next = Test { kind, ..self.clone() };
        if kind == TestKind::Answered {
            next.value.clear();
        } else if !next.fits(question) {
            next.value = default_value(question, kind);
        }
        next
    }

    /// Whether the test fits the question: a test its type has, and a value it can take.
    pub fn fits(&self, question: &Question) -> bool {
        if question.id != self.question || !tests_for(&question.kind).contains(&self.kind) {
            return false;
        }
        match self.kind {
            TestKind::Answered => true,
            TestKind::Equals | TestKind::Includes if !question.kind.options().is_empty() => {
                question.kind.options().iter().any(|o| o.id == self.value)
            }
            _ => match (question.kind.numeric_range(), self.value.trim().parse::<i64>()) {
                (Some((min, max)), Ok(n)) => (min..=max).contains(&n),
                _ => false,
            },
        }
    }

    /// The test for the file; `numeric` says whether its question takes a number (so that
    /// `equals` compares with a number, not with an option id).
    fn to_condition(&self, numeric: bool) -> Condition {
        use crate::condition::Literal;
        let question = self.question.clone();
        let number = self.value.trim().parse::<i64>().unwrap_or_default();
        let test = match self.kind {
            TestKind::Equals if numeric => Condition::Equals { question, equals: Literal::Number(number) },
            TestKind::Equals => Condition::Equals { question, equals: Literal::Text(self.value.clone()) },
            TestKind::Includes => Condition::Includes { question, includes: self.value.clone() },
            TestKind::AtLeast => Condition::AtLeast { question, at_least: number },
            TestKind::AtMost => Condition::AtMost { question, at_most: number },
            TestKind::Answered => Condition::Answered { answered: question },
        };
        if self.negated {
            Condition::Not { not: Box::new(test) }
        } else {
            test
        }
    }

    fn from_condition(condition: &Condition) -> Option<Test> {
        let (condition, negated) = match condition {
            Condition::Not { not } => (not.as_ref(), true),
            other => (other, false),
        };
        let (question, kind, value) = match condition {
            Condition::Equals { question, equals } => (
                question,
                TestKind::Equals,
                match equals {
                    crate::condition::Literal::Number(n) => n.to_string(),
                    crate::condition::Literal::Text(t) => t.clone(),
                },
            ),
            Condition::Includes { question, includes } => (question, TestKind::Includes, includes.clone()),
            Condition::AtLeast { question, at_least } => (question, TestKind::AtLeast, at_least.to_string()),
            Condition::AtMost { question, at_most } => (question, TestKind::AtMost, at_most.to_string()),
            Condition::Answered { answered } => (answered, TestKind::Answered, String::new()),
            _ => return None,
        };
        Some(Test { question: question.clone(), kind, value, negated })
    }
}

fn default_value(question: &Question, kind: TestKind) -> String {
    match kind {
        TestKind::Answered => String::new(),
        _ => values_for(question, kind)
            .into_iter()
            .next()
            .or_else(|| question.kind.numeric_range().map(|(min, _)| min.to_string()))
            .unwrap_or_default(),
    }
}

impl ConditionForm {
    /// The form of a condition, where it has one (a condition nested deeper, written by hand,
    /// has none and is kept as it is).
    pub fn from_condition(condition: &Condition) -> Option<ConditionForm> {
        match condition {
            Condition::All { all } => Some(ConditionForm {
                join: Join::All,
                tests: all.iter().map(Test::from_condition).collect::<Option<_>>()?,
            }),
            Condition::Any { any } => Some(ConditionForm {
                join: Join::Any,
                tests: any.iter().map(Test::from_condition).collect::<Option<_>>()?,
            }),
            other => Some(ConditionForm { join: Join::All, tests: vec![Test::from_condition(other)?] }),
        }
    }

    /// The condition for the file, typed by the questions the tests name (a number for a
    /// numeric question, an option id for a choice); `None` without tests.
    pub fn to_condition(&self, survey: &Survey) -> Option<Condition> {
        let typed = |test: &Test| {
            let numeric = survey.question(&test.question).is_some_and(|q| q.kind.numeric_range().is_some());
            test.to_condition(numeric)
        };
        match self.tests.as_slice() {
            [] => None,
            [one] => Some(typed(one)),
            many => {
                let list: Vec<Condition> = many.iter().map(typed).collect();
                Some(match self.join {
                    Join::All => Condition::All { all: list },
                    Join::Any => Condition::Any { any: list },
                })
            }
        }
    }
}

/// Gives question `index` a new id, and the conditions and the indicator that named the old
/// one name the new one.
pub fn rename_question(survey: &mut Survey, index: usize, new_id: &str) {
    let Some(old) = survey.questions.get(index).map(|q| q.id.clone()) else { return };
    if old == new_id {
        return;
    }
    survey.questions[index].id = new_id.to_string();
    // Only one question can be renamed: another that had the new id keeps its conditions' names.
    if survey.questions.iter().filter(|q| q.id == old).count() > 0 {
        return;
    }
    for q in &mut survey.questions {
        if let Some(condition) = q.show_if.as_mut() {
            rename_in(condition, &old, new_id);
        }
    }
    if let Some(indicator) = survey.indicator.as_mut() {
        if indicator.question == old {
            indicator.question = new_id.to_string();
        }
    }
}

fn rename_in(condition: &mut Condition, old: &str, new: &str) {
    match condition {
        Condition::Equals { question, .. }
        | Condition::Includes { question, .. }
        | Condition::AtLeast { question, .. }
        | Condition::AtMost { question, .. }
        | Condition::Answered { answered: question } => {
            if question == old {
                *question = new.to_string();
            }
        }
        Condition::All { all: list } | Condition::Any { any: list } => {
            list.iter_mut().for_each(|c| rename_in(c, old, new))
        }
        Condition::Not { not } => rename_in(not, old, new),
    }
}

/// A text's name in a translation sheet, made of ids so that it holds when questions and
/// options move: `title`, `intro`, `indicator.label`, `<question>.prompt`, `<question>.help`,
/// `<question>.option.<option>`, `<question>.min_label`, `<question>.max_label`.
pub fn text_key(survey: &Survey, text: TextRef) -> String {
    let q = |i: usize| survey.questions.get(i).map(|q| q.id.as_str()).unwrap_or_default();
    match text {
        TextRef::Title => "title".into(),
        TextRef::Intro => "intro".into(),
        TextRef::IndicatorLabel => "indicator.label".into(),
        TextRef::Prompt(i) => format!("{}.prompt", q(i)),
        TextRef::Help(i) => format!("{}.help", q(i)),
        TextRef::OptionLabel(i, j) => format!(
            "{}.option.{}",
            q(i),
            survey.questions.get(i).and_then(|x| x.kind.options().get(j)).map(|o| o.id.as_str()).unwrap_or_default()
        ),
        TextRef::MinLabel(i) => format!("{}.min_label", q(i)),
        TextRef::MaxLabel(i) => format!("{}.max_label", q(i)),
    }
}

/// The texts a translator works on: every text the survey has, and the optional ones it could
/// have where one language already has them.
pub fn sheet_texts(survey: &Survey) -> Vec<TextRef> {
    TextRef::all(survey).into_iter().filter(|t| t.get(survey).is_some()).collect()
}

/// The texts missing in a language: empty where the survey needs them.
pub fn missing_texts(survey: &Survey) -> Vec<(TextRef, String)> {
    let mut out = Vec::new();
    for text in sheet_texts(survey) {
        for language in &survey.languages {
            if text.text(survey, language).trim().is_empty() {
                out.push((text, language.clone()));
            }
        }
    }
    out
}

/// The translation sheet: one row per text, a column per language (CSV or XLSX).
pub fn translation_sheet(survey: &Survey) -> crate::report::Table {
    let mut header = vec!["text".to_string()];
    header.extend(survey.languages.iter().cloned());
    let rows = sheet_texts(survey)
        .into_iter()
        .map(|text| {
            let mut row = vec![text_key(survey, text)];
            row.extend(survey.languages.iter().map(|l| text.text(survey, l)));
            row
        })
        .collect();
    crate::report::Table { header, rows }
}

/// What importing a translation sheet did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetReport {
    /// Texts that changed: key and language.
    pub changed: Vec<(String, String)>,
    /// Texts still missing after the import: key and language.
    pub missing: Vec<(String, String)>,
    /// Rows whose text the survey does not have (left alone).
    pub unknown_texts: Vec<String>,
    /// Columns whose language the survey does not have (left alone).
    pub unknown_languages: Vec<String>,
}

/// Why a translation sheet could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum SheetError {
    /// Not CSV as a spreadsheet writes it (a quote left open).
    NotCsv,
    /// The first row is not `text` and the languages.
    NoHeader,
    /// Not an XLSX workbook that can be read (a zip of the spreadsheet's XML files).
    NotXlsx,
}

/// Reads CSV as spreadsheets write it: comma- or semicolon-separated (the first row says which),
/// quoted fields with doubled quotes, CRLF or LF, a byte-order mark or not.
pub fn parse_csv(text: &str) -> Result<Vec<Vec<String>>, SheetError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text.lines().next().unwrap_or_default();
    let separator = if first_line.contains(';') && !first_line.contains(',') { ';' } else { ',' };
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, c) if c == separator => row.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if quoted {
        return Err(SheetError::NotCsv);
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    Ok(rows)
}

/// Takes a translation sheet's texts into the survey: every non-empty cell of a known text and
/// language that differs; empty cells change nothing (a translator's blank is not a deletion).
pub fn import_sheet(survey: &mut Survey, csv: &str) -> Result<SheetReport, SheetError> {
    import_rows(survey, &parse_csv(csv)?)
}

/// Takes the rows of a translation sheet, however it was read (CSV, or an XLSX workbook by
/// `crate::workbook`), into the survey, as [`import_sheet`] does.
pub fn import_rows(survey: &mut Survey, rows: &[Vec<String>]) -> Result<SheetReport, SheetError> {
    let Some((header, body)) = rows.split_first() else { return Err(SheetError::NoHeader) };
    if header.first().map(|h| h.trim()) != Some("text") {
        return Err(SheetError::NoHeader);
    }
    let mut report = SheetReport::default();
    let columns: Vec<(usize, String)> = header
        .iter()
        .enumerate()
        .skip(1)
        .map(|(i, l)| (i, l.trim().to_string()))
        .filter(|(_, l)| !l.is_empty())
        .collect();
    for (_, language) in &columns {
        if !survey.languages.contains(language) {
            report.unknown_languages.push(language.clone());
        }
    }
    let texts: Vec<(String, TextRef)> = TextRef::all(survey).into_iter().map(|t| (text_key(survey, t), t)).collect();
    for row in body.iter().filter(|r| r.iter().any(|c| !c.trim().is_empty())) {
        let key = row.first().map(|k| k.trim()).unwrap_or_default();
        let Some((_, text)) = texts.iter().find(|(k, _)| k == key) else {
            report.unknown_texts.push(key.to_string());
            continue;
        };
        for (column, language) in &columns {
            let value = undefused(row.get(*column).map(String::as_str).unwrap_or_default());
            if !survey.languages.contains(language) || value.trim().is_empty() || text.text(survey, language) == value {
                continue;
            }
            text.set(survey, language, value.to_string());
            report.changed.push((key.to_string(), language.clone()));
        }
    }
    report.missing = missing_texts(survey).into_iter().map(|(t, l)| (text_key(survey, t), l)).collect();
    Ok(report)
}

/// A cell as written before the CSV export guarded it against being read as a formula (a `'`
/// before `=`, `+`, `-`, `@`; see `report::Table::to_csv`).
fn undefused(value: &str) -> &str {
    match value.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => value,
    }
}

/// Whether a language is written right to left (Arabic, Persian and Dari, Hebrew, Urdu, Pashto,
/// Sorani Kurdish, Yiddish, Dhivehi).
pub fn is_right_to_left(tag: &str) -> bool {
    let primary = tag.split('-').next().unwrap_or_default().to_ascii_lowercase();
    matches!(primary.as_str(), "ar" | "fa" | "prs" | "he" | "ur" | "ps" | "ckb" | "yi" | "dv")
}

/// A question from another survey (the question bank: the starter surveys' questions), fitted
/// to `survey`: its own id unless that is taken, its texts in the survey's languages (with the
/// ones it lacks empty, for the translations view to show), and no condition, since that named
/// questions of the survey it came from.
pub fn from_bank(survey: &Survey, question: &Question) -> Question {
    let mut fitted = question.clone();
    if survey.question(&fitted.id).is_some() {
        let taken = survey.questions.iter().map(|q| q.id.as_str());
        fitted.id = (2..)
            .map(|n| format!("{}_{n}", question.id))
            .find(|id| !taken.clone().any(|t| t == id))
            .unwrap_or_default();
    }
    fitted.show_if = None;
    let fit = |text: &LocalizedText| -> LocalizedText {
        survey.languages.iter().map(|l| (l.clone(), text.get(l).cloned().unwrap_or_default())).collect()
    };
    let fit_optional = |text: &Option<LocalizedText>| {
        text.as_ref().map(fit).filter(|t: &LocalizedText| t.values().any(|v| !v.trim().is_empty()))
    };
    fitted.prompt = fit(&question.prompt);
    fitted.help = fit_optional(&question.help);
    match &mut fitted.kind {
        QuestionKind::Single { options }
        | QuestionKind::Multi { options, .. }
        | QuestionKind::Ranking { options, .. } => {
            for option in options.iter_mut() {
                option.label = fit(&option.label);
            }
        }
        QuestionKind::Scale { min_label, max_label, .. } => {
            *min_label = fit_optional(min_label);
            *max_label = fit_optional(max_label);
        }
        _ => {}
    }
    fitted
}
