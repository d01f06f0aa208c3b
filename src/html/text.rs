//! Text as a reader sees it: white space collapsed, inline markup joined, block edges
//! separating words, scripts and styles silent; and the length limits every field obeys.

use scraper::ElementRef;

/// Collapses runs of white space (including non-breaking spaces) to one space.
///
/// Control characters and noncharacters, which no feed format can carry, are dropped.
pub fn collapse_ws(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let unwanted =
        |c: char| (c.is_control() && !c.is_whitespace()) || matches!(c, '\u{FFFE}' | '\u{FFFF}');
    for word in text
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.contains(unwanted) {
            out.extend(word.chars().filter(|&c| !unwanted(c)));
        } else {
            out.push_str(word);
        }
    }
    out
}

/// Elements whose edges separate words: text on either side of them does not run together.
pub fn breaks_words(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "br"
            | "p"
            | "div"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "td"
            | "th"
            | "tr"
            | "table"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "article"
            | "section"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "blockquote"
            | "figure"
            | "figcaption"
            | "hr"
            | "img"
            | "option"
    )
}

/// An element's text as a reader sees it: inline markup (`<strong>고율 관세</strong>를`) joins
/// without a space, block edges and `<br>` separate words, scripts and styles say nothing.
pub fn text_of(el: ElementRef) -> String {
    text_within(el, usize::MAX)
}

/// [`text_of`], reading no more than about `budget` bytes of text (or a proportionate number
/// of nodes without text): for pages where an element may hold megabytes.
pub fn text_within(el: ElementRef, budget: usize) -> String {
    use ego_tree::iter::Edge;
    let mut raw = String::new();
    let mut skip_depth = 0usize;
    let max_edges = budget.saturating_mul(16).saturating_add(256);
    for edge in el.traverse().take(max_edges) {
        match edge {
            Edge::Open(node) => match node.value() {
                scraper::Node::Element(e) => {
                    let name = e.name();
                    if skip_depth > 0
                        || matches!(name, "script" | "style" | "noscript" | "template")
                    {
                        skip_depth += 1;
                    } else if breaks_words(name) {
                        raw.push(' ');
                    }
                }
                scraper::Node::Text(t) if skip_depth == 0 => {
                    raw.push_str(t);
                    if raw.len() > budget {
                        break;
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let scraper::Node::Element(e) = node.value() {
                    if skip_depth > 0 {
                        skip_depth -= 1;
                    } else if breaks_words(e.name()) {
                        raw.push(' ');
                    }
                }
            }
        }
    }
    collapse_ws(&raw)
}

/// Longest title kept, in characters; a page's 1 MB "title" is cut, not carried into feeds.
pub const MAX_TITLE: usize = 300;
/// Longest summary kept, in characters.
pub const MAX_SUMMARY: usize = 1000;
/// Longest author kept, in characters.
pub const MAX_AUTHOR: usize = 100;

/// Cuts `text` to at most `max` characters, at a word boundary when one is near, ending in "…".
pub fn truncate(text: String, max: usize) -> String {
    let Some((cut, _)) = text.char_indices().nth(max) else {
        return text;
    };
    let head = &text[..cut];
    // Back up to the last space in the final fifth, so a word is not split.
    let floor = head.char_indices().nth(max * 4 / 5).map_or(0, |(i, _)| i);
    let end = head[floor..].rfind(' ').map_or(cut, |i| floor + i);
    let mut out = head[..end].trim_end().to_string();
    out.push('\u{2026}');
    out
}

/// `Some(s)` unless `s` is empty.
pub fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

/// A `<time>`'s machine-readable `datetime`, else the element's text: how every reader takes
/// a date from one element.
pub fn time_text(el: ElementRef) -> Option<String> {
    el.value()
        .attr("datetime")
        .map(collapse_ws)
        .and_then(non_empty)
        .or_else(|| non_empty(text_of(el)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_table() {
        assert_eq!(truncate("짧은 제목".into(), 10), "짧은 제목");
        assert_eq!(truncate("abcdefghij".into(), 10), "abcdefghij");
        assert_eq!(truncate("abcdefghijk".into(), 10), "abcdefghij\u{2026}");
        assert_eq!(truncate("one two three".into(), 9), "one two\u{2026}");
        assert_eq!(
            truncate("one two three four five".into(), 12),
            "one two thre\u{2026}"
        );
        assert_eq!(
            truncate("가나다라마바사아자차카".into(), 5),
            "가나다라마\u{2026}"
        );
        let huge = "가".repeat(1_000_000);
        assert_eq!(truncate(huge, MAX_TITLE).chars().count(), MAX_TITLE + 1);
    }

    #[test]
    fn collapse_table() {
        assert_eq!(collapse_ws("  a \n\t b\u{a0}c  "), "a b c");
        assert_eq!(collapse_ws(""), "");
        assert_eq!(collapse_ws("\u{3000}한\u{3000}글 "), "한 글");
        assert_eq!(collapse_ws("a\u{1}b\u{7f} \u{fffe}c"), "ab c");
    }
}
