//! The PostgreSQL store opened as feedmill opens it: schema migrations at start (three
//! instances starting together take turns), a clear error when the server is not there; the
//! same history on PostgreSQL as on SQLite, operation by operation; a build whose lease was
//! taken over writes nothing; what a merge costs in round trips.

mod common;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use common::postgres::{runtime, settings_for, shown, PgCluster, Shown};
use feedmill::config::Database;
use feedmill::dates::Label;
use feedmill::extract::ListItem;
use feedmill::fetch::Validators;
use feedmill::store::pg::PgStore;
use feedmill::store::{
    ArticleUpdate, FeedHealth, Lease, MergeStats, PendingArticle, Rendered, StoreError, StoreHandle,
};
use url::Url;

const SEOUL: Tz = chrono_tz::Asia::Seoul;

#[test]
fn instances_starting_together_migrate_once() {
    let Some(pg) = PgCluster::start_or_skip("instances_starting_together_migrate_once") else {
        return;
    };
    let url = pg.create_database("migrate");
    let settings = settings_for(&url);
    runtime().block_on(async {
        let opened =
            futures_util::future::join_all((0..3).map(|_| StoreHandle::open(&settings))).await;
        for o in &opened {
            assert!(
                o.is_ok(),
                "open failed: {:?}",
                o.as_ref().err().map(|e| e.to_string())
            );
        }
        // Opened again: nothing to do, and the read-only opening accepts the schema.
        StoreHandle::open(&settings).await.unwrap();
        let ro = StoreHandle::open_read_only(&settings).await.unwrap();
        assert!(ro.is_some());
        assert!(ro.unwrap().round_trips().unwrap() > 0);
    });
}

#[test]
fn an_unreachable_database_is_a_clear_error() {
    // A port nobody listens on: the error names the URL, masks the password, says what to do.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let settings = settings_for(&format!(
        "postgresql://feedmill:secret@127.0.0.1:{port}/feeds"
    ));
    let err = match runtime().block_on(StoreHandle::open(&settings)) {
        Ok(_) => panic!("opened a database nobody serves"),
        Err(e) => e.to_string(),
    };
    assert!(err.contains("cannot reach the database"), "{err}");
    assert!(err.contains(&format!("127.0.0.1:{port}")), "{err}");
    assert!(
        !err.contains("secret"),
        "the password must not be shown: {err}"
    );
    assert!(err.contains("****"), "{err}");
}

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn url(s: &str) -> Url {
    Url::parse(s).unwrap()
}

/// A list item as the list reader gives it: its date text read at `now` (published time,
/// and a 수정 time when the text has one).
fn item(link: &str, title: &str, date_text: Option<&str>, now: DateTime<Utc>) -> ListItem {
    let all = date_text
        .map(|d| feedmill::dates::parse_all(d, now, SEOUL))
        .unwrap_or_default();
    ListItem {
        link: url(link),
        title: Some(title.to_string()),
        summary: Some(format!("{title} 요약")),
        author: None,
        image: None,
        date_text: date_text.map(str::to_string),
        date: all
            .iter()
            .find(|s| s.label != Some(Label::Updated))
            .copied(),
        updated: all
            .iter()
            .find(|s| s.label == Some(Label::Updated))
            .copied(),
        date_problem: None,
    }
}

/// Everything a scenario saw, compared between the backends.
#[derive(Debug, PartialEq)]
struct Seen {
    stats: Vec<MergeStats>,
    items: Vec<Vec<Shown>>,
    summaries: Vec<(usize, Option<DateTime<Utc>>)>,
    summary: (usize, Option<DateTime<Utc>>),
    pending: Vec<PendingArticle>,
    sources: Vec<Option<String>>,
    validators: Vec<Option<Validators>>,
    rendered: Option<Rendered>,
    health: Vec<FeedHealth>,
    forgot: usize,
    after_forget: (usize, Vec<FeedHealth>, Option<Rendered>),
}

/// One feed's life: built three times (items new, retitled, gone from the page, relative
/// times, a link shown twice, pruned), article pages read and failed, health recorded,
/// then forgotten.
async fn scenario(store: &StoreHandle) -> Seen {
    let (t1, t2, t3) = (
        t("2026-02-11T09:00:00+09:00"),
        t("2026-02-11T10:00:00+09:00"),
        t("2026-02-11T11:00:00+09:00"),
    );
    let list = url("https://news.example.kr/list");
    let v1 = Validators {
        etag: Some("\"v1\"".into()),
        last_modified: Some("Wed, 11 Feb 2026 00:00:00 GMT".into()),
    };
    let v2 = Validators {
        etag: Some("\"v2\"".into()),
        last_modified: None,
    };
    let mut stats = Vec::new();
    let mut items = Vec::new();
    let page1 = vec![
        item(
            "https://news.example.kr/a",
            "가",
            Some("입력 2026.02.10 19:32 | 수정 2026.02.11 08:05"),
            t1,
        ),
        item("https://news.example.kr/b", "나", None, t1),
        item("https://news.example.kr/c", "다", Some("3시간 전"), t1),
        item("https://news.example.kr/d", "라", Some("2026.02.09"), t1),
    ];
    stats.push(
        store
            .merge("f", page1, vec![(list.clone(), v1)], t1, SEOUL, 10)
            .await
            .unwrap(),
    );
    stats.push(
        store
            .merge(
                "g",
                vec![item("https://news.example.kr/a", "가", None, t1)],
                vec![],
                t1,
                SEOUL,
                10,
            )
            .await
            .unwrap(),
    );
    items.push(shown(store, "f").await);

    let pending = store.pending_articles("f", 10).await.unwrap();
    let a = url("https://news.example.kr/a");
    let b = url("https://news.example.kr/b");
    store
        .apply_article(
            "f",
            &a,
            ArticleUpdate {
                published: Some(t("2026-02-10T19:30:00+09:00")),
                title: Some("가 (기사)".into()),
                content: Some("<p>본문</p>".into()),
                sources: "published=json-ld title=meta".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    store.article_failed("f", &b).await.unwrap();

    // b retitled, c read an hour later, a from the list again, e new and shown twice
    let page2 = vec![
        item("https://news.example.kr/e", "마", None, t2),
        item("https://news.example.kr/b", "나2", None, t2),
        item("https://news.example.kr/c", "다", Some("4시간 전"), t2),
        item(
            "https://news.example.kr/a",
            "가 목록",
            Some("입력 2026.02.10 19:32"),
            t2,
        ),
        item("https://news.example.kr/e", "마2", None, t2),
    ];
    stats.push(
        store
            .merge("f", page2, vec![(list.clone(), v2)], t2, SEOUL, 10)
            .await
            .unwrap(),
    );
    items.push(shown(store, "f").await);

    // pruned to the newest three
    let page3 = vec![item(
        "https://news.example.kr/z",
        "하",
        Some("2026.02.11 10:59"),
        t3,
    )];
    stats.push(store.merge("f", page3, vec![], t3, SEOUL, 3).await.unwrap());
    items.push(shown(store, "f").await);

    let summaries = store
        .feed_summaries(&[
            ("f".into(), 10),
            ("g".into(), 10),
            ("f".into(), 2),
            ("none".into(), 5),
        ])
        .await
        .unwrap();
    let summary = store.feed_summary("f", 2).await.unwrap();
    let mut pending_all = pending;
    pending_all.extend(store.pending_articles("f", 10).await.unwrap());
    let sources = vec![
        store.sources("f", &a).await.unwrap(),
        store.sources("f", &b).await.unwrap(),
        store
            .sources("f", &url("https://news.example.kr/none"))
            .await
            .unwrap(),
    ];
    let validators = vec![
        store.validators("f", &list).await.unwrap(),
        store.validators("g", &list).await.unwrap(),
    ];
    let rendered = Rendered {
        key: "k1".into(),
        extraction: "li\u{1e}a".into(),
        files: "f.rss 10 0123456789abcdef".into(),
    };
    store
        .record_success("f", t2, 3, Some(rendered))
        .await
        .unwrap();
    store.record_success("g", t1, 1, None).await.unwrap();
    store.record_failure("f", t3, "boom").await.unwrap();
    store.record_failure("f", t3, "boom again").await.unwrap();
    store.record_failure("h", t3, "never built").await.unwrap();
    store
        .set_next_attempt("f", t("2026-02-11T12:00:00+09:00"))
        .await
        .unwrap();
    let health = store.health().await.unwrap();
    let rendered = store.rendered("f").await.unwrap();
    let forgot = store.forget("f").await.unwrap();
    let after_forget = (
        store.feed_items("f", 10, SEOUL).await.unwrap().len(),
        store.health().await.unwrap(),
        store.rendered("f").await.unwrap(),
    );
    Seen {
        stats,
        items,
        summaries,
        summary,
        pending: pending_all,
        sources,
        validators,
        rendered,
        health,
        forgot,
        after_forget,
    }
}

async fn pg_store(pg: &PgCluster, name: &str, instance: &str) -> PgStore {
    let db = Database {
        url: pg.create_database(name),
        origin: "settings.database",
    };
    PgStore::connect(&db, instance).await.unwrap()
}

#[test]
fn postgres_keeps_the_same_history_as_sqlite() {
    let Some(pg) = PgCluster::start_or_skip("postgres_keeps_the_same_history_as_sqlite") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    runtime().block_on(async {
        let sqlite = StoreHandle::open_sqlite(dir.path()).unwrap();
        let postgres = StoreHandle::postgres(pg_store(&pg, "same", "instance-a").await);
        let want = scenario(&sqlite).await;
        let mut got = scenario(&postgres).await;
        for h in got.health.iter_mut().chain(got.after_forget.1.iter_mut()) {
            assert_eq!(h.built_by.as_deref(), Some("instance-a"), "{h:?}");
            h.built_by = None;
        }
        assert_eq!(got, want);
        // The scenario did what it says (so an empty run cannot pass).
        assert_eq!(want.stats[0], MergeStats { new: 4, changed: 0 });
        assert_eq!(want.forgot, 3);
        assert!(want.health.iter().any(|h| h.feed == "h"));
        assert!(want.items[1].iter().any(|i| i.1 == "가 (기사)"));
    });
}

#[test]
fn a_write_under_a_lost_lease_changes_nothing() {
    let Some(pg) = PgCluster::start_or_skip("a_write_under_a_lost_lease_changes_nothing") else {
        return;
    };
    runtime().block_on(async {
        let store = pg_store(&pg, "lease", "instance-a").await;
        let handle = StoreHandle::postgres(store.clone());
        let now = t("2026-02-11T09:00:00+09:00");
        let a = url("https://news.example.kr/a");
        handle
            .merge("f", vec![item(a.as_str(), "가", None, now)], vec![], now, SEOUL, 10)
            .await
            .unwrap();
        handle.record_success("f", now, 1, None).await.unwrap();
        // Another instance claimed the feed since: the schedule holds its token, 2.
        store
            .conn()
            .await
            .unwrap()
            .execute(
                "INSERT INTO schedule (feed, next_due, lease_owner, lease_until, lease_token)
                 VALUES ('f', now(), 'instance-b', now() + interval '1 minute', 2)",
                &[],
            )
            .await
            .unwrap();
        let before = (shown(&handle, "f").await, handle.health().await.unwrap());
        let stale = handle.with_lease(Lease { feed: "f".into(), token: 1 });
        let later = t("2026-02-11T10:00:00+09:00");
        let lost = |r: Result<_, StoreError>| matches!(r, Err(StoreError::LeaseLost { ref feed }) if feed == "f");
        assert!(lost(
            stale
                .merge("f", vec![item(a.as_str(), "늦은 제목", None, later), item("https://news.example.kr/b", "나", None, later)], vec![], later, SEOUL, 10)
                .await
                .map(|_| ())
        ));
        assert!(lost(stale.record_success("f", later, 2, None).await));
        assert!(lost(stale.record_failure("f", later, "late").await));
        assert!(lost(
            stale
                .apply_article("f", &a, ArticleUpdate { title: Some("늦은".into()), ..Default::default() })
                .await
        ));
        assert!(lost(stale.article_failed("f", &a).await));
        assert_eq!((shown(&handle, "f").await, handle.health().await.unwrap()), before);
        assert_eq!(handle.pending_articles("f", 10).await.unwrap().len(), 1);

        // The holder of the current lease writes.
        let current = handle.with_lease(Lease { feed: "f".into(), token: 2 });
        current.record_failure("f", later, "boom").await.unwrap();
        assert_eq!(handle.health().await.unwrap()[0].last_error.as_deref(), Some("boom"));
    });
}

#[test]
fn a_merge_costs_the_same_round_trips_whatever_its_size() {
    let Some(pg) = PgCluster::start_or_skip("a_merge_costs_the_same_round_trips_whatever_its_size")
    else {
        return;
    };
    runtime().block_on(async {
        let store = pg_store(&pg, "trips", "instance-a").await;
        let handle = StoreHandle::postgres(store.clone());
        let lease = Lease { feed: "f".into(), token: 1 };
        store
            .conn()
            .await
            .unwrap()
            .execute(
                "INSERT INTO schedule (feed, next_due, lease_owner, lease_until, lease_token)
                 VALUES ('f', now(), 'instance-a', now() + interval '1 minute', 1)",
                &[],
            )
            .await
            .unwrap();
        let leased = handle.with_lease(lease);
        let list = url("https://news.example.kr/list");
        let mut costs = Vec::new();
        for (round, size) in [(0, 5), (1, 5), (2, 200), (3, 200)] {
            let now = t("2026-02-11T09:00:00+09:00") + chrono::Duration::minutes(round);
            let page: Vec<ListItem> = (0..size)
                .map(|i| item(&format!("https://news.example.kr/{i}"), &format!("제목 {round}"), None, now))
                .collect();
            let v = Validators { etag: Some(format!("\"{round}\"")), last_modified: None };
            let before = store.round_trips();
            let stats = leased.merge("f", page, vec![(list.clone(), v)], now, SEOUL, 500).await.unwrap();
            assert_eq!(stats.new, if round % 2 == 0 { size - if round == 2 { 5 } else { 0 } } else { 0 });
            costs.push(store.round_trips() - before);
        }
        eprintln!("round trips per merge (5, 5, 200, 200 items; first of each with the statements prepared): {costs:?}");
        // Prepared statements are cached per connection, so the pool's connection in use
        // decides whether a merge prepares; the steady cost is what matters.
        assert!(costs.iter().all(|&c| c <= 12), "{costs:?}");
        assert_eq!(costs[1], costs[3], "the cost does not grow with the items: {costs:?}");
    });
}

#[test]
fn a_large_state_is_copied_in_chunks_and_whole() {
    let Some(pg) = PgCluster::start_or_skip("a_large_state_is_copied_in_chunks_and_whole") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    // Three feeds, 2,500 items in all: the copy crosses its chunk boundaries inside a feed
    // and between feeds.
    let mut sqlite = feedmill::store::Store::open(dir.path()).unwrap();
    let now = t("2026-02-11T09:00:00+09:00");
    for (feed, n) in [("a", 1200), ("b", 1), ("c", 1299)] {
        let page: Vec<ListItem> = (0..n)
            .map(|i| {
                item(
                    &format!("https://news.example.kr/{feed}/{i}"),
                    "제목",
                    None,
                    now,
                )
            })
            .collect();
        sqlite.merge(feed, &page, &[], now, SEOUL, 5000).unwrap();
        sqlite.record_success(feed, now, n, None).unwrap();
    }
    runtime().block_on(async {
        let store = pg_store(&pg, "large", "instance-a").await;
        let report = store.copy_from_sqlite(&sqlite).await.unwrap();
        assert_eq!((report.items.read, report.items.copied), (2500, 2500));
        assert_eq!(report.health.copied, 3);
        let again = store.copy_from_sqlite(&sqlite).await.unwrap();
        assert_eq!((again.items.read, again.items.copied), (2500, 0));
        let handle = StoreHandle::postgres(store);
        for (feed, n) in [("a", 1200), ("b", 1), ("c", 1299)] {
            let got = handle.feed_items(feed, 5000, SEOUL).await.unwrap();
            assert_eq!(got, sqlite.feed_items(feed, 5000, SEOUL).unwrap());
            assert_eq!(got.len(), n);
        }
    });
}
