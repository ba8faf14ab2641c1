//! Reusable views.

mod idle;
mod language_picker;
pub mod problem;
pub mod question;
mod read_aloud;

pub use idle::IdleWatch;
pub use language_picker::LanguagePicker;
pub use problem::{Problem, TextPick};
pub use question::{answer_summary, QuestionScreen};
