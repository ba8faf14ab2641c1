//! The starter surveys shipped in `surveys/` and their index.

use std::collections::BTreeSet;
use std::path::PathBuf;

use lytt_core::{parse_catalog, parse_survey, TEST_RECIPIENT};

fn surveys_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../surveys")
}

#[test]
fn every_starter_survey_is_valid_and_listed_with_its_title() {
    let dir = surveys_dir();
    let catalog = parse_catalog(&std::fs::read_to_string(dir.join("index.json")).unwrap()).unwrap();
    let listed: BTreeSet<String> = catalog.surveys.iter().map(|e| e.id.clone()).collect();
    let mut files = BTreeSet::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name == "index.json" || !name.ends_with(".json") {
            continue;
        }
        let survey = parse_survey(&std::fs::read_to_string(&path).unwrap()).unwrap_or_else(|e| panic!("{name}:\n{e}"));
        assert_eq!(format!("{}.json", survey.id), name, "the file is named after the survey id");
        let entry =
            catalog.surveys.iter().find(|e| e.id == survey.id).unwrap_or_else(|| panic!("{name} is not in index.json"));
        assert_eq!(entry.title, survey.title, "index.json repeats {name}'s title");
        assert_eq!(entry.default_language, survey.default_language);
        for language in ["nb", "sv", "en"] {
            assert!(survey.languages.iter().any(|l| l == language), "{name} lacks {language}");
        }
        assert_eq!(survey.recipient, TEST_RECIPIENT);
        files.insert(survey.id);
    }
    assert_eq!(listed, files, "index.json lists exactly the survey files");
    assert_eq!(files.len(), 4);
}

#[test]
fn a_catalog_of_another_format_is_refused_by_its_format() {
    let e = parse_catalog(r#"{"format":"other"}"#).unwrap_err();
    assert_eq!(e.to_string(), "surveys/index.json: format \"other\" is not \"lytt-survey-index/1\"");
    let ok = parse_catalog(
        r#"{"format":"lytt-survey-index/1","surveys":[{"id":"Bad Id","title":{},"default_language":"nb"}]}"#,
    )
    .unwrap();
    assert!(ok.surveys.is_empty(), "entries whose id cannot name a file are left out");
}
