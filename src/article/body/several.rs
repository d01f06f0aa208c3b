//! Pages that carry several whole articles one after another: a newsroom's endless scroll
//! saved with the next stories already loaded, a topic page of full posts. The longest of
//! them is not the page's own; the one whose heading the page's `<title>` names is.

use std::sync::LazyLock;

use scraper::{ElementRef, Selector};

use super::pick::{self, Pick};
use super::stats::Stats;
use crate::article::page::{selector, ArticlePage};

static HEADINGS: LazyLock<Selector> = LazyLock::new(|| selector("h1, h2, h3"));

/// The body found in the titled article must hold this many characters, or half the text
/// of the body it replaces: an `<article>` that wraps only the headline and byline is not
/// where the text is.
const MIN_TITLED_CHARS: u32 = 150;

impl<'a> ArticlePage<'a> {
    /// The body inside the `<article>` the page's title names, when the body found by score
    /// (`found`, in the page's counts `page`) lies in another `<article>` of the page, or
    /// spans several of them; `None` when the page is not such a page or the titled article
    /// holds too little text.
    pub(super) fn titled_article_body(
        &self,
        page: &Stats<'a>,
        found: &ElementRef<'a>,
        found_chars: u32,
    ) -> Option<(Stats<'a>, Pick)> {
        // The `<article>`s the page's counts kept (not those inside excluded boxes), the
        // outermost only: in page order, one inside another comes right after it or after
        // others inside it.
        let mut outermost: Vec<usize> = Vec::new();
        for &i in &page.articles {
            if !outermost.last().is_some_and(|&o| page.contains(o, i)) {
                outermost.push(i);
            }
        }
        let outermost: Vec<ElementRef<'a>> = outermost.iter().map(|&i| page.nodes[i].el).collect();
        if outermost.len() < 2 {
            return None;
        }
        let titled = *outermost.iter().find(|a| self.named_by_title(**a))?;
        let within = |outer: &ElementRef, inner: &ElementRef| {
            outer.id() == inner.id() || inner.ancestors().any(|p| p.id() == outer.id())
        };
        if within(&titled, found) {
            return None;
        }
        let in_another = outermost.iter().any(|a| within(a, found));
        let spans_several = outermost.iter().filter(|a| within(found, a)).count() >= 2;
        if !in_another && !spans_several {
            return None;
        }
        let stats = self.count_text(titled, true);
        let picked = pick::pick(&stats)?;
        (picked.chars >= MIN_TITLED_CHARS || picked.chars.saturating_mul(2) >= found_chars)
            .then_some((stats, picked))
    }

    /// Whether one of the first headings of `article` is what the page's title says.
    fn named_by_title(&self, article: ElementRef) -> bool {
        article
            .select(&HEADINGS)
            .take(3)
            .any(|h| self.title_names(h))
    }
}
