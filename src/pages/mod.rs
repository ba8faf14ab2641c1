//! One routed page per file.

use std::future::Future;

use leptos::prelude::*;

#[cfg(feature = "owner")]
mod build;
mod interview;
mod kiosk;
mod link;
mod not_found;
#[cfg(feature = "owner")]
mod owner;
mod owner_elsewhere;
#[cfg(feature = "owner")]
mod results;
mod shared_device;
mod start;
mod steps;
mod survey;

#[cfg(feature = "owner")]
pub use build::BuildPage;
pub use interview::InterviewPage;
pub use kiosk::{KioskPage, KioskSetup};
pub use link::LinkPage;
pub use not_found::NotFoundPage;
#[cfg(feature = "owner")]
pub use owner::OwnerPage;
pub use owner_elsewhere::OwnerElsewhere;
#[cfg(feature = "owner")]
pub use results::ResultsPage;
pub use start::StartPage;
pub use survey::SurveyPage;

/// Something a screen fetches when it opens (a survey, the list of surveys): `None` while it
/// comes, then what `fetch` gave; the callback fetches it again ("Try again"). A plain signal
/// filled by one task: lighter in the web app than a resource, and enough for a file.
pub(crate) fn fetched<T, Fut>(fetch: impl Fn() -> Fut + Send + Sync + 'static) -> (RwSignal<Option<T>>, Callback<()>)
where
    T: Send + Sync + 'static,
    Fut: Future<Output = T> + 'static,
{
    let value = RwSignal::new(None);
    let load = move || {
        value.set(None);
        let pending = fetch();
        leptos::task::spawn_local(async move { value.set(Some(pending.await)) });
    };
    load();
    (value, Callback::new(move |_| load()))
}
