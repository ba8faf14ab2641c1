//! Opening a survey's answers with workers (`crates/lytt-worker`): one per core decrypts
//! slices of the bundles, then the first gathers every slice, keeps the records, and answers
//! the screen's later questions (another language, a breakdown, a round to compare with, an
//! export). The page only
//! hands texts on: the identity and the bundles go to the workers as the browser read them,
//! and nothing decrypted reaches the page but the figures.

use futures::future::join_all;
use lytt_core::results::{Reply, Request, ResultsView, WorkerProblem};
use wasm_bindgen::JsValue;

use crate::platform::worker::{cores, Worker};
use crate::platform::{self, ChosenFile};

/// How many records a worker decrypts per message: small enough that the progress bar moves
/// often, large enough that messages cost little.
const SLICE: usize = 200;

/// Why the answers could not be opened; translated when shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenProblem {
    ChooseSurvey,
    ChooseIdentity,
    ChooseBundles,
    /// This copy of the app was built without the results worker.
    NotBuilt,
    /// A worker did not start or failed (the browser's words, in English).
    Worker(String),
    BadIdentity,
    SurveyUnreadable,
    /// A survey link that is damaged, cut short or too long.
    LinkUnreadable,
    /// The survey file has errors (in English, as `lytt validate` words them).
    BadSurvey(String),
    FileUnreadable(String),
    NotABundle(String),
    /// An analysis file this key cannot open, or of another survey (why, in English).
    BadAnalysis(String),
}

/// A round's inputs: the survey file's text and the bundle files.
pub struct Round {
    pub survey: String,
    pub bundles: Vec<ChosenFile>,
}

/// The workers, each holding the identity; the first also holds the rounds opened. Dropping the
/// pool ends them all, which forgets the key and every record.
pub struct Pool(Vec<Worker>);

/// The worker script the build made (see scripts/build-wasm.mjs).
fn worker_script() -> Option<&'static str> {
    option_env!("LYTT_RESULTS_WORKER")
}

fn worker_failed(e: crate::platform::worker::WorkerFailed) -> OpenProblem {
    OpenProblem::Worker(e.0)
}

fn json(request: &Request) -> JsValue {
    JsValue::from_str(&serde_json::to_string(request).unwrap_or_default())
}

fn reply(answer: &JsValue) -> Result<Reply, OpenProblem> {
    serde_json::from_str(&answer.as_string().unwrap_or_default())
        .map_err(|e| OpenProblem::Worker(format!("an answer the page does not know: {e}")))
}

impl Pool {
    /// Starts one worker per core, holding nothing yet: the page starts them when it opens, so
    /// that they are ready (their code fetched and compiled) when the owner opens the answers.
    pub fn spawn() -> Result<Vec<Worker>, OpenProblem> {
        let script = worker_script().ok_or(OpenProblem::NotBuilt)?;
        let workers: Vec<Worker> = (0..cores()).filter_map(|_| Worker::start(script)).collect();
        if workers.is_empty() {
            return Err(OpenProblem::Worker("no worker started".into()));
        }
        Ok(workers)
    }

    /// Hands each of `workers` the identity, as the browser read it from its file: it goes
    /// nowhere else.
    pub async fn start(workers: Vec<Worker>, identity: &ChosenFile) -> Result<Pool, OpenProblem> {
        let text = identity.start_js_text().await.ok_or_else(|| OpenProblem::FileUnreadable(identity.name()))?;
        let nothing = JsValue::UNDEFINED;
        let held = join_all(workers.iter().map(|w| w.ask("identity", &text, &nothing))).await;
        drop(text);
        for answer in held {
            if answer.map_err(worker_failed)? != JsValue::TRUE {
                return Err(OpenProblem::BadIdentity);
            }
        }
        Ok(Pool(workers))
    }

    /// Opens every record of `chosen` and gathers them as round `round` (0: the round shown, 1:
    /// an earlier one to compare with); `progress(done, total)` is called as slices come back.
    pub async fn open_round(
        &self,
        round: usize,
        chosen: Round,
        language: String,
        progress: impl Fn(usize, usize),
    ) -> Result<ResultsView, OpenProblem> {
        let workers = &self.0;
        let nothing = JsValue::UNDEFINED;
        // Every worker reads every bundle, so that any of them can open any slice.
        let mut names = Vec::new();
        let mut slices = Vec::new();
        for (file, bundle) in chosen.bundles.iter().enumerate() {
            let name = bundle.name();
            let text = bundle.start_js_text().await.ok_or_else(|| OpenProblem::FileUnreadable(name.clone()))?;
            let load = json(&Request::Load { file });
            let answers = join_all(workers.iter().map(|w| w.ask("json", &load, &text))).await;
            let mut records = 0;
            for answer in answers {
                match reply(&answer.map_err(worker_failed)?)? {
                    Reply::Loaded { records: n } => records = n,
                    Reply::Problem { problem: WorkerProblem::NotABundle(_) } => {
                        return Err(OpenProblem::NotABundle(name))
                    }
                    other => return Err(OpenProblem::Worker(format!("{other:?}"))),
                }
            }
            slices.extend((0..records).step_by(SLICE).map(|from| (file, from, (from + SLICE).min(records))));
            names.push(name);
        }

        platform::mark("lytt-results-loaded");
        // Each worker takes the next slice when it is done with one.
        let total: usize = slices.iter().map(|(_, from, to)| to - from).sum();
        let queue = std::cell::RefCell::new(slices.into_iter());
        let opened = js_sys::Array::new();
        let done = std::cell::Cell::new(0);
        let runs = workers.iter().map(|worker| {
            let (queue, opened, done, progress, nothing) = (&queue, &opened, &done, &progress, &nothing);
            async move {
                loop {
                    let next = queue.borrow_mut().next();
                    let Some((file, from, to)) = next else { return Ok(()) };
                    let slice = json(&Request::Open { file, from, to });
                    let answer = worker.ask("open", &slice, nothing).await.map_err(worker_failed)?;
                    done.set(done.get() + (to - from));
                    opened.push(&answer);
                    progress(done.get(), total);
                }
            }
        });
        for run in join_all(runs).await {
            run?;
        }

        platform::mark("lytt-results-decrypted");
        // The first worker gathers; the others forget the bundles.
        let forget = json(&Request::ForgetBundles);
        for worker in &workers[1..] {
            worker.ask("json", &forget, &nothing).await.map_err(worker_failed)?;
        }
        let gather = json(&Request::Gather { round, survey: chosen.survey, files: names, language });
        match reply(&workers[0].ask("json", &gather, &opened).await.map_err(worker_failed)?)? {
            Reply::View { view } => Ok(*view),
            Reply::Problem { problem: WorkerProblem::BadSurvey(why) } => Err(OpenProblem::BadSurvey(why)),
            other => Err(OpenProblem::Worker(format!("{other:?}"))),
        }
    }

    /// The view of the rounds opened, in `language`, broken down by `by`.
    pub async fn view(&self, request: Request) -> Result<ResultsView, OpenProblem> {
        let answer = self.0[0].ask("json", &json(&request), &JsValue::UNDEFINED).await.map_err(worker_failed)?;
        match reply(&answer)? {
            Reply::View { view } => Ok(*view),
            other => Err(OpenProblem::Worker(format!("{other:?}"))),
        }
    }

    /// The free-text reading view (after a change to the analysis, if the request has one).
    pub async fn reading(&self, request: Request) -> Result<lytt_core::analysis::ReadingView, OpenProblem> {
        let answer = self.0[0].ask("json", &json(&request), &JsValue::UNDEFINED).await.map_err(worker_failed)?;
        match reply(&answer)? {
            Reply::Reading { view } => Ok(*view),
            other => Err(OpenProblem::Worker(format!("{other:?}"))),
        }
    }

    /// The participants' summary (after setting what the service will do, if the request does).
    pub async fn participant_summary(
        &self,
        request: Request,
    ) -> Result<lytt_core::analysis::ParticipantSummary, OpenProblem> {
        let answer = self.0[0].ask("json", &json(&request), &JsValue::UNDEFINED).await.map_err(worker_failed)?;
        match reply(&answer)? {
            Reply::ParticipantSummary { summary } => Ok(*summary),
            other => Err(OpenProblem::Worker(format!("{other:?}"))),
        }
    }

    /// The analysis sealed to the owner's key: the file's text.
    pub async fn save_analysis(&self) -> Result<String, OpenProblem> {
        let answer =
            self.0[0].ask("json", &json(&Request::SaveAnalysis), &JsValue::UNDEFINED).await.map_err(worker_failed)?;
        match reply(&answer)? {
            Reply::Sealed { file } => Ok(file),
            other => Err(OpenProblem::Worker(format!("{other:?}"))),
        }
    }

    /// Opens a saved analysis file with the key the workers hold.
    pub async fn open_analysis(&self, file: &ChosenFile) -> Result<(), OpenProblem> {
        let text = file.start_js_text().await.ok_or_else(|| OpenProblem::FileUnreadable(file.name()))?;
        match reply(&self.0[0].ask("json", &json(&Request::OpenAnalysis), &text).await.map_err(worker_failed)?)? {
            Reply::Loaded { .. } => Ok(()),
            Reply::Problem { problem: WorkerProblem::BadAnalysis(why) } => Err(OpenProblem::BadAnalysis(why)),
            other => Err(OpenProblem::Worker(format!("{other:?}"))),
        }
    }

    /// A report file made from the round shown (CSV or XLSX), as a `Uint8Array`.
    pub async fn export(&self, request: Request) -> Result<JsValue, OpenProblem> {
        let answer = self.0[0].ask("json", &json(&request), &JsValue::UNDEFINED).await.map_err(worker_failed)?;
        if answer.is_string() {
            return Err(OpenProblem::Worker(format!("{:?}", reply(&answer)?)));
        }
        Ok(answer)
    }
}
