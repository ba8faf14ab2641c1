//! The inbox's spool: records wait here, already sealed, until they are published in a batch.
//!
//! A POST is acknowledged only once its bundle is an entry on disk (`in/<survey>.<id>.json`,
//! flushed, renamed into place, folder flushed). A batch is made in one atomic step: a file in
//! `out/` that holds the shuffled bundle and the names of the entries it consumed is flushed and
//! renamed into place, and only then are those entries removed. Whatever moment the process is
//! killed, every acknowledged record is in exactly one place: an entry, or a batch, or the store
//! (a batch is uploaded under its own unique name, and an upload that finds its name taken was
//! already done before the crash).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use lytt_core::bundle::{Bundle, MAX_RECORDS};
use rand_core::{OsRng, RngCore};

use crate::store::{sync_dir, write_synced, BUNDLE_SUFFIX};

/// A bundle waiting in the spool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its file name in `in/`.
    pub name: String,
    /// Its survey id.
    pub survey: String,
    /// How many records it holds.
    pub records: usize,
    /// Its size on disk.
    pub bytes: u64,
}

/// A batch made but not yet in the store.
#[derive(Debug)]
pub struct Batch {
    /// Its file in `out/`.
    pub file: PathBuf,
    /// The name it gets in the store.
    pub object: String,
    /// The bundle, as it is stored.
    pub bundle: Vec<u8>,
    /// The entries it was made of (removed once the batch was safe).
    consumed: Vec<String>,
}

/// The spool folder.
#[derive(Clone)]
pub struct Spool {
    waiting: PathBuf,
    batches: PathBuf,
}

const BATCH_SUFFIX: &str = ".batch";

impl Spool {
    /// Opens the spool, removing unfinished writes. Returns the entries still waiting.
    pub fn open(root: &Path) -> io::Result<(Spool, Vec<Entry>)> {
        let spool = Spool { waiting: root.join("in"), batches: root.join("out") };
        let mut entries = Vec::new();
        for dir in [&spool.waiting, &spool.batches] {
            fs::create_dir_all(dir)?;
            for file in fs::read_dir(dir)?.flatten() {
                let name = file.file_name().to_string_lossy().into_owned();
                if name.ends_with(".damaged") {
                    continue;
                } else if name.ends_with(".tmp") {
                    fs::remove_file(file.path())?;
                } else if dir == &spool.waiting {
                    match spool.read_entry(&name) {
                        Ok(entry) => entries.push(entry),
                        // Written in full before it was renamed, so this is damage from outside
                        // the inbox: kept aside for a person to look at, never published.
                        Err(_) => fs::rename(file.path(), dir.join(format!("{name}.damaged")))?,
                    }
                }
            }
        }
        entries.sort_by(|a, b| a.name.cmp(&b.name));
        Ok((spool, entries))
    }

    fn read_entry(&self, name: &str) -> io::Result<Entry> {
        let survey = name.split('.').next().unwrap_or_default().to_string();
        if !name.ends_with(".json") {
            return Err(io::Error::other("not an entry"));
        }
        let body = fs::read(self.waiting.join(name))?;
        let bundle = Bundle::parse_strict(&body).map_err(io::Error::other)?;
        if bundle.survey != survey {
            return Err(io::Error::other("the entry's name and survey differ"));
        }
        Ok(Entry { name: name.to_string(), survey, records: bundle.records.len(), bytes: body.len() as u64 })
    }

    /// Keeps a checked bundle until it is published; once this returns it is on disk.
    pub fn add(&self, survey: &str, records: usize, body: &[u8]) -> io::Result<Entry> {
        let id = random_id();
        let name = format!("{survey}.{id}.json");
        let temporary = self.waiting.join(format!("{name}.tmp"));
        write_synced(&temporary, body)?;
        fs::rename(&temporary, self.waiting.join(&name))?;
        sync_dir(&self.waiting)?;
        Ok(Entry { name, survey: survey.to_string(), records, bytes: body.len() as u64 })
    }

    /// Makes one batch of these entries (all of one survey): their records shuffled into one
    /// bundle, kept in `out/`; then the entries are removed.
    pub fn make_batch(&self, survey: &str, entries: &[Entry]) -> io::Result<Batch> {
        let mut records = Vec::new();
        for entry in entries {
            let body = fs::read(self.waiting.join(&entry.name))?;
            records.extend(Bundle::parse_strict(&body).map_err(io::Error::other)?.records);
        }
        let object = format!("{survey}-{}{BUNDLE_SUFFIX}", random_id());
        let bundle = Bundle::new(survey, records).to_json().into_bytes();
        let consumed: Vec<String> = entries.iter().map(|e| e.name.clone()).collect();
        let mut file_bytes = consumed.join(" ").into_bytes();
        file_bytes.push(b'\n');
        file_bytes.extend_from_slice(&bundle);
        let file = self.batches.join(format!("{object}{BATCH_SUFFIX}"));
        let temporary = self.batches.join(format!("{object}.tmp"));
        write_synced(&temporary, &file_bytes)?;
        fs::rename(&temporary, &file)?;
        sync_dir(&self.batches)?;
        let batch = Batch { file, object, bundle, consumed };
        self.remove_consumed(&batch)?;
        Ok(batch)
    }

    fn remove_consumed(&self, batch: &Batch) -> io::Result<()> {
        for name in &batch.consumed {
            match fs::remove_file(self.waiting.join(name)) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        sync_dir(&self.waiting)
    }

    /// Batches made but not yet confirmed in the store (after a crash, or a store that was down).
    /// Entries they consumed that are still there (the process stopped in between) are removed.
    pub fn unfinished_batches(&self) -> io::Result<Vec<Batch>> {
        let mut batches = Vec::new();
        for file in fs::read_dir(&self.batches)? {
            let path = file?.path();
            let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
            let Some(object) = name.strip_suffix(BATCH_SUFFIX) else { continue };
            let bytes = fs::read(&path)?;
            let Some(split) = bytes.iter().position(|&b| b == b'\n') else { continue };
            let consumed = String::from_utf8_lossy(&bytes[..split])
                .split(' ')
                // Only plain names of entries: nothing outside `in/` is ever removed.
                .filter(|name| !name.is_empty() && !name.starts_with('.') && !name.contains(['/', '\\']))
                .map(str::to_string)
                .collect();
            let batch =
                Batch { file: path.clone(), object: object.to_string(), bundle: bytes[split + 1..].to_vec(), consumed };
            self.remove_consumed(&batch)?;
            batches.push(batch);
        }
        batches.sort_by(|a, b| a.object.cmp(&b.object));
        Ok(batches)
    }

    /// Gives a batch a new name in the store (kept under it in `out/` first, so that a stop
    /// right after cannot publish it twice under two names).
    pub fn renamed(&self, batch: Batch) -> io::Result<Batch> {
        let survey = batch.object.rsplit_once('-').map_or("", |(survey, _)| survey);
        let object = format!("{survey}-{}{BUNDLE_SUFFIX}", random_id());
        let file = self.batches.join(format!("{object}{BATCH_SUFFIX}"));
        fs::rename(&batch.file, &file)?;
        sync_dir(&self.batches)?;
        Ok(Batch { file, object, ..batch })
    }

    /// Forgets a batch that the store now holds.
    pub fn finished(&self, batch: &Batch) -> io::Result<()> {
        fs::remove_file(&batch.file)?;
        sync_dir(&self.batches)
    }

    /// Bytes in the spool (waiting entries and unpublished batches).
    pub fn size(&self) -> io::Result<u64> {
        let mut total = 0;
        for dir in [&self.waiting, &self.batches] {
            for file in fs::read_dir(dir)? {
                total += file?.metadata()?.len();
            }
        }
        Ok(total)
    }
}

/// Splits waiting entries of one survey into batches of at most [`MAX_RECORDS`] records, so
/// every published bundle can be read back by an inbox's strict reading too.
pub fn split_into_batches(entries: Vec<Entry>) -> Vec<Vec<Entry>> {
    let mut batches: Vec<Vec<Entry>> = Vec::new();
    let mut records = 0;
    for entry in entries {
        if batches.is_empty() || records + entry.records > MAX_RECORDS {
            batches.push(Vec::new());
            records = 0;
        }
        records += entry.records;
        if let Some(last) = batches.last_mut() {
            last.push(entry);
        }
    }
    batches
}

/// 96 random bits in hex: names that say nothing about who sent what when.
pub fn random_id() -> String {
    let mut bytes = [0u8; 12];
    OsRng.fill_bytes(&mut bytes);
    lytt_core::draft::hex(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEALED: &str = "-----BEGIN AGE ENCRYPTED FILE-----\nYWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSBhCmIKLS0tIGMKc2VhbGVk\n-----END AGE ENCRYPTED FILE-----\n";

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("lytt-spool-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    fn body(survey: &str, records: usize) -> Vec<u8> {
        Bundle { format: "lytt-bundle/1".into(), survey: survey.into(), records: vec![SEALED.to_string(); records] }
            .to_json()
            .into_bytes()
    }

    #[test]
    fn a_batch_holds_every_record_of_its_entries_and_a_stop_at_any_step_loses_or_doubles_none() {
        let dir = scratch("batch");
        let (spool, waiting) = Spool::open(&dir).unwrap();
        assert!(waiting.is_empty());
        let entries: Vec<Entry> = (1..=3).map(|n| spool.add("s", n, &body("s", n)).unwrap()).collect();
        let other = spool.add("t", 1, &body("t", 1)).unwrap();
        // What a restart finds: every entry, by survey, with its count.
        let (spool, waiting) = Spool::open(&dir).unwrap();
        assert_eq!(waiting.len(), 4);
        assert_eq!(waiting.iter().filter(|e| e.survey == "s").map(|e| e.records).sum::<usize>(), 6);

        // The process stops after the batch was made but before its entries were removed: the
        // entries come back as they were.
        let kept: Vec<(String, Vec<u8>)> =
            entries.iter().map(|e| (e.name.clone(), fs::read(spool.waiting.join(&e.name)).unwrap())).collect();
        let batch = spool.make_batch("s", &entries).unwrap();
        assert_eq!(Bundle::parse_strict(&batch.bundle).unwrap().records.len(), 6);
        for (name, bytes) in &kept {
            fs::write(spool.waiting.join(name), bytes).unwrap();
        }
        // Half-written files from the same stop.
        fs::write(spool.waiting.join("s.abc.json.tmp"), "{").unwrap();
        fs::write(spool.batches.join("s-abc.lytt.json.tmp"), "{").unwrap();

        // A restart finishes the batch first: its entries go, the other survey's stays.
        let (spool, _) = Spool::open(&dir).unwrap();
        let unfinished = spool.unfinished_batches().unwrap();
        assert_eq!(unfinished.len(), 1);
        assert_eq!(unfinished[0].object, batch.object);
        assert_eq!(unfinished[0].bundle, batch.bundle);
        let (spool, waiting) = Spool::open(&dir).unwrap();
        assert_eq!(waiting, vec![other]);
        spool.finished(&unfinished[0]).unwrap();
        assert!(spool.unfinished_batches().unwrap().is_empty());
        assert_eq!(fs::read_dir(&spool.batches).unwrap().count(), 0);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_damaged_entry_is_set_aside_and_never_published() {
        let dir = scratch("damaged");
        let (spool, _) = Spool::open(&dir).unwrap();
        fs::write(spool.waiting.join("s.0123.json"), "not a bundle").unwrap();
        fs::write(spool.waiting.join("t.0123.json"), body("s", 1)).unwrap();
        let (spool, waiting) = Spool::open(&dir).unwrap();
        assert!(waiting.is_empty());
        assert!(spool.waiting.join("s.0123.json.damaged").exists());
        assert!(spool.waiting.join("t.0123.json.damaged").exists());
        // And stays aside on the next start.
        assert!(Spool::open(&dir).unwrap().1.is_empty());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn batches_never_hold_more_records_than_a_bundle_may() {
        let entry = |records| Entry { name: String::new(), survey: "s".into(), records, bytes: 0 };
        let batches = split_into_batches(vec![entry(6000), entry(3000), entry(2000), entry(10_000)]);
        let sizes: Vec<usize> = batches.iter().map(|b| b.iter().map(|e| e.records).sum()).collect();
        assert_eq!(sizes, vec![9000, 2000, 10_000]);
    }
}
