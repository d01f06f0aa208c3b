//! Article pages end to end: a list page whose items say little, article pages that say the
//! rest (JSON-LD in UTC, labelled text with an AI-summary box and a wire byline), one article
//! that fails, and a filter. Every field of every item is checked, and no article page is
//! fetched twice across builds.

mod common;

use std::path::{Path, PathBuf};

use common::{fixture, run_on_config, Resp, TestServer};

const A: &str = "/news/articleView.html"; // ?idxno=167001 → jsonld_z.html
const B: &str = "/news/view/20260210000876"; // → newspim_text.html
const C: &str = "/news/view/20260210000999"; // → 404 every time
const LIST: &str = "/news/list.html";

fn list_page() -> String {
    format!(
        r#"<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>산업 - 뉴스</title></head><body>
<nav class="gnb"><a href="/politics">정치</a> <a href="/economy">경제</a></nav>
<ul class="article-list">
  <li><a href="{A}?idxno=167001">삼성전자, 2나노 GAA 양산 돌입…</a></li>
  <li><a href="{B}">[뉴욕증시] 엔비디아 급등에 나스닥 사상 최고</a>
      <p class="lead">[서울=뉴스핌] 황숙혜 기자 = 미국 증시가 10일(현지시각) 엔비디아의 급등에 힘입어 상승했다.</p></li>
  <li><a href="{C}">반도체 장비 수출 규제 강화</a><span class="date">2026.02.10 11:00</span></li>
  <li><a href="/news/view/20260210000777">[광고] 봄맞이 특가 세일</a></li>
</ul>
<div class="ranking"><h3>많이 본 뉴스</h3><a href="/news/view/1">다른 기사</a></div>
</body></html>"#
    )
}

fn setup() -> (TestServer, tempfile::TempDir, PathBuf) {
    let server = TestServer::start();
    server.set(LIST, Resp::html(list_page()));
    server.set(A, Resp::html(fixture("article/jsonld_z.html")));
    server.set(B, Resp::html(fixture("article/newspim_text.html")));
    server.set(C, Resp::status(404));
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("feeds.toml");
    std::fs::write(
        &cfg,
        format!(
            r#"[settings]
host_delay = "0s"
base_url = "http://feeds.example.test/"

[feeds.industry]
title = "뉴스 산업"
url = "{}"
formats = ["rss", "atom", "json"]

[feeds.industry.select]
item = "ul.article-list > li"
link = "a"
summary = "p.lead"
date = "span.date"

[feeds.industry.article]
fetch = true

[feeds.industry.filter]
exclude = ["광고"]
"#,
            server.url(LIST)
        ),
    )
    .unwrap();
    (server, dir, cfg)
}

fn build(cfg: &Path, now: &str) {
    let out = run_on_config(&["build"], cfg, now);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn json(dir: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dir.join("output/industry.json")).unwrap()).unwrap()
}

fn item<'a>(feed: &'a serde_json::Value, path_part: &str) -> &'a serde_json::Value {
    feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["url"].as_str().unwrap().contains(path_part))
        .unwrap_or_else(|| panic!("no item for {path_part}"))
}

#[test]
fn article_pages_settle_every_field_and_are_fetched_once() {
    let (server, dir, cfg) = setup();
    build(&cfg, "2026-02-11T09:00:00+09:00");
    let feed = json(dir.path());
    assert_eq!(
        feed["items"].as_array().unwrap().len(),
        3,
        "the advert is filtered out"
    );

    // A: JSON-LD in UTC gives the times; the cut title is replaced by the headline.
    let a = item(&feed, "idxno=167001");
    assert_eq!(
        a["title"],
        "삼성전자, 2나노 GAA 양산 돌입…파운드리 반격 시작"
    );
    assert_eq!(a["date_published"], "2026-02-10T19:32:00+09:00");
    assert_eq!(a["date_modified"], "2026-02-11T08:05:00+09:00");
    assert_eq!(a["authors"][0]["name"], "김민지 기자, 박준형 기자");
    assert_eq!(
        a["summary"],
        "삼성전자가 2나노미터(nm) 게이트올어라운드(GAA) 공정 양산에 들어갔다. 첫 고객은 국내 AI 반도체 스타트업으로, 회사는 연내 수율을 70%까지 끌어올린다는 계획이다."
    );
    assert_eq!(
        a["image"],
        "https://cdn.aitimes.example/news/photo/202602/167001_201455_1032.jpg"
    );

    // B: labelled text gives the times; the list's summary stays, without its wire byline.
    let b = item(&feed, B);
    assert_eq!(b["title"], "[뉴욕증시] 엔비디아 급등에 나스닥 사상 최고");
    assert_eq!(b["date_published"], "2026-02-10T19:32:00+09:00");
    assert_eq!(b["date_modified"], "2026-02-11T08:05:00+09:00");
    assert_eq!(
        b["summary"],
        "미국 증시가 10일(현지시각) 엔비디아의 급등에 힘입어 상승했다."
    );
    assert_eq!(b["authors"][0]["name"], "황숙혜 기자");

    // C: its page fails; it keeps the list's values and never fails the feed.
    let c = item(&feed, C);
    assert_eq!(c["title"], "반도체 장비 수출 규제 강화");
    assert_eq!(c["date_published"], "2026-02-10T11:00:00+09:00");

    // The same times in RSS (+0900) and Atom (+09:00).
    let rss = std::fs::read_to_string(dir.path().join("output/industry.rss")).unwrap();
    assert!(
        rss.contains("<pubDate>Tue, 10 Feb 2026 19:32:00 +0900</pubDate>"),
        "{rss}"
    );
    let atom = std::fs::read_to_string(dir.path().join("output/industry.atom")).unwrap();
    assert!(atom.contains("<published>2026-02-10T19:32:00+09:00</published>"));
    assert!(atom.contains("<updated>2026-02-11T08:05:00+09:00</updated>"));
    assert!(
        !rss.contains("AI 핵심 요약") && !atom.contains("AI 핵심 요약"),
        "AI-summary box used"
    );

    assert_eq!((server.hits(A), server.hits(B), server.hits(C)), (1, 1, 1));

    // Later builds: enriched articles are never fetched again; the failing one is tried
    // again, three times in all.
    for (n, now) in [
        "2026-02-11T09:30:00+09:00",
        "2026-02-11T10:00:00+09:00",
        "2026-02-11T10:30:00+09:00",
    ]
    .iter()
    .enumerate()
    {
        build(&cfg, now);
        assert_eq!((server.hits(A), server.hits(B)), (1, 1), "build {}", n + 2);
    }
    assert_eq!(
        server.hits(C),
        3,
        "a failing article page is tried three times"
    );
    assert_eq!(json(dir.path()), feed, "nothing moved across builds");
}

#[test]
fn check_shows_where_each_field_came_from() {
    let (_server, _dir, cfg) = setup();
    let out = run_on_config(&["check", "industry"], &cfg, "2026-02-11T09:00:00+09:00");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("published=json-ld updated=json-ld title=json-ld summary=meta author=json-ld image=meta"), "{text}");
    assert!(
        text.contains("published=text updated=text summary=list author=text image=meta"),
        "{text}"
    );
    assert!(text.contains("failed:"), "{text}");
    assert!(text.contains("the filter left out 1 of 4 items"), "{text}");
    // the date finder's choice, and what it passed over
    assert!(text.contains("published  won: "), "{text}");
    assert!(text.contains("json-ld datePublished (score "), "{text}");
    assert!(text.contains("lost: "), "{text}");
}
