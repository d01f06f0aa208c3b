//! A JSON list against the same list as HTML: 50 articles read from a JSON API body, from a
//! Next.js page's `__NEXT_DATA__`, from the bare HTML list and from a section page with the
//! usual clutter (menu, ranking box, footer). Same titles, links, dates, summaries, images.
//!
//! `cargo bench --bench json`

use std::hint::black_box;
use std::path::Path;

use chrono::{DateTime, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use feedmill::dates::DateContext;
use feedmill::extract::extract_list;
use feedmill::jsonlist::read_list;
use url::Url;

const ITEMS: usize = 50;

struct Article {
    no: usize,
    title: String,
    summary: String,
    date: String,
}

fn articles() -> Vec<Article> {
    (0..ITEMS)
        .map(|i| Article {
            no: 120_000 + i,
            title: format!("반도체 수출 석 달째 증가… 정부 \"하반기 회복세\" 전망 {i}"),
            summary: format!("산업통상자원부는 10일 지난달 반도체 수출이 전년 같은 달보다 크게 늘었다고 밝혔다. 메모리 가격 회복과 인공지능 서버 수요가 이끌었다는 분석이다. 기사 {i}"),
            date: format!("2026.02.{:02} {:02}:{:02}", 1 + i % 10, 8 + i % 12, (i * 7) % 60),
        })
        .collect()
}

/// The list as an API answers it.
fn json_body(list: &[Article]) -> String {
    let items: Vec<String> = list
        .iter()
        .map(|a| {
            serde_json::json!({
                "id": a.no,
                "title": a.title,
                "url": format!("/news/articleView.html?idxno={}", a.no),
                "summary": a.summary,
                "date": a.date,
                "thumb": {"src": format!("/news/thumbnail/202602/{}_s.jpg", a.no)},
                "author": "홍길동 기자",
            })
            .to_string()
        })
        .collect();
    format!(
        "{{\"result\":\"ok\",\"data\":{{\"total\":1240,\"page\":1,\"list\":[{}]}}}}",
        items.join(",")
    )
}

/// The list as HTML list items.
fn html_items(list: &[Article]) -> String {
    list.iter()
        .map(|a| format!(
            "<li><div class=\"list-image\"><a href=\"/news/articleView.html?idxno={no}\"><img src=\"/news/thumbnail/202602/{no}_s.jpg\" alt=\"\"></a></div>\
             <h4 class=\"titles\"><a href=\"/news/articleView.html?idxno={no}\">{title}</a></h4>\
             <p class=\"lead\">{summary}</p><span class=\"byline\"><em>홍길동 기자</em> <em>{date}</em></span></li>",
            no = a.no,
            title = a.title.replace('"', "&quot;"),
            summary = a.summary,
            date = a.date
        ))
        .collect()
}

/// A page around `inner`: head scripts, a 300-link menu, a ranking box and a footer.
fn cluttered(inner: &str) -> String {
    let mut page = String::from("<!DOCTYPE html><html lang=\"ko\"><head><meta charset=\"utf-8\"><title>경제 - 한빛일보</title>");
    for i in 0..8 {
        page.push_str(&format!("<script>window.dataLayer = window.dataLayer || []; function gtag{i}(){{dataLayer.push(arguments);}}</script>"));
    }
    page.push_str("</head><body><nav id=\"gnb\"><ul>");
    for i in 0..300 {
        page.push_str(&format!("<li class=\"menu-item\"><a href=\"/news/articleList.html?sc_section_code=S{i}\">섹션 메뉴 {i}</a></li>"));
    }
    page.push_str("</ul></nav>");
    page.push_str(inner);
    page.push_str("<aside class=\"side\"><h3>많이 본 뉴스</h3><ol>");
    for i in 0..10 {
        page.push_str(&format!(
            "<li><a href=\"/news/articleView.html?idxno={}\">많이 본 기사 {i}</a></li>",
            900_000 + i
        ));
    }
    page.push_str("</ol></aside><footer id=\"footer\">");
    for _ in 0..40 {
        page.push_str("<p>한빛일보 | 주소: 경기도 수원시 팔달구 효원로 1 | 등록번호 경기 아00000 | 발행인 홍길동 | Copyright 한빛일보.</p>");
    }
    page.push_str("</footer></body></html>");
    page
}

fn feed(table: &str) -> feedmill::config::Feed {
    let toml = format!("[feeds.b]\ntitle = \"B\"\nurl = \"https://www.hanbit.test/\"\n{table}");
    let config = feedmill::config::parse(&toml, Path::new("feeds.toml")).unwrap();
    config.feeds[0].clone()
}

fn ctx() -> DateContext {
    DateContext {
        fetched_at: "2026-02-11T00:00:00Z".parse::<DateTime<Utc>>().unwrap(),
        zone: chrono_tz::Asia::Seoul,
    }
}

fn bench_json_against_html(c: &mut Criterion) {
    let list = articles();
    let url =
        Url::parse("https://www.hanbit.test/news/articleList.html?sc_section_code=S1N2").unwrap();
    let fields = "link = \"url\"\ntitle = \"title\"\nsummary = \"summary\"\ndate = \"date\"\nimage = \"thumb.src\"\nauthor = \"author\"\n";

    let api = json_body(&list);
    let api_source = feed(&format!("[feeds.b.json]\nitems = \"data.list\"\n{fields}"))
        .json
        .unwrap();
    let next_page = cluttered(&format!(
        "<div id=\"__next\"></div><script id=\"__NEXT_DATA__\" type=\"application/json\">{{\"props\":{{\"pageProps\":{api}}}}}</script>"
    ));
    let next_source = feed(&format!(
        "[feeds.b.json]\nscript = \"#__NEXT_DATA__\"\nitems = \"props.pageProps.data.list\"\n{fields}"
    ))
    .json
    .unwrap();
    let list_html = format!(
        "<section id=\"section-list\"><ul class=\"type2\">{}</ul></section>",
        html_items(&list)
    );
    let bare = format!("<!DOCTYPE html><html><body>{list_html}</body></html>");
    let page = cluttered(&list_html);
    let select = feed(
        "[feeds.b.select]\nitem = \"#section-list ul.type2 > li\"\nlink = \"h4.titles a\"\ntitle = \"h4.titles\"\n\
         summary = \"p.lead\"\ndate = \"span.byline em:last-child\"\nimage = \"img\"\nauthor = \"span.byline em\"\n",
    )
    .select
    .unwrap();

    // The same 50 items every way.
    let from_json = read_list(&api, Some("application/json"), &url, &api_source, ctx())
        .unwrap()
        .0
        .items;
    let from_next = read_list(&next_page, None, &url, &next_source, ctx())
        .unwrap()
        .0
        .items;
    let from_html = extract_list(&page, &url, &select, ctx()).items;
    assert_eq!(from_json.len(), ITEMS);
    assert_eq!(from_json, from_next);
    assert_eq!(from_json, from_html);
    assert_eq!(from_json, extract_list(&bare, &url, &select, ctx()).items);

    let mut g = c.benchmark_group("list_of_50");
    g.bench_function("json_api_body", |b| {
        b.iter(|| {
            read_list(
                black_box(&api),
                Some("application/json"),
                &url,
                &api_source,
                ctx(),
            )
        })
    });
    g.bench_function("json_next_data_page", |b| {
        b.iter(|| read_list(black_box(&next_page), None, &url, &next_source, ctx()))
    });
    g.bench_function("html_list_only", |b| {
        b.iter(|| extract_list(black_box(&bare), &url, &select, ctx()))
    });
    g.bench_function("html_section_page", |b| {
        b.iter(|| extract_list(black_box(&page), &url, &select, ctx()))
    });
    g.finish();
    eprintln!(
        "sizes: JSON body {} B, Next.js page {} B, HTML list {} B, HTML section page {} B",
        api.len(),
        next_page.len(),
        bare.len(),
        page.len()
    );
}

criterion_group!(benches, bench_json_against_html);
criterion_main!(benches);
