//! Rendering when pages and the browser misbehave, with real Chromium: a page that never
//! finishes loading fails its own feed after `timeout` while the others are built; a page
//! that allocates memory without end crashes its own renderer at the heap cap; a page
//! that sends the browser to a local file, by script or by redirect, is refused; Chromium
//! killed in the middle of a build fails the feed it was rendering, and the next build starts
//! a new one; `run` stopped with SIGTERM leaves no Chromium behind.
//!
//! Chromium is required in CI (`.ci/run` installs it); locally these tests skip without it.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::chromium::{adopt_orphans, browser_of, have_chromium, take_leaked};
use common::daemon::Daemon;
use common::{feedmill_command, run_feedmill, wait_output, wait_until, Resp, TestServer};
use common::{RUN_TIMEOUT, WAIT};

const NOW: &str = "2026-11-30T10:00:00+09:00";

/// A plain section page that needs no browser.
fn plain_list() -> String {
    let items: String = (1..=3)
        .map(|n| {
            format!(
                "<li><a href=\"/news/{n}.html\">수도권 첫 한파주의보…내일 아침 영하 {n}도</a> <span class=\"date\">2026.11.30 0{n}:00</span></li>"
            )
        })
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"ko\"><head><meta charset=\"utf-8\"><title>사회</title></head><body>\
         <nav><a href=\"/\">홈</a> <a href=\"/society\">사회</a></nav><ul class=\"news\">{items}</ul></body></html>"
    )
}

/// A config with the rendering feed `spa` (its page at `path`, its own extra keys) and the
/// plain feed `society`.
fn write_config(dir: &Path, base: &str, path: &str, extra: &str) -> PathBuf {
    let cfg = dir.join("feeds.toml");
    std::fs::write(
        &cfg,
        format!(
            "[settings]\nhost_delay = \"0s\"\ninterval = \"1h\"\n\n\
             [feeds.spa]\ntitle = \"속보\"\nurl = \"{base}{path}\"\nrender = \"browser\"\n{extra}\n\
             [feeds.spa.select]\nitem = \"ul.news li\"\n\n\
             [feeds.society]\ntitle = \"사회\"\nurl = \"{base}/society\"\n\
             [feeds.society.select]\nitem = \"ul.news li\"\ndate = \".date\"\n"
        ),
    )
    .unwrap();
    cfg
}

fn site() -> TestServer {
    let server = TestServer::start();
    server.set("/society", Resp::html(plain_list()));
    server
}

fn build(cfg: &Path) -> (Option<i32>, String) {
    let out = run_feedmill(
        &["--config", cfg.to_str().unwrap(), "build"],
        cfg.parent().unwrap(),
        &[("FEEDMILL_NOW", NOW)],
        RUN_TIMEOUT,
    );
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Builds with the rendering feed at `path` (its `timeout`): it fails with `expected` in its
/// line, the plain feed is built, and no Chromium process is left.
fn spa_fails_alone(server: &TestServer, path: &str, timeout: &str, expected: &str) {
    let dir = tempfile::tempdir().unwrap();
    let extra = format!("timeout = \"{timeout}\"\n");
    let cfg = write_config(dir.path(), &server.base(), path, &extra);
    let (code, err) = build(&cfg);
    assert_eq!(code, Some(1), "{err}");
    assert!(line_of(&err, "spa").contains(expected), "{err}");
    assert!(line_of(&err, "society").contains("3 items"), "{err}");
    let left = take_leaked();
    assert!(left.is_empty(), "Chromium left behind: {left:?}");
}

/// The line a build printed for feed `id`.
fn line_of<'a>(err: &'a str, id: &str) -> &'a str {
    err.lines()
        .find(|l| l.starts_with(&format!("{id}: ")))
        .unwrap_or_else(|| panic!("nothing said about {id}:\n{err}"))
}

#[test]
fn a_page_that_never_finishes_loading_fails_its_feed_alone() {
    if !have_chromium("a_page_that_never_finishes_loading_fails_its_feed_alone") {
        return;
    }
    adopt_orphans();
    let server = site();
    // The head arrives, then a byte a second: the page never loads.
    let body = format!(
        "<html><head><title>속보</title></head><body>{}",
        " ".repeat(600)
    );
    server.set(
        "/endless",
        Resp::html(body).with_trickle(Duration::from_secs(1)),
    );
    spa_fails_alone(&server, "/endless", "3s", "rendering timed out after 3s");
}

#[test]
fn a_page_that_spins_the_cpu_times_out_and_fails_its_feed_alone() {
    if !have_chromium("a_page_that_spins_the_cpu_times_out_and_fails_its_feed_alone") {
        return;
    }
    adopt_orphans();
    let server = site();
    // The list is there, but a script never gives the renderer back.
    server.set(
        "/spin",
        Resp::html(format!(
            "{}<script>for (;;) {{ Math.sqrt(Math.random()); }}</script>",
            plain_list().replace("</body></html>", "")
        )),
    );
    spa_fails_alone(&server, "/spin", "3s", "rendering timed out after 3s");
}

#[test]
fn pop_ups_are_not_followed_and_the_page_itself_is_read() {
    if !have_chromium("pop_ups_are_not_followed_and_the_page_itself_is_read") {
        return;
    }
    adopt_orphans();
    let server = site();
    server.set(
        "/popups",
        Resp::html(format!(
            "{}<script>window.open('/popup'); window.open('/popup2', '_blank');</script></body></html>",
            plain_list().replace("</body></html>", "")
        )),
    );
    server.set("/popup", Resp::html("<html><body>광고</body></html>"));
    server.set("/popup2", Resp::html("<html><body>광고</body></html>"));
    let dir = tempfile::tempdir().unwrap();
    let cfg = write_config(dir.path(), &server.base(), "/popups", "timeout = \"10s\"\n");
    let (code, err) = build(&cfg);
    assert_eq!(code, Some(0), "{err}");
    assert!(line_of(&err, "spa").contains("3 items"), "{err}");
    // Chromium blocks pop-ups a script opens without a user's gesture: nothing was fetched.
    assert_eq!((server.hits("/popup"), server.hits("/popup2")), (0, 0));
    let left = take_leaked();
    assert!(left.is_empty(), "Chromium left behind: {left:?}");
}

#[test]
fn a_page_that_allocates_without_end_crashes_only_its_own_tab() {
    if !have_chromium("a_page_that_allocates_without_end_crashes_only_its_own_tab") {
        return;
    }
    adopt_orphans();
    let server = site();
    server.set(
        "/hoard",
        Resp::html(
            "<html><body><div id=\"root\"></div><script>var hoard = [];\
             (function grow() { for (var i = 0; i < 200; i++) hoard.push(new Array(100000).fill(i + Math.random()));\
             setTimeout(grow, 0); })();</script></body></html>",
        ),
    );
    spa_fails_alone(&server, "/hoard", "120s", "the page crashed its renderer");
}

#[test]
fn a_page_that_goes_to_a_local_file_is_refused() {
    if !have_chromium("a_page_that_goes_to_a_local_file_is_refused") {
        return;
    }
    adopt_orphans();
    let server = site();
    let dir = tempfile::tempdir().unwrap();
    // A local page that would make a fine list, if the site could make feedmill read it.
    let secret = dir.path().join("secret.html");
    std::fs::write(
        &secret,
        "<ul class=\"news\"><li><a href=\"/x\">로컬 파일의 비밀 목록</a></li></ul>",
    )
    .unwrap();
    let file_url = format!("file://{}", secret.display());
    server.set(
        "/to-file",
        Resp::html(format!(
            "<html><body><div id=\"root\"></div><script>location.href = \"{file_url}\";</script></body></html>"
        )),
    );
    let mut redirect = Resp::status(302);
    redirect.headers.push(("Location".into(), file_url.clone()));
    server.set("/redirect-to-file", redirect);
    for (path, said) in [
        ("/to-file", "the page tried to load the local file"),
        ("/redirect-to-file", "rendering failed"),
    ] {
        let cfg = write_config(dir.path(), &server.base(), path, "timeout = \"20s\"\n");
        let (code, err) = build(&cfg);
        assert_eq!(code, Some(1), "{path}: {err}");
        let line = line_of(&err, "spa");
        assert!(line.contains(said), "{path}: {line}");
        assert!(!dir.path().join("output/spa.rss").exists(), "{path}");
        let left = take_leaked();
        assert!(left.is_empty(), "Chromium left behind: {left:?}");
    }
}

#[test]
fn chromium_killed_mid_build_fails_that_feed_and_the_next_build_starts_a_new_one() {
    if !have_chromium("chromium_killed_mid_build") {
        return;
    }
    adopt_orphans();
    let server = site();
    server.set(
        "/slow",
        Resp::html(plain_list()).with_delay(Duration::from_secs(30)),
    );
    let dir = tempfile::tempdir().unwrap();
    let cfg = write_config(dir.path(), &server.base(), "/slow", "timeout = \"60s\"\n");
    let child = feedmill_command(
        &["--config", cfg.to_str().unwrap(), "build"],
        dir.path(),
        &[("FEEDMILL_NOW", NOW)],
    )
    .spawn()
    .unwrap();
    // Once Chromium has asked for the page, kill it.
    assert!(wait_until(WAIT, || server.hits("/slow") > 0));
    let browsers = browser_of(child.id());
    assert_eq!(browsers.len(), 1, "{browsers:?}");
    // SAFETY: kill(2) takes no pointers; the pid is the browser this build started.
    unsafe { libc::kill(browsers[0].pid, libc::SIGKILL) };
    let out = wait_output(child, RUN_TIMEOUT, "feedmill build");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        line_of(&err, "spa").contains("Chromium exited while rendering"),
        "{err}"
    );
    assert!(line_of(&err, "society").contains("3 items"), "{err}");
    let left = take_leaked();
    assert!(left.is_empty(), "Chromium left behind: {left:?}");

    server.set("/slow", Resp::html(plain_list()));
    let (code, err) = build(&cfg);
    assert_eq!(code, Some(0), "{err}");
    assert!(line_of(&err, "spa").contains("3 items"), "{err}");
    let left = take_leaked();
    assert!(left.is_empty(), "Chromium left behind: {left:?}");
}

#[test]
fn run_stopped_with_sigterm_leaves_no_chromium_behind() {
    if !have_chromium("run_stopped_with_sigterm_leaves_no_chromium_behind") {
        return;
    }
    adopt_orphans();
    let server = site();
    server.set("/spa", Resp::html(plain_list()));
    let dir = tempfile::tempdir().unwrap();
    let cfg = write_config(dir.path(), &server.base(), "/spa", "");
    let mut daemon = Daemon::start(&cfg, &["run"]);
    let rss = dir.path().join("output/spa.rss");
    assert!(wait_until(WAIT, || rss.exists()), "{}", daemon.log());
    // The browser stays up between refreshes (until it has been idle a while).
    assert_eq!(browser_of(daemon.pid()).len(), 1, "{}", daemon.log());
    daemon.signal("TERM");
    assert_eq!(daemon.wait_exit(WAIT), Some(0), "{}", daemon.log());
    let left = take_leaked();
    assert!(left.is_empty(), "Chromium left behind: {left:?}");
}
