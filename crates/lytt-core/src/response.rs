//! The response record: the plaintext JSON that is sealed for the survey owner.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::answer::Answer;
use crate::date::CivilDate;
use crate::device::DeviceKind;

/// The record format tag.
pub const RESPONSE_FORMAT: &str = "lytt-response/1";

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
    pub mode: DeviceKind,
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
    pub mode: DeviceKind,
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
