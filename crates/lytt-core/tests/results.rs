//! The results screen's view of opened bundles: what was read, what was not and why, and the
//! same figures as the summary, with small groups hidden.
#![cfg(feature = "seal")]

mod common;

use common::*;
use lytt_core::breakdown::BreakBy;
use lytt_core::bundle::Opened;
use lytt_core::results::{view, ResultsView};
use lytt_core::summary::{summarize, Count};
use lytt_core::unseal::OpenError;
use lytt_core::validate::parse_survey_value;
use lytt_core::{Response, Survey};
use serde_json::{json, Value};

fn survey() -> Survey {
    let mut v = survey_with(json!([
        {"id": "where", "type": "single", "prompt": {"en": "Where?"}, "options": opts(&["a", "b"])},
        {"id": "g", "type": "scale", "prompt": {"en": "How?"}, "min": 0, "max": 10}
    ]));
    v["privacy"] = json!({"min_group_size": 3});
    parse_survey_value(v).unwrap()
}

fn response(i: usize, answers: Value) -> Response {
    serde_json::from_value(json!({
        "format": "lytt-response/1", "survey": "t", "survey_version": "1",
        "response": format!("{i:032x}"), "language": "en", "mode": if i.is_multiple_of(2) { "personal" } else { "kiosk" },
        "completed": format!("2026-W4{}", i % 3 + 1), "status": "complete", "answers": answers
    }))
    .unwrap()
}

fn opened(s: &Survey) -> Opened {
    let mut opened = Opened::default();
    for i in 0..8 {
        opened.add_result("one.json", i, Ok(response(i, json!({"where": if i < 5 { "a" } else { "b" }, "g": i}))));
    }
    opened.add_result("two.json", 0, Ok(response(3, json!({"where": "a", "g": 3}))));
    opened.add_result("two.json", 1, Err(OpenError::WrongKey));
    opened.add_result("two.json", 2, Ok(response(9, json!({"where": "elsewhere"}))));
    opened.set_apart_misfits(s);
    opened
}

#[test]
fn the_view_lists_what_was_not_counted_and_shows_the_summarys_figures() {
    let s = survey();
    let opened = opened(&s);
    let v = view((&s, &opened), None, "en", None).unwrap();
    assert_eq!((v.read, v.duplicates), (8, 1));
    assert_eq!(v.failures.len(), 1);
    assert_eq!(
        (v.failures[0].file.as_str(), v.failures[0].record, &v.failures[0].why),
        ("two.json", 2, &OpenError::WrongKey)
    );
    assert_eq!(v.set_apart.len(), 1, "the record with an unknown option is set apart");
    assert_eq!(v.set_apart[0].response, format!("{:032x}", 9));
    assert_eq!(v.dates, Some(("2026-W41".to_string(), "2026-W43".to_string())));
    let summary = summarize(&s, &opened.responses, "en");
    assert_eq!(v.responses, summary.responses);
    for (q, counts) in v.questions.iter().zip(&summary.questions) {
        let rows: Vec<(String, Count)> = q.rows.iter().map(|r| (r.label.clone(), r.count)).collect();
        let expected: Vec<(String, Count)> = counts.rows.iter().map(|r| (r.label.clone(), r.count)).collect();
        assert_eq!(rows, expected, "{}", q.id);
    }
    let where_rows = &v.questions[0].rows;
    assert_eq!(where_rows[0].share, Some(5.0 / 8.0));
    assert_eq!(v.questions[1].median, Some(3.5));
    assert_eq!(v.break_choices.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["where"]);
}

#[test]
fn a_breakdown_by_device_names_the_groups_by_the_records_mode() {
    let s = survey();
    let v = view((&s, &opened(&s)), None, "en", Some(&BreakBy::Device)).unwrap();
    let groups: Vec<&str> = v.broken_down.as_ref().unwrap().groups.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(groups, ["personal", "shared", "kiosk", "interview"]);
    assert!(
        view((&s, &opened(&s)), None, "en", Some(&BreakBy::Question("g".into()))).is_err(),
        "only by a single choice"
    );
}

#[test]
fn the_view_travels_as_json_unchanged() {
    let s = survey();
    let earlier = opened(&s);
    let v = view((&s, &opened(&s)), Some((&s, &earlier)), "en", Some(&BreakBy::Question("where".into()))).unwrap();
    let compared = v.compared.as_ref().unwrap();
    assert_eq!((compared.read, compared.failures, compared.set_apart), (8, 1, 1));
    assert_eq!(compared.questions[0].rows[0].change, Some(0.0), "the same answers in both rounds");
    let back: ResultsView = serde_json::from_str(&serde_json::to_string(&v).unwrap()).unwrap();
    assert_eq!(back, v);
    let reason: OpenError =
        serde_json::from_str(&serde_json::to_string(&OpenError::NotARecord("x".into())).unwrap()).unwrap();
    assert_eq!(reason, OpenError::NotARecord("x".into()));
}

#[test]
fn sealed_records_opened_in_slices_are_gathered_as_lytt_report_reads_them() {
    use lytt_core::bundle::Bundle;
    use lytt_core::results::{gather, open_slice};
    use lytt_core::seal::seal_record;
    use lytt_core::unseal::Identity;
    let s = survey();
    let key = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../keys/test-owner.key")).unwrap();
    let identity = Identity::from_identity_file(&key).unwrap();
    let sealed: Vec<String> = (0..7)
        .map(|i| seal_record(&response(i, json!({"where": "a", "g": i})), lytt_core::TEST_RECIPIENT).unwrap())
        .collect();
    let mut records = sealed.clone();
    records.push("not a record".into());
    let bundle = Bundle::new("t", records);
    let again = Bundle::new("t", sealed[..3].to_vec());
    let files = vec!["a.json".to_string(), "b.json".to_string()];
    // Slices arrive in any order, from several workers.
    let slices = vec![
        (1, 0, open_slice(&again, 0, 100, &identity)),
        (0, 5, open_slice(&bundle, 5, 8, &identity)),
        (0, 0, open_slice(&bundle, 0, 5, &identity)),
    ];
    let opened = gather(&s, &files, slices);
    assert_eq!(opened.responses.len(), 7);
    assert_eq!(opened.duplicates, 3);
    assert_eq!(opened.failures.len(), 1);
    let (file, _, why) = &opened.failures[0];
    assert_eq!((file.as_str(), why), ("a.json", &OpenError::NotAge));
    assert!(open_slice(&bundle, 9, 3, &identity).is_empty(), "a slice past the end is empty");
}

#[test]
fn key_agreements_made_elsewhere_open_the_same_records_with_the_same_errors() {
    use lytt_core::bundle::Bundle;
    use lytt_core::results::{open_slice, open_slice_agreed, slice_shares};
    use lytt_core::seal::seal_record;
    use lytt_core::unseal::Identity;
    use std::collections::BTreeMap;
    use x25519_dalek::{x25519, X25519_BASEPOINT_BYTES};
    let key = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../keys/test-owner.key")).unwrap();
    let identity = Identity::from_identity_file(&key).unwrap();
    let mut records: Vec<String> =
        (0..5).map(|i| seal_record(&response(i, json!({"where": "a"})), lytt_core::TEST_RECIPIENT).unwrap()).collect();
    let other_recipient = lytt_core::recipient::encode_bech32("age", &x25519([7u8; 32], X25519_BASEPOINT_BYTES));
    records.push(seal_record(&response(9, json!({})), &other_recipient).unwrap());
    records.push(records[0].replacen("AAAA", "AAAB", 1));
    records.push("not a record".into());
    let bundle = Bundle::new("t", records);
    let agreed: BTreeMap<[u8; 32], [u8; 32]> =
        slice_shares(&bundle, 0, 100).into_iter().map(|share| (share, x25519(*identity.secret(), share))).collect();
    assert_eq!(slice_shares(&bundle, 0, 100).len(), 7, "one share per sealed record");
    assert_eq!(open_slice_agreed(&bundle, 0, 100, identity.public(), &agreed), open_slice(&bundle, 0, 100, &identity),);
    let none = open_slice_agreed(&bundle, 0, 100, identity.public(), &BTreeMap::new());
    assert!(none.iter().filter(|r| r.is_err()).count() >= 7, "without agreements nothing opens");
}
