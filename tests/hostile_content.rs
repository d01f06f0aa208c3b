//! A list page whose items carry hostile content: CDATA terminators, script tags (as text
//! and as markup), characters XML 1.0 cannot carry, lone surrogates, megabyte titles and
//! summaries, a 10,000-character author, links with quotes, spaces and Hangul. `feedmill
//! build` must still write feeds every parser accepts, with no script element anywhere,
//! no invalid character, and every field cut to its documented length.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{run_on_config, tool_or_skip, xmllint, Resp, TestServer};
use tempfile::TempDir;

const NOW: &str = "2026-02-11T09:00:00+09:00";
const LIST: &str = "/news/list";
const ID: &str = "hostile";

/// The longest title, summary and author the extractor keeps, in characters, before its "…".
const MAX_TITLE: usize = 300;
const MAX_SUMMARY: usize = 1000;
const MAX_AUTHOR: usize = 100;

/// One `<article>` of the list page, as raw HTML pieces.
struct Article {
    href: String,
    title: String,
    summary: String,
    author: String,
    time: &'static str,
    image: Option<String>,
}

impl Article {
    fn html(&self) -> String {
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
fn raw_controls() -> String {
    let mut s: String = ('\u{1}'..='\u{8}').collect();
    s.push('\u{b}');
    s.push('\u{0}');
    s
}

/// The hostile articles, newest first by their printed times.
fn articles() -> Vec<Article> {
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
const KEPT: usize = 8;

/// The whole list page, as UTF-8 bytes.
fn page() -> Vec<u8> {
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
struct Built {
    server: TestServer,
    dir: TempDir,
    out: Output,
}

impl Built {
    fn path(&self, ext: &str) -> PathBuf {
        self.dir.path().join("output").join(format!("{ID}.{ext}"))
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join("output").join(name)
    }

    fn text(&self, ext: &str) -> String {
        let p = self.path(ext);
        let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        String::from_utf8(bytes).unwrap_or_else(|_| panic!("{} is not UTF-8", p.display()))
    }

    fn feed(&self, ext: &str) -> feed_rs::model::Feed {
        let bytes = std::fs::read(self.path(ext)).unwrap();
        feed_rs::parser::parse(&bytes[..])
            .unwrap_or_else(|e| panic!("feed-rs cannot parse {ID}.{ext}: {e}"))
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.text("json"))
            .unwrap_or_else(|e| panic!("{ID}.json is not JSON: {e}"))
    }
}

/// Builds the hostile page into RSS, Atom and JSON Feed.
fn build() -> Built {
    build_page(page(), "")
}

/// Builds `page`, served as the feed's list, with `extra` appended to feeds.toml.
fn build_page(page: Vec<u8>, extra: &str) -> Built {
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
fn xml_invalid(c: char) -> bool {
    !(matches!(c, '\t' | '\n' | '\r')
        || ('\u{20}'..='\u{D7FF}').contains(&c)
        || ('\u{E000}'..='\u{FFFD}').contains(&c)
        || c >= '\u{10000}')
}

/// Every character reference in `xml` (`&#1;`, `&#x1F;`), decoded; `None` for one that
/// names no character at all (a surrogate or beyond U+10FFFF).
fn char_refs(xml: &str) -> Vec<(String, Option<char>)> {
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
fn json_strings<'a>(v: &'a serde_json::Value, out: &mut Vec<&'a str>) {
    match v {
        serde_json::Value::String(s) => out.push(s),
        serde_json::Value::Array(a) => a.iter().for_each(|v| json_strings(v, out)),
        serde_json::Value::Object(o) => o.values().for_each(|v| json_strings(v, out)),
        _ => {}
    }
}

/// `xml` with every CDATA section's content replaced by "CDATA".
fn without_cdata(xml: &str) -> String {
    let re = regex::Regex::new(r"(?s)<!\[CDATA\[.*?\]\]>").unwrap();
    re.replace_all(xml, "CDATA").into_owned()
}

fn text_of(t: &Option<feed_rs::model::Text>) -> &str {
    t.as_ref().map_or("", |t| t.content.as_str())
}

#[test]
fn xml_feeds_are_well_formed_parse_and_validate() {
    let b = build();
    for ext in ["rss", "atom"] {
        let feed = b.feed(ext);
        assert_eq!(feed.entries.len(), KEPT, "{ext}: items");
    }
    // xmllint: well-formed XML, and Atom valid against the RELAX NG schema.
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/atom.rng");
    assert!(schema.exists(), "schema missing: {}", schema.display());
    if tool_or_skip(
        "xmllint",
        "libxml2-utils",
        "xml_feeds_are_well_formed_parse_and_validate: xmllint",
    ) {
        for file in [
            format!("{ID}.rss"),
            format!("{ID}.atom"),
            "feeds.opml".into(),
        ] {
            let (ok, err) = xmllint(&["--noout"], &b.file(&file));
            assert!(ok, "{file} is not well-formed XML:\n{err}");
        }
        let (ok, err) = xmllint(
            &["--noout", "--relaxng", schema.to_str().unwrap()],
            &b.path("atom"),
        );
        assert!(ok, "{ID}.atom does not validate against atom.rng:\n{err}");
        assert!(err.contains("validates"), "{err}");
    }
    // The build said nothing alarming on the way.
    let stderr = String::from_utf8_lossy(&b.out.stderr);
    assert!(!stderr.contains("error"), "{stderr}");
}

#[test]
fn json_feed_parses() {
    let b = build();
    let v = b.json();
    assert_eq!(v["version"], "https://jsonfeed.org/version/1.1");
    let items = v["items"].as_array().expect("items");
    assert_eq!(items.len(), KEPT);
    for item in items {
        assert!(item["id"].is_string() && item["url"].is_string(), "{item}");
        assert!(
            item["content_text"].is_string() || item["content_html"].is_string(),
            "JSON Feed needs content_text or content_html: {item}"
        );
    }
    // feed-rs reads it as a JSON Feed too.
    assert_eq!(b.feed("json").entries.len(), KEPT);
}

#[test]
fn script_stays_text_and_markup_is_dropped() {
    let b = build();
    for ext in ["rss", "atom"] {
        // CDATA sections hold text, not elements (what RSS descriptions mean as HTML is
        // the next test's business).
        let xml = without_cdata(&b.text(ext)).to_lowercase();
        for tag in ["<script", "<iframe", "<img", "<b ", "<b>", "<svg", "<style"] {
            assert!(!xml.contains(tag), "{ID}.{ext} holds a raw {tag} element");
        }
        let feed = b.feed(ext);
        let titles: Vec<&str> = feed.entries.iter().map(|e| text_of(&e.title)).collect();
        // Escaped text on the page stays text in the feed, whole.
        assert!(
            titles.contains(&"<script>alert(1)</script> 이스케이프된 제목"),
            "{ext}: {titles:?}"
        );
        // Real markup: scripts and styles say nothing, other tags leave their text.
        assert!(titles.contains(&"진짜 마크업 제목"), "{ext}: {titles:?}");
        // `]]>` is text; `<![CDATA[>` in HTML is a bogus comment; `&lt;![CDATA[` is text.
        assert!(
            titles.contains(&"CDATA ]]> 끝 ]]]]> <![CDATA[ 안쪽 ]]> 제목"),
            "{ext}: {titles:?}"
        );
        for t in &titles {
            assert!(!t.contains("alert(2)") && !t.contains("alert(3)"), "{t}");
        }
    }
    for name in ["feeds.opml", "index.html"] {
        let text = std::fs::read_to_string(b.file(name))
            .unwrap()
            .to_lowercase();
        assert!(!text.contains("<script"), "{name} holds a raw <script>");
    }
    let v = b.json();
    let mut strings = Vec::new();
    json_strings(&v, &mut strings);
    for item in v["items"].as_array().unwrap() {
        if let Some(html) = item["content_html"].as_str() {
            assert!(
                !html.to_lowercase().contains("<script"),
                "content_html carries a script: {html}"
            );
        }
    }
    // Script bodies from real markup never reach any field.
    for s in strings {
        for body in ["alert(4)", "alert(5)", "alert(6)", "document.write"] {
            assert!(!s.contains(body), "JSON carries {body}: {s}");
        }
    }
}

/// RSS 2.0's `<description>` is HTML (entity-encoded), so a summary that is plain text
/// must be HTML-escaped before it goes in: the page's *text* "<script>alert(…)</script>"
/// must reach a reader as text, not as a script element. feed-rs, like readers, hands
/// the description over as HTML.
#[test]
fn rss_description_html_carries_text_not_markup() {
    let b = build();
    let feed = b.feed("rss");
    for e in &feed.entries {
        let Some(summary) = &e.summary else { continue };
        let html = summary.content.to_lowercase();
        for tag in ["<script", "<img", "<iframe"] {
            assert!(
                !html.contains(tag),
                "item {:?}: the RSS description, read as HTML, holds a {tag} element: {:?}",
                text_of(&e.title),
                summary.content
            );
        }
    }
}

#[test]
fn long_fields_are_cut_to_their_limits() {
    let b = build();
    let (mut titles, mut summaries, mut authors) = (Vec::new(), Vec::new(), Vec::new());
    for ext in ["rss", "atom", "json"] {
        let feed = b.feed(ext);
        for e in &feed.entries {
            titles.push((ext, text_of(&e.title).to_string()));
            summaries.push((ext, text_of(&e.summary).to_string()));
            for a in &e.authors {
                authors.push((ext, a.name.clone()));
            }
        }
    }
    let v = b.json();
    for item in v["items"].as_array().unwrap() {
        titles.push(("json raw", item["title"].as_str().unwrap().to_string()));
        if let Some(s) = item["summary"].as_str() {
            summaries.push(("json raw", s.to_string()));
        }
        if let Some(s) = item["content_text"].as_str() {
            summaries.push(("json content_text", s.to_string()));
        }
        for a in item["authors"].as_array().into_iter().flatten() {
            authors.push(("json raw", a["name"].as_str().unwrap().to_string()));
        }
    }
    let check = |what: &str, list: &[(&str, String)], max: usize| {
        let mut longest = 0;
        for (ext, s) in list {
            let n = s.chars().count();
            longest = longest.max(n);
            assert!(
                n <= max + 1,
                "{ext}: a {what} of {n} characters (at most {max} and \"…\"): {}…",
                s.chars().take(40).collect::<String>()
            );
        }
        // The megabyte one is in the feed, cut, not dropped.
        assert!(
            longest > max / 2,
            "no long {what} in the feeds (longest {longest}): was the item dropped?"
        );
        assert!(
            list.iter()
                .any(|(_, s)| s.ends_with('\u{2026}') && s.chars().count() > max / 2),
            "no {what} ends with \"…\""
        );
    };
    check("title", &titles, MAX_TITLE);
    check("summary", &summaries, MAX_SUMMARY);
    check("author", &authors, MAX_AUTHOR);
    // And the files stay small: megabytes on the page, kilobytes in the feed.
    for ext in ["rss", "atom", "json"] {
        let len = std::fs::metadata(b.path(ext)).unwrap().len();
        assert!(len < 64 * 1024, "{ID}.{ext} is {len} bytes");
    }
}

#[test]
fn no_character_xml_cannot_carry() {
    let b = build();
    let mut files: Vec<(String, String)> = ["rss", "atom"]
        .iter()
        .map(|ext| (format!("{ID}.{ext}"), b.text(ext)))
        .collect();
    for name in ["feeds.opml", "index.html"] {
        files.push((name.into(), std::fs::read_to_string(b.file(name)).unwrap()));
    }
    for (name, text) in &files {
        let bad: Vec<String> = text
            .chars()
            .filter(|&c| xml_invalid(c))
            .map(|c| format!("U+{:04X}", c as u32))
            .collect();
        assert!(bad.is_empty(), "{name} holds {bad:?}");
        for (r, c) in char_refs(text) {
            assert!(
                c.is_some_and(|c| !xml_invalid(c)),
                "{name} holds the character reference {r}"
            );
        }
    }
    // What the page meant is kept around the dropped characters.
    let atom = b.feed("atom");
    let titles: Vec<&str> = atom.entries.iter().map(|e| text_of(&e.title)).collect();
    assert!(
        titles
            .iter()
            .any(|t| t.starts_with("제어") && t.ends_with("제목")),
        "{titles:?}"
    );
}

/// The JSON Feed carries the same text as the XML feeds, so its strings must not carry the
/// characters those drop either: JSON could escape them (`\u0001`), but they are garbage
/// from the page, and readers put them into XML and HTML.
#[test]
fn json_feed_strings_hold_no_control_characters() {
    let b = build();
    let v = b.json();
    let mut strings = Vec::new();
    json_strings(&v, &mut strings);
    let mut found = Vec::new();
    for s in strings {
        let bad: Vec<String> = s
            .chars()
            .filter(|&c| xml_invalid(c))
            .map(|c| format!("U+{:04X}", c as u32))
            .collect();
        if !bad.is_empty() {
            found.push(format!("{bad:?} in {s:?}"));
        }
    }
    assert!(
        found.is_empty(),
        "{ID}.json holds characters XML 1.0 cannot carry:\n{}",
        found.join("\n")
    );
}

#[test]
fn links_with_quotes_spaces_and_hangul_are_valid_urls() {
    let b = build();
    let expect_path = |p: &str| format!("{}{p}", b.server.base());
    for ext in ["rss", "atom", "json"] {
        let feed = b.feed(ext);
        let links: Vec<String> = feed
            .entries
            .iter()
            .map(|e| e.links.first().map(|l| l.href.clone()).unwrap_or_default())
            .collect();
        for l in &links {
            let u = url::Url::parse(l).unwrap_or_else(|e| panic!("{ext}: {l:?}: {e}"));
            assert!(matches!(u.scheme(), "http" | "https"), "{ext}: {l}");
            assert!(
                !l.contains(['"', ' ', '<', '>', '\t', '\n']),
                "{ext}: {l:?} is not percent-encoded"
            );
        }
        assert!(
            links.contains(&expect_path(
                "/news/view/6?q=%22%EC%9D%B8%EC%9A%A9%22%20a%20b&x=%3Cy%3E&z=%27%ED%99%91%27"
            )),
            "{ext}: {links:#?}"
        );
        assert!(
            links.contains(&expect_path(
                "/%EB%89%B4%EC%8A%A4/%ED%95%9C%EA%B8%80%20%EA%B8%B0%EC%82%AC/%227%22/%3Ctag%3E"
            )),
            "{ext}: {links:#?}"
        );
    }
}

/// A web page that links to `file:///…` must not make feedmill read a local file and
/// publish it: `file://` feeds are for local list pages named in feeds.toml, not for
/// links a site hands out. Neither the link nor the file's text may reach the feeds.
#[test]
fn file_links_on_a_web_page_are_neither_published_nor_read() {
    const LOCAL_SECRET: &str = "LOCAL-FILE-SECRET-7d1f";
    let secret_dir = tempfile::tempdir().unwrap();
    let secret = secret_dir.path().join("private.html");
    std::fs::write(
        &secret,
        format!(
            "<!DOCTYPE html><html><head><title>{LOCAL_SECRET} title</title>\
             <meta name=\"description\" content=\"{LOCAL_SECRET} description\">\
             <meta property=\"article:published_time\" content=\"2026-02-10T10:00:00+09:00\">\
             </head><body><article><h1>{LOCAL_SECRET} heading</h1>\
             <p>{LOCAL_SECRET} first paragraph of a private file, long enough to be a body.</p>\
             <p>{LOCAL_SECRET} second paragraph of the private file, still going on.</p>\
             </article></body></html>"
        ),
    )
    .unwrap();
    let file_url = url::Url::from_file_path(&secret).unwrap();
    let page = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><div class=\"list\">\
         <article class=\"item\"><h3><a href=\"/news/view/1\">보통 기사</a></h3>\
         <span class=\"date\">2026.02.10 19:39</span></article>\
         <article class=\"item\"><h3><a href=\"{file_url}\">비공개 파일</a></h3>\
         <span class=\"date\">2026.02.10 19:38</span></article>\
         </div></body></html>"
    );
    let b = build_page(
        page.into_bytes(),
        &format!("[feeds.{ID}.article]\nfetch = true\nfull_text = true\n"),
    );
    for ext in ["rss", "atom", "json"] {
        let text = b.text(ext);
        assert!(
            !text.contains(LOCAL_SECRET),
            "{ID}.{ext} publishes the text of {}",
            secret.display()
        );
        assert!(
            !text.contains("file://"),
            "{ID}.{ext} links to a local file a web page named"
        );
    }
}
