//! What the owner's results screen shows, as plain data: the outcome of opening a survey's
//! bundles (read, duplicates, records that could not be read or do not fit) and every figure
//! of the summary, with small groups hidden by `summary` and `figures` exactly as in
//! `lytt report`. The app's results screen opens and summarises records in Web Workers; this
//! is what a worker sends back to the page (as JSON), so the page only draws it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::breakdown::{breakdown, BreakBy, BreakdownError, GroupKey};
use crate::bundle::{Bundle, Opened};
use crate::compare::{compare, QuestionChange};
use crate::figures::{median, ranked_first, share};
use crate::summary::{summarize, Count, CountRow};
use crate::survey::{localized, QuestionKind, Survey};
use crate::unseal::{open_plaintext, open_plaintext_agreeing, read_record, x25519_shares, Identity, OpenError};

/// A record that could not be read: the bundle file, the record's place in it (from 1) and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    pub file: String,
    pub record: usize,
    pub why: OpenError,
}

/// A record set apart because its answers do not fit the survey: its response id and why
/// (in English, as `lytt validate` words it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetApart {
    pub response: String,
    pub why: String,
}

/// One row of a question's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// An option's label, a value, or one of the summary's row names (`(declined)`, ...).
    pub label: String,
    pub count: Count,
    /// The count's share of all responses, where both may be shown.
    pub share: Option<f64>,
}

/// One question's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionFigures {
    pub id: String,
    pub prompt: String,
    /// `single`, `multi`, `scale`, ...
    pub kind: String,
    /// For `multi` and `ranking` each option's row counts the responses that include it, so
    /// those rows do not add up to the total; for the others the rows are a partition.
    pub rows: Vec<Row>,
    /// Scale, smiley and number questions: the median of the numbers given, where at least
    /// `min_group_size` people gave one.
    pub median: Option<f64>,
    /// Ranking questions: how many put each option first.
    pub ranked_first: Option<Vec<Row>>,
}

/// The survey's headline figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    pub label: String,
    /// Responses that answered its question (not declined): the base of the share.
    pub base: Count,
    /// Shown only where both the positive answers and the others are groups of at least
    /// `min_group_size`.
    pub share: Option<f64>,
    pub target: f64,
}

/// A question broken down by a single-choice question or by the way people answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BrokenDown {
    /// The groups' labels and sizes (a device's group is named by its record `mode`).
    pub groups: Vec<(String, Count)>,
    /// Per question: its id, prompt, row labels and one count per row and group.
    pub questions: Vec<BrokenDownQuestion>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BrokenDownQuestion {
    pub id: String,
    pub prompt: String,
    pub rows: Vec<String>,
    /// `cells[row][group]`.
    pub cells: Vec<Vec<Count>>,
}

/// A single-choice question the results may be broken down by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BreakChoice {
    pub id: String,
    pub prompt: String,
}

/// The round the results are compared with (see `compare`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Compared {
    pub title: String,
    pub version: String,
    /// Records read and counted in that round.
    pub read: usize,
    pub failures: usize,
    pub set_apart: usize,
    pub dates: Option<(String, String)>,
    pub responses: Count,
    /// Per question both rounds ask in the same way: each row's counts and shares in the
    /// earlier round (`before`) and this one (`after`), and the change in points.
    pub questions: Vec<QuestionChange>,
}

/// Everything the results screen shows for one set of opened bundles, in one language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultsView {
    pub survey: String,
    pub version: String,
    pub title: String,
    /// The language of the texts below, and every language the survey has.
    pub language: String,
    pub languages: Vec<String>,
    /// Records read and counted (without duplicates and records set apart).
    pub read: usize,
    pub duplicates: usize,
    pub failures: Vec<Failure>,
    pub set_apart: Vec<SetApart>,
    /// The earliest and latest completion dates (the record's coarse date), if any was read.
    pub dates: Option<(String, String)>,
    pub responses: Count,
    pub min_group_size: u32,
    pub indicator: Option<Indicator>,
    pub questions: Vec<QuestionFigures>,
    pub break_choices: Vec<BreakChoice>,
    pub broken_down: Option<BrokenDown>,
    /// This round beside an earlier one, if one was opened to compare with.
    pub compared: Option<Compared>,
}

fn date_range(responses: &[crate::Response]) -> Option<(String, String)> {
    let dates = || responses.iter().map(|r| r.completed.as_str());
    dates().min().zip(dates().max()).map(|(a, b)| (a.to_string(), b.to_string()))
}

/// The figures of `opened` (whose misfits are already set apart) for `survey`, with texts in
/// `language` where the survey has it, broken down by `by` if given, and compared with an
/// `earlier` round if given.
pub fn view(
    (survey, opened): (&Survey, &Opened),
    earlier: Option<(&Survey, &Opened)>,
    language: &str,
    by: Option<&BreakBy>,
) -> Result<ResultsView, BreakdownError> {
    let language = survey.content_language(language).to_string();
    let fallback = survey.default_language.as_str();
    let responses = &opened.responses;
    let summary = summarize(survey, responses, &language);
    let rows = |rows: &[CountRow]| -> Vec<Row> {
        rows.iter()
            .map(|r| Row { label: r.label.clone(), count: r.count, share: share(r.count, summary.responses) })
            .collect()
    };
    let questions = summary
        .questions
        .iter()
        .map(|q| QuestionFigures {
            id: q.id.clone(),
            prompt: q.prompt.clone(),
            kind: q.kind.to_string(),
            rows: rows(&q.rows),
            median: median(survey, responses, &q.id),
            ranked_first: ranked_first(survey, responses, &q.id, &language).map(|r| rows(&r)),
        })
        .collect();
    let break_choices = survey
        .questions
        .iter()
        .filter(|q| matches!(q.kind, QuestionKind::Single { .. }))
        .map(|q| BreakChoice { id: q.id.clone(), prompt: localized(&q.prompt, &language, fallback).to_string() })
        .collect();
    let broken_down = by.map(|by| breakdown(survey, responses, by, &language)).transpose()?.map(|b| BrokenDown {
        groups: b
            .groups
            .iter()
            .map(|g| {
                let label = match g.key {
                    GroupKey::Device(kind) => kind.record_name().to_string(),
                    _ => g.label.clone(),
                };
                (label, g.size)
            })
            .collect(),
        questions: b
            .questions
            .into_iter()
            .map(|q| BrokenDownQuestion { id: q.id, prompt: q.prompt, rows: q.rows, cells: q.cells })
            .collect(),
    });
    let compared = earlier.map(|(before_survey, before)| {
        let comparison = compare((before_survey, &before.responses), (survey, responses), &language);
        Compared {
            title: localized(&before_survey.title, &language, &before_survey.default_language).to_string(),
            version: before_survey.version.clone(),
            read: before.responses.len(),
            failures: before.failures.len(),
            set_apart: before.misfits.len(),
            dates: date_range(&before.responses),
            responses: comparison.before.responses,
            questions: comparison.questions,
        }
    });
    Ok(ResultsView {
        survey: survey.id.clone(),
        version: survey.version.clone(),
        title: localized(&survey.title, &language, fallback).to_string(),
        languages: survey.languages.clone(),
        language,
        read: responses.len(),
        duplicates: opened.duplicates,
        failures: opened
            .failures
            .iter()
            .map(|(file, index, why)| Failure { file: file.clone(), record: index + 1, why: why.clone() })
            .collect(),
        set_apart: opened
            .misfits
            .iter()
            .map(|(id, why)| SetApart { response: id.clone(), why: why.to_string() })
            .collect(),
        dates: date_range(responses),
        responses: summary.responses,
        min_group_size: summary.min_group_size,
        indicator: summary.indicator.map(|i| Indicator {
            label: i.label,
            base: i.base,
            share: i.share,
            target: i.target,
        }),
        questions,
        break_choices,
        broken_down,
        compared,
    })
}

/// What the results screen asks of a results worker, as JSON. Big texts (a bundle file, the
/// decrypted slices, the identity) travel beside a request as they are, not inside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Request {
    /// Read the bundle file beside the request and keep it as file number `file`.
    Load { file: usize },
    /// Decrypt records `from..to` of bundle `file` with the identity the worker holds.
    Open { file: usize, from: usize, to: usize },
    /// Read the decrypted slices beside the request (the `Opened` replies, in order) as
    /// records of the survey whose file is `survey`, keep them, and answer with the view. Round
    /// 0 is the round shown (gathering it forgets every round before); round 1 an earlier round
    /// it is compared with.
    Gather { round: usize, survey: String, files: Vec<String>, language: String },
    /// Forget the bundles read so far (the identity stays, for another round).
    ForgetBundles,
    /// The view of what was gathered, in `language`, broken down by `by`.
    View { language: String, by: Option<BreakBy> },
    /// The responses as a table (CSV) or a workbook (XLSX), as `lytt report` makes them.
    Export { format: ExportFormat, language: String },
    /// The free-text answers of `question` (the first free-text question if none), narrowed by
    /// `filter`, after applying `change` to the analysis if one is given.
    Reading {
        question: Option<String>,
        filter: crate::analysis::Filter,
        language: String,
        change: Option<crate::analysis::Change>,
    },
    /// The plain-language summary for the people who answered, in `language`, after setting
    /// what the service will do, if given.
    ParticipantSummary { language: String, commitments: Option<String> },
    /// The analysis sealed to the owner's own key (the identity the worker holds).
    SaveAnalysis,
    /// Opens a sealed analysis file (beside the request) with the identity the worker holds.
    OpenAnalysis,
}

/// A report file's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Csv,
    Xlsx,
    /// The free-text answers with their themes and quotes, for the dialogue meeting.
    ThemesCsv,
    ThemesXlsx,
}

/// A results worker's answer to a request, as JSON (an export's answer is the file itself).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "reply", rename_all = "snake_case")]
pub enum Reply {
    /// The bundle file was read; it holds this many records.
    Loaded {
        records: usize,
    },
    /// The records `from..` of bundle `file`: each one's plaintext, or why it could not be
    /// decrypted.
    Opened {
        file: usize,
        from: usize,
        records: Vec<Result<String, OpenError>>,
    },
    View {
        view: Box<ResultsView>,
    },
    Reading {
        view: Box<crate::analysis::ReadingView>,
    },
    ParticipantSummary {
        summary: Box<crate::analysis::ParticipantSummary>,
    },
    /// The analysis file: an age message sealed to the owner's key.
    Sealed {
        file: String,
    },
    Problem {
        problem: WorkerProblem,
    },
}

/// Why a worker could not do what was asked; each is shown to the owner, translated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "problem", content = "detail", rename_all = "snake_case")]
pub enum WorkerProblem {
    /// The identity file holds no `AGE-SECRET-KEY-1...` line.
    BadIdentity,
    /// Records were to be opened before an identity was given.
    NoIdentity,
    /// A bundle file is not a `lytt-bundle/1` file (the reason in English).
    NotABundle(String),
    /// The survey file cannot be used (its problems in English, as `lytt validate` words them).
    BadSurvey(String),
    /// An analysis file that this identity cannot open, or of another survey (why, in English).
    BadAnalysis(String),
    /// A request that does not fit what the worker holds (a bug in the page, not the owner's doing).
    Unexpected(String),
}

/// A slice of decrypted records: the bundle's number, the first record's place, and each
/// record's plaintext or why it could not be decrypted.
pub type Slice = (usize, usize, Vec<Result<String, OpenError>>);

/// Decrypts records `from..to` of `bundle` (clamped to its length): each one's plaintext, or
/// why it could not be decrypted. Reading them as records is left to [`gather`], which sees
/// every slice, so that duplicates are found across bundles and slices.
pub fn open_slice(bundle: &Bundle, from: usize, to: usize, identity: &Identity) -> Vec<Result<String, OpenError>> {
    let to = to.min(bundle.records.len());
    bundle.records[from.min(to)..to]
        .iter()
        .map(|record| {
            let plaintext = open_plaintext(record.as_bytes(), identity)?;
            String::from_utf8(plaintext).map_err(|_| OpenError::NotARecord("its text is not UTF-8".into()))
        })
        .collect()
}

/// The X25519 shares of records `from..to` of `bundle`, for key agreements made elsewhere (the
/// browser's Web Crypto), which [`open_slice_agreed`] then uses.
pub fn slice_shares(bundle: &Bundle, from: usize, to: usize) -> Vec<[u8; 32]> {
    let to = to.min(bundle.records.len());
    bundle.records[from.min(to)..to].iter().flat_map(|r| x25519_shares(r.as_bytes())).collect()
}

/// [`open_slice`] with the key agreements made elsewhere: `agreed` maps each share to the
/// identity's shared secret with it (an agreement that failed is left out); `public` is the
/// identity's public key.
pub fn open_slice_agreed(
    bundle: &Bundle,
    from: usize,
    to: usize,
    public: &[u8; 32],
    agreed: &BTreeMap<[u8; 32], [u8; 32]>,
) -> Vec<Result<String, OpenError>> {
    let to = to.min(bundle.records.len());
    bundle.records[from.min(to)..to]
        .iter()
        .map(|record| {
            let plaintext =
                open_plaintext_agreeing(record.as_bytes(), public, &mut |share| agreed.get(share).copied())?;
            String::from_utf8(plaintext).map_err(|_| OpenError::NotARecord("its text is not UTF-8".into()))
        })
        .collect()
}

/// Reads decrypted slices (`(file, from, records)`, in any order) as records of `survey`, in
/// the order of the files and of the records in them, as `lytt report` reads them: a response
/// id read before is a duplicate, a record of another survey is a failure, and records whose
/// answers do not fit the survey are set apart.
pub fn gather(survey: &Survey, files: &[String], mut slices: Vec<Slice>) -> Opened {
    slices.sort_by_key(|(file, from, _)| (*file, *from));
    let mut opened = Opened::default();
    for (file, from, records) in slices {
        let name = files.get(file).map(String::as_str).unwrap_or("?");
        for (i, record) in records.into_iter().enumerate() {
            let read = record.and_then(|plaintext| read_record(plaintext.as_bytes(), Some(&survey.id)));
            opened.add_result(name, from + i, read);
        }
    }
    opened.set_apart_misfits(survey);
    opened
}
