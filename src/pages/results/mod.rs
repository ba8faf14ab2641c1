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

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use lytt_core::breakdown::BreakBy;
use lytt_core::results::{ExportFormat, Request, ResultsView};
use lytt_core::IdleTiming;

use self::open::{open_all, Chosen, Holder, OpenProblem};
use super::start::load_catalog;
use crate::components::IdleWatch;
use crate::focus;
use crate::i18n::ResultsTexts;
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
            OpenProblem::BadSurvey(_) => t.bad_survey.into(),
            OpenProblem::FileUnreadable(name) => (t.file_unreadable)(name),
            OpenProblem::NotABundle(name) => (t.not_a_bundle)(name),
        }
    }

    /// Details for the owner, in English as the tools word them.
    fn details(&self) -> Option<String> {
        match self {
            OpenProblem::Worker(why) | OpenProblem::BadSurvey(why) => Some(why.clone()),
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

/// Where the survey comes from: one this site offers, or a file the owner chose.
#[derive(Default)]
struct Inputs {
    survey_file: Option<ChosenFile>,
    identity: Option<ChosenFile>,
    bundles: Vec<ChosenFile>,
}

#[component]
pub fn ResultsPage() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    ctx.follow_app_language(|t| t.results().heading);
    let (catalog, _) = super::fetched(load_catalog);
    let survey_id = RwSignal::new(String::new());
    let inputs = StoredValue::new_local(Inputs::default());
    let bundle_count = RwSignal::new(0usize);
    let holder = StoredValue::new_local(None::<Rc<Holder>>);
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
        holder.set_value(None);
        inputs.set_value(Inputs::default());
        bundle_count.set(0);
        stage.set(Stage::Choosing);
        problem.set(None);
        by.set(None);
        forgotten.set(true);
        form_round.update(|n| *n += 1);
        platform::focus_soon(focus::HEADING);
    });
    on_cleanup(move || holder.set_value(None));

    let open = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        forgotten.set(false);
        let id = survey_id.get_untracked();
        let from_file = inputs.with_value(|i| i.survey_file.as_ref().map(|f| (f.name(), f.start_text())));
        let missing = if id.is_empty() && from_file.is_none() {
            Some(OpenProblem::ChooseSurvey)
        } else if inputs.with_value(|i| i.identity.is_none()) {
            Some(OpenProblem::ChooseIdentity)
        } else if inputs.with_value(|i| i.bundles.is_empty()) {
            Some(OpenProblem::ChooseBundles)
        } else {
            None
        };
        if let Some(missing) = missing {
            show_problem(missing);
            return;
        }
        problem.set(None);
        holder.set_value(None);
        by.set(None);
        stage.set(Stage::Opening(0, 0));
        let language = ctx.language.get_untracked();
        let taken =
            inputs.with_value(|i| (i.identity.clone(), i.bundles.iter().map(ChosenFile::clone).collect::<Vec<_>>()));
        leptos::task::spawn_local(async move {
            let survey = match from_file {
                Some((name, reading)) => reading.await.ok_or(OpenProblem::FileUnreadable(name)),
                None => platform::fetch_text(&crate::route::survey_file(&id))
                    .await
                    .map_err(|_| OpenProblem::SurveyUnreadable),
            };
            let (Some(identity), bundles) = taken else { return };
            let result = match survey {
                Ok(survey) => {
                    open_all(Chosen { survey, identity, bundles }, language, move |done, total| {
                        stage.set(Stage::Opening(done, total))
                    })
                    .await
                }
                Err(problem) => Err(problem),
            };
            match result {
                Ok((opened, view)) => {
                    holder.set_value(Some(Rc::new(opened)));
                    stage.set(Stage::Opened(Arc::new(view)));
                    platform::focus_soon(focus::RESULTS_TITLE);
                }
                Err(why) => {
                    stage.set(Stage::Choosing);
                    show_problem(why);
                }
            }
        });
    };

    // Another language or breakdown: asked of the worker that holds the records.
    let ask_view = move |language: String, break_by: Option<BreakBy>| {
        let Some(worker) = holder.get_value() else { return };
        leptos::task::spawn_local(async move {
            match worker.view(Request::View { language, by: break_by }).await {
                Ok(view) => stage.set(Stage::Opened(Arc::new(view))),
                Err(why) => show_problem(why),
            }
        });
    };
    let export = move |format: ExportFormat, language: String, survey: String| {
        let Some(worker) = holder.get_value() else { return };
        leptos::task::spawn_local(async move {
            let made = worker.export(Request::Export { format, language }).await;
            let (name, mime) = match format {
                ExportFormat::Csv => (format!("{survey}-report.csv"), "text/csv"),
                ExportFormat::Xlsx => (
                    format!("{survey}-report.xlsx"),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ),
            };
            match made {
                Ok(bytes) if platform::download_part(&name, &bytes, mime) => {}
                Ok(_) => show_problem(OpenProblem::Worker("the browser did not make the file".into())),
                Err(why) => show_problem(why),
            }
        });
    };

    let survey_options = move || {
        let language = ctx.language.get();
        catalog.with(|c| match c {
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
        })
    };
    let take_bundles = move |files: Vec<ChosenFile>| {
        inputs.update_value(|i| i.bundles.extend(files));
        bundle_count.set(inputs.with_value(|i| i.bundles.len()));
    };
    let form = move || {
        form_round.track();
        let t = ctx.texts().results();
        view! {
            <form class="results-open" novalidate=true on:submit=open>
                <fieldset>
                    <legend>{t.survey_label}</legend>
                    <div class="field">
                        <label for="results-survey">{t.survey_from_site}</label>
                        <select id="results-survey" on:change=move |ev| survey_id.set(event_target_value(&ev))>
                            <option value="">{t.survey_none}</option>
                            {survey_options}
                        </select>
                    </div>
                    <div class="field">
                        <label for="results-survey-file">{t.survey_file_label}</label>
                        <input id="results-survey-file" type="file" accept=".json,application/json" on:change=move |ev| {
                            let file = platform::chosen_files(&ev).into_iter().next();
                            inputs.update_value(|i| i.survey_file = file);
                        } />
                    </div>
                </fieldset>
                <div class="field">
                    <label for="results-identity">{t.identity_label}</label>
                    <input id="results-identity" type="file" on:change=move |ev| {
                        let file = platform::chosen_files(&ev).into_iter().next();
                        inputs.update_value(|i| i.identity = file);
                    } />
                </div>
                <div
                    class="field drop-zone"
                    on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default()
                    on:drop=move |ev: leptos::ev::DragEvent| {
                        ev.prevent_default();
                        take_bundles(platform::dropped_files(&ev));
                    }
                >
                    <label for="results-bundles">{t.bundles_label}</label>
                    <p class="hint">{t.bundles_drop}</p>
                    <input id="results-bundles" type="file" multiple=true accept=".json,application/json" on:change=move |ev| {
                        take_bundles(platform::chosen_files(&ev));
                    } />
                    <p role="status">{move || (bundle_count.get() > 0).then(|| (ctx.texts().results().files_chosen)(bundle_count.get()))}</p>
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
    let body = move || match stage.get() {
        Stage::Choosing => ().into_any(),
        Stage::Opening(done, total) => view! {
            <div class="results-progress" role="status">
                <p>{(ctx.texts().results().opening)(done, total)}</p>
                <progress max=total.max(1).to_string() value=done.to_string()></progress>
            </div>
        }
        .into_any(),
        Stage::Opened(view) => figures::outcome(ctx, view, by, ask_view, export).into_any(),
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
            <IdleWatch timing=Signal::derive(|| Some(IDLE)) watching=holding on_expire=forget />
        </div>
    }
}
