//! When each feed is refreshed next. Pure: the daemon asks, these functions answer.
//!
//! A feed is refreshed every `interval`, give or take 10% so feeds that share a site drift
//! apart; first runs are spread out instead of all starting at once; a failing feed waits
//! twice as long after each failure (at most 6 hours), and never less than a site's
//! Retry-After.

use std::time::Duration;

/// The longest a failing feed waits between tries.
pub const MAX_BACKOFF: Duration = Duration::from_secs(6 * 3600);
/// The share of the interval added or taken away at random.
pub const JITTER: f64 = 0.10;
/// First runs are spread over this long (or the shortest interval, when that is shorter).
pub const STAGGER: Duration = Duration::from_secs(30);

/// How long after its first-run slot feed number `index` of `count` starts.
pub fn first_delay(index: usize, count: usize, shortest_interval: Duration) -> Duration {
    if count <= 1 {
        return Duration::ZERO;
    }
    let window = STAGGER.min(shortest_interval);
    window.mul_f64(index as f64 / count as f64)
}

/// How long until a feed's next refresh, given its interval, how many builds in a row have
/// failed (0 after a success), what the site said in Retry-After, and `jitter` in [-1, 1].
pub fn next_delay(
    interval: Duration,
    consecutive_failures: u32,
    retry_after: Option<Duration>,
    jitter: f64,
) -> Duration {
    let base = if consecutive_failures == 0 {
        interval
    } else {
        let factor = 2u32.saturating_pow(consecutive_failures.min(20) - 1);
        interval.saturating_mul(factor).min(MAX_BACKOFF)
    };
    let jittered = base.mul_f64(1.0 + JITTER * jitter.clamp(-1.0, 1.0));
    match retry_after {
        Some(wait) => jittered.max(wait.min(MAX_BACKOFF * 4)),
        None => jittered,
    }
}

/// A small deterministic random source (SplitMix64) for jitter: no crate needed for this.
#[derive(Debug, Clone)]
pub struct Jitter(u64);

impl Jitter {
    pub fn new(seed: u64) -> Jitter {
        Jitter(seed)
    }

    /// A number in [-1, 1].
    pub fn sample(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const M: Duration = Duration::from_secs(60);

    #[test]
    fn next_delay_table() {
        let cases = [
            // interval, failures, retry-after, jitter, expected
            (30 * M, 0, None, 0.0, 30 * M),
            (30 * M, 0, None, 1.0, 33 * M),
            (30 * M, 0, None, -1.0, 27 * M),
            (30 * M, 1, None, 0.0, 30 * M),
            (30 * M, 2, None, 0.0, 60 * M),
            (30 * M, 3, None, 0.0, 120 * M),
            (30 * M, 5, None, 0.0, 360 * M),
            (30 * M, 50, None, 0.0, 360 * M),
            (30 * M, 1, Some(90 * M), 0.0, 90 * M),
            (30 * M, 3, Some(10 * M), 0.0, 120 * M),
            (30 * M, 0, None, 7.0, 33 * M),
        ];
        for (interval, failures, retry, jitter, want) in cases {
            assert_eq!(
                next_delay(interval, failures, retry, jitter),
                want,
                "{interval:?} {failures} {retry:?} {jitter}"
            );
        }
    }

    #[test]
    fn first_runs_are_spread() {
        assert_eq!(first_delay(0, 1, 30 * M), Duration::ZERO);
        assert_eq!(first_delay(0, 4, 30 * M), Duration::ZERO);
        assert_eq!(first_delay(2, 4, 30 * M), Duration::from_secs(15));
        assert_eq!(
            first_delay(1, 2, Duration::from_secs(10)),
            Duration::from_secs(5)
        );
    }

    #[test]
    fn jitter_stays_in_range_and_varies() {
        let mut j = Jitter::new(42);
        let xs: Vec<f64> = (0..1000).map(|_| j.sample()).collect();
        assert!(xs.iter().all(|x| (-1.0..=1.0).contains(x)));
        assert!(xs.iter().any(|&x| x > 0.5) && xs.iter().any(|&x| x < -0.5));
    }
}
