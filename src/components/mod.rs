//! Reusable views.

mod language_picker;
pub mod question;

pub use language_picker::LanguagePicker;
pub use question::{answer_summary, QuestionScreen};
