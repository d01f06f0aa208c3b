//! What kind of text or element a date stands in on an article page: a line with a
//! published or updated label, a picture's caption, a link (and whether the link is the
//! post's own date).

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;
use scraper::ElementRef;

use crate::article::attrs::id_class;
use crate::article::MAX_DATE_LINE;

/// Whether a text holds a word that labels a time (`입력`, `수정`, `Posted`, `Publié`, …);
/// the date reader decides what it really is.
pub(super) fn has_label_word(text: &str) -> bool {
    // A text longer than a date line cannot be one (`date_line` reads at least this much);
    // checking that first keeps paragraphs from being searched.
    if text.len() > 4 * MAX_DATE_LINE || text.trim().chars().count() > MAX_DATE_LINE {
        return false;
    }
    if LABELS.is_match(text) {
        return true;
    }
    // `Опубліковано`, `VERÖFFENTLICHT`: the search folds only ASCII letters' case.
    text.chars().any(|c| !c.is_ascii() && c.is_uppercase()) && LABELS.is_match(&text.to_lowercase())
}

/// Every label word the date reader knows (`입력`, `Published`, `Veröffentlicht`, `发布`, …),
/// also inside a longer word (`Republished`, `기사입력`), in either case of ASCII letters.
/// The date reader decides what a line really says.
static LABELS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        // A DFA: built once, then the fastest to run over every short text of a page.
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(crate::dates::label_words().map(|w| w.into_owned()))
        .expect("label words make an automaton")
});

/// Whether an element is (inside) a picture's caption or credit: the date there is the
/// photo's ("Foto: Archiv 12.03.2018"), not the article's.
pub(super) fn in_caption(el: ElementRef) -> bool {
    std::iter::once(el)
        .chain(el.ancestors().take(4).filter_map(ElementRef::wrap))
        .any(|e| {
            matches!(e.value().name(), "figcaption" | "figure")
                || ["caption", "credit"]
                    .iter()
                    .any(|w| id_class(e).contains(w))
        })
}

/// The link an element is (inside): a label word in a link is a menu item, and a date in
/// one is most often another article's.
pub(super) fn in_link(el: ElementRef) -> Option<ElementRef> {
    std::iter::once(el)
        .chain(el.ancestors().take(3).filter_map(ElementRef::wrap))
        .find(|e| e.value().name() == "a")
}

/// A link that is the post's own date: blog themes link the byline's date to the day's
/// archive (`<a href="/blog/2017/08/08/">08/08/2017</a>`, a newspaper's
/// `/hemeroteca/2018-01-23/` or `/archiv/20180123`) or give it a date class
/// (`post-meta-time`, `entry-date`).
pub(super) fn is_date_link(a: ElementRef) -> bool {
    static ARCHIVE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"/(19|20)\d\d(/[01]?\d/|-?[01]\d-?[0-3]\d(?:[/?#]|$))").expect("static regex")
    });
    let classy = a.value().attr("class").is_some_and(|c| {
        let c = c.to_ascii_lowercase();
        ["date", "time", "posted"].iter().any(|w| c.contains(w))
    });
    classy || a.value().attr("href").is_some_and(|h| ARCHIVE.is_match(h))
}

#[cfg(test)]
mod tests {
    use super::{has_label_word, is_date_link};

    #[test]
    fn label_words() {
        for text in [
            "입력 2026.02.10",
            "Veröffentlicht am 15.02.2020",
            "Publié le 15 févr. 2020",
            "mis à jour le 16 févr.",
            "Pubblicato il",
            "Опубліковано",
            "Yayınlanma:",
            "Last updated",
            "PUBLISHED 15 FEB 2020",
            "MIS À JOUR LE 16/02/2020",
            "Aggiornato alle 9:30",
        ] {
            assert!(has_label_word(text), "{text}");
        }
        for text in ["15.02.2020", "Von Jonas Weber", "Impressum"] {
            assert!(!has_label_word(text), "{text}");
        }
    }

    #[test]
    fn links_to_a_days_archive() {
        let linked = |href: &str| {
            let html = format!(r#"<p><a href="{href}">23 ene 2018 - 10:14 CET</a></p>"#);
            let doc = scraper::Html::parse_fragment(&html);
            let a = doc
                .select(&scraper::Selector::parse("a").unwrap())
                .next()
                .unwrap();
            is_date_link(a)
        };
        for href in [
            "/blog/2017/08/08/",
            "https://elpais.example/hemeroteca/2018-01-23/",
            "/archiv/20180123",
            "/tag/fecha/20180123?page=1",
        ] {
            assert!(linked(href), "{href}");
        }
        // Another article's address, or an id that starts like a day, is no archive.
        for href in [
            "/2018-01-19-otra-noticia.html",
            "/news/2018012345",
            "/politica/",
        ] {
            assert!(!linked(href), "{href}");
        }
    }
}
