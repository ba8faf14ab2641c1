//! Publishing: the survey's file and the updated `surveys/index.json` downloaded, with short
//! instructions; a new version suggested when the questions changed since the file that was
//! opened, and a warning for each change that breaks comparison with earlier rounds. Publishing
//! with the published test key needs an explicit "this is only a test".

use leptos::prelude::*;
use lytt_core::builder::{changes, publish, suggest_version, updated_index, Break};

use super::{field_id, Editing};
use crate::i18n::BuildTexts;
use crate::platform;

/// What publishing found in the way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refused {
    Problems,
    TestKey,
    Download,
    Index,
}

fn break_text(t: &BuildTexts, change: &Break) -> String {
    match change {
        Break::TypeChanged { question } => (t.break_type)(question),
        Break::PromptChanged { question } => (t.break_prompt)(question),
        Break::OptionRemoved { question, option } => (t.break_option)(question, option),
    }
}

#[component]
pub(super) fn Publish(t: &'static BuildTexts, ed: Editing) -> impl IntoView {
    let test_ok = RwSignal::new(false);
    let refused = RwSignal::new(None::<Refused>);
    let published = RwSignal::new(None::<String>);
    let is_test = move || ed.with(|s| s.recipient.trim().eq_ignore_ascii_case(lytt_core::TEST_RECIPIENT));
    let found = move || {
        ed.builder.with(|b| b.opened.as_ref().map(|opened| (opened.version.clone(), changes(opened, &b.survey))))
    };
    let version_note = move || {
        let (old_version, found) = found()?;
        let version = ed.with(|s| s.version.clone());
        (found.questions_changed && version == old_version).then(|| {
            let suggested = suggest_version(&old_version, &super::today());
            let label = (t.use_version)(&suggested);
            view! {
                <p class="warning">{t.version_due}" "
                    <button type="button" class="secondary" id="build-use-version" on:click=move |_| {
                        let suggested = suggested.clone();
                        ed.edit(|s| s.version = suggested);
                    }>{label}</button>
                </p>
            }
        })
    };
    let breaks = move || {
        let (_, found) = found()?;
        (!found.breaks.is_empty()).then(|| {
            let items = found.breaks.iter().map(|b| view! { <li>{break_text(t, b)}</li> }).collect_view();
            view! {
                <div class="warning">
                    <p>{t.breaks_heading}</p>
                    <ul>{items}</ul>
                </div>
            }
        })
    };
    let go = move |_| {
        published.set(None);
        if !ed.problems.with(Vec::is_empty) {
            refused.set(Some(Refused::Problems));
            platform::focus_soon("build-problems");
            return;
        }
        if is_test() && !test_ok.get_untracked() {
            refused.set(Some(Refused::TestKey));
            platform::focus_soon("build-test-only");
            return;
        }
        refused.set(None);
        let survey = ed.builder.with_untracked(|b| b.survey.clone());
        if !platform::download(&format!("{}.json", survey.id), &publish(&survey), "application/json") {
            refused.set(Some(Refused::Download));
            return;
        }
        leptos::task::spawn_local(async move {
            // The site's present index, so that the other surveys stay listed; none yet is fine.
            let present = platform::fetch_text("surveys/index.json").await.ok();
            let index = updated_index(present.as_deref(), &survey)
                .or_else(|_| updated_index(None, &survey))
                .ok()
                .filter(|index| platform::download("index.json", index, "application/json"));
            match index {
                Some(_) => {
                    published.set(Some(survey.id.clone()));
                    platform::focus_soon("build-published");
                }
                None => refused.set(Some(Refused::Index)),
            }
        });
    };
    view! {
        <section aria-labelledby="build-publish-heading" class="build-publish">
            <h2 id="build-publish-heading">{t.publish_heading}</h2>
            {version_note}
            {breaks}
            {move || is_test().then(|| view! {
                <div class="field checkbox">
                    <input id="build-test-only" type="checkbox" prop:checked=move || test_ok.get() on:change=move |ev| test_ok.set(event_target_checked(&ev)) />
                    <label for="build-test-only">{t.test_only}</label>
                </div>
            })}
            {move || refused.get().map(|why| {
                let text = match why {
                    Refused::Problems => t.publish_problems,
                    Refused::TestKey => t.publish_test_key,
                    Refused::Download => t.download_failed,
                    Refused::Index => t.index_failed,
                };
                view! { <p class="error" role="alert">{text}</p> }
            })}
            <button type="button" class="primary" id="build-publish" on:click=go>{t.publish}</button>
            {move || published.get().map(|id| view! {
                <div class="published" id="build-published" tabindex="-1">
                    <p><strong>{(t.published)(&id)}</strong></p>
                    <ol>
                        <li>{(t.publish_step_file)(&id)}</li>
                        <li>{t.publish_step_index}</li>
                        <li>{(t.publish_step_link)(&id)}</li>
                    </ol>
                </div>
            })}
            <p class="hint">{t.publish_hint}" "<a href=format!("#{}", field_id("recipient")) on:click=move |ev: leptos::ev::MouseEvent| {
                ev.prevent_default();
                platform::focus_soon(&field_id("recipient"));
            }>{t.recipient}</a></p>
        </section>
    }
}
