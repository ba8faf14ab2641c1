//! Counts per question with small groups hidden, complementary suppression, and the indicator.

mod common;

use common::*;
use lytt_core::summary::{summarize, suppress_partition, Count, Summary, DECLINED_ROW, NOT_ANSWERED_ROW};
use lytt_core::validate::parse_survey_value;
use lytt_core::{Response, Survey};
use serde_json::{json, Value};

fn survey() -> Survey {
    let mut v = survey_with(json!([
        {"id": "s", "type": "single", "prompt": {"en": "Pick one"}, "options": opts(&["a", "b", "c"])},
        {"id": "m", "type": "multi", "prompt": {"en": "Pick any"}, "options": opts(&["x", "y"])},
        {"id": "f", "type": "smiley", "prompt": {"en": "How?"}, "points": 3},
        {"id": "t", "type": "text", "prompt": {"en": "Say"}}
    ]));
    v["privacy"] = json!({"min_group_size": 5});
    v["indicator"] = json!({"question": "s", "positive": ["a"], "target": 0.6, "label": {"en": "Share a"}});
    parse_survey_value(v).unwrap()
}

fn response(i: usize, answers: Value) -> Response {
    serde_json::from_value(json!({
        "format": "lytt-response/1", "survey": "t", "survey_version": "1",
        "response": format!("{i:032x}"), "language": "en", "mode": "personal",
        "completed": "2026-W47", "status": "complete", "answers": answers
    }))
    .unwrap()
}

/// `n` responses with `answers` each.
fn many(start: usize, n: usize, answers: Value) -> Vec<Response> {
    (start..start + n).map(|i| response(i, answers.clone())).collect()
}

fn rows(summary: &Summary, question: &str) -> Vec<(String, Count)> {
    let q = summary.questions.iter().find(|q| q.id == question).unwrap();
    q.rows.iter().map(|r| (r.label.clone(), r.count)).collect()
}

fn row(label: &str, count: Count) -> (String, Count) {
    (label.to_string(), count)
}

#[test]
fn small_groups_are_hidden_and_one_more_so_they_cannot_be_subtracted() {
    // 12 responses: a=8, b=3, c=0, declined 1 -> b and declined are small (two hidden: enough).
    let mut responses = many(0, 8, json!({"s": "a", "m": ["x", "y"], "f": 3, "t": "hei"}));
    responses.extend(many(8, 3, json!({"s": "b", "m": ["x"], "f": 1})));
    responses.extend(many(11, 1, json!({"s": {"declined": true}})));
    let summary = summarize(&survey(), &responses, "en");
    assert_eq!(summary.responses, Count::Shown(12));
    assert_eq!(
        rows(&summary, "s"),
        vec![
            row("a", Count::Shown(8)),
            row("b", Count::FewerThan(5)),
            row("c", Count::Shown(0)),
            row(DECLINED_ROW, Count::FewerThan(5)),
            row(NOT_ANSWERED_ROW, Count::Shown(0)),
        ]
    );
    // Multi: options counted per response that includes them; answered/declined/not answered
    // add up to the total: only "not answered" (1) is small, so the smallest other is hidden too.
    assert_eq!(
        rows(&summary, "m"),
        vec![
            row("x", Count::Shown(11)),
            row("y", Count::Shown(8)),
            row("(answered)", Count::Shown(11)),
            row(DECLINED_ROW, Count::Hidden),
            row(NOT_ANSWERED_ROW, Count::FewerThan(5)),
        ]
    );
    // Smiley: 1 -> 3, 2 -> 0, 3 -> 8, not answered 1: two small groups, nothing more to hide.
    assert_eq!(
        rows(&summary, "f"),
        vec![
            row("1", Count::FewerThan(5)),
            row("2", Count::Shown(0)),
            row("3", Count::Shown(8)),
            row(DECLINED_ROW, Count::Shown(0)),
            row(NOT_ANSWERED_ROW, Count::FewerThan(5)),
        ]
    );
    assert_eq!(
        rows(&summary, "t"),
        vec![
            row("(answered)", Count::Shown(8)),
            row(DECLINED_ROW, Count::Hidden),
            row(NOT_ANSWERED_ROW, Count::FewerThan(5))
        ]
    );
    // The indicator: base 11 answered, 8 positive but only 3 others, so the share is hidden.
    let ind = summary.indicator.unwrap();
    assert_eq!(ind.base, Count::Shown(11));
    assert_eq!(ind.share, None);
    assert_eq!(ind.met, None);
}

#[test]
fn a_single_hidden_count_takes_the_smallest_other_with_it() {
    assert_eq!(
        suppress_partition(&[20, 2, 9, 0, 7], 5),
        vec![Count::Shown(20), Count::FewerThan(5), Count::Shown(9), Count::Hidden, Count::Shown(7)]
    );
    assert_eq!(suppress_partition(&[3, 0, 0], 5), vec![Count::FewerThan(5), Count::Hidden, Count::Shown(0)]);
    assert_eq!(suppress_partition(&[10, 5, 0], 5), vec![Count::Shown(10), Count::Shown(5), Count::Shown(0)]);
    // Whatever the counts, no single hidden count can be recovered from the total.
    for a in 0..8u64 {
        for b in 0..8u64 {
            for c in 0..8u64 {
                let out = suppress_partition(&[a, b, c], 5);
                assert_ne!(out.iter().filter(|x| x.shown().is_none()).count(), 1, "{a} {b} {c}: {out:?}");
                for (n, count) in [a, b, c].iter().zip(&out) {
                    if (1..5).contains(n) {
                        assert_eq!(*count, Count::FewerThan(5));
                    }
                }
            }
        }
    }
}

#[test]
fn the_indicator_is_shown_against_its_target_when_groups_are_large_enough() {
    let mut responses = many(0, 7, json!({"s": "a"}));
    responses.extend(many(7, 5, json!({"s": "c"})));
    responses.extend(many(12, 2, json!({"s": {"declined": true}})));
    let ind = summarize(&survey(), &responses, "en").indicator.unwrap();
    assert_eq!(ind.label, "Share a");
    assert_eq!(ind.base, Count::Shown(12));
    assert_eq!(ind.share, Some(7.0 / 12.0));
    assert_eq!(ind.met, Some(false));
    responses.extend(many(14, 3, json!({"s": "a"})));
    let ind = summarize(&survey(), &responses, "en").indicator.unwrap();
    assert_eq!(ind.share, Some(10.0 / 15.0));
    assert_eq!(ind.met, Some(true));
}

#[test]
fn fewer_responses_than_the_smallest_group_show_no_counts() {
    let responses = many(0, 4, json!({"s": "a", "f": 2}));
    let summary = summarize(&survey(), &responses, "en");
    assert_eq!(summary.responses, Count::FewerThan(5));
    for q in &summary.questions {
        for r in &q.rows {
            assert!(matches!(r.count, Count::FewerThan(5) | Count::Shown(0)), "{}: {:?}", q.id, r);
        }
    }
    assert_eq!(summary.indicator.unwrap().share, None);
}
