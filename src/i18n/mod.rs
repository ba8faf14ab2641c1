//! The app's own text: bokmål, nynorsk, Swedish and English for everything; Arabic, Persian,
//! Polish, Northern Sámi, Somali, Tigrinya and Ukrainian for the respondent's screens (the owner's
//! screens are in English in those).
//!
//! The words are in `i18n/<lang>.toml`, one file per language, which `build.rs` turns into one
//! `Texts` value per language (and its parts' texts), so that a missing or unknown key is a build
//! error. Survey content comes from the survey file, not from here.

mod ar;
#[cfg(feature = "owner")]
mod build;
mod en;
mod fa;
mod nb;
mod nn;
mod pl;
mod plural;
mod se;
mod so;
mod sv;
mod ti;
mod uk;

pub use en::{EN, EN_MODES, EN_RESULTS, EN_SHARED};
pub use nb::{NB, NB_MODES, NB_RESULTS, NB_SHARED};
pub use nn::{NN, NN_MODES, NN_RESULTS, NN_SHARED};
pub use sv::{SV, SV_MODES, SV_RESULTS, SV_SHARED};

use crate::split::{split_point, PartMissing};

split_point! {
    texts_nn: fn nn_texts() -> Result<&'static Texts, PartMissing> {
        Ok(&NN)
    }
}

split_point! {
    texts_sv: fn sv_texts() -> Result<&'static Texts, PartMissing> {
        Ok(&SV)
    }
}

split_point! {
    texts_en: fn en_texts() -> Result<&'static Texts, PartMissing> {
        Ok(&EN)
    }
}

split_point! {
    texts_ar: fn ar_texts() -> Result<&'static Texts, PartMissing> {
        Ok(&ar::AR)
    }
}

split_point! {
    texts_fa: fn fa_texts() -> Result<&'static Texts, PartMissing> {
        Ok(&fa::FA)
    }
}

split_point! {
    texts_pl: fn pl_texts() -> Result<&'static Texts, PartMissing> {
        Ok(&pl::PL)
    }
}

split_point! {
    texts_se: fn se_texts() -> Result<&'static Texts, PartMissing> {
        Ok(&se::SE)
    }
}

split_point! {
    texts_so: fn so_texts() -> Result<&'static Texts, PartMissing> {
        Ok(&so::SO)
    }
}

split_point! {
    texts_ti: fn ti_texts() -> Result<&'static Texts, PartMissing> {
        Ok(&ti::TI)
    }
}

split_point! {
    texts_uk: fn uk_texts() -> Result<&'static Texts, PartMissing> {
        Ok(&uk::UK)
    }
}

/// The app's own text in a language: bokmål is in the main module, each other language is a
/// part fetched the first time it is chosen.
pub async fn load(lang: UiLang) -> Result<&'static Texts, PartMissing> {
    match lang {
        UiLang::Nb => Ok(&NB),
        UiLang::Nn => nn_texts().await,
        UiLang::Sv => sv_texts().await,
        UiLang::En => en_texts().await,
        UiLang::Ar => ar_texts().await,
        UiLang::Fa => fa_texts().await,
        UiLang::Pl => pl_texts().await,
        UiLang::Se => se_texts().await,
        UiLang::So => so_texts().await,
        UiLang::Ti => ti_texts().await,
        UiLang::Uk => uk_texts().await,
    }
}

/// A language the app's own text exists in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UiLang {
    /// Norsk bokmål.
    Nb,
    /// Norsk nynorsk.
    Nn,
    /// Svenska.
    Sv,
    /// English.
    En,
    /// Arabic.
    Ar,
    /// Persian (Dari and Farsi).
    Fa,
    /// Polish.
    Pl,
    /// Northern Sámi.
    Se,
    /// Somali.
    So,
    /// Tigrinya.
    Ti,
    /// Ukrainian.
    Uk,
}

impl UiLang {
    /// Every app language, in the order the language menu lists them.
    pub const ALL: [UiLang; 11] = [
        UiLang::Nb,
        UiLang::Nn,
        UiLang::Se,
        UiLang::Sv,
        UiLang::En,
        UiLang::Ar,
        UiLang::Fa,
        UiLang::Pl,
        UiLang::So,
        UiLang::Ti,
        UiLang::Uk,
    ];

    /// The app language for a BCP 47 tag; English when the app has no text in it.
    pub fn for_tag(tag: &str) -> UiLang {
        let primary = tag.split('-').next().unwrap_or(tag);
        match primary {
            "nb" | "no" => UiLang::Nb,
            "nn" => UiLang::Nn,
            "sv" => UiLang::Sv,
            "ar" => UiLang::Ar,
            // Dari (Afghanistan) and Farsi (Iran) are one written language.
            "fa" | "prs" => UiLang::Fa,
            "pl" => UiLang::Pl,
            "se" => UiLang::Se,
            "so" => UiLang::So,
            "ti" => UiLang::Ti,
            "uk" => UiLang::Uk,
            _ => UiLang::En,
        }
    }

    /// The BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            UiLang::Nb => "nb",
            UiLang::Nn => "nn",
            UiLang::Sv => "sv",
            UiLang::En => "en",
            UiLang::Ar => "ar",
            UiLang::Fa => "fa",
            UiLang::Pl => "pl",
            UiLang::Se => "se",
            UiLang::So => "so",
            UiLang::Ti => "ti",
            UiLang::Uk => "uk",
        }
    }
}

/// A language's name in that language, for the language menu.
pub fn language_name(tag: &str) -> &str {
    match tag {
        "nb" => "Norsk bokmål",
        "nn" => "Norsk nynorsk",
        "sv" => "Svenska",
        "en" => "English",
        "se" => "Davvisámegiella",
        "fi" => "Suomi",
        "da" => "Dansk",
        "de" => "Deutsch",
        "pl" => "Polski",
        "uk" => "Українська",
        "ru" => "Русский",
        "so" => "Soomaali",
        "ti" => "ትግርኛ",
        "ar" => "العربية",
        "fa" | "prs" => "فارسی",
        "ur" => "اردو",
        "he" => "עברית",
        other => other,
    }
}

/// Whether a language is written right to left.
pub fn is_rtl(tag: &str) -> bool {
    matches!(
        tag.split('-').next().unwrap_or(tag),
        "ar" | "fa" | "prs" | "he" | "ur" | "ps" | "ckb" | "yi" | "dv" | "sd" | "ug"
    )
}

/// The `lang` and `dir` that the app's own words carry on a page whose text is in `content`:
/// none when they are the same language. An element with its own `dir` is also isolated for
/// bidirectional layout, so "Next" keeps its punctuation in an Arabic page, and a screen reader
/// switches voice for it.
pub fn own_words_marks(t: &Texts, content: &str) -> (Option<&'static str>, Option<&'static str>) {
    let app = t.lang.tag();
    if content.split('-').next() == Some(app) {
        (None, None)
    } else {
        (Some(app), Some(if is_rtl(app) { "rtl" } else { "ltr" }))
    }
}

/// All of the app's own user-facing text in one language.
///
/// Bokmål ([`NB`]) is in the main module; the other languages are parts of the app fetched the
/// first time they are chosen (`load`), so nobody downloads all four.
pub struct Texts {
    /// The language these texts are in.
    pub lang: UiLang,
    /// This language's words of the kiosk and the interviews, and of a shared computer, in this
    /// language's part with the rest of its words: none for bokmål, whose words are in the parts
    /// that use them (see [`Texts::modes`]), so that the main module does not carry them.
    pub modes_here: Option<&'static DeviceModeTexts>,
    pub shared_here: Option<&'static SharedComputerTexts>,
    pub app_name: &'static str,
    pub skip_to_content: &'static str,
    pub tagline: &'static str,
    pub start_heading: &'static str,
    pub anonymous_statement: &'static str,
    pub language_label: &'static str,
    pub loading: &'static str,
    pub no_surveys: &'static str,
    pub catalog_error: &'static str,
    pub retry: &'static str,
    pub start_survey: &'static str,
    pub continue_survey: &'static str,
    pub draft_saved_here: &'static str,
    pub discard: &'static str,
    pub discard_confirm: &'static str,
    pub discard_yes: &'static str,
    pub discard_no: &'static str,
    pub discarded: &'static str,
    pub progress: fn(n: usize, total: usize) -> String,
    pub back: &'static str,
    pub next: &'static str,
    pub decline: &'static str,
    /// The button that reads the question, its help and its options aloud.
    pub read_aloud: &'static str,
    /// The same button while it reads.
    pub stop_reading: &'static str,
    /// Before the keyboard shortcut (Alt + R) shown next to it.
    pub shortcut: &'static str,
    /// In place of the button when the device has no voice for the survey's language.
    pub no_voice: &'static str,
    pub required_hint: &'static str,
    pub error_required: &'static str,
    pub error_too_many: fn(max: u32) -> String,
    pub error_ranking: fn(pick: u32) -> String,
    pub error_range: fn(min: i64, max: i64) -> String,
    pub error_too_long: fn(max: u32) -> String,
    pub chars_used: fn(used: usize, max: u32) -> String,
    pub choose_up_to: fn(max: u32) -> String,
    pub rank_place: fn(n: usize) -> String,
    pub rank_none: &'static str,
    pub rank_hint: fn(pick: u32) -> String,
    pub review_heading: &'static str,
    pub review_intro: &'static str,
    pub not_answered: &'static str,
    pub declined_answer: &'static str,
    pub change: &'static str,
    pub finish: &'static str,
    pub missing_required: &'static str,
    pub done_heading: &'static str,
    pub record_summary: &'static str,
    pub new_response: &'static str,
    pub back_to_start: &'static str,
    pub part_missing_heading: &'static str,
    pub part_missing: &'static str,
    pub survey_error_heading: &'static str,
    pub survey_error_text: &'static str,
    pub survey_not_found: &'static str,
    pub link_damaged: &'static str,
    pub link_too_large: &'static str,
    pub link_unsupported: &'static str,
    pub link_taken: &'static str,
    pub link_not_kept: &'static str,
    pub forget_linked: &'static str,
    pub linked_kept: &'static str,
    pub network_error: &'static str,
    pub page_not_found: &'static str,
    pub storage_unavailable: &'static str,
    pub storage_full: &'static str,
    pub storage_set_aside: &'static str,
    pub language_missing: &'static str,
    pub drafts_expired: fn(n: usize) -> String,
    pub answers_dropped: fn(n: usize) -> String,
    pub dismiss: &'static str,
    pub smiley3: [&'static str; 3],
    pub smiley5: [&'static str; 5],
    pub scale_of: fn(min: i64, max: i64) -> String,
    pub finish_failed: &'static str,
    pub test_key_banner: &'static str,
    pub sealed_text: &'static str,
    pub delivery_heading: &'static str,
    pub save_file: &'static str,
    pub save_hint: &'static str,
    pub confirm_saved: &'static str,
    pub waiting_to_save: fn(n: usize) -> String,
    pub all_saved: &'static str,
    pub download_failed: &'static str,
    pub sending: &'static str,
    pub waiting_to_send: fn(n: usize) -> String,
    pub send_offline: &'static str,
    pub send_unreachable: &'static str,
    pub send_refused: fn(status: u16) -> String,
    pub send_now: &'static str,
    pub sent: &'static str,
    pub nothing_waiting: &'static str,
    pub share_file: &'static str,
    pub confirm_shared: &'static str,
    pub outbox_heading: &'static str,
    pub idle_heading: &'static str,
    pub idle_text: fn(s: u64) -> String,
    /// "Continue" on a button that goes on: the idle warning, a resume code.
    pub continue_button: &'static str,
    pub screen_cleared: &'static str,
    pub owner_link: &'static str,
    pub owner_intro: &'static str,
    pub owner_generate: &'static str,
    pub owner_warning: &'static str,
    pub owner_download: &'static str,
    pub owner_recipient_label: &'static str,
    pub owner_fingerprint: fn(fp: &str) -> String,
    pub owner_fingerprint_hint: &'static str,
    pub key_fingerprint: fn(fp: &str) -> String,
    pub kept_on_device: &'static str,
    pub kept_nowhere_shared: &'static str,
    pub kept_nowhere_kiosk: &'static str,
    pub kept_interview: &'static str,
    /// How long an unfinished survey is kept: the browser agreed to keep it.
    pub draft_days_kept: fn(days: i64) -> String,
    /// ... unless the device runs short of space.
    pub draft_days_unless_full: fn(days: i64) -> String,
    /// ... but this browser deletes it after 7 days without a visit.
    pub draft_days_webkit: fn(days: i64) -> String,
    pub other_ways_heading: &'static str,
    pub kiosk_link: &'static str,
    pub interview_link: &'static str,
    pub survey_legend: &'static str,
    pub choose_survey: &'static str,
    pub deliver_all: &'static str,
    pub waiting_to_deliver: fn(n: usize) -> String,
}

/// The text of the kiosk and the peer interviews (the device modes) in one language. It is kept
/// apart from [`Texts`] so that it travels in the `devices` part of the app, with the screens
/// that use it, rather than in the main module that every resident downloads.
pub struct DeviceModeTexts {
    /// After the kiosk's idle warning: unfinished answers are sealed and sent (`on_idle: keep`).
    pub idle_kept: &'static str,
    /// After the kiosk's idle warning: unfinished answers are thrown away (`on_idle: discard`).
    pub idle_discarded: &'static str,
    pub kiosk_setup_heading: &'static str,
    pub kiosk_setup_intro: &'static str,
    pub kiosk_pin_label: &'static str,
    pub kiosk_pin_again_label: &'static str,
    pub kiosk_start: &'static str,
    pub kiosk_pin_short: &'static str,
    pub kiosk_pin_mismatch: &'static str,
    pub kiosk_not_stored: &'static str,
    pub kiosk_thanks_heading: &'static str,
    pub kiosk_thanks_text: &'static str,
    pub kiosk_next_in: fn(n: u64) -> String,
    pub kiosk_staff_button: &'static str,
    pub kiosk_staff_heading: &'static str,
    pub kiosk_pin_enter: &'static str,
    pub kiosk_open: &'static str,
    pub kiosk_back: &'static str,
    pub kiosk_pin_wrong: fn(n: u32) -> String,
    pub kiosk_pin_locked: fn(m: u64) -> String,
    /// The lock state after a PIN try could not be stored.
    pub kiosk_lock_not_saved: &'static str,
    pub kiosk_staff_intro: &'static str,
    pub kiosk_leave: &'static str,
    pub kiosk_survey_problem: &'static str,
    pub interview_heading: &'static str,
    pub interview_choose_intro: &'static str,
    pub interview_intro: &'static str,
    pub interview_new: &'static str,
    pub interview_leave: &'static str,
    pub interview_confirm_heading: &'static str,
    pub interview_confirm_text: &'static str,
    pub interview_confirm_yes: &'static str,
    pub consent_heading: &'static str,
    pub consent_read_aloud: &'static str,
    pub consent_points: [&'static str; 4],
    pub consent_given: &'static str,
    pub consent_start: &'static str,
    pub consent_missing: &'static str,
    pub interview_stop: &'static str,
    pub interview_stop_question: &'static str,
    pub interview_keep_partial: &'static str,
    pub interview_discard: &'static str,
    pub interview_go_on: &'static str,
    pub interview_sealed: &'static str,
    pub interview_kept_partial: &'static str,
    pub interview_discarded: &'static str,
}

impl Texts {
    /// The text of the kiosk and the peer interviews in this language.
    pub fn modes(&self) -> &'static DeviceModeTexts {
        self.modes_here.unwrap_or(&NB_MODES)
    }
}

/// The text of a survey's parts for a shared or public computer (whether it is one, "Take a
/// break", "Continue with a code", the thank-you line) in one language. Like
/// [`DeviceModeTexts`], it is kept apart from [`Texts`] so that it travels with the survey
/// screens that use it, not in the main module.
pub struct SharedComputerTexts {
    pub shared_device_label: &'static str,
    pub shared_device_hint: &'static str,
    /// On a computer set up as shared: what that means, above the way out of it.
    pub shared_device_on: &'static str,
    pub leave_shared: &'static str,
    pub leave_shared_hint: &'static str,
    pub take_break: &'static str,
    pub break_failed: &'static str,
    pub break_heading: &'static str,
    pub break_intro: &'static str,
    pub break_expiry: &'static str,
    pub break_done: &'static str,
    pub resume_heading: &'static str,
    pub resume_label: &'static str,
    pub resume_wrong: &'static str,
    pub resume_bad_format: &'static str,
    pub shared_done: &'static str,
}

impl Texts {
    /// The text of a survey's parts for a shared or public computer in this language.
    pub fn shared_computer(&self) -> &'static SharedComputerTexts {
        self.shared_here.unwrap_or(&NB_SHARED)
    }
}

/// The text of the owner's results screen in one language. Like [`DeviceModeTexts`], it is
/// kept apart from [`Texts`] so that it travels in the `results` part, which only owners open.
pub struct ResultsTexts {
    pub heading: &'static str,
    pub intro: &'static str,
    pub survey_label: &'static str,
    pub survey_none: &'static str,
    pub survey_from_builder: &'static str,
    pub identity_label: &'static str,
    pub bundles_label: &'static str,
    pub open: &'static str,
    pub close: &'static str,
    pub opening: fn(done: usize, total: usize) -> String,
    pub read_summary: fn(read: usize, duplicates: usize, failed: usize, apart: usize) -> String,
    pub choose_survey: &'static str,
    pub choose_identity: &'static str,
    pub choose_bundles: &'static str,
    pub bad_identity: &'static str,
    pub survey_unreadable: &'static str,
    pub file_unreadable: fn(name: &str) -> String,
    pub not_a_bundle: fn(name: &str) -> String,
    pub failures_heading: &'static str,
    pub misfits_heading: &'static str,
    pub record_in: fn(name: &str, n: usize) -> String,
    pub not_age: &'static str,
    pub wrong_key: &'static str,
    pub tampered: &'static str,
    pub truncated: &'static str,
    pub not_a_record: &'static str,
    pub other_survey: &'static str,
    pub misfit: &'static str,
    pub responses: &'static str,
    pub answer_column: &'static str,
    pub count_column: &'static str,
    pub fewer_than: fn(k: u32) -> String,
    pub hidden: &'static str,
    pub declined_row: &'static str,
    pub not_answered_row: &'static str,
    pub answered_row: &'static str,
    pub small_groups: fn(k: u32) -> String,
    pub indicator: fn(label: &str, share: f64, target: f64) -> String,
    pub indicator_hidden: fn(label: &str) -> String,
    pub idle_note: &'static str,
    pub forgotten: &'static str,
    pub survey_from_site: &'static str,
    pub survey_file_label: &'static str,
    pub survey_link_label: &'static str,
    pub link_unreadable: &'static str,
    pub bundles_drop: &'static str,
    pub files_chosen: fn(n: usize) -> String,
    pub not_built: &'static str,
    pub worker_failed: &'static str,
    pub bad_survey: &'static str,
    pub version: fn(v: &str) -> String,
    pub dates: fn(from: &str, to: &str) -> String,
    /// `dates` when all answers were given on one day (or in one week).
    pub date_one: fn(day: &str) -> String,
    pub language_label: &'static str,
    pub break_label: &'static str,
    pub break_none: &'static str,
    pub break_device: &'static str,
    pub breakdown_heading: &'static str,
    pub device_personal: &'static str,
    pub device_shared: &'static str,
    pub device_kiosk: &'static str,
    pub device_interview: &'static str,
    pub share_column: &'static str,
    pub median: fn(m: f64) -> String,
    pub ranked_first_heading: &'static str,
    pub multi_note: &'static str,
    pub indicator_base: &'static str,
    pub questions_heading: &'static str,
    pub export_csv: &'static str,
    pub export_xlsx: &'static str,
    pub print: &'static str,
    pub compare_heading: &'static str,
    pub compare_intro: &'static str,
    pub compare_open: &'static str,
    pub compared_heading: &'static str,
    pub compared_about: fn(title: &str, version: &str, dates: &str) -> String,
    pub earlier_column: &'static str,
    pub this_column: &'static str,
    pub change_column: &'static str,
    /// A change in percentage points, its sign written ("+3", "-2", "0").
    pub change: fn(c: &str) -> String,
    pub free_text_heading: &'static str,
    pub free_text_reminder: &'static str,
    pub free_text_open: &'static str,
    pub free_text_question: &'static str,
    pub free_text_theme_filter: &'static str,
    pub free_text_all_themes: &'static str,
    pub free_text_unread_only: &'static str,
    pub free_text_new_theme: &'static str,
    pub free_text_add_theme: &'static str,
    pub free_text_save: &'static str,
    pub free_text_open_file: &'static str,
    pub free_text_progress: fn(read: usize, total: usize) -> String,
    pub free_text_too_few: fn(k: u32) -> String,
    pub free_text_none: &'static str,
    pub free_text_redact: fn(kind: &str) -> String,
    pub free_text_read: &'static str,
    pub free_text_quote: &'static str,
    pub free_text_choose: &'static str,
    pub free_text_choose_hint: &'static str,
    pub free_text_quote_words: &'static str,
    pub free_text_redact_words: &'static str,
    pub free_text_redact_as: &'static str,
    pub free_text_no_selection: &'static str,
    pub free_text_choose_close: &'static str,
    pub free_text_unredact: fn(kind: &str) -> String,
    pub bad_analysis: &'static str,
    pub kind_name: &'static str,
    pub kind_phone: &'static str,
    pub kind_email: &'static str,
    pub kind_address: &'static str,
    pub kind_postcode: &'static str,
    pub kind_id: &'static str,
    pub kind_date: &'static str,
    pub kind_age: &'static str,
    pub kind_listed: &'static str,
    pub kind_other: &'static str,
    pub free_text_theme_list: &'static str,
    pub free_text_other_quotes: &'static str,
    pub free_text_themes_csv: &'static str,
    pub free_text_themes_xlsx: &'static str,
    pub free_text_answered_filter: &'static str,
    pub free_text_everyone: &'static str,
    pub free_text_listed: &'static str,
    pub free_text_listed_save: &'static str,
    pub summary_open: &'static str,
    pub summary_heading: &'static str,
    pub summary_language: &'static str,
    pub summary_commitments_label: &'static str,
    pub summary_commitments_save: &'static str,
    pub summary_print: &'static str,
    pub summary_intro: &'static str,
    pub summary_answered: fn(n: u64) -> String,
    pub summary_indicator: fn(label: &str, share: f64, target: f64) -> String,
    pub summary_common: fn(prompt: &str, label: &str, share: f64) -> String,
    pub summary_themes: &'static str,
    pub summary_quotes: &'static str,
    pub summary_commitments: &'static str,
    pub summary_few: &'static str,
}

#[cfg(feature = "owner")]
pub use build::{build_in, why_in, BuildTexts};

#[cfg(feature = "owner")]
impl Texts {
    /// The text of the survey builder in this language.
    pub fn builder(&self) -> &'static BuildTexts {
        build_in(self.lang)
    }
}

impl Texts {
    /// The text of the owner's results screen in this language.
    pub fn results(&self) -> &'static ResultsTexts {
        results_in(self.lang)
    }
}

/// The results screen's text in `lang` (the participants' summary is in the language chosen
/// for it, whatever the app's).
pub fn results_in(lang: UiLang) -> &'static ResultsTexts {
    match lang {
        UiLang::Nb => &NB_RESULTS,
        UiLang::Nn => &NN_RESULTS,
        UiLang::Sv => &SV_RESULTS,
        // The owner's screens are in English in the other languages.
        _ => &EN_RESULTS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tags_primary_language_picks_the_apps_text_and_english_is_the_fallback() {
        for (tag, lang) in [
            ("nb", UiLang::Nb),
            ("no", UiLang::Nb),
            ("nb-NO", UiLang::Nb),
            ("nn", UiLang::Nn),
            ("nn-NO", UiLang::Nn),
            ("sv", UiLang::Sv),
            ("sv-FI", UiLang::Sv),
            ("en", UiLang::En),
            ("se", UiLang::Se),
            ("ar", UiLang::Ar),
            ("ar-SY", UiLang::Ar),
            ("prs", UiLang::Fa),
            ("fa-AF", UiLang::Fa),
            ("de", UiLang::En),
            ("", UiLang::En),
        ] {
            assert_eq!(UiLang::for_tag(tag), lang, "{tag}");
        }
        for lang in UiLang::ALL {
            assert_eq!(UiLang::for_tag(lang.tag()), lang);
        }
    }

    #[test]
    fn each_languages_text_says_which_it_is() {
        for (texts, lang) in [
            (&NB, UiLang::Nb),
            (&NN, UiLang::Nn),
            (&SV, UiLang::Sv),
            (&EN, UiLang::En),
            (&ar::AR, UiLang::Ar),
            (&fa::FA, UiLang::Fa),
            (&pl::PL, UiLang::Pl),
            (&se::SE, UiLang::Se),
            (&so::SO, UiLang::So),
            (&ti::TI, UiLang::Ti),
            (&uk::UK, UiLang::Uk),
        ] {
            assert_eq!(texts.lang, lang);
            assert_eq!(UiLang::for_tag(lang.tag()), lang);
        }
    }

    #[test]
    fn numbers_take_each_languages_plural_forms() {
        let send = |t: &Texts, n: usize| (t.waiting_to_send)(n);
        assert_eq!(send(&EN, 1), "1 sealed response is waiting to be sent.");
        assert_eq!(send(&EN, 3), "3 sealed responses are waiting to be sent.");
        assert_eq!(send(&uk::UK, 2), "2 запечатані відповіді чекають на надсилання.");
        assert_eq!(send(&uk::UK, 5), "5 запечатаних відповідей чекають на надсилання.");
        assert_eq!(
            send(&uk::UK, 21),
            "21 запечатана відповідь чекає на збереження.".replace("збереження", "надсилання")
        );
        assert_eq!(send(&pl::PL, 3), "3 zapieczętowane odpowiedzi czekają na wysłanie.");
        assert_eq!(send(&pl::PL, 12), "12 zapieczętowanych odpowiedzi czeka na wysłanie.");
        assert_eq!(send(&ar::AR, 2), "إجابتان مختومتان تنتظران الإرسال.");
        assert_eq!(send(&ar::AR, 4), "4 إجابات مختومة تنتظر الإرسال.");
        assert_eq!(send(&ar::AR, 11), "11 إجابة مختومة تنتظر الإرسال.");
        assert_eq!(send(&se::SE, 2), "2 sealejuvvon vástádusa vurdiba sáddema.");
    }

    #[test]
    fn right_to_left_is_decided_by_the_primary_language() {
        for tag in ["ar", "fa", "he", "ur", "ar-SY", "ckb", "ps"] {
            assert!(is_rtl(tag), "{tag}");
        }
        for tag in ["nb", "sv", "en", "se", "so", "ti", "uk", "arx", ""] {
            assert!(!is_rtl(tag), "{tag}");
        }
        assert_eq!(language_name("se"), "Davvisámegiella");
        assert_eq!(language_name("xx"), "xx", "an unknown language is named by its tag");
    }
}
