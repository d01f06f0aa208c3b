//! What the fuzz targets share: the fixed fetch time and zones, the selector and article
//! rule sets (built through `feedmill::config::parse`, as users write them), and the
//! invariant checks. A failed check panics, which libFuzzer reports as a crash.

use std::path::Path;

use chrono::{DateTime, Offset, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use feedmill::config::{ArticleRules, Select};
use feedmill::dates::Stamp;
use feedmill::dates::DateContext;
use url::Url;

/// 2026-02-11 09:00 in Seoul (00:00 UTC): the fetch time every target reads dates against.
pub fn fetched_at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 2, 11, 0, 0, 0).unwrap()
}

/// The default zone.
pub const SEOUL: Tz = chrono_tz::Asia::Seoul;

/// A zone with DST folds and gaps, so the ambiguous / skipped wall-clock paths run too.
pub const NEW_YORK: Tz = chrono_tz::America::New_York;

pub fn ctx() -> DateContext {
    DateContext {
        fetched_at: fetched_at(),
        zone: SEOUL,
    }
}

/// The page every HTML target pretends to have fetched.
pub fn page_url() -> Url {
    Url::parse("https://news.example.kr/section/list.html?page=1").unwrap()
}

/// A returned stamp is never more than a day after the fetch (it is clamped to the fetch
/// time), and its offset is the zone's offset at that instant.
pub fn check_stamp(stamp: &Stamp, fetched_at: DateTime<Utc>, zone: Tz, input: &str) {
    let limit = fetched_at + TimeDelta::hours(24);
    assert!(
        stamp.instant <= limit,
        "stamp {} is more than 24 h after the fetch {} for {input:?}",
        stamp.instant,
        fetched_at
    );
    let utc = stamp.instant.naive_utc();
    let want = zone.offset_from_utc_datetime(&utc).fix();
    assert_eq!(
        *stamp.instant.offset(),
        want,
        "stamp {} is not in {zone}'s offset ({want}) for {input:?}",
        stamp.instant
    );
}

/// The config for one feed `t` whose extra tables are `extra` (TOML).
fn one_feed(extra: &str) -> feedmill::config::Feed {
    let text = format!("[feeds.t]\ntitle = \"T\"\nurl = \"https://news.example.kr/\"\n{extra}");
    let config = feedmill::config::parse(&text, Path::new("feeds.toml"))
        .unwrap_or_else(|e| panic!("fuzz harness config does not parse: {e}\n{text}"));
    config.feeds.into_iter().next().unwrap()
}

/// The list selectors `extract` runs every input through.
pub fn selects() -> Vec<Select> {
    [
        // Newspim's layout, every field named.
        r##"[feeds.t.select]
item = "article"
link = "strong.subject_h"
title = "strong.subject_h"
summary = "p.summary"
date = "p.byline"
image = "img"
author = "span.writer""##,
        // Only the item: link, title and date found by the defaults.
        r##"[feeds.t.select]
item = "li, div.item""##,
        // Attributes and a date format.
        r##"[feeds.t.select]
item = "#section-list li, tr"
link = "a@href"
title = "h4.titles, td.title"
date = "span.date@data-time"
image = "div.thumb@data-bg"
author = "em:last-child"
date_format = "%Y-%m-%d %H:%M""##,
        // Each link is an item.
        r##"[feeds.t.select]
item = "a"
summary = "a@title"
date = "time@datetime""##,
    ]
    .iter()
    .map(|t| one_feed(t).select.expect("select table"))
    .collect()
}

/// The article rules `article` runs every input through.
pub fn article_rules() -> Vec<ArticleRules> {
    [
        // Everything found automatically, the body kept as full text, junk removed.
        r##"[feeds.t.article]
fetch = true
full_text = true
remove = [".ad", "script", "figure.photo", "div[class*=related]", "aside"]"##,
        // Every field overridden.
        r##"[feeds.t.article]
fetch = true
date = "span.date"
updated = "span.updated@data-time"
author = ".byline .name"
summary = "meta[name=description]@content"
image = "div.photo img@src"
content = "#article-body, div.article_txt"
remove = ["p.copyright"]"##,
    ]
    .iter()
    .map(|t| one_feed(t).article.expect("article table"))
    .collect()
}

/// Text in at most this many characters, plus the "…" a cut adds.
pub fn check_len(what: &str, text: &Option<String>, max: usize, input_len: usize) {
    if let Some(t) = text {
        let n = t.chars().count();
        assert!(
            n <= max + 1,
            "{what} has {n} characters (limit {max}, input {input_len} bytes): {t:?}"
        );
    }
}

/// `data` as UTF-8, or `None` when it is not (the entry points all take `&str`).
pub fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// Panics already found and reported (see README.md, "Findings") but not fixed yet, as
/// `(place, message)`: a panic whose `file:line` contains `place` and whose message contains
/// `message`. With `FEEDMILL_FUZZ_TOLERATE_KNOWN=1` in the environment, [`tolerating_known`]
/// lets these pass so a run can look for other bugs behind them; without it they crash as
/// usual. Remove an entry once its bug is fixed.
pub const KNOWN_PANICS: &[(&str, &str)] = &[
    // None open. The last one, fixed in edd9417, read:
    // ("listscan/mod.rs:530", "out of range for slice"),
];

fn is_known(place: &str, msg: &str) -> bool {
    KNOWN_PANICS
        .iter()
        .any(|(p, m)| place.contains(p) && msg.contains(m))
}

thread_local! {
    /// Set by the panic hook when the panic unwinding now is a known one.
    static KNOWN_HIT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`; when `FEEDMILL_FUZZ_TOLERATE_KNOWN` is set, a panic listed in [`KNOWN_PANICS`]
/// gives `None` instead of a crash. Any other panic crashes as usual.
pub fn tolerating_known<R>(f: impl FnOnce() -> R) -> Option<R> {
    static TOLERATE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    let tolerate = *TOLERATE.get_or_init(|| {
        let on = std::env::var_os("FEEDMILL_FUZZ_TOLERATE_KNOWN").is_some_and(|v| v != "0");
        if on {
            // libFuzzer's hook aborts on any panic; let the known ones unwind to the
            // catch_unwind below instead.
            let previous = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                let place = info
                    .location()
                    .map(|l| format!("{}:{}", l.file(), l.line()))
                    .unwrap_or_default();
                if is_known(&place, info.payload_as_str().unwrap_or("")) {
                    KNOWN_HIT.with(|k| k.set(true));
                } else {
                    previous(info);
                }
            }));
        }
        on
    });
    if !tolerate {
        return Some(f());
    }
    KNOWN_HIT.with(|k| k.set(false));
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(r) => Some(r),
        Err(_) if KNOWN_HIT.with(|k| k.get()) => None,
        Err(payload) => std::panic::resume_unwind(payload),
    }
}
