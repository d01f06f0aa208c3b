//! What a block's text says about it: an advertisement label, a "read more" line, a box
//! asking the reader to sign up. Names say more, but these catch boxes with plain names.

/// Whether a short text is only an advertisement label ("Advertisement", "Anzeige", "광고")
/// or the label of a control that does nothing in a feed ("hide caption", "toggle caption",
/// "Enlarge this image", as NPR's photos carry).
pub(super) fn is_ad_or_control_label(text: &str) -> bool {
    const LABELS: &[&str] = &[
        "advertisement",
        "advertising",
        "ad",
        "ads",
        "sponsored",
        "anzeige",
        "werbung",
        "publicité",
        "publicidad",
        "pubblicità",
        "annonce",
        "reklame",
        "реклама",
        "reklama",
        "reklam",
        "reklāma",
        "reklaam",
        "annons",
        "annonse",
        "mainos",
        "hirdetés",
        "inzerce",
        "oglas",
        "advertentie",
        "publicitate",
        "διαφήμιση",
        "quảngcáo",
        "iklan",
        "إعلان",
        "פרסומת",
        "विज्ञापन",
        "โฆษณา",
        "광고",
        "広告",
        "广告",
        "hidecaption",
        "togglecaption",
        "showcaption",
        "enlargethisimage",
        "clicktoenlarge",
        "viewlarger",
        // The line over an ad slot between paragraphs (Indian, American and Canadian news
        // sites).
        "storycontinuesbelowthisad",
        "storycontinuesbelowadvertisement",
        "storycontinuesbelow",
        "articlecontinuesbelowadvertisement",
        "articlecontinuesbelowthisadvertisement",
        "articlecontinuesbelow",
        "articlecontentcontinuesbelow",
        "continuereadingbelow",
        "advertisementcontinuereadingbelow",
        "thisadvertisementhasnotloadedyetbutyourarticlecontinuesbelow",
        "scrolltocontinuewithcontent",
        "advertisementscrolltocontinue",
    ];
    let t: String = text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    // Numbered slots: "Advertisement 2".
    LABELS.contains(&t.trim_end_matches(|c: char| c.is_ascii_digit()))
}

/// Text that opens a "read more" line or a promotion, not article text (lower-cased start).
pub(super) fn is_boilerplate_line(text: &str) -> bool {
    const STARTS: &[&str] = &[
        "read more",
        "read also",
        "also read",
        "see also",
        "related:",
        "related article",
        "more:",
        "sign up",
        "subscribe",
        "advertisement",
        "lesen sie auch",
        "lesen sie mehr",
        "mehr zum thema",
        "auch interessant",
        "das thema könnte",
        "das könnte sie auch",
        "das könnte dich auch",
        "redaktionstipp",
        "lire aussi",
        "à lire aussi",
        "a lire aussi",
        "leer más",
        "lee también",
        "leggi anche",
        // Spanish, Portuguese, Polish, Dutch, Czech, Romanian and Turkish "see also" lines.
        "puede interesarte",
        "te puede interesar",
        "también te puede interesar",
        "ver también",
        "leia também",
        "leia mais",
        "veja também",
        "saiba mais",
        "czytaj także",
        "czytaj też",
        "zobacz także",
        "zobacz też",
        "lees ook",
        "lees meer",
        "přečtěte si také",
        "čtěte také",
        "citește și",
        "citeste si",
        "ayrıca okuyun",
        "ilginizi çekebilir",
        "관련기사",
        "관련 기사",
        "[관련기사]",
        "▶ 관련",
        "เรื่องที่เกี่ยวข้อง",
        "читайте также",
        "дивіться також",
        "читайте також",
        "関連記事",
        "相关新闻",
        "相關新聞",
        "相关阅读",
        // A station's or paper's app ("Download the KVTX 7 app for breaking news alerts").
        "download the",
        "download our",
        // Swedish, Norwegian, Danish, Finnish, Greek, Hungarian; News Corp's "MORE NEWS:".
        "läs mer",
        "läs också",
        "les også",
        "les mer",
        "læs også",
        "læs mere",
        "lue myös",
        "lue lisää",
        "διαβάστε επίσης",
        "διαβάστε ακόμη",
        "olvassa el",
        "more news",
        // Indonesian and Malay, Vietnamese.
        "baca juga",
        "baca lagi",
        "simak juga",
        "xem thêm",
        "đọc thêm",
    ];
    let head: String = text
        .trim_start()
        .chars()
        .take(28)
        .flat_map(char::to_lowercase)
        .collect();
    // A Latin start is whole words: "Subscribers to the service…" and "Morestone said" open
    // sentences.
    STARTS.iter().any(|s| {
        head.strip_prefix(s).is_some_and(|rest| {
            !(s.ends_with(|c: char| c.is_ascii_alphabetic())
                && rest.starts_with(|c: char| c.is_alphabetic()))
        })
    })
}

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
        "readers like you",
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
    if !a.starts_with(|c: char| c.is_ascii_alphabetic()) {
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

    #[test]
    fn ad_labels_and_read_more_lines() {
        assert!(is_ad_or_control_label(" Advertisement "));
        assert!(is_ad_or_control_label("광고"));
        assert!(!is_ad_or_control_label(
            "Advertisement revenue fell by 5 percent."
        ));
        assert!(is_ad_or_control_label("toggle caption"));
        assert!(is_ad_or_control_label("Story continues below this ad"));
        assert!(is_ad_or_control_label("Advertisement 2"));
        assert!(is_ad_or_control_label(
            "This advertisement has not loaded yet, but your article continues below."
        ));
        assert!(is_ad_or_control_label("ANNONS"));
        assert!(is_ad_or_control_label("Quảng cáo"));
        assert!(is_ad_or_control_label("SCROLL TO CONTINUE WITH CONTENT"));
        assert!(!is_ad_or_control_label("2024"));
        assert!(is_ad_or_control_label(
            "Article continues below advertisement"
        ));
        assert!(!is_ad_or_control_label(
            "The story continues below the fold."
        ));
        assert!(!is_ad_or_control_label(
            "Hide the caption of the photo, she said."
        ));
        assert!(is_boilerplate_line("Read more: council budget"));
        assert!(is_boilerplate_line("Lesen Sie auch: Streik"));
        assert!(!is_boilerplate_line("Readers said more than once"));
        assert!(!is_boilerplate_line("Subscribers to the service paid more"));
        assert!(is_boilerplate_line("Subscribe now"));
        assert!(is_boilerplate_line("เรื่องที่เกี่ยวข้อง ลืออุ้ม อ.สุรชัย"));
        assert!(is_boilerplate_line("Читайте также: новости"));
        assert!(is_boilerplate_line(
            "Puede interesarte: Qué cambia para los trabajadores"
        ));
        assert!(is_boilerplate_line("Leia também: Governo anuncia"));
        assert!(is_boilerplate_line("Baca juga: Hujan deras di Semarang"));
        assert!(is_boilerplate_line(
            "LÄS MER: Riksbanken vill tvinga bankerna"
        ));
        assert!(is_boilerplate_line(
            "MORE NEWS: Olympic venue costs blow out"
        ));
        assert!(is_boilerplate_line(
            "Download the KVTX 7 app for breaking news alerts"
        ));
        assert!(!is_boilerplate_line(
            "More newsrooms are closing every year."
        ));
        assert!(is_boilerplate_line("Xem thêm: Giá vàng hôm nay"));
        assert!(!is_boilerplate_line(
            "Bacaan doa itu dibaca juga oleh warga"
        ));
        assert!(is_boilerplate_line("Zobacz też: Sejm przyjął ustawę"));
        assert!(!is_boilerplate_line("Leia o relatório completo"));
    }

    #[test]
    fn boxes_that_ask_something_of_the_reader() {
        assert!(is_promo_text(
            "Kļūda rakstā? Iezīmējiet tekstu un spiediet Ctrl+Enter"
        ));
        assert!(is_promo_text(
            "Нашли ошибку? Выделите текст и нажмите Ctrl + Enter"
        ));
        assert!(is_promo_text("Sign up for our morning briefing"));
        assert!(is_promo_text(
            "Join our Belfast Live breaking news service on WhatsApp"
        ));
        assert!(is_promo_text(
            "If you value our work, please support our journalism with a gift."
        ));
        assert!(is_promo_text(
            "การสนับสนุนจากคุณ คือการร่วมสร้างและรักษาสื่อเสรี ร่วมสนับสนุนเรา โอนเงิน"
        ));
        assert!(!is_promo_text(
            "The council voted on Tuesday to build a tram line."
        ));
        // A story about subscribers asks nothing; a box that asks still does.
        assert!(!is_promo_text(
            "Netflix added 8.8 million subscribers; those who subscribed in March stayed."
        ));
        assert!(is_promo_text("Subscribe to our newsletters."));
        assert!(is_promo_text("Jetzt abonnieren!"));
        assert!(is_promo_text(
            "Il vous reste 68 % de cet article à lire. La suite est réservée aux abonnés."
        ));
        assert!(is_promo_text("Already a subscriber? Log in"));
        assert!(is_promo_text("Was this article helpful? Yes No"));
        assert!(is_promo_text(
            "Readers like you are keeping these stories free for everyone."
        ));
        assert!(is_promo_text(
            "この記事は有料記事です。残り1087文字（全文1912文字）有料会員になると続きをお読みいただけます。"
        ));
        assert!(is_promo_text(
            "Download the KVRT 12 app for breaking news, weather alerts and live newscasts."
        ));
        assert!(!is_promo_text(
            "Download the application form from the county's website before March 1."
        ));
        assert!(!is_promo_text(
            "Il vous reste trois jours pour déposer votre dossier en mairie."
        ));
    }
}
