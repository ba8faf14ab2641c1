//! The app's own text in Polish, made by `build.rs` from `i18n/pl.toml`. The owner's
//! screens are not in this language: they are in English here.

use super::{DeviceModeTexts, SharedComputerTexts, Texts, UiLang};

include!(concat!(env!("OUT_DIR"), "/i18n_pl.rs"));
