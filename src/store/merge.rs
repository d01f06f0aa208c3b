//! What a merge writes, decided without a database: given the items a build's pages show and
//! the rows the store already keeps for their links, the row each link ends up as. Both
//! backends ask this and only carry the answer out (SQLite row by row, PostgreSQL in one
//! statement), so a feed's history is the same whichever keeps it.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use url::Url;

use super::{from_ms, ms};
use crate::dates;
use crate::extract::ListItem;

/// What the store knew of an item before this build (the columns a merge reads).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownItem {
    pub title: String,
    pub summary: Option<String>,
    pub author: Option<String>,
    pub image: Option<String>,
    /// Unix ms.
    pub published: i64,
    pub printed: bool,
    /// Unix ms.
    pub first_seen: i64,
    /// The fields the article page set, space-separated.
    pub article_fields: String,
    /// Unix ms.
    pub updated: Option<i64>,
}

/// The row one link ends up as; `last_seen` is the merge's time for every row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemRow {
    pub link: String,
    pub title: String,
    pub summary: Option<String>,
    pub author: Option<String>,
    pub image: Option<String>,
    /// Unix ms.
    pub published: i64,
    pub printed: bool,
    /// Unix ms; the merge's time for a new row, kept for a known one.
    pub first_seen: i64,
    pub page_order: i64,
    /// Unix ms.
    pub updated: Option<i64>,
    /// The store held no row for the link: insert it (else update the list's columns only;
    /// first-seen time and article state stay).
    pub new: bool,
}

/// The rows to write, one per distinct link in the order the pages first show it, and how
/// many known items changed what they show.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergePlan {
    pub rows: Vec<ItemRow>,
    pub changed: usize,
}

/// The links of the items a merge looks at (the first `keep`): what to read the known rows of.
pub fn merged_links(items: &[ListItem], keep: usize) -> Vec<String> {
    let mut links: Vec<String> = items
        .iter()
        .take(keep)
        .map(|li| li.link.as_str().to_string())
        .collect();
    links.sort_unstable();
    links.dedup();
    links
}

/// Decides the merge of `items` (only the first `keep`: the rest could never be shown) into
/// a feed whose rows for those links are `known`, at `now`. A link shown twice is merged
/// twice, the second time over what the first wrote, as writing row by row would.
pub fn plan_merge(
    items: &[ListItem],
    mut known: HashMap<String, KnownItem>,
    now: DateTime<Utc>,
    zone: Tz,
    keep: usize,
) -> MergePlan {
    let mut plan = MergePlan::default();
    let mut row_of: HashMap<String, usize> = HashMap::new();
    for (order, li) in items.iter().take(keep).enumerate() {
        let link = li.link.as_str();
        let (row, changed) = match known.get(link) {
            None => (new_row(li, order as i64, now, zone), false),
            Some(k) => known_row(li, k, order as i64, now, zone),
        };
        if changed {
            plan.changed += 1;
        }
        // What the next occurrence of the link finds: this row, its article state as it was.
        let article_fields = known
            .get(link)
            .map(|k| k.article_fields.clone())
            .unwrap_or_default();
        known.insert(
            link.to_string(),
            KnownItem {
                title: row.title.clone(),
                summary: row.summary.clone(),
                author: row.author.clone(),
                image: row.image.clone(),
                published: row.published,
                printed: row.printed,
                first_seen: row.first_seen,
                article_fields,
                updated: row.updated,
            },
        );
        match row_of.get(link) {
            Some(&i) => {
                let new = plan.rows[i].new;
                plan.rows[i] = ItemRow { new, ..row };
            }
            None => {
                row_of.insert(link.to_string(), plan.rows.len());
                plan.rows.push(row);
            }
        }
    }
    plan
}

fn new_row(li: &ListItem, order: i64, now: DateTime<Utc>, zone: Tz) -> ItemRow {
    let (published, printed) = dates::item_time(li.date.as_ref(), now, zone);
    ItemRow {
        link: li.link.as_str().to_string(),
        title: li.title.clone().unwrap_or_default(),
        summary: li.summary.clone(),
        author: li.author.clone(),
        image: li.image.as_ref().map(|u| u.as_str().to_string()),
        published: ms(published),
        printed,
        first_seen: ms(now),
        page_order: order,
        updated: list_updated(li, now, zone, published),
        new: true,
    }
}

/// The row a known item becomes, and whether what it shows changed.
fn known_row(
    li: &ListItem,
    k: &KnownItem,
    order: i64,
    now: DateTime<Utc>,
    zone: Tz,
) -> (ItemRow, bool) {
    let title = li.title.as_deref().unwrap_or("");
    let image = li.image.as_ref().map(Url::as_str);
    let (mut published, mut printed) =
        dates::item_time(li.date.as_ref(), from_ms(k.first_seen), zone);
    // A relative time ("3시간 전") drifts as the page ages; the first reading stands, so the
    // item keeps one time.
    if k.printed && li_is_relative(li, now, zone) {
        published = from_ms(k.published);
        printed = true;
    }
    // Fields the page stopped showing keep their last value, and so do fields the article
    // page gave: it outranks the list.
    let from_article = |f: &str| k.article_fields.split(' ').any(|a| a == f);
    let summary = match from_article("summary") {
        true => k.summary.clone(),
        false => li.summary.clone().or(k.summary.clone()),
    };
    let author = match from_article("author") {
        true => k.author.clone(),
        false => li.author.clone().or(k.author.clone()),
    };
    let image = match from_article("image") {
        true => k.image.clone(),
        false => image.map(str::to_string).or(k.image.clone()),
    };
    let title = if title.is_empty() || from_article("title") {
        k.title.as_str()
    } else {
        title
    };
    if from_article("published") {
        published = from_ms(k.published);
        printed = true;
    }
    // The article page's updated time outranks the list's; a relative one ("수정 1시간 전")
    // is read once, like a relative published time.
    let kept = k.updated.filter(|&u| u > ms(published));
    let updated =
        if from_article("updated") || (kept.is_some() && updated_is_relative(li, now, zone)) {
            kept
        } else {
            list_updated(li, from_ms(k.first_seen), zone, published).or(kept)
        };
    let changed = title != k.title
        || summary != k.summary
        || author != k.author
        || image != k.image
        || ms(published) != k.published
        || updated != k.updated;
    let row = ItemRow {
        link: li.link.as_str().to_string(),
        title: title.to_string(),
        summary,
        author,
        image,
        published: ms(published),
        printed,
        first_seen: k.first_seen,
        page_order: order,
        updated,
        new: false,
    };
    (row, changed)
}

/// Whether the item's printed time is relative to the fetch ("3시간 전", "어제"): such a time
/// moves when read later, which is how it is recognised.
fn li_is_relative(li: &ListItem, now: DateTime<Utc>, zone: Tz) -> bool {
    let (Some(text), Some(stamp)) = (&li.date_text, &li.date) else {
        return false;
    };
    let later = now + chrono::Duration::days(2);
    dates::parse(text, later, zone).is_some_and(|s| s.instant != stamp.instant)
}

/// The list's updated time ("수정 …") of an item first seen at `first_seen`, in store form,
/// when it is later than the item's `published` time.
fn list_updated(
    li: &ListItem,
    first_seen: DateTime<Utc>,
    zone: Tz,
    published: DateTime<Utc>,
) -> Option<i64> {
    li.updated
        .as_ref()
        .map(|s| dates::stamp_time(s, first_seen, zone))
        .filter(|&u| u > published)
        .map(ms)
}

/// Whether the item's printed updated time is relative to the fetch ("수정 1시간 전"), found
/// as [`li_is_relative`] finds a relative published time.
fn updated_is_relative(li: &ListItem, now: DateTime<Utc>, zone: Tz) -> bool {
    let (Some(text), Some(stamp)) = (&li.date_text, &li.updated) else {
        return false;
    };
    let later = now + chrono::Duration::days(2);
    dates::parse_all(text, later, zone)
        .into_iter()
        .filter(|s| s.label == Some(dates::Label::Updated))
        .max_by_key(|s| s.instant)
        .is_some_and(|s| s.instant != stamp.instant)
}

#[cfg(test)]
#[path = "merge_tests.rs"]
mod tests;
