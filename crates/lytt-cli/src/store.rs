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
    /// Opens (and creates) the folder, and removes the hidden copies of writes that a stopped
    /// process left half done: none of them was acknowledged.
    pub fn open(dir: &Path) -> io::Result<LocalStore> {
        fs::create_dir_all(dir)?;
        for entry in fs::read_dir(dir)?.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') && name.ends_with(".tmp") {
                let _ = fs::remove_file(entry.path());
            }
        }
        Ok(LocalStore { dir: dir.to_path_buf() })
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

    fn describe(&self) -> String {
        self.dir.display().to_string()
    }
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
