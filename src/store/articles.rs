//! Article pages: which items still need theirs read, and what reading one settled.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use url::Url;

use super::{from_ms, ms, Store, StoreError, MAX_ARTICLE_ATTEMPTS};

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

impl ArticleUpdate {
    /// The names of the fields this update sets, space-separated: stored as the item's
    /// `article_fields`, so later list pages no longer overwrite them.
    pub(super) fn fields_set(&self) -> String {
        [
            ("published", self.published.is_some()),
            ("updated", self.updated.is_some()),
            ("title", self.title.is_some()),
            ("summary", self.summary.is_some()),
            ("author", self.author.is_some()),
            ("image", self.image.is_some()),
            ("content", self.content.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, set)| set.then_some(name))
        .collect::<Vec<_>>()
        .join(" ")
    }
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
                update.fields_set(),
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
