//! The owner's work on free-text answers, for the analysis seminar and the dialogue meeting:
//! which answers were read, the themes and which answers carry them, the quotes, and the
//! redactions of details that identify people. Kept as a file sealed to the owner's own key
//! (`lytt-analysis/1`, an age message like a record), never readably in the browser.
//!
//! Answers are shown in an order of their own (a hash of the analysis's seed and the response),
//! never in the order they arrived, so the reading order tells nothing about who answered when;
//! the same analysis always shows the same order. Counts and filters hide small groups as the
//! summary does.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::answer::Answer;
use crate::identifying::{redact, DetailKind};
use crate::response::Response;
use crate::summary::{primary, Count};
use crate::survey::{QuestionKind, Survey};

/// The analysis file's format tag.
pub const ANALYSIS_FORMAT: &str = "lytt-analysis/1";

/// A theme the owner made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Theme {
    pub id: u32,
    pub name: String,
}

/// A span the owner redacted: replaced by its kind's word in brackets wherever the answer
/// appears.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redaction {
    pub start: usize,
    pub end: usize,
    pub kind: DetailKind,
}

/// What the owner did with one answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Work {
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub read: bool,
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub themes: BTreeSet<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub redactions: Vec<Redaction>,
    /// Chosen as a quote: the whole answer, or the span given (redactions applied).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<(usize, usize)>,
}

/// The owner's analysis of one survey's free text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analysis {
    pub format: String,
    pub survey: String,
    /// Decides the reading order; made at random when the analysis is begun.
    pub seed: u64,
    pub themes: Vec<Theme>,
    /// Staff and workplaces the owner listed, flagged where they appear.
    #[serde(default)]
    pub listed: Vec<String>,
    /// Per answer, keyed `"<response id>/<question id>"`.
    #[serde(default)]
    pub work: BTreeMap<String, Work>,
    /// What the service will do, in the owner's words, for the participants' summary.
    #[serde(default)]
    pub commitments: String,
}

/// One free-text answer to read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextAnswer {
    pub response: String,
    pub question: String,
    pub text: String,
    /// The language the person answered in.
    pub language: String,
}

impl TextAnswer {
    /// The answer's key in [`Analysis::work`].
    pub fn key(&self) -> String {
        format!("{}/{}", self.response, self.question)
    }
}

/// What a reading list is narrowed to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    pub theme: Option<u32>,
    /// A single-choice question and one of its options.
    pub answered: Option<(String, String)>,
    pub unread_only: bool,
}

/// A filtered reading list: the answers, or nothing when the filter by an answer leaves a group
/// smaller than `min_group_size` (it could single people out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    Answers(Vec<TextAnswer>),
    TooFew { min_group_size: u32 },
}

impl Analysis {
    /// A new analysis of `survey`, its reading order decided by `seed`.
    pub fn new(survey: &str, seed: u64) -> Analysis {
        Analysis {
            format: ANALYSIS_FORMAT.into(),
            survey: survey.into(),
            seed,
            themes: Vec::new(),
            listed: Vec::new(),
            work: BTreeMap::new(),
            commitments: String::new(),
        }
    }

    /// Reads an analysis file's plaintext.
    pub fn from_json(text: &str) -> Result<Analysis, String> {
        let analysis: Analysis = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if analysis.format != ANALYSIS_FORMAT {
            return Err(format!("its format is \"{}\", not \"{ANALYSIS_FORMAT}\"", analysis.format));
        }
        Ok(analysis)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The work on `answer` (empty if none yet).
    pub fn work_on(&self, answer: &TextAnswer) -> Work {
        self.work.get(&answer.key()).cloned().unwrap_or_default()
    }

    /// Changes the work on `answer`; work that is empty again is dropped.
    pub fn change(&mut self, answer: &TextAnswer, change: impl FnOnce(&mut Work)) {
        let key = answer.key();
        let mut work = self.work.remove(&key).unwrap_or_default();
        change(&mut work);
        if work != Work::default() {
            self.work.insert(key, work);
        }
    }

    /// Adds a theme and returns its id.
    pub fn add_theme(&mut self, name: &str) -> u32 {
        let id = self.themes.iter().map(|t| t.id + 1).max().unwrap_or(1);
        self.themes.push(Theme { id, name: name.trim().to_string() });
        id
    }

    /// The free-text answers to `question` in this analysis's order.
    pub fn answers(&self, survey: &Survey, responses: &[Response], question: &str) -> Vec<TextAnswer> {
        let is_text = survey.question(question).is_some_and(|q| matches!(q.kind, QuestionKind::Text { .. }));
        if !is_text {
            return Vec::new();
        }
        let mut answers: Vec<(Vec<u8>, TextAnswer)> = responses
            .iter()
            .filter_map(|r| match r.answers.get(question) {
                Some(Answer::Text(text)) if !text.trim().is_empty() => Some(TextAnswer {
                    response: r.response.clone(),
                    question: question.to_string(),
                    text: text.clone(),
                    language: r.language.clone(),
                }),
                _ => None,
            })
            .map(|a| (self.place(&a.response), a))
            .collect();
        answers.sort_by(|a, b| a.0.cmp(&b.0));
        answers.into_iter().map(|(_, a)| a).collect()
    }

    fn place(&self, response: &str) -> Vec<u8> {
        Sha256::new().chain_update(self.seed.to_le_bytes()).chain_update(response.as_bytes()).finalize().to_vec()
    }

    /// The answers to `question` narrowed by `filter`, hiding a group by answer smaller than the
    /// survey's `min_group_size`.
    pub fn reading(&self, survey: &Survey, responses: &[Response], question: &str, filter: &Filter) -> Reading {
        let mut answers = self.answers(survey, responses, question);
        if let Some((by, option)) = &filter.answered {
            let chose: BTreeSet<&str> = responses
                .iter()
                .filter(|r| matches!(r.answers.get(by), Some(Answer::Text(o)) if o == option))
                .map(|r| r.response.as_str())
                .collect();
            let k = survey.privacy.min_group_size.max(1);
            if (chose.len() as u64) < u64::from(k) {
                return Reading::TooFew { min_group_size: k };
            }
            answers.retain(|a| chose.contains(a.response.as_str()));
        }
        if let Some(theme) = filter.theme {
            answers.retain(|a| self.work_on(a).themes.contains(&theme));
        }
        if filter.unread_only {
            answers.retain(|a| !self.work_on(a).read);
        }
        Reading::Answers(answers)
    }

    /// The answer as it may be shown: every redaction replaced by its kind's word in brackets
    /// (`label` gives the word).
    pub fn shown(&self, answer: &TextAnswer, label: impl Fn(DetailKind) -> String) -> String {
        let work = self.work_on(answer);
        let spans: Vec<(usize, usize)> = work.redactions.iter().map(|r| (r.start, r.end)).collect();
        redact(&answer.text, &spans, |i| label(work.redactions[i].kind))
    }

    /// The quote chosen from `answer`, redacted, if one was.
    pub fn quote(&self, answer: &TextAnswer, label: impl Fn(DetailKind) -> String) -> Option<String> {
        let work = self.work_on(answer);
        let (mut start, mut end) = work.quote?;
        // A redaction the quote cuts through is taken whole, so no part of it shows.
        for r in &work.redactions {
            if r.start < end && start < r.end {
                start = start.min(r.start);
                end = end.max(r.end);
            }
        }
        // The quote's span with the redactions inside it, shifted.
        let inside: Vec<Redaction> = work
            .redactions
            .iter()
            .filter(|r| r.start >= start && r.end <= end)
            .map(|r| Redaction { start: r.start - start, end: r.end - start, ..*r })
            .collect();
        let text = answer.text.get(start..end)?;
        let spans: Vec<(usize, usize)> = inside.iter().map(|r| (r.start, r.end)).collect();
        Some(redact(text, &spans, |i| label(inside[i].kind)))
    }

    /// Each theme with how many answers carry it (small groups hidden as in the summary), by
    /// count, most first.
    pub fn theme_counts(&self, min_group_size: u32) -> Vec<(Theme, Count)> {
        let k = min_group_size.max(1);
        let mut counts: Vec<(Theme, u64)> = self
            .themes
            .iter()
            .map(|t| (t.clone(), self.work.values().filter(|w| w.themes.contains(&t.id)).count() as u64))
            .collect();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.id.cmp(&b.0.id)));
        counts.into_iter().map(|(t, n)| (t, primary(n, k))).collect()
    }

    /// How many of `answers` have not been read: an analysis opened again with more bundles
    /// shows their answers as unread, and keeps the work on answers of bundles not opened.
    pub fn unread(&self, answers: &[TextAnswer]) -> usize {
        answers.iter().filter(|a| !self.work_on(a).read).count()
    }
}

/// One answer as the reading view shows it: the text, what looks identifying in it (not yet
/// redacted), and the owner's work on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadingItem {
    pub key: String,
    pub text: String,
    pub language: String,
    pub flags: Vec<crate::identifying::Flag>,
    pub work: Work,
    /// The quote chosen from it, redacted, in the view's language.
    pub quote: Option<String>,
}

impl ReadingItem {
    /// The answer as the owner sees it, redactions replaced by `label`'s word in brackets,
    /// for choosing words in it.
    pub fn shown(&self, label: impl Fn(DetailKind) -> String) -> ShownText {
        let mut shown = ShownText::default();
        let mut at = 0;
        let push = |shown: &mut ShownText, piece: &str, original: (usize, usize), redacted: bool| {
            let from = shown.units();
            shown.text.push_str(piece);
            shown.segments.push(Segment { shown: (from, shown.units()), original, redacted });
        };
        for r in &self.work.redactions {
            let (Some(before), true) = (self.text.get(at..r.start), r.end <= self.text.len()) else { continue };
            push(&mut shown, before, (at, r.start), false);
            push(&mut shown, &format!("[{}]", label(r.kind)), (r.start, r.end), true);
            at = r.end;
        }
        push(&mut shown, self.text.get(at..).unwrap_or_default(), (at, self.text.len()), false);
        shown
    }
}

/// An answer as shown with its redactions, and the way back from a selection in it to a span
/// of the answer's own text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShownText {
    pub text: String,
    segments: Vec<Segment>,
}

/// A stretch of the shown text: where it is (in UTF-16 units, as a text field counts) and the
/// span of the answer (bytes) it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Segment {
    shown: (usize, usize),
    original: (usize, usize),
    redacted: bool,
}

impl ShownText {
    fn units(&self) -> usize {
        self.text.encode_utf16().count()
    }

    /// The span of the answer's text (bytes) that a selection from `from` to `to` (UTF-16
    /// units, as a text field's `selectionStart`/`selectionEnd`) shows, without the spaces
    /// around it. A selection that touches a redaction takes all of it. `None` for an empty
    /// selection or one of spaces only.
    pub fn original_span(&self, answer: &str, from: usize, to: usize) -> Option<(usize, usize)> {
        let (from, to) = (from.min(to), from.max(to));
        let at = |unit: usize, is_end: bool| -> Option<usize> {
            let segment = self.segments.iter().find(|s| {
                if is_end {
                    s.shown.0 < unit && unit <= s.shown.1
                } else {
                    s.shown.0 <= unit && unit < s.shown.1
                }
            })?;
            if segment.redacted {
                return Some(if is_end { segment.original.1 } else { segment.original.0 });
            }
            // Walk the segment's characters to the byte at `unit`.
            let piece = answer.get(segment.original.0..segment.original.1)?;
            let mut units = segment.shown.0;
            for (byte, c) in piece.char_indices() {
                if units >= unit {
                    return Some(segment.original.0 + byte);
                }
                units += c.len_utf16();
            }
            Some(segment.original.1)
        };
        let (start, end) = (at(from, false)?, at(to, true)?);
        let chosen = answer.get(start..end)?;
        let trimmed_start = start + (chosen.len() - chosen.trim_start().len());
        let trimmed_end = end - (chosen.len() - chosen.trim_end().len());
        (trimmed_start < trimmed_end).then_some((trimmed_start, trimmed_end))
    }
}

/// A theme on the theme list for the dialogue meeting: how many answers carry it, and the
/// quotes chosen from them (redacted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeEntry {
    pub theme: Theme,
    pub count: Count,
    pub quotes: Vec<String>,
}

/// A single-choice question to filter by: its id, prompt, and each option's id and label.
pub type Choice = (String, String, Vec<(String, String)>);

/// The reading view of one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadingView {
    pub question: String,
    pub prompt: String,
    /// The free-text questions of the survey: id and prompt.
    pub questions: Vec<(String, String)>,
    /// `None` when the filter leaves a group smaller than `min_group_size`.
    pub items: Option<Vec<ReadingItem>>,
    pub min_group_size: u32,
    /// Of all answers to the question (not only those shown), how many are not read yet.
    pub unread: usize,
    pub total: usize,
    pub themes: Vec<(Theme, Count)>,
    /// Themes by how many answers carry them, each with its quotes; then the quotes of answers
    /// without a theme.
    pub theme_list: Vec<ThemeEntry>,
    pub other_quotes: Vec<String>,
    /// The single-choice questions to filter by.
    pub choices: Vec<Choice>,
    /// The staff and workplaces the owner listed.
    pub listed: Vec<String>,
}

/// A change the owner makes to the analysis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    Read { key: String, read: bool },
    Tag { key: String, theme: u32, on: bool },
    AddTheme { name: String },
    Redact { key: String, start: usize, end: usize, kind: DetailKind },
    Unredact { key: String, start: usize },
    Quote { key: String, span: Option<(usize, usize)> },
    Listed { listed: Vec<String> },
    Commitments { text: String },
}

impl Analysis {
    /// The reading view of `question`, narrowed by `filter`, in `language` for the prompts.
    pub fn reading_view(
        &self,
        survey: &Survey,
        responses: &[Response],
        question: &str,
        filter: &Filter,
        language: &str,
    ) -> ReadingView {
        let fallback = survey.default_language.as_str();
        let questions: Vec<(String, String)> = survey
            .questions
            .iter()
            .filter(|q| matches!(q.kind, QuestionKind::Text { .. }))
            .map(|q| (q.id.clone(), crate::survey::localized(&q.prompt, language, fallback).to_string()))
            .collect();
        let all = self.answers(survey, responses, question);
        let items = match self.reading(survey, responses, question, filter) {
            Reading::Answers(answers) => Some(
                answers
                    .into_iter()
                    .map(|a| ReadingItem {
                        key: a.key(),
                        flags: crate::identifying::flags(&a.text, &self.listed),
                        work: self.work_on(&a),
                        quote: self.quote(&a, |k| k.word(language).to_string()),
                        text: a.text,
                        language: a.language,
                    })
                    .collect(),
            ),
            Reading::TooFew { .. } => None,
        };
        ReadingView {
            question: question.to_string(),
            prompt: questions.iter().find(|(id, _)| id == question).map(|(_, p)| p.clone()).unwrap_or_default(),
            questions,
            items,
            min_group_size: survey.privacy.min_group_size.max(1),
            unread: self.unread(&all),
            total: all.len(),
            themes: self.theme_counts(survey.privacy.min_group_size),
            theme_list: self.theme_list(survey, responses, language),
            other_quotes: self
                .all_answers(survey, responses)
                .iter()
                .filter(|a| self.work_on(a).themes.is_empty())
                .filter_map(|a| self.quote(a, |k| k.word(language).to_string()))
                .collect(),
            choices: survey
                .questions
                .iter()
                .filter_map(|q| match &q.kind {
                    QuestionKind::Single { options } => Some((
                        q.id.clone(),
                        crate::survey::localized(&q.prompt, language, fallback).to_string(),
                        options
                            .iter()
                            .map(|o| (o.id.clone(), crate::survey::localized(&o.label, language, fallback).to_string()))
                            .collect(),
                    )),
                    _ => None,
                })
                .collect(),
            listed: self.listed.clone(),
        }
    }

    /// Every free-text answer of the survey, question by question, each in this analysis's order.
    pub fn all_answers(&self, survey: &Survey, responses: &[Response]) -> Vec<TextAnswer> {
        survey.questions.iter().flat_map(|q| self.answers(survey, responses, &q.id)).collect()
    }

    /// The theme list for the dialogue meeting: themes by how many answers carry them (small
    /// groups hidden), each with the quotes chosen from its answers, redacted, with redactions
    /// named in `language`.
    pub fn theme_list(&self, survey: &Survey, responses: &[Response], language: &str) -> Vec<ThemeEntry> {
        let answers = self.all_answers(survey, responses);
        self.theme_counts(survey.privacy.min_group_size)
            .into_iter()
            .map(|(theme, count)| ThemeEntry {
                quotes: answers
                    .iter()
                    .filter(|a| self.work_on(a).themes.contains(&theme.id))
                    .filter_map(|a| self.quote(a, |k| k.word(language).to_string()))
                    .collect(),
                theme,
                count,
            })
            .collect()
    }

    /// Applies the redactions to the free-text cells of a report table (as `report::table`
    /// makes it: the response id first, a column per question), so that a redaction holds in
    /// every file made from the answers.
    pub fn redact_table(&self, survey: &Survey, table: &mut crate::report::Table, language: &str) {
        let text_columns: Vec<(usize, String)> = table
            .header
            .iter()
            .enumerate()
            .filter(|(_, id)| survey.question(id).is_some_and(|q| matches!(q.kind, QuestionKind::Text { .. })))
            .map(|(i, id)| (i, id.clone()))
            .collect();
        for row in &mut table.rows {
            let Some(response) = row.first().cloned() else { continue };
            for (column, question) in &text_columns {
                let Some(cell) = row.get_mut(*column) else { continue };
                let answer = TextAnswer {
                    response: response.clone(),
                    question: question.clone(),
                    text: cell.clone(),
                    language: String::new(),
                };
                if !self.work_on(&answer).redactions.is_empty() {
                    *cell = self.shown(&answer, |k| k.word(language).to_string());
                }
            }
        }
    }

    /// The free-text answers as a table for the dialogue meeting: the question, the answer
    /// (redacted), a column per theme ("x" where the answer carries it), and the quote.
    pub fn themes_table(&self, survey: &Survey, responses: &[Response], language: &str) -> crate::report::Table {
        let mut header = vec!["question".to_string(), "answer".to_string()];
        header.extend(self.themes.iter().map(|t| t.name.clone()));
        header.push("quote".into());
        let label = |k: DetailKind| k.word(language).to_string();
        let rows = self
            .all_answers(survey, responses)
            .iter()
            .map(|a| {
                let work = self.work_on(a);
                let mut row = vec![a.question.clone(), self.shown(a, label)];
                row.extend(self.themes.iter().map(|t| if work.themes.contains(&t.id) { "x" } else { "" }.to_string()));
                row.push(self.quote(a, label).unwrap_or_default());
                row
            })
            .collect();
        crate::report::Table { header, rows }
    }

    /// Applies a change. A redaction or quote outside the answer's text, or not on its
    /// characters' boundaries, is ignored; `texts` gives an answer's text by its key.
    pub fn apply(&mut self, change: Change, text_of: impl Fn(&str) -> Option<String>) {
        let valid = |key: &str, start: usize, end: usize| {
            text_of(key)
                .is_some_and(|t| start < end && end <= t.len() && t.is_char_boundary(start) && t.is_char_boundary(end))
        };
        let mut edit = |key: &str, f: &mut dyn FnMut(&mut Work)| {
            let mut work = self.work.remove(key).unwrap_or_default();
            f(&mut work);
            if work != Work::default() {
                self.work.insert(key.to_string(), work);
            }
        };
        match change {
            Change::Read { key, read } => edit(&key, &mut |w| w.read = read),
            Change::Tag { key, theme, on } => edit(&key, &mut |w| {
                if on {
                    w.themes.insert(theme);
                } else {
                    w.themes.remove(&theme);
                }
            }),
            Change::AddTheme { name } if !name.trim().is_empty() => {
                self.add_theme(&name);
            }
            Change::AddTheme { .. } => {}
            Change::Redact { key, start, end, kind } if valid(&key, start, end) => edit(&key, &mut |w| {
                w.redactions.retain(|r| r.end <= start || r.start >= end);
                w.redactions.push(Redaction { start, end, kind });
                w.redactions.sort_by_key(|r| r.start);
            }),
            Change::Redact { .. } => {}
            Change::Unredact { key, start } => edit(&key, &mut |w| w.redactions.retain(|r| r.start != start)),
            Change::Quote { key, span } => {
                if span.is_none_or(|(s, e)| valid(&key, s, e)) {
                    edit(&key, &mut |w| w.quote = span);
                }
            }
            Change::Listed { listed } => self.listed = listed.into_iter().filter(|l| !l.trim().is_empty()).collect(),
            Change::Commitments { text } => self.commitments = text,
        }
    }
}

/// The most common answer to a single-choice question, for the participants' summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommonAnswer {
    pub prompt: String,
    pub label: String,
    pub share: f64,
}

/// A plain-language summary for the people who answered: the headline figures, the main themes,
/// the chosen quotes (redacted) and what the service will do. It holds no free text but the
/// chosen quotes, and no group smaller than `min_group_size`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParticipantSummary {
    pub title: String,
    pub language: String,
    pub languages: Vec<String>,
    /// How many answered, if it may be shown.
    pub responses: Option<u64>,
    /// The indicator's label, share and target, if its share may be shown.
    pub indicator: Option<(String, f64, f64)>,
    /// Per single-choice question, its most common answer and that answer's share, where the
    /// counts may be shown.
    pub common: Vec<CommonAnswer>,
    /// Themes carried by at least `min_group_size` answers, most first.
    pub themes: Vec<(String, u64)>,
    pub quotes: Vec<String>,
    pub commitments: String,
}

impl Analysis {
    /// The participants' summary in `language` (the survey's where it has it).
    pub fn participant_summary(&self, survey: &Survey, responses: &[Response], language: &str) -> ParticipantSummary {
        let language = survey.content_language(language).to_string();
        let summary = crate::summary::summarize(survey, responses, &language);
        let responses_shown = summary.responses.shown();
        let common = summary
            .questions
            .iter()
            .filter(|q| q.kind == "single")
            .filter_map(|q| {
                let total = responses_shown?;
                let (label, n) = q
                    .rows
                    .iter()
                    .filter(|r| !r.label.starts_with('('))
                    .filter_map(|r| r.count.shown().map(|n| (r.label.clone(), n)))
                    .max_by_key(|(_, n)| *n)?;
                (n > 0 && total > 0).then(|| CommonAnswer {
                    prompt: q.prompt.clone(),
                    label,
                    share: n as f64 / total as f64,
                })
            })
            .collect();
        let label = |k: DetailKind| k.word(&language).to_string();
        ParticipantSummary {
            title: crate::survey::localized(&survey.title, &language, &survey.default_language).to_string(),
            languages: survey.languages.clone(),
            responses: responses_shown,
            indicator: summary.indicator.as_ref().and_then(|i| i.share.map(|share| (i.label.clone(), share, i.target))),
            common,
            themes: self
                .theme_counts(survey.privacy.min_group_size)
                .into_iter()
                .filter_map(|(t, c)| c.shown().filter(|n| *n > 0).map(|n| (t.name, n)))
                .collect(),
            quotes: self.all_answers(survey, responses).iter().filter_map(|a| self.quote(a, label)).collect(),
            commitments: self.commitments.clone(),
            language,
        }
    }
}
