//! The merge plan, table by table: what a row becomes given what the store knew.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use url::Url;

use super::*;
use crate::dates::{Precision, Stamp};

const SEOUL: Tz = chrono_tz::Asia::Seoul;

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn li(link: &str, title: Option<&str>, date: Option<&str>) -> ListItem {
    ListItem {
        link: Url::parse(link).unwrap(),
        title: title.map(str::to_string),
        summary: None,
        author: None,
        image: None,
        date_text: date.map(|_| "2026.02.10 19:32".to_string()),
        date: date.map(|d| Stamp {
            instant: DateTime::parse_from_rfc3339(d).unwrap(),
            precision: Precision::Minute,
            label: None,
        }),
        updated: None,
        date_problem: None,
    }
}

fn known(title: &str, first_seen: DateTime<Utc>, article_fields: &str) -> KnownItem {
    KnownItem {
        title: title.into(),
        summary: Some("요약".into()),
        author: None,
        image: None,
        published: first_seen.timestamp_millis(),
        printed: false,
        first_seen: first_seen.timestamp_millis(),
        article_fields: article_fields.into(),
        updated: None,
    }
}

#[test]
fn new_and_known_rows() {
    let seen = t("2026-02-11T09:00:00+09:00");
    let now = t("2026-02-11T10:00:00+09:00");
    let items = [
        li(
            "https://x.kr/new",
            Some("새"),
            Some("2026-02-10T19:32:00+09:00"),
        ),
        li("https://x.kr/old", Some("바뀐 제목"), None),
        li("https://x.kr/same", None, None),
    ];
    let known_rows = HashMap::from([
        ("https://x.kr/old".to_string(), known("옛 제목", seen, "")),
        ("https://x.kr/same".to_string(), known("그대로", seen, "")),
    ]);
    let plan = plan_merge(&items, known_rows, now, SEOUL, 10);
    assert_eq!(plan.changed, 1, "only the retitled item changed");
    let got: Vec<(&str, &str, i64, i64, bool, bool)> = plan
        .rows
        .iter()
        .map(|r| {
            (
                r.link.as_str(),
                r.title.as_str(),
                r.first_seen,
                r.page_order,
                r.printed,
                r.new,
            )
        })
        .collect();
    let (s, n) = (seen.timestamp_millis(), now.timestamp_millis());
    assert_eq!(
        got,
        vec![
            ("https://x.kr/new", "새", n, 0, true, true),
            ("https://x.kr/old", "바뀐 제목", s, 1, false, false),
            // no title on the page: the known one stays
            ("https://x.kr/same", "그대로", s, 2, false, false),
        ]
    );
    assert_eq!(
        plan.rows[0].published,
        t("2026-02-10T19:32:00+09:00").timestamp_millis()
    );
    assert_eq!(
        plan.rows[1].summary.as_deref(),
        Some("요약"),
        "a field the page stopped showing stays"
    );
}

#[test]
fn the_article_page_outranks_the_list() {
    let seen = t("2026-02-11T09:00:00+09:00");
    let mut k = known("기사 제목", seen, "title summary published");
    k.published = t("2026-02-10T08:00:00+09:00").timestamp_millis();
    k.printed = true;
    let mut item = li(
        "https://x.kr/a",
        Some("목록 제목"),
        Some("2026-02-10T19:32:00+09:00"),
    );
    item.summary = Some("목록 요약".into());
    let plan = plan_merge(
        &[item],
        HashMap::from([("https://x.kr/a".to_string(), k.clone())]),
        seen,
        SEOUL,
        10,
    );
    let row = &plan.rows[0];
    assert_eq!(row.title, "기사 제목");
    assert_eq!(row.summary.as_deref(), Some("요약"));
    assert_eq!(row.published, k.published);
    assert_eq!(plan.changed, 0);
}

#[test]
fn a_link_shown_twice_is_one_row_merged_twice() {
    let now = t("2026-02-11T10:00:00+09:00");
    let items = [
        li("https://x.kr/a", Some("첫"), None),
        li("https://x.kr/b", Some("나"), None),
        li("https://x.kr/a", Some("둘"), None),
    ];
    let plan = plan_merge(&items, HashMap::new(), now, SEOUL, 10);
    assert_eq!(plan.rows.len(), 2);
    assert_eq!(plan.rows[0].title, "둘", "the later occurrence wins");
    assert_eq!(plan.rows[0].page_order, 2);
    assert!(plan.rows[0].new, "still inserted: the store held no row");
    assert_eq!(plan.changed, 1, "the second occurrence changed the title");
}

#[test]
fn only_the_first_keep_items_are_merged() {
    let now = t("2026-02-11T10:00:00+09:00");
    let items: Vec<ListItem> = (0..5)
        .map(|i| li(&format!("https://x.kr/{i}"), Some("t"), None))
        .collect();
    let plan = plan_merge(&items, HashMap::new(), now, SEOUL, 3);
    assert_eq!(plan.rows.len(), 3);
    assert_eq!(merged_links(&items, 3).len(), 3);
    assert!(plan_merge(&items, HashMap::new(), now, SEOUL, 0)
        .rows
        .is_empty());
}
