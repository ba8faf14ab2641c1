//! Medians, rankings' first places and shares, each hidden where its group is small.

mod common;

use common::*;
use lytt_core::figures::{median, ranked_first, share};
use lytt_core::summary::{Count, DECLINED_ROW, NOT_ANSWERED_ROW};
use lytt_core::validate::parse_survey_value;
use lytt_core::{Response, Survey};
use serde_json::{json, Value};

fn survey() -> Survey {
    let mut v = survey_with(json!([
        {"id": "g", "type": "scale", "prompt": {"en": "How?"}, "min": 0, "max": 10},
        {"id": "r", "type": "ranking", "prompt": {"en": "Order"}, "options": opts(&["a", "b", "c"]), "pick": 2},
        {"id": "t", "type": "text", "prompt": {"en": "Say"}}
    ]));
    v["privacy"] = json!({"min_group_size": 5});
    parse_survey_value(v).unwrap()
}

fn responses(answers: &[Value]) -> Vec<Response> {
    answers
        .iter()
        .enumerate()
        .map(|(i, a)| {
            serde_json::from_value(json!({
                "format": "lytt-response/1", "survey": "t", "survey_version": "1",
                "response": format!("{i:032x}"), "language": "en", "mode": "personal",
                "completed": "2026-W47", "status": "complete", "answers": a
            }))
            .unwrap()
        })
        .collect()
}

#[test]
fn the_median_rests_on_enough_numbers_and_leaves_out_declines() {
    let s = survey();
    let mut a: Vec<Value> = [1, 2, 3, 4, 10].iter().map(|n| json!({"g": n})).collect();
    a.push(json!({"g": {"declined": true}}));
    a.push(json!({}));
    assert_eq!(median(&s, &responses(&a), "g"), Some(3.0));
    a.push(json!({"g": 5}));
    assert_eq!(median(&s, &responses(&a), "g"), Some(3.5), "the mean of the middle two");
    let few: Vec<Value> = [1, 2, 3, 4].iter().map(|n| json!({"g": n})).collect();
    assert_eq!(median(&s, &responses(&few), "g"), None, "four numbers are a small group");
    assert_eq!(median(&s, &responses(&a), "t"), None, "a text question has no median");
}

#[test]
fn first_places_of_a_ranking_are_counted_with_small_groups_hidden() {
    let s = survey();
    let mut a: Vec<Value> = (0..8).map(|_| json!({"r": ["a", "b"]})).collect();
    a.extend((0..2).map(|_| json!({"r": ["b", "a"]})));
    let rows = ranked_first(&s, &responses(&a), "r", "en").unwrap();
    let shown: Vec<(&str, Count)> = rows.iter().map(|r| (r.label.as_str(), r.count)).collect();
    assert_eq!(
        shown,
        [
            ("a", Count::Shown(8)),
            ("b", Count::FewerThan(5)),
            // One hidden count alone could be worked out from the total: the smallest other goes too.
            ("c", Count::Hidden),
            (DECLINED_ROW, Count::Shown(0)),
            (NOT_ANSWERED_ROW, Count::Shown(0)),
        ]
    );
    assert_eq!(ranked_first(&s, &responses(&a), "g", "en"), None, "only a ranking has first places");
}

#[test]
fn a_share_is_shown_only_when_both_counts_are() {
    assert_eq!(share(Count::Shown(3), Count::Shown(12)), Some(0.25));
    assert_eq!(share(Count::FewerThan(5), Count::Shown(12)), None);
    assert_eq!(share(Count::Shown(6), Count::Hidden), None);
    assert_eq!(share(Count::Shown(0), Count::Shown(0)), None);
}
