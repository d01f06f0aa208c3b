//! A pooled connection and its transactions, counting every round trip to the server, so the
//! fleet benchmark can say what a refresh costs the database. Statements are prepared once
//! per connection (deadpool's statement cache); a first use costs one more round trip, and is
//! counted.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use tokio_postgres::types::ToSql;
use tokio_postgres::{Row, Statement};

use super::pg_error;
use crate::store::StoreError;

/// Round trips to the server since the store was opened.
#[derive(Debug, Default)]
pub struct RoundTrips(AtomicU64);

impl RoundTrips {
    pub(super) fn add(&self, n: u64) {
        self.0.fetch_add(n, Ordering::Relaxed);
    }

    /// How many so far.
    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// One connection from the pool.
pub struct Conn {
    pub(super) client: deadpool_postgres::Object,
    pub(super) trips: Arc<RoundTrips>,
}

/// A transaction on a [`Conn`]; rolled back when dropped uncommitted.
pub struct Tx<'a> {
    tx: deadpool_postgres::Transaction<'a>,
    trips: &'a RoundTrips,
}

/// What statements run on: a connection or a transaction (which shares its connection's
/// statement cache).
macro_rules! statements {
    ($ty:ty, $inner:ident) => {
        impl $ty {
            async fn prepared(&self, sql: &str) -> Result<Statement, StoreError> {
                let cached = self.$inner.statement_cache.size();
                let st = self.$inner.prepare_cached(sql).await.map_err(pg_error)?;
                if self.$inner.statement_cache.size() != cached {
                    self.trips.add(1);
                }
                Ok(st)
            }

            /// Runs `sql` and gives its rows.
            pub async fn query(
                &self,
                sql: &str,
                params: &[&(dyn ToSql + Sync)],
            ) -> Result<Vec<Row>, StoreError> {
                let st = self.prepared(sql).await?;
                self.trips.add(1);
                self.$inner.query(&st, params).await.map_err(pg_error)
            }

            /// Runs `sql` and gives its one row, or `None`.
            pub async fn query_opt(
                &self,
                sql: &str,
                params: &[&(dyn ToSql + Sync)],
            ) -> Result<Option<Row>, StoreError> {
                let st = self.prepared(sql).await?;
                self.trips.add(1);
                self.$inner.query_opt(&st, params).await.map_err(pg_error)
            }

            /// Runs `sql` and gives its one row; an error when there is none.
            pub async fn query_one(
                &self,
                sql: &str,
                params: &[&(dyn ToSql + Sync)],
            ) -> Result<Row, StoreError> {
                let st = self.prepared(sql).await?;
                self.trips.add(1);
                self.$inner.query_one(&st, params).await.map_err(pg_error)
            }

            /// Runs `sql` and gives how many rows it touched.
            pub async fn execute(
                &self,
                sql: &str,
                params: &[&(dyn ToSql + Sync)],
            ) -> Result<u64, StoreError> {
                let st = self.prepared(sql).await?;
                self.trips.add(1);
                self.$inner.execute(&st, params).await.map_err(pg_error)
            }

            /// Runs statements without parameters (schema changes), in one round trip.
            pub async fn batch(&self, sql: &str) -> Result<(), StoreError> {
                self.trips.add(1);
                self.$inner.batch_execute(sql).await.map_err(pg_error)
            }
        }
    };
}

statements!(Conn, client);

statements!(Tx<'_>, tx);

impl Tx<'_> {
    /// Makes the transaction's changes durable.
    pub async fn commit(self) -> Result<(), StoreError> {
        self.trips.add(1);
        self.tx.commit().await.map_err(pg_error)
    }
}

impl Conn {
    /// Starts a transaction (BEGIN is one round trip).
    pub async fn transaction(&mut self) -> Result<Tx<'_>, StoreError> {
        self.trips.add(1);
        let tx = self.client.transaction().await.map_err(pg_error)?;
        Ok(Tx {
            tx,
            trips: &self.trips,
        })
    }
}
