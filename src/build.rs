//! One pass over the feeds: fetch each section page, extract its items, date them, render
//! every format and write the files. A feed that fails keeps its previous files.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, Utc};
use chrono_tz::Tz;
use tokio::task::JoinSet;
use url::Url;

use crate::config::{Config, Feed, Format, Settings};
use crate::detect;
use crate::enrich;
use crate::extract::{self, DateContext, ListItem};
use crate::fetch::{FetchError, FetchOptions, Fetched, Fetcher, Validators};
use crate::output::{self, Written};
use crate::render::publish::{self, FeedSummary};
use crate::render::{self, FeedMeta};
use crate::store::{MergeStats, Store, StoreError};

/// Why one feed could not be built.
#[derive(Debug, thiserror::Error)]
pub enum FeedError {
    #[error("no article list found automatically on {url}; add a [feeds.<id>.select] table (`feedmill suggest <id> --all` shows the candidates)")]
    NotDetected { url: Url },
    #[error("fetch failed: {0}; previous files kept")]
    Fetch(#[from] FetchError),
    #[error("{url} nests its elements {depth} deep (more than {}); the page was not read; previous files kept", crate::html::MAX_NESTING)]
    TooDeep { url: Url, depth: usize },
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

impl FeedError {
    /// How long the site asked us to wait before trying again, when it did (429, 503).
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            FeedError::Fetch(e) => e.retry_after(),
            _ => None,
        }
    }
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
    /// The key the files were rendered with, when they were rendered this time.
    pub render_key: Option<String>,
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
    /// What was decided on the way, e.g. which list automatic detection chose.
    pub notes: Vec<String>,
}

/// Reads one fetched page: refuses absurd nesting, then extracts with the feed's selectors or,
/// without them, with the list detection finds (and a note saying which).
fn read_page(
    page: &crate::fetch::Page,
    select: Option<&crate::config::Select>,
    ctx: DateContext,
) -> Result<(extract::ListPage, Option<String>), FeedError> {
    let depth = crate::html::nesting_depth(&page.html);
    if depth > crate::html::MAX_NESTING {
        return Err(FeedError::TooDeep {
            url: page.url.clone(),
            depth,
        });
    }
    Ok(match select {
        Some(select) => (
            extract::extract_list(&page.html, &page.url, select, ctx),
            None,
        ),
        None => {
            let (select, note) = detect_select(page, ctx)?;
            (
                extract::extract_list(&page.html, &page.url, &select, ctx),
                Some(note),
            )
        }
    })
}

/// For a feed without selectors: the best article list automatic detection finds, and a note
/// saying which it is.
fn detect_select(
    page: &crate::fetch::Page,
    ctx: DateContext,
) -> Result<(crate::config::Select, String), FeedError> {
    let not_found = || FeedError::NotDetected {
        url: page.url.clone(),
    };
    let best = detect::detect(&page.html, &page.url, ctx)
        .into_iter()
        .next()
        .ok_or_else(not_found)?;
    let select = best.to_select().map_err(|e| {
        tracing::warn!("detected selectors do not parse: {e}");
        not_found()
    })?;
    let note = format!(
        "list chosen automatically: item = \"{}\" ({} items, score {:.2}; {})",
        best.item,
        best.count,
        best.score,
        best.reasons.join(", ")
    );
    tracing::debug!("{note}");
    Ok((select, note))
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
        // Parsing is the CPU-heavy part: it runs on the blocking pool, so a huge page on one
        // feed never stalls the network I/O (and its timeouts) of the others.
        let select = feed.select.clone();
        let parsed = tokio::task::spawn_blocking(move || read_page(&page, select.as_ref(), ctx))
            .await
            .map_err(|e| FeedError::Internal(e.to_string()))?;
        let (list, note) = parsed.map_err(|e| match e {
            FeedError::TooDeep { depth, .. } => FeedError::TooDeep {
                url: url.clone(),
                depth,
            },
            other => other,
        })?;
        if let Some(note) = note {
            out.notes
                .push(if many { format!("{url}: {note}") } else { note });
        }
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
        let before = list.items.len();
        let kept: Vec<ListItem> = list
            .items
            .into_iter()
            .filter(|i| {
                feed.filter.keeps(
                    i.title.as_deref().unwrap_or(""),
                    i.summary.as_deref().unwrap_or(""),
                )
            })
            .collect();
        if kept.len() < before {
            out.warnings.push(format!(
                "the filter left out {} of {before} items",
                before - kept.len()
            ));
        }
        out.items
            .extend(kept.into_iter().filter(|i| seen.insert(i.link.clone())));
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
    let not_modified = collected.unchanged_pages == feed.urls.len();
    let stats = if collected.items.is_empty() && collected.validators.is_empty() {
        MergeStats::default()
    } else {
        lock(store).merge(
            &feed.id,
            &collected.items,
            &collected.validators,
            now,
            zone,
            keep,
        )?
    };
    let enriched = match &feed.article {
        Some(rules) => enrich::enrich_feed(feed, rules, fetcher, store, ctx).await?,
        None => enrich::EnrichStats::default(),
    };
    let meta = feed_meta(feed, settings);
    let key = render_key(&meta, feed);
    let paths: Vec<PathBuf> = feed
        .formats
        .iter()
        .map(|&f| output_path(settings, &feed.id, f))
        .collect();
    // Nothing new from the site, nothing new from article pages, the same settings: the files
    // on disk are what rendering would give again, so skip it (a warm build's main cost).
    if not_modified
        && enriched.fetched == 0
        && lock(store).render_key(&feed.id)?.as_deref() == Some(key.as_str())
        && paths.iter().all(|p| p.is_file())
    {
        let (items, _) = lock(store).feed_summary(&feed.id, feed.max_items)?;
        return Ok(FeedOutcome {
            items,
            new_items: 0,
            not_modified,
            render_key: None,
            files: paths.into_iter().map(|p| (p, Written::Unchanged)).collect(),
            warnings: collected.warnings,
        });
    }
    let shown = lock(store).feed_items(&feed.id, feed.max_items, zone)?;
    // With a filter an empty feed is an answer (nothing matched yet), not a broken page.
    if shown.is_empty() && feed.filter.is_empty() {
        return Err(FeedError::NoItems {
            url: feed.urls[0].clone(),
            hint: "nothing is stored for this feed yet".into(),
        });
    }

    let mut files = Vec::new();
    for (&format, path) in feed.formats.iter().zip(paths) {
        let text = match format {
            Format::Rss => render::rss::render(&meta, &shown),
            Format::Atom => render::atom::render(&meta, &shown, in_zone(now, zone)),
            Format::Json => render::json::render(&meta, &shown),
        };
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
        not_modified,
        render_key: Some(key),
        files,
        warnings: collected.warnings,
    })
}

/// What a feed's files depend on besides its items: its metadata, formats, size and this
/// version of feedmill. Files rendered under another key are rendered again.
pub fn render_key(meta: &FeedMeta, feed: &Feed) -> String {
    let text = format!(
        "{meta:?}|{:?}|{}|{}",
        feed.formats,
        feed.max_items,
        env!("CARGO_PKG_VERSION")
    );
    format!("{:016x}", output::fnv64(text.as_bytes()))
}

/// How many items per feed the store keeps, as a multiple of what the feed shows.
pub const KEEP_FACTOR: usize = 4;

/// The index page and OPML file, named in the output folder.
pub const INDEX_FILE: &str = "index.html";
pub const OPML_FILE: &str = "feeds.opml";

/// Writes `index.html` and `feeds.opml` for every configured feed, from what the store holds.
pub fn write_publish_files(config: &Config, store: &Store) -> Result<(), FeedError> {
    let settings = &config.settings;
    let health = store.health()?;
    let mut feeds = Vec::with_capacity(config.feeds.len());
    for feed in &config.feeds {
        let (items, newest) = store.feed_summary(&feed.id, feed.max_items)?;
        let failing = health
            .iter()
            .find(|h| h.feed == feed.id && h.consecutive_failures > 0)
            .and_then(|h| h.last_error.clone());
        feeds.push(FeedSummary {
            id: feed.id.clone(),
            title: feed.title.clone(),
            page_url: feed.urls[0].clone(),
            formats: feed.formats.clone(),
            items,
            updated: newest.map(|t| in_zone(t, settings.timezone)),
            failing,
        });
    }
    let base = settings.base_url.as_ref();
    for (name, text) in [
        (INDEX_FILE, publish::index_html(&feeds, base)),
        (OPML_FILE, publish::opml(&feeds, base)),
    ] {
        let path = settings.output_dir.join(name);
        output::write_atomic(&path, text.as_bytes())
            .map_err(|source| FeedError::Write { path, source })?;
    }
    Ok(())
}

/// Locks the store. A panic while it was held cannot leave the database half-written
/// (transactions roll back), so a poisoned lock is still usable.
pub fn lock(store: &Mutex<Store>) -> std::sync::MutexGuard<'_, Store> {
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

/// Builds feed number `index` of `config` and records how it went in the store's health table.
pub async fn build_and_record(
    config: Arc<Config>,
    index: usize,
    fetcher: Arc<Fetcher>,
    store: Arc<Mutex<Store>>,
    now: DateTime<Utc>,
) -> FeedReport {
    let feed = &config.feeds[index];
    let started = Instant::now();
    let result = build_feed(&config, feed, &fetcher, &store, now).await;
    let recorded = match &result {
        Ok(o) => lock(&store).record_success(&feed.id, now, o.items, o.render_key.as_deref()),
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
}

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
        store: &Arc<Mutex<Store>>,
        now: DateTime<Utc>,
    ) {
        let id = config.feeds[index].id.clone();
        let fut = build_and_record(
            Arc::clone(config),
            index,
            Arc::clone(fetcher),
            Arc::clone(store),
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

/// Builds the feeds named in `ids` (all when empty), concurrently within the fetcher's
/// limits. `on_done` sees each report as its feed finishes; the reports come back in id order.
/// Then writes the index page and OPML.
pub async fn build_all(
    config: Arc<Config>,
    ids: &[String],
    now: DateTime<Utc>,
    mut on_done: impl FnMut(&FeedReport),
) -> Result<Vec<FeedReport>, BuildError> {
    let fetcher = Arc::new(Fetcher::new(&fetch_options(&config.settings))?);
    let store = Arc::new(Mutex::new(Store::open(&config.settings.state_dir)?));
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
    if let Err(e) = write_publish_files(&config, &lock(&store)) {
        tracing::warn!("cannot write the index page and OPML: {e}");
    }
    Ok(reports)
}
