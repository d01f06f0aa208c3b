//! What the tests share: rules as a user writes them, the fixture pages, and short forms of
//! the fields found.

use crate::common::article::ctx;
use feedmill::article::{extract_article, ArticleInfo, Found, Source};
use feedmill::config::ArticleRules;
use std::path::Path;
use url::Url;

/// Rules from a `[feeds.t.article]` table, through the config reader (so `css@attr` works
/// as users write it).
pub(crate) fn rules(article_toml: &str) -> ArticleRules {
    let text = format!(
        "[feeds.t]\ntitle = \"T\"\nurl = \"https://x.kr/\"\n[feeds.t.article]\nfetch = true\n{article_toml}"
    );
    let config = feedmill::config::parse(&text, Path::new("feeds.toml")).unwrap();
    config.feeds[0].article.clone().unwrap()
}

pub(crate) fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/article")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub(crate) fn page(name: &str, url: &str, rules: &ArticleRules) -> ArticleInfo {
    extract_article(&fixture(name), &Url::parse(url).unwrap(), rules, ctx())
}

pub(crate) fn html(html: &str, rules: &ArticleRules) -> ArticleInfo {
    extract_article(
        html,
        &Url::parse("https://news.example.kr/view/1").unwrap(),
        rules,
        ctx(),
    )
}

pub(crate) fn text(found: &Option<Found<String>>) -> Option<(&str, Source)> {
    found.as_ref().map(|f| (f.value.as_str(), f.source))
}

pub(crate) fn image(found: &Option<Found<Url>>) -> Option<(&str, Source)> {
    found.as_ref().map(|f| (f.value.as_str(), f.source))
}

pub(crate) fn t(s: &str) -> Option<(String, Source)> {
    let (time, source) = s.split_once(' ').unwrap();
    let source = match source {
        "json-ld" => Source::JsonLd,
        "meta" => Source::Meta,
        "selector" => Source::Selector,
        "time" => Source::Time,
        "text" => Source::Text,
        other => panic!("{other}"),
    };
    Some((time.to_string(), source))
}
