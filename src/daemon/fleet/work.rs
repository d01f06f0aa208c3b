//! This instance's share of the fleet's work: the feeds it holds leases on, claiming more
//! when build slots are free, renewing the leases while builds run, and recording each
//! build's end (next time, failures) under its lease. What the database could not take
//! while it was gone waits here and goes when it answers again, so no result is lost and
//! none is applied twice (a finish whose lease is no longer the feed's changes nothing).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use tokio::time::Instant;

use super::db::DbHealth;
use crate::build::{FeedError, FeedReport};
use crate::config::Config;
use crate::daemon::FeedTasks;
use crate::fetch::Fetcher;
use crate::schedule::Jitter;
use crate::store::pg::{Finish, PgStore};
use crate::store::{Lease, StoreError, StoreHandle};

/// How soon to claim again when feeds were due but none could be had.
const RECLAIM_PAUSE: Duration = Duration::from_millis(100);

/// A feed being built under this instance's lease.
struct Running {
    lease: Lease,
    /// Failed builds in a row before this one (fleet-wide).
    failures: u32,
    /// A renewal found the lease gone: the result will be dropped.
    lost: bool,
}

/// What the database could not take yet.
enum Pending {
    Finish(Lease, Finish),
    Release(Lease),
}

/// The feeds this instance holds and what it owes the database.
pub(super) struct Work {
    pg: PgStore,
    store: StoreHandle,
    lease: Duration,
    pub(super) db: DbHealth,
    running: HashMap<String, Running>,
    pending: Vec<Pending>,
    jitter: Jitter,
    /// The configured feeds are in the schedule (false again after a reload).
    registered: bool,
    /// When a feed may next be claimable, as the last claim found.
    next_claim: Instant,
}

impl Work {
    pub(super) fn new(store: StoreHandle, pg: PgStore, lease: Duration) -> Work {
        let seed = u64::from(std::process::id()) ^ Utc::now().timestamp_millis() as u64;
        Work {
            pg,
            store,
            lease,
            db: DbHealth::new((lease / 3).clamp(Duration::from_secs(2), Duration::from_secs(10))),
            running: HashMap::new(),
            pending: Vec::new(),
            jitter: Jitter::new(seed),
            registered: false,
            next_claim: Instant::now(),
        }
    }

    /// How often leases are renewed, and the longest the scheduler sleeps.
    pub(super) fn heartbeat(&self) -> Duration {
        self.lease / 3
    }

    /// Builds running now.
    pub(super) fn building(&self) -> usize {
        self.running.len()
    }

    /// The feeds must be (re)registered: after a reload.
    pub(super) fn config_changed(&mut self) {
        self.registered = false;
        self.next_claim = Instant::now();
    }

    /// When the scheduler should next wake to claim (or try the database again).
    pub(super) fn wake_at(&self, free_slots: bool) -> Instant {
        let now = Instant::now();
        let latest = now + self.heartbeat();
        if !self.db.is_up() {
            return self.db.retry_at().min(latest).max(now);
        }
        if !free_slots && self.pending.is_empty() {
            return latest;
        }
        self.next_claim.min(latest)
    }

    /// Registers the feeds when needed, hands the database what it owes, and claims due feeds
    /// for the free build slots, starting their builds.
    pub(super) async fn sync(
        &mut self,
        config: &Arc<Config>,
        tasks: &mut FeedTasks,
        fetcher: &Arc<Fetcher>,
        slots: usize,
    ) {
        let now = Instant::now();
        if !self.db.may_try(now) {
            return;
        }
        if !self.registered {
            let feeds: Vec<(String, Duration)> = config
                .feeds
                .iter()
                .map(|f| (f.id.clone(), f.interval))
                .collect();
            let pg = self.pg.clone();
            if self.db.call(pg.register_feeds(&feeds)).await.is_err() {
                return;
            }
            self.registered = true;
        }
        if !self.flush().await {
            return;
        }
        let free = slots.saturating_sub(self.running.len());
        if free == 0 || now < self.next_claim {
            return;
        }
        let known: Vec<String> = config
            .feeds
            .iter()
            .filter(|f| !self.running.contains_key(&f.id))
            .map(|f| f.id.clone())
            .collect();
        let pg = self.pg.clone();
        let Ok(batch) = self.db.call(pg.claim_due(&known, free, self.lease)).await else {
            return;
        };
        self.next_claim = match batch.next_in {
            // More are due than were claimed: other instances hold them locked this moment,
            // or the slots are full. Look again shortly rather than at once.
            Some(wait) if wait.is_zero() && batch.claims.len() < free => {
                Instant::now() + RECLAIM_PAUSE
            }
            Some(wait) => Instant::now() + wait,
            None => Instant::now() + self.heartbeat(),
        };
        for claim in batch.claims {
            let Some(index) = config.feeds.iter().position(|f| f.id == claim.lease.feed) else {
                self.pending.push(Pending::Release(claim.lease));
                continue;
            };
            tracing::debug!(feed = %claim.lease.feed, token = claim.lease.token, "claimed");
            let store = self.store.with_lease(claim.lease.clone());
            tasks.spawn(config, index, fetcher, &store, Utc::now());
            self.running.insert(
                claim.lease.feed.clone(),
                Running {
                    lease: claim.lease,
                    failures: claim.failures,
                    lost: false,
                },
            );
        }
    }

    /// Extends the leases of the builds running (and of results not yet recorded).
    pub(super) async fn renew(&mut self) {
        if !self.db.may_try(Instant::now()) {
            return;
        }
        let mut leases: Vec<Lease> = self.running.values().map(|r| r.lease.clone()).collect();
        leases.extend(self.pending.iter().filter_map(|p| match p {
            Pending::Finish(lease, _) => Some(lease.clone()),
            Pending::Release(_) => None,
        }));
        if leases.is_empty() {
            return;
        }
        let pg = self.pg.clone();
        let Ok(held) = self.db.call(pg.renew_leases(&leases, self.lease)).await else {
            return;
        };
        for (id, run) in self.running.iter_mut() {
            if !run.lost && !held.contains(id) {
                run.lost = true;
                tracing::warn!(feed = %id, "another instance took this feed over while it was being built (the lease ran out); its result will be dropped");
            }
        }
    }

    /// Records a finished build: its next time and failures, under its lease.
    pub(super) async fn finished(&mut self, report: &FeedReport, config: &Config) {
        let Some(run) = self.running.remove(&report.id) else {
            return;
        };
        let lease = run.lease;
        if let Err(FeedError::Store(e)) = &report.result {
            if matches!(e, StoreError::LeaseLost { .. }) {
                tracing::warn!(feed = %report.id, "{e}");
                return;
            }
            if e.is_unreachable() {
                // Not the feed's fault: it stays due, for whichever instance claims it next.
                tracing::warn!(feed = %report.id, "the build could not reach the database ({e}); the feed will be built again");
                self.db.failed(e);
                self.pending.push(Pending::Release(lease));
                return;
            }
        }
        let Some(feed) = config.feeds.iter().find(|f| f.id == report.id) else {
            self.pending.push(Pending::Release(lease));
            return;
        };
        let (failures, delay) = super::super::slots::settle(
            report,
            feed,
            run.failures,
            &mut self.jitter,
            config,
            &self.store,
        );
        self.pending
            .push(Pending::Finish(lease, Finish { delay, failures }));
        self.flush().await;
    }

    /// Hands the database what it owes, oldest first; `false` when it failed.
    async fn flush(&mut self) -> bool {
        if self.pending.is_empty() {
            return true;
        }
        if !self.db.may_try(Instant::now()) {
            return false;
        }
        let pg = self.pg.clone();
        while let Some(first) = self.pending.first() {
            match first {
                Pending::Finish(lease, finish) => {
                    match self.db.call(pg.finish(lease, *finish)).await {
                        Ok(true) => {}
                        Ok(false) => {
                            tracing::warn!(feed = %lease.feed, "another instance took this feed over (this instance's lease ran out); its result was not applied")
                        }
                        Err(_) => return false,
                    }
                }
                Pending::Release(_) => {
                    let leases: Vec<Lease> = self
                        .pending
                        .iter()
                        .filter_map(|p| match p {
                            Pending::Release(l) => Some(l.clone()),
                            Pending::Finish(..) => None,
                        })
                        .collect();
                    if self.db.call(pg.release_leases(&leases)).await.is_err() {
                        return false;
                    }
                    self.pending.retain(|p| matches!(p, Pending::Finish(..)));
                    continue;
                }
            }
            self.pending.remove(0);
        }
        // Something may be claimable again (a released feed, or a slot freed).
        self.next_claim = Instant::now();
        true
    }

    /// At shutdown, after the builds in flight finished or were given up: gives the leases
    /// still held back, so other instances take the feeds at once, and records what waits.
    pub(super) async fn release_all(&mut self) {
        let leases: Vec<Lease> = self.running.drain().map(|(_, r)| r.lease).collect();
        self.pending
            .extend(leases.into_iter().map(Pending::Release));
        // One last try even when the database was thought gone.
        self.db.try_now();
        if !self.flush().await {
            tracing::warn!(
                "could not give the feeds' leases back: other instances take them over when the leases run out ({:?})",
                self.lease
            );
        }
    }
}
