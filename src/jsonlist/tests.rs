//! Unit tables for JSON lists: reading with a table, the errors, the bounds, guessing and
//! detection. The pages are the e2e fixtures in tests/fixtures/json/.

use std::path::Path;

use chrono::{DateTime, Utc};
use url::Url;

use super::*;
use crate::config::JsonSource;

const API: &str = include_str!("../../tests/fixtures/json/api_list.json");
const NEXT: &str = include_str!("../../tests/fixtures/json/next_data.html");
const STATE: &str = include_str!("../../tests/fixtures/json/initial_state.html");

fn ctx() -> DateContext {
    DateContext {
        fetched_at: "2026-02-11T00:00:00Z".parse::<DateTime<Utc>>().unwrap(),
        zone: chrono_tz::Asia::Seoul,
    }
}

/// The `[feeds.x.json]` table `lines` makes.
fn source(lines: &str) -> JsonSource {
    let toml =
        format!("[feeds.x]\ntitle = \"X\"\nurl = \"https://a.test/\"\n[feeds.x.json]\n{lines}\n");
    let config = crate::config::parse(&toml, Path::new("feeds.toml")).unwrap();
    config.feeds[0].json.clone().unwrap()
}

fn read(text: &str, url: &str, lines: &str) -> Result<(ListPage, String), JsonListError> {
    read_list(
        text,
        Some("application/json"),
        &Url::parse(url).unwrap(),
        &source(lines),
        ctx(),
    )
}

fn kst(item: &crate::extract::ListItem) -> String {
    item.date
        .map(|d| {
            d.instant
                .with_timezone(&chrono_tz::Asia::Seoul)
                .format("%m-%d %H:%M:%S")
                .to_string()
        })
        .unwrap_or_default()
}

#[test]
fn an_api_list_reads_every_field() {
    let (page, note) = read(
        API,
        "https://www.hanbit.test/api/v1/section/S1N2?page=1",
        r#"items = "data.list"
link = "url"
title = "title"
summary = "summary"
date = "pubDate"
image = "thumb.src"
author = "authors""#,
    )
    .unwrap();
    let got: Vec<(String, String, String)> = page
        .items
        .iter()
        .map(|i| {
            (
                i.link.to_string(),
                kst(i),
                i.title.clone().unwrap_or_default(),
            )
        })
        .collect();
    let want = [
        (
            "https://www.hanbit.test/news/articleView.html?idxno=167480",
            "02-10 19:32:00",
            "반도체 수출, 2월 들어 40% 증가…HBM 효과",
        ),
        (
            "https://www.hanbit.test/news/articleView.html?idxno=167477",
            "02-10 17:15:00",
            "글로벌 공급망 재편…반도체 장비주 강세",
        ),
        (
            "https://www.hanbit.test/news/articleView.html?idxno=167471",
            "02-10 15:05:30",
            "美 고율 관세를 피하라…현지 생산 늘리는 K-배터리",
        ),
        (
            "https://www.hanbit.test/news/articleView.html?idxno=167466",
            "02-10 11:47:00",
            "[속보] 한은, 기준금리 연 2.75% 동결",
        ),
        (
            "https://www.hanbit.test/news/articleView.html?idxno=167460",
            "02-10 08:58:00",
            "코스피, 외국인 매수에 2,600선 회복",
        ),
    ];
    let want: Vec<(String, String, String)> = want
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(got, want);
    let first = &page.items[0];
    // Markup out of the summary, entities decoded, authors joined, image resolved.
    assert_eq!(
        first.summary.as_deref(),
        Some("산업통상자원부는 10일 2월 1~10일 반도체 수출이 전년 같은 기간보다 40% 늘었다고 밝혔다.")
    );
    assert_eq!(first.author.as_deref(), Some("김민준 기자"));
    assert_eq!(
        page.items[2].summary.as_deref(),
        Some("배터리 3사가 북미 공장 증설에 속도를 내고 있다 \"관세 리스크 대비\"")
    );
    assert_eq!(
        page.items[2].author.as_deref(),
        Some("박지훈 기자, 최유나 기자")
    );
    assert_eq!(
        page.items[1].image.as_ref().map(Url::as_str),
        Some("https://www.hanbit.test/news/photo/202602/167477_1_s.jpg")
    );
    assert_eq!(page.items[2].image, None);
    assert_eq!(first.date_text.as_deref(), Some("1770719520"));
    assert!(
        page.warnings
            .contains(&"skipped 1 of 7 items without a link (json.link = \"url\")".to_string()),
        "{:?}",
        page.warnings
    );
    assert_eq!(
        note,
        "JSON list: items = \"data.list\" in the body (7 items); fields: link \u{2190} \"url\", title \u{2190} \"title\", summary \u{2190} \"summary\", date \u{2190} \"pubDate\", image \u{2190} \"thumb.src\", author \u{2190} \"authors\""
    );
}

#[test]
fn only_items_set_chooses_the_fields() {
    let (page, note) = read(API, "https://www.hanbit.test/api", r#"items = "data.list""#).unwrap();
    assert_eq!(page.items.len(), 5);
    assert!(
        note.contains("link \u{2190} \"url\" (chosen from the keys)"),
        "{note}"
    );
    assert!(note.contains("title \u{2190} \"title\" (chosen"), "{note}");
    assert!(note.contains("date \u{2190} \"pubDate\" (chosen"), "{note}");
    assert!(
        note.contains("image \u{2190} \"thumb.src\" (chosen"),
        "{note}"
    );
    assert!(
        note.contains("summary \u{2190} \"summary\" (chosen"),
        "{note}"
    );
    assert!(
        note.contains("author \u{2190} \"authors[0].name\" (chosen"),
        "{note}"
    );
    assert_eq!(kst(&page.items[1]), "02-10 17:15:00");
}

#[test]
fn next_data_and_assignments_are_read_from_the_page() {
    let (page, note) = read(
        NEXT,
        "https://www.saebyeok.test/section/economy",
        r##"script = "#__NEXT_DATA__"
items = "props.pageProps.articles"
link = "url"
title = "title"
date = "publishedAt"
image = "thumbnail.url"
author = "reporter.name""##,
    )
    .unwrap();
    assert_eq!(page.items.len(), 12, "{:?}", page.warnings);
    // `thumbnail: null` is an item without an image, not a path that leads nowhere.
    assert!(page.warnings.is_empty(), "{:?}", page.warnings);
    assert_eq!(
        page.items[0].link.as_str(),
        "https://www.saebyeok.test/article/2026021012345"
    );
    assert_eq!(
        page.items[0].title.as_deref(),
        Some("반도체 수출 석 달째 증가… 정부 \"하반기 회복세\" 전망")
    );
    assert_eq!(kst(&page.items[0]), "02-10 19:32:00");
    assert!(note.contains("in <script id=\"__NEXT_DATA__\">"), "{note}");

    for lines in [
        r#"assignment = "__INITIAL_STATE__"
items = "news.list""#,
        r#"assignment = "window.__INITIAL_STATE__"
items = "news.list"
link = "link"
date = "regDate"
image = "img""#,
    ] {
        let (page, note) = read(STATE, "https://news.hanbit-tv.test/news/society", lines).unwrap();
        assert_eq!(page.items.len(), 7, "{lines}: {:?}", page.warnings);
        assert_eq!(kst(&page.items[0]), "02-10 19:32:00");
        assert_eq!(
            page.items[0].image.as_ref().map(Url::as_str),
            Some("https://img.hanbit-tv.test/news/2026/02/10/N812.jpg")
        );
        assert!(note.contains("`__INITIAL_STATE__` in <script>"), "{note}");
    }
}

#[test]
fn a_script_selector_finds_an_assignment_in_its_text() {
    let page = STATE.replace(
        "<script>\n  window.__INITIAL",
        "<script id=\"state\">\n  window.__INITIAL",
    );
    let (list, note) = read(
        &page,
        "https://news.hanbit-tv.test/",
        "script = \"#state\"\nitems = \"news.list\"",
    )
    .unwrap();
    assert_eq!(list.items.len(), 7);
    assert!(
        note.contains("`__INITIAL_STATE__` in <script id=\"state\">"),
        "{note}"
    );
}

#[test]
fn errors_say_where_and_what_is_there() {
    let url = "https://www.hanbit.test/api";
    let cases: &[(&str, &str, &str)] = &[
        (
            API,
            r#"items = "data.articles""#,
            "json.items = \"data.articles\" leads nowhere: in the body, no key `articles` at `data`; the keys there are `list`, `page`, `section`, `size`, `total`",
        ),
        (
            API,
            r#"items = "data.section""#,
            "json.items = \"data.section\" in the body is an object, not an array of items",
        ),
        (
            API,
            "items = \"data.list\"\nlink = \"url\"\ntitle = \"headline\"",
            "json.title = \"headline\" leads nowhere: in the first item, no key `headline` at the top level; the keys there are `articleId`, `authors`, `pubDate`, `summary`, `tags`, `thumb`, `title`, `url`",
        ),
        (
            API,
            "items = \"data.list\"\nlink = \"url\"\ndate = \"thumb.src.at\"",
            "json.date = \"thumb.src.at\" leads nowhere: in the first item, `thumb.src` is a string, not an object, so it has no key `at`",
        ),
        (
            "<!DOCTYPE html><html><head><title>점검 중</title></head><body>서비스 점검 중입니다</body></html>",
            r#"items = "data.list""#,
            "the page is not JSON (content type application/json; it starts `<!DOCTYPE html><html><head><title>점검 중</title></head><body>서`): expected value at line 1 column 1; it is an HTML page: name the script that holds the list with json.script (like \"#__NEXT_DATA__\") or json.assignment (like \"__INITIAL_STATE__\")",
        ),
        (
            NEXT,
            "script = \"#__NUXT_DATA__\"\nitems = \"a\"",
            "json.script = \"#__NUXT_DATA__\" matches no script on the page (its inline scripts are <script>, <script id=\"__NEXT_DATA__\">)",
        ),
        (
            NEXT,
            "assignment = \"__APOLLO_STATE__\"\nitems = \"a\"",
            "no script on the page assigns `__APOLLO_STATE__` (like `window.__APOLLO_STATE__ = {…}`)",
        ),
        (
            "[{\"id\": 1, \"name\": \"a\"}, {\"id\": 2, \"name\": \"b\"}]",
            "items = \".\"",
            "json.link is not set and no key of the items holds a link (the first item's keys are `id`, `name`); set json.link to the key that holds each article's URL",
        ),
    ];
    for (text, lines, want) in cases {
        let err = read(text, url, lines).expect_err(lines).to_string();
        assert!(err.starts_with(want), "{lines}\n got: {err}\nwant: {want}");
    }
}

#[test]
fn hostile_json_is_bounded() {
    let url = "https://a.test/";
    // 10 MiB of nesting: serde_json stops at 128 levels.
    let deep = "[".repeat(10 << 20);
    let err = read(&deep, url, "items = \".\"").unwrap_err().to_string();
    assert!(err.contains("more than 128 deep"), "{err}");
    // Absurdly nested HTML around the script is refused before parsing.
    let page = format!("{}<script id=\"d\">[]</script>", "<div>".repeat(100_000));
    let err = read(&page, url, "script = \"#d\"\nitems = \".\"")
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("the page nests its elements"), "{err}");
    assert!(detect(&page, &Url::parse(url).unwrap(), ctx()).is_empty());
    // A huge array: the first MAX_LIST_ITEMS items are read.
    let items: Vec<String> = (0..MAX_LIST_ITEMS + 500)
        .map(|i| format!("{{\"url\":\"/a/{i}\",\"title\":\"기사 제목 {i}\"}}"))
        .collect();
    let body = format!("{{\"list\":[{}]}}", items.join(","));
    let (page, _) = read(
        &body,
        url,
        "items = \"list\"\nlink = \"url\"\ntitle = \"title\"",
    )
    .unwrap();
    assert_eq!(page.items.len(), MAX_LIST_ITEMS);
    assert!(
        page.warnings[0].starts_with("the list holds 1500 items"),
        "{:?}",
        page.warnings
    );
    // A field path into a huge array costs one step per segment.
    let wide = format!(
        "{{\"list\":[{{\"url\":\"/a\",\"t\":[{}\"x\"]}}]}}",
        "1,".repeat(1 << 20)
    );
    let (page, _) = read(
        &wide,
        url,
        "items = \"list\"\nlink = \"url\"\ntitle = \"t[1048576]\"",
    )
    .unwrap();
    assert_eq!(page.items[0].title.as_deref(), Some("x"));
    // A 1 MB title is cut.
    let long = format!(
        "[{{\"url\":\"/a\",\"title\":\"{}\"}}]",
        "가".repeat(1 << 20)
    );
    let (page, _) = read(
        &long,
        url,
        "items = \".\"\nlink = \"url\"\ntitle = \"title\"",
    )
    .unwrap();
    assert!(page.items[0].title.as_ref().unwrap().chars().count() <= crate::html::MAX_TITLE + 1);
}

#[test]
fn detection_finds_embedded_lists() {
    let cases = [
        (
            NEXT,
            "https://www.saebyeok.test/section/economy",
            "props.pageProps.articles",
            12,
            Some("#__NEXT_DATA__"),
            None,
        ),
        (
            STATE,
            "https://news.hanbit-tv.test/news/society",
            "news.list",
            8,
            None,
            Some("__INITIAL_STATE__"),
        ),
        (
            API,
            "https://www.hanbit.test/api",
            "data.list",
            7,
            None,
            None,
        ),
    ];
    for (text, url, items, count, script, assignment) in cases {
        let found = detect(text, &Url::parse(url).unwrap(), ctx());
        let best = found
            .first()
            .unwrap_or_else(|| panic!("{url}: nothing found"));
        assert_eq!(best.source.items.to_string(), items, "{url}");
        assert_eq!(best.count, count, "{url}");
        assert_eq!(
            best.source.script.as_ref().map(|s| s.text.as_str()),
            script,
            "{url}"
        );
        assert_eq!(best.source.assignment.as_deref(), assignment, "{url}");
        // What detection proposes parses as config and reads the same list.
        let table = best.table("x");
        let lines: String = table.lines().skip(1).map(|l| format!("{l}\n")).collect();
        let (page, _) = read(text, url, &lines).unwrap_or_else(|e| panic!("{table}: {e}"));
        assert!(page.items.len() >= 5, "{url}: {table}");
        assert!(
            page.items.iter().all(|i| i.date.is_some()),
            "{url}: {table}"
        );
    }
    let next = detect(
        NEXT,
        &Url::parse("https://www.saebyeok.test/").unwrap(),
        ctx(),
    );
    let s = &next[0].source;
    let text = |p: &Option<crate::config::JsonPath>| p.as_ref().map(|p| p.to_string());
    assert_eq!(text(&s.link).as_deref(), Some("url"));
    assert_eq!(text(&s.date).as_deref(), Some("publishedAt"));
    assert_eq!(text(&s.image).as_deref(), Some("thumbnail.url"));
    assert_eq!(text(&s.author).as_deref(), Some("reporter.name"));
    assert_eq!(text(&s.summary).as_deref(), Some("summary"));
    // The ranking list ranks below the articles; the menu (labels, no titles) is no list.
    assert!(next
        .iter()
        .all(|c| c.source.items.to_string() != "props.pageProps.menu"));
}

#[test]
fn pages_without_json_lists_find_nothing() {
    let url = Url::parse("https://a.test/").unwrap();
    for text in [
        "<html><body><ul><li><a href=/a>a</a></li></ul></body></html>",
        "{\"ok\": true}",
        "[1, 2, 3]",
        "<script>window.x = {\"list\": [{\"label\": \"메뉴\", \"href\": \"/a\"}, {\"label\": \"메뉴2\", \"href\": \"/b\"}, {\"label\": \"메뉴3\", \"href\": \"/c\"}]};</script>",
    ] {
        assert!(detect(text, &url, ctx()).is_empty(), "{text}");
    }
}
