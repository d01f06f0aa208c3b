//! The fleet's shared schedule and politeness, kept in PostgreSQL.
//!
//! Each feed has one `schedule` row: when it is next due, how often it has failed in a row
//! (fleet-wide, so backoff holds whichever instance builds it), and the lease of the instance
//! building it. A claim takes due, unleased feeds with `FOR UPDATE SKIP LOCKED`, so instances
//! claiming at the same moment never get the same feed; every claim increments the feed's
//! lease token, and a finish (or any fenced write, see [`super::fence`]) applies only while
//! its token is still the feed's. Every time is the database's `now()`: instances' clocks may
//! differ, the database's is the one they share.
//!
//! `host_slots` holds when each host may next be asked; reserving a slot moves it on by
//! `host_delay` in one statement, so requests from the whole fleet stay that far apart.

use std::time::Duration;

use super::PgStore;
use crate::store::{Lease, StoreError};

/// A feed this instance just claimed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The lease to build (and write) under.
    pub lease: Lease,
    /// Failed builds in a row before this one, counted across the fleet.
    pub failures: u32,
}

/// What one claim got.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClaimBatch {
    pub claims: Vec<Claim>,
    /// How long until another of the known feeds may be claimed (zero: now, when more were
    /// due than asked for); `None` when there is none.
    pub next_in: Option<Duration>,
}

/// How a leased build ended, for [`PgStore::finish`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Finish {
    /// How long after the database's `now()` the feed is next due.
    pub delay: Duration,
    /// Failed builds in a row, this one counted (0 after a success).
    pub failures: u32,
}

/// A request slot reserved for a host.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HostSlot {
    /// How long from the database's `now()` until the slot.
    pub wait: Duration,
    /// The slot, in Unix milliseconds by the database's clock.
    pub at_ms: f64,
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Milliseconds from the database (negative, NaN or absent: none) as a duration.
fn from_millis(ms: Option<f64>) -> Option<Duration> {
    let ms = ms?;
    Some(if ms.is_finite() && ms > 0.0 {
        Duration::from_secs_f64((ms / 1000.0).min(86_400.0 * 365.0))
    } else {
        Duration::ZERO
    })
}

/// Splits leases into the two arrays `unnest` pairs up again.
fn lease_arrays(leases: &[Lease]) -> (Vec<String>, Vec<i64>) {
    leases.iter().map(|l| (l.feed.clone(), l.token)).unzip()
}

impl PgStore {
    /// Adds a schedule row, due now, for each of `feeds` (id, interval) that has none; a
    /// feed already known keeps its place, except that none waits longer than its interval
    /// from now (a shortened interval applies at once). Feeds not named are not touched.
    pub async fn register_feeds(&self, feeds: &[(String, Duration)]) -> Result<(), StoreError> {
        let (ids, intervals): (Vec<String>, Vec<f64>) =
            feeds.iter().map(|(id, i)| (id.clone(), millis(*i))).unzip();
        let conn = self.conn().await?;
        conn.execute(
            "WITH t AS (SELECT * FROM unnest($1::text[], $2::float8[]) AS t(feed, ms)),
             shortened AS (
                UPDATE schedule AS s SET next_due = now() + t.ms * interval '1 millisecond'
                FROM t
                WHERE s.feed = t.feed AND s.failures = 0
                  AND s.next_due > now() + t.ms * interval '1 millisecond')
             INSERT INTO schedule (feed, next_due) SELECT feed, now() FROM t
             ON CONFLICT (feed) DO NOTHING",
            &[&ids, &intervals],
        )
        .await?;
        Ok(())
    }

    /// Drops the leases an earlier run of this instance (same name) left behind, so that
    /// a restarted instance takes its feeds up again at once instead of after the lease.
    pub async fn release_own_leases(&self) -> Result<u64, StoreError> {
        let conn = self.conn().await?;
        conn.execute(
            "UPDATE schedule SET lease_owner = NULL, lease_until = NULL
             WHERE lease_owner = $1",
            &[&self.instance()],
        )
        .await
    }

    /// Claims at most `limit` of the `known` feeds that are due and not leased (or whose
    /// lease ran out), oldest due first, each for `lease`. Instances claiming together never
    /// get the same feed. Gives also how long until another of them may be claimed.
    pub async fn claim_due(
        &self,
        known: &[String],
        limit: usize,
        lease: Duration,
    ) -> Result<ClaimBatch, StoreError> {
        if limit == 0 || known.is_empty() {
            return Ok(ClaimBatch::default());
        }
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let conn = self.conn().await?;
        // The second part reads the schedule as it was before the claim, hence the claimed
        // feeds are left out of it.
        let rows = conn
            .query(
                "WITH claimed AS (
                    UPDATE schedule AS s
                    SET lease_owner = $3,
                        lease_until = now() + $4::float8 * interval '1 millisecond',
                        lease_token = s.lease_token + 1
                    WHERE s.feed IN (
                        SELECT feed FROM schedule
                        WHERE feed = ANY($1::text[]) AND next_due <= now()
                          AND (lease_until IS NULL OR lease_until < now())
                        ORDER BY next_due
                        LIMIT $2
                        FOR UPDATE SKIP LOCKED)
                    RETURNING s.feed, s.lease_token, s.failures)
                 SELECT feed, lease_token, failures, NULL::float8 FROM claimed
                 UNION ALL
                 SELECT NULL, NULL, NULL, (EXTRACT(EPOCH FROM
                        min(GREATEST(next_due, COALESCE(lease_until, next_due))) - now())
                        * 1000)::float8
                 FROM schedule
                 WHERE feed = ANY($1::text[]) AND feed NOT IN (SELECT feed FROM claimed)",
                &[&known, &limit, &self.instance(), &millis(lease)],
            )
            .await?;
        let mut batch = ClaimBatch::default();
        for r in &rows {
            match r.get::<_, Option<String>>(0) {
                Some(feed) => batch.claims.push(Claim {
                    lease: Lease {
                        feed,
                        token: r.get(1),
                    },
                    failures: u32::try_from(r.get::<_, i64>(2).max(0)).unwrap_or(u32::MAX),
                }),
                None => batch.next_in = from_millis(r.get(3)),
            }
        }
        Ok(batch)
    }

    /// Extends `leases` to `lease` from now (the heartbeat while builds run); gives the
    /// feeds whose lease is still this instance's. One missing was taken over by another
    /// instance: its result will not be applied.
    pub async fn renew_leases(
        &self,
        leases: &[Lease],
        lease: Duration,
    ) -> Result<Vec<String>, StoreError> {
        if leases.is_empty() {
            return Ok(Vec::new());
        }
        let (feeds, tokens) = lease_arrays(leases);
        let conn = self.conn().await?;
        let rows = conn
            .query(
                "UPDATE schedule AS s
                 SET lease_until = now() + $3::float8 * interval '1 millisecond'
                 FROM unnest($1::text[], $2::int8[]) AS t(feed, token)
                 WHERE s.feed = t.feed AND s.lease_token = t.token
                 RETURNING s.feed",
                &[&feeds, &tokens, &millis(lease)],
            )
            .await?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    /// Records the end of `lease`'s build: the feed is next due `finish.delay` after the
    /// database's `now()`, with `finish.failures`, and its lease is cleared. `false` (and
    /// nothing changed) when the lease is no longer the feed's.
    pub async fn finish(&self, lease: &Lease, finish: Finish) -> Result<bool, StoreError> {
        let failures = i64::from(finish.failures);
        let conn = self.conn().await?;
        let n = conn
            .execute(
                "UPDATE schedule
                 SET next_due = now() + $3::float8 * interval '1 millisecond',
                     failures = $4, lease_owner = NULL, lease_until = NULL
                 WHERE feed = $1 AND lease_token = $2",
                &[&lease.feed, &lease.token, &millis(finish.delay), &failures],
            )
            .await?;
        Ok(n == 1)
    }

    /// Gives `leases` up without recording a build (shutdown, or a build the database
    /// failed under): the feeds stay due, for any instance to claim. Stale leases are
    /// skipped. Gives how many were released.
    pub async fn release_leases(&self, leases: &[Lease]) -> Result<u64, StoreError> {
        if leases.is_empty() {
            return Ok(0);
        }
        let (feeds, tokens) = lease_arrays(leases);
        let conn = self.conn().await?;
        conn.execute(
            "UPDATE schedule AS s SET lease_owner = NULL, lease_until = NULL
             FROM unnest($1::text[], $2::int8[]) AS t(feed, token)
             WHERE s.feed = t.feed AND s.lease_token = t.token",
            &[&feeds, &tokens],
        )
        .await
    }

    /// How long until one of the `known` feeds may next be claimed (due, and any lease on
    /// it run out), by the database's clock; zero when one may be now, `None` when there
    /// are none.
    pub async fn next_claimable_in(
        &self,
        known: &[String],
    ) -> Result<Option<Duration>, StoreError> {
        let conn = self.conn().await?;
        let row = conn
            .query_one(
                "SELECT (EXTRACT(EPOCH FROM
                    min(GREATEST(next_due, COALESCE(lease_until, next_due))) - now())
                    * 1000)::float8
                 FROM schedule WHERE feed = ANY($1::text[])",
                &[&known],
            )
            .await?;
        Ok(from_millis(row.get(0)))
    }

    /// Reserves the next request slot for `host`, `delay` after the last one reserved by any
    /// instance (or now, when that is past).
    pub async fn reserve_host_slot(
        &self,
        host: &str,
        delay: Duration,
    ) -> Result<HostSlot, StoreError> {
        let conn = self.conn().await?;
        let row = conn
            .query_one(
                "INSERT INTO host_slots AS h (host, next_allowed)
                 VALUES ($1, now() + $2::float8 * interval '1 millisecond')
                 ON CONFLICT (host) DO UPDATE
                    SET next_allowed = GREATEST(h.next_allowed, now())
                        + $2::float8 * interval '1 millisecond'
                 RETURNING (EXTRACT(EPOCH FROM next_allowed - now()) * 1000)::float8 - $2::float8,
                    (EXTRACT(EPOCH FROM next_allowed) * 1000)::float8 - $2::float8",
                &[&host, &millis(delay)],
            )
            .await?;
        Ok(HostSlot {
            wait: from_millis(row.get(0)).unwrap_or(Duration::ZERO),
            at_ms: row.get(1),
        })
    }
}

/// The fleet-wide host gate the fetcher asks before each request.
impl crate::fetch::HostGate for PgStore {
    fn reserve<'a>(
        &'a self,
        host: &'a str,
        delay: Duration,
    ) -> futures_util::future::BoxFuture<'a, Result<Duration, String>> {
        Box::pin(async move {
            self.reserve_host_slot(host, delay)
                .await
                .map(|slot| slot.wait)
                .map_err(|e| e.to_string())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_millis_become_waits() {
        assert_eq!(from_millis(None), None);
        assert_eq!(from_millis(Some(-5.0)), Some(Duration::ZERO));
        assert_eq!(from_millis(Some(f64::NAN)), Some(Duration::ZERO));
        assert_eq!(from_millis(Some(1500.0)), Some(Duration::from_millis(1500)));
        assert!(from_millis(Some(f64::MAX)).is_some());
    }
}
