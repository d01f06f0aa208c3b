//! The state database: item history, first-seen times, HTTP validators and feed health.
//!
//! Two backends behind one [`StoreHandle`]: SQLite (this module's [`Store`], the default) and
//! PostgreSQL ([`pg`], for a fleet of instances). SQLite at `<state_dir>/feedmill.db`, in WAL mode with a busy timeout, so a `build` run while
//! another process works waits for the lock instead of failing. Every SQL statement lives in
//! this module (a file per table group); each feed's merge is one transaction, so a build killed at any moment leaves
//! either the old or the new state of a feed, never a mix.
//!
//! Times are stored as Unix milliseconds (UTC) and shown in the configured zone on the way out.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, TransactionBehavior};

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
    // 4: what the items were read with, and what the written files hold (length and hash of
    // each), so a settings change reads the pages again and a damaged file is written again
    "ALTER TABLE rendered ADD COLUMN extraction TEXT NOT NULL DEFAULT '';
    ALTER TABLE rendered ADD COLUMN files TEXT NOT NULL DEFAULT '';",
    // 5: when a failing feed may be tried again (backoff, Retry-After), kept across restarts
    "ALTER TABLE feed_health ADD COLUMN next_attempt INTEGER;",
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
    #[error("state database {} has schema {found}, this feedmill reads {known}; run `feedmill build` once (as a user who may write it) to bring it up to date", path.display())]
    Version {
        path: PathBuf,
        found: i64,
        known: usize,
    },
    #[error("state database: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("state database: the program is shutting down")]
    ShuttingDown,
    #[error("PostgreSQL: {0}")]
    Postgres(String),
    #[error("cannot reach the database at {url}: {reason}; check that PostgreSQL runs there and that the URL (settings.database or $FEEDMILL_DATABASE_URL) names a user and database it accepts")]
    Unreachable { url: String, reason: String },
    #[error("the database at {url} has feedmill schema {found}, this feedmill reads {known}; start `feedmill run` (or `build`) once with this version to bring it up to date")]
    PgVersion {
        url: String,
        found: i64,
        known: usize,
    },
    #[error("the database at {url} was written by a newer feedmill (schema {found}, this one knows {known}); upgrade feedmill on this machine")]
    PgTooNew {
        url: String,
        found: i64,
        known: usize,
    },
    /// The feed's claim ran out and another instance took the feed: this result is older
    /// than what that instance records, so it is dropped.
    #[error("feed {feed}: this instance's claim on it expired and another instance took it over; its result was not applied")]
    LeaseLost { feed: String },
}

impl StoreError {
    /// Whether the database could not be reached (as opposed to refusing a statement).
    pub fn is_unreachable(&self) -> bool {
        matches!(self, StoreError::Unreachable { .. })
            || matches!(self, StoreError::Postgres(m) if m.contains("connection") || m.contains("closed"))
    }
}

/// What one merge changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeStats {
    pub new: usize,
    pub changed: usize,
}

/// How many items a feed shows and its newest item's time (`feed_summary`).
pub type FeedSummary = (usize, Option<DateTime<Utc>>);

/// What a feed's files were last rendered from and hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The render key (see `build::render_key`).
    pub key: String,
    /// The extraction settings the stored items were read with (`Feed::extraction`).
    pub extraction: String,
    /// Each written file's name, length and hash (see `output::digest_line`).
    pub files: String,
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
    /// While the feed is failing: the earliest time to try it again (backoff, Retry-After).
    pub next_attempt: Option<DateTime<Utc>>,
    /// With PostgreSQL: the instance that last built the feed.
    pub built_by: Option<String>,
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

/// Runs `op` again while SQLite says the database is busy or locked, for up to
/// [`BUSY_TIMEOUT`], as the busy handler would for the statements it covers.
fn retry_while_busy<T>(mut op: impl FnMut() -> rusqlite::Result<T>) -> rusqlite::Result<T> {
    let started = std::time::Instant::now();
    loop {
        match op() {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if matches!(
                    e.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                ) && started.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(Duration::from_millis(20));
            }
            other => return other,
        }
    }
}

impl Store {
    /// Opens (creating when needed) `<state_dir>/feedmill.db` and brings its schema up to date.
    pub fn open(state_dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(state_dir).map_err(|source| StoreError::Folder {
            path: state_dir.to_path_buf(),
            source,
        })?;
        Store::open_file(&state_dir.join(DB_FILE))
    }

    /// Opens (creating when needed) the database file `path` and brings its schema up to date.
    pub fn open_file(path: &Path) -> Result<Store, StoreError> {
        let path = path.to_path_buf();
        let open_err = |source| StoreError::Open {
            path: path.clone(),
            source,
        };
        let conn = Connection::open(&path).map_err(open_err)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
        // Switching to WAL needs the database to itself, and SQLite answers "busy" at once
        // here rather than calling the busy handler: when two processes start on a new state
        // folder together, the second waits its turn like any other write.
        retry_while_busy(|| conn.pragma_update(None, "journal_mode", "WAL")).map_err(open_err)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(open_err)?;
        // A small page cache: the daemon keeps this connection open for months.
        conn.pragma_update(None, "cache_size", -1024)
            .map_err(open_err)?;
        let mut store = Store { conn };
        store.migrate(&path)?;
        Ok(store)
    }

    /// Opens `<state_dir>/feedmill.db` for reading only, as `serve` and `status` need it: they
    /// work for a user who may read the state folder but not write it. Nothing is created or
    /// migrated: `None` when no database exists yet (no feed was ever built); a database from
    /// an older feedmill is refused with what to do.
    pub fn open_read_only(state_dir: &Path) -> Result<Option<Store>, StoreError> {
        Store::open_file_read_only(&state_dir.join(DB_FILE))
    }

    /// [`Store::open_read_only`] of the database file `path`.
    pub fn open_file_read_only(path: &Path) -> Result<Option<Store>, StoreError> {
        let path = path.to_path_buf();
        let open_err = |source| StoreError::Open {
            path: path.clone(),
            source,
        };
        let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
            | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX
            | rusqlite::OpenFlags::SQLITE_OPEN_URI;
        if !path.is_file() {
            return Ok(None);
        }
        // A WAL database needs its -shm file; a reader who may not create it (the writer
        // closed, the folder is not theirs) reads the file as an immutable snapshot instead.
        let conn = Connection::open_with_flags(&path, flags)
            .and_then(|c| {
                c.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))?;
                Ok(c)
            })
            .or_else(|_| {
                let mut uri = url::Url::from_file_path(&path)
                    .map_err(|()| rusqlite::Error::InvalidPath(path.clone()))?;
                uri.set_query(Some("immutable=1"));
                Connection::open_with_flags(uri.as_str(), flags)
            })
            .map_err(open_err)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(open_err)?;
        if version != MIGRATIONS.len() as i64 {
            return Err(StoreError::Version {
                path,
                found: version,
                known: MIGRATIONS.len(),
            });
        }
        Ok(Some(Store { conn }))
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
}

mod articles;
mod handle;
mod health;
mod items;
mod merge;
pub mod pg;
#[cfg(test)]
mod tests;
mod thread;

pub use articles::{ArticleUpdate, PendingArticle};
pub use handle::{Lease, StoreHandle};
pub use thread::SqliteThread;
