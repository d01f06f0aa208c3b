//! A feed's own request headers and cookies (`[feeds.<id>.request]`), end to end: a site that
//! turns away unknown clients (403) gives its list and article pages to a feed that sends the
//! right `Accept-Language`, API key (from the environment) and consent cookie; `check` shows
//! what was sent with the secrets masked; and no credential follows a redirect to another
//! host (another port), while one to the same host keeps them.
//!
//! It also pins why feedmill follows redirects itself: reqwest's own policy drops `Cookie`
//! and `Authorization` on a redirect to another host, but forwards an `X-Api-Key`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{fixture, run_feedmill, Resp, TestServer, RUN_TIMEOUT};

const NOW: &str = "2026-02-11T09:00:00+09:00";
const SECRET: &str = "k-7f3a9c1e";
const LIST: &str = "/news/articleList.html";
const ARTICLE: &str = "/news/articleView.html";

fn list_page() -> String {
    let items: String = (1..=3)
        .map(|i| {
            format!(
                "<li class=\"item\"><h4 class=\"titles\"><a href=\"{ARTICLE}?idxno=16700{i}\">반도체 수출 {i}개월 연속 증가…AI 수요 견인</a></h4>\
                 <p class=\"lead\">산업통상자원부는 10일 반도체 수출이 늘었다고 밝혔다.</p>\
                 <span class=\"byline\"><em>2026.02.10 1{i}:00</em></span></li>\n"
            )
        })
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"ko\"><head><meta charset=\"utf-8\"><title>산업 - AI타임스</title></head><body>\
         <nav class=\"gnb\"><a href=\"/politics\">정치</a> <a href=\"/economy\">경제</a></nav>\
         <section id=\"section-list\"><ul class=\"type2\">\n{items}</ul></section>\
         <div class=\"auto-article\"><h3>많이 본 뉴스</h3><ul><li><a href=\"{ARTICLE}?idxno=1\">다른 기사</a></li></ul></div>\
         </body></html>"
    )
}

fn write_config(dir: &Path, url: &str, request: &str) -> PathBuf {
    let path = dir.join("feeds.toml");
    std::fs::write(
        &path,
        format!(
            "[settings]\nhost_delay = \"0s\"\ntimeout = \"10s\"\n\n[feeds.industry]\ntitle = \"AI타임스 산업\"\n\
             url = \"{url}\"\nformats = [\"rss\", \"json\"]\n\n[feeds.industry.select]\nitem = \"ul.type2 > li\"\n\
             link = \"h4.titles a\"\nsummary = \"p.lead\"\ndate = \"span.byline em\"\n{request}"
        ),
    )
    .unwrap();
    path
}

/// `feedmill <args>` on `cfg` at [`NOW`], with `NEWS_API_KEY` set (or not).
fn run(args: &[&str], cfg: &Path, with_key: bool) -> Output {
    let mut full = vec!["--config", cfg.to_str().unwrap()];
    full.extend_from_slice(args);
    let mut env = vec![("FEEDMILL_NOW", NOW)];
    if with_key {
        env.push(("NEWS_API_KEY", SECRET));
    }
    run_feedmill(&full, cfg.parent().unwrap(), &env, RUN_TIMEOUT)
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The value of header `name` (lower case) in `headers`.
fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

const REQUEST: &str = r#"
[feeds.industry.request]
user_agent = "Mozilla/5.0 (compatible; feedmill-test)"
headers = { "Accept-Language" = "ko-KR,ko;q=0.9", "X-Api-Key" = "${NEWS_API_KEY}", Referer = "https://www.aitimes.example/" }
cookies = { consent = "yes", region = "seoul" }

[feeds.industry.article]
fetch = true
"#;

#[test]
fn a_site_that_turns_away_unknown_clients_gives_its_pages_to_the_right_headers() {
    let server = TestServer::start();
    server.set(LIST, Resp::html(list_page()));
    server.set(ARTICLE, Resp::html(fixture("article/jsonld_z.html")));
    let guard = [
        ("accept-language", "ko"),
        ("x-api-key", SECRET),
        ("cookie", "consent=yes"),
    ];
    server.require(LIST, &guard);
    server.require(ARTICLE, &guard);
    let dir = tempfile::tempdir().unwrap();

    // Without the table: 403, and the build says so.
    let plain = write_config(dir.path(), &server.url(LIST), "");
    let out = run(&["build"], &plain, true);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("403"), "{}", text(&out.stderr));

    // With it: the list and the article pages.
    let cfg = write_config(dir.path(), &server.url(LIST), REQUEST);
    let out = run(&["build"], &cfg, true);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let sent = server.last_request_headers(LIST);
    assert_eq!(
        header(&sent, "user-agent"),
        Some("Mozilla/5.0 (compatible; feedmill-test)")
    );
    assert_eq!(
        header(&sent, "referer"),
        Some("https://www.aitimes.example/")
    );
    assert_eq!(header(&sent, "cookie"), Some("consent=yes; region=seoul"));
    assert_eq!(header(&sent, "x-api-key"), Some(SECRET));
    assert_eq!(server.hits(ARTICLE), 3, "every article page was read");
    let article_sent = server.last_request_headers(ARTICLE);
    assert_eq!(header(&article_sent, "x-api-key"), Some(SECRET));

    let rss = std::fs::read(dir.path().join("output/industry.rss")).unwrap();
    let feed = feed_rs::parser::parse(&rss[..]).unwrap();
    assert_eq!(feed.entries.len(), 3);
    for entry in &feed.entries {
        // The date the guarded article page gives (10:32 UTC), not the list's.
        assert_eq!(
            entry.published.unwrap().to_rfc3339(),
            "2026-02-10T10:32:00+00:00",
            "{:?}",
            entry.title
        );
    }

    // `check` says what it sent, secrets masked, and never prints the key.
    let out = run(&["check", "industry"], &cfg, true);
    let shown = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    for line in [
        "request headers sent:\n  User-Agent: Mozilla/5.0 (compatible; feedmill-test)\n",
        "  Accept-Language: ko-KR,ko;q=0.9\n",
        "  Referer: https://www.aitimes.example/\n",
        "  X-Api-Key: ****\n",
        "  Cookie: consent=****; region=****\n",
        "  (X-Api-Key, Cookie sent to 127.0.0.1:",
    ] {
        assert!(shown.contains(line), "{line:?} in\n{shown}");
    }
    assert!(!shown.contains(SECRET), "{shown}");
    assert!(!shown.contains("consent=yes"), "{shown}");

    // The variable unset: a config error naming the file, line, key and variable; no fetch.
    let hits = server.total_hits();
    let out = run(&["build"], &cfg, false);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr).replace(&dir.path().display().to_string(), "<dir>"),
        "error: <dir>/feeds.toml: line 18, column 65: key `feeds.industry.request.headers.X-Api-Key`: \
         the environment variable `NEWS_API_KEY` is not set; set it before running feedmill \
         (the value is read from it so that it stays out of this file)\n"
    );
    assert_eq!(server.total_hits(), hits, "nothing fetched");
}

const CREDENTIALS: &str = r#"
[feeds.industry.request]
headers = { Authorization = "Bearer ${NEWS_API_KEY}", "X-Api-Key" = "${NEWS_API_KEY}", "Accept-Language" = "ko" }
cookies = { session = "s-123" }
"#;

#[test]
fn credentials_never_follow_a_redirect_to_another_host() {
    let site = TestServer::start();
    // Another port of the same address is another host, for reqwest and for feedmill.
    let mirror = TestServer::start();
    mirror.set(LIST, Resp::html(list_page()));
    site.set(
        "/moved",
        Resp::status(302).with_header("Location", &mirror.url(LIST)),
    );
    site.set(
        "/old",
        Resp::status(301).with_header("Location", &format!("{LIST}?from=old")),
    );
    site.set(LIST, Resp::html(list_page()));
    let dir = tempfile::tempdir().unwrap();

    let cfg = write_config(dir.path(), &site.url("/moved"), CREDENTIALS);
    let out = run(&["build"], &cfg, true);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let first = site.last_request_headers("/moved");
    assert_eq!(header(&first, "cookie"), Some("session=s-123"));
    assert_eq!(
        header(&first, "authorization"),
        Some(format!("Bearer {SECRET}").as_str())
    );
    let there = mirror.last_request_headers(LIST);
    assert!(!there.is_empty(), "the redirect was followed");
    for name in ["cookie", "authorization", "x-api-key"] {
        assert_eq!(header(&there, name), None, "{name} went to another host");
    }
    assert_eq!(header(&there, "accept-language"), Some("ko"));
    let rss = std::fs::read_to_string(dir.path().join("output/industry.rss")).unwrap();
    assert!(rss.contains("반도체 수출 3개월 연속 증가"), "{rss}");

    // A redirect on the same host keeps them.
    let cfg = write_config(dir.path(), &site.url("/old"), CREDENTIALS);
    let out = run(&["build"], &cfg, true);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let here = site.last_request_headers(LIST);
    assert_eq!(header(&here, "cookie"), Some("session=s-123"));
    assert_eq!(header(&here, "x-api-key"), Some(SECRET));
}

/// What reqwest's own redirect policy does, which is why feedmill does not rely on it: on a
/// redirect to another port it drops `Cookie` and `Authorization`, but forwards `X-Api-Key`.
#[test]
fn reqwests_own_policy_forwards_other_credentials() {
    let site = TestServer::start();
    let mirror = TestServer::start();
    mirror.set("/there", Resp::html("<p>ok</p>"));
    site.set(
        "/moved",
        Resp::status(302).with_header("Location", &mirror.url("/there")),
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let status = runtime.block_on(async {
        reqwest::Client::builder()
            .no_proxy()
            .build()
            .unwrap()
            .get(site.url("/moved"))
            .header("Cookie", "session=s-123")
            .header("Authorization", "Bearer t")
            .header("X-Api-Key", SECRET)
            .send()
            .await
            .unwrap()
            .status()
    });
    assert_eq!(status, 200);
    let there = mirror.last_request_headers("/there");
    assert_eq!(header(&there, "cookie"), None);
    assert_eq!(header(&there, "authorization"), None);
    assert_eq!(
        header(&there, "x-api-key"),
        Some(SECRET),
        "forwarded by reqwest"
    );
}

#[test]
fn article_pages_on_another_host_get_no_credentials() {
    let site = TestServer::start();
    let partner = TestServer::start();
    // The list links one article on a partner site (another port: another host).
    let list = list_page().replace(
        &format!("{ARTICLE}?idxno=167002"),
        &partner.url(&format!("{ARTICLE}?idxno=167002")),
    );
    site.set(LIST, Resp::html(list));
    site.set(ARTICLE, Resp::html(fixture("article/jsonld_z.html")));
    partner.set(ARTICLE, Resp::html(fixture("article/jsonld_z.html")));
    let dir = tempfile::tempdir().unwrap();
    let request = format!("{CREDENTIALS}\n[feeds.industry.article]\nfetch = true\n");
    let cfg = write_config(dir.path(), &site.url(LIST), &request);
    let out = run(&["build"], &cfg, true);
    assert!(out.status.success(), "{}", text(&out.stderr));

    assert_eq!(site.hits(ARTICLE), 2);
    let home = site.last_request_headers(ARTICLE);
    assert_eq!(header(&home, "cookie"), Some("session=s-123"));
    assert_eq!(partner.hits(ARTICLE), 1);
    let away = partner.last_request_headers(ARTICLE);
    for name in ["cookie", "authorization", "x-api-key"] {
        assert_eq!(header(&away, name), None, "{name} went to another host");
    }
    assert_eq!(header(&away, "accept-language"), Some("ko"));
}
