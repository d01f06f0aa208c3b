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
