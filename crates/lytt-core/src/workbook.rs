//! A translation sheet as an XLSX workbook (Office Open XML, ECMA-376), written and read here.
//!
//! Only what a sheet of text needs: one worksheet of strings. Written as a zip whose files are
//! stored uncompressed, with each cell an inline string (no formulas, so a translated text can
//! never run as one). Read from what spreadsheets save: the first worksheet, with shared or
//! inline strings, rich-text runs, numbers and sparse rows. The zip's deflated files are inflated
//! by the caller ([`needed_files`] says which), because the browser has an inflater of its own
//! (`DecompressionStream`) and the owner's screens need not carry another.
//!
//! (`crate::xlsx`, the report, uses `rust_xlsxwriter` in the results worker, which holds the
//! records; the builder has no worker and needs a hundredth of it.)

use std::collections::BTreeMap;

use crate::report::Table;

/// The most bytes a file inside a workbook may inflate to: a translation sheet is far smaller.
pub const MAX_PART_BYTES: usize = 16 * 1024 * 1024;

/// Why a workbook could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotAWorkbook;

/// The workbook of a table: its header, then its rows, in one worksheet named `name`.
pub fn write_workbook(name: &str, table: &Table) -> Vec<u8> {
    let mut sheet = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet \
         xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>",
    );
    for (r, row) in std::iter::once(&table.header).chain(&table.rows).enumerate() {
        sheet.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, value) in row.iter().enumerate() {
            let style = if r == 0 { " s=\"1\"" } else { "" };
            sheet.push_str(&format!(
                "<c r=\"{}{}\" t=\"inlineStr\"{style}><is><t xml:space=\"preserve\">{}</t></is></c>",
                column_name(c),
                r + 1,
                escape(value)
            ));
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    let files = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types \
             xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" \
             ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" \
             ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" \
             ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override \
             PartName=\"/xl/worksheets/sheet1.xml\" \
             ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/><Override \
             PartName=\"/xl/styles.xml\" \
             ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/></Types>"
                .to_string(),
        ),
        (
            "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships \
             xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" \
             Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" \
             Target=\"xl/workbook.xml\"/></Relationships>"
                .to_string(),
        ),
        (
            "xl/workbook.xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook \
                 xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
                 xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet \
                 name=\"{}\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
                escape(&sheet_name(name))
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships \
             xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" \
             Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" \
             Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" \
             Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" \
             Target=\"styles.xml\"/></Relationships>"
                .to_string(),
        ),
        // Two cell formats: plain, and bold for the header row.
        (
            "xl/styles.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<styleSheet \
             xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><fonts count=\"2\"><font><sz \
             val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name \
             val=\"Calibri\"/></font></fonts><fills count=\"1\"><fill><patternFill \
             patternType=\"none\"/></fill></fills><borders count=\"1\"><border/></borders><cellStyleXfs \
             count=\"1\"><xf/></cellStyleXfs><cellXfs count=\"2\"><xf/><xf fontId=\"1\" \
             applyFont=\"1\"/></cellXfs></styleSheet>"
                .to_string(),
        ),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    stored_zip(&files)
}

/// A sheet's name as spreadsheets allow it: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(name: &str) -> String {
    let cleaned: String = name.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect();
    if cleaned.trim().is_empty() {
        "Sheet1".into()
    } else {
        cleaned
    }
}

/// `A`, `B`, …, `Z`, `AA`, … for a zero-based column.
fn column_name(mut column: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (column % 26) as u8);
        if column < 26 {
            break;
        }
        column = column / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// The zero-based column of a cell reference such as `AB12`.
fn column_of(reference: &str) -> Option<usize> {
    let letters: Vec<u8> = reference.bytes().take_while(u8::is_ascii_alphabetic).collect();
    if letters.is_empty() {
        return None;
    }
    letters
        .iter()
        .try_fold(0usize, |n, &b| n.checked_mul(26)?.checked_add(usize::from(b.to_ascii_uppercase() - b'A') + 1))
        .map(|n| n - 1)
}

/// Text for XML: the five predefined entities, and control characters (which XML 1.0 cannot
/// hold) left out, except tab and line breaks.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        match c {
            // A text that reads as a spreadsheet escape (`_x000D_`) keeps its underscore escaped.
            '_' if looks_escaped(&text[i..]) => out.push_str("_x005F_"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn looks_escaped(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 7 && b[1] == b'x' && b[2..6].iter().all(u8::is_ascii_hexdigit) && b[6] == b'_'
}

/// CRC-32 (IEEE), as zip needs for each file.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// A zip of `files`, each stored as it is (method 0).
fn stored_zip(files: &[(&str, String)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut directory = Vec::new();
    for (name, content) in files {
        let (name, data) = (name.as_bytes(), content.as_bytes());
        let offset = out.len() as u32;
        let (crc, size, name_len) = (crc32(data), data.len() as u32, name.len() as u16);
        // Version 2.0, flag bit 11 (names in UTF-8), stored, a fixed time (1980-01-01): the file
        // says nothing of when it was made.
        let common = |out: &mut Vec<u8>| {
            out.extend_from_slice(&20u16.to_le_bytes());
            out.extend_from_slice(&0x0800u16.to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes());
            out.extend_from_slice(&0x0021u16.to_le_bytes());
            out.extend_from_slice(&crc.to_le_bytes());
            out.extend_from_slice(&size.to_le_bytes());
            out.extend_from_slice(&size.to_le_bytes());
            out.extend_from_slice(&name_len.to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes());
        };
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        common(&mut out);
        out.extend_from_slice(name);
        out.extend_from_slice(data);
        directory.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        directory.extend_from_slice(&20u16.to_le_bytes());
        common(&mut directory);
        directory.extend_from_slice(&[0; 6]); // comment length, disk, internal attributes
        directory.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        directory.extend_from_slice(&offset.to_le_bytes());
        directory.extend_from_slice(name);
    }
    let (at, length) = (out.len() as u32, directory.len() as u32);
    out.extend_from_slice(&directory);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&length.to_le_bytes());
    out.extend_from_slice(&at.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// A file inside a zip, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZipFile<'a> {
    pub name: String,
    /// Raw DEFLATE (`true`) or stored as it is.
    pub deflated: bool,
    pub data: &'a [u8],
}

fn u16_at(bytes: &[u8], at: usize) -> Option<usize> {
    Some(usize::from(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?)))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<usize> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?) as usize)
}

/// The files of a zip, from its central directory.
pub fn zip_files(bytes: &[u8]) -> Result<Vec<ZipFile<'_>>, NotAWorkbook> {
    let read = || -> Option<Vec<ZipFile<'_>>> {
        // The end record is in the last 64 KiB (its comment is at most 65,535 bytes).
        let from = bytes.len().saturating_sub(22 + 65_535);
        let end = (from..=bytes.len().checked_sub(22)?).rev().find(|&i| u32_at(bytes, i) == Some(0x0605_4b50))?;
        let (count, mut at) = (u16_at(bytes, end + 10)?, u32_at(bytes, end + 16)?);
        let mut files = Vec::with_capacity(count);
        for _ in 0..count {
            if u32_at(bytes, at)? != 0x0201_4b50 {
                return None;
            }
            let method = u16_at(bytes, at + 10)?;
            let size = u32_at(bytes, at + 20)?;
            let (name_len, extra_len, comment_len) =
                (u16_at(bytes, at + 28)?, u16_at(bytes, at + 30)?, u16_at(bytes, at + 32)?);
            let local = u32_at(bytes, at + 42)?;
            let name = String::from_utf8_lossy(bytes.get(at + 46..at + 46 + name_len)?).into_owned();
            if u32_at(bytes, local)? != 0x0403_4b50 {
                return None;
            }
            let start = local + 30 + u16_at(bytes, local + 26)? + u16_at(bytes, local + 28)?;
            let data = bytes.get(start..start.checked_add(size)?)?;
            let deflated = match method {
                0 => false,
                8 => true,
                _ => return None,
            };
            files.push(ZipFile { name, deflated, data });
            at += 46 + name_len + extra_len + comment_len;
        }
        Some(files)
    };
    read().ok_or(NotAWorkbook)
}

/// Whether reading a sheet needs this file of the workbook: the workbook and its relations, the
/// shared strings and the worksheets.
pub fn needed_files(name: &str) -> bool {
    let name = name.trim_start_matches('/');
    matches!(name, "xl/workbook.xml" | "xl/_rels/workbook.xml.rels" | "xl/sharedStrings.xml")
        || (name.starts_with("xl/worksheets/") && name.ends_with(".xml"))
}

/// The rows of the first worksheet, from the workbook's files by name (as [`needed_files`]
/// chose them, inflated). Missing cells are empty; numbers are as written.
pub fn first_sheet_rows(files: &BTreeMap<String, Vec<u8>>) -> Result<Vec<Vec<String>>, NotAWorkbook> {
    let text = |name: &str| files.get(name).map(|b| String::from_utf8_lossy(b).into_owned());
    let workbook = text("xl/workbook.xml").ok_or(NotAWorkbook)?;
    let relations = text("xl/_rels/workbook.xml.rels").unwrap_or_default();
    // The first sheet in the workbook's order, found through its relation.
    let relation = tags(&workbook)
        .into_iter()
        .find(|t| t.name == "sheet")
        .and_then(|t| t.attributes.iter().find(|(k, _)| k == "r:id" || k.ends_with(":id")).map(|(_, v)| v.clone()));
    let target = relation.and_then(|id| {
        tags(&relations)
            .into_iter()
            .find(|t| t.name == "Relationship" && t.attribute("Id") == Some(id.as_str()))
            .and_then(|t| t.attribute("Target").map(str::to_string))
    });
    let path = match target {
        Some(target) if target.starts_with('/') => target.trim_start_matches('/').to_string(),
        Some(target) => format!("xl/{target}"),
        None => "xl/worksheets/sheet1.xml".into(),
    };
    let sheet = text(&path).ok_or(NotAWorkbook)?;
    let shared = text("xl/sharedStrings.xml").map(|x| shared_strings(&x)).unwrap_or_default();
    Ok(sheet_rows(&sheet, &shared))
}

/// A tag of an XML text: its local name (without a namespace prefix), its attributes, and where
/// its content starts and ends (for a start tag).
#[derive(Debug)]
struct Tag {
    name: String,
    attributes: Vec<(String, String)>,
    kind: TagKind,
    /// The byte just after the tag.
    after: usize,
    /// The byte where the tag starts.
    at: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TagKind {
    Start,
    End,
    Empty,
}

impl Tag {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

fn local(name: &str) -> String {
    name.rsplit(':').next().unwrap_or(name).to_string()
}

/// The tags of an XML text, in order (declarations, comments and CDATA skipped).
fn tags(xml: &str) -> Vec<Tag> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(open) = xml[at..].find('<').map(|i| at + i) {
        let rest = &xml[open..];
        let skip_to = |end: &str| rest.find(end).map(|i| open + i + end.len());
        if rest.starts_with("<?") || rest.starts_with("<!--") || rest.starts_with("<![CDATA[") || rest.starts_with("<!")
        {
            let end = if rest.starts_with("<!--") {
                skip_to("-->")
            } else if rest.starts_with("<![CDATA[") {
                skip_to("]]>")
            } else {
                skip_to(">")
            };
            match end {
                Some(end) => {
                    at = end;
                    continue;
                }
                None => break,
            }
        }
        // The tag ends at the first `>` outside quotes.
        let mut quote = None;
        let Some(close) = rest.char_indices().find_map(|(i, c)| match (quote, c) {
            (None, '"' | '\'') => {
                quote = Some(c);
                None
            }
            (Some(q), c) if c == q => {
                quote = None;
                None
            }
            (None, '>') => Some(open + i),
            _ => None,
        }) else {
            break;
        };
        let inner = &xml[open + 1..close];
        let (kind, inner) = if let Some(name) = inner.strip_prefix('/') {
            (TagKind::End, name)
        } else if let Some(body) = inner.strip_suffix('/') {
            (TagKind::Empty, body)
        } else {
            (TagKind::Start, inner)
        };
        let name_end = inner.find(|c: char| c.is_whitespace()).unwrap_or(inner.len());
        out.push(Tag {
            name: local(&inner[..name_end]),
            attributes: attributes(&inner[name_end..]),
            kind,
            after: close + 1,
            at: open,
        });
        at = close + 1;
    }
    out
}

fn attributes(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(eq) = rest.find('=') {
        let key = rest[..eq].trim().to_string();
        let value_part = rest[eq + 1..].trim_start();
        let Some(quote) = value_part.chars().next().filter(|c| *c == '"' || *c == '\'') else { break };
        let Some(end) = value_part[1..].find(quote) else { break };
        out.push((key, unescape(&value_part[1..1 + end])));
        rest = &value_part[end + 2..];
    }
    out
}

/// XML's entities and character references, and spreadsheet escapes of control characters
/// (`_x000D_`).
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let Some(semi) = after.find(';').filter(|&s| s <= 10) else {
            out.push('&');
            rest = after;
            continue;
        };
        let entity = &after[..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .map(|hex| u32::from_str_radix(hex, 16))
                .or_else(|| entity.strip_prefix('#').map(str::parse::<u32>))
                .and_then(Result::ok)
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    spreadsheet_escapes(&out)
}

fn spreadsheet_escapes(text: &str) -> String {
    if !text.contains("_x") {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("_x") {
        out.push_str(&rest[..at]);
        let candidate = rest.get(at + 2..at + 7);
        match candidate
            .filter(|c| c.ends_with('_'))
            .and_then(|c| u32::from_str_radix(&c[..4], 16).ok())
            .and_then(char::from_u32)
        {
            Some(c) => {
                out.push(c);
                rest = &rest[at + 7..];
            }
            None => {
                out.push_str("_x");
                rest = &rest[at + 2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text of `<t>` elements between tags `from` and `to` (exclusive), leaving out phonetic
/// runs (`<rPh>`), which are readings of the text and not part of it.
fn text_between(xml: &str, tags: &[Tag], from: usize, to: usize) -> String {
    let mut out = String::new();
    let mut phonetic = 0usize;
    for (i, tag) in tags.iter().enumerate().take(to).skip(from) {
        match (tag.name.as_str(), tag.kind) {
            ("rPh", TagKind::Start) => phonetic += 1,
            ("rPh", TagKind::End) => phonetic = phonetic.saturating_sub(1),
            ("t", TagKind::Start) if phonetic == 0 => {
                if let Some(end) = tags.get(i + 1).filter(|e| e.name == "t" && e.kind == TagKind::End) {
                    out.push_str(&unescape(&xml[tag.after..end.at]));
                }
            }
            _ => {}
        }
    }
    out
}

/// Where the element started at `tags[start]` ends (the index of its end tag, or its own for an
/// empty one).
fn element_end(tags: &[Tag], start: usize) -> usize {
    if tags[start].kind != TagKind::Start {
        return start;
    }
    let mut depth = 0usize;
    for (i, tag) in tags.iter().enumerate().skip(start) {
        if tag.name != tags[start].name {
            continue;
        }
        match tag.kind {
            TagKind::Start => depth += 1,
            TagKind::End => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            TagKind::Empty => {}
        }
    }
    tags.len()
}

fn shared_strings(xml: &str) -> Vec<String> {
    let tags = tags(xml);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        if tags[i].name == "si" && tags[i].kind != TagKind::End {
            let end = element_end(&tags, i);
            out.push(text_between(xml, &tags, i, end));
            i = end;
        }
        i += 1;
    }
    out
}

fn sheet_rows(xml: &str, shared: &[String]) -> Vec<Vec<String>> {
    let tags = tags(xml);
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        let tag = &tags[i];
        if tag.name == "row" && tag.kind != TagKind::End {
            // Rows may skip numbers (empty rows are left out of the file).
            let number = tag.attribute("r").and_then(|r| r.parse::<usize>().ok()).unwrap_or(rows.len() + 1);
            while rows.len() + 1 < number && rows.len() < 1_000_000 {
                rows.push(Vec::new());
            }
            rows.push(Vec::new());
        } else if tag.name == "c" && tag.kind != TagKind::End {
            let end = element_end(&tags, i);
            if rows.is_empty() {
                rows.push(Vec::new());
            }
            let Some(row) = rows.last_mut() else { break };
            let column = tag.attribute("r").and_then(column_of).unwrap_or(row.len()).min(16_383);
            let value = || {
                let v = tags[i..end].iter().position(|t| t.name == "v" && t.kind == TagKind::Start).map(|p| i + p)?;
                let close = tags.get(v + 1).filter(|t| t.name == "v" && t.kind == TagKind::End)?;
                Some(unescape(&xml[tags[v].after..close.at]))
            };
            let text = match tag.attribute("t") {
                Some("s") => value().and_then(|v| v.trim().parse::<usize>().ok()).and_then(|n| shared.get(n).cloned()),
                Some("inlineStr") => Some(text_between(xml, &tags, i, end)),
                Some("b") => value().map(|v| if v.trim() == "1" { "TRUE".into() } else { "FALSE".into() }),
                _ => value(),
            };
            if row.len() <= column {
                row.resize(column + 1, String::new());
            }
            row[column] = text.unwrap_or_default();
            i = end;
        }
        i += 1;
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Inflates raw DEFLATE, as the browser does for the app.
    fn inflate(data: &[u8]) -> Vec<u8> {
        miniz_oxide::inflate::decompress_to_vec(data).expect("raw DEFLATE")
    }

    fn read(bytes: &[u8]) -> Vec<Vec<String>> {
        let files = zip_files(bytes)
            .unwrap()
            .into_iter()
            .filter(|f| needed_files(&f.name))
            .map(|f| (f.name.clone(), if f.deflated { inflate(f.data) } else { f.data.to_vec() }))
            .collect();
        first_sheet_rows(&files).unwrap()
    }

    fn table() -> Table {
        Table {
            header: vec!["text".into(), "en".into(), "ar".into()],
            rows: vec![
                vec!["title".into(), "Your home & you <3".into(), "منزلك".into()],
                vec!["q1.prompt".into(), "=1+1 is \"not\" a formula".into(), String::new()],
                vec!["q1.help".into(), "Line one\nline two".into(), "  spaces kept  ".into()],
                vec!["q2.prompt".into(), "_x000D_ is written, not a line break".into(), String::new()],
            ],
        }
    }

    #[test]
    fn a_workbook_written_here_reads_back_as_its_table() {
        let table = table();
        let rows = read(&write_workbook("Translations", &table));
        let mut expected = vec![table.header.clone()];
        expected.extend(table.rows.clone());
        assert_eq!(rows, expected);
    }

    proptest::proptest! {
        #[test]
        fn any_text_goes_out_and_back(cells in proptest::collection::vec("[^\\p{Cc}]{0,12}|[ a-z&<>\"'_x0-9A-D]{0,12}|_x[0-9A-F]{4}_", 1..12)) {
            let table = Table { header: vec!["text".into(), "en".into()], rows: cells.chunks(2).map(|c| c.to_vec()).collect() };
            let rows = read(&write_workbook("Sheet", &table));
            let mut expected = vec![table.header.clone()];
            expected.extend(table.rows.iter().cloned());
            proptest::prop_assert_eq!(rows, expected);
        }
    }

    #[test]
    fn a_spreadsheet_program_reads_the_workbook_as_strings() {
        use calamine::{Data, Reader, Xlsx};
        let bytes = write_workbook("Translations", &table());
        let mut workbook: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).expect("an XLSX workbook");
        assert_eq!(workbook.sheet_names(), vec!["Translations".to_string()]);
        let range = workbook.worksheet_range("Translations").expect("the sheet");
        let cell = |r: u32, c: u32| range.get_value((r, c)).cloned();
        assert_eq!(cell(1, 2), Some(Data::String("منزلك".into())));
        assert_eq!(cell(2, 1), Some(Data::String("=1+1 is \"not\" a formula".into())), "a string, not a formula");
        assert_eq!(range.get_size(), (5, 3));
    }

    #[cfg(feature = "xlsx")]
    #[test]
    fn a_workbook_with_shared_strings_and_deflated_files_is_read() {
        // rust_xlsxwriter writes what Excel does: shared strings, deflated, numbers as numbers.
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet();
        sheet.write_string(0, 0, "text").unwrap();
        sheet.write_string(0, 1, "nb").unwrap();
        sheet.write_string(1, 0, "title").unwrap();
        sheet.write_string(1, 1, "Hjemme & borte").unwrap();
        sheet.write_number(2, 1, 42).unwrap();
        sheet.write_string(4, 0, "q2.prompt").unwrap();
        sheet.write_string(4, 2, "sparse").unwrap();
        let bytes = workbook.save_to_buffer().unwrap();
        assert!(zip_files(&bytes).unwrap().iter().any(|f| f.deflated));
        let rows = read(&bytes);
        assert_eq!(rows[0], ["text", "nb"]);
        assert_eq!(rows[1], ["title", "Hjemme & borte"]);
        assert_eq!(rows[2], ["", "42"]);
        assert_eq!(rows[3], Vec::<String>::new());
        assert_eq!(rows[4], ["q2.prompt", "", "sparse"]);
    }

    #[test]
    fn rich_text_runs_and_escapes_are_read_as_plain_text() {
        let shared = shared_strings(
            "<sst><si><r><rPr><b/></rPr><t>Bold</t></r><r><t xml:space=\"preserve\"> and &amp; plain</t></r>\
             <rPh sb=\"0\" eb=\"1\"><t>reading</t></rPh></si><si><t>Line_x000D_break &#x41;&#66;</t></si></sst>",
        );
        assert_eq!(shared, ["Bold and & plain", "Line\rbreak AB"]);
        let rows = sheet_rows(
            "<x:worksheet><x:sheetData><x:row r=\"2\"><x:c r=\"B2\" t=\"s\"><x:v>1</x:v></x:c>\
             <x:c r=\"C2\" t=\"b\"><x:v>1</x:v></x:c><x:c r=\"AA2\" t=\"str\"><x:f>A1</x:f><x:v>x</x:v></x:c></x:row></x:sheetData></x:worksheet>",
            &shared,
        );
        assert_eq!(rows[0], Vec::<String>::new());
        assert_eq!(rows[1][1], "Line\rbreak AB");
        assert_eq!(rows[1][2], "TRUE");
        assert_eq!(rows[1][26], "x");
    }

    #[test]
    fn what_is_not_a_workbook_is_refused_without_panicking() {
        for junk in [
            &b""[..],
            b"PK",
            b"not a zip at all",
            &[0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0, 9, 0, 9, 0, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0],
        ] {
            assert_eq!(zip_files(junk), Err(NotAWorkbook), "{junk:?}");
        }
        let bytes = write_workbook("x", &table());
        for cut in [10, bytes.len() / 2, bytes.len() - 1] {
            let _ = zip_files(&bytes[..cut]);
        }
        assert_eq!(first_sheet_rows(&BTreeMap::new()), Err(NotAWorkbook));
        // Broken XML gives what it can, never a panic.
        let _ = sheet_rows("<row><c r=\"B\"><v>1</v><c t=\"s\"><v>99</v></c>", &[]);
        let _ = shared_strings("<si><t>open");
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_of("AA7"), Some(26));
        assert_eq!(column_of("7"), None);
    }
}
