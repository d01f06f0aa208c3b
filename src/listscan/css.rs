//! The small part of CSS the list scanner matches by itself while it walks a page's tags:
//! compounds of a tag name, `#id`, `.class`, `[attr]` and `[attr=value]`, joined by descendant
//! (` `) or child (`>`) combinators, in comma-separated lists. That covers the item selectors
//! people write for news lists (`div.news-list article.item`, `#section-list ul.type2 > li`).
//! Anything else is left to lol_html.
//!
//! Where matching could differ from the HTML parser's (a class that matches only when case is
//! ignored, as in quirks mode; an attribute value holding an entity), it answers "unsure" and
//! the page is parsed whole.

/// One compound selector: every part must hold for the same element.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Compound {
    /// Lower-case tag name; `None` for `*` or none given.
    tag: Option<String>,
    id: Option<String>,
    classes: Vec<String>,
    /// Attribute name (lower case) and the exact value wanted, if any.
    attrs: Vec<(String, Option<String>)>,
}

/// How a compound relates to the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Combinator {
    Descendant,
    Child,
}

/// A parsed selector list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Simple {
    /// Each alternative: compounds left to right, each with the combinator that joins it to the
    /// one before (the first's is ignored).
    alternatives: Vec<Vec<(Combinator, Compound)>>,
}

/// What the matcher needs to know of an element: its tag name and the source of its start
/// tag's attributes.
pub struct Element<'a> {
    pub name: &'a [u8],
    pub attrs: &'a [u8],
}

/// The matcher could not be sure it agrees with the parser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unsure;

fn ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

fn take_ident(s: &str) -> Option<(&str, &str)> {
    let end = s.find(|c: char| !ident_char(c)).unwrap_or(s.len());
    (end > 0).then(|| s.split_at(end))
}

impl Simple {
    /// Parses `css`; `None` when it uses anything outside the supported subset.
    pub fn parse(css: &str) -> Option<Simple> {
        let mut alternatives = Vec::new();
        for alt in css.split(',') {
            let mut steps = Vec::new();
            let mut rest = alt.trim();
            if rest.is_empty() {
                return None;
            }
            let mut combinator = Combinator::Descendant;
            while !rest.is_empty() {
                let (compound, after) = Self::compound(rest)?;
                steps.push((combinator, compound));
                let trimmed = after.trim_start();
                if trimmed.is_empty() {
                    break;
                }
                if let Some(r) = trimmed.strip_prefix('>') {
                    combinator = Combinator::Child;
                    rest = r.trim_start();
                } else if trimmed.len() < after.len() {
                    combinator = Combinator::Descendant;
                    rest = trimmed;
                } else {
                    return None; // `+`, `~`, `:` and the like
                }
            }
            alternatives.push(steps);
        }
        Some(Simple { alternatives })
    }

    fn compound(mut s: &str) -> Option<(Compound, &str)> {
        let original = s.len();
        let mut c = Compound::default();
        if let Some(r) = s.strip_prefix('*') {
            s = r;
        } else if let Some((tag, r)) = take_ident(s) {
            c.tag = Some(tag.to_ascii_lowercase());
            s = r;
        }
        loop {
            if let Some(r) = s.strip_prefix('#') {
                let (id, r) = take_ident(r)?;
                c.id = Some(id.to_string());
                s = r;
            } else if let Some(r) = s.strip_prefix('.') {
                let (class, r) = take_ident(r)?;
                c.classes.push(class.to_string());
                s = r;
            } else if let Some(r) = s.strip_prefix('[') {
                let (inner, r) = r.split_once(']')?;
                let (name, value) = match inner.split_once('=') {
                    Some((n, v)) => {
                        let v = v.trim();
                        let v = v
                            .strip_prefix('"')
                            .and_then(|v| v.strip_suffix('"'))
                            .or_else(|| v.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
                            .unwrap_or(v);
                        if v.contains(['"', '\'', '\\', '[']) {
                            return None;
                        }
                        (n.trim(), Some(v.to_string()))
                    }
                    None => (inner.trim(), None),
                };
                if name.is_empty() || !name.chars().all(ident_char) {
                    return None; // `^=`, `|=`, namespaces...
                }
                c.attrs.push((name.to_ascii_lowercase(), value));
                s = r;
            } else {
                break;
            }
        }
        // A compound must be something (a bare `*` counts).
        (s.len() < original).then_some((c, s))
    }

    /// Whether `el` itself fits the last compound of some alternative: a cheap first test
    /// before the ancestors are looked at. "Unsure" counts as a fit.
    pub fn may_match(&self, el: &Element) -> bool {
        self.alternatives.iter().any(|alt| {
            alt.last()
                .is_some_and(|(_, c)| compound_matches(c, el) != Ok(false))
        })
    }

    /// Whether `el`, with `ancestors` (outermost first) above it, matches.
    pub fn matches(&self, el: &Element, ancestors: &[Element]) -> Result<bool, Unsure> {
        for alt in &self.alternatives {
            if matches_from(alt, alt.len() - 1, el, ancestors)? {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

fn matches_from(
    steps: &[(Combinator, Compound)],
    k: usize,
    el: &Element,
    ancestors: &[Element],
) -> Result<bool, Unsure> {
    if !compound_matches(&steps[k].1, el)? {
        return Ok(false);
    }
    if k == 0 {
        return Ok(true);
    }
    match steps[k].0 {
        Combinator::Child => match ancestors.split_last() {
            Some((parent, above)) => matches_from(steps, k - 1, parent, above),
            None => Ok(false),
        },
        Combinator::Descendant => {
            for i in (0..ancestors.len()).rev() {
                if matches_from(steps, k - 1, &ancestors[i], &ancestors[..i])? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
    }
}

fn compound_matches(c: &Compound, el: &Element) -> Result<bool, Unsure> {
    if let Some(tag) = &c.tag {
        if !el.name.eq_ignore_ascii_case(tag.as_bytes()) {
            return Ok(false);
        }
    }
    if let Some(id) = &c.id {
        match attr(el.attrs, "id")? {
            Some(Some(v)) if v.trim_ascii() == id.as_bytes() => {}
            Some(Some(v)) if v.trim_ascii().eq_ignore_ascii_case(id.as_bytes()) => {
                return Err(Unsure)
            }
            _ => return Ok(false),
        }
    }
    if !c.classes.is_empty() {
        let Some(Some(value)) = attr(el.attrs, "class")? else {
            return Ok(false);
        };
        for want in &c.classes {
            let mut found = false;
            for have in value
                .split(u8::is_ascii_whitespace)
                .filter(|w| !w.is_empty())
            {
                if have == want.as_bytes() {
                    found = true;
                } else if have.eq_ignore_ascii_case(want.as_bytes()) {
                    return Err(Unsure);
                }
            }
            if !found {
                return Ok(false);
            }
        }
    }
    for (name, value) in &c.attrs {
        match (attr(el.attrs, name)?, value) {
            (None, _) => return Ok(false),
            (Some(_), None) => {}
            (Some(Some(have)), Some(want)) if have == want.as_bytes() => {}
            (Some(None), Some(want)) if want.is_empty() => {}
            _ => return Ok(false),
        }
    }
    Ok(true)
}

/// The value of attribute `name` in a start tag's attribute source: `None` when absent,
/// `Some(None)` when present without a value. The first occurrence wins, as in HTML. A value
/// holding `&` (an entity the parser would decode) is [`Unsure`].
pub fn attr<'a>(src: &'a [u8], name: &str) -> Result<Option<Option<&'a [u8]>>, Unsure> {
    let mut i = 0;
    let b = src;
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        if i == start {
            i += 1;
            continue;
        }
        let key = &b[start..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let value = if b.get(i) == Some(&b'=') {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = b[i + 1..]
                        .iter()
                        .position(|&c| c == q)
                        .map_or(b.len(), |p| i + 1 + p);
                    let v = &b[(i + 1).min(end)..end];
                    i = end + 1;
                    Some(v)
                }
                _ => {
                    let s = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    Some(&b[s..i])
                }
            }
        } else {
            None
        };
        if key.eq_ignore_ascii_case(name.as_bytes()) {
            if value.is_some_and(|v| v.contains(&b'&')) {
                return Err(Unsure);
            }
            return Ok(Some(value));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn el<'a>(name: &'a str, attrs: &'a str) -> Element<'a> {
        Element {
            name: name.as_bytes(),
            attrs: attrs.as_bytes(),
        }
    }

    #[test]
    fn parses_the_subset_and_refuses_the_rest() {
        for ok in [
            "li",
            "div.news-list article.item",
            "#section-list ul.type2 > li",
            "a.card, li.it",
            "*",
            "[data-id]",
            "div[role=list] > a",
            "td.subject a[href]",
        ] {
            assert!(Simple::parse(ok).is_some(), "{ok}");
        }
        for no in [
            "li:first-child",
            "a + b",
            "a ~ b",
            "a[href^=x]",
            "ns|a",
            "",
            "a,",
            "li:has(a)",
            "a[href=\"x y\"",
            ".",
            "#",
        ] {
            assert!(Simple::parse(no).is_none(), "{no}");
        }
    }

    #[test]
    fn matching_table() {
        let list = el("ul", r#" class="type2 list""#);
        let section = el("section", r#" id="section-list""#);
        let li = el("li", r#" class="item""#);
        let s = Simple::parse("#section-list ul.type2 > li").unwrap();
        assert_eq!(s.matches(&li, &[el("body", ""), section, list]), Ok(true));
        let s = Simple::parse("#section-list > li").unwrap();
        assert_eq!(
            s.matches(
                &li,
                &[
                    el("body", ""),
                    el("section", r#" id="section-list""#),
                    el("ul", r#" class="type2 list""#)
                ]
            ),
            Ok(false)
        );
        let s = Simple::parse("li.item").unwrap();
        assert_eq!(s.matches(&el("li", " class='Item'"), &[]), Err(Unsure));
        assert_eq!(s.matches(&el("LI", " class=item"), &[]), Ok(true));
        assert_eq!(
            s.matches(&el("li", " class=\"a&amp;b item\""), &[]),
            Err(Unsure)
        );
        let s = Simple::parse("a[data-kind=news]").unwrap();
        assert_eq!(
            s.matches(&el("a", " href=/x data-kind=news"), &[]),
            Ok(true)
        );
        assert_eq!(s.matches(&el("a", " href=/x data-kind=ad"), &[]), Ok(false));
    }

    #[test]
    fn attributes_are_read_like_html() {
        let src = br#" id="a" class = 'b c' data-x=1 hidden id="second""#;
        assert_eq!(attr(src, "id"), Ok(Some(Some(&b"a"[..]))));
        assert_eq!(attr(src, "class"), Ok(Some(Some(&b"b c"[..]))));
        assert_eq!(attr(src, "data-x"), Ok(Some(Some(&b"1"[..]))));
        assert_eq!(attr(src, "hidden"), Ok(Some(None)));
        assert_eq!(attr(src, "nope"), Ok(None));
    }
}
