//! Draft transitions: answering, declining, required questions, navigation, reconciling,
//! expiry and finishing into a record.

mod common;

use common::*;
use lytt_core::draft::DraftStamp;
use lytt_core::{
    parse_survey, validate::parse_survey_value, Answer, AnswerError, CivilDate, Completion, DeviceKind, Draft,
    DraftError, Place, Status, DRAFT_MAX_AGE_DAYS,
};
use serde_json::json;

fn completion(status: Status) -> Completion {
    Completion {
        response_id: [0xab; 16],
        date: CivilDate { year: 2026, month: 11, day: 22 },
        mode: DeviceKind::Own,
        status,
    }
}

fn q(id: &str) -> Place {
    Place::Question(id.into())
}

#[test]
fn answers_are_checked_against_their_question() {
    let survey = parse_survey(EXAMPLE).unwrap();
    let mut d = Draft::new(&survey, "en", 0);
    let err = |r: Result<(), DraftError>| match r {
        Err(DraftError::Answer(e)) => e,
        other => panic!("expected an answer error, got {other:?}"),
    };
    assert_eq!(
        err(d.set_answer(&survey, "help_with_it", Answer::Text("maybe".into()))),
        AnswerError::UnknownOption("maybe".into())
    );
    assert_eq!(err(d.set_answer(&survey, "going", Answer::Number(11))), AnswerError::OutOfRange { min: 0, max: 10 });
    assert_eq!(
        err(d.set_answer(&survey, "helpers_know", Answer::Number(0))),
        AnswerError::OutOfRange { min: 1, max: 5 }
    );
    assert_eq!(err(d.set_answer(&survey, "going", Answer::Text("7".into()))), AnswerError::WrongKind);
    assert_eq!(
        err(d.set_answer(&survey, "top3", Answer::List(vec!["respect".into(), "skilled".into()]))),
        AnswerError::WrongCount { expected: 3 }
    );
    assert_eq!(
        err(d.set_answer(&survey, "top3", Answer::List(vec!["respect".into(), "respect".into(), "decide".into()]))),
        AnswerError::DuplicateOption("respect".into())
    );
    assert_eq!(
        err(d.set_answer(&survey, "most_important", Answer::Text("x".repeat(1001)))),
        AnswerError::TooLong { max: 1000 }
    );
    assert_eq!(err(d.set_answer(&survey, "most_important", Answer::Text("   ".into()))), AnswerError::Empty);
    assert_eq!(err(d.set_answer(&survey, "thanks_note", Answer::Declined)), AnswerError::NotAnswerable);
    assert_eq!(d.set_answer(&survey, "nope", Answer::Declined), Err(DraftError::UnknownQuestion("nope".into())));
    // Characters, not bytes: 1000 "ø" are allowed.
    assert_eq!(d.set_answer(&survey, "most_important", Answer::Text("ø".repeat(1000))), Ok(()));
    assert!(d.answers.len() == 1, "refused answers leave nothing behind");
}

#[test]
fn multi_respects_max_choices() {
    let survey = parse_survey_value(survey_with(json!([
        {"id": "m", "type": "multi", "prompt": {"en": "M"}, "options": opts(&["a", "b", "c"]), "max_choices": 2}
    ])))
    .unwrap();
    let mut d = Draft::new(&survey, "en", 0);
    let three = Answer::List(vec!["a".into(), "b".into(), "c".into()]);
    assert_eq!(d.set_answer(&survey, "m", three), Err(DraftError::Answer(AnswerError::TooManyChoices { max: 2 })));
    assert_eq!(d.set_answer(&survey, "m", Answer::List(vec![])), Err(DraftError::Answer(AnswerError::Empty)));
    assert_eq!(d.set_answer(&survey, "m", Answer::List(vec!["a".into(), "c".into()])), Ok(()));
}

#[test]
fn navigation_skips_hidden_questions_and_stops_at_required_ones() {
    let survey = parse_survey(EXAMPLE).unwrap();
    let mut d = Draft::new(&survey, "nb", 0);
    assert_eq!(d.next_place(&survey, &Place::Intro), Ok(q("most_important")));
    assert_eq!(d.next_place(&survey, &q("most_important")), Ok(q("areas")));
    // housing_safe is hidden until "housing" is chosen.
    assert_eq!(d.next_place(&survey, &q("areas")), Ok(q("top3")));
    d.set_answer(&survey, "areas", Answer::List(vec!["housing".into()])).unwrap();
    assert_eq!(d.next_place(&survey, &q("areas")), Ok(q("housing_safe")));
    assert_eq!(d.previous_place(&survey, &q("top3")), q("housing_safe"));
    assert_eq!(d.previous_place(&survey, &q("most_important")), Place::Intro);
    // help_with_it is required: neither answered nor declined blocks "next".
    assert_eq!(d.next_place(&survey, &q("help_with_it")), Err(DraftError::RequiredUnanswered("help_with_it".into())));
    d.set_answer(&survey, "help_with_it", Answer::Declined).unwrap();
    // visits is hidden (helpers_know unanswered and help_with_it is not "agree").
    assert_eq!(d.next_place(&survey, &q("help_with_it")), Ok(q("thanks_note")));
    assert_eq!(d.next_place(&survey, &q("listened_today")), Ok(Place::Review));
    assert_eq!(d.previous_place(&survey, &Place::Review), q("listened_today"));
}

#[test]
fn progress_counts_the_questions_that_can_still_be_shown() {
    let survey = parse_survey(EXAMPLE).unwrap();
    let mut d = Draft::new(&survey, "nb", 0);
    // Nothing answered yet: each of the 11 questions may still be shown.
    assert_eq!(d.progress(&survey, "most_important"), Some((1, 11)));
    assert_eq!(d.progress(&survey, "areas"), Some((2, 11)));
    // Past "areas" without an answer, "housing_safe" can no longer be shown.
    assert_eq!(d.progress(&survey, "top3"), Some((3, 10)));
    // At the end, everything before is settled: the same count as the questions shown.
    assert_eq!(d.progress(&survey, "listened_today"), Some((8, 8)));
    assert_eq!(d.visible_ids(&survey).len(), 8);
    d.set_answer(&survey, "areas", Answer::List(vec!["housing".into()])).unwrap();
    assert_eq!(d.progress(&survey, "housing_safe"), Some((3, 11)));
    assert_eq!(d.progress(&survey, "top3"), Some((4, 11)));
    // "going" is ahead of "top3", so "more_help" may still come; once "going" is 5, it cannot.
    d.set_answer(&survey, "going", Answer::Number(5)).unwrap();
    assert_eq!(d.progress(&survey, "helpers_know"), Some((6, 10)));
    assert_eq!(d.progress(&survey, "visits"), None);
}

/// A survey whose every question after the first is shown only when the one before is "yes".
fn chain(length: usize) -> lytt_core::Survey {
    let mut survey: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap();
    let languages: Vec<String> = serde_json::from_value(survey["languages"].clone()).unwrap();
    let text = |words: &str| -> serde_json::Value { languages.iter().map(|l| (l.clone(), json!(words))).collect() };
    let questions: Vec<serde_json::Value> = (0..length)
        .map(|i| {
            let mut question = json!({
                "id": format!("q{i}"),
                "type": "single",
                "prompt": text(&format!("Question {i}?")),
                "options": [{"id": "yes", "label": text("Yes")}, {"id": "no", "label": text("No")}],
            });
            if i > 0 {
                question["show_if"] = json!({"question": format!("q{}", i - 1), "equals": "yes"});
            }
            question
        })
        .collect();
    survey["questions"] = json!(questions);
    survey.as_object_mut().unwrap().remove("indicator");
    parse_survey(&survey.to_string()).unwrap()
}

#[test]
fn on_a_long_chain_of_conditions_the_total_only_shrinks() {
    let survey = chain(20);
    let mut d = Draft::new(&survey, "en", 0);
    assert_eq!(d.progress(&survey, "q0"), Some((1, 20)));
    for i in 0..5 {
        d.set_answer(&survey, &format!("q{i}"), Answer::Text("yes".into())).unwrap();
        assert_eq!(d.progress(&survey, &format!("q{}", i + 1)), Some((i + 2, 20)));
    }
    // "No" ends the chain: nothing more can be shown, and the survey is done.
    d.set_answer(&survey, "q5", Answer::Text("no".into())).unwrap();
    assert_eq!(d.next_place(&survey, &q("q5")), Ok(Place::Review));
    assert_eq!(d.progress(&survey, "q5"), Some((6, 6)));
}

proptest::proptest! {
    /// Whatever a person answers (or skips), going forward, the number shown never goes back
    /// and the total never grows.
    #[test]
    fn going_forward_the_number_rises_and_the_total_never_grows(
        choices in proptest::collection::vec(0u8..3, 40),
        example in proptest::bool::ANY,
    ) {
        let survey = if example { parse_survey(EXAMPLE).unwrap() } else { chain(12) };
        let mut d = Draft::new(&survey, "en", 0);
        let mut place = d.next_place(&survey, &Place::Intro).unwrap();
        let mut last: Option<(usize, usize)> = None;
        let mut choices = choices.into_iter();
        while let Place::Question(id) = place.clone() {
            let (number, total) = d.progress(&survey, &id).unwrap();
            if let Some((last_number, last_total)) = last {
                proptest::prop_assert_eq!(number, last_number + 1);
                proptest::prop_assert!(total <= last_total, "{} grew to {}", last_total, total);
            }
            proptest::prop_assert!(number <= total);
            last = Some((number, total));
            let question = survey.question(&id).unwrap();
            let pick = choices.next().unwrap_or(0);
            let answer = match &question.kind {
                lytt_core::QuestionKind::Single { options } => {
                    options.get(pick as usize).map(|o| Answer::Text(o.id.clone()))
                }
                lytt_core::QuestionKind::Multi { options, .. } => {
                    options.get(pick as usize).map(|o| Answer::List(vec![o.id.clone()]))
                }
                lytt_core::QuestionKind::Scale { .. } | lytt_core::QuestionKind::Smiley { .. } => {
                    Some(Answer::Number(i64::from(pick) + 3))
                }
                _ => None,
            };
            if let Some(answer) = answer {
                if question.check(&answer).is_ok() {
                    d.set_answer(&survey, &id, answer).unwrap();
                }
            } else if question.required {
                d.set_answer(&survey, &id, Answer::Declined).unwrap();
            }
            place = d.next_place(&survey, &place).unwrap();
        }
        // The end may come sooner than the total said (an answer still to come decided it),
        // never later.
    }
}

#[test]
fn finishing_makes_the_contract_record() {
    let survey = parse_survey(EXAMPLE).unwrap();
    let mut d = Draft::new(&survey, "sv", 0);
    d.set_answer(&survey, "areas", Answer::List(vec!["housing".into(), "money".into()])).unwrap();
    d.set_answer(&survey, "going", Answer::Number(3)).unwrap();
    d.set_answer(&survey, "help_with_it", Answer::Text("agree".into())).unwrap();
    d.set_answer(&survey, "visits", Answer::Declined).unwrap();
    let record = d.finish(&survey, completion(Status::Complete)).unwrap();
    let value: serde_json::Value = serde_json::from_str(&record.to_json()).unwrap();
    assert_eq!(
        value,
        json!({
            "format": "lytt-response/1",
            "survey": "hva-er-viktig",
            "survey_version": "2026-11-22",
            "response": "abababababababababababababababab",
            "language": "sv",
            "mode": "personal",
            "completed": "2026-W47",
            "status": "complete",
            "answers": {"areas": ["housing", "money"], "going": 3, "help_with_it": "agree", "visits": {"declined": true}}
        })
    );
}

#[test]
fn a_complete_record_needs_required_answers_but_a_partial_does_not() {
    let survey = parse_survey(EXAMPLE).unwrap();
    let d = Draft::new(&survey, "nb", 0);
    assert_eq!(
        d.finish(&survey, completion(Status::Complete)),
        Err(DraftError::RequiredUnanswered("help_with_it".into()))
    );
    let partial = d.finish(&survey, completion(Status::Partial)).unwrap();
    assert_eq!(partial.status, Status::Partial);
    assert!(partial.answers.is_empty());
}

#[test]
fn day_precision_and_unknown_language() {
    let mut v = example_value();
    v["privacy"]["date_precision"] = json!("day");
    let survey = lytt_core::validate::parse_survey_value(v).unwrap();
    let mut d = Draft::new(&survey, "ar", 0);
    assert_eq!(d.language, "nb", "a language the survey lacks falls back to its default");
    d.set_answer(&survey, "help_with_it", Answer::Text("neutral".into())).unwrap();
    let record = d.finish(&survey, completion(Status::Complete)).unwrap();
    assert_eq!(record.completed, "2026-11-22");
    assert_eq!(record.language, "nb");
}

#[test]
fn a_stored_draft_survives_serialisation_and_is_reconciled_with_a_changed_survey() {
    let survey = parse_survey(EXAMPLE).unwrap();
    let mut d = Draft::new(&survey, "en", 100);
    d.set_answer(&survey, "areas", Answer::List(vec!["housing".into()])).unwrap();
    d.set_answer(&survey, "housing_safe", Answer::Text("partly".into())).unwrap();
    d.set_answer(&survey, "top3", Answer::Declined).unwrap();
    d.place = q("housing_safe");
    let stored = serde_json::to_string(&d).unwrap();
    let mut back: Draft = serde_json::from_str(&stored).unwrap();
    assert_eq!(back, d);

    // The owner removes the "partly" option and the "top3" question.
    let mut v = example_value();
    v["version"] = json!("2026-12-01");
    v["questions"][2]["options"].as_array_mut().unwrap().remove(1);
    v["questions"].as_array_mut().unwrap().remove(3);
    let changed = lytt_core::validate::parse_survey_value(v).unwrap();
    assert_eq!(back.reconcile(&changed), 2);
    assert_eq!(back.answers.len(), 1);
    assert_eq!(back.place, q("housing_safe"));
    assert_eq!(back.survey_version, "2026-12-01");
}

#[test]
fn drafts_expire_after_fourteen_days() {
    let survey = parse_survey(EXAMPLE).unwrap();
    let d = Draft::new(&survey, "nb", 1000);
    assert!(!d.is_expired(1000 + DRAFT_MAX_AGE_DAYS));
    assert!(d.is_expired(1000 + DRAFT_MAX_AGE_DAYS + 1));
}

#[test]
fn a_stored_drafts_stamp_reads_its_survey_and_age_and_only_whole_json() {
    let survey = parse_survey(EXAMPLE).unwrap();
    let mut d = Draft::new(&survey, "nb", 1000);
    d.set_answer(&survey, "helpers_know", Answer::Number(4)).unwrap();
    let stored = serde_json::to_string(&d).unwrap();
    let stamp: DraftStamp = serde_json::from_str(&stored).unwrap();
    assert_eq!(stamp, DraftStamp { survey: d.survey.clone(), updated_day: 1000 });
    for day in [1000, 1000 + DRAFT_MAX_AGE_DAYS, 1000 + DRAFT_MAX_AGE_DAYS + 1] {
        assert_eq!(stamp.is_expired(day), d.is_expired(day));
    }
    // Cut off, or not a draft at all: set aside at start as before.
    assert!(serde_json::from_str::<DraftStamp>(&stored[..stored.len() - 2]).is_err());
    assert!(serde_json::from_str::<DraftStamp>("\"just a string\"").is_err());
}

#[test]
fn clearing_an_answer_hides_what_depended_on_it() {
    let survey = parse_survey(EXAMPLE).unwrap();
    let mut d = Draft::new(&survey, "nb", 0);
    d.set_answer(&survey, "helpers_know", Answer::Number(4)).unwrap();
    d.set_answer(&survey, "visits", Answer::Number(2)).unwrap();
    d.clear_answer(&survey, "helpers_know");
    assert!(!d.answers.contains_key("visits"));
}

#[test]
fn places_are_stored_as_plain_strings() {
    assert_eq!(serde_json::to_string(&Place::Intro).unwrap(), "\"intro\"");
    assert_eq!(serde_json::to_string(&Place::Review).unwrap(), "\"review\"");
    assert_eq!(serde_json::to_string(&q("top3")).unwrap(), "\"q:top3\"");
    assert_eq!(serde_json::from_str::<Place>("\"q:going\"").unwrap(), q("going"));
    assert!(serde_json::from_str::<Place>("\"somewhere\"").is_err());
    assert!(serde_json::from_str::<Place>("{\"at\":\"intro\"}").is_err());
}

#[test]
fn a_returning_person_continues_where_they_were_or_at_the_first_question() {
    let survey = lytt_core::parse_survey(EXAMPLE).unwrap();
    let mut draft = lytt_core::Draft::new(&survey, "nb", 0);
    let first = draft.next_place(&survey, &Place::Intro).unwrap();
    assert_eq!(draft.resume_place(&survey), first, "not started: the first shown question");
    draft.place = Place::Review;
    assert_eq!(draft.resume_place(&survey), Place::Review);
}
