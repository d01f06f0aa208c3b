//! The fleet's shared schedule and host slots in PostgreSQL, as several instances use them
//! at once: claims are exclusive, a lease that ran out can be claimed by another instance
//! and its holder's late finish changes nothing, host slots stay `host_delay` apart across
//! instances, and every time is the database's.

mod common;

use std::collections::HashSet;
use std::time::Duration;

use common::postgres::{database, runtime, PgCluster};
use common::WAIT;
use feedmill::store::pg::{Finish, PgStore};
use feedmill::store::Lease;

const LONG: Duration = Duration::from_secs(600);

/// `n` instances on `url`, named a, b, c...
async fn instances(url: &str, n: usize) -> Vec<PgStore> {
    let mut stores = Vec::new();
    for i in 0..n {
        let name = format!("instance-{}", (b'a' + i as u8) as char);
        stores.push(PgStore::connect(&database(url), &name).await.unwrap());
    }
    stores
}

fn feeds(n: usize) -> Vec<(String, Duration)> {
    (0..n)
        .map(|i| (format!("feed{i:03}"), Duration::from_secs(60)))
        .collect()
}

fn ids(feeds: &[(String, Duration)]) -> Vec<String> {
    feeds.iter().map(|(id, _)| id.clone()).collect()
}

/// Seconds from the database's `now()` to `feed`'s next_due.
async fn due_in_secs(store: &PgStore, feed: &str) -> f64 {
    let conn = store.conn().await.unwrap();
    let row = conn
        .query_one(
            "SELECT EXTRACT(EPOCH FROM next_due - now())::float8 FROM schedule WHERE feed = $1",
            &[&feed],
        )
        .await
        .unwrap();
    row.get(0)
}

#[test]
fn concurrent_claims_never_share_a_feed() {
    let Some(pg) = PgCluster::start_or_skip("concurrent_claims_never_share_a_feed") else {
        return;
    };
    let url = pg.create_database("claims");
    runtime().block_on(async {
        let stores = instances(&url, 6).await;
        let all = feeds(300);
        // Every instance registers the same feeds, at once: each gets one row.
        let registered =
            futures_util::future::join_all(stores.iter().map(|s| s.register_feeds(&all))).await;
        assert!(registered.iter().all(Result::is_ok), "{registered:?}");
        let known = ids(&all);
        let claimers = stores.iter().map(|store| {
            let known = known.clone();
            async move {
                let mut got = Vec::new();
                loop {
                    let batch = store.claim_due(&known, 7, LONG).await.unwrap();
                    if batch.claims.is_empty() {
                        return got;
                    }
                    got.extend(batch.claims.into_iter().map(|c| c.lease.feed));
                }
            }
        });
        let got: Vec<Vec<String>> = futures_util::future::join_all(claimers).await;
        let mut seen = HashSet::new();
        for feed in got.iter().flatten() {
            assert!(seen.insert(feed.clone()), "{feed} was claimed twice");
        }
        assert_eq!(seen.len(), 300, "every due feed is claimed once");
        // All leased now: nothing is claimable, and the next one is a lease away.
        let batch = stores[0].claim_due(&known, 10, LONG).await.unwrap();
        assert!(batch.claims.is_empty());
        let next = stores[0].next_claimable_in(&known).await.unwrap().unwrap();
        assert!(next > LONG - Duration::from_secs(120), "{next:?}");
    });
}

#[test]
fn registering_touches_only_known_feeds_and_applies_a_shorter_interval() {
    let Some(pg) = PgCluster::start_or_skip("registering_touches_only_known_feeds") else {
        return;
    };
    let url = pg.create_database("register");
    runtime().block_on(async {
        let stores = instances(&url, 2).await;
        let (a, b) = (&stores[0], &stores[1]);
        a.register_feeds(&[("alpha".into(), LONG)]).await.unwrap();
        b.register_feeds(&[("beta".into(), LONG)]).await.unwrap();
        // b claims only what it knows.
        let batch = b.claim_due(&["beta".to_string()], 10, LONG).await.unwrap();
        let claimed: Vec<_> = batch.claims.iter().map(|c| c.lease.feed.as_str()).collect();
        assert_eq!(claimed, ["beta"]);
        let lease = batch.claims[0].lease.clone();
        assert!(b
            .finish(
                &lease,
                Finish {
                    delay: LONG,
                    failures: 0
                }
            )
            .await
            .unwrap());
        assert!(due_in_secs(b, "beta").await > 500.0);
        // Registered again with a shorter interval: due within it.
        b.register_feeds(&[("beta".into(), Duration::from_secs(30))])
            .await
            .unwrap();
        let due = due_in_secs(b, "beta").await;
        assert!(due <= 30.0 && due > 0.0, "{due}");
        // alpha, unknown to b, is still due now for a.
        assert!(due_in_secs(a, "alpha").await <= 0.0);
    });
}

#[test]
fn an_expired_lease_is_claimed_by_another_and_the_late_finish_changes_nothing() {
    let Some(pg) = PgCluster::start_or_skip("an_expired_lease_is_claimed_by_another") else {
        return;
    };
    let url = pg.create_database("expiry");
    runtime().block_on(async {
        let stores = instances(&url, 2).await;
        let (a, b) = (&stores[0], &stores[1]);
        let known = vec!["gamma".to_string()];
        a.register_feeds(&[("gamma".into(), LONG)]).await.unwrap();
        let short = Duration::from_millis(300);
        let first = a.claim_due(&known, 1, short).await.unwrap().claims;
        assert_eq!(first.len(), 1);
        let old = first[0].lease.clone();

        // The lease runs out: b takes the feed, with a newer token.
        let mut taken = None;
        let deadline = std::time::Instant::now() + WAIT;
        while taken.is_none() && std::time::Instant::now() < deadline {
            let batch = b.claim_due(&known, 1, LONG).await.unwrap();
            taken = batch.claims.into_iter().next();
            if taken.is_none() {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
        let taken = taken.expect("the expired lease was never claimed");
        assert!(taken.lease.token > old.token);

        // a's late result: not applied; its renewal finds the lease gone.
        assert!(a
            .renew_leases(std::slice::from_ref(&old), LONG)
            .await
            .unwrap()
            .is_empty());
        assert!(!a
            .finish(
                &old,
                Finish {
                    delay: Duration::ZERO,
                    failures: 3
                }
            )
            .await
            .unwrap());
        assert_eq!(a.release_leases(&[old]).await.unwrap(), 0);
        // b's lease still holds (the feed is not claimable), and b's finish applies.
        assert!(a
            .claim_due(&known, 1, LONG)
            .await
            .unwrap()
            .claims
            .is_empty());
        assert_eq!(
            b.renew_leases(std::slice::from_ref(&taken.lease), LONG)
                .await
                .unwrap(),
            ["gamma"]
        );
        assert!(b
            .finish(
                &taken.lease,
                Finish {
                    delay: LONG,
                    failures: 1
                }
            )
            .await
            .unwrap());
        let conn = b.conn().await.unwrap();
        let row = conn
            .query_one(
                "SELECT failures, lease_owner FROM schedule WHERE feed = 'gamma'",
                &[],
            )
            .await
            .unwrap();
        assert_eq!(row.get::<_, i64>(0), 1);
        assert_eq!(row.get::<_, Option<String>>(1), None);
        // The failures come back with the next claim, wherever it is made.
        conn.execute("UPDATE schedule SET next_due = now()", &[])
            .await
            .unwrap();
        let again = a.claim_due(&known, 1, LONG).await.unwrap().claims;
        assert_eq!(again[0].failures, 1);
    });
}

#[test]
fn released_leases_are_claimable_at_once() {
    let Some(pg) = PgCluster::start_or_skip("released_leases_are_claimable_at_once") else {
        return;
    };
    let url = pg.create_database("release");
    runtime().block_on(async {
        let stores = instances(&url, 2).await;
        let all = feeds(5);
        let known = ids(&all);
        stores[0].register_feeds(&all).await.unwrap();
        let claims = stores[0].claim_due(&known, 5, LONG).await.unwrap().claims;
        let leases: Vec<Lease> = claims.into_iter().map(|c| c.lease).collect();
        assert_eq!(stores[0].release_leases(&leases).await.unwrap(), 5);
        let batch = stores[1].claim_due(&known, 10, LONG).await.unwrap();
        assert_eq!(batch.claims.len(), 5);
        // An instance restarted under the same name takes its leases back.
        let same = PgStore::connect(&database(&url), "instance-b")
            .await
            .unwrap();
        assert_eq!(same.release_own_leases().await.unwrap(), 5);
    });
}

#[test]
fn host_slots_stay_a_delay_apart_across_instances_by_the_database_clock() {
    let Some(pg) = PgCluster::start_or_skip("host_slots_stay_a_delay_apart") else {
        return;
    };
    let url = pg.create_database("slots");
    runtime().block_on(async {
        let stores = instances(&url, 4).await;
        let delay = Duration::from_millis(40);
        let reservers = stores.iter().map(|store| async move {
            let mut slots = Vec::new();
            for _ in 0..15 {
                slots.push(
                    store
                        .reserve_host_slot("news.example", delay)
                        .await
                        .unwrap(),
                );
            }
            slots
        });
        let mut slots: Vec<_> = futures_util::future::join_all(reservers)
            .await
            .into_iter()
            .flatten()
            .collect();
        slots.sort_by(|a, b| a.at_ms.total_cmp(&b.at_ms));
        for pair in slots.windows(2) {
            let gap = pair[1].at_ms - pair[0].at_ms;
            assert!(gap >= 40.0 - 0.01, "two slots {gap} ms apart");
        }
        // Sixty reservations in a row: the last is about 59 delays after the first, and its
        // wait is counted from the database's now (not beyond the whole queue).
        let last = slots.last().unwrap();
        assert!(last.wait <= delay * 60, "{:?}", last.wait);
        // Another host does not wait behind this one.
        let other = stores[0].reserve_host_slot("quiet.example", delay).await;
        assert_eq!(other.unwrap().wait, Duration::ZERO);
    });
}

#[test]
fn next_due_is_counted_from_the_database_clock() {
    let Some(pg) = PgCluster::start_or_skip("next_due_is_counted_from_the_database_clock") else {
        return;
    };
    let url = pg.create_database("clock");
    runtime().block_on(async {
        let stores = instances(&url, 1).await;
        let store = &stores[0];
        let known = vec!["delta".to_string()];
        store
            .register_feeds(&[("delta".into(), LONG)])
            .await
            .unwrap();
        // Registered: due at the database's now.
        assert!(due_in_secs(store, "delta").await <= 0.0);
        let claim = store.claim_due(&known, 1, LONG).await.unwrap().claims;
        let delay = Duration::from_secs(120);
        assert!(store
            .finish(&claim[0].lease, Finish { delay, failures: 0 })
            .await
            .unwrap());
        let due = due_in_secs(store, "delta").await;
        assert!((110.0..=120.0).contains(&due), "{due}");
        let next = store.next_claimable_in(&known).await.unwrap().unwrap();
        assert!(
            next <= delay && next > delay - Duration::from_secs(10),
            "{next:?}"
        );
        // Move the database's idea of the feed into the past: claimable now.
        let conn = store.conn().await.unwrap();
        conn.execute(
            "UPDATE schedule SET next_due = now() - interval '1 second'",
            &[],
        )
        .await
        .unwrap();
        assert_eq!(
            store.next_claimable_in(&known).await.unwrap(),
            Some(Duration::ZERO)
        );
        let n = store.round_trips();
        store.claim_due(&known, 1, LONG).await.unwrap();
        // One round trip (two when this connection had not prepared the statement yet).
        assert!(store.round_trips() - n <= 2, "a claim is one round trip");
    });
}
