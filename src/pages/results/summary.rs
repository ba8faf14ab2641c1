//! The plain-language summary for the people who answered (results back to participants, as
//! user-led audits and the dialogue conference do): the headline figures in words, the main
//! themes, the chosen quotes (redacted) and what the service will do, in any of the survey's
//! languages, printable on its own. It holds no free text but the chosen quotes and no group
//! smaller than `min_group_size` (`lytt_core::analysis::ParticipantSummary`).

use std::rc::Rc;

use leptos::prelude::*;
use lytt_core::analysis::ParticipantSummary;
use lytt_core::results::Request;

use super::open::{OpenProblem, Pool};
use crate::i18n::{results_in, UiLang};
use crate::platform;
use crate::state::AppContext;

/// The class on the page's root while only the summary is printed (see results.css).
const PRINTING: &str = "printing-summary";

#[component]
pub(super) fn ParticipantsSummary(
    pool: StoredValue<Option<Rc<Pool>>, LocalStorage>,
    language: String,
) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let summary = RwSignal::new(None::<ParticipantSummary>);
    let problem = RwSignal::new(None::<OpenProblem>);
    let commitments = RwSignal::new(String::new());
    let language = RwSignal::new(language);
    let ask = move |set: Option<String>| {
        let Some(workers) = pool.get_value() else { return };
        let request = Request::ParticipantSummary { language: language.get_untracked(), commitments: set };
        leptos::task::spawn_local(async move {
            match workers.participant_summary(request).await {
                Ok(next) => {
                    commitments.set(next.commitments.clone());
                    summary.set(Some(next));
                }
                Err(why) => problem.set(Some(why)),
            }
        });
    };
    let body = move || {
        let t = ctx.texts().results();
        let Some(s) = summary.get() else {
            return view! { <button type="button" class="secondary" on:click=move |_| ask(None)>{t.summary_open}</button> }
                .into_any();
        };
        let languages = s
            .languages
            .iter()
            .map(|l| view! { <option value=l.clone() selected=*l == s.language>{crate::i18n::language_name(l)}</option> })
            .collect_view();
        view! {
            <div class="no-print reading-controls">
                <div class="field">
                    <label for="summary-language">{t.summary_language}</label>
                    <select id="summary-language" on:change=move |ev| {
                        language.set(event_target_value(&ev));
                        ask(None);
                    }>{languages}</select>
                </div>
                <form class="field" on:submit=move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    ask(Some(commitments.get_untracked()));
                }>
                    <label for="summary-commitments">{t.summary_commitments_label}</label>
                    <textarea id="summary-commitments" rows="4" prop:value=move || commitments.get() on:input=move |ev| commitments.set(event_target_value(&ev))></textarea>
                    <button type="submit" class="secondary">{t.summary_commitments_save}</button>
                </form>
                <button type="button" class="secondary" on:click=move |_| platform::print_with_class(PRINTING)>{t.summary_print}</button>
            </div>
            {summary_view(&s)}
        }
        .into_any()
    };
    view! {
        <section class="participants" aria-labelledby="participants-heading">
            <h2 id="participants-heading">{move || ctx.texts().results().summary_open}</h2>
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p.text(ctx.texts().results())}</p> })}
            {body}
        </section>
    }
}

/// The summary itself, all of it in the summary's language.
fn summary_view(s: &ParticipantSummary) -> impl IntoView {
    let t = results_in(UiLang::for_tag(&s.language));
    let figures = match s.responses {
        None => view! { <p>{t.summary_few}</p> }.into_any(),
        Some(n) => {
            let indicator = s.indicator.as_ref().map(|(label, share, target)| {
                view! { <p class="indicator-figure">{(t.summary_indicator)(label, share * 100.0, target * 100.0)}</p> }
            });
            let common = s
                .common
                .iter()
                .map(|c| view! { <li>{(t.summary_common)(&c.prompt, &c.label, c.share * 100.0)}</li> })
                .collect_view();
            view! {
                <p>{(t.summary_answered)(n)}</p>
                {indicator}
                <ul>{common}</ul>
            }
            .into_any()
        }
    };
    let themes = (!s.themes.is_empty()).then(|| {
        let items = s.themes.iter().map(|(name, _)| view! { <li>{name.clone()}</li> }).collect_view();
        view! { <h3>{t.summary_themes}</h3><ul>{items}</ul> }
    });
    let quotes = (!s.quotes.is_empty()).then(|| {
        let items = s.quotes.iter().map(|q| view! { <blockquote>{format!("«{q}»")}</blockquote> }).collect_view();
        view! { <h3>{t.summary_quotes}</h3>{items} }
    });
    let commitments = (!s.commitments.trim().is_empty()).then(|| {
        view! { <h3>{t.summary_commitments}</h3><p class="commitments">{s.commitments.clone()}</p> }
    });
    view! {
        <article class="participant-summary" lang=s.language.clone()>
            <h2>{t.summary_heading}</h2>
            <h3>{s.title.clone()}</h3>
            <p>{t.summary_intro}</p>
            {figures}
            {themes}
            {quotes}
            {commitments}
        </article>
    }
}
