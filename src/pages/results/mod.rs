//! `#/owner/results`: the owner opens a survey's answers in the browser with their identity
//! file, with nothing installed. Records are opened in Web Workers (`open`), on every core and
//! off the page's thread, with a progress bar; those that cannot be read, and those whose
//! answers do not fit the survey, are listed and never counted; the figures hide small groups
//! exactly as `lytt report` does (`lytt_core::results`), and are drawn by `figures`.
//!
//! The key and the decrypted records live only in the workers. "Close", leaving the page, and
//! 15 minutes without input end the workers, which forgets both.

mod figures;
mod open;
mod reading;
mod summary;

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use lytt_core::breakdown::BreakBy;
use lytt_core::results::{ExportFormat, Request, ResultsView};
use lytt_core::IdleTiming;

use self::open::{OpenProblem, Pool, Round};
use super::start::load_catalog;

/// The value that names a survey being built in this browser (`build:<key>`).
const BUILT: &str = "build:";
use crate::components::IdleWatch;
use crate::focus;
use crate::i18n::ResultsTexts;
use crate::platform::worker::Worker;
use crate::platform::{self, ChosenFile};
use crate::state::AppContext;

/// After this long without input the key and the answers are forgotten.
const IDLE: IdleTiming = IdleTiming { idle_seconds: 15 * 60, warning_seconds: 60 };

impl OpenProblem {
    fn text(&self, t: &ResultsTexts) -> String {
        match self {
            OpenProblem::ChooseSurvey => t.choose_survey.into(),
            OpenProblem::ChooseIdentity => t.choose_identity.into(),
            OpenProblem::ChooseBundles => t.choose_bundles.into(),
            OpenProblem::NotBuilt => t.not_built.into(),
            OpenProblem::Worker(_) => t.worker_failed.into(),
            OpenProblem::BadIdentity => t.bad_identity.into(),
            OpenProblem::SurveyUnreadable => t.survey_unreadable.into(),
            OpenProblem::LinkUnreadable => t.link_unreadable.into(),
            OpenProblem::BadSurvey(_) => t.bad_survey.into(),
            OpenProblem::FileUnreadable(name) => (t.file_unreadable)(name),
            OpenProblem::NotABundle(name) => (t.not_a_bundle)(name),
            OpenProblem::BadAnalysis(_) => t.bad_analysis.into(),
        }
    }

    /// Details for the owner, in English as the tools word them.
    fn details(&self) -> Option<String> {
        match self {
            OpenProblem::Worker(why) | OpenProblem::BadSurvey(why) | OpenProblem::BadAnalysis(why) => Some(why.clone()),
            _ => None,
        }
    }
}

/// Where the page stands.
#[derive(Clone)]
enum Stage {
    Choosing,
    Opening(usize, usize),
    Opened(Arc<ResultsView>),
}

/// What the owner chose for one round: a survey this site offers (by id) or a survey file,
/// and the bundle files.
#[derive(Clone, Copy)]
struct RoundChoice {
    survey_id: RwSignal<String>,
    /// A survey's link as pasted (`lytt_core::link`).
    survey_link: RwSignal<String>,
    survey_file: StoredValue<Option<ChosenFile>, LocalStorage>,
    bundles: StoredValue<Vec<ChosenFile>, LocalStorage>,
    bundle_count: RwSignal<usize>,
}

impl RoundChoice {
    fn new() -> RoundChoice {
        RoundChoice {
            survey_id: RwSignal::new(String::new()),
            survey_link: RwSignal::new(String::new()),
            survey_file: StoredValue::new_local(None),
            bundles: StoredValue::new_local(Vec::new()),
            bundle_count: RwSignal::new(0),
        }
    }

    fn clear(self) {
        self.survey_id.set(String::new());
        self.survey_link.set(String::new());
        self.survey_file.set_value(None);
        self.bundles.set_value(Vec::new());
        self.bundle_count.set(0);
    }

    fn add_bundles(self, files: Vec<ChosenFile>) {
        self.bundles.update_value(|b| b.extend(files));
        self.bundle_count.set(self.bundles.with_value(Vec::len));
    }

    /// What is missing before this round can be opened.
    fn missing(self) -> Option<OpenProblem> {
        if self.survey_id.get_untracked().is_empty()
            && self.survey_link.with_untracked(|l| l.trim().is_empty())
            && self.survey_file.with_value(Option::is_none)
        {
            Some(OpenProblem::ChooseSurvey)
        } else if self.bundles.with_value(Vec::is_empty) {
            Some(OpenProblem::ChooseBundles)
        } else {
            None
        }
    }

    /// Reads the survey (from its file, its link, or this site) and takes the bundles.
    async fn take(self) -> Result<Round, OpenProblem> {
        let from_file = self.survey_file.with_value(|f| f.as_ref().map(|f| (f.name(), f.start_text())));
        let link = self.survey_link.get_untracked();
        let survey = match from_file {
            Some((name, reading)) => reading.await.ok_or(OpenProblem::FileUnreadable(name))?,
            None if !link.trim().is_empty() => survey_in_link(&link).await.ok_or(OpenProblem::LinkUnreadable)?,
            None => {
                let id = self.survey_id.get_untracked();
                match id.strip_prefix(BUILT) {
                    // A survey being built in this browser, as it would be published.
                    Some(key) => crate::platform::storage::load_built()
                        .into_iter()
                        .find(|(k, _)| k == key)
                        .map(|(_, b)| lytt_core::builder::publish(&b.survey))
                        .ok_or(OpenProblem::SurveyUnreadable)?,
                    None => platform::fetch_text(&crate::route::survey_file(&id))
                        .await
                        .map_err(|_| OpenProblem::SurveyUnreadable)?,
                }
            }
        };
        Ok(Round { survey, bundles: self.bundles.get_value() })
    }
}

/// The survey's file carried in a link (`lytt_core::link`), as pasted.
async fn survey_in_link(link: &str) -> Option<String> {
    let compressed = lytt_core::link::decode_payload(lytt_core::link::payload_in(link)?).ok()?;
    let bytes = platform::inflate_raw(&compressed, lytt_core::link::MAX_SURVEY_BYTES).await.ok()?;
    String::from_utf8(bytes).ok()
}

#[component]
pub fn ResultsPage() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    ctx.follow_app_language(|t| t.results().heading);
    let (catalog, _) = super::fetched(load_catalog);
    let this_round = RoundChoice::new();
    let earlier_round = RoundChoice::new();
    let identity = StoredValue::new_local(None::<ChosenFile>);
    let pool = StoredValue::new_local(None::<Rc<Pool>>);
    // Workers started ahead, holding nothing, ready for the next "Open".
    let ready = StoredValue::new_local(None::<Vec<Worker>>);
    let get_ready = move || {
        if ready.with_value(Option::is_none) {
            ready.set_value(Pool::spawn().ok());
        }
    };
    get_ready();
    let stage = RwSignal::new(Stage::Choosing);
    let problem = RwSignal::new(None::<OpenProblem>);
    let forgotten = RwSignal::new(false);
    let by = RwSignal::new(None::<BreakBy>);
    // A new form (with empty file inputs) after everything was forgotten.
    let form_round = RwSignal::new(0u32);

    let show_problem = move |p: OpenProblem| {
        problem.set(Some(p));
        platform::focus_soon(focus::RESULTS_ERROR);
    };
    let forget = Callback::new(move |_| {
        // Ending the workers frees the key and every record they held.
        pool.set_value(None);
        get_ready();
        identity.set_value(None);
        this_round.clear();
        earlier_round.clear();
        stage.set(Stage::Choosing);
        problem.set(None);
        by.set(None);
        forgotten.set(true);
        form_round.update(|n| *n += 1);
        platform::focus_soon(focus::HEADING);
    });
    on_cleanup(move || {
        pool.set_value(None);
        ready.set_value(None);
    });

    let open = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        forgotten.set(false);
        let missing = match this_round.missing() {
            Some(OpenProblem::ChooseSurvey) => Some(OpenProblem::ChooseSurvey),
            _ if identity.with_value(Option::is_none) => Some(OpenProblem::ChooseIdentity),
            other => other,
        };
        if let Some(missing) = missing {
            show_problem(missing);
            return;
        }
        let Some(key) = identity.get_value() else { return };
        problem.set(None);
        pool.set_value(None);
        by.set(None);
        stage.set(Stage::Opening(0, 0));
        // For bench/results-open.mjs: from here to "lytt-results-shown".
        platform::mark("lytt-results-opening");
        let language = ctx.language.get_untracked();
        leptos::task::spawn_local(async move {
            let opened = async {
                let round = this_round.take().await?;
                let workers = match ready.try_update_value(Option::take).flatten() {
                    Some(workers) => workers,
                    None => Pool::spawn()?,
                };
                let started = Pool::start(workers, &key).await?;
                let view = started
                    .open_round(0, round, language, move |done, total| stage.set(Stage::Opening(done, total)))
                    .await?;
                Ok::<_, OpenProblem>((started, view))
            };
            match opened.await {
                Ok((started, view)) => {
                    pool.set_value(Some(Rc::new(started)));
                    stage.set(Stage::Opened(Arc::new(view)));
                    platform::mark("lytt-results-shown");
                    platform::focus_soon(focus::RESULTS_TITLE);
                }
                Err(why) => {
                    stage.set(Stage::Choosing);
                    show_problem(why);
                    get_ready();
                }
            }
        });
    };
    // An earlier round, opened with the same key, to compare with.
    let compare = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(missing) = earlier_round.missing() {
            show_problem(missing);
            return;
        }
        let (Some(workers), Stage::Opened(shown)) = (pool.get_value(), stage.get_untracked()) else { return };
        problem.set(None);
        stage.set(Stage::Opening(0, 0));
        let (language, break_by) = (shown.language.clone(), by.get_untracked());
        leptos::task::spawn_local(async move {
            let opened = async {
                let round = earlier_round.take().await?;
                workers
                    .open_round(1, round, language.clone(), move |done, total| stage.set(Stage::Opening(done, total)))
                    .await?;
                // The same breakdown as before, now with the comparison.
                workers.view(Request::View { language, by: break_by }).await
            };
            match opened.await {
                Ok(view) => {
                    stage.set(Stage::Opened(Arc::new(view)));
                    platform::focus_soon(focus::RESULTS_COMPARED);
                }
                Err(why) => {
                    stage.set(Stage::Opened(shown));
                    show_problem(why);
                }
            }
        });
    };

    // Another language or breakdown: asked of the worker that holds the records.
    let ask_view = move |language: String, break_by: Option<BreakBy>| {
        let Some(workers) = pool.get_value() else { return };
        leptos::task::spawn_local(async move {
            match workers.view(Request::View { language, by: break_by }).await {
                Ok(view) => stage.set(Stage::Opened(Arc::new(view))),
                Err(why) => show_problem(why),
            }
        });
    };
    let export = move |format: ExportFormat, language: String, survey: String| {
        let Some(workers) = pool.get_value() else { return };
        leptos::task::spawn_local(async move {
            if let Err(why) = export_file(&workers, format, language, &survey).await {
                show_problem(why);
            }
        });
    };

    // The surveys being built in this browser can be opened too (see the builder).
    let built = StoredValue::new(crate::platform::storage::load_built());
    let survey_options = move || {
        let language = ctx.language.get();
        let on_site = catalog.with(|c| match c {
            Some(Ok(catalog)) => catalog
                .surveys
                .iter()
                .map(|e| {
                    let title = lytt_core::localized(&e.title, &language, &e.default_language).to_string();
                    view! { <option value=e.id.clone()>{title}</option> }
                })
                .collect_view()
                .into_any(),
            _ => ().into_any(),
        });
        let building = built.with_value(|built| {
            (!built.is_empty()).then(|| {
                let options = built
                    .iter()
                    .map(|(key, b)| {
                        let s = &b.survey;
                        let title = lytt_core::localized(&s.title, &language, &s.default_language).to_string();
                        view! { <option value=format!("{BUILT}{key}")>{format!("{title} ({})", s.id)}</option> }
                    })
                    .collect_view();
                view! { <optgroup label=ctx.texts().results().survey_from_builder>{options}</optgroup> }
            })
        });
        view! { {on_site}{building} }.into_any()
    };
    let form = move || {
        form_round.track();
        let t = ctx.texts().results();
        view! {
            <form class="results-open" novalidate=true on:submit=open>
                {round_fields(ctx, this_round, "results", survey_options)}
                <div class="field">
                    <label for="results-identity">{t.identity_label}</label>
                    <input id="results-identity" type="file" on:change=move |ev| {
                        identity.set_value(platform::chosen_files(&ev).into_iter().next());
                    } />
                </div>
                <div class="error-slot" id=focus::RESULTS_ERROR tabindex="-1">
                    {move || problem.get().map(|p| {
                        let t = ctx.texts().results();
                        view! {
                            <div class="error" role="alert">
                                <p>{p.text(t)}</p>
                                {p.details().map(|d| view! { <pre lang="en">{d}</pre> })}
                            </div>
                        }
                    })}
                </div>
                <div class="nav">
                    <button type="submit" class="primary">{t.open}</button>
                    <button type="button" class="secondary" on:click=move |_| forget.run(())>{t.close}</button>
                </div>
            </form>
        }
    };
    let compare_form = move || {
        let t = ctx.texts().results();
        view! {
            <form class="results-compare no-print" novalidate=true on:submit=compare>
                <h2>{t.compare_heading}</h2>
                <p class="hint">{t.compare_intro}</p>
                {round_fields(ctx, earlier_round, "earlier", survey_options)}
                <button type="submit" class="secondary">{t.compare_open}</button>
            </form>
        }
    };
    let body = move || match stage.get() {
        Stage::Choosing => ().into_any(),
        Stage::Opening(done, total) => view! {
            <div class="results-progress" role="status">
                <p>{(ctx.texts().results().opening)(done, total)}</p>
                <progress max=total.max(1).to_string() value=done.to_string()></progress>
            </div>
        }
        .into_any(),
        Stage::Opened(view) => view! {
            {figures::outcome(ctx, view, by, ask_view, export)}
            {compare_form}
        }
        .into_any(),
    };
    // The free text keeps its place while the figures change language or breakdown.
    let opened = Memo::new(move |_| match stage.get() {
        Stage::Opened(view) => Some((view.survey.clone(), view.language.clone())),
        _ => None,
    });
    let free_text = move || {
        opened.get().map(|(survey, language)| {
            view! {
                <reading::FreeText pool=pool survey=survey language=language.clone() />
                <summary::ParticipantsSummary pool=pool language=language />
            }
        })
    };
    let holding = Signal::derive(move || !forgotten.get() || !matches!(stage.get(), Stage::Choosing));
    view! {
        <div class="results">
            // The screen's own styles, so that the app's stylesheet, which every respondent
            // loads, does not carry them.
            <link rel="stylesheet" href="results.css" />
            <h1 id=focus::HEADING tabindex="-1">{ctx.text(|t| t.results().heading)}</h1>
            <div class="no-print">
                <p>{ctx.text(|t| t.results().intro)}</p>
                <p class="hint">{ctx.text(|t| t.results().idle_note)}</p>
                <p role="status">{move || forgotten.get().then(|| ctx.texts().results().forgotten)}</p>
                {form}
            </div>
            {body}
            {free_text}
            <IdleWatch timing=Signal::derive(|| Some(IDLE)) watching=holding on_expire=forget />
        </div>
    }
}

/// The fields of one round: the survey (one this site offers, or a file) and the bundle files,
/// chosen or dropped. `prefix` keeps the fields' ids apart.
fn round_fields(
    ctx: AppContext,
    choice: RoundChoice,
    prefix: &'static str,
    survey_options: impl Fn() -> AnyView + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let t = ctx.texts().results();
    let id = move |field: &str| format!("{prefix}-{field}");
    view! {
        <fieldset>
            <legend>{t.survey_label}</legend>
            <div class="field">
                <label for=id("survey")>{t.survey_from_site}</label>
                <select id=id("survey") on:change=move |ev| choice.survey_id.set(event_target_value(&ev))>
                    <option value="">{t.survey_none}</option>
                    {survey_options}
                </select>
            </div>
            <div class="field">
                <label for=id("survey-file")>{t.survey_file_label}</label>
                <input id=id("survey-file") type="file" accept=".json,application/json" on:change=move |ev| {
                    choice.survey_file.set_value(platform::chosen_files(&ev).into_iter().next());
                } />
            </div>
            <div class="field">
                <label for=id("survey-link")>{t.survey_link_label}</label>
                <input id=id("survey-link") type="url" inputmode="url" autocomplete="off" spellcheck="false"
                    prop:value=move || choice.survey_link.get()
                    on:change=move |ev| choice.survey_link.set(event_target_value(&ev)) />
            </div>
        </fieldset>
        <div
            class="field drop-zone"
            on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default()
            on:drop=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                choice.add_bundles(platform::dropped_files(&ev));
            }
        >
            <label for=id("bundles")>{t.bundles_label}</label>
            <p class="hint">{t.bundles_drop}</p>
            <input id=id("bundles") type="file" multiple=true accept=".json,application/json" on:change=move |ev| {
                choice.add_bundles(platform::chosen_files(&ev));
            } />
            <p role="status">
                {move || (choice.bundle_count.get() > 0).then(|| (ctx.texts().results().files_chosen)(choice.bundle_count.get()))}
            </p>
        </div>
    }
}

/// Makes a report file in the worker and hands it to the browser as a download.
async fn export_file(workers: &Pool, format: ExportFormat, language: String, survey: &str) -> Result<(), OpenProblem> {
    const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    let bytes = workers.export(Request::Export { format, language }).await?;
    let (name, mime) = match format {
        ExportFormat::Csv => (format!("{survey}-report.csv"), "text/csv"),
        ExportFormat::Xlsx => (format!("{survey}-report.xlsx"), XLSX),
        ExportFormat::ThemesCsv => (format!("{survey}-themes.csv"), "text/csv"),
        ExportFormat::ThemesXlsx => (format!("{survey}-themes.xlsx"), XLSX),
    };
    if platform::download_part(&name, &bytes, mime) {
        Ok(())
    } else {
        Err(OpenProblem::Worker("the browser did not make the file".into()))
    }
}
