//! What a box that asks something of the reader says: sign up, subscribe, donate, download
//! the app, report a typo. Such a box is never part of the article, whatever its name.

/// Whether a block's opening text asks the reader to sign up for something: a newsletter
/// or subscription box, in any of the common languages.
pub(super) fn is_promo_text(text: &str) -> bool {
    const ASKS: &[&str] = &[
        "newsletter",
        "sign up",
        "subscribe",
        "suscríbete",
        "suscribete",
        "boletín",
        "abonnez-vous",
        "inscrivez-vous",
        "jetzt anmelden",
        "abonnieren",
        "melden sie sich",
        "iscriviti",
        "뉴스레터",
        "구독하기",
        // "Join our breaking news service on WhatsApp", "scan the QR code": the boxes a
        // large British publishing group sets between paragraphs.
        "join our",
        "click here to join",
        "scan the qr code",
        // Donation appeals of reader-funded newsrooms ("… we have a small favour to ask.").
        "favour to ask",
        "favor to ask",
        "ihre spende",
        "jetzt spenden",
        "donate now",
        "support our journalism",
        "support independent journalism",
        "consider supporting",
        "please support us",
        "make a contribution",
        "readers like you",
        // Membership appeals: "The Meridian is reader-supported. … consider becoming a member".
        "reader-supported",
        "reader supported",
        "becoming a member",
        "become a member",
        // Ukrainian and Russian appeals to support the newsroom.
        "просимо вас підтримати",
        "підтримайте нас",
        "підтримати нас",
        "поддержите нас",
        "підтримайте незалежну",
        "поддержать нас",
        // Hungarian "support us" ("Támogasd a … munkáját!").
        "támogasd",
        // A Brazilian portal's "join our WhatsApp channel", an Indonesian one's.
        "participe do canal",
        "whatsapp channel",
        // Swedish and Norwegian subscription boxes ("Prenumerera på …", "Bli prenumerant").
        "prenumerera",
        "bli prenumerant",
        "bli abonnent",
        // A science news site's feedback form ("If you have come across a typo …").
        "feedback to editors",
        "come across a typo",
        // A letters page's box on how to write in ("Have your say: Letters should be no
        // longer than 250 words … Email letters@…").
        "have your say",
        // A feedback widget ("Was this article helpful? Yes No").
        "was this article helpful",
        "was this helpful",
        "war dieser artikel hilfreich",
        "unterstützen sie unseren journalismus",
        "soutenez notre journalisme",
        // Thai "support us", over a bank account and a PayPal link (Prachatai).
        "ร่วมสนับสนุนเรา",
        // Paywall boxes where the free part of the article ends ("Il vous reste 68 % de cet
        // article à lire. La suite est réservée aux abonnés.").
        "de cet article à lire",
        "réservée aux abonnés",
        "already a subscriber",
        "bereits ein abo",
        "schon ein abo",
        "weiterlesen mit",
        "déjà abonné",
        "al abonnee",
        "redan prenumerant",
        "to continue reading",
        "jetzt weiterlesen",
        "bereits abonnent",
        "para seguir leyendo",
        "ya eres suscriptor",
        "per continuare a leggere",
        "sei già abbonato",
        "para continuar lendo",
        "já é assinante",
        // Japanese: "This is a paid article. … Become a paid member to read on."
        "有料記事です",
        "有料会員になると",
    ];
    let lower = text.to_lowercase();
    ASKS.iter().chain(TYPO_NOTE).any(|a| asks_in(&lower, a)) || offers_an_app(&lower)
}

/// "Found a mistake? Select the text and press Ctrl+Enter": a box that asks the reader to
/// report a typo, on many Eastern European sites. An ask of [`is_promo_text`]'s, and what
/// [`is_typo_note`] looks for.
const TYPO_NOTE: &[&str] = &["ctrl+enter", "ctrl + enter"];

/// Whether `lower` asks the reader to download the site's app ("Download the KVRT 12 app
/// for breaking news, weather alerts and live newscasts").
fn offers_an_app(lower: &str) -> bool {
    (lower.contains("download the ") || lower.contains("download our "))
        && lower.match_indices("app").any(|(at, _)| {
            let before = lower[..at].chars().next_back();
            let after = lower[at + 3..].chars().next();
            !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(|c| c.is_alphanumeric() && c != 's')
        })
}

/// Whether a text asks the reader to report a typo with Ctrl+Enter ("Якщо ви помітили
/// помилку, виділіть її та натисніть Ctrl + Enter"): never a line of an article, even
/// written as a plain paragraph.
pub(super) fn is_typo_note(text: &str) -> bool {
    let lower = text.to_lowercase();
    TYPO_NOTE.iter().any(|a| lower.contains(a))
}

/// Whether `lower` holds the ask `a`. A Latin ask is a whole word, or its plural
/// (`newsletters`): `subscribers`, `subscribed` and `subscription` are words of a news story
/// about a service, not a box asking the reader to subscribe.
fn asks_in(lower: &str, a: &str) -> bool {
    // "Newsletter" in any case ending ("k odběru newsletteru", "den Newsletter").
    if !a.starts_with(|c: char| c.is_ascii_alphabetic()) || a == "newsletter" {
        return lower.contains(a);
    }
    lower.match_indices(a).any(|(at, _)| {
        let rest = &lower.as_bytes()[at + a.len()..];
        let rest = rest.strip_prefix(b"s").unwrap_or(rest);
        !rest.first().is_some_and(u8::is_ascii_alphabetic)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::body::check;

    #[test]
    fn boxes_that_ask_something_of_the_reader() {
        // A story about subscribers asks nothing; a box that asks still does.
        let cases: &[(&str, bool)] = &[
            ("Kļūda rakstā? Iezīmējiet tekstu un spiediet Ctrl+Enter", true),
            ("Нашли ошибку? Выделите текст и нажмите Ctrl + Enter", true),
            ("Sign up for our morning briefing", true),
            ("Join our Belfast Live breaking news service on WhatsApp", true),
            ("If you value our work, please support our journalism with a gift.", true),
            ("การสนับสนุนจากคุณ คือการร่วมสร้างและรักษาสื่อเสรี ร่วมสนับสนุนเรา โอนเงิน", true),
            ("The council voted on Tuesday to build a tram line.", false),
            ("Netflix added 8.8 million subscribers; those who subscribed in March stayed.", false),
            ("Subscribe to our newsletters.", true),
            ("Přihlaste se k odběru newsletteru.", true),
            ("Jetzt abonnieren!", true),
            ("Il vous reste 68 % de cet article à lire. La suite est réservée aux abonnés.", true),
            ("Already a subscriber? Log in", true),
            ("TB+ Weiterlesen mit Tagesblick+ Sie haben bereits ein Abo? Hier anmelden", true),
            ("Déjà abonné ? Se connecter", true),
            ("Der Verlag hat bereits ein Abonnement für Schulen eingeführt.", false),
            ("Was this article helpful? Yes No", true),
            ("Readers like you are keeping these stories free for everyone.", true),
            ("Prenumerera på Norrlandsposten. Första månaden för 1 kr.", true),
            ("Have your say Letters should be no longer than 250 words.", true),
            ("Támogasd a Mutató munkáját! Olvasóink támogatása nélkül", true),
            ("Шановні читачі! Підтримайте незалежну журналістику. Підтримати", true),
            ("Pilih saluran andalanmu akses berita Kabarnusa.com WhatsApp Channel", true),
            ("この記事は有料記事です。残り1087文字（全文1912文字）有料会員になると続きをお読みいただけます。", true),
            ("Download the KVRT 12 app for breaking news, weather alerts and live newscasts.", true),
            ("Download the application form from the county's website before March 1.", false),
            ("Il vous reste trois jours pour déposer votre dossier en mairie.", false),
        ];
        check(is_promo_text, cases);
    }
}
