//! The response record: the plaintext JSON that is sealed for the survey owner.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::answer::Answer;
use crate::date::CivilDate;

/// The record format tag.
pub const RESPONSE_FORMAT: &str = "lytt-response/1";

/// Where and how a response was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// The person's own phone or computer.
    Personal,
    /// A shared or public computer.
    Shared,
    /// A tablet in kiosk mode at an event.
    Kiosk,
    /// A peer interviewer's phone.
    Interview,
}

impl Mode {
    /// Whether records given this way wait on the device until someone asks to deliver them all
    /// (a kiosk's staff, an interviewer), rather than going to the inbox the moment they are
    /// finished, which would tell the inbox when each person was there.
    pub fn holds_delivery(self) -> bool {
        matches!(self, Mode::Kiosk | Mode::Interview)
    }
}

/// Whether the person reached the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Finished.
    Complete,
    /// Stopped before the end and kept.
    Partial,
}

/// What the device adds when a draft is finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Completion {
    /// 128 random bits (the record's id).
    pub response_id: [u8; 16],
    /// Today's date; the record keeps it only at the survey's precision.
    pub date: CivilDate,
    /// Where the response was given.
    pub mode: Mode,
    /// Complete or partial.
    pub status: Status,
}

/// A finished response, exactly as it is sealed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Response {
    /// Always `"lytt-response/1"`.
    pub format: String,
    /// The survey's id.
    pub survey: String,
    /// The survey's version label.
    pub survey_version: String,
    /// 128 random bits in lowercase hex.
    pub response: String,
    /// The language the survey was answered in.
    pub language: String,
    /// Where the response was given.
    pub mode: Mode,
    /// `YYYY-MM-DD` or `YYYY-Www`.
    pub completed: String,
    /// Complete or partial.
    pub status: Status,
    /// Answers by question id; unanswered questions are absent.
    pub answers: BTreeMap<String, Answer>,
}

impl Response {
    /// The record as compact JSON.
    pub fn to_json(&self) -> String {
        // Serialising plain strings, integers and maps cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::Mode;

    #[test]
    fn only_kiosk_and_interview_records_wait_to_be_delivered_together() {
        assert!(!Mode::Personal.holds_delivery());
        assert!(!Mode::Shared.holds_delivery());
        assert!(Mode::Kiosk.holds_delivery());
        assert!(Mode::Interview.holds_delivery());
    }
}
