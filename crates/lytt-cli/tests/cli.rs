//! The `lytt` command as an owner uses it, with real files and the reference `age` tool.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::*;
#[test]
fn keygen_writes_an_identity_that_the_reference_age_tool_uses() {
    let dir = scratch("keygen");
    let key = dir.join("owner.key");
    let out = lytt(&["keygen", "-o", key.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    let recipient =
        stderr.split_whitespace().find(|w| w.starts_with("age1")).expect("the recipient is printed").to_string();
    let sealed = age(&["-r", &recipient, "-a"], b"hemmelig");
    assert_eq!(age(&["-d", "-i", key.to_str().unwrap()], &sealed), b"hemmelig");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&key).unwrap().permissions().mode() & 0o777, 0o600);
    }
    // It never overwrites a key.
    let again = lytt(&["keygen", "-o", key.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("already exists; it is not overwritten"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn validate_accepts_the_starter_surveys_and_lists_every_problem_of_a_bad_one() {
    let surveys: Vec<String> = ["hva-er-viktig", "bruker-spor-bruker", "nyttesamtale", "folkehelsedagen"]
        .iter()
        .map(|id| repo().join(format!("surveys/{id}.json")).to_string_lossy().into_owned())
        .collect();
    let args: Vec<&str> = std::iter::once("validate").chain(surveys.iter().map(String::as_str)).collect();
    let out = lytt(&args);
    assert!(out.status.success());
    assert_eq!(text(&out.stdout).matches(": valid survey").count(), 4);
    // The starter surveys are sealed to the published test key: said loudly, on both streams.
    for out in [text(&out.stdout), text(&out.stderr)] {
        assert_eq!(out.matches("is sealed to the published TEST KEY: anyone can read its answers").count(), 4, "{out}");
    }

    let dir = scratch("validate");
    let bad = dir.join("bad.json");
    let mut survey: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo().join("surveys/hva-er-viktig.json")).unwrap()).unwrap();
    survey["questions"][5]["show_if"] = serde_json::json!({"question": "x", "equals": 1});
    survey["recipient"] = serde_json::json!("age1wrong");
    std::fs::write(&bad, survey.to_string()).unwrap();
    let out = lytt(&["validate", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("bad.json: 2 problems"), "{stdout}");
    assert!(stdout.contains("  recipient: \"age1wrong\" is not an age X25519 recipient"));
    assert!(stdout.contains("  questions[5].show_if: names \"x\", which is not an earlier question"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn validate_checks_that_recordings_and_pictures_are_next_to_the_survey_file() {
    let dir = scratch("validate-media");
    std::fs::create_dir_all(dir.join("media")).unwrap();
    let survey = serde_json::json!({
        "format": "lytt-survey/1", "id": "bilder", "version": "1", "languages": ["nb"],
        "default_language": "nb", "title": {"nb": "Bilder"}, "recipient": TEST_RECIPIENT,
        "questions": [{
            "id": "bolig", "type": "single", "prompt": {"nb": "Hvor bor du?"},
            "audio": {"nb": "media/bolig.mp3"},
            "options": [
                {"id": "hus", "label": {"nb": "Hus"}, "audio": {"nb": "media/hus.mp3"},
                 "image": {"src": "media/hus.svg", "alt": {"nb": "Et hus med hage"}}},
                {"id": "annet", "label": {"nb": "Annet"}, "audio": {"nb": "media/annet.mp3"}}
            ]
        }]
    });
    let file = dir.join("bilder.json");
    std::fs::write(&file, survey.to_string()).unwrap();
    for name in ["media/bolig.mp3", "media/hus.mp3"] {
        std::fs::write(dir.join(name), b"ID3").unwrap();
    }
    let out = lytt(&["validate", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("bilder.json: 2 problems"), "{stdout}");
    assert!(stdout.contains("  \"media/hus.svg\" is not next to the survey file"), "{stdout}");
    assert!(stdout.contains("  \"media/annet.mp3\" is not next to the survey file"), "{stdout}");

    std::fs::write(dir.join("media/hus.svg"), b"<svg xmlns='http://www.w3.org/2000/svg'/>").unwrap();
    std::fs::write(dir.join("media/annet.mp3"), b"ID3").unwrap();
    let out = lytt(&["validate", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("valid survey \"bilder\""));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn decrypt_reads_records_sealed_by_the_reference_tool_drops_duplicates_and_lists_failures() {
    let dir = scratch("decrypt");
    let sealed = |r: &str| text(&age(&["-r", TEST_RECIPIENT, "-a"], r.as_bytes()));
    let first = bundle(
        &dir,
        "first.lytt.json",
        "nyttesamtale",
        &[sealed(&record("0001", "nyttesamtale")), sealed(&record("0002", "nyttesamtale"))],
    );
    let second = bundle(
        &dir,
        "second.lytt.json",
        "nyttesamtale",
        &[
            sealed(&record("0002", "nyttesamtale")),
            sealed(&record("0003", "nyttesamtale")),
            "garbage".into(),
            sealed(&record("0004", "hva-er-viktig")),
        ],
    );
    let not_a_bundle = dir.join("notes.txt");
    std::fs::write(&not_a_bundle, "hello").unwrap();
    let out = lytt(&[
        "decrypt",
        "-i",
        test_key().to_str().unwrap(),
        first.to_str().unwrap(),
        second.to_str().unwrap(),
        not_a_bundle.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "failures make the exit code 1");
    let lines: Vec<serde_json::Value> = text(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let mut ids: Vec<&str> = lines.iter().map(|r| r["response"].as_str().unwrap()).collect();
    ids.sort();
    assert_eq!(ids, ["0001", "0002", "0003"]);
    assert_eq!(lines[0]["answers"]["what_helped"], "Att någon lyssnade");
    assert_eq!(lines[0]["answers"]["confidence"], serde_json::json!({"declined": true}));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("second.lytt.json: record 3: not an age-encrypted record"), "{stderr}");
    assert!(stderr.contains("second.lytt.json: record 4: a record of another survey (\"hva-er-viktig\")"), "{stderr}");
    assert!(stderr.contains("notes.txt: not a Lytt bundle"), "{stderr}");
    assert!(stderr.contains("3 records read, 1 duplicate dropped, 2 could not be read"), "{stderr}");

    // With only good bundles the exit code is 0; with the wrong key every record fails.
    let out = lytt(&["decrypt", "-i", test_key().to_str().unwrap(), first.to_str().unwrap()]);
    assert!(out.status.success());
    let other_key = dir.join("other.key");
    assert!(lytt(&["keygen", "-o", other_key.to_str().unwrap()]).status.success());
    let out = lytt(&["decrypt", "-i", other_key.to_str().unwrap(), first.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stderr).matches("sealed to another key than this identity").count(), 2);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn clear_errors_for_missing_files_and_bad_keys() {
    let out = lytt(&["decrypt", "-i", "/nonexistent/owner.key", "x.lytt.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with("lytt: cannot read /nonexistent/owner.key:"));
    let dir = scratch("badkey");
    let key = dir.join("not-a.key");
    std::fs::write(&key, "# just a comment\n").unwrap();
    let out = lytt(&["decrypt", "-i", key.to_str().unwrap(), "x.lytt.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("the identity file holds no AGE-SECRET-KEY-1... line"));
    let help = lytt(&["--help"]);
    assert!(text(&help.stdout).contains("keep that file safe"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn report_makes_a_csv_and_json_table_with_labels_in_the_chosen_language() {
    let dir = scratch("report");
    let sealed = |r: &str| text(&age(&["-r", TEST_RECIPIENT, "-a"], r.as_bytes()));
    let b = bundle(
        &dir,
        "b.lytt.json",
        "nyttesamtale",
        &[
            sealed(&record("0001", "nyttesamtale")),
            sealed(&record("0002", "nyttesamtale")),
            sealed(&record("0003", "hva-er-viktig")),
        ],
    );
    let survey = repo().join("surveys/nyttesamtale.json");
    let csv_path = dir.join("report.csv");
    let out = report_with_test_key(&survey, &b, &["--language", "sv", "-o", csv_path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "the record of another survey is a failure");
    assert!(text(&out.stderr).contains("record 3: a record of another survey (\"hva-er-viktig\")"));
    assert!(
        text(&out.stderr).contains("WARNING: survey \"nyttesamtale\" is sealed to the published TEST KEY"),
        "a report of a survey that anyone can read says so"
    );
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[0].starts_with("response,survey_version,language,mode,completed,status,since,what_helped,useful,"));
    assert!(
        lines[1].starts_with("0001,2026-11-22,sv,interview,2026-W47,complete,,Att någon lyssnade,Delvis,"),
        "{}",
        lines[1]
    );
    assert!(lines[1].contains(",(declined),"), "declined shown as such: {}", lines[1]);

    let out = report_with_test_key(&survey, &b, &["--format", "json"]);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 2);
    assert_eq!(rows[1]["useful"], "Delvis", "bokmål, the survey's default language");
    assert_eq!(rows[1]["confidence"], "(declined)");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_record_whose_header_was_changed_is_reported_as_changed() {
    let dir = scratch("changed-header");
    let mut binary = age(&["-r", TEST_RECIPIENT], record("0005", "nyttesamtale").as_bytes());
    assert!(binary.starts_with(b"age-encryption.org/v1\n"));
    // The header's first line, as someone editing the file might leave it.
    binary[20] = b'2';
    let mut armor =
        Command::new("base64").args(["-w", "64"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    armor.stdin.take().unwrap().write_all(&binary).unwrap();
    let body = text(&armor.wait_with_output().unwrap().stdout);
    let changed = format!("-----BEGIN AGE ENCRYPTED FILE-----\n{body}-----END AGE ENCRYPTED FILE-----\n");
    let b = bundle(&dir, "changed.lytt.json", "nyttesamtale", &[changed]);
    let out = lytt(&["decrypt", "-i", test_key().to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("record 1: changed or cut after it was sealed"), "{stderr}");
    assert!(!stderr.contains("not an age-encrypted record"), "{stderr}");
    std::fs::remove_dir_all(dir).unwrap();
}

/// `lytt report --format xlsx` with the test key.
fn report_xlsx(survey: &Path, bundle: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["--format", "xlsx"];
    args.extend_from_slice(extra);
    report_with_test_key(survey, bundle, &args)
}

/// `lytt report` with the test key, `options`, and one bundle.
fn report_with_test_key(survey: &Path, bundle: &Path, options: &[&str]) -> Output {
    let key = test_key();
    let mut args = vec!["report", "-i", key.to_str().unwrap(), "-s", survey.to_str().unwrap()];
    args.extend_from_slice(options);
    args.push(bundle.to_str().unwrap());
    Command::new(env!("CARGO_BIN_EXE_lytt")).args(&args).output().unwrap()
}

#[test]
fn report_xlsx_has_counts_with_small_groups_hidden_and_the_indicator_against_its_target() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let dir = scratch("xlsx");
    // 16 responses: useful = yes_much x8, partly x2, no x5, declined x1 -> positive 10 of 15.
    let answers = |i: usize| -> &'static str {
        match i {
            0..=7 => r#"{"useful":"yes_much","confidence":8,"message":"=cmd|' /C calc'!A0"}"#,
            8..=9 => r#"{"useful":"partly","confidence":5}"#,
            10..=14 => r#"{"useful":"no"}"#,
            _ => r#"{"useful":{"declined":true}}"#,
        }
    };
    let records: Vec<String> = (0..16)
        .map(|i| {
            let plain = format!(
                r#"{{"format":"lytt-response/1","survey":"nyttesamtale","survey_version":"2026-11-22","response":"{i:032x}","language":"nb","mode":"personal","completed":"2026-W47","status":"complete","answers":{}}}"#,
                answers(i)
            );
            text(&age(&["-a", "-r", TEST_RECIPIENT], plain.as_bytes()))
        })
        .collect();
    let bundle_path = bundle(&dir, "b.lytt.json", "nyttesamtale", &records);
    let out_path = dir.join("report.xlsx");
    let survey = repo().join("surveys/nyttesamtale.json");
    let out = report_xlsx(&survey, &bundle_path, &["--language", "en", "-o", out_path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));

    let mut book: Xlsx<_> = open_workbook(&out_path).unwrap();
    assert_eq!(book.sheet_names(), vec!["Summary", "Responses"]);
    let summary = book.worksheet_range("Summary").unwrap();
    let rows: Vec<Vec<String>> = summary.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    let find = |label: &str, after: &str| -> Vec<String> {
        let start = rows.iter().position(|r| r[0].contains(after)).unwrap_or_else(|| panic!("no {after}"));
        rows[start..].iter().find(|r| r[0] == label).unwrap_or_else(|| panic!("no {label} after {after}")).clone()
    };
    assert_eq!(find("Responses", "Usefulness talk")[1], "16");
    // The indicator: 10 of 15 answers positive = 66.7 %, against a target of 70 %.
    let indicator = find("Share who found the help useful", "Indicator");
    assert!((indicator[1].parse::<f64>().unwrap() - 10.0 / 15.0).abs() < 1e-9, "{indicator:?}");
    assert_eq!(indicator[2], "0.7");
    assert_eq!(indicator[3], "no");
    assert_eq!(indicator[4], "15");
    // Counts of "useful": 8 and 5 shown; 2 and 1 are small groups (two: nothing more to hide).
    assert_eq!(find("Yes, very much", "(useful)")[1], "8");
    assert_eq!(find("Partly", "(useful)")[1], "fewer than 5");
    assert_eq!(find("No", "(useful)")[1], "5");
    assert_eq!(find("(declined)", "(useful)")[1], "fewer than 5");
    assert_eq!(find("(not answered)", "(useful)")[1], "0");
    // "confidence" (0..10): 8 x 8, 2 x 5, 6 not answered. The one small group could be worked
    // out from the total, so one more count (the smallest, a zero) is hidden with it.
    assert_eq!(find("8", "(confidence)")[1], "8");
    assert_eq!(find("5", "(confidence)")[1], "fewer than 5");
    assert_eq!(find("(not answered)", "(confidence)")[1], "6");
    let start = rows.iter().position(|r| r[0].contains("(confidence)")).unwrap();
    let hidden = rows[start..start + 14].iter().filter(|r| r[1] == "hidden").count();
    assert_eq!(hidden, 1);
    assert!(rows.iter().any(|r| r[0].starts_with("Free text can identify people")));

    // The response sheet: numbers as numbers, text never as a formula.
    let responses = book.worksheet_range("Responses").unwrap();
    let header: Vec<String> = responses.rows().nth(2).unwrap().iter().map(|c| c.to_string()).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let first = responses.rows().nth(3).unwrap();
    assert_eq!(first[col("confidence")], Data::Float(8.0));
    assert_eq!(first[col("message")], Data::String("=cmd|' /C calc'!A0".into()));
    assert_eq!(responses.rows().count(), 3 + 16);

    // A spreadsheet is binary: it is not written to a terminal.
    let out = report_xlsx(&survey, &bundle_path, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("-o report.xlsx"));
}

#[test]
fn report_checks_its_arguments_before_reading_any_record() {
    let survey = repo().join("surveys/nyttesamtale.json");
    let missing = std::env::temp_dir().join("lytt-cli-no-such-bundle.lytt.json");
    // A spreadsheet without a file to write it to is refused before the bundles are even read.
    let out = report_with_test_key(&survey, &missing, &["--format", "xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("a spreadsheet needs a file: add -o report.xlsx"), "{stderr}");
    assert!(!stderr.contains("cannot read"), "{stderr}");
    // A format that does not exist is named with the ones that do.
    let out = report_with_test_key(&survey, &missing, &["--format", "pdf"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("'pdf'") && stderr.contains("csv") && stderr.contains("xlsx") && stderr.contains("json"),
        "{stderr}"
    );
}

#[test]
fn decrypt_into_a_reader_that_stops_early_ends_quietly() {
    let dir = scratch("closed-pipe");
    let records: Vec<String> = (0..400)
        .map(|i| text(&age(&["-a", "-r", TEST_RECIPIENT], record(&format!("{i:04}"), "nyttesamtale").as_bytes())))
        .collect();
    let b = bundle(&dir, "many.lytt.json", "nyttesamtale", &records);
    let mut child = Command::new(env!("CARGO_BIN_EXE_lytt"))
        .args(["decrypt", "-i", test_key().to_str().unwrap(), b.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Like `| head -n 1`: read one line, then stop reading.
    {
        use std::io::BufRead;
        let mut first = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
        assert!(first.starts_with("{\"format\":\"lytt-response/1\""), "{first}");
    }
    let out = child.wait_with_output().unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("cannot write"), "{stderr}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn records_whose_answers_do_not_fit_the_survey_are_listed_and_never_counted() {
    let dir = scratch("misfits");
    let sealed = |r: &str| text(&age(&["-r", TEST_RECIPIENT, "-a"], r.as_bytes()));
    let forged = record("0002", "nyttesamtale").replace(r#""useful":"partly""#, r#""useful":"superb""#);
    let b = bundle(&dir, "b.lytt.json", "nyttesamtale", &[sealed(&record("0001", "nyttesamtale")), sealed(&forged)]);
    let survey = repo().join("surveys/nyttesamtale.json");
    let why = "response 0002: does not fit the survey, set apart and not counted: question \"useful\": \"superb\" is not an option of this question";

    let out = report_with_test_key(&survey, &b, &["--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "a record set apart is reported like one that cannot be read");
    assert!(text(&out.stderr).contains(why), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("1 record read, 0 duplicates dropped, 0 could not be read, 1 set apart"));
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 1, "only the record that fits is counted");
    assert_eq!(rows[0]["response"], "0001");

    let key = test_key();
    let (key, file, bundle) = (key.to_str().unwrap(), survey.to_str().unwrap(), b.to_str().unwrap());
    let checked = lytt(&["decrypt", "-i", key, "--survey-file", file, bundle]);
    assert_eq!(checked.status.code(), Some(1));
    assert!(text(&checked.stderr).contains(why));
    assert_eq!(text(&checked.stdout).lines().count(), 1);
    // Without the survey file there is nothing to check against: both records come out.
    let unchecked = lytt(&["decrypt", "-i", key, bundle]);
    assert_eq!(unchecked.status.code(), Some(0));
    assert_eq!(text(&unchecked.stdout).lines().count(), 2);
    std::fs::remove_dir_all(dir).unwrap();
}
