//! TEMPORARY: the PostgreSQL operations still to be written (items, health, articles, files).
//! Each answers an error; the helpers writing them replace this file.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use url::Url;

use super::PgStore;
use crate::extract::ListItem;
use crate::fetch::Validators;
use crate::item::Item;
use crate::store::{
    ArticleUpdate, FeedHealth, Lease, MergeStats, PendingArticle, Rendered, StoreError,
};

fn missing() -> StoreError {
    StoreError::Postgres("not written yet".into())
}

#[allow(clippy::too_many_arguments, unused_variables)]
impl PgStore {
    pub async fn validators(
        &self,
        feed: &str,
        url: &Url,
    ) -> Result<Option<Validators>, StoreError> {
        Err(missing())
    }
    pub async fn rendered(&self, feed: &str) -> Result<Option<Rendered>, StoreError> {
        Err(missing())
    }
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
        Err(missing())
    }
    pub async fn feed_items(
        &self,
        feed: &str,
        limit: usize,
        zone: Tz,
    ) -> Result<Vec<Item>, StoreError> {
        Err(missing())
    }
    pub async fn feed_summary(
        &self,
        feed: &str,
        limit: usize,
    ) -> Result<(usize, Option<DateTime<Utc>>), StoreError> {
        Err(missing())
    }
    pub async fn record_success(
        &self,
        lease: Option<&Lease>,
        feed: &str,
        now: DateTime<Utc>,
        item_count: usize,
        rendered: Option<&Rendered>,
    ) -> Result<(), StoreError> {
        Err(missing())
    }
    pub async fn record_failure(
        &self,
        lease: Option<&Lease>,
        feed: &str,
        now: DateTime<Utc>,
        error: &str,
    ) -> Result<(), StoreError> {
        Err(missing())
    }
    pub async fn set_next_attempt(&self, feed: &str, at: DateTime<Utc>) -> Result<(), StoreError> {
        Err(missing())
    }
    pub async fn health(&self) -> Result<Vec<FeedHealth>, StoreError> {
        Err(missing())
    }
    pub async fn forget(&self, feed: &str) -> Result<usize, StoreError> {
        Err(missing())
    }
    pub async fn pending_articles(
        &self,
        feed: &str,
        limit: usize,
    ) -> Result<Vec<PendingArticle>, StoreError> {
        Err(missing())
    }
    pub async fn apply_article(
        &self,
        lease: Option<&Lease>,
        feed: &str,
        link: &Url,
        update: &ArticleUpdate,
    ) -> Result<(), StoreError> {
        Err(missing())
    }
    pub async fn article_failed(
        &self,
        lease: Option<&Lease>,
        feed: &str,
        link: &Url,
    ) -> Result<(), StoreError> {
        Err(missing())
    }
    pub async fn sources(&self, feed: &str, link: &Url) -> Result<Option<String>, StoreError> {
        Err(missing())
    }
}
