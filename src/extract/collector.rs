//! The [`Collector`]: items read one element at a time, deduplicated by link, with the
//! warnings for what went missing.

use std::collections::HashMap;

use scraper::ElementRef;
use url::Url;

use super::fields::{default_date, default_title, find_image, find_link, read, read_date};
use super::FoundFields;
use super::{ListItem, ListPage};
use crate::config::Select;
use crate::dates::DateContext;

/// Reads items one element at a time, deduplicating by link and counting what went missing.
pub(super) struct Collector<'s> {
    select: &'s Select,
    ctx: DateContext,
    base: Url,
    page: ListPage,
    index: HashMap<Url, usize>,
    pub(super) counts: FieldCounts,
    pub(super) matched: usize,
    pub(super) without_link: usize,
}

impl<'s> Collector<'s> {
    pub(super) fn new(select: &'s Select, ctx: DateContext, base: Url) -> Self {
        Collector {
            select,
            ctx,
            base,
            page: ListPage::default(),
            index: HashMap::new(),
            counts: FieldCounts::default(),
            matched: 0,
            without_link: 0,
        }
    }

    pub(super) fn add(&mut self, el: ElementRef) {
        let (select, ctx, base) = (self.select, self.ctx, &self.base);
        let counts = &mut self.counts;
        self.matched += 1;
        let Some((link, link_el)) = find_link(el, select.link.as_ref(), base, &mut counts.link)
        else {
            self.without_link += 1;
            return;
        };
        let title = match &select.title {
            Some(f) => read(el, f, &mut counts.title),
            None => default_title(el, link_el, &link, base, select.link.is_some()),
        };
        let summary = select
            .summary
            .as_ref()
            .and_then(|f| read(el, f, &mut counts.summary));
        let author = select
            .author
            .as_ref()
            .and_then(|f| read(el, f, &mut counts.author));
        let image = find_image(el, select.image.as_ref(), base, &mut counts.image);
        let date_text = match &select.date {
            Some(f) => read_date(el, f, &mut counts.date),
            None => default_date(el),
        };
        let found = FoundFields {
            title,
            summary,
            author,
            image,
            date_text,
        };
        let item = ListItem::from_found(link, found, select.date_format.as_deref(), ctx);
        match self.index.get(&item.link) {
            Some(&i) => merge(&mut self.page.items[i], item),
            None => {
                self.index.insert(item.link.clone(), self.page.items.len());
                self.page.items.push(item);
            }
        }
    }

    pub(super) fn finish(self) -> ListPage {
        let (matched, without_link) = (self.matched, self.without_link);
        let mut page = self.page;
        let w = &mut page.warnings;
        if matched == 0 {
            w.push("select.item matched nothing on the page: the layout may have changed, or the selector is wrong".into());
        }
        if without_link > 0 {
            w.push(format!(
                "skipped {without_link} of {matched} items without a link"
            ));
        }
        for (key, misses) in self.counts.misses() {
            if misses > 0 {
                w.push(format!(
                    "select.{key} matched nothing in {misses} of {matched} items"
                ));
            }
        }
        if let Some(msg) = undated_warning(&page.items) {
            page.warnings.push(msg);
        }
        page
    }
}

/// How often a configured field selector found nothing, for the warnings.
#[derive(Default)]
pub(super) struct FieldCounts {
    pub(super) link: usize,
    pub(super) title: usize,
    pub(super) summary: usize,
    pub(super) author: usize,
    pub(super) image: usize,
    pub(super) date: usize,
}

impl FieldCounts {
    fn misses(&self) -> [(&'static str, usize); 6] {
        [
            ("link", self.link),
            ("title", self.title),
            ("summary", self.summary),
            ("date", self.date),
            ("image", self.image),
            ("author", self.author),
        ]
    }
}

/// A later duplicate of an article fills what the first sighting lacked.
fn merge(first: &mut ListItem, later: ListItem) {
    fn fill<T>(a: &mut Option<T>, b: Option<T>) {
        if a.is_none() {
            *a = b;
        }
    }
    fill(&mut first.title, later.title);
    fill(&mut first.summary, later.summary);
    fill(&mut first.author, later.author);
    fill(&mut first.image, later.image);
    if first.date.is_none() && later.date.is_some() {
        first.date = later.date;
        first.date_text = later.date_text;
        first.updated = later.updated;
        first.date_problem = None;
    } else if first.updated.is_none() {
        let published = first.date.map(|d| d.instant);
        first.updated = later
            .updated
            .filter(|u| published.is_some_and(|p| u.instant > p));
    }
}

/// The warning for items that have no date, naming up to three date texts that could not be
/// read and why; `None` when every item has one. Shared by every list reader.
pub(crate) fn undated_warning(items: &[ListItem]) -> Option<String> {
    let undated: Vec<&ListItem> = items.iter().filter(|i| i.date.is_none()).collect();
    if undated.is_empty() {
        return None;
    }
    let unread: Vec<String> = undated
        .iter()
        .filter_map(|i| {
            Some(format!(
                "`{}` ({})",
                i.date_text.as_ref()?,
                i.date_problem.as_ref()?
            ))
        })
        .take(3)
        .collect();
    let mut msg = format!("{} of {} items have no date", undated.len(), items.len());
    if !unread.is_empty() {
        msg.push_str(&format!("; could not read {}", unread.join(", ")));
    }
    Some(msg)
}
