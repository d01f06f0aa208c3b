//! The output folder's files, in memory.
//!
//! Files are opened with `O_NOFOLLOW` and checked through the opened descriptor, so swapping
//! a file for a symlink between the `lstat` and the read loads nothing.

use std::collections::HashMap;
use std::io::Read;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use hyper::header::HeaderValue;

use super::http;

/// Files larger than this are not served (feeds are far smaller).
const MAX_FILE: u64 = 64 * 1024 * 1024;

/// One file ready to serve, with everything a response needs worked out in advance.
#[derive(Debug)]
pub(super) struct Entry {
    pub body: Bytes,
    /// Compressed on first request, then kept until the file changes.
    pub gzip: std::sync::OnceLock<Bytes>,
    pub brotli: std::sync::OnceLock<Bytes>,
    pub content_type: HeaderValue,
    pub etag: String,
    pub last_modified: HeaderValue,
    pub modified_secs: u64,
    pub cache_control: HeaderValue,
    /// What the file was loaded from, to notice when it changes.
    stamp: (SystemTime, u64),
}

/// The output folder's files, in memory.
pub struct FileCache {
    dir: PathBuf,
    files: RwLock<Arc<HashMap<String, Arc<Entry>>>>,
    max_age: Box<dyn Fn(&str) -> Duration + Send + Sync>,
}

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

/// Opens `path` without following a symlink and reads it, if the opened file is a regular
/// file of at most [`MAX_FILE`] bytes; its metadata (from the descriptor) and bytes.
fn read_regular(path: &Path) -> Option<(std::fs::Metadata, Vec<u8>)> {
    let file = std::fs::OpenOptions::new()
        .read(true)
        // O_NONBLOCK: a FIFO swapped in must not hang the open; a regular file ignores it.
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
        .ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() || meta.len() > MAX_FILE {
        return None;
    }
    let mut body = Vec::with_capacity(usize::try_from(meta.len()).ok()?);
    file.take(MAX_FILE + 1).read_to_end(&mut body).ok()?;
    (body.len() as u64 <= MAX_FILE).then_some((meta, body))
}

impl FileCache {
    /// A cache of `dir`; `max_age` gives each file name's Cache-Control max-age.
    pub fn new(
        dir: &Path,
        max_age: impl Fn(&str) -> Duration + Send + Sync + 'static,
    ) -> FileCache {
        FileCache {
            dir: dir.to_path_buf(),
            files: RwLock::new(Arc::new(HashMap::new())),
            max_age: Box::new(max_age),
        }
    }

    /// Re-reads the folder: loads new and changed files (compressing them once), drops
    /// removed ones. Unchanged files cost a `stat`.
    pub fn refresh(&self) {
        let old = self.snapshot();
        let mut next = HashMap::with_capacity(old.len());
        let Ok(dir) = std::fs::read_dir(&self.dir) else {
            *self.files.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(next);
            return;
        };
        for entry in dir.flatten() {
            let Ok(name) = entry.file_name().into_string() else {
                continue;
            };
            let Some(ctype) = content_type(&name) else {
                continue;
            };
            if name.starts_with('.') {
                continue;
            }
            // symlink_metadata: a link is not followed, so it cannot lead outside the folder.
            let Ok(meta) = std::fs::symlink_metadata(entry.path()) else {
                continue;
            };
            if !meta.is_file() || meta.len() > MAX_FILE {
                continue;
            }
            let stamp_of = |meta: &std::fs::Metadata| {
                let mtime = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
                (mtime, meta.len())
            };
            if let Some(e) = old.get(&name).filter(|e| e.stamp == stamp_of(&meta)) {
                next.insert(name, Arc::clone(e));
                continue;
            }
            // What is read is what was opened, checked through its descriptor.
            let Some((meta, body)) = read_regular(&entry.path()) else {
                continue;
            };
            let stamp = stamp_of(&meta);
            let mtime = stamp.0;
            let max_age = (self.max_age)(&name).as_secs();
            let modified_secs = mtime
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            let loaded = Entry {
                gzip: std::sync::OnceLock::new(),
                brotli: std::sync::OnceLock::new(),
                etag: http::etag_of(&body),
                body: Bytes::from(body),
                content_type: HeaderValue::from_static(ctype),
                last_modified: HeaderValue::from_str(&http::date(mtime))
                    .unwrap_or(HeaderValue::from_static("")),
                modified_secs,
                cache_control: HeaderValue::from_str(&format!("public, max-age={max_age}"))
                    .unwrap_or(HeaderValue::from_static("no-cache")),
                stamp,
            };
            next.insert(name, Arc::new(loaded));
        }
        *self.files.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(next);
    }

    fn snapshot(&self) -> Arc<HashMap<String, Arc<Entry>>> {
        Arc::clone(&self.files.read().unwrap_or_else(|e| e.into_inner()))
    }

    pub(super) fn get(&self, name: &str) -> Option<Arc<Entry>> {
        self.files
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(name)
            .cloned()
    }
}

#[cfg(test)]
#[path = "cache_tests.rs"]
mod tests;
