//! Two rounds side by side (last year's and this year's, or two versions of a survey whose
//! question ids match): each question's counts in both, as shares of each round's responses,
//! and the change in percentage points. Each round's counts are hidden as in its own summary;
//! a share or a change is given only where the counts it rests on are shown.

use crate::figures::share;
use crate::response::Response;
use crate::summary::{summarize, Count, Summary};
use crate::survey::Survey;

/// One row of a question in both rounds.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RowChange {
    /// The row's label in the report's language (an option, a value, or a summary row).
    pub label: String,
    /// The count in the earlier round (`None`: that round's question has no such row).
    pub before: Option<Count>,
    /// The count in the later round.
    pub after: Option<Count>,
    /// The share of the earlier round's responses, if it may be shown.
    pub before_share: Option<f64>,
    /// The share of the later round's responses, if it may be shown.
    pub after_share: Option<f64>,
    /// `after_share - before_share`, in percentage points, when both are shown.
    pub change: Option<f64>,
}

/// One question in both rounds.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct QuestionChange {
    /// The question's id (the same in both rounds).
    pub id: String,
    /// The prompt in the later round's survey.
    pub prompt: String,
    /// The rows of the later round, then any the earlier round had and the later has not.
    pub rows: Vec<RowChange>,
}

/// Both rounds' summaries and, per question the later round asks and the earlier asked in the
/// same way (same id, same type), the change.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The earlier round's summary.
    pub before: Summary,
    /// The later round's summary.
    pub after: Summary,
    /// The questions both rounds ask, in the later survey's order.
    pub questions: Vec<QuestionChange>,
}

/// Compares the responses `before` to `survey_before` with `after` to `survey_after`, with
/// labels in `language`.
pub fn compare(
    (survey_before, before): (&Survey, &[Response]),
    (survey_after, after): (&Survey, &[Response]),
    language: &str,
) -> Comparison {
    let before = summarize(survey_before, before, language);
    let after = summarize(survey_after, after, language);
    let mut questions = Vec::new();
    for later in &after.questions {
        let Some(earlier) = before.questions.iter().find(|q| q.id == later.id && q.kind == later.kind) else {
            continue;
        };
        let mut rows: Vec<RowChange> = later
            .rows
            .iter()
            .map(|row| {
                let was = earlier.rows.iter().find(|r| r.label == row.label).map(|r| r.count);
                change(row.label.clone(), was, Some(row.count), (before.responses, after.responses))
            })
            .collect();
        rows.extend(
            earlier
                .rows
                .iter()
                .filter(|r| later.rows.iter().all(|l| l.label != r.label))
                .map(|r| change(r.label.clone(), Some(r.count), None, (before.responses, after.responses))),
        );
        questions.push(QuestionChange { id: later.id.clone(), prompt: later.prompt.clone(), rows });
    }
    Comparison { before, after, questions }
}

fn change(label: String, before: Option<Count>, after: Option<Count>, totals: (Count, Count)) -> RowChange {
    let before_share = before.and_then(|c| share(c, totals.0));
    let after_share = after.and_then(|c| share(c, totals.1));
    let change = before_share.zip(after_share).map(|(b, a)| (a - b) * 100.0);
    RowChange { label, before, after, before_share, after_share, change }
}
