//! Pages that once misled detection: an NDSoft list with odd items (a sponsored item linking
//! to another site, a `mailto:` tip box, one article listed twice) and a Tailwind grid whose
//! classes (`md:flex`, `w-1/2`, `1st:pt-0`, `hover:underline`) need escaping in a selector.

use super::*;

/// `ndsoft_odd_items.html`: the articles once each, with headlines (not leads) and times.
pub(crate) fn ndsoft_odd() -> Score {
    let html = read_fixture("ndsoft_odd_items.html");
    let base = "https://www.dongbunews.test/news/articleView.html?idxno=";
    let want = crate::common::expected_rows("detect/ndsoft_odd_items.expected.tsv");
    let want: Vec<Expected> = want
        .iter()
        .map(|(id, t, d)| exp(&format!("{base}{id}"), t, Some(d.as_str())))
        .collect();
    check_fixture(
        "ndsoft_odd_items",
        &html,
        "https://www.dongbunews.test/news/articleList.html?sc_section_code=S1N1&view_type=sm",
        &want,
    )
}

/// `tailwind_grid.html`: all six cards of the two-card rows, with an escaped class selector.
pub(crate) fn tailwind_grid() -> Score {
    let html = read_fixture("tailwind_grid.html");
    let base = "https://www.techdaily.test/news/view/";
    let want = [
        (
            "20260210000123",
            "AI 반도체 스타트업, 시리즈B 500억원 투자 유치",
            "2026-02-10T19:32:00+09:00",
        ),
        (
            "20260210000118",
            "정부, 클라우드 보안인증 제도 개편안 발표",
            "2026-02-10T18:05:00+09:00",
        ),
        (
            "20260210000101",
            "통신 3사, 5G 요금제 하한 3만원대로 낮춘다",
            "2026-02-10T16:40:00+09:00",
        ),
        (
            "20260210000094",
            "네이버웹툰, 북미 이용자 2천만명 돌파",
            "2026-02-10T15:12:00+09:00",
        ),
        (
            "20260210000087",
            "게임사 1분기 실적 희비…신작 흥행이 갈랐다",
            "2026-02-10T13:55:00+09:00",
        ),
        (
            "20260210000072",
            "전자상거래법 개정안 국회 통과, 플랫폼 책임 강화",
            "2026-02-10T11:20:00+09:00",
        ),
    ];
    let want: Vec<Expected> = want
        .iter()
        .map(|(id, t, d)| exp(&format!("{base}{id}"), t, Some(d)))
        .collect();
    let url = "https://www.techdaily.test/news/list?sec=it";
    let score = check_fixture("tailwind_grid", &html, url, &want);
    let url = Url::parse(url).unwrap();
    let (best, items) = best_items(&html, &url);
    assert!(
        best.item.contains(r"\/") || best.item.contains(r"\:"),
        "the item is named by an escaped class, not a chain of bare tags: {}",
        show(&best)
    );
    // the streaming scanner reads escaped selectors as the full parse does
    let select = best.to_select().unwrap();
    let full = feedmill::extract::extract_list_full(&html, &url, &select, ctx());
    assert_eq!(items, full.items);
    score
}
