//! Scoring: the score of a set of items, with the reasons `feedmill suggest --all` shows.
//! (How article-like each item's link is comes from [`super::urls`].)

use ego_tree::NodeId;
use url::Url;

use super::context::{context_factor, FLAG_NAMES};
use super::features::ItemFeatures;
use super::page::PageIndex;
use super::timing::{date_reasons, DateRead};
use super::{MAX_ITEMS, MIN_ITEMS};

/// What scoring found.
#[derive(Debug, Clone)]
pub(super) struct Scored {
    pub(super) score: f64,
    pub(super) reasons: Vec<String>,
}

impl PageIndex<'_> {
    /// The score of a set of items (the first [`MAX_ITEMS`]); `None` when fewer than
    /// [`MIN_ITEMS`] of them hold distinct links.
    pub(super) fn score_items(&mut self, members: &[NodeId]) -> Option<Scored> {
        let members = &members[..members.len().min(MAX_ITEMS)];
        let mut feats = Vec::with_capacity(members.len());
        let mut ctx_factor = 0.0;
        let mut flags_seen = 0u16;
        let mut empty = 0;
        for &member in members {
            let features = self.features(member);
            empty += usize::from(features.empty);
            if features.link.is_some() {
                let flags = self.context_flags(member);
                flags_seen |= flags;
                ctx_factor += context_factor(flags);
                feats.push(features);
            }
        }
        let linked = feats.len();
        if linked < MIN_ITEMS {
            return None;
        }
        let n_linked = linked as f64;
        let mut distinct: Vec<&Url> = feats.iter().filter_map(|item| item.link.as_ref()).collect();
        distinct.sort();
        distinct.dedup();
        let n_distinct = distinct.len();
        if n_distinct < MIN_ITEMS {
            return None;
        }
        let mean =
            |value: &dyn Fn(&ItemFeatures) -> f64| feats.iter().map(value).sum::<f64>() / n_linked;
        let frac =
            |test: &dyn Fn(&ItemFeatures) -> bool| mean(&|item| f64::from(u8::from(test(item))));
        let art = mean(&|item| item.link_score);
        let head = mean(&|item| headline(item.title_len));
        let summ = frac(&|item| item.summary);
        let date = mean(&|item| item.date.share());
        let dated = frac(&|item| item.date.best != DateRead::None);
        let split = frac(&|item| item.date.split());
        let img = frac(&|item| item.image);
        let off = frac(&|item| !item.same_site);
        let short = frac(&|item| item.title_len < 6);
        let ranked = frac(&|item| item.ranked);
        let huge = frac(&|item| item.huge);
        let per_item = mean(&|item| item.article_links as f64);
        let ctx = ctx_factor / n_linked;
        let distinct_ratio = n_distinct as f64 / n_linked;
        // spacer rows between table rows do not count against a list
        let link_rate = n_linked / (members.len() - empty).max(1) as f64;

        let base = 1.0 * art + 0.8 * head + 0.45 * summ + 0.45 * date + 0.3 * img;
        let mut score = base;
        score *= distinct_ratio * distinct_ratio;
        score *= 1.0 - 0.7 * off;
        score *= 1.0 - 0.8 * short;
        score *= 1.0 - 0.4 * ranked;
        score *= 1.0 - huge;
        score *= link_rate.sqrt();
        score *= ctx;
        let container = if per_item > 2.5 { 2.5 / per_item } else { 1.0 };
        score *= container;
        score *= 1.0 - (-(n_distinct as f64) / 6.0).exp();

        let mut reasons = vec![
            format!("{n_distinct} items with distinct links"),
            format!("article-like links {}", pct(art)),
            format!("headline-like titles {}", pct(head)),
        ];
        if summ > 0.0 {
            reasons.push(format!("summaries {}", pct(summ)));
        }
        reasons.extend(date_reasons(dated, split));
        if img > 0.0 {
            reasons.push(format!("images {}", pct(img)));
        }
        if !self.jsonld_links.is_empty() {
            let hits = distinct
                .iter()
                .filter(|url| self.jsonld_links.contains(**url))
                .count();
            if hits > 0 {
                let overlap = hits as f64 / n_distinct as f64;
                let coverage = hits as f64 / self.jsonld_links.len() as f64;
                // up for naming the listed articles, down for mixing in others
                score *= (1.0 + 2.0 * overlap * coverage) * (0.5 + 0.5 * overlap);
                reasons.push(format!(
                    "JSON-LD list: {hits} of its {} links",
                    self.jsonld_links.len()
                ));
            }
        }
        for (flag, what) in FLAG_NAMES {
            if flags_seen & flag != 0 {
                reasons.push(format!("inside {what} (down)"));
            }
        }
        if off > 0.0 {
            reasons.push(format!("links to other sites {} (down)", pct(off)));
        }
        if distinct_ratio < 0.99 {
            reasons.push(format!(
                "repeated links: {n_distinct} distinct of {linked} (down)"
            ));
        }
        if short > 0.0 {
            reasons.push(format!("menu-like short texts {} (down)", pct(short)));
        }
        if ranked > 0.0 {
            reasons.push(format!("numbered like a ranking {} (down)", pct(ranked)));
        }
        if container < 1.0 {
            reasons.push(format!(
                "each item holds {per_item:.1} article links: a container (down)"
            ));
        }
        if huge > 0.0 {
            reasons.push("items too large to be articles (down)".into());
        }
        if link_rate < 0.99 {
            reasons.push(format!(
                "members without a link {} (down)",
                pct(1.0 - link_rate)
            ));
        }
        Some(Scored { score, reasons })
    }
}

/// How much a title's length looks like a headline's, from 0 to 1.
fn headline(len: usize) -> f64 {
    match len {
        0..=3 => 0.0,
        4..=7 => (len - 3) as f64 / 5.0,
        8..=120 => 1.0,
        121..=200 => 0.6,
        _ => 0.3,
    }
}

fn pct(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}
