//! One routed page per file.

mod interview;
mod kiosk;
mod not_found;
mod owner;
mod shared_device;
mod start;
mod steps;
mod survey;

pub use interview::InterviewPage;
pub use kiosk::{KioskPage, KioskSetup};
pub use not_found::NotFoundPage;
pub use owner::OwnerPage;
pub use start::StartPage;
pub use survey::SurveyPage;
