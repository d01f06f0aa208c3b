//! `feedmill::config::parse` on arbitrary UTF-8: Ok or Err, never a panic, and an error
//! names the file it is about. `FEEDMILL_FUZZ_TOLERATE_KNOWN=1` skips the panics already
//! reported (see `feedmill_fuzz::KNOWN_PANICS`).
#![no_main]

use std::path::Path;

use feedmill_fuzz::{text, tolerating_known};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else { return };
    let Some(result) = tolerating_known(|| feedmill::config::parse(text, Path::new("feeds.toml")))
    else {
        return;
    };
    match result {
        Ok(config) => {
            // What a build does next with a valid config, short of touching the disk.
            for feed in &config.feeds {
                assert!(!feed.urls.is_empty(), "feed {} has no URL", feed.id);
                let _ = feed.filter.keeps("제목 title", "요약 summary");
            }
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(
                msg.contains("feeds.toml"),
                "error does not name the file: {msg:?}"
            );
        }
    }
});
