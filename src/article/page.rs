//! The parsed article page and what is known before any field is read: the base URL, the
//! headline, the blocks that never count (found by `excluded`), the `<meta>` map and the
//! JSON-LD article objects; and how a field reader looks up an element or a configured field.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Selector};
use serde_json::{Map, Value};
use url::Url;

use super::ai_box::ai_boxes;
use super::attrs::id_class;
use super::excluded::{excluded_under, squeeze};
use super::{MAX_LD_BYTES, MAX_LD_DEPTH, MAX_LD_SCRIPTS};
use crate::config::Field;
use crate::dates::{DateContext, ShortYear};
use crate::html::{base_url, collapse_ws, date_text_within, jsonld, text_within};

/// Hashes a node id (an index into the page's tree) with one multiplication: the sets of
/// nodes below are asked about for nearly every node of the page, and the default hasher's
/// resistance to chosen keys is not needed for ids the parser counts out itself.
#[derive(Default, Clone, Copy)]
pub(super) struct NodeIdHasher(u64);

impl std::hash::Hasher for NodeIdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0 ^ n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A set of the page's nodes.
pub(super) type NodeSet = HashSet<NodeId, std::hash::BuildHasherDefault<NodeIdHasher>>;
/// A map from the page's nodes.
pub(super) type NodeMap<V> = HashMap<NodeId, V, std::hash::BuildHasherDefault<NodeIdHasher>>;

/// Parses a selector written in `article`'s own code, known to be valid.
pub(super) fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("static selector")
}

static META: LazyLock<Selector> = LazyLock::new(|| selector("meta[content]"));
static TITLE: LazyLock<Selector> = LazyLock::new(|| selector("head title"));
pub(super) static BODY: LazyLock<Selector> = LazyLock::new(|| selector("body"));

/// One article page, parsed, with what is known about it before any field is read.
pub(super) struct ArticlePage<'a> {
    pub(super) doc: &'a Html,
    /// The page URL, or its `<base href>`: what relative links are resolved against.
    pub(super) base: Url,
    /// The page's own URL, as fetched.
    pub(super) url: Url,
    /// When the page was fetched and in which time zone its times are read.
    pub(super) ctx: DateContext,
    /// The headline `<h1>` and its ancestors: never an excluded block.
    pub(super) protected: NodeSet,
    /// Every element inside an excluded block.
    pub(super) excluded: NodeSet,
    /// Every element inside an AI-summary box.
    pub(super) ai_box: NodeSet,
    /// The text of each AI box, white space removed, lower-cased.
    pub(super) ai_box_texts: Vec<String>,
    /// The first non-empty `content` of each `<meta>` key (property, name or itemprop), lower-cased.
    meta: HashMap<String, String>,
    /// JSON-LD article objects in page order.
    ld_articles: Vec<Map<String, Value>>,
    /// JSON-LD `WebPage` objects in page order: their dates are the page's (SEO plugins
    /// describe every page so), scored below an article object's.
    ld_pages: Vec<Map<String, Value>>,
    /// The article's headline `<h1>`, when the page has one that is not a logo.
    pub(super) headline: Option<ElementRef<'a>>,
    /// The text of the page's `<title>`, white space removed and lower-cased ([`squeeze`]).
    pub(super) title_text: Option<String>,
    /// How the page orders a two-digit-year date, from its declared language.
    pub(super) short_year: ShortYear,
}

impl<'a> ArticlePage<'a> {
    pub(super) fn new(doc: &'a Html, page_url: &Url, ctx: DateContext) -> Self {
        let base = base_url(doc, page_url);
        let title_text = doc
            .select(&TITLE)
            .next()
            .map(|t| squeeze(&text_within(t, 400)));
        let headline = find_headline(doc, title_text.as_deref());
        let short_year = short_year_of(doc, title_text.as_deref());
        let mut protected = NodeSet::default();
        if let Some(h) = headline {
            protected.insert(h.id());
            protected.extend(h.ancestors().map(|a| a.id()));
        }
        let excluded = excluded_under(doc.root_element(), true, &protected);
        let (ai_box, ai_box_texts) = ai_boxes(doc.root_element(), &protected);
        let mut page = ArticlePage {
            doc,
            base,
            url: page_url.clone(),
            ctx,
            protected,
            excluded,
            ai_box,
            ai_box_texts,
            meta: HashMap::new(),
            ld_articles: Vec::new(),
            ld_pages: Vec::new(),
            headline,
            title_text,
            short_year,
        };
        page.meta = page.read_meta();
        let ld = page.read_json_ld();
        (page.ld_articles, page.ld_pages) = (ld.articles, ld.pages);
        page
    }

    /// The first match of `css`, preferring one outside excluded blocks.
    pub(super) fn first_match(&self, css: &Selector) -> Option<ElementRef<'a>> {
        let mut first = None;
        for el in self.doc.select(css) {
            if !self.is_excluded(el.id()) {
                return Some(el);
            }
            first.get_or_insert(el);
        }
        first
    }

    /// What `self.doc.select(css)` yields, in the same order, with `css` tried only on the
    /// elements `could_match` lets through: selector matching on every element of the page
    /// was most of the cost of the walks that look for a few rare elements. `could_match`
    /// must hold for every element `css` matches.
    pub(super) fn select_where<'s>(
        &self,
        css: &'s Selector,
        could_match: impl Fn(&scraper::node::Element) -> bool + 's,
    ) -> impl Iterator<Item = ElementRef<'a>> + 's
    where
        'a: 's,
    {
        crate::html::elements(self.doc).filter(move |el| could_match(el.value()) && css.matches(el))
    }

    /// The `<meta>` content for `key` (lower-case).
    pub(super) fn meta(&self, key: &str) -> Option<&str> {
        self.meta.get(key).map(String::as_str)
    }

    /// Every `<meta>` key the page has (lower-case), in no particular order.
    pub(super) fn meta_keys(&self) -> impl Iterator<Item = &str> {
        self.meta.keys().map(String::as_str)
    }

    fn read_meta(&self) -> HashMap<String, String> {
        let mut map = HashMap::new();
        for el in self.select_where(&META, |e| e.name() == "meta").take(1000) {
            if self.is_excluded(el.id()) {
                continue;
            }
            let content = collapse_ws(el.value().attr("content").unwrap_or(""));
            if content.is_empty() {
                continue;
            }
            for attr in ["property", "name", "itemprop"] {
                if let Some(key) = el.value().attr(attr) {
                    map.entry(key.trim().to_ascii_lowercase())
                        .or_insert_with(|| content.clone());
                }
            }
        }
        map
    }

    fn read_json_ld(&self) -> LdObjects {
        let mut out = LdObjects::default();
        let scripts = jsonld::scripts(self.doc)
            .filter(|s| !self.is_excluded(s.id()))
            .take(MAX_LD_SCRIPTS);
        for script in scripts {
            let Some(text) = jsonld::script_text(script, MAX_LD_BYTES) else {
                continue;
            };
            for value in jsonld::parse(&text) {
                collect_articles(&value, &mut out, 0);
            }
        }
        out
    }

    /// Whether the node `id` lies inside the element `outer` (not `outer` itself).
    pub(super) fn lies_within(&self, id: NodeId, outer: NodeId) -> bool {
        self.doc
            .tree
            .get(id)
            .is_some_and(|n| n.ancestors().any(|a| a.id() == outer))
    }

    /// The JSON-LD article objects in page order.
    pub(super) fn ld_articles(&self) -> &[Map<String, Value>] {
        &self.ld_articles
    }

    /// The JSON-LD `WebPage` objects in page order.
    pub(super) fn ld_pages(&self) -> &[Map<String, Value>] {
        &self.ld_pages
    }

    /// The first JSON-LD article object's value for `key` that `f` accepts.
    pub(super) fn ld_find<T>(&self, key: &str, f: impl Fn(&Value) -> Option<T>) -> Option<T> {
        self.ld_articles
            .iter()
            .filter_map(|obj| obj.get(key))
            .find_map(f)
    }

    /// Reads a configured field: its attribute when named, else a meta `content`, else the
    /// element's text.
    pub(super) fn read_field(&self, field: &Field) -> Option<String> {
        self.read_configured(field, false)
    }

    /// [`read_field`](Self::read_field) for a date: an element's `datetime` comes before its text.
    pub(super) fn read_date_field(&self, field: &Field) -> Option<String> {
        self.read_configured(field, true)
    }

    fn read_configured(&self, field: &Field, date: bool) -> Option<String> {
        let el = self.first_match(&field.css)?;
        let v = el.value();
        let text = match &field.attr {
            Some(attr) => v.attr(attr).map(collapse_ws),
            None if v.name() == "meta" => v.attr("content").map(collapse_ws),
            None if date => v
                .attr("datetime")
                .map(collapse_ws)
                .filter(|s| !s.is_empty())
                .or_else(|| Some(date_text_within(el, 4000))),
            None => Some(text_within(el, 20_000)),
        }?;
        (!text.is_empty()).then_some(text)
    }
}

/// The headline: among the `<h1>`s with text that are not a logo, the one the page's
/// `<title>` names at the greatest length, else the first. A site that writes its name in an
/// `<h1>` in the page header ("Engadget") and the article's title in another gets the
/// second: the title says "Xbox One X review: … | Engadget", and the longer part wins.
fn find_headline<'d>(doc: &'d Html, title: Option<&str>) -> Option<ElementRef<'d>> {
    // By tag name alone: a selector tried on every element cost more than the rest of this.
    let candidates: Vec<ElementRef> = crate::html::elements(doc)
        .filter(|e| e.value().name() == "h1")
        .take(20)
        .filter(|h| {
            let logo = std::iter::once(*h)
                .chain(h.ancestors().take(3).filter_map(ElementRef::wrap))
                .any(|e| id_class(e).contains("logo"));
            !logo && !text_within(*h, 100).is_empty()
        })
        .collect();
    if let (true, Some(title)) = (candidates.len() > 1, title) {
        let named = candidates
            .iter()
            .map(|h| (*h, squeeze(&text_within(*h, 400))))
            .filter(|(_, text)| text.chars().count() >= 4 && title.contains(text.as_str()))
            .max_by_key(|(_, text)| text.chars().count());
        if let Some((h, _)) = named {
            return Some(h);
        }
    }
    candidates.into_iter().next()
}

/// Whether a JSON-LD object is an article's: its `@type` (a string or an array) names an
/// article type (`Article`, `NewsArticle`, `ReportageNewsArticle`, `BlogPosting`, …), or it is
/// the untyped object Chinese sites write for Baidu's search (`{"@context":
/// "https://ziyuan.baidu.com/contexts/cambrian.jsonld", "title": …, "pubDate": …}`).
fn is_article(obj: &Map<String, Value>) -> bool {
    jsonld::types(obj).into_iter().any(jsonld::is_article_type)
        || obj
            .get("@context")
            .and_then(Value::as_str)
            .is_some_and(|c| c.contains("cambrian"))
}

fn is_web_page(obj: &Map<String, Value>) -> bool {
    jsonld::types(obj)
        .into_iter()
        .any(|t| matches!(t, "WebPage" | "ItemPage"))
}

/// The JSON-LD objects an article page reads.
#[derive(Default)]
struct LdObjects {
    articles: Vec<Map<String, Value>>,
    pages: Vec<Map<String, Value>>,
}

/// Collects article and `WebPage` objects at the top level, in arrays, in `@graph` and in
/// `mainEntity`.
fn collect_articles(v: &Value, out: &mut LdObjects, depth: usize) {
    if depth > MAX_LD_DEPTH || out.articles.len() + out.pages.len() >= 64 {
        return;
    }
    match v {
        Value::Array(items) => {
            for item in items.iter().take(200) {
                collect_articles(item, out, depth + 1);
            }
        }
        Value::Object(obj) => {
            if is_article(obj) {
                out.articles.push(obj.clone());
            } else if is_web_page(obj) {
                out.pages.push(obj.clone());
            }
            for key in ["@graph", "mainEntity"] {
                if let Some(inner) = obj.get(key) {
                    collect_articles(inner, out, depth + 1);
                }
            }
        }
        _ => {}
    }
}

/// How the page writes numeric dates. One that declares a language other than Korean,
/// Japanese or Chinese prints a two-digit year last (`02.12.19`, `8.5.12`) and, unless the
/// language is American English, a slashed date day first (`08/01/2014` on a Spanish
/// page). An undeclared one whose `<title>` is written in other letters prints two-digit
/// years last too (a German blog's `17.7.11` date header), its slashed dates read month
/// first. One whose `<title>` is written in Hangul or CJK characters is read as Korean pages
/// print it (`26.02.10`) whatever it declares (Korean templates often say `lang="en"`), as
/// is an undeclared one without a title, as list pages are.
fn short_year_of(doc: &Html, title: Option<&str>) -> ShortYear {
    let east_asian = |c: char| matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}');
    if title.is_some_and(|t| t.chars().any(east_asian)) {
        return ShortYear::First;
    }
    let lang = doc.root_element().value().attr("lang").unwrap_or("").trim();
    let prefix = lang.get(..2).unwrap_or(lang).to_ascii_lowercase();
    // American English alone writes a slashed date month first; British English (`en-GB`,
    // `en-IE`, `en-AU`, …) writes it day first, as the other languages do.
    let region = lang.get(2..).unwrap_or("").to_ascii_uppercase();
    let american = prefix == "en" && matches!(region.as_str(), "" | "-US" | "_US");
    match prefix.as_str() {
        "" if title.is_some_and(|t| t.chars().any(char::is_alphabetic)) => ShortYear::Last,
        "" | "ko" | "ja" | "zh" => ShortYear::First,
        _ if american => ShortYear::Last,
        _ => ShortYear::LastDayFirst,
    }
}
