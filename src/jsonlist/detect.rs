//! Finding an article list in a page's JSON: the body when it is JSON, else the page's JSON
//! scripts (`__NEXT_DATA__`, `type="application/json"`, JSON-LD) and the objects its scripts
//! assign (`window.__INITIAL_STATE__ = {…}`).
//!
//! Every array of at least [`MIN_ITEMS`] objects is a candidate; its fields are chosen by
//! [`super::guess`], and it counts only when most items have a link and a title there. The
//! score is the share of items that do, times a bonus for size (saturating at 10 items), for a
//! date, an image and a summary. Deterministic; nodes walked, arrays weighed and scripts read
//! are capped.

use std::fmt::Write as _;

use scraper::{Html, Selector};
use serde_json::Value;
use url::Url;

use super::fields::plain_text;
use super::guess::{guess, SAMPLE};
use super::source::{assignments, parse_text, script_place, MAX_SCRIPTS};
use super::walk::walk;
use crate::config::{JsonPath, JsonSource, ScriptSelector, Segment};
use crate::dates::DateContext;
use crate::detect::{toml_key, toml_string};
use crate::html::resolve_link;

/// Fewest items a list has.
const MIN_ITEMS: usize = 3;
/// JSON nodes walked per page, over all its values.
const MAX_NODES: usize = 200_000;
/// Arrays weighed per page.
const MAX_ARRAYS: usize = 100;
/// Assignments read per script.
const MAX_ASSIGNMENTS: usize = 10;
/// Candidates returned.
const MAX_RESULTS: usize = 8;

/// A list found in a page's JSON, as the `[feeds.<id>.json]` table that reads it.
#[derive(Debug, Clone)]
pub struct JsonCandidate {
    /// The table, every field set.
    pub source: JsonSource,
    /// Where the JSON is: `the body`, `<script id="__NEXT_DATA__">`, `window.__INITIAL_STATE__`.
    pub place: String,
    /// Items in the array.
    pub count: usize,
    /// Higher is better; about 1 for a clean list of ten dated articles with links and titles.
    pub score: f64,
}

/// One JSON value of the page and how a table names it.
struct Root {
    value: Value,
    script: Option<String>,
    assignment: Option<String>,
    place: String,
}

/// Lists in the page's JSON, best first.
pub fn detect(text: &str, page_url: &Url, ctx: DateContext) -> Vec<JsonCandidate> {
    let (roots, base) = roots(text, page_url);
    let mut budget = MAX_NODES;
    let mut out: Vec<JsonCandidate> = Vec::new();
    let mut weighed = 0;
    for root in &roots {
        let mut arrays = Vec::new();
        find_arrays(
            &root.value,
            JsonPath::default(),
            0,
            &mut budget,
            &mut arrays,
        );
        for (path, list) in arrays {
            if weighed == MAX_ARRAYS {
                break;
            }
            weighed += 1;
            if let Some(c) = weigh(root, path, list, &base, ctx) {
                out.push(c);
            }
        }
    }
    // Stable: equal scores keep document order.
    out.sort_by(|a, b| b.score.total_cmp(&a.score));
    out.truncate(MAX_RESULTS);
    out
}

/// The page's JSON values: the body, or its scripts' JSON and assigned objects; and the base
/// links resolve against.
fn roots(text: &str, page_url: &Url) -> (Vec<Root>, Url) {
    if super::looks_like_json(text) {
        if let Ok(value) = parse_text(text) {
            let root = Root {
                value,
                script: None,
                assignment: None,
                place: "the body".into(),
            };
            return (vec![root], page_url.clone());
        }
    }
    if crate::html::nesting_depth(text) > crate::html::MAX_NESTING {
        return (Vec::new(), page_url.clone());
    }
    let doc = Html::parse_document(text);
    let base = crate::html::base_url(&doc, page_url);
    let scripts = Selector::parse("script").expect("static selector");
    let mut out = Vec::new();
    for script in doc.select(&scripts).take(MAX_SCRIPTS) {
        let v = script.value();
        if v.attr("src").is_some() {
            continue;
        }
        let body: String = script.text().collect();
        if body.trim().is_empty() {
            continue;
        }
        let kind = v.attr("type").unwrap_or("").trim().to_ascii_lowercase();
        if kind.contains("json") {
            if let Ok(value) = parse_text(&body) {
                out.push(Root {
                    value,
                    script: Some(script_selector(v.attr("id"), &kind)),
                    assignment: None,
                    place: script_place(script),
                });
            }
        } else if kind.is_empty() || kind.contains("javascript") || kind == "module" {
            for (name, value) in assignments(&body, MAX_ASSIGNMENTS) {
                if let Ok(value) = value {
                    out.push(Root {
                        value,
                        script: None,
                        place: format!("`{name}` in {}", script_place(script)),
                        assignment: Some(name),
                    });
                }
            }
        }
    }
    (out, base)
}

/// A selector for a JSON script: its id when it has one, else its type.
fn script_selector(id: Option<&str>, kind: &str) -> String {
    match id {
        Some(id)
            if id.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                && id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') =>
        {
            format!("#{id}")
        }
        Some(id) if !id.contains(['"', '\\']) => format!("script[id=\"{id}\"]"),
        _ => format!("script[type=\"{kind}\"]"),
    }
}

/// Arrays of at least [`MIN_ITEMS`] objects under `value`, with their paths, walking at most
/// `budget` nodes.
fn find_arrays<'v>(
    value: &'v Value,
    path: JsonPath,
    depth: usize,
    budget: &mut usize,
    out: &mut Vec<(JsonPath, &'v Vec<Value>)>,
) {
    if *budget == 0 || depth > 24 || out.len() >= MAX_ARRAYS {
        return;
    }
    *budget -= 1;
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                if v.is_object() || v.is_array() {
                    find_arrays(
                        v,
                        path.child(Segment::Key(k.clone())),
                        depth + 1,
                        budget,
                        out,
                    );
                }
            }
        }
        Value::Array(list) => {
            let objects = list.iter().take(SAMPLE).filter(|v| v.is_object()).count();
            if objects >= MIN_ITEMS {
                out.push((path.clone(), list));
            }
            // Lists inside items are other lists (tags, related articles); only the first
            // elements are looked into, for lists of lists.
            for (i, v) in list.iter().enumerate().take(3) {
                if v.is_object() || v.is_array() {
                    find_arrays(v, path.child(Segment::Index(i)), depth + 1, budget, out);
                }
            }
        }
        _ => {}
    }
}

/// The candidate an array makes, when most of its items have a link and a title.
fn weigh(
    root: &Root,
    items: JsonPath,
    list: &[Value],
    base: &Url,
    ctx: DateContext,
) -> Option<JsonCandidate> {
    let g = guess(list, base, ctx);
    let (link, _) = g.link.clone()?;
    let (title, _) = g.title.clone()?;
    let sample: Vec<&Value> = list.iter().filter(|v| v.is_object()).take(SAMPLE).collect();
    let both = sample
        .iter()
        .filter(|item| {
            let has_link = walk(item, &link)
                .ok()
                .and_then(plain_text)
                .and_then(|t| resolve_link(&t, base))
                .is_some();
            has_link && walk(item, &title).ok().and_then(plain_text).is_some()
        })
        .count();
    let share = both as f64 / sample.len().max(1) as f64;
    if both < MIN_ITEMS || share < 0.6 {
        return None;
    }
    let size = (list.len().min(10) as f64) / 10.0;
    let extras = 1.0
        + 0.3 * g.date.as_ref().map_or(0.0, |d| d.1.min(1.0))
        + 0.1 * f64::from(u8::from(g.image.is_some()))
        + 0.1 * f64::from(u8::from(g.summary.is_some()));
    let score = share * (0.5 + 0.5 * size) * extras / 1.5;
    let source = JsonSource {
        items,
        link: Some(link),
        title: Some(title),
        summary: g.summary.map(|s| s.0),
        date: g.date.map(|s| s.0),
        image: g.image.map(|s| s.0),
        author: g.author.map(|s| s.0),
        script: root.script.as_ref().and_then(|css| {
            Some(ScriptSelector {
                css: Selector::parse(css).ok()?,
                text: css.clone(),
            })
        }),
        assignment: root.assignment.clone(),
        date_format: None,
    };
    Some(JsonCandidate {
        source,
        place: root.place.clone(),
        count: list.len(),
        score,
    })
}

impl JsonCandidate {
    /// The `[feeds.<id>.json]` table alone.
    pub fn table(&self, feed_id: &str) -> String {
        let s = &self.source;
        let mut out = String::new();
        let _ = writeln!(out, "[feeds.{}.json]", toml_key(feed_id));
        if let Some(script) = &s.script {
            let _ = writeln!(out, "script = {}", toml_string(&script.text));
        }
        if let Some(name) = &s.assignment {
            let _ = writeln!(out, "assignment = {}", toml_string(name));
        }
        let _ = writeln!(out, "items = {}", toml_string(&s.items.to_string()));
        let fields = [
            ("link", &s.link),
            ("title", &s.title),
            ("summary", &s.summary),
            ("date", &s.date),
            ("image", &s.image),
            ("author", &s.author),
        ];
        for (key, path) in fields {
            if let Some(p) = path {
                let _ = writeln!(out, "{key} = {}", toml_string(&p.to_string()));
            }
        }
        out
    }

    /// A ready `[feeds.<id>]` block with its `[feeds.<id>.json]` table.
    pub fn toml_block(&self, feed_id: &str, title: &str, url: &Url) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "[feeds.{}]", toml_key(feed_id));
        let _ = writeln!(out, "title = {}", toml_string(title));
        let _ = writeln!(out, "url = {}", toml_string(url.as_str()));
        out.push('\n');
        let _ = writeln!(
            out,
            "# found automatically in the page's JSON ({}): {} items, score {:.2}",
            self.place, self.count, self.score
        );
        out.push_str(&self.table(feed_id));
        out
    }
}
