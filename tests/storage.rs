//! The storage part of the platform module, in headless Chromium's real local storage.
#![cfg(target_arch = "wasm32")]

use lytt::platform::storage::{
    self, DraftSlot, StorageProblem, StoredDraft, StoredMode, DRAFT_PREFIX, INTERVIEW_PREFIX, MODE_KEY,
    SET_ASIDE_PREFIX,
};
use lytt_core::kiosk::DeviceMode;
use lytt_core::{parse_survey, Answer, Draft, Place, Survey, DRAFT_MAX_AGE_DAYS};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const EXAMPLE: &str = include_str!("../crates/lytt-core/tests/fixtures/survey-example.json");
const TODAY: i64 = 20_779;

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn clear() {
    local().clear().unwrap();
}

fn keys() -> Vec<String> {
    let s = local();
    let mut keys: Vec<String> = (0..s.length().unwrap()).filter_map(|i| s.key(i).unwrap()).collect();
    keys.sort();
    keys
}

fn survey() -> Survey {
    parse_survey(EXAMPLE).unwrap()
}

fn draft_on(day: i64) -> Draft {
    let survey = survey();
    let mut draft = Draft::new(&survey, "en", day);
    draft.set_answer(&survey, "areas", Answer::List(vec!["housing".into(), "money".into()])).unwrap();
    draft.set_answer(&survey, "most_important", Answer::Text("Å ha et sted å bo".into())).unwrap();
    draft.set_answer(&survey, "help_with_it", Answer::Declined).unwrap();
    draft.place = Place::Question("top3".into());
    draft
}

#[wasm_bindgen_test]
fn a_draft_round_trips_through_local_storage() {
    clear();
    assert!(storage::is_available());
    let draft = draft_on(TODAY);
    storage::save_draft(&draft).unwrap();
    assert_eq!(keys(), [format!("{DRAFT_PREFIX}hva-er-viktig")]);
    assert_eq!(storage::load_draft("hva-er-viktig", TODAY), StoredDraft::Found(draft));
    storage::delete_draft("hva-er-viktig");
    assert_eq!(storage::load_draft("hva-er-viktig", TODAY), StoredDraft::None);
    assert!(keys().is_empty());
}

#[wasm_bindgen_test]
fn corrupt_data_is_set_aside_not_lost_and_not_read_again() {
    clear();
    let key = format!("{DRAFT_PREFIX}hva-er-viktig");
    local().set_item(&key, "{\"survey\": \"hva-er-viktig\", \"answers\": [tru").unwrap();
    assert_eq!(storage::load_draft("hva-er-viktig", TODAY), StoredDraft::SetAside);
    let set_aside = format!("{SET_ASIDE_PREFIX}{TODAY}.{key}");
    assert_eq!(keys(), [set_aside.clone()]);
    assert_eq!(local().get_item(&set_aside).unwrap().unwrap(), "{\"survey\": \"hva-er-viktig\", \"answers\": [tru");
    assert_eq!(storage::load_draft("hva-er-viktig", TODAY), StoredDraft::None);
}

#[wasm_bindgen_test]
fn a_draft_stored_under_another_surveys_key_is_set_aside() {
    clear();
    let draft = draft_on(TODAY);
    local().set_item(&format!("{DRAFT_PREFIX}other"), &serde_json::to_string(&draft).unwrap()).unwrap();
    assert_eq!(storage::load_draft("other", TODAY), StoredDraft::SetAside);
}

#[wasm_bindgen_test]
fn the_start_sweep_removes_old_drafts_and_sets_aside_corrupt_ones() {
    clear();
    let mut fresh = draft_on(TODAY - 14);
    fresh.survey = "fresh".into();
    let mut old = draft_on(TODAY - 15);
    old.survey = "old".into();
    storage::save_draft(&fresh).unwrap();
    storage::save_draft(&old).unwrap();
    local().set_item(&format!("{DRAFT_PREFIX}broken"), "not json").unwrap();
    local().set_item(&format!("{SET_ASIDE_PREFIX}{}.lytt.draft.ancient", TODAY - 30), "x").unwrap();
    local().set_item(&format!("{SET_ASIDE_PREFIX}{}.lytt.draft.recent", TODAY - 3), "y").unwrap();
    local().set_item("someone-else", "kept").unwrap();

    let report = storage::sweep(TODAY);
    assert_eq!(report, storage::SweepReport { expired: 1, set_aside: 1 });
    assert_eq!(
        keys(),
        [
            format!("{DRAFT_PREFIX}fresh"),
            format!("{SET_ASIDE_PREFIX}{}.lytt.draft.recent", TODAY - 3),
            format!("{SET_ASIDE_PREFIX}{TODAY}.{DRAFT_PREFIX}broken"),
            "someone-else".to_string(),
        ]
    );
}

#[wasm_bindgen_test]
fn a_full_storage_is_reported_as_full() {
    clear();
    // Fill local storage to its quota with 1 MB values, then smaller ones.
    let big = "x".repeat(1 << 20);
    let mut i = 0;
    while local().set_item(&format!("filler-{i}"), &big).is_ok() {
        i += 1;
        assert!(i < 100, "local storage never filled up");
    }
    let small = "x".repeat(1 << 10);
    let mut j = 0;
    while local().set_item(&format!("small-{j}"), &small).is_ok() {
        j += 1;
        assert!(j < 10_000);
    }
    assert_eq!(storage::save_draft(&draft_on(TODAY)), Err(StorageProblem::Full));
    clear();
    assert_eq!(storage::save_draft(&draft_on(TODAY)), Ok(()));
    clear();
}

#[wasm_bindgen_test]
fn the_language_is_remembered() {
    clear();
    assert_eq!(storage::load_language(), None);
    storage::save_language("nn");
    assert_eq!(storage::load_language(), Some("nn".to_string()));
    clear();
}

fn entry(id: &str, survey: &str) -> storage::OutboxEntry {
    storage::OutboxEntry {
        id: id.into(),
        survey: survey.into(),
        record: "-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n-----END AGE ENCRYPTED FILE-----\n".into(),
        to: None,
        held: false,
    }
}

#[wasm_bindgen_test]
fn the_outbox_keeps_sealed_records_until_they_are_removed() {
    clear();
    assert!(storage::load_outbox(TODAY).is_empty());
    assert!(!storage::outbox_waiting());
    storage::add_to_outbox(entry("a", "hva-er-viktig"), TODAY).unwrap();
    assert!(storage::outbox_waiting(), "the app starts sending only when this says so");
    storage::add_to_outbox(entry("b", "nyttesamtale"), TODAY).unwrap();
    storage::add_to_outbox(entry("c", "hva-er-viktig"), TODAY).unwrap();
    assert_eq!(
        storage::load_outbox(TODAY),
        [entry("a", "hva-er-viktig"), entry("b", "nyttesamtale"), entry("c", "hva-er-viktig")]
    );
    storage::remove_from_outbox(&["a".into(), "c".into()], TODAY);
    assert_eq!(storage::load_outbox(TODAY), [entry("b", "nyttesamtale")]);
    storage::remove_from_outbox(&["b".into()], TODAY);
    assert!(keys().is_empty(), "an empty outbox leaves no key behind");
    assert!(!storage::outbox_waiting());
}

#[wasm_bindgen_test]
fn a_corrupt_outbox_is_set_aside_and_a_new_one_started() {
    clear();
    local().set_item(storage::OUTBOX_KEY, "[{\"id\":").unwrap();
    assert!(storage::load_outbox(TODAY).is_empty());
    assert_eq!(keys(), [format!("{SET_ASIDE_PREFIX}{TODAY}.{}", storage::OUTBOX_KEY)]);
    storage::add_to_outbox(entry("d", "x"), TODAY).unwrap();
    assert_eq!(storage::load_outbox(TODAY), [entry("d", "x")]);
    clear();
}

#[wasm_bindgen_test]
fn an_interview_in_progress_is_kept_apart_from_a_personal_draft_and_expires_the_same_way() {
    clear();
    let own = draft_on(TODAY);
    let mut interview = draft_on(TODAY - DRAFT_MAX_AGE_DAYS - 1);
    interview.language = "nb".into();
    storage::save_draft(&own).unwrap();
    storage::save_draft_in(DraftSlot::Interview, &interview).unwrap();
    assert_eq!(keys(), [format!("{DRAFT_PREFIX}hva-er-viktig"), format!("{INTERVIEW_PREFIX}hva-er-viktig")]);
    assert_eq!(storage::load_draft_in(DraftSlot::Interview, "hva-er-viktig", TODAY), StoredDraft::Found(interview));
    assert_eq!(storage::load_draft("hva-er-viktig", TODAY), StoredDraft::Found(own));
    // Untouched for more than 14 days: removed at start, like a personal draft.
    let report = storage::sweep(TODAY);
    assert_eq!(report.expired, 1);
    assert_eq!(keys(), [format!("{DRAFT_PREFIX}hva-er-viktig")]);
    clear();
}

#[wasm_bindgen_test]
fn the_device_mode_is_remembered_and_unreadable_data_is_set_aside() {
    clear();
    assert_eq!(storage::load_mode(TODAY), StoredMode::None);
    let mode = DeviceMode::Interview { survey: "bruker-spor-bruker".into() };
    storage::save_mode(Some(&mode)).unwrap();
    assert_eq!(storage::load_mode(TODAY), StoredMode::Found(mode));
    storage::save_mode(None).unwrap();
    assert_eq!(storage::load_mode(TODAY), StoredMode::None);
    assert!(keys().is_empty());

    local().set_item(MODE_KEY, "{\"mode\":\"kiosk\",\"survey\":").unwrap();
    assert_eq!(storage::load_mode(TODAY), StoredMode::SetAside);
    assert_eq!(keys(), [format!("{SET_ASIDE_PREFIX}{TODAY}.{MODE_KEY}")]);
    clear();
}
