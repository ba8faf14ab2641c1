//! `lytt`: the survey owner's tool. Makes a key pair, checks survey files, and decrypts the
//! bundles that respondents, interviewers and kiosks send.
#![forbid(unsafe_code)]

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

mod agree;
mod inbox;
mod store;
use lytt_core::bundle::{Bundle, Opened};
use lytt_core::open::OwnerKey;
use lytt_core::parse_survey;

/// Lytt: anonymous surveys, sealed so that only you can read the answers.
///
/// A typical year: `lytt keygen -o owner.key` once (keep that file safe: without it nobody can
/// read the answers), put the printed age1... recipient in your survey file, check the file with
/// `lytt validate`, publish it, and read the bundles you receive with `lytt decrypt`.
#[derive(Parser)]
#[command(name = "lytt", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Make a new key pair: writes the identity file and prints the recipient for your survey.
    ///
    /// The identity file is in the age format (age-keygen makes the same kind). Anyone who has it
    /// can read every answer sealed to its recipient, and if you lose it nobody can: keep a copy
    /// somewhere safe and offline.
    Keygen {
        /// Where to write the identity file (it is never overwritten). Without it, it goes to
        /// standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Check survey files and list every problem in each, as the app would show them.
    Validate {
        /// Survey files (lytt-survey/1 JSON).
        #[arg(required = true, value_name = "SURVEY.json")]
        surveys: Vec<PathBuf>,
    },
    /// Decrypt bundles: prints one JSON response record per line, without duplicates.
    ///
    /// Records that cannot be read are listed on standard error with the reason (wrong key,
    /// changed, cut short, not a record, another survey); the exit code is then 1. With
    /// --survey-file, records whose answers do not fit that survey (forged, or made for another
    /// version) are listed there too and left out.
    Decrypt {
        /// Your identity file (AGE-SECRET-KEY-1...).
        #[arg(short, long, value_name = "KEY")]
        identity: PathBuf,
        /// Only accept records of this survey id (default: the survey each bundle names).
        #[arg(short, long, value_name = "ID")]
        survey: Option<String>,
        /// The survey file the records answer: records whose answers do not fit it are set apart.
        #[arg(long, value_name = "SURVEY.json")]
        survey_file: Option<PathBuf>,
        /// Bundle files (.lytt.json), folders of them, or the store an inbox publishes to
        /// (s3://bucket/prefix).
        #[arg(required = true, value_name = "BUNDLE")]
        bundles: Vec<PathBuf>,
    },
    /// Decrypt bundles into a table: one row per response, one column per question.
    ///
    /// Option answers are shown by their labels in the chosen language, "prefer not to answer"
    /// as (declined), unanswered questions as empty cells. Free text can identify people: handle
    /// the file with care. CSV cells that would start a spreadsheet formula are prefixed with '.
    ///
    /// xlsx adds a "Summary" sheet: counts per question and the survey's indicator against its
    /// target. Counts smaller than the survey's privacy.min_group_size are shown as "fewer than
    /// N", and where one could be worked out from the total, another count is "hidden".
    ///
    /// Records whose answers do not fit the survey (an unknown question or option, a value out
    /// of range: forged, or made for another version) are listed on standard error and never
    /// counted; the exit code is then 1.
    Report {
        /// Your identity file (AGE-SECRET-KEY-1...).
        #[arg(short, long, value_name = "KEY")]
        identity: PathBuf,
        /// The survey file the bundles answer (for its questions and labels).
        #[arg(short, long, value_name = "SURVEY.json")]
        survey: PathBuf,
        /// csv (one table), xlsx (summary and table; needs -o) or json (the table).
        #[arg(short, long, value_name = "FORMAT", value_enum, default_value_t = ReportFormat::Csv)]
        format: ReportFormat,
        /// The language of labels (default: the survey's default language).
        #[arg(short, long, value_name = "LANG")]
        language: Option<String>,
        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Bundle files (.lytt.json), folders of them, or the store an inbox publishes to
        /// (s3://bucket/prefix).
        #[arg(required = true, value_name = "BUNDLE")]
        bundles: Vec<PathBuf>,
    },
    /// Receive bundles that the app sends to your survey's "submit_url", and publish them in batches.
    ///
    /// Put the inbox's address in the survey's "submit_url" (behind an https proxy for real use;
    /// plain http works for 127.0.0.1). The inbox cannot read the answers: it checks that each
    /// POST is a well-formed bundle, keeps it in a spool on disk and answers with a receipt id.
    /// Records are published to DIR as shuffled batches of at least --batch records (or after
    /// --max-wait), so a file's name and time tell at most which batch a record is in. It logs
    /// one line per request, never an address. Read the files with `lytt decrypt` or `lytt report`.
    Inbox {
        /// Folder to publish bundles in (created if missing).
        #[arg(short, long, value_name = "DIR", required_unless_present = "store", conflicts_with = "store")]
        dir: Option<PathBuf>,
        /// Object storage to publish bundles in instead: s3://bucket/prefix. Endpoint, region and
        /// credentials come from AWS_ENDPOINT, AWS_REGION, AWS_ACCESS_KEY_ID and
        /// AWS_SECRET_ACCESS_KEY (AWS_ALLOW_HTTP=true for plain http). Several inboxes may share
        /// one store: names never collide and nothing is overwritten. Needs --spool.
        #[arg(long, value_name = "URL", requires = "spool")]
        store: Option<String>,
        /// Folder where records wait for their batch (default: DIR/.spool). It must survive a
        /// restart: records in it have been acknowledged. One per inbox.
        #[arg(long, value_name = "DIR")]
        spool: Option<PathBuf>,
        /// Address and port to listen on.
        #[arg(short, long, value_name = "ADDRESS:PORT", default_value = "127.0.0.1:8090")]
        listen: String,
        /// The web address (origin) the app is served from, e.g. https://lytt.example.no; repeat for
        /// several. Without it, pages from any origin may send.
        #[arg(long, value_name = "ORIGIN")]
        origin: Vec<String>,
        /// Accept only bundles of this survey id; repeat for several.
        #[arg(short, long, value_name = "ID")]
        survey: Vec<String>,
        /// Largest bundle accepted, in bytes.
        #[arg(long, value_name = "BYTES", default_value_t = 16 * 1024 * 1024)]
        max_bytes: usize,
        /// Also accept records sealed to the published test key, which anyone can read (for
        /// tests only). Without it such bundles are refused.
        #[arg(long)]
        allow_test_key: bool,
        /// Records of one survey that are published together, shuffled (the default is the
        /// default smallest group a report shows).
        #[arg(long, value_name = "N", default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..))]
        batch: u32,
        /// The longest, in seconds, that records wait for their batch to fill; then whatever
        /// waits is published. One day by default.
        #[arg(long, value_name = "SECONDS", default_value_t = 86_400)]
        max_wait: u64,
        /// Bytes stored (published and waiting) past which new bundles are refused with 507.
        #[arg(long, value_name = "BYTES", default_value_t = 1 << 30)]
        max_stored: u64,
        /// Bundles received at the same time; more are answered 503 with Retry-After.
        #[arg(long, value_name = "N", default_value_t = 64)]
        max_concurrent: usize,
        /// Connections open at the same time; more are closed at once.
        #[arg(long, value_name = "N", default_value_t = 4096)]
        max_connections: usize,
        /// Seconds a client has to send its headers, and then its body; idle connections are
        /// closed after it too.
        #[arg(long, value_name = "SECONDS", default_value_t = 20)]
        timeout: u64,
        /// text (for people) or json (one object per line, for log shippers).
        #[arg(long, value_name = "FORMAT", value_enum, default_value_t = inbox::LogFormat::Text)]
        log_format: inbox::LogFormat,
    },
}

/// What `lytt report` writes.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    /// One table, one row per response.
    Csv,
    /// A workbook: the summary with small groups hidden, and the table.
    Xlsx,
    /// The table as JSON.
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Keygen { output } => keygen(output.as_deref()),
        Command::Validate { surveys } => validate(&surveys),
        Command::Decrypt { identity, survey, survey_file, bundles } => {
            decrypt(&identity, survey.as_deref(), survey_file.as_deref(), &bundles)
        }
        Command::Report { identity, survey, format, language, output, bundles } => {
            report(&identity, &survey, format, language.as_deref(), output.as_deref(), &bundles)
        }
        Command::Inbox {
            dir,
            store,
            spool,
            listen,
            origin,
            survey,
            max_bytes,
            allow_test_key,
            batch,
            max_wait,
            max_stored,
            max_concurrent,
            max_connections,
            timeout,
            log_format,
        } => {
            let store = match (dir, store) {
                (_, Some(url)) => inbox::StoreAt::Url(url),
                (Some(dir), None) => inbox::StoreAt::Folder(dir),
                // clap requires one of them.
                (None, None) => inbox::StoreAt::Folder(PathBuf::from(".")),
            };
            let settings = inbox::Settings {
                store,
                spool,
                listen,
                origins: origin,
                max_bytes,
                surveys: survey,
                allow_test_key,
                batch: batch as usize,
                max_wait: std::time::Duration::from_secs(max_wait),
                max_stored,
                max_concurrent,
                max_connections,
                timeout: std::time::Duration::from_secs(timeout.max(1)),
                log_format,
            };
            inbox::run(settings).map(|()| ExitCode::SUCCESS)
        }
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("lytt: {message}");
            ExitCode::from(2)
        }
    }
}

/// The published test identity (keys/test-owner.key): anyone can read what is sealed to it.
pub(crate) fn test_identity() -> OwnerKey {
    // The file is part of this repository and holds a valid key; a test checks it.
    OwnerKey::from_identity_file(include_str!("../../../keys/test-owner.key"))
        .unwrap_or_else(|_| unreachable!("keys/test-owner.key holds a valid identity"))
}

/// The warning for a survey sealed to the published test key.
fn test_key_warning(survey: &lytt_core::Survey) -> Option<String> {
    (survey.recipient.trim().eq_ignore_ascii_case(lytt_core::TEST_RECIPIENT)).then(|| {
        format!(
            "WARNING: survey \"{}\" is sealed to the published TEST KEY: anyone can read its answers. \
             Put your own recipient in it (lytt keygen) before real use.",
            survey.id
        )
    })
}

/// Reads and checks a survey file, warning if it is sealed to the published test key.
fn read_survey(path: &Path) -> Result<lytt_core::Survey, String> {
    let text = String::from_utf8_lossy(&read(path)?).into_owned();
    let survey = parse_survey(&text).map_err(|e| format!("{} is not a valid survey:\n{e}", path.display()))?;
    if let Some(warning) = test_key_warning(&survey) {
        eprintln!("{warning}");
    }
    Ok(survey)
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn keygen(output: Option<&Path>) -> Result<ExitCode, String> {
    let key = OwnerKey::generate();
    let text = key.to_identity_file();
    match output {
        Some(path) => {
            let mut options = fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.mode(0o600);
            }
            let mut file = options.open(path).map_err(|e| match e.kind() {
                std::io::ErrorKind::AlreadyExists => {
                    format!("{} already exists; it is not overwritten", path.display())
                }
                _ => format!("cannot create {}: {e}", path.display()),
            })?;
            file.write_all(text.as_bytes()).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            eprintln!("Identity written to {}. Keep it safe: without it the answers cannot be read.", path.display());
        }
        None => print!("{text}"),
    }
    eprintln!("Public key (put it in your survey's \"recipient\"): {}", key.recipient());
    Ok(ExitCode::SUCCESS)
}

fn validate(paths: &[PathBuf]) -> Result<ExitCode, String> {
    let mut all_valid = true;
    for path in paths {
        let bytes = read(path)?;
        let text = String::from_utf8_lossy(&bytes);
        // A recording or picture the survey names must be there, next to it, or the app would
        // show a broken tile or fall silent at a question.
        let folder = path.parent().unwrap_or(Path::new("."));
        let parsed = parse_survey(&text).and_then(|survey| {
            let missing: Vec<lytt_core::Problem> = survey
                .media_files()
                .into_iter()
                .filter(|name| !folder.join(name).is_file())
                .map(|name| lytt_core::Problem::new("", format!("\"{name}\" is not next to the survey file")))
                .collect();
            if missing.is_empty() {
                Ok(survey)
            } else {
                Err(lytt_core::SurveyErrors(missing))
            }
        });
        match parsed {
            Ok(survey) => {
                println!(
                    "{}: valid survey \"{}\" with {} questions",
                    path.display(),
                    survey.id,
                    survey.questions.len()
                );
                if let Some(warning) = test_key_warning(&survey) {
                    println!("  {warning}");
                    eprintln!("{}: {warning}", path.display());
                }
            }
            Err(errors) => {
                all_valid = false;
                println!(
                    "{}: {} problem{}",
                    path.display(),
                    errors.0.len(),
                    if errors.0.len() == 1 { "" } else { "s" }
                );
                for problem in &errors.0 {
                    println!("  {problem}");
                }
            }
        }
    }
    Ok(if all_valid { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// Reads a file, a large one in parts on every core: copying 100 MB into fresh memory is mostly
/// the kernel's page faults, which is otherwise a tenth of a second with one core idle.
fn read_on_all_cores(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::os::unix::fs::FileExt;
    const LARGE: u64 = 8 << 20;
    let file = fs::File::open(path)?;
    let length = file.metadata()?.len();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()) as u64;
    if length < LARGE || threads < 2 {
        return fs::read(path);
    }
    let mut bytes = vec![0u8; usize::try_from(length).map_err(std::io::Error::other)?];
    let part = bytes.len().div_ceil(threads as usize);
    std::thread::scope(|scope| {
        let readers: Vec<_> = bytes
            .chunks_mut(part)
            .enumerate()
            .map(|(i, chunk)| {
                let file = &file;
                scope.spawn(move || file.read_exact_at(chunk, (i * part) as u64))
            })
            .collect();
        readers
            .into_iter()
            .try_for_each(|reader| reader.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    })?;
    // A file that grew while it was read is read again whole, so nothing is cut off.
    if file.metadata()?.len() != length {
        return fs::read(path);
    }
    Ok(bytes)
}

/// The bytes of every bundle named: a file, each bundle in a folder, or each in a store.
fn read_bundles(sources: &[PathBuf]) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut bundles = Vec::new();
    let mut runtime = None;
    for source in sources {
        let text = source.to_string_lossy();
        if !store::is_store_url(&text) && !source.is_dir() {
            let bytes = read_on_all_cores(source).map_err(|e| format!("cannot read {}: {e}", source.display()))?;
            bundles.push((source.display().to_string(), bytes));
            continue;
        }
        if runtime.is_none() {
            let built = tokio::runtime::Builder::new_current_thread().enable_all().build();
            runtime = Some(built.map_err(|e| format!("cannot start reading {text}: {e}"))?);
        }
        let Some(runtime) = &runtime else { continue };
        let found = if store::is_store_url(&text) {
            runtime.block_on(store::read_all(&store::S3Store::open(&text)?))
        } else {
            runtime.block_on(store::read_all(&store::LocalStore::at(source)))
        };
        let found = found.map_err(|e| format!("cannot read the bundles in {text}: {e}"))?;
        if found.is_empty() {
            eprintln!("{text}: no bundles (.lytt.json) in it");
        }
        bundles.extend(found);
    }
    Ok(bundles)
}

/// A bundle whose records are still JSON text inside the file: they are unescaped on the worker
/// that opens them, rather than all copied out first on one thread.
#[derive(serde::Deserialize)]
struct RecordsOf<'a> {
    format: String,
    survey: String,
    #[serde(borrow)]
    records: Vec<&'a serde_json::value::RawValue>,
}

/// A bundle as read for opening: its records as JSON text, or (read the usual way) as text.
enum ReadBundle<'a> {
    Json(RecordsOf<'a>),
    Text(Bundle),
}

/// One record to open: JSON text still to unescape, or the record's text.
#[derive(Clone, Copy)]
enum RecordText<'a> {
    Json(&'a serde_json::value::RawValue),
    Text(&'a str),
}

impl<'a> ReadBundle<'a> {
    /// Reads a bundle file as `Bundle::parse` does, with the same errors.
    fn parse(bytes: &'a [u8]) -> Result<ReadBundle<'a>, lytt_core::bundle::BundleError> {
        match serde_json::from_slice::<RecordsOf<'a>>(bytes) {
            Ok(bundle)
                if bundle.format == lytt_core::bundle::BUNDLE_FORMAT
                    && bundle.records.iter().all(|r| r.get().starts_with('"')) =>
            {
                Ok(ReadBundle::Json(bundle))
            }
            _ => Bundle::parse(bytes).map(ReadBundle::Text),
        }
    }

    fn survey(&self) -> &str {
        match self {
            ReadBundle::Json(b) => &b.survey,
            ReadBundle::Text(b) => &b.survey,
        }
    }

    fn records(&self) -> Vec<RecordText<'_>> {
        match self {
            ReadBundle::Json(b) => b.records.iter().map(|r| RecordText::Json(r)).collect(),
            ReadBundle::Text(b) => b.records.iter().map(|r| RecordText::Text(r)).collect(),
        }
    }
}

/// Reads every bundle with the key; reports unreadable bundles and records on standard error,
/// and, given the survey file (`fit`), sets apart and reports the records whose answers do not
/// fit it. Returns what was read and whether anything failed.
fn open_bundles(
    identity: &Path,
    survey: Option<&str>,
    fit: Option<&lytt_core::Survey>,
    bundles: &[PathBuf],
) -> Result<(Opened, bool), String> {
    let key_text = String::from_utf8_lossy(&read(identity)?).into_owned();
    let key = OwnerKey::from_identity_file(&key_text).map_err(|e| format!("{}: {e}", identity.display()))?;
    let files = read_bundles(bundles)?;
    let mut readable = Vec::new();
    let mut unreadable_bundles = 0;
    for (name, bytes) in &files {
        match ReadBundle::parse(bytes) {
            Ok(bundle) => readable.push((name, bundle)),
            Err(e) => {
                unreadable_bundles += 1;
                eprintln!("{name}: {e}");
            }
        }
    }
    let records: Vec<Vec<RecordText>> = readable.iter().map(|(_, b)| b.records()).collect();
    let total: usize = records.iter().map(Vec::len).sum();
    // Shown only on a terminal (indicatif draws nothing when standard error is redirected).
    let progress = indicatif::ProgressBar::new(total as u64).with_style(
        indicatif::ProgressStyle::with_template("decrypting {bar:40} {pos}/{len} records, {per_sec}, {eta} left")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    // Every record of every bundle in one list, so that all cores stay busy to the end: each
    // is opened, read and checked against the survey on a worker; only duplicates are dropped here.
    let work: Vec<(&str, usize, RecordText, &str)> = readable
        .iter()
        .zip(&records)
        .flat_map(|((name, bundle), records)| {
            let expected = survey.unwrap_or(bundle.survey());
            records.iter().enumerate().map(move |(i, record)| (name.as_str(), i, *record, expected))
        })
        .collect();
    let opener = agree::Opener::new(&key);
    let results = in_parallel(&work, |&(_, _, record, expected)| {
        let unescaped: String;
        let record = match record {
            // Checked to be a JSON string when the bundle was read.
            RecordText::Json(json) => {
                unescaped = serde_json::from_str(json.get()).unwrap_or_default();
                unescaped.as_str()
            }
            RecordText::Text(text) => text,
        };
        let opened = opener.open_record(record.as_bytes(), Some(expected));
        progress.inc(1);
        opened.map(|response| {
            let fit = fit.map_or(Ok(()), |survey| response.fits(survey));
            (response, fit)
        })
    });
    let mut opened = Opened::with_capacity(work.len());
    for ((name, index, _, _), result) in work.iter().zip(results) {
        opened.add_checked(name, *index, result);
    }
    progress.finish_and_clear();
    for (name, index, error) in &opened.failures {
        eprintln!("{name}: record {}: {error}", index + 1);
    }
    for (response, why) in &opened.misfits {
        eprintln!("response {response}: does not fit the survey, set apart and not counted: {why}");
    }
    eprintln!(
        "{} record{} read, {} duplicate{} dropped, {} could not be read{}",
        opened.responses.len(),
        if opened.responses.len() == 1 { "" } else { "s" },
        opened.duplicates,
        if opened.duplicates == 1 { "" } else { "s" },
        opened.failures.len(),
        match opened.misfits.len() {
            0 => String::new(),
            n => format!(", {n} set apart (answers that do not fit the survey)"),
        }
    );
    let failed = !opened.failures.is_empty() || !opened.misfits.is_empty() || unreadable_bundles > 0;
    Ok((opened, failed))
}

/// The report as CSV (what `Table::to_csv` writes), its lines written on every core straight
/// from the responses.
fn csv_in_parallel(columns: &lytt_core::report::Columns, responses: &[&lytt_core::Response], language: &str) -> String {
    const LINES: usize = 2048;
    let parts: Vec<&[&lytt_core::Response]> = responses.chunks(LINES).collect();
    let written = in_parallel(&parts, |part| {
        let mut out = String::new();
        part.iter().for_each(|r| columns.write_csv_line(r, language, &mut out));
        out
    });
    let mut out = String::with_capacity(written.iter().map(String::len).sum::<usize>() + 1024);
    out.push('\u{feff}');
    lytt_core::report::csv_rows(&mut out, std::slice::from_ref(&columns.header()));
    written.iter().for_each(|part| out.push_str(part));
    out
}

/// `f` of every item, in order, worked out on every core. X25519 per record is the bulk of
/// reading records, and a report's rows and lines are many; none of it depends on another item.
/// Threads take small blocks in turn, so that all of them are busy until the very end.
fn in_parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    // Blocks of up to 64 items, and at least a few per thread when items are few but large.
    let block = (items.len() / (cores * 8)).clamp(1, 64);
    let threads = cores.min(items.len().div_ceil(block).max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let (f, next) = (&f, &next);
    let mut done: Vec<(usize, Vec<R>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(move || {
                    let mut mine = Vec::new();
                    loop {
                        let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let start = index * block;
                        if start >= items.len() {
                            break mine;
                        }
                        let part = &items[start..(start + block).min(items.len())];
                        mine.push((index, part.iter().map(f).collect::<Vec<R>>()));
                    }
                })
            })
            .collect();
        // Nothing here panics on any input; should a bug make a worker panic anyway, the run
        // stops with it rather than leaving that worker's items out unnoticed.
        workers
            .into_iter()
            .flat_map(|worker| worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    });
    done.sort_unstable_by_key(|(index, _)| *index);
    done.into_iter().flat_map(|(_, results)| results).collect()
}

/// Writes to standard output. A reader that stopped reading (`lytt decrypt | head`) is not an
/// error: the output simply ends there.
fn write_out(bytes: &[u8], what: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("cannot write {what}: {e}")),
        _ => Ok(()),
    }
}

fn decrypt(
    identity: &Path,
    survey: Option<&str>,
    survey_file: Option<&Path>,
    bundles: &[PathBuf],
) -> Result<ExitCode, String> {
    let fit = survey_file.map(read_survey).transpose()?;
    let survey = survey.or(fit.as_ref().map(|s| s.id.as_str()));
    let (opened, failed) = open_bundles(identity, survey, fit.as_ref(), bundles)?;
    let mut lines = String::new();
    for response in &opened.responses {
        lines.push_str(&response.to_json());
        lines.push('\n');
    }
    write_out(lines.as_bytes(), "the records")?;
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn report(
    identity: &Path,
    survey_path: &Path,
    format: ReportFormat,
    language: Option<&str>,
    output: Option<&Path>,
    bundles: &[PathBuf],
) -> Result<ExitCode, String> {
    // Everything that can be checked without the records is checked before any is decrypted.
    if format == ReportFormat::Xlsx && output.is_none() {
        return Err("a spreadsheet needs a file: add -o report.xlsx".into());
    }
    let survey = read_survey(survey_path)?;
    let (opened, failed) = open_bundles(identity, Some(&survey.id), Some(&survey), bundles)?;
    let language = language.unwrap_or(&survey.default_language);
    let columns = lytt_core::report::Columns::of(&survey);
    let in_order = lytt_core::report::in_report_order(&opened.responses);
    let table = || lytt_core::report::Table {
        header: columns.header(),
        rows: in_parallel(&in_order, |r| columns.row(r, language)),
    };
    let bytes = match format {
        ReportFormat::Json => (table().to_json() + "\n").into_bytes(),
        ReportFormat::Xlsx => {
            let summary = lytt_core::summary::summarize(&survey, &opened.responses, language);
            lytt_core::xlsx::workbook(&survey, &summary, &table(), language)?
        }
        ReportFormat::Csv => csv_in_parallel(&columns, &in_order, language).into_bytes(),
    };
    match output {
        Some(path) => fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))?,
        None => write_out(&bytes, "the report")?,
    }
    // The process ends here: freeing 100,000 responses one by one would only cost time.
    std::mem::forget(in_order);
    std::mem::forget(opened);
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
