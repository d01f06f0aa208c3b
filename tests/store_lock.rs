//! A state database locked by another process delays only the feeds that wait for it: while a
//! second connection holds SQLite's write lock for 5 s, a build of several feeds with a 2 s
//! request timeout sees no request time out, and finishes once the lock is released.
//!
//! Before the store ran on the blocking pool, the feed waiting for the lock held the
//! one-thread runtime, and every other feed's request in flight timed out behind it.

mod common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use common::{run_on_config, Resp, TestServer};

const FEEDS: usize = 6;
const LOCK_HELD: Duration = Duration::from_secs(5);

fn list_page(n: usize) -> String {
    let items: String = (0..5)
        .map(|i| {
            format!(
                "<li><a href=\"/news/view/{n}{i:03}\">경제 기사 {n}-{i}: 금리 동결 전망</a>\
                 <span class=\"date\">2026.02.10 1{i}:30</span></li>\n"
            )
        })
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"ko\"><head><meta charset=\"utf-8\"><title>경제 {n}</title></head>\
         <body><nav><a href=\"/\">홈</a></nav><ul class=\"list\">\n{items}</ul></body></html>"
    )
}

fn config(dir: &std::path::Path, server: &TestServer) -> PathBuf {
    let mut text =
        String::from("[settings]\nhost_delay = \"0s\"\ntimeout = \"2s\"\nconcurrency = 8\n");
    for n in 0..FEEDS {
        text.push_str(&format!(
            "\n[feeds.section-{n}]\ntitle = \"경제 {n}\"\nurl = \"{}\"\n\
             [feeds.section-{n}.select]\nitem = \"ul.list > li\"\ndate = \"span.date\"\n",
            server.url(&format!("/section/{n}"))
        ));
    }
    let path = dir.join("feeds.toml");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_locked_database_delays_only_the_feeds_waiting_for_it() {
    let server = TestServer::start();
    for n in 0..FEEDS {
        // Answers that take a while, so every request is in flight when the lock is taken,
        // and some still are when the first feed must wait for the database.
        let delay = Duration::from_millis(300 + 200 * n as u64);
        server.set(
            &format!("/section/{n}"),
            Resp::html(list_page(n)).with_delay(delay),
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), &server);
    let now = "2026-02-11T09:00:00+09:00";

    // A first build creates the database.
    let first = run_on_config(&["build"], &cfg, now);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    // New items on every page, so the next build must write to the database.
    for n in 0..FEEDS {
        let page = list_page(n).replace("</ul>", &format!(
            "<li><a href=\"/news/view/{n}999\">속보 {n}</a><span class=\"date\">2026.02.11 08:50</span></li></ul>"
        ));
        let delay = Duration::from_millis(300 + 200 * n as u64);
        server.set(&format!("/section/{n}"), Resp::html(page).with_delay(delay));
    }

    // The second build runs in the background; once it has asked for its first page (its
    // store is open by then), another connection takes the write lock and holds it.
    let hits_before = server.total_hits();
    let build = {
        let cfg = cfg.clone();
        std::thread::spawn(move || {
            let out = run_on_config(&["build", "-v"], &cfg, "2026-02-11T09:05:00+09:00");
            (out, Instant::now())
        })
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    while server.total_hits() == hits_before {
        assert!(
            Instant::now() < deadline,
            "the build never asked for a page"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    let conn = rusqlite::Connection::open(dir.path().join("state/feedmill.db")).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    let locked_at = Instant::now();
    // The lock is the fixture: held for a fixed time, as another process would hold it.
    std::thread::sleep(LOCK_HELD);
    conn.execute_batch("COMMIT").unwrap();
    let released = Instant::now();
    let (out, finished) = build.join().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);

    assert!(out.status.success(), "the build failed:\n{stderr}");
    assert!(
        !stderr.contains("timed out") && !stderr.contains("error"),
        "a request timed out behind the locked database:\n{stderr}"
    );
    assert!(
        finished >= released,
        "the build cannot have written before the lock was released"
    );
    assert!(finished - locked_at >= LOCK_HELD);
    for n in 0..FEEDS {
        let rss =
            std::fs::read_to_string(dir.path().join(format!("output/section-{n}.rss"))).unwrap();
        assert!(
            rss.contains(&format!("속보 {n}")),
            "feed {n} lacks its new item"
        );
    }
}
