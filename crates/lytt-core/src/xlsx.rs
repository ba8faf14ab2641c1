//! The report as a spreadsheet: a "Summary" sheet with counts per question and the indicator
//! against its target (small groups hidden), and a "Responses" sheet with one row per response.

use crate::report::Table;
use crate::summary::{Count, Summary};
use crate::{localized, Survey};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

/// Reminder shown above free text.
pub const FREE_TEXT_WARNING: &str =
    "Free text can identify people. Keep this file safe and do not share answers that could say who wrote them.";

/// The most characters a spreadsheet cell holds (Excel's limit, which the XLSX format keeps).
pub const CELL_CHARACTERS: usize = 32_767;

/// A text as a cell can hold it: a longer answer is cut, and says so, instead of failing the
/// whole workbook. (The CSV report and `lytt decrypt` keep every character.)
pub fn cell_text(text: &str) -> std::borrow::Cow<'_, str> {
    // Excel counts UTF-16 units; a text within the limit in those is whole.
    if text.encode_utf16().count() <= CELL_CHARACTERS {
        return text.into();
    }
    let mut kept = String::new();
    let mut units = 0;
    let note_room = 120;
    for c in text.chars() {
        if units + c.len_utf16() > CELL_CHARACTERS - note_room {
            break;
        }
        units += c.len_utf16();
        kept.push(c);
    }
    let left = text.chars().count() - kept.chars().count();
    format!("{kept} […cut here: {left} more characters, too long for a spreadsheet cell; the CSV report has the whole text]")
        .into()
}

/// Makes the workbook's bytes.
pub fn workbook(survey: &Survey, summary: &Summary, table: &Table, language: &str) -> Result<Vec<u8>, String> {
    build(survey, summary, table, language).map_err(|e| format!("cannot make the spreadsheet: {e}"))
}

/// A workbook of one sheet named `name` holding `table` (a header row in bold, then the rows).
pub fn table_workbook(name: &str, table: &Table) -> Result<Vec<u8>, String> {
    let build = || -> Result<Vec<u8>, XlsxError> {
        let bold = Format::new().set_bold();
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet().set_name(name)?;
        for (col, heading) in table.header.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, heading, &bold)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            for (col, value) in row.iter().enumerate() {
                sheet.write_string(r as u32 + 1, col as u16, cell_text(value))?;
            }
        }
        workbook.save_to_buffer()
    };
    build().map_err(|e| format!("cannot make the spreadsheet: {e}"))
}

fn count_cell(sheet: &mut Worksheet, row: u32, col: u16, count: Count) -> Result<(), XlsxError> {
    match count {
        Count::Shown(n) => sheet.write_number(row, col, n as f64).map(|_| ()),
        other => sheet.write_string(row, col, other.text()).map(|_| ()),
    }
}

fn build(survey: &Survey, summary: &Summary, table: &Table, language: &str) -> Result<Vec<u8>, XlsxError> {
    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(14);
    let percent = Format::new().set_num_format("0.0%");
    let warning = Format::new().set_bold().set_font_color("#9C0006");
    let k = summary.min_group_size;

    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet().set_name("Summary")?;
    sheet.set_column_width(0, 48)?;
    sheet.set_column_width(1, 16)?;
    sheet.set_column_width(2, 16)?;
    sheet.set_column_width(3, 12)?;
    sheet.set_column_width(4, 14)?;
    let fallback = survey.default_language.as_str();
    sheet.write_string_with_format(0, 0, cell_text(localized(&survey.title, language, fallback)), &title)?;
    sheet.write_string(1, 0, "Survey")?;
    sheet.write_string(1, 1, format!("{} (version {})", survey.id, survey.version))?;
    sheet.write_string(2, 0, "Responses")?;
    count_cell(sheet, 2, 1, summary.responses)?;
    sheet.write_string(3, 0, "Smallest group shown")?;
    sheet.write_number(3, 1, f64::from(k))?;
    sheet.write_string(
        4,
        0,
        format!(
            "Counts of 1 to {} are shown as \"fewer than {k}\". Where such a count could be worked out from the \
             total, one more count is shown as \"hidden\".",
            k.saturating_sub(1)
        ),
    )?;
    sheet.write_string_with_format(5, 0, FREE_TEXT_WARNING, &warning)?;

    let mut row = 7;
    if let Some(ind) = &summary.indicator {
        sheet.write_string_with_format(row, 0, "Indicator", &bold)?;
        for (col, name) in ["share", "target", "target met", "based on"].iter().enumerate() {
            sheet.write_string_with_format(row, col as u16 + 1, *name, &bold)?;
        }
        row += 1;
        sheet.write_string(row, 0, cell_text(&ind.label))?;
        match ind.share {
            Some(share) => sheet.write_number_with_format(row, 1, share, &percent)?,
            None => sheet.write_string(row, 1, "hidden (small groups)")?,
        };
        sheet.write_number_with_format(row, 2, ind.target, &percent)?;
        sheet.write_string(
            row,
            3,
            match ind.met {
                Some(true) => "yes",
                Some(false) => "no",
                None => "not shown",
            },
        )?;
        count_cell(sheet, row, 4, ind.base)?;
        row += 2;
    }

    let total = summary.responses.shown().filter(|&n| n > 0);
    for question in &summary.questions {
        sheet.write_string_with_format(row, 0, cell_text(&format!("{} ({})", question.prompt, question.id)), &bold)?;
        sheet.write_string_with_format(row, 1, "responses", &bold)?;
        sheet.write_string_with_format(row, 2, "share", &bold)?;
        row += 1;
        for line in &question.rows {
            sheet.write_string(row, 0, cell_text(&line.label))?;
            count_cell(sheet, row, 1, line.count)?;
            if let (Some(n), Some(total)) = (line.count.shown(), total) {
                sheet.write_number_with_format(row, 2, n as f64 / total as f64, &percent)?;
            }
            row += 1;
        }
        row += 1;
    }

    let sheet = workbook.add_worksheet().set_name("Responses")?;
    sheet.write_string_with_format(0, 0, FREE_TEXT_WARNING, &warning)?;
    for (col, name) in table.header.iter().enumerate() {
        sheet.write_string_with_format(2, col as u16, name, &bold)?;
    }
    // Numeric questions' columns hold numbers, so they can be summed and charted.
    let numeric: Vec<bool> =
        table.header.iter().map(|id| survey.question(id).is_some_and(|q| q.kind.numeric_range().is_some())).collect();
    for (i, cells) in table.rows.iter().enumerate() {
        let row = 3 + i as u32;
        for (col, value) in cells.iter().enumerate() {
            match value.parse::<i64>() {
                Ok(n) if numeric[col] => sheet.write_number(row, col as u16, n as f64)?,
                // Text cells are never read as formulas, whatever they start with.
                _ => sheet.write_string(row, col as u16, cell_text(value))?,
            };
        }
    }
    sheet.set_freeze_panes(3, 1)?;
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_longer_than_a_cell_is_cut_and_says_so_and_a_workbook_is_made() {
        assert_eq!(cell_text("kort"), "kort");
        let exact = "ø".repeat(CELL_CHARACTERS);
        assert_eq!(cell_text(&exact), exact.as_str(), "within the limit, whole");
        // Emoji take two UTF-16 units each, as Excel counts.
        let long = format!("{}{}", "Å bli hørt. ".repeat(3000), "🙂".repeat(1000));
        let cut = cell_text(&long);
        assert!(cut.encode_utf16().count() <= CELL_CHARACTERS, "{}", cut.encode_utf16().count());
        assert!(cut.starts_with("Å bli hørt. Å bli hørt."));
        assert!(cut.ends_with("the CSV report has the whole text]"));
        let table = Table { header: vec!["svar".into()], rows: vec![vec![long.clone()], vec!["kort".into()]] };
        let bytes = table_workbook("Svar", &table).expect("a workbook despite the long text");
        assert!(bytes.starts_with(b"PK"));
        // Written whole, rust_xlsxwriter refuses the text: what this guards against.
        let mut workbook = Workbook::new();
        assert!(workbook.add_worksheet().write_string(0, 0, &long).is_err());
    }
}
