//! Opening a survey's file (fetched from the site, or read from the device for a survey kept
//! from a link, and checked), a survey carried whole in a link, and the list of surveys on
//! offer. The first screen (`crate::first`) opens them before the app's screens are in, and
//! hands them over, so that each is fetched and checked once.

use std::cell::RefCell;
use std::sync::Arc;

use lytt_core::link::{decode_payload, LinkError, MAX_SURVEY_BYTES};
use lytt_core::validate::is_survey_id;
use lytt_core::{parse_catalog, parse_survey, Catalog, CatalogEntry, Survey};

use crate::platform::{self, FetchError, InflateError};

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
    if let Some(survey) = OPENED.take().filter(|survey| survey.id == id) {
        return Ok(survey);
    }
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

/// Why the list of surveys could not be shown.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum CatalogProblem {
    /// Not fetched (offline, server error).
    Fetch,
    /// Fetched but not a valid index file.
    Invalid(String),
}

pub(crate) async fn load_catalog() -> Result<Catalog, CatalogProblem> {
    let text = platform::fetch_text(crate::route::SURVEY_LIST).await.map_err(|_| CatalogProblem::Fetch)?;
    parse_catalog(&text).map_err(|e| CatalogProblem::Invalid(e.to_string()))
}

/// The surveys offered on this device: the site's, then those kept from links here
/// (`pages::LinkPage`), which are offered also when the site's list cannot be fetched (offline).
pub(crate) async fn load_offered() -> Result<Catalog, CatalogProblem> {
    if let Some(offered) = OFFERED.take() {
        return Ok(offered);
    }
    let site = load_catalog().await;
    let kept = platform::storage::linked_surveys();
    match site {
        Ok(mut catalog) => {
            for entry in kept {
                if !catalog.surveys.iter().any(|e| e.id == entry.id) {
                    catalog.surveys.push(entry);
                }
            }
            Ok(catalog)
        }
        Err(_) if !kept.is_empty() => Ok(Catalog { format: lytt_core::catalog::CATALOG_FORMAT.into(), surveys: kept }),
        Err(problem) => Err(problem),
    }
}

/// Why a link could not be opened.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum LinkProblem {
    Damaged,
    TooLarge,
    Unsupported,
    /// A survey of the site has this id: a link may not take its place.
    Taken,
    /// The survey could not be kept on the device.
    NotKept,
}

/// The survey in a link's payload (`#/l/<payload>`, see `lytt_core::link`): its id and title
/// (the rest is checked when it is shown), and its text as it will be kept.
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
pub(crate) async fn open_link(payload: String, on_shared_device: bool) -> Result<String, LinkProblem> {
    let (entry, text) = read_link(&payload).await?;
    // Every visitor fetches the site's list of surveys, so asking for it tells the site
    // nothing. Offline (no list), the link is trusted: the key's fingerprint is on every screen.
    // The page's loader has asked for it already.
    platform::prefetch(crate::route::SURVEY_LIST);
    if let Ok(list) = platform::fetch_text(crate::route::SURVEY_LIST).await {
        if parse_catalog(&list).is_ok_and(|c| c.surveys.iter().any(|e| e.id == entry.id)) {
            return Err(LinkProblem::Taken);
        }
    }
    let id = entry.id.clone();
    platform::storage::save_linked(entry, &text, on_shared_device).map_err(|_| LinkProblem::NotKept)?;
    Ok(id)
}

thread_local! {
    /// A survey the first screen opened, until the app's screens take it.
    static OPENED: RefCell<Option<Arc<Survey>>> = const { RefCell::new(None) };
    /// The surveys on offer as the first screen listed them, until the app's screens take them.
    static OFFERED: RefCell<Option<Catalog>> = const { RefCell::new(None) };
}

/// Hands a survey that was just opened to the next `load_survey` of the same id.
pub(crate) fn hand_over(survey: Arc<Survey>) {
    OPENED.set(Some(survey));
}

/// Whether the survey `id` was handed over, and `load_survey` will not fetch it.
pub(crate) fn is_handed_over(id: &str) -> bool {
    OPENED.with_borrow(|opened| opened.as_ref().is_some_and(|survey| survey.id == id))
}

/// Hands the surveys on offer, just listed, to the next `load_offered`.
pub(crate) fn hand_over_offered(offered: Catalog) {
    OFFERED.set(Some(offered));
}
