//! Choosing the fields of JSON items from their keys and values: which path holds the link,
//! the title, the date… Used for fields a `[feeds.<id>.json]` table leaves out, and by
//! detection to tell a list of articles from other arrays.
//!
//! Only the first [`SAMPLE`] items are looked at, and in each only keys one or two levels
//! down (`url`, `thumbnail.url`, `authors[0].name`), at most [`MAX_PATHS`] of them: the cost is
//! bounded whatever the items hold.

use std::collections::BTreeMap;

use serde_json::Value;
use url::Url;

use super::fields::{date_text, plain_text};
use super::walk::walk;
use crate::config::{JsonPath, Segment};
use crate::dates::DateContext;
use crate::html::{is_image_url, resolve_link};

/// Items looked at.
pub(super) const SAMPLE: usize = 30;
/// Distinct field paths looked at across the sample.
const MAX_PATHS: usize = 300;

/// The paths chosen for each field, with how sure: the share of sampled items that have it.
#[derive(Debug, Clone, Default)]
pub struct Guess {
    pub link: Option<(JsonPath, f64)>,
    pub title: Option<(JsonPath, f64)>,
    pub summary: Option<(JsonPath, f64)>,
    pub date: Option<(JsonPath, f64)>,
    pub image: Option<(JsonPath, f64)>,
    pub author: Option<(JsonPath, f64)>,
}

const LINK_NAMES: &[&str] = &[
    "url",
    "link",
    "href",
    "permalink",
    "uri",
    "path",
    "articleurl",
    "weburl",
    "shareurl",
    "canonicalurl",
    "fullurl",
    "mobileurl",
];
const TITLE_NAMES: &[&str] = &[
    "title", "headline", "subject", "heading", "tit", "제목", "name",
];
const SUMMARY_NAMES: &[&str] = &[
    "summary",
    "description",
    "desc",
    "lead",
    "excerpt",
    "subtitle",
    "subheadline",
    "abstract",
    "intro",
    "teaser",
    "deck",
    "preview",
    "요약",
];
const DATE_NAMES: &[&str] = &[
    "date", "time", "publish", "created", "reg", "posted", "issued", "입력", "등록", "pub",
];
const IMAGE_NAMES: &[&str] = &[
    "image",
    "img",
    "thumb",
    "photo",
    "picture",
    "cover",
    "thumbnail",
];
const AUTHOR_NAMES: &[&str] = &[
    "author",
    "writer",
    "byline",
    "reporter",
    "journalist",
    "기자",
    "creator",
];

/// The last key of a path, lower-cased with `_` and `-` dropped; with the key before it for
/// `thumbnail.url`-like paths.
fn names(path: &JsonPath) -> (String, String) {
    let keys: Vec<String> = path
        .segments
        .iter()
        .filter_map(|s| match s {
            Segment::Key(k) => Some(k.to_lowercase().replace(['_', '-'], "")),
            Segment::Index(_) => None,
        })
        .collect();
    let last = keys.last().cloned().unwrap_or_default();
    (last, keys.join("."))
}

fn named(name: &str, list: &[&str]) -> bool {
    list.iter().any(|w| name.contains(w))
}

/// What one path holds across the sample.
#[derive(Default)]
struct Stats {
    /// Items where it is text (or a number).
    present: usize,
    links: usize,
    images: usize,
    dates: usize,
    chars: usize,
    with_space: usize,
    distinct: std::collections::HashSet<String>,
}

/// Paths to string and number values one or two levels into `item`, with `[0]` of arrays at
/// the second level.
fn leaf_paths(item: &Value, out: &mut Vec<JsonPath>) {
    let Value::Object(map) = item else { return };
    for (k, v) in map {
        let p = JsonPath::default().child(Segment::Key(k.clone()));
        match v {
            Value::String(_) | Value::Number(_) => out.push(p),
            Value::Object(inner) => {
                for (k2, v2) in inner.iter().take(40) {
                    if matches!(v2, Value::String(_) | Value::Number(_)) {
                        out.push(p.child(Segment::Key(k2.clone())));
                    }
                }
            }
            Value::Array(list) => match list.first() {
                Some(Value::String(_)) => out.push(p.child(Segment::Index(0))),
                Some(Value::Object(inner)) => {
                    for (k2, v2) in inner.iter().take(40) {
                        if matches!(v2, Value::String(_) | Value::Number(_)) {
                            out.push(p.child(Segment::Index(0)).child(Segment::Key(k2.clone())));
                        }
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
}

/// Chooses each field's path from the first items of `items`.
pub fn guess(items: &[Value], base: &Url, ctx: DateContext) -> Guess {
    let sample: Vec<&Value> = items
        .iter()
        .filter(|v| v.is_object())
        .take(SAMPLE)
        .collect();
    if sample.is_empty() {
        return Guess::default();
    }
    let mut stats: BTreeMap<(usize, String), (JsonPath, Stats)> = BTreeMap::new();
    let mut paths = Vec::new();
    for item in &sample {
        paths.clear();
        leaf_paths(item, &mut paths);
        for path in paths.drain(..) {
            let key = path.to_string();
            let sort_key = (path.segments.len(), key);
            if !stats.contains_key(&sort_key) && stats.len() >= MAX_PATHS {
                continue;
            }
            let entry = stats
                .entry(sort_key)
                .or_insert_with(|| (path.clone(), Stats::default()));
            let Ok(value) = walk(item, &path) else {
                continue;
            };
            let s = &mut entry.1;
            if let Some(text) = plain_text(value) {
                s.present += 1;
                s.chars += text.chars().count().min(2000);
                s.with_space += usize::from(text.contains(' '));
                if resolve_link(&text, base).is_some()
                    && !text.contains(char::is_whitespace)
                    && (text.contains('/') || text.contains('.'))
                {
                    s.links += 1;
                    s.images += usize::from(is_image_url(&text));
                }
                if s.distinct.len() < SAMPLE {
                    s.distinct.insert(text);
                }
            }
            if let Some(text) = date_text(value) {
                s.dates +=
                    usize::from(crate::dates::parse(&text, ctx.fetched_at, ctx.zone).is_some());
            }
        }
    }
    let n = sample.len() as f64;
    let mut g = Guess::default();
    let best = |slot: &mut Option<(JsonPath, f64)>, path: &JsonPath, score: f64| {
        if score > 0.0 && slot.as_ref().is_none_or(|(_, s)| score > *s) {
            *slot = Some((path.clone(), score));
        }
    };
    for (path, s) in stats.values() {
        let (last, all) = names(path);
        let cover = s.present as f64 / n;
        if cover < 0.5 {
            continue;
        }
        let distinct = s.distinct.len() as f64 / s.present.max(1) as f64;
        let avg = s.chars as f64 / s.present.max(1) as f64;
        let depth_cost = 1.0 - 0.1 * (path.segments.len() as f64 - 1.0);
        // link: URL-ish, distinct, not an image
        let link_named = named(&last, LINK_NAMES);
        let imagey = named(&all, IMAGE_NAMES) || s.images * 2 > s.links;
        if s.links as f64 >= 0.8 * s.present as f64 && distinct > 0.8 && !imagey {
            let bonus = if link_named { 1.0 } else { 0.6 };
            best(&mut g.link, path, cover * bonus * depth_cost);
        }
        // image: URL-ish, an image by name or extension
        if s.links as f64 >= 0.8 * s.present as f64 && imagey {
            best(&mut g.image, path, cover * depth_cost);
        }
        // date: read by the date reader
        if s.dates as f64 >= 0.8 * s.present as f64 {
            let bonus = if named(&last, DATE_NAMES) { 1.0 } else { 0.5 };
            let later = if last.contains("updat") || last.contains("modif") {
                0.8
            } else {
                1.0
            };
            best(&mut g.date, path, cover * bonus * later * depth_cost);
        }
        // text fields: not links, not dates
        let texty = s.links * 2 < s.present.max(1) && s.dates * 2 < s.present.max(1);
        if !texty {
            continue;
        }
        let title_named = named(&last, TITLE_NAMES) && !named(&all, AUTHOR_NAMES);
        if (4.0..=250.0).contains(&avg) && distinct > 0.8 {
            let bonus = if title_named {
                1.0
            } else if s.with_space * 2 >= s.present && !named(&last, SUMMARY_NAMES) {
                0.3
            } else {
                0.0
            };
            // `name` is a title only of what has no better one (a category's name…).
            let name_only = if last == "name" { 0.7 } else { 1.0 };
            best(&mut g.title, path, cover * bonus * name_only * depth_cost);
        }
        if named(&last, SUMMARY_NAMES) && avg >= 10.0 {
            best(&mut g.summary, path, cover * depth_cost);
        }
        if named(&all, AUTHOR_NAMES) && avg <= 100.0 {
            best(&mut g.author, path, cover * depth_cost);
        }
    }
    // A title that is also the summary's choice is the title.
    if g.summary.as_ref().map(|s| &s.0) == g.title.as_ref().map(|t| &t.0) {
        g.summary = None;
    }
    g
}
