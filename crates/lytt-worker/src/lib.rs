//! The Web Worker behind the owner's results screen (`#/owner/results`). The page starts one
//! per processor core and hands each slices of the bundles to decrypt; one of them then gathers
//! the decrypted records, keeps them, and answers the page's questions about them (the view in
//! another language, a breakdown, an export). Everything here is `lytt_core::results`; this
//! crate only carries messages. It is built on its own (see scripts/build-wasm.mjs), so the
//! respondent's app never downloads any of it.
//!
//! The worker holds the owner's identity and the decrypted records in its memory only. The page
//! ends the worker when the owner closes the results or leaves them idle, which frees both.

use std::cell::RefCell;
use std::collections::BTreeMap;

use lytt_core::analysis::Analysis;
use lytt_core::breakdown::BreakBy;
use lytt_core::bundle::{Bundle, Opened};
use lytt_core::results::{
    gather, open_slice, open_slice_agreed, slice_shares, view, ExportFormat, Reply, Request, WorkerProblem,
};
use lytt_core::unseal::Identity;
use lytt_core::{parse_survey, Survey};
use wasm_bindgen::prelude::*;
use zeroize::Zeroize;

#[derive(Default)]
struct Held {
    identity: Option<Identity>,
    bundles: BTreeMap<usize, Bundle>,
    /// The round shown, then the round it is compared with, if any.
    rounds: Vec<(Survey, Opened)>,
    /// The owner's work on the shown round's free text.
    analysis: Option<Analysis>,
}

thread_local! {
    static HELD: RefCell<Held> = RefCell::new(Held::default());
}

/// Takes the owner's identity file's text and holds the key for the `open` requests that
/// follow; the text itself is overwritten. False if the file holds no identity.
#[wasm_bindgen]
pub fn hold_identity(mut text: String) -> bool {
    let identity = Identity::from_identity_file(&text);
    text.zeroize();
    let held = identity.is_some();
    HELD.with_borrow_mut(|h| h.identity = identity);
    held
}

/// The held identity's secret and public key (64 bytes), for importing it into the browser's
/// Web Crypto, which makes X25519 key agreements several times faster than this module can
/// (worker.js). Empty if no identity is held.
#[wasm_bindgen]
pub fn identity_keys() -> Vec<u8> {
    HELD.with_borrow(|h| h.identity.as_ref().map(|i| [&i.secret()[..], &i.public()[..]].concat()).unwrap_or_default())
}

/// The X25519 shares (32 bytes each) of the records an `open` request names, for the key
/// agreements worker.js makes with Web Crypto before it hands the request to `answer`.
#[wasm_bindgen]
pub fn shares_to_agree(request: &str) -> Vec<u8> {
    let Ok(Request::Open { file, from, to }) = serde_json::from_str::<Request>(request) else {
        return Vec::new();
    };
    HELD.with_borrow(|h| h.bundles.get(&file).map(|b| slice_shares(b, from, to).concat()).unwrap_or_default())
}

/// Answers one request (`lytt_core::results::Request` as JSON). `beside` is the request's big
/// text: a bundle file's text for `load`, the `opened` replies (an array of their JSON) for
/// `gather`, and for `open` the key agreements made with Web Crypto, if it made them (a
/// `Uint8Array` of share and shared secret, 64 bytes each). The answer is a `Reply` as JSON, or for `export` the file's bytes.
#[wasm_bindgen]
pub fn answer(request: &str, beside: JsValue) -> JsValue {
    match serde_json::from_str::<Request>(request) {
        Ok(Request::Export { format, language }) => match export(format, &language) {
            Ok(bytes) => js_sys::Uint8Array::from(&bytes[..]).into(),
            Err(problem) => reply(&Reply::Problem { problem }),
        },
        Ok(request) => reply(
            &HELD
                .with_borrow_mut(|held| answer_request(held, request, &beside))
                .unwrap_or_else(|problem| Reply::Problem { problem }),
        ),
        Err(e) => reply(&Reply::Problem { problem: WorkerProblem::Unexpected(e.to_string()) }),
    }
}

fn reply(reply: &Reply) -> JsValue {
    JsValue::from_str(&serde_json::to_string(reply).unwrap_or_default())
}

fn answer_request(held: &mut Held, request: Request, beside: &JsValue) -> Result<Reply, WorkerProblem> {
    match request {
        Request::Load { file } => {
            let text = beside.as_string().unwrap_or_default();
            let bundle = Bundle::parse(text.as_bytes()).map_err(|e| WorkerProblem::NotABundle(e.to_string()))?;
            let records = bundle.records.len();
            held.bundles.insert(file, bundle);
            Ok(Reply::Loaded { records })
        }
        Request::Open { file, from, to } => {
            let identity = held.identity.as_ref().ok_or(WorkerProblem::NoIdentity)?;
            let bundle = held.bundles.get(&file).ok_or_else(|| unexpected("no such bundle"))?;
            let records = match beside.dyn_ref::<js_sys::Uint8Array>() {
                Some(pairs) => {
                    let agreed: BTreeMap<[u8; 32], [u8; 32]> = pairs
                        .to_vec()
                        .chunks_exact(64)
                        .filter_map(|pair| Some((pair[..32].try_into().ok()?, pair[32..].try_into().ok()?)))
                        .collect();
                    open_slice_agreed(bundle, from, to, identity.public(), &agreed)
                }
                None => open_slice(bundle, from, to, identity),
            };
            Ok(Reply::Opened { file, from, records })
        }
        Request::Gather { round, survey, files, language } => {
            let survey = parse_survey(&survey).map_err(|e| WorkerProblem::BadSurvey(e.to_string()))?;
            let mut slices = Vec::new();
            for slice in js_sys::Array::from(beside).iter() {
                match serde_json::from_str::<Reply>(&slice.as_string().unwrap_or_default()) {
                    Ok(Reply::Opened { file, from, records }) => slices.push((file, from, records)),
                    _ => return Err(unexpected("a slice that is not opened records")),
                }
            }
            held.bundles.clear();
            let opened = gather(&survey, &files, slices);
            match round {
                0 => {
                    held.analysis =
                        Some(Analysis::new(&survey.id, rand_core::RngCore::next_u64(&mut rand_core::OsRng)));
                    held.rounds = vec![(survey, opened)];
                }
                1 if !held.rounds.is_empty() => {
                    held.rounds.truncate(1);
                    held.rounds.push((survey, opened));
                }
                _ => return Err(unexpected("a round to compare with before the round itself")),
            }
            view_of(held, &language, None)
        }
        Request::ForgetBundles => {
            held.bundles.clear();
            Ok(Reply::Loaded { records: 0 })
        }
        Request::View { language, by } => view_of(held, &language, by.as_ref()),
        Request::Reading { question, filter, language, change } => {
            let (survey, opened) = held.rounds.first().ok_or_else(|| unexpected("nothing gathered yet"))?;
            let analysis = held.analysis.get_or_insert_with(|| Analysis::new(&survey.id, 0));
            if let Some(change) = change {
                let texts = |key: &str| {
                    let (response, question) = key.split_once('/')?;
                    let found = opened.responses.iter().find(|r| r.response == response)?;
                    match found.answers.get(question) {
                        Some(lytt_core::Answer::Text(text)) => Some(text.clone()),
                        _ => None,
                    }
                };
                analysis.apply(change, texts);
            }
            let first = survey
                .questions
                .iter()
                .find(|q| matches!(q.kind, lytt_core::QuestionKind::Text { .. }))
                .map(|q| q.id.clone())
                .unwrap_or_default();
            let question = question.unwrap_or(first);
            let view = analysis.reading_view(survey, &opened.responses, &question, &filter, &language);
            Ok(Reply::Reading { view: Box::new(view) })
        }
        Request::ParticipantSummary { language, commitments } => {
            let (survey, opened) = held.rounds.first().ok_or_else(|| unexpected("nothing gathered yet"))?;
            let analysis = held.analysis.get_or_insert_with(|| Analysis::new(&survey.id, 0));
            if let Some(text) = commitments {
                analysis.commitments = text;
            }
            let summary = analysis.participant_summary(survey, &opened.responses, &language);
            Ok(Reply::ParticipantSummary { summary: Box::new(summary) })
        }
        Request::SaveAnalysis => {
            let identity = held.identity.as_ref().ok_or(WorkerProblem::NoIdentity)?;
            let analysis = held.analysis.as_ref().ok_or_else(|| unexpected("nothing gathered yet"))?;
            let file =
                lytt_core::seal::seal_with(analysis.to_json().as_bytes(), &identity.recipient(), &mut rand_core::OsRng)
                    .map_err(|e| unexpected(&e.to_string()))?;
            Ok(Reply::Sealed { file })
        }
        Request::OpenAnalysis => {
            let identity = held.identity.as_ref().ok_or(WorkerProblem::NoIdentity)?;
            let (survey, _) = held.rounds.first().ok_or_else(|| unexpected("nothing gathered yet"))?;
            let text = beside.as_string().unwrap_or_default();
            let plaintext = lytt_core::unseal::open_plaintext(text.as_bytes(), identity)
                .map_err(|e| WorkerProblem::BadAnalysis(e.to_string()))?;
            let analysis =
                Analysis::from_json(&String::from_utf8_lossy(&plaintext)).map_err(WorkerProblem::BadAnalysis)?;
            if analysis.survey != survey.id {
                return Err(WorkerProblem::BadAnalysis(format!(
                    "an analysis of another survey (\"{}\")",
                    analysis.survey
                )));
            }
            held.analysis = Some(analysis);
            Ok(Reply::Loaded { records: 0 })
        }
        Request::Export { .. } => Err(unexpected("an export is answered with a file")),
    }
}

fn view_of(held: &Held, language: &str, by: Option<&BreakBy>) -> Result<Reply, WorkerProblem> {
    let (survey, opened) = held.rounds.first().ok_or_else(|| unexpected("nothing gathered yet"))?;
    let earlier = held.rounds.get(1).map(|(s, o)| (s, o));
    let view = view((survey, opened), earlier, language, by).map_err(|e| unexpected(&e.to_string()))?;
    Ok(Reply::View { view: Box::new(view) })
}

fn export(format: ExportFormat, language: &str) -> Result<Vec<u8>, WorkerProblem> {
    HELD.with_borrow(|held| {
        let (survey, opened) = held.rounds.first().ok_or_else(|| unexpected("nothing gathered yet"))?;
        let language = survey.content_language(language).to_string();
        let mut table = lytt_core::report::table(survey, &opened.responses, &language);
        // A redaction holds in every file made from the answers.
        if let Some(analysis) = &held.analysis {
            analysis.redact_table(survey, &mut table, &language);
        }
        let themes =
            || held.analysis.as_ref().map(|a| a.themes_table(survey, &opened.responses, &language)).unwrap_or_default();
        match format {
            ExportFormat::Csv => Ok(table.to_csv().into_bytes()),
            ExportFormat::Xlsx => {
                let summary = lytt_core::summary::summarize(survey, &opened.responses, &language);
                lytt_core::xlsx::workbook(survey, &summary, &table, &language).map_err(|e| unexpected(&e))
            }
            ExportFormat::ThemesCsv => Ok(themes().to_csv().into_bytes()),
            ExportFormat::ThemesXlsx => {
                lytt_core::xlsx::table_workbook("Themes", &themes()).map_err(|e| unexpected(&e))
            }
        }
    })
}

fn unexpected(what: &str) -> WorkerProblem {
    WorkerProblem::Unexpected(what.to_string())
}
