//! The own fixtures' expected lists (`tests/fixtures/detect/`): realistic Korean section
//! pages of the common layouts and one English page, each with what its main list holds.

use super::*;

pub(crate) fn ndsoft() -> Score {
    let html = read_fixture("ndsoft_articlelist.html");
    let base = "https://www.dongbunews.test/news/articleView.html?idxno=";
    let want = [
        (
            "58213",
            "국회 예결위, 추경안 심사 착수…여야 '민생 예산' 공방",
            "2026-02-10T19:32:00+09:00",
        ),
        (
            "58210",
            "대통령실 \"설 민생대책 차질 없이\"…물가 점검회의 주재",
            "2026-02-10T18:47:00+09:00",
        ),
        (
            "58207",
            "여야, 선거구 획정 기준 합의 불발…다음 주 재논의",
            "2026-02-10T17:05:00+09:00",
        ),
        (
            "58201",
            "지방선거 D-114, 광역단체장 후보군 윤곽 드러나",
            "2026-02-10T15:20:00+09:00",
        ),
        (
            "58196",
            "국민의힘 \"정부 부동산 대책, 공급 신호 부족\"",
            "2026-02-10T14:02:00+09:00",
        ),
        (
            "58190",
            "더불어민주당, 청년 주거 지원 법안 당론 채택",
            "2026-02-10T11:48:00+09:00",
        ),
        (
            "58184",
            "외교부 \"한·일 외교장관 회담 이달 중 개최 조율\"",
            "2026-02-10T10:15:00+09:00",
        ),
        (
            "58177",
            "통일부, 이산가족 화상상봉 재개 방안 검토",
            "2026-02-10T09:31:00+09:00",
        ),
        (
            "58169",
            "[기자수첩] 정쟁에 밀린 민생 법안, 설 밥상에 오를까",
            "2026-02-09T20:10:00+09:00",
        ),
        (
            "58160",
            "국방부, 예비군 훈련 보상비 인상안 발표",
            "2026-02-09T16:44:00+09:00",
        ),
    ];
    let want: Vec<Expected> = want
        .iter()
        .map(|(id, t, d)| exp(&format!("{base}{id}"), t, Some(d)))
        .collect();
    check_fixture(
        "ndsoft_articlelist",
        &html,
        "https://www.dongbunews.test/news/articleList.html?sc_section_code=S1N1&view_type=sm",
        &want,
    )
}

pub(crate) fn newspim_style() -> Score {
    let html = read_fixture("newspim_articles.html");
    let base = "https://www.newsbit.test/news/view/";
    let want = [
        (
            "20260210000871",
            "美 1월 CPI 발표 앞두고 국채금리 하락…달러 약세",
            "2026-02-10T19:32:00+09:00",
        ),
        (
            "20260210000866",
            "유럽증시, ECB 금리 인하 기대에 일제히 상승 마감",
            "2026-02-10T19:05:00+09:00",
        ),
        (
            "20260210000850",
            "中 1월 수출 전년비 7.2% 증가…시장 예상 웃돌아",
            "2026-02-10T18:21:00+09:00",
        ),
        (
            "20260210000832",
            "일본은행 총재 \"완화적 금융환경 당분간 유지\"",
            "2026-02-10T17:48:00+09:00",
        ),
        (
            "20260210000815",
            "국제유가, 중동 긴장 완화에 2% 하락…WTI 71달러",
            "2026-02-10T16:30:00+09:00",
        ),
        (
            "20260210000790",
            "[글로벌 마켓] 엔비디아 실적 경계감에 기술주 혼조",
            "2026-02-10T15:12:00+09:00",
        ),
        (
            "20260210000776",
            "인도 중앙은행, 기준금리 6.25%로 동결",
            "2026-02-10T14:40:00+09:00",
        ),
        (
            "20260210000754",
            "베트남 1월 외국인 직접투자 38억달러…전년比 48%↑",
            "2026-02-10T13:55:00+09:00",
        ),
    ];
    let want: Vec<Expected> = want
        .iter()
        .map(|(id, t, d)| exp(&format!("{base}{id}"), t, Some(d)))
        .collect();
    check_fixture(
        "newspim_articles",
        &html,
        "https://www.newsbit.test/news/lists/?category_cd=107",
        &want,
    )
}

pub(crate) fn euckr_table() -> Score {
    let bytes = std::fs::read(fixtures().join("euckr_table.html")).unwrap();
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture is stored as EUC-KR bytes"
    );
    let url = Url::parse("http://www.jungbu-ilbo.test/news/list.php?code=society").unwrap();
    let page = feedmill::fetch::decode(url.clone(), None, &bytes);
    assert!(
        page.html.contains("중부일보"),
        "decoded as EUC-KR ({})",
        page.encoding
    );
    let base = "http://www.jungbu-ilbo.test/news/read.php?code=society&no=";
    let want = [
        (
            "104522",
            "청주 오송역 환승센터 착공…2028년 완공 목표",
            "2026-02-10T00:00:00+09:00",
        ),
        (
            "104519",
            "충북도, 설 연휴 비상진료 체계 가동",
            "2026-02-10T00:00:00+09:00",
        ),
        (
            "104515",
            "대전 도시철도 2호선 트램 시험운행 시작",
            "2026-02-10T00:00:00+09:00",
        ),
        (
            "104508",
            "세종시 아파트 입주 물량 올해 절반 수준으로",
            "2026-02-09T00:00:00+09:00",
        ),
        (
            "104501",
            "천안 독립기념관 설 연휴 무료 개방 행사",
            "2026-02-09T00:00:00+09:00",
        ),
        (
            "104497",
            "충남 서해안 철새 도래지 방역 강화",
            "2026-02-08T00:00:00+09:00",
        ),
        (
            "104490",
            "공주 알밤 축제, 올해부터 가을 정례화",
            "2026-02-08T00:00:00+09:00",
        ),
    ];
    let want: Vec<Expected> = want
        .iter()
        .map(|(id, t, d)| exp(&format!("{base}{id}"), t, Some(d)))
        .collect();
    check_fixture("euckr_table", &page.html, url.as_str(), &want)
}

pub(crate) fn card_grid() -> Score {
    let html = read_fixture("card_grid.html");
    let base = "https://tech.pangyo-daily.test/article/";
    // fetched 2026-02-11 09:00 KST: "3시간 전" is 06:00, "어제 14:20" is 2026-02-10 14:20
    let want = [
        (
            "2026021100187",
            "삼성전자, 차세대 HBM4 양산 일정 앞당긴다",
            Some("2026-02-11T08:35:00+09:00"),
        ),
        (
            "2026021100152",
            "네이버, 초거대 AI 하이퍼클로바X 기업용 요금 인하",
            Some("2026-02-11T07:00:00+09:00"),
        ),
        (
            "2026021100120",
            "카카오모빌리티, 자율주행 택시 시범 구역 확대",
            Some("2026-02-11T06:00:00+09:00"),
        ),
        (
            "2026021000931",
            "LG에너지솔루션, 북미 배터리 공장 가동률 회복",
            Some("2026-02-10T14:20:00+09:00"),
        ),
        (
            "2026021000874",
            "스타트업 투자 한파 속 AI 반도체만 '훈풍'",
            Some("2026-02-10T11:05:00+09:00"),
        ),
        (
            "2026021000802",
            "정부, 공공 클라우드 전환 사업 3천억원 발주",
            Some("2026-02-10T09:40:00+09:00"),
        ),
        (
            "2026020900655",
            "SK텔레콤, 6G 주파수 실증 결과 공개",
            Some("2026-02-09T00:00:00+09:00"),
        ),
        (
            "2026020900610",
            "쿠팡, 물류센터에 로봇 5천대 추가 투입",
            None,
        ),
        (
            "2026020900588",
            "게임업계, 확률형 아이템 표시 의무화 1년 점검",
            Some("2026-02-09T00:00:00+09:00"),
        ),
    ];
    let want: Vec<Expected> = want
        .iter()
        .map(|(id, t, d)| exp(&format!("{base}{id}"), t, *d))
        .collect();
    check_fixture(
        "card_grid",
        &html,
        "https://tech.pangyo-daily.test/section/it",
        &want,
    )
}

pub(crate) fn english_blog() -> Score {
    let html = read_fixture("english_blog.html");
    let base = "https://www.harborlight.test/";
    let want = [
        (
            "2026/02/10/city-council-approves-waterfront-housing-plan/",
            "City council approves waterfront housing plan after marathon session",
            "2026-02-10T18:30:00+00:00",
        ),
        (
            "2026/02/10/ferry-service-to-resume-on-weekend-schedule/",
            "Ferry service to resume on weekend schedule next month",
            "2026-02-10T15:05:00+00:00",
        ),
        (
            "2026/02/09/school-board-weighs-later-start-times/",
            "School board weighs later start times for high schools",
            "2026-02-09T21:40:00+00:00",
        ),
        (
            "2026/02/09/harbor-cleanup-volunteers-haul-two-tons-of-debris/",
            "Harbor cleanup volunteers haul two tons of debris",
            "2026-02-09T13:15:00+00:00",
        ),
        (
            "2026/02/08/library-extends-sunday-hours-through-spring/",
            "Library extends Sunday hours through spring",
            "2026-02-08T17:00:00+00:00",
        ),
        (
            "2026/02/07/local-bakery-wins-regional-bread-award/",
            "Local bakery wins regional bread award",
            "2026-02-07T12:20:00+00:00",
        ),
    ];
    let want: Vec<Expected> = want
        .iter()
        .map(|(p, t, d)| exp(&format!("{base}{p}"), t, Some(d)))
        .collect();
    check_fixture(
        "english_blog",
        &html,
        "https://www.harborlight.test/category/local-news/",
        &want,
    )
}
