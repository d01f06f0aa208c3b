//! Relative times and day words: the part of the [`Matcher`] that reads
//! `3시간 전`, `1시간 30분 전`, `5분 이내`, `3 hours ago`, `an hour ago`, `vor 3 Stunden`,
//! `il y a 2 jours`, `3 часа назад` (the other languages' words are in `ago_words`),
//! `방금`, `just now`, and `어제`/`오늘`/`yesterday` with an optional time.

use super::patterns::{DateSpec, Finding, Matcher};
use super::tokens::TokenKind;
use super::words::{Word, DUAL_UNITS};

impl Matcher<'_> {
    /// `방금`, `지금`, `now`, `방금 전`, `just now`: the fetch time.
    pub(super) fn now(&self, i: usize) -> Option<(Finding, usize)> {
        // Not `Read now` or `지금 …`-style prose next to other words.
        let prev_word = i > 0 && self.kind(i - 1) == Some(TokenKind::Other);
        if self.is_word(i + 1, Word::Ago) {
            Some((Finding::Ago { secs: 0, months: 0 }, i + 2))
        } else if prev_word || self.kind(i + 1) == Some(TokenKind::Other) {
            None
        } else {
            Some((Finding::Ago { secs: 0, months: 0 }, i + 1))
        }
    }

    /// `3시간 전`, `15분전`, `1시간 30분 전`, `1시간 반 전`, `5분 이내`, `3 hours ago`,
    /// `an hour ago`, `3 ore fa`, `2 uur geleden`, `3 часа назад`, and with native Korean
    /// numbers `두 시간 전`, `한 달 전` (a calendar month, as `1개월 전`), `하루 전`,
    /// `일주일 전`.
    pub(super) fn relative(&self, i: usize) -> Option<(Finding, usize)> {
        let (secs, months, mut j) = self.duration(i)?;
        // An abbreviated unit's dot: `5 мин. назад`, `5 min. siden`, `5 min. ago`.
        if self.is_punct(j, b'.') && self.is_word(j + 1, Word::Ago) {
            j += 1;
        }
        if self.is_word(j, Word::Yang) && self.is_word(j + 1, Word::Ago) {
            j += 1;
        }
        if !(self.is_word(j, Word::Ago) || self.is_word(j, Word::Within)) {
            return None;
        }
        Some((Finding::Ago { secs, months }, j + 1))
    }

    /// `vor 3 Stunden`, `vor einer Stunde`, `hace 2 días`, `há 3 horas`, `il y a 2 jours`:
    /// the word for "ago" before the time.
    pub(super) fn ago_before(&self, i: usize) -> Option<(Finding, usize)> {
        let arabic = self.is_word(i, Word::Mundhu);
        let from = if self.is_word(i, Word::AgoBefore) {
            // Greek `πριν από 5 λεπτά`.
            i + 1 + usize::from(self.is_word(i + 1, Word::Of))
        } else if arabic {
            i + 1
        } else if self.is_word(i, Word::Il)
            && self.is_word(i + 1, Word::Year)
            && self.is_word(i + 2, Word::IndefiniteArticle)
        {
            i + 3
        } else {
            return None;
        };
        if let Some((secs, months, j)) = self.duration(from) {
            return Some((Finding::Ago { secs, months }, j));
        }
        if !arabic {
            return None;
        }
        // `منذ ساعة` (an hour ago), `منذ ساعتين` (two hours ago).
        let (unit, n) = match self.kind(from)? {
            TokenKind::Word(Word::Dual(u)) => (*DUAL_UNITS.get(usize::from(u))?, 2),
            TokenKind::Word(unit) => (unit, 1),
            _ => return None,
        };
        let (per, in_months) = unit_length(unit)?;
        let (secs, months) = if in_months {
            (0, n * per)
        } else {
            (n * per, 0)
        };
        Some((Finding::Ago { secs, months }, from + 1))
    }

    /// A duration of up to four parts starting at `i` (`1시간 30분`, `3 hours`, `einer
    /// Stunde`): its seconds, its calendar months and the index just past it. Counts are
    /// digits, an indefinite article or a native Korean number.
    fn duration(&self, i: usize) -> Option<(u64, u64, usize)> {
        let mut j = i;
        // Saturating: a sum too large for chrono is rejected as too old.
        let mut secs: u64 = 0;
        let mut months: u64 = 0;
        let mut parts = 0;
        while parts < 4 {
            let n = match self.tokens.get(j) {
                Some(t) if t.kind == TokenKind::Num => t.value,
                Some(t) => match t.kind {
                    TokenKind::Word(Word::IndefiniteArticle) => 1,
                    TokenKind::Word(Word::Native(n)) => u64::from(n),
                    TokenKind::Word(Word::DaysSpan(days)) => {
                        // Number and unit in one word.
                        secs = secs.saturating_add(u64::from(days) * 86_400);
                        j += 1;
                        parts += 1;
                        continue;
                    }
                    _ => break,
                },
                None => break,
            };
            let unit = match self.kind(j + 1) {
                Some(TokenKind::Word(u)) => u,
                _ => break,
            };
            let Some((per, in_months)) = unit_length(unit) else {
                break;
            };
            let mut add = n.saturating_mul(per);
            // `1시간 반`, `1년 반`: and a half (of a unit that halves evenly).
            if self.is_word(j + 2, Word::Half) && per % 2 == 0 {
                add = add.saturating_add(per / 2);
                j += 1;
            }
            if in_months {
                months = months.saturating_add(add);
            } else {
                secs = secs.saturating_add(add);
            }
            j += 2;
            parts += 1;
        }
        (parts > 0).then_some((secs, months, j))
    }

    /// `어제`, `어제 14:20`, `오늘 오후 2시`, `yesterday at 2:20 PM`: `offset`
    /// days after the fetch day, with an optional time. `내일 10:00`,
    /// `tomorrow at 8 AM` (a positive offset) only with a time: a bare
    /// `내일` is prose (`내일 발표`), no article is published tomorrow.
    pub(super) fn day_word(&self, i: usize, offset: i32) -> Option<(Finding, usize)> {
        let mut j = i + 1;
        if self.is_word(j, Word::At) {
            j += 1;
        }
        match self.clock(j) {
            Some((clock, end, _)) => Some((
                Finding::Local(DateSpec::DayOffset(offset), Some(clock)),
                end,
            )),
            None if offset <= 0 => Some((Finding::Local(DateSpec::DayOffset(offset), None), i + 1)),
            None => None,
        }
    }
}

/// A unit's length: so many seconds, or so many calendar months (`true`).
pub(super) fn unit_length(unit: Word) -> Option<(u64, bool)> {
    Some(match unit {
        Word::Second => (1, false),
        Word::Minute => (60, false),
        Word::Hours => (3600, false),
        // `jour`: French `2 jours`' singular, also the `jour` of `mis à jour`.
        Word::Day | Word::Jour => (86_400, false),
        Word::Week => (7 * 86_400, false),
        // `tháng`, `năm`: Vietnamese `3 tháng trước`, also the month and year of its
        // dates (`15 tháng 2 năm 2020`, read before a duration is tried).
        Word::Months | Word::Dal | Word::MonthOf => (1, true),
        // `года`: Russian `2 года`, also the `года` after a year (`2020 года`).
        Word::Year | Word::YearMark | Word::YearOf => (12, true),
        _ => return None,
    })
}
