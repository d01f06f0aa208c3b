//! Blocks whose contents never count: related-article lists, rankings, comments, footers,
//! navigation and the like (what marks one is in the module docs of [`article`](super)), and
//! AI-written summary boxes, which are the article's but not its own words. Also the id and
//! class reading both use.

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{ElementRef, Node};

use super::page::{ArticlePage, NodeSet};
use crate::html::{all_text_within, text_within};

impl ArticlePage<'_> {
    /// Whether the element `id` is inside an excluded block.
    pub(super) fn is_excluded(&self, id: NodeId) -> bool {
        self.excluded.contains(&id)
    }

    /// Whether the element `id` is inside an AI-summary box.
    pub(super) fn in_ai_box(&self, id: NodeId) -> bool {
        self.ai_box.contains(&id)
    }

    /// Whether `text` is (a part of) an AI-summary box's text.
    pub(super) fn is_ai_text(&self, text: &str) -> bool {
        let t = squeeze(text);
        t.chars().count() >= 10
            && self
                .ai_box_texts
                .iter()
                .any(|box_text| box_text.contains(&t))
    }
}

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
    // German, English and French boxes of other articles
    "mehrzumthema",
    "lesensieauch",
    "meistgelesen",
    "readmore",
    "youmayalsolike",
    "alsoread",
    "lireaussi",
    "surlemêmesujet",
    "lespluslus",
    "neueste",
    "aktuellemeldungen",
    "latest",
    "recentposts",
    "dernières",
];

/// `e.attr(name)` without turning `name` into an interned atom first: `Element::attr` does
/// that on every call (a hash and a table lookup), which the walks over every element of a
/// page did many times per element. Matches the same attribute: no prefix, no namespace.
pub(super) fn attr<'e>(e: &'e scraper::node::Element, name: &str) -> Option<&'e str> {
    e.attrs
        .iter()
        .find(|(k, _)| k.prefix.is_none() && k.ns.is_empty() && &*k.local == name)
        .map(|(_, v)| &**v)
}

/// The `id`, `class`, `itemprop` and `role` of an element, read in one pass over its
/// attributes (the walks ask for several of them of every element).
#[derive(Default)]
pub(super) struct Names<'e> {
    pub(super) id: Option<&'e str>,
    pub(super) class: Option<&'e str>,
    pub(super) itemprop: Option<&'e str>,
    pub(super) role: Option<&'e str>,
}

impl<'e> Names<'e> {
    pub(super) fn of(e: &'e scraper::node::Element) -> Self {
        let mut names = Names::default();
        for (k, v) in e.attrs.iter() {
            if k.prefix.is_some() || !k.ns.is_empty() {
                continue;
            }
            let slot = match &*k.local {
                "id" => &mut names.id,
                "class" => &mut names.class,
                "itemprop" => &mut names.itemprop,
                "role" => &mut names.role,
                _ => continue,
            };
            if slot.is_none() {
                *slot = Some(&**v);
            }
        }
        names
    }

    /// The raw `id` and `class`, space separated.
    pub(super) fn id_class(&self) -> String {
        let mut s = String::new();
        if let Some(id) = self.id {
            s.push_str(id);
        }
        if let Some(class) = self.class {
            s.push(' ');
            s.push_str(class);
        }
        s
    }
}

/// The raw `id` and `class` of an element, space separated.
pub(super) fn raw_id_class(e: &scraper::node::Element) -> String {
    Names::of(e).id_class()
}

/// The lower-cased `id` and `class` of an element, space separated.
pub(super) fn id_class(el: ElementRef) -> String {
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
fn starts_excluded(el: ElementRef, protected: &NodeSet) -> bool {
    if protected.contains(&el.id()) {
        return false;
    }
    let v = el.value();
    let names = Names::of(v);
    if matches!(v.name(), "footer" | "nav" | "aside") {
        return !is_article_meta(el, &names);
    }
    if names.role.is_some_and(|r| {
        let r = r.trim().to_ascii_lowercase();
        matches!(r.as_str(), "navigation" | "complementary" | "contentinfo")
    }) {
        return true;
    }
    let raw = names.id_class();
    if !raw.is_empty() {
        let lower = raw.to_lowercase();
        let mut matched = EXCLUDED_SUBSTRINGS.iter().filter(|s| lower.contains(*s));
        if let Some(first) = matched.next() {
            // `ArticleHeaderComment_publishDate`, `article_footer-date`: named for a comment
            // or a footer only in passing, and for the article's date; a real comment's or
            // footer's date sits in a block excluded as a whole.
            let in_passing = |s: &&str| matches!(*s, "comment" | "footer");
            let dated = ["date", "publish", "byline"]
                .iter()
                .any(|w| lower.contains(w));
            if !(dated && in_passing(first) && matched.all(in_passing)) {
                return true;
            }
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

/// `<aside class="meta">` or `<footer class="entry-meta">` inside an `<article>`: the
/// article's own byline and date line, set in a sectioning tag, not the site's side column or
/// footer. A short box of little link text inside the article is one too, whatever its name
/// (`<aside class="blogData"><dt>Datum</dt><dd>12.01.2017</dd>…`).
fn is_article_meta(el: ElementRef, names: &Names) -> bool {
    if el.value().name() == "nav" {
        return false;
    }
    let in_article = || {
        el.ancestors()
            .filter_map(ElementRef::wrap)
            .any(|a| a.value().name() == "article")
    };
    let raw = names.id_class().to_lowercase();
    let meta = ["meta", "byline", "dateline", "posted", "date"]
        .iter()
        .any(|w| raw.contains(w));
    // The cheap test first: most footers and asides are the site's, outside any article.
    in_article() && (meta || is_info_box(el))
}

/// Text characters up to which a box may be the article's information box.
const INFO_BOX_CHARS: usize = 300;

/// Whether a block is short (under [`INFO_BOX_CHARS`] characters of text) and mostly not
/// links (under 60 %): a date, a category and a few tags, not a list of other articles.
fn is_info_box(el: ElementRef) -> bool {
    let (mut all, mut linked) = (0usize, 0usize);
    for node in el.descendants().take(500) {
        if let Node::Text(t) = node.value() {
            let n = t.chars().filter(|c| !c.is_whitespace()).count();
            all += n;
            if all > INFO_BOX_CHARS {
                return false;
            }
            // A link a few levels up at most: the walk stays short on hostile nesting.
            if node
                .ancestors()
                .take_while(|a| a.id() != el.id())
                .take(16)
                .any(|a| a.value().as_element().is_some_and(leads_somewhere))
            {
                linked += n;
            }
        }
    }
    all > 0 && linked * 10 < all * 6
}

/// A list of links headed by "관련기사", "많이 본 뉴스" and the like: the heading is the
/// block's first child or the element just before it. Hidden text counts here: a
/// `<span class="blind">관련기사</span>` in a heading names the box for screen readers.
fn headed_as_excluded(el: ElementRef) -> bool {
    headed_as_box(el) && link_dense(el)
}

/// Whether a block is headed like a box of other articles ("Latest", "Most read",
/// "관련기사"): the heading is its first child or the element just before it. Such a box may
/// hold teasers of a paragraph each and few links, yet it is never the article.
pub(super) fn headed_as_box(el: ElementRef) -> bool {
    if !matches!(
        el.value().name(),
        "div" | "section" | "ul" | "ol" | "dl" | "table" | "article"
    ) {
        return false;
    }
    let first_children = el.children().filter_map(ElementRef::wrap).take(2);
    let before = el.prev_siblings().find_map(ElementRef::wrap);
    first_children
        .chain(before)
        .any(|h| is_heading_like(h) && heading_names_box(&all_text_within(h, 80)))
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
/// of headlines with their dates. Only links that lead somewhere count: an `<a>` without an
/// address, or to `#` or `javascript:`, is a button (font size, "추천" reactions, share).
fn link_dense(el: ElementRef) -> bool {
    let (mut all, mut linked) = (0usize, 0usize);
    for node in el.descendants().take(5000) {
        if let Node::Text(t) = node.value() {
            let n = t.trim().chars().count();
            all += n;
            if node
                .ancestors()
                .take_while(|a| a.id() != el.id())
                .any(|a| a.value().as_element().is_some_and(leads_somewhere))
            {
                linked += n;
            }
        }
    }
    linked > 0 && linked * 4 >= all
}

/// An `<a>` whose address leads to a page.
pub(super) fn leads_somewhere(e: &scraper::node::Element) -> bool {
    e.name() == "a"
        && attr(e, "href").is_some_and(|h| {
            let h = h.trim();
            !h.is_empty()
                && !h.starts_with('#')
                && !h
                    .get(..11)
                    .is_some_and(|p| p.eq_ignore_ascii_case("javascript:"))
        })
}

/// Every element inside an excluded block under `root` (and `root` itself when
/// `include_root` and it starts one).
pub(super) fn excluded_under(root: ElementRef, include_root: bool, protected: &NodeSet) -> NodeSet {
    let mut out = NodeSet::default();
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
                } else if (include_root || node.id() != root.id()) && starts_excluded(el, protected)
                {
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

/// Id or class parts that name an AI-summary box, matched in the lower-cased id and class.
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
pub(super) fn ai_boxes(root: ElementRef, protected: &NodeSet) -> (NodeSet, Vec<String>) {
    let mut roots: Vec<ElementRef> = Vec::new();
    for node in root.descendants() {
        match node.value() {
            Node::Element(e) => {
                // Every name holds "sum" (`ai_summary`); no other character lower-cases to
                // one of its letters, so a name without it in any ASCII case cannot match.
                let found = Names::of(e);
                let has_sum = |s: Option<&str>| {
                    s.is_some_and(|s| {
                        s.as_bytes()
                            .windows(3)
                            .any(|w| w.eq_ignore_ascii_case(b"sum"))
                    })
                };
                if !has_sum(found.id) && !has_sum(found.class) {
                    continue;
                }
                let names = found.id_class().to_lowercase();
                if !names.is_empty()
                    && AI_NAMES.iter().any(|n| names.contains(n))
                    && !protected.contains(&node.id())
                {
                    if let Some(el) = ElementRef::wrap(node) {
                        roots.push(el);
                    }
                }
            }
            Node::Text(t) => {
                // Every marker holds '약' (요약), which squeezing keeps: most texts are out
                // without building their squeezed copy.
                if t.len() > 200 || !t.contains('약') {
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
                    if protected.contains(&el.id()) || matches!(el.value().name(), "body" | "html")
                    {
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
                    if block && text_within(el, 700).chars().count() <= 600 {
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
    let mut ids = NodeSet::default();
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
        let t = squeeze(&text_within(r, 4000));
        if !t.is_empty() {
            texts.push(t);
        }
    }
    (ids, texts)
}

/// Text without any white space, lower-cased: for comparing texts laid out differently.
pub(super) fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ai_marker_holds_the_prefilter_char() {
        assert!(AI_MARKERS.iter().all(|m| m.contains('약')));
        assert!(AI_NAMES.iter().all(|n| n.contains("sum")));
    }

    #[test]
    fn fast_attr_reads_as_element_attr() {
        let doc = scraper::Html::parse_document(
            r#"<div id="a" class="b c" role="nav" data-x="1"><svg><a xlink:title="t" title="u"></a></svg></div>"#,
        );
        for node in doc.tree.nodes() {
            if let Some(e) = node.value().as_element() {
                for name in ["id", "class", "role", "data-x", "title", "href", "missing"] {
                    assert_eq!(attr(e, name), e.attr(name), "{name}");
                }
            }
        }
    }

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
    fn a_blind_heading_still_names_a_box() {
        let html = r#"<div class="art_body"><p>본문</p>
            <div class="box"><h3 class="tit"><span class="blind">관련기사</span></h3>
              <ul><li><a href="/n/1">반도체 수출 증가</a> <span>2026.02.09</span></li>
                  <li><a href="/n/2">장비주 강세</a> <span>2026.02.08</span></li></ul></div></div>"#;
        let doc = scraper::Html::parse_document(html);
        let sel = scraper::Selector::parse("div.box").unwrap();
        assert!(headed_as_excluded(doc.select(&sel).next().unwrap()));
    }
}
