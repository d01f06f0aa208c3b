//! Arbitrary pages built from pieces of real markup never make the reader panic.

use crate::common::article::auto;
use crate::support::*;
use feedmill::article::strip_byline;
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "<script type=\"application/ld+json\">",
    "</script>",
    "{\"@type\":\"NewsArticle\",\"datePublished\":\"",
    "{\"@graph\":[",
    "\"author\":[{\"name\":",
    "2026-02-10T10:32:00Z",
    "\"}",
    "]}",
    ",",
    "<!--",
    "-->",
    "<![CDATA[",
    "<time datetime=\"",
    "\">",
    "<meta property=\"og:description\" content=\"",
    "<meta property=\"article:published_time\" content=\"",
    "<div class=\"related\">",
    "<div class=\"ai_summary\">",
    "<div id=\"articleBody\">",
    "</div>",
    "<h1>",
    "</h1>",
    "<h3>많이 본 뉴스</h3>",
    "<p>",
    "</p>",
    "<br>",
    "<a href=\"",
    "<img data-src=\"",
    "<base href=\"",
    "javascript:",
    "//[::1",
    "입력 ",
    "수정 ",
    "2026.02.10 19:32",
    "[서울=뉴스핌] 황숙혜 기자 = ",
    "(서울=연합뉴스) ",
    "AI 핵심 요약",
    "&amp;",
    "&#xFFFFFF;",
    "\\u0000",
    "\u{0}",
    "\u{fffe}",
    "\u{a0}",
    "9999-99-99T99:99",
    "<table><tr><td>",
    "<pre>",
];

fn html_ish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => prop::sample::select(PIECES).prop_map(str::to_string),
        1 => "\\PC{0,16}",
    ];
    prop::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn arbitrary_html_never_panics(page in html_ish()) {
        let all = rules(
            "date = \"time\"\nupdated = \"p@data-x\"\nauthor = \"h1\"\nsummary = \"p\"\nimage = \"img\"\ncontent = \"div\"\nremove = [\"a\"]\n",
        );
        let _ = html(&page, &all);
        let _ = html(&page, &rules("full_text = true\n"));
        let _ = html(&page, &auto());
    }

    #[test]
    fn strip_byline_never_panics_and_keeps_plain_text(text in "\\PC{0,60}") {
        let (rest, reporter) = strip_byline(&text);
        if reporter.is_none() && !text.trim_start().starts_with(['[', '(', '【', '〔', '［', '<', '〈']) {
            prop_assert_eq!(rest, feedmill::html::collapse_ws(&text));
        }
    }
}
