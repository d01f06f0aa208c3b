//! The tokenizer: cuts a text into numbers, known words, English month names,
//! zone abbreviations and punctuation, dropping whitespace.
//!
//! Full-width forms are folded to ASCII and every kind of space counts as
//! one. Runs of Hangul are split greedily into known words, so that glued
//! forms such as `2026년02월10일` or `15분전` come apart, while a label or
//! relative word that starts a longer word (`수정구`, `지금까지`) does not
//! count. Latin words are classified whole; Chinese date characters
//! (`年`, `月`, `日`, …) are words of their own. Which words are known is
//! the `words` module's business; how each script's characters fold and
//! which are letters, the `scripts` module's.

use std::iter::Peekable;
use std::str::CharIndices;

use super::scripts::{is_hangul, is_letter, is_thai, normalize, thai_dot};
use super::words::{
    cjk_pair, cjk_word, hangul_word, latin_word, needs_boundary, SharedZone, Word, DUAL_UNITS,
};

/// Token kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TokenKind {
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
pub(super) struct Token {
    pub(super) kind: TokenKind,
    /// Number of digits (saturating at 255) for [`TokenKind::Num`].
    pub(super) digits: u8,
    /// Value (saturating at `u64::MAX`) for [`TokenKind::Num`]; [`THAI_MONTH`] marks a
    /// [`TokenKind::MonthName`] written in Thai.
    pub(super) value: u64,
}

/// [`Token::value`] of a month name written in Thai: a two-digit year after it is of the
/// Buddhist era (`15 ก.พ. 64` is 2564, that is 2021), as Thai pages shorten it.
pub(super) const THAI_MONTH: u64 = 1;

const BLANK: Token = Token {
    kind: TokenKind::Other,
    digits: 0,
    value: 0,
};

/// Tokens kept on the stack, spilling to the heap for long texts.
pub(super) struct Tokens {
    inline: [Token; Tokens::INLINE],
    n: usize,
    spill: Vec<Token>,
}

impl Tokens {
    const INLINE: usize = 48;

    pub(super) fn new() -> Self {
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

    pub(super) fn as_slice(&self) -> &[Token] {
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

/// Zones whose letters are also a word (German `ist`, English `cat`, `eat`, `west`), read
/// only as printed in capitals: India's IST (or Ireland's, Israel's), and Africa's and
/// western Europe's.
#[cold]
#[inline(never)]
fn capitals_zone(word: &str) -> Option<TokenKind> {
    Some(match word {
        "IST" => TokenKind::Word(Word::SharedZone(SharedZone::Ist)),
        "WET" => TokenKind::Zone(0),
        "WAT" | "WEST" => TokenKind::Zone(60),
        "CAT" => TokenKind::Zone(2 * 60),
        "EAT" => TokenKind::Zone(3 * 60),
        _ => return None,
    })
}

/// A Thai unit glued to the word for "ago" after it, as Thai writes them without a space
/// (`3 ชั่วโมงที่แล้ว`, three hours ago): the unit, when `word` is one. Kept out of line:
/// the tokenizer's loop runs for every word of every page.
#[cold]
#[inline(never)]
fn thai_unit_then_ago(word: &[u8]) -> Option<TokenKind> {
    const AGO: [&str; 3] = ["ที่แล้ว", "ที่ผ่านมา", "ก่อน"];
    let unit = AGO
        .iter()
        .find_map(|a| word.strip_suffix(a.as_bytes()))
        .filter(|u| !u.is_empty())?;
    match latin_word(unit) {
        TokenKind::Word(w) if super::relative::unit_length(w).is_some() => Some(TokenKind::Word(w)),
        _ => None,
    }
}

/// The longest word read, in bytes: a Bengali month name (`ফেব্রুয়ারি`, eleven characters of
/// three bytes) must fit.
const WORD_BYTES: usize = 48;

/// Appends `c`, lowercased, to the word in `buf[..n]`; sets `long` when it
/// does not fit.
fn push_lower(c: char, buf: &mut [u8; WORD_BYTES], n: &mut usize, long: &mut bool) {
    for lc in c.to_lowercase() {
        match buf.get_mut(*n..*n + lc.len_utf8()) {
            Some(dst) => *n += lc.encode_utf8(dst).len(),
            None => *long = true,
        }
    }
}

/// Scans `s` into `out`.
pub(super) fn tokenize(s: &str, out: &mut Tokens) {
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
        } else if is_letter(c) {
            let mut buf = [0u8; WORD_BYTES];
            let mut n = 0;
            let mut long = false;
            push_lower(c, &mut buf, &mut n, &mut long);
            let thai = is_thai(c);
            while let Some(&(_, next)) = it.peek() {
                let next = normalize(next);
                if thai && next == '.' && thai_dot(&it, &buf[..n]) {
                    push_lower('.', &mut buf, &mut n, &mut long);
                } else if next.is_ascii_alphabetic() {
                    if n < buf.len() {
                        buf[n] = next.to_ascii_lowercase() as u8;
                        n += 1;
                    } else {
                        long = true;
                    }
                } else if is_letter(next) {
                    push_lower(next, &mut buf, &mut n, &mut long);
                } else {
                    break;
                }
                it.next();
            }
            let k = if long {
                TokenKind::Other
            } else if n == 1 && matches!(buf[0], b'a' | b'p') && dotted_m(&mut it) {
                TokenKind::Word(if buf[0] == b'a' { Word::Am } else { Word::Pm })
            } else if let Some(zone) = c
                .is_ascii_uppercase()
                .then(|| s.get(i..i + n).and_then(capitals_zone))
                .flatten()
            {
                zone
            } else {
                latin_word(&buf[..n])
            };
            // A unit glued to "ago": Thai writes them without a space, a Hungarian unit
            // says it itself (`perce`).
            let glued = match k {
                TokenKind::Word(Word::UnitAgo(u)) => DUAL_UNITS
                    .get(usize::from(u))
                    .map(|&unit| TokenKind::Word(unit)),
                TokenKind::Other if thai => thai_unit_then_ago(&buf[..n]),
                _ => None,
            };
            if let Some(unit) = glued {
                out.push_kind(unit);
                out.push_kind(TokenKind::Word(Word::Ago));
            } else if thai && matches!(k, TokenKind::MonthName(_)) {
                out.push(Token {
                    kind: k,
                    digits: 0,
                    value: THAI_MONTH,
                });
            } else {
                out.push_kind(k);
            }
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
        } else if let Some(w) = it
            .peek()
            .and_then(|&(_, next)| cjk_pair(c, normalize(next)))
        {
            // Two characters that make one word: `小时`, `時間`, `分钟`, `午前`, `个月`.
            it.next();
            out.push_kind(TokenKind::Word(w));
        } else if let Some(w) = cjk_word(c) {
            out.push_kind(TokenKind::Word(w));
        } else if c.is_alphanumeric() {
            out.push_kind(TokenKind::Other);
        } else {
            out.push_kind(TokenKind::Punct(0));
        }
    }
}

/// After an `a` or a `p`: consumes `.m.` or `.m` (`a.m.`, `P.M.`, `p.m`)
/// and says whether it did.
fn dotted_m(it: &mut Peekable<CharIndices<'_>>) -> bool {
    let mut ahead = it.clone();
    let dot = ahead.next().is_some_and(|(_, c)| normalize(c) == '.');
    let m = ahead
        .next()
        .is_some_and(|(_, c)| normalize(c).eq_ignore_ascii_case(&'m'));
    if !dot
        || !m
        || ahead
            .peek()
            .is_some_and(|&(_, c)| normalize(c).is_ascii_alphabetic())
    {
        return false;
    }
    it.next();
    it.next();
    if it.peek().is_some_and(|&(_, c)| normalize(c) == '.') {
        it.next();
    }
    true
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
    fn middle_dots_are_separators() {
        for s in ["·", "ㆍ", "・", "•", "･"] {
            assert_eq!(kinds(s), vec![TokenKind::Punct(b'|')], "{s:?}");
        }
        assert_eq!(
            kinds("정치ㆍ사회"),
            vec![TokenKind::Other, TokenKind::Punct(b'|'), TokenKind::Other]
        );
    }

    #[test]
    fn latin_words() {
        assert_eq!(kinds("Feb"), vec![TokenKind::MonthName(2)]);
        assert_eq!(kinds("GMT"), vec![TokenKind::Zone(0)]);
        assert_eq!(kinds("PM"), vec![TokenKind::Word(Word::Pm)]);
        for s in ["p.m.", "P.M.", "p.m", "ｐ．ｍ．"] {
            assert_eq!(kinds(s), vec![TokenKind::Word(Word::Pm)], "{s:?}");
        }
        assert_eq!(
            kinds("a.m., 7"),
            vec![
                TokenKind::Word(Word::Am),
                TokenKind::Punct(b','),
                TokenKind::Num
            ]
        );
        // Not a dotted `a.m.`: `a.mention`, `p.` alone.
        assert_eq!(
            kinds("a.mention")[0],
            TokenKind::Word(Word::IndefiniteArticle)
        );
        assert_eq!(kinds("p."), vec![TokenKind::Other, TokenKind::Punct(b'.')]);
        assert_eq!(kinds("CEST"), vec![TokenKind::Zone(120)]);
        assert_eq!(kinds("Supercalifragilistic"), vec![TokenKind::Other]);
    }

    #[test]
    fn words_in_other_scripts_are_read_whole() {
        assert_eq!(kinds("Februar"), vec![TokenKind::MonthName(2)]);
        assert_eq!(kinds("FÉVRIER"), vec![TokenKind::MonthName(2)]);
        assert_eq!(kinds("Şubat"), vec![TokenKind::MonthName(2)]);
        assert_eq!(kinds("ФЕВРАЛЯ"), vec![TokenKind::MonthName(2)]);
        assert_eq!(kinds("Maine"), vec![TokenKind::Other]);
        assert_eq!(kinds("Mais"), vec![TokenKind::Other]);
        assert_eq!(
            kinds("Veröffentlicht am"),
            vec![TokenKind::Word(Word::Published), TokenKind::Word(Word::Am)]
        );
        assert_eq!(
            kinds("Überdurchschnittlichkeitsprüfung"),
            vec![TokenKind::Other]
        );
    }

    #[test]
    fn other_scripts_digits_and_words() {
        assert_eq!(nums("١٥/٠٢/٢٠٢٠"), vec![(15, 2), (2, 2), (2020, 4)]);
        assert_eq!(nums("۱۵ ०९"), vec![(15, 2), (9, 2)]);
        // A Devanagari word with a nukta and a vowel sign, an Arabic word with a kasra, and
        // a Hebrew word are each one word.
        assert_eq!(kinds("फ़रवरी"), vec![TokenKind::MonthName(2)]);
        assert_eq!(kinds("ابريل"), vec![TokenKind::MonthName(4)]);
        assert_eq!(kinds("نِشر"), vec![TokenKind::Other]);
        assert_eq!(kinds("בינואר"), vec![TokenKind::MonthName(1)]);
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
}
