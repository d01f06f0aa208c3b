//! Broken `[feeds.<id>.json]` tables, as a snapshot table in the manner of
//! `config_errors.rs`: for each, `feedmill build` exits 2, fetches nothing, and names the
//! file, line, column and key with what to write instead.

mod common;

use std::path::Path;

use common::{run_feedmill, Resp, TestServer, RUN_TIMEOUT};

/// A feed with a `[feeds.news.json]` table holding `lines`.
fn json_feed(lines: &str) -> String {
    format!(
        "[feeds.news]\ntitle = \"뉴스\"\nurl = \"<server>/api\"\n\n[feeds.news.json]\n{lines}\n"
    )
}

/// (what, file, the whole of stderr with `<dir>` for the folder)
fn cases() -> Vec<(&'static str, String, &'static str)> {
    vec![
        (
            "items missing",
            json_feed("link = \"url\""),
            "error: <dir>/feeds.toml: line 5, column 1: key `feeds.news.json.items`: [feeds.news.json] needs `items`: add `items = ...`",
        ),
        (
            "items not a path",
            json_feed("items = \"data..list\""),
            "error: <dir>/feeds.toml: line 6, column 9: key `feeds.news.json.items`: `data..list` is not a JSON path: an empty key at character 6; write keys joined by dots, with [n] for the n-th element, like \"data.list\" or \"props.pageProps.articles[0].url\"",
        ),
        (
            "link index not a number",
            json_feed("items = \"data.list\"\nlink = \"links[first]\""),
            "error: <dir>/feeds.toml: line 7, column 8: key `feeds.news.json.link`: `links[first]` is not a JSON path: `[first]` is neither an index (a whole number from 0) nor a quoted key like [\"a.b\"]; write keys joined by dots, with [n] for the n-th element, like \"data.list\" or \"props.pageProps.articles[0].url\"",
        ),
        (
            "title ends with a dot",
            json_feed("items = \"data.list\"\ntitle = \"headline.\""),
            "error: <dir>/feeds.toml: line 7, column 9: key `feeds.news.json.title`: `headline.` is not a JSON path: it ends with `.`; write keys joined by dots, with [n] for the n-th element, like \"data.list\" or \"props.pageProps.articles[0].url\"",
        ),
        (
            "summary with an unclosed bracket",
            json_feed("items = \"data.list\"\nsummary = \"lead[0\""),
            "error: <dir>/feeds.toml: line 7, column 11: key `feeds.news.json.summary`: `lead[0` is not a JSON path: a `[` at character 5 is not closed; write keys joined by dots, with [n] for the n-th element, like \"data.list\" or \"props.pageProps.articles[0].url\"",
        ),
        (
            "date with a negative index",
            json_feed("items = \"data.list\"\ndate = \"dates[-1]\""),
            "error: <dir>/feeds.toml: line 7, column 8: key `feeds.news.json.date`: `dates[-1]` is not a JSON path: `[-1]` is neither an index (a whole number from 0) nor a quoted key like [\"a.b\"]; write keys joined by dots, with [n] for the n-th element, like \"data.list\" or \"props.pageProps.articles[0].url\"",
        ),
        (
            "image with text after ]",
            json_feed("items = \"data.list\"\nimage = \"images[0]url\""),
            "error: <dir>/feeds.toml: line 7, column 9: key `feeds.news.json.image`: `images[0]url` is not a JSON path: `url` follows `]` without a `.`; write keys joined by dots, with [n] for the n-th element, like \"data.list\" or \"props.pageProps.articles[0].url\"",
        ),
        (
            "author starting with a dot twice",
            json_feed("items = \"data.list\"\nauthor = \"..name\""),
            "error: <dir>/feeds.toml: line 7, column 10: key `feeds.news.json.author`: `..name` is not a JSON path: an empty key at character 1; write keys joined by dots, with [n] for the n-th element, like \"data.list\" or \"props.pageProps.articles[0].url\"",
        ),
        (
            "script not a selector",
            json_feed("script = \"script[id=\"\nitems = \"a\""),
            "error: <dir>/feeds.toml: line 6, column 10: key `feeds.news.json.script`: `script[id=` is not a CSS selector: it stops where more was expected (an unclosed `[` or `(`, or a combinator at the end?)",
        ),
        (
            "assignment not a name",
            json_feed("assignment = \"window.__STATE__ = {\"\nitems = \"a\""),
            "error: <dir>/feeds.toml: line 6, column 14: key `feeds.news.json.assignment`: `window.__STATE__ = {` is not a JavaScript name; write the name the page assigns, like \"__INITIAL_STATE__\" or \"window.__APOLLO_STATE__\"",
        ),
        (
            "date_format not a string",
            json_feed("items = \"a\"\ndate_format = 5"),
            "error: <dir>/feeds.toml: line 7, column 15: key `feeds.news.json.date_format`: invalid type: integer `5`, expected a string; write the value in double quotes, e.g. \"30s\" or \"Asia/Seoul\"",
        ),
        (
            "unknown key in the json table",
            json_feed("items = \"a\"\nurl = \"link\""),
            "error: <dir>/feeds.toml: line 7, column 1: key `feeds.news.json.url`: unknown key (the keys allowed here: items, link, title, summary, date, image, author, script, assignment, date_format)",
        ),
        (
            "both select and json",
            "[feeds.news]\ntitle = \"뉴스\"\nurl = \"<server>/api\"\n[feeds.news.select]\nitem = \"li\"\n[feeds.news.json]\nitems = \"data.list\"\n".into(),
            "error: <dir>/feeds.toml: line 7, column 9: key `feeds.news.json`: give either [feeds.<id>.select] (an HTML list) or [feeds.<id>.json] (a JSON list), not both",
        ),
    ]
}

#[test]
fn broken_json_tables_exit_2_and_say_where() {
    let server = TestServer::start();
    server.set(
        "/api",
        Resp::bytes("application/json", b"{\"data\":{\"list\":[]}}".to_vec()),
    );
    let mut problems = Vec::new();
    for (name, toml, expected) in cases() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = dir.path().join("feeds.toml");
        std::fs::write(&cfg, toml.replace("<server>", &server.base())).unwrap();
        let out = run_feedmill(
            &["--config", cfg.to_str().unwrap(), "build"],
            dir.path(),
            &[("FEEDMILL_NOW", "2026-02-11T09:00:00+09:00")],
            RUN_TIMEOUT,
        );
        if out.status.code() != Some(2) {
            problems.push(format!("{name}: exit {:?}, want 2", out.status.code()));
        }
        let err = String::from_utf8_lossy(&out.stderr)
            .replace(&dir.path().display().to_string(), "<dir>");
        let err = err.trim_end();
        if err != expected {
            problems.push(format!("{name}:\n  got:  {err:?}\n  want: {expected:?}"));
        }
        assert!(
            !Path::new(&dir.path().join("output")).exists(),
            "{name}: wrote output"
        );
    }
    assert_eq!(server.total_hits(), 0, "fetched despite a config error");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
