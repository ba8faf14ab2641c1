//! `show_if` conditions and their evaluation.

use serde::Serialize;

use crate::answer::Answer;

/// A value that an `equals` test compares with: an option id, a text or a number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "builder", derive(serde::Deserialize))]
#[serde(untagged)]
pub enum Literal {
    /// An integer (for `scale`, `smiley` and `number` questions).
    Number(i64),
    /// An option id (for `single`) or a text (for `text`).
    Text(String),
}

/// When a question is shown. Each form is told apart by its field names.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "builder", derive(serde::Deserialize))]
#[serde(untagged)]
pub enum Condition {
    /// The question's answer equals the value.
    Equals {
        /// An earlier question's id.
        question: String,
        /// The value to compare with.
        equals: Literal,
    },
    /// A `multi` or `ranking` answer contains the option.
    Includes {
        /// An earlier question's id.
        question: String,
        /// An option id.
        includes: String,
    },
    /// A numeric answer is at least the number.
    AtLeast {
        /// An earlier question's id.
        question: String,
        /// The smallest number for which this holds.
        at_least: i64,
    },
    /// A numeric answer is at most the number.
    AtMost {
        /// An earlier question's id.
        question: String,
        /// The largest number for which this holds.
        at_most: i64,
    },
    /// The question has an answer that is not "declined".
    Answered {
        /// An earlier question's id.
        answered: String,
    },
    /// Every condition holds.
    All {
        /// The conditions.
        all: Vec<Condition>,
    },
    /// At least one condition holds.
    Any {
        /// The conditions.
        any: Vec<Condition>,
    },
    /// The condition does not hold.
    Not {
        /// The condition.
        not: Box<Condition>,
    },
}

impl Condition {
    /// Evaluates the condition. `answer_of` gives the answer of a question that is shown and
    /// answered; it returns `None` for a hidden or unanswered question. A test about a hidden,
    /// unanswered or declined question is false.
    pub fn holds<'a>(&self, answer_of: &dyn Fn(&str) -> Option<&'a Answer>) -> bool {
        match self {
            Condition::Equals { question, equals } => match (answer_of(question), equals) {
                (Some(Answer::Text(given)), Literal::Text(wanted)) => given == wanted,
                (Some(Answer::Number(given)), Literal::Number(wanted)) => given == wanted,
                _ => false,
            },
            Condition::Includes { question, includes } => {
                matches!(answer_of(question), Some(Answer::List(ids)) if ids.contains(includes))
            }
            Condition::AtLeast { question, at_least } => {
                matches!(answer_of(question), Some(Answer::Number(n)) if n >= at_least)
            }
            Condition::AtMost { question, at_most } => {
                matches!(answer_of(question), Some(Answer::Number(n)) if n <= at_most)
            }
            Condition::Answered { answered } => answer_of(answered).is_some_and(Answer::is_given),
            Condition::All { all } => all.iter().all(|c| c.holds(answer_of)),
            Condition::Any { any } => any.iter().any(|c| c.holds(answer_of)),
            Condition::Not { not } => !not.holds(answer_of),
        }
    }

    /// Evaluates the condition while some answers are still to come: `answer_of` gives
    /// `Some(answer)` for a question whose answer (or its absence) is settled, and `None` for one
    /// that may yet be answered. `Some(holds)` when the answers to come cannot change the
    /// outcome, `None` when they can.
    pub fn may_hold<'a>(&self, answer_of: &dyn Fn(&str) -> Option<Option<&'a Answer>>) -> Option<bool> {
        let settled = |question: &str| -> Option<bool> {
            let answer = answer_of(question)?;
            Some(self.holds(&|_| answer))
        };
        match self {
            Condition::Equals { question, .. }
            | Condition::Includes { question, .. }
            | Condition::AtLeast { question, .. }
            | Condition::AtMost { question, .. }
            | Condition::Answered { answered: question } => settled(question),
            Condition::All { all } => {
                let outcomes: Vec<Option<bool>> = all.iter().map(|c| c.may_hold(answer_of)).collect();
                if outcomes.contains(&Some(false)) {
                    Some(false)
                } else if outcomes.iter().all(|o| *o == Some(true)) {
                    Some(true)
                } else {
                    None
                }
            }
            Condition::Any { any } => {
                let outcomes: Vec<Option<bool>> = any.iter().map(|c| c.may_hold(answer_of)).collect();
                if outcomes.contains(&Some(true)) {
                    Some(true)
                } else if outcomes.iter().all(|o| *o == Some(false)) {
                    Some(false)
                } else {
                    None
                }
            }
            Condition::Not { not } => not.may_hold(answer_of).map(|holds| !holds),
        }
    }

    /// The question ids this condition names directly (not those of nested conditions).
    pub fn named_question(&self) -> Option<&str> {
        match self {
            Condition::Equals { question, .. }
            | Condition::Includes { question, .. }
            | Condition::AtLeast { question, .. }
            | Condition::AtMost { question, .. } => Some(question),
            Condition::Answered { answered } => Some(answered),
            _ => None,
        }
    }
}
