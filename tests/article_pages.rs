//! Article pages: every field of eight realistic Korean article pages, each trapping one
//! way of getting a time wrong; content cleaning; selector overrides; wire bylines; and
//! arbitrary input never panicking.

mod common;

use std::path::Path;

use feedmill::article::{extract_article, strip_byline, ArticleInfo, Found, Source};
use feedmill::config::ArticleRules;
use feedmill::dates::DateContext;
use feedmill::dates::Label;
use proptest::prelude::*;
use url::Url;

use common::article::{auto, ctx, when};

/// Rules from a `[feeds.t.article]` table, through the config reader (so `css@attr` works
/// as users write it).
fn rules(article_toml: &str) -> ArticleRules {
    let text = format!(
        "[feeds.t]\ntitle = \"T\"\nurl = \"https://x.kr/\"\n[feeds.t.article]\nfetch = true\n{article_toml}"
    );
    let config = feedmill::config::parse(&text, Path::new("feeds.toml")).unwrap();
    config.feeds[0].article.clone().unwrap()
}

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/article")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn page(name: &str, url: &str, rules: &ArticleRules) -> ArticleInfo {
    extract_article(&fixture(name), &Url::parse(url).unwrap(), rules, ctx())
}

fn html(html: &str, rules: &ArticleRules) -> ArticleInfo {
    extract_article(
        html,
        &Url::parse("https://news.example.kr/view/1").unwrap(),
        rules,
        ctx(),
    )
}

fn text(found: &Option<Found<String>>) -> Option<(&str, Source)> {
    found.as_ref().map(|f| (f.value.as_str(), f.source))
}

fn image(found: &Option<Found<Url>>) -> Option<(&str, Source)> {
    found.as_ref().map(|f| (f.value.as_str(), f.source))
}

fn t(s: &str) -> Option<(String, Source)> {
    let (time, source) = s.split_once(' ').unwrap();
    let source = match source {
        "json-ld" => Source::JsonLd,
        "meta" => Source::Meta,
        "selector" => Source::Selector,
        "time" => Source::Time,
        "text" => Source::Text,
        other => panic!("{other}"),
    };
    Some((time.to_string(), source))
}

// ---------------------------------------------------------------------------
// The eight pages
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// Selectors
// ---------------------------------------------------------------------------

#[test]
fn selectors_override_the_automatic_choice() {
    // Dates: a selector beats <time> and labelled text (but not JSON-LD or meta, below).
    let a = page(
        "time_element.html",
        "https://www.dailybusan.example/news/view/90010",
        &rules("date = \"span.print-date@data-ts\"\n"),
    );
    assert_eq!(
        when(&a.published, Label::Published),
        t("2026-02-10T19:40:00+09:00 selector")
    );
    assert_eq!(
        when(&a.updated, Label::Updated),
        t("2026-02-11T08:05:00+09:00 time")
    );

    // One element holding both labels serves both selectors.
    let a = page(
        "newspim_text.html",
        "https://www.newspim.example/news/view/20260210000876",
        &rules(
            "date = \"div.writer\"\nupdated = \"div.writer\"\nsummary = \"#news-contents p:nth-of-type(2)\"\nauthor = \"div.writer span.name\"\n",
        ),
    );
    assert_eq!(
        when(&a.published, Label::Published),
        t("2026-02-10T19:32:00+09:00 selector")
    );
    assert_eq!(
        when(&a.updated, Label::Updated),
        t("2026-02-11T08:05:00+09:00 selector")
    );
    assert_eq!(
        text(&a.summary),
        Some(("엔비디아는 새 AI 가속기 출하가 예상보다 빠르다는 소식에 7.2% 뛰었다. 전날 기사에서 전한 대로 투자자들은 실적 발표를 기다리고 있다.", Source::Selector))
    );
    assert_eq!(
        text(&a.author),
        Some(("황숙혜 기자 (hsh@newspim.example)", Source::Selector))
    );

    // Author and image selectors beat JSON-LD and og:image; a lazy image's data-src is read.
    let a = page(
        "jsonld_z.html",
        "https://www.aitimes.example/news/articleView.html?idxno=167001",
        &rules("author = \"div.writer strong.name\"\nimage = \"#article-view-content-div figure img\"\n"),
    );
    assert_eq!(text(&a.author), Some(("김민지 기자", Source::Selector)));
    assert_eq!(
        image(&a.image),
        Some((
            "https://www.aitimes.example/news/photo/202602/167001_201455_1032.jpg",
            Source::Selector
        ))
    );
}

#[test]
fn date_selectors_do_not_beat_structured_data() {
    let a = page(
        "jsonld_z.html",
        "https://www.aitimes.example/news/articleView.html?idxno=167001",
        &rules("date = \"ul.infomation\"\nupdated = \"ul.infomation\"\n"),
    );
    assert_eq!(
        when(&a.published, Label::Published),
        t("2026-02-10T19:32:00+09:00 json-ld")
    );
    assert_eq!(
        when(&a.updated, Label::Updated),
        t("2026-02-11T08:05:00+09:00 json-ld")
    );
}

#[test]
fn selector_matching_nothing_falls_back() {
    let a = page(
        "newspim_text.html",
        "https://www.newspim.example/news/view/20260210000876",
        &rules("date = \"span.gone\"\nsummary = \"p.gone\"\nauthor = \"em.gone\"\nimage = \"img.gone\"\n"),
    );
    assert_eq!(a.published.unwrap().source, Source::Text);
    assert_eq!(a.summary.unwrap().source, Source::Body);
    assert_eq!(a.author.unwrap().source, Source::Text);
    assert_eq!(a.image.unwrap().source, Source::Meta);
}

// ---------------------------------------------------------------------------
// Content
// ---------------------------------------------------------------------------

#[test]
fn content_selector_with_remove() {
    let a = page(
        "newspim_text.html",
        "https://www.newspim.example/news/view/20260210000876",
        &rules("content = \"#news-contents\"\nremove = [\".ad_inarticle\", \"p:last-child\"]\n"),
    );
    let c = a.content.expect("content");
    assert!(
        c.starts_with("<p>[서울=뉴스핌] 황숙혜 기자 = 미국 증시가"),
        "{c}"
    );
    assert!(
        c.contains("<a href=\"https://www.newspim.example/news/view/20260209000500\""),
        "{c}"
    );
    for gone in [
        "광고",
        "hsh@newspim.example",
        "AI 핵심 요약",
        "관련기사",
        "class=",
    ] {
        assert!(!c.contains(gone), "{gone} in {c}");
    }
}

#[test]
fn full_text_finds_the_body_and_cleans_it() {
    let mut r = rules("full_text = true\nremove = [\".ad_box\"]\n");
    let a = page(
        "jsonld_z.html",
        "https://www.aitimes.example/news/articleView.html?idxno=167001",
        &r,
    );
    let c = a.content.expect("content");
    // The lazy image became a real, absolute src; its caption stays.
    assert!(
        c.contains("<img src=\"https://www.aitimes.example/news/photo/202602/167001_201455_1032.jpg\" alt=\"삼성전자 평택캠퍼스 전경 (사진=삼성전자)\">"),
        "{c}"
    );
    assert!(
        c.contains("<figcaption>삼성전자 평택캠퍼스 전경 (사진=삼성전자)</figcaption>"),
        "{c}"
    );
    assert!(
        c.contains("href=\"https://www.aitimes.example/news/articleView.html?idxno=166850\""),
        "{c}"
    );
    assert!(c.contains("초기 수율을 안정적으로 확보했다"), "{c}");
    for gone in [
        "<script",
        "googletag",
        "<iframe",
        "youtube",
        "data:image",
        "AI 요약",
        "2나노 양산 시작",
        "관련기사",
        "TSMC, 2나노 시험생산",
        "광고",
        "많이 본 뉴스",
        "반도체러버",
        "Copyright",
    ] {
        assert!(!c.contains(gone), "{gone} in {c}");
    }

    // Without `remove` the ad label goes too: a block that only says "광고" is never the
    // article's text, even inside the site's own body container.
    r.remove.clear();
    let c = page(
        "jsonld_z.html",
        "https://www.aitimes.example/news/articleView.html?idxno=167001",
        &r,
    )
    .content
    .unwrap();
    assert!(!c.contains("광고"), "{c}");
    assert!(c.contains("초기 수율을 안정적으로 확보했다"), "{c}");
}

#[test]
fn full_text_without_a_known_container() {
    let a = page(
        "nothing.html",
        "https://www.weeklycitizen.example/column/view.php?no=77",
        &rules("full_text = true\n"),
    );
    let c = a.content.expect("content");
    assert!(c.starts_with("아직 바람은 차지만"), "{c}");
    assert!(c.contains("<br><br>"), "{c}");
    assert!(c.ends_with("작은 마음일지 모른다."), "{c}");
    assert!(
        !c.contains("많이 본 뉴스") && !c.contains("관련기사"),
        "{c}"
    );
}

#[test]
fn content_resolves_against_base_and_drops_unsafe_things() {
    let page = r##"<html><head><base href="https://cdn.example.kr/news/"></head><body>
        <h1>제목입니다</h1>
        <div id="articleBody">
          <div class="ai_summary"><b>AI 요약</b><p>요약 문장입니다 요약 문장입니다</p></div>
          <p onclick="steal()">본문 첫 문단은 충분히 길어서 요약이 될 수 있습니다. <a href="javascript:alert(1)">나쁜 링크</a>
             <a href="../view/2#top">다음 기사</a> <a href="#note">각주</a></p>
          <p><img srcset="img/a-small.jpg 1x, img/a-big.jpg 2x" style="width:100px"><img src="data:image/gif;base64,R0"></p>
          <form action="/vote"><input name="x"><button>투표</button></form>
          <object data="x.swf"></object>
          <pre>  코드   그대로  </pre>
          <div class="rel_news"><a href="/x">다른 기사</a> 2026.02.09</div>
          <table><tr><td colspan="2" bgcolor="red">표</td></tr></table>
        </div></body></html>"##;
    let a = html(page, &rules("full_text = true\n"));
    let c = a.content.unwrap();
    assert!(
        c.contains("<a rel=\"noopener noreferrer\">나쁜 링크</a>")
            || c.contains("<a>나쁜 링크</a>"),
        "{c}"
    );
    assert!(!c.contains("javascript"), "{c}");
    assert!(
        c.contains("href=\"https://cdn.example.kr/view/2#top\""),
        "{c}"
    );
    assert!(
        c.contains("<img src=\"https://cdn.example.kr/news/img/a-small.jpg\">"),
        "{c}"
    );
    assert!(!c.contains("data:"), "{c}");
    assert!(c.contains("<pre>  코드   그대로  </pre>"), "{c}");
    assert!(c.contains("<td colspan=\"2\">표</td>"), "{c}");
    for gone in [
        "onclick",
        "style",
        "투표",
        "<form",
        "<object",
        "swf",
        "요약 문장",
        "AI 요약",
        "다른 기사",
        "bgcolor",
    ] {
        assert!(!c.contains(gone), "{gone} in {c}");
    }
    assert_eq!(
        text(&a.summary),
        Some((
            "본문 첫 문단은 충분히 길어서 요약이 될 수 있습니다. 나쁜 링크 다음 기사 각주",
            Source::Body
        ))
    );
}

// ---------------------------------------------------------------------------
// Summaries and AI boxes
// ---------------------------------------------------------------------------

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

    // Only article types count; a type array with one of them is enough.
    for (ty, counts) in [
        ("\"BlogPosting\"", true),
        ("[\"Thing\", \"AnalysisNewsArticle\"]", true),
        ("\"Article\"", true),
        ("\"WebPage\"", false),
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

// ---------------------------------------------------------------------------
// Never panics
// ---------------------------------------------------------------------------

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
