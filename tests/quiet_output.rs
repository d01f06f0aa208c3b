//! feedmill speaks in its own words: at the default level a build prints no other crate's log
//! lines, however broken the pages are; with -vv they appear, for debugging.

mod common;

use common::{run_on_config, Resp, TestServer};

/// An article page with the markup real pages carry and html5ever warns about: text and
/// cells misplaced inside tables (foster parenting), stray end tags.
fn broken_article(n: usize) -> String {
    format!(
        r#"<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>기사 {n}</title></head>
<body><div class="gnb"><a href="/">홈</a></div>
<table class="layout">광고 영역<tr>텍스트<td><div class="article-body">
<h1>반도체 수출 {n}개월 연속 증가</h1>
<p class="date">입력 2026.02.10 1{n}:20</p>
<table>표 제목<tr><td>수출액</td></tr></table>
<p>산업통상자원부는 10일 반도체 수출이 {n}개월 연속 증가했다고 밝혔다.</p></span></b>
</div></td></tr></table>
<div class="ranking"><h3>많이 본 뉴스</h3><ol><li><a href="/news/view/1">다른 기사</a> 2026.02.09</li></ol></div>
</body></html>"#
    )
}

fn list_page() -> String {
    let items: String = (1..=6)
        .map(|n| format!("<li><a href=\"/news/view/{n}\">반도체 수출 {n}개월 연속 증가</a></li>\n"))
        .collect();
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>\
         <table>목록<tr><td><ul class=\"list\">\n{items}</ul></td></tr></table></body></html>"
    )
}

#[test]
fn a_build_prints_no_third_party_log_lines_unless_asked() {
    let server = TestServer::start();
    server.set("/section", Resp::html(list_page()));
    for n in 1..=6 {
        server.set(&format!("/news/view/{n}"), Resp::html(broken_article(n)));
    }
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("feeds.toml");
    std::fs::write(
        &cfg,
        format!(
            "[settings]\nhost_delay = \"0s\"\n\n[feeds.chips]\ntitle = \"반도체\"\nurl = \"{}\"\n\
             [feeds.chips.select]\nitem = \"ul.list > li\"\n[feeds.chips.article]\nfetch = true\n",
            server.url("/section")
        ),
    )
    .unwrap();

    let out = run_on_config(&["build"], &cfg, "2026-02-11T09:00:00+09:00");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(server.hits("/news/view/3"), 1, "article pages were read");
    assert!(
        stderr.lines().all(|l| l.starts_with("chips: ")),
        "only feedmill's own summary line at the default level:\n{stderr}"
    );

    // The same pages again with -vv (a fresh state, so the article pages are read again):
    // now the parser's warnings are there for whoever debugs.
    std::fs::remove_dir_all(dir.path().join("state")).unwrap();
    let out = run_on_config(&["build", "-vv"], &cfg, "2026-02-11T09:00:00+09:00");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("html5ever"),
        "-vv shows other crates' warnings:\n{stderr}"
    );
}
