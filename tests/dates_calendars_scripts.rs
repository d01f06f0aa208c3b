//! Printed dates in more scripts and calendars: Thai (Buddhist era, full and dotted short
//! month names, Thai digits), Persian and Dari (the Solar Hijri calendar, and Gregorian
//! months in Persian), Urdu, the Maghreb's and the Levant's Arabic month names (two words,
//! and two names of one month), Bengali, Punjabi, Gujarati, Tamil and Marathi with their
//! own digits, Japanese eras, and a few more Latin and Cyrillic languages (Malay, Filipino,
//! Albanian, Azerbaijani, Kazakh, Icelandic, Galician) and Georgian and Armenian; each as
//! a news site's byline prints it.

use chrono::{DateTime, Utc};
use feedmill::dates::{parse, parse_all, Label};

fn fetched() -> DateTime<Utc> {
    "2026-02-11T09:00:00+09:00".parse().unwrap()
}

/// Asserts that each text reads as the time given (RFC 3339) in `zone`.
fn assert_reads_in(zone: chrono_tz::Tz, cases: &[(&str, &str)]) {
    for (text, want) in cases {
        let got = parse(text, fetched(), zone).unwrap_or_else(|| panic!("no date in {text:?}"));
        assert_eq!(got.instant.to_rfc3339(), *want, "{text:?}");
    }
}

#[test]
fn thai_dates_in_the_buddhist_era() {
    assert_reads_in(
        chrono_tz::Asia::Bangkok,
        &[
            ("15 ก.พ. 2563", "2020-02-15T00:00:00+07:00"),
            ("15 ก.พ. 2563 14:30 น.", "2020-02-15T14:30:00+07:00"),
            // The era's year shortened to two digits, after a Thai month only.
            ("15 ก.พ. 63 14:30 น.", "2020-02-15T14:30:00+07:00"),
            ("15 กุมภาพันธ์ 63", "2020-02-15T00:00:00+07:00"),
            (
                "วันเสาร์ที่ 15 กุมภาพันธ์ พ.ศ. 2563 เวลา 14:30 น.",
                "2020-02-15T14:30:00+07:00",
            ),
            ("๑๕ พฤศจิกายน ๒๕๖๓", "2020-11-15T00:00:00+07:00"),
            ("3 ธ.ค. 2562 09:05", "2019-12-03T09:05:00+07:00"),
            // A Thai month with a Gregorian year, as some sites print it.
            ("15 มี.ค. 2020", "2020-03-15T00:00:00+07:00"),
            // Numbers only: the Buddhist year alone names the calendar.
            ("15/02/2563 14:30", "2020-02-15T14:30:00+07:00"),
        ],
    );
}

#[test]
fn persian_and_dari_dates_in_the_solar_hijri_calendar() {
    assert_reads_in(
        chrono_tz::Asia::Tehran,
        &[
            ("۲۶ بهمن ۱۳۹۸", "2020-02-15T00:00:00+03:30"),
            ("شنبه ۲۶ بهمن ۱۳۹۸ - ۱۴:۳۰", "2020-02-15T14:30:00+03:30"),
            // `ساعت` ("hour") before the time, as Turkish `saat`.
            ("۲۶ بهمن ۱۳۹۸ ساعت ۱۴:۳۰", "2020-02-15T14:30:00+03:30"),
            ("۱ فروردین ۱۳۹۹", "2020-03-20T00:00:00+03:30"),
            ("1 مهر 1402", "2023-09-23T00:00:00+03:30"),
            ("۱۳۹۸/۱۱/۲۶ ۱۴:۳۰", "2020-02-15T14:30:00+03:30"),
            // Arabic letter forms of `ی` as some keyboards type them.
            ("۱۰ شهريور ۱۳۹۹", "2020-08-31T00:00:00+04:30"),
            // Dari's month names (Afghanistan): 26 Dalw 1398.
            ("۲۶ دلو ۱۳۹۸", "2020-02-15T00:00:00+03:30"),
            // Gregorian months in Persian.
            ("۱۵ فوریه ۲۰۲۰", "2020-02-15T00:00:00+03:30"),
        ],
    );
    // Esfand has 29 days in a common year: no 30 Esfand 1398.
    assert!(parse("۳۰ اسفند ۱۳۹۸", fetched(), chrono_tz::Asia::Tehran).is_none());
}

#[test]
fn arabic_month_names_of_the_maghreb_the_levant_and_urdu() {
    assert_reads_in(
        chrono_tz::Asia::Beirut,
        &[
            ("15 كانون الثاني 2020", "2020-01-15T00:00:00+02:00"),
            ("3 كانون الأول 2019 14:30", "2019-12-03T14:30:00+02:00"),
            ("15 تشرين الاول 2020", "2020-10-15T00:00:00+03:00"),
            ("15 تشرين الثاني 2020", "2020-11-15T00:00:00+02:00"),
            // The Levantine and the common name of one month.
            ("15 شباط/فبراير 2020", "2020-02-15T00:00:00+02:00"),
            ("15 كانون الثاني/يناير 2020", "2020-01-15T00:00:00+02:00"),
            // Morocco and Algeria.
            ("15 غشت 2020", "2020-08-15T00:00:00+03:00"),
            ("15 جوان 2020", "2020-06-15T00:00:00+03:00"),
            ("15 فيفري 2020", "2020-02-15T00:00:00+02:00"),
            // Urdu.
            ("15 فروری 2020", "2020-02-15T00:00:00+02:00"),
            ("15 اکتوبر 2020", "2020-10-15T00:00:00+03:00"),
        ],
    );
    // The first word of a two-word month alone names no month.
    assert!(parse("15 كانون 2020", fetched(), chrono_tz::Asia::Beirut).is_none());
}

#[test]
fn south_asian_scripts_with_their_own_digits() {
    assert_reads_in(
        chrono_tz::Asia::Kolkata,
        &[
            ("১৫ ফেব্রুয়ারি ২০২০", "2020-02-15T00:00:00+05:30"),
            ("প্রকাশ: ১৫ ফেব্রুয়ারি ২০২০, ১৪:৩০", "2020-02-15T14:30:00+05:30"),
            ("৩ সেপ্টেম্বর ২০২১", "2021-09-03T00:00:00+05:30"),
            ("੧੫ ਫ਼ਰਵਰੀ ੨੦੨੦", "2020-02-15T00:00:00+05:30"),
            ("15 ਅਗਸਤ 2020", "2020-08-15T00:00:00+05:30"),
            ("૧૫ ફેબ્રુઆરી ૨૦૨૦", "2020-02-15T00:00:00+05:30"),
            ("15 பிப்ரவரி 2020", "2020-02-15T00:00:00+05:30"),
            ("15 फेब्रुवारी 2020", "2020-02-15T00:00:00+05:30"),
        ],
    );
}

#[test]
fn japanese_eras() {
    assert_reads_in(
        chrono_tz::Asia::Tokyo,
        &[
            ("令和2年2月15日", "2020-02-15T00:00:00+09:00"),
            ("令和元年5月1日 14:30", "2019-05-01T14:30:00+09:00"),
            ("平成31年4月30日", "2019-04-30T00:00:00+09:00"),
            // Both counts of the year, one in brackets.
            ("2020年（令和2年）2月15日", "2020-02-15T00:00:00+09:00"),
            (
                "令和2年（2020年）2月15日 14:30",
                "2020-02-15T14:30:00+09:00",
            ),
            ("2019年(令和元年)5月1日", "2019-05-01T00:00:00+09:00"),
        ],
    );
}

#[test]
fn more_latin_and_cyrillic_languages() {
    assert_reads_in(
        chrono_tz::Europe::Berlin,
        &[
            ("15 Ogos 2020", "2020-08-15T00:00:00+02:00"),
            ("5 Dis 2019", "2019-12-05T00:00:00+01:00"),
            ("3 Disember 2019", "2019-12-03T00:00:00+01:00"),
            ("Pebrero 15, 2020", "2020-02-15T00:00:00+01:00"),
            ("15 shkurt 2020", "2020-02-15T00:00:00+01:00"),
            ("15 fevral 2020", "2020-02-15T00:00:00+01:00"),
            ("15 ақпан 2020", "2020-02-15T00:00:00+01:00"),
            ("15. febrúar 2020", "2020-02-15T00:00:00+01:00"),
            ("15 de febreiro de 2020", "2020-02-15T00:00:00+01:00"),
            // Georgian, and Armenian with its month alone or in the genitive.
            ("15 თებერვალი, 2020 14:30", "2020-02-15T14:30:00+01:00"),
            ("Փետրվար 15, 2020", "2020-02-15T00:00:00+01:00"),
            ("15 փետրվարի 2020թ., 14:30", "2020-02-15T14:30:00+01:00"),
            ("Օգոստոսի 3, 2021 09:10", "2021-08-03T09:10:00+02:00"),
            // Spanish and Catalan `a las`, `a les` before the time.
            (
                "15 de febrero de 2020 a las 14:30",
                "2020-02-15T14:30:00+01:00",
            ),
            (
                "15 de febrer de 2020 a les 14:30",
                "2020-02-15T14:30:00+01:00",
            ),
            // Russian `г.` after a numeric date, Greek `15η`, a dotted clock with `Uhr`
            // before its date.
            ("15.02.2020 г. 14:30", "2020-02-15T14:30:00+01:00"),
            ("15η Φεβρουαρίου 2020", "2020-02-15T00:00:00+01:00"),
            ("14.30 Uhr, 15.02.2020", "2020-02-15T14:30:00+01:00"),
            // Greek in capitals drops its accents, and a capital sigma lowercases to `σ`.
            ("15 ΦΕΒΡΟΥΑΡΙΟΥ 2020", "2020-02-15T00:00:00+01:00"),
            ("ΜΑΡΤΙΟΣ 15, 2020", "2020-03-15T00:00:00+01:00"),
            ("15 ΜΑΪΟΥ 2020", "2020-05-15T00:00:00+02:00"),
            ("15 ΜΑΙΟΥ 2020", "2020-05-15T00:00:00+02:00"),
        ],
    );
}

#[test]
fn published_and_updated_labels_in_these_languages() {
    let zone = chrono_tz::Asia::Seoul;
    for (text, want) in [
        ("เผยแพร่: 15 ก.พ. 2563", Label::Published),
        ("อัปเดต: 15 ก.พ. 2563", Label::Updated),
        ("تاریخ انتشار: ۲۶ بهمن ۱۳۹۸", Label::Published),
        ("به\u{200C}روزرسانی: ۲۶ بهمن ۱۳۹۸", Label::Updated),
        ("প্রকাশ: ১৫ ফেব্রুয়ারি ২০২০", Label::Published),
        ("আপডেট: ১৫ ফেব্রুয়ারি ২০২০", Label::Updated),
        ("अपडेटेड: 15 फरवरी 2020", Label::Updated),
        ("发布时间：2020-02-15 14:30", Label::Published),
        ("更新日：2020年2月15日", Label::Updated),
        ("公開日：2020年2月15日", Label::Published),
        ("ΔΗΜΟΣΙΕΥΣΗ: 15 ΦΕΒΡΟΥΑΡΙΟΥ 2020", Label::Published),
        ("ΕΝΗΜΕΡΩΘΗΚΕ: 16 ΦΕΒΡΟΥΑΡΙΟΥ 2020", Label::Updated),
    ] {
        let found = parse_all(text, fetched(), zone);
        assert_eq!(found.len(), 1, "{text:?}");
        assert_eq!(found[0].label, Some(want), "{text:?}");
        assert!(feedmill::dates::holds_label(text), "{text:?}");
    }
    assert!(!feedmill::dates::holds_label("15 ก.พ. 2563 14:30 น."));
    // The words an article page's search for labelled lines looks for are all labels.
    for word in feedmill::dates::label_words() {
        assert!(feedmill::dates::holds_label(&word), "{word:?}");
    }
}
