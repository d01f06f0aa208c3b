//! The state database: item history, first-seen times, HTTP validators and feed health.
//!
//! SQLite at `<state_dir>/feedmill.db`, in WAL mode with a busy timeout, so a `build` run while
//! another process works waits for the lock instead of failing. Every SQL statement lives in
//! this module; each feed's merge is one transaction, so a build killed at any moment leaves
//! either the old or the new state of a feed, never a mix.
//!
//! Times are stored as Unix milliseconds (UTC) and shown in the configured zone on the way out.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, FixedOffset, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use url::Url;

use crate::dates::{self, Precision};
use crate::extract::ListItem;
use crate::fetch::Validators;
use crate::item::Item;

/// The database file's name inside `state_dir`.
pub const DB_FILE: &str = "feedmill.db";

/// How long to wait for another process's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// Schema migrations, applied in order; `PRAGMA user_version` counts those done.
const MIGRATIONS: &[&str] = &[
    // 1: items, HTTP validators, feed health
    "CREATE TABLE items (
        feed TEXT NOT NULL,
        link TEXT NOT NULL,
        title TEXT NOT NULL,
        summary TEXT,
        content TEXT,
        author TEXT,
        image TEXT,
        published INTEGER NOT NULL,      -- the time shown: printed, else first seen
        published_printed INTEGER NOT NULL, -- 1 when the page printed the time
        updated INTEGER,
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        page_order INTEGER NOT NULL,
        PRIMARY KEY (feed, link)
    );
    CREATE INDEX items_by_time ON items (feed, published DESC, first_seen DESC, page_order);
    CREATE TABLE http_cache (
        feed TEXT NOT NULL,
        url TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        PRIMARY KEY (feed, url)
    );
    CREATE TABLE feed_health (
        feed TEXT PRIMARY KEY,
        last_attempt INTEGER,
        last_success INTEGER,
        last_error TEXT,
        consecutive_failures INTEGER NOT NULL DEFAULT 0,
        item_count INTEGER NOT NULL DEFAULT 0
    );",
    // 2: article pages
    "ALTER TABLE items ADD COLUMN article_attempts INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE items ADD COLUMN article_done INTEGER NOT NULL DEFAULT 0;
    -- fields the article page set (space-separated names): the list no longer overwrites them
    ALTER TABLE items ADD COLUMN article_fields TEXT NOT NULL DEFAULT '';
    -- where each field came from, for `check` (\"published=json-ld author=meta ...\")
    ALTER TABLE items ADD COLUMN sources TEXT NOT NULL DEFAULT '';",
    // 3: what each feed's files were last rendered from, so an unchanged feed is not rendered again
    "CREATE TABLE rendered (feed TEXT PRIMARY KEY, key TEXT NOT NULL);",
];

/// How many times a failing article page is tried before the item keeps its list values.
pub const MAX_ARTICLE_ATTEMPTS: i64 = 3;

/// What went wrong with the state database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("state database {}: {source}", path.display())]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("cannot create the state folder {}: {source}", path.display())]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("state database {} was written by a newer feedmill (schema {found}, this one knows {known}); upgrade feedmill", path.display())]
    TooNew {
        path: PathBuf,
        found: i64,
        known: usize,
    },
    #[error("state database: {0}")]
    Sql(#[from] rusqlite::Error),
}

/// What one merge changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeStats {
    pub new: usize,
    pub changed: usize,
}

/// A feed's health, for `feedmill status` and `/healthz`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedHealth {
    pub feed: String,
    pub last_attempt: Option<DateTime<Utc>>,
    pub last_success: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub consecutive_failures: u32,
    pub item_count: usize,
}

/// The open state database.
pub struct Store {
    conn: Connection,
}

fn ms(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

fn from_ms(v: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(v).unwrap_or_default()
}

impl Store {
    /// Opens (creating when needed) `<state_dir>/feedmill.db` and brings its schema up to date.
    pub fn open(state_dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(state_dir).map_err(|source| StoreError::Folder {
            path: state_dir.to_path_buf(),
            source,
        })?;
        let path = state_dir.join(DB_FILE);
        let open_err = |source| StoreError::Open {
            path: path.clone(),
            source,
        };
        let conn = Connection::open(&path).map_err(open_err)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(open_err)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(open_err)?;
        // A small page cache: the daemon keeps this connection open for months.
        conn.pragma_update(None, "cache_size", -1024)
            .map_err(open_err)?;
        let mut store = Store { conn };
        store.migrate(&path)?;
        Ok(store)
    }

    /// An in-memory database, for tests.
    pub fn in_memory() -> Result<Store, StoreError> {
        let mut store = Store {
            conn: Connection::open_in_memory()?,
        };
        store.migrate(Path::new(":memory:"))?;
        Ok(store)
    }

    fn migrate(&mut self, path: &Path) -> Result<(), StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version > MIGRATIONS.len() as i64 {
            return Err(StoreError::TooNew {
                path: path.to_path_buf(),
                found: version,
                known: MIGRATIONS.len(),
            });
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version.max(0) as usize) {
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The validators stored for `feed`'s page `url`, if its last successful fetch gave any.
    pub fn validators(&self, feed: &str, url: &Url) -> Result<Option<Validators>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT etag, last_modified FROM http_cache WHERE feed = ?1 AND url = ?2",
            )?
            .query_row(params![feed, url.as_str()], |r| {
                Ok(Validators {
                    etag: r.get(0)?,
                    last_modified: r.get(1)?,
                })
            })
            .optional()?)
    }

    /// Merges what the pages show into the feed's history, in one transaction together with
    /// the pages' new validators: new items are inserted, known ones updated when their text
    /// changed (first_seen kept), items no longer on the page kept. Then prunes the feed to
    /// its newest `keep` items.
    ///
    /// Only the first `keep` items of the pages are merged: the rest could never be shown, and
    /// merging them would only see them pruned and, next build, inserted again as new with a
    /// new first-seen time.
    pub fn merge(
        &mut self,
        feed: &str,
        items: &[ListItem],
        validators: &[(Url, Validators)],
        now: DateTime<Utc>,
        zone: Tz,
        keep: usize,
    ) -> Result<MergeStats, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut stats = MergeStats::default();
        {
            let mut find = tx.prepare_cached(
                "SELECT title, summary, author, image, published, published_printed, first_seen,
                    article_fields
                 FROM items WHERE feed = ?1 AND link = ?2",
            )?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO items (feed, link, title, summary, author, image, published,
                    published_printed, first_seen, last_seen, page_order)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10)",
            )?;
            let mut update = tx.prepare_cached(
                "UPDATE items SET title = ?3, summary = ?4, author = ?5, image = ?6, published = ?7,
                    published_printed = ?8, last_seen = ?9, page_order = ?10
                 WHERE feed = ?1 AND link = ?2",
            )?;
            for (order, li) in items.iter().take(keep).enumerate() {
                let link = li.link.as_str();
                let title = li.title.as_deref().unwrap_or("");
                let known = find
                    .query_row(params![feed, link], |r| {
                        Ok(Known {
                            title: r.get(0)?,
                            summary: r.get(1)?,
                            author: r.get(2)?,
                            image: r.get(3)?,
                            published: r.get(4)?,
                            printed: r.get::<_, i64>(5)? != 0,
                            first_seen: r.get(6)?,
                            article_fields: r.get(7)?,
                        })
                    })
                    .optional()?;
                let image = li.image.as_ref().map(Url::as_str);
                match known {
                    None => {
                        let (published, printed) = item_time(li, now, zone);
                        insert.execute(params![
                            feed,
                            link,
                            title,
                            li.summary,
                            li.author,
                            image,
                            ms(published),
                            printed,
                            ms(now),
                            order as i64
                        ])?;
                    }
                    Some(k) => {
                        let (mut published, mut printed) =
                            item_time(li, from_ms(k.first_seen), zone);
                        // A relative time ("3시간 전") drifts as the page ages; the first
                        // reading stands, so the item keeps one time.
                        if k.printed && li_is_relative(li, now, zone) {
                            published = from_ms(k.published);
                            printed = true;
                        }
                        // Fields the page stopped showing keep their last value, and so do
                        // fields the article page gave: it outranks the list.
                        let from_article = |f: &str| k.article_fields.split(' ').any(|a| a == f);
                        let summary = match from_article("summary") {
                            true => k.summary.clone(),
                            false => li.summary.clone().or(k.summary.clone()),
                        };
                        let author = match from_article("author") {
                            true => k.author.clone(),
                            false => li.author.clone().or(k.author.clone()),
                        };
                        let image = match from_article("image") {
                            true => k.image.clone(),
                            false => image.map(str::to_string).or(k.image.clone()),
                        };
                        let title = if title.is_empty() || from_article("title") {
                            k.title.as_str()
                        } else {
                            title
                        };
                        if from_article("published") {
                            published = from_ms(k.published);
                            printed = true;
                        }
                        if title != k.title
                            || summary != k.summary
                            || author != k.author
                            || image != k.image
                            || ms(published) != k.published
                        {
                            stats.changed += 1;
                        }
                        update.execute(params![
                            feed,
                            link,
                            title,
                            summary,
                            author,
                            image,
                            ms(published),
                            printed,
                            ms(now),
                            order as i64
                        ])?;
                    }
                }
            }
            let mut save = tx.prepare_cached(
                "INSERT INTO http_cache (feed, url, etag, last_modified) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (feed, url) DO UPDATE SET etag = ?3, last_modified = ?4",
            )?;
            for (url, v) in validators {
                save.execute(params![feed, url.as_str(), v.etag, v.last_modified])?;
            }
        }
        tx.prepare_cached(
            "DELETE FROM items WHERE feed = ?1 AND link NOT IN (
                SELECT link FROM items WHERE feed = ?1
                ORDER BY published DESC, first_seen DESC, page_order LIMIT ?2)",
        )?
        .execute(params![feed, keep as i64])?;
        stats.new =
            tx.prepare_cached("SELECT COUNT(*) FROM items WHERE feed = ?1 AND first_seen = ?2")?
                .query_row(params![feed, ms(now)], |r| r.get::<_, i64>(0))? as usize;
        tx.commit()?;
        Ok(stats)
    }

    /// The feed's newest `limit` items, newest first, times in `zone`'s offset.
    pub fn feed_items(&self, feed: &str, limit: usize, zone: Tz) -> Result<Vec<Item>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT link, title, summary, author, image, published, updated, content FROM items
             WHERE feed = ?1 ORDER BY published DESC, first_seen DESC, page_order LIMIT ?2",
        )?;
        let show =
            |v: i64| -> DateTime<FixedOffset> { from_ms(v).with_timezone(&zone).fixed_offset() };
        let rows = stmt.query_map(params![feed, limit as i64], |r| {
            let link: String = r.get(0)?;
            let image: Option<String> = r.get(4)?;
            Ok((
                link,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                image,
                r.get::<_, i64>(5)?,
                r.get::<_, Option<i64>>(6)?,
                r.get::<_, Option<String>>(7)?,
            ))
        })?;
        let mut items = Vec::new();
        for row in rows {
            let (link, title, summary, author, image, published, updated, content) = row?;
            // A row whose link no longer parses cannot be linked to; leave it out.
            let Ok(link) = Url::parse(&link) else {
                continue;
            };
            items.push(Item {
                link,
                title,
                summary,
                author,
                image: image.and_then(|i| Url::parse(&i).ok()),
                published: show(published),
                updated: updated.map(show),
                content,
            });
        }
        Ok(items)
    }

    /// How many items the feed shows (at most `limit`) and the newest one's time.
    pub fn feed_summary(
        &self,
        feed: &str,
        limit: usize,
    ) -> Result<(usize, Option<DateTime<Utc>>), StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT COUNT(*), MAX(published) FROM
                (SELECT published FROM items WHERE feed = ?1 ORDER BY published DESC LIMIT ?2)",
            )?
            .query_row(params![feed, limit as i64], |r| {
                Ok((
                    r.get::<_, i64>(0)? as usize,
                    r.get::<_, Option<i64>>(1)?.map(from_ms),
                ))
            })?)
    }

    /// The key the feed's files were last rendered with (see `build::render_key`).
    pub fn render_key(&self, feed: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT key FROM rendered WHERE feed = ?1")?
            .query_row([feed], |r| r.get(0))
            .optional()?)
    }

    /// Records a successful build of `feed`, and the key its files were rendered with when
    /// they were rendered, in one transaction.
    pub fn record_success(
        &self,
        feed: &str,
        now: DateTime<Utc>,
        item_count: usize,
        render_key: Option<&str>,
    ) -> Result<(), StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        tx.prepare_cached(
            "INSERT INTO feed_health (feed, last_attempt, last_success, last_error, consecutive_failures, item_count)
             VALUES (?1, ?2, ?2, NULL, 0, ?3)
             ON CONFLICT (feed) DO UPDATE SET last_attempt = ?2, last_success = ?2, last_error = NULL,
                consecutive_failures = 0, item_count = ?3",
        )?
        .execute(params![feed, ms(now), item_count as i64])?;
        if let Some(key) = render_key {
            tx.prepare_cached(
                "INSERT INTO rendered (feed, key) VALUES (?1, ?2)
                 ON CONFLICT (feed) DO UPDATE SET key = ?2",
            )?
            .execute(params![feed, key])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Records a failed build of `feed`.
    pub fn record_failure(
        &self,
        feed: &str,
        now: DateTime<Utc>,
        error: &str,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO feed_health (feed, last_attempt, last_error, consecutive_failures)
             VALUES (?1, ?2, ?3, 1)
             ON CONFLICT (feed) DO UPDATE SET last_attempt = ?2, last_error = ?3,
                consecutive_failures = consecutive_failures + 1",
            params![feed, ms(now), error],
        )?;
        Ok(())
    }

    /// Every feed's health, by feed id.
    pub fn health(&self) -> Result<Vec<FeedHealth>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT feed, last_attempt, last_success, last_error, consecutive_failures, item_count
             FROM feed_health ORDER BY feed",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(FeedHealth {
                feed: r.get(0)?,
                last_attempt: r.get::<_, Option<i64>>(1)?.map(from_ms),
                last_success: r.get::<_, Option<i64>>(2)?.map(from_ms),
                last_error: r.get(3)?,
                consecutive_failures: r.get::<_, i64>(4)?.try_into().unwrap_or(u32::MAX),
                item_count: r.get::<_, i64>(5)?.try_into().unwrap_or(0),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Deletes everything kept for `feed`: items, validators, health. Returns how many items
    /// were deleted.
    pub fn forget(&mut self, feed: &str) -> Result<usize, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let n = tx.execute("DELETE FROM items WHERE feed = ?1", [feed])?;
        tx.execute("DELETE FROM feed_health WHERE feed = ?1", [feed])?;
        tx.execute("DELETE FROM http_cache WHERE feed = ?1", [feed])?;
        tx.execute("DELETE FROM rendered WHERE feed = ?1", [feed])?;
        tx.commit()?;
        Ok(n)
    }

    /// Runs SQLite's own consistency check; "ok" when the database is whole.
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }
}

/// An item whose article page is still to be read, with its list values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingArticle {
    pub link: Url,
    pub title: String,
    pub summary: Option<String>,
    pub author: Option<String>,
    pub image: Option<String>,
    pub published: DateTime<Utc>,
    pub printed: bool,
    pub first_seen: DateTime<Utc>,
}

/// What an article page settled for an item; `None` fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleUpdate {
    pub published: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub author: Option<String>,
    pub image: Option<String>,
    pub content: Option<String>,
    /// "field=source" pairs, space-separated, for `check`.
    pub sources: String,
}

impl Store {
    /// The feed's items whose article pages are still to be read (never read, fewer than
    /// [`MAX_ARTICLE_ATTEMPTS`] failures), newest first, at most `limit`.
    pub fn pending_articles(
        &self,
        feed: &str,
        limit: usize,
    ) -> Result<Vec<PendingArticle>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT link, title, summary, author, image, published, published_printed, first_seen
             FROM items WHERE feed = ?1 AND article_done = 0 AND article_attempts < ?2
             ORDER BY published DESC, first_seen DESC, page_order LIMIT ?3",
        )?;
        let rows = stmt.query_map(params![feed, MAX_ARTICLE_ATTEMPTS, limit as i64], |r| {
            Ok((
                r.get::<_, String>(0)?,
                PendingArticle {
                    link: Url::parse("http://placeholder.invalid/").expect("static URL"),
                    title: r.get(1)?,
                    summary: r.get(2)?,
                    author: r.get(3)?,
                    image: r.get(4)?,
                    published: from_ms(r.get(5)?),
                    printed: r.get::<_, i64>(6)? != 0,
                    first_seen: from_ms(r.get(7)?),
                },
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (link, mut pending) = row?;
            if let Ok(url) = Url::parse(&link) {
                pending.link = url;
                out.push(pending);
            }
        }
        Ok(out)
    }

    /// Records what `link`'s article page gave; the item is not fetched again.
    pub fn apply_article(
        &self,
        feed: &str,
        link: &Url,
        update: &ArticleUpdate,
    ) -> Result<(), StoreError> {
        let mut fields = Vec::new();
        for (name, set) in [
            ("published", update.published.is_some()),
            ("updated", update.updated.is_some()),
            ("title", update.title.is_some()),
            ("summary", update.summary.is_some()),
            ("author", update.author.is_some()),
            ("image", update.image.is_some()),
            ("content", update.content.is_some()),
        ] {
            if set {
                fields.push(name);
            }
        }
        self.conn.execute(
            "UPDATE items SET
                published = COALESCE(?3, published),
                published_printed = CASE WHEN ?3 IS NULL THEN published_printed ELSE 1 END,
                updated = COALESCE(?4, updated),
                title = COALESCE(?5, title),
                summary = COALESCE(?6, summary),
                author = COALESCE(?7, author),
                image = COALESCE(?8, image),
                content = COALESCE(?9, content),
                sources = ?10,
                article_fields = ?11,
                article_done = 1
             WHERE feed = ?1 AND link = ?2",
            params![
                feed,
                link.as_str(),
                update.published.map(ms),
                update.updated.map(ms),
                update.title,
                update.summary,
                update.author,
                update.image,
                update.content,
                update.sources,
                fields.join(" "),
            ],
        )?;
        Ok(())
    }

    /// Counts a failed attempt at `link`'s article page.
    pub fn article_failed(&self, feed: &str, link: &Url) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE items SET article_attempts = article_attempts + 1 WHERE feed = ?1 AND link = ?2",
            params![feed, link.as_str()],
        )?;
        Ok(())
    }

    /// Where each field of `link` came from ("published=json-ld author=meta ..."), if recorded.
    pub fn sources(&self, feed: &str, link: &Url) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT sources FROM items WHERE feed = ?1 AND link = ?2",
                params![feed, link.as_str()],
                |r| r.get(0),
            )
            .optional()?)
    }
}

/// What the store knew of an item before this build.
struct Known {
    title: String,
    summary: Option<String>,
    author: Option<String>,
    image: Option<String>,
    published: i64,
    printed: bool,
    first_seen: i64,
    article_fields: String,
}

/// Whether the item's printed time is relative to the fetch ("3시간 전", "어제"): such a time
/// moves when read later, which is how it is recognised.
fn li_is_relative(li: &ListItem, now: DateTime<Utc>, zone: Tz) -> bool {
    let (Some(text), Some(stamp)) = (&li.date_text, &li.date) else {
        return false;
    };
    let later = now + chrono::Duration::days(2);
    dates::parse(text, later, zone).is_some_and(|s| s.instant != stamp.instant)
}

/// The time an item is shown with, and whether the page printed it: a printed time as read;
/// a day-precision date for the day of `first_seen` (in the zone) takes `first_seen` (the
/// article came out that day, most likely not at midnight); an earlier day its midnight; no
/// time at all, `first_seen`, which is stored and never changes.
pub fn item_time(li: &ListItem, first_seen: DateTime<Utc>, zone: Tz) -> (DateTime<Utc>, bool) {
    match &li.date {
        Some(stamp) => (stamp_time(stamp, first_seen, zone), true),
        None => (first_seen, false),
    }
}

/// The instant a printed stamp stands for: as read, except a date without a time, which is the
/// first-seen time on the day the item was first seen, else that day's midnight in the zone
/// (never after first seen). Used for list pages and article pages alike.
pub fn stamp_time(
    stamp: &crate::dates::Stamp,
    first_seen: DateTime<Utc>,
    zone: Tz,
) -> DateTime<Utc> {
    let at = stamp.instant.with_timezone(&Utc);
    if stamp.precision != Precision::Day {
        return at;
    }
    let day = stamp.instant.with_timezone(&zone).date_naive();
    if day == first_seen.with_timezone(&zone).date_naive() {
        return first_seen;
    }
    zone.from_local_datetime(&day.and_time(NaiveTime::MIN))
        .earliest()
        .map_or(at, |t| t.with_timezone(&Utc))
        .min(first_seen)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::Stamp;

    const SEOUL: Tz = chrono_tz::Asia::Seoul;

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn stamp(s: &str, precision: Precision) -> Stamp {
        Stamp {
            instant: DateTime::parse_from_rfc3339(s).unwrap(),
            precision,
            label: None,
        }
    }

    fn li(link: &str, title: &str, date: Option<(&str, Stamp)>) -> ListItem {
        ListItem {
            link: Url::parse(link).unwrap(),
            title: Some(title.to_string()),
            summary: None,
            author: None,
            image: None,
            date_text: date.map(|(text, _)| text.to_string()),
            date: date.map(|(_, s)| s),
            date_problem: None,
        }
    }

    #[test]
    fn item_time_table() {
        let seen = t("2026-02-11T09:00:00+09:00");
        let cases = [
            (None, "2026-02-11T09:00:00+09:00", false),
            (
                Some(stamp("2026-02-10T19:32:00+09:00", Precision::Minute)),
                "2026-02-10T19:32:00+09:00",
                true,
            ),
            // today's date alone: the first-seen time
            (
                Some(stamp("2026-02-11T00:00:00+09:00", Precision::Day)),
                "2026-02-11T09:00:00+09:00",
                true,
            ),
            // an earlier day: its midnight in the zone
            (
                Some(stamp("2026-02-09T00:00:00+09:00", Precision::Day)),
                "2026-02-09T00:00:00+09:00",
                true,
            ),
        ];
        for (date, want, printed) in cases {
            let mut item = li("https://x.kr/1", "a", None);
            item.date = date;
            let (at, p) = item_time(&item, seen, SEOUL);
            assert_eq!((at, p), (t(want), printed), "{date:?}");
        }
    }

    #[test]
    fn merge_keeps_history_and_first_seen() {
        let mut store = Store::in_memory().unwrap();
        let t1 = t("2026-02-11T09:00:00+09:00");
        let t2 = t("2026-02-11T10:00:00+09:00");
        let dated = stamp("2026-02-10T19:32:00+09:00", Precision::Minute);
        let page1 = vec![
            li("https://x.kr/a", "가", Some(("2026.02.10 19:32", dated))),
            li("https://x.kr/b", "나", None),
        ];
        let s = store.merge("f", &page1, &[], t1, SEOUL, 10).unwrap();
        assert_eq!(s, MergeStats { new: 2, changed: 0 });

        // b's title changes, a drops off the page, c arrives without a time
        let page2 = vec![
            li("https://x.kr/c", "다", None),
            li("https://x.kr/b", "나2", None),
        ];
        let s = store.merge("f", &page2, &[], t2, SEOUL, 10).unwrap();
        assert_eq!(s, MergeStats { new: 1, changed: 1 });

        let items = store.feed_items("f", 10, SEOUL).unwrap();
        let got: Vec<(&str, &str, String)> = items
            .iter()
            .map(|i| (i.link.as_str(), i.title.as_str(), i.published.to_rfc3339()))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "https://x.kr/c",
                    "다",
                    "2026-02-11T10:00:00+09:00".to_string()
                ),
                (
                    "https://x.kr/b",
                    "나2",
                    "2026-02-11T09:00:00+09:00".to_string()
                ),
                (
                    "https://x.kr/a",
                    "가",
                    "2026-02-10T19:32:00+09:00".to_string()
                ),
            ]
        );
        assert_eq!(store.feed_items("f", 2, SEOUL).unwrap().len(), 2);
    }

    #[test]
    fn prunes_to_keep_newest() {
        let mut store = Store::in_memory().unwrap();
        let page: Vec<ListItem> = (0..10)
            .map(|i| {
                let s = stamp(
                    &format!("2026-02-{:02}T12:00:00+09:00", i + 1),
                    Precision::Minute,
                );
                li(&format!("https://x.kr/{i}"), "t", Some(("x", s)))
            })
            .collect();
        store
            .merge("f", &page, &[], t("2026-02-20T00:00:00Z"), SEOUL, 4)
            .unwrap();
        let items = store.feed_items("f", 100, SEOUL).unwrap();
        assert_eq!(items.len(), 4);
    }

    #[test]
    fn validators_health_and_forget() {
        let mut store = Store::in_memory().unwrap();
        let url = Url::parse("https://x.kr/list").unwrap();
        assert_eq!(store.validators("f", &url).unwrap(), None);
        let v = Validators {
            etag: Some("\"abc\"".into()),
            last_modified: Some("Tue, 10 Feb 2026 10:32:00 GMT".into()),
        };
        let now = t("2026-02-11T00:00:00Z");
        store
            .merge(
                "f",
                &[li("https://x.kr/a", "가", None)],
                &[(url.clone(), v.clone())],
                now,
                SEOUL,
                10,
            )
            .unwrap();
        assert_eq!(store.validators("f", &url).unwrap(), Some(v));
        assert_eq!(
            store.validators("g", &url).unwrap(),
            None,
            "validators are per feed"
        );

        store.record_success("f", now, 1, Some("k1")).unwrap();
        assert_eq!(store.render_key("f").unwrap().as_deref(), Some("k1"));
        store.record_failure("f", now, "boom").unwrap();
        store.record_failure("f", now, "boom again").unwrap();
        let h = &store.health().unwrap()[0];
        assert_eq!(h.consecutive_failures, 2);
        assert_eq!(h.last_error.as_deref(), Some("boom again"));
        assert_eq!(h.last_success, Some(now));

        assert_eq!(store.forget("f").unwrap(), 1);
        assert!(store.health().unwrap().is_empty());
        assert_eq!(store.validators("f", &url).unwrap(), None);
        assert_eq!(store.integrity_check().unwrap(), "ok");
    }

    #[test]
    fn reopening_applies_no_migration_twice() {
        let dir = tempfile::tempdir().unwrap();
        drop(Store::open(dir.path()).unwrap());
        let store = Store::open(dir.path()).unwrap();
        let v: i64 = store
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, MIGRATIONS.len() as i64);
    }
}
