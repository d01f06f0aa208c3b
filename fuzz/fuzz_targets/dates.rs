//! `feedmill::dates::{parse, parse_all, parse_with_hint}` on arbitrary UTF-8.
//!
//! The input is `text` or `text NUL hint`: the part after the first NUL byte is the
//! `date_format` hint. Every call is made for Asia/Seoul and for America/New_York (DST folds
//! and gaps) at a fixed fetch time. Checked: no panic; every stamp is at most 24 h after the
//! fetch and carries the zone's offset at its instant; `parse` picks one of the stamps
//! `parse_all` returns; a rejection's Display does not panic.
#![no_main]

use feedmill::dates;
use feedmill_fuzz::{check_stamp, fetched_at, text, NEW_YORK, SEOUL};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(input) = text(data) else { return };
    let (text, hint) = match input.split_once('\0') {
        Some((t, h)) => (t, Some(h)),
        None => (input, None),
    };
    let fetched = fetched_at();
    for zone in [SEOUL, NEW_YORK] {
        let one = dates::parse(text, fetched, zone);
        let all = dates::parse_all(text, fetched, zone);
        for s in &all {
            check_stamp(s, fetched, zone, text);
        }
        if let Some(s) = &one {
            check_stamp(s, fetched, zone, text);
            assert!(
                all.contains(s),
                "parse gave {s:?}, which parse_all does not list ({all:?}) for {text:?}"
            );
        }
        match dates::parse_with_hint(text, hint, fetched, zone) {
            Ok(s) => check_stamp(&s, fetched, zone, text),
            Err(e) => {
                let _ = e.to_string();
            }
        }
    }
});
