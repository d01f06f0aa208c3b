//! The [`Validator`]: from the raw TOML values ([`crate::config::raw`]) to the checked types, or the
//! first mistake, named by file, line and key.
//!
//! Defaults for what the file leaves out come from [`crate::config::defaults`].
//!
//! Here: the validator and the checks every part uses (durations, counts, URLs, selectors,
//! the listen address); `[settings]` in [`settings`], a `[feeds.<id>]` table in [`feed`],
//! its `select` and `article` tables in [`select`].

mod feed;
mod select;
mod settings;

use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use scraper::Selector;
use toml::Spanned;
use url::Url;

use crate::config::error::line_col;
use crate::config::{explain, parse_duration, ConfigError, MIN_INTERVAL};

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
                    explain::selector_error(s.get_ref(), &e)
                ),
            )
        })
    }
}

/// The process environment, where `${VAR}` values are read from.
fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok()
}
