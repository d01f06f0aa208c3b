//! Automatic detection: finds the article list on a section page that has no `select` table.
//!
//! Pure and deterministic: the same page always gives the same candidates in the same order.
//!
//! # How
//!
//! 1. **Structured data.** `<script type="application/ld+json">` blocks are read with a small
//!    tolerant JSON reader (there is no JSON crate in the dependencies); the URLs of an
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
//!    article-like links (numeric ids, `/news/`, `articleView`, `idxno=`, dates in the path…),
//!    headline-like titles, summaries, dates the KST normaliser reads ([`crate::dates`]),
//!    images and the number of items (saturating); and scored down inside menus, headers,
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
//!    is kept.
//! 4. **Fields.** Inside the items, selectors for link, title, summary, date and image are
//!    proposed from the elements that hold them in the first items and kept when they find the
//!    right thing in most items (the title and link in all, or the extraction default stays).
//!    Finally the distinct links extraction will yield are counted the way
//!    [`crate::extract::extract_list`] finds them; a candidate repeating an earlier one's links
//!    (or a part of the best one's) is dropped.
//!
//! Work is capped (elements walked, groups, selectors run, items looked at, nodes per item),
//! so huge or broken pages cost bounded time, and nothing panics.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::sync::LazyLock;

use ego_tree::NodeId;
use regex::Regex;
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;
use url::Url;

use crate::config::{split_attr, Field, Select};
use crate::dates;
use crate::extract::DateContext;
use crate::html::{collapse_ws, jsonld, resolve_link, text_of, time_text};

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
}

impl Candidate {
    /// Parses the selectors into the [`Select`] that `extract_list` takes.
    pub fn to_select(&self) -> Result<Select, String> {
        let item = Selector::parse(&self.item).map_err(|e| {
            // Not `{e}`: scraper 0.20's Display of some selector errors panics.
            let why = crate::config::explain::selector_error(&e);
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
        let _ = writeln!(
            out,
            "# found automatically: {} items, score {:.2}",
            self.count, self.score
        );
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
            if let Some(v) = value {
                let _ = writeln!(out, "{key} = {}", toml_string(v));
            }
        }
        out
    }
}

fn parse_field(key: &str, spec: Option<&str>) -> Result<Option<Field>, String> {
    let Some(spec) = spec else { return Ok(None) };
    let (css, attr) = split_attr(spec);
    let css = Selector::parse(css).map_err(|e| {
        let why = crate::config::explain::selector_error(&e);
        format!("select.{key}: `{spec}` is not a CSS selector: {why}")
    })?;
    Ok(Some(Field {
        css,
        attr: attr.map(str::to_string),
    }))
}

/// A bare TOML key when the id allows one, else a quoted key.
fn toml_key(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if bare {
        key.to_string()
    } else {
        toml_string(key)
    }
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
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
/// Sibling groups scored.
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

/// Candidates best first. Deterministic: the same page gives the same order, ties broken by
/// document order.
pub fn detect(html: &str, page_url: &Url, ctx: DateContext) -> Vec<Candidate> {
    // Parsing and scoring grow with nesting depth; refuse absurd pages, as extraction does.
    if crate::html::nesting_depth(html) > crate::html::MAX_NESTING {
        return Vec::new();
    }
    let doc = Html::parse_document(html);
    let mut page = Page::new(&doc, page_url, ctx);

    // 1. sibling groups, scored on their own members
    let groups = page.sibling_groups();
    let mut pre: Vec<(f64, usize, &Group)> = Vec::new();
    for g in &groups {
        if let Some(s) = page.score(&g.members) {
            if s.score > 0.0 {
                pre.push((s.score, page.order(g.members[0]), g));
            }
        }
    }
    pre.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    pre.truncate(SHORTLIST);
    // a group far below the best cannot catch up by widening (the count bonus saturates)
    let floor = pre.first().map_or(0.0, |p| p.0 / 8.0);
    pre.retain(|p| p.0 >= floor);

    // 2. item selectors for the best groups; what each selects is what gets scored
    let mut sets: Vec<Evaluated> = Vec::new();
    let mut seen: HashMap<Vec<NodeId>, usize> = HashMap::new();
    let mut tried: HashSet<String> = HashSet::new();
    for (_, _, group) in &pre {
        for sel in page.item_selectors(group) {
            if !tried.insert(sel.clone()) {
                continue;
            }
            let Some(members) = page.run(&sel, &group.tag) else {
                continue;
            };
            match seen.get(&members) {
                Some(&i) => {
                    // the same set: keep the item named by a class, then the shorter selector
                    let old = &mut sets[i].item;
                    if selector_rank(&sel) < selector_rank(old) {
                        *old = sel;
                    }
                }
                None => {
                    let Some(scored) = page.score(&members) else {
                        continue;
                    };
                    seen.insert(members.clone(), sets.len());
                    sets.push(Evaluated {
                        item: sel,
                        first: page.order(members[0]),
                        members,
                        scored,
                    });
                }
            }
        }
    }
    sets.retain(|s| s.scored.score > 0.0);
    sets.sort_by(|a, b| {
        b.scored
            .score
            .total_cmp(&a.scored.score)
            .then(a.first.cmp(&b.first))
            .then(a.item.cmp(&b.item))
    });
    sets.truncate(MAX_RESULTS * 2);

    // 3. fields, then what extraction will yield; a list already offered, or a part of the
    // best one, is not offered again
    let mut out = Vec::new();
    let mut offered: Vec<HashSet<Url>> = Vec::new();
    for set in sets {
        let mut cand = page.fields(&set);
        if cand.to_select().is_err() {
            continue;
        }
        let links = page.yielded(&set.members, cand.link.as_deref());
        cand.count = links.len();
        let repeated =
            offered.contains(&links) || offered.first().is_some_and(|best| links.is_subset(best));
        if cand.count == 0 || repeated {
            continue;
        }
        offered.push(links);
        out.push((set.first, cand));
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
    out.into_iter().map(|(_, c)| c).collect()
}

// ---------------------------------------------------------------------------
// The page
// ---------------------------------------------------------------------------

/// Elements that look alike: siblings, or cousins under look-alike parents.
struct Group {
    /// The first member's parent, where item selectors start.
    parent: NodeId,
    members: Vec<NodeId>,
    /// The members' tag, usable in a selector.
    tag: String,
    /// Classes all members share, in the first member's order.
    classes: Vec<String>,
    /// `tag.class…` of those.
    compound: String,
}

/// An item set selected by a selector, with its score.
struct Evaluated {
    item: String,
    first: usize,
    members: Vec<NodeId>,
    scored: Scored,
}

/// What scoring found.
#[derive(Debug, Clone)]
struct Scored {
    score: f64,
    reasons: Vec<String>,
}

/// What one item holds.
#[derive(Debug, Clone, Default)]
struct ItemFeat {
    /// The article link: the most common article-like href.
    link: Option<Url>,
    link_score: f64,
    same_site: bool,
    /// The headline: a heading's text at the article link, else the link's text.
    title: String,
    title_len: usize,
    /// Distinct article-like links in the item.
    article_links: usize,
    summary: bool,
    date: bool,
    image: bool,
    /// The item's text starts with a small number (a rank).
    ranked: bool,
    /// Too large to be one item.
    huge: bool,
    /// No text, no link, no image: a spacer row or an empty slot.
    empty: bool,
}

struct Page<'a> {
    doc: &'a Html,
    page_url: &'a Url,
    base: Url,
    ctx: DateContext,
    site: Option<String>,
    /// How many elements carry each id.
    ids: HashMap<String, usize>,
    /// Document order of every element.
    order: HashMap<NodeId, usize>,
    /// Every element by tag name, in document order.
    by_tag: HashMap<String, Vec<NodeId>>,
    /// Canonical URLs named by JSON-LD lists, when at least three are linked from the page.
    structured: HashSet<Url>,
    feats: HashMap<NodeId, ItemFeat>,
    inherited: HashMap<NodeId, u16>,
    headed: HashMap<(NodeId, String), u16>,
}

static A_HREF: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("a[href]").expect("static selector"));
static DATE_IN_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:19|20)\d{2}[/\-_.]?(?:0[1-9]|1[0-2])[/\-_.]?(?:0[1-9]|[12]\d|3[01])")
        .expect("static regex")
});

impl<'a> Page<'a> {
    fn new(doc: &'a Html, page_url: &'a Url, ctx: DateContext) -> Page<'a> {
        let base = crate::html::base_url(doc, page_url);
        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut order = HashMap::new();
        let mut by_tag: HashMap<String, Vec<NodeId>> = HashMap::new();
        for (i, node) in doc.tree.root().descendants().enumerate() {
            if let Some(el) = ElementRef::wrap(node) {
                order.insert(node.id(), i);
                by_tag
                    .entry(el.value().name().to_string())
                    .or_default()
                    .push(node.id());
                if let Some(id) = el.value().id() {
                    *ids.entry(id.to_string()).or_default() += 1;
                }
            }
        }
        let mut page = Page {
            doc,
            page_url,
            site: site_of(&base),
            base,
            ctx,
            ids,
            order,
            by_tag,
            structured: HashSet::new(),
            feats: HashMap::new(),
            inherited: HashMap::new(),
            headed: HashMap::new(),
        };
        page.structured = page.structured_links();
        page
    }

    fn order(&self, id: NodeId) -> usize {
        self.order.get(&id).copied().unwrap_or(usize::MAX)
    }

    fn element(&self, id: NodeId) -> Option<ElementRef<'a>> {
        self.doc.tree.get(id).and_then(ElementRef::wrap)
    }

    /// URLs of JSON-LD item lists (and article lists) that the page links to.
    fn structured_links(&self) -> HashSet<Url> {
        let mut named = Vec::new();
        for script in jsonld::scripts(self.doc) {
            let text: String = script.text().collect();
            for value in &jsonld::parse(&text) {
                list_urls(value, &mut named, 0);
            }
        }
        let named: HashSet<Url> = named
            .iter()
            .filter_map(|u| resolve_link(u, &self.base))
            .filter(|u| u != self.page_url)
            .collect();
        if named.len() < MIN_ITEMS {
            return HashSet::new();
        }
        let linked: HashSet<Url> = self
            .doc
            .select(&A_HREF)
            .filter_map(|a| resolve_link(a.value().attr("href")?, &self.base))
            .filter(|u| named.contains(u))
            .collect();
        if linked.len() >= MIN_ITEMS {
            linked
        } else {
            HashSet::new()
        }
    }

    // -- grouping ------------------------------------------------------------

    /// Groups of look-alike elements: siblings with the same tag and classes (or the same tag),
    /// and "cousins", elements with the same tag and classes under look-alike parents anywhere
    /// on the page (a grid of two-card rows, articles each in its own wrapper).
    fn sibling_groups(&self) -> Vec<Group> {
        let mut groups = Vec::new();
        let mut cousins: Vec<(Vec<ElementRef>, HashSet<NodeId>)> = Vec::new();
        let mut cousin_index: HashMap<String, usize> = HashMap::new();
        let root = self.doc.root_element();
        for parent in std::iter::once(root)
            .chain(root.descendent_elements())
            .take(MAX_ELEMENTS)
        {
            if skip_tag(parent.value().name()) {
                continue;
            }
            let parent_key = class_key(parent);
            // (key, members) in first-seen order; and the same by tag alone
            let mut by_key: Vec<(String, Vec<ElementRef>)> = Vec::new();
            let mut by_tag: Vec<(&str, Vec<ElementRef>, HashSet<String>)> = Vec::new();
            for child in parent.child_elements() {
                let tag = child.value().name();
                if skip_tag(tag) {
                    continue;
                }
                let key = class_key(child);
                // cousins need a class to go by: "li > a" across a page is no list
                if !key.ends_with('|') || !parent_key.ends_with('|') {
                    let cousin_key = format!("{parent_key}>{key}");
                    let i = *cousin_index.entry(cousin_key).or_insert_with(|| {
                        cousins.push((Vec::new(), HashSet::new()));
                        cousins.len() - 1
                    });
                    if cousins[i].0.len() < MAX_MATCHES {
                        cousins[i].0.push(child);
                        cousins[i].1.insert(parent.id());
                    }
                }
                match by_key.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, m)) => m.push(child),
                    None => by_key.push((key.clone(), vec![child])),
                }
                match by_tag.iter_mut().find(|(t, _, _)| *t == tag) {
                    Some((_, m, keys)) => {
                        m.push(child);
                        keys.insert(key);
                    }
                    None => by_tag.push((tag, vec![child], HashSet::from([key]))),
                }
                if by_key.len() > 64 {
                    break;
                }
            }
            for (_, members) in by_key {
                if members.len() >= MIN_ITEMS {
                    groups.push(self.group(parent, members));
                }
            }
            for (_, members, keys) in by_tag {
                if members.len() >= MIN_ITEMS && keys.len() > 1 {
                    groups.push(self.group(parent, members));
                }
            }
            if groups.len() >= MAX_GROUPS {
                break;
            }
        }
        for (members, parents) in cousins {
            if groups.len() >= MAX_GROUPS {
                break;
            }
            if members.len() >= MIN_ITEMS && parents.len() > 1 {
                if let Some(parent) = members[0].parent().and_then(ElementRef::wrap) {
                    groups.push(self.group(parent, members));
                }
            }
        }
        groups
    }

    fn group(&self, parent: ElementRef, members: Vec<ElementRef>) -> Group {
        let first = members[0];
        let mut common: Vec<&str> = classes(first);
        for m in &members[1..] {
            let theirs = classes(*m);
            common.retain(|c| theirs.contains(c));
        }
        let tag = tag_of(first).to_string();
        let mut compound = tag.clone();
        for c in &common {
            compound.push('.');
            compound.push_str(c);
        }
        Group {
            parent: parent.id(),
            members: members.iter().map(|m| m.id()).collect(),
            tag,
            classes: common.iter().map(|c| c.to_string()).collect(),
            compound,
        }
    }

    /// Item selectors for a group, simplest first. Each is run and compared by what it
    /// selects; among selectors of the same set the shortest is kept.
    fn item_selectors(&self, group: &Group) -> Vec<String> {
        let mut out = Vec::new();
        let Some(parent) = self.element(group.parent) else {
            return out;
        };
        let full = group.compound.clone();
        // fewer classes read better and survive restyling: "article" over "article.post.hentry…"
        let mut variants: Vec<String> = vec![group.tag.clone()];
        if let Some(first) = group.classes.first() {
            variants.push(format!("{}.{first}", group.tag));
        }
        variants.push(full.clone());
        variants.dedup();
        for v in variants.iter().filter(|v| v.contains('.')) {
            out.push(v.clone());
        }
        // ancestors from the parent up, stopping at a unique id
        let mut chain: Vec<ElementRef> = Vec::new();
        let mut anchored = false;
        let mut at = Some(parent);
        while let Some(el) = at {
            if chain.len() == 6 || el.value().name() == "html" {
                break;
            }
            chain.push(el);
            if self.unique_id(el).is_some() {
                anchored = true;
                break;
            }
            at = el.parent().and_then(ElementRef::wrap);
        }
        if chain.is_empty() {
            return out;
        }
        let steps: Vec<String> = chain.iter().map(|e| self.step(*e)).collect();
        let join = |steps: &[String], item: &str| {
            let mut s = steps.iter().rev().cloned().collect::<Vec<_>>().join(" > ");
            s.push_str(" > ");
            s.push_str(item);
            s
        };
        for k in 1..=steps.len() {
            if k <= 2 {
                for v in &variants {
                    out.push(join(&steps[..k], v));
                }
            } else {
                out.push(join(&steps[..k], &full));
            }
        }
        // an id further up, as a descendant combinator: "div#list ul.type2 > li"
        if !anchored {
            let mut up = chain
                .last()
                .and_then(|e| e.parent())
                .and_then(ElementRef::wrap);
            let mut hops = 0;
            while let Some(el) = up {
                if hops == 10 || el.value().name() == "html" {
                    break;
                }
                if self.unique_id(el).is_some() {
                    for v in &variants {
                        out.push(format!("{} {} > {v}", self.step(el), steps[0]));
                    }
                    break;
                }
                hops += 1;
                up = el.parent().and_then(ElementRef::wrap);
            }
        }
        // exactly this sibling group: :nth-child on the chain, from the parent up
        let mut nth: Vec<String> = steps.clone();
        for (i, el) in chain.iter().enumerate() {
            if self.unique_id(*el).is_some() {
                break;
            }
            nth[i] = format!("{}:nth-child({})", steps[i], child_index(*el));
            out.push(join(&nth, &full));
        }
        out
    }

    /// `tag#id` for an element with a unique id, else `tag.class…`.
    fn step(&self, el: ElementRef) -> String {
        match self.unique_id(el) {
            Some(id) => format!("{}#{id}", tag_of(el)),
            None => {
                let mut s = tag_of(el).to_string();
                for c in classes(el).into_iter().take(2) {
                    s.push('.');
                    s.push_str(c);
                }
                s
            }
        }
    }

    fn unique_id(&self, el: ElementRef<'a>) -> Option<&'a str> {
        let id = el.value().id()?;
        (is_ident(id) && self.ids.get(id) == Some(&1)).then_some(id)
    }

    /// Runs an item selector; `None` when it does not parse, matches too few or too many
    /// elements, or matches elements nested in one another.
    ///
    /// Every proposal ends in the group's tag, so only elements of that tag are tried.
    fn run(&self, sel: &str, tag: &str) -> Option<Vec<NodeId>> {
        let selector = Selector::parse(sel).ok()?;
        let mut members: Vec<ElementRef> = Vec::new();
        let mut add = |el: ElementRef<'a>| {
            members.push(el);
            members.len() <= MAX_MATCHES
        };
        match self.by_tag.get(tag) {
            Some(ids) if tag != "*" => {
                for el in ids.iter().filter_map(|&id| self.element(id)) {
                    if selector.matches(&el) && !add(el) {
                        return None;
                    }
                }
            }
            _ => {
                for el in self.doc.select(&selector) {
                    if !add(el) {
                        return None;
                    }
                }
            }
        }
        if members.len() < MIN_ITEMS {
            return None;
        }
        let set: HashSet<NodeId> = members.iter().map(|m| m.id()).collect();
        for m in &members {
            if m.ancestors().take(64).any(|a| set.contains(&a.id())) {
                return None;
            }
        }
        Some(members.iter().map(|m| m.id()).collect())
    }

    /// The distinct links extraction yields for these items with this link field (as
    /// [`crate::extract::extract_list`] finds them: the field's element's href or attribute, else its
    /// first link; without a field the item itself when it is a link, else its first link).
    fn yielded(&self, members: &[NodeId], link: Option<&str>) -> HashSet<Url> {
        let field = link.map(|spec| {
            let (css, attr) = split_attr(spec);
            (Selector::parse(css).ok(), attr)
        });
        let mut links = HashSet::new();
        for item in members.iter().filter_map(|&id| self.element(id)) {
            let url = match &field {
                None => default_link(item, &self.base),
                Some((None, _)) => None,
                Some((Some(css), attr)) => item.select(css).next().and_then(|el| match attr {
                    Some(attr) => resolve_link(el.value().attr(attr)?, &self.base),
                    None => link_of(el, &self.base),
                }),
            };
            links.extend(url);
        }
        links
    }

    // -- features ------------------------------------------------------------

    fn feat(&mut self, id: NodeId) -> ItemFeat {
        if let Some(f) = self.feats.get(&id) {
            return f.clone();
        }
        let f = self
            .element(id)
            .map(|el| self.compute_feat(el))
            .unwrap_or_default();
        self.feats.insert(id, f.clone());
        f
    }

    fn compute_feat(&self, item: ElementRef) -> ItemFeat {
        let mut f = ItemFeat::default();
        if item.descendants().nth(MAX_ITEM_NODES).is_some() {
            f.huge = true;
            return f;
        }
        // links, grouped by URL in first-seen order
        struct Target {
            url: Url,
            score: f64,
            anchors: usize,
            text: String,
        }
        let mut targets: Vec<Target> = Vec::new();
        for (url, a) in anchors(item, &self.base) {
            let text = text_of(a);
            match targets.iter_mut().find(|t| t.url == url) {
                Some(t) => {
                    t.anchors += 1;
                    if text.chars().count() > t.text.chars().count() {
                        t.text = text;
                    }
                }
                None => targets.push(Target {
                    score: url_score(&url, self.page_url),
                    url,
                    anchors: 1,
                    text,
                }),
            }
        }
        let Some(top) = targets.iter().map(|t| t.score).reduce(f64::max) else {
            f.empty = text_of(item).is_empty() && first_img(item).is_none();
            return f;
        };
        let mut best: Option<&Target> = None;
        for t in targets.iter().filter(|t| t.score >= top - 0.15) {
            let better = match best {
                None => true,
                Some(b) => {
                    (t.anchors, t.text.chars().count()) > (b.anchors, b.text.chars().count())
                }
            };
            if better {
                best = Some(t);
            }
        }
        let Some(best) = best else { return f };
        f.article_links = targets.iter().filter(|t| t.score >= 0.5).count();
        f.link_score = best.score;
        f.same_site = same_site(&self.site, &best.url);
        f.title = headline_text(item, &best.url, &self.base).unwrap_or_else(|| best.text.clone());
        f.link = Some(best.url.clone());
        if f.title.is_empty() {
            // as extraction does: a title attribute or an image's alt
            f.title = anchors(item, &self.base)
                .into_iter()
                .filter(|(u, _)| Some(u) == f.link.as_ref())
                .find_map(|(_, a)| {
                    a.value()
                        .attr("title")
                        .or_else(|| first_img(a).and_then(|i| i.value().attr("alt")))
                        .map(collapse_ws)
                        .filter(|t| !t.is_empty())
                })
                .unwrap_or_default();
        }
        f.title_len = f.title.chars().count();
        f.summary = !summary_targets(item, &f.title, self.ctx).is_empty();
        f.date = !date_targets(item, &f.title, self.ctx).is_empty();
        f.image = item
            .descendent_elements()
            .any(|e| e.value().name() == "img" && usable_image(e));
        f.ranked = starts_with_rank(&text_of(item));
        f
    }

    /// Menu, ranking, ad… flags of an item: its own, its ancestors', and headings near it.
    fn context(&mut self, id: NodeId) -> u16 {
        let Some(el) = self.element(id) else { return 0 };
        let parent = el.parent().map(|p| p.id());
        let mut flags = own_flags(el);
        if let Some(p) = parent {
            flags |= self.inherited_flags(p);
            flags |= self.heading_flags(p, el.value().name());
        }
        flags
    }

    fn inherited_flags(&mut self, id: NodeId) -> u16 {
        if let Some(&f) = self.inherited.get(&id) {
            return f;
        }
        // walk up to a known ancestor, then fill in downwards
        let mut path = Vec::new();
        let mut at = self.doc.tree.get(id);
        let mut above = 0;
        while let Some(node) = at {
            if let Some(&f) = self.inherited.get(&node.id()) {
                above = f;
                break;
            }
            path.push(node);
            at = node.parent();
        }
        let mut flags = above;
        for node in path.into_iter().rev() {
            if let Some(el) = ElementRef::wrap(node) {
                flags |= own_flags(el);
            }
            self.inherited.insert(node.id(), flags);
        }
        flags
    }

    /// Headings just before or at the top of the item's parent and two more ancestors.
    fn heading_flags(&mut self, parent: NodeId, item_tag: &str) -> u16 {
        let key = (parent, item_tag.to_string());
        if let Some(&f) = self.headed.get(&key) {
            return f;
        }
        let mut flags = 0;
        let mut at = self.element(parent);
        for _ in 0..3 {
            let Some(el) = at else { break };
            if let Some(prev) = el.prev_siblings().find_map(ElementRef::wrap) {
                if is_heading(prev) {
                    flags |= heading_words(&text_of(prev));
                }
            }
            for child in el.child_elements().take(3) {
                if child.value().name() != item_tag && is_heading(child) {
                    flags |= heading_words(&text_of(child));
                }
            }
            at = el.parent().and_then(ElementRef::wrap);
        }
        self.headed.insert(key, flags);
        flags
    }

    // -- scoring ---------------------------------------------------------------

    fn score(&mut self, members: &[NodeId]) -> Option<Scored> {
        let members = &members[..members.len().min(MAX_ITEMS)];
        let mut feats = Vec::with_capacity(members.len());
        let mut ctx_factor = 0.0;
        let mut flags_seen = 0u16;
        let mut empty = 0;
        for &m in members {
            let f = self.feat(m);
            empty += usize::from(f.empty);
            if f.link.is_some() {
                let flags = self.context(m);
                flags_seen |= flags;
                ctx_factor += context_factor(flags);
                feats.push(f);
            }
        }
        let linked = feats.len();
        if linked < MIN_ITEMS {
            return None;
        }
        let n_f = linked as f64;
        let mut distinct: Vec<&Url> = feats.iter().filter_map(|f| f.link.as_ref()).collect();
        distinct.sort();
        distinct.dedup();
        let n = distinct.len();
        if n < MIN_ITEMS {
            return None;
        }
        let mean = |g: &dyn Fn(&ItemFeat) -> f64| feats.iter().map(g).sum::<f64>() / n_f;
        let frac = |g: &dyn Fn(&ItemFeat) -> bool| mean(&|f| f64::from(u8::from(g(f))));
        let art = mean(&|f| f.link_score);
        let head = mean(&|f| headline(f.title_len));
        let summ = frac(&|f| f.summary);
        let date = frac(&|f| f.date);
        let img = frac(&|f| f.image);
        let off = frac(&|f| !f.same_site);
        let short = frac(&|f| f.title_len < 6);
        let ranked = frac(&|f| f.ranked);
        let huge = frac(&|f| f.huge);
        let per_item = mean(&|f| f.article_links as f64);
        let ctx = ctx_factor / n_f;
        let distinct_ratio = n as f64 / n_f;
        // spacer rows between table rows do not count against a list
        let link_rate = n_f / (members.len() - empty).max(1) as f64;

        let base = 1.0 * art + 0.8 * head + 0.45 * summ + 0.45 * date + 0.3 * img;
        let mut score = base;
        score *= distinct_ratio * distinct_ratio;
        score *= 1.0 - 0.7 * off;
        score *= 1.0 - 0.8 * short;
        score *= 1.0 - 0.4 * ranked;
        score *= 1.0 - huge;
        score *= link_rate.sqrt();
        score *= ctx;
        let container = if per_item > 2.5 { 2.5 / per_item } else { 1.0 };
        score *= container;
        score *= 1.0 - (-(n as f64) / 6.0).exp();

        let mut reasons = vec![
            format!("{n} items with distinct links"),
            format!("article-like links {}", pct(art)),
            format!("headline-like titles {}", pct(head)),
        ];
        for (what, v) in [("summaries", summ), ("dates", date), ("images", img)] {
            if v > 0.0 {
                reasons.push(format!("{what} {}", pct(v)));
            }
        }
        if !self.structured.is_empty() {
            let hits = distinct
                .iter()
                .filter(|u| self.structured.contains(**u))
                .count();
            if hits > 0 {
                let overlap = hits as f64 / n as f64;
                let coverage = hits as f64 / self.structured.len() as f64;
                // up for naming the listed articles, down for mixing in others
                score *= (1.0 + 2.0 * overlap * coverage) * (0.5 + 0.5 * overlap);
                reasons.push(format!(
                    "JSON-LD list: {hits} of its {} links",
                    self.structured.len()
                ));
            }
        }
        for (flag, what) in FLAG_NAMES {
            if flags_seen & flag != 0 {
                reasons.push(format!("inside {what} (down)"));
            }
        }
        if off > 0.0 {
            reasons.push(format!("links to other sites {} (down)", pct(off)));
        }
        if distinct_ratio < 0.99 {
            reasons.push(format!("repeated links: {n} distinct of {linked} (down)"));
        }
        if short > 0.0 {
            reasons.push(format!("menu-like short texts {} (down)", pct(short)));
        }
        if ranked > 0.0 {
            reasons.push(format!("numbered like a ranking {} (down)", pct(ranked)));
        }
        if container < 1.0 {
            reasons.push(format!(
                "each item holds {per_item:.1} article links: a container (down)"
            ));
        }
        if huge > 0.0 {
            reasons.push("items too large to be articles (down)".into());
        }
        if link_rate < 0.99 {
            reasons.push(format!(
                "members without a link {} (down)",
                pct(1.0 - link_rate)
            ));
        }
        Some(Scored { score, reasons })
    }

    // -- fields ----------------------------------------------------------------

    fn fields(&mut self, set: &Evaluated) -> Candidate {
        let mut items: Vec<(ElementRef<'a>, ItemFeat)> = Vec::new();
        for &m in set.members.iter().take(MAX_ITEMS) {
            let f = self.feat(m);
            if f.link.is_some() {
                if let Some(el) = self.element(m) {
                    items.push((el, f));
                }
            }
        }
        let sample = &items[..items.len().min(10)];
        let need_half = items.len().div_ceil(2).max(1);
        let base = self.base.clone();
        let ctx = self.ctx;

        // link
        let item_is_anchor = set.item.rsplit(['>', ' ']).next().is_some_and(|s| {
            s.trim()
                .split(['.', ':', '#', '['])
                .next()
                .is_some_and(|t| t == "a")
        });
        let link_ok = |_: ElementRef, f: &ItemFeat, el: Option<ElementRef>| {
            el.and_then(|e| link_of(e, &base)) == f.link
        };
        let default_link_hits = items
            .iter()
            .filter(|(item, f)| default_link(*item, &base) == f.link)
            .count();
        let mut link = None;
        if !item_is_anchor || default_link_hits < items.len() {
            let mut props = Vec::new();
            for (item, f) in sample {
                let mut targets = Vec::new();
                for (url, a) in anchors(*item, &base) {
                    if Some(&url) != f.link.as_ref() || a.id() == item.id() {
                        continue;
                    }
                    // wrappers whose first link is this one, innermost first: "h4.titles"
                    let wrappers: Vec<ElementRef> = a
                        .ancestors()
                        .take_while(|n| n.id() != item.id())
                        .filter_map(ElementRef::wrap)
                        .filter(|w| default_link(*w, &base).as_ref() == Some(&url))
                        .filter(|w| is_heading(*w) || w.value().name() == "p")
                        .collect();
                    targets.extend(wrappers);
                    targets.push(a);
                }
                props.extend(relative_selectors(*item, &targets));
            }
            if let Some((sel, hits)) = best_field(&items, props, link_ok) {
                if hits >= default_link_hits && hits > 0 {
                    link = Some(sel);
                }
            }
        }

        // title: an element whose text is the title in every item, else the default
        let title_ok = |_: ElementRef, f: &ItemFeat, el: Option<ElementRef>| {
            el.is_some_and(|e| !f.title.is_empty() && text_of(e) == f.title)
        };
        let mut props = Vec::new();
        for (item, f) in sample {
            if f.title.is_empty() {
                continue;
            }
            let mut heads = Vec::new();
            let mut rest = Vec::new();
            for el in item.descendent_elements() {
                if text_of(el) != f.title {
                    continue;
                }
                if is_heading(el) {
                    heads.push(el);
                } else {
                    rest.push(el);
                }
            }
            heads.extend(rest);
            props.extend(relative_selectors(*item, &heads));
        }
        let title = best_field(&items, props, title_ok)
            .filter(|(_, hits)| *hits == items.len())
            .map(|(s, _)| s);

        // summary
        let summary_ok = |_: ElementRef, f: &ItemFeat, el: Option<ElementRef>| {
            el.is_some_and(|e| is_summary_text(&text_of(e), &f.title, ctx))
        };
        let mut props = Vec::new();
        for (item, f) in sample {
            let targets = summary_targets(*item, &f.title, ctx);
            props.extend(relative_selectors(*item, &targets[..targets.len().min(2)]));
        }
        let summary = best_field(&items, props, summary_ok)
            .filter(|(_, hits)| *hits >= need_half)
            .map(|(s, _)| s);

        // date
        let date_ok = |_: ElementRef, _: &ItemFeat, el: Option<ElementRef>| {
            el.and_then(time_text)
                .is_some_and(|t| dates::parse(&t, ctx.fetched_at, ctx.zone).is_some())
        };
        let mut props = Vec::new();
        for (item, f) in sample {
            let targets = date_targets(*item, &f.title, ctx);
            props.extend(relative_selectors(*item, &targets[..targets.len().min(2)]));
        }
        let date = best_field(&items, props, date_ok)
            .filter(|(_, hits)| *hits >= need_half)
            .map(|(s, _)| s);

        // image
        let image_ok = |_: ElementRef, _: &ItemFeat, el: Option<ElementRef>| {
            el.is_some_and(|e| {
                if e.value().name() == "img" {
                    usable_image(e)
                } else {
                    first_img(e).is_some_and(usable_image)
                }
            })
        };
        let mut props = Vec::new();
        for (item, _) in sample {
            let targets: Vec<ElementRef> = item
                .descendent_elements()
                .filter(|e| e.value().name() == "img" && usable_image(*e))
                .take(1)
                .collect();
            props.extend(relative_selectors(*item, &targets));
        }
        let image = best_field(&items, props, image_ok)
            .filter(|(_, hits)| *hits >= need_half)
            .map(|(s, _)| s);

        let mut reasons = set.scored.reasons.clone();
        if link.is_none() && title.is_none() && summary.is_none() && date.is_none() {
            reasons.push("fields: extraction defaults only".into());
        }
        Candidate {
            item: set.item.clone(),
            link,
            title,
            summary,
            date,
            image,
            score: set.scored.score,
            count: 0,
            reasons,
        }
    }
}

/// Which of two item selectors that select the same elements reads better (smaller is
/// better): one whose last step names a class ("div.row > div.card" over "div.row > div"),
/// then the shorter, then the smaller.
fn selector_rank(sel: &str) -> (bool, usize, &str) {
    let last = sel.rsplit([' ', '>']).next().unwrap_or(sel);
    (!last.contains('.'), sel.len(), sel)
}

/// Of the proposed field selectors, the one that finds the right thing in the most items
/// (the earliest, i.e. simplest, on ties), with its hit count.
fn best_field<'a>(
    items: &[(ElementRef<'a>, ItemFeat)],
    mut props: Vec<(u8, String)>,
    ok: impl Fn(ElementRef<'a>, &ItemFeat, Option<ElementRef<'a>>) -> bool,
) -> Option<(String, usize)> {
    // stable: simpler levels first, first-proposed first within a level
    props.sort_by_key(|(level, _)| *level);
    let mut seen = HashSet::new();
    let mut best: Option<(String, usize)> = None;
    for (_, sel) in props {
        if !seen.insert(sel.clone()) || seen.len() > 80 {
            continue;
        }
        let Ok(selector) = Selector::parse(&sel) else {
            continue;
        };
        let hits = items
            .iter()
            .filter(|(item, f)| ok(*item, f, item.select(&selector).next()))
            .count();
        if best.as_ref().is_none_or(|(_, h)| hits > *h) {
            best = Some((sel, hits));
        }
    }
    best.filter(|(_, h)| *h > 0)
}

/// Selectors for `targets` relative to `item`, each with a level (lower is simpler).
fn relative_selectors(item: ElementRef, targets: &[ElementRef]) -> Vec<(u8, String)> {
    let mut out = Vec::new();
    for t in targets {
        if t.id() == item.id() {
            continue;
        }
        let tag = tag_of(*t).to_string();
        let full = class_compound(*t);
        let nth = format!(":nth-of-type({})", type_index(*t));
        // the first class alone is sturdier than all of them ("p.lead" over "p.lead.line-6x2")
        if let Some(first) = classes(*t).first().filter(|_| classes(*t).len() > 1) {
            out.push((0, format!("{tag}.{first}")));
        }
        out.push((0, full.clone()));
        if full != tag {
            out.push((1, tag.clone()));
        }
        let parent = t
            .parent()
            .and_then(ElementRef::wrap)
            .filter(|p| p.id() != item.id());
        if let Some(p) = parent {
            let pc = class_compound(p);
            out.push((2, format!("{pc} {full}")));
            out.push((3, format!("{pc} > {full}")));
            out.push((4, format!("{pc} {full}{nth}")));
        }
        out.push((5, format!("{full}{nth}")));
        // the whole path from the item: always selects this element's position
        let mut path: Vec<String> = t
            .ancestors()
            .take_while(|n| n.id() != item.id())
            .filter_map(ElementRef::wrap)
            .map(|e| format!("{}:nth-of-type({})", class_compound(e), type_index(e)))
            .collect();
        path.reverse();
        path.push(format!("{full}{nth}"));
        out.push((6, format!(":scope > {}", path.join(" > "))));
    }
    out
}

// ---------------------------------------------------------------------------
// Item contents
// ---------------------------------------------------------------------------

/// The item's links (the item itself when it is one), resolved, in document order.
fn anchors<'a>(item: ElementRef<'a>, base: &Url) -> Vec<(Url, ElementRef<'a>)> {
    std::iter::once(item)
        .chain(item.descendent_elements())
        .filter(|e| e.value().name() == "a")
        .filter_map(|a| Some((resolve_link(a.value().attr("href")?, base)?, a)))
        .collect()
}

/// The link extraction reads from a selected element: its own href, else its first link.
fn link_of(el: ElementRef, base: &Url) -> Option<Url> {
    let own = el.value().attr("href").and_then(|h| resolve_link(h, base));
    own.or_else(|| {
        el.select(&A_HREF)
            .find_map(|a| resolve_link(a.value().attr("href")?, base))
    })
}

/// The link extraction reads without a link selector.
fn default_link(item: ElementRef, base: &Url) -> Option<Url> {
    let own = (item.value().name() == "a")
        .then(|| {
            item.value()
                .attr("href")
                .and_then(|h| resolve_link(h, base))
        })
        .flatten();
    own.or_else(|| {
        item.select(&A_HREF)
            .find_map(|a| resolve_link(a.value().attr("href")?, base))
    })
}

fn first_img(el: ElementRef) -> Option<ElementRef> {
    el.descendent_elements().find(|e| e.value().name() == "img")
}

/// An `<img>` with a real picture (not a data: placeholder, an icon or a spacer).
fn usable_image(img: ElementRef) -> bool {
    let v = img.value();
    let real = |s: &&str| !s.trim().is_empty() && !s.trim_start().starts_with("data:");
    let src = v
        .attr("src")
        .filter(real)
        .or_else(|| v.attr("data-src").filter(real))
        .or_else(|| v.attr("data-original").filter(real))
        .or_else(|| v.attr("data-lazy-src").filter(real))
        .or_else(|| v.attr("srcset").filter(real));
    let Some(src) = src else { return false };
    let lower = src.to_ascii_lowercase();
    let tiny = ["width", "height"].iter().any(|k| {
        v.attr(k)
            .and_then(|w| w.trim().trim_end_matches("px").parse::<u32>().ok())
            .is_some_and(|w| w < 30)
    });
    let icon = [
        "icon", "ico_", "/ico", "btn", "blank", "bullet", "spacer", "new.gif", "dot.",
    ]
    .iter()
    .any(|w| lower.contains(w));
    !tiny && !icon
}

/// Elements that could be a summary, best first: longer text that is not the title.
fn summary_targets<'a>(item: ElementRef<'a>, title: &str, ctx: DateContext) -> Vec<ElementRef<'a>> {
    let mut found: Vec<(u8, ElementRef)> = item
        .descendent_elements()
        .filter(|e| !matches!(e.value().name(), "script" | "style" | "img"))
        .filter_map(|e| {
            let text = text_of(e);
            if !is_summary_text(&text, title, ctx) {
                return None;
            }
            let name = e.value().name();
            let rank = if has_token(
                e,
                &[
                    "lead", "summary", "desc", "sub", "txt", "text", "intro", "excerpt", "sum",
                ],
            ) {
                0
            } else if matches!(name, "p" | "dd") {
                1
            } else if matches!(name, "div" | "span") {
                2
            } else {
                3
            };
            Some((rank, e))
        })
        .collect();
    found.sort_by_key(|(rank, _)| *rank);
    found.into_iter().map(|(_, e)| e).collect()
}

/// A summary: 20 characters or more, not the title nor holding it, not a byline with a date.
fn is_summary_text(text: &str, title: &str, ctx: DateContext) -> bool {
    let len = text.chars().count();
    len >= 20
        && text != title
        && (title.is_empty() || !text.contains(title))
        && (len > 60 || dates::parse(text, ctx.fetched_at, ctx.zone).is_none())
}

/// The headline among the item's links to `link`: the text of a heading (`h1`–`h6`, `strong`,
/// `.tit`, `.title`…) that is or sits in or around such a link; else the first such link text
/// of headline length (a lead that links to the article too comes after its headline); else
/// `None`, leaving the longest link text.
fn headline_text(item: ElementRef, link: &Url, base: &Url) -> Option<String> {
    let to_article: Vec<ElementRef> = anchors(item, base)
        .into_iter()
        .filter(|(u, _)| u == link)
        .map(|(_, a)| a)
        .collect();
    for a in &to_article {
        let own = text_of(*a).chars().count();
        // a heading around the link, holding little more than it: <h4><a>…</a></h4>
        let around = a
            .ancestors()
            .take_while(|n| n.id() != item.id())
            .filter_map(ElementRef::wrap)
            .take(2)
            .filter(|h| is_heading(*h))
            .map(text_of)
            .find(|t| (4..=own + 10).contains(&t.chars().count()));
        // a heading inside a link that holds more (a whole card), not a "[단독]" badge
        let inside = || {
            a.descendent_elements()
                .filter(|h| is_heading(*h))
                .map(text_of)
                .find(|t| (8..=200).contains(&t.chars().count()))
        };
        if let Some(t) = around.or_else(inside) {
            return Some(t);
        }
    }
    to_article
        .iter()
        .map(|a| text_of(*a))
        .find(|t| (8..=120).contains(&t.chars().count()))
}

/// The smallest elements whose text (or `datetime`) reads as a date, best first.
fn date_targets<'a>(item: ElementRef<'a>, title: &str, ctx: DateContext) -> Vec<ElementRef<'a>> {
    let mut found: Vec<ElementRef> = Vec::new();
    for e in item.descendent_elements() {
        if matches!(e.value().name(), "script" | "style" | "a" | "img") {
            continue;
        }
        let Some(text) = time_text(e) else { continue };
        if text.chars().count() > 60 || (!title.is_empty() && text.contains(title)) {
            continue;
        }
        if !text.chars().any(|c| c.is_ascii_digit())
            && !["어제", "오늘", "방금", "그제", "yesterday", "today", "ago"]
                .iter()
                .any(|w| text.contains(w))
        {
            continue;
        }
        if dates::parse(&text, ctx.fetched_at, ctx.zone).is_some() {
            // keep the innermost: drop ancestors of this one
            found.retain(|f| !e.ancestors().any(|a| a.id() == f.id()));
            found.push(e);
        }
    }
    found
}

fn starts_with_rank(text: &str) -> bool {
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    let rest = &text[digits.len()..];
    !digits.is_empty()
        && digits.len() <= 2
        && (rest.starts_with(' ') || rest.starts_with('.'))
        && digits.parse::<u32>().is_ok_and(|n| (1..=20).contains(&n))
}

fn headline(len: usize) -> f64 {
    match len {
        0..=3 => 0.0,
        4..=7 => (len - 3) as f64 / 5.0,
        8..=120 => 1.0,
        121..=200 => 0.6,
        _ => 0.3,
    }
}

fn pct(v: f64) -> String {
    format!("{:.0}%", v * 100.0)
}

// ---------------------------------------------------------------------------
// Links
// ---------------------------------------------------------------------------

/// How much a URL looks like an article's, from 0 to 1.
fn url_score(url: &Url, page: &Url) -> f64 {
    if url == page || !crate::html::linkable(url, page) {
        return 0.0;
    }
    let path = url.path();
    let lower = path.to_ascii_lowercase();
    let query = url.query().unwrap_or("").to_ascii_lowercase();
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if segments.is_empty() && query.is_empty() {
        return 0.0;
    }
    if [
        ".jpg", ".jpeg", ".png", ".gif", ".pdf", ".zip", ".css", ".js",
    ]
    .iter()
    .any(|ext| lower.ends_with(ext))
    {
        return 0.0;
    }
    let mut s: f64 = 0.1;
    let longest_digits = lower
        .split(|c: char| !c.is_ascii_digit())
        .chain(query.split(|c: char| !c.is_ascii_digit()))
        .map(str::len)
        .max()
        .unwrap_or(0);
    if longest_digits >= 5 {
        s += 0.4;
    }
    if DATE_IN_URL.is_match(&lower) {
        s += 0.2;
    }
    let path_words = [
        "/news/",
        "/article",
        "/view",
        "articleview",
        "newsview",
        "/read",
        "/story",
        "/post",
        "/entry",
        "/content",
        "/detail",
        "/blog/",
        "/a/",
        "/p/",
    ];
    let query_words = [
        "idxno=",
        "aid=",
        "no=",
        "nid=",
        "seq=",
        "arcid=",
        "article_id=",
        "articleid=",
        "news_id=",
        "newsid=",
        "idx=",
        "num=",
        "uid=",
        "wr_id=",
        "id=",
    ];
    if path_words.iter().any(|w| lower.contains(w))
        || query_words.iter().any(|w| {
            query
                .split('&')
                .any(|pair| pair.starts_with(w) && pair.len() > w.len())
        })
    {
        s += 0.3;
    }
    if let Some(last) = segments.last() {
        if last.matches('-').count() >= 3 && last.len() >= 15 {
            s += 0.3;
        }
    }
    if segments.len() >= 2 {
        s += 0.1;
    }
    let listy = [
        "list",
        "section",
        "category",
        "/tag",
        "search",
        "login",
        "logout",
        "member",
        "join",
        "subscribe",
        "rss",
        "sitemap",
        "/about",
        "javascript",
        "/index",
    ];
    if listy.iter().any(|w| lower.contains(w)) {
        s -= 0.35;
    }
    if query
        .split('&')
        .any(|p| p.starts_with("page=") || p.starts_with("pg="))
    {
        s -= 0.2;
    }
    s.clamp(0.0, 1.0)
}

/// The site part of a host: `www.etnews.com` → `etnews.com`, `news.x.co.kr` → `x.co.kr`.
fn site_of(url: &Url) -> Option<String> {
    let host = url.host_str()?.trim_end_matches('.').to_ascii_lowercase();
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() <= 2 || host.parse::<std::net::IpAddr>().is_ok() {
        return Some(host);
    }
    let n = labels.len();
    let second = labels[n - 2];
    let keep = if labels[n - 1].len() == 2
        && matches!(
            second,
            "co" | "or" | "go" | "ne" | "re" | "ac" | "pe" | "com" | "net" | "org" | "gov" | "edu"
        ) {
        3
    } else {
        2
    };
    Some(labels[n - keep.min(n)..].join("."))
}

fn same_site(site: &Option<String>, url: &Url) -> bool {
    match site {
        None => true,
        Some(s) => site_of(url).is_none_or(|t| &t == s),
    }
}

// ---------------------------------------------------------------------------
// Context: menus, ranking boxes, ads…
// ---------------------------------------------------------------------------

const MENU: u16 = 1;
const FOOTER: u16 = 2;
const PAGING: u16 = 4;
const RANKING: u16 = 8;
const RELATED: u16 = 16;
const AD: u16 = 32;
const SIDE: u16 = 64;

const FLAG_NAMES: [(u16, &str); 7] = [
    (MENU, "a menu or header"),
    (FOOTER, "the footer"),
    (PAGING, "pagination"),
    (RANKING, "a ranking box"),
    (RELATED, "a related box"),
    (AD, "an ad box"),
    (SIDE, "a side column"),
];

fn context_factor(flags: u16) -> f64 {
    let mut f: f64 = 1.0;
    for (flag, factor) in [
        (MENU, 0.15),
        (FOOTER, 0.1),
        (PAGING, 0.1),
        (RANKING, 0.3),
        (RELATED, 0.35),
        (AD, 0.2),
        (SIDE, 0.5),
    ] {
        if flags & flag != 0 {
            f = f.min(factor);
        }
    }
    f
}

/// Flags an element gives its descendants by its tag, class and id.
fn own_flags(el: ElementRef) -> u16 {
    let mut flags = match el.value().name() {
        "nav" | "header" | "menu" => MENU,
        "footer" => FOOTER,
        "aside" => SIDE,
        _ => 0,
    };
    let v = el.value();
    let mut words = String::new();
    for c in v.classes() {
        words.push_str(c);
        words.push(' ');
    }
    if let Some(id) = v.id() {
        words.push_str(id);
    }
    if words.is_empty() {
        return flags;
    }
    let lower = words.to_ascii_lowercase();
    let has = |ws: &[&str]| ws.iter().any(|w| lower.contains(w));
    // segments split on anything not a letter or digit, and at lower→upper case changes
    let mut segments: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for ch in words.chars() {
        if !ch.is_ascii_alphanumeric() {
            if !cur.is_empty() {
                segments.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if ch.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
            segments.push(std::mem::take(&mut cur));
        }
        prev_lower = ch.is_ascii_lowercase();
        cur.push(ch.to_ascii_lowercase());
    }
    if !cur.is_empty() {
        segments.push(cur);
    }
    let seg = |f: &dyn Fn(&str) -> bool| segments.iter().any(|s| f(s));
    if has(&[
        "nav",
        "menu",
        "gnb",
        "lnb",
        "snb",
        "header",
        "util",
        "sitemap",
        "breadcrumb",
        "topbar",
    ]) {
        flags |= MENU;
    }
    if has(&["footer", "copyright"]) || seg(&|s| s == "foot") {
        flags |= FOOTER;
    }
    if has(&[
        "paging",
        "pagination",
        "pager",
        "pagenum",
        "page_num",
        "page-num",
    ]) {
        flags |= PAGING;
    }
    if has(&["rank", "popular", "trend"])
        || seg(&|s| s.starts_with("best") || s.starts_with("most") || s.starts_with("hot"))
    {
        flags |= RANKING;
    }
    if has(&["related", "relation"]) {
        flags |= RELATED;
    }
    if has(&["banner", "sponsor", "advert", "adsense", "googlead"])
        || seg(&|s| matches!(s, "ad" | "ads" | "adv" | "advt"))
    {
        flags |= AD;
    }
    if seg(&|s| matches!(s, "aside" | "sidebar" | "side" | "right" | "wing")) {
        flags |= SIDE;
    }
    flags
}

/// Flags from a box heading's words.
fn heading_words(text: &str) -> u16 {
    if text.chars().count() > 40 {
        return 0;
    }
    let lower = text.to_lowercase();
    let has = |ws: &[&str]| ws.iter().any(|w| lower.contains(w));
    let mut flags = 0;
    if has(&[
        "많이 본",
        "많이본",
        "많이 읽은",
        "인기",
        "랭킹",
        "실시간",
        "rank",
        "popular",
        "most read",
        "most viewed",
        "trending",
        "best",
        "hot ",
    ]) {
        flags |= RANKING;
    }
    if has(&["관련기사", "관련 기사", "related", "추천"]) {
        flags |= RELATED;
    }
    if has(&["광고", "advertisement", "sponsored"]) {
        flags |= AD;
    }
    flags
}

fn is_heading(el: ElementRef) -> bool {
    matches!(
        el.value().name(),
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "strong" | "b" | "dt" | "caption" | "legend"
    ) || has_token(el, &["tit", "head", "subject", "headline", "hd"])
}

/// Whether the element's class or id contains one of the words.
fn has_token(el: ElementRef, words: &[&str]) -> bool {
    let v = el.value();
    v.classes().chain(v.id()).any(|c| {
        let c = c.to_ascii_lowercase();
        words.iter().any(|w| c.contains(w))
    })
}

// ---------------------------------------------------------------------------
// Markup helpers
// ---------------------------------------------------------------------------

fn skip_tag(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "meta"
            | "link"
            | "br"
            | "hr"
            | "option"
            | "optgroup"
            | "select"
            | "input"
            | "button"
            | "svg"
            | "iframe"
            | "img"
            | "source"
            | "col"
            | "colgroup"
            | "param"
            | "area"
            | "map"
            | "title"
            | "base"
    )
}

/// The tag, usable in a selector.
fn tag_of(el: ElementRef<'_>) -> &str {
    let name = el.value().name();
    if is_ident(name) {
        name
    } else {
        "*"
    }
}

/// Class names usable in a selector, in document order, without repeats.
fn classes(el: ElementRef<'_>) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for c in el
        .value()
        .attr("class")
        .unwrap_or("")
        .split_ascii_whitespace()
    {
        if is_ident(c) && !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// Grouping key: tag and sorted class list.
fn class_key(el: ElementRef) -> String {
    let mut cs: Vec<&str> = el.value().classes().collect();
    cs.sort_unstable();
    cs.dedup();
    format!("{}|{}", el.value().name(), cs.join(" "))
}

fn class_compound(el: ElementRef) -> String {
    let mut s = tag_of(el).to_string();
    for c in classes(el) {
        s.push('.');
        s.push_str(c);
    }
    s
}

/// A CSS identifier that needs no escaping.
fn is_ident(s: &str) -> bool {
    let body = s.strip_prefix('-').unwrap_or(s);
    let mut chars = body.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// 1-based position among the parent's element children.
fn child_index(el: ElementRef) -> usize {
    1 + el
        .prev_siblings()
        .filter(|n| n.value().is_element())
        .count()
}

/// 1-based position among the parent's element children of the same tag.
fn type_index(el: ElementRef) -> usize {
    let name = el.value().name();
    1 + el
        .prev_siblings()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == name)
        .count()
}

// ---------------------------------------------------------------------------
// JSON-LD lists
// ---------------------------------------------------------------------------

/// Deepest JSON nesting searched for lists.
const MAX_JSON_DEPTH: usize = 48;

/// The URLs a JSON-LD value lists: each `ItemList`'s elements (`url`, or the `item`'s URL) and
/// each article object's own `url` (else its `mainEntityOfPage`), in document order.
fn list_urls(v: &Value, out: &mut Vec<String>, depth: usize) {
    if depth > MAX_JSON_DEPTH || out.len() > 1_000 {
        return;
    }
    match v {
        Value::Array(a) => {
            for x in a {
                list_urls(x, out, depth + 1);
            }
        }
        Value::Object(o) => {
            let types = jsonld::types(o);
            if types.contains(&"ItemList") {
                if let Some(Value::Array(elements)) = o.get("itemListElement") {
                    for e in elements {
                        let url = match e {
                            Value::Object(eo) => match eo.get("url") {
                                Some(Value::String(s)) => Some(s.as_str()),
                                _ => eo.get("item").and_then(url_in),
                            },
                            other => url_in(other),
                        };
                        if let Some(u) = url {
                            out.push(u.to_string());
                        }
                    }
                }
            } else if types.into_iter().any(jsonld::is_article_type) {
                let url = match o.get("url") {
                    Some(Value::String(s)) => Some(s.as_str()),
                    _ => o.get("mainEntityOfPage").and_then(url_in),
                };
                if let Some(u) = url {
                    out.push(u.to_string());
                }
            }
            for (k, x) in o {
                if k != "itemListElement" {
                    list_urls(x, out, depth + 1);
                }
            }
        }
        _ => {}
    }
}

/// A URL given as a string, or as an object's `url` or `@id`.
fn url_in(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s),
        Value::Object(o) => match (o.get("url"), o.get("@id")) {
            (Some(Value::String(s)), _) | (None, Some(Value::String(s))) => Some(s),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> DateContext {
        DateContext {
            fetched_at: "2026-02-11T00:00:00Z".parse().unwrap(),
            zone: chrono_tz::Asia::Seoul,
        }
    }

    fn url() -> Url {
        Url::parse("https://news.example.kr/news/articleList.html?sc_section_code=S1N1").unwrap()
    }

    fn links(html: &str, c: &Candidate) -> Vec<String> {
        let page = crate::extract::extract_list(html, &url(), &c.to_select().unwrap(), ctx());
        page.items.iter().map(|i| i.link.to_string()).collect()
    }

    const MENU_AND_LIST: &str = r#"<html><body>
      <ul class="gnb">
        <li><a href="/news/articleList.html?sc_section_code=S1N1">정치</a></li>
        <li><a href="/news/articleList.html?sc_section_code=S1N2">경제</a></li>
        <li><a href="/news/articleList.html?sc_section_code=S1N3">사회</a></li>
        <li><a href="/news/articleList.html?sc_section_code=S1N4">문화</a></li>
        <li><a href="/news/articleList.html?sc_section_code=S1N5">스포츠</a></li>
      </ul>
      <div class="list">
        <div class="row"><a href="/news/articleView.html?idxno=10001">국회, 예산안 처리 시한 넘겨 본회의 연기</a><span>2026.02.10 19:32</span></div>
        <div class="row"><a href="/news/articleView.html?idxno=10002">한국은행 기준금리 동결, 물가 경로 주시</a><span>2026.02.10 18:05</span></div>
        <div class="row"><a href="/news/articleView.html?idxno=10003">서울 아파트 거래량 석 달 만에 반등했다</a><span>2026.02.10 17:40</span></div>
      </div></body></html>"#;

    #[test]
    fn a_list_beats_a_menu() {
        let found = detect(MENU_AND_LIST, &url(), ctx());
        let best = &found[0];
        assert_eq!(best.item, "div.row", "{found:#?}");
        assert_eq!(best.count, 3);
        assert_eq!(best.date.as_deref(), Some("span"));
        assert_eq!(
            links(MENU_AND_LIST, best),
            [
                "https://news.example.kr/news/articleView.html?idxno=10001",
                "https://news.example.kr/news/articleView.html?idxno=10002",
                "https://news.example.kr/news/articleView.html?idxno=10003",
            ]
        );
        // the menu is scored, but far below
        if let Some(menu) = found.iter().find(|c| c.item.contains("gnb")) {
            assert!(menu.score < best.score / 3.0, "{menu:?}");
            assert!(menu.reasons.iter().any(|r| r.contains("menu")), "{menu:?}");
        }
    }

    const RANKING_AND_LIST: &str = r#"<html><body>
      <div id="main"><ul class="news">
        <li><h4><a href="/news/articleView.html?idxno=20001">정부, 반도체 특별법 후속 시행령 입법예고</a></h4><p class="lead">산업통상자원부는 10일 반도체 특별법 시행령 제정안을 입법예고했다고 밝혔다.</p><em>2026.02.10 19:32</em></li>
        <li><h4><a href="/news/articleView.html?idxno=20002">전기요금 2분기 동결 가닥…한전 적자 누적</a></h4><p class="lead">정부와 한국전력이 2분기 전기요금을 동결하는 방향으로 가닥을 잡았다.</p><em>2026.02.10 18:01</em></li>
        <li><h4><a href="/news/articleView.html?idxno=20003">수출 석 달 연속 증가, 반도체가 견인</a></h4><p class="lead">이달 1~10일 수출이 지난해 같은 기간보다 늘어 석 달 연속 증가세를 보였다.</p><em>2026.02.10 16:45</em></li>
      </ul></div>
      <div class="box"><h3>많이 본 뉴스</h3><ul>
        <li><a href="/news/articleView.html?idxno=19001">연예인 A씨 결혼 발표, 팬들 축하 이어져</a><span>02-10 11:00</span></li>
        <li><a href="/news/articleView.html?idxno=19002">주말 한파 절정, 서울 영하 12도까지 떨어져</a><span>02-10 10:00</span></li>
        <li><a href="/news/articleView.html?idxno=19003">프로야구 스프링캠프 개막, 각 구단 전력 점검</a><span>02-09 09:00</span></li>
        <li><a href="/news/articleView.html?idxno=19004">로또 1200회 당첨번호 공개, 1등 12명</a><span>02-09 08:00</span></li>
      </ul></div></body></html>"#;

    #[test]
    fn the_main_list_beats_a_ranking_box() {
        let found = detect(RANKING_AND_LIST, &url(), ctx());
        let best = &found[0];
        assert_eq!(best.item, "ul.news > li", "{found:#?}");
        assert_eq!(best.summary.as_deref(), Some("p.lead"));
        assert_eq!(best.date.as_deref(), Some("em"));
        assert_eq!(best.title.as_deref(), Some("h4"));
        let ranking = found
            .iter()
            .find(|c| links(RANKING_AND_LIST, c)[0].ends_with("19001"))
            .expect("the ranking box is a candidate");
        assert!(
            ranking.reasons.iter().any(|r| r.contains("ranking")),
            "{ranking:?}"
        );
        assert!(ranking.score < best.score);
    }

    #[test]
    fn json_ld_item_list_is_preferred() {
        // two equal lists; the JSON-LD names the second
        let mut html = String::from(
            r#"<html><head><script type="application/ld+json">{"@context":"https://schema.org","@type":"ItemList","itemListElement":["#,
        );
        for i in 0..3 {
            if i > 0 {
                html.push(',');
            }
            html.push_str(&format!(
                r#"{{"@type":"ListItem","position":{},"url":"https:\/\/news.example.kr\/news\/articleView.html?idxno={}"}}"#,
                i + 1,
                3000 + i
            ));
        }
        html.push_str("]}</script></head><body>");
        for (class, base) in [("one", 4000), ("two", 3000)] {
            html.push_str(&format!("<ul class=\"{class}\">"));
            for i in 0..3 {
                html.push_str(&format!(
                    "<li><a href=\"/news/articleView.html?idxno={}\">제목이 충분히 긴 기사 {i}번</a></li>",
                    base + i
                ));
            }
            html.push_str("</ul>");
        }
        let found = detect(&html, &url(), ctx());
        assert_eq!(found[0].item, "ul.two > li", "{found:#?}");
        assert!(found[0].reasons.iter().any(|r| r.contains("JSON-LD")));
    }

    #[test]
    fn a_grid_of_two_card_rows_is_one_list() {
        let mut html = String::from("<div class=\"grid\">");
        for row in 0..3 {
            html.push_str("<div class=\"row\">");
            for col in 0..2 {
                let id = 50_000 + row * 2 + col;
                html.push_str(&format!(
                    "<div class=\"card\"><a href=\"/article/{id}\"><h3>카드 기사 제목 {row}-{col}번입니다</h3></a><span class=\"t\">{}시간 전</span></div>",
                    row + 1
                ));
            }
            html.push_str("</div>");
        }
        html.push_str("</div><ul class=\"paging\"><li><a href=\"?page=1\">1</a></li><li><a href=\"?page=2\">2</a></li><li><a href=\"?page=3\">3</a></li></ul>");
        let found = detect(&html, &url(), ctx());
        // on this small page "div.card" alone names the six cards
        assert_eq!(found[0].item, "div.card", "{found:#?}");
        assert_eq!(found[0].count, 6);
        assert_eq!(found[0].date.as_deref(), Some("span.t"));
        assert!(
            found.iter().all(|c| !c.item.contains("paging")),
            "{found:#?}"
        );
    }

    #[test]
    fn a_list_split_by_an_ad_is_one_list() {
        let mut html = String::from("<div class=\"news\">");
        for part in 0..2 {
            html.push_str("<ul>");
            for i in 0..4 {
                let id = 60_000 + part * 10 + i;
                html.push_str(&format!(
                    "<li><a href=\"/news/view/{id}\">나뉜 목록의 기사 제목 {part}-{i}</a> <em>2026.02.10 1{i}:00</em></li>"
                ));
            }
            html.push_str("</ul>");
            if part == 0 {
                html.push_str("<div class=\"ad\"><a href=\"https://ads.test/c\"><img src=\"https://ads.test/b.jpg\"></a></div>");
            }
        }
        html.push_str("</div>");
        let found = detect(&html, &url(), ctx());
        assert_eq!(found[0].item, "ul > li", "{found:#?}");
        assert_eq!(found[0].count, 8);
        let got = links(&html, &found[0]);
        assert!(
            got[0].ends_with("/60000") && got[7].ends_with("/60013"),
            "{got:?}"
        );
    }

    #[test]
    fn json_ld_list_urls() {
        let deep = "[".repeat(10_000);
        assert!(jsonld::parse(&deep).is_empty());
        let mut urls = Vec::new();
        let values = jsonld::parse(
            r#"{"@graph":[{"@type":"NewsArticle","mainEntityOfPage":{"@id":"https://x.kr/a/1"}},
                {"@type":["ItemList"],"itemListElement":[{"item":{"@id":"/a/2"}},"/a/3",{"url":"/a/4"}]}]}"#,
        );
        list_urls(&values[0], &mut urls, 0);
        assert_eq!(urls, ["https://x.kr/a/1", "/a/2", "/a/3", "/a/4"]);
    }

    #[test]
    fn url_scores() {
        let page = url();
        let score = |u: &str| url_score(&Url::parse(u).unwrap(), &page);
        for good in [
            "https://news.example.kr/news/articleView.html?idxno=123456",
            "http://www.etnews.com/20180316000254",
            "https://www.newspim.com/news/view/20180322000244",
            "http://www.hankyung.com/news/app/newsview.php?aid=2018032082931",
            "https://blog.example.com/2026/02/10/why-we-rewrote-the-parser/",
        ] {
            assert!(score(good) >= 0.5, "{good}: {}", score(good));
        }
        for bad in [
            "https://news.example.kr/",
            "https://news.example.kr/news/articleList.html?sc_section_code=S1N2",
            "https://news.example.kr/news/articleList.html?page=2",
            "https://news.example.kr/member/login.html",
        ] {
            assert!(score(bad) < 0.3, "{bad}: {}", score(bad));
        }
    }

    #[test]
    fn sites() {
        let s = |u: &str| site_of(&Url::parse(u).unwrap());
        assert_eq!(s("https://www.etnews.com/x").as_deref(), Some("etnews.com"));
        assert_eq!(s("https://news.x.co.kr/").as_deref(), Some("x.co.kr"));
        assert_eq!(s("http://127.0.0.1:8080/").as_deref(), Some("127.0.0.1"));
        assert_eq!(s("file:///tmp/a.html"), None);
    }

    #[test]
    fn toml_block_parses() {
        let found = detect(RANKING_AND_LIST, &url(), ctx());
        let block = found[0].toml_block("auto-1", "제목 \"따옴표\"", &url());
        let config =
            crate::config::parse(&block, std::path::Path::new("feeds.toml")).expect(&block);
        assert_eq!(config.feeds[0].title, "제목 \"따옴표\"");
        assert!(config.feeds[0].select.is_some());
        assert!(block.contains("item = \"ul.news > li\""), "{block}");
    }

    #[test]
    fn nothing_to_find_and_broken_markup() {
        for html in [
            "",
            "<<<>>>",
            "<html><body><p>목록이 없습니다</p></body></html>",
            "<ul><li><a href=",
            "<ul><li><a href='http://[::1'>x</a><li><a href='#'>y</a><li><a href='javascript:;'>z</a></ul>",
            "<table><tr><td><a href=/v/12345>가나다라마바사아</a><tr><td><a href=/v/12346>가나다라마바사아</a><tr><td><a href=/v/12347>가나다라마바사아</a></table>",
        ] {
            let found = detect(html, &url(), ctx());
            for c in &found {
                c.to_select().unwrap();
            }
        }
        let deep = format!("{}<a href=/v/1>x</a>", "<div>".repeat(5_000));
        let _ = detect(&deep, &url(), ctx());
    }

    #[test]
    fn same_page_same_answer() {
        let a = detect(RANKING_AND_LIST, &url(), ctx());
        let b = detect(RANKING_AND_LIST, &url(), ctx());
        assert_eq!(a, b);
    }
}
