//! Blocks whose contents never count: related-article lists, rankings, comments, footers,
//! navigation and the like (what marks one is in the module docs of [`article`](super)).
//! AI-written summary boxes are [`ai_box`](super::ai_box)'s, the id and class reading
//! [`attrs`](super::attrs)'.

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{ElementRef, Node};

use super::attrs::{attr, name_words, raw_id_class, Names};
use super::box_names::{
    EVENT_WIDGET_WORDS, EXCLUDED_HEADINGS, EXCLUDED_SUBSTRINGS, EXCLUDED_WORDS,
};
use super::page::{ArticlePage, NodeSet};
use crate::html::all_text_within;

impl ArticlePage<'_> {
    /// Whether the element `id` is inside an excluded block.
    pub(super) fn is_excluded(&self, id: NodeId) -> bool {
        self.excluded.contains(&id)
    }
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
    // A heading starts no block: its id is an anchor for a table of contents, made from its
    // own words (`nav_schredder_statt__0`, `…-and-most-effective-…`), and a box's heading
    // goes with its box.
    if matches!(v.name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
        return false;
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
            // `artikelfooter`, `entry-footer`, `post-footer`: the article's own footer, where
            // its date line may stand, not the site's.
            let own_footer = first == &"footer"
                && ["artikel", "article", "entry", "post", "story"]
                    .iter()
                    .any(|w| lower.contains(w));
            let passing = dated || own_footer;
            if !(passing && in_passing(first) && matched.all(in_passing)) {
                return true;
            }
        }
        let mut words = name_words(&raw);
        // `rank-math-faq`, `rank-math-howto`: the Rank Math plugin's blocks, which are the
        // article's own FAQ or steps, not a ranking.
        while let Some(i) = words
            .windows(2)
            .position(|w| w[0] == "rank" && w[1] == "math")
        {
            words.drain(i..i + 2);
        }
        let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
        if has(EXCLUDED_WORDS) || (lower.contains("widget") && has(EVENT_WIDGET_WORDS)) {
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
            if in_link_within(node, el, 16) {
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
            if in_link_within(node, el, usize::MAX) {
                linked += n;
            }
        }
    }
    linked > 0 && linked * 4 >= all
}

/// Whether `node` is inside a link that leads somewhere ([`leads_somewhere`]) below `el`,
/// looking at most `levels` ancestors up.
fn in_link_within(node: ego_tree::NodeRef<Node>, el: ElementRef, levels: usize) -> bool {
    node.ancestors()
        .take_while(|a| a.id() != el.id())
        .take(levels)
        .any(|a| a.value().as_element().is_some_and(leads_somewhere))
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
    // Inside code no name starts a block: a highlighter's `<span class="token comment">` is
    // the code's own comment.
    let mut in_code = 0usize;
    let is_code = |node: ego_tree::NodeRef<Node>| {
        node.value()
            .as_element()
            .is_some_and(|e| matches!(e.name(), "pre" | "code"))
    };
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                let Some(el) = ElementRef::wrap(node) else {
                    continue;
                };
                if depth > 0 {
                    depth += 1;
                    out.insert(node.id());
                } else if in_code == 0
                    && (include_root || node.id() != root.id())
                    && starts_excluded(el, protected)
                {
                    depth = 1;
                    out.insert(node.id());
                }
                if is_code(node) {
                    in_code += 1;
                }
            }
            Edge::Close(node) => {
                if is_code(node) {
                    in_code = in_code.saturating_sub(1);
                }
                if node.value().is_element() && depth > 0 {
                    depth -= 1;
                }
            }
        }
    }
    out
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
    fn a_blind_heading_still_names_a_box() {
        let html = r#"<div class="art_body"><p>본문</p>
            <div class="box"><h3 class="tit"><span class="blind">관련기사</span></h3>
              <ul><li><a href="/n/1">반도체 수출 증가</a> <span>2026.02.09</span></li>
                  <li><a href="/n/2">장비주 강세</a> <span>2026.02.08</span></li></ul></div></div>"#;
        let doc = scraper::Html::parse_document(html);
        let sel = scraper::Selector::parse("div.box").unwrap();
        assert!(headed_as_excluded(doc.select(&sel).next().unwrap()));
    }

    #[test]
    fn boxes_named_in_many_languages() {
        // (html of a page, the id of an element inside the box)
        let boxes = [
            r#"<div class="box-tinlienquanv2"><h3>Tin liên quan</h3><p id="x">6/11/2019</p></div>"#,
            r#"<section class="relacionadas"><p id="x">19 ene 2018</p></section>"#,
            r#"<div class="kommentek"><span id="x">2017. november 6. 09:02</span></div>"#,
            r#"<section id="postings" class="postings"><span id="x">12. März 2019</span></section>"#,
            r#"<div class="b-news-prev">Предыдущая новость <time id="x">13 февраля</time></div>"#,
            r#"<div class="wrap"><h3>Повезане вести</h3><ul><li><a href="/a">Вест</a> <span id="x">04.12.2017.</span></li></ul></div>"#,
            r#"<div class="box"><h2>Articoli correlati</h2><p><a href="/b">Visso, la notte degli sfollati</a> <span id="x">28 ottobre 2016</span></p></div>"#,
        ];
        for html in boxes {
            let doc = scraper::Html::parse_document(html);
            let out = excluded_under(doc.root_element(), true, &NodeSet::default());
            let sel = scraper::Selector::parse("#x").unwrap();
            let x = doc.select(&sel).next().unwrap();
            assert!(out.contains(&x.id()), "{html}");
        }
        // The article's own names stay: Next.js' `__next` root, a `preview` image, the Rank
        // Math plugin's FAQ (a `rank-box` is a ranking, a `rank-math-faq` is not).
        for html in [
            r#"<div id="__next"><p id="x">15.02.2020</p></div>"#,
            r#"<div id="rank-math-faq" class="rank-math-block"><p id="x">Yes.</p></div>"#,
            r#"<pre><code><span class="token comment" id="x">// 11</span></code></pre>"#,
            r#"<figure class="preview"><figcaption id="x">Foto</figcaption></figure>"#,
        ] {
            let doc = scraper::Html::parse_document(html);
            let out = excluded_under(doc.root_element(), true, &NodeSet::default());
            let sel = scraper::Selector::parse("#x").unwrap();
            assert!(
                !out.contains(&doc.select(&sel).next().unwrap().id()),
                "{html}"
            );
        }
    }
}
