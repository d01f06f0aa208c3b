//! The eight Korean article pages, each trapping one way of getting a time wrong.

use crate::common::article::{auto, when};
use crate::support::*;
use feedmill::article::{extract_article, Source};
use feedmill::dates::DateContext;
use feedmill::dates::Label;
use url::Url;

/// JSON-LD NewsArticle with UTC ("Z") times. Traps: a wrong `article:published_time` meta,
/// a visible "입력 2026.02.10 19:30", a script variable with a date, comments, a "많이 본 뉴스"
/// aside and a footer with dates; meta author is the site's name.
#[test]
fn jsonld_news_article_with_utc_times() {
    let a = page(
        "jsonld_z.html",
        "https://www.aitimes.example/news/articleView.html?idxno=167001",
        &auto(),
    );
    assert_eq!(
        when(&a.published, Label::Published),
        t("2026-02-10T19:32:00+09:00 json-ld")
    );
    assert_eq!(
        when(&a.updated, Label::Updated),
        t("2026-02-11T08:05:00+09:00 json-ld")
    );
    assert_eq!(
        text(&a.title),
        Some((
            "삼성전자, 2나노 GAA 양산 돌입…파운드리 반격 시작",
            Source::JsonLd
        ))
    );
    assert_eq!(
        text(&a.summary),
        Some(("삼성전자가 2나노미터(nm) 게이트올어라운드(GAA) 공정 양산에 들어갔다. 첫 고객은 국내 AI 반도체 스타트업으로, 회사는 연내 수율을 70%까지 끌어올린다는 계획이다.", Source::Meta))
    );
    assert_eq!(
        text(&a.author),
        Some(("김민지 기자, 박준형 기자", Source::JsonLd))
    );
    assert_eq!(
        image(&a.image),
        Some((
            "https://cdn.aitimes.example/news/photo/202602/167001_201455_1032.jpg",
            Source::Meta
        ))
    );
    assert_eq!(a.content, None, "content only when asked");
}

/// JSON-LD in `@graph` with `"@type": ["NewsArticle"]` and +09:00 times, HTML comments around
/// it and a trailing comma inside. Traps: an invalid JSON-LD script first with a wrong date,
/// a BreadcrumbList script, a WebPage object with its own `datePublished` before the article
/// in the graph, a "HOT" keyword bar and an "이 시각 주요뉴스" box with labelled dates.
#[test]
fn jsonld_graph_with_array_type() {
    let a = page(
        "jsonld_graph.html",
        "https://news.mtn.example/view/2026021019320012345",
        &auto(),
    );
    assert_eq!(
        when(&a.published, Label::Published),
        t("2026-02-10T19:32:00+09:00 json-ld")
    );
    assert_eq!(
        when(&a.updated, Label::Updated),
        t("2026-02-11T08:05:00+09:00 json-ld")
    );
    // `&quot;` left in the JSON-LD text is decoded once.
    assert_eq!(
        text(&a.title),
        Some((
            "한은, 기준금리 연 2.50% 동결…\"환율 변동성 경계\"",
            Source::JsonLd
        ))
    );
    assert_eq!(
        text(&a.summary),
        Some(("한국은행 금융통화위원회가 기준금리를 연 2.50%로 동결했다. 이창용 총재는 환율 변동성과 가계부채 증가세를 동결 배경으로 꼽았다.", Source::Meta))
    );
    assert_eq!(text(&a.author), Some(("이서연", Source::JsonLd)));
    assert_eq!(
        image(&a.image),
        Some((
            "https://image.mtn.example/2026/02/10/bok_rate.jpg",
            Source::JsonLd
        ))
    );
}

/// JSON-LD ReportageNewsArticle without an offset ("2026-02-10T19:32:00") in CDATA; no
/// dateModified. Traps: "승인 2026.02.10 19:35" in the header, the site's date bar, a
/// "기사등록" menu link, a comment and a ranking box with dates, "등록 2009.09.09" at the
/// bottom; the `<base href>` names another host than the page.
#[test]
fn jsonld_without_offset_is_seoul_time() {
    let a = page(
        "jsonld_local.html",
        "https://m.gwnews.example/news/articleView.html?idxno=17387",
        &auto(),
    );
    assert_eq!(
        when(&a.published, Label::Published),
        t("2026-02-10T19:32:00+09:00 json-ld")
    );
    assert_eq!(a.updated, None, "no updated time anywhere in the article");
    assert_eq!(
        text(&a.title),
        Some(("강릉 산불 이틀째…주민 1200명 대피", Source::JsonLd))
    );
    assert_eq!(
        text(&a.summary),
        Some(("강원 강릉시 옥계면에서 발생한 산불이 이틀째 이어지면서 주민 1천200여명이 인근 학교와 체육관으로 대피했다.", Source::Meta))
    );
    assert_eq!(text(&a.author), Some(("정다은 기자", Source::JsonLd)));
    assert_eq!(
        image(&a.image),
        Some((
            "https://www.gwnews.example/data/photos/20260210/art_17387.jpg",
            Source::Meta
        ))
    );
}

/// A time without an offset is read in the configured zone, whatever it is.
#[test]
fn jsonld_without_offset_reads_in_the_zone() {
    let ny = DateContext {
        fetched_at: "2026-02-11T09:00:00-05:00".parse().unwrap(),
        zone: chrono_tz::America::New_York,
    };
    let a = extract_article(
        &fixture("jsonld_local.html"),
        &Url::parse("https://www.gwnews.example/").unwrap(),
        &auto(),
        ny,
    );
    assert_eq!(
        a.published.unwrap().value.instant.to_rfc3339(),
        "2026-02-10T19:32:00-05:00"
    );
}

/// `article:published_time` / `article:modified_time` only. Traps: a JSON-LD WebPage with
/// datePublished (not an article), "등록 2026-02-10 오후 7:30" in the header, an
/// `og:description` that is exactly the AI-summary box's text, a URL as meta author, a
/// "추천 기사" box and a footer with dates.
#[test]
fn meta_only_page() {
    let a = page(
        "meta_only.html",
        "https://www.technomics.example/news/articleView.html?idxno=1002",
        &auto(),
    );
    assert_eq!(
        when(&a.published, Label::Published),
        t("2026-02-10T19:32:00+09:00 meta")
    );
    assert_eq!(
        when(&a.updated, Label::Updated),
        t("2026-02-11T08:05:00+09:00 meta")
    );
    // og:title without the " | 테크노믹스" the site appends.
    assert_eq!(
        text(&a.title),
        Some(("네이버, 초거대 AI '하이퍼클로바X 2' 공개", Source::Meta))
    );
    // Not the AI box, not its copy in og:description: the body's lead, byline stripped.
    assert_eq!(
        text(&a.summary),
        Some(("네이버는 10일 경기 성남시 네이버 1784에서 'DAN 26' 행사를 열고 하이퍼클로바X 2를 선보였다.", Source::Body))
    );
    assert_eq!(text(&a.author), Some(("최현우", Source::Meta)));
    assert_eq!(
        image(&a.image),
        Some((
            "https://img.technomics.example/photo/2026/02/10/hcx2.png",
            Source::Meta
        ))
    );
}

/// `<time id="send-time" datetime>` and a `time.date-modified`. Traps: a breaking-news
/// ticker with a `<time>` in the header before the article, a logo `<h1>`, a related list
/// and comments with `<time>` elements after it, a footer `<time>`.
#[test]
fn time_element_page() {
    let a = page(
        "time_element.html",
        "https://www.dailybusan.example/news/view/90010",
        &auto(),
    );
    assert_eq!(
        when(&a.published, Label::Published),
        t("2026-02-10T19:32:00+09:00 time")
    );
    assert_eq!(
        when(&a.updated, Label::Updated),
        t("2026-02-11T08:05:00+09:00 time")
    );
    assert_eq!(
        text(&a.title),
        Some(("부산 북항 재개발 2단계 착공", Source::Text))
    );
    assert_eq!(
        text(&a.summary),
        Some(("부산 북항 재개발 2단계 사업이 10일 착공식을 열고 본격적인 공사에 들어갔다. 총사업비는 4조원 규모다.", Source::Meta))
    );
    assert_eq!(text(&a.author), Some(("윤재석 기자", Source::Text)));
    assert_eq!(a.image, None);
}

/// A Newspim-style page with labelled text only: "기사입력 : 2026년02월10일 19:32" and
/// "최종수정 : 2026년02월11일 08:05" in the writer box. Traps: a "베스트 기사" box with
/// "기사입력" dates BEFORE the article (named only by its heading), an "AI 핵심 요약" box
/// before the body, no og:description, a lead starting "[서울=뉴스핌] 황숙혜 기자 = ",
/// related articles with "2026.02.09 17:00", comments, a footer with 등록일자, a script
/// variable with a date.
#[test]
fn newspim_labelled_text_page() {
    let a = page(
        "newspim_text.html",
        "https://www.newspim.example/news/view/20260210000876",
        &auto(),
    );
    assert_eq!(
        when(&a.published, Label::Published),
        t("2026-02-10T19:32:00+09:00 text")
    );
    assert_eq!(
        when(&a.updated, Label::Updated),
        t("2026-02-11T08:05:00+09:00 text")
    );
    assert_eq!(
        text(&a.title),
        Some(("[뉴욕증시] 엔비디아 급등에 나스닥 사상 최고", Source::Meta))
    );
    assert_eq!(
        text(&a.summary),
        Some(("미국 증시가 10일(현지시각) 엔비디아의 급등에 힘입어 상승했다. 나스닥 지수는 사상 최고치를 다시 썼다.", Source::Body))
    );
    assert_eq!(text(&a.author), Some(("황숙혜 기자", Source::Text)));
    assert_eq!(
        image(&a.image),
        Some((
            "https://img.newspim.example/news/2026/02/10/2602100732000000_t1.jpg",
            Source::Meta
        ))
    );
}

/// "입력 2026.02.10 19:32 | 수정 2026.02.11 08:05" in one line. Traps: a menu bar with
/// today's date and "최근 업데이트 2026.02.11 08:55", a "실시간 인기" list with the same
/// kind of line BEFORE the article, a comment starting "입력 …", a footer with 등록/수정
/// dates. The reporter is known only from the lead's wire byline; og:image is
/// protocol-relative.
#[test]
fn published_and_updated_in_one_line() {
    let a = page(
        "inline_labels.html",
        "https://www.hkn.example/article/202602101932",
        &auto(),
    );
    assert_eq!(
        when(&a.published, Label::Published),
        t("2026-02-10T19:32:00+09:00 text")
    );
    assert_eq!(
        when(&a.updated, Label::Updated),
        t("2026-02-11T08:05:00+09:00 text")
    );
    assert_eq!(
        text(&a.title),
        Some(("정부, 반도체 특별법 시행령 입법예고", Source::Text))
    );
    assert_eq!(
        text(&a.summary),
        Some(("정부가 반도체 특별법 시행령 제정안을 입법예고했다. 연구개발 인력의 주 52시간 예외 적용 범위와 보조금 지급 기준이 담겼다.", Source::Meta))
    );
    assert_eq!(text(&a.author), Some(("홍길동 기자", Source::Text)));
    assert_eq!(
        image(&a.image),
        Some((
            "https://img.hkn.example/photo/202602/AKR20260210150500003_01_i.jpg",
            Source::Meta
        ))
    );
}

/// A table-layout column page with no time of its own: the only dates are in a "많이 본 뉴스"
/// side cell, a related block and the footer ("최종수정 2026.02.01").
#[test]
fn page_with_nothing_usable() {
    let a = page(
        "nothing.html",
        "https://www.weeklycitizen.example/column/view.php?no=77",
        &auto(),
    );
    assert_eq!(a.published, None);
    assert_eq!(a.updated, None);
    assert_eq!(
        text(&a.title),
        Some(("[칼럼] 봄을 기다리는 마음", Source::Text))
    );
    assert_eq!(
        text(&a.summary),
        Some(("아직 바람은 차지만 골목 어귀의 매화 가지에는 벌써 작은 꽃눈이 맺혔다. 겨울을 견딘 것들은 늘 이렇게 조용히 봄을 준비한다.", Source::Body))
    );
    assert_eq!(a.author, None);
    assert_eq!(a.image, None);
    assert!(!a.is_empty());
    assert!(html("", &auto()).is_empty());
}
