//! Unit tests of list extraction.

use url::Url;

use super::*;
use crate::config::Select;
use crate::dates::DateContext;

fn select(toml_select: &str) -> Select {
    let text = format!(
        "[feeds.t]\ntitle = \"T\"\nurl = \"https://x.kr/\"\n[feeds.t.select]\n{toml_select}"
    );
    let config = crate::config::parse(&text, std::path::Path::new("feeds.toml")).unwrap();
    config.feeds[0].select.clone().unwrap()
}

fn ctx() -> DateContext {
    DateContext {
        fetched_at: "2026-02-11T00:00:00Z".parse().unwrap(),
        zone: chrono_tz::Asia::Seoul,
    }
}

#[test]
fn thumbnail_and_title_links_make_one_item() {
    let html = r#"<html><head><base href="https://news.x.kr/sub/"></head><body>
        <ul class="list">
          <li><a href="view/1?utm_source=main"><img data-src="/img/1.jpg" src="data:image/gif;base64,R0"></a>
              <a href="view/1">  미 연준, &quot;금리&quot;   동결 &amp;amp; 관망 </a><em>김기자</em></li>
          <li><a href="javascript:;">광고</a></li>
          <li><a href="view/2#cmt">두번째 <b>기사</b>입니다<br>부제</a><img srcset="/img/2.jpg 1x, /img/2@2x.jpg 2x"><script>var x = 1;</script></li>
          <li><a href="view/1">미 연준</a></li>
        </ul></body></html>"#;
    let s = select("item = \"ul.list li\"\nauthor = \"em\"\nimage = \"img\"\n");
    let page = extract_list(html, &Url::parse("https://news.x.kr/").unwrap(), &s, ctx());
    assert_eq!(page.items.len(), 2, "{:?}", page.items);
    let a = &page.items[0];
    assert_eq!(a.link.as_str(), "https://news.x.kr/sub/view/1");
    assert_eq!(
        a.title.as_deref(),
        Some("미 연준, \"금리\" 동결 &amp; 관망")
    );
    assert_eq!(
        a.image.as_ref().map(Url::as_str),
        Some("https://news.x.kr/img/1.jpg")
    );
    assert_eq!(a.author.as_deref(), Some("김기자"));
    let b = &page.items[1];
    assert_eq!(b.link.as_str(), "https://news.x.kr/sub/view/2");
    assert_eq!(b.title.as_deref(), Some("두번째 기사입니다 부제"));
    assert_eq!(
        b.image.as_ref().map(Url::as_str),
        Some("https://news.x.kr/img/2.jpg")
    );
    assert!(
        page.warnings.iter().any(|w| w.contains("without a link")),
        "{:?}",
        page.warnings
    );
}

#[test]
fn attr_fields_and_time_elements() {
    let html = r#"<div class="a" data-href="/n/7"><h2>제목</h2><time datetime="2026-02-10T19:32:00+09:00">2시간 전</time>
        <span class="d" data-ts="2026.02.10 19:32">x</span></div>"#;
    let s = select("item = \"div.a\"\nlink = \"div.a@data-href\"\n");
    // the item's own attribute is not a descendant: link comes from nowhere, so it is skipped
    let page = extract_list(html, &Url::parse("https://x.kr/").unwrap(), &s, ctx());
    assert!(page.items.is_empty());

    let html = r#"<ul><li class="a"><a href="/n/7">제목</a><time datetime="2026-02-10T19:32:00+09:00">2시간 전</time></li></ul>"#;
    let s = select("item = \"li.a\"\n");
    let page = extract_list(html, &Url::parse("https://x.kr/").unwrap(), &s, ctx());
    assert_eq!(
        page.items[0].date_text.as_deref(),
        Some("2026-02-10T19:32:00+09:00")
    );

    let html = r#"<ul><li class="a"><a href="/n/8">제목</a><span class="d" data-ts="2026.02.10 19:32">어제</span></li></ul>"#;
    let s = select("item = \"li.a\"\ndate = \"span.d@data-ts\"\n");
    let page = extract_list(html, &Url::parse("https://x.kr/").unwrap(), &s, ctx());
    assert_eq!(page.items[0].date_text.as_deref(), Some("2026.02.10 19:32"));
}

#[test]
fn nothing_matched_warns() {
    let s = select("item = \"div.gone\"\n");
    let page = extract_list(
        "<p>바뀐 레이아웃</p>",
        &Url::parse("https://x.kr/").unwrap(),
        &s,
        ctx(),
    );
    assert!(page.items.is_empty());
    assert!(page.warnings[0].contains("select.item matched nothing"));
}

#[test]
fn broken_markup_does_not_panic() {
    let s = select("item = \"li\"\n");
    for html in [
        "",
        "<li><a href=",
        "<li><a href='http://[::1'>x</a>",
        "<<<>>>",
        "<li><a href=\"http://x.kr/\u{0}\">\u{fffe}</a>",
    ] {
        let _ = extract_list(html, &Url::parse("https://x.kr/").unwrap(), &s, ctx());
    }
}

/// Items read through the stream and through the full parse, which must agree.
fn both(html: &str, toml_select: &str) -> Vec<ListItem> {
    let s = select(toml_select);
    let url = Url::parse("https://news.naver.com/section/101").unwrap();
    let fast = extract_list(html, &url, &s, ctx());
    let full = extract_list_full(html, &url, &s, ctx());
    assert_eq!(
        fast.items, full.items,
        "the stream and the full parse differ"
    );
    assert_eq!(fast.warnings, full.warnings);
    fast.items
}

#[test]
fn hidden_text_stays_out_of_titles_and_summaries() {
    // Naver's section list: blind labels, a screen-reader "동영상기사" in the thumbnail link,
    // soft hyphens and zero-width spaces pasted in from an editor.
    let html = r#"<html><body><div class="section_latest"><ul class="sa_list">
      <li class="sa_item _SECTION_HEADLINE">
        <div class="sa_thumb"><a href="https://n.news.naver.com/mnews/article/001/0015204321?sid=101" class="sa_thumb_link" aria-hidden="true" tabindex="-1"><img src="https://mimgnews.pstatic.net/image/001/2026/02/10/PYH2026021012340001300_P4.jpg" width="106" height="72" alt=""><span class="sa_thumb_video"><span class="blind">동영상기사</span></span></a></div>
        <div class="sa_text">
          <a href="https://n.news.naver.com/mnews/article/001/0015204321?sid=101" class="sa_text_title"><strong class="sa_text_strong"><span class="blind">[단독]</span>美 <b>고율 관세</b>를 피하라…반도&shy;체 장비&#8203;주 강세</strong></a>
          <div class="sa_text_lede">국내 배터리 3사가<span style="display:none">배터리 관세</span> 북미 공장 증설에 속도를 내고 있다.<span class="sr-only">기사 더보기</span></div>
          <div class="sa_text_info"><div class="sa_text_press">연합뉴스</div><div class="sa_text_datetime"><b>2026.02.10 19:32</b></div></div>
        </div>
      </li>
      <li class="sa_item">
        <div class="sa_text">
          <a href="https://n.news.naver.com/mnews/article/015/0005102938?sid=101" class="sa_text_title"><strong class="sa_text_strong">코스피, 외국인 매수에 2,600선 회복<em class="ico_new" aria-hidden="true">NEW</em><span hidden>키워드</span></strong></a>
          <div class="sa_text_lede"><span class="screen_out">요약</span>외국인이 5거래일 만에 순매수로 돌아섰다.&#xFEFF;</div>
        </div>
      </li>
    </ul></div></body></html>"#;
    for sel in [
        "item = \"li.sa_item\"\ntitle = \"strong.sa_text_strong\"\nsummary = \"div.sa_text_lede\"\n",
        // without a title selector: the longest text among the links to the article
        "item = \"li.sa_item\"\nsummary = \"div.sa_text_lede\"\n",
    ] {
        let items = both(html, sel);
        let got: Vec<(Option<&str>, Option<&str>)> = items
            .iter()
            .map(|i| (i.title.as_deref(), i.summary.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    Some("美 고율 관세를 피하라…반도체 장비주 강세"),
                    Some("국내 배터리 3사가 북미 공장 증설에 속도를 내고 있다.")
                ),
                (
                    Some("코스피, 외국인 매수에 2,600선 회복"),
                    Some("외국인이 5거래일 만에 순매수로 돌아섰다.")
                ),
            ],
            "{sel}"
        );
    }
}

/// Each item's date as RFC 3339 in Seoul, or the problem with its text.
fn dates_of(items: &[ListItem]) -> Vec<String> {
    items
        .iter()
        .map(|i| match (&i.date, &i.date_problem) {
            (Some(d), _) => d.instant.to_rfc3339(),
            (None, p) => format!("{:?} ({p:?})", i.date_text),
        })
        .collect()
}

#[test]
fn a_date_and_a_time_in_neighbouring_elements_keep_the_time() {
    // NDSoft-style bylines: the date and the time in sibling spans with no space between.
    let html = r#"<div class="article-list"><ul class="type2">
      <li class="item"><h4 class="titles"><a href="/news/articleView.html?idxno=167473">반도체 수출 40% 증가</a></h4>
        <p class="info"><span class="date">2026.02.10</span><span class="time">19:32</span></p></li>
      <li class="item"><h4 class="titles"><a href="/news/articleView.html?idxno=167450">코스피 2,600선 회복</a></h4>
        <p class="info"><span class="blind">작성일</span><em>2026년 02월 09일</em><em>10:02</em></p></li>
      <li class="item"><h4 class="titles"><a href="/news/articleView.html?idxno=167440">희토류 수출 통제</a></h4>
        <p class="info"><span class="date">2026.02.08</span> <span class="time">09:15</span></p></li>
    </ul></div>"#;
    let items = both(html, "item = \"li.item\"\ndate = \"p.info\"\n");
    assert_eq!(
        dates_of(&items),
        [
            "2026-02-10T19:32:00+09:00",
            "2026-02-09T10:02:00+09:00",
            "2026-02-08T09:15:00+09:00"
        ]
    );
    assert_eq!(items[0].date_text.as_deref(), Some("2026.02.10 19:32"));
    // without a date selector, a <time> read the same way
    let html = r#"<ul><li class="a"><a href="/n/1">제목</a><time><span>2026.02.10</span><span>19:32</span></time></li></ul>"#;
    let items = both(html, "item = \"li.a\"\n");
    assert_eq!(dates_of(&items), ["2026-02-10T19:32:00+09:00"]);
}

#[test]
fn lazy_images_give_the_photo_not_the_placeholder() {
    let html = r#"<div class="article-list"><ul class="type2">
      <li class="item"><div class="thumb"><a href="/news/articleView.html?idxno=167473" aria-hidden="true" tabindex="-1"><img src="/img/grey.gif" data-original="https://cdn.hanbit-econ.test/news/thumbnail/202602/167473_v150.jpg" alt="" class="lazy"></a></div>
        <h4 class="titles"><a href="/news/articleView.html?idxno=167473">반도체 수출 40% 증가</a></h4></li>
      <li class="item"><div class="thumb"><a href="/news/articleView.html?idxno=167470"><img src="/img/spacer.gif" data-srcset="/news/thumbnail/202602/167470_v300.jpg 300w, /news/thumbnail/202602/167470_v600.jpg 600w" class="lazyload"></a></div>
        <h4 class="titles"><a href="/news/articleView.html?idxno=167470">공급망 재편</a></h4></li>
      <li class="item"><div class="thumb"><a href="/news/articleView.html?idxno=167455"><img src="https://log.hanbit-econ.test/pixel?idxno=167455" width="1" height="1" alt=""></a></div>
        <h4 class="titles"><a href="/news/articleView.html?idxno=167455">기준금리 동결</a></h4></li>
      <li class="item"><div class="thumb"><a href="/news/articleView.html?idxno=167440"><img src="/img/1x1.png" data-src="//cdn.hanbit-econ.test/news/thumbnail/202602/167440_v150.jpg"></a></div>
        <h4 class="titles"><a href="/news/articleView.html?idxno=167440">희토류 수출 통제</a></h4></li>
    </ul></div>"#;
    let want = [
        Some("https://cdn.hanbit-econ.test/news/thumbnail/202602/167473_v150.jpg"),
        Some("https://news.naver.com/news/thumbnail/202602/167470_v300.jpg"),
        None,
        Some("https://cdn.hanbit-econ.test/news/thumbnail/202602/167440_v150.jpg"),
    ];
    for sel in ["image = \"img\"\n", "image = \"div.thumb\"\n"] {
        let items = both(html, &format!("item = \"li.item\"\n{sel}"));
        let got: Vec<Option<&str>> = items
            .iter()
            .map(|i| i.image.as_ref().map(Url::as_str))
            .collect();
        assert_eq!(got, want, "{sel}");
    }
}

#[test]
fn updated_times_in_the_date_text() {
    let cases = [
        // (the date element, published, updated)
        (
            r#"<span class="date">입력 2026.02.10 19:32 | 수정 2026.02.11 08:05</span>"#,
            "2026-02-10T19:32:00+09:00",
            Some("2026-02-11T08:05:00+09:00"),
        ),
        (
            r#"<em>기사입력</em><em>2026-02-10 19:32</em><em>최종수정</em><em>2026-02-11 08:05</em>"#,
            "2026-02-10T19:32:00+09:00",
            Some("2026-02-11T08:05:00+09:00"),
        ),
        (
            r#"<span>수정 2026.02.11 08:05</span> <span>입력 2026.02.10 19:32</span>"#,
            "2026-02-10T19:32:00+09:00",
            Some("2026-02-11T08:05:00+09:00"),
        ),
        (
            r#"2026.02.10 19:32 <span class="mod">(수정 2026.02.11 08:05)</span>"#,
            "2026-02-10T19:32:00+09:00",
            Some("2026-02-11T08:05:00+09:00"),
        ),
        (
            "Published Feb 10, 2026 7:32 PM | Updated Feb 11, 2026 8:05 AM",
            "2026-02-10T19:32:00+09:00",
            Some("2026-02-11T08:05:00+09:00"),
        ),
        // not later than published: no updated time
        (
            r#"<span class="date">입력 2026.02.10 11:31</span><span class="date">수정 2026.02.10 11:31</span>"#,
            "2026-02-10T11:31:00+09:00",
            None,
        ),
        (
            "입력 2026.02.10 19:32 수정 2026.02.10 09:00",
            "2026-02-10T19:32:00+09:00",
            None,
        ),
        // a 수정 time alone is the only time there is: the published one
        ("수정 2026.02.11 08:05", "2026-02-11T08:05:00+09:00", None),
        ("2026.02.10 19:32", "2026-02-10T19:32:00+09:00", None),
    ];
    for (date, published, updated) in cases {
        let html = format!(
            r#"<ul class="list"><li class="item"><a href="/news/articleView.html?idxno=1">반도체 수출 40% 증가</a><p class="info">{date}</p></li></ul>"#
        );
        let items = both(&html, "item = \"li.item\"\ndate = \"p.info\"\n");
        let got = (
            items[0].date.map(|d| d.instant.to_rfc3339()),
            items[0].updated.map(|d| d.instant.to_rfc3339()),
        );
        assert_eq!(
            got,
            (Some(published.to_string()), updated.map(String::from)),
            "{date}"
        );
    }
}

#[test]
fn a_headline_link_beats_a_longer_lead_link() {
    let html = r#"<html><body><ul class="list">
        <li><h4 class="titles"><a href="/news/1">반도체 수출 40% 증가</a></h4>
            <p class="lead"><a href="/news/1">산업통상자원부에 따르면 이달 1~10일 반도체 수출액은 전년 동기 대비 40% 늘었다.</a></p></li>
        <li><a href="/news/2"><img src="/t.jpg"></a>
            <p><a href="/news/2">리드 문장이 제목보다 훨씬 더 길게 이어지는 경우입니다.</a></p>
            <span class="subject"><a href="/news/2">코스피 2,600 회복</a></span></li>
        <li><p><a href="/news/3">제목 없는 항목의 긴 링크 텍스트</a></p><a href="/news/3">짧은 링크</a></li>
        </ul></body></html>"#;
    let base = Url::parse("https://x.kr/").unwrap();
    let titles = |toml: &str| -> Vec<Option<String>> {
        extract_list(html, &base, &select(toml), ctx())
            .items
            .into_iter()
            .map(|i| i.title)
            .collect()
    };
    let want = |t: [&str; 3]| t.map(|t| Some(t.to_string())).to_vec();
    // no link selector: the headline element's link, else the longest link text
    assert_eq!(
        titles("item = \"ul.list li\"\n"),
        want([
            "반도체 수출 40% 증가",
            "코스피 2,600 회복",
            "제목 없는 항목의 긴 링크 텍스트"
        ])
    );
    // a link selector: that link's own text, else (a thumbnail) the rules above
    assert_eq!(
        titles("item = \"ul.list li\"\nlink = \"p a, h4 a\"\n"),
        want([
            "반도체 수출 40% 증가",
            "리드 문장이 제목보다 훨씬 더 길게 이어지는 경우입니다.",
            "제목 없는 항목의 긴 링크 텍스트"
        ])
    );
    assert_eq!(
        titles("item = \"ul.list li\"\nlink = \"a\"\n")[1],
        Some("코스피 2,600 회복".to_string())
    );
}
