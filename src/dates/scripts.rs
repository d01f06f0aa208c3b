//! What the tokenizer knows of the world's scripts: how a character folds
//! (full-width forms, spaces, dashes, other scripts' digits), which characters
//! are letters of a word read whole, and the Thai and Hangul ranges that the
//! tokenizer reads in their own ways.

use std::iter::Peekable;
use std::str::CharIndices;

/// Folds full-width ASCII to ASCII, every space to `' '`, dashes and the minus
/// sign to `-`, ideographic full stops to `.`, the Arabic comma to `,`, the right single
/// quotation mark to `'`, other scripts' digits to ASCII, and middle dots and bullets
/// (`·`, `ㆍ`, `・`, `•`), which sites put between a date and a time, to `|`.
pub(super) fn normalize(c: char) -> char {
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
        // Arabic-Indic, Persian, Devanagari, Bengali, Gurmukhi, Gujarati, Tamil and Thai
        // digits.
        '\u{0660}'..='\u{0669}' => ascii_digit(c, '\u{0660}'),
        '\u{06F0}'..='\u{06F9}' => ascii_digit(c, '\u{06F0}'),
        '\u{0966}'..='\u{096F}' => ascii_digit(c, '\u{0966}'),
        '\u{09E6}'..='\u{09EF}' => ascii_digit(c, '\u{09E6}'),
        '\u{0A66}'..='\u{0A6F}' => ascii_digit(c, '\u{0A66}'),
        '\u{0AE6}'..='\u{0AEF}' => ascii_digit(c, '\u{0AE6}'),
        '\u{0BE6}'..='\u{0BEF}' => ascii_digit(c, '\u{0BE6}'),
        '\u{0E50}'..='\u{0E59}' => ascii_digit(c, '\u{0E50}'),
        '\u{060C}' => ',',
        '\u{2019}' => '\'',
        '\u{00B7}' | '\u{2022}' | '\u{2027}' | '\u{2219}' | '\u{22C5}' | '\u{30FB}'
        | '\u{318D}' | '\u{FF65}' => '|',
        _ => c,
    }
}

/// The ASCII digit for `c`, a digit of the script whose zero is `zero`.
fn ascii_digit(c: char, zero: char) -> char {
    char::from_u32(c as u32 - zero as u32 + u32::from(b'0')).unwrap_or(c)
}

/// Whether `c` is a digit the reader reads: ASCII, full-width, or one of the other
/// scripts' that [`normalize`] folds.
pub fn is_digit(c: char) -> bool {
    normalize(c).is_ascii_digit()
}

/// A letter of a word read whole: ASCII, or a Latin (with Vietnamese),
/// Greek, Cyrillic, Armenian or Georgian letter; or a Hebrew, Arabic, Devanagari, Bengali, Gurmukhi, Gujarati,
/// Tamil or Thai letter or vowel sign, which these scripts write inside a word (`फ़रवरी` has
/// a nukta, an Arabic word may carry harakat, `กุมภาพันธ์` a vowel below and a silent mark).
pub(super) fn is_letter(c: char) -> bool {
    // The range first: `is_alphabetic` is a table look-up.
    c.is_ascii_alphabetic()
        || (matches!(c, '\u{C0}'..='\u{52F}' | '\u{1E00}'..='\u{1EFF}') && c.is_alphabetic())
        || matches!(c, '\u{0531}'..='\u{0587}' | '\u{10D0}'..='\u{10FA}')
        || matches!(c, '\u{0591}'..='\u{05C7}' | '\u{05D0}'..='\u{05EA}')
        || matches!(c, '\u{0620}'..='\u{065F}' | '\u{066E}'..='\u{06D3}')
        || matches!(
            c,
            '\u{0900}'..='\u{0963}'
                | '\u{0980}'..='\u{09E3}'
                | '\u{0A01}'..='\u{0A63}'
                | '\u{0A70}'..='\u{0A75}'
                | '\u{0A81}'..='\u{0AE3}'
                | '\u{0B82}'..='\u{0BD7}'
        )
        || is_thai(c)
}

/// A Thai letter, vowel or tone mark (not a Thai digit or sign).
pub(super) fn is_thai(c: char) -> bool {
    matches!(c, '\u{0E01}'..='\u{0E3A}' | '\u{0E40}'..='\u{0E4E}')
}

/// Whether the `.` just ahead of `it` belongs to the Thai word being read: Thai writes its
/// short month names and eras with dots between and after their letters (`ก.พ.`, `พ.ศ.`).
/// A dot inside such a word is followed by a Thai letter; the closing one ends a word that
/// already has a dot.
pub(super) fn thai_dot(it: &Peekable<CharIndices<'_>>, word: &[u8]) -> bool {
    let mut ahead = it.clone();
    if ahead.next().map(|(_, c)| c) != Some('.') {
        return false;
    }
    word.contains(&b'.') || ahead.next().is_some_and(|(_, c)| is_thai(c))
}

pub(super) fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}
