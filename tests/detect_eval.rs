//! Automatic list detection, measured.
//!
//! * Own fixtures (`tests/fixtures/detect/`): realistic Korean section pages of the common
//!   layouts, each with menus, a ranking box, a side box, a footer and pagination, plus one
//!   English page. The best candidate must yield exactly the article items, in page order,
//!   with the right titles and times. `euckr_table.html` is stored as EUC-KR bytes;
//!   `euckr_table.utf8.txt` is the same page in UTF-8 for reading and editing (re-encode with
//!   `iconv -f UTF-8 -t EUC-KR`).
//! * Real pages (`tests/fixtures/real/`, 2018 front pages; see the README there): precision and recall against
//!   each site's article-URL regex, with floors measured on these pages.
//!
//! `cargo test --test detect_eval -- --nocapture` prints the per-page table.
//!
//! Definitions, per page:
//! * **precision**: of the items the best candidate yields, the fraction whose link matches the
//!   page's article regex (own fixtures: the fraction that are in the expected list);
//! * **recall**: the distinct matching links the best candidate yields, divided by the size of
//!   the page's largest list of article links, capped at 1. That list (the *reference*) is
//!   found independently of the detector: for every element, its children of one tag name
//!   that each hold one or two distinct regex-matching links (at least three such children),
//!   counting the distinct matching links in them; the largest such count. (Own
//!   fixtures: the fraction of the expected items found.) A front page holds several good
//!   lists; picking a smaller clean one costs recall, not precision;
//! * **F1**: their harmonic mean.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Instant;

use chrono::{DateTime, FixedOffset, Utc};
use feedmill::dates::DateContext;
use feedmill::detect::{detect, Candidate};
use feedmill::extract::{extract_list, ListItem};
use feedmill::html::canonical_url;
use proptest::strategy::Strategy;
use regex::Regex;
use scraper::{ElementRef, Html, Selector};
use url::Url;

fn ctx() -> DateContext {
    DateContext {
        fetched_at: DateTime::parse_from_rfc3339("2026-02-11T09:00:00+09:00")
            .unwrap()
            .with_timezone(&Utc),
        zone: chrono_tz::Asia::Seoul,
    }
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/detect")
}

fn real() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real")
}

/// The best candidate's items through `extract_list`, as configured selectors would give them.
fn best_items(html: &str, url: &Url) -> (Candidate, Vec<ListItem>) {
    best_of(&detect(html, url, ctx()), html, url)
}

fn best_of(found: &[Candidate], html: &str, url: &Url) -> (Candidate, Vec<ListItem>) {
    let best = found
        .first()
        .unwrap_or_else(|| panic!("no candidate on {url}"))
        .clone();
    let select = best.to_select().expect("selectors parse");
    let page = extract_list(html, url, &select, ctx());
    // the block a user would paste must be valid configuration
    let block = best.toml_block("detected", "자동 감지", url);
    let config = feedmill::config::parse(&block, Path::new("feeds.toml"))
        .unwrap_or_else(|e| panic!("{e}\n{block}"));
    assert!(config.feeds[0].select.is_some(), "{block}");
    assert_eq!(
        best.count,
        page.items.len(),
        "count is what extraction yields"
    );
    (best, page.items)
}

fn show(c: &Candidate) -> String {
    format!(
        "item={:?} link={:?} title={:?} summary={:?} date={:?} image={:?} score={:.3} count={} [{}]",
        c.item,
        c.link,
        c.title,
        c.summary,
        c.date,
        c.image,
        c.score,
        c.count,
        c.reasons.join("; ")
    )
}

// ---------------------------------------------------------------------------
// Own fixtures
// ---------------------------------------------------------------------------

/// What a fixture's main list holds: link, title, and the time printed (RFC 3339) if any.
struct Expected {
    link: String,
    title: String,
    time: Option<String>,
}

fn exp(link: &str, title: &str, time: Option<&str>) -> Expected {
    Expected {
        link: link.to_string(),
        title: title.to_string(),
        time: time.map(str::to_string),
    }
}

struct Score {
    page: String,
    items: usize,
    precision: f64,
    recall: f64,
}

impl Score {
    fn f1(&self) -> f64 {
        if self.precision + self.recall == 0.0 {
            0.0
        } else {
            2.0 * self.precision * self.recall / (self.precision + self.recall)
        }
    }
}

fn check_fixture(name: &str, html: &str, url: &str, want: &[Expected]) -> Score {
    let url = Url::parse(url).unwrap();
    let (best, items) = best_items(html, &url);
    println!("{name}: {}", show(&best));
    let got: Vec<&str> = items.iter().map(|i| i.link.as_str()).collect();
    let wanted: Vec<&str> = want.iter().map(|e| e.link.as_str()).collect();
    let wanted_set: HashSet<&str> = wanted.iter().copied().collect();
    let hits = got.iter().filter(|l| wanted_set.contains(*l)).count();
    let score = Score {
        page: name.to_string(),
        items: got.len(),
        precision: if got.is_empty() {
            0.0
        } else {
            hits as f64 / got.len() as f64
        },
        recall: hits as f64 / want.len() as f64,
    };
    assert_eq!(got, wanted, "{name}: links\n{}", show(&best));
    for (item, e) in items.iter().zip(want) {
        assert_eq!(
            item.title.as_deref(),
            Some(e.title.as_str()),
            "{name}: title of {}",
            e.link
        );
        let time = item.date.map(|d| d.instant);
        let want_time = e
            .time
            .as_deref()
            .map(|t| DateTime::<FixedOffset>::parse_from_rfc3339(t).unwrap());
        if want_time.is_some() {
            assert_eq!(
                time, want_time,
                "{name}: time of {} (printed {:?})",
                e.link, item.date_text
            );
        }
    }
    score
}

fn read_fixture(name: &str) -> String {
    std::fs::read_to_string(fixtures().join(name)).unwrap()
}

fn ndsoft() -> Score {
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

fn newspim_style() -> Score {
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

fn euckr_table() -> Score {
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

fn card_grid() -> Score {
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

fn english_blog() -> Score {
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

// ---------------------------------------------------------------------------
// Real pages
// ---------------------------------------------------------------------------

/// The size of the page's largest list of article links: for every element, its children of
/// one tag name that each hold one or two distinct links matching `re` (at least three such
/// children), counting the distinct matching links in them.
fn reference_list(html: &str, url: &Url, re: &Regex) -> usize {
    let doc = Html::parse_document(html);
    let a = Selector::parse("a[href]").unwrap();
    let mut best = 0;
    for parent in doc.root_element().descendent_elements() {
        let mut by_tag: Vec<(&str, HashSet<String>, usize)> = Vec::new();
        for child in parent.child_elements() {
            let name = child.value().name();
            let links: HashSet<String> = std::iter::once(child)
                .filter(|c| c.value().name() == "a")
                .chain(child.select(&a))
                .filter_map(|x: ElementRef| url.join(x.value().attr("href")?.trim()).ok())
                .map(|u| canonical_url(u).to_string())
                .filter(|u| re.is_match(u))
                .collect();
            // an item holds one article (two at most: a photo and a headline can differ);
            // a child holding more is a box of lists, not an item
            if links.is_empty() || links.len() > 2 {
                continue;
            }
            match by_tag.iter_mut().find(|(t, _, _)| *t == name) {
                Some((_, set, n)) => {
                    set.extend(links);
                    *n += 1;
                }
                None => by_tag.push((name, links, 1)),
            }
        }
        for (_, set, items) in by_tag {
            if items >= 3 {
                best = best.max(set.len());
            }
        }
    }
    best
}

fn real_page(name: &str) -> Score {
    let html = std::fs::read_to_string(real().join(format!("{name}.html"))).unwrap();
    let re = std::fs::read_to_string(real().join(format!("{name}.regex"))).unwrap();
    let re = Regex::new(re.trim()).unwrap();
    let url = Url::parse(&format!("http://www.{name}/")).unwrap();
    let started = Instant::now();
    let found = detect(&html, &url, ctx());
    let took = started.elapsed();
    for (i, c) in found.iter().take(3).enumerate() {
        println!("{name} #{i}: {}", show(c));
    }
    let (_, items) = best_of(&found, &html, &url);
    let matching: HashSet<&str> = items
        .iter()
        .map(|i| i.link.as_str())
        .filter(|l| re.is_match(l))
        .collect();
    let reference = reference_list(&html, &url, &re);
    let precision = if items.is_empty() {
        0.0
    } else {
        items
            .iter()
            .filter(|i| re.is_match(i.link.as_str()))
            .count() as f64
            / items.len() as f64
    };
    let recall = (matching.len() as f64 / reference.max(1) as f64).min(1.0);
    for miss in items
        .iter()
        .filter(|i| !re.is_match(i.link.as_str()))
        .take(5)
    {
        println!(
            "{name}: not an article link: {} {:?}",
            miss.link, miss.title
        );
    }
    println!(
        "{name}: {} items, {} matching, reference list {reference}, detect took {took:?}",
        items.len(),
        matching.len()
    );
    Score {
        page: name.to_string(),
        items: items.len(),
        precision,
        recall,
    }
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

#[test]
fn ndsoft_article_list() {
    ndsoft();
}

#[test]
fn newspim_style_article_blocks() {
    newspim_style();
}

#[test]
fn euckr_table_layout() {
    euckr_table();
}

#[test]
fn card_grid_with_relative_times() {
    card_grid();
}

#[test]
fn english_section_page() {
    english_blog();
}

/// The three real pages, measured once for both tests that read them.
fn real_scores() -> &'static [Score] {
    static SCORES: OnceLock<Vec<Score>> = OnceLock::new();
    SCORES.get_or_init(|| {
        ["etnews.com", "hankyung.com", "newspim.com"]
            .into_iter()
            .map(real_page)
            .collect()
    })
}

/// Floors measured on the saved pages (see the table `-- --nocapture` prints), with a margin.
#[test]
fn real_front_pages() {
    let floors = [
        ("etnews.com", 0.85, 0.9),
        ("hankyung.com", 0.9, 0.9),
        ("newspim.com", 0.9, 0.9),
    ];
    for (s, (name, min_precision, min_recall)) in real_scores().iter().zip(floors) {
        assert_eq!(s.page, name);
        println!(
            "{name}: precision {:.2} recall {:.2} F1 {:.2}",
            s.precision,
            s.recall,
            s.f1()
        );
        assert!(s.items > 0, "{name}: no items");
        assert!(
            s.precision >= min_precision,
            "{name}: precision {}",
            s.precision
        );
        assert!(s.recall >= min_recall, "{name}: recall {}", s.recall);
    }
}

/// Every page, one table; the mean F1 must reach 0.8 and no page may give nothing.
#[test]
fn evaluation_table() {
    let own = [
        ndsoft(),
        newspim_style(),
        euckr_table(),
        card_grid(),
        english_blog(),
    ];
    let scores: Vec<&Score> = real_scores().iter().chain(own.iter()).collect();
    println!();
    println!("| page | items | precision | recall | F1 |");
    println!("|---|---:|---:|---:|---:|");
    for s in &scores {
        println!(
            "| {} | {} | {:.2} | {:.2} | {:.2} |",
            s.page,
            s.items,
            s.precision,
            s.recall,
            s.f1()
        );
    }
    let mean = scores.iter().map(|s| s.f1()).sum::<f64>() / scores.len() as f64;
    println!("| mean | | | | {mean:.2} |");
    assert!(scores.iter().all(|s| s.items > 0), "a page with no items");
    assert!(mean >= 0.8, "mean F1 {mean:.2}");
}

/// A large page (thousands of items, deep nesting, many small groups) finishes and finds its
/// list; work is capped inside the detector.
#[test]
fn large_page_is_bounded() {
    let mut html = String::from("<html><body><nav class=\"gnb\"><ul>");
    for i in 0..200 {
        html.push_str(&format!(
            "<li><a href=\"/list.html?sc={i}\">메뉴{i}</a></li>"
        ));
    }
    html.push_str("</ul></nav><div class=\"wrap\">");
    for box_no in 0..300 {
        html.push_str("<div class=\"box\"><ul>");
        for j in 0..3 {
            html.push_str(&format!(
                "<li><a href=\"/tag/{box_no}-{j}\">태그 {j}</a></li>"
            ));
        }
        html.push_str("</ul></div>");
    }
    html.push_str("<ul class=\"articles\">");
    for i in 0..3000 {
        html.push_str(&format!(
            "<li><a href=\"/news/articleView.html?idxno={}\">충분히 긴 기사 제목 번호 {i}</a><span>2026.02.10 19:32</span></li>",
            100_000 + i
        ));
    }
    html.push_str("</ul>");
    // Deep, but within html::MAX_NESTING (deeper pages are refused, see below).
    html.push_str(&"<div>".repeat(1000));
    html.push_str("</div></body></html>");
    let url = Url::parse("https://big.example.kr/news/list.html").unwrap();
    let started = Instant::now();
    let found = detect(&html, &url, ctx());
    println!(
        "large page: {} bytes, {} candidates in {:?}",
        html.len(),
        found.len(),
        started.elapsed()
    );
    assert_eq!(found[0].item, "ul.articles > li", "{}", show(&found[0]));
    assert_eq!(found[0].count, 3000);
    // Nested deeper than html::MAX_NESTING: refused at once, as list extraction refuses it.
    let deep = format!("<html><body>{}</body></html>", "<div>".repeat(3000));
    assert!(detect(&deep, &url, ctx()).is_empty());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 128,
        ..proptest::prelude::ProptestConfig::default()
    })]

    /// Any soup of tags, links, texts and scripts: no panic, selectors that parse, blocks
    /// that load, and the same answer twice.
    #[test]
    fn any_markup_is_safe(parts in proptest::collection::vec(
        proptest::prop_oneof![
            proptest::prelude::Just("<ul class=\"l\">".to_string()),
            proptest::prelude::Just("</ul>".to_string()),
            proptest::prelude::Just("<li>".to_string()),
            proptest::prelude::Just("<div class=\"a b\" id=\"x\">".to_string()),
            proptest::prelude::Just("</div>".to_string()),
            proptest::prelude::Just("<table><tr><td>".to_string()),
            proptest::prelude::Just("<script type=\"application/ld+json\">{\"@type\":\"ItemList\",\"itemListElement\":[\"/v/10001\",".to_string()),
            proptest::prelude::Just("<span>2026.02.10 19:32</span>".to_string()),
            proptest::prelude::Just("<em>3시간 전</em>".to_string()),
            proptest::prelude::Just("<img src=\"/i.jpg\">".to_string()),
            (10_000u32..10_010).prop_map(|n| format!("<a href=\"/v/{n}\">기사 제목입니다 {n}</a>")),
            "[a-z<>\"=/ 가-힣]{0,12}",
        ],
        0..80,
    )) {
        let html = parts.concat();
        let url = Url::parse("https://x.example.kr/list").unwrap();
        let found = detect(&html, &url, ctx());
        for c in &found {
            c.to_select().unwrap();
            let block = c.toml_block("p", "t", &url);
            feedmill::config::parse(&block, Path::new("feeds.toml")).unwrap();
        }
        proptest::prop_assert_eq!(found, detect(&html, &url, ctx()));
    }
}
