//! The screen for a survey that cannot be opened (opening one is `crate::survey_file`).

use leptos::prelude::*;

use crate::components::problem::{Problem, ProblemProps, TextPick};
pub(crate) use crate::survey_file::{load_survey, SurveyProblem};

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
