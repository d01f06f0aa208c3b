//! Property tests for the JSON list reader and JSON detection: on JSON built from a grammar
//! (news-like keys, odd values, markup, nulls, deep and wide shapes), cut and mutated, served
//! as a body, inside a script or as a `window.X = …` assignment, they never panic, give only
//! absolute http(s) links and bounded titles, and detection's tables read what they found.

use std::path::Path;

use chrono::{TimeZone, Utc};
use feedmill::config::{self, JsonSource};
use feedmill::dates::DateContext;
use feedmill::html::MAX_TITLE;
use feedmill::jsonlist::{detect, read_list};
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;
use serde_json::{Map, Value};
use url::Url;

fn ctx() -> DateContext {
    DateContext {
        fetched_at: Utc.with_ymd_and_hms(2026, 2, 11, 0, 0, 0).unwrap(),
        zone: chrono_tz::Asia::Seoul,
    }
}

fn page_url() -> Url {
    Url::parse("https://news.example.kr/section/list.html?page=1").unwrap()
}

fn source(lines: &str) -> JsonSource {
    let toml =
        format!("[feeds.x]\ntitle = \"X\"\nurl = \"https://a.test/\"\n[feeds.x.json]\n{lines}\n");
    config::parse(&toml, Path::new("feeds.toml")).unwrap().feeds[0]
        .json
        .clone()
        .unwrap()
}

/// Tables a feed might have for such JSON.
fn sources() -> Vec<JsonSource> {
    [
        "items = \"list\"",
        "items = \".\"",
        "items = \"data.list\"\nlink = \"url\"\ntitle = \"title\"\ndate = \"date\"\nimage = \"img.src\"\nauthor = \"authors\"",
        "items = \"list[0]\"\nlink = \"url\"\ntitle = \"title[1]\"",
        "script = \"script\"\nitems = \"list\"",
        "assignment = \"__S__\"\nitems = \"data.list\"",
    ]
    .iter()
    .map(|l| source(l))
    .collect()
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("url".to_string()),
        Just("title".to_string()),
        Just("date".to_string()),
        Just("summary".to_string()),
        Just("img".to_string()),
        Just("src".to_string()),
        Just("authors".to_string()),
        Just("list".to_string()),
        Just("data".to_string()),
        "[a-z가-힣_.\\[\\]\"]{0,8}",
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        Just(Value::from(1_770_719_520_i64)),
        Just(Value::from(1_770_719_520_000_i64)),
        Just(Value::from("2026.02.10 19:32")),
        Just(Value::from("/news/articleView.html?idxno=167480")),
        Just(Value::from("//img.example.kr/a.jpg")),
        Just(Value::from("javascript:alert(1)")),
        Just(Value::from("https://news.example.kr/a?utm_source=x#frag")),
        Just(Value::from(
            "<b>반도체</b> &quot;수출&quot; <script>x</script>"
        )),
        "\\PC{0,40}".prop_map(Value::from),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(6, 120, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// The JSON as a page ships it, sometimes cut or with a byte changed.
fn page() -> impl Strategy<Value = String> {
    (value(), 0usize..4, any::<u16>(), any::<char>()).prop_map(|(v, how, at, c)| {
        let json = serde_json::json!({"data": {"list": [v.clone(), v.clone(), v]}}).to_string();
        let mut json = match how {
            0 => json,
            1 => format!("<html><body><script id=\"__NEXT_DATA__\" type=\"application/json\">{json}</script></body></html>"),
            2 => format!("<script>window.__S__ = {json};</script>"),
            _ => json,
        };
        if at % 3 == 0 && !json.is_empty() {
            let mut cut = (at as usize) % json.len();
            while !json.is_char_boundary(cut) {
                cut -= 1;
            }
            json.truncate(cut);
            json.push(c);
        }
        json
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn read_list_never_panics_and_gives_absolute_links(text in page()) {
        for s in &sources() {
            let Ok((page, _)) = read_list(&text, Some("application/json"), &page_url(), s, ctx()) else {
                continue;
            };
            for item in &page.items {
                prop_assert!(matches!(item.link.scheme(), "http" | "https"), "{}", item.link);
                if let Some(t) = &item.title {
                    prop_assert!(t.chars().count() <= MAX_TITLE + 1);
                }
            }
        }
    }

    #[test]
    fn detected_tables_read_what_they_found(text in page()) {
        for c in detect(&text, &page_url(), ctx()) {
            prop_assert!(c.score.is_finite());
            let read = read_list(&text, None, &page_url(), &c.source, ctx());
            prop_assert!(read.is_ok(), "{}: {:?}", c.table("x"), read.err());
        }
    }
}
