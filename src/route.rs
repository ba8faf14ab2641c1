//! Screens as `#` addresses, so every screen has a link that any static file server serves
//! (the path never changes, so no rewrite rules are needed, also under a sub-path).

use lytt_core::validate::{is_question_id, is_survey_id};

/// A screen of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `#/`: the list of surveys.
    Start,
    /// `#/s/<id>...`: a screen of one survey.
    Survey {
        /// The survey's id.
        id: String,
        /// Which screen of it.
        screen: Screen,
    },
    /// `#/owner`: key pairs for survey owners.
    Owner,
    /// `#/kiosk` or `#/kiosk/<survey id>`: setting up an event kiosk (a running kiosk shows
    /// itself at any address).
    Kiosk(Option<String>),
    /// `#/interview` or `#/interview/<survey id>`: peer interviews of a survey.
    Interview(Option<String>),
    /// Any other address.
    NotFound,
}

/// A screen within a survey.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    /// `#/s/<id>`: title, intro, start or continue.
    Intro,
    /// `#/s/<id>/q/<question id>`.
    Question(String),
    /// `#/s/<id>/review`.
    Review,
    /// `#/s/<id>/done`.
    Done,
}

/// A parsed address: the screen and an optional `?lang=` from a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    /// The screen.
    pub route: Route,
    /// A language that the link asks for.
    pub language: Option<String>,
    /// `?device=shared`: the link is for a shared or public computer. A link can only turn that
    /// protection on; leaving it is a choice made on a survey's start screen.
    pub shared_device: bool,
}

impl Route {
    /// Reads an address's hash (without the `#`).
    pub fn parse(hash: &str) -> Address {
        let (path, query) = hash.split_once('?').unwrap_or((hash, ""));
        let language = query
            .split('&')
            .find_map(|pair| pair.strip_prefix("lang="))
            .filter(|tag| lytt_core::validate::is_language_tag(tag))
            .map(str::to_string);
        let shared_device = query.split('&').any(|pair| pair == "device=shared");
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        let route = match parts.as_slice() {
            [] => Route::Start,
            ["owner"] => Route::Owner,
            ["kiosk"] => Route::Kiosk(None),
            ["kiosk", id] if is_survey_id(id) => Route::Kiosk(Some((*id).to_string())),
            ["interview"] => Route::Interview(None),
            ["interview", id] if is_survey_id(id) => Route::Interview(Some((*id).to_string())),
            ["s", id, rest @ ..] if is_survey_id(id) => {
                let screen = match rest {
                    [] => Some(Screen::Intro),
                    ["q", q] if is_question_id(q) => Some(Screen::Question((*q).to_string())),
                    ["review"] => Some(Screen::Review),
                    ["done"] => Some(Screen::Done),
                    _ => None,
                };
                screen.map_or(Route::NotFound, |screen| Route::Survey { id: (*id).to_string(), screen })
            }
            _ => Route::NotFound,
        };
        Address { route, language, shared_device }
    }

    /// The hash (without `#`) that shows this screen.
    pub fn to_hash(&self) -> String {
        match self {
            Route::Start | Route::NotFound => "/".into(),
            Route::Owner => "/owner".into(),
            Route::Kiosk(None) => "/kiosk".into(),
            Route::Kiosk(Some(id)) => format!("/kiosk/{id}"),
            Route::Interview(None) => "/interview".into(),
            Route::Interview(Some(id)) => format!("/interview/{id}"),
            Route::Survey { id, screen } => match screen {
                Screen::Intro => format!("/s/{id}"),
                Screen::Question(q) => format!("/s/{id}/q/{q}"),
                Screen::Review => format!("/s/{id}/review"),
                Screen::Done => format!("/s/{id}/done"),
            },
        }
    }

    /// The survey this screen belongs to.
    pub fn survey_id(&self) -> Option<String> {
        match self {
            Route::Survey { id, .. } => Some(id.clone()),
            _ => None,
        }
    }
}

/// Where a survey's file is, relative to the app.
pub fn survey_file(id: &str) -> String {
    format!("surveys/{id}.json")
}
