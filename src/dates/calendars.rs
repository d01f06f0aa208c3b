//! Years of calendars other than the Gregorian, told apart by their number alone: a
//! Thai page prints the Buddhist era (`15 ก.พ. 2563`, Gregorian year + 543), an Iranian
//! or Afghan one the Solar Hijri (Jalali) calendar (`۲۶ بهمن ۱۳۹۸`, `1398/11/26`), whose
//! months are not the Gregorian ones. No news page is dated 1300–1499 or 2400–2699 of the
//! Gregorian calendar, so a year in one of those ranges names its calendar.

use chrono::{Days, NaiveDate};

/// The Gregorian day that `year`-`month`-`day` names: read in the Buddhist era when the
/// year is 2400–2699, in the Solar Hijri calendar when it is 1300–1499 (the month then
/// being Farvardin = 1 … Esfand = 12), in the Gregorian calendar otherwise.
pub(super) fn gregorian_day(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    match year {
        2400..=2699 => NaiveDate::from_ymd_opt(year - 543, month, day),
        1300..=1499 => solar_hijri(year, month, day),
        _ => NaiveDate::from_ymd_opt(year, month, day),
    }
}

/// 1 Farvardin 1399, the Iranian new year of 2020, is 20 March 2020.
const NOWRUZ_1399: (i32, u32, u32) = (2020, 3, 20);

/// Whether a Solar Hijri year has 366 days (Esfand 30), by the 33-year arithmetic rule,
/// which agrees with the astronomical calendar over this module's range.
fn is_long_year(year: i32) -> bool {
    (25 * year + 11).rem_euclid(33) < 8
}

fn year_length(year: i32) -> i64 {
    if is_long_year(year) {
        366
    } else {
        365
    }
}

/// The Gregorian day of Solar Hijri `year`-`month`-`day`: the first six months have 31
/// days, the next five 30, Esfand 29 (30 in a long year).
fn solar_hijri(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    let month_length = match month {
        1..=6 => 31,
        7..=11 => 30,
        12 if is_long_year(year) => 30,
        12 => 29,
        _ => return None,
    };
    if !(1..=month_length).contains(&day) {
        return None;
    }
    let in_year = i64::from(if month <= 6 {
        (month - 1) * 31
    } else {
        186 + (month - 7) * 30
    }) + i64::from(day - 1);
    let from_1399: i64 = if year >= 1399 {
        (1399..year).map(year_length).sum()
    } else {
        -(year..1399).map(year_length).sum::<i64>()
    };
    let (y, m, d) = NOWRUZ_1399;
    let nowruz = NaiveDate::from_ymd_opt(y, m, d)?;
    let offset = from_1399 + in_year;
    if offset >= 0 {
        nowruz.checked_add_days(Days::new(offset.unsigned_abs()))
    } else {
        nowruz.checked_sub_days(Days::new(offset.unsigned_abs()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn years_name_their_calendar() {
        for ((y, m, d), want) in [
            // Gregorian years stay as they are.
            ((2020, 2, 15), ymd(2020, 2, 15)),
            ((2020, 2, 30), None),
            // The Buddhist era, 543 years ahead.
            ((2563, 2, 15), ymd(2020, 2, 15)),
            ((2567, 2, 29), ymd(2024, 2, 29)),
            // The Solar Hijri calendar: Nowruz and the days around it, known from
            // Iran's official calendar.
            ((1398, 11, 26), ymd(2020, 2, 15)),
            ((1399, 1, 1), ymd(2020, 3, 20)),
            ((1398, 12, 29), ymd(2020, 3, 19)),
            ((1398, 1, 1), ymd(2019, 3, 21)),
            ((1400, 1, 1), ymd(2021, 3, 21)),
            ((1399, 12, 30), ymd(2021, 3, 20)),
            ((1403, 12, 30), ymd(2025, 3, 20)),
            ((1404, 1, 1), ymd(2025, 3, 21)),
            ((1402, 7, 1), ymd(2023, 9, 23)),
            ((1395, 4, 25), ymd(2016, 7, 15)),
            ((1380, 10, 11), ymd(2002, 1, 1)),
            // Esfand 30 only in a long year; months past 12 and day 32 never.
            ((1398, 12, 30), None),
            ((1398, 13, 1), None),
            ((1398, 1, 32), None),
            ((1398, 7, 31), None),
        ] {
            assert_eq!(gregorian_day(y, m, d), want, "{y}-{m}-{d}");
        }
    }
}
