//! `feedmill migrate --from-sqlite`: a SQLite state copied into PostgreSQL, in one
//! transaction. Items keep every column (first-seen times, article state, sources), and the
//! validators and health come along; what the files were rendered from does not, so each
//! feed is rendered (and its files stored for every instance) again on its first build.
//!
//! A row PostgreSQL holds already is kept as it is (`ON CONFLICT DO NOTHING`): running the
//! copy again adds only what is missing, and never puts an older SQLite row over what an
//! instance has written since.

use rusqlite::params;

use super::PgStore;
use crate::store::{Store, StoreError};

/// Items copied per statement: bounded memory whatever the state's size.
const ITEM_CHUNK: usize = 1000;

/// What one table's copy did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TableCopy {
    /// Rows read from SQLite.
    pub read: u64,
    /// Rows written to PostgreSQL (the rest were there already).
    pub copied: u64,
}

/// What a copy did, table by table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CopyReport {
    pub items: TableCopy,
    pub validators: TableCopy,
    pub health: TableCopy,
}

/// A chunk of SQLite's items, column by column, as PostgreSQL's `UNNEST` takes them.
#[derive(Default)]
struct ItemColumns {
    feed: Vec<String>,
    link: Vec<String>,
    title: Vec<String>,
    summary: Vec<Option<String>>,
    content: Vec<Option<String>>,
    author: Vec<Option<String>>,
    image: Vec<Option<String>>,
    published: Vec<i64>,
    printed: Vec<i64>,
    updated: Vec<Option<i64>>,
    first_seen: Vec<i64>,
    last_seen: Vec<i64>,
    page_order: Vec<i64>,
    attempts: Vec<i64>,
    done: Vec<i64>,
    article_fields: Vec<String>,
    sources: Vec<String>,
}

impl ItemColumns {
    /// The next chunk of items after (`feed`, `link`), in key order.
    fn read(sqlite: &Store, after: Option<(&str, &str)>) -> Result<ItemColumns, StoreError> {
        let (feed, link) = after.unwrap_or(("", ""));
        let mut stmt = sqlite.conn.prepare_cached(
            "SELECT feed, link, title, summary, content, author, image, published,
                published_printed, updated, first_seen, last_seen, page_order,
                article_attempts, article_done, article_fields, sources
             FROM items WHERE ?1 OR (feed, link) > (?2, ?3)
             ORDER BY feed, link LIMIT ?4",
        )?;
        let mut c = ItemColumns::default();
        let mut rows = stmt.query(params![after.is_none(), feed, link, ITEM_CHUNK as i64])?;
        while let Some(r) = rows.next()? {
            c.feed.push(r.get(0)?);
            c.link.push(r.get(1)?);
            c.title.push(r.get(2)?);
            c.summary.push(r.get(3)?);
            c.content.push(r.get(4)?);
            c.author.push(r.get(5)?);
            c.image.push(r.get(6)?);
            c.published.push(r.get(7)?);
            c.printed.push(r.get(8)?);
            c.updated.push(r.get(9)?);
            c.first_seen.push(r.get(10)?);
            c.last_seen.push(r.get(11)?);
            c.page_order.push(r.get(12)?);
            c.attempts.push(r.get(13)?);
            c.done.push(r.get(14)?);
            c.article_fields.push(r.get(15)?);
            c.sources.push(r.get(16)?);
        }
        Ok(c)
    }
}

impl PgStore {
    /// Copies `sqlite`'s items, validators and health into this database, in one
    /// transaction, keeping rows already here (see the module's comment).
    pub async fn copy_from_sqlite(&self, sqlite: &Store) -> Result<CopyReport, StoreError> {
        // One read transaction on SQLite too: a `run` still writing it cannot make the copy a
        // mix of two states.
        let snapshot = sqlite.conn.unchecked_transaction()?;
        let mut conn = self.conn().await?;
        let tx = conn.transaction().await?;
        let mut report = CopyReport::default();
        let mut last: Option<(String, String)> = None;
        loop {
            let after = last.as_ref().map(|(f, l)| (f.as_str(), l.as_str()));
            let c = ItemColumns::read(sqlite, after)?;
            let n = c.feed.len();
            if n == 0 {
                break;
            }
            report.items.read += n as u64;
            report.items.copied += tx
                .execute(
                    "INSERT INTO items (feed, link, title, summary, content, author, image,
                        published, published_printed, updated, first_seen, last_seen,
                        page_order, article_attempts, article_done, article_fields, sources)
                     SELECT * FROM UNNEST($1::text[], $2::text[], $3::text[], $4::text[],
                        $5::text[], $6::text[], $7::text[], $8::bigint[], $9::bigint[],
                        $10::bigint[], $11::bigint[], $12::bigint[], $13::bigint[],
                        $14::bigint[], $15::bigint[], $16::text[], $17::text[])
                     ON CONFLICT (feed, link) DO NOTHING",
                    &[
                        &c.feed,
                        &c.link,
                        &c.title,
                        &c.summary,
                        &c.content,
                        &c.author,
                        &c.image,
                        &c.published,
                        &c.printed,
                        &c.updated,
                        &c.first_seen,
                        &c.last_seen,
                        &c.page_order,
                        &c.attempts,
                        &c.done,
                        &c.article_fields,
                        &c.sources,
                    ],
                )
                .await?;
            if n < ITEM_CHUNK {
                break;
            }
            last = Some((c.feed[n - 1].clone(), c.link[n - 1].clone()));
        }
        report.validators = copy_validators(sqlite, &tx).await?;
        report.health = copy_health(sqlite, &tx).await?;
        tx.commit().await?;
        drop(snapshot);
        Ok(report)
    }
}

async fn copy_validators(sqlite: &Store, tx: &super::Tx<'_>) -> Result<TableCopy, StoreError> {
    let (mut feed, mut url): (Vec<String>, Vec<String>) = Default::default();
    let (mut etag, mut modified): (Vec<Option<String>>, Vec<Option<String>>) = Default::default();
    {
        let mut stmt = sqlite
            .conn
            .prepare("SELECT feed, url, etag, last_modified FROM http_cache ORDER BY feed, url")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            feed.push(r.get(0)?);
            url.push(r.get(1)?);
            etag.push(r.get(2)?);
            modified.push(r.get(3)?);
        }
    }
    let read = feed.len() as u64;
    if read == 0 {
        return Ok(TableCopy::default());
    }
    let copied = tx
        .execute(
            "INSERT INTO http_cache (feed, url, etag, last_modified)
             SELECT * FROM UNNEST($1::text[], $2::text[], $3::text[], $4::text[])
             ON CONFLICT (feed, url) DO NOTHING",
            &[&feed, &url, &etag, &modified],
        )
        .await?;
    Ok(TableCopy { read, copied })
}

async fn copy_health(sqlite: &Store, tx: &super::Tx<'_>) -> Result<TableCopy, StoreError> {
    let mut feed: Vec<String> = Vec::new();
    let mut last_attempt: Vec<Option<i64>> = Vec::new();
    let mut last_success: Vec<Option<i64>> = Vec::new();
    let mut last_error: Vec<Option<String>> = Vec::new();
    let mut failures: Vec<i64> = Vec::new();
    let mut item_count: Vec<i64> = Vec::new();
    let mut next_attempt: Vec<Option<i64>> = Vec::new();
    {
        let mut stmt = sqlite.conn.prepare(
            "SELECT feed, last_attempt, last_success, last_error, consecutive_failures,
                item_count, next_attempt
             FROM feed_health ORDER BY feed",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            feed.push(r.get(0)?);
            last_attempt.push(r.get(1)?);
            last_success.push(r.get(2)?);
            last_error.push(r.get(3)?);
            failures.push(r.get(4)?);
            item_count.push(r.get(5)?);
            next_attempt.push(r.get(6)?);
        }
    }
    let read = feed.len() as u64;
    if read == 0 {
        return Ok(TableCopy::default());
    }
    // built_by stays empty: no instance built these; the first that does says so.
    let copied = tx
        .execute(
            "INSERT INTO feed_health (feed, last_attempt, last_success, last_error,
                consecutive_failures, item_count, next_attempt)
             SELECT * FROM UNNEST($1::text[], $2::bigint[], $3::bigint[], $4::text[],
                $5::bigint[], $6::bigint[], $7::bigint[])
             ON CONFLICT (feed) DO NOTHING",
            &[
                &feed,
                &last_attempt,
                &last_success,
                &last_error,
                &failures,
                &item_count,
                &next_attempt,
            ],
        )
        .await?;
    Ok(TableCopy { read, copied })
}
