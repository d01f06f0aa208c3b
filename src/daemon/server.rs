//! The server's side of the daemon: what `/healthz` says, Cache-Control from each feed's
//! interval, and `feedmill serve` (the server alone, picking up files a separate build wrote).
//!
//! Health answers from memory ([`HealthBoard`]), refreshed after builds and rescans, so a
//! database locked by another process never delays a request.
//!
//! With `settings.database` the feed files are served from the database's copy (the same
//! bytes, ETag and Last-Modified on every instance, see [`serve::follow_database`]), and
//! `serve` reads the health from there too.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use chrono::Utc;
use tokio::sync::watch;

use super::{notify, watchdog_period, DaemonError, Signals, RESCAN, SHUTDOWN_GRACE};
use crate::config::Config;
use crate::metrics::Metrics;
use crate::serve::{self, FileCache, HealthFn, Server};
use crate::store::{FeedHealth, Store, StoreHandle};

/// The feeds' health as last read from the store.
#[derive(Clone, Default)]
pub struct HealthBoard {
    feeds: Arc<RwLock<Vec<FeedHealth>>>,
    /// A read by [`HealthBoard::read_from`] is under way: while the database is locked, the
    /// rescans' reads must not pile up.
    reading: Arc<AtomicBool>,
    /// The last read through a store failed: the next failure is not logged again.
    failing: Arc<AtomicBool>,
}

impl HealthBoard {
    /// Reads the health table through the daemon's store (after a start; builds fill the board
    /// through [`HealthBoard::set`]); on a database error the board keeps what it had.
    /// A failure is logged once, until a read succeeds again.
    pub async fn refresh(&self, store: &StoreHandle) {
        match store.health().await {
            Ok(health) => {
                if self.failing.swap(false, Ordering::AcqRel) {
                    tracing::info!("feed health can be read again");
                }
                self.set(health);
            }
            Err(e) if !self.failing.swap(true, Ordering::AcqRel) => {
                tracing::warn!("cannot read feed health: {e}");
            }
            Err(e) => tracing::debug!("still cannot read feed health: {e}"),
        }
    }

    /// [`HealthBoard::refresh`], unless a read is already under way (an unreachable
    /// database must not pile the rescans' reads up).
    async fn refresh_once(&self, store: &StoreHandle) {
        if self.reading.swap(true, Ordering::AcqRel) {
            return;
        }
        self.refresh(store).await;
        self.reading.store(false, Ordering::Release);
    }

    /// Reads the health table from the database in `state_dir`, opened read-only for this
    /// one read (see [`Store::open_read_only`]); for `serve`, which writes nothing.
    pub async fn read_from(&self, state_dir: &std::path::Path) {
        if self.reading.swap(true, Ordering::AcqRel) {
            return;
        }
        let dir = state_dir.to_path_buf();
        let read = tokio::task::spawn_blocking(move || {
            Store::open_read_only(&dir)?
                .map(|store| store.health())
                .transpose()
        })
        .await;
        match read {
            Ok(Ok(Some(health))) => self.set(health),
            // No database yet: nothing was built, so there is no health to show.
            Ok(Ok(None)) => {}
            Ok(Err(e)) => tracing::warn!("cannot read feed health: {e}"),
            Err(e) => tracing::warn!("cannot read feed health: {e}"),
        }
        self.reading.store(false, Ordering::Release);
    }

    /// Puts `health`, just read from the store, on the board.
    pub fn set(&self, health: Vec<FeedHealth>) {
        *self.feeds.write().unwrap_or_else(|e| e.into_inner()) = health;
    }

    /// What the board holds now.
    pub fn snapshot(&self) -> Vec<FeedHealth> {
        self.feeds.read().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// The `/healthz` answer: healthy when every configured feed succeeded within three of its
/// intervals.
pub fn health_report(config: &Config, health: &[FeedHealth]) -> (bool, String) {
    let now = Utc::now();
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

/// The server's parts, built from the current config. With a database the feed files come
/// from its copy, followed from a task of their own (so this runs inside the runtime).
pub(super) fn make_server(
    config: &Arc<RwLock<Arc<Config>>>,
    board: &HealthBoard,
    metrics: &Arc<Metrics>,
) -> Arc<Server> {
    let (output_dir, database) = {
        let config = config.read().unwrap_or_else(|e| e.into_inner());
        (
            config.settings.output_dir.clone(),
            config.settings.database.clone(),
        )
    };
    let for_age = Arc::clone(config);
    let max_age = move |name: &str| max_age_for(&for_age, name);
    let files = match database {
        Some(db) => {
            let files = Arc::new(FileCache::with_database(&output_dir, max_age));
            serve::follow_database(&files, db);
            files
        }
        None => Arc::new(FileCache::new(&output_dir, max_age)),
    };
    files.refresh();
    let (for_health, board) = (Arc::clone(config), board.clone());
    let health: HealthFn = Arc::new(move || {
        let config = Arc::clone(&for_health.read().unwrap_or_else(|e| e.into_inner()));
        health_report(&config, &board.snapshot())
    });
    Arc::new(Server {
        files,
        metrics: Arc::clone(metrics),
        health,
    })
}

/// How long `serve` waits for the database's files before it answers without them.
const FIRST_LOAD: Duration = Duration::from_secs(30);

/// `feedmill serve`: serves `output_dir` until TERM or INT; HUP reloads the config file at
/// `config_path`. The state database is only read (health), and only when it exists: `serve`
/// may run as a user who cannot write the state folder. With `settings.database` the feed
/// files and the health come from PostgreSQL, which must answer at start.
pub async fn serve(
    config: Config,
    config_path: PathBuf,
    listen: SocketAddr,
) -> Result<(), DaemonError> {
    let state_dir = config.settings.state_dir.clone();
    // Opened once and kept: its pool reconnects by itself after the database comes back.
    let pg_health = match config.settings.database {
        Some(_) => StoreHandle::open_read_only(&config.settings).await?,
        None => None,
    };
    let board = HealthBoard::default();
    match &pg_health {
        Some(store) => board.refresh(store).await,
        None => {
            if !state_dir.join(crate::store::DB_FILE).is_file() {
                tracing::info!(
                    "no state database yet: /healthz lists the feeds without their health"
                );
            }
            board.read_from(&state_dir).await;
        }
    }
    let database = config.settings.database.clone();
    let config = Arc::new(RwLock::new(Arc::new(config)));
    let metrics = Arc::new(Metrics::default());
    let server = make_server(&config, &board, &metrics);
    if !server.files.wait_stored(FIRST_LOAD).await {
        tracing::warn!("the feed files are not loaded from the database yet: serving without them until they are");
    }
    let listener = serve::bind(listen).await.map_err(DaemonError::Listen)?;
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
            _ = rescan.tick() => {
                server.files.refresh();
                // In the background: a locked database must not hold up the loop's pings.
                let board = board.clone();
                match &pg_health {
                    Some(store) => {
                        let store = store.clone();
                        tokio::spawn(async move { board.refresh_once(&store).await });
                    }
                    None => {
                        let state_dir = state_dir.clone();
                        tokio::spawn(async move { board.read_from(&state_dir).await });
                    }
                }
            }
            _ = watchdog.tick() => notify(&[sd_notify::NotifyState::Watchdog]),
            _ = signals.term.recv() => break,
            _ = signals.int.recv() => break,
            _ = signals.hup.recv() => {
                notify(&[sd_notify::NotifyState::Reloading]);
                match crate::config::load(&config_path) {
                    Ok(new) => {
                        // The output folder, feed intervals (Cache-Control) and the feeds
                        // /healthz lists.
                        let dir = new.settings.output_dir.clone();
                        if new.settings.database.as_ref().map(|d| &d.url) != database.as_ref().map(|d| &d.url) {
                            tracing::warn!("settings.database changed: this takes a restart; the server keeps the database it has");
                        }
                        *config.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(new);
                        server.files.reconfigure(&dir);
                        tracing::info!("reloaded {}", config_path.display());
                    }
                    Err(e) => tracing::error!("kept the running config; the new one is invalid: {e}"),
                }
                notify(&[sd_notify::NotifyState::Ready]);
            }
        }
    }
    notify(&[sd_notify::NotifyState::Stopping]);
    let _ = stop.send(true);
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, task).await;
    Ok(())
}
