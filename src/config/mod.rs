//! `feeds.toml`: finding it, reading it, and checking every value before any fetch.
//!
//! The file is deserialised into `Raw*` structs that keep the source position of each value
//! (`toml::Spanned`), then validated into [`Config`]. Every error names the file, the line and
//! the key, so a person can go straight to the mistake.

pub(crate) mod explain;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono_tz::Tz;
use scraper::Selector;
use serde::Deserialize;
use toml::Spanned;
use url::Url;

/// The default User-Agent: names the tool and where to read about it, as polite crawlers do.
pub const DEFAULT_USER_AGENT: &str = concat!(
    "feedmill/",
    env!("CARGO_PKG_VERSION"),
    " (+",
    env!("CARGO_PKG_REPOSITORY"),
    ")"
);

/// How often `run` refreshes a feed by default.
pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(30 * 60);
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

/// `[settings]`: everything optional, with the defaults documented in the README.
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
}

/// Where `serve` listens when neither `--listen` nor `[server] listen` says.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";

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
    /// `[feeds.<id>.article]`: reading each new article's own page.
    pub article: Option<ArticleRules>,
    /// `[feeds.<id>.filter]`: which items the feed keeps.
    pub filter: Filter,
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
}

/// How many article pages a feed fetches per build by default.
pub const DEFAULT_MAX_NEW: usize = 20;

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

/// What went wrong with the configuration.
#[derive(Debug)]
pub enum ConfigError {
    /// No file was given and none of the usual places had one.
    NotFound { tried: Vec<PathBuf> },
    /// The file could not be read.
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A problem at a place in the file.
    At {
        path: PathBuf,
        line: usize,
        column: usize,
        key: Option<String>,
        message: String,
    },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::NotFound { tried } => {
                write!(f, "no feeds.toml found (looked at ")?;
                for (i, p) in tried.iter().enumerate() {
                    let sep = if i == 0 { "" } else { ", " };
                    write!(f, "{sep}{}", p.display())?;
                }
                write!(f, "); pass --config PATH or set FEEDMILL_CONFIG")
            }
            ConfigError::Read { path, source } => {
                write!(f, "cannot read {}: {source}", path.display())
            }
            ConfigError::At {
                path,
                line,
                column,
                key,
                message,
            } => {
                write!(f, "{}: line {line}, column {column}: ", path.display())?;
                if let Some(key) = key {
                    write!(f, "key `{key}`: ")?;
                }
                write!(f, "{message}")
            }
        }
    }
}

impl std::error::Error for ConfigError {}

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
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
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
    let v = Validator { text, path };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let mut settings = v.settings(raw.settings.unwrap_or_default(), &dir)?;
    if let Some(listen) = raw.server.and_then(|s| s.listen) {
        settings.listen = Some(listen.get_ref().trim().parse().map_err(|_| {
            v.err(
                &listen,
                "server.listen",
                format!(
                    "`{}` is not an address to listen on; write one like \"127.0.0.1:8080\"",
                    listen.get_ref()
                ),
            )
        })?);
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

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let before = before
        .char_indices()
        .last()
        .map_or("", |(i, c)| &text[..i + c.len_utf8()]);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    settings: Option<RawSettings>,
    server: Option<RawServer>,
    #[serde(default)]
    feeds: BTreeMap<Spanned<String>, RawFeed>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawSettings {
    output_dir: Option<Spanned<String>>,
    state_dir: Option<String>,
    timezone: Option<Spanned<String>>,
    max_items: Option<Spanned<i64>>,
    user_agent: Option<String>,
    base_url: Option<Spanned<String>>,
    timeout: Option<Spanned<String>>,
    host_delay: Option<Spanned<String>>,
    concurrency: Option<Spanned<i64>>,
    interval: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawServer {
    listen: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFeed {
    title: String,
    url: Option<Spanned<String>>,
    urls: Option<Spanned<Vec<Spanned<String>>>>,
    description: Option<String>,
    language: Option<String>,
    max_items: Option<Spanned<i64>>,
    formats: Option<Vec<Format>>,
    interval: Option<Spanned<String>>,
    select: Option<RawSelect>,
    article: Option<RawArticle>,
    filter: Option<RawFilter>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawArticle {
    #[serde(default)]
    fetch: bool,
    max_new: Option<Spanned<i64>>,
    date: Option<Spanned<String>>,
    updated: Option<Spanned<String>>,
    author: Option<Spanned<String>>,
    summary: Option<Spanned<String>>,
    image: Option<Spanned<String>>,
    content: Option<Spanned<String>>,
    #[serde(default)]
    full_text: bool,
    #[serde(default)]
    remove: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFilter {
    #[serde(default)]
    include: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSelect {
    item: Spanned<String>,
    link: Option<Spanned<String>>,
    title: Option<Spanned<String>>,
    summary: Option<Spanned<String>>,
    date: Option<Spanned<String>>,
    image: Option<Spanned<String>>,
    author: Option<Spanned<String>>,
    date_format: Option<String>,
}

struct Validator<'a> {
    text: &'a str,
    path: &'a Path,
}

impl Validator<'_> {
    fn err<T>(&self, at: &Spanned<T>, key: &str, message: impl Into<String>) -> ConfigError {
        let (line, column) = line_col(self.text, at.span().start);
        ConfigError::At {
            path: self.path.to_path_buf(),
            line,
            column,
            key: Some(key.to_string()),
            message: message.into(),
        }
    }

    fn duration(
        &self,
        v: Option<Spanned<String>>,
        key: &str,
        default: Duration,
    ) -> Result<Duration, ConfigError> {
        match v {
            None => Ok(default),
            Some(s) => parse_duration(s.get_ref()).ok_or_else(|| {
                self.err(
                    &s,
                    key,
                    format!(
                        "`{}` is not a duration; write a number and a unit, like \"30s\", \"15m\" or \"2h\"",
                        s.get_ref()
                    ),
                )
            }),
        }
    }

    fn interval(
        &self,
        v: Option<Spanned<String>>,
        key: &str,
        default: Duration,
    ) -> Result<Duration, ConfigError> {
        let at = v.clone();
        let d = self.duration(v, key, default)?;
        match at {
            Some(at) if d < MIN_INTERVAL => {
                Err(self.err(&at, key, "an interval must be at least 1s"))
            }
            _ => Ok(d),
        }
    }

    fn positive(
        &self,
        v: Option<Spanned<i64>>,
        key: &str,
        default: usize,
    ) -> Result<usize, ConfigError> {
        match v {
            None => Ok(default),
            Some(n) => usize::try_from(*n.get_ref())
                .ok()
                .filter(|&n| n > 0)
                .ok_or_else(|| self.err(&n, key, "must be a whole number above 0")),
        }
    }

    fn url(&self, s: &Spanned<String>, key: &str) -> Result<Url, ConfigError> {
        let url = Url::parse(s.get_ref().trim())
            .map_err(|e| self.err(s, key, format!("`{}` is not a URL: {e}", s.get_ref())))?;
        if !matches!(url.scheme(), "http" | "https" | "file") {
            return Err(self.err(
                s,
                key,
                "only http://, https:// and file:// URLs can be fetched",
            ));
        }
        Ok(url)
    }

    fn settings(&self, raw: RawSettings, dir: &Path) -> Result<Settings, ConfigError> {
        let timezone = match raw.timezone {
            None => chrono_tz::Asia::Seoul,
            Some(tz) => tz.get_ref().parse::<Tz>().map_err(|_| {
                self.err(
                    &tz,
                    "settings.timezone",
                    format!(
                        "`{}` is not an IANA time zone; write one like \"Asia/Seoul\" or \"UTC\"",
                        tz.get_ref()
                    ),
                )
            })?,
        };
        let base_url = match raw.base_url {
            None => None,
            Some(s) => {
                let mut text = s.get_ref().trim().to_string();
                if !text.ends_with('/') {
                    text.push('/');
                }
                let url = Url::parse(&text).map_err(|e| {
                    self.err(
                        &s,
                        "settings.base_url",
                        format!(
                            "`{}` is not a URL ({e}); write a full one, like \"https://example.com/feeds/\"",
                            s.get_ref()
                        ),
                    )
                })?;
                Some(url)
            }
        };
        Ok(Settings {
            output_dir: dir.join(
                raw.output_dir
                    .as_ref()
                    .map_or("output", |o| o.get_ref().as_str()),
            ),
            output_dir_line: raw
                .output_dir
                .as_ref()
                .map(|o| line_col(self.text, o.span().start).0),
            state_dir: dir.join(raw.state_dir.as_deref().unwrap_or("state")),
            timezone,
            max_items: self.positive(raw.max_items, "settings.max_items", 50)?,
            user_agent: raw
                .user_agent
                .unwrap_or_else(|| DEFAULT_USER_AGENT.to_string()),
            base_url,
            timeout: self.duration(raw.timeout, "settings.timeout", Duration::from_secs(30))?,
            host_delay: self.duration(
                raw.host_delay,
                "settings.host_delay",
                Duration::from_secs(1),
            )?,
            concurrency: self.positive(raw.concurrency, "settings.concurrency", 4)?,
            interval: self.interval(raw.interval, "settings.interval", DEFAULT_INTERVAL)?,
            listen: None,
        })
    }

    fn feed(
        &self,
        id: Spanned<String>,
        raw: RawFeed,
        settings: &Settings,
    ) -> Result<Feed, ConfigError> {
        let name = id.get_ref().clone();
        let valid_id = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
        if !valid_id {
            return Err(self.err(
                &id,
                &format!("feeds.{name}"),
                "a feed id may hold only a-z, 0-9, - and _ (it names the output files)",
            ));
        }
        let key = |k: &str| format!("feeds.{name}.{k}");
        let mut urls = Vec::new();
        match (&raw.url, &raw.urls) {
            (Some(u), None) => urls.push(self.url(u, &key("url"))?),
            (None, Some(list)) if !list.get_ref().is_empty() => {
                for u in list.get_ref() {
                    urls.push(self.url(u, &key("urls"))?);
                }
            }
            (Some(u), Some(_)) => {
                return Err(self.err(u, &key("url"), "give either `url` or `urls`, not both"))
            }
            _ => {
                return Err(self.err(
                    &id,
                    &key("url"),
                    "the feed has no `url` (or `urls = [...]`): name the section page to read",
                ))
            }
        }
        let mut formats = raw
            .formats
            .unwrap_or_else(|| vec![Format::Rss, Format::Atom]);
        formats.dedup();
        let select = match raw.select {
            None => None,
            Some(s) => Some(self.select(s, &name)?),
        };
        let article = match raw.article {
            None => None,
            Some(a) => Some(self.article(a, &name)?),
        };
        let filter = match raw.filter {
            None => Filter::default(),
            Some(f) => Filter {
                include: self.patterns(&f.include, &key("filter.include"))?,
                exclude: self.patterns(&f.exclude, &key("filter.exclude"))?,
            },
        };
        Ok(Feed {
            title: raw.title,
            urls,
            description: raw.description,
            language: raw.language,
            max_items: self.positive(raw.max_items, &key("max_items"), settings.max_items)?,
            formats,
            interval: self.interval(raw.interval, &key("interval"), settings.interval)?,
            select,
            article,
            filter,
            id: name,
        })
    }

    fn selector(&self, s: &Spanned<String>, key: &str) -> Result<Selector, ConfigError> {
        Selector::parse(s.get_ref()).map_err(|e| {
            self.err(
                s,
                key,
                format!(
                    "`{}` is not a CSS selector: {}",
                    s.get_ref(),
                    explain::selector_error(&e)
                ),
            )
        })
    }

    fn field(&self, s: Option<Spanned<String>>, key: &str) -> Result<Option<Field>, ConfigError> {
        let Some(s) = s else { return Ok(None) };
        let (css, attr) = split_attr(s.get_ref());
        let css = Selector::parse(css).map_err(|e| {
            let what = match attr {
                Some(a) => format!("in `{}`, the selector `{css}` (before `@{a}`)", s.get_ref()),
                None => format!("`{css}`"),
            };
            self.err(
                &s,
                key,
                format!(
                    "{what} is not a CSS selector: {}",
                    explain::selector_error(&e)
                ),
            )
        })?;
        Ok(Some(Field {
            css,
            attr: attr.map(str::to_string),
        }))
    }

    fn article(&self, raw: RawArticle, feed: &str) -> Result<ArticleRules, ConfigError> {
        let key = |k: &str| format!("feeds.{feed}.article.{k}");
        let mut remove = Vec::with_capacity(raw.remove.len());
        for r in &raw.remove {
            remove.push(self.selector(r, &key("remove"))?);
        }
        Ok(ArticleRules {
            fetch: raw.fetch,
            max_new: self.positive(raw.max_new, &key("max_new"), DEFAULT_MAX_NEW)?,
            date: self.field(raw.date, &key("date"))?,
            updated: self.field(raw.updated, &key("updated"))?,
            author: self.field(raw.author, &key("author"))?,
            summary: self.field(raw.summary, &key("summary"))?,
            image: self.field(raw.image, &key("image"))?,
            content: match &raw.content {
                Some(c) => Some(self.selector(c, &key("content"))?),
                None => None,
            },
            full_text: raw.full_text,
            remove,
        })
    }

    fn patterns(&self, raw: &[Spanned<String>], key: &str) -> Result<Vec<Pattern>, ConfigError> {
        raw.iter()
            .map(|p| {
                let text = p.get_ref();
                match text.strip_prefix('/').and_then(|t| t.strip_suffix('/')) {
                    Some(re) if text.len() >= 2 => regex::RegexBuilder::new(re)
                        .case_insensitive(true)
                        .size_limit(1 << 20)
                        .build()
                        .map(Pattern::Regex)
                        .map_err(|e| {
                            // The regex crate's message spans lines; its last says what is wrong.
                            let what = e.to_string();
                            let what = what
                                .lines()
                                .last()
                                .unwrap_or("")
                                .trim_start_matches("error: ")
                                .to_string();
                            self.err(
                                p,
                                key,
                                format!("`{text}` is not a regular expression ({what})"),
                            )
                        }),
                    _ => Ok(Pattern::Substring(text.to_lowercase())),
                }
            })
            .collect()
    }

    fn select(&self, raw: RawSelect, feed: &str) -> Result<Select, ConfigError> {
        let key = |k: &str| format!("feeds.{feed}.select.{k}");
        Ok(Select {
            item: self.selector(&raw.item, &key("item"))?,
            item_css: raw.item.get_ref().clone(),
            link: self.field(raw.link, &key("link"))?,
            title: self.field(raw.title, &key("title"))?,
            summary: self.field(raw.summary, &key("summary"))?,
            date: self.field(raw.date, &key("date"))?,
            image: self.field(raw.image, &key("image"))?,
            author: self.field(raw.author, &key("author"))?,
            date_format: raw.date_format,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selector_attr_table() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("a", "a", None),
            ("a@href", "a", Some("href")),
            ("img.thumb@data-src", "img.thumb", Some("data-src")),
            ("time @ datetime", "time", Some("datetime")),
            ("meta@content", "meta", Some("content")),
            ("a[href*=\"@\"]", "a[href*=\"@\"]", None),
            ("a[title=\"x@y\"]@href", "a[title=\"x@y\"]", Some("href")),
            ("@href", "@href", None),
            ("a@", "a@", None),
            ("a@1x", "a@1x", None),
            ("svg@xlink:href", "svg", Some("xlink:href")),
        ];
        for (spec, css, attr) in cases {
            assert_eq!(split_attr(spec), (*css, *attr), "{spec}");
        }
    }

    #[test]
    fn durations() {
        let cases: &[(&str, Option<u64>)] = &[
            ("30s", Some(30_000)),
            ("15m", Some(900_000)),
            ("2h", Some(7_200_000)),
            ("1d", Some(86_400_000)),
            ("250ms", Some(250)),
            ("0s", Some(0)),
            (" 5 s ", Some(5_000)),
            ("5", None),
            ("s", None),
            ("5 parsecs", None),
            ("-5s", None),
            ("99999999999999999999s", None),
        ];
        for (text, ms) in cases {
            assert_eq!(
                parse_duration(text).map(|d| d.as_millis() as u64),
                *ms,
                "{text}"
            );
        }
    }

    fn parse_err(text: &str) -> String {
        parse(text, Path::new("/etc/feedmill/feeds.toml"))
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn errors_name_file_line_and_key() {
        let e = parse_err("[settings]\nmax_items = 10\ntitel = \"x\"\n");
        assert!(e.contains("/etc/feedmill/feeds.toml: line 3"), "{e}");
        assert!(e.contains("titel"), "{e}");

        let e = parse_err("[feeds.a]\ntitle = \"A\"\nurl = \"https://example.com/\"\n[feeds.a.select]\nitem = \"div[[\"\n");
        assert!(e.contains("line 5"), "{e}");
        assert!(e.contains("feeds.a.select.item"), "{e}");

        let e = parse_err("[settings]\ntimeout = \"5 parsecs\"\n");
        assert!(
            e.contains("line 2") && e.contains("settings.timeout"),
            "{e}"
        );

        let e = parse_err("[settings]\ntimezone = \"Mars/Olympus\"\n");
        assert!(
            e.contains("settings.timezone") && e.contains("Mars/Olympus"),
            "{e}"
        );

        let e = parse_err("[feeds.\"Bad Id!\"]\ntitle = \"A\"\nurl = \"https://example.com/\"\n");
        assert!(e.contains("Bad Id!") && e.contains("line 1"), "{e}");

        let e = parse_err("[feeds.a]\ntitle = \"A\"\n");
        assert!(e.contains("feeds.a.url"), "{e}");

        let e = parse_err("[feeds.a]\ntitle = \"A\"\nurl = \"ftp://example.com/\"\n");
        assert!(e.contains("feeds.a.url") && e.contains("line 3"), "{e}");
    }

    #[test]
    fn filters_and_article_rules() {
        let c = parse(
            "[feeds.x]\ntitle = \"X\"\nurl = \"https://e.kr/\"\n[feeds.x.article]\nfetch = true\nremove = [\"div.ad\", \".related\"]\ndate = \"span.date@data-time\"\n[feeds.x.filter]\ninclude = [\"반도체\", \"/^\\\\[속보\\\\]/\"]\nexclude = [\"광고\", \"SPONSORED\"]\n",
            Path::new("feeds.toml"),
        )
        .unwrap();
        let feed = &c.feeds[0];
        let a = feed.article.as_ref().unwrap();
        assert!(a.fetch && !a.full_text);
        assert_eq!(a.max_new, DEFAULT_MAX_NEW);
        assert_eq!(a.remove.len(), 2);
        assert_eq!(a.date.as_ref().unwrap().attr.as_deref(), Some("data-time"));
        let f = &feed.filter;
        let cases = [
            ("삼성 반도체 투자", "", true),
            ("[속보] 지진 발생", "", true),
            ("지진 [속보]", "", false),
            ("날씨", "반도체 업황", true),
            ("반도체 광고", "", false),
            ("반도체 소식", "Sponsored content", false),
            ("날씨", "맑음", false),
        ];
        for (title, summary, keep) in cases {
            assert_eq!(f.keeps(title, summary), keep, "{title} / {summary}");
        }
        let e = parse_err("[feeds.x]\ntitle = \"X\"\nurl = \"https://e.kr/\"\n[feeds.x.filter]\nexclude = [\"/(unclosed/\"]\n");
        assert!(
            e.contains("feeds.x.filter.exclude") && e.contains("line 5"),
            "{e}"
        );
        let e = parse_err("[feeds.x]\ntitle = \"X\"\nurl = \"https://e.kr/\"\n[feeds.x.article]\nfetch = true\nremove = [\"div[[\"]\n");
        assert!(e.contains("feeds.x.article.remove"), "{e}");
    }

    #[test]
    fn defaults_and_relative_paths() {
        let c = parse(
            "[feeds.x]\ntitle = \"X\"\nurl = \"https://example.com/list\"\n",
            Path::new("/srv/feeds/feeds.toml"),
        )
        .unwrap();
        assert_eq!(c.settings.output_dir, Path::new("/srv/feeds/output"));
        assert_eq!(c.settings.timezone, chrono_tz::Asia::Seoul);
        assert_eq!(c.settings.max_items, 50);
        assert_eq!(c.feeds[0].max_items, 50);
        assert_eq!(c.feeds[0].formats, vec![Format::Rss, Format::Atom]);
        assert!(c.feeds[0].select.is_none());
        assert!(c.settings.user_agent.starts_with("feedmill/"));
    }
}
