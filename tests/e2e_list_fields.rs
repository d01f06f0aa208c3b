//! End to end: the fields of a list page with the clutter real Korean pages carry (hidden
//! labels, lazy images, dates split over elements, 입력/수정 lines), read with selectors and
//! automatically, as they come out in RSS, Atom and JSON Feed.
//!
//! The page is tests/fixtures/list_clutter.html; its comment says what each article holds.

mod common;

use std::path::Path;

use common::{fixture, run_on_config, Resp, TestServer};
use tempfile::TempDir;

/// The fetch time (a Wednesday morning in Seoul).
const NOW: &str = "2026-02-11T09:00:00+09:00";
const PAGE: &str = "/news/articleList.html";

/// The feed with selectors, and the one found automatically, on the same page.
const CONFIGURED: &str = "hanbit-industry";
const AUTOMATIC: &str = "hanbit-auto";
/// Only `item` and `link` set: titles by default.
const LINK_ONLY: &str = "hanbit-link";

/// Builds both feeds off the fixture page; returns the folder holding `output/`.
fn build() -> (TempDir, TestServer) {
    let server = TestServer::start();
    server.set(PAGE, Resp::html(fixture("list_clutter.html")));
    let url = server.url(&format!("{PAGE}?sc_section_code=S1N2"));
    let dir = tempfile::Builder::new()
        .prefix("feedmill-e2e-fields")
        .tempdir()
        .expect("tempdir");
    let cfg = dir.path().join("feeds.toml");
    std::fs::write(
        &cfg,
        format!(
            r#"[settings]
host_delay = "0s"
base_url = "http://feeds.example.test/"

[feeds.{CONFIGURED}]
title = "한빛경제 산업"
url = "{url}"
language = "ko"
formats = ["rss", "atom", "json"]
[feeds.{CONFIGURED}.select]
item = "div.article-list li.item"
link = "h4.titles a"
title = "h4.titles a"
summary = "p.lead"
date = "p.info"
image = "img"
author = "em.writer"

[feeds.{AUTOMATIC}]
title = "한빛경제 산업 (자동)"
url = "{url}"
language = "ko"
formats = ["rss", "atom", "json"]

[feeds.{LINK_ONLY}]
title = "한빛경제 산업 (링크만)"
url = "{url}"
language = "ko"
formats = ["atom"]
[feeds.{LINK_ONLY}.select]
item = "div.article-list li.item"
link = "h4.titles a"
"#
        ),
    )
    .expect("write feeds.toml");
    let out = run_on_config(&["build"], &cfg, NOW);
    assert!(
        out.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (dir, server)
}

fn output(dir: &Path, file: &str) -> String {
    let path = dir.join("output").join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn parse(dir: &Path, file: &str) -> feed_rs::model::Feed {
    let xml = output(dir, file);
    feed_rs::parser::parse(xml.as_bytes()).unwrap_or_else(|e| panic!("{file}: {e}\n{xml}"))
}

/// The article id (`idxno`) of an entry.
fn idxno(entry: &feed_rs::model::Entry) -> String {
    let link = &entry.links[0].href;
    link.rsplit("idxno=").next().unwrap_or(link).to_string()
}

/// (idxno, value) for each entry, in feed order.
fn by_id<T>(
    feed: &feed_rs::model::Feed,
    value: impl Fn(&feed_rs::model::Entry) -> T,
) -> Vec<(String, T)> {
    feed.entries.iter().map(|e| (idxno(e), value(e))).collect()
}

/// Titles as each article must show them: no blind, sr-only, aria-hidden, `hidden` or
/// display:none text, no soft hyphen or zero-width space, inline markup joined.
const TITLES: [(&str, &str); 6] = [
    ("167473", "반도체 수출, 2월 들어 40% 증가…HBM 효과"),
    ("167470", "글로벌 공급망 재편…반도체 장비주 강세"),
    ("167468", "美 고율 관세를 피하라…현지 생산 늘리는 K-배터리"),
    ("167455", "[속보] 한은, 기준금리 연 2.75% 동결"),
    ("167450", "코스피, 외국인 매수에 2,600선 회복"),
    ("167440", "中 희토류 수출 통제 강화…국내 업계 '촉각'"),
];

fn sorted<T: Ord>(mut v: Vec<T>) -> Vec<T> {
    v.sort();
    v
}

#[test]
fn hidden_text_stays_out_of_titles_and_summaries() {
    let (dir, _server) = build();
    let title = |e: &feed_rs::model::Entry| e.title.as_ref().map(|t| t.content.clone());
    let want: Vec<(String, Option<String>)> = TITLES
        .iter()
        .map(|(id, t)| (id.to_string(), Some(t.to_string())))
        .collect();
    for file in [
        format!("{CONFIGURED}.rss"),
        format!("{CONFIGURED}.atom"),
        format!("{AUTOMATIC}.atom"),
    ] {
        let feed = parse(dir.path(), &file);
        // The automatic feed may order differently (its dates come from other elements).
        assert_eq!(sorted(by_id(&feed, title)), sorted(want.clone()), "{file}");
    }
    let feed = parse(dir.path(), &format!("{CONFIGURED}.atom"));
    let summary = by_id(&feed, |e| e.summary.as_ref().map(|t| t.content.clone()));
    assert!(
        summary.contains(&(
            "167450".to_string(),
            Some("외국인이 5거래일 만에 순매수로 돌아서며 지수를 끌어올렸다.".to_string())
        )),
        "{summary:?}"
    );
    for file in ["rss", "atom", "json"] {
        let text = output(dir.path(), &format!("{CONFIGURED}.{file}"));
        for hidden in [
            "단독",
            "(새창)",
            "NEW",
            "이창용",
            "관련 키워드",
            "요약",
            "\u{AD}",
            "\u{200B}",
        ] {
            assert!(!text.contains(hidden), "{file} carries hidden {hidden:?}");
        }
    }
}

/// A feed that names only `item` and `link = "h4.titles a"` gets the headlines as titles, not
/// the lead sentence in `<p class="lead"><a>` that links to the same article and is longer.
#[test]
fn titles_default_to_the_link_selectors_headline() {
    let (dir, _server) = build();
    let feed = parse(dir.path(), &format!("{LINK_ONLY}.atom"));
    let title = |e: &feed_rs::model::Entry| e.title.as_ref().map(|t| t.content.clone());
    let want: Vec<(String, Option<String>)> = TITLES
        .iter()
        .map(|(id, t)| (id.to_string(), Some(t.to_string())))
        .collect();
    assert_eq!(sorted(by_id(&feed, title)), sorted(want));
}

/// Published times, newest first, in Seoul: the date and the time of 167473 and 167450 sit in
/// neighbouring spans of `p.info` with no space between.
const PUBLISHED: [(&str, &str); 6] = [
    ("167473", "2026-02-10T19:32:00+09:00"),
    ("167470", "2026-02-10T14:05:00+09:00"),
    ("167468", "2026-02-10T11:31:00+09:00"),
    ("167455", "2026-02-09T17:20:00+09:00"),
    ("167450", "2026-02-09T10:02:00+09:00"),
    ("167440", "2026-02-08T09:15:00+09:00"),
];

#[test]
fn a_date_and_a_time_in_neighbouring_elements_keep_the_time() {
    let (dir, _server) = build();
    let kst = chrono::FixedOffset::east_opt(9 * 3600).unwrap();
    let want: Vec<(String, Option<String>)> = PUBLISHED
        .iter()
        .map(|(id, t)| (id.to_string(), Some(t.to_string())))
        .collect();
    for file in [format!("{CONFIGURED}.rss"), format!("{CONFIGURED}.atom")] {
        let feed = parse(dir.path(), &file);
        let got = by_id(&feed, |e| {
            e.published.map(|t| t.with_timezone(&kst).to_rfc3339())
        });
        assert_eq!(got, want, "{file}");
    }
    let rss = output(dir.path(), &format!("{CONFIGURED}.rss"));
    assert!(rss.contains("<pubDate>Tue, 10 Feb 2026 19:32:00 +0900</pubDate>"));
    assert!(rss.contains("<pubDate>Mon, 09 Feb 2026 10:02:00 +0900</pubDate>"));
}

/// Item images: the photo a lazy loader puts in place, never its placeholder; none for the
/// item with only a tracking pixel.
const IMAGES: [(&str, Option<&str>); 6] = [
    (
        "167473",
        Some("https://cdn.hanbit-econ.test/news/thumbnail/202602/167473_v150.jpg"),
    ),
    (
        "167470",
        Some("https://cdn.hanbit-econ.test/news/thumbnail/202602/167470_v300.jpg"),
    ),
    (
        "167468",
        Some("https://cdn.hanbit-econ.test/news/thumbnail/202602/167468_v150.jpg"),
    ),
    ("167455", None),
    (
        "167450",
        Some("https://cdn.hanbit-econ.test/news/thumbnail/202602/167450_v150.jpg"),
    ),
    (
        "167440",
        Some("https://cdn.hanbit-econ.test/news/thumbnail/202602/167440_v150.jpg"),
    ),
];

/// (idxno, image) of each item of a JSON Feed file.
fn json_images(dir: &Path, file: &str) -> Vec<(String, Option<String>)> {
    let json: serde_json::Value = serde_json::from_str(&output(dir, file)).unwrap();
    json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let url = i["url"].as_str().unwrap();
            (
                url.rsplit("idxno=").next().unwrap().to_string(),
                i["image"].as_str().map(String::from),
            )
        })
        .collect()
}

#[test]
fn lazy_images_publish_the_photo_not_the_placeholder() {
    let (dir, _server) = build();
    let want: Vec<(String, Option<String>)> = IMAGES
        .iter()
        .map(|(id, u)| (id.to_string(), u.map(String::from)))
        .collect();
    // with `image = "img"`, and found automatically
    for id in [CONFIGURED, AUTOMATIC] {
        let feed = parse(dir.path(), &format!("{id}.rss"));
        let rss = by_id(&feed, |e| {
            e.media
                .iter()
                .flat_map(|m| m.content.iter())
                .find_map(|c| c.url.as_ref().map(|u| u.to_string()))
        });
        let json = json_images(dir.path(), &format!("{id}.json"));
        assert_eq!(sorted(rss), sorted(want.clone()), "{id}.rss");
        assert_eq!(sorted(json), sorted(want.clone()), "{id}.json");
    }
    for file in ["rss", "json"] {
        for id in [CONFIGURED, AUTOMATIC] {
            let text = output(dir.path(), &format!("{id}.{file}"));
            for placeholder in ["grey.gif", "spacer.gif", "1x1.png", "pixel?"] {
                assert!(
                    !text.contains(placeholder),
                    "{id}.{file} publishes {placeholder}"
                );
            }
        }
    }
}

#[test]
fn a_later_updated_time_on_the_list_becomes_atom_updated() {
    let (dir, server) = build();
    let kst = chrono::FixedOffset::east_opt(9 * 3600).unwrap();
    // Atom: <updated> is the 수정 time where the list prints a later one, else published.
    let feed = parse(dir.path(), &format!("{CONFIGURED}.atom"));
    let got = by_id(&feed, |e| {
        e.updated.map(|t| t.with_timezone(&kst).to_rfc3339())
    });
    let want: Vec<(String, Option<String>)> = PUBLISHED
        .iter()
        .map(|(id, t)| {
            let t = if *id == "167470" {
                "2026-02-11T08:05:00+09:00"
            } else {
                t
            };
            (id.to_string(), Some(t.to_string()))
        })
        .collect();
    assert_eq!(got, want);
    let atom = output(dir.path(), &format!("{CONFIGURED}.atom"));
    assert!(atom.contains("<updated>2026-02-11T08:05:00+09:00</updated>"));
    assert!(atom.contains("<published>2026-02-10T14:05:00+09:00</published>"));

    // JSON Feed: date_modified only there.
    let json: serde_json::Value =
        serde_json::from_str(&output(dir.path(), &format!("{CONFIGURED}.json"))).unwrap();
    let modified: Vec<(String, Option<String>)> = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| {
            let m = i.get("date_modified")?.as_str()?;
            let url = i["url"].as_str().unwrap();
            Some((
                url.rsplit("idxno=").next().unwrap().to_string(),
                Some(m.to_string()),
            ))
        })
        .collect();
    assert_eq!(
        modified,
        [(
            "167470".to_string(),
            Some("2026-02-11T08:05:00+09:00".to_string())
        )]
    );

    // RSS has no element for it: the item keeps its pubDate.
    let rss = output(dir.path(), &format!("{CONFIGURED}.rss"));
    assert!(rss.contains("<pubDate>Tue, 10 Feb 2026 14:05:00 +0900</pubDate>"));

    // `check` shows it.
    let out = run_on_config(&["check", CONFIGURED], &dir.path().join("feeds.toml"), NOW);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("updated: 2026-02-11 08:05:00 +09:00"),
        "{text}"
    );
    drop(server);
}
