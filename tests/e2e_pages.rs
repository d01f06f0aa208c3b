//! Feeds of several pages, local files and undeclared charsets, end to end: one page that
//! fails among several is skipped with a warning (the feed fails only when all do); `check`
//! says what failed without claiming files it never writes; `suggest` on a feed id looks at
//! every page; `file:///dev/zero` is refused at once; an EUC-KR page that declares no charset
//! is read as EUC-KR.

mod common;

use std::path::PathBuf;

use common::{run_on_config, Resp, TestServer};

const NOW: &str = "2026-02-11T09:00:00+09:00";

fn section(page: usize) -> String {
    let items: String = (1..=4)
        .map(|i| {
            format!(
                "<li class=\"item\"><h4 class=\"titles\"><a href=\"/news/articleView.html?idxno={page}0{i}\">\
                 {page}면 기사 {i}: 수출 회복세 뚜렷</a></h4><p class=\"lead\">산업부는 10일 수출이 늘었다고 밝혔다.</p>\
                 <span class=\"byline\"><em>김기자</em><em>2026.02.10 1{i}:0{page}</em></span></li>\n"
            )
        })
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"ko\"><head><meta charset=\"utf-8\"><title>경제 - 한빛일보</title></head><body>\
         <nav class=\"gnb\"><a href=\"/politics\">정치</a> <a href=\"/economy\">경제</a></nav>\
         <section id=\"section-list\"><ul class=\"type2\">\n{items}</ul></section>\
         <div class=\"auto-article\"><h3>많이 본 뉴스</h3><ul><li><a href=\"/news/articleView.html?idxno=1\">다른 기사</a> 2026.02.09</li></ul></div>\
         </body></html>"
    )
}

fn config(dir: &std::path::Path, urls: &[String]) -> PathBuf {
    let list: Vec<String> = urls.iter().map(|u| format!("\"{u}\"")).collect();
    let path = dir.join("feeds.toml");
    std::fs::write(
        &path,
        format!(
            "[settings]\nhost_delay = \"0s\"\ntimeout = \"10s\"\n\n[feeds.economy]\ntitle = \"한빛일보 경제\"\n\
             urls = [{}]\n\n[feeds.economy.select]\nitem = \"ul.type2 > li\"\nlink = \"h4.titles a\"\n\
             date = \"span.byline em:last-child\"\n",
            list.join(", ")
        ),
    )
    .unwrap();
    path
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn one_failing_page_among_several_is_skipped_with_a_warning() {
    let server = TestServer::start();
    server.set("/economy/p1", Resp::html(section(1)));
    server.set("/economy/p2", Resp::status(404));
    server.set("/economy/p3", Resp::html(section(3)));
    let dir = tempfile::tempdir().unwrap();
    let urls: Vec<String> = (1..=3)
        .map(|p| server.url(&format!("/economy/p{p}")))
        .collect();
    let cfg = config(dir.path(), &urls);

    let out = run_on_config(&["build", "-v"], &cfg, NOW);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("economy: 8 items"), "{err}");
    assert!(
        err.contains(&format!(
            "warning: {}: skipped this page: fetch failed",
            urls[1]
        )),
        "{err}"
    );
    let rss = std::fs::read_to_string(dir.path().join("output/economy.rss")).unwrap();
    assert!(
        rss.contains("1면 기사 1") && rss.contains("3면 기사 4"),
        "{rss}"
    );

    // Every page failing fails the feed, and the build says the old files stay.
    server.set("/economy/p1", Resp::status(500));
    server.set("/economy/p3", Resp::status(503));
    let out = run_on_config(&["build"], &cfg, NOW);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("economy: error: fetch failed"), "{err}");
    assert!(err.ends_with("; previous files kept\n"), "{err}");
    let still = std::fs::read_to_string(dir.path().join("output/economy.rss")).unwrap();
    assert_eq!(still, rss, "a failed build keeps the files");

    // `check` writes nothing, so it claims nothing about files.
    let out = run_on_config(&["check", "economy"], &cfg, NOW);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("economy: error: fetch failed"), "{err}");
    assert!(!err.contains("previous files kept"), "{err}");
}

#[test]
fn suggest_on_a_feed_id_looks_at_every_page() {
    let server = TestServer::start();
    server.set("/economy/p1", Resp::html(section(1)));
    server.set("/economy/p2", Resp::html(section(2)));
    let dir = tempfile::tempdir().unwrap();
    let urls: Vec<String> = (1..=2)
        .map(|p| server.url(&format!("/economy/p{p}")))
        .collect();
    let cfg = config(dir.path(), &urls);
    let out = run_on_config(&["suggest", "economy"], &cfg, NOW);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        text.contains(&format!("# page 1 of 2: {}", urls[0])),
        "{text}"
    );
    assert!(
        text.contains(&format!("# page 2 of 2: {}", urls[1])),
        "{text}"
    );
    assert!(
        text.contains("2면 기사 1"),
        "the second page is previewed:\n{text}"
    );
}

#[test]
fn file_urls_read_only_regular_files() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), &["file:///dev/zero".to_string()]);
    let out = run_on_config(&["build"], &cfg, NOW);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("not a regular file"), "{err}");
}

#[test]
fn an_undeclared_euc_kr_page_is_read_as_euc_kr() {
    let server = TestServer::start();
    let html = section(1).replace("<meta charset=\"utf-8\">", "");
    let (bytes, _, _) = encoding_rs::EUC_KR.encode(&html);
    // No charset in the header either.
    server.set("/economy", Resp::bytes("text/html", bytes.into_owned()));
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), &[server.url("/economy")]);
    let out = run_on_config(&["build", "-v"], &cfg, NOW);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(!err.contains("unreadable"), "{err}");
    let rss = std::fs::read_to_string(dir.path().join("output/economy.rss")).unwrap();
    assert!(rss.contains("1면 기사 3: 수출 회복세 뚜렷"), "{rss}");
}

#[test]
fn a_state_folder_that_cannot_be_made_is_a_runtime_failure_said_once() {
    let server = TestServer::start();
    server.set("/economy", Resp::html(section(1)));
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), &[server.url("/economy")]);
    // The state folder's place is taken by a file.
    let text = std::fs::read_to_string(&cfg).unwrap().replace(
        "[settings]\n",
        "[settings]\nstate_dir = \"feeds.toml/state\"\n",
    );
    std::fs::write(&cfg, text).unwrap();
    let out = run_on_config(&["build"], &cfg, NOW);
    let err = stderr(&out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a runtime failure, not a usage error: {err}"
    );
    assert!(
        err.starts_with("error: cannot create the state folder"),
        "{err}"
    );
    assert!(!err.contains("HTTP"), "not mislabelled: {err}");
    assert_eq!(err.matches("cannot create").count(), 1, "said once: {err}");
}
