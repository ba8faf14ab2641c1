//! Identifying details in free text: the test set's figures (bench/identifying.sh prints them
//! in full; these floors only catch a change that finds less), identity numbers' check digits, and redaction.

use lytt_core::identifying::{flags, measure, redact, DetailKind};

const TEST_SET: &str = include_str!("fixtures/identifying.txt");

#[test]
fn the_test_set_is_large_enough_and_most_details_are_found_with_few_false_alarms() {
    let m = measure(TEST_SET);
    let (found, marked) = m.found();
    for (text, span) in &m.missed {
        eprintln!("missed {span:?} in {text:?}");
    }
    for (text, span) in &m.false_alarms {
        eprintln!("false alarm {span:?} in {text:?}");
    }
    assert!(m.answers >= 100, "{} answers", m.answers);
    assert!(marked >= 60, "{marked} marked details");
    assert!(found * 100 >= marked * 85, "found {found} of {marked}");
    assert!(m.false_alarms.len() * 100 <= m.answers * 5, "{} false alarms", m.false_alarms.len());
    for (tag, found, marked) in &m.by_kind {
        assert!(*marked > 0, "the test set has no {tag}");
        assert!(found * 100 >= marked * 70, "{tag}: found {found} of {marked}");
    }
}

fn kinds(text: &str) -> Vec<(String, DetailKind)> {
    flags(text, &[]).into_iter().map(|f| (text[f.start..f.end].to_string(), f.kind)).collect()
}

#[test]
fn identity_numbers_count_only_with_valid_check_digits() {
    assert_eq!(kinds("nr 01019012480"), [("01019012480".to_string(), DetailKind::NationalId)]);
    assert_ne!(kinds("nr 01019012481").first().map(|k| k.1), Some(DetailKind::NationalId), "a wrong check digit");
    assert_eq!(kinds("811218-9876"), [("811218-9876".to_string(), DetailKind::NationalId)]);
    assert_ne!(kinds("811218-9875").first().map(|k| k.1), Some(DetailKind::NationalId));
    assert_eq!(kinds("19811218-9876")[0].1, DetailKind::NationalId);
    assert_eq!(kinds("811278-9873")[0].1, DetailKind::NationalId, "a samordningsnummer: day + 60");
}

#[test]
fn a_redaction_replaces_each_span_with_its_label_everywhere_it_is_given() {
    let text = "Jeg heter Ola Nordmann og bor i Storgata 12.";
    let found = flags(text, &[]);
    let spans: Vec<(usize, usize)> = found.iter().map(|f| (f.start, f.end)).collect();
    let labels = ["navn", "adresse"];
    assert_eq!(redact(text, &spans, |i| labels[i].to_string()), "Jeg heter [navn] og bor i [adresse].");
    assert_eq!(
        redact("ærlig talt", &[(1, 3)], |_| "x".into()),
        "ærlig talt",
        "a span that splits a character is left alone"
    );
    assert_eq!(redact(text, &[], |_| String::new()), text);
}

#[test]
fn any_text_is_looked_through_without_panicking() {
    for text in
        ["", "{", "@", "@.", "a@b.c", "+", "+4", "12-", "1.1.", "Storgata", "heter", "Jeg er", "💥 12 år", "ÅÄÖ 1234 Æ"]
    {
        let _ = flags(text, &["".into(), "é".into(), "Ø".into()]);
    }
}

#[test]
fn names_written_in_lower_case_or_after_who_someone_is_and_ages_without_years_are_found() {
    assert_eq!(kinds("ola ringte meg"), [("ola".to_string(), DetailKind::Name)]);
    assert_eq!(kinds("Min mor Gunhild er 82 og bor alene.")[0], ("Gunhild".to_string(), DetailKind::Name));
    assert_eq!(kinds("Min mor Gunhild er 82 og bor alene.")[1], ("82".to_string(), DetailKind::Age));
    assert_eq!(kinds("Jeg fylte 50 i fjor."), [("50".to_string(), DetailKind::Age)]);
    assert_eq!(kinds("Ring 0047 45 67 89 01"), [("0047 45 67 89 01".to_string(), DetailKind::Phone)]);
    // Names that are also words are names only where something says so.
    for ordinary in ["Dag for dag", "hans bil var borte", "Tom for penger", "Per uke", "Vi er 12 i gruppa", "klara det"]
    {
        assert_eq!(kinds(ordinary), [], "{ordinary}");
    }
}
