//! `feedmill run` (scheduler, and server when asked) and `feedmill serve` (server alone).
//!
//! One task owns the schedule: it sleeps until the next feed is due, starts its build, and
//! when a build finishes records it, works out that feed's next time, rewrites the index and
//! OPML and refreshes the server's in-memory files. Signals arrive on the same loop: TERM and
//! INT finish the builds in flight and return, HUP reloads feeds.toml.

mod server;
mod tasks;

pub use server::serve;
pub use tasks::{build_all, write_index_files, FeedTasks, IndexError, StartError};

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use chrono::Utc;
use tokio::signal::unix::{signal, SignalKind};
use tokio::sync::watch;
use tokio::time::Instant;

use crate::build::FeedReport;
use crate::config::{self, Config};
use crate::fetch::{FetchOptions, Fetcher};
use crate::metrics::Metrics;
use crate::schedule::{self, Jitter};
use crate::serve::{self, Server};
use crate::store::{FeedHealth, StoreHandle};
use server::{make_server, HealthBoard};

/// How long shutdown waits for builds in flight.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(8);
/// How often `serve` alone looks for files a separate build wrote.
pub const RESCAN: Duration = Duration::from_secs(2);

fn notify(states: &[sd_notify::NotifyState]) {
    // Outside systemd NOTIFY_SOCKET is unset and this does nothing.
    let _ = sd_notify::notify(false, states);
}

/// The signals the daemon and the server act on.
struct Signals {
    term: tokio::signal::unix::Signal,
    int: tokio::signal::unix::Signal,
    hup: tokio::signal::unix::Signal,
}

impl Signals {
    fn new() -> Result<Signals, DaemonError> {
        let make = |kind| signal(kind).map_err(DaemonError::Signals);
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

/// One feed's place in the schedule.
#[derive(Debug, Clone, Copy)]
struct Slot {
    due: Instant,
    failures: u32,
}

/// Why the daemon could not start.
#[derive(Debug, thiserror::Error)]
pub enum DaemonError {
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error("cannot set up HTTP: {0}")]
    Http(#[from] reqwest::Error),
    #[error("{0}")]
    Listen(String),
    #[error("cannot watch signals: {0}")]
    Signals(std::io::Error),
}

/// `feedmill run`: refreshes every feed on its interval and, with `listen`, serves the
/// output folder, until TERM or INT. HUP reloads the config file at `config_path`.
pub async fn run(
    config: Config,
    config_path: PathBuf,
    listen: Option<SocketAddr>,
) -> Result<(), DaemonError> {
    let store = StoreHandle::open(&config.settings.state_dir)?;
    let board = HealthBoard::default();
    board.refresh(&store).await;
    let mut fetcher = Arc::new(Fetcher::new(&FetchOptions::from_settings(
        &config.settings,
    ))?);
    let shared = Arc::new(RwLock::new(Arc::new(config)));
    let metrics = Arc::new(Metrics::default());
    // Without a server nothing needs the output files in memory.
    let server = listen.map(|_| make_server(&shared, &board, &metrics));
    let (stop, stopped) = watch::channel(false);
    let mut server_task = None;
    if let (Some(addr), Some(server)) = (listen, &server) {
        let listener = serve::bind(addr).await.map_err(DaemonError::Listen)?;
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
    let mut slots = initial_slots(&config, &board.snapshot(), Instant::now());
    let mut tasks = FeedTasks::default();
    let mut signals = Signals::new()?;
    let mut watchdog =
        tokio::time::interval(watchdog_period().unwrap_or(Duration::from_secs(3600)));
    notify(&[sd_notify::NotifyState::Ready]);
    tracing::info!("refreshing {} feeds", config.feeds.len());
    warn_short_intervals(&config);
    let publisher = Publisher {
        store: store.clone(),
        board: board.clone(),
        server: server.clone(),
    };

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
                publisher.spawn(&config);
                if tasks.is_empty() {
                    release_memory();
                }
                notify(&[sd_notify::NotifyState::Status(&status_line(&config, &slots))]);
            }
            _ = watchdog.tick() => notify(&[sd_notify::NotifyState::Watchdog]),
            _ = signals.term.recv() => break,
            _ = signals.int.recv() => break,
            _ = signals.hup.recv() => {
                notify(&[sd_notify::NotifyState::Reloading]);
                match config::load(&config_path) {
                    Ok(new) => {
                        match Fetcher::new(&FetchOptions::from_settings(&new.settings)) {
                            Ok(f) => fetcher = Arc::new(f),
                            Err(e) => tracing::warn!("keeping the old HTTP settings: {e}"),
                        }
                        *shared.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(new);
                        config = current(&shared);
                        warn_short_intervals(&config);
                        reschedule(&config, &mut slots, Instant::now());
                        publisher.spawn(&config);
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
            metrics.record(&report.id, report.counts());
        }
    };
    if tokio::time::timeout(SHUTDOWN_GRACE, drain).await.is_err() {
        tracing::warn!("builds still running after {SHUTDOWN_GRACE:?}; stopping anyway (files are written atomically)");
    }
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, publisher.publish(&config)).await;
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
fn initial_slots(config: &Config, health: &[FeedHealth], now: Instant) -> HashMap<String, Slot> {
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
    metrics.record(&report.id, report.counts());
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
            tracing::warn!(feed = %feed.id, "failed ({} in a row): {}", slot.failures, e.build_message());
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

/// After builds: rewrites the index and OPML, refreshes the health board and lets the server
/// pick up changed files. Runs as its own task, so the scheduler loop (and its watchdog
/// pings) never waits on the database.
struct Publisher {
    store: StoreHandle,
    board: HealthBoard,
    server: Option<Arc<Server>>,
}

impl Publisher {
    fn spawn(&self, config: &Arc<Config>) {
        let this = Publisher {
            store: self.store.clone(),
            board: self.board.clone(),
            server: self.server.clone(),
        };
        let config = Arc::clone(config);
        tokio::spawn(async move { this.publish(&config).await });
    }

    async fn publish(&self, config: &Arc<Config>) {
        write_index_files(config, &self.store).await;
        self.board.refresh(&self.store).await;
        if let Some(server) = &self.server {
            server.files.refresh();
        }
    }
}

fn status_line(config: &Config, slots: &HashMap<String, Slot>) -> String {
    let failing = slots.values().filter(|s| s.failures > 0).count();
    format!("{} feeds, {failing} failing", config.feeds.len())
}
