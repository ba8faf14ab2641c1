//! Answers as they appear in a response record, and checking them against a question.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

use crate::survey::{Question, QuestionKind, DEFAULT_TEXT_MAX_LENGTH};

/// One answer. The question's type says how to read it: a `Text` is an option id for a
/// `single` question and free text for a `text` question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// "Prefer not to answer": recorded as `{"declined": true}`.
    Declined,
    /// An option id (`single`) or free text (`text`).
    Text(String),
    /// Option ids: in the options' order (`multi`) or most important first (`ranking`).
    List(Vec<String>),
    /// A whole number (`scale`, `smiley`, `number`).
    Number(i64),
}

/// Why an answer does not fit its question.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AnswerError {
    /// The question is an `info` screen and takes no answer.
    NotAnswerable,
    /// The answer's shape does not fit the question type (e.g. a number for `single`).
    WrongKind,
    /// An option id that the question does not have.
    UnknownOption(String),
    /// The same option twice.
    DuplicateOption(String),
    /// More options than `max_choices`.
    TooManyChoices {
        /// The most allowed.
        max: u32,
    },
    /// A ranking with another number of options than `pick`.
    WrongCount {
        /// The number required.
        expected: u32,
    },
    /// A number outside `min..=max`.
    OutOfRange {
        /// The smallest allowed.
        min: i64,
        /// The largest allowed.
        max: i64,
    },
    /// Text longer than `max_length` characters.
    TooLong {
        /// The most characters allowed.
        max: u32,
    },
    /// An empty text or an empty choice list (that is "not answered", not an answer).
    Empty,
}

impl fmt::Display for AnswerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnswerError::NotAnswerable => write!(f, "an info screen takes no answer"),
            AnswerError::WrongKind => write!(f, "the answer does not fit the question type"),
            AnswerError::UnknownOption(id) => {
                write!(f, "\"{id}\" is not an option of this question")
            }
            AnswerError::DuplicateOption(id) => write!(f, "\"{id}\" is chosen twice"),
            AnswerError::TooManyChoices { max } => write!(f, "at most {max} options may be chosen"),
            AnswerError::WrongCount { expected } => {
                write!(f, "exactly {expected} options must be ranked")
            }
            AnswerError::OutOfRange { min, max } => {
                write!(f, "the number must be from {min} to {max}")
            }
            AnswerError::TooLong { max } => write!(f, "the text may be at most {max} characters"),
            AnswerError::Empty => write!(f, "the answer is empty"),
        }
    }
}

impl std::error::Error for AnswerError {}

impl Answer {
    /// Whether this is a real answer rather than "prefer not to answer".
    pub fn is_given(&self) -> bool {
        !matches!(self, Answer::Declined)
    }
}

impl Question {
    /// Checks that `answer` is a valid answer to this question.
    pub fn check(&self, answer: &Answer) -> Result<(), AnswerError> {
        if !self.is_answerable() {
            return Err(AnswerError::NotAnswerable);
        }
        if let Answer::Declined = answer {
            return Ok(());
        }
        match (&self.kind, answer) {
            (QuestionKind::Single { options }, Answer::Text(id)) => {
                if options.iter().any(|o| &o.id == id) {
                    Ok(())
                } else {
                    Err(AnswerError::UnknownOption(id.clone()))
                }
            }
            (QuestionKind::Multi { options, max_choices }, Answer::List(ids)) => {
                check_option_list(options.iter().map(|o| o.id.as_str()), ids)?;
                if ids.is_empty() {
                    return Err(AnswerError::Empty);
                }
                match max_choices {
                    Some(max) if ids.len() > *max as usize => Err(AnswerError::TooManyChoices { max: *max }),
                    _ => Ok(()),
                }
            }
            (QuestionKind::Ranking { options, pick }, Answer::List(ids)) => {
                check_option_list(options.iter().map(|o| o.id.as_str()), ids)?;
                if ids.len() == *pick as usize {
                    Ok(())
                } else {
                    Err(AnswerError::WrongCount { expected: *pick })
                }
            }
            (
                QuestionKind::Scale { .. } | QuestionKind::Smiley { .. } | QuestionKind::Number { .. },
                Answer::Number(n),
            ) => {
                let (min, max) = self.kind.numeric_range().unwrap_or((i64::MIN, i64::MAX));
                if (min..=max).contains(n) {
                    Ok(())
                } else {
                    Err(AnswerError::OutOfRange { min, max })
                }
            }
            (QuestionKind::Text { max_length }, Answer::Text(text)) => {
                let max = max_length.unwrap_or(DEFAULT_TEXT_MAX_LENGTH);
                if text.trim().is_empty() {
                    Err(AnswerError::Empty)
                } else if text.chars().count() > max as usize {
                    Err(AnswerError::TooLong { max })
                } else {
                    Ok(())
                }
            }
            _ => Err(AnswerError::WrongKind),
        }
    }

    /// Reads a stored or recorded JSON value as an answer to this question, checking it.
    pub fn answer_from_json(&self, value: &serde_json::Value) -> Result<Answer, AnswerError> {
        let answer: Answer = serde_json::from_value(value.clone()).map_err(|_| AnswerError::WrongKind)?;
        self.check(&answer)?;
        Ok(answer)
    }
}

fn check_option_list<'a>(known: impl Iterator<Item = &'a str> + Clone, ids: &[String]) -> Result<(), AnswerError> {
    for (i, id) in ids.iter().enumerate() {
        if !known.clone().any(|k| k == id) {
            return Err(AnswerError::UnknownOption(id.clone()));
        }
        if ids[..i].contains(id) {
            return Err(AnswerError::DuplicateOption(id.clone()));
        }
    }
    Ok(())
}

impl Serialize for Answer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Answer::Declined => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("declined", &true)?;
                map.end()
            }
            Answer::Text(text) => serializer.serialize_str(text),
            Answer::List(ids) => ids.serialize(serializer),
            Answer::Number(n) => serializer.serialize_i64(*n),
        }
    }
}

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(AnswerVisitor)
    }
}

struct AnswerVisitor;

impl<'de> Visitor<'de> for AnswerVisitor {
    type Value = Answer;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a string, an array of strings, an integer or {{\"declined\": true}}")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Answer, E> {
        Ok(Answer::Text(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Answer, E> {
        Ok(Answer::Text(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Answer, E> {
        Ok(Answer::Number(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Answer, E> {
        i64::try_from(v).map(Answer::Number).map_err(|_| E::custom("number too large"))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Answer, A::Error> {
        let mut ids = Vec::new();
        while let Some(id) = seq.next_element::<String>()? {
            ids.push(id);
        }
        Ok(Answer::List(ids))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Answer, A::Error> {
        let mut declined = false;
        while let Some((key, value)) = map.next_entry::<String, serde_json::Value>()? {
            if key == "declined" && value == serde_json::Value::Bool(true) {
                declined = true;
            } else {
                return Err(de::Error::custom("an answer object may only be {\"declined\": true}"));
            }
        }
        if declined {
            Ok(Answer::Declined)
        } else {
            Err(de::Error::custom("an answer object must be {\"declined\": true}"))
        }
    }
}
