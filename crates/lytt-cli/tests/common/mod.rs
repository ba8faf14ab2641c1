//! What the CLI's test files share: the reference `age` tool, records, and a running inbox.
// Each test file uses its own share of these.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub const TEST_RECIPIENT: &str = "age1ukw9jlfcvkumjm3cqrnqxpsk6974xs6tv27zmq0sze7zue2gwqzq4kc5eq";

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn test_key() -> PathBuf {
    repo().join("keys/test-owner.key")
}

/// A fresh folder for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("lytt-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn lytt(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lytt")).args(args).output().unwrap()
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The reference `age`, fed `input`.
pub fn age(args: &[&str], input: &[u8]) -> Vec<u8> {
    let mut child = Command::new("age").args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    out.stdout
}

pub fn record(id: &str, survey: &str) -> String {
    format!(
        r#"{{"format":"lytt-response/1","survey":"{survey}","survey_version":"2026-11-22","response":"{id}","language":"sv","mode":"interview","completed":"2026-W47","status":"complete","answers":{{"useful":"partly","what_helped":"Att någon lyssnade","confidence":{{"declined":true}}}}}}"#
    )
}

pub fn bundle(dir: &Path, name: &str, survey: &str, records: &[String]) -> PathBuf {
    let value = serde_json::json!({"format": "lytt-bundle/1", "survey": survey, "records": records});
    let path = dir.join(name);
    std::fs::write(&path, value.to_string()).unwrap();
    path
}

/// A running `lytt inbox`, stopped when dropped (also when a test fails).
pub struct Inbox {
    pub child: std::process::Child,
    pub port: u16,
    pub log: std::sync::mpsc::Receiver<String>,
}

impl Inbox {
    pub fn start(dir: &Path, extra: &[&str]) -> Inbox {
        let mut args = vec!["--dir", dir.to_str().unwrap()];
        // Published at once unless a test is about batches.
        if !extra.contains(&"--batch") {
            args.extend(["--batch", "1"]);
        }
        args.extend_from_slice(extra);
        Inbox::spawn(&args, &[])
    }

    /// `lytt inbox` with these arguments (on a free port) and environment.
    pub fn spawn(args: &[&str], env: &[(&str, &str)]) -> Inbox {
        let mut child = Command::new(env!("CARGO_BIN_EXE_lytt"))
            .args(["inbox", "--listen", "127.0.0.1:0"])
            .args(args)
            .envs(env.iter().copied())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (send, log) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = send.send(line);
            }
        });
        let first = log.recv_timeout(std::time::Duration::from_secs(20)).expect("the inbox says where it listens");
        let port = first
            .split("http://127.0.0.1:")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|port| port.parse().ok())
            .unwrap_or_else(|| panic!("no address in {first:?}"));
        Inbox { child, port, log }
    }

    /// Sends one HTTP/1.1 request; returns the status, the head and the body.
    pub fn request(&self, method: &str, headers: &[(&str, &str)], body: &[u8]) -> (u16, String, String) {
        request(self.port, method, headers, body)
    }

    pub fn log_lines(&self) -> Vec<String> {
        self.log.try_iter().collect()
    }
}

impl Drop for Inbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Sends one HTTP/1.1 request; returns the status and the body.
pub fn request(port: u16, method: &str, headers: &[(&str, &str)], body: &[u8]) -> (u16, String, String) {
    use std::io::Read;
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    // A stuck inbox fails the test instead of hanging it.
    stream.set_read_timeout(Some(std::time::Duration::from_secs(10))).unwrap();
    let mut head = format!(
        "{method} /inbox HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let status = answer[9..12].parse().unwrap();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap();
    (status, head.to_string(), body.to_string())
}

/// Request headers as (name, value).
pub type Headers<'a> = Vec<(&'a str, &'a str)>;

/// The bundles published in `dir` (not the spool).
pub fn stored_bundles(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".lytt.json"))
        .collect();
    files.sort();
    files
}

/// Waits (10 s at most) until `count` bundles are published in `dir`: publishing follows the
/// 201 on its own time.
pub fn published(dir: &Path, count: usize) -> Vec<PathBuf> {
    let started = std::time::Instant::now();
    loop {
        let files = stored_bundles(dir);
        if files.len() >= count || started.elapsed() > std::time::Duration::from_secs(10) {
            assert_eq!(files.len(), count, "{files:?}");
            return files;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// The records of a published bundle.
pub fn records_in(path: &Path) -> Vec<String> {
    let bundle: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    assert_eq!(bundle["format"], "lytt-bundle/1");
    bundle["records"].as_array().unwrap().iter().map(|r| r.as_str().unwrap().to_string()).collect()
}

/// A SeaweedFS server with its S3 gateway on 127.0.0.1, stopped when dropped. Its `weed` binary
/// is the one `scripts/setup.sh --test` installs in `.tools/seaweedfs` (or one on the PATH).
pub struct Weed {
    child: std::process::Child,
    pub s3_port: u16,
    dir: PathBuf,
}

impl Weed {
    pub fn start(name: &str) -> Weed {
        let dir = scratch(name);
        // Every port it opens, given free ones, so that nothing else on the machine is in its way.
        let ports: Vec<u16> = (0..8)
            .map(|_| std::net::TcpListener::bind("127.0.0.1:0").unwrap())
            .collect::<Vec<_>>()
            .iter()
            .map(|l| l.local_addr().unwrap().port())
            .collect();
        let arg = |name: &str, port: u16| format!("-{name}={port}");
        let installed = repo().join(".tools/seaweedfs/bin/weed");
        let weed = if installed.exists() { installed } else { PathBuf::from("weed") };
        let child = Command::new(weed)
            .args(["server", "-ip=127.0.0.1", "-ip.bind=127.0.0.1", "-s3", "-master.volumeSizeLimitMB=64"])
            .arg(format!("-dir={}", dir.display()))
            .args([
                arg("master.port", ports[0]),
                arg("master.port.grpc", ports[1]),
                arg("volume.port", ports[2]),
                arg("volume.port.grpc", ports[3]),
                arg("filer.port", ports[4]),
                arg("filer.port.grpc", ports[5]),
                arg("s3.port", ports[6]),
                arg("s3.port.grpc", ports[7]),
            ])
            .args(["-s3.port.iceberg=0", "-s3.port.lance=0"])
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(dir.join("weed.log")).unwrap())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start weed (run scripts/setup.sh --test): {e}"));
        let weed = Weed { child, s3_port: ports[6], dir };
        // Ready once the gateway answers, a bucket can be made and an object written to it: the
        // bucket alone can be made before a volume server has joined, and a write then fails.
        let started = std::time::Instant::now();
        while weed.http("PUT", "/lytt-test", b"") != 200 || weed.http("PUT", "/lytt-test/ready", &[7; 4096]) != 200 {
            assert!(
                started.elapsed() < std::time::Duration::from_secs(60),
                "weed did not start: {}",
                std::fs::read_to_string(weed.dir.join("weed.log")).unwrap_or_default()
            );
            std::thread::sleep(std::time::Duration::from_millis(250));
        }
        assert_eq!(weed.http("DELETE", "/lytt-test/ready", b""), 204, "the probe is removed");
        weed
    }

    /// The status of an unsigned request to the gateway (0 when it does not answer).
    fn http(&self, method: &str, path: &str, body: &[u8]) -> u16 {
        use std::io::Read;
        let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", self.s3_port)) else { return 0 };
        let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(5)));
        let request = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        if stream.write_all(request.as_bytes()).and_then(|()| stream.write_all(body)).is_err() {
            return 0;
        }
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        answer.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0)
    }

    /// What `lytt` needs to reach the gateway, as the usual environment variables.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("AWS_ENDPOINT", format!("http://127.0.0.1:{}", self.s3_port)),
            ("AWS_ALLOW_HTTP", "true".into()),
            ("AWS_REGION", "us-east-1".into()),
            ("AWS_ACCESS_KEY_ID", "lytt-test".into()),
            ("AWS_SECRET_ACCESS_KEY", "lytt-test-secret".into()),
        ]
    }
}

impl Drop for Weed {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
