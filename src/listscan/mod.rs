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

use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;

use lol_html::html_content::Element;
use lol_html::{ElementContentHandlers, HandlerResult, HtmlRewriter, Selector, Settings};

mod css;

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

#[derive(Default)]
struct State {
    starts: usize,
    items: Vec<(usize, Range<usize>, String)>,
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

/// The items lol_html's selector matching finds, with their tag names, in page order, and
/// the first `<base href>`; `None` when an item has no explicit end tag or items nest.
fn stream_items(html: &str, item_css: &str) -> Option<Walked> {
    let item_selector: Selector = item_css.parse().ok()?;
    let base_selector: Selector = "base[href]".parse().ok()?;
    let state = Rc::new(RefCell::new(State::default()));

    let on_item = {
        let state = Rc::clone(&state);
        move |el: &mut Element| -> HandlerResult {
            let start = el.source_location().bytes().start;
            let tag = el.tag_name();
            let index = {
                let mut s = state.borrow_mut();
                s.starts += 1;
                s.starts - 1
            };
            // A void element has no end tag; it cannot hold an article's link and title.
            if let Some(handlers) = el.end_tag_handlers() {
                let state = Rc::clone(&state);
                handlers.push(Box::new(move |end| {
                    let range = start..end.source_location().bytes().end;
                    state.borrow_mut().items.push((index, range, tag));
                    Ok(())
                }));
            }
            Ok(())
        }
    };
    let on_base = {
        let state = Rc::clone(&state);
        move |el: &mut Element| -> HandlerResult {
            let mut s = state.borrow_mut();
            if s.base_href.is_none() {
                s.base_href = el.get_attribute("href");
            }
            Ok(())
        }
    };
    let handlers = vec![
        (
            std::borrow::Cow::Owned(item_selector),
            ElementContentHandlers::default().element(on_item),
        ),
        (
            std::borrow::Cow::Owned(base_selector),
            ElementContentHandlers::default().element(on_base),
        ),
    ];
    let settings = Settings {
        element_content_handlers: handlers,
        ..Settings::new()
    };
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    rewriter.write(html.as_bytes()).ok()?;
    rewriter.end().ok()?;

    let state = Rc::try_unwrap(state).ok()?.into_inner();
    // Every item must have closed explicitly, or the parser may see it otherwise.
    if state.items.len() != state.starts {
        return None;
    }
    let mut items = state.items;
    items.sort_by_key(|(index, _, _)| *index);
    // Items inside items, or ranges that cross, mean a structure the scan does not model.
    if items.windows(2).any(|w| w[1].1.start < w[0].1.end) {
        return None;
    }
    let items = items.into_iter().map(|(_, r, t)| (r, t)).collect();
    Some(Walked {
        items,
        base_href: state.base_href,
    })
}

/// Elements that a start tag of the same name closes.
fn closed_by_same(tag: &str) -> bool {
    matches!(
        tag,
        "li" | "a"
            | "dt"
            | "dd"
            | "option"
            | "button"
            | "nobr"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
    )
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

/// Formatting elements: left open, the parser copies them into whatever follows.
const FORMATTING: [&[u8]; 14] = [
    b"a", b"b", b"big", b"code", b"em", b"font", b"i", b"nobr", b"s", b"small", b"strike",
    b"strong", b"tt", b"u",
];
/// Elements whose insides the parser reads by other rules.
const SPECIAL: [&[u8]; 6] = [
    b"svg",
    b"math",
    b"select",
    b"template",
    b"noscript",
    b"object",
];

/// Elements that never have content. `name` in lower case.
pub(crate) fn is_void(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"param"
            | b"source"
            | b"track"
            | b"wbr"
            | b"keygen"
            | b"frame"
    )
}

/// Elements whose end tag may be left out: a parent's end tag closes them quietly.
pub(crate) fn optional_end(name: &[u8]) -> bool {
    matches!(
        name,
        b"p" | b"li"
            | b"dt"
            | b"dd"
            | b"option"
            | b"optgroup"
            | b"tr"
            | b"td"
            | b"th"
            | b"tbody"
            | b"thead"
            | b"tfoot"
            | b"rb"
            | b"rt"
            | b"rp"
            | b"colgroup"
            | b"caption"
    )
}

/// Start tags that close an open `<p>`.
fn closes_p(name: &[u8]) -> bool {
    matches!(
        name,
        b"address"
            | b"article"
            | b"aside"
            | b"blockquote"
            | b"center"
            | b"details"
            | b"dialog"
            | b"dir"
            | b"div"
            | b"dl"
            | b"fieldset"
            | b"figcaption"
            | b"figure"
            | b"footer"
            | b"form"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"header"
            | b"hgroup"
            | b"hr"
            | b"main"
            | b"menu"
            | b"nav"
            | b"ol"
            | b"p"
            | b"pre"
            | b"section"
            | b"summary"
            | b"table"
            | b"ul"
            | b"li"
            | b"dd"
            | b"dt"
            | b"xmp"
            | b"listing"
            | b"plaintext"
    )
}

/// Items found on a page, with their tag names, and its first `<base href>`: by [`walk`]'s own
/// matcher, or by lol_html ([`stream_items`]).
#[derive(Debug, Default)]
struct Walked {
    items: Vec<(Range<usize>, String)>,
    base_href: Option<String>,
}

/// An open element on the walk's stack.
struct Open {
    name: Range<usize>,
    attrs: Range<usize>,
    /// Index into the items found, when this element is one.
    item: Option<usize>,
}

/// Walks the page's tags once, checking that a stream and a parser see the same elements,
/// nested the same way, over the whole page, and that every item starts where parsing it
/// alone gives what the whole page's parse gives; `None` at the first doubt.
///
/// The stream does not build a tree: it nests elements as their tags say. The parser
/// (html5ever) closes elements implicitly (a `<li>` ends the open `<li>`, a `<div>` the open
/// `<p>`), ignores stray end tags, and copies unclosed formatting elements into what follows.
/// Any of these anywhere on the page, and the two may disagree (a divergence after the last
/// item could hide an item the parser would see).
///
/// Items are either `known` (start offsets lol_html reported) or found here by `matcher`.
fn walk(html: &str, known: &[usize], matcher: Option<&css::Simple>) -> Option<Walked> {
    let b = html.as_bytes();
    let mut out = Walked::default();
    let mut stack: Vec<Open> = Vec::with_capacity(64);
    let name_of = |o: &Open| &b[o.name.clone()];
    let mut formatting = [0usize; FORMATTING.len()];
    let mut special = [0usize; SPECIAL.len()];
    let mut next = known.iter().copied().peekable();
    // Whether an item starting now would be parsed alone as it is parsed in place.
    let context_ok = |formatting: &[usize], special: &[usize], stack: &[Open]| {
        let table_ok = stack
            .iter()
            .rev()
            .map(name_of)
            .find(|n| matches!(*n, b"td" | b"th" | b"table" | b"caption"))
            .is_none_or(|n| n != b"table");
        formatting.iter().all(|&n| n == 0) && special.iter().all(|&n| n == 0) && table_ok
    };
    let mut i = 0;
    while i < b.len() {
        let tag_at = memchr::memchr(b'<', &b[i..]).map(|p| i + p);
        while let Some(&start) = next.peek() {
            if tag_at.is_some_and(|t| t < start) {
                break;
            }
            if !context_ok(&formatting, &special, &stack) {
                return None;
            }
            next.next();
        }
        let Some(at) = tag_at else { break };
        i = at + 1;
        if b[i..].starts_with(b"!") || b[i..].starts_with(b"?") {
            // Comments, doctype, processing instructions.
            i = if b[i..].starts_with(b"!--") {
                memchr::memmem::find(&b[i..], b"-->").map_or(b.len(), |p| i + p + 3)
            } else {
                memchr::memchr(b'>', &b[i..]).map_or(b.len(), |p| i + p + 1)
            };
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let name_start = i + usize::from(closing);
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            if closing {
                return None; // `</` not followed by a name: the parser makes it a comment
            }
            continue;
        }
        let mut end = name_start;
        while end < b.len() && !b[end].is_ascii_whitespace() && b[end] != b'>' && b[end] != b'/' {
            end += 1;
        }
        let tag_end = memchr::memchr(b'>', &b[end..]).map_or(b.len(), |p| end + p);
        // A quote in the tag may hide a `>`; and upper-case names are left to the parser.
        if b[end..tag_end].contains(&b'<') || b[name_start..end].iter().any(u8::is_ascii_uppercase)
        {
            return None;
        }
        i = (tag_end + 1).min(b.len());
        let name = &b[name_start..end];
        if matches!(name, b"html" | b"head" | b"body") {
            continue;
        }
        let self_closed = b.get(tag_end.wrapping_sub(1)) == Some(&b'/');
        let count = |list: &[&[u8]], counts: &mut [usize]| {
            if let Some(k) = list.iter().position(|t| *t == name) {
                if closing {
                    counts[k] = counts[k].saturating_sub(1);
                } else {
                    counts[k] += 1;
                }
            }
        };
        if closing {
            count(&FORMATTING, &mut formatting);
            count(&SPECIAL, &mut special);
            // Pop elements whose end tags may be left out, then the element itself.
            while let Some(top) = stack.last() {
                if name_of(top) == name {
                    break;
                }
                if !optional_end(name_of(top)) || top.item.is_some() {
                    return None;
                }
                stack.pop();
            }
            let open = stack.pop()?; // none: a stray end tag
            if let Some(k) = open.item {
                out.items[k].0.end = tag_end + 1;
            }
            continue;
        }
        let attrs = end..tag_end.saturating_sub(usize::from(self_closed)).max(end);
        if name == b"base" && out.base_href.is_none() {
            out.base_href = css::attr(&b[attrs.clone()], "href")
                .ok()?
                .flatten()
                .map(|v| String::from_utf8_lossy(v).into_owned());
        }
        let is_item = match matcher {
            Some(m)
                if m.may_match(&css::Element {
                    name,
                    attrs: &b[attrs.clone()],
                }) =>
            {
                let el = css::Element {
                    name,
                    attrs: &b[attrs.clone()],
                };
                let ancestors: Vec<css::Element> = stack
                    .iter()
                    .map(|o| css::Element {
                        name: name_of(o),
                        attrs: &b[o.attrs.clone()],
                    })
                    .collect();
                m.matches(&el, &ancestors).ok()?
            }
            _ => false,
        };
        if is_item {
            let nested = stack.iter().any(|o| o.item.is_some());
            if nested || is_void(name) || self_closed || !context_ok(&formatting, &special, &stack)
            {
                return None;
            }
            out.items
                .push((at..at, String::from_utf8_lossy(name).into_owned()));
        }
        count(&FORMATTING, &mut formatting);
        count(&SPECIAL, &mut special);
        if is_void(name) {
            continue;
        }
        if self_closed {
            // In SVG and MathML `<path/>` is complete; in HTML `<div/>` opens a div.
            if special[0] > 0 || special[1] > 0 {
                continue;
            }
            return None;
        }
        // Start tags the parser answers by closing something.
        let open = |want: &[u8]| stack.iter().any(|o| name_of(o) == want);
        let top = stack.last().map(name_of);
        // Inside a table the parser moves stray content out ("foster parenting") and adds the
        // `<tbody>` and `<tr>` a page leaves out: the tree is no longer the tags' nesting.
        let in_table_body = matches!(top, Some(b"table" | b"tbody" | b"thead" | b"tfoot" | b"tr"));
        let table_part = matches!(
            name,
            b"caption"
                | b"colgroup"
                | b"col"
                | b"tbody"
                | b"thead"
                | b"tfoot"
                | b"tr"
                | b"td"
                | b"th"
                | b"script"
                | b"style"
                | b"template"
        );
        if (in_table_body && !table_part)
            || (name == b"tr" && top == Some(b"table"))
            || (matches!(name, b"td" | b"th") && top != Some(b"tr"))
        {
            return None;
        }
        if (closes_p(name) && open(b"p"))
            || (name == b"li" && top == Some(b"li"))
            || (name == b"li" && open(b"li") && !matches!(top, Some(b"ul" | b"ol" | b"menu")))
            || (matches!(name, b"dt" | b"dd") && (open(b"dt") || open(b"dd")))
            || (name == b"a" && open(b"a"))
            || (matches!(name, b"option" | b"optgroup") && open(b"option"))
            || (matches!(name, b"tr" | b"td" | b"th" | b"tbody" | b"thead" | b"tfoot")
                && matches!(top, Some(b"td" | b"th" | b"tr"))
                && !matches!((name, top), (b"td" | b"th", Some(b"tr"))))
        {
            return None;
        }
        if matches!(
            name,
            b"script"
                | b"style"
                | b"textarea"
                | b"title"
                | b"xmp"
                | b"iframe"
                | b"noembed"
                | b"noframes"
        ) {
            if is_item {
                return None;
            }
            let mut j = i;
            let mut found = false;
            while let Some(p) = memchr::memmem::find(&b[j..], b"</") {
                let at = j + p + 2;
                if b.get(at..at + name.len())
                    .is_some_and(|n| n.eq_ignore_ascii_case(name))
                {
                    i = memchr::memchr(b'>', &b[at..]).map_or(b.len(), |p| at + p + 1);
                    found = true;
                    break;
                }
                j = at;
            }
            if !found {
                return None;
            }
            continue;
        }
        stack.push(Open {
            name: name_start..end,
            attrs,
            item: is_item.then(|| out.items.len() - 1),
        });
    }
    // An item still open at the end closes implicitly: left to the parser.
    if stack.iter().any(|o| o.item.is_some()) || next.peek().is_some() {
        return None;
    }
    Some(out)
}

/// Elements whose place in the document the HTML parser decides by rules a stream cannot
/// follow (ignored outside their parent, foster-parented, or raw text).
fn parser_may_move(tag: &str) -> bool {
    matches!(
        tag,
        "tr" | "td"
            | "th"
            | "tbody"
            | "thead"
            | "tfoot"
            | "caption"
            | "col"
            | "colgroup"
            | "table"
            | "option"
            | "optgroup"
            | "select"
            | "form"
            | "html"
            | "head"
            | "body"
            | "frameset"
            | "frame"
            | "template"
            | "noscript"
            | "svg"
            | "math"
            | "iframe"
            | "textarea"
            | "title"
            | "script"
            | "style"
            | "xmp"
            | "noembed"
            | "noframes"
            | "plaintext"
            | "image"
            | "isindex"
    )
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
