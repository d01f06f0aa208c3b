//! Detection end to end on small pages: the list beats menus, ranking boxes and pagination;
//! JSON-LD lists, card grids and lists split by an ad; the TOML block; broken markup.
//! (Unit tests of the parts sit in their modules.)

use url::Url;

use super::{detect, Candidate};
use crate::dates::DateContext;

pub(super) fn ctx() -> DateContext {
    DateContext {
        fetched_at: "2026-02-11T00:00:00Z".parse().unwrap(),
        zone: chrono_tz::Asia::Seoul,
    }
}

pub(super) fn url() -> Url {
    Url::parse("https://news.example.kr/news/articleList.html?sc_section_code=S1N1").unwrap()
}

pub(super) fn links(html: &str, cand: &Candidate) -> Vec<String> {
    let page = crate::extract::extract_list(html, &url(), &cand.to_select().unwrap(), ctx());
    page.items
        .iter()
        .map(|item| item.link.to_string())
        .collect()
}

const MENU_AND_LIST: &str = r#"<html><body>
  <ul class="gnb">
    <li><a href="/news/articleList.html?sc_section_code=S1N1">정치</a></li>
    <li><a href="/news/articleList.html?sc_section_code=S1N2">경제</a></li>
    <li><a href="/news/articleList.html?sc_section_code=S1N3">사회</a></li>
    <li><a href="/news/articleList.html?sc_section_code=S1N4">문화</a></li>
    <li><a href="/news/articleList.html?sc_section_code=S1N5">스포츠</a></li>
  </ul>
  <div class="list">
    <div class="row"><a href="/news/articleView.html?idxno=10001">국회, 예산안 처리 시한 넘겨 본회의 연기</a><span>2026.02.10 19:32</span></div>
    <div class="row"><a href="/news/articleView.html?idxno=10002">한국은행 기준금리 동결, 물가 경로 주시</a><span>2026.02.10 18:05</span></div>
    <div class="row"><a href="/news/articleView.html?idxno=10003">서울 아파트 거래량 석 달 만에 반등했다</a><span>2026.02.10 17:40</span></div>
  </div></body></html>"#;

#[test]
fn a_list_beats_a_menu() {
    let found = detect(MENU_AND_LIST, &url(), ctx());
    let best = &found[0];
    assert_eq!(best.item, "div.row", "{found:#?}");
    assert_eq!(best.count, 3);
    assert_eq!(best.date.as_deref(), Some("span"));
    assert_eq!(
        links(MENU_AND_LIST, best),
        [
            "https://news.example.kr/news/articleView.html?idxno=10001",
            "https://news.example.kr/news/articleView.html?idxno=10002",
            "https://news.example.kr/news/articleView.html?idxno=10003",
        ]
    );
    // the menu is scored, but far below
    if let Some(menu) = found.iter().find(|cand| cand.item.contains("gnb")) {
        assert!(menu.score < best.score / 3.0, "{menu:?}");
        assert!(
            menu.reasons.iter().any(|reason| reason.contains("menu")),
            "{menu:?}"
        );
    }
}

const RANKING_AND_LIST: &str = r#"<html><body>
  <div id="main"><ul class="news">
    <li><h4><a href="/news/articleView.html?idxno=20001">정부, 반도체 특별법 후속 시행령 입법예고</a></h4><p class="lead">산업통상자원부는 10일 반도체 특별법 시행령 제정안을 입법예고했다고 밝혔다.</p><em>2026.02.10 19:32</em></li>
    <li><h4><a href="/news/articleView.html?idxno=20002">전기요금 2분기 동결 가닥…한전 적자 누적</a></h4><p class="lead">정부와 한국전력이 2분기 전기요금을 동결하는 방향으로 가닥을 잡았다.</p><em>2026.02.10 18:01</em></li>
    <li><h4><a href="/news/articleView.html?idxno=20003">수출 석 달 연속 증가, 반도체가 견인</a></h4><p class="lead">이달 1~10일 수출이 지난해 같은 기간보다 늘어 석 달 연속 증가세를 보였다.</p><em>2026.02.10 16:45</em></li>
  </ul></div>
  <div class="box"><h3>많이 본 뉴스</h3><ul>
    <li><a href="/news/articleView.html?idxno=19001">연예인 A씨 결혼 발표, 팬들 축하 이어져</a><span>02-10 11:00</span></li>
    <li><a href="/news/articleView.html?idxno=19002">주말 한파 절정, 서울 영하 12도까지 떨어져</a><span>02-10 10:00</span></li>
    <li><a href="/news/articleView.html?idxno=19003">프로야구 스프링캠프 개막, 각 구단 전력 점검</a><span>02-09 09:00</span></li>
    <li><a href="/news/articleView.html?idxno=19004">로또 1200회 당첨번호 공개, 1등 12명</a><span>02-09 08:00</span></li>
  </ul></div></body></html>"#;

#[test]
fn the_main_list_beats_a_ranking_box() {
    let found = detect(RANKING_AND_LIST, &url(), ctx());
    let best = &found[0];
    assert_eq!(best.item, "ul.news > li", "{found:#?}");
    assert_eq!(best.summary.as_deref(), Some("p.lead"));
    assert_eq!(best.date.as_deref(), Some("em"));
    assert_eq!(best.title.as_deref(), Some("h4"));
    let ranking = found
        .iter()
        .find(|cand| links(RANKING_AND_LIST, cand)[0].ends_with("19001"))
        .expect("the ranking box is a candidate");
    assert!(
        ranking
            .reasons
            .iter()
            .any(|reason| reason.contains("ranking")),
        "{ranking:?}"
    );
    assert!(ranking.score < best.score);
}

#[test]
fn json_ld_item_list_is_preferred() {
    // two equal lists; the JSON-LD names the second
    let mut html = String::from(
        r#"<html><head><script type="application/ld+json">{"@context":"https://schema.org","@type":"ItemList","itemListElement":["#,
    );
    for i in 0..3 {
        if i > 0 {
            html.push(',');
        }
        html.push_str(&format!(
            r#"{{"@type":"ListItem","position":{},"url":"https:\/\/news.example.kr\/news\/articleView.html?idxno={}"}}"#,
            i + 1,
            3000 + i
        ));
    }
    html.push_str("]}</script></head><body>");
    for (class, base) in [("one", 4000), ("two", 3000)] {
        html.push_str(&format!("<ul class=\"{class}\">"));
        for i in 0..3 {
            html.push_str(&format!(
                "<li><a href=\"/news/articleView.html?idxno={}\">제목이 충분히 긴 기사 {i}번</a></li>",
                base + i
            ));
        }
        html.push_str("</ul>");
    }
    let found = detect(&html, &url(), ctx());
    assert_eq!(found[0].item, "ul.two > li", "{found:#?}");
    assert!(found[0]
        .reasons
        .iter()
        .any(|reason| reason.contains("JSON-LD")));
}

#[test]
fn a_grid_of_two_card_rows_is_one_list() {
    let mut html = String::from("<div class=\"grid\">");
    for row in 0..3 {
        html.push_str("<div class=\"row\">");
        for col in 0..2 {
            let id = 50_000 + row * 2 + col;
            html.push_str(&format!(
                "<div class=\"card\"><a href=\"/article/{id}\"><h3>카드 기사 제목 {row}-{col}번입니다</h3></a><span class=\"t\">{}시간 전</span></div>",
                row + 1
            ));
        }
        html.push_str("</div>");
    }
    html.push_str("</div><ul class=\"paging\"><li><a href=\"?page=1\">1</a></li><li><a href=\"?page=2\">2</a></li><li><a href=\"?page=3\">3</a></li></ul>");
    let found = detect(&html, &url(), ctx());
    // on this small page "div.card" alone names the six cards
    assert_eq!(found[0].item, "div.card", "{found:#?}");
    assert_eq!(found[0].count, 6);
    assert_eq!(found[0].date.as_deref(), Some("span.t"));
    assert!(
        found.iter().all(|cand| !cand.item.contains("paging")),
        "{found:#?}"
    );
}

#[test]
fn a_list_split_by_an_ad_is_one_list() {
    let mut html = String::from("<div class=\"news\">");
    for part in 0..2 {
        html.push_str("<ul>");
        for i in 0..4 {
            let id = 60_000 + part * 10 + i;
            html.push_str(&format!(
                "<li><a href=\"/news/view/{id}\">나뉜 목록의 기사 제목 {part}-{i}</a> <em>2026.02.10 1{i}:00</em></li>"
            ));
        }
        html.push_str("</ul>");
        if part == 0 {
            html.push_str("<div class=\"ad\"><a href=\"https://ads.test/c\"><img src=\"https://ads.test/b.jpg\"></a></div>");
        }
    }
    html.push_str("</div>");
    let found = detect(&html, &url(), ctx());
    assert_eq!(found[0].item, "ul > li", "{found:#?}");
    assert_eq!(found[0].count, 8);
    let got = links(&html, &found[0]);
    assert!(
        got[0].ends_with("/60000") && got[7].ends_with("/60013"),
        "{got:?}"
    );
}

#[test]
fn toml_block_parses() {
    let found = detect(RANKING_AND_LIST, &url(), ctx());
    let block = found[0].toml_block("auto-1", "제목 \"따옴표\"", &url());
    let config = crate::config::parse(&block, std::path::Path::new("feeds.toml")).expect(&block);
    assert_eq!(config.feeds[0].title, "제목 \"따옴표\"");
    assert!(config.feeds[0].select.is_some());
    assert!(block.contains("item = \"ul.news > li\""), "{block}");
}

#[test]
fn nothing_to_find_and_broken_markup() {
    for html in [
        "",
        "<<<>>>",
        "<html><body><p>목록이 없습니다</p></body></html>",
        "<ul><li><a href=",
        "<ul><li><a href='http://[::1'>x</a><li><a href='#'>y</a><li><a href='javascript:;'>z</a></ul>",
        "<table><tr><td><a href=/v/12345>가나다라마바사아</a><tr><td><a href=/v/12346>가나다라마바사아</a><tr><td><a href=/v/12347>가나다라마바사아</a></table>",
    ] {
        let found = detect(html, &url(), ctx());
        for cand in &found {
            cand.to_select().unwrap();
        }
    }
    let deep = format!("{}<a href=/v/1>x</a>", "<div>".repeat(5_000));
    let _ = detect(&deep, &url(), ctx());
}

#[test]
fn same_page_same_answer() {
    let first = detect(RANKING_AND_LIST, &url(), ctx());
    let second = detect(RANKING_AND_LIST, &url(), ctx());
    assert_eq!(first, second);
}
