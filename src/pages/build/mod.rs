//! `#/owner/build`: making a survey without writing JSON. The surveys in progress are kept in
//! local storage (a survey holds no answers); one is edited at a time, with undo and redo,
//! checked as it changes by the same code as the app and `lytt validate`, and published as its
//! file and the updated `surveys/index.json`. The domain is `lytt_core::builder`.

mod editor;
mod preview;
mod publish;
mod translations;

use leptos::prelude::*;
use lytt_core::builder::{empty_survey, Builder};
use lytt_core::validate::Problem;
use lytt_core::{localized, parse_survey, Survey};

use crate::focus;
use crate::i18n::BuildTexts;
use crate::platform;
use crate::platform::storage::{self, StorageProblem};
use crate::route::Route;
use crate::state::AppContext;

/// The survey being edited: its key in storage, the builder, and whether the last save failed.
#[derive(Clone, Copy)]
pub(super) struct Editing {
    key: StoredValue<String>,
    builder: RwSignal<Builder>,
    problems: Memo<Vec<Problem>>,
    save_failed: RwSignal<Option<StorageProblem>>,
    /// What the last action did, for screen readers ("Question 3 deleted").
    status: RwSignal<String>,
    /// Which view of the survey is shown.
    view: RwSignal<BuildView>,
}

/// The views of a survey being built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BuildView {
    Edit,
    Translations,
    Preview,
}

impl Editing {
    fn new(key: String, builder: Builder) -> Self {
        let builder = RwSignal::new(builder);
        Editing {
            key: StoredValue::new(key),
            builder,
            problems: Memo::new(move |_| builder.with(|b| lytt_core::builder::problems(&b.survey))),
            save_failed: RwSignal::new(None),
            status: RwSignal::new(String::new()),
            view: RwSignal::new(BuildView::Edit),
        }
    }

    /// Changes the survey (one step for undo) and keeps it.
    fn edit(self, change: impl FnOnce(&mut Survey)) {
        let mut changed = false;
        self.builder.update(|b| changed = b.edit(change));
        if changed {
            self.save();
        }
    }

    fn undo(self) {
        self.builder.update(|b| {
            b.undo();
        });
        self.status.set(String::new());
        self.save();
    }

    fn redo(self) {
        self.builder.update(|b| {
            b.redo();
        });
        self.status.set(String::new());
        self.save();
    }

    fn save(self) {
        let result = self.builder.with_untracked(|b| storage::save_built(&self.key.get_value(), b));
        self.save_failed.set(result.err());
    }

    /// Reads the survey.
    fn with<T>(self, f: impl FnOnce(&Survey) -> T) -> T {
        self.builder.with(|b| f(&b.survey))
    }

    /// The problems found at exactly this path, in the owner's words.
    fn problems_at(self, t: &BuildTexts, path: &str) -> Vec<String> {
        self.problems.with(|all| all.iter().filter(|p| p.path == path).map(|p| problem_text(t, p)).collect())
    }
}

/// What is wrong, in the builder's language where the validator says why (in English, as
/// `lytt validate` words it, where it does not: problems of a file's shape, opened by hand).
pub(super) fn problem_text(t: &BuildTexts, problem: &Problem) -> String {
    problem.why.as_ref().map_or_else(|| problem.message.clone(), |why| crate::i18n::why_in(t.lang, why))
}

/// The id of the field for a path of the survey file (`questions[2].prompt.nb` becomes
/// `f-questions-2-prompt-nb`), so that a problem's link finds its field.
pub(super) fn field_id(path: &str) -> String {
    let mut id = String::from("f-");
    for c in path.chars() {
        match c {
            '[' | '.' => id.push('-'),
            ']' => {}
            c if c.is_ascii_alphanumeric() || c == '-' || c == '_' => id.push(c),
            _ => id.push('_'),
        }
    }
    id
}

/// A surveys's name in the list: its title in its default language, or its id.
fn display_name(survey: &Survey) -> String {
    let title = localized(&survey.title, &survey.default_language, &survey.default_language).trim();
    if title.is_empty() {
        survey.id.clone()
    } else {
        title.to_string()
    }
}

fn today() -> String {
    let d = platform::today();
    format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
}

/// A key for a new survey in storage: unique enough among one owner's surveys.
fn new_key() -> String {
    match platform::random_bytes::<6>() {
        Some(bytes) => bytes.iter().map(|b| format!("{b:02x}")).collect(),
        None => format!("{}", platform::now_ms()),
    }
}

/// Why a survey could not be opened.
#[derive(Debug, Clone, PartialEq)]
enum OpenProblem {
    Unreadable(String),
    NotASurvey(String),
    Fetch,
    Storage(StorageProblem),
}

impl OpenProblem {
    fn text(&self, t: &BuildTexts) -> String {
        match self {
            OpenProblem::Unreadable(name) => (t.file_unreadable)(name),
            OpenProblem::NotASurvey(why) => (t.not_a_survey)(why),
            OpenProblem::Fetch => t.fetch_failed.to_string(),
            OpenProblem::Storage(StorageProblem::Full) => t.storage_full.to_string(),
            OpenProblem::Storage(StorageProblem::Unavailable) => t.storage_unavailable.to_string(),
        }
    }
}

/// A survey file read for the builder: through the strict checks where it passes them, and
/// otherwise as far as its shape allows, so that a file with mistakes opens with its problems
/// shown rather than not at all.
fn read_survey(text: &str) -> Result<Survey, OpenProblem> {
    match parse_survey(text) {
        Ok(survey) => Ok(survey),
        Err(errors) => serde_json::from_str::<Survey>(text).map_err(|_| OpenProblem::NotASurvey(errors.to_string())),
    }
}

#[component]
pub fn BuildPage() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    ctx.follow_app_language(|t| t.builder().heading);
    let (catalog, _) = super::fetched(super::start::load_catalog);
    let surveys = RwSignal::new(storage::load_built());
    let editing = RwSignal::new(None::<Editing>);
    let problem = RwSignal::new(None::<OpenProblem>);
    let new_language = RwSignal::new(ctx.language.get_untracked().split('-').next().unwrap_or("nb").to_string());
    let starter = RwSignal::new(String::new());
    // The last survey deleted from the list, to bring back.
    let deleted = RwSignal::new(None::<(String, Builder)>);

    // A survey opened from a list or a task lives as long as the page, not as the list that
    // opened it: its signals belong to the page.
    let page = Owner::current().unwrap_or_default();
    let page = StoredValue::new(page);
    let edit = move |key: String, builder: Builder| page.with_value(|owner| owner.with(|| Editing::new(key, builder)));
    let open = move |key: String, builder: Builder| {
        if let Err(why) = storage::save_built(&key, &builder) {
            problem.set(Some(OpenProblem::Storage(why)));
            return;
        }
        problem.set(None);
        surveys.set(storage::load_built());
        editing.set(Some(edit(key, builder)));
        platform::focus_soon(focus::HEADING);
    };
    let start_empty = move |_| {
        let language = new_language.get_untracked();
        open(new_key(), Builder::new(empty_survey("ny-undersokelse", &language, &today()), false));
    };
    let start_from_starter = move |_| {
        let id = starter.get_untracked();
        if id.is_empty() {
            return;
        }
        leptos::task::spawn_local(async move {
            match platform::fetch_text(&crate::route::survey_file(&id)).await {
                Ok(text) => match read_survey(&text) {
                    Ok(survey) => open(new_key(), Builder::new(survey, true)),
                    Err(why) => problem.set(Some(why)),
                },
                Err(_) => problem.set(Some(OpenProblem::Fetch)),
            }
        });
    };
    let open_file = move |ev: leptos::ev::Event| {
        let Some(file) = platform::chosen_files(&ev).into_iter().next() else { return };
        let name = file.name();
        let reading = file.start_text();
        leptos::task::spawn_local(async move {
            match reading.await {
                Some(text) => match read_survey(&text) {
                    Ok(survey) => open(new_key(), Builder::new(survey, true)),
                    Err(why) => problem.set(Some(why)),
                },
                None => problem.set(Some(OpenProblem::Unreadable(name))),
            }
        });
    };
    let back_to_list = move || {
        editing.set(None);
        surveys.set(storage::load_built());
        platform::focus_soon(focus::HEADING);
    };

    let list = move || {
        let t = ctx.texts().builder();
        let items = surveys
            .get()
            .into_iter()
            .map(|(key, builder)| {
                let name = display_name(&builder.survey);
                let (continue_key, delete_key, kept) = (key.clone(), key.clone(), builder.clone());
                view! {
                    <li>
                        <span class="build-name">{name.clone()}</span>" "<span class="hint">{builder.survey.id.clone()}</span>
                        <button type="button" class="secondary" on:click=move |_| {
                            if let Some((_, b)) = storage::load_built().into_iter().find(|(k, _)| *k == continue_key) {
                                editing.set(Some(edit(continue_key.clone(), b)));
                                platform::focus_soon(focus::HEADING);
                            }
                        }>{(t.continue_survey)(&name)}</button>
                        <button type="button" class="secondary" on:click=move |_| {
                            storage::delete_built(&delete_key);
                            deleted.set(Some((delete_key.clone(), kept.clone())));
                            surveys.set(storage::load_built());
                        }>{(t.delete_survey)(&name)}</button>
                    </li>
                }
            })
            .collect_view();
        let restore = move || {
            deleted.get().map(|(_, builder)| {
                let name = display_name(&builder.survey);
                view! {
                    <p role="status">
                        {(t.survey_deleted)(&name)}" "
                        <button type="button" class="secondary" on:click=move |_| {
                            if let Some((key, builder)) = deleted.get_untracked() {
                                let _ = storage::save_built(&key, &builder);
                                deleted.set(None);
                                surveys.set(storage::load_built());
                            }
                        }>{t.undo}</button>
                    </p>
                }
                .into_view()
            })
        };
        let starters = move || {
            let options = catalog.with(|c| match c {
                Some(Ok(catalog)) => catalog
                    .surveys
                    .iter()
                    .map(|e| {
                        let title = localized(&e.title, &ctx.language.get(), &e.default_language).to_string();
                        view! { <option value=e.id.clone()>{title}</option> }
                    })
                    .collect::<Vec<_>>(),
                _ => Vec::new(),
            });
            view! {
                <option value="">{t.choose_starter}</option>
                {options}
            }
        };
        view! {
            <h1 id=focus::HEADING tabindex="-1">{t.heading}</h1>
            <p>{t.intro}</p>
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p.text(t)}</p> })}
            {restore}
            <section aria-labelledby="build-in-progress">
                <h2 id="build-in-progress">{t.in_progress}</h2>
                {move || surveys.with(Vec::is_empty).then(|| view! { <p>{t.none_in_progress}</p> })}
                <ul class="build-list">{items}</ul>
            </section>
            <section aria-labelledby="build-new">
                <h2 id="build-new">{t.new_heading}</h2>
                <div class="field">
                    <label for="build-language">{t.new_language}</label>
                    <select id="build-language" on:change=move |ev| new_language.set(event_target_value(&ev))>
                        {["nb", "nn", "sv", "en"]
                            .into_iter()
                            .map(|l| view! { <option value=l selected=new_language.get_untracked() == l>{language_name(l)}</option> })
                            .collect_view()}
                    </select>
                </div>
                <button type="button" class="primary" on:click=start_empty>{t.start_empty}</button>
                <div class="field">
                    <label for="build-starter">{t.starter_label}</label>
                    <select id="build-starter" on:change=move |ev| starter.set(event_target_value(&ev))>{starters}</select>
                </div>
                <button type="button" class="secondary" on:click=start_from_starter>{t.start_from_starter}</button>
                <div class="field">
                    <label for="build-file">{t.open_file}</label>
                    <input id="build-file" type="file" accept=".json,application/json" on:change=open_file />
                </div>
            </section>
            <p><a href=Route::Owner.href()>{ctx.text(|t| t.owner_link)}</a></p>
        }
    };

    view! {
        <link rel="stylesheet" href="build.css" />
        <div class="builder-page">
            {move || match editing.get() {
                Some(ed) => editor::Editor(editor::EditorProps { ed, back: Callback::new(move |_| back_to_list()) }).into_any(),
                None => list().into_any(),
            }}
        </div>
    }
}

/// A language's own name, for the languages the builder offers first.
pub(super) fn language_name(tag: &str) -> String {
    match tag {
        "nb" => "norsk bokmål".into(),
        "nn" => "norsk nynorsk".into(),
        "sv" => "svenska".into(),
        "en" => "English".into(),
        "ar" => "العربية".into(),
        "uk" => "українська".into(),
        "pl" => "polski".into(),
        "so" => "Soomaali".into(),
        "ti" => "ትግርኛ".into(),
        "fa" => "فارسی".into(),
        "prs" => "دری".into(),
        "se" => "davvisámegiella".into(),
        other => other.to_string(),
    }
}
