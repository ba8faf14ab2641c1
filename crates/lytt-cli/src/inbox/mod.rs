//! `lytt inbox`: the receiver for bundles that the app POSTs to a survey's `submit_url`.
//!
//! It cannot read what it receives (it has no key). It checks that a body is a well-formed
//! bundle, keeps it in a durable spool and answers `201` with a receipt; records are published to
//! the store in shuffled batches (see [`spool`]), so that neither a stored object's name nor its
//! time tells when one person answered. It logs one line per request (method, status, size,
//! duration), never an address or a header's value.
//!
//! Every limit is enforced before work is done: the body's announced and actual size, the
//! headers' size and count, the time to send headers and body, the requests handled at once (503
//! with `Retry-After` beyond it), the open connections, and the bytes stored (507 beyond it).

mod http;
pub mod spool;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use lytt_core::open::OwnerKey;
use tokio::sync::{Notify, Semaphore};

use crate::store::{blocking, LocalStore, S3Store, Store};
use spool::{Entry, Spool};

/// Where the inbox publishes bundles.
pub enum StoreAt {
    /// A folder on this machine.
    Folder(PathBuf),
    /// Object storage (`s3://bucket/prefix`), which several inboxes may share.
    Url(String),
}

/// How the inbox is set up.
pub struct Settings {
    /// Where bundles are published.
    pub store: StoreAt,
    /// Where records wait until they are published (default: `.spool` in a folder store).
    pub spool: Option<PathBuf>,
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
    /// Records of one survey that make a batch.
    pub batch: usize,
    /// The longest a record waits for its batch to fill.
    pub max_wait: Duration,
    /// Bytes stored (published and waiting) past which new bundles are refused.
    pub max_stored: u64,
    /// POSTs handled at once.
    pub max_concurrent: usize,
    /// Connections open at once.
    pub max_connections: usize,
    /// Time a client has to send its headers, and then its body.
    pub timeout: Duration,
    /// How log lines are written.
    pub log_format: LogFormat,
}

/// How log lines are written.
#[derive(Clone, Copy, PartialEq, Eq, Debug, clap::ValueEnum)]
pub enum LogFormat {
    /// `lytt inbox: ...` lines for people.
    Text,
    /// One JSON object per line, for log shippers.
    Json,
}

/// Runs until the process is told to stop (SIGTERM or Ctrl-C); requests in flight are finished.
pub fn run(settings: Settings) -> Result<(), String> {
    let runtime =
        tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| format!("cannot start: {e}"))?;
    match &settings.store {
        StoreAt::Folder(dir) => {
            let store = LocalStore::open(dir).map_err(|e| format!("cannot use {} as the store: {e}", dir.display()))?;
            let spool = settings.spool.clone().unwrap_or_else(|| dir.join(".spool"));
            runtime.block_on(serve(settings, store, spool))
        }
        StoreAt::Url(url) => {
            let store = S3Store::open(url)?;
            let spool = settings.spool.clone().ok_or("a store given by its address needs --spool DIR")?;
            runtime.block_on(serve(settings, store, spool))
        }
    }
}

/// What every request shares.
struct Inbox<S> {
    settings: Settings,
    store: S,
    spool: Spool,
    /// Entries waiting in the spool, by survey.
    waiting: Mutex<HashMap<String, Waiting>>,
    /// Bytes in the store and the spool, as last counted plus what came since.
    stored_bytes: AtomicU64,
    /// Wakes the publisher: a batch is full, or a new wait began.
    wake_publisher: Notify,
    /// Permits for POSTs handled at once.
    posts: Arc<Semaphore>,
    test_key: Arc<OwnerKey>,
    log: Log,
}

#[derive(Default)]
struct Waiting {
    entries: Vec<Entry>,
    records: usize,
    /// When the oldest waiting entry came (or the inbox started, for entries from before).
    since: Option<Instant>,
}

async fn serve<S: Store>(settings: Settings, store: S, spool_dir: PathBuf) -> Result<(), String> {
    let log = Log(settings.log_format);
    let (spool, entries) =
        Spool::open(&spool_dir).map_err(|e| format!("cannot use {} as the spool: {e}", spool_dir.display()))?;
    let listener = tokio::net::TcpListener::bind(&settings.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", settings.listen))?;
    let address = listener.local_addr().map(|a| a.to_string()).unwrap_or_else(|_| settings.listen.clone());
    let mut waiting: HashMap<String, Waiting> = HashMap::new();
    let now = Instant::now();
    for entry in entries {
        let w = waiting.entry(entry.survey.clone()).or_default();
        w.records += entry.records;
        w.since.get_or_insert(now);
        w.entries.push(entry);
    }
    let inbox = Arc::new(Inbox {
        posts: Arc::new(Semaphore::new(settings.max_concurrent.max(1))),
        waiting: Mutex::new(waiting),
        stored_bytes: AtomicU64::new(0),
        wake_publisher: Notify::new(),
        test_key: Arc::new(crate::test_identity()),
        log,
        spool,
        store,
        settings,
    });
    inbox.count_stored().await;
    log.event(
        &format!("listening on http://{address}/, storing bundles in {}", inbox.store.describe()),
        serde_json::json!({
            "event": "listening",
            "url": format!("http://{address}/"),
            "store": inbox.store.describe(),
        }),
    );
    if inbox.settings.origins.is_empty() {
        log.event(
            "accepting bundles from pages of any origin (limit it with --origin)",
            serde_json::json!({ "event": "any-origin" }),
        );
    }
    if inbox.settings.allow_test_key {
        log.event(
            "WARNING: accepting records sealed to the published test key (--allow-test-key); anyone can read those",
            serde_json::json!({ "event": "test-key-allowed" }),
        );
    }
    let (stop_publishing, stopped) = tokio::sync::watch::channel(false);
    let publisher = tokio::spawn(publish_loop(inbox.clone(), stopped));
    http::accept_until_stopped(inbox.clone(), listener).await;
    let _ = stop_publishing.send(true);
    let _ = publisher.await;
    log.event("stopped", serde_json::json!({ "event": "stopped" }));
    Ok(())
}

impl<S: Store> Inbox<S> {
    /// Counts what the store and the spool hold (at start, and again after each publishing).
    async fn count_stored(&self) {
        let published = self.store.list().await.map(|all| all.iter().map(|(_, n)| n).sum::<u64>());
        let spool = self.spool.clone();
        let spooled = blocking(move || spool.size()).await;
        match (published, spooled) {
            (Ok(a), Ok(b)) => self.stored_bytes.store(a + b, Ordering::SeqCst),
            (Err(e), _) | (_, Err(e)) => self.log.problem(&format!("cannot count what is stored: {e}")),
        }
    }

    /// Notes a new entry; wakes the publisher when its survey has a full batch, or when the
    /// entry starts a wait (so the publisher knows when that wait runs out).
    fn spooled(&self, entry: Entry) {
        let wake = {
            let mut waiting = self.waiting.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            let w = waiting.entry(entry.survey.clone()).or_default();
            let first = w.since.is_none();
            w.records += entry.records;
            w.since.get_or_insert_with(Instant::now);
            w.entries.push(entry);
            first || w.records >= self.settings.batch
        };
        if wake {
            self.wake_publisher.notify_one();
        }
    }

    /// Takes the entries of every survey whose batch is full or has waited long enough.
    fn take_due(&self) -> Vec<(String, Vec<Entry>)> {
        let mut waiting = self.waiting.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let due: Vec<String> = waiting
            .iter()
            .filter(|(_, w)| {
                w.records >= self.settings.batch || w.since.is_some_and(|t| t.elapsed() >= self.settings.max_wait)
            })
            .map(|(survey, _)| survey.clone())
            .collect();
        due.into_iter().filter_map(|s| waiting.remove(&s).map(|w| (s, w.entries))).collect()
    }

    /// Puts entries back when their batch could not be made.
    fn put_back(&self, survey: &str, entries: Vec<Entry>) {
        let mut waiting = self.waiting.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let w = waiting.entry(survey.to_string()).or_default();
        w.records += entries.iter().map(|e| e.records).sum::<usize>();
        w.since = Some(w.since.map_or(Instant::now(), |t| t.min(Instant::now())));
        w.entries.extend(entries);
    }

    /// Until the next survey's longest wait runs out.
    fn next_deadline(&self) -> Option<Duration> {
        let waiting = self.waiting.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        waiting.values().filter_map(|w| w.since).map(|t| self.settings.max_wait.saturating_sub(t.elapsed())).min()
    }

    /// Publishes every due batch, and finishes batches an earlier run or a failing store left.
    async fn publish_due(&self) {
        let spool = self.spool.clone();
        match blocking(move || spool.unfinished_batches()).await {
            Ok(batches) => {
                for batch in batches {
                    self.upload(batch).await;
                }
            }
            Err(e) => self.log.problem(&format!("cannot read the spool's batches: {e}")),
        }
        let due = self.take_due();
        if due.is_empty() {
            return;
        }
        for (survey, entries) in due {
            for group in spool::split_into_batches(entries) {
                let (spool, survey_id, taken) = (self.spool.clone(), survey.clone(), group.clone());
                match blocking(move || spool.make_batch(&survey_id, &taken)).await {
                    Ok(batch) => self.upload(batch).await,
                    Err(e) => {
                        self.log.problem(&format!("cannot make a batch of \"{survey}\": {e}"));
                        self.put_back(&survey, group);
                    }
                }
            }
        }
        self.count_stored().await;
    }

    /// Puts a batch in the store; on failure it stays in the spool and is tried again.
    async fn upload(&self, mut batch: spool::Batch) {
        let records = lytt_core::bundle::Bundle::parse(&batch.bundle).map(|b| b.records.len()).unwrap_or(0);
        let outcome = loop {
            match self.store.put_new(&batch.object, batch.bundle.clone()).await {
                Ok(true) => break Ok(()),
                // The name is taken: by this very batch, written before the process stopped, or
                // (a 96-bit coincidence) by another batch, which must not be replaced.
                Ok(false) => match self.store.get(&batch.object).await {
                    Ok(there) if there == batch.bundle => break Ok(()),
                    Ok(_) => {
                        let spool = self.spool.clone();
                        match blocking(move || spool.renamed(batch)).await {
                            Ok(renamed) => batch = renamed,
                            Err(e) => {
                                self.log.problem(&format!("cannot rename a batch in the spool: {e}"));
                                return;
                            }
                        }
                    }
                    Err(e) => break Err(e),
                },
                Err(e) => break Err(e),
            }
        };
        if let Err(e) = outcome {
            let (object, store) = (&batch.object, self.store.describe());
            self.log.problem(&format!("cannot write {object} to {store} (kept in the spool, tried again): {e}"));
            return;
        }
        let spool = self.spool.clone();
        let object = batch.object.clone();
        if let Err(e) = blocking(move || spool.finished(&batch)).await {
            self.log.problem(&format!("cannot clear a published batch from the spool: {e}"));
        }
        self.log.event(
            &format!("published {records} record(s) as {object}"),
            serde_json::json!({ "event": "published", "records": records, "object": object }),
        );
    }
}

/// Publishes when a batch fills up or a wait runs out, until told to stop.
async fn publish_loop<S: Store>(inbox: Arc<Inbox<S>>, mut stop: tokio::sync::watch::Receiver<bool>) {
    // Also a regular look at the spool, so a store that was down is tried again.
    const LOOK_AGAIN: Duration = Duration::from_secs(60);
    loop {
        inbox.publish_due().await;
        let wait = inbox.next_deadline().map_or(LOOK_AGAIN, |d| d.min(LOOK_AGAIN));
        tokio::select! {
            () = inbox.wake_publisher.notified() => {}
            () = tokio::time::sleep(wait) => {}
            _ = stop.changed() => return,
        }
    }
}

/// Writes the log: one line per request or event, to standard error.
#[derive(Clone, Copy)]
struct Log(LogFormat);

impl Log {
    fn event(&self, text: &str, json: serde_json::Value) {
        match self.0 {
            LogFormat::Text => eprintln!("lytt inbox: {text}"),
            LogFormat::Json => eprintln!("{json}"),
        }
    }

    fn problem(&self, text: &str) {
        self.event(text, serde_json::json!({ "event": "problem", "problem": text }));
    }

    /// A request: what was asked, how it was answered, how much it sent and how long it took.
    fn request(&self, method: &str, status: u16, bytes: usize, took: Duration) {
        let ms = (took.as_secs_f64() * 10_000.0).round() / 10.0;
        self.event(
            &format!("{method} {status} {bytes} bytes {ms} ms"),
            serde_json::json!({ "event": "request", "method": method, "status": status, "bytes": bytes, "ms": ms }),
        );
    }
}
