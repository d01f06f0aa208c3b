//! The article's content, only with the `content` selector or `full_text`: the body's inner
//! HTML written again with a fixed set of tags ([`CONTENT_TAGS`]), then sanitised with
//! ammonia allowing exactly those tags.

use std::collections::{HashMap, HashSet};

use ego_tree::iter::Edge;
use scraper::{ElementRef, Node};
use url::Url;

use super::body::Body;
use super::excluded::excluded_under;
use super::fine_print::{is_fine_print, is_sign_off, without_caption_credit, without_credit};
use super::page::{ArticlePage, NodeSet};
use crate::config::ArticleRules;
use crate::html::{
    collapse_ws, escape_into, holds_tag, image_source, out_of_sight_in_walk, text_within,
};

impl ArticlePage<'_> {
    /// `root`'s inner HTML without the rules' `remove` matches, scripts, frames, forms,
    /// AI boxes and excluded blocks, with absolute links and lazy images made real, sanitised.
    /// With a found `body`, only what it keeps is written.
    pub(super) fn clean_content(
        &self,
        root: ElementRef,
        rules: &ArticleRules,
        body: Option<&Body>,
    ) -> Option<String> {
        let mut removed = NodeSet::default();
        for css in &rules.remove {
            removed.extend(root.select(css).map(|e| e.id()));
        }
        let excluded_inside = if body.is_none_or(|b| b.honour_excluded) {
            excluded_under(root, false, &self.protected)
        } else {
            NodeSet::default()
        };
        let root_in_ai = self.in_ai_box(root.id());
        let mut html = String::new();
        let mut skip = 0usize;
        let mut pre = 0usize;
        // The written `<figcaption>`s the walk is inside, each with whether its figure holds
        // a picture: a credit may close a picture's caption (a table's source stays).
        let mut captions: Vec<bool> = Vec::new();
        // How deep under the root the walk is: 1 for the root's children.
        let mut depth = 0usize;
        // Where each written element that has an end tag starts, and where its content
        // starts: an element left empty (an ad slot's wrappers, a player's shell) is taken
        // out again when it closes.
        let mut open: Vec<(usize, usize)> = Vec::new();
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) => {
                    if node.id() == root.id() {
                        continue;
                    }
                    let Node::Element(e) = node.value() else {
                        if body.is_some_and(|b| {
                            b.leaves_out_text(depth) || b.skip.contains(&node.id())
                        }) {
                            continue;
                        }
                        if let (0, Node::Text(t)) = (skip, node.value()) {
                            // A sign-off in a link is a sentence's address ("write to
                            // <a>…</a>"); alone, it closes the story or a caption.
                            let in_link = node
                                .parent()
                                .and_then(|p| p.value().as_element())
                                .is_some_and(|p| p.name() == "a");
                            if is_fine_print(t) || (!in_link && is_sign_off(t)) {
                                continue;
                            }
                            if pre > 0 {
                                escape_into(&mut html, t, false);
                            } else if captions.last() == Some(&true) {
                                push_collapsed(&mut html, without_caption_credit(t));
                            } else {
                                push_collapsed(&mut html, without_credit(t));
                            }
                        }
                        continue;
                    };
                    depth += 1;
                    if skip > 0 {
                        skip += 1;
                        continue;
                    }
                    let id = node.id();
                    if removed.contains(&id)
                        || body.is_some_and(|b| b.leaves_out(id, depth))
                        || excluded_inside.contains(&id)
                        || (!root_in_ai && self.in_ai_box(id))
                        || dropped_element(node, e)
                        // What the page does not show (MathML kept for screen readers
                        // beside the formula's picture, "opens in a new window") the counts
                        // never weighed, and a reader never sees.
                        || out_of_sight_in_walk(node, e)
                    {
                        skip = 1;
                        continue;
                    }
                    if let Some(tag) = kept_tag(e.name()) {
                        pre += usize::from(tag == "pre");
                        if tag == "figcaption" {
                            let picture = node
                                .parent()
                                .is_some_and(|figure| holds_tag(figure, 200, &["img", "picture"]));
                            captions.push(picture);
                        }
                        let start = html.len();
                        self.open_tag(&mut html, tag, e);
                        if !is_void(tag) {
                            open.push((start, html.len()));
                        }
                    }
                }
                Edge::Close(node) => {
                    if node.id() == root.id() {
                        continue;
                    }
                    let Node::Element(e) = node.value() else {
                        continue;
                    };
                    depth = depth.saturating_sub(1);
                    if skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    if let Some(tag) = kept_tag(e.name()) {
                        pre -= usize::from(tag == "pre" && pre > 0);
                        if tag == "figcaption" {
                            captions.pop();
                        }
                        if !is_void(tag) {
                            let (start, inside) = open.pop().unwrap_or((html.len(), html.len()));
                            let held = html.get(inside..).unwrap_or("");
                            if held.trim().is_empty() && prunable(tag) {
                                // The words on either side stay apart, as the block or the
                                // space it held kept them.
                                let inline = matches!(
                                    tag,
                                    "a" | "strong" | "em" | "b" | "i" | "u" | "s" | "sub" | "sup"
                                );
                                let apart = !held.is_empty() || !inline;
                                html.truncate(start);
                                if apart && !html.ends_with(char::is_whitespace) {
                                    html.push(' ');
                                }
                            } else {
                                html.push_str("</");
                                html.push_str(tag);
                                html.push('>');
                            }
                        }
                    }
                }
            }
        }
        let clean = sanitize(&html, &self.base);
        // Line breaks that closed lines left out end nothing.
        let mut clean = clean.trim();
        while let Some(rest) = clean.strip_suffix("<br>") {
            clean = rest.trim_end();
        }
        (!clean.is_empty()).then(|| clean.to_string())
    }

    /// Writes the start tag `tag` for `e` with the attributes content keeps: an absolute link,
    /// a real image address, table spans. An image without a usable address writes nothing.
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
                let Some(src) = image_source(e).and_then(|s| self.absolute_image(s)) else {
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

/// Whether an element is dropped from content with everything inside it: a
/// [`dropped_tag`], but for a `<form>` that wraps the page (ASP.NET writes every page inside
/// one), whose controls are dropped one by one instead, and a `<button>` that holds a
/// heading: an FAQ's question, which opens its answer.
pub(super) fn dropped_element(node: ego_tree::NodeRef<Node>, e: &scraper::node::Element) -> bool {
    dropped_tag(e.name())
        && !(e.name() == "form" && wraps_page(node))
        && !(e.name() == "button" && holds_tag(node, 50, &["h2", "h3", "h4", "h5", "h6"]))
}

/// Whether a form holds what only a page holds: a headline, an `<article>` or `<main>`, or
/// three paragraphs of text (a comment form's longest line, "Save my name, email, and
/// website in this browser for the next time I comment.", is shorter).
fn wraps_page(form: ego_tree::NodeRef<Node>) -> bool {
    let mut paragraphs = 0;
    for n in form.descendants().take(100_000) {
        let Some(e) = n.value().as_element() else {
            continue;
        };
        match e.name() {
            "h1" | "article" | "main" => return true,
            "p" if ElementRef::wrap(n)
                .is_some_and(|p| text_within(p, 120).chars().count() >= 100) =>
            {
                paragraphs += 1;
                if paragraphs == 3 {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// Elements dropped from content with everything inside them; the first paragraph never
/// comes from one either. A page-wide form is the exception ([`dropped_element`]).
pub(super) fn dropped_tag(name: &str) -> bool {
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

/// Whether a content tag has no end tag.
fn is_void(tag: &str) -> bool {
    matches!(tag, "br" | "hr" | "img")
}

/// Whether a written element that turns out empty is left out: blocks and inline markup,
/// not a table's cells and rows (which keep its shape) or a `pre`.
fn prunable(tag: &str) -> bool {
    !matches!(
        tag,
        "table" | "caption" | "thead" | "tbody" | "tfoot" | "tr" | "th" | "td" | "pre" | "code"
    )
}

/// The tag an element is written as in content; `None` writes only its children.
fn kept_tag(name: &str) -> Option<&'static str> {
    CONTENT_TAGS
        .iter()
        .find(|(from, _)| *from == name)
        .map(|&(_, to)| to)
}

/// Writes text escaped, with each run of white space as one space.
fn push_collapsed(out: &mut String, text: &str) {
    let ascii_space = |c: char| c.is_ascii_whitespace();
    let mut space = text.starts_with(ascii_space);
    for word in text.split_ascii_whitespace() {
        if space && !(out.is_empty() || out.ends_with(' ')) {
            out.push(' ');
        }
        escape_into(out, word, false);
        space = true;
    }
    if text.ends_with(ascii_space) && !(out.is_empty() || out.ends_with(' ')) {
        out.push(' ');
    }
}

/// `html` sanitised as content is: the content tags, links and images only.
pub(super) fn sanitize(html: &str, base: &Url) -> String {
    sanitizer(base).clean(html).to_string()
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
    use url::Url;

    use crate::article::body::content_of;
    use crate::article::extract_article;
    use crate::dates::DateContext;

    /// A picture's caption loses the credit on its last line; a table's keeps its source.
    #[test]
    fn a_pictures_caption_loses_its_credit_line_and_a_tables_keeps_its_source() {
        let para = "<p>Anglers had feared the dams would block salmon, but the five-year study found fish passed them in all but the driest weeks of summer.</p>";
        let html = format!(
            "<html><body><h1>Beavers</h1><div class=\"article-body\">{para}<figure><img src=\"/dam.jpg\" alt=\"\"><figcaption> One of the dams on a tributary of the Otter.\nPhotograph: University of Exeter\n</figcaption></figure>{para}<figure><table><tr><td>2020</td><td>6,15</td></tr></table><figcaption>Prices at origin. Source: Poolred</figcaption></figure>{para}</div></body></html>"
        );
        let got = content_of(&html);
        assert!(got.contains("tributary of the Otter."), "{got}");
        assert!(!got.contains("University of Exeter"), "{got}");
        assert!(got.contains("Source: Poolred"), "{got}");
    }

    #[test]
    fn a_form_around_the_page_is_kept_and_a_comment_form_dropped() {
        let wraps = |html: &str| {
            let doc = scraper::Html::parse_document(html);
            let form = doc
                .tree
                .nodes()
                .find(|n| n.value().as_element().is_some_and(|e| e.name() == "form"))
                .unwrap();
            super::dropped_element(form, form.value().as_element().unwrap())
        };
        // ASP.NET: the page's headline and text inside the one form.
        assert!(!wraps(
            "<form id=aspnetForm><input type=hidden name=__VIEWSTATE><h1>Water rates rise</h1>\
             <p>Residential customers will see their bills rise.</p></form>"
        ));
        // WordPress's comment form: short lines and controls.
        assert!(wraps(
            "<form id=commentform><p class=comment-notes>Your email address will not be \
             published.</p><p><label>Comment</label><textarea></textarea></p><p>Save my name, \
             email, and website in this browser for the next time I comment.</p>\
             <p><input type=submit></p></form>"
        ));
    }

    #[test]
    fn text_is_escaped_with_white_space_runs_as_one_space() {
        for (before, text, after) in [
            ("", "  a\n\t b  ", "a b "),
            (
                "<p>",
                " 서울 <특파원> & co ",
                "<p> 서울 &lt;특파원&gt; &amp; co ",
            ),
            ("x ", "  y", "x y"),
            ("x", "\n", "x "),
            ("x", "", "x"),
            ("", "\u{a0}a", "\u{a0}a"),
        ] {
            let mut out = before.to_string();
            super::push_collapsed(&mut out, text);
            assert_eq!(out, after, "{text:?}");
        }
    }

    #[test]
    fn content_images_follow_the_one_image_rule() {
        let text = "[feeds.t]\ntitle = \"T\"\nurl = \"https://x.kr/\"\n[feeds.t.article]\nfetch = true\ncontent = \"div#article-view-content-div\"\n";
        let config = crate::config::parse(text, std::path::Path::new("feeds.toml")).unwrap();
        let rules = config.feeds[0].article.clone().unwrap();
        let html = r#"<html><body><h1>반도체 수출 40% 증가</h1>
            <div id="article-view-content-div">
              <figure><img src="/img/grey.gif" data-original="https://cdn.hanbit-econ.test/news/photo/202602/167473_1.jpg" alt="평택캠퍼스" class="lazy"><figcaption>평택캠퍼스</figcaption></figure>
              <p>산업통상자원부에 따르면<img src="/image/common/blank.gif" width="1" height="1"> 반도체 수출이 늘었다.</p>
              <p><img src="/news/photo/202602/167473_2_small.jpg" data-srcset="/news/photo/202602/167473_2.jpg 800w"></p>
            </div></body></html>"#;
        let ctx = DateContext {
            fetched_at: "2026-02-11T09:00:00+09:00".parse().unwrap(),
            zone: chrono_tz::Asia::Seoul,
        };
        let url =
            Url::parse("https://www.hanbit-econ.test/news/articleView.html?idxno=167473").unwrap();
        let content = extract_article(html, &url, &rules, ctx).content.unwrap();
        let srcs: Vec<&str> = content
            .split("src=\"")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
            .collect();
        assert_eq!(
            srcs,
            [
                "https://cdn.hanbit-econ.test/news/photo/202602/167473_1.jpg",
                "https://www.hanbit-econ.test/news/photo/202602/167473_2.jpg"
            ],
            "{content}"
        );
    }

    #[test]
    fn elements_left_empty_are_taken_out() {
        let text = "[feeds.t]\ntitle = \"T\"\nurl = \"https://x.kr/\"\n[feeds.t.article]\nfetch = true\ncontent = \"div.body\"\n";
        let config = crate::config::parse(text, std::path::Path::new("feeds.toml")).unwrap();
        let rules = config.feeds[0].article.clone().unwrap();
        let html = r#"<html><body><div class="body">
            <p>첫 문단이다.</p>
            <div class="ad-slot"><div id="div-gpt-ad-1"><script>ads()</script></div></div>
            <p> <span> </span> </p>
            <table><tr><td></td><td>2.5%</td></tr></table>
            <p><a href="/photo/1"><img src="/photo/1.jpg" alt=""></a></p>
            </div></body></html>"#;
        let ctx = DateContext {
            fetched_at: "2026-02-11T09:00:00+09:00".parse().unwrap(),
            zone: chrono_tz::Asia::Seoul,
        };
        let url = Url::parse("https://x.kr/news/1").unwrap();
        let content = extract_article(html, &url, &rules, ctx).content.unwrap();
        assert!(!content.contains("<div>"), "{content}");
        assert_eq!(content.matches("<p>").count(), 2, "{content}");
        // A table keeps its empty cell; a link holding a picture is not empty.
        assert!(content.contains("<td></td>"), "{content}");
        assert!(content.contains("1.jpg"), "{content}");
    }
}
