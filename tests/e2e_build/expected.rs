//! The feeds the tests build and the items each must give, computed by hand from the
//! fixtures in `tests/fixtures`: they are the specification.

pub(crate) const NOW: &str = "2026-02-11T09:00:00+09:00";
pub(crate) const BASE_URL: &str = "http://feeds.example.test/";

pub(crate) const SETTINGS: &str = r#"[settings]
output_dir = "output"        # relative to the config file's folder
state_dir = "state"
timezone = "Asia/Seoul"
host_delay = "0s"
base_url = "http://feeds.example.test/"
"#;

// Where the fixtures are served.
pub(crate) const UTF8_PATH: &str = "/news/section/global"; // so that "../view/X" is /news/view/X
pub(crate) const EUCKR_PATH: &str = "/sub/list.php"; // fetched as /sub/list.php?code=society; <base href> is /news/
pub(crate) const TIMES_PATH: &str = "/economy/stock";

pub(crate) const UTF8_ID: &str = "hanbit-global";
pub(crate) const UTF8_TITLE: &str = "뉴스한빛 국제";
pub(crate) const EUCKR_ID: &str = "jungbu-society";
pub(crate) const EUCKR_TITLE: &str = "중부타임즈 사회";
pub(crate) const TIMES_ID: &str = "moneywide-stock";
pub(crate) const TIMES_TITLE: &str = "머니와이드 증권";

pub(crate) fn utf8_feed(id: &str, url: &str) -> String {
    format!(
        r#"
[feeds.{id}]
title = "{UTF8_TITLE}"
url = "{url}"
language = "ko"
[feeds.{id}.select]
item = "div.news-list article.item"
link = "h3 a"
title = "h3 a"
summary = "p.summary"
date = "span.date"
image = "img"
author = "span.writer"
"#
    )
}

pub(crate) fn euckr_feed(id: &str, url: &str) -> String {
    format!(
        r#"
[feeds.{id}]
title = "{EUCKR_TITLE}"
url = "{url}"
language = "ko"
[feeds.{id}.select]
item = "table.list tr"
link = "td.subject a"
title = "td.subject a"
date = "td.date"
author = "td.writer"
"#
    )
}

pub(crate) fn times_feed(id: &str, url: &str) -> String {
    // No `link`: each item is itself an <a href>.
    format!(
        r#"
[feeds.{id}]
title = "{TIMES_TITLE}"
url = "{url}"
language = "ko"
[feeds.{id}.select]
item = "div.card-grid a.card"
title = "strong.tit"
summary = "p.desc"
date = "em.time"
image = "img"
"#
    )
}

/// One expected feed item. `link` and `image` starting with '/' are on the test server.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Item {
    pub(crate) title: &'static str,
    pub(crate) link: &'static str,
    pub(crate) summary: Option<&'static str>,
    pub(crate) author: Option<&'static str>,
    /// RFC 3339 in +09:00, exactly as Atom must print it.
    pub(crate) time: &'static str,
    pub(crate) image: Option<&'static str>,
}

/// list_utf8.html, newest first. 9 `article.item` blocks in the list: 7 articles,
/// one repeat of the 19:32 article (different tracking query), one ad slot without links.
/// The pinned first block (09:15) is older than most, so page order != output order.
pub(crate) const UTF8_ITEMS: [Item; 7] = [
    Item {
        title: "美 연준 \"금리 인하 서두르지 않겠다\"…달러 강세 지속",
        link: "/news/view/20260210000123",
        summary: Some("제롬 파월 미국 연방준비제도(Fed) 의장은 10일(현지시간) 의회 청문회에서 \"인플레이션이 목표치로 돌아오고 있다는 확신이 들 때까지 금리 인하를 서두르지 않겠다\"고 밝혔다."),
        author: Some("홍길동 기자"),
        time: "2026-02-10T19:32:00+09:00",
        image: Some("/img/2026/02/10/20260210000123_thumb.jpg"),
    },
    Item {
        title: "日 중의원 해산 임박… 엔화 가치 34년 만에 최저",
        link: "/news/view/20260210000118",
        summary: Some("일본 정국 불확실성이 커지면서 엔·달러 환율이 한때 162엔을 넘어섰다. 외환당국의 개입 경계감도 높아지고 있다."),
        author: None,
        time: "2026-02-10T18:47:00+09:00",
        image: Some("/img/2026/02/10/20260210000118_thumb.jpg"),
    },
    Item {
        title: "삼성전자, 美 텍사스에 R&amp;D 센터 신설",
        link: "/news/view/20260210000105",
        summary: Some("삼성전자가 미국 텍사스주 테일러에 반도체 연구개발 센터를 새로 짓는다. 투자 규모는 약 5조원으로 알려졌다."),
        author: Some("이지훈 기자"),
        time: "2026-02-10T17:05:00+09:00",
        image: Some("/img/2026/02/10/20260210000105_thumb.jpg"),
    },
    Item {
        title: "中 전기차 업계, 유럽서 M&A 가속…\"관세 장벽 우회\"",
        link: "/news/view/20260210000099",
        summary: Some("중국 전기차 업체들이 유럽 현지 완성차 공장 인수에 잇달아 나서고 있다. EU의 고율 관세를 피하기 위한 전략이라는 분석이다."),
        author: Some("박민수 기자"),
        time: "2026-02-10T15:40:00+09:00",
        image: Some("/img/2026/02/10/20260210000099_thumb.jpg"), // data-src only
    },
    Item {
        title: "국제유가, 中 수요 둔화 우려에 이틀째 하락",
        link: "/news/view/20260210000091",
        summary: Some("10일 뉴욕상업거래소에서 서부텍사스산원유(WTI) 3월물은 전 거래일보다 1.2% 내린 배럴당 71.34달러에 거래를 마쳤다."),
        author: Some("최유진 기자"),
        time: "2026-02-10T12:20:00+09:00",
        image: Some("/img/2026/02/10/20260210000091_320.jpg"), // first srcset entry
    },
    Item {
        title: "홍해 항로 정상화 기대감…컨테이너 운임 3주 연속 하락",
        link: "/news/view/20260210000087",
        summary: Some("홍해 항로 정상화 기대감이 커지면서 상하이컨테이너운임지수(SCFI)가 3주 연속 하락했다. 국내 수출기업들의 물류비 부담도 다소 줄어들 전망이다."),
        author: Some("김서연 기자"),
        time: "2026-02-10T09:15:00+09:00",
        image: Some("/img/2026/02/10/20260210000087_thumb.jpg"),
    },
    Item {
        title: "유럽증시, 기술주 강세에 일제히 상승 마감",
        link: "/news/view/20260209000342",
        summary: Some("9일(현지시간) 유럽 주요국 증시는 반도체 등 기술주 강세에 힘입어 일제히 올랐다."),
        author: None,
        time: "2026-02-09T22:10:00+09:00",
        image: Some("/img/2026/02/09/20260209000342_thumb.jpg"),
    },
];

/// Article ids on list_utf8.html that are NOT in the main list (breaking-news bar,
/// 많이 본 뉴스, 포토뉴스 — which also uses article.item —, 관련기사).
pub(crate) const UTF8_NOT_ITEMS: [&str; 11] = [
    "20260210000130",
    "20260210000045",
    "20260209000298",
    "20260210000061",
    "20260210000012",
    "20260208000177",
    "20260210000074",
    "20260209000311",
    "20260207000088",
    "20260206000154",
    "20260205000203",
];

/// list_euckr.html (EUC-KR bytes, charset only in <meta>, <base href="{{BASE}}/news/">).
/// The table also holds a header row and spacer rows, which have no link.
pub(crate) const EUCKR_ITEMS: [Item; 6] = [
    Item {
        title: "[속보] 수원 광교 아파트 화재…주민 30여명 대피",
        link: "/news/news_view.php?no=48213",
        summary: None,
        author: Some("정다은 기자"),
        time: "2026-02-10T19:32:00+09:00",
        image: None,
    },
    Item {
        title: "경기도, 청년 월세 지원 대상 2배 확대",
        link: "/news/news_view.php?no=48210",
        summary: None,
        author: Some("오세훈 기자"),
        time: "2026-02-10T18:05:00+09:00",
        image: None,
    },
    Item {
        // 똠 is outside KS X 1001: the page is really windows-949, as "euc-kr" means on the web.
        title: "태국 똠얌꿍, 유네스코 인류무형문화유산 등재",
        link: "/news/news_view.php?no=48207",
        summary: None,
        author: Some("김하늘 기자"),
        time: "2026-02-10T16:41:00+09:00",
        image: None,
    },
    Item {
        title: "‘반도체 벨트’ 용인 클러스터 착공식 열려",
        link: "/news/news_view.php?no=48199",
        summary: None,
        author: Some("정다은 기자"),
        time: "2026-02-10T14:20:00+09:00",
        image: None,
    },
    Item {
        title: "화성시, 동탄 트램 2027년 개통 목표",
        link: "/news/news_view.php?no=48195",
        summary: None,
        author: Some("이준호 기자"),
        time: "2026-02-10T11:02:00+09:00",
        image: None,
    },
    Item {
        title: "설 연휴 고속도로 통행료 면제…귀성길 정체 예상",
        link: "/news/news_view.php?no=48188",
        summary: None,
        author: Some("김하늘 기자"),
        time: "2026-02-09T21:30:00+09:00",
        image: None,
    },
];

/// list_times.html with FEEDMILL_NOW = 2026-02-11T09:00:00+09:00, newest first.
pub(crate) const TIMES_ITEMS: [Item; 7] = [
    Item {
        // no time on the page: gets the fetch time
        title: "[기획] 인구절벽 시대, 지방 소멸을 막아라",
        link: "/article/202602098811i",
        summary: Some("지방 중소도시의 인구 감소 현황과 대안을 5회에 걸쳐 짚어본다."),
        author: None,
        time: "2026-02-11T09:00:00+09:00",
        image: Some("https://img.moneywide.test/photo/202602/AA.39268840.1.jpg"),
    },
    Item {
        title: "삼성SDI, 美 배터리 합작공장 가동 연기", // "15분 전"
        link: "/article/202602110845i",
        summary: Some("삼성SDI가 미국 인디애나주 배터리 합작공장의 가동 시점을 내년으로 미룬다고 공시했다."),
        author: None,
        time: "2026-02-11T08:45:00+09:00",
        image: Some("https://img.moneywide.test/photo/202602/AA.39286133.1.jpg"),
    },
    Item {
        title: "속보 원·달러 환율 1,420원대 후반 출발", // "3시간전"; the badge span is part of the title text
        link: "/article/202602110600i",
        summary: Some("원·달러 환율이 미국 국채 금리 상승 여파로 상승 출발했다."),
        author: None,
        time: "2026-02-11T06:00:00+09:00",
        image: Some("https://img.moneywide.test/photo/202602/AA.39285510.1.jpg"),
    },
    Item {
        title: "코스피, 외국인 매수에 2,700선 회복", // "2026/02/10 오후 7:32"
        link: "/article/202602101932i",
        summary: Some("외국인 투자자가 8거래일 만에 순매수로 돌아서면서 코스피가 2,700선을 되찾았다."),
        author: None,
        time: "2026-02-10T19:32:00+09:00",
        image: Some("https://img.moneywide.test/photo/202602/AA.39281734.1.jpg"),
    },
    Item {
        title: "정부, 반도체 특별법 시행령 입법예고", // "어제 14:20"
        link: "/article/202602101420i",
        summary: Some("산업통상자원부는 반도체 연구개발 인력의 근로시간 특례를 담은 시행령 제정안을 입법예고했다."),
        author: None,
        time: "2026-02-10T14:20:00+09:00",
        image: Some("https://img.moneywide.test/photo/202602/AA.39279902.1.jpg"),
    },
    Item {
        title: "뉴욕증시, 엔비디아 실적 기대에 나스닥 최고치", // "2026.02.10 오전 12:05"
        link: "/article/202602100005i",
        summary: Some("뉴욕증시 3대 지수가 기술주 강세에 힘입어 일제히 상승 마감했다."),
        author: None,
        time: "2026-02-10T00:05:00+09:00",
        image: Some("https://img.moneywide.test/photo/202602/AA.39277051.1.jpg"),
    },
    Item {
        title: "[2025 결산] 올해 증시를 뒤흔든 10대 뉴스", // "12.31 23:50" (no year: the latest past one)
        link: "/article/202512312350i",
        summary: Some("금리 인하와 밸류업 프로그램, 반도체 슈퍼사이클까지 올 한 해 증시를 정리했다."),
        author: None,
        time: "2025-12-31T23:50:00+09:00",
        image: Some("https://img.moneywide.test/photo/202512/AA.39110022.1.jpg"),
    },
];
