//! Everything that touches the browser, one file per kind of effect: the address bar,
//! fetching, the clock, the document, files, randomness, storage and the service worker.
//! Pages and components call these functions and never `window()` themselves. What listens or
//! repeats returns a value that stops it when dropped, so it ends with the screen that keeps it.

mod address;
mod clock;
mod compression;
mod document;
pub mod dom;
mod fetch;
mod files;
mod listener;
mod random;
mod service_worker;
pub mod speech;
pub mod storage;
pub mod worker;

#[cfg(feature = "owner")]
pub use address::app_address;
pub use address::{hold_back_button, location_hash, on_hash_change, open_owner_build, push_hash, replace_hash};
pub use clock::{after, every, monotonic_ms, now_hour, now_ms, pause, today, today_days, Ticker};
#[cfg(feature = "owner")]
pub use compression::deflate_raw;
pub use compression::{inflate_raw, InflateError};
pub use document::{
    after_shown, exit_fullscreen, focus_first_soon, focus_soon, focused_id, mark, on_alt_key, once_shown, print,
    print_with_class, request_fullscreen, set_document_language, set_event_target_checked, set_event_target_value,
    set_title, text_selection, watch_input,
};
pub use fetch::{compile_parts, fetch_text, is_online, keep_for_offline, on_online, post_json, prefetch, FetchError};
pub use files::{
    can_share_files, chosen_files, download, download_part, dropped_files, share_file, ChosenFile, ShareOutcome,
};
#[cfg(feature = "owner")]
pub use files::{copy_text, download_bytes};
pub use listener::Listener;
pub use random::{random_bytes, sha256};
pub use service_worker::register_service_worker;
