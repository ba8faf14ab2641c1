//! Split points: functions whose code is downloaded the first time they are called.
//!
//! The split points exist only in the app's build (`--features split`, which
//! `scripts/build-wasm.mjs` turns on). Elsewhere, in the wasm tests and `cargo check`, the same
//! functions are ordinary async functions: a split point imports its loader from the build's
//! `lytt-parts-*.js`, which a test page does not have. Which parts there are, and why, is said
//! in `crate::parts`. The split points are in `lib.rs` (the app's screens, `mount_app`, and
//! the route table: the pages), in
//! `pages::survey` (the screens after a survey's start), in `crate::i18n` (the app's text in
//! each language) and in `crate::parts` (sending).

/// A part's file could not be fetched or started, for example offline on a first visit.
pub struct PartMissing;

#[cfg(feature = "split")]
impl From<wasm_split_helpers::SplitLoaderError> for PartMissing {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        PartMissing
    }
}

/// A function that is a split point in the app's build (where calling it first fetches its
/// part, named by the first word) and an ordinary async function elsewhere.
macro_rules! split_point {
    ($part:ident: fn $name:ident($($arg:ident: $ty:ty),*) -> $ret:ty $body:block) => {
        #[cfg(feature = "split")]
        #[wasm_split_helpers::wasm_split($part, fallible)]
        fn $name($($arg: $ty),*) -> $ret $body

        #[cfg(not(feature = "split"))]
        async fn $name($($arg: $ty),*) -> $ret $body
    };
}
pub(crate) use split_point;
