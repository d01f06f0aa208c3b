//! Reading an article's own page: its times, title, summary, author, image and body.
//!
//! Section lists often print no time, a cut title or only a headline; the article page has
//! the truth. [`extract_article`] is pure: it takes the page text and returns what it found,
//! each value with the [`Source`] it came from, so `feedmill check` can show why.
//!
//! # Where each value comes from
//!
//! * **published / updated**: the date finder (`dates`) gathers every candidate (JSON-LD,
//!   `<meta>` in its many namings, `itemprop` elements, the feed's selectors, microformats,
//!   `<time datetime>`, dates printed with a published or updated label in any of the date
//!   reader's languages, unlabelled dates near the headline, a date in the URL), scores each
//!   by its source and its place on the page, and takes the best of each kind; the scores are
//!   in that module's docs and [`date_report`] lists them.
//! * **title**: JSON-LD `headline`, `og:title` (without a trailing `- 사이트명`), the headline `<h1>`.
//! * **summary**: the `summary` selector, `og:description`, `meta description`, else the
//!   body's first paragraph of real text; wire bylines are stripped ([`strip_byline`]) and an
//!   "AI 핵심 요약" box is never taken.
//! * **author**: the `author` selector, JSON-LD `author`, `meta author`, a byline element, the
//!   reporter of a wire byline.
//! * **image**: the `image` selector, `og:image` / `twitter:image`, JSON-LD `image`.
//! * **content** (only with `content` or `full_text`): the `content` match, or the body the
//!   [`body`] finder chose (a known container, else the best-scoring block with its sibling
//!   blocks, boilerplate left out), cleaned and sanitised.
//!
//! # Blocks that never count
//!
//! Related-article lists, "많이 본 뉴스" / best / ranking boxes, comments, footers, navigation,
//! sidebars, recommendation widgets, breaking-news tickers and event calendars carry dates and
//! names of *other* articles (or of events). An element is inside such a block when one of its ancestors is a `footer`, `nav`
//! or `aside`, has an id or class that names one (`related`, `관련`, `comment`, `best_news`,
//! `relacionadas`, `correlati`, `kommentek`, `b-news-prev` and the other names of `box_names`,
//! `rankList`, `dable`, `ticker`, `widget_events`, …: long names as substrings, short words such as `hot`,
//! `best`, `rank` as whole words of the name so that `photo` is not `hot`), or is a link list
//! headed by a heading such as `<h3>관련기사</h3>`, `<h3>많이 본 뉴스</h3>` or
//! `<h3>Tin liên quan</h3>`. The ancestors of
//! the article's headline are never such a block, so a page-wide wrapper with an unlucky class
//! name does not hide the article. Nor is a `footer` or `aside` inside an `<article>` that is
//! named for the article's meta (`meta`, `byline`, `date`, …) or is a short box of little link
//! text (a date, a category, a few tags): the article's own information box.
//!
//! No input makes it panic; work is bounded on huge pages (JSON-LD scripts over 1 MB are
//! skipped, text is read with budgets).

use std::cell::OnceCell;
use std::fmt;

use scraper::Html;
use url::Url;

use crate::config::ArticleRules;
use crate::dates::DateContext;
use crate::dates::Stamp;

// `extract_article` builds one `ArticlePage` and asks it for each value in turn.
mod ai_box; // AI-written summary boxes
mod attrs; // an element's id, class, itemprop and role, and the words of a name
mod body; // where the article body is (scored blocks, sibling merge), its first paragraph
mod box_names; // the id, class and heading words of blocks that never count
mod byline; // Korean wire bylines in plain text
mod content; // the cleaned, sanitised body
mod dates; // the date finder: every date candidate, scored; the best published and updated
mod excluded; // blocks that never count
mod fields; // title, summary, author, image
mod fine_print; // reprint notices, portal credit lines, a caption's closing credit
mod ld_body; // the JSON-LD articleBody, for pages that write their article with script
mod marks; // itemprop, microformat and <time> dates, a date in the URL
mod page; // `ArticlePage`: the parsed page, its meta map and JSON-LD articles
mod times; // reading one time in the feed's zone

pub use byline::strip_byline;
pub use dates::{DateCandidate, DateKind, DateReport, MIN_SCORE};

use page::ArticlePage;

/// Where a value came from, shown by `feedmill check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A `<script type="application/ld+json">` article object.
    JsonLd,
    /// A `<meta>` tag.
    Meta,
    /// One of the feed's `[feeds.<id>.article]` selectors.
    Selector,
    /// An `itemprop=datePublished` / `dateModified` element (not a `<meta>`).
    Itemprop,
    /// A microformat date: `class="published"`, `dt-published`, `updated`, `dt-updated`.
    Microformat,
    /// A `<time datetime>` element, or a time in an element's `data-` attribute
    /// (`data-timestamp`, `data-utime`).
    Time,
    /// Text on the page: a labelled date line, a byline, the headline.
    Text,
    /// The article body's first paragraph.
    Body,
    /// A date in the article's own URL (`/2020/02/15/`), day precision.
    Url,
}

impl Source {
    /// The name shown by `feedmill check`.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::JsonLd => "json-ld",
            Source::Meta => "meta",
            Source::Selector => "selector",
            Source::Itemprop => "itemprop",
            Source::Microformat => "microformat",
            Source::Time => "time",
            Source::Text => "text",
            Source::Body => "body",
            Source::Url => "url",
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

// Limits that keep work bounded on huge or hostile pages, and the sizes of what is kept.

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

/// Every date candidate on an article page, scored, with the published and updated ones
/// that [`extract_article`] takes: what `feedmill check` shows. Parses the page again, so
/// the normal path never builds more than the two winners.
pub fn date_report(
    html: &str,
    page_url: &Url,
    rules: &ArticleRules,
    ctx: DateContext,
) -> DateReport {
    if crate::html::nesting_depth(html) > crate::html::MAX_NESTING {
        return DateReport::default();
    }
    let doc = Html::parse_document(html);
    ArticlePage::new(&doc, page_url, ctx).date_report(rules)
}

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
    let page = ArticlePage::new(&doc, page_url, ctx);
    let (published, updated) = page.times(rules);
    let title = page.title();
    // The body is looked for only when something needs it: the summary when the page has no
    // description, the author when nothing names one but a wire byline, `full_text`. Most
    // pages have a description and an author, and then a plain read skips the body finder.
    let found_body = OnceCell::new();
    let body = || found_body.get_or_init(|| page.find_body()).as_ref();
    let (summary, wire_reporter) = page.summary(rules, body, title.as_ref().map(|t| &t.value));
    let author = page.author(rules).or_else(|| {
        wire_reporter
            .or_else(|| body().and_then(|b| page.first_paragraph(b).1))
            .map(|w| Found::new(w, Source::Text))
    });
    let image = page.image(rules);
    let content = if let Some(css) = &rules.content {
        page.first_match(css)
            .and_then(|el| page.clean_content(el, rules, None))
    } else if rules.full_text {
        page.body_or_structured(body().and_then(|b| page.clean_content(b.root, rules, Some(b))))
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
