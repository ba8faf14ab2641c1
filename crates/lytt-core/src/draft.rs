//! The answers given so far, where the person is, and every step they can take.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::answer::{Answer, AnswerError};
use crate::response::{Completion, Response, Status, RESPONSE_FORMAT};
use crate::survey::Survey;

/// Drafts untouched for longer than this many days are removed.
pub const DRAFT_MAX_AGE_DAYS: i64 = 14;

/// Where in the survey the person is. Stored as `"intro"`, `"review"` or `"q:<question id>"`
/// (a plain string keeps serde's buffering of tagged enums out of the web app).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The survey's start screen (title and intro).
    Intro,
    /// A question screen.
    Question(String),
    /// The review screen before finishing.
    Review,
}

impl Serialize for Place {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Place::Intro => serializer.serialize_str("intro"),
            Place::Review => serializer.serialize_str("review"),
            Place::Question(id) => serializer.serialize_str(&format!("q:{id}")),
        }
    }
}

impl<'de> Deserialize<'de> for Place {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        match text.as_str() {
            "intro" => Ok(Place::Intro),
            "review" => Ok(Place::Review),
            other => match other.strip_prefix("q:") {
                Some(id) => Ok(Place::Question(id.to_string())),
                None => Err(serde::de::Error::custom("not a place in a survey")),
            },
        }
    }
}

/// An unfinished response: kept on the device while it is being given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// The survey's id.
    pub survey: String,
    /// The survey version the answers were given to.
    pub survey_version: String,
    /// The language the person chose.
    pub language: String,
    /// Answers by question id (only shown questions keep answers).
    pub answers: BTreeMap<String, Answer>,
    /// Where the person was last.
    pub place: Place,
    /// The day of the last change, in days since 1970-01-01 (for expiry; never recorded).
    pub updated_day: i64,
}

/// What the start-up sweep reads of a stored draft: whose it is and when it last changed, not
/// the answers (so the start page does not carry the code that reads them). It still reads
/// only whole, well-formed JSON.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct DraftStamp {
    /// The survey's id.
    pub survey: String,
    /// The day of the last change, in days since 1970-01-01.
    pub updated_day: i64,
}

impl DraftStamp {
    /// Whether the draft has expired on day `today`.
    pub fn is_expired(&self, today: i64) -> bool {
        expired(self.updated_day, today)
    }
}

/// Which of the survey's questions are shown, in order, given `answers`: a question's `show_if`
/// sees only the answers of questions shown before it.
pub fn visibility(survey: &Survey, answers: &BTreeMap<String, Answer>) -> Vec<bool> {
    let mut shown: Vec<bool> = Vec::with_capacity(survey.questions.len());
    for question in &survey.questions {
        let visible = match &question.show_if {
            None => true,
            Some(condition) => {
                let answer_of = |id: &str| -> Option<&Answer> {
                    let index = survey.questions.iter().position(|q| q.id == id)?;
                    if *shown.get(index)? {
                        answers.get(id)
                    } else {
                        None
                    }
                };
                condition.holds(&answer_of)
            }
        };
        shown.push(visible);
    }
    shown
}

/// For a person at question `at`: whether each question is shown (`Some(true)`), not shown
/// (`Some(false)`), or may yet be either (`None`), because its `show_if` turns on an answer
/// still to come: a question from `at` on that is unanswered, or one that may itself be shown.
/// Questions before `at` are settled; one the person passed without answering stays unanswered.
fn reach(survey: &Survey, answers: &BTreeMap<String, Answer>, at: usize) -> Vec<Option<bool>> {
    let mut reach: Vec<Option<bool>> = Vec::with_capacity(survey.questions.len());
    for question in &survey.questions {
        let state = match &question.show_if {
            None => Some(true),
            Some(condition) => {
                let answer_of = |id: &str| -> Option<Option<&Answer>> {
                    let Some(index) = survey.questions.iter().position(|q| q.id == id) else { return Some(None) };
                    match reach.get(index).copied().flatten() {
                        Some(false) => Some(None),
                        Some(true) => match answers.get(id) {
                            Some(answer) => Some(Some(answer)),
                            None if index < at => Some(None),
                            None => None,
                        },
                        // Not yet known to be shown (or, read wrongly, named before it is asked).
                        None => None,
                    }
                };
                condition.may_hold(&answer_of)
            }
        };
        reach.push(state);
    }
    reach
}

/// Whether a draft last changed on `updated_day` has expired on day `today`.
fn expired(updated_day: i64, today: i64) -> bool {
    today - updated_day > DRAFT_MAX_AGE_DAYS
}

/// Why a step on a draft was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DraftError {
    /// The survey has no question with this id.
    UnknownQuestion(String),
    /// The question is hidden by its `show_if` and cannot be answered now.
    Hidden(String),
    /// The answer does not fit the question.
    Answer(AnswerError),
    /// A required question was neither answered nor declined.
    RequiredUnanswered(String),
}

impl fmt::Display for DraftError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DraftError::UnknownQuestion(id) => write!(f, "the survey has no question \"{id}\""),
            DraftError::Hidden(id) => write!(f, "question \"{id}\" is not shown now"),
            DraftError::Answer(e) => write!(f, "{e}"),
            DraftError::RequiredUnanswered(id) => {
                write!(f, "question \"{id}\" must be answered or declined")
            }
        }
    }
}

impl std::error::Error for DraftError {}

impl From<AnswerError> for DraftError {
    fn from(e: AnswerError) -> Self {
        DraftError::Answer(e)
    }
}

impl Draft {
    /// A new, empty draft at the survey's start screen.
    pub fn new(survey: &Survey, language: &str, today: i64) -> Draft {
        Draft {
            survey: survey.id.clone(),
            survey_version: survey.version.clone(),
            language: survey.content_language(language).to_string(),
            answers: BTreeMap::new(),
            place: Place::Intro,
            updated_day: today,
        }
    }

    /// Which questions are shown, by index. A condition only sees answers of shown questions.
    pub fn visibility(&self, survey: &Survey) -> Vec<bool> {
        visibility(survey, &self.answers)
    }

    /// Whether the question with this id is shown now.
    pub fn is_visible(&self, survey: &Survey, id: &str) -> bool {
        survey.question_index(id).is_some_and(|i| self.visibility(survey)[i])
    }

    /// The ids of the questions shown now, in order.
    pub fn visible_ids<'a>(&self, survey: &'a Survey) -> Vec<&'a str> {
        let shown = self.visibility(survey);
        survey.questions.iter().zip(shown).filter(|(_, v)| *v).map(|(q, _)| q.id.as_str()).collect()
    }

    /// Records an answer (or "declined") and drops answers of questions it hides.
    pub fn set_answer(&mut self, survey: &Survey, id: &str, answer: Answer) -> Result<(), DraftError> {
        let question = survey.question(id).ok_or_else(|| DraftError::UnknownQuestion(id.into()))?;
        if !self.is_visible(survey, id) {
            return Err(DraftError::Hidden(id.into()));
        }
        question.check(&answer)?;
        self.answers.insert(id.to_string(), answer);
        self.drop_hidden_answers(survey);
        Ok(())
    }

    /// Removes an answer (back to "not answered") and drops answers of questions that hides.
    pub fn clear_answer(&mut self, survey: &Survey, id: &str) {
        self.answers.remove(id);
        self.drop_hidden_answers(survey);
    }

    /// Removes answers of hidden questions; returns how many were removed.
    pub fn drop_hidden_answers(&mut self, survey: &Survey) -> usize {
        let before = self.answers.len();
        // Dropping one answer can hide further questions, so repeat until nothing changes.
        loop {
            let shown = self.visibility(survey);
            let hidden: Vec<String> = survey
                .questions
                .iter()
                .zip(&shown)
                .filter(|(q, v)| !**v && self.answers.contains_key(&q.id))
                .map(|(q, _)| q.id.clone())
                .collect();
            if hidden.is_empty() {
                break;
            }
            for id in hidden {
                self.answers.remove(&id);
            }
        }
        before - self.answers.len()
    }

    /// Makes a stored draft fit the survey as it is now: drops answers to questions that no
    /// longer exist or whose answer no longer fits, and a place that no longer exists.
    /// Returns how many answers were dropped.
    pub fn reconcile(&mut self, survey: &Survey) -> usize {
        let before = self.answers.len();
        self.answers.retain(|id, answer| survey.question(id).is_some_and(|q| q.check(answer).is_ok()));
        self.drop_hidden_answers(survey);
        if let Place::Question(id) = &self.place {
            if !self.is_visible(survey, id) {
                self.place = Place::Intro;
            }
        }
        self.survey_version = survey.version.clone();
        before - self.answers.len()
    }

    /// Whether a required question still lacks an answer or a "declined".
    fn blocks(&self, survey: &Survey, id: &str) -> bool {
        survey.question(id).is_some_and(|q| q.required && !self.answers.contains_key(id))
    }

    /// The place after `from`: the next shown question, or the review screen.
    pub fn next_place(&self, survey: &Survey, from: &Place) -> Result<Place, DraftError> {
        let shown = self.visibility(survey);
        let start = match from {
            Place::Intro => 0,
            Place::Question(id) => {
                let index = survey.question_index(id).ok_or_else(|| DraftError::UnknownQuestion(id.clone()))?;
                if shown[index] && self.blocks(survey, id) {
                    return Err(DraftError::RequiredUnanswered(id.clone()));
                }
                index + 1
            }
            Place::Review => return Ok(Place::Review),
        };
        Ok((start..survey.questions.len())
            .find(|&i| shown[i])
            .map_or(Place::Review, |i| Place::Question(survey.questions[i].id.clone())))
    }

    /// Where a returning person continues: where they were, or the first shown question if
    /// they had not got past the start screen.
    pub fn resume_place(&self, survey: &Survey) -> Place {
        match &self.place {
            Place::Intro => self.next_place(survey, &Place::Intro).unwrap_or(Place::Review),
            place => place.clone(),
        }
    }

    /// The place before `from`: the previous shown question, or the start screen.
    pub fn previous_place(&self, survey: &Survey, from: &Place) -> Place {
        let shown = self.visibility(survey);
        let end = match from {
            Place::Intro => return Place::Intro,
            Place::Question(id) => survey.question_index(id).unwrap_or(0),
            Place::Review => survey.questions.len(),
        };
        (0..end).rev().find(|&i| shown[i]).map_or(Place::Intro, |i| Place::Question(survey.questions[i].id.clone()))
    }

    /// The question's number among the shown questions (1-based), and how many questions the
    /// person can still meet: those shown before it, it, and those after it that are shown or may
    /// yet be, depending on answers still to come. As the person goes on, the count only shrinks
    /// (a question that can no longer be shown drops out), so "Question 8 of 9" never turns
    /// into "Question 9 of 12"; only changing an earlier answer can bring questions back.
    pub fn progress(&self, survey: &Survey, id: &str) -> Option<(usize, usize)> {
        let at = survey.question_index(id)?;
        let reach = reach(survey, &self.answers, at);
        if reach[at] != Some(true) {
            return None;
        }
        let position = reach[..at].iter().filter(|r| **r == Some(true)).count() + 1;
        Some((position, position + reach[at + 1..].iter().filter(|r| **r != Some(false)).count()))
    }

    /// Shown, required questions that are neither answered nor declined.
    pub fn missing_required<'a>(&self, survey: &'a Survey) -> Vec<&'a str> {
        self.visible_ids(survey).into_iter().filter(|id| self.blocks(survey, id)).collect()
    }

    /// Whether the draft has expired on day `today`.
    pub fn is_expired(&self, today: i64) -> bool {
        expired(self.updated_day, today)
    }

    /// Finishes the draft into a response record. A complete record needs every shown,
    /// required question answered or declined; answers of hidden questions are left out.
    pub fn finish(&self, survey: &Survey, completion: Completion) -> Result<Response, DraftError> {
        if completion.status == Status::Complete {
            if let Some(id) = self.missing_required(survey).first() {
                return Err(DraftError::RequiredUnanswered((*id).to_string()));
            }
        }
        let mut pruned = self.clone();
        pruned.drop_hidden_answers(survey);
        // Kept in place rather than collected into a new map: collecting sorts, and a sort is
        // kilobytes of the web app's download.
        let mut answers = pruned.answers;
        answers.retain(|id, _| survey.question(id).is_some());
        Ok(Response {
            format: RESPONSE_FORMAT.to_string(),
            survey: survey.id.clone(),
            survey_version: survey.version.clone(),
            response: hex(&completion.response_id),
            language: survey.content_language(&self.language).to_string(),
            mode: completion.mode,
            completed: completion.date.at_precision(survey.privacy.date_precision),
            status: completion.status,
            answers,
        })
    }
}

/// Bytes as lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
