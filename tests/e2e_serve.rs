//! The server and the daemon end to end: headers, conditional requests, compression,
//! path traversal sent as raw request lines, health and metrics, the scheduler, signals.

mod common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::daemon::{connect, get, raw, request, wait_compressed, Daemon, Reply};
use common::tools::TOOL_TIMEOUT;
use common::{run_command, tool_or_skip, wait_until, Resp, TestServer, WAIT};

const SECRET: &str = "SECRET-DO-NOT-SERVE";

/// An output folder with one file of each kind, and secrets beside and behind it.
fn publish_dir() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("news.rss"), "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>뉴스</title><link>http://x/</link><description>d</description></channel></rss>".repeat(20)).unwrap();
    std::fs::write(
        out.join("news.atom"),
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>",
    )
    .unwrap();
    std::fs::write(
        out.join("news.json"),
        "{\"version\":\"https://jsonfeed.org/version/1.1\"}",
    )
    .unwrap();
    std::fs::write(out.join("feeds.opml"), "<opml version=\"2.0\"></opml>").unwrap();
    std::fs::write(
        out.join("index.html"),
        "<!DOCTYPE html><title>feeds</title>",
    )
    .unwrap();
    std::fs::write(out.join("notes.txt"), SECRET).unwrap();
    std::fs::create_dir_all(out.join("sub")).unwrap();
    std::fs::write(out.join("sub/inner.rss"), SECRET).unwrap();
    std::fs::write(dir.path().join("secret.rss"), SECRET).unwrap();
    std::os::unix::fs::symlink(dir.path().join("secret.rss"), out.join("leak.rss")).unwrap();
    let cfg = dir.path().join("feeds.toml");
    std::fs::write(
        &cfg,
        format!("# {SECRET}\n[settings]\ninterval = \"20m\"\n[feeds.news]\ntitle = \"뉴스\"\nurl = \"http://127.0.0.1:9/\"\ninterval = \"45m\"\n"),
    )
    .unwrap();
    (dir, cfg)
}

#[test]
fn serves_feeds_with_types_validators_and_compression() {
    let (_dir, cfg) = publish_dir();
    let d = Daemon::start(&cfg, &["serve"]);
    let types = [
        ("/news.rss", "application/rss+xml; charset=utf-8"),
        ("/news.atom", "application/atom+xml; charset=utf-8"),
        ("/news.json", "application/feed+json"),
        ("/feeds.opml", "text/x-opml; charset=utf-8"),
        ("/index.html", "text/html; charset=utf-8"),
        ("/", "text/html; charset=utf-8"),
    ];
    for (path, ctype) in types {
        let r = get(d.addr, path, &[]);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-type"), Some(ctype), "{path}");
        assert!(
            r.header("etag").is_some_and(|e| e.starts_with('"')),
            "{path}: strong ETag"
        );
        assert!(r.header("last-modified").is_some(), "{path}");
        assert_eq!(r.header("vary"), Some("Accept-Encoding"));
    }
    // Cache-Control from the feed's interval; other files from settings.interval.
    assert_eq!(
        get(d.addr, "/news.rss", &[]).header("cache-control"),
        Some("public, max-age=2700")
    );
    assert_eq!(
        get(d.addr, "/feeds.opml", &[]).header("cache-control"),
        Some("public, max-age=1200")
    );

    let plain = get(d.addr, "/news.rss", &[]);
    let etag = plain.header("etag").unwrap().to_string();
    let lm = plain.header("last-modified").unwrap().to_string();
    assert_eq!(
        get(d.addr, "/news.rss", &[("If-None-Match", &etag)]).status,
        304
    );
    assert_eq!(
        get(
            d.addr,
            "/news.rss",
            &[("If-None-Match", "\"other\", W/\"x\"")]
        )
        .status,
        200
    );
    let r = get(d.addr, "/news.rss", &[("If-Modified-Since", &lm)]);
    assert_eq!((r.status, r.body.len()), (304, 0));

    // Compressed once loaded, off the request path; served as is until then.
    wait_compressed(d.addr, &["/news.rss"]);
    let gz = get(d.addr, "/news.rss", &[("Accept-Encoding", "gzip")]);
    assert_eq!(gz.header("content-encoding"), Some("gzip"));
    let mut unzipped = Vec::new();
    flate2::read::GzDecoder::new(&gz.body[..])
        .read_to_end(&mut unzipped)
        .unwrap();
    assert_eq!(unzipped, plain.body);
    assert!(gz.body.len() < plain.body.len());

    let br = get(
        d.addr,
        "/news.rss",
        &[("Accept-Encoding", "gzip, deflate, br")],
    );
    assert_eq!(br.header("content-encoding"), Some("br"));
    let mut unbr = Vec::new();
    brotli::Decompressor::new(&br.body[..], 4096)
        .read_to_end(&mut unbr)
        .unwrap();
    assert_eq!(unbr, plain.body);
    let br_etag = br.header("etag").unwrap().to_string();
    assert_ne!(br_etag, etag, "each encoding has its own strong ETag");
    assert_eq!(
        get(
            d.addr,
            "/news.rss",
            &[("Accept-Encoding", "br"), ("If-None-Match", &br_etag)]
        )
        .status,
        304
    );

    // HEAD: the same headers, no body.
    let head = raw(
        d.addr,
        b"HEAD /news.rss HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(head.status, 200);
    assert_eq!(head.header("etag"), Some(etag.as_str()));
    assert_eq!(
        head.header("content-length"),
        plain.header("content-length")
    );
    assert!(head.body.is_empty());

    let post = raw(
        d.addr,
        b"POST /news.rss HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(post.status, 405);
    assert_eq!(post.header("allow"), Some("GET, HEAD"));
}

#[test]
fn path_traversal_never_reaches_outside_output() {
    let (_dir, cfg) = publish_dir();
    let d = Daemon::start(&cfg, &["serve"]);
    let long = format!("/{}.rss", "a".repeat(10_000));
    let attempts: Vec<&str> = vec![
        "/../feeds.toml",
        "/../secret.rss",
        "/..%2fsecret.rss",
        "/%2e%2e/secret.rss",
        "/%2e%2e%2fsecret.rss",
        "/%2E%2E%2Fsecret.rss",
        "/..%5csecret.rss",
        "/%5c..%5csecret.rss",
        "//etc/passwd",
        "/etc/passwd",
        "/leak.rss",
        "/sub/inner.rss",
        "/sub%2finner.rss",
        "/notes.txt",
        "/news.rss%00.txt",
        "/news.rss/..",
        "/./news.rss/../../secret.rss",
        "/%252e%252e/secret.rss",
        "/..;/secret.rss",
        "http://evil/../secret.rss",
        &long,
    ];
    for path in attempts {
        let r = raw(
            d.addr,
            format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes(),
        );
        assert!(
            matches!(r.status, 400 | 404 | 414 | 431),
            "{path}: {}",
            r.status
        );
        assert!(
            !String::from_utf8_lossy(&r.body).contains(SECRET),
            "{path} leaked"
        );
    }
    // A NUL byte in the request line itself.
    let r = raw(
        d.addr,
        b"GET /news.rss\0../secret.rss HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(!String::from_utf8_lossy(&r.body).contains(SECRET));
    // The server still answers.
    assert_eq!(get(d.addr, "/news.rss", &[]).status, 200);
}

#[test]
fn healthz_and_metrics() {
    let (_dir, cfg) = publish_dir();
    let d = Daemon::start(&cfg, &["serve"]);
    // The one feed has never succeeded: unhealthy.
    let h = get(d.addr, "/healthz", &[]);
    assert_eq!(h.status, 503);
    assert_eq!(h.header("content-type"), Some("application/json"));
    let v: serde_json::Value = serde_json::from_slice(&h.body).unwrap();
    assert_eq!(v["status"], "failing");
    assert_eq!(v["feeds"][0]["id"], "news");
    let m = get(d.addr, "/metrics", &[]);
    assert_eq!(m.status, 200);
    let text = String::from_utf8_lossy(&m.body);
    assert!(
        text.contains("# TYPE feedmill_http_responses_total counter"),
        "{text}"
    );
    assert!(
        text.contains("feedmill_http_responses_total{class=\"ok\"}"),
        "{text}"
    );
}

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

/// The shipped unit passes `systemd-analyze verify` (with ExecStart pointed at this build).
#[test]
fn systemd_unit_verifies() {
    let unit = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("dist/feedmill.service"),
    )
    .unwrap();
    for needed in [
        "Type=notify",
        "ExecReload=/bin/kill -HUP $MAINPID",
        "WatchdogSec=",
        "DynamicUser=yes",
        "StateDirectory=feedmill",
        "ProtectSystem=strict",
        "NoNewPrivileges=yes",
        "PrivateTmp=yes",
    ] {
        assert!(
            unit.contains(needed),
            "dist/feedmill.service lacks {needed}"
        );
    }
    if !tool_or_skip(
        "systemd-analyze",
        "systemd",
        "systemd_unit_verifies: verify",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feedmill.service");
    std::fs::write(
        &path,
        unit.replace(
            "/usr/local/bin/feedmill",
            &common::feedmill_bin().to_string_lossy(),
        ),
    )
    .unwrap();
    let mut verify = Command::new("systemd-analyze");
    verify.arg("verify").arg(&path);
    let out = run_command(verify, TOOL_TIMEOUT);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The unit with the Chromium drop-in applied still verifies, and systemd reads every line of
/// the drop-in (an unknown or malformed directive is only a warning, so the output is checked).
#[test]
fn systemd_unit_with_the_chromium_drop_in_verifies() {
    if !tool_or_skip(
        "systemd-analyze",
        "systemd",
        "systemd_unit_with_the_chromium_drop_in_verifies: verify",
    ) {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let unit = std::fs::read_to_string(root.join("dist/feedmill.service")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feedmill.service");
    std::fs::write(
        &path,
        unit.replace(
            "/usr/local/bin/feedmill",
            &common::feedmill_bin().to_string_lossy(),
        ),
    )
    .unwrap();
    let drop_in = dir.path().join("feedmill.service.d");
    std::fs::create_dir(&drop_in).unwrap();
    std::fs::copy(
        root.join("dist/feedmill-chromium.conf"),
        drop_in.join("chromium.conf"),
    )
    .unwrap();
    let mut verify = Command::new("systemd-analyze");
    // The folder as the unit search path: systemd reads `feedmill.service.d/` from it.
    verify
        .env("SYSTEMD_UNIT_PATH", format!("{}:", dir.path().display()))
        .arg("verify")
        .arg(&path);
    let out = run_command(verify, TOOL_TIMEOUT);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        !stderr.contains("chromium.conf"),
        "systemd objects to the drop-in: {stderr}"
    );
}

/// `body` decoded from the response's Content-Encoding (none, gzip or br).
fn decoded(r: &Reply) -> Vec<u8> {
    let mut out = Vec::new();
    match r.header("content-encoding") {
        None => out.clone_from(&r.body),
        Some("gzip") => {
            flate2::read::GzDecoder::new(&r.body[..])
                .read_to_end(&mut out)
                .unwrap();
        }
        Some("br") => {
            brotli::Decompressor::new(&r.body[..], 4096)
                .read_to_end(&mut out)
                .unwrap();
        }
        Some(other) => panic!("unexpected Content-Encoding {other}"),
    }
    out
}

/// The issue: compression ran on the first request that asked for it, on the async
/// workers, so the first `br` request for a 9 MB file took seconds and held up a request
/// for a tiny feed. Now files are compressed when loaded, on a thread of their own, and
/// served as they are meanwhile.
#[test]
fn a_big_file_being_compressed_does_not_hold_up_a_tiny_one() {
    let (dir, cfg) = publish_dir();
    let d = Daemon::start(&cfg, &["serve"]);
    let mut big = Vec::new();
    let mut i = 0u64;
    while big.len() < 9 * 1024 * 1024 {
        // Varied text, as costly to compress as a real feed.
        let n = i.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 20;
        big.extend_from_slice(
            format!("<item><title>기사 {i} 수출 {n}</title><link>http://x/{n:x}</link></item>\n")
                .as_bytes(),
        );
        i += 1;
    }
    std::fs::write(dir.path().join("output/big.rss"), &big).unwrap();
    let addr = d.addr;
    // Just written: wait until the server has picked it up (without asking for brotli).
    let loaded = wait_until(WAIT, || {
        let r = raw(addr, &request("HEAD", addr, "/big.rss", &[], true));
        r.header("content-length") == Some(big.len().to_string().as_str())
    });
    assert!(loaded, "big.rss never served\n{}", d.log());

    // Brotli requests for the big file, enough to occupy every async worker, are sent;
    // then a request for a tiny feed.
    let sent = Arc::new(AtomicUsize::new(0));
    const BIG: usize = 8;
    let bigs: Vec<_> = (0..BIG)
        .map(|_| {
            let sent = Arc::clone(&sent);
            std::thread::spawn(move || {
                let mut s = connect(addr);
                s.write_all(&request(
                    "GET",
                    addr,
                    "/big.rss",
                    &[("Accept-Encoding", "br")],
                    true,
                ))
                .unwrap();
                sent.fetch_add(1, Ordering::SeqCst);
                let mut bytes = Vec::new();
                let _ = s.read_to_end(&mut bytes);
                common::daemon::parse_reply(&bytes)
            })
        })
        .collect();
    assert!(wait_until(WAIT, || sent.load(Ordering::SeqCst) == BIG));
    let start = Instant::now();
    let tiny = get(addr, "/news.atom", &[]);
    let took = start.elapsed();
    assert_eq!(tiny.status, 200);
    for t in bigs {
        let r = t.join().unwrap().expect("a response to the big request");
        assert_eq!(r.status, 200);
        assert!(decoded(&r) == big, "the big file, decoded, differs");
    }
    eprintln!("the tiny feed took {took:?}");
    // Generous for a loaded machine; compressing 9 MB takes far longer.
    assert!(
        took < Duration::from_secs(3),
        "the tiny feed took {took:?} while the big one was asked for in brotli"
    );
}

/// RFC 9110 §8.6: a 304 must not carry a Content-Length other than the 200's; HEAD answered
/// 304 with `content-length: 0`.
#[test]
fn not_modified_answers_carry_no_wrong_content_length() {
    let (_dir, cfg) = publish_dir();
    let d = Daemon::start(&cfg, &["serve"]);
    let full = get(d.addr, "/news.rss", &[]);
    let etag = full.header("etag").unwrap().to_string();
    let lm = full.header("last-modified").unwrap().to_string();
    let length = full.body.len().to_string();
    for method in ["GET", "HEAD"] {
        for cond in [
            ("If-None-Match", etag.as_str()),
            ("If-Modified-Since", lm.as_str()),
        ] {
            let r = raw(d.addr, &request(method, d.addr, "/news.rss", &[cond], true));
            assert_eq!(r.status, 304, "{method} {cond:?}");
            assert!(r.body.is_empty());
            if let Some(len) = r.header("content-length") {
                assert_eq!(len, length, "{method} {cond:?}: a 304's Content-Length");
            }
        }
    }
}

/// q-values are case-insensitive, `q=0` means "not acceptable", and `*` covers the codings
/// not named.
#[test]
fn accept_encoding_weights_are_honoured() {
    let (_dir, cfg) = publish_dir();
    let d = Daemon::start(&cfg, &["serve"]);
    wait_compressed(d.addr, &["/news.rss"]);
    let plain = get(d.addr, "/news.rss", &[]).body;
    let cases: &[(&str, Option<&str>)] = &[
        ("gzip;q=0, *", Some("br")),
        ("br;q=0, *", Some("gzip")),
        ("br;Q=0", None),
        ("br;Q=0, gzip", Some("gzip")),
        ("gzip;Q=0, br;q=0", None),
        ("*;q=0, identity", None),
        ("gzip;q=0.9, br;q=0.4", Some("gzip")),
        ("identity", None),
        ("GZIP", Some("gzip")),
    ];
    for (accept, want) in cases {
        let r = get(d.addr, "/news.rss", &[("Accept-Encoding", accept)]);
        assert_eq!(r.status, 200, "{accept}");
        assert_eq!(
            r.header("content-encoding"),
            *want,
            "Accept-Encoding: {accept}"
        );
        assert_eq!(decoded(&r), plain, "{accept}");
    }
}

/// Writes `bytes` over `path` in place and puts `mtime` back, as `cp -p` does.
fn rewrite_keeping_mtime(path: &Path, bytes: &[u8], mtime: std::time::SystemTime) {
    std::fs::write(path, bytes).unwrap();
    let f = std::fs::File::options().write(true).open(path).unwrap();
    f.set_modified(mtime).unwrap();
    assert_eq!(std::fs::metadata(path).unwrap().modified().unwrap(), mtime);
}

/// New content with the same mtime second (here the very same mtime, as when two writes
/// fall in one second) must not answer 304 to the old Last-Modified.
#[test]
fn new_content_in_the_same_second_is_not_304_to_if_modified_since() {
    let (dir, cfg) = publish_dir();
    let path = dir.path().join("output/news.atom");
    let d = Daemon::start(&cfg, &["serve"]);
    let old = get(d.addr, "/news.atom", &[]);
    let lm = old.header("last-modified").unwrap().to_string();
    let mtime = std::fs::metadata(&path).unwrap().modified().unwrap();
    // A different length, so even a server that compares only mtime and size sees it.
    let new = b"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>new</title></feed>";
    rewrite_keeping_mtime(&path, new, mtime);
    assert!(
        wait_until(WAIT, || get(d.addr, "/news.atom", &[]).body == new),
        "the new content was never served"
    );
    // Its Last-Modified is later than the old one; it may say the old second for the rest
    // of that second (never a date after the response's own), so look until it moves.
    let parse = |v: &str| httpdate::parse_http_date(v).unwrap();
    let mut new_lm = lm.clone();
    let moved = wait_until(WAIT, || {
        let r = get(d.addr, "/news.atom", &[("If-Modified-Since", &lm)]);
        assert_eq!(
            r.status, 200,
            "new content answered 304 to the old Last-Modified {lm}"
        );
        assert_eq!(r.body, new);
        new_lm = r.header("last-modified").unwrap().to_string();
        parse(&new_lm) > parse(&lm)
    });
    assert!(moved, "Last-Modified stayed {new_lm}");
    // The new Last-Modified validates the new content.
    let again = get(d.addr, "/news.atom", &[("If-Modified-Since", &new_lm)]);
    assert_eq!(again.status, 304);
}

/// `cp -p` over a served file: the same size, the old mtime. `serve` compared only mtime and
/// size, and served the old bytes for ever.
#[test]
fn a_same_size_rewrite_keeping_the_mtime_is_served() {
    let (dir, cfg) = publish_dir();
    let path = dir.path().join("output/news.json");
    let d = Daemon::start(&cfg, &["serve"]);
    let old = get(d.addr, "/news.json", &[]);
    assert_eq!(old.status, 200);
    let mtime = std::fs::metadata(&path).unwrap().modified().unwrap();
    let new = String::from_utf8(old.body.clone())
        .unwrap()
        .replace("1.1", "1.2");
    assert_eq!(new.len(), old.body.len());
    rewrite_keeping_mtime(&path, new.as_bytes(), mtime);
    let mut last = Vec::new();
    assert!(
        wait_until(WAIT, || {
            last = get(d.addr, "/news.json", &[]).body;
            last == new.as_bytes()
        }),
        "still serving {:?}",
        String::from_utf8_lossy(&last)
    );
    let r = get(
        d.addr,
        "/news.json",
        &[("If-None-Match", old.header("etag").unwrap())],
    );
    assert_eq!(r.status, 200, "the old ETag must not match the new bytes");
}
