//! Shared helpers for the integration tests:
//!
//! * [`article`]: the fetch time, rules and time view the article-page tests share;
//! * [`body_score`]: scoring an extracted article body against a known one;
//! * [`server`]: the fixture web site, an in-process HTTP/1.1 server;
//! * [`run`]: running the `feedmill` binary (and other programs) with a deadline;
//! * [`daemon`]: a running `feedmill run`/`serve`, and raw HTTP to talk to it;
//! * [`tools`]: external tools, skipped locally when missing but required in CI;
//! * [`postgres`]: a throwaway PostgreSQL cluster, skipped locally when missing;
//! * [`chromium`]: Chromium processes a feedmill run started, and any it left behind;
//! * here: fixture files and waiting for a condition.
// Each test binary uses some of these helpers, not all.
#![allow(dead_code, unused_imports)]

pub mod article;
pub mod body_score;
pub mod chromium;
pub mod daemon;
pub mod postgres;
pub mod run;
pub mod server;
pub mod tools;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use run::{
    feedmill_bin, feedmill_command, run_command, run_feedmill, run_on_config, wait_output, wrapped,
    RUN_TIMEOUT,
};
pub use server::{Resp, TestServer};
pub use tools::{tool_or_skip, xmllint};

/// A generous deadline for anything a test waits on (a server answering, a file appearing,
/// a log line): on an idle machine these take well under a second, but the suite must
/// pass on a loaded one too.
pub const WAIT: Duration = Duration::from_secs(60);

/// Polls `cond` every 20 ms until it holds (true) or `limit` has passed (false).
pub fn wait_until(limit: Duration, mut cond: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    loop {
        if cond() {
            return true;
        }
        if start.elapsed() >= limit {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// tests/fixtures/<rel> as bytes.
pub fn fixture(rel: &str) -> Vec<u8> {
    let path = fixture_path(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("reading fixture {}: {e}", path.display()))
}

/// The rows of a fixture folder's `.tsv` list, blank lines and `#` comments left out, each
/// split at tabs.
pub fn tsv_rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

/// tests/fixtures/<rel>, a gzipped text file, as its text.
pub fn gzipped_fixture(rel: &str) -> String {
    String::from_utf8(gzipped_fixture_bytes(rel))
        .unwrap_or_else(|e| panic!("gunzipping fixture {rel}: {e}"))
}

/// tests/fixtures/<rel>, a gzipped file, as its bytes (a page in a charset other than UTF-8).
pub fn gzipped_fixture_bytes(rel: &str) -> Vec<u8> {
    use std::io::Read;
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(&fixture(rel)[..])
        .read_to_end(&mut bytes)
        .unwrap_or_else(|e| panic!("gunzipping fixture {rel}: {e}"));
    bytes
}

/// The path of tests/fixtures/<rel>.
pub fn fixture_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// The rows of a tab-separated expectations file under tests/fixtures (`#` lines are
/// comments): each row's first three fields.
pub fn expected_rows(rel: &str) -> Vec<(String, String, String)> {
    String::from_utf8(fixture(rel))
        .expect("UTF-8 expectations")
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut f = l.split('\t').map(str::to_string);
            let mut next = || f.next().unwrap_or_else(|| panic!("{rel}: short row {l:?}"));
            (next(), next(), next())
        })
        .collect()
}

/// Replaces every occurrence of the ASCII `needle` in `haystack` (works on any
/// ASCII-compatible encoding, EUC-KR included).
pub fn replace_bytes(haystack: &[u8], needle: &[u8], with: &[u8]) -> Vec<u8> {
    assert!(!needle.is_empty());
    let mut out = Vec::with_capacity(haystack.len());
    let mut i = 0;
    while i < haystack.len() {
        if haystack[i..].starts_with(needle) {
            out.extend_from_slice(with);
            i += needle.len();
        } else {
            out.push(haystack[i]);
            i += 1;
        }
    }
    out
}

/// Runs `feedmill build` on each case's config (`<server>` standing for `server`'s address),
/// as the config-error snapshot tables do, and gives one line for each case whose exit status
/// is not 2 or whose first line on stderr is not `error: feeds.toml: <expected>`.
pub fn config_error_problems(
    server: &TestServer,
    cases: Vec<(&'static str, String, &'static str)>,
) -> Vec<String> {
    let mut problems = Vec::new();
    for (name, toml, expected) in cases {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("feeds.toml"),
            toml.replace("<server>", &server.base()),
        )
        .unwrap();
        let out = run_feedmill(
            &["--config", "feeds.toml", "build"],
            dir.path(),
            &[("FEEDMILL_NOW", "2026-02-11T09:00:00+09:00")],
            RUN_TIMEOUT,
        );
        let err = String::from_utf8_lossy(&out.stderr).replace(&server.base(), "<server>");
        // The first line: what the error says (a TOML error shows the line after it).
        let first = err.lines().next().unwrap_or("");
        let want = format!("error: feeds.toml: {expected}");
        if out.status.code() != Some(2) || first != want {
            problems.push(format!(
                "{name}: exit {:?}\n  got:  {first:?}\n  want: {want:?}",
                out.status.code()
            ));
        }
    }
    problems
}
