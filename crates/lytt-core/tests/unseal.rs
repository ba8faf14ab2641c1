//! Opening records without the age crate (`unseal`), checked record by record against the age
//! crate (`open`) and the reference Go `age`: the same plaintext, and the same reason when a
//! record cannot be opened.
#![cfg(feature = "open")]

mod common;

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use common::*;
use lytt_core::open::{self, OpenError, OwnerKey};
use lytt_core::seal::{padded_plaintext, seal_record, seal_with};
use lytt_core::unseal::{self, Identity};
use lytt_core::{Answer, DeviceKind, Response, Status, TEST_RECIPIENT};

fn key_text() -> String {
    std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../keys/test-owner.key")).unwrap()
}

fn both_keys() -> (OwnerKey, Identity) {
    (OwnerKey::from_identity_file(&key_text()).unwrap(), Identity::from_identity_file(&key_text()).unwrap())
}

fn record(id_byte: u8, text: &str) -> Response {
    let answers = [("most_important", Answer::Text(text.into()))];
    finished_example(id_byte, "nb", &answers, DeviceKind::Own, Status::Partial)
}

fn go_age(args: &[&str], input: &[u8]) -> Vec<u8> {
    let mut child =
        Command::new("age").args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().expect("age is installed");
    // Written from another thread: age writes as it reads, and a full pipe would stop both.
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input).unwrap());
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(out.status.success());
    out.stdout
}

/// Both readers give the same plaintext, or the same reason.
fn agree(sealed: &[u8], what: &str) {
    let (key, identity) = both_keys();
    assert_eq!(unseal::open_plaintext(sealed, &identity), open::open_plaintext(sealed, &key), "{what}");
}

#[test]
fn the_identity_file_gives_the_test_recipient() {
    let identity = Identity::from_identity_file(&key_text()).unwrap();
    assert_eq!(identity.recipient(), TEST_RECIPIENT);
    assert!(Identity::from_identity_file("# nothing here\n").is_none());
    assert!(Identity::from_identity_file(&key_text().replace("AGE-SECRET-KEY-1", "AGE-SECRET-KEY-1Q")).is_none());
}

#[test]
fn records_from_every_sealer_open_the_same() {
    let plaintext = padded_plaintext(&record(1, "Et sted å bo"));
    agree(seal_record(&record(1, "Et sted å bo"), TEST_RECIPIENT).unwrap().as_bytes(), "seal.rs, armored");
    agree(&go_age(&["-r", TEST_RECIPIENT], &plaintext), "Go age, binary");
    agree(&go_age(&["-r", TEST_RECIPIENT, "-a"], &plaintext), "Go age, armored");
    // Several chunks, an exact multiple of a chunk, and nothing at all.
    for size in [0, 1, 64 * 1024, 64 * 1024 + 1, 3 * 64 * 1024] {
        let data = vec![b'x'; size];
        agree(&go_age(&["-r", TEST_RECIPIENT], &data), &format!("Go age, {size} bytes"));
        agree(
            seal_with(&data, TEST_RECIPIENT, &mut rand_core::OsRng).unwrap().as_bytes(),
            &format!("seal.rs, {size} bytes"),
        );
    }
    let (_, identity) = both_keys();
    let response =
        unseal::open_record(seal_record(&record(2, "x"), TEST_RECIPIENT).unwrap().as_bytes(), &identity, None);
    assert_eq!(response.unwrap(), record(2, "x"));
}

#[test]
fn another_key_and_things_that_are_not_age_are_told_apart_the_same() {
    let other = OwnerKey::generate();
    let sealed = seal_record(&record(3, "y"), &other.recipient()).unwrap();
    agree(sealed.as_bytes(), "another key");
    agree(b"", "empty");
    agree(b"hello, not age", "text");
    agree(b"  \n-----BEGIN AGE ENCRYPTED FILE-----\n", "armor without its end");
    for inside in [&b""[..], b"hello", b"age-enc", b"age-encryption.org/v1\n", b"age-encryption.org/v2\n-> X"] {
        agree(armor(inside).as_bytes(), &format!("armor around {:?}", String::from_utf8_lossy(inside)));
    }
}

fn armor(binary: &[u8]) -> String {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(binary);
    let lines: Vec<&str> = encoded.as_bytes().chunks(64).map(|c| std::str::from_utf8(c).unwrap()).collect();
    format!("-----BEGIN AGE ENCRYPTED FILE-----\n{}\n-----END AGE ENCRYPTED FILE-----\n", lines.join("\n"))
}

#[test]
fn every_cut_and_every_flipped_byte_gets_the_same_reason() {
    let binary = go_age(&["-r", TEST_RECIPIENT], &padded_plaintext(&record(4, "z")));
    for end in 0..binary.len() {
        agree(&binary[..end], &format!("binary cut at {end}"));
    }
    for i in 0..binary.len() {
        for flip in [0x01u8, 0x20, 0x80] {
            let mut changed = binary.clone();
            changed[i] ^= flip;
            agree(&changed, &format!("binary byte {i} flipped by {flip:#x}"));
        }
    }
    let armored = seal_record(&record(5, "w"), TEST_RECIPIENT).unwrap().into_bytes();
    for end in 0..armored.len() {
        agree(&armored[..end], &format!("armor cut at {end}"));
    }
    for i in 0..armored.len() {
        let mut changed = armored.clone();
        changed[i] ^= 0x01;
        agree(&changed, &format!("armor byte {i} flipped"));
    }
}

#[test]
fn a_record_of_another_survey_or_not_a_record_is_named_the_same() {
    let (key, identity) = both_keys();
    let sealed = seal_record(&record(6, "v"), TEST_RECIPIENT).unwrap();
    assert_eq!(
        unseal::open_record(sealed.as_bytes(), &identity, Some("nyttesamtale")),
        open::open_record(sealed.as_bytes(), &key, Some("nyttesamtale")),
    );
    let text = go_age(&["-r", TEST_RECIPIENT, "-a"], b"just some text");
    assert!(matches!(unseal::open_record(&text, &identity, None), Err(OpenError::NotARecord(_))));
}

proptest::proptest! {
    // Junk after a valid start: both readers refuse it and never panic, for the same reason,
    // except that "cut short" and "changed" may differ. The age crate reads the header a token
    // at a time, so junk that ends before a token is complete reads to it as cut; this reader
    // looks at what is there. Real records cut or changed anywhere agree exactly (above).
    #[test]
    fn any_bytes_give_the_same_answer_and_never_a_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300), armored in proptest::prelude::any::<bool>(), aged in proptest::prelude::any::<bool>()) {
        let mut data = if aged { b"age-encryption.org/v1\n".to_vec() } else { Vec::new() };
        data.extend(bytes);
        let input = if armored { armor(&data).into_bytes() } else { data };
        let (key, identity) = both_keys();
        let ours = unseal::open_plaintext(&input, &identity);
        let theirs = open::open_plaintext(&input, &key);
        let damaged = |r: &Result<Vec<u8>, OpenError>| matches!(r, Err(OpenError::Truncated | OpenError::Tampered));
        proptest::prop_assert!(ours == theirs || (damaged(&ours) && damaged(&theirs)), "{ours:?} against {theirs:?}");
    }
}
