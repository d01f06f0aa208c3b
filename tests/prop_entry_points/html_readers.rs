//! A grammar of HTML pieces (real tags, broken markup, dates, JSON-LD), and the list, article
//! and detection readers on the pages it builds.

use crate::shared::*;
use feedmill::article::extract_article;
use feedmill::config::Select;
use feedmill::detect::detect;
use feedmill::extract::extract_list;
use feedmill::html::{nesting_depth, MAX_TITLE};
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;
use url::Url;

const TAGS: &[&str] = &[
    "a",
    "div",
    "li",
    "ul",
    "ol",
    "article",
    "section",
    "p",
    "span",
    "strong",
    "time",
    "img",
    "table",
    "tbody",
    "tr",
    "td",
    "h1",
    "h2",
    "h4",
    "em",
    "b",
    "i",
    "font",
    "script",
    "style",
    "template",
    "base",
    "meta",
    "title",
    "pre",
    "figure",
    "figcaption",
    "aside",
    "svg",
    "math",
    "noscript",
    "select",
    "option",
    "form",
    "iframe",
    "body",
    "html",
    "head",
    "header",
    "footer",
    "nav",
    "main",
    "br",
    "textarea",
    "xmp",
    "dl",
    "dt",
    "dd",
    "button",
    "label",
];

const HREFS: &[&str] = &[
    "/news/article/20260210000123",
    "/news/article/20260210000123#comment",
    "view.html?id=1&utm_source=x&fbclid=y",
    "https://news.example.kr/view/2",
    "http://other.example.com/a?b=c#d",
    "//cdn.example.kr/img/a.jpg",
    "../up/../../x",
    "javascript:void(0)",
    "mailto:a@b.kr",
    "file:///tmp/a.html",
    "data:text/html,<b>x</b>",
    "#top",
    "",
    " ",
    "?page=2",
    "/기사/한글경로?검색=뉴스",
    "http://[::1]:99999/",
    "http://",
    "https://xn--3e0b707e.kr/%zz",
    "\u{0}\u{1f}",
];

const CLASSES: &[&str] = &[
    "subject_h",
    "summary",
    "byline",
    "date",
    "item",
    "titles",
    "ad",
    "thumb",
    "writer",
    "related",
    "name",
    "updated",
    "photo",
    "article_txt",
    "list",
    "news",
    "title",
];

const TEXTS: &[&str] = &[
    "황숙혜 기자",
    "[서울=뉴스핌] 황숙혜 기자 = 미국 증시가 하락했다.",
    "뉴스핌 글로벌 섹션 최신 기사",
    "입력 2026.02.10 19:32 | 수정 2026.02.11 08:05",
    "기사입력 : 2026년02월10일 19:32",
    "2026-02-10 19:32",
    "오후 7:32",
    "3시간 전",
    "어제",
    "2026-02-10T19:32:00+09:00",
    "Tue, 10 Feb 2026 19:32:00 +0900",
    "9999.99.99 99:99",
    "1770719520000",
    "AI가 작성한 기사입니다",
    "Copyright © 뉴스핌",
    "   \n\t  ",
    "\u{a0}\u{3000}\u{200b}",
    "]]>",
];

const ENTITIES: &[&str] = &[
    "&amp;",
    "&lt;",
    "&gt;",
    "&quot;",
    "&#39;",
    "&nbsp;",
    "&#44592;",
    "&#xAE30;",
    "&#x1F600;",
    "&#0;",
    "&#xD800;",
    "&#99999999;",
    "&bogus;",
    "&",
    "&#",
    "&#x;",
    "&amp",
    "&copy",
];

const BROKEN: &[&str] = &[
    "<",
    "</",
    ">",
    "<a href=\"",
    "<div class='",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<!DOCTYPE html>",
    "</>",
    "<a/b>",
    "<p <p>",
    "<img src=x onerror=alert(1)>",
    "<?xml?>",
    "</div></div></div>",
    "<div/>",
    "<=",
    "<3",
    "<\u{0}>",
    // A raw-text start tag cut off at the end of the page (fuzz finding 3).
    "<script",
    "<style x",
    "<textarea",
    "<title a=\"",
];

const DATE_VALUES: &[&str] = &[
    "2026-02-10T19:32:00+09:00",
    "2026-02-10 19:32",
    "2026.02.10",
    "1770719520",
    "bogus",
    "",
    "2099-01-01T00:00:00Z",
    "+262143-12-31T23:59:59Z",
];

const JSON_LD: &[&str] = &[
    r#"{"@context":"https://schema.org","@type":"NewsArticle","headline":"제목","datePublished":"2026-02-10T19:32:00+09:00","dateModified":"2026-02-11T08:05:00+09:00","author":{"@type":"Person","name":"황숙혜 기자"},"image":["https://img.example.kr/a.jpg"]}"#,
    r#"{"@graph":[{"@type":"WebPage"},{"@type":["NewsArticle"],"datePublished":"2026-02-10 19:32"}]}"#,
    r#"{"@type":"ItemList","itemListElement":[{"@type":"ListItem","url":"/a/1"},{"@type":"ListItem","url":"/a/2"},{"@type":"ListItem","url":"/a/3"}]}"#,
    r#"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["#,
    r#"{"a":"\ud800","b":"\u0000","c":1e999999,"d":-0,"e":"#,
    r#"{"@type":"NewsArticle","datePublished":null,"author":[[],{},1,"x"],"headline":{"@value":"x"}}"#,
];

/// One piece of the soup a page is made of.
fn piece() -> impl Strategy<Value = String> {
    let tag = prop::sample::select(TAGS);
    let attr = prop_oneof![
        prop::sample::select(HREFS).prop_map(|h| format!("href=\"{h}\"")),
        prop::sample::select(HREFS).prop_map(|h| format!("src='{h}'")),
        prop::sample::select(HREFS).prop_map(|h| format!("data-src={h}")),
        prop::sample::select(HREFS).prop_map(|h| format!("srcset=\"{h} 1x, /b.jpg 2x\"")),
        prop::sample::select(HREFS).prop_map(|h| format!("data-bg=\"{h}\"")),
        prop::sample::select(CLASSES).prop_map(|c| format!("class=\"{c} x\"")),
        prop::sample::select(vec!["section-list", "article-body", "content", "top"])
            .prop_map(|i| format!("id=\"{i}\"")),
        prop::sample::select(DATE_VALUES).prop_map(|d| format!("datetime=\"{d}\"")),
        prop::sample::select(DATE_VALUES).prop_map(|d| format!("data-time=\"{d}\"")),
        prop::sample::select(vec![
            "property=\"og:title\"",
            "property=\"article:published_time\"",
            "name=\"description\"",
            "type=\"application/ld+json\"",
            "content=\"2026-02-10T19:32:00+09:00\"",
            "content=\"https://img.example.kr/og.jpg\"",
            "rel=\"canonical\"",
            "title=\"제목 &amp; 부제\"",
            "hidden",
            "style=\"display:none\"",
        ])
        .prop_map(str::to_string),
        ("[a-z:-]{1,8}", "\\PC{0,10}").prop_map(|(n, v)| format!("{n}=\"{v}\"")),
    ];
    let open = (tag.clone(), prop::collection::vec(attr, 0..3))
        .prop_map(|(t, a)| format!("<{t} {}>", a.join(" ")));
    let close = tag.prop_map(|t| format!("</{t}>"));
    prop_oneof![
        5 => open,
        4 => close,
        4 => prop::sample::select(TEXTS).prop_map(str::to_string),
        2 => "\\PC{0,24}",
        2 => "[가-힣 ]{1,20}",
        2 => prop::sample::select(ENTITIES).prop_map(str::to_string),
        2 => prop::sample::select(BROKEN).prop_map(str::to_string),
        1 => prop::sample::select(JSON_LD)
            .prop_map(|j| format!("<script type=\"application/ld+json\">{j}</script>")),
        1 => "[ -~]{0,16}".prop_map(|c| format!("<!--{c}-->")),
    ]
}

/// A page: a soup of pieces, wrapped in up to a few hundred levels of nesting, sometimes
/// with a realistic list of articles inside.
fn html_page() -> impl Strategy<Value = String> {
    let wrapper = prop::sample::select(vec![
        "div", "span", "section", "b", "ul", "a", "table", "font",
    ]);
    let list = prop::collection::vec(
        (
            0u32..1_000_000,
            prop::sample::select(TEXTS),
            prop::sample::select(DATE_VALUES),
        ),
        0..8,
    )
    .prop_map(|rows| {
        rows.into_iter()
            .map(|(id, text, date)| {
                format!(
                    "<li><article><a href=\"/news/{id}#c\"><strong class=\"subject_h\">{text}</strong></a>\
                     <p class=\"summary\">{text}</p><p class=\"byline\">{date}</p>\
                     <time datetime=\"{date}\">{date}</time><img src=\"/img/{id}.jpg\"></article></li>"
                )
            })
            .collect::<String>()
    });
    (
        prop::collection::vec(piece(), 0..80),
        list,
        wrapper,
        0usize..400,
        0usize..400,
        any::<bool>(),
    )
        .prop_map(|(soup, list, wrap, depth, closed, doctype)| {
            let mut html = String::new();
            if doctype {
                html.push_str("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>목록</title></head><body>");
            }
            for _ in 0..depth {
                html.push_str(&format!("<{wrap}>"));
            }
            let half = soup.len() / 2;
            html.push_str(&soup[..half].concat());
            html.push_str("<ul id=\"section-list\">");
            html.push_str(&list);
            html.push_str("</ul>");
            html.push_str(&soup[half..].concat());
            for _ in 0..closed.min(depth) {
                html.push_str(&format!("</{wrap}>"));
            }
            html
        })
}

fn check_list_items(html: &str, select: &Select) -> Result<(), TestCaseError> {
    let page = extract_list(html, &page_url(), select, ctx());
    for item in &page.items {
        let link = &item.link;
        prop_assert!(
            matches!(link.scheme(), "http" | "https" | "file"),
            "link {} is not absolute http(s)/file",
            link
        );
        prop_assert!(link.fragment().is_none(), "link {} keeps a fragment", link);
        // The page is https, and a web page may not link to file: (only a file: page may).
        prop_assert!(link.scheme() != "file", "web page links to {}", link);
        if let Some(title) = &item.title {
            let n = title.chars().count();
            prop_assert!(n <= MAX_TITLE + 1, "title of {} chars: {:?}", n, title);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn extract_list_never_panics_and_gives_absolute_links(html in html_page()) {
        let _ = nesting_depth(&html);
        for select in &selects() {
            check_list_items(&html, select)?;
        }
    }

    #[test]
    fn extract_list_cuts_long_titles(word in "[가-힣a-z]{1,12}", repeat in 20usize..400) {
        let title = vec![word; repeat].join(" ");
        let html = format!("<ul><li><a href=\"/a#x\">{title}</a></li></ul>");
        for select in &selects() {
            check_list_items(&html, select)?;
        }
    }

    #[test]
    fn extract_article_never_panics(html in html_page()) {
        for rules in &article_rules() {
            let url = Url::parse("https://news.example.kr/view/20260210000123").unwrap();
            let info = extract_article(&html, &url, rules, ctx());
            if let Some(content) = &info.content {
                prop_assert!(!content.to_ascii_lowercase().contains("<script"), "content keeps a script: {}", content);
            }
        }
    }

    #[test]
    fn detect_never_panics(html in html_page()) {
        let candidates = detect(&html, &page_url(), ctx());
        prop_assert!(candidates.len() <= 12);
        for c in &candidates {
            prop_assert!(c.score.is_finite());
            prop_assert!(c.to_select().is_ok(), "candidate selectors do not parse: {:?}", c);
        }
    }
}

#[test]
fn deep_nesting_at_the_limit_is_read() {
    // 400 levels of the grammar's wrappers, and exactly the guard's limit (with ul and li).
    for depth in [400, feedmill::html::MAX_NESTING - 2] {
        let html = format!(
            "<meta property=\"article:published_time\" content=\"2026-02-10T19:32:00+09:00\">\
             {}<ul><li><a href=\"/a/1\">제목</a><time>2026-02-10 19:32</time></li></ul>{}",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        assert_eq!(nesting_depth(&html), depth + 2);
        let page = extract_list(&html, &page_url(), &selects()[1], ctx());
        assert_eq!(page.items.len(), 1);
        // Not refused at the limit: the page's meta time is still read.
        let info = extract_article(&html, &page_url(), &article_rules()[0], ctx());
        assert!(info.published.is_some(), "depth {depth}: {info:?}");
        let _ = detect(&html, &page_url(), ctx());
    }
}
