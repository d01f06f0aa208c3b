//! Step 2: groups of look-alike elements, the raw candidates for a list. Siblings with the
//! same tag and classes (or only the same tag), and "cousins": elements with the same tag and
//! classes under look-alike parents anywhere on the page.

use std::collections::{HashMap, HashSet};

use ego_tree::NodeId;
use scraper::ElementRef;

use super::page::PageIndex;
use super::selectors::{classes, tag_of};
use super::{MAX_ELEMENTS, MAX_GROUPS, MAX_MATCHES, MIN_ITEMS};

/// Elements that look alike: siblings, or cousins under look-alike parents.
pub(super) struct Group {
    /// The first member's parent, where item selectors start.
    pub(super) parent: NodeId,
    pub(super) members: Vec<NodeId>,
    /// The members' tag, usable in a selector.
    pub(super) tag: String,
    /// Classes all members share, in the first member's order.
    pub(super) classes: Vec<String>,
    /// `tag.class…` of those.
    pub(super) compound: String,
}

impl PageIndex<'_> {
    /// Groups of look-alike elements: siblings with the same tag and classes (or the same tag),
    /// and "cousins", elements with the same tag and classes under look-alike parents anywhere
    /// on the page (a grid of two-card rows, articles each in its own wrapper).
    pub(super) fn look_alike_groups(&self) -> Vec<Group> {
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
                    let index = *cousin_index.entry(cousin_key).or_insert_with(|| {
                        cousins.push((Vec::new(), HashSet::new()));
                        cousins.len() - 1
                    });
                    let (members, parents) = &mut cousins[index];
                    if members.len() < MAX_MATCHES {
                        members.push(child);
                        parents.insert(parent.id());
                    }
                }
                match by_key.iter_mut().find(|(known, _)| *known == key) {
                    Some((_, members)) => members.push(child),
                    None => by_key.push((key.clone(), vec![child])),
                }
                match by_tag.iter_mut().find(|(known, _, _)| *known == tag) {
                    Some((_, members, keys)) => {
                        members.push(child);
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
                    groups.push(self.make_group(parent, members));
                }
            }
            for (_, members, keys) in by_tag {
                if members.len() >= MIN_ITEMS && keys.len() > 1 {
                    groups.push(self.make_group(parent, members));
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
                    groups.push(self.make_group(parent, members));
                }
            }
        }
        groups
    }

    fn make_group(&self, parent: ElementRef, members: Vec<ElementRef>) -> Group {
        let first = members[0];
        let mut common: Vec<String> = classes(first);
        for member in &members[1..] {
            let theirs = classes(*member);
            common.retain(|class| theirs.contains(class));
        }
        let tag = tag_of(first).to_string();
        let mut compound = tag.clone();
        for class in &common {
            compound.push('.');
            compound.push_str(class);
        }
        Group {
            parent: parent.id(),
            members: members.iter().map(|member| member.id()).collect(),
            tag,
            classes: common,
            compound,
        }
    }
}

/// Elements that are never list items nor list parents.
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

/// Grouping key: tag and sorted class list.
fn class_key(el: ElementRef) -> String {
    let mut sorted: Vec<&str> = el.value().classes().collect();
    sorted.sort_unstable();
    sorted.dedup();
    format!("{}|{}", el.value().name(), sorted.join(" "))
}
