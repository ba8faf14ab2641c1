//! The app's own text in nynorsk, made by `build.rs` from `i18n/nn.toml`.

#[cfg(feature = "owner")]
use super::build::{BuildTexts, WhyTexts};
use super::{DeviceModeTexts, ResultsTexts, SharedComputerTexts, Texts, UiLang};

include!(concat!(env!("OUT_DIR"), "/i18n_nn.rs"));
