//! Responses as a table for the survey owner: one row per response, one column per question,
//! with option labels in a chosen language.

use crate::answer::Answer;
use crate::response::{Response, Status};
use std::borrow::Cow;

use crate::survey::{localized, Question, QuestionKind, Survey};

/// Written in a cell for "prefer not to answer" (an unanswered question's cell is empty).
pub const DECLINED: &str = "(declined)";

/// A table of responses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// Column names: the record fields, then the question ids.
    pub header: Vec<String>,
    /// One row per response, in the order of the response ids (random, so it says nothing).
    pub rows: Vec<Vec<String>>,
}

/// The answer as a report cell: labels for options, numbers as numbers, text as given.
pub fn cell(survey: &Survey, question_id: &str, answer: Option<&Answer>, language: &str) -> String {
    match survey.question(question_id) {
        Some(question) => cell_of(survey, question, answer, language).into_owned(),
        None => String::new(),
    }
}

/// [`cell`] for a question at hand, borrowing the text where it can (a report has one per
/// answer, and most are a label or the respondent's own text).
fn cell_of<'a>(survey: &'a Survey, question: &'a Question, answer: Option<&'a Answer>, language: &str) -> Cow<'a, str> {
    let fallback = survey.default_language.as_str();
    match (answer, &question.kind) {
        (None, _) => Cow::Borrowed(""),
        (Some(Answer::Declined), _) => Cow::Borrowed(DECLINED),
        (Some(Answer::Text(id)), QuestionKind::Single { options, .. }) => match options.iter().find(|o| &o.id == id) {
            Some(option) => Cow::Borrowed(localized(&option.label, language, fallback)),
            None => Cow::Borrowed(id),
        },
        (Some(Answer::Text(text)), _) => Cow::Borrowed(text),
        (Some(Answer::List(ids)), _) => Cow::Owned(question.choices_text(ids, language, fallback, "; ")),
        (Some(Answer::Number(n)), _) => Cow::Owned(n.to_string()),
    }
}

/// The responses as a table, in `language` where the survey has it.
pub fn table(survey: &Survey, responses: &[Response], language: &str) -> Table {
    let columns = Columns::of(survey);
    let rows = in_report_order(responses).into_iter().map(|r| columns.row(r, language)).collect();
    Table { header: columns.header(), rows }
}

/// The responses in the order a report lists them: by their random ids, so it says nothing.
pub fn in_report_order(responses: &[Response]) -> Vec<&Response> {
    let mut sorted: Vec<&Response> = responses.iter().collect();
    sorted.sort_unstable_by(|a, b| a.response.cmp(&b.response));
    sorted
}

/// The columns of a report: the record's fields, then the survey's answerable questions.
pub struct Columns<'a> {
    survey: &'a Survey,
    questions: Vec<&'a Question>,
}

impl<'a> Columns<'a> {
    /// The columns for `survey`.
    pub fn of(survey: &'a Survey) -> Columns<'a> {
        Columns { survey, questions: survey.questions.iter().filter(|q| q.is_answerable()).collect() }
    }

    /// The column names.
    pub fn header(&self) -> Vec<String> {
        let mut header: Vec<String> =
            ["response", "survey_version", "language", "mode", "completed", "status"].map(String::from).to_vec();
        header.extend(self.questions.iter().map(|q| q.id.clone()));
        header
    }

    /// The record's own fields of a response, as its first cells.
    fn fields(r: &Response) -> [&str; 6] {
        let status = if r.status == Status::Complete { "complete" } else { "partial" };
        [&r.response, &r.survey_version, &r.language, r.mode.record_name(), &r.completed, status]
    }

    /// One response's row (rows can be made on several threads at once).
    pub fn row(&self, r: &Response, language: &str) -> Vec<String> {
        let mut row = Vec::with_capacity(6 + self.questions.len());
        row.extend(Self::fields(r).map(String::from));
        row.extend(self.questions.iter().map(|q| cell_of(self.survey, q, r.answers.get(&q.id), language).into_owned()));
        row
    }

    /// One response's CSV line, written straight into `out` (as [`Table::to_csv`] writes its row).
    pub fn write_csv_line(&self, r: &Response, language: &str, out: &mut String) {
        for (i, field) in Self::fields(r).iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_csv_field(out, field);
        }
        for q in &self.questions {
            out.push(',');
            push_csv_field(out, &cell_of(self.survey, q, r.answers.get(&q.id), language));
        }
        out.push_str("\r\n");
    }
}

/// Appends rows as CSV lines (parts of a table can be written on several threads at once and
/// joined: a table's CSV is a byte-order mark, the header's line, then the rows' lines).
pub fn csv_rows(out: &mut String, rows: &[Vec<String>]) {
    for row in rows {
        for (i, value) in row.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_csv_field(out, value);
        }
        out.push_str("\r\n");
    }
}

/// Appends one CSV field: quoted when needed, and a leading `=`, `+`, `-`, `@`, tab or carriage
/// return is defused with `'` so that a spreadsheet never runs a respondent's text as a formula.
/// (Written straight into the output: a report has a field per answer, and allocating each
/// twice made writing 100,000 rows a tenth of `lytt report`.)
fn push_csv_field(out: &mut String, value: &str) {
    let defuse = value.starts_with(['=', '+', '-', '@', '\t', '\r']) && value.parse::<i64>().is_err();
    let quote = value.contains([',', '"', '\n', '\r']);
    if quote {
        out.push('"');
    }
    if defuse {
        out.push('\'');
    }
    if quote {
        for (i, part) in value.split('"').enumerate() {
            if i > 0 {
                out.push_str("\"\"");
            }
            out.push_str(part);
        }
        out.push('"');
    } else {
        out.push_str(value);
    }
}

impl Table {
    /// The table as CSV (RFC 4180, CRLF line ends, UTF-8 with a byte-order mark so that
    /// spreadsheet programs read æ, ø, å correctly).
    pub fn to_csv(&self) -> String {
        let mut out = String::from("\u{feff}");
        csv_rows(&mut out, std::slice::from_ref(&self.header));
        csv_rows(&mut out, &self.rows);
        out
    }

    /// The table as a JSON array of objects keyed by column name.
    pub fn to_json(&self) -> String {
        let rows: Vec<serde_json::Map<String, serde_json::Value>> = self
            .rows
            .iter()
            .map(|row| {
                self.header.iter().cloned().zip(row.iter().map(|v| serde_json::Value::String(v.clone()))).collect()
            })
            .collect();
        serde_json::to_string_pretty(&rows).unwrap_or_default()
    }
}
