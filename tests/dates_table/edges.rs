//! Edges: yearless dates across the new year and a DST change, other zones and their
//! abbreviations, hints (a feed's `date_format`), words that only look like dates, month names
//! only as whole words, labels in other languages, long texts.

use feedmill::dates::{self, Reject};

use crate::support::*;

#[test]
fn yearless_rolls_back_a_year() {
    let jan = utc("2026-01-05T09:00:00+09:00");
    let read = |t: &str| {
        dates::parse(t, jan, SEOUL)
            .map(|s| (s.instant.to_rfc3339(), s.precision))
            .unwrap_or_else(|| panic!("{t:?}"))
    };
    assert_eq!(read("12.31 23:50"), ("2025-12-31T23:50:00+09:00".into(), M));
    assert_eq!(read("12월 31일"), ("2025-12-31T00:00:00+09:00".into(), D));
    assert_eq!(read("01.05 08:00"), ("2026-01-05T08:00:00+09:00".into(), M));
    // An hour after the fetch: this year's, clamped (not 2025-01-05).
    assert_eq!(read("01.05 10:00"), ("2026-01-05T09:00:00+09:00".into(), M));
    assert_eq!(read("1월 5일"), ("2026-01-05T00:00:00+09:00".into(), D));
    assert_eq!(read("23:50"), ("2026-01-04T23:50:00+09:00".into(), M));
    // Feb 29 goes back to the last leap year.
    let march = utc("2026-03-01T09:00:00+09:00");
    let leap = dates::parse("2월 29일", march, SEOUL).unwrap();
    assert_eq!(leap.instant.to_rfc3339(), "2024-02-29T00:00:00+09:00");
    // Minutes before the new year, a site a little ahead prints next year's
    // first minutes: next year's, clamped.
    let eve = utc("2026-12-31T23:55:00+09:00");
    let s = dates::parse("01.01 00:03", eve, SEOUL).unwrap();
    assert_eq!(s.instant.to_rfc3339(), "2026-12-31T23:55:00+09:00");
    let s = dates::parse("12.31 23:50", eve, SEOUL).unwrap();
    assert_eq!(s.instant.to_rfc3339(), "2026-12-31T23:50:00+09:00");
}

#[test]
fn yearless_across_a_dst_change() {
    // 2026-03-08 03:10 EDT, forty minutes after New York's clocks sprang
    // forward from 02:00 to 03:00.
    let f = utc("2026-03-08T03:10:00-04:00");
    let ny = |t: &str| dates::parse(t, f, NEW_YORK).unwrap().instant.to_rfc3339();
    // 02:30 does not exist; read as 03:30 EDT, twenty minutes ahead: clamped,
    // and this year's.
    assert_eq!(ny("03.08 02:30"), "2026-03-08T03:10:00-04:00");
    assert_eq!(ny("03.08 01:30"), "2026-03-08T01:30:00-05:00");
    assert_eq!(ny("03.08 03:05"), "2026-03-08T03:05:00-04:00");
}

#[test]
fn other_zones() {
    // 2026-02-10 19:00 EST.
    let f = utc("2026-02-11T00:00:00Z");
    let ny = |t: &str| {
        dates::parse(t, f, NEW_YORK)
            .map(|s| (s.instant.to_rfc3339(), s.precision))
            .unwrap_or_else(|| panic!("{t:?}"))
    };
    assert_eq!(
        ny("2026-02-10 10:32"),
        ("2026-02-10T10:32:00-05:00".into(), M)
    );
    assert_eq!(
        ny("2026-02-10T10:32:00Z"),
        ("2026-02-10T05:32:00-05:00".into(), S)
    );
    assert_eq!(
        ny("2026-02-10T19:32:00+09:00"),
        ("2026-02-10T05:32:00-05:00".into(), S)
    );
    assert_eq!(ny("어제"), ("2026-02-09T00:00:00-05:00".into(), D));
    assert_eq!(ny("3 hours ago"), ("2026-02-10T16:00:00-05:00".into(), M));
    assert_eq!(ny("19:32"), ("2026-02-09T19:32:00-05:00".into(), M));
    assert_eq!(ny("18:55"), ("2026-02-10T18:55:00-05:00".into(), M));
    assert_eq!(ny("1770719520"), ("2026-02-10T05:32:00-05:00".into(), S));

    // Summer time, and its gap and fold.
    let december = utc("2026-12-01T00:00:00Z");
    let ny = |t: &str| {
        dates::parse(t, december, NEW_YORK)
            .unwrap()
            .instant
            .to_rfc3339()
    };
    assert_eq!(ny("2026-06-15 12:00"), "2026-06-15T12:00:00-04:00");
    assert_eq!(ny("2026-03-08 02:30"), "2026-03-08T03:30:00-04:00");
    assert_eq!(ny("2026-11-01 01:30"), "2026-11-01T01:30:00-04:00");
    assert_eq!(ny("2026-03-08"), "2026-03-08T00:00:00-05:00");

    // A zone at UTC and one east of it.
    let london = dates::parse("2026-02-10 19:32", f, chrono_tz::Europe::London).unwrap();
    assert_eq!(london.instant.to_rfc3339(), "2026-02-10T19:32:00+00:00");
    let kolkata = dates::parse("2026-02-10 19:32", f, chrono_tz::Asia::Kolkata).unwrap();
    assert_eq!(kolkata.instant.to_rfc3339(), "2026-02-10T19:32:00+05:30");
}

#[test]
fn hint_first() {
    let hinted = |t: &str, h: &str| dates::parse_with_hint(t, Some(h), fetched(), SEOUL);
    let s = hinted("10/02/2026 19:32", "%d/%m/%Y %H:%M").unwrap();
    assert_eq!(s.instant.to_rfc3339(), "2026-02-10T19:32:00+09:00");
    assert_eq!(s.precision, M);
    let s = hinted(" 10/02/2026 ", "%d/%m/%Y").unwrap();
    assert_eq!(s.instant.to_rfc3339(), "2026-02-10T00:00:00+09:00");
    assert_eq!(s.precision, D);
    let s = hinted("2026-02-10 10:32:00 +0000", "%Y-%m-%d %H:%M:%S %z").unwrap();
    assert_eq!(s.instant.to_rfc3339(), "2026-02-10T19:32:00+09:00");
    assert_eq!(s.precision, S);
    // A hint that does not match falls back to the built-in forms.
    let s = hinted("입력 2026.02.10 19:32", "%d/%m/%Y").unwrap();
    assert_eq!(s.instant.to_rfc3339(), "2026-02-10T19:32:00+09:00");
    assert_eq!(s.label, P);
    // The future rule applies to hinted times too.
    assert!(matches!(
        hinted("01/01/2030", "%d/%m/%Y"),
        Err(Reject::InFuture(_))
    ));
    // Odd formats do not panic.
    for h in ["", "%", "%Q%%%", "%Y-%m-%d %:::z", "%s", "%+"] {
        let _ = hinted("2026-02-10 19:32", h);
    }
}

#[test]
fn words_inside_longer_words_are_not_dates() {
    // `수정구` is a district, not "updated"; `지금까지` is "so far".
    let s = dates::parse("성남시 수정구 | 2026.02.10 19:32", fetched(), SEOUL).unwrap();
    assert_eq!(s.label, None);
    assert_eq!(reject("지금까지 누적 관객"), Reject::NotADate);
    assert_eq!(reject("Read now"), Reject::NotADate);
    // Native numerals and day counts that start longer words.
    let s = dates::parse("한국 3일 전", fetched(), SEOUL).unwrap();
    assert_eq!(s.instant.to_rfc3339(), "2026-02-08T09:00:00+09:00");
    assert_eq!(reject("세계 하루만에 한 달러"), Reject::NotADate);
    assert_eq!(reject("한국전쟁 두산 세계"), Reject::NotADate);
    assert_eq!(reject("낮은 밤하늘"), Reject::NotADate);
    // A bare `내일` is prose (`내일 발표`), not an article time.
    assert_eq!(reject("내일 발표"), Reject::NotADate);
    assert_eq!(reject("tomorrow"), Reject::NotADate);
    assert_eq!(reject("버전 10.5.3"), Reject::NotADate);
    // A bare day word or clock time loses to a full date later on.
    let s = dates::parse("오늘 발표 | 2026.02.10 19:32", fetched(), SEOUL).unwrap();
    assert_eq!(s.instant.to_rfc3339(), "2026-02-10T19:32:00+09:00");
    let s = dates::parse("2:10 승리 2026.02.10", fetched(), SEOUL).unwrap();
    assert_eq!(s.instant.to_rfc3339(), "2026-02-10T00:00:00+09:00");
}

#[test]
fn month_names_only_whole_and_next_to_a_day_and_a_year() {
    // `Mai` is a month, `Maine` is not; short forms (`mar`, `set`, `out`)
    // count only with a day and a year.
    assert_eq!(reject("Maine 15 2020"), Reject::NotADate);
    assert_eq!(reject("Mai 2020"), Reject::NotADate);
    assert_eq!(reject("set 15 volte"), Reject::NotADate);
    assert_eq!(reject("out 2020"), Reject::NotADate);
    assert_eq!(reject("Mis à jour"), Reject::NotADate);
    // Ambiguous numeric dates keep their reading: month first with slashes.
    let s = dates::parse("03/04/2020", fetched(), SEOUL).unwrap();
    assert_eq!(s.instant.to_rfc3339(), "2020-03-04T00:00:00+09:00");
    // Year first (Korean) stays year first.
    let s = dates::parse("2026.02.10", fetched(), SEOUL).unwrap();
    assert_eq!(s.instant.to_rfc3339(), "2026-02-10T00:00:00+09:00");
}

#[test]
fn parse_all_labels_in_other_languages() {
    assert_eq!(
        all("Veröffentlicht am 15.02.2020 | Aktualisiert am 16.02.2020 um 08:05 Uhr"),
        vec![
            row("2020-02-15T00:00:00+09:00", D, P),
            row("2020-02-16T08:05:00+09:00", M, U)
        ]
    );
    assert_eq!(
        all("Publié le 15 février 2020 à 14h30 · Mis à jour le 16 février 2020 à 8h05"),
        vec![
            row("2020-02-15T14:30:00+09:00", M, P),
            row("2020-02-16T08:05:00+09:00", M, U)
        ]
    );
}

#[test]
fn zone_abbreviations() {
    // Fetched a day later, so that the example is not clamped.
    let f = utc("2026-02-12T09:00:00+09:00");
    let read = |t: &str| dates::parse(t, f, SEOUL).unwrap().instant.to_rfc3339();
    assert_eq!(
        read("Feb 10, 2026 7:32 PM EST"),
        "2026-02-11T09:32:00+09:00"
    );
    assert_eq!(
        read("Feb 10, 2026 7:32 p.m. EDT"),
        "2026-02-11T08:32:00+09:00"
    );
    assert_eq!(
        read("Feb 10, 2026 7:32 PM CET"),
        "2026-02-11T03:32:00+09:00"
    );
    assert_eq!(
        read("Feb 10, 2026 7:32 PM CEST"),
        "2026-02-11T02:32:00+09:00"
    );
    assert_eq!(
        read("Feb 10, 2026 7:32 PM PST"),
        "2026-02-11T12:32:00+09:00"
    );
    assert_eq!(
        read("Feb 10, 2026 7:32 PM PDT"),
        "2026-02-11T11:32:00+09:00"
    );
    assert_eq!(
        read("Feb 10, 2026 7:32 PM JST"),
        "2026-02-10T19:32:00+09:00"
    );
    assert_eq!(
        read("Feb 10, 2026 7:32 PM UTC"),
        "2026-02-11T04:32:00+09:00"
    );
}

#[test]
fn hint_ending_in_literal_z_is_utc() {
    let hinted = |t: &str, h: &str| dates::parse_with_hint(t, Some(h), fetched(), SEOUL);
    let s = hinted("20260210T193200Z", "%Y%m%dT%H%M%SZ").unwrap();
    assert_eq!(s.instant.to_rfc3339(), "2026-02-11T04:32:00+09:00");
    assert_eq!(s.precision, S);
    let s = hinted("2026-02-10 10:32Z", "%Y-%m-%d %H:%MZ").unwrap();
    assert_eq!(s.instant.to_rfc3339(), "2026-02-10T19:32:00+09:00");
    assert_eq!(s.precision, M);
    // Without the `Z`, the feed's zone.
    let s = hinted("20260210T193200", "%Y%m%dT%H%M%S").unwrap();
    assert_eq!(s.instant.to_rfc3339(), "2026-02-10T19:32:00+09:00");
    // `%%Z` ends in a literal `Z` too.
    let s = hinted("2026-02-10 10:32 %Z", "%Y-%m-%d %H:%M %%Z").unwrap();
    assert_eq!(s.instant.to_rfc3339(), "2026-02-10T19:32:00+09:00");
}

#[test]
fn date_part_unread_is_no_date() {
    // A bare clock time still means today (or yesterday when still ahead).
    let s = dates::parse("기사 19:32", fetched(), SEOUL).unwrap();
    assert_eq!(s.instant.to_rfc3339(), "2026-02-10T19:32:00+09:00");
    let s = dates::parse("조회 1,234 | 08:30", fetched(), SEOUL).unwrap();
    assert_eq!(s.instant.to_rfc3339(), "2026-02-11T08:30:00+09:00");
}

#[test]
fn long_repetitive_texts() {
    // No look-back or look-ahead grows with the text.
    for piece in [
        "오후",
        "오후 ",
        "2026.02 오후 ",
        "하루 ",
        "19:32 | ",
        "T",
        "p.m. ",
    ] {
        let text = piece.repeat(50_000);
        let _ = dates::parse_with_hint(&text, None, fetched(), SEOUL);
        let _ = dates::parse_all(&text, fetched(), SEOUL);
    }
}

#[test]
fn unix_hint_is_utc() {
    let s = dates::parse_with_hint("1770719520", Some("%s"), fetched(), SEOUL).unwrap();
    assert_eq!(s.instant.to_rfc3339(), "2026-02-10T19:32:00+09:00");
    assert_eq!(s.precision, S);
}
