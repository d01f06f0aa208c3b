//! Step 4: the field selectors of a candidate (link, title, summary, date, image), each kept
//! only when it finds the right thing in enough items, and the links extraction will yield
//! with them.

use std::collections::{HashMap, HashSet};

use ego_tree::NodeId;
use scraper::{ElementRef, Selector};
use url::Url;

use super::context::is_heading;
use super::features::{
    anchors, first_image, is_summary_text, summary_targets, usable_image, ItemFeatures,
};
use super::page::PageIndex;
use super::selectors::{last_step, relative_selectors};
use super::timing::{date_targets, read_element, restate_dates};
use super::{Candidate, SelectedSet, MAX_ITEMS};
use crate::config::split_attr;
use crate::extract::{default_link, link_in};
use crate::html::{resolve_link, text_of};

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
        // the odd items (an ad, a second listing) do not steer the field selectors
        let (items, odd) = without_outliers(items);
        let sample = &items[..items.len().min(10)];
        let need_half = items.len().div_ceil(2).max(1);
        let base = self.base.clone();
        let ctx = self.ctx;

        // link
        let item_is_anchor = last_step(&set.item)
            .split(['.', ':', '#', '['])
            .next()
            .is_some_and(|tag| tag == "a");
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
            // of equally good link selectors, the one that finds no link in the odd items
            // leaves them out of the feed
            let link_worth = |item: ElementRef, features: &ItemFeatures, found| {
                usize::from(link_ok(item, features, found))
            };
            let odd_hits = |selector: &Selector| {
                odd.iter()
                    .filter(|item| {
                        item.select(selector)
                            .next()
                            .is_some_and(|el| link_in(el, &base).is_some())
                    })
                    .count()
            };
            if let Some((sel, hits)) = pick_field(&items, proposals, link_worth, odd_hits) {
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

        // date: judged by what extraction reads, so the element holding a date and its time
        // wins over the date alone
        let date_read = |_: ElementRef, _: &ItemFeatures, found: Option<ElementRef>| {
            found.map_or(0, |el| read_element(el, ctx).weight())
        };
        let mut proposals = Vec::new();
        for (item, features) in sample {
            let targets: Vec<ElementRef> = date_targets(*item, &features.title, ctx)
                .into_iter()
                .take(2)
                .map(|(el, _)| el)
                .collect();
            proposals.extend(relative_selectors(*item, &targets));
        }
        let date = best_field_by(&items, proposals, date_read)
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
        restate_dates(&mut reasons, &items, date.as_deref(), ctx);
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
            low_confidence: None,
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

/// An item with what it holds.
type Item<'a> = (ElementRef<'a>, ItemFeatures);

/// Of the proposed field selectors, the one that finds the right thing in the most items
/// (the earliest, i.e. simplest, on ties), with its hit count.
fn best_field<'a>(
    items: &[(ElementRef<'a>, ItemFeatures)],
    proposals: Vec<(u8, String)>,
    ok: impl Fn(ElementRef<'a>, &ItemFeatures, Option<ElementRef<'a>>) -> bool,
) -> Option<(String, usize)> {
    best_field_by(items, proposals, |item, features, found| {
        usize::from(ok(item, features, found))
    })
}

/// Of the proposed field selectors, the one whose finds are worth the most over the items
/// (`worth` is 0 for a miss; the earliest, i.e. simplest, on ties), with the number of items
/// where it found something worth anything.
fn best_field_by<'a>(
    items: &[(ElementRef<'a>, ItemFeatures)],
    proposals: Vec<(u8, String)>,
    worth: impl Fn(ElementRef<'a>, &ItemFeatures, Option<ElementRef<'a>>) -> usize,
) -> Option<(String, usize)> {
    pick_field(items, proposals, worth, |_| 0)
}

/// [`best_field_by`], ties broken first by `odd_hits` (fewer is better), then by order.
fn pick_field<'a>(
    items: &[(ElementRef<'a>, ItemFeatures)],
    mut proposals: Vec<(u8, String)>,
    worth: impl Fn(ElementRef<'a>, &ItemFeatures, Option<ElementRef<'a>>) -> usize,
    odd_hits: impl Fn(&Selector) -> usize,
) -> Option<(String, usize)> {
    // stable: simpler levels first, first-proposed first within a level
    proposals.sort_by_key(|(level, _)| *level);
    let mut seen = HashSet::new();
    // (selector, total worth, hits, odd hits)
    let mut best: Option<(String, usize, usize, usize)> = None;
    for (_, sel) in proposals {
        if !seen.insert(sel.clone()) || seen.len() > 80 {
            continue;
        }
        let Ok(selector) = Selector::parse(&sel) else {
            continue;
        };
        let (mut total, mut hits) = (0, 0);
        for (item, features) in items {
            let value = worth(*item, features, item.select(&selector).next());
            total += value;
            hits += usize::from(value > 0);
        }
        let odd = odd_hits(&selector);
        let better = best.as_ref().is_none_or(|(_, best_total, _, best_odd)| {
            total > *best_total || (total == *best_total && odd < *best_odd)
        });
        if better {
            best = Some((sel, total, hits, odd));
        }
    }
    best.filter(|(_, _, hits, _)| *hits > 0)
        .map(|(sel, _, hits, _)| (sel, hits))
}

/// The items that steer the choice of field selectors: all but the odd ones, which are an
/// item linking to another site when most link to this one, one whose link does not look
/// like an article's when most do, one whose headline link is not a web link (`mailto:`,
/// `javascript:`), and the listings of an article listed more than once (which of them is
/// the odd one cannot be told). Extraction still reads them all; only a selector that misses
/// an odd item is not thrown out for it. All of them when nothing would be left.
///
/// Also returns the odd items that are no article (all but the repeated listings).
fn without_outliers(items: Vec<Item<'_>>) -> (Vec<Item<'_>>, Vec<ElementRef<'_>>) {
    let n = items.len();
    let on_site = items.iter().filter(|(_, f)| f.same_site).count();
    let article = items.iter().filter(|(_, f)| f.link_score >= 0.5).count();
    let mut listed: HashMap<&Url, usize> = HashMap::new();
    for link in items.iter().filter_map(|(_, f)| f.link.as_ref()) {
        *listed.entry(link).or_default() += 1;
    }
    let no_article = |(item, features): &Item| {
        let off_site = !features.same_site && on_site * 2 > n;
        let not_article = features.link_score < 0.3 && article * 2 > n;
        off_site || not_article || headline_not_web(*item)
    };
    let odd: Vec<ElementRef> = items
        .iter()
        .filter(|entry| no_article(entry))
        .map(|(item, _)| *item)
        .collect();
    let kept: Vec<Item> = items
        .iter()
        .filter(|entry| {
            let once = entry.1.link.as_ref().and_then(|link| listed.get(link)) == Some(&1);
            once && !no_article(entry)
        })
        .cloned()
        .collect();
    if kept.is_empty() {
        (items, odd)
    } else {
        (kept, odd)
    }
}

/// Whether the item's first link with text (where the headline sits) goes somewhere not on
/// the web: `mailto:`, `javascript:`, `tel:`.
fn headline_not_web(item: ElementRef) -> bool {
    let first = std::iter::once(item)
        .chain(item.descendent_elements())
        .filter(|el| el.value().name() == "a")
        .filter_map(|a| Some((a.value().attr("href")?, a)))
        .find(|(_, a)| !text_of(*a).is_empty());
    first.is_some_and(|(href, _)| {
        let href = href.trim().to_ascii_lowercase();
        let scheme = href
            .split_once(':')
            .map(|(scheme, _)| scheme)
            .filter(|scheme| {
                scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
            });
        scheme.is_some_and(|scheme| !matches!(scheme, "http" | "https" | "file"))
    })
}
