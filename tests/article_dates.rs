//! Article pages in any language: publication and update times from `itemprop` elements,
//! Dublin Core / citation / Parse.ly `<meta>` tags, microformats, `<time>` elements in the
//! body and a date in the article's URL. Each fixture (German, English, French) carries the
//! clutter real pages have: a site header with today's date, navigation, tickers, related
//! boxes and comments with their own dates, a footer; none of those dates may be taken.

mod common;

use std::path::Path;

use feedmill::article::{extract_article, ArticleInfo, Source};
use feedmill::dates::{Label, Precision};
use url::Url;

use common::article::{assert_list_time_kept, auto, ctx, pending_article, settle_both, when};

fn page(name: &str, url: &str) -> ArticleInfo {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/article")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    extract_article(&text, &Url::parse(url).unwrap(), &auto(), ctx())
}

fn html(html: &str, url: &str) -> ArticleInfo {
    extract_article(html, &Url::parse(url).unwrap(), &auto(), ctx())
}

fn t(time: &str, source: Source) -> Option<(String, Source)> {
    Some((time.to_string(), source))
}

/// German, schema.org microdata. Traps: a ticker and a "Meistgelesen" sidebar with
/// `itemprop=datePublished` before the article, a "Mehr zum Thema" box inside the body, a
/// comment with its own `itemprop=datePublished`, today's date in the site header.
#[test]
fn german_itemprop_dates() {
    let a = page(
        "de_itemprop.html",
        "https://www.rundschau.example/politik/haushalt-einigung-a-1234.html",
    );
    assert_eq!(
        when(&a.published, Label::Published),
        t("2020-02-15T18:00:00+09:00", Source::Itemprop)
    );
    assert_eq!(
        when(&a.updated, Label::Updated),
        t("2020-02-15T22:30:00+09:00", Source::Itemprop)
    );
}

/// English WordPress theme with hAtom and h-entry classes: `<abbr class="published"
/// title>` and `<span class="updated dt-updated">`. Traps: an `abbr.published` with today's
/// date in the masthead, a "Read more" widget before the article with its own `published`
/// dates, comments marked `published` and `updated`, a `published` year in the footer.
#[test]
fn english_microformat_dates() {
    let a = page(
        "en_microformat.html",
        "https://harbourgazette.example/council-cycle-lanes/",
    );
    assert_eq!(
        when(&a.published, Label::Published),
        t("2020-02-15T18:00:00+09:00", Source::Microformat)
    );
    assert_eq!(
        when(&a.updated, Label::Updated),
        t("2020-02-16T17:15:00+09:00", Source::Microformat)
    );
}

/// French, Dublin Core meta tags with mixed-case names. Traps: a live ticker, an "À lire
/// aussi" box and reactions with `<time datetime>`, a French text date line.
#[test]
fn french_dublin_core_meta() {
    let a = page(
        "fr_meta.html",
        "https://www.courrier-rhone.example/actualite/greve-sncf-reprise/",
    );
    assert_eq!(
        when(&a.published, Label::Published),
        t("2020-02-15T18:00:00+09:00", Source::Meta)
    );
    assert_eq!(
        when(&a.updated, Label::Updated),
        t("2020-02-16T00:45:00+09:00", Source::Meta)
    );
}

/// English, nothing but `<time datetime>` elements. Traps: the edition date in the site
/// header, an older date further down the body text, a related box and a comment.
#[test]
fn english_time_in_the_body() {
    let a = page(
        "en_time_body.html",
        "https://dailyledger.example/world/storm-closes-ports",
    );
    assert_eq!(
        when(&a.published, Label::Published),
        t("2020-02-15T22:30:00+09:00", Source::Time)
    );
    assert_eq!(a.updated, None);
}

/// German, no date on the page but in the URL. Traps: a "Mehr zum Thema" box with
/// `<time>` and `itemprop` dates (and dated URLs), a comment with a `<time>`, a footer.
#[test]
fn german_date_from_the_url() {
    let a = page(
        "de_url.html",
        "https://www.stadtanzeiger.example/lokales/2020/02/15/radwege-innenstadt.html",
    );
    assert_eq!(
        when(&a.published, Label::Published),
        t("2020-02-15T00:00:00+09:00", Source::Url)
    );
    assert_eq!(a.published.unwrap().value.precision, Precision::Day);
    assert_eq!(a.updated, None);
    // the same page without a date in its URL has no time at all
    let a = page(
        "de_url.html",
        "https://www.stadtanzeiger.example/lokales/radwege-innenstadt-1234.html",
    );
    assert_eq!(a.published, None);
}

/// Every added meta name, as `name` or `property`, in any case.
#[test]
fn meta_names() {
    let published = [
        "date",
        "DC.date.issued",
        "DC.date",
        "dcterms.created",
        "citation_publication_date",
        "citation_date",
        "sailthru.date",
        "parsely-pub-date",
        "pubdate",
        "publishdate",
        "publish-date",
        "article:published_time",
        // A site's own prefix before Open Graph's ending (Libération's `date:`).
        "date:published_time",
    ];
    for name in published {
        for attr in ["name", "property"] {
            for key in [name.to_string(), name.to_ascii_uppercase()] {
                let page = format!(
                    r#"<html><head><meta {attr}="{key}" content="2020-02-15T10:00:00+01:00"></head><body><h1>T</h1></body></html>"#
                );
                let a = html(&page, "https://x.example/a");
                assert_eq!(
                    when(&a.published, Label::Published),
                    t("2020-02-15T18:00:00+09:00", Source::Meta),
                    "{attr}={key}"
                );
            }
        }
    }
    for name in [
        "dcterms.modified",
        "og:updated_time",
        "article:modified_time",
        "date:modified_time",
    ] {
        let page = format!(
            r#"<html><head><meta name="{name}" content="2020-02-16T10:00:00+01:00"></head><body><h1>T</h1></body></html>"#
        );
        let a = html(&page, "https://x.example/a");
        assert_eq!(
            when(&a.updated, Label::Updated),
            t("2020-02-16T18:00:00+09:00", Source::Meta),
            "{name}"
        );
    }
}

/// JSON-LD, then Open Graph meta, then `itemprop` elements, then other meta, then
/// microformats, then `<time>`, then the URL.
#[test]
fn precedence() {
    let url = "https://x.example/news/2020/02/01/story";
    let ld = r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2020-02-10T00:00:00Z"}</script>"#;
    let og = r#"<meta property="article:published_time" content="2020-02-11T00:00:00Z">"#;
    let item = r#"<span itemprop="datePublished" content="2020-02-12T00:00:00Z">12</span>"#;
    let dc = r#"<meta name="DC.date.issued" content="2020-02-13T00:00:00Z">"#;
    let mf = r#"<abbr class="published" title="2020-02-14T00:00:00Z">14</abbr>"#;
    let time = r#"<time datetime="2020-02-15T00:00:00Z">15</time>"#;
    let all = [ld, og, item, dc, mf, time];
    let want = [
        ("2020-02-10T09:00:00+09:00", Source::JsonLd),
        ("2020-02-11T09:00:00+09:00", Source::Meta),
        ("2020-02-12T09:00:00+09:00", Source::Itemprop),
        ("2020-02-13T09:00:00+09:00", Source::Meta),
        ("2020-02-14T09:00:00+09:00", Source::Microformat),
        ("2020-02-15T09:00:00+09:00", Source::Time),
        ("2020-02-01T00:00:00+09:00", Source::Url),
    ];
    for (skip, (time, source)) in want.iter().enumerate() {
        // the body puts the weaker sources first, so page order decides nothing
        let parts: String = all[skip.min(all.len())..].iter().rev().copied().collect();
        let page = format!("<html><head></head><body><h1>T</h1>{parts}</body></html>");
        let a = html(&page, url);
        assert_eq!(
            when(&a.published, Label::Published),
            t(time, *source),
            "{page}"
        );
    }
}

/// A date in the URL after the fetch, or without a day, gives nothing.
#[test]
fn url_dates_that_do_not_count() {
    let page = "<html><body><h1>T</h1><p>Text without a date.</p></body></html>";
    for url in [
        "https://x.example/2027/01/05/story",
        "https://x.example/2020/02/story",
        "https://x.example/story?date=2020-02-15",
    ] {
        assert_eq!(html(page, url).published, None, "{url}");
    }
}

/// A URL date fills in only for a list that printed no time.
#[test]
fn url_date_does_not_beat_a_printed_list_time() {
    let a = page(
        "de_url.html",
        "https://www.stadtanzeiger.example/lokales/2020/02/15/radwege-innenstadt.html",
    );
    let item = pending_article(
        "https://www.stadtanzeiger.example/lokales/2020/02/15/radwege-innenstadt.html",
        "Neue Radwege für die Innenstadt",
        "2020-02-15T17:20:00Z",
        "2020-02-16T08:00:00Z",
    );
    let (printed, unprinted) = settle_both(&item, &a);
    assert_list_time_kept(&printed);
    assert_eq!(
        unprinted.published,
        Some("2020-02-14T15:00:00Z".parse().unwrap())
    );
    assert!(
        unprinted.sources.contains("published=url"),
        "{}",
        unprinted.sources
    );
}

/// A site that writes its name in an `<h1>` in the page header and keeps the article inside
/// a page-wide panel named like navigation (`i-nav_drawer_slide@tp-__panel`, Engadget's
/// markup). The article's own `<h1>`, which the `<title>` names, is the headline, so the
/// panel around it is not navigation and the JSON-LD in it counts. Traps: today's date in
/// the site header, a rail of other reviews with `<time>` elements after the article.
#[test]
fn site_name_h1_and_a_panel_named_like_navigation() {
    let a = page(
        "en_site_h1_nav_wrapper.html",
        "https://www.gearlog.example/2024/03/07/quiet-tram-review/",
    );
    assert_eq!(
        when(&a.published, Label::Published),
        t("2024-03-07T20:00:00+09:00", Source::JsonLd)
    );
    assert_eq!(
        when(&a.updated, Label::Updated),
        t("2024-03-09T00:15:00+09:00", Source::JsonLd)
    );
}

/// A `<meta name="published_at">` (Swiftype's naming) counts like the other meta dates when
/// nothing stronger is on the page.
#[test]
fn meta_published_at() {
    let a = html(
        r#"<html><head><meta name="published_at" content="2024-03-07T06:00:00-05:00">
        <meta name="updated_at" content="2024-03-08T10:15:00-05:00"></head>
        <body><h1>Quiet Tram review</h1><p>The bike is quick off the line.</p></body></html>"#,
        "https://www.gearlog.example/quiet-tram-review",
    );
    assert_eq!(
        when(&a.published, Label::Published),
        t("2024-03-07T20:00:00+09:00", Source::Meta)
    );
}

/// Tumblr and forum software mark a post as `SocialMediaPosting` or
/// `DiscussionForumPosting`: its `datePublished` is the post's. Trap: a sidebar date.
#[test]
fn social_media_posting_json_ld() {
    let a = page(
        "en_social_posting.html",
        "https://updates.example/post/96439224994/release-notes-42",
    );
    assert_eq!(
        when(&a.published, Label::Published),
        t("2024-09-02T21:35:27+09:00", Source::JsonLd)
    );
}

/// A Chinese site's object for Baidu's search: no `@type`, a `cambrian` context, `pubDate`
/// and `upDate` in the site's local time.
#[test]
fn baidu_cambrian_json_ld() {
    let page = r#"<html lang="zh-CN"><head><script type="application/ld+json">{"@context": "https://ziyuan.baidu.com/contexts/cambrian.jsonld", "@id": "https://news.example.cn/202304/t20230421_9934176.shtml", "appid": "1589742210384476", "title": "龙井茶春茶采摘进入高峰", "pubDate": "2023-04-21T10:05:00", "upDate": "2023-04-22T08:00:00"}</script></head><body><h1>龙井茶春茶采摘进入高峰</h1><p>清明前后，西湖龙井茶区的茶农们迎来了一年中最忙碌的时节。</p><div class="hot"><h3>热点新闻</h3><ul><li><a href="/n/1">杭州地铁新线开通</a> 2023-04-23</li></ul></div></body></html>"#;
    let a = html(
        page,
        "https://news.example.cn/202304/t20230421_9934176.shtml",
    );
    assert_eq!(
        when(&a.published, Label::Published),
        t("2023-04-21T10:05:00+09:00", Source::JsonLd)
    );
    assert_eq!(
        when(&a.updated, Label::Updated),
        t("2023-04-22T08:00:00+09:00", Source::JsonLd)
    );
}
