//! Publishing: the survey's file and the updated `surveys/index.json` downloaded, with short
//! instructions; or the whole survey in a link (`lytt_core::link`) with its QR code, uploaded
//! nowhere. A new version is suggested when the questions changed since the file that was
//! opened, with a warning for each change that breaks comparison with earlier rounds.
//! Publishing with the published test key needs an explicit "this is only a test".

use leptos::prelude::*;
use lytt_core::builder::{changes, publish, suggest_version, updated_index, Break};
use lytt_core::link::{self, DENSE_QR_LINK_CHARS, MAX_PAYLOAD_CHARS, MAX_QR_LINK_CHARS};
use lytt_core::qr::qr_code;

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
    // The same checks before a file or a link is made.
    let may_publish = move || {
        if !ed.problems.with(Vec::is_empty) {
            refused.set(Some(Refused::Problems));
            platform::focus_soon("build-problems");
            return false;
        }
        if is_test() && !test_ok.get_untracked() {
            refused.set(Some(Refused::TestKey));
            platform::focus_soon("build-test-only");
            return false;
        }
        refused.set(None);
        true
    };
    let go = move |_| {
        published.set(None);
        if !may_publish() {
            return;
        }
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
            <PublishLink t=t ed=ed may_publish=Callback::new(move |_| may_publish()) />
        </section>
    }
}

/// A survey's link as made: the link, or why there is none.
#[derive(Debug, Clone, PartialEq)]
enum Made {
    Link(String),
    /// The browser has no `CompressionStream`.
    Failed,
}

/// Publishing as a link: the survey's file, compressed, after the `#` of the app's address,
/// with its length and a QR code of it where one can hold it.
#[component]
fn PublishLink(t: &'static BuildTexts, ed: Editing, may_publish: Callback<(), bool>) -> impl IntoView {
    let app = RwSignal::new(platform::app_address());
    let made = RwSignal::new(None::<Made>);
    let copied = RwSignal::new(false);
    // A link shown is the survey's link only until the survey or the address changes.
    Effect::new(move |_| {
        ed.builder.track();
        app.track();
        made.set(None);
    });
    let make = move |_| {
        if !may_publish.run(()) {
            return;
        }
        let text = ed.builder.with_untracked(|b| link::link_text(&b.survey));
        let address = app.get_untracked();
        leptos::task::spawn_local(async move {
            let outcome = match platform::deflate_raw(text.as_bytes()).await {
                Some(compressed) => {
                    let payload = link::encode_payload(&compressed);
                    Made::Link(format!("{}#{}", address.trim(), link::link_hash(&payload)))
                }
                None => Made::Failed,
            };
            copied.set(false);
            made.set(Some(outcome));
            platform::focus_soon("build-link");
        });
    };
    let copy = move |_| {
        if let Some(Made::Link(link)) = made.get_untracked() {
            leptos::task::spawn_local(async move { copied.set(platform::copy_text(&link).await) });
        }
    };
    let shown = move || {
        made.get().map(|made| match made {
            Made::Failed => view! { <p class="error" role="alert" id="build-link" tabindex="-1">{t.link_failed}</p> }.into_any(),
            Made::Link(link) => {
                let length = link.chars().count();
                let payload = link::payload_in(&link).map_or(0, str::len);
                let too_long = payload > MAX_PAYLOAD_CHARS;
                let qr = (length <= MAX_QR_LINK_CHARS).then(|| qr_code(&link)).flatten();
                let qr_view = match qr {
                    Some(qr) => {
                        let svg = qr.svg();
                        let full = qr.size + 2 * lytt_core::qr::QUIET_ZONE;
                        let view_box = format!("-4 -4 {full} {full}");
                        let dense = (length > DENSE_QR_LINK_CHARS).then(|| view! { <p class="warning">{t.dense_qr}</p> });
                        view! {
                            <figure class="qr">
                                <svg role="img" aria-label=t.qr_label viewBox=view_box shape-rendering="crispEdges" id="build-qr">
                                    <rect x="-4" y="-4" width=full height=full fill="#fff" />
                                    <path d=qr.path fill="#000" />
                                </svg>
                            </figure>
                            {dense}
                            <button type="button" class="secondary" id="build-download-qr" on:click=move |_| {
                                let id = ed.builder.with_untracked(|b| b.survey.id.clone());
                                platform::download(&format!("{id}-qr.svg"), &svg, "image/svg+xml");
                            }>{t.download_qr}</button>
                        }
                        .into_any()
                    }
                    None => view! { <p class="warning" id="build-no-qr">{(t.no_qr)(MAX_QR_LINK_CHARS)}</p> }.into_any(),
                };
                view! {
                    <div class="field">
                        <label for="build-link">{t.link_label}</label>
                        <textarea id="build-link" readonly rows="3" spellcheck="false">{link.clone()}</textarea>
                    </div>
                    <p role="status" id="build-link-size">{(t.link_size)(length)}</p>
                    {too_long.then(|| view! { <p class="error" role="alert">{(t.link_too_long)(MAX_PAYLOAD_CHARS)}</p> })}
                    <button type="button" class="secondary" id="build-copy-link" on:click=copy>{t.copy_link}</button>
                    <span role="status">{move || copied.get().then_some(t.link_copied)}</span>
                    {qr_view}
                }
                .into_any()
            }
        })
    };
    view! {
        <section aria-labelledby="build-link-heading" class="build-link">
            <h3 id="build-link-heading">{t.link_heading}</h3>
            <p>{t.link_intro}</p>
            <div class="field">
                <label for="build-app-address">{t.app_address}</label>
                <p class="hint" id="build-app-address-hint">{t.app_address_hint}</p>
                <input id="build-app-address" type="url" aria-describedby="build-app-address-hint" spellcheck="false"
                    prop:value=move || app.get() on:change=move |ev| app.set(event_target_value(&ev)) />
            </div>
            <button type="button" class="primary" id="build-make-link" on:click=make>{t.make_link}</button>
            {shown}
        </section>
    }
}
