//! Words in languages other than Korean and English: month names in
//! German, French, Spanish, Italian, Portuguese, Dutch, Turkish, Polish,
//! Russian and Ukrainian (full, genitive and common short forms), and in
//! Czech, Slovak, Hungarian, Romanian, Finnish, Estonian, Catalan, Croatian,
//! Serbian, Slovene, Bulgarian, Macedonian, Belarusian, Lithuanian, Latvian,
//! Swedish, Danish, Norwegian, Indonesian, Greek, Arabic, Hebrew and Hindi
//! (the forms a date prints: `15. února 2020`, `15 martie 2020`,
//! `15. helmikuuta 2020`, `15 de febrer de 2020`, `15 Φεβρουαρίου 2020`,
//! `2020 m. vasario 15 d.`, `15 فبراير 2020`; they are in [`names`]), the
//! published / updated labels (`Veröffentlicht`, `Publié`, `Оновлено`, …),
//! and the small words around a date (`de`, `um`, `à`, `г.`, `r.`, `в`, `kl.`,
//! `tháng`, and the Turkish and Hungarian weekdays printed between a date and
//! its time);
//! and the Vietnamese date `ngày 15 tháng 2 năm 2020`, part of the
//! [`Matcher`]'s walk.
//!
//! Words reach here lowercased, whole, only when the English vocabulary did
//! not know them; a short month form (`mar`, `mai`, `set`) is only ever read
//! next to a day and a year, as any month name is.

mod more_names;
mod names;

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use more_names::{CAUCASUS_MONTHS, MORE_MONTHS, SOLAR_HIJRI_MONTHS};
use names::MONTHS;

use super::patterns::{DateSpec, Finding, Matcher};
use super::tokens::TokenKind;
use super::words::Word;

/// Classifies a lowercase word (UTF-8) that is not English.
pub(super) fn foreign_word(w: &[u8]) -> TokenKind {
    FOREIGN_WORDS.get(w).copied().unwrap_or(TokenKind::Other)
}

/// Every word of this module and of `ago_words`, looked up at once: the tokenizer asks for
/// each word English did not know, and the lists hold over a thousand forms. A form in two
/// lists is the first list's: a month before the small words, which go in the order listed,
/// then the zones. Greek forms are also kept without their accents, as capitals print them.
static FOREIGN_WORDS: LazyLock<HashMap<Cow<'static, [u8]>, TokenKind>> = LazyLock::new(|| {
    let months = TABLES.iter().flat_map(|table| {
        (1u8..)
            .zip(table.iter())
            .map(|(m, forms)| (*forms, TokenKind::MonthName(m)))
    });
    let words = SMALL_WORDS
        .iter()
        .chain(super::ago_words::LISTS.iter())
        .map(|&(forms, word)| (forms, TokenKind::Word(word)));
    let zones = ZONES
        .iter()
        .map(|&(forms, minutes)| (forms, TokenKind::Zone(minutes)));
    let mut map = HashMap::new();
    let lists: Vec<(&[&str], TokenKind)> = months.chain(words).chain(zones).collect();
    for (forms, kind) in &lists {
        for f in *forms {
            map.entry(Cow::Borrowed(f.as_bytes())).or_insert(*kind);
        }
    }
    for (forms, kind) in &lists {
        for f in forms.iter().flat_map(|f| capitals_forms(f)) {
            map.entry(Cow::Owned(f.into_bytes())).or_insert(*kind);
        }
    }
    map
});

/// Zone abbreviations not written in Latin letters, minutes east of UTC: Russian pages
/// write Moscow's time in Cyrillic (`14:30 мск`).
const ZONES: &[(&[&str], i16)] = &[(&["мск"], 3 * 60)];

/// The published and updated labels of the languages here (`veröffentlicht`, `оновлено`),
/// Greek ones also as capitals print them.
pub(super) fn label_forms() -> impl Iterator<Item = Cow<'static, str>> {
    let forms = PUBLISHED.iter().chain(UPDATED);
    forms
        .clone()
        .map(|f| Cow::Borrowed(*f))
        .chain(forms.flat_map(|f| capitals_forms(f)).map(Cow::Owned))
}

/// A Greek word as it reads when printed in capitals and lowercased again, when that
/// differs: capitals drop the accents but keep the diaeresis (`ΦΕΒΡΟΥΑΡΙΟΥ` for
/// `Φεβρουαρίου`, `ΜΑΪΟΥ` for `Μαΐου`), and a capital sigma lowercases to `σ`, the final
/// `ς` too (`ΜΑΡΤΙΟΣ`). Some print no diaeresis either (`ΜΑΙΟΥ`): both forms are given.
fn capitals_forms(form: &str) -> Vec<String> {
    // Most forms are not Greek: nothing to build for them.
    if form
        .chars()
        .all(|c| as_capital(c) == c && !matches!(c, 'ϊ' | 'ϋ'))
    {
        return Vec::new();
    }
    let capitals: String = form.chars().map(as_capital).collect();
    let plain = capitals.replace('ϊ', "ι").replace('ϋ', "υ");
    let mut forms = vec![capitals, plain];
    forms.retain(|f| f != form);
    forms.dedup();
    forms
}

/// A Greek lowercase letter as its capital lowercases again: without its accent (keeping
/// a diaeresis), a final sigma as `σ`; any other character as it is.
fn as_capital(c: char) -> char {
    match c {
        'ά' => 'α',
        'έ' => 'ε',
        'ή' => 'η',
        'ί' => 'ι',
        'ΐ' => 'ϊ',
        'ό' => 'ο',
        'ύ' => 'υ',
        'ΰ' => 'ϋ',
        'ώ' => 'ω',
        'ς' => 'σ',
        c => c,
    }
}

/// The words around a date, and the labels, each list with the word it is.
const SMALL_WORDS: &[(&[&str], Word)] = &[
    // German `um 14:30`, French `à 14h30`, Portuguese `às`, Italian `alle`, Dutch `om`,
    // Vietnamese `lúc`, Spanish `a las`, Catalan `a les`, Thai `เวลา` ("time"), Slovene `ob`.
    (
        &[
            "um",
            "à",
            "às",
            "alle",
            "om",
            "lúc",
            "las",
            "les",
            "เวลา",
            "ob",
        ],
        Word::At,
    ),
    (&["в", "у", "о", "o", "v", "u"], Word::AtLetter),
    (WEEKDAYS_AFTER_DATE, Word::Weekday),
    (&["klo", "kl", "kello", "klokken", "klockan"], Word::Kello),
    (&["uhr"], Word::Uhr),
    // German `Stand: 14.03.2025 22:00` ("as of"): the time a page or a ticker was last
    // brought up to date. Read only as a whole word before a date, never searched for inside
    // longer words as the labels are (`Vorstand`, `Zustand`).
    (&["stand"], Word::Updated),
    // Arabic halves of the day after a clock, with and without the tanwin.
    (&["ص", "صباحا", "صباحاً"], Word::AmAfter),
    (&["م", "مساء", "مساءً", "مساءا"], Word::PmAfter),
    // Spanish and Portuguese `15 de febrero de 2020`, English `15th of February`.
    // Greek `από` ("from"), read only in `πριν από 5 λεπτά` (five minutes ago).
    (&["de", "of", "από"], Word::Of),
    // Russian `2020 г.`, `2020 года`, Ukrainian `2020 р.`, `2020 року`, Latvian
    // `2020. gada`, Polish `2020 r.`, `2020 roku`, Armenian `2020թ.`.
    (
        &["г", "года", "р", "року", "gada", "r", "roku", "թ"],
        Word::YearMark,
    ),
    // `thg`: the short form of date pickers and Google's Vietnamese (`15 thg 2, 2020`).
    (&["tháng", "thg"], Word::MonthOf),
    (&["năm"], Word::YearOf),
    (&["พ.ศ.", "ค.ศ."], Word::EraBefore),
    (&["كانون"], Word::MonthPair(12, 1)),
    (&["تشرين"], Word::MonthPair(10, 11)),
    (&["الأول", "الاول"], Word::NthOf(1)),
    (&["الثاني"], Word::NthOf(2)),
    // French `1er février 2020`, Greek `15η Φεβρουαρίου 2020`.
    (&["er", "η", "ης"], Word::Ordinal),
    (&["mis"], Word::Mis),
    (&["jour"], Word::Jour),
    (&["cập"], Word::Cap),
    (&["nhật"], Word::Nhat),
    (PUBLISHED, Word::Published),
    (UPDATED, Word::Updated),
];

/// Weekdays in the languages that print them after the date, before its time: Turkish
/// `15 Şubat 2020 Cumartesi 14:30`, Hungarian `2020. február 15., szombat 14:30`.
const WEEKDAYS_AFTER_DATE: &[&str] = &[
    "pazartesi",
    "salı",
    "çarşamba",
    "perşembe",
    "cuma",
    "cumartesi",
    "pazar",
    "hétfő",
    "kedd",
    "szerda",
    "csütörtök",
    "péntek",
    "szombat",
    "vasárnap",
];

const PUBLISHED: &[&str] = &[
    "veröffentlicht",
    "erschienen",
    "erstellt",
    "publié",
    "publiée",
    "pubblicato",
    "pubblicata",
    // `Data di pubblicazione`, `Fecha de publicación`, `Data de publicação`; Turkish
    // `Oluşturulma Tarihi` (created) and `Eklenme Tarihi` (added).
    "pubblicazione",
    "publicación",
    "publicação",
    "oluşturulma",
    "eklenme",
    // Polish `Data publikacji`, `Publikacja:`; Hungarian `Létrehozva` (created); Danish
    // `Offentliggjort`; German `Veröffentlichung`, `Erstveröffentlichung`.
    "publikacji",
    "publikacja",
    "létrehozva",
    "offentliggjort",
    "veröffentlichung",
    "erstveröffentlichung",
    "publicado",
    "publicada",
    "gepubliceerd",
    "opublikowano",
    "опубліковано",
    "опубликовано",
    "yayınlanma",
    "yayınlandı",
    "publikováno",
    "publikované",
    "publikálva",
    "közzétéve",
    "diterbitkan",
    "dipublikasikan",
    "publicerad",
    "publicerat",
    "udgivet",
    // Norwegian `Opprettet` (created), Dutch `Geplaatst` (posted), Portuguese `Postado em`,
    // Czech `Zveřejněno`, Slovak `Uverejnené`, Turkish `Yayın Tarihi` (publication date),
    // Arabic `تاريخ النشر` (the date of publishing; `النشر` is `نشر` with the article).
    "opprettet",
    "geplaatst",
    "postado",
    "postada",
    "zveřejněno",
    "uverejnené",
    "yayın",
    "النشر",
    "publiceret",
    "publisert",
    "publicat",
    // Romanian `Data publicării` ("date of publication").
    "publicării",
    "publicarii",
    "julkaistu",
    "objavljeno",
    "објављено",
    "објавено",
    "публикувано",
    "апублікавана",
    "paskelbta",
    "publicēts",
    "avaldatud",
    "δημοσιεύθηκε",
    "δημοσίευση",
    "نشر",
    "نشرت",
    "פורסם",
    "פורסמה",
    "प्रकाशित",
    // Vietnamese `Ngày đăng` ("day posted"), `Đăng lúc` ("posted at").
    "đăng",
    // Thai (`เผยแพร่เมื่อ`, "published when", is written as one word), Persian, Urdu,
    // Bengali, Filipino, Albanian, Kazakh, Icelandic.
    "เผยแพร่",
    "เผยแพร่เมื่อ",
    "انتشار",
    "منتشر",
    "شائع",
    "প্রকাশ",
    "প্রকাশিত",
    "inilathala",
    "publikuar",
    "жарияланды",
    "birt",
    // Slovene and Croatian `Datum objave`, Slovak `Dátum zverejnenia` (date of
    // publication), Turkish `Giriş Tarihi` (entry date, beside `Son Güncelleme`).
    "objave",
    "zverejnenia",
    "giriş",
];

const UPDATED: &[&str] = &[
    "aktualisiert",
    "aktualisierung",
    "aggiornato",
    "aggiornata",
    // `Ultimo aggiornamento`, `Última actualización`, `Última atualização`, Turkish
    // `Son Güncelleme`, French `Modifié le`.
    "aggiornamento",
    "actualización",
    "atualização",
    "güncelleme",
    "modifié",
    "modifiée",
    // The nouns and forms of other languages: Polish `Aktualizacja`, `Data aktualizacji`,
    // Czech `Aktualizace`, Russian `Обновление`, `Изменено`, Ukrainian `Оновлення`,
    // `Змінено`, Spanish `Modificado`, Romanian `Actualizare`, Hungarian `Frissítés`,
    // `Módosítva`, Indonesian `Pembaruan`, Finnish `Päivitys`, Dutch `Gewijzigd`. (German
    // `geändert` and `Änderung` are left out: the label search finds words inside words,
    // and `verändert`, `Veränderung` are everywhere.)
    "aktualizacja",
    "aktualizacji",
    "aktualizace",
    "обновление",
    "изменено",
    "оновлення",
    "змінено",
    "modificado",
    "modificada",
    "actualizare",
    "frissítés",
    "módosítva",
    "pembaruan",
    "päivitys",
    "gewijzigd",
    "actualizado",
    "actualizada",
    "atualizado",
    "atualizada",
    "bijgewerkt",
    "zaktualizowano",
    "оновлено",
    "обновлено",
    "güncellenme",
    "güncellendi",
    "aktualizováno",
    "aktualizované",
    "frissítve",
    "diperbarui",
    "uppdaterad",
    "uppdaterat",
    // Bulgarian `Обновена`, `Актуализирано`.
    "обновена",
    "актуализирано",
    "opdateret",
    "oppdatert",
    "actualizat",
    // Romanian `Data actualizării`, `Ultima actualizare`.
    "actualizării",
    "actualizarii",
    "actualizare",
    "päivitetty",
    "ažurirano",
    "ажурирано",
    "обновено",
    "абноўлена",
    "posodobljeno",
    "atnaujinta",
    "atjaunināts",
    "uuendatud",
    "ενημερώθηκε",
    "ενημέρωση",
    // Thai, Persian (`به‌روزرسانی`: its joiner splits it, or is stripped with the other
    // invisible characters), Bengali, Hindi, Malay, Albanian, Kazakh, Icelandic.
    "อัปเดต",
    "อัพเดต",
    "อัพเดท",
    "روزرسانی",
    "بهروزرسانی",
    "بروزرسانی",
    "আপডেট",
    "अपडेट",
    "अपडेटेड",
    "dikemaskini",
    "përditësuar",
    "жаңартылды",
    "uppfært",
    "تحديث",
    "עודכן",
    "עודכנה",
    // Dutch `Aangepast` (NOS), Italian `modifica il …`, `Ultima modifica`.
    "aangepast",
    "modifica",
];

/// Every table of month names: the Solar Hijri months' numbers are read with their own
/// calendar's year (`calendars`).
const TABLES: [&[&[&str]; 12]; 4] = [&MONTHS, &MORE_MONTHS, &CAUCASUS_MONTHS, &SOLAR_HIJRI_MONTHS];

impl Matcher<'_> {
    /// Vietnamese `15 tháng 2 năm 2020` (after `ngày`), `15 tháng 2, 2020`, with a time after.
    pub(super) fn day_thang(&self, i: usize) -> Option<(Finding, usize)> {
        let day = self.num(i, 2)?;
        if !self.is_word(i + 1, Word::MonthOf) {
            return None;
        }
        let month = self.num(i + 2, 2)?;
        // `năm` ("year") before the year, or a comma (`15 tháng 2, 2020`), or nothing.
        let at = if self.is_word(i + 3, Word::YearOf) || self.is_punct(i + 3, b',') {
            i + 4
        } else {
            i + 3
        };
        let year = i32::try_from(self.num_exact(at, 4)?).ok()?;
        let (clock, end) = self.after_date(at + 1);
        Some((Finding::Local(DateSpec::Ymd(year, month, day), clock), end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> TokenKind {
        foreign_word(s.as_bytes())
    }

    #[test]
    fn months_in_many_languages() {
        for (s, n) in [
            ("februar", 2),
            ("février", 2),
            ("févr", 2),
            ("febrero", 2),
            ("febbraio", 2),
            ("fevereiro", 2),
            ("februari", 2),
            ("şubat", 2),
            ("lutego", 2),
            ("февраля", 2),
            ("лютого", 2),
            ("mai", 5),
            ("märz", 3),
            ("décembre", 12),
            ("października", 10),
            ("února", 2),
            ("martie", 3),
            ("helmikuuta", 2),
            ("febrer", 2),
            ("veljače", 2),
            ("augusti", 8),
            ("σεπτεμβρίου", 9),
            ("фебруар", 2),
            ("февруари", 2),
            ("veebruar", 2),
            ("vasario", 2),
            ("februārī", 2),
            ("فبراير", 2),
            ("בפברואר", 2),
            ("फ़रवरी", 2),
        ] {
            assert_eq!(m(s), TokenKind::MonthName(n), "{s}");
        }
        for s in ["maine", "agosti", "ago", "le", "uhr"] {
            assert!(!matches!(m(s), TokenKind::MonthName(_)), "{s}");
        }
    }

    #[test]
    fn labels_and_small_words() {
        assert_eq!(m("veröffentlicht"), TokenKind::Word(Word::Published));
        assert_eq!(m("оновлено"), TokenKind::Word(Word::Updated));
        assert_eq!(m("güncellenme"), TokenKind::Word(Word::Updated));
        assert_eq!(m("um"), TokenKind::Word(Word::At));
        assert_eq!(m("à"), TokenKind::Word(Word::At));
        assert_eq!(m("de"), TokenKind::Word(Word::Of));
        assert_eq!(m("г"), TokenKind::Word(Word::YearMark));
        assert_eq!(m("tháng"), TokenKind::Word(Word::MonthOf));
    }

    #[test]
    fn no_month_form_is_in_two_months() {
        let all = || TABLES.iter().flat_map(|t| t.iter().enumerate());
        for (a, forms) in all() {
            for f in *forms {
                // No form is longer than the tokenizer's word.
                assert!((3..=36).contains(&f.len()), "{f}");
                let rows: Vec<usize> = all()
                    .filter(|(_, fs)| fs.contains(f))
                    .map(|(row, _)| row)
                    .collect();
                assert_eq!(rows, vec![a], "{f}");
                // Read as this month by the tokenizer, not as another word first.
                let month = u8::try_from(a + 1).ok().map(TokenKind::MonthName);
                assert_eq!(
                    Some(super::super::words::latin_word(f.as_bytes())),
                    month,
                    "{f}"
                );
            }
        }
    }
}
