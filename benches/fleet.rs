//! The fleet's throughput, reported (not asserted): one `feedmill run` instance against 2,000
//! feeds on the fixture server, then three instances on the same database; refreshes per
//! second and database round trips per refresh, read from each instance's `/metrics`.
//!
//! `cargo bench --bench fleet` (release build); `cargo bench --bench fleet --profile dev`
//! for a quick look. Needs PostgreSQL's `initdb` (skipped with a message otherwise).
//! `host_delay` is 0 here (all feeds share one host, which would otherwise set the pace): with
//! a delay each request adds one round trip, reserving its host slot.

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::daemon::{get, Daemon, Options};
use common::postgres::PgCluster;
use common::{wait_until, Resp, TestServer};

const FEEDS: usize = 2000;

fn page(n: usize) -> String {
    let items: String = (1..=10)
        .map(|i| {
            format!(
                "<li><a href=\"/news/{n}/{i}\">{n}번 섹션 기사 {i}: 기준금리 동결 발표</a>\
                 <span class=\"date\">2026.02.10 1{}:00</span></li>",
                i % 10
            )
        })
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"ko\"><head><meta charset=\"utf-8\"></head><body>\
         <nav><a href=\"/\">홈</a></nav><ul class=\"list\">{items}</ul>\
         <div class=\"rank\"><h3>많이 본 뉴스</h3></div></body></html>"
    )
}

fn config(root: &Path, name: &str, server: &TestServer) -> PathBuf {
    let dir = root.join(name);
    std::fs::create_dir_all(&dir).unwrap();
    let mut text = String::from("[settings]\nhost_delay = \"0s\"\ntimeout = \"30s\"\n");
    for n in 0..FEEDS {
        text.push_str(&format!(
            "\n[feeds.f{n:04}]\ntitle = \"섹션 {n}\"\nurl = \"{}\"\ninterval = \"6h\"\n\
             [feeds.f{n:04}.select]\nitem = \"ul.list > li\"\ndate = \"span.date\"\n",
            server.url(&format!("/s/{n}"))
        ));
    }
    let cfg = dir.join("feeds.toml");
    std::fs::write(&cfg, text).unwrap();
    cfg
}

/// The sum of a metric's samples in `/metrics`.
fn metric(d: &Daemon, name: &str) -> u64 {
    let body = get(d.addr, "/metrics", &[]).body;
    String::from_utf8_lossy(&body)
        .lines()
        .filter(|l| l.starts_with(name) && !l.starts_with('#'))
        .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
        .sum::<f64>() as u64
}

fn measure(pg: &PgCluster, server: &TestServer, instances: usize) {
    let url = pg.create_database(&format!("bench{instances}"));
    let root = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let daemons: Vec<Daemon> = (0..instances)
        .map(|i| {
            let name = format!("bench-{i}");
            let cfg = config(root.path(), &name, server);
            Daemon::start_with(
                &cfg,
                &["run"],
                Options {
                    env: &[
                        ("FEEDMILL_DATABASE_URL", &url),
                        ("FEEDMILL_INSTANCE", &name),
                        ("FEEDMILL_LOG", "feedmill=info"),
                    ],
                    wrapper: None,
                },
            )
        })
        .collect();
    let built = || {
        daemons
            .iter()
            .map(|d| metric(d, "feedmill_builds_total") + metric(d, "feedmill_build_errors_total"))
            .sum::<u64>()
    };
    let done = wait_until(Duration::from_secs(1800), || built() >= FEEDS as u64);
    let elapsed = started.elapsed();
    let trips: u64 = daemons
        .iter()
        .map(|d| metric(d, "feedmill_database_round_trips_total"))
        .sum();
    let builds = built();
    println!(
        "{instances} instance(s), {FEEDS} feeds: {builds} refreshes in {:.1}s = {:.1} refreshes/s; \
         {trips} database round trips = {:.1} per refresh{}",
        elapsed.as_secs_f64(),
        builds as f64 / elapsed.as_secs_f64(),
        trips as f64 / builds.max(1) as f64,
        if done { "" } else { " (did not finish)" }
    );
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` runs this with no arguments.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let Some(pg) = PgCluster::start_or_skip("fleet bench") else {
        return;
    };
    let server = TestServer::start();
    for n in 0..FEEDS {
        server.set(&format!("/s/{n}"), Resp::html(page(n)));
    }
    measure(&pg, &server, 1);
    measure(&pg, &server, 3);
}
