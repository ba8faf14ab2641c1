//! Any bytes as a bundle file: parsing (lenient and strict) and opening every record with the
//! public test key must give records or errors, never a panic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use lytt_core::bundle::{Bundle, Opened};
use lytt_core::open::{open_record, OwnerKey};

fn key() -> &'static OwnerKey {
    static KEY: OnceLock<OwnerKey> = OnceLock::new();
    KEY.get_or_init(|| {
        OwnerKey::from_identity_file(include_str!("../../keys/test-owner.key")).expect("the test key reads")
    })
}

fuzz_target!(|data: &[u8]| {
    let _ = Bundle::parse_strict(data);
    if let Ok(bundle) = Bundle::parse(data) {
        let mut opened = Opened::default();
        opened.add_bundle("fuzz", &bundle, key(), None);
        assert_eq!(opened.responses.len() + opened.failures.len() + opened.duplicates, bundle.records.len());
    }
    // The bytes as one record on their own, too.
    let _ = open_record(data, key(), None);
});
