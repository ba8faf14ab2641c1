//! Two rounds side by side, with the change where both shares may be shown.

mod common;

use common::*;
use lytt_core::compare::compare;
use lytt_core::summary::Count;
use lytt_core::validate::parse_survey_value;
use lytt_core::{Response, Survey};
use serde_json::{json, Value};

fn survey(s_options: &[&str], extra: Option<Value>) -> Survey {
    let mut questions = vec![
        json!({"id": "s", "type": "single", "prompt": {"en": "Pick one"}, "options": opts(s_options)}),
        json!({"id": "g", "type": "smiley", "prompt": {"en": "How?"}, "points": 3}),
    ];
    questions.extend(extra);
    let mut v = survey_with(Value::Array(questions));
    v["privacy"] = json!({"min_group_size": 5});
    parse_survey_value(v).unwrap()
}

fn round(start: usize, groups: &[(usize, Value)]) -> Vec<Response> {
    let mut i = start;
    let mut out = Vec::new();
    for (n, answers) in groups {
        for _ in 0..*n {
            out.push(
                serde_json::from_value(json!({
                    "format": "lytt-response/1", "survey": "t", "survey_version": "1",
                    "response": format!("{i:032x}"), "language": "en", "mode": "personal",
                    "completed": "2026-W47", "status": "complete", "answers": answers
                }))
                .unwrap(),
            );
            i += 1;
        }
    }
    out
}

#[test]
fn each_row_shows_both_shares_and_the_change_in_points() {
    let s = survey(&["a", "b", "c"], None);
    let before = round(0, &[(5, json!({"s": "a"})), (5, json!({"s": "b"}))]);
    let after = round(100, &[(15, json!({"s": "a"})), (5, json!({"s": "b"}))]);
    let c = compare((&s, &before), (&s, &after), "en");
    let q = c.questions.iter().find(|q| q.id == "s").unwrap();
    let a = q.rows.iter().find(|r| r.label == "a").unwrap();
    assert_eq!((a.before, a.after), (Some(Count::Shown(5)), Some(Count::Shown(15))));
    assert_eq!((a.before_share, a.after_share), (Some(0.5), Some(0.75)));
    assert_eq!(a.change, Some(25.0));
    let b = q.rows.iter().find(|r| r.label == "b").unwrap();
    assert_eq!(b.change, Some(-25.0));
}

#[test]
fn a_hidden_count_gives_no_share_and_no_change() {
    let s = survey(&["a", "b", "c"], None);
    let before = round(0, &[(5, json!({"s": "a"})), (5, json!({"s": "b"}))]);
    let after = round(100, &[(17, json!({"s": "a"})), (3, json!({"s": "b"}))]);
    let c = compare((&s, &before), (&s, &after), "en");
    let b = c.questions[0].rows.iter().find(|r| r.label == "b").unwrap();
    assert_eq!(b.after, Some(Count::FewerThan(5)));
    assert_eq!((b.after_share, b.change), (None, None));
}

#[test]
fn versions_are_matched_by_question_id_and_type_and_rows_by_label() {
    let earlier = survey(&["a", "b"], Some(json!({"id": "gone", "type": "text", "prompt": {"en": "Old"}})));
    let later = survey(
        &["a", "b", "new"],
        Some(json!({"id": "gone", "type": "number", "prompt": {"en": "Now a number"}, "min": 0, "max": 9})),
    );
    let before = round(0, &[(10, json!({"s": "a"}))]);
    let after = round(100, &[(10, json!({"s": "new"}))]);
    let c = compare((&earlier, &before), (&later, &after), "en");
    let ids: Vec<&str> = c.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, ["s", "g"], "a question asked another way is not compared");
    let new = c.questions[0].rows.iter().find(|r| r.label == "new").unwrap();
    assert_eq!((new.before, new.after), (None, Some(Count::Shown(10))));
    assert_eq!(new.change, None);
}
