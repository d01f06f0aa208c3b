//! Pages that once misled detection: an NDSoft list with odd items (a sponsored item linking
//! to another site, a `mailto:` tip box, one article listed twice) and a Tailwind grid whose
//! classes (`md:flex`, `w-1/2`, `1st:pt-0`, `hover:underline`) need escaping in a selector.

use super::*;

/// `ndsoft_odd_items.html`: the articles once each, with headlines (not leads) and times.
pub(crate) fn ndsoft_odd() -> Score {
    let html = read_fixture("ndsoft_odd_items.html");
    let base = "https://www.dongbunews.test/news/articleView.html?idxno=";
    let want = [
        (
            "58413",
            "국회 예결위, 추경안 심사 착수…여야 '민생 예산' 공방",
            "2026-02-10T19:32:00+09:00",
        ),
        (
            "58410",
            "대통령실 \"설 민생대책 차질 없이\"…물가 점검회의 주재",
            "2026-02-10T18:47:00+09:00",
        ),
        (
            "58407",
            "여야, 선거구 획정 기준 합의 불발…다음 주 재논의",
            "2026-02-10T17:05:00+09:00",
        ),
        (
            "58401",
            "지방선거 D-114, 광역단체장 후보군 윤곽 드러나",
            "2026-02-10T15:20:00+09:00",
        ),
        (
            "58396",
            "국민의힘 \"정부 부동산 대책, 공급 신호 부족\"",
            "2026-02-10T14:02:00+09:00",
        ),
        (
            "58390",
            "더불어민주당, 청년 주거 지원 법안 당론 채택",
            "2026-02-10T11:48:00+09:00",
        ),
        (
            "58384",
            "외교부 \"한·일 외교장관 회담 이달 중 개최 조율\"",
            "2026-02-10T10:15:00+09:00",
        ),
        (
            "58377",
            "통일부, 이산가족 화상상봉 재개 방안 검토",
            "2026-02-10T09:31:00+09:00",
        ),
        (
            "58369",
            "[기자수첩] 정쟁에 밀린 민생 법안, 설 밥상에 오를까",
            "2026-02-09T20:10:00+09:00",
        ),
    ];
    let want: Vec<Expected> = want
        .iter()
        .map(|(id, t, d)| exp(&format!("{base}{id}"), t, Some(d)))
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
