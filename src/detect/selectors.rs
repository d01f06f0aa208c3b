//! Step 3, and the field selectors of step 4: writing CSS selectors, for the items of a group
//! (relative to the page) and for the elements inside an item (relative to the item), and
//! running an item selector to see what it really selects.
//!
//! Tags go in only when they are plain CSS identifiers; classes and ids of any spelling go in,
//! escaped where they need it ([`css_ident`]): Tailwind's `md:flex` is `.md\:flex`, `w-1/2`
//! is `.w-1\/2`, `1st` is `.\31 st`.

use std::collections::HashSet;
use std::fmt::Write as _;

use ego_tree::NodeId;
use scraper::{ElementRef, Selector};

use super::groups::Group;
use super::page::PageIndex;
use super::{MAX_MATCHES, MIN_ITEMS};

impl<'a> PageIndex<'a> {
    /// Item selectors for a group, simplest first. Each is run and compared by what it
    /// selects; among selectors of the same set the shortest is kept.
    pub(super) fn item_selectors(&self, group: &Group) -> Vec<String> {
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
        for variant in variants.iter().filter(|variant| variant.contains('.')) {
            out.push(variant.clone());
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
        let steps: Vec<String> = chain.iter().map(|el| self.selector_step(*el)).collect();
        let join = |steps: &[String], item: &str| {
            let mut sel = steps.iter().rev().cloned().collect::<Vec<_>>().join(" > ");
            sel.push_str(" > ");
            sel.push_str(item);
            sel
        };
        for depth in 1..=steps.len() {
            if depth <= 2 {
                for variant in &variants {
                    out.push(join(&steps[..depth], variant));
                }
            } else {
                out.push(join(&steps[..depth], &full));
            }
        }
        // an id further up, as a descendant combinator: "div#list ul.type2 > li"
        if !anchored {
            let mut up = chain
                .last()
                .and_then(|el| el.parent())
                .and_then(ElementRef::wrap);
            let mut hops = 0;
            while let Some(el) = up {
                if hops == 10 || el.value().name() == "html" {
                    break;
                }
                if self.unique_id(el).is_some() {
                    for variant in &variants {
                        out.push(format!(
                            "{} {} > {variant}",
                            self.selector_step(el),
                            steps[0]
                        ));
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

    /// `tag#id` for an element with a unique id, else `tag.class…` (two classes at most).
    fn selector_step(&self, el: ElementRef) -> String {
        match self.unique_id(el) {
            Some(id) => format!("{}#{id}", tag_of(el)),
            None => {
                let mut step = tag_of(el).to_string();
                for class in classes(el).into_iter().take(2) {
                    step.push('.');
                    step.push_str(&class);
                }
                step
            }
        }
    }

    /// The element's id, escaped for a selector, when no other element carries it.
    fn unique_id(&self, el: ElementRef<'a>) -> Option<String> {
        let id = el.value().id()?;
        if self.id_counts.get(id) != Some(&1) {
            return None;
        }
        css_ident(id)
    }

    /// Runs an item selector; `None` when it does not parse, matches too few or too many
    /// elements, or matches elements nested in one another.
    ///
    /// Every proposal ends in the group's tag, so only elements of that tag are tried.
    pub(super) fn select_items(&self, sel: &str, tag: &str) -> Option<Vec<NodeId>> {
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
        let set: HashSet<NodeId> = members.iter().map(|member| member.id()).collect();
        for member in &members {
            if member
                .ancestors()
                .take(64)
                .any(|ancestor| set.contains(&ancestor.id()))
            {
                return None;
            }
        }
        Some(members.iter().map(|member| member.id()).collect())
    }
}

/// Which of two item selectors that select the same elements reads better (smaller is
/// better): one whose last step names a class ("div.row > div.card" over "div.row > div"),
/// then the shorter, then the smaller.
pub(super) fn selector_rank(sel: &str) -> (bool, usize, &str) {
    (!last_step(sel).contains('.'), sel.len(), sel)
}

/// The last compound of a selector (`li.item` of `ul.list > li.item`), escape-aware: the
/// space that may end an escape (`.\31 st`) is no combinator.
pub(super) fn last_step(sel: &str) -> &str {
    let bytes = sel.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => {
                i += 1;
                let hex = bytes[i..]
                    .iter()
                    .take(6)
                    .take_while(|b| b.is_ascii_hexdigit())
                    .count();
                if hex > 0 {
                    i += hex;
                    if bytes.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
                        i += 1;
                    }
                } else if let Some(c) = sel.get(i..).and_then(|rest| rest.chars().next()) {
                    i += c.len_utf8();
                }
            }
            b' ' | b'>' | b'\t' | b'\n' => {
                i += 1;
                start = i;
            }
            _ => i += 1,
        }
    }
    sel[start..].trim()
}

/// Selectors for `targets` relative to `item`, each with a level (lower is simpler).
pub(super) fn relative_selectors(item: ElementRef, targets: &[ElementRef]) -> Vec<(u8, String)> {
    let mut out = Vec::new();
    for target in targets {
        if target.id() == item.id() {
            continue;
        }
        let tag = tag_of(*target).to_string();
        let full = class_compound(*target);
        let nth = format!(":nth-of-type({})", type_index(*target));
        // the first class alone is sturdier than all of them ("p.lead" over "p.lead.line-6x2")
        let own = classes(*target);
        if let Some(first) = own.first().filter(|_| own.len() > 1) {
            out.push((0, format!("{tag}.{first}")));
        }
        out.push((0, full.clone()));
        if full != tag {
            out.push((1, tag.clone()));
        }
        let parent = target
            .parent()
            .and_then(ElementRef::wrap)
            .filter(|parent| parent.id() != item.id());
        if let Some(parent) = parent {
            let parent_compound = class_compound(parent);
            out.push((2, format!("{parent_compound} {full}")));
            out.push((3, format!("{parent_compound} > {full}")));
            out.push((4, format!("{parent_compound} {full}{nth}")));
        }
        out.push((5, format!("{full}{nth}")));
        // the whole path from the item: always selects this element's position
        let mut path: Vec<String> = target
            .ancestors()
            .take_while(|node| node.id() != item.id())
            .filter_map(ElementRef::wrap)
            .map(|el| format!("{}:nth-of-type({})", class_compound(el), type_index(el)))
            .collect();
        path.reverse();
        path.push(format!("{full}{nth}"));
        out.push((6, format!(":scope > {}", path.join(" > "))));
    }
    out
}

/// The tag, usable in a selector.
pub(super) fn tag_of(el: ElementRef<'_>) -> &str {
    let name = el.value().name();
    if is_ident(name) {
        name
    } else {
        "*"
    }
}

/// The element's class names, escaped for a selector, in document order, without repeats.
pub(super) fn classes(el: ElementRef<'_>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for class in el
        .value()
        .attr("class")
        .unwrap_or("")
        .split_ascii_whitespace()
    {
        if let Some(class) = css_ident(class) {
            if !out.contains(&class) {
                out.push(class);
            }
        }
    }
    out
}

/// `tag.class…` with all the element's classes.
fn class_compound(el: ElementRef) -> String {
    let mut compound = tag_of(el).to_string();
    for class in classes(el) {
        compound.push('.');
        compound.push_str(&class);
    }
    compound
}

/// A class or id written as a CSS identifier, escaped as CSSOM's `CSS.escape` does (`md:flex`
/// → `md\:flex`, `w-1/2` → `w-1\/2`, `1st` → `\31 st`); `@` is escaped by its code
/// (`\40 `) so that a field spec never reads it as `@attr`. `None` for an empty name.
pub(super) fn css_ident(name: &str) -> Option<String> {
    if name.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(name.len() + 4);
    let first = name.chars().next();
    for (i, c) in name.chars().enumerate() {
        let leading_digit = c.is_ascii_digit() && (i == 0 || (i == 1 && first == Some('-')));
        match c {
            '\0' => out.push('\u{FFFD}'),
            '\u{1}'..='\u{1f}' | '\u{7f}' | '@' => {
                let _ = write!(out, "\\{:x} ", u32::from(c));
            }
            _ if leading_digit => {
                let _ = write!(out, "\\{:x} ", u32::from(c));
            }
            '-' if i == 0 && name.len() == 1 => out.push_str("\\-"),
            c if c.is_ascii_alphanumeric() || c == '-' || c == '_' || !c.is_ascii() => {
                out.push(c);
            }
            c => {
                out.push('\\');
                out.push(c);
            }
        }
    }
    Some(out)
}

/// A CSS identifier that needs no escaping.
fn is_ident(name: &str) -> bool {
    let body = name.strip_prefix('-').unwrap_or(name);
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
        .filter(|node| node.value().is_element())
        .count()
}

/// 1-based position among the parent's element children of the same tag.
fn type_index(el: ElementRef) -> usize {
    let name = el.value().name();
    1 + el
        .prev_siblings()
        .filter_map(ElementRef::wrap)
        .filter(|sibling| sibling.value().name() == name)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_of_any_spelling_are_escaped() {
        for (class, want) in [
            ("md:flex", r"md\:flex"),
            ("w-1/2", r"w-1\/2"),
            ("1st", r"\31 st"),
            ("hover:underline", r"hover\:underline"),
            ("-2x", r"-\32 x"),
            ("-", r"\-"),
            ("[&>*]:mb-2", r"\[\&\>\*\]\:mb-2"),
            ("a@b", r"a\40 b"),
            ("기사", "기사"),
            ("list_news-2", "list_news-2"),
        ] {
            assert_eq!(css_ident(class).as_deref(), Some(want), "{class}");
            // the escaped class selects the element that carries it, and only it
            let html = format!(
                "<div class=\"{}\">x</div><div class=\"other\">y</div>",
                class.replace('&', "&amp;")
            );
            let doc = scraper::Html::parse_fragment(&html);
            let sel = Selector::parse(&format!("div.{want}")).expect(want);
            assert_eq!(doc.select(&sel).count(), 1, "{class}");
            // and a field spec with it has no `@attr`
            assert_eq!(crate::config::split_attr(&format!("div.{want}")).1, None);
        }
        assert_eq!(css_ident(""), None);
    }

    #[test]
    fn the_last_step_knows_escapes() {
        assert_eq!(last_step("ul.list > li.item"), "li.item");
        assert_eq!(last_step(r"div.md\:flex > div.\31 st"), r"div.\31 st");
        assert_eq!(last_step(r"div.\31  a"), "a");
        assert_eq!(last_step(r"div.w-1\/2"), r"div.w-1\/2");
        assert_eq!(last_step("a"), "a");
        assert!(!selector_rank(r"div > div.\31 st").0);
    }
}
