//! Counts per question and the survey's indicator, with small groups hidden.
//!
//! Privacy rule (PRODUCT.md): a count of 1 to `min_group_size - 1` is shown as "fewer than N".
//! Where counts add up to a shown total (the options of a single-choice question, plus
//! "declined" and "not answered", add up to the number of responses), one hidden count could be
//! worked out by subtraction, so a second count is hidden with it (complementary suppression).
//! When there are fewer responses than `min_group_size`, no count is shown at all.

use crate::answer::Answer;
use crate::response::Response;
use crate::survey::{localized, Question, QuestionKind, Survey};

/// A count as it may be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Count {
    /// Safe to show.
    Shown(u64),
    /// A small group: 1 to `min_group_size - 1`.
    FewerThan(u32),
    /// Hidden so that a small group cannot be worked out from the total (may be of any size).
    Hidden,
}

impl Count {
    /// The shown value, if any.
    pub fn shown(self) -> Option<u64> {
        match self {
            Count::Shown(n) => Some(n),
            _ => None,
        }
    }

    /// As text for a report cell, in English.
    pub fn text(self) -> String {
        match self {
            Count::Shown(n) => n.to_string(),
            Count::FewerThan(k) => format!("fewer than {k}"),
            Count::Hidden => "hidden".to_string(),
        }
    }
}

/// One line of a question's counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountRow {
    /// An option's label, a value, or one of [`DECLINED_ROW`] / [`NOT_ANSWERED_ROW`] / [`ANSWERED_ROW`].
    pub label: String,
    /// How many responses.
    pub count: Count,
}

/// Row label for "prefer not to answer".
pub const DECLINED_ROW: &str = "(declined)";
/// Row label for responses without an answer (skipped, hidden by a condition, or not reached).
pub const NOT_ANSWERED_ROW: &str = "(not answered)";
/// Row label for responses with an answer (where the answers themselves are not counted).
pub const ANSWERED_ROW: &str = "(answered)";

/// The counts of one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionCounts {
    /// Question id.
    pub id: String,
    /// The prompt in the report's language.
    pub prompt: String,
    /// `single`, `multi`, ...
    pub kind: &'static str,
    /// The counts; for `multi` and `ranking` each option's row counts the responses that
    /// include it, so those rows do not add up to the total.
    pub rows: Vec<CountRow>,
}

/// The survey's headline figure.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorResult {
    /// Its name in the report's language.
    pub label: String,
    /// The question it is computed from.
    pub question: String,
    /// Responses that answered the question (not declined): the base of the share.
    pub base: Count,
    /// Share of the base that chose a positive option, when it can be shown (both the positive
    /// and the other answers form groups of at least `min_group_size`).
    pub share: Option<f64>,
    /// The target share.
    pub target: f64,
    /// Whether the share reaches the target (unknown when the share is hidden).
    pub met: Option<bool>,
}

/// Everything a summary report shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Number of responses, if it may be shown.
    pub responses: Count,
    /// The survey's smallest group.
    pub min_group_size: u32,
    /// Per answerable question, in survey order.
    pub questions: Vec<QuestionCounts>,
    /// The indicator, if the survey has one.
    pub indicator: Option<IndicatorResult>,
}

/// Counts `responses` to `survey`, with labels in `language`, and hides small groups.
pub fn summarize(survey: &Survey, responses: &[Response], language: &str) -> Summary {
    let k = survey.privacy.min_group_size.max(1);
    let total = responses.len() as u64;
    let fallback = survey.default_language.as_str();
    let mut questions = Vec::new();
    for question in survey.questions.iter().filter(|q| q.is_answerable()) {
        let answers: Vec<Option<&Answer>> = responses.iter().map(|r| r.answers.get(&question.id)).collect();
        let Some(Lines { values: raw, partition, given, declined, missing }) =
            lines(question, &answers, language, fallback)
        else {
            continue;
        };
        let mut rows: Vec<CountRow> = Vec::new();
        let mut partitioned: Vec<(String, u64)> = Vec::new();
        if partition {
            partitioned.extend(raw);
        } else {
            rows.extend(raw.into_iter().map(|(label, n)| CountRow { label, count: primary(n, k) }));
            partitioned.push((ANSWERED_ROW.to_string(), given));
        }
        partitioned.push((DECLINED_ROW.to_string(), declined));
        partitioned.push((NOT_ANSWERED_ROW.to_string(), missing));
        let counts = suppress_partition(&partitioned.iter().map(|(_, n)| *n).collect::<Vec<_>>(), k);
        rows.extend(partitioned.into_iter().zip(counts).map(|((label, _), count)| CountRow { label, count }));
        questions.push(QuestionCounts {
            id: question.id.clone(),
            prompt: localized(&question.prompt, language, fallback).to_string(),
            kind: question.kind.type_name(),
            rows,
        });
    }
    let indicator = survey.indicator.as_ref().map(|ind| {
        let mut positive = 0u64;
        let mut base = 0u64;
        for response in responses {
            if let Some(Answer::Text(id)) = response.answers.get(&ind.question) {
                base += 1;
                if ind.positive.contains(id) {
                    positive += 1;
                }
            }
        }
        let share =
            (positive >= u64::from(k) && base - positive >= u64::from(k)).then(|| positive as f64 / base as f64);
        IndicatorResult {
            label: localized(&ind.label, language, fallback).to_string(),
            question: ind.question.clone(),
            base: primary(base, k),
            share,
            target: ind.target,
            met: share.map(|s| s >= ind.target),
        }
    });
    let mut summary = Summary { responses: primary(total, k), min_group_size: k, questions, indicator };
    if total < u64::from(k) {
        // Too few responses for any count to be safe.
        for question in &mut summary.questions {
            for row in &mut question.rows {
                row.count = if row.count == Count::Shown(0) { Count::Shown(0) } else { Count::FewerThan(k) };
            }
        }
        if let Some(ind) = &mut summary.indicator {
            ind.share = None;
            ind.met = None;
        }
    }
    summary
}

/// The raw counts of one question's answers.
pub(crate) struct Lines {
    /// A row per option or value (or one [`ANSWERED_ROW`] for numbers and texts).
    pub values: Vec<(String, u64)>,
    /// Whether the value rows, with declined and not answered, add up to the total (single
    /// choice, scales, smileys); otherwise each response may count in several rows.
    pub partition: bool,
    /// Answers given (not declined).
    pub given: u64,
    /// "Prefer not to answer".
    pub declined: u64,
    /// No answer.
    pub missing: u64,
}

/// Counts `answers` (one per response) to `question`, with labels in `language`; `None` for an
/// information screen.
pub(crate) fn lines(question: &Question, answers: &[Option<&Answer>], language: &str, fallback: &str) -> Option<Lines> {
    let total = answers.len() as u64;
    let declined = answers.iter().filter(|a| matches!(a, Some(Answer::Declined))).count() as u64;
    let missing = answers.iter().filter(|a| a.is_none()).count() as u64;
    let given = total - declined - missing;
    let mut values: Vec<(String, u64)> = Vec::new();
    let mut partition = true;
    match &question.kind {
        QuestionKind::Single { options } => {
            for option in options {
                let n = answers.iter().filter(|a| matches!(a, Some(Answer::Text(id)) if *id == option.id)).count();
                values.push((localized(&option.label, language, fallback).to_string(), n as u64));
            }
        }
        QuestionKind::Multi { options, .. } | QuestionKind::Ranking { options, .. } => {
            partition = false;
            for option in options {
                let n =
                    answers.iter().filter(|a| matches!(a, Some(Answer::List(ids)) if ids.contains(&option.id))).count();
                values.push((localized(&option.label, language, fallback).to_string(), n as u64));
            }
        }
        QuestionKind::Scale { min, max, .. } => values.extend(value_counts(answers, *min, *max)),
        QuestionKind::Smiley { points } => values.extend(value_counts(answers, 1, i64::from(*points))),
        // Free numbers and texts: only whether they were answered (the values are in the
        // response table; a count per value would mostly be groups of one).
        QuestionKind::Number { .. } | QuestionKind::Text { .. } => values.push((ANSWERED_ROW.to_string(), given)),
        QuestionKind::Info => return None,
    }
    Some(Lines { values, partition, given, declined, missing })
}

fn value_counts(answers: &[Option<&Answer>], min: i64, max: i64) -> Vec<(String, u64)> {
    (min..=max)
        .map(|v| {
            (v.to_string(), answers.iter().filter(|a| matches!(a, Some(Answer::Number(n)) if *n == v)).count() as u64)
        })
        .collect()
}

/// A count on its own: small groups hidden.
pub(crate) fn primary(n: u64, k: u32) -> Count {
    if n > 0 && n < u64::from(k) {
        Count::FewerThan(k)
    } else {
        Count::Shown(n)
    }
}

/// Counts that add up to a shown total: small groups hidden, and if exactly one is hidden, the
/// smallest other count is hidden too, so subtraction reveals nothing. The smallest (even a zero)
/// loses the least information, and for multi-choice questions it keeps the "answered" count,
/// which the per-option counts bound from below, out of the pair.
pub fn suppress_partition(counts: &[u64], k: u32) -> Vec<Count> {
    let mut out: Vec<Count> = counts.iter().map(|&n| primary(n, k)).collect();
    let hidden = out.iter().filter(|c| !matches!(c, Count::Shown(_))).count();
    if hidden == 1 {
        let complement = (0..counts.len()).filter(|&i| matches!(out[i], Count::Shown(_))).min_by_key(|&i| counts[i]);
        if let Some(i) = complement {
            out[i] = Count::Hidden;
        }
    }
    out
}
