//! `feedmill run` (scheduler, and server when asked) and `feedmill serve` (server alone).
//!
//! One task owns the schedule: it sleeps until the next feed is due, starts its build, and
//! when a build finishes records it, works out that feed's next time, rewrites the index and
//! OPML and refreshes the server's in-memory files. Signals arrive on the same loop: TERM and
//! INT finish the builds in flight and return, HUP reloads feeds.toml.

mod fleet;
mod lock;
mod server;
mod slots;
mod tasks;

pub use lock::{LockError, StateLock};
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

use crate::config::{self, Config};
use crate::fetch::{FetchOptions, Fetcher};
use crate::metrics::Metrics;
use crate::schedule::Jitter;
use crate::serve::{self, Server};
use crate::store::StoreHandle;
use server::{make_server, HealthBoard};
use slots::{finished, initial_slots, reschedule, Slot};

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
    #[error(transparent)]
    Lock(#[from] LockError),
    /// The config names folders the daemon cannot use: a mistake in the file (exit 2).
    #[error(transparent)]
    Config(#[from] config::ConfigError),
}

/// `feedmill run`: refreshes every feed on its interval and, with `listen`, serves the
/// output folder, until TERM or INT. HUP reloads the config file at `config_path`. With
/// `settings.database` the instance shares the feeds with the others on that database
/// ([`fleet`]).
pub async fn run(
    config: Config,
    config_path: PathBuf,
    listen: Option<SocketAddr>,
) -> Result<(), DaemonError> {
    if config.settings.database.is_some() {
        return fleet::run(config, config_path, listen).await;
    }
    // Everything that can stop the daemon is checked before it tells systemd it is ready.
    let _lock = StateLock::acquire(&config.settings.state_dir)?;
    config::check_output_dir(&config)?;
    let store = StoreHandle::open(&config.settings).await?;
    let board = HealthBoard::default();
    board.refresh(&store).await;
    let mut fetcher = Arc::new(Fetcher::new(&FetchOptions::from_settings(
        &config.settings,
    ))?);
    let shared = Arc::new(RwLock::new(Arc::new(config)));
    let metrics = Arc::new(Metrics::default());
    // Without a server nothing needs the output files in memory.
    let server = listen.map(|_| make_server(&shared, &board, &metrics));
    let listening = Listening::start(listen, server.as_ref()).await?;

    let mut config = current(&shared);
    let mut jitter =
        Jitter::new(u64::from(std::process::id()) ^ Utc::now().timestamp_millis() as u64);
    let mut slots = initial_slots(&config, &board.snapshot(), Instant::now());
    let mut tasks = FeedTasks::default();
    let mut signals = Signals::new()?;
    let mut watchdog =
        tokio::time::interval(watchdog_period().unwrap_or(Duration::from_secs(3600)));
    // Files changed by someone else (`feedmill build`, `feedmill forget`) are served within
    // a rescan, as `serve` does.
    let mut rescan = tokio::time::interval(RESCAN);
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
                finished(&report, &config, &mut slots, &mut jitter, &metrics, &store);
                publisher.spawn(&config);
                if tasks.is_empty() {
                    release_memory();
                }
                notify(&[sd_notify::NotifyState::Status(&status_line(&config, &slots))]);
            }
            _ = watchdog.tick() => notify(&[sd_notify::NotifyState::Watchdog]),
            _ = rescan.tick(), if server.is_some() => {
                if let Some(server) = &server {
                    server.files.refresh();
                }
            }
            _ = signals.term.recv() => break,
            _ = signals.int.recv() => break,
            _ = signals.hup.recv() => {
                notify(&[sd_notify::NotifyState::Reloading]);
                let made = |c: &Config| Fetcher::new(&FetchOptions::from_settings(&c.settings));
                if let Some(new) = reload(&config_path, &config, listen, &shared, &mut fetcher, made) {
                    config = new;
                    reschedule(&config, &mut slots, Instant::now());
                    if let Some(server) = &server {
                        server.files.reconfigure(&config.settings.output_dir);
                    }
                    publisher.spawn(&config);
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
    listening.stop().await;
    Ok(())
}

/// `run`'s server, when it listens: started before the schedule, stopped after the last build.
struct Listening {
    stop: watch::Sender<bool>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Listening {
    /// Binds `listen` (when given) and serves `server` there.
    async fn start(
        listen: Option<SocketAddr>,
        server: Option<&Arc<Server>>,
    ) -> Result<Listening, DaemonError> {
        let (stop, stopped) = watch::channel(false);
        let mut task = None;
        if let (Some(addr), Some(server)) = (listen, server) {
            let listener = serve::bind(addr).await.map_err(DaemonError::Listen)?;
            tracing::info!(
                "serving on http://{}",
                listener.local_addr().map_or(addr, |a| a)
            );
            task = Some(tokio::spawn(serve::run(
                Arc::clone(server),
                listener,
                stopped,
            )));
        }
        Ok(Listening { stop, task })
    }

    /// Stops the server, waiting a moment for the answers under way.
    async fn stop(self) {
        let _ = self.stop.send(true);
        if let Some(task) = self.task {
            let _ = tokio::time::timeout(Duration::from_secs(2), task).await;
        }
    }
}

/// HUP: reads the config file at `path` again. When it is valid: says what it cannot change
/// without a restart, makes the new settings' fetcher (`make`; the old one is kept when it
/// cannot be made), shares the config with the server and gives it; when it is not, says so
/// and gives `None` (the running config stays).
fn reload(
    path: &std::path::Path,
    old: &Config,
    listen: Option<SocketAddr>,
    shared: &RwLock<Arc<Config>>,
    fetcher: &mut Arc<Fetcher>,
    make: impl Fn(&Config) -> Result<Fetcher, reqwest::Error>,
) -> Option<Arc<Config>> {
    match config::load(path) {
        Ok(new) => {
            say_what_needs_a_restart(old, &new, listen);
            match make(&new) {
                Ok(f) => *fetcher = Arc::new(f),
                Err(e) => tracing::warn!("keeping the old HTTP settings: {e}"),
            }
            *shared.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(new);
            let config = current(shared);
            warn_short_intervals(&config);
            tracing::info!("reloaded {}: {} feeds", path.display(), config.feeds.len());
            Some(config)
        }
        Err(e) => {
            tracing::error!("kept the running config; the new one is invalid: {e}");
            None
        }
    }
}

/// Settings a reload cannot apply to a running daemon, said in the log.
fn say_what_needs_a_restart(old: &Config, new: &Config, listen: Option<SocketAddr>) {
    let url = |c: &Config| c.settings.database.as_ref().map(|d| d.url.clone());
    if url(new) != url(old) {
        tracing::warn!(
            "settings.database changed: this takes a restart; the daemon keeps the state it opened"
        );
    }
    if new.settings.lease != old.settings.lease && old.settings.database.is_some() {
        tracing::warn!(
            "settings.lease changed: this takes a restart; the instance keeps {:?}",
            old.settings.lease
        );
    }
    if new.settings.state_dir != old.settings.state_dir {
        tracing::warn!(
            "state_dir changed to {}: this takes a restart; the daemon keeps using {}",
            new.settings.state_dir.display(),
            old.settings.state_dir.display()
        );
    }
    if new.settings.listen != old.settings.listen && new.settings.listen != listen {
        tracing::warn!(
            "[server] listen changed: this takes a restart; the server stays where it is"
        );
    }
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
        if let Some(health) = write_index_files(config, &self.store).await {
            self.board.set(health);
        }
        if let Some(server) = &self.server {
            server.files.refresh();
        }
    }
}

fn status_line(config: &Config, slots: &HashMap<String, Slot>) -> String {
    let failing = slots.values().filter(|s| s.failures > 0).count();
    format!("{} feeds, {failing} failing", config.feeds.len())
}
