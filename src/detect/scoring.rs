//! Scoring: how much a URL looks like an article's, which site a host belongs to, and the
//! score of a set of items, with the reasons `feedmill suggest --all` shows.

use std::sync::LazyLock;

use ego_tree::NodeId;
use regex::Regex;
use url::Url;

use super::context::{context_factor, FLAG_NAMES};
use super::features::ItemFeatures;
use super::page::PageIndex;
use super::{MAX_ITEMS, MIN_ITEMS};

/// What scoring found.
#[derive(Debug, Clone)]
pub(super) struct Scored {
    pub(super) score: f64,
    pub(super) reasons: Vec<String>,
}

static DATE_IN_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:19|20)\d{2}[/\-_.]?(?:0[1-9]|1[0-2])[/\-_.]?(?:0[1-9]|[12]\d|3[01])")
        .expect("static regex")
});

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
        let date = frac(&|item| item.date);
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
        for (what, share) in [("summaries", summ), ("dates", date), ("images", img)] {
            if share > 0.0 {
                reasons.push(format!("{what} {}", pct(share)));
            }
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

/// How much a URL looks like an article's, from 0 to 1.
pub(super) fn url_score(url: &Url, page: &Url) -> f64 {
    if url == page || !crate::html::linkable(url, page) {
        return 0.0;
    }
    let path = url.path();
    let lower = path.to_ascii_lowercase();
    let query = url.query().unwrap_or("").to_ascii_lowercase();
    let segments: Vec<&str> = path
        .split('/')
        .filter(|segment| !segment.is_empty())
        .collect();
    if segments.is_empty() && query.is_empty() {
        return 0.0;
    }
    if [
        ".jpg", ".jpeg", ".png", ".gif", ".pdf", ".zip", ".css", ".js",
    ]
    .iter()
    .any(|ext| lower.ends_with(ext))
    {
        return 0.0;
    }
    let mut score: f64 = 0.1;
    let longest_digits = lower
        .split(|c: char| !c.is_ascii_digit())
        .chain(query.split(|c: char| !c.is_ascii_digit()))
        .map(str::len)
        .max()
        .unwrap_or(0);
    if longest_digits >= 5 {
        score += 0.4;
    }
    if DATE_IN_URL.is_match(&lower) {
        score += 0.2;
    }
    let path_words = [
        "/news/",
        "/article",
        "/view",
        "articleview",
        "newsview",
        "/read",
        "/story",
        "/post",
        "/entry",
        "/content",
        "/detail",
        "/blog/",
        "/a/",
        "/p/",
    ];
    let query_words = [
        "idxno=",
        "aid=",
        "no=",
        "nid=",
        "seq=",
        "arcid=",
        "article_id=",
        "articleid=",
        "news_id=",
        "newsid=",
        "idx=",
        "num=",
        "uid=",
        "wr_id=",
        "id=",
    ];
    if path_words.iter().any(|word| lower.contains(word))
        || query_words.iter().any(|word| {
            query
                .split('&')
                .any(|pair| pair.starts_with(word) && pair.len() > word.len())
        })
    {
        score += 0.3;
    }
    if let Some(last) = segments.last() {
        if last.matches('-').count() >= 3 && last.len() >= 15 {
            score += 0.3;
        }
    }
    if segments.len() >= 2 {
        score += 0.1;
    }
    let listy = [
        "list",
        "section",
        "category",
        "/tag",
        "search",
        "login",
        "logout",
        "member",
        "join",
        "subscribe",
        "rss",
        "sitemap",
        "/about",
        "javascript",
        "/index",
    ];
    if listy.iter().any(|word| lower.contains(word)) {
        score -= 0.35;
    }
    if query
        .split('&')
        .any(|pair| pair.starts_with("page=") || pair.starts_with("pg="))
    {
        score -= 0.2;
    }
    score.clamp(0.0, 1.0)
}

/// The site part of a host: `www.etnews.com` → `etnews.com`, `news.x.co.kr` → `x.co.kr`.
pub(super) fn site_of(url: &Url) -> Option<String> {
    let host = url.host_str()?.trim_end_matches('.').to_ascii_lowercase();
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() <= 2 || host.parse::<std::net::IpAddr>().is_ok() {
        return Some(host);
    }
    let count = labels.len();
    let second = labels[count - 2];
    let keep = if labels[count - 1].len() == 2
        && matches!(
            second,
            "co" | "or" | "go" | "ne" | "re" | "ac" | "pe" | "com" | "net" | "org" | "gov" | "edu"
        ) {
        3
    } else {
        2
    };
    Some(labels[count - keep.min(count)..].join("."))
}

/// Whether `url` is on the page's site (always, when the page has none).
pub(super) fn same_site(site: &Option<String>, url: &Url) -> bool {
    match site {
        None => true,
        Some(site) => site_of(url).is_none_or(|theirs| &theirs == site),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url() -> Url {
        Url::parse("https://news.example.kr/news/articleList.html?sc_section_code=S1N1").unwrap()
    }

    #[test]
    fn url_scores() {
        let page = url();
        let score = |href: &str| url_score(&Url::parse(href).unwrap(), &page);
        for good in [
            "https://news.example.kr/news/articleView.html?idxno=123456",
            "http://www.etnews.com/20180316000254",
            "https://www.newspim.com/news/view/20180322000244",
            "http://www.hankyung.com/news/app/newsview.php?aid=2018032082931",
            "https://blog.example.com/2026/02/10/why-we-rewrote-the-parser/",
        ] {
            assert!(score(good) >= 0.5, "{good}: {}", score(good));
        }
        for bad in [
            "https://news.example.kr/",
            "https://news.example.kr/news/articleList.html?sc_section_code=S1N2",
            "https://news.example.kr/news/articleList.html?page=2",
            "https://news.example.kr/member/login.html",
        ] {
            assert!(score(bad) < 0.3, "{bad}: {}", score(bad));
        }
    }

    #[test]
    fn sites() {
        let site = |href: &str| site_of(&Url::parse(href).unwrap());
        assert_eq!(
            site("https://www.etnews.com/x").as_deref(),
            Some("etnews.com")
        );
        assert_eq!(site("https://news.x.co.kr/").as_deref(), Some("x.co.kr"));
        assert_eq!(site("http://127.0.0.1:8080/").as_deref(), Some("127.0.0.1"));
        assert_eq!(site("file:///tmp/a.html"), None);
    }
}
