//! `surveys/index.json`: the list of surveys the start page offers.

use serde::{Deserialize, Serialize};

use crate::survey::LocalizedText;

/// The catalog format tag.
pub const CATALOG_FORMAT: &str = "lytt-survey-index/1";

/// The surveys deployed next to the app.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    /// Always `"lytt-survey-index/1"`.
    pub format: String,
    /// One entry per survey file `surveys/<id>.json`.
    #[serde(default)]
    pub surveys: Vec<CatalogEntry>,
}

/// One survey on the start page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogEntry {
    /// The survey's id; its file is `surveys/<id>.json`.
    pub id: String,
    /// The survey's title, as in its file.
    pub title: LocalizedText,
    /// The survey's default language, for titles in a language it lacks.
    pub default_language: String,
}

/// Why a catalog could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogError(pub String);

impl std::fmt::Display for CatalogError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "surveys/index.json: {}", self.0)
    }
}

impl std::error::Error for CatalogError {}

/// Reads `surveys/index.json`, leaving out entries whose id could not name a file.
pub fn parse_catalog(text: &str) -> Result<Catalog, CatalogError> {
    let mut catalog: Catalog = serde_json::from_str(text).map_err(|e| CatalogError(e.to_string()))?;
    if catalog.format != CATALOG_FORMAT {
        return Err(CatalogError(format!("format \"{}\" is not \"{CATALOG_FORMAT}\"", catalog.format)));
    }
    catalog.surveys.retain(|entry| crate::validate::is_survey_id(&entry.id));
    Ok(catalog)
}
