//! What the date tables share: the zones, short names for precisions and labels, the fetch
//! time every case is read at, and the check of one reading against what a case wants.

use chrono::{DateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use feedmill::dates::{self, Label, Precision, Reject};

pub(crate) const SEOUL: Tz = chrono_tz::Asia::Seoul;
pub(crate) const NEW_YORK: Tz = chrono_tz::America::New_York;

pub(crate) const S: Precision = Precision::Second;
pub(crate) const M: Precision = Precision::Minute;
pub(crate) const D: Precision = Precision::Day;
pub(crate) const P: Option<Label> = Some(Label::Published);
pub(crate) const U: Option<Label> = Some(Label::Updated);
pub(crate) const N: Option<Label> = None;

pub(crate) fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("test instant")
        .with_timezone(&Utc)
}

/// 2026-02-11 09:00 KST, the fetch time of every case.
pub(crate) fn fetched() -> DateTime<Utc> {
    utc("2026-02-11T09:00:00+09:00")
}

/// One case: (text, instant as RFC 3339, precision, label), fetched at 2026-02-11 09:00 KST,
/// zone Asia/Seoul.
pub(crate) type Case = (&'static str, &'static str, Precision, Option<Label>);

/// Whether a reading is the case's instant (in `zone`'s offset), precision and label; what
/// differs when it is not.
pub(crate) fn check(
    text: &str,
    got: Option<dates::Stamp>,
    want: &str,
    prec: Precision,
    label: Option<Label>,
    zone: Tz,
) -> Option<String> {
    let Some(s) = got else {
        return Some(format!("{text:?}: no stamp, wanted {want}"));
    };
    let zone_offset = zone
        .offset_from_utc_datetime(&s.instant.naive_utc())
        .fix()
        .local_minus_utc();
    if s.instant.to_rfc3339() != want
        || s.precision != prec
        || s.label != label
        || s.instant.offset().local_minus_utc() != zone_offset
    {
        return Some(format!(
            "{text:?}: got {} {:?} {:?}, wanted {want} {prec:?} {label:?}",
            s.instant.to_rfc3339(),
            s.precision,
            s.label
        ));
    }
    None
}

/// Every time `parse_all` reads in `text`, as (instant, precision, label).
pub(crate) fn all(text: &str) -> Vec<(String, Precision, Option<Label>)> {
    dates::parse_all(text, fetched(), SEOUL)
        .into_iter()
        .map(|s| (s.instant.to_rfc3339(), s.precision, s.label))
        .collect()
}

/// One expected reading of [`all`].
pub(crate) fn row(t: &str, p: Precision, l: Option<Label>) -> (String, Precision, Option<Label>) {
    (t.to_string(), p, l)
}

/// Why `text` is no date (with no hint).
pub(crate) fn reject(text: &str) -> Reject {
    match dates::parse_with_hint(text, None, fetched(), SEOUL) {
        Ok(s) => panic!("{text:?}: wanted a rejection, got {s:?}"),
        Err(e) => e,
    }
}
