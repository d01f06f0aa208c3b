//! The [`Validator`]: from the raw TOML values ([`super::raw`]) to the checked types, or the
//! first mistake, named by file, line and key.
//!
//! Defaults for what the file leaves out come from [`super::defaults`].

use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use chrono_tz::Tz;
use scraper::Selector;
use toml::Spanned;
use url::Url;

use super::error::line_col;
use super::raw::{RawArticle, RawFeed, RawSelect, RawSettings};
use super::{
    defaults, explain, parse_duration, split_attr, ArticleRules, ConfigError, Database, Feed,
    Field, Filter, Pattern, Select, Settings, MIN_INTERVAL,
};

/// The durations a key accepts, and how to say them in an error.
#[derive(Clone, Copy)]
struct DurationRange {
    min: Duration,
    /// The error for a value under `min`.
    too_short: &'static str,
    max: Duration,
    max_text: &'static str,
}

const DAY: u64 = 86_400;

/// A refresh interval: at least a second (tests and local pages), at most 30 days.
const INTERVAL_RANGE: DurationRange = DurationRange {
    min: MIN_INTERVAL,
    too_short: "an interval must be at least 1s",
    max: Duration::from_secs(30 * DAY),
    max_text: "30 days",
};

/// A request timeout: zero would fail every request, an hour is already absurd.
const TIMEOUT_RANGE: DurationRange = DurationRange {
    min: Duration::from_millis(1),
    too_short: "a timeout must be longer than 0s (0s would fail every request)",
    max: Duration::from_secs(3600),
    max_text: "1h",
};

/// The pause between two requests to one host.
const LEASE_RANGE: DurationRange = DurationRange {
    min: Duration::from_secs(2),
    too_short: "a lease must be at least 2s (it is renewed every third of it while a feed builds)",
    max: Duration::from_secs(3600),
    max_text: "1h",
};

const HOST_DELAY_RANGE: DurationRange = DurationRange {
    min: Duration::ZERO,
    too_short: "",
    max: Duration::from_secs(3600),
    max_text: "1h",
};

/// Checks raw values against the file they came from, so an error can point into it.
pub(super) struct Validator<'a> {
    /// The whole file, to turn a value's span into a line and column.
    pub(super) text: &'a str,
    /// The file's path, named in every error.
    pub(super) path: &'a Path,
}

impl Validator<'_> {
    /// An error at `at`'s place in the file, about `key`.
    pub(super) fn err<T>(
        &self,
        at: &Spanned<T>,
        key: &str,
        message: impl Into<String>,
    ) -> ConfigError {
        let (line, column) = line_col(self.text, at.span().start);
        ConfigError::At {
            path: self.path.to_path_buf(),
            line,
            column,
            key: Some(key.to_string()),
            message: message.into(),
        }
    }

    /// A duration within `range`, so that no later arithmetic on it can overflow and no
    /// value silently means "never" or "always".
    fn duration(
        &self,
        v: Option<Spanned<String>>,
        key: &str,
        default: Duration,
        range: DurationRange,
    ) -> Result<Duration, ConfigError> {
        let Some(s) = v else { return Ok(default) };
        let d = parse_duration(s.get_ref()).ok_or_else(|| {
            self.err(
                &s,
                key,
                format!(
                    "`{}` is not a duration; write a number and a unit, like \"30s\", \"15m\" or \"2h\"",
                    s.get_ref()
                ),
            )
        })?;
        if d < range.min {
            return Err(self.err(&s, key, range.too_short));
        }
        if d > range.max {
            return Err(self.err(
                &s,
                key,
                format!("`{}` is too long: at most {}", s.get_ref(), range.max_text),
            ));
        }
        Ok(d)
    }

    fn interval(
        &self,
        v: Option<Spanned<String>>,
        key: &str,
        default: Duration,
    ) -> Result<Duration, ConfigError> {
        self.duration(v, key, default, INTERVAL_RANGE)
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

    pub(super) fn url(&self, s: &Spanned<String>, key: &str) -> Result<Url, ConfigError> {
        let url = Url::parse(s.get_ref().trim()).map_err(|e| {
            let hint = if e == url::ParseError::RelativeUrlWithoutBase {
                "; a local file is written as a file:// URL with its absolute path, like \"file:///home/me/page.html\""
            } else {
                ""
            };
            self.err(
                s,
                key,
                format!("`{}` is not a URL: {e}{hint}", s.get_ref()),
            )
        })?;
        if !matches!(url.scheme(), "http" | "https" | "file") {
            return Err(self.err(
                s,
                key,
                "only http://, https:// and file:// URLs can be fetched",
            ));
        }
        Ok(url)
    }

    /// `[settings]`; relative paths are resolved against `dir`, the config file's folder.
    pub(super) fn settings(&self, raw: RawSettings, dir: &Path) -> Result<Settings, ConfigError> {
        let timezone = match raw.timezone {
            None => defaults::TIMEZONE,
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
                    .map_or(defaults::OUTPUT_DIR, |o| o.get_ref().as_str()),
            ),
            output_dir_line: raw
                .output_dir
                .as_ref()
                .map(|o| line_col(self.text, o.span().start).0),
            state_dir: dir.join(raw.state_dir.as_deref().unwrap_or(defaults::STATE_DIR)),
            timezone,
            max_items: self.positive(raw.max_items, "settings.max_items", defaults::MAX_ITEMS)?,
            user_agent: raw
                .user_agent
                .unwrap_or_else(|| defaults::USER_AGENT.to_string()),
            base_url,
            timeout: self.duration(
                raw.timeout,
                "settings.timeout",
                defaults::TIMEOUT,
                TIMEOUT_RANGE,
            )?,
            host_delay: self.duration(
                raw.host_delay,
                "settings.host_delay",
                defaults::HOST_DELAY,
                HOST_DELAY_RANGE,
            )?,
            concurrency: self.positive(
                raw.concurrency,
                "settings.concurrency",
                defaults::CONCURRENCY,
            )?,
            interval: self.interval(raw.interval, "settings.interval", defaults::INTERVAL)?,
            listen: None,
            request: self.request_defaults(raw.request, &env_var)?,
            database: self.database(raw.database, &env_var)?,
            lease: self.duration(raw.lease, "settings.lease", defaults::LEASE, LEASE_RANGE)?,
        })
    }

    /// `settings.database`, else `$FEEDMILL_DATABASE_URL`: a PostgreSQL connection string.
    /// `${VAR}` in the file's value is filled in, so the password can stay out of the file.
    fn database(
        &self,
        raw: Option<Spanned<String>>,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Option<Database>, ConfigError> {
        let key = "settings.database";
        let (url, origin) = match &raw {
            Some(s) => (self.expanded(s, key, env)?.value, key),
            None => match env(defaults::DATABASE_ENV) {
                Some(v) if !v.trim().is_empty() => (v, defaults::DATABASE_ENV),
                _ => return Ok(None),
            },
        };
        let url = url.trim().to_string();
        let problem = if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
            // The scheme only: the rest may hold a password.
            let scheme = url.split_once(':').map_or("this", |(s, _)| s);
            Some(format!("a `{scheme}:` URL is not a PostgreSQL one; write one like \"postgresql://feedmill@db.example/feedmill\" (leave the key out to keep the state in SQLite)"))
        } else {
            url.parse::<tokio_postgres::Config>()
                .err()
                .map(|e| format!("not a PostgreSQL connection string ({e})"))
        };
        match problem {
            None => Ok(Some(Database { url, origin })),
            Some(p) => match &raw {
                Some(s) => Err(self.err(s, key, p)),
                None => Err(ConfigError::Env {
                    name: defaults::DATABASE_ENV,
                    message: p,
                }),
            },
        }
    }

    /// One `[feeds.<id>]` table; what it leaves out it takes from `settings`.
    pub(super) fn feed(
        &self,
        id: Spanned<String>,
        mut raw: RawFeed,
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
        if !name.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            return Err(self.err(
                &id,
                &format!("feeds.{name}"),
                "a feed id must start with a letter or digit (`feedmill check -x` would read it as an option)",
            ));
        }
        let key = |k: &str| format!("feeds.{name}.{k}");
        let mut urls = Vec::new();
        match (&raw.url, &raw.urls) {
            (Some(u), None) => urls.push(self.url(u, &key("url"))?),
            (None, Some(list)) if !list.get_ref().is_empty() => {
                for u in list.get_ref() {
                    let url = self.url(u, &key("urls"))?;
                    if urls.contains(&url) {
                        return Err(self.err(
                            u,
                            &key("urls"),
                            format!("`{url}` is listed twice; each page is read once"),
                        ));
                    }
                    urls.push(url);
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
        let raw_render = raw.take_render();
        let mut extraction = extraction_text(&raw);
        extraction.push_str(&super::render::render_text(&raw_render));
        let render = self.render(raw_render, &format!("feeds.{name}"), settings.timeout)?;
        let pages = match raw.pages {
            None => None,
            Some(p) => Some(self.pages(p, &name, urls.len() > 1)?),
        };
        let mut home = urls.clone();
        if let Some(super::Pages {
            follow: super::Follow::Numbered { template, from, .. },
            ..
        }) = &pages
        {
            home.extend(Url::parse(&super::page_url(template, *from)).ok());
        }
        let request = self.request(raw.request, &name, &settings.request, home, &env_var)?;
        let mut formats = match raw.formats {
            None => defaults::FORMATS.to_vec(),
            Some(f) if f.get_ref().is_empty() => {
                return Err(self.err(
                    &f,
                    &key("formats"),
                    "name at least one format: \"rss\", \"atom\" or \"json\"",
                ))
            }
            Some(f) => f.into_inner(),
        };
        formats.dedup();
        let language = match raw.language {
            None => None,
            Some(l) if is_language_tag(l.get_ref()) => Some(l.into_inner()),
            Some(l) => {
                return Err(self.err(
                    &l,
                    &key("language"),
                    format!(
                        "`{}` is not a language tag; write one like \"ko\", \"ko-KR\" or \"en\"",
                        l.get_ref()
                    ),
                ))
            }
        };
        let select = match raw.select {
            None => None,
            Some(s) => Some(self.select(s, &name)?),
        };
        let json = match raw.json {
            None => None,
            Some(j) if select.is_some() => {
                return Err(self.err(
                    &j.items,
                    &key("json"),
                    "give either [feeds.<id>.select] (an HTML list) or [feeds.<id>.json] (a JSON list), not both",
                ))
            }
            Some(j) => Some(self.json(j, &name)?),
        };
        let article = match raw.article {
            None => None,
            Some(a) => Some(self.article(a, &name, settings.timeout)?),
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
            language,
            max_items: self.positive(raw.max_items, &key("max_items"), settings.max_items)?,
            formats,
            interval: self.interval(raw.interval, &key("interval"), settings.interval)?,
            select,
            json,
            article,
            filter,
            request,
            pages,
            render,
            extraction,
            id: name,
        })
    }

    /// `[server] listen`.
    pub(super) fn listen(&self, listen: &Spanned<String>) -> Result<SocketAddr, ConfigError> {
        listen.get_ref().trim().parse().map_err(|_| {
            self.err(
                listen,
                "server.listen",
                format!(
                    "`{}` is not an address to listen on; write one like \"127.0.0.1:8080\"",
                    listen.get_ref()
                ),
            )
        })
    }

    pub(super) fn selector(&self, s: &Spanned<String>, key: &str) -> Result<Selector, ConfigError> {
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

    fn article(
        &self,
        mut raw: RawArticle,
        feed: &str,
        timeout: Duration,
    ) -> Result<ArticleRules, ConfigError> {
        let key = |k: &str| format!("feeds.{feed}.article.{k}");
        let render = self.render(raw.take_render(), &format!("feeds.{feed}.article"), timeout)?;
        let mut remove = Vec::with_capacity(raw.remove.len());
        for r in &raw.remove {
            remove.push(self.selector(r, &key("remove"))?);
        }
        Ok(ArticleRules {
            fetch: raw.fetch,
            max_new: self.positive(raw.max_new, &key("max_new"), defaults::MAX_NEW)?,
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
            render,
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

/// The settings that decide what a feed's pages give, as one text: its selectors, date format
/// and filters, without their places in the file.
fn extraction_text(raw: &RawFeed) -> String {
    fn text(v: &Option<Spanned<String>>) -> &str {
        v.as_ref().map_or("", |s| s.get_ref().as_str())
    }
    let list = |v: &[Spanned<String>]| {
        v.iter()
            .map(|s| s.get_ref().as_str())
            .collect::<Vec<_>>()
            .join("\u{1f}")
    };
    let mut out = String::new();
    if let Some(s) = &raw.select {
        for part in [
            s.item.get_ref().as_str(),
            text(&s.link),
            text(&s.title),
            text(&s.summary),
            text(&s.date),
            text(&s.image),
            text(&s.author),
            s.date_format.as_deref().unwrap_or(""),
        ] {
            out.push_str(part);
            out.push('\u{1e}');
        }
    }
    if let Some(j) = &raw.json {
        out.push_str(&j.extraction_text());
        out.push('\u{1e}');
    }
    if let Some(f) = &raw.filter {
        out.push_str(&list(&f.include));
        out.push('\u{1e}');
        out.push_str(&list(&f.exclude));
    }
    if let Some(p) = &raw.pages {
        out.push_str(&super::pages::pages_text(p));
    }
    out
}

/// The process environment, where `${VAR}` values are read from.
fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// Whether `tag` is a well-formed BCP 47 language tag (the shape RSS and Atom readers
/// expect): a 2–3 letter language, then subtags of 1–8 letters or digits, `-`-separated.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let lang = parts.next().unwrap_or("");
    (2..=3).contains(&lang.len())
        && lang.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::is_language_tag;

    #[test]
    fn language_tags() {
        for good in ["ko", "ko-KR", "en-us", "zh-Hant-TW", "de-CH-1996"] {
            assert!(is_language_tag(good), "{good}");
        }
        for bad in [
            "",
            "not a language!!",
            "k",
            "korean",
            "ko_KR",
            "ko-",
            "-ko",
            "ko-toolongsubtag",
        ] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }
}
