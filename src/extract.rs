//! Reading the article list off a section page with the feed's CSS selectors.
//!
//! Pure: takes the page text and returns what it found, with warnings a person can act on.
//! html5ever decodes entities while parsing, so text is never decoded a second time.

use std::collections::HashMap;

use scraper::{ElementRef, Html, Selector};
use url::Url;

use crate::config::{Field, Select};
use crate::dates::{self, DateContext, Stamp};
use crate::html::{
    base_url, collapse_ws, image_src, non_empty, resolve_base, resolve_link, text_of, time_text,
    truncate, MAX_AUTHOR, MAX_SUMMARY, MAX_TITLE,
};

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

fn find_link<'a>(
    item: ElementRef<'a>,
    field: Option<&Field>,
    base: &Url,
    misses: &mut usize,
) -> Option<(Url, ElementRef<'a>)> {
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
            link_in(el, base)
        }
        None => default_link(item, base),
    }
}

/// The link of an element a link selector selected: its own href, else its first link's.
/// Detection counts what a candidate yields with this and [`default_link`].
pub(crate) fn link_in<'a>(el: ElementRef<'a>, base: &Url) -> Option<(Url, ElementRef<'a>)> {
    own_link(el, base).or_else(|| el.select(&ANCHOR).find_map(|a| own_link(a, base)))
}

/// The link of an item without a link selector: the item itself when it is a link, else its
/// first link.
pub(crate) fn default_link<'a>(item: ElementRef<'a>, base: &Url) -> Option<(Url, ElementRef<'a>)> {
    if item.value().name() == "a" {
        if let Some(found) = own_link(item, base) {
            return Some(found);
        }
    }
    item.select(&ANCHOR).find_map(|a| own_link(a, base))
}

/// The element's own href, resolved, when it is one a feed may link to.
fn own_link<'a>(el: ElementRef<'a>, base: &Url) -> Option<(Url, ElementRef<'a>)> {
    let href = el.value().attr("href")?;
    resolve_link(href, base).map(|u| (u, el))
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

fn default_date(item: ElementRef) -> Option<String> {
    item.select(&TIME).next().and_then(time_text)
}

#[cfg(test)]
mod tests {
    use super::*;

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
