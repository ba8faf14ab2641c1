//! Sealing and opening records and bundles, checked against the reference Go `age` tool.
#![cfg(feature = "open")]

mod common;

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use common::*;
use lytt_core::bundle::{Bundle, BundleError, Opened};
use lytt_core::open::{is_sealed_to, open_plaintext, open_record, KeyError, OpenError, OwnerKey};
use lytt_core::seal::{
    generate_identity, padded_plaintext, recipient_fingerprint, seal_record, seal_with, Sealer, PADDING_BLOCK,
};
use lytt_core::{Answer, DeviceKind, Response, Status, TEST_RECIPIENT};
use proptest::prelude::*;

fn key_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../keys/test-owner.key")
}

fn test_key() -> OwnerKey {
    OwnerKey::from_identity_file(&std::fs::read_to_string(key_path()).unwrap()).unwrap()
}

fn record(id_byte: u8, text: &str) -> Response {
    let answers = [("most_important", Answer::Text(text.into())), ("help_with_it", Answer::Text("agree".into()))];
    finished_example(id_byte, "nb", &answers, DeviceKind::Own, Status::Complete)
}

/// Runs the reference `age` with `args`, feeding `input`; returns stdout, or stderr as the error.
fn age(args: &[&str], input: &[u8]) -> Result<Vec<u8>, String> {
    let mut child = Command::new("age")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the reference age tool is installed (scripts/setup.sh --test)");
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

#[test]
fn the_reference_age_tool_decrypts_a_sealed_record() {
    let response = record(1, "Å ha et trygt sted å bo");
    let sealed = seal_record(&response, TEST_RECIPIENT).unwrap();
    assert!(sealed.starts_with("-----BEGIN AGE ENCRYPTED FILE-----"));
    let plaintext = age(&["-d", "-i", key_path().to_str().unwrap()], sealed.as_bytes()).unwrap();
    assert_eq!(plaintext.len() % PADDING_BLOCK, 0, "padded to a multiple of 512");
    let back: Response = serde_json::from_slice(&plaintext).unwrap();
    assert_eq!(back, response);
}

#[test]
fn a_record_sealed_by_the_reference_tool_opens() {
    let handwritten = br#"{"format":"lytt-response/1","survey":"hva-er-viktig","survey_version":"2026-11-22",
        "response":"b3f0c2a4e1d94c6f8a7b5e2d1c0f9a83","language":"nb","mode":"personal","completed":"2026-W47",
        "status":"complete","answers":{"areas":["housing","money"],"going":3,"help_with_it":"agree","visits":{"declined":true}}}"#;
    for armor in [true, false] {
        let mut args = vec!["-r", TEST_RECIPIENT];
        if armor {
            args.push("-a");
        }
        let sealed = age(&args, handwritten).unwrap();
        let response = open_record(&sealed, &test_key(), Some("hva-er-viktig")).unwrap();
        assert_eq!(response.response, "b3f0c2a4e1d94c6f8a7b5e2d1c0f9a83");
        assert_eq!(response.answers["visits"], Answer::Declined);
        assert_eq!(response.answers["areas"], Answer::List(vec!["housing".into(), "money".into()]));
    }
}

#[test]
fn sealing_follows_the_age_format_for_any_length_and_both_implementations_read_it() {
    let key = test_key();
    // Lengths around the 64 KiB chunk size exercise one, two and three STREAM chunks.
    for len in [0usize, 1, 511, 512, 65_535, 65_536, 65_537, 140_000] {
        let plaintext: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
        let sealed = seal_with(&plaintext, TEST_RECIPIENT, &mut rand_core::OsRng).unwrap();
        let lines: Vec<&str> = sealed.lines().collect();
        assert_eq!(lines[0], "-----BEGIN AGE ENCRYPTED FILE-----");
        assert_eq!(*lines.last().unwrap(), "-----END AGE ENCRYPTED FILE-----");
        assert!(lines[1..lines.len() - 2].iter().all(|l| l.len() == 64), "full armor lines are 64 columns");
        assert!(lines[lines.len() - 2].len() <= 64);
        assert_eq!(open_plaintext(sealed.as_bytes(), &key).unwrap(), plaintext, "the age crate reads {len} bytes");
        assert_eq!(
            age(&["-d", "-i", key_path().to_str().unwrap()], sealed.as_bytes()).unwrap(),
            plaintext,
            "age reads {len} bytes"
        );
    }
    assert_eq!(seal_record(&record(1, "x"), "age1notakey").unwrap_err(), lytt_core::seal::SealError::BadRecipient);
    // Two seals of the same record share nothing visible.
    let a = seal_record(&record(1, "same"), TEST_RECIPIENT).unwrap();
    let b = seal_record(&record(1, "same"), TEST_RECIPIENT).unwrap();
    assert_ne!(a, b);
}

#[test]
fn padding_hides_the_length_of_short_answers() {
    let short = padded_plaintext(&record(2, "ja"));
    let longer = padded_plaintext(&record(3, &"lengre svar ".repeat(20)));
    assert_eq!(short.len(), PADDING_BLOCK);
    assert_eq!(longer.len(), PADDING_BLOCK);
    let long = padded_plaintext(&record(4, &"x".repeat(900)));
    assert_eq!(long.len(), 3 * PADDING_BLOCK);
    assert!(serde_json::from_slice::<Response>(&long).is_ok(), "padding keeps it valid JSON");
}

#[test]
fn keys_from_age_keygen_and_our_own_work_both_ways() {
    let out = Command::new("age-keygen").output().expect("age-keygen is installed");
    let file = String::from_utf8(out.stdout).unwrap();
    let theirs = OwnerKey::from_identity_file(&file).unwrap();
    let sealed = seal_record(&record(5, "a"), &theirs.recipient()).unwrap();
    assert_eq!(open_record(sealed.as_bytes(), &theirs, None).unwrap().response, "05".repeat(16));

    let ours = OwnerKey::generate();
    let dir = std::env::temp_dir().join(format!("lytt-key-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("owner.key");
    std::fs::write(&path, ours.to_identity_file()).unwrap();
    let sealed = seal_record(&record(6, "b"), &ours.recipient()).unwrap();
    let plaintext = age(&["-d", "-i", path.to_str().unwrap()], sealed.as_bytes()).unwrap();
    assert!(String::from_utf8(plaintext).unwrap().contains("\"response\":\"06060606"));
    std::fs::remove_dir_all(dir).unwrap();

    assert_eq!(OwnerKey::from_identity_file("# nothing here\n").err(), Some(KeyError::NoIdentity));
    assert_eq!(OwnerKey::from_identity_file("AGE-SECRET-KEY-1QQQ").err(), Some(KeyError::BadIdentity));
}

#[test]
fn generated_identities_work_with_the_reference_tool_and_the_age_crate() {
    let dir = std::env::temp_dir().join(format!("lytt-gen-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut recipients = std::collections::BTreeSet::new();
    for i in 0..5 {
        let (file, recipient) = generate_identity(&mut rand_core::OsRng);
        assert!(recipient.starts_with("age1") && recipient.len() == 62);
        assert_eq!(file.lines().next().unwrap(), format!("# public key: {recipient}"));
        // The age crate derives the same recipient from the identity.
        assert_eq!(OwnerKey::from_identity_file(&file).unwrap().recipient(), recipient);
        // The reference tool encrypts to the recipient and decrypts with the identity file.
        let path = dir.join(format!("k{i}.key"));
        std::fs::write(&path, &file).unwrap();
        let sealed = age(&["-r", &recipient], b"hei").unwrap();
        assert_eq!(age(&["-d", "-i", path.to_str().unwrap()], &sealed).unwrap(), b"hei");
        recipients.insert(recipient);
    }
    assert_eq!(recipients.len(), 5);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn fingerprints_are_short_stable_and_tell_keys_apart() {
    let fp = recipient_fingerprint(TEST_RECIPIENT);
    // 16 characters of 5 bits: 80 bits, in four groups of four.
    assert_eq!(fp.len(), 19);
    let groups: Vec<&str> = fp.split('-').collect();
    assert_eq!(groups.len(), 4);
    assert!(
        groups.iter().all(|g| g.len() == 4 && g.bytes().all(|b| b"0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains(&b))),
        "{fp}"
    );
    assert_eq!(fp, recipient_fingerprint(&format!(" {} ", TEST_RECIPIENT.to_uppercase())));
    let other = OwnerKey::generate().recipient();
    assert_ne!(recipient_fingerprint(&other), fp);
}

#[test]
fn each_kind_of_failure_gets_its_own_error() {
    let key = test_key();
    let sealed = seal_record(&record(7, "c"), TEST_RECIPIENT).unwrap();
    let other = OwnerKey::generate();
    assert_eq!(open_record(sealed.as_bytes(), &other, None).unwrap_err(), OpenError::WrongKey);
    assert_eq!(open_record(b"hello, not age", &key, None).unwrap_err(), OpenError::NotAge);
    assert_eq!(open_record(b"", &key, None).unwrap_err(), OpenError::NotAge);
    let binary = age(&["-r", TEST_RECIPIENT], &padded_plaintext(&record(8, "d"))).unwrap();
    assert_eq!(open_record(&binary[..60], &key, None).unwrap_err(), OpenError::Truncated);
    assert_eq!(open_record(&binary[..binary.len() - 40], &key, None).unwrap_err(), OpenError::Tampered);
    let armored_cut = &sealed[..sealed.len() / 2];
    assert_eq!(open_record(armored_cut.as_bytes(), &key, None).unwrap_err(), OpenError::Truncated);
    let not_json = age(&["-r", TEST_RECIPIENT, "-a"], b"just some text").unwrap();
    assert!(matches!(open_record(&not_json, &key, None).unwrap_err(), OpenError::NotARecord(_)));
    let wrong_format = age(&["-r", TEST_RECIPIENT], br#"{"format":"other/1"}"#).unwrap();
    assert!(matches!(open_record(&wrong_format, &key, None).unwrap_err(), OpenError::NotARecord(_)));
    assert_eq!(
        open_record(sealed.as_bytes(), &key, Some("nyttesamtale")).unwrap_err(),
        OpenError::OtherSurvey { found: "hva-er-viktig".into() }
    );
}

#[test]
fn flipping_any_single_byte_of_a_record_is_detected() {
    let key = test_key();
    let sealed = age(&["-r", TEST_RECIPIENT], &padded_plaintext(&record(9, "e"))).unwrap();
    assert!(open_plaintext(&sealed, &key).is_ok());
    for i in 0..sealed.len() {
        for flip in [0x01u8, 0x80] {
            let mut changed = sealed.clone();
            changed[i] ^= flip;
            assert!(open_plaintext(&changed, &key).is_err(), "byte {i} flipped by {flip:#x} went unnoticed");
        }
    }
}

#[test]
fn bundles_shuffle_open_every_record_and_report_every_failure() {
    let key = test_key();
    let records: Vec<String> = (0..20).map(|i| seal_record(&record(i, "f"), TEST_RECIPIENT).unwrap()).collect();
    let bundle = Bundle::new("hva-er-viktig", records.clone());
    assert_ne!(bundle.records, records, "records are shuffled (20! orders; this fails by chance with p = 1/20!)");
    let json = bundle.to_json();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        value.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["format", "records", "survey"],
        "nothing else in clear"
    );
    let mut parsed = Bundle::parse(json.as_bytes()).unwrap();

    // Spoil three records in three ways, and add a record of another survey.
    parsed.records[0] = "not age at all".into();
    parsed.records[1] = seal_record(&record(100, "g"), &OwnerKey::generate().recipient()).unwrap();
    parsed.records[2] = parsed.records[2].replacen("-----END AGE ENCRYPTED FILE-----", "", 1);
    let mut foreign = record(101, "h");
    foreign.survey = "nyttesamtale".into();
    parsed.records.push(seal_record(&foreign, TEST_RECIPIENT).unwrap());

    let mut opened = Opened::default();
    opened.add_bundle("a.lytt.json", &parsed, &key, None);
    assert_eq!(opened.responses.len(), 17);
    let failures: Vec<(usize, OpenError)> = opened.failures.iter().map(|(_, i, e)| (*i, e.clone())).collect();
    assert_eq!(failures[0], (0, OpenError::NotAge));
    assert_eq!(failures[1], (1, OpenError::WrongKey));
    assert_eq!(failures[2].0, 2);
    assert_eq!(failures[3], (20, OpenError::OtherSurvey { found: "nyttesamtale".into() }));
    assert_eq!(failures.len(), 4);

    // Merging the same bundle again drops every record as a duplicate.
    let again = Bundle::parse(json.as_bytes()).unwrap();
    opened.add_bundle("b.lytt.json", &again, &key, None);
    assert_eq!(opened.responses.len(), 20);
    assert_eq!(opened.duplicates, 17);
}

#[test]
fn files_that_are_not_bundles_are_refused_clearly() {
    assert!(matches!(Bundle::parse(b"{oops"), Err(BundleError::Malformed(_))));
    assert!(matches!(Bundle::parse(b"[]"), Err(BundleError::Malformed(_))));
    assert_eq!(
        Bundle::parse(br#"{"format":"lytt-bundle/2"}"#),
        Err(BundleError::UnknownFormat("lytt-bundle/2".into()))
    );
    assert!(matches!(
        Bundle::parse(br#"{"format":"lytt-bundle/1","survey":"x","records":[1]}"#),
        Err(BundleError::Malformed(_))
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn any_bundle_file_gives_records_or_errors_never_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400), armored in any::<bool>()) {
        let key = test_key();
        let text = if armored {
            format!("-----BEGIN AGE ENCRYPTED FILE-----\n{}\n-----END AGE ENCRYPTED FILE-----\n", String::from_utf8_lossy(&bytes))
        } else {
            String::from_utf8_lossy(&bytes).into_owned()
        };
        let bundle = Bundle { format: "lytt-bundle/1".into(), survey: "s".into(), records: vec![text] };
        let mut opened = Opened::default();
        opened.add_bundle("fuzz", &bundle, &key, None);
        prop_assert_eq!(opened.responses.len() + opened.failures.len(), 1);
        let _ = Bundle::parse(&bytes);
    }
}

#[test]
fn strict_parsing_checks_a_bundles_shape_without_a_key() {
    let sealed = seal_record(&record(7, "hei"), TEST_RECIPIENT).unwrap();
    let by_age = String::from_utf8(age(&["-a", "-r", TEST_RECIPIENT], b"{}").unwrap()).unwrap();
    let good = Bundle::new("hva-er-viktig", vec![sealed.clone(), by_age]).to_json();
    assert_eq!(Bundle::parse_strict(good.as_bytes()).unwrap().records.len(), 2);

    let json = |v: serde_json::Value| v.to_string();
    let bad = [
        (
            json(serde_json::json!({"format": "lytt-bundle/1", "survey": "a", "records": [sealed], "ip": "10.0.0.1"})),
            "field \"ip\"",
        ),
        (
            json(serde_json::json!({"format": "lytt-bundle/1", "survey": "Not An Id", "records": [sealed]})),
            "not a survey id",
        ),
        (json(serde_json::json!({"format": "lytt-bundle/1", "survey": "a", "records": []})), "no records"),
        (
            json(
                serde_json::json!({"format": "lytt-bundle/1", "survey": "a", "records": [sealed, "{\"answers\":{}}"]}),
            ),
            "records[1]",
        ),
        (
            json(
                serde_json::json!({"format": "lytt-bundle/1", "survey": "a", "records": [sealed.replace("YWdl", "eWdl")]}),
            ),
            "records[0]",
        ),
        (json(serde_json::json!({"format": "lytt-bundle/2", "survey": "a", "records": [sealed]})), "lytt-bundle/2"),
        ("[1,2]".to_string(), "not a Lytt bundle"),
    ];
    for (text, expected) in bad {
        let error = Bundle::parse_strict(text.as_bytes()).unwrap_err().to_string();
        assert!(error.contains(expected), "{text}: {error}");
    }
}

#[test]
fn strict_parsing_stops_at_too_many_or_too_long_records_and_deep_nesting() {
    use lytt_core::bundle::{MAX_RECORDS, MAX_RECORD_BYTES};
    let sealed = seal_record(&record(8, "hei"), TEST_RECIPIENT).unwrap();
    let bundle = |records: Vec<String>| Bundle::new("hva-er-viktig", records).to_json();
    // As many as an inbox takes, and one more.
    assert_eq!(
        Bundle::parse_strict(bundle(vec![sealed.clone(); MAX_RECORDS]).as_bytes()).unwrap().records.len(),
        MAX_RECORDS
    );
    let too_many = Bundle::parse_strict(bundle(vec![sealed.clone(); MAX_RECORDS + 1]).as_bytes()).unwrap_err();
    assert_eq!(too_many, BundleError::TooLarge(format!("more than {MAX_RECORDS} records")));
    // 100,000 tiny records: refused at the first one past the limit.
    let tiny =
        format!("{{\"format\":\"lytt-bundle/1\",\"survey\":\"a\",\"records\":[{}\"x\"]}}", "\"x\",".repeat(99_999));
    assert!(matches!(Bundle::parse_strict(tiny.as_bytes()), Err(BundleError::TooLarge(_))));
    let long = format!("{sealed}{}", " ".repeat(MAX_RECORD_BYTES));
    // (A bundle's records are shuffled: the long one is first or second.)
    let error = Bundle::parse_strict(bundle(vec![sealed.clone(), long]).as_bytes()).unwrap_err().to_string();
    assert!(error.starts_with("the bundle is too large: records["), "{error}");
    assert!(error.ends_with(&format!("] is longer than {MAX_RECORD_BYTES} bytes")), "{error}");
    // Nested deeper than anything a bundle has: an error, not a stack overflow.
    for deep in
        [format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)), format!("{{\"records\":{}", "[".repeat(100_000))]
    {
        assert!(matches!(Bundle::parse_strict(deep.as_bytes()), Err(BundleError::Malformed(_))));
    }
}

#[test]
fn a_sealer_prepared_ahead_seals_one_record_that_the_reference_tool_reads() {
    let response = record(9, "forberedt");
    let first =
        Sealer::new(TEST_RECIPIENT, &mut rand_core::OsRng).unwrap().seal(&response, &mut rand_core::OsRng).unwrap();
    let second =
        Sealer::new(TEST_RECIPIENT, &mut rand_core::OsRng).unwrap().seal(&response, &mut rand_core::OsRng).unwrap();
    assert_ne!(first, second, "each sealer has its own file key and ephemeral share");
    for sealed in [first, second] {
        let plain = age(&["-d", "-i", key_path().to_str().unwrap()], sealed.as_bytes()).unwrap();
        assert_eq!(plain, padded_plaintext(&response));
    }
    assert!(Sealer::new("age1notakey", &mut rand_core::OsRng).is_err());
}

/// Armors a binary age message as `age -a` does: PEM lines of 64 base64 characters.
fn armor(binary: &[u8]) -> String {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(binary);
    let lines: Vec<&str> = encoded.as_bytes().chunks(64).map(|c| std::str::from_utf8(c).unwrap()).collect();
    format!("-----BEGIN AGE ENCRYPTED FILE-----\n{}\n-----END AGE ENCRYPTED FILE-----\n", lines.join("\n"))
}

#[test]
fn a_record_whose_header_was_changed_is_reported_as_changed_not_as_not_age() {
    let key = test_key();
    let binary = age(&["-r", TEST_RECIPIENT], &padded_plaintext(&record(10, "i"))).unwrap();
    assert!(open_plaintext(armor(&binary).as_bytes(), &key).is_ok(), "the armor is the one age reads");
    // The header runs up to the end of its MAC line ("--- <mac>\n").
    let mac_line = binary.windows(4).position(|w| w == b"\n---").unwrap() + 1;
    let header_end = mac_line + binary[mac_line..].iter().position(|&b| b == b'\n').unwrap() + 1;
    for i in 0..header_end {
        for flip in [0x01u8, 0x20, 0x80] {
            let mut changed = binary.clone();
            changed[i] ^= flip;
            let error = open_plaintext(armor(&changed).as_bytes(), &key).unwrap_err();
            assert!(
                matches!(error, OpenError::Tampered | OpenError::WrongKey),
                "header byte {i} flipped by {flip:#x} gave {error:?} ({error})"
            );
        }
    }
    // Armor whose base64 was changed into something that is not base64 was changed too.
    let armored = armor(&binary);
    let body = armored.find('\n').unwrap() + 10;
    let broken = format!("{}*{}", &armored[..body], &armored[body + 1..]);
    assert_eq!(open_plaintext(broken.as_bytes(), &key).unwrap_err(), OpenError::Tampered);
}

/// A binary record sealed to the test key by the reference `age`, made once.
fn binary_by_age() -> &'static [u8] {
    static SEALED: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    SEALED.get_or_init(|| age(&["-r", TEST_RECIPIENT], b"{}").unwrap())
}

/// The test identity as the age crate reads it.
fn reference_identity() -> age::x25519::Identity {
    let text = std::fs::read_to_string(key_path()).unwrap();
    text.lines().find(|l| l.starts_with("AGE-SECRET-KEY-1")).unwrap().parse().unwrap()
}

/// Whether the age crate opens the header of `sealed` with `key`: the reference for
/// `is_sealed_to`, which reads the header without the age crate.
fn age_header_opens(sealed: &[u8], key: &age::x25519::Identity) -> bool {
    age::Decryptor::new(age::armor::ArmoredReader::new(sealed))
        .is_ok_and(|decryptor| decryptor.decrypt(std::iter::once(key as &dyn age::Identity)).is_ok())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn is_sealed_to_agrees_with_the_age_crate_on_records_anyone_could_read(at in any::<prop::sample::Index>(), to in any::<u8>(), binary in any::<bool>()) {
        let sealed = seal_record(&record(9, "hei"), TEST_RECIPIENT).unwrap();
        let mut bytes = if binary { binary_by_age().to_vec() } else { sealed.into_bytes() };
        let i = at.index(bytes.len());
        bytes[i] = to;
        let (ours, reference) = (is_sealed_to(&bytes, &test_key()), age_header_opens(&bytes, &reference_identity()));
        // The age crate reads armor as a stream, so a header can open before a damaged line of
        // the armored body is reached; `is_sealed_to` reads the armor whole. They differ only on
        // such records, which nobody can open.
        prop_assert!(ours == reference || (reference && open_plaintext(&bytes, &test_key()).is_err()), "ours {} age {}", ours, reference);
    }
}

#[test]
fn is_sealed_to_reads_only_the_header() {
    let key = test_key();
    let sealed = seal_record(&record(10, "hei"), TEST_RECIPIENT).unwrap();
    assert!(is_sealed_to(sealed.as_bytes(), &key));
    let other = OwnerKey::generate();
    let to_other = seal_record(&record(11, "hei"), &other.recipient()).unwrap();
    assert!(!is_sealed_to(to_other.as_bytes(), &key));
    assert!(is_sealed_to(to_other.as_bytes(), &other));
    // A changed body does not change whose record it is.
    let binary = age(&["-r", TEST_RECIPIENT], &[b'x'; 200]).unwrap();
    let mut changed = binary.clone();
    let last = changed.len() - 5;
    changed[last] ^= 1;
    assert!(is_sealed_to(&changed, &key));
}
