//! Property tests: nothing a file can hold makes parsing or answering panic.

mod common;

use common::*;
use lytt_core::{parse_survey, Answer, Draft, Place};
use proptest::prelude::*;
use serde_json::Value;

/// Every place in a JSON tree, as a path of keys and indices.
fn paths(value: &Value, prefix: Vec<PathStep>, out: &mut Vec<Vec<PathStep>>) {
    out.push(prefix.clone());
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let mut p = prefix.clone();
                p.push(PathStep::Key(k.clone()));
                paths(v, p, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                let mut p = prefix.clone();
                p.push(PathStep::Index(i));
                paths(v, p, out);
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum PathStep {
    Key(String),
    Index(usize),
}

fn at<'a>(value: &'a mut Value, path: &[PathStep]) -> Option<&'a mut Value> {
    let mut v = value;
    for step in path {
        v = match step {
            PathStep::Key(k) => v.get_mut(k.as_str())?,
            PathStep::Index(i) => v.get_mut(*i)?,
        };
    }
    Some(v)
}

fn replacement() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        "[a-z_]{0,8}".prop_map(Value::String),
        Just(serde_json::json!([])),
        Just(serde_json::json!({})),
        Just(serde_json::json!({"question": "areas", "includes": "housing"})),
        Just(serde_json::json!({"not": {"answered": "listened_today"}})),
        Just(serde_json::json!({"id": "x", "type": "scale", "prompt": {"nb": "x"}, "min": i64::MIN, "max": i64::MAX})),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,300}") {
        let _ = parse_survey(&text);
    }

    #[test]
    fn mutated_example_never_panics_and_a_valid_result_works(
        picks in proptest::collection::vec((any::<prop::sample::Index>(), replacement(), any::<bool>()), 1..4)
    ) {
        let mut value = example_value();
        for (index, new, delete) in picks {
            let mut all = Vec::new();
            paths(&value, Vec::new(), &mut all);
            let path = index.get(&all).clone();
            if delete && !path.is_empty() {
                let (last, parent) = path.split_last().unwrap();
                if let Some(parent) = at(&mut value, parent) {
                    match (parent, last) {
                        (Value::Object(m), PathStep::Key(k)) => { m.remove(k); }
                        (Value::Array(a), PathStep::Index(i)) if *i < a.len() => { a.remove(*i); }
                        _ => {}
                    }
                }
            } else if let Some(slot) = at(&mut value, &path) {
                *slot = new;
            }
        }
        let text = value.to_string();
        if let Ok(survey) = parse_survey(&text) {
            // A survey that validates can be walked from start to review with every question declined.
            let mut draft = Draft::new(&survey, "nb", 0);
            let mut place = draft.next_place(&survey, &Place::Intro).unwrap();
            let mut steps = 0;
            while let Place::Question(id) = place.clone() {
                if survey.question(&id).is_some_and(|q| q.is_answerable()) {
                    draft.set_answer(&survey, &id, Answer::Declined).unwrap();
                }
                place = draft.next_place(&survey, &place).unwrap();
                steps += 1;
                prop_assert!(steps <= survey.questions.len());
            }
            prop_assert_eq!(place, Place::Review);
        }
    }

    #[test]
    fn arbitrary_answers_never_panic(value in prop_oneof![
        any::<i64>().prop_map(Value::from),
        ".{0,40}".prop_map(Value::String),
        proptest::collection::vec("[a-z_]{0,10}", 0..6).prop_map(Value::from),
        Just(serde_json::json!({"declined": true})),
        Just(serde_json::json!({"declined": false})),
        Just(Value::Null),
    ]) {
        let survey = parse_survey(EXAMPLE).unwrap();
        for question in &survey.questions {
            let _ = question.answer_from_json(&value);
        }
    }
}
