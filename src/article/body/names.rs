//! What an element's tag, id and class say about it as part of an article body: boilerplate
//! that never belongs to one (newsletter and promotion boxes, share bars, "read more" lines,
//! author boxes, comments), and names that make a container more or less likely to hold it.

use std::borrow::Cow;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use scraper::node::Element;
use scraper::ElementRef;

use super::super::attrs::{attr, name_words, raw_id_class, Names};

/// Id or class parts (lower-cased, matched anywhere) of blocks that are never article text.
const BOILERPLATE_PARTS: &[&str] = &[
    "newsletter",
    "boletin",
    "infolettre",
    "nieuwsbrief",
    "subscri",
    "suscri",
    // Italian subscription boxes ("box-abbonati-post").
    "abbonati",
    "promo",
    "signup",
    "sign-up",
    "sign_up",
    "share",
    "sharing",
    "social",
    "sns_",
    "sns-",
    "author-bio",
    "author_bio",
    "authorbio",
    "author-box",
    "author_box",
    "authorbox",
    "about-author",
    "about_author",
    "aboutauthor",
    "author-info",
    "author_info",
    // Medium's card of the writer under the story ("Written by …, 1.9K Followers").
    "written-by",
    "writtenby",
    // A blogging platform's card of the writer under the post; a company card beside a
    // tech site's story.
    "creatorprofile",
    "creator-profile",
    "crunchbase",
    "readmore",
    "read-more",
    "read_more",
    "more-stories",
    "morestories",
    // Teasers of the next stories below the article ("next-post-thumbnails").
    "next-post",
    "nextpost",
    "next-story",
    "nextstory",
    "next-article",
    "nextarticle",
    "also-read",
    "alsoread",
    "related",
    "recommend",
    "comment",
    "disqus",
    "sponsor",
    // A Korean portal's note on how its sections are assigned (`div.categorize`).
    "categoriz",
    // Donation appeals ("donate-box", "donation-banner").
    "donat",
    "cookie",
    "consent",
    "breadcrumb",
    "pagination",
    "taboola",
    "outbrain",
    "popular",
    "trending",
    "most-read",
    "mostread",
    "top-stories",
    "topstories",
    "toolbar",
    "tag-list",
    "taglist",
    "tags-list",
    "post-tags",
    "entry-tags",
    "jp-relatedposts",
    "sharedaddy",
    "copyright",
    // MediaWiki's "[edit]" links beside each heading.
    "editsection",
    // Affiliate disclosures of shopping articles, disclaimers.
    "disclosure",
    "disclaimer",
    "photocredit",
    "imagecredit",
    // A picture's source, its credit by another name ("image-source", the BBC's
    // "Figure-source").
    "image-source",
    "image_source",
    "img-source",
    "img_source",
    "photo-source",
    "figure-source",
    // Charts drawn by ai2html: their axis labels are text laid over a picture, once per
    // screen width.
    "ai2html",
    // Tables of contents by other names, and a travel blog's "Pin it for later!" box.
    "table-of-contents",
    "tableofcontents",
    "lwptoc",
    "pin-this",
];

/// Whole words of an id or class that mark such a block (`tags`, `print-button`).
const BOILERPLATE_WORDS: &[&str] = &[
    "tags",
    "tag",
    "topics",
    "print",
    "widget",
    "byline",
    // A Korean paper's reporter line and box (`p.reporter_mail`, `div.reporter_area`).
    "reporter",
    // A French broadcaster's byline block ("c-signature": "Article rédigé par …, Publié le").
    "signature",
    "meta",
    "rating",
    "follow",
    "pager",
    "nav",
    "author",
    "bio",
    "newsletter",
    "promo",
    "subscribe",
    // A product card's "Deal" or "Editor's pick" chip.
    "badge",
    // The credit line of a picture (`span.photo-credit`, `b.credit` inside a caption; the
    // caption itself stays, NPR's `div.credit-caption` too).
    "credit",
    "credits",
    // A video player's menus and buttons ("yvp-settings-container", "vjs-controls").
    "settings",
    "controls",
    // A call to action between paragraphs ("wp-block-techpulse-inline-cta": an event ticket
    // offer, an app download).
    "cta",
    // The readers' reactions under an article (a French daily's `article__reactions`).
    "reactions",
    // A blog's table of contents (`#ez-toc-container`, `div.toc`): links to the headings
    // that follow, and its "Toggle" button.
    "toc",
    // What a site sets before or after every story (`div.boilerplate-before`: an event's
    // promotion).
    "boilerplate",
];

/// Id or class parts of containers that usually hold the article.
const POSITIVE_PARTS: &[&str] = &[
    "article", "body", "content", "entry", "hentry", "main", "page", "post", "text", "blog",
    "story", "view", "본문", "news_txt", "detail",
];

/// Id or class parts of containers that usually do not.
const NEGATIVE_PARTS: &[&str] = &[
    "hidden",
    "banner",
    "combx",
    "footer",
    "footnote",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "widget",
    "teaser",
    "header",
    "menu",
    "login",
];

/// Tags whose text flows inside a block rather than making one of its own.
pub(super) fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "span"
            | "b"
            | "strong"
            | "em"
            | "i"
            | "u"
            | "s"
            | "strike"
            | "del"
            | "sub"
            | "sup"
            | "small"
            | "big"
            | "font"
            | "mark"
            | "abbr"
            | "cite"
            | "q"
            | "code"
            | "time"
            | "label"
            | "br"
            | "img"
            | "tt"
            | "var"
            | "kbd"
            | "dfn"
            | "bdi"
            | "bdo"
            | "wbr"
            | "nobr"
            | "data"
            | "picture"
    )
}

/// Tags that may be the article's container (what paragraphs' scores go to).
pub(super) fn is_container(name: &str) -> bool {
    matches!(
        name,
        "div" | "section" | "article" | "main" | "td" | "body" | "center" | "font" | "form"
    )
}

/// Tags a paragraph of article text may be written in.
pub(super) fn is_text_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "pre"
            | "blockquote"
            | "li"
            | "dd"
            | "td"
            | "div"
            | "section"
            | "article"
            | "main"
            | "center"
            | "font"
            | "body"
            | "span"
    )
}

/// Whether an element is a block that never belongs to an article body, by its tag or its
/// id and class words.
pub(super) fn is_boilerplate(e: &Element) -> bool {
    let names = Names::of(e);
    if matches!(e.name(), "nav" | "footer") || (e.name() == "aside" && !names_a_fact_box(&names)) {
        return true;
    }
    if names.role.is_some_and(|r| {
        matches!(
            r.trim().to_ascii_lowercase().as_str(),
            "navigation" | "complementary" | "contentinfo" | "banner"
        )
    }) {
        return true;
    }
    // Headings and paragraphs are text whatever their class says.
    if matches!(
        e.name(),
        "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "figure" | "img"
    ) {
        return false;
    }
    [names.id, names.class, names.component]
        .into_iter()
        .flatten()
        .any(|raw| {
            let raw = &*without_neutral_parts(raw);
            BOILERPLATE_MATCHER.is_match(raw)
                || name_words(raw)
                    .iter()
                    .any(|w| BOILERPLATE_WORDS.contains(&w.as_str()))
        })
}

/// Whether an element in a figure wraps the figure's `<figcaption>` (Chorus's
/// `span.e-image__meta`): its name says "meta", but what it holds is the caption, and a
/// credit inside the caption is left out by its own name.
pub(super) fn wraps_a_caption(el: ElementRef) -> bool {
    el.children()
        .filter_map(ElementRef::wrap)
        .any(|c| c.value().name() == "figcaption")
        && el
            .ancestors()
            .take(3)
            .filter_map(ElementRef::wrap)
            .any(|a| a.value().name() == "figure")
}

/// Whether a paragraph is named as a picture's credit (`p.news-article-credit`,
/// `p.photo-credit`): paragraphs are text whatever their name says, but for this one, whose
/// text ("온라인 커뮤니티", "Instagram 'daily_dessert.log'") says nothing of being a credit.
pub(super) fn names_a_credit(e: &Element) -> bool {
    names_one_of(e, &["credit", "credits"])
}

/// Whether a paragraph is named as the writer's line (`p.articledetail-author` holding
/// "【山本健太】", `p.article-footer__author` holding "(mre)"): short, it is a byline
/// whatever it says.
pub(super) fn names_a_byline(e: &Element) -> bool {
    names_one_of(e, &["author", "byline"])
}

/// Whether a word of an element's id or class is one of `words`.
fn names_one_of(e: &Element, words: &[&str]) -> bool {
    let names = Names::of(e);
    [names.id, names.class]
        .into_iter()
        .flatten()
        .any(|raw| name_words(raw).iter().any(|w| words.contains(&w.as_str())))
}

/// Id or class parts of a box of facts set in the article (`aside.fact`, `aside.infobox`, a
/// Norwegian `faktaboks`): the article's text, though an `<aside>` is otherwise a sidebar.
const FACT_BOX_PARTS: &[&str] = &[
    "fact",
    "fakta",
    "infobox",
    "info-box",
    "info_box",
    "infokasten",
];

fn names_a_fact_box(names: &Names) -> bool {
    let raw = names.id_class();
    let lower = raw.to_ascii_lowercase();
    // A table set in the story (a sports site's `aside.inline.inline-table` of player
    // statistics) is its text too.
    FACT_BOX_PARTS.iter().any(|p| lower.contains(p))
        || name_words(&raw).iter().any(|w| w == "table")
}

/// Name parts that say nothing about boilerplate though they hold one of its words.
/// Elementor, a page builder, calls every block of a page a widget, the article's text too
/// (`elementor-widget-text-editor`), and what follows the word still says what the block is
/// (`elementor-widget-share-buttons`). Paywalled sites mark the article's own paragraphs as
/// free or paid (TownNews' `subscriber-preview` and `subscriber-only` inside
/// `itemprop=articleBody`): text, not a box asking to subscribe.
const NEUTRAL_PARTS: &[&str] = &[
    "elementor-widget",
    "subscriber-preview",
    "subscriber-only",
    "subscribers-only",
    "subscriber-content",
    "credit-caption",
];

/// `raw` without its [`NEUTRAL_PARTS`].
fn without_neutral_parts(raw: &str) -> Cow<'_, str> {
    let mut out = Cow::Borrowed(raw);
    for part in NEUTRAL_PARTS {
        if out.contains(part) {
            out = Cow::Owned(out.replace(part, ""));
        }
    }
    out
}

/// [`BOILERPLATE_PARTS`] found in one scan of a name, in any case.
static BOILERPLATE_MATCHER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(BOILERPLATE_PARTS)
        .expect("static patterns")
});

/// Whether an element is page navigation, a footer, an aside or a comment section: what is
/// never the body even when names are not trusted otherwise.
pub(super) fn is_chrome_or_comments(e: &Element) -> bool {
    if matches!(e.name(), "nav" | "footer" | "aside") {
        return true;
    }
    if matches!(e.name(), "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
        return false;
    }
    let lower = raw_id_class(e).to_lowercase();
    ["comment", "disqus", "reply", "cmt_", "cmt-", "cmtlist"]
        .iter()
        .any(|w| lower.contains(w))
}

/// How much an element's id and class say it is (above 1) or is not (below 1) an article
/// container: a factor on its score, so that names weigh alike on short and long pages.
pub(super) fn class_weight(e: &Element) -> f32 {
    let mut weight = 1.0;
    if attr(e, "itemprop").is_some_and(|p| p.to_ascii_lowercase().contains("articlebody")) {
        weight *= 1.5;
    }
    let raw = raw_id_class(e);
    if raw.is_empty() {
        return weight;
    }
    let lower = without_neutral_parts(&raw).to_lowercase();
    if NEGATIVE_PARTS.iter().any(|p| lower.contains(p)) {
        weight *= 0.75;
    }
    if POSITIVE_PARTS.iter().any(|p| lower.contains(p)) {
        weight *= 1.25;
    }
    weight
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(html: &str) -> scraper::Html {
        scraper::Html::parse_fragment(html)
    }

    fn boilerplate(html: &str) -> bool {
        let doc = first(html);
        let el = doc
            .root_element()
            .children()
            .find_map(scraper::ElementRef::wrap)
            .unwrap();
        is_boilerplate(el.value())
    }

    #[test]
    fn bylines_by_name() {
        for (html, want) in [
            (r#"<p class="articledetail-author">【山本健太】</p>"#, true),
            (r#"<p class="article-footer__author">(mre)</p>"#, true),
            (r#"<p class="authorities">x</p>"#, false),
        ] {
            let doc = first(html);
            let p = doc
                .select(&scraper::Selector::parse("p").unwrap())
                .next()
                .unwrap();
            assert_eq!(names_a_byline(p.value()), want, "{html}");
        }
    }

    #[test]
    fn credits_by_name() {
        let doc = first(r#"<p class="news-article-credit">온라인 커뮤니티</p>"#);
        let p = doc
            .select(&scraper::Selector::parse("p").unwrap())
            .next()
            .unwrap();
        assert!(names_a_credit(p.value()));
        let doc = first(r#"<p class="credited-story">본문</p>"#);
        let p = doc
            .select(&scraper::Selector::parse("p").unwrap())
            .next()
            .unwrap();
        assert!(!names_a_credit(p.value()));
    }

    #[test]
    fn boilerplate_by_name() {
        for html in [
            r#"<div class="newsletter-signup">x</div>"#,
            r#"<div class="sns_share">x</div>"#,
            r#"<section id="comments">x</section>"#,
            r#"<div class="author-bio">x</div>"#,
            r#"<div class="post-tags">x</div>"#,
            r#"<ul class="tags">x</ul>"#,
            r#"<div role="complementary">x</div>"#,
            r#"<div class="subscribe-box">x</div>"#,
            r#"<div class="elementor-widget-share-buttons">x</div>"#,
            r#"<aside>x</aside>"#,
            r#"<aside class="related-links">x</aside>"#,
            r#"<div class="affiliate-disclosure">x</div>"#,
            r#"<span class="product-card__badge">x</span>"#,
            r#"<span class="photo-credit">x</span>"#,
            r#"<b class="credit">x</b>"#,
            r#"<div id="ez-toc-container" class="ez-toc-v2_0_17 counter-hierarchy">x</div>"#,
            r#"<nav class="wp-block-table-of-contents">x</nav>"#,
            r#"<div class="reporter_area">x</div>"#,
        ] {
            assert!(boilerplate(html), "{html}");
        }
        for html in [
            r#"<div class="article-body">x</div>"#,
            r#"<div class="paywall-section">x</div>"#,
            r#"<p class="share">x</p>"#,
            r#"<div class="stage">x</div>"#,
            r#"<div class="metadata-free">x</div>"#,
            // a paywalled article's free and paid paragraphs
            r#"<div class="subscriber-preview">x</div>"#,
            r#"<div class="subscriber-only encrypted-content">x</div>"#,
            r#"<div class="elementor-widget-text-editor">x</div>"#,
            // NPR's caption block: the caption stays, its credit line goes
            r#"<div class="credit-caption">x</div>"#,
            r#"<div class="credited-story">x</div>"#,
            r#"<aside class="fact">x</aside>"#,
            r#"<aside class="infobox">x</aside>"#,
            r#"<aside class="inline inline-table">x</aside>"#,
        ] {
            assert!(!boilerplate(html), "{html}");
        }
    }
}
