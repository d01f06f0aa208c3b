//! Relative times in the other languages news pages print them in: the units, the words
//! for "ago" and the indefinite articles of `vor 3 Stunden`, `vor einer Stunde`,
//! `il y a 2 jours`, `hace una hora`, `há 3 horas`, `3 ore fa`, `2 uur geleden`,
//! `3 godziny temu`, `3 часа назад`, `3 години тому`, `3 saat önce`, `3 giờ trước`,
//! `3 jam yang lalu`. The English and
//! Korean ones are in the `words` module; the `relative` module reads them all.

use super::words::Word;

/// The word a lower-cased token stands for, if it is one of these.
pub(super) fn word(w: &[u8]) -> Option<Word> {
    let is = |forms: &[&str]| forms.iter().any(|f| f.as_bytes() == w);
    let lists: [(&[&str], Word); 12] = [
        (SECONDS, Word::Second),
        (MINUTES, Word::Minute),
        (HOURS, Word::Hours),
        (DAYS, Word::Day),
        (WEEKS, Word::Week),
        (MONTHS, Word::Months),
        (YEARS, Word::Year),
        // After the time: Italian, Dutch, Polish, Russian, Ukrainian, Turkish, Vietnamese,
        // Indonesian.
        (
            &[
                "fa",
                "geleden",
                "temu",
                "назад",
                "тому",
                "önce",
                "trước",
                "lalu",
            ],
            Word::Ago,
        ),
        // Indonesian `3 jam yang lalu`: "that (is) past".
        (&["yang"], Word::Yang),
        // Before it: German, Spanish, Portuguese.
        (&["vor", "hace", "há"], Word::AgoBefore),
        // French `il y a`: `y` and `a` read as the English `y` (year) and `a`.
        (&["il"], Word::Il),
        (
            &[
                "ein", "eine", "einer", "einem", "einen", "un", "une", "una", "uma", "een",
            ],
            Word::IndefiniteArticle,
        ),
    ];
    lists
        .into_iter()
        .find(|(forms, _)| is(forms))
        .map(|(_, word)| word)
}

// The forms a count takes in each language (German, French, Spanish, Portuguese, Italian,
// Dutch, Polish, Russian, Ukrainian, Turkish, Vietnamese, Indonesian; Vietnamese months and
// years are `tháng` and `năm`, read as in its dates); the English ones and French `jour` (also the
// `jour` of `mis à jour`) are known elsewhere, and so are `года`, `р.` and `року`, read as
// years after a count.
const SECONDS: &[&str] = &[
    "sekunde",
    "sekunden",
    "sek",
    "seconde",
    "secondes",
    "segundo",
    "segundos",
    "secondo",
    "secondi",
    "seconden",
    "sekund",
    "sekundy",
    "sekundę",
    "секунд",
    "секунду",
    "секунды",
    "секунди",
    "saniye",
];
const MINUTES: &[&str] = &[
    "minuten",
    "minuto",
    "minutos",
    "minuti",
    "minuut",
    "minut",
    "minuty",
    "minutę",
    "минут",
    "минуту",
    "минуты",
    "хвилин",
    "хвилину",
    "хвилини",
    "dakika",
    "phút",
    "menit",
];
const HOURS: &[&str] = &[
    "stunde",
    "stunden",
    "std",
    "heure",
    "heures",
    "hora",
    "horas",
    "ora",
    "ore",
    "uur",
    "godzina",
    "godziny",
    "godzinę",
    "godzin",
    "час",
    "часа",
    "часов",
    "годину",
    "години",
    "годин",
    "saat",
    "giờ",
    "jam",
];
const DAYS: &[&str] = &[
    "tag", "tage", "tagen", "jours", "día", "días", "dia", "dias", "giorno", "giorni", "dag",
    "dagen", "dzień", "dni", "день", "дня", "дней", "дні", "днів", "gün", "ngày", "hari",
];
const WEEKS: &[&str] = &[
    "woche",
    "wochen",
    "semaine",
    "semaines",
    "semana",
    "semanas",
    "settimana",
    "settimane",
    "weken",
    "tydzień",
    "tygodnie",
    "tygodni",
    "неделю",
    "недели",
    "недель",
    "тиждень",
    "тижні",
    "тижнів",
    "hafta",
    "tuần",
    "minggu",
];
const MONTHS: &[&str] = &[
    "monat",
    "monate",
    "monaten",
    "mois",
    "mes",
    "meses",
    "mese",
    "mesi",
    "maand",
    "maanden",
    "miesiąc",
    "miesiące",
    "miesięcy",
    "месяц",
    "месяца",
    "месяцев",
    "місяць",
    "місяці",
    "місяців",
    "ay",
    "bulan",
];
const YEARS: &[&str] = &[
    "jahr",
    "jahre",
    "jahren",
    "ans",
    "année",
    "années",
    "año",
    "años",
    "ano",
    "anos",
    "anno",
    "anni",
    "jaar",
    "jaren",
    "rok",
    "lata",
    "lat",
    "год",
    "лет",
    "рік",
    "роки",
    "років",
    "yıl",
    "tahun",
];
