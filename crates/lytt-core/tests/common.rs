//! Shared helpers for the core tests.
#![allow(dead_code)]

use serde_json::{json, Value};

pub const EXAMPLE: &str = include_str!("fixtures/survey-example.json");

/// The contract example as JSON, for tests that change one thing in it.
pub fn example_value() -> Value {
    serde_json::from_str(EXAMPLE).expect("the fixture is JSON")
}

/// A small valid survey in one language with the given questions.
pub fn survey_with(questions: Value) -> Value {
    json!({
        "format": "lytt-survey/1",
        "id": "t",
        "version": "1",
        "languages": ["en"],
        "default_language": "en",
        "title": {"en": "T"},
        "recipient": lytt_core::TEST_RECIPIENT,
        "questions": questions
    })
}

/// The problems that validating `value` reports, as "path: message" lines.
pub fn problems(value: Value) -> Vec<String> {
    match lytt_core::validate::parse_survey_value(value) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.0.iter().map(ToString::to_string).collect(),
    }
}

pub fn opts(ids: &[&str]) -> Value {
    Value::Array(ids.iter().map(|id| json!({"id": id, "label": {"en": id}})).collect())
}

/// A finished response to the contract example with `answers`, made through a real draft.
pub fn finished_example(
    id_byte: u8,
    language: &str,
    answers: &[(&str, lytt_core::Answer)],
    mode: lytt_core::DeviceKind,
    status: lytt_core::Status,
) -> lytt_core::Response {
    let survey = lytt_core::parse_survey(EXAMPLE).unwrap();
    let mut draft = lytt_core::Draft::new(&survey, language, 0);
    for (q, a) in answers {
        draft.set_answer(&survey, q, a.clone()).unwrap();
    }
    let completion = lytt_core::Completion {
        response_id: [id_byte; 16],
        date: lytt_core::CivilDate { year: 2026, month: 11, day: 22 },
        mode,
        status,
    };
    draft.finish(&survey, completion).unwrap()
}
