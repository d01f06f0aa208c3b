//! Reading each field of an item: link, title, image and date text, by the feed's selector
//! or by default.

use scraper::{ElementRef, Selector};
use url::Url;

use crate::config::Field;
use crate::dates::{self, DateContext, Label, Stamp};
use crate::html::{collapse_ws, image_src, non_empty, resolve_link, text_of, time_text};

static ANCHOR: std::sync::LazyLock<Selector> =
    std::sync::LazyLock::new(|| Selector::parse("a[href]").expect("static selector"));
static IMG: std::sync::LazyLock<Selector> =
    std::sync::LazyLock::new(|| Selector::parse("img").expect("static selector"));
static TIME: std::sync::LazyLock<Selector> =
    std::sync::LazyLock::new(|| Selector::parse("time").expect("static selector"));

/// Reads a field: its attribute when the spec names one, else the element's text.
pub(super) fn read(item: ElementRef, field: &Field, misses: &mut usize) -> Option<String> {
    let Some(el) = item.select(&field.css).next() else {
        *misses += 1;
        return None;
    };
    match &field.attr {
        Some(attr) => el.value().attr(attr).map(collapse_ws).and_then(non_empty),
        None => non_empty(text_of(el)),
    }
}

pub(super) fn find_link<'a>(
    item: ElementRef<'a>,
    field: Option<&Field>,
    base: &Url,
    misses: &mut usize,
) -> Option<(Url, ElementRef<'a>)> {
    match field {
        Some(f) => {
            let Some(el) = item.select(&f.css).next() else {
                *misses += 1;
                return None;
            };
            if let Some(attr) = &f.attr {
                let url = resolve_link(el.value().attr(attr)?, base)?;
                return Some((url, el));
            }
            link_in(el, base)
        }
        None => default_link(item, base),
    }
}

/// The link of an element a link selector selected: its own href, else its first link's.
/// Detection counts what a candidate yields with this and [`default_link`].
pub(crate) fn link_in<'a>(el: ElementRef<'a>, base: &Url) -> Option<(Url, ElementRef<'a>)> {
    own_link(el, base).or_else(|| el.select(&ANCHOR).find_map(|a| own_link(a, base)))
}

/// The link of an item without a link selector: the item itself when it is a link, else its
/// first link.
pub(crate) fn default_link<'a>(item: ElementRef<'a>, base: &Url) -> Option<(Url, ElementRef<'a>)> {
    if item.value().name() == "a" {
        if let Some(found) = own_link(item, base) {
            return Some(found);
        }
    }
    item.select(&ANCHOR).find_map(|a| own_link(a, base))
}

/// The element's own href, resolved, when it is one a feed may link to.
fn own_link<'a>(el: ElementRef<'a>, base: &Url) -> Option<(Url, ElementRef<'a>)> {
    let href = el.value().attr("href")?;
    resolve_link(href, base).map(|u| (u, el))
}

/// Without a title selector: the text of the link the feed's `link` selector picked, when it
/// is a link with text; else a headline that links to the article (`<h4><a>`, `<strong>`, a
/// class with `tit`, `subject`, `head`…), which beats a longer lead paragraph linking there
/// too; else the longest text among the item's links to the article (a thumbnail link has
/// none, the headline link has the headline); else an alt or title attribute.
pub(super) fn default_title(
    item: ElementRef,
    link_el: ElementRef,
    link: &Url,
    base: &Url,
    by_selector: bool,
) -> Option<String> {
    if by_selector && link_el.value().name() == "a" {
        if let Some(t) = non_empty(text_of(link_el)) {
            return Some(t);
        }
    }
    let anchors = std::iter::once(item)
        .filter(|e| e.value().name() == "a")
        .chain(item.select(&ANCHOR));
    let mut best = text_of(link_el);
    // (how far up the headline element is, its link's text)
    let mut headline: Option<(usize, String)> = None;
    for a in anchors {
        let same = a
            .value()
            .attr("href")
            .and_then(|h| resolve_link(h, base))
            .is_some_and(|u| &u == link);
        if !same {
            continue;
        }
        let t = text_of(a);
        if t.is_empty() {
            continue;
        }
        if let Some(up) = headline_level(a, item) {
            let better = headline.as_ref().is_none_or(|(level, h)| {
                up < *level || (up == *level && t.chars().count() > h.chars().count())
            });
            if better {
                headline = Some((up, t.clone()));
            }
        }
        if t.chars().count() > best.chars().count() {
            best = t;
        }
    }
    if let Some((_, t)) = headline {
        return Some(t);
    }
    if best.is_empty() {
        best = link_el
            .value()
            .attr("title")
            .or_else(|| {
                link_el
                    .select(&IMG)
                    .next()
                    .and_then(|i| i.value().attr("alt"))
            })
            .map(collapse_ws)
            .unwrap_or_default();
    }
    non_empty(best)
}

/// How many levels above the link `a` (0: the link itself, at most 2, never `item` or above)
/// a headline element is: `h1`–`h6`, `strong`, `b`, or a class naming a title or headline.
fn headline_level(a: ElementRef, item: ElementRef) -> Option<usize> {
    std::iter::once(a)
        .chain(
            a.ancestors()
                .take_while(|n| n.id() != item.id())
                .filter_map(ElementRef::wrap),
        )
        .take(3)
        .position(is_headline)
}

fn is_headline(el: ElementRef) -> bool {
    let v = el.value();
    matches!(
        v.name(),
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "strong" | "b"
    ) || v.classes().any(|c| {
        let c = c.to_ascii_lowercase();
        ["tit", "subject", "head"].iter().any(|w| c.contains(w))
    })
}

pub(super) fn find_image(
    item: ElementRef,
    field: Option<&Field>,
    base: &Url,
    misses: &mut usize,
) -> Option<Url> {
    let src = match field {
        Some(f) => {
            let Some(el) = item.select(&f.css).next() else {
                *misses += 1;
                return None;
            };
            match &f.attr {
                Some(attr) => el.value().attr(attr).map(str::to_string),
                None if el.value().name() == "img" => image_src(el).map(str::to_string),
                None => el.select(&IMG).find_map(image_src).map(str::to_string),
            }
        }
        // Without a selector there is no image: the first <img> of an item is as often a
        // "new" badge or a bullet as a photo.
        None => return None,
    }?;
    let url = base.join(src.trim()).ok()?;
    matches!(url.scheme(), "http" | "https").then_some(url)
}

pub(super) fn read_date(item: ElementRef, field: &Field, misses: &mut usize) -> Option<String> {
    if field.attr.is_some() {
        return read(item, field, misses);
    }
    let Some(el) = item.select(&field.css).next() else {
        *misses += 1;
        return None;
    };
    time_text(el)
}

pub(super) fn default_date(item: ElementRef) -> Option<String> {
    item.select(&TIME).next().and_then(time_text)
}

/// What a date text says: the published time, or why there is none; and an updated time.
#[derive(Default)]
pub(crate) struct Times {
    pub(crate) published: Option<Stamp>,
    pub(crate) updated: Option<Stamp>,
    pub(crate) problem: Option<String>,
}

/// Reads a date text: the published time as [`dates::parse_with_hint`] picks it (a labelled
/// `입력`/`Published` one first), and the latest `수정`/`Updated` time when it is later than
/// that (`입력 2026.02.10 19:32 | 수정 2026.02.11 08:05`); an updated time that is not later
/// says nothing.
pub(crate) fn read_times(text: &str, hint: Option<&str>, ctx: DateContext) -> Times {
    let published = match dates::parse_with_hint(text, hint, ctx.fetched_at, ctx.zone) {
        Ok(stamp) => stamp,
        Err(why) => {
            return Times {
                problem: Some(why.to_string()),
                ..Times::default()
            }
        }
    };
    let updated = dates::parse_all(text, ctx.fetched_at, ctx.zone)
        .into_iter()
        .filter(|s| s.label == Some(Label::Updated))
        .max_by_key(|s| s.instant)
        .filter(|u| u.instant > published.instant);
    Times {
        published: Some(published),
        updated,
        problem: None,
    }
}
