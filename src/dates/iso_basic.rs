//! ISO 8601's basic format, the `iso_basic` part of [`Matcher`]: dates written
//! without separators (`20201123`, `20201123T110235Z`), and a date and time
//! packed into one fourteen-digit number (`20190806103251`).

use super::clock::Clock;
use super::patterns::{DateSpec, Finding, Matcher};
use super::tokens::TokenKind;
use super::words::Word;

impl Matcher<'_> {
    /// ISO 8601 basic forms: `20201123T110235Z`, `20201123T11:02:35Z`,
    /// `20201123T1102`, and `20201123` when it is the whole text (with a
    /// month and day in range, so that other eight-digit numbers are not
    /// dates).
    pub(super) fn basic(&self, i: usize) -> Option<(Finding, usize)> {
        if let Some(found) = self.packed_date_time(i) {
            return Some(found);
        }
        let (year, month, day) = packed_day(self.num_exact(i, 8)?)?;
        let spec = DateSpec::Ymd(year, month, day);
        if self.is_word(i + 1, Word::TimeDesignator) {
            let time = self.basic_time(i + 2).or_else(|| {
                self.clock(i + 2)
                    .filter(|&(_, _, weak)| !weak)
                    .map(|(c, end, _)| (c, end))
            });
            return Some(match time {
                Some((clock, end)) => (Finding::Local(spec, Some(clock)), end),
                None => (Finding::Invalid, i + 2),
            });
        }
        let shaped = (1..=12).contains(&month) && (1..=31).contains(&day);
        (self.tokens.len() == 1 && shaped).then_some((Finding::Local(spec, None), i + 1))
    }

    /// `20190806103251` as the whole text (a `<meta name="ptime">`): date and time packed
    /// into one number, read as a date only when nothing else stands beside it.
    fn packed_date_time(&self, i: usize) -> Option<(Finding, usize)> {
        let t = self.tokens.get(i).filter(|t| t.digits == 14)?;
        if self.tokens.len() != 1 || t.kind != TokenKind::Num {
            return None;
        }
        let (year, month, day) = packed_day(u32::try_from(t.value / 1_000_000).ok()?)?;
        let spec = DateSpec::Ymd(year, month, day);
        let clock = Clock::packed(u32::try_from(t.value % 1_000_000).ok()?);
        Some((Finding::Local(spec, Some(clock)), i + 1))
    }
}

/// `yyyymmdd` as one number (`20190806`): year, month, day, not yet checked.
fn packed_day(v: u32) -> Option<(i32, u32, u32)> {
    Some((i32::try_from(v / 10_000).ok()?, v / 100 % 100, v % 100))
}
