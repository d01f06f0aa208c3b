//! The feed files from the database, in memory: what a cache made with
//! [`FileCache::with_database`] serves in place of the output folder's feed files.
//!
//! Each file keeps the ETag and modification time the database records, so every instance
//! answers the same validators for the same bytes; only the encodings are worked out here
//! (gzip and brotli give the same bytes everywhere for the same input).

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hyper::header::HeaderValue;
use tokio::sync::watch;

use super::{content_type, http, secs, Content, Entry, FileCache, Stamp};
use crate::store::pg::StoredFile;

/// The database's files by name, and whether they were loaded once.
#[derive(Default)]
pub(super) struct StoredFiles {
    files: RwLock<Arc<HashMap<String, Arc<Entry>>>>,
    loaded: LoadedFlag,
}

/// Set once the first load is in.
struct LoadedFlag(watch::Sender<bool>);

impl Default for LoadedFlag {
    fn default() -> LoadedFlag {
        LoadedFlag(watch::channel(false).0)
    }
}

impl StoredFiles {
    pub(super) fn get(&self, name: &str) -> Option<Arc<Entry>> {
        self.snapshot().get(name).cloned()
    }

    fn snapshot(&self) -> Arc<HashMap<String, Arc<Entry>>> {
        Arc::clone(&self.files.read().unwrap_or_else(|e| e.into_inner()))
    }
}

impl FileCache {
    /// Replaces every feed file with `files`, the database's whole table (at start, and
    /// after a reconnection, when notices may have been missed). Files whose ETag did not
    /// change keep their compressed forms.
    pub fn replace_stored(&self, files: Vec<StoredFile>) {
        self.change_stored(|_| true, files);
        if let Some(stored) = &self.shared.stored {
            stored.loaded.0.send_replace(true);
        }
    }

    /// Applies what the database holds now for `asked`, names its notices gave: `found` are
    /// those still stored; an asked name not found was deleted and is no longer served.
    pub fn update_stored(&self, asked: &[String], found: Vec<StoredFile>) {
        let asked: std::collections::HashSet<&str> = asked.iter().map(String::as_str).collect();
        self.change_stored(|name| asked.contains(name), found);
    }

    /// Compares the feed files held with `tags`, the (name, ETag) of each file the database
    /// holds: the names to read again (new or changed there), and those gone from there.
    pub fn stored_differences(&self, tags: &[(String, String)]) -> (Vec<String>, Vec<String>) {
        let Some(stored) = &self.shared.stored else {
            return (Vec::new(), Vec::new());
        };
        let held = stored.snapshot();
        let changed = tags
            .iter()
            .filter(|(name, tag)| {
                held.get(name)
                    .is_none_or(|e| e.content.etag.as_bytes() != format!("\"{tag}\"").as_bytes())
            })
            .map(|(name, _)| name.clone())
            .collect();
        let there: std::collections::HashSet<&str> = tags.iter().map(|(n, _)| n.as_str()).collect();
        let gone = held
            .keys()
            .filter(|name| !there.contains(name.as_str()))
            .cloned()
            .collect();
        (changed, gone)
    }

    /// How many feed files the database gave (0 without a database).
    pub fn stored_count(&self) -> usize {
        self.shared
            .stored
            .as_ref()
            .map_or(0, |s| s.snapshot().len())
    }

    /// Waits until the database's files were loaded once, at most `limit`; whether they were.
    /// Without a database there is nothing to wait for.
    pub async fn wait_stored(&self, limit: Duration) -> bool {
        let Some(stored) = &self.shared.stored else {
            return true;
        };
        let mut loaded = stored.loaded.0.subscribe();
        tokio::time::timeout(limit, loaded.wait_for(|l| *l))
            .await
            .is_ok_and(|r| r.is_ok())
    }

    /// Replaces the entries `replaced` says of with those of `files`.
    fn change_stored(&self, replaced: impl Fn(&str) -> bool, files: Vec<StoredFile>) {
        let Some(stored) = &self.shared.stored else {
            return;
        };
        let now = SystemTime::now();
        let mut queue = Vec::new();
        let mut map = stored.files.write().unwrap_or_else(|e| e.into_inner());
        let old = Arc::clone(&map);
        let mut next: HashMap<String, Arc<Entry>> = old
            .iter()
            .filter(|(name, _)| !replaced(name))
            .map(|(name, e)| (name.clone(), Arc::clone(e)))
            .collect();
        for file in files {
            let prev = old.get(&file.name);
            let Some(entry) = self.stored_entry(
                file.body,
                &file.name,
                &file.etag,
                file.modified_ms,
                prev,
                now,
            ) else {
                continue;
            };
            if prev.is_none_or(|p| !Arc::ptr_eq(&p.content, &entry.content)) {
                queue.push(Arc::downgrade(&entry.content));
            }
            next.insert(file.name, Arc::new(entry));
        }
        *map = Arc::new(next);
        drop(map);
        self.shared.compress_later(queue);
    }

    /// The entry for a stored file; `None` for a name the server does not serve.
    fn stored_entry(
        &self,
        body: Vec<u8>,
        name: &str,
        tag: &str,
        modified_ms: i64,
        prev: Option<&Arc<Entry>>,
        now: SystemTime,
    ) -> Option<Entry> {
        let content_type = content_type(name)?;
        let etag = HeaderValue::from_str(&format!("\"{tag}\"")).ok()?;
        let same = prev.filter(|p| p.content.etag == etag && p.content.body[..] == body[..]);
        let content = match same {
            Some(p) => Arc::clone(&p.content),
            None => Arc::new(Content::tagged(body, tag)),
        };
        let modified_secs = u64::try_from(modified_ms.div_euclid(1000)).unwrap_or(0);
        Some(Entry {
            content,
            content_type: HeaderValue::from_static(content_type),
            modified_secs,
            last_modified: http::date_value(UNIX_EPOCH + Duration::from_secs(modified_secs)),
            ahead: modified_secs > secs(now),
            cache_control: self.cache_control(name),
            stamp: Stamp::default(),
            racy: false,
        })
    }

    fn cache_control(&self, name: &str) -> HeaderValue {
        let max_age = (self.shared.max_age)(name).as_secs();
        HeaderValue::from_str(&format!("public, max-age={max_age}"))
            .unwrap_or(HeaderValue::from_static("no-cache"))
    }

    /// After a reload: every stored file's Cache-Control again (intervals may have changed).
    pub(super) fn recontrol_stored(&self) {
        let Some(stored) = &self.shared.stored else {
            return;
        };
        let mut map = stored.files.write().unwrap_or_else(|e| e.into_inner());
        let redone = map
            .iter()
            .map(|(name, e)| {
                let mut entry = Entry::clone(e);
                entry.cache_control = self.cache_control(name);
                (name.clone(), Arc::new(entry))
            })
            .collect();
        *map = Arc::new(redone);
    }
}
