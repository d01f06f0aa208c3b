//! Words in languages other than Korean and English: month names in
//! German, French, Spanish, Italian, Portuguese, Dutch, Turkish, Polish,
//! Russian and Ukrainian (full, genitive and common short forms), and in
//! Czech, Romanian, Finnish, Catalan, Croatian, Swedish, Danish, Norwegian
//! and Greek (the forms a date prints: `15. února 2020`, `15 martie 2020`,
//! `15. helmikuuta 2020`, `15 de febrer de 2020`, `15 Φεβρουαρίου 2020`), the
//! published / updated labels (`Veröffentlicht`, `Publié`, `Оновлено`, …),
//! and the small words around a date (`de`, `um`, `à`, `г.`, `tháng`);
//! and the Vietnamese date `ngày 15 tháng 2 năm 2020`, part of the
//! [`Matcher`]'s walk.
//!
//! Words reach here lowercased, whole, only when the English vocabulary did
//! not know them; a short month form (`mar`, `mai`, `set`) is only ever read
//! next to a day and a year, as any month name is.

use super::patterns::{DateSpec, Finding, Matcher};
use super::tokens::TokenKind;
use super::words::Word;

/// Classifies a lowercase word (UTF-8) that is not English.
pub(super) fn foreign_word(w: &[u8]) -> TokenKind {
    if let Some(m) = month(w) {
        return TokenKind::MonthName(m);
    }
    use Word::*;
    let is = |forms: &[&str]| forms.iter().any(|f| f.as_bytes() == w);
    let word = if is(&["um", "à", "às", "alle", "om"]) {
        // German `um 14:30`, French `à 14h30`, Portuguese `às`, Italian
        // `alle`, Dutch `om`.
        At
    } else if is(&["klo", "kl"]) {
        Kello
    } else if w == b"de" || w == b"of" {
        // Spanish and Portuguese `15 de febrero de 2020`, English `15th of February`.
        Of
    } else if is(&["г", "года", "р", "року"]) {
        // Russian `2020 г.`, `2020 года`, Ukrainian `2020 р.`, `2020 року`.
        YearMark
    } else if is(&["tháng"]) {
        MonthOf
    } else if is(&["năm"]) {
        YearOf
    } else if w == b"er" {
        // French `1er février 2020`.
        Ordinal
    } else if w == b"mis" {
        Mis
    } else if w == b"jour" {
        Jour
    } else if is(&["cập"]) {
        Cap
    } else if is(&["nhật"]) {
        Nhat
    } else if is(PUBLISHED) {
        Published
    } else if is(UPDATED) {
        Updated
    } else if let Some(word) = super::ago_words::word(w) {
        word
    } else {
        return TokenKind::Other;
    };
    TokenKind::Word(word)
}

const PUBLISHED: &[&str] = &[
    "veröffentlicht",
    "erschienen",
    "erstellt",
    "publié",
    "publiée",
    "pubblicato",
    "pubblicata",
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
    "publiceret",
    "publisert",
    "publicat",
    "julkaistu",
    "objavljeno",
];

const UPDATED: &[&str] = &[
    "aktualisiert",
    "aktualisierung",
    "aggiornato",
    "aggiornata",
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
    "opdateret",
    "oppdatert",
    "actualizat",
    "päivitetty",
    "ažurirano",
];

/// Month names, each row the month's forms in every language covered (the
/// English ones are in the `words` module). `ago` (Spanish, Italian,
/// Portuguese August) is left out: it is the English `ago`.
const MONTHS: [&[&str]; 12] = [
    &[
        "januar",
        "jänner",
        "jän",
        "janvier",
        "janv",
        "enero",
        "ene",
        "gennaio",
        "gen",
        "janeiro",
        "januari",
        "ocak",
        "oca",
        "stycznia",
        "styczeń",
        "sty",
        "января",
        "январь",
        "янв",
        "січня",
        "січень",
        "січ",
        "ledna",
        "ianuarie",
        "tammikuuta",
        "gener",
        "siječnja",
        "ιανουαρίου",
        "ιανουάριος",
        "január",
        "januára",
    ],
    &[
        "februar",
        "février",
        "fevrier",
        "févr",
        "fevr",
        "fév",
        "fev",
        "febrero",
        "febbraio",
        "fevereiro",
        "februari",
        "şubat",
        "şub",
        "lutego",
        "luty",
        "lut",
        "февраля",
        "февраль",
        "февр",
        "фев",
        "лютого",
        "лютий",
        "лют",
        "února",
        "februarie",
        "helmikuuta",
        "febrer",
        "veljače",
        "φεβρουαρίου",
        "φεβρουάριος",
        "február",
        "febr",
        "februára",
    ],
    &[
        "märz",
        "mär",
        "mrz",
        "mars",
        "marzo",
        "março",
        "maart",
        "mrt",
        "mart",
        "marca",
        "marzec",
        "марта",
        "март",
        "мар",
        "березня",
        "березень",
        "бер",
        "března",
        "martie",
        "maaliskuuta",
        "març",
        "ožujka",
        "μαρτίου",
        "μάρτιος",
        "március",
        "márc",
        "marts",
        "maret",
    ],
    &[
        "avril",
        "avr",
        "abril",
        "abr",
        "aprile",
        "nisan",
        "nis",
        "kwietnia",
        "kwiecień",
        "kwi",
        "апреля",
        "апрель",
        "апр",
        "квітня",
        "квітень",
        "кві",
        "dubna",
        "aprilie",
        "huhtikuuta",
        "travnja",
        "απριλίου",
        "απρίλιος",
        "április",
        "ápr",
        "apríla",
    ],
    &[
        "mai",
        "mayo",
        "maggio",
        "mag",
        "maio",
        "mei",
        "mayıs",
        "maja",
        "maj",
        "мая",
        "май",
        "травня",
        "травень",
        "тра",
        "května",
        "toukokuuta",
        "maig",
        "svibnja",
        "μαΐου",
        "μάιος",
        "május",
        "máj",
        "mája",
    ],
    &[
        "juni",
        "juin",
        "junio",
        "giugno",
        "giu",
        "junho",
        "haziran",
        "haz",
        "czerwca",
        "czerwiec",
        "cze",
        "июня",
        "июнь",
        "июн",
        "червня",
        "червень",
        "чер",
        "června",
        "iunie",
        "kesäkuuta",
        "juny",
        "lipnja",
        "ιουνίου",
        "ιούνιος",
        "június",
        "jún",
        "júna",
    ],
    &[
        "juli",
        "juillet",
        "juil",
        "julio",
        "luglio",
        "lug",
        "julho",
        "temmuz",
        "tem",
        "lipca",
        "lipiec",
        "lip",
        "июля",
        "июль",
        "июл",
        "липня",
        "липень",
        "лип",
        "července",
        "iulie",
        "heinäkuuta",
        "juliol",
        "srpnja",
        "ιουλίου",
        "ιούλιος",
        "július",
        "júl",
        "júla",
    ],
    &[
        "août",
        "aout",
        "agosto",
        "augustus",
        "ağustos",
        "ağu",
        "sierpnia",
        "sierpień",
        "sie",
        "августа",
        "август",
        "авг",
        "серпня",
        "серпень",
        "сер",
        "srpna",
        "elokuuta",
        "agost",
        "kolovoza",
        "augusti",
        "αυγούστου",
        "αύγουστος",
        "augusztus",
        "agustus",
        "agu",
        "ags",
        "augusta",
    ],
    &[
        "septembre",
        "septiembre",
        "setiembre",
        "settembre",
        "set",
        "setembro",
        "eylül",
        "eyl",
        "września",
        "wrzesień",
        "wrz",
        "сентября",
        "сентябрь",
        "сент",
        "сен",
        "вересня",
        "вересень",
        "вер",
        "září",
        "septembrie",
        "syyskuuta",
        "setembre",
        "rujna",
        "σεπτεμβρίου",
        "σεπτέμβριος",
        "szeptember",
        "szept",
        "septembra",
    ],
    &[
        "oktober",
        "okt",
        "octobre",
        "octubre",
        "ottobre",
        "ott",
        "outubro",
        "out",
        "ekim",
        "eki",
        "października",
        "październik",
        "paź",
        "октября",
        "октябрь",
        "окт",
        "жовтня",
        "жовтень",
        "жов",
        "října",
        "octombrie",
        "lokakuuta",
        "οκτωβρίου",
        "οκτώβριος",
        "október",
        "októbra",
    ],
    &[
        "novembre",
        "noviembre",
        "novembro",
        "kasım",
        "kas",
        "listopada",
        "listopad",
        "lis",
        "ноября",
        "ноябрь",
        "нояб",
        "ноя",
        "листопада",
        "листопад",
        "лис",
        "listopadu",
        "noiembrie",
        "marraskuuta",
        "studenoga",
        "studenog",
        "νοεμβρίου",
        "νοέμβριος",
        "novembra",
    ],
    &[
        "dezember",
        "dez",
        "décembre",
        "decembre",
        "déc",
        "diciembre",
        "dic",
        "dicembre",
        "dezembro",
        "aralık",
        "ara",
        "grudnia",
        "grudzień",
        "gru",
        "декабря",
        "декабрь",
        "дек",
        "грудня",
        "грудень",
        "гру",
        "prosince",
        "decembrie",
        "joulukuuta",
        "desembre",
        "prosinca",
        "desember",
        "δεκεμβρίου",
        "δεκέμβριος",
        "decembra",
    ],
];

/// The month a non-English month name stands for.
fn month(w: &[u8]) -> Option<u8> {
    // Every form is 3 to 22 bytes long (Greek letters take two); most words are not months.
    if !(3..=22).contains(&w.len()) {
        return None;
    }
    MONTHS
        .iter()
        .position(|forms| forms.iter().any(|f| f.as_bytes() == w))
        .and_then(|m| u8::try_from(m + 1).ok())
}

impl Matcher<'_> {
    /// Vietnamese `15 tháng 2 năm 2020` (after `ngày`), with a time after.
    pub(super) fn day_thang(&self, i: usize) -> Option<(Finding, usize)> {
        let day = self.num(i, 2)?;
        if !self.is_word(i + 1, Word::MonthOf) {
            return None;
        }
        let month = self.num(i + 2, 2)?;
        if !self.is_word(i + 3, Word::YearOf) {
            return None;
        }
        let year = i32::try_from(self.num_exact(i + 4, 4)?).ok()?;
        let (clock, end) = self.after_date(i + 5);
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
        for (a, forms) in MONTHS.iter().enumerate() {
            for f in *forms {
                assert!((3..=22).contains(&f.len()), "{f}");
                let first = MONTHS.iter().position(|fs| fs.contains(f));
                assert_eq!(first, Some(a), "{f}");
            }
        }
    }
}
