//! End to end: JSON sources. A JSON API list, a Next.js page carrying its list in
//! `__NEXT_DATA__` and a page assigning `window.__INITIAL_STATE__`, read with a
//! `[feeds.<id>.json]` table and without any table; the feeds parsed back with feed-rs.
//! Then what goes wrong: a body that is not JSON, 10 MiB of nesting, a path that leads
//! nowhere — each fails its feed only, with the previous files kept. `suggest` proposes the
//! table and `check` shows where each field came from.
//!
//! The pages are tests/fixtures/json/; their comments say what each holds.

mod common;

use std::path::{Path, PathBuf};

use common::{fixture, run_on_config, Resp, TestServer};

/// The fetch time (a Wednesday morning in Seoul).
const NOW: &str = "2026-02-11T09:00:00+09:00";

const API: &str = "/api/v1/section/S1N2";
const NEXT: &str = "/section/economy";
const STATE: &str = "/news/society";

fn server() -> TestServer {
    let server = TestServer::start();
    server.set(
        API,
        Resp::bytes(
            "application/json; charset=utf-8",
            fixture("json/api_list.json"),
        ),
    );
    server.set(NEXT, Resp::html(fixture("json/next_data.html")));
    server.set(STATE, Resp::html(fixture("json/initial_state.html")));
    server
}

fn write_config(dir: &Path, feeds: &str) -> PathBuf {
    let cfg = dir.join("feeds.toml");
    std::fs::write(&cfg, format!("[settings]\nhost_delay = \"0s\"\n\n{feeds}")).unwrap();
    cfg
}

/// The configured feeds: one table each.
fn configured(server: &TestServer) -> String {
    format!(
        r##"[feeds.hanbit-api]
title = "한빛경제 산업"
url = "{api}?page=1&size=20"
formats = ["rss", "atom", "json"]
[feeds.hanbit-api.json]
items = "data.list"
link = "url"
title = "title"
summary = "summary"
date = "pubDate"
image = "thumb.src"
author = "authors"

[feeds.saebyeok]
title = "새벽일보 경제"
url = "{next}"
[feeds.saebyeok.json]
script = "#__NEXT_DATA__"
items = "props.pageProps.articles"
link = "url"
title = "title"
summary = "summary"
date = "publishedAt"
image = "thumbnail.url"
author = "reporter.name"

[feeds.hanbit-tv]
title = "한빛방송 사회"
url = "{state}"
[feeds.hanbit-tv.json]
assignment = "window.__INITIAL_STATE__"
items = "news.list"
"##,
        api = server.url(API),
        next = server.url(NEXT),
        state = server.url(STATE),
    )
}

fn build_ok(cfg: &Path) {
    let out = run_on_config(&["build"], cfg, NOW);
    assert!(
        out.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn parse(path: &Path) -> feed_rs::model::Feed {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    feed_rs::parser::parse(&bytes[..]).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// (the link's last part, title, published in KST) of each entry, in feed order.
fn entries(path: &Path) -> Vec<(String, String, String)> {
    let kst = chrono::FixedOffset::east_opt(9 * 3600).unwrap();
    parse(path)
        .entries
        .iter()
        .map(|e| {
            let link = &e.links[0].href;
            let id = link.rsplit(['/', '=']).next().unwrap().to_string();
            (
                id,
                e.title.as_ref().unwrap().content.clone(),
                e.published.unwrap().with_timezone(&kst).to_rfc3339(),
            )
        })
        .collect()
}

fn rows(want: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    want.iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect()
}

const API_ENTRIES: [(&str, &str, &str); 5] = [
    (
        "167480",
        "반도체 수출, 2월 들어 40% 증가…HBM 효과",
        "2026-02-10T19:32:00+09:00",
    ),
    (
        "167477",
        "글로벌 공급망 재편…반도체 장비주 강세",
        "2026-02-10T17:15:00+09:00",
    ),
    (
        "167471",
        "美 고율 관세를 피하라…현지 생산 늘리는 K-배터리",
        "2026-02-10T15:05:30+09:00",
    ),
    (
        "167466",
        "[속보] 한은, 기준금리 연 2.75% 동결",
        "2026-02-10T11:47:00+09:00",
    ),
    (
        "167460",
        "코스피, 외국인 매수에 2,600선 회복",
        "2026-02-10T08:58:00+09:00",
    ),
];

const NEXT_FIRST: [(&str, &str, &str); 3] = [
    (
        "2026021012345",
        "반도체 수출 석 달째 증가… 정부 \"하반기 회복세\" 전망",
        "2026-02-10T19:32:00+09:00",
    ),
    (
        "2026021012340",
        "코스피 2,600선 회복… 외국인 닷새 만에 순매수",
        "2026-02-10T18:20:00+09:00",
    ),
    (
        "2026021012331",
        "한은, 기준금리 연 2.75% 동결… \"물가 불확실성 여전\"",
        "2026-02-10T17:45:00+09:00",
    ),
];

const STATE_FIRST: [(&str, &str, &str); 2] = [
    (
        "N2026021000812",
        "서울 지하철 파업 예고… 출근길 혼잡 우려",
        "2026-02-10T19:32:00+09:00",
    ),
    (
        "N2026021000799",
        "한파 속 노숙인 쉼터 '만원'",
        "2026-02-10T18:10:00+09:00",
    ),
];

#[test]
fn json_lists_build_into_feeds_with_a_table_and_without() {
    let server = server();
    let dir = tempfile::tempdir().unwrap();
    let auto = format!(
        "[feeds.auto-api]\ntitle = \"A\"\nurl = \"{}\"\n\n[feeds.auto-next]\ntitle = \"N\"\nurl = \"{}\"\n\n[feeds.auto-state]\ntitle = \"S\"\nurl = \"{}\"\n",
        server.url(API),
        server.url(NEXT),
        server.url(STATE)
    );
    let cfg = write_config(dir.path(), &format!("{}\n{auto}", configured(&server)));
    build_ok(&cfg);
    let out = |f: &str| dir.path().join("output").join(f);

    // The API list: relative and absolute links, Unix seconds and milliseconds, a local
    // time without zone and an RFC 3339 one; the duplicate and the link-less item left out.
    for file in ["hanbit-api.atom", "hanbit-api.rss", "auto-api.atom"] {
        assert_eq!(entries(&out(file)), rows(&API_ENTRIES), "{file}");
    }
    let feed = parse(&out("hanbit-api.atom"));
    let first = &feed.entries[0];
    assert_eq!(
        first.summary.as_ref().map(|s| s.content.as_str()),
        Some("산업통상자원부는 10일 2월 1~10일 반도체 수출이 전년 같은 기간보다 40% 늘었다고 밝혔다.")
    );
    assert_eq!(first.authors[0].name, "김민준 기자");
    let json = std::fs::read_to_string(out("hanbit-api.json")).unwrap();
    assert!(
        json.contains("https://cdn.hanbit.test/news/photo/202602/167480_1_s.jpg"),
        "{json}"
    );

    // The Next.js page: the 12 articles of __NEXT_DATA__, not the ranking box or the menu.
    for file in ["saebyeok.atom", "auto-next.atom"] {
        let got = entries(&out(file));
        assert_eq!(got.len(), 12, "{file}: {got:?}");
        assert_eq!(got[..3], rows(&NEXT_FIRST), "{file}");
        assert!(
            got.iter().all(|(id, _, _)| !id.starts_with("2026020911")),
            "{file}: {got:?}"
        );
    }
    let feed = parse(&out("saebyeok.atom"));
    assert_eq!(feed.entries[0].authors[0].name, "김민준 기자");
    assert_eq!(
        feed.entries[0].links[0].href,
        server.url("/article/2026021012345")
    );

    // window.__INITIAL_STATE__: protocol-relative images, dates without a zone read in KST.
    for file in ["hanbit-tv.atom", "auto-state.atom"] {
        let got = entries(&out(file));
        assert_eq!(got.len(), 7, "{file}: {got:?}");
        assert_eq!(got[..2], rows(&STATE_FIRST), "{file}");
    }

    // `check` shows where the list and each field came from.
    let out = run_on_config(&["check", "saebyeok"], &cfg, NOW);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("note: JSON list: items = \"props.pageProps.articles\" in <script id=\"__NEXT_DATA__\"> (12 items); fields: link \u{2190} \"url\", title \u{2190} \"title\", summary \u{2190} \"summary\", date \u{2190} \"publishedAt\", image \u{2190} \"thumbnail.url\", author \u{2190} \"reporter.name\""),
        "{text}"
    );
    assert!(
        text.contains("\u{2190} \"2026-02-10T19:32:00+09:00\""),
        "{text}"
    );
    let out = run_on_config(&["check", "hanbit-tv"], &cfg, NOW);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("`__INITIAL_STATE__` in <script> (8 items); fields: link \u{2190} \"link\" (chosen from the keys), title \u{2190} \"title\" (chosen from the keys)"),
        "{text}"
    );
    let out = run_on_config(&["check", "auto-next"], &cfg, NOW);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("note: list chosen automatically from the page's JSON: JSON list: items = \"props.pageProps.articles\""),
        "{text}"
    );
}

#[test]
fn a_broken_json_source_fails_its_feed_only_and_keeps_its_files() {
    let server = server();
    let dir = tempfile::tempdir().unwrap();
    let cfg = write_config(dir.path(), &configured(&server));
    build_ok(&cfg);
    let atom = dir.path().join("output/hanbit-api.atom");
    let before = std::fs::read(&atom).unwrap();
    let other = dir.path().join("output/saebyeok.atom");

    let maintenance = "<!DOCTYPE html>\n<html lang=\"ko\"><head><title>서비스 점검 안내</title></head><body><h1>더 나은 서비스를 위해 점검 중입니다</h1></body></html>";
    let deep = "[".repeat(10 << 20);
    let wrong_shape = "{\"result\":\"success\",\"data\":{\"articles\":[],\"total\":0}}".to_string();
    let cases = [
        (
            Resp::html(maintenance),
            "hanbit-api: error: {api}?page=1&size=20: the page is not JSON (content type text/html; charset=utf-8; it starts `<!DOCTYPE html> <html lang=\"ko\"><head><title>서비스 점검 안내</titl`): expected value at line 1 column 1; it is an HTML page: name the script that holds the list with json.script (like \"#__NEXT_DATA__\") or json.assignment (like \"__INITIAL_STATE__\"); previous files kept",
        ),
        (
            Resp::bytes("application/json", deep.into_bytes()),
            "nests arrays and objects more than 128 deep",
        ),
        (
            Resp::bytes("application/json", wrong_shape.into_bytes()),
            "json.items = \"data.list\" leads nowhere: in the body, no key `list` at `data`; the keys there are `articles`, `total`; previous files kept",
        ),
    ];
    for (resp, want) in cases {
        server.set(API, resp);
        std::fs::remove_file(&other).unwrap();
        let out = run_on_config(&["build"], &cfg, NOW);
        let err = String::from_utf8_lossy(&out.stderr).replace(&server.url(API), "{api}");
        assert!(!out.status.success());
        assert!(err.contains(want), "want {want}\n in {err}");
        assert_eq!(std::fs::read(&atom).unwrap(), before, "{want}");
        // The other feeds were built.
        assert!(other.exists(), "{err}");
    }
}

#[test]
fn suggest_proposes_the_json_table_that_builds_the_same_feed() {
    let server = server();
    let dir = tempfile::tempdir().unwrap();
    let cfg = write_config(dir.path(), &configured(&server));
    build_ok(&cfg);
    for (path, table, want_lines, configured_file) in [
        (
            NEXT,
            "[feeds.127.json]",
            &[
                "script = \"#__NEXT_DATA__\"",
                "items = \"props.pageProps.articles\"",
                "link = \"url\"",
                "date = \"publishedAt\"",
            ][..],
            "saebyeok.atom",
        ),
        (
            STATE,
            "[feeds.127.json]",
            &[
                "assignment = \"__INITIAL_STATE__\"",
                "items = \"news.list\"",
                "link = \"link\"",
                "date = \"regDate\"",
            ][..],
            "hanbit-tv.atom",
        ),
        (
            API,
            "[feeds.127.json]",
            &[
                "items = \"data.list\"",
                "date = \"pubDate\"",
                "image = \"thumb.src\"",
            ][..],
            "hanbit-api.atom",
        ),
    ] {
        let out = run_on_config(&["suggest", &server.url(path)], &cfg, NOW);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let block = String::from_utf8_lossy(&out.stdout).to_string();
        assert!(block.contains(table), "{block}");
        for line in want_lines {
            assert!(block.lines().any(|l| l == *line), "{line}\n{block}");
        }
        // Frozen into feeds.toml, the block builds the feed the hand-written table builds.
        let frozen = dir.path().join(format!("frozen{}", path.len()));
        std::fs::create_dir_all(&frozen).unwrap();
        let frozen_cfg = write_config(&frozen, &block);
        build_ok(&frozen_cfg);
        assert_eq!(
            entries(&frozen.join("output/127.atom")),
            entries(&dir.path().join("output").join(configured_file)),
            "{block}"
        );
    }
}
