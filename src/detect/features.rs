//! What one item holds: its article link, its headline, and whether it has a summary, a date,
//! a picture or a rank number; with the element finders the field selectors start from
//! (which elements hold the headline, the summary, the date).

use ego_tree::NodeId;
use scraper::ElementRef;
use url::Url;

use super::context::{has_token, is_heading};
use super::page::PageIndex;
use super::timing::{item_date, ItemDate};
use super::urls::{is_share_link, same_site, url_score};
use super::MAX_ITEM_NODES;
use crate::dates;
use crate::dates::DateContext;
use crate::html::{collapse_ws, resolve_link, text_of};

/// What one item holds.
#[derive(Debug, Clone, Default)]
pub(super) struct ItemFeatures {
    /// The article link: the most common article-like href.
    pub(super) link: Option<Url>,
    pub(super) link_score: f64,
    pub(super) same_site: bool,
    /// The headline: a heading's text at the article link, else the link's text.
    pub(super) title: String,
    pub(super) title_len: usize,
    /// Distinct article-like links in the item.
    pub(super) article_links: usize,
    pub(super) summary: bool,
    /// How its dates read (see [`super::timing`]).
    pub(super) date: ItemDate,
    pub(super) image: bool,
    /// The item's text starts with a small number (a rank).
    pub(super) ranked: bool,
    /// Too large to be one item.
    pub(super) huge: bool,
    /// No text, no link, no image: a spacer row or an empty slot.
    pub(super) empty: bool,
}

impl PageIndex<'_> {
    /// The item's features, read once per page.
    pub(super) fn features(&mut self, id: NodeId) -> ItemFeatures {
        if let Some(cached) = self.feature_cache.get(&id) {
            return cached.clone();
        }
        let features = self
            .element(id)
            .map(|el| self.read_features(el))
            .unwrap_or_default();
        self.feature_cache.insert(id, features.clone());
        features
    }

    fn read_features(&self, item: ElementRef) -> ItemFeatures {
        let mut features = ItemFeatures::default();
        if item.descendants().nth(MAX_ITEM_NODES).is_some() {
            features.huge = true;
            return features;
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
            match targets.iter_mut().find(|target| target.url == url) {
                Some(target) => {
                    target.anchors += 1;
                    if text.chars().count() > target.text.chars().count() {
                        target.text = text;
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
        let Some(top) = targets.iter().map(|target| target.score).reduce(f64::max) else {
            features.empty = text_of(item).is_empty() && first_image(item).is_none();
            return features;
        };
        // among the near-best links, the one linked most often, then with the longest text
        let mut best: Option<&Target> = None;
        for target in targets.iter().filter(|target| target.score >= top - 0.15) {
            let better = match best {
                None => true,
                Some(current) => {
                    (target.anchors, target.text.chars().count())
                        > (current.anchors, current.text.chars().count())
                }
            };
            if better {
                best = Some(target);
            }
        }
        let Some(best) = best else { return features };
        features.article_links = targets.iter().filter(|target| target.score >= 0.5).count();
        features.link_score = best.score;
        features.same_site = same_site(&self.site, &best.url);
        features.title =
            headline_text(item, &best.url, &self.base).unwrap_or_else(|| best.text.clone());
        features.link = Some(best.url.clone());
        if features.title.is_empty() {
            // as extraction does: a title attribute or an image's alt
            features.title = anchors(item, &self.base)
                .into_iter()
                .filter(|(url, _)| Some(url) == features.link.as_ref())
                .find_map(|(_, a)| {
                    a.value()
                        .attr("title")
                        .or_else(|| first_image(a).and_then(|img| img.value().attr("alt")))
                        .map(collapse_ws)
                        .filter(|title| !title.is_empty())
                })
                .unwrap_or_default();
        }
        features.title_len = features.title.chars().count();
        features.summary = !summary_targets(item, &features.title, self.ctx).is_empty();
        features.date = item_date(item, &features.title, self.ctx);
        features.image = item
            .descendent_elements()
            .any(|el| el.value().name() == "img" && usable_image(el));
        features.ranked = starts_with_rank(&text_of(item));
        features
    }
}

/// The item's links (the item itself when it is one), resolved, in document order; "share
/// this" links are none of its links.
pub(super) fn anchors<'a>(item: ElementRef<'a>, base: &Url) -> Vec<(Url, ElementRef<'a>)> {
    std::iter::once(item)
        .chain(item.descendent_elements())
        .filter(|el| el.value().name() == "a")
        .filter_map(|a| Some((resolve_link(a.value().attr("href")?, base)?, a)))
        .filter(|(url, _)| !is_share_link(url))
        .collect()
}

pub(super) fn first_image(el: ElementRef) -> Option<ElementRef> {
    el.descendent_elements()
        .find(|inner| inner.value().name() == "img")
}

/// An `<img>` with a real picture (not a data: placeholder, an icon or a spacer).
///
/// Not [`crate::html::image_src`]: that one takes the first `srcset` candidate, placeholder or
/// not, where this one judges the whole `srcset` (a `data:` one shows no picture, and an icon
/// anywhere in it makes it an icon).
pub(super) fn usable_image(img: ElementRef) -> bool {
    let attrs = img.value();
    // The source extraction will publish (lazy attributes before a placeholder `src`).
    let Some(src) = crate::html::image_source(attrs) else {
        return false;
    };
    let lower = src.to_ascii_lowercase();
    let tiny = ["width", "height"].iter().any(|key| {
        attrs
            .attr(key)
            .and_then(|size| size.trim().trim_end_matches("px").parse::<u32>().ok())
            .is_some_and(|size| size < 30)
    });
    let icon = [
        "icon", "ico_", "/ico", "btn", "blank", "bullet", "spacer", "new.gif", "dot.",
    ]
    .iter()
    .any(|word| lower.contains(word));
    !tiny && !icon
}

/// The headline among the item's links to `link`: the text of a heading (`h1`–`h6`, `strong`,
/// `.tit`, `.title`…) that is or sits in or around such a link; else the first such link text
/// of headline length (a lead that links to the article too comes after its headline); else
/// `None`, leaving the longest link text.
fn headline_text(item: ElementRef, link: &Url, base: &Url) -> Option<String> {
    let to_article: Vec<ElementRef> = anchors(item, base)
        .into_iter()
        .filter(|(url, _)| url == link)
        .map(|(_, a)| a)
        .collect();
    for a in &to_article {
        let own = text_of(*a).chars().count();
        // a heading around the link, holding little more than it: <h4><a>…</a></h4>
        let around = a
            .ancestors()
            .take_while(|node| node.id() != item.id())
            .filter_map(ElementRef::wrap)
            .take(2)
            .filter(|heading| is_heading(*heading))
            .map(text_of)
            .find(|text| (4..=own + 10).contains(&text.chars().count()));
        // a heading inside a link that holds more (a whole card), not a "[단독]" badge
        let inside = || {
            a.descendent_elements()
                .filter(|heading| is_heading(*heading))
                .map(text_of)
                .find(|text| (8..=200).contains(&text.chars().count()))
        };
        if let Some(text) = around.or_else(inside) {
            return Some(text);
        }
    }
    to_article
        .iter()
        .map(|a| text_of(*a))
        .find(|text| (8..=120).contains(&text.chars().count()))
}

/// Elements that could be a summary, best first: longer text that is not the title.
pub(super) fn summary_targets<'a>(
    item: ElementRef<'a>,
    title: &str,
    ctx: DateContext,
) -> Vec<ElementRef<'a>> {
    let mut found: Vec<(u8, ElementRef)> = item
        .descendent_elements()
        .filter(|el| !matches!(el.value().name(), "script" | "style" | "img"))
        .filter_map(|el| {
            let text = text_of(el);
            if !is_summary_text(&text, title, ctx) {
                return None;
            }
            let name = el.value().name();
            let rank = if has_token(
                el,
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
            Some((rank, el))
        })
        .collect();
    found.sort_by_key(|(rank, _)| *rank);
    found.into_iter().map(|(_, el)| el).collect()
}

/// A summary: 20 characters or more, not the title nor holding it, not a byline with a date.
pub(super) fn is_summary_text(text: &str, title: &str, ctx: DateContext) -> bool {
    let len = text.chars().count();
    len >= 20
        && text != title
        && (title.is_empty() || !text.contains(title))
        && (len > 60 || dates::parse(text, ctx.fetched_at, ctx.zone).is_none())
}

/// Text that starts like a ranking's entry: "1 ", "12." (1 to 20).
fn starts_with_rank(text: &str) -> bool {
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    let rest = &text[digits.len()..];
    !digits.is_empty()
        && digits.len() <= 2
        && (rest.starts_with(' ') || rest.starts_with('.'))
        && digits
            .parse::<u32>()
            .is_ok_and(|rank| (1..=20).contains(&rank))
}
