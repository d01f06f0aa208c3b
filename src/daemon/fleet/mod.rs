//! `feedmill run` with a PostgreSQL database: one instance of a fleet sharing the work.
//!
//! The schedule lives in the database ([`crate::store::pg`]'s fleet part): the loop claims
//! due feeds for its free build slots, builds each under its lease (the build's writes are
//! fenced by it), renews the leases every third of the lease while builds run, and records
//! each end with backoff, Retry-After and jitter counted fleet-wide. Requests wait for their
//! host's slot in the database too, so `host_delay` holds across the fleet. The server, the
//! index page and the signals behave as in the single-process loop ([`super::run`]).
//!
//! The database lost mid-run stops nothing but the claiming: builds in flight end, the
//! server serves what it has, and the loop tries again with growing pauses (see [`db`]).

mod db;
mod work;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use tokio::time::Instant;

use super::server::{make_server, HealthBoard};
use super::{
    current, notify, release_memory, reload, warn_short_intervals, watchdog_period, DaemonError,
    FeedTasks, Listening, Publisher, Signals, RESCAN, SHUTDOWN_GRACE,
};
use crate::config::{self, Config};
use crate::fetch::{FetchOptions, Fetcher, HostGate};
use crate::metrics::Metrics;
use crate::store::{StoreError, StoreHandle};
use work::Work;

/// The index page and OPML are rewritten (and the health board read) at most this often,
/// not after every build: with thousands of feeds, builds end many times a second. The
/// feeds themselves are served as soon as they are built.
const INDEX_EVERY: Duration = Duration::from_secs(5);

/// A background task that runs one at a time: started again only once the last one ended
/// (a slow database must not pile them up).
#[derive(Default)]
struct OneAtATime(Option<tokio::task::JoinHandle<()>>);

impl OneAtATime {
    fn start(&mut self, task: impl std::future::Future<Output = ()> + Send + 'static) -> bool {
        if self.0.as_ref().is_some_and(|t| !t.is_finished()) {
            return false;
        }
        self.0 = Some(tokio::spawn(task));
        true
    }
}

/// A fetcher whose host slots are the fleet's.
fn fleet_fetcher(config: &Config, gate: &Arc<dyn HostGate>) -> Result<Fetcher, reqwest::Error> {
    Ok(
        Fetcher::new(&FetchOptions::from_settings(&config.settings))?
            .with_host_gate(Arc::clone(gate)),
    )
}

/// Builds running at once in this instance: a few more than requests may be in flight, so
/// parsing and recording overlap the fetches.
fn build_slots(config: &Config) -> usize {
    config.settings.concurrency.max(1) * 2
}

/// `feedmill run` when `settings.database` names a PostgreSQL database.
pub(super) async fn run(
    config: Config,
    config_path: PathBuf,
    listen: Option<SocketAddr>,
) -> Result<(), DaemonError> {
    let _lock = super::StateLock::acquire(&config.settings.state_dir)?;
    config::check_output_dir(&config)?;
    let store = StoreHandle::open(&config.settings).await?;
    let pg = store
        .postgres_store()
        .cloned()
        .ok_or_else(|| StoreError::Postgres("the state is not in PostgreSQL".into()))?;
    tracing::info!(
        "sharing the feeds with the fleet in {} as instance {}",
        pg.shown_url(),
        pg.instance()
    );
    match pg.release_own_leases().await {
        Ok(0) => {}
        Ok(n) => tracing::info!("took back {n} feeds an earlier run of this instance held"),
        Err(e) => tracing::warn!("cannot take back this instance's earlier leases: {e}"),
    }
    let board = HealthBoard::default();
    board.refresh(&store).await;
    let gate: Arc<dyn HostGate> = Arc::new(pg.clone());
    let mut fetcher = Arc::new(fleet_fetcher(&config, &gate)?);
    let lease = config.settings.lease;
    let shared = Arc::new(RwLock::new(Arc::new(config)));
    let metrics = Arc::new(Metrics::default());
    {
        let pg = pg.clone();
        metrics.count_round_trips(move || pg.round_trips());
    }
    let server = listen.map(|_| make_server(&shared, &board, &metrics));
    let listening = Listening::start(listen, server.as_ref()).await?;

    let mut config = current(&shared);
    let mut work = Work::new(store.clone(), pg.clone(), lease);
    let mut tasks = FeedTasks::default();
    let mut signals = Signals::new()?;
    let mut watchdog =
        tokio::time::interval(watchdog_period().unwrap_or(Duration::from_secs(3600)));
    let mut rescan = tokio::time::interval(RESCAN);
    let mut renew = tokio::time::interval(work.heartbeat());
    renew.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut index = tokio::time::interval(INDEX_EVERY);
    index.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut index_stale = true;
    let mut indexing = OneAtATime::default();
    notify(&[sd_notify::NotifyState::Ready]);
    tracing::info!("refreshing {} feeds with the fleet", config.feeds.len());
    warn_short_intervals(&config);
    let publisher = Publisher {
        store: store.clone(),
        board: board.clone(),
        server: server.clone(),
    };

    loop {
        let slots = build_slots(&config);
        work.sync(&config, &mut tasks, &fetcher, slots).await;
        let wake = work.wake_at(work.building() < slots);
        tokio::select! {
            _ = tokio::time::sleep_until(wake) => {}
            Some(report) = tasks.next(), if !tasks.is_empty() => {
                metrics.record(&report.id, report.counts());
                work.finished(&report, &config).await;
                index_stale = true;
                if tasks.is_empty() {
                    release_memory();
                }
                notify(&[sd_notify::NotifyState::Status(&format!(
                    "{} feeds, {} building here",
                    config.feeds.len(),
                    work.building()
                ))]);
            }
            _ = renew.tick() => work.renew().await,
            _ = index.tick(), if index_stale => {
                let this = Publisher {
                    store: store.clone(),
                    board: board.clone(),
                    server: server.clone(),
                };
                let config = Arc::clone(&config);
                index_stale = !indexing.start(async move { this.publish(&config).await });
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
                let made = |c: &Config| fleet_fetcher(c, &gate);
                if let Some(new) = reload(&config_path, &config, listen, &shared, &mut fetcher, made) {
                    config = new;
                    work.config_changed();
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
    let deadline = Instant::now() + SHUTDOWN_GRACE;
    while !tasks.is_empty() {
        let Ok(Some(report)) = tokio::time::timeout_at(deadline, tasks.next()).await else {
            tracing::warn!("builds still running after {SHUTDOWN_GRACE:?}; stopping anyway (files are written atomically, the feeds go back to the fleet)");
            break;
        };
        metrics.record(&report.id, report.counts());
        work.finished(&report, &config).await;
    }
    drop(tasks);
    work.release_all().await;
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, publisher.publish(&config)).await;
    listening.stop().await;
    tracing::info!("{} database round trips", pg.round_trips());
    Ok(())
}
