//! `feedmill migrate --from-sqlite` end to end: a feed built on SQLite, copied into
//! PostgreSQL (twice: the second copy keeps what is there), then read and built by a fleet
//! instance: the same items, first-seen times, validators and health; `status` says which
//! instance built the feed.

mod common;

use chrono::{DateTime, Utc};
use common::postgres::{runtime, settings_for, shown, PgCluster, Shown};
use common::{fixture, run_on_config, Resp, TestServer};
use feedmill::store::StoreHandle;
use url::Url;

/// A feed of list_utf8.html (7 articles, some printing no time) at `url`, its state in
/// `state/`, and with `database` its state in PostgreSQL instead.
fn write_config(
    dir: &std::path::Path,
    name: &str,
    url: &str,
    database: Option<&str>,
) -> std::path::PathBuf {
    let database = database
        .map(|d| format!("database = \"{d}\"\n"))
        .unwrap_or_default();
    let path = dir.join(name);
    std::fs::write(
        &path,
        format!(
            r#"[settings]
output_dir = "output"
state_dir = "state"
timezone = "Asia/Seoul"
host_delay = "0s"
{database}
[feeds.hanbit-global]
title = "뉴스한빛 국제"
url = "{url}"
language = "ko"
[feeds.hanbit-global.select]
item = "div.news-list article.item"
link = "h3 a"
title = "h3 a"
summary = "p.summary"
date = "span.date"
image = "img"
author = "span.writer"
"#
        ),
    )
    .unwrap();
    path
}

fn stdout_of(out: &std::process::Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}

/// What a store holds of the feed: its items as shown, and each with its first-seen time.
async fn held(store: &StoreHandle) -> (Vec<Shown>, Vec<(String, DateTime<Utc>)>) {
    let firsts = store
        .pending_articles("hanbit-global", 50)
        .await
        .unwrap()
        .into_iter()
        .map(|p| (p.link.to_string(), p.first_seen))
        .collect();
    (shown(store, "hanbit-global").await, firsts)
}

#[test]
fn migrate_copies_a_sqlite_state_into_postgresql() {
    let Some(pg) = PgCluster::start_or_skip("migrate_copies_a_sqlite_state_into_postgresql") else {
        return;
    };
    let url = pg.create_database("migrated");
    let server = TestServer::start();
    // With an ETag: the validators are copied too, and the fleet's first build asks with it.
    let mut list = Resp::html(fixture("list_utf8.html"));
    list.headers.push(("ETag".into(), "\"list-1\"".into()));
    server.set("/news/section/global", list);
    let page = server.url("/news/section/global");
    let dir = tempfile::tempdir().unwrap();
    let sqlite_cfg = write_config(dir.path(), "feeds.toml", &page, None);
    let pg_cfg = write_config(dir.path(), "fleet.toml", &page, Some(&url));

    // A single machine's history: built once, so every item has its first-seen time.
    stdout_of(
        &run_on_config(&["build"], &sqlite_cfg, "2026-02-11T09:00:00+09:00"),
        "build on SQLite",
    );
    let status_sqlite: serde_json::Value = serde_json::from_str(&stdout_of(
        &run_on_config(
            &["status", "--json"],
            &sqlite_cfg,
            "2026-02-11T09:00:00+09:00",
        ),
        "status on SQLite",
    ))
    .unwrap();

    // Without a database in the config, there is nowhere to copy to.
    let out = run_on_config(
        &["migrate", "--from-sqlite", "state"],
        &sqlite_cfg,
        "2026-02-11T09:00:00+09:00",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("names no database"));

    let first = stdout_of(
        &run_on_config(
            &["migrate", "--from-sqlite", "state"],
            &pg_cfg,
            "2026-02-11T09:00:00+09:00",
        ),
        "migrate",
    );
    assert!(first.contains("items: 7 copied\n"), "{first}");
    assert!(first.contains("feed health: 1 copied\n"), "{first}");
    assert!(first.contains("validators: 1 copied\n"), "{first}");
    // Again: everything is there already, and kept.
    let db_file = dir.path().join("state/feedmill.db");
    let again = stdout_of(
        &run_on_config(
            &["migrate", "--from-sqlite", db_file.to_str().unwrap()],
            &pg_cfg,
            "2026-02-11T09:00:00+09:00",
        ),
        "migrate again",
    );
    assert!(
        again.contains("items: 0 copied, 7 already there"),
        "{again}"
    );
    eprintln!("{first}{again}");

    let status_pg: serde_json::Value = serde_json::from_str(&stdout_of(
        &run_on_config(&["status", "--json"], &pg_cfg, "2026-02-11T09:00:00+09:00"),
        "status on PostgreSQL",
    ))
    .unwrap();
    assert_eq!(
        status_pg, status_sqlite,
        "the same health, read from PostgreSQL"
    );

    let settings = settings_for(&url);
    let rt = runtime();
    let (sqlite_held, pg_held) = rt.block_on(async {
        let sqlite = StoreHandle::open_sqlite(&dir.path().join("state")).unwrap();
        let postgres = StoreHandle::open(&settings).await.unwrap();
        assert_eq!(
            postgres.rendered("hanbit-global").await.unwrap(),
            None,
            "rendered is not copied"
        );
        let page = Url::parse(&page).unwrap();
        let kept = sqlite.validators("hanbit-global", &page).await.unwrap();
        assert!(kept.is_some());
        assert_eq!(
            postgres.validators("hanbit-global", &page).await.unwrap(),
            kept
        );
        (held(&sqlite).await, held(&postgres).await)
    });
    assert_eq!(sqlite_held.0.len(), 7);
    assert_eq!(pg_held, sqlite_held);

    // The fleet builds the feed a day later: the items keep their first-seen times (an
    // undated item keeps the time it was first seen on the single machine), and status says
    // which instance built it.
    let mut cmd = common::feedmill_command(
        &["--config", pg_cfg.to_str().unwrap(), "build"],
        dir.path(),
        &[
            ("FEEDMILL_NOW", "2026-02-12T09:00:00+09:00"),
            ("FEEDMILL_INSTANCE", "fleet-1"),
        ],
    );
    cmd.stdin(std::process::Stdio::null());
    let out = common::wait_output(
        cmd.spawn().unwrap(),
        common::RUN_TIMEOUT,
        "build on PostgreSQL",
    );
    stdout_of(&out, "build on PostgreSQL");
    let after = rt.block_on(async { held(&StoreHandle::open(&settings).await.unwrap()).await });
    assert_eq!(after, sqlite_held);
    let table = stdout_of(
        &run_on_config(&["status"], &pg_cfg, "2026-02-12T09:00:00+09:00"),
        "status table",
    );
    assert!(
        table.lines().next().unwrap().contains("built by"),
        "{table}"
    );
    assert!(table.contains("fleet-1"), "{table}");
}
