//! The JSON Feed's strings, and links with quotes, spaces, Hangul or a `file:` scheme.

use crate::page::*;

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
