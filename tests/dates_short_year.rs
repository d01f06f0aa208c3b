//! All-numeric dates with a two-digit year: Korean pages print the year first (`26.02.10`),
//! European ones last (`10.02.26`, `8.5.12`); [`ShortYear`] says which order a text is in.

use chrono::{DateTime, Utc};
use feedmill::dates::{parse_all_dated_ordered, parse_all_ordered, Label, ShortYear};

fn fetched() -> DateTime<Utc> {
    "2026-02-11T09:00:00+09:00".parse().unwrap()
}

fn days(text: &str, order: ShortYear) -> Vec<String> {
    parse_all_dated_ordered(text, fetched(), chrono_tz::Europe::Berlin, order)
        .iter()
        .map(|s| s.instant.date_naive().to_string())
        .collect()
}

#[test]
fn year_first_and_year_last() {
    use ShortYear::{First, Last, LastDayFirst};
    // (text, order, days read)
    let cases: &[(&str, ShortYear, &[&str])] = &[
        ("26.02.10", First, &["2026-02-10"]),
        ("26.02.10", Last, &["2010-02-26"]),
        ("02.12.19", Last, &["2019-12-02"]),
        ("von Klaus Schöppner, 8.5.12", Last, &["2012-05-08"]),
        // with a single-digit month or day, year first needs two digits each: no date
        ("8.5.12", First, &[]),
        ("31.10.23 14:05", Last, &["2023-10-31"]),
        // a version or a reference number is no date
        ("Version 1.2.10.5", Last, &[]),
        ("Az. 8.5.12-3", Last, &[]),
        // four-digit years read the same in both orders
        ("18.01.2018", First, &["2018-01-18"]),
        ("18.01.2018", Last, &["2018-01-18"]),
        ("2018.01.18", Last, &["2018-01-18"]),
        // dashes keep a two-digit year out of the European order; slashes are month first
        // but where the page's language writes the day first
        ("02-12-19", Last, &[]),
        ("02/12/19", Last, &["2019-02-12"]),
        ("3/09/15 8:00am", Last, &["2015-03-09"]),
        ("02/12/19", LastDayFirst, &["2019-12-02"]),
        ("1/2/10/5", Last, &[]),
        // and with the year first, no slashed short date: `3/09/15` is no `09/15` either
        ("3/09/15 8:00am", First, &[]),
        // a slashed date is month first but where the page's language writes the day first
        ("08/01/2014", First, &["2014-08-01"]),
        ("08/01/2014", Last, &["2014-08-01"]),
        (
            "Palma de Mallorca | 08/01/2014",
            LastDayFirst,
            &["2014-01-08"],
        ),
        ("13/01/2014", Last, &["2014-01-13"]),
        ("01/13/2014", LastDayFirst, &["2014-01-13"]),
        ("8.5.12", LastDayFirst, &["2012-05-08"]),
    ];
    for (text, order, want) in cases {
        assert_eq!(days(text, *order), *want, "{text:?} read {order:?}");
    }
}

#[test]
fn labels_and_times_carry_over() {
    let stamps = parse_all_ordered(
        "Erstellt am 02.12.19, 14:30 Uhr · Letzte Aktualisierung: 03.12.19",
        fetched(),
        chrono_tz::Europe::Berlin,
        ShortYear::Last,
    );
    let got: Vec<(String, Option<Label>)> = stamps
        .iter()
        .map(|s| (s.instant.to_rfc3339(), s.label))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "2019-12-02T14:30:00+01:00".to_string(),
                Some(Label::Published)
            ),
            (
                "2019-12-03T00:00:00+01:00".to_string(),
                Some(Label::Updated)
            ),
        ]
    );
}
