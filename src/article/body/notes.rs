//! The short notes a site sets among an article's paragraphs that are not its text: a
//! picture's credit standing alone ("Image Credits: Fieldline"), a shop's affiliate
//! disclosure, a wire service's copyright notice, a line asking readers for tips. Each is
//! read from its text alone, and only on a short block: a paragraph of the story that
//! mentions a commission or a copyright is longer than any of these.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use crate::article::fine_print::TIP_CALLS;
use crate::html::holds_no_text;

/// Whether a short block's text is one of these notes.
pub(super) fn is_note(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() || t.len() > NOTE_CHARS * 4 {
        return false;
    }
    let chars = t.chars().count();
    if chars > NOTE_CHARS {
        return false;
    }
    // Credits are short; the other notes are told by their phrases, found in one pass
    // (this runs on every short block and inline element of a body).
    (chars <= CREDIT_CHARS
        && (credit_only(t, &t.to_lowercase()) || crate::article::fine_print::is_sign_off(t)))
        || says_a_note(t)
}

/// Whether a short text is only a picture's credit ([`credit_only`]): what a caption's last
/// line may be ("Photograph: University of Exeter", "(AP Photo/Iris Samuels)").
pub(in crate::article) fn is_credit(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.len() <= CREDIT_CHARS * 4
        && t.chars().count() <= CREDIT_CHARS
        && credit_only(t, &t.to_lowercase())
}

/// Whether an element may hold a note, read from its text as the page stores it, without a
/// copy: short enough to be a credit, or holding one of the notes' phrases. Most paragraphs
/// are neither and are not read again.
pub(super) fn may_be_note(el: scraper::ElementRef) -> bool {
    let mut chars = 0;
    // The text a reader could see: not a script's or a style's.
    let pieces = el.descendants().filter_map(|n| {
        let text = n.value().as_text()?;
        let code = n
            .parent()
            .and_then(|p| p.value().as_element())
            .is_some_and(|p| holds_no_text(p.name()));
        (!code).then_some(&**text)
    });
    for piece in pieces {
        if NOTE_MATCHER.is_match(piece) {
            return true;
        }
        // Characters that are not ASCII white space, counted by their first bytes.
        chars += piece
            .bytes()
            .filter(|b| !b.is_ascii_whitespace() && b & 0xC0 != 0x80)
            .count();
        if chars > NOTE_CHARS {
            return false;
        }
    }
    chars <= CREDIT_CHARS
}

/// The longest credit (characters).
const CREDIT_CHARS: usize = 80;

/// The longest note (characters): a wire service's notice runs to some 150, an affiliate
/// disclosure to some 250.
const NOTE_CHARS: usize = 300;

/// Words that open a credit or a source line, before a colon, a slash or "by".
const CREDIT_LABELS: &[&str] = &[
    // The BBC's, whose label is hidden from sight: "Image source, Environment Agency".
    "image source",
    "image credits",
    "image credit",
    "image",
    "images",
    "photo credits",
    "photo credit",
    "photograph",
    "photographs",
    "photos",
    "photo",
    "picture",
    "pictures",
    "screenshot",
    "illustration",
    "credits",
    "credit",
    "foto",
    "fotos",
    "fotó",
    "bild",
    "bilder",
    "crédits photo",
    "crédit photo",
    "crédits",
    "crédit",
    "créditos",
    "crédito",
    "credito",
    "фото",
    "zdjęcie",
    "kuva",
    "ảnh",
    // Where a picture, a table or the story came from ("Źródło: PAP", "Quelle: dpa").
    "sources",
    "source",
    "źródło",
    "quellen",
    "quelle",
    "fuente",
    "fonte",
    "источник",
    "джерело",
    "kaynak",
    "forrás",
    "zdroj",
    "bron",
    // Korean, Japanese and Chinese: "자료: 각 업권 협회", "사진=연합뉴스", "写真：筆者撮影".
    "사진",
    "자료",
    "그래픽",
    "출처",
    "写真",
    "資料",
    "图片来源",
    "图片",
];

/// What sets a credit apart from the caption before it (" | Foto: …", "/ Valley Public
/// Media"). A dash is not enough alone: "– Markus Eilers" may close a quote.
const SEPARATORS: &[char] = &['|', '/', '©', ' '];
const BEFORE_LABEL: &[char] = &['|', '/', '·', '-', '–', '—', '©', ' '];

/// Whether a text is only a picture's credit: names after a label ("Photo: Jane Doe/AP",
/// "Image Credits: Fieldline", "Foto: Wojciech Zieliński / MZD"), after a separator ("/
/// Valley Public Media", "© Reuters") or in brackets ("(Jon Mercer for The Capital
/// Ledger)"); not a caption that opens with the label ("Photo: Firefighters battle the blaze
/// on Tuesday").
/// Its only caller, [`is_note`], has already held `t` to [`CREDIT_CHARS`].
fn credit_only(t: &str, lower: &str) -> bool {
    // A code comment (`// 11`) is no credit.
    if t.starts_with("//") {
        return false;
    }
    // Names without a label are told by their capitals: a script without them (`(泰雅族名:
    // 摟信)`) is left alone.
    // Capitals and small letters both: a transcript's cue is in capitals alone
    // ("(SOUNDBITE OF ESPRESSO MACHINE)").
    let capitalised = |s: &str| {
        s.chars().any(char::is_uppercase) && s.chars().any(char::is_lowercase) && names_only(s)
    };
    if let Some(inner) = t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        // Two words at least: a lone "(Reuters)" is more often a dateline's.
        return (inner.split_whitespace().count() >= 2 && capitalised(inner))
            || credit_only(inner.trim(), &inner.trim().to_lowercase());
    }
    // A labelled credit in brackets: "[사진=뉴스핌DB]", "（写真：筆者撮影）".
    if let Some(inner) = t
        .strip_prefix(['[', '（', '【'])
        .and_then(|r| r.strip_suffix([']', '）', '】']))
    {
        return credit_only(inner.trim(), &inner.trim().to_lowercase());
    }
    let bare = t.trim_start_matches(SEPARATORS);
    if bare.len() < t.len() && capitalised(bare) {
        return true;
    }
    let bare = t.trim_start_matches(BEFORE_LABEL);
    let lower = lower.trim_start_matches(BEFORE_LABEL);
    CREDIT_LABELS.iter().any(|label| {
        // Cheap on the lower-cased text first; then the same label cut from the text as
        // written (lower-casing may change a text's length), to see the credit's capitals.
        if !lower.starts_with(label) {
            return false;
        }
        let at = bare
            .char_indices()
            .nth(label.chars().count())
            .map_or(bare.len(), |(at, _)| at);
        if !bare[..at].to_lowercase().eq(label) {
            return false;
        }
        let rest = bare[at..].trim_start();
        let credit = rest
            .strip_prefix([':', '：', '/', '|', '©', '='])
            .or_else(|| rest.strip_prefix(',').filter(|_| *label == "image source"))
            .or_else(|| rest.strip_prefix("by "))
            .or_else(|| rest.strip_prefix("By "));
        credit.is_some_and(|c| names_only(c) && (cased(c) || short_uncased(c)))
    })
}

/// Whether a text has letters in upper or lower case: names in such a script are told by
/// their capitals.
fn cased(text: &str) -> bool {
    text.chars().any(|c| c.is_uppercase() || c.is_lowercase())
}

/// Names in a script without capitals (Hangul, kana, Han): a caption opening with the label
/// ("사진: 시민들이 거리를 걷고 있다.") is a sentence, longer and ending like one.
fn short_uncased(text: &str) -> bool {
    let t = text.trim();
    t.split_whitespace().count() <= 4 && t.chars().count() <= 25 && !t.ends_with(['.', '。', '다'])
}

/// Whether a text reads as names (of people or agencies): its words capitalised, but for a
/// few joining words ("Jane Doe for The Post", "AFP via Getty Images").
fn names_only(text: &str) -> bool {
    const JOINING: &[&str] = &[
        "on",
        "for",
        "via",
        "and",
        "of",
        "the",
        "by",
        "de",
        "da",
        "di",
        "von",
        "van",
        "der",
        "la",
        "le",
        "y",
        "e",
        "et",
        "und",
        "/",
        "|",
        "-",
        "–",
        "&",
        // What a credit says of the picture ("Gazette photo/Janet Rucker", "courtesy of").
        "photo",
        "photos",
        "file",
        "staff",
        "photographer",
        "courtesy",
        "handout",
    ];
    let mut words = 0;
    for w in text.split_whitespace() {
        words += 1;
        // "photo/Janet": each part of a word joined by slashes on its own.
        for part in w.split('/').filter(|p| !p.is_empty()) {
            let lower_start = part.starts_with(|c: char| c.is_lowercase());
            if lower_start && !JOINING.contains(&part) {
                return false;
            }
        }
    }
    words > 0 && words <= 8
}

/// What each of [`NOTE_PHRASES`] says, by the lists it is made of.
#[derive(Clone, Copy, PartialEq)]
enum Phrase {
    /// An affiliate disclosure ("This post may contain affiliate links"), in the common
    /// languages.
    Disclosure,
    /// A commission earned: the site's only when earned through links ("We may earn a
    /// commission when you buy through links on our site"); alone, news ("the agency will
    /// earn a commission on every ticket").
    Commission,
    Link,
    /// "All rights reserved": a notice when the text opens with the copyright or says what
    /// "may not be" done ("Copyright 2024 The Associated Press. All rights reserved. This
    /// material may not be published, broadcast, rewritten or redistributed").
    Rights,
    MayNotBe,
    /// A wire service's notice, whole.
    WireNotice,
    /// Notes a publisher sets under each of its stories of a kind: a broadcaster's under its
    /// transcripts ("NPR transcripts are created on a rush deadline … This text may not be in
    /// its final form"), British regional papers' under council stories ("The Local
    /// Democracy Reporting Service is a BBC-funded scheme …").
    Standing,
    /// What a line asks of readers who have news, or says how to reach the reporter ("Do you
    /// have a story to share? Email us at …", "Reach her at …"): only with an address in it.
    Tip,
    /// A wire story's closing credits, when the line opens with a bracket ("(Reporting by …;
    /// Editing by …)").
    SignOff,
    /// How to cite the story, when the line opens with "Citation" ("Citation: … (2019, May
    /// 14) retrieved 15 May 2019 from https://…").
    Retrieved,
}

const NOTE_PHRASES: &[(&str, Phrase)] = &[
    ("affiliate link", Phrase::Disclosure),
    ("affiliate commission", Phrase::Disclosure),
    ("als amazon-partner", Phrase::Disclosure),
    ("affiliate-link", Phrase::Disclosure),
    ("liens affiliés", Phrase::Disclosure),
    ("liens d'affiliation", Phrase::Disclosure),
    ("enlaces de afiliado", Phrase::Disclosure),
    ("link di affiliazione", Phrase::Disclosure),
    ("links de afiliados", Phrase::Disclosure),
    ("earn a commission", Phrase::Commission),
    ("earn a small commission", Phrase::Commission),
    ("earn commission", Phrase::Commission),
    ("receive a commission", Phrase::Commission),
    ("link", Phrase::Link),
    ("all rights reserved", Phrase::Rights),
    ("may not be", Phrase::MayNotBe),
    ("may not be published, broadcast", Phrase::WireNotice),
    ("may not be in its final form", Phrase::Standing),
    ("created on a rush deadline", Phrase::Standing),
    ("local democracy reporting service is", Phrase::Standing),
    ("this document is subject to copyright", Phrase::Standing),
    // A personal-essay site's call under each essay ("Have a compelling personal story you
    // want to see published? … send us a pitch.").
    ("send us a pitch", Phrase::Standing),
    ("reporting by", Phrase::SignOff),
    ("editing by", Phrase::SignOff),
    ("writing by", Phrase::SignOff),
    ("retrieved", Phrase::Retrieved),
    ("story to share", Phrase::Tip),
    ("got a story", Phrase::Tip),
    ("have a story", Phrase::Tip),
    ("news tip", Phrase::Tip),
    ("have a tip", Phrase::Tip),
    ("got a tip", Phrase::Tip),
    ("tip us", Phrase::Tip),
    ("send us your", Phrase::Tip),
    ("reach her at", Phrase::Tip),
    ("reach him at", Phrase::Tip),
    ("reach them at", Phrase::Tip),
    ("contact the reporter", Phrase::Tip),
    ("contact this reporter", Phrase::Tip),
    ("schreiben sie uns", Phrase::Tip),
    ("écrivez-nous", Phrase::Tip),
    ("escríbenos", Phrase::Tip),
    ("scrivici", Phrase::Tip),
];

/// [`NOTE_PHRASES`], then Korean calls for tips ([`TIP_CALLS`], each a
/// [`Phrase::Standing`]), found in one scan, ASCII letters in any case.
static NOTE_MATCHER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        // A DFA: built once, then the fastest to run over every short paragraph.
        .kind(Some(AhoCorasickKind::DFA))
        .build(NOTE_PHRASES.iter().map(|(p, _)| p).chain(TIP_CALLS))
        .expect("static patterns")
});

/// Whether a text says one of the notes [`NOTE_PHRASES`] tell.
fn says_a_note(t: &str) -> bool {
    let mut found = [false; 10];
    for m in NOTE_MATCHER.find_overlapping_iter(t) {
        let phrase = NOTE_PHRASES
            .get(m.pattern().as_usize())
            .map_or(Phrase::Standing, |(_, p)| *p);
        found[phrase as usize] = true;
    }
    let has = |p: Phrase| found[p as usize];
    let opens_with = |o: &str| t.get(..o.len()).is_some_and(|h| h.eq_ignore_ascii_case(o));
    let opens = ["copyright", "©", "(c)"].iter().any(|o| opens_with(o));
    has(Phrase::Disclosure)
        || (has(Phrase::Commission) && has(Phrase::Link))
        || (has(Phrase::Rights) && (opens || has(Phrase::MayNotBe)))
        || has(Phrase::WireNotice)
        || has(Phrase::Standing)
        || (has(Phrase::Tip) && t.contains('@'))
        || (has(Phrase::SignOff) && t.starts_with('('))
        || (has(Phrase::Retrieved) && opens_with("citation"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_and_story_lines() {
        let cases: &[(&str, bool)] = &[
            ("Image Credits: Fieldline", true),
            ("Photo: Jane Doe for The Meridian Post", true),
            ("Foto: Wojciech Zieliński / MZD", true),
            (" | Foto: Wojciech Zieliński / Polska Teraz", true),
            // Globo's caption credit, in its own span after the caption
            ("— Foto: Marcelo Arantes/Portal Notícias", true),
            ("— Foto: a fila no posto de saúde do bairro", false),
            ("Źródło: Polska Teraz Toruń, MZD Toruń", true),
            ("Source: Bureau of Labor Statistics", true),
            ("/ Valley Public Media", true),
            ("Image source, Environment Agency", true),
            ("(Jon Mercer for The Capital Ledger)", true),
            ("(Reuters)", false),
            ("(SOUNDBITE OF ESPRESSO MACHINE)", false),
            ("(Gazette photo/Janet Rucker)", true),
            ("Photo by Jan Vlášek on Unsplash", true),
            ("Ảnh: Nguyễn Đông", true),
            ("// \"GET\"", false),
            ("(泰雅族名: 摟信)", false),
            ("(left to right)", false),
            ("– Markus Eilers, Bürger für Lindenhagen", false),
            ("– Foto: Markus Eilers", true),
            ("Sources say the deal is close.", false),
            ("Photograph: AFP via Getty Images", true),
            ("Photo: Firefighters battle the blaze on Tuesday.", false),
            ("Photography is his first love.", false),
            (
                "Do you live in a tiny house or work in affordable housing? Contact this reporter at nbrennan@businessinsider.com.",
                true,
            ),
            ("Contact this reporter if you were at the meeting.", false),
            (
                "This post may contain affiliate links. Please read our disclosure policy.",
                true,
            ),
            (
                "We may earn a commission when you buy through links on our site.",
                true,
            ),
            (
                "Copyright 2024 The Associated Press. All rights reserved. This material may \
                 not be published, broadcast, rewritten or redistributed without permission.",
                true,
            ),
            (
                "Do you have a story to share? Email us at yourstory@example.co.uk",
                true,
            ),
            (
                "Nicole Pratt covers business for the Ledger-Gazette. Reach her at \
                 npratt@example.com or 845-555-0163.",
                true,
            ),
            ("Do you have a story to share? Call the newsroom.", false),
            (
                "The agency will earn a commission on every ticket it sells, the council said, \
                 and the contract runs for five years.",
                false,
            ),
            ("© 2024 Reuters. All rights reserved.", true),
            (
                "The Local Democracy Reporting Service is a BBC-funded scheme which supplies \
                 news about local councils to regional publishers.",
                true,
            ),
            (
                "The label printed \"all rights reserved\" on every sleeve.",
                false,
            ),
            ("The council voted on Tuesday to build a tram line.", false),
            (
                "(Reporting by Ana Ruiz in Madrid; Editing by Peter Hall)",
                true,
            ),
            ("Reporting by the paper's team led to the inquiry.", false),
            ("Screenshot: Harborlight Games", true),
            ("자료: 각 업권 협회", true),
            ("[사진=뉴스핌DB]", true),
            ("사진: 시민들이 벚꽃길을 걷고 있다.", false),
            ("写真：筆者撮影", true),
            ("Screenshots show the menu.", false),
            (
                "Citation: Songbirds are arriving earlier (2019, May 14) retrieved 15 May 2019 \
                 from https://example.org/news/songbirds.html",
                true,
            ),
            ("The records were retrieved from the archive in May.", false),
            (
                "This document is subject to copyright. Apart from any fair dealing for the \
                 purpose of private study or research, no part may be reproduced without the \
                 written permission.",
                true,
            ),
        ];
        let wrong: Vec<_> = cases
            .iter()
            .filter(|(t, want)| is_note(t) != *want)
            .collect();
        assert!(wrong.is_empty(), "wrong on {wrong:?}");
    }
}
