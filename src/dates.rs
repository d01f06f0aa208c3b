//! KST normaliser: placeholder, being written.
use chrono::{DateTime, FixedOffset, Utc};
use chrono_tz::Tz;

/// How precise a parsed time is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Second,
    Minute,
    Day,
}

/// What a label next to the time says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Published,
    Updated,
}

/// A parsed time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub instant: DateTime<FixedOffset>,
    pub precision: Precision,
    pub label: Option<Label>,
}

/// Why a string gave no time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reject {
    NotADate,
    InFuture(DateTime<FixedOffset>),
}

pub fn parse_with_hint(
    _text: &str,
    _hint: Option<&str>,
    _fetched_at: DateTime<Utc>,
    _zone: Tz,
) -> Result<Stamp, Reject> {
    Err(Reject::NotADate)
}

pub fn parse(text: &str, fetched_at: DateTime<Utc>, zone: Tz) -> Option<Stamp> {
    parse_with_hint(text, None, fetched_at, zone).ok()
}

pub fn parse_all(text: &str, fetched_at: DateTime<Utc>, zone: Tz) -> Vec<Stamp> {
    parse(text, fetched_at, zone).into_iter().collect()
}
