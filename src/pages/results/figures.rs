//! The opened answers as the owner sees them: what was read and what was not, the indicator,
//! and per question a bar chart drawn as SVG with its table (the table is what a screen reader
//! reads; the chart is hidden from it), a breakdown, exports and printing.

use std::sync::Arc;

use leptos::prelude::*;
use lytt_core::breakdown::BreakBy;
use lytt_core::results::{ExportFormat, QuestionFigures, ResultsView, Row};
use lytt_core::summary::{Count, ANSWERED_ROW, DECLINED_ROW, NOT_ANSWERED_ROW};
use lytt_core::unseal::OpenError;

use crate::focus;
use crate::i18n::ResultsTexts;
use crate::state::AppContext;

/// A count as shown: the number, "fewer than N" or "hidden".
pub(super) fn count_text(t: &ResultsTexts, count: Count) -> String {
    match count {
        Count::Shown(n) => n.to_string(),
        Count::FewerThan(k) => (t.fewer_than)(k),
        Count::Hidden => t.hidden.to_string(),
    }
}

fn share_text(share: Option<f64>) -> String {
    share.map(|s| format!("{:.0} %", s * 100.0)).unwrap_or_default()
}

fn row_label(t: &ResultsTexts, label: &str) -> String {
    match label {
        DECLINED_ROW => t.declined_row.into(),
        NOT_ANSWERED_ROW => t.not_answered_row.into(),
        ANSWERED_ROW => t.answered_row.into(),
        other => other.into(),
    }
}

fn device_label(t: &ResultsTexts, mode: &str) -> String {
    match mode {
        "personal" => t.device_personal.into(),
        "shared" => t.device_shared.into(),
        "kiosk" => t.device_kiosk.into(),
        "interview" => t.device_interview.into(),
        other => other.into(),
    }
}

fn failure_text(t: &ResultsTexts, why: &OpenError) -> &'static str {
    match why {
        OpenError::NotAge => t.not_age,
        OpenError::WrongKey => t.wrong_key,
        OpenError::Tampered => t.tampered,
        OpenError::Truncated => t.truncated,
        OpenError::OtherSurvey { .. } => t.other_survey,
        _ => t.not_a_record,
    }
}

/// Height of one bar's row in the chart, in the SVG's units.
const BAR_ROW: f64 = 34.0;
/// The width the bars are drawn in (the chart scales to the page).
const BAR_WIDTH: f64 = 240.0;

/// Horizontal bars for the rows whose counts are shown; a hidden count gets no bar, only its
/// words. Hidden from screen readers: the table beside it says the same.
fn chart(t: &ResultsTexts, rows: &[Row]) -> impl IntoView {
    let most = rows.iter().filter_map(|r| r.count.shown()).max().unwrap_or(0).max(1) as f64;
    let height = BAR_ROW * rows.len() as f64;
    let bars = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let y = BAR_ROW * i as f64;
            let width = row.count.shown().map_or(0.0, |n| BAR_WIDTH * n as f64 / most);
            let value = match row.count {
                Count::Shown(_) => format!("{} {}", count_text(t, row.count), share_text(row.share)),
                other => count_text(t, other),
            };
            view! {
                <text x="0" y=y + 12.0 class="chart-label">{row_label(t, &row.label)}</text>
                <rect x="0" y=y + 16.0 width=width.max(1.0) height="12" class=if row.count.shown().is_some() { "bar" } else { "bar bar-hidden" } />
                <text x=width + 6.0 y=y + 27.0 class="chart-value">{value}</text>
            }
        })
        .collect_view();
    view! {
        <svg class="chart" aria-hidden="true" focusable="false" viewBox=format!("0 0 360 {height}") preserveAspectRatio="xMinYMin meet">
            {bars}
        </svg>
    }
}

/// A question's counts as a table, with shares.
fn table(t: &ResultsTexts, caption: String, rows: &[Row]) -> impl IntoView {
    let rows = rows
        .iter()
        .map(|r| {
            view! {
                <tr>
                    <th scope="row">{row_label(t, &r.label)}</th>
                    <td>{count_text(t, r.count)}</td>
                    <td>{share_text(r.share)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="counts">
            <caption>{caption}</caption>
            <thead>
                <tr><th scope="col">{t.answer_column}</th><th scope="col">{t.count_column}</th><th scope="col">{t.share_column}</th></tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

fn question(t: &'static ResultsTexts, q: &QuestionFigures) -> impl IntoView {
    let heading_id = format!("result-{}", q.id);
    let median = q.median.map(|m| view! { <p class="median">{(t.median)(m)}</p> });
    let first = q.ranked_first.as_ref().map(|rows| {
        view! {
            <h4>{t.ranked_first_heading}</h4>
            {chart(t, rows)}
            {table(t, format!("{} ({})", q.prompt, t.ranked_first_heading), rows)}
        }
    });
    let note = matches!(q.kind.as_str(), "multi" | "ranking").then(|| view! { <p class="hint">{t.multi_note}</p> });
    view! {
        <section class="result-question" aria-labelledby=heading_id.clone()>
            <h3 id=heading_id.clone()>{q.prompt.clone()}</h3>
            {note}
            {chart(t, &q.rows)}
            {table(t, q.prompt.clone(), &q.rows)}
            {median}
            {first}
        </section>
    }
}

/// The cross tables of a breakdown: one per question, a column per group.
fn broken_down(t: &'static ResultsTexts, view: &ResultsView) -> Option<impl IntoView> {
    let b = view.broken_down.as_ref()?;
    let device =
        b.groups.iter().all(|(name, _)| matches!(name.as_str(), "personal" | "shared" | "kiosk" | "interview"));
    let group_name = move |name: &str| if device { device_label(t, name) } else { row_label(t, name) };
    let head = move || {
        b.groups
            .iter()
            .map(|(name, size)| view! { <th scope="col">{group_name(name)}<br /><span class="hint">{format!("n = {}", count_text(t, *size))}</span></th> })
            .collect_view()
    };
    let tables = b
        .questions
        .iter()
        .map(|q| {
            let rows = q
                .rows
                .iter()
                .zip(&q.cells)
                .map(|(label, cells)| {
                    let cells = cells.iter().map(|c| view! { <td>{count_text(t, *c)}</td> }).collect_view();
                    view! { <tr><th scope="row">{row_label(t, label)}</th>{cells}</tr> }
                })
                .collect_view();
            view! {
                <div class="table-scroll" tabindex="0" role="region" aria-label=q.prompt.clone()>
                    <table class="counts crosstab">
                        <caption>{q.prompt.clone()}</caption>
                        <thead><tr><th scope="col">{t.answer_column}</th>{head()}</tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
        })
        .collect_view();
    Some(view! { <section class="breakdown"><h2>{t.breakdown_heading}</h2>{tables}</section> })
}

fn change_text(t: &ResultsTexts, change: Option<f64>) -> String {
    change.map(|c| (t.change)(&if c > 0.0 { format!("+{c:.0}") } else { format!("{c:.0}") })).unwrap_or_default()
}

/// This round beside an earlier one: per question, each row's count and share in both, and the
/// change in points where both shares may be shown.
fn compared(t: &'static ResultsTexts, view: &ResultsView) -> Option<impl IntoView> {
    let c = view.compared.as_ref()?;
    let tables = c
        .questions
        .iter()
        .map(|q| {
            let rows = q
                .rows
                .iter()
                .map(|r| {
                    let count = |count: Option<Count>| count.map(|c| count_text(t, c)).unwrap_or_default();
                    view! {
                        <tr>
                            <th scope="row">{row_label(t, &r.label)}</th>
                            <td>{count(r.before)}</td>
                            <td>{share_text(r.before_share)}</td>
                            <td>{count(r.after)}</td>
                            <td>{share_text(r.after_share)}</td>
                            <td>{change_text(t, r.change)}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <div class="table-scroll" tabindex="0" role="region" aria-label=q.prompt.clone()>
                    <table class="counts crosstab">
                        <caption>{q.prompt.clone()}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t.answer_column}</th>
                                <th scope="col">{t.earlier_column}</th>
                                <th scope="col">{t.share_column}</th>
                                <th scope="col">{t.this_column}</th>
                                <th scope="col">{t.share_column}</th>
                                <th scope="col">{t.change_column}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
        })
        .collect_view();
    let dates = c.dates.as_ref().map(|(from, to)| dates_text(t, from, to)).unwrap_or_default();
    Some(view! {
        <section class="compared" aria-labelledby=focus::RESULTS_COMPARED>
            <h2 id=focus::RESULTS_COMPARED tabindex="-1">{t.compared_heading}</h2>
            <p>{(t.compared_about)(&c.title, &c.version, &dates)}</p>
            <p>{(t.read_summary)(c.read, 0, c.failures, c.set_apart)}</p>
            <p>{format!("{}: {} / {}", t.responses, count_text(t, c.responses), count_text(t, view.responses))}</p>
            {tables}
        </section>
    })
}

/// Everything shown once the answers are open.
pub(super) fn outcome(
    ctx: AppContext,
    view: Arc<ResultsView>,
    by: RwSignal<Option<BreakBy>>,
    ask_view: impl Fn(String, Option<BreakBy>) + Copy + 'static,
    export: impl Fn(ExportFormat, String, String) + Copy + 'static,
) -> impl IntoView {
    let t = ctx.texts().results();
    let failures = (!view.failures.is_empty()).then(|| {
        let items = view
            .failures
            .iter()
            .map(|f| view! { <li>{format!("{}: {}", (t.record_in)(&f.file, f.record), failure_text(t, &f.why))}</li> })
            .collect_view();
        view! { <h3>{t.failures_heading}</h3><ul class="failures">{items}</ul> }
    });
    let set_apart = (!view.set_apart.is_empty()).then(|| {
        let items = view
            .set_apart
            .iter()
            .map(|m| view! { <li>{t.misfit}" "<code lang="en">{format!("{}: {}", m.response, m.why)}</code></li> })
            .collect_view();
        view! { <h3>{t.misfits_heading}</h3><ul class="misfits">{items}</ul> }
    });
    let indicator = view.indicator.as_ref().map(|i| {
        let line = match i.share {
            Some(share) => (t.indicator)(&i.label, share * 100.0, i.target * 100.0),
            None => (t.indicator_hidden)(&i.label),
        };
        view! {
            <div class="indicator">
                <p class="indicator-figure">{line}</p>
                <p class="hint">{format!("{}: {}", t.indicator_base, count_text(t, i.base))}</p>
            </div>
        }
    });
    let language = view.language.clone();
    let languages = (view.languages.len() > 1).then(|| {
        let current = view.language.clone();
        let options = view
            .languages
            .iter()
            .map(|l| view! { <option value=l.clone() selected=*l == current>{crate::i18n::language_name(l)}</option> })
            .collect_view();
        let keep = by;
        view! {
            <div class="field">
                <label for="results-language">{t.language_label}</label>
                <select id="results-language" on:change=move |ev| ask_view(event_target_value(&ev), keep.get_untracked())>
                    {options}
                </select>
            </div>
        }
    });
    let chosen = by.get_untracked();
    let break_value = match &chosen {
        None => String::new(),
        Some(BreakBy::Device) => "@device".to_string(),
        Some(BreakBy::Question(id)) => id.clone(),
    };
    let choices = view
        .break_choices
        .iter()
        .map(|c| view! { <option value=c.id.clone() selected=c.id == break_value>{c.prompt.clone()}</option> })
        .collect_view();
    let lang_for_break = language.clone();
    let break_select = view! {
        <div class="field">
            <label for="results-break">{t.break_label}</label>
            <select id="results-break" on:change=move |ev| {
                let value = event_target_value(&ev);
                let next = match value.as_str() {
                    "" => None,
                    "@device" => Some(BreakBy::Device),
                    id => Some(BreakBy::Question(id.to_string())),
                };
                by.set(next.clone());
                ask_view(lang_for_break.clone(), next);
            }>
                <option value="" selected=break_value.is_empty()>{t.break_none}</option>
                <option value="@device" selected=break_value == "@device">{t.break_device}</option>
                {choices}
            </select>
        </div>
    };
    let (csv_language, csv_survey) = (language.clone(), view.survey.clone());
    let (xlsx_language, xlsx_survey) = (language.clone(), view.survey.clone());
    let questions = view.questions.iter().map(|q| question(t, q)).collect_view();
    let dates = view.dates.as_ref().map(|(from, to)| view! { <p>{dates_text(t, from, to)}</p> });
    view! {
        <section class="results-outcome" aria-labelledby=focus::RESULTS_TITLE>
            <h2 id=focus::RESULTS_TITLE tabindex="-1">{view.title.clone()}</h2>
            <p>{(t.version)(&view.version)}</p>
            {dates}
            <p role="status" class="read-summary">
                {(t.read_summary)(view.read, view.duplicates, view.failures.len(), view.set_apart.len())}
            </p>
            {failures}
            {set_apart}
            <div class="results-controls no-print">
                {languages}
                {break_select}
                <div class="nav">
                    <button type="button" class="secondary" on:click=move |_| export(ExportFormat::Csv, csv_language.clone(), csv_survey.clone())>{t.export_csv}</button>
                    <button type="button" class="secondary" on:click=move |_| export(ExportFormat::Xlsx, xlsx_language.clone(), xlsx_survey.clone())>{t.export_xlsx}</button>
                    <button type="button" class="secondary" on:click=move |_| crate::platform::print()>{t.print}</button>
                </div>
            </div>
            <p class="responses">{format!("{}: {}", t.responses, count_text(t, view.responses))}</p>
            {indicator}
            <p class="hint">{(t.small_groups)(view.min_group_size)}</p>
            {broken_down(t, &view)}
            {compared(t, &view)}
            <h2>{t.questions_heading}</h2>
            {questions}
        </section>
    }
}

/// When the answers were given: one day (or week), or from one to another.
fn dates_text(t: &ResultsTexts, from: &str, to: &str) -> String {
    if from == to {
        (t.date_one)(from)
    } else {
        (t.dates)(from, to)
    }
}
