//! Date normaliser: turns the free-form time strings found on (mostly Korean)
//! news pages into instants in a configured time zone.
//!
//! # Approach
//!
//! The text is scanned **once** by a small hand-written tokenizer into numbers,
//! known words and punctuation; whitespace is dropped. While
//! scanning, full-width forms (`２０２６．０２．１０`, `１９：３２`) are folded to
//! ASCII and every kind of space (including U+00A0 and U+3000) counts as a
//! space. Runs of Hangul are split greedily into known words (`년`, `월`, `일`,
//! `오후`, `시간`, `전`, `입력`, `수정`, …) so that glued forms such as
//! `2026년02월10일`, `15분전` or `송고시간2026-02-10` come apart, while label
//! and relative words that start a longer word (`수정구`, `게시판`,
//! `지금까지`, `전국`) do not count; any other word becomes an opaque "other"
//! token. Tokens live in a fixed buffer on the stack (spilling to the heap
//! only for very long texts), so a call to [`parse`] allocates nothing.
//!
//! The token list is then walked left to right. At each position a handful of
//! patterns are tried with a bounded look-ahead: year-first numeric or Korean
//! dates (`2026.02.10`, `2026년 2월 10일`), year-last ones (`10.02.2026`),
//! English month names (`Feb 10, 2026`, RFC 2822), yearless dates
//! (`02.10 19:32`, `2월 10일`), relative times (`3시간 전`, `두 시간 전`,
//! `하루 전`, `3 hours ago`), `어제`/`yesterday`, `내일 10:00` (tomorrow,
//! only with a time), a clock time alone, ISO 8601 basic forms
//! (`20201123T110235Z`; `20201123` and a 10- or 13-digit Unix time when
//! they are the whole text). Each date may be followed by a weekday, a time
//! (24-hour, `오후 7:32`, `밤 11시`, `7시 32분`, `7:32 p.m.`) and a zone; the
//! time may also be set off by a separator (`2026.02.10 | 19:32`, `·`, `ㆍ`,
//! `/`) or come first (`19:32 | 2026.02.10`), and is then still that date's.
//! A pattern whose shape matches consumes its tokens even when its numbers
//! are impossible, so `2026.13.45 19:32` is rejected rather than read as a
//! bare `19:32`, and a clock time right after a date part no pattern reads
//! (`2026.02 19:32`, `2020112T11:02`) is no time at all. A match yields a
//! raw finding, which is then resolved against the fetch time and the zone:
//!
//! * a time without an offset is taken in the configured zone (the earlier
//!   instant when a DST fold makes it ambiguous, shifted forward over a DST
//!   gap); a time with an offset or a zone name (`Z`, `GMT`, `+0900`, `KST`)
//!   is exact;
//! * a yearless date is put in the latest year in which it is not after the
//!   day following the fetch day, so that it is this year's whenever the
//!   same date with the year printed would be accepted or clamped (`02.11
//!   09:15` fetched at 02-11 09:00 is this year's, clamped; `02.12 10:00` is
//!   this year's and rejected as in the future, as `2026-02-12 10:00` is;
//!   `02.13 10:00` is last year's); a time alone is put in the latest day on
//!   which it is not after the fetch, with a few minutes' grace for clock
//!   skew;
//! * a time up to a day after the fetch is clamped to the fetch time, one
//!   later than that is rejected ([`Reject::InFuture`]);
//! * a time before [`EARLIEST_YEAR`] (1990) on the zone's calendar is
//!   rejected ([`Reject::TooOld`]), and so is a relative time too large to
//!   count (`9999999999분 전`): arithmetic saturates or is checked, never
//!   wraps;
//! * the stamp is expressed in the zone's offset at that instant, rounded to
//!   whole minutes should the zone give seconds (local mean time).
//!
//! Words such as `입력` / `Posted` ([`Label::Published`]) and `수정` /
//! `Updated` ([`Label::Updated`]) label the next times after them in the
//! text; [`parse_all`] returns every time found, [`parse`] picks one.
//!
//! The module is pure: no I/O, no global state, and no input makes it panic.
//!
//! # Layout
//!
//! The steps above live in one file each, in the order a text goes through
//! them:
//!
//! * `words`: the vocabulary, the Korean, Chinese and English words that
//!   mean something to a date;
//! * `tokens`: the tokenizer, from text to tokens;
//! * `patterns`: the walk over the tokens and the date patterns (numeric,
//!   ISO 8601 basic, Korean, yearless), which yield a finding each;
//! * `english`: the dates with a month name (`Feb 10, 2026`, `10. Februar
//!   2026`, `10 de febrero de 2026`), part of the same walk;
//! * `months`: the words of languages other than Korean and English: month
//!   names (German, French, Spanish, Italian, Portuguese, Dutch, Turkish,
//!   Polish, Russian, Ukrainian), published / updated labels
//!   (`Veröffentlicht`, `Mis à jour`, `Оновлено`, …), and the Vietnamese
//!   `ngày 15 tháng 2 năm 2020`;
//! * `relative`: relative times (`3시간 전`, `3 hours ago`, `방금`) and day
//!   words (`어제`, `yesterday`), part of the same walk;
//! * `clock`: the time of day and zone that may follow a date or stand alone;
//! * `resolve`: from a finding to an instant against the fetch time and the
//!   zone, and the user's strftime hint.
//!
//! This file holds the public API and picks among the findings.

mod ago_words;
mod calendars;
mod clock;
mod english;
mod iso_basic;
mod japanese;
mod months;
mod patterns;
mod policy;
mod relative;
mod resolve;
mod scripts;
mod tokens;
mod words;

use std::borrow::Cow;
use std::fmt;

use chrono::{DateTime, FixedOffset, Utc};
use chrono_tz::Tz;

pub use policy::{in_zone, item_time, stamp_time, DateContext};
pub use scripts::is_digit;

use patterns::{scan, DateSpec, Finding};
use resolve::Resolver;
use tokens::{tokenize, Tokens};

/// How precise a parsed time is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    /// Seconds were printed (`19:32:07`, RFC 3339, Unix time).
    Second,
    /// Hours and minutes were printed (`19:32`, `오후 7시`), or the time is
    /// relative to the fetch (`15분 전`, `방금`).
    Minute,
    /// Only a date was printed (`2026.02.10`, `어제`); the instant is 00:00 of
    /// that day in the zone.
    Day,
}

/// Where the year stands in an all-numeric date with a two-digit year: Korean pages
/// print `26.02.10` (year first), European ones `10.02.26` and `8.5.12` (year last).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ShortYear {
    /// `26.02.10` is 2026-02-10 (two-digit month and day needed). The default.
    #[default]
    First,
    /// `10.02.26` and `8.5.12` (dots only) are 2026-02-10 and 2012-05-08.
    Last,
    /// As [`ShortYear::Last`], and a slashed date is day first too: `08/01/2014` is
    /// 8 January 2014, as Spanish, French or British pages print it (under `Last` and
    /// `First`, `03/04/2020` is month first, as American pages print it).
    LastDayFirst,
}

/// What a label next to the time says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// `입력`, `기사입력`, `최초입력`, `등록`, `등록일`, `승인`, `게재`, `발행`,
    /// `송고`, `송고시간`, `게시`, `작성`, `Posted`, `Published`.
    Published,
    /// `수정`, `최종수정`, `업데이트`, `갱신`, `Updated`, `Modified`.
    Updated,
}

/// A parsed time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// The instant, expressed in the zone's offset at that instant
    /// (e.g. `+09:00` for Asia/Seoul).
    pub instant: DateTime<FixedOffset>,
    /// How much of the instant the text actually gave.
    pub precision: Precision,
    /// The nearest label before the time in the text, if any.
    pub label: Option<Label>,
}

/// The first year a time may fall in (on the zone's calendar): earlier ones
/// are no plausible article time ([`Reject::TooOld`]), whether printed
/// (`1900.01.01`) or counted back (`99999999시간 전`).
pub const EARLIEST_YEAR: i32 = 1990;

/// Why a string gave no time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reject {
    /// Nothing in the text reads as a date or time.
    NotADate,
    /// The text reads as a time more than a day after the fetch.
    InFuture(DateTime<FixedOffset>),
    /// The text is shaped like a date, but a field is out of range (e.g. `2026.13.45`).
    OutOfRange,
    /// The text reads as a time before [`EARLIEST_YEAR`], or so long ago
    /// that it cannot be counted (`9999999999분 전`).
    TooOld,
}

impl fmt::Display for Reject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reject::NotADate => f.write_str("no date or time found in the text"),
            Reject::InFuture(t) => write!(
                f,
                "the time {} is more than a day after the page was fetched",
                t.to_rfc3339()
            ),
            Reject::OutOfRange => {
                f.write_str("looks like a date, but the month, day or time is out of range")
            }
            Reject::TooOld => write!(f, "before {EARLIEST_YEAR}: not a plausible article time"),
        }
    }
}

impl std::error::Error for Reject {}

/// Parses `text`, trying the user's `date_format` (`hint`, a chrono strftime
/// format) first and then the built-in forms.
///
/// The hint is tried on the whole trimmed text: with an offset when the format
/// has `%z`/`%:z`/`%#z`/`%+`, otherwise as a date and time, then as a date
/// alone, in `zone`. When it does not match, the built-in reader runs.
///
/// When the text holds several times, the first one labelled
/// [`Label::Published`] wins, else the first full one (more than a bare clock
/// time such as `19:32` or a bare day word such as `어제`), else the first.
///
/// # Errors
///
/// [`Reject::InFuture`] when the time is more than a day after `fetched_at`,
/// [`Reject::TooOld`] when it is before [`EARLIEST_YEAR`],
/// [`Reject::OutOfRange`] when the text is shaped like a date but is not a
/// real one, [`Reject::NotADate`] otherwise.
pub fn parse_with_hint(
    text: &str,
    hint: Option<&str>,
    fetched_at: DateTime<Utc>,
    zone: Tz,
) -> Result<Stamp, Reject> {
    parse_with_hint_ordered(text, hint, fetched_at, zone, ShortYear::First)
}

/// [`parse_with_hint`] with two-digit-year dates read in `short_year`'s order.
///
/// # Errors
///
/// As [`parse_with_hint`].
pub fn parse_with_hint_ordered(
    text: &str,
    hint: Option<&str>,
    fetched_at: DateTime<Utc>,
    zone: Tz,
    short_year: ShortYear,
) -> Result<Stamp, Reject> {
    let resolver = Resolver::new(fetched_at, zone);
    if let Some(fmt) = hint {
        if let Some(result) = resolver.by_hint(text, fmt) {
            return result;
        }
    }
    let mut tokens = Tokens::new();
    tokenize(text, &mut tokens);
    let mut best: Option<(u8, Stamp)> = None;
    let mut err = Reject::NotADate;
    scan(tokens.as_slice(), short_year, zone, |finding, label| {
        // A bare clock time or a bare `어제`/`today` loses to a full date.
        let weak = matches!(
            finding,
            Finding::Local(DateSpec::Recent, _) | Finding::Local(DateSpec::DayOffset(_), None)
        );
        match resolver.finish(finding, label) {
            Ok(stamp) => {
                let score = u8::from(label == Some(Label::Published)) * 2 + u8::from(!weak);
                if best.is_none_or(|(s, _)| score > s) {
                    best = Some((score, stamp));
                }
                score < 3
            }
            Err(e) => {
                if reject_rank(&e) > reject_rank(&err) {
                    err = e;
                }
                true
            }
        }
    });
    best.map(|(_, s)| s).ok_or(err)
}

/// Parses `text` with the built-in forms only; see [`parse_with_hint`].
pub fn parse(text: &str, fetched_at: DateTime<Utc>, zone: Tz) -> Option<Stamp> {
    parse_with_hint(text, None, fetched_at, zone).ok()
}

/// [`parse`] with two-digit-year dates read in `short_year`'s order.
pub fn parse_ordered(
    text: &str,
    fetched_at: DateTime<Utc>,
    zone: Tz,
    short_year: ShortYear,
) -> Option<Stamp> {
    parse_with_hint_ordered(text, None, fetched_at, zone, short_year).ok()
}

/// Every time found in `text`, in text order, each with the nearest label
/// before it, e.g. `"입력 2026.02.10 19:32 | 수정 2026.02.11 08:05"` gives a
/// published and an updated stamp. Times that are rejected are left out.
pub fn parse_all(text: &str, fetched_at: DateTime<Utc>, zone: Tz) -> Vec<Stamp> {
    parse_all_ordered(text, fetched_at, zone, ShortYear::First)
}

/// [`parse_all`] with two-digit-year dates read in `short_year`'s order.
pub fn parse_all_ordered(
    text: &str,
    fetched_at: DateTime<Utc>,
    zone: Tz,
    short_year: ShortYear,
) -> Vec<Stamp> {
    collect_stamps(text, fetched_at, zone, short_year, false)
}

/// [`parse_all_ordered`] without the times that carry no date of their own: a bare clock
/// time (`19:32`) and a bare day word (`어제`, `today`). For text that may or may not be a
/// date line (a byline near an article's headline), where a clock time alone says nothing
/// about the day.
pub fn parse_all_dated_ordered(
    text: &str,
    fetched_at: DateTime<Utc>,
    zone: Tz,
    short_year: ShortYear,
) -> Vec<Stamp> {
    collect_stamps(text, fetched_at, zone, short_year, true)
}

/// Whether `text` holds a word that labels a time, in any language the reader knows
/// (`입력`, `Posted`, `Veröffentlicht`, `Publikováno`, `Mis à jour`, `发布`, …); what the
/// time after it is, [`parse_all_ordered`] says.
pub fn holds_label(text: &str) -> bool {
    let mut tokens = Tokens::new();
    tokenize(text, &mut tokens);
    patterns::holds_label(tokens.as_slice())
}

/// Every word that labels a time, lower-cased, for a search through much text that must be
/// quicker than [`holds_label`] on each piece: each one, alone, [`holds_label`].
pub fn label_words() -> impl Iterator<Item = Cow<'static, str>> {
    words::KOREAN_LABELS
        .iter()
        .chain(words::ENGLISH_LABELS)
        .chain(words::CJK_LABELS)
        .map(|(w, _)| *w)
        .chain(patterns::MULTIWORD_LABELS.iter().copied())
        .map(Cow::Borrowed)
        .chain(months::label_forms())
}

/// The month `word` names (1 to 12), in any language the reader knows: `Feb`, `February`,
/// `février`, `лютого`; `None` for any other word or for more than one.
pub fn month_named(word: &str) -> Option<u8> {
    let mut tokens = Tokens::new();
    tokenize(word, &mut tokens);
    match tokens.as_slice() {
        [t] => match t.kind {
            tokens::TokenKind::MonthName(m) => Some(m),
            _ => None,
        },
        _ => None,
    }
}

/// Every time `scan` finds in `text` that resolves, in text order; with `dated_only`, only
/// those with a date of their own (a calendar date or a Unix time).
fn collect_stamps(
    text: &str,
    fetched_at: DateTime<Utc>,
    zone: Tz,
    short_year: ShortYear,
    dated_only: bool,
) -> Vec<Stamp> {
    let resolver = Resolver::new(fetched_at, zone);
    let mut tokens = Tokens::new();
    tokenize(text, &mut tokens);
    let mut out = Vec::new();
    scan(tokens.as_slice(), short_year, zone, |finding, label| {
        let dated = matches!(
            finding,
            Finding::Local(DateSpec::Ymd(..), _) | Finding::Unix(_)
        );
        if dated || !dated_only {
            if let Ok(stamp) = resolver.finish(finding, label) {
                out.push(stamp);
            }
        }
        true
    });
    out
}

fn reject_rank(r: &Reject) -> u8 {
    match r {
        Reject::NotADate => 0,
        Reject::OutOfRange => 1,
        Reject::TooOld => 2,
        Reject::InFuture(_) => 3,
    }
}
