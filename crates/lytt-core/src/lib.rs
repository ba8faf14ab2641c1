//! Lytt's domain in plain Rust: survey files and their validation, `show_if` conditions,
//! answers, drafts and their transitions, and the response record.
//!
//! No web dependencies: this crate is tested natively and compiled into the web app.
#![forbid(unsafe_code)]

#[cfg(feature = "seal")]
pub mod analysis;
pub mod answer;
pub mod breakdown;
#[cfg(feature = "builder")]
pub mod builder;
#[cfg(feature = "seal")]
pub mod bundle;
pub mod catalog;
pub mod compare;
pub mod condition;
pub mod date;
pub mod device;
pub mod draft;
pub mod figures;
pub mod fit;
pub mod identifying;
#[cfg(feature = "seal")]
pub mod kiosk;
#[cfg(feature = "link")]
pub mod link;
#[cfg(feature = "open")]
pub mod open;
pub mod outbox;
#[cfg(feature = "seal")]
pub mod pause;
#[cfg(feature = "builder")]
pub mod qr;
mod reader;
pub mod recipient;
pub mod report;
pub mod response;
#[cfg(feature = "seal")]
pub mod results;
#[cfg(feature = "seal")]
pub mod seal;
pub mod summary;
pub mod survey;
#[cfg(feature = "seal")]
pub mod unseal;
pub mod validate;
#[cfg(feature = "builder")]
pub mod workbook;
#[cfg(feature = "xlsx")]
pub mod xlsx;

pub use answer::{Answer, AnswerError};
pub use catalog::{parse_catalog, Catalog, CatalogEntry};
pub use condition::{Condition, Literal};
pub use date::CivilDate;
pub use device::{DeviceKind, IdleTiming};
pub use draft::{Draft, DraftError, Place, DRAFT_MAX_AGE_DAYS};
pub use fit::Misfit;
pub use response::{Completion, Response, Status, RESPONSE_FORMAT};
pub use survey::{
    is_media_file, localized, media_address, ChoiceOption, DatePrecision, KioskSettings, LocalizedText, OnIdle,
    Picture, Privacy, Question, QuestionKind, Survey, AUDIO_TYPES, IMAGE_TYPES, SURVEY_FORMAT,
};
pub use validate::{parse_survey, Problem, SurveyErrors};

/// The public test recipient whose identity is published with Lytt: nothing real may be sealed to it.
pub const TEST_RECIPIENT: &str = "age1ukw9jlfcvkumjm3cqrnqxpsk6974xs6tv27zmq0sze7zue2gwqzq4kc5eq";
