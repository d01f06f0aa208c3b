//! Unit tests of the store: merge, history, pruning, validators, health and migrations.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use url::Url;

use super::*;
use crate::dates::{Precision, Stamp};
use crate::extract::ListItem;
use crate::fetch::Validators;

const SEOUL: Tz = chrono_tz::Asia::Seoul;

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn stamp(s: &str, precision: Precision) -> Stamp {
    Stamp {
        instant: DateTime::parse_from_rfc3339(s).unwrap(),
        precision,
        label: None,
    }
}

fn li(link: &str, title: &str, date: Option<(&str, Stamp)>) -> ListItem {
    ListItem {
        link: Url::parse(link).unwrap(),
        title: Some(title.to_string()),
        summary: None,
        author: None,
        image: None,
        date_text: date.map(|(text, _)| text.to_string()),
        date: date.map(|(_, s)| s),
        updated: None,
        date_problem: None,
    }
}

#[test]
fn item_time_table() {
    let seen = t("2026-02-11T09:00:00+09:00");
    let cases = [
        (None, "2026-02-11T09:00:00+09:00", false),
        (
            Some(stamp("2026-02-10T19:32:00+09:00", Precision::Minute)),
            "2026-02-10T19:32:00+09:00",
            true,
        ),
        // today's date alone: the first-seen time
        (
            Some(stamp("2026-02-11T00:00:00+09:00", Precision::Day)),
            "2026-02-11T09:00:00+09:00",
            true,
        ),
        // an earlier day: its midnight in the zone
        (
            Some(stamp("2026-02-09T00:00:00+09:00", Precision::Day)),
            "2026-02-09T00:00:00+09:00",
            true,
        ),
    ];
    for (date, want, printed) in cases {
        let mut item = li("https://x.kr/1", "a", None);
        item.date = date;
        let (at, p) = crate::dates::item_time(item.date.as_ref(), seen, SEOUL);
        assert_eq!((at, p), (t(want), printed), "{date:?}");
    }
}

#[test]
fn merge_keeps_history_and_first_seen() {
    let mut store = Store::in_memory().unwrap();
    let t1 = t("2026-02-11T09:00:00+09:00");
    let t2 = t("2026-02-11T10:00:00+09:00");
    let dated = stamp("2026-02-10T19:32:00+09:00", Precision::Minute);
    let page1 = vec![
        li("https://x.kr/a", "가", Some(("2026.02.10 19:32", dated))),
        li("https://x.kr/b", "나", None),
    ];
    let s = store.merge("f", &page1, &[], t1, SEOUL, 10).unwrap();
    assert_eq!(s, MergeStats { new: 2, changed: 0 });

    // b's title changes, a drops off the page, c arrives without a time
    let page2 = vec![
        li("https://x.kr/c", "다", None),
        li("https://x.kr/b", "나2", None),
    ];
    let s = store.merge("f", &page2, &[], t2, SEOUL, 10).unwrap();
    assert_eq!(s, MergeStats { new: 1, changed: 1 });

    let items = store.feed_items("f", 10, SEOUL).unwrap();
    let got: Vec<(&str, &str, String)> = items
        .iter()
        .map(|i| (i.link.as_str(), i.title.as_str(), i.published.to_rfc3339()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "https://x.kr/c",
                "다",
                "2026-02-11T10:00:00+09:00".to_string()
            ),
            (
                "https://x.kr/b",
                "나2",
                "2026-02-11T09:00:00+09:00".to_string()
            ),
            (
                "https://x.kr/a",
                "가",
                "2026-02-10T19:32:00+09:00".to_string()
            ),
        ]
    );
    assert_eq!(store.feed_items("f", 2, SEOUL).unwrap().len(), 2);
}

#[test]
fn prunes_to_keep_newest() {
    let mut store = Store::in_memory().unwrap();
    let page: Vec<ListItem> = (0..10)
        .map(|i| {
            let s = stamp(
                &format!("2026-02-{:02}T12:00:00+09:00", i + 1),
                Precision::Minute,
            );
            li(&format!("https://x.kr/{i}"), "t", Some(("x", s)))
        })
        .collect();
    store
        .merge("f", &page, &[], t("2026-02-20T00:00:00Z"), SEOUL, 4)
        .unwrap();
    let items = store.feed_items("f", 100, SEOUL).unwrap();
    assert_eq!(items.len(), 4);
}

#[test]
fn validators_health_and_forget() {
    let mut store = Store::in_memory().unwrap();
    let url = Url::parse("https://x.kr/list").unwrap();
    assert_eq!(store.validators("f", &url).unwrap(), None);
    let v = Validators {
        etag: Some("\"abc\"".into()),
        last_modified: Some("Tue, 10 Feb 2026 10:32:00 GMT".into()),
    };
    let now = t("2026-02-11T00:00:00Z");
    store
        .merge(
            "f",
            &[li("https://x.kr/a", "가", None)],
            &[(url.clone(), v.clone())],
            now,
            SEOUL,
            10,
        )
        .unwrap();
    assert_eq!(store.validators("f", &url).unwrap(), Some(v));
    assert_eq!(
        store.validators("g", &url).unwrap(),
        None,
        "validators are per feed"
    );

    let rendered = Rendered {
        key: "k1".into(),
        extraction: "li\u{1e}a".into(),
        files: "f.rss 10 0123456789abcdef".into(),
    };
    store.record_success("f", now, 1, Some(&rendered)).unwrap();
    assert_eq!(store.rendered("f").unwrap(), Some(rendered));
    store.record_failure("f", now, "boom").unwrap();
    store.record_failure("f", now, "boom again").unwrap();
    let h = &store.health().unwrap()[0];
    assert_eq!(h.consecutive_failures, 2);
    assert_eq!(h.last_error.as_deref(), Some("boom again"));
    assert_eq!(h.last_success, Some(now));

    assert_eq!(store.forget("f").unwrap(), 1);
    assert!(store.health().unwrap().is_empty());
    assert_eq!(store.validators("f", &url).unwrap(), None);
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

#[test]
fn reopening_applies_no_migration_twice() {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open(dir.path()).unwrap());
    let store = Store::open(dir.path()).unwrap();
    let v: i64 = store
        .conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, MIGRATIONS.len() as i64);
}

/// A list item whose date text is read as the list reader reads it: its published time, and
/// its updated time.
fn read_li(link: &str, text: &str, now: DateTime<Utc>) -> ListItem {
    use crate::dates::Label;
    let all = crate::dates::parse_all(text, now, SEOUL);
    let mut item = li(link, "제목", None);
    item.date_text = Some(text.to_string());
    item.date = all
        .iter()
        .find(|s| s.label != Some(Label::Updated))
        .copied();
    item.updated = all
        .iter()
        .find(|s| s.label == Some(Label::Updated))
        .copied();
    item
}

/// (link, published, updated) of the feed's items, newest first, as RFC 3339.
fn times(store: &Store) -> Vec<(String, String, Option<String>)> {
    store
        .feed_items("f", 10, SEOUL)
        .unwrap()
        .iter()
        .map(|i| {
            (
                i.link.path().to_string(),
                i.published.to_rfc3339(),
                i.updated.map(|u| u.to_rfc3339()),
            )
        })
        .collect()
}

#[test]
fn list_updated_times_are_stored_and_shown() {
    let mut store = Store::in_memory().unwrap();
    let t1 = t("2026-02-11T09:00:00+09:00");
    let t2 = t("2026-02-11T10:00:00+09:00");
    let t3 = t("2026-02-11T11:00:00+09:00");
    let row =
        |l: &str, p: &str, u: Option<&str>| (l.to_string(), p.to_string(), u.map(String::from));
    let page = vec![
        read_li(
            "https://x.kr/a",
            "입력 2026.02.10 19:32 | 수정 2026.02.11 08:05",
            t1,
        ),
        // not later than published: no updated time
        read_li(
            "https://x.kr/b",
            "입력 2026.02.10 11:31 수정 2026.02.10 11:31",
            t1,
        ),
        read_li(
            "https://x.kr/c",
            "입력 2026.02.10 09:00 수정 2026.02.09 18:00",
            t1,
        ),
        // a date alone on the day first seen is the first-seen time
        read_li(
            "https://x.kr/d",
            "입력 2026.02.10 08:00 | 수정 2026.02.11",
            t1,
        ),
        // relative times are read once
        read_li("https://x.kr/e", "입력 3시간 전 | 수정 1시간 전", t1),
    ];
    store.merge("f", &page, &[], t1, SEOUL, 10).unwrap();
    let first = vec![
        row(
            "/d",
            "2026-02-10T08:00:00+09:00",
            Some("2026-02-11T09:00:00+09:00"),
        ),
        row(
            "/e",
            "2026-02-11T06:00:00+09:00",
            Some("2026-02-11T08:00:00+09:00"),
        ),
        row(
            "/a",
            "2026-02-10T19:32:00+09:00",
            Some("2026-02-11T08:05:00+09:00"),
        ),
        row("/b", "2026-02-10T11:31:00+09:00", None),
        row("/c", "2026-02-10T09:00:00+09:00", None),
    ];
    let (mut got, mut want) = (times(&store), first);
    got.sort();
    want.sort();
    assert_eq!(got, want);

    // a is edited again; the relative one is read an hour later; b's page stops showing 수정
    let page = vec![
        read_li(
            "https://x.kr/a",
            "입력 2026.02.10 19:32 | 수정 2026.02.11 09:40",
            t2,
        ),
        read_li("https://x.kr/e", "입력 4시간 전 | 수정 2시간 전", t2),
    ];
    let stats = store.merge("f", &page, &[], t2, SEOUL, 10).unwrap();
    assert_eq!(stats.changed, 1, "only a changed");
    let got = times(&store);
    assert!(
        got.contains(&row(
            "/a",
            "2026-02-10T19:32:00+09:00",
            Some("2026-02-11T09:40:00+09:00")
        )),
        "{got:?}"
    );
    assert!(
        got.contains(&row(
            "/e",
            "2026-02-11T06:00:00+09:00",
            Some("2026-02-11T08:00:00+09:00")
        )),
        "{got:?}"
    );

    // the article page's updated time outranks the list's; a list without 수정 keeps it
    let a = Url::parse("https://x.kr/a").unwrap();
    let update = super::ArticleUpdate {
        updated: Some(t("2026-02-11T10:10:00+09:00")),
        ..Default::default()
    };
    store.apply_article("f", &a, &update).unwrap();
    for text in [
        "입력 2026.02.10 19:32 | 수정 2026.02.11 10:30",
        "입력 2026.02.10 19:32",
    ] {
        store
            .merge("f", &[read_li(a.as_str(), text, t3)], &[], t3, SEOUL, 10)
            .unwrap();
        let got = times(&store);
        assert!(
            got.contains(&row(
                "/a",
                "2026-02-10T19:32:00+09:00",
                Some("2026-02-11T10:10:00+09:00")
            )),
            "{text}: {got:?}"
        );
    }
}
