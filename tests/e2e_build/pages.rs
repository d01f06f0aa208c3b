//! Harder pages: an EUC-KR page with its charset only in `<meta>`, Korean relative and
//! 12-hour times, and byte-identical rebuilds.

use crate::checks::*;
use crate::expected::*;
use crate::site::*;

// 4. EUC-KR page: charset only in <meta>, links against <base href>

#[test]
fn euckr_list_decodes_meta_charset_and_resolves_base_href() {
    let site = Site::new();
    site.write_config(&euckr_feed(EUCKR_ID, &site.euckr_url()));
    let out = site.run(&["build"]);
    assert_exit(&out, 0);
    check_rss(
        &site,
        EUCKR_ID,
        EUCKR_TITLE,
        &site.euckr_url(),
        &EUCKR_ITEMS,
    );
    check_atom(
        &site,
        EUCKR_ID,
        EUCKR_TITLE,
        &site.euckr_url(),
        &EUCKR_ITEMS,
    );

    let rss = site.read(&format!("{EUCKR_ID}.rss"));
    assert!(rss.contains("태국 똠얌꿍"), "windows-949 syllable decoded");
    assert!(
        !rss.contains('\u{FFFD}'),
        "replacement characters in output"
    );
    // Resolved against <base href=".../news/">, not against the page's /sub/ folder.
    assert!(
        !rss.contains("/sub/news_view.php"),
        "links resolved against the page URL instead of <base href>"
    );
    for junk in [
        "no=48150",
        "no=48172",
        "no=48101",
        "no=48166",
        "no=48177",
        "번호",
        "글쓴이",
    ] {
        assert!(!rss.contains(junk), "rss contains {junk:?}");
    }
}

// ---------------------------------------------------------------------------
// 5. Korean relative and 12-hour times

#[test]
fn korean_relative_and_twelve_hour_times() {
    let site = Site::new();
    site.write_config(&times_feed(TIMES_ID, &site.times_url()));
    let out = site.run(&["build"]);
    assert_exit(&out, 0);
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

    let rss = site.read(&format!("{TIMES_ID}.rss"));
    let atom = site.read(&format!("{TIMES_ID}.atom"));
    for (page_text, rss_date, atom_date) in [
        (
            "2026/02/10 오후 7:32",
            "Tue, 10 Feb 2026 19:32:00 +0900",
            "2026-02-10T19:32:00+09:00",
        ),
        (
            "3시간전",
            "Wed, 11 Feb 2026 06:00:00 +0900",
            "2026-02-11T06:00:00+09:00",
        ),
        (
            "어제 14:20",
            "Tue, 10 Feb 2026 14:20:00 +0900",
            "2026-02-10T14:20:00+09:00",
        ),
        (
            "12.31 23:50",
            "Wed, 31 Dec 2025 23:50:00 +0900",
            "2025-12-31T23:50:00+09:00",
        ),
        (
            "2026.02.10 오전 12:05",
            "Tue, 10 Feb 2026 00:05:00 +0900",
            "2026-02-10T00:05:00+09:00",
        ),
        (
            "15분 전",
            "Wed, 11 Feb 2026 08:45:00 +0900",
            "2026-02-11T08:45:00+09:00",
        ),
        (
            "(no time: fetch time)",
            "Wed, 11 Feb 2026 09:00:00 +0900",
            "2026-02-11T09:00:00+09:00",
        ),
    ] {
        assert!(
            rss.contains(&format!("<pubDate>{rss_date}</pubDate>")),
            "{page_text}: rss lacks {rss_date}"
        );
        assert!(
            atom.contains(&format!("<published>{atom_date}</published>")),
            "{page_text}: atom lacks {atom_date}"
        );
    }
    assert!(rss.contains("<lastBuildDate>Wed, 11 Feb 2026 09:00:00 +0900</lastBuildDate>"));

    // No item has an author: the Atom feed's author is the feed title.
    let feed = parse_feed(&atom, "atom");
    assert_eq!(
        feed.authors
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        vec![TIMES_TITLE],
        "feed-level author"
    );
    // Nothing from the ranking box (its times are relative too).
    for junk in [
        "202602110712i",
        "202602102210i",
        "202602101105i",
        "202602091510i",
        "202602081234i",
    ] {
        assert!(
            !rss.contains(junk) && !atom.contains(junk),
            "side box article {junk} in output"
        );
    }
}

// ---------------------------------------------------------------------------
// 6. Determinism

#[test]
fn two_builds_are_byte_identical() {
    let site = Site::new();
    site.write_config(&format!(
        "{}{}{}",
        utf8_feed(UTF8_ID, &site.utf8_url()),
        euckr_feed(EUCKR_ID, &site.euckr_url()),
        times_feed(TIMES_ID, &site.times_url())
    ));
    let files: Vec<String> = [UTF8_ID, EUCKR_ID, TIMES_ID]
        .iter()
        .flat_map(|id| [format!("{id}.rss"), format!("{id}.atom")])
        .collect();

    assert_exit(&site.run(&["build"]), 0);
    let first: Vec<Vec<u8>> = files.iter().map(|f| site.read_bytes(f)).collect();
    assert_exit(&site.run(&["build"]), 0);
    for (f, before) in files.iter().zip(&first) {
        assert!(
            site.read_bytes(f) == *before,
            "{f} differs between two builds of the same pages"
        );
    }
    assert_eq!(site.server.hits(UTF8_PATH), 2);
}
