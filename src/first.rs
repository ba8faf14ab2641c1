//! The first screen of a first visit, a survey's start screen or the start page, drawn before
//! the app's screens are in.
//!
//! The app's screens (Leptos, the `app` part and the parts after it) are most of what a
//! survey's link downloads. A person who opens a link for the first time needs none of them to
//! read the survey's title and introduction, choose a language and say whether this is a
//! shared computer, nor to see the surveys on offer: this module draws those screens by hand,
//! from the main module, and the app's screens are fetched once one is up. When they are in,
//! they take over (`take_over_when_drawn`) from what the person did here (`handover`): the
//! language, the kind of device, and Start if it was pressed.
//!
//! Each is the same screen, element for element, as the app's own in that state
//! (`pages::survey`, `pages::start`): an end-to-end test compares them. They are drawn only
//! where the app's would show nothing more: not where anything of answering is kept (a draft,
//! paused answers, a kiosk or interviewer mode) or waits to be sent. There the app comes at
//! once; after a first visit its parts come from the offline cache anyway. A survey carried in
//! its link (`#/l/...`) is opened and kept here as the app's link page would, then shown.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use lytt_core::seal::{fingerprint_of_digest, fingerprinted};
use lytt_core::{localized, Catalog, Survey};

use crate::focus;
use crate::i18n::{self, language_name, own_words_marks, Texts, UiLang};
use crate::platform;
use crate::platform::dom::{self, El, Shown};
use crate::platform::storage::{self, Keeping};
use crate::route::{Route, Screen};
use crate::split::{split_point, PartMissing};
use crate::survey_file::{load_offered, load_survey, open_link, LinkProblem};

/// Opening a survey carried in its link, under way.
type LinkOpening = std::pin::Pin<Box<dyn std::future::Future<Output = Result<String, LinkProblem>>>>;

split_point! {
    // A part of its own, `linking` (inflating and keeping the survey): a link's first screen
    // needs it, a survey's site address and the start page do not.
    linking: fn link_opening(payload: String, on_shared_device: bool) -> Result<LinkOpening, PartMissing> {
        Ok(Box::pin(open_link(payload, on_shared_device)))
    }
}

/// Opens a survey carried in its link (`survey_file::open_link`), from its part.
async fn link_opener(payload: String, on_shared_device: bool) -> Result<Result<String, LinkProblem>, PartMissing> {
    Ok(link_opening(payload, on_shared_device).await?.await)
}

/// What the person chose on the first screen, for the app's screens to go on from.
pub struct Handover {
    /// The language chosen (a BCP 47 tag), with the app's text in it.
    pub language: String,
    pub texts: &'static Texts,
    /// Whether this is a shared or public computer.
    pub shared_device: bool,
    /// A language chosen here whose text could not be fetched (the person is told).
    pub language_missing: bool,
}

/// Which first screen is up.
enum Page {
    /// The start page, with the surveys on offer.
    Start(Catalog),
    /// A survey's start screen.
    Survey {
        survey: Arc<Survey>,
        /// Kept from a link on this device (it says so, and can be removed).
        linked: bool,
        /// Start was pressed: the app's screens go on to the first question once they are in.
        starting: bool,
        /// How long this browser keeps a draft, once it has said.
        keeping: Option<Keeping>,
        fingerprint: Option<String>,
    },
}

/// The first screen's state; the screen is drawn from it anew at each change.
struct FirstScreen {
    page: Page,
    language: String,
    texts: &'static Texts,
    shared_device: bool,
    /// The address it was drawn for: focus is kept only on the same screen.
    hash: String,
    /// A language was chosen whose text could not be fetched: the screen stayed as it was.
    language_missing: bool,
    shown: Option<Shown>,
}

thread_local! {
    static SCREEN: RefCell<Option<FirstScreen>> = const { RefCell::new(None) };
    /// Start was pressed on the first screen, until the app's start screen takes it.
    static START_PRESSED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The parts (as the build names them) that the app's screens need to take over a survey's
/// start screen, and those that come after it.
const SURVEY_PARTS: (&[&str], &[&str]) = (&["app", "opening"], &["answering"]);
/// The same for the start page.
const START_PARTS: (&[&str], &[&str]) = (&["app"], &[]);

/// Shows a first screen if the address is a survey's start (or its link) or the start page and
/// nothing of answering is kept here. If it did, says which parts the app's screens need to take over,
/// and which come after. A survey or a list that cannot be opened is left to the app's
/// screens, which say why.
pub async fn show(
    language: String,
    texts: &'static Texts,
) -> Option<(&'static [&'static str], &'static [&'static str])> {
    let address = Route::parse(&platform::location_hash());
    // The list the page's loader has asked for, kept for whichever start page comes. (A
    // survey's file is taken below, or else by the app's screens.)
    if address.route == Route::Start {
        platform::prefetch(crate::route::SURVEY_LIST);
    }
    if !storage::is_available() || storage::holds_answering() || storage::outbox_waiting() {
        return None;
    }
    if address.shared_device {
        storage::save_shared_device(true);
    }
    let shared_device = address.shared_device || storage::load_shared_device();
    let page = match address.route {
        Route::Survey { id, screen: Screen::Intro } => {
            let linked = storage::is_linked(&id);
            if !linked {
                platform::prefetch(&crate::route::survey_file(&id));
            }
            let Ok(survey) = load_survey(id).await else {
                return None;
            };
            crate::survey_file::hand_over(survey.clone());
            Page::Survey { survey, linked, starting: false, keeping: None, fingerprint: None }
        }
        // A survey carried in its link is kept on the device and shown at its own address, as
        // `pages::LinkPage` does; a link that cannot be opened is left to that page, which says why.
        Route::Link(payload) => {
            let Ok(Ok(id)) = link_opener(payload, shared_device).await else {
                return None;
            };
            platform::replace_hash(&Route::survey(&id, Screen::Intro).to_hash());
            let Ok(survey) = load_survey(id).await else {
                return None;
            };
            crate::survey_file::hand_over(survey.clone());
            Page::Survey { survey, linked: true, starting: false, keeping: None, fingerprint: None }
        }
        Route::Start => {
            let Ok(offered) = load_offered().await else {
                return None;
            };
            crate::survey_file::hand_over_offered(offered.clone());
            Page::Start(offered)
        }
        _ => return None,
    };
    // The address it is shown at (a link's is replaced by its survey's).
    let hash = platform::location_hash();
    let recipient = match &page {
        Page::Survey { survey, .. } => Some(fingerprinted(&survey.recipient)),
        Page::Start(_) => None,
    };
    let parts = match page {
        Page::Survey { .. } => SURVEY_PARTS,
        Page::Start(_) => START_PARTS,
    };
    SCREEN.set(Some(FirstScreen { page, language, texts, shared_device, hash, language_missing: false, shown: None }));
    draw();
    dom::body_class("first", true);
    if let Some(recipient) = recipient {
        // Asked once the screen is up: they may take a moment, and nothing should hold it up.
        platform::once_shown(focus::HEADING, 600, move || {
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(digest) = platform::sha256(&recipient).await {
                    let found = fingerprint_of_digest(&digest);
                    change(move |s| {
                        if let Page::Survey { fingerprint, .. } = &mut s.page {
                            *fingerprint = Some(found);
                        }
                    });
                }
            });
            if !shared_device {
                wasm_bindgen_futures::spawn_local(async {
                    let kept = storage::keep_storage().await;
                    change(move |s| {
                        if let Page::Survey { keeping, .. } = &mut s.page {
                            *keeping = Some(kept);
                        }
                    });
                });
            }
        });
    }
    Some(parts)
}

/// What the person chose here, for the app's screens starting now. What is done on the first
/// screen from then on until they take over goes to them (`follow`, `follow_start`).
pub fn handover() -> Option<Handover> {
    SCREEN.with_borrow(|screen| {
        let screen = screen.as_ref()?;
        START_PRESSED.set(matches!(screen.page, Page::Survey { starting: true, .. }));
        Some(Handover {
            language: screen.language.clone(),
            texts: screen.texts,
            shared_device: screen.shared_device,
            language_missing: screen.language_missing,
        })
    })
}

/// A choice made on the first screen after the app's screens have started.
pub enum Choice {
    Language(String),
    SharedDevice(bool),
}

type Follower = Rc<dyn Fn(Choice)>;

thread_local! {
    /// The app's screens, taking choices made on the first screen since they started.
    static FOLLOWER: RefCell<Option<Follower>> = const { RefCell::new(None) };
    /// The app's start screen, taking Start while the first screen is still up.
    static START_FOLLOWER: RefCell<Option<Rc<dyn Fn()>>> = const { RefCell::new(None) };
}

/// The app's screens take the choices made on the first screen from now on.
pub fn follow(follower: impl Fn(Choice) + 'static) {
    if SCREEN.with_borrow(Option::is_some) {
        FOLLOWER.set(Some(Rc::new(follower)));
    }
}

/// The app's start screen takes Start pressed on the first screen from now on.
pub fn follow_start(start: impl Fn() + 'static) {
    if SCREEN.with_borrow(Option::is_some) {
        START_FOLLOWER.set(Some(Rc::new(start)));
    }
}

/// Hands a choice to the app's screens, if they have started, and says whether it did.
fn forward(choice: Choice) -> bool {
    let Some(follower) = FOLLOWER.with_borrow(Clone::clone) else { return false };
    // In a task of its own, as every change here: the listener that calls this is running.
    wasm_bindgen_futures::spawn_local(async move { follower(choice) });
    true
}

/// Start, pressed: the screen says it is on its way, and the app's screens go on from there.
fn press_start() {
    match START_FOLLOWER.with_borrow(Clone::clone) {
        Some(start) => wasm_bindgen_futures::spawn_local(async move { start() }),
        None => START_PRESSED.set(true),
    }
    change(|s| {
        if let Page::Survey { starting, .. } = &mut s.page {
            *starting = true;
        }
    });
}

/// How long this browser keeps a draft, if the first screen has been told: the app's start
/// screen shows it at once, as the first screen did.
pub fn keeping() -> Option<Keeping> {
    SCREEN.with_borrow(|screen| match &screen.as_ref()?.page {
        Page::Survey { keeping, .. } => *keeping,
        Page::Start(_) => None,
    })
}

/// The fingerprint of the survey's key, if the first screen has it.
pub fn fingerprint() -> Option<String> {
    SCREEN.with_borrow(|screen| match &screen.as_ref()?.page {
        Page::Survey { fingerprint, .. } => fingerprint.clone(),
        Page::Start(_) => None,
    })
}

/// Whether Start was pressed on the first screen (once: the app's start screen goes on).
pub fn take_start() -> bool {
    START_PRESSED.replace(false)
}

/// Takes the first screen away as soon as the app's screens have drawn theirs (a survey's
/// screen, or a problem with its heading), before the browser paints, keeping keyboard focus
/// where it was.
pub fn take_over_when_drawn() {
    dom::once_added("body > main h1, body > main .survey", || {
        // Focus is kept on the same screen only: a link followed meanwhile leads elsewhere.
        let focused = SCREEN
            .take()
            .filter(|screen| screen.hash == platform::location_hash())
            .and_then(|screen| screen.shown?.focused_path("main"));
        // The app's start screen may go; the app itself stays, and takes a language whose text
        // arrives after this.
        START_FOLLOWER.take();
        dom::body_class("first", false);
        if let Some(path) = focused {
            dom::focus_path("body > main", &path);
        }
    });
}

/// Takes the first screen away at once (the app's screens could not be fetched, and say so).
pub fn remove() {
    SCREEN.take();
    START_PRESSED.set(false);
    dom::body_class("first", false);
}

/// Changes the state and draws the screen again, in a task of its own: it is called from the
/// screen's listeners, which cannot drop themselves.
fn change(update: impl FnOnce(&mut FirstScreen) + 'static) {
    wasm_bindgen_futures::spawn_local(async move {
        let changed = SCREEN.with_borrow_mut(|screen| match screen {
            Some(screen) => {
                update(screen);
                true
            }
            None => false,
        });
        if changed {
            draw();
        }
    });
}

/// A language chosen in the menu: the app's text in it first, then the screen in it. If that
/// text cannot be fetched, the screen stays as it was, and the app's screens say why
/// (`state::AppContext::set_language` does the same).
fn choose_language(tag: String) {
    if forward(Choice::Language(tag.clone())) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let loaded = i18n::load(UiLang::for_tag(&tag)).await;
        // The app's screens may have started meanwhile: they take it (and say if it failed).
        if forward(Choice::Language(tag.clone())) {
            return;
        }
        change(move |s| match loaded {
            Ok(texts) => {
                storage::save_language(&tag);
                s.language = tag;
                s.texts = texts;
            }
            Err(_) => s.language_missing = true,
        });
    });
}

/// Draws the screen from its state, in place of the last drawing, with focus where it was.
fn draw() {
    SCREEN.with_borrow_mut(|screen| {
        let Some(screen) = screen else { return };
        let focused = screen.shown.as_ref().and_then(|shown| shown.focused_path("main"));
        screen.shown = None;
        let shown = drawing(screen).show();
        if let Some(path) = focused {
            dom::focus_path(".first-screen main", &path);
        }
        screen.shown = Some(shown);
    });
}

/// The app's frame (`crate::App`) around the screen.
fn drawing(s: &FirstScreen) -> El {
    let t = s.texts;
    let page = match &s.page {
        Page::Start(offered) => start_page(s, offered),
        Page::Survey { survey, linked, starting, keeping, fingerprint } => {
            survey_page(s, survey, *linked, *starting, *keeping, fingerprint.as_deref())
        }
    };
    El::new("div")
        .attr("class", "first-screen")
        .child(
            El::new("header")
                .attr("class", "bar")
                .child(El::new("a").attr("class", "brand").attr("href", &Route::Start.href()).text(t.app_name)),
        )
        .child(
            El::new("main")
                .attr("id", "main")
                .child(El::new("div").attr("class", "notices").attr("role", "status"))
                .child(page),
        )
}

/// The menu of languages (`components::LanguagePicker`), showing `in_use`.
fn language_menu<'a>(t: &Texts, languages: impl Iterator<Item = &'a str>, in_use: &str) -> El {
    let (lang, dir) = own_words_marks(t, in_use);
    let mut menu = El::new("select").attr("id", "language").on_value(choose_language);
    for tag in languages {
        let option = El::new("option").attr("value", tag).attr("lang", tag);
        let option = if tag == in_use { option.attr("selected", "") } else { option };
        menu = menu.child(option.text(language_name(tag)));
    }
    let label =
        El::new("label").attr("for", "language").attr_if("lang", lang).attr_if("dir", dir).text(t.language_label);
    El::new("div").attr("class", "language").child(label).child(menu)
}

/// What anonymity means here, on this kind of device.
fn anonymous_statement(s: &FirstScreen) -> String {
    let t = s.texts;
    let kept = if s.shared_device { t.kept_nowhere_shared } else { t.kept_on_device };
    format!("{} {kept}", t.anonymous_statement)
}

/// The start page (`pages::start`), with nothing waiting to be sent.
fn start_page(s: &FirstScreen, offered: &Catalog) -> El {
    let t = s.texts;
    let tag = t.lang.tag();
    platform::set_title(&format!("{} – {}", t.start_heading, t.app_name));
    platform::set_document_language(tag, i18n::is_rtl(tag));
    let languages = UiLang::ALL.map(UiLang::tag);
    let in_use = languages.iter().find(|l| **l == s.language).or(languages.first()).copied().unwrap_or_default();
    let list = if offered.surveys.is_empty() {
        El::new("p").text(t.no_surveys)
    } else {
        offered.surveys.iter().fold(El::new("ul").attr("class", "surveys"), |list, entry| {
            let title = localized(&entry.title, &s.language, &entry.default_language);
            let title_lang = if entry.title.contains_key(&s.language) { &s.language } else { &entry.default_language };
            let link = El::new("a")
                .attr("class", "survey-link")
                .attr("href", &Route::survey(&entry.id, Screen::Intro).href())
                .attr("dir", if i18n::is_rtl(title_lang) { "rtl" } else { "ltr" })
                .attr("lang", title_lang)
                .text(title);
            list.child(El::new("li").child(link))
        })
    };
    let way = |route: Route, text: &str| El::new("li").child(El::new("a").attr("href", &route.href()).text(text));
    let other_ways = El::new("section")
        .attr("class", "other-ways")
        .attr("aria-labelledby", "other-ways-heading")
        .child(El::new("h2").attr("id", "other-ways-heading").text(t.other_ways_heading))
        .child(
            El::new("ul")
                .child(way(Route::Interview(None), t.interview_link))
                .child(way(Route::Kiosk(None), t.kiosk_link))
                .child(way(Route::Owner, t.owner_link)),
        );
    El::new("div")
        .attr("class", "start")
        .child(El::new("p").attr("class", "tagline").text(t.tagline))
        .child(El::new("h1").attr("id", focus::HEADING).attr("tabindex", "-1").text(t.start_heading))
        .child(language_menu(t, languages.into_iter(), in_use))
        .child(El::new("p").attr("class", "anonymous").text(&anonymous_statement(s)))
        .child(list)
        .child(other_ways)
}

/// A survey's frame (`pages::survey`) around its start screen.
fn survey_page(
    s: &FirstScreen,
    survey: &Survey,
    linked: bool,
    starting: bool,
    keeping: Option<Keeping>,
    fingerprint: Option<&str>,
) -> El {
    let t = s.texts;
    let content = survey.content_language(&s.language).to_string();
    let (lang, dir) = own_words_marks(t, &content);
    let own = |el: El| el.attr_if("lang", lang).attr_if("dir", dir);
    let title = localized(&survey.title, &content, &survey.default_language);
    platform::set_title(&format!("{title} – {}", t.app_name));
    platform::set_document_language(&content, i18n::is_rtl(&content));

    let test_key = (survey.recipient == lytt_core::TEST_RECIPIENT)
        .then(|| own(El::new("p").attr("class", "test-key")).text(t.test_key_banner));
    let bar = El::new("div")
        .attr("class", "survey-bar")
        .child(El::new("p").attr("class", "survey-title").text(title))
        .child(language_menu(t, survey.languages.iter().map(String::as_str), &content));

    let body = if starting {
        El::new("p").attr("aria-busy", "true").text(t.loading)
    } else {
        intro(s, survey, title, linked, keeping, own)
    };
    let mut page = El::new("div").attr("class", "survey");
    if let Some(test_key) = test_key {
        page = page.child(test_key);
    }
    page = page.child(bar).child(body);
    if let Some(fingerprint) = fingerprint {
        page = page.child(own(El::new("p").attr("class", "fingerprint")).text(&(t.key_fingerprint)(fingerprint)));
    }
    page
}

/// The start screen itself (`pages::survey::intro`), with no answers kept here.
fn intro(
    s: &FirstScreen,
    survey: &Survey,
    title: &str,
    linked: bool,
    keeping: Option<Keeping>,
    own: impl Fn(El) -> El,
) -> El {
    let t = s.texts;
    let content = survey.content_language(&s.language);
    let mut screen = El::new("div")
        .attr("class", "intro")
        .child(El::new("h1").attr("id", focus::HEADING).attr("tabindex", "-1").text(title));
    if let Some(lead) = &survey.intro {
        screen =
            screen.child(El::new("p").attr("class", "lead").text(localized(lead, content, &survey.default_language)));
    }
    screen = screen.child(own(El::new("p").attr("class", "anonymous")).text(&anonymous_statement(s)));
    if let (Some(keeping), false) = (keeping, s.shared_device) {
        let days = lytt_core::DRAFT_MAX_AGE_DAYS;
        let text = match keeping {
            Keeping::Persisted => (t.draft_days_kept)(days),
            Keeping::UnlessSpaceRunsOut => (t.draft_days_unless_full)(days),
            Keeping::SevenDaysWithoutVisit => (t.draft_days_webkit)(days),
        };
        screen = screen.child(own(El::new("p").attr("class", "hint kept-days")).text(&text));
    }
    let words = t.shared_computer();
    let device = if s.shared_device {
        El::new("div")
            .attr("class", "device")
            .child(El::new("p").text(words.shared_device_on))
            .child(El::new("p").attr("class", "hint").attr("id", "leave-shared-hint").text(words.leave_shared_hint))
            .child(
                El::new("button")
                    .attr("type", "button")
                    .attr("class", "secondary")
                    .attr("aria-describedby", "leave-shared-hint")
                    .text(words.leave_shared)
                    .on_click(|| set_shared_device(false)),
            )
    } else {
        El::new("div")
            .attr("class", "device")
            .child(
                El::new("label")
                    .attr("class", "choice")
                    .child(El::new("input").attr("type", "checkbox").on_checked(set_shared_device))
                    .child(El::new("span").text(words.shared_device_label)),
            )
            .child(El::new("p").attr("class", "hint").text(words.shared_device_hint))
    };
    let start = own(El::new("button").attr("type", "button").attr("class", "primary"))
        .text(t.start_survey)
        .on_click(press_start);
    screen = screen.child(own(El::new("div")).child(device)).child(El::new("div").attr("class", "nav").child(start));
    if linked {
        let id = survey.id.clone();
        let forget =
            El::new("button").attr("type", "button").attr("class", "link").text(t.forget_linked).on_click(move || {
                storage::forget_linked(&id);
                // The app's screens show the start page once they are in.
                platform::push_hash(&Route::Start.to_hash());
            });
        let kept = El::new("div").attr("class", "kept").child(El::new("p").attr("class", "hint").text(t.linked_kept));
        screen = screen.child(kept.child(forget));
    }
    screen
}

fn set_shared_device(shared: bool) {
    if !forward(Choice::SharedDevice(shared)) {
        storage::save_shared_device(shared);
    }
    change(move |s| s.shared_device = shared);
}
