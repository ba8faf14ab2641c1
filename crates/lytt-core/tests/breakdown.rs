//! Results broken down by a single-choice question or by device, with small groups hidden in
//! every cell and no hidden cell that subtraction could reveal.

mod common;

use common::*;
use lytt_core::breakdown::{breakdown, BreakBy, Breakdown, BreakdownError, GroupKey};
use lytt_core::summary::Count;
use lytt_core::validate::parse_survey_value;
use lytt_core::{Response, Survey};
use serde_json::{json, Value};

const K: u64 = 5;

fn survey() -> Survey {
    let mut v = survey_with(json!([
        {"id": "where", "type": "single", "prompt": {"en": "Where"}, "options": opts(&["north", "south"])},
        {"id": "s", "type": "single", "prompt": {"en": "Pick one"}, "options": opts(&["a", "b", "c"])},
        {"id": "m", "type": "multi", "prompt": {"en": "Pick any"}, "options": opts(&["x", "y"])},
        {"id": "t", "type": "text", "prompt": {"en": "Say"}}
    ]));
    v["privacy"] = json!({"min_group_size": K});
    parse_survey_value(v).unwrap()
}

fn response(i: usize, mode: &str, answers: Value) -> Response {
    serde_json::from_value(json!({
        "format": "lytt-response/1", "survey": "t", "survey_version": "1",
        "response": format!("{i:032x}"), "language": "en", "mode": mode,
        "completed": "2026-W47", "status": "complete", "answers": answers
    }))
    .unwrap()
}

fn table<'a>(b: &'a Breakdown, id: &str) -> &'a lytt_core::breakdown::QuestionTable {
    b.questions.iter().find(|q| q.id == id).unwrap()
}

/// The rules every breakdown must keep, checked against the true counts.
fn assert_safe(b: &Breakdown, survey: &Survey, responses: &[Response], by: &BreakBy) {
    let members: Vec<Vec<&Response>> = b
        .groups
        .iter()
        .map(|g| {
            responses
                .iter()
                .filter(|r| match (&g.key, by) {
                    (GroupKey::Device(kind), _) => r.mode == *kind,
                    (GroupKey::Option(o), BreakBy::Question(q)) => {
                        r.answers.get(q) == Some(&lytt_core::Answer::Text(o.clone()))
                    }
                    (GroupKey::Declined, BreakBy::Question(q)) => {
                        r.answers.get(q) == Some(&lytt_core::Answer::Declined)
                    }
                    (GroupKey::NotAnswered, BreakBy::Question(q)) => !r.answers.contains_key(q),
                    _ => unreachable!(),
                })
                .collect()
        })
        .collect();
    for (group, people) in b.groups.iter().zip(&members) {
        let n = people.len() as u64;
        if n > 0 && n < K {
            assert_eq!(group.size, Count::FewerThan(K as u32), "a small group's size is hidden");
        }
        if let Count::Shown(shown) = group.size {
            assert_eq!(shown, n);
        }
    }
    let sizes_hidden = b.groups.iter().filter(|g| !matches!(g.size, Count::Shown(_))).count();
    assert_ne!(sizes_hidden, 1, "the group sizes add up to the total: never one hidden alone");
    for q in &b.questions {
        let survey_q = survey.question(&q.id).unwrap();
        for (r, row) in q.cells.iter().enumerate() {
            for (g, cell) in row.iter().enumerate() {
                if !matches!(b.groups[g].size, Count::Shown(_)) {
                    assert!(!matches!(cell, Count::Shown(_)), "{}: a group without a shown size shows nothing", q.id);
                }
                if let Count::Shown(v) = cell {
                    assert!(*v == 0 || *v >= K, "{}: a small cell ({v}) is shown", q.id);
                }
            }
            let hidden = row.iter().filter(|c| !matches!(c, Count::Shown(_))).count();
            assert_ne!(hidden, 1, "{} row {}: one hidden cell across the groups could be subtracted", q.id, q.rows[r]);
        }
        let partition: Vec<usize> = match survey_q.kind.type_name() {
            "single" => (0..q.rows.len()).collect(),
            _ => (q.rows.len() - 3..q.rows.len()).collect(),
        };
        for (g, group) in b.groups.iter().enumerate() {
            if matches!(group.size, Count::Shown(_)) {
                let hidden = partition.iter().filter(|&&r| !matches!(q.cells[r][g], Count::Shown(_))).count();
                assert_ne!(hidden, 1, "{} in group {}: one hidden cell could be subtracted", q.id, group.label);
            }
        }
    }
    let _ = members;
}

#[test]
fn a_breakdown_by_a_question_hides_small_cells_and_what_would_reveal_them() {
    let survey = survey();
    let mut responses: Vec<Response> = Vec::new();
    for i in 0..7 {
        responses.push(response(i, "personal", json!({"where": "north", "s": "a", "m": ["x"]})));
    }
    for i in 7..10 {
        responses.push(response(i, "personal", json!({"where": "north", "s": "b", "m": ["x", "y"]})));
    }
    for i in 10..20 {
        responses.push(response(i, "interview", json!({"where": "south", "s": "a", "t": "hei"})));
    }
    let by = BreakBy::Question("where".into());
    let b = breakdown(&survey, &responses, &by, "en").unwrap();
    let labels: Vec<&str> = b.groups.iter().map(|g| g.label.as_str()).collect();
    assert_eq!(labels, ["north", "south", "(declined)", "(not answered)"]);
    assert_eq!(b.groups[0].size, Count::Shown(10));
    assert!(b.questions.iter().all(|q| q.id != "where"), "the question broken down by is not a table of its own");
    let s = table(&b, "s");
    assert_eq!(s.rows, ["a", "b", "c", "(declined)", "(not answered)"]);
    assert_eq!(s.cells[0][0], Count::Shown(7), "north chose a");
    assert_eq!(s.cells[1][0], Count::FewerThan(5), "three in north chose b");
    assert_eq!(s.cells[0][1], Count::Shown(10), "south chose a");
    assert_safe(&b, &survey, &responses, &by);
}

#[test]
fn a_breakdown_by_device_hides_a_small_group_entirely() {
    let survey = survey();
    let mut responses: Vec<Response> = (0..12).map(|i| response(i, "personal", json!({"s": "a"}))).collect();
    responses.extend((12..14).map(|i| response(i, "kiosk", json!({"s": "c"}))));
    let by = BreakBy::Device;
    let b = breakdown(&survey, &responses, &by, "en").unwrap();
    let labels: Vec<&str> = b.groups.iter().map(|g| g.label.as_str()).collect();
    assert_eq!(labels, ["personal", "shared", "kiosk", "interview"]);
    assert_eq!(b.groups[2].size, Count::FewerThan(5));
    let s = table(&b, "s");
    assert!(s.cells.iter().all(|row| row[2] == Count::FewerThan(5)), "not even the kiosk's zeros are shown");
    assert_safe(&b, &survey, &responses, &by);
}

#[test]
fn only_a_single_choice_question_makes_groups() {
    let survey = survey();
    assert_eq!(
        breakdown(&survey, &[], &BreakBy::Question("m".into()), "en"),
        Err(BreakdownError::NotSingleChoice("m".into()))
    );
    assert_eq!(
        breakdown(&survey, &[], &BreakBy::Question("nope".into()), "en"),
        Err(BreakdownError::UnknownQuestion("nope".into()))
    );
}

#[test]
fn every_breakdown_of_many_random_answers_keeps_the_rules() {
    let survey = survey();
    let mut seed: u64 = 0x5eed;
    let mut next = |n: u64| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    for round in 0..300 {
        let count = next(40) as usize;
        let responses: Vec<Response> = (0..count)
            .map(|i| {
                let mut answers = serde_json::Map::new();
                match next(4) {
                    0 => {}
                    1 => {
                        answers.insert("where".into(), json!({"declined": true}));
                    }
                    n => {
                        answers.insert("where".into(), json!(if n == 2 { "north" } else { "south" }));
                    }
                }
                match next(5) {
                    0 => {}
                    1 => {
                        answers.insert("s".into(), json!({"declined": true}));
                    }
                    n => {
                        answers.insert("s".into(), json!(["a", "b", "c"][n as usize - 2]));
                    }
                }
                if next(2) == 0 {
                    let picked: Vec<&str> = ["x", "y"].into_iter().filter(|_| next(2) == 0).collect();
                    if !picked.is_empty() {
                        answers.insert("m".into(), json!(picked));
                    }
                }
                let mode = ["personal", "shared", "kiosk", "interview"][next(4) as usize];
                response(round * 100 + i, mode, Value::Object(answers))
            })
            .collect();
        for by in [BreakBy::Question("where".into()), BreakBy::Device] {
            let b = breakdown(&survey, &responses, &by, "en").unwrap();
            assert_safe(&b, &survey, &responses, &by);
        }
    }
}
