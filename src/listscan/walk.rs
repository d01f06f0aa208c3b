//! The structural walk: one pass over a page's tags that checks a stream and the HTML parser
//! would see the same elements nested the same way, and finds the items of a simple selector
//! ([`super::css`]) on the way.

use std::ops::Range;

use super::css;
use super::tags::{closes_p, is_void, optional_end, FORMATTING, SPECIAL};
use super::Walked;

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
pub(super) fn walk(html: &str, known: &[usize], matcher: Option<&css::Simple>) -> Option<Walked> {
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
