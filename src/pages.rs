//! Sections that continue on further pages (`[feeds.<id>.pages]`): page 1 is the feed's `url`,
//! the next ones come from its "next" link or from a URL template.
//!
//! The walk is bounded whatever the site does: at most `max` pages, no URL fetched twice (a
//! page 2 that links back to page 1 ends it), no link followed to another host, and a page
//! that adds no item not already listed ends it. A later page that fails ends the walk with a
//! warning; the items of the pages before it are kept. Every page goes through the same
//! [`Fetcher`], so `host_delay` and `concurrency` hold for each.
//!
//! [`Walk`] and [`find_next`] are pure; [`collect_section`] drives them with fetches.

use std::collections::{HashMap, HashSet};

use scraper::{Html, Selector};
use url::Url;

use crate::build::{collect_page, Collected, FeedError};
use crate::config::{page_url, same_host, Feed, Follow, Pages};
use crate::dates::DateContext;
use crate::extract::ListItem;
use crate::fetch::{Fetcher, Validators};

/// The most elements of a page the "next" selector is tried on.
const MAX_NEXT_CANDIDATES: usize = 50;

/// What a page's "next" selector found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NextLink {
    /// No element, or none with a usable `href` (a `javascript:` link, say).
    Missing,
    Found(Url),
    /// A link to another host, which is not followed.
    OtherHost(Url),
}

/// The link `selector` finds on the page at `page_url`: the `href` of the first match (or of
/// the first link inside it) that resolves to another page. Links to the page itself (a
/// "current page" marker) are passed over.
pub fn find_next(html: &str, page_url: &Url, selector: &Selector) -> NextLink {
    let doc = Html::parse_document(html);
    let base_href = Selector::parse("base[href]").ok().and_then(|s| {
        doc.select(&s)
            .next()
            .and_then(|b| b.value().attr("href").map(str::to_string))
    });
    let base = crate::html::urls::resolve_base(page_url, base_href.as_deref());
    let link_inside = Selector::parse("a[href]").ok();
    let mut other_host = None;
    for el in doc.select(selector).take(MAX_NEXT_CANDIDATES) {
        let href = el.value().attr("href").or_else(|| {
            link_inside
                .as_ref()
                .and_then(|s| el.select(s).next())
                .and_then(|a| a.value().attr("href"))
        });
        let Some(url) = href.and_then(|h| crate::html::urls::resolve_link(h, &base)) else {
            continue;
        };
        if url == *page_url {
            continue;
        }
        if !same_host(page_url, &url) {
            other_host.get_or_insert(url);
            continue;
        }
        return NextLink::Found(url);
    }
    other_host.map_or(NextLink::Missing, NextLink::OtherHost)
}

/// The next link of `page` when `pages` follows `next` links ([`NextLink::Missing`] otherwise).
pub fn next_of(page: &crate::fetch::Page, pages: Option<&Pages>) -> NextLink {
    match pages.map(|p| &p.follow) {
        Some(Follow::Next { selector, .. }) => find_next(&page.html, &page.url, selector),
        _ => NextLink::Missing,
    }
}

/// What to do after a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Fetch(Url),
    /// The section ends here, as expected (no next link, the last page number, `max`).
    Stop,
    /// The section ends here for a reason `check` shows.
    Note(String),
    /// The section ends here for a reason the user should see.
    Warn(String),
}

/// Where a walk through a section's pages is: what it has fetched and listed so far.
pub struct Walk<'a> {
    pages: &'a Pages,
    /// Every URL asked for or ended up at: none is fetched twice.
    fetched: HashSet<Url>,
    /// Every link the pages listed so far (before the feed's filter).
    listed: HashSet<Url>,
    /// Pages read so far.
    read: usize,
    /// The next page number of a template.
    number: u64,
}

impl<'a> Walk<'a> {
    /// A walk whose page 1 is `first`.
    pub fn new(pages: &'a Pages, first: &Url) -> Walk<'a> {
        let number = match &pages.follow {
            Follow::Numbered { from, .. } => *from,
            Follow::Next { .. } => 0,
        };
        Walk {
            pages,
            fetched: HashSet::from([first.clone()]),
            listed: HashSet::new(),
            read: 1,
            number,
        }
    }

    /// Records a page read: where it ended up and what it listed. Gives how many of its
    /// links no page before it listed.
    pub fn read_page(&mut self, ended_at: &Url, links: impl IntoIterator<Item = Url>) -> usize {
        self.fetched.insert(ended_at.clone());
        links
            .into_iter()
            .filter(|l| self.listed.insert(l.clone()))
            .count()
    }

    /// What follows the page just read, which listed `added` new links and whose next link
    /// (for `next = "…"`) is `link`.
    pub fn step(&mut self, link: &NextLink, added: usize) -> Step {
        let page = self.read;
        if page > 1 && added == 0 {
            return Step::Note(format!(
                "page {page} listed no item the pages before it had not; the section ends there"
            ));
        }
        if page >= self.pages.max {
            return Step::Stop;
        }
        let next = match &self.pages.follow {
            Follow::Next { css, .. } => match link {
                NextLink::Missing => {
                    return if page == 1 {
                        Step::Note(format!(
                            "page 1 has no link `{css}` to a next page; only page 1 is read"
                        ))
                    } else {
                        Step::Stop
                    }
                }
                NextLink::OtherHost(url) => {
                    return Step::Warn(format!(
                        "page {page}'s next link goes to another host ({url}); it is not followed"
                    ))
                }
                NextLink::Found(url) => url.clone(),
            },
            Follow::Numbered { template, to, .. } => {
                if to.is_some_and(|to| self.number > to) {
                    return Step::Stop;
                }
                let text = page_url(template, self.number);
                self.number += 1;
                match Url::parse(&text) {
                    Ok(url) => url,
                    Err(e) => return Step::Warn(format!("the page URL `{text}` is not one: {e}")),
                }
            }
        };
        if !self.fetched.insert(next.clone()) {
            return Step::Note(format!(
                "page {page} leads back to {next}, which was read already; the section ends there"
            ));
        }
        self.read += 1;
        Step::Fetch(next)
    }
}

/// Adds a page's items to `out`, each link once across the feed's pages.
fn take(items: Vec<ListItem>, seen: &mut HashSet<Url>, out: &mut Collected) {
    out.items
        .extend(items.into_iter().filter(|i| seen.insert(i.link.clone())));
}

/// Reads one section page of `feed` and, when the feed has a `pages` table, the pages that
/// follow it. Gives `None` when page 1 answered 304 (the section has not changed, so neither
/// have the pages after it). Only page 1's failure fails the section.
pub(crate) async fn collect_section(
    feed: &Feed,
    fetcher: &Fetcher,
    ctx: DateContext,
    known: &HashMap<Url, Validators>,
    url: &Url,
    seen: &mut HashSet<Url>,
    out: &mut Collected,
) -> Result<Option<()>, FeedError> {
    let Some(first) = collect_page(feed, fetcher, ctx, known, url, out).await? else {
        return Ok(None);
    };
    let Some(pages) = &feed.pages else {
        take(first.items, seen, out);
        return Ok(Some(()));
    };
    let mut walk = Walk::new(pages, url);
    let mut added = walk.read_page(&first.url, first.listed);
    let mut link = first.next;
    take(first.items, seen, out);
    let none = HashMap::new();
    loop {
        let next = match walk.step(&link, added) {
            Step::Fetch(next) => next,
            Step::Stop => break,
            Step::Note(note) => {
                out.notes.push(format!("{url}: {note}"));
                break;
            }
            Step::Warn(warning) => {
                out.warnings.push(format!("{url}: {warning}"));
                break;
            }
        };
        let before = (out.warnings.len(), out.notes.len());
        match collect_page(feed, fetcher, ctx, &none, &next, out).await {
            Ok(Some(read)) => {
                added = walk.read_page(&read.url, read.listed);
                link = read.next;
                take(read.items, seen, out);
            }
            // Without validators no server has reason to say 304; nothing to read, then.
            Ok(None) => break,
            Err(FeedError::NoItems { .. }) => {
                out.warnings.truncate(before.0);
                out.notes.truncate(before.1);
                out.notes
                    .push(format!("{next}: no items; the section ends there"));
                break;
            }
            Err(e) => {
                out.warnings.truncate(before.0);
                out.notes.truncate(before.1);
                out.warnings.push(format!(
                    "{next}: this page failed, so the feed has the items of the pages before it only: {e}"
                ));
                break;
            }
        }
    }
    Ok(Some(()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    fn next_pages(css: &str, max: usize) -> Pages {
        Pages {
            follow: Follow::Next {
                selector: Selector::parse(css).unwrap(),
                css: css.into(),
            },
            max,
        }
    }

    #[test]
    fn next_link_table() {
        let page = url("https://news.example.kr/list?page=1");
        let found = |s: &str| NextLink::Found(url(s));
        let cases: &[(&str, &str, NextLink)] = &[
            (
                r#"<div class="paging"><a href="?page=1" class="on">1</a><a href="?page=2">2</a><a class="next" href="?page=2">다음</a></div>"#,
                "a.next",
                found("https://news.example.kr/list?page=2"),
            ),
            // The selector names a container: the link inside it.
            (
                r#"<li class="next"><a href="/list?page=2&amp;utm_source=x"><span>다음 페이지</span></a></li>"#,
                "li.next",
                found("https://news.example.kr/list?page=2"),
            ),
            // The link to the page itself (a "current" marker) is passed over.
            (
                r#"<div class="paging"><a href="?page=1">1</a><a href="?page=2">2</a></div>"#,
                ".paging a",
                found("https://news.example.kr/list?page=2"),
            ),
            (
                r#"<a class="next" href="javascript:goPage(2)">다음</a>"#,
                "a.next",
                NextLink::Missing,
            ),
            (r#"<p>끝</p>"#, "a.next", NextLink::Missing),
            (
                r#"<a class="next" href="https://elsewhere.example.com/list?page=2">다음</a>"#,
                "a.next",
                NextLink::OtherHost(url("https://elsewhere.example.com/list?page=2")),
            ),
            (
                r#"<a class="next" href="https://news.example.kr:8443/list?page=2">다음</a>"#,
                "a.next",
                NextLink::OtherHost(url("https://news.example.kr:8443/list?page=2")),
            ),
            // A base href counts, as it does for item links.
            (
                r#"<head><base href="https://news.example.kr/section/"></head><a class="next" href="list2.html">다음</a>"#,
                "a.next",
                found("https://news.example.kr/section/list2.html"),
            ),
        ];
        for (html, css, want) in cases {
            let got = find_next(html, &page, &Selector::parse(css).unwrap());
            assert_eq!(&got, want, "{html}");
        }
    }

    #[test]
    fn next_walk_stops_at_max_and_on_loops() {
        let pages = next_pages("a.next", 3);
        let p1 = url("https://n.kr/list");
        let p2 = url("https://n.kr/list?page=2");
        let p3 = url("https://n.kr/list?page=3");
        let mut walk = Walk::new(&pages, &p1);
        let added = walk.read_page(&p1, [url("https://n.kr/a/1")]);
        assert_eq!(
            walk.step(&NextLink::Found(p2.clone()), added),
            Step::Fetch(p2.clone())
        );
        let added = walk.read_page(&p2, [url("https://n.kr/a/2")]);
        // Page 2 links back to page 1: a loop.
        assert!(matches!(
            walk.step(&NextLink::Found(p1.clone()), added),
            Step::Note(n) if n.contains("read already")
        ));
        // Or on to page 3, which is the last `max` allows.
        let mut walk = Walk::new(&pages, &p1);
        let added = walk.read_page(&p1, [url("https://n.kr/a/1")]);
        walk.step(&NextLink::Found(p2.clone()), added);
        let added = walk.read_page(&p2, [url("https://n.kr/a/2")]);
        assert_eq!(
            walk.step(&NextLink::Found(p3.clone()), added),
            Step::Fetch(p3.clone())
        );
        let added = walk.read_page(&p3, [url("https://n.kr/a/3")]);
        assert_eq!(
            walk.step(&NextLink::Found(url("https://n.kr/list?page=4")), added),
            Step::Stop
        );
    }

    #[test]
    fn a_page_that_adds_nothing_ends_the_walk() {
        let pages = next_pages("a.next", 5);
        let p1 = url("https://n.kr/list");
        let p2 = url("https://n.kr/list?page=2");
        let mut walk = Walk::new(&pages, &p1);
        let added = walk.read_page(&p1, [url("https://n.kr/a/1"), url("https://n.kr/a/2")]);
        assert_eq!(added, 2);
        walk.step(&NextLink::Found(p2.clone()), added);
        // A redirect back to page 1, or a page that repeats page 1's list.
        let added = walk.read_page(&p1, [url("https://n.kr/a/2"), url("https://n.kr/a/1")]);
        assert_eq!(added, 0);
        assert!(matches!(
            walk.step(&NextLink::Found(url("https://n.kr/list?page=3")), added),
            Step::Note(n) if n.contains("page 2 listed no item")
        ));
    }

    #[test]
    fn other_hosts_and_missing_links() {
        let pages = next_pages("a.next", 5);
        let p1 = url("https://n.kr/list");
        let mut walk = Walk::new(&pages, &p1);
        let added = walk.read_page(&p1, [url("https://n.kr/a/1")]);
        assert!(matches!(
            walk.step(&NextLink::OtherHost(url("https://evil.example/")), added),
            Step::Warn(w) if w.contains("another host")
        ));
        let mut walk = Walk::new(&pages, &p1);
        let added = walk.read_page(&p1, [url("https://n.kr/a/1")]);
        assert!(matches!(
            walk.step(&NextLink::Missing, added),
            Step::Note(_)
        ));
    }

    #[test]
    fn numbered_walk() {
        let pages = Pages {
            follow: Follow::Numbered {
                template: "https://n.kr/list?page={page}".into(),
                from: 2,
                to: Some(3),
            },
            max: 10,
        };
        let p1 = url("https://n.kr/list");
        let mut walk = Walk::new(&pages, &p1);
        let mut fetched = Vec::new();
        let mut added = walk.read_page(&p1, [url("https://n.kr/a/1")]);
        let mut n = 1;
        while let Step::Fetch(u) = walk.step(&NextLink::Missing, added) {
            n += 1;
            added = walk.read_page(&u, [url(&format!("https://n.kr/a/{n}"))]);
            fetched.push(u.to_string());
        }
        assert_eq!(
            fetched,
            ["https://n.kr/list?page=2", "https://n.kr/list?page=3"]
        );

        // A template whose page 2 is the feed's own url is not fetched twice.
        let pages = Pages {
            follow: Follow::Numbered {
                template: "https://n.kr/list?page={page}".into(),
                from: 1,
                to: None,
            },
            max: 3,
        };
        let p1 = url("https://n.kr/list?page=1");
        let mut walk = Walk::new(&pages, &p1);
        let added = walk.read_page(&p1, [url("https://n.kr/a/1")]);
        assert!(
            matches!(walk.step(&NextLink::Missing, added), Step::Note(n) if n.contains("read already"))
        );
    }
}
