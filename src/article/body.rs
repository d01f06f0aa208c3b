//! The article body: where it is on the page (a well-known container, else the element with
//! the most paragraph text), and its first paragraph of real text, the summary of last resort.

use std::collections::HashMap;
use std::sync::LazyLock;

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{ElementRef, Node, Selector};

use super::byline::{strip_byline, REPORTER_LINE};
use super::content::dropped_tag;
use super::excluded::raw_id_class;
use super::page::{selector, ArticlePage, BODY};
use super::MIN_PARAGRAPH;
use crate::html::{breaks_words, collapse_ws, text_within};

/// Containers that well-known Korean news sites put the article body in, tried in order.
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
    .map(|s| selector(s))
    .collect()
});

impl<'a> ArticlePage<'a> {
    /// The main article body: a well-known body container, else the element holding the most
    /// paragraph text outside excluded blocks.
    pub(super) fn find_body(&self) -> Option<ElementRef<'a>> {
        for css in BODY_CANDIDATES.iter() {
            for el in self.doc.select(css).take(20) {
                if !self.is_excluded(el.id())
                    && text_within(el, 100).chars().count() >= MIN_PARAGRAPH
                {
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
                if self.is_excluded(id) || self.in_ai_box(id) {
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

    /// The body's first paragraph of real text (wire byline stripped), and the wire
    /// byline's reporter when one was seen on the way.
    pub(super) fn first_paragraph(&self, body: ElementRef) -> (Option<String>, Option<String>) {
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
                if let Some(p) = summary_paragraph(&std::mem::take(&mut cur), &mut wire) {
                    return (Some(p), wire);
                }
                if segments > 300 {
                    return (None, wire);
                }
            }
        }
        (summary_paragraph(&cur, &mut wire), wire)
    }

    /// Elements whose text is never the summary paragraph.
    fn skip_in_body(&self, id: NodeId, e: &scraper::node::Element) -> bool {
        if self.is_excluded(id) || self.in_ai_box(id) || dropped_tag(e.name()) {
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
}

/// A body segment as a summary paragraph: wire byline stripped (its reporter kept in
/// `wire`), and not a photo caption, a byline or too short.
fn summary_paragraph(raw: &str, wire: &mut Option<String>) -> Option<String> {
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
