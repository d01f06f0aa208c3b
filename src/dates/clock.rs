//! Times of day: the part of the [`Matcher`] that reads a clock time
//! (`19:32:07.5`, `오후 7:32`, `밤 11시`, `7시 32분`, `7:32 PM`, `7:32 p.m.`,
//! `정오`, `정오 30분`) and
//! the zone or offset after it (`Z`, `GMT+9`, `KST`, `EST`, `CEST`,
//! `+09:00`, `(KST)`, and `ET` after `7:32 PM`), into a [`Clock`] in 24-hour form.

use super::patterns::Matcher;
use super::tokens::TokenKind;
use super::words::Word;
use super::Precision;

/// The time-of-day part of a finding, already in 24-hour form (not yet
/// validated: `h` may be 24 or more).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Clock {
    pub(super) h: u32,
    pub(super) m: u32,
    pub(super) s: u32,
    pub(super) ns: u32,
    pub(super) precision: Precision,
    /// Offset east of UTC in seconds, when the text gave one.
    pub(super) offset: Option<i32>,
    /// A US region's zone, when the text named one after a 12-hour time (`7:32 PM ET`): its
    /// offset depends on the date (EST or EDT).
    pub(super) region: Option<chrono_tz::Tz>,
}

impl Clock {
    /// `hhmmss` as one number (`103251` is 10:32:51).
    pub(super) fn packed(v: u32) -> Self {
        let mut c = Clock::hm(v / 10_000, v / 100 % 100);
        c.s = v % 100;
        c.precision = Precision::Second;
        c
    }

    fn hm(h: u32, m: u32) -> Self {
        Clock {
            h,
            m,
            s: 0,
            ns: 0,
            precision: Precision::Minute,
            offset: None,
            region: None,
        }
    }
}

impl Matcher<'_> {
    /// A time of day at `i`: the clock, the index past it, and whether it is
    /// weak (an hour alone such as `7시`, believable only next to a date).
    pub(super) fn clock(&self, i: usize) -> Option<(Clock, usize, bool)> {
        let mut j = i;
        let mut half = None;
        match self.kind(j)? {
            TokenKind::Word(Word::Am) => half = Some(Half::Am),
            TokenKind::Word(Word::Pm) => half = Some(Half::Pm),
            TokenKind::Word(Word::Daytime) => half = Some(Half::Daytime),
            TokenKind::Word(Word::Night) => half = Some(Half::Night),
            TokenKind::Word(w @ (Word::Noon | Word::Midnight)) => {
                // `정오`, `자정`, and `정오 30분` (12:30).
                let mut c = Clock::hm(if w == Word::Noon { 12 } else { 0 }, 0);
                j += 1;
                if let Some(m) = self.num(j, 2).filter(|_| self.is_word(j + 1, Word::Minute)) {
                    c.m = m;
                    j += 2;
                }
                let (off, j) = self.zone(j);
                c.offset = off;
                return Some((c, j, false));
            }
            _ => {}
        }
        if half.is_some() {
            j += 1;
        }
        let h = self.num(j, 2)?;
        let mut weak = false;
        let mut c = Clock::hm(h, 0);
        if self.is_punct(j + 1, b':') {
            c.m = self.num_exact(j + 2, 2)?;
            j += 3;
            if self.is_punct(j, b':') {
                if let Some(s) = self.num_exact(j + 1, 2) {
                    c.s = s;
                    c.precision = Precision::Second;
                    j += 2;
                    if self.is_punct(j, b'.') {
                        if let Some(t) = self.tokens.get(j + 1).filter(|t| t.kind == TokenKind::Num)
                        {
                            c.ns = fraction_nanos(t.value, t.digits);
                            j += 2;
                        }
                    }
                }
            }
        } else if self.is_word(j + 1, Word::Hours) && self.num_exact(j + 2, 2).is_some() {
            // French `14h30`, `14 h 30`.
            c.m = self.num_exact(j + 2, 2)?;
            j += 3;
        } else if self.is_word(j + 1, Word::ClockHour) {
            j += 2;
            weak = true;
            if let Some(m) = self.num(j, 2).filter(|_| self.is_word(j + 1, Word::Minute)) {
                c.m = m;
                j += 2;
                weak = false;
                if let Some(s) = self.num(j, 2).filter(|_| self.is_word(j + 1, Word::Second)) {
                    c.s = s;
                    c.precision = Precision::Second;
                    j += 2;
                }
            } else if self.is_word(j, Word::Half) {
                c.m = 30;
                j += 1;
                weak = false;
            }
        } else {
            return None;
        }
        if half.is_none() {
            if self.is_word(j, Word::Am) || self.is_word(j, Word::AmAfter) {
                half = Some(Half::Am);
                j += 1;
            } else if self.is_word(j, Word::Pm) || self.is_word(j, Word::PmAfter) {
                half = Some(Half::Pm);
                j += 1;
            }
        }
        if let Some(half) = half {
            c.h = to_24_hour(c.h, half);
            weak = false;
        }
        let (off, mut j) = self.zone(j);
        c.offset = off;
        // `7:32 PM ET`, `7:32 PM (ET)`: only after a 12-hour time, where no other language's
        // `et` stands.
        if let (None, Some(_)) = (off, half) {
            let paren = self.is_punct(j, b'(') && self.is_punct(j + 2, b')');
            let at = if paren { j + 1 } else { j };
            if let Some(TokenKind::Word(Word::UsZone(tz))) = self.kind(at) {
                c.region = Some(tz);
                j = if paren { j + 3 } else { j + 1 };
            }
        }
        Some((c, j, weak))
    }

    /// A time written with a dot at `k`, read only where a word says it is a time: Finnish
    /// `klo 14.30` and Danish or Norwegian `kl. 14.30` before it, German `14.30 Uhr` or a zone
    /// (`14.30 BST`) after it. Elsewhere `14.30` may be a price or a score.
    pub(super) fn dotted_time(&self, k: usize) -> Option<(Option<Clock>, usize)> {
        let kello = self.is_word(k, Word::Kello);
        let mut j = k;
        if kello {
            j += if self.is_punct(k + 1, b'.') { 2 } else { 1 };
        }
        let mut clock = self.dotted_pair(j)?;
        j += 3;
        if self.is_word(j, Word::Uhr) {
            return Some((Some(clock), j + 1));
        }
        let (offset, end) = self.zone(j);
        if offset.is_none() && !kello {
            return None;
        }
        clock.offset = offset;
        Some((Some(clock), end))
    }

    /// `hh.mm` at `j` where the text has already said a time comes (after a date and a
    /// comma or a word for "at"): two-digit minutes, and not the start of a dotted date
    /// (`15.02.2021`).
    pub(super) fn dotted_clock(&self, j: usize) -> Option<(Option<Clock>, usize)> {
        let mut clock = self.dotted_pair(j)?;
        if self.is_punct(j + 3, b'.') && self.num(j + 4, 4).is_some() {
            return None;
        }
        let (offset, end) = self.zone(j + 3);
        clock.offset = offset;
        Some((Some(clock), end))
    }

    /// The hour, a dot and two-digit minutes at `j` (three tokens), as [`dotted_time`] and
    /// [`dotted_clock`] read them.
    ///
    /// [`dotted_time`]: Self::dotted_time
    /// [`dotted_clock`]: Self::dotted_clock
    fn dotted_pair(&self, j: usize) -> Option<Clock> {
        let h = self.num(j, 2).filter(|&h| h < 24)?;
        if !self.is_punct(j + 1, b'.') {
            return None;
        }
        let m = self.num_exact(j + 2, 2).filter(|&m| m < 60)?;
        Some(Clock::hm(h, m))
    }

    /// An ISO 8601 basic time at `j`, `hhmmss` (maybe with a fraction) or
    /// `hhmm`, and the zone after it; with the index past them.
    pub(super) fn basic_time(&self, j: usize) -> Option<(Clock, usize)> {
        let t = self.tokens.get(j).filter(|t| t.kind == TokenKind::Num)?;
        let v = u32::try_from(t.value).ok()?;
        let mut j = j + 1;
        let mut c = match t.digits {
            4 => Clock::hm(v / 100, v % 100),
            6 => {
                let mut c = Clock::packed(v);
                if self.is_punct(j, b'.') {
                    if let Some(f) = self.tokens.get(j + 1).filter(|t| t.kind == TokenKind::Num) {
                        c.ns = fraction_nanos(f.value, f.digits);
                        j += 2;
                    }
                }
                c
            }
            _ => return None,
        };
        let (off, j) = self.zone(j);
        c.offset = off;
        Some((c, j))
    }

    /// An optional zone after a time: `Z`, `GMT`, `UTC+9`, `KST`, `EST`,
    /// `CET`, `PDT` (the `words` module has the list), `+0900`, `+09:00`,
    /// `-05:00`, `(KST)`, `(GMT+7)`.
    pub(super) fn zone(&self, mut j: usize) -> (Option<i32>, usize) {
        let mut off = None;
        if let Some(z) = self.zone_name(j) {
            off = Some(z * 60);
            j += 1;
            if z == 0 {
                if let Some((o, end)) = self.signed_offset(j, true) {
                    off = Some(o);
                    j = end;
                }
            }
        } else if let Some((o, end)) = self.signed_offset(j, false) {
            off = Some(o);
            j = end;
        }
        // `(KST)`, and `(GMT+7)` as VnExpress prints it.
        if self.is_punct(j, b'(') {
            if let Some(z) = self.zone_name(j + 1) {
                let (mut inner, mut k) = (z * 60, j + 2);
                if z == 0 {
                    if let Some((o, end)) = self.signed_offset(k, true) {
                        (inner, k) = (o, end);
                    }
                }
                if self.is_punct(k, b')') {
                    off = off.or(Some(inner));
                    j = k + 1;
                }
            }
        }
        (off, j)
    }

    /// The offset in minutes east of UTC that a zone's name at `j` gives (`KST`, `GMT`), a
    /// name two regions share (`EST`, `CST`) read as the feed's region means it.
    fn zone_name(&self, j: usize) -> Option<i32> {
        match self.kind(j)? {
            TokenKind::Zone(z) => Some(i32::from(z)),
            TokenKind::Word(Word::SharedZone(z)) => Some(z.minutes_in(self.zone)),
            _ => None,
        }
    }

    /// `+0900`, `+09:00`, `-05:00`; with `loose`, also `+9` (after `GMT`).
    fn signed_offset(&self, j: usize, loose: bool) -> Option<(i32, usize)> {
        let sign = if self.is_punct(j, b'+') {
            1
        } else if self.is_punct(j, b'-') {
            -1
        } else {
            return None;
        };
        let t = self
            .tokens
            .get(j + 1)
            .filter(|t| t.kind == TokenKind::Num)?;
        let (hh, mm, end) = match t.digits {
            4 => (t.value / 100, t.value % 100, j + 2),
            1 | 2 if self.is_punct(j + 2, b':') => {
                (t.value, u64::from(self.num_exact(j + 3, 2)?), j + 4)
            }
            1 | 2 if loose => (t.value, 0, j + 2),
            _ => return None,
        };
        if hh > 14 || mm > 59 {
            return None;
        }
        let secs = i32::try_from(hh * 3600 + mm * 60).ok()?;
        Some((sign * secs, end))
    }
}

/// The part of the day a 12-hour time is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Half {
    /// 오전, 새벽, 아침, AM
    Am,
    /// 오후, 저녁, PM
    Pm,
    /// 낮 (daytime)
    Daytime,
    /// 밤 (night)
    Night,
}

/// Converts an hour printed with 오전/오후 (AM/PM), 낮 or 밤 to the 24-hour
/// clock: 오전 12 is 0, 오후 12 is 12, 오후 1 is 13; 낮 12 is 12, 낮 1 to
/// 6 are 13 to 18, 낮 7 to 11 stay; 밤 6 to 11 are 18 to 23, 밤 12 is 0
/// (midnight, as 자정), 밤 1 to 5 stay; hours already past 12 stay.
fn to_24_hour(h: u32, half: Half) -> u32 {
    match (half, h) {
        (Half::Am | Half::Night, 12) => 0,
        (Half::Pm, 0) => 12,
        (Half::Pm, 1..=11) | (Half::Daytime, 1..=6) | (Half::Night, 6..=11) => h + 12,
        _ => h,
    }
}

/// Nanoseconds from the digits after a decimal point (`v` with `len` digits).
fn fraction_nanos(v: u64, len: u8) -> u32 {
    let ns = if len <= 9 {
        10u64
            .checked_pow(9 - u32::from(len))
            .and_then(|p| v.checked_mul(p))
    } else if len <= 19 {
        10u64.checked_pow(u32::from(len) - 9).map(|p| v / p)
    } else {
        None
    };
    ns.and_then(|ns| u32::try_from(ns).ok())
        .filter(|&ns| ns < 1_000_000_000)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::tokens::{tokenize, Tokens};

    #[test]
    fn twelve_hour_edges() {
        assert_eq!(to_24_hour(12, Half::Am), 0);
        assert_eq!(to_24_hour(12, Half::Pm), 12);
        assert_eq!(to_24_hour(1, Half::Pm), 13);
        assert_eq!(to_24_hour(0, Half::Pm), 12);
        assert_eq!(to_24_hour(11, Half::Am), 11);
        assert_eq!(to_24_hour(19, Half::Pm), 19);
        assert_eq!(to_24_hour(12, Half::Daytime), 12);
        assert_eq!(to_24_hour(2, Half::Daytime), 14);
        assert_eq!(to_24_hour(11, Half::Daytime), 11);
        assert_eq!(to_24_hour(11, Half::Night), 23);
        assert_eq!(to_24_hour(12, Half::Night), 0);
        assert_eq!(to_24_hour(1, Half::Night), 1);
        assert_eq!(to_24_hour(23, Half::Night), 23);
    }

    #[test]
    fn fractions() {
        assert_eq!(fraction_nanos(123, 3), 123_000_000);
        assert_eq!(fraction_nanos(5, 1), 500_000_000);
        assert_eq!(fraction_nanos(123_456_789_123, 12), 123_456_789);
        assert_eq!(fraction_nanos(u64::MAX, 40), 0);
    }

    #[test]
    fn offsets() {
        let mut t = Tokens::new();
        tokenize("+0900 -05:00 +9 - 20:15", &mut t);
        let m = Matcher {
            tokens: t.as_slice(),
            short_year: crate::dates::ShortYear::First,
            zone: chrono_tz::UTC,
        };
        assert_eq!(m.signed_offset(0, false), Some((9 * 3600, 2)));
        assert_eq!(m.signed_offset(2, false), Some((-5 * 3600, 6)));
        assert_eq!(m.signed_offset(6, false), None);
        assert_eq!(m.signed_offset(6, true), Some((9 * 3600, 8)));
        assert_eq!(m.signed_offset(8, false), None);
    }
}
