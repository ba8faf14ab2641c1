//! `lytt inbox` as a client sees it, friendly and hostile: real HTTP on 127.0.0.1, real files.

mod common;

use std::io::Write;

use common::*;

#[test]
fn inbox_stores_well_formed_bundles_atomically_and_refuses_the_rest() {
    let dir = scratch("inbox");
    let store = dir.join("received");
    let inbox = Inbox::start(&store, &["--origin", "http://127.0.0.1:8080", "--max-bytes", "4000", "--allow-test-key"]);
    let sealed = text(&age(
        &["-a", "-r", TEST_RECIPIENT],
        record("c0ffee00c0ffee00c0ffee00c0ffee00", "nyttesamtale").as_bytes(),
    ));
    let body =
        serde_json::json!({"format": "lytt-bundle/1", "survey": "nyttesamtale", "records": [sealed]}).to_string();

    // The browser's preflight from the app's origin, then the POST.
    let (status, head, _) = inbox.request(
        "OPTIONS",
        &[
            ("Origin", "http://127.0.0.1:8080"),
            ("Access-Control-Request-Method", "POST"),
            ("Access-Control-Request-Headers", "content-type"),
        ],
        b"",
    );
    assert_eq!(status, 204);
    let head = head.to_ascii_lowercase();
    assert!(head.contains("access-control-allow-origin: http://127.0.0.1:8080"), "{head}");
    assert!(head.contains("access-control-allow-headers: content-type"), "{head}");
    let (status, head, answer) = inbox.request(
        "POST",
        &[("Origin", "http://127.0.0.1:8080"), ("Content-Type", "application/json")],
        body.as_bytes(),
    );
    assert_eq!(status, 201, "{answer}");
    assert!(head.to_ascii_lowercase().contains("access-control-allow-origin: http://127.0.0.1:8080"));
    let answer: serde_json::Value = serde_json::from_str(&answer).unwrap();
    let receipt = answer["receipt"].as_str().unwrap().to_string();
    assert_eq!(receipt.len(), 24);
    assert_eq!(answer["records"], 1);

    // Published under a random name that is not the receipt, and readable by the owner.
    let files = published(&store, 1);
    let name = files[0].file_name().unwrap().to_str().unwrap().to_string();
    assert!(name.starts_with("nyttesamtale-") && name.ends_with(".lytt.json") && name.len() == 47, "{name}");
    assert!(!name.contains(&receipt), "{name}");
    assert_eq!(records_in(&files[0]), vec![sealed.clone()]);
    let out = lytt(&["decrypt", "-i", test_key().to_str().unwrap(), files[0].to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("c0ffee00c0ffee00c0ffee00c0ffee00"));

    // Refused, and nothing written: another origin, not a bundle, an extra clear field, a
    // record that is not age, too large, a method that is not POST.
    let refusals: Vec<(Headers, String, u16)> = vec![
        (vec![("Origin", "https://elsewhere.invalid")], body.clone(), 403),
        (vec![], "not json".into(), 400),
        (vec![], body.replace("\"survey\":", "\"who\":\"Kari\",\"survey\":"), 400),
        (vec![], serde_json::json!({"format": "lytt-bundle/1", "survey": "nyttesamtale", "records": ["Kari, 34"]}).to_string(), 400),
        (vec![], serde_json::json!({"format": "lytt-bundle/1", "survey": "nyttesamtale", "records": []}).to_string(), 400),
        (vec![], serde_json::json!({"format": "lytt-bundle/1", "survey": "nyttesamtale", "records": vec![sealed.clone(); 10]}).to_string(), 413),
        (vec![], format!("{}{}", "[".repeat(1000), "]".repeat(1000)), 400),
    ];
    for (headers, body, expected) in refusals {
        let (status, _, answer) = inbox.request("POST", &headers, body.as_bytes());
        assert_eq!(status, expected, "{body} -> {answer}");
        assert!(serde_json::from_str::<serde_json::Value>(&answer).unwrap()["error"].is_string());
    }
    assert_eq!(inbox.request("DELETE", &[], b"").0, 405);
    assert_eq!(stored_bundles(&store).len(), 1);

    // The log has one line per request and says what was published, never who sent it.
    std::thread::sleep(std::time::Duration::from_millis(200));
    let log = inbox.log_lines();
    assert!(log.iter().any(|l| l.contains("published 1 record(s) as nyttesamtale-")), "{log:?}");
    assert!(log.iter().any(|l| l.starts_with("lytt inbox: POST 201 ") && l.ends_with(" ms")), "{log:?}");
    assert_eq!(log.iter().filter(|l| l.starts_with("lytt inbox: POST 4")).count(), 7, "{log:?}");
    assert!(log.iter().all(|l| !l.contains("127.0.0.1")), "{log:?}");
}

#[test]
fn inbox_can_be_limited_to_some_surveys_and_cleans_up_unfinished_writes() {
    let dir = scratch("inbox-surveys");
    std::fs::write(dir.join(".abandoned.tmp"), "half a bundle").unwrap();
    let inbox = Inbox::start(&dir, &["--survey", "hva-er-viktig", "--allow-test-key"]);
    assert!(stored_bundles(&dir).is_empty(), "the unfinished write is removed at start");
    let sealed = text(&age(&["-a", "-r", TEST_RECIPIENT], record("ab", "nyttesamtale").as_bytes()));
    let other =
        serde_json::json!({"format": "lytt-bundle/1", "survey": "nyttesamtale", "records": [sealed]}).to_string();
    let (status, head, _) = inbox.request("POST", &[("Origin", "http://localhost:9999")], other.as_bytes());
    assert_eq!(status, 403);
    assert!(head.to_ascii_lowercase().contains("access-control-allow-origin: *"), "{head}");
    let mine = other.replace("nyttesamtale", "hva-er-viktig");
    assert_eq!(inbox.request("POST", &[], mine.as_bytes()).0, 201);
    published(&dir, 1);
}

#[test]
fn inbox_refuses_records_sealed_to_the_test_key_unless_told_to_allow_them() {
    let dir = scratch("inbox-test-key");
    let public = text(&age(&["-a", "-r", TEST_RECIPIENT], record("aa", "hva-er-viktig").as_bytes()));
    let other_key = dir.join("owner.key");
    assert!(lytt(&["keygen", "-o", other_key.to_str().unwrap()]).status.success());
    let owner = std::fs::read_to_string(&other_key).unwrap();
    let owner_recipient = owner.lines().next().unwrap().trim_start_matches("# public key: ").to_string();
    let private = text(&age(&["-a", "-r", &owner_recipient], record("bb", "hva-er-viktig").as_bytes()));
    let bundle_of = |records: &[&String]| {
        serde_json::json!({"format": "lytt-bundle/1", "survey": "hva-er-viktig", "records": records}).to_string()
    };

    let store = dir.join("strict");
    let inbox = Inbox::start(&store, &[]);
    let (status, _, answer) = inbox.request("POST", &[], bundle_of(&[&public]).as_bytes());
    assert_eq!(status, 403, "{answer}");
    assert!(answer.contains("published test key"), "{answer}");
    // One record that anyone can read spoils the bundle.
    assert_eq!(inbox.request("POST", &[], bundle_of(&[&private, &public]).as_bytes()).0, 403);
    assert!(stored_bundles(&store).is_empty());
    assert_eq!(inbox.request("POST", &[], bundle_of(&[&private]).as_bytes()).0, 201);
    published(&store, 1);
    drop(inbox);

    let store = dir.join("tests");
    let inbox = Inbox::start(&store, &["--allow-test-key"]);
    // The start-up lines come one after another; wait for the warning rather than race it.
    let warned = std::iter::from_fn(|| inbox.log.recv_timeout(std::time::Duration::from_secs(10)).ok())
        .any(|l| l.contains("WARNING") && l.contains("--allow-test-key"));
    assert!(warned, "the inbox warns that it accepts the test key");
    assert_eq!(inbox.request("POST", &[], bundle_of(&[&public]).as_bytes()).0, 201);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn inbox_serves_others_while_one_sender_is_slow() {
    let dir = scratch("inbox-slow");
    let inbox = Inbox::start(&dir, &["--allow-test-key"]);
    // A sender that announces a body and then sends nothing.
    let mut slow = std::net::TcpStream::connect(("127.0.0.1", inbox.port)).unwrap();
    slow.write_all(b"POST /inbox HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5000\r\n\r\n{").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(200));
    let sealed = text(&age(&["-a", "-r", TEST_RECIPIENT], record("ab", "nyttesamtale").as_bytes()));
    let body =
        serde_json::json!({"format": "lytt-bundle/1", "survey": "nyttesamtale", "records": [sealed]}).to_string();
    let started = std::time::Instant::now();
    assert_eq!(inbox.request("POST", &[], body.as_bytes()).0, 201);
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    drop(slow);
}
