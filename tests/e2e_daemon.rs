//! `feedmill run` as an operator runs it: outside changes to the output folder are served,
//! a second daemon on the same state refuses to start, unusable folders stop it before it
//! says it is ready, a site's Retry-After outlives a restart, a locked database delays
//! neither health nor feeds, log lines carry journald priorities, a reload applies a
//! shortened interval, and `status` and `serve` work for a user who may only read the state.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::daemon::{get, Daemon};
use common::{feedmill_command, run_on_config, wait_until, Resp, TestServer, WAIT};

const NOW: &str = "2026-02-11T09:00:00+09:00";

fn section(name: &str) -> String {
    let items: String = (1..=3)
        .map(|i| {
            format!(
                "<li><a href=\"/news/{name}/{i}\">{name} 기사 {i}: 금리 동결</a><span class=\"date\">2026.02.10 1{i}:00</span></li>"
            )
        })
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"ko\"><head><meta charset=\"utf-8\"></head><body>\
         <nav><a href=\"/\">홈</a></nav><ul class=\"list\">{items}</ul>\
         <div class=\"rank\"><h3>많이 본 뉴스</h3></div></body></html>"
    )
}

/// A config with one feed per `(id, path, interval)`.
fn config(dir: &Path, server: &TestServer, feeds: &[(&str, &str, &str)]) -> PathBuf {
    let mut text = String::from("[settings]\nhost_delay = \"0s\"\ntimeout = \"10s\"\n");
    for (id, path, interval) in feeds {
        text.push_str(&format!(
            "\n[feeds.{id}]\ntitle = \"{id}\"\nurl = \"{}\"\ninterval = \"{interval}\"\n\
             [feeds.{id}.select]\nitem = \"ul.list > li\"\ndate = \"span.date\"\n",
            server.url(path)
        ));
    }
    let path = dir.join("feeds.toml");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn outside_forget_and_build_are_served_within_a_rescan() {
    let server = TestServer::start();
    server.set("/alpha", Resp::html(section("alpha")));
    server.set("/gamma", Resp::html(section("gamma")));
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(
        dir.path(),
        &server,
        &[("alpha", "/alpha", "1h"), ("gamma", "/gamma", "1h")],
    );
    let d = Daemon::start(&cfg, &["run"]);
    assert!(
        wait_until(WAIT, || get(d.addr, "/gamma.rss", &[]).status == 200
            && get(d.addr, "/alpha.rss", &[]).status == 200),
        "{}",
        d.log()
    );

    let out = run_on_config(&["forget", "gamma"], &cfg, NOW);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        wait_until(WAIT, || get(d.addr, "/gamma.rss", &[]).status == 404),
        "a forgotten feed is no longer served"
    );

    // A separate build with new items: the daemon serves its bytes, not its own old ones.
    server.set(
        "/alpha",
        Resp::html(section("alpha").replace("기사 1:", "속보 1:")),
    );
    let out = run_on_config(&["build", "alpha"], &cfg, NOW);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = std::fs::read(dir.path().join("output/alpha.rss")).unwrap();
    assert!(
        wait_until(WAIT, || get(d.addr, "/alpha.rss", &[]).body == written),
        "the new file is served"
    );
}

#[test]
fn a_second_daemon_on_the_same_state_refuses_to_start() {
    let server = TestServer::start();
    server.set("/alpha", Resp::html(section("alpha")));
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), &server, &[("alpha", "/alpha", "1h")]);
    let first = Daemon::start(&cfg, &["run"]);
    let cfg_arg = cfg.to_str().unwrap();
    let out = common::run_feedmill(&["--config", cfg_arg, "run"], dir.path(), &[], WAIT);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("another `feedmill run` (PID "), "{err}");
    drop(first);
}

#[test]
fn an_unwritable_output_folder_stops_the_daemon_before_it_is_ready() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("feeds.toml");
    std::fs::write(
        &cfg,
        "[settings]\noutput_dir = \"feeds.toml/out\"\n\n[feeds.a]\ntitle = \"A\"\nurl = \"http://127.0.0.1:9/\"\n",
    )
    .unwrap();
    let out = common::run_feedmill(
        &["--config", cfg.to_str().unwrap(), "run"],
        dir.path(),
        &[],
        WAIT,
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "a config mistake: {err}");
    assert!(
        err.contains("key `settings.output_dir`: cannot write to"),
        "{err}"
    );
    assert!(!err.contains("refreshing"), "it never started: {err}");
}

#[test]
fn a_restarted_daemon_keeps_to_the_sites_retry_after() {
    let server = TestServer::start();
    server.set(
        "/limited",
        Resp::status(429).with_header("Retry-After", "3600"),
    );
    server.set("/steady", Resp::html(section("steady")));
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(
        dir.path(),
        &server,
        &[("limited", "/limited", "1s"), ("steady", "/steady", "1s")],
    );
    let mut d = Daemon::start(&cfg, &["run"]);
    assert!(wait_until(WAIT, || server.hits("/limited") == 1
        && server.hits("/steady") >= 2));
    // The failure line says when the next attempt is and what the site asked.
    assert!(
        wait_until(WAIT, || d.log().contains("the site asked to wait 3600s")),
        "{}",
        d.log()
    );
    d.signal("TERM");
    assert_eq!(d.wait_exit(WAIT), Some(0), "{}", d.log());
    drop(d);

    let d = Daemon::start(&cfg, &["run"]);
    let steady = server.hits("/steady");
    assert!(
        wait_until(WAIT, || server.hits("/steady") >= steady + 3),
        "{}",
        d.log()
    );
    assert_eq!(
        server.hits("/limited"),
        1,
        "asked again before its Retry-After:\n{}",
        d.log()
    );
}

#[test]
fn a_locked_database_delays_neither_health_nor_feeds() {
    let server = TestServer::start();
    server.set("/alpha", Resp::html(section("alpha")));
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), &server, &[("alpha", "/alpha", "1s")]);
    let d = Daemon::start(&cfg, &["run"]);
    assert!(wait_until(WAIT, || get(d.addr, "/alpha.rss", &[]).status == 200));

    let conn = rusqlite::Connection::open(dir.path().join("state/feedmill.db")).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    let locked = Instant::now();
    // While the lock is held (the daemon's builds wait for it), every request is answered
    // from memory. Bounds are generous for a loaded machine, and far below the lock's 6 s.
    let mut slowest = Duration::ZERO;
    while locked.elapsed() < Duration::from_secs(6) {
        for path in ["/healthz", "/alpha.rss", "/metrics"] {
            let asked = Instant::now();
            let r = get(d.addr, path, &[]);
            assert!(r.status == 200 || r.status == 503, "{path}: {}", r.status);
            slowest = slowest.max(asked.elapsed());
        }
    }
    conn.execute_batch("COMMIT").unwrap();
    assert!(
        slowest < Duration::from_secs(2),
        "a request took {slowest:?} behind the lock"
    );
}

#[test]
fn under_the_journal_lines_carry_priorities_and_no_timestamp() {
    let server = TestServer::start();
    server.set("/gone", Resp::status(404));
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), &server, &[("gone", "/gone", "1h")]);
    let (reader, writer) = std::io::pipe().unwrap();
    let journal = {
        use std::os::fd::AsRawFd;
        // SAFETY: fstat fills a zeroed struct for a descriptor this test owns.
        let mut st: libc::stat = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::fstat(writer.as_raw_fd(), &mut st) }, 0);
        format!("{}:{}", st.st_dev, st.st_ino)
    };
    let mut child = feedmill_command(
        &["--config", cfg.to_str().unwrap(), "-q", "run"],
        dir.path(),
        &[("JOURNAL_STREAM", &journal)],
    )
    .stderr(writer)
    .spawn()
    .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(reader).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut seen = Vec::new();
    let deadline = Instant::now() + WAIT;
    let failure = loop {
        let line = rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .unwrap_or_else(|_| panic!("no failure line; saw {seen:?}"));
        if line.contains("failed") {
            break line;
        }
        seen.push(line);
    };
    let _ = child.kill();
    let _ = child.wait();
    // -q still shows a failing feed: it is an error, priority 3, with its next attempt.
    assert!(failure.starts_with("<3>"), "{failure}");
    assert!(failure.contains("next attempt at 20"), "{failure}");
    for line in &seen {
        assert!(line.starts_with('<'), "every line has a priority: {line}");
    }
}

#[test]
fn a_reload_applies_a_shortened_interval_at_once() {
    let server = TestServer::start();
    server.set("/alpha", Resp::html(section("alpha")));
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), &server, &[("alpha", "/alpha", "1h")]);
    let d = Daemon::start(&cfg, &["run"]);
    assert!(wait_until(WAIT, || server.hits("/alpha") == 1));
    config(dir.path(), &server, &[("alpha", "/alpha", "1s")]);
    d.signal("HUP");
    assert!(
        wait_until(WAIT, || server.hits("/alpha") >= 3),
        "still waiting out the old hour:\n{}",
        d.log()
    );
}

#[test]
fn status_and_serve_need_only_read_access_to_the_state() {
    // SAFETY: geteuid has no arguments and cannot fail.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("skipped: status_and_serve_need_only_read_access_to_the_state: needs root to run as another user");
        return;
    }
    if !common::tool_or_skip(
        "setpriv",
        "util-linux",
        "status_and_serve_need_only_read_access_to_the_state",
    ) {
        return;
    }
    // setpriv runs the binary in its own place (no child process to leave behind).
    let as_nobody = || {
        let mut cmd = std::process::Command::new("setpriv");
        cmd.args(["--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"]);
        cmd
    };
    let server = TestServer::start();
    server.set("/alpha", Resp::html(section("alpha")));
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), &server, &[("alpha", "/alpha", "1h")]);
    let out = run_on_config(&["build"], &cfg, NOW);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // World-readable, writable only by root: as a cron job's build leaves it for a server.
    let chmod = std::process::Command::new("chmod")
        .args(["-R", "a+rX,go-w"])
        .arg(dir.path())
        .status()
        .unwrap();
    assert!(chmod.success());

    let bin = common::feedmill_bin();
    let status = as_nobody()
        .arg(&bin)
        .args(["--config", cfg.to_str().unwrap(), "status"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&status.stderr);
    assert!(status.status.success(), "status as nobody: {err}");
    assert!(String::from_utf8_lossy(&status.stdout).contains("alpha"));

    let mut serve = as_nobody()
        .arg(&bin)
        .args([
            "--config",
            cfg.to_str().unwrap(),
            "serve",
            "--listen",
            "127.0.0.1:0",
        ])
        .env("FEEDMILL_LOG", "feedmill=info")
        .current_dir(dir.path())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = serve.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut log = Vec::new();
    let addr = loop {
        let line = rx.recv_timeout(WAIT).unwrap_or_else(|_| panic!("{log:?}"));
        if let Some(rest) = line.split("serving on http://").nth(1) {
            break rest.trim().parse().unwrap();
        }
        log.push(line);
    };
    let health = get(addr, "/healthz", &[]);
    let _ = serve.kill();
    let _ = serve.wait();
    // The build ran at FEEDMILL_NOW, months ago, so the feed counts as stale (503); what
    // matters is that its health was read from the database.
    let body = String::from_utf8_lossy(&health.body);
    assert!(health.status == 200 || health.status == 503, "{log:?}");
    assert!(body.contains("\"id\": \"alpha\""), "{body}");
    assert!(body.contains("\"last_success\": \"2026-02-11"), "{body}");
    assert!(!log.iter().any(|l| l.contains("readonly")), "{log:?}");
}

#[test]
fn a_reload_serves_a_new_output_folder_with_the_new_intervals() {
    let server = TestServer::start();
    server.set("/alpha", Resp::html(section("alpha")));
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), &server, &[("alpha", "/alpha", "1h")]);
    let d = Daemon::start(&cfg, &["run"]);
    assert!(wait_until(WAIT, || get(d.addr, "/alpha.rss", &[]).status == 200));
    assert_eq!(
        get(d.addr, "/alpha.rss", &[]).header("cache-control"),
        Some("public, max-age=3600")
    );

    // The new folder already holds a feed file of its own (copied from elsewhere, say).
    let new_dir = dir.path().join("published");
    std::fs::create_dir_all(&new_dir).unwrap();
    let moved = std::fs::read_to_string(dir.path().join("output/alpha.rss"))
        .unwrap()
        .replace("alpha 기사 1", "옮긴 기사 1");
    std::fs::write(new_dir.join("alpha.rss"), &moved).unwrap();
    let text = std::fs::read_to_string(&cfg)
        .unwrap()
        .replace("[settings]\n", "[settings]\noutput_dir = \"published\"\n")
        .replace("interval = \"1h\"", "interval = \"2h\"");
    std::fs::write(&cfg, text).unwrap();
    d.signal("HUP");
    assert!(
        wait_until(WAIT, || {
            let r = get(d.addr, "/alpha.rss", &[]);
            r.body == moved.as_bytes() && r.header("cache-control") == Some("public, max-age=7200")
        }),
        "{}",
        d.log()
    );
    // The index is written, and served, in the new folder too.
    assert!(wait_until(WAIT, || new_dir.join("index.html").is_file()));
    assert!(wait_until(WAIT, || get(d.addr, "/index.html", &[]).status == 200));
}
