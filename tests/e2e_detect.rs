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
