//! Feed health in PostgreSQL (with the instance that built each feed) and forgetting a feed.

use chrono::{DateTime, Utc};

use super::items::big;
use super::{fence, PgStore};
use crate::store::{from_ms, ms, FeedHealth, Lease, Rendered, StoreError};

impl PgStore {
    /// Records a successful build of `feed` by this instance, and what its files were
    /// rendered from, in one transaction fenced by `lease`.
    pub async fn record_success(
        &self,
        lease: Option<&Lease>,
        feed: &str,
        now: DateTime<Utc>,
        item_count: usize,
        rendered: Option<&Rendered>,
    ) -> Result<(), StoreError> {
        let mut conn = self.conn().await?;
        let tx = conn.transaction().await?;
        fence(&tx, lease).await?;
        tx.execute(
            "INSERT INTO feed_health (feed, last_attempt, last_success, last_error,
                consecutive_failures, item_count, built_by)
             VALUES ($1, $2, $2, NULL, 0, $3, $4)
             ON CONFLICT (feed) DO UPDATE SET last_attempt = $2, last_success = $2,
                last_error = NULL, consecutive_failures = 0, item_count = $3,
                next_attempt = NULL, built_by = $4",
            &[&feed, &ms(now), &big(item_count), &self.instance()],
        )
        .await?;
        if let Some(r) = rendered {
            tx.execute(
                "INSERT INTO rendered (feed, key, extraction, files) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (feed) DO UPDATE SET key = $2, extraction = $3, files = $4",
                &[&feed, &r.key, &r.extraction, &r.files],
            )
            .await?;
        }
        tx.commit().await
    }

    /// Records a failed build of `feed` by this instance, fenced by `lease`.
    pub async fn record_failure(
        &self,
        lease: Option<&Lease>,
        feed: &str,
        now: DateTime<Utc>,
        error: &str,
    ) -> Result<(), StoreError> {
        // PostgreSQL's text refuses NUL, which an error quoting a hostile page may hold.
        let error = error.replace('\0', "\u{FFFD}");
        let mut conn = self.conn().await?;
        let tx = conn.transaction().await?;
        fence(&tx, lease).await?;
        tx.execute(
            "INSERT INTO feed_health (feed, last_attempt, last_error, consecutive_failures,
                built_by)
             VALUES ($1, $2, $3, 1, $4)
             ON CONFLICT (feed) DO UPDATE SET last_attempt = $2, last_error = $3,
                consecutive_failures = feed_health.consecutive_failures + 1, built_by = $4",
            &[&feed, &ms(now), &error, &self.instance()],
        )
        .await?;
        tx.commit().await
    }

    /// Records when failing feed `feed` may next be tried.
    pub async fn set_next_attempt(&self, feed: &str, at: DateTime<Utc>) -> Result<(), StoreError> {
        let conn = self.conn().await?;
        conn.execute(
            "UPDATE feed_health SET next_attempt = $2 WHERE feed = $1",
            &[&feed, &ms(at)],
        )
        .await?;
        Ok(())
    }

    /// Every feed's health, by feed id, with the instance that last built it.
    pub async fn health(&self) -> Result<Vec<FeedHealth>, StoreError> {
        let conn = self.conn().await?;
        let rows = conn
            .query(
                "SELECT feed, last_attempt, last_success, last_error, consecutive_failures,
                    item_count, next_attempt, built_by
                 FROM feed_health ORDER BY feed COLLATE \"C\"",
                &[],
            )
            .await?;
        Ok(rows
            .iter()
            .map(|r| FeedHealth {
                feed: r.get(0),
                last_attempt: r.get::<_, Option<i64>>(1).map(from_ms),
                last_success: r.get::<_, Option<i64>>(2).map(from_ms),
                last_error: r.get(3),
                consecutive_failures: r.get::<_, i64>(4).try_into().unwrap_or(u32::MAX),
                item_count: r.get::<_, i64>(5).try_into().unwrap_or(0),
                next_attempt: r.get::<_, Option<i64>>(6).map(from_ms),
                built_by: r.get(7),
            })
            .collect())
    }

    /// Deletes everything kept for `feed`: items, validators, health, render state and the
    /// stored files (so no instance serves them any more). Returns how many items went.
    pub async fn forget(&self, feed: &str) -> Result<usize, StoreError> {
        let mut conn = self.conn().await?;
        let tx = conn.transaction().await?;
        let n = tx
            .execute("DELETE FROM items WHERE feed = $1", &[&feed])
            .await?;
        for sql in [
            "DELETE FROM feed_health WHERE feed = $1",
            "DELETE FROM http_cache WHERE feed = $1",
            "DELETE FROM rendered WHERE feed = $1",
            // Deleted with a notice per file, so servers stop serving them at once.
            super::files::DELETE_FEED_FILES,
        ] {
            tx.execute(sql, &[&feed]).await?;
        }
        tx.commit().await?;
        Ok(usize::try_from(n).unwrap_or(usize::MAX))
    }
}
