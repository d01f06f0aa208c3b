//! The body's first paragraph of real text: the summary of last resort, and where a wire
//! byline names the reporter.

use ego_tree::iter::Edge;
use scraper::Node;

use super::Body;
use crate::article::attrs::raw_id_class;
use crate::article::byline::{strip_byline, REPORTER_LINE};
use crate::article::content::dropped_element;
use crate::article::page::ArticlePage;
use crate::article::MIN_PARAGRAPH;
use crate::html::{breaks_words, collapse_ws};

impl ArticlePage<'_> {
    /// The body's first paragraph of real text (wire byline stripped), and the wire
    /// byline's reporter when one was seen on the way.
    pub(in crate::article) fn first_paragraph(
        &self,
        body: &Body,
    ) -> (Option<String>, Option<String>) {
        let root = body.root;
        let mut wire = None;
        let mut cur = String::new();
        let mut skip = 0usize;
        // How deep under the root the walk is: 1 for the root's children.
        let mut depth = 0usize;
        let mut segments = 0;
        for edge in root.traverse() {
            let boundary = match edge {
                Edge::Open(node) => match node.value() {
                    Node::Element(e) => {
                        if node.id() == root.id() {
                            continue;
                        }
                        depth += 1;
                        if skip > 0 {
                            skip += 1;
                            continue;
                        }
                        if self.skip_in_body(node, e) || body.leaves_out(node.id(), depth) {
                            skip = 1;
                            continue;
                        }
                        breaks_words(e.name())
                    }
                    Node::Text(t) if skip == 0 && !body.leaves_out_text(depth) => {
                        cur.push_str(t);
                        cur.len() > 20_000
                    }
                    _ => false,
                },
                Edge::Close(node) => match node.value() {
                    Node::Element(e) => {
                        if node.id() == root.id() {
                            continue;
                        }
                        depth = depth.saturating_sub(1);
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
    fn skip_in_body(&self, node: ego_tree::NodeRef<Node>, e: &scraper::node::Element) -> bool {
        let id = node.id();
        if self.is_excluded(id) || self.in_ai_box(id) || dropped_element(node, e) {
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
