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
        "publicidade",
        "anúncio",
        "anuncio",
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
        "thisarticlecontinuesbelowthisad",
        "articlecontinuesbelowthisad",
        // A broadcaster's placeholders for embedded posts, and Medium's banner.
        "loadingfacebookcontent",
        "loadingtwittercontent",
        "loadinginstagramcontent",
        "loadingyoutubecontent",
        "memberonlystory",
        "articlecontinuesbelow",
        "articlecontentcontinuesbelow",
        "continuereadingbelow",
        "advertisementcontinuereadingbelow",
        "thisadvertisementhasnotloadedyetbutyourarticlecontinuesbelow",
        "scrolltocontinuewithcontent",
        "advertisementscrolltocontinue",
        // A video player's own words (a British publishing group's: "Video Unavailable",
        // "Click to play", "The video will start in 8 Cancel", "Play now").
        "videounavailable",
        "videoloading",
        "clicktoplay",
        "taptoplay",
        "playnow",
        "thevideowillstartin",
        "thevideowillstartincancel",
        // Turkish papers' "the story goes on" under each ad slot.
        // A university's link under a press picture; a journal's links under each
        // reference ("Article PubMed Google Scholar") and below the list.
        "downloadhighresolutionimage",
        "articlepubmedgooglescholar",
        "articlegooglescholar",
        "pubmedgooglescholar",
        "googlescholar",
        "downloadreferences",
        "downloadcitation",
        // Axios's reading-time line under each story.
        "smartbrevitycountminwords",
        // A news agency's picture licence link inside each caption.
        "purchaselicensingrights",
        "haberindevamı",
        "haberindevami",
        // A newspaper's link under each gallery picture.
        "buythisphoto",
        "buyphoto",
        // Polish, German and French "the article goes on below the video / the ad".
        "dalszaczęśćartykułupodmateriałemwideo",
        "dalszaczęśćartykułupodreklamą",
        "weiterlesennachderanzeige",
        "lasuiteaprèscettepublicité",
        "lasuiteaprèslapublicité",
        // A Japanese magazine's link to the story's pictures ("この記事の画像を見る（6枚）"),
        // a Korean paper's "see the picture large".
        "この記事の画像を見る枚",
        "この記事の画像を見る",
        "사진크게보기",
    ];
    // Letters and digits, lower-cased, less the ASCII digits of numbered slots and counters
    // ("Advertisement 2", "starts in 8").
    let words: String = text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_ascii_digit())
        .collect();
    (!words.is_empty() && LABELS.contains(&words.as_str())) || is_slide_counter(text)
}

/// Whether a text is only a gallery's slide counter ("1 of 12", "3 / 12", "Bild 2 von 9"):
/// the gallery's control, not its caption.
fn is_slide_counter(text: &str) -> bool {
    const OF: &[&str] = &[
        "of", "/", "von", "de", "di", "sur", "van", "av", "af", "z", "из", "з",
    ];
    const PICTURE: &[&str] = &["image", "photo", "picture", "slide", "item", "bild", "foto"];
    let lower = text.to_lowercase();
    let mut words: Vec<&str> = lower.split_whitespace().collect();
    if words.first().is_some_and(|w| PICTURE.contains(w)) {
        words.remove(0);
    }
    // "1/12" written as one word.
    let joined;
    if let [one] = words[..] {
        joined = one.replace('/', " / ");
        words = joined.split_whitespace().collect();
    }
    let number = |w: &str| w.parse::<u16>().ok().filter(|&n| n > 0 && n < 1000);
    match words[..] {
        [a, of, b] => OF.contains(&of) && number(a).zip(number(b)).is_some_and(|(a, b)| a <= b),
        _ => false,
    }
}

/// Text that opens a "read more" line or a promotion, not article text (lower-cased start).
pub(super) fn is_boilerplate_line(text: &str) -> bool {
    const STARTS: &[&str] = &[
        "read more",
        "read also",
        // A financial site's links between paragraphs ("Read: …", "Now read: …").
        "read:",
        // A South African site's inline link ("READ | Taxi violence: …").
        "read |",
        "see:",
        "now read",
        "read next",
        // A science news site's link to the journal, under the paper's reference.
        "journal information",
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
        "lire également",
        "à lire également",
        "voir aussi",
        "leer más",
        "lee también",
        "lea también",
        "seguir leyendo",
        "te recomendamos",
        "leggi anche",
        "potrebbe interessarti",
        // Spanish, Portuguese, Polish, Dutch, Czech, Romanian and Turkish "see also" lines.
        "puede interesarte",
        "te puede interesar",
        "también te puede interesar",
        "ver también",
        "leia também",
        "leia mais",
        "veja mais",
        "veja também",
        "saiba mais",
        "czytaj także",
        "czytaj też",
        "zobacz także",
        "czytaj więcej",
        "zobacz też",
        "lees ook",
        "lees meer",
        "přečtěte si také",
        "čtěte také",
        "citește și",
        "citeste si",
        "ayrıca okuyun",
        "ilginizi çekebilir",
        "ilgili haber",
        // Arabic, Persian, Hindi and Hebrew "read also".
        "اقرأ أيضا",
        "اقرأ أيضًا",
        "اقرأ ايضا",
        "إقرأ أيضا",
        "إقرأ أيضًا",
        "بیشتر بخوانید",
        "همچنین بخوانید",
        "यह भी पढ़ें",
        "ये भी पढ़ें",
        "קראו גם",
        "קראו עוד",
        "관련기사",
        "관련 기사",
        "[관련기사]",
        "▶ 관련",
        "เรื่องที่เกี่ยวข้อง",
        "читайте также",
        "дивіться також",
        "читайте також",
        "関連記事",
        "あわせて読みたい",
        "延伸阅读",
        "相关新闻",
        "相關新聞",
        "相关阅读",
        // An Indian daily's closing line: "For all the latest Pune News, download The Indian
        // Chronicle App."
        "for all the latest",
        // A station's or paper's app ("Download the KVTX 7 app for breaking news alerts").
        "download the",
        "download our",
        // A news agency's closing link to its standards ("Our Standards: The Thomson Reuters
        // Trust Principles.").
        "our standards",
        // Axios's closing link to an earlier story.
        "go deeper",
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
    // Turkish "İ" lower-cases to "i" and a combining dot, which no start holds.
    // A label in brackets reads the same: "[ Read more: … ]".
    let head: String = text
        .trim_start()
        .trim_start_matches(['[', '('])
        .trim_start()
        .chars()
        .take(28)
        .flat_map(char::to_lowercase)
        .filter(|&c| c != '\u{307}')
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

/// Whether a text ends as a sentence does: a full stop, question or exclamation mark, a
/// closing quote or bracket, or Korean's closing `다`. Both the header's standfirst test and
/// the picker's lone-paragraph test read sentences this way.
pub(super) fn ends_a_sentence(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with(['.', '!', '?', '。', '”', '"', '»', ')']) || t.ends_with('다')
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

    /// Runs `f` on each case and names every case it gets wrong.
    fn check(f: fn(&str) -> bool, cases: &[(&str, bool)]) {
        let wrong: Vec<_> = cases.iter().filter(|(t, want)| f(t) != *want).collect();
        assert!(wrong.is_empty(), "wrong on {wrong:?}");
    }

    #[test]
    fn ad_and_control_labels() {
        let cases: &[(&str, bool)] = &[
            (" Advertisement ", true),
            ("광고", true),
            ("Advertisement revenue fell by 5 percent.", false),
            ("toggle caption", true),
            ("Story continues below this ad", true),
            ("Advertisement 2", true),
            (
                "This advertisement has not loaded yet, but your article continues below.",
                true,
            ),
            ("ANNONS", true),
            ("Quảng cáo", true),
            ("SCROLL TO CONTINUE WITH CONTENT", true),
            ("2024", false),
            ("Article continues below advertisement", true),
            ("The story continues below the fold.", false),
            ("Hide the caption of the photo, she said.", false),
            ("Click to play", true),
            ("The video will start in 8 Cancel", true),
            ("1 of 12", true),
            ("Bild 2 von 9", true),
            ("Item 1 of 2 ", true),
            ("Purchase Licensing Rights", true),
            ("Article PubMed Google Scholar", true),
            ("3/12", true),
            ("24/7", false),
            ("1 of 12 new schools opened", false),
            ("Buy this photo", true),
            ("Dalsza część artykułu pod materiałem wideo", true),
            ("Buy this house, the agent said.", false),
        ];
        check(is_ad_or_control_label, cases);
    }

    #[test]
    fn read_more_and_see_also_lines() {
        let cases: &[(&str, bool)] = &[
            ("Read more: council budget", true),
            ("Lesen Sie auch: Streik", true),
            ("Readers said more than once", false),
            ("Subscribers to the service paid more", false),
            ("Subscribe now", true),
            ("เรื่องที่เกี่ยวข้อง ลืออุ้ม อ.สุรชัย", true),
            ("Читайте также: новости", true),
            ("Puede interesarte: Qué cambia para los trabajadores", true),
            ("Leia também: Governo anuncia", true),
            ("Baca juga: Hujan deras di Semarang", true),
            ("LÄS MER: Riksbanken vill tvinga bankerna", true),
            ("MORE NEWS: Olympic venue costs blow out", true),
            ("Download the KVTX 7 app for breaking news alerts", true),
            ("More newsrooms are closing every year.", false),
            ("Xem thêm: Giá vàng hôm nay", true),
            ("Bacaan doa itu dibaca juga oleh warga", false),
            ("Zobacz też: Sejm przyjął ustawę", true),
            ("Our Standards: The Thomson Reuters Trust Principles.", true),
            ("Leia o relatório completo", false),
            ("Read: Why the Fed is in no hurry", true),
            ("Now read: Stocks slide", true),
            ("Ready for the next round, she said.", false),
            ("Seen from the harbour, the town looks small.", false),
            ("اقرأ أيضًا: كيف تستعد لامتحان الرياضيات", true),
            ("Journal information: Global Change Biology", true),
            ("İLGİLİ HABER: Belediye yeni otobüs hattını açtı", true),
            ("Seguir leyendo:", true),
        ];
        check(is_boilerplate_line, cases);
    }

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
            ("Was this article helpful? Yes No", true),
            ("Readers like you are keeping these stories free for everyone.", true),
            ("Prenumerera på Norrlandsposten. Första månaden för 1 kr.", true),
            ("Have your say Letters should be no longer than 250 words.", true),
            ("Támogasd a Mutató munkáját! Olvasóink támogatása nélkül", true),
            ("Pilih saluran andalanmu akses berita Kabarnusa.com WhatsApp Channel", true),
            ("この記事は有料記事です。残り1087文字（全文1912文字）有料会員になると続きをお読みいただけます。", true),
            ("Download the KVRT 12 app for breaking news, weather alerts and live newscasts.", true),
            ("Download the application form from the county's website before March 1.", false),
            ("Il vous reste trois jours pour déposer votre dossier en mairie.", false),
        ];
        check(is_promo_text, cases);
    }

    #[test]
    fn sentence_ends() {
        let cases: &[(&str, bool)] = &[
            ("The council voted on Tuesday. ", true),
            ("He called it “a turning point.”", true),
            ("Il a dit : « Nous verrons »", true),
            ("정부는 이날 발표했다", true),
            ("(Reporting by Jane Doe)", true),
            ("Read the full report", false),
            ("Photo: Jane Doe / Agency", false),
        ];
        check(ends_a_sentence, cases);
    }
}
