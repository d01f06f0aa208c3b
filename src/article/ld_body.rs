//! The article's text from its JSON-LD `articleBody`, for pages that write their article
//! with script: the HTML a fetch gets holds a caption and a standfirst, while the structured
//! data given to search engines holds the whole text.

use url::Url;

use super::page::ArticlePage;
use crate::html::escape_into;

/// An `articleBody` shorter than this (characters of text) is a teaser, not the article.
const MIN_LD_BODY: usize = 500;

impl ArticlePage<'_> {
    /// `found` (the body read from the page's HTML), or the JSON-LD `articleBody` written as
    /// paragraphs when `found` holds less than half of its text.
    pub(super) fn body_or_structured(&self, found: Option<String>) -> Option<String> {
        // Borrowed, not copied: most reads keep the body they found.
        let text = self
            .ld_articles()
            .iter()
            .filter_map(|obj| obj.get("articleBody"))
            .find_map(|v| v.as_str())
            .map(str::trim);
        let Some(text) = text else {
            return found;
        };
        let ld_chars = text_chars(text);
        let found_chars = found.as_deref().map_or(0, text_chars);
        if ld_chars < MIN_LD_BODY || found_chars * 2 >= ld_chars {
            return found;
        }
        Some(paragraphs(text, &self.base))
    }
}

/// Characters of text (white space not counted) outside tags.
fn text_chars(html: &str) -> usize {
    let mut in_tag = false;
    let mut n = 0;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag && !c.is_whitespace() => n += 1,
            _ => {}
        }
    }
    n
}

/// The text as HTML paragraphs, one per line; a body some systems write as HTML
/// (`<p>…</p>`) goes through the content sanitiser instead.
fn paragraphs(text: &str, base: &Url) -> String {
    if text.contains("</p>") || text.contains("<br") {
        return super::content::sanitize(text, base);
    }
    let mut html = String::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        html.push_str("<p>");
        escape_into(&mut html, line, false);
        html.push_str("</p>");
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_becomes_paragraphs_and_markup_is_sanitised() {
        let base = Url::parse("https://news.example/a/1").unwrap();
        assert_eq!(
            paragraphs("First <line> & more.\n\n  Second line.\n", &base),
            "<p>First &lt;line&gt; &amp; more.</p><p>Second line.</p>"
        );
        let html = paragraphs(
            "<p>One <b>bold</b> <a href=\"/x\">link</a></p><script>alert(1)</script>",
            &base,
        );
        assert!(html.contains("<b>bold</b>"), "{html}");
        assert!(html.contains("https://news.example/x"), "{html}");
        assert!(!html.contains("script"), "{html}");
        assert_eq!(text_chars("<p>a b</p> <i>c</i>"), 3);
    }
}
