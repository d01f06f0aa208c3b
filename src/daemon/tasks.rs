//! Feed builds running as tasks: one round over the feeds (`feedmill build`) or, driven by the
//! scheduler, forever (`feedmill run`); and the index page and OPML written after them.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::task::JoinSet;

use crate::build::{self, FeedError, FeedReport};
use crate::config::Config;
use crate::dates;
use crate::fetch::{FetchOptions, Fetcher};
use crate::output;
use crate::render::publish::{self, FeedSummary};
use crate::store::{FeedHealth, StoreError, StoreHandle};

/// Feed builds running as tasks. A build that panics (a bug) is reported as that feed's
/// failure instead of taking the others down.
#[derive(Default)]
pub struct FeedTasks {
    set: JoinSet<FeedReport>,
    ids: HashMap<tokio::task::Id, String>,
}

impl FeedTasks {
    /// Starts building feed `index` of `config`.
    pub fn spawn(
        &mut self,
        config: &Arc<Config>,
        index: usize,
        fetcher: &Arc<Fetcher>,
        store: &StoreHandle,
        now: DateTime<Utc>,
    ) {
        let id = config.feeds[index].id.clone();
        let fut = build::build_and_record(
            Arc::clone(config),
            index,
            Arc::clone(fetcher),
            store.clone(),
            now,
        );
        let handle = self.set.spawn(fut);
        self.ids.insert(handle.id(), id);
    }

    /// The next build to finish; `None` when none is running.
    pub async fn next(&mut self) -> Option<FeedReport> {
        let done = self.set.join_next_with_id().await?;
        Some(match done {
            Ok((task, report)) => {
                self.ids.remove(&task);
                report
            }
            Err(e) => FeedReport {
                id: self.ids.remove(&e.id()).unwrap_or_default(),
                elapsed: Duration::ZERO,
                result: Err(FeedError::Internal(e.to_string())),
            },
        })
    }

    /// Whether feed `id` is being built now.
    pub fn is_running(&self, id: &str) -> bool {
        self.ids.values().any(|v| v == id)
    }

    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }
}

/// Why a round of builds could not start at all.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot set up HTTP: {0}")]
    Http(#[from] reqwest::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Builds the feeds named in `ids` (all when empty), concurrently within the fetcher's
/// limits. `on_done` sees each report as its feed finishes; the reports come back in id order.
/// Then writes the index page and OPML.
pub async fn build_all(
    config: Arc<Config>,
    ids: &[String],
    now: DateTime<Utc>,
    mut on_done: impl FnMut(&FeedReport),
) -> Result<Vec<FeedReport>, StartError> {
    let fetcher = Arc::new(Fetcher::new(&FetchOptions::from_settings(
        &config.settings,
    ))?);
    let store = StoreHandle::open(&config.settings).await?;
    let mut tasks = FeedTasks::default();
    for (index, feed) in config.feeds.iter().enumerate() {
        if ids.is_empty() || ids.contains(&feed.id) {
            tasks.spawn(&config, index, &fetcher, &store, now);
        }
    }
    let mut reports = Vec::new();
    while let Some(report) = tasks.next().await {
        on_done(&report);
        reports.push(report);
    }
    reports.sort_by(|a, b| a.id.cmp(&b.id));
    write_index_files(&config, &store).await;
    Ok(reports)
}

/// Why the index page or OPML could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {}: {source}", path.display())]
pub struct IndexError {
    path: std::path::PathBuf,
    source: std::io::Error,
}

/// Writes `index.html` and `feeds.opml` for every configured feed, from what the store holds;
/// a failure is logged, never fatal (the feeds themselves are written). Gives the feeds' health
/// as it was read for the index, so the daemon's health board need not read it again.
pub async fn write_index_files(
    config: &Arc<Config>,
    store: &StoreHandle,
) -> Option<Vec<FeedHealth>> {
    let read = async {
        let asked: Vec<(String, usize)> = config
            .feeds
            .iter()
            .map(|f| (f.id.clone(), f.max_items))
            .collect();
        let summaries = store.feed_summaries(&asked).await?;
        Ok::<_, StoreError>((store.health().await?, summaries))
    }
    .await;
    let (health, summaries) = match read {
        Ok(read) => read,
        Err(e) => {
            tracing::warn!("cannot write the index page and OPML: {e}");
            return None;
        }
    };
    if let Err(e) = write_index(config, &health, &summaries) {
        tracing::warn!("cannot write the index page and OPML: {e}");
    }
    Some(health)
}

/// The index page and OPML from each feed's (item count, newest item) and the health table.
fn write_index(
    config: &Config,
    health: &[FeedHealth],
    summaries: &[(usize, Option<DateTime<Utc>>)],
) -> Result<(), IndexError> {
    let settings = &config.settings;
    let feeds: Vec<FeedSummary> = config
        .feeds
        .iter()
        .zip(summaries)
        .map(|(feed, &(items, newest))| FeedSummary {
            built: feed
                .formats
                .iter()
                .all(|&format| output::feed_path(&settings.output_dir, &feed.id, format).is_file()),
            id: feed.id.clone(),
            title: feed.title.clone(),
            page_url: feed.urls[0].clone(),
            formats: feed.formats.clone(),
            items,
            updated: newest.map(|t| dates::in_zone(t, settings.timezone)),
            failing: health
                .iter()
                .find(|h| h.feed == feed.id && h.consecutive_failures > 0)
                .and_then(|h| h.last_error.clone()),
        })
        .collect();
    for (name, text) in publish::files(&feeds, settings.base_url.as_ref()) {
        let path = settings.output_dir.join(name);
        output::write_atomic(&path, text.as_bytes())
            .map_err(|source| IndexError { path, source })?;
    }
    Ok(())
}
