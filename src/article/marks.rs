//! Times marked up in the page's elements and in its URL: `itemprop` dates, microformats
//! (`class="published"`, `dt-published`, `<abbr class="published" title="…">`, `updated`,
//! `dt-updated`), `<time datetime>` elements outside the site header, times in `data-`
//! attributes (`data-timestamp`, `data-utime`), and a date in the
//! article's own path (`/2020/02/15/`, `/2020-02-15-slug`, `/20200215…`). Every such
//! element is returned; the date finder (`dates`) weighs where each one stands.

use std::sync::LazyLock;

use scraper::{ElementRef, Selector};

use super::attrs::{attr, id_class};
use super::page::{selector, ArticlePage};
use crate::dates::Stamp;
use crate::html::date_text_within;

/// Elements with a schema.org date property (`<meta itemprop>` is read with the meta map).
static ITEMPROP: LazyLock<Selector> =
    LazyLock::new(|| selector("[itemprop~=datePublished], [itemprop~=dateModified]"));
/// Microformat (hAtom, h-entry) date elements.
static MICROFORMAT: LazyLock<Selector> = LazyLock::new(|| {
    selector("[class~=published], [class~=dt-published], [class~=updated], [class~=dt-updated]")
});
/// `<time>` elements that carry their time in an attribute.
static TIME: LazyLock<Selector> = LazyLock::new(|| selector("time[datetime]"));
/// Every element: what [`ArticlePage::data_times`] asks of each is its quick test.
static ANY: LazyLock<Selector> = LazyLock::new(|| selector("*"));

/// `data-` attributes that carry an element's time for scripts (`data-timestamp`, Facebook's
/// `data-utime`), often beside a relative text ("vor 3 Tagen") that says less. The last two
/// say "updated".
const DATA_TIME_ATTRS: &[&str] = &[
    "data-timestamp",
    "data-utime",
    "data-datetime",
    "data-date",
    "data-time",
    "data-published",
    "data-publish-date",
    "data-pubdate",
    "data-modified",
    "data-updated",
];

/// `data-` attributes that name a story: beside a time, they make the element a card for it.
const OTHER_STORY_ATTRS: &[&str] = &[
    "data-permalink",
    "data-url",
    "data-href",
    "data-link",
    "data-slug",
    "data-title",
    "data-headline",
];

/// A page element that gives a time, whether it says "updated", and the attribute read
/// (`None` for the element's text).
pub(super) struct Marked<'a> {
    pub(super) el: ElementRef<'a>,
    pub(super) stamp: Stamp,
    pub(super) updated: bool,
    pub(super) attr: Option<&'static str>,
}

impl<'a> ArticlePage<'a> {
    /// Every `itemprop=datePublished` and `itemprop=dateModified` element (not `<meta>`):
    /// its `content` or `datetime`, else its text.
    pub(super) fn itemprop_times(&self) -> Vec<Marked<'a>> {
        let has_itemprop = |e: &scraper::node::Element| attr(e, "itemprop").is_some();
        let attrs = &["content", "datetime"];
        self.all_times(&ITEMPROP, has_itemprop, attrs, true, |el, _| {
            el.value()
                .attr("itemprop")
                .is_some_and(|p| p.split_whitespace().any(|w| w == "dateModified"))
        })
    }

    /// Every microformat date: `published` / `dt-published` and `updated` / `dt-updated`,
    /// read from `datetime`, `title` (`<abbr title>`), `content`, else the text.
    pub(super) fn microformat_times(&self) -> Vec<Marked<'a>> {
        // Each of the selector's classes holds `published` or `updated`.
        let has_class = |e: &scraper::node::Element| {
            attr(e, "class").is_some_and(|c| {
                let c = c.as_bytes();
                [&b"published"[..], &b"updated"[..]]
                    .iter()
                    .any(|w| c.windows(w.len()).any(|x| x.eq_ignore_ascii_case(w)))
            })
        };
        self.all_times(
            &MICROFORMAT,
            has_class,
            &["datetime", "title", "content"],
            true,
            |el, _| {
                el.value()
                    .classes()
                    .any(|c| c == "updated" || c == "dt-updated")
            },
        )
    }

    /// Every `<time datetime>`; one says "updated" by an id or class naming a modification.
    pub(super) fn time_elements(&self) -> Vec<Marked<'a>> {
        let is_time = |e: &scraper::node::Element| e.name() == "time";
        self.all_times(&TIME, is_time, &["datetime"], true, |el, _| {
            let names = id_class(el);
            ["modif", "updat", "edit", "revis"]
                .iter()
                .any(|w| names.contains(w))
        })
    }

    /// Every element whose time is in one of [`DATA_TIME_ATTRS`] (its text is left to the
    /// printed dates): `<span data-utime="1581773400">Samstag</span>`.
    pub(super) fn data_times(&self) -> Vec<Marked<'a>> {
        // An element that also names a story's address or title (`data-permalink`,
        // `data-title`) is a card for another story, a promo or a gallery: its time is that
        // story's.
        let has_attr = |e: &scraper::node::Element| {
            let data = || e.attrs.iter().map(|(k, _)| &*k.local);
            data().any(|k| DATA_TIME_ATTRS.contains(&k))
                && !data().any(|k| OTHER_STORY_ATTRS.contains(&k))
        };
        self.all_times(&ANY, has_attr, DATA_TIME_ATTRS, false, |_, a| {
            matches!(a, Some("data-modified" | "data-updated"))
        })
    }

    /// A date in the article's own URL path, at day precision; `/2020/02/` alone says no day.
    pub(super) fn url_date(&self) -> Option<Stamp> {
        let (y, m, d) = date_in_path(self.url.path())?;
        self.parse_time(&format!("{y:04}-{m:02}-{d:02}"))
    }

    /// Every element matching `css` (at most 200, `<meta>` left to the meta map) whose time
    /// reads from the first of `attrs` that holds one, else (with `or_text`) from its text;
    /// each of the kind `is_updated` says of the element and the attribute read.
    /// `could_match` is a quick test every match passes.
    fn all_times(
        &self,
        css: &Selector,
        could_match: impl Fn(&scraper::node::Element) -> bool,
        attrs: &[&'static str],
        or_text: bool,
        is_updated: impl Fn(ElementRef, Option<&str>) -> bool,
    ) -> Vec<Marked<'a>> {
        let mut out = Vec::new();
        for el in self.select_where(css, could_match).take(200) {
            if el.value().name() == "meta" {
                continue;
            }
            let from_attr = attrs.iter().find_map(|a| {
                el.value()
                    .attr(a)
                    .and_then(|t| self.parse_value(t))
                    .map(|s| (s, Some(*a)))
            });
            let found = from_attr.or_else(|| {
                or_text
                    .then(|| self.parse_time(&date_text_within(el, 200)))
                    .flatten()
                    .map(|s| (s, None))
            });
            if let Some((stamp, attr)) = found {
                out.push(Marked {
                    el,
                    stamp,
                    updated: is_updated(el, attr),
                    attr,
                });
            }
        }
        out
    }

    /// Whether an element is in the site's header (a `<header>` or an id or class `header`,
    /// `masthead`, …) that holds neither the headline nor the article: today's date printed
    /// there is not the article's.
    pub(super) fn in_site_header(&self, el: ElementRef) -> bool {
        for a in el.ancestors().filter_map(ElementRef::wrap) {
            let name = a.value().name();
            if matches!(name, "article" | "main") || self.protected.contains(&a.id()) {
                return false;
            }
            let names = id_class(a);
            let header = name == "header"
                || names.split_whitespace().any(|w| {
                    matches!(
                        w,
                        "header"
                            | "masthead"
                            | "site-header"
                            | "page-header"
                            | "top-bar"
                            | "topbar"
                            | "top_bar"
                    )
                });
            // An `<article>`'s own `<header>` (headline, kicker, date line) is not the
            // site's, even when the headline heading is no `<h1>` and so not protected.
            if header {
                return !a
                    .ancestors()
                    .filter_map(ElementRef::wrap)
                    .any(|x| matches!(x.value().name(), "article" | "main"));
            }
        }
        false
    }
}

/// Year, month and day from a URL path: three segments `/2020/02/15/`, or a segment that is
/// or begins with `2020-02-15` or `20200215`. Only plausible years and months count.
pub(super) fn date_in_path(path: &str) -> Option<(u32, u32, u32)> {
    let segments: Vec<&str> = path.split('/').take(64).collect();
    let num = |s: &str, lens: std::ops::RangeInclusive<usize>| {
        (lens.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let plausible = |(y, m, d): (u32, u32, u32)| {
        ((1990..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
            .then_some((y, m, d))
    };
    for (i, seg) in segments.iter().enumerate() {
        // `/2020/02/15/`
        if let (Some(y), Some(m), Some(d)) = (
            num(seg, 4..=4),
            segments.get(i + 1).and_then(|s| num(s, 1..=2)),
            segments.get(i + 2).and_then(|s| num(s, 1..=2)),
        ) {
            if let Some(date) = plausible((y, m, d)) {
                return Some(date);
            }
        }
        let b = seg.as_bytes();
        let digits = |r: std::ops::Range<usize>| seg.get(r).and_then(|s| num(s, 1..=4));
        // `/2020-02-15/`, `/2020-02-15-slug`
        if b.len() >= 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.get(10).is_none_or(|c| !c.is_ascii_digit())
        {
            if let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) {
                if let Some(date) = plausible((y, m, d)) {
                    return Some(date);
                }
            }
        }
        // `/20200215/`, `/20200215-slug`, `/2020021500123` (an id that begins with the date)
        if b.len() >= 8 && b[..8].iter().all(u8::is_ascii_digit) {
            if let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(4..6), digits(6..8)) {
                if let Some(date) = plausible((y, m, d)) {
                    return Some(date);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::date_in_path;

    #[test]
    fn dates_in_paths() {
        type Ymd = Option<(u32, u32, u32)>;
        let cases: &[(&str, Ymd)] = &[
            ("/2020/02/15/some-story.html", Some((2020, 2, 15))),
            ("/politik/2020/2/5/story", Some((2020, 2, 5))),
            ("/news/2020-02-15/story", Some((2020, 2, 15))),
            ("/news/2020-02-15-story-title", Some((2020, 2, 15))),
            ("/article/20200215/story", Some((2020, 2, 15))),
            ("/view/20200215000123", Some((2020, 2, 15))),
            ("/20200215-story", Some((2020, 2, 15))),
            ("/2020/02/story", None),
            ("/2020/02/", None),
            ("/news/articleView.html", None),
            ("/view/12345678", None),
            ("/view/20201399", None),
            ("/a/2020-02-155", None),
            ("/story/1234/56/78", None),
            ("", None),
        ];
        for (path, want) in cases {
            assert_eq!(date_in_path(path), *want, "{path}");
        }
    }
}
