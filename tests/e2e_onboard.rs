//! Onboarding end to end: `add` on a served section page writes a block that `build` uses and
//! keeps the file's comments byte for byte; duplicates and pages without a list are refused
//! with nothing written; `init` then `build` works; completions and the man page are
//! generated; `check --json` and `status --json` parse and carry their documented fields.

mod common;

use std::path::Path;
use std::time::Duration;

use common::{fixture, fixture_path, run_feedmill, Resp, TestServer};

const NOW: &str = "2026-02-11T09:00:00+09:00";
const LIMIT: Duration = Duration::from_secs(120);

const CONFIG: &str = "# my feeds: kept by hand, comments and all\n[settings]\nhost_delay = \"0s\"   # a local test site\n\n# nothing else yet\n";

fn feedmill(dir: &Path, args: &[&str]) -> std::process::Output {
    run_feedmill(args, dir, &[("FEEDMILL_NOW", NOW)], LIMIT)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn add_appends_a_block_that_builds_and_refuses_what_it_cannot_add() {
    let server = TestServer::start();
    server.set(
        "/news/articleList.html",
        Resp::html(fixture("detect/ndsoft_articlelist.html")),
    );
    server.set(
        "/empty",
        Resp::html(
            "<html><head><title>빈 페이지</title></head><body><p>준비 중입니다.</p></body></html>",
        ),
    );
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("feeds.toml");
    std::fs::write(&cfg, CONFIG).unwrap();
    let url = server.url("/news/articleList.html");

    let out = feedmill(dir.path(), &["add", &url, "--id", "local-news", "--yes"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let written = std::fs::read_to_string(&cfg).unwrap();
    assert!(
        written.starts_with(CONFIG),
        "the old text is kept: {written}"
    );
    assert!(written.contains("[feeds.local-news]\n"), "{written}");
    assert!(
        written.contains("[feeds.local-news.select]\nitem = "),
        "{written}"
    );
    let stdout = text(&out.stdout);
    assert!(stdout.contains("# first items:"), "{stdout}");
    let stderr = text(&out.stderr);
    assert!(stderr.contains("added feed `local-news`"), "{stderr}");
    assert!(stderr.contains("local-news: 10 items"), "{stderr}");
    let rss = std::fs::read(dir.path().join("output/local-news.rss")).unwrap();
    let feed = feed_rs::parser::parse(&rss[..]).unwrap();
    assert_eq!(feed.entries.len(), 10);

    // The same URL again, the same id again, and a page without a list: refused, nothing written.
    for (args, want) in [
        (vec!["add", url.as_str(), "--id", "again", "--yes"], "reads"),
        (
            vec![
                "add",
                &server.url("/news/other"),
                "--id",
                "local-news",
                "--yes",
            ],
            "exists already",
        ),
    ] {
        server.set(
            "/news/other",
            Resp::html(fixture("detect/ndsoft_articlelist.html")),
        );
        let out = feedmill(dir.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(text(&out.stderr).contains(want), "{}", text(&out.stderr));
        assert_eq!(std::fs::read_to_string(&cfg).unwrap(), written);
    }
    let empty = server.url("/empty");
    let out = feedmill(dir.path(), &["add", &empty, "--yes"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("no article list found"), "{stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&cfg).unwrap(), written);

    // check --json and status --json, for scripts.
    let out = feedmill(dir.path(), &["check", "local-news", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let check: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(check["version"], 1);
    assert_eq!(check["feed"], "local-news");
    let items = check["items"].as_array().unwrap();
    assert_eq!(items.len(), 10);
    for key in [
        "link",
        "title",
        "summary",
        "author",
        "image",
        "published",
        "updated",
        "date_text",
        "date_problem",
    ] {
        assert!(
            items[0].get(key).is_some(),
            "item field {key}: {}",
            items[0]
        );
    }
    assert!(items[0]["published"].as_str().unwrap().ends_with("+09:00"));
    assert!(check["warnings"].is_array() && check["notes"].is_array());
    assert!(check["articles"].as_array().unwrap().is_empty());

    let out = feedmill(dir.path(), &["status", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let status: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(status["version"], 1);
    let feed = &status["feeds"][0];
    assert_eq!(feed["feed"], "local-news");
    assert_eq!(feed["state"], "ok");
    assert_eq!(feed["items"], 10);
    assert_eq!(feed["in_config"], true);
    for key in [
        "consecutive_failures",
        "last_success",
        "last_attempt",
        "next_attempt",
        "last_error",
    ] {
        assert!(feed.get(key).is_some(), "status field {key}");
    }
}

#[test]
fn add_creates_the_config_when_there_is_none() {
    let server = TestServer::start();
    server.set(
        "/news/articleList.html",
        Resp::html(fixture("detect/ndsoft_articlelist.html")),
    );
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("feeds.toml");
    let out = run_feedmill(
        &["add", &server.url("/news/articleList.html"), "--yes"],
        dir.path(),
        &[
            ("FEEDMILL_NOW", NOW),
            ("FEEDMILL_CONFIG", cfg.to_str().unwrap()),
        ],
        LIMIT,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let written = std::fs::read_to_string(&cfg).unwrap();
    assert!(written.starts_with("[feeds.127]\n"), "{written}");
    assert!(dir.path().join("output/127.rss").exists());
}

#[test]
fn init_then_build_works() {
    let dir = tempfile::tempdir().unwrap();
    let out = feedmill(dir.path(), &["init"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let cfg = dir.path().join("feeds.toml");
    let starter = std::fs::read_to_string(&cfg).unwrap();
    assert!(starter.contains("[settings]") && starter.contains("[feeds.example]"));
    // Point the example at a saved page instead of the network.
    let page = url::Url::from_file_path(fixture_path("detect/ndsoft_articlelist.html")).unwrap();
    let local = starter.replace(
        "https://www.newspim.com/news/lists/?category_cd=107",
        page.as_str(),
    );
    assert_ne!(local, starter);
    std::fs::write(&cfg, &local).unwrap();
    let out = feedmill(dir.path(), &["build"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(dir.path().join("output/example.atom").exists());

    // Never over an existing file.
    let out = feedmill(dir.path(), &["init"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("exists already"));
    assert_eq!(std::fs::read_to_string(&cfg).unwrap(), local);
}

#[test]
fn completions_and_man_page_are_generated() {
    let dir = tempfile::tempdir().unwrap();
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef feedmill"),
        ("fish", "complete -c feedmill"),
    ] {
        let out = feedmill(dir.path(), &["completions", shell]);
        assert!(out.status.success(), "{shell}");
        let script = text(&out.stdout);
        assert!(script.contains(marker), "{shell}: {script}");
        for command in ["add", "build", "check", "suggest", "status"] {
            assert!(script.contains(command), "{shell} lacks {command}");
        }
    }
    let out = feedmill(dir.path(), &["man"]);
    assert!(out.status.success());
    let page = text(&out.stdout);
    assert!(page.contains(".TH feedmill"), "{page}");
    assert!(page.contains("completions"), "{page}");
}

#[test]
fn add_takes_a_list_found_in_the_pages_json() {
    let server = TestServer::start();
    server.set("/economy", Resp::html(fixture("json/next_data.html")));
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("feeds.toml");
    std::fs::write(&cfg, CONFIG).unwrap();
    let out = feedmill(
        dir.path(),
        &["add", &server.url("/economy"), "--id", "next", "--yes"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let written = std::fs::read_to_string(&cfg).unwrap();
    assert!(written.starts_with(CONFIG), "{written}");
    assert!(written.contains("[feeds.next.json]"), "{written}");
    let atom = std::fs::read(dir.path().join("output/next.atom")).unwrap();
    let feed = feed_rs::parser::parse(&atom[..]).unwrap();
    assert!(feed.entries.len() >= 3, "{}", feed.entries.len());
}
