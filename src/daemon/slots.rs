//! The schedule's state: when each feed is due next and how often it has failed in a row.
//! Kept in memory; a failing feed's next attempt is also written to the store, so a
//! restarted daemon keeps to the backoff and to what the site asked in Retry-After.

use std::collections::HashMap;
use std::time::Duration;

use chrono::Utc;
use tokio::time::Instant;

use crate::build::FeedReport;
use crate::config::{Config, Feed};
use crate::metrics::Metrics;
use crate::schedule::{self, Jitter};
use crate::store::{FeedHealth, StoreHandle};

/// One feed's place in the schedule.
#[derive(Debug, Clone, Copy)]
pub(super) struct Slot {
    pub(super) due: Instant,
    pub(super) failures: u32,
}

/// First runs, staggered; a feed that was failing when the daemon last stopped keeps its count.
pub(super) fn initial_slots(
    config: &Config,
    health: &[FeedHealth],
    now: Instant,
) -> HashMap<String, Slot> {
    let wall_now = Utc::now();
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
            let h = health.iter().find(|h| h.feed == f.id);
            let failures = h.map_or(0, |h| h.consecutive_failures);
            let mut due = now + schedule::first_delay(i, n, shortest);
            // A failing feed waits out the backoff or Retry-After it was given before the
            // restart.
            if let Some(at) = h
                .filter(|h| h.consecutive_failures > 0)
                .and_then(|h| h.next_attempt)
            {
                let wait = (at - wall_now).to_std().unwrap_or(Duration::ZERO);
                due = due.max(now + wait);
            }
            let slot = Slot { due, failures };
            (f.id.clone(), slot)
        })
        .collect()
}

/// After a reload: feeds kept keep their times (but none waits longer than its new interval,
/// so a shortened interval applies at once), new feeds start soon, removed ones go.
pub(super) fn reschedule(config: &Config, slots: &mut HashMap<String, Slot>, now: Instant) {
    slots.retain(|id, _| config.feeds.iter().any(|f| &f.id == id));
    let n = config.feeds.len();
    for (i, f) in config.feeds.iter().enumerate() {
        let slot = slots.entry(f.id.clone()).or_insert(Slot {
            due: now + schedule::first_delay(i, n, schedule::STAGGER),
            failures: 0,
        });
        if slot.failures == 0 {
            slot.due = slot.due.min(now + f.interval);
        }
    }
}

pub(super) fn finished(
    report: &FeedReport,
    config: &Config,
    slots: &mut HashMap<String, Slot>,
    jitter: &mut Jitter,
    metrics: &Metrics,
    store: &StoreHandle,
) {
    metrics.record(&report.id, report.counts());
    let Some(feed) = config.feeds.iter().find(|f| f.id == report.id) else {
        return;
    };
    let Some(slot) = slots.get_mut(&feed.id) else {
        return;
    };
    let (failures, delay) = settle(report, feed, slot.failures, jitter, config, store);
    slot.failures = failures;
    slot.due = Instant::now() + delay;
}

/// What the end of `feed`'s build means for its next refresh, whichever loop scheduled it:
/// the failures in a row after it (given those before) and the delay until the next attempt
/// (interval, backoff, Retry-After, jitter). Says it in the log; a failure's next attempt is
/// also kept in the store, so a restart keeps to it (in the background: the loop never
/// waits on the database).
pub(super) fn settle(
    report: &FeedReport,
    feed: &Feed,
    failures_before: u32,
    jitter: &mut Jitter,
    config: &Config,
    store: &StoreHandle,
) -> (u32, Duration) {
    let retry_after = report.result.as_ref().err().and_then(|e| e.retry_after());
    let failures = match &report.result {
        Ok(_) => 0,
        Err(_) => failures_before.saturating_add(1),
    };
    let delay = schedule::next_delay(feed.interval, failures, retry_after, jitter.sample());
    let next = Utc::now() + chrono::Duration::from_std(delay).unwrap_or(chrono::Duration::MAX);
    match &report.result {
        Ok(o) => {
            tracing::info!(feed = %feed.id, "{} items, {} new", o.items, o.new_items);
            tracing::debug!(feed = %feed.id, "next refresh in {delay:?}");
        }
        Err(e) => {
            // An error, not a warning: `run -q` must still say that a feed fails.
            let asked = retry_after.map_or_else(String::new, |d| {
                format!(" (the site asked to wait {}s)", d.as_secs())
            });
            tracing::error!(
                feed = %feed.id,
                "failed ({failures} in a row): {}; next attempt at {}{asked}",
                e.build_message(),
                next.with_timezone(&config.settings.timezone).format("%Y-%m-%d %H:%M:%S %:z"),
            );
            let (store, id) = (store.clone(), feed.id.clone());
            tokio::spawn(async move {
                if let Err(e) = store.set_next_attempt(&id, next).await {
                    tracing::warn!("cannot record the next attempt: {e}");
                }
            });
        }
    }
    (failures, delay)
}
