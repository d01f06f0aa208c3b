//! AI-written summary boxes ("AI 핵심 요약"): the article's, but not its own words, so they
//! are never its summary, body or date source.

use ego_tree::NodeId;
use scraper::{ElementRef, Node};

use super::attrs::Names;
use super::excluded::squeeze;
use super::page::{ArticlePage, NodeSet};
use crate::html::text_within;

impl ArticlePage<'_> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ai_marker_holds_the_prefilter_char() {
        assert!(AI_MARKERS.iter().all(|m| m.contains('약')));
        assert!(AI_NAMES.iter().all(|n| n.contains("sum")));
    }
}
