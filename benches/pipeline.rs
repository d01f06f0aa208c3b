//! Benchmarks of the pipeline's stages on realistic inputs: list extraction of a ~100 KB
//! section page, rendering a 50-item feed, and the store's merge of 50 items.
//!
//! `cargo bench --bench pipeline`

use std::hint::black_box;
use std::path::Path;

use chrono::{DateTime, Utc};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use feedmill::dates::DateContext;
use feedmill::extract::extract_list;
use feedmill::item::Item;
use feedmill::render::FeedMeta;
use feedmill::store::Store;
use url::Url;

/// A section page like a Korean daily's: a 300-link menu, inline scripts and styles, a
/// ranking side box, and 30 articles; about 100 KB.
pub fn section_page() -> String {
    let mut page = String::from("<!DOCTYPE html><html lang=\"ko\"><head><meta charset=\"utf-8\"><title>경제 - 한빛일보</title>");
    for i in 0..8 {
        page.push_str(&format!("<style>.c{i} {{ margin: 0 auto; padding: 4px 8px; font-family: 'Noto Sans KR', sans-serif; color: #333; }} .c{i} a:hover {{ text-decoration: underline; }}</style>"));
        page.push_str(&format!("<script>window.dataLayer = window.dataLayer || []; function gtag{i}(){{dataLayer.push(arguments);}} gtag{i}('js', new Date()); var ads{i} = {{slot: 'top-{i}', sizes: [[728, 90], [970, 250]]}};</script>"));
    }
    page.push_str("</head><body><nav id=\"gnb\"><ul>");
    for i in 0..300 {
        page.push_str(&format!("<li class=\"menu-item\"><a href=\"/news/articleList.html?sc_section_code=S{i}N{}\">섹션 메뉴 {i}</a></li>", i % 7));
    }
    page.push_str("</ul></nav><section id=\"section-list\"><ul class=\"type2\">");
    for i in 0..30 {
        page.push_str(&format!(
            "<li><div class=\"list-image\"><a href=\"/news/articleView.html?idxno={no}\"><img src=\"/news/thumbnail/202602/{no}_s.jpg\" alt=\"\"></a></div>\
             <h4 class=\"titles\"><a href=\"/news/articleView.html?idxno={no}&amp;utm_source=list\">반도체 수출 석 달째 증가… 정부 &quot;하반기 회복세&quot; 전망 {i}</a></h4>\
             <p class=\"lead\"><a href=\"/news/articleView.html?idxno={no}\">산업통상자원부는 10일 지난달 반도체 수출이 전년 같은 달보다 크게 늘었다고 밝혔다. 메모리 가격 회복과 인공지능 서버 수요가 이끌었다는 분석이다. 기사 {i}</a></p>\
             <span class=\"byline\"><em>경제부</em> <em>홍길동 기자</em> <em>2026.02.{:02} {:02}:{:02}</em></span></li>",
            1 + i % 10, 8 + i % 12, (i * 7) % 60, no = 120_000 + i
        ));
    }
    page.push_str("</ul></section><aside class=\"side\"><h3>많이 본 뉴스</h3><ol>");
    for i in 0..10 {
        page.push_str(&format!("<li><a href=\"/news/articleView.html?idxno={}\">많이 본 기사 제목 {i}</a> <em>2026.02.09 08:00</em></li>", 900_000 + i));
    }
    page.push_str("</ol></aside><footer id=\"footer\">");
    while page.len() < 100_000 {
        page.push_str("<p>한빛일보 | 주소: 경기도 수원시 팔달구 효원로 1 | 등록번호 경기 아00000 | 발행인 홍길동 | 편집인 김철수 | 청소년보호책임자 이영희 | Copyright 한빛일보. All rights reserved.</p>");
    }
    page.push_str("</footer></body></html>");
    page
}

fn select() -> feedmill::config::Select {
    let toml = "[feeds.b]\ntitle = \"B\"\nurl = \"https://www.hanbit.test/\"\n[feeds.b.select]\n\
        item = \"#section-list ul.type2 > li\"\nlink = \"h4.titles a\"\ntitle = \"h4.titles\"\nsummary = \"p.lead\"\n\
        date = \"span.byline em:last-child\"\nimage = \"img\"\n";
    let config = feedmill::config::parse(toml, Path::new("feeds.toml")).unwrap();
    config.feeds[0].select.clone().unwrap()
}

fn ctx() -> DateContext {
    DateContext {
        fetched_at: "2026-02-11T00:00:00Z".parse::<DateTime<Utc>>().unwrap(),
        zone: chrono_tz::Asia::Seoul,
    }
}

fn items(n: usize) -> Vec<Item> {
    let base = DateTime::parse_from_rfc3339("2026-02-10T19:32:00+09:00").unwrap();
    (0..n)
        .map(|i| Item {
            link: Url::parse(&format!("https://www.hanbit.test/news/articleView.html?idxno={}", 120_000 + i)).unwrap(),
            title: format!("반도체 수출 석 달째 증가… 정부 \"하반기 회복세\" 전망 {i}"),
            summary: Some("산업통상자원부는 10일 지난달 반도체 수출이 전년 같은 달보다 크게 늘었다고 밝혔다. <b>메모리</b> 가격 회복 & AI 서버 수요.".into()),
            author: Some("홍길동 기자".into()),
            image: Some(Url::parse(&format!("https://img.hanbit.test/{i}.jpg")).unwrap()),
            published: base - chrono::Duration::minutes(i as i64 * 17),
            updated: None,
            content: None,
        })
        .collect()
}

fn bench_extract(c: &mut Criterion) {
    let page = section_page();
    let select = select();
    let url =
        Url::parse("https://www.hanbit.test/news/articleList.html?sc_section_code=S1N2").unwrap();
    assert_eq!(extract_list(&page, &url, &select, ctx()).items.len(), 30);
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(page.len() as u64));
    g.bench_function("section_page_100k", |b| {
        b.iter(|| extract_list(black_box(&page), &url, &select, ctx()))
    });
    g.finish();
}

fn bench_render(c: &mut Criterion) {
    let items = items(50);
    let meta = FeedMeta {
        id: "hanbit-economy".into(),
        title: "한빛일보 경제".into(),
        page_url: Url::parse("https://www.hanbit.test/news/articleList.html").unwrap(),
        description: None,
        language: Some("ko".into()),
        base_url: Some(Url::parse("https://feeds.example.org/").unwrap()),
    };
    let when = items[0].published;
    let mut g = c.benchmark_group("render_50_items");
    g.bench_function("rss", |b| {
        b.iter(|| feedmill::render::rss::render(&meta, black_box(&items)))
    });
    g.bench_function("atom", |b| {
        b.iter(|| feedmill::render::atom::render(&meta, black_box(&items), when))
    });
    g.finish();
}

fn bench_merge(c: &mut Criterion) {
    let page = section_page();
    let url = Url::parse("https://www.hanbit.test/news/articleList.html").unwrap();
    let mut list = extract_list(&page, &url, &select(), ctx()).items;
    while list.len() < 50 {
        let mut extra = list[list.len() % 30].clone();
        extra.link = Url::parse(&format!("{}&extra={}", extra.link, list.len())).unwrap();
        list.push(extra);
    }
    let mut store = Store::in_memory().unwrap();
    let now: DateTime<Utc> = "2026-02-11T00:00:00Z".parse().unwrap();
    c.bench_function("store_merge_50_items", |b| {
        b.iter(|| {
            store
                .merge("b", black_box(&list), &[], now, chrono_tz::Asia::Seoul, 200)
                .unwrap()
        })
    });
}

criterion_group!(benches, bench_extract, bench_render, bench_merge);
criterion_main!(benches);
