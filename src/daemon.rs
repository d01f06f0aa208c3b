//! `feedmill run` (scheduler, and server when asked) and `feedmill serve` (server alone).
//!
//! One task owns the schedule: it sleeps until the next feed is due, starts its build, and
//! when a build finishes records it, works out that feed's next time, rewrites the index and
//! OPML and refreshes the server's in-memory files. Signals arrive on the same loop: TERM and
//! INT finish the builds in flight and return, HUP reloads feeds.toml.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use chrono::Utc;
use tokio::signal::unix::{signal, SignalKind};
use tokio::sync::watch;
use tokio::time::Instant;

use crate::build::{self, lock, FeedReport, FeedTasks};
use crate::config::{self, Config};
use crate::fetch::Fetcher;
use crate::metrics::Metrics;
use crate::schedule::{self, Jitter};
use crate::serve::{self, FileCache, HealthFn, Server};
use crate::store::Store;

/// How long shutdown waits for builds in flight.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(8);
/// How often `serve` alone looks for files a separate build wrote.
pub const RESCAN: Duration = Duration::from_secs(2);

/// The `/healthz` answer: healthy when every configured feed succeeded within three of its
/// intervals.
pub fn health_report(config: &Config, store: &Mutex<Store>) -> (bool, String) {
    let now = Utc::now();
    let health = lock(store).health().unwrap_or_default();
    let mut all_ok = true;
    let feeds: Vec<serde_json::Value> = config
        .feeds
        .iter()
        .map(|f| {
            let h = health.iter().find(|h| h.feed == f.id);
            let last_success = h.and_then(|h| h.last_success);
            let window =
                chrono::Duration::from_std(f.interval * 3).unwrap_or(chrono::Duration::MAX);
            let ok = last_success.is_some_and(|t| now - t <= window);
            all_ok &= ok;
            serde_json::json!({
                "id": f.id,
                "ok": ok,
                "last_success": last_success.map(|t| t.to_rfc3339()),
                "last_attempt": h.and_then(|h| h.last_attempt).map(|t| t.to_rfc3339()),
                "last_error": h.and_then(|h| h.last_error.clone()),
                "consecutive_failures": h.map_or(0, |h| h.consecutive_failures),
                "items": h.map_or(0, |h| h.item_count),
            })
        })
        .collect();
    let body =
        serde_json::json!({ "status": if all_ok { "ok" } else { "failing" }, "feeds": feeds });
    (all_ok, format!("{body:#}\n"))
}

/// Cache-Control max-age for a served file: its feed's interval, else the default interval.
fn max_age_for(config: &RwLock<Arc<Config>>, name: &str) -> Duration {
    let config = config.read().unwrap_or_else(|e| e.into_inner());
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    config
        .feeds
        .iter()
        .find(|f| f.id == stem)
        .map_or(config.settings.interval, |f| f.interval)
}

fn notify(states: &[sd_notify::NotifyState]) {
    // Outside systemd NOTIFY_SOCKET is unset and this does nothing.
    let _ = sd_notify::notify(false, states);
}

/// The server's parts, built from the current config.
fn make_server(
    config: &Arc<RwLock<Arc<Config>>>,
    store: &Arc<Mutex<Store>>,
    metrics: &Arc<Metrics>,
) -> Arc<Server> {
    let output_dir = config
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .settings
        .output_dir
        .clone();
    let for_age = Arc::clone(config);
    let files = Arc::new(FileCache::new(&output_dir, move |name| {
        max_age_for(&for_age, name)
    }));
    files.refresh();
    let (for_health, store) = (Arc::clone(config), Arc::clone(store));
    let health: HealthFn = Arc::new(move || {
        let config = Arc::clone(&for_health.read().unwrap_or_else(|e| e.into_inner()));
        health_report(&config, &store)
    });
    Arc::new(Server {
        files,
        metrics: Arc::clone(metrics),
        health,
    })
}

/// Resolves once SIGTERM or SIGINT arrives.
struct Signals {
    term: tokio::signal::unix::Signal,
    int: tokio::signal::unix::Signal,
    hup: tokio::signal::unix::Signal,
}

impl Signals {
    fn new() -> Result<Signals, String> {
        let make = |kind| signal(kind).map_err(|e| format!("cannot watch signals: {e}"));
        Ok(Signals {
            term: make(SignalKind::terminate())?,
            int: make(SignalKind::interrupt())?,
            hup: make(SignalKind::hangup())?,
        })
    }
}

/// How often to tell systemd's watchdog we are alive, when it asks.
fn watchdog_period() -> Option<Duration> {
    let mut usec = 0;
    sd_notify::watchdog_enabled(false, &mut usec).then(|| Duration::from_micros(usec / 2))
}

/// `feedmill serve`: serves `output_dir` until TERM or INT.
pub async fn serve(config: Config, listen: SocketAddr) -> Result<(), String> {
    let store = Arc::new(Mutex::new(
        Store::open(&config.settings.state_dir).map_err(|e| e.to_string())?,
    ));
    let config = Arc::new(RwLock::new(Arc::new(config)));
    let metrics = Arc::new(Metrics::default());
    let server = make_server(&config, &store, &metrics);
    let listener = serve::bind(listen).await?;
    tracing::info!(
        "serving on http://{}",
        listener.local_addr().map_or(listen, |a| a)
    );
    let (stop, stopped) = watch::channel(false);
    let task = tokio::spawn(serve::run(Arc::clone(&server), listener, stopped));
    notify(&[sd_notify::NotifyState::Ready]);
    let mut signals = Signals::new()?;
    let mut rescan = tokio::time::interval(RESCAN);
    let mut watchdog =
        tokio::time::interval(watchdog_period().unwrap_or(Duration::from_secs(3600)));
    loop {
        tokio::select! {
            _ = rescan.tick() => server.files.refresh(),
            _ = watchdog.tick() => notify(&[sd_notify::NotifyState::Watchdog]),
            _ = signals.term.recv() => break,
            _ = signals.int.recv() => break,
            _ = signals.hup.recv() => server.files.refresh(),
        }
    }
    notify(&[sd_notify::NotifyState::Stopping]);
    let _ = stop.send(true);
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, task).await;
    Ok(())
}

/// One feed's place in the schedule.
#[derive(Debug, Clone, Copy)]
struct Slot {
    due: Instant,
    failures: u32,
}

/// `feedmill run`: refreshes every feed on its interval and, with `listen`, serves the
/// output folder, until TERM or INT. HUP reloads the config file at `config_path`.
pub async fn run(
    config: Config,
    config_path: PathBuf,
    listen: Option<SocketAddr>,
) -> Result<(), String> {
    let store = Arc::new(Mutex::new(
        Store::open(&config.settings.state_dir).map_err(|e| e.to_string())?,
    ));
    let mut fetcher =
        Arc::new(Fetcher::new(&build::fetch_options(&config.settings)).map_err(|e| e.to_string())?);
    let shared = Arc::new(RwLock::new(Arc::new(config)));
    let metrics = Arc::new(Metrics::default());
    // Without a server nothing needs the output files in memory.
    let server = listen.map(|_| make_server(&shared, &store, &metrics));
    let (stop, stopped) = watch::channel(false);
    let mut server_task = None;
    if let (Some(addr), Some(server)) = (listen, &server) {
        let listener = serve::bind(addr).await?;
        tracing::info!(
            "serving on http://{}",
            listener.local_addr().map_or(addr, |a| a)
        );
        server_task = Some(tokio::spawn(serve::run(
            Arc::clone(server),
            listener,
            stopped,
        )));
    }

    let mut config = current(&shared);
    let mut jitter =
        Jitter::new(u64::from(std::process::id()) ^ Utc::now().timestamp_millis() as u64);
    let mut slots = initial_slots(&config, &store, Instant::now());
    let mut tasks = FeedTasks::default();
    let mut signals = Signals::new()?;
    let mut watchdog =
        tokio::time::interval(watchdog_period().unwrap_or(Duration::from_secs(3600)));
    notify(&[sd_notify::NotifyState::Ready]);
    tracing::info!("refreshing {} feeds", config.feeds.len());
    warn_short_intervals(&config);

    loop {
        let next_due = slots
            .iter()
            .filter(|(id, _)| !tasks.is_running(id))
            .map(|(_, s)| s.due)
            .min()
            .unwrap_or_else(|| Instant::now() + Duration::from_secs(86_400));
        tokio::select! {
            _ = tokio::time::sleep_until(next_due) => {
                let now = Instant::now();
                for (index, feed) in config.feeds.iter().enumerate() {
                    let due = slots.get(&feed.id).is_some_and(|s| s.due <= now);
                    if due && !tasks.is_running(&feed.id) {
                        tasks.spawn(&config, index, &fetcher, &store, Utc::now());
                    }
                }
            }
            Some(report) = tasks.next(), if !tasks.is_empty() => {
                finished(&report, &config, &mut slots, &mut jitter, &metrics);
                publish(&config, &store, server.as_deref());
                if tasks.is_empty() {
                    release_memory();
                }
                notify(&[sd_notify::NotifyState::Status(&status_line(&config, &slots, &store))]);
            }
            _ = watchdog.tick() => notify(&[sd_notify::NotifyState::Watchdog]),
            _ = signals.term.recv() => break,
            _ = signals.int.recv() => break,
            _ = signals.hup.recv() => {
                notify(&[sd_notify::NotifyState::Reloading]);
                match config::load(&config_path) {
                    Ok(new) => {
                        match Fetcher::new(&build::fetch_options(&new.settings)) {
                            Ok(f) => fetcher = Arc::new(f),
                            Err(e) => tracing::warn!("keeping the old HTTP settings: {e}"),
                        }
                        *shared.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(new);
                        config = current(&shared);
                        warn_short_intervals(&config);
                        reschedule(&config, &mut slots, Instant::now());
                        publish(&config, &store, server.as_deref());
                        tracing::info!("reloaded {}: {} feeds", config_path.display(), config.feeds.len());
                    }
                    Err(e) => tracing::error!("kept the running config; the new one is invalid: {e}"),
                }
                notify(&[sd_notify::NotifyState::Ready]);
            }
        }
    }

    notify(&[sd_notify::NotifyState::Stopping]);
    tracing::info!("stopping: finishing builds in flight");
    let drain = async {
        while let Some(report) = tasks.next().await {
            metrics.record(&report);
        }
    };
    if tokio::time::timeout(SHUTDOWN_GRACE, drain).await.is_err() {
        tracing::warn!("builds still running after {SHUTDOWN_GRACE:?}; stopping anyway (files are written atomically)");
    }
    publish(&config, &store, server.as_deref());
    let _ = stop.send(true);
    if let Some(task) = server_task {
        let _ = tokio::time::timeout(Duration::from_secs(2), task).await;
    }
    Ok(())
}

/// Refreshing a news site more than every few minutes is impolite; say so, but allow it
/// (local pages and tests need it).
fn warn_short_intervals(config: &Config) {
    for f in config
        .feeds
        .iter()
        .filter(|f| f.interval < Duration::from_secs(300))
    {
        if f.urls
            .iter()
            .any(|u| u.scheme() != "file" && u.host_str() != Some("127.0.0.1"))
        {
            tracing::warn!(feed = %f.id, "interval {:?} is under 5 minutes: please be gentle with the site", f.interval);
        }
    }
}

fn current(shared: &RwLock<Arc<Config>>) -> Arc<Config> {
    Arc::clone(&shared.read().unwrap_or_else(|e| e.into_inner()))
}

/// First runs, staggered; a feed that was failing when the daemon last stopped keeps its count.
fn initial_slots(config: &Config, store: &Mutex<Store>, now: Instant) -> HashMap<String, Slot> {
    let health = lock(store).health().unwrap_or_default();
    let shortest = config
        .feeds
        .iter()
        .map(|f| f.interval)
        .min()
        .unwrap_or(Duration::from_secs(60));
    let n = config.feeds.len();
    config
        .feeds
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let failures = health
                .iter()
                .find(|h| h.feed == f.id)
                .map_or(0, |h| h.consecutive_failures);
            let slot = Slot {
                due: now + schedule::first_delay(i, n, shortest),
                failures,
            };
            (f.id.clone(), slot)
        })
        .collect()
}

/// After a reload: feeds kept keep their times, new feeds start soon, removed ones go.
fn reschedule(config: &Config, slots: &mut HashMap<String, Slot>, now: Instant) {
    slots.retain(|id, _| config.feeds.iter().any(|f| &f.id == id));
    let n = config.feeds.len();
    for (i, f) in config.feeds.iter().enumerate() {
        slots.entry(f.id.clone()).or_insert(Slot {
            due: now + schedule::first_delay(i, n, schedule::STAGGER),
            failures: 0,
        });
    }
}

fn finished(
    report: &FeedReport,
    config: &Config,
    slots: &mut HashMap<String, Slot>,
    jitter: &mut Jitter,
    metrics: &Metrics,
) {
    metrics.record(report);
    let Some(feed) = config.feeds.iter().find(|f| f.id == report.id) else {
        return;
    };
    let Some(slot) = slots.get_mut(&feed.id) else {
        return;
    };
    let retry_after = match &report.result {
        Ok(o) => {
            slot.failures = 0;
            tracing::info!(feed = %feed.id, "{} items, {} new", o.items, o.new_items);
            None
        }
        Err(e) => {
            slot.failures = slot.failures.saturating_add(1);
            tracing::warn!(feed = %feed.id, "failed ({} in a row): {e}", slot.failures);
            e.retry_after()
        }
    };
    let delay = schedule::next_delay(feed.interval, slot.failures, retry_after, jitter.sample());
    slot.due = Instant::now() + delay;
    tracing::debug!(feed = %feed.id, "next refresh in {delay:?}");
}

/// Hands memory freed by the builds back to the system: between refreshes the daemon should
/// be small, and glibc keeps freed pages in its arenas otherwise.
fn release_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only walks the allocator's own free lists; it takes no pointers.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Rewrites the index and OPML and lets the server pick up changed files.
fn publish(config: &Config, store: &Mutex<Store>, server: Option<&Server>) {
    if let Err(e) = build::write_publish_files(config, &lock(store)) {
        tracing::warn!("cannot write the index page and OPML: {e}");
    }
    if let Some(server) = server {
        server.files.refresh();
    }
}

fn status_line(config: &Config, slots: &HashMap<String, Slot>, _store: &Mutex<Store>) -> String {
    let failing = slots.values().filter(|s| s.failures > 0).count();
    format!("{} feeds, {failing} failing", config.feeds.len())
}

/// The output folder of `config`, for messages.
pub fn output_dir(config: &Config) -> &Path {
    &config.settings.output_dir
}
