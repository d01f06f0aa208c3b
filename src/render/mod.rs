//! Turning items into feed documents. Pure and deterministic: the same items give the same
//! bytes, and no clock is read (a feed's time is its newest item's), so static hosts and git
//! see no churn.

pub mod atom;
pub mod json;
pub mod publish;
pub mod rss;

use chrono::{DateTime, FixedOffset};
use url::Url;

use crate::item::Item;

/// What a feed says about itself.
#[derive(Debug, Clone)]
pub struct FeedMeta {
    pub id: String,
    pub title: String,
    /// The section page the feed mirrors (its first URL).
    pub page_url: Url,
    pub description: Option<String>,
    pub language: Option<String>,
    /// Where output_dir is published (ends with `/`); gives the feed's self links.
    pub base_url: Option<Url>,
}

impl FeedMeta {
    /// The metadata of `feed` under `settings`.
    pub fn of(feed: &crate::config::Feed, settings: &crate::config::Settings) -> FeedMeta {
        FeedMeta {
            id: feed.id.clone(),
            title: feed.title.clone(),
            page_url: feed.urls[0].clone(),
            description: feed.description.clone(),
            language: feed.language.clone(),
            base_url: settings.base_url.clone(),
        }
    }

    /// Where this feed's file in `extension` is published, when base_url is known.
    pub fn self_url(&self, extension: &str) -> Option<Url> {
        self.base_url
            .as_ref()?
            .join(&format!("{}.{extension}", self.id))
            .ok()
    }

    /// The feed's description, or a plain one made from its title.
    pub fn description_or_default(&self) -> String {
        self.description
            .clone()
            .unwrap_or_else(|| format!("{} ({})", self.title, self.page_url))
    }
}

/// The feed's own time: the newest change among its items. `None` for an empty feed.
pub fn feed_updated(items: &[Item]) -> Option<DateTime<FixedOffset>> {
    items.iter().map(Item::modified).max()
}

/// The generator string written into feeds.
pub fn generator() -> String {
    format!("feedmill {}", env!("CARGO_PKG_VERSION"))
}

/// Drops characters XML 1.0 cannot carry (most C0 controls, U+FFFE, U+FFFF): a page's stray
/// control byte must not make the whole feed unreadable.
pub fn xml_safe(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r')
                || ('\u{20}'..='\u{D7FF}').contains(&c)
                || ('\u{E000}'..='\u{FFFD}').contains(&c)
                || c >= '\u{10000}'
        })
        .collect()
}

/// An item's title; an item without one is named by its summary's start, else its link.
pub fn item_title(item: &Item) -> String {
    if !item.title.is_empty() {
        return xml_safe(&item.title);
    }
    match &item.summary {
        Some(s) if !s.is_empty() => xml_safe(&s.chars().take(80).collect::<String>()),
        _ => item.link.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_safe_drops_only_invalid_chars() {
        assert_eq!(
            xml_safe("a\u{0}b\u{8}c\td\u{fffe}e\u{1F600}"),
            "abc\tde\u{1F600}"
        );
        assert_eq!(xml_safe("]]> <script>"), "]]> <script>");
    }
}
