//! One routed page per file.

mod not_found;
mod owner;
mod shared_device;
mod start;
mod survey;

pub use not_found::NotFoundPage;
pub use owner::OwnerPage;
pub use start::StartPage;
pub use survey::SurveyPage;
