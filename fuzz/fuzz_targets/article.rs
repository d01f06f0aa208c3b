//! `feedmill::article::extract_article` on arbitrary HTML with two fixed rule sets (built by
//! `config::parse` from `[feeds.t.article]` tables): one finding everything automatically
//! with `full_text = true` and a `remove` list, one overriding every field.
//!
//! Article pages are read without the nesting guard list pages get (as `enrich` does), so
//! the target does not skip deep pages. Checked: no panic or hang; dates satisfy the date
//! invariants; the image is http(s) or file; the sanitized content carries no `<script`.
#![no_main]

use std::sync::LazyLock;

use feedmill::article::extract_article;
use feedmill::config::ArticleRules;
use feedmill_fuzz::{article_rules, check_stamp, ctx, text};
use libfuzzer_sys::fuzz_target;
use url::Url;

static RULES: LazyLock<Vec<ArticleRules>> = LazyLock::new(article_rules);
static URL: LazyLock<Url> =
    LazyLock::new(|| Url::parse("https://news.example.kr/view/20260210000123").unwrap());

fuzz_target!(|data: &[u8]| {
    let Some(html) = text(data) else { return };
    let ctx = ctx();
    for rules in RULES.iter() {
        let info = extract_article(html, &URL, rules, ctx);
        for found in [&info.published, &info.updated].into_iter().flatten() {
            check_stamp(&found.value, ctx.fetched_at, ctx.zone, "(article page)");
        }
        if let Some(image) = &info.image {
            assert!(
                matches!(image.value.scheme(), "http" | "https" | "file"),
                "image {} is not http(s)/file",
                image.value
            );
        }
        if let Some(content) = &info.content {
            assert!(
                !content.to_ascii_lowercase().contains("<script"),
                "content keeps a script: {content:?}"
            );
        }
    }
});
