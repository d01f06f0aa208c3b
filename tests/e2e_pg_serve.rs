//! Serving from any instance: the rendered files kept in PostgreSQL (their ETag, their
//! modification time kept while the bytes are the same, a notice when they change), and two
//! `feedmill serve` instances with empty output folders answering every feed with the same
//! bytes, ETag and Last-Modified, following changes, riding out the database's loss.

mod common;

use std::path::{Path, PathBuf};

use chrono::{TimeZone, Utc};
use common::daemon::{get, Daemon, Reply};
use common::postgres::{database, runtime, PgCluster};
use common::{run_on_config, wait_until, Resp, TestServer, WAIT};
use feedmill::store::pg::{FileEvents, PgStore, StoredFile};
use feedmill::store::{Lease, StoreError};

fn files(list: &[(&str, &str)]) -> Vec<(String, Vec<u8>)> {
    list.iter()
        .map(|(n, b)| (n.to_string(), b.as_bytes().to_vec()))
        .collect()
}

fn by_name<'a>(all: &'a [StoredFile], name: &str) -> &'a StoredFile {
    all.iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("{name} is not stored"))
}

/// The next notice, waited for generously.
async fn next_notice(events: &mut FileEvents) -> String {
    tokio::time::timeout(WAIT, events.next())
        .await
        .expect("a notice within the limit")
        .expect("the listening connection is open")
}

#[test]
fn stored_files_keep_their_time_while_unchanged_and_are_announced() {
    let Some(pg) = PgCluster::start_or_skip("stored_files_keep_their_time") else {
        return;
    };
    let db = database(&pg.create_database("files"));
    let t0 = Utc.with_ymd_and_hms(2026, 2, 11, 0, 0, 0).unwrap();
    runtime().block_on(async {
        let store = PgStore::connect(&db, "builder-1").await.unwrap();
        let mut events = FileEvents::listen(&db).await.unwrap();

        let first = files(&[
            ("news.rss", "<rss>1</rss>"),
            ("news.atom", "<feed>1</feed>"),
        ]);
        store.put_files(None, "news", first, t0).await.unwrap();
        let mut heard = vec![
            next_notice(&mut events).await,
            next_notice(&mut events).await,
        ];
        heard.sort();
        assert_eq!(heard, ["news.atom", "news.rss"]);
        let all = store.all_files().await.unwrap();
        assert_eq!(all.len(), 2);
        let rss = by_name(&all, "news.rss");
        assert_eq!(rss.feed, "news");
        assert_eq!(rss.body, b"<rss>1</rss>");
        assert_eq!(rss.etag, feedmill::output::file_tag(b"<rss>1</rss>"));
        assert_eq!(rss.modified_ms, t0.timestamp_millis());

        // The same bytes an hour later: nothing changes, nothing is announced. The next
        // notice is the JSON file stored after them.
        let later = t0 + chrono::Duration::hours(1);
        let same = files(&[
            ("news.rss", "<rss>1</rss>"),
            ("news.atom", "<feed>1</feed>"),
        ]);
        store.put_files(None, "news", same, later).await.unwrap();
        // What a build's files cost the database: BEGIN, one statement for all of them,
        // COMMIT (and the statement's preparation, once per pooled connection).
        let trips = store.round_trips();
        let again = files(&[
            ("news.rss", "<rss>1</rss>"),
            ("news.atom", "<feed>1</feed>"),
        ]);
        store.put_files(None, "news", again, later).await.unwrap();
        let cost = store.round_trips() - trips;
        assert!((3..=4).contains(&cost), "{cost} round trips");
        let json = files(&[("news.json", "{}")]);
        store.put_files(None, "news", json, later).await.unwrap();
        assert_eq!(next_notice(&mut events).await, "news.json");
        let all = store.all_files().await.unwrap();
        assert_eq!(by_name(&all, "news.rss").modified_ms, t0.timestamp_millis());

        // New bytes from an instance whose clock is behind: still a later second than the
        // old bytes had, so If-Modified-Since never takes them for the old ones.
        let behind = t0 - chrono::Duration::minutes(5);
        let changed = files(&[("news.rss", "<rss>2</rss>")]);
        store
            .put_files(None, "news", changed, behind)
            .await
            .unwrap();
        assert_eq!(next_notice(&mut events).await, "news.rss");
        let asked = ["news.rss".to_string(), "gone.rss".to_string()];
        let rss = store.files_named(&asked).await.unwrap();
        assert_eq!(rss.len(), 1, "a name not stored is left out");
        assert_eq!(rss[0].body, b"<rss>2</rss>");
        assert_eq!(rss[0].modified_ms, t0.timestamp_millis() + 1000);
        let mut tags = store.file_tags("news").await.unwrap();
        tags.sort();
        assert_eq!(tags.len(), 3);
        assert_eq!(
            tags[2],
            (
                "news.rss".into(),
                feedmill::output::file_tag(b"<rss>2</rss>")
            )
        );

        // A build whose lease another instance has since taken writes nothing.
        let conn = store.conn().await.unwrap();
        conn.execute(
            "INSERT INTO schedule (feed, next_due, lease_owner, lease_token) \
             VALUES ('news', now(), 'builder-2', 7)",
            &[],
        )
        .await
        .unwrap();
        let stale = Lease {
            feed: "news".into(),
            token: 6,
        };
        let late = files(&[("news.rss", "<rss>late</rss>")]);
        let err = store.put_files(Some(&stale), "news", late, later).await;
        assert!(matches!(err, Err(StoreError::LeaseLost { .. })), "{err:?}");
        let current = Lease {
            feed: "news".into(),
            token: 7,
        };
        let fresh = files(&[("news.rss", "<rss>3</rss>")]);
        store
            .put_files(Some(&current), "news", fresh, later)
            .await
            .unwrap();
        assert_eq!(next_notice(&mut events).await, "news.rss");
        let rss = store.files_named(&["news.rss".into()]).await.unwrap();
        assert_eq!(rss[0].body, b"<rss>3</rss>");
    });
}

/// A folder with a config serving from `url`, its output folder empty.
fn serving_config(dir: &Path, url: &str, feeds: &[&str]) -> PathBuf {
    std::fs::create_dir_all(dir.join("out")).unwrap();
    let mut text = format!("[settings]\ndatabase = \"{url}\"\noutput_dir = \"out\"\n");
    for id in feeds {
        text.push_str(&format!(
            "\n[feeds.{id}]\ntitle = \"{id}\"\nurl = \"http://127.0.0.1:9/{id}\"\ninterval = \"30m\"\n"
        ));
    }
    let cfg = dir.join("feeds.toml");
    std::fs::write(&cfg, text).unwrap();
    cfg
}

/// What a reader's cache keys on: status, bytes and validators.
fn seen(r: &Reply) -> (u16, Vec<u8>, Option<String>, Option<String>) {
    (
        r.status,
        r.body.clone(),
        r.header("etag").map(str::to_string),
        r.header("last-modified").map(str::to_string),
    )
}

fn etag_of(bytes: &[u8]) -> String {
    format!("\"{}\"", feedmill::output::file_tag(bytes))
}

/// Both instances answer every path alike, with the bytes the database holds.
fn assert_same_everywhere(a: &Daemon, b: &Daemon, expected: &[(&str, &str)]) {
    for (path, body) in expected {
        let (ra, rb) = (get(a.addr, path, &[]), get(b.addr, path, &[]));
        assert_eq!(ra.status, 200, "{path}\n{}", a.log());
        assert_eq!(seen(&ra), seen(&rb), "{path}: the instances differ");
        assert_eq!(ra.body, body.as_bytes(), "{path}");
        assert_eq!(ra.header("etag"), Some(etag_of(body.as_bytes()).as_str()));
        // A validator from one instance is good at the other (behind a load balancer).
        let etag = ra.header("etag").unwrap();
        assert_eq!(get(b.addr, path, &[("If-None-Match", etag)]).status, 304);
        let lm = ra.header("last-modified").unwrap();
        assert_eq!(get(b.addr, path, &[("If-Modified-Since", lm)]).status, 304);
    }
}

fn wait_for_etag(d: &Daemon, path: &str, body: &str) -> bool {
    let want = etag_of(body.as_bytes());
    wait_until(WAIT, || {
        get(d.addr, path, &[]).header("etag") == Some(want.as_str())
    })
}

#[test]
fn two_instances_serve_the_same_files_and_follow_the_database() {
    let Some(pg) = PgCluster::start_or_skip("two_instances_serve_the_same_files") else {
        return;
    };
    let url = pg.create_database("serve");
    let db = database(&url);
    let rt = runtime();
    let store = rt.block_on(PgStore::connect(&db, "builder")).unwrap();
    let t0 = Utc.with_ymd_and_hms(2026, 2, 11, 0, 0, 0).unwrap();
    let mut current = vec![
        ("/news.rss", "<rss>뉴스 1</rss>"),
        ("/news.atom", "<feed>뉴스 1</feed>"),
        ("/sports.rss", "<rss>스포츠 1</rss>"),
        ("/sports.json", "{\"title\":\"스포츠\"}"),
    ];
    let publish = |feed: &str, list: &[(&str, &str)], at| {
        let named: Vec<(&str, &str)> = list
            .iter()
            .filter(|(p, _)| p.starts_with(&format!("/{feed}.")))
            .map(|(p, b)| (&p[1..], *b))
            .collect();
        if let Err(e) = rt.block_on(store.put_files(None, feed, files(&named), at)) {
            panic!("storing {feed}'s files: {e}\n{}", pg.log());
        }
    };
    publish("news", &current, t0);
    publish("sports", &current, t0);

    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let a = Daemon::start(
        &serving_config(dir_a.path(), &url, &["news", "sports"]),
        &["serve"],
    );
    let b = Daemon::start(
        &serving_config(dir_b.path(), &url, &["news", "sports"]),
        &["serve"],
    );
    // Loaded before they say where they listen.
    assert_same_everywhere(&a, &b, &current);
    assert_eq!(get(a.addr, "/missing.rss", &[]).status, 404);

    // A rebuild reaches both, through the notice.
    current[0].1 = "<rss>뉴스 2: 속보</rss>";
    publish("news", &current, t0 + chrono::Duration::minutes(30));
    assert!(wait_for_etag(&a, "/news.rss", current[0].1), "{}", a.log());
    assert!(wait_for_etag(&b, "/news.rss", current[0].1), "{}", b.log());
    assert_same_everywhere(&a, &b, &current);

    // The database goes away: both notice, and keep answering from memory. (The test
    // cluster commits without waiting for its log, so a checkpoint first keeps what was
    // written across the crash, as a real server's commits are.)
    rt.block_on(async { store.conn().await?.batch("CHECKPOINT").await })
        .unwrap();
    pg.stop_server();
    for d in [&a, &b] {
        assert!(
            wait_until(WAIT, || d.log().contains("lost the database")),
            "{}",
            d.log()
        );
    }
    assert_same_everywhere(&a, &b, &current);

    // Back again, and a rebuild right away (maybe before the instances reconnect, so its
    // notice is missed): both load it all again and serve it.
    pg.start_server();
    current[2].1 = "<rss>스포츠 2</rss>";
    current[3].1 = "{\"title\":\"스포츠 2\"}";
    publish("sports", &current, t0 + chrono::Duration::minutes(60));
    for d in [&a, &b] {
        assert!(wait_for_etag(d, "/sports.rss", current[2].1), "{}", d.log());
        assert!(
            wait_for_etag(d, "/sports.json", current[3].1),
            "{}",
            d.log()
        );
        assert!(
            wait_until(WAIT, || d.log().contains("the database is back")),
            "{}",
            d.log()
        );
    }
    assert_same_everywhere(&a, &b, &current);
    // Said once per change of state, not once per retry.
    for d in [&a, &b] {
        assert_eq!(
            d.log().matches("lost the database").count(),
            1,
            "{}",
            d.log()
        );
    }

    // A file deleted without a notice (by hand): the instances' periodic comparison with
    // the table drops it.
    rt.block_on(async {
        let conn = store.conn().await?;
        conn.execute("DELETE FROM files WHERE name = 'news.atom'", &[])
            .await
    })
    .unwrap();
    for d in [&a, &b] {
        assert!(
            wait_until(WAIT, || get(d.addr, "/news.atom", &[]).status == 404),
            "{}",
            d.log()
        );
        assert_eq!(get(d.addr, "/news.rss", &[]).status, 200);
    }
}

const NOW: &str = "2026-02-11T09:00:00+09:00";

/// A section page of three articles, with clutter around the list.
fn section(name: &str, lead: &str) -> String {
    let items: String = (1..=3)
        .map(|i| {
            format!(
                "<li><a href=\"/news/{name}/{i}\">{name} {lead} {i}: 금리 동결</a><span class=\"date\">2026.02.10 1{i}:00</span></li>"
            )
        })
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"ko\"><head><meta charset=\"utf-8\"></head><body>\
         <nav><a href=\"/\">홈</a></nav><ul class=\"list\">{items}</ul>\
         <div class=\"rank\"><h3>많이 본 뉴스</h3><a href=\"/rank/1\">랭킹 1</a></div></body></html>"
    )
}

/// A folder with a config of the site's `feeds`, keeping its state in `url`.
fn site_config(dir: &Path, url: &str, server: &TestServer, feeds: &[&str]) -> PathBuf {
    std::fs::create_dir_all(dir.join("out")).unwrap();
    let mut text = format!(
        "[settings]\ndatabase = \"{url}\"\noutput_dir = \"out\"\nhost_delay = \"0s\"\ntimeout = \"10s\"\n"
    );
    for id in feeds {
        text.push_str(&format!(
            "\n[feeds.{id}]\ntitle = \"{id}\"\nurl = \"{}\"\ninterval = \"30m\"\n\
             [feeds.{id}.select]\nitem = \"ul.list > li\"\ndate = \"span.date\"\n",
            server.url(&format!("/{id}"))
        ));
    }
    let cfg = dir.join("feeds.toml");
    std::fs::write(&cfg, text).unwrap();
    cfg
}

fn build(cfg: &Path, args: &[&str]) {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let out = run_on_config(&all, cfg, NOW);
    assert!(
        out.status.success(),
        "feedmill build: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_build_into_the_database_is_served_alike_by_every_instance() {
    let Some(pg) = PgCluster::start_or_skip("a_build_into_the_database_is_served_alike") else {
        return;
    };
    let url = pg.create_database("fleet");
    let site = TestServer::start();
    site.set(
        "/news",
        Resp::html(section("news", "기사")).with_header("ETag", "\"n1\""),
    );
    site.set(
        "/sports",
        Resp::html(section("sports", "경기")).with_header("ETag", "\"s1\""),
    );
    let feeds = ["news", "sports"];
    let (builder, dir_a, dir_b) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let cfg = site_config(builder.path(), &url, &site, &feeds);
    build(&cfg, &[]);
    let written = |name: &str| std::fs::read(builder.path().join("out").join(name)).unwrap();

    let a = Daemon::start(&site_config(dir_a.path(), &url, &site, &feeds), &["serve"]);
    let b = Daemon::start(&site_config(dir_b.path(), &url, &site, &feeds), &["serve"]);
    // The default formats: RSS and Atom.
    let names = ["news.rss", "news.atom", "sports.rss", "sports.atom"];
    let check_all = |a: &Daemon, b: &Daemon| {
        for name in names {
            let path = format!("/{name}");
            let (ra, rb) = (get(a.addr, &path, &[]), get(b.addr, &path, &[]));
            assert_eq!(ra.status, 200, "{path}\n{}", a.log());
            assert_eq!(seen(&ra), seen(&rb), "{path}: the instances differ");
            assert_eq!(ra.body, written(name), "{path}: the bytes the build wrote");
            let parsed = feed_rs::parser::parse(&ra.body[..]).expect("a feed");
            assert_eq!(parsed.entries.len(), 3, "{path}");
        }
    };
    check_all(&a, &b);
    // Health from the database (the builds ran at FEEDMILL_NOW, long ago by the clock,
    // so the feeds count as stale; what matters is that their records are there).
    let health: serde_json::Value =
        serde_json::from_slice(&get(a.addr, "/healthz", &[]).body).unwrap();
    for feed in health["feeds"].as_array().unwrap() {
        assert_eq!(
            feed["last_success"], "2026-02-11T00:00:00+00:00",
            "{health:#}"
        );
        assert_eq!(feed["items"], 3, "{health:#}");
    }

    // New items on the site: a rebuild of that feed reaches both instances.
    site.set(
        "/news",
        Resp::html(section("news", "속보")).with_header("ETag", "\"n2\""),
    );
    build(&cfg, &["news"]);
    let rss = written("news.rss");
    assert!(String::from_utf8_lossy(&rss).contains("속보"));
    for d in [&a, &b] {
        assert!(
            wait_for_etag(d, "/news.rss", &String::from_utf8_lossy(&rss)),
            "{}",
            d.log()
        );
        let atom = written("news.atom");
        assert!(
            wait_until(WAIT, || get(d.addr, "/news.atom", &[]).body == atom),
            "{}",
            d.log()
        );
    }
    check_all(&a, &b);

    // The database lost a feed's files (a state just migrated from SQLite holds none): a
    // build whose render is skipped, the site answering 304, still puts them back.
    let rt = runtime();
    let store = rt
        .block_on(PgStore::connect(&database(&url), "test"))
        .unwrap();
    rt.block_on(async {
        let conn = store.conn().await?;
        conn.execute("DELETE FROM files WHERE feed = 'sports'", &[])
            .await
    })
    .unwrap();
    let before = site.not_modified("/sports");
    build(&cfg, &["sports"]);
    assert_eq!(
        site.not_modified("/sports"),
        before + 1,
        "the site said 304"
    );
    let mut tags = rt.block_on(store.file_tags("sports")).unwrap();
    tags.sort();
    let want: Vec<(String, String)> = ["sports.atom", "sports.rss"]
        .iter()
        .map(|n| (n.to_string(), feedmill::output::file_tag(&written(n))))
        .collect();
    assert_eq!(tags, want);
}

#[test]
fn serve_without_its_database_at_start_is_a_clear_error() {
    // A port nobody listens on.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let dir = tempfile::tempdir().unwrap();
    let url = format!("postgresql://feedmill:secret@127.0.0.1:{port}/feeds");
    let cfg = serving_config(dir.path(), &url, &["news"]);
    let cfg_arg = cfg.to_str().unwrap();
    let out = common::run_feedmill(
        &["--config", cfg_arg, "serve", "--listen", "127.0.0.1:0"],
        dir.path(),
        &[],
        WAIT,
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("cannot reach the database"), "{err}");
    assert!(!err.contains("secret"), "the password is not shown: {err}");
}

#[test]
fn run_with_a_listener_serves_from_the_database_like_serve() {
    let Some(pg) = PgCluster::start_or_skip("run_with_a_listener_serves_from_the_database") else {
        return;
    };
    let url = pg.create_database("run");
    let site = TestServer::start();
    site.set("/news", Resp::html(section("news", "기사")));
    let (dir_run, dir_serve) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let runner = Daemon::start(
        &site_config(dir_run.path(), &url, &site, &["news"]),
        &["run"],
    );
    let server = Daemon::start(
        &site_config(dir_serve.path(), &url, &site, &["news"]),
        &["serve"],
    );
    // The build `run` does reaches its own listener and the other instance, alike.
    for d in [&runner, &server] {
        assert!(
            wait_until(WAIT, || get(d.addr, "/news.rss", &[]).status == 200),
            "{}",
            d.log()
        );
    }
    let written = std::fs::read(dir_run.path().join("out/news.rss")).unwrap();
    let (r, s) = (
        get(runner.addr, "/news.rss", &[]),
        get(server.addr, "/news.rss", &[]),
    );
    assert_eq!(r.body, written);
    assert_eq!(seen(&r), seen(&s));
    // The index page comes from each instance's own folder: `run` writes one.
    assert!(
        wait_until(WAIT, || get(runner.addr, "/", &[]).status == 200),
        "{}",
        runner.log()
    );
}
