//! Summaries and AI boxes, the shapes and limits of JSON-LD, class words, and wire bylines.

use crate::common::article::{auto, when};
use crate::support::*;
use feedmill::article::{strip_byline, Source};
use feedmill::dates::Label;

#[test]
fn ai_summary_is_never_the_summary() {
    let page = r#"<html><head>
        <meta property="og:description" content="한국은행이 기준금리를 동결했다는 내용을 AI가 정리했습니다.">
        </head><body><h1>한은 금리 동결</h1>
        <div id="articleBody">
          <div><strong>AI 핵심 요약</strong><p>한국은행이 기준금리를 동결했다는 내용을 AI가 정리했습니다.</p></div>
          <p>[서울=뉴스핌] 김철수 기자 = 한국은행이 기준금리를 연 2.50%로 동결했다.</p>
        </div></body></html>"#;
    let a = html(page, &rules("full_text = true\n"));
    assert_eq!(
        text(&a.summary),
        Some(("한국은행이 기준금리를 연 2.50%로 동결했다.", Source::Body))
    );
    assert_eq!(text(&a.author), Some(("김철수 기자", Source::Text)));
    let c = a.content.unwrap();
    assert!(!c.contains("AI") && !c.contains("정리했습니다"), "{c}");
    assert!(c.contains("[서울=뉴스핌] 김철수 기자 = "), "{c}");
}

#[test]
fn description_with_wire_byline_and_long_text() {
    let long = "코스피가 외국인 매수세에 힘입어 상승 마감했다. ".repeat(30);
    let page = format!(
        r#"<html><head><meta name="description" content="[서울=뉴시스]김영희 기자 = {long}"></head><body><h1>코스피 상승</h1></body></html>"#
    );
    let a = html(&page, &auto());
    let s = a.summary.unwrap();
    assert_eq!(s.source, Source::Meta);
    assert!(s.value.starts_with("코스피가 외국인"), "{}", s.value);
    assert!(s.value.ends_with('…'), "{}", s.value);
    let n = s.value.chars().count();
    assert!((250..=501).contains(&n), "{n}");
    assert!(!s.value.contains("  "));
    assert_eq!(text(&a.author), Some(("김영희 기자", Source::Text)));
}

#[test]
fn description_equal_to_title_is_skipped() {
    let page = r#"<html><head><meta property="og:title" content="반도체 수출 석 달째 증가">
        <meta property="og:description" content="반도체 수출 석 달째 증가"></head><body>
        <div class="article-body"><p>반도체 수출이 석 달째 늘며 전체 수출 증가를 이끌었다.</p></div></body></html>"#;
    let a = html(page, &auto());
    assert_eq!(
        text(&a.summary),
        Some((
            "반도체 수출이 석 달째 늘며 전체 수출 증가를 이끌었다.",
            Source::Body
        ))
    );
}

// ---------------------------------------------------------------------------
// JSON-LD shapes and limits
// ---------------------------------------------------------------------------

#[test]
fn json_ld_shapes() {
    let page = r#"<html><head><script type="application/ld+json">
        [{"@type":"Organization","name":"주간경제"},
         {"@type":"WebPage","mainEntity":{"@type":"http://schema.org/OpinionNewsArticle","headline":" 사설 :  금리의 시간 ",
           "datePublished":"2026-02-10 19:32","dateModified":["2026-02-11T08:05:00+09:00"],
           "author":["김논설", {"@type":"Person","name":"이논설"}, "김논설"],"image":"/img/editorial.jpg"}}]
        </script></head><body><h1>다른 제목</h1></body></html>"#;
    let a = html(page, &auto());
    assert_eq!(
        when(&a.published, Label::Published),
        t("2026-02-10T19:32:00+09:00 json-ld")
    );
    assert_eq!(
        when(&a.updated, Label::Updated),
        t("2026-02-11T08:05:00+09:00 json-ld")
    );
    assert_eq!(text(&a.title), Some(("사설 : 금리의 시간", Source::JsonLd)));
    assert_eq!(text(&a.author), Some(("김논설, 이논설", Source::JsonLd)));
    assert_eq!(
        image(&a.image),
        Some(("https://news.example.kr/img/editorial.jpg", Source::JsonLd))
    );

    // Article types count, and a `WebPage` (below them: its dates are the page's); a type
    // array with one of them is enough. An event's dates are the event's.
    for (ty, counts) in [
        ("\"BlogPosting\"", true),
        ("[\"Thing\", \"AnalysisNewsArticle\"]", true),
        ("\"Article\"", true),
        ("\"WebPage\"", true),
        ("\"Event\"", false),
    ] {
        let page = format!(
            r#"<script type="application/ld+json">{{"@type":{ty},"datePublished":"2026-02-10T19:32:00+09:00"}}</script>"#
        );
        assert_eq!(html(&page, &auto()).published.is_some(), counts, "{ty}");
    }
}

#[test]
fn huge_json_ld_is_skipped() {
    let pad = "가".repeat(400_000);
    let page = format!(
        r#"<html><head><meta property="article:published_time" content="2026-02-10T19:32:00+09:00">
        <script type="application/ld+json">{{"@type":"NewsArticle","datePublished":"2026-01-01T00:00:00+09:00","x":"{pad}"}}</script>
        </head><body></body></html>"#
    );
    let a = html(&page, &auto());
    assert_eq!(
        when(&a.published, Label::Published),
        t("2026-02-10T19:32:00+09:00 meta")
    );
}

#[test]
fn json_ld_in_a_related_widget_does_not_count() {
    let page = r#"<html><body><h1>본 기사</h1>
        <div class="related-articles"><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2026-02-09T10:00:00+09:00"}</script>
        <a href="/2">다른 기사</a></div>
        <p class="date">입력 2026.02.10 19:32</p></body></html>"#;
    let a = html(page, &auto());
    assert_eq!(
        when(&a.published, Label::Published),
        t("2026-02-10T19:32:00+09:00 text")
    );
}

#[test]
fn class_words_are_matched_as_words() {
    // "photo", "shot" and "almost" are not "hot" / "most": the date in them counts.
    let page = r#"<html><body><h1>제목</h1><div class="photo_area"><div class="screenshot almostThere">
        <span>입력 2026.02.10 19:32</span></div></div></body></html>"#;
    assert!(html(page, &auto()).published.is_some());
    // "hotNews" and "rank-box" are.
    for class in ["hotNews", "rank-box", "news_best", "mostViewed", "side_bar"] {
        let page = format!(
            r#"<html><body><h1>제목</h1><div class="{class}"><span>입력 2026.02.10 19:32</span></div></body></html>"#
        );
        assert_eq!(html(&page, &auto()).published, None, "{class}");
    }
}

// ---------------------------------------------------------------------------
// Wire bylines
// ---------------------------------------------------------------------------

#[test]
fn strip_byline_table() {
    let cases: &[(&str, &str, Option<&str>)] = &[
        (
            "[서울=뉴스핌] 황숙혜 기자 = 미국 증시가 상승했다.",
            "미국 증시가 상승했다.",
            Some("황숙혜 기자"),
        ),
        (
            "(서울=연합뉴스) 홍길동 기자 = 정부가 발표했다.",
            "정부가 발표했다.",
            Some("홍길동 기자"),
        ),
        (
            "[아시아경제 김철수 기자] 삼성전자가 반등했다.",
            "삼성전자가 반등했다.",
            Some("김철수 기자"),
        ),
        (
            "홍길동 기자 = 비가 온다.",
            "비가 온다.",
            Some("홍길동 기자"),
        ),
        (
            "[뉴스핌=이영기 기자] 국제유가가 올랐다.",
            "국제유가가 올랐다.",
            Some("이영기 기자"),
        ),
        (
            "[서울=뉴시스]김영희 기자=코스피가 올랐다.",
            "코스피가 올랐다.",
            Some("김영희 기자"),
        ),
        (
            "【서울=뉴시스】 박민수 기자 = 환율이 내렸다.",
            "환율이 내렸다.",
            Some("박민수 기자"),
        ),
        (
            "[워싱턴=뉴스핌] 김근철 특파원 = 연준이 동결했다.",
            "연준이 동결했다.",
            Some("김근철 특파원"),
        ),
        (
            "(세종=뉴스1) 이정현 기자·최소영 기자 = 세수가 줄었다.",
            "세수가 줄었다.",
            Some("이정현 기자·최소영 기자"),
        ),
        (
            "[디지털데일리 강민호기자] 통신 3사가 요금을 내렸다.",
            "통신 3사가 요금을 내렸다.",
            Some("강민호기자"),
        ),
        (
            "[서울=뉴스핌] 미국 증시가 상승했다.",
            "미국 증시가 상승했다.",
            None,
        ),
        (
            "[단독] 삼성전자, 새 공장 짓는다",
            "[단독] 삼성전자, 새 공장 짓는다",
            None,
        ),
        ("[속보] 지진 발생", "[속보] 지진 발생", None),
        ("미국 증시가 상승했다.", "미국 증시가 상승했다.", None),
        (
            "김철수 기자가 현장에서 전했다.",
            "김철수 기자가 현장에서 전했다.",
            None,
        ),
        (
            "  (서울=연합뉴스)  홍길동   기자  =  공백이\n많다.",
            "공백이 많다.",
            Some("홍길동 기자"),
        ),
        ("", "", None),
        ("[서울=뉴스핌]", "", None),
    ];
    for (input, rest, reporter) in cases {
        let (got_rest, got_reporter) = strip_byline(input);
        assert_eq!(
            (got_rest.as_str(), got_reporter.as_deref()),
            (*rest, *reporter),
            "{input}"
        );
    }
}

#[test]
fn source_names() {
    let names: Vec<String> = [
        Source::JsonLd,
        Source::Meta,
        Source::Selector,
        Source::Time,
        Source::Text,
        Source::Body,
        Source::Itemprop,
        Source::Microformat,
        Source::Url,
    ]
    .iter()
    .map(ToString::to_string)
    .collect();
    assert_eq!(
        names,
        [
            "json-ld",
            "meta",
            "selector",
            "time",
            "text",
            "body",
            "itemprop",
            "microformat",
            "url"
        ]
    );
}
