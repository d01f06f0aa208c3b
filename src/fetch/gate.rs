//! A host gate shared by a fleet of instances: `host_delay` held across all of them, not
//! only within one process. The gate itself lives elsewhere (the fleet's database); the
//! fetcher asks it for each request's slot, and while it cannot answer falls back to its own
//! per-process slots, so a lost database slows nothing down and politeness still holds
//! within each instance.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::future::BoxFuture;
use tokio::time::Instant;

/// How long one reservation may take before the fetcher uses its own slot instead.
const RESERVE_TIMEOUT: Duration = Duration::from_secs(3);
/// After a failed reservation, how long requests use the local slots before the gate is
/// asked again (so a lost database is not waited on by every request).
const RETRY_AFTER: Duration = Duration::from_secs(5);

/// Reserves request slots for hosts, for every instance together.
pub trait HostGate: Send + Sync {
    /// Reserves the next slot for `host`, `delay` after the one reserved before it (by any
    /// instance); gives how long to wait for it, or why the gate could not answer.
    fn reserve<'a>(
        &'a self,
        host: &'a str,
        delay: Duration,
    ) -> BoxFuture<'a, Result<Duration, String>>;
}

/// A [`HostGate`] and whether it answered last time.
pub(super) struct SharedSlots {
    gate: Arc<dyn HostGate>,
    /// When the gate failed, the time before which it is not asked again.
    down_until: Mutex<Option<Instant>>,
}

impl SharedSlots {
    pub(super) fn new(gate: Arc<dyn HostGate>) -> SharedSlots {
        SharedSlots {
            gate,
            down_until: Mutex::new(None),
        }
    }

    fn down_until(&self) -> std::sync::MutexGuard<'_, Option<Instant>> {
        self.down_until.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// How long to wait for `host`'s next slot by the shared gate; `None` when the gate
    /// cannot answer now (the caller uses its own slot). Says in the log when the gate stops
    /// answering and when it answers again, once each.
    pub(super) async fn wait(&self, host: &str, delay: Duration) -> Option<Duration> {
        let was_down = self.down_until().is_some();
        if self.down_until().is_some_and(|t| Instant::now() < t) {
            return None;
        }
        let answer =
            match tokio::time::timeout(RESERVE_TIMEOUT, self.gate.reserve(host, delay)).await {
                Ok(answer) => answer,
                Err(_) => Err(format!("no answer within {RESERVE_TIMEOUT:?}")),
            };
        match answer {
            Ok(wait) => {
                if was_down {
                    *self.down_until() = None;
                    tracing::info!(
                        "host slots: the database answers again; host_delay holds across the fleet again"
                    );
                }
                Some(wait)
            }
            Err(e) => {
                *self.down_until() = Some(Instant::now() + RETRY_AFTER);
                if !was_down {
                    tracing::warn!(
                        "host slots: cannot reserve them in the database ({e}); until it answers, host_delay holds within this instance only"
                    );
                }
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

    struct Flaky {
        up: AtomicBool,
        asked: AtomicUsize,
    }

    impl HostGate for Flaky {
        fn reserve<'a>(
            &'a self,
            _host: &'a str,
            delay: Duration,
        ) -> BoxFuture<'a, Result<Duration, String>> {
            self.asked.fetch_add(1, Ordering::SeqCst);
            let up = self.up.load(Ordering::SeqCst);
            Box::pin(async move {
                if up {
                    Ok(delay)
                } else {
                    Err("down".into())
                }
            })
        }
    }

    #[test]
    fn a_failing_gate_is_left_alone_for_a_while_then_asked_again() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap();
        rt.block_on(failing_gate());
    }

    async fn failing_gate() {
        let flaky = Arc::new(Flaky {
            up: AtomicBool::new(true),
            asked: AtomicUsize::new(0),
        });
        let slots = SharedSlots::new(flaky.clone());
        let d = Duration::from_millis(100);
        assert_eq!(slots.wait("a", d).await, Some(d));
        flaky.up.store(false, Ordering::SeqCst);
        assert_eq!(slots.wait("a", d).await, None);
        // Within the retry pause the gate is not asked.
        assert_eq!(slots.wait("a", d).await, None);
        assert_eq!(flaky.asked.load(Ordering::SeqCst), 2);
        flaky.up.store(true, Ordering::SeqCst);
        // The pause over (as if RETRY_AFTER had passed):
        *slots.down_until() = Some(Instant::now());
        assert_eq!(slots.wait("a", d).await, Some(d));
        assert_eq!(flaky.asked.load(Ordering::SeqCst), 3);
    }
}
