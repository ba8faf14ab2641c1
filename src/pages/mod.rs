//! One routed page per file.

mod not_found;
mod start;
mod survey;

pub use not_found::NotFoundPage;
pub use start::StartPage;
pub use survey::SurveyPage;
