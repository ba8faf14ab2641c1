//! The translations view: a table of every text of the survey against every language, missing
//! ones marked, each cell editable, right-to-left languages laid out right to left; and the
//! translation sheet (XLSX or CSV) downloaded for a translator and read back in with a report.

use leptos::prelude::*;
use std::collections::BTreeMap;

use lytt_core::builder::{
    import_rows, is_right_to_left, missing_texts, sheet_texts, text_key, translation_sheet, SheetError, SheetReport,
    TextRef,
};
use lytt_core::workbook::{first_sheet_rows, needed_files, write_workbook, zip_files, MAX_PART_BYTES};

use super::{language_name, Editing};
use crate::i18n::BuildTexts;
use crate::platform;

/// A row's name: "Title", "Question 3: option 2".
fn row_name(t: &BuildTexts, text: TextRef) -> String {
    match text {
        TextRef::Title => t.title.to_string(),
        TextRef::Intro => t.intro_text.to_string(),
        TextRef::IndicatorLabel => t.row_indicator.to_string(),
        TextRef::Prompt(i) => (t.question_n)(i + 1),
        TextRef::Help(i) => (t.row_help)(i + 1),
        TextRef::OptionLabel(i, j) => (t.row_option)(i + 1, j + 1),
        TextRef::MinLabel(i) => (t.row_min)(i + 1),
        TextRef::MaxLabel(i) => (t.row_max)(i + 1),
    }
}

/// The rows of an XLSX workbook's first sheet; the zip's deflated files are inflated by the
/// browser.
async fn workbook_rows(bytes: &[u8]) -> Result<Vec<Vec<String>>, SheetError> {
    let mut files = BTreeMap::new();
    for file in zip_files(bytes).map_err(|_| SheetError::NotXlsx)?.into_iter().filter(|f| needed_files(&f.name)) {
        let content = if file.deflated {
            platform::inflate_raw(file.data, MAX_PART_BYTES).await.map_err(|_| SheetError::NotXlsx)?
        } else {
            file.data.to_vec()
        };
        files.insert(file.name.trim_start_matches('/').to_string(), content);
    }
    first_sheet_rows(&files).map_err(|_| SheetError::NotXlsx)
}

/// A translation sheet's rows, from an XLSX workbook (a zip: it starts with "PK") or CSV.
async fn sheet_rows(bytes: Vec<u8>) -> Result<Vec<Vec<String>>, SheetError> {
    if bytes.starts_with(b"PK") {
        return workbook_rows(&bytes).await;
    }
    let text = String::from_utf8(bytes).map_err(|_| SheetError::NotCsv)?;
    lytt_core::builder::parse_csv(&text)
}

#[component]
pub(super) fn Translations(t: &'static BuildTexts, ed: Editing) -> impl IntoView {
    // The table's rows and columns; the cells follow the survey as it changes.
    let layout = Memo::new(move |_| ed.with(|s| (s.languages.clone(), sheet_texts(s))));
    let report = RwSignal::new(None::<Result<SheetReport, SheetError>>);
    let download = move |_| {
        let (id, csv) = ed.with(|s| (s.id.clone(), translation_sheet(s).to_csv()));
        if !platform::download(&format!("{id}-translations.csv"), &csv, "text/csv") {
            report.set(None);
        }
    };
    let download_xlsx = move |_| {
        let (id, bytes) = ed.with(|s| (s.id.clone(), write_workbook(&s.id, &translation_sheet(s))));
        const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        if !platform::download_bytes(&format!("{id}-translations.xlsx"), &bytes, XLSX) {
            report.set(None);
        }
    };
    let import = move |ev: leptos::ev::Event| {
        let Some(file) = platform::chosen_files(&ev).into_iter().next() else { return };
        let reading = file.start_bytes();
        leptos::task::spawn_local(async move {
            let rows = match reading.await {
                Some(bytes) => sheet_rows(bytes).await,
                None => Err(SheetError::NotCsv),
            };
            let mut result = None;
            match rows {
                Ok(rows) => ed.edit(|s| result = Some(import_rows(s, &rows))),
                Err(e) => result = Some(Err(e)),
            }
            report.set(result);
            platform::focus_soon("build-sheet-report");
        });
    };
    let missing = move || {
        let n = ed.with(missing_texts).len();
        if n == 0 {
            t.none_missing.to_string()
        } else {
            (t.missing_count)(n)
        }
    };
    let report_view = move || {
        report.get().map(|result| {
            let lines = match result {
                Err(SheetError::NotCsv) => vec![t.sheet_not_csv.to_string()],
                Err(SheetError::NoHeader) => vec![t.sheet_no_header.to_string()],
                Err(SheetError::NotXlsx) => vec![t.sheet_not_xlsx.to_string()],
                Ok(r) => {
                    let list = |items: &[(String, String)]| {
                        items.iter().map(|(k, l)| format!("{k} ({l})")).collect::<Vec<_>>().join(", ")
                    };
                    let mut lines = vec![(t.import_changed)(r.changed.len())];
                    if !r.missing.is_empty() {
                        lines.push((t.import_missing)(&list(&r.missing)));
                    }
                    if !r.unknown_texts.is_empty() {
                        lines.push((t.import_unknown_texts)(&r.unknown_texts.join(", ")));
                    }
                    if !r.unknown_languages.is_empty() {
                        lines.push((t.import_unknown_languages)(&r.unknown_languages.join(", ")));
                    }
                    lines
                }
            };
            view! {
                <div class="sheet-report" id="build-sheet-report" tabindex="-1" role="status">
                    {lines.into_iter().map(|l| view! { <p>{l}</p> }).collect_view()}
                </div>
            }
        })
    };
    let table = move || {
        let (languages, texts) = layout.get();
        let head = languages
            .iter()
            .map(|l| view! { <th scope="col" lang=l.clone()>{format!("{} ({l})", language_name(l))}</th> })
            .collect_view();
        let rows = texts
            .into_iter()
            .map(|text| {
                let name = row_name(t, text);
                let key = ed.with(|s| text_key(s, text));
                let cells = languages
                    .iter()
                    .map(|language| {
                        let dir = if is_right_to_left(language) { "rtl" } else { "ltr" };
                        let label = format!("{name} ({language})");
                        let (read_language, write_language, missing_language) =
                            (language.clone(), language.clone(), language.clone());
                        let missing_language = StoredValue::new(missing_language);
                        let missing =
                            move || ed.with(|s| missing_language.with_value(|l| text.text(s, l).trim().is_empty()));
                        view! {
                            <td class:missing=missing data-language=format!("{} ({language})", language_name(language))>
                                <textarea rows="2" lang=language.clone() dir=dir aria-label=label
                                    prop:value=move || ed.with(|s| text.text(s, &read_language))
                                    on:change=move |ev| {
                                        let value = event_target_value(&ev);
                                        ed.edit(|s| text.set(s, &write_language, value));
                                    }
                                ></textarea>
                                {move || missing().then(|| view! { <span class="missing-mark">{t.missing_mark}</span> })}
                            </td>
                        }
                    })
                    .collect_view();
                view! {
                    <tr>
                        <th scope="row">{name}<br /><span class="hint">{key}</span></th>
                        {cells}
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-scroll">
                <table class="translations">
                    <thead><tr><th scope="col">{t.text_column}</th>{head}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    };
    view! {
        <section aria-labelledby="build-translations-heading" class="build-translations">
            <h2 id="build-translations-heading">{t.translations}</h2>
            <p>{t.translations_intro}</p>
            <p role="status">{missing}</p>
            <div class="build-actions">
                <button type="button" class="secondary" id="build-sheet-download-xlsx" on:click=download_xlsx>{t.sheet_download_xlsx}</button>
                <button type="button" class="secondary" id="build-sheet-download" on:click=download>{t.sheet_download}</button>
            </div>
            <div class="field">
                <label for="build-sheet-import">{t.sheet_import}</label>
                <input id="build-sheet-import" type="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" on:change=import />
            </div>
            {report_view}
            {table}
        </section>
    }
}
