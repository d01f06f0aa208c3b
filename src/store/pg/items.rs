//! Items in PostgreSQL: validators, the merge of a build's pages into a feed's history, and
//! the items a feed shows. The merge decides with the same plan as SQLite's
//! ([`plan_merge`]) and writes it in one statement, so its round trips do not grow with the
//! number of items: BEGIN, the lease's fence (or, without a lease, a lock on the feed), the
//! known rows, the rows, the validators, the prune with the count of new items, COMMIT.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, Utc};
use chrono_tz::Tz;
use url::Url;

use super::{fence, PgStore};
use crate::extract::ListItem;
use crate::fetch::Validators;
use crate::item::Item;
use crate::store::merge::{merged_links, plan_merge, KnownItem};
use crate::store::{from_ms, ms, FeedSummary, Lease, MergeStats, Rendered, StoreError};

/// A count or limit as PostgreSQL takes it.
pub(super) fn big(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl PgStore {
    /// The validators stored for `feed`'s page `url` (see [`Store::validators`](crate::store::Store::validators)).
    pub async fn validators(
        &self,
        feed: &str,
        url: &Url,
    ) -> Result<Option<Validators>, StoreError> {
        let conn = self.conn().await?;
        let row = conn
            .query_opt(
                "SELECT etag, last_modified FROM http_cache WHERE feed = $1 AND url = $2",
                &[&feed, &url.as_str()],
            )
            .await?;
        Ok(row.map(|r| Validators {
            etag: r.get(0),
            last_modified: r.get(1),
        }))
    }

    /// What the feed's files were last rendered from and hold.
    pub async fn rendered(&self, feed: &str) -> Result<Option<Rendered>, StoreError> {
        let conn = self.conn().await?;
        let row = conn
            .query_opt(
                "SELECT key, extraction, files FROM rendered WHERE feed = $1",
                &[&feed],
            )
            .await?;
        Ok(row.map(|r| Rendered {
            key: r.get(0),
            extraction: r.get(1),
            files: r.get(2),
        }))
    }

    /// Merges what the pages show into the feed's history, with the pages' validators, in
    /// one transaction fenced by `lease` (see [`Store::merge`](crate::store::Store::merge)).
    #[allow(clippy::too_many_arguments)]
    pub async fn merge(
        &self,
        lease: Option<&Lease>,
        feed: &str,
        items: &[ListItem],
        validators: &[(Url, Validators)],
        now: DateTime<Utc>,
        zone: Tz,
        keep: usize,
    ) -> Result<MergeStats, StoreError> {
        let mut conn = self.conn().await?;
        let tx = conn.transaction().await?;
        match lease {
            Some(_) => fence(&tx, lease).await?,
            // Without a lease (`build`), merges of one feed take turns as SQLite's do: two
            // at once would each decide from rows the other is changing.
            None => {
                tx.execute(
                    "SELECT pg_advisory_xact_lock(hashtextextended('feedmill merge ' || $1, 0))",
                    &[&feed],
                )
                .await?;
            }
        }
        let links = merged_links(items, keep);
        let mut known = HashMap::new();
        if !links.is_empty() {
            let rows = tx
                .query(
                    "SELECT link, title, summary, author, image, published, published_printed,
                        first_seen, article_fields, updated
                     FROM items WHERE feed = $1 AND link = ANY($2)",
                    &[&feed, &links],
                )
                .await?;
            for r in rows {
                known.insert(
                    r.get::<_, String>(0),
                    KnownItem {
                        title: r.get(1),
                        summary: r.get(2),
                        author: r.get(3),
                        image: r.get(4),
                        published: r.get(5),
                        printed: r.get::<_, i64>(6) != 0,
                        first_seen: r.get(7),
                        article_fields: r.get(8),
                        updated: r.get(9),
                    },
                );
            }
        }
        let plan = plan_merge(items, known, now, zone, keep);
        if !plan.rows.is_empty() {
            let rows = &plan.rows;
            let link: Vec<&str> = rows.iter().map(|r| r.link.as_str()).collect();
            let title: Vec<&str> = rows.iter().map(|r| r.title.as_str()).collect();
            let summary: Vec<Option<&str>> = rows.iter().map(|r| r.summary.as_deref()).collect();
            let author: Vec<Option<&str>> = rows.iter().map(|r| r.author.as_deref()).collect();
            let image: Vec<Option<&str>> = rows.iter().map(|r| r.image.as_deref()).collect();
            let published: Vec<i64> = rows.iter().map(|r| r.published).collect();
            let printed: Vec<i64> = rows.iter().map(|r| i64::from(r.printed)).collect();
            let first_seen: Vec<i64> = rows.iter().map(|r| r.first_seen).collect();
            let page_order: Vec<i64> = rows.iter().map(|r| r.page_order).collect();
            let updated: Vec<Option<i64>> = rows.iter().map(|r| r.updated).collect();
            // A known row keeps its first-seen time and article state: the update sets only
            // what the list shows.
            tx.execute(
                "INSERT INTO items (feed, link, title, summary, author, image, published,
                    published_printed, first_seen, last_seen, page_order, updated)
                 SELECT $1, link, title, summary, author, image, published, printed,
                    first_seen, $12, page_order, updated
                 FROM UNNEST($2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                    $7::bigint[], $8::bigint[], $9::bigint[], $10::bigint[], $11::bigint[])
                    AS v(link, title, summary, author, image, published, printed, first_seen,
                        page_order, updated)
                 ON CONFLICT (feed, link) DO UPDATE SET title = EXCLUDED.title,
                    summary = EXCLUDED.summary, author = EXCLUDED.author,
                    image = EXCLUDED.image, published = EXCLUDED.published,
                    published_printed = EXCLUDED.published_printed,
                    last_seen = EXCLUDED.last_seen, page_order = EXCLUDED.page_order,
                    updated = EXCLUDED.updated",
                &[
                    &feed,
                    &link,
                    &title,
                    &summary,
                    &author,
                    &image,
                    &published,
                    &printed,
                    &first_seen,
                    &page_order,
                    &updated,
                    &ms(now),
                ],
            )
            .await?;
        }
        if !validators.is_empty() {
            let urls: Vec<&str> = validators.iter().map(|(u, _)| u.as_str()).collect();
            let etags: Vec<Option<&str>> =
                validators.iter().map(|(_, v)| v.etag.as_deref()).collect();
            let modified: Vec<Option<&str>> = validators
                .iter()
                .map(|(_, v)| v.last_modified.as_deref())
                .collect();
            // A page fetched twice keeps its last validators, as writing one by one would.
            tx.execute(
                "INSERT INTO http_cache (feed, url, etag, last_modified)
                 SELECT DISTINCT ON (url) $1, url, etag, last_modified
                 FROM UNNEST($2::text[], $3::text[], $4::text[]) WITH ORDINALITY
                    AS v(url, etag, last_modified, n)
                 ORDER BY url, n DESC
                 ON CONFLICT (feed, url) DO UPDATE SET etag = EXCLUDED.etag,
                    last_modified = EXCLUDED.last_modified",
                &[&feed, &urls, &etags, &modified],
            )
            .await?;
        }
        // The prune and the count of new items in one statement; the count reads the rows
        // from before the delete, so the deleted ones are left out by hand.
        let new: i64 = tx
            .query_one(
                "WITH gone AS (
                    DELETE FROM items WHERE feed = $1 AND link NOT IN (
                        SELECT link FROM items WHERE feed = $1
                        ORDER BY published DESC, first_seen DESC, page_order LIMIT $2)
                    RETURNING link)
                 SELECT COUNT(*) FROM items WHERE feed = $1 AND first_seen = $3
                    AND link NOT IN (SELECT link FROM gone)",
                &[&feed, &big(keep), &ms(now)],
            )
            .await?
            .get(0);
        tx.commit().await?;
        Ok(MergeStats {
            new: usize::try_from(new).unwrap_or(0),
            changed: plan.changed,
        })
    }

    /// The feed's newest `limit` items, newest first, times in `zone`'s offset.
    pub async fn feed_items(
        &self,
        feed: &str,
        limit: usize,
        zone: Tz,
    ) -> Result<Vec<Item>, StoreError> {
        let conn = self.conn().await?;
        let rows = conn
            .query(
                "SELECT link, title, summary, author, image, published, updated, content
                 FROM items WHERE feed = $1
                 ORDER BY published DESC, first_seen DESC, page_order LIMIT $2",
                &[&feed, &big(limit)],
            )
            .await?;
        let show =
            |v: i64| -> DateTime<FixedOffset> { from_ms(v).with_timezone(&zone).fixed_offset() };
        let mut items = Vec::with_capacity(rows.len());
        for r in rows {
            // A row whose link no longer parses cannot be linked to; leave it out.
            let Ok(link) = Url::parse(r.get::<_, &str>(0)) else {
                continue;
            };
            items.push(Item {
                link,
                title: r.get(1),
                summary: r.get(2),
                author: r.get(3),
                image: r.get::<_, Option<&str>>(4).and_then(|i| Url::parse(i).ok()),
                published: show(r.get(5)),
                updated: r.get::<_, Option<i64>>(6).map(show),
                content: r.get(7),
            });
        }
        Ok(items)
    }

    /// How many items the feed shows (at most `limit`) and the newest one's time.
    pub async fn feed_summary(&self, feed: &str, limit: usize) -> Result<FeedSummary, StoreError> {
        let got = self.feed_summaries(&[(feed.to_string(), limit)]).await?;
        Ok(got.into_iter().next().unwrap_or((0, None)))
    }

    /// [`PgStore::feed_summary`] of many feeds in one query, in the order asked.
    pub async fn feed_summaries(
        &self,
        feeds: &[(String, usize)],
    ) -> Result<Vec<FeedSummary>, StoreError> {
        if feeds.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<&str> = feeds.iter().map(|(f, _)| f.as_str()).collect();
        let limits: Vec<i64> = feeds.iter().map(|&(_, l)| big(l)).collect();
        let conn = self.conn().await?;
        let rows = conn
            .query(
                "SELECT f.n, s.count, s.newest
                 FROM UNNEST($1::text[], $2::bigint[]) WITH ORDINALITY AS f(feed, lim, n)
                 CROSS JOIN LATERAL (
                    SELECT COUNT(*) AS count, MAX(published) AS newest FROM (
                        SELECT published FROM items WHERE feed = f.feed
                        ORDER BY published DESC LIMIT f.lim) AS shown
                 ) AS s
                 ORDER BY f.n",
                &[&ids, &limits],
            )
            .await?;
        Ok(rows
            .iter()
            .map(|r| {
                (
                    usize::try_from(r.get::<_, i64>(1)).unwrap_or(0),
                    r.get::<_, Option<i64>>(2).map(from_ms),
                )
            })
            .collect())
    }
}
