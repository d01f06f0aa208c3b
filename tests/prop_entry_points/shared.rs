//! Fixtures every group uses: a fetch time, a page address, a valid config and the checks
//! of it, selectors and article rules.

use chrono::{TimeZone, Utc};
use feedmill::config::{self, ArticleRules, Select};
use feedmill::dates::DateContext;
use proptest::prelude::*;
use std::path::Path;
use url::Url;

/// Fetched at 2026-02-11 09:00 in Seoul.
pub(crate) fn ctx() -> DateContext {
    DateContext {
        fetched_at: Utc.with_ymd_and_hms(2026, 2, 11, 0, 0, 0).unwrap(),
        zone: chrono_tz::Asia::Seoul,
    }
}

pub(crate) fn page_url() -> Url {
    Url::parse("https://news.example.kr/section/list.html?page=1").unwrap()
}

/// A config using every table and most keys.
pub(crate) const VALID: &str = r##"[settings]
output_dir = "output"
state_dir = "state"
timezone = "Asia/Seoul"
max_items = 50
user_agent = "feedmill-test"
base_url = "http://127.0.0.1:8080/"
timeout = "30s"
host_delay = "1s"
concurrency = 4
interval = "30m"

[server]
listen = "127.0.0.1:8080"

[feeds.newspim-global]
title = "뉴스핌 글로벌"
url = "https://www.newspim.com/news/lists/?category_cd=107"
description = "뉴스핌 글로벌 섹션 최신 기사"
language = "ko"
max_items = 30
formats = ["rss", "atom", "json"]
interval = "15m"

[feeds.newspim-global.select]
item = "article"
link = "strong.subject_h"
title = "strong.subject_h"
summary = "p.summary"
date = "p.byline"
image = "img"
author = "span.writer"
date_format = "%Y-%m-%d %H:%M"

[feeds.newspim-global.article]
fetch = true
max_new = 10
date = "span.date@data-time"
author = ".byline .name"
content = "#article-body"
full_text = true
remove = [".ad", "script", "figure.photo"]

[feeds.newspim-global.filter]
include = ["/(속보|단독)/", "AI"]
exclude = ["광고"]

[feeds.aitimes]
title = "인공지능신문"
urls = ["https://www.aitimes.kr/news/articleList.html?view_type=sm", "https://www.aitimes.kr/news/articleList.html?page=2"]

[feeds.aitimes.select]
item = "#section-list li"
link = "h4.titles a@href"
date = "span.byline em:last-child"
"##;

/// `config::parse` returns Ok or an Err naming the file; it never panics.
pub(crate) fn check_config(text: &str) -> Result<(), TestCaseError> {
    match config::parse(text, Path::new("feeds.toml")) {
        Ok(_) => Ok(()),
        Err(e) => {
            let msg = e.to_string();
            prop_assert!(msg.contains("feeds.toml"), "error without the file: {msg}");
            Ok(())
        }
    }
}

pub(crate) fn one_feed(extra: &str) -> config::Feed {
    let text = format!("[feeds.t]\ntitle = \"T\"\nurl = \"https://news.example.kr/\"\n{extra}");
    let parsed = config::parse(&text, Path::new("feeds.toml"));
    parsed.unwrap().feeds.remove(0)
}

/// The selector sets the list reader is tried with.
pub(crate) fn selects() -> Vec<Select> {
    [
        r##"[feeds.t.select]
item = "article"
link = "strong.subject_h"
title = "strong.subject_h"
summary = "p.summary"
date = "p.byline"
image = "img"
author = "span.writer""##,
        r##"[feeds.t.select]
item = "li, div.item""##,
        r##"[feeds.t.select]
item = "#section-list li, tr"
link = "a@href"
title = "h4.titles, td.title"
date = "span.date@data-time"
image = "div.thumb@data-bg"
date_format = "%Y-%m-%d %H:%M""##,
        r##"[feeds.t.select]
item = "a""##,
    ]
    .iter()
    .map(|t| one_feed(t).select.unwrap())
    .collect()
}

/// The article rule sets the article reader is tried with.
pub(crate) fn article_rules() -> Vec<ArticleRules> {
    [
        r##"[feeds.t.article]
fetch = true
full_text = true
remove = [".ad", "script", "figure.photo", "aside"]"##,
        r##"[feeds.t.article]
fetch = true
date = "span.date"
updated = "span.updated@data-time"
author = ".byline .name"
summary = "meta[name=description]@content"
image = "div.photo img@src"
content = "#article-body, div.article_txt""##,
    ]
    .iter()
    .map(|t| one_feed(t).article.unwrap())
    .collect()
}
