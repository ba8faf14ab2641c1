//! The answer encoding in records: every answer shape, and reading it back by question type.

mod common;

use common::*;
use lytt_core::{parse_survey, Answer, AnswerError};
use serde_json::json;

#[test]
fn answers_serialise_as_the_contract_says() {
    assert_eq!(serde_json::to_value(Answer::Declined).unwrap(), json!({"declined": true}));
    assert_eq!(serde_json::to_value(Answer::Text("agree".into())).unwrap(), json!("agree"));
    assert_eq!(serde_json::to_value(Answer::List(vec!["a".into(), "b".into()])).unwrap(), json!(["a", "b"]));
    assert_eq!(serde_json::to_value(Answer::Number(-3)).unwrap(), json!(-3));
}

#[test]
fn answers_read_back_by_question_type() {
    let survey = parse_survey(EXAMPLE).unwrap();
    let q = |id: &str| survey.question(id).unwrap();
    assert_eq!(q("going").answer_from_json(&json!(4)), Ok(Answer::Number(4)));
    assert_eq!(q("help_with_it").answer_from_json(&json!("agree")), Ok(Answer::Text("agree".into())));
    assert_eq!(q("visits").answer_from_json(&json!({"declined": true})), Ok(Answer::Declined));
    assert_eq!(q("visits").answer_from_json(&json!({"declined": false})), Err(AnswerError::WrongKind));
    assert_eq!(q("visits").answer_from_json(&json!(1.5)), Err(AnswerError::WrongKind));
    assert_eq!(
        q("areas").answer_from_json(&json!(["money", "housing"])),
        Ok(Answer::List(vec!["money".into(), "housing".into()]))
    );
    assert_eq!(q("areas").answer_from_json(&json!("money")), Err(AnswerError::WrongKind));
}
