//! Reading the article list off a section page with the feed's CSS selectors.
//!
//! Pure: takes the page text and returns what it found, with warnings a person can act on.
//! html5ever decodes entities while parsing, so text is never decoded a second time.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use scraper::{ElementRef, Html, Selector};
use url::Url;

use crate::config::{Field, Select};
use crate::dates::{self, Stamp};

/// What a list page gave for one article, before it becomes an [`crate::item::Item`].
#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    /// Canonical URL (see [`canonical_url`]).
    pub link: Url,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub author: Option<String>,
    pub image: Option<Url>,
    /// The date text as printed, for `feedmill check`.
    pub date_text: Option<String>,
    pub date: Option<Stamp>,
    /// Why `date_text` gave no date, when it did not.
    pub date_problem: Option<String>,
}

/// Everything read off one list page.
#[derive(Debug, Clone, Default)]
pub struct ListPage {
    pub items: Vec<ListItem>,
    pub warnings: Vec<String>,
}

/// The time and zone that relative and offset-less dates are read against.
#[derive(Debug, Clone, Copy)]
pub struct DateContext {
    pub fetched_at: DateTime<Utc>,
    pub zone: Tz,
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

/// Reads items one element at a time, deduplicating by link and counting what went missing.
struct Collector<'s> {
    select: &'s Select,
    ctx: DateContext,
    base: Url,
    page: ListPage,
    index: HashMap<Url, usize>,
    counts: FieldCounts,
    matched: usize,
    without_link: usize,
}

impl<'s> Collector<'s> {
    fn new(select: &'s Select, ctx: DateContext, base: Url) -> Self {
        Collector {
            select,
            ctx,
            base,
            page: ListPage::default(),
            index: HashMap::new(),
            counts: FieldCounts::default(),
            matched: 0,
            without_link: 0,
        }
    }

    fn add(&mut self, el: ElementRef) {
        let (select, ctx, base) = (self.select, self.ctx, &self.base);
        let counts = &mut self.counts;
        self.matched += 1;
        let Some((link, link_el)) = find_link(el, select.link.as_ref(), base, &mut counts.link)
        else {
            self.without_link += 1;
            return;
        };
        let title = match &select.title {
            Some(f) => read(el, f, &mut counts.title),
            None => default_title(el, link_el, &link, base),
        };
        let summary = select
            .summary
            .as_ref()
            .and_then(|f| read(el, f, &mut counts.summary));
        let author = select
            .author
            .as_ref()
            .and_then(|f| read(el, f, &mut counts.author));
        let image = find_image(el, select.image.as_ref(), base, &mut counts.image);
        let date_text = match &select.date {
            Some(f) => read_date(el, f, &mut counts.date),
            None => default_date(el),
        };
        let (date, date_problem) = match &date_text {
            None => (None, None),
            Some(text) => match dates::parse_with_hint(
                text,
                select.date_format.as_deref(),
                ctx.fetched_at,
                ctx.zone,
            ) {
                Ok(stamp) => (Some(stamp), None),
                Err(why) => (None, Some(why.to_string())),
            },
        };
        let item = ListItem {
            link,
            title: title.map(|t| truncate(t, MAX_TITLE)),
            summary: summary.map(|t| truncate(t, MAX_SUMMARY)),
            author: author.map(|t| truncate(t, MAX_AUTHOR)),
            image,
            date_text,
            date,
            date_problem,
        };
        match self.index.get(&item.link) {
            Some(&i) => merge(&mut self.page.items[i], item),
            None => {
                self.index.insert(item.link.clone(), self.page.items.len());
                self.page.items.push(item);
            }
        }
    }

    fn finish(self) -> ListPage {
        let (matched, without_link) = (self.matched, self.without_link);
        let mut page = self.page;
        let w = &mut page.warnings;
        if matched == 0 {
            w.push("select.item matched nothing on the page: the layout may have changed, or the selector is wrong".into());
        }
        if without_link > 0 {
            w.push(format!(
                "skipped {without_link} of {matched} items without a link"
            ));
        }
        for (key, misses) in self.counts.misses() {
            if misses > 0 {
                w.push(format!(
                    "select.{key} matched nothing in {misses} of {matched} items"
                ));
            }
        }
        let undated: Vec<&ListItem> = page.items.iter().filter(|i| i.date.is_none()).collect();
        if !undated.is_empty() {
            let unread: Vec<String> = undated
                .iter()
                .filter_map(|i| {
                    Some(format!(
                        "`{}` ({})",
                        i.date_text.as_ref()?,
                        i.date_problem.as_ref()?
                    ))
                })
                .take(3)
                .collect();
            let mut msg = format!(
                "{} of {} items have no date",
                undated.len(),
                page.items.len()
            );
            if !unread.is_empty() {
                msg.push_str(&format!("; could not read {}", unread.join(", ")));
            }
            page.warnings.push(msg);
        }
        page
    }
}

/// How often a configured field selector found nothing, for the warnings.
#[derive(Default)]
struct FieldCounts {
    link: usize,
    title: usize,
    summary: usize,
    author: usize,
    image: usize,
    date: usize,
}

impl FieldCounts {
    fn misses(&self) -> [(&'static str, usize); 6] {
        [
            ("link", self.link),
            ("title", self.title),
            ("summary", self.summary),
            ("date", self.date),
            ("image", self.image),
            ("author", self.author),
        ]
    }
}

/// A later duplicate of an article fills what the first sighting lacked.
fn merge(first: &mut ListItem, later: ListItem) {
    fn fill<T>(a: &mut Option<T>, b: Option<T>) {
        if a.is_none() {
            *a = b;
        }
    }
    fill(&mut first.title, later.title);
    fill(&mut first.summary, later.summary);
    fill(&mut first.author, later.author);
    fill(&mut first.image, later.image);
    if first.date.is_none() && later.date.is_some() {
        first.date = later.date;
        first.date_text = later.date_text;
        first.date_problem = None;
    }
}

static ANCHOR: std::sync::LazyLock<Selector> =
    std::sync::LazyLock::new(|| Selector::parse("a[href]").expect("static selector"));
static IMG: std::sync::LazyLock<Selector> =
    std::sync::LazyLock::new(|| Selector::parse("img").expect("static selector"));
static TIME: std::sync::LazyLock<Selector> =
    std::sync::LazyLock::new(|| Selector::parse("time").expect("static selector"));
static BASE: std::sync::LazyLock<Selector> =
    std::sync::LazyLock::new(|| Selector::parse("base[href]").expect("static selector"));

/// The page's `<base href>`, resolved against its URL; else the URL itself.
fn base_url(doc: &Html, page_url: &Url) -> Url {
    resolve_base(
        page_url,
        doc.select(&BASE)
            .next()
            .and_then(|b| b.value().attr("href")),
    )
}

/// Collapses runs of white space (including non-breaking spaces) to one space.
///
/// Control characters and noncharacters, which no feed format can carry, are dropped.
pub fn collapse_ws(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let unwanted =
        |c: char| (c.is_control() && !c.is_whitespace()) || matches!(c, '\u{FFFE}' | '\u{FFFF}');
    for word in text
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.contains(unwanted) {
            out.extend(word.chars().filter(|&c| !unwanted(c)));
        } else {
            out.push_str(word);
        }
    }
    out
}

/// Elements whose edges separate words: text on either side of them does not run together.
pub(crate) fn breaks_words(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "br"
            | "p"
            | "div"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "td"
            | "th"
            | "tr"
            | "table"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "article"
            | "section"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "blockquote"
            | "figure"
            | "figcaption"
            | "hr"
            | "img"
            | "option"
    )
}

/// An element's text as a reader sees it: inline markup (`<strong>고율 관세</strong>를`) joins
/// without a space, block edges and `<br>` separate words, scripts and styles say nothing.
pub(crate) fn text_of(el: ElementRef) -> String {
    text_within(el, usize::MAX)
}

/// [`text_of`], reading no more than about `budget` bytes of text (or a proportionate number
/// of nodes without text): for pages where an element may hold megabytes.
pub(crate) fn text_within(el: ElementRef, budget: usize) -> String {
    use ego_tree::iter::Edge;
    let mut raw = String::new();
    let mut skip_depth = 0usize;
    let max_edges = budget.saturating_mul(16).saturating_add(256);
    for edge in el.traverse().take(max_edges) {
        match edge {
            Edge::Open(node) => match node.value() {
                scraper::Node::Element(e) => {
                    let name = e.name();
                    if skip_depth > 0
                        || matches!(name, "script" | "style" | "noscript" | "template")
                    {
                        skip_depth += 1;
                    } else if breaks_words(name) {
                        raw.push(' ');
                    }
                }
                scraper::Node::Text(t) if skip_depth == 0 => {
                    raw.push_str(t);
                    if raw.len() > budget {
                        break;
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let scraper::Node::Element(e) = node.value() {
                    if skip_depth > 0 {
                        skip_depth -= 1;
                    } else if breaks_words(e.name()) {
                        raw.push(' ');
                    }
                }
            }
        }
    }
    collapse_ws(&raw)
}

/// Longest title kept, in characters; a page's 1 MB "title" is cut, not carried into feeds.
pub const MAX_TITLE: usize = 300;
/// Longest summary kept, in characters.
pub const MAX_SUMMARY: usize = 1000;
/// Longest author kept, in characters.
pub const MAX_AUTHOR: usize = 100;

/// Cuts `text` to at most `max` characters, at a word boundary when one is near, ending in "…".
pub fn truncate(text: String, max: usize) -> String {
    let Some((cut, _)) = text.char_indices().nth(max) else {
        return text;
    };
    let head = &text[..cut];
    // Back up to the last space in the final fifth, so a word is not split.
    let floor = head.char_indices().nth(max * 4 / 5).map_or(0, |(i, _)| i);
    let end = head[floor..].rfind(' ').map_or(cut, |i| floor + i);
    let mut out = head[..end].trim_end().to_string();
    out.push('\u{2026}');
    out
}

fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

/// Reads a field: its attribute when the spec names one, else the element's text.
fn read(item: ElementRef, field: &Field, misses: &mut usize) -> Option<String> {
    let Some(el) = item.select(&field.css).next() else {
        *misses += 1;
        return None;
    };
    match &field.attr {
        Some(attr) => el.value().attr(attr).map(collapse_ws).and_then(non_empty),
        None => non_empty(text_of(el)),
    }
}

/// Whether a page at `from` may link to `url` in a feed: http and https always; `file:` only
/// from a local page. A web page must never get a local file fetched or published.
pub fn linkable(url: &Url, from: &Url) -> bool {
    match url.scheme() {
        "http" | "https" => true,
        "file" => from.scheme() == "file",
        _ => false,
    }
}

/// A page's `<base href>` value resolved against its URL, when it is one the page may use;
/// else the page URL.
pub fn resolve_base(page_url: &Url, href: Option<&str>) -> Url {
    href.and_then(|h| page_url.join(h.trim()).ok())
        .filter(|u| linkable(u, page_url))
        .unwrap_or_else(|| page_url.clone())
}

/// Resolves an href to a canonical URL; skips `javascript:`, `mailto:`, bare fragments, and
/// `file:` links on web pages.
pub fn resolve_link(href: &str, base: &Url) -> Option<Url> {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') {
        return None;
    }
    let url = base.join(href).ok()?;
    linkable(&url, base).then(|| canonical_url(url))
}

fn find_link<'a>(
    item: ElementRef<'a>,
    field: Option<&Field>,
    base: &Url,
    misses: &mut usize,
) -> Option<(Url, ElementRef<'a>)> {
    let usable = |el: ElementRef<'a>| {
        let href = el.value().attr("href")?;
        resolve_link(href, base).map(|u| (u, el))
    };
    match field {
        Some(f) => {
            let Some(el) = item.select(&f.css).next() else {
                *misses += 1;
                return None;
            };
            if let Some(attr) = &f.attr {
                let url = resolve_link(el.value().attr(attr)?, base)?;
                return Some((url, el));
            }
            usable(el).or_else(|| el.select(&ANCHOR).find_map(usable))
        }
        None => {
            if item.value().name() == "a" {
                if let Some(found) = usable(item) {
                    return Some(found);
                }
            }
            item.select(&ANCHOR).find_map(usable)
        }
    }
}

/// Without a title selector: the longest text among the item's links to the article (a
/// thumbnail link has none, the headline link has the headline), else an alt or title attribute.
fn default_title(item: ElementRef, link_el: ElementRef, link: &Url, base: &Url) -> Option<String> {
    let mut best = text_of(link_el);
    let anchors = std::iter::once(item)
        .filter(|e| e.value().name() == "a")
        .chain(item.select(&ANCHOR));
    for a in anchors {
        let same = a
            .value()
            .attr("href")
            .and_then(|h| resolve_link(h, base))
            .is_some_and(|u| &u == link);
        if same {
            let t = text_of(a);
            if t.chars().count() > best.chars().count() {
                best = t;
            }
        }
    }
    if best.is_empty() {
        best = link_el
            .value()
            .attr("title")
            .or_else(|| {
                link_el
                    .select(&IMG)
                    .next()
                    .and_then(|i| i.value().attr("alt"))
            })
            .map(collapse_ws)
            .unwrap_or_default();
    }
    non_empty(best)
}

/// The image URL an `<img>` shows: `src` unless it is a placeholder, then the lazy-loading
/// attributes, then the first `srcset` candidate.
pub(crate) fn image_src<'a>(el: ElementRef<'a>) -> Option<&'a str> {
    let v = el.value();
    let real = |s: &&str| !s.trim().is_empty() && !s.trim_start().starts_with("data:");
    v.attr("src")
        .filter(real)
        .or_else(|| v.attr("data-src").filter(real))
        .or_else(|| v.attr("data-original").filter(real))
        .or_else(|| v.attr("data-lazy-src").filter(real))
        .or_else(|| {
            v.attr("srcset")
                .and_then(|s| s.split(',').next())
                .and_then(|s| s.split_whitespace().next())
        })
}

fn find_image(
    item: ElementRef,
    field: Option<&Field>,
    base: &Url,
    misses: &mut usize,
) -> Option<Url> {
    let src = match field {
        Some(f) => {
            let Some(el) = item.select(&f.css).next() else {
                *misses += 1;
                return None;
            };
            match &f.attr {
                Some(attr) => el.value().attr(attr).map(str::to_string),
                None if el.value().name() == "img" => image_src(el).map(str::to_string),
                None => el.select(&IMG).find_map(image_src).map(str::to_string),
            }
        }
        // Without a selector there is no image: the first <img> of an item is as often a
        // "new" badge or a bullet as a photo.
        None => return None,
    }?;
    let url = base.join(src.trim()).ok()?;
    matches!(url.scheme(), "http" | "https").then_some(url)
}

fn read_date(item: ElementRef, field: &Field, misses: &mut usize) -> Option<String> {
    if field.attr.is_some() {
        return read(item, field, misses);
    }
    let Some(el) = item.select(&field.css).next() else {
        *misses += 1;
        return None;
    };
    time_text(el)
}

/// A `<time>`'s machine-readable `datetime`, else the element's text.
fn time_text(el: ElementRef) -> Option<String> {
    el.value()
        .attr("datetime")
        .map(collapse_ws)
        .and_then(non_empty)
        .or_else(|| non_empty(text_of(el)))
}

fn default_date(item: ElementRef) -> Option<String> {
    item.select(&TIME).next().and_then(time_text)
}

/// The deepest element nesting a page may have before it is refused. Real pages stay under a
/// hundred; the HTML parser's work grows with depth times tags, so 100,000 nested divs would
/// take minutes.
pub const MAX_NESTING: usize = 1024;

/// Elements the parser closes by itself or that never hold content: they add no lasting depth.
fn void_or_implied(name: &[u8]) -> bool {
    let mut buf = [0u8; 10];
    if name.len() > buf.len() {
        return false;
    }
    let lower = &mut buf[..name.len()];
    lower.copy_from_slice(name);
    lower.make_ascii_lowercase();
    crate::listscan::is_void(lower)
        || crate::listscan::optional_end(lower)
        || matches!(&*lower, b"html" | b"head" | b"body")
}

/// How deeply a page nests its elements, by a quick scan of its tags (comments and the
/// insides of scripts and styles skipped), without parsing it.
pub fn nesting_depth(html: &str) -> usize {
    let b = html.as_bytes();
    let (mut i, mut depth, mut max) = (0usize, 0usize, 0usize);
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        i += off + 1;
        if b[i..].starts_with(b"!--") {
            i = memchr::memmem::find(&b[i..], b"-->").map_or(b.len(), |p| i + p + 3);
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let start = i + usize::from(closing);
        let mut end = start;
        while end < b.len() && (b[end].is_ascii_alphanumeric() || b[end] == b'-' || b[end] == b':')
        {
            end += 1;
        }
        if end == start {
            continue;
        }
        let name = &b[start..end];
        let tag_end = memchr::memchr(b'>', &b[end..]).map_or(b.len(), |p| end + p);
        let self_closed = b.get(tag_end.wrapping_sub(1)) == Some(&b'/');
        i = tag_end;
        let lower = |n: &[u8], want: &[u8]| n.eq_ignore_ascii_case(want);
        if closing {
            if !void_or_implied(name) {
                depth = depth.saturating_sub(1);
            }
        } else if ["script", "style", "textarea", "title", "xmp"]
            .iter()
            .any(|t| lower(name, t.as_bytes()))
        {
            // Raw text: skip to the matching end tag.
            let mut j = i;
            i = b.len();
            while let Some(p) = memchr::memmem::find(&b[j..], b"</") {
                let at = j + p + 2;
                if b.get(at..at + name.len())
                    .is_some_and(|n| n.eq_ignore_ascii_case(name))
                {
                    i = at;
                    break;
                }
                j = at;
            }
        } else if !void_or_implied(name) && !self_closed {
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

/// Query parameters that only track where a click came from; they make one article look like many.
fn is_tracking_param(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.starts_with("utm_")
        || matches!(
            name.as_str(),
            "fbclid"
                | "gclid"
                | "dclid"
                | "gbraid"
                | "wbraid"
                | "msclkid"
                | "yclid"
                | "igshid"
                | "mc_cid"
                | "mc_eid"
                | "_ga"
                | "_gl"
                | "ref_src"
        )
}

/// The URL that identifies an article: fragment dropped, tracking parameters dropped, the
/// rest of the query kept as written and in order.
pub fn canonical_url(mut url: Url) -> Url {
    url.set_fragment(None);
    if let Some(query) = url.query() {
        let kept: Vec<&str> = query
            .split('&')
            .filter(|pair| {
                let name = pair.split('=').next().unwrap_or("");
                !pair.is_empty() && !is_tracking_param(name)
            })
            .collect();
        let kept = kept.join("&");
        url.set_query((!kept.is_empty()).then_some(kept.as_str()));
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_url_table() {
        let cases = [
            (
                "https://www.newspim.com/news/view/20260210000123",
                "https://www.newspim.com/news/view/20260210000123",
            ),
            (
                "https://www.newspim.com/news/view/20260210000123#comments",
                "https://www.newspim.com/news/view/20260210000123",
            ),
            (
                "https://a.kr/view?idxno=5&utm_source=main&utm_medium=list",
                "https://a.kr/view?idxno=5",
            ),
            ("https://a.kr/view?utm_source=x", "https://a.kr/view"),
            (
                "https://a.kr/view?fbclid=abc&no=3&gclid=d",
                "https://a.kr/view?no=3",
            ),
            (
                "https://a.kr/view?no=3&&sid=%ED%95%9C",
                "https://a.kr/view?no=3&sid=%ED%95%9C",
            ),
            ("HTTPS://A.KR:443/x", "https://a.kr/x"),
            ("https://a.kr/x?UTM_Campaign=1#top", "https://a.kr/x"),
            ("https://a.kr/x?q=a+b&page=2", "https://a.kr/x?q=a+b&page=2"),
        ];
        for (input, want) in cases {
            assert_eq!(
                canonical_url(Url::parse(input).unwrap()).as_str(),
                want,
                "{input}"
            );
        }
    }

    #[test]
    fn resolve_link_table() {
        let base = Url::parse("https://news.example.kr/news/list.html?sc=1").unwrap();
        let cases = [
            (
                "/news/articleView.html?idxno=1",
                Some("https://news.example.kr/news/articleView.html?idxno=1"),
            ),
            (
                "articleView.html?idxno=2",
                Some("https://news.example.kr/news/articleView.html?idxno=2"),
            ),
            ("../view/3", Some("https://news.example.kr/view/3")),
            ("//cdn.example.kr/a/4", Some("https://cdn.example.kr/a/4")),
            ("  /x/5  ", Some("https://news.example.kr/x/5")),
            ("#", None),
            ("#top", None),
            ("javascript:void(0)", None),
            ("mailto:desk@example.kr", None),
            ("", None),
            ("file:///etc/passwd", None),
            (
                "../../../../etc/passwd",
                Some("https://news.example.kr/etc/passwd"),
            ),
        ];
        for (href, want) in cases {
            assert_eq!(
                resolve_link(href, &base).as_ref().map(Url::as_str),
                want,
                "{href}"
            );
        }
    }

    #[test]
    fn nesting_depth_table() {
        let cases: &[(&str, usize)] = &[
            ("", 0),
            ("<div><div></div></div>", 2),
            ("<p>a<p>b<p>c", 0),
            ("<ul><li>a<li>b</ul>", 1),
            ("<div><br><img src=x><hr/></div>", 1),
            ("<div><!-- <div><div><div> --></div>", 1),
            ("<script>var s = '<div><div><div>';</script><div></div>", 1),
            ("<DIV><Section></SECTION></div>", 2),
            ("<x-card><x-card></x-card></x-card>", 2),
            ("<div/><span />", 0),
            ("a < b and c<d", 1),
        ];
        for (html, want) in cases {
            assert_eq!(nesting_depth(html), *want, "{html}");
        }
        let deep = "<div>".repeat(100_000);
        assert_eq!(nesting_depth(&deep), 100_000);
    }

    #[test]
    fn truncate_table() {
        assert_eq!(truncate("짧은 제목".into(), 10), "짧은 제목");
        assert_eq!(truncate("abcdefghij".into(), 10), "abcdefghij");
        assert_eq!(truncate("abcdefghijk".into(), 10), "abcdefghij\u{2026}");
        assert_eq!(truncate("one two three".into(), 9), "one two\u{2026}");
        assert_eq!(
            truncate("one two three four five".into(), 12),
            "one two thre\u{2026}"
        );
        assert_eq!(
            truncate("가나다라마바사아자차카".into(), 5),
            "가나다라마\u{2026}"
        );
        let huge = "가".repeat(1_000_000);
        assert_eq!(truncate(huge, MAX_TITLE).chars().count(), MAX_TITLE + 1);
    }

    #[test]
    fn collapse_table() {
        assert_eq!(collapse_ws("  a \n\t b\u{a0}c  "), "a b c");
        assert_eq!(collapse_ws(""), "");
        assert_eq!(collapse_ws("\u{3000}한\u{3000}글 "), "한 글");
        assert_eq!(collapse_ws("a\u{1}b\u{7f} \u{fffe}c"), "ab c");
    }

    fn select(toml_select: &str) -> Select {
        let text = format!(
            "[feeds.t]\ntitle = \"T\"\nurl = \"https://x.kr/\"\n[feeds.t.select]\n{toml_select}"
        );
        let config = crate::config::parse(&text, std::path::Path::new("feeds.toml")).unwrap();
        config.feeds[0].select.clone().unwrap()
    }

    fn ctx() -> DateContext {
        DateContext {
            fetched_at: "2026-02-11T00:00:00Z".parse().unwrap(),
            zone: chrono_tz::Asia::Seoul,
        }
    }

    #[test]
    fn thumbnail_and_title_links_make_one_item() {
        let html = r#"<html><head><base href="https://news.x.kr/sub/"></head><body>
            <ul class="list">
              <li><a href="view/1?utm_source=main"><img data-src="/img/1.jpg" src="data:image/gif;base64,R0"></a>
                  <a href="view/1">  미 연준, &quot;금리&quot;   동결 &amp;amp; 관망 </a><em>김기자</em></li>
              <li><a href="javascript:;">광고</a></li>
              <li><a href="view/2#cmt">두번째 <b>기사</b>입니다<br>부제</a><img srcset="/img/2.jpg 1x, /img/2@2x.jpg 2x"><script>var x = 1;</script></li>
              <li><a href="view/1">미 연준</a></li>
            </ul></body></html>"#;
        let s = select("item = \"ul.list li\"\nauthor = \"em\"\nimage = \"img\"\n");
        let page = extract_list(html, &Url::parse("https://news.x.kr/").unwrap(), &s, ctx());
        assert_eq!(page.items.len(), 2, "{:?}", page.items);
        let a = &page.items[0];
        assert_eq!(a.link.as_str(), "https://news.x.kr/sub/view/1");
        assert_eq!(
            a.title.as_deref(),
            Some("미 연준, \"금리\" 동결 &amp; 관망")
        );
        assert_eq!(
            a.image.as_ref().map(Url::as_str),
            Some("https://news.x.kr/img/1.jpg")
        );
        assert_eq!(a.author.as_deref(), Some("김기자"));
        let b = &page.items[1];
        assert_eq!(b.link.as_str(), "https://news.x.kr/sub/view/2");
        assert_eq!(b.title.as_deref(), Some("두번째 기사입니다 부제"));
        assert_eq!(
            b.image.as_ref().map(Url::as_str),
            Some("https://news.x.kr/img/2.jpg")
        );
        assert!(
            page.warnings.iter().any(|w| w.contains("without a link")),
            "{:?}",
            page.warnings
        );
    }

    #[test]
    fn attr_fields_and_time_elements() {
        let html = r#"<div class="a" data-href="/n/7"><h2>제목</h2><time datetime="2026-02-10T19:32:00+09:00">2시간 전</time>
            <span class="d" data-ts="2026.02.10 19:32">x</span></div>"#;
        let s = select("item = \"div.a\"\nlink = \"div.a@data-href\"\n");
        // the item's own attribute is not a descendant: link comes from nowhere, so it is skipped
        let page = extract_list(html, &Url::parse("https://x.kr/").unwrap(), &s, ctx());
        assert!(page.items.is_empty());

        let html = r#"<ul><li class="a"><a href="/n/7">제목</a><time datetime="2026-02-10T19:32:00+09:00">2시간 전</time></li></ul>"#;
        let s = select("item = \"li.a\"\n");
        let page = extract_list(html, &Url::parse("https://x.kr/").unwrap(), &s, ctx());
        assert_eq!(
            page.items[0].date_text.as_deref(),
            Some("2026-02-10T19:32:00+09:00")
        );

        let html = r#"<ul><li class="a"><a href="/n/8">제목</a><span class="d" data-ts="2026.02.10 19:32">어제</span></li></ul>"#;
        let s = select("item = \"li.a\"\ndate = \"span.d@data-ts\"\n");
        let page = extract_list(html, &Url::parse("https://x.kr/").unwrap(), &s, ctx());
        assert_eq!(page.items[0].date_text.as_deref(), Some("2026.02.10 19:32"));
    }

    #[test]
    fn nothing_matched_warns() {
        let s = select("item = \"div.gone\"\n");
        let page = extract_list(
            "<p>바뀐 레이아웃</p>",
            &Url::parse("https://x.kr/").unwrap(),
            &s,
            ctx(),
        );
        assert!(page.items.is_empty());
        assert!(page.warnings[0].contains("select.item matched nothing"));
    }

    #[test]
    fn broken_markup_does_not_panic() {
        let s = select("item = \"li\"\n");
        for html in [
            "",
            "<li><a href=",
            "<li><a href='http://[::1'>x</a>",
            "<<<>>>",
            "<li><a href=\"http://x.kr/\u{0}\">\u{fffe}</a>",
        ] {
            let _ = extract_list(html, &Url::parse("https://x.kr/").unwrap(), &s, ctx());
        }
    }
}
