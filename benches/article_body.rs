//! Reading an article page of about 100 KB with `full_text = true`: parsing, the date and
//! field readers and the body finder together, as one new feed item costs.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use feedmill::article::extract_article;
use feedmill::dates::DateContext;
use url::Url;

/// A news page of about 100 KB: menus, a long article split by ads, a comment section, a
/// related list and a sidebar of teasers.
fn page() -> String {
    let mut html = String::from(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Council approves tram line</title>\
         <meta property=\"article:published_time\" content=\"2024-03-12T09:30:00Z\"><script>",
    );
    // Inline scripts as sites ship them: analytics and ad set-up.
    for i in 0..400 {
        html.push_str(&format!(
            "window.dataLayer.push({{event: 'slot{i}', sizes: [[300, 250], [728, 90]]}});\n"
        ));
    }
    html.push_str("</script></head><body><header><nav><ul>");
    for i in 0..200 {
        html.push_str(&format!(
            "<li><a href=\"/section/{i}\">Section {i}</a></li>"
        ));
    }
    html.push_str("</ul></nav></header><main><h1>Council approves tram line</h1><div class=\"article-layout\">");
    for part in 0..16 {
        html.push_str("<div class=\"body-section\">");
        for p in 0..8 {
            html.push_str(&format!(
                "<p>Paragraph {p} of part {part}: the council voted on Tuesday to build a new tram line, \
                 linking the station with the campus, and shop owners asked for compensation, while \
                 the mayor promised a fund for businesses during the works.</p>"
            ));
        }
        html.push_str("</div><div class=\"ad-container\"><span>Advertisement</span></div>");
    }
    html.push_str("</div><section id=\"comments\"><ol>");
    for i in 0..150 {
        html.push_str(&format!(
            "<li><cite>reader{i}</cite><p>I think this is a good idea, but the works will take too long.</p></li>"
        ));
    }
    html.push_str("</ol></section><div class=\"rail\">");
    for i in 0..150 {
        html.push_str(&format!(
            "<div class=\"teaser\"><a href=\"/news/{i}\">Other story number {i}</a><p>A short teaser sentence.</p></div>"
        ));
    }
    html.push_str("</div></main><footer>© Example</footer></body></html>");
    html
}

fn bench(c: &mut Criterion) {
    let html = page();
    let text = "[feeds.t]\ntitle = \"T\"\nurl = \"https://x.example/\"\n[feeds.t.article]\nfetch = true\nfull_text = true\n";
    let config = feedmill::config::parse(text, std::path::Path::new("feeds.toml")).unwrap();
    let rules = config.feeds[0].article.clone().unwrap();
    let url = Url::parse("https://x.example/news/1").unwrap();
    let ctx = DateContext {
        fetched_at: "2026-02-11T09:00:00+09:00".parse().unwrap(),
        zone: chrono_tz::Asia::Seoul,
    };
    assert!((90_000..130_000).contains(&html.len()), "{}", html.len());
    c.bench_function("article_body_full_text_100kb", |b| {
        b.iter(|| extract_article(black_box(&html), &url, &rules, ctx))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
