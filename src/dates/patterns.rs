//! The pattern matcher: walks the tokens left to right and turns each date,
//! relative time or day word it recognises into a [`Finding`], with the
//! label (`입력`, `수정`, …) in force.
//!
//! At each position a handful of patterns are tried with a bounded
//! look-ahead: year-first dates (`2026.02.10`, `2026년 2월 10일`), year-last
//! ones (`10.02.2026`), English month names (`Feb 10, 2026`, RFC 2822),
//! yearless dates (`02.10 19:32`, `2월 10일`), relative times (`3시간 전`,
//! `3 hours ago`), `어제`/`yesterday`, and a clock time alone; a 10- or
//! 13-digit Unix time counts when it is the whole text. The time of day and
//! zone that may follow a date are read by the `clock` module's part of
//! [`Matcher`], relative times and day words by the `relative` module's,
//! English month-name dates by the `english` module's, Japanese era dates by
//! the `japanese` module's and ISO 8601's basic format by the `iso_basic`
//! module's.

use super::clock::Clock;
use super::tokens::{Token, TokenKind};
use super::words::Word;
use super::{Label, ShortYear};

/// The date part of a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DateSpec {
    /// Year, month, day as printed (not yet validated).
    Ymd(i32, u32, u32),
    /// Month and day without a year.
    Md(u32, u32),
    /// So many days after the fetch day (`어제` = -1, `내일` = 1).
    DayOffset(i32),
    /// A clock time alone: the latest such time not after the fetch.
    Recent,
}

/// What a pattern found, before it is resolved against the fetch time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Finding {
    /// A calendar date with an optional time of day.
    Local(DateSpec, Option<Clock>),
    /// Milliseconds since the Unix epoch.
    Unix(i64),
    /// So long before the fetch.
    Ago { secs: u64, months: u64 },
    /// Shaped like a date, but with numbers that cannot be one.
    Invalid,
}

/// Walks the tokens, calling `f` for each finding with the label in force;
/// stops early when `f` returns false. `short_year` says how an all-numeric date
/// with a two-digit year is ordered.
pub(super) fn scan(
    tokens: &[Token],
    short_year: ShortYear,
    zone: chrono_tz::Tz,
    mut f: impl FnMut(Finding, Option<Label>) -> bool,
) {
    if let [one] = tokens {
        if one.kind == TokenKind::Num && (one.digits == 10 || one.digits == 13) {
            let ms = if one.digits == 10 {
                one.value.checked_mul(1000)
            } else {
                Some(one.value)
            };
            let finding = ms
                .and_then(|ms| i64::try_from(ms).ok())
                .map_or(Finding::Invalid, Finding::Unix);
            f(finding, None);
            return;
        }
    }
    let matcher = Matcher {
        tokens,
        short_year,
        zone,
    };
    let mut label = None;
    let mut i = 0;
    while i < tokens.len() {
        if let Some((found, len)) = matcher.label_at(i) {
            label = Some(found);
            i += len;
            continue;
        }
        if let Some((finding, end)) = matcher.finding_at(i) {
            if !f(finding, label) {
                return;
            }
            i = end.max(i + 1);
            continue;
        }
        i += 1;
    }
}

/// Whether the tokens hold a word that labels a time (`입력`, `Posted`, `Veröffentlicht`,
/// `Mis à jour`, `发布`, …).
pub(super) fn holds_label(tokens: &[Token]) -> bool {
    let matcher = Matcher {
        tokens,
        short_year: ShortYear::First,
        zone: chrono_tz::UTC,
    };
    (0..tokens.len()).any(|i| matcher.label_at(i).is_some())
}

/// Pattern matcher over a token slice: the token accessors and the date
/// patterns are here, the time-of-day and zone patterns in the `clock` module.
pub(super) struct Matcher<'a> {
    pub(super) tokens: &'a [Token],
    pub(super) short_year: ShortYear,
    /// The feed's zone: which of two places a shared zone name (`EST`, `CST`) means.
    pub(super) zone: chrono_tz::Tz,
}

/// Labels of more than one word, which [`Matcher::label_at`] reads word by word: French
/// `Mis à jour` and Vietnamese `Cập nhật` (updated).
pub(super) const MULTIWORD_LABELS: &[&str] = &["mis à jour", "cập nhật"];

impl Matcher<'_> {
    /// The kind of the token at `i`, if there is one.
    pub(super) fn kind(&self, i: usize) -> Option<TokenKind> {
        self.tokens.get(i).map(|t| t.kind)
    }

    /// Whether the token at `i` is the punctuation `c`.
    pub(super) fn is_punct(&self, i: usize, c: u8) -> bool {
        self.kind(i) == Some(TokenKind::Punct(c))
    }

    /// Whether the token at `i` is the known word `w`.
    pub(super) fn is_word(&self, i: usize, w: Word) -> bool {
        self.kind(i) == Some(TokenKind::Word(w))
    }

    /// The value of a number of 1 to `max_len` digits at `i`.
    pub(super) fn num(&self, i: usize, max_len: u8) -> Option<u32> {
        let t = self.tokens.get(i)?;
        if t.kind == TokenKind::Num && t.digits <= max_len {
            u32::try_from(t.value).ok()
        } else {
            None
        }
    }

    /// Whether the token at `i` separates a date from its time: `|`, `/`, or
    /// a middle dot (which the tokenizer turns into `|`).
    fn is_separator(&self, i: usize) -> bool {
        self.is_punct(i, b'|') || self.is_punct(i, b'/')
    }

    /// The digit count of the token at `i` (0 when it is not a number).
    pub(super) fn digits(&self, i: usize) -> u8 {
        self.tokens.get(i).map_or(0, |t| t.digits)
    }

    /// The value of a number of exactly `len` digits at `i`.
    pub(super) fn num_exact(&self, i: usize, len: u8) -> Option<u32> {
        let t = self.tokens.get(i)?;
        if t.kind == TokenKind::Num && t.digits == len {
            u32::try_from(t.value).ok()
        } else {
            None
        }
    }

    /// The label that starts at `i`, and how many tokens it takes: a label word of the
    /// `words` and `months` modules' lists, or one of [`MULTIWORD_LABELS`].
    fn label_at(&self, i: usize) -> Option<(Label, usize)> {
        match self.kind(i)? {
            TokenKind::Word(Word::Published) => Some((Label::Published, 1)),
            TokenKind::Word(Word::Updated) => Some((Label::Updated, 1)),
            // French `Mis à jour`: updated.
            TokenKind::Word(Word::Mis)
                if self.is_word(i + 1, Word::At) && self.is_word(i + 2, Word::Jour) =>
            {
                Some((Label::Updated, 3))
            }
            // Vietnamese `Cập nhật`: updated; either word alone says nothing of the kind.
            TokenKind::Word(Word::Cap) if self.is_word(i + 1, Word::Nhat) => {
                Some((Label::Updated, 2))
            }
            _ => None,
        }
    }

    /// A finding that starts at `i`, with the index just past it.
    fn finding_at(&self, i: usize) -> Option<(Finding, usize)> {
        match self.kind(i)? {
            TokenKind::Num => self
                .basic(i)
                .or_else(|| self.year_first(i))
                .or_else(|| self.year_last(i))
                .or_else(|| self.day_month_name(i))
                .or_else(|| self.year_month_name(i))
                .or_else(|| self.day_thang(i))
                .or_else(|| self.relative(i))
                .or_else(|| self.yearless(i))
                .or_else(|| self.clock_alone(i)),
            TokenKind::MonthName(_) => self.month_first(i),
            TokenKind::Word(Word::Now) => self.now(i),
            TokenKind::Word(Word::JapaneseEra(before_first)) => self.japanese_era(i, before_first),
            TokenKind::Word(Word::Just) if self.is_word(i + 1, Word::Now) => {
                Some((Finding::Ago { secs: 0, months: 0 }, i + 2))
            }
            TokenKind::Word(Word::IndefiniteArticle | Word::Native(_) | Word::DaysSpan(_)) => {
                self.relative(i)
            }
            TokenKind::Word(Word::AgoBefore | Word::Il | Word::Mundhu) => self.ago_before(i),
            TokenKind::Word(Word::Today) => self.day_word(i, 0),
            TokenKind::Word(Word::Yesterday) => self.day_word(i, -1),
            TokenKind::Word(Word::DayBefore) => self.day_word(i, -2),
            TokenKind::Word(Word::Tomorrow) => self.day_word(i, 1),
            TokenKind::Word(
                Word::Am | Word::Pm | Word::Daytime | Word::Night | Word::Noon | Word::Midnight,
            ) => self.clock_alone(i),
            _ => None,
        }
    }

    /// `2026.02.10`, `2026-02-10`, `2026/2/10`, `26.02.10`, `2026년 2월 10일`,
    /// each with an optional time after.
    fn year_first(&self, i: usize) -> Option<(Finding, usize)> {
        let t = self.tokens.get(i)?;
        let year = match t.digits {
            4 => i32::try_from(t.value).ok()?,
            2 if self.short_year == ShortYear::First => 2000 + i32::try_from(t.value).ok()?,
            _ => return None,
        };
        let (month, day, end) = if self.is_word(i + 1, Word::Year) {
            self.month_day_words(self.same_year_aside(i + 2, year))?
        } else {
            let sep = match self.kind(i + 1)? {
                TokenKind::Punct(c @ (b'.' | b'-' | b'/')) => c,
                _ => return None,
            };
            // A two-digit year needs two-digit month and day (`26.02.10`),
            // so that version numbers such as `10.5.3` are not dates.
            let width = if t.digits == 2 { 2 } else { 1 };
            let month = self.num(i + 2, 2).filter(|_| self.digits(i + 2) >= width)?;
            if !self.is_punct(i + 3, sep) {
                return None;
            }
            let day = self.num(i + 4, 2).filter(|_| self.digits(i + 4) >= width)?;
            // `02.10. 19:32`: the third number is an hour, not a day.
            if self.is_punct(i + 5, b':') || self.is_word(i + 5, Word::ClockHour) {
                return None;
            }
            let end = if sep == b'.' && self.is_punct(i + 5, b'.') {
                i + 6
            } else {
                i + 5
            };
            (month, day, end)
        };
        let (clock, end) = self.after_date(end);
        Some((Finding::Local(DateSpec::Ymd(year, month, day), clock), end))
    }

    /// `2월 10일`, `2月10日` at `i`: month and day, and the index past them.
    pub(super) fn month_day_words(&self, i: usize) -> Option<(u32, u32, usize)> {
        let month = self.num(i, 2)?;
        if !self.is_word(i + 1, Word::Month) {
            return None;
        }
        let day = self.num(i + 2, 2)?;
        if !self.is_word(i + 3, Word::Day) {
            return None;
        }
        Some((month, day, i + 4))
    }

    /// `10.02.2026` (day first with dots), `02/10/2026` (month first with
    /// slashes unless the first number is over 12, or under
    /// [`ShortYear::LastDayFirst`] the second is not), `10-02-2026` (day first
    /// with dashes unless the second number is over 12); with
    /// [`ShortYear::Last`] also `10.02.26`, `8.5.12` (day, month, year in
    /// this century) and `3/09/15` (month first as above), with dots or slashes and
    /// nothing number-like after it.
    fn year_last(&self, i: usize) -> Option<(Finding, usize)> {
        let a = self.num(i, 2)?;
        let sep = match self.kind(i + 1)? {
            TokenKind::Punct(c @ (b'.' | b'-' | b'/')) => c,
            _ => return None,
        };
        let b = self.num(i + 2, 2)?;
        if !self.is_punct(i + 3, sep) {
            return None;
        }
        let year = match self.num_exact(i + 4, 4) {
            Some(y) => i32::try_from(y).ok()?,
            None if self.short_year != ShortYear::First && sep != b'-' => {
                let yy = self.num_exact(i + 4, 2)?;
                // `1.2.10.5`, `8.5.12-3`, `1/2/10/5`: a version or a reference, not a date.
                let more = (self.is_punct(i + 5, b'.')
                    || self.is_punct(i + 5, b'-')
                    || self.is_punct(i + 5, b'/'))
                    && self.kind(i + 6) == Some(TokenKind::Num);
                if more {
                    return None;
                }
                2000 + i32::try_from(yy).ok()?
            }
            None => return None,
        };
        let day_first = match sep {
            b'.' => true,
            b'/' => a > 12 || (self.short_year == ShortYear::LastDayFirst && b <= 12),
            _ => b <= 12,
        };
        let (month, day) = if day_first { (b, a) } else { (a, b) };
        let mut end = if sep == b'.' && self.is_punct(i + 5, b'.') {
            i + 6
        } else {
            i + 5
        };
        // Russian `15.02.2020 г. 14:30`.
        if self.is_word(end, Word::YearMark) {
            end += if self.is_punct(end + 1, b'.') { 2 } else { 1 };
        }
        let (clock, end) = self.after_date(end);
        Some((Finding::Local(DateSpec::Ymd(year, month, day), clock), end))
    }

    /// `2월 10일 [time]`, `02.10 19:32`, `02-10 19:32`, `02/10 19:32`; never the end of a
    /// longer date no pattern read (`09/15 8:00` in `3/09/15 8:00am`).
    fn yearless(&self, i: usize) -> Option<(Finding, usize)> {
        if self.after_unread_date(i) {
            return None;
        }
        let month = self.num(i, 2)?;
        if self.is_word(i + 1, Word::Month) {
            let day = self.num(i + 2, 2)?;
            if !self.is_word(i + 3, Word::Day) {
                return None;
            }
            let (clock, end) = self.after_date(i + 4);
            return Some((Finding::Local(DateSpec::Md(month, day), clock), end));
        }
        let sep = match self.kind(i + 1)? {
            TokenKind::Punct(c @ (b'.' | b'-' | b'/')) => c,
            _ => return None,
        };
        let day = self.num(i + 2, 2)?;
        let mut j = i + 3;
        if sep == b'.' && self.is_punct(j, b'.') {
            j += 1;
        }
        // Without a year, a numeric date needs a time to be believed.
        let j = self.skip_weekday(j);
        let (clock, end, weak) = self.clock(j)?;
        if weak {
            return None;
        }
        Some((Finding::Local(DateSpec::Md(month, day), Some(clock)), end))
    }

    /// `19:32`, `오후 7:32`, `오후 7시 32분` alone, or followed by the date
    /// it is on (`19:32 | 2026.02.10`, `7:32 PM, Feb 10, 2026`, `14:30 ngày 15/10/2020`).
    fn clock_alone(&self, i: usize) -> Option<(Finding, usize)> {
        if self.after_unread_date(i) {
            return None;
        }
        let (mut clock, mut end, weak) = match self.clock(i) {
            Some(found) => found,
            // German `14.30 Uhr, 15.02.2020`: a dotted clock is one with its `Uhr`.
            None if self.is_word(i + 3, Word::Uhr) => match self.dotted_time(i)? {
                (Some(clock), end) => (clock, end, false),
                (None, _) => return None,
            },
            None => return None,
        };
        if weak {
            return None;
        }
        // German `14:30 Uhr, 15.02.2020`.
        if self.is_word(end, Word::Uhr) {
            end += 1;
        }
        // Vietnamese `14:30 ngày 15/10/2020`: "day" between the clock and its date; French
        // and Spanish sites' `14h30 - 15/02/2020`.
        let mut k = if self.is_separator(end)
            || self.is_punct(end, b',')
            || self.is_punct(end, b'-')
            || self.is_word(end, Word::Day)
        {
            end + 1
        } else {
            end
        };
        // `2:30 PM ET, Sat February 15, 2020`: a weekday before the date.
        if self.is_word(k, Word::Weekday) {
            k += if self.is_punct(k + 1, b',') { 2 } else { 1 };
        }
        if let Some((
            Finding::Local(spec @ (DateSpec::Ymd(..) | DateSpec::Md(..)), None),
            mut after,
        )) = self.date_at(k)
        {
            // A zone after the date is the clock's (`14:30 ngày 15/10/2020 (GMT+7)`).
            if clock.offset.is_none() {
                (clock.offset, after) = self.zone(after);
            }
            return Some((Finding::Local(spec, Some(clock)), after));
        }
        Some((Finding::Local(DateSpec::Recent, Some(clock)), end))
    }

    /// Whether the token before `i` ends a date part that no pattern read:
    /// the `T` of ISO 8601 (`2020112T11:02:35Z`) or a number joined to
    /// another by a date separator (`2026.02 19:32`, `2026-02. 19:32`).
    /// A time after it is that unread date's, not a time on the fetch day;
    /// nor is the rest of that time (`02:35` in `…T11:02:35Z`).
    fn after_unread_date(&self, i: usize) -> bool {
        let num = |k: usize| self.kind(k) == Some(TokenKind::Num);
        let date_sep =
            |k: usize| matches!(self.kind(k), Some(TokenKind::Punct(b'.' | b'-' | b'/')));
        // `2026.02 오후 7:32`: the `7:32` after a refused `오후` is refused too.
        let half = matches!(
            i.checked_sub(1).and_then(|p| self.kind(p)),
            Some(TokenKind::Word(
                Word::Am | Word::Pm | Word::Daytime | Word::Night
            ))
        );
        let i = if half { i - 1 } else { i };
        match i.checked_sub(1) {
            None => false,
            Some(p) if self.is_word(p, Word::TimeDesignator) => true,
            Some(p) if self.is_punct(p, b':') => p > 0 && num(p - 1),
            Some(p) if date_sep(p) => p > 0 && num(p - 1),
            Some(p) => num(p) && p > 1 && date_sep(p - 1) && num(p - 2),
        }
    }

    /// A date that starts at `i`, in any of the forms that can stand without
    /// a time.
    fn date_at(&self, i: usize) -> Option<(Finding, usize)> {
        match self.kind(i)? {
            TokenKind::Num => self
                .year_first(i)
                .or_else(|| self.year_last(i))
                .or_else(|| self.day_month_name(i))
                .or_else(|| self.year_month_name(i))
                .or_else(|| self.day_thang(i))
                .or_else(|| self.yearless(i)),
            TokenKind::MonthName(_) => self.month_first(i),
            _ => None,
        }
    }

    /// Skips a weekday after a date: `(화)`, `(Tue)`, `화요일`, `Tue`.
    fn skip_weekday(&self, mut j: usize) -> usize {
        // Hungarian `február 15., szombat`: a comma before it.
        if self.is_punct(j, b',') && self.is_word(j + 1, Word::Weekday) {
            j += 1;
        }
        if self.is_punct(j, b'(')
            && matches!(
                self.kind(j + 1),
                Some(TokenKind::Word(Word::Weekday | Word::Month | Word::Day) | TokenKind::Other)
            )
            && self.is_punct(j + 2, b')')
        {
            j += 3;
        } else if self.is_word(j, Word::Weekday) {
            j += 1;
            if self.is_punct(j, b'.') {
                j += 1;
            }
        }
        j
    }

    /// An optional time after a date, maybe after a comma or a separator
    /// (`2026.02.10 | 19:32`, `2026.02.10·19:32`, `2026-02-10 / 19:32`);
    /// returns it and the end of the finding. After a separator an hour
    /// alone (`| 3시`) is not taken.
    pub(super) fn after_date(&self, mut end: usize) -> (Option<Clock>, usize) {
        // Arabic `15 فبراير 2020م 01:30`: after a year, `م` is the era (AD), not "PM".
        if end > 0 && self.digits(end - 1) == 4 && self.is_word(end, Word::PmAfter) {
            end += 1;
        }
        let j = self.skip_weekday(end);
        let mut k = j;
        // `15.10.2020 - 14:30` as well: a dash between a date and a full clock.
        let apart = self.is_separator(k) || self.is_punct(k, b'-');
        if apart || self.is_punct(k, b',') {
            k += 1;
        }
        if let Some(found) = self.dotted_time(k) {
            return found;
        }
        // Turkish `15 Şubat 2020 saat 14:30`: `saat` is the word for hours, and before a
        // clock it reads "at"; only a full clock may follow it.
        // Swedish `kl. 14:30`, and the one-letter words for "at" (`в 14:30`): likewise.
        // Spanish `a las 14:30`, Catalan `a les 14:30`: the `a` before the word for "at".
        if self.is_word(k, Word::IndefiniteArticle) && self.is_word(k + 1, Word::At) {
            k += 1;
        }
        let kello = self.is_word(k, Word::Kello);
        let hour_word = kello || self.is_word(k, Word::Hours) || self.is_word(k, Word::AtLetter);
        let at_word = self.is_word(k, Word::At) || hour_word;
        if self.is_word(k, Word::TimeDesignator) || at_word {
            k += 1;
            if kello && self.is_punct(k, b'.') {
                k += 1;
            }
        }
        // Slovene and Croatian `15. 2. 2020, 14.30`, `15. februar 2020 ob 14.30`: after a
        // comma or a word for "at", a dotted pair is the date's time.
        if at_word || (self.is_punct(j, b',') && k == j + 1) {
            if let Some(found) = self.dotted_clock(k) {
                return found;
            }
        }
        match self.clock(k) {
            Some((clock, end, weak)) if !((apart || hour_word) && weak) => (Some(clock), end),
            _ => (None, j),
        }
    }
}
