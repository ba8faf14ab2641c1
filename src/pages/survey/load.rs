//! Opening a survey's file, and the screen for a survey that cannot be opened.

use std::sync::Arc;

use leptos::prelude::*;
use lytt_core::{parse_survey, Survey};

use crate::components::problem::{Problem, ProblemProps, TextPick};
use crate::platform::{self, FetchError};

/// Why a survey could not be opened.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum SurveyProblem {
    /// There is no such survey file.
    NotFound,
    /// The file could not be fetched.
    Fetch,
    /// The file has errors; each is a path and a sentence for the survey's owner.
    Invalid(Vec<String>),
}

/// Fetches and checks the survey `id` (its file must say the same id). A survey kept from a
/// link (`pages::LinkPage`) is read from the device instead: the site never learns of it.
pub(crate) async fn load_survey(id: String) -> Result<Arc<Survey>, SurveyProblem> {
    let linked = platform::storage::load_linked(&id);
    let from_link = linked.is_some();
    let text = match linked {
        Some(text) => text,
        None => platform::fetch_text(&crate::route::survey_file(&id)).await.map_err(|e| match e {
            FetchError::NotFound => SurveyProblem::NotFound,
            _ => SurveyProblem::Fetch,
        })?,
    };
    let survey = parse_survey(&text).map_err(|errors| {
        // A link with errors is not kept: its owner will make a new one.
        if from_link {
            platform::storage::forget_linked(&id);
        }
        SurveyProblem::Invalid(errors.0.iter().map(ToString::to_string).collect())
    })?;
    if survey.id != id {
        return Err(SurveyProblem::Invalid(vec![format!(
            "id: \"{}\" does not match the file name \"{id}.json\"",
            survey.id
        )]));
    }
    Ok(Arc::new(survey))
}

/// Why a survey cannot be shown, in the person's language, with the owner's details. `children`
/// take the place of the link back to the start (a kiosk or interviewer has their own way on).
/// Trying again is offered where it may help: not for a file with errors.
#[component]
pub(crate) fn SurveyProblemPage(
    problem: SurveyProblem,
    retry: Callback<()>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let (message, details): (TextPick, Vec<String>) = match problem {
        SurveyProblem::NotFound => (|t| t.survey_not_found, Vec::new()),
        SurveyProblem::Fetch => (|t| t.network_error, Vec::new()),
        SurveyProblem::Invalid(details) => (|t| t.survey_error_text, details),
    };
    let retry = details.is_empty().then_some(retry);
    let details = (!details.is_empty()).then(|| {
        view! {
            <ul class="problems" lang="en">
                {details.into_iter().map(|d| view! { <li><code>{d}</code></li> }).collect_view()}
            </ul>
        }
        .into_any()
    });
    Problem(ProblemProps { heading: Some(|t| t.survey_error_heading), message, details, retry, children })
}
