//! `show_if`: every condition form, hidden and declined questions, and validation of conditions.

mod common;

use common::*;
use lytt_core::{parse_survey, validate::parse_survey_value, Answer, Draft, Survey};
use serde_json::{json, Value};

fn survey(show_if: Value) -> Survey {
    parse_survey_value(survey_with(json!([
        {"id": "pick", "type": "single", "prompt": {"en": "P"}, "options": opts(&["yes", "no"])},
        {"id": "many", "type": "multi", "prompt": {"en": "M"}, "options": opts(&["a", "b", "c"])},
        {"id": "rank", "type": "ranking", "prompt": {"en": "R"}, "options": opts(&["a", "b", "c"]), "pick": 2},
        {"id": "score", "type": "scale", "prompt": {"en": "S"}, "min": 0, "max": 10},
        {"id": "face", "type": "smiley", "prompt": {"en": "F"}, "points": 5},
        {"id": "count", "type": "number", "prompt": {"en": "N"}, "min": 0, "max": 99},
        {"id": "words", "type": "text", "prompt": {"en": "W"}},
        {"id": "target", "type": "text", "prompt": {"en": "T"}, "show_if": show_if}
    ])))
    .expect("valid survey")
}

fn shown(show_if: Value, answers: &[(&str, Answer)]) -> bool {
    let survey = survey(show_if);
    let mut draft = Draft::new(&survey, "en", 0);
    for (id, answer) in answers {
        draft.set_answer(&survey, id, answer.clone()).expect("answer accepted");
    }
    draft.is_visible(&survey, "target")
}

fn text(s: &str) -> Answer {
    Answer::Text(s.into())
}
fn list(ids: &[&str]) -> Answer {
    Answer::List(ids.iter().map(|s| s.to_string()).collect())
}

#[test]
fn equals_on_single_number_and_text() {
    let c = json!({"question": "pick", "equals": "yes"});
    assert!(shown(c.clone(), &[("pick", text("yes"))]));
    assert!(!shown(c.clone(), &[("pick", text("no"))]));
    assert!(!shown(c.clone(), &[]));
    assert!(!shown(c, &[("pick", Answer::Declined)]));
    assert!(shown(json!({"question": "score", "equals": 7}), &[("score", Answer::Number(7))]));
    assert!(!shown(json!({"question": "score", "equals": 7}), &[("score", Answer::Number(6))]));
    assert!(shown(json!({"question": "words", "equals": "hei"}), &[("words", text("hei"))]));
}

#[test]
fn includes_on_multi_and_ranking() {
    assert!(shown(json!({"question": "many", "includes": "b"}), &[("many", list(&["a", "b"]))]));
    assert!(!shown(json!({"question": "many", "includes": "c"}), &[("many", list(&["a", "b"]))]));
    assert!(shown(json!({"question": "rank", "includes": "c"}), &[("rank", list(&["c", "a"]))]));
    assert!(!shown(json!({"question": "rank", "includes": "b"}), &[("rank", Answer::Declined)]));
}

#[test]
fn at_least_and_at_most() {
    let at_least = json!({"question": "count", "at_least": 3});
    assert!(shown(at_least.clone(), &[("count", Answer::Number(3))]));
    assert!(!shown(at_least.clone(), &[("count", Answer::Number(2))]));
    assert!(!shown(at_least, &[]));
    let at_most = json!({"question": "face", "at_most": 2});
    assert!(shown(at_most.clone(), &[("face", Answer::Number(1))]));
    assert!(!shown(at_most, &[("face", Answer::Number(3))]));
}

#[test]
fn answered_is_false_for_declined() {
    let c = json!({"answered": "words"});
    assert!(shown(c.clone(), &[("words", text("x"))]));
    assert!(!shown(c.clone(), &[("words", Answer::Declined)]));
    assert!(!shown(c, &[]));
}

#[test]
fn all_any_not() {
    let all = json!({"all": [{"question": "pick", "equals": "yes"}, {"answered": "count"}]});
    assert!(shown(all.clone(), &[("pick", text("yes")), ("count", Answer::Number(1))]));
    assert!(!shown(all, &[("pick", text("yes"))]));
    let any = json!({"any": [{"question": "pick", "equals": "yes"}, {"answered": "count"}]});
    assert!(shown(any.clone(), &[("count", Answer::Number(1))]));
    assert!(!shown(any, &[("pick", text("no"))]));
    let not = json!({"not": {"question": "pick", "equals": "yes"}});
    assert!(shown(not.clone(), &[]), "not of a test about an unanswered question is true");
    assert!(shown(not.clone(), &[("pick", Answer::Declined)]));
    assert!(!shown(not, &[("pick", text("yes"))]));
}

#[test]
fn a_test_about_a_hidden_question_is_false() {
    let survey = parse_survey_value(survey_with(json!([
        {"id": "a", "type": "single", "prompt": {"en": "A"}, "options": opts(&["yes", "no"])},
        {"id": "b", "type": "number", "prompt": {"en": "B"}, "min": 0, "max": 9, "show_if": {"question": "a", "equals": "yes"}},
        {"id": "c", "type": "text", "prompt": {"en": "C"}, "show_if": {"question": "b", "at_least": 1}},
        {"id": "d", "type": "text", "prompt": {"en": "D"}, "show_if": {"not": {"answered": "b"}}}
    ])))
    .unwrap();
    let mut draft = Draft::new(&survey, "en", 0);
    draft.set_answer(&survey, "a", text("yes")).unwrap();
    draft.set_answer(&survey, "b", Answer::Number(5)).unwrap();
    draft.set_answer(&survey, "c", text("kept")).unwrap();
    assert_eq!(draft.visible_ids(&survey), ["a", "b", "c"]);
    // Changing "a" hides "b"; "c" depends on "b" and is hidden too; their answers are dropped.
    draft.set_answer(&survey, "a", text("no")).unwrap();
    assert_eq!(draft.visible_ids(&survey), ["a", "d"]);
    assert!(!draft.answers.contains_key("b"));
    assert!(!draft.answers.contains_key("c"));
    assert_eq!(draft.set_answer(&survey, "c", text("x")), Err(lytt_core::DraftError::Hidden("c".into())));
}

#[test]
fn the_examples_conditions_work() {
    let survey = parse_survey(EXAMPLE).unwrap();
    let mut draft = Draft::new(&survey, "nb", 0);
    assert!(!draft.is_visible(&survey, "housing_safe"));
    draft.set_answer(&survey, "areas", list(&["housing"])).unwrap();
    assert!(draft.is_visible(&survey, "housing_safe"));
    assert!(!draft.is_visible(&survey, "more_help"));
    draft.set_answer(&survey, "going", Answer::Number(3)).unwrap();
    assert!(draft.is_visible(&survey, "more_help"));
    draft.set_answer(&survey, "areas", list(&["housing", "money"])).unwrap();
    assert!(!draft.is_visible(&survey, "more_help"));
    assert!(!draft.is_visible(&survey, "visits"));
    draft.set_answer(&survey, "help_with_it", text("agree")).unwrap();
    assert!(draft.is_visible(&survey, "visits"));
}

fn condition_problems(show_if: Value) -> Vec<String> {
    problems(survey_with(json!([
        {"id": "pick", "type": "single", "prompt": {"en": "P"}, "options": opts(&["yes", "no"])},
        {"id": "many", "type": "multi", "prompt": {"en": "M"}, "options": opts(&["a", "b"])},
        {"id": "score", "type": "scale", "prompt": {"en": "S"}, "min": 0, "max": 10},
        {"id": "note", "type": "info", "prompt": {"en": "I"}},
        {"id": "words", "type": "text", "prompt": {"en": "W"}},
        {"id": "target", "type": "text", "prompt": {"en": "T"}, "show_if": show_if},
        {"id": "later", "type": "text", "prompt": {"en": "L"}}
    ])))
}

#[test]
fn conditions_naming_later_unknown_or_own_questions_are_errors() {
    assert_eq!(
        condition_problems(json!({"answered": "later"})),
        ["questions[5].show_if: names \"later\", which is not an earlier question"]
    );
    assert_eq!(
        condition_problems(json!({"answered": "x"})),
        ["questions[5].show_if: names \"x\", which is not an earlier question"]
    );
    assert_eq!(
        condition_problems(json!({"answered": "target"})),
        ["questions[5].show_if: names \"target\", which is not an earlier question"]
    );
    assert_eq!(
        condition_problems(json!({"all": [{"answered": "pick"}, {"not": {"answered": "nope"}}]})),
        ["questions[5].show_if.all[1].not: names \"nope\", which is not an earlier question"]
    );
}

#[test]
fn conditions_with_the_wrong_kind_of_test_are_errors() {
    let cases = [
        (json!({"question": "many", "equals": "a"}), "questions[5].show_if: uses \"equals\" on \"many\", a multi question; use \"includes\""),
        (json!({"question": "pick", "includes": "yes"}), "questions[5].show_if: uses \"includes\" on \"pick\", a single question; \"includes\" is for multi and ranking questions"),
        (json!({"question": "words", "at_least": 2}), "questions[5].show_if: uses \"at_least\" on \"words\", a text question; it is for scale, smiley and number questions"),
        (json!({"question": "pick", "equals": "maybe"}), "questions[5].show_if.equals: \"maybe\" is not an option of \"pick\""),
        (json!({"question": "pick", "equals": 1}), "questions[5].show_if.equals: compares \"pick\", a single question, with a number"),
        (json!({"question": "score", "equals": "high"}), "questions[5].show_if.equals: compares \"score\", a scale question, with a text; use a number"),
        (json!({"question": "score", "at_most": 11}), "questions[5].show_if.at_most: 11 is outside the range of \"score\" (0 to 10)"),
        (json!({"question": "many", "includes": "z"}), "questions[5].show_if.includes: \"z\" is not an option of \"many\""),
        (json!({"answered": "note"}), "questions[5].show_if: names \"note\", an info screen, which has no answer"),
        (json!({"any": []}), "questions[5].show_if.any: lists no condition"),
    ];
    for (condition, expected) in cases {
        assert_eq!(condition_problems(condition), [expected]);
    }
    let p = condition_problems(json!({"question": "pick", "resembles": "yes"}));
    assert_eq!(p, ["questions[5].show_if: names a question but no test: use \"equals\", \"includes\", \"at_least\" or \"at_most\""]);
    let p = condition_problems(json!({"resembles": "yes"}));
    assert_eq!(p, ["questions[5].show_if: is not a condition; see the forms in docs/survey-format.md"]);
    let p = condition_problems(json!({"question": "pick", "equals": [1]}));
    assert_eq!(p, ["questions[5].show_if.equals: must be a text or a whole number, not a list"]);
}
