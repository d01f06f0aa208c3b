//! What the article-page tests share: the fetch time and zone they read pages at, rules that
//! find every field automatically, and how they look at a time that was found.

use feedmill::article::{Found, Source};
use feedmill::config::ArticleRules;
use feedmill::dates::{DateContext, Label, Stamp};

/// Fetched at 2026-02-11 09:00 in Seoul: every time is shown at +09:00.
pub fn ctx() -> DateContext {
    DateContext {
        fetched_at: "2026-02-11T09:00:00+09:00".parse().unwrap(),
        zone: chrono_tz::Asia::Seoul,
    }
}

/// Rules with nothing set: every field found automatically, no content.
pub fn auto() -> ArticleRules {
    ArticleRules {
        fetch: true,
        max_new: 20,
        date: None,
        updated: None,
        author: None,
        summary: None,
        image: None,
        content: None,
        full_text: false,
        remove: vec![],
        render: None,
    }
}

/// A time as RFC 3339 and its source; checks the stamp's label on the way.
pub fn when(found: &Option<Found<Stamp>>, label: Label) -> Option<(String, Source)> {
    found.as_ref().map(|f| {
        assert_eq!(f.value.label, Some(label), "{f:?}");
        (f.value.instant.to_rfc3339(), f.source)
    })
}

/// An item waiting for its article page: `link` and `title` as the list gave them, the time
/// the list printed (`listed`, RFC 3339; `printed` is true), first seen at `first_seen`.
#[allow(dead_code)] // not every test binary that shares this module settles items
pub fn pending_article(
    link: &str,
    title: &str,
    listed: &str,
    first_seen: &str,
) -> feedmill::store::PendingArticle {
    feedmill::store::PendingArticle {
        link: url::Url::parse(link).unwrap(),
        title: title.into(),
        summary: None,
        author: None,
        image: None,
        published: listed.parse().unwrap(),
        printed: true,
        first_seen: first_seen.parse().unwrap(),
    }
}

/// What `enrich::settle` makes of `info` for `item`: first as the list printed its time,
/// then as if it had printed none (the time being when the item was first seen).
#[allow(dead_code)] // not every test binary that shares this module settles items
pub fn settle_both(
    item: &feedmill::store::PendingArticle,
    info: &feedmill::article::ArticleInfo,
) -> (
    feedmill::store::ArticleUpdate,
    feedmill::store::ArticleUpdate,
) {
    let mut item = item.clone();
    item.printed = true;
    let printed = feedmill::enrich::settle(&item, info, chrono_tz::Asia::Seoul);
    item.printed = false;
    let unprinted = feedmill::enrich::settle(&item, info, chrono_tz::Asia::Seoul);
    (printed, unprinted)
}

/// Checks that `settle` kept the time the list printed: no published time from the article
/// page, and the list named as the published time's source.
#[allow(dead_code)] // not every test binary that shares this module settles items
pub fn assert_list_time_kept(update: &feedmill::store::ArticleUpdate) {
    assert_eq!(update.published, None, "{}", update.sources);
    assert!(
        update.sources.contains("published=list"),
        "{}",
        update.sources
    );
}
