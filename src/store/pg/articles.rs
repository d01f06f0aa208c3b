//! Article pages in PostgreSQL: which items still need theirs read, and what reading one
//! settled (see the SQLite [`Store`](crate::store::Store)'s methods of the same names).

use url::Url;

use super::items::big;
use super::{fence, PgStore};
use crate::store::{
    from_ms, ms, ArticleUpdate, Lease, PendingArticle, StoreError, MAX_ARTICLE_ATTEMPTS,
};

impl PgStore {
    /// The feed's items whose article pages are still to be read, newest first, at most
    /// `limit`.
    pub async fn pending_articles(
        &self,
        feed: &str,
        limit: usize,
    ) -> Result<Vec<PendingArticle>, StoreError> {
        let conn = self.conn().await?;
        let rows = conn
            .query(
                "SELECT link, title, summary, author, image, published, published_printed,
                    first_seen
                 FROM items WHERE feed = $1 AND article_done = 0 AND article_attempts < $2
                 ORDER BY published DESC, first_seen DESC, page_order LIMIT $3",
                &[&feed, &MAX_ARTICLE_ATTEMPTS, &big(limit)],
            )
            .await?;
        Ok(rows
            .iter()
            .filter_map(|r| {
                let link = Url::parse(r.get::<_, &str>(0)).ok()?;
                Some(PendingArticle {
                    link,
                    title: r.get(1),
                    summary: r.get(2),
                    author: r.get(3),
                    image: r.get(4),
                    published: from_ms(r.get(5)),
                    printed: r.get::<_, i64>(6) != 0,
                    first_seen: from_ms(r.get(7)),
                })
            })
            .collect())
    }

    /// Records what `link`'s article page gave, fenced by `lease`.
    pub async fn apply_article(
        &self,
        lease: Option<&Lease>,
        feed: &str,
        link: &Url,
        update: &ArticleUpdate,
    ) -> Result<(), StoreError> {
        let mut conn = self.conn().await?;
        let tx = conn.transaction().await?;
        fence(&tx, lease).await?;
        tx.execute(
            "UPDATE items SET
                published = COALESCE($3, published),
                published_printed = CASE WHEN $3::bigint IS NULL THEN published_printed ELSE 1 END,
                updated = COALESCE($4, updated),
                title = COALESCE($5, title),
                summary = COALESCE($6, summary),
                author = COALESCE($7, author),
                image = COALESCE($8, image),
                content = COALESCE($9, content),
                sources = $10,
                article_fields = $11,
                article_done = 1
             WHERE feed = $1 AND link = $2",
            &[
                &feed,
                &link.as_str(),
                &update.published.map(ms),
                &update.updated.map(ms),
                &update.title,
                &update.summary,
                &update.author,
                &update.image,
                &update.content,
                &update.sources,
                &update.fields_set(),
            ],
        )
        .await?;
        tx.commit().await
    }

    /// Counts a failed attempt at `link`'s article page, fenced by `lease`.
    pub async fn article_failed(
        &self,
        lease: Option<&Lease>,
        feed: &str,
        link: &Url,
    ) -> Result<(), StoreError> {
        let mut conn = self.conn().await?;
        let tx = conn.transaction().await?;
        fence(&tx, lease).await?;
        tx.execute(
            "UPDATE items SET article_attempts = article_attempts + 1
             WHERE feed = $1 AND link = $2",
            &[&feed, &link.as_str()],
        )
        .await?;
        tx.commit().await
    }

    /// Where each field of `link` came from, if recorded.
    pub async fn sources(&self, feed: &str, link: &Url) -> Result<Option<String>, StoreError> {
        let conn = self.conn().await?;
        let row = conn
            .query_opt(
                "SELECT sources FROM items WHERE feed = $1 AND link = $2",
                &[&feed, &link.as_str()],
            )
            .await?;
        Ok(row.map(|r| r.get(0)))
    }
}
