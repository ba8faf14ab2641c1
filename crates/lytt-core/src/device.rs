//! What kind of device a response is given on. The one answer to that question: it decides
//! where a draft may be kept, whether records wait to be delivered together, when an unattended
//! screen is cleared, what the thank-you screen may show, and the record's `mode`.

use serde::{Deserialize, Serialize};

use crate::survey::Survey;

/// Where and how a response is given (the record's `mode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DeviceKind {
    /// The person's own phone or computer.
    #[serde(rename = "personal")]
    Own,
    /// A shared or public computer.
    Shared,
    /// A tablet in kiosk mode at an event.
    Kiosk,
    /// A peer interviewer's phone.
    Interview,
}

/// How long an unattended screen waits before it asks "are you still there?", and how long
/// that question stays before the screen is cleared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdleTiming {
    /// Seconds without input before the question.
    pub idle_seconds: u32,
    /// Seconds the question stays.
    pub warning_seconds: u32,
}

impl DeviceKind {
    /// The kind as the record's `mode` names it (`personal`, `shared`, `kiosk`, `interview`).
    pub fn record_name(self) -> &'static str {
        match self {
            DeviceKind::Own => "personal",
            DeviceKind::Shared => "shared",
            DeviceKind::Kiosk => "kiosk",
            DeviceKind::Interview => "interview",
        }
    }

    /// Whether records given this way wait on the device until someone asks to deliver them all
    /// (a kiosk's staff, an interviewer), rather than going to the inbox the moment they are
    /// finished, which would tell the inbox when each person was there.
    pub fn holds_delivery(self) -> bool {
        matches!(self, DeviceKind::Kiosk | DeviceKind::Interview)
    }

    /// Whether answers not yet sealed may be written to the device's storage, so that a reload
    /// loses nothing. On a shared computer or a kiosk the next person must find nothing, so
    /// answers live in the page's memory only.
    pub fn keeps_draft(self) -> bool {
        matches!(self, DeviceKind::Own | DeviceKind::Interview)
    }

    /// Whether the thank-you screen may show the record just sealed. Only on the person's own
    /// device: elsewhere the next person at the screen must find nothing of it.
    pub fn shows_finished_record(self) -> bool {
        self == DeviceKind::Own
    }

    /// When an unattended screen is cleared, if it is: a shared computer and a kiosk wait for
    /// the next person; one's own phone and an interviewer's do not.
    pub fn idle_timing(self, survey: &Survey) -> Option<IdleTiming> {
        match self {
            DeviceKind::Shared => Some(survey.shared.idle_timing()),
            DeviceKind::Kiosk => Some(survey.kiosk.idle_timing()),
            DeviceKind::Own | DeviceKind::Interview => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DeviceKind;

    const ALL: [DeviceKind; 4] = [DeviceKind::Own, DeviceKind::Shared, DeviceKind::Kiosk, DeviceKind::Interview];

    #[test]
    fn only_kiosk_and_interview_records_wait_to_be_delivered_together() {
        let held: Vec<_> = ALL.into_iter().filter(|k| k.holds_delivery()).collect();
        assert_eq!(held, [DeviceKind::Kiosk, DeviceKind::Interview]);
    }

    #[test]
    fn only_devices_that_one_person_holds_keep_drafts() {
        let keeping: Vec<_> = ALL.into_iter().filter(|k| k.keeps_draft()).collect();
        assert_eq!(keeping, [DeviceKind::Own, DeviceKind::Interview]);
    }

    #[test]
    fn only_ones_own_device_shows_the_finished_record() {
        let showing: Vec<_> = ALL.into_iter().filter(|k| k.shows_finished_record()).collect();
        assert_eq!(showing, [DeviceKind::Own]);
    }

    #[test]
    fn screens_left_for_the_next_person_are_cleared_after_the_surveys_timings() {
        let mut survey = crate::parse_survey(include_str!("../../../surveys/hva-er-viktig.json")).unwrap();
        survey.shared.idle_seconds = 301;
        survey.kiosk.idle_seconds = 61;
        assert_eq!(DeviceKind::Shared.idle_timing(&survey).map(|t| t.idle_seconds), Some(301));
        assert_eq!(DeviceKind::Kiosk.idle_timing(&survey).map(|t| t.idle_seconds), Some(61));
        assert_eq!(DeviceKind::Own.idle_timing(&survey), None);
        assert_eq!(DeviceKind::Interview.idle_timing(&survey), None);
    }

    #[test]
    fn the_record_names_the_kind_as_the_format_always_has() {
        let names: Vec<String> = ALL.iter().map(|k| serde_json::to_string(k).unwrap()).collect();
        let record_names: Vec<String> = ALL.iter().map(|k| format!("\"{}\"", k.record_name())).collect();
        assert_eq!(names, record_names);
        assert_eq!(names, ["\"personal\"", "\"shared\"", "\"kiosk\"", "\"interview\""]);
    }
}
