//! `feedmill::extract::extract_list` with four fixed selector sets (built by
//! `config::parse`), and `feedmill::html::nesting_depth`, on arbitrary HTML.
//!
//! As `build` does, a page nested deeper than `MAX_NESTING` is refused before extraction.
//! Checked: no panic or hang; every item's link is absolute http(s) (the page is https, and
//! a web page may not link to file:) with no fragment and
//! no link appears twice; titles, summaries and authors keep to their limits (plus the "…");
//! images are http(s); dates satisfy the date invariants. `FEEDMILL_FUZZ_TOLERATE_KNOWN=1`
//! skips the panics already reported (`feedmill_fuzz::KNOWN_PANICS`).
#![no_main]

use std::collections::HashSet;
use std::sync::LazyLock;

use feedmill::config::Select;
use feedmill::extract;
use feedmill::html::{self, MAX_AUTHOR, MAX_NESTING, MAX_SUMMARY, MAX_TITLE};
use feedmill_fuzz::{check_len, check_stamp, ctx, page_url, selects, text, tolerating_known};
use libfuzzer_sys::fuzz_target;
use url::Url;

static SELECTS: LazyLock<Vec<Select>> = LazyLock::new(selects);
static URL: LazyLock<Url> = LazyLock::new(page_url);

fuzz_target!(|data: &[u8]| {
    let Some(html) = text(data) else { return };
    let depth = html::nesting_depth(html);
    if depth > MAX_NESTING {
        return;
    }
    let ctx = ctx();
    for select in SELECTS.iter() {
        let Some(page) = tolerating_known(|| extract::extract_list(html, &URL, select, ctx)) else {
            continue;
        };
        let mut seen = HashSet::new();
        for item in &page.items {
            let link = &item.link;
            // The page is https: since fe800f0 a web page cannot link to file: either.
            assert!(
                matches!(link.scheme(), "http" | "https"),
                "link {link} is not http(s)"
            );
            assert!(link.fragment().is_none(), "link {link} keeps its fragment");
            assert!(seen.insert(link.clone()), "link {link} appears twice");
            check_len("title", &item.title, MAX_TITLE, html.len());
            check_len("summary", &item.summary, MAX_SUMMARY, html.len());
            check_len("author", &item.author, MAX_AUTHOR, html.len());
            if let Some(image) = &item.image {
                assert!(
                    matches!(image.scheme(), "http" | "https"),
                    "image {image} is not http(s)"
                );
            }
            if let Some(stamp) = &item.date {
                check_stamp(stamp, ctx.fetched_at, ctx.zone, item.date_text.as_deref().unwrap_or(""));
            }
        }
    }
});
