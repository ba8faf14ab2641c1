//! Reading a survey file and finding every problem in it at once.

use std::collections::BTreeSet;
use std::fmt;

use serde_json::Value;

use crate::condition::{Condition, Literal};
use crate::survey::{
    is_media_file, LocalizedText, Question, QuestionKind, Survey, AUDIO_TYPES, IMAGE_TYPES, SURVEY_FORMAT,
};

/// One problem in a survey file: where it is and what is wrong, as a plain sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where in the file, e.g. `questions[3].show_if` (empty for the file as a whole).
    pub path: String,
    /// What is wrong, e.g. `names "x", which is not an earlier question`.
    pub message: String,
    /// What is wrong, for the builder to say in the owner's language (`None` where the English
    /// `message` is all there is). Only the builder has it: the respondent's app shows the
    /// English message to pass on to the owner, and its download does not carry the rest.
    #[cfg(feature = "builder")]
    pub why: Option<Why>,
}

impl Problem {
    /// A problem with its English message only.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            path: path.into(),
            message: message.into(),
            #[cfg(feature = "builder")]
            why: None,
        }
    }
}

/// What is wrong, for a message in the survey builder's language. Made only with feature
/// `builder` (see `Checker::because`); the numbers are what the message needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    BadSurveyId,
    Empty,
    NoText {
        language: String,
    },
    NoLanguages,
    BadLanguageTag,
    LanguageTwice,
    DefaultNotListed,
    NotASurveyLanguage,
    BadRecipient,
    GroupTooSmall,
    SecondsOutOfRange,
    BadSubmitUrl,
    NoQuestions,
    BadQuestionId,
    QuestionIdTaken,
    InfoRequired,
    TooFewOptions,
    BadOptionId,
    OptionIdTaken,
    OutOfRange {
        min: i64,
        max: i64,
    },
    ScaleOrder,
    ScaleTooLong,
    SmileyPoints,
    NumberOrder,
    NoConditions,
    NotEarlier,
    NoAnswer,
    NotAnOption,
    TestDoesNotFit,
    OutsideRange {
        min: i64,
        max: i64,
    },
    IndicatorTarget,
    IndicatorQuestion,
    NoOptionChosen,
    /// A recording or picture named by something other than a plain file name of a known type.
    BadMediaFile {
        picture: bool,
    },
    /// A question recorded in `language` whose options are not all recorded in it, or an option
    /// recorded in a language its question is not.
    RecordingsIncomplete {
        language: String,
    },
    /// A picture on an option of a question that shows no pictures (ranking).
    PictureNotShown,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Every problem found in a survey file (never empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyErrors(pub Vec<Problem>);

impl fmt::Display for SurveyErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for SurveyErrors {}

/// Parses and validates a `lytt-survey/1` file.
pub fn parse_survey(text: &str) -> Result<Survey, SurveyErrors> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        one(
            "",
            format!(
                "the file is not valid JSON (line {}, column {}): {}",
                e.line(),
                e.column(),
                plain_serde(&e.to_string())
            ),
        )
    })?;
    parse_survey_value(value)
}

/// Validates a survey already read as JSON.
pub fn parse_survey_value(value: Value) -> Result<Survey, SurveyErrors> {
    let Some(object) = value.as_object() else {
        return Err(one("", "the file must hold a JSON object".into()));
    };
    match object.get("format") {
        None => {
            return Err(one("format", format!("is missing; a survey file starts with \"format\": \"{SURVEY_FORMAT}\"")))
        }
        Some(Value::String(f)) if f == SURVEY_FORMAT => {}
        // Said without writing the value out as JSON: that would bring serde_json's writer into
        // every survey's first screen for this one message.
        Some(Value::String(other)) => {
            return Err(one(
                "format",
                format!("\"{other}\" is not a survey format this app reads; it reads \"{SURVEY_FORMAT}\""),
            ))
        }
        Some(_) => {
            return Err(one("format", format!("must be the text \"{SURVEY_FORMAT}\"")));
        }
    }

    let mut reader = crate::reader::Reader { problems: Vec::new() };
    let survey = reader.survey(&value);
    let survey = match survey {
        Some(survey) if reader.problems.is_empty() => survey,
        _ => return Err(SurveyErrors(reader.problems)),
    };
    let problems = check_survey(&survey);
    if problems.is_empty() {
        Ok(survey)
    } else {
        Err(SurveyErrors(problems))
    }
}

fn one(path: &str, message: String) -> SurveyErrors {
    SurveyErrors(vec![Problem::new(path, message)])
}

/// Turns serde_json's wording of a syntax error into a plainer sentence.
fn plain_serde(message: &str) -> String {
    message.split(" at line ").next().unwrap_or(message).replace('`', "\"")
}

/// Checks a structurally valid survey for every semantic problem.
pub fn check_survey(survey: &Survey) -> Vec<Problem> {
    let mut checker = Checker { survey, problems: Vec::new() };
    checker.run();
    checker.problems
}

struct Checker<'a> {
    survey: &'a Survey,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn problem(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem::new(path, message));
    }

    /// A problem with why it is one, for the builder. Without feature `builder` the reason is
    /// never made, and the compiler leaves it out.
    fn because(&mut self, path: impl Into<String>, message: impl Into<String>, why: impl FnOnce() -> Why) {
        self.problem(path, message);
        #[cfg(feature = "builder")]
        if let Some(last) = self.problems.last_mut() {
            last.why = Some(why());
        }
        #[cfg(not(feature = "builder"))]
        let _ = why;
    }

    fn run(&mut self) {
        let s = self.survey;
        if !is_survey_id(&s.id) {
            self.because(
                "id",
                format!("\"{}\" is not a valid survey id: use 1 to 64 lowercase letters, digits and \"-\"", s.id),
                || Why::BadSurveyId,
            );
        }
        if s.version.trim().is_empty() {
            self.because("version", "is empty", || Why::Empty);
        }
        self.check_languages();
        self.check_text("title", Some(&s.title));
        if let Some(intro) = &s.intro {
            self.check_text("intro", Some(intro));
        }
        if let Err(why) = crate::recipient::check_recipient(&s.recipient) {
            self.because("recipient", format!("\"{}\" is not an age X25519 recipient: {why}", s.recipient), || {
                Why::BadRecipient
            });
        }
        if s.privacy.min_group_size < 2 {
            self.because("privacy.min_group_size", "must be at least 2, or single answers could be seen", || {
                Why::GroupTooSmall
            });
        }
        for (name, value) in [
            ("kiosk.idle_seconds", s.kiosk.idle_seconds),
            ("kiosk.warning_seconds", s.kiosk.warning_seconds),
            ("kiosk.thank_you_seconds", s.kiosk.thank_you_seconds),
            ("shared.idle_seconds", s.shared.idle_seconds),
            ("shared.warning_seconds", s.shared.warning_seconds),
        ] {
            if value == 0 || value > 3600 {
                self.because(name, format!("{value} is out of range: use 1 to 3600 seconds"), || {
                    Why::SecondsOutOfRange
                });
            }
        }
        if let Some(url) = &s.submit_url {
            if !is_submit_url(url) {
                self.because(
                    "submit_url",
                    format!("\"{url}\" must be an https URL (http is allowed only for 127.0.0.1 or localhost)"),
                    || Why::BadSubmitUrl,
                );
            }
        }
        self.check_questions();
        self.check_indicator();
    }

    fn check_languages(&mut self) {
        let s = self.survey;
        if s.languages.is_empty() {
            self.because("languages", "lists no language", || Why::NoLanguages);
        }
        let mut seen = BTreeSet::new();
        for (i, tag) in s.languages.iter().enumerate() {
            if !is_language_tag(tag) {
                self.because(
                    format!("languages[{i}]"),
                    format!("\"{tag}\" is not a language tag such as \"nb\", \"sv\" or \"en\""),
                    || Why::BadLanguageTag,
                );
            }
            if !seen.insert(tag.as_str()) {
                self.because(format!("languages[{i}]"), format!("\"{tag}\" is listed twice"), || Why::LanguageTwice);
            }
        }
        if !s.languages.contains(&s.default_language) {
            self.because(
                "default_language",
                format!("\"{}\" is not one of the survey's languages", s.default_language),
                || Why::DefaultNotListed,
            );
        }
    }

    /// Every listed language must have a non-empty text, and no other language may appear.
    fn check_text(&mut self, path: &str, text: Option<&LocalizedText>) {
        let Some(text) = text else {
            return;
        };
        for language in &self.survey.languages {
            match text.get(language) {
                None => self.because(path, format!("has no text in \"{language}\""), || Why::NoText {
                    language: language.clone(),
                }),
                Some(t) if t.trim().is_empty() => self.because(format!("{path}.{language}"), "is empty", || Why::Empty),
                Some(_) => {}
            }
        }
        for language in text.keys() {
            if !self.survey.languages.contains(language) {
                self.because(
                    format!("{path}.{language}"),
                    format!("\"{language}\" is not one of the survey's languages"),
                    || Why::NotASurveyLanguage,
                );
            }
        }
    }

    fn check_questions(&mut self) {
        let s = self.survey;
        if s.questions.is_empty() {
            self.because("questions", "the survey has no questions", || Why::NoQuestions);
        }
        let mut seen = BTreeSet::new();
        for (i, q) in s.questions.iter().enumerate() {
            let path = format!("questions[{i}]");
            if !is_question_id(&q.id) {
                self.because(
                    format!("{path}.id"),
                    format!("\"{}\" is not a valid question id: use 1 to 64 lowercase letters, digits, \"_\" and \"-\", starting with a letter", q.id), || Why::BadQuestionId);
            }
            if !seen.insert(q.id.as_str()) {
                self.because(format!("{path}.id"), format!("\"{}\" is used by an earlier question", q.id), || {
                    Why::QuestionIdTaken
                });
            }
            self.check_text(&format!("{path}.prompt"), Some(&q.prompt));
            self.check_text(&format!("{path}.help"), q.help.as_ref());
            if q.required && !q.is_answerable() {
                self.because(format!("{path}.required"), "an info screen cannot be required", || Why::InfoRequired);
            }
            self.check_kind(&path, &q.kind);
            self.check_media(&path, q);
            if let Some(condition) = &q.show_if {
                self.check_condition(&format!("{path}.show_if"), condition, i);
            }
        }
    }

    /// Recordings and pictures: plain file names next to the survey, in the survey's languages; a
    /// question's recording in a language comes with one of each option, so that reading a screen
    /// aloud never switches between a recorded voice and the device's.
    fn check_media(&mut self, path: &str, q: &Question) {
        let audio_names = |s: &mut Self, path: String, audio: Option<&LocalizedText>| {
            let Some(audio) = audio else { return };
            for (language, name) in audio {
                if !s.survey.languages.contains(language) {
                    s.because(
                        format!("{path}.{language}"),
                        format!("\"{language}\" is not one of the survey's languages"),
                        || Why::NotASurveyLanguage,
                    );
                }
                if !is_media_file(name, &AUDIO_TYPES) {
                    s.because(
                        format!("{path}.{language}"),
                        format!("\"{name}\" is not a recording's file name: use a file next to the survey file, ending in .{}", AUDIO_TYPES.join(", .")),
                        || Why::BadMediaFile { picture: false },
                    );
                }
            }
        };
        audio_names(self, format!("{path}.audio"), q.audio.as_ref());
        // Keys of maps, so sorted and each once.
        let recorded: Vec<&String> = q.audio.iter().flat_map(|a| a.keys()).collect();
        for (j, option) in q.kind.options().iter().enumerate() {
            let option_path = format!("{path}.options[{j}]");
            audio_names(self, format!("{option_path}.audio"), option.audio.as_ref());
            let option_recorded: Vec<&String> = option.audio.iter().flat_map(|a| a.keys()).collect();
            for (language, in_question) in in_one_only(&recorded, &option_recorded) {
                let message = if in_question {
                    format!("has no recording in \"{language}\", which its question has")
                } else {
                    format!("has a recording in \"{language}\", which its question has not")
                };
                self.because(format!("{option_path}.audio"), message, || Why::RecordingsIncomplete {
                    language: language.to_string(),
                });
            }
            if let Some(picture) = &option.image {
                if !is_media_file(&picture.src, &IMAGE_TYPES) {
                    self.because(
                        format!("{option_path}.image.src"),
                        format!(
                            "\"{}\" is not a picture's file name: use a file next to the survey file, ending in .{}",
                            picture.src,
                            IMAGE_TYPES.join(", .")
                        ),
                        || Why::BadMediaFile { picture: true },
                    );
                }
                self.check_text(&format!("{option_path}.image.alt"), Some(&picture.alt));
                if matches!(q.kind, QuestionKind::Ranking { .. }) {
                    self.because(
                        format!("{option_path}.image"),
                        "a ranking question shows no pictures: use them on one-choice and several-choice questions",
                        || Why::PictureNotShown,
                    );
                }
            }
        }
    }

    fn check_kind(&mut self, path: &str, kind: &QuestionKind) {
        let options = kind.options();
        if matches!(kind, QuestionKind::Single { .. } | QuestionKind::Multi { .. } | QuestionKind::Ranking { .. }) {
            if options.len() < 2 {
                self.because(format!("{path}.options"), "a choice question needs at least 2 options", || {
                    Why::TooFewOptions
                });
            }
            let mut seen = BTreeSet::new();
            for (j, option) in options.iter().enumerate() {
                if !is_question_id(&option.id) {
                    self.because(
                        format!("{path}.options[{j}].id"),
                        format!("\"{}\" is not a valid option id: use lowercase letters, digits, \"_\" and \"-\", starting with a letter", option.id), || Why::BadOptionId);
                }
                if !seen.insert(option.id.as_str()) {
                    self.because(
                        format!("{path}.options[{j}].id"),
                        format!("\"{}\" is used by an earlier option", option.id),
                        || Why::OptionIdTaken,
                    );
                }
                self.check_text(&format!("{path}.options[{j}].label"), Some(&option.label));
            }
        }
        match kind {
            QuestionKind::Multi { max_choices: Some(max), .. } if *max == 0 || *max as usize > options.len() => {
                self.because(
                    format!("{path}.max_choices"),
                    format!("{max} is out of range: use 1 to {}", options.len()),
                    || Why::OutOfRange { min: 1, max: options.len() as i64 },
                );
            }
            QuestionKind::Ranking { pick, .. } if *pick == 0 || *pick as usize > options.len() => {
                self.because(
                    format!("{path}.pick"),
                    format!("{pick} is out of range: use 1 to {}", options.len()),
                    || Why::OutOfRange { min: 1, max: options.len() as i64 },
                );
            }
            QuestionKind::Scale { min, max, min_label, max_label } => {
                if min >= max {
                    self.because(path, format!("min ({min}) must be less than max ({max})"), || Why::ScaleOrder);
                } else if max.saturating_sub(*min) > 20 {
                    self.because(
                        path,
                        format!("a scale from {min} to {max} has too many steps: at most 21 (use a number question)"),
                        || Why::ScaleTooLong,
                    );
                }
                self.check_text(&format!("{path}.min_label"), min_label.as_ref());
                self.check_text(&format!("{path}.max_label"), max_label.as_ref());
            }
            QuestionKind::Smiley { points } if *points != 3 && *points != 5 => {
                self.because(
                    format!("{path}.points"),
                    format!("{points} is not allowed: a smiley question has 3 or 5 faces"),
                    || Why::SmileyPoints,
                );
            }
            QuestionKind::Number { min, max } if min > max => {
                self.because(path, format!("min ({min}) must not be more than max ({max})"), || Why::NumberOrder);
            }
            QuestionKind::Text { max_length: Some(max) } if *max == 0 || *max > 10_000 => {
                self.because(
                    format!("{path}.max_length"),
                    format!("{max} is out of range: use 1 to 10000 characters"),
                    || Why::OutOfRange { min: 1, max: 10_000 },
                );
            }
            _ => {}
        }
    }

    fn check_condition(&mut self, path: &str, condition: &Condition, own_index: usize) {
        match condition {
            Condition::All { all: list } | Condition::Any { any: list } => {
                let key = if matches!(condition, Condition::All { .. }) { "all" } else { "any" };
                if list.is_empty() {
                    self.because(format!("{path}.{key}"), "lists no condition", || Why::NoConditions);
                }
                for (j, inner) in list.iter().enumerate() {
                    self.check_condition(&format!("{path}.{key}[{j}]"), inner, own_index);
                }
            }
            Condition::Not { not } => self.check_condition(&format!("{path}.not"), not, own_index),
            _ => self.check_test(path, condition, own_index),
        }
    }

    fn check_test(&mut self, path: &str, condition: &Condition, own_index: usize) {
        let Some(name) = condition.named_question() else {
            return;
        };
        let target = self.survey.questions[..own_index].iter().find(|q| q.id == name);
        let Some(target) = target else {
            self.because(path, format!("names \"{name}\", which is not an earlier question"), || Why::NotEarlier);
            return;
        };
        let kind = &target.kind;
        let type_name = kind.type_name();
        if !target.is_answerable() {
            self.because(path, format!("names \"{name}\", an info screen, which has no answer"), || Why::NoAnswer);
            return;
        }
        match condition {
            Condition::Equals { equals, .. } => match (kind, equals) {
                (QuestionKind::Single { options }, Literal::Text(id)) => {
                    if !options.iter().any(|o| &o.id == id) {
                        self.because(format!("{path}.equals"), format!("\"{id}\" is not an option of \"{name}\""), || Why::NotAnOption);
                    }
                }
                (QuestionKind::Text { .. }, Literal::Text(_)) => {}
                (QuestionKind::Scale { .. } | QuestionKind::Smiley { .. } | QuestionKind::Number { .. }, Literal::Number(n)) => {
                    self.check_in_range(path, "equals", name, kind, *n);
                }
                (QuestionKind::Multi { .. } | QuestionKind::Ranking { .. }, _) => {
                    self.because(path, format!("uses \"equals\" on \"{name}\", a {type_name} question; use \"includes\""), || Why::TestDoesNotFit);
                }
                (_, Literal::Number(_)) => {
                    self.because(format!("{path}.equals"), format!("compares \"{name}\", a {type_name} question, with a number"), || Why::TestDoesNotFit);
                }
                (_, Literal::Text(_)) => {
                    self.because(format!("{path}.equals"), format!("compares \"{name}\", a {type_name} question, with a text; use a number"), || Why::TestDoesNotFit);
                }
            },
            Condition::Includes { includes, .. } => match kind {
                QuestionKind::Multi { options, .. } | QuestionKind::Ranking { options, .. } => {
                    if !options.iter().any(|o| &o.id == includes) {
                        self.because(format!("{path}.includes"), format!("\"{includes}\" is not an option of \"{name}\""), || Why::NotAnOption);
                    }
                }
                _ => self.because(
                    path,
                    format!("uses \"includes\" on \"{name}\", a {type_name} question; \"includes\" is for multi and ranking questions"), || Why::TestDoesNotFit),
            },
            Condition::AtLeast { at_least: n, .. } | Condition::AtMost { at_most: n, .. } => {
                let key = if matches!(condition, Condition::AtLeast { .. }) { "at_least" } else { "at_most" };
                if kind.numeric_range().is_some() {
                    self.check_in_range(path, key, name, kind, *n);
                } else {
                    self.because(
                        path,
                        format!("uses \"{key}\" on \"{name}\", a {type_name} question; it is for scale, smiley and number questions"), || Why::TestDoesNotFit);
                }
            }
            _ => {}
        }
    }

    fn check_in_range(&mut self, path: &str, key: &str, name: &str, kind: &QuestionKind, n: i64) {
        if let Some((min, max)) = kind.numeric_range() {
            if !(min..=max).contains(&n) {
                self.because(
                    format!("{path}.{key}"),
                    format!("{n} is outside the range of \"{name}\" ({min} to {max})"),
                    || Why::OutsideRange { min, max },
                );
            }
        }
    }

    fn check_indicator(&mut self) {
        let Some(indicator) = &self.survey.indicator else {
            return;
        };
        self.check_text("indicator.label", Some(&indicator.label));
        if !(0.0..=1.0).contains(&indicator.target) {
            // The value is not repeated: formatting floats would add ~10 KB to the web app.
            self.because("indicator.target", "must be a share from 0 to 1, such as 0.7", || Why::IndicatorTarget);
        }
        match self.survey.question(&indicator.question) {
            None => self
                .problem("indicator.question", format!("\"{}\" is not a question of this survey", indicator.question)),
            Some(Question { kind: QuestionKind::Single { options }, .. }) => {
                for (j, id) in indicator.positive.iter().enumerate() {
                    if !options.iter().any(|o| &o.id == id) {
                        self.because(
                            format!("indicator.positive[{j}]"),
                            format!("\"{id}\" is not an option of \"{}\"", indicator.question),
                            || Why::NotAnOption,
                        );
                    }
                }
                if indicator.positive.is_empty() {
                    self.because("indicator.positive", "lists no option", || Why::NoOptionChosen);
                }
            }
            Some(q) => self.because(
                "indicator.question",
                format!("\"{}\" is a {} question; the indicator needs a single question", q.id, q.kind.type_name()),
                || Why::IndicatorQuestion,
            ),
        }
    }
}

/// A survey id: 1 to 64 of `a-z`, `0-9`, `-`, not starting or ending with `-`.
pub fn is_survey_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

/// A question or option id: 1 to 64 of `a-z`, `0-9`, `_`, `-`, starting with a letter.
pub fn is_question_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

/// A BCP 47 tag in the simple forms surveys use: `nb`, `se`, `sv-FI`, `zh-Hant`.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn is_submit_url(url: &str) -> bool {
    let rest = if let Some(rest) = url.strip_prefix("https://") {
        return !rest.is_empty() && !rest.starts_with('/');
    } else if let Some(rest) = url.strip_prefix("http://") {
        rest
    } else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = match host.rsplit_once(':') {
        Some((h, port)) if !port.ends_with(']') => h,
        _ => host,
    };
    host == "127.0.0.1" || host == "localhost" || host == "[::1]"
}

/// What is in exactly one of two sorted lists without repeats, in order, each with whether it
/// is in the first. (A merge: sets would bring a sort and a B-tree of their own into every
/// survey's first screen.)
fn in_one_only<'a, T: Ord + ?Sized>(first: &[&'a T], second: &[&'a T]) -> Vec<(&'a T, bool)> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    loop {
        match (first.get(i), second.get(j)) {
            (Some(a), Some(b)) if a == b => {
                i += 1;
                j += 1;
            }
            (Some(a), Some(b)) if a < b => {
                out.push((*a, true));
                i += 1;
            }
            (Some(a), None) => {
                out.push((*a, true));
                i += 1;
            }
            (_, Some(b)) => {
                out.push((*b, false));
                j += 1;
            }
            (None, None) => return out,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::in_one_only;

    #[test]
    fn in_one_only_merges_two_sorted_lists() {
        let (a, b, c, d) = ("a", "b", "c", "d");
        assert_eq!(in_one_only(&[a, b, d], &[b, c]), vec![(a, true), (c, false), (d, true)]);
        assert_eq!(in_one_only::<str>(&[], &[a, b]), vec![(a, false), (b, false)]);
        assert_eq!(in_one_only::<str>(&[c], &[]), vec![(c, true)]);
        assert_eq!(in_one_only(&[a, c], &[a, c]), vec![]);
    }
}
