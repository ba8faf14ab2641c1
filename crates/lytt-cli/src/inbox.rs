//! `lytt inbox`: a small receiver for bundles that the app POSTs to a survey's `submit_url`.
//!
//! It cannot read what it stores (it has no key): it checks that a body is a well-formed bundle,
//! writes it atomically under a random name and answers with a receipt id. It logs no client
//! address, and writes no time or address into the files.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use lytt_core::bundle::Bundle;
use lytt_core::bundle::BundleError;
use lytt_core::open::{is_sealed_to, OwnerKey};
use rand_core::{OsRng, RngCore};
use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

/// How the inbox is set up.
pub struct Settings {
    /// Where bundles are written.
    pub dir: PathBuf,
    /// Address to listen on (`127.0.0.1:8090`).
    pub listen: String,
    /// Web origins whose pages may POST (`https://lytt.example.no`); empty means any origin.
    pub origins: Vec<String>,
    /// Largest accepted body in bytes.
    pub max_bytes: usize,
    /// Survey ids accepted; empty means any.
    pub surveys: Vec<String>,
    /// Whether records sealed to the published test key are accepted (for tests only).
    pub allow_test_key: bool,
}

/// Runs until the process is stopped.
pub fn run(settings: &Settings) -> Result<(), String> {
    fs::create_dir_all(&settings.dir).map_err(|e| format!("cannot create {}: {e}", settings.dir.display()))?;
    remove_unfinished(&settings.dir);
    let server = Server::http(&settings.listen).map_err(|e| format!("cannot listen on {}: {e}", settings.listen))?;
    let address = server.server_addr().to_ip().map(|a| a.to_string()).unwrap_or_else(|| settings.listen.clone());
    eprintln!("lytt inbox: listening on http://{address}/, storing bundles in {}", settings.dir.display());
    if settings.origins.is_empty() {
        eprintln!("lytt inbox: accepting bundles from pages of any origin (limit it with --origin)");
    }
    if settings.allow_test_key {
        eprintln!("lytt inbox: WARNING: accepting records sealed to the published test key (--allow-test-key); anyone can read those");
    }
    let test_key = crate::test_identity();
    // One thread per request, so one slow sender does not hold up everyone else; beyond
    // MAX_AT_ONCE the app is told to try again later (it keeps its records and retries).
    let busy = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for request in server.incoming_requests() {
            if busy.fetch_add(1, Ordering::SeqCst) >= MAX_AT_ONCE {
                busy.fetch_sub(1, Ordering::SeqCst);
                let _ = request.respond(error(503, "the inbox is busy; try again later", &[]));
                continue;
            }
            let (busy, test_key) = (&busy, &test_key);
            scope.spawn(move || {
                handle(request, settings, test_key);
                busy.fetch_sub(1, Ordering::SeqCst);
            });
        }
    });
    Ok(())
}

/// Requests handled at the same time.
const MAX_AT_ONCE: usize = 16;

/// Bundles whose writing was cut short (the process stopped mid-write) were never acknowledged,
/// so the app still has them: the half-written copies can go.
fn remove_unfinished(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') && name.ends_with(".tmp") {
            let _ = fs::remove_file(entry.path());
        }
    }
}

fn header(name: &str, value: &str) -> Header {
    // Only fixed names and values checked by the caller reach here.
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .unwrap_or_else(|_| Header::from_bytes("X-Invalid", "1").unwrap())
}

fn json_reply(status: u16, body: serde_json::Value, cors: &[Header]) -> Response<std::io::Cursor<Vec<u8>>> {
    let mut response = Response::from_string(body.to_string())
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", "application/json"))
        .with_header(header("Cache-Control", "no-store"));
    for h in cors {
        response.add_header(h.clone());
    }
    response
}

fn error(status: u16, message: &str, cors: &[Header]) -> Response<std::io::Cursor<Vec<u8>>> {
    json_reply(status, serde_json::json!({ "error": message }), cors)
}

fn handle(mut request: Request, settings: &Settings, test_key: &OwnerKey) {
    let origin = request.headers().iter().find(|h| h.field.equiv("Origin")).map(|h| h.value.as_str().to_string());
    let origin_allowed = match &origin {
        // Not from a web page (curl, a script): CORS does not apply.
        None => true,
        Some(o) => settings.origins.is_empty() || settings.origins.iter().any(|allowed| allowed == o),
    };
    let mut cors = Vec::new();
    if let (Some(o), true) = (&origin, origin_allowed) {
        // An origin header is text the browser built from the page's address; refuse anything
        // that cannot be echoed in a header.
        if o.is_ascii() && !o.contains(['\r', '\n']) {
            cors.push(header("Access-Control-Allow-Origin", if settings.origins.is_empty() { "*" } else { o }));
            cors.push(header("Vary", "Origin"));
        }
    }
    let response = if !origin_allowed {
        error(403, "this inbox does not accept bundles from that page", &[])
    } else {
        match request.method() {
            Method::Options => {
                let mut response = Response::from_string(String::new()).with_status_code(StatusCode(204));
                for h in &cors {
                    response.add_header(h.clone());
                }
                response.add_header(header("Access-Control-Allow-Methods", "POST, OPTIONS"));
                response.add_header(header("Access-Control-Allow-Headers", "Content-Type"));
                response.add_header(header("Access-Control-Max-Age", "600"));
                response
            }
            Method::Post => receive(&mut request, settings, test_key, &cors),
            Method::Get | Method::Head => {
                json_reply(200, serde_json::json!({ "inbox": "lytt", "accepts": "POST of lytt-bundle/1 JSON" }), &cors)
            }
            _ => error(405, "use POST", &cors),
        }
    };
    let _ = request.respond(response);
}

fn receive(
    request: &mut Request,
    settings: &Settings,
    test_key: &OwnerKey,
    cors: &[Header],
) -> Response<std::io::Cursor<Vec<u8>>> {
    if request.body_length().is_some_and(|n| n > settings.max_bytes) {
        return error(413, &format!("bundles may be at most {} bytes", settings.max_bytes), cors);
    }
    let mut body = Vec::new();
    let limit = settings.max_bytes as u64 + 1;
    if request.as_reader().take(limit).read_to_end(&mut body).is_err() {
        return error(400, "the request body could not be read", cors);
    }
    if body.len() > settings.max_bytes {
        return error(413, &format!("bundles may be at most {} bytes", settings.max_bytes), cors);
    }
    let bundle = match Bundle::parse_strict(&body) {
        Ok(bundle) => bundle,
        Err(e @ BundleError::TooLarge(_)) => return error(413, &e.to_string(), cors),
        Err(e) => return error(400, &e.to_string(), cors),
    };
    if !settings.surveys.is_empty() && !settings.surveys.contains(&bundle.survey) {
        return error(403, &format!("this inbox does not accept answers to survey \"{}\"", bundle.survey), cors);
    }
    // The inbox holds no owner's key, but the test key is public: whatever opens with it can be
    // read by anyone, and a survey that still uses it is not ready for real answers.
    if !settings.allow_test_key && bundle.records.iter().any(|r| is_sealed_to(r.as_bytes(), test_key)) {
        return error(
            403,
            "this inbox does not accept answers sealed to the published test key; the survey needs its owner's key",
            cors,
        );
    }
    let receipt = receipt_id();
    let name = format!("{}-{receipt}.lytt.json", bundle.survey);
    match store(&settings.dir, &receipt, &name, &body) {
        Ok(()) => {
            eprintln!("lytt inbox: stored {} record(s) of \"{}\" as {name}", bundle.records.len(), bundle.survey);
            json_reply(201, serde_json::json!({ "receipt": receipt, "records": bundle.records.len() }), cors)
        }
        Err(e) => {
            eprintln!("lytt inbox: could not store a bundle: {e}");
            error(500, "the inbox could not store the bundle; try again later", cors)
        }
    }
}

/// A random receipt id (also the file name), so names say nothing about who sent what when.
fn receipt_id() -> String {
    let mut bytes = [0u8; 12];
    OsRng.fill_bytes(&mut bytes);
    lytt_core::draft::hex(&bytes)
}

/// Writes to a hidden temporary file, flushes it to disk and renames it into place, so a
/// bundle file is either complete or absent; then flushes the folder, so that the new name is
/// on disk too before the app is told 201 (and deletes its copy).
fn store(dir: &Path, receipt: &str, name: &str, body: &[u8]) -> std::io::Result<()> {
    let temporary = dir.join(format!(".{receipt}.tmp"));
    let mut file = fs::OpenOptions::new().write(true).create_new(true).open(&temporary)?;
    let written = file.write_all(body).and_then(|()| file.sync_all());
    if let Err(e) = written {
        let _ = fs::remove_file(&temporary);
        return Err(e);
    }
    fs::rename(&temporary, dir.join(name))?;
    fs::File::open(dir)?.sync_all()
}
