//! Walks over a parsed page that look for elements by tag name alone: cheaper than a
//! selector tried on every element, for the few rare elements most readers look for.

use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node};

/// Every element of the page that `Html::select` visits, in its order: the tree's nodes in
/// creation order, less those the parser took out of the tree (no parent). A caller
/// filtering by tag name finds what the selector would, in the same order.
pub fn elements(doc: &Html) -> impl Iterator<Item = ElementRef<'_>> {
    doc.tree
        .nodes()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.parent().is_some())
}

/// Whether `node` or one of its first `within` descendants is an element named one of
/// `tags` (a `<time>` in a header, an `<img>` in a block, a heading in a button).
pub fn holds_tag(node: NodeRef<Node>, within: usize, tags: &[&str]) -> bool {
    node.descendants().take(within).any(|n| {
        n.value()
            .as_element()
            .is_some_and(|e| tags.contains(&e.name()))
    })
}

/// Whether an element is inside code (`pre`, `code`), whose text is never a label, a note or
/// a box named like boilerplate (a highlighter's `<span class="token comment">`).
pub fn in_code(el: ElementRef) -> bool {
    el.ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| matches!(a.value().name(), "pre" | "code"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_by_tag_name() {
        let doc = Html::parse_document(
            "<h1 id=a>A</h1><div id=d><p>x <b><time>9:00</time></b></p></div><pre><code><span id=s>// c</span></code></pre><h1 id=b>B</h1>",
        );
        let sel = scraper::Selector::parse("h1").unwrap();
        let by_name: Vec<_> = elements(&doc)
            .filter(|e| e.value().name() == "h1")
            .map(|e| e.id())
            .collect();
        let by_selector: Vec<_> = doc.select(&sel).map(|e| e.id()).collect();
        assert_eq!(by_name, by_selector);
        let get = |css: &str| {
            doc.select(&scraper::Selector::parse(css).unwrap())
                .next()
                .unwrap()
        };
        assert!(holds_tag(*get("#d"), 10, &["time"]));
        assert!(!holds_tag(*get("#d"), 3, &["time"]));
        assert!(!holds_tag(*get("#d"), 10, &["img"]));
        assert!(in_code(get("#s")));
        assert!(!in_code(get("#d")));
    }
}
