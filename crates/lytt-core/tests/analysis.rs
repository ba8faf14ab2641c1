//! The owner's analysis of free text: a reading order that is not the order of arrival, filters
//! that hide small groups, themes counted as the summary counts, quotes and redactions applied
//! wherever an answer is shown, and the analysis sealed to the owner's key and read back.
#![cfg(feature = "seal")]

mod common;

use common::*;
use lytt_core::analysis::{Analysis, Filter, Reading, Redaction};
use lytt_core::identifying::DetailKind;
use lytt_core::summary::Count;
use lytt_core::validate::parse_survey_value;
use lytt_core::{Response, Survey};
use serde_json::json;

fn survey() -> Survey {
    let mut v = survey_with(json!([
        {"id": "where", "type": "single", "prompt": {"en": "Where?"}, "options": opts(&["a", "b"])},
        {"id": "say", "type": "text", "prompt": {"en": "Say"}}
    ]));
    v["privacy"] = json!({"min_group_size": 3});
    parse_survey_value(v).unwrap()
}

fn responses() -> Vec<Response> {
    (0..8)
        .map(|i| {
            serde_json::from_value(json!({
                "format": "lytt-response/1", "survey": "t", "survey_version": "1",
                "response": format!("{i:032x}"), "language": if i == 7 { "sv" } else { "nb" }, "mode": "personal",
                "completed": "2026-W47", "status": "complete",
                "answers": {"where": if i < 6 { "a" } else { "b" }, "say": format!("svar nummer {i}")}
            }))
            .unwrap()
        })
        .collect()
}

fn label(kind: DetailKind) -> String {
    kind.tag().to_string()
}

#[test]
fn answers_are_read_in_an_order_of_their_own_that_stays() {
    let (s, r) = (survey(), responses());
    let a = Analysis::new("t", 1);
    let order: Vec<String> = a.answers(&s, &r, "say").into_iter().map(|x| x.response).collect();
    assert_eq!(order.len(), 8);
    let arrival: Vec<String> = r.iter().map(|x| x.response.clone()).collect();
    assert_ne!(order, arrival, "not the order of arrival");
    let mut reversed = r.clone();
    reversed.reverse();
    let again: Vec<String> = a.answers(&s, &reversed, "say").into_iter().map(|x| x.response).collect();
    assert_eq!(order, again, "the same analysis shows the same order, however the bundles came");
    let other: Vec<String> = Analysis::new("t", 2).answers(&s, &r, "say").into_iter().map(|x| x.response).collect();
    assert_ne!(order, other);
    assert!(a.answers(&s, &r, "where").is_empty(), "only free-text questions");
}

#[test]
fn filters_narrow_the_reading_and_a_small_group_shows_nothing() {
    let (s, r) = (survey(), responses());
    let mut a = Analysis::new("t", 1);
    let theme = a.add_theme("Bolig");
    let answers = a.answers(&s, &r, "say");
    for answer in answers.iter().take(4) {
        a.change(answer, |w| {
            w.themes.insert(theme);
            w.read = true;
        });
    }
    let count = |f: Filter| match a.reading(&s, &r, "say", &f) {
        Reading::Answers(list) => Some(list.len()),
        Reading::TooFew { .. } => None,
    };
    assert_eq!(count(Filter::default()), Some(8));
    assert_eq!(count(Filter { theme: Some(theme), ..Default::default() }), Some(4));
    assert_eq!(count(Filter { unread_only: true, ..Default::default() }), Some(4));
    assert_eq!(count(Filter { answered: Some(("where".into(), "a".into())), ..Default::default() }), Some(6));
    assert_eq!(count(Filter { answered: Some(("where".into(), "b".into())), ..Default::default() }), None, "2 < 3");
    assert_eq!(a.theme_counts(3), vec![(a.themes[0].clone(), Count::Shown(4))]);
    assert_eq!(a.theme_counts(5), vec![(a.themes[0].clone(), Count::FewerThan(5))]);
}

#[test]
fn redactions_apply_to_the_answer_and_its_quote_and_the_analysis_travels_sealed() {
    let (s, r) = (survey(), responses());
    let mut a = Analysis::new("t", 7);
    let answer = a.answers(&s, &r, "say").into_iter().next().unwrap();
    // "svar nummer N": "nummer" redacted as a name, the quote is "nummer N".
    a.change(&answer, |w| {
        w.redactions.push(Redaction { start: 5, end: 11, kind: DetailKind::Name });
        w.quote = Some((5, answer.text.len()));
    });
    assert!(a.shown(&answer, label).starts_with("svar [name] "));
    assert!(!a.shown(&answer, label).contains("nummer"));
    assert!(a.quote(&answer, label).unwrap().starts_with("[name] "));

    let key = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../keys/test-owner.key")).unwrap();
    let identity = lytt_core::unseal::Identity::from_identity_file(&key).unwrap();
    let sealed =
        lytt_core::seal::seal_with(a.to_json().as_bytes(), &identity.recipient(), &mut rand_core::OsRng).unwrap();
    assert!(!sealed.contains("nummer") && !sealed.contains("Bolig"));
    let opened = lytt_core::unseal::open_plaintext(sealed.as_bytes(), &identity).unwrap();
    assert_eq!(Analysis::from_json(std::str::from_utf8(&opened).unwrap()).unwrap(), a);
    assert!(Analysis::from_json("{\"format\":\"lytt-bundle/1\"}").is_err());
    // Work emptied again leaves nothing behind.
    a.change(&answer, |w| *w = Default::default());
    assert!(a.work.is_empty());
}

#[test]
fn changes_apply_to_the_work_and_out_of_place_spans_are_ignored() {
    use lytt_core::analysis::Change;
    let (s, r) = (survey(), responses());
    let mut a = Analysis::new("t", 3);
    let answer = a.answers(&s, &r, "say").into_iter().next().unwrap();
    let text = answer.text.clone();
    let key = answer.key();
    let text_of = |k: &str| (k == key).then(|| text.clone());
    a.apply(Change::AddTheme { name: "Bolig".into() }, text_of);
    a.apply(Change::AddTheme { name: "  ".into() }, text_of);
    assert_eq!(a.themes.len(), 1);
    a.apply(Change::Tag { key: key.clone(), theme: 1, on: true }, text_of);
    a.apply(Change::Read { key: key.clone(), read: true }, text_of);
    a.apply(Change::Redact { key: key.clone(), start: 5, end: 11, kind: DetailKind::Name }, text_of);
    a.apply(Change::Redact { key: key.clone(), start: 5, end: 999, kind: DetailKind::Name }, text_of);
    a.apply(Change::Redact { key: "someone/else".into(), start: 0, end: 1, kind: DetailKind::Name }, text_of);
    a.apply(Change::Quote { key: key.clone(), span: Some((0, text.len())) }, text_of);
    let work = a.work_on(&answer);
    assert!(work.read && work.themes.contains(&1) && work.quote.is_some());
    assert_eq!(work.redactions.len(), 1);
    let view = a.reading_view(&s, &r, "say", &Filter::default(), "en");
    assert_eq!((view.total, view.unread), (8, 7));
    assert_eq!(view.questions, vec![("say".to_string(), "Say".to_string())]);
    a.apply(Change::Unredact { key: key.clone(), start: 5 }, text_of);
    assert!(a.work_on(&answer).redactions.is_empty());
}

#[test]
fn redactions_hold_in_the_report_table_and_the_theme_table() {
    let (s, r) = (survey(), responses());
    let mut a = Analysis::new("t", 5);
    let theme = a.add_theme("Tema");
    let answer = a.answers(&s, &r, "say").into_iter().next().unwrap();
    a.change(&answer, |w| {
        w.redactions.push(Redaction { start: 5, end: 11, kind: DetailKind::Name });
        w.themes.insert(theme);
        w.quote = Some((0, answer.text.len()));
    });
    let mut table = lytt_core::report::table(&s, &r, "nb");
    a.redact_table(&s, &mut table, "nb");
    let csv = table.to_csv();
    assert!(csv.contains(&answer.text.replace("nummer", "[navn]")));
    assert_eq!(csv.matches("[navn]").count(), 1, "only the redacted answer changes");
    let themes = a.themes_table(&s, &r, "en");
    assert_eq!(themes.header, ["question", "answer", "Tema", "quote"]);
    assert_eq!(themes.rows.len(), 8);
    let row = themes.rows.iter().find(|row| row[2] == "x").unwrap();
    assert!(row[1].contains("[name]") && row[3].contains("[name]") && !row[1].contains("nummer"));
    let list = a.theme_list(&s, &r, "sv");
    assert_eq!(list[0].quotes.len(), 1);
    assert!(list[0].quotes[0].contains("[namn]"));
}

#[test]
fn the_participants_summary_holds_no_free_text_but_chosen_quotes_and_no_small_group() {
    let (s, r) = (survey(), responses());
    let mut a = Analysis::new("t", 9);
    let big = a.add_theme("Stor");
    let small = a.add_theme("Liten");
    let answers = a.answers(&s, &r, "say");
    for (i, answer) in answers.iter().enumerate() {
        a.change(answer, |w| {
            w.themes.insert(if i < 4 { big } else { small });
            if i == 0 {
                w.redactions.push(Redaction { start: 5, end: 11, kind: DetailKind::Name });
                w.quote = Some((0, answer.text.len()));
            }
        });
    }
    // "Liten" is left with 2 answers, fewer than the survey's 3.
    for answer in answers.iter().skip(6) {
        a.change(answer, |w| {
            w.themes.clear();
        });
    }
    a.commitments = "Vi skal ringe tilbake innen en uke.".into();
    let summary = a.participant_summary(&s, &r, "en");
    assert_eq!(summary.responses, Some(8));
    assert_eq!(summary.themes, vec![("Stor".to_string(), 4)], "a theme of 2 answers is left out");
    assert_eq!(summary.quotes.len(), 1);
    assert!(summary.quotes[0].contains("[name]"));
    let all = serde_json::to_string(&summary).unwrap();
    for answer in &answers[1..] {
        assert!(!all.contains(&answer.text), "no free text but the chosen quote");
    }
    assert_eq!(summary.common[0].label, "a");
    assert_eq!(summary.common[0].share, 6.0 / 8.0);
    assert_eq!(summary.commitments, "Vi skal ringe tilbake innen en uke.");
}

#[test]
fn an_analysis_opened_with_more_bundles_shows_their_answers_as_unread_and_keeps_the_work() {
    let (s, all) = (survey(), responses());
    let (first, more) = all.split_at(5);
    let mut a = Analysis::new("t", 11);
    for answer in a.answers(&s, first, "say") {
        a.change(&answer, |w| w.read = true);
    }
    assert_eq!(a.unread(&a.answers(&s, first, "say")), 0);
    let every = a.answers(&s, &all, "say");
    assert_eq!(a.unread(&every), more.len(), "the new bundles' answers are unread");
    let new: Vec<_> = every.iter().filter(|x| !a.work_on(x).read).map(|x| x.response.clone()).collect();
    assert!(new.iter().all(|id| more.iter().any(|r| &r.response == id)));
    let view = a.reading_view(&s, &all, "say", &Filter::default(), "en");
    assert_eq!((view.total, view.unread), (all.len(), more.len()));
}

#[test]
fn a_part_of_an_answer_is_quoted_and_a_quote_never_shows_part_of_a_redaction() {
    use lytt_core::analysis::{Change, ReadingItem};
    let (s, r) = (survey(), responses());
    let mut a = Analysis::new("t", 9);
    let answer = a.answers(&s, &r, "say").into_iter().next().unwrap();
    // "svar nummer N": redact "nummer", then quote from the middle of it to the end.
    let (key, text) = (answer.key(), answer.text.clone());
    let text_of = |k: &str| (k == key).then(|| text.clone());
    a.apply(Change::Redact { key: key.clone(), start: 5, end: 11, kind: DetailKind::Name }, text_of);
    a.apply(Change::Quote { key: key.clone(), span: Some((8, text.len())) }, text_of);
    let quote = a.quote(&answer, label).unwrap();
    assert_eq!(quote, format!("[name]{}", &text[11..]), "the redaction is taken whole: {quote}");
    assert!(!quote.contains("mer"));

    // Choosing words in the shown text: the selection's UTF-16 units map back to the answer.
    let item = ReadingItem {
        key: "k".into(),
        text: "Jeg heter Åse og bor på Ål, 3570.".into(),
        language: "nb".into(),
        flags: vec![],
        work: lytt_core::analysis::Work {
            redactions: vec![Redaction { start: 10, end: 14, kind: DetailKind::Name }],
            ..Default::default()
        },
        quote: None,
    };
    let shown = item.shown(label);
    assert_eq!(shown.text, "Jeg heter [name] og bor på Ål, 3570.");
    let units = |s: &str| s.encode_utf16().count();
    // "og bor på Ål" in the shown text, with a space either side that is trimmed.
    let from = units("Jeg heter [name]");
    let to = units("Jeg heter [name] og bor på Ål ");
    let span = shown.original_span(&item.text, from, to - 1).unwrap();
    assert_eq!(&item.text[span.0..span.1], "og bor på Ål");
    // A selection that starts inside the bracketed word takes the whole redaction.
    let span = shown.original_span(&item.text, units("Jeg heter [na"), to - 1).unwrap();
    assert_eq!(&item.text[span.0..span.1], "Åse og bor på Ål");
    // Backwards selections are the same; empty or blank ones are none.
    assert_eq!(shown.original_span(&item.text, to - 1, from), Some((span.0 + 5, span.1)));
    assert_eq!(shown.original_span(&item.text, 3, 3), None);
    assert_eq!(shown.original_span(&item.text, 3, 4), None);
    assert_eq!(shown.original_span(&item.text, 0, units(&shown.text)), Some((0, item.text.len())));
    assert_eq!(shown.original_span(&item.text, 0, 999), None, "a selection past the end is none");
}
