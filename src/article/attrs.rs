//! An element's id, class, itemprop and role, read without interning, and the words of an
//! id or class: what the walks over every element of a page ask of each.

use scraper::ElementRef;

/// `e.attr(name)` without turning `name` into an interned atom first: `Element::attr` does
/// that on every call (a hash and a table lookup), which the walks over every element of a
/// page did many times per element. Matches the same attribute: no prefix, no namespace.
pub(super) fn attr<'e>(e: &'e scraper::node::Element, name: &str) -> Option<&'e str> {
    e.attrs
        .iter()
        .find(|(k, _)| k.prefix.is_none() && k.ns.is_empty() && &*k.local == name)
        .map(|(_, v)| &**v)
}

/// The `id`, `class`, `itemprop` and `role` of an element, read in one pass over its
/// attributes (the walks ask for several of them of every element), and the name a
/// component framework gives it (`data-component="byline-block"`, `data-testid="most-read"`,
/// `data-qa="image-credit"`): on pages whose classes are hashes (`sc-18fde0d6-0 dlWCEZ`),
/// the only name that says what a block is.
#[derive(Default)]
pub(super) struct Names<'e> {
    pub(super) id: Option<&'e str>,
    pub(super) class: Option<&'e str>,
    pub(super) itemprop: Option<&'e str>,
    pub(super) role: Option<&'e str>,
    pub(super) component: Option<&'e str>,
}

impl<'e> Names<'e> {
    pub(super) fn of(e: &'e scraper::node::Element) -> Self {
        let mut names = Names::default();
        for (k, v) in e.attrs.iter() {
            if k.prefix.is_some() || !k.ns.is_empty() {
                continue;
            }
            let slot = match &*k.local {
                "id" => &mut names.id,
                "class" => &mut names.class,
                "itemprop" => &mut names.itemprop,
                "role" => &mut names.role,
                "data-component" | "data-testid" | "data-qa" => &mut names.component,
                _ => continue,
            };
            if slot.is_none() {
                *slot = Some(&**v);
            }
        }
        names
    }

    /// The raw `id`, `class` and component name, space separated.
    pub(super) fn id_class(&self) -> String {
        let mut s = String::new();
        if let Some(id) = self.id {
            s.push_str(id);
        }
        for name in [self.class, self.component].into_iter().flatten() {
            s.push(' ');
            s.push_str(name);
        }
        s
    }
}

/// The raw `id`, `class` and component name of an element, space separated.
pub(super) fn raw_id_class(e: &scraper::node::Element) -> String {
    Names::of(e).id_class()
}

/// The lower-cased `id` and `class` of an element, space separated.
pub(super) fn id_class(el: ElementRef) -> String {
    raw_id_class(el.value()).to_lowercase()
}

/// The words of an id or class: split at anything but ASCII letters and at camelCase humps.
pub(super) fn name_words(raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in raw.chars() {
        if c.is_ascii_alphabetic() {
            if c.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            cur.push(c.to_ascii_lowercase());
            prev_lower = c.is_ascii_lowercase();
        } else {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_attr_reads_as_element_attr() {
        let doc = scraper::Html::parse_document(
            r#"<div id="a" class="b c" role="nav" data-x="1"><svg><a xlink:title="t" title="u"></a></svg></div>"#,
        );
        for node in doc.tree.nodes() {
            if let Some(e) = node.value().as_element() {
                for name in ["id", "class", "role", "data-x", "title", "href", "missing"] {
                    assert_eq!(attr(e, name), e.attr(name), "{name}");
                }
            }
        }
    }

    #[test]
    fn name_words_split() {
        assert_eq!(
            name_words("hotNews best_list"),
            ["hot", "news", "best", "list"]
        );
        assert_eq!(name_words("photo-box"), ["photo", "box"]);
        assert_eq!(name_words("rank10"), ["rank"]);
    }
}
