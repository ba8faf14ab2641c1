//! The inbox's HTTP side: connections, limits, CORS and the handling of one request.

use std::convert::Infallible;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use lytt_core::bundle::{Bundle, BundleError};
use lytt_core::open::is_sealed_to;
use tokio::sync::Semaphore;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::{DeadlineBody, RequestBodyDeadlineLayer, TimeoutError};

use super::Inbox;
use crate::store::{blocking, Store};

/// Headers a request may have: what browsers and proxies send is far fewer.
const MAX_HEADERS: usize = 64;
/// Bytes of the request line and headers together.
const MAX_HEADER_BYTES: usize = 16 * 1024;
/// How long requests in flight may take to finish once the inbox is told to stop.
const STOP_GRACE: Duration = Duration::from_secs(30);
/// What a busy inbox asks the app to wait, in seconds (it retries on its own schedule anyway).
const RETRY_AFTER: &str = "10";

/// Accepts connections until SIGTERM or Ctrl-C, then lets requests in flight finish.
pub(super) async fn accept_until_stopped<S: Store>(inbox: Arc<Inbox<S>>, listener: tokio::net::TcpListener) {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(inbox.settings.timeout)
        .max_headers(MAX_HEADERS)
        .max_header_size(MAX_HEADER_BYTES)
        .max_buf_size(MAX_HEADER_BYTES.max(8192));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let connections = Arc::new(Semaphore::new(inbox.settings.max_connections.max(1)));
    let body_deadline = inbox.settings.timeout;
    let service = {
        let inbox = inbox.clone();
        ServiceBuilder::new()
            .layer(CatchPanicLayer::new())
            .layer(RequestBodyDeadlineLayer::new(body_deadline))
            .service_fn(move |request| {
                let inbox = inbox.clone();
                async move { Ok::<_, Infallible>(handle(&inbox, request).await) }
            })
    };
    let stop = stop_signal();
    tokio::pin!(stop);
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                // The peer's address is dropped here and never looked at.
                Ok((stream, _)) => {
                    let Ok(permit) = connections.clone().try_acquire_owned() else {
                        // Full: closed at once, so the slots go to clients that send.
                        drop(stream);
                        continue;
                    };
                    let _ = stream.set_nodelay(true);
                    let connection = http.serve_connection(
                        TokioIo::new(stream),
                        hyper_util::service::TowerToHyperService::new(service.clone()),
                    );
                    let connection = graceful.watch(connection);
                    tokio::spawn(async move {
                        let _ = connection.await;
                        drop(permit);
                    });
                }
                // Out of file handles or memory for a moment: wait rather than spin.
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            },
            () = &mut stop => break,
        }
    }
    drop(listener);
    inbox.log.event("stopping: finishing the requests in flight", serde_json::json!({ "event": "stopping" }));
    let _ = tokio::time::timeout(STOP_GRACE, graceful.shutdown()).await;
}

async fn stop_signal() {
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = terminate => {}
        _ = tokio::signal::ctrl_c() => {}
    }
}

type Reply = Response<Full<Bytes>>;

/// Handles one request and logs it.
async fn handle<S: Store>(inbox: &Inbox<S>, request: Request<DeadlineBody<Incoming>>) -> Reply {
    let started = Instant::now();
    // Only known methods are named in the log: the method is text a client chose.
    let method = match *request.method() {
        Method::POST => "POST",
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    };
    let (reply, bytes) = answer(inbox, request).await;
    inbox.log.request(method, reply.status().as_u16(), bytes, started.elapsed());
    reply
}

/// The answer to one request, and the body bytes read.
async fn answer<S: Store>(inbox: &Inbox<S>, request: Request<DeadlineBody<Incoming>>) -> (Reply, usize) {
    let settings = &inbox.settings;
    let origin = request.headers().get(header::ORIGIN).cloned();
    let origin_allowed = match &origin {
        // Not from a web page (curl, a script): CORS does not apply.
        None => true,
        Some(o) => {
            settings.origins.is_empty() || settings.origins.iter().any(|allowed| allowed.as_bytes() == o.as_bytes())
        }
    };
    let cors = Cors(match &origin {
        Some(_) if origin_allowed && settings.origins.is_empty() => Some(HeaderValue::from_static("*")),
        // Echoed as it came: it is already a valid header value.
        Some(o) if origin_allowed => Some(o.clone()),
        _ => None,
    });
    if !origin_allowed {
        return (cors.error(StatusCode::FORBIDDEN, "this inbox does not accept bundles from that page"), 0);
    }
    match *request.method() {
        Method::OPTIONS => {
            let mut reply = cors.reply(StatusCode::NO_CONTENT, None);
            let headers = reply.headers_mut();
            headers.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("POST, OPTIONS"));
            headers.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("Content-Type"));
            headers.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
            (reply, 0)
        }
        Method::GET | Method::HEAD => (
            cors.reply(
                StatusCode::OK,
                Some(serde_json::json!({ "inbox": "lytt", "accepts": "POST of lytt-bundle/1 JSON" })),
            ),
            0,
        ),
        Method::POST => receive(inbox, request, &cors).await,
        _ => (cors.error(StatusCode::METHOD_NOT_ALLOWED, "use POST"), 0),
    }
}

async fn receive<S: Store>(inbox: &Inbox<S>, request: Request<DeadlineBody<Incoming>>, cors: &Cors) -> (Reply, usize) {
    let settings = &inbox.settings;
    let too_large =
        || cors.error(StatusCode::PAYLOAD_TOO_LARGE, &format!("bundles may be at most {} bytes", settings.max_bytes));
    // Refused by what it announces, before a byte of the body is read.
    let announced = request.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if announced.is_some_and(|n| n > settings.max_bytes as u64) {
        return (too_large(), 0);
    }
    let Ok(_permit) = inbox.posts.clone().try_acquire_owned() else {
        let mut reply = cors.error(StatusCode::SERVICE_UNAVAILABLE, "the inbox is busy; try again later");
        reply.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static(RETRY_AFTER));
        return (reply, 0);
    };
    let body = match Limited::new(request.into_body(), settings.max_bytes).collect().await {
        Ok(collected) => collected.to_bytes(),
        // Read no further than the limit, whatever was announced.
        Err(e) if e.is::<LengthLimitError>() => return (too_large(), settings.max_bytes),
        Err(e) if is_timeout(&*e) => {
            return (cors.error(StatusCode::REQUEST_TIMEOUT, "the bundle took too long to arrive"), 0);
        }
        Err(_) => return (cors.error(StatusCode::BAD_REQUEST, "the request body could not be read"), 0),
    };
    let size = body.len();
    if inbox.stored_bytes.load(Ordering::SeqCst) + size as u64 > settings.max_stored {
        return (cors.error(StatusCode::INSUFFICIENT_STORAGE, "the inbox is full; its owner has been told"), size);
    }
    // Parsing and the test-key check (one X25519 per record) run off the async threads.
    let checked = {
        let (test_key, allow_test_key) = (inbox.test_key.clone(), settings.allow_test_key);
        let body = body.clone();
        blocking(move || Ok(check(&body, &test_key, allow_test_key))).await
    };
    let bundle = match checked {
        Ok(Ok(bundle)) => bundle,
        Ok(Err((status, message))) => return (cors.error(status, &message), size),
        Err(_) => return (cors.error(StatusCode::INTERNAL_SERVER_ERROR, "the bundle could not be checked"), size),
    };
    if !settings.surveys.is_empty() && !settings.surveys.contains(&bundle.survey) {
        let message = format!("this inbox does not accept answers to survey \"{}\"", bundle.survey);
        return (cors.error(StatusCode::FORBIDDEN, &message), size);
    }
    let (spool, survey, records) = (inbox.spool.clone(), bundle.survey.clone(), bundle.records.len());
    match blocking(move || spool.add(&survey, records, &body)).await {
        Ok(entry) => {
            inbox.stored_bytes.fetch_add(entry.bytes, Ordering::SeqCst);
            let receipt = entry.name.split('.').nth(1).unwrap_or_default().to_string();
            inbox.spooled(entry);
            (cors.reply(StatusCode::CREATED, Some(serde_json::json!({ "receipt": receipt, "records": records }))), size)
        }
        Err(e) if e.kind() == std::io::ErrorKind::StorageFull => {
            inbox.log.problem(&format!("the spool's disk is full: {e}"));
            (cors.error(StatusCode::INSUFFICIENT_STORAGE, "the inbox is full; its owner has been told"), size)
        }
        Err(e) => {
            inbox.log.problem(&format!("cannot keep a bundle in the spool: {e}"));
            (
                cors.error(StatusCode::INTERNAL_SERVER_ERROR, "the inbox could not store the bundle; try again later"),
                size,
            )
        }
    }
}

/// Reads a body as a bundle strictly, and refuses records sealed to the published test key
/// unless they are allowed: whatever opens with that key can be read by anyone, and a survey that
/// still uses it is not ready for real answers.
fn check(
    body: &[u8],
    test_key: &lytt_core::open::OwnerKey,
    allow_test_key: bool,
) -> Result<Bundle, (StatusCode, String)> {
    let bundle = match Bundle::parse_strict(body) {
        Ok(bundle) => bundle,
        Err(e @ BundleError::TooLarge(_)) => return Err((StatusCode::PAYLOAD_TOO_LARGE, e.to_string())),
        Err(e) => return Err((StatusCode::BAD_REQUEST, e.to_string())),
    };
    if !allow_test_key && bundle.records.iter().any(|r| is_sealed_to(r.as_bytes(), test_key)) {
        return Err((
            StatusCode::FORBIDDEN,
            "this inbox does not accept answers sealed to the published test key; the survey needs its owner's key"
                .to_string(),
        ));
    }
    Ok(bundle)
}

fn is_timeout(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause = Some(error);
    while let Some(e) = cause {
        if e.is::<TimeoutError>() {
            return true;
        }
        cause = e.source();
    }
    false
}

/// The `Access-Control-Allow-Origin` a reply carries, if the request came from an allowed page.
struct Cors(Option<HeaderValue>);

impl Cors {
    fn reply(&self, status: StatusCode, body: Option<serde_json::Value>) -> Reply {
        let mut reply = Response::new(Full::new(body.map(|b| Bytes::from(b.to_string())).unwrap_or_default()));
        *reply.status_mut() = status;
        let headers = reply.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if status != StatusCode::NO_CONTENT {
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        if let Some(allow) = &self.0 {
            headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, allow.clone());
            headers.insert(header::VARY, HeaderValue::from_static("Origin"));
        }
        reply
    }

    fn error(&self, status: StatusCode, message: &str) -> Reply {
        self.reply(status, Some(serde_json::json!({ "error": message })))
    }
}
