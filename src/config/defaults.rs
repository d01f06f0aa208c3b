//! Every default of `feeds.toml` in one place: what a value is when the file leaves it out.
//!
//! The validator fills gaps from these, and [`Settings::defaults`](super::Settings::defaults)
//! builds the settings of a config that sets nothing. The README's example config shows the
//! same values; change both together.

use std::time::Duration;

use chrono_tz::Tz;

use super::Format;

/// `settings.output_dir`: where the feeds are written, relative to the config file's folder.
pub const OUTPUT_DIR: &str = "output";

/// `settings.state_dir`: where the SQLite state lives, relative to the config file's folder.
pub const STATE_DIR: &str = "state";

/// `settings.timezone`: the zone of times a page prints without an offset, and the offset
/// written out. Korean news sites are what feedmill reads above all.
pub const TIMEZONE: Tz = chrono_tz::Asia::Seoul;

/// `settings.max_items`: the newest items a feed shows (a feed's own `max_items` overrides).
pub const MAX_ITEMS: usize = 50;

/// `settings.user_agent`: names the tool and where to read about it, as polite crawlers do.
pub const USER_AGENT: &str = concat!(
    "feedmill/",
    env!("CARGO_PKG_VERSION"),
    " (+",
    env!("CARGO_PKG_REPOSITORY"),
    ")"
);

/// `settings.timeout`: the longest one request may take.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// `settings.host_delay`: the least gap between two requests to one host.
pub const HOST_DELAY: Duration = Duration::from_secs(1);
/// `lease`: how long a fleet instance's claim on a feed lasts unrenewed.
pub const LEASE: Duration = Duration::from_secs(60);
/// The environment variable that names the PostgreSQL database when the file does not.
pub const DATABASE_ENV: &str = "FEEDMILL_DATABASE_URL";

/// `settings.concurrency`: requests in flight at once, all hosts together.
pub const CONCURRENCY: usize = 4;

/// `settings.interval`: how often `run` refreshes a feed (a feed's own `interval` overrides).
pub const INTERVAL: Duration = Duration::from_secs(30 * 60);

/// Where `serve` listens when neither `--listen` nor `[server] listen` says. (`run` without
/// either serves nothing, so [`Settings::listen`](super::Settings::listen) stays `None`.)
pub const LISTEN: &str = "127.0.0.1:8080";

/// `feeds.<id>.formats`: the files written for a feed.
pub const FORMATS: &[Format] = &[Format::Rss, Format::Atom];

/// `feeds.<id>.article.max_new`: the most article pages a feed fetches per build.
pub const MAX_NEW: usize = 20;
