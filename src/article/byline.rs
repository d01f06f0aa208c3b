//! Korean wire bylines in plain text: `[서울=뉴스핌] 황숙혜 기자 = …` at the start of a
//! summary or paragraph, `홍길동 기자` in a byline element, a line that is only a reporter
//! and an e-mail address.

use std::sync::LazyLock;

use regex::Regex;

use crate::html::collapse_ws;

/// A reporter: one or more names and a title, e.g. `황숙혜 기자`, `홍길동·김철수 기자`,
/// `김철수 특파원`.
const REPORTER: &str = r"[가-힣]{2,4}(?:\s*[·,ㆍ]\s*[가-힣]{2,4})*\s?(?:(?:선임|전문|객원|인턴|수습|취재|사진|영상)\s?기자|대기자|기자|특파원|논설위원|편집위원)";

/// An e-mail address, as reporters' lines and credits print it.
pub(super) const EMAIL_ADDRESS: &str = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+";

/// `홍길동 기자 = ` at the start of a text.
static LEAD_REPORTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\s*({REPORTER}(?:\s*[·,ㆍ]\s*{REPORTER})*)\s*[=＝]\s*"
    ))
    .expect("static regex")
});
/// A bracket at the start of a text: a dateline (`[서울=뉴스핌]`), a reporter (`[아시아경제
/// 김철수 기자]`) or a tag such as `[단독]`; group 1 is what is inside.
static LEAD_BRACKET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*[\[(【〔［<〈]\s*([^\[\]()【】〔〕［］<>〈〉]{1,40}?)\s*[\])】〕］>〉]\s*")
        .expect("static regex")
});
/// A reporter closing a bracket's text (`아시아경제 김철수 기자`, `뉴스핌=김철수 기자`).
static REPORTER_AT_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?:^|[\s=＝])({REPORTER})$")).expect("static regex"));
/// A reporter anywhere in a text, not inside a longer Korean word.
static REPORTER_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?:^|[^가-힣])({REPORTER})(?:[^가-힣]|$)")).expect("static regex")
});
/// A reporter anywhere, for taking out of a sign-off's text.
pub(super) static REPORTER_ANY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(REPORTER).expect("static regex"));
/// A text that is only a reporter, perhaps with an e-mail address: `홍길동 기자
/// (hong@example.com)`.
pub(super) static REPORTER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^({REPORTER})\s*(?:[(<\[]?\s*{EMAIL_ADDRESS}\s*[)>\]]?)?$"
    ))
    .expect("static regex")
});

/// Splits a Korean wire byline off the start of `text`: `"[서울=뉴스핌] 황숙혜 기자 = 미국
/// 증시가…"` gives `("미국 증시가…", Some("황숙혜 기자"))`.
///
/// Understood: a dateline in brackets (`[서울=뉴스핌]`, `(서울=연합뉴스)`, `【서울=뉴시스】`)
/// followed by an optional `홍길동 기자 = `; a bracket naming the reporter (`[아시아경제
/// 김철수 기자]`, `[뉴스핌=김철수 기자]`); `홍길동 기자 = ` at the very start. A dateline
/// without a reporter is removed with `None`. Any other text, including `[단독]` or `[속보]`,
/// comes back unchanged (white space collapsed) with `None`.
pub fn strip_byline(text: &str) -> (String, Option<String>) {
    let text = collapse_ws(text);
    let mut rest: &str = &text;
    let mut reporter = None;
    if let Some(m) = LEAD_BRACKET.captures(rest) {
        let inside = m.get(1).map_or("", |g| g.as_str()).trim();
        let end = m.get(0).map_or(0, |g| g.end());
        if let Some(r) = REPORTER_AT_END.captures(inside).and_then(|c| c.get(1)) {
            reporter = Some(r.as_str().to_string());
            rest = &rest[end..];
        } else if inside.contains(['=', '＝']) {
            rest = &rest[end..];
        } else {
            return (text.clone(), None);
        }
    }
    if reporter.is_none() {
        if let Some(m) = LEAD_REPORTER.captures(rest) {
            reporter = m.get(1).map(|g| g.as_str().to_string());
            rest = &rest[m.get(0).map_or(0, |g| g.end())..];
        }
    }
    (
        rest.trim().to_string(),
        reporter.map(|r| collapse_ws(&r)).filter(|r| !r.is_empty()),
    )
}

/// The first `홍길동 기자` in a byline's text.
pub(super) fn reporter_in(text: &str) -> Option<String> {
    REPORTER_IN
        .captures(text)
        .and_then(|c| c.get(1))
        .map(|m| collapse_ws(m.as_str()))
}
