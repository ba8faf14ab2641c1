//! The survey file (`lytt-survey/1`): the types a survey owner writes as JSON.
//!
//! These types are the contract; `docs/survey-format.md` explains them for owners and
//! `docs/survey.schema.json` is generated from them.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::condition::Condition;

/// The only survey format tag this version reads.
pub const SURVEY_FORMAT: &str = "lytt-survey/1";

/// Text in each of the survey's languages, keyed by BCP 47 tag.
pub type LocalizedText = BTreeMap<String, String>;

/// A whole survey as published by its owner.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "builder", derive(serde::Deserialize))]
pub struct Survey {
    /// Always `"lytt-survey/1"`.
    pub format: String,
    /// Stable id: lowercase letters, digits and `-`.
    pub id: String,
    /// The owner's version label, copied into every record.
    pub version: String,
    /// The languages every text exists in (BCP 47 tags such as `nb`, `nn`, `sv`, `en`).
    pub languages: Vec<String>,
    /// The language used when the person's language is not offered.
    pub default_language: String,
    /// The survey's title.
    pub title: LocalizedText,
    /// A short introduction shown before the first question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<LocalizedText>,
    /// The owner's age X25519 public key (`age1...`).
    pub recipient: String,
    /// How reports and records protect respondents.
    #[serde(default)]
    pub privacy: Privacy,
    /// Timings for the event kiosk.
    #[serde(default)]
    pub kiosk: KioskSettings,
    /// Timings on a shared or public computer.
    #[serde(default)]
    pub shared: SharedSettings,
    /// A headline figure for reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator: Option<Indicator>,
    /// An https URL of an inbox that accepts bundles by POST.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submit_url: Option<String>,
    /// The questions, in the order they are asked.
    pub questions: Vec<Question>,
}

/// Privacy settings of a survey.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "builder", derive(serde::Deserialize))]
pub struct Privacy {
    /// The smallest group a report may show a count for.
    #[serde(default = "default_min_group_size")]
    pub min_group_size: u32,
    /// The only time information a record carries.
    #[serde(default)]
    pub date_precision: DatePrecision,
}

fn default_min_group_size() -> u32 {
    5
}

impl Default for Privacy {
    fn default() -> Self {
        Privacy { min_group_size: default_min_group_size(), date_precision: DatePrecision::default() }
    }
}

/// How precisely a record says when it was completed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "builder", derive(serde::Deserialize))]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    /// `YYYY-MM-DD`.
    Day,
    /// ISO week, `YYYY-Www` (the default: it says less).
    #[default]
    Week,
}

/// Event kiosk timings.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "builder", derive(serde::Deserialize))]
pub struct KioskSettings {
    /// Seconds without a touch or key before the kiosk asks "are you still there?".
    #[serde(default = "default_idle_seconds")]
    pub idle_seconds: u32,
    /// Seconds that question stays before the kiosk acts.
    #[serde(default = "default_warning_seconds")]
    pub warning_seconds: u32,
    /// Seconds the thank-you screen stays.
    #[serde(default = "default_thank_you_seconds")]
    pub thank_you_seconds: u32,
    /// What happens to unfinished answers when the visitor walks away.
    #[serde(default)]
    pub on_idle: OnIdle,
}

fn default_idle_seconds() -> u32 {
    60
}
fn default_warning_seconds() -> u32 {
    15
}
fn default_thank_you_seconds() -> u32 {
    8
}

impl KioskSettings {
    /// When a kiosk left alone gives itself to the next visitor.
    pub fn idle_timing(&self) -> crate::IdleTiming {
        crate::IdleTiming { idle_seconds: self.idle_seconds, warning_seconds: self.warning_seconds }
    }
}

impl Default for KioskSettings {
    fn default() -> Self {
        KioskSettings {
            idle_seconds: default_idle_seconds(),
            warning_seconds: default_warning_seconds(),
            thank_you_seconds: default_thank_you_seconds(),
            on_idle: OnIdle::default(),
        }
    }
}

/// Timings on a shared or public computer (library, service centre, shelter).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "builder", derive(serde::Deserialize))]
pub struct SharedSettings {
    /// Seconds without input before the screen warns that it will be cleared.
    #[serde(default = "default_shared_idle_seconds")]
    pub idle_seconds: u32,
    /// Seconds the warning stays before the screen is cleared.
    #[serde(default = "default_shared_warning_seconds")]
    pub warning_seconds: u32,
}

fn default_shared_idle_seconds() -> u32 {
    300
}
fn default_shared_warning_seconds() -> u32 {
    30
}

impl SharedSettings {
    /// When a shared computer left alone clears its screen.
    pub fn idle_timing(&self) -> crate::IdleTiming {
        crate::IdleTiming { idle_seconds: self.idle_seconds, warning_seconds: self.warning_seconds }
    }
}

impl Default for SharedSettings {
    fn default() -> Self {
        SharedSettings {
            idle_seconds: default_shared_idle_seconds(),
            warning_seconds: default_shared_warning_seconds(),
        }
    }
}

/// What the kiosk does with an abandoned survey.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "builder", derive(serde::Deserialize))]
#[serde(rename_all = "lowercase")]
pub enum OnIdle {
    /// Throw the unfinished answers away.
    #[default]
    Discard,
    /// Seal them as a partial record.
    Keep,
}

/// A headline figure: the share of answers to a single-choice question that are positive.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "builder", derive(serde::Deserialize))]
pub struct Indicator {
    /// The id of a `single` question.
    pub question: String,
    /// The option ids that count as positive.
    pub positive: Vec<String>,
    /// The target share, 0..1.
    pub target: f64,
    /// The figure's name in each language.
    pub label: LocalizedText,
}

/// One question (or information screen).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "builder", derive(serde::Deserialize))]
pub struct Question {
    /// Unique id within the survey: lowercase letters, digits, `_` and `-`.
    pub id: String,
    /// The question type and its type-specific fields.
    #[serde(flatten)]
    pub kind: QuestionKind,
    /// The question text.
    pub prompt: LocalizedText,
    /// Optional help text under the question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<LocalizedText>,
    /// The person must answer or decline before moving on.
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    /// Show the question only when this holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<Condition>,
    /// Recordings of the question read aloud, per language: its prompt, its help and a scale's
    /// end labels, in one file next to the survey file (`media/q1-nb.mp3`). Played instead of the
    /// device's speech; a recorded question needs a recording of each of its options too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio: Option<LocalizedText>,
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// The kinds of question, with their own fields.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "builder", derive(serde::Deserialize))]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum QuestionKind {
    /// Choose one option.
    Single {
        /// The options, in display order.
        options: Vec<ChoiceOption>,
    },
    /// Choose any number of options.
    Multi {
        /// The options, in display order.
        options: Vec<ChoiceOption>,
        /// The most options a person may choose.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_choices: Option<u32>,
    },
    /// Choose exactly `pick` options, most important first.
    Ranking {
        /// The options to rank.
        options: Vec<ChoiceOption>,
        /// How many to rank.
        pick: u32,
    },
    /// A numbered scale, `min..=max`.
    Scale {
        /// The lowest step.
        min: i64,
        /// The highest step.
        max: i64,
        /// What the lowest step means.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min_label: Option<LocalizedText>,
        /// What the highest step means.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_label: Option<LocalizedText>,
    },
    /// Faces from sad (1) to happy (`points`).
    Smiley {
        /// 3 or 5.
        points: u8,
    },
    /// A whole number.
    Number {
        /// The smallest allowed number.
        min: i64,
        /// The largest allowed number.
        max: i64,
    },
    /// Free text.
    Text {
        /// The most characters allowed (default 2000).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_length: Option<u32>,
    },
    /// Text shown between questions; never answered.
    Info,
}

/// Default and ceiling for free-text length when the survey sets none.
pub const DEFAULT_TEXT_MAX_LENGTH: u32 = 2000;

/// One option of a choice question.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "builder", derive(serde::Deserialize))]
pub struct ChoiceOption {
    /// The value recorded when this option is chosen.
    pub id: String,
    /// The option's text.
    pub label: LocalizedText,
    /// Recordings of the option's text, per language (see [`Question::audio`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio: Option<LocalizedText>,
    /// A picture shown with the option, on a large tile (one and several choices).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<Picture>,
}

/// A picture next to the survey file, and what it shows for someone who cannot see it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "builder", derive(serde::Deserialize))]
pub struct Picture {
    /// The file, relative to the survey file (`media/house.webp`).
    pub src: String,
    /// What the picture shows, in each of the survey's languages.
    pub alt: LocalizedText,
}

/// The file types a recording may be, which current browsers play.
pub const AUDIO_TYPES: [&str; 7] = ["mp3", "m4a", "aac", "ogg", "oga", "opus", "wav"];
/// The file types a picture may be.
pub const IMAGE_TYPES: [&str; 6] = ["png", "jpg", "jpeg", "webp", "svg", "avif"];

/// Whether `name` is a file name a survey may point to next to itself: a relative path of plain
/// names (letters, digits, `_`, `-`, `.`, not starting with `.`) ending in one of `types`. Nothing
/// outside the survey's folder, and nothing that a browser would read as another address.
pub fn is_media_file(name: &str, types: &[&str]) -> bool {
    let plain = |part: &str| {
        !part.is_empty()
            && !part.starts_with('.')
            && part.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
    };
    name.len() <= 200
        && name.split('/').all(plain)
        && name.rsplit_once('.').is_some_and(|(_, ext)| types.iter().any(|t| ext.eq_ignore_ascii_case(t)))
}

impl QuestionKind {
    /// The type name as written in the file.
    pub fn type_name(&self) -> &'static str {
        match self {
            QuestionKind::Single { .. } => "single",
            QuestionKind::Multi { .. } => "multi",
            QuestionKind::Ranking { .. } => "ranking",
            QuestionKind::Scale { .. } => "scale",
            QuestionKind::Smiley { .. } => "smiley",
            QuestionKind::Number { .. } => "number",
            QuestionKind::Text { .. } => "text",
            QuestionKind::Info => "info",
        }
    }

    /// The options of a choice question (empty for the others).
    pub fn options(&self) -> &[ChoiceOption] {
        match self {
            QuestionKind::Single { options }
            | QuestionKind::Multi { options, .. }
            | QuestionKind::Ranking { options, .. } => options,
            _ => &[],
        }
    }

    /// The inclusive numeric range of a numeric question.
    pub fn numeric_range(&self) -> Option<(i64, i64)> {
        match *self {
            QuestionKind::Scale { min, max, .. } | QuestionKind::Number { min, max } => Some((min, max)),
            QuestionKind::Smiley { points } => Some((1, i64::from(points))),
            _ => None,
        }
    }
}

impl Question {
    /// Whether this question takes an answer (everything but `info`).
    pub fn is_answerable(&self) -> bool {
        !matches!(self.kind, QuestionKind::Info)
    }

    /// The label of one of this question's options in `language`; the id if it has no such option.
    pub fn option_label(&self, id: &str, language: &str, fallback: &str) -> String {
        self.kind
            .options()
            .iter()
            .find(|o| o.id == id)
            .map_or_else(|| id.to_string(), |o| localized(&o.label, language, fallback).to_string())
    }

    /// Chosen options as text joined by `separator`, numbered ("1. A") for a ranking.
    pub fn choices_text(&self, ids: &[String], language: &str, fallback: &str, separator: &str) -> String {
        let ranked = matches!(self.kind, QuestionKind::Ranking { .. });
        ids.iter()
            .enumerate()
            .map(|(i, id)| {
                let label = self.option_label(id, language, fallback);
                if ranked {
                    format!("{}. {label}", i + 1)
                } else {
                    label
                }
            })
            .collect::<Vec<_>>()
            .join(separator)
    }
}

impl Survey {
    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The position of the question with this id.
    pub fn question_index(&self, id: &str) -> Option<usize> {
        self.questions.iter().position(|q| q.id == id)
    }

    /// Every file the survey points to (recordings and pictures), each once, in the order of the
    /// questions: what `lytt validate` checks.
    pub fn media_files(&self) -> Vec<&str> {
        self.media_files_where(|_| true)
    }

    /// The files someone answering in `language` may need: every picture, and the recordings in
    /// that language (what a device keeps for offline use).
    pub fn media_files_in(&self, language: &str) -> Vec<&str> {
        self.media_files_where(|l| l == language)
    }

    fn media_files_where(&self, language: impl Fn(&str) -> bool) -> Vec<&str> {
        let mut named: Vec<&str> = Vec::new();
        for question in &self.questions {
            let options = question.kind.options();
            let audio = std::iter::once(&question.audio).chain(options.iter().map(|o| &o.audio));
            named.extend(audio.flatten().flatten().filter(|(l, _)| language(l)).map(|(_, name)| name.as_str()));
            named.extend(options.iter().filter_map(|o| o.image.as_ref()).map(|p| p.src.as_str()));
        }
        let mut files: Vec<&str> = Vec::with_capacity(named.len());
        for name in named {
            if !files.contains(&name) {
                files.push(name);
            }
        }
        files
    }

    /// The language to show survey text in: `wanted` if offered, else the default.
    pub fn content_language<'a>(&'a self, wanted: &str) -> &'a str {
        self.languages.iter().find(|l| l.as_str() == wanted).map(String::as_str).unwrap_or(&self.default_language)
    }
}

/// The address of a file next to the survey file `survey_file` (`surveys/x.json`).
pub fn media_address(survey_file: &str, name: &str) -> String {
    match survey_file.rsplit_once('/') {
        Some((folder, _)) => format!("{folder}/{name}"),
        None => name.to_string(),
    }
}

/// Text in `language`, falling back to `fallback` and then to any text there is.
pub fn localized<'a>(text: &'a LocalizedText, language: &str, fallback: &str) -> &'a str {
    text.get(language).or_else(|| text.get(fallback)).or_else(|| text.values().next()).map(String::as_str).unwrap_or("")
}
