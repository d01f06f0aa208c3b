//! `render = "browser"`, end to end with real Chromium against the fixture site: a section
//! page that is an empty shell until a script fetches its list (as JSON, after a delay, with
//! the feed's cookie), read with `wait_for`; article pages whose dates a script inserts, read
//! once the network is idle; the same page without `render`, which `check` calls a JavaScript
//! shell; and a machine without Chromium, where only the feeds that render fail.
//!
//! Chromium is required in CI (`.ci/run` installs it); locally these tests skip without it.
//! No Chromium process may outlive a build.

mod common;

use std::path::{Path, PathBuf};

use common::chromium::{adopt_orphans, have_chromium, take_leaked};
use common::{run_feedmill, Resp, TestServer, RUN_TIMEOUT};

const NOW: &str = "2026-11-30T10:00:00+09:00";
const ARTICLE: &str = "/news/article";

/// The section page as the site sends it: a root element, a menu and a script that fetches
/// the list a moment later and builds it (the way React and Vue sites do).
fn shell_page() -> String {
    format!(
        r#"<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>속보 - 한빛일보</title>
<link rel="stylesheet" href="/static/site.css"></head>
<body><div id="root"><div class="loading">불러오는 중…</div></div>
<noscript>이 페이지를 보려면 자바스크립트를 켜 주세요.</noscript>
<script>
setTimeout(function () {{
  fetch('/api/latest.json', {{ credentials: 'same-origin' }})
    .then(function (r) {{ return r.json(); }})
    .then(function (data) {{
      var root = document.getElementById('root');
      root.innerHTML = '<nav class="gnb"><a href="/politics">정치</a> <a href="/economy">경제</a></nav>';
      var list = document.createElement('ul');
      list.className = 'news-list';
      data.items.forEach(function (it) {{
        var li = document.createElement('li');
        li.innerHTML = '<img class="thumb" src="/photo/' + it.id + '.jpg">' +
          '<h3 class="tit"><a href="{ARTICLE}/' + it.id + '.html">' + it.title + '</a></h3>' +
          '<p class="lead">' + it.lead + '</p>';
        list.appendChild(li);
      }});
      root.appendChild(list);
      var best = document.createElement('div');
      best.className = 'best';
      best.innerHTML = '<h4>많이 본 뉴스</h4><ol><li><a href="/news/articleView.html?idxno=1">지난주 기사</a></li></ol>';
      root.appendChild(best);
    }});
}}, 300);
</script></body></html>"#
    )
}

/// The JSON the section page's script loads.
fn latest_json() -> String {
    let items: Vec<String> = (1..=4)
        .map(|n| {
            format!(
                r#"{{"id": 2026113{n}, "title": "국회, 내년 예산안 {n}차 심사…쟁점은 지역화폐", "lead": "여야가 예산안 심사를 이어갔다. {n}번째 소식."}}"#
            )
        })
        .collect();
    format!(r#"{{"items": [{}]}}"#, items.join(","))
}

/// An article page whose time a script fills in from the site's API.
fn article_page(n: u32) -> String {
    format!(
        r#"<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>국회, 내년 예산안 {n}차 심사</title></head>
<body><header class="gnb"><a href="/">한빛일보</a></header>
<article><h1 class="headline">국회, 내년 예산안 {n}차 심사…쟁점은 지역화폐</h1>
<div class="byline"><span class="writer">김민지 기자</span> <span class="when">입력 <span id="pub"></span></span></div>
<div id="article-body"><p>국회 예산결산특별위원회는 30일 내년도 예산안 {n}차 심사를 이어갔다.</p></div></article>
<aside class="related"><h4>관련 기사</h4><a href="/news/articleView.html?idxno=7">다른 기사</a></aside>
<script>
fetch('/api/article/{n}.json').then(function (r) {{ return r.json(); }}).then(function (a) {{
  document.getElementById('pub').textContent = a.published;
}});
</script></body></html>"#
    )
}

/// The fixture site: the shell, its JSON (only with the consent cookie, as the feed sends
/// it), article pages and their APIs.
fn site() -> TestServer {
    let server = TestServer::start();
    server.set("/latest", Resp::html(shell_page()));
    server.set(
        "/api/latest.json",
        Resp::bytes("application/json", latest_json().into_bytes()),
    );
    server.require("/api/latest.json", &[("cookie", "consent=yes")]);
    for n in 1..=4u32 {
        let id = format!("2026113{n}");
        server.set(&format!("{ARTICLE}/{id}.html"), Resp::html(article_page(n)));
        server.set(
            &format!("/api/article/{n}.json"),
            Resp::bytes(
                "application/json",
                format!(r#"{{"published": "2026.11.30 08:1{n}"}}"#).into_bytes(),
            ),
        );
    }
    server
}

fn write_config(dir: &Path, base: &str) -> PathBuf {
    let path = dir.join("feeds.toml");
    std::fs::write(
        &path,
        format!(
            r#"[settings]
host_delay = "0s"
timeout = "30s"

[feeds.latest]
title = "한빛일보 속보"
url = "{base}/latest"
render = "browser"
wait_for = "ul.news-list li"

[feeds.latest.select]
item = "ul.news-list > li"
link = "h3.tit a"
summary = "p.lead"

[feeds.latest.request]
cookies = {{ consent = "yes" }}

[feeds.latest.article]
fetch = true
render = "browser"

[feeds.shell]
title = "한빛일보 속보 (plain)"
url = "{base}/latest"
"#
        ),
    )
    .unwrap();
    path
}

fn run(args: &[&str], cfg: &Path, env: &[(&str, &str)]) -> std::process::Output {
    let mut all = vec!["--config", cfg.to_str().unwrap()];
    all.extend_from_slice(args);
    let mut env = env.to_vec();
    env.push(("FEEDMILL_NOW", NOW));
    run_feedmill(&all, cfg.parent().unwrap(), &env, RUN_TIMEOUT)
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn a_list_built_by_a_script_is_read_after_rendering_with_dates_from_rendered_articles() {
    if !have_chromium("a_list_built_by_a_script_is_read_after_rendering") {
        return;
    }
    adopt_orphans();
    let server = site();
    let dir = tempfile::tempdir().unwrap();
    let cfg = write_config(dir.path(), &server.base());
    let out = run(&["build", "-v", "latest"], &cfg, &[]);
    let err = text(&out.stderr);
    assert!(out.status.success(), "{err}");
    let left = take_leaked();
    assert!(left.is_empty(), "Chromium left behind: {left:?}");

    let rss = std::fs::read(dir.path().join("output/latest.rss")).unwrap();
    let feed = feed_rs::parser::parse(&rss[..]).unwrap();
    let mut got: Vec<(String, String)> = feed
        .entries
        .iter()
        .map(|e| {
            (
                e.title.as_ref().unwrap().content.clone(),
                e.published.unwrap().to_rfc3339(),
            )
        })
        .collect();
    got.sort();
    let want: Vec<(String, String)> = (1..=4)
        .map(|n| {
            (
                format!("국회, 내년 예산안 {n}차 심사…쟁점은 지역화폐"),
                // 08:1n KST, from the time the article's script inserted.
                format!("2026-11-29T23:1{n}:00+00:00"),
            )
        })
        .collect();
    assert_eq!(got, want, "{err}");
    // The "많이 본 뉴스" box the script also built is not an item.
    assert!(!String::from_utf8_lossy(&rss).contains("지난주 기사"));
    // The page's request for its list carried the feed's cookie; images and the stylesheet
    // stay as the default `block` left them: images never asked for.
    assert_eq!(server.hits("/api/latest.json"), 1);
    assert_eq!(server.hits("/photo/20261131.jpg"), 0);
    assert_eq!(server.hits("/static/site.css"), 1);
}

#[test]
fn check_calls_the_unrendered_page_a_javascript_shell() {
    let server = site();
    let dir = tempfile::tempdir().unwrap();
    let cfg = write_config(dir.path(), &server.base());
    let out = run(&["check", "shell"], &cfg, &[]);
    let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert!(!out.status.success(), "{all}");
    assert!(
        all.contains("looks like a page built by JavaScript (a lone <div id=\"root\">"),
        "{all}"
    );
    assert!(all.contains("render = \"browser\""), "{all}");
    assert!(all.contains("[feeds.<id>.json]"), "{all}");
}

#[test]
fn without_chromium_only_the_feeds_that_render_fail() {
    let server = site();
    server.set(
        "/plain",
        Resp::html(
            "<html><body><ul class=\"news\"><li><a href=\"/news/articleView.html?idxno=5\">경제 \
             성장률 전망 하향 조정…한은 \"내년 1.8%\"</a> <span>2026.11.30 09:00</span></li></ul></body></html>",
        ),
    );
    let dir = tempfile::tempdir().unwrap();
    let cfg = write_config(dir.path(), &server.base());
    let text_cfg = std::fs::read_to_string(&cfg).unwrap();
    let plain = format!(
        "{text_cfg}\n[feeds.plain]\ntitle = \"경제\"\nurl = \"{}/plain\"\n[feeds.plain.select]\nitem = \"ul.news li\"\n",
        server.base()
    );
    std::fs::write(&cfg, plain).unwrap();
    let out = run(
        &["build", "latest", "plain"],
        &cfg,
        &[("FEEDMILL_CHROMIUM", "/nonexistent/chromium")],
    );
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let line = err
        .lines()
        .find(|l| l.starts_with("latest: error:"))
        .unwrap_or_else(|| panic!("no error for the rendering feed:\n{err}"));
    assert!(line.contains("install the `chromium` package"), "{line}");
    assert!(line.contains("`render` key"), "{line}");
    assert!(err.contains("plain: 1 items"), "{err}");
    assert!(dir.path().join("output/plain.rss").exists());
    assert!(!dir.path().join("output/latest.rss").exists());
    assert_eq!(server.hits("/latest"), 0, "fetched a page it cannot render");
}
