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
//! (`02.10 19:32`, `2월 10일`), relative times (`3시간 전`, `3 hours ago`),
//! `어제`/`yesterday`, a clock time alone, and a 10- or 13-digit Unix time
//! when it is the whole text. Each date may be followed by a weekday, a time
//! (24-hour, `오후 7:32`, `7시 32분`, `PM`) and a zone. A pattern whose shape
//! matches consumes its tokens even when its numbers are impossible, so
//! `2026.13.45 19:32` is rejected rather than read as a bare `19:32`. A match
//! yields a raw finding, which is then resolved against the fetch time and
//! the zone:
//!
//! * a time without an offset is taken in the configured zone (the earlier
//!   instant when a DST fold makes it ambiguous, shifted forward over a DST
//!   gap); a time with an offset or a zone name (`Z`, `GMT`, `+0900`, `KST`)
//!   is exact;
//! * a yearless date is put in the latest year that is not after the fetch
//!   (with a few minutes' grace for clock skew), a time alone in the latest
//!   day likewise;
//! * a time up to a day after the fetch is clamped to the fetch time, one
//!   later than that is rejected ([`Reject::InFuture`]).
//!
//! Words such as `입력` / `Posted` ([`Label::Published`]) and `수정` /
//! `Updated` ([`Label::Updated`]) label the next times after them in the
//! text; [`parse_all`] returns every time found, [`parse`] picks one.
//!
//! The module is pure: no I/O, no global state, and no input makes it panic.

use std::fmt;

use chrono::{
    DateTime, Datelike, Days, FixedOffset, LocalResult, Months, NaiveDate, NaiveDateTime,
    NaiveTime, Offset, TimeDelta, TimeZone, Utc,
};
use chrono_tz::Tz;

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

/// Why a string gave no time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reject {
    /// Nothing in the text reads as a date or time.
    NotADate,
    /// The text reads as a time more than a day after the fetch.
    InFuture(DateTime<FixedOffset>),
    /// The text is shaped like a date, but a field is out of range (e.g. `2026.13.45`).
    OutOfRange,
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
/// [`Reject::OutOfRange`] when the text is shaped like a date but is not a
/// real one, [`Reject::NotADate`] otherwise.
pub fn parse_with_hint(
    text: &str,
    hint: Option<&str>,
    fetched_at: DateTime<Utc>,
    zone: Tz,
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
    scan(tokens.as_slice(), |finding, label| {
        // A bare clock time or a bare `어제`/`today` loses to a full date.
        let weak = matches!(
            finding,
            Finding::Local(DateSpec::Recent, _) | Finding::Local(DateSpec::DaysBack(_), None)
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

/// Every time found in `text`, in text order, each with the nearest label
/// before it, e.g. `"입력 2026.02.10 19:32 | 수정 2026.02.11 08:05"` gives a
/// published and an updated stamp. Times that are rejected are left out.
pub fn parse_all(text: &str, fetched_at: DateTime<Utc>, zone: Tz) -> Vec<Stamp> {
    let resolver = Resolver::new(fetched_at, zone);
    let mut tokens = Tokens::new();
    tokenize(text, &mut tokens);
    let mut out = Vec::new();
    scan(tokens.as_slice(), |finding, label| {
        if let Ok(stamp) = resolver.finish(finding, label) {
            out.push(stamp);
        }
        true
    });
    out
}

fn reject_rank(r: &Reject) -> u8 {
    match r {
        Reject::NotADate => 0,
        Reject::OutOfRange => 1,
        Reject::InFuture(_) => 2,
    }
}

// ---------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------

/// A known word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Word {
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
    /// 전, ago
    Ago,
    /// 이내
    Within,
    /// 방금, 지금, now
    Now,
    /// just (as in "just now")
    Just,
    /// a, an (as in "an hour ago")
    IndefiniteArticle,
    /// 어제, yesterday
    Yesterday,
    /// 그제, 그저께
    DayBefore,
    /// 오늘, today
    Today,
    /// 오전, 새벽, 아침, am
    Am,
    /// 오후, 저녁, pm
    Pm,
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
    /// st, nd, rd, th
    Ordinal,
}

/// Token kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokenKind {
    /// A run of digits: value in [`Token::value`], digit count in [`Token::digits`].
    Num,
    /// Punctuation: the ASCII byte, or 0 for any other symbol.
    Punct(u8),
    /// A known word.
    Word(Word),
    /// An English month name, 1 to 12.
    MonthName(u8),
    /// A zone abbreviation, minutes east of UTC.
    Zone(i16),
    /// Any other word.
    Other,
}

/// One token of the input.
#[derive(Debug, Clone, Copy)]
struct Token {
    kind: TokenKind,
    /// Number of digits (saturating at 255) for [`TokenKind::Num`].
    digits: u8,
    /// Value (saturating at `u64::MAX`) for [`TokenKind::Num`].
    value: u64,
}

const BLANK: Token = Token {
    kind: TokenKind::Other,
    digits: 0,
    value: 0,
};

/// Tokens kept on the stack, spilling to the heap for long texts.
struct Tokens {
    inline: [Token; Tokens::INLINE],
    n: usize,
    spill: Vec<Token>,
}

impl Tokens {
    const INLINE: usize = 48;

    fn new() -> Self {
        Tokens {
            inline: [BLANK; Tokens::INLINE],
            n: 0,
            spill: Vec::new(),
        }
    }

    fn push(&mut self, t: Token) {
        if self.spill.is_empty() {
            if self.n < Self::INLINE {
                self.inline[self.n] = t;
                self.n += 1;
                return;
            }
            self.spill.reserve(Self::INLINE * 2);
            self.spill.extend_from_slice(&self.inline[..self.n]);
        }
        self.spill.push(t);
    }

    fn last_kind(&self) -> Option<TokenKind> {
        self.as_slice().last().map(|t| t.kind)
    }

    fn as_slice(&self) -> &[Token] {
        if self.spill.is_empty() {
            &self.inline[..self.n]
        } else {
            &self.spill
        }
    }

    /// Pushes a token that is not a number.
    fn push_kind(&mut self, kind: TokenKind) {
        // Consecutive unknown words carry no more information than one.
        if kind == TokenKind::Other && self.last_kind() == Some(TokenKind::Other) {
            return;
        }
        self.push(Token {
            kind,
            digits: 0,
            value: 0,
        });
    }
}

/// Folds full-width ASCII to ASCII and every space to `' '`.
fn normalize(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{00A0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200B}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}'
        | '\u{FEFF}' => ' ',
        '\u{2010}'..='\u{2013}' | '\u{2212}' => '-',
        '\u{3002}' | '\u{FF61}' => '.',
        _ => c,
    }
}

fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// Scans `s` into `out`.
fn tokenize(s: &str, out: &mut Tokens) {
    let mut it = s.char_indices().peekable();
    while let Some((i, raw)) = it.next() {
        let c = normalize(raw);
        if let Some(d) = c.to_digit(10).filter(|_| c.is_ascii()) {
            let mut value = u64::from(d);
            let mut digits: u32 = 1;
            while let Some(d) = it.peek().and_then(|&(_, n)| {
                let n = normalize(n);
                if n.is_ascii_digit() {
                    n.to_digit(10)
                } else {
                    None
                }
            }) {
                it.next();
                value = value.saturating_mul(10).saturating_add(u64::from(d));
                digits = digits.saturating_add(1);
            }
            out.push(Token {
                kind: TokenKind::Num,
                digits: u8::try_from(digits).unwrap_or(u8::MAX),
                value,
            });
        } else if c.is_ascii_alphabetic() {
            let mut buf = [0u8; 12];
            buf[0] = c.to_ascii_lowercase() as u8;
            let mut n = 1;
            let mut long = false;
            while let Some(&(_, next)) = it.peek() {
                let next = normalize(next);
                if !next.is_ascii_alphabetic() {
                    break;
                }
                it.next();
                if n < buf.len() {
                    buf[n] = next.to_ascii_lowercase() as u8;
                    n += 1;
                } else {
                    long = true;
                }
            }
            let k = if long {
                TokenKind::Other
            } else {
                latin_word(&buf[..n])
            };
            out.push_kind(k);
        } else if is_hangul(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, next)) = it.peek() {
                if !is_hangul(next) {
                    break;
                }
                end = j + next.len_utf8();
                it.next();
            }
            if let Some(run) = s.get(i..end) {
                split_hangul(run, out);
            }
        } else if c.is_whitespace() {
            continue;
        } else if c.is_ascii() {
            out.push_kind(TokenKind::Punct(c as u8));
        } else if let Some(w) = cjk_word(c) {
            out.push_kind(TokenKind::Word(w));
        } else if c.is_alphanumeric() {
            out.push_kind(TokenKind::Other);
        } else {
            out.push_kind(TokenKind::Punct(0));
        }
    }
}

/// Splits a run of Hangul syllables greedily into known words.
fn split_hangul(run: &str, out: &mut Tokens) {
    let mut rest = run;
    while !rest.is_empty() {
        if let Some((w, n)) = hangul_word(rest) {
            let after = rest.get(n..).unwrap_or("");
            // `수정구`, `게시판`, `지금까지`, `오늘의`, `전국`: the start of a
            // longer word, not a date word.
            let part_of_word =
                needs_boundary(w) && !after.is_empty() && hangul_word(after).is_none();
            out.push_kind(if part_of_word {
                TokenKind::Other
            } else {
                TokenKind::Word(w)
            });
            rest = after;
        } else {
            out.push_kind(TokenKind::Other);
            let n = rest.chars().next().map_or(rest.len(), char::len_utf8);
            rest = rest.get(n..).unwrap_or("");
        }
    }
}

/// Words that only count when no unknown syllable follows in the same run.
fn needs_boundary(w: Word) -> bool {
    matches!(
        w,
        Word::Published
            | Word::Updated
            | Word::Now
            | Word::Yesterday
            | Word::DayBefore
            | Word::Today
            | Word::Ago
    )
}

/// The longest known Korean word at the start of `s`, with its byte length.
fn hangul_word(s: &str) -> Option<(Word, usize)> {
    use Word::*;
    let first = s.chars().next()?;
    let cands: &[(&str, Word)] = match first {
        '년' => &[("년", Year)],
        '월' => &[("월요일", Weekday), ("월", Month)],
        '일' => &[("일요일", Weekday), ("일", Day)],
        '화' => &[("화요일", Weekday)],
        '수' => &[("수요일", Weekday), ("수정", Updated)],
        '목' => &[("목요일", Weekday)],
        '금' => &[("금요일", Weekday)],
        '토' => &[("토요일", Weekday)],
        '시' => &[("시간", Hours), ("시", ClockHour)],
        '분' => &[("분", Minute)],
        '초' => &[("초", Second)],
        '주' => &[("주일", Week), ("주", Week)],
        '개' => &[("개월", Months)],
        '전' => &[("전", Ago)],
        '이' => &[("이내", Within)],
        '방' => &[("방금", Now)],
        '지' => &[("지금", Now)],
        '어' => &[("어제", Yesterday)],
        '그' => &[("그저께", DayBefore), ("그제", DayBefore)],
        '오' => &[("오전", Am), ("오후", Pm), ("오늘", Today)],
        '새' => &[("새벽", Am)],
        '아' => &[("아침", Am)],
        '저' => &[("저녁", Pm)],
        '정' => &[("정오", Noon)],
        '자' => &[("자정", Midnight)],
        '반' => &[("반", Half)],
        '입' => &[("입력", Published)],
        '기' => &[("기사입력", Published)],
        '최' => &[("최초입력", Published), ("최종수정", Updated)],
        '등' => &[("등록일", Published), ("등록", Published)],
        '승' => &[("승인", Published)],
        '게' => &[("게재", Published), ("게시", Published)],
        '발' => &[("발행", Published)],
        '송' => &[("송고시간", Published), ("송고", Published)],
        '작' => &[("작성", Published)],
        '업' => &[("업데이트", Updated)],
        '갱' => &[("갱신", Updated)],
        _ => return None,
    };
    cands
        .iter()
        .find(|(w, _)| s.starts_with(w))
        .map(|&(w, k)| (k, w.len()))
}

/// Date words written with Chinese characters.
fn cjk_word(c: char) -> Option<Word> {
    Some(match c {
        '年' => Word::Year,
        '月' => Word::Month,
        '日' => Word::Day,
        '時' => Word::ClockHour,
        '分' => Word::Minute,
        '秒' => Word::Second,
        _ => return None,
    })
}

/// Classifies a lowercase ASCII word.
fn latin_word(w: &[u8]) -> TokenKind {
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
        b"est" | b"cdt" => return TokenKind::Zone(-5 * 60),
        b"edt" => return TokenKind::Zone(-4 * 60),
        b"cst" | b"mdt" => return TokenKind::Zone(-6 * 60),
        b"mst" | b"pdt" => return TokenKind::Zone(-7 * 60),
        b"pst" => return TokenKind::Zone(-8 * 60),
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
        b"s" | b"sec" | b"secs" | b"second" | b"seconds" => Second,
        b"m" | b"min" | b"mins" | b"minute" | b"minutes" => Minute,
        b"h" | b"hr" | b"hrs" | b"hour" | b"hours" => Hours,
        b"d" | b"day" | b"days" => Day,
        b"w" | b"wk" | b"wks" | b"week" | b"weeks" => Week,
        b"mo" | b"mos" | b"month" | b"months" => Months,
        b"y" | b"yr" | b"yrs" | b"year" | b"years" => Year,
        b"posted" | b"published" => Published,
        b"updated" | b"modified" => Updated,
        _ => return TokenKind::Other,
    };
    TokenKind::Word(word)
}

// ---------------------------------------------------------------------------
// Patterns
// ---------------------------------------------------------------------------

/// The date part of a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateSpec {
    /// Year, month, day as printed (not yet validated).
    Ymd(i32, u32, u32),
    /// Month and day without a year.
    Md(u32, u32),
    /// So many days before the fetch day (`어제` = 1).
    DaysBack(u32),
    /// A clock time alone: the latest such time not after the fetch.
    Recent,
}

/// The time-of-day part of a finding, already in 24-hour form (not yet
/// validated: `h` may be 24 or more).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Clock {
    h: u32,
    m: u32,
    s: u32,
    ns: u32,
    precision: Precision,
    /// Offset east of UTC in seconds, when the text gave one.
    offset: Option<i32>,
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

/// What a pattern found, before it is resolved against the fetch time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Finding {
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
/// stops early when `f` returns false.
fn scan(tokens: &[Token], mut f: impl FnMut(Finding, Option<Label>) -> bool) {
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
    let matcher = Matcher { tokens };
    let mut label = None;
    let mut i = 0;
    while i < tokens.len() {
        match tokens[i].kind {
            TokenKind::Word(Word::Published) => label = Some(Label::Published),
            TokenKind::Word(Word::Updated) => label = Some(Label::Updated),
            _ => {
                if let Some((finding, end)) = matcher.finding_at(i) {
                    if !f(finding, label) {
                        return;
                    }
                    i = end.max(i + 1);
                    continue;
                }
            }
        }
        i += 1;
    }
}

/// Pattern matcher over a token slice.
struct Matcher<'a> {
    tokens: &'a [Token],
}

impl Matcher<'_> {
    /// The kind of the token at `i`, if there is one.
    fn kind(&self, i: usize) -> Option<TokenKind> {
        self.tokens.get(i).map(|t| t.kind)
    }

    /// Whether the token at `i` is the punctuation `c`.
    fn is_punct(&self, i: usize, c: u8) -> bool {
        self.kind(i) == Some(TokenKind::Punct(c))
    }

    /// Whether the token at `i` is the known word `w`.
    fn is_word(&self, i: usize, w: Word) -> bool {
        self.kind(i) == Some(TokenKind::Word(w))
    }

    /// The value of a number of 1 to `max_len` digits at `i`.
    fn num(&self, i: usize, max_len: u8) -> Option<u32> {
        let t = self.tokens.get(i)?;
        if t.kind == TokenKind::Num && t.digits <= max_len {
            u32::try_from(t.value).ok()
        } else {
            None
        }
    }

    /// The digit count of the token at `i` (0 when it is not a number).
    fn digits(&self, i: usize) -> u8 {
        self.tokens.get(i).map_or(0, |t| t.digits)
    }

    /// The value of a number of exactly `len` digits at `i`.
    fn num_exact(&self, i: usize, len: u8) -> Option<u32> {
        let t = self.tokens.get(i)?;
        if t.kind == TokenKind::Num && t.digits == len {
            u32::try_from(t.value).ok()
        } else {
            None
        }
    }

    /// A finding that starts at `i`, with the index just past it.
    fn finding_at(&self, i: usize) -> Option<(Finding, usize)> {
        match self.kind(i)? {
            TokenKind::Num => self
                .year_first(i)
                .or_else(|| self.year_last(i))
                .or_else(|| self.day_month_name(i))
                .or_else(|| self.relative(i))
                .or_else(|| self.yearless(i))
                .or_else(|| self.clock_alone(i)),
            TokenKind::MonthName(_) => self.month_first(i),
            TokenKind::Word(Word::Now) => {
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
            TokenKind::Word(Word::Just) if self.is_word(i + 1, Word::Now) => {
                Some((Finding::Ago { secs: 0, months: 0 }, i + 2))
            }
            TokenKind::Word(Word::IndefiniteArticle) => self.relative(i),
            TokenKind::Word(Word::Today) => Some(self.days_back(i, 0)),
            TokenKind::Word(Word::Yesterday) => Some(self.days_back(i, 1)),
            TokenKind::Word(Word::DayBefore) => Some(self.days_back(i, 2)),
            TokenKind::Word(Word::Am | Word::Pm | Word::Noon | Word::Midnight) => {
                self.clock_alone(i)
            }
            _ => None,
        }
    }

    /// `2026.02.10`, `2026-02-10`, `2026/2/10`, `26.02.10`, `2026년 2월 10일`,
    /// each with an optional time after.
    fn year_first(&self, i: usize) -> Option<(Finding, usize)> {
        let t = self.tokens.get(i)?;
        let year = match t.digits {
            4 => i32::try_from(t.value).ok()?,
            2 => 2000 + i32::try_from(t.value).ok()?,
            _ => return None,
        };
        let (month, day, end) = if self.is_word(i + 1, Word::Year) {
            let month = self.num(i + 2, 2)?;
            if !self.is_word(i + 3, Word::Month) {
                return None;
            }
            let day = self.num(i + 4, 2)?;
            if !self.is_word(i + 5, Word::Day) {
                return None;
            }
            (month, day, i + 6)
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

    /// `10.02.2026` (day first with dots), `02/10/2026` (month first with
    /// slashes unless the first number is over 12), `10-02-2026` (day first
    /// with dashes unless the second number is over 12).
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
        let year = i32::try_from(self.num_exact(i + 4, 4)?).ok()?;
        let day_first = match sep {
            b'.' => true,
            b'/' => a > 12,
            _ => b <= 12,
        };
        let (month, day) = if day_first { (b, a) } else { (a, b) };
        let end = if sep == b'.' && self.is_punct(i + 5, b'.') {
            i + 6
        } else {
            i + 5
        };
        let (clock, end) = self.after_date(end);
        Some((Finding::Local(DateSpec::Ymd(year, month, day), clock), end))
    }

    /// `10 Feb 2026`, `Tue, 10 Feb 2026 10:32:00 GMT`.
    fn day_month_name(&self, i: usize) -> Option<(Finding, usize)> {
        let day = self.num(i, 2)?;
        let mut j = i + 1;
        if self.is_word(j, Word::Ordinal) {
            j += 1;
        }
        let month = match self.kind(j)? {
            TokenKind::MonthName(m) => u32::from(m),
            _ => return None,
        };
        j += 1;
        if self.is_punct(j, b'.') {
            j += 1;
        }
        if self.is_punct(j, b',') {
            j += 1;
        }
        self.year_then_clock(j, month, day)
    }

    /// The four-digit year at `j` (not an `hh:` clock) that ends an English date, and the
    /// clock after it.
    fn year_then_clock(&self, j: usize, month: u32, day: u32) -> Option<(Finding, usize)> {
        let year = i32::try_from(self.num_exact(j, 4)?).ok()?;
        if self.is_punct(j + 1, b':') {
            return None;
        }
        let (clock, end) = self.after_date(j + 1);
        Some((Finding::Local(DateSpec::Ymd(year, month, day), clock), end))
    }

    /// `Feb 10, 2026`, `February 10th, 2026 at 7:32 PM`.
    fn month_first(&self, i: usize) -> Option<(Finding, usize)> {
        let month = match self.kind(i)? {
            TokenKind::MonthName(m) => u32::from(m),
            _ => return None,
        };
        let mut j = i + 1;
        if self.is_punct(j, b'.') {
            j += 1;
        }
        let day = self.num(j, 2)?;
        j += 1;
        if self.is_word(j, Word::Ordinal) {
            j += 1;
        }
        if self.is_punct(j, b',') {
            j += 1;
        }
        self.year_then_clock(j, month, day)
    }

    /// `2월 10일 [time]`, `02.10 19:32`, `02-10 19:32`, `02/10 19:32`.
    fn yearless(&self, i: usize) -> Option<(Finding, usize)> {
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

    /// `3시간 전`, `15분전`, `1시간 30분 전`, `5분 이내`, `3 hours ago`,
    /// `an hour ago`.
    fn relative(&self, i: usize) -> Option<(Finding, usize)> {
        let mut j = i;
        let mut secs: Option<u64> = Some(0);
        let mut months: Option<u64> = Some(0);
        let mut parts = 0;
        while parts < 4 {
            let n = match self.tokens.get(j) {
                Some(t) if t.kind == TokenKind::Num => t.value,
                Some(t) if t.kind == TokenKind::Word(Word::IndefiniteArticle) => 1,
                _ => break,
            };
            let unit = match self.kind(j + 1) {
                Some(TokenKind::Word(u)) => u,
                _ => break,
            };
            let (per, in_months) = match unit {
                Word::Second => (1, false),
                Word::Minute => (60, false),
                Word::Hours => (3600, false),
                Word::Day => (86_400, false),
                Word::Week => (7 * 86_400, false),
                Word::Months => (1, true),
                Word::Year => (12, true),
                _ => break,
            };
            let add = n.checked_mul(per);
            if in_months {
                months = months.zip(add).and_then(|(a, b)| a.checked_add(b));
            } else {
                secs = secs.zip(add).and_then(|(a, b)| a.checked_add(b));
            }
            j += 2;
            parts += 1;
        }
        if parts == 0 || !(self.is_word(j, Word::Ago) || self.is_word(j, Word::Within)) {
            return None;
        }
        let finding = match (secs, months) {
            (Some(secs), Some(months)) => Finding::Ago { secs, months },
            _ => Finding::Invalid,
        };
        Some((finding, j + 1))
    }

    /// `어제`, `어제 14:20`, `오늘 오후 2시`, `yesterday at 2:20 PM`.
    fn days_back(&self, i: usize, days: u32) -> (Finding, usize) {
        let mut j = i + 1;
        if self.is_word(j, Word::At) {
            j += 1;
        }
        match self.clock(j) {
            Some((clock, end, _)) => (Finding::Local(DateSpec::DaysBack(days), Some(clock)), end),
            None => (Finding::Local(DateSpec::DaysBack(days), None), i + 1),
        }
    }

    /// `19:32`, `오후 7:32`, `오후 7시 32분` alone.
    fn clock_alone(&self, i: usize) -> Option<(Finding, usize)> {
        let (clock, end, weak) = self.clock(i)?;
        if weak {
            return None;
        }
        Some((Finding::Local(DateSpec::Recent, Some(clock)), end))
    }

    /// Skips a weekday after a date: `(화)`, `(Tue)`, `화요일`, `Tue`.
    fn skip_weekday(&self, mut j: usize) -> usize {
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

    /// An optional time after a date; returns it and the end of the finding.
    fn after_date(&self, end: usize) -> (Option<Clock>, usize) {
        let j = self.skip_weekday(end);
        let mut k = j;
        if self.is_punct(k, b',') {
            k += 1;
        }
        if self.is_word(k, Word::TimeDesignator) || self.is_word(k, Word::At) {
            k += 1;
        }
        match self.clock(k) {
            Some((clock, end, _)) => (Some(clock), end),
            None => (None, j),
        }
    }

    /// A time of day at `i`: the clock, the index past it, and whether it is
    /// weak (an hour alone such as `7시`, believable only next to a date).
    fn clock(&self, i: usize) -> Option<(Clock, usize, bool)> {
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

    /// An optional zone after a time: `Z`, `GMT`, `UTC+9`, `KST`, `+0900`,
    /// `+09:00`, `-05:00`, `(KST)`.
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

// ---------------------------------------------------------------------------
// Resolution against the fetch time and zone
// ---------------------------------------------------------------------------

/// How far after the fetch a yearless date or a bare clock time may fall and
/// still be taken as this year / today (clock skew between site and fetcher).
const GRACE: TimeDelta = TimeDelta::minutes(10);

/// How far after the fetch a time may fall and be clamped rather than rejected.
const FUTURE_LIMIT: TimeDelta = TimeDelta::days(1);

struct Resolver {
    fetched: DateTime<Utc>,
    zone: Tz,
    /// The fetch time on the zone's wall clock.
    now: NaiveDateTime,
}

impl Resolver {
    fn new(fetched: DateTime<Utc>, zone: Tz) -> Self {
        Resolver {
            fetched,
            zone,
            now: wall_clock(fetched, zone).unwrap_or_else(|| fetched.naive_utc()),
        }
    }

    fn finish(&self, finding: Finding, label: Option<Label>) -> Result<Stamp, Reject> {
        let (utc, precision) = self.resolve(finding).ok_or(Reject::OutOfRange)?;
        self.stamp(utc, precision, label)
    }

    /// Applies the future rule and expresses the instant in the zone.
    fn stamp(
        &self,
        utc: DateTime<Utc>,
        precision: Precision,
        label: Option<Label>,
    ) -> Result<Stamp, Reject> {
        let mut utc = utc;
        if utc > self.fetched {
            let limit = self.fetched.checked_add_signed(FUTURE_LIMIT);
            if limit.is_some_and(|limit| utc > limit) {
                return Err(Reject::InFuture(self.in_zone(utc)));
            }
            utc = self.fetched;
        }
        Ok(Stamp {
            instant: self.in_zone(utc),
            precision,
            label,
        })
    }

    fn in_zone(&self, utc: DateTime<Utc>) -> DateTime<FixedOffset> {
        utc.with_timezone(&self.zone).fixed_offset()
    }

    /// A wall-clock time in the zone as an instant: the earlier one in a
    /// fold, shifted forward by the gap's length in a gap.
    fn local_to_utc(&self, local: NaiveDateTime) -> Option<DateTime<Utc>> {
        match self.zone.from_local_datetime(&local) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Some(t.with_timezone(&Utc)),
            LocalResult::None => {
                // In a gap: read the wall clock with the offset in force
                // before the gap, which lands as far after the gap's end as
                // the time was after its start.
                for hours in [1, 2, 3, 6, 12, 24] {
                    let before = local.checked_sub_signed(TimeDelta::try_hours(hours)?)?;
                    if let LocalResult::Single(t) | LocalResult::Ambiguous(t, _) =
                        self.zone.from_local_datetime(&before)
                    {
                        let off = t.offset().fix().local_minus_utc();
                        return local
                            .checked_sub_signed(TimeDelta::try_seconds(i64::from(off))?)
                            .map(|n| n.and_utc());
                    }
                }
                None
            }
        }
    }

    fn resolve(&self, finding: Finding) -> Option<(DateTime<Utc>, Precision)> {
        match finding {
            Finding::Invalid => None,
            Finding::Unix(ms) => Some((DateTime::from_timestamp_millis(ms)?, Precision::Second)),
            Finding::Ago { secs, months } => {
                let back = TimeDelta::try_seconds(i64::try_from(secs).ok()?)?;
                let mut t = self.fetched.checked_sub_signed(back)?;
                if months > 0 {
                    let local = wall_clock(t, self.zone)?
                        .checked_sub_months(Months::new(u32::try_from(months).ok()?))?;
                    t = self.local_to_utc(local)?;
                }
                Some((t, Precision::Minute))
            }
            Finding::Local(spec, clock) => self.resolve_local(spec, clock),
        }
    }

    fn resolve_local(
        &self,
        spec: DateSpec,
        clock: Option<Clock>,
    ) -> Option<(DateTime<Utc>, Precision)> {
        let (time, next_day, precision, off) = match clock {
            Some(c) => {
                let next_day = c.h == 24 && c.m == 0 && c.s == 0 && c.ns == 0;
                let h = if next_day { 0 } else { c.h };
                (
                    NaiveTime::from_hms_nano_opt(h, c.m, c.s, c.ns)?,
                    next_day,
                    c.precision,
                    c.offset,
                )
            }
            None => (NaiveTime::MIN, false, Precision::Day, None),
        };
        let on = |date: NaiveDate| -> Option<DateTime<Utc>> {
            let mut local = date.and_time(time);
            if next_day {
                local = local.checked_add_days(Days::new(1))?;
            }
            match off {
                Some(off) => Some(
                    local
                        .checked_sub_signed(TimeDelta::try_seconds(i64::from(off))?)?
                        .and_utc(),
                ),
                None => self.local_to_utc(local),
            }
        };
        let latest = self
            .fetched
            .checked_add_signed(GRACE)
            .unwrap_or(self.fetched);
        let today = self.now.date();
        let utc = match spec {
            DateSpec::Ymd(y, m, d) => on(NaiveDate::from_ymd_opt(y, m, d)?)?,
            DateSpec::Md(m, d) => {
                if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
                    return None;
                }
                // The latest such date not after the fetch; Feb 29 may need
                // to go back a few years.
                (0..=8)
                    .filter_map(|back| NaiveDate::from_ymd_opt(today.year() - back, m, d))
                    .filter_map(on)
                    .find(|&t| t <= latest)?
            }
            DateSpec::DaysBack(n) => on(today.checked_sub_days(Days::new(u64::from(n)))?)?,
            DateSpec::Recent => {
                let t = on(today)?;
                if t > latest {
                    on(today.pred_opt()?)?
                } else {
                    t
                }
            }
        };
        Some((utc, precision))
    }

    /// Reads `text` with the user's strftime format, or `None` when it does
    /// not match.
    fn by_hint(&self, text: &str, format: &str) -> Option<Result<Stamp, Reject>> {
        let text = text.trim();
        if format.trim().is_empty() || text.is_empty() {
            return None;
        }
        let precision = hint_precision(format);
        let with_offset = ["%z", "%:z", "%::z", "%#z", "%+"]
            .iter()
            .any(|p| format.contains(p));
        if with_offset {
            let t = DateTime::parse_from_str(text, format).ok()?;
            return Some(self.stamp(t.with_timezone(&Utc), precision, None));
        }
        if format.contains("%s") {
            // A Unix time is in UTC whatever the zone.
            let t = NaiveDateTime::parse_from_str(text, format).ok()?.and_utc();
            return Some(self.stamp(t, precision, None));
        }
        if let Ok(local) = NaiveDateTime::parse_from_str(text, format) {
            let utc = self.local_to_utc(local);
            return Some(utc.map_or(Err(Reject::OutOfRange), |utc| {
                self.stamp(utc, precision, None)
            }));
        }
        if let Ok(date) = NaiveDate::parse_from_str(text, format) {
            let utc = self.local_to_utc(date.and_time(NaiveTime::MIN));
            return Some(utc.map_or(Err(Reject::OutOfRange), |utc| {
                self.stamp(utc, Precision::Day, None)
            }));
        }
        None
    }
}

/// `utc` on the zone's wall clock, or `None` at the edges of chrono's range
/// (where `DateTime::naive_local` would panic).
fn wall_clock(utc: DateTime<Utc>, zone: Tz) -> Option<NaiveDateTime> {
    let offset = zone.offset_from_utc_datetime(&utc.naive_utc()).fix();
    utc.naive_utc().checked_add_offset(offset)
}

/// The precision a strftime format prints.
fn hint_precision(format: &str) -> Precision {
    let has = |specs: &[&str]| specs.iter().any(|s| format.contains(s));
    if has(&["%S", "%T", "%X", "%s", "%+", "%c", "%r"]) {
        Precision::Second
    } else if has(&["%M", "%R", "%H", "%I", "%k", "%l"]) {
        Precision::Minute
    } else {
        Precision::Day
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<TokenKind> {
        let mut t = Tokens::new();
        tokenize(s, &mut t);
        t.as_slice().iter().map(|t| t.kind).collect()
    }

    fn nums(s: &str) -> Vec<(u64, u8)> {
        let mut t = Tokens::new();
        tokenize(s, &mut t);
        t.as_slice()
            .iter()
            .filter(|t| t.kind == TokenKind::Num)
            .map(|t| (t.value, t.digits))
            .collect()
    }

    #[test]
    fn tokenizes_numbers_and_punctuation() {
        assert_eq!(
            kinds("2026.02.10 19:32"),
            vec![
                TokenKind::Num,
                TokenKind::Punct(b'.'),
                TokenKind::Num,
                TokenKind::Punct(b'.'),
                TokenKind::Num,
                TokenKind::Num,
                TokenKind::Punct(b':'),
                TokenKind::Num
            ]
        );
        assert_eq!(nums("2026.02.10"), vec![(2026, 4), (2, 2), (10, 2)]);
    }

    #[test]
    fn folds_full_width_and_spaces() {
        assert_eq!(kinds("２０２６．０２"), kinds("2026.02"));
        assert_eq!(nums("１９：３２"), vec![(19, 2), (32, 2)]);
        assert_eq!(kinds("19:32\u{a0}\u{3000}오후"), kinds("19:32 오후"));
    }

    #[test]
    fn splits_glued_korean() {
        assert_eq!(
            kinds("2026년02월10일"),
            vec![
                TokenKind::Num,
                TokenKind::Word(Word::Year),
                TokenKind::Num,
                TokenKind::Word(Word::Month),
                TokenKind::Num,
                TokenKind::Word(Word::Day)
            ]
        );
        assert_eq!(
            kinds("15분전"),
            vec![
                TokenKind::Num,
                TokenKind::Word(Word::Minute),
                TokenKind::Word(Word::Ago)
            ]
        );
        assert_eq!(
            kinds("3시간전"),
            vec![
                TokenKind::Num,
                TokenKind::Word(Word::Hours),
                TokenKind::Word(Word::Ago)
            ]
        );
        assert_eq!(
            kinds("송고시간2026"),
            vec![TokenKind::Word(Word::Published), TokenKind::Num]
        );
        assert_eq!(kinds("전국"), vec![TokenKind::Other]);
        assert_eq!(kinds("수정구"), vec![TokenKind::Other]);
        assert_eq!(kinds("지금까지"), vec![TokenKind::Other]);
        assert_eq!(kinds("게시판"), vec![TokenKind::Other]);
        assert_eq!(
            kinds("수정일"),
            vec![TokenKind::Word(Word::Updated), TokenKind::Word(Word::Day)]
        );
        assert_eq!(
            kinds("어제오후"),
            vec![TokenKind::Word(Word::Yesterday), TokenKind::Word(Word::Pm)]
        );
        assert_eq!(
            kinds("방금전"),
            vec![TokenKind::Word(Word::Now), TokenKind::Word(Word::Ago)]
        );
        assert_eq!(kinds("황혜영 기자"), vec![TokenKind::Other]);
        assert_eq!(kinds("월요일"), vec![TokenKind::Word(Word::Weekday)]);
    }

    #[test]
    fn latin_words() {
        assert_eq!(kinds("Feb"), vec![TokenKind::MonthName(2)]);
        assert_eq!(kinds("GMT"), vec![TokenKind::Zone(0)]);
        assert_eq!(kinds("PM"), vec![TokenKind::Word(Word::Pm)]);
        assert_eq!(kinds("Supercalifragilistic"), vec![TokenKind::Other]);
    }

    #[test]
    fn huge_numbers_saturate() {
        let n = nums("123456789012345678901234567890");
        assert_eq!(n, vec![(u64::MAX, 30)]);
    }

    #[test]
    fn spills_to_heap() {
        let s = "1 ".repeat(200);
        let mut t = Tokens::new();
        tokenize(&s, &mut t);
        assert_eq!(t.as_slice().len(), 200);
    }

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
    fn hint_precisions() {
        assert_eq!(hint_precision("%Y-%m-%d %H:%M:%S"), Precision::Second);
        assert_eq!(hint_precision("%Y.%m.%d %H:%M"), Precision::Minute);
        assert_eq!(hint_precision("%Y.%m.%d"), Precision::Day);
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
