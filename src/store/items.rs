//! Items: the HTTP validators of each page, the merge of what the pages show into each feed's
//! history, and the items a feed shows.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, Utc};
use chrono_tz::Tz;
use rusqlite::{params, OptionalExtension, TransactionBehavior};
use url::Url;

use super::merge::{self, KnownItem};
use super::{from_ms, ms, FeedSummary, MergeStats, Rendered, Store, StoreError};
use crate::extract::ListItem;
use crate::fetch::Validators;
use crate::item::Item;

impl Store {
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
                    article_fields, updated
                 FROM items WHERE feed = ?1 AND link = ?2",
            )?;
            let mut known = HashMap::new();
            for link in merge::merged_links(items, keep) {
                let row = find
                    .query_row(params![feed, link], |r| {
                        Ok(KnownItem {
                            title: r.get(0)?,
                            summary: r.get(1)?,
                            author: r.get(2)?,
                            image: r.get(3)?,
                            published: r.get(4)?,
                            printed: r.get::<_, i64>(5)? != 0,
                            first_seen: r.get(6)?,
                            article_fields: r.get(7)?,
                            updated: r.get(8)?,
                        })
                    })
                    .optional()?;
                if let Some(row) = row {
                    known.insert(link, row);
                }
            }
            let plan = merge::plan_merge(items, known, now, zone, keep);
            stats.changed = plan.changed;
            let mut insert = tx.prepare_cached(
                "INSERT INTO items (feed, link, title, summary, author, image, published,
                    published_printed, first_seen, last_seen, page_order, updated)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?11)",
            )?;
            let mut update = tx.prepare_cached(
                "UPDATE items SET title = ?3, summary = ?4, author = ?5, image = ?6, published = ?7,
                    published_printed = ?8, last_seen = ?9, page_order = ?10, updated = ?11
                 WHERE feed = ?1 AND link = ?2",
            )?;
            for row in &plan.rows {
                let stmt = if row.new { &mut insert } else { &mut update };
                stmt.execute(params![
                    feed,
                    row.link,
                    row.title,
                    row.summary,
                    row.author,
                    row.image,
                    row.published,
                    row.printed,
                    ms(now),
                    row.page_order,
                    row.updated
                ])?;
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

    /// [`Store::feed_summary`] of many feeds (id, limit), in the order asked.
    pub fn feed_summaries(
        &self,
        feeds: &[(String, usize)],
    ) -> Result<Vec<FeedSummary>, StoreError> {
        feeds
            .iter()
            .map(|(feed, limit)| self.feed_summary(feed, *limit))
            .collect()
    }

    /// What the feed's files were last rendered from and hold.
    pub fn rendered(&self, feed: &str) -> Result<Option<Rendered>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT key, extraction, files FROM rendered WHERE feed = ?1")?
            .query_row([feed], |r| {
                Ok(Rendered {
                    key: r.get(0)?,
                    extraction: r.get(1)?,
                    files: r.get(2)?,
                })
            })
            .optional()?)
    }
}
