//! The SQLite store as async code shares it. The database lives on a thread of its own and
//! every call is sent there: while another process holds SQLite's write lock, only the feeds waiting
//! for the database wait; the runtime's threads keep driving every other feed's network I/O
//! and its timeouts. One thread (rather than the blocking pool) keeps the calls cheap and the
//! memory small: no thread is started per call, and SQLite's pages stay in one allocator arena.

use std::sync::mpsc;

use tokio::sync::oneshot;

use super::{Store, StoreError};

/// Work sent to the store's thread.
type Job = Box<dyn FnOnce(&mut Store) + Send>;

/// A cloneable handle to one open SQLite [`Store`], served by its own thread; the thread ends when
/// the last handle is dropped.
#[derive(Clone)]
pub struct SqliteThread {
    jobs: mpsc::Sender<Job>,
}

impl SqliteThread {
    /// Moves `store` to a new thread of its own.
    pub fn new(mut store: Store) -> SqliteThread {
        let (jobs, queue) = mpsc::channel::<Job>();
        let spawned = std::thread::Builder::new()
            .name("feedmill-store".into())
            .spawn(move || {
                while let Ok(job) = queue.recv() {
                    // A panic in store code (a bug) fails that call only: its transaction
                    // rolls back, and the thread goes on serving the others.
                    let run = std::panic::AssertUnwindSafe(|| job(&mut store));
                    let _ = std::panic::catch_unwind(run);
                }
            });
        if let Err(e) = spawned {
            // Without the thread every call fails with ShuttingDown; say why once.
            tracing::error!("cannot start the state database's thread: {e}");
        }
        SqliteThread { jobs }
    }

    /// Runs `work` on the store's thread and returns what it returns.
    pub async fn call<T, F>(&self, work: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, StoreError> + Send + 'static,
    {
        let (reply, answer) = oneshot::channel();
        let job: Job = Box::new(move |store| {
            let _ = reply.send(work(store));
        });
        self.jobs.send(job).map_err(|_| StoreError::ShuttingDown)?;
        // The reply is dropped unsent only when `work` panicked (a bug) or the thread is gone.
        answer.await.map_err(|_| StoreError::ShuttingDown)?
    }
}
