//! Inputs the fuzzer found (`fuzz/regressions/<target>/`), replayed; ignored while unfixed.

use crate::shared::*;
use feedmill::article::extract_article;
use feedmill::config::{self};
use feedmill::extract::extract_list;
use feedmill::html::nesting_depth;
use std::path::{Path, PathBuf};
use url::Url;

fn regression(target: &str, name: &str) -> String {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "fuzz",
        "regressions",
        target,
        name,
    ]
    .iter()
    .collect();
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `item = "t%"` (found on ec191b9): config.rs formatted scraper's `SelectorErrorKind` with
/// `{e}`, and scraper 0.20's Display panicked on an unexpected `Delim` token ("Token Delim('%')
/// is not supposed to match as a single-character token!", scraper src/error/utils.rs:56).
/// Fixed in 083018b (config/explain.rs words the error itself); kept as a guard through
/// scraper upgrades.
#[test]
fn regression_config_selector_with_delim_panics() {
    let text = regression("config", "selector-delim-display-panic.toml");
    let err = config::parse(&text, Path::new("feeds.toml")).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("feeds.toml") && msg.contains("t%"), "{msg}");
    // Every other delimiter scraper 0.20 cannot render, in each place a selector is read.
    for delim in [
        '=', '!', '/', '?', '%', '`', '@', '*', '$', '&', '#', '^', '|', '\\', '<',
    ] {
        for (table, line) in [
            ("select", format!("item = 't{delim}'")),
            ("select", format!("item = 'li'\ndate = 't{delim}'")),
            ("article", format!("fetch = true\nremove = ['t{delim}']")),
        ] {
            let text = format!(
                "[feeds.t]\ntitle = \"T\"\nurl = \"https://x.kr/\"\n[feeds.t.{table}]\n{line}\n"
            );
            if let Err(e) = config::parse(&text, Path::new("feeds.toml")) {
                assert!(e.to_string().contains("feeds.toml"), "{e}");
            }
        }
    }
}

/// 16,384 nested `<div>`s (80 KB) and a paragraph. Article pages get no nesting guard (the
/// `MAX_NESTING` check is only in `build::collect`, for list pages; `enrich` calls
/// `extract_article` on any page up to `fetch::MAX_BODY`, 10 MiB), and both html5ever's
/// tree builder (`close_p_element_in_button_scope` scans the open-element stack for every
/// `<div>`) and `html::text_within` are quadratic in depth: the fuzz build (optimised)
/// takes 0.2 s at depth 1,024, 3.4 s at 6,000, 7.4 s at 10,000, over 10 s here, and a 10 MiB
/// page nested ~2,000,000 deep would take hours. Fixed: extract_article (and detect) refuse a
/// page nested deeper than MAX_NESTING, as list extraction does; kept as a guard.
#[test]
fn regression_article_deep_nesting_is_bounded() {
    let html = regression("article", "deep-nesting-16384-divs.html");
    assert!(nesting_depth(&html) > feedmill::html::MAX_NESTING);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let url = Url::parse("https://news.example.kr/view/1").unwrap();
        let info = extract_article(&html, &url, &article_rules()[0], ctx());
        let _ = tx.send(info);
    });
    // Refused at once, so nothing is read; the deadline only keeps a regression (minutes of
    // quadratic work in a debug build) from stalling the suite. Left running on failure;
    // the test binary's exit ends it.
    let done = rx.recv_timeout(std::time::Duration::from_secs(60));
    let info = done.expect("extract_article still busy after 60 s on a page nested 16,384 deep");
    assert!(
        info.is_empty(),
        "a page nested deeper than MAX_NESTING was read: {info:?}"
    );
}

/// `<script` at the very end of a page, with no `>` (found on e52db99, fixed in edd9417):
/// the list scanner's `walk` (src/listscan/mod.rs:530, the raw-text skip for
/// script/style/textarea/title/xmp/iframe/noembed/noframes) starts its search for the end tag
/// one past the end of the text when the start tag has no `>`, and slices `&b[j..]`: "range
/// start index 8 out of range for slice of length 7". Any page whose last bytes are such an
/// unclosed start tag (`<style`, `<title`, `<textarea x`, `<div><script`, ...) panics
/// extract_list, and so `feedmill build` on that page. Kept as a guard.
#[test]
fn regression_extract_unclosed_raw_text_tag_at_end() {
    let html = regression("extract", "unclosed-raw-text-tag.html");
    assert_eq!(html, "<script");
    for text in [
        html.as_str(),
        "<style",
        "<title",
        "<textarea x",
        "<xmp",
        "<iframe",
        "<noembed",
        "<noframes",
        "<ul><li><a href=\"/a\">x</a></li></ul><script",
    ] {
        for select in &selects() {
            let page = extract_list(text, &page_url(), select, ctx());
            assert!(page.items.len() <= 1, "{text}");
        }
    }
}
