//! The date policy for items: what time an item is shown with, given what its page printed
//! and when feedmill first saw it; and the clock and zone every reading is made against.

use chrono::{DateTime, FixedOffset, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::{Precision, Stamp};

/// The time and zone that relative and offset-less dates are read against.
#[derive(Debug, Clone, Copy)]
pub struct DateContext {
    pub fetched_at: DateTime<Utc>,
    pub zone: Tz,
}

/// `t` shown in `zone`'s offset.
pub fn in_zone(t: DateTime<Utc>, zone: Tz) -> DateTime<FixedOffset> {
    t.with_timezone(&zone).fixed_offset()
}

/// The time an item is shown with, and whether the page printed it: a printed time as read;
/// a day-precision date for the day of `first_seen` (in the zone) takes `first_seen` (the
/// article came out that day, most likely not at midnight); an earlier day its midnight; no
/// time at all, `first_seen`, which is stored and never changes.
pub fn item_time(
    printed: Option<&Stamp>,
    first_seen: DateTime<Utc>,
    zone: Tz,
) -> (DateTime<Utc>, bool) {
    match printed {
        Some(stamp) => (stamp_time(stamp, first_seen, zone), true),
        None => (first_seen, false),
    }
}

/// The instant a printed stamp stands for: as read, except a date without a time, which is the
/// first-seen time on the day the item was first seen, else that day's midnight in the zone
/// (never after first seen). Used for list pages and article pages alike.
pub fn stamp_time(stamp: &Stamp, first_seen: DateTime<Utc>, zone: Tz) -> DateTime<Utc> {
    let at = stamp.instant.with_timezone(&Utc);
    if stamp.precision != Precision::Day {
        return at;
    }
    let day = stamp.instant.with_timezone(&zone).date_naive();
    if day == first_seen.with_timezone(&zone).date_naive() {
        return first_seen;
    }
    zone.from_local_datetime(&day.and_time(NaiveTime::MIN))
        .earliest()
        .map_or(at, |t| t.with_timezone(&Utc))
        .min(first_seen)
}
