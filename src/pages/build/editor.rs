//! The editor of one survey: its problems and the advice at the top, its settings, its
//! questions with their options, and publishing. The page is drawn again only when the
//! survey's shape changes (languages, questions, options); every value is bound to the
//! survey, so typing and undo never take the focus away.

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use lytt_core::builder::{
    advice, change_type, earlier_questions, from_bank, indicator_questions, move_item, new_indicator, new_option,
    new_question, options_mut, rename_question, set_language, tests_for, values_for, Advice, AdviceKind, ConditionForm,
    Join, Test, TestKind, TextRef, QUESTION_TYPES,
};
use lytt_core::survey::{DatePrecision, OnIdle, QuestionKind};
use lytt_core::Survey;

use super::{field_id, language_name, problem_text, BuildView, Editing};
use crate::focus;
use crate::i18n::BuildTexts;
use crate::platform;
use crate::state::AppContext;

/// What the page's layout depends on: the languages, and each question's type and number of
/// options.
#[derive(Debug, Clone, PartialEq)]
struct Shape {
    languages: Vec<String>,
    questions: Vec<(&'static str, usize)>,
    /// Each question's condition: none, its tests' questions (by place) and kinds, or one
    /// written by hand.
    conditions: Vec<Option<Option<ConditionShape>>>,
}

/// The tests of a condition: the place of the question each names, and its kind.
type ConditionShape = Vec<(Option<usize>, TestKind)>;

fn shape(survey: &Survey) -> Shape {
    Shape {
        languages: survey.languages.clone(),
        questions: survey.questions.iter().map(|q| (q.kind.type_name(), q.kind.options().len())).collect(),
        conditions: survey
            .questions
            .iter()
            .map(|q| {
                q.show_if.as_ref().map(|c| {
                    ConditionForm::from_condition(c)
                        .map(|f| f.tests.iter().map(|t| (survey.question_index(&t.question), t.kind)).collect())
                })
            })
            .collect(),
    }
}

/// Runs a change that changes the page's shape, and gives the focus back to the control that
/// made it (or the question it was in) once the page is drawn again.
fn reshape(ed: Editing, change: impl FnOnce(&mut Survey)) {
    let focused = platform::focused_id();
    ed.edit(change);
    if let Some(id) = focused {
        let question = id.split('-').take(3).collect::<Vec<_>>().join("-");
        platform::focus_first_soon(vec![id, question, "build-questions".into()]);
    }
}

pub(super) fn type_label(t: &BuildTexts, type_name: &str) -> &'static str {
    match type_name {
        "single" => t.type_single,
        "multi" => t.type_multi,
        "ranking" => t.type_ranking,
        "scale" => t.type_scale,
        "smiley" => t.type_smiley,
        "number" => t.type_number,
        "text" => t.type_text,
        _ => t.type_info,
    }
}

#[component]
pub(super) fn Editor(ed: Editing, back: Callback<()>) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let shape = Memo::new(move |_| ed.with(shape));
    let t = move || ctx.texts().builder();
    let new_type = RwSignal::new("single".to_string());
    // The question bank: the questions of the surveys on this site, with their translations.
    let bank = RwSignal::new(Vec::<Survey>::new());
    let bank_choice = RwSignal::new(String::new());
    leptos::task::spawn_local(async move {
        let Ok(catalog) = crate::pages::start::load_catalog().await else { return };
        let mut surveys = Vec::new();
        for entry in catalog.surveys {
            if let Ok(text) = platform::fetch_text(&crate::route::survey_file(&entry.id)).await {
                if let Ok(survey) = lytt_core::parse_survey(&text) {
                    surveys.push(survey);
                }
            }
        }
        bank.set(surveys);
    });
    let insert_from_bank = move |_| {
        let choice = bank_choice.get_untracked();
        let Some((si, qi)) =
            choice.split_once('/').and_then(|(a, b)| Some((a.parse::<usize>().ok()?, b.parse::<usize>().ok()?)))
        else {
            return;
        };
        let Some(question) = bank.with_untracked(|b| b.get(si).and_then(|s| s.questions.get(qi).cloned())) else {
            return;
        };
        let at = ed.with(|s| s.questions.len());
        ed.edit(|s| {
            let q = from_bank(s, &question);
            s.questions.push(q);
        });
        platform::focus_soon(&field_id(&format!("questions[{at}]")));
    };
    let heading = move || {
        let name = ed.with(super::display_name);
        (t().editing)(&name)
    };
    let body = move || {
        let t = t();
        let shape = shape.get();
        let languages = shape.languages.clone();
        let questions = shape
            .questions
            .iter()
            .enumerate()
            .map(|(i, (type_name, options))| {
                question_view(t, ed, i, type_name, *options, &languages, shape.questions.len())
            })
            .collect_view();
        view! {
            {settings(t, ed, &languages)}
            <section aria-labelledby="build-questions-heading" class="build-questions">
                <h2 id="build-questions-heading">{t.questions}</h2>
                {shape.questions.is_empty().then(|| view! { <p id="build-questions" tabindex="-1">{t.no_questions}</p> })}
                {questions}
                <div class="build-add">
                    <div class="field">
                        <label for="build-new-type">{t.new_question_type}</label>
                        <select id="build-new-type" on:change=move |ev| new_type.set(event_target_value(&ev))>
                            {QUESTION_TYPES
                                .into_iter()
                                .map(|ty| view! { <option value=ty selected=new_type.get_untracked() == ty>{type_label(t, ty)}</option> })
                                .collect_view()}
                        </select>
                    </div>
                    <button type="button" class="secondary" id="build-add-question" on:click=move |_| {
                        let type_name = new_type.get_untracked();
                        let at = ed.with(|s| s.questions.len());
                        ed.edit(|s| {
                            let q = new_question(s, &type_name);
                            s.questions.push(q);
                        });
                        platform::focus_soon(&field_id(&format!("questions[{at}].prompt.{}", ed.with(|s| s.default_language.clone()))));
                    }>{t.add_question}</button>
                    {move || (!bank.with(Vec::is_empty)).then(|| {
                        let language = ctx.language.get();
                        let groups = bank.with(|surveys| {
                            surveys
                                .iter()
                                .enumerate()
                                .map(|(si, survey)| {
                                    let fallback = survey.default_language.clone();
                                    let title = lytt_core::localized(&survey.title, &language, &fallback).to_string();
                                    let options = survey
                                        .questions
                                        .iter()
                                        .enumerate()
                                        .filter(|(_, q)| q.is_answerable())
                                        .map(|(qi, q)| {
                                            let prompt = lytt_core::localized(&q.prompt, &language, &fallback).to_string();
                                            view! { <option value=format!("{si}/{qi}")>{prompt}</option> }
                                        })
                                        .collect_view();
                                    view! { <optgroup label=title>{options}</optgroup> }
                                })
                                .collect_view()
                        });
                        view! {
                            <div class="field">
                                <label for="build-bank">{t.bank_label}</label>
                                <select id="build-bank" on:change=move |ev| bank_choice.set(event_target_value(&ev))>
                                    <option value="">{t.bank_choose}</option>
                                    {groups}
                                </select>
                            </div>
                            <button type="button" class="secondary" id="build-bank-insert" on:click=insert_from_bank>{t.bank_insert}</button>
                        }
                    })}
                </div>
            </section>
        }
    };
    view! {
        <div class="build-top">
            <h1 id=focus::HEADING tabindex="-1">{heading}</h1>
            <div class="build-actions">
                <button type="button" class="secondary" id="build-undo" disabled=move || !ed.builder.with(|b| b.can_undo()) on:click=move |_| ed.undo()>
                    {move || t().undo}
                </button>
                <button type="button" class="secondary" disabled=move || !ed.builder.with(|b| b.can_redo()) on:click=move |_| ed.redo()>
                    {move || t().redo}
                </button>
                <button type="button" class="secondary" on:click=move |_| back.run(())>{move || t().all_surveys}</button>
            </div>
            <p role="status" class="build-status">{move || ed.status.get()}</p>
            {move || ed.save_failed.get().map(|why| {
                let t = t();
                let text = match why {
                    crate::platform::storage::StorageProblem::Full => t.storage_full,
                    crate::platform::storage::StorageProblem::Unavailable => t.storage_unavailable,
                };
                view! { <p class="error" role="alert">{text}</p> }
            })}
        </div>
        <div class="build-actions build-views">
            {[(BuildView::Edit, "build-view-edit"), (BuildView::Translations, "build-view-translations"), (BuildView::Preview, "build-view-preview")]
                .into_iter()
                .map(|(which, id)| view! {
                    <button type="button" class="secondary" id=id aria-pressed=move || (ed.view.get() == which).to_string() on:click=move |_| ed.view.set(which)>
                        {move || match which {
                            BuildView::Edit => t().view_edit,
                            BuildView::Translations => t().translations,
                            BuildView::Preview => t().preview,
                        }}
                    </button>
                })
                .collect_view()}
        </div>
        {move || problem_summary(t(), ed)}
        {move || advice_list(t(), ed)}
        {move || match ed.view.get() {
            BuildView::Translations => view! { <super::translations::Translations t=t() ed=ed /> }.into_any(),
            BuildView::Preview => view! { <super::preview::Preview t=t() ed=ed /> }.into_any(),
            BuildView::Edit => view! {
                <form class="build-form" on:submit=|ev: leptos::ev::SubmitEvent| ev.prevent_default()>{body}</form>
            }
            .into_any(),
        }}
        {move || view! { <super::publish::Publish t=t() ed=ed /> }}
    }
}

/// A problem's or advice's place in words: "Question 3: options", "Title (en)".
fn place(t: &BuildTexts, path: &str) -> String {
    let mut parts = path.split('.');
    let first = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts.collect();
    if let Some(i) =
        first.strip_prefix("questions[").and_then(|r| r.strip_suffix(']')).and_then(|n| n.parse::<usize>().ok())
    {
        let question = (t.question_n)(i + 1);
        let Some((part, more)) = rest.split_first() else { return question };
        let option =
            part.strip_prefix("options[").and_then(|r| r.strip_suffix(']')).and_then(|n| n.parse::<usize>().ok());
        let (name, more) = match (*part, option) {
            (_, Some(j)) => match more.split_first() {
                Some((&"id", after)) => (format!("{}, {}", (t.option_n)(j + 1), t.option_id), after),
                Some((&"label", after)) => ((t.option_n)(j + 1), after),
                _ => ((t.option_n)(j + 1), more),
            },
            ("prompt", _) => (t.prompt.to_string(), more),
            ("help", _) => (t.help.to_string(), more),
            ("id", _) => (t.question_id.to_string(), more),
            ("required", _) => (t.required.to_string(), more),
            ("options", _) => (t.options.to_string(), more),
            ("show_if", _) => (t.condition_heading.to_string(), &[][..]),
            (other, _) => (other.to_string(), more),
        };
        return match more {
            [] => format!("{question}: {name}"),
            more => format!("{question}: {name} ({})", more.join(".")),
        };
    }
    let name = match first {
        "id" => t.survey_id,
        "version" => t.version,
        "title" => t.title,
        "intro" => t.intro_text,
        "recipient" => t.recipient,
        "default_language" => t.default_language,
        "questions" => t.questions,
        "submit_url" => t.submit_url,
        "privacy" if rest.first() == Some(&"min_group_size") => return t.min_group_size.to_string(),
        "indicator" => {
            let part = match rest.first().map(|p| p.split('[').next().unwrap_or_default()) {
                Some("question") => t.indicator_question,
                Some("positive") => t.indicator_positive,
                Some("target") => t.indicator_target,
                Some("label") => t.row_indicator,
                _ => return t.indicator_heading.to_string(),
            };
            return match rest.get(1) {
                Some(language) => format!("{}: {part} ({language})", t.indicator_heading),
                None => format!("{}: {part}", t.indicator_heading),
            };
        }
        _ if first.starts_with("languages") => t.languages,
        _ => return path.to_string(),
    };
    match rest.as_slice() {
        [] => name.to_string(),
        more => format!("{name} ({})", more.join(".")),
    }
}

/// The link to a field: the field of the path, or of the closest path above it that has one
/// (in the questions and settings, shown if the translations were).
fn link_to(ed: Editing, path: &str) -> impl Fn(leptos::ev::MouseEvent) + 'static {
    let mut ids = Vec::new();
    let mut at = path.to_string();
    loop {
        ids.push(field_id(&at));
        match at.rfind(['.', '[']) {
            Some(cut) => at.truncate(cut),
            None => break,
        }
    }
    move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        ed.view.set(BuildView::Edit);
        platform::focus_first_soon(ids.clone());
    }
}

/// The problems at the top, each a link to its field (as GOV.UK's error summary).
fn problem_summary(t: &'static BuildTexts, ed: Editing) -> Option<impl IntoView> {
    let problems = ed.problems.get();
    (!problems.is_empty()).then(|| {
        let items = problems
            .iter()
            .map(|p| {
                view! { <li><a href=format!("#{}", field_id(&p.path)) on:click=link_to(ed, &p.path)>{format!("{}: {}", place(t, &p.path), problem_text(t, p))}</a></li> }
            })
            .collect_view();
        view! {
            <div class="error-summary" id="build-problems" tabindex="-1">
                <h2>{(t.problems_heading)(problems.len())}</h2>
                <ul>{items}</ul>
            </div>
        }
    })
}

pub(super) fn advice_text(t: &BuildTexts, advice: &Advice) -> String {
    match &advice.kind {
        AdviceKind::NoNameReminder => t.advice_names.to_string(),
        AdviceKind::ManyOptions { count } => (t.advice_many_options)(*count),
        AdviceKind::LongPrompt { characters } => (t.advice_long_prompt)(*characters),
        AdviceKind::NoOther => t.advice_no_other.to_string(),
        AdviceKind::SmallGroups { min_group_size } => (t.advice_small_groups)(*min_group_size),
        AdviceKind::TestKey => t.advice_test_key.to_string(),
    }
}

/// Advice that is not an error, shown as such.
fn advice_list(t: &'static BuildTexts, ed: Editing) -> Option<impl IntoView> {
    let found = ed.with(advice);
    (!found.is_empty()).then(|| {
        let items = found
            .iter()
            .map(|a| {
                view! { <li><a href=format!("#{}", field_id(&a.path)) on:click=link_to(ed, &a.path)>{format!("{}: {}", place(t, &a.path), advice_text(t, a))}</a></li> }
            })
            .collect_view();
        view! {
            <div class="advice-summary">
                <h2>{t.advice_heading}</h2>
                <ul>{items}</ul>
            </div>
        }
    })
}

/// The problems at a field, under its label.
fn field_problems(t: &'static BuildTexts, ed: Editing, path: String) -> impl IntoView {
    let id = format!("{}-problem", field_id(&path));
    move || {
        let problems = ed.problems_at(t, &path);
        (!problems.is_empty()).then(|| view! { <p class="error-message" id=id.clone()>{problems.join(" ")}</p> })
    }
}

/// A text of the survey in each of its languages.
fn localized_fields(
    t: &'static BuildTexts,
    ed: Editing,
    text: TextRef,
    label: &str,
    languages: &[String],
    long: bool,
) -> impl IntoView {
    let several = languages.len() > 1;
    let fields = languages
        .iter()
        .map(|language| {
            let path = format!("{}.{language}", text.path());
            let id = field_id(&path);
            let label = if several { format!("{label} ({})", language_name(language)) } else { label.to_string() };
            let language = language.clone();
            let read = {
                let language = language.clone();
                move || ed.with(|s| text.text(s, &language))
            };
            let write = move |ev: leptos::ev::Event| {
                let value = event_target_value(&ev);
                ed.edit(|s| text.set(s, &language, value));
            };
            let input = if long {
                view! { <textarea id=id.clone() rows="3" prop:value=read on:change=write></textarea> }.into_any()
            } else {
                view! { <input id=id.clone() type="text" prop:value=read on:change=write /> }.into_any()
            };
            view! {
                <div class="field">
                    <label for=id.clone()>{label}</label>
                    {field_problems(t, ed, path.clone())}
                    {input}
                </div>
            }
        })
        .collect_view();
    let _ = t;
    view! {
        <div class="localized" id=field_id(&text.path()) tabindex="-1">
            {field_problems(t, ed, text.path())}
            {fields}
        </div>
    }
}

/// A one-line field of the survey that is not a text in its languages.
fn plain_field(
    ed: Editing,
    path: &str,
    label: &'static str,
    hint: Option<&'static str>,
    kind: &'static str,
    read: impl Fn(&Survey) -> String + Send + Sync + 'static,
    write: impl Fn(&mut Survey, String) + 'static,
) -> AnyView {
    // One copy of the field's code for all its uses (a generic view is compiled once per use).
    plain_field_of(ed, path, label, hint, kind, Arc::new(read), Rc::new(write))
}

#[allow(clippy::type_complexity)]
fn plain_field_of(
    ed: Editing,
    path: &str,
    label: &'static str,
    hint: Option<&'static str>,
    kind: &'static str,
    read: Arc<dyn Fn(&Survey) -> String + Send + Sync>,
    write: Rc<dyn Fn(&mut Survey, String)>,
) -> AnyView {
    let id = field_id(path);
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint">{h}</p> })}
            {field_problems(expect_context::<crate::state::AppContext>().texts().builder(), ed, path.to_string())}
            <input id=id type=kind prop:value=move || ed.with(|s| read(s)) on:change=move |ev| {
                let value = event_target_value(&ev);
                ed.edit(|s| write(s, value));
            } />
        </div>
    }
    .into_any()
}

/// A number from a field; an unreadable one leaves the value as it was.
fn number<T: std::str::FromStr>(value: &str) -> Option<T> {
    value.trim().parse().ok()
}

fn settings(t: &'static BuildTexts, ed: Editing, languages: &[String]) -> impl IntoView {
    let languages_text = move || ed.with(|s| s.languages.join(", "));
    let defaults = languages
        .iter()
        .map(|l| {
            let l = l.clone();
            let selected = {
                let l = l.clone();
                move || ed.with(|s| s.default_language == l)
            };
            view! { <option value=l.clone() selected=selected>{language_name(&l)}</option> }
        })
        .collect_view();
    let fingerprint = move || {
        ed.with(|s| {
            lytt_core::recipient::check_recipient(&s.recipient)
                .ok()
                .map(|_| (t.fingerprint)(&lytt_core::seal::recipient_fingerprint(&s.recipient)))
        })
    };
    let key_problem = RwSignal::new(false);
    let make_key = move |_| {
        let (identity, recipient) = lytt_core::seal::generate_identity(&mut rand_core::OsRng);
        let fingerprint = lytt_core::seal::recipient_fingerprint(&recipient);
        // The identity is downloaded and dropped: it is never kept in the page or storage.
        if platform::download(&format!("lytt-owner-{fingerprint}.key"), &identity, "text/plain") {
            key_problem.set(false);
            ed.edit(|s| s.recipient = recipient);
        } else {
            key_problem.set(true);
        }
    };
    view! {
        <section aria-labelledby="build-settings-heading">
            <h2 id="build-settings-heading">{t.settings}</h2>
            {plain_field(ed, "id", t.survey_id, Some(t.survey_id_hint), "text", |s| s.id.clone(), |s, v| s.id = v.trim().to_string())}
            {plain_field(ed, "version", t.version, Some(t.version_hint), "text", |s| s.version.clone(), |s, v| s.version = v.trim().to_string())}
            <div class="field">
                <label for=field_id("languages")>{t.languages}</label>
                <p class="hint">{t.languages_hint}</p>
                {field_problems(t, ed, "languages".into())}
                <input id=field_id("languages") type="text" prop:value=languages_text on:change=move |ev| {
                    let wanted: Vec<String> = event_target_value(&ev)
                        .split([',', ' '])
                        .map(|l| l.trim().to_string())
                        .filter(|l| !l.is_empty())
                        .collect();
                    reshape(ed, |s| {
                        for old in s.languages.clone() {
                            if !wanted.contains(&old) {
                                set_language(s, &old, false);
                            }
                        }
                        for new in &wanted {
                            set_language(s, new, true);
                        }
                    });
                } />
            </div>
            <div class="field">
                <label for=field_id("default_language")>{t.default_language}</label>
                {field_problems(t, ed, "default_language".into())}
                <select id=field_id("default_language") on:change=move |ev| {
                    let value = event_target_value(&ev);
                    ed.edit(|s| s.default_language = value);
                }>{defaults}</select>
            </div>
            {localized_fields(t, ed, TextRef::Title, t.title, languages, false)}
            {localized_fields(t, ed, TextRef::Intro, t.intro_text, languages, true)}
            <div class="field">
                <label for=field_id("recipient")>{t.recipient}</label>
                <p class="hint">{t.recipient_hint}</p>
                {field_problems(t, ed, "recipient".into())}
                <input id=field_id("recipient") type="text" spellcheck="false" prop:value=move || ed.with(|s| s.recipient.clone()) on:change=move |ev| {
                    let value = event_target_value(&ev);
                    ed.edit(|s| s.recipient = value.trim().to_string());
                } />
                <p class="fingerprint">{fingerprint}</p>
                <button type="button" class="secondary" id="build-make-key" on:click=make_key>{t.make_key}</button>
                {move || key_problem.get().then(|| view! { <p class="error" role="alert">{t.key_not_downloaded}</p> })}
            </div>
            {plain_field(ed, "privacy.min_group_size", t.min_group_size, Some(t.min_group_size_hint), "number",
                |s| s.privacy.min_group_size.to_string(),
                |s, v| if let Some(n) = number(&v) { s.privacy.min_group_size = n })}
            <div class="field">
                <label for=field_id("privacy.date_precision")>{t.date_precision}</label>
                <select id=field_id("privacy.date_precision") on:change=move |ev| {
                    let week = event_target_value(&ev) == "week";
                    ed.edit(|s| s.privacy.date_precision = if week { DatePrecision::Week } else { DatePrecision::Day });
                }>
                    <option value="week" selected=move || ed.with(|s| s.privacy.date_precision == DatePrecision::Week)>{t.precision_week}</option>
                    <option value="day" selected=move || ed.with(|s| s.privacy.date_precision == DatePrecision::Day)>{t.precision_day}</option>
                </select>
            </div>
            {plain_field(ed, "submit_url", t.submit_url, Some(t.submit_url_hint), "url",
                |s| s.submit_url.clone().unwrap_or_default(),
                |s, v| s.submit_url = Some(v.trim().to_string()).filter(|v| !v.is_empty()))}
            {indicator_view(t, ed)}
            <details class="build-more">
                <summary>{t.more_settings}</summary>
                {plain_field(ed, "kiosk.idle_seconds", t.kiosk_idle, None, "number", |s| s.kiosk.idle_seconds.to_string(), |s, v| if let Some(n) = number(&v) { s.kiosk.idle_seconds = n })}
                {plain_field(ed, "kiosk.warning_seconds", t.kiosk_warning, None, "number", |s| s.kiosk.warning_seconds.to_string(), |s, v| if let Some(n) = number(&v) { s.kiosk.warning_seconds = n })}
                {plain_field(ed, "kiosk.thank_you_seconds", t.kiosk_thank_you, None, "number", |s| s.kiosk.thank_you_seconds.to_string(), |s, v| if let Some(n) = number(&v) { s.kiosk.thank_you_seconds = n })}
                <div class="field checkbox">
                    <input id=field_id("kiosk.on_idle") type="checkbox" prop:checked=move || ed.with(|s| s.kiosk.on_idle == OnIdle::Keep) on:change=move |ev| {
                        let keep = event_target_checked(&ev);
                        ed.edit(|s| s.kiosk.on_idle = if keep { OnIdle::Keep } else { OnIdle::Discard });
                    } />
                    <label for=field_id("kiosk.on_idle")>{t.kiosk_keep}</label>
                </div>
                {plain_field(ed, "shared.idle_seconds", t.shared_idle, None, "number", |s| s.shared.idle_seconds.to_string(), |s, v| if let Some(n) = number(&v) { s.shared.idle_seconds = n })}
                {plain_field(ed, "shared.warning_seconds", t.shared_warning, None, "number", |s| s.shared.warning_seconds.to_string(), |s, v| if let Some(n) = number(&v) { s.shared.warning_seconds = n })}
            </details>
        </section>
    }
}

/// The headline figure (`indicator`): a one-choice question, the answers that count as good, a
/// target in per cent and the figure's name. Drawn again when its question or the languages
/// change (the focus is kept by `reshape`).
fn indicator_view(t: &'static BuildTexts, ed: Editing) -> impl IntoView {
    let form = Memo::new(move |_| {
        ed.with(|s| {
            let chosen = s.indicator.as_ref().map(|indicator| {
                let options = s.question(&indicator.question).map(|q| q.kind.options().to_vec()).unwrap_or_default();
                (indicator.question.clone(), options)
            });
            (indicator_questions(s), chosen, s.languages.clone())
        })
    });
    let add = move |_| {
        reshape(ed, |s| s.indicator = new_indicator(s));
        platform::focus_soon(&field_id("indicator.question"));
    };
    let remove = move |_| {
        reshape(ed, |s| s.indicator = None);
        platform::focus_soon("build-add-indicator");
    };
    move || {
        let (singles, chosen, languages) = form.get();
        let body = match chosen {
            None if singles.is_empty() => view! { <p class="hint">{t.indicator_needs_single}</p> }.into_any(),
            None => view! {
                <button type="button" class="secondary" id="build-add-indicator" on:click=add>{t.add_indicator}</button>
            }
            .into_any(),
            Some((question, options)) => {
                let (language, fallback) = ed
                    .builder
                    .with_untracked(|b| (b.survey.default_language.clone(), b.survey.default_language.clone()));
                let choices = singles
                    .into_iter()
                    .map(|(i, id)| {
                        let prompt = ed.builder.with_untracked(|b| {
                            b.survey
                                .questions
                                .get(i)
                                .map(|q| lytt_core::localized(&q.prompt, &language, &fallback).to_string())
                        });
                        let label = format!(
                            "{}: {}",
                            (t.question_n)(i + 1),
                            prompt.filter(|p| !p.trim().is_empty()).unwrap_or(id.clone())
                        );
                        view! { <option value=id.clone() selected=id == question>{label}</option> }
                    })
                    .collect_view();
                let answers = options
                    .into_iter()
                    .enumerate()
                    .map(|(j, option)| {
                        let id = format!("{}-{j}", field_id("indicator.positive"));
                        let label = lytt_core::localized(&option.label, &language, &fallback).to_string();
                        let label = if label.trim().is_empty() { option.id.clone() } else { label };
                        let (read, write) = (option.id.clone(), option.id);
                        view! {
                            <div class="field checkbox">
                                <input id=id.clone() type="checkbox"
                                    prop:checked=move || ed.with(|s| s.indicator.as_ref().is_some_and(|i| i.positive.contains(&read)))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        let option = write.clone();
                                        ed.edit(move |s| {
                                            if let Some(indicator) = s.indicator.as_mut() {
                                                indicator.positive.retain(|p| *p != option);
                                                if on {
                                                    indicator.positive.push(option);
                                                }
                                            }
                                        });
                                    } />
                                <label for=id>{label}</label>
                            </div>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="field">
                        <label for=field_id("indicator.question")>{t.indicator_question}</label>
                        {field_problems(t, ed, "indicator.question".into())}
                        <select id=field_id("indicator.question") on:change=move |ev| {
                            let chosen = event_target_value(&ev);
                            reshape(ed, |s| {
                                if let Some(indicator) = s.indicator.as_mut() {
                                    indicator.question = chosen;
                                    indicator.positive.clear();
                                }
                            });
                        }>{choices}</select>
                    </div>
                    <fieldset class="build-answers" id=field_id("indicator.positive") tabindex="-1">
                        <legend>{t.indicator_positive}</legend>
                        {field_problems(t, ed, "indicator.positive".into())}
                        {answers}
                    </fieldset>
                    {plain_field(ed, "indicator.target", t.indicator_target, None, "number",
                        |s| s.indicator.as_ref().map(|i| format!("{}", (i.target * 100.0).round())).unwrap_or_default(),
                        |s, v| if let (Some(indicator), Some(percent)) = (s.indicator.as_mut(), number::<f64>(&v)) {
                            indicator.target = percent / 100.0;
                        })}
                    {localized_fields(t, ed, TextRef::IndicatorLabel, t.row_indicator, &languages, false)}
                    <button type="button" class="secondary" id="build-remove-indicator" on:click=remove>{t.remove_indicator}</button>
                }
                .into_any()
            }
        };
        view! {
            <fieldset class="build-indicator">
                <legend>{t.indicator_heading}</legend>
                <p class="hint">{t.indicator_hint}</p>
                {body}
            </fieldset>
        }
    }
}

fn question_view(
    t: &'static BuildTexts,
    ed: Editing,
    i: usize,
    type_name: &'static str,
    options: usize,
    languages: &[String],
    count: usize,
) -> impl IntoView {
    let base = format!("questions[{i}]");
    let kind_fields = match type_name {
        "single" | "multi" | "ranking" => options_view(t, ed, i, options, languages).into_any(),
        "scale" => view! {
            {plain_field(ed, &format!("{base}.min"), t.scale_min, None, "number", move |s| range_of(s, i).0.to_string(), move |s, v| set_range(s, i, number(&v), None))}
            {plain_field(ed, &format!("{base}.max"), t.scale_max, None, "number", move |s| range_of(s, i).1.to_string(), move |s, v| set_range(s, i, None, number(&v)))}
            {localized_fields(t, ed, TextRef::MinLabel(i), t.scale_min_label, languages, false)}
            {localized_fields(t, ed, TextRef::MaxLabel(i), t.scale_max_label, languages, false)}
        }
        .into_any(),
        "number" => view! {
            {plain_field(ed, &format!("{base}.min"), t.number_min, None, "number", move |s| range_of(s, i).0.to_string(), move |s, v| set_range(s, i, number(&v), None))}
            {plain_field(ed, &format!("{base}.max"), t.number_max, None, "number", move |s| range_of(s, i).1.to_string(), move |s, v| set_range(s, i, None, number(&v)))}
        }
        .into_any(),
        "smiley" => {
            let id = field_id(&format!("{base}.points"));
            view! {
                <div class="field">
                    <label for=id.clone()>{t.smiley_points}</label>
                    <select id=id on:change=move |ev| {
                        let points: u8 = number(&event_target_value(&ev)).unwrap_or(5);
                        ed.edit(|s| if let Some(QuestionKind::Smiley { points: p }) = s.questions.get_mut(i).map(|q| &mut q.kind) { *p = points });
                    }>
                        {[3u8, 5].into_iter().map(|n| view! {
                            <option value=n.to_string() selected=move || ed.with(|s| matches!(s.questions.get(i).map(|q| &q.kind), Some(QuestionKind::Smiley { points }) if *points == n))>{n.to_string()}</option>
                        }).collect_view()}
                    </select>
                </div>
            }
            .into_any()
        }
        "text" => plain_field(ed, &format!("{base}.max_length"), t.max_length, Some(t.max_length_hint), "number",
            move |s| match s.questions.get(i).map(|q| &q.kind) { Some(QuestionKind::Text { max_length: Some(n) }) => n.to_string(), _ => String::new() },
            move |s, v| if let Some(QuestionKind::Text { max_length }) = s.questions.get_mut(i).map(|q| &mut q.kind) { *max_length = number(&v) })
            .into_any(),
        _ => ().into_any(),
    };
    let extra = match type_name {
        "multi" => plain_field(
            ed,
            &format!("{base}.max_choices"),
            t.max_choices,
            Some(t.max_choices_hint),
            "number",
            move |s| match s.questions.get(i).map(|q| &q.kind) {
                Some(QuestionKind::Multi { max_choices: Some(n), .. }) => n.to_string(),
                _ => String::new(),
            },
            move |s, v| {
                if let Some(QuestionKind::Multi { max_choices, .. }) = s.questions.get_mut(i).map(|q| &mut q.kind) {
                    *max_choices = number(&v)
                }
            },
        )
        .into_any(),
        "ranking" => plain_field(
            ed,
            &format!("{base}.pick"),
            t.pick,
            None,
            "number",
            move |s| match s.questions.get(i).map(|q| &q.kind) {
                Some(QuestionKind::Ranking { pick, .. }) => pick.to_string(),
                _ => String::new(),
            },
            move |s, v| {
                if let (Some(QuestionKind::Ranking { pick, .. }), Some(n)) =
                    (s.questions.get_mut(i).map(|q| &mut q.kind), number(&v))
                {
                    *pick = n
                }
            },
        )
        .into_any(),
        _ => ().into_any(),
    };
    let type_id = field_id(&format!("{base}.type"));
    let required_id = field_id(&format!("{base}.required"));
    let legend = (t.question_legend)(i + 1, type_label(t, type_name));
    view! {
        <fieldset class="build-question" id=field_id(&base) tabindex="-1">
            <legend>{legend}</legend>
            {plain_field(ed, &format!("{base}.id"), t.question_id, Some(t.question_id_hint), "text",
                move |s| s.questions.get(i).map(|q| q.id.clone()).unwrap_or_default(),
                move |s, v| rename_question(s, i, v.trim()))}
            <div class="field">
                <label for=type_id.clone()>{t.question_type}</label>
                <select id=type_id on:change=move |ev| {
                    let wanted = event_target_value(&ev);
                    reshape(ed, |s| {
                        let copy = s.clone();
                        if let Some(q) = s.questions.get_mut(i) {
                            change_type(&copy, q, &wanted);
                        }
                    });
                }>
                    {QUESTION_TYPES.into_iter().map(|ty| view! { <option value=ty selected=ty == type_name>{type_label(t, ty)}</option> }).collect_view()}
                </select>
            </div>
            {localized_fields(t, ed, TextRef::Prompt(i), if type_name == "info" { t.info_text } else { t.prompt }, languages, true)}
            {localized_fields(t, ed, TextRef::Help(i), t.help, languages, true)}
            {(type_name != "info").then(|| view! {
                <div class="field checkbox">
                    <input id=required_id.clone() type="checkbox" prop:checked=move || ed.with(|s| s.questions.get(i).is_some_and(|q| q.required)) on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        ed.edit(|s| if let Some(q) = s.questions.get_mut(i) { q.required = on });
                    } />
                    <label for=required_id.clone()>{t.required}</label>
                </div>
            })}
            {kind_fields}
            {extra}
            {(i > 0).then(|| condition_view(t, ed, i))}
            <div class="nav build-move">
                <button type="button" class="secondary" id=format!("{}-up", field_id(&base)) disabled=i == 0 on:click=move |_| {
                    reshape(ed, |s| move_item(&mut s.questions, i, true));
                    // The focus follows the question (to its other button at the top, where "up" is off).
                    let to = i.saturating_sub(1);
                    let button = if to == 0 { "down" } else { "up" };
                    platform::focus_soon(&format!("{}-{button}", field_id(&format!("questions[{to}]"))));
                }>{(t.move_up)(i + 1)}</button>
                <button type="button" class="secondary" id=format!("{}-down", field_id(&base)) disabled=i + 1 == count on:click=move |_| {
                    reshape(ed, |s| move_item(&mut s.questions, i, false));
                    let to = i + 1;
                    let button = if to + 1 == count { "up" } else { "down" };
                    platform::focus_soon(&format!("{}-{button}", field_id(&format!("questions[{to}]"))));
                }>{(t.move_down)(i + 1)}</button>
                <button type="button" class="secondary" id=format!("{}-delete", field_id(&base)) on:click=move |_| {
                    reshape(ed, |s| { s.questions.remove(i); });
                    ed.status.set((t.question_deleted)(i + 1));
                    platform::focus_soon("build-undo");
                }>{(t.delete_question)(i + 1)}</button>
            </div>
        </fieldset>
    }
}

fn range_of(s: &Survey, i: usize) -> (i64, i64) {
    s.questions.get(i).and_then(|q| q.kind.numeric_range()).unwrap_or((0, 0))
}

fn set_range(s: &mut Survey, i: usize, new_min: Option<i64>, new_max: Option<i64>) {
    if let Some(QuestionKind::Scale { min, max, .. } | QuestionKind::Number { min, max }) =
        s.questions.get_mut(i).map(|q| &mut q.kind)
    {
        if let Some(n) = new_min {
            *min = n;
        }
        if let Some(n) = new_max {
            *max = n;
        }
    }
}

/// The options of a choice question: each with its text in every language and its id, moved
/// and removed with buttons; a new one added at the end.
fn options_view(t: &'static BuildTexts, ed: Editing, i: usize, count: usize, languages: &[String]) -> impl IntoView {
    let base = format!("questions[{i}].options");
    let rows = (0..count)
        .map(|j| {
            let path = format!("{base}[{j}]");
            let prefix = field_id(&path);
            view! {
                <li class="build-option" id=prefix.clone() tabindex="-1">
                    {localized_fields(t, ed, TextRef::OptionLabel(i, j), &(t.option_n)(j + 1), languages, false)}
                    {plain_field(ed, &format!("{path}.id"), t.option_id, None, "text",
                        move |s| s.questions.get(i).and_then(|q| q.kind.options().get(j)).map(|o| o.id.clone()).unwrap_or_default(),
                        move |s, v| if let Some(o) = s.questions.get_mut(i).and_then(|q| options_mut(&mut q.kind)).and_then(|o| o.get_mut(j)) { o.id = v.trim().to_string() })}
                    <div class="nav">
                        <button type="button" class="secondary" id=format!("{prefix}-up") disabled=j == 0 on:click=move |_| {
                            reshape(ed, |s| if let Some(o) = s.questions.get_mut(i).and_then(|q| options_mut(&mut q.kind)) { move_item(o, j, true) });
                            let to = j.saturating_sub(1);
                            let button = if to == 0 { "down" } else { "up" };
                            platform::focus_soon(&format!("{}-{button}", field_id(&format!("questions[{i}].options[{to}]"))));
                        }>{(t.option_up)(j + 1)}</button>
                        <button type="button" class="secondary" id=format!("{prefix}-down") disabled=j + 1 == count on:click=move |_| {
                            reshape(ed, |s| if let Some(o) = s.questions.get_mut(i).and_then(|q| options_mut(&mut q.kind)) { move_item(o, j, false) });
                            let to = j + 1;
                            let button = if to + 1 == count { "up" } else { "down" };
                            platform::focus_soon(&format!("{}-{button}", field_id(&format!("questions[{i}].options[{to}]"))));
                        }>{(t.option_down)(j + 1)}</button>
                        <button type="button" class="secondary" id=format!("{prefix}-remove") on:click=move |_| {
                            reshape(ed, |s| if let Some(o) = s.questions.get_mut(i).and_then(|q| options_mut(&mut q.kind)) { if j < o.len() { o.remove(j); } });
                            platform::focus_soon(&field_id(&format!("questions[{i}].options")));
                        }>{(t.option_remove)(j + 1)}</button>
                    </div>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="build-options" id=field_id(&base) tabindex="-1">
            <h3>{t.options}</h3>
            {field_problems(t, ed, base.clone())}
            <ol>{rows}</ol>
            <button type="button" class="secondary" id=format!("{}-add", field_id(&base)) on:click=move |_| {
                reshape(ed, |s| {
                    let copy = s.clone();
                    if let Some(o) = s.questions.get_mut(i).and_then(|q| options_mut(&mut q.kind)) {
                        let option = new_option(&copy, o);
                        o.push(option);
                    }
                });
                let first = ed.with(|s| s.default_language.clone());
                platform::focus_soon(&field_id(&format!("questions[{i}].options[{count}].label.{first}")));
            }>{t.add_option}</button>
        </div>
    }
}

fn kind_label(t: &BuildTexts, kind: TestKind) -> &'static str {
    match kind {
        TestKind::Equals => t.kind_equals,
        TestKind::Includes => t.kind_includes,
        TestKind::AtLeast => t.kind_at_least,
        TestKind::AtMost => t.kind_at_most,
        TestKind::Answered => t.kind_answered,
    }
}

fn kind_name(kind: TestKind) -> &'static str {
    match kind {
        TestKind::Equals => "equals",
        TestKind::Includes => "includes",
        TestKind::AtLeast => "at_least",
        TestKind::AtMost => "at_most",
        TestKind::Answered => "answered",
    }
}

/// The condition's form now, or a new empty one.
fn form_of(s: &Survey, i: usize) -> Option<ConditionForm> {
    match s.questions.get(i)?.show_if.as_ref() {
        Some(condition) => ConditionForm::from_condition(condition),
        None => Some(ConditionForm { join: Join::All, tests: Vec::new() }),
    }
}

/// Changes question `i`'s condition through its form.
fn change_form(ed: Editing, i: usize, change: impl FnOnce(&Survey, &mut ConditionForm)) {
    reshape(ed, |s| {
        let Some(mut form) = form_of(s, i) else { return };
        change(s, &mut form);
        let condition = form.to_condition(s);
        if let Some(q) = s.questions.get_mut(i) {
            q.show_if = condition;
        }
    });
}

/// `show_if` built with pickers: an earlier question, a test that fits its type, a value from
/// its options or range; tests joined by all or any, each maybe turned around. Only conditions
/// that fit can be made.
fn condition_view(t: &'static BuildTexts, ed: Editing, i: usize) -> impl IntoView {
    let base = format!("questions[{i}].show_if");
    let survey = ed.builder.with_untracked(|b| b.survey.clone());
    // The earlier questions by place: their ids and prompts are read as they change.
    let earlier: Vec<usize> =
        earlier_questions(&survey, i).iter().filter_map(|q| survey.question_index(&q.id)).collect();
    let form = survey.questions.get(i).and_then(|q| match &q.show_if {
        Some(c) => ConditionForm::from_condition(c).map(Some),
        None => Some(None),
    });
    let add_id = format!("{}-add", field_id(&base));
    let body = match form {
        // Written by hand, deeper than the pickers go: kept, or replaced.
        None => view! {
            <p>{t.condition_by_hand}</p>
            <button type="button" class="secondary" id=add_id.clone() on:click=move |_| {
                reshape(ed, |s| if let Some(q) = s.questions.get_mut(i) { q.show_if = None });
            }>{t.replace_condition}</button>
        }
        .into_any(),
        Some(_) if earlier.is_empty() => view! { <p class="hint">{t.no_earlier}</p> }.into_any(),
        Some(None) => view! {
            <p>{t.condition_always}</p>
            <button type="button" class="secondary" id=add_id.clone() on:click=move |_| {
                change_form(ed, i, |s, form| {
                    if let Some(test) = earlier_questions(s, i).first().and_then(|q| Test::new(q)) {
                        form.tests.push(test);
                    }
                });
                platform::focus_soon(&format!("{}-0-question", field_id(&format!("questions[{i}].show_if"))));
            }>{t.add_condition}</button>
        }
        .into_any(),
        Some(Some(form)) => {
            let join_id = format!("{}-join", field_id(&base));
            let join = (form.tests.len() > 1).then(|| {
                view! {
                    <div class="field">
                        <label for=join_id.clone()>{t.join_label}</label>
                        <select id=join_id.clone() on:change=move |ev| {
                            let any = event_target_value(&ev) == "any";
                            change_form(ed, i, |_, form| form.join = if any { Join::Any } else { Join::All });
                        }>
                            <option value="all" selected=form.join == Join::All>{t.join_all}</option>
                            <option value="any" selected=form.join == Join::Any>{t.join_any}</option>
                        </select>
                    </div>
                }
            });
            let tests = form
                .tests
                .iter()
                .enumerate()
                .map(|(k, test)| test_view(t, ed, i, k, test, &earlier, &survey))
                .collect_view();
            view! {
                {join}
                <ol class="build-tests">{tests}</ol>
                <button type="button" class="secondary" id=add_id.clone() on:click=move |_| {
                    change_form(ed, i, |s, form| {
                        if let Some(test) = earlier_questions(s, i).first().and_then(|q| Test::new(q)) {
                            form.tests.push(test);
                        }
                    });
                }>{t.add_test}</button>
            }
            .into_any()
        }
    };
    view! {
        <div class="build-condition" id=field_id(&base) tabindex="-1">
            <h3>{t.condition_heading}</h3>
            {field_problems(t, ed, base.clone())}
            {body}
        </div>
    }
}

fn test_view(
    t: &'static BuildTexts,
    ed: Editing,
    i: usize,
    k: usize,
    test: &Test,
    earlier: &[usize],
    survey: &Survey,
) -> impl IntoView {
    let prefix = format!("{}-{k}", field_id(&format!("questions[{i}].show_if")));
    let Some(target) = survey.question(&test.question).cloned() else {
        return view! { <li>{test.question.clone()}</li> }.into_any();
    };
    let question_options = earlier
        .iter()
        .map(|&at| {
            let selected = move || {
                ed.with(|s| {
                    let chosen = form_of(s, i).and_then(|f| f.tests.get(k).map(|t| t.question.clone()));
                    s.questions.get(at).is_some_and(|q| Some(&q.id) == chosen.as_ref())
                })
            };
            let label = move || {
                ed.with(|s| {
                    s.questions.get(at).map_or_else(String::new, |q| {
                        format!(
                            "{}. {}",
                            at + 1,
                            lytt_core::localized(&q.prompt, &s.default_language, &s.default_language)
                        )
                    })
                })
            };
            view! { <option value=at.to_string() selected=selected>{label}</option> }
        })
        .collect_view();
    let kinds = tests_for(&target.kind)
        .iter()
        .map(|&kind| view! { <option value=kind_name(kind) selected=kind == test.kind>{kind_label(t, kind)}</option> })
        .collect_view();
    let values = values_for(&target, test.kind);
    let value_field = if test.kind == TestKind::Answered {
        ().into_any()
    } else if values.is_empty() {
        let (min, max) = target.kind.numeric_range().unwrap_or((0, 0));
        view! {
            <div class="field">
                <label for=format!("{prefix}-value")>{(t.test_value)(k + 1)}</label>
                <input id=format!("{prefix}-value") type="number" min=min.to_string() max=max.to_string()
                    prop:value=move || ed.with(|s| form_of(s, i).and_then(|f| f.tests.get(k).map(|t| t.value.clone())).unwrap_or_default())
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        change_form(ed, i, |s, form| {
                            let Some(test) = form.tests.get_mut(k) else { return };
                            let next = Test { value, ..test.clone() };
                            // Only a number in the question's range is taken.
                            if s.question(&next.question).is_some_and(|q| next.fits(q)) {
                                *test = next;
                            }
                        });
                    } />
            </div>
        }
        .into_any()
    } else {
        let labelled: Vec<(String, String)> = values
            .iter()
            .map(|v| {
                let label = target.option_label(v, &survey.default_language, &survey.default_language);
                (v.clone(), label)
            })
            .collect();
        view! {
            <div class="field">
                <label for=format!("{prefix}-value")>{(t.test_value)(k + 1)}</label>
                <select id=format!("{prefix}-value") on:change=move |ev| {
                    let value = event_target_value(&ev);
                    change_form(ed, i, |_, form| if let Some(test) = form.tests.get_mut(k) { test.value = value });
                }>
                    {labelled.into_iter().map(|(v, label)| {
                        let selected = {
                            let v = v.clone();
                            move || ed.with(|s| form_of(s, i).and_then(|f| f.tests.get(k).map(|t| t.value == v)).unwrap_or(false))
                        };
                        view! { <option value=v.clone() selected=selected>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
        .into_any()
    };
    view! {
        <li class="build-test">
            <div class="field">
                <label for=format!("{prefix}-question")>{(t.test_question)(k + 1)}</label>
                <select id=format!("{prefix}-question") on:change=move |ev| {
                    let at: usize = event_target_value(&ev).parse().unwrap_or(usize::MAX);
                    change_form(ed, i, |s, form| {
                        if let (Some(test), Some(q)) = (form.tests.get_mut(k), s.questions.get(at)) {
                            if let Some(fresh) = Test::new(q) {
                                *test = Test { negated: test.negated, ..fresh };
                            }
                        }
                    });
                }>{question_options}</select>
            </div>
            <div class="field">
                <label for=format!("{prefix}-kind")>{(t.test_kind)(k + 1)}</label>
                <select id=format!("{prefix}-kind") on:change=move |ev| {
                    let wanted = event_target_value(&ev);
                    change_form(ed, i, |s, form| {
                        let Some(test) = form.tests.get_mut(k) else { return };
                        let Some(q) = s.question(&test.question) else { return };
                        if let Some(&kind) = tests_for(&q.kind).iter().find(|k| kind_name(**k) == wanted) {
                            *test = test.with_kind(q, kind);
                        }
                    });
                }>{kinds}</select>
            </div>
            {value_field}
            <div class="field checkbox">
                <input id=format!("{prefix}-not") type="checkbox" prop:checked=test.negated on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    change_form(ed, i, |_, form| if let Some(test) = form.tests.get_mut(k) { test.negated = on });
                } />
                <label for=format!("{prefix}-not")>{(t.test_not)(k + 1)}</label>
            </div>
            <button type="button" class="secondary" id=format!("{prefix}-remove") on:click=move |_| {
                change_form(ed, i, |_, form| { if k < form.tests.len() { form.tests.remove(k); } });
                platform::focus_soon(&format!("{}-add", field_id(&format!("questions[{i}].show_if"))));
            }>{(t.remove_test)(k + 1)}</button>
        </li>
    }
    .into_any()
}
