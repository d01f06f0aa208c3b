//! Whether the fleet's database answers, as the scheduler sees it: one line in the log when
//! it stops answering and one when it answers again, and a growing pause between tries
//! while it is gone. Every call is bounded in time, so a database that hangs (a lost
//! machine, a dropped network) holds the scheduler up no longer than a dead one.

use std::future::Future;
use std::time::Duration;

use tokio::time::Instant;

use crate::store::StoreError;

/// The first pause after the database failed; it doubles up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_secs(1);
/// The longest pause between tries while the database is gone.
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// The database as the scheduler last found it.
#[derive(Debug)]
pub(super) struct DbHealth {
    /// Since when it has not answered (`None`: it answers).
    down_since: Option<Instant>,
    /// No try before this.
    retry_at: Instant,
    backoff: Duration,
    /// The longest one call may take.
    limit: Duration,
}

impl DbHealth {
    /// A database that answered at start; each call may take up to `limit`.
    pub(super) fn new(limit: Duration) -> DbHealth {
        DbHealth {
            down_since: None,
            retry_at: Instant::now(),
            backoff: FIRST_BACKOFF,
            limit,
        }
    }

    /// Whether the database may be asked now (it answers, or its pause is over).
    pub(super) fn may_try(&self, now: Instant) -> bool {
        self.down_since.is_none() || now >= self.retry_at
    }

    /// Whether it is thought to answer.
    pub(super) fn is_up(&self) -> bool {
        self.down_since.is_none()
    }

    /// When it may next be asked (now when it answers).
    pub(super) fn retry_at(&self) -> Instant {
        self.retry_at
    }

    /// Runs `call` within the time limit, and notes what came of it.
    pub(super) async fn call<T>(
        &mut self,
        call: impl Future<Output = Result<T, StoreError>>,
    ) -> Result<T, StoreError> {
        let result = match tokio::time::timeout(self.limit, call).await {
            Ok(result) => result,
            Err(_) => Err(StoreError::Postgres(format!(
                "no answer within {:?}",
                self.limit
            ))),
        };
        match &result {
            Ok(_) => self.answered(),
            Err(e) => self.failed(e),
        }
        result
    }

    /// The database answered.
    pub(super) fn answered(&mut self) {
        if let Some(since) = self.down_since.take() {
            tracing::info!(
                "the database answers again (it was gone {:.0?}); claiming and recording feeds again",
                since.elapsed()
            );
        }
        self.backoff = FIRST_BACKOFF;
    }

    /// Lets the next call go whatever the pause (a last try at shutdown).
    pub(super) fn try_now(&mut self) {
        self.retry_at = Instant::now();
    }

    /// The database failed with `e`.
    pub(super) fn failed(&mut self, e: &StoreError) {
        let now = Instant::now();
        if self.down_since.is_none() {
            self.down_since = Some(now);
            self.backoff = FIRST_BACKOFF;
            tracing::error!(
                "lost the database: {e}; serving what is built and trying again, with growing pauses, until it answers"
            );
        } else {
            self.backoff = (self.backoff * 2).min(MAX_BACKOFF);
        }
        self.retry_at = now + self.backoff;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_grow_while_the_database_is_gone_and_reset_when_it_answers() {
        let mut db = DbHealth::new(Duration::from_secs(1));
        let now = Instant::now();
        assert!(db.may_try(now) && db.is_up());
        let e = StoreError::Postgres("connection refused".into());
        db.failed(&e);
        assert!(!db.is_up());
        assert!(!db.may_try(Instant::now()));
        let first = db.retry_at() - Instant::now();
        db.failed(&e);
        db.failed(&e);
        let third = db.retry_at() - Instant::now();
        assert!(third > first * 3, "{first:?} then {third:?}");
        for _ in 0..20 {
            db.failed(&e);
        }
        assert!(db.retry_at() - Instant::now() <= MAX_BACKOFF);
        db.answered();
        assert!(db.is_up() && db.may_try(Instant::now()));
    }
}
