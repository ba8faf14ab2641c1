//! Results broken down by one single-choice question (e.g. where people live) or by the kind of
//! device they answered on, with small groups hidden in every cell.
//!
//! Privacy rule (PRODUCT.md), as in `summary`, applied to a table: a cell of 1 to
//! `min_group_size - 1` is shown as "fewer than N". Every line of the table whose total can be
//! known (a group's answers to a single-choice question add up to the group's size; a row's cells
//! across the groups add up to the count in the whole summary) must not have exactly one hidden
//! cell, or subtraction would reveal it: another cell of the line is hidden with it, the smallest,
//! until no line has a lone hidden cell. A group smaller than `min_group_size` shows no cell at
//! all, not even a zero (a zero would say what everyone else in it answered).

use std::fmt;

use crate::answer::Answer;
use crate::device::DeviceKind;
use crate::response::Response;
use crate::summary::{lines, primary, suppress_partition, Count, Lines, ANSWERED_ROW, DECLINED_ROW, NOT_ANSWERED_ROW};
use crate::survey::{localized, QuestionKind, Survey};

/// What to break the results down by.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "by", content = "id", rename_all = "snake_case")]
pub enum BreakBy {
    /// The answers to a single-choice question: one group per option, and the people who
    /// declined it or were not asked it.
    Question(String),
    /// The kind of device: own, shared computer, kiosk, interview.
    Device,
}

/// Why results cannot be broken down that way.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum BreakdownError {
    /// The survey has no question with this id.
    UnknownQuestion(String),
    /// The question is not single-choice, so its answers do not split people into groups.
    NotSingleChoice(String),
}

impl fmt::Display for BreakdownError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BreakdownError::UnknownQuestion(id) => write!(f, "the survey has no question \"{id}\""),
            BreakdownError::NotSingleChoice(id) => write!(f, "\"{id}\" is not a single-choice question"),
        }
    }
}

impl std::error::Error for BreakdownError {}

/// Which people a group holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupKey {
    /// Those who chose this option (its id).
    Option(String),
    /// Those who declined the question.
    Declined,
    /// Those who did not answer it (skipped, or not asked).
    NotAnswered,
    /// Those who answered on this kind of device.
    Device(DeviceKind),
}

/// One group of people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Who is in it.
    pub key: GroupKey,
    /// The option's label in the report's language, [`DECLINED_ROW`], [`NOT_ANSWERED_ROW`], or the
    /// record's name of the device (`personal`, `shared`, `kiosk`, `interview`).
    pub label: String,
    /// How many people, if it may be shown.
    pub size: Count,
}

/// One question's counts in every group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionTable {
    /// Question id.
    pub id: String,
    /// The prompt in the report's language.
    pub prompt: String,
    /// `single`, `multi`, ...
    pub kind: &'static str,
    /// Row labels, as in the summary: options or values, then [`ANSWERED_ROW`] where the rows
    /// are not a partition, then [`DECLINED_ROW`] and [`NOT_ANSWERED_ROW`].
    pub rows: Vec<String>,
    /// `cells[row][group]`.
    pub cells: Vec<Vec<Count>>,
}

/// A breakdown: the groups, and every other answerable question's table over them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breakdown {
    /// The groups, in the question's option order (or the device kinds' order).
    pub groups: Vec<Group>,
    /// Per answerable question, in survey order (without the one broken down by).
    pub questions: Vec<QuestionTable>,
}

/// The groups `by` makes, each with its members' positions in `responses`.
fn groups(
    survey: &Survey,
    responses: &[Response],
    by: &BreakBy,
    language: &str,
) -> Result<Vec<(GroupKey, String, Vec<usize>)>, BreakdownError> {
    let member = |test: &dyn Fn(&Response) -> bool| -> Vec<usize> {
        responses.iter().enumerate().filter(|(_, r)| test(r)).map(|(i, _)| i).collect()
    };
    match by {
        BreakBy::Device => Ok([DeviceKind::Own, DeviceKind::Shared, DeviceKind::Kiosk, DeviceKind::Interview]
            .into_iter()
            .map(|kind| (GroupKey::Device(kind), kind.record_name().to_string(), member(&|r| r.mode == kind)))
            .collect()),
        BreakBy::Question(id) => {
            let question = survey.question(id).ok_or_else(|| BreakdownError::UnknownQuestion(id.clone()))?;
            let QuestionKind::Single { options } = &question.kind else {
                return Err(BreakdownError::NotSingleChoice(id.clone()));
            };
            let mut out: Vec<(GroupKey, String, Vec<usize>)> = options
                .iter()
                .map(|o| {
                    let chose = |r: &Response| matches!(r.answers.get(id), Some(Answer::Text(t)) if *t == o.id);
                    let label = localized(&o.label, language, &survey.default_language).to_string();
                    (GroupKey::Option(o.id.clone()), label, member(&chose))
                })
                .collect();
            let declined = member(&|r| matches!(r.answers.get(id), Some(Answer::Declined)));
            out.push((GroupKey::Declined, DECLINED_ROW.to_string(), declined));
            out.push((GroupKey::NotAnswered, NOT_ANSWERED_ROW.to_string(), member(&|r| !r.answers.contains_key(id))));
            Ok(out)
        }
    }
}

/// Breaks `responses` to `survey` down `by` a question or the device, with labels in
/// `language`, and hides small groups in every cell.
pub fn breakdown(
    survey: &Survey,
    responses: &[Response],
    by: &BreakBy,
    language: &str,
) -> Result<Breakdown, BreakdownError> {
    let k = survey.privacy.min_group_size.max(1);
    let members = groups(survey, responses, by, language)?;
    let sizes: Vec<u64> = members.iter().map(|(_, _, m)| m.len() as u64).collect();
    let mut size_counts = suppress_partition(&sizes, k);
    if (responses.len() as u64) < u64::from(k) {
        size_counts = sizes.iter().map(|_| Count::FewerThan(k)).collect();
    }
    let shown_group: Vec<bool> = size_counts.iter().map(|c| matches!(c, Count::Shown(_))).collect();
    let by_question = match by {
        BreakBy::Question(id) => Some(id.as_str()),
        BreakBy::Device => None,
    };
    let fallback = survey.default_language.as_str();
    let mut questions = Vec::new();
    for question in survey.questions.iter().filter(|q| q.is_answerable() && Some(q.id.as_str()) != by_question) {
        let mut labels: Vec<String> = Vec::new();
        let mut partition_rows: Vec<usize> = Vec::new();
        let mut columns: Vec<Vec<u64>> = Vec::new();
        for (_, _, group) in &members {
            let answers: Vec<Option<&Answer>> = group.iter().map(|&i| responses[i].answers.get(&question.id)).collect();
            let Some(Lines { values, partition, given, declined, missing }) =
                lines(question, &answers, language, fallback)
            else {
                break;
            };
            let mut column: Vec<u64> = values.iter().map(|(_, n)| *n).collect();
            if labels.is_empty() {
                labels = values.into_iter().map(|(label, _)| label).collect();
                partition_rows = if partition { (0..labels.len()).collect() } else { Vec::new() };
                if !partition {
                    partition_rows.push(labels.len());
                    labels.push(ANSWERED_ROW.to_string());
                }
                partition_rows.extend([labels.len(), labels.len() + 1]);
                labels.extend([DECLINED_ROW.to_string(), NOT_ANSWERED_ROW.to_string()]);
            }
            if !partition {
                column.push(given);
            }
            column.extend([declined, missing]);
            columns.push(column);
        }
        if columns.len() != members.len() {
            continue;
        }
        let cells = suppress_table(&columns, &partition_rows, &shown_group, &size_counts, k);
        questions.push(QuestionTable {
            id: question.id.clone(),
            prompt: localized(&question.prompt, language, fallback).to_string(),
            kind: question.kind.type_name(),
            rows: labels,
            cells,
        });
    }
    let groups =
        members.into_iter().zip(size_counts).map(|((key, label, _), size)| Group { key, label, size }).collect();
    Ok(Breakdown { groups, questions })
}

/// Hides the cells of `columns[group][row]` that could identify someone, and returns them as
/// `[row][group]`. `partition_rows` are the rows that add up to a group's size.
fn suppress_table(
    columns: &[Vec<u64>],
    partition_rows: &[usize],
    shown_group: &[bool],
    sizes: &[Count],
    k: u32,
) -> Vec<Vec<Count>> {
    let rows = columns.first().map_or(0, Vec::len);
    let mut cells: Vec<Vec<Count>> = (0..rows)
        .map(|r| {
            columns
                .iter()
                .zip(shown_group.iter().zip(sizes))
                .map(|(column, (&shown, &size))| match (shown, size) {
                    (true, _) => primary(column[r], k),
                    // A group whose size is not shown shows nothing, not even a zero.
                    (false, Count::FewerThan(k)) => Count::FewerThan(k),
                    (false, _) => Count::Hidden,
                })
                .collect()
        })
        .collect();
    // Every line whose total can be known: each group's partition rows, and each row across the
    // groups. A line with exactly one hidden cell gets its smallest shown cell hidden too.
    let mut lines: Vec<Vec<(usize, usize)>> = (0..columns.len())
        .filter(|&g| shown_group[g])
        .map(|g| partition_rows.iter().map(|&r| (r, g)).collect())
        .collect();
    lines.extend((0..rows).map(|r| (0..columns.len()).map(|g| (r, g)).collect()));
    loop {
        let mut changed = false;
        for line in &lines {
            let hidden = line.iter().filter(|&&(r, g)| !matches!(cells[r][g], Count::Shown(_))).count();
            if hidden != 1 {
                continue;
            }
            let smallest = line
                .iter()
                .filter(|&&(r, g)| matches!(cells[r][g], Count::Shown(_)))
                .min_by_key(|&&(r, g)| columns[g][r]);
            if let Some(&(r, g)) = smallest {
                cells[r][g] = Count::Hidden;
                changed = true;
            }
        }
        if !changed {
            return cells;
        }
    }
}
