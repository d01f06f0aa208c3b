//! The rendered feed files, kept in the database so every instance serves the same bytes,
//! ETag and Last-Modified, whichever instance built them.
//!
//! A build stores its files with [`PgStore::put_files`]; a file whose bytes changed gets a
//! new modification time and a notice on the [`FILES_CHANNEL`] channel, sent when the
//! transaction commits. Servers keep the table in memory: they load it whole
//! ([`PgStore::all_files`]), then follow the notices on a connection of their own
//! ([`FileEvents`]) and read again only the files named ([`PgStore::files_named`]).

use std::time::Duration;

use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use tokio::sync::mpsc;
use tokio_postgres::{AsyncMessage, NoTls};

use super::{pg_message, PgStore};
use crate::config::Database;
use crate::store::{Lease, StoreError};

/// The notification channel a changed file's name is sent on.
pub const FILES_CHANNEL: &str = "feedmill_files";
/// How long the listening connection may take to open.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Notices waiting to be read before the connection stops reading more (the server keeps
/// them meanwhile).
const BACKLOG: usize = 4096;

/// One rendered file as the database keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    /// Its name in the output folder (`news.rss`).
    pub name: String,
    /// The feed it belongs to.
    pub feed: String,
    pub body: Vec<u8>,
    /// The opaque part of its strong ETag ([`crate::output::file_tag`]).
    pub etag: String,
    /// When its bytes last changed, in Unix milliseconds (the database's record, so every
    /// instance says the same Last-Modified).
    pub modified_ms: i64,
}

const STORE: &str = "
    WITH incoming AS (
        SELECT * FROM unnest($1::text[], $2::bytea[], $3::text[]) AS t(name, body, etag)
    ), changed AS (
        INSERT INTO files (name, feed, body, etag, modified, built_by)
        SELECT name, $4, body, etag, $5, $6 FROM incoming
        ON CONFLICT (name) DO UPDATE SET
            feed = EXCLUDED.feed,
            body = EXCLUDED.body,
            etag = EXCLUDED.etag,
            -- New bytes get a later second than the old ones had, whatever the clocks say,
            -- so If-Modified-Since never takes them for the old.
            modified = GREATEST(EXCLUDED.modified, (files.modified / 1000 + 1) * 1000),
            built_by = EXCLUDED.built_by
        WHERE files.etag <> EXCLUDED.etag OR files.body <> EXCLUDED.body
        RETURNING name
    )
    SELECT pg_notify('feedmill_files', name) FROM changed";

/// Deletes feed `$1`'s stored files and announces each, so servers stop serving them at
/// once (for `forget`; run it with `execute` inside its transaction).
pub(crate) const DELETE_FEED_FILES: &str = "
    WITH gone AS (DELETE FROM files WHERE feed = $1 RETURNING name)
    SELECT pg_notify('feedmill_files', name) FROM gone";

impl PgStore {
    /// Stores `feed`'s rendered `files` (name, bytes). A file whose bytes are what the table
    /// holds is left alone (its modification time kept); a new or changed one gets `now`
    /// (later than its previous time) and this instance's name, and its name is sent on
    /// [`FILES_CHANNEL`] when the transaction commits. Fenced by `lease`.
    pub async fn put_files(
        &self,
        lease: Option<&Lease>,
        feed: &str,
        files: Vec<(String, Vec<u8>)>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        if files.is_empty() {
            return Ok(());
        }
        let mut names = Vec::with_capacity(files.len());
        let mut bodies = Vec::with_capacity(files.len());
        let mut tags = Vec::with_capacity(files.len());
        for (name, body) in files {
            // One row per name: a second one in the same statement is an error.
            if names.contains(&name) {
                continue;
            }
            tags.push(crate::output::file_tag(&body));
            names.push(name);
            bodies.push(body);
        }
        let modified = now.timestamp_millis();
        let mut conn = self.conn().await?;
        let tx = conn.transaction().await?;
        super::fence(&tx, lease).await?;
        tx.query(
            STORE,
            &[&names, &bodies, &tags, &feed, &modified, &self.instance()],
        )
        .await?;
        tx.commit().await
    }

    /// Every stored file.
    pub async fn all_files(&self) -> Result<Vec<StoredFile>, StoreError> {
        let rows = self
            .conn()
            .await?
            .query(
                "SELECT name, feed, body, etag, modified FROM files ORDER BY name",
                &[],
            )
            .await?;
        Ok(rows.iter().map(stored_file).collect())
    }

    /// The stored files among `names` (a name not stored is left out).
    pub async fn files_named(&self, names: &[String]) -> Result<Vec<StoredFile>, StoreError> {
        if names.is_empty() {
            return Ok(Vec::new());
        }
        let rows = self
            .conn()
            .await?
            .query(
                "SELECT name, feed, body, etag, modified FROM files WHERE name = ANY($1)",
                &[&names],
            )
            .await?;
        Ok(rows.iter().map(stored_file).collect())
    }

    /// The (name, ETag) of every stored file: what a server compares its copy with, now and
    /// then, to catch what no notice told it.
    pub async fn all_file_tags(&self) -> Result<Vec<(String, String)>, StoreError> {
        let rows = self
            .conn()
            .await?
            .query("SELECT name, etag FROM files", &[])
            .await?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    /// The (name, ETag) of each of `feed`'s stored files: enough to tell whether the table
    /// holds what the output folder does, without moving the bytes.
    pub async fn file_tags(&self, feed: &str) -> Result<Vec<(String, String)>, StoreError> {
        let rows = self
            .conn()
            .await?
            .query("SELECT name, etag FROM files WHERE feed = $1", &[&feed])
            .await?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }
}

fn stored_file(r: &tokio_postgres::Row) -> StoredFile {
    StoredFile {
        name: r.get(0),
        feed: r.get(1),
        body: r.get(2),
        etag: r.get(3),
        modified_ms: r.get(4),
    }
}

/// A connection of its own (not from the pool: it must stay open, listening) that hears
/// the name of every file stored with new bytes.
pub struct FileEvents {
    names: mpsc::Receiver<String>,
    client: tokio_postgres::Client,
    /// Drives the connection and hands its notices over.
    driver: tokio::task::JoinHandle<()>,
}

impl FileEvents {
    /// Connects to `db` and listens on [`FILES_CHANNEL`]. Notices sent before this returns
    /// are not heard: load what the table holds after it, not before.
    pub async fn listen(db: &Database) -> Result<FileEvents, StoreError> {
        let unreachable = |reason: String| StoreError::Unreachable {
            url: db.masked(),
            reason,
        };
        let mut config: tokio_postgres::Config =
            db.url.parse().map_err(|e| unreachable(pg_message(&e)))?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        if config.get_application_name().is_none() {
            config.application_name(format!("feedmill {} files", super::instance_name()));
        }
        let (client, mut connection) = config
            .connect(NoTls)
            .await
            .map_err(|e| unreachable(pg_message(&e)))?;
        let (tx, names) = mpsc::channel(BACKLOG);
        let driver = tokio::spawn(async move {
            let mut messages = futures_util::stream::poll_fn(move |cx| connection.poll_message(cx));
            while let Some(message) = messages.next().await {
                match message {
                    Ok(AsyncMessage::Notification(n)) if n.channel() == FILES_CHANNEL => {
                        if tx.send(n.payload().to_string()).await.is_err() {
                            return;
                        }
                    }
                    Ok(_) => {}
                    Err(e) => {
                        tracing::debug!(
                            "the database connection for file notices ended: {}",
                            pg_message(&e)
                        );
                        return;
                    }
                }
            }
        });
        let events = FileEvents {
            names,
            client,
            driver,
        };
        events
            .client
            .batch_execute(&format!("LISTEN {FILES_CHANNEL}"))
            .await
            .map_err(|e| unreachable(pg_message(&e)))?;
        Ok(events)
    }

    /// The next changed file's name; `None` once the connection is lost.
    pub async fn next(&mut self) -> Option<String> {
        self.names.recv().await
    }

    /// A changed file's name already received, without waiting.
    pub fn try_next(&mut self) -> Option<String> {
        self.names.try_recv().ok()
    }

    /// Whether the connection still answers (a server gone without closing it is noticed
    /// here, not by waiting for a notice that never comes).
    pub async fn ping(&self) -> Result<(), StoreError> {
        self.client
            .simple_query("")
            .await
            .map(|_| ())
            .map_err(|e| StoreError::Postgres(pg_message(&e)))
    }
}

impl Drop for FileEvents {
    fn drop(&mut self) {
        self.driver.abort();
    }
}
