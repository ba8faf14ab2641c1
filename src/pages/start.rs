//! The start page: the surveys on offer, the language, what anonymity means here, what waits
//! to be sent, and the other ways of using Lytt.

use leptos::prelude::*;
use lytt_core::{localized, Catalog};

use crate::components::{LanguagePicker, Problem};
use crate::delivery::Outbox;
use crate::focus;
use crate::i18n::UiLang;
use crate::route::{Route, Screen};
use crate::state::AppContext;
#[cfg(feature = "owner")]
pub(super) use crate::survey_file::load_catalog;
pub(super) use crate::survey_file::{load_offered, CatalogProblem};

/// The list of surveys, or why it cannot be shown (with "Try again").
pub(super) fn catalog_view(
    ctx: AppContext,
    catalog: Option<Result<Catalog, CatalogProblem>>,
    retry: Callback<()>,
    route: fn(String) -> Route,
) -> AnyView {
    match catalog {
        None => view! { <p aria-busy="true">{ctx.text(|t| t.loading)}</p> }.into_any(),
        Some(Err(problem)) => catalog_problem(problem, retry),
        Some(Ok(catalog)) if catalog.surveys.is_empty() => view! { <p>{ctx.text(|t| t.no_surveys)}</p> }.into_any(),
        Some(Ok(catalog)) => survey_links(catalog, &ctx.language.get(), route).into_any(),
    }
}

/// Why the list of surveys cannot be shown, with "Try again".
pub(super) fn catalog_problem(problem: CatalogProblem, retry: Callback<()>) -> AnyView {
    let details = match problem {
        CatalogProblem::Fetch => None,
        CatalogProblem::Invalid(why) => Some(view! { <p class="technical" lang="en">{why}</p> }.into_any()),
    };
    view! { <Problem message=|t| t.catalog_error details=details retry=Some(retry) /> }.into_any()
}

/// The surveys of a catalog as a list of links to the route `route` makes of each id, each title in the
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
                    // Its own direction too: a Norwegian title in an Arabic page keeps its
                    // question mark at its end.
                    <a
                        class="survey-link"
                        href=route(entry.id).href()
                        dir=if crate::i18n::is_rtl(&title_lang) { "rtl" } else { "ltr" }
                        lang=title_lang
                    >
                        {title}
                    </a>
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
    let outbox = expect_context::<Outbox>();
    let (catalog, retry) = super::fetched(load_offered);
    ctx.follow_app_language(|t| t.start_heading);
    let languages: Vec<String> = UiLang::ALL.iter().map(|l| l.tag().to_string()).collect();
    let list = move || catalog_view(ctx, catalog.get(), retry, |id| Route::survey(&id, Screen::Intro));

    // Surveys with sealed records on this device. A panel stays for the rest of the visit once
    // shown, so that "sent" or "saved" can be read after its records are gone.
    let waiting_surveys = Memo::new(move |previous: Option<&Vec<String>>| {
        let mut surveys: Vec<String> = previous.cloned().unwrap_or_default();
        // Kept in order, each once, by inserting in place: a sort would be 4 KB of code in the
        // main module, which every page loads, for a list of a few surveys.
        outbox.entries.with(|list| {
            for entry in list {
                if let Err(at) = surveys.binary_search(&entry.survey) {
                    surveys.insert(at, entry.survey.clone());
                }
            }
        });
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
                    <li><a href=Route::Interview(None).href()>{ctx.text(|t| t.interview_link)}</a></li>
                    <li><a href=Route::Kiosk(None).href()>{ctx.text(|t| t.kiosk_link)}</a></li>
                    <li><a href=Route::Owner.href()>{ctx.text(|t| t.owner_link)}</a></li>
                </ul>
            </section>
        </div>
    }
}
