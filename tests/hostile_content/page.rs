//! The hostile articles, the list page that carries them, the feeds `feedmill build` makes
//! of it, and readers of what those feeds hold.

use crate::common::{run_on_config, Resp, TestServer};
use std::path::PathBuf;
use std::process::Output;
use tempfile::TempDir;

pub(crate) const NOW: &str = "2026-02-11T09:00:00+09:00";
pub(crate) const LIST: &str = "/news/list";
pub(crate) const ID: &str = "hostile";

/// The longest title, summary and author the extractor keeps, in characters, before its "…".
pub(crate) const MAX_TITLE: usize = 300;
pub(crate) const MAX_SUMMARY: usize = 1000;
pub(crate) const MAX_AUTHOR: usize = 100;

/// One `<article>` of the list page, as raw HTML pieces.
pub(crate) struct Article {
    pub(crate) href: String,
    pub(crate) title: String,
    pub(crate) summary: String,
    pub(crate) author: String,
    pub(crate) time: &'static str,
    pub(crate) image: Option<String>,
}

impl Article {
    pub(crate) fn html(&self) -> String {
        let image = self
            .image
            .as_ref()
            .map(|src| format!("<img src='{src}' alt=''>"))
            .unwrap_or_default();
        format!(
            "<article class=\"item\">{image}<h3><a href='{}'>{}</a></h3>\n\
             <p class=\"sum\">{}</p>\n<span class=\"by\">{}</span> <span class=\"date\">{}</span>\n\
             </article>\n",
            self.href, self.title, self.summary, self.author, self.time
        )
    }
}

/// Raw control characters, written into the page as bytes (U+0001..U+0008, U+000B, NUL).
pub(crate) fn raw_controls() -> String {
    let mut s: String = ('\u{1}'..='\u{8}').collect();
    s.push('\u{b}');
    s.push('\u{0}');
    s
}

/// The hostile articles, newest first by their printed times.
pub(crate) fn articles() -> Vec<Article> {
    // 100,000 words of 10 bytes: a 1 MB title that a word boundary can cut.
    let huge_title = "긴제목 ".repeat(100_000);
    // A 1 MB summary with no space at all, so the cut falls inside the one word.
    let huge_summary = "요약없는공백".repeat(1024 * 1024 / 18);
    let huge_author = "기".repeat(10_000);
    let mut list = vec![
        Article {
            href: "/news/view/1".into(),
            title: "CDATA ]]> 끝 ]]]]><![CDATA[> &lt;![CDATA[ 안쪽 ]]&gt; 제목".into(),
            summary: "요약 ]]> 그리고 ]]&gt; 또 ]]]]> 끝".into(),
            author: "기자 ]]>".into(),
            time: "2026.02.10 19:39",
            image: None,
        },
        Article {
            href: "/news/view/2".into(),
            title: "&lt;script&gt;alert(1)&lt;/script&gt; 이스케이프된 제목".into(),
            summary: "&lt;script&gt;alert(\"요약\")&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; \
                      &lt;iframe src=javascript:alert(1)&gt;&lt;/iframe&gt; 끝"
                .into(),
            author: "&lt;script&gt;alert('author')&lt;/script&gt;".into(),
            time: "2026.02.10 19:38",
            image: None,
        },
        Article {
            href: "/news/view/3".into(),
            title: "진짜 <script>alert(1)</script><b onclick=\"alert(2)\">마크업</b> \
                    <style>*{}</style><img src=x onerror=alert(3)>제목"
                .into(),
            summary: "본문 <script>document.write('<b>x</b>')</script>\
                      <iframe src=\"javascript:alert(1)\"></iframe><svg><script>alert(4)</script></svg> 끝"
                .into(),
            author: "<script>alert(5)</script>홍길동<noscript><script>alert(6)</script></noscript>".into(),
            time: "2026.02.10 19:37",
            image: None,
        },
        Article {
            href: "/news/view/4".into(),
            title: format!(
                "제어&#1;문자&#x2;{}&#xFFFE;&#xFFFF;&#xD800;&#xDFFF;&#0;&#x1F;&#x7F;&#x9F; 제목",
                raw_controls()
            ),
            summary: format!(
                "요약&#1;&#x8;{}&#xB;&#xC;&#xFFFE;&#xD800;\u{FFFE}\u{FFFF} 끝",
                raw_controls()
            ),
            author: format!("기자&#1;{}&#xFFFE;&#xDBFF;", raw_controls()),
            time: "2026.02.10 19:36",
            image: None,
        },
        Article {
            href: "/news/view/5".into(),
            title: huge_title,
            summary: huge_summary,
            author: huge_author,
            time: "2026.02.10 19:35",
            image: None,
        },
        Article {
            href: "/news/view/6?q=\"인용\" a b&amp;x=&lt;y&gt;&amp;z=&#39;홑&#39;#frag".into(),
            title: "따옴표와 공백 링크".into(),
            summary: "링크에 \"따옴표\", 'apostrophe', 공백, 한글".into(),
            author: "기자 \"별명\" 'nick' &amp; <친구>".into(),
            time: "2026.02.10 19:34",
            image: Some("/img/a\"b c/사진 1.jpg?w=1&amp;h=\"2\"".into()),
        },
        Article {
            href: "/뉴스/한글 기사/\"7\"/<tag>".into(),
            title: "한글 경로".into(),
            summary: "경로에 한글과 공백".into(),
            author: "기자".into(),
            time: "2026.02.10 19:33",
            image: None,
        },
        Article {
            href: "https://xn--9n2bp8q.example/ \t기사?x=1\n".into(),
            title: "국제화 도메인".into(),
            summary: "끝".into(),
            author: "기자".into(),
            time: "2026.02.10 19:32",
            image: None,
        },
    ];
    // Links no reader should be sent to: these items have no usable link and are skipped.
    // (`file:` links have their own test.)
    for (i, href) in [
        "java&#9;script:alert(1)",
        " JavaScript:alert(1)",
        "data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;",
        "vbscript:msgbox(1)",
    ]
    .into_iter()
    .enumerate()
    {
        list.push(Article {
            href: href.into(),
            title: format!("나쁜 링크 {i}"),
            summary: "끝".into(),
            author: "기자".into(),
            time: "2026.02.10 19:31",
            image: None,
        });
    }
    list
}

/// How many items the feeds must hold: every article with a web link.
pub(crate) const KEPT: usize = 8;

/// The whole list page, as UTF-8 bytes.
pub(crate) fn page() -> Vec<u8> {
    let mut html = String::from(
        "<!DOCTYPE html>\n<html lang=\"ko\"><head><meta charset=\"utf-8\"><title>목록</title></head>\n\
         <body><div class=\"list\">\n",
    );
    for a in articles() {
        html.push_str(&a.html());
    }
    html.push_str("</div></body></html>\n");
    html.into_bytes()
}

/// A built site: the fixture server, the folder, and what the build said.
pub(crate) struct Built {
    pub(crate) server: TestServer,
    pub(crate) dir: TempDir,
    pub(crate) out: Output,
}

impl Built {
    pub(crate) fn path(&self, ext: &str) -> PathBuf {
        self.dir.path().join("output").join(format!("{ID}.{ext}"))
    }

    pub(crate) fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join("output").join(name)
    }

    pub(crate) fn text(&self, ext: &str) -> String {
        let p = self.path(ext);
        let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        String::from_utf8(bytes).unwrap_or_else(|_| panic!("{} is not UTF-8", p.display()))
    }

    pub(crate) fn feed(&self, ext: &str) -> feed_rs::model::Feed {
        let bytes = std::fs::read(self.path(ext)).unwrap();
        feed_rs::parser::parse(&bytes[..])
            .unwrap_or_else(|e| panic!("feed-rs cannot parse {ID}.{ext}: {e}"))
    }

    pub(crate) fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.text("json"))
            .unwrap_or_else(|e| panic!("{ID}.json is not JSON: {e}"))
    }
}

/// Builds the hostile page into RSS, Atom and JSON Feed.
pub(crate) fn build() -> Built {
    build_page(page(), "")
}

/// Builds `page`, served as the feed's list, with `extra` appended to feeds.toml.
pub(crate) fn build_page(page: Vec<u8>, extra: &str) -> Built {
    let server = TestServer::start();
    server.set(LIST, Resp::html(page));
    let dir = tempfile::Builder::new()
        .prefix("feedmill-hostile")
        .tempdir()
        .unwrap();
    let cfg = dir.path().join("feeds.toml");
    std::fs::write(
        &cfg,
        format!(
            r#"[settings]
host_delay = "0s"
base_url = "http://feeds.example.test/"

[feeds.{ID}]
title = "적대적 ]]> <script>alert('feed')</script> & \u0001 피드"
description = "설명 ]]> <b>굵게</b> \u0008 끝"
url = "{url}"
language = "ko"
formats = ["rss", "atom", "json"]

[feeds.{ID}.select]
item = "div.list article.item"
link = "h3 a"
title = "h3 a"
summary = "p.sum"
author = "span.by"
date = "span.date"
image = "img"
{extra}"#,
            url = server.url(LIST)
        ),
    )
    .unwrap();
    let out = run_on_config(&["build"], &cfg, NOW);
    assert_eq!(
        out.status.code(),
        Some(0),
        "build failed\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Built { server, dir, out }
}

/// A character XML 1.0 does not allow (§2.2 Char): C0 controls other than tab, newline and
/// carriage return, surrogates, U+FFFE and U+FFFF.
pub(crate) fn xml_invalid(c: char) -> bool {
    !(matches!(c, '\t' | '\n' | '\r')
        || ('\u{20}'..='\u{D7FF}').contains(&c)
        || ('\u{E000}'..='\u{FFFD}').contains(&c)
        || c >= '\u{10000}')
}

/// Every character reference in `xml` (`&#1;`, `&#x1F;`), decoded; `None` for one that
/// names no character at all (a surrogate or beyond U+10FFFF).
pub(crate) fn char_refs(xml: &str) -> Vec<(String, Option<char>)> {
    let re = regex::Regex::new(r"&#(x[0-9A-Fa-f]+|[0-9]+);").unwrap();
    re.captures_iter(xml)
        .map(|c| {
            let r = &c[1];
            let n = match r.strip_prefix('x') {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => r.parse().ok(),
            };
            (c[0].to_string(), n.and_then(char::from_u32))
        })
        .collect()
}

/// Every string anywhere in a JSON value.
pub(crate) fn json_strings<'a>(v: &'a serde_json::Value, out: &mut Vec<&'a str>) {
    match v {
        serde_json::Value::String(s) => out.push(s),
        serde_json::Value::Array(a) => a.iter().for_each(|v| json_strings(v, out)),
        serde_json::Value::Object(o) => o.values().for_each(|v| json_strings(v, out)),
        _ => {}
    }
}

/// `xml` with every CDATA section's content replaced by "CDATA".
pub(crate) fn without_cdata(xml: &str) -> String {
    let re = regex::Regex::new(r"(?s)<!\[CDATA\[.*?\]\]>").unwrap();
    re.replace_all(xml, "CDATA").into_owned()
}

pub(crate) fn text_of(t: &Option<feed_rs::model::Text>) -> &str {
    t.as_ref().map_or("", |t| t.content.as_str())
}
