//! Reading each new article's own page to settle its times, title, summary, author, image and
//! content, when a feed asks for it (`[feeds.<id>.article] fetch = true`).
//!
//! Precedence is fixed: article structured data (JSON-LD, meta) > article selectors and
//! labelled text > list page values > first seen. [`crate::article`] already ranks what one
//! page offers; [`settle`] weighs that against what the list said.

use std::fmt::Write;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::article::{self, ArticleInfo, Found};
use crate::config::{ArticleRules, Feed};
use crate::dates::DateContext;
use crate::dates::{stamp_time, Label};
use crate::fetch::Fetcher;
use crate::store::{ArticleUpdate, PendingArticle, StoreError, StoreHandle};

/// Why a feed's article pages could not be read (a page that fails to load is no error).
#[derive(Debug, thiserror::Error)]
pub enum EnrichError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("internal error (a bug; please report it): {0}")]
    Internal(String),
}

/// What one feed's article fetches came to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EnrichStats {
    pub fetched: usize,
    pub failed: usize,
}

/// Reads the article pages of the feed's items that have not been read yet (at most
/// `rules.max_new` per build). A page that fails to load leaves its item as the list gave it,
/// to be tried again on a later build; it never fails the feed.
pub async fn enrich_feed(
    feed: &Feed,
    rules: &ArticleRules,
    fetcher: &Fetcher,
    store: &StoreHandle,
    ctx: DateContext,
) -> Result<EnrichStats, EnrichError> {
    let mut stats = EnrichStats::default();
    if !rules.fetch {
        return Ok(stats);
    }
    let pending = store.pending_articles(&feed.id, rules.max_new).await?;
    for item in pending {
        let (id, link) = (feed.id.as_str(), &item.link);
        // Only a feed of local pages may read local article pages.
        if !feed
            .urls
            .iter()
            .all(|u| crate::html::linkable(&item.link, u))
        {
            store.article_failed(id, link).await?;
            stats.failed += 1;
            continue;
        }
        match fetcher
            .get_page(&item.link, &feed.request, rules.render.as_ref())
            .await
        {
            Ok(page) => {
                // On the blocking pool, like list pages: parsing must not stall other I/O.
                let rules_owned = rules.clone();
                let info = tokio::task::spawn_blocking(move || {
                    article::extract_article(&page.html, &page.url, &rules_owned, ctx)
                })
                .await
                .map_err(|e| EnrichError::Internal(e.to_string()))?;
                let update = settle(&item, &info, ctx.zone);
                store.apply_article(id, link, update).await?;
                stats.fetched += 1;
            }
            Err(e) => {
                tracing::info!(feed = %feed.id, "article page failed, will retry: {e}");
                store.article_failed(id, link).await?;
                stats.failed += 1;
            }
        }
    }
    Ok(stats)
}

/// A list title that ends in an ellipsis was cut short by the list layout.
fn cut_short(title: &str) -> bool {
    let t = title.trim_end();
    t.is_empty() || t.ends_with('…') || t.ends_with("...") || t.ends_with("..")
}

/// Weighs what the article page offers against the item's list values.
pub fn settle(item: &PendingArticle, info: &ArticleInfo, zone: Tz) -> ArticleUpdate {
    let mut update = ArticleUpdate::default();
    let mut sources = String::new();
    let mut note = |field: &str, source: &dyn std::fmt::Display| {
        let _ = write!(
            sources,
            "{}{field}={source}",
            if sources.is_empty() { "" } else { " " }
        );
    };

    match &info.published {
        // A date in the URL is a last resort: a time the list printed is better.
        Some(Found {
            source: crate::article::Source::Url,
            ..
        }) if item.printed => note("published", &"list"),
        // So is a time the list printed beside a page that gives only an update time.
        Some(Found { value, .. }) if item.printed && value.label == Some(Label::Updated) => {
            note("published", &"list")
        }
        Some(Found { value, source }) => {
            update.published = Some(stamp_time(value, item.first_seen, zone));
            note("published", source);
        }
        None if item.printed => note("published", &"list"),
        None => note("published", &"first-seen"),
    }
    let published = update.published.unwrap_or(item.published);
    if let Some(Found { value, source }) = &info.updated {
        let at = stamp_time(value, item.first_seen, zone);
        if at > published {
            update.updated = Some(at);
            note("updated", source);
        }
    }

    if cut_short(&item.title) {
        if let Some(Found { value, source }) = &info.title {
            update.title = Some(value.clone());
            note("title", source);
        }
    }

    // The list's summary wins when it has one; a wire byline at its start goes either way.
    let (list_summary, list_byline) = match &item.summary {
        Some(s) => {
            let (text, byline) = article::strip_byline(s);
            (Some(text), byline)
        }
        None => (None, None),
    };
    match (list_summary, &info.summary) {
        (Some(text), _) => {
            if Some(&text) != item.summary.as_ref() {
                update.summary = Some(text);
            }
            note("summary", &"list");
        }
        (None, Some(Found { value, source })) => {
            update.summary = Some(value.clone());
            note("summary", source);
        }
        (None, None) => {}
    }

    match (&info.author, list_byline) {
        (Some(Found { value, source }), _) => {
            update.author = Some(value.clone());
            note("author", source);
        }
        (None, Some(byline)) if item.author.is_none() => {
            update.author = Some(byline);
            note("author", &"text");
        }
        _ if item.author.is_some() => note("author", &"list"),
        _ => {}
    }

    match &info.image {
        Some(Found { value, source }) => {
            update.image = Some(value.to_string());
            note("image", source);
        }
        None if item.image.is_some() => note("image", &"list"),
        None => {}
    }

    if let Some(content) = &info.content {
        update.content = Some(content.clone());
        note("content", &"body");
    }
    update.sources = sources;
    update
}

/// An item as the list shows it, in the form [`settle`] weighs article pages against (for
/// `check`, which has no stored history).
pub fn pending_from_list(
    li: &crate::extract::ListItem,
    fetched_at: DateTime<Utc>,
) -> PendingArticle {
    PendingArticle {
        link: li.link.clone(),
        title: li.title.clone().unwrap_or_default(),
        summary: li.summary.clone(),
        author: li.author.clone(),
        image: li.image.as_ref().map(|u| u.to_string()),
        published: li
            .date
            .map_or(fetched_at, |s| s.instant.with_timezone(&Utc)),
        printed: li.date.is_some(),
        first_seen: fetched_at,
    }
}

/// What one article page would add, for `feedmill check`: the settled update and every date
/// candidate the page offered, with the winners.
#[derive(Debug, Clone)]
pub struct ArticlePreview {
    pub update: ArticleUpdate,
    pub dates: article::DateReport,
}

/// What the article pages of the first `limit` items would add, for `feedmill check`; they
/// are fetched with the feed's own headers, as a build fetches them.
pub async fn preview(
    items: &[crate::extract::ListItem],
    feed: &Feed,
    rules: &ArticleRules,
    fetcher: &Fetcher,
    ctx: DateContext,
    limit: usize,
) -> Vec<(url::Url, Result<ArticlePreview, String>)> {
    let mut out = Vec::new();
    for li in items.iter().take(limit) {
        let result = match fetcher
            .get_page(&li.link, &feed.request, rules.render.as_ref())
            .await
        {
            Ok(page) => {
                let info = article::extract_article(&page.html, &page.url, rules, ctx);
                // `check` only: the page is parsed a second time for the full candidate list.
                let dates = article::date_report(&page.html, &page.url, rules, ctx);
                let update = settle(&pending_from_list(li, ctx.fetched_at), &info, ctx.zone);
                Ok(ArticlePreview { update, dates })
            }
            Err(e) => Err(e.to_string()),
        };
        out.push((li.link.clone(), result));
    }
    out
}
