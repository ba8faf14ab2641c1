use leptos::prelude::*;
use lytt_core::{localized, parse_catalog, Catalog};

use crate::components::LanguagePicker;
use crate::focus;
use crate::i18n::UiLang;
use crate::platform;
use crate::route::{Route, Screen};
use crate::AppContext;

/// Why the list of surveys could not be shown.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum CatalogProblem {
    /// Not fetched (offline, server error).
    Fetch,
    /// Fetched but not a valid index file.
    Invalid(String),
}

pub(super) async fn load_catalog() -> Result<Catalog, CatalogProblem> {
    let text = platform::fetch_text("surveys/index.json").await.map_err(|_| CatalogProblem::Fetch)?;
    parse_catalog(&text).map_err(|e| CatalogProblem::Invalid(e.to_string()))
}

/// The surveys of a catalog as a list of links to `<href_prefix><survey id>`, each title in the
/// person's language where the survey has it (and marked with the language it is in).
pub(super) fn survey_links(catalog: Catalog, language: &str, route: fn(String) -> Route) -> impl IntoView {
    let links = catalog
        .surveys
        .into_iter()
        .map(|entry| {
            let title = localized(&entry.title, language, &entry.default_language).to_string();
            let title_lang =
                if entry.title.contains_key(language) { language.to_string() } else { entry.default_language.clone() };
            view! {
                <li>
                    <a class="survey-link" href=route(entry.id).href() lang=title_lang>{title}</a>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="surveys">{links}</ul> }
}

/// The start page: the surveys on offer, the language, and what anonymity means here.
#[component]
pub fn StartPage() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let catalog: RwSignal<Option<Result<Catalog, CatalogProblem>>> = RwSignal::new(None);
    let load = move || {
        catalog.set(None);
        leptos::task::spawn_local(async move { catalog.set(Some(load_catalog().await)) });
    };
    load();
    super::follow_app_language(ctx, |t| t.start_heading);
    let languages: Vec<String> = UiLang::ALL.iter().map(|l| l.tag().to_string()).collect();

    let list = move || {
        let t = ctx.texts();
        match catalog.get() {
            None => view! { <p aria-busy="true">{t.loading}</p> }.into_any(),
            Some(Err(problem)) => {
                let detail = match problem {
                    CatalogProblem::Fetch => None,
                    CatalogProblem::Invalid(why) => Some(view! { <p class="technical" lang="en">{why}</p> }),
                };
                view! {
                    <div class="problem">
                        <p>{t.catalog_error}</p>
                        {detail}
                        <button type="button" class="secondary" on:click=move |_| load()>{t.retry}</button>
                    </div>
                }
                .into_any()
            }
            Some(Ok(catalog)) if catalog.surveys.is_empty() => view! { <p>{t.no_surveys}</p> }.into_any(),
            Some(Ok(catalog)) => {
                survey_links(catalog, &ctx.language.get(), |id| Route::Survey { id, screen: Screen::Intro }).into_any()
            }
        }
    };

    // Surveys with sealed records on this device. A panel stays for the rest of the visit once
    // shown, so that "sent" or "saved" can be read after its records are gone.
    let waiting_surveys = Memo::new(move |previous: Option<&Vec<String>>| {
        let mut surveys: Vec<String> = previous.cloned().unwrap_or_default();
        ctx.outbox.entries.with(|list| surveys.extend(list.iter().map(|e| e.survey.clone())));
        surveys.sort();
        surveys.dedup();
        surveys
    });
    let waiting = move || {
        let language = ctx.language.get();
        let t = ctx.texts();
        waiting_surveys
            .get()
            .into_iter()
            .map(|id| {
                let title = catalog.with(|c| match c {
                    Some(Ok(catalog)) => catalog
                        .surveys
                        .iter()
                        .find(|e| e.id == id)
                        .map(|e| localized(&e.title, &language, &e.default_language).to_string()),
                    _ => None,
                });
                let heading = format!("{}: {}", t.outbox_heading, title.unwrap_or_else(|| id.clone()));
                crate::parts::delivery_panel(id, heading)
            })
            .collect_view()
    };

    view! {
        <div class="start">
            <p class="tagline">{ctx.text(|t| t.tagline)}</p>
            <h1 id=focus::HEADING tabindex="-1">{ctx.text(|t| t.start_heading)}</h1>
            <LanguagePicker languages=languages />
            <p class="anonymous">{move || format!("{} {}", ctx.texts().anonymous_statement, ctx.kept_statement())}</p>
            {list}
            {waiting}
            <section class="other-ways" aria-labelledby="other-ways-heading">
                <h2 id="other-ways-heading">{ctx.text(|t| t.other_ways_heading)}</h2>
                <ul>
                    <li><a href="#/interview">{ctx.text(|t| t.interview_link)}</a></li>
                    <li><a href="#/kiosk">{ctx.text(|t| t.kiosk_link)}</a></li>
                    <li><a href="#/owner">{ctx.text(|t| t.owner_link)}</a></li>
                </ul>
            </section>
        </div>
    }
}
