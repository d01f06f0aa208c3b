//! Slideshows set inside an article: a gallery of pictures with a caption each, often on
//! another subject ("Business news in pictures", 50 slides). The article's text does not
//! need them, and their captions would outweigh it in a feed.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use scraper::ElementRef;

use super::super::attrs::Names;

/// Id or class parts of a slideshow's container, matched anywhere in any case.
const SLIDESHOW_PARTS: &[&str] = &["gallery", "slideshow", "carousel", "slider"];

/// [`SLIDESHOW_PARTS`] found in one scan of a name, in any case, without a lower-cased copy
/// (this is asked of every block of a body).
static SLIDESHOW_MATCHER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(SLIDESHOW_PARTS)
        .expect("static patterns")
});

/// A slideshow has at least this many pictures or slides.
const MIN_SLIDES: usize = 5;

/// Text the article must keep without the slideshow (characters): a page that is a gallery
/// with a short introduction keeps its captions, since they are its text.
const TEXT_BESIDE: u32 = 1000;

/// Elements looked at for slides under one container, bounded on a huge page.
const MAX_LOOKED_AT: usize = 4000;

/// Below this many characters a gallery's text is its title and buttons, not captions.
const CAPTIONS: u32 = 200;

/// Whether `el`, holding `chars` characters of a body of `body_chars`, is a slideshow the
/// article's text stands without: slides with captions, or slides whose pictures a script
/// loads (`data-original`), which show a feed reader only the gallery's title and buttons.
pub(super) fn is_slideshow(el: ElementRef, chars: u32, body_chars: u32) -> bool {
    if !matches!(el.value().name(), "div" | "section" | "ul" | "ol") {
        return false;
    }
    if body_chars.saturating_sub(chars) < TEXT_BESIDE {
        return false;
    }
    let names = Names::of(el.value());
    if ![names.id, names.class]
        .into_iter()
        .flatten()
        .any(|n| SLIDESHOW_MATCHER.is_match(n))
    {
        return false;
    }
    // Pictures and slides (items, figures) are counted apart: a slide holds its picture.
    let (mut pictures, mut items) = (0, 0);
    for e in el
        .descendants()
        .take(MAX_LOOKED_AT)
        .filter_map(|n| n.value().as_element())
    {
        match e.name() {
            "img" => pictures += 1,
            "li" | "figure" => items += 1,
            _ => {}
        }
    }
    // A gallery of pictures alone is the article's pictures, kept.
    pictures.max(items) >= MIN_SLIDES && (chars >= CAPTIONS || pictures == 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Selector};

    fn slideshow(html: &str, body_chars: u32) -> bool {
        let doc = Html::parse_fragment(html);
        let sel = Selector::parse("div, ul").unwrap();
        let el = doc.select(&sel).next().unwrap();
        let chars = el.text().map(|t| t.trim().chars().count() as u32).sum();
        is_slideshow(el, chars, body_chars)
    }

    fn slides(n: usize, class: &str) -> String {
        let caption = "A caption of a picture on a subject of its own, long enough to count. ";
        let items: String = (1..=n)
            .map(|i| format!("<li><img src=\"{i}.jpg\"><p>{i}/{n} {caption}{caption}</p></li>"))
            .collect();
        format!("<div class=\"{class}\"><ul>{items}</ul></div>")
    }

    #[test]
    fn a_gallery_of_many_slides_beside_enough_text_is_a_slideshow() {
        assert!(slideshow(&slides(12, "full-gallery"), 6000));
        assert!(slideshow(&slides(6, "cnn_html_slideshow"), 6000));
        // Thumbnails a script fills in, under the gallery's title.
        let thumbs: String = (1..=6)
            .map(|i| format!("<li data-original=\"{i}.jpg\"><a href=\"#\"></a></li>"))
            .collect();
        let preview =
            format!("<div class=\"grid-gallery\"><h2>In pictures</h2><ul>{thumbs}</ul></div>");
        assert!(slideshow(&preview, 6000));
    }

    #[test]
    fn a_gallery_page_keeps_its_captions_and_a_few_pictures_are_not_a_slideshow() {
        // The captions are nearly all the text: the page is the gallery.
        assert!(!slideshow(&slides(12, "full-gallery"), 2000));
        assert!(!slideshow(&slides(3, "gallery"), 6000));
        assert!(!slideshow(&slides(12, "article-photos"), 6000));
        // Pictures without captions are the article's own.
        let photos: String = (1..=8).map(|i| format!("<img src=\"{i}.jpg\">")).collect();
        assert!(!slideshow(
            &format!("<div class=\"gallery\">{photos}</div>"),
            6000
        ));
    }
}
