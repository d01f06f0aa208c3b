//! Reading each item of a JSON list into a [`ListItem`]: its link resolved against the page,
//! text with markup and entities taken out, dates through the date reader (numbers as Unix
//! seconds or milliseconds), and counts of what was missing for the warnings.

use std::collections::HashMap;

use scraper::Html;
use serde_json::Value;
use url::Url;

use super::walk::{kind, walk, Miss};
use super::JsonListError;
use crate::config::JsonPath;
use crate::dates::DateContext;
use crate::extract::{FoundFields, ListItem, ListPage};
use crate::html::{collapse_ws, non_empty, resolve_link, text_of};

/// Bytes of one string value read as text; a field never needs more.
const MAX_VALUE_BYTES: usize = 64 * 1024;

/// The path each field is read from, and whether the feed's table named it (a path the
/// table names must lead somewhere; a chosen one does by construction).
#[derive(Debug, Clone)]
pub(super) struct FieldPaths {
    pub(super) link: JsonPath,
    pub(super) title: Option<JsonPath>,
    pub(super) summary: Option<JsonPath>,
    pub(super) date: Option<JsonPath>,
    pub(super) image: Option<JsonPath>,
    pub(super) author: Option<JsonPath>,
    /// Field names whose path the table set.
    pub(super) configured: Vec<&'static str>,
    pub(super) date_format: Option<String>,
}

impl FieldPaths {
    pub(super) fn all(&self) -> [(&'static str, Option<&JsonPath>); 6] {
        [
            ("link", Some(&self.link)),
            ("title", self.title.as_ref()),
            ("summary", self.summary.as_ref()),
            ("date", self.date.as_ref()),
            ("image", self.image.as_ref()),
            ("author", self.author.as_ref()),
        ]
    }
}

/// How one field fared over the items.
#[derive(Default)]
struct FieldCount {
    /// Items where the path led nowhere.
    misses: usize,
    /// The first miss, and the index of its item.
    first_miss: Option<(usize, Miss)>,
    /// Items where it led to a value other than null.
    found: usize,
    /// Items where it led to an object or array that holds no text.
    not_text: usize,
    not_text_kind: &'static str,
}

/// A string's text as a reader sees it: markup and entities out, white space collapsed.
fn clean(s: &str) -> String {
    let mut end = s.len().min(MAX_VALUE_BYTES);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let s = &s[..end];
    if s.contains('<') {
        let fragment = Html::parse_fragment(s);
        return text_of(fragment.root_element());
    }
    collapse_ws(&crate::html::jsonld::decode_entities(s))
}

/// A value as text: a string cleaned, a number as written, strings of an array joined.
pub(super) fn plain_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => non_empty(clean(s)),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(list) if !list.is_empty() && list.iter().all(Value::is_string) => {
            let parts: Vec<String> = list.iter().take(20).filter_map(plain_text).collect();
            non_empty(parts.join(", "))
        }
        _ => None,
    }
}

/// A value as date text: a string as is; a number as a whole one (Unix seconds or
/// milliseconds, which the date reader takes when they are the whole text).
pub(super) fn date_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if s.len() <= 200 => non_empty(collapse_ws(s)),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => Some(i.to_string()),
            (None, Some(f)) if f.is_finite() && f.abs() < 1e15 => {
                Some((f.trunc() as i64).to_string())
            }
            _ => None,
        },
        _ => None,
    }
}

/// The text of a field that may be an object or a list of objects naming it (`{"url": …}`,
/// `[{"name": "김철수"}, {"name": "이영희"}]`): the first of `keys` each holds.
fn text_or_named(v: &Value, keys: &[&str]) -> Option<String> {
    if let Some(t) = plain_text(v) {
        return Some(t);
    }
    let named = |o: &Value| keys.iter().find_map(|k| o.get(*k).and_then(plain_text));
    match v {
        Value::Object(_) => named(v),
        Value::Array(list) => {
            let parts: Vec<String> = list.iter().take(20).filter_map(named).collect();
            non_empty(parts.join(", "))
        }
        _ => None,
    }
}

/// Reads the items of `list` (at most `max` of them) with `paths`.
pub(super) fn read_items(
    list: &[Value],
    paths: &FieldPaths,
    base: &Url,
    ctx: DateContext,
    max: usize,
) -> Result<ListPage, JsonListError> {
    let mut page = ListPage::default();
    let mut counts: HashMap<&'static str, FieldCount> = HashMap::new();
    let mut index: HashMap<Url, usize> = HashMap::new();
    let mut without_link = 0;
    let taken = &list[..list.len().min(max)];
    for (at, item) in taken.iter().enumerate() {
        // One field of this item: its value, counting a path that leads nowhere.
        let mut get = |name: &'static str, path: Option<&JsonPath>| -> Option<&Value> {
            let path = path?;
            let c = counts.entry(name).or_default();
            match walk(item, path) {
                Ok(Value::Null) => None,
                Ok(v) => {
                    c.found += 1;
                    Some(v)
                }
                Err(miss) => {
                    c.misses += 1;
                    c.first_miss.get_or_insert((at, miss));
                    None
                }
            }
        };
        let link_v = get("link", Some(&paths.link));
        let title_v = get("title", paths.title.as_ref());
        let summary_v = get("summary", paths.summary.as_ref());
        let date_v = get("date", paths.date.as_ref());
        let image_v = get("image", paths.image.as_ref());
        let author_v = get("author", paths.author.as_ref());
        let mut text = |name: &'static str, v: Option<&Value>, keys: &[&str]| -> Option<String> {
            let v = v?;
            let t = text_or_named(v, keys);
            if t.is_none() && (v.is_object() || v.is_array()) {
                let c = counts.entry(name).or_default();
                c.not_text += 1;
                c.not_text_kind = kind(v);
            }
            t
        };
        const URL_KEYS: &[&str] = &["url", "href", "link", "src"];
        let link = text("link", link_v, URL_KEYS).and_then(|t| resolve_link(&t, base));
        let title = text("title", title_v, &["text", "name"]);
        let summary = text("summary", summary_v, &["text"]);
        let author = text("author", author_v, &["name", "displayName"]);
        let image = text("image", image_v, URL_KEYS)
            .and_then(|t| base.join(t.trim()).ok())
            .filter(|u| matches!(u.scheme(), "http" | "https"));
        let date_text = date_v.and_then(date_text);
        let Some(link) = link else {
            without_link += 1;
            continue;
        };
        let found = FoundFields {
            title,
            summary,
            author,
            image,
            date_text,
        };
        let item = ListItem::from_found(link, found, paths.date_format.as_deref(), ctx);
        match index.get(&item.link) {
            // A later duplicate fills what the first sighting lacked.
            Some(&i) => {
                let first = &mut page.items[i];
                first.title = first.title.take().or(item.title);
                first.summary = first.summary.take().or(item.summary);
                first.author = first.author.take().or(item.author);
                first.image = first.image.take().or(item.image);
                if first.date.is_none() && item.date.is_some() {
                    first.date = item.date;
                    first.date_text = item.date_text;
                    first.updated = item.updated;
                    first.date_problem = None;
                }
            }
            None => {
                index.insert(item.link.clone(), page.items.len());
                page.items.push(item);
            }
        }
    }
    let n = taken.len();
    // A path the table names that leads nowhere in any item is a mistake in the table.
    for (name, path) in paths.all() {
        let (Some(path), Some(c)) = (path, counts.get(name)) else {
            continue;
        };
        if c.found == 0 && paths.configured.contains(&name) {
            if let Some((at, miss)) = &c.first_miss {
                let which = match at {
                    0 => "the first item".to_string(),
                    n => format!("item {}", n + 1),
                };
                return Err(JsonListError::Path {
                    key: name,
                    path: path.to_string(),
                    miss: format!("in {which}, {miss}"),
                });
            }
        }
    }
    let w = &mut page.warnings;
    if list.len() > max {
        w.push(format!(
            "the list holds {} items; the first {max} were read",
            list.len()
        ));
    }
    if without_link > 0 {
        w.push(format!(
            "skipped {without_link} of {n} items without a link (json.link = \"{}\")",
            paths.link
        ));
    }
    for (name, path) in paths.all() {
        let (Some(path), Some(c)) = (path, counts.get(name)) else {
            continue;
        };
        if c.misses > 0 && name != "link" {
            w.push(format!(
                "json.{name} = \"{path}\" matched nothing in {} of {n} items",
                c.misses
            ));
        }
        if c.not_text > 0 {
            w.push(format!(
                "json.{name} = \"{path}\" is {} with no text in {} of {n} items; name the key inside it that holds the text",
                c.not_text_kind, c.not_text
            ));
        }
    }
    if let Some(msg) = crate::extract::undated_warning(&page.items) {
        page.warnings.push(msg);
    }
    Ok(page)
}
