//! Keeping a server's feed files equal to the database's `files` table, so every instance
//! behind a load balancer answers the same bytes, ETag and Last-Modified.
//!
//! The follower listens first, then loads the whole table, then reads again each file a
//! notice names, and now and then compares names and ETags with the table, for what no
//! notice told of (a file deleted by hand). When the database goes away the files in memory keep being served; the
//! follower retries with growing pauses and, once back, loads everything again (notices
//! sent while it was away are lost). Each change of state is logged once.

use std::collections::HashSet;
use std::sync::{Arc, Weak};
use std::time::Duration;

use super::FileCache;
use crate::config::Database;
use crate::schedule::Jitter;
use crate::store::pg::{FileEvents, PgStore};
use crate::store::StoreError;

/// The first pause after losing the database; it doubles up to [`LAST_RETRY`].
const FIRST_RETRY: Duration = Duration::from_millis(500);
const LAST_RETRY: Duration = Duration::from_secs(10);
/// How often the listening connection is checked (a server that vanished without closing
/// it sends no notice and no error), and how long the check may take.
const PING_EVERY: Duration = Duration::from_secs(15);
const PING_LIMIT: Duration = Duration::from_secs(10);
/// How often the copy is compared with the table (names and ETags only), for changes no
/// notice told of: a file deleted by hand, a notice lost.
const RECONCILE_EVERY: Duration = Duration::from_secs(30);
/// Notices read again in one query at most.
const BATCH: usize = 512;

/// Starts following `db` for `cache` (made with [`FileCache::with_database`]); the task ends
/// soon after the cache is dropped.
pub fn follow_database(cache: &Arc<FileCache>, db: Database) -> tokio::task::JoinHandle<()> {
    tokio::spawn(follow(Arc::downgrade(cache), db))
}

/// Why a session with the database ended.
enum Ended {
    /// The server is gone: nothing left to follow for.
    CacheGone,
    Lost(StoreError),
}

impl From<StoreError> for Ended {
    fn from(e: StoreError) -> Ended {
        Ended::Lost(e)
    }
}

/// What the follower last said about the database, so each change is logged once.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Starting,
    Up,
    Down,
}

async fn follow(cache: Weak<FileCache>, db: Database) {
    let mut state = State::Starting;
    let mut store = None;
    let mut pause = FIRST_RETRY;
    let mut jitter = Jitter::new(u64::from(std::process::id()));
    loop {
        let reason = match session(&cache, &db, &mut store, &mut state).await {
            Ended::CacheGone => return,
            Ended::Lost(e) => e,
        };
        if state == State::Up {
            // It was up: retry soon; a server restarting takes a moment.
            pause = FIRST_RETRY;
        }
        let held = cache.upgrade().map_or(0, |c| c.stored_count());
        match state {
            State::Up => tracing::warn!(
                "lost the database at {} ({reason}): serving the {held} feed files in memory; reconnecting",
                db.masked()
            ),
            State::Starting => tracing::warn!(
                "cannot load the feed files from the database at {} ({reason}); retrying",
                db.masked()
            ),
            State::Down => tracing::debug!("the database is still unreachable: {reason}"),
        }
        state = State::Down;
        // ±25 %, so a fleet that lost its database does not come back in step.
        let spread = 1.0 + 0.25 * jitter.sample();
        tokio::time::sleep(pause.mul_f64(spread)).await;
        pause = (pause * 2).min(LAST_RETRY);
        if cache.strong_count() == 0 {
            return;
        }
    }
}

/// One connection's worth of following: listen, load everything, then apply notices until
/// the connection fails or the cache goes.
async fn session(
    cache: &Weak<FileCache>,
    db: &Database,
    store: &mut Option<PgStore>,
    state: &mut State,
) -> Ended {
    let store = match store {
        Some(s) => s.clone(),
        None => match PgStore::connect_read_only(db).await {
            Ok(s) => store.insert(s).clone(),
            Err(e) => return Ended::Lost(e),
        },
    };
    // Listening before loading: a file changed in between is heard of, and read again.
    let mut events = match FileEvents::listen(db).await {
        Ok(events) => events,
        Err(e) => return Ended::Lost(e),
    };
    match store.all_files().await {
        Ok(all) => {
            let Some(cache) = cache.upgrade() else {
                return Ended::CacheGone;
            };
            let count = all.len();
            cache.replace_stored(all);
            match state {
                State::Down => {
                    tracing::info!("the database is back: reloaded {count} feed files")
                }
                _ => tracing::info!("serving {count} feed files from the database"),
            }
            *state = State::Up;
        }
        Err(e) => return Ended::Lost(e),
    }
    let start = tokio::time::Instant::now();
    let mut ping = tokio::time::interval_at(start + PING_EVERY, PING_EVERY);
    let mut reconcile = tokio::time::interval_at(start + RECONCILE_EVERY, RECONCILE_EVERY);
    loop {
        tokio::select! {
            name = events.next() => {
                let Some(name) = name else {
                    return Ended::Lost(StoreError::Postgres("the connection closed".into()));
                };
                if let Err(ended) = apply(cache, &store, &mut events, name).await {
                    return ended;
                }
            }
            _ = reconcile.tick() => {
                if let Err(ended) = compare(cache, &store).await {
                    return ended;
                }
            }
            _ = ping.tick() => {
                if cache.strong_count() == 0 {
                    return Ended::CacheGone;
                }
                match tokio::time::timeout(PING_LIMIT, events.ping()).await {
                    Ok(Ok(())) => {}
                    Ok(Err(e)) => return Ended::Lost(e),
                    Err(_) => return Ended::Lost(StoreError::Postgres(format!("no answer in {PING_LIMIT:?}"))),
                }
            }
        }
    }
}

/// Reads again the file `first` names and those of the notices already waiting, in one
/// query, and puts what the table holds now into the cache.
async fn apply(
    cache: &Weak<FileCache>,
    store: &PgStore,
    events: &mut FileEvents,
    first: String,
) -> Result<(), Ended> {
    let mut seen = HashSet::from([first.clone()]);
    let mut names = vec![first];
    while names.len() < BATCH {
        let Some(name) = events.try_next() else { break };
        if seen.insert(name.clone()) {
            names.push(name);
        }
    }
    let found = store.files_named(&names).await?;
    let cache = cache.upgrade().ok_or(Ended::CacheGone)?;
    tracing::debug!("{} feed files changed in the database", names.len());
    cache.update_stored(&names, found);
    Ok(())
}

/// Compares the copy with the table's names and ETags, and reads again what differs.
async fn compare(cache: &Weak<FileCache>, store: &PgStore) -> Result<(), Ended> {
    let tags = store.all_file_tags().await?;
    let (changed, gone) = cache
        .upgrade()
        .ok_or(Ended::CacheGone)?
        .stored_differences(&tags);
    if changed.is_empty() && gone.is_empty() {
        return Ok(());
    }
    tracing::debug!(
        "{} feed files changed and {} went without a notice",
        changed.len(),
        gone.len()
    );
    let found = store.files_named(&changed).await?;
    let mut asked = changed;
    asked.extend(gone);
    cache
        .upgrade()
        .ok_or(Ended::CacheGone)?
        .update_stored(&asked, found);
    Ok(())
}
