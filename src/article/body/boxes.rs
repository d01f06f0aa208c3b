//! Boxes inside the article's container that are not its text, told by what they hold, for
//! boxes whose names say nothing (`highlight`, `content wide`, a bare `<p>`):
//!
//! - an author box opened by its label ("AUTOR", "About the author") over a short biography;
//! - a teaser card for another article: its picture and its text link to the same other page
//!   ("<a href=X><img></a> A summary… <a href=X>Weiterlesen</a>"), or a whole figure, caption
//!   and all, is one link to another page;
//! - a paragraph asking the reader to sign up, whose link goes to the sign-up page;
//! - a breadcrumb trail written as a plain paragraph (`Home > Blog > Title`);
//! - a box that asks the reader to sign up or give, told from a paragraph written as a `div`;
//! - a video player's own text (its headline, running time, "Next video"), told from a
//!   video's caption.

use scraper::ElementRef;
use url::Url;

use super::super::attrs::{attr, name_words, raw_id_class};
use super::asks::{is_promo_text, is_typo_note};
use super::names::is_inline;
use crate::html::{is_image_url, text_within};

/// Labels that open an author box, lower-cased, without a closing colon.
const AUTHOR_LABELS: &[&str] = &[
    "about the author",
    "about the authors",
    "the author",
    "author",
    "authors",
    "über den autor",
    "über die autorin",
    "über die autoren",
    "zum autor",
    "zur autorin",
    "zu den autoren",
    "der autor",
    "die autorin",
    "autor",
    "autorin",
    "autoren",
    "à propos de l'auteur",
    "à propos de l’auteur",
    "l'auteur",
    "l’auteur",
    "auteur",
    "sobre el autor",
    "sobre la autora",
    // El País's "about the byline".
    "sobre la firma",
    "sobre o autor",
    "l'autore",
    "l’autore",
    "sull'autore",
    "over de auteur",
    "de auteur",
    "o autorze",
    "об авторе",
    "об авторі",
    "про автора",
    "기자 소개",
    "필자 소개",
    "著者について",
    "著者紹介",
    "关于作者",
    "作者简介",
];

/// A biography says at least this much beside its label (characters, white space counted).
const MIN_BIO: usize = 40;

/// Whether `block` opens with an author label standing alone (its own element, or a line of
/// its own) and says more after it: an author box.
pub(super) fn is_author_box(block: ElementRef) -> bool {
    let Some(first) = block
        .text()
        .map(str::trim)
        .find(|t| !t.is_empty())
        .map(|t| t.trim_end_matches([':', '：']).trim_end().to_lowercase())
    else {
        return false;
    };
    AUTHOR_LABELS.contains(&first.as_str())
        && text_within(block, 400).trim().chars().count() >= first.chars().count() + MIN_BIO
}

/// Whether `block` is a card for another article: a link with a picture goes to the same
/// page as another link with words, or one link to another page holds the picture, a
/// headline and all the text. `page` is the article's own address: a link to it does not
/// count. (A picture and its caption in one link to a photo viewer have no headline.)
pub(super) fn is_teaser_card(block: ElementRef, page: &Url) -> bool {
    // Each link to another page: where it goes, whether it holds a picture, its words
    // (none for a link holding a picture but no headline).
    let mut links: Vec<(Url, bool, usize)> = Vec::new();
    for a in block
        .descendants()
        .take(300)
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "a")
    {
        if let Some(target) = elsewhere(a, page) {
            let picture = holds(a, &["img", "picture"]);
            let headline = holds(a, &["h2", "h3", "h4", "h5", "h6"]);
            let text = text_within(a, 600);
            // A link to see the picture larger ("사진 크게 보기", "Enlarge") is the
            // article's own photo's.
            let words = if (picture && !headline) || is_enlarge_label(&text) {
                0
            } else {
                text.trim().chars().count()
            };
            links.push((target, picture, words));
        }
    }
    let all = text_within(block, 600).trim().chars().count();
    links
        .iter()
        .filter(|(_, picture, _)| *picture)
        .any(|(t, _, words)| {
            (*words > 0 && *words >= all)
                || links
                    .iter()
                    .any(|(u, picture, words)| !picture && *words > 0 && u == t)
        })
}

/// Whether a link holds an element of one of these names (among its first elements).
fn holds(a: ElementRef, names: &[&str]) -> bool {
    a.descendants().take(50).any(|n| {
        n.value()
            .as_element()
            .is_some_and(|e| names.contains(&e.name()))
    })
}

/// Whether a link's words offer the picture larger, in the common languages.
fn is_enlarge_label(text: &str) -> bool {
    const WORDS: [&str; 11] = [
        "enlarge",
        "zoom",
        "larger",
        "vergrößer",
        "agrandir",
        "ampliar",
        "ingrandi",
        "확대",
        "크게",
        "拡大",
        "放大",
    ];
    text.chars().count() < 40 && {
        let lower = text.to_lowercase();
        WORDS.iter().any(|w| lower.contains(w))
    }
}

/// The page a link goes to, when it is another web page: not the article itself, not a
/// picture (a link to the full-size image), not a fragment or a script.
fn elsewhere(a: ElementRef, page: &Url) -> Option<Url> {
    let href = a.value().attr("href")?.trim();
    if href.is_empty() || href.starts_with('#') || href.starts_with("javascript:") {
        return None;
    }
    let mut url = page.join(href).ok()?;
    url.set_fragment(None);
    let picture = is_image_url(url.path());
    // The query too: Korean news systems tell their articles apart by it alone
    // (`articleView.html?idxno=5`).
    let same = url.host_str() == page.host_str()
        && url.path() == page.path()
        && url.query() == page.query();
    (!picture && !same && matches!(url.scheme(), "http" | "https")).then_some(url)
}

/// Whether a short block is a breadcrumb trail: links to the sections above the article
/// set off by `>`, `›`, `»` or `→` (`Home > Blog > Aus den Ländern > Title`), however
/// plainly it is named.
pub(super) fn is_breadcrumb(block: ElementRef) -> bool {
    const SEPARATORS: [char; 4] = ['>', '›', '»', '→'];
    // Most paragraphs have fewer than two links or no such sign: count those before
    // reading the text.
    let anchors = block
        .descendants()
        .take(200)
        .filter(|n| n.value().as_element().is_some_and(|e| e.name() == "a"))
        .take(2)
        .count();
    if anchors < 2 {
        return false;
    }
    let signs = block
        .text()
        .flat_map(str::chars)
        .filter(|c| SEPARATORS.contains(c))
        .take(2)
        .count();
    if signs < 2 {
        return false;
    }
    let text = text_within(block, 400);
    let parts: Vec<&str> = text.split(SEPARATORS).map(str::trim).collect();
    if parts.len() < 3 || parts.iter().any(|p| p.chars().count() > 80) {
        return false;
    }
    // The steps are links: all but the last (the page itself) and the first (an icon
    // for the home page may have no words).
    let links: Vec<String> = block
        .descendants()
        .take(200)
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "a")
        .map(|a| text_within(a, 100).trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    let steps = &parts[1..parts.len() - 1];
    steps.iter().all(|s| links.iter().any(|l| l == s))
}

/// Words in a link's address that name a sign-up page.
const SIGN_UP_PAGES: &[&str] = &[
    "newsletter",
    "subscri",
    "suscri",
    "signup",
    "sign-up",
    "abonn",
    "anmeld",
    "inscri",
    "iscriviti",
];

/// Whether a paragraph asks the reader to sign up ("Abonnieren Sie kostenlos den
/// Newsletter") and links to the sign-up page: the ask alone may be the article's subject.
pub(super) fn is_sign_up_line(p: ElementRef) -> bool {
    // The links first: most paragraphs with links link elsewhere, and reading the text
    // costs more.
    p.descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "a")
        .filter_map(|a| a.value().attr("href"))
        .any(|href| {
            let lower = href.to_ascii_lowercase();
            SIGN_UP_PAGES.iter().any(|w| lower.contains(w))
        })
        && is_promo_text(&text_within(p, 300))
}

/// Whether a block is a box that asks the reader to sign up, subscribe or give, by its
/// opening words; a paragraph written as a `div` only when it asks to report a typo with
/// Ctrl+Enter, which no article says.
pub(super) fn asks_reader(el: ElementRef) -> bool {
    let text = text_within(el, 300);
    is_promo_text(&text) && (!is_bare_paragraph(el) || is_typo_note(&text))
}

/// Whether a block holds only text and inline markup, and no link or form control: a
/// paragraph, whatever its tag.
pub(super) fn is_bare_paragraph(el: ElementRef) -> bool {
    el.descendants().skip(1).all(|n| match n.value() {
        scraper::Node::Element(e) => is_inline(e.name()) && !matches!(e.name(), "a" | "label"),
        _ => true,
    })
}

/// Whether an element's own id or class names a pull quote (`blockquote.pullquote`,
/// `aside.pull-quote`, `div#pull_quote_2`, a German CMS's `quote--pull`), as the other name
/// tests read both.
pub(super) fn names_a_pull_quote(e: &scraper::node::Element) -> bool {
    let names = raw_id_class(e);
    let lower = names.to_ascii_lowercase();
    ["pullquote", "pull-quote", "pull_quote"]
        .iter()
        .any(|p| lower.contains(p))
        || {
            let words = name_words(&names);
            words.iter().any(|w| w == "pull") && words.iter().any(|w| w.starts_with("quote"))
        }
}

/// Whether the text of `el` (its letters and digits, the first 40 of them) stands in
/// `root` a second time: a pull quote set beside the paragraph it was taken from.
pub(super) fn is_repeated(el: ElementRef, root: ElementRef) -> bool {
    let alnum = |t: &str| -> String {
        t.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let quote: String = alnum(&text_within(el, 400)).chars().take(40).collect();
    if quote.chars().count() < 20 {
        return false;
    }
    let all = alnum(&root.text().collect::<String>());
    all.matches(&quote).nth(1).is_some()
}

/// Whether an element's own id or class names a video or a player.
pub(super) fn names_a_video(e: &scraper::node::Element) -> bool {
    let names = raw_id_class(e).to_ascii_lowercase();
    names.contains("video") || names.contains("player")
}

/// Whether an element holds a caption: a `figcaption`, or an element named for one.
pub(super) fn holds_caption(el: ElementRef) -> bool {
    el.descendants().filter_map(ElementRef::wrap).any(|e| {
        e.value().name() == "figcaption"
            || raw_id_class(e.value())
                .to_ascii_lowercase()
                .contains("caption")
    })
}

/// Whether a figure holds a video player (`video`, `iframe`, `object`, `embed`, or an
/// element named like a player) and no picture (`img`, `picture`, `svg`, a `noscript`
/// fallback, or an image address in `itemid`).
pub(super) fn is_video_figure(figure: ElementRef) -> bool {
    let (mut player, mut picture) = (false, attr(figure.value(), "itemid").is_some());
    for node in figure.descendants().take(200) {
        let Some(e) = node.value().as_element() else {
            continue;
        };
        match e.name() {
            "img" | "picture" | "svg" | "noscript" => picture = true,
            "video" | "iframe" | "object" | "embed" => player = true,
            _ => player |= names_a_video(e),
        }
    }
    player && !picture
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn first_block(html: &str) -> (Html, ego_tree::NodeId) {
        let doc = Html::parse_fragment(html);
        let id = doc
            .root_element()
            .children()
            .find_map(ElementRef::wrap)
            .unwrap()
            .id();
        (doc, id)
    }

    fn check(html: &str, f: impl Fn(ElementRef) -> bool) -> bool {
        let (doc, id) = first_block(html);
        f(ElementRef::wrap(doc.tree.get(id).unwrap()).unwrap())
    }

    #[test]
    fn pull_quotes_that_repeat_the_text() {
        let repeated = |html: &str| {
            let (doc, id) = first_block(html);
            let root = ElementRef::wrap(doc.tree.get(id).unwrap()).unwrap();
            let quote = root
                .descendants()
                .filter_map(ElementRef::wrap)
                .find(|e| names_a_pull_quote(e.value()))
                .unwrap();
            is_repeated(quote, root)
        };
        // A news site's pull quote, its quotation marks and full stop aside.
        assert!(repeated(
            "<div><p>\"It was a biofilm, a proper city of microbes,\" she said.</p>\
             <blockquote class=pullquote>“It was a biofilm, a proper city of microbes.”\
             </blockquote></div>"
        ));
        // Named by two words of its class.
        assert!(repeated(
            "<div><p>\u{201e}Wer heute Ja sagt, muss morgen erklären, wo gespart wird.\u{201c}, \
             sagte er.</p><blockquote class=\"id-StoryElement-quote--pull\">\
             <p>\u{201e}Wer heute Ja sagt, muss morgen erklären, wo gespart wird.\u{201c}</p>\
             </blockquote></div>"
        ));
        // Named by its id alone.
        assert!(repeated(
            "<div><p>Rents rose by a fifth in two years across the city.</p>\
             <aside id=pull_quote_2>Rents rose by a fifth in two years</aside></div>"
        ));
        // Medium's pull quote says something of its own.
        assert!(!repeated(
            "<div><p>The first paragraph of the post.</p><blockquote class=\"graf--pullquote\">\
             Write the tests before the code, and keep them.</blockquote></div>"
        ));
    }

    #[test]
    fn author_boxes_by_their_label() {
        let author = |h: &str| check(h, is_author_box);
        assert!(author(
            "<div><div class=header>AUTOR</div><h3>Dr. Thomas Schulte</h3><p>ist \
             Gründungspartner der Kanzlei Dr. Schulte und Partner in Berlin.</p></div>"
        ));
        assert!(author(
            "<section><h4>About the author:</h4><p>Jane Doe covers energy for the paper \
             and lives in Leeds.</p></section>"
        ));
        assert!(author(
            "<div><div><span>Sobre la firma</span></div><div><a>Marta Quiroga</a><p>Periodista \
             de la sección de Clima y Medio Ambiente.</p></div></div>"
        ));
        // The label alone, or a paragraph that only starts with the word, is no box.
        assert!(!author("<div><h4>Author</h4><p>Jane Doe</p></div>"));
        assert!(!author(
            "<div><p>Author and critic Jane Doe spoke to the council on Monday about \
             the library.</p></div>"
        ));
    }

    #[test]
    fn teaser_cards_link_picture_and_text_to_one_other_page() {
        let page = Url::parse("https://www.example.de/stars/adele-123.html").unwrap();
        let card = |h: &str| check(h, |e| is_teaser_card(e, &page));
        assert!(card(
            r#"<div><a href="/stars/bella-202326.html"><figure><img src="b.jpg"></figure></a>
               <div>Sommerzeit ist Urlaubszeit, seht selbst!
               <a href="/stars/bella-202326.html">Weiterlesen</a></div></div>"#
        ));
        // A figure that is one link to another article, caption and all.
        assert!(card(
            r#"<figure><a href="https://www.example.de/wirtschaft/ice-1.4435810"><img src="i.jpg">
               <figcaption><h3>ICE im S-Bahn-Takt</h3><p>Die Bahn will…</p></figcaption></a></figure>"#
        ));
        // The article's own figure: the picture links to its full size, or to a source
        // the caption does not link to; a link to the page itself.
        assert!(!card(
            r#"<figure><a href="/img/big.jpg"><img src="s.jpg"></a>
               <figcaption>The harbour at dawn. <a href="/img/big.jpg">Enlarge</a></figcaption></figure>"#
        ));
        assert!(!card(
            r#"<figure><a href="https://flickr.com/p/1"><img src="s.jpg"></a>
               <figcaption>Nicht labern, ranklotzen! Foto: Timur</figcaption></figure>"#
        ));
        // A photo with a link to see it larger on a viewer page.
        assert!(!card(
            r#"<div class="photo"><a href="/photo/view.html?id=1"><img src="p.jpg"></a>
               <p>평택캠퍼스 전경. <a href="/photo/view.html?id=1">사진 크게 보기</a></p></div>"#
        ));
        // A picture and its caption in one link to a photo viewer: no headline, no card.
        assert!(!card(
            r#"<figure><a href="/news/photoView.html?idxno=5"><img src="p.jpg">
               <figcaption>평택캠퍼스 전경</figcaption></a></figure>"#
        ));
        assert!(!card(
            r#"<div><a href="/stars/adele-123.html#top"><img src="a.jpg"></a>
               <p>Adele sang. <a href="/stars/adele-123.html">Link</a></p></div>"#
        ));
    }

    #[test]
    fn teaser_cards_on_a_news_system_that_tells_articles_by_query() {
        let page = Url::parse("https://news.example.kr/news/articleView.html?idxno=5").unwrap();
        let card = |h: &str| check(h, |e| is_teaser_card(e, &page));
        assert!(card(
            r#"<div class="rel"><a href="/news/articleView.html?idxno=9"><img src="t.jpg"></a>
               <p><a href="/news/articleView.html?idxno=9">반도체 수출 석 달째 증가</a></p></div>"#
        ));
        assert!(!card(
            r#"<div><a href="/news/articleView.html?idxno=5"><img src="t.jpg"></a>
               <p><a href="/news/articleView.html?idxno=5">이 기사</a></p></div>"#
        ));
    }

    #[test]
    fn breadcrumb_trails() {
        let crumbs = |h: &str| check(h, is_breadcrumb);
        assert!(crumbs(
            r#"<p><a href="/" title="Home"></a> &gt; <a href="/blog/">Blog</a> &gt;
               <a href="/blog/laender/">Aus den Ländern</a> &gt; Digitalpolitische Jahrestagung 2015</p>"#
        ));
        assert!(crumbs(
            r#"<div><a href="/">Startseite</a> › <a href="/politik/">Politik</a> › Rat beschließt Ausbau</div>"#
        ));
        // A sentence with an arrow, or steps that are not links, is no trail.
        assert!(!crumbs(
            "<p>Prices rose &gt; 5% in March, more than in February &gt; expected by most.</p>"
        ));
        assert!(!crumbs(
            r#"<p>Klicken Sie auf Datei › Speichern unter › PDF, um <a href="/hilfe">die Datei</a> zu sichern.</p>"#
        ));
    }

    #[test]
    fn sign_up_lines_link_to_the_sign_up_page() {
        let line = |h: &str| check(h, is_sign_up_line);
        assert!(line(
            r#"<p><em>Keine Neuigkeiten verpassen: <a href="https://meedia.de/newsletter-anmeldung/">
               Abonnieren Sie kostenlos die MEEDIA-Newsletter</a> und bleiben Sie dran.</em></p>"#
        ));
        assert!(!line(
            r#"<p>The firm's newsletter, <a href="https://example.com/report">its report says</a>,
               reached a million readers.</p>"#
        ));
    }
}
