//! Table-driven tests for `feedmill::dates`: every form the normaliser must
//! read, with the exact instant, precision and label expected.

use chrono::{DateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use feedmill::dates::{self, Label, Precision, Reject};

const SEOUL: Tz = chrono_tz::Asia::Seoul;
const NEW_YORK: Tz = chrono_tz::America::New_York;

const S: Precision = Precision::Second;
const M: Precision = Precision::Minute;
const D: Precision = Precision::Day;
const P: Option<Label> = Some(Label::Published);
const U: Option<Label> = Some(Label::Updated);
const N: Option<Label> = None;

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("test instant")
        .with_timezone(&Utc)
}

/// 2026-02-11 09:00 KST, the fetch time of every case in [`CASES`].
fn fetched() -> DateTime<Utc> {
    utc("2026-02-11T09:00:00+09:00")
}

/// (text, instant as RFC 3339, precision, label), fetched at 2026-02-11
/// 09:00 KST, zone Asia/Seoul.
const CASES: &[(&str, &str, Precision, Option<Label>)] = &[
    // Absolute with offset.
    ("2026-02-10T10:32:00Z", "2026-02-10T19:32:00+09:00", S, N),
    (
        "2026-02-10T19:32:00+09:00",
        "2026-02-10T19:32:00+09:00",
        S,
        N,
    ),
    (
        "Tue, 10 Feb 2026 10:32:00 GMT",
        "2026-02-10T19:32:00+09:00",
        S,
        N,
    ),
    (
        "Tue, 10 Feb 2026 19:32:00 +0900",
        "2026-02-10T19:32:00+09:00",
        S,
        N,
    ),
    (
        "Tue, 10 Feb 2026 10:32:00 +0000",
        "2026-02-10T19:32:00+09:00",
        S,
        N,
    ),
    (
        "Tue, 10 Feb 2026 05:32:00 EST",
        "2026-02-10T19:32:00+09:00",
        S,
        N,
    ),
    (
        "2026-02-10T19:32:00.000+0900",
        "2026-02-10T19:32:00+09:00",
        S,
        N,
    ),
    (
        "2026-02-10T10:32:00.5Z",
        "2026-02-10T19:32:00.500+09:00",
        S,
        N,
    ),
    (
        "2026-02-10T05:32:00-05:00",
        "2026-02-10T19:32:00+09:00",
        S,
        N,
    ),
    ("2026-02-10T10:32Z", "2026-02-10T19:32:00+09:00", M, N),
    ("2026-02-10 10:32 UTC", "2026-02-10T19:32:00+09:00", M, N),
    ("2026-02-10 19:32 KST", "2026-02-10T19:32:00+09:00", M, N),
    ("2026-02-10 10:32 GMT+9", "2026-02-10T10:32:00+09:00", M, N),
    ("2026-02-10 05:32 EST", "2026-02-10T19:32:00+09:00", M, N),
    ("2026-02-10 06:32 EDT", "2026-02-10T19:32:00+09:00", M, N),
    ("2026-02-10 11:32 CET", "2026-02-10T19:32:00+09:00", M, N),
    ("2026-02-10 12:32 CEST", "2026-02-10T19:32:00+09:00", M, N),
    ("2026-02-10 02:32 PST", "2026-02-10T19:32:00+09:00", M, N),
    ("2026-02-10 03:32 PDT", "2026-02-10T19:32:00+09:00", M, N),
    ("2026-02-10 19:32 JST", "2026-02-10T19:32:00+09:00", M, N),
    (
        "Feb 10, 2026 4:32 AM EST",
        "2026-02-10T18:32:00+09:00",
        M,
        N,
    ),
    ("2026-02-10 19:32 (KST)", "2026-02-10T19:32:00+09:00", M, N),
    (
        "2026-02-10 19:32:00+0900 (KST)",
        "2026-02-10T19:32:00+09:00",
        S,
        N,
    ),
    // ISO-like without offset: the configured zone.
    ("2026-02-10T19:32:07", "2026-02-10T19:32:07+09:00", S, N),
    ("2026-02-10 19:32:07", "2026-02-10T19:32:07+09:00", S, N),
    ("2026-02-10 19:32", "2026-02-10T19:32:00+09:00", M, N),
    (
        "2026-02-10 19:32:00.123",
        "2026-02-10T19:32:00.123+09:00",
        S,
        N,
    ),
    ("2026-02-10\t19:32", "2026-02-10T19:32:00+09:00", M, N),
    ("   2026-02-10 19:32   ", "2026-02-10T19:32:00+09:00", M, N),
    // Dotted, slashed, two-digit years.
    ("2026.02.10 19:32", "2026-02-10T19:32:00+09:00", M, N),
    ("2026.02.10. 19:32", "2026-02-10T19:32:00+09:00", M, N),
    ("2026. 2. 10. 19:32", "2026-02-10T19:32:00+09:00", M, N),
    ("2026. 02. 10 19:32", "2026-02-10T19:32:00+09:00", M, N),
    ("2026/02/10 19:32", "2026-02-10T19:32:00+09:00", M, N),
    ("26.02.10 19:32", "2026-02-10T19:32:00+09:00", M, N),
    ("2026.02.10 19:32:05", "2026-02-10T19:32:05+09:00", S, N),
    ("2026/2/10 7:32 pm", "2026-02-10T19:32:00+09:00", M, N),
    // Korean year/month/day.
    ("2026년 02월 10일 19:32", "2026-02-10T19:32:00+09:00", M, N),
    ("2026년02월10일 19:32", "2026-02-10T19:32:00+09:00", M, N),
    (
        "2026년 2월 10일 오후 7시 32분",
        "2026-02-10T19:32:00+09:00",
        M,
        N,
    ),
    (
        "2026년 2월 10일 화요일 오후 7시 32분",
        "2026-02-10T19:32:00+09:00",
        M,
        N,
    ),
    (
        "2026년 2월 10일(화) 오후 7:32",
        "2026-02-10T19:32:00+09:00",
        M,
        N,
    ),
    ("2026년 2월 10일", "2026-02-10T00:00:00+09:00", D, N),
    ("2026年2月10日 19:32", "2026-02-10T19:32:00+09:00", M, N),
    ("２０２６年２月１０日", "2026-02-10T00:00:00+09:00", D, N),
    (
        "2026.02.10 19시 32분 05초",
        "2026-02-10T19:32:05+09:00",
        S,
        N,
    ),
    // 12-hour clocks.
    ("2026.02.10 오후 7:32", "2026-02-10T19:32:00+09:00", M, N),
    ("2026/02/10 PM 7:32", "2026-02-10T19:32:00+09:00", M, N),
    ("2026.02.10 오전 12:05", "2026-02-10T00:05:00+09:00", M, N),
    ("2026.02.10 오후 12:30", "2026-02-10T12:30:00+09:00", M, N),
    ("2026.02.10 오후 1:00", "2026-02-10T13:00:00+09:00", M, N),
    ("2026.02.10 오전 0:05", "2026-02-10T00:05:00+09:00", M, N),
    ("2026.02.10 오전 12시", "2026-02-10T00:00:00+09:00", M, N),
    ("2026.02.10 오후 12시", "2026-02-10T12:00:00+09:00", M, N),
    ("2026.02.10 오후 7시", "2026-02-10T19:00:00+09:00", M, N),
    ("2026.02.10 오후 7시 반", "2026-02-10T19:30:00+09:00", M, N),
    ("2026.02.10 오후 07:32", "2026-02-10T19:32:00+09:00", M, N),
    ("2026.02.10 AM 7:32", "2026-02-10T07:32:00+09:00", M, N),
    ("2026-02-10 7:32 AM", "2026-02-10T07:32:00+09:00", M, N),
    ("2026-02-10 12:00 AM", "2026-02-10T00:00:00+09:00", M, N),
    ("2026-02-10 12:00 PM", "2026-02-10T12:00:00+09:00", M, N),
    (
        "2026-02-10 오후 07:32:05",
        "2026-02-10T19:32:05+09:00",
        S,
        N,
    ),
    ("Feb 10, 2026, 7:32 p.m.", "2026-02-10T19:32:00+09:00", M, N),
    ("Feb 10, 2026 7:32 P.M.", "2026-02-10T19:32:00+09:00", M, N),
    ("2026-02-10 7:32 a.m.", "2026-02-10T07:32:00+09:00", M, N),
    ("2026-02-10 12:05 a.m.", "2026-02-10T00:05:00+09:00", M, N),
    ("2026-02-10 12:05 p.m.", "2026-02-10T12:05:00+09:00", M, N),
    ("2026-02-10 7:32 p.m", "2026-02-10T19:32:00+09:00", M, N),
    (
        "Feb 10, 2026 7:32 p.m. KST",
        "2026-02-10T19:32:00+09:00",
        M,
        N,
    ),
    ("12:05 a.m.", "2026-02-11T00:05:00+09:00", M, N),
    ("2026.02.10 정오", "2026-02-10T12:00:00+09:00", M, N),
    ("2026.02.10 정오 30분", "2026-02-10T12:30:00+09:00", M, N),
    ("2026.02.10 자정 5분", "2026-02-10T00:05:00+09:00", M, N),
    ("2026-02-10 noon UTC", "2026-02-10T21:00:00+09:00", M, N),
    // 낮 (daytime): 12 and 1 to 6 are afternoon, 7 to 11 morning; 밤 (night):
    // 6 to 11 are evening, 12 is midnight (as 자정 and 오전 12시, at the start
    // of the printed day), 1 to 5 are the small hours.
    ("2026.02.10 낮 12:30", "2026-02-10T12:30:00+09:00", M, N),
    ("2026.02.10 낮 2시", "2026-02-10T14:00:00+09:00", M, N),
    ("2026.02.10 낮 11시 30분", "2026-02-10T11:30:00+09:00", M, N),
    ("2026.02.10 밤 11:30", "2026-02-10T23:30:00+09:00", M, N),
    ("2026.02.10 밤 9시 15분", "2026-02-10T21:15:00+09:00", M, N),
    ("2026.02.10 밤 12시", "2026-02-10T00:00:00+09:00", M, N),
    ("2026.02.10 밤 1:10", "2026-02-10T01:10:00+09:00", M, N),
    ("2026년 2월 10일 밤 11시", "2026-02-10T23:00:00+09:00", M, N),
    ("2026.02.10 자정", "2026-02-10T00:00:00+09:00", M, N),
    ("2026.02.10 24:00", "2026-02-11T00:00:00+09:00", M, N),
    // Published labels.
    ("입력 2026.02.10 19:32", "2026-02-10T19:32:00+09:00", M, P),
    (
        "기사입력 : 2026년02월10일 19:32",
        "2026-02-10T19:32:00+09:00",
        M,
        P,
    ),
    (
        "최초입력 2026.02.10 19:32",
        "2026-02-10T19:32:00+09:00",
        M,
        P,
    ),
    ("등록 2026.02.10 19:32", "2026-02-10T19:32:00+09:00", M, P),
    ("등록일 2026.02.10 19:32", "2026-02-10T19:32:00+09:00", M, P),
    ("승인 2026.02.10 19:32", "2026-02-10T19:32:00+09:00", M, P),
    ("게재 2026.02.10 19:32", "2026-02-10T19:32:00+09:00", M, P),
    (
        "게재 일시 : 2026-02-10 19:32",
        "2026-02-10T19:32:00+09:00",
        M,
        P,
    ),
    ("발행 2026.02.10 19:32", "2026-02-10T19:32:00+09:00", M, P),
    ("송고 2026.02.10 19:32", "2026-02-10T19:32:00+09:00", M, P),
    (
        "송고시간2026-02-10 19:32",
        "2026-02-10T19:32:00+09:00",
        M,
        P,
    ),
    ("게시 2026.02.10 19:32", "2026-02-10T19:32:00+09:00", M, P),
    ("작성 2026.02.10 19:32", "2026-02-10T19:32:00+09:00", M, P),
    ("작성일 2026.02.10", "2026-02-10T00:00:00+09:00", D, P),
    (
        "입력시간 : 2026.02.10 19:32",
        "2026-02-10T19:32:00+09:00",
        M,
        P,
    ),
    ("[입력] 2026.02.10 19:32", "2026-02-10T19:32:00+09:00", M, P),
    ("Posted 2026-02-10 19:32", "2026-02-10T19:32:00+09:00", M, P),
    (
        "Published: 2026-02-10T19:32:00+09:00",
        "2026-02-10T19:32:00+09:00",
        S,
        P,
    ),
    ("입력 3시간 전", "2026-02-11T06:00:00+09:00", M, P),
    (
        "입력2026.02.10. 오후 7:32 기사원문",
        "2026-02-10T19:32:00+09:00",
        M,
        P,
    ),
    (
        "기사입력 2026.02.10. 오후 7:32",
        "2026-02-10T19:32:00+09:00",
        M,
        P,
    ),
    (
        "입력 : 2026-02-10 오후 7:32:05",
        "2026-02-10T19:32:05+09:00",
        S,
        P,
    ),
    (
        "송고시간 | 2026-02-10 19:32",
        "2026-02-10T19:32:00+09:00",
        M,
        P,
    ),
    // Updated labels.
    ("수정 2026.02.11 08:05", "2026-02-11T08:05:00+09:00", M, U),
    (
        "최종수정 2026.02.11 08:05",
        "2026-02-11T08:05:00+09:00",
        M,
        U,
    ),
    ("수정일 2026.02.11 08:05", "2026-02-11T08:05:00+09:00", M, U),
    (
        "업데이트 2026.02.11 08:05",
        "2026-02-11T08:05:00+09:00",
        M,
        U,
    ),
    ("갱신 2026.02.11 08:05", "2026-02-11T08:05:00+09:00", M, U),
    (
        "Updated 2026-02-11 08:05",
        "2026-02-11T08:05:00+09:00",
        M,
        U,
    ),
    (
        "Modified: 2026-02-11 08:05",
        "2026-02-11T08:05:00+09:00",
        M,
        U,
    ),
    (
        "최종 업데이트 2026.02.11 08:05",
        "2026-02-11T08:05:00+09:00",
        M,
        U,
    ),
    (
        "Last updated: Feb 11, 2026 8:05 AM",
        "2026-02-11T08:05:00+09:00",
        M,
        U,
    ),
    ("Updated 5 mins ago", "2026-02-11T08:55:00+09:00", M, U),
    ("수정 어제 14:20", "2026-02-10T14:20:00+09:00", M, U),
    // Both in one string: `parse` gives the published one.
    (
        "입력 2026.02.10 19:32 | 수정 2026.02.11 08:05",
        "2026-02-10T19:32:00+09:00",
        M,
        P,
    ),
    (
        "기사입력 2026-02-10 오후 7:32 최종수정 2026-02-11 오전 8:05",
        "2026-02-10T19:32:00+09:00",
        M,
        P,
    ),
    (
        "수정 2026.02.11 08:05 입력 2026.02.10 19:32",
        "2026-02-10T19:32:00+09:00",
        M,
        P,
    ),
    // Noise around.
    (
        "사회 | 황혜영 기자 | 2026-02-10 19:32",
        "2026-02-10T19:32:00+09:00",
        M,
        N,
    ),
    (
        "…기자 2026.02.10 19:32:05",
        "2026-02-10T19:32:05+09:00",
        S,
        N,
    ),
    ("(2026.02.10 19:32)", "2026-02-10T19:32:00+09:00", M, N),
    ("[2026-02-10]", "2026-02-10T00:00:00+09:00", D, N),
    ("2026.02.10 (화) 19:32", "2026-02-10T19:32:00+09:00", M, N),
    ("2026.02.10 (월) 19:32", "2026-02-10T19:32:00+09:00", M, N),
    ("2026.02.10(화)", "2026-02-10T00:00:00+09:00", D, N),
    (
        "조회 1234 | 2026.02.10 19:32",
        "2026-02-10T19:32:00+09:00",
        M,
        N,
    ),
    ("댓글 3 · 2026-02-10", "2026-02-10T00:00:00+09:00", D, N),
    // A date and a time apart: a separator (`|`, `/`, a middle dot) between
    // them, or the time first.
    ("2026.02.10 | 19:32", "2026-02-10T19:32:00+09:00", M, N),
    ("2026.02.10·19:32", "2026-02-10T19:32:00+09:00", M, N),
    ("2026.02.10 · 19:32", "2026-02-10T19:32:00+09:00", M, N),
    ("2026.02.10ㆍ19:32", "2026-02-10T19:32:00+09:00", M, N),
    ("2026-02-10 / 19:32", "2026-02-10T19:32:00+09:00", M, N),
    ("2026.02.10 | 19:32:05", "2026-02-10T19:32:05+09:00", S, N),
    ("2026.02.10 | 오후 7:32", "2026-02-10T19:32:00+09:00", M, N),
    ("2026년 2월 10일 | 19:32", "2026-02-10T19:32:00+09:00", M, N),
    ("Feb 10, 2026 · 7:32 PM", "2026-02-10T19:32:00+09:00", M, N),
    ("19:32 | 2026.02.10", "2026-02-10T19:32:00+09:00", M, N),
    ("19:32 2026.02.10", "2026-02-10T19:32:00+09:00", M, N),
    ("19:32 · 2026-02-10", "2026-02-10T19:32:00+09:00", M, N),
    ("오후 7:32 | 2026.02.10", "2026-02-10T19:32:00+09:00", M, N),
    ("7:32 PM, Feb 10, 2026", "2026-02-10T19:32:00+09:00", M, N),
    ("입력 19:32 | 2026.02.10", "2026-02-10T19:32:00+09:00", M, P),
    // An hour alone after a separator is not believed (`| 3시` may be anything).
    ("2026.02.10 | 3시", "2026-02-10T00:00:00+09:00", D, N),
    // No year.
    ("02.10 19:32", "2026-02-10T19:32:00+09:00", M, N),
    ("02-10 19:32", "2026-02-10T19:32:00+09:00", M, N),
    ("2/10 19:32", "2026-02-10T19:32:00+09:00", M, N),
    ("02.10. 19:32", "2026-02-10T19:32:00+09:00", M, N),
    ("2월 10일", "2026-02-10T00:00:00+09:00", D, N),
    ("2월 10일 오후 7:32", "2026-02-10T19:32:00+09:00", M, N),
    ("12.31 23:50", "2025-12-31T23:50:00+09:00", M, N),
    // A yearless date is this year's up to the day after the fetch, and then
    // clamped like a full date (`02.12 10:00`, 25 hours ahead, is rejected as
    // in the future, like `2026-02-12 10:00`); a later one is last year's.
    ("02.11 09:15", "2026-02-11T09:00:00+09:00", M, N),
    ("02.12 08:00", "2026-02-11T09:00:00+09:00", M, N),
    ("2월 12일", "2026-02-11T09:00:00+09:00", D, N),
    ("02.13 10:00", "2025-02-13T10:00:00+09:00", M, N),
    // Date only.
    ("2026.02.10", "2026-02-10T00:00:00+09:00", D, N),
    ("2026-02-10", "2026-02-10T00:00:00+09:00", D, N),
    ("2026.2.10", "2026-02-10T00:00:00+09:00", D, N),
    ("26.02.10", "2026-02-10T00:00:00+09:00", D, N),
    ("2026-02-11", "2026-02-11T00:00:00+09:00", D, N),
    ("Feb 10, 2026", "2026-02-10T00:00:00+09:00", D, N),
    ("10.02.2026 19:32", "2026-02-10T19:32:00+09:00", M, N),
    ("2/10/2026", "2026-02-10T00:00:00+09:00", D, N),
    ("10-02-2026", "2026-02-10T00:00:00+09:00", D, N),
    (
        "Tue Feb 10 2026 19:32:00 GMT+0900 (Korean Standard Time)",
        "2026-02-10T19:32:00+09:00",
        S,
        N,
    ),
    (
        "Posted on February 10, 2026 by admin",
        "2026-02-10T00:00:00+09:00",
        D,
        P,
    ),
    ("10 Feb 2026", "2026-02-10T00:00:00+09:00", D, N),
    (
        "Tuesday, February 10th, 2026",
        "2026-02-10T00:00:00+09:00",
        D,
        N,
    ),
    ("Feb 10, 2026 7:32 PM", "2026-02-10T19:32:00+09:00", M, N),
    (
        "February 10, 2026 at 7:32 PM",
        "2026-02-10T19:32:00+09:00",
        M,
        N,
    ),
    ("10 February 2026 19:32", "2026-02-10T19:32:00+09:00", M, N),
    // Relative, Korean.
    ("방금", "2026-02-11T09:00:00+09:00", M, N),
    ("방금 전", "2026-02-11T09:00:00+09:00", M, N),
    ("지금", "2026-02-11T09:00:00+09:00", M, N),
    ("10초 전", "2026-02-11T08:59:50+09:00", M, N),
    ("30초 전", "2026-02-11T08:59:30+09:00", M, N),
    ("15분 전", "2026-02-11T08:45:00+09:00", M, N),
    ("15분전", "2026-02-11T08:45:00+09:00", M, N),
    ("3시간 전", "2026-02-11T06:00:00+09:00", M, N),
    ("3시간전", "2026-02-11T06:00:00+09:00", M, N),
    ("1시간 30분 전", "2026-02-11T07:30:00+09:00", M, N),
    ("2일 전", "2026-02-09T09:00:00+09:00", M, N),
    ("3일전", "2026-02-08T09:00:00+09:00", M, N),
    ("10일 전", "2026-02-01T09:00:00+09:00", M, N),
    ("1주 전", "2026-02-04T09:00:00+09:00", M, N),
    ("1주일 전", "2026-02-04T09:00:00+09:00", M, N),
    ("1개월 전", "2026-01-11T09:00:00+09:00", M, N),
    ("1년 전", "2025-02-11T09:00:00+09:00", M, N),
    ("5분 이내", "2026-02-11T08:55:00+09:00", M, N),
    // Counted with native Korean words: `하루` is a day, `일주일` a week,
    // `한 달` a calendar month (as `1개월` is: 2026-01-11, not 30 days).
    ("하루 전", "2026-02-10T09:00:00+09:00", M, N),
    ("하루전", "2026-02-10T09:00:00+09:00", M, N),
    ("이틀 전", "2026-02-09T09:00:00+09:00", M, N),
    ("사흘 전", "2026-02-08T09:00:00+09:00", M, N),
    ("일주일 전", "2026-02-04T09:00:00+09:00", M, N),
    ("한 달 전", "2026-01-11T09:00:00+09:00", M, N),
    ("한달 전", "2026-01-11T09:00:00+09:00", M, N),
    ("두 달 전", "2025-12-11T09:00:00+09:00", M, N),
    ("한 시간 전", "2026-02-11T08:00:00+09:00", M, N),
    ("두 시간 전", "2026-02-11T07:00:00+09:00", M, N),
    ("세 시간 전", "2026-02-11T06:00:00+09:00", M, N),
    ("세시간전", "2026-02-11T06:00:00+09:00", M, N),
    ("네 시간 전", "2026-02-11T05:00:00+09:00", M, N),
    ("열 시간 전", "2026-02-10T23:00:00+09:00", M, N),
    ("한 주 전", "2026-02-04T09:00:00+09:00", M, N),
    ("입력 하루 전", "2026-02-10T09:00:00+09:00", M, P),
    ("1시간 반 전", "2026-02-11T07:30:00+09:00", M, N),
    ("한 시간 반 전", "2026-02-11T07:30:00+09:00", M, N),
    ("1년 반 전", "2024-08-11T09:00:00+09:00", M, N),
    ("어제", "2026-02-10T00:00:00+09:00", D, N),
    ("어제 14:20", "2026-02-10T14:20:00+09:00", M, N),
    ("어제 오후 2:20", "2026-02-10T14:20:00+09:00", M, N),
    ("그제", "2026-02-09T00:00:00+09:00", D, N),
    ("그저께", "2026-02-09T00:00:00+09:00", D, N),
    ("오늘 08:10", "2026-02-11T08:10:00+09:00", M, N),
    // Ten minutes after the fetch: clamped to it.
    ("오늘 09:10", "2026-02-11T09:00:00+09:00", M, N),
    // `내일` (tomorrow) only with a time, under the future rule like a full
    // date: 08:00 tomorrow is 23 hours ahead and clamped; 10:00 tomorrow, 25
    // hours ahead, is rejected as in the future (see `rejects_far_future`).
    ("내일 08:00", "2026-02-11T09:00:00+09:00", M, N),
    ("내일 오전 8시", "2026-02-11T09:00:00+09:00", M, N),
    ("tomorrow at 8:00 AM", "2026-02-11T09:00:00+09:00", M, N),
    ("밤 11:30", "2026-02-10T23:30:00+09:00", M, N),
    ("어제 밤 11:30", "2026-02-10T23:30:00+09:00", M, N),
    ("어제 낮 12:30", "2026-02-10T12:30:00+09:00", M, N),
    // Relative, English.
    ("3 hours ago", "2026-02-11T06:00:00+09:00", M, N),
    ("3 시간 전", "2026-02-11T06:00:00+09:00", M, N),
    ("17시간 전", "2026-02-10T16:00:00+09:00", M, N),
    ("1 day ago", "2026-02-10T09:00:00+09:00", M, N),
    ("yesterday 19:32", "2026-02-10T19:32:00+09:00", M, N),
    ("2 weeks ago", "2026-01-28T09:00:00+09:00", M, N),
    ("yesterday", "2026-02-10T00:00:00+09:00", D, N),
    ("yesterday at 2:20 PM", "2026-02-10T14:20:00+09:00", M, N),
    ("today 08:10", "2026-02-11T08:10:00+09:00", M, N),
    ("just now", "2026-02-11T09:00:00+09:00", M, N),
    ("5 mins ago", "2026-02-11T08:55:00+09:00", M, N),
    ("5m ago", "2026-02-11T08:55:00+09:00", M, N),
    ("2h ago", "2026-02-11T07:00:00+09:00", M, N),
    ("2 days ago", "2026-02-09T09:00:00+09:00", M, N),
    ("an hour ago", "2026-02-11T08:00:00+09:00", M, N),
    ("a minute ago", "2026-02-11T08:59:00+09:00", M, N),
    ("30 seconds ago", "2026-02-11T08:59:30+09:00", M, N),
    // ISO 8601 basic forms.
    ("20201123T110235Z", "2020-11-23T20:02:35+09:00", S, N),
    ("20201123T11:02:35Z", "2020-11-23T20:02:35+09:00", S, N),
    (
        "20201123T110235.250Z",
        "2020-11-23T20:02:35.250+09:00",
        S,
        N,
    ),
    ("20201123T1102Z", "2020-11-23T20:02:00+09:00", M, N),
    ("20201123T110235+0900", "2020-11-23T11:02:35+09:00", S, N),
    ("20201123T110235", "2020-11-23T11:02:35+09:00", S, N),
    ("20201123", "2020-11-23T00:00:00+09:00", D, N),
    // Unix time.
    ("1770719520", "2026-02-10T19:32:00+09:00", S, N),
    ("1770719520000", "2026-02-10T19:32:00+09:00", S, N),
    (" 1770719520 ", "2026-02-10T19:32:00+09:00", S, N),
    // Full-width forms and odd spaces.
    (
        "２０２６．０２．１０ １９：３２",
        "2026-02-10T19:32:00+09:00",
        M,
        N,
    ),
    ("2026.02.10\u{a0}19:32", "2026-02-10T19:32:00+09:00", M, N),
    (
        "입력\u{a0}2026.02.10\u{3000}19:32",
        "2026-02-10T19:32:00+09:00",
        M,
        P,
    ),
    (
        "２０２６－０２－１０Ｔ１０：３２：００Ｚ",
        "2026-02-10T19:32:00+09:00",
        S,
        N,
    ),
    // A clock time alone: today, or yesterday when today's is still ahead.
    ("19:32", "2026-02-10T19:32:00+09:00", M, N),
    ("08:30", "2026-02-11T08:30:00+09:00", M, N),
    ("09:05", "2026-02-11T09:00:00+09:00", M, N),
    ("오후 7:32", "2026-02-10T19:32:00+09:00", M, N),
    ("오전 8:15", "2026-02-11T08:15:00+09:00", M, N),
    // Up to a day after the fetch: clamped to the fetch time.
    ("2026-02-11 09:30", "2026-02-11T09:00:00+09:00", M, N),
    ("2026-02-12 08:00", "2026-02-11T09:00:00+09:00", M, N),
    ("2026-02-12", "2026-02-11T09:00:00+09:00", D, N),
    // Month names and numeric dates in other languages, with their
    // published / updated labels.
    ("15. Februar 2020", "2020-02-15T00:00:00+09:00", D, N),
    ("15. Feb. 2020", "2020-02-15T00:00:00+09:00", D, N),
    ("15.02.2020", "2020-02-15T00:00:00+09:00", D, N),
    (
        "15. Februar 2020, 14:30 Uhr",
        "2020-02-15T14:30:00+09:00",
        M,
        N,
    ),
    ("15.02.2020 um 14:30 Uhr", "2020-02-15T14:30:00+09:00", M, N),
    (
        "Veröffentlicht am 15. Februar 2020, 14:30 Uhr",
        "2020-02-15T14:30:00+09:00",
        M,
        P,
    ),
    (
        "Aktualisiert am 15.02.2020 um 14:30 Uhr",
        "2020-02-15T14:30:00+09:00",
        M,
        U,
    ),
    ("Sonntag, 15. März 2020", "2020-03-15T00:00:00+09:00", D, N),
    ("15. MAI 2020", "2020-05-15T00:00:00+09:00", D, N),
    ("February 15, 2020", "2020-02-15T00:00:00+09:00", D, N),
    ("15 February 2020", "2020-02-15T00:00:00+09:00", D, N),
    ("Feb 15th, 2020", "2020-02-15T00:00:00+09:00", D, N),
    ("15th Feb 2020", "2020-02-15T00:00:00+09:00", D, N),
    (
        "Published 15 February 2020 14:30",
        "2020-02-15T14:30:00+09:00",
        M,
        P,
    ),
    ("Updated Feb 15th, 2020", "2020-02-15T00:00:00+09:00", D, U),
    ("15 février 2020", "2020-02-15T00:00:00+09:00", D, N),
    ("15 févr. 2020", "2020-02-15T00:00:00+09:00", D, N),
    ("1er février 2020", "2020-02-01T00:00:00+09:00", D, N),
    (
        "le 15 février 2020 à 14h30",
        "2020-02-15T14:30:00+09:00",
        M,
        N,
    ),
    (
        "15 FÉVRIER 2020 à 14 h 30",
        "2020-02-15T14:30:00+09:00",
        M,
        N,
    ),
    (
        "Publié le 15 février 2020 à 14h30",
        "2020-02-15T14:30:00+09:00",
        M,
        P,
    ),
    (
        "Mis à jour le 15 février 2020 à 14h30",
        "2020-02-15T14:30:00+09:00",
        M,
        U,
    ),
    ("15 de febrero de 2020", "2020-02-15T00:00:00+09:00", D, N),
    ("15 feb 2020", "2020-02-15T00:00:00+09:00", D, N),
    (
        "Publicado el 15 de febrero de 2020",
        "2020-02-15T00:00:00+09:00",
        D,
        P,
    ),
    (
        "Actualizado 15 de febrero de 2020 14:30",
        "2020-02-15T14:30:00+09:00",
        M,
        U,
    ),
    ("15 febbraio 2020", "2020-02-15T00:00:00+09:00", D, N),
    (
        "Pubblicato il 15 febbraio 2020",
        "2020-02-15T00:00:00+09:00",
        D,
        P,
    ),
    (
        "Aggiornato il 15 febbraio 2020 alle 14:30",
        "2020-02-15T14:30:00+09:00",
        M,
        U,
    ),
    ("15 de fevereiro de 2020", "2020-02-15T00:00:00+09:00", D, N),
    (
        "15 de fevereiro de 2020 às 14:30",
        "2020-02-15T14:30:00+09:00",
        M,
        N,
    ),
    ("15 februari 2020", "2020-02-15T00:00:00+09:00", D, N),
    (
        "15 februari 2020 om 14:30",
        "2020-02-15T14:30:00+09:00",
        M,
        N,
    ),
    ("15 Şubat 2020", "2020-02-15T00:00:00+09:00", D, N),
    (
        "15 Şubat 2020 saat 14:30",
        "2020-02-15T14:30:00+09:00",
        M,
        N,
    ),
    ("15.02.2020, saat 09:05", "2020-02-15T09:05:00+09:00", M, N),
    (
        "Yayınlanma: 15 Şubat 2020 14:30",
        "2020-02-15T14:30:00+09:00",
        M,
        P,
    ),
    (
        "Güncellenme: 15.02.2020 14:30",
        "2020-02-15T14:30:00+09:00",
        M,
        U,
    ),
    ("15 лютого 2020", "2020-02-15T00:00:00+09:00", D, N),
    ("15 лютого 2020 р.", "2020-02-15T00:00:00+09:00", D, N),
    (
        "Опубліковано 15 лютого 2020 р., 14:30",
        "2020-02-15T14:30:00+09:00",
        M,
        P,
    ),
    (
        "Оновлено 15 лютого 2020 14:30",
        "2020-02-15T14:30:00+09:00",
        M,
        U,
    ),
    ("15 февраля 2020", "2020-02-15T00:00:00+09:00", D, N),
    (
        "15 февраля 2020 г., 14:30",
        "2020-02-15T14:30:00+09:00",
        M,
        N,
    ),
    ("15 октября 2020 года", "2020-10-15T00:00:00+09:00", D, N),
    ("15 lutego 2020", "2020-02-15T00:00:00+09:00", D, N),
    ("15 października 2020", "2020-10-15T00:00:00+09:00", D, N),
    ("2020年2月15日", "2020-02-15T00:00:00+09:00", D, N),
    ("2020年2月15日 14:30", "2020-02-15T14:30:00+09:00", M, N),
    ("15/02/2020", "2020-02-15T00:00:00+09:00", D, N),
    (
        "ngày 15 tháng 2 năm 2020",
        "2020-02-15T00:00:00+09:00",
        D,
        N,
    ),
    (
        "Ngày 15 tháng 2 năm 2020 14:30",
        "2020-02-15T14:30:00+09:00",
        M,
        N,
    ),
];

fn check(
    text: &str,
    got: Option<dates::Stamp>,
    want: &str,
    prec: Precision,
    label: Option<Label>,
    zone: Tz,
) -> Option<String> {
    let Some(s) = got else {
        return Some(format!("{text:?}: no stamp, wanted {want}"));
    };
    let zone_offset = zone
        .offset_from_utc_datetime(&s.instant.naive_utc())
        .fix()
        .local_minus_utc();
    if s.instant.to_rfc3339() != want
        || s.precision != prec
        || s.label != label
        || s.instant.offset().local_minus_utc() != zone_offset
    {
        return Some(format!(
            "{text:?}: got {} {:?} {:?}, wanted {want} {prec:?} {label:?}",
            s.instant.to_rfc3339(),
            s.precision,
            s.label
        ));
    }
    None
}

#[test]
fn table() {
    assert!(CASES.len() >= 150, "{} cases", CASES.len());
    let mut failures = Vec::new();
    for &(text, want, prec, label) in CASES {
        let got = dates::parse(text, fetched(), SEOUL);
        failures.extend(check(text, got, want, prec, label, SEOUL));
        let hinted = dates::parse_with_hint(text, None, fetched(), SEOUL).ok();
        assert_eq!(hinted, got, "{text:?}: parse and parse_with_hint differ");
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

fn all(text: &str) -> Vec<(String, Precision, Option<Label>)> {
    dates::parse_all(text, fetched(), SEOUL)
        .into_iter()
        .map(|s| (s.instant.to_rfc3339(), s.precision, s.label))
        .collect()
}

fn row(t: &str, p: Precision, l: Option<Label>) -> (String, Precision, Option<Label>) {
    (t.to_string(), p, l)
}

#[test]
fn parse_all_published_and_updated() {
    assert_eq!(
        all("입력 2026.02.10 19:32 | 수정 2026.02.11 08:05"),
        vec![
            row("2026-02-10T19:32:00+09:00", M, P),
            row("2026-02-11T08:05:00+09:00", M, U),
        ]
    );
    assert_eq!(
        all("기사입력 2026-02-10 오후 7:32 최종수정 2026-02-11 오전 8:05"),
        vec![
            row("2026-02-10T19:32:00+09:00", M, P),
            row("2026-02-11T08:05:00+09:00", M, U),
        ]
    );
    assert_eq!(
        all("Posted Feb 10, 2026 · Updated 3 hours ago"),
        vec![
            row("2026-02-10T00:00:00+09:00", D, P),
            row("2026-02-11T06:00:00+09:00", M, U),
        ]
    );
    // Text order is kept even when the updated time comes first.
    assert_eq!(
        all("수정 2026.02.11 08:05 입력 2026.02.10 19:32"),
        vec![
            row("2026-02-11T08:05:00+09:00", M, U),
            row("2026-02-10T19:32:00+09:00", M, P),
        ]
    );
    // A date and a time apart are one time, in either order.
    assert_eq!(
        all("입력 2026.02.10 | 19:32 · 수정 08:05 | 2026.02.11"),
        vec![
            row("2026-02-10T19:32:00+09:00", M, P),
            row("2026-02-11T08:05:00+09:00", M, U),
        ]
    );
    // Without labels.
    assert_eq!(
        all("2026.02.10 19:32 ~ 2026.02.11 08:05"),
        vec![
            row("2026-02-10T19:32:00+09:00", M, N),
            row("2026-02-11T08:05:00+09:00", M, N),
        ]
    );
}

#[test]
fn parse_all_single_empty_and_rejected() {
    assert_eq!(
        all("2026.02.10 19:32"),
        vec![row("2026-02-10T19:32:00+09:00", M, N)]
    );
    assert!(all("").is_empty());
    assert!(all("아무 날짜도 없는 문자열").is_empty());
    // A time far in the future is left out.
    assert_eq!(
        all("입력 2026.02.10 19:32 수정 2030.01.01 00:00"),
        vec![row("2026-02-10T19:32:00+09:00", M, P)]
    );
}

fn reject(text: &str) -> Reject {
    match dates::parse_with_hint(text, None, fetched(), SEOUL) {
        Ok(s) => panic!("{text:?}: wanted a rejection, got {s:?}"),
        Err(e) => e,
    }
}

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
