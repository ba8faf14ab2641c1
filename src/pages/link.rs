//! Opening a survey carried whole in its link (`#/l/<payload>`, see `lytt_core::link`): the
//! payload is inflated by the browser and kept on the device for offline use, and the survey's
//! start screen is shown (`#/s/<id>`, which then reads the kept file, checks it as any survey
//! file, and never asks the site for it).
//!
//! This page is in the survey's start screen's part (`opening`, see `crate::parts`): only the
//! survey's id and title are read here; the start screen checks the rest.

use leptos::prelude::*;
use lytt_core::link::{decode_payload, LinkError, MAX_SURVEY_BYTES};
use lytt_core::validate::is_survey_id;
use lytt_core::{parse_catalog, CatalogEntry};

use crate::components::problem::{Problem, ProblemProps, TextPick};
use crate::platform::{self, InflateError};
use crate::route::{Route, Screen};
use crate::state::AppContext;

/// Why a link could not be opened.
#[derive(Debug, Clone, Copy, PartialEq)]
enum LinkProblem {
    Damaged,
    TooLarge,
    Unsupported,
    /// A survey of the site has this id: a link may not take its place.
    Taken,
    /// The survey could not be kept on the device.
    NotKept,
}

/// The survey in a link's payload: its id and title (the rest is checked when it is shown), and
/// its text as it will be kept.
async fn read_link(payload: &str) -> Result<(CatalogEntry, String), LinkProblem> {
    let compressed = decode_payload(payload).map_err(|e| match e {
        LinkError::TooLarge => LinkProblem::TooLarge,
        LinkError::Damaged => LinkProblem::Damaged,
    })?;
    let bytes = platform::inflate_raw(&compressed, MAX_SURVEY_BYTES).await.map_err(|e| match e {
        InflateError::Unsupported => LinkProblem::Unsupported,
        InflateError::Damaged => LinkProblem::Damaged,
        InflateError::TooLarge => LinkProblem::TooLarge,
    })?;
    let text = String::from_utf8(bytes).map_err(|_| LinkProblem::Damaged)?;
    // A survey file has these three fields as the list of surveys does.
    let entry: CatalogEntry = serde_json::from_str(&text).map_err(|_| LinkProblem::Damaged)?;
    if !is_survey_id(&entry.id) {
        return Err(LinkProblem::Damaged);
    }
    Ok((entry, text))
}

/// Reads, checks and keeps the survey of a link; its id, to be shown.
async fn open_link(payload: String, on_shared_device: bool) -> Result<String, LinkProblem> {
    let (entry, text) = read_link(&payload).await?;
    // Every visitor fetches the site's list of surveys, so asking for it tells the site
    // nothing. Offline (no list), the link is trusted: the key's fingerprint is on every screen.
    if let Ok(list) = platform::fetch_text("surveys/index.json").await {
        if parse_catalog(&list).is_ok_and(|c| c.surveys.iter().any(|e| e.id == entry.id)) {
            return Err(LinkProblem::Taken);
        }
    }
    let id = entry.id.clone();
    platform::storage::save_linked(entry, &text, on_shared_device).map_err(|_| LinkProblem::NotKept)?;
    Ok(id)
}

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
