//! The article's header inside the body found: the block beside the text that holds the
//! headline with its kicker, standfirst, byline and date, which a sibling merge takes in.

use scraper::ElementRef;

use super::stats::Stats;
use super::Body;
use crate::article::page::NodeSet;
use crate::html::text_within;

/// The block of the body's root that holds the headline and little else, when the article's
/// text is in other blocks beside it: the article's header (`<header>` or `div.article-header`
/// with the kicker, the standfirst, the byline and the date), taken in with the text as a
/// sibling block. A root whose child holds the headline and most of the text has none.
pub(super) fn header_block<'a>(
    stats: &Stats,
    body: &Body<'a>,
    headline: ElementRef<'a>,
) -> Option<ElementRef<'a>> {
    let root = body.root.id();
    let header = headline
        .ancestors()
        .take_while(|a| a.id() != root)
        .filter_map(ElementRef::wrap)
        .last()?;
    let chars = |id| stats.get(id).map_or(0, |s| s.chars);
    let header_chars = chars(header.id()).saturating_sub(chars(headline.id()));
    (header_chars <= HEADER_CHARS && header_chars.saturating_mul(4) < chars(root)).then_some(header)
}

/// At most this much text (characters) beside the headline in an article's header: a
/// kicker, a standfirst of a sentence or two, a byline and a date. A block with more holds
/// the article's first paragraphs (a blog's first section under its title).
const HEADER_CHARS: u32 = 400;

/// Leaves out every element under `el` but the pictures and the paragraphs: a lead picture
/// and its caption stay with the text, and so does a first paragraph a content system set
/// under the headline (`<article><h1>…</h1><div><p>…</p></div></article>` and the rest of the
/// text in the blocks after it); the kicker, a standfirst set as a sub-heading, the byline
/// and the date go.
pub(super) fn skip_header_lines(el: ElementRef, skip: &mut NodeSet) {
    for child in el.children().filter_map(ElementRef::wrap) {
        if is_picture(child) || is_sentence_paragraph(child) {
            continue;
        }
        let keeps_some = child
            .descendants()
            .take(200)
            .filter_map(ElementRef::wrap)
            .any(|e| is_picture(e) || is_sentence_paragraph(e));
        if keeps_some {
            skip_header_lines(child, skip);
        } else {
            skip.insert(child.id());
        }
    }
}

fn is_picture(e: ElementRef) -> bool {
    matches!(e.value().name(), "img" | "figure" | "picture")
}

/// A `<p>` of a line or more that ends a sentence (not a byline, "By Jane Roe.").
fn is_sentence_paragraph(e: ElementRef) -> bool {
    if e.value().name() != "p" {
        return false;
    }
    let text = text_within(e, 400);
    text.trim_end().chars().count() >= LINE_CHARS && super::lines::ends_a_sentence(&text)
}

/// A line of text (characters).
const LINE_CHARS: usize = 80;

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Selector};

    /// The text left in a header once its skipped elements are left out.
    fn left(html: &str) -> String {
        let doc = Html::parse_fragment(html);
        let header = doc
            .select(&Selector::parse("header").unwrap())
            .next()
            .unwrap();
        let mut skip = NodeSet::default();
        skip_header_lines(header, &mut skip);
        let mut out = String::new();
        for n in header.descendants() {
            let hidden = n.ancestors().any(|a| skip.contains(&a.id())) || skip.contains(&n.id());
            match (hidden, n.value().as_text()) {
                (false, Some(t)) if !t.trim().is_empty() => {
                    out.push_str(t.trim());
                    out.push('|');
                }
                _ => {}
            }
        }
        out
    }

    #[test]
    fn the_header_keeps_its_pictures_and_paragraphs() {
        let html = r#"<header><p class="kicker">Trasporti</p><h1>Headline</h1>
            <h2>A standfirst set as a sub-heading, a sentence long.</h2>
            <div class="meta"><span>di Giulia Ferraresi</span><time>9 ottobre 2024</time></div>
            <p class="byline">By Giulia Ferraresi and Marco Bianchi, in Milan.</p>
            <figure><img src="a.jpg"><figcaption>The new station.</figcaption></figure>
            <div class="intro"><p>A first paragraph that a content system set under the headline, apart from the rest.</p></div>
            </header>"#;
        assert_eq!(
            left(html),
            "The new station.|A first paragraph that a content system set under the headline, apart from the rest.|"
        );
    }
}
