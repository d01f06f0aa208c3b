//! Dates with a month name: the part of the [`Matcher`] that reads them, day first
//! (`10 Feb 2026`, `10-Feb-2026`, RFC 2822's `Tue, 10 Feb 2026 10:32:00 GMT`, and in other
//! languages `10. Februar 2026`, `10 de febrero de 2026`, `10 февраля 2026 г.`), month first
//! (`Feb 10, 2026`, `February 10th, 2026 at 7:32 PM`) or year first (`2026. február 10.`).
//! The month names of languages other than English are the `months` module's.

use super::patterns::{DateSpec, Finding, Matcher};
use super::tokens::{TokenKind, THAI_MONTH};
use super::words::Word;

impl Matcher<'_> {
    /// `10 Feb 2026`, `Tue, 10 Feb 2026 10:32:00 GMT`.
    pub(super) fn day_month_name(&self, i: usize) -> Option<(Finding, usize)> {
        let day = self.num(i, 2)?;
        let mut j = i + 1;
        // `10th Feb`, German `10. Februar`, Spanish `10 de febrero`, English `10th of February`,
        // and `10-Feb-2026`.
        let hyphen = self.is_punct(j, b'-');
        if self.is_word(j, Word::Ordinal) || self.is_punct(j, b'.') || hyphen {
            j += 1;
        }
        if self.is_word(j, Word::Of) {
            j += 1;
        } else if self.is_word(j, Word::Day) && self.is_punct(j + 1, b'\'') {
            // Catalan `15 d’octubre de 2020`: the `de` elided before a vowel.
            j += 2;
        }
        let thai = self.tokens.get(j).is_some_and(|t| t.value == THAI_MONTH);
        let (month, mut j) = self.month_name(j)?;
        // Thai `15 กุมภาพันธ์ พ.ศ. 2563`: the era before the year.
        if self.is_punct(j, b',')
            || self.is_word(j, Word::Of)
            || self.is_word(j, Word::EraBefore)
            || (hyphen && self.is_punct(j, b'-'))
        {
            j += 1;
        }
        // `15 ก.พ. 64`: the Buddhist era's year, shortened.
        let short_era_year = self
            .num_exact(j, 2)
            .filter(|_| thai && !self.is_punct(j + 1, b':'));
        if let Some(yy) = short_era_year {
            let year = 2500 + i32::try_from(yy).ok()?;
            let (clock, end) = self.after_date(j + 1);
            return Some((Finding::Local(DateSpec::Ymd(year, month, day), clock), end));
        }
        self.year_then_clock(j, month, day)
    }

    /// The month name at `j` and the index past it, past a dot after it (`Feb.`, `févr.`),
    /// and past the same month's other name after a slash (Arabic `15 شباط/فبراير 2020`).
    fn month_name(&self, j: usize) -> Option<(u32, usize)> {
        let (month, end) = self.one_month_name(j)?;
        match self.one_month_name(end + 1) {
            Some((again, after)) if self.is_punct(end, b'/') && again == month => {
                Some((month, after))
            }
            _ => Some((month, end)),
        }
    }

    /// One name of a month at `j` (maybe of two words) and the index past it and a dot
    /// after it.
    fn one_month_name(&self, j: usize) -> Option<(u32, usize)> {
        let past = |k: usize| if self.is_punct(k, b'.') { k + 1 } else { k };
        match self.kind(j)? {
            TokenKind::MonthName(m) => Some((u32::from(m), past(j + 1))),
            // Spanish, Italian and Portuguese `ago` (August) is the English `ago` too: it is
            // the month only before a four-digit year (`15 ago 2020`, `15 ago. 2020`).
            TokenKind::Word(Word::Ago) if self.num_exact(past(j + 1), 4).is_some() => {
                Some((8, past(j + 1)))
            }
            // Levantine Arabic `كانون الثاني` (January), `تشرين الأول` (October).
            TokenKind::Word(Word::MonthPair(first, second)) => match self.kind(j + 1)? {
                TokenKind::Word(Word::NthOf(1)) => Some((u32::from(first), j + 2)),
                TokenKind::Word(Word::NthOf(2)) => Some((u32::from(second), j + 2)),
                _ => None,
            },
            _ => None,
        }
    }

    /// The four-digit year at `j` (not an `hh:` clock) that ends an English date, and the
    /// clock after it.
    fn year_then_clock(&self, j: usize, month: u32, day: u32) -> Option<(Finding, usize)> {
        let year = i32::try_from(self.num_exact(j, 4)?).ok()?;
        if self.is_punct(j + 1, b':') {
            return None;
        }
        // Russian `2020 г.`, Ukrainian `2020 р.`, and the dot Serbian and Croatian put after
        // a year (`15. фебруар 2020. 14:30`).
        let mut j = j + 1;
        if self.is_word(j, Word::YearMark) {
            j += 1;
        }
        if self.is_punct(j, b'.') {
            j += 1;
        }
        let (clock, end) = self.after_date(j);
        Some((Finding::Local(DateSpec::Ymd(year, month, day), clock), end))
    }

    /// `2020. február 15.` (Hungarian), `2020 February 15`, Lithuanian `2020 m. vasario 15 d.`:
    /// the year, a month name, the day; and Latvian `2020. gada 15. februārī`: the year, the
    /// word "of the year", the day, a month name.
    pub(super) fn year_month_name(&self, i: usize) -> Option<(Finding, usize)> {
        let year = i32::try_from(self.num_exact(i, 4)?).ok()?;
        let mut j = i + 1;
        if self.is_punct(j, b'.') || self.is_punct(j, b',') {
            j += 1;
        }
        // Lithuanian `m.` (metai, year) reads as the English minute `m`: only with its dot
        // and a month name after it is it the year's mark.
        let lithuanian = self.is_word(j, Word::Minute)
            && self.is_punct(j + 1, b'.')
            && matches!(self.kind(j + 2), Some(TokenKind::MonthName(_)));
        if lithuanian {
            j += 2;
        } else if self.is_word(j, Word::YearMark) {
            return self.year_mark_day_month(year, j + 1);
        }
        let (month, mut j) = self.month_name(j)?;
        let day = self.num(j, 2)?;
        // `2020 May 14:30` is a clock after a month, not a day.
        if self.is_punct(j + 1, b':') {
            return None;
        }
        j += 1;
        if lithuanian && self.is_word(j, Word::Day) {
            j += 1;
        }
        if self.is_punct(j, b'.') {
            j += 1;
        }
        let (clock, end) = self.after_date(j);
        Some((Finding::Local(DateSpec::Ymd(year, month, day), clock), end))
    }

    /// Latvian `15. februārī` at `j`, after `2020. gada`.
    fn year_mark_day_month(&self, year: i32, j: usize) -> Option<(Finding, usize)> {
        let day = self.num(j, 2)?;
        if !self.is_punct(j + 1, b'.') {
            return None;
        }
        let (month, j) = self.month_name(j + 2)?;
        let (clock, end) = self.after_date(j);
        Some((Finding::Local(DateSpec::Ymd(year, month, day), clock), end))
    }

    /// A clock after the month and day: C's `asctime` and Java's `Date.toString()` (`Tue Jan
    /// 28 15:28:56 CET 2020`, `Tue Jan 28 15:28:56 2020`) with the year after it, or no year
    /// (`Jan 28 15:28`, as a numeric `01.28 15:28` is read).
    fn clock_then_year(&self, j: usize, month: u32, day: u32) -> Option<(Finding, usize)> {
        let (clock, k, weak) = self.clock(j)?;
        if weak {
            return None;
        }
        match self.num_exact(k, 4) {
            Some(year) if !self.is_punct(k + 1, b':') => {
                let year = i32::try_from(year).ok()?;
                Some((
                    Finding::Local(DateSpec::Ymd(year, month, day), Some(clock)),
                    k + 1,
                ))
            }
            _ => Some((Finding::Local(DateSpec::Md(month, day), Some(clock)), k)),
        }
    }

    /// `Feb 10, 2026`, `February 10th, 2026 at 7:32 PM`.
    pub(super) fn month_first(&self, i: usize) -> Option<(Finding, usize)> {
        let (month, mut j) = self.month_name(i)?;
        let day = self.num(j, 2)?;
        j += 1;
        if let Some(found) = self.clock_then_year(j, month, day) {
            return Some(found);
        }
        if self.is_word(j, Word::Ordinal) {
            j += 1;
        }
        if self.is_punct(j, b',') {
            j += 1;
        }
        self.year_then_clock(j, month, day)
    }
}
