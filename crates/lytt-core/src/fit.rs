//! Whether a record's answers fit the survey it is counted against. A record that opens can
//! still not fit: forged by someone who has the public recipient, or made for another version
//! of the survey whose questions or options differ. Such a record is set apart and listed,
//! never counted; the CLI and the app's results screen use this one check.

use std::fmt;

use crate::answer::AnswerError;
use crate::draft::visibility;
use crate::response::Response;
use crate::survey::Survey;

/// Why a record's answers do not fit the survey.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Misfit {
    /// The record is of another survey.
    OtherSurvey(String),
    /// An answer to a question the survey does not have.
    UnknownQuestion(String),
    /// An answer that the question does not take (an unknown option, a value out of range, the
    /// wrong kind of answer, an answer to an information screen).
    Answer {
        /// The question's id.
        question: String,
        /// What is wrong with the answer.
        error: AnswerError,
    },
    /// An answer to a question that the record's other answers hide (`show_if`): the app never
    /// records one.
    Hidden(String),
}

impl fmt::Display for Misfit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Misfit::OtherSurvey(id) => write!(f, "the record is of another survey (\"{id}\")"),
            Misfit::UnknownQuestion(id) => write!(f, "an answer to \"{id}\", which the survey does not ask"),
            Misfit::Answer { question, error } => write!(f, "question \"{question}\": {error}"),
            Misfit::Hidden(id) => write!(f, "an answer to \"{id}\", which the other answers hide"),
        }
    }
}

impl std::error::Error for Misfit {}

impl Response {
    /// Checks that every answer is one the survey's question takes and that no answered
    /// question is hidden by the others; the first problem found is returned.
    pub fn fits(&self, survey: &Survey) -> Result<(), Misfit> {
        if self.survey != survey.id {
            return Err(Misfit::OtherSurvey(self.survey.clone()));
        }
        for (id, answer) in &self.answers {
            let question = survey.question(id).ok_or_else(|| Misfit::UnknownQuestion(id.clone()))?;
            question.check(answer).map_err(|error| Misfit::Answer { question: id.clone(), error })?;
        }
        let shown = visibility(survey, &self.answers);
        for (question, shown) in survey.questions.iter().zip(shown) {
            if !shown && self.answers.contains_key(&question.id) {
                return Err(Misfit::Hidden(question.id.clone()));
            }
        }
        Ok(())
    }
}
