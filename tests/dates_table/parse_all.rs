//! `parse_all`: every time in a text, in text order, with its label.

use crate::support::*;

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
