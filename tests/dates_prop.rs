//! Property tests for `feedmill::dates`: printed instants read back to the
//! same instant, and no input makes the parser panic.

use chrono::{DateTime, Datelike, FixedOffset, SecondsFormat, Timelike, Utc};
use chrono_tz::Tz;
use feedmill::dates::{self, Precision};
use proptest::prelude::*;

const SEOUL: Tz = chrono_tz::Asia::Seoul;

/// 2000-01-01T00:00:00Z ..= 2035-12-31T23:59:59Z.
const FROM: i64 = 946_684_800;
const TO: i64 = 2_082_758_399;

/// Well after every generated instant, so none is in the future.
fn fetched() -> DateTime<Utc> {
    DateTime::from_timestamp(2_208_988_800, 0).expect("2040-01-01") // 2040-01-01
}

fn kst() -> FixedOffset {
    FixedOffset::east_opt(9 * 3600).expect("+09:00")
}

/// The absolute forms the normaliser must read back, with the precision each
/// prints.
#[derive(Debug, Clone, Copy)]
enum Form {
    Rfc3339Z,
    Rfc3339Kst,
    Rfc2822,
    DotsMinute,
    DashesSecond,
    SlashesMinute,
    KoreanMinute,
    DotsTwelveHour,
    IsoT,
}

const FORMS: [Form; 9] = [
    Form::Rfc3339Z,
    Form::Rfc3339Kst,
    Form::Rfc2822,
    Form::DotsMinute,
    Form::DashesSecond,
    Form::SlashesMinute,
    Form::KoreanMinute,
    Form::DotsTwelveHour,
    Form::IsoT,
];

fn render(form: Form, t: DateTime<Utc>) -> (String, Precision) {
    let local = t.with_timezone(&kst());
    match form {
        Form::Rfc3339Z => (
            t.to_rfc3339_opts(SecondsFormat::Secs, true),
            Precision::Second,
        ),
        Form::Rfc3339Kst => (
            local.to_rfc3339_opts(SecondsFormat::Millis, false),
            Precision::Second,
        ),
        Form::Rfc2822 => (t.to_rfc2822(), Precision::Second),
        Form::DotsMinute => (
            local.format("%Y.%m.%d %H:%M").to_string(),
            Precision::Minute,
        ),
        Form::DashesSecond => (
            local.format("%Y-%m-%d %H:%M:%S").to_string(),
            Precision::Second,
        ),
        Form::SlashesMinute => (
            local.format("%Y/%m/%d %H:%M").to_string(),
            Precision::Minute,
        ),
        Form::KoreanMinute => (
            local.format("%Y년 %m월 %d일 %H:%M").to_string(),
            Precision::Minute,
        ),
        Form::DotsTwelveHour => {
            let (pm, h) = local.hour12();
            let half = if pm { "오후" } else { "오전" };
            (
                format!(
                    "{} {half} {h}:{:02}",
                    local.format("%Y.%m.%d"),
                    local.minute()
                ),
                Precision::Minute,
            )
        }
        Form::IsoT => (
            local.format("%Y-%m-%dT%H:%M:%S").to_string(),
            Precision::Second,
        ),
    }
}

/// `t` cut to what `form` prints.
fn printed(form: Form, t: DateTime<Utc>, precision: Precision) -> DateTime<Utc> {
    let secs = t.timestamp();
    let nanos = match form {
        Form::Rfc3339Kst => t.timestamp_subsec_millis() * 1_000_000,
        _ => 0,
    };
    let cut = match precision {
        Precision::Minute => secs - secs.rem_euclid(60),
        _ => secs,
    };
    DateTime::from_timestamp(cut, nanos).expect("in range")
}

const ZONES: [Tz; 8] = [
    chrono_tz::Asia::Seoul,
    chrono_tz::America::New_York,
    chrono_tz::Europe::London,
    chrono_tz::Asia::Kolkata,
    chrono_tz::Pacific::Chatham,
    chrono_tz::Australia::Lord_Howe,
    chrono_tz::Pacific::Kiritimati,
    chrono_tz::UTC,
];

/// Bits of text that dates are made of, to build near-dates from.
const PIECES: &[&str] = &[
    "2026",
    "26",
    "02",
    "2",
    "10",
    "19",
    "32",
    "00",
    "12",
    "24",
    "31",
    "13",
    "99",
    "0",
    "1770719520",
    "1770719520000",
    "9999999999999",
    "99999999999999999999999",
    "99999999",
    "1900",
    "1989",
    "1990",
    ".",
    "-",
    "/",
    ":",
    "+",
    ",",
    "(",
    ")",
    "[",
    "]",
    "|",
    "·",
    "…",
    " ",
    "  ",
    "\u{a0}",
    "\u{3000}",
    "T",
    "Z",
    "GMT",
    "UTC",
    "KST",
    "+0900",
    "+09:00",
    "-05:00",
    "년",
    "월",
    "일",
    "시",
    "분",
    "초",
    "시간",
    "주",
    "주일",
    "개월",
    "전",
    "이내",
    "방금",
    "지금",
    "어제",
    "그제",
    "그저께",
    "오늘",
    "오전",
    "오후",
    "정오",
    "자정",
    "반",
    "입력",
    "기사입력",
    "수정",
    "최종수정",
    "송고시간",
    "등록일",
    "화요일",
    "(화)",
    "(월)",
    "기자",
    "전국",
    "하루",
    "이틀",
    "일주일",
    "한",
    "두",
    "세",
    "열",
    "달",
    "낮",
    "밤",
    "내일",
    "tomorrow",
    "ㆍ",
    "p.m.",
    "a.m.",
    "P.M",
    "EST",
    "CEST",
    "Feb",
    "February",
    "Tue",
    "AM",
    "PM",
    "am",
    "ago",
    "just",
    "now",
    "an",
    "a",
    "hours",
    "mins",
    "days",
    "yesterday",
    "today",
    "at",
    "th",
    "Posted",
    "Updated",
    "２０２６",
    "．",
    "：",
    "年",
    "月",
    "日",
    "é",
    "🙂",
    "\u{0301}",
    "\u{FFFF}",
    "\u{10FFFF}",
    "\0",
    "\n",
    // Other calendars, scripts and labels: eras, brackets, Thai short years and glued
    // relative times, Greek capitals, zones in capitals.
    "令和",
    "元",
    "年",
    "月",
    "日",
    "（",
    "）",
    "ก.พ.",
    "63",
    "2563",
    "ชั่วโมงที่แล้ว",
    "ที่แล้ว",
    "ΦΕΒΡΟΥΑΡΙΟΥ",
    "ΔΗΜΟΣΙΕΥΣΗ",
    "۱۳۹۸",
    "بهمن",
    "EAT",
    "IST",
    "мск",
    "Son Güncelleme",
    "Aktualizacja",
    " م",
    "ص",
    "مساءً",
    "配信",
    "thg",
    "Des",
    "iul.",
    "ob",
    "14.30",
    "2020م",
    "თებერვალი",
    "Փետրվարի",
    "թ.",
];

fn near_dates() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..24).prop_map(|v| v.concat())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "\\PC{0,80}",
        "[0-9.:/ -]{0,40}",
        "[0-9년월일시분초전 오후오전:.]{0,40}",
        near_dates(),
    ]
}

fn any_hint() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        "[%YmdHMSzZ:.+# -]{0,20}".prop_map(Some),
        any::<String>().prop_map(Some),
        prop::sample::select(vec![
            "%Y.%m.%d %H:%M",
            "%Y-%m-%d %H:%M:%S %z",
            "%s",
            "%+",
            "%",
            "%::z",
        ])
        .prop_map(|s| Some(s.to_string())),
    ]
}

fn any_fetch() -> impl Strategy<Value = DateTime<Utc>> {
    prop_oneof![
        (FROM..TO).prop_map(|s| DateTime::from_timestamp(s, 0).expect("in range")),
        // Around 1990, where times start to be plausible.
        (600_000_000i64..700_000_000)
            .prop_map(|s| DateTime::from_timestamp(s, 0).expect("in range")),
        Just(DateTime::<Utc>::MIN_UTC),
        Just(DateTime::<Utc>::MAX_UTC),
        (-8_000_000_000_000i64..8_000_000_000_000i64)
            .prop_map(|s| DateTime::from_timestamp(s, 0).unwrap_or_default()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: ProptestConfig::default().cases.max(1000),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn printed_instants_read_back(secs in FROM..=TO, nanos in 0u32..1_000_000_000, form in prop::sample::select(&FORMS[..])) {
        let t = DateTime::from_timestamp(secs, nanos).expect("in range");
        let (text, precision) = render(form, t);
        let stamp = dates::parse(&text, fetched(), SEOUL);
        prop_assert!(stamp.is_some(), "{text:?} not read");
        let stamp = stamp.unwrap();
        prop_assert_eq!(stamp.instant.with_timezone(&Utc), printed(form, t, precision), "{:?}", text);
        prop_assert_eq!(stamp.precision, precision, "{:?}", text);
        prop_assert_eq!(*stamp.instant.offset(), kst(), "{:?}", text);
        prop_assert_eq!(stamp.label, None);
        let all = dates::parse_all(&text, fetched(), SEOUL);
        prop_assert_eq!(all, vec![stamp]);
    }

    #[test]
    fn labelled_pairs_read_back(a in FROM..=TO, b in FROM..=TO) {
        let (a, b) = (a.min(b), a.max(b));
        let fmt = |s: i64| DateTime::from_timestamp(s, 0).expect("in range")
            .with_timezone(&kst()).format("%Y.%m.%d %H:%M:%S").to_string();
        let text = format!("입력 {} | 수정 {}", fmt(a), fmt(b));
        let all = dates::parse_all(&text, fetched(), SEOUL);
        prop_assert_eq!(all.len(), 2, "{:?}", text);
        prop_assert_eq!(all[0].instant.timestamp(), a);
        prop_assert_eq!(all[0].label, Some(dates::Label::Published));
        prop_assert_eq!(all[1].instant.timestamp(), b);
        prop_assert_eq!(all[1].label, Some(dates::Label::Updated));
        prop_assert_eq!(dates::parse(&text, fetched(), SEOUL), Some(all[0]));
    }

    #[test]
    fn unix_seconds_read_back(secs in 1_000_000_000i64..=TO, millis in any::<bool>()) {
        let text = if millis { format!("{}000", secs) } else { secs.to_string() };
        let stamp = dates::parse(&text, fetched(), SEOUL).expect("unix time read");
        prop_assert_eq!(stamp.instant.timestamp(), secs);
        prop_assert_eq!(*stamp.instant.offset(), kst());
    }

    #[test]
    fn offset_is_the_zones(secs in FROM..=TO, zone in prop::sample::select(&ZONES[..])) {
        let t = DateTime::from_timestamp(secs, 0).expect("in range");
        let text = t.to_rfc3339();
        let stamp = dates::parse(&text, fetched(), zone).expect("rfc 3339 read");
        prop_assert_eq!(stamp.instant.with_timezone(&Utc), t);
        let want = t.with_timezone(&zone).fixed_offset();
        prop_assert_eq!(stamp.instant.offset(), want.offset());
    }

    #[test]
    fn yearless_within_a_year_read_back(fetch in FROM..=TO, minutes in -300i64 * 1440..24 * 60) {
        // A yearless time from 300 days before the fetch to just under a day
        // after it is read in the right year, and clamped to the fetch when
        // ahead of it.
        let fetched = DateTime::from_timestamp(fetch, 0).expect("in range");
        let t = fetched + chrono::TimeDelta::minutes(minutes);
        let text = t.with_timezone(&kst()).format("%m.%d %H:%M").to_string();
        let stamp = dates::parse(&text, fetched, SEOUL);
        prop_assert!(stamp.is_some(), "{:?} not read", text);
        let secs = t.timestamp();
        let want = DateTime::from_timestamp(secs - secs.rem_euclid(60), 0).expect("in range").min(fetched);
        prop_assert_eq!(stamp.unwrap().instant.with_timezone(&Utc), want, "{:?}", text);
    }

    #[test]
    fn never_panics(text in any_text(), hint in any_hint(), fetched in any_fetch(), zone in prop::sample::select(&ZONES[..])) {
        let one = dates::parse_with_hint(&text, hint.as_deref(), fetched, zone);
        if let Err(why) = &one {
            prop_assert!(!why.to_string().is_empty());
        }
        let _ = dates::parse(&text, fetched, zone);
        let all = dates::parse_all(&text, fetched, zone);
        // Nothing accepted is after the fetch (later times are clamped or
        // rejected) or before 1990, and every offset is whole minutes.
        for s in all.iter().chain(one.as_ref().ok()) {
            prop_assert!(s.instant.with_timezone(&Utc) <= fetched);
            prop_assert!(s.instant.year() >= dates::EARLIEST_YEAR, "{:?}: {}", text, s.instant);
            prop_assert_eq!(s.instant.offset().local_minus_utc() % 60, 0, "{:?}: {}", text, s.instant);
        }
    }
}
