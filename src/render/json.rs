//! JSON Feed 1.1 (<https://jsonfeed.org/version/1.1>).

use serde::Serialize;

use super::{item_title, FeedMeta};
use crate::item::Item;

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    feed_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    authors: Vec<Author<'a>>,
    items: Vec<JsonItem<'a>>,
}

#[derive(Serialize)]
struct Author<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: &'a str,
    url: &'a str,
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_html: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    date_published: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<Author<'a>>,
}

/// Renders `items` (already sorted and cut to size) as a JSON Feed document.
pub fn render(meta: &FeedMeta, items: &[Item]) -> String {
    let page = meta.page_url.as_str();
    let feed = JsonFeed {
        version: "https://jsonfeed.org/version/1.1",
        title: &meta.title,
        home_page_url: page,
        feed_url: meta.self_url("json").map(String::from),
        description: meta.description.as_deref(),
        language: meta.language.as_deref(),
        authors: vec![Author { name: &meta.title }],
        items: items
            .iter()
            .map(|i| JsonItem {
                id: i.link.as_str(),
                url: i.link.as_str(),
                title: item_title(i),
                summary: i.summary.as_deref(),
                // JSON Feed wants content_html or content_text in every item.
                content_html: i.content.as_deref(),
                content_text: match i.content {
                    Some(_) => None,
                    None => Some(i.summary.as_deref().unwrap_or(&i.title)),
                },
                image: i.image.as_ref().map(|u| u.as_str()),
                date_published: i.published.to_rfc3339(),
                date_modified: i.updated.map(|u| u.to_rfc3339()),
                authors: i.author.iter().map(|a| Author { name: a }).collect(),
            })
            .collect(),
    };
    let mut out = serde_json::to_string_pretty(&feed).unwrap_or_else(|_| "{}".into());
    out.push('\n');
    out
}
