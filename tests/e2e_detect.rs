//! Feeds without selectors, end to end: the article list is found automatically on a card
//! grid with relative times, and `suggest` prints a block that builds the same feed.

mod common;

use common::{fixture, run_on_config, Resp, TestServer};

const NOW: &str = "2026-02-11T09:00:00+09:00";

/// (article id, title, time in KST), newest first, as the feed must list them.
const CARDS: [(&str, &str, &str); 9] = [
    (
        "2026020900610",
        "쿠팡, 물류센터에 로봇 5천대 추가 투입",
        "2026-02-11T09:00:00+09:00",
    ), // no time: first seen
    (
        "2026021100187",
        "삼성전자, 차세대 HBM4 양산 일정 앞당긴다",
        "2026-02-11T08:35:00+09:00",
    ),
    (
        "2026021100152",
        "네이버, 초거대 AI 하이퍼클로바X 기업용 요금 인하",
        "2026-02-11T07:00:00+09:00",
    ),
    (
        "2026021100120",
        "카카오모빌리티, 자율주행 택시 시범 구역 확대",
        "2026-02-11T06:00:00+09:00",
    ),
    (
        "2026021000931",
        "LG에너지솔루션, 북미 배터리 공장 가동률 회복",
        "2026-02-10T14:20:00+09:00",
    ),
    (
        "2026021000874",
        "스타트업 투자 한파 속 AI 반도체만 '훈풍'",
        "2026-02-10T11:05:00+09:00",
    ),
    (
        "2026021000802",
        "정부, 공공 클라우드 전환 사업 3천억원 발주",
        "2026-02-10T09:40:00+09:00",
    ),
    (
        "2026020900655",
        "SK텔레콤, 6G 주파수 실증 결과 공개",
        "2026-02-09T00:00:00+09:00",
    ),
    (
        "2026020900588",
        "게임업계, 확률형 아이템 표시 의무화 1년 점검",
        "2026-02-09T00:00:00+09:00",
    ),
];

fn entries(path: &std::path::Path) -> Vec<(String, String, String)> {
    let feed = feed_rs::parser::parse(&std::fs::read(path).unwrap()[..]).unwrap();
    let kst = chrono::FixedOffset::east_opt(9 * 3600).unwrap();
    feed.entries
        .iter()
        .map(|e| {
            let link = e.links[0].href.clone();
            let id = link.rsplit('/').next().unwrap().to_string();
            (
                id,
                e.title.as_ref().unwrap().content.clone(),
                e.published.unwrap().with_timezone(&kst).to_rfc3339(),
            )
        })
        .collect()
}

#[test]
fn a_feed_without_selectors_finds_the_article_list() {
    let server = TestServer::start();
    server.set("/section/it", Resp::html(fixture("detect/card_grid.html")));
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("feeds.toml");
    std::fs::write(
        &cfg,
        format!("[settings]\nhost_delay = \"0s\"\n\n[feeds.pangyo-it]\ntitle = \"판교데일리 IT\"\nurl = \"{}\"\n", server.url("/section/it")),
    )
    .unwrap();
    let out = run_on_config(&["build"], &cfg, NOW);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let want: Vec<(String, String, String)> = CARDS
        .iter()
        .map(|(id, t, d)| (id.to_string(), t.to_string(), d.to_string()))
        .collect();
    assert_eq!(entries(&dir.path().join("output/pangyo-it.atom")), want);

    // `check` says which list was chosen.
    let out = run_on_config(&["check", "pangyo-it"], &cfg, NOW);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("note: list chosen automatically: item = "),
        "{text}"
    );

    // `suggest` prints a block that, frozen into feeds.toml, builds the same feed.
    let out = run_on_config(&["suggest", &server.url("/section/it")], &cfg, NOW);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let block = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        block.contains("[feeds.") && block.contains(".select]") && block.contains("item = "),
        "{block}"
    );
    let frozen = dir.path().join("frozen");
    std::fs::create_dir_all(&frozen).unwrap();
    let frozen_cfg = frozen.join("feeds.toml");
    std::fs::write(
        &frozen_cfg,
        format!("[settings]\nhost_delay = \"0s\"\n\n{block}"),
    )
    .unwrap();
    let out = run_on_config(&["build"], &frozen_cfg, NOW);
    assert!(
        out.status.success(),
        "{}\n{block}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rss: Vec<_> = std::fs::read_dir(frozen.join("output"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "atom"))
        .collect();
    assert_eq!(rss.len(), 1);
    assert_eq!(entries(&rss[0].path()), want);
}

#[test]
fn an_euc_kr_table_layout_is_found_without_selectors() {
    let server = TestServer::start();
    server.set(
        "/news/list.php",
        Resp::bytes("text/html", fixture("detect/euckr_table.html")),
    );
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("feeds.toml");
    std::fs::write(
        &cfg,
        format!(
            "[settings]\nhost_delay = \"0s\"\n[feeds.old]\ntitle = \"옛 신문\"\nurl = \"{}\"\n",
            server.url("/news/list.php")
        ),
    )
    .unwrap();
    let out = run_on_config(&["build"], &cfg, NOW);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = entries(&dir.path().join("output/old.atom"));
    assert_eq!(got.len(), 7, "{got:?}");
    assert!(
        got.iter()
            .all(|(_, title, _)| title.chars().any(|c| ('가'..='힣').contains(&c))),
        "{got:?}"
    );
}

/// A feed's entries as (what follows the link's last `=` or `/`, title, published in KST).
fn entries_by_id(path: &std::path::Path) -> Vec<(String, String, String)> {
    entries(path)
        .into_iter()
        .map(|(id, title, time)| {
            let id = id.rsplit('=').next().unwrap().to_string();
            (id, title, time)
        })
        .collect()
}

fn write_config(dir: &std::path::Path, name: &str, feeds: &str) -> std::path::PathBuf {
    let cfg = dir.join(name).join("feeds.toml");
    std::fs::create_dir_all(cfg.parent().unwrap()).unwrap();
    std::fs::write(&cfg, format!("[settings]\nhost_delay = \"0s\"\n\n{feeds}")).unwrap();
    cfg
}

fn build_ok(cfg: &std::path::Path) {
    let out = run_on_config(&["build"], cfg, NOW);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn odd_items_still_give_headlines_with_dates_three_ways() {
    let server = TestServer::start();
    let path = "/news/articleList.html?sc_section_code=S1N1&view_type=sm";
    server.set(
        "/news/articleList.html",
        Resp::html(fixture("detect/ndsoft_odd_items.html")),
    );
    let page = server.url(path);
    let want = common::expected_rows("detect/ndsoft_odd_items.expected.tsv");
    let dir = tempfile::tempdir().unwrap();

    // 1. automatic: no selectors at all
    let auto = write_config(
        dir.path(),
        "auto",
        &format!("[feeds.dongbu]\ntitle = \"동부뉴스 정치\"\nurl = \"{page}\"\n"),
    );
    build_ok(&auto);
    let got = entries_by_id(&dir.path().join("auto/output/dongbu.atom"));
    assert_eq!(got, want, "automatic");

    // 2. `suggest`, its block frozen into feeds.toml
    let out = run_on_config(&["suggest", &page], &auto, NOW);
    let block = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "{block}");
    assert!(block.contains("title = \"h4.titles\""), "{block}");
    assert!(block.contains("date = \"span.byline em"), "{block}");
    assert!(!block.contains("low confidence"), "{block}");
    let frozen = write_config(dir.path(), "frozen", &block);
    build_ok(&frozen);
    let atom = std::fs::read_dir(dir.path().join("frozen/output"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "atom"))
        .unwrap();
    assert_eq!(entries_by_id(&atom), want, "suggest\n{block}");

    // 3. minimal selectors: only `item`; the fields are chosen for its items
    let minimal = write_config(
        dir.path(),
        "minimal",
        &format!(
            "[feeds.dongbu]\ntitle = \"동부뉴스 정치\"\nurl = \"{page}\"\n\n[feeds.dongbu.select]\nitem = \"ul.type2 > li\"\n"
        ),
    );
    build_ok(&minimal);
    let got = entries_by_id(&dir.path().join("minimal/output/dongbu.atom"));
    assert_eq!(got, want, "minimal selectors");
    let out = run_on_config(&["check", "dongbu"], &minimal, NOW);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("note: fields chosen automatically for item = \"ul.type2 > li\"")
            && text.contains("title = \"h4.titles\""),
        "{text}"
    );
}

#[test]
fn suggest_reads_a_date_and_its_time_from_their_common_parent() {
    let mut html = String::from("<html><head><title>목록</title></head><body><ul class=\"list\">");
    for (i, time) in ["11:31", "10:05", "09:40", "08:12"].iter().enumerate() {
        html.push_str(&format!(
            "<li><a href=\"/news/articleView.html?idxno={}\">날짜와 시각이 나뉜 기사 제목 {i}번</a><p class=\"info\"><span class=\"date\">2026.02.10</span> <span class=\"time\">{time}</span></p></li>",
            80_001 + i
        ));
    }
    html.push_str("</ul></body></html>");
    let server = TestServer::start();
    server.set("/list", Resp::html(html.into_bytes()));
    let dir = tempfile::tempdir().unwrap();
    let cfg = write_config(dir.path(), "c", "");
    let out = run_on_config(&["suggest", &server.url("/list")], &cfg, NOW);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("date = \"p.info\""), "{text}");
    assert!(text.contains("2026-02-10 11:31"), "{text}");
}

#[test]
fn a_low_score_list_is_offered_as_a_guess() {
    let html = "<html><head><title>많이 본</title></head><body>\
        <div class=\"box\"><h3>많이 본 뉴스</h3><ul>\
        <li><a href=\"/news/articleView.html?idxno=19001\">연예인 A씨 결혼 발표, 팬들 축하 이어져</a></li>\
        <li><a href=\"/news/articleView.html?idxno=19002\">주말 한파 절정, 서울 영하 12도까지 떨어져</a></li>\
        <li><a href=\"/news/articleView.html?idxno=19003\">프로야구 스프링캠프 개막, 각 구단 전력 점검</a></li>\
        </ul></div></body></html>";
    let server = TestServer::start();
    server.set("/popular", Resp::html(html.as_bytes().to_vec()));
    let dir = tempfile::tempdir().unwrap();
    let cfg = write_config(
        dir.path(),
        "c",
        &format!(
            "[feeds.popular]\ntitle = \"인기\"\nurl = \"{}\"\n",
            server.url("/popular")
        ),
    );
    let out = run_on_config(&["suggest", &server.url("/popular")], &cfg, NOW);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.starts_with("# low confidence: "), "{text}");
    assert!(text.contains("ranking"), "{text}");
    assert!(text.contains("# a guess, low confidence: "), "{text}");

    let out = run_on_config(&["check", "popular"], &cfg, NOW);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("note: list guessed automatically, low confidence ("),
        "{text}"
    );
}

#[test]
fn tailwind_classes_make_escaped_selectors_that_build() {
    let server = TestServer::start();
    server.set(
        "/news/list",
        Resp::html(fixture("detect/tailwind_grid.html")),
    );
    let dir = tempfile::tempdir().unwrap();
    let cfg = write_config(dir.path(), "c", "");
    let out = run_on_config(&["suggest", &server.url("/news/list")], &cfg, NOW);
    let block = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "{block}");
    // a backslash in a TOML basic string is written twice
    assert!(block.contains(r#"item = "div.w-1\\/2""#), "{block}");
    let frozen = write_config(dir.path(), "frozen", &block);
    build_ok(&frozen);
    let atom = std::fs::read_dir(dir.path().join("frozen/output"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "atom"))
        .unwrap();
    let got = entries(&atom);
    assert_eq!(got.len(), 6, "{got:?}\n{block}");
    assert!(
        got.iter().all(|(id, _, _)| id.starts_with("2026021000")),
        "{got:?}"
    );
}
