//! An item's dates as extraction will read them: which elements hold a date, how much of the
//! time each gives (a full date and time, a day only, a clock time only), and whether a day-only
//! date has its time of day printed beside it in another element (`<span class="date">2026.02.10
//! </span> <span class="time">11:31</span>`), where the element holding both is the one to read.

use std::sync::LazyLock;

use scraper::{ElementRef, Selector};

use super::features::ItemFeatures;
use crate::config::split_attr;
use crate::dates::{self, DateContext, Precision};
use crate::html::time_text;

/// What extraction reads without a date selector: the first `<time>`.
static TIME: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("time").expect("static selector"));

/// What a date element gives extraction, worst to best.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum DateRead {
    /// Nothing that reads as a date.
    #[default]
    None,
    /// A clock time alone (`11:31`): read as that time on the latest day, right only for
    /// today's items.
    Clock,
    /// A date without a time of day: the item is stamped with the day alone.
    Day,
    /// A date with its time, or a relative time (`3시간 전`).
    Full,
}

impl DateRead {
    /// How much a field selector gains from reading this in one item: a full time is worth
    /// two day-only dates, so the element holding both the date and its time wins over the
    /// date alone.
    pub(super) fn weight(self) -> usize {
        match self {
            DateRead::None => 0,
            DateRead::Clock => 1,
            DateRead::Day => 2,
            DateRead::Full => 4,
        }
    }
}

/// How an item's dates read, for scoring.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct ItemDate {
    /// The best reading any element of the item gives.
    pub(super) best: DateRead,
    /// A clock time alone sits in the item too (beside a day-only date, the time extraction
    /// would not read).
    pub(super) clock_beside: bool,
}

impl ItemDate {
    /// The item's share of the date score: a day-only date with its time printed beside it,
    /// unread, counts half.
    pub(super) fn share(self) -> f64 {
        match self.best {
            DateRead::None => 0.0,
            DateRead::Day if self.clock_beside => 0.5,
            _ => 1.0,
        }
    }

    /// A day-only date whose time of day is printed beside it.
    pub(super) fn split(self) -> bool {
        self.best == DateRead::Day && self.clock_beside
    }
}

/// How much of a time `text` gives.
pub(super) fn read_text(text: &str, ctx: DateContext) -> DateRead {
    match dates::parse(text, ctx.fetched_at, ctx.zone) {
        None => DateRead::None,
        Some(stamp) if stamp.precision == Precision::Day => DateRead::Day,
        Some(_) if clock_only(text) => DateRead::Clock,
        Some(_) => DateRead::Full,
    }
}

/// How much of a time an element gives, read the way extraction reads a date field.
pub(super) fn read_element(el: ElementRef, ctx: DateContext) -> DateRead {
    time_text(el).map_or(DateRead::None, |text| read_text(&text, ctx))
}

/// A clock time with nothing else: `11:31`, `19:32:07`, `오후 7:32`, `7:32 PM`, `19시 32분`.
fn clock_only(text: &str) -> bool {
    let mut rest = text.to_ascii_lowercase();
    for word in ["오전", "오후", "am", "pm", "a.m.", "p.m."] {
        rest = rest.replace(word, "");
    }
    let rest: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
    rest.chars().any(|c| c.is_ascii_digit())
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ':' | '시' | '분' | '초'))
}

/// Elements whose text (or `datetime`) reads as a date, best reading first, then in page
/// order: the smallest such elements, and above a day-only date or a clock time the smallest
/// ancestor (inside the item, short, not holding the title) that reads as more, such as the
/// `p.info` around a `span.date` and a `span.time`.
pub(super) fn date_targets<'a>(
    item: ElementRef<'a>,
    title: &str,
    ctx: DateContext,
) -> Vec<(ElementRef<'a>, DateRead)> {
    let usable = |el: ElementRef| -> Option<DateRead> {
        if matches!(el.value().name(), "script" | "style" | "a" | "img") {
            return None;
        }
        let text = time_text(el)?;
        if text.chars().count() > 60 || (!title.is_empty() && text.contains(title)) {
            return None;
        }
        if !text.chars().any(|c| c.is_ascii_digit())
            && !["어제", "오늘", "방금", "그제", "yesterday", "today", "ago"]
                .iter()
                .any(|word| text.contains(word))
        {
            return None;
        }
        Some(read_text(&text, ctx)).filter(|read| *read != DateRead::None)
    };
    let mut found: Vec<(ElementRef, DateRead)> = Vec::new();
    for el in item.descendent_elements() {
        if let Some(read) = usable(el) {
            // keep the innermost: drop ancestors of this one
            found.retain(|(outer, _)| !el.ancestors().any(|node| node.id() == outer.id()));
            found.push((el, read));
        }
    }
    // the smallest ancestor that reads as more than a part of the time
    let mut wider: Vec<(ElementRef, DateRead)> = Vec::new();
    for (el, read) in &found {
        if *read == DateRead::Full {
            continue;
        }
        let better = el
            .ancestors()
            .take_while(|node| node.id() != item.id())
            .filter_map(ElementRef::wrap)
            .take(3)
            .find_map(|up| usable(up).filter(|up_read| up_read > read).map(|r| (up, r)));
        if let Some((up, up_read)) = better {
            if !wider.iter().any(|(known, _)| known.id() == up.id()) {
                wider.push((up, up_read));
            }
        }
    }
    found.extend(wider);
    // best first; a stable sort keeps page order among equals
    found.sort_by_key(|(_, read)| std::cmp::Reverse(*read));
    found
}

/// How the item's dates read: the best reading, and whether a clock time sits beside it.
pub(super) fn item_date(item: ElementRef, title: &str, ctx: DateContext) -> ItemDate {
    let targets = date_targets(item, title, ctx);
    ItemDate {
        best: targets.first().map_or(DateRead::None, |(_, read)| *read),
        clock_beside: targets.iter().any(|(_, read)| *read == DateRead::Clock),
    }
}

/// The reasons `suggest --all` shows for dates: the share of items with one, and the share
/// stamped with the day alone while their time of day is printed beside the date.
pub(super) fn date_reasons(dated: f64, split: f64) -> Vec<String> {
    let mut out = Vec::new();
    if dated > 0.0 {
        out.push(format!("dates {:.0}%", dated * 100.0));
    }
    if split > 0.0 {
        out.push(format!(
            "day-only dates with the time printed beside them unread {:.0}% (down)",
            split * 100.0
        ));
    }
    out
}

/// Rewrites the date reasons scoring gave (from the best reading of each item) with what the
/// chosen date selector, or extraction's default without one, actually reads in these items.
pub(super) fn restate_dates(
    reasons: &mut Vec<String>,
    items: &[(ElementRef, ItemFeatures)],
    date: Option<&str>,
    ctx: DateContext,
) {
    let is_date_reason =
        |reason: &String| reason.starts_with("dates ") || reason.starts_with("day-only dates");
    let field = date.map(|spec| Selector::parse(split_attr(spec).0).ok());
    let (mut dated, mut split) = (0usize, 0usize);
    for (item, features) in items {
        let found = match &field {
            None => item.select(&TIME).next(),
            Some(None) => None,
            Some(Some(css)) => item.select(css).next(),
        };
        let read = found.map_or(DateRead::None, |el| read_element(el, ctx));
        dated += usize::from(read != DateRead::None);
        split += usize::from(read == DateRead::Day && features.date.clock_beside);
    }
    let n = items.len().max(1) as f64;
    let at = reasons
        .iter()
        .position(|reason| {
            is_date_reason(reason)
                || reason.starts_with("images ")
                || reason.starts_with("JSON-LD")
                || reason.ends_with("(down)")
        })
        .unwrap_or(reasons.len());
    reasons.retain(|reason| !is_date_reason(reason));
    let at = at.min(reasons.len());
    for (offset, reason) in date_reasons(dated as f64 / n, split as f64 / n)
        .into_iter()
        .enumerate()
    {
        reasons.insert(at + offset, reason);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> DateContext {
        DateContext {
            fetched_at: "2026-02-11T00:00:00Z".parse().unwrap(),
            zone: chrono_tz::Asia::Seoul,
        }
    }

    #[test]
    fn readings() {
        for (text, want) in [
            ("2026.02.10 19:32", DateRead::Full),
            ("3시간 전", DateRead::Full),
            ("02-10 11:20", DateRead::Full),
            ("2026.02.10", DateRead::Day),
            ("어제", DateRead::Day),
            ("11:31", DateRead::Clock),
            ("오후 7:32", DateRead::Clock),
            ("김민수 기자", DateRead::None),
        ] {
            assert_eq!(read_text(text, ctx()), want, "{text}");
        }
    }

    #[test]
    fn the_element_holding_date_and_time_comes_first() {
        let html = scraper::Html::parse_fragment(
            r#"<li><a href="/news/1">제목이 충분히 긴 기사</a><p class="info"><span class="date">2026.02.10</span> <span class="time">11:31</span></p></li>"#,
        );
        let li = html
            .root_element()
            .descendent_elements()
            .find(|el| el.value().name() == "li")
            .unwrap();
        let targets = date_targets(li, "제목이 충분히 긴 기사", ctx());
        let names: Vec<(String, DateRead)> = targets
            .iter()
            .map(|(el, read)| {
                let class = el.value().attr("class").unwrap_or("").to_string();
                (class, *read)
            })
            .collect();
        assert_eq!(
            names,
            [
                ("info".to_string(), DateRead::Full),
                ("date".to_string(), DateRead::Day),
                ("time".to_string(), DateRead::Clock),
            ]
        );
        let date = item_date(li, "제목이 충분히 긴 기사", ctx());
        assert_eq!(date.best, DateRead::Full);
        assert!(!date.split());
    }
}
