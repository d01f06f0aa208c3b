//! Relative times as news pages print them in German, French, Spanish, Portuguese, Italian,
//! Dutch, Polish, Russian, Ukrainian, Turkish, Vietnamese, Indonesian, Malay, Arabic, Persian,
//! Urdu, Hindi, Bengali, Thai, Chinese, Japanese, Swedish, Danish, Norwegian, Finnish,
//! Estonian, Czech, Slovak, Lithuanian, Latvian, Greek, Hebrew, Romanian and Hungarian:
//! counted back from the fetch time like `3시간 전` and `3 hours ago` (`dates_table/`). And
//! the words they bring in leave the dates around them as they were.

use chrono::{DateTime, Utc};
use feedmill::dates::parse;

/// The time `text` names, read in Berlin at a fetch at 2026-02-11 01:00 there (09:00 in
/// Seoul), as RFC 3339.
fn in_berlin(text: &str) -> Option<String> {
    let fetched: DateTime<Utc> = "2026-02-11T00:00:00Z".parse().unwrap();
    parse(text, fetched, chrono_tz::Europe::Berlin).map(|s| s.instant.to_rfc3339())
}

#[test]
fn relative_times_in_other_languages() {
    // (text, the time it names, in Berlin)
    let cases = [
        ("vor 3 Stunden", "2026-02-10T22:00:00+01:00"),
        ("Aktualisiert vor 20 Minuten", "2026-02-11T00:40:00+01:00"),
        ("vor einer Stunde", "2026-02-11T00:00:00+01:00"),
        ("vor 2 Tagen", "2026-02-09T01:00:00+01:00"),
        ("vor 5 Std.", "2026-02-10T20:00:00+01:00"),
        ("il y a 2 heures", "2026-02-10T23:00:00+01:00"),
        ("Publié il y a une heure", "2026-02-11T00:00:00+01:00"),
        ("il y a 3 jours", "2026-02-08T01:00:00+01:00"),
        ("hace 45 minutos", "2026-02-11T00:15:00+01:00"),
        ("hace una hora", "2026-02-11T00:00:00+01:00"),
        ("há 3 horas", "2026-02-10T22:00:00+01:00"),
        ("2 ore fa", "2026-02-10T23:00:00+01:00"),
        ("3 giorni fa", "2026-02-08T01:00:00+01:00"),
        ("2 uur geleden", "2026-02-10T23:00:00+01:00"),
        ("een week geleden", "2026-02-04T01:00:00+01:00"),
        ("3 godziny temu", "2026-02-10T22:00:00+01:00"),
        ("15 minut temu", "2026-02-11T00:45:00+01:00"),
        ("3 часа назад", "2026-02-10T22:00:00+01:00"),
        ("2 дня назад", "2026-02-09T01:00:00+01:00"),
        ("5 годин тому", "2026-02-10T20:00:00+01:00"),
        ("3 saat önce", "2026-02-10T22:00:00+01:00"),
        ("منذ 3 ساعات", "2026-02-10T22:00:00+01:00"),
        ("قبل ٢ أيام", "2026-02-09T01:00:00+01:00"),
        ("منذ 15 دقيقة", "2026-02-11T00:45:00+01:00"),
        ("منذ 12 يوماً", "2026-01-30T01:00:00+01:00"),
        // A unit alone is one of it, a unit in the dual two.
        ("منذ ساعة", "2026-02-11T00:00:00+01:00"),
        ("منذ ساعتين", "2026-02-10T23:00:00+01:00"),
        ("قبل يومين", "2026-02-09T01:00:00+01:00"),
        ("منذ شهرين", "2025-12-11T01:00:00+01:00"),
        ("۳ ساعت پیش", "2026-02-10T22:00:00+01:00"),
        ("۲ روز پیش", "2026-02-09T01:00:00+01:00"),
        ("3 گھنٹے پہلے", "2026-02-10T22:00:00+01:00"),
        ("3 घंटे पहले", "2026-02-10T22:00:00+01:00"),
        ("2 दिन पहले", "2026-02-09T01:00:00+01:00"),
        ("৩ ঘণ্টা আগে", "2026-02-10T22:00:00+01:00"),
        // Thai glues the unit to "ago" (`ที่แล้ว`, `ก่อน`, `ที่ผ่านมา`), with or without a
        // space; `ชม.` is the short hour.
        ("3 ชั่วโมงที่แล้ว", "2026-02-10T22:00:00+01:00"),
        ("เมื่อ 2 วันที่แล้ว", "2026-02-09T01:00:00+01:00"),
        ("15 นาทีที่แล้ว", "2026-02-11T00:45:00+01:00"),
        ("3 ชม.ที่แล้ว", "2026-02-10T22:00:00+01:00"),
        ("1 สัปดาห์ที่ผ่านมา", "2026-02-04T01:00:00+01:00"),
        ("2 เดือนก่อน", "2025-12-11T01:00:00+01:00"),
        ("3 ชั่วโมง ที่แล้ว", "2026-02-10T22:00:00+01:00"),
        ("1 gün önce", "2026-02-10T01:00:00+01:00"),
        ("3 giờ trước", "2026-02-10T22:00:00+01:00"),
        ("2 ngày trước", "2026-02-09T01:00:00+01:00"),
        ("3 tháng trước", "2025-11-11T01:00:00+01:00"),
        ("3 jam yang lalu", "2026-02-10T22:00:00+01:00"),
        ("15 menit lalu", "2026-02-11T00:45:00+01:00"),
        ("1 tahun yang lalu", "2025-02-11T01:00:00+01:00"),
        // Nordic, Finnish and Estonian "ago" after the time; Portuguese `atrás`.
        ("5 minuter sedan", "2026-02-11T00:55:00+01:00"),
        ("3 timmar sedan", "2026-02-10T22:00:00+01:00"),
        ("3 timer siden", "2026-02-10T22:00:00+01:00"),
        ("2 dager siden", "2026-02-09T01:00:00+01:00"),
        ("5 min. siden", "2026-02-11T00:55:00+01:00"),
        ("3 tuntia sitten", "2026-02-10T22:00:00+01:00"),
        ("2 päivää sitten", "2026-02-09T01:00:00+01:00"),
        ("5 minutit tagasi", "2026-02-11T00:55:00+01:00"),
        ("3 horas atrás", "2026-02-10T22:00:00+01:00"),
        // Before the time: Czech, Slovak, Lithuanian, Latvian, Greek, Hebrew, Romanian.
        ("před 3 hodinami", "2026-02-10T22:00:00+01:00"),
        ("pred 5 minútami", "2026-02-11T00:55:00+01:00"),
        ("prieš 3 val.", "2026-02-10T22:00:00+01:00"),
        ("pirms 5 minūtēm", "2026-02-11T00:55:00+01:00"),
        ("πριν από 5 λεπτά", "2026-02-11T00:55:00+01:00"),
        ("πριν 3 ώρες", "2026-02-10T22:00:00+01:00"),
        ("לפני 5 דקות", "2026-02-11T00:55:00+01:00"),
        ("acum 3 ore", "2026-02-10T22:00:00+01:00"),
        // Hungarian's unit says "ago" itself.
        ("5 perce", "2026-02-11T00:55:00+01:00"),
        ("3 órája", "2026-02-10T22:00:00+01:00"),
        ("2 napja", "2026-02-09T01:00:00+01:00"),
        ("2 éve", "2024-02-11T01:00:00+01:00"),
        // Short units: Turkish `dk`, Russian `мин.` and `ч`, Ukrainian `хв`, Malay `minit`.
        ("5 dk önce", "2026-02-11T00:55:00+01:00"),
        ("5 мин. назад", "2026-02-11T00:55:00+01:00"),
        ("3 ч назад", "2026-02-10T22:00:00+01:00"),
        ("5 хв тому", "2026-02-11T00:55:00+01:00"),
        ("5 minit yang lalu", "2026-02-11T00:55:00+01:00"),
    ];
    for (text, want) in cases {
        assert_eq!(in_berlin(text).as_deref(), Some(want), "{text:?}");
    }
}

#[test]
fn months_and_years_back_are_calendar_months() {
    for (text, want) in [
        ("vor 2 Monaten", "2025-12-11T01:00:00+01:00"),
        ("hace 1 año", "2025-02-11T01:00:00+01:00"),
        ("2 года назад", "2024-02-11T01:00:00+01:00"),
    ] {
        assert_eq!(in_berlin(text).as_deref(), Some(want), "{text:?}");
    }
}

/// The new words are everyday words too (`vor`, `un`, `il`, `hace`, `года`): dates
/// and prose around them read as before.
#[test]
fn the_new_words_leave_other_dates_alone() {
    for (text, want) in [
        (
            "15. Februar 2020 um 18:00 Uhr",
            Some("2020-02-15T18:00:00+01:00"),
        ),
        (
            "15 февраля 2020 года, 10:30",
            Some("2020-02-15T10:30:00+01:00"),
        ),
        ("Vor dem Rathaus", None),
        ("un jour de grève", None),
        ("Il y a du monde", None),
        ("hace frío", None),
        (
            "Ngày 15 tháng 2 năm 2020 14:30",
            Some("2020-02-15T14:30:00+01:00"),
        ),
        ("yang lalu", None),
        // A unit alone after "ago" counts one only in Arabic: German `vor Jahren` says no
        // number.
        ("vor Jahren", None),
        ("vor Stunden", None),
        ("قبل الانتخابات", None),
        // Thai words that end like "ago" but are no unit: `เมื่อก่อน` ("formerly").
        ("เมื่อก่อน", None),
        ("วันที่ 15 ก.พ. 2563", Some("2020-02-15T00:00:00+01:00")),
        // This session's words beside dates and prose: Czech `před` ("in front of"),
        // Norwegian `time` (hour), Latvian `gada` (still the year's mark), a German weekday.
        ("před budovou", None),
        ("Reading time 5 min", None),
        (
            "2020. gada 15. februāris",
            Some("2020-02-15T00:00:00+01:00"),
        ),
        ("Sa., 15. Feb. 2020", Some("2020-02-15T00:00:00+01:00")),
        ("Luni, 15 februarie 2020", Some("2020-02-15T00:00:00+01:00")),
    ] {
        assert_eq!(in_berlin(text).as_deref(), want, "{text:?}");
    }
}

/// Chinese and Japanese list pages: `3小时前`, `3時間前`, `15分钟前`, `2天前`, `3个月前`;
/// and the halves of the day their clocks carry (`午後3時30分`, `下午3:30`).
#[test]
fn chinese_and_japanese_relative_times_and_halves_of_the_day() {
    let fetched: DateTime<Utc> = "2026-02-11T00:00:00Z".parse().unwrap();
    let in_tokyo =
        |text: &str| parse(text, fetched, chrono_tz::Asia::Tokyo).map(|s| s.instant.to_rfc3339());
    for (text, want) in [
        ("3小时前", "2026-02-11T06:00:00+09:00"),
        ("3時間前", "2026-02-11T06:00:00+09:00"),
        ("15分钟前", "2026-02-11T08:45:00+09:00"),
        ("15分前", "2026-02-11T08:45:00+09:00"),
        ("2天前", "2026-02-09T09:00:00+09:00"),
        ("2日前", "2026-02-09T09:00:00+09:00"),
        ("1周前", "2026-02-04T09:00:00+09:00"),
        ("3个月前", "2025-11-11T09:00:00+09:00"),
        ("3ヶ月前", "2025-11-11T09:00:00+09:00"),
        ("10時間前に更新", "2026-02-10T23:00:00+09:00"),
        ("2026年2月10日 午後3時30分", "2026-02-10T15:30:00+09:00"),
        ("2026年2月10日 午前10時", "2026-02-10T10:00:00+09:00"),
        ("2026年2月10日 下午3:30", "2026-02-10T15:30:00+09:00"),
        ("2026年2月10日 上午10:05", "2026-02-10T10:05:00+09:00"),
    ] {
        assert_eq!(in_tokyo(text).as_deref(), Some(want), "{text:?}");
    }
    // Prose with the same characters is no date, and a date before `前` stays that date.
    for text in ["前日の発表", "午前中に", "3時間の会議"] {
        assert_eq!(in_tokyo(text), None, "{text:?}");
    }
    assert_eq!(
        in_tokyo("2月3日前に").as_deref(),
        Some("2026-02-03T00:00:00+09:00")
    );
}
