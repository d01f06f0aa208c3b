//! The article body: where it is on the page, and its first paragraph of real text, the
//! summary of last resort.
//!
//! A well-known container (`itemprop=articleBody`, the Korean news systems' body `div`s) is
//! taken when it holds about as much text as the best-scoring block; otherwise every block is
//! weighed by its text, commas and link density ([`stats`], [`pick`]), the best container
//! takes in sibling blocks of the same article, and boilerplate inside it (newsletter and
//! promotion boxes, share bars, "read more" lines, author boxes, comments, link lists) is
//! left out ([`names`]).

use ego_tree::NodeId;
use scraper::ElementRef;

use super::attrs::Names;
use super::excluded::squeeze;
use super::page::{ArticlePage, NodeSet, BODY};
use super::MIN_PARAGRAPH;
use crate::html::{holds_tag, text_within};

mod asks; // sign-up, donation, app and typo-report boxes by their text
mod boxes; // author boxes, teaser cards, sign-up lines, breadcrumbs by what they hold
mod br_lines; // lines written with <br>: read-more lines and notes among them
mod first; // the first paragraph of real text
mod header; // the article's header block (kicker, standfirst, byline) beside the text
mod leave_out; // what the body leaves out inside its container
mod lines; // advertisement labels, read-more lines and other lines by their text
mod names; // boilerplate and container names
mod notes; // credits, disclosures, copyright notices and tip lines by their text
mod pick; // scores, sibling blocks, the densest run
mod several; // pages of several whole articles: the one the title names
mod slides; // slideshows inside the article
mod stats; // text and link counts per element
mod twins; // an article in several sections of one kind

pub(super) use notes::is_credit;
use pick::Pick;
use stats::Stats;

/// How a well-known body container is named.
enum Known {
    /// `itemprop` holds this word.
    Itemprop(&'static str),
    /// The element's id.
    Id(&'static str),
    /// One of the element's classes.
    Class(&'static str),
}

impl Known {
    /// Which of [`KNOWN_BODIES`] an element's names match, one bit per rank. Each attribute
    /// is split once, not once per entry: this runs for every named element of the page.
    /// Class and `itemprop` words are split at ASCII white space, as HTML splits them.
    fn ranks(names: &Names) -> u16 {
        let mut bits = 0u16;
        let mut mark = |word: &str, is: fn(&Known, &str) -> bool| {
            for (rank, known) in KNOWN_BODIES.iter().enumerate() {
                if is(known, word) {
                    bits |= 1 << rank;
                }
            }
        };
        if let Some(id) = names.id {
            mark(id, |k, w| matches!(k, Known::Id(x) if *x == w));
        }
        for w in names
            .itemprop
            .into_iter()
            .flat_map(str::split_ascii_whitespace)
        {
            mark(w, |k, w| matches!(k, Known::Itemprop(x) if *x == w));
        }
        for w in names
            .class
            .into_iter()
            .flat_map(str::split_ascii_whitespace)
        {
            mark(w, |k, w| matches!(k, Known::Class(x) if *x == w));
        }
        bits
    }
}

/// Containers that well-known Korean news sites put the article body in, tried in order.
const KNOWN_BODIES: [Known; 10] = [
    Known::Itemprop("articleBody"),
    Known::Id("article-view-content-div"),
    Known::Id("articleBody"),
    Known::Class("article_body"),
    Known::Class("article-body"),
    Known::Id("news_body_area"),
    Known::Class("news_body"),
    Known::Id("articeBody"),
    Known::Class("view_con"),
    Known::Id("article_content"),
];

/// Below this many characters a chosen body is looked for again with the page's excluded
/// blocks counted (a page-wide wrapper with an unlucky class name hides the article).
const SMALL_BODY: u32 = 200;

/// The article body on the page: a container, which of its children belong to the article,
/// and what inside it is left out.
#[derive(Debug, Clone)]
pub(super) struct Body<'a> {
    pub(super) root: ElementRef<'a>,
    /// When set, only these children of `root` are the article (sibling blocks merged).
    pub(super) kept: Option<NodeSet>,
    /// Elements under `root` left out with everything inside them.
    pub(super) skip: NodeSet,
    /// Whether the page's excluded blocks are left out too (not when the body was found
    /// only by counting them).
    pub(super) honour_excluded: bool,
    /// Whether text lying loose in the root (not in a paragraph) is left out: a date and
    /// author line beside the paragraphs that hold the article.
    pub(super) drop_loose_text: bool,
}

impl Body<'_> {
    /// Whether the element `id` under the root is left out (`depth` 1 is a child of the root).
    pub(super) fn leaves_out(&self, id: NodeId, depth: usize) -> bool {
        self.skip.contains(&id)
            || (depth == 1 && self.kept.as_ref().is_some_and(|k| !k.contains(&id)))
    }

    /// Whether text directly under the root is left out (sibling blocks were picked).
    pub(super) fn leaves_out_text(&self, depth: usize) -> bool {
        depth == 0 && (self.kept.is_some() || self.drop_loose_text)
    }
}

impl<'a> ArticlePage<'a> {
    /// The main article body: a well-known body container, else the best-scoring block with
    /// its sibling blocks; `None` when the page has no paragraph of text.
    pub(super) fn find_body(&self) -> Option<Body<'a>> {
        let page_root = self.doc.select(&BODY).next()?;
        let stats = self.count_text(page_root, true);
        let mut best = pick::pick(&stats).map(|p| self.body_of(&stats, &p, true));
        let best_chars = best.as_ref().map_or(0, |b| chars_of(&stats, b));
        // Counted again trusting fewer names when a block left out for its name holds more
        // text than the body found: a wrapper named like boilerplate or like an excluded
        // block ("has-sidebar", "share-enabled") may hold the article.
        if best_chars < SMALL_BODY || stats.most_skipped_text > best_chars.saturating_mul(2) {
            let loose = self.count_text(page_root, false);
            if let Some(p) = pick::pick(&loose) {
                let floor = if best_chars < SMALL_BODY {
                    best_chars.saturating_mul(3).max(MIN_PARAGRAPH as u32)
                } else {
                    best_chars.saturating_mul(3)
                };
                // What is left of it once its boilerplate is left out must hold that much
                // too: a row of teasers named "next-post" is not the article however long.
                if p.chars > floor {
                    let body = self.body_of(&loose, &p, false);
                    if chars_left(&loose, &body) > floor {
                        best = Some(body);
                    }
                }
            }
        }
        // A page of several whole articles: the body is the titled one's, not the longest's.
        if let Some(found) = &best {
            if let Some((own, p)) =
                self.titled_article_body(&stats, &found.root, chars_of(&stats, found))
            {
                best = Some(self.body_of(&own, &p, true));
            }
        }
        if let Some(known) = self.known_container() {
            let known_chars = stats
                .get(known.id())
                .map_or(0, |s| s.chars)
                .max(text_within(known, 2000).chars().count() as u32 / 2);
            let best_chars = best.as_ref().map_or(0, |b| chars_of(&stats, b));
            // The best block holds the known container and much more: the container is only
            // a part of the article (`itemprop=articleBody` on each paragraph, a body split
            // between ads).
            let known_is_part = best.as_ref().is_some_and(|b| {
                b.root.id() != known.id() && known.ancestors().any(|a| a.id() == b.root.id())
            }) && best_chars > known_chars.saturating_mul(3) / 2;
            let overlaps = best.as_ref().is_some_and(|b| {
                b.root.id() == known.id()
                    || known.ancestors().any(|a| a.id() == b.root.id())
                    || b.root.ancestors().any(|a| a.id() == known.id())
            });
            if !known_is_part && (overlaps || known_chars.saturating_mul(3) >= best_chars) {
                // With paragraphs after it (see `with_tail`), the container's parent is the
                // root and only the container and those paragraphs are kept.
                let (root, kept) = best
                    .as_ref()
                    .and_then(|b| Some((b.root, Some(with_tail(&stats, known, b)?))))
                    .unwrap_or((known, None));
                let mut body = Body {
                    root,
                    kept,
                    skip: NodeSet::default(),
                    honour_excluded: true,
                    drop_loose_text: false,
                };
                // A container the page-wide count left out (its id names it for
                // subscribers: `subscription-article-body`) is counted on its own, so that
                // its ad labels and boxes are still told.
                if stats.get(known.id()).is_some() {
                    self.leave_out_boilerplate(&stats, &mut body);
                } else {
                    self.leave_out_boilerplate(&self.count_text(known, true), &mut body);
                }
                return Some(body);
            }
        }
        best
    }

    /// The first well-known body container outside excluded blocks that has some text, in
    /// the order of [`KNOWN_BODIES`]: one walk over the page, not one per selector.
    fn known_container(&self) -> Option<ElementRef<'a>> {
        let mut found: [Option<ElementRef<'a>>; KNOWN_BODIES.len()] = [None; KNOWN_BODIES.len()];
        let mut seen = [0usize; KNOWN_BODIES.len()];
        for node in self.doc.root_element().descendants() {
            let Some(el) = ElementRef::wrap(node) else {
                continue;
            };
            let ranks = Known::ranks(&Names::of(el.value()));
            if ranks == 0 {
                continue;
            }
            for rank in 0..KNOWN_BODIES.len() {
                if found[rank].is_some() || seen[rank] >= 20 || ranks & (1 << rank) == 0 {
                    continue;
                }
                seen[rank] += 1;
                if !self.is_excluded(el.id())
                    && text_within(el, 100).chars().count() >= MIN_PARAGRAPH
                {
                    found[rank] = Some(el);
                }
            }
            if found[0].is_some() {
                break;
            }
        }
        found.into_iter().flatten().next()
    }

    /// The body for a pick in `stats`, with the boilerplate inside it left out.
    fn body_of(&self, stats: &Stats<'a>, pick: &Pick, honour_excluded: bool) -> Body<'a> {
        let mut body = Body {
            root: stats.nodes[pick.root].el,
            kept: pick
                .children
                .as_ref()
                .map(|c| c.iter().map(|&i| stats.nodes[i].el.id()).collect()),
            skip: NodeSet::default(),
            honour_excluded,
            drop_loose_text: false,
        };
        self.leave_out_boilerplate(stats, &mut body);
        if body.kept.is_none() {
            body.root = self.narrow(stats, &body);
            body.drop_loose_text = loose_text_is_meta(stats, body.root);
        }
        body
    }

    /// Whether the page's `<title>` holds the text of `heading`, white space removed, and
    /// that text is long enough to mean it (not "News" in "News | Site").
    pub(super) fn title_names(&self, heading: ElementRef) -> bool {
        let Some(title) = self.title_text.as_deref() else {
            return false;
        };
        let text = squeeze(&text_within(heading, 400));
        text.chars().count() >= 8 && title.contains(&text)
    }

    /// A heading before the body's first paragraph whose text the page's `<title>` holds:
    /// the article's title again.
    fn title_heading(&self, stats: &Stats<'a>, root_i: usize) -> Option<NodeId> {
        self.title_text.as_ref()?;
        for s in stats.subtree(root_i).map(|i| &stats.nodes[i]) {
            if matches!(s.name(), "h1" | "h2" | "h3") {
                return self.title_names(s.el).then(|| s.el.id());
            }
            if s.own >= 25 && matches!(s.name(), "p" | "div" | "section" | "td") {
                return None;
            }
        }
        None
    }

    /// The root's only child with anything in it, and so on down: the headline left out, a
    /// cell holding one text `div` is that `div`.
    fn narrow(&self, stats: &Stats<'a>, body: &Body<'a>) -> ElementRef<'a> {
        let mut root = body.root;
        loop {
            if stats.get(root.id()).is_none_or(|s| s.own > 0) {
                return root;
            }
            let mut filled = root
                .children()
                .filter_map(ElementRef::wrap)
                .filter(|c| !body.skip.contains(&c.id()))
                .filter(|c| {
                    stats.get(c.id()).is_some_and(|s| s.chars > 0) || holds_tag(**c, 200, &["img"])
                });
            match (filled.next(), filled.next()) {
                (Some(only), None) if stats.get(only.id()).is_some() => root = only,
                _ => return root,
            }
        }
    }
}

/// Paragraphs after a well-known container, beside it, that the best-scoring pick took in
/// with it: a closing paragraph or an editor's note set after a poll or an audio embed. Only
/// plain paragraphs (a `p`, or a block of nothing but `p`s) of little link text count, and
/// only once a widget has cut them off the container (a paragraph right after it is the
/// page's own: a disclosure, a note on the author); the widgets stay out, and the first
/// sibling the pick left out ends the search. Gives the container and those paragraphs, the
/// children of `best`'s root to keep; `None` when there are none.
fn with_tail(stats: &Stats, known: ElementRef, best: &Body) -> Option<NodeSet> {
    let kept = best.kept.as_ref()?;
    if !kept.contains(&known.id()) || known.parent().map(|p| p.id()) != Some(best.root.id()) {
        return None;
    }
    let mut tail = Vec::new();
    let mut cut_off = false;
    for sib in known.next_siblings().filter_map(ElementRef::wrap) {
        if !kept.contains(&sib.id()) {
            break;
        }
        let Some(s) = stats.get(sib.id()) else {
            continue;
        };
        let only_paragraphs = sib.value().name() == "p"
            || (sib.value().name() == "div"
                && s.own == 0
                && sib
                    .children()
                    .filter_map(ElementRef::wrap)
                    .all(|c| c.value().name() == "p"));
        if !only_paragraphs {
            cut_off = true;
        } else if cut_off && s.chars >= MIN_PARAGRAPH as u32 && s.links * 5 < s.chars {
            tail.push(sib.id());
        }
    }
    (!tail.is_empty()).then(|| std::iter::once(known.id()).chain(tail).collect())
}

/// Whether the text lying loose in `root` is short next to the paragraphs in it (a date or
/// byline line), so that only the paragraphs are the article.
fn loose_text_is_meta(stats: &Stats, root: ElementRef) -> bool {
    let Some(r) = stats.get(root.id()) else {
        return false;
    };
    let in_paragraphs: u32 = root
        .children()
        .filter_map(|c| stats.get(c.id()))
        .filter(|c| matches!(c.name(), "p" | "div" | "section"))
        .map(|c| c.chars)
        .sum();
    r.own > 0 && r.own < 100 && in_paragraphs >= 2 * r.own
}

/// Text characters in a body as counted in `stats`, less what is left out inside it.
fn chars_left(stats: &Stats, body: &Body) -> u32 {
    let Some(&root_i) = stats.index.get(&body.root.id()) else {
        return 0;
    };
    // Each node's parent comes before it in the root's subtree: a node's depth, and whether
    // it is left out, follow from its parent's.
    let mut run: Vec<(usize, bool)> = vec![(0, false)];
    let mut total = if body.kept.is_some() {
        0 // text loose in the root is left out when children were picked
    } else {
        stats.nodes[root_i].own
    };
    for i in stats.subtree(root_i) {
        let p = stats.nodes[i].parent.unwrap_or(root_i);
        let (parent_depth, parent_out) = run[p - root_i];
        let depth = parent_depth + 1;
        let out = parent_out || body.leaves_out(stats.nodes[i].el.id(), depth);
        run.push((depth, out));
        if !out {
            total += stats.nodes[i].own;
        }
    }
    total
}

/// Text characters in a body as counted in `stats`: the kept children's, or the root's.
fn chars_of(stats: &Stats, body: &Body) -> u32 {
    match &body.kept {
        Some(kept) => kept
            .iter()
            .filter_map(|&id| stats.get(id))
            .map(|s| s.chars)
            .sum(),
        None => stats.get(body.root.id()).map_or(0, |s| s.chars),
    }
}

/// The `full_text` content feedmill reads from a page at `https://x.kr/news/1`: what the
/// body finder's end-to-end unit cases look at.
#[cfg(test)]
pub(crate) fn content_of(html: &str) -> String {
    let text = "[feeds.t]\ntitle = \"T\"\nurl = \"https://x.kr/\"\n[feeds.t.article]\nfetch = true\nfull_text = true\n";
    let config = crate::config::parse(text, std::path::Path::new("feeds.toml")).unwrap();
    let rules = config.feeds[0].article.clone().unwrap();
    let ctx = crate::dates::DateContext {
        fetched_at: "2026-02-11T09:00:00+09:00".parse().unwrap(),
        zone: chrono_tz::Asia::Seoul,
    };
    let url = url::Url::parse("https://x.kr/news/1").unwrap();
    crate::article::extract_article(html, &url, &rules, ctx)
        .content
        .unwrap()
}

/// Runs a text test `f` on each case of a table and names every case it gets wrong.
#[cfg(test)]
pub(crate) fn check(f: fn(&str) -> bool, cases: &[(&str, bool)]) {
    let wrong: Vec<_> = cases.iter().filter(|(t, want)| f(t) != *want).collect();
    assert!(wrong.is_empty(), "wrong on {wrong:?}");
}
