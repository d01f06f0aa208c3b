//! Resolution: turns a [`Finding`] into an instant against the fetch time
//! and the configured zone, and reads a text with the user's strftime hint
//! (in the zone, unless the format has an offset, `%s`, or ends in a
//! literal `Z`, which means UTC).
//!
//! Wall-clock times are taken in the zone (the earlier instant in a DST
//! fold, shifted forward over a gap); a yearless date goes to the latest
//! year in which it is not after the day following the fetch day, a bare
//! clock time to the latest day on which it is not after the fetch (with
//! [`GRACE`] for clock skew); a time up to [`FUTURE_LIMIT`] after the fetch
//! is clamped to it, a later one is rejected, and so is one before
//! [`EARLIEST_YEAR`].

use chrono::{
    DateTime, Datelike, Days, FixedOffset, LocalResult, Months, NaiveDate, NaiveDateTime,
    NaiveTime, Offset, TimeDelta, TimeZone, Utc,
};
use chrono_tz::Tz;

use super::clock::Clock;
use super::patterns::{DateSpec, Finding};
use super::{Label, Precision, Reject, Stamp, EARLIEST_YEAR};

/// How far after the fetch a bare clock time may fall and still be taken as
/// today (clock skew between site and fetcher).
const GRACE: TimeDelta = TimeDelta::minutes(10);

/// How far after the fetch a time may fall and be clamped rather than rejected.
const FUTURE_LIMIT: TimeDelta = TimeDelta::days(1);

/// Resolves findings for one fetch: its time and the configured zone.
pub(super) struct Resolver {
    fetched: DateTime<Utc>,
    zone: Tz,
    /// The fetch time on the zone's wall clock.
    now: NaiveDateTime,
}

impl Resolver {
    pub(super) fn new(fetched: DateTime<Utc>, zone: Tz) -> Self {
        Resolver {
            fetched,
            zone,
            now: wall_clock(fetched, zone).unwrap_or_else(|| fetched.naive_utc()),
        }
    }

    pub(super) fn finish(&self, finding: Finding, label: Option<Label>) -> Result<Stamp, Reject> {
        let (utc, precision) = self.resolve(finding)?;
        self.stamp(utc, precision, label)
    }

    /// Applies the future rule and the [`EARLIEST_YEAR`] bound, and
    /// expresses the instant in the zone.
    fn stamp(
        &self,
        utc: DateTime<Utc>,
        precision: Precision,
        label: Option<Label>,
    ) -> Result<Stamp, Reject> {
        let mut utc = utc;
        if utc > self.fetched {
            let limit = self.fetched.checked_add_signed(FUTURE_LIMIT);
            if limit.is_some_and(|limit| utc > limit) {
                return Err(Reject::InFuture(self.in_zone(utc)));
            }
            utc = self.fetched;
        }
        let instant = self.in_zone(utc);
        if instant.year() < EARLIEST_YEAR {
            return Err(Reject::TooOld);
        }
        Ok(Stamp {
            instant,
            precision,
            label,
        })
    }

    /// `utc` in the zone's offset, rounded to whole minutes: RFC 3339 and
    /// RFC 2822 cannot carry seconds, which only local mean time (Seoul's
    /// +08:27:52 before 1908) has.
    fn in_zone(&self, utc: DateTime<Utc>) -> DateTime<FixedOffset> {
        let t = utc.with_timezone(&self.zone).fixed_offset();
        let off = t.offset().local_minus_utc();
        if off % 60 == 0 {
            return t;
        }
        FixedOffset::east_opt((off + 30).div_euclid(60) * 60).map_or(t, |o| utc.with_timezone(&o))
    }

    /// A wall-clock time in the zone as an instant ([`local_to_utc_in`]).
    fn local_to_utc(&self, local: NaiveDateTime) -> Option<DateTime<Utc>> {
        local_to_utc_in(local, self.zone)
    }

    fn resolve(&self, finding: Finding) -> Result<(DateTime<Utc>, Precision), Reject> {
        match finding {
            Finding::Invalid => Err(Reject::OutOfRange),
            Finding::Unix(ms) => DateTime::from_timestamp_millis(ms)
                .map(|t| (t, Precision::Second))
                .ok_or(Reject::OutOfRange),
            // So long ago that it cannot be counted: far before 1990.
            Finding::Ago { secs, months } => self
                .ago(secs, months)
                .map(|t| (t, Precision::Minute))
                .ok_or(Reject::TooOld),
            Finding::Local(spec, clock) => {
                self.resolve_local(spec, clock).ok_or(Reject::OutOfRange)
            }
        }
    }

    /// `secs` seconds and `months` calendar months before the fetch, or
    /// `None` when that is out of chrono's range.
    fn ago(&self, secs: u64, months: u64) -> Option<DateTime<Utc>> {
        let back = TimeDelta::try_seconds(i64::try_from(secs).ok()?)?;
        let mut t = self.fetched.checked_sub_signed(back)?;
        if months > 0 {
            let local = wall_clock(t, self.zone)?
                .checked_sub_months(Months::new(u32::try_from(months).ok()?))?;
            t = self.local_to_utc(local)?;
        }
        Some(t)
    }

    fn resolve_local(
        &self,
        spec: DateSpec,
        clock: Option<Clock>,
    ) -> Option<(DateTime<Utc>, Precision)> {
        let (time, next_day, precision, off, region) = match clock {
            Some(c) => {
                let next_day = c.h == 24 && c.m == 0 && c.s == 0 && c.ns == 0;
                let h = if next_day { 0 } else { c.h };
                (
                    NaiveTime::from_hms_nano_opt(h, c.m, c.s, c.ns)?,
                    next_day,
                    c.precision,
                    c.offset,
                    c.region,
                )
            }
            None => (NaiveTime::MIN, false, Precision::Day, None, None),
        };
        let on = |date: NaiveDate| -> Option<DateTime<Utc>> {
            let mut local = date.and_time(time);
            if next_day {
                local = local.checked_add_days(Days::new(1))?;
            }
            match (off, region) {
                (Some(off), _) => Some(
                    local
                        .checked_sub_signed(TimeDelta::try_seconds(i64::from(off))?)?
                        .and_utc(),
                ),
                // The region's wall clock, as the page's zone's is read.
                (None, Some(tz)) => local_to_utc_in(local, tz),
                (None, None) => self.local_to_utc(local),
            }
        };
        let latest = self
            .fetched
            .checked_add_signed(GRACE)
            .unwrap_or(self.fetched);
        let today = self.now.date();
        let utc = match spec {
            DateSpec::Ymd(y, m, d) => on(super::calendars::gregorian_day(y, m, d)?)?,
            DateSpec::Md(m, d) => {
                if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
                    return None;
                }
                // The latest such date not after the day after the fetch
                // day, which the future rule then clamps or rejects as it
                // does a full date; Feb 29 may need to go back a few years.
                let last = today.succ_opt().unwrap_or(today);
                (-1..=8)
                    .filter_map(|back| NaiveDate::from_ymd_opt(today.year() - back, m, d))
                    .find(|&date| date <= last)
                    .and_then(on)?
            }
            DateSpec::DayOffset(n) => {
                let days = Days::new(u64::from(n.unsigned_abs()));
                let date = if n < 0 {
                    today.checked_sub_days(days)
                } else {
                    today.checked_add_days(days)
                };
                on(date?)?
            }
            DateSpec::Recent => {
                let t = on(today)?;
                if t > latest {
                    on(today.pred_opt()?)?
                } else {
                    t
                }
            }
        };
        Some((utc, precision))
    }

    /// Reads `text` with the user's strftime format, or `None` when it does
    /// not match.
    pub(super) fn by_hint(&self, text: &str, format: &str) -> Option<Result<Stamp, Reject>> {
        let text = text.trim();
        if format.trim().is_empty() || text.is_empty() {
            return None;
        }
        let precision = hint_precision(format);
        let with_offset = ["%z", "%:z", "%::z", "%#z", "%+"]
            .iter()
            .any(|p| format.contains(p));
        if with_offset {
            let t = DateTime::parse_from_str(text, format).ok()?;
            return Some(self.stamp(t.with_timezone(&Utc), precision, None));
        }
        if format.contains("%s") {
            // A Unix time is in UTC whatever the zone.
            let t = NaiveDateTime::parse_from_str(text, format).ok()?.and_utc();
            return Some(self.stamp(t, precision, None));
        }
        if ends_in_literal_z(format) {
            // `%Y%m%dT%H%M%SZ`: the `Z` says UTC.
            if let Ok(t) = NaiveDateTime::parse_from_str(text, format) {
                return Some(self.stamp(t.and_utc(), precision, None));
            }
        }
        if let Ok(local) = NaiveDateTime::parse_from_str(text, format) {
            let utc = self.local_to_utc(local);
            return Some(utc.map_or(Err(Reject::OutOfRange), |utc| {
                self.stamp(utc, precision, None)
            }));
        }
        if let Ok(date) = NaiveDate::parse_from_str(text, format) {
            let utc = self.local_to_utc(date.and_time(NaiveTime::MIN));
            return Some(utc.map_or(Err(Reject::OutOfRange), |utc| {
                self.stamp(utc, Precision::Day, None)
            }));
        }
        None
    }
}

/// A wall-clock time in `zone` as an instant: the earlier one in a fold, shifted forward by
/// the gap's length in a gap.
fn local_to_utc_in(local: NaiveDateTime, zone: Tz) -> Option<DateTime<Utc>> {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Some(t.with_timezone(&Utc)),
        LocalResult::None => {
            // In a gap: read the wall clock with the offset in force
            // before the gap, which lands as far after the gap's end as
            // the time was after its start.
            for hours in [1, 2, 3, 6, 12, 24] {
                let before = local.checked_sub_signed(TimeDelta::try_hours(hours)?)?;
                if let LocalResult::Single(t) | LocalResult::Ambiguous(t, _) =
                    zone.from_local_datetime(&before)
                {
                    let off = t.offset().fix().local_minus_utc();
                    return local
                        .checked_sub_signed(TimeDelta::try_seconds(i64::from(off))?)
                        .map(|n| n.and_utc());
                }
            }
            None
        }
    }
}

/// `utc` on the zone's wall clock, or `None` at the edges of chrono's range
/// (where `DateTime::naive_local` would panic).
fn wall_clock(utc: DateTime<Utc>, zone: Tz) -> Option<NaiveDateTime> {
    let offset = zone.offset_from_utc_datetime(&utc.naive_utc()).fix();
    utc.naive_utc().checked_add_offset(offset)
}

/// Whether a strftime format ends in a literal `Z` (`%Y%m%dT%H%M%SZ`,
/// `…%%Z`), not in the `%Z` specifier.
fn ends_in_literal_z(format: &str) -> bool {
    format
        .trim_end()
        .strip_suffix('Z')
        .is_some_and(|head| head.bytes().rev().take_while(|&b| b == b'%').count() % 2 == 0)
}

/// The precision a strftime format prints.
fn hint_precision(format: &str) -> Precision {
    let has = |specs: &[&str]| specs.iter().any(|s| format.contains(s));
    if has(&["%S", "%T", "%X", "%s", "%+", "%c", "%r"]) {
        Precision::Second
    } else if has(&["%M", "%R", "%H", "%I", "%k", "%l"]) {
        Precision::Minute
    } else {
        Precision::Day
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_whole_minutes() {
        let seoul = chrono_tz::Asia::Seoul;
        let r = Resolver::new(Utc::now(), seoul);
        // Seoul's local mean time, +08:27:52, rounds to +08:28.
        let lmt = NaiveDate::from_ymd_opt(1900, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|t| t.and_utc())
            .unwrap();
        assert_eq!(
            lmt.with_timezone(&seoul).offset().fix().local_minus_utc(),
            8 * 3600 + 27 * 60 + 52
        );
        let t = r.in_zone(lmt);
        assert_eq!(t.offset().local_minus_utc(), 8 * 3600 + 28 * 60);
        assert_eq!(t.with_timezone(&Utc), lmt);
        // And is rejected anyway.
        assert_eq!(r.stamp(lmt, Precision::Day, None), Err(Reject::TooOld));
    }

    #[test]
    fn literal_z() {
        assert!(ends_in_literal_z("%Y%m%dT%H%M%SZ"));
        assert!(ends_in_literal_z("%Y-%m-%dT%H:%M:%S%.fZ "));
        assert!(ends_in_literal_z("%H:%M %%Z"));
        assert!(!ends_in_literal_z("%H:%M %Z"));
        assert!(!ends_in_literal_z("%H:%M %%%Z"));
        assert!(!ends_in_literal_z("%Y%m%dT%H%M%S"));
        assert!(!ends_in_literal_z(""));
    }

    #[test]
    fn hint_precisions() {
        assert_eq!(hint_precision("%Y-%m-%d %H:%M:%S"), Precision::Second);
        assert_eq!(hint_precision("%Y.%m.%d %H:%M"), Precision::Minute);
        assert_eq!(hint_precision("%Y.%m.%d"), Precision::Day);
    }
}
