//! The daemon: refreshes on its interval, stops on SIGTERM, backs off a failing feed,
//! reloads on SIGHUP, and a real feed reader (newsboat) reads what it serves.

use crate::common;
use crate::common::daemon::{get, Daemon};
use crate::common::tools::TOOL_TIMEOUT;
use crate::common::{run_command, tool_or_skip, wait_until, Resp, TestServer, WAIT};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A config with one feed on the fixture server, refreshed every `interval`.
fn daemon_config(dir: &Path, server: &TestServer, interval: &str) -> PathBuf {
    let cfg = dir.join("feeds.toml");
    std::fs::write(
        &cfg,
        format!(
            r##"[settings]
host_delay = "0s"
timeout = "5s"
interval = "{interval}"

[feeds.times]
title = "머니와이드"
url = "{}"

[feeds.times.select]
item = "div.card-grid a.card"
title = "strong.tit"
date = "em.time"
"##,
            server.url("/list")
        ),
    )
    .unwrap();
    cfg
}

#[test]
fn run_refreshes_on_interval_and_stops_cleanly_on_sigterm() {
    let server = TestServer::start();
    server.set("/list", Resp::html(common::fixture("list_times.html")));
    let dir = tempfile::tempdir().unwrap();
    let cfg = daemon_config(dir.path(), &server, "1s");
    let mut d = Daemon::start(&cfg, &["run"]);
    // First run, then refreshes on the interval.
    assert!(
        wait_until(WAIT, || server.hits("/list") >= 3),
        "hits: {}\n{}",
        server.hits("/list"),
        d.log()
    );
    let feed = dir.path().join("output/times.atom");
    assert!(feed.exists());
    assert!(dir.path().join("output/index.html").exists());
    assert!(dir.path().join("output/feeds.opml").exists());
    let r = get(d.addr, "/times.atom", &[]);
    assert_eq!(r.status, 200);
    assert!(feed_rs::parser::parse(&r.body[..]).is_ok());
    assert_eq!(get(d.addr, "/healthz", &[]).status, 200);

    d.signal("TERM");
    assert_eq!(d.wait_exit(WAIT), Some(0), "{}", d.log());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("output"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "half-written files: {leftovers:?}");
    assert!(feed_rs::parser::parse(&std::fs::read(&feed).unwrap()[..]).is_ok());
}

#[test]
fn failing_feed_backs_off_and_honours_retry_after() {
    let server = TestServer::start();
    server.set(
        "/list",
        Resp::status(503).with_header("Retry-After", "3600"),
    );
    // A second feed on the same 1 s interval that succeeds: the test's clock. Its refreshes
    // show the scheduler running while the failing feed must stay quiet.
    server.set("/control", Resp::html(common::fixture("list_times.html")));
    let dir = tempfile::tempdir().unwrap();
    let cfg = daemon_config(dir.path(), &server, "1s");
    let text = std::fs::read_to_string(&cfg).unwrap();
    std::fs::write(
        &cfg,
        format!(
            "{text}\n[feeds.control]\ntitle = \"대조\"\nurl = \"{}\"\n\n[feeds.control.select]\nitem = \"div.card-grid a.card\"\n",
            server.url("/control")
        ),
    )
    .unwrap();
    let mut d = Daemon::start(&cfg, &["run"]);
    assert!(
        wait_until(WAIT, || server.hits("/list") >= 1),
        "the failing feed was never fetched\n{}",
        d.log()
    );
    // Without Retry-After the failing feed would be asked again a second after its failure
    // (then 2 s, 4 s, ...): four more refreshes of the control feed outlast that.
    let seen = server.hits("/control");
    assert!(
        wait_until(WAIT, || server.hits("/control") >= seen + 4),
        "the control feed was not refreshed on its 1 s interval\n{}",
        d.log()
    );
    assert_eq!(
        server.hits("/list"),
        1,
        "Retry-After: 3600 was not honoured\n{}",
        d.log()
    );
    let h = get(d.addr, "/healthz", &[]);
    assert_eq!(h.status, 503);
    d.signal("INT");
    assert_eq!(d.wait_exit(WAIT), Some(0));
}

#[test]
fn sighup_reloads_config_and_keeps_old_one_when_invalid() {
    let server = TestServer::start();
    server.set("/list", Resp::html(common::fixture("list_times.html")));
    let dir = tempfile::tempdir().unwrap();
    let cfg = daemon_config(dir.path(), &server, "1h");
    let mut d = Daemon::start(&cfg, &["run"]);
    assert!(wait_until(WAIT, || dir
        .path()
        .join("output/times.atom")
        .exists()));

    // An invalid config is refused; the daemon goes on.
    let good = std::fs::read_to_string(&cfg).unwrap();
    std::fs::write(&cfg, format!("{good}\nbogus_key = 1\n")).unwrap();
    d.signal("HUP");
    assert!(
        wait_until(WAIT, || d.log().contains("kept the running config")),
        "{}",
        d.log()
    );
    assert_eq!(get(d.addr, "/times.atom", &[]).status, 200);

    // A valid one with a second feed is taken up.
    server.set("/list2", Resp::html(common::fixture("list_times.html")));
    let second = good.replace("[feeds.times]", "[feeds.second]\ntitle = \"둘째\"\nurl = \"URL2\"\n[feeds.second.select]\nitem = \"div.card-grid a.card\"\n\n[feeds.times]").replace("URL2", &server.url("/list2"));
    std::fs::write(&cfg, second).unwrap();
    d.signal("HUP");
    assert!(
        wait_until(WAIT, || dir.path().join("output/second.atom").exists()),
        "{}",
        d.log()
    );
    d.signal("TERM");
    assert_eq!(d.wait_exit(WAIT), Some(0));
}

/// A real feed reader: Debian's newsboat subscribes to the RSS and Atom feeds `serve` serves
/// and must store every item with its title, link and time.
#[test]
fn newsboat_reads_served_feeds() {
    if !tool_or_skip("newsboat", "newsboat", "newsboat_reads_served_feeds") {
        return;
    }
    let server = TestServer::start();
    server.set("/list", Resp::html(common::fixture("list_times.html")));
    let dir = tempfile::tempdir().unwrap();
    let cfg = daemon_config(dir.path(), &server, "1h");
    let out = common::run_on_config(&["build"], &cfg, "2026-02-11T09:00:00+09:00");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let d = Daemon::start(&cfg, &["serve"]);

    let expected = {
        let bytes = std::fs::read(dir.path().join("output/times.atom")).unwrap();
        let feed = feed_rs::parser::parse(&bytes[..]).unwrap();
        let mut items: Vec<(String, String, i64)> = feed
            .entries
            .iter()
            .map(|e| {
                (
                    e.title.as_ref().unwrap().content.clone(),
                    e.links[0].href.clone(),
                    e.published.unwrap().timestamp(),
                )
            })
            .collect();
        items.sort();
        items
    };
    assert_eq!(expected.len(), 7);

    for format in ["rss", "atom"] {
        let home = dir.path().join(format!("nb-{format}"));
        std::fs::create_dir_all(&home).unwrap();
        let urls = home.join("urls");
        std::fs::write(&urls, format!("http://{}/times.{format}\n", d.addr)).unwrap();
        std::fs::write(home.join("config"), "").unwrap();
        let cache = home.join("cache.db");
        let mut newsboat = Command::new("newsboat");
        newsboat
            .arg("-u")
            .arg(&urls)
            .arg("-c")
            .arg(&cache)
            .arg("-C")
            .arg(home.join("config"))
            .args(["-x", "reload"])
            .env("HOME", &home)
            .env_remove("http_proxy")
            .env_remove("HTTP_PROXY");
        let out = run_command(newsboat, TOOL_TIMEOUT);
        assert!(
            out.status.success(),
            "newsboat: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let db = rusqlite::Connection::open(&cache).unwrap();
        let mut stmt = db
            .prepare("SELECT title, url, pubDate FROM rss_item")
            .unwrap();
        let mut got: Vec<(String, String, i64)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        got.sort();
        assert_eq!(got, expected, "newsboat's view of the {format} feed");
    }
}
