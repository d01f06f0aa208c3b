//! Counters for `/metrics`, in Prometheus's text format.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};

/// What one feed's builds have come to so far.
#[derive(Debug, Default, Clone)]
struct FeedCounters {
    builds_ok: u64,
    builds_failed: u64,
    not_modified: u64,
    new_items: u64,
    items: u64,
    last_duration: f64,
    consecutive_failures: u64,
}

/// Counters shared by the scheduler and the server.
#[derive(Debug, Default)]
pub struct Metrics {
    feeds: Mutex<BTreeMap<String, FeedCounters>>,
    requests: [AtomicU64; 4],
    /// Round trips to the fleet's database so far (set with PostgreSQL only).
    round_trips: OnceLock<RoundTripSource>,
}

/// Where `/metrics` reads the database's round trips from.
struct RoundTripSource(Box<dyn Fn() -> u64 + Send + Sync>);

impl std::fmt::Debug for RoundTripSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RoundTripSource({})", (self.0)())
    }
}

/// Response classes counted for the server.
#[derive(Debug, Clone, Copy)]
pub enum Served {
    Ok = 0,
    NotModified = 1,
    NotFound = 2,
    Other = 3,
}

/// What one feed build came to, in numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BuildCounts {
    pub elapsed: std::time::Duration,
    /// `None` when the build failed.
    pub done: Option<BuiltCounts>,
}

/// The numbers of a build that succeeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuiltCounts {
    pub items: usize,
    pub new_items: usize,
    pub not_modified: bool,
}

impl Metrics {
    /// Counts one build of feed `id`.
    pub fn record(&self, id: &str, build: BuildCounts) {
        let mut feeds = self.feeds.lock().unwrap_or_else(|e| e.into_inner());
        let c = feeds.entry(id.to_string()).or_default();
        c.last_duration = build.elapsed.as_secs_f64();
        match build.done {
            Some(o) => {
                c.builds_ok += 1;
                c.items = o.items as u64;
                c.new_items += o.new_items as u64;
                c.not_modified += u64::from(o.not_modified);
                c.consecutive_failures = 0;
            }
            None => {
                c.builds_failed += 1;
                c.consecutive_failures += 1;
            }
        }
    }

    /// Makes `/metrics` show `feedmill_database_round_trips_total`, read from `source`
    /// (a fleet's database); a second call changes nothing.
    pub fn count_round_trips(&self, source: impl Fn() -> u64 + Send + Sync + 'static) {
        let _ = self.round_trips.set(RoundTripSource(Box::new(source)));
    }

    /// Counts one HTTP response.
    pub fn served(&self, kind: Served) {
        self.requests[kind as usize].fetch_add(1, Ordering::Relaxed);
    }

    /// The text `/metrics` answers with.
    pub fn render(&self) -> String {
        let feeds = self.feeds.lock().unwrap_or_else(|e| e.into_inner()).clone();
        let mut out = String::new();
        let mut family =
            |name: &str, kind: &str, help: &str, value: &dyn Fn(&FeedCounters) -> String| {
                let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
                for (id, c) in &feeds {
                    let _ = writeln!(out, "{name}{{feed=\"{id}\"}} {}", value(c));
                }
            };
        family(
            "feedmill_builds_total",
            "counter",
            "Successful feed builds.",
            &|c| c.builds_ok.to_string(),
        );
        family(
            "feedmill_build_errors_total",
            "counter",
            "Failed feed builds.",
            &|c| c.builds_failed.to_string(),
        );
        family(
            "feedmill_not_modified_total",
            "counter",
            "Builds whose pages all answered 304.",
            &|c| c.not_modified.to_string(),
        );
        family(
            "feedmill_new_items_total",
            "counter",
            "Items seen for the first time.",
            &|c| c.new_items.to_string(),
        );
        family(
            "feedmill_items",
            "gauge",
            "Items in the feed after its last successful build.",
            &|c| c.items.to_string(),
        );
        family(
            "feedmill_build_duration_seconds",
            "gauge",
            "How long the last build took.",
            &|c| format!("{:.6}", c.last_duration),
        );
        family(
            "feedmill_consecutive_failures",
            "gauge",
            "Failed builds since the last success.",
            &|c| c.consecutive_failures.to_string(),
        );
        let _ = writeln!(out, "# HELP feedmill_http_responses_total Responses served, by class.\n# TYPE feedmill_http_responses_total counter");
        for (i, class) in ["ok", "not_modified", "not_found", "other"]
            .iter()
            .enumerate()
        {
            let n = self.requests[i].load(Ordering::Relaxed);
            let _ = writeln!(
                out,
                "feedmill_http_responses_total{{class=\"{class}\"}} {n}"
            );
        }
        if let Some(source) = self.round_trips.get() {
            let _ = writeln!(out, "# HELP feedmill_database_round_trips_total Round trips to the PostgreSQL database.\n# TYPE feedmill_database_round_trips_total counter\nfeedmill_database_round_trips_total {}", (source.0)());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_show_only_with_a_database() {
        let m = Metrics::default();
        assert!(!m.render().contains("feedmill_database_round_trips_total"));
        m.count_round_trips(|| 42);
        assert!(m
            .render()
            .contains("\nfeedmill_database_round_trips_total 42\n"));
    }
}
