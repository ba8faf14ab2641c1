//! Whether a record's answers fit the survey it is counted against.

mod common;

use common::*;
use lytt_core::{parse_survey, Answer, AnswerError, DeviceKind, Misfit, Status};

fn record(answers: &[(&str, Answer)]) -> lytt_core::Response {
    finished_example(7, "nb", answers, DeviceKind::Own, Status::Partial)
}

fn full() -> lytt_core::Response {
    record(&[
        ("most_important", Answer::Text("Et sted å bo".into())),
        ("areas", Answer::List(vec!["housing".into()])),
        ("housing_safe", Answer::Text("partly".into())),
        ("going", Answer::Number(3)),
        ("helpers_know", Answer::Number(4)),
        ("visits", Answer::Number(2)),
        ("listened_today", Answer::Declined),
    ])
}

#[test]
fn a_record_the_app_made_fits() {
    let survey = parse_survey(EXAMPLE).unwrap();
    assert_eq!(full().fits(&survey), Ok(()));
    assert_eq!(record(&[]).fits(&survey), Ok(()));
}

#[test]
fn forged_answers_do_not_fit_and_say_why() {
    let survey = parse_survey(EXAMPLE).unwrap();
    let forge = |question: &str, answer: Answer| {
        let mut r = full();
        r.answers.insert(question.to_string(), answer);
        r.fits(&survey)
    };
    assert_eq!(forge("nope", Answer::Number(1)), Err(Misfit::UnknownQuestion("nope".into())));
    assert_eq!(
        forge("housing_safe", Answer::Text("mansion".into())),
        Err(Misfit::Answer { question: "housing_safe".into(), error: AnswerError::UnknownOption("mansion".into()) })
    );
    assert_eq!(
        forge("going", Answer::Number(11)),
        Err(Misfit::Answer { question: "going".into(), error: AnswerError::OutOfRange { min: 0, max: 10 } })
    );
    assert_eq!(
        forge("going", Answer::Text("ten".into())),
        Err(Misfit::Answer { question: "going".into(), error: AnswerError::WrongKind })
    );
    assert_eq!(
        forge("thanks_note", Answer::Declined),
        Err(Misfit::Answer { question: "thanks_note".into(), error: AnswerError::NotAnswerable })
    );
    assert_eq!(
        forge("top3", Answer::List(vec!["respect".into()])),
        Err(Misfit::Answer { question: "top3".into(), error: AnswerError::WrongCount { expected: 3 } })
    );
}

#[test]
fn an_answer_that_the_other_answers_hide_does_not_fit() {
    let survey = parse_survey(EXAMPLE).unwrap();
    // "housing_safe" is shown only when "areas" includes housing.
    let mut r = full();
    r.answers.insert("areas".into(), Answer::List(vec!["work".into()]));
    assert_eq!(r.fits(&survey), Err(Misfit::Hidden("housing_safe".into())));
}

#[test]
fn a_record_of_another_survey_does_not_fit() {
    let survey = parse_survey(EXAMPLE).unwrap();
    let mut r = full();
    r.survey = "other".into();
    assert_eq!(r.fits(&survey), Err(Misfit::OtherSurvey("other".into())));
}

#[test]
fn a_record_made_for_another_version_fits_while_its_answers_do() {
    let survey = parse_survey(EXAMPLE).unwrap();
    let mut r = full();
    r.survey_version = "2020-01-01".into();
    assert_eq!(r.fits(&survey), Ok(()));
}

#[test]
fn misfits_are_set_apart_from_what_is_counted() {
    let survey = parse_survey(EXAMPLE).unwrap();
    let mut forged = finished_example(8, "nb", &[], DeviceKind::Own, Status::Partial);
    forged.answers.insert("areas".into(), Answer::List(vec!["yachts".into()]));
    let mut opened = lytt_core::bundle::Opened::default();
    opened.add_result("a.lytt.json", 0, Ok(full()));
    opened.add_result("a.lytt.json", 1, Ok(forged.clone()));
    opened.set_apart_misfits(&survey);
    assert_eq!(opened.responses, vec![full()]);
    assert_eq!(opened.misfits.len(), 1);
    assert_eq!(opened.misfits[0].0, forged.response);
    assert_eq!(opened.misfits[0].1.to_string(), "question \"areas\": \"yachts\" is not an option of this question");
}
