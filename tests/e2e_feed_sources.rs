//! Existing feeds as sources, end to end: a poor RSS feed (no dates, titles only) made whole
//! from its article pages, an Atom feed, an EUC-KR feed whose dates carry no zone, a feed of
//! 100,000 entries, and a feed that breaks after a good build. Output is parsed back with
//! feed-rs.

mod common;

use std::path::{Path, PathBuf};

use common::{fixture, run_on_config, Resp, TestServer};

const NOW: &str = "2026-02-11T09:00:00+09:00";

fn config(dir: &Path, body: &str) -> PathBuf {
    let cfg = dir.join("feeds.toml");
    std::fs::write(
        &cfg,
        format!(
            "[settings]\nhost_delay = \"0s\"\nbase_url = \"http://feeds.example.test/\"\n\n{body}"
        ),
    )
    .unwrap();
    cfg
}

fn build(cfg: &Path) -> String {
    let out = run_on_config(&["build"], cfg, NOW);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    stderr
}

fn json(dir: &Path, id: &str) -> serde_json::Value {
    let path = dir.join(format!("output/{id}.json"));
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn parsed(dir: &Path, file: &str) -> feed_rs::model::Feed {
    let bytes = std::fs::read(dir.join("output").join(file)).unwrap();
    feed_rs::parser::parse(&bytes[..]).unwrap()
}

/// An RSS feed as poor Korean feeds are: titles and links only, no dates, no summaries.
fn poor_rss(server: &TestServer) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>뉴스 - 산업</title><link>{site}</link><description>산업 섹션 RSS</description>
<item><title><![CDATA[삼성전자, 2나노 GAA 양산 돌입…]]></title><link>{site}news/articleView.html?idxno=167001</link></item>
<item><title>[뉴욕증시] 엔비디아 급등에 나스닥 사상 최고</title><link>{site}news/view/20260210000876</link></item>
</channel></rss>"#,
        site = server.url("/")
    )
}

/// Serves [`poor_rss`] at `/rss/industry.xml` as RSS.
fn serve_poor_rss(server: &TestServer) {
    server.set(
        "/rss/industry.xml",
        Resp::bytes(
            "application/rss+xml; charset=utf-8",
            poor_rss(server).into(),
        ),
    );
}

#[test]
fn a_feed_without_dates_is_made_whole_from_its_article_pages() {
    let server = TestServer::start();
    serve_poor_rss(&server);
    server.set(
        "/news/articleView.html",
        Resp::html(fixture("article/jsonld_z.html")),
    );
    server.set(
        "/news/view/20260210000876",
        Resp::html(fixture("article/newspim_text.html")),
    );
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(
        dir.path(),
        &format!(
            "[feeds.industry]\ntitle = \"산업\"\nurl = \"{}\"\nformats = [\"rss\", \"atom\", \"json\"]\n\n[feeds.industry.article]\nfetch = true\n",
            server.url("/rss/industry.xml")
        ),
    );
    build(&cfg);
    let feed = json(dir.path(), "industry");
    let items = feed["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    let a = items
        .iter()
        .find(|i| i["url"].as_str().unwrap().contains("idxno=167001"))
        .unwrap();
    // The article page's JSON-LD (in UTC) gives the time, the full headline and the rest.
    assert_eq!(a["date_published"], "2026-02-10T19:32:00+09:00");
    assert_eq!(
        a["title"],
        "삼성전자, 2나노 GAA 양산 돌입…파운드리 반격 시작"
    );
    assert_eq!(a["authors"][0]["name"], "김민지 기자, 박준형 기자");
    assert!(a["summary"]
        .as_str()
        .unwrap()
        .starts_with("삼성전자가 2나노미터"));
    let b = items
        .iter()
        .find(|i| i["url"].as_str().unwrap().contains("20260210000876"))
        .unwrap();
    assert_eq!(b["date_published"], "2026-02-10T19:32:00+09:00");

    let rss = parsed(dir.path(), "industry.rss");
    assert_eq!(rss.entries.len(), 2);
    assert!(rss.entries.iter().all(|e| e.published.is_some()));
    let atom = parsed(dir.path(), "industry.atom");
    assert_eq!(atom.entries.len(), 2);
}

#[test]
fn atom_and_zoneless_euc_kr_feeds_keep_their_times() {
    let server = TestServer::start();
    let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Tech Blog</title><id>urn:uuid:1</id><updated>2026-02-10T12:00:00Z</updated>
  <entry><title>Rust 1.93 released</title><link href="/posts/rust-193"/><id>urn:uuid:2</id>
    <published>2026-02-10T12:00:00Z</published><updated>2026-02-10T15:00:00Z</updated>
    <author><name>Jane Roe</name></author><summary>What is new.</summary></entry>
</feed>"#;
    server.set(
        "/atom.xml",
        Resp::bytes("application/atom+xml", atom.into()),
    );
    // EUC-KR bytes, declared only in the XML prolog, served as text/xml; dates without zone.
    let rss = r#"<?xml version="1.0" encoding="euc-kr"?>
<rss version="2.0"><channel><title>지역 뉴스</title><link>http://x/</link><description>d</description>
<item><title>시청 앞 광장 겨울 축제 개막</title><link>/news/1001</link><pubDate>2026-02-10 19:32:00</pubDate><description>올해로 열 번째를 맞는 축제가 개막했다.</description></item>
<item><title>구청, 제설 대책 발표</title><link>/news/1002</link><pubDate>2026/02/09 08:05</pubDate></item>
</channel></rss>"#;
    let (bytes, _, bad) = encoding_rs::EUC_KR.encode(rss);
    assert!(!bad);
    server.set("/local.xml", Resp::bytes("text/xml", bytes.into_owned()));
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(
        dir.path(),
        &format!(
            "[feeds.tech]\ntitle = \"Tech\"\nurl = \"{}\"\nformats = [\"rss\", \"atom\", \"json\"]\n\n[feeds.local]\ntitle = \"지역\"\nurl = \"{}\"\nformats = [\"rss\", \"atom\", \"json\"]\n",
            server.url("/atom.xml"),
            server.url("/local.xml")
        ),
    );
    build(&cfg);

    let tech = json(dir.path(), "tech");
    let t = &tech["items"][0];
    assert_eq!(t["url"], server.url("/posts/rust-193"));
    assert_eq!(t["title"], "Rust 1.93 released");
    // 12:00 UTC stays 12:00 UTC: a zone in the feed is never overridden by `timezone`.
    assert_eq!(t["date_published"], "2026-02-10T21:00:00+09:00");
    assert_eq!(t["date_modified"], "2026-02-11T00:00:00+09:00");
    assert_eq!(t["authors"][0]["name"], "Jane Roe");

    let local = json(dir.path(), "local");
    let items = local["items"].as_array().unwrap();
    assert_eq!(items[0]["title"], "시청 앞 광장 겨울 축제 개막");
    assert_eq!(
        items[0]["summary"],
        "올해로 열 번째를 맞는 축제가 개막했다."
    );
    // No zone printed: the time is read in the feed's zone (KST), not as UTC.
    assert_eq!(items[0]["date_published"], "2026-02-10T19:32:00+09:00");
    assert_eq!(items[1]["date_published"], "2026-02-09T08:05:00+09:00");
    let parsed_local = parsed(dir.path(), "local.atom");
    assert_eq!(parsed_local.entries.len(), 2);
}

#[test]
fn a_huge_feed_is_bounded_and_a_broken_one_keeps_the_files() {
    let server = TestServer::start();
    let mut big = String::from("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title><link>http://x/</link><description>d</description>");
    // 100,000 entries in about 5 MB, under the 10 MiB body limit.
    for i in 0..100_000 {
        big.push_str(&format!(
            "<item><title>{i}</title><link>/a/{i}</link></item>"
        ));
    }
    big.push_str("</channel></rss>");
    server.set("/big.xml", Resp::bytes("application/rss+xml", big.into()));
    server.set(
        "/small.xml",
        Resp::bytes("application/rss+xml", poor_rss(&server).into()),
    );
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(
        dir.path(),
        &format!(
            "[feeds.big]\ntitle = \"큰\"\nurl = \"{}\"\nformats = [\"json\"]\n\n[feeds.small]\ntitle = \"작은\"\nurl = \"{}\"\nformats = [\"json\"]\n",
            server.url("/big.xml"),
            server.url("/small.xml")
        ),
    );
    let log = build(&cfg);
    assert!(log.contains("big: 50 items"), "{log}");
    let check = run_on_config(&["check", "big"], &cfg, NOW);
    let shown = String::from_utf8_lossy(&check.stdout);
    assert!(shown.contains("only the first 1000 were read"), "{shown}");
    assert!(shown.contains("read the page as a feed"), "{shown}");
    let big = json(dir.path(), "big");
    assert_eq!(big["items"].as_array().unwrap().len(), 50, "max_items");
    let before = std::fs::read(dir.path().join("output/small.json")).unwrap();

    // The feed breaks: its files stay, the other feed is unharmed.
    server.set(
        "/small.xml",
        Resp::bytes(
            "application/rss+xml",
            b"<rss version=\"2.0\"><channel><item><title>".to_vec(),
        ),
    );
    let out = run_on_config(&["build"], &cfg, "2026-02-11T10:00:00+09:00");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("small"), "{stderr}");
    assert!(stderr.contains("previous files kept"), "{stderr}");
    assert_eq!(
        std::fs::read(dir.path().join("output/small.json")).unwrap(),
        before
    );
    assert_eq!(
        json(dir.path(), "big")["items"].as_array().unwrap().len(),
        50
    );
}

#[test]
fn suggest_names_advertised_feeds_and_reads_feed_urls() {
    let server = TestServer::start();
    serve_poor_rss(&server);
    let page = r#"<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>산업 - 뉴스</title>
<link rel="alternate" type="application/rss+xml" title="뉴스 산업 RSS" href="/rss/industry.xml">
<link rel="stylesheet" href="/css/style.css"></head><body>
<nav><a href="/">홈</a> <a href="/politics">정치</a></nav>
<ul class="list">
<li><a href="/news/view/1001">반도체 수출 석 달 연속 증가</a><span class="date">2026.02.10 19:32</span></li>
<li><a href="/news/view/1002">코스피, 외국인 매수에 2% 상승</a><span class="date">2026.02.10 18:10</span></li>
<li><a href="/news/view/1003">정부, 전력망 확충에 12조 투입</a><span class="date">2026.02.10 17:45</span></li>
<li><a href="/news/view/1004">항공업계 봄 노선 증편 경쟁</a><span class="date">2026.02.10 16:20</span></li>
</ul></body></html>"#;
    server.set("/industry", Resp::html(page));
    let dir = tempfile::tempdir().unwrap();
    let env = [("FEEDMILL_NOW", NOW)];
    let out = common::run_feedmill(
        &["suggest", &server.url("/industry")],
        dir.path(),
        &env,
        std::time::Duration::from_secs(60),
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("this page advertises a feed"), "{text}");
    assert!(
        text.contains(&format!(
            "{}  (뉴스 산업 RSS)",
            server.url("/rss/industry.xml")
        )),
        "{text}"
    );

    let out = common::run_feedmill(
        &["suggest", &server.url("/rss/industry.xml")],
        dir.path(),
        &env,
        std::time::Duration::from_secs(60),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("this URL answers a feed"), "{text}");
    assert!(text.contains("2 of them carry no date"), "{text}");
    assert!(text.contains("삼성전자, 2나노 GAA 양산 돌입"), "{text}");
    // The block it prints is a config that builds.
    let block = text.split("\n# first items:").next().unwrap();
    let cfg = config(dir.path(), block);
    let log = build(&cfg);
    assert!(log.contains("2 items"), "{log}");
}
