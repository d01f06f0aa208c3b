//! Failures lose nothing: a changed layout, a refused connection or an HTTP 500 keeps the
//! previous files, and one feed's failure does not stop the others.

use std::net::TcpListener;

use crate::checks::*;
use crate::common::{fixture, Resp};
use crate::expected::*;
use crate::site::*;

// 7. Failures lose nothing

/// Builds the utf8 feed once successfully; returns its (rss, atom) bytes.
fn build_good_utf8(site: &Site) -> (Vec<u8>, Vec<u8>) {
    site.write_config(&utf8_feed(UTF8_ID, &site.utf8_url()));
    assert_exit(&site.run(&["build"]), 0);
    (
        site.read_bytes(&format!("{UTF8_ID}.rss")),
        site.read_bytes(&format!("{UTF8_ID}.atom")),
    )
}

fn assert_unchanged(site: &Site, before: &(Vec<u8>, Vec<u8>)) {
    assert!(
        site.read_bytes(&format!("{UTF8_ID}.rss")) == before.0,
        "{UTF8_ID}.rss changed after a failed build"
    );
    assert!(
        site.read_bytes(&format!("{UTF8_ID}.atom")) == before.1,
        "{UTF8_ID}.atom changed after a failed build"
    );
}

#[test]
fn failure_layout_changed_no_items_keeps_previous_files() {
    let site = Site::new();
    let before = build_good_utf8(&site);
    site.server
        .set(UTF8_PATH, Resp::html(fixture("list_empty.html")));
    let out = site.run(&["build"]);
    assert_exit(&out, 1);
    assert_stderr_line(&out, &[UTF8_ID, "no items"]);
    assert_eq!(site.server.hits(UTF8_PATH), 2);
    assert_unchanged(&site, &before);
}

#[test]
fn failure_connection_refused_keeps_previous_files() {
    let site = Site::new();
    let before = build_good_utf8(&site);
    let closed_port = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    site.write_config(&utf8_feed(
        UTF8_ID,
        &format!("http://127.0.0.1:{closed_port}{UTF8_PATH}"),
    ));
    let out = site.run(&["build"]);
    assert_exit(&out, 1);
    assert_stderr_line(&out, &[UTF8_ID]);
    assert_unchanged(&site, &before);
}

#[test]
fn failure_http_500_keeps_previous_files() {
    let site = Site::new();
    let before = build_good_utf8(&site);
    site.server.set(UTF8_PATH, Resp::status(500));
    let out = site.run(&["build"]);
    assert_exit(&out, 1);
    assert_stderr_line(&out, &[UTF8_ID]);
    assert!(site.server.hits(UTF8_PATH) >= 2);
    assert_unchanged(&site, &before);
}

#[test]
fn failure_of_one_feed_does_not_stop_the_others() {
    let site = Site::new();
    site.server.set(UTF8_PATH, Resp::status(500));
    site.write_config(&format!(
        "{}{}",
        utf8_feed(UTF8_ID, &site.utf8_url()),
        times_feed(TIMES_ID, &site.times_url())
    ));
    let out = site.run(&["build"]);
    assert_exit(&out, 1);
    assert_stderr_line(&out, &[UTF8_ID]);
    assert_stderr_line(&out, &[TIMES_ID]);
    let err = stderr(&out);
    assert!(
        !err.lines()
            .any(|l| l.contains(UTF8_ID) && l.contains(TIMES_ID)),
        "one line per feed:\n{err}"
    );
    assert!(
        !site.out(&format!("{UTF8_ID}.rss")).exists(),
        "failed feed written"
    );
    assert!(
        !site.out(&format!("{UTF8_ID}.atom")).exists(),
        "failed feed written"
    );
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
