//! Reading an article's own page: its times, title, summary, author, image and body.
//!
//! Section lists often print no time, a cut title or only a headline; the article page has
//! the truth. [`extract_article`] is pure: it takes the page text and returns what it found,
//! each value with the [`Source`] it came from, so `feedmill check` can show why.
//!
//! # Where each value comes from
//!
//! * **published / updated**, first hit wins: JSON-LD article objects (`datePublished`,
//!   `dateModified`), then `<meta>` (`article:published_time`, `itemprop=datePublished`, …),
//!   then the feed's `date` / `updated` selectors, then a `<time datetime>` (or an
//!   `itemprop=datePublished` element), then labelled text such as `입력 2026.02.10 19:32 |
//!   수정 2026.02.11 08:05` read with [`dates::parse_all`].
//! * **title**: JSON-LD `headline`, `og:title` (without a trailing `- 사이트명`), the headline `<h1>`.
//! * **summary**: the `summary` selector, `og:description`, `meta description`, else the
//!   body's first paragraph of real text; wire bylines are stripped ([`strip_byline`]) and an
//!   "AI 핵심 요약" box is never taken.
//! * **author**: the `author` selector, JSON-LD `author`, `meta author`, a byline element, the
//!   reporter of a wire byline.
//! * **image**: the `image` selector, `og:image` / `twitter:image`, JSON-LD `image`.
//! * **content** (only with `content` or `full_text`): the body, cleaned and sanitised.
//!
//! # Blocks that never count
//!
//! Related-article lists, "많이 본 뉴스" / best / ranking boxes, comments, footers, navigation,
//! sidebars, recommendation widgets and breaking-news tickers carry dates and names of *other*
//! articles. An element is inside such a block when one of its ancestors is a `footer`, `nav`
//! or `aside`, has an id or class that names one (`related`, `관련`, `comment`, `best_news`,
//! `rankList`, `dable`, `ticker`, …: long names as substrings, short words such as `hot`,
//! `best`, `rank` as whole words of the name so that `photo` is not `hot`), or is a link list
//! headed by a heading such as `<h3>관련기사</h3>` or `<h3>많이 본 뉴스</h3>`. The ancestors of
//! the article's headline are never such a block, so a page-wide wrapper with an unlucky class
//! name does not hide the article.
//!
//! No input makes it panic; work is bounded on huge pages (JSON-LD scripts over 1 MB are
//! skipped, text is read with budgets).

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::LazyLock;

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use regex::Regex;
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::{Map, Value};
use url::Url;

use crate::config::{ArticleRules, Field};
use crate::dates::{self, Label, Stamp};
use crate::extract::DateContext;
use crate::html::{
    base_url, breaks_words, collapse_ws, escape_into, image_src, jsonld, text_within as text_of,
};

/// Where a value came from, shown by `feedmill check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A `<script type="application/ld+json">` article object.
    JsonLd,
    /// A `<meta>` tag.
    Meta,
    /// One of the feed's `[feeds.<id>.article]` selectors.
    Selector,
    /// A `<time datetime>` or `itemprop=datePublished` element.
    Time,
    /// Text on the page: a labelled date line, a byline, the headline.
    Text,
    /// The article body's first paragraph.
    Body,
}

impl Source {
    /// The name shown by `feedmill check`.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::JsonLd => "json-ld",
            Source::Meta => "meta",
            Source::Selector => "selector",
            Source::Time => "time",
            Source::Text => "text",
            Source::Body => "body",
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Found<T> {
    pub value: T,
    pub source: Source,
}

impl<T> Found<T> {
    pub fn new(value: T, source: Source) -> Self {
        Found { value, source }
    }
}

/// Everything read off one article page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleInfo {
    /// Its `label` is always `Some(Label::Published)`.
    pub published: Option<Found<Stamp>>,
    /// Its `label` is always `Some(Label::Updated)`.
    pub updated: Option<Found<Stamp>>,
    pub title: Option<Found<String>>,
    /// Wire byline already stripped, never an AI-summary box; at most about 500 characters.
    pub summary: Option<Found<String>>,
    /// Includes the reporter from a wire byline when nothing better is known (source Text).
    pub author: Option<Found<String>>,
    pub image: Option<Found<Url>>,
    /// Sanitised HTML, only when `rules.content` or `rules.full_text`.
    pub content: Option<String>,
}

impl ArticleInfo {
    /// Whether the page gave nothing at all.
    pub fn is_empty(&self) -> bool {
        *self == ArticleInfo::default()
    }
}

/// JSON-LD scripts longer than this are skipped.
const MAX_LD_BYTES: usize = 1 << 20;
/// At most this many JSON-LD scripts are read per page.
const MAX_LD_SCRIPTS: usize = 32;
/// How deep JSON-LD values are searched for article objects.
const MAX_LD_DEPTH: usize = 8;
/// Summaries are cut near this many characters.
const SUMMARY_MAX: usize = 500;
/// A paragraph shorter than this is not a summary.
const MIN_PARAGRAPH: usize = 20;
/// The longest text read as one labelled date line.
const MAX_DATE_LINE: usize = 160;

/// Reads `html`, fetched from `page_url`, with the feed's article `rules`.
pub fn extract_article(
    html: &str,
    page_url: &Url,
    rules: &ArticleRules,
    ctx: DateContext,
) -> ArticleInfo {
    // Parsing and reading grow with nesting depth; a page nested absurdly deep says nothing.
    if crate::html::nesting_depth(html) > crate::html::MAX_NESTING {
        return ArticleInfo::default();
    }
    let doc = Html::parse_document(html);
    let page = Page::new(&doc, page_url, ctx);
    let (published, updated) = page.dates(rules);
    let title = page.title();
    let body = page.find_body();
    let (summary, mut wire) = page.summary(rules, body, title.as_ref().map(|t| &t.value));
    if wire.is_none() {
        if let Some(body) = body {
            wire = page.first_paragraph(body).1;
        }
    }
    let author = page.author(rules, wire);
    let image = page.image(rules);
    let content = if let Some(css) = &rules.content {
        page.first_match(css).and_then(|el| page.render(el, rules))
    } else if rules.full_text {
        body.and_then(|el| page.render(el, rules))
    } else {
        None
    };
    ArticleInfo {
        published,
        updated,
        title,
        summary,
        author,
        image,
        content,
    }
}

// ---------------------------------------------------------------------------
// Wire bylines
// ---------------------------------------------------------------------------

/// A reporter: one or more names and a title, e.g. `황숙혜 기자`, `홍길동·김철수 기자`,
/// `김철수 특파원`.
const REPORTER: &str = r"[가-힣]{2,4}(?:\s*[·,ㆍ]\s*[가-힣]{2,4})*\s?(?:(?:선임|전문|객원|인턴|수습|취재|사진|영상)\s?기자|대기자|기자|특파원|논설위원|편집위원)";

static LEAD_REPORTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\s*({REPORTER}(?:\s*[·,ㆍ]\s*{REPORTER})*)\s*[=＝]\s*"
    ))
    .expect("static regex")
});
static BRACKET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*[\[(【〔［<〈]\s*([^\[\]()【】〔〕［］<>〈〉]{1,40}?)\s*[\])】〕］>〉]\s*")
        .expect("static regex")
});
static REPORTER_AT_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?:^|[\s=＝])({REPORTER})$")).expect("static regex"));
static REPORTER_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?:^|[^가-힣])({REPORTER})(?:[^가-힣]|$)")).expect("static regex")
});
static REPORTER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^({REPORTER})\s*(?:[(<\[]?\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*[)>\]]?)?$"
    ))
    .expect("static regex")
});

/// Splits a Korean wire byline off the start of `text`: `"[서울=뉴스핌] 황숙혜 기자 = 미국
/// 증시가…"` gives `("미국 증시가…", Some("황숙혜 기자"))`.
///
/// Understood: a dateline in brackets (`[서울=뉴스핌]`, `(서울=연합뉴스)`, `【서울=뉴시스】`)
/// followed by an optional `홍길동 기자 = `; a bracket naming the reporter (`[아시아경제
/// 김철수 기자]`, `[뉴스핌=김철수 기자]`); `홍길동 기자 = ` at the very start. A dateline
/// without a reporter is removed with `None`. Any other text, including `[단독]` or `[속보]`,
/// comes back unchanged (white space collapsed) with `None`.
pub fn strip_byline(text: &str) -> (String, Option<String>) {
    let text = collapse_ws(text);
    let mut rest: &str = &text;
    let mut reporter = None;
    if let Some(m) = BRACKET.captures(rest) {
        let inside = m.get(1).map_or("", |g| g.as_str()).trim();
        let end = m.get(0).map_or(0, |g| g.end());
        if let Some(r) = REPORTER_AT_END.captures(inside).and_then(|c| c.get(1)) {
            reporter = Some(r.as_str().to_string());
            rest = &rest[end..];
        } else if inside.contains(['=', '＝']) {
            rest = &rest[end..];
        } else {
            return (text.clone(), None);
        }
    }
    if reporter.is_none() {
        if let Some(m) = LEAD_REPORTER.captures(rest) {
            reporter = m.get(1).map(|g| g.as_str().to_string());
            rest = &rest[m.get(0).map_or(0, |g| g.end())..];
        }
    }
    (
        rest.trim().to_string(),
        reporter.map(|r| collapse_ws(&r)).filter(|r| !r.is_empty()),
    )
}

/// The first `홍길동 기자` in a byline's text.
fn reporter_in(text: &str) -> Option<String> {
    REPORTER_IN
        .captures(text)
        .and_then(|c| c.get(1))
        .map(|m| collapse_ws(m.as_str()))
}

// ---------------------------------------------------------------------------
// The page
// ---------------------------------------------------------------------------

fn sel(css: &str) -> Selector {
    Selector::parse(css).expect("static selector")
}

static META: LazyLock<Selector> = LazyLock::new(|| sel("meta[content]"));
static H1: LazyLock<Selector> = LazyLock::new(|| sel("h1"));
static BODY: LazyLock<Selector> = LazyLock::new(|| sel("body"));
static IMG: LazyLock<Selector> = LazyLock::new(|| sel("img"));
static TIMES: LazyLock<Selector> =
    LazyLock::new(|| sel("time[datetime], [itemprop~=datePublished], [itemprop~=dateModified]"));
static NAMED: LazyLock<Selector> = LazyLock::new(|| sel("[class], [id], address"));
static SHORT_BLOCKS: LazyLock<Selector> =
    LazyLock::new(|| sel("span, em, strong, b, p, div, li, dd, address"));
static BODY_CANDIDATES: LazyLock<Vec<Selector>> = LazyLock::new(|| {
    [
        "[itemprop~=articleBody]",
        "#article-view-content-div",
        "#articleBody",
        ".article_body",
        ".article-body",
        "#news_body_area",
        ".news_body",
        "#articeBody",
        ".view_con",
        "#article_content",
    ]
    .iter()
    .map(|s| sel(s))
    .collect()
});

/// Meta keys for the published time, in order.
const META_PUBLISHED: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
];
/// Meta keys for the updated time, in order.
const META_UPDATED: &[&str] = &[
    "article:modified_time",
    "og:article:modified_time",
    "datemodified",
    "og:updated_time",
];

/// What is known about a parsed page before any field is read.
struct Page<'a> {
    doc: &'a Html,
    base: Url,
    ctx: DateContext,
    /// The headline `<h1>` and its ancestors: never an excluded block.
    guard: HashSet<NodeId>,
    /// Every element inside an excluded block.
    excluded: HashSet<NodeId>,
    /// Every element inside an AI-summary box.
    ai: HashSet<NodeId>,
    /// The text of each AI box, white space removed, lower-cased.
    ai_texts: Vec<String>,
    /// The first non-empty `content` of each `<meta>` key (property, name or itemprop), lower-cased.
    meta: HashMap<String, String>,
    /// JSON-LD article objects in page order.
    ld: Vec<Map<String, Value>>,
    headline: Option<ElementRef<'a>>,
}

impl<'a> Page<'a> {
    fn new(doc: &'a Html, page_url: &Url, ctx: DateContext) -> Self {
        let base = base_url(doc, page_url);
        let headline = find_headline(doc);
        let mut guard = HashSet::new();
        if let Some(h) = headline {
            guard.insert(h.id());
            guard.extend(h.ancestors().map(|a| a.id()));
        }
        let excluded = blocked(doc.root_element(), true, &guard);
        let (ai, ai_texts) = ai_boxes(doc.root_element(), &guard);
        let mut page = Page {
            doc,
            base,
            ctx,
            guard,
            excluded,
            ai,
            ai_texts,
            meta: HashMap::new(),
            ld: Vec::new(),
            headline,
        };
        page.meta = page.read_meta();
        page.ld = page.read_json_ld();
        page
    }

    fn is_excluded(&self, id: NodeId) -> bool {
        self.excluded.contains(&id)
    }

    /// The first match of `css`, preferring one outside excluded blocks.
    fn first_match(&self, css: &Selector) -> Option<ElementRef<'a>> {
        let mut first = None;
        for el in self.doc.select(css) {
            if !self.is_excluded(el.id()) {
                return Some(el);
            }
            first.get_or_insert(el);
        }
        first
    }

    fn meta(&self, key: &str) -> Option<&str> {
        self.meta.get(key).map(String::as_str)
    }

    fn read_meta(&self) -> HashMap<String, String> {
        let mut map = HashMap::new();
        for el in self.doc.select(&META).take(1000) {
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

    fn read_json_ld(&self) -> Vec<Map<String, Value>> {
        let mut out = Vec::new();
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

    /// The first JSON-LD article object's value for `key` that `f` accepts.
    fn ld_find<T>(&self, key: &str, f: impl Fn(&Value) -> Option<T>) -> Option<T> {
        self.ld.iter().filter_map(|obj| obj.get(key)).find_map(f)
    }

    // --- dates -------------------------------------------------------------

    fn parse(&self, text: &str) -> Option<Stamp> {
        dates::parse(text, self.ctx.fetched_at, self.ctx.zone)
    }

    fn dates(&self, rules: &ArticleRules) -> (Option<Found<Stamp>>, Option<Found<Stamp>>) {
        let ld = |key: &str| {
            self.ld_find(key, |v| {
                jsonld::string(v)
                    .and_then(|s| self.parse(&s))
                    .map(|s| Found::new(s, Source::JsonLd))
            })
        };
        let meta = |keys: &[&str]| {
            keys.iter()
                .filter_map(|k| self.meta(k))
                .find_map(|text| self.parse(text))
                .map(|s| Found::new(s, Source::Meta))
        };
        let mut published = ld("datePublished").or_else(|| meta(META_PUBLISHED));
        let mut updated = ld("dateModified").or_else(|| meta(META_UPDATED));
        if published.is_none() {
            published = rules
                .date
                .as_ref()
                .and_then(|f| self.read_field(f, true))
                .and_then(|text| self.parse(&text))
                .map(|s| Found::new(s, Source::Selector));
        }
        if updated.is_none() {
            updated = rules
                .updated
                .as_ref()
                .and_then(|f| self.read_field(f, true))
                .and_then(|text| {
                    dates::parse_all(&text, self.ctx.fetched_at, self.ctx.zone)
                        .into_iter()
                        .find(|s| s.label == Some(Label::Updated))
                        .or_else(|| self.parse(&text))
                })
                .map(|s| Found::new(s, Source::Selector));
        }
        if published.is_none() || updated.is_none() {
            let (p, u) = self.time_elements();
            published = published.or(p.map(|s| Found::new(s, Source::Time)));
            updated = updated.or(u.map(|s| Found::new(s, Source::Time)));
        }
        if published.is_none() || updated.is_none() {
            let (p, u) = self.labelled_text();
            published = published.or(p.map(|s| Found::new(s, Source::Text)));
            updated = updated.or(u.map(|s| Found::new(s, Source::Text)));
        }
        let tag = |f: Option<Found<Stamp>>, label| {
            f.map(|mut f| {
                f.value.label = Some(label);
                f
            })
        };
        (
            tag(published, Label::Published),
            tag(updated, Label::Updated),
        )
    }

    /// The first `<time datetime>` (or `itemprop` date element) outside excluded blocks for
    /// each kind; an element says "updated" by `itemprop=dateModified` or an id or class
    /// naming a modification.
    fn time_elements(&self) -> (Option<Stamp>, Option<Stamp>) {
        let (mut published, mut updated) = (None, None);
        for el in self.doc.select(&TIMES).take(200) {
            if el.value().name() == "meta" || self.is_excluded(el.id()) {
                continue;
            }
            let v = el.value();
            let names = id_class(el);
            let is_updated = v
                .attr("itemprop")
                .is_some_and(|p| p.contains("dateModified"))
                || ["modif", "updat", "edit", "revis"]
                    .iter()
                    .any(|w| names.contains(w));
            let slot = if is_updated {
                &mut updated
            } else {
                &mut published
            };
            if slot.is_some() {
                continue;
            }
            let stamp = v
                .attr("datetime")
                .and_then(|t| self.parse(t))
                .or_else(|| v.attr("content").and_then(|t| self.parse(t)))
                .or_else(|| self.parse(&text_of(el, 200)));
            *slot = stamp;
            if published.is_some() && updated.is_some() {
                break;
            }
        }
        (published, updated)
    }

    /// The first labelled times in the page's text outside excluded blocks: a short line
    /// around a label word (`입력`, `기사입력`, `수정`, `승인`, `등록`, …) read with
    /// [`dates::parse_all`]; an unlabelled time in such a line counts as published.
    fn labelled_text(&self) -> (Option<Stamp>, Option<Stamp>) {
        let (mut published, mut updated) = (None, None);
        let Some(body) = self.doc.select(&BODY).next() else {
            return (None, None);
        };
        let mut seen = HashSet::new();
        let mut tried = 0;
        for node in body.descendants() {
            let Node::Text(t) = node.value() else {
                continue;
            };
            if !has_label_word(t) {
                continue;
            }
            let Some(parent) = node.parent().and_then(ElementRef::wrap) else {
                continue;
            };
            if self.is_excluded(parent.id()) || self.ai.contains(&parent.id()) || in_link(parent) {
                continue;
            }
            if matches!(
                parent.value().name(),
                "script" | "style" | "noscript" | "template" | "textarea" | "option" | "title"
            ) {
                continue;
            }
            tried += 1;
            if tried > 300 {
                break;
            }
            // The label and its time may sit in sibling elements: climb a little for digits.
            let mut line = parent;
            let mut text = text_of(line, MAX_DATE_LINE * 4);
            for _ in 0..3 {
                if has_digit(&text) {
                    break;
                }
                let Some(up) = line.parent().and_then(ElementRef::wrap) else {
                    break;
                };
                if self.is_excluded(up.id()) || up.value().name() == "body" {
                    break;
                }
                line = up;
                text = text_of(line, MAX_DATE_LINE * 4);
            }
            if !seen.insert(line.id()) || text.chars().count() > MAX_DATE_LINE {
                continue;
            }
            for stamp in dates::parse_all(&text, self.ctx.fetched_at, self.ctx.zone) {
                let slot = if stamp.label == Some(Label::Updated) {
                    &mut updated
                } else {
                    &mut published
                };
                if slot.is_none() {
                    *slot = Some(stamp);
                }
            }
            if published.is_some() && updated.is_some() {
                break;
            }
        }
        (published, updated)
    }

    /// Reads a configured field: its attribute when named, else (for dates) a `datetime` or a
    /// meta `content`, else the element's text.
    fn read_field(&self, field: &Field, date: bool) -> Option<String> {
        let el = self.first_match(&field.css)?;
        let v = el.value();
        let text = match &field.attr {
            Some(attr) => v.attr(attr).map(collapse_ws),
            None if v.name() == "meta" => v.attr("content").map(collapse_ws),
            None if date => v
                .attr("datetime")
                .map(collapse_ws)
                .filter(|s| !s.is_empty())
                .or_else(|| Some(text_of(el, 4000))),
            None => Some(text_of(el, 20_000)),
        }?;
        (!text.is_empty()).then_some(text)
    }

    // --- title -------------------------------------------------------------

    fn title(&self) -> Option<Found<String>> {
        if let Some(t) = self.ld_find("headline", |v| {
            jsonld::string(v).map(|s| clean_json_text(&s))
        }) {
            if !t.is_empty() {
                return Some(Found::new(t, Source::JsonLd));
            }
        }
        if let Some(t) = self.meta("og:title") {
            let t = self.without_site_name(t);
            if !t.is_empty() {
                return Some(Found::new(t, Source::Meta));
            }
        }
        let h1 = self.headline.map(|h| text_of(h, 2000))?;
        (!h1.is_empty()).then(|| Found::new(h1, Source::Text))
    }

    /// `"제목 - 뉴스핌"` without the trailing site name, when `og:site_name` says what it is.
    fn without_site_name(&self, title: &str) -> String {
        if let Some(site) = self.meta("og:site_name").filter(|s| s.len() < title.len()) {
            if let Some(head) = title.strip_suffix(site) {
                let head = head.trim_end();
                let cut = head.trim_end_matches(['-', '|', ':', '<', '·', '–', '—', '/']);
                if cut.len() < head.len() {
                    let cut = cut.trim_end();
                    if !cut.is_empty() {
                        return cut.to_string();
                    }
                }
            }
        }
        title.to_string()
    }

    // --- summary -----------------------------------------------------------

    /// The summary, and the reporter of a wire byline found at its start.
    fn summary(
        &self,
        rules: &ArticleRules,
        body: Option<ElementRef<'a>>,
        title: Option<&String>,
    ) -> (Option<Found<String>>, Option<String>) {
        let mut wire = None;
        let take = |text: &str, source: Source, wire: &mut Option<String>| {
            let (rest, reporter) = strip_byline(text);
            if wire.is_none() {
                *wire = reporter;
            }
            (!rest.is_empty()).then(|| Found::new(cut_summary(&rest), source))
        };
        if let Some(field) = &rules.summary {
            if let Some(text) = self.read_field(field, false) {
                if let Some(found) = take(&text, Source::Selector, &mut wire) {
                    return (Some(found), wire);
                }
            }
        }
        for key in ["og:description", "description"] {
            let Some(text) = self.meta(key) else {
                continue;
            };
            if self.is_ai_text(text) || title.is_some_and(|t| same_text(t, text)) {
                continue;
            }
            if let Some(found) = take(text, Source::Meta, &mut wire) {
                return (Some(found), wire);
            }
        }
        if let Some(body) = body {
            let (para, reporter) = self.first_paragraph(body);
            if wire.is_none() {
                wire = reporter;
            }
            if let Some(p) = para {
                return (Some(Found::new(cut_summary(&p), Source::Body)), wire);
            }
        }
        (None, wire)
    }

    /// Whether `text` is (a part of) an AI-summary box's text.
    fn is_ai_text(&self, text: &str) -> bool {
        let t = squeeze(text);
        t.chars().count() >= 10 && self.ai_texts.iter().any(|box_text| box_text.contains(&t))
    }

    /// The body's first paragraph of real text (wire byline stripped), and the wire
    /// byline's reporter when one was seen on the way.
    fn first_paragraph(&self, body: ElementRef) -> (Option<String>, Option<String>) {
        let mut wire = None;
        let mut cur = String::new();
        let mut skip = 0usize;
        let mut segments = 0;
        for edge in body.traverse() {
            let boundary = match edge {
                Edge::Open(node) => match node.value() {
                    Node::Element(e) => {
                        if skip > 0 {
                            skip += 1;
                            continue;
                        }
                        if node.id() != body.id() && self.skip_in_body(node.id(), e) {
                            skip = 1;
                            continue;
                        }
                        breaks_words(e.name())
                    }
                    Node::Text(t) if skip == 0 => {
                        cur.push_str(t);
                        cur.len() > 20_000
                    }
                    _ => false,
                },
                Edge::Close(node) => match node.value() {
                    Node::Element(e) => {
                        if skip > 0 {
                            skip -= 1;
                            continue;
                        }
                        breaks_words(e.name())
                    }
                    _ => false,
                },
            };
            if boundary && !cur.trim().is_empty() {
                segments += 1;
                if let Some(p) = paragraph(&std::mem::take(&mut cur), &mut wire) {
                    return (Some(p), wire);
                }
                if segments > 300 {
                    return (None, wire);
                }
            }
        }
        (paragraph(&cur, &mut wire), wire)
    }

    /// Elements whose text is never the summary paragraph.
    fn skip_in_body(&self, id: NodeId, e: &scraper::node::Element) -> bool {
        if self.is_excluded(id) || self.ai.contains(&id) || dropped_tag(e.name()) {
            return true;
        }
        if matches!(
            e.name(),
            "figure" | "figcaption" | "table" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
        ) {
            return true;
        }
        let names = raw_id_class(e).to_lowercase();
        ["caption", "byline", "writer", "reporter", "copyright"]
            .iter()
            .any(|w| names.contains(w))
    }

    // --- author ------------------------------------------------------------

    fn author(&self, rules: &ArticleRules, wire: Option<String>) -> Option<Found<String>> {
        if let Some(field) = &rules.author {
            if let Some(text) = self.read_field(field, false) {
                let text = cut_chars(&text, 200);
                return Some(Found::new(text, Source::Selector));
            }
        }
        if let Some(names) = self.ld_find("author", |v| {
            let mut names = Vec::new();
            ld_names(v, &mut names, 0);
            (!names.is_empty()).then(|| names.join(", "))
        }) {
            return Some(Found::new(names, Source::JsonLd));
        }
        let site = self.meta("og:site_name");
        for key in ["author", "article:author", "dable:author"] {
            if let Some(a) = self.meta(key) {
                let is_site = site.is_some_and(|s| s.eq_ignore_ascii_case(a));
                if !looks_like_url(a) && !is_site {
                    return Some(Found::new(cut_chars(a, 200), Source::Meta));
                }
            }
        }
        if let Some(name) = self.byline_element() {
            return Some(Found::new(name, Source::Text));
        }
        wire.map(|w| Found::new(w, Source::Text))
    }

    /// A byline element's reporter: an element whose id or class says byline, writer,
    /// reporter, journalist or author, else a short element reading `홍길동 기자`.
    fn byline_element(&self) -> Option<String> {
        for el in self.doc.select(&NAMED).take(20_000) {
            let v = el.value();
            if matches!(
                v.name(),
                "meta" | "script" | "style" | "link" | "img" | "body" | "html"
            ) || self.is_excluded(el.id())
                || self.ai.contains(&el.id())
            {
                continue;
            }
            let names = id_class(el);
            let named = v.name() == "address"
                || ["byline", "writer", "reporter", "journalist", "author"]
                    .iter()
                    .any(|w| names.contains(w));
            if !named {
                continue;
            }
            let text = text_of(el, 300);
            if let Some(r) = reporter_in(&text) {
                return Some(r);
            }
            let plain = text.chars().count() <= 30 && !has_digit(&text) && !text.contains('@');
            if plain && !text.is_empty() {
                return Some(text);
            }
        }
        for el in self.doc.select(&SHORT_BLOCKS).take(50_000) {
            if self.is_excluded(el.id()) || self.ai.contains(&el.id()) {
                continue;
            }
            let text = text_of(el, 80);
            if text.chars().count() > 60 {
                continue;
            }
            if let Some(m) = REPORTER_LINE.captures(&text).and_then(|c| c.get(1)) {
                return Some(collapse_ws(m.as_str()));
            }
        }
        None
    }

    // --- image -------------------------------------------------------------

    fn image(&self, rules: &ArticleRules) -> Option<Found<Url>> {
        if let Some(field) = &rules.image {
            if let Some(el) = self.first_match(&field.css) {
                let v = el.value();
                let src = match &field.attr {
                    Some(attr) => v.attr(attr),
                    None if v.name() == "img" => image_src(el),
                    None if v.name() == "meta" => v.attr("content"),
                    None => el.select(&IMG).find_map(image_src),
                };
                if let Some(url) = src.and_then(|s| self.absolute_image(s)) {
                    return Some(Found::new(url, Source::Selector));
                }
            }
        }
        for key in [
            "og:image",
            "og:image:url",
            "og:image:secure_url",
            "twitter:image",
            "twitter:image:src",
        ] {
            if let Some(url) = self.meta(key).and_then(|s| self.absolute_image(s)) {
                return Some(Found::new(url, Source::Meta));
            }
        }
        self.ld_find("image", |v| self.ld_image(v, 0))
            .map(|u| Found::new(u, Source::JsonLd))
    }

    fn ld_image(&self, v: &Value, depth: usize) -> Option<Url> {
        if depth > 3 {
            return None;
        }
        match v {
            Value::String(s) => self.absolute_image(&jsonld::decode_entities(s)),
            Value::Object(o) => ["url", "contentUrl", "@id"]
                .iter()
                .filter_map(|k| o.get(*k))
                .find_map(|v| self.ld_image(v, depth + 1)),
            Value::Array(a) => a.iter().take(20).find_map(|v| self.ld_image(v, depth + 1)),
            _ => None,
        }
    }

    fn absolute_image(&self, src: &str) -> Option<Url> {
        let src = src.trim();
        if src.is_empty() || src.starts_with("data:") {
            return None;
        }
        let url = self.base.join(src).ok()?;
        matches!(url.scheme(), "http" | "https").then_some(url)
    }

    // --- body and content --------------------------------------------------

    /// The main article body: a well-known body container, else the element holding the most
    /// paragraph text outside excluded blocks.
    fn find_body(&self) -> Option<ElementRef<'a>> {
        for css in BODY_CANDIDATES.iter() {
            for el in self.doc.select(css).take(20) {
                if !self.is_excluded(el.id()) && text_of(el, 100).chars().count() >= MIN_PARAGRAPH {
                    return Some(el);
                }
            }
        }
        let mut score: HashMap<NodeId, usize> = HashMap::new();
        let mut order: Vec<NodeId> = Vec::new();
        let root = self.doc.select(&BODY).next()?;
        for node in root.descendants() {
            let Node::Text(t) = node.value() else {
                continue;
            };
            let n = t.trim().chars().count();
            if n == 0 {
                continue;
            }
            let mut up = node.parent().and_then(ElementRef::wrap);
            for _ in 0..10 {
                let Some(el) = up else { break };
                let id = el.id();
                if self.is_excluded(id) || self.ai.contains(&id) {
                    break;
                }
                match el.value().name() {
                    "a" | "script" | "style" | "noscript" | "template" | "li" | "option"
                    | "button" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "figcaption"
                    | "textarea" | "select" => break,
                    "div" | "article" | "section" | "td" | "main" | "body" => {
                        let s = score.entry(id).or_insert_with(|| {
                            order.push(id);
                            0
                        });
                        *s += n;
                        break;
                    }
                    _ => up = el.parent().and_then(ElementRef::wrap),
                }
            }
        }
        // The highest score; the first in page order among equals.
        let mut best: Option<(NodeId, usize)> = None;
        for id in order {
            let n = score.get(&id).copied().unwrap_or(0);
            if best.is_none_or(|(_, m)| n > m) {
                best = Some((id, n));
            }
        }
        let (best, n) = best?;
        if n < 2 * MIN_PARAGRAPH {
            return None;
        }
        self.doc.tree.get(best).and_then(ElementRef::wrap)
    }

    /// `root`'s inner HTML without the rules' `remove` matches, scripts, frames, forms,
    /// AI boxes and excluded blocks, with absolute links and lazy images made real, sanitised.
    fn render(&self, root: ElementRef, rules: &ArticleRules) -> Option<String> {
        let mut drop: HashSet<NodeId> = HashSet::new();
        for css in &rules.remove {
            drop.extend(root.select(css).map(|e| e.id()));
        }
        let local = blocked(root, false, &self.guard);
        let root_in_ai = self.ai.contains(&root.id());
        let mut html = String::new();
        let mut skip = 0usize;
        let mut pre = 0usize;
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) => {
                    if node.id() == root.id() {
                        continue;
                    }
                    let Node::Element(e) = node.value() else {
                        if let (0, Node::Text(t)) = (skip, node.value()) {
                            if pre > 0 {
                                escape_into(&mut html, t, false);
                            } else {
                                push_collapsed(&mut html, t);
                            }
                        }
                        continue;
                    };
                    if skip > 0 {
                        skip += 1;
                        continue;
                    }
                    let id = node.id();
                    if drop.contains(&id)
                        || local.contains(&id)
                        || (!root_in_ai && self.ai.contains(&id))
                        || dropped_tag(e.name())
                    {
                        skip = 1;
                        continue;
                    }
                    if let Some(tag) = kept_tag(e.name()) {
                        pre += usize::from(tag == "pre");
                        self.open_tag(&mut html, tag, e);
                    }
                }
                Edge::Close(node) => {
                    if node.id() == root.id() {
                        continue;
                    }
                    let Node::Element(e) = node.value() else {
                        continue;
                    };
                    if skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    if let Some(tag) = kept_tag(e.name()) {
                        pre -= usize::from(tag == "pre" && pre > 0);
                        if !matches!(tag, "br" | "hr" | "img") {
                            html.push_str("</");
                            html.push_str(tag);
                            html.push('>');
                        }
                    }
                }
            }
        }
        let clean = sanitizer(&self.base).clean(&html).to_string();
        let clean = clean.trim();
        (!clean.is_empty()).then(|| clean.to_string())
    }

    fn open_tag(&self, html: &mut String, tag: &str, e: &scraper::node::Element) {
        let mut attrs: Vec<(&str, String)> = Vec::new();
        match tag {
            "a" => {
                let href = e.attr("href").and_then(|h| {
                    let h = h.trim();
                    if h.is_empty() || h.starts_with('#') {
                        return None;
                    }
                    let url = self.base.join(h).ok()?;
                    matches!(url.scheme(), "http" | "https" | "mailto").then(|| url.to_string())
                });
                if let Some(href) = href {
                    attrs.push(("href", href));
                }
                if let Some(t) = e.attr("title") {
                    attrs.push(("title", collapse_ws(t)));
                }
            }
            "img" => {
                let Some(src) = lazy_src(e).and_then(|s| self.absolute_image(s)) else {
                    return;
                };
                attrs.push(("src", src.to_string()));
                if let Some(alt) = e.attr("alt") {
                    attrs.push(("alt", collapse_ws(alt)));
                }
            }
            "td" | "th" => {
                for name in ["colspan", "rowspan"] {
                    if let Some(v) = e.attr(name).filter(|v| v.trim().parse::<u16>().is_ok()) {
                        attrs.push((name, v.trim().to_string()));
                    }
                }
            }
            _ => {}
        }
        html.push('<');
        html.push_str(tag);
        for (name, value) in attrs {
            html.push(' ');
            html.push_str(name);
            html.push_str("=\"");
            escape_into(html, &value, true);
            html.push('"');
        }
        html.push('>');
    }
}

// ---------------------------------------------------------------------------
// Excluded blocks and AI boxes
// ---------------------------------------------------------------------------

/// Id or class parts that mark a block of other articles, comments or page chrome, matched
/// anywhere in the lower-cased id and class.
const EXCLUDED_SUBSTRINGS: &[&str] = &[
    "related",
    "relation",
    "rel_news",
    "rel-news",
    "relnews",
    "관련",
    "comment",
    "reply",
    "recommend",
    "dable",
    "more_news",
    "more-news",
    "morenews",
    "other_news",
    "other-news",
    "othernews",
    "sidebar",
    "side_bar",
    "side-bar",
    "footer",
    "popular",
    "ranking",
    "breaking",
    "ticker",
    "newsflash",
    "most_view",
    "most-view",
    "mostview",
    "best_news",
    "bestnews",
    "taboola",
    "outbrain",
    "copyright",
];

/// Short words that mark such a block when they are a whole word of an id or class
/// (`hot_news`, `bestList`, `rank-box`), so that `photo` or `almost` do not.
const EXCLUDED_WORDS: &[&str] = &[
    "rel", "best", "most", "hot", "rank", "cmt", "nav", "gnb", "lnb", "snb", "aside", "side",
    "flash", "foot", "menu", "popular", "trending",
];

/// Heading texts (white space removed, lower-cased) that name a box of other articles.
const EXCLUDED_HEADINGS: &[&str] = &[
    "관련기사",
    "관련뉴스",
    "관련콘텐츠",
    "많이본",
    "많이읽은",
    "베스트",
    "인기",
    "랭킹",
    "추천",
    "댓글",
    "다른기사",
    "최신기사",
    "최신뉴스",
    "주요뉴스",
    "실시간",
    "핫이슈",
    "이시각",
    "포토뉴스",
    "mostviewed",
    "mostread",
    "popular",
    "related",
    "trending",
    "comments",
];

/// The raw `id` and `class` of an element, space separated.
fn raw_id_class(e: &scraper::node::Element) -> String {
    let mut s = String::new();
    if let Some(id) = e.attr("id") {
        s.push_str(id);
    }
    if let Some(class) = e.attr("class") {
        s.push(' ');
        s.push_str(class);
    }
    s
}

fn id_class(el: ElementRef) -> String {
    raw_id_class(el.value()).to_lowercase()
}

/// The words of an id or class: split at anything but ASCII letters and at camelCase humps.
fn name_words(raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in raw.chars() {
        if c.is_ascii_alphabetic() {
            if c.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            cur.push(c.to_ascii_lowercase());
            prev_lower = c.is_ascii_lowercase();
        } else {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Whether `el` itself starts a block whose contents never count (see the module docs).
fn starts_excluded(el: ElementRef, guard: &HashSet<NodeId>) -> bool {
    if guard.contains(&el.id()) {
        return false;
    }
    let v = el.value();
    if matches!(v.name(), "footer" | "nav" | "aside") {
        return true;
    }
    if v.attr("role").is_some_and(|r| {
        let r = r.trim().to_ascii_lowercase();
        matches!(r.as_str(), "navigation" | "complementary" | "contentinfo")
    }) {
        return true;
    }
    let raw = raw_id_class(v);
    if !raw.is_empty() {
        let lower = raw.to_lowercase();
        if EXCLUDED_SUBSTRINGS.iter().any(|s| lower.contains(s)) {
            return true;
        }
        if name_words(&raw)
            .iter()
            .any(|w| EXCLUDED_WORDS.contains(&w.as_str()))
        {
            return true;
        }
    }
    headed_as_excluded(el)
}

/// A list of links headed by "관련기사", "많이 본 뉴스" and the like: the heading is the
/// block's first child or the element just before it.
fn headed_as_excluded(el: ElementRef) -> bool {
    if !matches!(
        el.value().name(),
        "div" | "section" | "ul" | "ol" | "dl" | "table" | "article"
    ) {
        return false;
    }
    let first_children = el.children().filter_map(ElementRef::wrap).take(2);
    let before = el.prev_siblings().find_map(ElementRef::wrap);
    let headed = first_children
        .chain(before)
        .any(|h| is_heading_like(h) && heading_names_box(&text_of(h, 80)));
    headed && link_dense(el)
}

fn is_heading_like(el: ElementRef) -> bool {
    let v = el.value();
    if matches!(
        v.name(),
        "h2" | "h3" | "h4" | "h5" | "h6" | "strong" | "b" | "dt" | "header" | "caption"
    ) {
        return true;
    }
    let names = raw_id_class(v).to_lowercase();
    names.contains("tit") || names.contains("head")
}

fn heading_names_box(text: &str) -> bool {
    let t = squeeze(text);
    t.chars().count() <= 20 && EXCLUDED_HEADINGS.iter().any(|h| t.contains(h))
}

/// Whether a good part (a quarter or more) of an element's text is link text, as in a list
/// of headlines with their dates.
fn link_dense(el: ElementRef) -> bool {
    let (mut all, mut linked) = (0usize, 0usize);
    for node in el.descendants().take(5000) {
        if let Node::Text(t) = node.value() {
            let n = t.trim().chars().count();
            all += n;
            if node
                .ancestors()
                .take_while(|a| a.id() != el.id())
                .any(|a| a.value().as_element().is_some_and(|e| e.name() == "a"))
            {
                linked += n;
            }
        }
    }
    linked > 0 && linked * 4 >= all
}

/// Every element inside an excluded block under `root` (and `root` itself when
/// `include_root` and it starts one).
fn blocked(root: ElementRef, include_root: bool, guard: &HashSet<NodeId>) -> HashSet<NodeId> {
    let mut out = HashSet::new();
    let mut depth = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                let Some(el) = ElementRef::wrap(node) else {
                    continue;
                };
                if depth > 0 {
                    depth += 1;
                    out.insert(node.id());
                } else if (include_root || node.id() != root.id()) && starts_excluded(el, guard) {
                    depth = 1;
                    out.insert(node.id());
                }
            }
            Edge::Close(node) => {
                if node.value().is_element() && depth > 0 {
                    depth -= 1;
                }
            }
        }
    }
    out
}

/// Texts that head or sign an AI-written summary, white space removed, lower-cased.
const AI_MARKERS: &[&str] = &[
    "ai핵심요약",
    "ai요약",
    "ai가자동생성한요약",
    "ai자동요약",
    "ai가요약한",
    "ai로요약",
    "ai한줄요약",
    "ai3줄요약",
    "ai세줄요약",
];

const AI_NAMES: &[&str] = &[
    "ai_sum",
    "ai-sum",
    "aisum",
    "summary_ai",
    "summary-ai",
    "summaryai",
];

/// AI-summary boxes: elements named like one (`ai_summary`), and the block around a marker
/// text ("AI 핵심 요약", "AI가 자동 생성한 요약"). Returns every element inside them and
/// each box's text.
fn ai_boxes(root: ElementRef, guard: &HashSet<NodeId>) -> (HashSet<NodeId>, Vec<String>) {
    let mut roots: Vec<ElementRef> = Vec::new();
    for node in root.descendants() {
        match node.value() {
            Node::Element(e) => {
                let names = raw_id_class(e).to_lowercase();
                if !names.is_empty()
                    && AI_NAMES.iter().any(|n| names.contains(n))
                    && !guard.contains(&node.id())
                {
                    if let Some(el) = ElementRef::wrap(node) {
                        roots.push(el);
                    }
                }
            }
            Node::Text(t) => {
                if t.len() > 200 {
                    continue;
                }
                let s = squeeze(t);
                if s.chars().count() > 40 || !AI_MARKERS.iter().any(|m| s.contains(m)) {
                    continue;
                }
                let Some(parent) = node.parent().and_then(ElementRef::wrap) else {
                    continue;
                };
                if matches!(parent.value().name(), "script" | "style" | "title" | "body") {
                    continue;
                }
                let mut found = None;
                let mut up = Some(parent);
                for _ in 0..5 {
                    let Some(el) = up else { break };
                    if guard.contains(&el.id()) || matches!(el.value().name(), "body" | "html") {
                        break;
                    }
                    let block = matches!(
                        el.value().name(),
                        "div"
                            | "section"
                            | "aside"
                            | "details"
                            | "dl"
                            | "ul"
                            | "figure"
                            | "blockquote"
                    );
                    if block && text_of(el, 700).chars().count() <= 600 {
                        found = Some(el);
                        break;
                    }
                    up = el.parent().and_then(ElementRef::wrap);
                }
                roots.push(found.unwrap_or(parent));
            }
            _ => {}
        }
    }
    let mut ids = HashSet::new();
    let mut texts = Vec::new();
    for r in roots {
        if ids.contains(&r.id()) {
            continue;
        }
        ids.extend(
            r.descendants()
                .filter(|n| n.value().is_element())
                .map(|n| n.id()),
        );
        let t = squeeze(&text_of(r, 4000));
        if !t.is_empty() {
            texts.push(t);
        }
    }
    (ids, texts)
}

// ---------------------------------------------------------------------------
// JSON-LD
// ---------------------------------------------------------------------------

/// Whether a JSON-LD object's `@type` (a string or an array) names an article type:
/// `Article`, `NewsArticle`, `ReportageNewsArticle`, `OpinionNewsArticle`, `BlogPosting`, ….
fn is_article(obj: &Map<String, Value>) -> bool {
    jsonld::types(obj).into_iter().any(jsonld::is_article_type)
}

/// Collects article objects at the top level, in arrays, in `@graph` and in `mainEntity`.
fn collect_articles(v: &Value, out: &mut Vec<Map<String, Value>>, depth: usize) {
    if depth > MAX_LD_DEPTH || out.len() >= 64 {
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
                out.push(obj.clone());
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

/// JSON-LD text as a reader sees it: entities some sites leave in decoded, white space collapsed.
fn clean_json_text(s: &str) -> String {
    collapse_ws(&jsonld::decode_entities(s))
}

/// JSON-LD author names: a string, `{ "name": … }`, or an array of either.
fn ld_names(v: &Value, out: &mut Vec<String>, depth: usize) {
    if depth > 3 || out.len() >= 20 {
        return;
    }
    match v {
        Value::String(s) => {
            let name = clean_json_text(s);
            if !name.is_empty() && !looks_like_url(&name) && !out.contains(&name) {
                out.push(name);
            }
        }
        Value::Object(o) => {
            if let Some(n) = o.get("name") {
                ld_names(n, out, depth + 1);
            }
        }
        Value::Array(a) => {
            for item in a.iter().take(20) {
                ld_names(item, out, depth + 1);
            }
        }
        _ => {}
    }
}

// ---------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------

/// The headline: the first `<h1>` with text that is not a logo.
fn find_headline(doc: &Html) -> Option<ElementRef<'_>> {
    doc.select(&H1).take(20).find(|h| {
        let logo = std::iter::once(*h)
            .chain(h.ancestors().take(3).filter_map(ElementRef::wrap))
            .any(|e| id_class(e).contains("logo"));
        !logo && !text_of(*h, 100).is_empty()
    })
}

/// Text without any white space, lower-cased: for comparing texts laid out differently.
fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

fn same_text(a: &str, b: &str) -> bool {
    squeeze(a) == squeeze(b)
}

fn has_digit(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// Whether a text holds a word that labels a time (`입력`, `수정`, `Posted`, …); the date
/// reader decides what it really is.
fn has_label_word(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "입력",
        "수정",
        "승인",
        "등록",
        "송고",
        "게재",
        "게시",
        "발행",
        "작성",
        "업데이트",
        "갱신",
    ];
    if WORDS.iter().any(|w| text.contains(w)) {
        return true;
    }
    let lower = text.to_ascii_lowercase();
    ["posted", "published", "updated", "modified"]
        .iter()
        .any(|w| lower.contains(w))
}

/// Whether an element is (inside) a link: a label word in a link is a menu item.
fn in_link(el: ElementRef) -> bool {
    std::iter::once(el)
        .chain(el.ancestors().take(3).filter_map(ElementRef::wrap))
        .any(|e| e.value().name() == "a")
}

fn looks_like_url(s: &str) -> bool {
    let s = s.trim().to_ascii_lowercase();
    s.contains("://") || s.starts_with("www.") || s.starts_with('/')
}

/// A body segment as a summary paragraph: wire byline stripped (its reporter kept in
/// `wire`), and not a photo caption, a byline or too short.
fn paragraph(raw: &str, wire: &mut Option<String>) -> Option<String> {
    let seg = collapse_ws(raw);
    if seg.is_empty() {
        return None;
    }
    let (rest, reporter) = strip_byline(&seg);
    if wire.is_none() {
        *wire = reporter;
    }
    let n = rest.chars().count();
    if n < MIN_PARAGRAPH {
        return None;
    }
    let caption = rest.starts_with(['▲', '△', '▶', '◀', '☞', '※'])
        || rest.starts_with("사진")
        || rest.starts_with("[사진")
        || rest.starts_with("(사진")
        || (n < 150 && (rest.contains("[사진=") || rest.contains("(사진=")));
    let byline = rest.contains('@') && n < 80;
    (!caption && !byline && !REPORTER_LINE.is_match(&rest)).then_some(rest)
}

/// Cuts a long summary at a word boundary near [`SUMMARY_MAX`] characters, ending it with "…".
fn cut_summary(text: &str) -> String {
    let text = collapse_ws(text);
    if text.chars().count() <= SUMMARY_MAX {
        return text;
    }
    let end = text
        .char_indices()
        .nth(SUMMARY_MAX)
        .map_or(text.len(), |(i, _)| i);
    let head = &text[..end];
    let head = match head.rfind(' ') {
        Some(sp) if head[..sp].chars().count() >= SUMMARY_MAX / 2 => &head[..sp],
        _ => head,
    };
    let head = head.trim_end_matches([',', ';', ':', '·', ' ']);
    format!("{head}…")
}

/// At most `max` characters of `text`.
fn cut_chars(text: &str, max: usize) -> String {
    text.chars()
        .take(max)
        .collect::<String>()
        .trim()
        .to_string()
}

/// In content: a lazy image's real address first (its `src` is a placeholder then).
fn lazy_src(e: &scraper::node::Element) -> Option<&str> {
    let real = |s: &&str| !s.trim().is_empty() && !s.trim_start().starts_with("data:");
    e.attr("data-src")
        .filter(real)
        .or_else(|| e.attr("data-original").filter(real))
        .or_else(|| e.attr("data-lazy-src").filter(real))
        .or_else(|| e.attr("src").filter(real))
        .or_else(|| first_srcset(e.attr("data-srcset").or(e.attr("srcset"))?))
}

fn first_srcset(srcset: &str) -> Option<&str> {
    srcset
        .split(',')
        .next()
        .and_then(|s| s.split_whitespace().next())
}

// ---------------------------------------------------------------------------
// Content
// ---------------------------------------------------------------------------

/// Elements dropped from content with everything inside them.
fn dropped_tag(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "iframe"
            | "frame"
            | "frameset"
            | "form"
            | "object"
            | "embed"
            | "applet"
            | "input"
            | "button"
            | "select"
            | "textarea"
            | "svg"
            | "canvas"
            | "video"
            | "audio"
            | "source"
            | "track"
            | "map"
            | "link"
            | "meta"
            | "ins"
            | "head"
            | "title"
            | "dialog"
    )
}

/// How content writes each element it keeps: (source tag, tag written). Elements not listed
/// write only their children. The sanitiser allows exactly the written tags, so the two can
/// never disagree.
const CONTENT_TAGS: &[(&str, &str)] = &[
    ("p", "p"),
    ("br", "br"),
    ("div", "div"),
    ("section", "div"),
    ("article", "div"),
    ("main", "div"),
    ("center", "div"),
    ("a", "a"),
    ("img", "img"),
    ("strong", "strong"),
    ("em", "em"),
    ("b", "b"),
    ("i", "i"),
    ("u", "u"),
    ("s", "s"),
    ("strike", "s"),
    ("del", "s"),
    ("sub", "sub"),
    ("sup", "sup"),
    ("ul", "ul"),
    ("ol", "ol"),
    ("li", "li"),
    ("dl", "dl"),
    ("dt", "dt"),
    ("dd", "dd"),
    ("blockquote", "blockquote"),
    ("figure", "figure"),
    ("figcaption", "figcaption"),
    ("h1", "h2"),
    ("h2", "h2"),
    ("h3", "h3"),
    ("h4", "h4"),
    ("h5", "h4"),
    ("h6", "h4"),
    ("table", "table"),
    ("caption", "caption"),
    ("thead", "thead"),
    ("tbody", "tbody"),
    ("tfoot", "tfoot"),
    ("tr", "tr"),
    ("th", "th"),
    ("td", "td"),
    ("hr", "hr"),
    ("pre", "pre"),
    ("code", "code"),
];

/// The tag an element is written as in content; `None` writes only its children.
fn kept_tag(name: &str) -> Option<&'static str> {
    CONTENT_TAGS
        .iter()
        .find(|(from, _)| *from == name)
        .map(|&(_, to)| to)
}

/// Writes text escaped, with each run of white space as one space.
fn push_collapsed(out: &mut String, text: &str) {
    let mut space = false;
    for c in text.chars() {
        if c.is_ascii_whitespace() {
            space = true;
            continue;
        }
        if space && !(out.is_empty() || out.ends_with(' ')) {
            out.push(' ');
        }
        space = false;
        escape_into(out, c.encode_utf8(&mut [0; 4]), false);
    }
    if space && !(out.is_empty() || out.ends_with(' ')) {
        out.push(' ');
    }
}

/// The sanitiser for content: common formatting, links and images only.
fn sanitizer(base: &Url) -> ammonia::Builder<'static> {
    let tags: HashSet<&'static str> = CONTENT_TAGS.iter().map(|&(_, to)| to).collect();
    let mut attrs: HashMap<&'static str, HashSet<&'static str>> = HashMap::new();
    attrs.insert("a", ["href", "title"].into_iter().collect());
    attrs.insert("img", ["src", "alt"].into_iter().collect());
    attrs.insert("td", ["colspan", "rowspan"].into_iter().collect());
    attrs.insert("th", ["colspan", "rowspan"].into_iter().collect());
    let mut b = ammonia::Builder::default();
    b.tags(tags)
        .tag_attributes(attrs)
        .generic_attributes(HashSet::new())
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .url_relative(ammonia::UrlRelative::RewriteWithBase(base.clone()))
        .link_rel(Some("noopener noreferrer"));
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_words_split() {
        assert_eq!(
            name_words("hotNews best_list"),
            ["hot", "news", "best", "list"]
        );
        assert_eq!(name_words("photo-box"), ["photo", "box"]);
        assert_eq!(name_words("rank10"), ["rank"]);
    }

    #[test]
    fn summary_cut() {
        let long = "가나다 ".repeat(200);
        let cut = cut_summary(&long);
        assert!(cut.ends_with('…'));
        assert!(cut.chars().count() <= SUMMARY_MAX + 1);
        assert!(!cut.contains(" …"));
    }
}
