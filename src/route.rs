//! Screens as `#` addresses, so every screen has a link that any static file server serves
//! (the path never changes, so no rewrite rules are needed, also under a sub-path).

use lytt_core::link::is_payload;
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
    /// `#/l/<payload>`: a survey carried whole in its link (`lytt_core::link`), kept on the
    /// device and then shown as `#/s/<id>`.
    Link(String),
    /// `#/owner`: key pairs for survey owners.
    Owner,
    /// `#/owner/results`: a survey's answers opened with the owner's key, in the browser.
    #[cfg(any(feature = "owner", test))]
    OwnerResults,
    /// `#/owner/build`: the survey builder.
    #[cfg(any(feature = "owner", test))]
    OwnerBuild,
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
            ["owner", rest @ ..] => owner_route(rest),
            ["l", payload] if is_payload(payload) => Route::Link((*payload).to_string()),
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
            Route::Link(payload) => lytt_core::link::link_hash(payload),
            #[cfg(any(feature = "owner", test))]
            Route::OwnerResults => "/owner/results".into(),
            #[cfg(any(feature = "owner", test))]
            Route::OwnerBuild => "/owner/build".into(),
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

    /// A link to this screen (`#` and its hash), for an `href`.
    pub fn href(&self) -> String {
        format!("#{}", self.to_hash())
    }

    /// A survey's screen.
    pub fn survey(id: &str, screen: Screen) -> Route {
        Route::Survey { id: id.to_string(), screen }
    }

    /// The survey this screen belongs to.
    pub fn survey_id(&self) -> Option<String> {
        match self {
            Route::Survey { id, .. } => Some(id.clone()),
            _ => None,
        }
    }
}

/// An owner's address (`#/owner/...`). The owner's build reads which screen it is; a
/// respondent's build only knows that it is an owner's, and sends the whole address to the
/// owner's build (see `pages::OwnerElsewhere`), so that its code does not grow with the owner's
/// screens. (The native tests read addresses as the owner's build does; the end-to-end tests
/// go through a respondent's build to every owner's screen.)
#[cfg(any(feature = "owner", test))]
fn owner_route(rest: &[&str]) -> Route {
    match rest {
        [] => Route::Owner,
        ["results"] => Route::OwnerResults,
        ["build"] => Route::OwnerBuild,
        _ => Route::NotFound,
    }
}

#[cfg(not(any(feature = "owner", test)))]
fn owner_route(_: &[&str]) -> Route {
    Route::Owner
}

/// Where a survey's file is, relative to the app.
/// The list of the site's surveys, relative to the app.
pub const SURVEY_LIST: &str = "surveys/index.json";

pub fn survey_file(id: &str) -> String {
    format!("surveys/{id}.json")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn survey(id: &str, screen: Screen) -> Route {
        Route::Survey { id: id.into(), screen }
    }

    #[test]
    fn every_screen_has_an_address_that_reads_back_as_it() {
        let routes = [
            Route::Start,
            Route::Owner,
            Route::Link("AbC-_9".into()),
            Route::OwnerResults,
            Route::OwnerBuild,
            Route::Kiosk(None),
            Route::Kiosk(Some("folkehelsedagen".into())),
            Route::Interview(None),
            Route::Interview(Some("bruker-spor-bruker".into())),
            survey("hva-er-viktig", Screen::Intro),
            survey("hva-er-viktig", Screen::Question("most_important".into())),
            survey("hva-er-viktig", Screen::Review),
            survey("hva-er-viktig", Screen::Done),
        ];
        for route in routes {
            let address = Route::parse(&route.to_hash());
            assert_eq!(address.route, route, "{}", route.to_hash());
            assert_eq!((address.language, address.shared_device), (None, false));
        }
        assert_eq!(Route::NotFound.to_hash(), "/", "a wrong address leads to the start");
    }

    #[test]
    fn addresses_are_read_forgivingly_but_only_valid_ids_count() {
        assert_eq!(Route::parse("").route, Route::Start);
        assert_eq!(Route::parse("/").route, Route::Start);
        assert_eq!(Route::parse("//s//hva-er-viktig/").route, survey("hva-er-viktig", Screen::Intro));
        for wrong in [
            "/s/Hva-Er-Viktig",
            "/s/-x",
            "/s/x-",
            "/s/hva-er-viktig/q/9starts-with-a-digit",
            "/s/hva-er-viktig/q",
            "/s/hva-er-viktig/review/more",
            "/s/hva-er-viktig/elsewhere",
            "/kiosk/Not_an_id",
            "/interview/a/b",
            "/owner/x",
            "/owner/results/x",
            "/owner/build/x",
            "/l",
            "/l/a+b",
            "/l/abc/def",
            "/unknown",
        ] {
            assert_eq!(Route::parse(wrong).route, Route::NotFound, "{wrong}");
        }

        let long = "a".repeat(65);
        assert_eq!(Route::parse(&format!("/s/{long}")).route, Route::NotFound);
        assert_eq!(Route::parse(&format!("/s/{}", &long[1..])).route, survey(&long[1..], Screen::Intro));
    }

    #[test]
    fn a_link_chooses_a_language_and_can_only_turn_shared_mode_on() {
        let address = Route::parse("/s/folkehelsedagen?lang=sv&device=shared");
        assert_eq!(address.route, survey("folkehelsedagen", Screen::Intro));
        assert_eq!(address.language.as_deref(), Some("sv"));
        assert!(address.shared_device);
        assert_eq!(Route::parse("/?device=shared&lang=sv-FI").language.as_deref(), Some("sv-FI"));
        // No address turns the protection off; it is left only on a survey's start screen.
        assert!(!Route::parse("/s/folkehelsedagen?device=own").shared_device);
        assert!(!Route::parse("/s/folkehelsedagen?device=sharedx").shared_device);
        // The first lang= counts, and only if it is a language tag.
        for wrong in ["/?lang=", "/?lang=Svenska", "/?lang=s", "/?lang=%73%76", "/?lang=sv_FI", "/?lang=<b>"] {
            assert_eq!(Route::parse(wrong).language, None, "{wrong}");
        }
        assert_eq!(Route::parse("/?lang=xx1&lang=sv").language, None);
        assert_eq!(Route::parse("/?a=b&lang=nn").language.as_deref(), Some("nn"));
    }

    /// What the app's first screen needs for an address, a stored language and a stored device
    /// mode ("kiosk" or "interview"): the parts (as scripts/build-wasm.mjs names them) and the
    /// survey file, by the app's own rules (`initial_language`, `App`, `parts::survey`). The
    /// survey `kept-by-link` was kept from a link on this device: its file is never fetched.
    fn first_needs(hash: &str, stored_language: Option<&str>, mode: Option<&str>) -> (Vec<String>, Option<String>) {
        use crate::i18n::UiLang;
        let address = Route::parse(hash);
        let language = address.language.clone().or(stored_language.map(str::to_string)).unwrap_or_else(|| "nb".into());
        let kiosk = mode == Some("kiosk");
        let pages: &[&str] = match (&address.route, mode) {
            _ if kiosk => &["devices"],
            (Route::Start, Some("interview")) => &["devices"],
            (Route::Survey { screen: Screen::Intro, .. }, _) => &["opening"],
            (Route::Survey { .. }, _) => &["opening", "answering"],
            (Route::Link(_), _) => &["opening"],
            (Route::Kiosk(_) | Route::Interview(_), _) => &["devices"],
            _ => &[],
        };
        let texts = match UiLang::for_tag(&language) {
            UiLang::Nb => None,
            other => Some(format!("texts_{}", other.tag())),
        };
        // The app's screens (`crate::mount_app`) are a part that every address needs, but
        // `crate::first` may show a survey's start screen without them where no mode is set,
        // and fetches them itself.
        let first =
            matches!(address.route, Route::Survey { screen: Screen::Intro, .. } | Route::Start | Route::Link(_))
                && mode.is_none();
        let app = if first { &[][..] } else { &["app"][..] };
        let pages = match (&address.route, first) {
            (Route::Link(_), true) => &["linking"][..],
            (_, true) => &[][..],
            (_, false) => pages,
        };
        let parts = app.iter().chain(pages).map(|p| p.to_string()).chain(texts).collect();
        let file = match (&address.route, mode) {
            _ if kiosk => None,
            (Route::Start, None) | (Route::Link(_), _) => Some(SURVEY_LIST.to_string()),
            _ => address.route.survey_id().filter(|id| id != "kept-by-link").map(|id| survey_file(&id)),
        };
        (parts, file)
    }

    #[test]
    fn the_pages_loader_agrees_with_the_app_on_what_an_address_needs() {
        let hashes = [
            "",
            "/",
            "/?lang=sv",
            "/?lang=en-GB&device=shared",
            "/?lang=Svenska",
            "/?lang=",
            "/?lang=nn&lang=sv",
            "/?x=1&lang=nn",
            "/?lang=sv_FI",
            "/?lang=%73%76",
            "/?lang=no",
            "/?lang=ar",
            "/s/hva-er-viktig",
            "/s/hva-er-viktig?lang=sv",
            "//s//hva-er-viktig/",
            "/s/hva-er-viktig/q/most_important",
            "/s/hva-er-viktig/q/9x",
            "/s/hva-er-viktig/q",
            "/s/hva-er-viktig/review",
            "/s/hva-er-viktig/done",
            "/s/hva-er-viktig/done/x",
            "/s/hva-er-viktig/elsewhere",
            "/s/Hva",
            "/s/-x",
            "/s/x-",
            "/s/a?b=c",
            "/kiosk",
            "/kiosk/folkehelsedagen",
            "/kiosk/Not_an_id",
            "/kiosk/a/b",
            "/interview",
            "/interview/bsb",
            "/owner",
            "/owner?lang=en",
            "/owner/x",
            "/owner/results",
            "/owner/results?lang=sv",
            "/owner/results/x",
            "/owner/build",
            "/unknown",
            "?lang=sv",
            "/s/hva-er-viktig?lang=sv?x",
            "/s/kept-by-link",
            "/s/kept-by-link/q/q1",
            "/l/AbC-_9",
            "/l/AbC-_9?lang=sv",
            "/l/AbC+9",
            "/l/AbC/x",
            "/l",
        ];
        let languages = [
            None,
            Some("nb"),
            Some("nn"),
            Some("sv-FI"),
            Some("en"),
            Some("ar"),
            Some("prs"),
            Some("se"),
            Some("uk"),
            Some("de"),
            Some("no"),
            Some(""),
        ];
        let modes = [None, Some("kiosk"), Some("interview")];
        let mut cases = Vec::new();
        let mut expected = Vec::new();
        for hash in hashes {
            for language in languages {
                for mode in modes {
                    cases.push(serde_json::json!([hash, language, mode]));
                    let (parts, file) = first_needs(hash, language, mode);
                    expected.push(serde_json::json!({ "parts": parts, "file": file }));
                }
            }
        }
        let loader = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/early-loader.mjs");
        let script = format!(
            "import {{ firstNeeds }} from {:?};\n\
             const cases = JSON.parse(process.argv[1]);\n\
             console.log(JSON.stringify(cases.map(([hash, language, mode]) =>\n\
               firstNeeds(hash, language, mode === null ? null : {{ mode, survey: 'x' }}, (id) => id === 'kept-by-link'))));",
            format!("file://{}", loader.display())
        );
        let out = std::process::Command::new("node")
            .args(["--input-type=module", "-e", &script, &serde_json::Value::from(cases.clone()).to_string()])
            .output()
            .expect("node runs (scripts/setup.sh installs what the build needs)");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let got: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("the loader prints JSON");
        assert_eq!(got.len(), expected.len());
        for ((case, got), expected) in cases.iter().zip(&got).zip(&expected) {
            assert_eq!(got, expected, "the loader and the app disagree on {case}");
        }
    }

    #[test]
    fn a_surveys_file_is_next_to_the_app() {
        assert_eq!(survey_file("hva-er-viktig"), "surveys/hva-er-viktig.json");
        assert_eq!(survey("x", Screen::Done).survey_id().as_deref(), Some("x"));
        assert_eq!(Route::Owner.survey_id(), None);
        assert_eq!(Route::survey("x", Screen::Question("q".into())).href(), "#/s/x/q/q");
        assert_eq!(Route::Interview(Some("x".into())).href(), "#/interview/x");
    }
}
