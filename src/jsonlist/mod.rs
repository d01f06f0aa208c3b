//! JSON lists: the article list of a page that is JSON (an API), or that carries its list as
//! JSON (`<script id="__NEXT_DATA__">`, `<script type="application/json">`,
//! `window.__INITIAL_STATE__ = {…};`), read into the same [`ListItem`](crate::extract::ListItem)s as an HTML list, so
//! everything after extraction (history, article pages, rendering) is the same.
//!
//! Pure: page text in, items and warnings out.
//!
//! * `source`: getting the JSON out of the page (the body, a script, an assignment);
//! * [`walk`]: following a [`JsonPath`] and saying where it stopped when it leads nowhere;
//! * `fields`: reading each item's link, title, summary, date, image and author;
//! * `guess`: choosing the fields from the items' keys, for a table that leaves them out;
//! * `detect`: finding an embedded list on a page without selectors ([`detect`]).
//!
//! Bounded on any input: serde_json refuses nesting over 128, at most
//! [`MAX_LIST_ITEMS`] items are read, paths have no wildcards, detection walks a fixed
//! number of nodes.

mod detect;
mod fields;
mod guess;
mod source;
#[cfg(test)]
mod tests;
pub mod walk;

use std::fmt::Write as _;

use serde_json::Value;
use url::Url;

use crate::config::{JsonPath, JsonSource};
use crate::dates::DateContext;
use crate::extract::ListPage;
use fields::FieldPaths;

pub use detect::{detect, JsonCandidate};
pub use guess::{guess, Guess};

/// The most items read from one list; a longer one is cut, with a warning.
pub const MAX_LIST_ITEMS: usize = 1000;

/// Why a page's JSON list could not be read.
#[derive(Debug, thiserror::Error)]
pub enum JsonListError {
    #[error("the page is not JSON (content type {content_type}; it starts `{start}`): {why}{}",
        if *html { "; it is an HTML page: name the script that holds the list with json.script (like \"#__NEXT_DATA__\") or json.assignment (like \"__INITIAL_STATE__\")" } else { "" })]
    NotJson {
        content_type: String,
        start: String,
        why: String,
        html: bool,
    },
    #[error("json.script = \"{css}\" matches no script on the page ({found}){}",
        if *html { "" } else { "; the page is not HTML: leave json.script out to read the body as JSON" })]
    NoScript {
        css: String,
        found: String,
        html: bool,
    },
    #[error("{place} is not JSON: {why}")]
    ScriptNotJson { place: String, why: String },
    #[error("no script{} assigns `{name}` (like `window.{name} = {{…}}`)", script.as_ref().map(|s| format!(" matching json.script = \"{s}\"")).unwrap_or_else(|| " on the page".into()))]
    NoAssignment {
        name: String,
        script: Option<String>,
    },
    #[error("json.{key} = \"{path}\" leads nowhere: {miss}")]
    Path {
        key: &'static str,
        path: String,
        miss: String,
    },
    #[error("json.items = \"{path}\" in {place} is {kind}, not an array of items")]
    NotList {
        path: String,
        place: String,
        kind: &'static str,
    },
    #[error("json.link is not set and no key of the items holds a link ({keys}); set json.link to the key that holds each article's URL")]
    NoLink { keys: String },
    #[error(
        "the page nests its elements {depth} deep (more than {}); it was not read",
        crate::html::MAX_NESTING
    )]
    TooDeep { depth: usize },
    #[error("internal error (a bug; please report it): {0}")]
    Internal(String),
}

/// Reads the list `source` names on the page (`text`, fetched from `page_url` with
/// `content_type`): its items and warnings, and a note saying where each field came from.
pub fn read_list(
    text: &str,
    content_type: Option<&str>,
    page_url: &Url,
    source: &JsonSource,
    ctx: DateContext,
) -> Result<(ListPage, String), JsonListError> {
    let (found, base) = source::values(text, content_type, page_url, source)?;
    let mut first_miss = None;
    let mut chosen = None;
    for f in &found {
        match walk::walk(&f.value, &source.items) {
            Ok(v) => {
                chosen = Some((f, v));
                break;
            }
            Err(miss) => {
                first_miss.get_or_insert((f, miss));
            }
        }
    }
    let Some((found, value)) = chosen else {
        let (f, miss) = first_miss.ok_or_else(|| JsonListError::Internal("no JSON".into()))?;
        return Err(JsonListError::Path {
            key: "items",
            path: source.items.to_string(),
            miss: format!("in {}, {miss}", f.place),
        });
    };
    let Value::Array(list) = value else {
        return Err(JsonListError::NotList {
            path: source.items.to_string(),
            place: found.place.clone(),
            kind: walk::kind(value),
        });
    };
    if list.is_empty() {
        let page = ListPage {
            items: Vec::new(),
            warnings: vec![format!(
                "json.items = \"{}\" in {} is an empty array",
                source.items, found.place
            )],
        };
        return Ok((page, String::new()));
    }
    let paths = field_paths(source, list, &base, ctx)?;
    let page = fields::read_items(list, &paths, &base, ctx, MAX_LIST_ITEMS)?;
    let note = note(&source.items, &found.place, list.len(), &paths);
    Ok((page, note))
}

/// The paths to read: the table's, and for what it leaves out, the ones [`guess`] chooses
/// (link and title always; the rest only when the table sets no field).
fn field_paths(
    source: &JsonSource,
    list: &[Value],
    base: &Url,
    ctx: DateContext,
) -> Result<FieldPaths, JsonListError> {
    let all = source.fields_unset();
    let needs_guess = all || source.link.is_none() || source.title.is_none();
    let g = if needs_guess {
        guess(list, base, ctx)
    } else {
        Guess::default()
    };
    let pick = |set: &Option<JsonPath>, guessed: Option<(JsonPath, f64)>, always: bool| {
        set.clone()
            .or_else(|| guessed.filter(|_| always || all).map(|(p, _)| p))
    };
    let configured = [
        ("link", &source.link),
        ("title", &source.title),
        ("summary", &source.summary),
        ("date", &source.date),
        ("image", &source.image),
        ("author", &source.author),
    ]
    .iter()
    .filter(|(_, p)| p.is_some())
    .map(|(n, _)| *n)
    .collect();
    let link = pick(&source.link, g.link, true).ok_or_else(|| JsonListError::NoLink {
        keys: first_keys(list),
    })?;
    Ok(FieldPaths {
        link,
        title: pick(&source.title, g.title, true),
        summary: pick(&source.summary, g.summary, false),
        date: pick(&source.date, g.date, false),
        image: pick(&source.image, g.image, false),
        author: pick(&source.author, g.author, false),
        configured,
        date_format: source.date_format.clone(),
    })
}

/// "the first item's keys are `a`, `b`": for errors about the items.
fn first_keys(list: &[Value]) -> String {
    match list.iter().find(|v| v.is_object()) {
        Some(Value::Object(map)) => {
            let keys: Vec<String> = map.keys().take(20).map(|k| format!("`{k}`")).collect();
            format!("the first item's keys are {}", keys.join(", "))
        }
        _ => format!(
            "the first item is {}",
            list.first().map_or("missing", walk::kind)
        ),
    }
}

/// Where the list and each field came from: what `check` shows.
fn note(items: &JsonPath, place: &str, len: usize, paths: &FieldPaths) -> String {
    let mut out = format!("JSON list: items = \"{items}\" in {place} ({len} items); fields:");
    for (name, path) in paths.all() {
        let _ = match path {
            Some(p) if paths.configured.contains(&name) => write!(out, " {name} \u{2190} \"{p}\","),
            Some(p) => write!(out, " {name} \u{2190} \"{p}\" (chosen from the keys),"),
            None => write!(out, " {name} \u{2190} none,"),
        };
    }
    out.pop();
    out
}

/// For a feed without selectors whose HTML holds no sure list: the best list detection finds
/// in the page's JSON, read, with a note saying which it is.
pub fn read_detected(
    text: &str,
    content_type: Option<&str>,
    page_url: &Url,
    ctx: DateContext,
) -> Option<(ListPage, String)> {
    let best = detect(text, page_url, ctx).into_iter().next()?;
    let (page, note) = read_list(text, content_type, page_url, &best.source, ctx).ok()?;
    Some((
        page,
        format!("list chosen automatically from the page's JSON: {note}"),
    ))
}

/// Whether `text` is JSON rather than a page (an API's answer), by its first character.
pub fn looks_like_json(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with(['{', '['])
}
