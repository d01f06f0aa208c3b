//! A source URL that answers a feed (RSS 0.9x/1.0/2.0, Atom or JSON Feed) instead of an HTML
//! list: its entries become the items, read by the feed-rs parser.
//!
//! Many sites publish feeds that are poor (no dates, times nine hours off, only titles): the
//! entries go through the same path as a list page's items, so article-page enrichment fills
//! in what the feed lacks. Dates go through feedmill's own date reader: a date that carries a
//! zone (`+0000`, `GMT`, `Z`) keeps it, and only a date printed without one is read in the
//! feed's `timezone`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use scraper::Html;
use url::Url;

use super::{ListItem, ListPage};
use crate::dates::{self, DateContext, Stamp};
use crate::html::{canonical_url, collapse_ws, truncate, MAX_AUTHOR, MAX_SUMMARY, MAX_TITLE};

static IMG: LazyLock<scraper::Selector> =
    LazyLock::new(|| scraper::Selector::parse("img[src]").expect("static selector"));

/// At most this many entries of a feed become items; a feed of 100,000 entries is read in
/// full by the parser (the body size limit bounds it) but only its first entries are kept.
const MAX_ENTRIES: usize = 1000;

/// Each date the parser met, by the instant it became: the stamp (with its precision) and the
/// text as printed, for `check`. Two entries printing the same instant share one record.
type DatesRead = HashMap<DateTime<Utc>, (Stamp, String)>;

/// Whether a fetched body is a feed rather than an HTML page: by its content type, else by
/// how it starts (`<rss`, `<feed`, `<rdf:RDF` after the XML prolog and comments, or a JSON
/// object naming a jsonfeed.org version).
pub fn looks_like_feed(content_type: Option<&str>, body: &str) -> bool {
    let mime = content_type
        .and_then(|c| c.split(';').next())
        .map(|m| m.trim().to_ascii_lowercase());
    match mime.as_deref() {
        Some("application/rss+xml" | "application/atom+xml" | "application/rdf+xml") => true,
        Some("application/feed+json") => true,
        Some("text/html" | "application/xhtml+xml") => false,
        _ => sniff(body),
    }
}

/// The first element's name, or a JSON Feed's version key, near the start of `body`.
fn sniff(body: &str) -> bool {
    let head: String = body
        .trim_start_matches('\u{feff}')
        .chars()
        .take(2048)
        .collect();
    let head = head.trim_start();
    if head.starts_with('{') {
        return head.contains("jsonfeed.org/version");
    }
    let mut rest = head;
    // Skip the prolog, comments, processing instructions and a doctype.
    while let Some(stripped) = rest.strip_prefix('<') {
        let skip = if stripped.starts_with('?') {
            rest.find("?>").map(|i| i + 2)
        } else if stripped.starts_with("!--") {
            rest.find("-->").map(|i| i + 3)
        } else if stripped.starts_with('!') {
            rest.find('>').map(|i| i + 1)
        } else {
            let name: String = stripped
                .chars()
                .take_while(|c| c.is_alphanumeric() || matches!(c, ':' | '-' | '_'))
                .collect();
            return matches!(name.as_str(), "rss" | "feed" | "rdf:RDF" | "RDF");
        };
        let Some(skip) = skip else { return false };
        rest = rest[skip..].trim_start();
    }
    false
}

/// The entries of the feed in `body`, fetched from `page_url`, as list items; an error says
/// why the feed could not be read.
pub fn extract_feed(body: &str, page_url: &Url, ctx: DateContext) -> Result<ListPage, String> {
    // The body is text already decoded from its charset: an `encoding="euc-kr"` in the prolog
    // would make the parser decode it a second time.
    let body = without_prolog(body);
    let read: Rc<RefCell<DatesRead>> = Rc::default();
    let seen = Rc::clone(&read);
    let parser = feed_rs::parser::Builder::new()
        .base_uri(Some(page_url.as_str()))
        .timestamp_parser(move |text: &str| {
            let stamp = dates::parse(text, ctx.fetched_at, ctx.zone)?;
            let instant = stamp.instant.with_timezone(&Utc);
            seen.borrow_mut()
                .insert(instant, (stamp, collapse_ws(text)));
            Some(instant)
        })
        .build();
    let feed = parser
        .parse(body.as_bytes())
        .map_err(|e| format!("the feed could not be read: {e}"))?;
    let read = read.borrow();
    let mut page = ListPage::default();
    let total = feed.entries.len();
    for entry in feed.entries.into_iter().take(MAX_ENTRIES) {
        let Some(link) = entry_link(&entry, page_url) else {
            continue;
        };
        let published = entry.published.or(entry.updated);
        let (date, date_text) = match published.and_then(|t| read.get(&t)) {
            Some((stamp, text)) => (Some(*stamp), Some(text.clone())),
            None => (None, None),
        };
        let updated = entry
            .updated
            .filter(|u| entry.published.is_some_and(|p| u > &p))
            .and_then(|t| read.get(&t))
            .map(|(s, _)| *s);
        page.items.push(ListItem {
            link,
            title: entry
                .title
                .as_ref()
                .map(|t| text_of(&t.content))
                .filter(|t| !t.is_empty())
                .map(|t| truncate(t, MAX_TITLE)),
            summary: entry_summary(&entry).map(|t| truncate(t, MAX_SUMMARY)),
            author: entry
                .authors
                .iter()
                .map(|p| collapse_ws(&p.name))
                .find(|n| !n.is_empty())
                .map(|n| truncate(n, MAX_AUTHOR)),
            image: entry_image(&entry, page_url),
            date_text,
            date,
            updated,
            date_problem: None,
        });
    }
    if total > MAX_ENTRIES {
        page.warnings.push(format!(
            "the feed has {total} entries; only the first {MAX_ENTRIES} were read"
        ));
    }
    if page.items.is_empty() {
        page.warnings.push(if total == 0 {
            "the feed has no entries".into()
        } else {
            "no entry of the feed has a web link".into()
        });
    }
    Ok(page)
}

/// `body` without a leading `<?xml …?>` declaration.
fn without_prolog(body: &str) -> &str {
    let trimmed = body.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with("<?xml") {
        if let Some(end) = trimmed.find("?>") {
            return &trimmed[end + 2..];
        }
    }
    body
}

/// The entry's web page: its `alternate` link (or the first link without a rel), else an id
/// that is a URL, canonical and http(s) only.
fn entry_link(entry: &feed_rs::model::Entry, base: &Url) -> Option<Url> {
    let alternate = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or_else(|| entry.links.first())
        .map(|l| l.href.trim());
    let candidate = alternate.or_else(|| Some(entry.id.trim()).filter(|i| i.contains("://")))?;
    let url = base.join(candidate).ok()?;
    matches!(url.scheme(), "http" | "https").then(|| canonical_url(url))
}

/// Plain text of a feed's text field, which may hold HTML.
fn text_of(html: &str) -> String {
    if !html.contains('<') && !html.contains('&') {
        return collapse_ws(html);
    }
    let fragment = Html::parse_fragment(html);
    collapse_ws(&fragment.root_element().text().collect::<String>())
}

/// The entry's summary, else the start of its content, as plain text.
fn entry_summary(entry: &feed_rs::model::Entry) -> Option<String> {
    entry
        .summary
        .as_ref()
        .map(|s| text_of(&s.content))
        .filter(|s| !s.is_empty())
        .or_else(|| {
            entry
                .content
                .as_ref()
                .and_then(|c| c.body.as_deref())
                .map(text_of)
                .filter(|s| !s.is_empty())
        })
}

/// The entry's image: a media thumbnail, an image enclosure or media content, else the first
/// `<img>` in its summary or content.
fn entry_image(entry: &feed_rs::model::Entry, base: &Url) -> Option<Url> {
    let http = |u: Url| matches!(u.scheme(), "http" | "https").then_some(u);
    for media in &entry.media {
        if let Some(t) = media.thumbnails.first() {
            if let Some(u) = base.join(&t.image.uri).ok().and_then(http) {
                return Some(u);
            }
        }
        for content in &media.content {
            let is_image = content
                .content_type
                .as_ref()
                .is_some_and(|m| m.ty() == "image");
            if let Some(u) = content.url.clone().filter(|_| is_image).and_then(http) {
                return Some(u);
            }
        }
    }
    let html = entry
        .summary
        .as_ref()
        .map(|s| s.content.as_str())
        .into_iter()
        .chain(entry.content.as_ref().and_then(|c| c.body.as_deref()));
    for text in html {
        if !text.contains("<img") {
            continue;
        }
        let fragment = Html::parse_fragment(text);
        if let Some(src) = fragment
            .select(&IMG)
            .find_map(|e| e.value().attr("src"))
            .and_then(|s| base.join(s.trim()).ok())
            .and_then(http)
        {
            return Some(src);
        }
    }
    None
}

#[cfg(test)]
#[path = "feed_tests.rs"]
mod tests;
