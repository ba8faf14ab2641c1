//! Reading survey files: the contract example, and every kind of problem, all at once.

mod common;

use common::*;
use lytt_core::{parse_survey, DatePrecision, OnIdle, QuestionKind};
use serde_json::json;

#[test]
fn the_contract_example_loads_unchanged() {
    let survey = parse_survey(EXAMPLE).expect("the example must load");
    assert_eq!(survey.id, "hva-er-viktig");
    assert_eq!(survey.languages, ["nb", "en", "sv"]);
    assert_eq!(survey.questions.len(), 11);
    assert_eq!(survey.privacy.date_precision, DatePrecision::Week);
    assert_eq!(survey.kiosk.on_idle, OnIdle::Discard);
    assert_eq!(survey.kiosk.idle_seconds, 60);
    assert!(matches!(survey.questions[3].kind, QuestionKind::Ranking { pick: 3, .. }));
    assert!(matches!(survey.questions[9].kind, QuestionKind::Info));
    assert!(survey.questions[7].required);
    let indicator = survey.indicator.as_ref().expect("indicator");
    assert_eq!(indicator.positive, ["agree", "strongly_agree"]);
}

#[test]
fn defaults_fill_in_optional_sections() {
    let survey = lytt_core::validate::parse_survey_value(survey_with(json!([
        {"id": "a", "type": "text", "prompt": {"en": "A"}}
    ])))
    .expect("valid");
    assert_eq!(survey.privacy.min_group_size, 5);
    assert_eq!(survey.kiosk.warning_seconds, 15);
    assert_eq!(survey.kiosk.thank_you_seconds, 8);
    assert!(survey.submit_url.is_none());
}

#[test]
fn not_json_and_not_an_object() {
    let e = parse_survey("{ nope").unwrap_err();
    assert_eq!(e.0.len(), 1);
    assert!(e.0[0].message.starts_with("the file is not valid JSON (line 1"), "{}", e);
    let e = parse_survey("[1, 2]").unwrap_err();
    assert_eq!(e.to_string(), "the file must hold a JSON object");
}

#[test]
fn unknown_or_missing_format() {
    let mut v = example_value();
    v["format"] = json!("lytt-survey/2");
    assert_eq!(
        problems(v),
        ["format: \"lytt-survey/2\" is not a survey format this app reads; it reads \"lytt-survey/1\""]
    );
    let mut v = example_value();
    v["format"] = json!(1);
    assert_eq!(problems(v), ["format: must be the text \"lytt-survey/1\""]);
    let mut v = example_value();
    v.as_object_mut().unwrap().remove("format");
    assert_eq!(problems(v).len(), 1);
}

#[test]
fn structural_problems_in_several_questions_are_all_reported() {
    let v = survey_with(json!([
        {"id": "a", "type": "single", "prompt": {"en": "A"}},
        {"id": "b", "type": "teleport", "prompt": {"en": "B"}},
        {"id": "c", "type": "scale", "prompt": {"en": "C"}, "min": "zero", "max": 4}
    ]));
    let p = problems(v);
    assert_eq!(p.len(), 3, "{p:#?}");
    assert_eq!(p[0], "questions[0]: the field \"options\" is missing");
    assert_eq!(
        p[1],
        "questions[1].type: \"teleport\" is not a question type: use single, multi, ranking, scale, smiley, number, text or info"
    );
    assert_eq!(p[2], "questions[2].min: must be a whole number, not a text");
}

#[test]
fn structural_problems_anywhere_are_all_reported_with_full_paths() {
    let mut v = example_value();
    v["title"]["sv"] = json!(7);
    v["privacy"]["date_precision"] = json!("hour");
    v["kiosk"] = json!({"on_idle": "sleep", "idle_seconds": -1});
    v["questions"][1]["options"][3] = json!({"id": "money"});
    v["questions"][5]["show_if"]["all"][0]["at_most"] = json!("four");
    v["questions"][7]["required"] = json!("yes");
    v["indicator"]["target"] = json!("70%");
    let p = problems(v);
    assert_eq!(
        p,
        [
            "title.sv: must be a text in quotes, not a number",
            "privacy.date_precision: \"hour\" is not a precision: use \"day\" or \"week\"",
            "kiosk.idle_seconds: must be a whole number of 0 or more (not too large), not a number",
            "kiosk.on_idle: \"sleep\" is not allowed: use \"discard\" or \"keep\"",
            "indicator.target: must be a number, not a text",
            "questions[1].options[3]: the field \"label\" is missing",
            "questions[5].show_if.all[0].at_most: must be a whole number, not a text",
            "questions[7].required: must be true or false, not a text",
        ]
    );
}

#[test]
fn every_semantic_problem_at_once_with_paths() {
    let mut v = survey_with(json!([
        {"id": "Bad Id", "type": "text", "prompt": {"en": "A"}},
        {"id": "dup", "type": "single", "prompt": {"en": "B"}, "options": opts(&["x", "x"])},
        {"id": "dup", "type": "number", "prompt": {}, "min": 5, "max": 1},
        {"id": "s", "type": "scale", "prompt": {"en": "S"}, "min": 3, "max": 3},
        {"id": "f", "type": "smiley", "prompt": {"en": "F"}, "points": 4},
        {"id": "m", "type": "multi", "prompt": {"en": "M"}, "options": opts(&["a", "b"]), "max_choices": 3},
        {"id": "r", "type": "ranking", "prompt": {"en": "R"}, "options": opts(&["a", "b"]), "pick": 0},
        {"id": "t", "type": "text", "prompt": {"en": "T"}, "max_length": 0},
        {"id": "i", "type": "info", "prompt": {"en": "I"}, "required": true}
    ]));
    v["id"] = json!("Not-OK");
    v["languages"] = json!(["en", "x1"]);
    v["recipient"] = json!("age1notakey");
    v["privacy"] = json!({"min_group_size": 1});
    v["kiosk"] = json!({"idle_seconds": 0});
    v["submit_url"] = json!("http://example.invalid/inbox");
    let p = problems(v);
    let expect = [
        "id: \"Not-OK\" is not a valid survey id",
        "languages[1]: \"x1\" is not a language tag",
        "title: has no text in \"x1\"",
        "recipient: \"age1notakey\" is not an age X25519 recipient",
        "privacy.min_group_size: must be at least 2",
        "kiosk.idle_seconds: 0 is out of range",
        "submit_url: \"http://example.invalid/inbox\" must be an https URL",
        "questions[0].id: \"Bad Id\" is not a valid question id",
        "questions[1].options[1].id: \"x\" is used by an earlier option",
        "questions[2].id: \"dup\" is used by an earlier question",
        "questions[2].prompt: has no text in \"en\"",
        "questions[2]: min (5) must not be more than max (1)",
        "questions[3]: min (3) must be less than max (3)",
        "questions[4].points: 4 is not allowed",
        "questions[5].max_choices: 3 is out of range: use 1 to 2",
        "questions[6].pick: 0 is out of range",
        "questions[7].max_length: 0 is out of range",
        "questions[8].required: an info screen cannot be required",
    ];
    for e in expect {
        assert!(p.iter().any(|line| line.starts_with(e)), "missing {e:?} in {p:#?}");
    }
}

#[test]
fn missing_translations_anywhere_are_reported() {
    let mut v = example_value();
    v["questions"][1]["options"][2]["label"].as_object_mut().unwrap().remove("sv");
    v["indicator"]["label"].as_object_mut().unwrap().remove("en");
    v["questions"][4]["min_label"]["nb"] = json!(" ");
    let p = problems(v);
    assert_eq!(
        p,
        [
            "questions[1].options[2].label: has no text in \"sv\"",
            "questions[4].min_label.nb: is empty",
            "indicator.label: has no text in \"en\"",
        ]
    );
}

#[test]
fn default_language_must_be_listed_and_text_may_not_add_languages() {
    let mut v = example_value();
    v["default_language"] = json!("de");
    v["title"]["de"] = json!("Was ist dir wichtig?");
    let p = problems(v);
    assert_eq!(
        p,
        [
            "default_language: \"de\" is not one of the survey's languages",
            "title.de: \"de\" is not one of the survey's languages"
        ]
    );
}

#[test]
fn indicator_must_name_a_single_question_and_its_options() {
    let mut v = example_value();
    v["indicator"]["question"] = json!("areas");
    v["indicator"]["target"] = json!(70);
    let p = problems(v);
    assert_eq!(
        p,
        [
            "indicator.target: must be a share from 0 to 1, such as 0.7",
            "indicator.question: \"areas\" is a multi question; the indicator needs a single question"
        ]
    );
    let mut v = example_value();
    v["indicator"]["positive"] = json!(["agree", "yes_please"]);
    assert_eq!(problems(v), ["indicator.positive[1]: \"yes_please\" is not an option of \"help_with_it\""]);
}

#[test]
fn submit_url_allows_https_and_loopback_http() {
    for (url, ok) in [
        ("https://inbox.example.org/lytt", true),
        ("http://127.0.0.1:8787/inbox", true),
        ("http://localhost:9/x", true),
        ("http://[::1]:8080/", true),
        ("http://10.0.0.1/", false),
        ("ftp://x", false),
        ("https://", false),
    ] {
        let mut v = example_value();
        v["submit_url"] = json!(url);
        assert_eq!(problems(v).is_empty(), ok, "{url}");
    }
}

#[test]
fn shared_computer_timings_have_defaults_and_limits() {
    let survey = parse_survey(EXAMPLE).unwrap();
    assert_eq!((survey.shared.idle_seconds, survey.shared.warning_seconds), (300, 30));
    let mut v = example_value();
    v["shared"] = json!({"idle_seconds": 5, "warning_seconds": 3});
    let survey = lytt_core::validate::parse_survey_value(v).unwrap();
    assert_eq!((survey.shared.idle_seconds, survey.shared.warning_seconds), (5, 3));
    let mut v = example_value();
    v["shared"] = json!({"idle_seconds": 0, "warning_seconds": "soon"});
    let found = problems(v);
    assert!(found.iter().any(|p| p.starts_with("shared.warning_seconds")), "{found:?}");
    let mut v = example_value();
    v["shared"] = json!({"idle_seconds": 0});
    assert_eq!(problems(v), vec!["shared.idle_seconds: 0 is out of range: use 1 to 3600 seconds"]);
}

#[test]
fn recordings_and_pictures_are_read_and_listed_once() {
    let survey = lytt_core::validate::parse_survey_value(survey_with(json!([
        {"id": "home", "type": "single", "prompt": {"en": "Where do you live?"},
         "audio": {"en": "media/home-en.mp3"},
         "options": [
            {"id": "flat", "label": {"en": "A flat"}, "audio": {"en": "media/flat-en.mp3"},
             "image": {"src": "media/flat.webp", "alt": {"en": "A block of flats"}}},
            {"id": "house", "label": {"en": "A house"}, "audio": {"en": "media/house-en.mp3"},
             "image": {"src": "media/flat.webp", "alt": {"en": "The same picture again"}}}
         ]},
        {"id": "why", "type": "text", "prompt": {"en": "Why?"}, "audio": {"en": "why.ogg"}}
    ])))
    .expect("valid");
    assert_eq!(
        survey.media_files(),
        ["media/home-en.mp3", "media/flat-en.mp3", "media/house-en.mp3", "media/flat.webp", "why.ogg"]
    );
    assert_eq!(survey.media_files_in("en"), survey.media_files());
    assert_eq!(survey.media_files_in("nb"), ["media/flat.webp"], "pictures, whatever the language");
    let flat = &survey.questions[0].kind.options()[0];
    assert_eq!(flat.image.as_ref().map(|p| p.alt["en"].as_str()), Some("A block of flats"));
    assert_eq!(lytt_core::media_address("surveys/t.json", "media/flat.webp"), "surveys/media/flat.webp");
    assert_eq!(lytt_core::media_address("t.json", "why.ogg"), "why.ogg");
}

#[test]
fn recordings_and_pictures_are_files_next_to_the_survey_with_alt_text_in_every_language() {
    let mut value = survey_with(json!([
        {"id": "home", "type": "single", "prompt": {"en": "Where?", "nb": "Hvor?"},
         "audio": {"en": "../secret.mp3", "nb": "home-nb.mp3", "de": "home-de.mp3"},
         "options": [
            {"id": "flat", "label": {"en": "Flat", "nb": "Leilighet"}, "audio": {"en": "flat.exe"},
             "image": {"src": "https://elsewhere.example/flat.png", "alt": {"en": "Flats"}}},
            {"id": "house", "label": {"en": "House", "nb": "Hus"}, "audio": {"en": "house.mp3", "nb": "hus.mp3"},
             "image": {"src": "house.svg"}}
         ]},
        {"id": "order", "type": "ranking", "pick": 1, "prompt": {"en": "Order", "nb": "Rekkefølge"},
         "options": [
            {"id": "a", "label": {"en": "A", "nb": "A"}, "image": {"src": "a.png", "alt": {"en": "A", "nb": "A"}}},
            {"id": "b", "label": {"en": "B", "nb": "B"}}
         ]}
    ]));
    value["languages"] = json!(["en", "nb"]);
    value["title"] = json!({"en": "T", "nb": "T"});
    let found = problems(value.clone());
    // A picture without its alt text is a missing field: nothing else is checked until it is there.
    assert_eq!(found, ["questions[0].options[1].image: the field \"alt\" is missing"]);

    value["questions"][0]["options"][1]["image"]["alt"] = json!({"en": "A house", "nb": " "});
    let found = problems(value);
    let expected = [
        "questions[0].audio.de: \"de\" is not one of the survey's languages",
        "questions[0].audio.de: \"home-de.mp3\"",
        "questions[0].audio.en: \"../secret.mp3\" is not a recording's file name",
        "questions[0].options[0].audio.en: \"flat.exe\" is not a recording's file name",
        "questions[0].options[0].audio: has no recording in \"de\", which its question has",
        "questions[0].options[0].audio: has no recording in \"nb\", which its question has",
        "questions[0].options[0].image.src: \"https://elsewhere.example/flat.png\" is not a picture's file name",
        "questions[0].options[0].image.alt: has no text in \"nb\"",
        "questions[0].options[1].audio: has no recording in \"de\", which its question has",
        "questions[0].options[1].image.alt.nb: is empty",
        "questions[1].options[0].image: a ranking question shows no pictures",
    ];
    for line in expected {
        // "de" is both outside the survey's languages and a good file name: only the first holds.
        if line.ends_with("\"home-de.mp3\"") {
            assert!(!found.iter().any(|f| f.starts_with(line)), "{found:#?}");
            continue;
        }
        assert!(found.iter().any(|f| f.starts_with(line)), "missing {line:?} in {found:#?}");
    }
    assert_eq!(found.len(), expected.len() - 1, "{found:#?}");
}
