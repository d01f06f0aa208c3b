//! What a block's text says about it: an advertisement label, a control's label, a "read
//! more" line. Names say more, but these catch blocks with plain names. Boxes that ask the
//! reader for something are read in `asks.rs`.

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
        "বিজ্ঞাপন",
        "tangazo",
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
    // ("Advertisement 2", "starts in 8"); the vowel signs and viramas of Indic scripts are
    // part of their words.
    let words: String = text
        .chars()
        .filter(|&c| c.is_alphanumeric() || is_combining(c))
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_ascii_digit())
        .collect();
    !words.is_empty() && LABELS.contains(&words.as_str())
}

/// Whether an element's text `text` is only an advertisement or control label
/// ([`is_ad_or_control_label`]), or a gallery's slide counter where galleries put one
/// ([`counts_slides`]).
pub(super) fn is_ad_or_control(el: scraper::ElementRef, text: &str) -> bool {
    is_ad_or_control_label(text) || counts_slides(el, text)
}

/// Whether an element is a gallery's slide counter ([`is_slide_counter`]) where galleries
/// put one: in a figure, or in a block named for slides, a gallery, a carousel or a counter.
/// Anywhere else "1/2" is a recipe's half cup or a table's score.
fn counts_slides(el: scraper::ElementRef, text: &str) -> bool {
    const NAMES: &[&str] = &["slide", "gallery", "carousel", "swiper", "counter", "pager"];
    is_slide_counter(text)
        && std::iter::once(*el)
            .chain(el.ancestors())
            .take(6)
            .filter_map(|n| n.value().as_element())
            .any(|e| {
                e.name() == "figure"
                    || e.attrs().any(|(k, v)| {
                        matches!(k, "id" | "class") && {
                            let v = v.to_ascii_lowercase();
                            NAMES.iter().any(|n| v.contains(n))
                        }
                    })
            })
}

/// Whether a character is a combining mark of the scripts whose words need them: the
/// combining diacritics, and the vowel signs and viramas of the Indic and Thai blocks
/// (`विज्ञापन`, `বিজ্ঞাপন`), which are neither letters nor digits.
fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{0900}'..='\u{0DFF}' | '\u{0E00}'..='\u{0EFF}')
        && !c.is_alphanumeric()
        && !matches!(c, '\u{0964}' | '\u{0965}')
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
        "le puede interesar",
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
        // Turkish "to read the rest of the story:", before a link at a text's end.
        "haberin devami için",
        "haberin devamı için",
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
        // A Malaysian daily's "BACA: …" between paragraphs.
        "baca:",
        // Swahili, Thai, Bengali and Tamil "read more" / "read also".
        "soma zaidi",
        "soma pia",
        "อ่านเพิ่มเติม",
        "อ่านต่อ",
        "আরও পড়ুন",
        "আরো পড়ুন",
        "மேலும் படிக்க",
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

/// Whether a text ends as a sentence does: a full stop, question or exclamation mark, a
/// closing quote or bracket, or Korean's closing `다`. Both the header's standfirst test and
/// the picker's lone-paragraph test read sentences this way.
pub(super) fn ends_a_sentence(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with(['.', '!', '?', '。', '”', '"', '»', ')']) || t.ends_with('다')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::body::check;

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
            ("বিজ্ঞাপন", true),
            ("विज्ञापन", true),
            ("Tangazo", true),
            ("SCROLL TO CONTINUE WITH CONTENT", true),
            ("2024", false),
            ("Article continues below advertisement", true),
            ("The story continues below the fold.", false),
            ("Hide the caption of the photo, she said.", false),
            ("Click to play", true),
            ("The video will start in 8 Cancel", true),
            ("Purchase Licensing Rights", true),
            ("Article PubMed Google Scholar", true),
            ("Buy this photo", true),
            ("Dalsza część artykułu pod materiałem wideo", true),
            ("Buy this house, the agent said.", false),
        ];
        check(is_ad_or_control_label, cases);
    }

    #[test]
    fn slide_counters_in_galleries_only() {
        let cases: &[(&str, bool)] = &[
            ("1 of 12", true),
            ("Bild 2 von 9", true),
            ("Item 1 of 2 ", true),
            ("3/12", true),
            ("24/7", false),
            ("1 of 12 new schools opened", false),
        ];
        check(is_slide_counter, cases);
        let doc = scraper::Html::parse_fragment(
            r#"<figure><img src="a.jpg"><span id="c">3/12</span></figure><div class="gallery-nav"><span id="g">1 / 5</span></div><ul class="ingredients"><li><span id="f">1/2</span> cup butter</li></ul><table><tr><td id="t">1/2</td></tr></table>"#,
        );
        for (id, want) in [("c", true), ("g", true), ("f", false), ("t", false)] {
            let sel = scraper::Selector::parse(&format!("#{id}")).unwrap();
            let el = doc.select(&sel).next().unwrap();
            let text = el.text().collect::<String>();
            assert_eq!(counts_slides(el, &text), want, "{id}");
        }
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
            ("HABERİN DEVAMI İÇİN: Süper Lig'de puan durumu", true),
            ("Le puede interesar: Así quedó el dólar hoy", true),
            (
                "BACA: JPS: Paras air Sungai Golok melepasi tahap bahaya",
                true,
            ),
            ("Bacaan doa itu dibaca juga", false),
            ("SOMA ZAIDI: Serikali yapunguza bei ya mbolea", true),
            ("อ่านเพิ่มเติม : วิธีเลือกหน้ากากกันฝุ่น PM2.5", true),
            ("আরও পড়ুন: ডেঙ্গুতে আরও ৫ জনের মৃত্যু", true),
        ];
        check(is_boilerplate_line, cases);
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
