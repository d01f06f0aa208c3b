//! Shared checks of a built RSS or Atom file against the expected items.

use crate::expected::*;
use crate::site::*;

pub(crate) fn check_rss(site: &Site, id: &str, title: &str, page_url: &str, expected: &[Item]) {
    let xml = site.read(&format!("{id}.rss"));
    let feed = parse_feed(&xml, &format!("{id}.rss"));

    assert_eq!(text(&feed.title), Some(title), "channel title");
    assert!(
        feed.links.iter().any(|l| l.href == page_url),
        "channel link must be the page url {page_url}; got {:?}",
        feed.links.iter().map(|l| &l.href).collect::<Vec<_>>()
    );
    assert_eq!(feed.language.as_deref(), Some("ko"), "channel language");
    let newest = expected.iter().map(|i| utc(i.time)).max().unwrap();
    assert_eq!(
        feed.updated,
        Some(newest),
        "lastBuildDate = newest item's time"
    );
    let last_build = raw_element(&xml, "lastBuildDate").expect("<lastBuildDate>");
    assert_eq!(last_build, rfc2822(expected[0].time), "lastBuildDate text");

    let titles: Vec<Option<&str>> = feed.entries.iter().map(|e| text(&e.title)).collect();
    assert_eq!(
        feed.entries.len(),
        expected.len(),
        "item count in {id}.rss; titles: {titles:#?}"
    );
    let raw_items = raw_blocks(&xml, "item");
    assert_eq!(raw_items.len(), expected.len(), "<item> count");

    for (i, (entry, exp)) in feed.entries.iter().zip(expected).enumerate() {
        let link = site.abs(exp.link);
        let ctx = format!("{id}.rss item #{i} (expected {:?})", exp.title);
        assert_eq!(text(&entry.title), Some(exp.title), "{ctx}: title");
        assert_eq!(
            entry
                .links
                .iter()
                .map(|l| l.href.as_str())
                .collect::<Vec<_>>(),
            vec![link.as_str()],
            "{ctx}: link"
        );
        assert_eq!(entry.id, link, "{ctx}: guid = canonical link");
        match exp.summary {
            Some(s) => assert_eq!(text(&entry.summary), Some(s), "{ctx}: description"),
            None => assert!(
                text(&entry.summary).is_none_or(|s| s.trim().is_empty()),
                "{ctx}: no summary expected, got {:?}",
                text(&entry.summary)
            ),
        }
        assert_eq!(
            entry.published,
            Some(utc(exp.time)),
            "{ctx}: pubDate instant"
        );
        let names: Vec<&str> = entry.authors.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            exp.author.into_iter().collect::<Vec<_>>(),
            "{ctx}: dc:creator"
        );
        match exp.image {
            Some(img) => assert_eq!(
                media_urls(entry),
                vec![site.abs(img)],
                "{ctx}: image (media:content or enclosure)"
            ),
            None => assert!(media_urls(entry).is_empty(), "{ctx}: no image expected"),
        }

        // The raw text: pubDate in the zone's offset, guid a permalink.
        let raw = raw_items[i];
        assert_eq!(
            raw_element(raw, "pubDate"),
            Some(rfc2822(exp.time).as_str()),
            "{ctx}: raw pubDate"
        );
        if let Some(a) = exp.author {
            assert!(
                raw.contains(&format!("<dc:creator>{a}</dc:creator>")),
                "{ctx}: raw dc:creator\n{raw}"
            );
        }
    }
}

pub(crate) fn check_atom(site: &Site, id: &str, title: &str, page_url: &str, expected: &[Item]) {
    let xml = site.read(&format!("{id}.atom"));
    let feed = parse_feed(&xml, &format!("{id}.atom"));

    assert!(!feed.id.trim().is_empty(), "feed id");
    assert_eq!(text(&feed.title), Some(title), "feed title");
    let newest = expected.iter().map(|i| utc(i.time)).max().unwrap();
    assert_eq!(
        feed.updated,
        Some(newest),
        "feed updated = newest item's time"
    );
    let self_href = format!("{BASE_URL}{id}.atom");
    assert!(
        feed.links
            .iter()
            .any(|l| l.rel.as_deref() == Some("self") && l.href == self_href),
        "link rel=self {self_href}; got {:?}",
        feed.links
    );
    assert!(
        feed.links
            .iter()
            .any(|l| l.rel.as_deref() == Some("alternate") && l.href == page_url),
        "link rel=alternate {page_url}; got {:?}",
        feed.links
    );
    // Feed-level <updated> is the first <updated> in the document (before any entry).
    let head = xml.split("<entry").next().unwrap();
    assert_eq!(
        raw_element(head, "updated"),
        Some(expected[0].time),
        "raw feed <updated>"
    );

    assert_eq!(
        feed.entries.len(),
        expected.len(),
        "entry count in {id}.atom"
    );
    let raw_entries = raw_blocks(&xml, "entry");
    assert_eq!(raw_entries.len(), expected.len(), "<entry> count");
    let mut ids = std::collections::HashSet::new();

    for (i, (entry, exp)) in feed.entries.iter().zip(expected).enumerate() {
        let link = site.abs(exp.link);
        let ctx = format!("{id}.atom entry #{i} (expected {:?})", exp.title);
        assert!(!entry.id.trim().is_empty(), "{ctx}: id");
        assert!(
            ids.insert(entry.id.clone()),
            "{ctx}: duplicate id {}",
            entry.id
        );
        assert_eq!(text(&entry.title), Some(exp.title), "{ctx}: title");
        // rel="alternate" (or no rel, which means the same); other rels (e.g. an
        // enclosure for the image) are allowed.
        assert_eq!(
            entry
                .links
                .iter()
                .filter(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .map(|l| l.href.as_str())
                .collect::<Vec<_>>(),
            vec![link.as_str()],
            "{ctx}: link"
        );
        match exp.summary {
            Some(s) => assert_eq!(text(&entry.summary), Some(s), "{ctx}: summary"),
            None => assert!(
                text(&entry.summary).is_none_or(|s| s.trim().is_empty()),
                "{ctx}: no summary expected"
            ),
        }
        assert_eq!(entry.published, Some(utc(exp.time)), "{ctx}: published");
        assert_eq!(entry.updated, Some(utc(exp.time)), "{ctx}: updated");
        if let Some(a) = exp.author {
            let names: Vec<&str> = entry.authors.iter().map(|p| p.name.as_str()).collect();
            assert_eq!(names, vec![a], "{ctx}: author");
        }

        let raw = raw_entries[i];
        assert_eq!(
            raw_element(raw, "published"),
            Some(exp.time),
            "{ctx}: raw <published>"
        );
        assert_eq!(
            raw_element(raw, "updated"),
            Some(exp.time),
            "{ctx}: raw <updated>"
        );
    }
}
