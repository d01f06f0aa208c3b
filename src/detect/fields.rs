//! Step 4: the field selectors of a candidate (link, title, summary, date, image), each kept
//! only when it finds the right thing in enough items, and the links extraction will yield
//! with them.

use std::collections::HashSet;

use ego_tree::NodeId;
use scraper::{ElementRef, Selector};
use url::Url;

use super::context::is_heading;
use super::features::{
    anchors, date_targets, first_image, is_summary_text, summary_targets, usable_image,
    ItemFeatures,
};
use super::page::PageIndex;
use super::selectors::relative_selectors;
use super::{Candidate, SelectedSet, MAX_ITEMS};
use crate::config::split_attr;
use crate::dates;
use crate::extract::{default_link, link_in};
use crate::html::{resolve_link, text_of, time_text};

impl<'a> PageIndex<'a> {
    /// The candidate for a selected set: its item selector and score, with the field
    /// selectors that hold up; `count` is left for [`Self::yielded_links`].
    pub(super) fn candidate(&mut self, set: &SelectedSet) -> Candidate {
        let mut items: Vec<(ElementRef<'a>, ItemFeatures)> = Vec::new();
        for &member in set.members.iter().take(MAX_ITEMS) {
            let features = self.features(member);
            if features.link.is_some() {
                if let Some(el) = self.element(member) {
                    items.push((el, features));
                }
            }
        }
        let sample = &items[..items.len().min(10)];
        let need_half = items.len().div_ceil(2).max(1);
        let base = self.base.clone();
        let ctx = self.ctx;

        // link
        let item_is_anchor = set.item.rsplit(['>', ' ']).next().is_some_and(|last| {
            last.trim()
                .split(['.', ':', '#', '['])
                .next()
                .is_some_and(|tag| tag == "a")
        });
        let link_ok = |_: ElementRef, features: &ItemFeatures, found: Option<ElementRef>| {
            found.and_then(|el| link_in(el, &base)).map(|(url, _)| url) == features.link
        };
        let default_link_hits = items
            .iter()
            .filter(|(item, features)| {
                default_link(*item, &base).map(|(url, _)| url) == features.link
            })
            .count();
        let mut link = None;
        if !item_is_anchor || default_link_hits < items.len() {
            let mut proposals = Vec::new();
            for (item, features) in sample {
                let mut targets = Vec::new();
                for (url, a) in anchors(*item, &base) {
                    if Some(&url) != features.link.as_ref() || a.id() == item.id() {
                        continue;
                    }
                    // wrappers whose first link is this one, innermost first: "h4.titles"
                    let wrappers: Vec<ElementRef> = a
                        .ancestors()
                        .take_while(|node| node.id() != item.id())
                        .filter_map(ElementRef::wrap)
                        .filter(|wrapper| {
                            default_link(*wrapper, &base).is_some_and(|(first, _)| first == url)
                        })
                        .filter(|wrapper| is_heading(*wrapper) || wrapper.value().name() == "p")
                        .collect();
                    targets.extend(wrappers);
                    targets.push(a);
                }
                proposals.extend(relative_selectors(*item, &targets));
            }
            if let Some((sel, hits)) = best_field(&items, proposals, link_ok) {
                if hits >= default_link_hits && hits > 0 {
                    link = Some(sel);
                }
            }
        }

        // title: an element whose text is the title in every item, else the default
        let title_ok = |_: ElementRef, features: &ItemFeatures, found: Option<ElementRef>| {
            found.is_some_and(|el| !features.title.is_empty() && text_of(el) == features.title)
        };
        let mut proposals = Vec::new();
        for (item, features) in sample {
            if features.title.is_empty() {
                continue;
            }
            let mut heads = Vec::new();
            let mut rest = Vec::new();
            for el in item.descendent_elements() {
                if text_of(el) != features.title {
                    continue;
                }
                if is_heading(el) {
                    heads.push(el);
                } else {
                    rest.push(el);
                }
            }
            heads.extend(rest);
            proposals.extend(relative_selectors(*item, &heads));
        }
        let title = best_field(&items, proposals, title_ok)
            .filter(|(_, hits)| *hits == items.len())
            .map(|(sel, _)| sel);

        // summary
        let summary_ok = |_: ElementRef, features: &ItemFeatures, found: Option<ElementRef>| {
            found.is_some_and(|el| is_summary_text(&text_of(el), &features.title, ctx))
        };
        let mut proposals = Vec::new();
        for (item, features) in sample {
            let targets = summary_targets(*item, &features.title, ctx);
            proposals.extend(relative_selectors(*item, &targets[..targets.len().min(2)]));
        }
        let summary = best_field(&items, proposals, summary_ok)
            .filter(|(_, hits)| *hits >= need_half)
            .map(|(sel, _)| sel);

        // date
        let date_ok = |_: ElementRef, _: &ItemFeatures, found: Option<ElementRef>| {
            found
                .and_then(time_text)
                .is_some_and(|text| dates::parse(&text, ctx.fetched_at, ctx.zone).is_some())
        };
        let mut proposals = Vec::new();
        for (item, features) in sample {
            let targets = date_targets(*item, &features.title, ctx);
            proposals.extend(relative_selectors(*item, &targets[..targets.len().min(2)]));
        }
        let date = best_field(&items, proposals, date_ok)
            .filter(|(_, hits)| *hits >= need_half)
            .map(|(sel, _)| sel);

        // image
        let image_ok = |_: ElementRef, _: &ItemFeatures, found: Option<ElementRef>| {
            found.is_some_and(|el| {
                if el.value().name() == "img" {
                    usable_image(el)
                } else {
                    first_image(el).is_some_and(usable_image)
                }
            })
        };
        let mut proposals = Vec::new();
        for (item, _) in sample {
            let targets: Vec<ElementRef> = item
                .descendent_elements()
                .filter(|el| el.value().name() == "img" && usable_image(*el))
                .take(1)
                .collect();
            proposals.extend(relative_selectors(*item, &targets));
        }
        let image = best_field(&items, proposals, image_ok)
            .filter(|(_, hits)| *hits >= need_half)
            .map(|(sel, _)| sel);

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

    /// The distinct links extraction yields for these items with this link field, read with
    /// [`crate::extract::extract_list`]'s own readers: the field's element's attribute, else
    /// [`link_in`] (its href, else its first link); without a field [`default_link`] (the item
    /// itself when it is a link, else its first link).
    pub(super) fn yielded_links(&self, members: &[NodeId], link: Option<&str>) -> HashSet<Url> {
        let field = link.map(|spec| {
            let (css, attr) = split_attr(spec);
            (Selector::parse(css).ok(), attr)
        });
        let mut links = HashSet::new();
        for item in members.iter().filter_map(|&id| self.element(id)) {
            let url = match &field {
                None => default_link(item, &self.base).map(|(url, _)| url),
                Some((None, _)) => None,
                Some((Some(css), attr)) => item.select(css).next().and_then(|el| match attr {
                    Some(attr) => resolve_link(el.value().attr(attr)?, &self.base),
                    None => link_in(el, &self.base).map(|(url, _)| url),
                }),
            };
            links.extend(url);
        }
        links
    }
}

/// Of the proposed field selectors, the one that finds the right thing in the most items
/// (the earliest, i.e. simplest, on ties), with its hit count.
fn best_field<'a>(
    items: &[(ElementRef<'a>, ItemFeatures)],
    mut proposals: Vec<(u8, String)>,
    ok: impl Fn(ElementRef<'a>, &ItemFeatures, Option<ElementRef<'a>>) -> bool,
) -> Option<(String, usize)> {
    // stable: simpler levels first, first-proposed first within a level
    proposals.sort_by_key(|(level, _)| *level);
    let mut seen = HashSet::new();
    let mut best: Option<(String, usize)> = None;
    for (_, sel) in proposals {
        if !seen.insert(sel.clone()) || seen.len() > 80 {
            continue;
        }
        let Ok(selector) = Selector::parse(&sel) else {
            continue;
        };
        let hits = items
            .iter()
            .filter(|(item, features)| ok(*item, features, item.select(&selector).next()))
            .count();
        if best.as_ref().is_none_or(|(_, best_hits)| hits > *best_hits) {
            best = Some((sel, hits));
        }
    }
    best.filter(|(_, hits)| *hits > 0)
}
