//! A streaming pre-pass over a list page that finds the article items without building the
//! page's DOM.
//!
//! A section page is mostly menus, scripts, side boxes and footers; the items are a small
//! part of it. lol_html streams through the page, matching the item selector, and records where
//! each item starts and ends in the source; only those stretches are then parsed into DOM
//! fragments. That is several times cheaper than parsing the whole page.
//!
//! The scan gives up (returns `None`, and the caller parses the whole page) whenever its view
//! could differ from a full HTML parse: a selector lol_html cannot match, an item without an
//! explicit end tag, items inside items.
//!
//! Here: [`scan`], which runs the passes and checks what they found, and [`wrap`]. The passes:
//! `walk.rs` (the structural walk over the tags), `stream.rs` (lol_html's selector matching),
//! with `css.rs` (the selectors the walk matches itself) and `tags.rs` (the parser's rules
//! for particular elements).

use std::ops::Range;

mod css;
mod stream;
mod tags;
mod walk;

use stream::stream_items;
use tags::{closed_by_same, parser_may_move};
pub(crate) use tags::{is_void, optional_end};
use walk::walk;

/// Where the items and the `<base href>` are in a page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scan {
    /// Byte ranges of the items, start tag to end tag inclusive, in page order.
    pub items: Vec<Range<usize>>,
    /// The item elements' tag names (lower case), parallel to `items`.
    pub tags: Vec<String>,
    /// The first `<base href>`'s value.
    pub base_href: Option<String>,
}

/// Items found on a page, with their tag names, and its first `<base href>`: by [`walk()`]'s own
/// matcher, or by lol_html ([`stream_items`]).
#[derive(Debug, Default)]
struct Walked {
    items: Vec<(Range<usize>, String)>,
    base_href: Option<String>,
}

/// Finds the items `item_css` selects in `html`; `None` when the scan cannot be trusted.
///
/// Selectors in the common subset ([`css::Simple`]) are matched during the one walk over the
/// tags that checks the page's structure anyway; others are matched by lol_html first.
pub fn scan(html: &str, item_css: &str) -> Option<Scan> {
    let (items, base_href) = match css::Simple::parse(item_css) {
        Some(simple) => {
            let walked = walk(html, &[], Some(&simple))?;
            (walked.items, walked.base_href)
        }
        None => {
            let streamed = stream_items(html, item_css)?;
            let starts: Vec<usize> = streamed.items.iter().map(|(r, _)| r.start).collect();
            walk(html, &starts, None)?;
            (streamed.items, streamed.base_href)
        }
    };
    // The parser ignores or moves some elements that a stream sees where they stand (table
    // parts outside tables, form controls, embedded documents): leave those to the parser.
    if items.iter().any(|(_, tag)| parser_may_move(tag)) {
        return None;
    }
    if items.iter().any(|(r, _)| {
        r.end > html.len() || !html.is_char_boundary(r.start) || !html.is_char_boundary(r.end)
    }) {
        return None;
    }
    // An element the parser closes when another of its kind starts (`<li>` in an `<li>`, `<a>`
    // in an `<a>`): if one starts inside an item, the parser ends the item there and the
    // stream does not.
    for (range, tag) in &items {
        if tag == "p" || (closed_by_same(tag) && starts_again(&html[range.clone()], tag)) {
            return None;
        }
    }
    let (items, tags) = items.into_iter().unzip();
    Some(Scan {
        items,
        tags,
        base_href,
    })
}

/// Whether `<tag` starts again after the first character of `source`.
fn starts_again(source: &str, tag: &str) -> bool {
    let b = source.as_bytes();
    let mut i = 1;
    while let Some(p) = memchr::memchr(b'<', &b[i..]) {
        let at = i + p + 1;
        let name_end = at + tag.len();
        if b.get(at..name_end)
            .is_some_and(|n| n.eq_ignore_ascii_case(tag.as_bytes()))
            && b.get(name_end)
                .is_none_or(|c| c.is_ascii_whitespace() || *c == b'>' || *c == b'/')
        {
            return true;
        }
        i = at;
    }
    false
}

/// Wraps an item's source so that parsing it as a fragment keeps the item element: table
/// parts only survive inside a table.
pub fn wrap(tag: &str, source: &str) -> String {
    let (open, close) = match tag {
        "tr" => ("<table><tbody>", "</tbody></table>"),
        "td" | "th" => ("<table><tbody><tr>", "</tr></tbody></table>"),
        "tbody" | "thead" | "tfoot" | "caption" | "colgroup" => ("<table>", "</table>"),
        "option" | "optgroup" => ("<select>", "</select>"),
        _ => ("", ""),
    };
    let mut out = String::with_capacity(open.len() + source.len() + close.len());
    out.push_str(open);
    out.push_str(source);
    out.push_str(close);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slices<'a>(html: &'a str, scan: &Scan) -> Vec<&'a str> {
        scan.items.iter().map(|r| &html[r.clone()]).collect()
    }

    #[test]
    fn finds_items_and_base() {
        let html = r#"<html><head><base href="https://x.kr/news/"></head><body>
            <nav><ul><li><a href="/a">메뉴</a></li></ul></nav>
            <ul class="list"><li><a href="v/1">첫 기사</a></li><li class="x"><a href="v/2">둘째 <b>기사</b></a></li></ul>
            </body></html>"#;
        let scan = scan(html, "ul.list > li").unwrap();
        assert_eq!(
            slices(html, &scan),
            vec![
                r#"<li><a href="v/1">첫 기사</a></li>"#,
                r#"<li class="x"><a href="v/2">둘째 <b>기사</b></a></li>"#
            ]
        );
        assert_eq!(scan.tags, vec!["li", "li"]);
        assert_eq!(scan.base_href.as_deref(), Some("https://x.kr/news/"));
    }

    #[test]
    fn gives_up_where_a_parser_could_differ() {
        // <li> closed implicitly
        assert_eq!(
            scan("<ul class=l><li><a href=1>a<li><a href=2>b</ul>", "ul.l li"),
            None
        );
        // items inside items
        assert_eq!(
            scan(
                "<div class=i><div class=i><a href=1>a</a></div></div>",
                "div.i"
            ),
            None
        );
        // a selector lol_html does not know
        assert_eq!(scan("<ul><li>a</li></ul>", "li:has(a)"), None);
    }

    #[test]
    fn context_that_a_fragment_parse_would_miss() {
        let item = r#"<li class="it"><a href="/v/1">기사</a></li>"#;
        let ok = [
            format!("<ul>{item}</ul>"),
            format!("<b>굵게</b><ul>{item}</ul>"),
            format!("<table><tbody><tr><td><ul>{item}</ul></td></tr></tbody></table>"),
            format!("<svg><path/></svg><ul>{item}</ul>"),
            format!("<script>var s = '<b><a href=x>';</script><ul>{item}</ul>"),
            format!("<!-- <a href=x> --><ul>{item}</ul>"),
        ];
        for html in &ok {
            assert!(scan(html, "li.it").is_some(), "{html}");
        }
        let doubtful = [
            format!("<b><a href=\"/v/7\">굵게<ul>{item}</ul>"),
            format!("<table><ul>{item}</ul></table>"),
            // the parser adds the <tbody> the page left out
            format!("<table><tr><td><ul>{item}</ul></td></tr></table>"),
            format!("<svg>{item}</svg>"),
            format!("<select>{item}</select>"),
        ];
        for html in &doubtful {
            assert!(scan(html, "li.it").is_none(), "{html}");
        }
    }

    #[test]
    fn items_the_parser_would_end_early() {
        let html = r#"<ul class="l"><li class="it"><p>문단<li class="it"><a href="/v/4">넷째</a></li></ul>"#;
        assert_eq!(scan(html, "li.it"), None);
        let html = r#"<div><a class="it" href="/1">바깥<a href="/2">안쪽</a></a></div>"#;
        assert_eq!(scan(html, "a.it"), None);
        // noscript holds raw text for the parser, so neither sees an item there
        let html = r#"<noscript><li class="it"><a href="/v/1">기사</a></li></noscript>"#;
        assert!(scan(html, "li.it").is_none_or(|s| s.items.is_empty()));
    }

    #[test]
    fn no_items_is_an_empty_scan() {
        let scan = scan("<p>바뀐 레이아웃</p>", "article.item").unwrap();
        assert!(scan.items.is_empty());
    }

    #[test]
    fn wraps_table_parts() {
        assert_eq!(
            wrap("tr", "<tr><td>a</td></tr>"),
            "<table><tbody><tr><td>a</td></tr></tbody></table>"
        );
        assert_eq!(wrap("li", "<li>a</li>"), "<li>a</li>");
    }
}
