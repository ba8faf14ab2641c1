//! Reusable views.

mod idle;
mod language_picker;
pub mod question;

pub use idle::IdleWatch;
pub use language_picker::LanguagePicker;
pub use question::{answer_summary, QuestionScreen};
