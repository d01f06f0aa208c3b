//! Benchmarks of reading one article page: `extract_article` on a ~100 KB page like a news
//! site's (scripts and styles, a 300-link menu, JSON-LD and meta dates, a byline with printed
//! dates, 40 paragraphs, a related box, comments with dates, a sidebar, a footer), and the
//! date finder alone (`date_report`, which parses the page too). The page has no description,
//! so a plain read takes its summary from the body; `extract_article_100kb_described` adds
//! the `og:description` most news pages carry.
//!
//! `cargo bench --bench article`

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use feedmill::article::{date_report, extract_article};
use feedmill::config::ArticleRules;
use feedmill::dates::DateContext;
use url::Url;

/// An article page of about 100 KB.
fn article_page() -> String {
    let mut p = String::from("<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>Rat beschließt Ausbau des Hafens | Harbour Courier</title>");
    p.push_str("<meta property=\"og:title\" content=\"Rat beschließt Ausbau des Hafens\"><meta property=\"og:image\" content=\"https://harbour.example/img/hafen.jpg\">");
    p.push_str("<meta property=\"article:published_time\" content=\"2020-02-15T18:00:00+01:00\"><meta property=\"article:modified_time\" content=\"2020-02-16T09:30:00+01:00\"><meta name=\"date\" content=\"2020-02-15T18:00:00+01:00\">");
    p.push_str("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"NewsArticle\",\"headline\":\"Rat beschließt Ausbau des Hafens\",\"datePublished\":\"2020-02-15T18:00:00+01:00\",\"dateModified\":\"2020-02-16T09:30:00+01:00\",\"author\":{\"@type\":\"Person\",\"name\":\"Jonas Weber\"}},{\"@type\":\"WebSite\",\"name\":\"Harbour Courier\"}]}</script>");
    for i in 0..8 {
        p.push_str(&format!("<style>.c{i} {{ margin: 0 auto; padding: 4px 8px; font-family: 'Source Sans', sans-serif; color: #333; }} .c{i} a:hover {{ text-decoration: underline; }}</style>"));
        p.push_str(&format!("<script>window.dataLayer = window.dataLayer || []; function gtag{i}(){{dataLayer.push(arguments);}} gtag{i}('js', new Date()); var ads{i} = {{slot: 'top-{i}', sizes: [[728, 90], [970, 250]]}};</script>"));
    }
    p.push_str("</head><body><header class=\"site-header\"><a class=\"logo\" href=\"/\">Harbour Courier</a><span class=\"today\">11.02.2026</span><nav><ul>");
    for i in 0..300 {
        p.push_str(&format!(
            "<li class=\"menu-item\"><a href=\"/ressort/{i}/\">Ressort {i}</a></li>"
        ));
    }
    p.push_str("</ul></nav></header><main><article class=\"story\"><p class=\"kicker\">Hafen</p><h1>Rat beschließt Ausbau des Hafens</h1>");
    p.push_str("<div class=\"byline\">Von <span class=\"author\">Jonas Weber</span> · Veröffentlicht am <time datetime=\"2020-02-15T18:00:00+01:00\">15. Februar 2020, 18:00 Uhr</time> · Aktualisiert am 16.02.2020, 09:30 Uhr</div>");
    p.push_str("<figure><img src=\"/img/hafen.jpg\" alt=\"\"><figcaption>Foto: Archiv 12.03.2018</figcaption></figure><div class=\"story-body\">");
    for i in 0..40 {
        p.push_str(&format!("<p>Absatz {i}: Der Stadtrat hat am Freitagabend mit großer Mehrheit den Ausbau des Fährhafens beschlossen. Die Verwaltung rechnet mit Kosten von 14,5 Millionen Euro bis 2024; die Arbeiten sollen im Frühjahr beginnen und den Verkehr an der Kaimauer für mehrere Monate einschränken. <a href=\"/thema/hafen\">Mehr zum Hafen</a></p>"));
    }
    p.push_str("</div></article><section class=\"related\"><h3>Mehr zum Thema</h3><ul>");
    for i in 0..20 {
        p.push_str(&format!("<li><a href=\"/politik/{i}\">Weitere Meldung {i} aus dem Rathaus</a> <time datetime=\"2020-01-{:02}T10:00:00+01:00\">{:02}.01.2020</time></li>", 1 + i % 28, 1 + i % 28));
    }
    p.push_str("</ul></section><section id=\"comments\" class=\"comments\"><h3>Kommentare</h3>");
    for i in 0..30 {
        p.push_str(&format!("<div class=\"comment\"><b>leser{i}</b> <span class=\"comment-date\">Veröffentlicht am 16.02.2020 um {:02}:{:02}</span><p>Ein Kommentar zum Hafenausbau mit einer Meinung, die nicht kurz ist, Nummer {i}.</p></div>", 7 + i % 12, (i * 7) % 60));
    }
    p.push_str("</section></main><aside class=\"sidebar\"><h3>Meistgelesen</h3><ol>");
    for i in 0..20 {
        p.push_str(&format!(
            "<li><a href=\"/a/{i}\">Meistgelesen {i}</a> <span>{:02}.02.2020</span></li>",
            1 + i % 14
        ));
    }
    p.push_str("</ol></aside><footer class=\"site-footer\"><p>© 2026 Harbour Courier</p>");
    while p.len() < 100_000 {
        p.push_str("<p class=\"legal\">Impressum · Datenschutz · Kontakt · Abo · Anzeigen · Karriere · Hilfe</p>");
    }
    p.push_str("</footer></body></html>");
    p
}

fn rules(full_text: bool) -> ArticleRules {
    // Through the config, as a feed gets them: new keys never need a change here.
    let text = format!(
        "[feeds.t]\ntitle = \"T\"\nurl = \"https://x.example/\"\n[feeds.t.article]\nfetch = true\nfull_text = {full_text}\n"
    );
    let config = feedmill::config::parse(&text, std::path::Path::new("feeds.toml")).unwrap();
    config.feeds[0].article.clone().unwrap()
}

fn bench(c: &mut Criterion) {
    let page = article_page();
    let url = Url::parse("https://harbour.example/politik/hafen-ausbau-beschlossen").unwrap();
    let ctx = DateContext {
        fetched_at: "2026-02-11T00:00:00Z".parse().unwrap(),
        zone: chrono_tz::Europe::Berlin,
    };
    // A feed's rules are read once, not once per page.
    let (plain, full) = (rules(false), rules(true));
    let mut group = c.benchmark_group("article");
    group.throughput(Throughput::Bytes(page.len() as u64));
    group.bench_function("extract_article_100kb", |b| {
        b.iter(|| extract_article(black_box(&page), &url, &plain, ctx))
    });
    // The same page with the description nearly every news page carries: the summary comes
    // from it and the author from JSON-LD, so a plain read never looks for the body.
    let described = page.replacen(
        "<meta property=\"og:image\"",
        "<meta property=\"og:description\" content=\"Der Stadtrat hat den Ausbau des Fährhafens beschlossen.\"><meta property=\"og:image\"",
        1,
    );
    group.bench_function("extract_article_100kb_described", |b| {
        b.iter(|| extract_article(black_box(&described), &url, &plain, ctx))
    });
    group.bench_function("extract_article_100kb_full_text", |b| {
        b.iter(|| extract_article(black_box(&page), &url, &full, ctx))
    });
    // The floor under both: html5ever's parse of the same page.
    group.bench_function("parse_only_100kb", |b| {
        b.iter(|| scraper::Html::parse_document(black_box(&page)))
    });
    group.bench_function("date_report_100kb", |b| {
        b.iter(|| date_report(black_box(&page), &url, &plain, ctx))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
