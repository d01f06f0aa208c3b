//! The item a feed is made of, after extraction and dating.

use chrono::{DateTime, FixedOffset};
use url::Url;

/// One article as it goes into a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Canonical: absolute, no fragment, no tracking parameters. Also the item's id.
    pub link: Url,
    pub title: String,
    pub summary: Option<String>,
    pub author: Option<String>,
    pub image: Option<Url>,
    /// In the configured zone's offset.
    pub published: DateTime<FixedOffset>,
    pub updated: Option<DateTime<FixedOffset>>,
    /// The article's body as sanitized HTML, when the feed includes full text.
    pub content: Option<String>,
}

impl Item {
    /// The last time the item changed: its updated time, else its published time.
    pub fn modified(&self) -> DateTime<FixedOffset> {
        self.updated
            .map_or(self.published, |u| u.max(self.published))
    }
}
