//! End-to-end tests: run the `feedmill` binary against pages served from
//! 127.0.0.1 and check the RSS 2.0 / Atom files it writes.
//!
//! Every expected value below is computed by hand from the fixtures in
//! tests/fixtures (see the comments there); they are the specification.
//! FEEDMILL_NOW is fixed so that relative times and undated items are
//! reproducible.

mod common;

use std::fs;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Output;

use chrono::{DateTime, FixedOffset, Utc};
use common::{fixture, replace_bytes, run_on_config, tool_or_skip, xmllint, Resp, TestServer};
use regex::Regex;
use tempfile::TempDir;

/// The fetch time used by every test (a Wednesday morning in Seoul).
const NOW: &str = "2026-02-11T09:00:00+09:00";
const BASE_URL: &str = "http://feeds.example.test/";

const SETTINGS: &str = r#"[settings]
output_dir = "output"        # relative to the config file's folder
state_dir = "state"
timezone = "Asia/Seoul"
host_delay = "0s"
base_url = "http://feeds.example.test/"
"#;

// Where the fixtures are served.
const UTF8_PATH: &str = "/news/section/global"; // so that "../view/X" is /news/view/X
const EUCKR_PATH: &str = "/sub/list.php"; // fetched as /sub/list.php?code=society; <base href> is /news/
const TIMES_PATH: &str = "/economy/stock";

const UTF8_ID: &str = "hanbit-global";
const UTF8_TITLE: &str = "뉴스한빛 국제";
const EUCKR_ID: &str = "jungbu-society";
const EUCKR_TITLE: &str = "중부타임즈 사회";
const TIMES_ID: &str = "moneywide-stock";
const TIMES_TITLE: &str = "머니와이드 증권";

fn utf8_feed(id: &str, url: &str) -> String {
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

fn euckr_feed(id: &str, url: &str) -> String {
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

fn times_feed(id: &str, url: &str) -> String {
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
struct Item {
    title: &'static str,
    link: &'static str,
    summary: Option<&'static str>,
    author: Option<&'static str>,
    /// RFC 3339 in +09:00, exactly as Atom must print it.
    time: &'static str,
    image: Option<&'static str>,
}

/// list_utf8.html, newest first. 9 `article.item` blocks in the list: 7 articles,
/// one repeat of the 19:32 article (different tracking query), one ad slot without links.
/// The pinned first block (09:15) is older than most, so page order != output order.
const UTF8_ITEMS: [Item; 7] = [
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
const UTF8_NOT_ITEMS: [&str; 11] = [
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
const EUCKR_ITEMS: [Item; 6] = [
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
const TIMES_ITEMS: [Item; 7] = [
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

// ---------------------------------------------------------------------------
// Harness

/// A fixture server with every fixture page mounted, and a temp folder for
/// feeds.toml, output/ and state/.
struct Site {
    server: TestServer,
    dir: TempDir,
}

impl Site {
    fn new() -> Site {
        let server = TestServer::start();
        server.set(UTF8_PATH, Resp::html(fixture("list_utf8.html")));
        let euckr = replace_bytes(
            &fixture("list_euckr.html"),
            b"{{BASE}}",
            server.base().as_bytes(),
        );
        server.set(EUCKR_PATH, Resp::bytes("text/html", euckr));
        server.set(TIMES_PATH, Resp::html(fixture("list_times.html")));
        let dir = tempfile::Builder::new()
            .prefix("feedmill-e2e")
            .tempdir()
            .expect("tempdir");
        Site { server, dir }
    }

    fn utf8_url(&self) -> String {
        self.server.url(UTF8_PATH)
    }
    fn euckr_url(&self) -> String {
        self.server.url(&format!("{EUCKR_PATH}?code=society"))
    }
    fn times_url(&self) -> String {
        self.server.url(TIMES_PATH)
    }

    fn config(&self) -> PathBuf {
        self.dir.path().join("feeds.toml")
    }

    /// Writes feeds.toml = SETTINGS + `feeds`; returns the whole text.
    fn write_config(&self, feeds: &str) -> String {
        let text = format!("{SETTINGS}{feeds}");
        fs::write(self.config(), &text).expect("write feeds.toml");
        text
    }

    /// Writes feeds.toml exactly as given.
    fn write_raw_config(&self, text: &str) {
        fs::write(self.config(), text).expect("write feeds.toml");
    }

    fn run(&self, args: &[&str]) -> Output {
        run_on_config(args, &self.config(), NOW)
    }

    fn out(&self, file: &str) -> PathBuf {
        self.dir.path().join("output").join(file)
    }

    fn read_bytes(&self, file: &str) -> Vec<u8> {
        let p = self.out(file);
        fs::read(&p).unwrap_or_else(|e| panic!("reading {}: {e}", p.display()))
    }

    fn read(&self, file: &str) -> String {
        String::from_utf8(self.read_bytes(file)).unwrap_or_else(|_| panic!("{file} is not UTF-8"))
    }

    /// Every file under the temp folder except feeds.toml.
    fn written_files(&self) -> Vec<PathBuf> {
        let mut found = Vec::new();
        walk(self.dir.path(), &mut found);
        found.retain(|p| p != &self.config());
        found
    }

    fn abs(&self, s: &str) -> String {
        if s.starts_with('/') {
            self.server.url(s)
        } else {
            s.to_string()
        }
    }
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, found);
        } else {
            found.push(p);
        }
    }
}

fn describe(out: &Output) -> String {
    format!(
        "exit status: {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn assert_exit(out: &Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "expected exit {code}\n{}",
        describe(out)
    );
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A line of stderr that contains every one of `needles`.
fn assert_stderr_line(out: &Output, needles: &[&str]) {
    let err = stderr(out);
    let lower: Vec<String> = needles.iter().map(|n| n.to_lowercase()).collect();
    assert!(
        err.lines().any(|l| {
            let l = l.to_lowercase();
            lower.iter().all(|n| l.contains(n.as_str()))
        }),
        "no stderr line contains all of {needles:?}\n{}",
        describe(out)
    );
}

fn rfc3339(t: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(t).unwrap_or_else(|e| panic!("bad expected time {t}: {e}"))
}

fn utc(t: &str) -> DateTime<Utc> {
    rfc3339(t).with_timezone(&Utc)
}

/// The RSS form of an expected time: "Tue, 10 Feb 2026 19:32:00 +0900".
fn rfc2822(t: &str) -> String {
    rfc3339(t).format("%a, %d %b %Y %H:%M:%S %z").to_string()
}

/// "2026-02-10 19:32", as `check` prints times (in the feed's zone).
fn wall(t: &str) -> String {
    rfc3339(t).format("%Y-%m-%d %H:%M").to_string()
}

fn parse_feed(xml: &str, what: &str) -> feed_rs::model::Feed {
    feed_rs::parser::parse(xml.as_bytes())
        .unwrap_or_else(|e| panic!("{what} does not parse: {e}\n{xml}"))
}

fn text(t: &Option<feed_rs::model::Text>) -> Option<&str> {
    t.as_ref().map(|t| t.content.as_str())
}

/// Distinct media URLs of an entry (media:content and enclosure both land here).
fn media_urls(entry: &feed_rs::model::Entry) -> Vec<String> {
    let set: std::collections::BTreeSet<String> = entry
        .media
        .iter()
        .flat_map(|m| m.content.iter())
        .filter_map(|c| c.url.as_ref().map(|u| u.to_string()))
        .collect();
    set.into_iter().collect()
}

/// The items of a feed file in document order, with their raw XML.
fn raw_blocks<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let re = Regex::new(&format!(r"(?s)<{tag}(?:\s[^>]*)?>(.*?)</{tag}>")).unwrap();
    re.captures_iter(xml)
        .map(|c| c.get(1).unwrap().as_str())
        .collect()
}

/// Text of the first <tag>…</tag> in `xml`, if any.
fn raw_element<'a>(xml: &'a str, tag: &str) -> Option<&'a str> {
    let re = Regex::new(&format!(r"(?s)<{tag}(?:\s[^>]*)?>(.*?)</{tag}>")).unwrap();
    re.captures(xml).map(|c| c.get(1).unwrap().as_str())
}

// ---------------------------------------------------------------------------
// Shared checks of a built feed against expected items

fn check_rss(site: &Site, id: &str, title: &str, page_url: &str, expected: &[Item]) {
    let xml = site.read(&format!("{id}.rss"));
    let feed = parse_feed(&xml, &format!("{id}.rss"));

    assert_eq!(text(&feed.title), Some(title), "channel title");
    assert!(
        feed.links.iter().any(|l| l.href == page_url),
        "channel link must be the page url {page_url}; got {:?}",
        feed.links.iter().map(|l| &l.href).collect::<Vec<_>>()
    );
    assert_eq!(feed.language.as_deref(), Some("ko"), "channel language");
    let newest = expected.iter().map(|i| utc(i.time)).max().unwrap();
    assert_eq!(
        feed.updated,
        Some(newest),
        "lastBuildDate = newest item's time"
    );
    let last_build = raw_element(&xml, "lastBuildDate").expect("<lastBuildDate>");
    assert_eq!(last_build, rfc2822(expected[0].time), "lastBuildDate text");

    let titles: Vec<Option<&str>> = feed.entries.iter().map(|e| text(&e.title)).collect();
    assert_eq!(
        feed.entries.len(),
        expected.len(),
        "item count in {id}.rss; titles: {titles:#?}"
    );
    let raw_items = raw_blocks(&xml, "item");
    assert_eq!(raw_items.len(), expected.len(), "<item> count");

    for (i, (entry, exp)) in feed.entries.iter().zip(expected).enumerate() {
        let link = site.abs(exp.link);
        let ctx = format!("{id}.rss item #{i} (expected {:?})", exp.title);
        assert_eq!(text(&entry.title), Some(exp.title), "{ctx}: title");
        assert_eq!(
            entry
                .links
                .iter()
                .map(|l| l.href.as_str())
                .collect::<Vec<_>>(),
            vec![link.as_str()],
            "{ctx}: link"
        );
        assert_eq!(entry.id, link, "{ctx}: guid = canonical link");
        match exp.summary {
            Some(s) => assert_eq!(text(&entry.summary), Some(s), "{ctx}: description"),
            None => assert!(
                text(&entry.summary).is_none_or(|s| s.trim().is_empty()),
                "{ctx}: no summary expected, got {:?}",
                text(&entry.summary)
            ),
        }
        assert_eq!(
            entry.published,
            Some(utc(exp.time)),
            "{ctx}: pubDate instant"
        );
        let names: Vec<&str> = entry.authors.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            exp.author.into_iter().collect::<Vec<_>>(),
            "{ctx}: dc:creator"
        );
        match exp.image {
            Some(img) => assert_eq!(
                media_urls(entry),
                vec![site.abs(img)],
                "{ctx}: image (media:content or enclosure)"
            ),
            None => assert!(media_urls(entry).is_empty(), "{ctx}: no image expected"),
        }

        // The raw text: pubDate in the zone's offset, guid a permalink.
        let raw = raw_items[i];
        assert_eq!(
            raw_element(raw, "pubDate"),
            Some(rfc2822(exp.time).as_str()),
            "{ctx}: raw pubDate"
        );
        if let Some(a) = exp.author {
            assert!(
                raw.contains(&format!("<dc:creator>{a}</dc:creator>")),
                "{ctx}: raw dc:creator\n{raw}"
            );
        }
    }
}

fn check_atom(site: &Site, id: &str, title: &str, page_url: &str, expected: &[Item]) {
    let xml = site.read(&format!("{id}.atom"));
    let feed = parse_feed(&xml, &format!("{id}.atom"));

    assert!(!feed.id.trim().is_empty(), "feed id");
    assert_eq!(text(&feed.title), Some(title), "feed title");
    let newest = expected.iter().map(|i| utc(i.time)).max().unwrap();
    assert_eq!(
        feed.updated,
        Some(newest),
        "feed updated = newest item's time"
    );
    let self_href = format!("{BASE_URL}{id}.atom");
    assert!(
        feed.links
            .iter()
            .any(|l| l.rel.as_deref() == Some("self") && l.href == self_href),
        "link rel=self {self_href}; got {:?}",
        feed.links
    );
    assert!(
        feed.links
            .iter()
            .any(|l| l.rel.as_deref() == Some("alternate") && l.href == page_url),
        "link rel=alternate {page_url}; got {:?}",
        feed.links
    );
    // Feed-level <updated> is the first <updated> in the document (before any entry).
    let head = xml.split("<entry").next().unwrap();
    assert_eq!(
        raw_element(head, "updated"),
        Some(expected[0].time),
        "raw feed <updated>"
    );

    assert_eq!(
        feed.entries.len(),
        expected.len(),
        "entry count in {id}.atom"
    );
    let raw_entries = raw_blocks(&xml, "entry");
    assert_eq!(raw_entries.len(), expected.len(), "<entry> count");
    let mut ids = std::collections::HashSet::new();

    for (i, (entry, exp)) in feed.entries.iter().zip(expected).enumerate() {
        let link = site.abs(exp.link);
        let ctx = format!("{id}.atom entry #{i} (expected {:?})", exp.title);
        assert!(!entry.id.trim().is_empty(), "{ctx}: id");
        assert!(
            ids.insert(entry.id.clone()),
            "{ctx}: duplicate id {}",
            entry.id
        );
        assert_eq!(text(&entry.title), Some(exp.title), "{ctx}: title");
        // rel="alternate" (or no rel, which means the same); other rels (e.g. an
        // enclosure for the image) are allowed.
        assert_eq!(
            entry
                .links
                .iter()
                .filter(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .map(|l| l.href.as_str())
                .collect::<Vec<_>>(),
            vec![link.as_str()],
            "{ctx}: link"
        );
        match exp.summary {
            Some(s) => assert_eq!(text(&entry.summary), Some(s), "{ctx}: summary"),
            None => assert!(
                text(&entry.summary).is_none_or(|s| s.trim().is_empty()),
                "{ctx}: no summary expected"
            ),
        }
        assert_eq!(entry.published, Some(utc(exp.time)), "{ctx}: published");
        assert_eq!(entry.updated, Some(utc(exp.time)), "{ctx}: updated");
        if let Some(a) = exp.author {
            let names: Vec<&str> = entry.authors.iter().map(|p| p.name.as_str()).collect();
            assert_eq!(names, vec![a], "{ctx}: author");
        }

        let raw = raw_entries[i];
        assert_eq!(
            raw_element(raw, "published"),
            Some(exp.time),
            "{ctx}: raw <published>"
        );
        assert_eq!(
            raw_element(raw, "updated"),
            Some(exp.time),
            "{ctx}: raw <updated>"
        );
    }
}

// ---------------------------------------------------------------------------
// Self-tests of the harness (these do not need the binary)

#[test]
fn harness_server_routes_hits_and_headers() {
    let server = TestServer::start();
    server.set("/a", Resp::html("<p>한글</p>"));
    server.set("/b", Resp::status(500));

    let get = |target: &str, extra: &str| -> (String, Vec<u8>) {
        let mut s = TcpStream::connect(("127.0.0.1", server.port())).unwrap();
        write!(
            s,
            "GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: Probe/1.0\r\n{extra}\r\n"
        )
        .unwrap();
        let mut buf = Vec::new();
        s.read_to_end(&mut buf).unwrap();
        let split = buf
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("end of head");
        (
            String::from_utf8(buf[..split].to_vec()).unwrap(),
            buf[split + 4..].to_vec(),
        )
    };

    let (head, body) = get("/a?utm_source=x", "X-Probe: one\r\n");
    assert!(head.starts_with("HTTP/1.1 200 "), "{head}");
    assert!(
        head.contains("Content-Type: text/html; charset=utf-8"),
        "{head}"
    );
    assert!(
        head.contains(&format!("Content-Length: {}", "<p>한글</p>".len())),
        "{head}"
    );
    assert!(head.contains("Connection: close"), "{head}");
    assert_eq!(body, "<p>한글</p>".as_bytes());
    assert_eq!(server.hits("/a"), 1, "query is not part of the path");
    let headers = server.last_request_headers("/a");
    assert!(
        headers.contains(&("user-agent".to_string(), "Probe/1.0".to_string())),
        "{headers:?}"
    );
    assert!(
        headers.contains(&("x-probe".to_string(), "one".to_string())),
        "{headers:?}"
    );

    let (head, _) = get("/b", "");
    assert!(head.starts_with("HTTP/1.1 500 "), "{head}");
    let (head, _) = get("/nowhere", "");
    assert!(head.starts_with("HTTP/1.1 404 "), "{head}");
    assert_eq!(server.hits("/nowhere"), 1);

    // Routes can be replaced at any time.
    server.set("/a", Resp::bytes("text/html", vec![0xc7, 0xd1]));
    let (head, body) = get("/a", "");
    assert!(head.contains("Content-Type: text/html\r\n"), "{head}");
    assert_eq!(body, vec![0xc7, 0xd1]);
    assert_eq!(server.hits("/a"), 2);
    assert_eq!(
        server.url("/x/y"),
        format!("http://127.0.0.1:{}/x/y", server.port())
    );
    assert_eq!(
        server.url("x"),
        format!("http://127.0.0.1:{}/x", server.port())
    );

    // Many sequential connections.
    for _ in 0..50 {
        let (head, _) = get("/b", "");
        assert!(head.starts_with("HTTP/1.1 500 "));
    }
    assert_eq!(server.hits("/b"), 51);

    // Dropping stops the server.
    let port = server.port();
    drop(server);
    assert!(
        TcpStream::connect(("127.0.0.1", port)).is_err(),
        "server still accepting after drop"
    );
}

#[test]
fn harness_fixtures_are_encoded_as_documented() {
    // UTF-8 pages are valid UTF-8 and carry the traps the tests rely on.
    let utf8 = String::from_utf8(fixture("list_utf8.html")).expect("list_utf8.html is UTF-8");
    assert!(utf8.contains(r#"<meta charset="utf-8">"#));
    assert_eq!(
        utf8.matches(r#"<article class="item"#).count(),
        12,
        "9 in the list + 2 in 포토뉴스 + 1 inside a <script> string"
    );
    for trap in [
        "?utm_source=main&amp;utm_medium=list",
        "?fbclid=",
        "#comments",
        "data-src=",
        "srcset=",
        "../view/20260210000118",
        "R&amp;amp;D",
        "M&amp;A",
        "&quot;",
        "많이 본 뉴스",
        "포토뉴스",
        "관련기사",
    ] {
        assert!(utf8.contains(trap), "list_utf8.html lacks {trap:?}");
    }
    for item in &UTF8_ITEMS {
        assert!(
            utf8.contains(item.link.trim_start_matches("/news")),
            "{}",
            item.link
        );
    }

    // The EUC-KR page: not UTF-8, charset only in <meta> within the first 1024 bytes.
    let raw = fixture("list_euckr.html");
    assert!(
        std::str::from_utf8(&raw).is_err(),
        "list_euckr.html must be EUC-KR bytes"
    );
    let meta = br#"<meta http-equiv="Content-Type" content="text/html; charset=euc-kr">"#;
    let pos = raw
        .windows(meta.len())
        .position(|w| w == meta)
        .expect("meta charset");
    assert!(
        pos + meta.len() < 1024,
        "meta charset must be in the first 1024 bytes"
    );
    assert!(
        raw.windows(8).any(|w| w == b"{{BASE}}"),
        "{{BASE}} placeholder"
    );
    let (decoded, _, had_errors) = encoding_rs::EUC_KR.decode(&raw);
    assert!(
        !had_errors,
        "list_euckr.html decodes as EUC-KR without errors"
    );
    let reference = String::from_utf8(fixture("list_euckr.utf8.txt")).unwrap();
    assert_eq!(
        decoded, reference,
        "list_euckr.html is list_euckr.utf8.txt in EUC-KR"
    );
    for item in &EUCKR_ITEMS {
        assert!(decoded.contains(item.title), "{}", item.title);
        assert!(decoded.contains(&wall(item.time)), "{}", item.time);
    }
    let served = replace_bytes(&raw, b"{{BASE}}", b"http://127.0.0.1:1");
    let (served, _, _) = encoding_rs::EUC_KR.decode(&served);
    assert!(served.contains(r#"<base href="http://127.0.0.1:1/news/">"#));

    // The time fixture holds each time form once.
    let times = String::from_utf8(fixture("list_times.html")).unwrap();
    for t in [
        "2026/02/10 오후 7:32",
        "3시간전",
        "어제 14:20",
        "12.31 23:50",
        "2026.02.10 오전 12:05",
        "15분 전",
    ] {
        assert_eq!(
            times.matches(&format!(">{t}<")).count() + times.matches(&format!("> {t} <")).count(),
            1,
            "{t}"
        );
    }
    assert_eq!(times.matches(r#"<a class="card"#).count(), 7);

    // The changed layout has no list the utf8 config could match.
    let empty = String::from_utf8(fixture("list_empty.html")).unwrap();
    assert!(!empty.contains("news-list") && !empty.contains("class=\"item"));
}

#[test]
fn harness_expected_times_format() {
    assert_eq!(
        rfc2822("2026-02-10T19:32:00+09:00"),
        "Tue, 10 Feb 2026 19:32:00 +0900"
    );
    assert_eq!(
        rfc2822("2025-12-31T23:50:00+09:00"),
        "Wed, 31 Dec 2025 23:50:00 +0900"
    );
    assert_eq!(
        rfc2822("2026-02-10T00:05:00+09:00"),
        "Tue, 10 Feb 2026 00:05:00 +0900"
    );
    assert_eq!(wall("2026-02-10T19:32:00+09:00"), "2026-02-10 19:32");
}

// ---------------------------------------------------------------------------
// 1. UTF-8 list

#[test]
fn utf8_list_builds_exact_rss_and_atom_items() {
    let site = Site::new();
    site.write_config(&utf8_feed(UTF8_ID, &site.utf8_url()));
    let out = site.run(&["build"]);
    assert_exit(&out, 0);
    assert_eq!(site.server.hits(UTF8_PATH), 1, "the page is fetched once");

    check_rss(&site, UTF8_ID, UTF8_TITLE, &site.utf8_url(), &UTF8_ITEMS);
    check_atom(&site, UTF8_ID, UTF8_TITLE, &site.utf8_url(), &UTF8_ITEMS);

    let rss = site.read(&format!("{UTF8_ID}.rss"));
    let atom = site.read(&format!("{UTF8_ID}.atom"));
    assert!(rss.contains("<pubDate>Tue, 10 Feb 2026 19:32:00 +0900</pubDate>"));
    assert!(rss.contains("<pubDate>Mon, 09 Feb 2026 22:10:00 +0900</pubDate>"));
    assert!(atom.contains("<published>2026-02-10T19:32:00+09:00</published>"));
    assert!(atom.contains("<published>2026-02-09T22:10:00+09:00</published>"));

    // Nothing from the menus, ranking box, photo box, related box, ads or footer.
    for (name, xml) in [("rss", &rss), ("atom", &atom)] {
        for id in UTF8_NOT_ITEMS {
            assert!(!xml.contains(id), "{name} contains non-list article {id}");
        }
        for junk in [
            "utm_",
            "fbclid",
            "#comments",
            "많이 본 뉴스",
            "[포토]",
            "[단독]",
            "로그인",
            "개인정보처리방침",
            "ads.adnet.test",
            "page=2",
            "[12]",
        ] {
            assert!(!xml.contains(junk), "{name} contains {junk:?}");
        }
    }
}

#[test]
fn utf8_list_default_link_and_attribute_selector() {
    // Without `link`, an item's link is its first a[href]: here the thumbnail link,
    // which carries a tracking query on the repeated article — same canonical URLs.
    // `image = "img@data-src"` reads only that attribute: one item has it.
    let site = Site::new();
    let feed = utf8_feed(UTF8_ID, &site.utf8_url())
        .replace("link = \"h3 a\"\n", "")
        .replace("image = \"img\"", "image = \"img@data-src\"");
    site.write_config(&feed);
    let out = site.run(&["build"]);
    assert_exit(&out, 0);

    let expected: Vec<Item> = UTF8_ITEMS
        .iter()
        .map(|i| Item {
            image: if i.link.ends_with("20260210000099") {
                i.image
            } else {
                None
            },
            ..*i
        })
        .collect();
    check_rss(&site, UTF8_ID, UTF8_TITLE, &site.utf8_url(), &expected);
    check_atom(&site, UTF8_ID, UTF8_TITLE, &site.utf8_url(), &expected);
}

// ---------------------------------------------------------------------------
// 2. Raw RSS structure

#[test]
fn rss_raw_structure_and_date_format() {
    let site = Site::new();
    site.write_config(&format!(
        "{}{}",
        utf8_feed(UTF8_ID, &site.utf8_url()),
        times_feed(TIMES_ID, &site.times_url())
    ));
    let out = site.run(&["build"]);
    assert_exit(&out, 0);
    let lint = tool_or_skip(
        "xmllint",
        "libxml2-utils",
        "rss_raw_structure_and_date_format: namespace well-formedness",
    );

    let date_re = Regex::new(
        r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$",
    )
    .unwrap();
    let guid_re =
        Regex::new(r#"(?s)<guid\s+isPermaLink\s*=\s*["']true["']\s*>(.*?)</guid>"#).unwrap();
    let atom_link_re = Regex::new(r"<atom:link\s[^>]*>").unwrap();
    let rss_root_re = Regex::new(r#"<rss\s[^>]*version="2\.0""#).unwrap();

    for (id, expected_count) in [(UTF8_ID, UTF8_ITEMS.len()), (TIMES_ID, TIMES_ITEMS.len())] {
        let file = format!("{id}.rss");
        let xml = site.read(&file);
        let ctx = file.as_str();

        assert!(
            xml.trim_start().starts_with("<?xml"),
            "{ctx}: XML declaration"
        );
        assert!(rss_root_re.is_match(&xml), "{ctx}: <rss version=\"2.0\">");
        if lint {
            let (ok, err) = xmllint(&["--noout"], &site.out(&file));
            assert!(
                ok && err.trim().is_empty(),
                "{ctx}: not namespace-well-formed XML:\n{err}"
            );
        }

        // Channel elements, before the first item.
        let channel = raw_element(&xml, "channel").expect("<channel>");
        let head = channel.split("<item").next().unwrap();
        for tag in [
            "title",
            "link",
            "description",
            "language",
            "lastBuildDate",
            "generator",
        ] {
            let value =
                raw_element(head, tag).unwrap_or_else(|| panic!("{ctx}: channel lacks <{tag}>"));
            assert!(!value.trim().is_empty(), "{ctx}: channel <{tag}> is empty");
        }
        assert!(
            raw_element(head, "generator").unwrap().contains("feedmill"),
            "{ctx}: generator names feedmill"
        );
        let self_links: Vec<&str> = atom_link_re
            .find_iter(head)
            .map(|m| m.as_str())
            .filter(|t| t.contains(r#"rel="self""#))
            .collect();
        assert_eq!(
            self_links.len(),
            1,
            "{ctx}: one atom:link rel=\"self\" in the channel"
        );
        assert!(
            self_links[0].contains(&format!(r#"href="{BASE_URL}{id}.rss""#)),
            "{ctx}: {}",
            self_links[0]
        );
        assert!(
            xml.contains(r#"xmlns:atom="http://www.w3.org/2005/Atom""#),
            "{ctx}: atom namespace"
        );

        // Every date is RFC 2822 with a numeric offset, and that offset is +0900 here.
        let dates: Vec<&str> = raw_blocks(&xml, "pubDate")
            .into_iter()
            .chain(raw_blocks(&xml, "lastBuildDate"))
            .collect();
        assert_eq!(
            dates.len(),
            expected_count + 1,
            "{ctx}: one pubDate per item + lastBuildDate"
        );
        for d in dates {
            assert!(date_re.is_match(d), "{ctx}: not an RFC 2822 date: {d:?}");
            assert!(
                d.ends_with(" +0900"),
                "{ctx}: not in the zone's offset: {d:?}"
            );
        }

        let items = raw_blocks(&xml, "item");
        assert_eq!(items.len(), expected_count, "{ctx}: item count");
        for item in items {
            let title = raw_element(item, "title").map(str::trim).unwrap_or("");
            let desc = raw_element(item, "description")
                .map(str::trim)
                .unwrap_or("");
            assert!(
                !title.is_empty() || !desc.is_empty(),
                "{ctx}: item with neither title nor description:\n{item}"
            );
            let link = raw_element(item, "link").expect("item <link>").trim();
            let guid = guid_re
                .captures(item)
                .unwrap_or_else(|| panic!("{ctx}: no <guid isPermaLink=\"true\">:\n{item}"));
            assert_eq!(guid[1].trim(), link, "{ctx}: guid = link");
            assert!(
                link.starts_with(&site.server.base()),
                "{ctx}: absolute link {link}"
            );
        }
    }
}

// ---------------------------------------------------------------------------
// 3. Atom against the RELAX NG schema

#[test]
fn atom_validates_against_relax_ng_schema() {
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/atom.rng");
    assert!(schema.exists(), "schema missing: {}", schema.display());
    if !tool_or_skip(
        "xmllint",
        "libxml2-utils",
        "atom_validates_against_relax_ng_schema",
    ) {
        return;
    }
    let site = Site::new();
    site.write_config(&format!(
        "{}{}{}",
        utf8_feed(UTF8_ID, &site.utf8_url()),
        euckr_feed(EUCKR_ID, &site.euckr_url()),
        times_feed(TIMES_ID, &site.times_url())
    ));
    let out = site.run(&["build"]);
    assert_exit(&out, 0);
    for id in [UTF8_ID, EUCKR_ID, TIMES_ID] {
        let file = site.out(&format!("{id}.atom"));
        let (ok, err) = xmllint(&["--noout", "--relaxng", schema.to_str().unwrap()], &file);
        assert!(
            ok,
            "{id}.atom does not validate against atom.rng:\n{err}\n{}",
            site.read(&format!("{id}.atom"))
        );
        assert!(err.contains("validates"), "{err}");
    }
}

// ---------------------------------------------------------------------------
// 4. EUC-KR page: charset only in <meta>, links against <base href>

#[test]
fn euckr_list_decodes_meta_charset_and_resolves_base_href() {
    let site = Site::new();
    site.write_config(&euckr_feed(EUCKR_ID, &site.euckr_url()));
    let out = site.run(&["build"]);
    assert_exit(&out, 0);
    check_rss(
        &site,
        EUCKR_ID,
        EUCKR_TITLE,
        &site.euckr_url(),
        &EUCKR_ITEMS,
    );
    check_atom(
        &site,
        EUCKR_ID,
        EUCKR_TITLE,
        &site.euckr_url(),
        &EUCKR_ITEMS,
    );

    let rss = site.read(&format!("{EUCKR_ID}.rss"));
    assert!(rss.contains("태국 똠얌꿍"), "windows-949 syllable decoded");
    assert!(
        !rss.contains('\u{FFFD}'),
        "replacement characters in output"
    );
    // Resolved against <base href=".../news/">, not against the page's /sub/ folder.
    assert!(
        !rss.contains("/sub/news_view.php"),
        "links resolved against the page URL instead of <base href>"
    );
    for junk in [
        "no=48150",
        "no=48172",
        "no=48101",
        "no=48166",
        "no=48177",
        "번호",
        "글쓴이",
    ] {
        assert!(!rss.contains(junk), "rss contains {junk:?}");
    }
}

// ---------------------------------------------------------------------------
// 5. Korean relative and 12-hour times

#[test]
fn korean_relative_and_twelve_hour_times() {
    let site = Site::new();
    site.write_config(&times_feed(TIMES_ID, &site.times_url()));
    let out = site.run(&["build"]);
    assert_exit(&out, 0);
    check_rss(
        &site,
        TIMES_ID,
        TIMES_TITLE,
        &site.times_url(),
        &TIMES_ITEMS,
    );
    check_atom(
        &site,
        TIMES_ID,
        TIMES_TITLE,
        &site.times_url(),
        &TIMES_ITEMS,
    );

    let rss = site.read(&format!("{TIMES_ID}.rss"));
    let atom = site.read(&format!("{TIMES_ID}.atom"));
    for (page_text, rss_date, atom_date) in [
        (
            "2026/02/10 오후 7:32",
            "Tue, 10 Feb 2026 19:32:00 +0900",
            "2026-02-10T19:32:00+09:00",
        ),
        (
            "3시간전",
            "Wed, 11 Feb 2026 06:00:00 +0900",
            "2026-02-11T06:00:00+09:00",
        ),
        (
            "어제 14:20",
            "Tue, 10 Feb 2026 14:20:00 +0900",
            "2026-02-10T14:20:00+09:00",
        ),
        (
            "12.31 23:50",
            "Wed, 31 Dec 2025 23:50:00 +0900",
            "2025-12-31T23:50:00+09:00",
        ),
        (
            "2026.02.10 오전 12:05",
            "Tue, 10 Feb 2026 00:05:00 +0900",
            "2026-02-10T00:05:00+09:00",
        ),
        (
            "15분 전",
            "Wed, 11 Feb 2026 08:45:00 +0900",
            "2026-02-11T08:45:00+09:00",
        ),
        (
            "(no time: fetch time)",
            "Wed, 11 Feb 2026 09:00:00 +0900",
            "2026-02-11T09:00:00+09:00",
        ),
    ] {
        assert!(
            rss.contains(&format!("<pubDate>{rss_date}</pubDate>")),
            "{page_text}: rss lacks {rss_date}"
        );
        assert!(
            atom.contains(&format!("<published>{atom_date}</published>")),
            "{page_text}: atom lacks {atom_date}"
        );
    }
    assert!(rss.contains("<lastBuildDate>Wed, 11 Feb 2026 09:00:00 +0900</lastBuildDate>"));

    // No item has an author: the Atom feed's author is the feed title.
    let feed = parse_feed(&atom, "atom");
    assert_eq!(
        feed.authors
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        vec![TIMES_TITLE],
        "feed-level author"
    );
    // Nothing from the ranking box (its times are relative too).
    for junk in [
        "202602110712i",
        "202602102210i",
        "202602101105i",
        "202602091510i",
        "202602081234i",
    ] {
        assert!(
            !rss.contains(junk) && !atom.contains(junk),
            "side box article {junk} in output"
        );
    }
}

// ---------------------------------------------------------------------------
// 6. Determinism

#[test]
fn two_builds_are_byte_identical() {
    let site = Site::new();
    site.write_config(&format!(
        "{}{}{}",
        utf8_feed(UTF8_ID, &site.utf8_url()),
        euckr_feed(EUCKR_ID, &site.euckr_url()),
        times_feed(TIMES_ID, &site.times_url())
    ));
    let files: Vec<String> = [UTF8_ID, EUCKR_ID, TIMES_ID]
        .iter()
        .flat_map(|id| [format!("{id}.rss"), format!("{id}.atom")])
        .collect();

    assert_exit(&site.run(&["build"]), 0);
    let first: Vec<Vec<u8>> = files.iter().map(|f| site.read_bytes(f)).collect();
    assert_exit(&site.run(&["build"]), 0);
    for (f, before) in files.iter().zip(&first) {
        assert!(
            site.read_bytes(f) == *before,
            "{f} differs between two builds of the same pages"
        );
    }
    assert_eq!(site.server.hits(UTF8_PATH), 2);
}

// ---------------------------------------------------------------------------
// 7. Failures lose nothing

/// Builds the utf8 feed once successfully; returns its (rss, atom) bytes.
fn build_good_utf8(site: &Site) -> (Vec<u8>, Vec<u8>) {
    site.write_config(&utf8_feed(UTF8_ID, &site.utf8_url()));
    assert_exit(&site.run(&["build"]), 0);
    (
        site.read_bytes(&format!("{UTF8_ID}.rss")),
        site.read_bytes(&format!("{UTF8_ID}.atom")),
    )
}

fn assert_unchanged(site: &Site, before: &(Vec<u8>, Vec<u8>)) {
    assert!(
        site.read_bytes(&format!("{UTF8_ID}.rss")) == before.0,
        "{UTF8_ID}.rss changed after a failed build"
    );
    assert!(
        site.read_bytes(&format!("{UTF8_ID}.atom")) == before.1,
        "{UTF8_ID}.atom changed after a failed build"
    );
}

#[test]
fn failure_layout_changed_no_items_keeps_previous_files() {
    let site = Site::new();
    let before = build_good_utf8(&site);
    site.server
        .set(UTF8_PATH, Resp::html(fixture("list_empty.html")));
    let out = site.run(&["build"]);
    assert_exit(&out, 1);
    assert_stderr_line(&out, &[UTF8_ID, "no items"]);
    assert_eq!(site.server.hits(UTF8_PATH), 2);
    assert_unchanged(&site, &before);
}

#[test]
fn failure_connection_refused_keeps_previous_files() {
    let site = Site::new();
    let before = build_good_utf8(&site);
    let closed_port = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    site.write_config(&utf8_feed(
        UTF8_ID,
        &format!("http://127.0.0.1:{closed_port}{UTF8_PATH}"),
    ));
    let out = site.run(&["build"]);
    assert_exit(&out, 1);
    assert_stderr_line(&out, &[UTF8_ID]);
    assert_unchanged(&site, &before);
}

#[test]
fn failure_http_500_keeps_previous_files() {
    let site = Site::new();
    let before = build_good_utf8(&site);
    site.server.set(UTF8_PATH, Resp::status(500));
    let out = site.run(&["build"]);
    assert_exit(&out, 1);
    assert_stderr_line(&out, &[UTF8_ID]);
    assert!(site.server.hits(UTF8_PATH) >= 2);
    assert_unchanged(&site, &before);
}

#[test]
fn failure_of_one_feed_does_not_stop_the_others() {
    let site = Site::new();
    site.server.set(UTF8_PATH, Resp::status(500));
    site.write_config(&format!(
        "{}{}",
        utf8_feed(UTF8_ID, &site.utf8_url()),
        times_feed(TIMES_ID, &site.times_url())
    ));
    let out = site.run(&["build"]);
    assert_exit(&out, 1);
    assert_stderr_line(&out, &[UTF8_ID]);
    assert_stderr_line(&out, &[TIMES_ID]);
    let err = stderr(&out);
    assert!(
        !err.lines()
            .any(|l| l.contains(UTF8_ID) && l.contains(TIMES_ID)),
        "one line per feed:\n{err}"
    );
    assert!(
        !site.out(&format!("{UTF8_ID}.rss")).exists(),
        "failed feed written"
    );
    assert!(
        !site.out(&format!("{UTF8_ID}.atom")).exists(),
        "failed feed written"
    );
    check_rss(
        &site,
        TIMES_ID,
        TIMES_TITLE,
        &site.times_url(),
        &TIMES_ITEMS,
    );
    check_atom(
        &site,
        TIMES_ID,
        TIMES_TITLE,
        &site.times_url(),
        &TIMES_ITEMS,
    );
}

// ---------------------------------------------------------------------------
// 8. Config errors: exit 2, nothing fetched, nothing written

fn assert_config_error(site: &Site, needles: &[&str]) {
    let out = site.run(&["build"]);
    assert_exit(&out, 2);
    let err = stderr(&out);
    for n in needles {
        assert!(err.contains(n), "stderr lacks {n:?}\n{}", describe(&out));
    }
    assert_eq!(
        site.server.total_hits(),
        0,
        "fetched despite a config error"
    );
    assert_eq!(
        site.written_files(),
        Vec::<PathBuf>::new(),
        "files written despite a config error"
    );
}

#[test]
fn config_error_unknown_key_names_file_line_and_key() {
    let site = Site::new();
    let feed = utf8_feed(UTF8_ID, &site.utf8_url()).replace(
        &format!("title = \"{UTF8_TITLE}\"\n"),
        &format!("title = \"{UTF8_TITLE}\"\ntitel = \"x\"\n"),
    );
    let text = site.write_config(&feed);
    let line = text.lines().position(|l| l.starts_with("titel")).unwrap() + 1;
    assert_eq!(line, 10, "the fixture config moved: update the test");
    assert_config_error(&site, &["feeds.toml", &format!("line {line}"), "titel"]);
}

#[test]
fn config_error_selector_that_does_not_parse() {
    let site = Site::new();
    let feed = utf8_feed(UTF8_ID, &site.utf8_url())
        .replace("item = \"div.news-list article.item\"", "item = \"div[[\"");
    site.write_config(&feed);
    assert_config_error(&site, &[UTF8_ID, "item"]);
}

#[test]
fn config_error_bad_duration() {
    let site = Site::new();
    let text = format!(
        "{SETTINGS}timeout = \"5 parsecs\"\n{}",
        utf8_feed(UTF8_ID, &site.utf8_url())
    );
    site.write_raw_config(&text);
    assert_config_error(&site, &["timeout"]);
}

#[test]
fn config_error_unknown_timezone() {
    let site = Site::new();
    let text = format!(
        "{}{}",
        SETTINGS.replace("timezone = \"Asia/Seoul\"", "timezone = \"Mars/Olympus\""),
        utf8_feed(UTF8_ID, &site.utf8_url())
    );
    site.write_raw_config(&text);
    assert_config_error(&site, &["timezone"]);
}

#[test]
fn config_error_bad_feed_id() {
    let site = Site::new();
    site.write_config(&utf8_feed("\"Bad Id!\"", &site.utf8_url()));
    assert!(fs::read_to_string(site.config())
        .unwrap()
        .contains("[feeds.\"Bad Id!\"]"));
    assert_config_error(&site, &["Bad Id!"]);
}

#[test]
fn usage_error_unknown_feed_id_or_command() {
    let site = Site::new();
    site.write_config(&utf8_feed(UTF8_ID, &site.utf8_url()));
    let out = site.run(&["build", "no-such-feed"]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("no-such-feed"), "{}", describe(&out));
    let out = site.run(&["frobnicate"]);
    assert_exit(&out, 2);
    assert_eq!(site.server.total_hits(), 0);
    assert_eq!(site.written_files(), Vec::<PathBuf>::new());
}

// ---------------------------------------------------------------------------
// 9. check

#[test]
fn check_prints_items_and_writes_nothing() {
    let site = Site::new();
    site.write_config(&format!(
        "{}{}",
        utf8_feed(UTF8_ID, &site.utf8_url()),
        times_feed(TIMES_ID, &site.times_url())
    ));
    let out = site.run(&["check", UTF8_ID]);
    assert_exit(&out, 0);
    let table = stdout(&out);
    for item in &UTF8_ITEMS {
        assert_eq!(
            table.matches(item.title).count(),
            1,
            "check output must list {:?} once\n{table}",
            item.title
        );
        assert!(
            table.contains(&site.abs(item.link)),
            "check output lacks link {}\n{table}",
            item.link
        );
        assert!(
            table.contains(&wall(item.time)),
            "check output lacks time {}\n{table}",
            wall(item.time)
        );
        let start: String = item.summary.unwrap().chars().take(8).collect();
        assert!(
            table.contains(&start),
            "check output lacks summary start {start:?}\n{table}"
        );
    }
    assert!(table.contains("2026-02-10 19:32"));
    for id in UTF8_NOT_ITEMS {
        assert!(!table.contains(id), "check lists non-list article {id}");
    }
    for junk in ["utm_", "fbclid", "#comments"] {
        assert!(
            !table.contains(junk),
            "check prints a non-canonical link ({junk})\n{table}"
        );
    }
    assert_eq!(site.server.hits(UTF8_PATH), 1);
    assert_eq!(
        site.server.hits(TIMES_PATH),
        0,
        "check fetched another feed"
    );
    assert_eq!(
        site.written_files(),
        Vec::<PathBuf>::new(),
        "check wrote files"
    );
}

// ---------------------------------------------------------------------------
// 10. build ID

#[test]
fn build_with_feed_id_builds_only_that_feed() {
    let site = Site::new();
    site.write_config(&format!(
        "{}{}",
        utf8_feed(UTF8_ID, &site.utf8_url()),
        times_feed(TIMES_ID, &site.times_url())
    ));
    let out = site.run(&["build", TIMES_ID]);
    assert_exit(&out, 0);
    assert_eq!(site.server.hits(UTF8_PATH), 0, "the other feed was fetched");
    assert_eq!(site.server.hits(TIMES_PATH), 1);
    assert!(!site.out(&format!("{UTF8_ID}.rss")).exists());
    assert!(!site.out(&format!("{UTF8_ID}.atom")).exists());
    check_rss(
        &site,
        TIMES_ID,
        TIMES_TITLE,
        &site.times_url(),
        &TIMES_ITEMS,
    );
    check_atom(
        &site,
        TIMES_ID,
        TIMES_TITLE,
        &site.times_url(),
        &TIMES_ITEMS,
    );
}
