//! How deeply a page nests its elements, measured before anything parses it: the HTML
//! parser's work grows with depth times tags, so absurdly nested pages are refused.

/// hundred; the HTML parser's work grows with depth times tags, so 100,000 nested divs would
/// take minutes.
pub const MAX_NESTING: usize = 1024;

/// Elements the parser closes by itself or that never hold content: they add no lasting depth.
/// `lower` is the tag name in lower case.
fn void_or_implied(lower: &[u8]) -> bool {
    crate::listscan::is_void(lower)
        || crate::listscan::optional_end(lower)
        || matches!(lower, b"html" | b"head" | b"body")
}

/// How deeply a page nests its elements, by a quick scan of its tags (comments and the
/// insides of scripts and styles skipped), without parsing it.
pub fn nesting_depth(html: &str) -> usize {
    let b = html.as_bytes();
    let (mut i, mut depth, mut max) = (0usize, 0usize, 0usize);
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        i += off + 1;
        if b[i..].starts_with(b"!--") {
            i = memchr::memmem::find(&b[i..], b"-->").map_or(b.len(), |p| i + p + 3);
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let start = i + usize::from(closing);
        let mut end = start;
        while end < b.len() && (b[end].is_ascii_alphanumeric() || b[end] == b'-' || b[end] == b':')
        {
            end += 1;
        }
        if end == start {
            continue;
        }
        let name = &b[start..end];
        // Every name this scan tells apart is short; a longer one is an ordinary element.
        let mut buf = [0u8; 10];
        let lower: &[u8] = if name.len() <= buf.len() {
            let lower = &mut buf[..name.len()];
            lower.copy_from_slice(name);
            lower.make_ascii_lowercase();
            lower
        } else {
            b"-"
        };
        let tag_end = memchr::memchr(b'>', &b[end..]).map_or(b.len(), |p| end + p);
        let self_closed = b.get(tag_end.wrapping_sub(1)) == Some(&b'/');
        i = tag_end;
        if closing {
            if !void_or_implied(lower) {
                depth = depth.saturating_sub(1);
            }
        } else if matches!(
            lower,
            b"script" | b"style" | b"textarea" | b"title" | b"xmp"
        ) {
            // Raw text: skip to the matching end tag.
            let mut j = i;
            i = b.len();
            while let Some(p) = memchr::memmem::find(&b[j..], b"</") {
                let at = j + p + 2;
                if b.get(at..at + name.len())
                    .is_some_and(|n| n.eq_ignore_ascii_case(name))
                {
                    i = at;
                    break;
                }
                j = at;
            }
        } else if !void_or_implied(lower) && !self_closed {
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_depth_table() {
        let cases: &[(&str, usize)] = &[
            ("", 0),
            ("<div><div></div></div>", 2),
            ("<p>a<p>b<p>c", 0),
            ("<ul><li>a<li>b</ul>", 1),
            ("<div><br><img src=x><hr/></div>", 1),
            ("<div><!-- <div><div><div> --></div>", 1),
            ("<script>var s = '<div><div><div>';</script><div></div>", 1),
            ("<DIV><Section></SECTION></div>", 2),
            ("<x-card><x-card></x-card></x-card>", 2),
            ("<div/><span />", 0),
            ("a < b and c<d", 1),
        ];
        for (html, want) in cases {
            assert_eq!(nesting_depth(html), *want, "{html}");
        }
        let deep = "<div>".repeat(100_000);
        assert_eq!(nesting_depth(&deep), 100_000);
    }
}
