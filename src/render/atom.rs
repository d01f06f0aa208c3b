//! Atom 1.0 (RFC 4287).

use atom_syndication::{Content, Entry, Feed, Generator, Link, Person, Text};
use chrono::{DateTime, FixedOffset};

use super::{feed_updated, item_title, xml_safe, FeedMeta};
use crate::item::Item;

/// The feed's id without a base URL: its page's URL with the feed id as fragment, so that two
/// feeds of one page (different filters, say) never share an id.
fn page_feed_id(meta: &FeedMeta) -> String {
    let mut url = meta.page_url.clone();
    url.set_fragment(Some(&format!("feedmill-{}", meta.id)));
    url.to_string()
}

/// Renders `items` (already sorted and cut to size) as an Atom document. An empty feed takes
/// `empty_time` as its `updated`, which Atom requires.
pub fn render(meta: &FeedMeta, items: &[Item], empty_time: DateTime<FixedOffset>) -> String {
    let self_url = meta.self_url("atom");
    let mut links = vec![Link {
        href: meta.page_url.to_string(),
        rel: "alternate".into(),
        mime_type: Some("text/html".into()),
        ..Link::default()
    }];
    if let Some(url) = &self_url {
        links.push(Link {
            href: url.to_string(),
            rel: "self".into(),
            mime_type: Some("application/atom+xml".into()),
            ..Link::default()
        });
    }
    let feed = Feed {
        id: self_url.map_or_else(|| page_feed_id(meta), |u| u.to_string()),
        title: Text::plain(xml_safe(&meta.title)),
        updated: feed_updated(items).unwrap_or(empty_time),
        // Atom needs an author for every entry; the site stands in for entries without one.
        authors: vec![Person {
            name: xml_safe(&meta.title),
            uri: Some(meta.page_url.to_string()),
            ..Person::default()
        }],
        links,
        subtitle: meta
            .description
            .as_deref()
            .map(|d| Text::plain(xml_safe(d))),
        generator: Some(Generator {
            value: "feedmill".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
            ..Generator::default()
        }),
        lang: meta.language.clone(),
        entries: items.iter().map(entry).collect(),
        ..Feed::default()
    };
    feed.to_string()
}

fn entry(item: &Item) -> Entry {
    Entry {
        id: item.link.to_string(),
        title: Text::plain(item_title(item)),
        updated: item.modified(),
        published: Some(item.published),
        links: vec![Link {
            href: item.link.to_string(),
            rel: "alternate".into(),
            mime_type: Some("text/html".into()),
            ..Link::default()
        }],
        summary: item.summary.as_deref().map(|s| Text::plain(xml_safe(s))),
        content: item.content.as_deref().map(|c| Content {
            value: Some(xml_safe(c)),
            content_type: Some("html".into()),
            ..Content::default()
        }),
        authors: item
            .author
            .iter()
            .map(|a| Person {
                name: xml_safe(a),
                ..Person::default()
            })
            .collect(),
        ..Entry::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_feeds_of_one_page_have_different_ids() {
        let meta = |id: &str| FeedMeta {
            id: id.into(),
            title: "뉴스핌 글로벌".into(),
            page_url: url::Url::parse("https://www.newspim.com/news/lists/?category_cd=107")
                .unwrap(),
            description: None,
            language: Some("ko".into()),
            base_url: None,
        };
        let at = DateTime::parse_from_rfc3339("2026-02-11T09:00:00+09:00").unwrap();
        let a = render(&meta("np-global"), &[], at);
        let b = render(&meta("np-global-photo"), &[], at);
        let id = |doc: &str| {
            let start = doc.find("<id>").unwrap() + 4;
            doc[start..start + doc[start..].find("</id>").unwrap()].to_string()
        };
        assert_ne!(id(&a), id(&b));
        assert_eq!(
            id(&a),
            "https://www.newspim.com/news/lists/?category_cd=107#feedmill-np-global"
        );
    }
}
