//! The store as async code shares it. Every call runs on the blocking pool: while another
//! process holds SQLite's write lock, only the feeds waiting for the database wait; the
//! runtime's threads keep driving every other feed's network I/O and its timeouts.

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use super::{Store, StoreError};

/// A cloneable handle to one open [`Store`].
#[derive(Clone)]
pub struct StoreHandle {
    inner: Arc<Mutex<Store>>,
}

impl StoreHandle {
    pub fn new(store: Store) -> StoreHandle {
        StoreHandle {
            inner: Arc::new(Mutex::new(store)),
        }
    }

    /// Opens the database in `state_dir` (see [`Store::open`]).
    pub fn open(state_dir: &Path) -> Result<StoreHandle, StoreError> {
        Store::open(state_dir).map(StoreHandle::new)
    }

    /// Runs `work` on the store, on the blocking pool, and returns what it returns.
    pub async fn call<T, F>(&self, work: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, StoreError> + Send + 'static,
    {
        let inner = Arc::clone(&self.inner);
        match tokio::task::spawn_blocking(move || work(&mut lock(&inner))).await {
            Ok(result) => result,
            // A panic in store code is a bug: let it surface where it would have without
            // the pool, in the task that asked.
            Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
            Err(_) => Err(StoreError::ShuttingDown),
        }
    }

    /// Runs `work` on the store on this thread: for code outside the async runtime.
    pub fn blocking<T>(&self, work: impl FnOnce(&mut Store) -> T) -> T {
        work(&mut lock(&self.inner))
    }
}

/// A panic while the lock was held cannot leave the database half-written (transactions roll
/// back), so a poisoned lock is still usable.
fn lock(store: &Mutex<Store>) -> MutexGuard<'_, Store> {
    store.lock().unwrap_or_else(|e| e.into_inner())
}
