//! The state in PostgreSQL, shared by a fleet of `feedmill run` instances.
//!
//! The same operations as the SQLite [`Store`](super::Store), async, over a connection pool
//! (deadpool); plus what only a fleet needs: the shared schedule with its leases, fleet-wide
//! host slots, and the rendered files every instance serves. Migrations run at start, under
//! an advisory lock, so instances started together take turns.

mod articles;
mod conn;
mod copy;
mod files;
mod fleet;
mod health;
mod items;
mod schema;

use std::sync::Arc;
use std::time::Duration;

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use tokio_postgres::NoTls;

pub use conn::{Conn, RoundTrips, Tx};
pub use copy::{CopyReport, TableCopy};
pub use files::{FileEvents, StoredFile, FILES_CHANNEL};
pub use fleet::{Claim, ClaimBatch, Finish, HostSlot};

use super::StoreError;
use crate::config::Database;

/// How many connections one instance keeps at most.
const POOL_SIZE: usize = 8;
/// How long a new connection may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The advisory lock migrations hold (any number no other program uses on this database).
const MIGRATION_LOCK: i64 = 0x6665_6564_6d69_6c6c; // "feedmill"

/// The open PostgreSQL state; cheap to clone (the pool is shared).
#[derive(Clone)]
pub struct PgStore {
    pool: Pool,
    trips: Arc<RoundTrips>,
    /// This instance's name, recorded with what it builds.
    instance: Arc<str>,
    /// The connection string with its password masked, for messages.
    shown: Arc<str>,
}

/// The words of a PostgreSQL error: its server message when there is one (tokio-postgres's
/// own display says only "db error").
pub(crate) fn pg_message(e: &tokio_postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("{} ({})", db.message(), db.code().code()),
        None => {
            let mut text = e.to_string();
            if let Some(source) = std::error::Error::source(e) {
                text = format!("{text}: {source}");
            }
            text
        }
    }
}

pub(super) fn pg_error(e: tokio_postgres::Error) -> StoreError {
    StoreError::Postgres(pg_message(&e))
}

/// This instance's name: `$FEEDMILL_INSTANCE`, else `<host name>-<process id>`.
pub fn instance_name() -> String {
    if let Ok(name) = std::env::var("FEEDMILL_INSTANCE") {
        if !name.trim().is_empty() {
            return name.trim().to_string();
        }
    }
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_default();
    let host = if host.is_empty() { "feedmill" } else { &host };
    format!("{host}-{}", std::process::id())
}

impl PgStore {
    /// Connects to `db`, checks that the server answers, and brings the schema up to date.
    pub async fn connect(db: &Database, instance: &str) -> Result<PgStore, StoreError> {
        let store = PgStore::pool(db, instance)?;
        let mut conn = store.conn().await?;
        store.migrate(&mut conn).await?;
        Ok(store)
    }

    /// Connects to `db` for reading (`status`, `serve`): the schema must be this feedmill's.
    pub async fn connect_read_only(db: &Database) -> Result<PgStore, StoreError> {
        let store = PgStore::pool(db, &instance_name())?;
        let conn = store.conn().await?;
        let found = schema_version(&conn).await?;
        if found != schema::MIGRATIONS.len() as i64 {
            return Err(StoreError::PgVersion {
                url: store.shown.to_string(),
                found,
                known: schema::MIGRATIONS.len(),
            });
        }
        Ok(store)
    }

    fn pool(db: &Database, instance: &str) -> Result<PgStore, StoreError> {
        let shown: Arc<str> = db.masked().into();
        let mut config: tokio_postgres::Config =
            db.url.parse().map_err(|e| StoreError::Unreachable {
                url: shown.to_string(),
                reason: pg_message(&e),
            })?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        if config.get_application_name().is_none() {
            config.application_name(format!("feedmill {instance}"));
        }
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(POOL_SIZE)
            .runtime(Runtime::Tokio1)
            .wait_timeout(Some(CONNECT_TIMEOUT * 3))
            .create_timeout(Some(CONNECT_TIMEOUT))
            .build()
            .map_err(|e| StoreError::Unreachable {
                url: shown.to_string(),
                reason: e.to_string(),
            })?;
        Ok(PgStore {
            pool,
            trips: Arc::new(RoundTrips::default()),
            instance: instance.into(),
            shown,
        })
    }

    /// A connection from the pool.
    pub async fn conn(&self) -> Result<Conn, StoreError> {
        let client = self.pool.get().await.map_err(|e| {
            let reason = match e {
                deadpool_postgres::PoolError::Backend(e) => pg_message(&e),
                other => other.to_string(),
            };
            StoreError::Unreachable {
                url: self.shown.to_string(),
                reason,
            }
        })?;
        Ok(Conn {
            client,
            trips: Arc::clone(&self.trips),
        })
    }

    /// Round trips to the server since the store was opened.
    pub fn round_trips(&self) -> u64 {
        self.trips.get()
    }

    /// This instance's name.
    pub fn instance(&self) -> &str {
        &self.instance
    }

    /// The connection string with its password masked.
    pub fn shown_url(&self) -> &str {
        &self.shown
    }

    async fn migrate(&self, conn: &mut Conn) -> Result<(), StoreError> {
        let tx = conn.transaction().await?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
            .await?;
        tx.batch("CREATE TABLE IF NOT EXISTS feedmill_schema (version BIGINT NOT NULL)")
            .await?;
        let found: i64 = tx
            .query_opt("SELECT version FROM feedmill_schema", &[])
            .await?
            .map_or(0, |r| r.get(0));
        let known = schema::MIGRATIONS.len();
        if found > known as i64 {
            return Err(StoreError::PgTooNew {
                url: self.shown.to_string(),
                found,
                known,
            });
        }
        for sql in schema::MIGRATIONS.iter().skip(found.max(0) as usize) {
            tx.batch(sql).await?;
        }
        if found == 0 {
            tx.execute(
                "INSERT INTO feedmill_schema (version) VALUES ($1)",
                &[&(known as i64)],
            )
            .await?;
        } else if found < known as i64 {
            tx.execute(
                "UPDATE feedmill_schema SET version = $1",
                &[&(known as i64)],
            )
            .await?;
        }
        tx.commit().await
    }
}

/// Locks `lease`'s feed in the schedule for the rest of `tx` and checks that the lease is
/// still the feed's (no other instance claimed it since): the fence every write of a leased
/// build passes. Without a lease (`build`, `forget`, a migration) there is nothing to check.
pub(crate) async fn fence(tx: &Tx<'_>, lease: Option<&super::Lease>) -> Result<(), StoreError> {
    let Some(lease) = lease else { return Ok(()) };
    let row = tx
        .query_opt(
            "SELECT lease_token FROM schedule WHERE feed = $1 FOR UPDATE",
            &[&lease.feed],
        )
        .await?;
    match row.map(|r| r.get::<_, i64>(0)) {
        Some(token) if token == lease.token => Ok(()),
        _ => Err(StoreError::LeaseLost {
            feed: lease.feed.clone(),
        }),
    }
}

async fn schema_version(conn: &Conn) -> Result<i64, StoreError> {
    let exists = conn
        .query_one("SELECT to_regclass('feedmill_schema') IS NOT NULL", &[])
        .await?;
    if !exists.get::<_, bool>(0) {
        return Ok(0);
    }
    Ok(conn
        .query_opt("SELECT version FROM feedmill_schema", &[])
        .await?
        .map_or(0, |r| r.get(0)))
}
