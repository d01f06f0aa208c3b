//! Getting started: `feedmill init` writes a commented starter config, and `feedmill add`
//! appends a feed found on a page to the config, editing it as a TOML document so the
//! file's comments and layout stay as they were.
//!
//! Pure except [`init`]: the caller fetches, asks and writes (atomically).

use std::io::Write;
use std::path::{Path, PathBuf};

use toml_edit::{value, DocumentMut, Item, Table};
use url::Url;

use crate::detect::Candidate;

mod find;
pub use find::{propose, Proposal};

/// The starter config `init` writes: settings with their defaults, one example feed.
pub const STARTER: &str = include_str!("starter.toml");

/// Why a feed could not be added, or a starter written.
#[derive(Debug, thiserror::Error)]
pub enum OnboardError {
    #[error("{} exists already; feedmill init never overwrites a file (remove it, or give another path)", path.display())]
    Exists { path: PathBuf },
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: not a TOML file feedmill can edit: {message}", path.display())]
    NotToml { path: PathBuf, message: String },
    #[error("{}: `feeds` is not a table of feeds", path.display())]
    FeedsNotTable { path: PathBuf },
    #[error("{}: a feed `{id}` exists already; give another id with --id", path.display())]
    DuplicateId { path: PathBuf, id: String },
    #[error("{}: feed `{id}` reads {url} already", path.display())]
    DuplicateUrl {
        path: PathBuf,
        id: String,
        url: String,
    },
    #[error("`{id}` cannot be a feed id: use a-z, 0-9, - and _, starting with a letter or digit")]
    BadId { id: String },
    #[error("the new config would not load: {0}")]
    Invalid(String),
}

/// Writes [`STARTER`] to `path`, never over an existing file.
pub fn init(path: &Path) -> Result<(), OnboardError> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|source| match source.kind() {
            std::io::ErrorKind::AlreadyExists => OnboardError::Exists {
                path: path.to_path_buf(),
            },
            _ => OnboardError::Write {
                path: path.to_path_buf(),
                source,
            },
        })?;
    file.write_all(STARTER.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|source| OnboardError::Write {
            path: path.to_path_buf(),
            source,
        })
}

/// Where a new feed's items come from.
#[derive(Debug, Clone)]
pub enum NewSource {
    /// An HTML list, with the selectors detection chose.
    List(Box<Candidate>),
    /// A URL that answers RSS, Atom or JSON Feed: its entries, made whole from the articles.
    Feed,
    /// A list found in the page's JSON: the `[feeds.<id>]` block `suggest` prints for it
    /// (with its `json` table), taken over as written.
    Block(String),
}

/// A feed to add.
#[derive(Debug, Clone)]
pub struct NewFeed {
    pub id: String,
    pub title: String,
    pub url: Url,
    pub source: NewSource,
}

/// The config text `existing` (read from `path`; empty for a new file) with `feed` appended as
/// a `[feeds.<id>]` table; everything already in the file is kept byte for byte. Refuses an
/// id or a URL the file has already, and a result that would not load.
pub fn append_feed(existing: &str, path: &Path, feed: &NewFeed) -> Result<String, OnboardError> {
    if !is_valid_id(&feed.id) {
        return Err(OnboardError::BadId {
            id: feed.id.clone(),
        });
    }
    let doc: DocumentMut =
        existing
            .parse()
            .map_err(|e: toml_edit::TomlError| OnboardError::NotToml {
                path: path.to_path_buf(),
                message: e.message().to_string(),
            })?;
    let empty = Table::new();
    let feeds = match doc.get("feeds") {
        None => &empty,
        Some(item) => item.as_table().ok_or_else(|| OnboardError::FeedsNotTable {
            path: path.to_path_buf(),
        })?,
    };
    if feeds.contains_key(&feed.id) {
        return Err(OnboardError::DuplicateId {
            path: path.to_path_buf(),
            id: feed.id.clone(),
        });
    }
    for (id, item) in feeds.iter() {
        if reads_url(item, &feed.url) {
            return Err(OnboardError::DuplicateUrl {
                path: path.to_path_buf(),
                id: id.to_string(),
                url: feed.url.to_string(),
            });
        }
    }
    // The new table is rendered on its own and appended: what was there stays byte for byte.
    let mut fresh = DocumentMut::new();
    let mut parent = Table::new();
    parent.set_implicit(true);
    parent.insert(&feed.id, Item::Table(feed_table(feed, path)?));
    fresh.insert("feeds", Item::Table(parent));
    let text = format!("{existing}{}{fresh}", separator(existing));
    crate::config::parse(&text, path).map_err(|e| OnboardError::Invalid(e.to_string()))?;
    Ok(text)
}

/// The `[feeds.<id>]` table, with its `select`, `json` or `article` table under it.
fn feed_table(feed: &NewFeed, path: &Path) -> Result<Table, OnboardError> {
    if let NewSource::Block(text) = &feed.source {
        let doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
            OnboardError::Invalid(format!("the proposed block is not TOML: {}", e.message()))
        })?;
        return doc
            .get("feeds")
            .and_then(|f| f.get(&feed.id))
            .and_then(Item::as_table)
            .cloned()
            .ok_or_else(|| OnboardError::NotToml {
                path: path.to_path_buf(),
                message: format!("the proposed block has no [feeds.{}] table", feed.id),
            });
    }
    let mut table = Table::new();
    table.insert("title", value(feed.title.as_str()));
    table.insert("url", value(feed.url.as_str()));
    match &feed.source {
        NewSource::List(cand) => {
            let mut select = Table::new();
            select.decor_mut().set_prefix(format!(
                "\n# found automatically: {} items, score {:.2}\n",
                cand.count, cand.score
            ));
            select.insert("item", value(cand.item.as_str()));
            let fields = [
                ("link", &cand.link),
                ("title", &cand.title),
                ("summary", &cand.summary),
                ("date", &cand.date),
                ("image", &cand.image),
            ];
            for (key, spec) in fields {
                if let Some(spec) = spec {
                    select.insert(key, value(spec.as_str()));
                }
            }
            table.insert("select", Item::Table(select));
        }
        NewSource::Feed => {
            let mut article = Table::new();
            article.decor_mut().set_prefix(
                "\n# the URL answers a feed: its article pages fill in dates, summaries, images\n",
            );
            article.insert("fetch", value(true));
            table.insert("article", Item::Table(article));
        }
        NewSource::Block(_) => unreachable!("returned above"),
    }
    Ok(table)
}

/// Whether a feed table reads `url` (its `url`, or one of its `urls`).
fn reads_url(item: &Item, url: &Url) -> bool {
    let same = |v: &toml_edit::Value| {
        v.as_str()
            .and_then(|s| Url::parse(s).ok())
            .is_some_and(|u| u == *url)
    };
    let Some(table) = item.as_table_like() else {
        return false;
    };
    table.get("url").and_then(Item::as_value).is_some_and(same)
        || table
            .get("urls")
            .and_then(Item::as_array)
            .is_some_and(|a| a.iter().any(same))
}

/// Feed ids as the config allows them.
fn is_valid_id(id: &str) -> bool {
    id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// What goes between an existing file and an appended table: one blank line.
fn separator(existing: &str) -> &'static str {
    if existing.is_empty() || existing.ends_with("\n\n") {
        ""
    } else if existing.ends_with('\n') {
        "\n"
    } else {
        "\n\n"
    }
}

#[cfg(test)]
mod tests;
