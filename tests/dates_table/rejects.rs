//! What is no date: far in the future, before 1990, garbage, impossible dates; and what is
//! clamped to the fetch time.

use chrono::DateTime;
use feedmill::dates::{self, Reject};

use crate::support::*;

#[test]
fn rejects_far_future() {
    let e = reject("2026-02-13 10:00");
    assert_eq!(
        e,
        Reject::InFuture(DateTime::parse_from_rfc3339("2026-02-13T10:00:00+09:00").unwrap())
    );
    assert!(e.to_string().contains("2026-02-13T10:00:00+09:00"));
    assert!(matches!(reject("2027.01.01"), Reject::InFuture(_)));
    // Just past a day after the fetch.
    assert!(matches!(
        reject("2026-02-12T09:00:01+09:00"),
        Reject::InFuture(_)
    ));
    assert!(matches!(reject("9999999999"), Reject::InFuture(_)));
    // Tomorrow at 10:00 is 25 hours after the fetch, not yesterday 10:00.
    assert_eq!(
        reject("내일 10:00"),
        Reject::InFuture(DateTime::parse_from_rfc3339("2026-02-12T10:00:00+09:00").unwrap())
    );
    // A yearless date on the day after the fetch is this year's, and so 25
    // hours ahead, not 2025-02-12.
    assert_eq!(
        reject("02.12 10:00"),
        Reject::InFuture(DateTime::parse_from_rfc3339("2026-02-12T10:00:00+09:00").unwrap())
    );
    assert_eq!(dates::parse("2027.01.01", fetched(), SEOUL), None);
}

#[test]
fn rejects_before_1990() {
    // Absurd relative times gave years such as -9382 (and offsets such as
    // Seoul's local mean time, +08:28), which RSS and Atom cannot carry.
    for text in [
        "99999999시간 전",
        "9999999999분 전",
        "99999999999999999999999년 전",
        "18446744073709551615주 전",
        "99999999999999999999 hours 99999999999 days ago",
        "40년 전",
        "1900.01.01",
        "1989-12-31 23:59",
        "1989-12-31T23:59:59+09:00",
        "Dec 31, 1989",
        "0000000000",
        "입력 1900.01.01 19:32",
    ] {
        assert_eq!(reject(text), Reject::TooOld, "{text:?}");
    }
    assert_eq!(
        Reject::TooOld.to_string(),
        "before 1990: not a plausible article time"
    );
    assert_eq!(dates::EARLIEST_YEAR, 1990);
    assert!(dates::parse_all("9999999999분 전 1900.01.01", fetched(), SEOUL).is_empty());
    // The bound is on the zone's calendar.
    let s = dates::parse("1990.01.01", fetched(), SEOUL).unwrap();
    assert_eq!(s.instant.to_rfc3339(), "1990-01-01T00:00:00+09:00");
    let s = dates::parse("1989-12-31T20:00:00Z", fetched(), SEOUL).unwrap();
    assert_eq!(s.instant.to_rfc3339(), "1990-01-01T05:00:00+09:00");
    assert!(dates::parse("35년 전", fetched(), SEOUL).is_some());
    // A hinted time too.
    assert_eq!(
        dates::parse_with_hint("01/01/1900", Some("%d/%m/%Y"), fetched(), SEOUL),
        Err(Reject::TooOld)
    );
}

#[test]
fn clamps_up_to_a_day_ahead() {
    let at = dates::parse("2026-02-12T09:00:00+09:00", fetched(), SEOUL).unwrap();
    assert_eq!(at.instant.to_rfc3339(), "2026-02-11T09:00:00+09:00");
    let soon = dates::parse("2026-02-11 09:01", fetched(), SEOUL).unwrap();
    assert_eq!(soon.instant, fetched().fixed_offset());
}

#[test]
fn rejects_garbage() {
    for text in [
        "",
        "   ",
        "hello world",
        "기자",
        "황혜영 기자 | 사회",
        "123",
        "조회수 1234",
        "02-1234-5678",
        "1.5",
        "v1.2.3",
        "3 apples",
        "전국 3일",
        "12345678901",
        "12345678",
        "20201323",
        // A date part that cannot be read makes no date, rather than a
        // clock time on the fetch day.
        "2020112T11:02:35Z",
        "T11:02:35Z",
        "2026.02 19:32",
        "2026-02 19:32",
        "2026.02. 19:32",
        "2026.02 오후 7:32",
    ] {
        assert_eq!(reject(text), Reject::NotADate, "{text:?}");
    }
    assert_eq!(
        Reject::NotADate.to_string(),
        "no date or time found in the text"
    );
}

#[test]
fn rejects_impossible_dates() {
    for text in [
        "2026.13.45",
        "2026.13.45 19:32",
        "2026-02-30",
        "2026.02.10 25:00",
        "2026.02.10 24:30",
        "2026.02.10 19:60",
        "2026-02-10 19:32:61",
        "2월 30일",
        "13.01 10:00",
        "2026년 13월 1일",
        "20200230",
        "20201323T110235Z",
        "20201123T256000Z",
    ] {
        assert_eq!(reject(text), Reject::OutOfRange, "{text:?}");
    }
    assert!(!Reject::OutOfRange.to_string().is_empty());
}
