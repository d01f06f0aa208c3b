//! `feedmill suggest`: the article list automatic detection finds on a page, written out as
//! a ready `[feeds.<id>]` block to freeze into feeds.toml, with a preview of its items.

use std::fmt::Write;

use scraper::{Html, Selector};
use url::Url;

use crate::dates::DateContext;
use crate::detect::{self, Candidate};
use crate::extract;

/// How many items the preview shows.
const PREVIEW: usize = 5;

/// A feed id made from a URL's host: "www.newspim.com" → "newspim".
pub fn id_from_url(url: &Url) -> String {
    let host = url.host_str().unwrap_or("feed");
    let parts: Vec<&str> = host
        .split('.')
        .filter(|p| {
            !matches!(
                *p,
                "www" | "m" | "news" | "com" | "co" | "kr" | "net" | "org" | "or"
            )
        })
        .collect();
    let name = parts.first().copied().unwrap_or(host);
    let id: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    if id.is_empty() {
        "feed".into()
    } else {
        id
    }
}

/// The page's `<title>`, whitespace collapsed.
pub fn page_title(html: &str) -> Option<String> {
    let doc = Html::parse_document(html);
    let sel = Selector::parse("title").ok()?;
    let t = crate::html::collapse_ws(&doc.select(&sel).next()?.text().collect::<String>());
    (!t.is_empty()).then_some(t)
}

fn preview(out: &mut String, cand: &Candidate, html: &str, url: &Url, ctx: DateContext, n: usize) {
    let Ok(select) = cand.to_select() else { return };
    let page = extract::extract_list(html, url, &select, ctx);
    preview_items(out, &page.items, ctx, n);
}

/// The first `n` items, a time and title line and a link line each, as TOML comments.
fn preview_items(out: &mut String, items: &[extract::ListItem], ctx: DateContext, n: usize) {
    for item in items.iter().take(n) {
        let time = item
            .date
            .map(|s| {
                s.instant
                    .with_timezone(&ctx.zone)
                    .format("%Y-%m-%d %H:%M")
                    .to_string()
            })
            .unwrap_or_else(|| "(no date)".into());
        let _ = writeln!(
            out,
            "#   {time}  {}",
            item.title.as_deref().unwrap_or("(no title)")
        );
        let _ = writeln!(out, "#                     {}", item.link);
    }
}

/// What `suggest` prints for the page at `url`: the best candidate's block and a preview; with
/// `all`, every candidate with its score, reasons and first items.
pub fn format_suggestion(
    html: &str,
    url: &Url,
    id: &str,
    title: &str,
    ctx: DateContext,
    all: bool,
) -> Option<String> {
    let candidates = if crate::jsonlist::looks_like_json(html) {
        Vec::new()
    } else {
        detect::detect(html, url, ctx)
    };
    // No sure list in the HTML: the page's JSON may hold it (a Next.js page, an API).
    if candidates
        .first()
        .is_none_or(|c| c.low_confidence.is_some())
    {
        if let Some(text) = json_suggestion(html, url, id, title, ctx, all) {
            return Some(text);
        }
    }
    let best = candidates.first()?;
    let mut out = String::new();
    if all {
        for (rank, cand) in candidates.iter().enumerate() {
            let _ = writeln!(
                out,
                "# candidate {}: score {:.2}, {} items",
                rank + 1,
                cand.score,
                cand.count
            );
            let _ = writeln!(out, "#   item = \"{}\"", cand.item);
            if !cand.reasons.is_empty() {
                let _ = writeln!(out, "#   why: {}", cand.reasons.join("; "));
            }
            if let Some(why) = &cand.low_confidence {
                let _ = writeln!(out, "#   low confidence (a guess): {why}");
            }
            preview(&mut out, cand, html, url, ctx, 3);
            out.push('\n');
        }
        let _ = writeln!(out, "# the best one, ready for feeds.toml:");
    }
    if let Some(why) = &best.low_confidence {
        let _ = writeln!(
            out,
            "# low confidence: score {:.2}, a sure list scores {} or more: {why}.\n# This list is a guess: look at the items below (and at `--all`) before using it.\n",
            best.score,
            detect::LOW_CONFIDENCE
        );
    }
    out.push_str(&best.toml_block(id, title, url));
    let _ = writeln!(out, "\n# first items:");
    preview(&mut out, best, html, url, ctx, PREVIEW);
    Some(out)
}

/// Feeds the page advertises in its head (`<link rel="alternate" type="application/rss+xml">`,
/// Atom, JSON Feed): each as its absolute URL and its title, if any.
pub fn advertised_feeds(html: &str, url: &Url) -> Vec<(Url, Option<String>)> {
    let doc = Html::parse_document(html);
    let Ok(sel) = Selector::parse("link[rel][type][href]") else {
        return Vec::new();
    };
    let base = crate::html::base_url(&doc, url);
    let mut found: Vec<(Url, Option<String>)> = Vec::new();
    for link in doc.select(&sel) {
        let el = link.value();
        let alternate = el.attr("rel").is_some_and(|r| {
            r.split_ascii_whitespace()
                .any(|w| w.eq_ignore_ascii_case("alternate"))
        });
        let kind = el.attr("type").unwrap_or("").trim().to_ascii_lowercase();
        let is_feed = matches!(
            kind.as_str(),
            "application/rss+xml"
                | "application/atom+xml"
                | "application/rdf+xml"
                | "application/feed+json"
        );
        if !alternate || !is_feed {
            continue;
        }
        let Some(href) = el.attr("href").and_then(|h| base.join(h.trim()).ok()) else {
            continue;
        };
        if found.iter().any(|(u, _)| *u == href) || found.len() >= 10 {
            continue;
        }
        let title = el
            .attr("title")
            .map(crate::html::collapse_ws)
            .filter(|t| !t.is_empty());
        found.push((href, title));
    }
    found
}

/// Comment lines naming the feeds the page advertises, for `suggest` to print after its
/// block: a site's own feed may be the better source, made whole from its article pages.
pub fn format_advertised_feeds(html: &str, url: &Url) -> String {
    let feeds = advertised_feeds(html, url);
    let mut out = String::new();
    if feeds.is_empty() {
        return out;
    }
    let _ = writeln!(out, "\n# this page advertises a feed of its own:");
    for (href, title) in &feeds {
        match title {
            Some(t) => {
                let _ = writeln!(out, "#   {href}  ({t})");
            }
            None => {
                let _ = writeln!(out, "#   {href}");
            }
        }
    }
    let _ = writeln!(
        out,
        "# it can be the source instead: url = \"<the feed>\" and no select table; add\n# [feeds.<id>.article] fetch = true to fill in dates, summaries and images from the articles."
    );
    out
}

/// What `suggest` prints for a URL that answers a feed: a block using it as the source, and
/// a preview of its first entries.
pub fn format_feed_source(
    body: &str,
    url: &Url,
    id: &str,
    title: &str,
    ctx: DateContext,
) -> Result<String, String> {
    let page = extract::extract_feed(body, url, ctx)?;
    let mut out = String::new();
    let key = detect::toml_key(id);
    let _ = writeln!(out, "[feeds.{key}]");
    let _ = writeln!(out, "title = {}", detect::toml_string(title));
    let _ = writeln!(out, "url = {}", detect::toml_string(url.as_str()));
    let _ = writeln!(
        out,
        "\n# this URL answers a feed (RSS, Atom or JSON Feed): its {} entries are the items.",
        page.items.len()
    );
    let undated = page.items.iter().filter(|i| i.date.is_none()).count();
    if undated > 0 {
        let _ = writeln!(
            out,
            "# {undated} of them carry no date: the article pages can give them."
        );
    }
    let _ = writeln!(out, "[feeds.{key}.article]\nfetch = true");
    let _ = writeln!(out, "\n# first items:");
    preview_items(&mut out, &page.items, ctx, PREVIEW);
    Ok(out)
}

/// [`format_suggestion`] for a list found in the page's JSON ([`crate::jsonlist::detect`]).
fn json_suggestion(
    text: &str,
    url: &Url,
    id: &str,
    title: &str,
    ctx: DateContext,
    all: bool,
) -> Option<String> {
    let candidates = crate::jsonlist::detect(text, url, ctx);
    let best = candidates.first()?;
    let mut out = String::new();
    if all {
        for (rank, cand) in candidates.iter().enumerate() {
            let _ = writeln!(
                out,
                "# JSON candidate {}: score {:.2}, {} items in {}",
                rank + 1,
                cand.score,
                cand.count,
                cand.place
            );
            for line in cand.table(id).lines().skip(1) {
                let _ = writeln!(out, "#   {line}");
            }
            out.push('\n');
        }
        let _ = writeln!(out, "# the best one, ready for feeds.toml:");
    }
    out.push_str(&best.toml_block(id, title, url));
    let _ = writeln!(out, "\n# first items:");
    if let Ok((page, _)) = crate::jsonlist::read_list(text, None, url, &best.source, ctx) {
        preview_items(&mut out, &page.items, ctx, PREVIEW);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_hosts() {
        let cases = [
            (
                "https://www.newspim.com/news/lists/?category_cd=107",
                "newspim",
            ),
            ("https://news.example.co.kr/list", "example"),
            ("https://m.hankyung.com/", "hankyung"),
            ("http://127.0.0.1:8080/x", "127"),
            ("file:///tmp/page.html", "feed"),
        ];
        for (url, want) in cases {
            assert_eq!(id_from_url(&Url::parse(url).unwrap()), want, "{url}");
        }
    }
}
