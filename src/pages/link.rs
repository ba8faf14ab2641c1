//! Opening a survey carried whole in its link (`#/l/<payload>`, see `lytt_core::link`): the
//! payload is inflated by the browser and kept on the device for offline use, and the survey's
//! start screen is shown (`#/s/<id>`, which then reads the kept file, checks it as any survey
//! file, and never asks the site for it).
//!
//! This page is in the survey's start screen's part (`opening`, see `crate::parts`); opening the
//! link is `survey_file::open_link`, which the first screen of a first visit (`crate::first`)
//! uses too.

use leptos::prelude::*;

use crate::components::problem::{Problem, ProblemProps, TextPick};
use crate::route::{Route, Screen};
use crate::state::AppContext;
use crate::survey_file::{open_link, LinkProblem};

/// Opens the survey in a link, or says plainly why it cannot.
#[component]
pub fn LinkPage(payload: String) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let shared = ctx.shared_device.get_untracked();
    let (opened, retry) = super::fetched(move || open_link(payload.clone(), shared));
    Effect::new(move |_| {
        if let Some(Ok(id)) = opened.get() {
            ctx.redirect(Route::survey(&id, Screen::Intro));
        }
    });
    move || match opened.get() {
        None | Some(Ok(_)) => view! { <p aria-busy="true">{ctx.text(|t| t.loading)}</p> }.into_any(),
        Some(Err(problem)) => {
            let message: TextPick = match problem {
                LinkProblem::TooLarge => |t| t.link_too_large,
                LinkProblem::Unsupported => |t| t.link_unsupported,
                LinkProblem::Taken => |t| t.link_taken,
                LinkProblem::NotKept => |t| t.link_not_kept,
                LinkProblem::Damaged => |t| t.link_damaged,
            };
            // Only storage may be freed meanwhile; the link itself will not change.
            let retry = (problem == LinkProblem::NotKept).then_some(retry);
            Problem(ProblemProps {
                heading: Some(|t| t.survey_error_heading),
                message,
                details: None,
                retry,
                children: None,
            })
            .into_any()
        }
    }
}
