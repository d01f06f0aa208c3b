//! The state store end to end: history across builds, stable first-seen times, conditional
//! GET, byte-identical output, max_items, and builds killed midway.

mod common;

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, SystemTime};

use common::{
    feedmill_command, run_on_config, wait_output, wait_until, Resp, TestServer, RUN_TIMEOUT, WAIT,
};
use feed_rs::parser;

/// One article on the generated section page: its number, headline and printed time.
struct Article {
    no: u32,
    title: &'static str,
    time: Option<&'static str>,
}

/// A section page in the layout of a Korean regional daily (NDSoft-style), with the clutter
/// such pages carry: menus, a ranking box with its own times, a footer.
fn section_page(articles: &[Article]) -> String {
    let mut list = String::new();
    for a in articles {
        let time = a
            .time
            .map(|t| format!("<span class=\"byline\"><em>경제부</em> <em>{t}</em></span>"))
            .unwrap_or_default();
        list.push_str(&format!(
            r#"
      <li>
        <div class="list-image"><a href="/news/articleView.html?idxno={no}"><img src="/news/thumbnail/{no}_s.jpg" alt=""></a></div>
        <h4 class="titles"><a href="/news/articleView.html?idxno={no}">{title}</a></h4>
        <p class="lead"><a href="/news/articleView.html?idxno={no}">{title} 관련 기사 요약입니다.</a></p>
        {time}
      </li>"#,
            no = a.no,
            title = a.title,
        ));
    }
    format!(
        r#"<!DOCTYPE html>
<html lang="ko"><head><meta charset="utf-8"><title>경제 - 한빛일보</title>
<script>var _ga = _ga || []; _ga.push(['_trackPageview']);</script></head>
<body>
<div id="user-nav"><a href="/member/login.html">로그인</a> <a href="/member/join.html">회원가입</a></div>
<nav id="gnb"><ul><li><a href="/news/articleList.html?sc_section_code=S1N1">정치</a></li>
<li><a href="/news/articleList.html?sc_section_code=S1N2">경제</a></li>
<li><a href="/news/articleList.html?sc_section_code=S1N3">사회</a></li></ul></nav>
<section id="section-list">
  <ul class="type2">{list}
  </ul>
</section>
<aside class="side">
  <h3>많이 본 뉴스</h3>
  <ol class="auto-article">
    <li><a href="/news/articleView.html?idxno=900001">[단독] 지역 상권 살리기 예산 삭감</a> <em>2026.02.09 08:00</em></li>
    <li><a href="/news/articleView.html?idxno=900002">날씨, 주말 한파 온다</a> <em>2026.02.08 07:10</em></li>
  </ol>
</aside>
<footer id="footer"><p>한빛일보 | 등록번호 경기 아00000 | 발행인 홍길동</p></footer>
</body></html>"#
    )
}

fn config(dir: &Path, url: &str, max_items: usize) -> std::path::PathBuf {
    let path = dir.join("feeds.toml");
    std::fs::write(
        &path,
        format!(
            r##"
[settings]
host_delay = "0s"
timeout = "10s"
base_url = "http://feeds.example.test/"

[feeds.hanbit-economy]
title = "한빛일보 경제"
url = "{url}"
language = "ko"
max_items = {max_items}

[feeds.hanbit-economy.select]
item = "#section-list ul.type2 > li"
link = "h4.titles a"
title = "h4.titles"
summary = "p.lead"
date = "span.byline em:last-child"
"##
        ),
    )
    .unwrap();
    path
}

const PAGE: &str = "/news/articleList.html";

/// Waits until a file written in `dir` now gets an mtime later than `mtime`, so that a file
/// rewritten from here on shows a new mtime (file times are coarser than the clock).
fn wait_for_clock_past(dir: &Path, mtime: SystemTime) {
    let probe = dir.join("clock-probe");
    let moved = wait_until(WAIT, || {
        std::fs::write(&probe, b"").unwrap();
        std::fs::metadata(&probe).unwrap().modified().unwrap() > mtime
    });
    std::fs::remove_file(&probe).unwrap();
    assert!(moved, "file times never moved past {mtime:?}");
}

fn build(cfg: &Path, now: &str) -> String {
    let out = run_on_config(&["build"], cfg, now);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "build at {now} failed: {stderr}");
    stderr
}

/// The feed's entries as (link number, RFC 3339 published time), in file order.
fn entries(dir: &Path) -> Vec<(u32, String)> {
    let bytes = std::fs::read(dir.join("output/hanbit-economy.atom")).unwrap();
    let feed = parser::parse(&bytes[..]).unwrap();
    feed.entries
        .iter()
        .map(|e| {
            let link = &e.links[0].href;
            let no = link.rsplit('=').next().unwrap().parse().unwrap();
            // feed-rs hands back UTC; show it in KST to compare with what the page printed.
            let kst = chrono::FixedOffset::east_opt(9 * 3600).unwrap();
            (no, e.published.unwrap().with_timezone(&kst).to_rfc3339())
        })
        .collect()
}

fn read_outputs(dir: &Path) -> (Vec<u8>, Vec<u8>) {
    (
        std::fs::read(dir.join("output/hanbit-economy.rss")).unwrap(),
        std::fs::read(dir.join("output/hanbit-economy.atom")).unwrap(),
    )
}

#[test]
fn four_builds_keep_history_first_seen_times_and_304s() {
    let server = TestServer::start();
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), &server.url(PAGE), 5);

    // Build 1: four dated articles.
    let v1 = section_page(&[
        Article {
            no: 104,
            title: "반도체 수출 석 달째 증가",
            time: Some("2026.02.10 19:32"),
        },
        Article {
            no: 103,
            title: "기준금리 동결 전망 우세",
            time: Some("2026.02.10 15:05"),
        },
        Article {
            no: 102,
            title: "전세대출 규제 완화 검토",
            time: Some("2026.02.10 11:40"),
        },
        Article {
            no: 101,
            title: "코스피 2,800선 회복",
            time: Some("2026.02.10 09:10"),
        },
    ]);
    server.set(PAGE, Resp::html(v1.clone()).with_header("ETag", "\"v1\""));
    build(&cfg, "2026-02-10T20:00:00+09:00");
    assert_eq!(
        entries(dir.path()),
        vec![
            (104, "2026-02-10T19:32:00+09:00".into()),
            (103, "2026-02-10T15:05:00+09:00".into()),
            (102, "2026-02-10T11:40:00+09:00".into()),
            (101, "2026-02-10T09:10:00+09:00".into()),
        ]
    );
    let first = read_outputs(dir.path());
    let mtime = std::fs::metadata(dir.path().join("output/hanbit-economy.rss"))
        .unwrap()
        .modified()
        .unwrap();

    // Build 2: the page is unchanged; the server answers 304 and nothing is rewritten.
    wait_for_clock_past(dir.path(), mtime);
    let stderr = build(&cfg, "2026-02-10T20:30:00+09:00");
    assert_eq!(server.hits(PAGE), 2);
    assert_eq!(
        server.not_modified(PAGE),
        1,
        "the second fetch must be conditional"
    );
    let sent = server.last_request_headers(PAGE);
    assert!(
        sent.iter()
            .any(|(n, v)| n == "if-none-match" && v == "\"v1\""),
        "{sent:?}"
    );
    assert!(stderr.contains("not modified"), "{stderr}");
    assert_eq!(read_outputs(dir.path()), first, "byte-identical files");
    let mtime2 = std::fs::metadata(dir.path().join("output/hanbit-economy.rss"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(mtime, mtime2, "an unchanged feed file is not rewritten");

    // Build 3: the two oldest scroll off; two new arrive, one without a printed time.
    let v2 = section_page(&[
        Article {
            no: 106,
            title: "정부, 소상공인 지원책 발표",
            time: None,
        },
        Article {
            no: 105,
            title: "환율 1,320원대 하락",
            time: Some("2026.02.11 08:50"),
        },
        Article {
            no: 104,
            title: "반도체 수출 석 달째 증가",
            time: Some("2026.02.10 19:32"),
        },
        Article {
            no: 103,
            title: "기준금리 동결 전망 우세",
            time: Some("2026.02.10 15:05"),
        },
    ]);
    server.set(PAGE, Resp::html(v2).with_header("ETag", "\"v2\""));
    let stderr = build(&cfg, "2026-02-11T09:00:00+09:00");
    assert!(stderr.contains("2 new"), "{stderr}");
    let third = entries(dir.path());
    assert_eq!(
        third,
        vec![
            (106, "2026-02-11T09:00:00+09:00".into()), // first seen now
            (105, "2026-02-11T08:50:00+09:00".into()),
            (104, "2026-02-10T19:32:00+09:00".into()),
            (103, "2026-02-10T15:05:00+09:00".into()),
            (102, "2026-02-10T11:40:00+09:00".into()), // gone from the page, kept
        ],
        "max_items = 5 keeps the newest"
    );

    // Build 4: the page changes again (order and ETag); the dateless item keeps its first-seen time.
    let v3 = section_page(&[
        Article {
            no: 107,
            title: "수출입은행, 중소기업 대출 확대",
            time: Some("2026.02.11 10:15"),
        },
        Article {
            no: 105,
            title: "환율 1,320원대 하락",
            time: Some("2026.02.11 08:50"),
        },
        Article {
            no: 106,
            title: "정부, 소상공인 지원책 발표",
            time: None,
        },
    ]);
    server.set(PAGE, Resp::html(v3).with_header("ETag", "\"v3\""));
    build(&cfg, "2026-02-11T11:00:00+09:00");
    assert_eq!(
        entries(dir.path()),
        vec![
            (107, "2026-02-11T10:15:00+09:00".into()),
            (106, "2026-02-11T09:00:00+09:00".into()),
            (105, "2026-02-11T08:50:00+09:00".into()),
            (104, "2026-02-10T19:32:00+09:00".into()),
            (103, "2026-02-10T15:05:00+09:00".into()),
        ]
    );

    // `status` shows the feed as healthy with its item count.
    let out = run_on_config(&["status"], &cfg, "2026-02-11T11:00:00+09:00");
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.contains("hanbit-economy") && table.contains(" ok "),
        "{table}"
    );
}

#[test]
fn relative_times_do_not_drift_between_builds() {
    let server = TestServer::start();
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), &server.url(PAGE), 10);
    let page = section_page(&[
        Article {
            no: 201,
            title: "속보 증시 급등",
            time: Some("3시간 전"),
        },
        Article {
            no: 200,
            title: "어제 발표된 고용지표",
            time: Some("어제 14:20"),
        },
    ]);
    server.set(PAGE, Resp::html(page));
    build(&cfg, "2026-02-11T09:00:00+09:00");
    let before = entries(dir.path());
    assert_eq!(before[0], (201, "2026-02-11T06:00:00+09:00".into()));
    // An hour later the page still says "3시간 전" (it rounds down); the item keeps its time.
    build(&cfg, "2026-02-11T10:00:00+09:00");
    assert_eq!(entries(dir.path()), before);
}

#[test]
fn forget_removes_items_and_files() {
    let server = TestServer::start();
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), &server.url(PAGE), 10);
    server.set(
        PAGE,
        Resp::html(section_page(&[Article {
            no: 1,
            title: "첫 기사",
            time: Some("2026.02.10 19:32"),
        }])),
    );
    build(&cfg, "2026-02-11T09:00:00+09:00");
    let out = run_on_config(
        &["forget", "hanbit-economy"],
        &cfg,
        "2026-02-11T09:00:00+09:00",
    );
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("forgot 1 items"));
    assert!(!dir.path().join("output/hanbit-economy.rss").exists());
    assert!(!dir.path().join("output/hanbit-economy.atom").exists());
}

/// Twenty feeds on slow pages, so a build is always mid-way somewhere when it is killed.
fn many_feeds_config(dir: &Path, server: &TestServer) -> std::path::PathBuf {
    let mut text = String::from("[settings]\nhost_delay = \"0s\"\nconcurrency = 4\n");
    for n in 0..20 {
        let path = format!("/s{n}/list.html");
        let articles: Vec<Article> = (0..30)
            .map(|i| Article {
                no: n * 100 + i,
                title: "지역 경제 동향 보고",
                time: Some("2026.02.10 19:32"),
            })
            .collect();
        server.set(
            &path,
            Resp::html(section_page(&articles)).with_delay(Duration::from_millis(15)),
        );
        text.push_str(&format!(
            "[feeds.f{n}]\ntitle = \"피드 {n}\"\nurl = \"{}\"\n[feeds.f{n}.select]\nitem = \"#section-list li\"\ntitle = \"h4.titles\"\nsummary = \"p.lead\"\ndate = \"span.byline em:last-child\"\n",
            server.url(&path)
        ));
    }
    let cfg = dir.join("feeds.toml");
    std::fs::write(&cfg, text).unwrap();
    cfg
}

#[test]
fn builds_killed_at_random_moments_leave_valid_files_and_database() {
    let server = TestServer::start();
    let dir = tempfile::tempdir().unwrap();
    let cfg = many_feeds_config(dir.path(), &server);
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for round in 0..20 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        // The kill lands at a random moment 0–180 ms after the build's first request, so
        // always during the build, however slowly a loaded machine starts it.
        let wait = Duration::from_millis(seed % 180);
        let now = format!("2026-02-11T09:{round:02}:00+09:00");
        let asked = server.total_hits();
        let mut child = feedmill_command(
            &["--config", cfg.to_str().unwrap(), "build"],
            dir.path(),
            &[("FEEDMILL_NOW", now.as_str())],
        )
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
        let started = wait_until(WAIT, || {
            server.total_hits() > asked || child.try_wait().unwrap().is_some()
        });
        assert!(started, "round {round}: the build made no request");
        std::thread::sleep(wait);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();

        let store = feedmill::store::Store::open(&dir.path().join("state")).unwrap();
        assert_eq!(store.integrity_check().unwrap(), "ok", "round {round}");
        drop(store);
        for entry in std::fs::read_dir(dir.path().join("output"))
            .into_iter()
            .flatten()
            .flatten()
        {
            let path = entry.path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if name.ends_with(".rss") || name.ends_with(".atom") {
                let bytes = std::fs::read(&path).unwrap();
                assert!(
                    parser::parse(&bytes[..]).is_ok(),
                    "round {round}: {name} does not parse"
                );
            }
        }
    }
    // The next build succeeds and writes every feed.
    let out = run_on_config(&["build"], &cfg, "2026-02-11T10:00:00+09:00");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for n in 0..20 {
        assert!(dir.path().join(format!("output/f{n}.atom")).exists());
    }
}

#[test]
fn two_builds_at_once_wait_for_each_other() {
    let server = TestServer::start();
    let dir = tempfile::tempdir().unwrap();
    let cfg = many_feeds_config(dir.path(), &server);
    let spawn = |now: &str| {
        feedmill_command(
            &["--config", cfg.to_str().unwrap(), "build"],
            dir.path(),
            &[("FEEDMILL_NOW", now)],
        )
        .spawn()
        .unwrap()
    };
    let (a, b) = (
        spawn("2026-02-11T09:00:00+09:00"),
        spawn("2026-02-11T09:00:30+09:00"),
    );
    for child in [a, b] {
        let out = wait_output(child, RUN_TIMEOUT, "one of two builds at once");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let store = feedmill::store::Store::open(&dir.path().join("state")).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    assert_eq!(store.health().unwrap().len(), 20);
}
