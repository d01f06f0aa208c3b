//! Printed dates with month names in the languages the first table (`dates_table/`) does
//! not cover: Czech, Romanian, Finnish, Catalan, Croatian, Swedish, Danish, Norwegian,
//! Greek, Hungarian (year first), Indonesian and Slovak; Serbian, Slovene, Bulgarian,
//! Macedonian, Belarusian, Estonian, Lithuanian and Latvian (year first), Arabic, Hebrew and
//! Hindi (with their own digits); each as a news site's byline prints it, and the zone names
//! and time forms such bylines end in; and the words between a date and its time.

use chrono::{DateTime, Utc};
use feedmill::dates::{parse, Label};

fn fetched() -> DateTime<Utc> {
    "2026-02-11T09:00:00+09:00".parse().unwrap()
}

/// Asserts that each text reads as the time given (RFC 3339, in Europe/Berlin).
fn assert_reads_in_berlin(cases: &[(&str, &str)]) {
    for (text, want) in cases {
        let got = parse(text, fetched(), chrono_tz::Europe::Berlin)
            .unwrap_or_else(|| panic!("no date in {text:?}"));
        assert_eq!(got.instant.to_rfc3339(), *want, "{text:?}");
    }
}

#[test]
fn month_names_in_more_languages() {
    // (text, day and time read in Europe/Berlin)
    let cases = [
        (
            "Publikováno 15. února 2020 18:05",
            "2020-02-15T18:05:00+01:00",
        ),
        ("22. září 2021", "2021-09-22T00:00:00+02:00"),
        ("15 martie 2020, 09:30", "2020-03-15T09:30:00+01:00"),
        ("3 decembrie 2019", "2019-12-03T00:00:00+01:00"),
        // Romanian short months, as bylines print them with a dot.
        ("15 ian. 2020, 14:30", "2020-01-15T14:30:00+01:00"),
        ("3 iul. 2019", "2019-07-03T00:00:00+02:00"),
        ("3 iun. 2019", "2019-06-03T00:00:00+02:00"),
        ("15. helmikuuta 2020", "2020-02-15T00:00:00+01:00"),
        ("1. joulukuuta 2022 klo 14.10", "2022-12-01T14:10:00+01:00"),
        ("15.2.2020 klo 9.05", "2020-02-15T09:05:00+01:00"),
        ("3. december 2019 kl. 14.30", "2019-12-03T14:30:00+01:00"),
        (
            "Publisert 3. desember 2019 kl. 07.45",
            "2019-12-03T07:45:00+01:00",
        ),
        // A dotted number after `klo` that is no time stays out.
        ("15. helmikuuta 2020 klo 25.10", "2020-02-15T00:00:00+01:00"),
        ("15 de febrer de 2020", "2020-02-15T00:00:00+01:00"),
        ("7 de juliol de 2021", "2021-07-07T00:00:00+02:00"),
        ("15. veljače 2020.", "2020-02-15T00:00:00+01:00"),
        ("12. prosinca 2019", "2019-12-12T00:00:00+01:00"),
        ("15 augusti 2020", "2020-08-15T00:00:00+02:00"),
        ("Publisert 3. desember 2019", "2019-12-03T00:00:00+01:00"),
        ("15 Φεβρουαρίου 2020", "2020-02-15T00:00:00+01:00"),
        ("3 Σεπτεμβρίου 2021", "2021-09-03T00:00:00+02:00"),
        ("2020. február 15. 14:30", "2020-02-15T14:30:00+01:00"),
        (
            "Publikálva: 2021. szeptember 3.",
            "2021-09-03T00:00:00+02:00",
        ),
        ("2019. márc. 7.", "2019-03-07T00:00:00+01:00"),
        ("15 Agustus 2020", "2020-08-15T00:00:00+02:00"),
        ("Diterbitkan 3 Maret 2021", "2021-03-03T00:00:00+01:00"),
        // Indonesian short and older spellings: a detik.com-style byline read its clock alone
        // (today at 09:31) before `Des` was known.
        ("Kamis, 05 Des 2019 09:31 WIB", "2019-12-05T03:31:00+01:00"),
        ("17 Agt 2019", "2019-08-17T00:00:00+02:00"),
        ("10 Nopember 2019", "2019-11-10T00:00:00+01:00"),
        ("14 Pebruari 2019", "2019-02-14T00:00:00+01:00"),
        ("15. februára 2020", "2020-02-15T00:00:00+01:00"),
        ("2. marts 2020", "2020-03-02T00:00:00+01:00"),
        ("2020 February 15", "2020-02-15T00:00:00+01:00"),
    ];
    assert_reads_in_berlin(&cases);
}

#[test]
fn a_label_before_a_new_month_name_still_counts() {
    let s = parse(
        "Veröffentlicht am 15. února 2020",
        fetched(),
        chrono_tz::Europe::Prague,
    )
    .unwrap();
    assert_eq!(s.label, Some(Label::Published));
}

#[test]
fn labels_and_zones_of_more_languages() {
    let berlin = chrono_tz::Europe::Berlin;
    for (text, label) in [
        ("Publikálva: 2021. szeptember 3.", Label::Published),
        ("Frissítve: 2021. szeptember 4. 08:15", Label::Updated),
        ("Diperbarui 4 Maret 2021", Label::Updated),
        ("Publicerad 15 augusti 2020", Label::Published),
        ("Opdateret 2. marts 2020", Label::Updated),
        ("Cập nhật: 15/2/2020 14:30", Label::Updated),
        ("Ngày đăng: 15/02/2020 14:30", Label::Published),
        ("Đăng lúc 14:30 ngày 15/02/2020", Label::Published),
        ("Zveřejněno: 15. 2. 2020, 14:30", Label::Published),
        ("Uverejnené 15.02.2020 14:30", Label::Published),
        ("Geplaatst op 15-02-2020 14:30", Label::Published),
        ("Postado em 15/02/2020 14:30", Label::Published),
        ("Opprettet 15.02.2020 14:30", Label::Published),
        ("Udgivet 15. februar 2020", Label::Published),
        ("Publicerat 15 februari 2020", Label::Published),
        ("Uppdaterat 16 februari 2020", Label::Updated),
        ("Aangepast za 10 okt 2015, 08:10", Label::Updated),
        ("Datum objave: 19. 6. 2020", Label::Published),
        ("Dátum zverejnenia: 20. 1. 2020", Label::Published),
        ("Giriş Tarihi: 04.05.2019 - 10:48", Label::Published),
        ("Stand: 14.03.2025 22:00", Label::Updated),
        ("Ultima modifica: 16/02/2020 09:00", Label::Updated),
        ("Yayın Tarihi: 15.02.2020 14:30", Label::Published),
        ("تاريخ النشر: 15 فبراير 2020", Label::Published),
        ("Обновена: 16.02.2020 09:00", Label::Updated),
        ("配信日時 2020/02/15 14:30", Label::Published),
    ] {
        let got = parse(text, fetched(), berlin).unwrap_or_else(|| panic!("no date in {text:?}"));
        assert_eq!(got.label, Some(label), "{text:?}");
    }
    // `nhật` alone is "day" (`Chủ nhật`, Sunday), no label.
    let sunday = parse("Chủ nhật, 16/2/2020, 09:10 (GMT+7)", fetched(), berlin).unwrap();
    assert_eq!(sunday.label, None);
    // The zone a byline names wins over the page's zone.
    for (text, want) in [
        ("15 Agustus 2020, 14:30 WIB", "2020-08-15T07:30:00+00:00"),
        // Vietnamese: the clock first, `ngày` ("day") before the date.
        (
            "Đăng lúc 14:30 ngày 15/02/2020 (GMT+7)",
            "2020-02-15T07:30:00+00:00",
        ),
        ("15 August 2020, 14:30 BST", "2020-08-15T13:30:00+00:00"),
        ("3 Feb 2021 10:00 MSK", "2021-02-03T07:00:00+00:00"),
        ("3 Feb 2021 10:00 ICT", "2021-02-03T03:00:00+00:00"),
        // VnExpress's byline.
        (
            "Thứ bảy, 15/2/2020, 14:30 (GMT+7)",
            "2020-02-15T07:30:00+00:00",
        ),
        ("15-Feb-2020 09:10 (GMT+5:30)", "2020-02-15T03:40:00+00:00"),
        // US zones after a 12-hour time, in standard or daylight time as the date has it;
        // the French `et` ("and") after a 24-hour time is no zone.
        ("Nov. 8, 2023, 11:15 PM ET", "2023-11-09T04:15:00+00:00"),
        ("July 4, 2023 9:00 a.m. PT", "2023-07-04T16:00:00+00:00"),
        ("Jan. 5, 2024 7:32 PM (ET)", "2024-01-06T00:32:00+00:00"),
        (
            "Updated 8:05 AM (CT) March 3, 2024",
            "2024-03-03T14:05:00+00:00",
        ),
        (
            "15 février 2020 14:30 et 16:00",
            "2020-02-15T13:30:00+00:00",
        ),
    ] {
        let got = parse(text, fetched(), berlin).unwrap_or_else(|| panic!("no date in {text:?}"));
        assert_eq!(
            got.instant.with_timezone(&Utc).to_rfc3339(),
            want,
            "{text:?}"
        );
    }
    // A year and a month name with no day after them are no date.
    for text in [
        "In 2020 May was the wettest month",
        "Bilanz 2021 März bis Juni",
    ] {
        let got = parse(text, fetched(), berlin);
        assert!(got.is_none(), "{text:?} gave {got:?}");
    }
}

#[test]
fn month_names_of_eastern_europe_the_baltics_and_other_scripts() {
    // (text, day and time read in Europe/Berlin)
    let cases = [
        ("15. фебруар 2020. 14:30", "2020-02-15T14:30:00+01:00"),
        // Serbian in Latin letters, genitive.
        ("15. februara 2020.", "2020-02-15T00:00:00+01:00"),
        ("3. jula 2019. u 14:30", "2019-07-03T14:30:00+02:00"),
        ("3. avgusta 2021", "2021-08-03T00:00:00+02:00"),
        ("15. marec 2020", "2020-03-15T00:00:00+01:00"),
        ("7. oktobra 2019 ob 9:05", "2019-10-07T09:05:00+02:00"),
        (
            "Публикувано: 15 февруари 2020, 18:05",
            "2020-02-15T18:05:00+01:00",
        ),
        ("15 октомври 2020", "2020-10-15T00:00:00+02:00"),
        ("15 кастрычніка 2020", "2020-10-15T00:00:00+02:00"),
        (
            "Avaldatud 15. veebruar 2020, 10:00",
            "2020-02-15T10:00:00+01:00",
        ),
        ("2020 m. vasario 15 d. 14:30", "2020-02-15T14:30:00+01:00"),
        ("2021 m. rugsėjo 3 d.", "2021-09-03T00:00:00+02:00"),
        ("2020. gada 15. februārī 09:10", "2020-02-15T09:10:00+01:00"),
        ("15 فبراير 2020 10:30", "2020-02-15T10:30:00+01:00"),
        // Egyptian bylines: the half of the day after the clock, `م` (evening), `ص` (morning).
        (
            "الثلاثاء، 15 فبراير 2020 01:30 م",
            "2020-02-15T13:30:00+01:00",
        ),
        (
            "الثلاثاء، 15 فبراير 2020 09:30 ص",
            "2020-02-15T09:30:00+01:00",
        ),
        (
            "الأحد 16 فبراير 2020 - 08:15 مساءً",
            "2020-02-16T20:15:00+01:00",
        ),
        // After a year `م` is the era (AD): the clock after it is still the date's.
        ("15 فبراير 2020م 01:30", "2020-02-15T01:30:00+01:00"),
        (
            "السبت 15 فبراير 2020م - 01:30 مساءً",
            "2020-02-15T13:30:00+01:00",
        ),
        ("نشر في ١٥ أكتوبر ٢٠٢٠", "2020-10-15T00:00:00+02:00"),
        ("15 בינואר 2020", "2020-01-15T00:00:00+01:00"),
        ("פורסם: 3 באוגוסט 2021 14:30", "2021-08-03T14:30:00+02:00"),
        ("१५ फ़रवरी २०२०", "2020-02-15T00:00:00+01:00"),
        ("15 d’octubre de 2020", "2020-10-15T00:00:00+02:00"),
        // A dash between the date and its clock; a clock written with a dot with the word
        // or zone that says it is one.
        ("15.10.2020 - 14:30", "2020-10-15T14:30:00+02:00"),
        ("15. Oktober 2020, 14.30 Uhr", "2020-10-15T14:30:00+02:00"),
        (
            "Thursday 15 October 2020 14.30 BST",
            "2020-10-15T15:30:00+02:00",
        ),
        // A second date after a dash, and a dotted number with no such word, are no clock.
        ("15.10.2020 - 16.10.2020", "2020-10-15T00:00:00+02:00"),
        ("15.10.2020 14.30", "2020-10-15T00:00:00+02:00"),
        ("March 3, 2020 - 2 min read", "2020-03-03T00:00:00+01:00"),
    ];
    assert_reads_in_berlin(&cases);
    for (text, label) in [
        ("Публикувано: 15 февруари 2020", Label::Published),
        ("Atnaujinta 2020 m. vasario 16 d.", Label::Updated),
        ("آخر تحديث: 16 فبراير 2020", Label::Updated),
        ("עודכן: 16 בפברואר 2020", Label::Updated),
    ] {
        let got = parse(text, fetched(), chrono_tz::Europe::Berlin)
            .unwrap_or_else(|| panic!("no date in {text:?}"));
        assert_eq!(got.label, Some(label), "{text:?}");
    }
}

#[test]
fn the_words_between_a_date_and_its_time() {
    // (text, day and time read in Europe/Berlin): the time must not be lost to the word
    // before it, nor to a weekday printed after the date.
    assert_reads_in_berlin(&[
        (
            "Опубликовано 15.02.2020 в 14:30",
            "2020-02-15T14:30:00+01:00",
        ),
        ("15 лютого 2020 о 09:05", "2020-02-15T09:05:00+01:00"),
        ("15 lutego 2020 r., 14:30", "2020-02-15T14:30:00+01:00"),
        ("15 lutego 2020 o 14:30", "2020-02-15T14:30:00+01:00"),
        ("15. února 2020 v 14:30", "2020-02-15T14:30:00+01:00"),
        ("15. veljače 2020. u 14:30", "2020-02-15T14:30:00+01:00"),
        ("15 februari 2020 kl. 14:30", "2020-02-15T14:30:00+01:00"),
        (
            "15. februar 2020 klokken 14.30",
            "2020-02-15T14:30:00+01:00",
        ),
        ("15.02.2020 kello 14.30", "2020-02-15T14:30:00+01:00"),
        // Slovene and Croatian dot their clocks: after a comma or a word for "at" a dotted
        // pair is the time.
        (
            "Objavljeno: 15. 2. 2020, 14.30",
            "2020-02-15T14:30:00+01:00",
        ),
        ("15. februar 2020 ob 14.30", "2020-02-15T14:30:00+01:00"),
        ("15. veljače 2020. u 14.30", "2020-02-15T14:30:00+01:00"),
        (
            "15 februari 2020 klockan 14:30",
            "2020-02-15T14:30:00+01:00",
        ),
        (
            "lørdag 15. februar 2020 kl 14:30",
            "2020-02-15T14:30:00+01:00",
        ),
        ("15 Şubat 2020 Cumartesi 14:30", "2020-02-15T14:30:00+01:00"),
        (
            "2020. február 15., szombat 14:30",
            "2020-02-15T14:30:00+01:00",
        ),
        ("15 tháng 2, 2020", "2020-02-15T00:00:00+01:00"),
        ("15 thg 2, 2020", "2020-02-15T00:00:00+01:00"),
        ("14:30 Uhr, 15.02.2020", "2020-02-15T14:30:00+01:00"),
        // The clock, a dash, then its date.
        ("14h30 - 15/02/2020", "2020-02-15T14:30:00+01:00"),
        ("14:30 – 15. Februar 2020", "2020-02-15T14:30:00+01:00"),
        ("15.08.2020 14:30 MESZ", "2020-08-15T14:30:00+02:00"),
        ("15.02.2020 14:30 SAST", "2020-02-15T13:30:00+01:00"),
        // The clock first, then a weekday and the date, in New York's time.
        (
            "Updated 2:30 PM ET, Sat February 15, 2020",
            "2020-02-15T20:30:00+01:00",
        ),
    ]);
    // Without a comma or an "at" a dotted pair stays unread (a price, a score), and after
    // a comma a second dotted date is no clock.
    for (text, want) in [
        ("15. 2. 2020 14.30", "2020-02-15T00:00:00+01:00"),
        ("15.02.2020, 16.02.2021", "2020-02-15T00:00:00+01:00"),
        ("15.02.2020, 14.5", "2020-02-15T00:00:00+01:00"),
    ] {
        let s = parse(text, fetched(), chrono_tz::Europe::Berlin).unwrap();
        assert_eq!(s.instant.to_rfc3339(), want, "{text:?}");
    }
    // A one-letter "at" before something that is not a full clock is no time.
    let s = parse("15 lutego 2020 o 3", fetched(), chrono_tz::Europe::Berlin).unwrap();
    assert_eq!(s.instant.to_rfc3339(), "2020-02-15T00:00:00+01:00");
}

#[test]
fn short_month_names_that_clash_or_were_missing() {
    // (text, day and time read in Europe/Berlin)
    assert_reads_in_berlin(&[
        // Spanish, Italian, Portuguese August: also the English "ago", so only before a year.
        ("15 ago 2020", "2020-08-15T00:00:00+02:00"),
        (
            "Publicado el 15 ago. 2020, 14:30",
            "2020-08-15T14:30:00+02:00",
        ),
        ("15 Φεβ 2020", "2020-02-15T00:00:00+01:00"),
        ("3 Νοε 2021", "2021-11-03T00:00:00+01:00"),
        ("15 трав. 2020", "2020-05-15T00:00:00+02:00"),
        ("15 лист. 2020", "2020-11-15T00:00:00+01:00"),
    ]);
    // "ago" after a number and before no year is still English.
    let s = parse("15 minutes ago", fetched(), chrono_tz::Europe::Berlin).unwrap();
    assert_eq!(s.instant, fetched() - chrono::Duration::minutes(15));
}

#[test]
fn a_zone_name_two_regions_share_is_read_as_the_feeds_region_means_it() {
    use chrono_tz::{America, Asia, Australia, Europe};
    // Java's date as an Australian site prints it: EST is Australia's eastern time there,
    // +10:00 (shown in Melbourne's summer time).
    let java = "Fri Mar 13 21:30:09 EST 2015";
    // China Standard Time on a Chinese page, US Central elsewhere.
    let cst = "2020-02-15 14:30 CST";
    let cases = [
        (java, Australia::Melbourne, "2015-03-13T22:30:09+11:00"),
        (java, America::New_York, "2015-03-13T22:30:09-04:00"),
        (cst, Asia::Shanghai, "2020-02-15T14:30:00+08:00"),
        (cst, Europe::Berlin, "2020-02-15T21:30:00+01:00"),
        (
            "Feb 15, 2020 2:30 PM (EDT)",
            Australia::Sydney,
            "2020-02-15T14:30:00+11:00",
        ),
        // IST: India's time on an Indian site anywhere, Irish summer time under Dublin.
        (
            "Updated: Feb 15, 2020, 23:45 IST",
            Europe::Berlin,
            "2020-02-15T19:15:00+01:00",
        ),
        (
            "Updated: Feb 15, 2020, 23:45 IST",
            Asia::Kolkata,
            "2020-02-15T23:45:00+05:30",
        ),
        (
            "15 June 2020 14:30 IST",
            Europe::Dublin,
            "2020-06-15T14:30:00+01:00",
        ),
        // German `ist` after a clock is no zone.
        (
            "15.02.2020 14:30 ist der Termin",
            Europe::Berlin,
            "2020-02-15T14:30:00+01:00",
        ),
        // Zones of one region each: Pakistan, Nepal.
        (
            "15 Feb 2020 14:30 PKT",
            Europe::Berlin,
            "2020-02-15T10:30:00+01:00",
        ),
        (
            "2020-02-15 14:30 NPT",
            Europe::Berlin,
            "2020-02-15T09:45:00+01:00",
        ),
        // Africa's zones and western Europe's, in capitals only (`eat`, `cat`, `west` are
        // words); Moscow's time in Cyrillic.
        (
            "15 Feb 2020 14:30 EAT",
            Europe::Berlin,
            "2020-02-15T12:30:00+01:00",
        ),
        (
            "15 Feb 2020 14:30 WAT",
            Europe::Berlin,
            "2020-02-15T14:30:00+01:00",
        ),
        (
            "15.02.2020 14:30 WET",
            Europe::Berlin,
            "2020-02-15T15:30:00+01:00",
        ),
        (
            "15.02.2020 14:30 cat show",
            Europe::Berlin,
            "2020-02-15T14:30:00+01:00",
        ),
        (
            "15 февраля 2020, 14:30 мск",
            Europe::Berlin,
            "2020-02-15T12:30:00+01:00",
        ),
    ];
    for (text, zone, want) in cases {
        let got = parse(text, fetched(), zone).unwrap_or_else(|| panic!("no date in {text:?}"));
        assert_eq!(got.instant.to_rfc3339(), want, "{text:?} in {zone}");
    }
}
