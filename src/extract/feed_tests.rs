use chrono::{TimeZone, Utc};
use chrono_tz::Asia::Seoul;

use super::*;

fn ctx() -> DateContext {
    DateContext {
        fetched_at: Utc.with_ymd_and_hms(2026, 2, 11, 3, 0, 0).unwrap(),
        zone: Seoul,
    }
}

fn url() -> Url {
    Url::parse("https://news.example.kr/rss/economy.xml").unwrap()
}

fn kst(item: &ListItem) -> Option<String> {
    item.date
        .map(|s| s.instant.with_timezone(&Seoul).format("%F %R").to_string())
}

#[test]
fn feeds_are_told_from_pages() {
    let cases: &[(Option<&str>, &str, bool)] = &[
        (Some("application/rss+xml"), "", true),
        (Some("application/atom+xml; charset=utf-8"), "", true),
        (Some("application/feed+json"), "{}", true),
        (Some("text/html"), "<rss version=\"2.0\">", false),
        (
            Some("text/xml"),
            "<?xml version=\"1.0\"?>\n<rss version=\"2.0\">",
            true,
        ),
        (
            None,
            "\u{feff}<?xml version=\"1.0\"?><!-- c --><feed xmlns=\"x\">",
            true,
        ),
        (
            None,
            "<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"x\">",
            true,
        ),
        (None, "<!DOCTYPE html><html><body>rss</body></html>", false),
        (
            None,
            "<html><head><link rel=\"alternate\" type=\"application/rss+xml\">",
            false,
        ),
        (
            Some("application/json"),
            r#"{"version": "https://jsonfeed.org/version/1.1"}"#,
            true,
        ),
        (Some("application/json"), r#"{"items": []}"#, false),
        (None, "", false),
        (None, "<?xml unterminated", false),
    ];
    for (ct, body, want) in cases {
        assert_eq!(looks_like_feed(*ct, body), *want, "{ct:?} {body:?}");
    }
}

const RSS: &str = r#"<?xml version="1.0" encoding="euc-kr"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>경제 - 뉴스</title>
  <link>https://news.example.kr/</link>
  <description>경제 섹션</description>
  <item>
    <title><![CDATA[반도체 수출 <b>석 달</b> 연속 증가]]></title>
    <link>https://news.example.kr/view.php?idx=101&amp;utm_source=rss</link>
    <description><![CDATA[<img src="/photo/101.jpg"> 지난달 반도체 수출이 늘었다.]]></description>
    <author>김기자</author>
    <pubDate>Tue, 10 Feb 2026 10:32:00 +0000</pubDate>
  </item>
  <item>
    <title>날짜가 구역 없이 적힌 기사</title>
    <link>/view.php?idx=102</link>
    <pubDate>2026-02-10 19:40:00</pubDate>
    <dc:creator>박기자</dc:creator>
  </item>
  <item>
    <title>날짜 없는 기사</title>
    <link>https://news.example.kr/view.php?idx=103</link>
  </item>
  <item>
    <title>링크 없는 항목</title>
  </item>
</channel>
</rss>"#;

#[test]
fn rss_entries_become_items() {
    let page = extract_feed(RSS, &url(), ctx()).unwrap();
    assert_eq!(page.items.len(), 3, "the entry without a link is left out");
    let first = &page.items[0];
    assert_eq!(first.title.as_deref(), Some("반도체 수출 석 달 연속 증가"));
    assert_eq!(
        first.link.as_str(),
        "https://news.example.kr/view.php?idx=101",
        "tracking parameters go, as on list pages"
    );
    assert_eq!(
        first.summary.as_deref(),
        Some("지난달 반도체 수출이 늘었다.")
    );
    assert_eq!(
        first.image.as_ref().map(Url::as_str),
        Some("https://news.example.kr/photo/101.jpg")
    );
    // A zone in the feed is kept: 10:32 UTC is 19:32 in Seoul, never 10:32 KST.
    assert_eq!(kst(first).as_deref(), Some("2026-02-10 19:32"));
    assert!(first.date_text.as_deref().unwrap().contains("+0000"));
    // A date without a zone is read in the feed's zone.
    let second = &page.items[1];
    assert_eq!(
        second.link.as_str(),
        "https://news.example.kr/view.php?idx=102"
    );
    assert_eq!(kst(second).as_deref(), Some("2026-02-10 19:40"));
    assert_eq!(second.author.as_deref(), Some("박기자"));
    assert_eq!(page.items[2].date, None);
    assert!(page.warnings.is_empty(), "{:?}", page.warnings);
}

#[test]
fn atom_entries_keep_published_and_updated_apart() {
    let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example.com/">
  <title>Blog</title><id>urn:x</id><updated>2026-02-10T12:00:00Z</updated>
  <entry>
    <title type="html">Rates &lt;b&gt;held&lt;/b&gt;</title>
    <link rel="alternate" href="posts/rates"/>
    <link rel="enclosure" type="image/jpeg" href="https://cdn.example.com/a.jpg"/>
    <id>urn:1</id>
    <published>2026-02-09T08:00:00+01:00</published>
    <updated>2026-02-10T09:30:00+01:00</updated>
    <author><name>Jane Roe</name></author>
    <summary>Central bank holds.</summary>
  </entry>
  <entry>
    <title>Only an id</title>
    <id>https://blog.example.com/posts/id-only</id>
    <updated>2026-02-08T08:00:00Z</updated>
  </entry>
</feed>"#;
    let page = extract_feed(atom, &url(), ctx()).unwrap();
    assert_eq!(page.items.len(), 2);
    let a = &page.items[0];
    assert_eq!(a.link.as_str(), "https://blog.example.com/posts/rates");
    assert_eq!(a.title.as_deref(), Some("Rates held"));
    assert_eq!(a.author.as_deref(), Some("Jane Roe"));
    assert_eq!(kst(a).as_deref(), Some("2026-02-09 16:00"));
    let updated = a.updated.unwrap().instant.with_timezone(&Seoul);
    assert_eq!(updated.format("%F %R").to_string(), "2026-02-10 17:30");
    let b = &page.items[1];
    assert_eq!(b.link.as_str(), "https://blog.example.com/posts/id-only");
    assert_eq!(
        kst(b).as_deref(),
        Some("2026-02-08 17:00"),
        "updated stands in"
    );
    assert_eq!(b.updated, None);
}

#[test]
fn rdf_and_json_feeds_are_read() {
    let rdf = r#"<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://x.example/"><title>X</title><link>https://x.example/</link><description>x</description></channel>
  <item rdf:about="https://x.example/1"><title>하나</title><link>https://x.example/1</link><dc:date>2026-02-10T19:32:00+09:00</dc:date></item>
</rdf:RDF>"#;
    let page = extract_feed(rdf, &url(), ctx()).unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(kst(&page.items[0]).as_deref(), Some("2026-02-10 19:32"));

    let json = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "J",
      "items": [{"id": "1", "url": "https://j.example/a", "title": "제목",
                 "summary": "요약", "image": "https://j.example/a.png",
                 "date_published": "2026-02-10T10:32:00Z",
                 "authors": [{"name": "이기자"}]}]}"#;
    let page = extract_feed(json, &url(), ctx()).unwrap();
    let item = &page.items[0];
    assert_eq!(item.link.as_str(), "https://j.example/a");
    assert_eq!(item.summary.as_deref(), Some("요약"));
    assert_eq!(item.author.as_deref(), Some("이기자"));
    assert_eq!(kst(item).as_deref(), Some("2026-02-10 19:32"));
}

#[test]
fn broken_and_empty_feeds_say_why() {
    let err = extract_feed("<rss version=\"2.0\"><channel><item>", &url(), ctx());
    assert!(err.is_err() || err.unwrap().items.is_empty());
    let page = extract_feed(
        "<rss version=\"2.0\"><channel><title>t</title></channel></rss>",
        &url(),
        ctx(),
    )
    .unwrap();
    assert!(page.items.is_empty());
    assert_eq!(page.warnings, ["the feed has no entries"]);
    let err = extract_feed("<html><body>not a feed</body></html>", &url(), ctx()).unwrap_err();
    assert!(err.starts_with("the feed could not be read"), "{err}");
}

#[test]
fn huge_feeds_are_bounded() {
    let mut rss = String::from("<rss version=\"2.0\"><channel><title>t</title>");
    for i in 0..MAX_ENTRIES + 50 {
        rss.push_str(&format!(
            "<item><title>t{i}</title><link>https://x.example/{i}</link></item>"
        ));
    }
    rss.push_str("</channel></rss>");
    let page = extract_feed(&rss, &url(), ctx()).unwrap();
    assert_eq!(page.items.len(), MAX_ENTRIES);
    assert!(page.warnings[0].contains(&format!("{} entries", MAX_ENTRIES + 50)));
}
