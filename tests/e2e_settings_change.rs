//! A feed's settings change while its page does not: the next build reads the page again
//! (the site would answer 304) and writes what the new settings give; a filter added later
//! also hides items stored before it; and an output file damaged on disk is written again
//! though nothing else changed.

mod common;

use std::path::{Path, PathBuf};

use common::{run_on_config, Resp, TestServer};

const NOW: &str = "2026-02-11T09:00:00+09:00";
const PAGE: &str = "/news/articleList.html?sc_section_code=S1N2";

fn list_page() -> String {
    let items = [
        (101, "[포토] 봄맞이 꽃축제 개막", "2026.02.10 18:00"),
        (102, "한은, 기준금리 연 3.00% 동결", "2026.02.10 17:30"),
        (103, "코스피 2,600선 회복…외국인 순매수", "2026.02.10 16:10"),
        (104, "[포토] 설 연휴 귀성길 풍경", "2026.02.10 15:00"),
    ];
    let lis: String = items
        .iter()
        .map(|(n, title, date)| {
            format!(
                "<li><div class=\"list-image\"><a href=\"/news/articleView.html?idxno={n}\"><img src=\"/thumb/{n}.jpg\" alt=\"\"></a></div>\
                 <h4 class=\"titles\"><a href=\"/news/articleView.html?idxno={n}\">{title}</a></h4>\
                 <span class=\"byline\"><em>경제부</em><em>{date}</em></span></li>\n"
            )
        })
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"ko\"><head><meta charset=\"utf-8\"><title>경제 - 한빛일보</title></head><body>\
         <nav class=\"gnb\"><a href=\"/\">홈</a> <a href=\"/economy\">경제</a></nav>\
         <section id=\"section-list\"><ul class=\"type2\">\n{lis}</ul></section>\
         <aside class=\"rank\"><h3>많이 본 뉴스</h3><ol><li><a href=\"/news/articleView.html?idxno=9\">인기 기사</a></li></ol></aside>\
         </body></html>"
    )
}

fn write_config(dir: &Path, url: &str, extra_select: &str, filter: &str) -> PathBuf {
    let path = dir.join("feeds.toml");
    std::fs::write(
        &path,
        format!(
            "[settings]\nhost_delay = \"0s\"\n\n[feeds.economy]\ntitle = \"한빛일보 경제\"\nurl = \"{url}\"\n\n\
             [feeds.economy.select]\nitem = \"ul.type2 > li\"\nlink = \"h4.titles a\"\n\
             date = \"span.byline em:last-child\"\n{extra_select}\n{filter}"
        ),
    )
    .unwrap();
    path
}

fn titles(dir: &Path) -> Vec<String> {
    let bytes = std::fs::read(dir.join("output/economy.atom")).unwrap();
    let feed = feed_rs::parser::parse(&bytes[..]).unwrap();
    feed.entries
        .iter()
        .map(|e| e.title.as_ref().unwrap().content.clone())
        .collect()
}

fn build(cfg: &Path) -> String {
    let out = run_on_config(&["build"], cfg, NOW);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{err}");
    err
}

#[test]
fn changed_selectors_and_filters_apply_though_the_page_answers_304() {
    let server = TestServer::start();
    server.set(
        PAGE,
        Resp::html(list_page()).with_header("ETag", "\"s1n2-v1\""),
    );
    let dir = tempfile::tempdir().unwrap();
    let url = server.url(PAGE);

    // Summaries from a selector that is about to change.
    let cfg = write_config(dir.path(), &url, "summary = \"span.byline em\"", "");
    build(&cfg);
    let atom = std::fs::read_to_string(dir.path().join("output/economy.atom")).unwrap();
    assert!(atom.contains("경제부"), "{atom}");
    let err = build(&cfg);
    assert!(err.contains("not modified"), "the page answered 304: {err}");

    // A new selector: read again, though the page has not changed.
    let cfg = write_config(
        dir.path(),
        &url,
        "summary = \"span.byline em:last-child\"",
        "",
    );
    let before = server.not_modified(PAGE);
    let err = build(&cfg);
    assert!(!err.contains("not modified"), "{err}");
    assert_eq!(
        server.not_modified(PAGE),
        before,
        "no conditional request was made"
    );
    let atom = std::fs::read_to_string(dir.path().join("output/economy.atom")).unwrap();
    assert!(
        !atom.contains("경제부"),
        "the old summaries are gone: {atom}"
    );
    assert!(build(&cfg).contains("not modified"), "then 304s again");

    // A filter added later hides the stored items it excludes.
    let cfg = write_config(
        dir.path(),
        &url,
        "summary = \"span.byline em:last-child\"",
        "[feeds.economy.filter]\nexclude = [\"[포토]\"]\n",
    );
    build(&cfg);
    let shown = titles(dir.path());
    assert_eq!(
        shown,
        [
            "한은, 기준금리 연 3.00% 동결",
            "코스피 2,600선 회복…외국인 순매수"
        ]
    );
    assert!(build(&cfg).contains("not modified"));
    assert_eq!(titles(dir.path()), shown);
}

#[test]
fn a_damaged_output_file_is_written_again() {
    let server = TestServer::start();
    server.set(
        PAGE,
        Resp::html(list_page()).with_header("ETag", "\"s1n2-v1\""),
    );
    let dir = tempfile::tempdir().unwrap();
    let cfg = write_config(dir.path(), &server.url(PAGE), "", "");
    build(&cfg);
    let rss_path = dir.path().join("output/economy.rss");
    let good = std::fs::read(&rss_path).unwrap();
    let atom_path = dir.path().join("output/economy.atom");
    let good_atom = std::fs::read(&atom_path).unwrap();

    // A disk that filled up, and a hand edit that kept the length.
    std::fs::write(&rss_path, b"").unwrap();
    let mut edited = good_atom.clone();
    let at = edited.len() / 2;
    edited[at] = if edited[at] == b'x' { b'y' } else { b'x' };
    std::fs::write(&atom_path, &edited).unwrap();

    let err = build(&cfg);
    assert!(err.contains("not modified"), "the page answered 304: {err}");
    assert_eq!(std::fs::read(&rss_path).unwrap(), good);
    assert_eq!(std::fs::read(&atom_path).unwrap(), good_atom);
}
