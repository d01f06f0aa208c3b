//! Broken rendering keys (`render`, `wait_for`, `timeout`, `block`), as a snapshot table like
//! `config_errors.rs`: for each, `feedmill build` exits 2, fetches nothing (and starts no
//! browser), and names the file, line, column and key.

mod common;

use common::TestServer;

/// A feed that is fine up to its last key; each case adds lines after it.
const FEED: &str = "[feeds.news]\ntitle = \"뉴스\"\nurl = \"<server>/list\"\n";

fn cases() -> Vec<(&'static str, String, &'static str)> {
    let after = |more: &str| format!("{FEED}{more}");
    vec![
        (
            "another renderer",
            after("render = \"chrome\"\n"),
            "line 4, column 10: key `feeds.news.render`: `chrome` is not a way to render pages; the one there is, is \"browser\" (headless Chromium)",
        ),
        (
            "wait_for without render",
            after("wait_for = \"ul.news li\"\n"),
            "line 4, column 12: key `feeds.news.wait_for`: `wait_for` is about rendering in a browser: add `render = \"browser\"` to [feeds.news], or remove `wait_for`",
        ),
        (
            "block without render, in the article table",
            after("[feeds.news.article]\nfetch = true\nblock = [\"image\"]\n"),
            "line 6, column 9: key `feeds.news.article.block`: `block` is about rendering in a browser: add `render = \"browser\"` to [feeds.news.article], or remove `block`",
        ),
        (
            "a wait_for that is no selector",
            after("render = \"browser\"\nwait_for = \"ul..news\"\n"),
            "line 5, column 12: key `feeds.news.wait_for`: `ul..news` is not a CSS selector: `.` must be followed by a class name, not `.`",
        ),
        (
            "a zero timeout",
            after("render = \"browser\"\ntimeout = \"0s\"\n"),
            "line 5, column 11: key `feeds.news.timeout`: `0s` is not a rendering timeout; write a duration from 1s to 300s, like \"20s\"",
        ),
        (
            "a timeout of an hour",
            after("render = \"browser\"\ntimeout = \"1h\"\n"),
            "line 5, column 11: key `feeds.news.timeout`: `1h` is not a rendering timeout; write a duration from 1s to 300s, like \"20s\"",
        ),
        (
            "an unknown kind to block",
            after("[feeds.news.article]\nfetch = true\nrender = \"browser\"\nblock = [\"image\", \"video\"]\n"),
            "line 7, column 19: key `feeds.news.article.block`: `video` is not a kind of resource to block; the kinds are image, font, media, stylesheet",
        ),
        (
            "another renderer for articles",
            after("[feeds.news.article]\nfetch = true\nrender = \"webkit\"\n"),
            "line 6, column 10: key `feeds.news.article.render`: `webkit` is not a way to render pages; the one there is, is \"browser\" (headless Chromium)",
        ),
    ]
}

#[test]
fn broken_render_keys_name_file_line_and_key() {
    let server = TestServer::start();
    let problems = common::config_error_problems(&server, cases());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(server.total_hits(), 0, "fetched despite a config error");
}
