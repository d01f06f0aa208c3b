//! Step 1: the article URLs a page's JSON-LD names (`ItemList` elements, article objects),
//! kept when the page links to at least three of them. Scoring raises the item set that
//! holds exactly these links. Reading the scripts is [`crate::html::jsonld`]'s job.

use std::collections::HashSet;
use std::sync::LazyLock;

use scraper::Selector;
use serde_json::Value;
use url::Url;

use super::page::PageIndex;
use super::MIN_ITEMS;
use crate::html::{jsonld, resolve_link};

static A_HREF: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("a[href]").expect("static selector"));

/// Deepest JSON nesting searched for lists.
const MAX_JSON_DEPTH: usize = 48;

impl PageIndex<'_> {
    /// URLs of JSON-LD item lists (and article lists) that the page links to.
    pub(super) fn jsonld_list_links(&self) -> HashSet<Url> {
        let mut named = Vec::new();
        for script in jsonld::scripts(self.doc) {
            let text: String = script.text().collect();
            for value in &jsonld::parse(&text) {
                list_urls(value, &mut named, 0);
            }
        }
        let named: HashSet<Url> = named
            .iter()
            .filter_map(|url| resolve_link(url, &self.base))
            .filter(|url| url != self.page_url)
            .collect();
        if named.len() < MIN_ITEMS {
            return HashSet::new();
        }
        let linked: HashSet<Url> = self
            .doc
            .select(&A_HREF)
            .filter_map(|a| resolve_link(a.value().attr("href")?, &self.base))
            .filter(|url| named.contains(url))
            .collect();
        if linked.len() >= MIN_ITEMS {
            linked
        } else {
            HashSet::new()
        }
    }
}

/// The URLs a JSON-LD value lists: each `ItemList`'s elements (`url`, or the `item`'s URL) and
/// each article object's own `url` (else its `mainEntityOfPage`), in document order.
fn list_urls(value: &Value, out: &mut Vec<String>, depth: usize) {
    if depth > MAX_JSON_DEPTH || out.len() > 1_000 {
        return;
    }
    match value {
        Value::Array(array) => {
            for inner in array {
                list_urls(inner, out, depth + 1);
            }
        }
        Value::Object(object) => {
            let types = jsonld::types(object);
            if types.contains(&"ItemList") {
                if let Some(Value::Array(elements)) = object.get("itemListElement") {
                    for element in elements {
                        let url = match element {
                            Value::Object(list_item) => match list_item.get("url") {
                                Some(Value::String(url)) => Some(url.as_str()),
                                _ => list_item.get("item").and_then(url_in),
                            },
                            other => url_in(other),
                        };
                        if let Some(url) = url {
                            out.push(url.to_string());
                        }
                    }
                }
            } else if types.into_iter().any(jsonld::is_article_type) {
                let url = match object.get("url") {
                    Some(Value::String(url)) => Some(url.as_str()),
                    _ => object.get("mainEntityOfPage").and_then(url_in),
                };
                if let Some(url) = url {
                    out.push(url.to_string());
                }
            }
            for (key, inner) in object {
                if key != "itemListElement" {
                    list_urls(inner, out, depth + 1);
                }
            }
        }
        _ => {}
    }
}

/// A URL given as a string, or as an object's `url` or `@id`.
fn url_in(value: &Value) -> Option<&str> {
    match value {
        Value::String(url) => Some(url),
        Value::Object(object) => match (object.get("url"), object.get("@id")) {
            (Some(Value::String(url)), _) | (None, Some(Value::String(url))) => Some(url),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_list_urls() {
        let deep = "[".repeat(10_000);
        assert!(jsonld::parse(&deep).is_empty());
        let mut urls = Vec::new();
        let values = jsonld::parse(
            r#"{"@graph":[{"@type":"NewsArticle","mainEntityOfPage":{"@id":"https://x.kr/a/1"}},
                {"@type":["ItemList"],"itemListElement":[{"item":{"@id":"/a/2"}},"/a/3",{"url":"/a/4"}]}]}"#,
        );
        list_urls(&values[0], &mut urls, 0);
        assert_eq!(urls, ["https://x.kr/a/1", "/a/2", "/a/3", "/a/4"]);
    }
}
