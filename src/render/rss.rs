//! RSS 2.0, with the atom (self link), dc (creator) and media (image) extensions.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use rss::extension::atom::{AtomExtension, Link};
use rss::extension::dublincore::DublinCoreExtension;
use rss::extension::{Extension, ExtensionMap};
use rss::{Channel, Guid};

use super::{feed_updated, generator, item_title, xml_safe, FeedMeta};
use crate::item::Item;

const MEDIA_NS: &str = "http://search.yahoo.com/mrss/";

/// Plain text as HTML text: `&`, `<` and `>` escaped (quotes need no escaping outside attributes).
fn html_text(text: &str) -> String {
    crate::html::escape_text(&xml_safe(text))
}

/// RFC 822 / 2822 with the item's own offset: "Tue, 10 Feb 2026 19:32:00 +0900".
pub fn rfc822(t: &DateTime<FixedOffset>) -> String {
    t.format("%a, %d %b %Y %H:%M:%S %z").to_string()
}

/// Renders `items` (already sorted and cut to size) as an RSS 2.0 document.
pub fn render(meta: &FeedMeta, items: &[Item]) -> String {
    let mut channel = Channel {
        title: xml_safe(&meta.title),
        link: meta.page_url.to_string(),
        description: xml_safe(&meta.description_or_default()),
        language: meta.language.clone(),
        last_build_date: feed_updated(items).map(|t| rfc822(&t)),
        generator: Some(generator()),
        docs: Some("https://www.rssboard.org/rss-specification".into()),
        ..Channel::default()
    };
    if let Some(self_url) = meta.self_url("rss") {
        channel.atom_ext = Some(AtomExtension {
            links: vec![Link {
                href: self_url.to_string(),
                rel: "self".into(),
                mime_type: Some("application/rss+xml".into()),
                ..Link::default()
            }],
        });
    }
    if items.iter().any(|i| i.image.is_some()) {
        channel.namespaces.insert("media".into(), MEDIA_NS.into());
    }
    channel.items = items.iter().map(rss_item).collect();
    // The rss crate leaves isPermaLink out when it is true (the spec's default); say it
    // anyway, as validators and some readers expect. Every guid here is a permalink, and
    // element text is escaped, so the literal tag can only be a guid's.
    channel
        .to_string()
        .replace("<guid>", "<guid isPermaLink=\"true\">")
}

fn rss_item(item: &Item) -> rss::Item {
    let mut out = rss::Item {
        title: Some(item_title(item)),
        link: Some(item.link.to_string()),
        guid: Some(Guid {
            value: item.link.to_string(),
            permalink: true,
        }),
        pub_date: Some(rfc822(&item.published)),
        // RSS readers read a description as HTML; the summary is plain text, so escape it,
        // or a page's "&lt;script&gt;" would reach the reader as a script element.
        description: item.summary.as_deref().map(html_text),
        content: item.content.as_deref().map(xml_safe),
        ..rss::Item::default()
    };
    if let Some(author) = &item.author {
        out.dublin_core_ext = Some(DublinCoreExtension {
            creators: vec![xml_safe(author)],
            ..DublinCoreExtension::default()
        });
    }
    if let Some(image) = &item.image {
        let mut attrs = BTreeMap::new();
        attrs.insert("url".to_string(), image.to_string());
        attrs.insert("medium".to_string(), "image".to_string());
        let content = Extension {
            name: "media:content".into(),
            attrs,
            ..Extension::default()
        };
        let mut media = BTreeMap::new();
        media.insert("content".to_string(), vec![content]);
        let mut ext = ExtensionMap::new();
        ext.insert("media".to_string(), media);
        out.extensions = ext;
    }
    out
}
