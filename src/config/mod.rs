//! `feeds.toml`: finding it, reading it, and checking every value before any fetch.
//!
//! The file is deserialised into `Raw*` structs that keep the source position of each value
//! (`toml::Spanned`, in `raw.rs`), then validated into [`Config`] (`validate.rs`). Every error
//! ([`ConfigError`], `error.rs`) names the file, the line and the key, so a person can go
//! straight to the mistake; `explain.rs` words what the TOML and CSS parsers report. What a
//! file leaves out is in [`defaults`].
//!
//! This file holds the validated types and the entry points: [`locate`], [`load`], [`parse`],
//! [`check_output_dir`].

pub mod defaults;
mod error;
pub(crate) mod explain;
mod json;
mod pages;
mod raw;
mod render;
mod request;
#[cfg(test)]
mod tests;
mod validate;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono_tz::Tz;
use scraper::Selector;
use serde::Deserialize;
use url::Url;

use error::line_col;
pub use error::ConfigError;
pub use json::{assignment_name, JsonPath, JsonSource, ScriptSelector, Segment};
pub use pages::{page_url, Follow, Pages, MAX_PAGES};
pub use render::{Render, Resource, MAX_RENDER_TIMEOUT};
pub use request::{same_host, Header, Request, RequestDefaults};

/// The shortest refresh interval accepted. Anything under a few minutes is impolite to a
/// news site; it is allowed for local pages and tests, and `run` warns about it.
pub const MIN_INTERVAL: Duration = Duration::from_secs(1);

/// A whole, validated configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file it was read from.
    pub path: PathBuf,
    pub settings: Settings,
    /// Feeds in id order.
    pub feeds: Vec<Feed>,
}

/// `[settings]`: everything optional, with the defaults in [`defaults`] (and the README).
#[derive(Debug, Clone)]
pub struct Settings {
    /// Absolute (resolved against the config file's folder).
    pub output_dir: PathBuf,
    /// The line `output_dir` is set on, for errors (`None` when it is the default).
    pub output_dir_line: Option<usize>,
    /// Absolute (resolved against the config file's folder).
    pub state_dir: PathBuf,
    pub timezone: Tz,
    pub max_items: usize,
    pub user_agent: String,
    /// Where `output_dir` is published; ends with `/`.
    pub base_url: Option<Url>,
    pub timeout: Duration,
    pub host_delay: Duration,
    pub concurrency: usize,
    /// How often `run` refreshes a feed that sets no interval of its own.
    pub interval: Duration,
    /// `[server] listen`: where `run` and `serve` listen; `None` leaves `run` without a server.
    pub listen: Option<std::net::SocketAddr>,
    /// `[settings.request]`: headers and cookies every feed's requests start from.
    pub request: RequestDefaults,
    /// `database` (or `$FEEDMILL_DATABASE_URL`): a PostgreSQL URL shared by a fleet of
    /// instances; `None` keeps the state in SQLite inside `state_dir`.
    pub database: Option<Database>,
    /// How long a fleet instance's claim on a feed lasts without being renewed: an instance
    /// that dies leaves its feeds to the others after this long.
    pub lease: Duration,
}

/// A PostgreSQL database to keep the state in.
#[derive(Clone)]
pub struct Database {
    /// The connection string as given (it may hold a password: never print it).
    pub url: String,
    /// Where it was set, for errors: `settings.database` or the environment variable.
    pub origin: &'static str,
}

impl Database {
    /// The URL with any password replaced by `****`, for messages.
    pub fn masked(&self) -> String {
        match url::Url::parse(&self.url) {
            Ok(mut u) if u.password().is_some() => {
                let _ = u.set_password(Some("****"));
                u.to_string()
            }
            Ok(u) => u.to_string(),
            Err(_) => "(a connection string)".into(),
        }
    }
}

impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Database({})", self.masked())
    }
}

impl Settings {
    /// What a config file in `dir` that sets nothing gets, from [`defaults`]: for commands
    /// that run without a config file.
    pub fn defaults(dir: &Path) -> Settings {
        Settings {
            output_dir: dir.join(defaults::OUTPUT_DIR),
            output_dir_line: None,
            state_dir: dir.join(defaults::STATE_DIR),
            timezone: defaults::TIMEZONE,
            max_items: defaults::MAX_ITEMS,
            user_agent: defaults::USER_AGENT.to_string(),
            base_url: None,
            timeout: defaults::TIMEOUT,
            host_delay: defaults::HOST_DELAY,
            concurrency: defaults::CONCURRENCY,
            interval: defaults::INTERVAL,
            listen: None,
            request: RequestDefaults::default(),
            database: None,
            lease: defaults::LEASE,
        }
    }
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Rss,
    Atom,
    Json,
}

impl Format {
    /// The file extension, which is also the name used in `formats = [...]`.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Rss => "rss",
            Format::Atom => "atom",
            Format::Json => "json",
        }
    }
}

/// One `[feeds.<id>]` table.
#[derive(Debug, Clone)]
pub struct Feed {
    pub id: String,
    pub title: String,
    /// One or more section pages; their items are merged.
    pub urls: Vec<Url>,
    pub description: Option<String>,
    pub language: Option<String>,
    pub max_items: usize,
    pub formats: Vec<Format>,
    /// How often `run` refreshes this feed.
    pub interval: Duration,
    /// `None`: the article list is found automatically on every build ([`crate::detect`]).
    pub select: Option<Select>,
    /// `[feeds.<id>.json]`: the list is JSON (the body, or inside the page) ([`crate::jsonlist`]).
    pub json: Option<JsonSource>,
    /// `[feeds.<id>.article]`: reading each new article's own page.
    pub article: Option<ArticleRules>,
    /// `[feeds.<id>.filter]`: which items the feed keeps.
    pub filter: Filter,
    /// `[feeds.<id>.request]` over `[settings.request]`: headers, cookies, User-Agent.
    pub request: Request,
    /// `[feeds.<id>.pages]`: the further pages of each section page.
    pub pages: Option<Pages>,
    /// `render = "browser"`: the list pages are rendered in headless Chromium.
    pub render: Option<Render>,
    /// What the feed's items are read with (selectors, date format, filters), as written: when
    /// it changes, the pages are read again even if they have not changed.
    pub extraction: String,
}

/// `[feeds.<id>.article]`: whether and how to read each new article's own page.
#[derive(Debug, Clone)]
pub struct ArticleRules {
    /// Fetch article pages at all (`fetch = true`).
    pub fetch: bool,
    /// At most this many article fetches per feed per build.
    pub max_new: usize,
    /// Overrides for the automatic choice of each field ("css" or "css@attr").
    pub date: Option<Field>,
    pub updated: Option<Field>,
    pub author: Option<Field>,
    pub summary: Option<Field>,
    pub image: Option<Field>,
    /// The article body to include as content.
    pub content: Option<Selector>,
    /// Find the article body automatically and include it as content.
    pub full_text: bool,
    /// Elements removed from the content.
    pub remove: Vec<Selector>,
    /// `render = "browser"` in the article table: article pages are rendered in Chromium.
    pub render: Option<Render>,
}

/// `[feeds.<id>.filter]`: an item must match some `include` (when there are any) and no
/// `exclude`. Each pattern is a case-insensitive substring, or `/regex/`.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub include: Vec<Pattern>,
    pub exclude: Vec<Pattern>,
}

/// One filter pattern.
#[derive(Debug, Clone)]
pub enum Pattern {
    /// Lower-cased substring.
    Substring(String),
    Regex(regex::Regex),
}

impl Pattern {
    pub fn matches(&self, text: &str) -> bool {
        match self {
            Pattern::Substring(s) => text.to_lowercase().contains(s),
            Pattern::Regex(r) => r.is_match(text),
        }
    }
}

impl Filter {
    /// Whether an item with this title and summary stays in the feed.
    pub fn keeps(&self, title: &str, summary: &str) -> bool {
        let hit = |p: &Pattern| p.matches(title) || p.matches(summary);
        (self.include.is_empty() || self.include.iter().any(hit)) && !self.exclude.iter().any(hit)
    }

    pub fn is_empty(&self) -> bool {
        self.include.is_empty() && self.exclude.is_empty()
    }
}

/// `[feeds.<id>.select]`: where each field sits on the list page.
#[derive(Debug, Clone)]
pub struct Select {
    pub item: Selector,
    /// `item` as written, for the streaming scanner ([`crate::listscan`]).
    pub item_css: String,
    pub link: Option<Field>,
    pub title: Option<Field>,
    pub summary: Option<Field>,
    pub date: Option<Field>,
    pub image: Option<Field>,
    pub author: Option<Field>,
    pub date_format: Option<String>,
}

/// A `"selector@attr"` value: the CSS part, and the attribute to read instead of the text.
#[derive(Debug, Clone)]
pub struct Field {
    pub css: Selector,
    pub attr: Option<String>,
}

/// Splits `"selector@attr"` into its parts. The `@` counts only when what follows it is an
/// attribute name, so `a[href*="@"]` stays a plain selector.
pub fn split_attr(spec: &str) -> (&str, Option<&str>) {
    let Some(at) = spec.rfind('@') else {
        return (spec, None);
    };
    let (css, attr) = (spec[..at].trim(), spec[at + 1..].trim());
    let is_name = !attr.is_empty()
        && attr
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && attr
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'));
    if is_name && !css.is_empty() {
        (css, Some(attr))
    } else {
        (spec, None)
    }
}

/// Finds the config file: `--config`, else `$FEEDMILL_CONFIG`, else `./feeds.toml`, else
/// `$XDG_CONFIG_HOME/feedmill/feeds.toml` (`~/.config` when XDG_CONFIG_HOME is unset).
pub fn locate(explicit: Option<&Path>) -> Result<PathBuf, ConfigError> {
    if let Some(p) = explicit {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os("FEEDMILL_CONFIG").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let mut tried = vec![PathBuf::from("feeds.toml")];
    let xdg = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")));
    if let Some(xdg) = xdg {
        tried.push(xdg.join("feedmill").join("feeds.toml"));
    }
    tried
        .iter()
        .find(|p| p.is_file())
        .cloned()
        .ok_or(ConfigError::NotFound { tried })
}

/// Reads and validates the file at `path`.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    parse(&text, path)
}

/// Validates config text; `path` names it in errors and anchors relative paths.
pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
    let raw: raw::RawConfig = toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map_or((1, 1), |s| line_col(text, s.start));
        let explained = explain::toml_error(text, line, e.message());
        ConfigError::At {
            path: path.to_path_buf(),
            line,
            column,
            key: explained.key,
            message: explained.message,
        }
    })?;
    let v = validate::Validator { text, path };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let mut settings = v.settings(raw.settings.unwrap_or_default(), &dir)?;
    if let Some(listen) = raw.server.and_then(|s| s.listen) {
        settings.listen = Some(v.listen(&listen)?);
    }
    let mut feeds = Vec::with_capacity(raw.feeds.len());
    for (id, feed) in raw.feeds {
        feeds.push(v.feed(id, feed, &settings)?);
    }
    Ok(Config {
        path: path.to_path_buf(),
        settings,
        feeds,
    })
}

/// Makes sure `output_dir` exists and can be written, before any page is fetched: a build
/// that could write nothing should say so at once, naming the key.
pub fn check_output_dir(config: &Config) -> Result<(), ConfigError> {
    let dir = &config.settings.output_dir;
    let probe = dir.join(format!(".feedmill-probe-{}", std::process::id()));
    let result = std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::write(&probe, b""))
        .and_then(|()| std::fs::remove_file(&probe));
    result.map_err(|e| ConfigError::At {
        path: config.path.clone(),
        line: config.settings.output_dir_line.unwrap_or(1),
        column: 1,
        key: Some("settings.output_dir".into()),
        message: format!(
            "cannot write to {}: {e}; choose a folder feedmill may write",
            dir.display()
        ),
    })
}

/// Reads a duration written as a number and a unit: "500ms", "30s", "15m", "2h", "1d".
pub fn parse_duration(s: &str) -> Option<Duration> {
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit())?;
    let (num, unit) = s.split_at(split);
    let n: u64 = num.parse().ok()?;
    let secs = match unit.trim() {
        "ms" => return Some(Duration::from_millis(n)),
        "s" | "sec" | "secs" => n,
        "m" | "min" | "mins" => n.checked_mul(60)?,
        "h" | "hour" | "hours" => n.checked_mul(3600)?,
        "d" | "day" | "days" => n.checked_mul(86_400)?,
        _ => return None,
    };
    Some(Duration::from_secs(secs))
}
