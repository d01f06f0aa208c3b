//! Items: the HTTP validators of each page, the merge of what the pages show into each feed's
//! history, and the items a feed shows.

use chrono::{DateTime, FixedOffset, Utc};
use chrono_tz::Tz;
use rusqlite::{params, OptionalExtension, TransactionBehavior};
use url::Url;

use super::{from_ms, ms, MergeStats, Rendered, Store, StoreError};
use crate::dates;
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
                            updated: r.get(8)?,
                        })
                    })
                    .optional()?;
                let image = li.image.as_ref().map(Url::as_str);
                match known {
                    None => {
                        let (published, printed) = dates::item_time(li.date.as_ref(), now, zone);
                        let updated = list_updated(li, now, zone, published);
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
                            order as i64,
                            updated
                        ])?;
                    }
                    Some(k) => {
                        let (mut published, mut printed) =
                            dates::item_time(li.date.as_ref(), from_ms(k.first_seen), zone);
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
                        // The article page's updated time outranks the list's; a relative
                        // one ("수정 1시간 전") is read once, like a relative published time.
                        let kept = k.updated.filter(|&u| u > ms(published));
                        let updated = if from_article("updated")
                            || (kept.is_some() && updated_is_relative(li, now, zone))
                        {
                            kept
                        } else {
                            list_updated(li, from_ms(k.first_seen), zone, published).or(kept)
                        };
                        if title != k.title
                            || summary != k.summary
                            || author != k.author
                            || image != k.image
                            || ms(published) != k.published
                            || updated != k.updated
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
                            order as i64,
                            updated
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
    updated: Option<i64>,
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

/// The list's updated time ("수정 …") of an item first seen at `first_seen`, in store form,
/// when it is later than the item's `published` time.
fn list_updated(
    li: &ListItem,
    first_seen: DateTime<Utc>,
    zone: Tz,
    published: DateTime<Utc>,
) -> Option<i64> {
    li.updated
        .as_ref()
        .map(|s| dates::stamp_time(s, first_seen, zone))
        .filter(|&u| u > published)
        .map(ms)
}

/// Whether the item's printed updated time is relative to the fetch ("수정 1시간 전"), found
/// as [`li_is_relative`] finds a relative published time.
fn updated_is_relative(li: &ListItem, now: DateTime<Utc>, zone: Tz) -> bool {
    let (Some(text), Some(stamp)) = (&li.date_text, &li.updated) else {
        return false;
    };
    let later = now + chrono::Duration::days(2);
    dates::parse_all(text, later, zone)
        .into_iter()
        .filter(|s| s.label == Some(dates::Label::Updated))
        .max_by_key(|s| s.instant)
        .is_some_and(|s| s.instant != stamp.instant)
}
