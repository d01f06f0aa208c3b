//! Built items: the UTF-8 list, the raw RSS structure, Atom against the RELAX NG schema.

use std::path::Path;

use regex::Regex;

use crate::checks::*;
use crate::common::{tool_or_skip, xmllint};
use crate::expected::*;
use crate::site::*;

// 1. UTF-8 list

#[test]
fn utf8_list_builds_exact_rss_and_atom_items() {
    let site = Site::new();
    site.write_config(&utf8_feed(UTF8_ID, &site.utf8_url()));
    let out = site.run(&["build"]);
    assert_exit(&out, 0);
    assert_eq!(site.server.hits(UTF8_PATH), 1, "the page is fetched once");

    check_rss(&site, UTF8_ID, UTF8_TITLE, &site.utf8_url(), &UTF8_ITEMS);
    check_atom(&site, UTF8_ID, UTF8_TITLE, &site.utf8_url(), &UTF8_ITEMS);

    let rss = site.read(&format!("{UTF8_ID}.rss"));
    let atom = site.read(&format!("{UTF8_ID}.atom"));
    assert!(rss.contains("<pubDate>Tue, 10 Feb 2026 19:32:00 +0900</pubDate>"));
    assert!(rss.contains("<pubDate>Mon, 09 Feb 2026 22:10:00 +0900</pubDate>"));
    assert!(atom.contains("<published>2026-02-10T19:32:00+09:00</published>"));
    assert!(atom.contains("<published>2026-02-09T22:10:00+09:00</published>"));

    // Nothing from the menus, ranking box, photo box, related box, ads or footer.
    for (name, xml) in [("rss", &rss), ("atom", &atom)] {
        for id in UTF8_NOT_ITEMS {
            assert!(!xml.contains(id), "{name} contains non-list article {id}");
        }
        for junk in [
            "utm_",
            "fbclid",
            "#comments",
            "많이 본 뉴스",
            "[포토]",
            "[단독]",
            "로그인",
            "개인정보처리방침",
            "ads.adnet.test",
            "page=2",
            "[12]",
        ] {
            assert!(!xml.contains(junk), "{name} contains {junk:?}");
        }
    }
}

#[test]
fn utf8_list_default_link_and_attribute_selector() {
    // Without `link`, an item's link is its first a[href]: here the thumbnail link,
    // which carries a tracking query on the repeated article — same canonical URLs.
    // `image = "img@data-src"` reads only that attribute: one item has it.
    let site = Site::new();
    let feed = utf8_feed(UTF8_ID, &site.utf8_url())
        .replace("link = \"h3 a\"\n", "")
        .replace("image = \"img\"", "image = \"img@data-src\"");
    site.write_config(&feed);
    let out = site.run(&["build"]);
    assert_exit(&out, 0);

    let expected: Vec<Item> = UTF8_ITEMS
        .iter()
        .map(|i| Item {
            image: if i.link.ends_with("20260210000099") {
                i.image
            } else {
                None
            },
            ..*i
        })
        .collect();
    check_rss(&site, UTF8_ID, UTF8_TITLE, &site.utf8_url(), &expected);
    check_atom(&site, UTF8_ID, UTF8_TITLE, &site.utf8_url(), &expected);
}

// ---------------------------------------------------------------------------
// 2. Raw RSS structure

#[test]
fn rss_raw_structure_and_date_format() {
    let site = Site::new();
    site.write_config(&format!(
        "{}{}",
        utf8_feed(UTF8_ID, &site.utf8_url()),
        times_feed(TIMES_ID, &site.times_url())
    ));
    let out = site.run(&["build"]);
    assert_exit(&out, 0);
    let lint = tool_or_skip(
        "xmllint",
        "libxml2-utils",
        "rss_raw_structure_and_date_format: namespace well-formedness",
    );

    let date_re = Regex::new(
        r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$",
    )
    .unwrap();
    let guid_re =
        Regex::new(r#"(?s)<guid\s+isPermaLink\s*=\s*["']true["']\s*>(.*?)</guid>"#).unwrap();
    let atom_link_re = Regex::new(r"<atom:link\s[^>]*>").unwrap();
    let rss_root_re = Regex::new(r#"<rss\s[^>]*version="2\.0""#).unwrap();

    for (id, expected_count) in [(UTF8_ID, UTF8_ITEMS.len()), (TIMES_ID, TIMES_ITEMS.len())] {
        let file = format!("{id}.rss");
        let xml = site.read(&file);
        let ctx = file.as_str();

        assert!(
            xml.trim_start().starts_with("<?xml"),
            "{ctx}: XML declaration"
        );
        assert!(rss_root_re.is_match(&xml), "{ctx}: <rss version=\"2.0\">");
        if lint {
            let (ok, err) = xmllint(&["--noout"], &site.out(&file));
            assert!(
                ok && err.trim().is_empty(),
                "{ctx}: not namespace-well-formed XML:\n{err}"
            );
        }

        // Channel elements, before the first item.
        let channel = raw_element(&xml, "channel").expect("<channel>");
        let head = channel.split("<item").next().unwrap();
        for tag in [
            "title",
            "link",
            "description",
            "language",
            "lastBuildDate",
            "generator",
        ] {
            let value =
                raw_element(head, tag).unwrap_or_else(|| panic!("{ctx}: channel lacks <{tag}>"));
            assert!(!value.trim().is_empty(), "{ctx}: channel <{tag}> is empty");
        }
        assert!(
            raw_element(head, "generator").unwrap().contains("feedmill"),
            "{ctx}: generator names feedmill"
        );
        let self_links: Vec<&str> = atom_link_re
            .find_iter(head)
            .map(|m| m.as_str())
            .filter(|t| t.contains(r#"rel="self""#))
            .collect();
        assert_eq!(
            self_links.len(),
            1,
            "{ctx}: one atom:link rel=\"self\" in the channel"
        );
        assert!(
            self_links[0].contains(&format!(r#"href="{BASE_URL}{id}.rss""#)),
            "{ctx}: {}",
            self_links[0]
        );
        assert!(
            xml.contains(r#"xmlns:atom="http://www.w3.org/2005/Atom""#),
            "{ctx}: atom namespace"
        );

        // Every date is RFC 2822 with a numeric offset, and that offset is +0900 here.
        let dates: Vec<&str> = raw_blocks(&xml, "pubDate")
            .into_iter()
            .chain(raw_blocks(&xml, "lastBuildDate"))
            .collect();
        assert_eq!(
            dates.len(),
            expected_count + 1,
            "{ctx}: one pubDate per item + lastBuildDate"
        );
        for d in dates {
            assert!(date_re.is_match(d), "{ctx}: not an RFC 2822 date: {d:?}");
            assert!(
                d.ends_with(" +0900"),
                "{ctx}: not in the zone's offset: {d:?}"
            );
        }

        let items = raw_blocks(&xml, "item");
        assert_eq!(items.len(), expected_count, "{ctx}: item count");
        for item in items {
            let title = raw_element(item, "title").map(str::trim).unwrap_or("");
            let desc = raw_element(item, "description")
                .map(str::trim)
                .unwrap_or("");
            assert!(
                !title.is_empty() || !desc.is_empty(),
                "{ctx}: item with neither title nor description:\n{item}"
            );
            let link = raw_element(item, "link").expect("item <link>").trim();
            let guid = guid_re
                .captures(item)
                .unwrap_or_else(|| panic!("{ctx}: no <guid isPermaLink=\"true\">:\n{item}"));
            assert_eq!(guid[1].trim(), link, "{ctx}: guid = link");
            assert!(
                link.starts_with(&site.server.base()),
                "{ctx}: absolute link {link}"
            );
        }
    }
}

// ---------------------------------------------------------------------------
// 3. Atom against the RELAX NG schema

#[test]
fn atom_validates_against_relax_ng_schema() {
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/atom.rng");
    assert!(schema.exists(), "schema missing: {}", schema.display());
    if !tool_or_skip(
        "xmllint",
        "libxml2-utils",
        "atom_validates_against_relax_ng_schema",
    ) {
        return;
    }
    let site = Site::new();
    site.write_config(&format!(
        "{}{}{}",
        utf8_feed(UTF8_ID, &site.utf8_url()),
        euckr_feed(EUCKR_ID, &site.euckr_url()),
        times_feed(TIMES_ID, &site.times_url())
    ));
    let out = site.run(&["build"]);
    assert_exit(&out, 0);
    for id in [UTF8_ID, EUCKR_ID, TIMES_ID] {
        let file = site.out(&format!("{id}.atom"));
        let (ok, err) = xmllint(&["--noout", "--relaxng", schema.to_str().unwrap()], &file);
        assert!(
            ok,
            "{id}.atom does not validate against atom.rng:\n{err}\n{}",
            site.read(&format!("{id}.atom"))
        );
        assert!(err.contains("validates"), "{err}");
    }
}
