//! The owner's table of responses: labels, declined and unanswered cells, CSV safety.

mod common;

use common::*;
use lytt_core::report::{table, DECLINED};
use lytt_core::{parse_survey, Answer, DeviceKind, Status};

fn response(id_byte: u8, answers: &[(&str, Answer)], language: &str) -> lytt_core::Response {
    finished_example(id_byte, language, answers, DeviceKind::Interview, Status::Partial)
}

#[test]
fn one_row_per_response_one_column_per_question_with_labels() {
    let survey = parse_survey(EXAMPLE).unwrap();
    let responses = [
        response(0xbb, &[("help_with_it", Answer::Text("agree".into())), ("going", Answer::Number(7))], "sv"),
        response(
            0xaa,
            &[
                ("areas", Answer::List(vec!["housing".into(), "money".into()])),
                ("top3", Answer::List(vec!["decide".into(), "respect".into(), "contact".into()])),
                ("most_important", Answer::Text("=HYPERLINK(\"x\"), and \"quotes\"\nnew line".into())),
                ("help_with_it", Answer::Declined),
            ],
            "nb",
        ),
    ];
    let t = table(&survey, &responses, "en");
    assert_eq!(
        t.header[..7],
        ["response", "survey_version", "language", "mode", "completed", "status", "most_important"]
    );
    assert_eq!(t.header.len(), 6 + 10, "info screens get no column");
    assert_eq!(t.rows[0][0], "aa".repeat(16), "rows are ordered by the random response id");
    let col = |name: &str| t.header.iter().position(|h| h == name).unwrap();
    assert_eq!(t.rows[0][col("areas")], "Housing; Money");
    assert_eq!(t.rows[0][col("top3")], "1. Having a say; 2. Being treated with respect; 3. Having someone to talk to");
    assert_eq!(t.rows[0][col("help_with_it")], DECLINED);
    assert_eq!(t.rows[0][col("going")], "");
    assert_eq!(t.rows[1][col("help_with_it")], "Agree");
    assert_eq!(t.rows[1][col("going")], "7");
    assert_eq!(t.rows[1][col("mode")], "interview");
    assert_eq!(t.rows[1][col("status")], "partial");
    assert_eq!(t.rows[1][col("completed")], "2026-W47");
    // Swedish labels on request.
    assert_eq!(table(&survey, &responses, "sv").rows[1][col("help_with_it")], "Instämmer");

    let csv = t.to_csv();
    assert!(csv.starts_with("\u{feff}response,survey_version,"));
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"x\"\"), and \"\"quotes\"\"\nnew line\""),
        "formula defused, quotes doubled: {csv}"
    );
    assert_eq!(csv.matches("\r\n").count(), 3);
    let json: serde_json::Value = serde_json::from_str(&t.to_json()).unwrap();
    assert_eq!(json[1]["help_with_it"], "Agree");
    assert_eq!(json[0]["areas"], "Housing; Money");
}
