//! Sections that continue (`[feeds.<id>.pages]`), end to end: three pages followed by their
//! "다음" link and by a page-number template; page 3's link back to page 1 (a loop) and a
//! template page past the end that repeats the last one both end the walk, with no URL
//! fetched twice; an item listed on two pages is in the feed once; a later page that fails
//! keeps the items of the pages before it (with a warning); a next link to another host is
//! not followed.

mod common;

use std::path::{Path, PathBuf};

use common::{run_on_config, Resp, TestServer};

const NOW: &str = "2026-02-11T09:00:00+09:00";

/// Page `n` of the economy section: four items, the paging bar, and the usual clutter. Its
/// "다음" link goes to `next` (none on the last page).
fn section(n: usize, next: Option<&str>) -> String {
    let items: String = (1..=4)
        .map(|i| {
            format!(
                "<li class=\"item\"><h4 class=\"titles\"><a href=\"/news/articleView.html?idxno={n}0{i}\">\
                 {n}쪽 기사 {i}: 수출 회복세 뚜렷</a></h4><p class=\"lead\">산업부는 10일 수출이 늘었다고 밝혔다.</p>\
                 <span class=\"byline\"><em>김기자</em><em>2026.02.{:02} 1{i}:00</em></span></li>\n",
                11 - n
            )
        })
        .collect();
    let next = next.map_or(String::new(), |href| {
        format!("<a class=\"next\" href=\"{href}\" title=\"다음 페이지\">다음</a>")
    });
    format!(
        "<!DOCTYPE html><html lang=\"ko\"><head><meta charset=\"utf-8\"><title>경제 - 한빛일보</title></head><body>\
         <nav class=\"gnb\"><a href=\"/politics\">정치</a> <a href=\"/economy\">경제</a></nav>\
         <section id=\"section-list\"><ul class=\"type2\">\n{items}</ul>\
         <div class=\"paging\"><a href=\"/economy\">처음</a><strong>{n}</strong>{next}</div></section>\
         <div class=\"auto-article\"><h3>많이 본 뉴스</h3><ul><li><a href=\"/news/articleView.html?idxno=1\">다른 기사</a> 2026.02.09</li></ul></div>\
         </body></html>"
    )
}

fn config(dir: &Path, url: &str, pages: &str) -> PathBuf {
    let path = dir.join("feeds.toml");
    std::fs::write(
        &path,
        format!(
            "[settings]\nhost_delay = \"0s\"\ntimeout = \"10s\"\nmax_items = 30\n\n[feeds.economy]\ntitle = \"한빛일보 경제\"\n\
             url = \"{url}\"\n\n[feeds.economy.select]\nitem = \"ul.type2 > li\"\nlink = \"h4.titles a\"\n\
             date = \"span.byline em:last-child\"\n\n[feeds.economy.pages]\n{pages}\n"
        ),
    )
    .unwrap();
    path
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The links of the written RSS feed, parsed back.
fn links(dir: &Path) -> Vec<String> {
    let rss = std::fs::read(dir.join("output/economy.rss")).unwrap();
    let feed = feed_rs::parser::parse(&rss[..]).unwrap();
    feed.entries
        .iter()
        .map(|e| e.links[0].href.clone())
        .collect()
}

#[test]
fn three_pages_by_the_next_link_and_a_loop_back_to_page_1() {
    let server = TestServer::start();
    server.set("/economy", Resp::html(section(1, Some("/economy/2"))));
    server.set("/economy/2", Resp::html(section(2, Some("/economy/3"))));
    // Page 3's "다음" leads back to page 1.
    server.set("/economy/3", Resp::html(section(3, Some("/economy"))));
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(
        dir.path(),
        &server.url("/economy"),
        "next = \"a.next\"\nmax = 5",
    );

    let out = run_on_config(&["build", "-v"], &cfg, NOW);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("economy: 12 items"), "{err}");
    let links = links(dir.path());
    assert_eq!(links.len(), 12);
    for n in 1..=3 {
        assert!(
            links.iter().any(|l| l.ends_with(&format!("idxno={n}04"))),
            "page {n}: {links:?}"
        );
        let path = if n == 1 {
            "/economy".to_string()
        } else {
            format!("/economy/{n}")
        };
        assert_eq!(server.hits(&path), 1, "{path} fetched once");
    }

    // `check` says why the walk ended.
    let out = run_on_config(&["check", "economy"], &cfg, NOW);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!(
            "note: {}: page 3 leads back to {}, which was read already; the section ends there",
            server.url("/economy"),
            server.url("/economy")
        )),
        "{text}"
    );
}

#[test]
fn three_pages_by_template_stop_at_a_page_that_adds_nothing() {
    let server = TestServer::start();
    server.set("/economy", Resp::html(section(1, None)));
    server.set("/economy/2", Resp::html(section(2, None)));
    // An item moved down from page 2 while the pages were read: in the feed once.
    let three = section(3, None).replace("idxno=301", "idxno=204");
    server.set("/economy/3", Resp::html(three.clone()));
    // Past the end the site repeats its last page.
    server.set("/economy/4", Resp::html(three));
    let dir = tempfile::tempdir().unwrap();
    let template = format!("{}/economy/{{page}}", server.base());
    let cfg = config(
        dir.path(),
        &server.url("/economy"),
        &format!("url = \"{template}\"\nfrom = 2\nmax = 6"),
    );

    let out = run_on_config(&["build", "-v"], &cfg, NOW);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let links = links(dir.path());
    assert_eq!(links.len(), 11, "{links:?}");
    let mut unique = links.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), links.len(), "no item twice: {links:?}");
    assert_eq!(server.hits("/economy/4"), 1);
    assert_eq!(server.hits("/economy/5"), 0, "the walk ended at page 4");
}

#[test]
fn a_later_page_that_fails_keeps_the_pages_before_it() {
    let server = TestServer::start();
    server.set("/economy", Resp::html(section(1, Some("/economy/2"))));
    server.set("/economy/2", Resp::html(section(2, Some("/economy/3"))));
    server.set("/economy/3", Resp::status(500));
    let other = TestServer::start();
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), &server.url("/economy"), "next = \"a.next\"");

    let out = run_on_config(&["build", "-v"], &cfg, NOW);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains(&format!(
            "warning: {}: this page failed, so the feed has the items of the pages before it only: fetch failed",
            server.url("/economy/3")
        )),
        "{err}"
    );
    assert_eq!(links(dir.path()).len(), 8);

    // Page 2's next link goes to another host: not followed, and said.
    server.set(
        "/economy/2",
        Resp::html(section(2, Some(&other.url("/economy/3")))),
    );
    let out = run_on_config(&["build", "-v"], &cfg, NOW);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains(&format!(
            "page 2's next link goes to another host ({}); it is not followed",
            other.url("/economy/3")
        )),
        "{err}"
    );
    assert_eq!(other.total_hits(), 0);

    // Page 1 failing fails the feed as before; the files stay.
    let before = std::fs::read(dir.path().join("output/economy.rss")).unwrap();
    server.set("/economy", Resp::status(503));
    let out = run_on_config(&["build"], &cfg, NOW);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("previous files kept"));
    let after = std::fs::read(dir.path().join("output/economy.rss")).unwrap();
    assert_eq!(before, after);
}

#[test]
fn an_unchanged_page_1_leaves_the_later_pages_alone_until_the_table_changes() {
    let server = TestServer::start();
    server.set(
        "/economy",
        Resp::html(section(1, Some("/economy/2"))).with_header("ETag", "\"p1-v1\""),
    );
    server.set("/economy/2", Resp::html(section(2, Some("/economy/3"))));
    server.set("/economy/3", Resp::html(section(3, None)));
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(
        dir.path(),
        &server.url("/economy"),
        "next = \"a.next\"\nmax = 2",
    );

    let out = run_on_config(&["build"], &cfg, NOW);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(links(dir.path()).len(), 8);
    assert_eq!(server.hits("/economy/3"), 0, "max = 2");

    // Page 1 answers 304: the section has not changed, page 2 is not asked for again.
    let out = run_on_config(&["build"], &cfg, NOW);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(server.not_modified("/economy"), 1);
    assert_eq!(server.hits("/economy/2"), 1);
    assert_eq!(links(dir.path()).len(), 8, "history keeps page 2's items");

    // More pages asked for: the section is read again in full, page 1 included.
    let text = std::fs::read_to_string(&cfg)
        .unwrap()
        .replace("max = 2", "max = 3");
    std::fs::write(&cfg, text).unwrap();
    let out = run_on_config(&["build"], &cfg, NOW);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        server.not_modified("/economy"),
        1,
        "asked without validators"
    );
    assert_eq!(server.hits("/economy/3"), 1);
    assert_eq!(links(dir.path()).len(), 12);
}
