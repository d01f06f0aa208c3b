//! The harness: a fixture server with every page mounted beside a temporary folder, and
//! small readers of what a run printed and wrote.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use chrono::{DateTime, FixedOffset, Utc};
use regex::Regex;
use tempfile::TempDir;

use crate::common::{fixture, replace_bytes, run_on_config, Resp, TestServer};
use crate::expected::*;

/// A fixture server with every fixture page mounted, and a temp folder for
/// feeds.toml, output/ and state/.
pub(crate) struct Site {
    pub(crate) server: TestServer,
    pub(crate) dir: TempDir,
}

impl Site {
    pub(crate) fn new() -> Site {
        let server = TestServer::start();
        server.set(UTF8_PATH, Resp::html(fixture("list_utf8.html")));
        let euckr = replace_bytes(
            &fixture("list_euckr.html"),
            b"{{BASE}}",
            server.base().as_bytes(),
        );
        server.set(EUCKR_PATH, Resp::bytes("text/html", euckr));
        server.set(TIMES_PATH, Resp::html(fixture("list_times.html")));
        let dir = tempfile::Builder::new()
            .prefix("feedmill-e2e")
            .tempdir()
            .expect("tempdir");
        Site { server, dir }
    }

    pub(crate) fn utf8_url(&self) -> String {
        self.server.url(UTF8_PATH)
    }
    pub(crate) fn euckr_url(&self) -> String {
        self.server.url(&format!("{EUCKR_PATH}?code=society"))
    }
    pub(crate) fn times_url(&self) -> String {
        self.server.url(TIMES_PATH)
    }

    pub(crate) fn config(&self) -> PathBuf {
        self.dir.path().join("feeds.toml")
    }

    /// Writes feeds.toml = SETTINGS + `feeds`; returns the whole text.
    pub(crate) fn write_config(&self, feeds: &str) -> String {
        let text = format!("{SETTINGS}{feeds}");
        fs::write(self.config(), &text).expect("write feeds.toml");
        text
    }

    /// Writes feeds.toml exactly as given.
    pub(crate) fn write_raw_config(&self, text: &str) {
        fs::write(self.config(), text).expect("write feeds.toml");
    }

    pub(crate) fn run(&self, args: &[&str]) -> Output {
        run_on_config(args, &self.config(), NOW)
    }

    pub(crate) fn out(&self, file: &str) -> PathBuf {
        self.dir.path().join("output").join(file)
    }

    pub(crate) fn read_bytes(&self, file: &str) -> Vec<u8> {
        let p = self.out(file);
        fs::read(&p).unwrap_or_else(|e| panic!("reading {}: {e}", p.display()))
    }

    pub(crate) fn read(&self, file: &str) -> String {
        String::from_utf8(self.read_bytes(file)).unwrap_or_else(|_| panic!("{file} is not UTF-8"))
    }

    /// Every file under the temp folder except feeds.toml.
    pub(crate) fn written_files(&self) -> Vec<PathBuf> {
        let mut found = Vec::new();
        walk(self.dir.path(), &mut found);
        found.retain(|p| p != &self.config());
        found
    }

    pub(crate) fn abs(&self, s: &str) -> String {
        if s.starts_with('/') {
            self.server.url(s)
        } else {
            s.to_string()
        }
    }
}

pub(crate) fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, found);
        } else {
            found.push(p);
        }
    }
}

pub(crate) fn describe(out: &Output) -> String {
    format!(
        "exit status: {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

pub(crate) fn assert_exit(out: &Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "expected exit {code}\n{}",
        describe(out)
    );
}

pub(crate) fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub(crate) fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A line of stderr that contains every one of `needles`.
pub(crate) fn assert_stderr_line(out: &Output, needles: &[&str]) {
    let err = stderr(out);
    let lower: Vec<String> = needles.iter().map(|n| n.to_lowercase()).collect();
    assert!(
        err.lines().any(|l| {
            let l = l.to_lowercase();
            lower.iter().all(|n| l.contains(n.as_str()))
        }),
        "no stderr line contains all of {needles:?}\n{}",
        describe(out)
    );
}

pub(crate) fn rfc3339(t: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(t).unwrap_or_else(|e| panic!("bad expected time {t}: {e}"))
}

pub(crate) fn utc(t: &str) -> DateTime<Utc> {
    rfc3339(t).with_timezone(&Utc)
}

/// The RSS form of an expected time: "Tue, 10 Feb 2026 19:32:00 +0900".
pub(crate) fn rfc2822(t: &str) -> String {
    rfc3339(t).format("%a, %d %b %Y %H:%M:%S %z").to_string()
}

/// "2026-02-10 19:32", as `check` prints times (in the feed's zone).
pub(crate) fn wall(t: &str) -> String {
    rfc3339(t).format("%Y-%m-%d %H:%M").to_string()
}

pub(crate) fn parse_feed(xml: &str, what: &str) -> feed_rs::model::Feed {
    feed_rs::parser::parse(xml.as_bytes())
        .unwrap_or_else(|e| panic!("{what} does not parse: {e}\n{xml}"))
}

pub(crate) fn text(t: &Option<feed_rs::model::Text>) -> Option<&str> {
    t.as_ref().map(|t| t.content.as_str())
}

/// Distinct media URLs of an entry (media:content and enclosure both land here).
pub(crate) fn media_urls(entry: &feed_rs::model::Entry) -> Vec<String> {
    let set: std::collections::BTreeSet<String> = entry
        .media
        .iter()
        .flat_map(|m| m.content.iter())
        .filter_map(|c| c.url.as_ref().map(|u| u.to_string()))
        .collect();
    set.into_iter().collect()
}

/// The items of a feed file in document order, with their raw XML.
pub(crate) fn raw_blocks<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let re = Regex::new(&format!(r"(?s)<{tag}(?:\s[^>]*)?>(.*?)</{tag}>")).unwrap();
    re.captures_iter(xml)
        .map(|c| c.get(1).unwrap().as_str())
        .collect()
}

/// Text of the first <tag>…</tag> in `xml`, if any.
pub(crate) fn raw_element<'a>(xml: &'a str, tag: &str) -> Option<&'a str> {
    let re = Regex::new(&format!(r"(?s)<{tag}(?:\s[^>]*)?>(.*?)</{tag}>")).unwrap();
    re.captures(xml).map(|c| c.get(1).unwrap().as_str())
}
