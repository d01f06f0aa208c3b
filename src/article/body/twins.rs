//! An article set in several sections of one kind, each deep inside its own wrapper: page
//! builders (Elementor's `section > container > row > column > widget`) and tourism or
//! magazine templates repeat one text module per section, with pictures, maps and boxes of
//! other kinds between them. The best block is one section's text; its twins are found by
//! walking up its wrappers to the level where siblings of the same kind stand.

use std::collections::HashMap;

use super::pick::{has_linked_heading, keep_between, kept_pick, Pick};
use super::stats::Stats;

/// How many wrappers up from the best block a level of twin sections is looked for.
const MAX_LEVELS: usize = 10;

/// The best block's wrapper and the wrappers of the same kind beside it that hold article
/// text, with the headings and pictures between them; `None` when no wrapper up to
/// [`MAX_LEVELS`] has such twins, or a wrapper on the way holds other text of weight (the
/// block is then not alone in its section, and the sections are not the article's).
pub(super) fn twin_sections(
    stats: &Stats,
    scores: &HashMap<usize, f32>,
    top: usize,
) -> Option<Pick> {
    let top_chars = stats.nodes[top].chars;
    // A wrapper adds nothing of weight: a heading or a caption at most.
    let thin = |i: usize| stats.nodes[i].chars <= top_chars + (top_chars / 4).max(100);
    let mut level = top;
    for _ in 0..MAX_LEVELS {
        let parent = stats.nodes[level].parent?;
        if matches!(stats.nodes[parent].name(), "body" | "html") {
            return None;
        }
        if let Some(kind) = kind_of(stats, level) {
            let children: Vec<usize> = stats.nodes[parent]
                .el
                .children()
                .filter_map(|c| stats.index.get(&c.id()).copied())
                .collect();
            let mut keep: Vec<bool> = children
                .iter()
                .map(|&c| {
                    c == level
                        || (kind_of(stats, c).as_deref() == Some(kind.as_str())
                            && section_holds_text(stats, scores, c))
                })
                .collect();
            if keep.iter().filter(|&&k| k).count() >= 2 {
                keep_between(stats, &children, &mut keep);
                return Some(kept_pick(stats, parent, &children, &keep));
            }
        }
        if !thin(parent) {
            return None;
        }
        level = parent;
    }
    None
}

/// An element's tag and its class words without the ones that number it (Elementor's
/// `elementor-element-33f744e4`), sorted; `None` without such class words.
fn kind_of(stats: &Stats, i: usize) -> Option<String> {
    let el = stats.nodes[i].el.value();
    let mut words: Vec<&str> = el
        .attr("class")?
        .split_whitespace()
        .filter(|w| !w.chars().any(|c| c.is_ascii_digit()))
        .collect();
    if words.is_empty() {
        return None;
    }
    words.sort_unstable();
    words.dedup();
    Some(format!("{} {}", el.name(), words.join(" ")))
}

/// Whether a section holds text of the article: a scored paragraph inside, few links, and
/// no linked headline (a row of teasers has the same wrapper as the text it follows).
fn section_holds_text(stats: &Stats, scores: &HashMap<usize, f32>, i: usize) -> bool {
    let s = &stats.nodes[i];
    if s.chars < 80 || s.link_density() >= 0.25 || has_linked_heading(s) {
        return false;
    }
    stats.subtree(i).any(|j| scores.contains_key(&j))
}
