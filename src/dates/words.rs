//! The vocabulary: the words that mean something to a date (`년`, `오후`,
//! `입력`, `yesterday`, `ago`, …) in Korean, Chinese characters and English,
//! and the lookups the tokenizer uses to recognise them.

use super::tokens::TokenKind;

/// A known word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Word {
    /// 년, 年, year(s)
    Year,
    /// 월, 月: after the month's number (`2월`)
    Month,
    /// 일, 日, day(s)
    Day,
    /// 시 (clock hour), 時
    ClockHour,
    /// 분, 分, min(s), minute(s)
    Minute,
    /// 초, 秒, sec(s), second(s)
    Second,
    /// 시간, hour(s): a duration
    Hours,
    /// 주, 주일, week(s)
    Week,
    /// 개월, month(s): a duration
    Months,
    /// 달: a month, counted with native numerals (`한 달`)
    Dal,
    /// 한, 두, 세, 네, 다섯 … 열: a native Korean number, 1 to 10, before a
    /// unit (`두 시간`, `한 달`)
    Native(u8),
    /// 하루, 이틀, 사흘, 나흘, 일주일: so many days, number and unit in one word
    DaysSpan(u8),
    /// 전, ago (and the other languages' words after the time: `fa`, `geleden`, `назад`)
    Ago,
    /// The other languages' words for "ago" before the time: `vor`, `hace`, `há`
    AgoBefore,
    /// Arabic `منذ`, `قبل`: "ago" before the time, which may also be a unit alone (`منذ
    /// ساعة`, an hour ago) or a unit in the dual (`منذ ساعتين`, two hours ago)
    Mundhu,
    /// An Arabic unit in the dual (`ساعتين`, two hours), its unit one of
    /// [`DUAL_UNITS`] by index
    Dual(u8),
    /// A Hungarian unit that says "ago" itself (`perce`, `órája`: `5 perce`, five minutes
    /// ago), its unit one of [`DUAL_UNITS`] by index; the tokenizer writes it as the unit
    /// and [`Word::Ago`]
    UnitAgo(u8),
    /// il (the French `il y a`, "ago", before the time)
    Il,
    /// 이내
    Within,
    /// 방금, 지금, now
    Now,
    /// just (as in "just now")
    Just,
    /// a, an (as in "an hour ago"), and the other languages' (`einer`, `une`, `una`)
    IndefiniteArticle,
    /// 어제, yesterday
    Yesterday,
    /// 그제, 그저께
    DayBefore,
    /// 오늘, today
    Today,
    /// 내일, tomorrow
    Tomorrow,
    /// 오전, 새벽, 아침, am, a.m.
    Am,
    /// 오후, 저녁, pm, p.m.
    Pm,
    /// Arabic `ص`, `صباحا` (morning): before noon, read only after a clock (`01:30 ص`)
    AmAfter,
    /// Arabic `م`, `مساء` (evening): after noon, read only after a clock (`01:30 م`); before
    /// one, `م` is more often the era of a year (`2020م`)
    PmAfter,
    /// 낮 (daytime: 12 and 1 to 6 are afternoon)
    Daytime,
    /// 밤 (night: 6 to 11 are evening, 12 is midnight)
    Night,
    /// 정오, noon
    Noon,
    /// 자정, midnight
    Midnight,
    /// 반 (half past)
    Half,
    /// A label for the published time.
    Published,
    /// A label for the updated time.
    Updated,
    /// 월요일 … 일요일, Mon … Sunday
    Weekday,
    /// The `T` of ISO 8601.
    TimeDesignator,
    /// at
    At,
    /// A one-letter "at" before a clock: Russian and Serbian `в`/`у`, Ukrainian `о`, Polish
    /// and Slovak `o`, Czech `v`, Croatian `u` (`15.02.2020 в 14:30`). Only a full clock may
    /// follow it, since the letter means other things elsewhere.
    AtLetter,
    /// Finnish `klo` (`kello`), Danish and Norwegian `kl.` (`klokken`), Swedish `kl.`
    /// (`klockan`): "o'clock" before a time, often written with a dot (`klo 14.30`).
    Kello,
    /// German `Uhr` ("o'clock") after a time, also one written with a dot (`14.30 Uhr`).
    Uhr,
    /// st, nd, rd, th
    Ordinal,
    /// de (Spanish, Portuguese: `15 de febrero de 2020`)
    Of,
    /// г., года, р., року after a year (Russian, Ukrainian), Latvian gada
    YearMark,
    /// Thai `พ.ศ.` (Buddhist era) and `ค.ศ.` (common era) between a month and its year
    EraBefore,
    /// The first word of a Levantine Arabic month of two words, with the month it is
    /// before `الأول` ("the first") and before `الثاني` ("the second"): `كانون` (December,
    /// January), `تشرين` (October, November)
    MonthPair(u8, u8),
    /// `الأول` (1) and `الثاني` (2), the second word of a [`Word::MonthPair`] month
    NthOf(u8),
    /// A Japanese era before its year (`令和2年`): the Gregorian year before its first
    JapaneseEra(u16),
    /// `元` in `令和元年`, an era's first year
    FirstYear,
    /// tháng (Vietnamese: `tháng 2`, month 2)
    MonthOf,
    /// năm (Vietnamese: `năm 2020`, year 2020)
    YearOf,
    /// mis (French, the `Mis` of `Mis à jour`)
    Mis,
    /// jour (French, the `jour` of `Mis à jour`)
    Jour,
    /// cập (Vietnamese, the first word of `Cập nhật`, "updated")
    Cap,
    /// nhật (Vietnamese, the second word of `Cập nhật`; alone it is "day", as in `Chủ nhật`,
    /// Sunday)
    Nhat,
    /// yang (Indonesian, the `yang` of `3 jam yang lalu`, "3 hours ago")
    Yang,
    /// ET, CT, MT, PT: a US zone whose offset depends on the date, read only after a 12-hour
    /// time (`7:32 PM ET`)
    UsZone(chrono_tz::Tz),
    /// EST, EDT, CST: a zone's name that means one offset in America and another where the
    /// feed's own zone is ([`SharedZone::minutes_in`]).
    SharedZone(SharedZone),
}

/// The units of [`Word::Dual`], by index.
pub(super) const DUAL_UNITS: [Word; 6] = [
    Word::Minute,
    Word::Hours,
    Word::Day,
    Word::Week,
    Word::Months,
    Word::Year,
];

/// Zone names two parts of the world print for their own time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SharedZone {
    /// US Eastern Standard Time, and Australian Eastern Standard Time as Australian sites
    /// (and Java's dates there) print it.
    Est,
    /// US Eastern Daylight Time, and Australian Eastern Daylight Time.
    Edt,
    /// US Central Standard Time, China Standard Time (and Taiwan's), Australian Central
    /// Standard Time, Cuba's.
    Cst,
    /// India Standard Time, Irish Standard (summer) Time, Israel Standard Time. Read only
    /// when printed in capitals: German `ist` ("is") follows many a clock.
    Ist,
}

impl SharedZone {
    /// The zone's offset east of UTC, in minutes, as a page in `feed_zone` means it: the
    /// American one unless the feed's zone is in the other region.
    pub(super) fn minutes_in(self, feed_zone: chrono_tz::Tz) -> i32 {
        let name = feed_zone.name();
        let australia_east = matches!(
            name,
            "Australia/Sydney"
                | "Australia/Melbourne"
                | "Australia/Brisbane"
                | "Australia/Hobart"
                | "Australia/Canberra"
                | "Australia/ACT"
                | "Australia/NSW"
                | "Australia/Victoria"
                | "Australia/Queensland"
                | "Australia/Tasmania"
                | "Australia/Currie"
                | "Australia/Lindeman"
        );
        let australia_central = matches!(
            name,
            "Australia/Adelaide"
                | "Australia/Darwin"
                | "Australia/Broken_Hill"
                | "Australia/South"
                | "Australia/North"
                | "Australia/Yancowinna"
        );
        let china = matches!(
            name,
            "Asia/Shanghai"
                | "Asia/Chongqing"
                | "Asia/Chungking"
                | "Asia/Harbin"
                | "Asia/Urumqi"
                | "Asia/Taipei"
                | "Asia/Macau"
                | "Asia/Macao"
                | "PRC"
                | "ROC"
        );
        match self {
            SharedZone::Est if australia_east => 10 * 60,
            SharedZone::Est => -5 * 60,
            SharedZone::Edt if australia_east => 11 * 60,
            SharedZone::Edt => -4 * 60,
            SharedZone::Cst if china => 8 * 60,
            SharedZone::Cst if australia_central => 9 * 60 + 30,
            SharedZone::Cst if name == "America/Havana" || name == "Cuba" => -5 * 60,
            SharedZone::Cst => -6 * 60,
            SharedZone::Ist if name == "Europe/Dublin" || name == "Eire" => 60,
            SharedZone::Ist if name == "Asia/Jerusalem" || name == "Asia/Tel_Aviv" => 2 * 60,
            SharedZone::Ist => 5 * 60 + 30,
        }
    }
}

/// Words that only count when no unknown syllable follows in the same run.
pub(super) fn needs_boundary(w: Word) -> bool {
    matches!(
        w,
        Word::Published
            | Word::Updated
            | Word::Now
            | Word::Yesterday
            | Word::DayBefore
            | Word::Today
            | Word::Tomorrow
            | Word::Ago
            | Word::Dal
            | Word::Native(_)
            | Word::DaysSpan(_)
            | Word::Daytime
            | Word::Night
    )
}

/// The Korean words that label a time (`입력 2026.02.10`), with what they label; a longer
/// word before the one it starts with. [`hangul_word`] reads them, and `label_words` lists
/// them for the article page's search.
pub(super) const KOREAN_LABELS: &[(&str, Word)] = &[
    ("입력", Word::Published),
    ("기사입력", Word::Published),
    ("최초입력", Word::Published),
    ("최종수정", Word::Updated),
    ("수정", Word::Updated),
    ("등록일", Word::Published),
    ("등록", Word::Published),
    ("승인", Word::Published),
    ("게재", Word::Published),
    ("게시", Word::Published),
    ("발행", Word::Published),
    ("송고시간", Word::Published),
    ("송고", Word::Published),
    ("작성", Word::Published),
    ("업데이트", Word::Updated),
    ("갱신", Word::Updated),
];

/// Labels written with two Chinese characters: Chinese `发布时间` ("time published"),
/// Japanese `公開日`, `投稿日`, `掲載日`; and `更新` (updated) in both. [`cjk_pair`] reads
/// them.
pub(super) const CJK_LABELS: &[(&str, Word)] = &[
    ("发布", Word::Published),
    ("發布", Word::Published),
    ("發佈", Word::Published),
    ("公開", Word::Published),
    ("公开", Word::Published),
    ("投稿", Word::Published),
    ("掲載", Word::Published),
    // Japanese news sites' `配信` ("delivered"), often after the time (`2/15(土) 14:30配信`).
    ("配信", Word::Published),
    ("更新", Word::Updated),
];

/// English labels, whole words; [`latin_word`] reads them.
pub(super) const ENGLISH_LABELS: &[(&str, Word)] = &[
    ("posted", Word::Published),
    ("published", Word::Published),
    ("updated", Word::Updated),
    ("modified", Word::Updated),
];

/// The longest known Korean word at the start of `s`, with its byte length.
pub(super) fn hangul_word(s: &str) -> Option<(Word, usize)> {
    use Word::*;
    let first = s.chars().next()?;
    let cands: &[(&str, Word)] = match first {
        '년' => &[("년", Year)],
        '월' => &[("월요일", Weekday), ("월", Month)],
        '일' => &[
            ("일요일", Weekday),
            ("일주일", DaysSpan(7)),
            ("일곱", Native(7)),
            ("일", Day),
        ],
        '화' => &[("화요일", Weekday)],
        '수' if s.starts_with("수요일") => &[("수요일", Weekday)],
        '수' => KOREAN_LABELS,
        '목' => &[("목요일", Weekday)],
        '금' => &[("금요일", Weekday)],
        '토' => &[("토요일", Weekday)],
        '시' => &[("시간", Hours), ("시", ClockHour)],
        '분' => &[("분", Minute)],
        '초' => &[("초", Second)],
        '주' => &[("주일", Week), ("주", Week)],
        '개' => &[("개월", Months)],
        '전' => &[("전", Ago)],
        '이' => &[("이틀", DaysSpan(2)), ("이내", Within)],
        '하' => &[("하루", DaysSpan(1))],
        '사' => &[("사흘", DaysSpan(3))],
        '나' => &[("나흘", DaysSpan(4))],
        '한' => &[("한", Native(1))],
        '두' => &[("두", Native(2))],
        '세' => &[("세", Native(3))],
        '네' => &[("네", Native(4))],
        '다' => &[("다섯", Native(5))],
        '여' => &[("여섯", Native(6)), ("여덟", Native(8))],
        '열' => &[("열", Native(10))],
        '달' => &[("달", Dal)],
        '내' => &[("내일", Tomorrow)],
        '낮' => &[("낮", Daytime)],
        '밤' => &[("밤", Night)],
        '방' => &[("방금", Now)],
        '지' => &[("지금", Now)],
        '어' => &[("어제", Yesterday)],
        '그' => &[("그저께", DayBefore), ("그제", DayBefore)],
        '오' => &[("오전", Am), ("오후", Pm), ("오늘", Today)],
        '새' => &[("새벽", Am)],
        '아' => &[("아침", Am), ("아홉", Native(9))],
        '저' => &[("저녁", Pm)],
        '정' => &[("정오", Noon)],
        '자' => &[("자정", Midnight)],
        '반' => &[("반", Half)],
        // The first syllables of the labels.
        '입' | '기' | '최' | '등' | '승' | '게' | '발' | '송' | '작' | '업' | '갱' => {
            KOREAN_LABELS
        }
        _ => return None,
    };
    cands
        .iter()
        .find(|(w, _)| s.starts_with(w))
        .map(|&(w, k)| (k, w.len()))
}

/// Date words written with Chinese characters.
pub(super) fn cjk_word(c: char) -> Option<Word> {
    Some(match c {
        '年' => Word::Year,
        '月' => Word::Month,
        '日' => Word::Day,
        '時' => Word::ClockHour,
        '分' => Word::Minute,
        '秒' => Word::Second,
        // Chinese and Japanese relative times: `3小时前`, `3時間前`, `2天前`, `2日前`.
        '前' => Word::Ago,
        '天' => Word::Day,
        '周' | '週' => Word::Week,
        '元' => Word::FirstYear,
        _ => return None,
    })
}

/// Two Chinese or Japanese characters that are one word: the hour and minute of a duration
/// (`小时`, `時間`, `分钟`), months (`个月`, `ヶ月`), the halves of the day (`午前` and
/// `上午` before noon, `午後` and `下午` after), labels (`发布`, `公開`, `更新`) and eras
/// (`令和`, `平成`). Checked before [`cjk_word`], so `時` alone
/// stays the clock's hour.
pub(super) fn cjk_pair(c: char, next: char) -> Option<Word> {
    Some(match (c, next) {
        ('小', '时' | '時') | ('時', '間') => Word::Hours,
        ('分', '钟' | '鐘') => Word::Minute,
        ('个' | '個' | 'ヶ' | 'ケ' | 'か' | 'カ' | '箇', '月') => Word::Months,
        ('午', '前') => Word::Am,
        ('上', '午') => Word::Am,
        ('午', '後' | '后') | ('下', '午') => Word::Pm,
        // The first characters of the labels.
        ('发' | '發' | '公' | '投' | '掲' | '更' | '配', _) => {
            return CJK_LABELS.iter().find_map(|&(w, word)| {
                let mut cs = w.chars();
                (cs.next() == Some(c) && cs.next() == Some(next)).then_some(word)
            });
        }
        ('令', '和') => Word::JapaneseEra(2018),
        ('平', '成') => Word::JapaneseEra(1988),
        _ => return None,
    })
}

/// Classifies a lowercase word (UTF-8; the non-English ones are the
/// `months` module's).
pub(super) fn latin_word(w: &[u8]) -> TokenKind {
    use Word::*;
    let word = match w {
        b"jan" | b"january" => return TokenKind::MonthName(1),
        b"feb" | b"february" => return TokenKind::MonthName(2),
        b"mar" | b"march" => return TokenKind::MonthName(3),
        b"apr" | b"april" => return TokenKind::MonthName(4),
        b"may" => return TokenKind::MonthName(5),
        b"jun" | b"june" => return TokenKind::MonthName(6),
        b"jul" | b"july" => return TokenKind::MonthName(7),
        b"aug" | b"august" => return TokenKind::MonthName(8),
        b"sep" | b"sept" | b"september" => return TokenKind::MonthName(9),
        b"oct" | b"october" => return TokenKind::MonthName(10),
        b"nov" | b"november" => return TokenKind::MonthName(11),
        b"dec" | b"december" => return TokenKind::MonthName(12),
        b"z" | b"utc" | b"gmt" | b"ut" => return TokenKind::Zone(0),
        b"kst" | b"jst" => return TokenKind::Zone(9 * 60),
        b"est" => SharedZone(self::SharedZone::Est),
        b"edt" => SharedZone(self::SharedZone::Edt),
        b"cst" => SharedZone(self::SharedZone::Cst),
        b"cdt" => return TokenKind::Zone(-5 * 60),
        b"mdt" => return TokenKind::Zone(-6 * 60),
        b"mst" | b"pdt" => return TokenKind::Zone(-7 * 60),
        b"pst" => return TokenKind::Zone(-8 * 60),
        // German pages print MEZ and MESZ for CET and CEST.
        b"cet" | b"mez" => return TokenKind::Zone(60),
        b"cest" | b"eet" | b"mesz" => return TokenKind::Zone(2 * 60),
        // South Africa, the Philippines, Pakistan, Nepal, the Gulf, Turkey, Brasília,
        // Malaysia, central Australia. (India's IST is read by the tokenizer, in capitals.)
        b"sast" => return TokenKind::Zone(2 * 60),
        b"pht" | b"myt" => return TokenKind::Zone(8 * 60),
        b"pkt" => return TokenKind::Zone(5 * 60),
        b"npt" => return TokenKind::Zone(5 * 60 + 45),
        b"gst" => return TokenKind::Zone(4 * 60),
        b"trt" => return TokenKind::Zone(3 * 60),
        b"brt" => return TokenKind::Zone(-3 * 60),
        b"acst" => return TokenKind::Zone(9 * 60 + 30),
        b"acdt" => return TokenKind::Zone(10 * 60 + 30),
        b"eest" => return TokenKind::Zone(3 * 60),
        b"hkt" => return TokenKind::Zone(8 * 60),
        b"aest" => return TokenKind::Zone(10 * 60),
        b"aedt" => return TokenKind::Zone(11 * 60),
        b"et" => UsZone(chrono_tz::America::New_York),
        b"ct" => UsZone(chrono_tz::America::Chicago),
        b"mt" => UsZone(chrono_tz::America::Denver),
        b"pt" => UsZone(chrono_tz::America::Los_Angeles),
        // British summer time, Moscow, Indochina, Indonesia's three zones, Singapore,
        // Western Australia, New Zealand, Hawaii.
        b"bst" => return TokenKind::Zone(60),
        b"msk" => return TokenKind::Zone(3 * 60),
        b"ict" | b"wib" => return TokenKind::Zone(7 * 60),
        b"wita" | b"sgt" | b"awst" => return TokenKind::Zone(8 * 60),
        b"wit" => return TokenKind::Zone(9 * 60),
        b"nzst" => return TokenKind::Zone(12 * 60),
        b"nzdt" => return TokenKind::Zone(13 * 60),
        b"hst" => return TokenKind::Zone(-10 * 60),
        b"mon" | b"monday" | b"tue" | b"tues" | b"tuesday" | b"wed" | b"wednesday" | b"thu"
        | b"thur" | b"thurs" | b"thursday" | b"fri" | b"friday" | b"sat" | b"saturday" | b"sun"
        | b"sunday" => Weekday,
        b"am" => Am,
        b"pm" => Pm,
        b"noon" => Noon,
        b"midnight" => Midnight,
        b"t" => TimeDesignator,
        b"at" => At,
        b"st" | b"nd" | b"rd" | b"th" => Ordinal,
        b"ago" => Ago,
        b"just" => Just,
        b"now" => Now,
        b"a" | b"an" => IndefiniteArticle,
        b"yesterday" => Yesterday,
        b"today" => Today,
        b"tomorrow" => Tomorrow,
        b"s" | b"sec" | b"secs" | b"second" | b"seconds" => Second,
        b"m" | b"min" | b"mins" | b"minute" | b"minutes" => Minute,
        b"h" | b"hr" | b"hrs" | b"hour" | b"hours" => Hours,
        b"d" | b"day" | b"days" => Day,
        b"w" | b"wk" | b"wks" | b"week" | b"weeks" => Week,
        b"mo" | b"mos" | b"month" | b"months" => Months,
        b"y" | b"yr" | b"yrs" | b"year" | b"years" => Year,
        _ => {
            return match ENGLISH_LABELS.iter().find(|(l, _)| l.as_bytes() == w) {
                Some(&(_, label)) => TokenKind::Word(label),
                None => super::months::foreign_word(w),
            };
        }
    };
    TokenKind::Word(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each listed label is read as its word where the tokenizer meets it: a label added to
    /// a list but not reached (a first syllable or character missing from the dispatch)
    /// fails here, and `label_words`, built from the lists, cannot name a word the reader
    /// does not know.
    #[test]
    fn every_listed_label_is_read() {
        for &(w, want) in KOREAN_LABELS {
            assert_eq!(hangul_word(w), Some((want, w.len())), "{w}");
            let dated = format!("{w} 2026.02.10");
            assert_eq!(hangul_word(&dated), Some((want, w.len())), "{dated}");
        }
        for &(w, want) in CJK_LABELS {
            let mut cs = w.chars();
            let (a, b) = (cs.next().unwrap(), cs.next().unwrap());
            assert_eq!(cjk_pair(a, b), Some(want), "{w}");
        }
        for &(w, want) in ENGLISH_LABELS {
            assert_eq!(latin_word(w.as_bytes()), TokenKind::Word(want), "{w}");
        }
        // The dispatch still reads the words that share a first syllable with a label.
        assert_eq!(hangul_word("수요일"), Some((Word::Weekday, "수요일".len())));
        assert_eq!(cjk_pair('公', '園'), None);
    }
}
