//! One pass over the page counting, for every element, its text, its link text and its
//! commas, and giving each run of text to the block that holds it (its nearest ancestor that
//! is not inline), as Readability and trafilatura weigh blocks by text and link density.

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{ElementRef, Node};

use super::names::{is_boilerplate, is_chrome_or_comments, is_inline, wraps_a_caption};
use crate::article::content::dropped_element;
use crate::article::excluded::{headed_as_box, leads_somewhere};
use crate::article::page::{ArticlePage, NodeMap};
use crate::html::{all_text_within, hidden_in_walk, in_code, is_aria_hidden, is_out_of_sight};

/// Elements counted on one page at most; the rest of a huge page is not weighed.
const MAX_ELEMENTS: usize = 60_000;

/// What one element holds.
#[derive(Debug, Clone)]
pub(super) struct Stat<'a> {
    pub(super) el: ElementRef<'a>,
    pub(super) parent: Option<usize>,
    /// Text characters (white space not counted) in the element, skipped blocks left out.
    pub(super) chars: u32,
    /// Of those, the characters inside links.
    pub(super) links: u32,
    /// Characters whose nearest block is this element: its own paragraph text.
    pub(super) own: u32,
    pub(super) own_links: u32,
    pub(super) own_commas: u32,
    /// Whether the element is inside a link.
    in_link: bool,
}

impl Stat<'_> {
    /// The share of the element's text that is link text.
    pub(super) fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.links as f32 / self.chars as f32
        }
    }

    pub(super) fn name(&self) -> &str {
        self.el.value().name()
    }
}

/// Whether an element hidden from screen readers only (`aria-hidden`, still in sight) is an
/// ad slot showing its label (`<div class="dfp-slot" aria-hidden="true"><span>Publicité`)
/// or a pull quote (hidden so that a reader hears the sentence once): uncounted like any
/// hidden element, but also left out of the body, which keeps what is in sight.
fn is_shown_aside(e: &scraper::node::Element, node: ego_tree::NodeRef<Node>) -> bool {
    is_aria_hidden(e)
        && !is_out_of_sight(e)
        && (super::boxes::names_a_pull_quote(e)
            || ElementRef::wrap(node).is_some_and(|el| {
                let text = all_text_within(el, 100);
                text.chars().count() < 30 && super::lines::is_ad_or_control(el, &text)
            }))
}

/// How many `<article>` elements the counts keep: enough for an endless scroll, bounded on
/// a page of thousands of cards.
const MAX_ARTICLES: usize = 200;

/// The counts of one page.
pub(super) struct Stats<'a> {
    pub(super) nodes: Vec<Stat<'a>>,
    pub(super) index: NodeMap<usize>,
    /// Blocks left out of the count (boilerplate, excluded, hidden), outermost only.
    pub(super) skipped: Vec<NodeId>,
    /// The most text in one block left out by its name or as an excluded block, and that a
    /// count trusting fewer names would keep: when it is more than the body found, the body
    /// may be inside it. Always 0 for such a loose count.
    pub(super) most_skipped_text: u32,
    /// The counted `<article>` elements, in page order, at most [`MAX_ARTICLES`]: a page of
    /// several whole articles is told by them.
    pub(super) articles: Vec<usize>,
}

impl<'a> Stats<'a> {
    pub(super) fn get(&self, id: NodeId) -> Option<&Stat<'a>> {
        self.index.get(&id).map(|&i| &self.nodes[i])
    }

    /// The nodes inside node `i`, in page order. The counts are in page order, so they are the
    /// run of nodes after it; the first node whose parent comes before `i` is past its end.
    pub(super) fn subtree(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        (i + 1..self.nodes.len()).take_while(move |&j| self.nodes[j].parent.is_some_and(|p| p >= i))
    }

    /// Whether `inner` is `outer` or inside it.
    pub(super) fn contains(&self, outer: usize, inner: usize) -> bool {
        let mut cur = Some(inner);
        while let Some(i) = cur {
            if i == outer {
                return true;
            }
            cur = self.nodes[i].parent;
        }
        false
    }
}

impl<'a> ArticlePage<'a> {
    /// Counts the text under `root`. With `strict`, blocks of other articles, comments, page
    /// chrome and boilerplate are left out; without, only navigation, footers, asides and
    /// comments (a page-wide wrapper with an unlucky name then counts).
    pub(super) fn count_text(&self, root: ElementRef<'a>, strict: bool) -> Stats<'a> {
        let mut nodes: Vec<Stat<'a>> = Vec::new();
        let mut index = NodeMap::default();
        let mut skipped = Vec::new();
        let mut stack: Vec<usize> = Vec::new();
        let mut skip = 0usize;
        // Text in the block being skipped, when it was skipped for its name.
        let mut skipped_text: Option<u32> = None;
        let mut most_skipped_text = 0u32;
        let mut articles = Vec::new();
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) => match node.value() {
                    Node::Element(e) => {
                        if skip > 0 {
                            skip += 1;
                            continue;
                        }
                        let id = node.id();
                        if id == root.id() {
                            // The root is always counted.
                        } else if nodes.len() >= MAX_ELEMENTS
                            || dropped_element(node, e)
                            || hidden_in_walk(node, e)
                            || self.in_ai_box(id)
                        {
                            skip = 1;
                            if is_shown_aside(e, node) {
                                skipped.push(id);
                            }
                            continue;
                        } else if (strict && self.is_excluded(id))
                            || (!self.protected.contains(&id)
                                && if strict {
                                    is_boilerplate(e)
                                        && !ElementRef::wrap(node)
                                            .is_some_and(|el| in_code(el) || wraps_a_caption(el))
                                        && (is_chrome_or_comments(e)
                                            || !ElementRef::wrap(node)
                                                .is_some_and(holds_article_text))
                                } else {
                                    never_body(e, node)
                                })
                        {
                            skip = 1;
                            skipped.push(id);
                            // Only text a loose count could take back is worth counting:
                            // navigation, footers, asides and comments stay out of that
                            // one too (a long footer of links once made every page count
                            // twice, for nothing). Asked only in the strict count: the loose
                            // one has just asked the same and skips.
                            let loose_counts =
                                strict && (self.protected.contains(&id) || !never_body(e, node));
                            skipped_text = loose_counts.then_some(0);
                            continue;
                        }
                        let Some(el) = ElementRef::wrap(node) else {
                            continue;
                        };
                        let parent = stack.last().copied();
                        let in_link = e.name() == "a"
                            || parent.is_some_and(|p| nodes[p].in_link)
                            || is_link_card(el);
                        if e.name() == "article" && articles.len() < MAX_ARTICLES {
                            articles.push(nodes.len());
                        }
                        index.insert(id, nodes.len());
                        stack.push(nodes.len());
                        nodes.push(Stat {
                            el,
                            parent,
                            chars: 0,
                            links: 0,
                            own: 0,
                            own_links: 0,
                            own_commas: 0,
                            in_link,
                        });
                    }
                    Node::Text(t) if skip > 0 => {
                        if let Some(n) = skipped_text.as_mut() {
                            *n += count_chars(t).0;
                        }
                    }
                    Node::Text(t) => {
                        let Some(&top) = stack.last() else { continue };
                        let (n, commas) = count_chars(t);
                        if n == 0 {
                            continue;
                        }
                        let owner = stack
                            .iter()
                            .rev()
                            .copied()
                            .find(|&i| !is_inline(nodes[i].name()))
                            .unwrap_or(top);
                        let linked = nodes[top].in_link;
                        let o = &mut nodes[owner];
                        o.own += n;
                        o.own_commas += commas;
                        if linked {
                            o.own_links += n;
                        }
                    }
                    _ => {}
                },
                Edge::Close(node) => {
                    if !node.value().is_element() {
                        continue;
                    }
                    if skip > 0 {
                        skip -= 1;
                        if skip == 0 {
                            if let Some(n) = skipped_text.take() {
                                most_skipped_text = most_skipped_text.max(n);
                            }
                        }
                        continue;
                    }
                    if stack.last().is_some_and(|&i| nodes[i].el.id() == node.id()) {
                        let i = stack.pop().unwrap_or_default();
                        nodes[i].chars += nodes[i].own;
                        nodes[i].links += nodes[i].own_links;
                        if let Some(p) = nodes[i].parent {
                            let (c, l) = (nodes[i].chars, nodes[i].links);
                            nodes[p].chars += c;
                            nodes[p].links += l;
                        }
                    }
                }
            }
        }
        Stats {
            nodes,
            index,
            skipped,
            most_skipped_text,
            articles,
        }
    }
}

/// Whether an element is never the body, even when names are not trusted: navigation,
/// footers, asides and comments, and a block headed like a box of other articles ("Latest",
/// "Dernières publis"), which may hold teasers of a paragraph each and few links.
fn never_body(e: &scraper::node::Element, node: ego_tree::NodeRef<Node>) -> bool {
    is_chrome_or_comments(e) || ElementRef::wrap(node).is_some_and(headed_as_box)
}

/// Whether a block is a card made a link by an empty `<a href>` laid over it, its first
/// child ("Visual Link Preview" boxes, stretched-link teasers): the headline and summary in
/// it are plain text, but all of it is a link to another page, and counts as link text.
fn is_link_card(el: ElementRef) -> bool {
    if !matches!(el.value().name(), "div" | "li" | "article" | "section") {
        return false;
    }
    el.children().find_map(ElementRef::wrap).is_some_and(|a| {
        leads_somewhere(a.value())
            && a.children()
                .all(|c| c.value().as_text().is_some_and(|t| t.trim().is_empty()))
    })
}

/// Paragraphs of text (at least this many, of at least [`ARTICLE_PARAGRAPH`] characters) and
/// almost no links make a block named like boilerplate hold article text after all.
const ARTICLE_PARAGRAPHS: usize = 3;
const ARTICLE_PARAGRAPH: u32 = 80;
/// Elements looked at inside such a block before it is taken for boilerplate.
const ARTICLE_PEEK: usize = 3000;

/// Whether a block named like boilerplate holds several paragraphs of text with almost no
/// links: the rest of an article folded behind "read more", or a body in a wrapper called
/// "promo" or "share-enabled". Newsletter, share and author boxes hold a line or two;
/// related-article boxes are mostly links.
fn holds_article_text(el: ElementRef) -> bool {
    let (mut paragraphs, mut para_chars, mut link_chars) = (0usize, 0u32, 0u32);
    for node in el.descendants().take(ARTICLE_PEEK) {
        let Some(e) = ElementRef::wrap(node) else {
            continue;
        };
        match e.value().name() {
            "p" => {
                let n: u32 = e.text().map(|t| count_chars(t).0).sum();
                if n >= ARTICLE_PARAGRAPH {
                    paragraphs += 1;
                    para_chars += n;
                }
            }
            "a" => link_chars += e.text().map(|t| count_chars(t).0).sum::<u32>(),
            _ => {}
        }
    }
    paragraphs >= ARTICLE_PARAGRAPHS && link_chars.saturating_mul(20) <= para_chars
}

/// The characters of a text that show (white space and invisible ones left out), and its
/// commas in any script.
fn count_chars(text: &str) -> (u32, u32) {
    let bytes = text.as_bytes();
    // One pass the compiler can vectorise: every byte that starts a character and is not
    // ASCII white space (`\t`..`\r` and the space, as `char::is_whitespace` has them),
    // and the ASCII commas.
    let (mut n, mut commas) = (0u32, 0u32);
    for &b in bytes {
        n += u32::from((b & 0xC0) != 0x80 && !matches!(b, b'\t'..=b'\r' | b' '));
        commas += u32::from(b == b',');
    }
    if text.is_ascii() {
        return (n, commas);
    }
    // Then the few characters outside ASCII: white space and invisible ones counted back
    // out, the other scripts' commas in.
    for (i, &b) in bytes.iter().enumerate() {
        if b < 0xC0 {
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if c.is_whitespace() || crate::html::invisible(c) {
            n -= 1;
        } else if matches!(c, '，' | '、' | '،') {
            commas += 1;
        }
    }
    (n, commas)
}

#[cfg(test)]
mod tests {
    use super::count_chars;

    /// The count as it was first written, char by char: the byte walk must agree.
    fn by_chars(text: &str) -> (u32, u32) {
        let (mut n, mut commas) = (0u32, 0u32);
        for c in text.chars() {
            if c.is_whitespace() || crate::html::invisible(c) {
                continue;
            }
            n += 1;
            if matches!(c, ',' | '，' | '、' | '،') {
                commas += 1;
            }
        }
        (n, commas)
    }

    #[test]
    fn counts_as_char_by_char() {
        for text in [
            "",
            "  \t\n\r\x0b\x0c ",
            "Der Stadtrat hat, am Freitag, beschlossen.",
            "Impressum · Datenschutz · Kontakt",
            "서울, 2026년 2월 10일，중국、아랍، 끝",
            "a\u{00A0}b\u{2003}c\u{3000}d\u{200B}e\u{AD}f\u{FEFF}g\u{85}h",
            "\u{1F600}, emoji",
            "\u{1680}\u{2000}\u{200A}\u{2028}\u{2029}\u{202F}\u{205F}\u{2060}\u{200C}\u{200D}x",
            "Ünïcödé · text — with « quotes » and ½ ¾",
        ] {
            assert_eq!(count_chars(text), by_chars(text), "{text:?}");
        }
    }
}
