//! One pass over the feeds: fetch each section page, extract its items, date them, render
//! every format and write the files. A feed that fails keeps its previous files.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, Utc};
use chrono_tz::Tz;
use tokio::task::JoinSet;
use url::Url;

use crate::config::{Config, Feed, Format, Settings};
use crate::extract::{self, DateContext, ListItem};
use crate::fetch::{FetchError, FetchOptions, Fetched, Fetcher, Validators};
use crate::output::{self, Written};
use crate::render::{self, FeedMeta};
use crate::store::{Store, StoreError};

/// Why one feed could not be built.
#[derive(Debug, thiserror::Error)]
pub enum FeedError {
    #[error("no selectors: add a [feeds.<id>.select] table with at least `item = \"<css>\"` (run `feedmill check <id>` while writing it)")]
    NotConfigured,
    #[error("fetch failed: {0}; previous files kept")]
    Fetch(#[from] FetchError),
    #[error("no items found on {url}: {hint}; previous files kept")]
    NoItems { url: Url, hint: String },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("internal error (a bug; please report it): {0}")]
    Internal(String),
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// What one feed's build came to.
#[derive(Debug)]
pub struct FeedReport {
    pub id: String,
    pub elapsed: Duration,
    pub result: Result<FeedOutcome, FeedError>,
}

/// A feed built and written.
#[derive(Debug)]
pub struct FeedOutcome {
    /// Items in the written feed.
    pub items: usize,
    /// Items this build saw for the first time.
    pub new_items: usize,
    /// Every page answered 304 Not Modified.
    pub not_modified: bool,
    /// Each file and whether its bytes changed.
    pub files: Vec<(PathBuf, Written)>,
    pub warnings: Vec<String>,
}

/// The items of a feed's pages, merged and deduplicated, with what went wrong on the way.
#[derive(Debug, Default)]
pub struct Collected {
    pub items: Vec<ListItem>,
    pub warnings: Vec<String>,
    /// Validators of the pages that answered 200, to store with the items.
    pub validators: Vec<(Url, Validators)>,
    /// How many pages answered 304 Not Modified.
    pub unchanged_pages: usize,
}

/// Options for a run's fetcher, from the settings.
pub fn fetch_options(settings: &Settings) -> FetchOptions {
    FetchOptions {
        user_agent: settings.user_agent.clone(),
        timeout: settings.timeout,
        host_delay: settings.host_delay,
        concurrency: settings.concurrency,
    }
}

/// Fetches and extracts every page of `feed`, sending the validators `known` gives for each
/// page. Pages are read in order; an item seen on an earlier page wins. A page that answers
/// 304 is skipped (its items are in the store already); one with no items fails the feed.
pub async fn collect(
    feed: &Feed,
    fetcher: &Fetcher,
    ctx: DateContext,
    known: impl Fn(&Url) -> Result<Option<Validators>, StoreError>,
) -> Result<Collected, FeedError> {
    let select = feed.select.as_ref().ok_or(FeedError::NotConfigured)?;
    let mut out = Collected::default();
    let mut seen = HashSet::new();
    let many = feed.urls.len() > 1;
    for url in &feed.urls {
        let (page, validators) = match fetcher.get_if_changed(url, known(url)?.as_ref()).await? {
            Fetched::NotModified => {
                out.unchanged_pages += 1;
                continue;
            }
            Fetched::Page(page, v) => (page, v),
        };
        let list = extract::extract_list(&page.html, &page.url, select, ctx);
        out.warnings.extend(list.warnings.into_iter().map(|w| {
            if many {
                format!("{url}: {w}")
            } else {
                w
            }
        }));
        if list.items.is_empty() {
            let hint = out
                .warnings
                .last()
                .cloned()
                .unwrap_or_else(|| "the page had no items".into());
            return Err(FeedError::NoItems {
                url: url.clone(),
                hint,
            });
        }
        out.items.extend(
            list.items
                .into_iter()
                .filter(|i| seen.insert(i.link.clone())),
        );
        if !validators.is_empty() {
            out.validators.push((url.clone(), validators));
        }
    }
    Ok(out)
}

/// `t` shown in `zone`'s offset.
pub fn in_zone(t: DateTime<Utc>, zone: Tz) -> DateTime<FixedOffset> {
    t.with_timezone(&zone).fixed_offset()
}

/// The metadata the renderers need for `feed`.
pub fn feed_meta(feed: &Feed, settings: &Settings) -> FeedMeta {
    FeedMeta {
        id: feed.id.clone(),
        title: feed.title.clone(),
        page_url: feed.urls[0].clone(),
        description: feed.description.clone(),
        language: feed.language.clone(),
        base_url: settings.base_url.clone(),
    }
}

/// Where `feed`'s file in `format` goes.
pub fn output_path(settings: &Settings, feed_id: &str, format: Format) -> PathBuf {
    settings
        .output_dir
        .join(format!("{feed_id}.{}", format.extension()))
}

/// Builds one feed: fetches its pages (conditionally), merges their items into the store,
/// renders the feed's newest items from the store and writes every format.
pub async fn build_feed(
    config: &Config,
    feed: &Feed,
    fetcher: &Fetcher,
    store: &Mutex<Store>,
    now: DateTime<Utc>,
) -> Result<FeedOutcome, FeedError> {
    let settings = &config.settings;
    let zone = settings.timezone;
    let ctx = DateContext {
        fetched_at: now,
        zone,
    };
    let collected = collect(feed, fetcher, ctx, |url| {
        lock(store).validators(&feed.id, url)
    })
    .await?;

    let keep = feed.max_items.saturating_mul(KEEP_FACTOR);
    let (stats, shown) = {
        let mut store = lock(store);
        let stats = store.merge(
            &feed.id,
            &collected.items,
            &collected.validators,
            now,
            zone,
            keep,
        )?;
        (stats, store.feed_items(&feed.id, feed.max_items, zone)?)
    };
    if shown.is_empty() {
        return Err(FeedError::NoItems {
            url: feed.urls[0].clone(),
            hint: "nothing is stored for this feed yet".into(),
        });
    }

    let meta = feed_meta(feed, settings);
    let mut files = Vec::new();
    for &format in &feed.formats {
        let text = match format {
            Format::Rss => render::rss::render(&meta, &shown),
            Format::Atom => render::atom::render(&meta, &shown, in_zone(now, zone)),
        };
        let path = output_path(settings, &feed.id, format);
        let written =
            output::write_atomic(&path, text.as_bytes()).map_err(|source| FeedError::Write {
                path: path.clone(),
                source,
            })?;
        files.push((path, written));
    }
    Ok(FeedOutcome {
        items: shown.len(),
        new_items: stats.new,
        not_modified: collected.unchanged_pages == feed.urls.len(),
        files,
        warnings: collected.warnings,
    })
}

/// How many items per feed the store keeps, as a multiple of what the feed shows.
pub const KEEP_FACTOR: usize = 4;

/// Locks the store. A panic while it was held cannot leave the database half-written
/// (transactions roll back), so a poisoned lock is still usable.
fn lock(store: &Mutex<Store>) -> std::sync::MutexGuard<'_, Store> {
    store.lock().unwrap_or_else(|e| e.into_inner())
}

/// Why a build could not start at all.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("cannot set up HTTP: {0}")]
    Http(#[from] reqwest::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Builds the feeds named in `ids` (all when empty), concurrently within the fetcher's
/// limits. `on_done` sees each report as its feed finishes; the reports come back in id order.
pub async fn build_all(
    config: Arc<Config>,
    ids: &[String],
    now: DateTime<Utc>,
    mut on_done: impl FnMut(&FeedReport),
) -> Result<Vec<FeedReport>, BuildError> {
    let fetcher = Arc::new(Fetcher::new(&fetch_options(&config.settings))?);
    let store = Arc::new(Mutex::new(Store::open(&config.settings.state_dir)?));
    let mut tasks = JoinSet::new();
    let mut task_feed = std::collections::HashMap::new();
    for (index, feed) in config.feeds.iter().enumerate() {
        if !ids.is_empty() && !ids.contains(&feed.id) {
            continue;
        }
        let (config, fetcher, store) = (
            Arc::clone(&config),
            Arc::clone(&fetcher),
            Arc::clone(&store),
        );
        let id = feed.id.clone();
        let handle = tasks.spawn(async move {
            let feed = &config.feeds[index];
            let started = Instant::now();
            let result = build_feed(&config, feed, &fetcher, &store, now).await;
            let recorded = match &result {
                Ok(o) => lock(&store).record_success(&feed.id, now, o.items),
                Err(e) => lock(&store).record_failure(&feed.id, now, &e.to_string()),
            };
            if let Err(e) = recorded {
                tracing::warn!(feed = %feed.id, "cannot record the feed's health: {e}");
            }
            FeedReport {
                id: feed.id.clone(),
                elapsed: started.elapsed(),
                result,
            }
        });
        task_feed.insert(handle.id(), id);
    }
    let mut reports = Vec::new();
    while let Some(done) = tasks.join_next_with_id().await {
        let report = match done {
            Ok((_, r)) => r,
            // A panic inside one feed's task must not take the others down; it is a bug, so say so.
            Err(e) => FeedReport {
                id: task_feed.get(&e.id()).cloned().unwrap_or_default(),
                elapsed: Duration::ZERO,
                result: Err(FeedError::Internal(e.to_string())),
            },
        };
        on_done(&report);
        reports.push(report);
    }
    reports.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(reports)
}
