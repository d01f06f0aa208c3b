//! An item's surroundings: whether it sits in a menu or header, the footer, pagination, a
//! ranking, related or ad box, or a side column, by the tag, class and id of it and its
//! ancestors, and by the words of a heading just before or atop its box. Scoring turns the
//! flags into a factor.

use ego_tree::NodeId;
use scraper::ElementRef;

use super::page::PageIndex;
use crate::html::all_text_within;

/// How much of a heading is read: a box heading ("많이 본 뉴스") is short. Hidden text counts
/// here: `<span class="blind">관련기사</span>` still names the box it heads.
const HEADING_TEXT: usize = 400;

const MENU: u16 = 1;
const FOOTER: u16 = 2;
const PAGING: u16 = 4;
const RANKING: u16 = 8;
const RELATED: u16 = 16;
const AD: u16 = 32;
const SIDE: u16 = 64;

/// Each flag as the reasons name it.
pub(super) const FLAG_NAMES: [(u16, &str); 7] = [
    (MENU, "a menu or header"),
    (FOOTER, "the footer"),
    (PAGING, "pagination"),
    (RANKING, "a ranking box"),
    (RELATED, "a related box"),
    (AD, "an ad box"),
    (SIDE, "a side column"),
];

impl PageIndex<'_> {
    /// Menu, ranking, ad… flags of an item: its own, its ancestors', and headings near it.
    pub(super) fn context_flags(&mut self, id: NodeId) -> u16 {
        let Some(el) = self.element(id) else { return 0 };
        let parent = el.parent().map(|parent| parent.id());
        let mut flags = own_flags(el);
        if let Some(parent) = parent {
            flags |= self.inherited_flags(parent);
            flags |= self.heading_flags(parent, el.value().name());
        }
        flags
    }

    /// The flags of an element and all its ancestors.
    fn inherited_flags(&mut self, id: NodeId) -> u16 {
        if let Some(&flags) = self.inherited_cache.get(&id) {
            return flags;
        }
        // walk up to a known ancestor, then fill in downwards
        let mut path = Vec::new();
        let mut at = self.doc.tree.get(id);
        let mut above = 0;
        while let Some(node) = at {
            if let Some(&flags) = self.inherited_cache.get(&node.id()) {
                above = flags;
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
            self.inherited_cache.insert(node.id(), flags);
        }
        flags
    }

    /// Headings just before or at the top of the item's parent and two more ancestors.
    fn heading_flags(&mut self, parent: NodeId, item_tag: &str) -> u16 {
        let key = (parent, item_tag.to_string());
        if let Some(&flags) = self.heading_cache.get(&key) {
            return flags;
        }
        let mut flags = 0;
        let mut at = self.element(parent);
        for _ in 0..3 {
            let Some(el) = at else { break };
            if let Some(prev) = el.prev_siblings().find_map(ElementRef::wrap) {
                if is_heading(prev) {
                    flags |= heading_words(&all_text_within(prev, HEADING_TEXT));
                }
            }
            for child in el.child_elements().take(3) {
                if child.value().name() != item_tag && is_heading(child) {
                    flags |= heading_words(&all_text_within(child, HEADING_TEXT));
                }
            }
            at = el.parent().and_then(ElementRef::wrap);
        }
        self.heading_cache.insert(key, flags);
        flags
    }
}

/// The factor an item's flags put on its score: the harshest of them.
pub(super) fn context_factor(flags: u16) -> f64 {
    let mut factor: f64 = 1.0;
    for (flag, flag_factor) in [
        (MENU, 0.15),
        (FOOTER, 0.1),
        (PAGING, 0.1),
        (RANKING, 0.3),
        (RELATED, 0.35),
        (AD, 0.2),
        (SIDE, 0.5),
    ] {
        if flags & flag != 0 {
            factor = factor.min(flag_factor);
        }
    }
    factor
}

/// Flags an element gives its descendants by its tag, class and id.
fn own_flags(el: ElementRef) -> u16 {
    let mut flags = match el.value().name() {
        "nav" | "header" | "menu" => MENU,
        "footer" => FOOTER,
        "aside" => SIDE,
        _ => 0,
    };
    let attrs = el.value();
    let mut words = String::new();
    for class in attrs.classes() {
        words.push_str(class);
        words.push(' ');
    }
    if let Some(id) = attrs.id() {
        words.push_str(id);
    }
    if words.is_empty() {
        return flags;
    }
    let lower = words.to_ascii_lowercase();
    let has = |needles: &[&str]| needles.iter().any(|word| lower.contains(word));
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
    let seg = |test: &dyn Fn(&str) -> bool| segments.iter().any(|segment| test(segment));
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
    if has(&["footer", "copyright"]) || seg(&|segment| segment == "foot") {
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
        || seg(&|segment| {
            segment.starts_with("best") || segment.starts_with("most") || segment.starts_with("hot")
        })
    {
        flags |= RANKING;
    }
    if has(&["related", "relation"]) {
        flags |= RELATED;
    }
    if has(&["banner", "sponsor", "advert", "adsense", "googlead"])
        || seg(&|segment| matches!(segment, "ad" | "ads" | "adv" | "advt"))
    {
        flags |= AD;
    }
    if seg(&|segment| matches!(segment, "aside" | "sidebar" | "side" | "right" | "wing")) {
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
    let has = |needles: &[&str]| needles.iter().any(|word| lower.contains(word));
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

/// A heading by tag, or by a class or id like "tit", "head", "subject".
pub(super) fn is_heading(el: ElementRef) -> bool {
    matches!(
        el.value().name(),
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "strong" | "b" | "dt" | "caption" | "legend"
    ) || has_token(el, &["tit", "head", "subject", "headline", "hd"])
}

/// Whether the element's class or id contains one of the words.
pub(super) fn has_token(el: ElementRef, words: &[&str]) -> bool {
    let attrs = el.value();
    attrs.classes().chain(attrs.id()).any(|name| {
        let name = name.to_ascii_lowercase();
        words.iter().any(|word| name.contains(word))
    })
}
