//! The RSS and Atom renderers on nasty text, any address and any time: always readable XML.

use chrono::{DateTime, FixedOffset};
use feedmill::item::Item;
use feedmill::render::{atom, rss, FeedMeta};
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;
use url::Url;

/// Any text, weighted towards what breaks XML: markup, CDATA ends, control characters,
/// non-characters, astral characters.
fn nasty_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<String>(),
        2 => prop::collection::vec(
            prop_oneof![
                prop::sample::select(vec![
                    "<", ">", "&", "&amp;", "\"", "'", "]]>", "<![CDATA[", "<script>", "\u{0}",
                    "\u{8}", "\u{b}", "\u{c}", "\u{1f}", "\u{7f}", "\u{85}", "\u{fffe}", "\u{ffff}",
                    "\u{d7ff}", "\u{e000}", "\u{1f600}", "\r\n", "\r", "\t", " ", "한글", "--",
                    "<?xml version=\"1.0\"?>", "&#0;", "\u{200b}", "\u{feff}",
                ])
                .prop_map(str::to_string),
                "\\PC{0,8}",
            ],
            0..12,
        )
        .prop_map(|v| v.concat()),
    ]
}

fn any_url() -> impl Strategy<Value = Url> {
    (
        prop::sample::select(vec![
            "https://news.example.kr/",
            "http://127.0.0.1:8080/",
            "file:///tmp/out/",
            "https://xn--3e0b707e.kr/",
        ]),
        any::<String>(),
        proptest::option::of(any::<String>()),
    )
        .prop_map(|(base, path, query)| {
            let mut url = Url::parse(base).unwrap();
            url.set_path(&path);
            url.set_query(query.as_deref());
            url
        })
}

fn any_time() -> impl Strategy<Value = DateTime<FixedOffset>> {
    // 1900 .. 2200, any offset up to a day.
    (-2_208_988_800i64..7_258_118_400, -86_399i32..86_400).prop_map(|(secs, off)| {
        let off = FixedOffset::east_opt(off).unwrap();
        DateTime::from_timestamp(secs, 0)
            .unwrap()
            .with_timezone(&off)
    })
}

fn any_item() -> impl Strategy<Value = Item> {
    (
        any_url(),
        nasty_text(),
        proptest::option::of(nasty_text()),
        proptest::option::of(nasty_text()),
        proptest::option::of(any_url()),
        any_time(),
        proptest::option::of(any_time()),
        proptest::option::of(nasty_text()),
    )
        .prop_map(
            |(link, title, summary, author, image, published, updated, content)| Item {
                link,
                title,
                summary,
                author,
                image,
                published,
                updated,
                content,
            },
        )
}

fn any_meta() -> impl Strategy<Value = FeedMeta> {
    (
        "[a-z0-9_-]{1,16}",
        nasty_text(),
        any_url(),
        proptest::option::of(nasty_text()),
        proptest::option::of(prop_oneof!["[a-z]{2}(-[A-Z]{2})?", nasty_text()]),
        proptest::option::of(prop::sample::select(vec![
            "http://127.0.0.1:8080/",
            "https://feeds.example.org/a/b/",
            "file:///srv/feeds/",
        ])),
    )
        .prop_map(
            |(id, title, page_url, description, language, base)| FeedMeta {
                id,
                title,
                page_url,
                description,
                language,
                base_url: base.map(|b| Url::parse(b).unwrap()),
            },
        )
}

/// The parsed feed has one entry per item, in order, each with the item's link.
fn check_parsed(xml: &str, items: &[Item]) -> Result<(), TestCaseError> {
    let feed = match feed_rs::parser::parse(xml.as_bytes()) {
        Ok(feed) => feed,
        Err(e) => {
            return Err(TestCaseError::fail(format!(
                "feed-rs cannot read it: {e}\n{xml}"
            )))
        }
    };
    prop_assert_eq!(feed.entries.len(), items.len(), "{}", xml);
    for (entry, item) in feed.entries.iter().zip(items) {
        let links: Vec<&str> = entry.links.iter().map(|l| l.href.as_str()).collect();
        prop_assert!(
            links.contains(&item.link.as_str()),
            "entry links {:?} lack {}",
            links,
            item.link
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn rss_render_is_readable_xml(meta in any_meta(), items in prop::collection::vec(any_item(), 0..6)) {
        let xml = rss::render(&meta, &items);
        check_parsed(&xml, &items)?;
    }

    #[test]
    fn atom_render_is_readable_xml(
        meta in any_meta(),
        items in prop::collection::vec(any_item(), 0..6),
        empty_time in any_time(),
    ) {
        let xml = atom::render(&meta, &items, empty_time);
        check_parsed(&xml, &items)?;
    }
}
