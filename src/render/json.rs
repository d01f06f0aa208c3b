//! JSON Feed 1.1 (<https://jsonfeed.org/version/1.1>).

use serde::Serialize;

use super::{item_title, xml_safe, FeedMeta};
use crate::item::Item;

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: String,
    home_page_url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    feed_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    authors: Vec<Author>,
    items: Vec<JsonItem<'a>>,
}

#[derive(Serialize)]
struct Author {
    name: String,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: &'a str,
    url: &'a str,
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_html: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    date_published: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<Author>,
}

/// Renders `items` (already sorted and cut to size) as a JSON Feed document. Every string goes
/// through `xml_safe`: control characters have no place in a feed, JSON or not.
pub fn render(meta: &FeedMeta, items: &[Item]) -> String {
    let feed = JsonFeed {
        version: "https://jsonfeed.org/version/1.1",
        title: xml_safe(&meta.title),
        home_page_url: meta.page_url.as_str(),
        feed_url: meta.self_url("json").map(String::from),
        description: meta.description.as_deref().map(xml_safe),
        language: meta.language.as_deref(),
        authors: vec![Author {
            name: xml_safe(&meta.title),
        }],
        items: items
            .iter()
            .map(|i| JsonItem {
                id: i.link.as_str(),
                url: i.link.as_str(),
                title: item_title(i),
                summary: i.summary.as_deref().map(xml_safe),
                // JSON Feed wants content_html or content_text in every item.
                content_html: i.content.as_deref().map(xml_safe),
                content_text: match i.content {
                    Some(_) => None,
                    None => Some(xml_safe(i.summary.as_deref().unwrap_or(&i.title))),
                },
                image: i.image.as_ref().map(|u| u.as_str()),
                date_published: i.published.to_rfc3339(),
                date_modified: i.updated.map(|u| u.to_rfc3339()),
                authors: i
                    .author
                    .iter()
                    .map(|a| Author { name: xml_safe(a) })
                    .collect(),
            })
            .collect(),
    };
    let mut out = serde_json::to_string_pretty(&feed).unwrap_or_else(|_| "{}".into());
    out.push('\n');
    out
}
