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
use crate::html::{all_text_within, text_within};

mod boxes; // author boxes, teaser cards, sign-up lines, breadcrumbs by what they hold
mod first; // the first paragraph of real text
mod header; // the article's header block (kicker, standfirst, byline) beside the text
mod lines; // advertisement labels, read-more lines, sign-up boxes by their text
mod names; // boilerplate and container names
mod notes; // credits, disclosures, copyright notices and tip lines by their text
mod pick; // scores, sibling blocks, the densest run
mod several; // pages of several whole articles: the one the title names
mod slides; // slideshows inside the article
mod stats; // text and link counts per element
mod twins; // an article in several sections of one kind

use boxes::{asks_reader, holds_caption, is_video_figure, names_a_video};
use lines::{is_ad_or_control_label, is_boilerplate_line};
use names::is_boilerplate;
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
                let mut body = Body {
                    root: known,
                    kept: None,
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
                    stats.get(c.id()).is_some_and(|s| s.chars > 0)
                        || c.descendants()
                            .take(200)
                            .any(|n| n.value().as_element().is_some_and(|e| e.name() == "img"))
                });
            match (filled.next(), filled.next()) {
                (Some(only), None) if stats.get(only.id()).is_some() => root = only,
                _ => return root,
            }
        }
    }

    /// Marks what inside the body is not the article: boilerplate blocks by name, blocks
    /// mostly of links (link lists, tag clouds), "read more" lines, blocks that only say
    /// "Advertisement", captions of figures without a picture.
    fn leave_out_boilerplate(&self, stats: &Stats<'a>, body: &mut Body<'a>) {
        let root = body.root.id();
        let Some(&root_i) = stats.index.get(&root) else {
            return;
        };
        // The headline is the article's title, not its text; so is a heading opening the
        // body that repeats the page's title.
        if let Some(h) = self.headline {
            if h.id() != root && h.ancestors().any(|a| a.id() == root) {
                body.skip.insert(h.id());
                if let Some(header) = header::header_block(stats, body, h) {
                    header::skip_header_lines(header, &mut body.skip);
                }
            }
        }
        if let Some(h) = self.title_heading(stats, root_i) {
            body.skip.insert(h);
        }
        for &id in &stats.skipped {
            if self
                .doc
                .tree
                .get(id)
                .is_some_and(|n| n.ancestors().any(|a| a.id() == root))
            {
                body.skip.insert(id);
            }
        }
        for s in stats.subtree(root_i).map(|i| &stats.nodes[i]) {
            // Inline elements own no text in the counts (their block does), so a label set in
            // one ("<b class=hide-caption>hide caption</b>") is read here.
            if matches!(s.name(), "span" | "b" | "i" | "em" | "small" | "font" | "a")
                && s.chars == 0
            {
                // A label is short: told from the text as stored before any is copied.
                let short = matches!(s.name(), "span" | "b" | "a")
                    && s.el.text().map(|t| t.chars().count()).sum::<usize>() < 80;
                // A credit's label may be hidden from sight ("Image source, " on the BBC); a
                // wire's notice may stand in italics among lines written with `<br>`.
                if (short && is_ad_or_control_label(&text_within(s.el, 100)))
                    || (notes::may_be_note(s.el)
                        && notes::is_note(&all_text_within(s.el, 400))
                        && !in_code(s.el))
                {
                    body.skip.insert(s.el.id());
                }
                continue;
            }
            if s.chars == 0 {
                continue;
            }
            let block = matches!(
                s.name(),
                "div" | "section" | "ul" | "ol" | "dl" | "table" | "form" | "header" | "menu"
            );
            let link_list = block && s.links * 2 > s.chars && !items_say_more(stats, s);
            // A "read more" line, or a paragraph that opens with such words and then lists
            // links ("Related stories" and three headlines).
            let read_more = matches!(s.name(), "p" | "div" | "li" | "strong" | "b" | "h3" | "h4")
                && (s.chars < 200 || s.links * 2 > s.chars)
                // Without links, only a label ("Auch interessant:") is such a line.
                && (s.links > 0 || s.chars < LABEL_CHARS)
                && {
                    let text = text_within(s.el, 100);
                    // A link left out already (by its name) counts in no figure of the
                    // block, but still makes "À lire aussi | <a>…</a>" a line of links.
                    is_boilerplate_line(&text)
                        && (s.links > 0 || is_label(&text) || holds_link(s.el))
                };
            // Boilerplate by name, small next to the body (found when names were not trusted
            // because the body's own wrapper has such a name).
            let named = !body.honour_excluded
                && s.chars.saturating_mul(3) < stats.nodes[root_i].chars
                && !self.protected.contains(&s.el.id())
                && is_boilerplate(s.el.value());
            // A `div` of text and inline markup with no link is a paragraph written as a
            // `div` (as some news sites write every paragraph), not a box that asks.
            let promo = matches!(s.name(), "div" | "section" | "aside" | "form")
                && s.chars < 700
                && s.chars.saturating_mul(3) < stats.nodes[root_i].chars
                && asks_reader(s.el);
            // "Advertisement", and the labels of a page's buttons that are not buttons in a
            // feed ("hide caption", "Enlarge this image").
            let ad = matches!(s.name(), "div" | "section" | "p" | "td" | "aside")
                && s.chars < 90
                && is_ad_or_control_label(&text_within(s.el, 100));
            // A credit, a disclosure, a copyright notice or a call for tips, alone in its
            // block.
            let note = matches!(s.name(), "p" | "div" | "figcaption" | "small")
                && s.chars < 300
                && notes::may_be_note(s.el)
                && notes::is_note(&text_within(s.el, 400));
            // A figure that holds a video player and no picture: the feed shows no player,
            // so its caption would describe nothing the reader sees.
            // So is a small block named for a video that holds no picture, when what it says
            // is the player's own ("Watch: … 02:14", "Next video starts in"), not a caption
            // that tells of the news.
            let bare_caption = (s.name() == "figure"
                || (matches!(s.name(), "div" | "section")
                    && s.chars < 200
                    && names_a_video(s.el.value())
                    && !holds_caption(s.el)))
                && is_video_figure(s.el);
            let slideshow = slides::is_slideshow(s.el, s.chars, stats.nodes[root_i].chars);
            let held = self.holds_no_article_text(s, stats.nodes[root_i].chars);
            // A pull quote that repeats a sentence of the text (news sites'); one of its own
            // (Medium's) stays.
            let pull_quote = !matches!(s.name(), "span" | "p")
                && s.chars < 400
                && boxes::names_a_pull_quote(s.el.value())
                && boxes::is_repeated(s.el, body.root);
            if link_list
                || read_more
                || ad
                || note
                || named
                || promo
                || bare_caption
                || slideshow
                || held
                || pull_quote
            {
                body.skip.insert(s.el.id());
            }
        }
        // A heading over blocks that were all left out ("More from this author" over a row
        // of link cards) heads nothing of the article.
        let orphans: Vec<NodeId> = stats
            .subtree(root_i)
            .map(|i| &stats.nodes[i])
            .filter(|s| matches!(s.name(), "h2" | "h3" | "h4" | "h5" | "h6"))
            .filter(|s| heads_only_left_out(stats, s.el, &body.skip))
            .map(|s| s.el.id())
            .collect();
        body.skip.extend(orphans);
    }
}

impl ArticlePage<'_> {
    /// Whether a block small next to the body (`root_chars`) is, by what it holds, an author
    /// box, a teaser card for another article, a line asking the reader to sign up or a
    /// breadcrumb trail.
    fn holds_no_article_text(&self, s: &stats::Stat, root_chars: u32) -> bool {
        if s.chars.saturating_mul(3) >= root_chars {
            return false;
        }
        match s.name() {
            "div" | "section" | "aside" => {
                (s.chars < 1000 && boxes::is_author_box(s.el))
                    || (s.chars < 600 && boxes::is_teaser_card(s.el, &self.url))
                    || (s.chars < 300 && s.links > 0 && boxes::is_breadcrumb(s.el))
            }
            "li" | "figure" | "article" => s.chars < 600 && boxes::is_teaser_card(s.el, &self.url),
            "p" => {
                s.chars < 300
                    && s.links > 0
                    && (boxes::is_sign_up_line(s.el) || boxes::is_breadcrumb(s.el))
            }
            _ => false,
        }
    }
}

/// Whether the siblings after `heading` that hold any text are all left out, and hold more
/// text than it: a heading over what was left out, not a caption written as a heading
/// beside a left-out credit line.
fn heads_only_left_out(stats: &Stats, heading: ElementRef, skip: &NodeSet) -> bool {
    if heading
        .ancestors()
        .filter_map(ElementRef::wrap)
        .take(4)
        .any(|a| matches!(a.value().name(), "figure" | "figcaption"))
    {
        return false;
    }
    let own = text_within(heading, 200).chars().count();
    let mut left_out = 0usize;
    for (n, e) in heading
        .next_siblings()
        .filter_map(ElementRef::wrap)
        .enumerate()
    {
        if n >= HEADED_SIBLINGS {
            // A heading over this much is a section of the page, not over one box.
            return false;
        }
        if skip.contains(&e.id()) {
            // Read only until the left-out text outweighs the heading.
            if left_out <= own {
                left_out += text_within(e, 400).chars().count();
            }
        } else if stats.get(e.id()).is_some_and(|s| s.chars > 0) {
            return false;
        }
    }
    left_out > own
}

/// How many siblings after a heading are looked at for [`heads_only_left_out`]: enough for
/// a row of cards, and the work stays bounded on a page of thousands of headings.
const HEADED_SIBLINGS: usize = 64;

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

/// Whether an element is inside code (`pre`, `code`), whose text is never a label or a note.
fn in_code(el: ElementRef) -> bool {
    el.ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| matches!(a.value().name(), "pre" | "code"))
}

/// Whether an element holds a link.
fn holds_link(el: ElementRef) -> bool {
    el.descendants()
        .take(50)
        .filter_map(ElementRef::wrap)
        .any(|e| e.value().name() == "a" && e.value().attr("href").is_some())
}

/// Whether a short text is a label over what follows ("Auch interessant:", "À lire aussi |"
/// left beside a link that was left out), or a few words alone ("Lesen Sie auch"), not a
/// sentence.
fn is_label(text: &str) -> bool {
    let t = text.trim_end();
    t.chars().count() < LABEL_CHARS as usize
        && (t.ends_with([':', '：', '|', '»', '›', '→', '>']) || t.split_whitespace().count() <= 4)
}

/// A label over what follows is shorter than this (characters).
const LABEL_CHARS: u32 = 80;

/// Whether most items of a list (a list of one item too) say something beside their link
/// ("Alice fixed <a>a crash</a> in the tab unloader"): a list in the article that cites its
/// sources, not a list of links.
fn items_say_more(stats: &Stats, list: &stats::Stat) -> bool {
    if !matches!(list.name(), "ul" | "ol") {
        return false;
    }
    let (mut items, mut telling) = (0usize, 0usize);
    for item in list.el.children().filter_map(|c| stats.get(c.id())) {
        if item.name() != "li" || item.chars == 0 {
            continue;
        }
        items += 1;
        if item.chars.saturating_sub(item.links) >= ITEM_OWN_TEXT {
            telling += 1;
        }
    }
    items >= 1 && telling * 2 > items
}

/// Characters beside its links that make a list item say something of its own.
const ITEM_OWN_TEXT: u32 = 20;

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
