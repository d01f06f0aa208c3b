//! Reading one time off an article page in the feed's zone, and the small text tests the
//! date finder (`dates`) and the field readers share. Which time wins is the finder's.

use super::page::ArticlePage;
use crate::dates::{self, Label, ShortYear, Stamp};

impl ArticlePage<'_> {
    /// One time in `text` with a date of its own, read in the feed's time zone, two-digit
    /// years in the page's order (`02.12.19` is 2 December 2019 on a German page, 2002-12-19
    /// on a Korean one): the first labelled published, else the first. A bare clock time is
    /// no article date, even in markup: a value whose date part cannot be read never becomes
    /// a time on the fetch day.
    pub(super) fn parse_time(&self, text: &str) -> Option<Stamp> {
        first_published(&self.read_all(text, true, self.short_year))
    }

    /// One time in a value software wrote (an attribute, a `<meta>`, JSON-LD), read as
    /// [`Self::parse_time`] reads one, except that a slashed date is month first whatever
    /// the page's language: content systems write `11/01/2023 12:43:42` American-style
    /// into the `<meta name="date">` of a German page.
    pub(super) fn parse_value(&self, text: &str) -> Option<Stamp> {
        let order = match self.short_year {
            ShortYear::LastDayFirst => ShortYear::Last,
            order => order,
        };
        first_published(&self.read_all(text, true, order))
    }

    /// Every time printed in `text`, read as [`Self::parse_time`] reads one; with
    /// `dated_only`, only those with a date of their own.
    pub(super) fn times_in(&self, text: &str, dated_only: bool) -> Vec<Stamp> {
        self.read_all(text, dated_only, self.short_year)
    }

    fn read_all(&self, text: &str, dated_only: bool, order: ShortYear) -> Vec<Stamp> {
        let read = if dated_only {
            dates::parse_all_dated_ordered
        } else {
            dates::parse_all_ordered
        };
        read(text, self.ctx.fetched_at, self.ctx.zone, order)
    }
}

/// The first time labelled published, else the first.
fn first_published(all: &[Stamp]) -> Option<Stamp> {
    all.iter()
        .find(|s| s.label == Some(Label::Published))
        .or(all.first())
        .copied()
}

/// Whether a text holds a digit the date reader reads ([`dates::is_digit`]), by bytes.
pub(super) fn has_digit(text: &str) -> bool {
    // Bytes, not chars: this runs on every text of the page, and most texts are found by
    // the first scan or hold no byte the second looks at.
    let b = text.as_bytes();
    if any_byte(b, |c| c.is_ascii_digit()) {
        return true;
    }
    // The other digits' lead bytes are 0xD9 and up; Latin text has few such bytes, so one
    // plain comparison per byte sends most texts away.
    if !any_byte(b, |c| c >= 0xD9) {
        return false;
    }
    let at = |i: usize, lo: u8, hi: u8| b.get(i).is_some_and(|x| (lo..=hi).contains(x));
    b.iter().enumerate().any(|(i, &c)| match c {
        // Full-width EF BC 90..99; Devanagari E0 A5, Bengali E0 A7, Gurmukhi E0 A9, Gujarati
        // E0 AB and Tamil E0 AF, each A6..AF; Thai E0 B9 90..99.
        0xEF => at(i + 1, 0xBC, 0xBC) && at(i + 2, 0x90, 0x99),
        0xE0 => {
            (b.get(i + 1)
                .is_some_and(|x| matches!(x, 0xA5 | 0xA7 | 0xA9 | 0xAB | 0xAF))
                && at(i + 2, 0xA6, 0xAF))
                || (at(i + 1, 0xB9, 0xB9) && at(i + 2, 0x90, 0x99))
        }
        // Arabic-Indic D9 A0..A9, Persian DB B0..B9.
        0xD9 => at(i + 1, 0xA0, 0xA9),
        0xDB => at(i + 1, 0xB0, 0xB9),
        _ => false,
    })
}

/// Whether any byte passes `test`, read 32 at a time: a fold over a whole chunk has no early
/// exit, so it compiles to vector compares; long texts without digits are the common case.
fn any_byte(b: &[u8], test: impl Fn(u8) -> bool) -> bool {
    let mut chunks = b.chunks_exact(32);
    for chunk in &mut chunks {
        if chunk.iter().fold(false, |found, &c| found | test(c)) {
            return true;
        }
    }
    chunks.remainder().iter().any(|&c| test(c))
}

#[cfg(test)]
mod tests {
    use url::Url;

    use crate::article::extract_article;
    use crate::config::ArticleRules;
    use crate::dates::DateContext;

    fn rules(article_toml: &str) -> ArticleRules {
        let text = format!(
            "[feeds.t]\ntitle = \"T\"\nurl = \"https://x.kr/\"\n[feeds.t.article]\nfetch = true\n{article_toml}"
        );
        let config = crate::config::parse(&text, std::path::Path::new("feeds.toml")).unwrap();
        config.feeds[0].article.clone().unwrap()
    }

    #[test]
    fn digits_are_found_in_ascii_full_width_and_other_scripts() {
        for (text, want) in [
            ("입력 2026.02.10", true),
            ("２０２６年２月１０日", true),
            ("오후 ９시", true),
            ("نشر في ١٥ فبراير", true),
            ("۱۵ بهمن", true),
            ("१५ फ़रवरी", true),
            ("১৫ ফেব্রুয়ারি", true),
            ("੧੫ ਫ਼ਰਵਰੀ", true),
            ("૧૫ ફેબ્રુઆરી", true),
            ("௧௫ பிப்ரவரி", true),
            ("๑๕ ก.พ. ๒๕๖๓", true),
            ("ফেব্রুয়ারি", false),
            ("กุมภาพันธ์", false),
            ("பிப்ரவரி", false),
            ("기사입력", false),
            ("ＡＢＣ ｘｙｚ", false),
            ("آخر تحديث", false),
            ("फ़रवरी", false),
            ("", false),
        ] {
            assert_eq!(super::has_digit(text), want, "{text}");
            let by_char = text.chars().any(crate::dates::is_digit);
            assert_eq!(by_char, want, "{text}");
        }
    }

    /// `has_digit` reads bytes for speed, the date reader reads characters: over every
    /// character outside ASCII up to the full-width forms, the two agree.
    #[test]
    fn the_byte_check_knows_every_digit_the_date_reader_reads() {
        for c in ('\u{80}'..='\u{FFFF}').filter(|c| !c.is_ascii()) {
            let text = c.to_string();
            assert_eq!(
                super::has_digit(&text),
                crate::dates::is_digit(c),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }

    /// (published, updated) of an article page, as RFC 3339.
    fn times(html: &str, rules: &ArticleRules) -> (Option<String>, Option<String>) {
        let ctx = DateContext {
            fetched_at: "2026-02-11T09:00:00+09:00".parse().unwrap(),
            zone: chrono_tz::Asia::Seoul,
        };
        let url = Url::parse("https://www.hanbit-econ.test/news/articleView.html?idxno=1").unwrap();
        let info = extract_article(html, &url, rules, ctx);
        let rfc = |f: Option<crate::article::Found<crate::dates::Stamp>>| {
            f.map(|f| f.value.instant.to_rfc3339())
        };
        (rfc(info.published), rfc(info.updated))
    }

    #[test]
    fn dates_and_times_in_neighbouring_elements_are_read_apart() {
        let want = (
            Some("2026-02-10T19:32:00+09:00".to_string()),
            Some("2026-02-11T08:05:00+09:00".to_string()),
        );
        // labelled text: label, date and time each in its own element
        let html = r#"<html><body><article><h1>반도체 수출 40% 증가</h1>
            <ul class="infomation"><li><i class="icon-clock-o"></i><span>입력</span><span>2026.02.10</span><span>19:32</span></li>
            <li><span>수정</span><span>2026.02.11</span><span>08:05</span></li></ul>
            <p>산업통상자원부에 따르면 이달 1~10일 반도체 수출액은 40% 늘었다.</p></article></body></html>"#;
        assert_eq!(times(html, &rules("")), want);
        // the feed's selectors on the common parent
        let html = r#"<html><body><h1>반도체 수출 40% 증가</h1>
            <p class="info"><span class="date">2026.02.10</span><span class="time">19:32</span></p>
            <p class="mod"><span class="date">2026.02.11</span><span class="time">08:05</span></p></body></html>"#;
        assert_eq!(
            times(html, &rules("date = \"p.info\"\nupdated = \"p.mod\"\n")),
            want
        );
    }
}
