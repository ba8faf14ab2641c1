//! The survey builder's domain: every starter survey and the contract example come out of the
//! builder unchanged in meaning; changes are undone and redone; the checks are those of
//! `lytt validate`; advice, breaking changes, versions and the index.
#![cfg(feature = "builder")]

mod common;

use std::path::PathBuf;

use common::*;
use lytt_core::builder::{
    advice, changes, empty_survey, new_option, new_question, options_mut, problems, publish, set_language,
    suggest_version, updated_index, AdviceKind, Break, Builder, QUESTION_TYPES,
};
use lytt_core::{parse_catalog, parse_survey, TEST_RECIPIENT};

fn starter_surveys() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../surveys");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json") && !p.ends_with("index.json"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().to_string(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    out.push(("survey-example.json".into(), EXAMPLE.to_string()));
    out
}

#[test]
fn a_survey_opened_and_published_unchanged_means_the_same_and_keeps_its_ids() {
    for (name, text) in starter_surveys() {
        let survey = parse_survey(&text).unwrap();
        let builder = Builder::new(survey.clone(), true);
        // Kept between visits as JSON, read back with serde.
        let kept: Builder = serde_json::from_str(&serde_json::to_string(&builder).unwrap()).unwrap();
        let published = publish(&kept.survey);
        let again = parse_survey(&published).unwrap_or_else(|e| panic!("{name}:\n{e}"));
        assert_eq!(again, survey, "{name}");
        assert!(problems(&again).is_empty(), "{name}");
        assert_eq!(changes(kept.opened.as_ref().unwrap(), &again), Default::default());
    }
}

#[test]
fn every_change_is_undone_and_redone_and_a_change_that_changes_nothing_is_no_step() {
    let mut b = Builder::new(empty_survey("ny", "nb", "1"), false);
    assert!(!b.can_undo());
    assert!(!b.edit(|s| s.id = "ny".into()));
    assert!(!b.can_undo());
    for type_name in QUESTION_TYPES {
        assert!(b.edit(|s| {
            let q = new_question(s, type_name);
            s.questions.push(q);
        }));
    }
    let ids: Vec<&str> = b.survey.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8"]);
    let full = b.survey.clone();
    b.edit(|s| {
        s.questions.remove(0);
    });
    assert_eq!(b.survey.questions.len(), 7);
    assert!(b.undo());
    assert_eq!(b.survey, full, "delete is undone");
    assert!(b.redo());
    assert_eq!(b.survey.questions.len(), 7);
    // A new question after a deletion takes the first free id; options keep theirs.
    b.edit(|s| {
        let q = new_question(s, "single");
        s.questions.push(q);
    });
    assert_eq!(b.survey.questions.last().unwrap().id, "q1");
    b.edit(|s| {
        let survey = s.clone();
        let options = options_mut(&mut s.questions.last_mut().unwrap().kind).unwrap();
        options.remove(0);
        let option = new_option(&survey, options);
        options.push(option);
    });
    let option_ids: Vec<&str> =
        b.survey.questions.last().unwrap().kind.options().iter().map(|o| o.id.as_str()).collect();
    assert_eq!(option_ids, ["option2", "option1"]);
    while b.undo() {}
    assert_eq!(b.survey, empty_survey("ny", "nb", "1"));
}

#[test]
fn the_checks_are_those_of_lytt_validate_and_a_finished_survey_passes() {
    let mut s = empty_survey("ny", "nb", "1");
    let paths: Vec<String> = problems(&s).into_iter().map(|p| p.path).collect();
    assert!(paths.contains(&"title.nb".to_string()), "{paths:?}");
    assert!(paths.contains(&"recipient".to_string()), "{paths:?}");
    s.title.insert("nb".into(), "Hva er viktig for deg?".into());
    s.recipient = TEST_RECIPIENT.into();
    set_language(&mut s, "sv", true);
    let mut q = new_question(&s, "single");
    q.prompt = [("nb".to_string(), "Bor du alene?".to_string())].into();
    s.questions.push(q);
    let paths: Vec<String> = problems(&s).into_iter().map(|p| p.path).collect();
    assert!(paths.contains(&"title.sv".to_string()), "the Swedish title is empty: {paths:?}");
    assert!(paths.contains(&"questions[0].prompt".to_string()), "the Swedish prompt is missing: {paths:?}");
    assert!(paths.iter().any(|p| p.starts_with("questions[0].options[0].label")), "{paths:?}");
    // Every text in both languages: no problem left, and the file passes the strict parser.
    let mut texts = 0;
    for text in lytt_core::builder::texts_mut(&mut s) {
        for language in ["nb", "sv"] {
            text.insert(language.to_string(), format!("tekst {texts}"));
            texts += 1;
        }
    }
    assert!(problems(&s).is_empty(), "{:?}", problems(&s));
    assert_eq!(parse_survey(&publish(&s)).unwrap(), s);
    set_language(&mut s, "sv", false);
    assert!(problems(&s).is_empty(), "removing a language removes its texts");
}

#[test]
fn advice_on_names_long_lists_long_prompts_other_small_groups_and_the_test_key() {
    let mut s = parse_survey(&serde_json::to_string(&survey_with(serde_json::json!([
        {"id": "say", "type": "text", "prompt": {"en": "Anything else?"}},
        {"id": "safe", "type": "text", "prompt": {"en": "And?"}, "help": {"en": "Please do not write names."}},
        {"id": "where", "type": "single", "prompt": {"en": "Where?"}, "options": opts(&["a", "b", "c", "d"])},
        {"id": "where2", "type": "single", "prompt": {"en": "Where?"}, "options": opts(&["a", "b", "c", "other"])},
        {"id": "many", "type": "multi", "prompt": {"en": "Which?"}, "options": opts(&["a", "b", "c", "d", "e", "f", "g", "h_other"])},
        {"id": "agree", "type": "single", "prompt": {"en": "I agree"}, "options": opts(&["agree", "agree_somewhat", "disagree", "dont_know"])}
    ])))
    .unwrap())
    .unwrap();
    s.privacy.min_group_size = 3;
    let found: Vec<(String, AdviceKind)> = advice(&s).into_iter().map(|a| (a.path, a.kind)).collect();
    assert_eq!(
        found,
        [
            ("recipient".to_string(), AdviceKind::TestKey),
            ("privacy.min_group_size".to_string(), AdviceKind::SmallGroups { min_group_size: 3 }),
            ("questions[0].help".to_string(), AdviceKind::NoNameReminder),
            ("questions[2].options".to_string(), AdviceKind::NoOther),
            ("questions[4].options".to_string(), AdviceKind::ManyOptions { count: 8 }),
        ]
    );
    s.questions[1].prompt.insert("en".into(), "x".repeat(201));
    assert!(advice(&s).contains(&lytt_core::builder::Advice {
        path: "questions[1].prompt".into(),
        kind: AdviceKind::LongPrompt { characters: 201 }
    }));
}

#[test]
fn changes_that_break_comparison_with_earlier_rounds_are_found_and_a_version_suggested() {
    let opened = parse_survey(EXAMPLE).unwrap();
    let mut now = opened.clone();
    assert_eq!(changes(&opened, &now), Default::default());
    now.title.insert("nb".into(), "Ny tittel".into());
    assert!(!changes(&opened, &now).questions_changed, "the title is not a question");
    let single = now.questions.iter().position(|q| q.kind.options().len() > 2).unwrap();
    let id = now.questions[single].id.clone();
    let removed = options_mut(&mut now.questions[single].kind).unwrap().remove(0).id;
    let c = changes(&opened, &now);
    assert!(c.questions_changed);
    assert_eq!(c.breaks, [Break::OptionRemoved { question: id.clone(), option: removed }]);
    let info = new_question(&now, "info");
    now.questions[single].kind = info.kind;
    assert_eq!(changes(&opened, &now).breaks, [Break::TypeChanged { question: id }]);

    assert_eq!(suggest_version("2026-11-22", "2026-11-29"), "2026-11-29");
    assert_eq!(suggest_version("2026-11-29", "2026-11-29"), "2026-11-29-2");
    assert_eq!(suggest_version("v3", "2026-11-29"), "v4");
    assert_eq!(suggest_version("vår", "2026-11-29"), "vår-2");
    assert_eq!(suggest_version("1", "2026-11-29"), "1-2");
}

#[test]
fn the_index_gets_the_survey_added_or_replaced() {
    let index =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../surveys/index.json")).unwrap();
    let before = parse_catalog(&index).unwrap();
    let mut s = parse_survey(EXAMPLE).unwrap();
    s.id = "ny-undersokelse".into();
    let added = parse_catalog(&updated_index(Some(&index), &s).unwrap()).unwrap();
    assert_eq!(added.surveys.len(), before.surveys.len() + 1);
    assert_eq!(added.surveys.last().unwrap().title, s.title);
    s.title.insert("nb".into(), "Endret".into());
    let replaced = parse_catalog(&updated_index(Some(&updated_index(Some(&index), &s).unwrap()), &s).unwrap()).unwrap();
    assert_eq!(replaced.surveys.len(), added.surveys.len());
    assert_eq!(replaced.surveys.last().unwrap().title["nb"], "Endret");
    let alone = parse_catalog(&updated_index(None, &s).unwrap()).unwrap();
    assert_eq!(alone.surveys.len(), 1);
    assert!(updated_index(Some("not json"), &s).is_err());
}

#[test]
fn every_text_is_found_read_and_set_and_an_optional_text_left_empty_is_left_out() {
    use lytt_core::builder::TextRef;
    let mut s = parse_survey(EXAMPLE).unwrap();
    let all = TextRef::all(&s);
    assert_eq!(all[0], TextRef::Title);
    assert_eq!(
        all.iter().filter(|t| t.get(&s).is_some()).count(),
        lytt_core::builder::texts_mut(&mut s.clone()).len(),
        "the texts the survey has are those texts_mut changes"
    );
    for text in &all {
        assert!(text.get(&s).is_some() || text.optional(), "{text:?} is missing but not optional");
    }
    let language = s.default_language.clone();
    TextRef::Help(0).set(&mut s, &language, "Skriv ikke navn.".into());
    assert_eq!(TextRef::Help(0).text(&s, &language), "Skriv ikke navn.");
    assert_eq!(TextRef::Help(0).path(), "questions[0].help");
    for l in s.languages.clone() {
        TextRef::Help(0).set(&mut s, &l, "  ".into());
    }
    assert_eq!(s.questions[0].help, None, "a help left empty in every language is no help");
    TextRef::Prompt(0).set(&mut s, &language, String::new());
    assert!(
        problems(&s).iter().any(|p| p.path == format!("questions[0].prompt.{language}")),
        "a prompt stays, empty, and is a problem"
    );
    TextRef::OptionLabel(99, 0).set(&mut s, &language, "x".into());
}

#[test]
fn conditions_made_with_the_pickers_are_valid_and_every_starter_condition_reads_back_as_it_was() {
    use lytt_core::builder::{earlier_questions, tests_for, values_for, ConditionForm, Join, Test};
    for (name, text) in starter_surveys() {
        let survey = parse_survey(&text).unwrap();
        for q in survey.questions.iter().filter(|q| q.show_if.is_some()) {
            let condition = q.show_if.as_ref().unwrap();
            let form = ConditionForm::from_condition(condition).unwrap_or_else(|| panic!("{name} {}", q.id));
            assert_eq!(form.to_condition(&survey).as_ref(), Some(condition), "{name} {}", q.id);
        }
    }
    // Every test and value the pickers offer on every earlier question makes a valid survey.
    let mut survey = parse_survey(EXAMPLE).unwrap();
    let last = survey.questions.len() - 1;
    let mut made = 0;
    for target in earlier_questions(&survey, last).into_iter().cloned().collect::<Vec<_>>() {
        let first = Test::new(&target).unwrap();
        for &kind in tests_for(&target.kind) {
            let test = first.with_kind(&target, kind);
            assert!(test.fits(&target), "{test:?}");
            let values = values_for(&target, kind);
            for value in values.iter().cloned().chain((values.is_empty()).then(|| test.value.clone())) {
                for negated in [false, true] {
                    let test = Test { value: value.clone(), negated, ..test.clone() };
                    let form = ConditionForm { join: Join::Any, tests: vec![test.clone(), test] };
                    survey.questions[last].show_if = form.to_condition(&survey);
                    assert_eq!(problems(&survey), [], "{form:?}");
                    assert_eq!(
                        ConditionForm::from_condition(survey.questions[last].show_if.as_ref().unwrap()),
                        Some(form)
                    );
                    made += 1;
                }
            }
        }
    }
    assert!(made > 20, "{made}");
    // A value out of range or an option a question lacks does not fit.
    let single = survey.questions.iter().find(|q| matches!(q.kind, lytt_core::QuestionKind::Single { .. })).unwrap();
    let wrong = Test { value: "no-such-option".into(), ..Test::new(single).unwrap() };
    assert!(!wrong.fits(single));
    assert_eq!(ConditionForm { join: Join::All, tests: vec![] }.to_condition(&survey), None);
}

#[test]
fn a_renamed_question_is_renamed_in_the_conditions_and_the_indicator_too() {
    use lytt_core::builder::rename_question;
    let mut s = parse_survey(EXAMPLE).unwrap();
    let named: Vec<String> =
        s.questions.iter().filter_map(|q| q.show_if.as_ref()?.named_question().map(str::to_string)).collect();
    let target = s.question_index(&named[0]).unwrap();
    let old = s.questions[target].id.clone();
    rename_question(&mut s, target, "renamed");
    assert!(problems(&s).is_empty(), "{:?}", problems(&s));
    assert!(!serde_json::to_string(&s.questions).unwrap().contains(&format!("\"{old}\"")));
    if let Some(indicator) = s.indicator.clone() {
        let at = s.question_index(&indicator.question).unwrap();
        rename_question(&mut s, at, "headline");
        assert_eq!(s.indicator.as_ref().unwrap().question, "headline");
        assert!(problems(&s).is_empty());
    }
}

#[test]
fn the_translation_sheet_round_trips_and_its_import_says_what_changed_and_what_is_missing() {
    use lytt_core::builder::{import_sheet, missing_texts, translation_sheet, SheetError, TextRef};
    let original = parse_survey(EXAMPLE).unwrap();
    assert!(original.languages.len() >= 2);
    let sheet = translation_sheet(&original);
    assert_eq!(sheet.header[0], "text");
    assert_eq!(sheet.header[1..], original.languages[..]);
    assert!(sheet.rows.iter().any(|r| r[0] == "title"));
    let csv = sheet.to_csv();

    // A language emptied, then brought back by the sheet.
    let language = original.languages[1].clone();
    let mut emptied = original.clone();
    for text in TextRef::all(&original) {
        if text.get(&original).is_some_and(|t| t.contains_key(&language)) && !text.optional() {
            text.set(&mut emptied, &language, String::new());
        }
    }
    assert!(!missing_texts(&emptied).is_empty());
    let report = import_sheet(&mut emptied, &csv).unwrap();
    assert!(!report.changed.is_empty());
    assert!(report.changed.iter().all(|(_, l)| *l == language));
    assert_eq!(report.missing, [], "nothing is missing any more");
    assert_eq!(emptied, original, "the sheet brings every text back");

    // Semicolons, a changed cell with a quote and a line break, a text and a language the
    // survey does not have, and a translator's blank cell.
    let mut s = original.clone();
    let first = &s.languages[0].clone();
    let sheet = format!("text;{first};xx\r\ntitle;\"Ny \"\"tittel\"\"\nmed linje\";\nno.such.text;a;b\r\nintro;;\r\n");
    let report = import_sheet(&mut s, &sheet).unwrap();
    assert_eq!(report.changed, [("title".to_string(), first.clone())]);
    assert_eq!(s.title[first], "Ny \"tittel\"\nmed linje");
    assert_eq!(s.intro, original.intro, "a blank cell changes nothing");
    assert_eq!(report.unknown_texts, ["no.such.text"]);
    assert_eq!(report.unknown_languages, ["xx"]);

    // A text guarded against formulas in the export comes back as it was.
    let mut s = original.clone();
    TextRef::Title.set(&mut s, first, "-5 grader".into());
    let csv = translation_sheet(&s).to_csv();
    assert!(csv.contains("'-5 grader"));
    let mut again = original.clone();
    import_sheet(&mut again, &csv).unwrap();
    assert_eq!(again.title[first], "-5 grader");

    assert_eq!(import_sheet(&mut s.clone(), "text,nb\n\"open"), Err(SheetError::NotCsv));
    assert_eq!(import_sheet(&mut s.clone(), "id,nb\nx,y"), Err(SheetError::NoHeader));
    assert_eq!(import_sheet(&mut s, ""), Err(SheetError::NoHeader));
}

#[test]
fn a_question_from_the_bank_keeps_its_translations_in_the_survey_languages_and_gets_a_free_id() {
    use lytt_core::builder::from_bank;
    let bank = parse_survey(
        &std::fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../surveys/bruker-spor-bruker.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let mut s = empty_survey("ny", "nb", "1");
    set_language(&mut s, "sv", true);
    s.title = [("nb".to_string(), "Ny".to_string()), ("sv".to_string(), "Ny".to_string())].into();
    s.recipient = TEST_RECIPIENT.into();
    for q in &bank.questions {
        let fitted = from_bank(&s, q);
        assert_eq!(fitted.prompt.keys().cloned().collect::<Vec<_>>(), ["nb", "sv"]);
        assert_eq!(fitted.prompt["nb"], q.prompt["nb"], "the translation comes along");
        assert!(fitted.show_if.is_none());
        s.questions.push(fitted);
    }
    assert!(problems(&s).is_empty(), "{:?}", problems(&s));
    let again = from_bank(&s, &bank.questions[0]);
    assert_eq!(again.id, format!("{}_2", bank.questions[0].id), "a taken id gets a number");
}

#[test]
fn every_problem_a_survey_built_here_can_have_says_why_for_the_owners_language() {
    let survey: lytt_core::Survey = serde_json::from_value(serde_json::json!({
        "format": "lytt-survey/1", "id": "Not An Id", "version": " ", "languages": ["nb", "nb", "x_y"],
        "default_language": "sv", "title": { "nb": " ", "en": "Extra" }, "recipient": "age1nope",
        "privacy": { "min_group_size": 1 }, "kiosk": { "idle_seconds": 0 }, "submit_url": "http://example.org/",
        "indicator": { "question": "m", "positive": [], "target": 2.0, "label": { "nb": "x" } },
        "questions": [
            { "id": "1x", "type": "single", "prompt": { "nb": "a" }, "audio": { "nb": "a.exe" },
              "options": [{ "id": "Bad", "label": { "nb": "a" }, "image": { "src": "/etc/a.png", "alt": { "nb": "a" } } }] },
            { "id": "m", "type": "multi", "prompt": { "nb": "a" }, "max_choices": 5,
              "options": [{ "id": "a", "label": { "nb": "a" } }, { "id": "a", "label": { "nb": "a" } }] },
            { "id": "r", "type": "ranking", "prompt": { "nb": "a" }, "pick": 9,
              "options": [{ "id": "a", "label": { "nb": "a" }, "image": { "src": "a.png", "alt": { "nb": "a" } } },
                { "id": "b", "label": { "nb": "a" } }] },
            { "id": "s", "type": "scale", "prompt": { "nb": "a" }, "min": 5, "max": 1 },
            { "id": "s2", "type": "scale", "prompt": { "nb": "a" }, "min": 0, "max": 50 },
            { "id": "f", "type": "smiley", "prompt": { "nb": "a" }, "points": 4 },
            { "id": "n", "type": "number", "prompt": { "nb": "a" }, "min": 10, "max": 1 },
            { "id": "t", "type": "text", "prompt": { "nb": "a" }, "max_length": 0 },
            { "id": "i", "type": "info", "prompt": { "nb": "a" }, "required": true },
            { "id": "m", "type": "text", "prompt": { "nb": "a" },
              "show_if": { "any": [{ "answered": "later" }, { "answered": "i" },
                { "question": "r", "equals": "a" }, { "question": "m", "includes": "zz" }, { "question": "n", "at_least": 99 },
                { "all": [] }] } },
        ]
    }))
    .expect("the survey reads as data");
    let found = problems(&survey);
    assert!(found.len() >= 30, "{found:#?}");
    for problem in &found {
        assert!(problem.why.is_some(), "no reason for the builder: {problem}");
    }
    assert!(found.iter().any(|p| p.why == Some(lytt_core::validate::Why::OutOfRange { min: 1, max: 2 })));
    for why in [
        lytt_core::validate::Why::BadMediaFile { picture: true },
        lytt_core::validate::Why::BadMediaFile { picture: false },
        lytt_core::validate::Why::RecordingsIncomplete { language: "nb".into() },
        lytt_core::validate::Why::PictureNotShown,
    ] {
        assert!(found.iter().any(|p| p.why.as_ref() == Some(&why)), "{why:?} in {found:#?}");
    }
}

#[test]
fn an_indicator_is_about_a_one_choice_question_and_is_valid_once_its_answers_are_chosen() {
    let mut survey = empty_survey("tall", "nb", "2026-11-30");
    survey.recipient = TEST_RECIPIENT.into();
    survey.title.insert("nb".into(), "Tittel".into());
    assert_eq!(lytt_core::builder::new_indicator(&survey), None, "no one-choice question yet");
    survey.questions.push(new_question(&survey, "text"));
    let mut single = new_question(&survey, "single");
    for (j, option) in options_mut(&mut single.kind).unwrap().iter_mut().enumerate() {
        option.label.insert("nb".into(), format!("Valg {j}"));
    }
    single.prompt.insert("nb".into(), "Spørsmål".into());
    survey.questions[0].prompt.insert("nb".into(), "Fritekst".into());
    survey.questions.push(single);
    assert_eq!(lytt_core::builder::indicator_questions(&survey), vec![(1, "q2".to_string())]);
    let mut indicator = lytt_core::builder::new_indicator(&survey).unwrap();
    assert_eq!((indicator.question.as_str(), indicator.target), ("q2", 0.7));
    indicator.label.insert("nb".into(), "Andel fornøyde".into());
    survey.indicator = Some(indicator);
    let found: Vec<String> = problems(&survey).iter().map(|p| p.path.clone()).collect();
    assert_eq!(found, ["indicator.positive"], "the owner chooses the answers that count");
    survey.indicator.as_mut().unwrap().positive.push("option1".into());
    assert_eq!(problems(&survey), vec![]);
}
