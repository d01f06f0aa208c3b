//! The command line: config errors (exit 2, nothing fetched, nothing written), `check`, and
//! `build <id>`.

use std::fs;
use std::path::PathBuf;

use crate::checks::*;
use crate::expected::*;
use crate::site::*;

// 8. Config errors: exit 2, nothing fetched, nothing written

fn assert_config_error(site: &Site, needles: &[&str]) {
    let out = site.run(&["build"]);
    assert_exit(&out, 2);
    let err = stderr(&out);
    for n in needles {
        assert!(err.contains(n), "stderr lacks {n:?}\n{}", describe(&out));
    }
    assert_eq!(
        site.server.total_hits(),
        0,
        "fetched despite a config error"
    );
    assert_eq!(
        site.written_files(),
        Vec::<PathBuf>::new(),
        "files written despite a config error"
    );
}

#[test]
fn config_error_unknown_key_names_file_line_and_key() {
    let site = Site::new();
    let feed = utf8_feed(UTF8_ID, &site.utf8_url()).replace(
        &format!("title = \"{UTF8_TITLE}\"\n"),
        &format!("title = \"{UTF8_TITLE}\"\ntitel = \"x\"\n"),
    );
    let text = site.write_config(&feed);
    let line = text.lines().position(|l| l.starts_with("titel")).unwrap() + 1;
    assert_eq!(line, 10, "the fixture config moved: update the test");
    assert_config_error(&site, &["feeds.toml", &format!("line {line}"), "titel"]);
}

#[test]
fn config_error_selector_that_does_not_parse() {
    let site = Site::new();
    let feed = utf8_feed(UTF8_ID, &site.utf8_url())
        .replace("item = \"div.news-list article.item\"", "item = \"div[[\"");
    site.write_config(&feed);
    assert_config_error(&site, &[UTF8_ID, "item"]);
}

#[test]
fn config_error_bad_duration() {
    let site = Site::new();
    let text = format!(
        "{SETTINGS}timeout = \"5 parsecs\"\n{}",
        utf8_feed(UTF8_ID, &site.utf8_url())
    );
    site.write_raw_config(&text);
    assert_config_error(&site, &["timeout"]);
}

#[test]
fn config_error_unknown_timezone() {
    let site = Site::new();
    let text = format!(
        "{}{}",
        SETTINGS.replace("timezone = \"Asia/Seoul\"", "timezone = \"Mars/Olympus\""),
        utf8_feed(UTF8_ID, &site.utf8_url())
    );
    site.write_raw_config(&text);
    assert_config_error(&site, &["timezone"]);
}

#[test]
fn config_error_bad_feed_id() {
    let site = Site::new();
    site.write_config(&utf8_feed("\"Bad Id!\"", &site.utf8_url()));
    assert!(fs::read_to_string(site.config())
        .unwrap()
        .contains("[feeds.\"Bad Id!\"]"));
    assert_config_error(&site, &["Bad Id!"]);
}

#[test]
fn usage_error_unknown_feed_id_or_command() {
    let site = Site::new();
    site.write_config(&utf8_feed(UTF8_ID, &site.utf8_url()));
    let out = site.run(&["build", "no-such-feed"]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("no-such-feed"), "{}", describe(&out));
    let out = site.run(&["frobnicate"]);
    assert_exit(&out, 2);
    assert_eq!(site.server.total_hits(), 0);
    assert_eq!(site.written_files(), Vec::<PathBuf>::new());
}

// ---------------------------------------------------------------------------
// 9. check

#[test]
fn check_prints_items_and_writes_nothing() {
    let site = Site::new();
    site.write_config(&format!(
        "{}{}",
        utf8_feed(UTF8_ID, &site.utf8_url()),
        times_feed(TIMES_ID, &site.times_url())
    ));
    let out = site.run(&["check", UTF8_ID]);
    assert_exit(&out, 0);
    let table = stdout(&out);
    for item in &UTF8_ITEMS {
        assert_eq!(
            table.matches(item.title).count(),
            1,
            "check output must list {:?} once\n{table}",
            item.title
        );
        assert!(
            table.contains(&site.abs(item.link)),
            "check output lacks link {}\n{table}",
            item.link
        );
        assert!(
            table.contains(&wall(item.time)),
            "check output lacks time {}\n{table}",
            wall(item.time)
        );
        let start: String = item.summary.unwrap().chars().take(8).collect();
        assert!(
            table.contains(&start),
            "check output lacks summary start {start:?}\n{table}"
        );
    }
    assert!(table.contains("2026-02-10 19:32"));
    for id in UTF8_NOT_ITEMS {
        assert!(!table.contains(id), "check lists non-list article {id}");
    }
    for junk in ["utm_", "fbclid", "#comments"] {
        assert!(
            !table.contains(junk),
            "check prints a non-canonical link ({junk})\n{table}"
        );
    }
    assert_eq!(site.server.hits(UTF8_PATH), 1);
    assert_eq!(
        site.server.hits(TIMES_PATH),
        0,
        "check fetched another feed"
    );
    assert_eq!(
        site.written_files(),
        Vec::<PathBuf>::new(),
        "check wrote files"
    );
}

// ---------------------------------------------------------------------------
// 10. build ID

#[test]
fn build_with_feed_id_builds_only_that_feed() {
    let site = Site::new();
    site.write_config(&format!(
        "{}{}",
        utf8_feed(UTF8_ID, &site.utf8_url()),
        times_feed(TIMES_ID, &site.times_url())
    ));
    let out = site.run(&["build", TIMES_ID]);
    assert_exit(&out, 0);
    assert_eq!(site.server.hits(UTF8_PATH), 0, "the other feed was fetched");
    assert_eq!(site.server.hits(TIMES_PATH), 1);
    assert!(!site.out(&format!("{UTF8_ID}.rss")).exists());
    assert!(!site.out(&format!("{UTF8_ID}.atom")).exists());
    check_rss(
        &site,
        TIMES_ID,
        TIMES_TITLE,
        &site.times_url(),
        &TIMES_ITEMS,
    );
    check_atom(
        &site,
        TIMES_ID,
        TIMES_TITLE,
        &site.times_url(),
        &TIMES_ITEMS,
    );
}
