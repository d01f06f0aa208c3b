//! Unit tests of list extraction.

use url::Url;

use super::*;
use crate::config::Select;
use crate::dates::DateContext;

fn select(toml_select: &str) -> Select {
    let text = format!(
        "[feeds.t]\ntitle = \"T\"\nurl = \"https://x.kr/\"\n[feeds.t.select]\n{toml_select}"
    );
    let config = crate::config::parse(&text, std::path::Path::new("feeds.toml")).unwrap();
    config.feeds[0].select.clone().unwrap()
}

fn ctx() -> DateContext {
    DateContext {
        fetched_at: "2026-02-11T00:00:00Z".parse().unwrap(),
        zone: chrono_tz::Asia::Seoul,
    }
}

#[test]
fn thumbnail_and_title_links_make_one_item() {
    let html = r#"<html><head><base href="https://news.x.kr/sub/"></head><body>
        <ul class="list">
          <li><a href="view/1?utm_source=main"><img data-src="/img/1.jpg" src="data:image/gif;base64,R0"></a>
              <a href="view/1">  미 연준, &quot;금리&quot;   동결 &amp;amp; 관망 </a><em>김기자</em></li>
          <li><a href="javascript:;">광고</a></li>
          <li><a href="view/2#cmt">두번째 <b>기사</b>입니다<br>부제</a><img srcset="/img/2.jpg 1x, /img/2@2x.jpg 2x"><script>var x = 1;</script></li>
          <li><a href="view/1">미 연준</a></li>
        </ul></body></html>"#;
    let s = select("item = \"ul.list li\"\nauthor = \"em\"\nimage = \"img\"\n");
    let page = extract_list(html, &Url::parse("https://news.x.kr/").unwrap(), &s, ctx());
    assert_eq!(page.items.len(), 2, "{:?}", page.items);
    let a = &page.items[0];
    assert_eq!(a.link.as_str(), "https://news.x.kr/sub/view/1");
    assert_eq!(
        a.title.as_deref(),
        Some("미 연준, \"금리\" 동결 &amp; 관망")
    );
    assert_eq!(
        a.image.as_ref().map(Url::as_str),
        Some("https://news.x.kr/img/1.jpg")
    );
    assert_eq!(a.author.as_deref(), Some("김기자"));
    let b = &page.items[1];
    assert_eq!(b.link.as_str(), "https://news.x.kr/sub/view/2");
    assert_eq!(b.title.as_deref(), Some("두번째 기사입니다 부제"));
    assert_eq!(
        b.image.as_ref().map(Url::as_str),
        Some("https://news.x.kr/img/2.jpg")
    );
    assert!(
        page.warnings.iter().any(|w| w.contains("without a link")),
        "{:?}",
        page.warnings
    );
}

#[test]
fn attr_fields_and_time_elements() {
    let html = r#"<div class="a" data-href="/n/7"><h2>제목</h2><time datetime="2026-02-10T19:32:00+09:00">2시간 전</time>
        <span class="d" data-ts="2026.02.10 19:32">x</span></div>"#;
    let s = select("item = \"div.a\"\nlink = \"div.a@data-href\"\n");
    // the item's own attribute is not a descendant: link comes from nowhere, so it is skipped
    let page = extract_list(html, &Url::parse("https://x.kr/").unwrap(), &s, ctx());
    assert!(page.items.is_empty());

    let html = r#"<ul><li class="a"><a href="/n/7">제목</a><time datetime="2026-02-10T19:32:00+09:00">2시간 전</time></li></ul>"#;
    let s = select("item = \"li.a\"\n");
    let page = extract_list(html, &Url::parse("https://x.kr/").unwrap(), &s, ctx());
    assert_eq!(
        page.items[0].date_text.as_deref(),
        Some("2026-02-10T19:32:00+09:00")
    );

    let html = r#"<ul><li class="a"><a href="/n/8">제목</a><span class="d" data-ts="2026.02.10 19:32">어제</span></li></ul>"#;
    let s = select("item = \"li.a\"\ndate = \"span.d@data-ts\"\n");
    let page = extract_list(html, &Url::parse("https://x.kr/").unwrap(), &s, ctx());
    assert_eq!(page.items[0].date_text.as_deref(), Some("2026.02.10 19:32"));
}

#[test]
fn nothing_matched_warns() {
    let s = select("item = \"div.gone\"\n");
    let page = extract_list(
        "<p>바뀐 레이아웃</p>",
        &Url::parse("https://x.kr/").unwrap(),
        &s,
        ctx(),
    );
    assert!(page.items.is_empty());
    assert!(page.warnings[0].contains("select.item matched nothing"));
}

#[test]
fn broken_markup_does_not_panic() {
    let s = select("item = \"li\"\n");
    for html in [
        "",
        "<li><a href=",
        "<li><a href='http://[::1'>x</a>",
        "<<<>>>",
        "<li><a href=\"http://x.kr/\u{0}\">\u{fffe}</a>",
    ] {
        let _ = extract_list(html, &Url::parse("https://x.kr/").unwrap(), &s, ctx());
    }
}
