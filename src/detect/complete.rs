//! Minimal selectors: a `[feeds.<id>.select]` that names only `item` gets its field selectors
//! (link, title, summary, date, image) chosen for those items the way detection chooses them
//! for a list it found (step 4), odd items and all, instead of extraction's bare defaults (the
//! first link, its longest text, the first `<time>`).

use ego_tree::NodeId;
use scraper::Html;
use url::Url;

use super::page::PageIndex;
use super::scoring::Scored;
use super::{SelectedSet, MAX_MATCHES};
use crate::config::Select;
use crate::dates::DateContext;

/// For a `select` with an item selector and no field selector: the same `select` with the
/// field selectors detection chooses for its items, and a note saying which. `None` when a
/// field selector is set (the feed's author chose), when the item selector selects nothing,
/// or when nothing better than extraction's defaults is found.
pub fn complete_select(
    select: &Select,
    html: &str,
    page_url: &Url,
    ctx: DateContext,
) -> Option<(Select, String)> {
    let bare = select.link.is_none()
        && select.title.is_none()
        && select.summary.is_none()
        && select.date.is_none()
        && select.image.is_none()
        && select.author.is_none();
    if !bare || crate::html::nesting_depth(html) > crate::html::MAX_NESTING {
        return None;
    }
    let doc = Html::parse_document(html);
    let mut page = PageIndex::new(&doc, page_url, ctx);
    let members: Vec<NodeId> = doc
        .select(&select.item)
        .take(MAX_MATCHES)
        .map(|el| el.id())
        .collect();
    if members.is_empty() {
        return None;
    }
    let scored = page.score_items(&members).unwrap_or(Scored {
        score: 0.0,
        reasons: Vec::new(),
    });
    let set = SelectedSet {
        item: select.item_css.clone(),
        first_position: page.position(members[0]),
        members,
        scored,
    };
    let cand = page.candidate(&set);
    let fields = cand.to_select().ok()?;
    let chosen: Vec<String> = [
        ("link", &cand.link),
        ("title", &cand.title),
        ("summary", &cand.summary),
        ("date", &cand.date),
        ("image", &cand.image),
    ]
    .iter()
    .filter_map(|(key, spec)| Some(format!("{key} = \"{}\"", spec.as_deref()?)))
    .collect();
    if chosen.is_empty() {
        return None;
    }
    let mut filled = select.clone();
    filled.link = fields.link;
    filled.title = fields.title;
    filled.summary = fields.summary;
    filled.date = fields.date;
    filled.image = fields.image;
    let note = format!(
        "fields chosen automatically for item = \"{}\" (no field selectors given): {}",
        select.item_css,
        chosen.join(", ")
    );
    Some((filled, note))
}
