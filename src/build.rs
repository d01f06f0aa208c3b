//! One pass over the feeds: fetch each section page, extract its items, date them, render
//! every format and write the files. A feed that fails keeps its previous files.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, Utc};
use chrono_tz::Tz;
use tokio::task::JoinSet;
use url::Url;

use crate::config::{Config, Feed, Format, Settings};
use crate::extract::{self, DateContext, ListItem};
use crate::fetch::{FetchError, FetchOptions, Fetcher};
use crate::item::{self, Item};
use crate::output::{self, Written};
use crate::render::{self, FeedMeta};

/// Why one feed could not be built.
#[derive(Debug, thiserror::Error)]
pub enum FeedError {
    #[error("no selectors: add a [feeds.<id>.select] table with at least `item = \"<css>\"` (run `feedmill check <id>` while writing it)")]
    NotConfigured,
    #[error("fetch failed: {0}; previous files kept")]
    Fetch(#[from] FetchError),
    #[error("no items found on {url}: {hint}; previous files kept")]
    NoItems { url: Url, hint: String },
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
    /// Of those, how many the previous files did not have.
    pub new_items: usize,
    /// Each file and whether its bytes changed.
    pub files: Vec<(PathBuf, Written)>,
    pub warnings: Vec<String>,
}

/// The items of a feed's pages, merged and deduplicated, with what went wrong on the way.
#[derive(Debug, Default)]
pub struct Collected {
    pub items: Vec<ListItem>,
    pub warnings: Vec<String>,
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

/// Fetches and extracts every page of `feed`. Pages are read in order; an item seen on an
/// earlier page wins.
pub async fn collect(
    feed: &Feed,
    fetcher: &Fetcher,
    ctx: DateContext,
) -> Result<Collected, FeedError> {
    let select = feed.select.as_ref().ok_or(FeedError::NotConfigured)?;
    let mut out = Collected::default();
    let mut seen = std::collections::HashSet::new();
    for url in &feed.urls {
        let page = fetcher.get(url).await?;
        let list = extract::extract_list(&page.html, &page.url, select, ctx);
        let many = feed.urls.len() > 1;
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
    }
    Ok(out)
}

/// Turns list items into feed items: a dated item keeps its time; one without gets the fetch
/// time (the state store will give it a stable first-seen time).
pub fn to_items(list: Vec<ListItem>, fetched_at: DateTime<Utc>, zone: Tz) -> Vec<Item> {
    let now = in_zone(fetched_at, zone);
    list.into_iter()
        .map(|li| Item {
            title: li.title.unwrap_or_default(),
            published: li.date.map_or(now, |s| s.instant),
            updated: None,
            link: li.link,
            summary: li.summary,
            author: li.author,
            image: li.image,
        })
        .collect()
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

/// Builds one feed and writes its files.
pub async fn build_feed(
    config: &Config,
    feed: &Feed,
    fetcher: &Fetcher,
    now: DateTime<Utc>,
) -> Result<FeedOutcome, FeedError> {
    let settings = &config.settings;
    let ctx = DateContext {
        fetched_at: now,
        zone: settings.timezone,
    };
    let collected = collect(feed, fetcher, ctx).await?;
    let mut items = to_items(collected.items, now, settings.timezone);
    item::sort_newest_first(&mut items);
    items.truncate(feed.max_items);

    let known = previous_links(&output_path(settings, &feed.id, Format::Rss));
    let new_items = items
        .iter()
        .filter(|i| !known.contains(i.link.as_str()))
        .count();

    let meta = feed_meta(feed, settings);
    let mut files = Vec::new();
    for &format in &feed.formats {
        let text = match format {
            Format::Rss => render::rss::render(&meta, &items),
            Format::Atom => render::atom::render(&meta, &items, in_zone(now, settings.timezone)),
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
        items: items.len(),
        new_items,
        files,
        warnings: collected.warnings,
    })
}

/// The item links of the RSS file already on disk, to count what is new.
fn previous_links(path: &std::path::Path) -> std::collections::HashSet<String> {
    let Ok(file) = std::fs::File::open(path) else {
        return Default::default();
    };
    rss::Channel::read_from(std::io::BufReader::new(file))
        .map(|c| c.items.into_iter().filter_map(|i| i.link).collect())
        .unwrap_or_default()
}

/// Builds the feeds named in `ids` (all when empty), concurrently within the fetcher's
/// limits. `on_done` sees each report as its feed finishes; the reports come back in id order.
pub async fn build_all(
    config: Arc<Config>,
    ids: &[String],
    now: DateTime<Utc>,
    mut on_done: impl FnMut(&FeedReport),
) -> Result<Vec<FeedReport>, reqwest::Error> {
    let fetcher = Arc::new(Fetcher::new(&fetch_options(&config.settings))?);
    let mut tasks = JoinSet::new();
    let mut task_feed = std::collections::HashMap::new();
    for (index, feed) in config.feeds.iter().enumerate() {
        if !ids.is_empty() && !ids.contains(&feed.id) {
            continue;
        }
        let (config, fetcher) = (Arc::clone(&config), Arc::clone(&fetcher));
        let id = feed.id.clone();
        let handle = tasks.spawn(async move {
            let feed = &config.feeds[index];
            let started = Instant::now();
            let result = build_feed(&config, feed, &fetcher, now).await;
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
