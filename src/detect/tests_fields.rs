//! Field selectors and confidence on pages that once misled them: a date and its time in
//! two elements, odd items in a list (an ad linking off-site, a `mailto:` or `javascript:`
//! headline, an article listed twice), share buttons, a page with no sure list, and a list
//! given by its item selector alone.

use super::tests::{ctx, links, url};
use super::{complete_select, detect, Candidate};
use crate::extract::extract_list;

/// Four items whose date and time sit in two spans, with `between` between them.
fn split_dates(between: &str) -> String {
    let mut html = String::from("<html><body><ul class=\"list\">");
    for (i, (day, time)) in [
        ("10", "11:31"),
        ("10", "09:05"),
        ("09", "19:40"),
        ("09", "08:12"),
    ]
    .iter()
    .enumerate()
    {
        html.push_str(&format!(
            "<li><a href=\"/news/articleView.html?idxno={}\">분리된 날짜와 시각의 기사 제목 {i}번</a><p class=\"info\"><span class=\"date\">2026.02.{day}</span>{between}<span class=\"time\">{time}</span></p></li>",
            70_001 + i
        ));
    }
    html.push_str("</ul></body></html>");
    html
}

fn times(html: &str, cand: &Candidate) -> Vec<String> {
    let page = extract_list(html, &url(), &cand.to_select().unwrap(), ctx());
    page.items
        .iter()
        .map(|item| match item.date {
            Some(stamp) => stamp.instant.format("%m-%d %H:%M").to_string(),
            None => "-".into(),
        })
        .collect()
}

#[test]
fn a_date_and_its_time_in_two_elements_are_read_together() {
    let html = split_dates(" ");
    let found = detect(&html, &url(), ctx());
    let best = &found[0];
    assert_eq!(best.date.as_deref(), Some("p.info"), "{found:#?}");
    assert_eq!(
        times(&html, best),
        ["02-10 11:31", "02-10 09:05", "02-09 19:40", "02-09 08:12"]
    );
    assert!(best.reasons.contains(&"dates 100%".to_string()), "{best:?}");
    assert!(
        best.reasons
            .iter()
            .all(|reason| !reason.contains("day-only")),
        "{best:?}"
    );
}

#[test]
fn glued_date_and_time_spans_are_read_together() {
    // No white space between the spans: dates are read with element edges as spaces
    // (`html::time_text`), so "2026.02.10" + "11:31" is still a time, and the parent wins.
    let glued = split_dates("");
    let found = detect(&glued, &url(), ctx());
    let best = &found[0];
    assert_eq!(best.date.as_deref(), Some("p.info"), "{found:#?}");
    assert_eq!(
        times(&glued, best),
        ["02-10 11:31", "02-10 09:05", "02-09 19:40", "02-09 08:12"]
    );
    assert!(best.reasons.contains(&"dates 100%".to_string()), "{best:?}");
}

/// An NDSoft-style list of six articles with `odd` inserted as the third item.
fn ndsoft_with(odd: &str) -> String {
    let mut html = String::from("<html><body><section id=\"section-list\"><ul class=\"type2\">");
    for i in 0..6 {
        if i == 2 {
            html.push_str(odd);
        }
        let no = 58_400 - i * 3;
        html.push_str(&format!(
            "<li><a href=\"/news/articleView.html?idxno={no}\" class=\"thumb\"><img src=\"/news/thumbnail/{no}_v150.jpg\" alt=\"\"></a>\
             <h4 class=\"titles\"><a href=\"/news/articleView.html?idxno={no}\">정치 기사의 충분히 긴 제목 {i}번</a></h4>\
             <p class=\"lead\"><a href=\"/news/articleView.html?idxno={no}\">이 기사의 요약문은 제목보다 훨씬 길어서 링크 중 가장 긴 글이 됩니다 {i}번.</a></p>\
             <span class=\"byline\"><em>기자 {i}</em><em>2026.02.10 1{i}:30</em></span></li>"
        ));
    }
    html.push_str("</ul></section></body></html>");
    html
}

#[test]
fn odd_items_do_not_steer_the_field_selectors() {
    let odd = [
        // a sponsored item, linking to another site, without the headline element
        "<li><a href=\"https://shop.ads.test/landing?c=1\" class=\"thumb\"><img src=\"https://shop.ads.test/b.jpg\" alt=\"\"></a><p class=\"lead\"><a href=\"https://shop.ads.test/landing?c=1\">명절 선물은 믿을 수 있는 산지 직송으로, 지금 주문하세요.</a></p><span class=\"byline\"><em>스폰서</em></span></li>",
        // a tip box: its headline is a mailto: link, its picture a page of the site
        "<li><a href=\"/com/jebo.html\" class=\"thumb\"><img src=\"/image/jebo.png\" alt=\"제보\"></a><h4 class=\"titles\"><a href=\"mailto:jebo@news.example.kr\">기사제보: 여러분의 제보를 기다립니다</a></h4></li>",
        // an event box: a javascript: headline
        "<li><a href=\"/event/main.html\" class=\"thumb\"><img src=\"/image/event.png\" alt=\"이벤트\"></a><h4 class=\"titles\"><a href=\"javascript:openEvent(3)\">구독 이벤트: 설맞이 경품 행사에 참여하세요</a></h4></li>",
        // the first article listed again, in another form
        "<li class=\"pick\"><a href=\"/news/articleView.html?idxno=58400\"><strong>[추천]</strong> 정치 기사의 충분히 긴 제목 0번</a></li>",
    ];
    for odd in odd {
        let html = ndsoft_with(odd);
        let found = detect(&html, &url(), ctx());
        let best = &found[0];
        assert_eq!(best.item, "ul.type2 > li", "{odd}\n{found:#?}");
        assert_eq!(best.title.as_deref(), Some("h4.titles"), "{odd}\n{best:#?}");
        assert_eq!(
            best.date.as_deref(),
            Some("span.byline em:nth-of-type(2)"),
            "{odd}\n{best:#?}"
        );
        // the link selector finds no link in the odd item, which so stays out of the feed
        let page = extract_list(&html, &url(), &best.to_select().unwrap(), ctx());
        assert_eq!(page.items.len(), 6, "{odd}\n{:#?}", page.items);
        for item in &page.items {
            let title = item.title.as_deref().unwrap_or("");
            assert!(title.starts_with("정치 기사의"), "{odd}: {title}");
            assert!(item.date.is_some(), "{odd}: {item:?}");
        }
    }
}

#[test]
fn share_buttons_are_no_list() {
    let article = "https%3A%2F%2Fnews.example.kr%2Fnews%2FarticleView.html%3Fidxno%3D123456";
    let html = format!(
        "<html><body><ul class=\"sns\">\
         <li><a href=\"https://www.facebook.com/sharer/sharer.php?u={article}\">페이스북으로 공유하기</a></li>\
         <li><a href=\"https://twitter.com/intent/tweet?url={article}\">엑스(트위터)로 공유하기</a></li>\
         <li><a href=\"https://share.naver.com/web/shareView?url={article}\">네이버 블로그로 공유하기</a></li>\
         <li><a href=\"https://story.kakao.com/share?url={article}\">카카오스토리로 공유하기</a></li>\
         <li><a href=\"https://band.us/plugin/share?body={article}\">밴드로 공유하기입니다</a></li>\
         </ul></body></html>"
    );
    let found = detect(&html, &url(), ctx());
    assert!(found.is_empty(), "{found:#?}");
}

/// A page whose only list is a ranking box.
const ONLY_A_RANKING: &str = r#"<html><body>
  <div class="box"><h3>많이 본 뉴스</h3><ul>
    <li><a href="/news/articleView.html?idxno=19001">연예인 A씨 결혼 발표, 팬들 축하 이어져</a></li>
    <li><a href="/news/articleView.html?idxno=19002">주말 한파 절정, 서울 영하 12도까지 떨어져</a></li>
    <li><a href="/news/articleView.html?idxno=19003">프로야구 스프링캠프 개막, 각 구단 전력 점검</a></li>
  </ul></div></body></html>"#;

#[test]
fn a_low_score_is_a_guess() {
    let found = detect(ONLY_A_RANKING, &url(), ctx());
    let best = &found[0];
    let why = best.low_confidence.as_deref().expect("a guess");
    assert!(why.contains("ranking"), "{why}");
    assert!(
        best.note()
            .starts_with("list guessed automatically, low confidence ("),
        "{}",
        best.note()
    );
    let block = best.toml_block("guess", "추측", &url());
    assert!(block.contains("# a guess, low confidence: "), "{block}");
    crate::config::parse(&block, std::path::Path::new("feeds.toml")).expect(&block);

    // a clean list is no guess
    let sure = &detect(&split_dates(" "), &url(), ctx())[0];
    assert_eq!(sure.low_confidence, None, "{sure:?}");
    assert!(sure
        .note()
        .starts_with("list chosen automatically: item = "));
}

#[test]
fn an_item_selector_alone_gets_field_selectors() {
    let html = ndsoft_with(
        "<li><a href=\"https://shop.ads.test/landing?c=1\" class=\"thumb\"><img src=\"https://shop.ads.test/b.jpg\" alt=\"\"></a><p class=\"lead\"><a href=\"https://shop.ads.test/landing?c=1\">명절 선물은 믿을 수 있는 산지 직송으로, 지금 주문하세요.</a></p></li>",
    );
    let only_item = crate::config::parse(
        "[feeds.t]\ntitle = \"t\"\nurl = \"https://news.example.kr/\"\n[feeds.t.select]\nitem = \"ul.type2 > li\"\n",
        std::path::Path::new("feeds.toml"),
    )
    .unwrap()
    .feeds[0]
        .select
        .clone()
        .unwrap();
    let (filled, note) = complete_select(&only_item, &html, &url(), ctx()).expect("fields");
    assert!(note.contains("title = \"h4.titles\""), "{note}");
    assert!(note.contains("date = \"span.byline"), "{note}");
    let page = extract_list(&html, &url(), &filled, ctx());
    assert_eq!(page.items.len(), 6, "{:#?}", page.items);
    for item in &page.items {
        assert!(item.title.as_deref().unwrap().starts_with("정치 기사의"));
        assert!(item.date.is_some(), "{item:?}");
    }
    // a select with a field of its own is the author's choice
    let mut with_title = only_item.clone();
    with_title.title = filled.title.clone();
    assert!(complete_select(&with_title, &html, &url(), ctx()).is_none());
    // links as extraction yields them are what `links` reads
    assert!(!links(&html, &detect(&html, &url(), ctx())[0]).is_empty());
}
