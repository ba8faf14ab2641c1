//! The figures a results screen shows beside each question's counts: the median of a scale,
//! smiley or number question, how often each option of a ranking was put first, and the share
//! of people choosing each option of a multiple-choice question. Each is shown only where the
//! group it rests on is at least `min_group_size`, as every count is (see `summary`).

use crate::answer::Answer;
use crate::response::Response;
use crate::summary::{suppress_partition, Count, CountRow, DECLINED_ROW, NOT_ANSWERED_ROW};
use crate::survey::{localized, QuestionKind, Survey};

/// The median of the numbers given to question `id` (declined and unanswered left out), or
/// `None` when fewer than `min_group_size` people gave one, or the question takes no number.
/// Of an even count it is the mean of the middle two.
pub fn median(survey: &Survey, responses: &[Response], id: &str) -> Option<f64> {
    survey.question(id)?.kind.numeric_range()?;
    let mut values: Vec<i64> = responses
        .iter()
        .filter_map(|r| match r.answers.get(id) {
            Some(Answer::Number(n)) => Some(*n),
            _ => None,
        })
        .collect();
    if values.len() < survey.privacy.min_group_size.max(1) as usize {
        return None;
    }
    values.sort_unstable();
    let middle = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[middle] as f64
    } else {
        (values[middle - 1] as f64 + values[middle] as f64) / 2.0
    })
}

/// How many people put each option of ranking question `id` first, then those who declined and
/// those who did not answer: a partition of everyone, with small groups hidden as in the
/// summary. `None` if `id` is not a ranking question.
pub fn ranked_first(survey: &Survey, responses: &[Response], id: &str, language: &str) -> Option<Vec<CountRow>> {
    let question = survey.question(id)?;
    let QuestionKind::Ranking { options, .. } = &question.kind else {
        return None;
    };
    let k = survey.privacy.min_group_size.max(1);
    let first = |r: &Response| match r.answers.get(id) {
        Some(Answer::List(ids)) => ids.first().cloned(),
        _ => None,
    };
    let mut rows: Vec<(String, u64)> = options
        .iter()
        .map(|o| {
            let n = responses.iter().filter(|r| first(r).as_deref() == Some(o.id.as_str())).count() as u64;
            (localized(&o.label, language, &survey.default_language).to_string(), n)
        })
        .collect();
    let declined = responses.iter().filter(|r| matches!(r.answers.get(id), Some(Answer::Declined))).count();
    let missing = responses.iter().filter(|r| !r.answers.contains_key(id)).count();
    rows.push((DECLINED_ROW.to_string(), declined as u64));
    rows.push((NOT_ANSWERED_ROW.to_string(), missing as u64));
    let counts = suppress_partition(&rows.iter().map(|(_, n)| *n).collect::<Vec<_>>(), k);
    Some(rows.into_iter().zip(counts).map(|((label, _), count)| CountRow { label, count }).collect())
}

/// The share a count is of its base, when both may be shown and the base is not empty.
pub fn share(count: Count, base: Count) -> Option<f64> {
    match (count, base) {
        (Count::Shown(n), Count::Shown(b)) if b > 0 => Some(n as f64 / b as f64),
        _ => None,
    }
}
