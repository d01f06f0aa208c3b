//! Choosing the article body from the counts: paragraphs score their containers
//! (Readability's way: commas and length, shared with the ancestors at falling weights), the
//! container's score is cut by its link density and moved by its id and class, the best one
//! takes in sibling blocks of the same article (a body split between ads or embeds), and
//! when the winner is small next to the page's densest run of paragraphs, that run wins.

use std::collections::HashMap;

use super::names::{class_weight, is_container, is_inline, is_text_block};
use super::stats::Stats;

/// A paragraph shorter than this (characters) scores nothing.
const MIN_SCORED: u32 = 25;
/// How many ancestors a paragraph's score reaches.
const SCORE_LEVELS: usize = 5;

/// The chosen body in the counts: a container and which of its children belong to it (all
/// when `children` is `None`).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Pick {
    pub(super) root: usize,
    pub(super) children: Option<Vec<usize>>,
    /// Text characters in what was chosen.
    pub(super) chars: u32,
}

/// The best body by score, with its sibling blocks, or the densest run of paragraphs when
/// that holds much more text. `None` when the page has no paragraph of text at all.
pub(super) fn pick(stats: &Stats) -> Option<Pick> {
    let scores = score_containers(stats);
    // Each container's score moved by its names and links, computed once: the top one and
    // the blocks weighed against it come from the same list.
    let finals: Vec<(usize, f32)> = scores
        .iter()
        .map(|(&i, &s)| (i, final_score(stats, i, s)))
        .collect();
    let best = finals
        .iter()
        .copied()
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
    let densest = densest_container(stats);
    let chosen = match (best, densest) {
        (Some((top, top_score)), dense) => {
            let top = shared_ancestor(stats, &finals, top, top_score);
            let top = climb(stats, &scores, top, top_score);
            let picked = merge_siblings(stats, &scores, top);
            match dense {
                Some((d, d_chars))
                    if picked.chars * 2 < d_chars && !stats.contains(picked.root, d) =>
                {
                    merge_siblings(stats, &scores, d)
                }
                _ => picked,
            }
        }
        (None, Some((d, _))) => merge_siblings(stats, &scores, d),
        (None, None) => return None,
    };
    (chosen.chars > 0).then_some(chosen)
}

/// Every container's score from the paragraphs under it.
fn score_containers(stats: &Stats) -> HashMap<usize, f32> {
    let mut scores: HashMap<usize, f32> = HashMap::new();
    for (i, s) in stats.nodes.iter().enumerate() {
        if s.own < MIN_SCORED || !is_text_block(s.name()) {
            continue;
        }
        let density = s.own_links as f32 / s.own as f32;
        if density > 0.5 {
            continue;
        }
        let para = (1.0 + s.own_commas as f32 + (s.own as f32 / 100.0).min(3.0)) * (1.0 - density);
        let mut cur = if is_container(s.name()) {
            Some(i)
        } else {
            s.parent
        };
        let mut level = 0usize;
        while let Some(c) = cur {
            // Inline wrappers (`<span><p>…</p></span>`) pass a paragraph's score on without
            // taking up one of its levels.
            if is_inline(stats.nodes[c].name()) {
                cur = stats.nodes[c].parent;
                continue;
            }
            if level >= SCORE_LEVELS {
                break;
            }
            if is_container(stats.nodes[c].name()) {
                let divider = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => l as f32 * 3.0,
                };
                *scores.entry(c).or_insert(0.0) += para / divider;
            }
            level += 1;
            cur = stats.nodes[c].parent;
        }
    }
    scores
}

/// A container's score moved by its id and class, cut by its link density.
fn final_score(stats: &Stats, i: usize, score: f32) -> f32 {
    let s = &stats.nodes[i];
    score * class_weight(s.el.value()) * (1.0 - s.link_density())
}

/// How many blocks, each scoring a fair share of the top one, make their shared ancestor
/// the body.
const SHARED_BLOCKS: usize = 3;
/// How far up from the top container a shared ancestor is looked for.
const SHARED_LEVELS: usize = 4;
/// What share of the top container's score makes another block a near equal of it.
const CLOSE_SHARE: f32 = 0.75;
/// How many of the best-scoring other blocks are weighed for a shared ancestor.
const SHARED_CANDIDATES: usize = 64;

/// When several other blocks of text near the top container each score a fair share of it
/// (a fifth, and more than a teaser's few lines) and together hold at least as much text,
/// their nearest shared ancestor: an article split into blocks of about equal weight (the
/// steps of a how-to, sections between ads), the first of which would otherwise be taken
/// alone. Teasers and comment lists are kept out by their link density and weight.
fn shared_ancestor(stats: &Stats, finals: &[(usize, f32)], top: usize, top_score: f32) -> usize {
    let floor = (top_score * 0.2).max(3.0);
    let mut weighty: Vec<(usize, f32)> = finals
        .iter()
        .copied()
        .filter(|&(i, score)| i != top && score >= floor && stats.nodes[i].link_density() < 0.2)
        .collect();
    // The best few are enough to see a split article, and keep the ancestor checks below
    // bounded on a page of thousands of blocks.
    weighty.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    weighty.truncate(SHARED_CANDIDATES);
    let blocks: Vec<(usize, f32)> = weighty
        .into_iter()
        .filter(|&(i, _)| !stats.contains(i, top) && !stats.contains(top, i))
        .collect();
    let close_score = top_score * CLOSE_SHARE;
    if blocks.len() < SHARED_BLOCKS && !blocks.iter().any(|&(_, s)| s >= close_score) {
        return top;
    }
    let mut cur = stats.nodes[top].parent;
    for _ in 0..SHARED_LEVELS {
        let Some(p) = cur else { break };
        if stats.nodes[p].name() == "body" {
            break;
        }
        // Outermost blocks only: a block inside another that is counted adds nothing new.
        let inside: Vec<usize> = blocks
            .iter()
            .map(|&(b, _)| b)
            .filter(|&b| stats.contains(p, b))
            .collect();
        let outer = outermost(stats, &inside);
        let chars: u32 = outer.iter().map(|&b| stats.nodes[b].chars).sum();
        if outer.len() >= SHARED_BLOCKS && chars >= stats.nodes[top].chars {
            return p;
        }
        // Two blocks apart from it that each score nearly as much as the top one: three
        // sections of one article (a consumer test's findings, side notes and tips box).
        let close: Vec<usize> = blocks
            .iter()
            .filter(|&&(b, s)| s >= close_score && stats.contains(p, b))
            .map(|&(b, _)| b)
            .collect();
        if outermost(stats, &close).len() >= 2 {
            return p;
        }
        cur = stats.nodes[p].parent;
    }
    top
}

/// The blocks of `blocks` that no other of them contains.
fn outermost(stats: &Stats, blocks: &[usize]) -> Vec<usize> {
    blocks
        .iter()
        .copied()
        .filter(|&b| !blocks.iter().any(|&o| o != b && stats.contains(o, b)))
        .collect()
}

/// Readability's climb: a parent scoring higher than its child (several good children) is
/// the better container, and an only child gives way to its parent.
fn climb(stats: &Stats, scores: &HashMap<usize, f32>, top: usize, top_score: f32) -> usize {
    let mut best = top;
    let mut last = top_score;
    let threshold = top_score / 3.0;
    let mut cur = stats.nodes[top].parent;
    while let Some(p) = cur {
        if stats.nodes[p].name() == "body" {
            break;
        }
        if let Some(&raw) = scores.get(&p) {
            let s = final_score(stats, p, raw);
            if s < threshold {
                break;
            }
            if s > last
                && stats.nodes[p].chars < stats.nodes[best].chars.saturating_mul(3)
                && has_other_text_child(stats, scores, p, best)
            {
                best = p;
                break;
            }
            last = s;
        }
        cur = stats.nodes[p].parent;
    }
    // An only child: its parent holds nothing else, or only a section heading and pictures
    // (a box of tips under its own `<h2>`, set among the article's other blocks).
    while let Some(p) = stats.nodes[best].parent {
        if stats.nodes[p].name() == "body"
            || (stats.nodes[p].chars != stats.nodes[best].chars
                && !beside_only_heading(stats, p, best))
        {
            break;
        }
        best = p;
    }
    best
}

/// Whether `parent`'s children besides `child` are only a short sub-heading and text-less
/// elements.
fn beside_only_heading(stats: &Stats, parent: usize, child: usize) -> bool {
    let mut heading = false;
    for c in stats.nodes[parent].el.children() {
        let Some(&i) = stats.index.get(&c.id()) else {
            if c.value().as_text().is_some_and(|t| !t.trim().is_empty()) {
                return false;
            }
            continue;
        };
        let s = &stats.nodes[i];
        if i == child || s.chars == 0 {
            continue;
        }
        if heading || !matches!(s.name(), "h2" | "h3" | "h4") || s.chars > 80 || s.links > 0 {
            return false;
        }
        heading = true;
    }
    heading
}

/// Whether `parent` has a child besides the one holding `best` with paragraph text of its
/// own: a parent is a better container only when it joins several blocks of text.
fn has_other_text_child(
    stats: &Stats,
    scores: &HashMap<usize, f32>,
    parent: usize,
    best: usize,
) -> bool {
    stats.nodes[parent]
        .el
        .children()
        .filter_map(|c| stats.index.get(&c.id()).copied())
        .filter(|&c| !stats.contains(c, best))
        .any(|c| {
            let s = &stats.nodes[c];
            scores.contains_key(&c)
                || (s.own >= MIN_SCORED && is_text_block(s.name()) && s.own_links * 2 < s.own)
        })
}

/// The container with the most paragraph text directly in it (paragraphs of little link
/// text), and that text's length: the page's longest coherent run of paragraphs.
fn densest_container(stats: &Stats) -> Option<(usize, u32)> {
    let mut sums: HashMap<usize, u32> = HashMap::new();
    for (i, s) in stats.nodes.iter().enumerate() {
        if s.own < MIN_SCORED || !is_text_block(s.name()) || s.own_links * 3 > s.own {
            continue;
        }
        let c = if is_container(s.name()) {
            Some(i)
        } else {
            s.parent
        };
        if let Some(c) = c {
            *sums.entry(c).or_insert(0) += s.own;
        }
    }
    sums.into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
}

/// The top container and its siblings of the same article (Readability's sibling rule:
/// siblings scoring a fifth of the top, or plain paragraphs of text), and between two such
/// the headings, figures, lists and quotes that go with them.
fn merge_siblings(stats: &Stats, scores: &HashMap<usize, f32>, top: usize) -> Pick {
    let top_stat = &stats.nodes[top];
    let Some(parent) = top_stat.parent else {
        return whole(stats, top);
    };
    if stats.nodes[parent].name() == "html" {
        return whole(stats, top);
    }
    let top_score = scores
        .get(&top)
        .map_or(0.0, |&s| final_score(stats, top, s));
    let threshold = (top_score * 0.2).max(10.0);
    let top_class = top_stat.el.value().attr("class").unwrap_or("");
    let children: Vec<usize> = top_stat
        .el
        .parent()
        .into_iter()
        .flat_map(|p| p.children())
        .filter_map(|c| stats.index.get(&c.id()).copied())
        .collect();
    let mut keep: Vec<bool> = children
        .iter()
        .map(|&c| {
            if c == top {
                return true;
            }
            let s = &stats.nodes[c];
            let mut bonus = 0.0;
            if !top_class.is_empty() && s.el.value().attr("class") == Some(top_class) {
                bonus += top_score * 0.2;
            }
            let scored = scores
                .get(&c)
                .is_some_and(|&raw| final_score(stats, c, raw) + bonus >= threshold);
            let kept = scored || {
                let density = s.link_density();
                // A block beside the article whose headings are links is a row of teasers
                // (linked headline, one-line standfirst), however few its links.
                let text_like = match s.name() {
                    "p" | "blockquote" | "pre" => true,
                    "div" | "section" => !has_linked_heading(s),
                    _ => false,
                };
                (text_like && s.chars > 80 && density < 0.25)
                    || (s.name() == "p" && s.chars > 0 && density == 0.0 && ends_sentence(s))
            };
            // A box beside the article that asks the reader for something (a donation
            // appeal of several paragraphs) is no part of it, whatever it scores: asked only
            // of the blocks that would be kept, its text is read for few of them.
            kept && !(matches!(s.name(), "div" | "section" | "aside")
                && super::boxes::asks_reader(s.el))
        })
        .collect();
    keep_between(stats, &children, &mut keep);
    if keep.iter().filter(|&&k| k).count() <= 1 {
        return super::twins::twin_sections(stats, scores, top)
            .unwrap_or_else(|| whole(stats, top));
    }
    kept_pick(stats, parent, &children, &keep)
}

/// Between the first and last kept blocks: the headings, figures, lists and quotes of the
/// same article.
pub(super) fn keep_between(stats: &Stats, children: &[usize], keep: &mut [bool]) {
    if let (Some(first), Some(last)) = (keep.iter().position(|&k| k), keep.iter().rposition(|&k| k))
    {
        for (j, &c) in children.iter().enumerate().take(last).skip(first + 1) {
            if keep[j] {
                continue;
            }
            let s = &stats.nodes[c];
            let goes_with = matches!(
                s.name(),
                "h2" | "h3"
                    | "h4"
                    | "h5"
                    | "h6"
                    | "figure"
                    | "picture"
                    | "img"
                    | "ul"
                    | "ol"
                    | "blockquote"
                    | "table"
                    | "pre"
            ) || has_image(s);
            keep[j] = goes_with && s.link_density() < 0.5;
        }
    }
}

/// The pick of `children` of `parent` marked in `keep`.
pub(super) fn kept_pick(stats: &Stats, parent: usize, children: &[usize], keep: &[bool]) -> Pick {
    let kept: Vec<usize> = children
        .iter()
        .zip(keep)
        .filter(|(_, &k)| k)
        .map(|(&c, _)| c)
        .collect();
    let chars = kept.iter().map(|&c| stats.nodes[c].chars).sum();
    Pick {
        root: parent,
        children: Some(kept),
        chars,
    }
}

fn whole(stats: &Stats, i: usize) -> Pick {
    Pick {
        root: i,
        children: None,
        chars: stats.nodes[i].chars,
    }
}

/// Whether a short block's text ends a sentence (so it is a short paragraph, not a label).
fn ends_sentence(s: &super::stats::Stat) -> bool {
    super::lines::ends_a_sentence(&s.el.text().collect::<String>())
}

/// Whether a block holds a heading made of a link (a teaser's headline).
pub(super) fn has_linked_heading(s: &super::stats::Stat) -> bool {
    s.el.descendants().take(500).any(|n| {
        n.value()
            .as_element()
            .is_some_and(|e| matches!(e.name(), "h2" | "h3" | "h4" | "h5" | "h6"))
            && n.descendants()
                .take(200)
                .any(|d| d.value().as_element().is_some_and(|e| e.name() == "a"))
    })
}

fn has_image(s: &super::stats::Stat) -> bool {
    s.chars < 300 && crate::html::holds_tag(*s.el, 50, &["img"])
}
