//! The output folder's files, in memory.
//!
//! A rescan lists the folder and `lstat`s each file; a file is read again only when its
//! [`Stamp`] changed: size, mtime, ctime, device and inode. A rename over the file (how
//! builds write) gives a new inode; a write in place (`cp -p` included, which then puts the
//! old mtime back) sets the ctime, which user space cannot set back. The one gap is a file
//! written twice within one tick of the file system's clock, the first write read between
//! them: the stamp then cannot tell. Like git's "racily clean" index entries, a file that
//! changed less than [`RACY`] before it was read is read again at the next rescan, and its
//! bytes compared. So an unchanged file costs an `lstat`, not a read and a hash.
//!
//! Files are opened with `O_NOFOLLOW` and checked through the opened descriptor, so swapping
//! a file for a symlink between the `lstat` and the read loads nothing.
//!
//! Rescans run on the cache's own thread ([`FileCache::refresh`] only asks for one), and
//! compression on another, at low priority: until a file's gzip and brotli bytes are ready,
//! it is served as is.
//!
//! With a database ([`FileCache::with_database`]) the feed files come from the database's
//! copy instead (see [`stored`]), and the folder gives only the index page and OPML.

use std::collections::HashMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex, OnceLock, RwLock, Weak};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use hyper::header::HeaderValue;

use super::http;
use crate::fetch::Links;

/// Files larger than this are not served (feeds are far smaller).
const MAX_FILE: u64 = 64 * 1024 * 1024;
/// A file that changed less than this before it was read is read again at the next rescan
/// (file system clocks tick in milliseconds to seconds).
const RACY: Duration = Duration::from_secs(2);

/// The content type for a file name, by extension; `None` for files that are not served.
pub fn content_type(name: &str) -> Option<&'static str> {
    let ext = name.rsplit_once('.')?.1;
    Some(match ext {
        "rss" => "application/rss+xml; charset=utf-8",
        "atom" => "application/atom+xml; charset=utf-8",
        "json" => "application/feed+json",
        "opml" => "text/x-opml; charset=utf-8",
        "html" => "text/html; charset=utf-8",
        _ => return None,
    })
}

/// What a file's metadata says about its content.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Stamp {
    dev: u64,
    ino: u64,
    size: u64,
    mtime: (i64, i64),
    ctime: (i64, i64),
}

impl Stamp {
    fn of(m: &std::fs::Metadata) -> Stamp {
        Stamp {
            dev: m.dev(),
            ino: m.ino(),
            size: m.size(),
            mtime: (m.mtime(), m.mtime_nsec()),
            ctime: (m.ctime(), m.ctime_nsec()),
        }
    }

    /// The later of mtime and ctime: when the content last changed, at the latest.
    fn changed(&self) -> SystemTime {
        let at = |(s, ns): (i64, i64)| {
            let (s, ns) = (
                u64::try_from(s).unwrap_or(0),
                u32::try_from(ns).unwrap_or(0),
            );
            UNIX_EPOCH + Duration::new(s, ns.min(999_999_999))
        };
        at(self.mtime).max(at(self.ctime))
    }
}

fn secs(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// A file's bytes and their encodings, shared by the entries of unchanged content.
#[derive(Debug)]
pub(super) struct Content {
    pub body: Bytes,
    /// Set by the compressor thread; until then the file is served as is.
    pub gzip: OnceLock<Bytes>,
    pub brotli: OnceLock<Bytes>,
    /// The strong ETag of each encoding (they are different representations).
    pub etag: HeaderValue,
    pub etag_gzip: HeaderValue,
    pub etag_brotli: HeaderValue,
}

impl Content {
    fn new(body: Vec<u8>) -> Content {
        let tag = http::etag_of(&body);
        Content::tagged(body, &tag)
    }

    /// The content of `body` under the opaque ETag `tag` (as the database keeps it).
    fn tagged(body: Vec<u8>, tag: &str) -> Content {
        let value = |suffix: &str| {
            HeaderValue::from_str(&format!("\"{tag}{suffix}\""))
                .unwrap_or(HeaderValue::from_static("\"\""))
        };
        Content {
            etag: value(""),
            etag_gzip: value("-gz"),
            etag_brotli: value("-br"),
            body: Bytes::from(body),
            gzip: OnceLock::new(),
            brotli: OnceLock::new(),
        }
    }
}

/// One file ready to serve, with everything a response needs worked out in advance.
#[derive(Debug, Clone)]
pub(super) struct Entry {
    pub content: Arc<Content>,
    pub content_type: HeaderValue,
    /// Last-Modified, in seconds: strictly later than any other content of this name had
    /// while it was served, so `If-Modified-Since` never takes new bytes for old ones.
    pub modified_secs: u64,
    pub last_modified: HeaderValue,
    /// `modified_secs` was later than the clock when loaded: until the clock catches up, the
    /// response says the current time instead (RFC 9110 §8.8.2.1).
    pub ahead: bool,
    pub cache_control: HeaderValue,
    stamp: Stamp,
    /// Changed less than [`RACY`] before it was read: read again at the next rescan.
    racy: bool,
}

/// What the rescans and the requests share.
struct Shared {
    /// The folder served; a reload may move it.
    dir: RwLock<PathBuf>,
    files: RwLock<Arc<HashMap<String, Arc<Entry>>>>,
    max_age: Box<dyn Fn(&str) -> Duration + Send + Sync>,
    /// One rescan at a time; it holds the Last-Modified seconds of files that went away a
    /// moment ago, so one created again under the same name still gets a later one.
    rescan: Mutex<HashMap<String, u64>>,
    /// Contents waiting for compression; `None` when the thread could not start (then the
    /// rescan compresses, still off the async workers).
    compress: Option<mpsc::Sender<Weak<Content>>>,
    /// The feed files from the database, when serving from one: then the folder gives
    /// only the index page and OPML.
    stored: Option<stored::StoredFiles>,
}

/// The output folder's files, in memory.
pub struct FileCache {
    shared: Arc<Shared>,
    /// Asks the loader thread for a rescan; `None` when it could not start.
    loader: Option<mpsc::Sender<()>>,
}

impl FileCache {
    /// A cache of `dir`, loaded now (on the caller's thread); `max_age` gives each file
    /// name's Cache-Control max-age. Starts the threads that rescan and compress.
    pub fn new(
        dir: &Path,
        max_age: impl Fn(&str) -> Duration + Send + Sync + 'static,
    ) -> FileCache {
        FileCache::start(dir, Box::new(max_age), None)
    }

    /// A cache whose feed files come from the database's copy, put in with
    /// [`FileCache::replace_stored`] and [`FileCache::update_stored`]; from `dir` it serves
    /// only the index page and OPML. Empty of feeds until the first load.
    pub fn with_database(
        dir: &Path,
        max_age: impl Fn(&str) -> Duration + Send + Sync + 'static,
    ) -> FileCache {
        FileCache::start(dir, Box::new(max_age), Some(stored::StoredFiles::default()))
    }

    fn start(
        dir: &Path,
        max_age: Box<dyn Fn(&str) -> Duration + Send + Sync>,
        stored: Option<stored::StoredFiles>,
    ) -> FileCache {
        let compress = spawn("feedmill-compress", |rx| compressor(&rx));
        let shared = Arc::new(Shared {
            dir: RwLock::new(dir.to_path_buf()),
            files: RwLock::new(Arc::new(HashMap::new())),
            max_age,
            rescan: Mutex::new(HashMap::new()),
            compress,
            stored,
        });
        let mut racy = shared.rescan();
        let for_loader = Arc::clone(&shared);
        let loader = spawn("feedmill-files", move |rx: mpsc::Receiver<()>| loop {
            // With racy files about, look again once they have settled.
            let asked = if racy {
                rx.recv_timeout(RACY)
            } else {
                rx.recv().map_err(|_| RecvTimeoutError::Disconnected)
            };
            if asked == Err(RecvTimeoutError::Disconnected) {
                return;
            }
            // Asks that came in meanwhile are answered by this one rescan, which starts
            // after them.
            while rx.try_recv().is_ok() {}
            racy = for_loader.rescan();
        });
        FileCache { shared, loader }
    }

    /// Asks for a rescan of the folder, on the cache's thread, and returns at once: safe to
    /// call from async code. Asks made while a rescan runs are answered by one more.
    pub fn refresh(&self) {
        let sent = self.loader.as_ref().is_some_and(|l| l.send(()).is_ok());
        if !sent {
            self.refresh_now();
        }
    }

    /// Rescans the folder on the caller's thread (which must not be an async worker): loads
    /// new and changed files, drops removed ones, queues new contents for compression.
    pub fn refresh_now(&self) {
        self.shared.rescan();
    }

    /// After a reload: serves `dir` from now on (the output folder may have moved) and works
    /// out every file's Cache-Control again (intervals may have changed). The rescan of the
    /// folder runs on the cache's thread, as [`FileCache::refresh`] does.
    pub fn reconfigure(&self, dir: &Path) {
        let moved = {
            let mut current = self.shared.dir.write().unwrap_or_else(|e| e.into_inner());
            let moved = *current != dir;
            *current = dir.to_path_buf();
            moved
        };
        self.recontrol_stored();
        if !moved {
            // Not beside a rescan, which replaces the map too.
            let _rescan = self.shared.rescan.lock().unwrap_or_else(|e| e.into_inner());
            let old = self.shared.snapshot();
            let redone: HashMap<String, Arc<Entry>> = old
                .iter()
                .map(|(name, e)| {
                    let max_age = (self.shared.max_age)(name).as_secs();
                    let mut entry = Entry::clone(e);
                    if let Ok(v) = HeaderValue::from_str(&format!("public, max-age={max_age}")) {
                        entry.cache_control = v;
                    }
                    (name.clone(), Arc::new(entry))
                })
                .collect();
            *self.shared.files.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(redone);
        }
        self.refresh();
    }

    pub(super) fn get(&self, name: &str) -> Option<Arc<Entry>> {
        if let Some(stored) = self.shared.stored.as_ref().filter(|_| !from_folder(name)) {
            return stored.get(name);
        }
        self.shared
            .files
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(name)
            .cloned()
    }
}

/// Starts thread `name` running `work` on the receiving end of a new channel; the sending
/// end, or `None` if the thread could not start. The thread ends when the sender is dropped.
fn spawn<T: Send + 'static>(
    name: &str,
    work: impl FnOnce(mpsc::Receiver<T>) + Send + 'static,
) -> Option<mpsc::Sender<T>> {
    let (tx, rx) = mpsc::channel();
    match std::thread::Builder::new()
        .name(name.into())
        .spawn(move || work(rx))
    {
        Ok(_) => Some(tx),
        Err(e) => {
            tracing::warn!("cannot start thread {name}: {e}; doing its work inline");
            None
        }
    }
}

/// The compressor thread: compresses each content still in use, at low priority.
fn compressor(rx: &mpsc::Receiver<Weak<Content>>) {
    // On Linux this lowers this thread alone: requests and rescans come first.
    // SAFETY: setpriority takes no pointers.
    #[cfg(target_os = "linux")]
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
    while let Ok(content) = rx.recv() {
        compress(&content);
    }
}

/// Compresses `content` if anything but the queue still holds it.
fn compress(content: &Weak<Content>) {
    if let Some(c) = content.upgrade().filter(|c| c.gzip.get().is_none()) {
        let _ = c.gzip.set(http::gzip(&c.body));
    }
    // Looked up again: the file may have changed while gzip ran.
    if let Some(c) = content.upgrade().filter(|c| c.brotli.get().is_none()) {
        let _ = c.brotli.set(http::brotli(&c.body));
    }
}

/// Reads `path` without following a symlink, if the opened file is a regular file of at most
/// [`MAX_FILE`] bytes (a FIFO swapped in does not hang the open); its stamp (from the
/// descriptor) and bytes.
fn read_regular(path: &Path) -> Option<(Stamp, Vec<u8>)> {
    let (meta, body) = crate::fetch::read_regular(path, MAX_FILE, Links::Refuse).ok()?;
    Some((Stamp::of(&meta), body))
}

impl Shared {
    fn snapshot(&self) -> Arc<HashMap<String, Arc<Entry>>> {
        Arc::clone(&self.files.read().unwrap_or_else(|e| e.into_inner()))
    }

    /// Re-reads the folder; whether some file is racy (see [`RACY`]).
    fn rescan(&self) -> bool {
        let mut gone = self.rescan.lock().unwrap_or_else(|e| e.into_inner());
        let started = SystemTime::now();
        let old = self.snapshot();
        let mut next = HashMap::with_capacity(old.len());
        let mut queue = Vec::new();
        let mut racy = false;
        let dir = self.dir.read().unwrap_or_else(|e| e.into_inner()).clone();
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let Ok(name) = entry.file_name().into_string() else {
                continue;
            };
            if content_type(&name).is_none() || name.starts_with('.') {
                continue;
            }
            if self.stored.is_some() && !from_folder(&name) {
                continue;
            }
            // lstat: a symlink is not followed, and is not a file.
            let Ok(meta) = std::fs::symlink_metadata(entry.path()) else {
                continue;
            };
            if !meta.is_file() || meta.len() > MAX_FILE {
                continue;
            }
            let prev = old.get(&name);
            if let Some(p) = prev.filter(|p| !p.racy && p.stamp == Stamp::of(&meta)) {
                next.insert(name, Arc::clone(p));
                continue;
            }
            let Some((stamp, body)) = read_regular(&entry.path()) else {
                continue;
            };
            let loaded = self.entry(&name, stamp, body, prev, gone.get(&name), started);
            if prev.is_none_or(|p| !Arc::ptr_eq(&p.content, &loaded.content)) {
                queue.push(Arc::downgrade(&loaded.content));
            }
            racy |= loaded.racy;
            next.insert(name, Arc::new(loaded));
        }
        let now = secs(SystemTime::now());
        for (name, e) in old.iter().filter(|(n, _)| !next.contains_key(*n)) {
            gone.insert(name.clone(), e.modified_secs);
        }
        gone.retain(|name, lm| !next.contains_key(name) && *lm + 2 >= now);
        *self.files.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(next);
        drop(gone);
        self.compress_later(queue);
        racy
    }

    /// The entry for `body`, read from file `name` at `started`; `prev` is the entry it
    /// replaces, `gone_lm` the Last-Modified of a file of that name removed a moment ago.
    fn entry(
        &self,
        name: &str,
        stamp: Stamp,
        body: Vec<u8>,
        prev: Option<&Arc<Entry>>,
        gone_lm: Option<&u64>,
        started: SystemTime,
    ) -> Entry {
        let changed = stamp.changed();
        let same = prev.filter(|p| p.content.body[..] == body[..]);
        let modified_secs = match (prev, same) {
            // The same bytes keep their Last-Modified, whatever the stamp says.
            (_, Some(p)) => p.modified_secs,
            // New bytes: strictly later than the old ones', even within one second or
            // with an old mtime put back (cp -p).
            (Some(p), None) => secs(changed).max(p.modified_secs + 1),
            (None, None) => secs(changed).max(gone_lm.map_or(0, |lm| lm + 1)),
        };
        let content = same.map_or_else(|| Arc::new(Content::new(body)), |p| Arc::clone(&p.content));
        let max_age = (self.max_age)(name).as_secs();
        let at = UNIX_EPOCH + Duration::from_secs(modified_secs);
        Entry {
            content,
            content_type: HeaderValue::from_static(content_type(name).unwrap_or("")),
            modified_secs,
            last_modified: http::date_value(at),
            ahead: modified_secs > secs(started),
            cache_control: HeaderValue::from_str(&format!("public, max-age={max_age}"))
                .unwrap_or(HeaderValue::from_static("no-cache")),
            stamp,
            racy: started < changed + RACY,
        }
    }

    /// Hands `queue` to the compressor thread (or compresses it here without one).
    fn compress_later(&self, queue: Vec<Weak<Content>>) {
        let Some(tx) = &self.compress else {
            queue.iter().for_each(compress);
            return;
        };
        for c in queue {
            if let Err(mpsc::SendError(c)) = tx.send(c) {
                compress(&c);
            }
        }
    }
}

/// Whether, when serving from a database, file `name` still comes from the output folder:
/// the index page and OPML, which each instance writes for itself.
fn from_folder(name: &str) -> bool {
    use crate::render::publish::{INDEX_FILE, OPML_FILE};
    name == INDEX_FILE || name == OPML_FILE
}

#[path = "stored.rs"]
mod stored;

#[cfg(test)]
#[path = "cache_tests.rs"]
mod tests;
