//! Japanese era dates, the `japanese` part of [`Matcher`]: `令和2年2月15日`,
//! `令和元年5月1日` (an era's first year), and a date that gives its year in
//! both counts, `2020年（令和2年）2月15日`.

use super::patterns::{DateSpec, Finding, Matcher};
use super::tokens::TokenKind;
use super::words::Word;

impl Matcher<'_> {
    /// A Japanese era's year, month and day: `令和2年2月15日`, `令和元年5月1日` (its first
    /// year), with a time after.
    pub(super) fn japanese_era(&self, i: usize, before_first: u16) -> Option<(Finding, usize)> {
        let n = if self.is_word(i + 1, Word::FirstYear) {
            1
        } else {
            self.num(i + 1, 2)?
        };
        if !self.is_word(i + 2, Word::Year) {
            return None;
        }
        let year = i32::from(before_first) + i32::try_from(n).ok()?;
        let (month, day, end) = self.month_day_words(self.same_year_aside(i + 3, year))?;
        let (clock, end) = self.after_date(end);
        Some((Finding::Local(DateSpec::Ymd(year, month, day), clock), end))
    }

    /// Past the same year in the other count, in brackets after a Japanese date's year:
    /// `2020年（令和2年）` and `令和2年（2020年）`; `i` itself when nothing there is `year`.
    pub(super) fn same_year_aside(&self, i: usize, year: i32) -> usize {
        if !self.is_punct(i, b'(') {
            return i;
        }
        let (other, end) = match self.kind(i + 1) {
            Some(TokenKind::Word(Word::JapaneseEra(before_first))) => {
                let n = if self.is_word(i + 2, Word::FirstYear) {
                    Some(1)
                } else {
                    self.num(i + 2, 2)
                };
                let n = n.and_then(|n| i32::try_from(n).ok());
                (n.map(|n| i32::from(before_first) + n), i + 3)
            }
            Some(TokenKind::Num) if self.digits(i + 1) == 4 => (
                self.num(i + 1, 4).and_then(|n| i32::try_from(n).ok()),
                i + 2,
            ),
            _ => return i,
        };
        let closed = self.is_word(end, Word::Year) && self.is_punct(end + 1, b')');
        if closed && other == Some(year) {
            end + 2
        } else {
            i
        }
    }
}
