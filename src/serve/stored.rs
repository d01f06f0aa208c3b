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

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, body: &str, modified_ms: i64) -> StoredFile {
        StoredFile {
            name: name.into(),
            feed: name.split('.').next().unwrap_or_default().into(),
            body: body.as_bytes().to_vec(),
            etag: crate::output::file_tag(body.as_bytes()),
            modified_ms,
        }
    }

    fn body(cache: &FileCache, name: &str) -> Option<String> {
        cache
            .get(name)
            .map(|e| String::from_utf8_lossy(&e.content.body).into_owned())
    }

    #[test]
    fn feed_files_come_from_the_database_and_the_index_from_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in [
            ("index.html", "<title>index</title>"),
            ("feeds.opml", "<opml/>"),
            ("news.rss", "<rss>stale, local</rss>"),
        ] {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        let cache = FileCache::with_database(dir.path(), |_| Duration::from_secs(60));
        cache.refresh_now();
        assert_eq!(
            body(&cache, "index.html").as_deref(),
            Some("<title>index</title>")
        );
        assert!(cache.get("feeds.opml").is_some());
        // Not loaded yet: the local copy of a feed file is never served instead.
        assert_eq!(body(&cache, "news.rss"), None);

        cache.replace_stored(vec![
            file("news.rss", "<rss>1</rss>", 1_770_768_000_500),
            file("news.atom", "<feed/>", 1_770_768_000_000),
            file("notes.txt", "not a feed", 0),
        ]);
        assert_eq!(
            cache.stored_count(),
            2,
            "names the server does not serve are left out"
        );
        let rss = cache.get("news.rss").unwrap();
        assert_eq!(body(&cache, "news.rss").as_deref(), Some("<rss>1</rss>"));
        let tag = format!("\"{}\"", crate::output::file_tag(b"<rss>1</rss>"));
        assert_eq!(rss.content.etag, tag.as_str());
        assert_eq!(rss.modified_secs, 1_770_768_000);
        assert_eq!(rss.last_modified, "Wed, 11 Feb 2026 00:00:00 GMT");
        assert_eq!(rss.cache_control, "public, max-age=60");
        assert_eq!(
            body(&cache, "index.html").as_deref(),
            Some("<title>index</title>")
        );
    }

    #[test]
    fn updates_replace_what_was_asked_and_keep_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let cache = FileCache::with_database(dir.path(), |_| Duration::from_secs(60));
        cache.replace_stored(vec![
            file("a.rss", "a1", 1_000),
            file("b.rss", "b1", 1_000),
            file("c.rss", "c1", 1_000),
        ]);
        let b_before = cache.get("b.rss").unwrap();
        // a changed, c was deleted, b untouched.
        cache.update_stored(
            &["a.rss".into(), "c.rss".into()],
            vec![file("a.rss", "a2", 2_000)],
        );
        assert_eq!(body(&cache, "a.rss").as_deref(), Some("a2"));
        assert_eq!(cache.get("c.rss").map(|_| ()), None);
        assert!(Arc::ptr_eq(&cache.get("b.rss").unwrap(), &b_before));

        // The same bytes loaded again keep their content (and its compressed forms).
        let a = cache.get("a.rss").unwrap();
        cache.replace_stored(vec![file("a.rss", "a2", 2_000), file("b.rss", "b1", 1_000)]);
        assert!(Arc::ptr_eq(
            &cache.get("a.rss").unwrap().content,
            &a.content
        ));

        // Compared with the table's names and tags: what to read again, what went.
        let tags = vec![
            ("a.rss".to_string(), crate::output::file_tag(b"a2")),
            ("b.rss".to_string(), crate::output::file_tag(b"b2")),
            ("d.rss".to_string(), crate::output::file_tag(b"d1")),
        ];
        cache.update_stored(&["a.rss".into()], Vec::new());
        let (mut changed, gone) = cache.stored_differences(&tags);
        changed.sort();
        assert_eq!(changed, ["a.rss", "b.rss", "d.rss"]);
        assert!(gone.is_empty());
        let (changed, gone) = cache.stored_differences(&[]);
        assert!(changed.is_empty());
        assert_eq!(gone, ["b.rss"]);
    }

    #[test]
    fn a_cache_without_a_database_ignores_stored_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("news.rss"), "<rss>local</rss>").unwrap();
        let cache = FileCache::new(dir.path(), |_| Duration::from_secs(60));
        cache.refresh_now();
        cache.replace_stored(vec![file("news.rss", "<rss>db</rss>", 0)]);
        assert_eq!(
            body(&cache, "news.rss").as_deref(),
            Some("<rss>local</rss>")
        );
        assert_eq!(cache.stored_count(), 0);
        assert_eq!(cache.stored_differences(&[]), (Vec::new(), Vec::new()));
    }
}
