//! Makes the app's own text from `i18n/<lang>.toml` with `lytt-i18n` (see that crate).

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=i18n");
    println!("cargo:rerun-if-changed=src/i18n/mod.rs");
    println!("cargo:rerun-if-changed=src/i18n/build.rs");
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let mut languages: Vec<String> = std::fs::read_dir("i18n")
        .expect("the i18n folder")
        .filter_map(|e| e.ok()?.file_name().into_string().ok()?.strip_suffix(".toml").map(String::from))
        .collect();
    languages.sort();
    let declared = |file: &str, type_name: &str| {
        let source = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
        lytt_i18n::fields_of(file, &source, type_name)
    };
    let mut errors = Vec::new();
    for lang in &languages {
        let text = std::fs::read_to_string(format!("i18n/{lang}.toml")).unwrap_or_default();
        match lytt_i18n::language_code(lang, &text, declared) {
            Ok(code) => {
                std::fs::write(Path::new(&out_dir).join(format!("i18n_{lang}.rs")), code).expect("OUT_DIR is writable")
            }
            Err(problems) => errors.extend(problems),
        }
    }
    if !errors.is_empty() {
        panic!("the app's text has problems:\n  {}", errors.join("\n  "));
    }
}
