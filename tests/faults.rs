//! Misbehaving sources: each fault makes its feed fail alone, with an error that names the
//! feed and the cause, while its previous files stay byte-for-byte, the other feed in the
//! same build succeeds, nothing panics, and memory stays bounded.

mod common;

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{feedmill_command, fixture, run_command, tool_or_skip, wrapped, Resp, TestServer};

const NOW: &str = "2026-02-11T09:00:00+09:00";
const GOOD: &str = "/good/list";
const BAD: &str = "/bad/list";
/// Peak memory allowed for a build facing any one fault.
const MAX_RSS_KIB: u64 = 256 * 1024;
/// GNU time (Debian package `time`), which measures a build's peak memory.
const GNU_TIME: &str = "/usr/bin/time";
/// When the test gives up on a build altogether (`fault_case` asserts a tighter bound).
const BUILD_DEADLINE: Duration = Duration::from_secs(120);

fn feed(id: &str, url: &str) -> String {
    format!(
        r#"
[feeds.{id}]
title = "뉴스한빛 {id}"
url = "{url}"
max_items = 20
[feeds.{id}.select]
item = "div.news-list article.item"
link = "h3 a"
title = "h3 a"
summary = "p.summary"
date = "span.date"
"#
    )
}

fn setup(server: &TestServer) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("feeds.toml");
    let text = format!(
        "[settings]\nhost_delay = \"0s\"\ntimeout = \"3s\"\n{}{}",
        feed("good", &server.url(GOOD)),
        feed("bad", &server.url(BAD))
    );
    std::fs::write(&cfg, text).unwrap();
    server.set(GOOD, Resp::html(fixture("list_utf8.html")));
    server.set(BAD, Resp::html(fixture("list_utf8.html")));
    (dir, cfg)
}

/// A build's exit code, stderr, peak RSS (KiB, when measured with GNU time) and duration.
struct Run {
    code: Option<i32>,
    stderr: String,
    peak_kib: Option<u64>,
    took: Duration,
}

/// Whether GNU time is there to measure peak memory in `test` (see `tool_or_skip`).
fn can_measure(test: &str) -> bool {
    tool_or_skip(GNU_TIME, "time", &format!("{test}: peak memory"))
}

/// Runs `feedmill build` on `cfg`; under GNU time when `measure`, for the peak RSS.
fn build(cfg: &Path, measure: bool) -> Run {
    let dir = cfg.parent().unwrap();
    let stats = dir.join("time.txt");
    let _ = std::fs::remove_file(&stats);
    let mut cmd = feedmill_command(
        &["--config", cfg.to_str().unwrap(), "build"],
        dir,
        &[("FEEDMILL_NOW", NOW)],
    );
    if measure {
        let format = [OsStr::new("-f"), OsStr::new("%M"), OsStr::new("-o")];
        let args: Vec<&OsStr> = format.into_iter().chain([stats.as_os_str()]).collect();
        cmd = wrapped(GNU_TIME, &args, &cmd);
    }
    let started = Instant::now();
    let out = run_command(cmd, BUILD_DEADLINE);
    let took = started.elapsed();
    // GNU time writes "Command exited with non-zero status N" first when the build fails.
    let peak_kib = std::fs::read_to_string(&stats)
        .ok()
        .and_then(|t| t.lines().last().and_then(|l| l.trim().parse().ok()));
    assert!(
        !measure || peak_kib.is_some(),
        "GNU time reported no peak RSS in {}",
        stats.display()
    );
    Run {
        code: out.status.code(),
        stderr: String::from_utf8_lossy(&out.stderr).to_string(),
        peak_kib,
        took,
    }
}

fn outputs(dir: &Path, id: &str) -> (Vec<u8>, Vec<u8>) {
    (
        std::fs::read(dir.join(format!("output/{id}.rss"))).unwrap(),
        std::fs::read(dir.join(format!("output/{id}.atom"))).unwrap(),
    )
}

/// Builds once with both feeds good, then with `fault` on the bad feed's page, and checks
/// everything a fault must leave true. `cause` must appear in the bad feed's error line.
fn fault_case(name: &str, fault: Resp, cause: &str) {
    let measure = can_measure(&format!("fault {name}"));
    let server = TestServer::start();
    let (dir, cfg) = setup(&server);
    let first = build(&cfg, false);
    assert_eq!(first.code, Some(0), "{name}: first build: {}", first.stderr);
    let before = outputs(dir.path(), "bad");
    std::fs::remove_file(dir.path().join("output/good.rss")).unwrap();

    server.set(BAD, fault);
    let run = build(&cfg, measure);
    assert_eq!(run.code, Some(1), "{name}: exit status\n{}", run.stderr);
    assert!(
        !run.stderr.contains("panicked"),
        "{name}: panic\n{}",
        run.stderr
    );
    let line = run
        .stderr
        .lines()
        .find(|l| l.starts_with("bad: error:"))
        .unwrap_or_else(|| panic!("{name}: no error line for the feed\n{}", run.stderr));
    assert!(
        line.to_lowercase().contains(&cause.to_lowercase()),
        "{name}: `{line}` does not say `{cause}`"
    );
    assert!(
        run.stderr
            .lines()
            .any(|l| l.starts_with("good: ") && l.contains("items")),
        "{name}: the good feed\n{}",
        run.stderr
    );
    assert!(
        dir.path().join("output/good.rss").exists(),
        "{name}: the good feed was not rewritten"
    );
    assert_eq!(
        outputs(dir.path(), "bad"),
        before,
        "{name}: previous files changed"
    );
    if let Some(kib) = run.peak_kib {
        assert!(kib < MAX_RSS_KIB, "{name}: peak RSS {kib} KiB");
    }
    // timeout = 3s: nothing may hold a build much longer than that (30 s leaves a loaded
    // machine room).
    assert!(
        run.took < Duration::from_secs(30),
        "{name}: took {:?}",
        run.took
    );
}

#[test]
fn server_error_500() {
    fault_case("500", Resp::status(500), "500");
}

#[test]
fn too_many_requests_429_with_retry_after() {
    fault_case(
        "429",
        Resp::status(429).with_header("Retry-After", "120"),
        "429",
    );
}

#[test]
fn headers_that_never_come() {
    fault_case(
        "stall",
        Resp::html(fixture("list_utf8.html")).with_delay(Duration::from_secs(20)),
        "timed out",
    );
}

#[test]
fn body_that_trickles_a_byte_a_second() {
    fault_case(
        "trickle",
        Resp::html(fixture("list_utf8.html")).with_trickle(Duration::from_secs(1)),
        "timed out",
    );
}

#[test]
fn sixty_megabyte_body() {
    let mut body = b"<html><body>".to_vec();
    body.resize(60 * 1024 * 1024, b'x');
    fault_case("60 MB", Resp::html(body), "larger than 10 MiB");
}

#[test]
fn gzip_bomb() {
    // 512 MiB of zeros, gzip-compressed to well under a megabyte.
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..512 {
        enc.write_all(&zeros).unwrap();
    }
    let bomb = enc.finish().unwrap();
    assert!(bomb.len() < 2 * 1024 * 1024);
    let resp = Resp::html(bomb).with_header("Content-Encoding", "gzip");
    fault_case("gzip bomb", resp, "larger than 10 MiB");
}

#[test]
fn redirect_loop() {
    let server_path = BAD;
    let resp = Resp::status(302).with_header("Location", server_path);
    fault_case("redirect loop", resp, "redirect");
}

#[test]
fn redirect_to_file_scheme_is_refused() {
    let resp = Resp::status(302).with_header("Location", "file:///etc/passwd");
    fault_case("redirect to file://", resp, "redirect");
}

#[test]
fn redirect_to_another_scheme_is_refused() {
    let resp = Resp::status(301).with_header("Location", "ftp://127.0.0.1/list");
    fault_case("redirect to ftp://", resp, "redirect");
}

#[test]
fn binary_content_type() {
    let png = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0];
    fault_case("binary", Resp::bytes("image/png", png), "not HTML");
}

#[test]
fn empty_body() {
    fault_case("empty", Resp::html(Vec::new()), "no items");
}

#[test]
fn hundred_thousand_nested_divs() {
    let mut page = String::from("<html><body>");
    page.push_str(&"<div class=\"news-list\">".repeat(100_000));
    page.push_str("<p>끝</p>");
    page.push_str(&"</div>".repeat(100_000));
    fault_case(
        "nested divs",
        Resp::html(page),
        "nests its elements 100000 deep",
    );
}

#[test]
fn fifty_thousand_items_are_capped_at_max_items() {
    let server = TestServer::start();
    let (dir, cfg) = setup(&server);
    let mut page =
        String::from("<html><head><meta charset=\"utf-8\"></head><body><div class=\"news-list\">");
    for i in 0..50_000 {
        page.push_str(&format!(
            "<article class=\"item\"><h3><a href=\"/news/view/{i}\">기사 {i}</a></h3><span class=\"date\">2026.02.10 19:32</span></article>"
        ));
    }
    page.push_str("</div></body></html>");
    server.set(BAD, Resp::html(page));
    let run = build(
        &cfg,
        can_measure("fifty_thousand_items_are_capped_at_max_items"),
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let bytes = std::fs::read(dir.path().join("output/bad.atom")).unwrap();
    let feed = feed_rs::parser::parse(&bytes[..]).unwrap();
    assert_eq!(feed.entries.len(), 20, "max_items = 20");
    if let Some(kib) = run.peak_kib {
        assert!(kib < MAX_RSS_KIB, "peak RSS {kib} KiB");
    }
}

#[test]
fn invalid_utf8_in_a_page_declared_utf8_becomes_replacement_characters() {
    let server = TestServer::start();
    let (dir, cfg) = setup(&server);
    let page = fixture("list_utf8.html");
    // Break the first headline's bytes: a lone continuation byte and a truncated sequence.
    let text = String::from_utf8(page.clone()).unwrap();
    let list = text.find("class=\"news-list\"").unwrap();
    let h3 = list + text[list..].find("<h3><a").unwrap();
    let headline = h3 + text[h3..].find('>').unwrap() + 1; // inside the <h3>, after <a ...>
    let headline = headline + text[headline..].find('>').unwrap() + 1;
    let mut broken = page[..headline].to_vec();
    broken.extend_from_slice(b"\x80\xff\xe2\x82");
    broken.extend_from_slice(&page[headline..]);
    server.set(BAD, Resp::html(broken));
    let run = build(&cfg, false);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let rss = std::fs::read_to_string(dir.path().join("output/bad.rss")).unwrap();
    assert!(rss.contains('\u{FFFD}'), "replacement characters expected");
    assert!(feed_rs::parser::parse(rss.as_bytes()).is_ok());
}
