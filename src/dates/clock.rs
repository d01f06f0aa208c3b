//! Times of day: the part of the [`Matcher`] that reads a clock time
//! (`19:32:07.5`, `오후 7:32`, `7시 32분`, `7:32 PM`, `7:32 p.m.`, `정오`) and
//! the zone or offset after it (`Z`, `GMT+9`, `KST`, `EST`, `CEST`,
//! `+09:00`, `(KST)`), into a [`Clock`] in 24-hour form.

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
}

impl Clock {
    fn hm(h: u32, m: u32) -> Self {
        Clock {
            h,
            m,
            s: 0,
            ns: 0,
            precision: Precision::Minute,
            offset: None,
        }
    }
}

impl Matcher<'_> {
    /// A time of day at `i`: the clock, the index past it, and whether it is
    /// weak (an hour alone such as `7시`, believable only next to a date).
    pub(super) fn clock(&self, i: usize) -> Option<(Clock, usize, bool)> {
        let mut j = i;
        let mut pm = None;
        match self.kind(j)? {
            TokenKind::Word(Word::Am) => pm = Some(false),
            TokenKind::Word(Word::Pm) => pm = Some(true),
            TokenKind::Word(Word::Noon) => {
                return Some((Clock::hm(12, 0), self.zone(j + 1).1, false))
            }
            TokenKind::Word(Word::Midnight) => {
                return Some((Clock::hm(0, 0), self.zone(j + 1).1, false))
            }
            _ => {}
        }
        if pm.is_some() {
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
        if pm.is_none() {
            if self.is_word(j, Word::Am) {
                pm = Some(false);
                j += 1;
            } else if self.is_word(j, Word::Pm) {
                pm = Some(true);
                j += 1;
            }
        }
        if let Some(pm) = pm {
            c.h = twelve_hour(c.h, pm);
            weak = false;
        }
        let (off, j) = self.zone(j);
        c.offset = off;
        Some((c, j, weak))
    }

    /// An optional zone after a time: `Z`, `GMT`, `UTC+9`, `KST`, `EST`,
    /// `CET`, `PDT` (the `words` module has the list), `+0900`, `+09:00`,
    /// `-05:00`, `(KST)`.
    fn zone(&self, mut j: usize) -> (Option<i32>, usize) {
        let mut off = None;
        if let Some(TokenKind::Zone(z)) = self.kind(j) {
            off = Some(i32::from(z) * 60);
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
        if self.is_punct(j, b'(') && self.is_punct(j + 2, b')') {
            if let Some(TokenKind::Zone(z)) = self.kind(j + 1) {
                if off.is_none() {
                    off = Some(i32::from(z) * 60);
                }
                j += 3;
            }
        }
        (off, j)
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

/// Converts an hour printed with 오전/오후 (AM/PM) to the 24-hour clock:
/// 오전 12 is 0, 오후 12 is 12, 오후 1 is 13; hours already past 12 stay.
fn twelve_hour(h: u32, pm: bool) -> u32 {
    match (pm, h) {
        (false, 12) => 0,
        (true, 0) => 12,
        (true, 1..=11) => h + 12,
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
        assert_eq!(twelve_hour(12, false), 0);
        assert_eq!(twelve_hour(12, true), 12);
        assert_eq!(twelve_hour(1, true), 13);
        assert_eq!(twelve_hour(0, true), 12);
        assert_eq!(twelve_hour(11, false), 11);
        assert_eq!(twelve_hour(19, true), 19);
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
        };
        assert_eq!(m.signed_offset(0, false), Some((9 * 3600, 2)));
        assert_eq!(m.signed_offset(2, false), Some((-5 * 3600, 6)));
        assert_eq!(m.signed_offset(6, false), None);
        assert_eq!(m.signed_offset(6, true), Some((9 * 3600, 8)));
        assert_eq!(m.signed_offset(8, false), None);
    }
}
