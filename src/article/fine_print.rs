//! Lines and tails of text a site sets among an article's words that are not the story:
//! reprint notices, a portal's credit lines, and the credit closing a picture's caption
//! (`… 걷고 있다. /청주시 제공`, `… 소개하고 있다.(사진=지디넷코리아)`). Read from the text
//! alone, in the content writer's pass over every text of the body.

use std::sync::LazyLock;

use regex::Regex;

use super::byline::EMAIL_ADDRESS;

/// A line of a portal's fine print set among the article's text, not the story: a Korean
/// news agency's reprint notice (`<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>`,
/// `ⓒ 뉴스핌 무단전재 및 재배포 금지`), and a Chinese portal's credit lines (`原标题：…`, the
/// story's title in the paper it came from; `责任编辑：张晓`, the desk editor; `特别声明：以上
/// 文章内容仅代表作者本人观点…`, the disclaimer; `（来源：京华晨报）`, the paper it came from;
/// `记者 王晨 摄`, the photographer).
pub(super) fn is_fine_print(text: &str) -> bool {
    let t = text.trim();
    // A notice is a short line (200 bytes: some 66 Hangul); a paragraph on a reprint case
    // that says "무단 전재" is longer.
    let korean = (t.len() < 200
        && ["무단 전재", "무단전재", "재배포 금지", "재배포금지"]
            .iter()
            .any(|w| t.contains(w)))
        // A wire's call for readers' pictures (`◎공감언론 뉴시스가 독자 여러분의 소중한 제보를
        // 기다립니다…`), a note that a paid service had the story first (`[이 기사는 … 'ProNews'에
        // 먼저 출고된 기사입니다.]`): some 60 to 120 Hangul.
        || (t.len() < 500
            && TIP_CALLS
                .iter()
                .chain(&["먼저 출고된 기사", "먼저 송고된 기사"])
                .any(|w| t.contains(w)))
        // The lines under a call for tips (`[카카오톡] YTN 검색해 채널 추가`, `[전화] 02-…`) and
        // a report's crew (`촬영기자 : 박재현`, `영상편집 : 최민경`).
        || (t.len() < 100
            && [
                "[카카오톡]",
                "[전화]",
                "[메일]",
                "[이메일]",
                "촬영기자",
                "영상편집",
                "영상취재",
                "영상기자",
            ]
            .iter()
            .any(|w| t.starts_with(w)));
    // The openings first: counting a paragraph's characters costs more, and this runs on
    // every text of the content.
    let chinese = [
        "原标题",
        "责任编辑",
        "（责任编辑",
        "(责任编辑",
        "特别声明：以上",
        "特别声明:以上",
        // The paper a story came from: `（来源：京华晨报）`.
        "（来源：",
        "(来源：",
        "来源：",
        // A picture's source: `图片来源：视觉中国`.
        "图片来源",
    ]
    .iter()
    .any(|w| t.starts_with(w))
        && t.chars().count() < 150;
    // A photographer's credit: `京华晨报记者 王晨 摄` ("photographed by").
    let chinese_credit = t.ends_with(" 摄") && t.chars().count() < 40;
    // The printed edition the story ran in: `《 人民日报 》（ 2025年05月12日 02 版）`; a
    // portal's call to get its app (`海量资讯、精准解读，尽在新浪财经APP`).
    let chinese_edition = t.starts_with('《')
        && (t.ends_with("版）") || t.ends_with("版)"))
        && t.chars().count() < 60;
    let chinese_app = t.contains("尽在新浪") && t.chars().count() < 60;
    korean || chinese || chinese_credit || chinese_edition || chinese_app
}

/// Korean agencies' and broadcasters' calls for tips under each story ("공감언론 뉴시스가 독자
/// 여러분의 소중한 제보를 기다립니다", "여러분의 제보로 함께 세상을 바꿉니다", "당신의 제보가
/// 뉴스가 됩니다"): fine print as a text, a note as a block (`body::notes`).
pub(super) const TIP_CALLS: &[&str] = &["제보를 기다립니다", "제보가 뉴스가", "여러분의 제보로"];

/// An e-mail address anywhere in a text.
static EMAIL: LazyLock<Regex> = LazyLock::new(|| Regex::new(EMAIL_ADDRESS).expect("static regex"));

/// A broadcaster's spoken sign-off closing a report: `YTN 윤성호입니다.`, `KBS 뉴스 김철수입니다.`
static SPOKEN_SIGN_OFF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[A-Z]{2,5}\s?(?:뉴스)?|[가-힣]{1,6}\s?뉴스)\s[가-힣]{2,4}입니다\.?$")
        .expect("static regex")
});

/// Whether a text is a Korean reporter's sign-off: a reporter with an e-mail address or
/// without, in either order (`김현수 기자 kimhs@donga.com`, `jhkang@fnnews.com 강지훈 기자`,
/// `김나래 기자 | narae@…`), an address after the agency's name (`◎공감언론 뉴시스 smpark@…`)
/// or after a slash (`/taewoong@osen.co.kr`), a broadcaster's spoken one (`YTN 윤성호입니다.`).
/// (An address alone stays: English pages end with a reporter's or a press office's, and
/// readers keep them as the story's.)
pub(super) fn is_sign_off(text: &str) -> bool {
    let t = text.trim();
    // Hangul's lead bytes are 0xEA to 0xED; a sign-off holds Hangul or opens with a slash:
    // most texts are out before an expression runs.
    let hangul = t.bytes().any(|b| (0xEA..=0xED).contains(&b));
    if t.len() >= 120 || !(hangul || t.starts_with('/')) {
        return false;
    }
    if super::byline::REPORTER_LINE.is_match(t) || SPOKEN_SIGN_OFF.is_match(t) {
        return true;
    }
    if !t.contains('@') || !EMAIL.is_match(t) {
        return false;
    }
    // What is left without the addresses, the reporters and the marks between them: nothing,
    // or a short name of the agency.
    let rest = EMAIL.replace_all(t, " ");
    let rest = super::byline::REPORTER_ANY.replace_all(&rest, " ");
    let rest: String = rest
        .chars()
        .filter(|c| !c.is_whitespace() && !"|/·,()[]<>◎※=-".contains(*c))
        .collect();
    rest.chars().count() <= 12 && rest.chars().all(|c| ('가'..='힣').contains(&c))
}

/// A credit closing a text: a label and a source in brackets (`[사진=뉴스핌DB]`, `(사진=지디넷
/// 코리아)`, `（写真：筆者撮影）`), a label with `=` (`사진=연합뉴스`, `/사진=뉴스1`), or a
/// source that gave the picture after a slash (`/청주시 제공`).
static TRAILING_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    let label = r"(?:사진|자료|그래픽|영상|출처|사진제공|写真|図|图片来源|图片|图|資料)";
    Regex::new(&format!(
        r"(?:[\[(（【]\s*{label}\s*[=:：/]\s*[^\[\]()（）【】]{{1,30}}[\])）】]|(?:^|\s|/){label}\s*=\s*[^\s=]{{1,20}}(?:\s?DB)?|(?:^|\s)/\s*[^/\s][^/]{{0,24}}\s제공|\s/\s*{EMAIL_ADDRESS})\s*$"
    ))
    .expect("static regex")
});

/// Bytes that any credit [`TRAILING_CREDIT`] finds holds: most texts are sent away by a
/// plain search before the expression runs.
const CREDIT_HINTS: &[&str] = &[
    "사진",
    "자료",
    "그래픽",
    "영상",
    "출처",
    "제공",
    "写真",
    "図",
    "图",
    "資料",
    // A photographer's address after a slash, in a Korean caption.
    "@",
];

/// A caption's `text` without the credit on its last line or after its last sentence
/// ("… a tributary of the Otter.\nPhotograph: University of Exeter", "… on May 20, 2021.
/// (AP Photo/Iris Samuels)"), in any script; then as [`without_credit`].
pub(super) fn without_caption_credit(text: &str) -> &str {
    let t = text.trim_end();
    // On a line of its own, any credit; after a sentence on the same line, only a labelled
    // one: a name in brackets there ("Dig a hole in the oasis. (Lucy Akins)") is kept, as
    // Readability keeps it.
    let cut = t.rfind('\n').or_else(|| {
        t.rfind(". ")
            .map(|at| at + 1)
            .filter(|&at| !t[at..].trim_start().starts_with('('))
    });
    match cut {
        Some(at) if super::body::is_credit(&t[at..]) => &text[..at],
        _ => without_credit(text),
    }
}

/// `text` without a credit closing it; the text itself when it has none.
pub(super) fn without_credit(text: &str) -> &str {
    // Credits are cut from captions in Hangul, kana or Han only (lead bytes 0xE3 and up):
    // most texts of a Latin page are out after one scan.
    if !text.bytes().any(|b| b >= 0xE3) || !CREDIT_HINTS.iter().any(|h| text.contains(h)) {
        return text;
    }
    // `… 수거하고 있다. 환경단체 ‘물길을 여는 사람들’ 제공`: who gave the picture, after the
    // caption's last sentence, with no mark before it.
    if let Some(head) = text.trim_end().strip_suffix(" 제공") {
        if let Some(end) = head.rfind("다. ") {
            let giver = &head[end + "다. ".len()..];
            if !giver.is_empty() && giver.chars().count() <= 30 && !giver.contains('.') {
                return &text[..end + "다. ".len()];
            }
        }
    }
    match TRAILING_CREDIT.find(text) {
        // Keep the white space after the caption: the next text may follow it.
        Some(m) => {
            let kept = &text[..m.start()];
            let spaced =
                kept.len() < text.len() && text[m.start()..].starts_with(char::is_whitespace);
            if spaced {
                &text[..m.start() + 1]
            } else {
                kept
            }
        }
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caption_credits_on_the_last_line() {
        for (text, want) in [
            (
                " One of the dams built by the beavers on a tributary of the Otter.\nPhotograph: University of Exeter\n",
                " One of the dams built by the beavers on a tributary of the Otter.",
            ),
            (
                "A grizzly bear walks along a fence line, on May 20, 2021.\n(AP Photo/Iris Samuels)\n",
                "A grizzly bear walks along a fence line, on May 20, 2021.",
            ),
            (
                "Crews clear the road. Photo: Jane Doe/The Ledger",
                "Crews clear the road.",
            ),
            ("\nPhotograph: University of Exeter\n", ""),
            (
                " Dig a hole in the oasis. (Lucy Akins) ",
                " Dig a hole in the oasis. (Lucy Akins) ",
            ),
            (
                "Crews clear the road. The mayor watched from the bridge.",
                "Crews clear the road. The mayor watched from the bridge.",
            ),
            (
                "Crews clear the road.\nPhoto: the bridge after the storm, looking north",
                "Crews clear the road.\nPhoto: the bridge after the storm, looking north",
            ),
        ] {
            assert_eq!(without_caption_credit(text), want, "{text:?}");
        }
    }

    #[test]
    fn fine_print_is_left_out() {
        assert!(is_fine_print(
            "<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>"
        ));
        assert!(is_fine_print(" ⓒ 뉴스핌 무단전재 및 재배포 금지 "));
        assert!(!is_fine_print(
            "서울 지하철 기본요금이 다음 달 7일부터 오른다."
        ));
        // A paragraph about a reprint case is the story.
        assert!(!is_fine_print(
            "서울중앙지법은 지역 언론사의 기사 수백 건을 무단 전재한 혐의로 기소된 인터넷 매체 \
             대표에게 벌금 500만원을 선고했다고 10일 밝혔다. 재판부는 피고인이 출처를 밝히지 않고 \
             기사를 옮겨 실었다고 판단했다."
        ));
        assert!(is_fine_print("原标题：老旧小区加装电梯，难在哪里？"));
        assert!(is_fine_print("责任编辑：张晓 "));
        assert!(is_fine_print(
            "特别声明：以上文章内容仅代表作者本人观点，不代表新澜网观点或立场。"
        ));
        assert!(!is_fine_print("记者从责任编辑处获悉，该书将于下月出版。"));
        assert!(is_fine_print("（来源：京华晨报）"));
        assert!(is_fine_print("京华晨报记者 王晨 摄"));
        assert!(!is_fine_print("来源地的农产品价格上涨。"));
        assert!(is_fine_print("图片来源：视觉中国"));
        assert!(is_fine_print("《 人民日报 》（ 2025年05月12日 02 版）"));
        assert!(is_fine_print("海量资讯、精准解读，尽在新浪财经APP"));
        assert!(is_fine_print(
            "◎공감언론 뉴시스가 독자 여러분의 소중한 제보를 기다립니다. 뉴스 가치나 화제성이 \
             있다고 판단되는 사진 또는 영상을 뉴시스 사진영상부(n-photo@newsis.com)로 보내주시면 \
             적극 반영하겠습니다."
        ));
        assert!(is_fine_print(
            "[이 기사는 2025년05월12일 15시47분 ㈜뉴스핌 프리미엄 서비스 'ProNews'에 먼저 출고된 \
             기사입니다.]"
        ));
    }

    #[test]
    fn sign_offs() {
        for t in [
            "jhkang@fnnews.com 강지훈 기자",
            "김나래 기자 | narae@mtstarnews.com",
            "◎공감언론 뉴시스 smpark@newsis.com",
            "/taewoong@osen.co.kr",
            "YTN 윤성호입니다.",
            "KBS 뉴스 김철수입니다.",
            " 김현수 기자 kimhs@donga.com",
            "김윤희 기자(yunhee.kim@zdnet.co.kr)",
            "홍길동 기자",
        ] {
            assert!(is_sign_off(t), "{t}");
        }
        for t in [
            "ljh@yna.co.kr",
            "문의: help@example.kr",
            "자세한 내용은 help@example.kr로 문의하면 된다.",
            "이번 행사에는 시민 300명이 참석할 예정입니다.",
            "기자회견이 열렸다.",
            "Write to jane@example.com with tips.",
        ] {
            assert!(!is_sign_off(t), "{t}");
        }
    }

    #[test]
    fn credits_closing_a_caption_are_cut() {
        let cases = [
            (
                "서울 여의도의 한 은행 딜링룸. [사진=뉴스핌DB]",
                "서울 여의도의 한 은행 딜링룸. ",
            ),
            (
                "안내문이 붙어 있다. [사진 = 연합뉴스]",
                "안내문이 붙어 있다. ",
            ),
            ("소개하고 있다.(사진=지디넷코리아)", "소개하고 있다."),
            (
                "배달 오토바이가 서 있다. 사진=연합뉴스",
                "배달 오토바이가 서 있다. ",
            ),
            ("도로를 걷고 있다. /청주시 제공", "도로를 걷고 있다. "),
            ("車の前に並ぶ住民（写真：筆者撮影）", "車の前に並ぶ住民"),
            ("사진=연합뉴스", ""),
            (
                "역투하고 있다. 2024.07.16 / rumi@osen.co.kr",
                "역투하고 있다. 2024.07.16 ",
            ),
            (
                "물고기를 수거하고 있다. 환경단체 ‘물길을 여는 사람들’ 제공",
                "물고기를 수거하고 있다. ",
            ),
            (
                "시는 쉼터를 만들었다. 주민에게 무료로 제공한다.",
                "시는 쉼터를 만들었다. 주민에게 무료로 제공한다.",
            ),
            // Not a credit: the story's own words.
            (
                "사진을 찍는 관광객이 늘었다.",
                "사진을 찍는 관광객이 늘었다.",
            ),
            ("시는 자료를 제공했다.", "시는 자료를 제공했다."),
            (
                "The photo (left) shows the bridge.",
                "The photo (left) shows the bridge.",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(without_credit(text), want, "{text}");
        }
    }
}
