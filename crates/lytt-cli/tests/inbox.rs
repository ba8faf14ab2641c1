//! `lytt inbox` as a client sees it, friendly and hostile: real HTTP on 127.0.0.1, real files.

mod common;

use std::io::Write;
use std::process::Command;

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

/// A bundle of one record sealed to the test key, with `id` in it.
fn one_record(id: &str) -> (String, String) {
    let sealed = text(&age(&["-a", "-r", TEST_RECIPIENT], record(id, "nyttesamtale").as_bytes()));
    let body = serde_json::json!({"format": "lytt-bundle/1", "survey": "nyttesamtale", "records": [&sealed]});
    (sealed, body.to_string())
}

/// Sends raw bytes and returns whatever comes back before the server closes or `wait` passes.
fn raw(port: u16, bytes: &[u8], wait: std::time::Duration) -> String {
    use std::io::Read;
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(wait)).unwrap();
    // The server may answer and close before everything was sent.
    let _ = stream.write_all(bytes);
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    text(&answer)
}

fn status_of(answer: &str) -> u16 {
    answer.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0)
}

/// Whether the server has closed this connection (reads end, or fail with a reset).
fn closed(stream: &mut std::net::TcpStream) -> bool {
    use std::io::Read;
    stream.set_read_timeout(Some(std::time::Duration::from_millis(200))).unwrap();
    let mut buf = [0u8; 256];
    match stream.read(&mut buf) {
        Ok(0) => true,
        Ok(_) => false,
        Err(e) => e.kind() == std::io::ErrorKind::ConnectionReset,
    }
}

#[test]
fn inbox_publishes_records_in_shuffled_batches_and_after_the_longest_wait() {
    let dir = scratch("inbox-batches");
    let inbox = Inbox::start(&dir, &["--allow-test-key", "--batch", "3", "--max-wait", "3"]);
    let mut sent = Vec::new();
    let mut receipts = Vec::new();
    for id in ["a1", "a2"] {
        let (sealed, body) = one_record(id);
        let (status, _, answer) = inbox.request("POST", &[], body.as_bytes());
        assert_eq!(status, 201, "{answer}");
        receipts
            .push(serde_json::from_str::<serde_json::Value>(&answer).unwrap()["receipt"].as_str().unwrap().to_string());
        sent.push(sealed);
    }
    // Two records are not a batch: nothing is published, they wait in the spool.
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert!(stored_bundles(&dir).is_empty());
    assert_eq!(std::fs::read_dir(dir.join(".spool/in")).unwrap().count(), 2);
    // The third makes a batch: one bundle with all three, under a name no receipt is in.
    let (sealed, body) = one_record("a3");
    assert_eq!(inbox.request("POST", &[], body.as_bytes()).0, 201);
    sent.push(sealed);
    let files = published(&dir, 1);
    let mut stored = records_in(&files[0]);
    stored.sort();
    sent.sort();
    assert_eq!(stored, sent);
    let name = files[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(receipts.iter().all(|r| !name.contains(r.as_str())), "{name}");
    assert_eq!(std::fs::read_dir(dir.join(".spool/in")).unwrap().count(), 0);
    // A lone record is published once it has waited the longest wait.
    let (sealed, body) = one_record("a4");
    let sent_at = std::time::Instant::now();
    assert_eq!(inbox.request("POST", &[], body.as_bytes()).0, 201);
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert_eq!(stored_bundles(&dir).len(), 1, "published before its wait ran out");
    let files = published(&dir, 2);
    assert!(sent_at.elapsed() >= std::time::Duration::from_secs(3));
    assert!(files.iter().any(|f| records_in(f) == vec![sealed.clone()]));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn inbox_keeps_acknowledged_records_when_killed_and_publishes_them_after_a_restart() {
    let dir = scratch("inbox-kill");
    let inbox = Inbox::start(&dir, &["--allow-test-key", "--batch", "5"]);
    let mut sent = Vec::new();
    for id in ["k1", "k2"] {
        let (sealed, body) = one_record(id);
        assert_eq!(inbox.request("POST", &[], body.as_bytes()).0, 201);
        sent.push(sealed);
    }
    // SIGKILL: no chance to flush anything more.
    drop(inbox);
    assert!(stored_bundles(&dir).is_empty());
    let _inbox = Inbox::start(&dir, &["--allow-test-key", "--batch", "2"]);
    let mut stored = records_in(&published(&dir, 1)[0]);
    stored.sort();
    sent.sort();
    assert_eq!(stored, sent);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn inbox_refuses_hostile_clients_plainly_and_keeps_serving_others() {
    let dir = scratch("inbox-abuse");
    let inbox = Inbox::start(
        &dir,
        &["--allow-test-key", "--max-bytes", "1000000", "--timeout", "2", "--survey", "nyttesamtale"],
    );
    let port = inbox.port;
    let wait = std::time::Duration::from_secs(10);
    let started = std::time::Instant::now();

    // 1,000 connections that send nothing, held open through everything below.
    let silent: Vec<std::net::TcpStream> =
        (0..1000).map(|_| std::net::TcpStream::connect(("127.0.0.1", port)).unwrap()).collect();

    // A body of a hundred terabytes, announced: refused before a byte of it is read.
    let answer = raw(port, b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000000000\r\n\r\n{", wait);
    assert_eq!(status_of(&answer), 413, "{answer}");
    assert!(answer.contains("\"error\""), "{answer}");
    // Sent in chunks with no length: reading stops at the limit.
    let mut chunked = b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
    for _ in 0..40 {
        chunked.extend_from_slice(format!("{:x}\r\n{}\r\n", 50_000, " ".repeat(50_000)).as_bytes());
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    assert_eq!(status_of(&raw(port, &chunked, wait)), 413);
    // A body longer than announced: the announced part is read (not a bundle), the rest is not a request.
    let (_, body) = one_record("longer");
    let lying = format!("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n{body}");
    assert_eq!(status_of(&raw(port, lying.as_bytes(), wait)), 400);
    // Endless headers, and too many of them.
    let long = format!("POST / HTTP/1.1\r\nHost: x\r\nX-Long: {}\r\n\r\n", "a".repeat(100_000));
    assert_eq!(status_of(&raw(port, long.as_bytes(), wait)), 431);
    let many: String = (0..200).map(|i| format!("X-H{i}: v\r\n")).collect();
    assert_eq!(status_of(&raw(port, format!("GET / HTTP/1.1\r\nHost: x\r\n{many}\r\n").as_bytes(), wait)), 431);
    // Malformed and deeply nested JSON, 100,000 tiny records, another survey.
    let tiny = serde_json::json!({"format": "lytt-bundle/1", "survey": "nyttesamtale", "records": vec!["x"; 100_000]});
    let other_survey = body.replace("nyttesamtale", "hva-er-viktig");
    for (bad, expected) in [
        ("{\"format\": \"lytt-bundle/1\", \"records\": [".to_string(), 400),
        (format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)), 400),
        (format!("{}{}", "{\"a\":".repeat(50_000), "}".repeat(50_000)), 400),
        (tiny.to_string(), 413),
        (other_survey, 403),
    ] {
        let (status, _, answer) = inbox.request("POST", &[], bad.as_bytes());
        assert_eq!(status, expected, "{answer}");
        assert!(serde_json::from_str::<serde_json::Value>(&answer).unwrap()["error"].is_string());
    }
    // A body that stops coming: 408 once the time is up.
    let answer = raw(port, b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n{", wait);
    assert_eq!(status_of(&answer), 408, "{answer}");

    // Through all of it, a real sender is served at once.
    let (_, body) = one_record("meanwhile");
    let asked = std::time::Instant::now();
    assert_eq!(inbox.request("POST", &[], body.as_bytes()).0, 201);
    assert!(asked.elapsed() < std::time::Duration::from_secs(2), "{:?}", asked.elapsed());

    // The silent connections are closed once their time to send headers is up.
    let mut silent = silent;
    std::thread::sleep(std::time::Duration::from_secs(3).saturating_sub(started.elapsed()));
    let still_open = silent.iter_mut().take(50).map(closed).filter(|c| !c).count();
    assert_eq!(still_open, 0);
    // So is a kept-alive connection that goes quiet after its request.
    let mut idle = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    idle.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(!closed(&mut idle), "open right after its answer");
    std::thread::sleep(std::time::Duration::from_millis(2500));
    assert!(closed(&mut idle), "closed after going quiet");
    assert_eq!(inbox.request("GET", &[], b"").0, 200);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn inbox_says_busy_with_retry_after_and_full_with_507_and_keeps_answering() {
    let dir = scratch("inbox-busy");
    let (_, body) = one_record("busy");
    let room = (body.len() * 3 / 2).to_string();
    let inbox = Inbox::start(&dir, &["--allow-test-key", "--max-concurrent", "1", "--max-stored", &room]);
    // One sender holds the only place, sending its body slowly.
    let mut slow = std::net::TcpStream::connect(("127.0.0.1", inbox.port)).unwrap();
    slow.write_all(
        format!("POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: {}\r\n\r\n", body.len()).as_bytes(),
    )
    .unwrap();
    slow.write_all(&body.as_bytes()[..10]).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    let (status, head, answer) = inbox.request("POST", &[("Origin", "http://127.0.0.1:8080")], body.as_bytes());
    assert_eq!(status, 503, "{answer}");
    let head = head.to_ascii_lowercase();
    assert!(head.contains("retry-after: 10"), "{head}");
    assert!(head.contains("access-control-allow-origin: *"), "{head}");
    // The slow one finishes and is stored; the place is free again.
    slow.write_all(&body.as_bytes()[10..]).unwrap();
    let mut answer = String::new();
    std::io::Read::read_to_string(&mut slow, &mut answer).unwrap();
    assert_eq!(status_of(&answer), 201, "{answer}");
    published(&dir, 1);
    // Now there is room for less than one more bundle: refused with 507, while reads go on.
    let (status, _, answer) = inbox.request("POST", &[], body.as_bytes());
    assert_eq!(status, 507, "{answer}");
    assert!(answer.contains("full"), "{answer}");
    assert_eq!(inbox.request("GET", &[], b"").0, 200);
    assert_eq!(stored_bundles(&dir).len(), 1);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn inbox_finishes_a_request_in_flight_when_stopped_and_logs_json_without_addresses() {
    let dir = scratch("inbox-stop");
    let mut inbox = Inbox::start(&dir, &["--allow-test-key", "--log-format", "json", "--batch", "2"]);
    let (sealed, body) = one_record("in-flight");
    let mut sending = std::net::TcpStream::connect(("127.0.0.1", inbox.port)).unwrap();
    sending
        .write_all(
            format!(
                "POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nOrigin: https://marker-origin.invalid\r\nUser-Agent: marker-agent\r\nContent-Length: {}\r\n\r\n",
                body.len()
            )
            .as_bytes(),
        )
        .unwrap();
    sending.write_all(&body.as_bytes()[..100]).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(200));
    let pid = inbox.child.id().to_string();
    assert!(std::process::Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    std::thread::sleep(std::time::Duration::from_millis(300));
    // Stopping: no new connections, but the one in flight is finished and acknowledged.
    assert!(std::net::TcpStream::connect(("127.0.0.1", inbox.port)).is_err());
    sending.write_all(&body.as_bytes()[100..]).unwrap();
    let mut answer = String::new();
    std::io::Read::read_to_string(&mut sending, &mut answer).unwrap();
    assert_eq!(status_of(&answer), 201, "{answer}");
    let status = inbox.child.wait().unwrap();
    assert!(status.success(), "{status}");

    // One JSON object per line; the request is there with its status, size and time, and
    // neither an address nor a header's value is anywhere.
    std::thread::sleep(std::time::Duration::from_millis(200));
    let log = inbox.log_lines();
    let lines: Vec<serde_json::Value> = log.iter().map(|l| serde_json::from_str(l).expect(l)).collect();
    let request = lines.iter().find(|l| l["event"] == "request").expect("a request line");
    assert_eq!(request["method"], "POST");
    assert_eq!(request["status"], 201);
    assert_eq!(request["bytes"], body.len());
    assert!(request["ms"].as_f64().unwrap() >= 200.0, "{request}");
    assert!(lines.iter().any(|l| l["event"] == "stopped"));
    for line in &log[1..] {
        assert!(!line.contains("127.0.0.1") && !line.contains("marker"), "{line}");
    }
    // The record waited in the spool for its batch and is published by the next start.
    let _inbox = Inbox::start(&dir, &["--allow-test-key", "--batch", "1"]);
    assert_eq!(records_in(&published(&dir, 1)[0]), vec![sealed]);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn two_inboxes_publish_into_one_s3_bucket_and_the_owner_reads_it_from_there() {
    let weed = Weed::start("weed");
    let dir = scratch("inbox-s3");
    let env = weed.env();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let url = "s3://lytt-test/received";
    let start = |spool: &str| {
        let spool = dir.join(spool);
        // Batches of two; a record left alone is published after two seconds.
        let spool = spool.to_str().unwrap();
        Inbox::spawn(&["--store", url, "--spool", spool, "--allow-test-key", "--batch", "2", "--max-wait", "2"], &env)
    };
    let (first, second) = (start("spool-a"), start("spool-b"));
    // Senders to both at once.
    let sent: Vec<String> = std::thread::scope(|scope| {
        let senders: Vec<_> = [&first, &second]
            .into_iter()
            .flat_map(|inbox| (0..2).map(move |thread| (inbox.port, thread)))
            .map(|(port, thread)| {
                scope.spawn(move || {
                    (0..5)
                        .map(|n| {
                            let (sealed, body) = one_record(&format!("{port:x}{thread}{n}"));
                            assert_eq!(request(port, "POST", &[], body.as_bytes()).0, 201);
                            sealed
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        senders.into_iter().flat_map(|s| s.join().unwrap()).collect()
    });
    assert_eq!(sent.len(), 20);

    // The owner reads the bucket itself: every record once.
    let key = test_key();
    let read = |command: &[&str]| {
        let mut args = command.to_vec();
        args.extend(["-i", key.to_str().unwrap(), url]);
        Command::new(env!("CARGO_BIN_EXE_lytt")).args(&args).envs(env.iter().copied()).output().unwrap()
    };
    let started = std::time::Instant::now();
    let out = loop {
        let out = read(&["decrypt"]);
        if text(&out.stderr).contains("20 records read") || started.elapsed() > std::time::Duration::from_secs(20) {
            break out;
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    };
    let stderr = text(&out.stderr);
    assert!(out.status.success() && stderr.contains("20 records read, 0 duplicates dropped"), "{stderr}");
    let objects: std::collections::BTreeSet<&str> = stderr.lines().filter_map(|l| l.split(url).nth(1)).collect();
    assert!(objects.is_empty(), "no unreadable objects: {objects:?}");
    assert_eq!(text(&out.stdout).lines().count(), 20);
    let survey = repo().join("surveys/nyttesamtale.json");
    let out = read(&["report", "-s", survey.to_str().unwrap(), "--format", "json"]);
    let table: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("{}", text(&out.stderr)));
    assert_eq!(table.as_array().unwrap().len(), 20);
    // Neither instance left anything behind.
    for spool in ["spool-a", "spool-b"] {
        for part in ["in", "out"] {
            assert_eq!(std::fs::read_dir(dir.join(spool).join(part)).unwrap().count(), 0, "{spool}/{part}");
        }
    }
    drop((first, second));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_batch_whose_name_is_taken_is_published_under_another_and_replaces_nothing() {
    let dir = scratch("inbox-taken");
    let (sealed, _) = one_record("taken");
    let bundle = serde_json::json!({"format": "lytt-bundle/1", "survey": "nyttesamtale", "records": [&sealed]});
    let name = "nyttesamtale-0123456789abcdef01234567.lytt.json";
    // Someone else's bundle already has the name this spool's unfinished batch is to get.
    std::fs::write(dir.join(name), "someone else's bundle").unwrap();
    let out = dir.join(".spool/out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join(format!("{name}.batch")), format!("\n{bundle}")).unwrap();
    let _inbox = Inbox::start(&dir, &["--allow-test-key"]);
    let files = published(&dir, 2);
    assert_eq!(std::fs::read_to_string(dir.join(name)).unwrap(), "someone else's bundle");
    let other = files.iter().find(|f| !f.ends_with(name)).unwrap();
    assert_eq!(records_in(other), vec![sealed]);
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0);
    // The same batch finding its own copy there (written before a stop) is simply done.
    let name = "nyttesamtale-89abcdef0123456701234567.lytt.json";
    std::fs::write(dir.join(name), bundle.to_string()).unwrap();
    std::fs::write(out.join(format!("{name}.batch")), format!("\n{bundle}")).unwrap();
    drop(_inbox);
    let _inbox = Inbox::start(&dir, &["--allow-test-key"]);
    let started = std::time::Instant::now();
    while std::fs::read_dir(&out).unwrap().count() > 0 && started.elapsed() < std::time::Duration::from_secs(10) {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(stored_bundles(&dir).len(), 3);
    std::fs::remove_dir_all(dir).unwrap();
}
