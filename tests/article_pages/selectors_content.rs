//! Selectors that override the automatic choice, and the article's content: a content
//! selector with removals, the body found with `full_text`, links and images made safe.

use crate::common::article::when;
use crate::support::*;
use feedmill::article::Source;
use feedmill::dates::Label;

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
    // The caption stays without the credit closing it.
    assert!(
        c.contains("<figcaption>삼성전자 평택캠퍼스 전경 </figcaption>"),
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
