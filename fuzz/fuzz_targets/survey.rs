//! Any bytes as a survey file: validation gives a survey or a list of problems, never a panic;
//! and a survey that validates can be walked from start to review, declining every question.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lytt_core::{parse_survey, Answer, Draft, Place};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(survey) = parse_survey(text) else { return };
    let mut draft = Draft::new(&survey, &survey.default_language, 0);
    let mut place = draft.next_place(&survey, &Place::Intro).expect("the start always leads on");
    let mut steps = 0;
    while let Place::Question(id) = place.clone() {
        if survey.question(&id).is_some_and(|q| q.is_answerable()) {
            draft.set_answer(&survey, &id, Answer::Declined).expect("declining is always allowed");
        }
        place = draft.next_place(&survey, &place).expect("a declined question never blocks");
        steps += 1;
        assert!(steps <= survey.questions.len());
    }
    assert_eq!(place, Place::Review);
});
