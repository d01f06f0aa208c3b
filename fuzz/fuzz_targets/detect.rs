//! `feedmill::detect::detect` on arbitrary HTML, then what `build` and `suggest` do with
//! its answer: the best candidate's selectors are parsed (`to_select`), its TOML block is read
//! back by `config::parse`, and `extract_list` runs with it on the same page.
//!
//! Checked: no panic or hang; at most 12 candidates, each with a finite score and selectors
//! that parse; the TOML block of every candidate is a valid config.
//! `FEEDMILL_FUZZ_TOLERATE_KNOWN=1` skips the panics already reported.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use feedmill::detect::detect;
use feedmill::extract::extract_list;
use feedmill::html::MAX_NESTING;
use feedmill_fuzz::{ctx, page_url, text, tolerating_known};
use libfuzzer_sys::fuzz_target;
use url::Url;

static URL: LazyLock<Url> = LazyLock::new(page_url);

fuzz_target!(|data: &[u8]| {
    let Some(html) = text(data) else { return };
    let ctx = ctx();
    let candidates = detect(html, &URL, ctx);
    assert!(candidates.len() <= 12, "{} candidates", candidates.len());
    for (rank, cand) in candidates.iter().enumerate() {
        assert!(cand.score.is_finite(), "candidate {rank} scores {}", cand.score);
        let Some(select) = tolerating_known(|| cand.to_select()) else { continue };
        let select = select
            .unwrap_or_else(|e| panic!("candidate {rank} {cand:?}: selectors do not parse: {e}"));
        let block = cand.toml_block("auto-found", "제목 \"quoted\"", &URL);
        let parsed = tolerating_known(|| feedmill::config::parse(&block, Path::new("feeds.toml")));
        if let Some(Err(e)) = parsed {
            panic!("candidate {rank}: its TOML block does not parse: {e}\n{block}");
        }
        if rank == 0 && feedmill::html::nesting_depth(html) <= MAX_NESTING {
            let _ = tolerating_known(|| extract_list(html, &URL, &select, ctx));
        }
    }
});
