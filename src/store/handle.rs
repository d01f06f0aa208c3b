//! [`StoreHandle`]: the one interface the rest of feedmill keeps its state through, whichever
//! database holds it. Each operation is an async method that goes to SQLite's thread (see
//! [`SqliteThread`]) or to PostgreSQL's pool ([`PgStore`]); callers never see which.
//!
//! A fleet instance building a feed holds a [`Lease`] on it. A handle made with
//! [`StoreHandle::with_lease`] applies the build's writes only while that lease is still the
//! feed's: a build whose lease ran out, the feed taken over by another instance, cannot
//! overwrite the newer result ([`StoreError::LeaseLost`]).

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use url::Url;

use super::pg::PgStore;
use super::{
    ArticleUpdate, FeedHealth, FeedSummary, MergeStats, PendingArticle, Rendered, SqliteThread,
    Store, StoreError,
};
use crate::config::Settings;
use crate::extract::ListItem;
use crate::fetch::Validators;
use crate::item::Item;

/// A fleet instance's claim on one feed: the token the claim was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lease {
    pub feed: String,
    pub token: i64,
}

#[derive(Clone)]
enum Backend {
    Sqlite(SqliteThread),
    Postgres(PgStore),
}

/// The state database, shared by every task of a process; cheap to clone.
#[derive(Clone)]
pub struct StoreHandle {
    backend: Backend,
    lease: Option<Arc<Lease>>,
}

impl StoreHandle {
    /// Opens the state `settings` name: PostgreSQL when `database` is set, else SQLite in
    /// `state_dir` (created when needed). Schemas are brought up to date.
    pub async fn open(settings: &Settings) -> Result<StoreHandle, StoreError> {
        match &settings.database {
            Some(db) => {
                let store = PgStore::connect(db, &super::pg::instance_name()).await?;
                Ok(StoreHandle::postgres(store))
            }
            None => StoreHandle::open_sqlite(&settings.state_dir),
        }
    }

    /// Opens (creating when needed) the SQLite state in `state_dir`.
    pub fn open_sqlite(state_dir: &Path) -> Result<StoreHandle, StoreError> {
        Store::open(state_dir).map(StoreHandle::sqlite)
    }

    /// Opens the state for reading only (`status`, `serve`): `None` when SQLite's file does
    /// not exist yet (nothing was ever built).
    pub async fn open_read_only(settings: &Settings) -> Result<Option<StoreHandle>, StoreError> {
        match &settings.database {
            Some(db) => Ok(Some(StoreHandle::postgres(
                PgStore::connect_read_only(db).await?,
            ))),
            None => {
                let dir = settings.state_dir.clone();
                let opened = tokio::task::spawn_blocking(move || Store::open_read_only(&dir))
                    .await
                    .map_err(|_| StoreError::ShuttingDown)??;
                Ok(opened.map(StoreHandle::sqlite))
            }
        }
    }

    /// A handle on an open SQLite store, moved to a thread of its own.
    pub fn sqlite(store: Store) -> StoreHandle {
        StoreHandle {
            backend: Backend::Sqlite(SqliteThread::new(store)),
            lease: None,
        }
    }

    /// A handle on a PostgreSQL store.
    pub fn postgres(store: PgStore) -> StoreHandle {
        StoreHandle {
            backend: Backend::Postgres(store),
            lease: None,
        }
    }

    /// This handle, its writes fenced by `lease` (see the module's comment).
    pub fn with_lease(&self, lease: Lease) -> StoreHandle {
        StoreHandle {
            backend: self.backend.clone(),
            lease: Some(Arc::new(lease)),
        }
    }

    /// The PostgreSQL store, when that is the backend.
    pub fn postgres_store(&self) -> Option<&PgStore> {
        match &self.backend {
            Backend::Postgres(p) => Some(p),
            Backend::Sqlite(_) => None,
        }
    }

    fn lease(&self) -> Option<&Lease> {
        self.lease.as_deref()
    }

    /// The validators last stored for `url` of `feed`.
    pub async fn validators(
        &self,
        feed: &str,
        url: &Url,
    ) -> Result<Option<Validators>, StoreError> {
        match &self.backend {
            Backend::Sqlite(t) => {
                let (feed, url) = (feed.to_string(), url.clone());
                t.call(move |s| s.validators(&feed, &url)).await
            }
            Backend::Postgres(p) => p.validators(feed, url).await,
        }
    }

    /// What `feed`'s files were last rendered from.
    pub async fn rendered(&self, feed: &str) -> Result<Option<Rendered>, StoreError> {
        match &self.backend {
            Backend::Sqlite(t) => {
                let feed = feed.to_string();
                t.call(move |s| s.rendered(&feed)).await
            }
            Backend::Postgres(p) => p.rendered(feed).await,
        }
    }

    /// Merges a build's list items and validators into `feed`'s history (see [`Store::merge`]).
    pub async fn merge(
        &self,
        feed: &str,
        items: Vec<ListItem>,
        validators: Vec<(Url, Validators)>,
        now: DateTime<Utc>,
        zone: Tz,
        keep: usize,
    ) -> Result<MergeStats, StoreError> {
        match &self.backend {
            Backend::Sqlite(t) => {
                let feed = feed.to_string();
                t.call(move |s| s.merge(&feed, &items, &validators, now, zone, keep))
                    .await
            }
            Backend::Postgres(p) => {
                p.merge(self.lease(), feed, &items, &validators, now, zone, keep)
                    .await
            }
        }
    }

    /// `feed`'s newest `limit` items, newest first.
    pub async fn feed_items(
        &self,
        feed: &str,
        limit: usize,
        zone: Tz,
    ) -> Result<Vec<Item>, StoreError> {
        match &self.backend {
            Backend::Sqlite(t) => {
                let feed = feed.to_string();
                t.call(move |s| s.feed_items(&feed, limit, zone)).await
            }
            Backend::Postgres(p) => p.feed_items(feed, limit, zone).await,
        }
    }

    /// How many items `feed` shows (at most `limit`) and the newest one's time.
    pub async fn feed_summary(
        &self,
        feed: &str,
        limit: usize,
    ) -> Result<(usize, Option<DateTime<Utc>>), StoreError> {
        match &self.backend {
            Backend::Sqlite(t) => {
                let feed = feed.to_string();
                t.call(move |s| s.feed_summary(&feed, limit)).await
            }
            Backend::Postgres(p) => p.feed_summary(feed, limit).await,
        }
    }

    /// [`StoreHandle::feed_summary`] of many feeds (id, limit) at once, in the order asked:
    /// one query with PostgreSQL, one call to SQLite's thread.
    pub async fn feed_summaries(
        &self,
        feeds: &[(String, usize)],
    ) -> Result<Vec<FeedSummary>, StoreError> {
        match &self.backend {
            Backend::Sqlite(t) => {
                let feeds = feeds.to_vec();
                t.call(move |s| s.feed_summaries(&feeds)).await
            }
            Backend::Postgres(p) => p.feed_summaries(feeds).await,
        }
    }

    /// Records a successful build of `feed`.
    pub async fn record_success(
        &self,
        feed: &str,
        now: DateTime<Utc>,
        item_count: usize,
        rendered: Option<Rendered>,
    ) -> Result<(), StoreError> {
        match &self.backend {
            Backend::Sqlite(t) => {
                let feed = feed.to_string();
                t.call(move |s| s.record_success(&feed, now, item_count, rendered.as_ref()))
                    .await
            }
            Backend::Postgres(p) => {
                p.record_success(self.lease(), feed, now, item_count, rendered.as_ref())
                    .await
            }
        }
    }

    /// Records a failed build of `feed`.
    pub async fn record_failure(
        &self,
        feed: &str,
        now: DateTime<Utc>,
        error: &str,
    ) -> Result<(), StoreError> {
        match &self.backend {
            Backend::Sqlite(t) => {
                let (feed, error) = (feed.to_string(), error.to_string());
                t.call(move |s| s.record_failure(&feed, now, &error)).await
            }
            Backend::Postgres(p) => p.record_failure(self.lease(), feed, now, error).await,
        }
    }

    /// Keeps when a failing `feed` may be tried again.
    pub async fn set_next_attempt(&self, feed: &str, at: DateTime<Utc>) -> Result<(), StoreError> {
        match &self.backend {
            Backend::Sqlite(t) => {
                let feed = feed.to_string();
                t.call(move |s| s.set_next_attempt(&feed, at)).await
            }
            Backend::Postgres(p) => p.set_next_attempt(feed, at).await,
        }
    }

    /// Every feed's health, by feed id.
    pub async fn health(&self) -> Result<Vec<FeedHealth>, StoreError> {
        match &self.backend {
            Backend::Sqlite(t) => t.call(|s| s.health()).await,
            Backend::Postgres(p) => p.health().await,
        }
    }

    /// Deletes everything kept for `feed`; gives how many items went.
    pub async fn forget(&self, feed: &str) -> Result<usize, StoreError> {
        match &self.backend {
            Backend::Sqlite(t) => {
                let feed = feed.to_string();
                t.call(move |s| s.forget(&feed)).await
            }
            Backend::Postgres(p) => p.forget(feed).await,
        }
    }

    /// Items of `feed` whose article page is still to be read, newest first.
    pub async fn pending_articles(
        &self,
        feed: &str,
        limit: usize,
    ) -> Result<Vec<PendingArticle>, StoreError> {
        match &self.backend {
            Backend::Sqlite(t) => {
                let feed = feed.to_string();
                t.call(move |s| s.pending_articles(&feed, limit)).await
            }
            Backend::Postgres(p) => p.pending_articles(feed, limit).await,
        }
    }

    /// Stores what `link`'s article page gave.
    pub async fn apply_article(
        &self,
        feed: &str,
        link: &Url,
        update: ArticleUpdate,
    ) -> Result<(), StoreError> {
        match &self.backend {
            Backend::Sqlite(t) => {
                let (feed, link) = (feed.to_string(), link.clone());
                t.call(move |s| s.apply_article(&feed, &link, &update))
                    .await
            }
            Backend::Postgres(p) => p.apply_article(self.lease(), feed, link, &update).await,
        }
    }

    /// Counts a failed attempt at `link`'s article page.
    pub async fn article_failed(&self, feed: &str, link: &Url) -> Result<(), StoreError> {
        match &self.backend {
            Backend::Sqlite(t) => {
                let (feed, link) = (feed.to_string(), link.clone());
                t.call(move |s| s.article_failed(&feed, &link)).await
            }
            Backend::Postgres(p) => p.article_failed(self.lease(), feed, link).await,
        }
    }

    /// Where each field of `link` came from, if recorded.
    pub async fn sources(&self, feed: &str, link: &Url) -> Result<Option<String>, StoreError> {
        match &self.backend {
            Backend::Sqlite(t) => {
                let (feed, link) = (feed.to_string(), link.clone());
                t.call(move |s| s.sources(&feed, &link)).await
            }
            Backend::Postgres(p) => p.sources(feed, link).await,
        }
    }

    /// Keeps `feed`'s rendered files (name, bytes) where every instance can serve them. With
    /// SQLite the output folder is the only copy, and this does nothing.
    pub async fn put_files(
        &self,
        feed: &str,
        files: Vec<(String, Vec<u8>)>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        match &self.backend {
            Backend::Sqlite(_) => Ok(()),
            Backend::Postgres(p) => p.put_files(self.lease(), feed, files, now).await,
        }
    }

    /// Round trips to PostgreSQL so far; `None` with SQLite.
    pub fn round_trips(&self) -> Option<u64> {
        self.postgres_store().map(PgStore::round_trips)
    }
}
