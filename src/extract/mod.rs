//! Reading the article list off a section page with the feed's CSS selectors.
//!
//! Pure: takes the page text and returns what it found, with warnings a person can act on.
//! html5ever decodes entities while parsing, so text is never decoded a second time.
//!
//! Here: the entry points and what they return; `collector.rs` reads item after item and
//! writes the warnings, `fields.rs` reads each field of an item.

mod collector;
mod feed;
mod fields;
#[cfg(test)]
mod tests;

use scraper::{ElementRef, Html};
use url::Url;

use crate::config::Select;
use crate::dates::{DateContext, Stamp};
use crate::html::{base_url, resolve_base, truncate, MAX_AUTHOR, MAX_SUMMARY, MAX_TITLE};
pub(crate) use collector::undated_warning;
use collector::Collector;
pub use feed::{extract_feed, looks_like_feed};
pub(crate) use fields::{default_link, link_in, read_times};

/// What a list page gave for one article, before it becomes an [`crate::item::Item`].
#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    /// Canonical URL (see [`crate::html::canonical_url`]).
    pub link: Url,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub author: Option<String>,
    pub image: Option<Url>,
    /// The date text as printed, for `feedmill check`.
    pub date_text: Option<String>,
    /// The published time: a `입력`/`Published` one when the text labels its times.
    pub date: Option<Stamp>,
    /// A `수정`/`Updated` time in the date text, only when later than `date`
    /// (`입력 2026.02.10 19:32 | 수정 2026.02.11 08:05`).
    pub updated: Option<Stamp>,
    /// Why `date_text` gave no date, when it did not.
    pub date_problem: Option<String>,
}

/// What a list reader (HTML selectors, a JSON list) found for one item, before it becomes a
/// [`ListItem`] with [`ListItem::from_found`].
pub(crate) struct FoundFields {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub author: Option<String>,
    pub image: Option<Url>,
    pub date_text: Option<String>,
}

impl ListItem {
    /// The item from what a reader found: texts cut to their limits, the date text read in
    /// the feed's zone (with its `date_format`, when set).
    pub(crate) fn from_found(
        link: Url,
        found: FoundFields,
        date_format: Option<&str>,
        ctx: DateContext,
    ) -> ListItem {
        let times = found
            .date_text
            .as_deref()
            .map(|text| read_times(text, date_format, ctx))
            .unwrap_or_default();
        ListItem {
            link,
            title: found.title.map(|t| truncate(t, MAX_TITLE)),
            summary: found.summary.map(|t| truncate(t, MAX_SUMMARY)),
            author: found.author.map(|t| truncate(t, MAX_AUTHOR)),
            image: found.image,
            date_text: found.date_text,
            date: times.published,
            updated: times.updated,
            date_problem: times.problem,
        }
    }
}

/// Everything read off one list page.
#[derive(Debug, Clone, Default)]
pub struct ListPage {
    pub items: Vec<ListItem>,
    pub warnings: Vec<String>,
}

/// Extracts the items `select` names from `html`, fetched from `page_url`.
///
/// The page is first scanned as a stream ([`crate::listscan`]) and only the items are parsed;
/// when the scan cannot be trusted, or finds what a full parse might find differently, the
/// whole page is parsed instead. Both ways give the same items.
pub fn extract_list(html: &str, page_url: &Url, select: &Select, ctx: DateContext) -> ListPage {
    if let Some(page) = extract_from_scan(html, page_url, select, ctx) {
        return page;
    }
    extract_list_full(html, page_url, select, ctx)
}

/// [`extract_list`] by parsing the whole page.
pub fn extract_list_full(
    html: &str,
    page_url: &Url,
    select: &Select,
    ctx: DateContext,
) -> ListPage {
    let doc = Html::parse_document(html);
    let base = base_url(&doc, page_url);
    let mut collector = Collector::new(select, ctx, base);
    for el in doc.select(&select.item) {
        collector.add(el);
    }
    collector.finish()
}

/// [`extract_list`] from the items alone, each parsed as a fragment; `None` to parse the page.
fn extract_from_scan(
    html: &str,
    page_url: &Url,
    select: &Select,
    ctx: DateContext,
) -> Option<ListPage> {
    let scan = crate::listscan::scan(html, &select.item_css)?;
    if scan.items.is_empty() {
        // Let the full parse confirm: it also writes the warnings.
        return None;
    }
    let base = resolve_base(page_url, scan.base_href.as_deref());
    let mut collector = Collector::new(select, ctx, base);
    for (range, tag) in scan.items.iter().zip(&scan.tags) {
        let fragment = Html::parse_fragment(&crate::listscan::wrap(tag, &html[range.clone()]));
        let item = fragment
            .root_element()
            .descendants()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().name() == tag)?;
        collector.add(item);
    }
    // A configured field that matched in no item may depend on what lies outside the items
    // (`div.list h3 a`); the full parse can see that.
    let c = &collector.counts;
    let field_lost = [
        (select.link.is_some(), c.link),
        (select.title.is_some(), c.title),
        (select.summary.is_some(), c.summary),
        (select.date.is_some(), c.date),
    ]
    .iter()
    .any(|&(set, misses)| set && misses == collector.matched);
    if field_lost || collector.without_link == collector.matched {
        return None;
    }
    Some(collector.finish())
}
