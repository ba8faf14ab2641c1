//! The free-text answers for the analysis seminar: one question at a time, in an order of their
//! own, large and calm to read aloud from. What looks identifying is marked for the owner to
//! check and redact with one action; answers are marked read, tagged with themes (number keys
//! 1–9 on a focused answer) and chosen as quotes. The work is the worker's `Analysis`
//! (`lytt_core::analysis`), saved as a file sealed to the owner's own key.

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use lytt_core::analysis::{Change, Filter, ReadingItem, ReadingView};
use lytt_core::identifying::DetailKind;
use lytt_core::results::{ExportFormat, Request};

use super::figures::count_text;
use super::open::{OpenProblem, Pool};
use crate::i18n::ResultsTexts;
use crate::platform;
use crate::state::AppContext;

fn kind_word(t: &ResultsTexts, kind: DetailKind) -> &'static str {
    match kind {
        DetailKind::Name => t.kind_name,
        DetailKind::Phone => t.kind_phone,
        DetailKind::Email => t.kind_email,
        DetailKind::Address => t.kind_address,
        DetailKind::Postcode => t.kind_postcode,
        DetailKind::NationalId => t.kind_id,
        DetailKind::Date => t.kind_date,
        DetailKind::Age => t.kind_age,
        DetailKind::Listed => t.kind_listed,
        DetailKind::Other => t.kind_other,
    }
}

/// The kinds an owner can give a redaction of words they chose.
fn chosen_kinds() -> impl Iterator<Item = DetailKind> {
    DetailKind::FOUND_IN_TEXT.into_iter().chain([DetailKind::Other])
}

/// A piece of an answer as shown: plain text, a redacted span, or a flagged one.
enum Piece {
    Plain(String),
    Redacted { start: usize, kind: DetailKind },
    Flagged { start: usize, end: usize, kind: DetailKind, text: String },
}

fn pieces(item: &ReadingItem) -> Vec<Piece> {
    let text = &item.text;
    let mut spans: Vec<(usize, usize, Option<DetailKind>, DetailKind)> =
        item.work.redactions.iter().map(|r| (r.start, r.end, None, r.kind)).collect();
    for f in &item.flags {
        if !item.work.redactions.iter().any(|r| r.start < f.end && f.start < r.end) {
            spans.push((f.start, f.end, Some(f.kind), f.kind));
        }
    }
    spans.sort_by_key(|s| s.0);
    let mut out = Vec::new();
    let mut at = 0;
    for (start, end, flagged, kind) in spans {
        let (Some(before), Some(inside)) = (text.get(at..start), text.get(start..end)) else { continue };
        out.push(Piece::Plain(before.to_string()));
        out.push(match flagged {
            Some(kind) => Piece::Flagged { start, end, kind, text: inside.to_string() },
            None => Piece::Redacted { start, kind },
        });
        at = end;
    }
    out.push(Piece::Plain(text.get(at..).unwrap_or_default().to_string()));
    out
}

/// The "Free text" section under the results.
#[component]
pub(super) fn FreeText(
    pool: StoredValue<Option<Rc<Pool>>, LocalStorage>,
    survey: String,
    language: String,
) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let view = RwSignal::new(None::<Arc<ReadingView>>);
    let problem = RwSignal::new(None::<OpenProblem>);
    let question = RwSignal::new(None::<String>);
    let filter = RwSignal::new(Filter::default());
    let new_theme = RwSignal::new(String::new());
    let language = StoredValue::new(language);
    let survey = StoredValue::new(survey);
    let ask = move |change: Option<Change>| {
        let Some(workers) = pool.get_value() else { return };
        let request = Request::Reading {
            question: question.get_untracked(),
            filter: filter.get_untracked(),
            language: language.get_value(),
            change,
        };
        // The view is drawn again after every change; focus goes back where it was, or to the
        // answer it was in when the control is gone (a redacted detail's button).
        let focused = platform::focused_id();
        leptos::task::spawn_local(async move {
            match workers.reading(request).await {
                Ok(next) => {
                    question.set(Some(next.question.clone()));
                    view.set(Some(Arc::new(next)));
                    if let Some(id) = focused {
                        let card = id.split('-').take(2).collect::<Vec<_>>().join("-");
                        platform::focus_first_soon(vec![id, card]);
                    }
                }
                Err(why) => problem.set(Some(why)),
            }
        });
    };
    let save = move |_| {
        let Some(workers) = pool.get_value() else { return };
        leptos::task::spawn_local(async move {
            match workers.save_analysis().await {
                Ok(file) => {
                    if !platform::download(&format!("{}.lytt-analysis", survey.get_value()), &file, "text/plain") {
                        problem.set(Some(OpenProblem::Worker("the browser did not make the file".into())));
                    }
                }
                Err(why) => problem.set(Some(why)),
            }
        });
    };
    let open_file = move |ev: leptos::ev::Event| {
        let Some(file) = platform::chosen_files(&ev).into_iter().next() else { return };
        let Some(workers) = pool.get_value() else { return };
        leptos::task::spawn_local(async move {
            match workers.open_analysis(&file).await {
                Ok(()) => ask(None),
                Err(why) => problem.set(Some(why)),
            }
        });
    };

    let body = move || {
        let t = ctx.texts().results();
        let Some(v) = view.get() else {
            return view! {
                <button type="button" class="secondary" on:click=move |_| ask(None)>{t.free_text_open}</button>
            }
            .into_any();
        };
        let shown_language = language.get_value();
        let questions = (v.questions.len() > 1).then(|| {
            let options = v
                .questions
                .iter()
                .map(|(id, prompt)| view! { <option value=id.clone() selected=*id == v.question>{prompt.clone()}</option> })
                .collect_view();
            view! {
                <div class="field">
                    <label for="reading-question">{t.free_text_question}</label>
                    <select id="reading-question" on:change=move |ev| {
                        question.set(Some(event_target_value(&ev)));
                        ask(None);
                    }>{options}</select>
                </div>
            }
        });
        let current_theme = filter.get_untracked().theme;
        let theme_options = v
            .themes
            .iter()
            .map(|(theme, _)| {
                view! { <option value=theme.id.to_string() selected=current_theme == Some(theme.id)>{theme.name.clone()}</option> }
            })
            .collect_view();
        let theme_counts = v
            .themes
            .iter()
            .enumerate()
            .map(|(i, (theme, count))| {
                view! { <li>{format!("{} {}: {}", i + 1, theme.name, count_text(t, *count))}</li> }
            })
            .collect_view();
        let themes: Vec<(u32, String)> = v.themes.iter().map(|(theme, _)| (theme.id, theme.name.clone())).collect();
        let items = match &v.items {
            None => view! { <p role="status">{(t.free_text_too_few)(v.min_group_size)}</p> }.into_any(),
            Some(items) if items.is_empty() => view! { <p role="status">{t.free_text_none}</p> }.into_any(),
            Some(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| answer_card(t, i, item, &themes, &shown_language, ask))
                .collect_view()
                .into_any(),
        };
        view! {
            <div class="reading-controls no-print">
                {questions}
                <div class="field">
                    <label for="reading-theme">{t.free_text_theme_filter}</label>
                    <select id="reading-theme" on:change=move |ev| {
                        let value = event_target_value(&ev);
                        filter.update(|f| f.theme = value.parse().ok());
                        ask(None);
                    }>
                        <option value="">{t.free_text_all_themes}</option>
                        {theme_options}
                    </select>
                </div>
                {answered_filter(t, &v, filter, ask)}
                <div class="field checkbox">
                    <input id="reading-unread" type="checkbox" prop:checked=filter.get_untracked().unread_only on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        filter.update(|f| f.unread_only = on);
                        ask(None);
                    } />
                    <label for="reading-unread">{t.free_text_unread_only}</label>
                </div>
                <form class="field" on:submit=move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    let name = new_theme.get_untracked();
                    new_theme.set(String::new());
                    ask(Some(Change::AddTheme { name }));
                }>
                    <label for="reading-new-theme">{t.free_text_new_theme}</label>
                    <input id="reading-new-theme" type="text" prop:value=move || new_theme.get() on:input=move |ev| new_theme.set(event_target_value(&ev)) />
                    <button type="submit" class="secondary">{t.free_text_add_theme}</button>
                </form>
                {listed_field(t, &v, ask)}
                <div class="nav">
                    <button type="button" class="secondary" on:click=save>{t.free_text_save}</button>
                    <label class="file-button">
                        {t.free_text_open_file}
                        <input id="reading-open-analysis" type="file" on:change=open_file />
                    </label>
                </div>
            </div>
            {theme_list(t, &v, pool, survey, language)}
            <h3>{v.prompt.clone()}</h3>
            <p role="status">{(t.free_text_progress)(v.total - v.unread, v.total)}</p>
            <ul class="theme-counts">{theme_counts}</ul>
            <div class="free-answers">{items}</div>
        }
        .into_any()
    };
    view! {
        <section class="free-text" aria-labelledby="free-text-heading">
            <h2 id="free-text-heading">{move || ctx.texts().results().free_text_heading}</h2>
            <p class="reminder">{move || ctx.texts().results().free_text_reminder}</p>
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p.text(ctx.texts().results())}</p> })}
            {body}
        </section>
    }
}

/// Narrowing the answers to those of people who chose one option of a single-choice question
/// (nothing is shown when they are fewer than the survey's smallest group).
fn answered_filter(
    t: &'static ResultsTexts,
    v: &ReadingView,
    filter: RwSignal<Filter>,
    ask: impl Fn(Option<Change>) + Copy + 'static,
) -> impl IntoView {
    let current = filter.get_untracked().answered.map(|(q, o)| format!("{q}/{o}")).unwrap_or_default();
    let groups = v
        .choices
        .iter()
        .map(|(question, prompt, options)| {
            let options = options
                .iter()
                .map(|(id, label)| {
                    let value = format!("{question}/{id}");
                    let selected = value == current;
                    view! { <option value=value selected=selected>{label.clone()}</option> }
                })
                .collect_view();
            view! { <optgroup label=prompt.clone()>{options}</optgroup> }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for="reading-answered">{t.free_text_answered_filter}</label>
            <select id="reading-answered" on:change=move |ev| {
                let value = event_target_value(&ev);
                filter.update(|f| f.answered = value.split_once('/').map(|(q, o)| (q.to_string(), o.to_string())));
                ask(None);
            }>
                <option value="">{t.free_text_everyone}</option>
                {groups}
            </select>
        </div>
    }
}

/// The staff and workplaces the owner wants flagged wherever they are named, one per line.
fn listed_field(
    t: &'static ResultsTexts,
    v: &ReadingView,
    ask: impl Fn(Option<Change>) + Copy + 'static,
) -> impl IntoView {
    let text = RwSignal::new(v.listed.join("\n"));
    view! {
        <form class="field" on:submit=move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let listed = text.get_untracked().lines().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect();
            ask(Some(Change::Listed { listed }));
        }>
            <label for="reading-listed">{t.free_text_listed}</label>
            <textarea id="reading-listed" rows="3" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            <button type="submit" class="secondary">{t.free_text_listed_save}</button>
        </form>
    }
}

/// The theme list for the dialogue meeting: themes by how many answers carry them, each with
/// its quotes, with the list as CSV or XLSX (themes as columns).
fn theme_list(
    t: &'static ResultsTexts,
    v: &ReadingView,
    pool: StoredValue<Option<Rc<Pool>>, LocalStorage>,
    survey: StoredValue<String>,
    language: StoredValue<String>,
) -> impl IntoView {
    let export = move |format: ExportFormat| {
        let Some(workers) = pool.get_value() else { return };
        leptos::task::spawn_local(async move {
            let _ = super::export_file(&workers, format, language.get_value(), &survey.get_value()).await;
        });
    };
    let quotes =
        |quotes: &[String]| quotes.iter().map(|q| view! { <blockquote>{format!("«{q}»")}</blockquote> }).collect_view();
    let entries = v
        .theme_list
        .iter()
        .map(|entry| {
            let count = count_text(t, entry.count);
            view! {
                <li>
                    <h4>{format!("{} ({count})", entry.theme.name)}</h4>
                    {quotes(&entry.quotes)}
                </li>
            }
        })
        .collect_view();
    let others =
        (!v.other_quotes.is_empty()).then(|| view! { <h4>{t.free_text_other_quotes}</h4>{quotes(&v.other_quotes)} });
    (!v.theme_list.is_empty() || !v.other_quotes.is_empty()).then(|| {
        view! {
            <section class="theme-list" aria-labelledby="theme-list-heading">
                <h3 id="theme-list-heading">{t.free_text_theme_list}</h3>
                <ol>{entries}</ol>
                {others}
                <div class="nav no-print">
                    <button type="button" class="secondary" on:click=move |_| export(ExportFormat::ThemesCsv)>{t.free_text_themes_csv}</button>
                    <button type="button" class="secondary" on:click=move |_| export(ExportFormat::ThemesXlsx)>{t.free_text_themes_xlsx}</button>
                </div>
            </section>
        }
    })
}

/// One answer: its text (flagged details marked, each with "Redact"; redacted ones with "Show
/// again"), and its work. Its controls' ids start with `answer-<index>` so that focus finds its
/// way back after a change.
fn answer_card(
    t: &'static ResultsTexts,
    index: usize,
    item: &ReadingItem,
    themes: &[(u32, String)],
    shown_language: &str,
    ask: impl Fn(Option<Change>) + Copy + 'static,
) -> impl IntoView {
    let id = format!("answer-{index}");
    let key = item.key.clone();
    let text = pieces(item)
        .into_iter()
        .map(|piece| match piece {
            Piece::Plain(text) => view! { <span>{text}</span> }.into_any(),
            Piece::Redacted { start, kind } => {
                let key = key.clone();
                view! {
                    <span class="redacted">{format!("[{}]", kind_word(t, kind))}</span>
                    <button type="button" class="redact" id=format!("{id}-unredact-{start}") on:click=move |_| {
                        ask(Some(Change::Unredact { key: key.clone(), start }))
                    }>{(t.free_text_unredact)(kind_word(t, kind))}</button>
                }
                .into_any()
            }
            Piece::Flagged { start, end, kind, text } => {
                let key = key.clone();
                view! {
                    <mark title=kind_word(t, kind)>{text}</mark>
                    <button type="button" class="redact" id=format!("{id}-redact-{start}") on:click=move |_| {
                        ask(Some(Change::Redact { key: key.clone(), start, end, kind }))
                    }>
                        {(t.free_text_redact)(kind_word(t, kind))}
                    </button>
                }
                .into_any()
            }
        })
        .collect_view();
    let other_language = (item.language != shown_language).then(|| {
        view! { <span class="answer-language" lang="en">{item.language.to_uppercase()}</span> }
    });
    let read = item.work.read;
    let quoted = item.work.quote.is_some();
    let length = item.text.len();
    // A part of the answer chosen as the quote is shown as it will be quoted.
    let quoted_part = item.quote.clone().filter(|_| item.work.quote != Some((0, length))).map(|quote| {
        view! { <p class="answer-quote">{t.free_text_quote}": "<q>{quote}</q></p> }
    });
    let tags: Vec<(u32, bool)> = themes.iter().map(|(id, _)| (*id, item.work.themes.contains(id))).collect();
    let theme_buttons = themes
        .iter()
        .enumerate()
        .map(|(i, (theme, name))| {
            let (theme, key) = (*theme, key.clone());
            let on = item.work.themes.contains(&theme);
            view! {
                <button type="button" class="theme-tag" id=format!("{id}-theme-{i}") aria-pressed=on.to_string() on:click=move |_| {
                    ask(Some(Change::Tag { key: key.clone(), theme, on: !on }))
                }>{format!("{} {name}", i + 1)}</button>
            }
        })
        .collect_view();
    let (read_key, quote_key, keys_key) = (key.clone(), key.clone(), key.clone());
    view! {
        <article class="free-answer" class:read=read tabindex="0" id=id.clone() on:keydown=move |ev: leptos::ev::KeyboardEvent| {
            // Number keys tag the focused answer with the theme of that number.
            let Some(n) = ev.key().parse::<usize>().ok().filter(|n| (1..=9).contains(n)) else { return };
            if let Some((theme, on)) = tags.get(n - 1) {
                ev.prevent_default();
                ask(Some(Change::Tag { key: keys_key.clone(), theme: *theme, on: !on }));
            }
        }>
            <p class="answer-text">{other_language}{text}</p>
            {quoted_part}
            <div class="answer-work no-print">
                <label class="checkbox">
                    <input type="checkbox" id=format!("{id}-read") prop:checked=read on:change=move |ev| {
                        ask(Some(Change::Read { key: read_key.clone(), read: event_target_checked(&ev) }))
                    } />
                    {t.free_text_read}
                </label>
                <button type="button" class="theme-tag" id=format!("{id}-quote") aria-pressed=quoted.to_string() on:click=move |_| {
                    ask(Some(Change::Quote { key: quote_key.clone(), span: (!quoted).then_some((0, length)) }))
                }>{t.free_text_quote}</button>
                {theme_buttons}
            </div>
            {choose_words(t, &id, item, ask)}
        </article>
    }
}

/// Choosing words of an answer to quote or to redact: the answer as shown (redactions in
/// brackets) in a field that refuses edits, where words are selected with the mouse or with
/// Shift and the arrow keys.
fn choose_words(
    t: &'static ResultsTexts,
    card: &str,
    item: &ReadingItem,
    ask: impl Fn(Option<Change>) + Copy + 'static,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let missing = RwSignal::new(false);
    let kind = RwSignal::new(DetailKind::Name);
    let shown = StoredValue::new(item.shown(|k| kind_word(t, k).to_string()));
    let (text, key) = (StoredValue::new(item.text.clone()), StoredValue::new(item.key.clone()));
    let (toggle_id, field_id) = (format!("{card}-choose"), format!("{card}-words"));
    let field = StoredValue::new(field_id.clone());
    let chosen = move || {
        let span = platform::text_selection(&field.get_value())
            .and_then(|(from, to)| shown.with_value(|s| text.with_value(|text| s.original_span(text, from, to))));
        missing.set(span.is_none());
        span
    };
    let rows = (item.text.chars().count() / 60 + 2).min(12).to_string();
    let toggle = toggle_id.clone();
    view! {
        <div class="choose-words no-print">
            <button type="button" class="secondary" id=toggle_id.clone() aria-expanded=move || open.get().to_string() on:click=move |_| {
                open.update(|o| *o = !*o);
                missing.set(false);
            }>{move || if open.get() { t.free_text_choose_close } else { t.free_text_choose }}</button>
            <div hidden=move || !open.get()>
                <div class="field">
                    <label for=field_id.clone()>{t.free_text_choose_hint}</label>
                    // Not `readonly`: browsers give a read-only field no caret, so words could
                    // not be selected from the keyboard. Edits are refused instead.
                    <textarea id=field_id.clone() aria-readonly="true" rows=rows.clone() spellcheck="false"
                        prop:value=shown.with_value(|s| s.text.clone())
                        on:beforeinput=|ev: leptos::ev::InputEvent| ev.prevent_default()
                        on:input=move |ev| platform::set_event_target_value(&ev, &shown.with_value(|s| s.text.clone()))
                    ></textarea>
                </div>
                {move || missing.get().then(|| view! { <p class="error" role="alert">{t.free_text_no_selection}</p> })}
                <div class="field">
                    <label for=format!("{toggle}-kind")>{t.free_text_redact_as}</label>
                    <select id=format!("{toggle}-kind") on:change=move |ev| {
                        if let Some(k) = event_target_value(&ev).parse::<usize>().ok().and_then(|i| chosen_kinds().nth(i)) {
                            kind.set(k);
                        }
                    }>
                        {chosen_kinds()
                            .enumerate()
                            .map(|(i, k)| view! { <option value=i.to_string() selected=k == kind.get_untracked()>{kind_word(t, k)}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="nav">
                    <button type="button" id=format!("{toggle}-quote") on:click=move |_| {
                        if let Some(span) = chosen() {
                            ask(Some(Change::Quote { key: key.get_value(), span: Some(span) }));
                        }
                    }>{t.free_text_quote_words}</button>
                    <button type="button" id=format!("{toggle}-redact") on:click=move |_| {
                        if let Some((start, end)) = chosen() {
                            ask(Some(Change::Redact { key: key.get_value(), start, end, kind: kind.get_untracked() }));
                        }
                    }>{t.free_text_redact_words}</button>
                </div>
            </div>
        </div>
    }
}
