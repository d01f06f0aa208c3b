//! Broken feeds.toml files, as a snapshot table: for each, `feedmill build` exits 2, fetches
//! nothing, creates nothing, and says exactly what is wrong, where, and what to do.
//!
//! The expected messages are literal: a change in wording shows up here as a diff to review.
//! `<dir>` stands for the temporary folder the file is written to, `<server>` for the
//! fixture server's "http://127.0.0.1:PORT".

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{run_feedmill, Resp, TestServer, RUN_TIMEOUT};

/// A feed that is fine, for files whose mistake is elsewhere. `<server>` is replaced.
const GOOD_FEED: &str = r#"
[feeds.news]
title = "뉴스"
url = "<server>/list"

[feeds.news.select]
item = "article"
"#;

struct Case {
    name: &'static str,
    /// The file; `<server>` is replaced by the fixture server's base URL.
    toml: String,
    /// The whole of stderr, `<dir>` and `<server>` standing in for the real values.
    expected: &'static str,
}

/// `head` followed by [`GOOD_FEED`].
fn with_feed(head: &str) -> String {
    format!("{head}{GOOD_FEED}")
}

fn cases() -> Vec<Case> {
    vec![
        // TOML syntax errors: file, line, column, the key when the line has one, a hint, and
        // the line as written.
        Case {
            name: "unclosed string",
            toml: with_feed("[settings]\ntimezone = \"Asia/Seoul\nmax_items = 10\n"),
            expected: "error: <dir>/feeds.toml: line 2, column 23: key `settings.timezone`: invalid basic string (a string is not closed: add the closing quote)\n  2 | timezone = \"Asia/Seoul",
        },
        Case {
            name: "missing ]",
            toml: with_feed("[settings\nmax_items = 10\n"),
            expected: "error: <dir>/feeds.toml: line 1, column 10: invalid table header (a table header is not closed: write it as [name] or [feeds.id]) (expected `.`, `]`)\n  1 | [settings",
        },
        Case {
            name: "missing ] in a feed table",
            toml: "[feeds.news\ntitle = \"뉴스\"\nurl = \"<server>/list\"\n".into(),
            expected: "error: <dir>/feeds.toml: line 1, column 12: invalid table header (a table header is not closed: write it as [name] or [feeds.id]) (expected `.`, `]`)\n  1 | [feeds.news",
        },
        // Unknown keys: the full dotted key, the nearest allowed key, and the keys allowed.
        Case {
            name: "unknown key in [settings]",
            toml: with_feed("[settings]\nmax_items = 10\nmax_itmes = 20\n"),
            expected: "error: <dir>/feeds.toml: line 3, column 1: key `settings.max_itmes`: unknown key; did you mean `max_items`? (the keys allowed here: output_dir, state_dir, timezone, max_items, user_agent, base_url, timeout, host_delay, concurrency, interval, request, database, lease)",
        },
        Case {
            name: "unknown top-level table",
            toml: with_feed("[setting]\nmax_items = 10\n"),
            expected: "error: <dir>/feeds.toml: line 1, column 2: key `setting`: unknown key; did you mean `settings`? (the keys allowed here: settings, server, feeds)",
        },
        Case {
            name: "unknown key in a feed",
            toml: "[feeds.news]\ntitle = \"뉴스\"\nurl = \"<server>/list\"\nlimit = 5\n".into(),
            expected: "error: <dir>/feeds.toml: line 4, column 1: key `feeds.news.limit`: unknown key (the keys allowed here: title, url, urls, description, language, max_items, formats, interval, select, json, article, filter, request, pages, render, wait_for, timeout, block)",
        },
        Case {
            name: "unknown key in [feeds.x.select]",
            toml: "[feeds.news]\ntitle = \"뉴스\"\nurl = \"<server>/list\"\n\n[feeds.news.select]\nitem = \"article\"\nheadline = \"h3\"\n".into(),
            expected: "error: <dir>/feeds.toml: line 7, column 1: key `feeds.news.select.headline`: unknown key (the keys allowed here: item, link, title, summary, date, image, author, date_format)",
        },
        // Selector errors: one line saying what is wrong with the selector.
        Case {
            name: "select.item does not parse",
            toml: "[feeds.news]\ntitle = \"뉴스\"\nurl = \"<server>/list\"\n\n[feeds.news.select]\nitem = \"div[[\"\n".into(),
            expected: "error: <dir>/feeds.toml: line 6, column 8: key `feeds.news.select.item`: `div[[` is not a CSS selector: `[` must be followed by an attribute name, not `[`",
        },
        Case {
            name: "select.title with @attr does not parse",
            toml: "[feeds.news]\ntitle = \"뉴스\"\nurl = \"<server>/list\"\n\n[feeds.news.select]\nitem = \"article\"\ntitle = \"h3 >> a@title\"\n".into(),
            expected: "error: <dir>/feeds.toml: line 7, column 9: key `feeds.news.select.title`: in `h3 >> a@title`, the selector `h3 >> a` (before `@title`) is not a CSS selector: a combinator (`>`, `+`, `~`) has nothing after it",
        },
        Case {
            name: "bad timeout",
            toml: with_feed("[settings]\ntimeout = \"5 parsecs\"\n"),
            expected: "error: <dir>/feeds.toml: line 2, column 11: key `settings.timeout`: `5 parsecs` is not a duration; write a number and a unit, like \"30s\", \"15m\" or \"2h\"",
        },
        Case {
            name: "bad host_delay",
            toml: with_feed("[settings]\nhost_delay = \"1.5s\"\n"),
            expected: "error: <dir>/feeds.toml: line 2, column 14: key `settings.host_delay`: `1.5s` is not a duration; write a number and a unit, like \"30s\", \"15m\" or \"2h\"",
        },
        Case {
            name: "bad interval",
            toml: with_feed("[settings]\ninterval = \"30\"\n"),
            expected: "error: <dir>/feeds.toml: line 2, column 12: key `settings.interval`: `30` is not a duration; write a number and a unit, like \"30s\", \"15m\" or \"2h\"",
        },
        Case {
            name: "bad feed interval",
            toml: "[feeds.news]\ntitle = \"뉴스\"\nurl = \"<server>/list\"\ninterval = \"half an hour\"\n".into(),
            expected: "error: <dir>/feeds.toml: line 4, column 12: key `feeds.news.interval`: `half an hour` is not a duration; write a number and a unit, like \"30s\", \"15m\" or \"2h\"",
        },
        Case {
            name: "interval 0s",
            toml: with_feed("[settings]\ninterval = \"0s\"\n"),
            expected: "error: <dir>/feeds.toml: line 2, column 12: key `settings.interval`: an interval must be at least 1s",
        },
        // A type error: the key, and what to write instead.
        Case {
            name: "duration not a string",
            toml: with_feed("[settings]\ntimeout = 30\n"),
            expected: "error: <dir>/feeds.toml: line 2, column 11: key `settings.timeout`: invalid type: integer `30`, expected a string; write the value in double quotes, e.g. \"30s\" or \"Asia/Seoul\"",
        },
        Case {
            name: "unknown zone",
            toml: with_feed("[settings]\ntimezone = \"Asia/Busan\"\n"),
            expected: "error: <dir>/feeds.toml: line 2, column 12: key `settings.timezone`: `Asia/Busan` is not an IANA time zone; write one like \"Asia/Seoul\" or \"UTC\"",
        },
        Case {
            name: "bad base_url",
            toml: with_feed("[settings]\nbase_url = \"feeds.example.com/news\"\n"),
            expected: "error: <dir>/feeds.toml: line 2, column 12: key `settings.base_url`: `feeds.example.com/news` is not a URL (relative URL without a base); write a full one, like \"https://example.com/feeds/\"",
        },
        Case {
            name: "bad [server] listen",
            toml: with_feed("[server]\nlisten = \"127.0.0.1:99999\"\n"),
            expected: "error: <dir>/feeds.toml: line 2, column 10: key `server.listen`: `127.0.0.1:99999` is not an address to listen on; write one like \"127.0.0.1:8080\"",
        },
        Case {
            name: "[server] listen as a host name",
            toml: with_feed("[server]\nlisten = \"localhost:8080\"\n"),
            expected: "error: <dir>/feeds.toml: line 2, column 10: key `server.listen`: `localhost:8080` is not an address to listen on; write one like \"127.0.0.1:8080\"",
        },
        Case {
            name: "feed id with uppercase",
            toml: "[feeds.News]\ntitle = \"뉴스\"\nurl = \"<server>/list\"\n".into(),
            expected: "error: <dir>/feeds.toml: line 1, column 8: key `feeds.News`: a feed id may hold only a-z, 0-9, - and _ (it names the output files)",
        },
        Case {
            name: "feed id with a space",
            toml: "[settings]\nmax_items = 10\n\n[feeds.\"my news\"]\ntitle = \"뉴스\"\nurl = \"<server>/list\"\n".into(),
            expected: "error: <dir>/feeds.toml: line 4, column 8: key `feeds.my news`: a feed id may hold only a-z, 0-9, - and _ (it names the output files)",
        },
        Case {
            name: "feed without url",
            toml: "[feeds.news]\ntitle = \"뉴스\"\n\n[feeds.news.select]\nitem = \"article\"\n".into(),
            expected: "error: <dir>/feeds.toml: line 1, column 8: key `feeds.news.url`: the feed has no `url` (or `urls = [...]`): name the section page to read",
        },
        // A missing key: the table's line and the full key.
        Case {
            name: "feed without title",
            toml: "[feeds.news]\nurl = \"<server>/list\"\n".into(),
            expected: "error: <dir>/feeds.toml: line 1, column 1: key `feeds.news.title`: [feeds.news] needs `title`: add `title = ...`",
        },
        Case {
            name: "feed without title, further down",
            toml: with_feed("[settings]\nmax_items = 10\n\n[feeds.world]\nurl = \"<server>/list\"\nlanguage = \"ko\"\n"),
            expected: "error: <dir>/feeds.toml: line 4, column 1: key `feeds.world.title`: [feeds.world] needs `title`: add `title = ...`",
        },
        Case {
            name: "select without item",
            toml: "[settings]\nmax_items = 10\n\n[feeds.news]\ntitle = \"뉴스\"\nurl = \"<server>/list\"\n\n[feeds.news.select]\ntitle = \"h3\"\n".into(),
            expected: "error: <dir>/feeds.toml: line 8, column 1: key `feeds.news.select.item`: [feeds.news.select] needs `item`: add `item = ...`",
        },
        Case {
            name: "unknown format",
            toml: "[feeds.news]\ntitle = \"뉴스\"\nurl = \"<server>/list\"\nformats = [\"rss\", \"xml\"]\n".into(),
            expected: "error: <dir>/feeds.toml: line 4, column 19: key `feeds.news.formats`: `xml` is not one of the values allowed here: rss, atom, json",
        },
        Case {
            name: "feed with url and urls",
            toml: "[feeds.news]\ntitle = \"뉴스\"\nurl = \"<server>/list\"\nurls = [\"<server>/list2\"]\n".into(),
            expected: "error: <dir>/feeds.toml: line 3, column 7: key `feeds.news.url`: give either `url` or `urls`, not both",
        },
        Case {
            name: "ftp url",
            toml: "[feeds.news]\ntitle = \"뉴스\"\nurl = \"ftp://ftp.example.com/news/\"\n".into(),
            expected: "error: <dir>/feeds.toml: line 3, column 7: key `feeds.news.url`: only http://, https:// and file:// URLs can be fetched",
        },
        Case {
            name: "ftp url in urls",
            toml: "[feeds.news]\ntitle = \"뉴스\"\nurls = [\n  \"<server>/list\",\n  \"ftp://ftp.example.com/news/\",\n]\n".into(),
            expected: "error: <dir>/feeds.toml: line 5, column 3: key `feeds.news.urls`: only http://, https:// and file:// URLs can be fetched",
        },
        Case {
            name: "max_items = 0",
            toml: with_feed("[settings]\nmax_items = 0\n"),
            expected: "error: <dir>/feeds.toml: line 2, column 13: key `settings.max_items`: must be a whole number above 0",
        },
        Case {
            name: "feed max_items = 0",
            toml: "[feeds.news]\ntitle = \"뉴스\"\nurl = \"<server>/list\"\nmax_items = 0\n".into(),
            expected: "error: <dir>/feeds.toml: line 4, column 13: key `feeds.news.max_items`: must be a whole number above 0",
        },
        Case {
            name: "concurrency = -1",
            toml: with_feed("[settings]\nconcurrency = -1\n"),
            expected: "error: <dir>/feeds.toml: line 2, column 15: key `settings.concurrency`: must be a whole number above 0",
        },
        Case {
            name: "regex filter does not compile",
            toml: "[feeds.news]\ntitle = \"뉴스\"\nurl = \"<server>/list\"\n\n[feeds.news.filter]\ninclude = [\"반도체\", \"/(속보/\"]\n".into(),
            expected: "error: <dir>/feeds.toml: line 6, column 19: key `feeds.news.filter.include`: `/(속보/` is not a regular expression (unclosed group)",
        },
        Case {
            name: "article.remove selector does not parse",
            toml: "[feeds.news]\ntitle = \"뉴스\"\nurl = \"<server>/list\"\n\n[feeds.news.article]\nfetch = true\nremove = [\"div.ad\", \"p:nth-child(\"]\n".into(),
            expected: "error: <dir>/feeds.toml: line 7, column 21: key `feeds.news.article.remove`: `p:nth-child(` is not a CSS selector: it stops where more was expected (an unclosed `[` or `(`, or a combinator at the end?)",
        },
        Case {
            name: "duplicate feed table",
            toml: "[feeds.news]\ntitle = \"뉴스\"\nurl = \"<server>/list\"\n\n[feeds.news]\ntitle = \"뉴스 2\"\nurl = \"<server>/list\"\n".into(),
            expected: "error: <dir>/feeds.toml: line 5, column 1: invalid table header (this table is given twice; keep one) (duplicate key `news` in table `feeds`)\n  5 | [feeds.news]",
        },
        Case {
            name: "duplicate key",
            toml: "[feeds.news]\ntitle = \"뉴스\"\nurl = \"<server>/list\"\ntitle = \"뉴스 2\"\n".into(),
            expected: "error: <dir>/feeds.toml: line 4, column 1: key `feeds.news.title`: this key or table is given twice; keep one",
        },
        // Bounds and shapes that were accepted though they could only go wrong.
        Case {
            name: "interval too long to schedule",
            toml: with_feed("[settings]\ninterval = \"18446744073709551615s\"\n"),
            expected: "error: <dir>/feeds.toml: line 2, column 12: key `settings.interval`: `18446744073709551615s` is too long: at most 30 days",
        },
        Case {
            name: "timeout 0s",
            toml: with_feed("[settings]\ntimeout = \"0s\"\n"),
            expected: "error: <dir>/feeds.toml: line 2, column 11: key `settings.timeout`: a timeout must be longer than 0s (0s would fail every request)",
        },
        Case {
            name: "host_delay of a day",
            toml: with_feed("[settings]\nhost_delay = \"1d\"\n"),
            expected: "error: <dir>/feeds.toml: line 2, column 14: key `settings.host_delay`: `1d` is too long: at most 1h",
        },
        Case {
            name: "language that is not a tag",
            toml: "[feeds.news]\ntitle = \"뉴스\"\nurl = \"<server>/list\"\nlanguage = \"not a language!!\"\n".into(),
            expected: "error: <dir>/feeds.toml: line 4, column 12: key `feeds.news.language`: `not a language!!` is not a language tag; write one like \"ko\", \"ko-KR\" or \"en\"",
        },
        Case {
            name: "no formats",
            toml: "[feeds.news]\ntitle = \"뉴스\"\nurl = \"<server>/list\"\nformats = []\n".into(),
            expected: "error: <dir>/feeds.toml: line 4, column 11: key `feeds.news.formats`: name at least one format: \"rss\", \"atom\" or \"json\"",
        },
        Case {
            name: "a page listed twice in urls",
            toml: "[feeds.news]\ntitle = \"뉴스\"\nurls = [\"https://a.kr/list\", \"https://a.kr/list\"]\n".into(),
            expected: "error: <dir>/feeds.toml: line 3, column 30: key `feeds.news.urls`: `https://a.kr/list` is listed twice; each page is read once",
        },
        Case {
            name: "feed id that reads as an option",
            toml: "[feeds.-x]\ntitle = \"뉴스\"\nurl = \"<server>/list\"\n".into(),
            expected: "error: <dir>/feeds.toml: line 1, column 8: key `feeds.-x`: a feed id must start with a letter or digit (`feedmill check -x` would read it as an option)",
        },
        Case {
            name: "relative url",
            toml: "[feeds.news]\ntitle = \"뉴스\"\nurl = \"page.html\"\n".into(),
            expected: "error: <dir>/feeds.toml: line 3, column 7: key `feeds.news.url`: `page.html` is not a URL: relative URL without a base; a local file is written as a file:// URL with its absolute path, like \"file:///home/me/page.html\"",
        },
        Case {
            name: "unwritable output_dir",
            toml: with_feed("[settings]\noutput_dir = \"feeds.toml/out\"\n"),
            expected: "error: <dir>/feeds.toml: line 2, column 1: key `settings.output_dir`: cannot write to <dir>/feeds.toml/out: Not a directory (os error 20); choose a folder feedmill may write",
        },
        // The PostgreSQL database of a fleet: a URL of another kind, a variable not set, a
        // lease too short to renew.
        Case {
            name: "database that is not PostgreSQL",
            toml: with_feed("[settings]\ndatabase = \"mysql://feedmill@db/feeds\"\n"),
            expected: "error: <dir>/feeds.toml: line 2, column 12: key `settings.database`: a `mysql:` URL is not a PostgreSQL one; write one like \"postgresql://feedmill@db.example/feedmill\" (leave the key out to keep the state in SQLite)",
        },
        Case {
            name: "database password from an unset variable",
            toml: with_feed("[settings]\ndatabase = \"postgresql://feedmill:${FEEDMILL_TEST_UNSET_PASSWORD}@db/feeds\"\n"),
            expected: "error: <dir>/feeds.toml: line 2, column 12: key `settings.database`: the environment variable `FEEDMILL_TEST_UNSET_PASSWORD` is not set; set it before running feedmill (the value is read from it so that it stays out of this file)",
        },
        Case {
            name: "lease too short",
            toml: with_feed("[settings]\nlease = \"1s\"\n"),
            expected: "error: <dir>/feeds.toml: line 2, column 9: key `settings.lease`: a lease must be at least 2s (it is renewed every third of it while a feed builds)",
        },
    ]
}

/// Runs `feedmill --config <config> build` in `cwd`.
fn run_build(cwd: &Path, config: &Path) -> Output {
    let config = config.to_str().unwrap();
    run_feedmill(
        &["--config", config, "build"],
        cwd,
        &[("FEEDMILL_NOW", "2026-02-11T09:00:00+09:00")],
        RUN_TIMEOUT,
    )
}

/// Every path under `dir`, relative to it, sorted.
fn tree(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            found.push(p.strip_prefix(dir).unwrap().to_path_buf());
            if p.is_dir() && !p.is_symlink() {
                stack.push(p);
            }
        }
    }
    found.sort();
    found
}

/// stderr with the temporary folder and the server's address replaced, and the final
/// newline dropped.
fn normalise(stderr: &[u8], dir: &Path, server: &str) -> String {
    let err = String::from_utf8_lossy(stderr)
        .replace(&dir.display().to_string(), "<dir>")
        .replace(server, "<server>");
    err.strip_suffix('\n').unwrap_or(&err).to_string()
}

#[test]
fn broken_config_files_exit_2_write_nothing_and_say_why() {
    let server = TestServer::start();
    server.set(
        "/list",
        Resp::html("<article><a href=\"/a\">기사</a></article>"),
    );
    server.set(
        "/list2",
        Resp::html("<article><a href=\"/b\">기사</a></article>"),
    );
    let mut problems = Vec::new();
    for case in cases() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = dir.path().join("feeds.toml");
        std::fs::write(&cfg, case.toml.replace("<server>", &server.base())).unwrap();
        let out = run_build(dir.path(), &cfg);
        let name = case.name;
        if out.status.code() != Some(2) {
            problems.push(format!("{name}: exit {:?}, want 2", out.status.code()));
        }
        if !out.stdout.is_empty() {
            problems.push(format!(
                "{name}: printed on stdout: {:?}",
                String::from_utf8_lossy(&out.stdout)
            ));
        }
        let err = normalise(&out.stderr, dir.path(), &server.base());
        if err != case.expected {
            problems.push(format!(
                "{name}: stderr\n  got:  {err:?}\n  want: {:?}",
                case.expected
            ));
        }
        let made = tree(dir.path());
        if made != [PathBuf::from("feeds.toml")] {
            problems.push(format!("{name}: created {made:?}"));
        }
    }
    assert_eq!(server.total_hits(), 0, "fetched despite a config error");
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn missing_config_file_exits_2_and_names_it() {
    let cwd = tempfile::tempdir().unwrap();
    let missing = Path::new("/nonexistent/feeds.toml");
    assert!(!missing.exists());
    let out = run_build(cwd.path(), missing);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(
        normalise(&out.stderr, cwd.path(), "http://unused"),
        "error: cannot read /nonexistent/feeds.toml: No such file or directory (os error 2)"
    );
    assert!(!Path::new("/nonexistent").exists(), "created /nonexistent");
    assert_eq!(
        tree(cwd.path()),
        Vec::<PathBuf>::new(),
        "wrote into the cwd"
    );
}

/// `$FEEDMILL_DATABASE_URL` stands in for `settings.database`; a value that is not a
/// PostgreSQL URL is named by the variable (there is no line to point at), and the rest of it,
/// which may hold a password, is not repeated.
#[test]
fn a_database_url_from_the_environment_is_checked_too() {
    let server = TestServer::start();
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("feeds.toml");
    std::fs::write(&cfg, GOOD_FEED.replace("<server>", &server.base())).unwrap();
    let out = run_feedmill(
        &["--config", cfg.to_str().unwrap(), "build"],
        dir.path(),
        &[("FEEDMILL_DATABASE_URL", "mysql://feedmill:hunter2@db/feeds")],
        RUN_TIMEOUT,
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        err.trim_end(),
        "error: the environment variable FEEDMILL_DATABASE_URL: a `mysql:` URL is not a PostgreSQL one; write one like \"postgresql://feedmill@db.example/feedmill\" (leave the key out to keep the state in SQLite)"
    );
    assert_eq!(server.total_hits(), 0);
}
