//! Feed health (last attempt, last success, failures) and forgetting a feed.

use chrono::{DateTime, Utc};
use rusqlite::{params, TransactionBehavior};

use super::{from_ms, ms, FeedHealth, Rendered, Store, StoreError};

impl Store {
    /// Records a successful build of `feed`, and the key its files were rendered with when
    /// they were rendered, in one transaction.
    pub fn record_success(
        &self,
        feed: &str,
        now: DateTime<Utc>,
        item_count: usize,
        rendered: Option<&Rendered>,
    ) -> Result<(), StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        tx.prepare_cached(
            "INSERT INTO feed_health (feed, last_attempt, last_success, last_error, consecutive_failures, item_count)
             VALUES (?1, ?2, ?2, NULL, 0, ?3)
             ON CONFLICT (feed) DO UPDATE SET last_attempt = ?2, last_success = ?2, last_error = NULL,
                consecutive_failures = 0, item_count = ?3, next_attempt = NULL",
        )?
        .execute(params![feed, ms(now), item_count as i64])?;
        if let Some(r) = rendered {
            tx.prepare_cached(
                "INSERT INTO rendered (feed, key, extraction, files) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (feed) DO UPDATE SET key = ?2, extraction = ?3, files = ?4",
            )?
            .execute(params![feed, r.key, r.extraction, r.files])?;
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

    /// Records when failing feed `feed` may next be tried (the daemon's backoff or the site's
    /// Retry-After), so a restarted daemon keeps to it.
    pub fn set_next_attempt(&self, feed: &str, at: DateTime<Utc>) -> Result<(), StoreError> {
        self.conn
            .prepare_cached("UPDATE feed_health SET next_attempt = ?2 WHERE feed = ?1")?
            .execute(params![feed, ms(at)])?;
        Ok(())
    }

    /// Every feed's health, by feed id.
    pub fn health(&self) -> Result<Vec<FeedHealth>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT feed, last_attempt, last_success, last_error, consecutive_failures, item_count,
                next_attempt
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
                next_attempt: r.get::<_, Option<i64>>(6)?.map(from_ms),
                built_by: None,
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
