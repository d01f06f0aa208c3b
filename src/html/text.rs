//! Text as a reader sees it: white space collapsed, inline markup joined, block edges
//! separating words, scripts and styles silent; and the length limits every field obeys.

use scraper::ElementRef;

use super::hidden::hidden_in_walk;

/// Collapses runs of white space (including non-breaking spaces) to one space.
///
/// Control characters and noncharacters, which no feed format can carry, are dropped.
pub fn collapse_ws(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let unwanted =
        |c: char| (c.is_control() && !c.is_whitespace()) || matches!(c, '\u{FFFE}' | '\u{FFFF}');
    for word in text
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.contains(unwanted) {
            out.extend(word.chars().filter(|&c| !unwanted(c)));
        } else {
            out.push_str(word);
        }
    }
    out
}

/// Elements whose edges separate words: text on either side of them does not run together.
pub fn breaks_words(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "br"
            | "p"
            | "div"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "td"
            | "th"
            | "tr"
            | "table"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "article"
            | "section"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "blockquote"
            | "figure"
            | "figcaption"
            | "hr"
            | "img"
            | "option"
    )
}

/// An element's text as a reader sees it: inline markup (`<strong>고율 관세</strong>를`) joins
/// without a space, block edges and `<br>` separate words, scripts and styles say nothing,
/// and neither do hidden elements ([`is_hidden`]) or invisible characters ([`invisible`]).
pub fn text_of(el: ElementRef) -> String {
    text_within(el, usize::MAX)
}

/// [`text_of`], reading no more than about `budget` bytes of text (or a proportionate number
/// of nodes without text): for pages where an element may hold megabytes.
pub fn text_within(el: ElementRef, budget: usize) -> String {
    read_text(el, budget, Reading::VISIBLE)
}

/// [`text_within`] including the text of hidden elements: for judging what a block is (a
/// `<span class="blind">관련기사</span>` in a heading names the box for screen readers).
pub fn all_text_within(el: ElementRef, budget: usize) -> String {
    read_text(
        el,
        budget,
        Reading {
            hidden: true,
            ..Reading::VISIBLE
        },
    )
}

/// [`text_within`] for reading a date: every element edge parts the text, so a date and a
/// time printed in neighbouring elements (`<span>2026.02.10</span><span>19:32</span>`) read
/// as `2026.02.10 19:32`, not as `2026.02.1019:32`. Only for dates: a title's inline markup
/// (`<strong>고율 관세</strong>를`) must join.
pub fn date_text_within(el: ElementRef, budget: usize) -> String {
    read_text(
        el,
        budget,
        Reading {
            spaced: true,
            ..Reading::VISIBLE
        },
    )
}

/// How [`read_text`] reads.
#[derive(Clone, Copy)]
struct Reading {
    /// Read the text of hidden elements too.
    hidden: bool,
    /// Part the text at every element edge, not only at blocks.
    spaced: bool,
}

impl Reading {
    const VISIBLE: Reading = Reading {
        hidden: false,
        spaced: false,
    };
}

fn read_text(el: ElementRef, budget: usize, how: Reading) -> String {
    use ego_tree::iter::Edge;
    let mut raw = String::new();
    let mut skip_depth = 0usize;
    let max_edges = budget.saturating_mul(16).saturating_add(256);
    let root = el.id();
    for edge in el.traverse().take(max_edges) {
        match edge {
            Edge::Open(node) => match node.value() {
                scraper::Node::Element(e) => {
                    let name = e.name();
                    if skip_depth > 0 || holds_no_text(name) {
                        skip_depth += 1;
                    } else if !how.hidden && node.id() != root && hidden_in_walk(node, e) {
                        // A hidden block still parts the words around it.
                        if breaks_words(name) {
                            raw.push(' ');
                        }
                        skip_depth += 1;
                    } else if how.spaced || breaks_words(name) {
                        raw.push(' ');
                    }
                }
                scraper::Node::Text(t) if skip_depth == 0 => {
                    if t.contains(invisible) {
                        raw.extend(t.chars().filter(|&c| !invisible(c)));
                    } else {
                        raw.push_str(t);
                    }
                    if raw.len() > budget {
                        break;
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let scraper::Node::Element(e) = node.value() {
                    if skip_depth > 0 {
                        skip_depth -= 1;
                    } else if how.spaced || breaks_words(e.name()) {
                        raw.push(' ');
                    }
                }
            }
        }
    }
    collapse_ws(&raw)
}
/// Whether an element's content is never text a reader sees: scripts, styles, `<noscript>`
/// fallbacks and templates.
pub fn holds_no_text(name: &str) -> bool {
    matches!(name, "script" | "style" | "noscript" | "template")
}

/// Characters that show nothing: the soft hyphen and the zero-width ones (space, non-joiner,
/// joiner, word joiner, and the byte-order mark used as a zero-width no-break space).
pub fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Longest title kept, in characters; a page's 1 MB "title" is cut, not carried into feeds.
pub const MAX_TITLE: usize = 300;
/// Longest summary kept, in characters.
pub const MAX_SUMMARY: usize = 1000;
/// Longest author kept, in characters.
pub const MAX_AUTHOR: usize = 100;

/// Cuts `text` to at most `max` characters, at a word boundary when one is near, ending in "…".
pub fn truncate(text: String, max: usize) -> String {
    let Some((cut, _)) = text.char_indices().nth(max) else {
        return text;
    };
    let head = &text[..cut];
    // Back up to the last space in the final fifth, so a word is not split.
    let floor = head.char_indices().nth(max * 4 / 5).map_or(0, |(i, _)| i);
    let end = head[floor..].rfind(' ').map_or(cut, |i| floor + i);
    let mut out = head[..end].trim_end().to_string();
    out.push('\u{2026}');
    out
}

/// `Some(s)` unless `s` is empty.
pub fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

/// A `<time>`'s machine-readable `datetime`, else the element's text with its elements parted
/// ([`date_text_within`]): how every reader takes a date from one element.
pub fn time_text(el: ElementRef) -> Option<String> {
    el.value()
        .attr("datetime")
        .map(collapse_ws)
        .and_then(non_empty)
        .or_else(|| non_empty(date_text_within(el, usize::MAX)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_table() {
        assert_eq!(truncate("짧은 제목".into(), 10), "짧은 제목");
        assert_eq!(truncate("abcdefghij".into(), 10), "abcdefghij");
        assert_eq!(truncate("abcdefghijk".into(), 10), "abcdefghij\u{2026}");
        assert_eq!(truncate("one two three".into(), 9), "one two\u{2026}");
        assert_eq!(
            truncate("one two three four five".into(), 12),
            "one two thre\u{2026}"
        );
        assert_eq!(
            truncate("가나다라마바사아자차카".into(), 5),
            "가나다라마\u{2026}"
        );
        let huge = "가".repeat(1_000_000);
        assert_eq!(truncate(huge, MAX_TITLE).chars().count(), MAX_TITLE + 1);
    }

    /// The text of the first `sel` in `html`.
    fn read(html: &str, sel: &str, f: fn(ElementRef) -> String) -> String {
        let doc = scraper::Html::parse_document(html);
        let sel = scraper::Selector::parse(sel).unwrap();
        let el = doc.select(&sel).next().expect("the element");
        f(el)
    }

    #[test]
    fn hidden_text_and_invisible_characters_table() {
        let cases = [
            // Naver: a blind label before the headline
            (
                r#"<a class="sa_text_title" href="/n/1"><span class="blind">단독</span><strong class="sa_text_strong">삼성전자, HBM4 양산 앞당긴다</strong></a>"#,
                "삼성전자, HBM4 양산 앞당긴다",
            ),
            // inline markup still joins without a space
            (
                "<a href=\"/n/2\">美 <strong>고율 관세</strong>를 피하라</a>",
                "美 고율 관세를 피하라",
            ),
            (
                r#"<a href="/n/3">트럼프 관세 발표<span class="sr-only">(새창)</span></a>"#,
                "트럼프 관세 발표",
            ),
            (
                r#"<a href="/n/4"><span class="screen_out">뉴스</span>韓 수출 2월 반등<span class="sound_only">새글</span></a>"#,
                "韓 수출 2월 반등",
            ),
            (
                r#"<a href="/n/5"><em class="ico_new" aria-hidden="true">NEW</em>[속보] 기준금리 동결<span aria-hidden="false">!</span></a>"#,
                "[속보] 기준금리 동결!",
            ),
            (
                r#"<a href="/n/6">코스피 반등<span hidden>키워드</span><span class="Visually-Hidden">링크</span></a>"#,
                "코스피 반등",
            ),
            (
                r#"<a href="/n/7">환율 급등<span style="display:none">SEO</span><span style="color:red; DISPLAY: None !important">광고</span><i style="visibility: hidden">x</i></a>"#,
                "환율 급등",
            ),
            // Reuters: a screen-reader label clipped to nothing; a clip that shows stays
            (
                r#"<a href="/n/11">London Metal Exchange<span style="position:absolute;clip:rect(0 0 0 0);width:1px;height:1px;overflow:hidden">, opens new tab</span><span style="clip: rect(0px, 80px, 20px, 0px)"> prices</span></a>"#,
                "London Metal Exchange prices",
            ),
            // WordPress's, Drupal's and the BBC's screen-reader classes
            (
                r#"<a href="/n/9">Council backs tram<span class="screen-reader-text"> (opens in a new tab)</span><span class="element-invisible">(link is external)</span><span class="off-screen">Image caption</span></a>"#,
                "Council backs tram",
            ),
            // a style or class that does not hide keeps its text
            (
                r#"<a href="/n/8"><span style="display:inline">반도체</span> <span class="hidden-xs blinds">장비</span> <span class="hidden md:inline">강세</span></a>"#,
                "반도체 장비 강세",
            ),
            // hidden blocks do not leave a word break behind either
            (
                r#"<li>공급망<div class="blind">숨김</div>재편</li>"#,
                "공급망 재편",
            ),
            // soft hyphens and zero-width characters show nothing
            (
                "<a href=\"/n/9\">반도\u{AD}체 장비\u{200B}주\u{200C} 강\u{200D}세\u{2060}\u{FEFF}</a>",
                "반도체 장비주 강세",
            ),
            (
                "<a href=\"/n/10\">\u{200B} <span>\u{FEFF}</span></a>",
                "",
            ),
        ];
        for (html, want) in cases {
            let sel = if html.starts_with("<li>") { "li" } else { "a" };
            assert_eq!(read(html, sel, text_of), want, "{html}");
        }
    }

    #[test]
    fn an_element_read_by_name_is_read_even_when_hidden() {
        let html = r#"<div class="rel"><h3 class="blind">관련기사</h3><h4><span class="blind">많이 본 뉴스</span></h4></div>"#;
        assert_eq!(read(html, "h3", text_of), "관련기사");
        assert_eq!(read(html, "h4", text_of), "");
        assert_eq!(read(html, "h4", |e| all_text_within(e, 80)), "많이 본 뉴스");
    }

    /// A body a script shows once it has loaded (`html::revealed_by_script`) is read.
    #[test]
    fn a_body_hidden_until_shown_is_read() {
        let long = "梅雨季的衣服总是晾不干。".repeat(30);
        let page =
            format!(r#"<article><div style="visibility: hidden"><p>{long}</p></div></article>"#);
        assert_eq!(
            read(&page, "article", text_of).chars().count(),
            long.chars().count()
        );
    }

    #[test]
    fn date_text_parts_neighbouring_elements() {
        let cases = [
            (
                r#"<p class="info"><span class="date">2026.02.10</span><span class="time">19:32</span></p>"#,
                "2026.02.10 19:32",
            ),
            (
                r#"<p class="info"><span class="date">2026.02.10</span> <span class="time">11:31</span></p>"#,
                "2026.02.10 11:31",
            ),
            (
                r#"<p class="info"><em>입력</em><em>2026.02.10</em><em>19:32</em><span class="bar">|</span><em>수정</em><em>2026.02.11</em><em>08:05</em></p>"#,
                "입력 2026.02.10 19:32 | 수정 2026.02.11 08:05",
            ),
            (
                r#"<p class="info"><span class="blind">작성일</span><b>2026.02.10</b><b>19:32</b></p>"#,
                "2026.02.10 19:32",
            ),
            (
                r#"<p class="info"><time datetime="2026-02-10T19:32:00+09:00">2시간 전</time></p>"#,
                "2시간 전",
            ),
        ];
        for (html, want) in cases {
            assert_eq!(read(html, "p", |e| time_text(e).unwrap()), want, "{html}");
        }
        // <time datetime> still reads its attribute
        let html = r#"<p><time datetime=" 2026-02-10T19:32:00+09:00 ">2시간 전</time></p>"#;
        assert_eq!(
            read(html, "time", |e| time_text(e).unwrap()),
            "2026-02-10T19:32:00+09:00"
        );
        // ... and titles keep their inline markup joined
        let html = r#"<p class="info"><span class="date">2026.02.10</span><span class="time">19:32</span></p>"#;
        assert_eq!(read(html, "p", text_of), "2026.02.1019:32");
    }

    #[test]
    fn collapse_table() {
        assert_eq!(collapse_ws("  a \n\t b\u{a0}c  "), "a b c");
        assert_eq!(collapse_ws(""), "");
        assert_eq!(collapse_ws("\u{3000}한\u{3000}글 "), "한 글");
        assert_eq!(collapse_ws("a\u{1}b\u{7f} \u{fffe}c"), "ab c");
    }
}
