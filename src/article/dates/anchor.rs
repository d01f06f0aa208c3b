//! The heading dates are placed against: the headline `<h1>`, else, on a theme that sets the
//! article's title in an `<h2>`, `<h3>` or `<h4>` (its `<h1>` the site's logo) or in a block
//! named for a title, the one that the `<title>`, `og:title` or the URL's slug names.

use std::sync::LazyLock;

use scraper::{ElementRef, Selector};

use crate::article::page::{selector, ArticlePage};
use crate::html::text_within;

static TITLE: LazyLock<Selector> = LazyLock::new(|| selector("title"));
/// Where a theme without an `<h1>` headline sets the title: a lower heading, or a block
/// named for it (a press room's `<div class="wd_title">`).
static SUBHEADS: LazyLock<Selector> = LazyLock::new(|| {
    selector("h2, h3, h4, div[class*='title'], div[class*='headline'], p[class*='title']")
});

impl<'a> ArticlePage<'a> {
    /// The element dates are placed against: the headline `<h1>`, else (a theme that sets
    /// the title in an `<h2>` or `<h3>`) the first such heading whose text the page's
    /// `<title>` or `og:title` holds (all of it, or the part outside a subtitle `<span>`).
    pub(super) fn date_anchor(&self) -> Option<ElementRef<'a>> {
        if self.headline.is_some() {
            return self.headline;
        }
        // The `<title>` is read again here: the page's `title_text` has its white space
        // removed, and the words are wanted.
        let title = self
            .doc
            .select(&TITLE)
            .next()
            .map(|t| text_within(t, 400))
            .or_else(|| self.meta("og:title").map(str::to_string))
            .unwrap_or_default();
        // Compared word by word: a subtitle set in a `<span>` inside the heading reads
        // `Title Subtitle` there and `Title - Subtitle` in the `<title>`.
        let title = words_of(&title);
        let slug = slug_words(&self.url);
        self.doc.select(&SUBHEADS).take(80).find(|h| {
            let text = words_of(&text_within(*h, 400));
            if text.chars().count() >= 10 && (title.contains(&text) || names_slug(&text, &slug)) {
                return true;
            }
            // `<h2>Title <span>Subtitle</span></h2>` under a `<title>` of the title alone:
            // the heading's own text is the title.
            let own = words_of(&own_text(*h));
            own.chars().count() >= 10 && title.contains(&own)
        })
    }
}

/// The text directly in an element, not in its children.
fn own_text(el: ElementRef) -> String {
    el.children()
        .filter_map(|c| c.value().as_text())
        .map(|t| &**t)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words of `text`, lower-cased, each followed by one space: punctuation between them
/// is dropped.
fn words_of(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        out.extend(word.chars().flat_map(char::to_lowercase));
        out.push(' ');
    }
    out
}

/// The words of the last segment of a URL's path (`/der-neue-trend-muss/` gives `der`,
/// `neue`, `trend`, `muss`), lower-cased.
fn slug_words(url: &url::Url) -> Vec<String> {
    let last = url
        .path_segments()
        .and_then(|mut s| s.rfind(|s| !s.is_empty()))
        .unwrap_or("");
    let last = last.rsplit_once('.').map_or(last, |(stem, _)| stem);
    last.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect()
}

/// Whether a heading's words (from [`words_of`]) are the page's URL slug: a site whose
/// `<title>` is only its own name still names the article in its address. At least three
/// of the heading's words, and most of them, must be in the slug.
fn names_slug(heading: &str, slug: &[String]) -> bool {
    if slug.len() < 3 {
        return false;
    }
    let words: Vec<&str> = heading.split(' ').filter(|w| w.len() >= 3).collect();
    let hits = words
        .iter()
        .filter(|w| slug.iter().any(|s| s == *w))
        .count();
    hits >= 3 && hits * 3 >= words.len() * 2
}
