//! Three `feedmill run` instances sharing one PostgreSQL database, as a fleet runs them: the
//! fixture site counts and times every request. Over several intervals every feed is fetched
//! once per interval (never twice within less than its interval, whichever instance builds
//! it), no two requests to the site come closer than `host_delay`, and after one instance is
//! SIGKILLed its feeds are taken over once its leases run out. Every instance serves every
//! feed with the same bytes and ETag. A TERM lets an instance go
//! cleanly, saying what it cost the database.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::daemon::{get, Daemon, Options};
use common::postgres::{runtime, PgCluster};
use common::{wait_until, Resp, TestServer, WAIT};

const FEEDS: usize = 60;
const INTERVAL: Duration = Duration::from_secs(15);
const HOST_DELAY: Duration = Duration::from_millis(150);
const LEASE: Duration = Duration::from_secs(3);

fn section(n: usize) -> String {
    let items: String = (1..=3)
        .map(|i| {
            format!(
                "<li><a href=\"/news/{n}/{i}\">{n}번 섹션 기사 {i}: 한은 기준금리 동결</a>\
                 <span class=\"date\">2026.02.10 1{i}:00</span></li>"
            )
        })
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"ko\"><head><meta charset=\"utf-8\"><title>경제 {n}</title></head>\
         <body><nav><a href=\"/\">홈</a><a href=\"/politics\">정치</a></nav>\
         <ul class=\"list\">{items}</ul>\
         <div class=\"rank\"><h3>많이 본 뉴스</h3><ol><li><a href=\"/news/rank/1\">연예 소식</a></li></ol></div>\
         </body></html>"
    )
}

fn path(n: usize) -> String {
    format!("/section/{n:02}")
}

/// A feeds.toml: `settings` (the `[settings]` lines), then feeds `feeds` of the fixture site,
/// each refreshed every `interval`.
fn feeds_toml(
    settings: &str,
    feeds: impl IntoIterator<Item = usize>,
    interval: &str,
    server: &TestServer,
) -> String {
    let mut text = format!("[settings]\n{settings}");
    for n in feeds {
        text.push_str(&format!(
            "\n[feeds.s{n:02}]\ntitle = \"경제 {n}\"\nurl = \"{}\"\ninterval = \"{interval}\"\n\
             [feeds.s{n:02}.select]\nitem = \"ul.list > li\"\ndate = \"span.date\"\n",
            server.url(&path(n))
        ));
    }
    text
}

/// One instance's folder with its feeds.toml (the same feeds for all).
fn instance_config(root: &Path, name: &str, server: &TestServer) -> PathBuf {
    let dir = root.join(name);
    std::fs::create_dir_all(&dir).unwrap();
    let settings = format!(
        "host_delay = \"{}ms\"\ntimeout = \"10s\"\nlease = \"{}s\"\n",
        HOST_DELAY.as_millis(),
        LEASE.as_secs()
    );
    let interval = format!("{}s", INTERVAL.as_secs());
    let text = feeds_toml(&settings, 0..FEEDS, &interval, server);
    let cfg = dir.join("feeds.toml");
    std::fs::write(&cfg, text).unwrap();
    cfg
}

fn start(cfg: &Path, url: &str, name: &str) -> Daemon {
    Daemon::start_with(
        cfg,
        &["run"],
        Options {
            env: &[("FEEDMILL_DATABASE_URL", url), ("FEEDMILL_INSTANCE", name)],
            wrapper: None,
        },
    )
}

/// Each feed's request times, in order.
fn fetches(server: &TestServer) -> HashMap<String, Vec<Instant>> {
    let mut by_path: HashMap<String, Vec<Instant>> = HashMap::new();
    for (p, at) in server.arrivals() {
        by_path.entry(p).or_default().push(at);
    }
    by_path
}

fn logs(daemons: &[&Daemon]) -> String {
    daemons
        .iter()
        .map(|d| d.log())
        .collect::<Vec<_>>()
        .join("\n-----\n")
}

#[test]
fn three_instances_share_the_feeds_and_take_over_from_a_killed_one() {
    let Some(pg) = PgCluster::start_or_skip("three_instances_share_the_feeds") else {
        return;
    };
    let url = pg.create_database("fleet");
    let server = TestServer::start();
    for n in 0..FEEDS {
        server.set(&path(n), Resp::html(section(n)));
    }
    let root = tempfile::tempdir().unwrap();
    let cfgs: Vec<PathBuf> = ["a", "b", "c"]
        .iter()
        .map(|name| instance_config(root.path(), name, &server))
        .collect();
    let started = Instant::now();
    let a = start(&cfgs[0], &url, "fleet-a");
    let b = start(&cfgs[1], &url, "fleet-b");
    let c = start(&cfgs[2], &url, "fleet-c");

    // Several intervals: every feed fetched three times.
    let rounds = 3;
    let all_fetched = |least: usize| {
        let f = fetches(&server);
        (0..FEEDS).all(|n| f.get(&path(n)).is_some_and(|v| v.len() >= least))
    };
    assert!(
        wait_until(WAIT * 4, || all_fetched(rounds)),
        "not every feed was fetched {rounds} times: {:?}\n{}",
        fetches(&server).values().map(Vec::len).collect::<Vec<_>>(),
        logs(&[&a, &b, &c])
    );
    let elapsed = started.elapsed();
    let f = fetches(&server);
    // Never twice within less than the interval (less its jitter, and some slack for a
    // loaded machine), whichever instance built it.
    let least_gap = INTERVAL.mul_f64(0.8);
    for (p, times) in &f {
        for pair in times.windows(2) {
            let gap = pair[1] - pair[0];
            assert!(
                gap >= least_gap,
                "{p} was fetched twice {gap:?} apart\n{}",
                logs(&[&a, &b, &c])
            );
        }
        // And no more often than the time allows.
        let most = (elapsed.as_secs_f64() / least_gap.as_secs_f64()).ceil() as usize + 1;
        assert!(
            times.len() <= most,
            "{p}: {} fetches in {elapsed:?}",
            times.len()
        );
    }
    // The three took part.
    for d in [&a, &b, &c] {
        assert!(
            d.log().contains("items, "),
            "an instance built nothing\n{}",
            d.log()
        );
    }
    assert_host_delay(&server, &[&a, &b, &c]);

    // /metrics says what the database cost.
    let metrics = get(a.addr, "/metrics", &[]);
    let text = String::from_utf8_lossy(&metrics.body).to_string();
    assert!(
        text.lines().any(|l| l
            .strip_prefix("feedmill_database_round_trips_total ")
            .and_then(|n| n.parse::<u64>().ok())
            .is_some_and(|n| n > 0)),
        "{text}"
    );

    // Any instance serves every feed, whichever built it: the same bytes, ETag and
    // Last-Modified from each. A rebuild may land between two answers, so: until they agree.
    for n in 0..FEEDS {
        for ext in ["rss", "atom"] {
            let name = format!("/s{n:02}.{ext}");
            let agree = || {
                let replies: Vec<_> = [&a, &b, &c]
                    .iter()
                    .map(|d| get(d.addr, &name, &[]))
                    .collect();
                replies
                    .iter()
                    .all(|r| r.status == 200 && !r.body.is_empty())
                    && replies.windows(2).all(|w| {
                        w[0].body == w[1].body
                            && w[0].header("etag").is_some()
                            && w[0].header("etag") == w[1].header("etag")
                            && w[0].header("last-modified") == w[1].header("last-modified")
                    })
            };
            assert!(
                wait_until(WAIT, agree),
                "{name} differs between instances\n{}",
                logs(&[&a, &b, &c])
            );
        }
    }

    // SIGKILL one instance: the other two take its feeds over once its leases run out.
    // (Dropping a Daemon kills it with SIGKILL.)
    drop(b);
    let killed = Instant::now();
    let fetched_after = |at: Instant| {
        let f = fetches(&server);
        (0..FEEDS).all(|n| f.get(&path(n)).is_some_and(|v| v.iter().any(|t| *t > at)))
    };
    assert!(
        wait_until(WAIT * 2, || fetched_after(killed)),
        "some feeds were not fetched after the kill\n{}",
        logs(&[&a, &c])
    );
    // Within a lease and an interval (with its jitter, the site's queue and slack).
    let limit = LEASE + INTERVAL.mul_f64(1.1) + HOST_DELAY * FEEDS as u32 + Duration::from_secs(15);
    for (p, times) in fetches(&server) {
        let first = times.iter().find(|t| **t > killed).expect("fetched after");
        assert!(
            *first - killed <= limit,
            "{p} was taken over only {:?} after the kill\n{}",
            *first - killed,
            logs(&[&a, &c])
        );
        // No feed fetched twice too soon, except one whose build the kill cut short (its
        // result was never recorded, so it is fetched again once the lease runs out).
        for pair in times.windows(2) {
            let cut_short = pair[0] <= killed && killed - pair[0] < Duration::from_secs(5);
            assert!(
                cut_short || pair[1] - pair[0] >= least_gap,
                "{p} was fetched twice {:?} apart",
                pair[1] - pair[0]
            );
        }
    }
    assert_host_delay(&server, &[&a, &c]);

    // TERM: an instance finishes its builds, gives its leases back and says what it cost.
    let mut c = c;
    c.signal("TERM");
    assert_eq!(c.wait_exit(WAIT), Some(0), "{}", c.log());
    assert!(c.log().contains("database round trips"), "{}", c.log());
    drop(a);
}

/// No two requests to the site closer than `host_delay` (less a little for the time a
/// request takes to arrive on a loaded machine).
fn assert_host_delay(server: &TestServer, daemons: &[&Daemon]) {
    let times: Vec<Instant> = server.arrivals().into_iter().map(|(_, t)| t).collect();
    let mut sorted = times.clone();
    sorted.sort();
    let closest = sorted
        .windows(2)
        .map(|w| w[1] - w[0])
        .min()
        .unwrap_or(Duration::MAX);
    eprintln!(
        "closest two requests: {closest:?} apart ({} requests)",
        sorted.len()
    );
    assert!(
        closest >= HOST_DELAY / 2,
        "two requests {closest:?} apart (host_delay {HOST_DELAY:?})\n{}",
        logs(daemons)
    );
}

/// How many times `needle` occurs in `text`.
fn count(text: &str, needle: &str) -> usize {
    text.matches(needle).count()
}

#[test]
fn an_instance_rides_out_a_lost_database_and_resumes() {
    let Some(pg) = PgCluster::start_or_skip("an_instance_rides_out_a_lost_database") else {
        return;
    };
    let url = pg.create_database("outage");
    let server = TestServer::start();
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("solo");
    std::fs::create_dir_all(&dir).unwrap();
    for n in 0..4 {
        server.set(&path(n), Resp::html(section(n)));
    }
    let settings = "host_delay = \"50ms\"\ntimeout = \"10s\"\nlease = \"3s\"\n";
    let text = feeds_toml(settings, 0..4, "2s", &server);
    let cfg = dir.join("feeds.toml");
    std::fs::write(&cfg, text).unwrap();
    let mut d = start(&cfg, &url, "solo");
    let each_fetched = |least: &[usize]| (0..4).all(|n| server.hits(&path(n)) >= least[n]);
    assert!(wait_until(WAIT, || each_fetched(&[2; 4])), "{}", d.log());

    pg.stop_server();
    assert!(
        wait_until(WAIT, || d
            .log()
            .contains("serving what is built and trying again")),
        "{}",
        d.log()
    );
    // The server keeps answering while the database is gone.
    assert_eq!(get(d.addr, "/metrics", &[]).status, 200);
    assert!(d.is_running());

    pg.start_server();
    assert!(
        wait_until(WAIT, || d.log().contains("the database answers again")),
        "{}",
        d.log()
    );
    let now: Vec<usize> = (0..4).map(|n| server.hits(&path(n)) + 2).collect();
    assert!(
        wait_until(WAIT, || each_fetched(&now)),
        "the feeds were not refreshed after the database came back\n{}",
        d.log()
    );
    // Said once when it went and once when it came back.
    let log = d.log();
    assert_eq!(
        count(&log, "serving what is built and trying again"),
        1,
        "{log}"
    );
    assert_eq!(count(&log, "the database answers again"), 1, "{log}");
}

#[test]
fn run_stops_with_a_clear_error_when_the_database_is_unreachable() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let server = TestServer::start();
    let root = tempfile::tempdir().unwrap();
    let cfg = instance_config(root.path(), "a", &server);
    let url = format!("postgresql://feedmill:secret@127.0.0.1:{port}/feeds");
    let out = common::run_feedmill(
        &["--config", cfg.to_str().unwrap(), "run"],
        cfg.parent().unwrap(),
        &[("FEEDMILL_DATABASE_URL", &url)],
        common::RUN_TIMEOUT,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("cannot reach the database"), "{stderr}");
    assert!(
        !stderr.contains("secret"),
        "the password is never shown: {stderr}"
    );
    assert_eq!(server.total_hits(), 0);
}

#[test]
fn a_reload_registers_new_feeds_and_term_gives_the_leases_back() {
    let Some(pg) = PgCluster::start_or_skip("a_reload_registers_new_feeds") else {
        return;
    };
    let url = pg.create_database("reload");
    let server = TestServer::start();
    for n in 0..3 {
        server.set(&path(n), Resp::html(section(n)));
    }
    // Feed 1 answers slowly: TERM comes while it is being built.
    server.set(
        &path(1),
        Resp::html(section(1)).with_delay(Duration::from_secs(2)),
    );
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("solo");
    std::fs::create_dir_all(&dir).unwrap();
    let write = |feeds: &[usize], interval: &str| {
        let settings = "host_delay = \"0s\"\nlease = \"3s\"\n";
        let text = feeds_toml(settings, feeds.iter().copied(), interval, &server);
        std::fs::write(dir.join("feeds.toml"), text).unwrap();
    };
    write(&[0], "1h");
    let mut d = start(&dir.join("feeds.toml"), &url, "solo");
    assert!(
        wait_until(WAIT, || server.hits(&path(0)) == 1),
        "{}",
        d.log()
    );

    // A reload adds feeds: they are registered and built; the known one is not asked again.
    write(&[0, 1, 2], "1h");
    d.signal("HUP");
    assert!(
        wait_until(WAIT, || server.hits(&path(2)) == 1
            && server.hits(&path(1)) == 1),
        "{}",
        d.log()
    );
    assert_eq!(server.hits(&path(0)), 1);

    // TERM while feed 1 is being built again: the build ends, is recorded, and no lease is
    // left behind for the others to wait out.
    write(&[0, 1, 2], "2s");
    d.signal("HUP");
    assert!(
        wait_until(WAIT, || server.hits(&path(1)) == 2),
        "{}",
        d.log()
    );
    d.signal("TERM");
    assert_eq!(d.wait_exit(WAIT), Some(0), "{}", d.log());
    let held = runtime().block_on(async {
        let store = feedmill::store::pg::PgStore::connect(
            &feedmill::config::Database {
                url: url.clone(),
                origin: "settings.database",
            },
            "test",
        )
        .await
        .unwrap();
        let conn = store.conn().await.unwrap();
        conn.query_one(
            "SELECT count(*) FROM schedule WHERE lease_owner IS NOT NULL",
            &[],
        )
        .await
        .unwrap()
        .get::<_, i64>(0)
    });
    assert_eq!(held, 0, "{}", d.log());
}

/// Two instances whose feeds.toml files differ: each refreshes only the feeds its own file
/// names (the site tells them apart by their User-Agent), both share the feeds they have in
/// common, and `status` names the instance that last built each feed.
#[test]
fn instances_with_different_configs_refresh_only_the_feeds_they_know() {
    let Some(pg) = PgCluster::start_or_skip("instances_with_different_configs") else {
        return;
    };
    let url = pg.create_database("differ");
    let server = TestServer::start();
    for n in 0..4 {
        server.set(&path(n), Resp::html(section(n)));
    }
    let root = tempfile::tempdir().unwrap();
    // Feed 0 only in a's file, feed 3 only in b's, feeds 1 and 2 in both.
    let write = |name: &str, feeds: &[usize]| {
        let dir = root.path().join(name);
        std::fs::create_dir_all(&dir).unwrap();
        let settings =
            format!("host_delay = \"0s\"\nlease = \"3s\"\nuser_agent = \"feedmill-{name}\"\n");
        let text = feeds_toml(&settings, feeds.iter().copied(), "2s", &server);
        let cfg = dir.join("feeds.toml");
        std::fs::write(&cfg, text).unwrap();
        cfg
    };
    let (cfg_a, cfg_b) = (write("a", &[0, 1, 2]), write("b", &[1, 2, 3]));
    let a = start(&cfg_a, &url, "fleet-a");
    let b = start(&cfg_b, &url, "fleet-b");
    let agent = |n: usize| {
        server
            .last_request_headers(&path(n))
            .into_iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("user-agent"))
            .map(|(_, v)| v)
    };
    // Several refreshes of each; after every one, the only-one-instance feeds were asked by
    // their own instance.
    let mut seen = [0usize; 4];
    let done = wait_until(WAIT * 2, || {
        for (n, count) in seen.iter_mut().enumerate() {
            let hits = server.hits(&path(n));
            if hits > *count {
                *count = hits;
                match n {
                    0 => assert_eq!(agent(0).as_deref(), Some("feedmill-a")),
                    3 => assert_eq!(agent(3).as_deref(), Some("feedmill-b")),
                    _ => {}
                }
            }
        }
        seen.iter().all(|&h| h >= 4)
    });
    assert!(done, "{seen:?}\n{}", logs(&[&a, &b]));

    // `status` (on a's file) names who built each of a's feeds.
    let out = common::run_feedmill(
        &["--config", cfg_a.to_str().unwrap(), "status", "--json"],
        cfg_a.parent().unwrap(),
        &[("FEEDMILL_DATABASE_URL", &url)],
        common::RUN_TIMEOUT,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let status: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let built_by = |id: &str| {
        status["feeds"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["feed"] == id)
            .map(|f| f["built_by"].clone())
    };
    assert_eq!(
        built_by("s00"),
        Some(serde_json::json!("fleet-a")),
        "{status:#}"
    );
    for id in ["s01", "s02"] {
        let who = built_by(id).unwrap();
        assert!(who == "fleet-a" || who == "fleet-b", "{id}: {who}");
    }
    drop((a, b));
}
