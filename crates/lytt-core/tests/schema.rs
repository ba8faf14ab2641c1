//! docs/survey.schema.json must be what the Rust types generate. Regenerate it with
//! `LYTT_WRITE_SCHEMA=1 cargo test -p lytt-core --features schema --test schema`.
#![cfg(feature = "schema")]

use std::path::PathBuf;

#[test]
fn the_published_schema_is_generated_from_the_types() {
    let schema = schemars::schema_for!(lytt_core::Survey);
    let generated = serde_json::to_string_pretty(&schema).unwrap() + "\n";
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/survey.schema.json");
    if std::env::var_os("LYTT_WRITE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let published = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        published == generated,
        "docs/survey.schema.json is stale: run LYTT_WRITE_SCHEMA=1 cargo test -p lytt-core --features schema --test schema"
    );
}
