//! Turns the app's own words, one data file per language (`i18n/<lang>.toml`), into the typed
//! statics the app uses (`Texts` and the rest, declared in `src/i18n/`); the app's `build.rs`
//! runs it. A translator edits only the data file; a key that is missing, one that is not in the
//! types, a placeholder the text cannot have or a list of the wrong length is an error that says
//! where, and stops the build.
//!
//! A text is plain, with `{name}` placeholders for what the app fills in (`{share:.0}` with a
//! format), `{{` and `}}` for braces, and `{n, plural, one {...} other {...}}` for words that
//! change with a number (the categories of the Unicode plural rules: zero, one, two, few, many,
//! other; `=0` for an exact number).

use std::fmt::Write as _;

/// A section of a language file: its name, the type it fills, the suffix of its static's name,
/// the file that declares the type, and whether only the owner's build has it.
pub const SECTIONS: [(&str, &str, &str, &str, bool); 6] = [
    ("texts", "Texts", "", "src/i18n/mod.rs", false),
    ("modes", "DeviceModeTexts", "_MODES", "src/i18n/mod.rs", false),
    ("shared", "SharedComputerTexts", "_SHARED", "src/i18n/mod.rs", false),
    ("results", "ResultsTexts", "_RESULTS", "src/i18n/mod.rs", false),
    ("build", "BuildTexts", "_BUILD", "src/i18n/build.rs", true),
    ("why", "WhyTexts", "_WHY", "src/i18n/build.rs", true),
];

/// The language whose words are in the app's main module.
pub const MAIN_LANGUAGE: &str = "nb";

/// The sections every language has; the others (the owner's screens) are in the languages the
/// owner's screens are offered in.
pub const EVERY_LANGUAGE: [&str; 3] = ["texts", "modes", "shared"];

/// What a field of a text type holds.
#[derive(Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    List(usize),
    Lang,
    /// A reference to another section's static of this language (`Option<&'static Type>`):
    /// `None` in the main module's language, whose sections stay in the parts that use them.
    Section(String),
    /// A function of these parameters (name, Rust type).
    Fn(Vec<(String, String)>),
}

/// The Rust code of one language's statics, from the text of its file; `declared` gives the
/// fields of a type from the source of the file that declares it. The errors each say where.
pub fn language_code(
    lang: &str,
    file_text: &str,
    declared: impl Fn(&str, &str) -> Vec<(String, Kind)>,
) -> Result<String, Vec<String>> {
    let path = format!("i18n/{lang}.toml");
    let data: toml::Table = file_text.parse().map_err(|e| vec![format!("{path}: {e}")])?;
    let mut errors = Vec::new();
    let mut code = String::new();
    for (section, type_name, suffix, declared_in, owner_only) in SECTIONS {
        let Some(values) = data.get(section) else {
            if EVERY_LANGUAGE.contains(&section) {
                errors.push(format!("{path}: the section [{section}] is missing"));
            }
            continue;
        };
        let Some(values) = values.as_table() else {
            errors.push(format!("{path}: [{section}] is not a section"));
            continue;
        };
        let fields = declared(declared_in, type_name);
        let name = format!("{}{suffix}", lang.to_uppercase());
        match static_code(lang, &name, type_name, &fields, values) {
            Ok(body) => {
                if owner_only {
                    code.push_str("#[cfg(feature = \"owner\")]\n");
                }
                code.push_str(&body);
            }
            Err(problems) => errors.extend(problems.into_iter().map(|p| format!("{path}: [{section}] {p}"))),
        }
    }
    for section in data.keys() {
        if !SECTIONS.iter().any(|s| s.0 == section) {
            errors.push(format!("{path}: [{section}] is not a section of the app's text"));
        }
    }
    if errors.is_empty() {
        Ok(code)
    } else {
        Err(errors)
    }
}

/// The fields of `pub struct type_name` in `source` (the text of `file`), in order.
pub fn fields_of(file: &str, source: &str, type_name: &str) -> Vec<(String, Kind)> {
    let start = source
        .find(&format!("pub struct {type_name} {{"))
        .unwrap_or_else(|| panic!("{file} declares no struct {type_name}"));
    let body = &source[start..];
    let end = body.find("\n}").unwrap_or(body.len());
    let mut fields = Vec::new();
    for line in body[..end].lines().skip(1) {
        let line = line.trim();
        let Some(rest) = line.strip_prefix("pub ") else { continue };
        let Some((name, ty)) = rest.split_once(": ") else { continue };
        let ty = ty.trim_end_matches(',');
        let kind = if ty == "&'static str" {
            Kind::Text
        } else if ty == "UiLang" {
            Kind::Lang
        } else if let Some(section_type) = ty.strip_prefix("Option<&'static ").and_then(|t| t.strip_suffix('>')) {
            Kind::Section(section_type.to_string())
        } else if let Some(n) = ty.strip_prefix("[&'static str; ").and_then(|t| t.strip_suffix(']')) {
            Kind::List(n.parse().unwrap_or_else(|_| panic!("{file}: {name}: a list of {n}?")))
        } else if let Some(params) = ty.strip_prefix("fn(").and_then(|t| t.strip_suffix(") -> String")) {
            let params = params
                .split(", ")
                .filter(|p| !p.is_empty())
                .map(|p| {
                    let (n, t) = p.split_once(": ").unwrap_or_else(|| panic!("{file}: {name}: name the parameter {p}"));
                    (n.to_string(), t.to_string())
                })
                .collect();
            Kind::Fn(params)
        } else {
            panic!("{file}: {type_name}.{name} has a type the text files cannot fill: {ty}");
        };
        fields.push((name.to_string(), kind));
    }
    fields
}

/// `pub static NAME: Type = Type { ... };` for one section of one language.
fn static_code(
    lang: &str,
    name: &str,
    type_name: &str,
    fields: &[(String, Kind)],
    values: &toml::Table,
) -> Result<String, Vec<String>> {
    let mut problems = Vec::new();
    // A plural's number is taken `as u64` whatever its type, which may already be u64.
    let mut code = format!("#[allow(clippy::unnecessary_cast)]\npub static {name}: {type_name} = {type_name} {{\n");
    for (field, kind) in fields {
        if matches!(kind, Kind::Lang) {
            let variant = format!("{}{}", lang[..1].to_uppercase(), &lang[1..]);
            let _ = writeln!(code, "    {field}: UiLang::{variant},");
            continue;
        }
        if let Kind::Section(section_type) = kind {
            let Some((_, _, suffix, _, _)) = SECTIONS.iter().find(|s| s.1 == section_type) else {
                problems.push(format!("\"{field}\" refers to {section_type}, which is no section"));
                continue;
            };
            if lang == MAIN_LANGUAGE {
                let _ = writeln!(code, "    {field}: None,");
            } else {
                let _ = writeln!(code, "    {field}: Some(&{}{suffix}),", lang.to_uppercase());
            }
            continue;
        }
        let Some(value) = values.get(field) else {
            problems.push(format!("\"{field}\" is missing"));
            continue;
        };
        match field_code(lang, kind, value) {
            Ok(expr) => {
                let _ = writeln!(code, "    {field}: {expr},");
            }
            Err(why) => problems.push(format!("\"{field}\": {why}")),
        }
    }
    for key in values.keys() {
        if !fields.iter().any(|(f, _)| f == key) {
            problems.push(format!("\"{key}\" is not a text the app has"));
        }
    }
    code.push_str("};\n");
    if problems.is_empty() {
        Ok(code)
    } else {
        Err(problems)
    }
}

fn field_code(lang: &str, kind: &Kind, value: &toml::Value) -> Result<String, String> {
    match kind {
        Kind::Lang | Kind::Section(_) => unreachable!("filled from the file name"),
        Kind::Text => {
            let text = value.as_str().ok_or("must be a text in quotes")?;
            let message = parse(text, &[])?;
            literal_only(&message).map(|s| rust_string(&s)).ok_or_else(|| "a fixed text has no placeholders".into())
        }
        Kind::List(n) => {
            let items = value.as_array().ok_or("must be a list of texts")?;
            if items.len() != *n {
                return Err(format!("must list {n} texts, not {}", items.len()));
            }
            let mut parts = Vec::new();
            for item in items {
                let text = item.as_str().ok_or("must be a list of texts")?;
                let message = parse(text, &[])?;
                parts.push(rust_string(&literal_only(&message).ok_or("a fixed text has no placeholders")?));
            }
            Ok(format!("[{}]", parts.join(", ")))
        }
        Kind::Fn(params) => {
            let text = value.as_str().ok_or("must be a text in quotes")?;
            let names: Vec<&str> = params.iter().map(|(n, _)| n.as_str()).collect();
            let message = parse(text, &names)?;
            let args = params.iter().map(|(n, t)| format!("{n}: {t}")).collect::<Vec<_>>().join(", ");
            // A parameter a language does not need (a number its grammar does not show) is
            // still taken.
            let unused: String =
                params.iter().filter(|(n, _)| !uses(&message, n)).map(|(n, _)| format!("let _ = {n}; ")).collect();
            Ok(format!("|{args}| {{ {unused}{} }}", expression(lang, &message)))
        }
    }
}

#[derive(Debug)]
enum Piece {
    Literal(String),
    /// A placeholder and its format (`.0`), if any.
    Value(String, Option<String>),
    /// A number's plural forms: (category or `=N`, message).
    Plural(String, Vec<(String, Vec<Piece>)>),
}

const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

fn parse(text: &str, params: &[&str]) -> Result<Vec<Piece>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut at = 0;
    let pieces = parse_pieces(&chars, &mut at, params, false)?;
    if at < chars.len() {
        return Err(format!("an unmatched \"}}\" in {text:?}"));
    }
    Ok(pieces)
}

/// Pieces up to the end, or (`in_branch`) up to the `}` that closes a plural form.
fn parse_pieces(chars: &[char], at: &mut usize, params: &[&str], in_branch: bool) -> Result<Vec<Piece>, String> {
    let mut pieces = Vec::new();
    let mut literal = String::new();
    while *at < chars.len() {
        let c = chars[*at];
        match c {
            '{' if chars.get(*at + 1) == Some(&'{') => {
                literal.push('{');
                *at += 2;
            }
            '}' if in_branch => break,
            '}' if chars.get(*at + 1) == Some(&'}') => {
                literal.push('}');
                *at += 2;
            }
            '}' => return Err("a \"}\" that closes nothing (write \"}}\" for a brace)".into()),
            '{' => {
                if !literal.is_empty() {
                    pieces.push(Piece::Literal(std::mem::take(&mut literal)));
                }
                *at += 1;
                pieces.push(parse_placeholder(chars, at, params)?);
            }
            _ => {
                literal.push(c);
                *at += 1;
            }
        }
    }
    if !literal.is_empty() {
        pieces.push(Piece::Literal(literal));
    }
    Ok(pieces)
}

/// After a `{`: `name}`, `name:format}` or `name, plural, one {...} other {...}}`.
fn parse_placeholder(chars: &[char], at: &mut usize, params: &[&str]) -> Result<Piece, String> {
    let start = *at;
    while *at < chars.len() && !matches!(chars[*at], '}' | ',' | ':') {
        *at += 1;
    }
    let name: String = chars[start..*at].iter().collect::<String>().trim().to_string();
    if !params.contains(&name.as_str()) {
        return Err(if params.is_empty() {
            format!("\"{{{name}}}\": this text has no placeholders (write \"{{{{\" for a brace)")
        } else {
            format!("\"{{{name}}}\" is not one of its placeholders: {}", params.join(", "))
        });
    }
    match chars.get(*at) {
        Some('}') => {
            *at += 1;
            Ok(Piece::Value(name, None))
        }
        Some(':') => {
            let from = *at + 1;
            while *at < chars.len() && chars[*at] != '}' {
                *at += 1;
            }
            let format: String = chars[from..*at].iter().collect();
            *at += 1;
            Ok(Piece::Value(name, Some(format)))
        }
        Some(',') => {
            *at += 1;
            let rest: String = chars[*at..].iter().collect();
            let after = rest.trim_start();
            let Some(after) = after.strip_prefix("plural,") else {
                return Err(format!("\"{{{name}, ...\": only \"{{{name}, plural, ...}}\" is known"));
            };
            *at = chars.len() - after.chars().count();
            let mut forms = Vec::new();
            loop {
                while *at < chars.len() && chars[*at].is_whitespace() {
                    *at += 1;
                }
                match chars.get(*at) {
                    Some('}') => {
                        *at += 1;
                        break;
                    }
                    None => return Err(format!("\"{{{name}, plural, ...\" is not closed")),
                    _ => {}
                }
                let from = *at;
                while *at < chars.len() && !chars[*at].is_whitespace() && chars[*at] != '{' {
                    *at += 1;
                }
                let form: String = chars[from..*at].iter().collect();
                let exact = form.strip_prefix('=').is_some_and(|n| n.parse::<u64>().is_ok());
                if !exact && !CATEGORIES.contains(&form.as_str()) {
                    return Err(format!("\"{form}\" is not a plural form: use {} or =N", CATEGORIES.join(", ")));
                }
                while *at < chars.len() && chars[*at].is_whitespace() {
                    *at += 1;
                }
                if chars.get(*at) != Some(&'{') {
                    return Err(format!("the plural form \"{form}\" needs its text in {{...}}"));
                }
                *at += 1;
                let message = parse_pieces(chars, at, params, true)?;
                if chars.get(*at) != Some(&'}') {
                    return Err(format!("the plural form \"{form}\" is not closed"));
                }
                *at += 1;
                forms.push((form, message));
            }
            if !forms.iter().any(|(f, _)| f == "other") {
                return Err(format!("\"{{{name}, plural, ...}}\" needs an \"other\" form"));
            }
            Ok(Piece::Plural(name, forms))
        }
        _ => Err(format!("\"{{{name}\" is not closed")),
    }
}

fn literal_only(pieces: &[Piece]) -> Option<String> {
    let mut text = String::new();
    for piece in pieces {
        match piece {
            Piece::Literal(s) => text.push_str(s),
            _ => return None,
        }
    }
    Some(text)
}

fn uses(pieces: &[Piece], name: &str) -> bool {
    pieces.iter().any(|p| match p {
        Piece::Literal(_) => false,
        Piece::Value(n, _) => n == name,
        Piece::Plural(n, forms) => n == name || forms.iter().any(|(_, m)| uses(m, name)),
    })
}

fn rust_string(text: &str) -> String {
    format!("{text:?}")
}

/// A Rust expression that makes the message as a `String`.
fn expression(lang: &str, pieces: &[Piece]) -> String {
    if let Some(text) = literal_only(pieces) {
        return format!("String::from({})", rust_string(&text));
    }
    let mut template = String::new();
    let mut args = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Literal(s) => template.push_str(&s.replace('{', "{{").replace('}', "}}")),
            Piece::Value(name, None) => {
                let _ = write!(template, "{{{name}}}");
            }
            Piece::Value(name, Some(format)) => {
                let _ = write!(template, "{{{name}:{format}}}");
            }
            Piece::Plural(name, forms) => {
                template.push_str("{}");
                let mut arms = String::new();
                for (form, message) in forms.iter().filter(|(f, _)| f.starts_with('=')) {
                    let _ = write!(arms, "_ if {name} as u64 == {} => {}, ", &form[1..], expression(lang, message));
                }
                for (form, message) in forms.iter().filter(|(f, _)| !f.starts_with('=') && f != "other") {
                    let variant = format!("{}{}", form[..1].to_uppercase(), &form[1..]);
                    let _ = write!(arms, "super::plural::Plural::{variant} => {}, ", expression(lang, message));
                }
                let other =
                    forms.iter().find(|(f, _)| f == "other").map(|(_, m)| expression(lang, m)).unwrap_or_default();
                let _ = write!(arms, "_ => {other}");
                args.push(format!("match super::plural::category({:?}, {name} as u64) {{ {arms} }}", lang));
            }
        }
    }
    if template == "{}" && args.len() == 1 {
        return args.remove(0);
    }
    let template = rust_string(&template);
    if args.is_empty() {
        format!("format!({template})")
    } else {
        format!("format!({template}, {})", args.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TYPES: &str = r#"
pub struct Texts {
    /// The language.
    pub lang: UiLang,
    pub modes_here: Option<&'static DeviceModeTexts>,
    pub next: &'static str,
    pub progress: fn(n: usize, total: usize) -> String,
    pub waiting: fn(n: usize) -> String,
    pub faces: [&'static str; 2],
}
pub struct DeviceModeTexts {
    pub kiosk: &'static str,
}
pub struct SharedComputerTexts {
    pub take_break: &'static str,
}
"#;

    fn declared(file: &str, type_name: &str) -> Vec<(String, Kind)> {
        fields_of(file, TYPES, type_name)
    }

    fn file(texts: &str) -> String {
        format!("[texts]\n{texts}\n[modes]\nkiosk = \"Kiosk\"\n[shared]\ntake_break = \"Pause\"\n")
    }

    const GOOD: &str = r#"next = "Neste"
progress = "Spørsmål {n} av {total}"
waiting = "{n, plural, one {Ett svar venter.} other {{n} svar venter.}}"
faces = ["Lei meg", "Glad"]"#;

    #[test]
    fn a_complete_file_makes_typed_statics() {
        let code = language_code("nb", &file(GOOD), declared).expect("complete");
        assert!(code.contains("pub static NB: Texts = Texts {"), "{code}");
        assert!(code.contains("lang: UiLang::Nb,"));
        assert!(code.contains(r#"next: "Neste","#));
        assert!(code.contains(r#"|n: usize, total: usize| { format!("Spørsmål {n} av {total}") }"#), "{code}");
        assert!(
            code.contains(
                r#"super::plural::Plural::One => String::from("Ett svar venter."), _ => format!("{n} svar venter.")"#
            ),
            "{code}"
        );
        assert!(code.contains(r#"faces: ["Lei meg", "Glad"],"#));
        assert!(code.contains("pub static NB_MODES: DeviceModeTexts") && code.contains("pub static NB_SHARED"));
        // Another language's kiosk words travel in its own part, with its other words.
        assert!(code.contains("modes_here: None,"));
        let other = language_code("sv", &file(GOOD), declared).expect("complete");
        assert!(other.contains("modes_here: Some(&SV_MODES),"), "{other}");
    }

    #[test]
    fn a_missing_or_unknown_key_is_an_error_that_says_where() {
        let missing = GOOD.replace("next = \"Neste\"\n", "");
        assert_eq!(
            language_code("nb", &file(&missing), declared),
            Err(vec![r#"i18n/nb.toml: [texts] "next" is missing"#.to_string()])
        );
        let extra = format!("{GOOD}\nnxet = \"Neste\"");
        assert_eq!(
            language_code("nb", &file(&extra), declared),
            Err(vec![r#"i18n/nb.toml: [texts] "nxet" is not a text the app has"#.to_string()])
        );
        let no_modes = format!("[texts]\n{GOOD}\n[shared]\ntake_break = \"Pause\"\n");
        assert_eq!(
            language_code("nb", &no_modes, declared),
            Err(vec!["i18n/nb.toml: the section [modes] is missing".to_string()])
        );
    }

    #[test]
    fn placeholders_plurals_and_lists_are_checked() {
        let cases = [
            (
                "progress = \"Spørsmål {n} av {totalt}\"",
                r#""progress": "{totalt}" is not one of its placeholders: n, total"#,
            ),
            ("next = \"Neste {n}\"", r#""next": "{n}": this text has no placeholders (write "{{" for a brace)"#),
            ("waiting = \"{n, plural, one {Ett svar.}}\"", r#""waiting": "{n, plural, ...}" needs an "other" form"#),
            (
                "waiting = \"{n, plural, single {Ett.} other {Flere.}}\"",
                r#""waiting": "single" is not a plural form: use zero, one, two, few, many, other or =N"#,
            ),
            ("waiting = \"{n} svar}\"", r#""waiting": a "}" that closes nothing (write "}}" for a brace)"#),
            ("faces = [\"Glad\"]", r#""faces": must list 2 texts, not 1"#),
            ("next = 3", r#""next": must be a text in quotes"#),
        ];
        for (line, why) in cases {
            let key = line.split(' ').next().unwrap();
            let texts: Vec<&str> = GOOD.lines().filter(|l| !l.starts_with(&format!("{key} "))).chain([line]).collect();
            let got = language_code("nb", &file(&texts.join("\n")), declared);
            assert_eq!(got, Err(vec![format!("i18n/nb.toml: [texts] {why}")]), "{line}");
        }
    }

    #[test]
    fn braces_are_written_double_and_a_text_without_placeholders_is_a_plain_string() {
        let texts = GOOD.replace("next = \"Neste\"", "next = \"Neste {{ok}}\"");
        let code = language_code("nb", &file(&texts), declared).expect("valid");
        assert!(code.contains(r#"next: "Neste {ok}","#), "{code}");
    }
}
