//! Where published bundles are kept: one trait, so the inbox and the owner's commands work the
//! same on a local folder and (with more than one machine) on shared object storage.

use std::fs;
use std::future::Future;
use std::io;
use std::path::{Path, PathBuf};

/// Bundle files kept under unique names. Names are plain (`<survey>-<id>.lytt.json`), never paths.
pub trait Store: Send + Sync + 'static {
    /// Writes `bytes` as `name` unless something of that name is already there: then nothing is
    /// written and the answer is `false`. No writer ever replaces another's object.
    fn put_new(&self, name: &str, bytes: Vec<u8>) -> impl Future<Output = io::Result<bool>> + Send;
    /// Every bundle file with its size in bytes.
    fn list(&self) -> impl Future<Output = io::Result<Vec<(String, u64)>>> + Send;
    /// One bundle file.
    fn get(&self, name: &str) -> impl Future<Output = io::Result<Vec<u8>>> + Send;
    /// Where it is, for messages.
    fn describe(&self) -> String;
}

/// The ending of bundle files.
pub const BUNDLE_SUFFIX: &str = ".lytt.json";

/// A folder on this machine.
pub struct LocalStore {
    dir: PathBuf,
}

impl LocalStore {
    /// A folder to read bundles from.
    pub fn at(dir: &Path) -> LocalStore {
        LocalStore { dir: dir.to_path_buf() }
    }

    /// Opens (and creates) the folder to write to, and removes the hidden copies of writes that
    /// a stopped process left half done: none of them was acknowledged.
    pub fn open(dir: &Path) -> io::Result<LocalStore> {
        fs::create_dir_all(dir)?;
        for entry in fs::read_dir(dir)?.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') && name.ends_with(".tmp") {
                let _ = fs::remove_file(entry.path());
            }
        }
        Ok(LocalStore::at(dir))
    }

    fn put_new_now(&self, name: &str, bytes: &[u8]) -> io::Result<bool> {
        let target = self.dir.join(plain_name(name)?);
        if target.exists() {
            return Ok(false);
        }
        let temporary = self.dir.join(format!(".{name}.tmp"));
        write_synced(&temporary, bytes)?;
        // A hard link, unlike a rename, never replaces a file that appeared meanwhile.
        let linked = fs::hard_link(&temporary, &target);
        let _ = fs::remove_file(&temporary);
        match linked {
            Ok(()) => {
                sync_dir(&self.dir)?;
                Ok(true)
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(false),
            Err(e) => Err(e),
        }
    }

    fn list_now(&self) -> io::Result<Vec<(String, u64)>> {
        let mut found = Vec::new();
        for entry in fs::read_dir(&self.dir)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(BUNDLE_SUFFIX) && !name.starts_with('.') {
                found.push((name, entry.metadata()?.len()));
            }
        }
        found.sort();
        Ok(found)
    }
}

impl Store for LocalStore {
    async fn put_new(&self, name: &str, bytes: Vec<u8>) -> io::Result<bool> {
        let (store, name) = (LocalStore { dir: self.dir.clone() }, name.to_string());
        blocking(move || store.put_new_now(&name, &bytes)).await
    }

    async fn list(&self) -> io::Result<Vec<(String, u64)>> {
        let store = LocalStore { dir: self.dir.clone() };
        blocking(move || store.list_now()).await
    }

    async fn get(&self, name: &str) -> io::Result<Vec<u8>> {
        let path = self.dir.join(plain_name(name)?);
        blocking(move || fs::read(path)).await
    }

    fn describe(&self) -> String {
        self.dir.display().to_string()
    }
}

/// S3-compatible object storage (`s3://bucket/prefix`). The endpoint, region and credentials come
/// from the usual environment variables: `AWS_ENDPOINT`, `AWS_REGION`, `AWS_ACCESS_KEY_ID`,
/// `AWS_SECRET_ACCESS_KEY` (and `AWS_ALLOW_HTTP=true` for an endpoint on plain http).
pub struct S3Store {
    store: object_store::aws::AmazonS3,
    prefix: object_store::path::Path,
    url: String,
}

/// Whether an argument names object storage rather than a file or folder.
pub fn is_store_url(text: &str) -> bool {
    text.starts_with("s3://")
}

impl S3Store {
    /// Connects lazily: nothing is asked of the server until the first read or write.
    pub fn open(url: &str) -> Result<S3Store, String> {
        let rest = url.strip_prefix("s3://").ok_or_else(|| format!("{url} is not an s3://bucket/prefix address"))?;
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        if bucket.is_empty() {
            return Err(format!("{url} names no bucket: write s3://bucket/prefix"));
        }
        let store = object_store::aws::AmazonS3Builder::from_env()
            .with_bucket_name(bucket)
            .build()
            .map_err(|e| format!("cannot use {url}: {e}"))?;
        let prefix = object_store::path::Path::from(prefix.trim_matches('/'));
        Ok(S3Store { store, prefix, url: url.trim_end_matches('/').to_string() })
    }

    fn path(&self, name: &str) -> io::Result<object_store::path::Path> {
        Ok(self.prefix.clone().join(plain_name(name)?))
    }
}

impl Store for S3Store {
    async fn put_new(&self, name: &str, bytes: Vec<u8>) -> io::Result<bool> {
        use object_store::{ObjectStore, PutMode, PutOptions};
        let options = PutOptions { mode: PutMode::Create, ..PutOptions::default() };
        match self.store.put_opts(&self.path(name)?, bytes.into(), options).await {
            Ok(_) => Ok(true),
            // Another writer (or this one, before a crash) got there first: never replaced.
            Err(object_store::Error::AlreadyExists { .. } | object_store::Error::Precondition { .. }) => Ok(false),
            Err(e) => Err(io::Error::other(e)),
        }
    }

    async fn list(&self) -> io::Result<Vec<(String, u64)>> {
        use object_store::ObjectStore;
        let prefix = (!self.prefix.as_ref().is_empty()).then_some(&self.prefix);
        let listed = self.store.list_with_delimiter(prefix).await.map_err(io::Error::other)?;
        let mut found: Vec<(String, u64)> = listed
            .objects
            .into_iter()
            .filter_map(|o| Some((o.location.filename()?.to_string(), o.size)))
            .filter(|(name, _)| name.ends_with(BUNDLE_SUFFIX) && !name.starts_with('.'))
            .collect();
        found.sort();
        Ok(found)
    }

    async fn get(&self, name: &str) -> io::Result<Vec<u8>> {
        use object_store::ObjectStoreExt;
        let got = self.store.get(&self.path(name)?).await.map_err(io::Error::other)?;
        Ok(got.bytes().await.map_err(io::Error::other)?.to_vec())
    }

    fn describe(&self) -> String {
        self.url.clone()
    }
}

/// Reads every bundle in a store: (a name for messages, the bytes).
pub async fn read_all(store: &impl Store) -> io::Result<Vec<(String, Vec<u8>)>> {
    let mut bundles = Vec::new();
    for (name, _) in store.list().await? {
        let bytes = store.get(&name).await?;
        bundles.push((format!("{}/{name}", store.describe()), bytes));
    }
    Ok(bundles)
}

/// Runs file work off the async threads.
pub async fn blocking<T: Send + 'static>(work: impl FnOnce() -> io::Result<T> + Send + 'static) -> io::Result<T> {
    tokio::task::spawn_blocking(work).await.map_err(io::Error::other)?
}

/// A name that stays inside the store.
fn plain_name(name: &str) -> io::Result<&str> {
    if name.is_empty() || name.starts_with('.') || name.contains(['/', '\\']) {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, format!("\"{name}\" is not a bundle name")));
    }
    Ok(name)
}

/// Writes a new file and flushes it to disk before returning.
pub fn write_synced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let mut file = fs::OpenOptions::new().write(true).create_new(true).open(path)?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    if written.is_err() {
        let _ = fs::remove_file(path);
    }
    written
}

/// Flushes a folder's entries (new names, removals) to disk.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("lytt-store-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn a_local_store_never_replaces_an_object_and_lists_only_bundles() {
        let dir = scratch("local");
        let store = LocalStore::open(&dir).unwrap();
        fs::write(dir.join(".x.lytt.json.tmp"), "half").unwrap();
        fs::write(dir.join("notes.txt"), "not a bundle").unwrap();
        assert!(store.put_new_now("a-1.lytt.json", b"first").unwrap());
        assert!(!store.put_new_now("a-1.lytt.json", b"second").unwrap());
        assert_eq!(fs::read(dir.join("a-1.lytt.json")).unwrap(), b"first");
        assert!(store.put_new_now("../escape.lytt.json", b"x").is_err());
        assert!(store.put_new_now(".hidden.lytt.json", b"x").is_err());
        // Reopening removes what a stopped write left behind.
        let store = LocalStore::open(&dir).unwrap();
        assert_eq!(store.list_now().unwrap(), vec![("a-1.lytt.json".to_string(), 5)]);
        assert!(!dir.join(".x.lytt.json.tmp").exists());
        fs::remove_dir_all(&dir).unwrap();
    }
}
