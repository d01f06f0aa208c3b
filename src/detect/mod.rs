//! Automatic detection: finds the article list on a section page that has no `select` table.
//!
//! Pure and deterministic: the same page always gives the same candidates in the same order.
//!
//! # How
//!
//! 1. **Structured data.** `<script type="application/ld+json">` blocks are read through
//!    [`crate::html::jsonld`] (serde_json, tolerant of the usual breakage); the URLs of an
//!    `ItemList` (`itemListElement[]` as a string, `.url`, or `.item` / `.item.@id`) and of
//!    `NewsArticle`-like objects (`url` or `mainEntityOfPage`) form a set. When at least three
//!    of them are linked from the page, candidates are multiplied by
//!    `(1 + 2·overlap·coverage)·(0.5 + 0.5·overlap)` (overlap: share of the candidate's links in
//!    the set; coverage: share of the set the candidate holds), so the repeated element that
//!    holds exactly the structured list wins. The list is always expressed with ordinary item
//!    selectors, never with per-URL selectors.
//! 2. **Repeated elements.** Element children of each parent are grouped by tag and class list
//!    (and by tag alone when the class lists differ); elements with the same tag and classes
//!    under parents with the same tag and classes anywhere on the page ("cousins": a grid of
//!    two-card rows, each article in its own wrapper) form groups too. Every group of three or
//!    more members that hold links is a candidate item set. Each is scored on its items:
//!    article-like links (numeric ids, `/news/`, `articleView`, `idxno=`, dates in the path…;
//!    "share this" links to Facebook, X, Naver, Kakao, Band… are no links at all),
//!    headline-like titles, summaries, dates the KST normaliser reads ([`crate::dates`]; a
//!    day-only date whose time of day is printed beside it in another element, unread, counts
//!    half), images and the number of items (saturating); and scored down inside menus, headers,
//!    footers, side columns, pagination, ranking ("많이 본", "인기", "랭킹"…), related and ad
//!    boxes (by tag, class, id, or a heading just before or atop the box), for links to other
//!    sites, repeated links, menu-like short texts, rank numbers, and items that each hold a
//!    whole list.
//! 3. **Selectors.** For the best groups several item selectors are proposed (the item's tag
//!    and classes, alone and behind a `>` chain of its ancestors, anchored at a unique `#id`
//!    where there is one, and a `:nth-child` chain that selects exactly the group); each is run
//!    on the page and the set it *actually* selects is what gets scored, so a candidate's score
//!    always describes what its selector extracts. A selector that also catches the same
//!    structure elsewhere (one list split by an ad into two `<ul>`s) is a candidate of its own.
//!    Of selectors that select the same set, one naming the item's class, then the shortest,
//!    is kept. Classes and ids of any spelling are used, escaped where CSS needs it (Tailwind's
//!    `md:flex` is `.md\:flex`, `w-1/2` is `.w-1\/2`, `1st` is `.\31 st`).
//! 4. **Fields.** Inside the items, selectors for link, title, summary, date and image are
//!    proposed from the elements that hold them in the first items and kept when they find the
//!    right thing in most items (the title and link in all, or the extraction default stays).
//!    Odd items do not count: one linking to another site when most link to this one, one
//!    whose link is not article-like when most are, one whose headline is a `mailto:` or
//!    `javascript:` link, and an article listed twice; of equally good link selectors the one
//!    that finds no link in the odd items wins, which leaves them out of the feed. Dates are
//!    judged by what extraction reads: the element holding a date and its time (a `p.info`
//!    around a `span.date` and a `span.time`) beats the date alone, which beats a clock time.
//!    Finally the distinct links extraction will yield are counted the way
//!    [`crate::extract::extract_list`] finds them; a candidate repeating an earlier one's links
//!    (or a part of the best one's) is dropped. A candidate scoring under
//!    [`LOW_CONFIDENCE`] is marked as a guess, with the reason.
//!
//! [`complete_select`] runs step 4 alone for a `select` that names only `item`.
//!
//! Work is capped (elements walked, groups, selectors run, items looked at, nodes per item),
//! so huge or broken pages cost bounded time, and nothing panics.
//!
//! # Where
//!
//! This file holds the public API ([`detect`], [`Candidate`]), the limits and the pipeline
//! above. The page, parsed once and indexed, is a `PageIndex`; its methods live with the
//! step they serve:
//!
//! * `page`: the index itself (document order, elements by tag, id counts, caches);
//! * `jsonld`: step 1, the URLs JSON-LD lists name;
//! * `groups`: step 2, groups of look-alike elements;
//! * `features`: what one item holds (its article link, headline, summary, date, image);
//! * `timing`: an item's dates as extraction reads them (full, day only, clock only), and
//!   the elements that hold them, best first;
//! * `context`: menu, footer, ranking, related, ad and side-column flags of an item's
//!   surroundings;
//! * `urls`: how article-like a URL is, share links, which site a host belongs to;
//! * `scoring`: the score of a set of items;
//! * `selectors`: step 3, writing (escaping) and running CSS selectors for items and fields;
//! * `fields`: step 4, choosing the field selectors (odd items left out) and counting what
//!   extraction yields;
//! * `confidence`: when a candidate is only a guess, and the note `check` and `build` make;
//! * `complete`: field selectors for a `select` that names only `item` ([`complete_select`]).

mod complete;
mod confidence;
mod context;
mod features;
mod fields;
mod groups;
mod jsonld;
mod page;
mod scoring;
mod selectors;
pub mod shell;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_fields;
mod timing;
mod urls;

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use ego_tree::NodeId;
use scraper::{Html, Selector};
use url::Url;

use crate::config::{split_attr, Field, Select};
use crate::dates::DateContext;

use groups::Group;
use page::PageIndex;
use scoring::Scored;
use selectors::selector_rank;

pub use complete::complete_select;
pub use confidence::LOW_CONFIDENCE;

/// One candidate article list, with selectors that reproduce it through
/// [`extract_list`](crate::extract::extract_list).
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// CSS selector for the items, e.g. `"div.news-list > article.item"`.
    pub item: String,
    /// Field selectors relative to the item, in the `feeds.toml` syntax (`"css"` or
    /// `"css@attr"`); `None` leaves the field to extraction's default.
    pub link: Option<String>,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub date: Option<String>,
    pub image: Option<String>,
    /// Higher is better; only meaningful against other candidates of the same page.
    pub score: f64,
    /// Items the selectors yield through `extract_list` (distinct links).
    pub count: usize,
    /// Short notes on the score, for `feedmill suggest --all`.
    pub reasons: Vec<String>,
    /// Why this list is only a guess, when its score is too low to be sure of it (see
    /// [`LOW_CONFIDENCE`]).
    pub low_confidence: Option<String>,
}

impl Candidate {
    /// Parses the selectors into the [`Select`] that `extract_list` takes.
    pub fn to_select(&self) -> Result<Select, String> {
        let item = Selector::parse(&self.item).map_err(|e| {
            let why = crate::config::explain::selector_error(&self.item, &e);
            format!("select.item: `{}` is not a CSS selector: {why}", self.item)
        })?;
        Ok(Select {
            item,
            item_css: self.item.clone(),
            link: parse_field("link", self.link.as_deref())?,
            title: parse_field("title", self.title.as_deref())?,
            summary: parse_field("summary", self.summary.as_deref())?,
            date: parse_field("date", self.date.as_deref())?,
            image: parse_field("image", self.image.as_deref())?,
            author: None,
            date_format: None,
        })
    }

    /// A ready `[feeds.<id>]` table with its `[feeds.<id>.select]`, in the syntax
    /// [`crate::config::parse`] reads.
    pub fn toml_block(&self, feed_id: &str, title: &str, url: &Url) -> String {
        let id = toml_key(feed_id);
        let mut out = String::new();
        let _ = writeln!(out, "[feeds.{id}]");
        let _ = writeln!(out, "title = {}", toml_string(title));
        let _ = writeln!(out, "url = {}", toml_string(url.as_str()));
        out.push('\n');
        match &self.low_confidence {
            None => {
                let _ = writeln!(
                    out,
                    "# found automatically: {} items, score {:.2}",
                    self.count, self.score
                );
            }
            Some(why) => {
                let _ = writeln!(
                    out,
                    "# a guess, low confidence: {} items, score {:.2} (under {LOW_CONFIDENCE}): {why}; check the items before relying on it",
                    self.count, self.score
                );
            }
        }
        let _ = writeln!(out, "[feeds.{id}.select]");
        let _ = writeln!(out, "item = {}", toml_string(&self.item));
        let fields = [
            ("link", &self.link),
            ("title", &self.title),
            ("summary", &self.summary),
            ("date", &self.date),
            ("image", &self.image),
        ];
        for (key, value) in fields {
            if let Some(spec) = value {
                let _ = writeln!(out, "{key} = {}", toml_string(spec));
            }
        }
        out
    }
}

fn parse_field(key: &str, spec: Option<&str>) -> Result<Option<Field>, String> {
    let Some(spec) = spec else { return Ok(None) };
    let (css, attr) = split_attr(spec);
    let css = Selector::parse(css).map_err(|e| {
        let why = crate::config::explain::selector_error(css, &e);
        format!("select.{key}: `{spec}` is not a CSS selector: {why}")
    })?;
    Ok(Some(Field {
        css,
        attr: attr.map(str::to_string),
    }))
}

/// A bare TOML key when the id allows one, else a quoted key.
pub(crate) fn toml_key(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_');
    if bare {
        key.to_string()
    } else {
        toml_string(key)
    }
}

/// A TOML basic string.
pub(crate) fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

// ---------------------------------------------------------------------------
// Limits
// ---------------------------------------------------------------------------

/// Elements looked at as possible list parents.
const MAX_ELEMENTS: usize = 40_000;
/// Look-alike groups scored.
const MAX_GROUPS: usize = 4_000;
/// Groups that get item selectors proposed and run.
const SHORTLIST: usize = 60;
/// Items of one candidate that are looked at.
const MAX_ITEMS: usize = 300;
/// Elements a selector may match before it is taken for not a list.
const MAX_MATCHES: usize = 20_000;
/// Nodes in one item before it is taken for a container rather than an item.
const MAX_ITEM_NODES: usize = 1_500;
/// Candidates returned.
const MAX_RESULTS: usize = 12;
/// Fewest items a list has.
const MIN_ITEMS: usize = 3;

// ---------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------

/// The items one item selector selects, with their score.
struct SelectedSet {
    /// The item selector.
    item: String,
    /// Document position of the first item, for ties.
    first_position: usize,
    members: Vec<NodeId>,
    scored: Scored,
}

/// Candidates best first. Deterministic: the same page gives the same order, ties broken by
/// document order.
pub fn detect(html: &str, page_url: &Url, ctx: DateContext) -> Vec<Candidate> {
    // Parsing and scoring grow with nesting depth; refuse absurd pages, as extraction does.
    if crate::html::nesting_depth(html) > crate::html::MAX_NESTING {
        return Vec::new();
    }
    let doc = Html::parse_document(html);
    // 1. the URLs JSON-LD lists name are read with the index
    let mut page = PageIndex::new(&doc, page_url, ctx);

    // 2. look-alike groups, scored on their own members
    let groups = page.look_alike_groups();
    let mut shortlist: Vec<(f64, usize, &Group)> = Vec::new();
    for group in &groups {
        if let Some(scored) = page.score_items(&group.members) {
            if scored.score > 0.0 {
                shortlist.push((scored.score, page.position(group.members[0]), group));
            }
        }
    }
    shortlist.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    shortlist.truncate(SHORTLIST);
    // a group far below the best cannot catch up by widening (the count bonus saturates)
    let floor = shortlist.first().map_or(0.0, |best| best.0 / 8.0);
    shortlist.retain(|entry| entry.0 >= floor);

    // 3. item selectors for the best groups; what each selects is what gets scored
    let mut sets: Vec<SelectedSet> = Vec::new();
    let mut set_of_members: HashMap<Vec<NodeId>, usize> = HashMap::new();
    let mut tried: HashSet<String> = HashSet::new();
    for (_, _, group) in &shortlist {
        for sel in page.item_selectors(group) {
            if !tried.insert(sel.clone()) {
                continue;
            }
            let Some(members) = page.select_items(&sel, &group.tag) else {
                continue;
            };
            match set_of_members.get(&members) {
                Some(&index) => {
                    // the same set: keep the item named by a class, then the shorter selector
                    let old = &mut sets[index].item;
                    if selector_rank(&sel) < selector_rank(old) {
                        *old = sel;
                    }
                }
                None => {
                    let Some(scored) = page.score_items(&members) else {
                        continue;
                    };
                    set_of_members.insert(members.clone(), sets.len());
                    sets.push(SelectedSet {
                        item: sel,
                        first_position: page.position(members[0]),
                        members,
                        scored,
                    });
                }
            }
        }
    }
    sets.retain(|set| set.scored.score > 0.0);
    sets.sort_by(|a, b| {
        b.scored
            .score
            .total_cmp(&a.scored.score)
            .then(a.first_position.cmp(&b.first_position))
            .then(a.item.cmp(&b.item))
    });
    sets.truncate(MAX_RESULTS * 2);

    // 4. fields, then what extraction will yield; a list already offered, or a part of the
    // best one, is not offered again
    let mut out = Vec::new();
    let mut offered: Vec<HashSet<Url>> = Vec::new();
    for set in sets {
        let mut cand = page.candidate(&set);
        if cand.to_select().is_err() {
            continue;
        }
        let links = page.yielded_links(&set.members, cand.link.as_deref());
        cand.count = links.len();
        let repeated =
            offered.contains(&links) || offered.first().is_some_and(|best| links.is_subset(best));
        if cand.count == 0 || repeated {
            continue;
        }
        offered.push(links);
        cand.low_confidence = confidence::doubt(&cand);
        out.push((set.first_position, cand));
        if out.len() == MAX_RESULTS {
            break;
        }
    }
    out.sort_by(|a, b| {
        b.1.score
            .total_cmp(&a.1.score)
            .then(a.0.cmp(&b.0))
            .then(a.1.item.cmp(&b.1.item))
    });
    out.into_iter().map(|(_, cand)| cand).collect()
}
