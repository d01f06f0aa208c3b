//! One pass over the feeds: fetch each section page, extract its items, date them, render
//! every format and write the files. A feed that fails keeps its previous files.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use url::Url;

use crate::config::{Config, Feed, Format};
use crate::dates::{self, DateContext};
use crate::detect;
use crate::enrich::{self, EnrichError};
use crate::extract::{self, ListItem};
use crate::fetch::{FetchError, Fetched, Fetcher, Validators};
use crate::metrics::{BuildCounts, BuiltCounts};
use crate::output::{self, Written};
use crate::render::{self, FeedMeta};
use crate::store::{MergeStats, Rendered, StoreError, StoreHandle};

/// Why one feed could not be built.
#[derive(Debug, thiserror::Error)]
pub enum FeedError {
    #[error("no article list found automatically on {url}; add a [feeds.<id>.select] table (`feedmill suggest <id> --all` shows the candidates)")]
    NotDetected { url: Url },
    #[error("fetch failed: {0}")]
    Fetch(#[from] FetchError),
    #[error(
        "{url} nests its elements {depth} deep (more than {}); the page was not read",
        crate::html::MAX_NESTING
    )]
    TooDeep { url: Url, depth: usize },
    #[error("{url}: {source}")]
    Json {
        url: Url,
        source: Box<crate::jsonlist::JsonListError>,
    },
    #[error("{url} looks like a page built by JavaScript ({what}): set `render = \"browser\"` on the feed to read it in headless Chromium, or read the JSON its scripts load with a [feeds.<id>.json] table")]
    JsShell { url: Url, what: String },
    #[error("no items found on {url}: {hint}")]
    NoItems { url: Url, hint: String },
    #[error("{url} answered a feed that could not be read ({reason}); check the URL in a browser or feed validator")]
    BadFeed { url: Url, reason: String },
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

impl From<EnrichError> for FeedError {
    fn from(e: EnrichError) -> FeedError {
        match e {
            EnrichError::Store(e) => FeedError::Store(e),
            EnrichError::Internal(e) => FeedError::Internal(e),
        }
    }
}

impl FeedError {
    /// The error as a build reports it: with what became of the feed's files, when the
    /// build stopped before writing any (`check`, which writes nothing, shows the bare error).
    pub fn build_message(&self) -> String {
        match self {
            FeedError::Write { .. } | FeedError::Internal(_) => self.to_string(),
            _ => format!("{self}; previous files kept"),
        }
    }

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

impl FeedReport {
    /// The build in numbers, for the metrics.
    pub fn counts(&self) -> BuildCounts {
        BuildCounts {
            elapsed: self.elapsed,
            done: self.result.as_ref().ok().map(|o| BuiltCounts {
                items: o.items,
                new_items: o.new_items,
                not_modified: o.not_modified,
            }),
        }
    }
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
    /// What the files were rendered from and hold, when they were rendered this time.
    pub rendered: Option<Rendered>,
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

/// Reads one fetched page: a JSON list when the feed has a `json` table; else refuses absurd
/// nesting, then extracts with the feed's selectors or, without them, with the list detection
/// finds (in the HTML, else in the page's JSON), with a note saying which.
fn read_page(
    page: &crate::fetch::Page,
    select: Option<&crate::config::Select>,
    json: Option<&crate::config::JsonSource>,
    ctx: DateContext,
) -> Result<(extract::ListPage, Option<String>), FeedError> {
    if let Some(json) = json {
        let ct = page.content_type.as_deref();
        return crate::jsonlist::read_list(&page.html, ct, &page.url, json, ctx)
            .map(|(list, note)| (list, Some(note)))
            .map_err(|source| FeedError::Json {
                url: page.url.clone(),
                source: Box::new(source),
            });
    }
    let depth = crate::html::nesting_depth(&page.html);
    if depth > crate::html::MAX_NESTING {
        return Err(FeedError::TooDeep {
            url: page.url.clone(),
            depth,
        });
    }
    // A source that answers RSS, Atom or JSON Feed: its entries are the items.
    if extract::looks_like_feed(page.content_type.as_deref(), &page.html) {
        let list = extract::extract_feed(&page.html, &page.url, ctx).map_err(|reason| {
            FeedError::BadFeed {
                url: page.url.clone(),
                reason,
            }
        })?;
        return Ok((
            list,
            Some("read the page as a feed (RSS, Atom or JSON Feed)".into()),
        ));
    }
    Ok(match select {
        Some(select) => match detect::complete_select(select, &page.html, &page.url, ctx) {
            Some((filled, note)) => (
                extract::extract_list(&page.html, &page.url, &filled, ctx),
                Some(note),
            ),
            None => (
                extract::extract_list(&page.html, &page.url, select, ctx),
                None,
            ),
        },
        None => {
            let best = if crate::jsonlist::looks_like_json(&page.html) {
                None
            } else {
                detect::detect(&page.html, &page.url, ctx)
                    .into_iter()
                    .next()
            };
            // A page whose HTML holds no sure list may carry it as JSON (a Next.js page, an API).
            if best.as_ref().is_none_or(|b| b.low_confidence.is_some()) {
                let ct = page.content_type.as_deref();
                if let Some((list, note)) =
                    crate::jsonlist::read_detected(&page.html, ct, &page.url, ctx)
                {
                    tracing::debug!("{note}");
                    return Ok((list, Some(note)));
                }
            }
            let (select, note) = detect_select(page, best)?;
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
    best: Option<detect::Candidate>,
) -> Result<(crate::config::Select, String), FeedError> {
    let not_found = || FeedError::NotDetected {
        url: page.url.clone(),
    };
    let best = best.ok_or_else(not_found)?;
    let select = best.to_select().map_err(|e| {
        tracing::warn!("detected selectors do not parse: {e}");
        not_found()
    })?;
    let note = best.note();
    tracing::debug!("{note}");
    Ok((select, note))
}

/// Fetches and extracts every page of `feed`, sending the validators `known` holds for each
/// page. Pages are read in order; an item seen on an earlier page wins. A page that answers
/// 304 is skipped (its items are in the store already); one with no items fails the feed.
pub async fn collect(
    feed: &Feed,
    fetcher: &Fetcher,
    ctx: DateContext,
    known: &HashMap<Url, Validators>,
) -> Result<Collected, FeedError> {
    let mut out = Collected::default();
    let mut seen = HashSet::new();
    let many = feed.urls.len() > 1;
    let mut failures = Vec::new();
    for url in &feed.urls {
        let before = (out.warnings.len(), out.notes.len());
        match crate::pages::collect_section(feed, fetcher, ctx, known, url, &mut seen, &mut out)
            .await
        {
            Ok(Some(())) => {}
            Ok(None) => out.unchanged_pages += 1,
            // One page of several that fails is a warning; the feed is built from the others.
            Err(e) if many => {
                out.warnings.truncate(before.0);
                out.notes.truncate(before.1);
                out.warnings.push(format!("{url}: skipped this page: {e}"));
                failures.push(e);
            }
            Err(e) => return Err(e),
        }
    }
    if failures.len() == feed.urls.len() {
        // Every page failed: the feed fails with the first page's reason.
        return Err(failures.swap_remove(0));
    }
    Ok(out)
}

/// What one page of a feed gave.
pub(crate) struct PageRead {
    /// Its items after the feed's filter.
    pub(crate) items: Vec<ListItem>,
    /// Every item link it listed, the filter's leavings included.
    pub(crate) listed: Vec<Url>,
    /// Where it ended up after redirects.
    pub(crate) url: Url,
    /// Its link to the next page, when the feed follows one.
    pub(crate) next: crate::pages::NextLink,
}

/// Fetches and reads one of a feed's pages into `out` (its warnings, notes and validators);
/// gives what it read, or `None` when the page answered 304. Validators are kept for the
/// feed's own `url`s only, not for the pages that follow them.
pub(crate) async fn collect_page(
    feed: &Feed,
    fetcher: &Fetcher,
    ctx: DateContext,
    known: &HashMap<Url, Validators>,
    url: &Url,
    out: &mut Collected,
) -> Result<Option<PageRead>, FeedError> {
    let own = feed.urls.contains(url);
    let many = feed.urls.len() > 1 || !own;
    let label = |text: String| if many { format!("{url}: {text}") } else { text };
    let fetched = fetcher
        .get_page_if_changed(url, known.get(url), &feed.request, feed.render.as_ref())
        .await?;
    let (page, validators) = match fetched {
        Fetched::NotModified => return Ok(None),
        Fetched::Page(page, v) => (page, v),
    };
    if let Some(w) = &page.warning {
        out.warnings.push(label(w.clone()));
    }
    // Parsing is the CPU-heavy part: it runs on the blocking pool, so a huge page on one
    // feed never stalls the network I/O (and its timeouts) of the others.
    let (select, json) = (feed.select.clone(), feed.json.clone());
    let pages = feed.pages.clone();
    let rendered = feed.render.is_some();
    let parsed = tokio::task::spawn_blocking(move || {
        let next = crate::pages::next_of(&page, pages.as_ref());
        let read = read_page(&page, select.as_ref(), json.as_ref(), ctx);
        // Nothing found on a page that arrived as an empty shell: say what it is.
        let empty = match &read {
            Err(FeedError::NotDetected { .. }) => true,
            Ok((list, _)) => list.items.is_empty(),
            Err(_) => false,
        };
        if empty && !rendered {
            if let Some(what) = crate::detect::shell::js_shell(&page.html) {
                return Err(FeedError::JsShell {
                    url: page.url.clone(),
                    what,
                });
            }
        }
        read.map(|read| (read, next, page.url))
    })
    .await
    .map_err(|e| FeedError::Internal(e.to_string()))?;
    let ((list, note), next, ended_at) = parsed.map_err(|e| match e {
        FeedError::TooDeep { depth, .. } => FeedError::TooDeep {
            url: url.clone(),
            depth,
        },
        other => other,
    })?;
    if let Some(note) = note {
        out.notes.push(label(note));
    }
    let hint = list.warnings.last().cloned();
    out.warnings.extend(list.warnings.into_iter().map(label));
    if list.items.is_empty() {
        return Err(FeedError::NoItems {
            url: url.clone(),
            hint: hint.unwrap_or_else(|| "the page had no items".into()),
        });
    }
    let before = list.items.len();
    let listed = list.items.iter().map(|i| i.link.clone()).collect();
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
        out.warnings.push(label(format!(
            "the filter left out {} of {before} items",
            before - kept.len()
        )));
    }
    if own && !validators.is_empty() {
        out.validators.push((url.clone(), validators));
    }
    Ok(Some(PageRead {
        items: kept,
        listed,
        url: ended_at,
        next,
    }))
}

/// Builds one feed: fetches its pages (conditionally), merges their items into the store,
/// renders the feed's newest items from the store and writes every format.
pub async fn build_feed(
    config: &Config,
    feed: &Feed,
    fetcher: &Fetcher,
    store: &StoreHandle,
    now: DateTime<Utc>,
) -> Result<FeedOutcome, FeedError> {
    let settings = &config.settings;
    let zone = settings.timezone;
    let ctx = DateContext {
        fetched_at: now,
        zone,
    };
    crate::fetch::browser_available_for(feed)?;
    let id = feed.id.clone();
    let mut known = HashMap::new();
    for url in &feed.urls {
        if let Some(v) = store.validators(&id, url).await? {
            known.insert(url.clone(), v);
        }
    }
    let rendered = store.rendered(&id).await?.unwrap_or_default();
    // Items read with other selectors or filters than the feed's now: the pages are read
    // again, unconditionally, even if the site would say 304.
    let extraction = extraction_key(feed, settings);
    let known = if rendered.extraction == extraction {
        known
    } else {
        HashMap::new()
    };
    let mut collected = collect(feed, fetcher, ctx, &known).await?;

    let keep = feed.max_items.saturating_mul(KEEP_FACTOR);
    let not_modified = collected.unchanged_pages == feed.urls.len();
    let stats = if collected.items.is_empty() && collected.validators.is_empty() {
        MergeStats::default()
    } else {
        let items = std::mem::take(&mut collected.items);
        let validators = std::mem::take(&mut collected.validators);
        store.merge(&id, items, validators, now, zone, keep).await?
    };
    let enriched = match &feed.article {
        Some(rules) => enrich::enrich_feed(feed, rules, fetcher, store, ctx).await?,
        None => enrich::EnrichStats::default(),
    };
    let meta = FeedMeta::of(feed, settings);
    let key = render_key(&meta, feed);
    let paths: Vec<PathBuf> = feed
        .formats
        .iter()
        .map(|&f| output::feed_path(&settings.output_dir, &feed.id, f))
        .collect();
    // Nothing new from the site, nothing new from article pages, the same settings, and the
    // files on disk hold what was written: rendering would give them again, so skip it (a
    // warm build's main cost). A file truncated or edited since is written again.
    if not_modified
        && enriched.fetched == 0
        && rendered.key == key
        && output::files_match(&paths, &rendered.files)
    {
        store_missing_files(store, &id, &paths, now).await?;
        let items = store.feed_summary(&id, feed.max_items).await?.0;
        return Ok(FeedOutcome {
            items,
            new_items: 0,
            not_modified,
            rendered: None,
            files: paths.into_iter().map(|p| (p, Written::Unchanged)).collect(),
            warnings: collected.warnings,
        });
    }
    let (max_items, filter) = (feed.max_items, &feed.filter);
    // The filter holds for what is written, items stored before it was set included.
    let limit = if filter.is_empty() { max_items } else { keep };
    let mut shown = store.feed_items(&id, limit, zone).await?;
    shown.retain(|i| filter.keeps(&i.title, i.summary.as_deref().unwrap_or("")));
    shown.truncate(max_items);
    // With a filter an empty feed is an answer (nothing matched yet), not a broken page.
    if shown.is_empty() && feed.filter.is_empty() {
        return Err(FeedError::NoItems {
            url: feed.urls[0].clone(),
            hint: "nothing is stored for this feed yet".into(),
        });
    }

    let mut files = Vec::new();
    let mut for_store = Vec::new();
    let mut digest = String::new();
    for (&format, path) in feed.formats.iter().zip(paths) {
        let text = match format {
            Format::Rss => render::rss::render(&meta, &shown),
            Format::Atom => render::atom::render(&meta, &shown, dates::in_zone(now, zone)),
            Format::Json => render::json::render(&meta, &shown),
        };
        let written =
            output::write_atomic(&path, text.as_bytes()).map_err(|source| FeedError::Write {
                path: path.clone(),
                source,
            })?;
        digest.push_str(&output::digest_line(&path, text.as_bytes()));
        for_store.push((file_name(&path), text.into_bytes()));
        files.push((path, written));
    }
    // With PostgreSQL every instance serves the files from there; with SQLite this is nothing.
    store.put_files(&id, for_store, now).await?;
    Ok(FeedOutcome {
        items: shown.len(),
        new_items: stats.new,
        not_modified,
        rendered: Some(Rendered {
            key,
            extraction,
            files: digest,
        }),
        files,
        warnings: collected.warnings,
    })
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

/// For a feed whose render was skipped: with PostgreSQL, puts the output folder's files
/// (current, as just checked) in the database where it does not hold them, e.g. after
/// `migrate --from-sqlite`, or when a build wrote its files and then lost the database.
/// One query when all is there already; nothing with SQLite.
async fn store_missing_files(
    store: &StoreHandle,
    feed: &str,
    paths: &[PathBuf],
    now: DateTime<Utc>,
) -> Result<(), FeedError> {
    let Some(pg) = store.postgres_store() else {
        return Ok(());
    };
    let stored = pg.file_tags(feed).await?;
    let mut missing = Vec::new();
    for path in paths {
        // Unreadable now: the next build finds the files changed and renders them again.
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let (name, tag) = (file_name(path), output::file_tag(&bytes));
        if !stored.iter().any(|(n, t)| *n == name && *t == tag) {
            missing.push((name, bytes));
        }
    }
    if !missing.is_empty() {
        store.put_files(feed, missing, now).await?;
    }
    Ok(())
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

/// What the feed's stored items depend on: its extraction settings as written and the zone
/// dates are read in.
fn extraction_key(feed: &Feed, settings: &crate::config::Settings) -> String {
    let text = format!("{}|{}", feed.extraction, settings.timezone);
    format!("{:016x}", output::fnv64(text.as_bytes()))
}

/// How many items per feed the store keeps, as a multiple of what the feed shows.
pub const KEEP_FACTOR: usize = 4;

/// Builds feed number `index` of `config` and records how it went in the store's health table.
pub async fn build_and_record(
    config: Arc<Config>,
    index: usize,
    fetcher: Arc<Fetcher>,
    store: StoreHandle,
    now: DateTime<Utc>,
) -> FeedReport {
    let feed = &config.feeds[index];
    let started = Instant::now();
    let result = build_feed(&config, feed, &fetcher, &store, now).await;
    let id = feed.id.clone();
    let recorded = match &result {
        Ok(o) => {
            store
                .record_success(&id, now, o.items, o.rendered.clone())
                .await
        }
        Err(e) => store.record_failure(&id, now, &e.build_message()).await,
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
