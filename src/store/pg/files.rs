//! TEMPORARY: rendered files in the database, still to be written.

use chrono::{DateTime, Utc};

use super::PgStore;
use crate::store::{Lease, StoreError};

#[allow(unused_variables)]
impl PgStore {
    pub async fn put_files(
        &self,
        lease: Option<&Lease>,
        feed: &str,
        files: Vec<(String, Vec<u8>)>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        Err(StoreError::Postgres("not written yet".into()))
    }
}
