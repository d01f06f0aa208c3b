//! The XML feeds: well formed, parsed and valid; scripts stay text; every field cut to its
//! limit; no character XML 1.0 cannot carry.

use crate::common::{tool_or_skip, xmllint};
use crate::page::*;
use std::path::Path;

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
